// The callback queue: why each customer is called, the phoned outcome (below 4 the repair job
// HQ opens is followed), an engineer sent instead, the manager's share; a viewer only reads.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import type { CallbackEntry } from "../src/bindings/CallbackEntry";
import { type Call, hq } from "./fake-hq";
import { session } from "./records";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  location.hash = "";
});

const low: CallbackEntry = {
  id: "0190e0a0-0000-7000-8000-0000000000b1",
  customer_id: "c1",
  job_id: "0190e0a0-0000-7000-8000-000000000001",
  engineer_id: "e1",
  reason: { kind: "low_rating", dimensions: ["attitude", "overall"] },
  queued_at: "2026-12-03T02:00:00Z",
  due_on: "2026-12-03",
  outcome: null,
  customer: "济南恒丰机械",
  job_number: "J2612-000003",
  engineer: "王建国",
  stage: "queued",
  follow_up: null,
};
const following: CallbackEntry = {
  ...low,
  outcome: { by: "phoned", at: "2026-12-03T03:00:00Z", who: "张敏", satisfaction: 2, notes: "异响还在", repair_job: "r1" },
  stage: "following",
  follow_up: { id: "r1", number: "J2612-000009", job_type: "repair", status: "assigned", engineer: null },
};

function queue(role: string, entries: CallbackEntry[]): Call[] {
  const calls = hq((c) => {
    if (c.path === "/api/v1/session") return [200, session(role)];
    if (c.path === "/api/v1/engineers") return [200, [{ id: "e1", name: "王建国" }, { id: "e2", name: "黄艳" }]];
    if (c.path === "/api/v1/callback-policy") return [200, c.method === "PUT" ? c.body : { sample_percent: 10 }];
    if (c.method === "POST") return [200, following];
    if (c.path.startsWith("/api/v1/callbacks")) return [200, entries];
    return [200, []];
  });
  localStorage.setItem("outpost.lang", "zh-CN");
  location.hash = "#/callbacks";
  render(<App />);
  return calls;
}

describe("the callback queue", () => {
  it("says why a customer is called and records the phoned answer", async () => {
    const calls = queue("dispatcher", [low]);
    const shown = await screen.findByTestId("callback");
    expect(shown.textContent).toContain("评分偏低：服务态度、总体满意度");
    expect(shown.textContent).toContain("J2612-000003");
    expect(screen.queryByTestId("sample-share")).toBeNull();
    expect(within(shown).queryByTestId("save-phoned")).toBeNull();
    fireEvent.click(within(shown).getByTestId("callback-open"));
    const save = within(shown).getByTestId("save-phoned") as HTMLButtonElement;
    expect(save.disabled).toBe(true);
    fireEvent.click(within(shown).getByTestId("stars-2"));
    fireEvent.input(within(shown).getByTestId("callback-notes"), { target: { value: " 异响还在 " } });
    fireEvent.click(save);
    await waitFor(() => expect(calls.some((c) => c.path.endsWith("/phoned"))).toBe(true));
    expect(calls.find((c) => c.path.endsWith("/phoned"))?.body).toEqual({ satisfaction: 2, notes: "异响还在" });
  });

  it("follows the repair an unsatisfied answer opened, and sends an engineer instead when asked", async () => {
    queue("dispatcher", [following]);
    const shown = await screen.findByTestId("callback");
    expect(within(shown).getByTestId("phoned").textContent).toContain("张敏");
    expect(within(shown).getByTestId("phoned").textContent).toContain("2 / 5 分 — 异响还在");
    expect(within(shown).getByTestId("follow-up").textContent).toContain("J2612-000009");
    expect(within(shown).getByTestId("follow-up").textContent).toContain("未派工");
    expect(within(shown).queryByTestId("save-phoned")).toBeNull();
    cleanup();
    const calls = queue("dispatcher", [low]);
    const again = await screen.findByTestId("callback");
    fireEvent.click(within(again).getByTestId("callback-open"));
    await waitFor(() => expect(within(again).getByTestId("visit-engineer").querySelectorAll("option").length).toBe(3));
    fireEvent.change(within(again).getByTestId("visit-engineer"), { target: { value: "e2" } });
    fireEvent.click(within(again).getByTestId("send-visit"));
    await waitFor(() => expect(calls.some((c) => c.path.endsWith("/visit"))).toBe(true));
    expect((calls.find((c) => c.path.endsWith("/visit"))?.body as { engineer_id: string }).engineer_id).toBe("e2");
  });

  it("lets the manager set the share sampled, and a viewer only read", async () => {
    const calls = queue("manager", [low]);
    const share = (await screen.findByTestId("sample-percent")) as HTMLInputElement;
    await waitFor(() => expect(share.value).toBe("10"));
    fireEvent.input(share, { target: { value: "20" } });
    fireEvent.submit(screen.getByTestId("sample-share"));
    await waitFor(() => expect(calls.some((c) => c.method === "PUT")).toBe(true));
    expect(calls.find((c) => c.method === "PUT")?.body).toEqual({ sample_percent: 20 });
    cleanup();
    const read = queue("viewer", [low]);
    await screen.findByTestId("callback");
    expect(screen.queryByTestId("callback-open")).toBeNull();
    expect(read.every((c) => c.method === "GET")).toBe(true);
  });
});
