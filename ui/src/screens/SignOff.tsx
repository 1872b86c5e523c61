// The customer's sign-off: ratings 1-5 per dimension (or declined), their opinion, the
// signature pad (mouse, touch, pen), their name; signing freezes the report and shows its hash.
import type SignaturePad from "signature_pad";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, errorText, type JobView } from "../api";
import type { Dimension } from "../bindings/Dimension";
import type { ReportField } from "../bindings/ReportField";
import { useUi } from "../context";
import { Autosave } from "../form";
import { localTime, optionLabel } from "../i18n";
import { Pad } from "./Pad";
import { Missing } from "./Report";

const DIMENSIONS: Dimension[] = ["timeliness", "attitude", "quality", "overall"];

export function SignOff({ job, onJob }: { job: JobView; onJob: (j: JobView) => void }) {
  const { lang, t, fail } = useUi();
  const id = job.row.id;
  const sat = job.report.satisfaction;
  const signature = job.report.signature;
  const opinionSaved = job.report.fields.find(([k]) => k === "customer_opinion")?.[1] ?? "";
  const [opinion, setOpinion] = useState(opinionSaved);
  const [comment, setComment] = useState(sat.comment ?? "");
  const [name, setName] = useState("");
  const pad = useRef<SignaturePad | null>(null);
  const autosave = useMemo(
    () => new Autosave<ReportField>((field, value) => api.setReportField(id, field, value).then(onJob, (e) => fail(errorText(e)))),
    [id],
  );
  const commentSave = useMemo(
    () => new Autosave((_, value) => api.setSurveyComment(id, value).then(onJob, (e) => fail(errorText(e)))),
    [id],
  );
  useEffect(() => () => void (autosave.flush(), commentSave.flush()), [autosave, commentSave]);

  const rated = (d: string) => sat.ratings.find(([k]) => k === d)?.[1] ?? 0;
  const sign = async () => {
    await Promise.all([autosave.flush(), commentSave.flush()]);
    if (!pad.current || pad.current.isEmpty()) return fail(t("drawFirst"));
    if (!name.trim()) return fail(t("nameFirst"));
    const strokes = JSON.stringify(pad.current.toData());
    const png = pad.current.toDataURL("image/png");
    try {
      // Signing records the repair as done first when the engineer has not pressed "Completed".
      if (job.row.status === "on_site") onJob(await api.transitionJob(id, "completed", null, null));
      onJob(await api.signReport(id, name.trim(), png, strokes));
    } catch (e) {
      fail(errorText(e));
    }
  };

  return (
    <div class="signoff" data-testid="signoff">
      <fieldset class="card" disabled={signature !== null}>
        <legend>{t("ratings")}</legend>
        {sat.declined ? (
          <p data-testid="declined">{t("declined")}</p>
        ) : (
          DIMENSIONS.map((d) => (
            <div class="rating" key={d}>
              <span class="label">{optionLabel(lang, d)}</span>
              <div class="stars" role="radiogroup">
                {[1, 2, 3, 4, 5].map((n) => (
                  <button
                    key={n}
                    type="button"
                    class={n <= rated(d) ? "on" : ""}
                    aria-label={`${d} ${n}`}
                    data-testid={`rate-${d}-${n}`}
                    onClick={() => api.rate(id, d, n).then(onJob, (e) => fail(errorText(e)))}
                  >
                    {n}
                  </button>
                ))}
              </div>
            </div>
          ))
        )}
        {!sat.declined && (
          <label class="field">
            <span class="label">{t("surveyComment")}</span>
            <textarea
              rows={2}
              value={comment}
              data-testid="survey-comment"
              onInput={(e) => (setComment(e.currentTarget.value), commentSave.change("survey_comment", e.currentTarget.value))}
              onBlur={() => void commentSave.flush()}
            />
          </label>
        )}
        {!sat.declined && (
          <button type="button" class="ghost" onClick={() => api.declineRating(id).then(onJob, (e) => fail(errorText(e)))}>
            {t("declineRating")}
          </button>
        )}
        <label class="field">
          <span class="label">
            {t("opinion")} <em class="req">* {t("required")}</em>
          </span>
          <textarea
            rows={2}
            value={opinion}
            data-field="customer_opinion"
            onInput={(e) => (setOpinion(e.currentTarget.value), autosave.change("customer_opinion", e.currentTarget.value))}
            onBlur={() => void autosave.flush()}
          />
        </label>
      </fieldset>
      <div class="card">
        <h2>{t("signature")}</h2>
        {signature ? (
          <div class="signed" data-testid="signed">
            <p class="good">✓ {t("signedBy", { n: signature.signer_name, t: localTime(signature.signed_at) })}</p>
            <p>
              {t("hash")}{t("colon")}<code class="hash" data-testid="hash">{signature.short_hash}</code>
            </p>
          </div>
        ) : (
          <>
            <Pad pad={pad} testId="pad" />
            <div class="row-actions">
              <button type="button" class="ghost" onClick={() => pad.current?.clear()}>
                {t("clear")}
              </button>
              <label class="grow">
                {t("customerName")}
                <input value={name} onInput={(e) => setName(e.currentTarget.value)} data-testid="signer-name" />
              </label>
            </div>
            <Missing job={job} />
            <button class="primary big" onClick={sign} disabled={job.report.missing.length > 0} data-testid="sign">
              {t("sign")}
            </button>
          </>
        )}
      </div>
    </div>
  );
}
