// The charging policy (收费标准): how parts, labour and the service fee are charged in each
// warranty situation, and consumables in warranty. Everyone reads it; the service manager
// changes it, and every laptop prices with the new one after its next sync.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { ChargeRule } from "../bindings/ChargeRule";
import type { ChargingPolicy } from "../bindings/ChargingPolicy";
import type { PartsCharge } from "../bindings/PartsCharge";
import type { Role } from "../bindings/Role";
import { CHARGE_LABELS, SITUATION_LABELS } from "../bindings/labels";
import { useWords } from "../context";
import { minorOf } from "./Catalogue";
import { Alert, problemsOf } from "./fields";

const RULES = ["in_warranty_quality", "in_warranty_misuse", "out_of_warranty"] as const;
type Rule = (typeof RULES)[number];
const CHARGES = ["free", "at_cost", "at_list_price"] as const satisfies readonly PartsCharge[];
const yuan = (minor: number) => (minor / 100).toFixed(2);

export function Policy({ role }: { role: Role }) {
  const w = useWords();
  const [policy, setPolicy] = useState<ChargingPolicy | null>(null);
  const [typed, setTyped] = useState<Record<string, string>>({});
  const [failed, setFailed] = useState(false);
  const [said, setSaid] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  useEffect(() => void api.chargingPolicy().then(setPolicy, () => setFailed(true)), []);
  if (!policy) return <p class={failed ? "error" : "hint"}>{w.t(failed ? "unreachable" : "loading")}</p>;
  const manager = role === "manager";
  const label = (pair: readonly [string, string]) => pair[w.lang === "en" ? 0 : 1];
  const amount = (rule: Rule, k: "labour_per_hour" | "service_fee") => typed[`${rule}.${k}`] ?? yuan(policy[rule][k]);
  const setRule = (rule: Rule, change: Partial<ChargeRule>) => setPolicy({ ...policy, [rule]: { ...policy[rule], ...change } });
  const save = () => {
    const next = { ...policy };
    for (const rule of RULES) {
      const [labour, fee] = [minorOf(amount(rule, "labour_per_hour")), minorOf(amount(rule, "service_fee"))];
      if (labour === null || fee === null) return setProblem(w.t("fieldRefused"));
      next[rule] = { ...policy[rule], labour_per_hour: labour, service_fee: fee };
    }
    setProblem(null);
    api.setChargingPolicy(next).then(
      (p) => (setPolicy(p), setTyped({}), setSaid(w.t("policySaved"))),
      (err) => (setSaid(null), setProblem(problemsOf(err instanceof HqError ? err : null, w, "partsFailed")[""] ?? null)),
    );
  };
  const chargeSelect = (value: PartsCharge, onPick: (c: PartsCharge) => void, id: string) =>
    manager ? (
      <select value={value} onChange={(e) => onPick(e.currentTarget.value as PartsCharge)} data-testid={id}>
        {CHARGES.map((c) => (
          <option key={c} value={c}>
            {label(CHARGE_LABELS[c])}
          </option>
        ))}
      </select>
    ) : (
      label(CHARGE_LABELS[value])
    );
  const money = (rule: Rule, k: "labour_per_hour" | "service_fee") =>
    manager ? (
      <input
        class="count"
        inputMode="decimal"
        value={amount(rule, k)}
        onInput={(e) => setTyped({ ...typed, [`${rule}.${k}`]: e.currentTarget.value })}
        aria-label={`${label(SITUATION_LABELS[rule])} ${w.t(k === "service_fee" ? "serviceFee" : "labourPerHour")}`}
        data-testid={`${rule}-${k}`}
      />
    ) : (
      w.money({ minor: policy[rule][k], currency: policy.currency })
    );
  return (
    <form class="card narrow-wide" onSubmit={(e) => (e.preventDefault(), save())} data-testid="policy">
      {!manager && <p class="hint">{w.t("managerSetsPolicy")}</p>}
      <table class="grid">
        <thead>
          <tr>
            <th>{w.t("situation")}</th>
            <th>{w.t("partsCharge")}</th>
            <th>{w.t("inCurrency", { c: w.t("labourPerHour"), u: w.t("perHour", { u: w.unit(policy.currency) }) })}</th>
            <th>{w.t("inCurrency", { c: w.t("serviceFee"), u: w.unit(policy.currency) })}</th>
          </tr>
        </thead>
        <tbody>
          {RULES.map((rule) => (
            <tr key={rule}>
              <td>{label(SITUATION_LABELS[rule])}</td>
              <td>{chargeSelect(policy[rule].parts, (parts) => setRule(rule, { parts }), `${rule}-parts`)}</td>
              <td>{money(rule, "labour_per_hour")}</td>
              <td>{money(rule, "service_fee")}</td>
            </tr>
          ))}
          <tr>
            <td>{w.t("consumablesInWarranty")}</td>
            <td>{chargeSelect(policy.consumables, (consumables) => setPolicy({ ...policy, consumables }), "consumables")}</td>
            <td colSpan={2} class="hint">
              {w.t("consumableLabour")}
            </td>
          </tr>
        </tbody>
      </table>
      <Alert text={problem} />
      {said && <p class="done">{said}</p>}
      {manager && (
        <button type="submit" class="primary" data-testid="save-policy">
          {w.t("savePolicy")}
        </button>
      )}
    </form>
  );
}
