// Each engineer's van (随车配件): HQ's last count of each part, what went on reports since, what
// is left (short when reports used more than the count held), and how long the part has lain
// still, flagged after a month and after three; a new count recorded here reaches the laptop
// at its next sync.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { Engineer } from "../bindings/Engineer";
import type { Role } from "../bindings/Role";
import type { Staleness } from "../bindings/Staleness";
import type { VanLevel } from "../bindings/VanLevel";
import { useWords } from "../context";
import type { Key } from "../i18n";
import { Alert, EngineerSelect, problemsOf } from "./fields";

const FLAG: Record<Staleness, string> = { moving: "", still_for_a_month: "soon", still_for_three_months: "late" };

export function Vans({ role }: { role: Role }) {
  const w = useWords();
  const [engineers, setEngineers] = useState<Engineer[] | null>(null);
  const [engineer, setEngineer] = useState("");
  const [van, setVan] = useState<VanLevel[] | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(
    () =>
      void api.engineers().then(
        (e) => (setEngineers(e), setEngineer((now) => now || e[0]?.id || "")),
        () => setFailed(true),
      ),
    [],
  );
  const read = () => (engineer ? api.van(engineer).then(setVan, () => setFailed(true)) : Promise.resolve());
  useEffect(() => (setVan(null), void read()), [engineer]);
  if (!engineers) return <p class={failed ? "error" : "hint"}>{w.t(failed ? "unreachable" : "loading")}</p>;
  return (
    <div data-testid="vans">
      <div class="filters">
        <label class="inline-label">
          {w.t("pickEngineer")}
          <EngineerSelect engineers={engineers} value={engineer} onPick={setEngineer} testid="van-engineer" />
        </label>
      </div>
      {failed && <p class="error">{w.t("unreachable")}</p>}
      {engineers.length === 0 ? (
        <p class="hint card">{w.t("noEngineers")}</p>
      ) : !van ? (
        <p class="hint">{w.t("loading")}</p>
      ) : (
        <VanCount key={engineer} engineer={engineer} van={van} changes={role !== "viewer"} onCounted={read} />
      )}
    </div>
  );
}

function VanCount({ engineer, van, changes, onCounted }: { engineer: string; van: VanLevel[]; changes: boolean; onCounted: () => void }) {
  const w = useWords();
  // The new counts typed, by part code (an added code too).
  const [counts, setCounts] = useState<Record<string, string>>({});
  const [added, setAdded] = useState("");
  const [said, setSaid] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const typed = Object.entries(counts).filter(([, n]) => n.trim() !== "");
  const save = () => {
    const parts = typed.map(([part_code, n]) => ({ part_code, counted: Number(n) }));
    if (parts.some((p) => !Number.isInteger(p.counted))) return setProblem(w.t("fieldRefused"));
    setProblem(null);
    api.countVan(engineer, parts).then(
      () => (setCounts({}), setSaid(w.t("countSaved")), onCounted()),
      (err) => (setSaid(null), setProblem(problemsOf(err instanceof HqError ? err : null, w, "partsFailed", [])[""] ?? null)),
    );
  };
  const fresh = Object.keys(counts).filter((c) => !van.some((v) => v.part_code === c));
  return (
    <form class="card" onSubmit={(e) => (e.preventDefault(), save())} data-testid="van">
      {van.length === 0 && <p class="hint">{w.t("vanEmpty")}</p>}
      <table class="grid">
        <thead>
          <tr>
            <th>{w.t("partCode")}</th>
            <th>{w.t("partNameCol")}</th>
            <th class="num">{w.t("vanCounted")}</th>
            <th>{w.t("countedAt")}</th>
            <th class="num">{w.t("usedSince")}</th>
            <th class="num">{w.t("onHand")}</th>
            <th>{w.t("lastMoved")}</th>
            {changes && <th>{w.t("newCount")}</th>}
          </tr>
        </thead>
        <tbody>
          {van.map((v) => (
            <tr key={v.part_code} data-testid="van-part">
              <td class="mono">{v.part_code}</td>
              <td>
                {v.part_name ?? <span class="hint">{w.t("notCatalogued")}</span>}
                {v.spec && <div class="hint">{v.spec}</div>}
              </td>
              <td class="num">{v.counted}</td>
              <td>{w.day(v.counted_at)}</td>
              <td class="num">{v.used_since_count}</td>
              <td class="num">
                {v.on_hand}
                {v.on_hand < 0 && <div class="badge late">{w.t("short")}</div>}
              </td>
              <td>
                {w.day(v.last_movement_at)}{" "}
                <span class={`badge ${FLAG[v.staleness]}`} data-testid="staleness">
                  {w.t(`stale_${v.staleness}` as Key)}
                </span>
              </td>
              {changes && (
                <td>
                  <input
                    class="count"
                    inputMode="numeric"
                    value={counts[v.part_code] ?? ""}
                    onInput={(e) => setCounts({ ...counts, [v.part_code]: e.currentTarget.value })}
                    aria-label={`${w.t("newCount")} ${v.part_code}`}
                    data-testid="new-count"
                  />
                </td>
              )}
            </tr>
          ))}
          {fresh.map((code) => (
            <tr key={code}>
              <td class="mono">{code}</td>
              <td colSpan={6} />
              <td>
                <input
                  class="count"
                  inputMode="numeric"
                  value={counts[code]}
                  onInput={(e) => setCounts({ ...counts, [code]: e.currentTarget.value })}
                  aria-label={`${w.t("newCount")} ${code}`}
                  autoFocus
                />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {changes && (
        <div class="inline van-actions">
          <label class="inline-label">
            {w.t("addToVan")}
            <input value={added} onInput={(e) => setAdded(e.currentTarget.value)} data-testid="van-add-code" />
          </label>
          <button
            type="button"
            disabled={!added.trim()}
            onClick={() => (setCounts({ ...counts, [added.trim()]: counts[added.trim()] ?? "" }), setAdded(""))}
            data-testid="van-add"
          >
            {w.t("add")}
          </button>
          <span class="grow" />
          <button type="submit" class="primary" disabled={typed.length === 0} data-testid="record-count">
            {w.t("recordCount")}
          </button>
        </div>
      )}
      <Alert text={problem} />
      {said && <p class="done">{said}</p>}
    </form>
  );
}
