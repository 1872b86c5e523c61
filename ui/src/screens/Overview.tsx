// The job: customer and contacts (tap a phone to copy it), site and directions, equipment with
// its warranty and service history (客户档案), the reported fault, the SLA window, the visit log.
import { useState } from "preact/hooks";
import type { JobView } from "../api";
import { useUi } from "../context";
import { type Key, jobTypeLabel, localTime, statusLabel } from "../i18n";

export function Overview({ job }: { job: JobView }) {
  const { lang, t } = useUi();
  const [copied, setCopied] = useState<string | null>(null);
  const copy = (phone: string) =>
    navigator.clipboard?.writeText(phone).then(
      () => setCopied(phone),
      () => setCopied(null),
    );
  const e = job.equipment;
  return (
    <div class="grid">
      {job.complaints.length > 0 && <Complaints job={job} />}
      <div class="card">
        <h2>{t("customer")}</h2>
        <p class="big">{job.row.customer}</p>
        <h3>{t("contacts")}</h3>
        <ul class="contacts">
          {job.contacts.map((c) => (
            <li key={c.phone}>
              <span>
                {c.name}
                {c.role ? ` · ${c.role}` : ""}
              </span>
              <button class="phone" onClick={() => copy(c.phone)} title={t("copyPhone")}>
                {c.phone} {copied === c.phone ? `✓ ${t("copied")}` : ""}
              </button>
            </li>
          ))}
        </ul>
        <h3>{t("site")}</h3>
        <p>
          {job.row.site} · {job.row.address}
        </p>
        {job.directions && (
          <p class="hint">
            {t("directions")}{t("colon")}{job.directions}
          </p>
        )}
      </div>
      <div class="card">
        <h2>{t("fault")}</h2>
        <p class="big">{job.row.reported_fault}</p>
        {job.row.window_from && (
          <p>
            {t("window")}{t("colon")}{localTime(job.row.window_from)} – {localTime(job.row.window_until)}
          </p>
        )}
        {job.unresolved_reason && (
          <p class="warn">
            {job.unresolved_reason} · {t("promisedOn")} {job.promised_on}
          </p>
        )}
        <h3>{t("events")}</h3>
        <ol class="events">
          {job.events.map((ev) => (
            <li key={ev.at + ev.to}>
              {localTime(ev.at)} {statusLabel(lang, ev.to)}
              {ev.note ? ` — ${lang === "en" ? ev.note : (ev.note_zh ?? ev.note)}` : ""}
            </li>
          ))}
        </ol>
      </div>
      {e && (
        <div class="card wide">
          <h2>{t("equipment")}</h2>
          <p class="big">
            {e.brand} {e.model}
          </p>
          <p>
            {t("serial")}{t("colon")}<code>{e.serial}</code>
            {e.software_version ? ` · ${e.software_version}` : ""}
          </p>
          <p class={e.warranty === "in_warranty" ? "good" : "warn"} data-testid="warranty">
            {e.warranty === "in_warranty"
              ? t("inWarranty", { d: e.warranty_date ?? "" })
              : e.warranty === "expired"
                ? t("expired", { d: e.warranty_date ?? "" })
                : t("noWarranty")}
          </p>
          <h3>{t("history")}</h3>
          {job.history.length === 0 ? (
            <p class="hint">{t("noHistory")}</p>
          ) : (
            <table class="history">
              <tbody>
                {job.history.map((h) => (
                  <tr key={h.id}>
                    <td>{h.scheduled_on}</td>
                    <td>{h.number}</td>
                    <td>{jobTypeLabel(lang, h.job_type)}</td>
                    <td>{statusLabel(lang, h.status)}</td>
                    <td>{h.reported_fault}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </div>
  );
}

// What the customer complained of about this job, and where HQ stands with it: first on the
// page, so the engineer reads it before calling the customer.
function Complaints({ job }: { job: JobView }) {
  const { lang, t } = useUi();
  const zh = lang !== "en";
  return (
    <div class="card wide complaint" data-testid="complaints">
      <h2>{t("complaints")}</h2>
      {job.complaints.map((c) => (
        <div key={c.received_at + c.text} class="said">
          <p>
            <strong>{zh ? c.category_zh : c.category_en}</strong> · {zh ? c.channel_zh : c.channel_en} ·{" "}
            {localTime(c.received_at)} · <span class={c.stage === "closed" ? "good" : "warn"}>{t(`complaint_${c.stage}` as Key)}</span>
          </p>
          <p class="big">{c.text}</p>
          <ol class="events">
            {c.handling.map((h) => (
              <li key={h.at + h.text}>
                {localTime(h.at)} {h.by}{t("colon")}{h.text}
              </li>
            ))}
          </ol>
          {c.compensation_zh && (
            <p>
              {t("complaintCompensation")}{t("colon")}{zh ? c.compensation_zh : c.compensation_en}
            </p>
          )}
          {c.customer_answer && (
            <p>
              {t("complaintAnswer")}{t("colon")}{c.customer_answer} ({t(c.accepted ? "complaintAccepted" : "complaintNotAccepted")})
            </p>
          )}
        </div>
      ))}
    </div>
  );
}
