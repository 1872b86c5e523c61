// The conflict log: an engineer's edit HQ did not apply (a contact changed at HQ meanwhile, a
// report value another laptop filled first), HQ's value and the engineer's side by side, and
// the dispatcher keeps one. A settled conflict says who kept which.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { ConflictEntry } from "../bindings/ConflictEntry";
import type { Keep } from "../bindings/Keep";
import type { Role } from "../bindings/Role";
import { useWords } from "../context";
import type { Key } from "../i18n";
import { Alert, problemsOf } from "./fields";

type ContactValue = { name?: string; phone?: string; role?: string | null };

export function Conflicts({ role }: { role: Role }) {
  const w = useWords();
  const [which, setWhich] = useState<"open" | "all">("open");
  const [conflicts, setConflicts] = useState<ConflictEntry[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const read = () => api.conflicts(which, w.lang).then((c) => (setConflicts(c), setFailed(false)), () => setFailed(true));
  useEffect(() => void read(), [which, w.lang]);
  const settle = (c: ConflictEntry, keep: Keep) =>
    api.settle(c, keep).then(
      () => (setProblem(null), read()),
      (err) => (setProblem(problemsOf(err instanceof HqError ? err : null, w, "settleFailed")[""] ?? null), read()),
    );
  return (
    <div class="conflicts" data-testid="conflicts">
      <div class="toolbar">
        <h1>{w.t("conflictsTitle")}</h1>
        <div class="segmented">
          {(["open", "all"] as const).map((k) => (
            <button type="button" key={k} class={which === k ? "on" : ""} onClick={() => setWhich(k)} data-testid={`conflicts-${k}`}>
              {w.t(k === "open" ? "openConflicts" : "allConflicts")}
            </button>
          ))}
        </div>
      </div>
      <p class="hint">{w.t("conflictsHint")}</p>
      {failed && <p class="error">{w.t("unreachable")}</p>}
      <Alert text={problem} />
      {!conflicts ? (
        <p class="hint">{w.t("loading")}</p>
      ) : conflicts.length === 0 ? (
        <p class="hint card">{w.t(which === "open" ? "noConflicts" : "noConflictsAll")}</p>
      ) : (
        conflicts.map((c) => <Conflict key={`${c.kind}-${c.id}`} conflict={c} changes={role !== "viewer"} onSettle={settle} />)
      )}
    </div>
  );
}

function Conflict({ conflict: c, changes, onSettle }: { conflict: ConflictEntry; changes: boolean; onSettle: (c: ConflictEntry, k: Keep) => void }) {
  const w = useWords();
  const what = c.kind === "contact" ? w.t("contactOf", { c: c.customer ?? "" }) : c.field_said ?? c.field ?? "";
  const engineer = c.engineer ?? c.engineer_id;
  const side = (keep: Keep, title: string, value: unknown, said: string | undefined) => (
    <div class={`side ${c.settled?.keep === keep ? "kept" : ""}`} data-testid={`side-${keep}`}>
      <h3>{title}</h3>
      <Value kind={c.kind} value={value} said={said} />
      {changes && !c.settled && (
        <button type="button" class={keep === "hq" ? "" : "primary"} onClick={() => onSettle(c, keep)} data-testid={`keep-${keep}`}>
          {w.t(keep === "hq" ? "keepHq" : "keepEngineer")}
        </button>
      )}
    </div>
  );
  return (
    <section class="card conflict" data-testid="conflict">
      <div class="toolbar">
        <h2>{what}</h2>
        {c.job_number && <a href={`#/jobs/${c.job_id}`}>{c.job_number}</a>}
        <span class="hint">
          {engineer} · {w.at(new Date(c.at / 1e6).toISOString())}
        </span>
      </div>
      <div class="sides">
        {side("hq", w.t("keptAtHq"), c.kept, c.kept_said)}
        {side("engineer", w.t("engineersValue", { n: engineer }), c.theirs, c.theirs_said)}
      </div>
      {c.settled && (
        <p class="done" data-testid="settled">
          {w.t("settledBy", {
            t: w.at(c.settled.at),
            p: c.settled.by.replace(/^(person|token):/, ""),
            side: w.t(`side_${c.settled.keep}` as Key),
          })}
        </p>
      )}
    </section>
  );
}

function Value({ kind, value, said }: { kind: ConflictEntry["kind"]; value: unknown; said?: string }) {
  const w = useWords();
  if (kind === "contact") {
    const v = (value ?? {}) as ContactValue;
    return (
      <dl class="pairs">
        <dt>{w.t("contactName")}</dt>
        <dd>{v.name}</dd>
        <dt>{w.t("contactPhone")}</dt>
        <dd>{v.phone}</dd>
        {v.role && (
          <>
            <dt>{w.t("contactRole")}</dt>
            <dd>{v.role}</dd>
          </>
        )}
      </dl>
    );
  }
  const text = said ?? String(value ?? "");
  return <p class="value">{text.trim() ? text : <span class="hint">{w.t("empty")}</span>}</p>;
}
