// The receipt: A4 or 80 mm, in the customer's language (or the other), saved into the data
// folder, opened in the system's PDF viewer or sent to the printer; what it will show is
// previewed on screen first.
import { Fragment } from "preact";
import { useState } from "preact/hooks";
import { api, errorText, type JobView, type ReceiptFile } from "../api";
import { useUi } from "../context";
import { type Lang, amount, fieldLabel, jobTypeLabel, localTime, optionLabel, translator } from "../i18n";

const RECEIPT_FIELDS = ["symptom_reported", "symptom_found", "fault_cause", "solution", "work_done", "tests_done", "result", "follow_up", "acceptance", "trainee_name", "callback_notes"];

/** What the paper will show, in the receipt's language, before the PDF is made. */
export function Preview({ job, lang }: { job: JobView; lang: Lang }) {
  const t = translator(lang);
  const fields = job.report.fields.filter(([k, v]) => v && RECEIPT_FIELDS.includes(k));
  const sig = job.report.signature;
  return (
    <article class="paper" data-testid="receipt-preview" lang={lang}>
      {!sig && <p class="draftmark">{t("draftReceipt")}</p>}
      <h3>{job.row.number}</h3>
      <dl>
        <dt>{t("customer")}</dt>
        <dd>{job.row.customer}</dd>
        <dt>{t("site")}</dt>
        <dd>
          {job.row.site} · {job.row.address}
        </dd>
        {job.equipment && (
          <>
            <dt>{t("equipment")}</dt>
            <dd>
              {job.equipment.brand} {job.equipment.model} · {job.equipment.serial}
            </dd>
          </>
        )}
        <dt>{t("jobType")}</dt>
        <dd>{jobTypeLabel(lang, job.row.job_type)}</dd>
        {fields.map(([k, v]) => (
          <Fragment key={k}>
            <dt>{fieldLabel(lang, k)}</dt>
            <dd>{k === "result" || k === "acceptance" ? optionLabel(lang, v) : v}</dd>
          </Fragment>
        ))}
      </dl>
      <table>
        <tbody>
          {job.quote.lines.map((l) => (
            <tr key={l.id}>
              <td>{l.code}</td>
              <td>{l.name}</td>
              <td>× {l.quantity}</td>
              <td>{lang === "en" ? l.explain_en : l.explain_zh}</td>
              <td class="num">{amount(lang, l.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p class="num strong">
        {t("total")} {amount(lang, job.quote.total)}
      </p>
      {job.report.satisfaction.declined ? (
        <p>{t("declined")}</p>
      ) : (
        <p>{job.report.satisfaction.ratings.map(([d, n]) => `${optionLabel(lang, d)} ${n}/5`).join(" · ")}</p>
      )}
      {sig && (
        <p>
          {t("signedBy", { n: sig.signer_name, t: localTime(sig.signed_at) })} · {t("hash")} <code>{sig.short_hash}</code>
        </p>
      )}
    </article>
  );
}

export function ReceiptTab({ job }: { job: JobView }) {
  const { t, fail } = useUi();
  const [layout, setLayout] = useState("a4");
  const [language, setLanguage] = useState(job.customer_language);
  const [file, setFile] = useState<ReceiptFile | null>(null);
  const [printed, setPrinted] = useState<string | null>(null);
  const make = () => api.makeReceipt(job.row.id, layout, language).then(setFile, (e) => fail(errorText(e)));
  return (
    <div class="card receipt" data-testid="receipt">
      <div class="options">
        <span class="label">{t("layout")}</span>
        <div class="segmented">
          <button class={layout === "a4" ? "on" : ""} onClick={() => setLayout("a4")} data-testid="layout-a4">
            {t("a4")}
          </button>
          <button class={layout === "80mm" ? "on" : ""} onClick={() => setLayout("80mm")} data-testid="layout-80mm">
            {t("roll")}
          </button>
        </div>
        <span class="label">{t("customerLanguage")}</span>
        <div class="segmented">
          <button class={language === "zh-CN" ? "on" : ""} onClick={() => setLanguage("zh-CN")}>
            中文
          </button>
          <button class={language === "en" ? "on" : ""} onClick={() => setLanguage("en")}>
            English
          </button>
        </div>
      </div>
      <Preview job={job} lang={language === "en" ? "en" : "zh-CN"} />
      <button class="primary big" onClick={make} data-testid="make-receipt">
        {t("makeReceipt")}
      </button>
      {file && (
        <div class="made" data-testid="receipt-file">
          <p class="good">{t("receiptSaved", { p: file.path, k: Math.ceil(file.bytes / 1024) })}</p>
          <button onClick={() => api.openReceipt(file.path).catch((e) => fail(errorText(e)))}>{t("openReceipt")}</button>
          <button onClick={() => api.printReceipt(file.path).then(setPrinted, (e) => fail(errorText(e)))}>{t("printReceipt")}</button>
          {printed && <p class="hint">{printed}</p>}
        </div>
      )}
    </div>
  );
}
