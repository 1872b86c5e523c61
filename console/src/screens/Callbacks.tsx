// The callback queue (回访): why each customer is to be called (a low rating, the month's
// sample, the quarterly plan), by when, and about which visit. The clerk phones and records
// the customer's satisfaction — below 4, HQ opens a repair job, followed here until it is
// closed — or sends an engineer as a callback job. The manager sets the share sampled.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { CallbackEntry } from "../bindings/CallbackEntry";
import type { Engineer } from "../bindings/Engineer";
import type { Role } from "../bindings/Role";
import { DIMENSION_LABELS } from "../bindings/labels";
import { useWords } from "../context";
import type { Key } from "../i18n";
import { localDate } from "./Board";
import { Alert, EngineerSelect, Field, problemsOf } from "./fields";

type Listing = "open" | "done" | "all";
const LISTINGS: readonly Listing[] = ["open", "done", "all"];
const TITLES: Record<Listing, [Key, Key]> = {
  open: ["callbacksOpen", "noCallbacksOpen"],
  done: ["callbacksDone", "noCallbacksDone"],
  all: ["callbacksAll", "noCallbacksAll"],
};

export function Callbacks({ role }: { role: Role }) {
  const w = useWords();
  const [which, setWhich] = useState<Listing>("open");
  const [entries, setEntries] = useState<CallbackEntry[] | null>(null);
  const [engineers, setEngineers] = useState<Engineer[]>([]);
  const [failed, setFailed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const read = () => api.callbacks(which).then((e) => (setEntries(e), setFailed(false)), () => setFailed(true));
  useEffect(() => void read(), [which]);
  useEffect(() => void api.engineers().then(setEngineers, () => setEngineers([])), []);
  const act = (what: Promise<unknown>) =>
    what.then(
      () => (setProblem(null), read()),
      (err) => (setProblem(problemsOf(err instanceof HqError ? err : null, w, "callbackFailed")[""] ?? null), read()),
    );
  return (
    <div class="complaints" data-testid="callbacks">
      <div class="toolbar">
        <h1>{w.t("callbacksTitle")}</h1>
        <div class="segmented">
          {LISTINGS.map((k) => (
            <button type="button" key={k} class={which === k ? "on" : ""} onClick={() => setWhich(k)} data-testid={`callbacks-${k}`}>
              {w.t(TITLES[k][0])}
            </button>
          ))}
        </div>
      </div>
      <p class="hint">{w.t("callbacksHint")}</p>
      {role === "manager" && <SampleShare />}
      {failed && <p class="error">{w.t("unreachable")}</p>}
      <Alert text={problem} />
      {!entries ? (
        <p class="hint">{w.t("loading")}</p>
      ) : entries.length === 0 ? (
        <p class="hint card">{w.t(TITLES[which][1])}</p>
      ) : (
        entries.map((c) => <Callback key={c.id} entry={c} engineers={engineers} changes={role !== "viewer"} onAct={act} />)
      )}
    </div>
  );
}

/** Why the callback is in the queue, in the reader's words. */
function Reason({ entry: c }: { entry: CallbackEntry }) {
  const w = useWords();
  const r = c.reason;
  const i = w.lang === "en" ? 0 : 1;
  switch (r.kind) {
    case "low_rating":
      return <>{w.t("reason_low_rating", { d: r.dimensions.map((d) => DIMENSION_LABELS[d][i]).join(w.lang === "en" ? ", " : "、") })}</>;
    case "sampled":
      return <>{w.t("reason_sampled", { m: r.month })}</>;
    case "planned":
      return <>{w.t("reason_planned", { q: r.quarter })}</>;
  }
}

function Callback(props: { entry: CallbackEntry; engineers: Engineer[]; changes: boolean; onAct: (p: Promise<unknown>) => void }) {
  const w = useWords();
  const c = props.entry;
  const o = c.outcome;
  const f = c.follow_up;
  const late = c.stage === "queued" && c.due_on < localDate();
  const [working, setWorking] = useState(false);
  return (
    <div class={`card complaint ${late ? "overdue" : ""}`} data-testid="callback">
      <div class="head">
        <strong>
          <Reason entry={c} />
        </strong>{" "}
        · {c.customer}
        <span class="grow" />
        <span class={`status ${c.stage === "done" ? "" : "s-unresolved"}`}>{w.t(`cbstage_${c.stage}` as Key)}</span>
        {c.stage === "queued" && <span class={`badge ${late ? "late" : ""}`}>{w.t("dueOn", { d: c.due_on })}</span>}
      </div>
      <p class="hint">
        {w.t("queuedOn", { t: w.at(c.queued_at) })} · {w.t("aboutVisit")}
        {w.t("colon")}
        {c.job_id && c.job_number ? (
          <>
            <a href={`#/jobs/${c.job_id}`}>{c.job_number}</a>
            {c.engineer && ` · ${c.engineer}`}
          </>
        ) : (
          w.t("customerVisit")
        )}
      </p>
      {o?.by === "phoned" && (
        <p data-testid="phoned">{w.t("phonedBy", { p: o.who, t: w.at(o.at), s: o.satisfaction, n: o.notes })}</p>
      )}
      {o?.by === "visit" && <p>{w.t("visitBy", { p: o.who, t: w.at(o.at) })}</p>}
      {f && (
        <p data-testid="follow-up">
          {w.t("followedBy")}
          {w.t("colon")}
          <a href={`#/jobs/${f.id}`}>{f.number}</a> · {w.jobType(f.job_type)} ·{" "}
          {f.engineer ? (
            <>
              <span class={`status s-${f.status}`}>{w.status(f.status)}</span> · {f.engineer}
            </>
          ) : (
            w.t("noEngineer")
          )}
        </p>
      )}
      {!o && props.changes && !working && (
        <button type="button" class="primary" onClick={() => setWorking(true)} data-testid="callback-open">
          {w.t("recordCallback")}
        </button>
      )}
      {!o && props.changes && working && <Outcome entry={c} engineers={props.engineers} onAct={props.onAct} />}
    </div>
  );
}

/** The phone call's outcome, or an engineer sent instead. */
function Outcome({ entry: c, engineers, onAct }: { entry: CallbackEntry; engineers: Engineer[]; onAct: (p: Promise<unknown>) => void }) {
  const w = useWords();
  const [stars, setStars] = useState<number | null>(null);
  const [notes, setNotes] = useState("");
  const [engineer, setEngineer] = useState(c.engineer_id ?? "");
  const [day, setDay] = useState(localDate());
  return (
    <div class="steps-forms">
      <form onSubmit={(e) => (e.preventDefault(), stars && onAct(api.phoned(c.id, stars, notes.trim())))}>
        <h3>{w.t("phoneCustomer")}</h3>
        <div class="inline" role="radiogroup" aria-label={w.t("satisfactionAsked")}>
          <span>{w.t("satisfactionAsked")}</span>
          {[1, 2, 3, 4, 5].map((n) => (
            <button type="button" key={n} class={stars === n ? "on" : ""} aria-pressed={stars === n} onClick={() => setStars(n)} data-testid={`stars-${n}`}>
              {n}
            </button>
          ))}
        </div>
        <p class="hint">{w.t("satisfactionHint")}</p>
        <Field label={w.t("callbackNotes")}>
          <textarea value={notes} maxLength={4000} onInput={(e) => setNotes(e.currentTarget.value)} data-testid="callback-notes" />
        </Field>
        <button type="submit" class="primary" disabled={!stars || !notes.trim()} data-testid="save-phoned">
          {w.t("savePhoned")}
        </button>
      </form>
      <form class="inline" onSubmit={(e) => (e.preventDefault(), engineer && onAct(api.callbackVisit(c.id, engineer, day)))}>
        <Field label={w.t("sendVisit")}>
          <EngineerSelect engineers={engineers} value={engineer} onPick={setEngineer} none="—" testid="visit-engineer" />
        </Field>
        <Field label={w.t("visitOn")}>
          <input type="date" value={day} min={localDate()} onInput={(e) => setDay(e.currentTarget.value)} data-testid="visit-day" />
        </Field>
        <button type="submit" disabled={!engineer || !day} data-testid="send-visit">
          {w.t("sendVisitGo")}
        </button>
      </form>
    </div>
  );
}

/** The manager's share of each engineer's completed jobs sampled every month. */
function SampleShare() {
  const w = useWords();
  const [percent, setPercent] = useState("");
  const [said, setSaid] = useState<string | null>(null);
  useEffect(() => void api.callbackPolicy().then((p) => setPercent(String(p.sample_percent)), () => {}), []);
  const save = (e: Event) => {
    e.preventDefault();
    api.setCallbackPolicy({ sample_percent: Number(percent) }).then(
      () => setSaid(w.t("sampleSaved")),
      (err) => setSaid(problemsOf(err instanceof HqError ? err : null, w, "callbackFailed")[""] ?? null),
    );
  };
  return (
    <form class="inline-form" onSubmit={save} data-testid="sample-share">
      <Field label={w.t("samplePercent")}>
        <input type="number" min={0} max={100} value={percent} onInput={(e) => setPercent(e.currentTarget.value)} data-testid="sample-percent" />
      </Field>
      <button type="submit">{w.t("saveSample")}</button>
      {said && <span class="hint">{said}</span>}
    </form>
  );
}
