// Each page for each role: a viewer reads every page but has no way to change anything; a
// session that ends on any page brings back the sign-in form.
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import { hq } from "./fake-hq";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  location.hash = "";
});

const session = (role: string) => ({
  csrf: "c5rf",
  name: "陈静",
  role,
  must_change_password: false,
  expires_at: "2026-12-03T14:00:00Z",
});

const none = { numerator: 0, denominator: 0 };
const kpis = {
  on_time_arrival: none,
  fix_rate: none,
  first_visit_fix: none,
  overall_rating_sum: 0,
  overall_rating_count: 0,
  satisfied: none,
  repeat_repair: none,
  complaint: null,
  report_completeness: none,
  reply_in_time: none,
  factory_repair_in_time: none,
};

const jobPage = {
  id: "0190e0a0-0000-7000-8000-000000000001",
  number: "J2612-000003",
  job_type: "repair",
  status: "assigned",
  severity: "common",
  customer_id: "c1",
  customer: "济南恒丰机械",
  site: "一厂",
  engineer_id: "e1",
  engineer: "王建国",
  reported_fault: "不能起升",
  reported_at: "2026-12-03T01:10:00Z",
  scheduled_on: "2026-12-03",
  window_from: null,
  window_until: null,
  promised_on: null,
  left_unsigned: null,
  previous_visit: null,
  events: [],
  sheet: { visit: [], report: [], parts: [], totals: [], ratings: [], opinion: null, signer: null, signed_at: null, short_hash: null, draft: true },
  signature_image: false,
  revisions: [],
  audit: [],
};

/** HQ for a person of `role`; `ended` answers 401 to every call after the session's. */
function hqFor(role: string, ended = false) {
  return hq((c) => {
    if (c.path === "/api/v1/session") return [200, session(role)];
    if (ended) return [401, { code: "unauthorized", message: "your session has ended" }];
    if (c.path.startsWith("/api/v1/kpis")) return [200, kpis];
    if (c.path.startsWith("/api/v1/engineers")) return [200, [{ id: "e1", name: "王建国" }]];
    if (c.path.includes("/page")) return [200, jobPage];
    if (c.path.startsWith("/api/v1/board"))
      return [200, { from: "2026-12-03", days: 1, now: "2026-12-03T02:00:00Z", engineers: [], unassigned: [] }];
    return [200, []];
  });
}

describe("the pages by role", () => {
  it("lets a viewer read the job page and the figures, with no action and no call taking", async () => {
    localStorage.setItem("outpost.lang", "zh-CN");
    location.hash = `#/jobs/${jobPage.id}`;
    const calls = hqFor("viewer");
    render(<App />);
    await screen.findByTestId("job-page");
    expect(screen.queryByTestId("job-actions")).toBeNull();
    expect(screen.queryByTestId("nav-call")).toBeNull();
    expect(screen.getByTestId("nav-figures")).toBeTruthy();
    location.hash = "#/call";
    window.dispatchEvent(new HashChangeEvent("hashchange"));
    // A viewer sent to take a call gets the board instead.
    await screen.findByTestId("board");
    expect(screen.queryByTestId("take-call")).toBeNull();
    expect(calls.every((c) => c.method === "GET")).toBe(true);
  });

  it("gives a dispatcher the job's actions", async () => {
    location.hash = `#/jobs/${jobPage.id}`;
    hqFor("dispatcher");
    render(<App />);
    await screen.findByTestId("job-actions");
    expect(screen.getByTestId("nav-call")).toBeTruthy();
  });

  it("brings back the sign-in form when the session ends on any page", async () => {
    for (const page of ["#/figures", `#/jobs/${jobPage.id}`, "#/customers/0190e0a0-0000-7000-8000-0000000000c1"]) {
      location.hash = page;
      hqFor("manager", true);
      render(<App />);
      await screen.findByTestId("sign-in");
      cleanup();
      vi.unstubAllGlobals();
    }
  });
});
