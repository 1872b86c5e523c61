// The complaints register: the 24-hour clock and the overdue list, a step recorded, the close
// with the customer's answer; registering one about a customer's job; compensation only for
// the service manager; a viewer only reads.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import type { ComplaintEntry } from "../src/bindings/ComplaintEntry";
import { type Call, hq } from "./fake-hq";
import { session } from "./records";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  location.hash = "";
});

const hour = 3600 * 1000;
const late: ComplaintEntry = {
  id: "0190e0a0-0000-7000-8000-0000000000c1",
  received_at: new Date(Date.now() - 26 * hour).toISOString(),
  channel: "dealer",
  customer_id: "c1",
  customer: "济南恒丰机械",
  job_id: "0190e0a0-0000-7000-8000-000000000001",
  job_number: "J2612-000003",
  engineer_id: "e1",
  engineer: "王建国",
  category: "repair_quality",
  text: "修完第二天又停机",
  registered_by: "张敏",
  handling: [],
  compensation: null,
  closure: null,
  stage: "received",
  reply_due: new Date(Date.now() - 2 * hour).toISOString(),
  overdue: true,
  replied_in_time: false,
};
const handled: ComplaintEntry = {
  ...late,
  handling: [{ at: new Date().toISOString(), by: "张敏", text: "已安排复查" }],
  stage: "handling",
  overdue: false,
};

function register(role: string, entries: ComplaintEntry[], hash = "#/complaints"): Call[] {
  const calls = hq((c) => {
    if (c.path === "/api/v1/session") return [200, session(role)];
    if (c.method === "POST" && c.path === "/api/v1/complaints") return [201, { ...late, id: "new" }];
    if (c.method === "POST") return [200, handled];
    if (c.path.startsWith("/api/v1/complaints?state=overdue")) return [200, entries.filter((e) => e.overdue)];
    if (c.path.startsWith("/api/v1/complaints")) return [200, entries];
    if (c.path.startsWith("/api/v1/callers")) return [200, [{ customer_id: "c1", customer: "济南恒丰机械", matched: "name", text: "济南恒丰机械", site_id: null, equipment_id: null }]];
    if (c.path.startsWith("/api/v1/customers/c1/archive"))
      return [200, { customer: { id: "c1", name: "济南恒丰机械" }, sites: [], equipment: [], jobs: [{ id: late.job_id, number: "J2612-000003", job_type: "repair", status: "closed", scheduled_on: "2026-12-01", site_id: "s1", equipment_id: null, engineer: "王建国", reported_fault: "停机" }] }];
    return [200, []];
  });
  localStorage.setItem("outpost.lang", "zh-CN");
  location.hash = hash;
  render(<App />);
  return calls;
}

describe("the complaints register", () => {
  it("shows the 24-hour clock past due and the overdue count, records a step, then closes with the answer", async () => {
    const calls = register("dispatcher", [late]);
    const shown = await screen.findByTestId("complaint");
    expect(shown.textContent).toContain("维修质量");
    expect(shown.textContent).toContain("经销商");
    expect(within(shown).getByTestId("clock").textContent).toMatch(/^已超过 24 小时 2 小时 未答复$/);
    expect(screen.getByTestId("complaints-overdue").textContent).toContain("1");
    expect(screen.queryByTestId("close-complaint")).toBeNull();
    expect(screen.getByText("赔偿须由服务经理批准。")).toBeTruthy();
    fireEvent.input(screen.getByTestId("step-text"), { target: { value: " 已电话致歉 " } });
    fireEvent.click(screen.getByTestId("add-step"));
    await waitFor(() => expect(calls.some((c) => c.path.endsWith("/handling"))).toBe(true));
    expect(calls.find((c) => c.path.endsWith("/handling"))?.body).toEqual({ text: "已电话致歉" });
  });

  it("closes a handled complaint with the customer's answer", async () => {
    const calls = register("dispatcher", [handled]);
    fireEvent.input(await screen.findByTestId("customer-answer"), { target: { value: "复查后正常" } });
    fireEvent.click(screen.getByTestId("customer-accepts"));
    fireEvent.click(screen.getByTestId("close-complaint"));
    await waitFor(() => expect(calls.some((c) => c.path.endsWith("/close"))).toBe(true));
    expect(calls.find((c) => c.path.endsWith("/close"))?.body).toEqual({ customer_answer: "复查后正常", accepted: false });
  });

  it("registers a complaint about one of the customer's jobs", async () => {
    const calls = register("dispatcher", []);
    expect((await screen.findByText("没有待处理的投诉。")).textContent).toBeTruthy();
    fireEvent.click(screen.getByTestId("register-complaint"));
    fireEvent.click(screen.getByTestId("save-complaint"));
    expect((await screen.findByRole("alert")).textContent).toBe("请先找到投诉的客户。");
    fireEvent.input(screen.getByTestId("complaint-find"), { target: { value: "恒丰" } });
    fireEvent.click(await screen.findByText("济南恒丰机械"));
    await screen.findByTestId("complaint-customer");
    fireEvent.change(screen.getByTestId("complaint-job"), { target: { value: late.job_id } });
    fireEvent.change(screen.getByTestId("complaint-channel"), { target: { value: "visit" } });
    fireEvent.change(screen.getByTestId("complaint-category"), { target: { value: "charges" } });
    fireEvent.input(screen.getByTestId("complaint-text"), { target: { value: "配件收费太高" } });
    fireEvent.click(screen.getByTestId("save-complaint"));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    const sent = calls.find((c) => c.method === "POST")?.body as Record<string, unknown>;
    expect({ ...sent, received_at: typeof sent.received_at }).toEqual({
      received_at: "string",
      channel: "visit",
      customer_id: "c1",
      job_id: late.job_id,
      engineer_id: null,
      category: "charges",
      text: "配件收费太高",
    });
    await waitFor(() => expect(screen.queryByTestId("complaint-form")).toBeNull());
  });

  it("lets the service manager approve compensation in yuan, and a viewer only read", async () => {
    const calls = register("manager", [handled]);
    fireEvent.input(await screen.findByTestId("comp-model"), { target: { value: "HL-37A 空气滤芯" } });
    fireEvent.input(screen.getByTestId("comp-quantity"), { target: { value: "2" } });
    fireEvent.input(screen.getByTestId("comp-amount"), { target: { value: "360.5" } });
    fireEvent.click(screen.getByTestId("approve-compensation"));
    await waitFor(() => expect(calls.some((c) => c.path.endsWith("/compensation"))).toBe(true));
    expect(calls.find((c) => c.path.endsWith("/compensation"))?.body).toEqual({
      model: "HL-37A 空气滤芯",
      quantity: 2,
      amount: { minor: 36050, currency: "CNY" },
    });
    cleanup();
    const read = register("viewer", [handled]);
    await screen.findByTestId("complaint");
    expect(screen.queryByTestId("step-text")).toBeNull();
    expect(screen.queryByTestId("register-complaint")).toBeNull();
    expect(read.every((c) => c.method === "GET")).toBe(true);
  });
});
