// One job: header with status and SLA, the visit's status buttons, and five tabs (Alt+1…5):
// the job itself, the report, parts, the customer's sign-off, the receipt.
import { useEffect, useState } from "preact/hooks";
import { api, errorText, type JobView } from "../api";
import type { JobStatus } from "../bindings/JobStatus";
import type { UnsignedReason } from "../bindings/UnsignedReason";
import { useUi } from "../context";
import { checkUnresolved } from "../form";
import { type Key, jobTypeLabel, statusLabel } from "../i18n";
import { SlaBadge } from "./JobList";
import { Overview } from "./Overview";
import { Parts } from "./Parts";
import { ReceiptTab } from "./ReceiptTab";
import { Report } from "./Report";
import { SignOff } from "./SignOff";

const TABS = ["overview", "report", "parts", "signOff", "receipt"] as const;
export type Tab = (typeof TABS)[number];

/** Today in the laptop's zone, as YYYY-MM-DD. */
export function todayText(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}

export function JobScreen({ id, onBack }: { id: string; onBack: () => void }) {
  const { lang, t, fail } = useUi();
  const [job, setJob] = useState<JobView | null>(null);
  const [tab, setTab] = useState<Tab>("overview");
  const [unresolved, setUnresolved] = useState(false);
  const [leaving, setLeaving] = useState(false);
  const [reopening, setReopening] = useState(false);
  const [reopeningJob, setReopeningJob] = useState(false);

  useEffect(() => {
    api.getJob(id).then(setJob, (e) => fail(errorText(e)));
  }, [id]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const n = Number(e.key);
      if (e.altKey && n >= 1 && n <= TABS.length) {
        e.preventDefault();
        setTab(TABS[n - 1]);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (!job) return <section class="job" />;
  // Back to on site after the work was recorded finished (or not) undoes that: the button says
  // so and asks first.
  const reopens = (to: JobStatus) => to === "on_site" && (job.row.status === "completed" || job.row.status === "unresolved");
  const go = (to: JobStatus) => api.transitionJob(id, to, null, null).then(setJob, (e) => fail(errorText(e)));
  const move = (to: JobStatus) => {
    if (reopens(to)) return setReopeningJob(true);
    if (to === "unresolved") return setUnresolved(true);
    if (to === "signed") return setTab("signOff");
    // Leaving before the customer signed needs a reason HQ will see.
    if (to === "departed" && job.row.status !== "signed") return setLeaving(true);
    go(to);
  };
  return (
    <section class="job" data-testid="job">
      <div class="stickyhead">
      <div class="jobhead">
        <button class="ghost" onClick={onBack} title="Esc">
          ← {t("back")}
        </button>
        <h1>
          {job.row.customer} <small>{job.row.number}</small>
        </h1>
        <span class="pill">{jobTypeLabel(lang, job.row.job_type)}</span>
        <span class={`status s-${job.row.status}`} data-testid="status">
          {statusLabel(lang, job.row.status)}
        </span>
        <SlaBadge row={job} lang={lang} t={t} />
        {job.left_unsigned && (
          <span class="pill warn" data-testid="left-unsigned">
            {t("leftUnsigned", { reason: t(`unsigned_${job.left_unsigned.reason}` as Key) })}
          </span>
        )}
        <div class="moves">
          {job.next.map((to) => (
            <button
              key={to}
              class={to === "signed" || reopens(to) ? "" : "primary"}
              onClick={() => move(to)}
              data-testid={reopens(to) ? "move-reopen" : `move-${to}`}
            >
              {t(reopens(to) ? "move_reopen" : (`move_${to}` as Key))}
            </button>
          ))}
          {job.row.status === "signed" && (
            <button class="ghost" onClick={() => setReopening(true)} data-testid="reopen">
              {t("reopen")}
            </button>
          )}
        </div>
      </div>
      <nav class="tabs" role="tablist">
        {TABS.map((name, i) => (
          <button key={name} role="tab" class={tab === name ? "on" : ""} onClick={() => setTab(name)} data-testid={`tab-${name}`} title={`Alt+${i + 1}`}>
            {t(name)}
            {name === "report" && job.report.missing.length > 0 && <span class="count">{job.report.missing.length}</span>}
          </button>
        ))}
      </nav>
      </div>
      {unresolved && (
        <UnresolvedForm
          onCancel={() => setUnresolved(false)}
          onDone={(reason, date) =>
            api.transitionJob(id, "unresolved", reason, date).then((j) => (setJob(j), setUnresolved(false)), (e) => fail(errorText(e)))
          }
        />
      )}
      
      {leaving && (
        <LeaveUnsignedForm
          onCancel={() => setLeaving(false)}
          onDone={(reason, note) =>
            api.leaveUnsigned(id, reason, note).then((j) => (setJob(j), setLeaving(false)), (e) => fail(errorText(e)))
          }
        />
      )}
      {reopeningJob && (
        <div class="card inline" data-testid="reopen-job">
          <p>{t("reopenJobHint")}</p>
          <button class="primary" onClick={() => go("on_site").then(() => setReopeningJob(false))} data-testid="confirm-reopen-job">
            {t("confirmReopenJob")}
          </button>
          <button type="button" class="ghost" onClick={() => setReopeningJob(false)}>
            {t("back")}
          </button>
        </div>
      )}
      {reopening && (
        <ReopenForm
          onCancel={() => setReopening(false)}
          onDone={(reason) =>
            api.reopenReport(id, reason).then((j) => (setJob(j), setReopening(false), setTab("report")), (e) => fail(errorText(e)))
          }
        />
      )}
      <div class="tabbody">
        {tab === "overview" && <Overview job={job} />}
        {tab === "report" && <Report job={job} onJob={setJob} />}
        {tab === "parts" && <Parts job={job} onJob={setJob} />}
        {tab === "signOff" && <SignOff job={job} onJob={setJob} />}
        {tab === "receipt" && <ReceiptTab job={job} />}
      </div>
    </section>
  );
}

function UnresolvedForm({ onCancel, onDone }: { onCancel: () => void; onDone: (reason: string, date: string) => void }) {
  const { lang, t } = useUi();
  const [reason, setReason] = useState("");
  const [date, setDate] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (e: Event) => {
    e.preventDefault();
    const wrong = checkUnresolved(lang, reason, date, todayText());
    setProblem(wrong);
    if (!wrong) onDone(reason.trim(), date);
  };
  return (
    <form class="card inline" onSubmit={submit} data-testid="unresolved-form">
      <label>
        {t("reason")}
        <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} autoFocus />
      </label>
      <label>
        {t("promisedOn")}
        <input type="date" value={date} onInput={(e) => setDate(e.currentTarget.value)} min={todayText()} />
      </label>
      {problem && <p class="error">{problem}</p>}
      <button class="primary" type="submit">
        {t("confirmUnresolved")}
      </button>
      <button type="button" class="ghost" onClick={onCancel}>
        {t("back")}
      </button>
    </form>
  );
}

function ReopenForm({ onCancel, onDone }: { onCancel: () => void; onDone: (reason: string) => void }) {
  const { t } = useUi();
  const [reason, setReason] = useState("");
  const submit = (e: Event) => {
    e.preventDefault();
    if (reason.trim()) onDone(reason.trim());
  };
  return (
    <form class="card inline" onSubmit={submit} data-testid="reopen-form">
      <p>{t("reopenHint")}</p>
      <label>
        {t("reopenReason")}
        <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} autoFocus data-testid="reopen-reason" />
      </label>
      <button class="primary" type="submit" disabled={!reason.trim()} data-testid="confirm-reopen">
        {t("confirmReopen")}
      </button>
      <button type="button" class="ghost" onClick={onCancel}>
        {t("back")}
      </button>
    </form>
  );
}

