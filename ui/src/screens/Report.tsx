// The service report for the job's type, autosaved as the engineer types (nothing is lost if
// the window is killed), mandatory fields marked, and what is still missing before signing.
import type SignaturePad from "signature_pad";
import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { api, errorText, type JobView } from "../api";
import type { CheckState } from "../bindings/CheckState";
import type { ReportField } from "../bindings/ReportField";
import { useUi } from "../context";
import { Autosave, checkMinutes } from "../form";
import { fieldChoices, fieldLabel, optionLabel } from "../i18n";
import { Pad } from "./Pad";

type Kind = "text" | "line" | "minutes" | "date" | { options: string[] };

const SECTION_FIELDS: Record<string, [ReportField, Kind][]> = {
  fault: [
    ["symptom_reported", "text"],
    ["symptom_found", "text"],
    ["fault_cause", "text"],
    ["solution", "text"],
  ],
  work_done: [["work_done", "text"]],
  acceptance: [
    ["acceptance", { options: fieldChoices("acceptance") }],
    ["acceptance_notes", "text"],
  ],
  tests: [
    ["tests_done", "text"],
    ["labour_minutes", "minutes"],
    ["travel_minutes", "minutes"],
  ],
  result: [
    ["result", { options: fieldChoices("result") }],
    ["follow_up", "text"],
    ["follow_up_on", "date"],
  ],
  callback_notes: [["callback_notes", "text"]],
};

export function Missing({ job }: { job: JobView }) {
  const { lang, t } = useUi();
  const missing = job.report.missing;
  return missing.length === 0 ? (
    <p class="good" data-testid="missing">
      ✓ {t("nothingMissing")}
    </p>
  ) : (
    <div class="missing" data-testid="missing">
      <strong>{t("missingTitle")}:</strong> {missing.map((f) => fieldLabel(lang, f)).join("、")}
    </div>
  );
}

export function Report({ job, onJob }: { job: JobView; onJob: (j: JobView) => void }) {
  const { t, fail } = useUi();
  const [unsaved, setUnsaved] = useState(false);
  const id = job.row.id;
  const signed = job.report.signature !== null;
  const autosave = useMemo(
    () =>
      new Autosave<ReportField>(
        async (field, value) => {
          try {
            onJob(await api.setReportField(id, field, value));
          } catch (e) {
            fail(errorText(e));
          }
        },
        300,
        setUnsaved,
      ),
    [id],
  );
  useEffect(() => () => void autosave.flush(), [autosave]);
  const values = Object.fromEntries(job.report.fields);
  const required = new Set(job.report.required);
  const sections = job.sections.filter((s) => SECTION_FIELDS[s] || s === "checklist" || s === "training");
  return (
    <div class="report" data-testid="report">
      <div class="reporthead">
        <Missing job={job} />
        <span class="saved" data-testid="saved">
          {unsaved ? t("saving") : t("saved")}
        </span>
      </div>
      {sections.map((s) =>
        s === "checklist" ? (
          <Checklist key={s} job={job} onJob={onJob} disabled={signed} />
        ) : s === "training" ? (
          <fieldset key={s} class="card" disabled={signed}>
            <Field name="trainee_name" kind="line" value={values.trainee_name ?? ""} required={required.has("trainee_name")} autosave={autosave} />
            <TraineeSignature job={job} onJob={onJob} />
          </fieldset>
        ) : (
          <fieldset key={s} class="card" disabled={signed}>
            {SECTION_FIELDS[s].map(([name, kind]) => (
              <Field key={name} name={name} kind={kind} value={values[name] ?? ""} required={required.has(name)} autosave={autosave} />
            ))}
          </fieldset>
        ),
      )}
    </div>
  );
}

interface FieldProps {
  name: ReportField;
  kind: Kind;
  value: string;
  required: boolean;
  autosave: Autosave<ReportField>;
}

