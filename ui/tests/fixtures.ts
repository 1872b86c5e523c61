// What every screen test shares: the UI context, a job as the backend shows it, and the
// clean-up after each test.
import { clearMocks } from "@tauri-apps/api/mocks";
import { cleanup } from "@testing-library/preact";
import { vi } from "vitest";
import type { JobView } from "../src/api";
import { translator } from "../src/i18n";

export function reset() {
  cleanup();
  clearMocks();
  vi.restoreAllMocks();
}

export const ui = (lang: "en" | "zh-CN", failures: string[] = []) => ({ lang, t: translator(lang), fail: (m: string) => void failures.push(m) });

export const row = {
  id: "j1",
  number: "J2611-000001",
  job_type: "repair",
  status: "assigned",
  severity: "major",
  customer: "济南恒丰机械",
  site: "一号厂房",
  address: "经十路 1 号",
  equipment: "Atlas GA37",
  reported_fault: "排气温度高",
  scheduled_on: "2026-11-23",
  window_from: null,
  window_until: null,
  sla: { kind: "arrive_overdue", minutes: 75 },
};

export const zero = { en: "CNY 0.00", "zh-CN": "¥0.00" };

export function job(over: Partial<JobView> = {}): JobView {
  return {
    row,
    sla: row.sla,
    customer_language: "zh-CN",
    contacts: [],
    directions: null,
    equipment: null,
    report: { revision: 1, fields: [], checklist: [], required: [], missing: [], satisfaction: { declined: false, ratings: [], comment: null }, signature: null },
    quote: { lines: [], labour: zero, service_fee: zero, parts_total: zero, total: zero, needs_acceptance: false, accepted_by: null },
    events: [],
    history: [],
    next: ["en_route"],
    sections: ["fault", "parts"],
    unresolved_reason: null,
    promised_on: null,
    parts_requests: [],
    complaints: [],
    left_unsigned: null,
    ...over,
  } as JobView;
}

