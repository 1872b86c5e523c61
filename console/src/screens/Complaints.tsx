// The register of complaints (投诉登记): open ones newest first, the overdue list (past the 24
// hours with no reply, the longest overdue first), closed and all. Each complaint shows its
// clock, what HQ did, the compensation the manager approved, and how it closed; whoever may
// change things records the next step there.
import { useEffect, useState } from "preact/hooks";
import { type ComplaintListing, HqError, api } from "../api";
import type { ComplaintEntry } from "../bindings/ComplaintEntry";
import type { Role } from "../bindings/Role";
import { COMPLAINT_CATEGORY_LABELS, COMPLAINT_CHANNEL_LABELS } from "../bindings/labels";
import { useWords } from "../context";
import type { Key } from "../i18n";
import { minorOf } from "./Catalogue";
import { ComplaintForm } from "./ComplaintForm";
import { Alert, Field, problemsOf } from "./fields";

const LISTINGS: readonly ComplaintListing[] = ["open", "overdue", "closed", "all"];
const LISTING_WORDS: Record<ComplaintListing, [Key, Key]> = {
  open: ["complaintsOpen", "noComplaintsOpen"],
  overdue: ["complaintsOverdue", "noComplaintsOverdue"],
  closed: ["complaintsClosed", "noComplaintsClosed"],
  all: ["complaintsAll", "noComplaintsAll"],
};

/** `new` opens the form at once, for `customer` and `job` when a job page sent the reader. */
export type Registering = { customer: string; job: string } | "new" | null;