/** One field: keeps what is typed while focused, saves on pause, on leaving and on Enter. */
function Field({ name, kind, value, required, autosave }: FieldProps) {
  const { lang, t } = useUi();
  const [text, setText] = useState(value);
  const [problem, setProblem] = useState<string | null>(null);
  const focused = useRef(false);
  useEffect(() => {
    if (!focused.current) setText(value);
  }, [value]);
  const change = (v: string) => {
    setText(v);
    const wrong = kind === "minutes" ? checkMinutes(lang, v) : null;
    setProblem(wrong);
    if (!wrong) autosave.change(name, v);
  };
  const common = {
    name,
    "data-field": name,
    onFocus: () => (focused.current = true),
    onBlur: () => {
      focused.current = false;
      void autosave.flush(name);
    },
  };
  const label = (
    <span class="label">
      {fieldLabel(lang, name)} {required && <em class="req">* {t("required")}</em>}
    </span>
  );
  let input;
  if (typeof kind === "object") {
    input = (
      <div class="segmented wrap">
        {kind.options.map((o) => (
          <button type="button" key={o} data-option={o} class={text === o ? "on" : ""} onClick={() => (change(o), void autosave.flush(name))}>
            {optionLabel(lang, o)}
          </button>
        ))}
      </div>
    );
  } else if (kind === "text") {
    input = <textarea {...common} rows={2} value={text} onInput={(e) => change(e.currentTarget.value)} />;
  } else {
    input = (
      <input
        {...common}
        type={kind === "date" ? "date" : "text"}
        inputMode={kind === "minutes" ? "numeric" : undefined}
        value={text}
        onInput={(e) => change(e.currentTarget.value)}
        onKeyDown={(e) => e.key === "Enter" && void autosave.flush(name)}
      />
    );
  }
  return (
    <label class={`field ${required && !text ? "needed" : ""}`}>
      {label}
      {input}
      {problem && <span class="error">{problem}</span>}
    </label>
  );
}

/** The trainee signs on a pad to confirm the operator training (installations). */
function TraineeSignature({ job, onJob }: { job: JobView; onJob: (j: JobView) => void }) {
  const { t, fail } = useUi();
  const pad = useRef<SignaturePad | null>(null);
  const signed = job.report.fields.some(([k, v]) => k === "trainee_signature" && v !== "");
  if (signed) return <p class="good" data-testid="trainee-signed">✓ {t("traineeSigned")}</p>;
  const sign = () =>
    !pad.current || pad.current.isEmpty()
      ? fail(t("drawFirst"))
      : api.signTraining(job.row.id, pad.current.toDataURL("image/png")).then(onJob, (e) => fail(errorText(e)));
  return (
    <div class="field">
      <span class="label">
        {t("traineeSigns")} <em class="req">* {t("required")}</em>
      </span>
      <Pad pad={pad} testId="trainee-pad" height={140} />
      <div class="row-actions">
        <button type="button" class="ghost" onClick={() => pad.current?.clear()}>
          {t("clear")}
        </button>
        <button type="button" class="primary" onClick={sign} data-testid="trainee-sign">
          {t("traineeSigns")}
        </button>
      </div>
    </div>
  );
}

function Checklist({ job, onJob, disabled }: { job: JobView; onJob: (j: JobView) => void; disabled: boolean }) {
  const { lang, t, fail } = useUi();
  const [notes, setNotes] = useState<Record<string, string>>({});
  const answer = (item: string, state: CheckState) =>
    api.setCheck(job.row.id, item, state, notes[item] ?? job.report.checklist.find((c) => c.key === item)?.note ?? "").then(onJob, (e) => fail(errorText(e)));
  return (
    <fieldset class="card" disabled={disabled}>
      <legend>
        {fieldLabel(lang, "checklist")} <em class="req">* {t("required")}</em>
      </legend>
      {job.report.checklist.map((c) => (
        <div class="check" key={c.key}>
          <span class="label">{optionLabel(lang, c.key)}</span>
          <div class="segmented">
            <button type="button" class={c.state === "ok" ? "on" : ""} onClick={() => answer(c.key, "ok")}>
              {t("ok")}
            </button>
            <button type="button" class={c.state === "issue" ? "on warn" : ""} onClick={() => answer(c.key, "issue")}>
              {t("issue")}
            </button>
          </div>
          <input
            placeholder={t("note")}
            value={notes[c.key] ?? c.note ?? ""}
            onInput={(e) => setNotes({ ...notes, [c.key]: e.currentTarget.value })}
            onBlur={() => c.state && answer(c.key, c.state)}
          />
        </div>
      ))}
    </fieldset>
  );
}
