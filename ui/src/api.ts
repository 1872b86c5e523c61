// Typed wrappers over the Tauri commands; the types are generated from the Rust views.
import { invoke } from "@tauri-apps/api/core";
import type { Lang } from "./i18n";
import type { CheckState } from "./bindings/CheckState";
import type { Dimension } from "./bindings/Dimension";
import type { FaultOrigin } from "./bindings/FaultOrigin";
import type { JobRow } from "./bindings/JobRow";
import type { JobStatus } from "./bindings/JobStatus";
import type { ReportField } from "./bindings/ReportField";
import type { JobView } from "./bindings/JobView";
import type { PartsRequestView } from "./bindings/PartsRequestView";
import type { PartView } from "./bindings/PartView";
import type { ReceiptFile } from "./bindings/ReceiptFile";
import type { RefusedView } from "./bindings/RefusedView";
import type { SettingsView } from "./bindings/SettingsView";
import type { SyncView } from "./bindings/SyncView";

export type { JobRow, JobView, PartsRequestView, PartView, ReceiptFile, RefusedView, SettingsView, SyncView };

/** What every failed command answers: a code the UI may switch on, the words in both
 * languages, and the domain rule (code and parameters) when one refused. */
export interface AppError {
  code: string;
  message: string;
  words?: Partial<Record<Lang, string>>;
  rule?: { code: string } | null;
}

/** The words of any error, whatever threw it, in the language the app is showing. */
export function errorText(e: unknown): string {
  if (e && typeof e === "object" && "message" in e) {
    const err = e as AppError;
    const lang: Lang = document.documentElement.lang === "zh-CN" ? "zh-CN" : "en";
    return err.words?.[lang] ?? String(err.message);
  }
  return String(e);
}

export const api = {
  getSettings: () => invoke<SettingsView>("get_settings"),
  enroll: (hq_url: string, code: string) => invoke<SettingsView>("enroll", { hq_url, code }),
  setLanguage: (language: Lang) => invoke<SettingsView>("set_language", { language }),
  signOut: () => invoke<SettingsView>("sign_out"),
  listJobs: (when: string, search: string | null) => invoke<JobRow[]>("list_jobs", { when, search }),
  getJob: (id: string) => invoke<JobView>("get_job", { id }),
  transition: (id: string, to: JobStatus, reason: string | null = null, promised_on: string | null = null) =>
    invoke<JobView>("transition_job", { id, to, reason, promised_on }),
  setField: (id: string, field: ReportField, value: string) => invoke<JobView>("set_report_field", { id, field, value }),
  setCheck: (id: string, item: string, answer: CheckState, note: string) =>
    invoke<JobView>("set_check", { id, item, answer, note }),
  findParts: (text: string) => invoke<PartView[]>("find_parts", { text }),
  addPart: (id: string, code: string, quantity: number, origin: FaultOrigin) =>
    invoke<JobView>("add_part", { id, code, quantity, origin }),
  requestParts: (id: string, code: string, quantity: number, origin: FaultOrigin, note: string) =>
    invoke<JobView>("request_parts", { id, code, quantity, origin, note }),
  removePart: (id: string, line: string) => invoke<JobView>("remove_part", { id, line }),
  acceptQuote: (id: string, name: string, method: string) => invoke<JobView>("accept_quote", { id, name, method }),
  rate: (id: string, dimension: Dimension, rating: number) => invoke<JobView>("rate", { id, dimension, rating }),
  declineRating: (id: string) => invoke<JobView>("decline_rating", { id }),
  setSurveyComment: (id: string, comment: string) => invoke<JobView>("set_survey_comment", { id, comment }),
  sign: (id: string, name: string, png_base64: string, strokes: string) =>
    invoke<JobView>("sign_report", { id, name, png_base64, strokes }),
  signTraining: (id: string, png_base64: string) => invoke<JobView>("sign_training", { id, png_base64 }),
  makeReceipt: (id: string, layout: string, language: string | null) =>
    invoke<ReceiptFile>("make_receipt", { id, layout, language }),
  openReceipt: (path: string) => invoke<void>("open_receipt", { path }),
  printReceipt: (path: string) => invoke<string>("print_receipt", { path }),
  syncStatus: () => invoke<SyncView>("get_sync_status"),
  syncNow: () => invoke<SyncView>("sync_now"),
  listRefused: () => invoke<RefusedView[]>("list_refused"),
};
