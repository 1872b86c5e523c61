// The day's reminders (提醒), soonest first: each says what it is about, by when, how many days
// are left or late, the customer, the job and the machine, and where to act on it.
import { useEffect, useState } from "preact/hooks";
import { api } from "../api";
import type { Reminder } from "../bindings/Reminder";
import type { Reminders as Listed } from "../bindings/Reminders";
import { useWords } from "../context";
import type { Key } from "../i18n";

export function Reminders() {
  const w = useWords();
  const [listed, setListed] = useState<Listed | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => void api.reminders().then((r) => (setListed(r), setFailed(false)), () => setFailed(true)), []);
  return (
    <div class="complaints" data-testid="reminders">
      <div class="toolbar">
        <h1>{w.t("remindersTitle")}</h1>
        {listed && listed.reminders.length > 0 && <span class="hint">{w.t("remindersCount", { n: listed.reminders.length })}</span>}
      </div>
      <p class="hint">{w.t("remindersHint")}</p>
      {failed && <p class="error">{w.t("unreachable")}</p>}
      {!listed ? (
        !failed && <p class="hint">{w.t("loading")}</p>
      ) : listed.reminders.length === 0 ? (
        <p class="hint card">{w.t("noReminders")}</p>
      ) : (
        listed.reminders.map((r, i) => <Item key={`${r.kind}:${r.job_id ?? r.equipment_id}:${i}`} r={r} />)
      )}
    </div>
  );
}

function Item({ r }: { r: Reminder }) {
  const w = useWords();
  const late = r.days_left < 0;
  const when = r.days_left === 0 ? w.t("dueToday") : late ? w.t("daysLate", { n: -r.days_left }) : w.t("daysLeft", { n: r.days_left });
  return (
    <div class={`card complaint ${late ? "overdue" : ""}`} data-testid="reminder" data-kind={r.kind}>
      <div class="head">
        <strong>{w.t(`kind_${r.kind}` as Key)}</strong> · <a href={`#/customers/${r.customer_id}`}>{r.customer}</a>
        <span class="grow" />
        <span class="hint">{r.due_on}</span>
        <span class={`badge ${late ? "late" : r.days_left <= 3 ? "soon" : ""}`} data-testid="reminder-when">
          {when}
        </span>
      </div>
      <p>
        {r.job_id && r.job_number && <a href={`#/jobs/${r.job_id}`}>{r.job_number}</a>}
        {r.engineer && ` · ${r.engineer}`}
        {r.equipment && (r.job_number ? ` · ${r.equipment}` : r.equipment)}
        {r.detail && r.kind !== "plan_ending" && <span class="hint"> · {r.detail}</span>}
        {r.kind === "plan_ending" && r.detail && <span class="hint"> · {w.jobType(r.detail as "inspection" | "maintenance")}</span>}
      </p>
      {(r.kind === "warranty_ending" || r.kind === "plan_ending") && (
        <p class="hint">
          {w.t("offerRenewal")} <a href="#/plans">{w.t("seePlans")}</a>
        </p>
      )}
      {r.kind === "parts_request" && (
        <p class="hint">
          <a href="#/parts/requests">{w.t("seeRequests")}</a>
        </p>
      )}
    </div>
  );
}
