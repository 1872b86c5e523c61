// HQ's API as the console calls it: the same /api/v1 endpoints scripts use, signed in with the
// session cookie, every change carrying the session's CSRF token. Types come from the wire crate.

import type { Archive } from "./bindings/Archive";
import type { Board } from "./bindings/Board";
import type { Call } from "./bindings/Call";
import type { CallInput } from "./bindings/CallInput";
import type { CallerMatch } from "./bindings/CallerMatch";
import type { ChargingPolicy } from "./bindings/ChargingPolicy";
import type { CallbackEntry } from "./bindings/CallbackEntry";
import type { CallbackPolicy } from "./bindings/CallbackPolicy";
import type { ClosureInput } from "./bindings/ClosureInput";
import type { CompensationInput } from "./bindings/CompensationInput";
import type { ComplaintEntry } from "./bindings/ComplaintEntry";
import type { ComplaintInput } from "./bindings/ComplaintInput";
import type { ConflictEntry } from "./bindings/ConflictEntry";
import type { Customer } from "./bindings/Customer";
import type { CustomerInput } from "./bindings/CustomerInput";
import type { Device } from "./bindings/Device";
import type { Engineer } from "./bindings/Engineer";
import type { EnrollmentCode } from "./bindings/EnrollmentCode";
import type { Equipment } from "./bindings/Equipment";
import type { EquipmentInput } from "./bindings/EquipmentInput";
import type { JobInput } from "./bindings/JobInput";
import type { JobPage } from "./bindings/JobPage";
import type { Kpis } from "./bindings/Kpis";
import type { JobUpdate } from "./bindings/JobUpdate";
import type { Keep } from "./bindings/Keep";
import type { Part } from "./bindings/Part";
import type { PartInput } from "./bindings/PartInput";
import type { PartsRequest } from "./bindings/PartsRequest";
import type { PartsRequestLine } from "./bindings/PartsRequestLine";
import type { PlanEntry } from "./bindings/PlanEntry";
import type { PlanInput } from "./bindings/PlanInput";
import type { PlannedMonth } from "./bindings/PlannedMonth";
import type { Reminders } from "./bindings/Reminders";
import type { VanCountLine } from "./bindings/VanCountLine";
import type { VanLevel } from "./bindings/VanLevel";
import type { VanStock } from "./bindings/VanStock";
import type { Session } from "./bindings/Session";
import type { Site } from "./bindings/Site";
import type { SiteInput } from "./bindings/SiteInput";
import type { Statistics } from "./bindings/Statistics";

/** An answer HQ refused, in its one error shape. */
export class HqError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null,
    /** Seconds to wait, on a 429. */
    readonly retryAfter: number | null = null,
  ) {
    super(message);
  }
}

let csrf: string | null = null;
// HQ words a rule's refusal in the reader's language.
let language = "en";

// Told when HQ no longer knows the session (it expired, or was ended elsewhere).
let signedOut: (() => void) | null = null;

/** What to do when HQ answers 401 to anything but signing in. */
export const whenSignedOut = (then: () => void) => void (signedOut = then);

/** The language HQ answers refusals in. */
export const speak = (lang: string) => void (language = lang);

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { "accept-language": language };
  if (body !== undefined) headers["content-type"] = "application/json";
  if (method !== "GET" && csrf) headers["x-outpost-csrf"] = csrf;
  const res = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  const json = text ? JSON.parse(text) : null;
  if (res.status === 401 && path !== "/api/v1/session") signedOut?.();
  if (!res.ok) {
    const wait = Number(res.headers.get("retry-after"));
    throw new HqError(res.status, json?.code ?? "http", json?.message ?? res.statusText, json?.field ?? null, wait || null);
  }
  return json as T;
}

/** Minutes east of UTC of the browser's time zone, as HQ prints times. */
export const offsetMinutes = () => -new Date().getTimezoneOffset();

/** Where the receipt of a job is, as PDF: in the customer's language, as their copy reads. */
export const receiptUrl = (job: string) => `/api/v1/jobs/${job}/receipt.pdf?utc_offset_minutes=${offsetMinutes()}`;

/** Which complaints a register read lists. */
export type ComplaintListing = "open" | "overdue" | "closed" | "all";

const remember = (s: Session) => ((csrf = s.csrf), s);

