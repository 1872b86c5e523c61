// The maintenance plans (巡检 / 保养计划): the month's planned visits, planned against done with
// the missed ones named, each inspection's monthly report as PDF; then every plan with its
// rhythm, its engineer and its next visit, to change or end. A plan is made here, or from a
// machine in the customer's archive (#/plans/new/<customer>/<equipment>).
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { Engineer } from "../bindings/Engineer";
import type { PlanEntry } from "../bindings/PlanEntry";
import type { PlannedMonth } from "../bindings/PlannedMonth";
import type { Role } from "../bindings/Role";
import type { Tally } from "../bindings/Tally";
import { useWords } from "../context";
import type { Key } from "../i18n";
import { localDate } from "./Board";
import { Alert, problemsOf } from "./fields";
import { PlanForm } from "./PlanForm";

/** `YYYY-MM` moved by `by` months. */
export const shiftMonth = (month: string, by: number): string => {
  const [y, m] = month.split("-").map(Number);
  const index = y * 12 + (m - 1) + by;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}`;
};

/** Where an inspection's monthly report is, as PDF, in the reader's language. */
export const inspectionReportUrl = (equipment: string, month: string, lang: string) =>
  `/api/v1/equipment/${equipment}/inspection-report.pdf?month=${month}&language=${lang}`;

export function Plans({ role, newFor }: { role: Role; newFor: string | null }) {
  const w = useWords();
  const [month, setMonth] = useState(localDate().slice(0, 7));
  const [visits, setVisits] = useState<PlannedMonth | null>(null);
  const [plans, setPlans] = useState<PlanEntry[] | null>(null);
  const [engineers, setEngineers] = useState<Engineer[]>([]);
  const [failed, setFailed] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  // The plan being made ("new") or changed (its id); none.
  const [editing, setEditing] = useState<string | null>(newFor ? "new" : null);
  const changes = role !== "viewer";
  const read = () =>
    Promise.all([api.plannedVisits(month), api.plans()]).then(
      ([v, p]) => (setVisits(v), setPlans(p), setFailed(false)),
      () => setFailed(true),
    );
  useEffect(() => void read(), [month]);
  useEffect(() => void api.engineers().then(setEngineers, () => setEngineers([])), []);
  const saved = () => (setEditing(null), location.hash === "#/plans" ? read() : (location.hash = "#/plans"));
  const end = (p: PlanEntry) =>
    confirm(w.t("endPlanSure")) &&
    api.endPlan(p.id).then(
      () => (setProblem(null), read()),
      (err) => setProblem(problemsOf(err instanceof HqError ? err : null, w, "planFailed")[""] ?? null),
    );
  return (
    <div class="plans" data-testid="plans">
      <div class="toolbar">
        <h1>{w.t("plansTitle")}</h1>
        <span class="grow" />
        {changes && editing === null && (
          <button type="button" class="primary" onClick={() => setEditing("new")} data-testid="new-plan">
            {w.t("newPlan")}
          </button>
        )}
      </div>
      <p class="hint">{w.t("plansHint")}</p>
      {failed && <p class="error">{w.t("unreachable")}</p>}
      <Alert text={problem} />
      {editing === "new" && <PlanForm plan={null} given={newFor} engineers={engineers} onSaved={saved} onCancel={() => setEditing(null)} />}
      <section class="card">
        <div class="toolbar">
          <button type="button" class="ghost" onClick={() => setMonth(shiftMonth(month, -1))} aria-label={w.t("prevMonth")} data-testid="month-prev">
            ‹
          </button>
          <h2 data-testid="visits-month">{w.t("monthVisits", { m: month })}</h2>
          <button type="button" class="ghost" onClick={() => setMonth(shiftMonth(month, 1))} aria-label={w.t("nextMonth")} data-testid="month-next">
            ›
          </button>
        </div>
        {!visits ? (
          <p class="hint">{w.t("loading")}</p>
        ) : (
          <>
            <TallyLine tally={visits.tally} testid="month-tally" />
            {visits.visits.length === 0 ? (
              <p class="hint">{w.t("noVisits")}</p>
            ) : (
              <table class="grid" data-testid="planned-visits">
                <thead>
                  <tr>
                    <th>{w.t("visitDue")}</th>
                    <th>{w.t("visitCustomer")}</th>
                    <th>{w.t("visitEquipment")}</th>
                    <th>{w.t("visitWork")}</th>
                    <th>{w.t("visitJob")}</th>
                    <th>{w.t("visitEngineer")}</th>
                    <th>{w.t("visitStanding")}</th>
                  </tr>
                </thead>
                <tbody>
                  {visits.visits.map((v) => (
                    <tr key={v.job_id} data-testid="planned-visit">
                      <td class="nowrap">{v.due_on}</td>
                      <td>
                        {v.equipment.customer} · {v.equipment.site}
                      </td>
                      <td>
                        {v.equipment.model} · {v.equipment.serial}
                        {v.job_type === "inspection" && (
                          <>
                            {" "}
                            <a href={inspectionReportUrl(v.equipment_id, visits.month, w.lang)} target="_blank" rel="noopener" data-testid="inspection-report">
                              {w.t("inspectionReport")}
                            </a>
                          </>
                        )}
                      </td>
                      <td class="nowrap">{w.jobType(v.job_type)}</td>
                      <td>
                        <a href={`#/jobs/${v.job_id}`}>{v.job_number}</a> <span class={`status s-${v.status}`}>{w.status(v.status)}</span>
                      </td>
                      <td class="nowrap">{v.engineer ?? w.t("noEngineer")}</td>
                      <td class="nowrap">
                        <span class={`badge ${v.standing === "missed" ? "late" : v.standing === "late" ? "soon" : ""}`} data-testid="standing">
                          {w.t(`standing_${v.standing}` as Key)}
                        </span>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </>
        )}
      </section>
      <section class="card">
        <h2>{w.t("plansList")}</h2>
        {!plans ? (
          <p class="hint">{w.t("loading")}</p>
        ) : plans.length === 0 ? (
          <p class="hint">{w.t("noPlans")}</p>
        ) : (
          plans.map((p) =>
            editing === p.id ? (
              <PlanForm key={p.id} plan={p} given={null} engineers={engineers} onSaved={saved} onCancel={() => setEditing(null)} />
            ) : (
              <div class="plan" key={p.id} data-testid="plan">
                <div class="head">
                  <strong>
                    {w.jobType(p.job_type)} · {p.equipment.customer}
                  </strong>{" "}
                  · {p.equipment.site} · {p.equipment.model} · {p.equipment.serial}
                  <span class="grow" />
                  {changes && (
                    <>
                      <button type="button" class="ghost" onClick={() => setEditing(p.id)} data-testid="edit-plan">
                        {w.t("editPlan")}
                      </button>
                      <button type="button" class="ghost" onClick={() => end(p)} data-testid="end-plan">
                        {w.t("endPlan")}
                      </button>
                    </>
                  )}
                </div>
                <p class="hint">
                  {w.t(p.every_months === 1 ? "planRhythmOne" : "planRhythm", { n: p.every_months, f: p.first_on, u: p.until })} ·{" "}
                  {w.t("planLead", { n: p.lead_days })} · {p.engineer ?? w.t("planUsualEngineer")} ·{" "}
                  <strong data-testid="plan-next">{p.next_due ? w.t("planNext", { d: p.next_due }) : w.t("planEnded", { u: p.until })}</strong>
                </p>
                <TallyLine tally={p.tally} testid="plan-tally" />
              </div>
            ),
          )
        )}
      </section>
    </div>
  );
}

function TallyLine({ tally: t, testid }: { tally: Tally; testid: string }) {
  const w = useWords();
  return (
    <p class={t.missed > 0 ? "error" : "hint"} data-testid={testid}>
      {w.t("tallyLine", { p: t.planned, d: t.done, l: t.late, x: t.missed, o: t.pending })}
    </p>
  );
}
