// Changing the customer archive: the customer with its contacts, a site, a machine, each in
// its own form where it is shown. HQ's rules refuse field by field; a contact an engineer
// changed since the page was read is not overwritten (409): the archive is read again.
import { useState } from "preact/hooks";
import { HqError, api } from "../api";
import type { ArchivedEquipment } from "../bindings/ArchivedEquipment";
import type { ContactInput } from "../bindings/ContactInput";
import type { Customer } from "../bindings/Customer";
import type { EquipmentInput } from "../bindings/EquipmentInput";
import type { Language } from "../bindings/Language";
import type { Site } from "../bindings/Site";
import type { SiteInput } from "../bindings/SiteInput";
import { useWords } from "../context";
import { Field, FormEnd, type Problems, problemsOf } from "./fields";

/** `onSaved` closes the form and reads the archive again, with what to tell the dispatcher. */
type Done = { onSaved: (said: string, ok: boolean) => void; onCancel: () => void };

/** Saves with `what`; HQ's refusals sorted by the fields the form shows. */
function useSave(shown: string[], { onSaved }: Done) {
  const w = useWords();
  const [problems, setProblems] = useState<Problems>({});
  const save = (what: Promise<unknown>) => {
    setProblems({});
    what.then(
      () => onSaved(w.t("saved"), true),
      (err) => {
        const found = problemsOf(err instanceof HqError ? err : null, w, "archiveFailed", shown);
        // Someone changed a contact meanwhile: the archive as it is now, and why.
        if (err instanceof HqError && err.status === 409) onSaved(found[""] ?? w.t("archiveFailed"), false);
        else setProblems(found);
      },
    );
  };
  return { problems, save };
}


export function CustomerForm({ customer, ...done }: { customer: Customer } & Done) {
  const w = useWords();
  const [name, setName] = useState(customer.name);
  const [language, setLanguage] = useState<Language>(customer.language);
  const [notes, setNotes] = useState(customer.notes ?? "");
  const [contacts, setContacts] = useState<ContactInput[]>(
    customer.contacts.map((c) => ({ id: c.id, name: c.name, phone: c.phone, role: c.role, version: c.version })),
  );
  const { problems, save } = useSave(["customer name", "customer notes", "contact name", "contact phone", "contact role"], done);
  const change = (i: number, k: keyof ContactInput, v: string) => setContacts(contacts.map((c, j) => (j === i ? { ...c, [k]: v } : c)));
  return (
    <form
      class="card edit-form"
      onSubmit={(e) => (e.preventDefault(), save(api.changeCustomer(customer.id, { id: customer.id, name, language, contacts, notes })))}
      data-testid="customer-form"
    >
      <h2>{w.t("editCustomer")}</h2>
      <div class="form-grid">
        <Field label={w.t("customerName")} problem={problems["customer name"]}>
          <input value={name} maxLength={100} onInput={(e) => setName(e.currentTarget.value)} data-testid="edit-customer-name" />
        </Field>
        <Field label={w.t("customerLanguage")}>
          <select value={language} onChange={(e) => setLanguage(e.currentTarget.value as Language)}>
            <option value="zh-CN">{w.t("lang_zhCN")}</option>
            <option value="en">{w.t("lang_en")}</option>
          </select>
        </Field>
      </div>
      <h3>{w.t("contacts")}</h3>
      {contacts.map((c, i) => (
        <div class="contact-row" key={c.id ?? `new-${i}`} data-testid="edit-contact">
          <Field label={w.t("contactName")} problem={i === 0 ? problems["contact name"] : undefined}>
            <input value={c.name} maxLength={100} onInput={(e) => change(i, "name", e.currentTarget.value)} />
          </Field>
          <Field label={w.t("contactPhoneCol")} problem={i === 0 ? problems["contact phone"] : undefined}>
            <input value={c.phone} maxLength={100} inputMode="tel" onInput={(e) => change(i, "phone", e.currentTarget.value)} data-testid="edit-contact-phone" />
          </Field>
          <Field label={w.t("contactPosition")}>
            <input value={c.role ?? ""} maxLength={100} onInput={(e) => change(i, "role", e.currentTarget.value)} />
          </Field>
          <button type="button" onClick={() => setContacts(contacts.filter((_, j) => j !== i))}>
            {w.t("removeContact")}
          </button>
        </div>
      ))}
      <button type="button" onClick={() => setContacts([...contacts, { id: null, name: "", phone: "", role: null, version: null }])} data-testid="add-contact">
        {w.t("addContact")}
      </button>
      <Field label={w.t("customerNotes")} problem={problems["customer notes"]}>
        <textarea rows={2} maxLength={4000} value={notes} onInput={(e) => setNotes(e.currentTarget.value)} />
      </Field>
      <FormEnd save={w.t("save")} testid="archive-save" onCancel={done.onCancel} problem={problems[""]} />
    </form>
  );
}

