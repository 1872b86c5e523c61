// What a dispatcher does to a job from its page: give it to another engineer, move it to
// another day, cancel it with a reason, close it. HQ's rules decide; a refusal is shown here
// in the reader's words.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { Engineer } from "../bindings/Engineer";
import type { JobPage } from "../bindings/JobPage";
import { useWords } from "../context";
import { hqMay, reschedulable } from "../rules";
import { type Problems, problemsOf } from "./fields";


/** The same local time of day as `iso`, on `day`. */
function onDay(iso: string | null, day: string): string | null {
  if (!iso) return null;
  const t = new Date(iso);
  const [y, m, d] = day.split("-").map(Number);
  t.setFullYear(y, m - 1, d);
  return t.toISOString();
}

export function JobActions({ page, onDone }: { page: JobPage; onDone: () => void }) {
  const w = useWords();
  const [engineers, setEngineers] = useState<Engineer[]>([]);
  const [to, setTo] = useState(page.engineer_id ?? "");
  const [day, setDay] = useState(page.scheduled_on);
  const [reason, setReason] = useState("");
  const [problems, setProblems] = useState<Problems>({});
  const [said, setSaid] = useState<string | null>(null);
  useEffect(
    () => void api.engineers().then(setEngineers, () => setProblems({ "": w.t("unreachable") })),
    [],
  );

  const act = (what: Promise<unknown>) => {
    setProblems({});
    setSaid(null);
    what.then(
      () => (setSaid(w.t("done")), onDone()),
      (err) => {
        setProblems(problemsOf(err instanceof HqError ? err : null, w, "actionRefused"));
        // Someone may have moved the job meanwhile: the page shows where it is now.
        if (err instanceof HqError && err.status === 409) onDone();
      },
    );
  };
  const [reassign, cancel, close] = (["assigned", "cancelled", "closed"] as const).map((to) => hqMay(page.status, to));
  const move = reschedulable(page.status);
  if (!reassign && !cancel && !close && !move) return null;
  return (
    <section class="card actions" data-testid="job-actions">
      <h2>{w.t("actions")}</h2>
      {reassign && (
        <form
          class="inline"
          onSubmit={(e) => (e.preventDefault(), act(api.assign(page.id, to, page.engineer_id ?? "queue")))}
        >
          <label>
            {w.t("reassign")}
            <select value={to} onChange={(e) => setTo(e.currentTarget.value)} data-testid="reassign-to">
              {!page.engineer_id && <option value="">—</option>}
              {engineers.map((e) => (
                <option key={e.id} value={e.id}>
                  {e.name}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" disabled={!to || to === page.engineer_id} data-testid="reassign">
            {w.t("assign")}
          </button>
        </form>
      )}
      {move && (
        <form
          class="inline"
          onSubmit={(e) => (
            e.preventDefault(),
            act(
              api.reschedule(page.id, {
                reported_fault: page.reported_fault,
                scheduled_on: day,
                // The window agreed with the customer keeps its times on the new day.
                window_from: onDay(page.window_from, day),
                window_until: onDay(page.window_until, day),
                severity: page.severity,
              }),
            )
          )}
        >
          <label>
            {w.t("reschedule")}
            <input type="date" value={day} onInput={(e) => setDay(e.currentTarget.value)} data-testid="reschedule-day" />
          </label>
          <button type="submit" disabled={day === page.scheduled_on} data-testid="reschedule">
            {w.t("saveDate")}
          </button>
        </form>
      )}
      {close && (
        <button type="button" class="primary" onClick={() => act(api.close(page.id))} data-testid="close-job">
          {w.t("closeJob")}
        </button>
      )}
      {cancel && (
      <form class="inline" onSubmit={(e) => (e.preventDefault(), act(api.cancel(page.id, reason)))}>
        <label>
          {w.t("cancelReason")}
          <input value={reason} onInput={(e) => setReason(e.currentTarget.value)} data-testid="cancel-reason" />
        </label>
        <button type="submit" disabled={!reason.trim()} data-testid="cancel-job">
          {w.t("cancelJob")}
        </button>
      </form>
      )}
      {Object.values(problems).map((p) => (
        <p class="error" role="alert" key={p}>
          {p}
        </p>
      ))}
      {said && <p class="done">{said}</p>}
    </section>
  );
}
