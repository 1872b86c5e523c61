// HQ's API as the console calls it: the same /api/v1 endpoints scripts use, signed in with the
// session cookie, every change carrying the session's CSRF token. Types come from the wire crate.

import type { Board } from "./bindings/Board";
import type { Session } from "./bindings/Session";

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

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = {};
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
  if (!res.ok) {
    const wait = Number(res.headers.get("retry-after"));
    throw new HqError(res.status, json?.code ?? "http", json?.message ?? res.statusText, json?.field ?? null, wait || null);
  }
  return json as T;
}

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
};
