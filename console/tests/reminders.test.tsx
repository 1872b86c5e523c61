// The reminders page: each reminder says what, by when and how late, links its customer, job
// and where to act; an empty day says so.
import { cleanup, render, screen } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { App } from "../src/app";
import type { Reminders } from "../src/bindings/Reminders";
import { hq } from "./fake-hq";
import { session } from "./records";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  location.hash = "";
});

const base = { customer_id: "c1", customer: "济南恒丰机械", job_id: null, job_number: null, engineer: null, equipment_id: null, equipment: null, detail: "" };
const day: Reminders = {
  today: "2026-12-08",
  reminders: [
    { ...base, kind: "promise_due", due_on: "2026-11-27", days_left: -11, job_id: "j1", job_number: "J2611-000001", engineer: "王建国", detail: "压缩机需返厂维修" },
    { ...base, kind: "parts_request", due_on: "2026-12-08", days_left: 0, job_id: "j1", job_number: "J2611-000001", detail: "MOT-0501 风扇电机 × 2" },
    { ...base, kind: "warranty_ending", due_on: "2027-02-15", days_left: 69, equipment_id: "e1", equipment: "宏力 HL-55 · HL55-0042" },
  ],
};

function page(listed: Reminders) {
  hq((c) => {
    if (c.path === "/api/v1/session") return [200, session("dispatcher")];
    if (c.path === "/api/v1/reminders") return [200, listed];
    return [200, []];
  });
  localStorage.setItem("outpost.lang", "zh-CN");
  location.hash = "#/reminders";
  render(<App />);
}

describe("the reminders page", () => {
  it("says what each reminder is about and how late it is", async () => {
    page(day);
    const shown = await screen.findAllByTestId("reminder");
    expect(shown.map((r) => r.getAttribute("data-kind"))).toEqual(["promise_due", "parts_request", "warranty_ending"]);
    expect(shown[0].textContent).toContain("对客户的承诺");
    expect(shown[0].textContent).toContain("压缩机需返厂维修");
    expect(shown[0].querySelector("[data-testid=reminder-when]")?.textContent).toBe("已逾期 11 天");
    expect(shown[1].querySelector("[data-testid=reminder-when]")?.textContent).toBe("今天到期");
    expect(shown[1].querySelector("a[href='#/parts/requests']")).not.toBeNull();
    expect(shown[2].querySelector("[data-testid=reminder-when]")?.textContent).toBe("还剩 69 天");
    expect(shown[2].textContent).toContain("请在到期前向客户提供维护合同。");
    expect(shown[2].querySelector("a[href='#/customers/c1']")?.textContent).toBe("济南恒丰机械");
  });

  it("says when there is nothing", async () => {
    page({ today: "2026-12-08", reminders: [] });
    expect(await screen.findByText("今天没有需要提醒的事项。")).toBeTruthy();
    expect(screen.queryByTestId("reminder")).toBeNull();
  });
});
