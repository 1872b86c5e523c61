// The plans page: the month's planned visits planned against done, the missed named; each plan's
// rhythm and next visit; a plan made from a machine of the archive with the warranty end as its
// default end, changed, ended; a viewer only reads.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import type { Archive } from "../src/bindings/Archive";
import type { PlanEntry } from "../src/bindings/PlanEntry";
import type { PlannedMonth } from "../src/bindings/PlannedMonth";
import { shiftMonth } from "../src/screens/Plans";
import { type Call, hq } from "./fake-hq";
import { session } from "./records";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  location.hash = "";
});

const CUSTOMER = "0190e0a0-0000-7000-8000-0000000000c1";
const MACHINE = "0190e0a0-0000-7000-8000-0000000000e1";
const equipment = { customer_id: CUSTOMER, customer: "青岛港务局", site: "前湾码头", model: "海康威视 DS-9632", serial: "HK-9632-1" };
const plan: PlanEntry = {
  id: "p1",
  equipment_id: MACHINE,
  job_type: "inspection",
  every_months: 1,
  first_on: "2026-12-10",
  until: "2027-06-30",
  lead_days: 14,
  engineer_id: null,
  since: "2026-12-01",
  equipment,
  engineer: null,
  next_due: "2026-12-10",
  tally: { planned: 3, done: 1, late: 0, missed: 2, pending: 0 },
};
const month: PlannedMonth = {
  month: "2026-12",
  tally: { planned: 2, done: 1, late: 0, missed: 1, pending: 0 },
  visits: [
    { plan_id: "p1", equipment_id: MACHINE, equipment, job_type: "inspection", due_on: "2026-12-10", job_id: "j1", job_number: "J2612-000001", status: "closed", engineer: "王建国", standing: "done" },
    { plan_id: "p2", equipment_id: MACHINE, equipment, job_type: "maintenance", due_on: "2026-12-20", job_id: "j2", job_number: "J2612-000002", status: "assigned", engineer: null, standing: "missed" },
  ],
};
const archive: Archive = {
  customer: { id: CUSTOMER, name: "青岛港务局", language: "zh-CN", contacts: [], notes: null },
  sites: [],
  equipment: [
    { in_warranty: true, id: MACHINE, customer_id: CUSTOMER, site_id: "s1", brand: "海康威视", model: "DS-9632", serial: "HK-9632-1", installed_on: null, accepted_on: null, warranty_end: "2027-06-30", software_version: null, connection_notes: null },
  ],
  jobs: [],
  callback_plan: null,
};

function page(role: string, hash = "#/plans"): Call[] {
  const calls = hq((c) => {
    if (c.path === "/api/v1/session") return [200, session(role)];
    if (c.path === "/api/v1/engineers") return [200, [{ id: "e1", name: "王建国" }]];
    if (c.path.startsWith("/api/v1/plans/visits")) return [200, month];
    if (c.path.startsWith(`/api/v1/customers/${CUSTOMER}/archive`)) return [200, archive];
    if (c.method === "DELETE") return [200, null];
    if (c.method !== "GET") return [c.method === "POST" ? 201 : 200, plan];
    if (c.path === "/api/v1/plans") return [200, [plan]];
    return [200, []];
  });
  localStorage.setItem("outpost.lang", "zh-CN");
  location.hash = hash;
  render(<App />);
  return calls;
}

describe("the plans page", () => {
  it("counts the month's visits, names the missed one and links each inspection's report", async () => {
    const calls = page("dispatcher");
    const rows = await screen.findAllByTestId("planned-visit");
    expect(screen.getByTestId("month-tally").textContent).toBe("计划 2 次 · 按时完成 1 次 · 逾期完成 0 次 · 漏检 1 次 · 待完成 0 次");
    expect(within(rows[0]).getByTestId("standing").textContent).toBe("已完成");
    expect(within(rows[1]).getByTestId("standing").textContent).toBe("漏检");
    expect(within(rows[0]).getByTestId("inspection-report").getAttribute("href")).toBe(
      `/api/v1/equipment/${MACHINE}/inspection-report.pdf?month=2026-12&language=zh-CN`,
    );
    expect(within(rows[1]).queryByTestId("inspection-report")).toBeNull();
    const shown = screen.getByTestId("plan");
    expect(shown.textContent).toContain("自 2026-12-10 起每月一次，至 2027-06-30");
    expect(shown.textContent).toContain("上次到场的工程师");
    expect(within(shown).getByTestId("plan-next").textContent).toBe("下次 2026-12-10");
    fireEvent.click(screen.getByTestId("month-next"));
    await waitFor(() => expect(calls.some((c) => c.path.startsWith("/api/v1/plans/visits?month="))).toBe(true));
  });

  it("makes a plan for a machine of the archive, the warranty end its default end", async () => {
    const calls = page("dispatcher", `#/plans/new/${CUSTOMER}/${MACHINE}`);
    const form = await screen.findByTestId("plan-form");
    await waitFor(() => expect(within(form).getByTestId("plan-customer").textContent).toBe("青岛港务局"));
    expect((within(form).getByTestId("plan-equipment") as HTMLSelectElement).value).toBe(MACHINE);
    expect(within(form).getByTestId("plan-until-hint").textContent).toBe("留空即为保修截止日 2027-06-30。");
    fireEvent.change(within(form).getByTestId("plan-work"), { target: { value: "maintenance" } });
    expect((within(form).getByTestId("plan-every") as HTMLInputElement).value).toBe("6");
    fireEvent.input(within(form).getByTestId("plan-first"), { target: { value: "2027-01-15" } });
    fireEvent.click(within(form).getByTestId("save-plan"));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      equipment_id: MACHINE,
      job_type: "maintenance",
      every_months: 6,
      first_on: "2027-01-15",
      until: null,
      lead_days: 14,
      engineer_id: null,
    });
    await waitFor(() => expect(location.hash).toBe("#/plans"));
  });

  it("says HQ's refusal at the field, changes and ends a plan; a viewer only reads", async () => {
    const calls = page("dispatcher");
    fireEvent.click(await screen.findByTestId("edit-plan"));
    const form = await screen.findByTestId("plan-form");
    fireEvent.input(within(form).getByTestId("plan-every"), { target: { value: "3" } });
    fireEvent.click(within(form).getByTestId("save-plan"));
    await waitFor(() => expect(calls.some((c) => c.method === "PUT")).toBe(true));
    expect(calls.find((c) => c.method === "PUT")?.path).toBe("/api/v1/plans/p1");
    vi.stubGlobal("confirm", () => true);
    fireEvent.click(await screen.findByTestId("end-plan"));
    await waitFor(() => expect(calls.some((c) => c.method === "DELETE" && c.path === "/api/v1/plans/p1")).toBe(true));
    cleanup();
    const read = page("viewer");
    await screen.findByTestId("plan");
    expect(screen.queryByTestId("new-plan")).toBeNull();
    expect(screen.queryByTestId("edit-plan")).toBeNull();
    expect(read.every((c) => c.method === "GET")).toBe(true);
  });

  it("moves months across a year", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2027-01", -1)).toBe("2026-12");
  });
});
