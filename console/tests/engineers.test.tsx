// The engineers page: a new engineer's code shown once, each laptop's last sync and version,
// revoking asked twice and only for the service manager, HQ's refusals in the reader's words.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import type { Device } from "../src/bindings/Device";
import { hq } from "./fake-hq";
import { session } from "./records";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  location.hash = "";
});

const laptop = (over: Partial<Device> = {}): Device => ({
  client_id: "0190e0a0-0000-7000-8000-00000000d001",
  engineer_id: "e1",
  engineer_name: "王建国",
  name: "王建国's ThinkPad",
  enrolled_at: "2026-11-02T01:00:00Z",
  last_sync_at: "2026-11-20T08:00:00Z",
  app_version: "0.1.0",
  revoked_at: null,
  ...over,
});

function fleet(role: string, devices: Device[]) {
  let revoked = false;
  const calls = hq((c) => {
    if (c.path === "/api/v1/session") return [200, session(role, "刘强")];
    if (c.path === "/api/v1/engineers" && c.method === "GET")
      return [200, [{ id: "e1", name: "王建国" }, { id: "e2", name: "黄艳" }]];
    if (c.path === "/api/v1/devices")
      return [200, devices.map((d) => (revoked ? { ...d, revoked_at: "2026-12-03T02:00:00Z" } : d))];
    if (c.path === "/api/v1/engineers" && (c.body as { name: string }).name === "王建国")
      return [409, { code: "duplicate_name", message: "an engineer named 王建国 already exists" }];
    if (c.path === "/api/v1/engineers")
      return [201, { engineer_id: "e3", code: "ABCD-EFGH-JKLM", expires_at: "2026-12-10T02:00:00Z" }];
    if (c.path.endsWith("/revoke")) {
      revoked = true;
      return [200, { ...devices[0], revoked_at: "2026-12-03T02:00:00Z" }];
    }
    return [404, { code: "not_found", message: "no" }];
  });
  location.hash = "#/engineers";
  render(<App />);
  return calls;
}

describe("the engineers page", () => {
  it("shows a new engineer's code once and words a duplicate name in Chinese", async () => {
    localStorage.setItem("outpost.lang", "zh-CN");
    const calls = fleet("dispatcher", [laptop()]);
    await screen.findAllByTestId("engineer");
    expect(screen.getByText("尚未注册电脑：请给工程师一个注册码。")).toBeTruthy();
    expect(screen.queryByTestId("revoke")).toBeNull();
    fireEvent.input(screen.getByTestId("engineer-name"), { target: { value: "王建国" } });
    fireEvent.click(screen.getByTestId("add-engineer-go"));
    await screen.findByText("已有同名工程师。");
    expect(screen.queryByTestId("code-shown")).toBeNull();
    fireEvent.input(screen.getByTestId("engineer-name"), { target: { value: " 周杰 " } });
    fireEvent.click(screen.getByTestId("add-engineer-go"));
    expect((await screen.findByTestId("code")).textContent).toBe("ABCD-EFGH-JKLM");
    expect(screen.getByTestId("code-shown").textContent).toContain("周杰 的注册码");
    const added = calls.filter((c) => c.method === "POST");
    expect(added.map((c) => c.body)).toEqual([{ name: "王建国" }, { name: "周杰" }]);
    expect(added.every((c) => c.headers["x-outpost-csrf"] === "c5rf")).toBe(true);
    fireEvent.click(screen.getByTestId("code-done"));
    expect(screen.queryByTestId("code-shown")).toBeNull();
  });

  it("lets the manager revoke a laptop only after asking, and marks one quiet for days", async () => {
    const calls = fleet("manager", [laptop()]);
    const [row] = await screen.findAllByTestId("laptop");
    expect(row.textContent).toContain("0.1.0");
    expect(row.textContent).toMatch(/No sync for \d+ days/);
    fireEvent.click(screen.getByTestId("revoke"));
    expect(screen.getByTestId("revoke-ask").textContent).toContain("王建国's ThinkPad");
    expect(calls.some((c) => c.path.endsWith("/revoke"))).toBe(false);
    fireEvent.click(screen.getByTestId("revoke-yes"));
    await waitFor(() => expect(screen.getByTestId("laptop").textContent).toContain("Revoked"));
    expect(screen.queryByTestId("revoke-ask")).toBeNull();
    expect(calls.filter((c) => c.path.endsWith("/revoke")).map((c) => c.path)).toEqual([
      "/api/v1/devices/0190e0a0-0000-7000-8000-00000000d001/revoke",
    ]);
  });

  it("gives a viewer the list with no way to add, issue or revoke", async () => {
    const calls = fleet("viewer", [laptop({ last_sync_at: null, app_version: null })]);
    const [row] = await screen.findAllByTestId("laptop");
    expect(row.textContent).toContain("Not since HQ began keeping it");
    expect(screen.queryByTestId("add-engineer")).toBeNull();
    expect(screen.queryByTestId("new-code")).toBeNull();
    expect(screen.queryByTestId("revoke")).toBeNull();
    expect(calls.every((c) => c.method === "GET")).toBe(true);
  });
});
