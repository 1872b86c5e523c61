// The parts pages: the requests inbox with its 15-day clock and HQ's answers, the catalogue
// found and changed in yuan, a van short and still, the policy only the manager changes.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import type { PartsRequestLine } from "../src/bindings/PartsRequestLine";
import { localDate } from "../src/screens/Board";
import { type Call, hq } from "./fake-hq";
import { session } from "./records";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  location.hash = "";
});

const day = (n: number) => localDate(new Date(Date.now() + n * 24 * 3600 * 1000));
const cny = (minor: number) => ({ minor, currency: "CNY" });

const request = (over: Partial<PartsRequestLine>): PartsRequestLine =>
  ({
    id: "r1",
    job_id: "0190e0a0-0000-7000-8000-000000000001",
    job_number: "J2612-000003",
    engineer_id: "e1",
    engineer: "王建国",
    part_code: "MOT-0501",
    part_name: "风扇电机",
    quantity: 1,
    origin: "quality",
    note: "车上没有备件",
    requested_at: "2026-11-20T01:58:00Z",
    state: "requested",
    price: { situation: "in_warranty_quality", charge: "free", unit_charge: cny(0), total: cny(0) },
    due_by: day(2),
    overdue: false,
    ...over,
  }) as PartsRequestLine;

const motor = {
  id: "p1", code: "MOT-0501", name: "风扇电机", spec: "HL-37A", substitutes: [], unit_cost: cny(165100),
  unit_price: cny(229900), bin: "A-03-2", class: "repair",
};
const filter = { ...motor, id: "p2", code: "FLT-0001", name: "空气滤芯", spec: "JL-G15", unit_cost: cny(8000), unit_price: cny(12000), class: "consumable" };
const policy = {
  currency: "CNY",
  in_warranty_quality: { parts: "free", labour_per_hour: 0, service_fee: 0 },
  in_warranty_misuse: { parts: "at_cost", labour_per_hour: 8000, service_fee: 0 },
  out_of_warranty: { parts: "at_cost", labour_per_hour: 8000, service_fee: 5000 },
  consumables: "at_cost",
};

function parts(role: string, hash: string, answer: (c: Call) => [number, unknown] | null = () => null) {
  const calls = hq((c) => {
    const own = answer(c);
    if (own) return own;
    if (c.path === "/api/v1/session") return [200, session(role)];
    if (c.path.startsWith("/api/v1/parts-requests?"))
      return [200, [request({ id: "r0", due_by: day(-3), overdue: true, requested_at: "2026-11-01T01:00:00Z" }), request({})]];
    if (c.path === "/api/v1/parts") return [200, [filter, motor]];
    if (c.path === "/api/v1/engineers") return [200, [{ id: "e1", name: "王建国" }]];
    if (c.path === "/api/v1/charging-policy") return [200, c.method === "PUT" ? c.body : policy];
    if (c.path.endsWith("/van-stock") && c.method === "GET")
      return [200, [
        { part_code: "FLT-0001", part_name: "空气滤芯", counted: 2, counted_at: "2026-08-01T02:00:00Z", used_since_count: 0, on_hand: 2, last_movement_at: "2026-08-01T02:00:00Z", staleness: "still_for_three_months" },
        { part_code: "MOT-0501", part_name: "风扇电机", counted: 3, counted_at: "2026-11-01T02:00:00Z", used_since_count: 4, on_hand: -1, last_movement_at: "2026-11-22T02:00:00Z", staleness: "moving" },
      ]];
    return [200, {}];
  });
  location.hash = hash;
  render(<App />);
  return calls;
}

