// The Tauri commands and their error shape; wrappers and types are generated from the Rust side.
import { commands } from "./bindings/commands";
import type { Lang } from "./i18n";
import type { JobRow } from "./bindings/JobRow";
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

/** The commands, generated from their Rust signatures (bindings/commands.ts). */
export const api = commands;
