// A fake HQ for the console's tests: fetch answered here, every call kept to look at.
import { vi } from "vitest";

export type Call = { method: string; path: string; headers: Record<string, string>; body: unknown };

/** Answers fetch with `answer(call)`: [status, body, headers?]. */
export function hq(answer: (c: Call) => [number, unknown, Record<string, string>?]): Call[] {
  const calls: Call[] = [];
  vi.stubGlobal("fetch", async (path: string, init: RequestInit = {}) => {
    const call = {
      method: init.method ?? "GET",
      path,
      headers: (init.headers ?? {}) as Record<string, string>,
      body: init.body ? JSON.parse(String(init.body)) : null,
    };
    calls.push(call);
    const [status, body, headers] = answer(call);
    return new Response(body === null ? "" : JSON.stringify(body), { status, headers: headers ?? {} });
  });
  return calls;
}
