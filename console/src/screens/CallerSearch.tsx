// Finding the caller among the customers as the dispatcher types (name, phone or serial), or
// adding a new customer with its first site and, when the call is about one, its equipment.
import { useRef, useState } from "preact/hooks";
import { HqError, api } from "../api";
import { useWords } from "../context";
import { MatchText, SearchState, useCallers } from "./callers";
import { Alert, type Problems, Field, problemsOf } from "./fields";

/** What was picked: a customer, and the site and equipment a serial match named. */
export type Picked = { customer: string; site: string | null; equipment: string | null };

export function CallerSearch({
  caller,
  phone,
  onPick,
}: {
  caller: string;
  phone: string;
  onPick: (p: Picked) => void;
}) {
  const w = useWords();
  const [q, setQ] = useState("");
  const { found, failed } = useCallers(q);
  const [adding, setAdding] = useState(false);

  if (adding) return <NewCustomer caller={caller} phone={phone} onSaved={onPick} onCancel={() => setAdding(false)} />;
  return (
    <div class="search">
      <label>
        {w.t("findCustomer")}
        <input
          value={q}
          onInput={(e) => setQ(e.currentTarget.value)}
          placeholder={w.t("findHint")}
          data-testid="find-customer"
          autoComplete="off"
        />
      </label>
      <SearchState found={found} failed={failed} />
      {found && found.length > 0 && (
        <ul class="matches" data-testid="matches">
          {found.map((m) => (
            <li key={`${m.customer_id}:${m.equipment_id}`}>
              <button
                type="button"
                class="match"
                onClick={() => onPick({ customer: m.customer_id, site: m.site_id, equipment: m.equipment_id })}
              >
                <MatchText match={m} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={() => setAdding(true)} data-testid="new-customer">
        {w.t("newCustomer")}
      </button>
    </div>
  );
}

/** The fields of a new customer HQ may refuse that the form shows. */
const NEW_FIELDS = ["customer name", "contact phone", "site name", "site address", "brand", "model", "serial number", "accepted on"];

/** A new customer: the caller as its contact, its first site, and the equipment if named. */
function NewCustomer({
  caller,
  phone,
  onSaved,
  onCancel,
}: {
  caller: string;
  phone: string;
  onSaved: (p: Picked) => void;
  onCancel: () => void;
}) {
  const w = useWords();
  const [f, setF] = useState({ name: "", site: "", address: "", brand: "", model: "", serial: "", accepted: "" });
  const [problems, setProblems] = useState<Problems>({});
  const [busy, setBusy] = useState(false);
  // What HQ already holds of this new customer: saving again after a refusal goes on from there
  // instead of making the customer twice.
  const made = useRef<{ customer?: string; site?: string }>({});
  const set = (k: keyof typeof f) => (v: string) => setF({ ...f, [k]: v });
  const save = async (e: Event) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    setProblems({});
    try {
      const contacts = caller.trim() && phone.trim() ? [{ id: null, name: caller, phone, role: null, version: null }] : [];
      const customer = (made.current.customer ??= (
        await api.addCustomer({ id: null, name: f.name, language: "zh-CN", contacts, notes: null })
      ).id);
      const site = (made.current.site ??= (
        await api.addSite({ customer_id: customer, name: f.site, address: f.address, directions: "" })
      ).id);
      let equipment: string | null = null;
      if (f.serial.trim() || f.brand.trim() || f.model.trim()) {
        const added = await api.addEquipment({
          site_id: site,
          brand: f.brand,
          model: f.model,
          serial: f.serial,
          installed_on: null,
          accepted_on: f.accepted || null,
          warranty_end: null,
          software_version: "",
          connection_notes: "",
        });
        equipment = added.id;
      }
      onSaved({ customer, site, equipment });
    } catch (err) {
      setBusy(false);
      setProblems(problemsOf(err instanceof HqError ? err : null, w, "callFailed", NEW_FIELDS));
    }
  };
  const field = (k: keyof typeof f, label: Parameters<typeof w.t>[0], hq: string, type = "text") => (
    <Field label={w.t(label)} problem={problems[hq]}>
      <input
        type={type}
        value={f[k]}
        onInput={(e) => set(k)(e.currentTarget.value)}
        data-testid={`new-${k}`}
        aria-required={k === "name" || k === "site" || k === "address"}
      />
    </Field>
  );
  return (
    // Inside the call's form, so not a form of its own: Enter in a field saves the customer.
    <div
      class="card inset"
      role="group"
      aria-label={w.t("newCustomer")}
      onKeyDown={(e) => e.key === "Enter" && (e.target as HTMLElement).tagName === "INPUT" && save(e)}
      data-testid="new-customer-form"
    >
      <h2>{w.t("newCustomer")}</h2>
      {field("name", "customerName", "customer name")}
      {problems["contact phone"] && <p class="error">{problems["contact phone"]}</p>}
      <div class="pair">
        {field("site", "siteName", "site name")}
        {field("address", "siteAddress", "site address")}
      </div>
      <div class="pair">
        {field("brand", "brand", "brand")}
        {field("model", "model", "model")}
      </div>
      <div class="pair">
        {field("serial", "serial", "serial number")}
        {field("accepted", "acceptedOn", "accepted on", "date")}
      </div>
      <Alert text={problems[""]} />
      <button class="primary" type="button" onClick={save} disabled={busy} data-testid="save-customer">
        {w.t("saveCustomer")}
      </button>
      <button type="button" class="ghost" onClick={onCancel}>
        {w.t("cancel")}
      </button>
    </div>
  );
}
