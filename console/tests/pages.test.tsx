// Each page for each role: a viewer reads every page but has no way to change anything; a
// session that ends on any page brings back the sign-in form.
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import { hq } from "./fake-hq";
import { figures, jobPage as signed, session } from "./records";

const kpis = figures();
// A job still to do, so a dispatcher has actions on it.
const jobPage = signed({ status: "assigned" });

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  location.hash = "";
});

/** HQ for a person of `role`; `ended` answers 401 to every call after the session's. */
function hqFor(role: string, ended = false) {
  return hq((c) => {
    if (c.path === "/api/v1/session") return [200, session(role, "陈静")];
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
