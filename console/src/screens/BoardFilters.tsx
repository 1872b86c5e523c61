// The board's filters: a job type, a status, and the cards that need a dispatcher now — a
// countdown overdue, a promise to the customer due, a visit left unsigned.
import type { Card } from "../bindings/Card";
import type { JobStatus } from "../bindings/JobStatus";
import type { JobType } from "../bindings/JobType";
import { useWords } from "../context";

export type Filter = {
  jobType: JobType | "";
  status: JobStatus | "";
  overdue: boolean;
  promiseDue: boolean;
  unsigned: boolean;
};

export const NO_FILTER: Filter = { jobType: "", status: "", overdue: false, promiseDue: false, unsigned: false };

const JOB_TYPES: JobType[] = ["repair", "installation", "inspection", "maintenance", "callback"];
const STATUSES: JobStatus[] = ["assigned", "en_route", "on_site", "completed", "unresolved", "signed", "departed", "closed"];

/** Whether a card passes the filter on `today` (the dispatcher's date), at HQ's `now`. */
export function passes(card: Card, f: Filter, now: string, today: string): boolean {
  if (f.jobType && card.job_type !== f.jobType) return false;
  if (f.status && card.status !== f.status) return false;
  const replyLate = card.reply_due_at !== null && Date.parse(card.reply_due_at) < Date.parse(now);
  if (f.overdue && !(replyLate || card.sla.badge.endsWith("overdue"))) return false;
  if (f.promiseDue && !(card.promised_on !== null && card.promised_on <= today)) return false;
  if (f.unsigned && card.left_unsigned === null) return false;
  return true;
}

export function BoardFilters({ filter, onChange }: { filter: Filter; onChange: (f: Filter) => void }) {
  const w = useWords();
  const flag = (k: "overdue" | "promiseDue" | "unsigned", label: Parameters<typeof w.t>[0]) => (
    <label class="check">
      <input type="checkbox" checked={filter[k]} onChange={(e) => onChange({ ...filter, [k]: e.currentTarget.checked })} data-testid={`filter-${k}`} />
      {w.t(label)}
    </label>
  );
  return (
    <div class="filters" data-testid="filters">
      <select value={filter.jobType} onChange={(e) => onChange({ ...filter, jobType: e.currentTarget.value as JobType | "" })} aria-label={w.t("jobType")} data-testid="filter-type">
        <option value="">{w.t("allTypes")}</option>
        {JOB_TYPES.map((t) => (
          <option key={t} value={t}>
            {w.jobType(t)}
          </option>
        ))}
      </select>
      <select value={filter.status} onChange={(e) => onChange({ ...filter, status: e.currentTarget.value as JobStatus | "" })} aria-label={w.t("move")} data-testid="filter-status">
        <option value="">{w.t("allStatuses")}</option>
        {STATUSES.map((s) => (
          <option key={s} value={s}>
            {w.status(s)}
          </option>
        ))}
      </select>
      {flag("overdue", "filterOverdue")}
      {flag("promiseDue", "filterPromise")}
      {flag("unsigned", "leftUnsigned")}
      {filter !== NO_FILTER && (
        <button type="button" class="ghost" onClick={() => onChange(NO_FILTER)} data-testid="filter-clear">
          {w.t("clearFilters")}
        </button>
      )}
    </div>
  );
}