export const api = {
  signIn: (name: string, password: string) => call<Session>("POST", "/api/v1/session", { name, password }).then(remember),
  session: () => call<Session>("GET", "/api/v1/session").then(remember),
  signOut: () => call<null>("DELETE", "/api/v1/session").then(() => void (csrf = null)),
  changePassword: (password: string, new_password: string) =>
    call<Session>("PUT", "/api/v1/session/password", { password, new_password }).then(remember),
  board: (from: string, days: number) => call<Board>("GET", `/api/v1/board?from=${from}&days=${days}`),
  /** Gives a job to an engineer, unless someone moved it since the board showed it held by
   * `if_held_by` (an engineer's id, or "queue"): then 409. */
  assign: (job: string, engineer_id: string, if_held_by: string) =>
    call<unknown>("POST", `/api/v1/jobs/${job}/assign`, { engineer_id, if_held_by }),
  /** Customers by name, a contact's phone, or an equipment serial. */
  callers: (q: string) => call<CallerMatch[]>("GET", `/api/v1/callers?q=${encodeURIComponent(q)}`),
  archive: (customer: string, on: string) => call<Archive>("GET", `/api/v1/customers/${customer}/archive?on=${on}`),
  addCustomer: (c: CustomerInput) => call<Customer>("POST", "/api/v1/customers", c),
  /** Changes a customer; contacts sent with the version read must still be at it (else 409). */
  changeCustomer: (id: string, c: CustomerInput) => call<Customer>("PUT", `/api/v1/customers/${id}`, c),
  changeSite: (id: string, s: SiteInput) => call<Site>("PUT", `/api/v1/sites/${id}`, s),
  changeEquipment: (id: string, e: EquipmentInput) => call<Equipment>("PUT", `/api/v1/equipment/${id}`, e),
  addSite: (s: SiteInput) => call<Site>("POST", "/api/v1/sites", s),
  addEquipment: (e: EquipmentInput) => call<Equipment>("POST", "/api/v1/equipment", e),
  /** A new job (a follow-up visit names the one it continues). */
  addJob: (j: JobInput) => call<Pick<JobPage, "id" | "number">>("POST", "/api/v1/jobs", j),
  /** Registers a call, with the job made for it or the answer given. */
  takeCall: (c: CallInput) => call<Call>("POST", "/api/v1/calls", c),
  engineers: () => call<Engineer[]>("GET", "/api/v1/engineers"),
  /** The month's figures (`YYYY-MM`) of the team, or of one engineer. */
  kpis: (month: string, engineer: string | null) =>
    call<Kpis>("GET", `/api/v1/kpis?month=${month}${engineer ? `&engineer_id=${engineer}` : ""}`),
  /** The job page, its texts in `lang`, its times in the browser's time zone. */
  jobPage: (job: string, lang: string) =>
    call<JobPage>("GET", `/api/v1/jobs/${job}/page?language=${lang}&utc_offset_minutes=${offsetMinutes()}`),
  /** The pen strokes the signature pad recorded, as the pad keeps them. */
  strokes: (job: string) => call<unknown>("GET", `/api/v1/jobs/${job}/signature/strokes`),
  reschedule: (job: string, update: JobUpdate) => call<unknown>("PUT", `/api/v1/jobs/${job}`, update),
  cancel: (job: string, reason: string) => call<unknown>("POST", `/api/v1/jobs/${job}/cancel`, { reason }),
  close: (job: string) => call<unknown>("POST", `/api/v1/jobs/${job}/close`),
  /** Every call a customer made. */
  customerCalls: (customer: string) =>
    call<Call[]>("GET", `/api/v1/calls?since=2000-01-01T00:00:00Z&customer_id=${customer}`),
  calls: (since: string) => call<Call[]>("GET", `/api/v1/calls?since=${encodeURIComponent(since)}`),
  /** A new engineer, with the one-time code for their first laptop. */
  addEngineer: (name: string) => call<EnrollmentCode>("POST", "/api/v1/engineers", { name }),
  /** A new code for the engineer; their earlier unused ones stop working. */
  newCode: (engineer: string) => call<EnrollmentCode>("POST", `/api/v1/engineers/${engineer}/code`),
  devices: () => call<Device[]>("GET", "/api/v1/devices"),
  revoke: (client: string) => call<Device>("POST", `/api/v1/devices/${client}/revoke`),
  /** Parts requests: `open` (requested or promised) or `all`. */
  partsRequests: (state: "open" | "all") => call<PartsRequestLine[]>("GET", `/api/v1/parts-requests?state=${state}`),
  promise: (id: string, deliver_by: string) =>
    call<PartsRequest>("POST", `/api/v1/parts-requests/${id}/promise`, { deliver_by }),
  deliver: (id: string) => call<PartsRequest>("POST", `/api/v1/parts-requests/${id}/deliver`),
  decline: (id: string, reason: string) =>
    call<PartsRequest>("POST", `/api/v1/parts-requests/${id}/decline`, { reason }),
  parts: () => call<Part[]>("GET", "/api/v1/parts"),
  addPart: (p: PartInput) => call<Part>("POST", "/api/v1/parts", p),
  changePart: (id: string, p: PartInput) => call<Part>("PUT", `/api/v1/parts/${id}`, p),
  van: (engineer: string) => call<VanLevel[]>("GET", `/api/v1/engineers/${engineer}/van-stock`),
  countVan: (engineer: string, parts: VanCountLine[]) =>
    call<VanStock[]>("PUT", `/api/v1/engineers/${engineer}/van-stock`, { parts }),
  /** The conflict log, its fields said in `lang`: `open` (to settle) or `all`. */
  conflicts: (state: "open" | "all", lang: string) =>
    call<ConflictEntry[]>("GET", `/api/v1/conflicts?state=${state}&language=${lang}`),
  settle: (c: ConflictEntry, keep: Keep) =>
    call<ConflictEntry>("POST", `/api/v1/conflicts/${c.kind}/${c.id}/settle`, { keep }),
  /** The register of complaints: `open`, `overdue`, `closed` or `all`; of one job when given. */
  complaints: (state: ComplaintListing, job?: string) =>
    call<ComplaintEntry[]>("GET", `/api/v1/complaints?state=${state}${job ? `&job_id=${job}` : ""}`),
  registerComplaint: (c: ComplaintInput) => call<ComplaintEntry>("POST", "/api/v1/complaints", c),
  handleComplaint: (id: string, text: string) =>
    call<ComplaintEntry>("POST", `/api/v1/complaints/${id}/handling`, { text }),
  /** The service manager's approval of a compensation. */
  compensate: (id: string, c: CompensationInput) =>
    call<ComplaintEntry>("POST", `/api/v1/complaints/${id}/compensation`, c),
  closeComplaint: (id: string, c: ClosureInput) => call<ComplaintEntry>("POST", `/api/v1/complaints/${id}/close`, c),
  /** The callback queue: `open` (to call, or followed up by a job not closed), `done` or `all`. */
  callbacks: (state: "open" | "done" | "all") => call<CallbackEntry[]>("GET", `/api/v1/callbacks?state=${state}`),
  phoned: (id: string, satisfaction: number, notes: string) =>
    call<CallbackEntry>("POST", `/api/v1/callbacks/${id}/phoned`, { satisfaction, notes }),
  callbackVisit: (id: string, engineer_id: string, scheduled_on: string) =>
    call<CallbackEntry>("POST", `/api/v1/callbacks/${id}/visit`, { engineer_id, scheduled_on }),
  callbackPolicy: () => call<CallbackPolicy>("GET", "/api/v1/callback-policy"),
  setCallbackPolicy: (p: CallbackPolicy) => call<CallbackPolicy>("PUT", "/api/v1/callback-policy", p),
  /** A customer's quarterly callback in month 1, 2 or 3 of each quarter, or none. */
  setCallbackPlan: (customer: string, month_of_quarter: number | null) =>
    call<unknown>("PUT", `/api/v1/customers/${customer}/callback-plan`, { month_of_quarter }),
  reminders: () => call<Reminders>("GET", "/api/v1/reminders"),
  /** The month's statistics (维修统计表), of one engineer when given. */
  statistics: (month: string, engineer: string | null) =>
    call<Statistics>("GET", `/api/v1/statistics?month=${month}${engineer ? `&engineer_id=${engineer}` : ""}`),
  plans: () => call<PlanEntry[]>("GET", "/api/v1/plans"),
  /** A month's planned visits (`YYYY-MM`) with where each stands. */
  plannedVisits: (month: string) => call<PlannedMonth>("GET", `/api/v1/plans/visits?month=${month}`),
  makePlan: (p: PlanInput) => call<PlanEntry>("POST", "/api/v1/plans", p),
  changePlan: (id: string, p: PlanInput) => call<PlanEntry>("PUT", `/api/v1/plans/${id}`, p),
  endPlan: (id: string) => call<unknown>("DELETE", `/api/v1/plans/${id}`),
  chargingPolicy: () => call<ChargingPolicy>("GET", "/api/v1/charging-policy"),
  setChargingPolicy: (p: ChargingPolicy) => call<ChargingPolicy>("PUT", "/api/v1/charging-policy", p),
};
