// A labelled form field with HQ's refusal under it, and HQ's refusals sorted by the field they
// are about (its English name in HQ's answer; "" for the form as a whole).
import type { ComponentChildren } from "preact";
import type { Engineer } from "../bindings/Engineer";
import type { HqError } from "../api";
import { useWords } from "../context";
import type { Key, Words } from "../i18n";

export type Problems = Record<string, string>;

const chinese = /[\u4e00-\u9fff]/;

/** HQ words a rule's refusal in the reader's language; its own few checks it words in English,
 * which a Chinese reader gets as one sentence of ours. */
export function problemsOf(
  err: HqError | null,
  w: Words,
  fallback: Key = "callFailed",
  shown: readonly string[] = [],
): Problems {
  if (!err) return { "": w.t("unreachable") };
  const own = w.lang === "en" || chinese.test(err.message);
  if (err.status === 403 || err.status === 409) return { "": w.refusal(err.code, fallback) };
  // A field the form does not show is said for the form as a whole, never dropped.
  if (err.field && shown.includes(err.field)) return { [err.field]: own ? err.message : w.t("fieldRefused") };
  if (err.field) return { "": own ? err.message : w.t(fallback) };
  return { "": own ? err.message : w.t(fallback) };
}

export function Field({ label, problem, children }: { label: string; problem?: string; children: ComponentChildren }) {
  return (
    <label class={problem ? "bad" : ""}>
      {label}
      {children}
      {problem && (
        <span class="error" role="alert">
          {problem}
        </span>
      )}
    </label>
  );
}

/** A refusal or failure said for the form or page as a whole; nothing when there is none. */
export function Alert({ text }: { text?: string | null }) {
  return text ? (
    <p class="error" role="alert">
      {text}
    </p>
  ) : null;
}

/** Picks one of HQ's engineers; `none` names the choice of no one (the whole team, nobody yet). */
export function EngineerSelect(props: {
  engineers: Engineer[];
  value: string;
  onPick: (id: string) => void;
  none?: string;
  testid: string;
}) {
  return (
    <select value={props.value} onChange={(e) => props.onPick(e.currentTarget.value)} data-testid={props.testid}>
      {props.none !== undefined && <option value="">{props.none}</option>}
      {props.engineers.map((e) => (
        <option key={e.id} value={e.id}>
          {e.name}
        </option>
      ))}
    </select>
  );
}

/** The end of a form: its refusal for the whole, then save and cancel. */
export function FormEnd(props: { save: string; testid: string; onCancel: () => void; problem?: string }) {
  const w = useWords();
  return (
    <>
      <Alert text={props.problem} />
      <div class="inline">
        <button type="submit" class="primary" data-testid={props.testid}>
          {props.save}
        </button>
        <button type="button" onClick={props.onCancel}>
          {w.t("cancel")}
        </button>
      </div>
    </>
  );
}