export function SiteForm({ customerId, site, ...done }: { customerId: string; site: Site | null } & Done) {
  const w = useWords();
  const [input, setInput] = useState<SiteInput>({
    customer_id: customerId,
    name: site?.name ?? "",
    address: site?.address ?? "",
    directions: site?.directions ?? "",
  });
  const { problems, save } = useSave(["site name", "site address", "directions"], done);
  const set = (k: keyof SiteInput) => (e: { currentTarget: { value: string } }) => setInput({ ...input, [k]: e.currentTarget.value });
  return (
    <form
      class="card edit-form"
      onSubmit={(e) => (e.preventDefault(), save(site ? api.changeSite(site.id, input) : api.addSite(input)))}
      data-testid="site-form"
    >
      <h2>{site ? site.name : w.t("addSite")}</h2>
      <div class="form-grid">
        <Field label={w.t("siteName")} problem={problems["site name"]}>
          <input value={input.name} maxLength={100} onInput={set("name")} data-testid="edit-site-name" />
        </Field>
        <Field label={w.t("siteAddress")} problem={problems["site address"]}>
          <input value={input.address} maxLength={200} onInput={set("address")} data-testid="edit-site-address" />
        </Field>
      </div>
      <Field label={w.t("directions")} problem={problems.directions}>
        <textarea rows={2} maxLength={2000} value={input.directions} onInput={set("directions")} />
      </Field>
      <FormEnd save={w.t("save")} testid="archive-save" onCancel={done.onCancel} problem={problems[""]} />
    </form>
  );
}

export function EquipmentForm({ siteId, machine, ...done }: { siteId: string; machine: ArchivedEquipment | null } & Done) {
  const w = useWords();
  const [input, setInput] = useState<EquipmentInput>({
    site_id: siteId,
    brand: machine?.brand ?? "",
    model: machine?.model ?? "",
    serial: machine?.serial ?? "",
    installed_on: machine?.installed_on ?? null,
    accepted_on: machine?.accepted_on ?? null,
    warranty_end: machine?.warranty_end ?? null,
    software_version: machine?.software_version ?? "",
    connection_notes: machine?.connection_notes ?? "",
  });
  const shown = ["brand", "model", "serial number", "installed on", "accepted on", "warranty end", "software version", "connection notes"];
  const { problems, save } = useSave(shown, done);
  const set = (k: keyof EquipmentInput) => (e: { currentTarget: { value: string } }) => setInput({ ...input, [k]: e.currentTarget.value });
  const day = (k: "installed_on" | "accepted_on" | "warranty_end") => (e: { currentTarget: { value: string } }) =>
    setInput({ ...input, [k]: e.currentTarget.value || null });
  return (
    <form
      class="card edit-form"
      onSubmit={(e) => (e.preventDefault(), save(machine ? api.changeEquipment(machine.id, input) : api.addEquipment(input)))}
      data-testid="machine-form"
    >
      <h2>{machine ? `${machine.brand} ${machine.model} · ${machine.serial}` : w.t("addMachine")}</h2>
      <div class="form-grid">
        <Field label={w.t("brand")} problem={problems.brand}>
          <input value={input.brand} maxLength={100} onInput={set("brand")} data-testid="edit-brand" />
        </Field>
        <Field label={w.t("model")} problem={problems.model}>
          <input value={input.model} maxLength={100} onInput={set("model")} data-testid="edit-model" />
        </Field>
        <Field label={w.t("serial")} problem={problems["serial number"]}>
          <input value={input.serial} maxLength={100} onInput={set("serial")} data-testid="edit-serial" />
        </Field>
        <Field label={w.t("installedOn")} problem={problems["installed on"]}>
          <input type="date" value={input.installed_on ?? ""} onInput={day("installed_on")} />
        </Field>
        <Field label={w.t("acceptedOn")} problem={problems["accepted on"]}>
          <input type="date" value={input.accepted_on ?? ""} onInput={day("accepted_on")} data-testid="edit-accepted" />
        </Field>
        <Field label={w.t("warrantyEnd")} problem={problems["warranty end"]}>
          <input type="date" value={input.warranty_end ?? ""} onInput={day("warranty_end")} />
        </Field>
        <Field label={w.t("softwareVersion")} problem={problems["software version"]}>
          <input value={input.software_version} maxLength={100} onInput={set("software_version")} />
        </Field>
      </div>
      <Field label={w.t("connectionNotes")} problem={problems["connection notes"]}>
        <textarea rows={2} maxLength={2000} value={input.connection_notes} onInput={set("connection_notes")} />
      </Field>
      <FormEnd save={w.t("save")} testid="archive-save" onCancel={done.onCancel} problem={problems[""]} />
    </form>
  );
}
