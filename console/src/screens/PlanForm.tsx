// Making or changing a maintenance plan: the customer found as the dispatcher types (or the one
// the archive or the plan names), one of their machines, the work, every how many months from
// which day, until when (the warranty end unless typed), how far ahead, and who goes.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { ArchivedEquipment } from "../bindings/ArchivedEquipment";
import type { Engineer } from "../bindings/Engineer";
import type { PlanEntry } from "../bindings/PlanEntry";
import { useWords } from "../context";
import { localDate } from "./Board";
import { FindCustomer } from "./callers";
import { EngineerSelect, Field, FormEnd, type Problems, problemsOf } from "./fields";

/** The fields HQ may name in a refusal, as this form shows them. */
const SHOWN = ["equipment_id", "every_months", "first_on", "until", "lead_days", "engineer_id", "job type"];

type Work = "inspection" | "maintenance";

export function PlanForm(props: {
  plan: PlanEntry | null;
  /** `<customer>/<equipment>` picked in the archive, for a new plan. */
  given: string | null;
  engineers: Engineer[];
  onSaved: () => void;
  onCancel: () => void;
}) {
  const w = useWords();
  const p = props.plan;
  const [customer, setCustomer] = useState<{ id: string; name: string } | null>(null);
  const [machines, setMachines] = useState<ArchivedEquipment[]>([]);
  const [equipment, setEquipment] = useState(p?.equipment_id ?? props.given?.split("/")[1] ?? "");
  const [work, setWork] = useState<Work>(p?.job_type === "maintenance" ? "maintenance" : "inspection");
  const [every, setEvery] = useState(String(p?.every_months ?? 1));
  const [first, setFirst] = useState(p?.first_on ?? localDate());
  const [until, setUntil] = useState(p?.until ?? "");
  const [lead, setLead] = useState(String(p?.lead_days ?? 14));
  const [engineer, setEngineer] = useState(p?.engineer_id ?? "");
  const [problems, setProblems] = useState<Problems>({});

  const pick = (id: string, machine?: string | null) =>
    api.archive(id, localDate()).then(
      (a) => {
        setCustomer({ id, name: a.customer.name });
        setMachines(a.equipment);
        if (machine) setEquipment(machine);
        else if (a.equipment.length === 1) setEquipment(a.equipment[0].id);
      },
      () => setProblems({ "": w.t("unreachable") }),
    );
  const start = p?.equipment.customer_id ?? props.given?.split("/")[0];
  useEffect(() => void (start && pick(start, equipment || null)), []);
  const machine = machines.find((m) => m.id === equipment);

  const save = (e: Event) => {
    e.preventDefault();
    if (!equipment) return setProblems({ "": w.t("pickEquipmentFirst") });
    const input = {
      equipment_id: equipment,
      job_type: work,
      every_months: Number(every),
      first_on: first,
      until: until || null,
      lead_days: lead === "" ? null : Number(lead),
      engineer_id: engineer || null,
    };
    (p ? api.changePlan(p.id, input) : api.makePlan(input)).then(props.onSaved, (err) =>
      setProblems(problemsOf(err instanceof HqError ? err : null, w, "planFailed", SHOWN)),
    );
  };
  return (
    <form class="card form" onSubmit={save} data-testid="plan-form">
      <h2>{p ? w.t("editPlan") : w.t("newPlan")}</h2>
      {customer ? (
        <p>
          {w.t("planFor")}
          {w.t("colon")}
          <strong data-testid="plan-customer">{customer.name}</strong>{" "}
          {!p && (
            <button type="button" class="ghost" onClick={() => (setCustomer(null), setMachines([]), setEquipment(""))}>
              {w.t("changeCustomer")}
            </button>
          )}
        </p>
      ) : (
        <FindCustomer testid="plan-find" onPick={(m) => pick(m.customer_id, m.equipment_id)} />
      )}
      {customer && (
        <>
          <Field label={w.t("planEquipment")} problem={problems.equipment_id}>
            <select value={equipment} disabled={!!p} onChange={(e) => setEquipment(e.currentTarget.value)} data-testid="plan-equipment">
              <option value="">—</option>
              {machines.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.brand} {m.model} · {m.serial}
                </option>
              ))}
            </select>
          </Field>
          <div class="inline">
            <Field label={w.t("planWork")} problem={problems["job type"]}>
              <select
                value={work}
                disabled={!!p}
                onChange={(e) => {
                  const next = e.currentTarget.value as Work;
                  setWork(next);
                  if (!p) setEvery(next === "maintenance" ? "6" : "1");
                }}
                data-testid="plan-work"
              >
                <option value="inspection">{w.jobType("inspection")}</option>
                <option value="maintenance">{w.jobType("maintenance")}</option>
              </select>
            </Field>
            <Field label={w.t("planEvery")} problem={problems.every_months}>
              <input type="number" min={1} max={24} value={every} onInput={(e) => setEvery(e.currentTarget.value)} data-testid="plan-every" />
            </Field>
            <Field label={w.t("planFirst")} problem={problems.first_on}>
              <input type="date" value={first} onInput={(e) => setFirst(e.currentTarget.value)} data-testid="plan-first" />
            </Field>
            <Field label={w.t("planUntil")} problem={problems.until}>
              <input type="date" value={until} onInput={(e) => setUntil(e.currentTarget.value)} data-testid="plan-until" />
            </Field>
          </div>
          {machine && !until && (
            <p class="hint" data-testid="plan-until-hint">
              {machine.warranty_end ? w.t("planUntilWarranty", { d: machine.warranty_end }) : w.t("planUntilNone")}
            </p>
          )}
          <div class="inline">
            <Field label={w.t("planLeadDays")} problem={problems.lead_days}>
              <input type="number" min={0} max={60} value={lead} onInput={(e) => setLead(e.currentTarget.value)} data-testid="plan-lead" />
            </Field>
            <Field label={w.t("planEngineer")} problem={problems.engineer_id}>
              <EngineerSelect engineers={props.engineers} value={engineer} onPick={setEngineer} none={w.t("planUsualEngineer")} testid="plan-engineer" />
            </Field>
          </div>
        </>
      )}
      <FormEnd save={w.t("savePlan")} testid="save-plan" onCancel={props.onCancel} problem={problems[""]} />
    </form>
  );
}