export function Complaints({ role, registering }: { role: Role; registering: Registering }) {
  const w = useWords();
  const [which, setWhich] = useState<ComplaintListing>("open");
  const [entries, setEntries] = useState<ComplaintEntry[] | null>(null);
  const [overdue, setOverdue] = useState(0);
  const [failed, setFailed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const [form, setForm] = useState(registering !== null);
  const read = () =>
    Promise.all([api.complaints(which), api.complaints("overdue")]).then(
      ([e, late]) => (setEntries(e), setOverdue(late.length), setFailed(false)),
      () => setFailed(true),
    );
  useEffect(() => void read(), [which]);
  const act = (what: Promise<unknown>) =>
    what.then(
      () => (setProblem(null), read()),
      (err) => (setProblem(problemsOf(err instanceof HqError ? err : null, w, "complaintFailed")[""] ?? null), read()),
    );
  const changes = role !== "viewer";
  return (
    <div class="complaints" data-testid="complaints">
      <div class="toolbar">
        <h1>{w.t("complaintsTitle")}</h1>
        <div class="segmented">
          {LISTINGS.map((k) => (
            <button type="button" key={k} class={which === k ? "on" : ""} onClick={() => setWhich(k)} data-testid={`complaints-${k}`}>
              {w.t(LISTING_WORDS[k][0])}
              {k === "overdue" && overdue > 0 && <span class="badge late"> {overdue}</span>}
            </button>
          ))}
        </div>
        {changes && !form && (
          <button type="button" class="primary" onClick={() => setForm(true)} data-testid="register-complaint">
            {w.t("registerComplaint")}
          </button>
        )}
      </div>
      <p class="hint">{w.t("complaintsHint")}</p>
      {form && changes && (
        <ComplaintForm
          given={typeof registering === "object" ? registering : null}
          onSaved={() => (setForm(false), setWhich("open"), read())}
          onCancel={() => setForm(false)}
        />
      )}
      {failed && <p class="error">{w.t("unreachable")}</p>}
      <Alert text={problem} />
      {!entries ? (
        <p class="hint">{w.t("loading")}</p>
      ) : entries.length === 0 ? (
        <p class="hint card">{w.t(LISTING_WORDS[which][1])}</p>
      ) : (
        entries.map((c) => <Complaint key={c.id} entry={c} role={role} onAct={act} />)
      )}
    </div>
  );
}

/** The complaint's words for its channel and category, in the reader's language. */
export function useComplaintLabels() {
  const w = useWords();
  const i = w.lang === "en" ? 0 : 1;
  return (c: ComplaintEntry) => ({ channel: COMPLAINT_CHANNEL_LABELS[c.channel][i], category: COMPLAINT_CATEGORY_LABELS[c.category][i] });
}

/** The 24 hours: left, overdue, or how the reply came. */
function Clock({ entry: c }: { entry: ComplaintEntry }) {
  const w = useWords();
  if (c.replied_in_time !== null && c.stage !== "received") {
    return <span class={`badge ${c.replied_in_time ? "" : "late"}`}>{w.t(c.replied_in_time ? "repliedInTime" : "repliedLate")}</span>;
  }
  const minutes = Math.round((Date.parse(c.reply_due) - Date.now()) / 60000);
  return c.overdue || minutes < 0 ? (
    <span class="badge late" data-testid="clock">{w.t("replyLate", { m: w.minutes(-minutes) })}</span>
  ) : (
    <span class={`badge ${minutes <= 240 ? "soon" : ""}`} data-testid="clock">{w.t("replyLeft", { m: w.minutes(minutes) })}</span>
  );
}

export function Complaint({ entry: c, role, onAct }: { entry: ComplaintEntry; role: Role; onAct: (p: Promise<unknown>) => void }) {
  const w = useWords();
  const labels = useComplaintLabels()(c);
  const open = c.stage !== "closed";
  const k = c.compensation;
  return (
    <div class={`card complaint ${c.overdue ? "overdue" : ""}`} data-testid="complaint">
      <div class="head">
        <strong>{labels.category}</strong> · {labels.channel} · {c.customer}
        {c.job_number && c.job_id && (
          <>
            {" "}· <a href={`#/jobs/${c.job_id}`}>{c.job_number}</a>
          </>
        )}
        {c.engineer && <> · {c.engineer}</>}
        <span class="grow" />
        <span class={`status ${open ? "s-unresolved" : ""}`}>{w.t(`cstage_${c.stage}` as Key)}</span> <Clock entry={c} />
      </div>
      <p class="hint">
        {w.at(c.received_at)} · {w.t("registeredBy", { p: c.registered_by })}
      </p>
      <p class="said">{c.text}</p>
      {c.handling.length > 0 && (
        <ol class="steps" data-testid="steps">
          {c.handling.map((h) => (
            <li key={h.at + h.text}>
              <span class="hint">{w.at(h.at)} · {h.by}</span> {h.text}
            </li>
          ))}
        </ol>
      )}
      {k && (
        <p data-testid="compensation">
          {w.t("compensationTitle")}
          {w.t("colon")}
          {w.t("compensationApproved", { m: k.model, q: k.quantity, a: w.money(k.amount), p: k.approved_by, t: w.at(k.approved_at) })}
        </p>
      )}
      {c.closure && (
        <p data-testid="closure">
          {w.t("closedBy", {
            p: c.closure.by,
            t: w.at(c.closure.at),
            a: c.closure.customer_answer,
            ok: w.t(c.closure.accepted ? "accepted" : "notAccepted"),
          })}
        </p>
      )}
      {open && role !== "viewer" && <Steps entry={c} role={role} onAct={onAct} />}
    </div>
  );
}

/** The next steps of an open complaint: a handling step, the compensation, the close. */
function Steps({ entry: c, role, onAct }: { entry: ComplaintEntry; role: Role; onAct: (p: Promise<unknown>) => void }) {
  const w = useWords();
  const [step, setStep] = useState("");
  const [answer, setAnswer] = useState("");
  const [accepts, setAccepts] = useState(true);
  const [model, setModel] = useState(c.compensation?.model ?? "");
  const [quantity, setQuantity] = useState(String(c.compensation?.quantity ?? 1));
  const [worth, setWorth] = useState(c.compensation ? (c.compensation.amount.minor / 100).toFixed(2) : "");
  const minor = minorOf(worth);
  return (
    <div class="steps-forms">
      <form onSubmit={(e) => (e.preventDefault(), onAct(api.handleComplaint(c.id, step.trim())))}>
        <Field label={w.t("handlingStep")}>
          <textarea value={step} maxLength={4000} onInput={(e) => setStep(e.currentTarget.value)} data-testid="step-text" />
        </Field>
        <button type="submit" disabled={!step.trim()} data-testid="add-step">
          {w.t("addStep")}
        </button>
      </form>
      {role === "manager" ? (
        <form
          class="inline"
          onSubmit={(e) => (
            e.preventDefault(),
            minor !== null &&
              onAct(api.compensate(c.id, { model: model.trim(), quantity: Number(quantity), amount: { minor, currency: "CNY" } }))
          )}
        >
          <Field label={w.t("compensationModel")}>
            <input value={model} maxLength={200} onInput={(e) => setModel(e.currentTarget.value)} data-testid="comp-model" />
          </Field>
          <Field label={w.t("compensationQuantity")}>
            <input type="number" min={0} max={9999} value={quantity} onInput={(e) => setQuantity(e.currentTarget.value)} data-testid="comp-quantity" />
          </Field>
          <Field label={w.t("compensationAmount", { u: w.unit("CNY") })} problem={worth && minor === null ? w.t("yuanInvalid") : undefined}>
            <input value={worth} inputMode="decimal" onInput={(e) => setWorth(e.currentTarget.value)} data-testid="comp-amount" />
          </Field>
          <button type="submit" disabled={!model.trim() || minor === null} data-testid="approve-compensation">
            {w.t("approveCompensation")}
          </button>
        </form>
      ) : (
        <p class="hint">{w.t("compensationManagerOnly")}</p>
      )}
      {c.handling.length > 0 && (
        <form
          class="inline"
          onSubmit={(e) => (e.preventDefault(), onAct(api.closeComplaint(c.id, { customer_answer: answer.trim(), accepted: accepts })))}
        >
          <Field label={w.t("customerAnswer")}>
            <input value={answer} maxLength={4000} onInput={(e) => setAnswer(e.currentTarget.value)} data-testid="customer-answer" />
          </Field>
          <label class="check">
            <input type="checkbox" checked={accepts} onChange={(e) => setAccepts(e.currentTarget.checked)} data-testid="customer-accepts" />
            {w.t("customerAccepts")}
          </label>
          <button type="submit" class="primary" disabled={!answer.trim()} data-testid="close-complaint">
            {w.t("closeComplaint")}
          </button>
        </form>
      )}
    </div>
  );
}
