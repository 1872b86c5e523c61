// The conflicts page: HQ's value and the engineer's side by side, one kept; a conflict someone
// settled meanwhile is said so; a viewer only reads.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import type { ConflictEntry } from "../src/bindings/ConflictEntry";
import { hq } from "./fake-hq";
import { session } from "./records";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  location.hash = "";
});

const base = { engineer_id: "e1", engineer: "王建国", client_id: "c1", mutation_id: 5, job_id: "0190e0a0-0000-7000-8000-000000000001", job_number: "J2612-000003", at: Date.parse("2026-12-03T02:00:00Z") * 1e6, settled: null };
const contact: ConflictEntry = {
  ...base,
  kind: "contact",
  id: 7,
  customer_id: "c9",
  customer: "济南恒丰机械",
  theirs: { id: "k1", name: "李经理", phone: "139 0013 9000", role: "设备科长", version: 2 },
  kept: { id: "k1", name: "李经理", phone: "0531-8888 7777", role: "设备科长", version: 2 },
};
const report: ConflictEntry = { ...base, kind: "report", id: 3, field: "fault_cause", field_said: "故障原因", theirs: "油封损坏", kept: "油泵密封老化", theirs_said: "油封损坏", kept_said: "油泵密封老化" };

function conflicts(role: string, settleAnswer: [number, unknown] = [200, {}]) {
  let settled = false;
  const calls = hq((c) => {
    if (c.path === "/api/v1/session") return [200, session(role)];
    if (c.path.endsWith("/settle")) {
      settled = settleAnswer[0] === 200;
      return settleAnswer;
    }
    if (c.path.startsWith("/api/v1/conflicts?state=all"))
      return [200, [{ ...contact, settled: { at: "2026-12-03T03:00:00Z", by: "person:张敏", keep: "engineer" } }, report]];
    if (c.path.startsWith("/api/v1/conflicts")) return [200, settled ? [report] : [contact, report]];
    return [200, []];
  });
  localStorage.setItem("outpost.lang", "zh-CN");
  location.hash = "#/conflicts";
  render(<App />);
  return calls;
}

describe("the conflicts page", () => {
  it("shows both values side by side and keeps the one the dispatcher picks", async () => {
    const calls = conflicts("dispatcher");
    const [first, second] = await screen.findAllByTestId("conflict");
    expect(first.textContent).toContain("济南恒丰机械 的联系人");
    expect(within(first).getByTestId("side-hq").textContent).toContain("0531-8888 7777");
    expect(within(first).getByTestId("side-engineer").textContent).toContain("王建国 在电脑上的修改");
    expect(within(first).getByTestId("side-engineer").textContent).toContain("139 0013 9000");
    expect(second.textContent).toContain("故障原因");
    expect(calls[1].path).toBe("/api/v1/conflicts?state=open&language=zh-CN");
    fireEvent.click(within(first).getByTestId("keep-engineer"));
    await waitFor(() => expect(screen.getAllByTestId("conflict")).toHaveLength(1));
    const settle = calls.find((c) => c.path.endsWith("/settle"));
    expect([settle?.path, settle?.body, settle?.headers["x-outpost-csrf"]]).toEqual(["/api/v1/conflicts/contact/7/settle", { keep: "engineer" }, "c5rf"]);
    fireEvent.click(screen.getByTestId("conflicts-all"));
    expect((await screen.findByTestId("settled")).textContent).toContain("张敏 于");
    expect(screen.getByTestId("settled").textContent).toContain("采用了工程师的值");
  });

  it("says so when someone settled it meanwhile", async () => {
    conflicts("dispatcher", [409, { code: "already_settled", message: "settled already" }]);
    const [first] = await screen.findAllByTestId("conflict");
    fireEvent.click(within(first).getByTestId("keep-hq"));
    expect(await screen.findByText("他人刚刚处理了此冲突，列表已重新读取。")).toBeTruthy();
  });

  it("gives a viewer the values and no way to keep one", async () => {
    const calls = conflicts("viewer");
    await screen.findAllByTestId("conflict");
    expect(screen.queryByTestId("keep-hq")).toBeNull();
    expect(screen.queryByTestId("keep-engineer")).toBeNull();
    expect(calls.every((c) => c.method === "GET")).toBe(true);
  });
});
