// The parts catalogue (配件目录): every part with its model, class, bin, cost and list price and
// the parts that may be fitted instead; found as you type; added or changed in one form whose
// refusals HQ words field by field. Every laptop gets the change at its next sync.
import { useEffect, useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { Part } from "../bindings/Part";
import type { PartClass } from "../bindings/PartClass";
import type { PartInput } from "../bindings/PartInput";
import type { Role } from "../bindings/Role";
import { PART_CLASS_LABELS } from "../bindings/labels";
import { useWords } from "../context";
import { Field, FormEnd, type Problems, problemsOf } from "./fields";

/** The form's fields as HQ names them in a refusal. */
const SHOWN = ["part code", "part name", "part spec", "bin location", "substitutes", "substitute part"];

const blank: PartInput = { code: "", name: "", spec: "", unit_cost: 0, unit_price: 0, currency: "CNY", substitutes: [], bin: "", class: "repair" };

const inputOf = (p: Part): PartInput => ({
  code: p.code,
  name: p.name,
  spec: p.spec ?? "",
  unit_cost: p.unit_cost.minor,
  unit_price: p.unit_price.minor,
  currency: p.unit_cost.currency,
  substitutes: p.substitutes,
  bin: p.bin ?? "",
  class: p.class,
});

const matches = (p: Part, q: string) =>
  [p.code, p.name, p.spec ?? "", p.bin ?? ""].some((s) => s.toLowerCase().includes(q.trim().toLowerCase()));

export function Catalogue({ role }: { role: Role }) {
  const w = useWords();
  const [parts, setParts] = useState<Part[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [q, setQ] = useState("");
  // The part being changed (its id), "new" for a new one, or none.
  const [editing, setEditing] = useState<string | null>(null);
  const read = () => api.parts().then((p) => (setParts(p), setFailed(false)), () => setFailed(true));
  useEffect(() => void read(), []);
  const changes = role !== "viewer";
  const className = (c: PartClass) => PART_CLASS_LABELS[c][w.lang === "en" ? 0 : 1];
  const shown = parts?.filter((p) => matches(p, q)) ?? [];
  const edited = parts?.find((p) => p.id === editing);
  return (
    <div data-testid="catalogue">
      <div class="filters">
        <label class="inline-label grow">
          {w.t("findPart")}
          <input value={q} onInput={(e) => setQ(e.currentTarget.value)} data-testid="find-part" />
        </label>
        {changes && (
          <button type="button" class="primary" onClick={() => setEditing("new")} data-testid="add-part">
            {w.t("addPart")}
          </button>
        )}
      </div>
      {failed && <p class="error">{w.t("unreachable")}</p>}
      {editing && (
        <PartForm
          key={editing}
          part={edited ?? null}
          onSaved={() => (setEditing(null), read())}
          onCancel={() => setEditing(null)}
        />
      )}
      {!parts ? (
        <p class="hint">{w.t("loading")}</p>
      ) : parts.length === 0 ? (
        <p class="hint card">{w.t("noCatalogue")}</p>
      ) : shown.length === 0 ? (
        <p class="hint card">{w.t("noneFound")}</p>
      ) : (
        <table class="grid card" data-testid="parts">
          <thead>
            <tr>
              <th>{w.t("partCode")}</th>
              <th>{w.t("partNameCol")}</th>
              <th>{w.t("spec")}</th>
              <th>{w.t("class")}</th>
              <th>{w.t("bin")}</th>
              <th class="num">{w.t("cost")}</th>
              <th class="num">{w.t("listPrice")}</th>
              <th>{w.t("substitutes")}</th>
              {changes && <th />}
            </tr>
          </thead>
          <tbody>
            {shown.map((p) => (
              <tr key={p.id} data-testid="part">
                <td class="mono">{p.code}</td>
                <td>{p.name}</td>
                <td>{p.spec ?? "—"}</td>
                <td>{className(p.class)}</td>
                <td class="mono">{p.bin ?? "—"}</td>
                <td class="num">{w.money(p.unit_cost)}</td>
                <td class="num">{w.money(p.unit_price)}</td>
                <td class="mono">{p.substitutes.join(", ") || "—"}</td>
                {changes && (
                  <td class="row-action">
                    <button type="button" onClick={() => setEditing(p.id)} data-testid="edit-part">
                      {w.t("editPart")}
                    </button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}

/** Yuan as typed ("1,234.5") in minor units, or null when it is not an amount. */
export function minorOf(typed: string): number | null {
  const plain = typed.replace(/[,\s¥]/g, "");
  if (!/^\d+(\.\d{1,2})?$/.test(plain)) return null;
  return Math.round(Number(plain) * 100);
}

function PartForm({ part, onSaved, onCancel }: { part: Part | null; onSaved: () => void; onCancel: () => void }) {
  const w = useWords();
  const [input, setInput] = useState<PartInput>(part ? inputOf(part) : blank);
  const [cost, setCost] = useState(part ? (part.unit_cost.minor / 100).toFixed(2) : "");
  const [price, setPrice] = useState(part ? (part.unit_price.minor / 100).toFixed(2) : "");
  const [substitutes, setSubstitutes] = useState(input.substitutes.join(", "));
  const [problems, setProblems] = useState<Problems>({});
  const set = (k: keyof PartInput) => (e: { currentTarget: { value: string } }) => setInput({ ...input, [k]: e.currentTarget.value });
  const save = () => {
    const [unit_cost, unit_price] = [minorOf(cost), minorOf(price)];
    const bad: Problems = {};
    if (unit_cost === null) bad.unit_cost = w.t("fieldRefused");
    if (unit_price === null) bad.unit_price = w.t("fieldRefused");
    if (unit_cost === null || unit_price === null) return setProblems(bad);
    const codes = substitutes.split(/[,，\s]+/).filter(Boolean);
    const body = { ...input, unit_cost, unit_price, substitutes: codes };
    setProblems({});
    (part ? api.changePart(part.id, body) : api.addPart(body)).then(onSaved, (err) =>
      setProblems(problemsOf(err instanceof HqError ? err : null, w, "partsFailed", SHOWN)),
    );
  };
  const p = (...names: string[]) => names.map((n) => problems[n]).find(Boolean);
  return (
    <form class="card part-form" onSubmit={(e) => (e.preventDefault(), save())} data-testid="part-form">
      <h2>{part ? `${part.code} · ${part.name}` : w.t("addPart")}</h2>
      <div class="form-grid">
        <Field label={w.t("partCode")} problem={p("part code")}>
          <input value={input.code} onInput={set("code")} maxLength={100} data-testid="part-code" />
        </Field>
        <Field label={w.t("partNameCol")} problem={p("part name")}>
          <input value={input.name} onInput={set("name")} maxLength={100} data-testid="part-name" />
        </Field>
        <Field label={w.t("spec")} problem={p("part spec")}>
          <input value={input.spec} onInput={set("spec")} maxLength={100} data-testid="part-spec" />
        </Field>
        <Field label={w.t("class")}>
          <select value={input.class} onChange={(e) => setInput({ ...input, class: e.currentTarget.value as PartClass })} data-testid="part-class">
            {(["repair", "consumable"] as const).map((c) => (
              <option key={c} value={c}>
                {PART_CLASS_LABELS[c][w.lang === "en" ? 0 : 1]}
              </option>
            ))}
          </select>
        </Field>
        <Field label={w.t("inCurrency", { c: w.t("cost"), u: w.unit(input.currency) })} problem={p("unit_cost")}>
          <input value={cost} inputMode="decimal" onInput={(e) => setCost(e.currentTarget.value)} data-testid="part-cost" />
        </Field>
        <Field label={w.t("inCurrency", { c: w.t("listPrice"), u: w.unit(input.currency) })} problem={p("unit_price")}>
          <input value={price} inputMode="decimal" onInput={(e) => setPrice(e.currentTarget.value)} data-testid="part-price" />
        </Field>
        <Field label={w.t("bin")} problem={p("bin location")}>
          <input value={input.bin} onInput={set("bin")} maxLength={100} data-testid="part-bin" />
        </Field>
        <Field label={`${w.t("substitutes")} (${w.t("substitutesHint")})`} problem={p("substitutes", "substitute part")}>
          <input value={substitutes} onInput={(e) => setSubstitutes(e.currentTarget.value)} data-testid="part-substitutes" />
        </Field>
      </div>
      <FormEnd save={w.t("savePart")} testid="save-part" onCancel={onCancel} problem={problems[""]} />
    </form>
  );
}
