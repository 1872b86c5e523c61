// The customer archive (客户档案): a customer found by name, phone or serial, then its contacts,
// sites, each machine with its warranty and its whole service history across engineers, and the
// calls the customer made; a dispatcher changes the customer, a site or a machine in place.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { Archive } from "../bindings/Archive";
import type { Call } from "../bindings/Call";
import type { PastJob } from "../bindings/PastJob";
import { useWords } from "../context";
import { localDate } from "./Board";
import type { Role } from "../bindings/Role";
import { CustomerForm, EquipmentForm, SiteForm } from "./ArchiveForms";
import { MatchText, SearchState, useCallers } from "./callers";

export function Customers({ id, role }: { id: string | null; role: Role }) {
  return id ? <CustomerArchive id={id} changes={role !== "viewer"} /> : <FindCustomer />;
}

/** What is being changed: the customer, a site or a machine (by id), or a new one. */
type Editing = { what: "customer" } | { what: "site"; id: string | null } | { what: "machine"; site: string; id: string | null } | null;

function FindCustomer() {
  const w = useWords();
  const [q, setQ] = useState("");
  const { found, failed } = useCallers(q);
  return (
    <section class="card narrow-wide" data-testid="customers">
      <h1>{w.t("archiveTitle")}</h1>
      <label>
        {w.t("findCustomer")}
        <input value={q} onInput={(e) => setQ(e.currentTarget.value)} placeholder={w.t("findHint")} autoFocus data-testid="archive-find" />
      </label>
      <SearchState found={found} failed={failed} />
      {found && (
        <ul class="plain" data-testid="archive-matches">
          {found.map((m) => (
            <li key={`${m.customer_id}:${m.equipment_id}`}>
              <a href={`#/customers/${m.customer_id}`}>
                <MatchText match={m} />
              </a>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CustomerArchive({ id, changes }: { id: string; changes: boolean }) {
  const w = useWords();
  const [archive, setArchive] = useState<Archive | null>(null);
  const [calls, setCalls] = useState<Call[]>([]);
  const [failed, setFailed] = useState(false);
  const [editing, setEditing] = useState<Editing>(null);
  const [said, setSaid] = useState<{ text: string; ok: boolean } | null>(null);
  const [read, setRead] = useState(0);
  const done = {
    onSaved: (text: string, ok: boolean) => (setEditing(null), setSaid({ text, ok }), setRead((n) => n + 1)),
    onCancel: () => setEditing(null),
  };
  const open = (e: Editing) => (setSaid(null), setEditing(e));
  useEffect(() => {
    let live = true;
    api.archive(id, localDate()).then(
      (a) => live && setArchive(a),
      () => live && setFailed(true),
    );
    api.customerCalls(id).then(
      (c) => live && setCalls(c),
      () => {},
    );
    return () => void (live = false);
  }, [id, read]);
  if (!archive) return <p class={failed ? "error" : "hint"}>{w.t(failed ? "unreachable" : "loading")}</p>;
  const c = archive.customer;
  const history = (jobs: PastJob[]) =>
    jobs.length === 0 ? (
      <p class="hint">{w.t("noHistory")}</p>
    ) : (
      <table class="grid">
        <tbody>
          {jobs.map((j) => (
            <tr key={j.id}>
              <td>
                <a href={`#/jobs/${j.id}`}>{j.number}</a>
              </td>
              <td>{j.scheduled_on}</td>
              <td>{w.jobType(j.job_type)}</td>
              <td>
                <span class={`status s-${j.status}`}>{w.status(j.status)}</span>
              </td>
              <td>{j.engineer ?? w.t("noEngineer")}</td>
              <td>{j.reported_fault}</td>
            </tr>
          ))}
        </tbody>
      </table>
    );
  return (
    <div class="archive" data-testid="archive">
      <div class="toolbar">
        <a href="#/customers">{w.t("archiveTitle")}</a>
        <h1>{c.name}</h1>
        {changes && (
          <>
            <button type="button" onClick={() => open({ what: "customer" })} data-testid="edit-customer">
              {w.t("editCustomer")}
            </button>
            <button type="button" onClick={() => open({ what: "site", id: null })} data-testid="add-site">
              {w.t("addSite")}
            </button>
          </>
        )}
      </div>
      <CallbackPlan customer={c.id} plan={archive.callback_plan} changes={changes} />
      {said && (
        <p class={said.ok ? "done" : "error"} role={said.ok ? "status" : "alert"} data-testid="archive-said">
          {said.text}
        </p>
      )}
      {editing?.what === "customer" && <CustomerForm customer={c} {...done} />}
      {editing?.what === "site" && editing.id === null && <SiteForm customerId={c.id} site={null} {...done} />}
      <div class="job-columns">
        <div class="job-main">
          {archive.sites.map((s) => (
            <section class="card" key={s.id} data-testid="archive-site">
              <div class="toolbar">
                <h2>
                  {s.name} <small>{s.address}</small>
                </h2>
                {changes && (
                  <>
                    <button type="button" onClick={() => open({ what: "site", id: s.id })} data-testid="edit-site">
                      {w.t("edit")}
                    </button>
                    <button type="button" onClick={() => open({ what: "machine", site: s.id, id: null })} data-testid="add-machine">
                      {w.t("addMachine")}
                    </button>
                  </>
                )}
              </div>
              {editing?.what === "site" && editing.id === s.id && <SiteForm customerId={c.id} site={s} {...done} />}
              {editing?.what === "machine" && editing.site === s.id && editing.id === null && (
                <EquipmentForm siteId={s.id} machine={null} {...done} />
              )}
              {s.directions && <p class="hint">{s.directions}</p>}
              {archive.equipment
                .filter((e) => e.site_id === s.id)
                .map((e) => (
                  <div class="machine" key={e.id} data-testid="archive-machine">
                    <h3>
                      {e.brand} {e.model} · {e.serial}{" "}
                      <span class={`badge ${e.in_warranty ? "soon" : ""}`}>
                        {w.t(e.in_warranty ? "inWarranty" : "outOfWarranty")}
                        {e.warranty_end && ` ${e.warranty_end}`}
                      </span>{" "}
                      {changes && (
                        <>
                          <button type="button" class="ghost" onClick={() => open({ what: "machine", site: s.id, id: e.id })} data-testid="edit-machine">
                            {w.t("edit")}
                          </button>{" "}
                          <a href={`#/plans/new/${c.id}/${e.id}`} data-testid="plan-machine">
                            {w.t("newPlan")}
                          </a>
                        </>
                      )}
                    </h3>
                    {editing?.what === "machine" && editing.id === e.id && <EquipmentForm siteId={s.id} machine={e} {...done} />}
                    {history(archive.jobs.filter((j) => j.equipment_id === e.id))}
                  </div>
                ))}
              {archive.jobs.some((j) => j.site_id === s.id && !j.equipment_id) && (
                <div class="machine">
                  <h3>{w.t("noEquipment")}</h3>
                  {history(archive.jobs.filter((j) => j.site_id === s.id && !j.equipment_id))}
                </div>
              )}
            </section>
          ))}
        </div>
        <aside class="job-side">
          <section class="card">
            <h2>{w.t("contacts")}</h2>
            {c.contacts.length === 0 ? (
              <p class="hint">—</p>
            ) : (
              <ul class="plain">
                {c.contacts.map((k) => (
                  <li key={k.id}>
                    <strong>{k.name}</strong> {k.role && <span class="hint">{k.role}</span>} · {k.phone}
                  </li>
                ))}
              </ul>
            )}
            {c.notes && <p class="hint">{c.notes}</p>}
          </section>
          <section class="card">
            <h2>{w.t("customerCalls")}</h2>
            {calls.length === 0 ? (
              <p class="hint">{w.t("noCallsYet")}</p>
            ) : (
              <ul class="plain">
                {calls.map((k) => (
                  <li key={k.id}>
                    <span class="hint">{new Date(k.received_at).toLocaleString(w.lang, { dateStyle: "short", timeStyle: "short" })}</span>{" "}
                    {k.caller} · {k.subject}
                  </li>
                ))}
              </ul>
            )}
          </section>
        </aside>
      </div>
    </div>
  );
}

/** The customer's quarterly callback (季度回访): the month of each quarter HQ calls in. */
function CallbackPlan(props: { customer: string; plan: number | null; changes: boolean }) {
  const w = useWords();
  const [plan, setPlan] = useState(props.plan);
  const [said, setSaid] = useState<string | null>(null);
  const pick = (value: string) => {
    const month = value ? Number(value) : null;
    api.setCallbackPlan(props.customer, month).then(
      () => (setPlan(month), setSaid(w.t("callbackPlanSaved"))),
      () => setSaid(w.t("callbackFailed")),
    );
  };
  return (
    <p class="inline-label" data-testid="callback-plan">
      {w.t("callbackPlan")}
      {w.t("colon")}
      <select disabled={!props.changes} onChange={(e) => pick(e.currentTarget.value)} data-testid="callback-plan-month">
        <option value="" selected={plan === null}>
          {w.t("callbackPlanNone")}
        </option>
        {[1, 2, 3].map((n) => (
          <option key={n} value={n} selected={plan === n}>
            {w.t("callbackPlanMonth", { n })}
          </option>
        ))}
      </select>
      {said && <span class="hint">{said}</span>}
    </p>
  );
}
