// A follow-up visit (再次上门) from the job page: the same site and machine, the engineer and
// day the dispatcher picks (the day promised to the customer, if one), continuing this visit so
// the promise is kept when it is done.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { Engineer } from "../bindings/Engineer";
import type { JobPage } from "../bindings/JobPage";
import { useWords } from "../context";
import { localDate } from "./Board";
import { Alert, EngineerSelect, Field, type Problems, problemsOf } from "./fields";

/** A visit that ended, or stopped short, may be continued. */
const CONTINUABLE = new Set(["unresolved", "completed", "signed", "departed", "closed"]);

const tomorrow = () => localDate(new Date(Date.now() + 24 * 3600 * 1000));

export function FollowUp({ page }: { page: JobPage }) {
  const w = useWords();
  const [engineers, setEngineers] = useState<Engineer[]>([]);
  const [open, setOpen] = useState(false);
  const [engineer, setEngineer] = useState(page.engineer_id ?? "");
  const [day, setDay] = useState(page.promised_on ?? tomorrow());
  const [fault, setFault] = useState(page.reported_fault);
  const [problems, setProblems] = useState<Problems>({});
  const [made, setMade] = useState<Pick<JobPage, "id" | "number"> | null>(null);
  useEffect(() => void (open && api.engineers().then(setEngineers, () => setProblems({ "": w.t("unreachable") }))), [open]);
  if (!CONTINUABLE.has(page.status)) return null;
  const plan = () => {
    setProblems({});
    api
      .addJob({
        job_type: page.job_type,
        site_id: page.site_id,
        equipment_id: page.equipment_id,
        engineer_id: engineer || null,
        reported_fault: fault,
        reported_at: null,
        scheduled_on: day,
        window_from: null,
        window_until: null,
        severity: page.severity,
        previous_visit: page.id,
      })
      .then(
        (job) => (setMade(job), setOpen(false)),
        (err) => setProblems(problemsOf(err instanceof HqError ? err : null, w, "actionRefused", ["reported_fault", "scheduled_on"])),
      );
  };
  return (
    <section class="card" data-testid="follow-up">
      <h2>{w.t("followUp")}</h2>
      {made && (
        <p class="done">
          {w.t("followUpMade")} <a href={`#/jobs/${made.id}`}>{made.number}</a>
        </p>
      )}
      {!open ? (
        <button type="button" onClick={() => (setOpen(true), setMade(null))} data-testid="follow-up-open">
          {w.t("planFollowUp")}
        </button>
      ) : (
        <form onSubmit={(e) => (e.preventDefault(), plan())}>
          <label>
            {w.t("engineer")}
            <EngineerSelect engineers={engineers} value={engineer} onPick={setEngineer} none={w.t("unassigned")} testid="follow-up-engineer" />
          </label>
          <Field label={w.t("scheduled")} problem={problems.scheduled_on}>
            <input type="date" value={day} onInput={(e) => setDay(e.currentTarget.value)} data-testid="follow-up-day" />
          </Field>
          <Field label={w.t("followUpFault")} problem={problems.reported_fault}>
            <textarea rows={2} maxLength={2000} value={fault} onInput={(e) => setFault(e.currentTarget.value)} data-testid="follow-up-fault" />
          </Field>
          <Alert text={problems[""]} />
          <div class="inline">
            <button type="submit" class="primary" disabled={!day || !fault.trim()} data-testid="follow-up-go">
              {w.t("planFollowUp")}
            </button>
            <button type="button" onClick={() => setOpen(false)}>
              {w.t("cancel")}
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
