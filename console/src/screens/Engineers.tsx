// Engineers and their laptops: add an engineer, give a one-time enrollment code (shown once,
// HQ keeps only its hash), each laptop with its last sync and the version it runs, and revoking
// a lost one (the service manager's decision, asked twice).
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { Device } from "../bindings/Device";
import type { Engineer } from "../bindings/Engineer";
import type { EnrollmentCode } from "../bindings/EnrollmentCode";
import type { Role } from "../bindings/Role";
import { useWords } from "../context";
import { Alert, Field, type Problems, problemsOf } from "./fields";

/** A laptop that has not synced for this long is marked. */
const QUIET_AFTER_MS = 2 * 24 * 3600 * 1000;

export function Engineers({ role }: { role: Role }) {
  const w = useWords();
  const [engineers, setEngineers] = useState<Engineer[] | null>(null);
  const [devices, setDevices] = useState<Device[]>([]);
  const [failed, setFailed] = useState(false);
  const [code, setCode] = useState<{ name: string; code: EnrollmentCode } | null>(null);
  const [problems, setProblems] = useState<Problems>({});
  const read = () =>
    Promise.all([api.engineers(), api.devices()]).then(
      ([e, d]) => (setEngineers(e), setDevices(d), setFailed(false)),
      () => setFailed(true),
    );
  useEffect(() => void read(), []);

  const refused = (err: unknown) => setProblems(problemsOf(err instanceof HqError ? err : null, w, "fleetFailed", ["engineer name"]));
  const issue = (name: string, what: Promise<EnrollmentCode>) => {
    setProblems({});
    return what.then((c) => (setCode({ name, code: c }), read()), refused);
  };
  const changes = role !== "viewer";
  if (!engineers) return <p class={failed ? "error" : "hint"}>{w.t(failed ? "unreachable" : "loading")}</p>;
  return (
    <div class="fleet" data-testid="engineers">
      <div class="toolbar">
        <h1>{w.t("engineersTitle")}</h1>
      </div>
      {failed && <p class="error">{w.t("unreachable")}</p>}
      {changes && <AddEngineer problem={problems["engineer name"]} onAdd={(name) => issue(name, api.addEngineer(name))} />}
      <Alert text={problems[""]} />
      {code && <CodeShown name={code.name} code={code.code} onDone={() => setCode(null)} />}
      {engineers.length === 0 && <p class="hint">{w.t("noEngineers")}</p>}
      {engineers.map((e) => (
        <section class="card engineer" key={e.id} data-testid="engineer">
          <div class="toolbar">
            <h2>{e.name}</h2>
            {changes && (
              <button type="button" onClick={() => issue(e.name, api.newCode(e.id))} data-testid="new-code">
                {w.t("newCode")}
              </button>
            )}
          </div>
          <Laptops devices={devices.filter((d) => d.engineer_id === e.id)} role={role} onChange={read} />
        </section>
      ))}
    </div>
  );
}

function AddEngineer({ problem, onAdd }: { problem?: string; onAdd: (name: string) => Promise<unknown> }) {
  const w = useWords();
  const [name, setName] = useState("");
  return (
    <form
      class="card inline-form"
      onSubmit={(e) => (e.preventDefault(), onAdd(name.trim()).then(() => setName("")))}
      data-testid="add-engineer"
    >
      <Field label={w.t("engineerName")} problem={problem}>
        <input value={name} onInput={(e) => setName(e.currentTarget.value)} maxLength={100} data-testid="engineer-name" />
      </Field>
      <button type="submit" class="primary" disabled={!name.trim()} data-testid="add-engineer-go">
        {w.t("addEngineer")}
      </button>
    </form>
  );
}

function CodeShown({ name, code, onDone }: { name: string; code: EnrollmentCode; onDone: () => void }) {
  const w = useWords();
  return (
    <section class="card code-shown" role="status" data-testid="code-shown">
      <h2>{w.t("codeFor", { n: name })}</h2>
      <p class="code" data-testid="code">
        {code.code}
      </p>
      <p>{w.t("codeOnce", { t: w.at(code.expires_at) })}</p>
      <p class="hint">{w.t("codeEarlier")}</p>
      <button type="button" onClick={onDone} data-testid="code-done">
        {w.t("hideCode")}
      </button>
    </section>
  );
}

function Laptops({ devices, role, onChange }: { devices: Device[]; role: Role; onChange: () => void }) {
  const w = useWords();
  const [asking, setAsking] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  if (devices.length === 0) return <p class="hint">{w.t("noLaptop")}</p>;
  const revoke = (d: Device) =>
    api.revoke(d.client_id).then(
      () => (setAsking(null), setProblem(null), onChange()),
      (err) => setProblem(problemsOf(err instanceof HqError ? err : null, w, "fleetFailed")[""] ?? w.t("fleetFailed")),
    );
  return (
    <>
      <table class="grid">
        <thead>
          <tr>
            <th>{w.t("laptop")}</th>
            <th>{w.t("enrolled")}</th>
            <th>{w.t("lastSync")}</th>
            <th>{w.t("version")}</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {devices.map((d) => (
            <tr key={d.client_id} class={d.revoked_at ? "revoked" : ""} data-testid="laptop">
              <td>{d.name}</td>
              <td>{w.at(d.enrolled_at)}</td>
              <td>
                <LastSync device={d} />
              </td>
              <td>{d.app_version ?? "—"}</td>
              <td class="row-action">
                {d.revoked_at ? (
                  <span class="badge">{w.t("revokedOn", { t: w.at(d.revoked_at) })}</span>
                ) : role === "manager" ? (
                  <button type="button" onClick={() => setAsking(d.client_id)} data-testid="revoke">
                    {w.t("revoke")}
                  </button>
                ) : (
                  <span class="badge">{w.t("active")}</span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {devices
        .filter((d) => d.client_id === asking)
        .map((d) => (
          <div class="ask" role="alertdialog" key={d.client_id} data-testid="revoke-ask">
            <p>{w.t("revokeAsk", { n: d.name })}</p>
            <button type="button" class="danger" onClick={() => revoke(d)} data-testid="revoke-yes">
              {w.t("revokeYes")}
            </button>
            <button type="button" onClick={() => (setAsking(null), setProblem(null))} data-testid="revoke-keep">
              {w.t("keep")}
            </button>
          </div>
        ))}
      <Alert text={problem} />
    </>
  );
}

function LastSync({ device }: { device: Device }) {
  const w = useWords();
  if (!device.last_sync_at) return <span class="hint">{w.t("neverSynced")}</span>;
  const quiet = Date.now() - new Date(device.last_sync_at).getTime();
  return (
    <>
      {w.at(device.last_sync_at)}{" "}
      {!device.revoked_at && quiet > QUIET_AFTER_MS && (
        <span class="badge late">{w.t("quiet", { d: w.minutes(Math.floor(quiet / 60000)) })}</span>
      )}
    </>
  );
}