describe("the parts pages", () => {
  it("counts the 15 days down and answers a request: promised, delivered, declined with a reason", async () => {
    localStorage.setItem("outpost.lang", "zh-CN");
    const calls = parts("dispatcher", "#/parts", (c) =>
      c.path.endsWith("/promise") ? [422, { code: "invalid", field: "deliver_by", message: "承诺日期须在申请后 15 天内" }] : null,
    );
    const [late, soon] = await screen.findAllByTestId("request");
    expect(within(late).getByTestId("clock").textContent).toBe("已超期 3 天");
    expect(within(soon).getByTestId("clock").textContent).toBe("还剩 2 天");
    expect(soon.textContent).toContain("保修期内，质量问题：免费");
    expect(soon.textContent).toContain("王建国");
    fireEvent.input(within(soon).getByTestId("promise-day"), { target: { value: day(1) } });
    fireEvent.click(within(soon).getByTestId("promise"));
    await screen.findByText("承诺日期须在申请后 15 天内");
    fireEvent.click(within(late).getByTestId("deliver"));
    fireEvent.click(within(soon).getByTestId("decline"));
    expect((within(soon).getByTestId("decline-yes") as HTMLButtonElement).disabled).toBe(true);
    fireEvent.input(within(soon).getByTestId("decline-reason"), { target: { value: " 型号停产 " } });
    fireEvent.click(within(soon).getByTestId("decline-yes"));
    await waitFor(() => expect(calls.filter((c) => c.method === "POST")).toHaveLength(3));
    expect(calls.filter((c) => c.method === "POST").map((c) => [c.path, c.body])).toEqual([
      ["/api/v1/parts-requests/r1/promise", { deliver_by: day(1) }],
      ["/api/v1/parts-requests/r0/deliver", null],
      ["/api/v1/parts-requests/r1/decline", { reason: "型号停产" }],
    ]);
  });

  it("finds a part as you type and saves a change in yuan, refusing what is not an amount", async () => {
    const calls = parts("dispatcher", "#/parts/catalogue", (c) =>
      c.method === "PUT" ? [200, motor] : c.method === "POST" ? [409, { code: "duplicate_code", message: "exists" }] : null,
    );
    await screen.findAllByTestId("part");
    fireEvent.input(screen.getByTestId("find-part"), { target: { value: "jl-g15" } });
    expect(screen.getAllByTestId("part").map((r) => r.textContent)).toEqual([expect.stringContaining("FLT-0001")]);
    expect(screen.getByTestId("part").textContent).toContain("Consumable");
    fireEvent.click(screen.getByTestId("edit-part"));
    fireEvent.input(screen.getByTestId("part-price"), { target: { value: "12O" } });
    fireEvent.click(screen.getByTestId("save-part"));
    expect(await screen.findByText("HQ did not accept this: check it.")).toBeTruthy();
    fireEvent.input(screen.getByTestId("part-price"), { target: { value: "1,250.5" } });
    fireEvent.input(screen.getByTestId("part-substitutes"), { target: { value: "FLT-0002，FLT-0003" } });
    fireEvent.click(screen.getByTestId("save-part"));
    await waitFor(() => expect(screen.queryByTestId("part-form")).toBeNull());
    const put = calls.find((c) => c.method === "PUT");
    expect(put?.path).toBe("/api/v1/parts/p2");
    expect(put?.body).toMatchObject({ code: "FLT-0001", unit_cost: 8000, unit_price: 125050, class: "consumable", substitutes: ["FLT-0002", "FLT-0003"] });
    fireEvent.click(screen.getByTestId("add-part"));
    fireEvent.input(screen.getByTestId("part-code"), { target: { value: "MOT-0501" } });
    fireEvent.input(screen.getByTestId("part-cost"), { target: { value: "1" } });
    fireEvent.input(screen.getByTestId("part-price"), { target: { value: "2" } });
    fireEvent.click(screen.getByTestId("save-part"));
    expect(await screen.findByText("A part with this code is in the catalogue already.")).toBeTruthy();
  });

  it("shows a van short and still, and records a new count", async () => {
    const calls = parts("dispatcher", "#/parts/vans", (c) => (c.method === "PUT" ? [200, []] : null));
    const [filters, motors] = await screen.findAllByTestId("van-part");
    expect(within(filters).getByTestId("staleness").className).toContain("late");
    expect(filters.textContent).toContain("Still for three months");
    expect(motors.textContent).toContain("Short: count the van again");
    fireEvent.input(within(motors).getByTestId("new-count"), { target: { value: "5" } });
    fireEvent.input(screen.getByTestId("van-add-code"), { target: { value: "BLT-0100" } });
    fireEvent.click(screen.getByTestId("van-add"));
    fireEvent.input(screen.getByLabelText("New count BLT-0100"), { target: { value: "2" } });
    fireEvent.click(screen.getByTestId("record-count"));
    await screen.findByText("The count is recorded; the laptop gets it at its next sync.");
    const put = calls.find((c) => c.method === "PUT");
    expect(put?.path).toBe("/api/v1/engineers/e1/van-stock");
    expect(put?.body).toEqual({ parts: [{ part_code: "MOT-0501", counted: 5 }, { part_code: "BLT-0100", counted: 2 }] });
  });

  it("lets only the manager change the charging policy", async () => {
    parts("dispatcher", "#/parts/policy");
    await screen.findByTestId("policy");
    expect(screen.getByText("Only the service manager changes the charging policy.")).toBeTruthy();
    expect(screen.queryByTestId("save-policy")).toBeNull();
    expect(screen.getByTestId("policy").textContent).toContain("CNY 50.00");
    cleanup();
    const calls = parts("manager", "#/parts/policy");
    await screen.findByTestId("save-policy");
    fireEvent.input(screen.getByTestId("out_of_warranty-labour_per_hour"), { target: { value: "120.5" } });
    fireEvent.change(screen.getByTestId("consumables"), { target: { value: "free" } });
    fireEvent.click(screen.getByTestId("save-policy"));
    await screen.findByText("Saved: every laptop gets the new policy at its next sync.");
    const put = calls.find((c) => c.method === "PUT");
    expect(put?.body).toMatchObject({ out_of_warranty: { parts: "at_cost", labour_per_hour: 12050, service_fee: 5000 }, consumables: "free" });
  });
});