const UNSIGNED: UnsignedReason[] = ["customer_absent", "customer_refused", "other"];

function LeaveUnsignedForm({ onCancel, onDone }: { onCancel: () => void; onDone: (reason: UnsignedReason, note: string) => void }) {
  const { t } = useUi();
  const [reason, setReason] = useState<UnsignedReason | null>(null);
  const [note, setNote] = useState("");
  const ready = reason !== null && (reason !== "other" || note.trim() !== "");
  const submit = (e: Event) => {
    e.preventDefault();
    if (reason && ready) onDone(reason, note.trim());
  };
  return (
    <form class="card inline" onSubmit={submit} data-testid="leave-unsigned-form">
      <p>{t("leaveUnsignedTitle")}</p>
      <div class="choices" role="radiogroup">
        {UNSIGNED.map((r) => (
          <button type="button" key={r} class={reason === r ? "on" : ""} aria-pressed={reason === r} onClick={() => setReason(r)} data-testid={`unsigned-${r}`}>
            {t(`unsigned_${r}` as Key)}
          </button>
        ))}
      </div>
      <label>
        {t("unsignedNote")}
        <input value={note} onInput={(e) => setNote(e.currentTarget.value)} data-testid="unsigned-note" />
      </label>
      <button class="primary" type="submit" disabled={!ready} data-testid="confirm-leave">
        {t("confirmLeave")}
      </button>
      <button type="button" class="ghost" onClick={onCancel}>
        {t("back")}
      </button>
    </form>
  );
}
