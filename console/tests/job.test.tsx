// The job page against a fake HQ: the report in the receipt's words, the parts' decisions, the
// signature and the receipt's address, both clocks of each move; reassigning from the page,
// and HQ's refusal in the reader's words.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { speak } from "../src/api";
import { UiContext } from "../src/context";
import { translator } from "../src/i18n";
import { Job } from "../src/screens/Job";
import { hq } from "./fake-hq";
import { jobPage as page } from "./records";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  speak("en");
});



const show = (lang: "zh-CN" | "en" = "zh-CN") => {
  speak(lang);
  render(
    <UiContext.Provider value={translator(lang)}>
      <Job id="0190e0a0-0000-7000-8000-000000000001" role="dispatcher" />
    </UiContext.Provider>,
  );
};

const engineers = [
  { id: "e1", name: "王建国" },
  { id: "e2", name: "黄艳" },
];

describe("the job page", () => {
  it("shows the report as the receipt words it, the signature, the receipt and both clocks", async () => {
    const calls = hq((c) =>
      c.path.startsWith("/api/v1/engineers") ? [200, engineers] : c.path.startsWith("/api/v1/complaints") ? [200, []] : [200, page()],
    );
    show();
    await screen.findByTestId("job-page");
    expect(calls[0].path).toMatch(/^\/api\/v1\/jobs\/0190e0a0-0000-7000-8000-000000000001\/page\?language=zh-CN&utc_offset_minutes=-?\d+$/);
    expect(screen.getByTestId("sheet-report").textContent).toContain("油泵密封老化");
    expect(screen.getByTestId("sheet-parts").textContent).toContain("保修期内质量问题：免费");
    expect(screen.getByTestId("signature").textContent).toContain("李经理 于 2026-12-03 11:05 签字");
    expect(screen.getByTestId("signature").textContent).toContain("3F2A-91C0-77BE");
    expect(document.querySelector(".signature img")?.getAttribute("src")).toBe("/api/v1/jobs/0190e0a0-0000-7000-8000-000000000001/signature");
    // The customer's copy: in the customer's language, whatever the reader's.
    expect(screen.getByTestId("receipt").getAttribute("href")).toMatch(/receipt\.pdf\?utc_offset_minutes=-?\d+$/);
    const rows = screen.getByTestId("moves").querySelectorAll("tbody tr");
    expect(rows.length).toBe(2);
    expect(rows[1].className).toBe("suspect");
    expect(rows[1].textContent).toContain("工程师电脑时间异常");
    // A signed job is closed, not given to someone else.
    expect(screen.getByTestId("close-job")).toBeTruthy();
    expect(screen.queryByTestId("reassign")).toBeNull();
  });

  it("gives the job to another engineer, naming who held it, and words HQ's refusal", async () => {
    let answer: [number, unknown] = [200, {}];
    const calls = hq((c) => {
      if (c.method === "POST") return answer;
      if (c.path.startsWith("/api/v1/complaints")) return [200, []];
      return c.path.startsWith("/api/v1/engineers") ? [200, engineers] : [200, page({ status: "assigned" })];
    });
    show();
    await screen.findByTestId("job-actions");
    await waitFor(() => expect(screen.getByTestId("reassign-to").querySelectorAll("option").length).toBe(2));
    fireEvent.change(screen.getByTestId("reassign-to"), { target: { value: "e2" } });
    fireEvent.click(screen.getByTestId("reassign"));
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    const post = calls.find((c) => c.method === "POST");
    expect(post?.path).toBe("/api/v1/jobs/0190e0a0-0000-7000-8000-000000000001/assign");
    expect(post?.body).toEqual({ engineer_id: "e2", if_held_by: "e1" });
    await waitFor(() => expect(calls.filter((c) => c.path.includes("/page")).length).toBe(2));

    answer = [409, { code: "assignment_changed", message: "job J2612-000003 was given to 黄艳 meanwhile" }];
    fireEvent.change(screen.getByTestId("reassign-to"), { target: { value: "e2" } });
    fireEvent.click(screen.getByTestId("reassign"));
    expect((await screen.findByRole("alert")).textContent).toBe("另一位调度员刚刚改派了此工单，看板已重新读取。");
  });

  it("plans a follow-up visit of an unresolved one on the day promised, continuing it", async () => {
    const unresolved = page({ status: "unresolved", promised_on: "2026-12-09" });
    const calls = hq((c) => {
      if (c.path.startsWith("/api/v1/engineers")) return [200, engineers];
      if (c.path.startsWith("/api/v1/complaints")) return [200, []];
      if (c.method === "POST" && c.path === "/api/v1/jobs") return [201, { id: "0190e0a0-0000-7000-8000-000000000009", number: "J2612-000009" }];
      return [200, unresolved];
    });
    show();
    fireEvent.click(await screen.findByTestId("follow-up-open"));
    await waitFor(() => expect(screen.getAllByRole("option").length).toBeGreaterThan(2));
    expect((screen.getByTestId("follow-up-day") as HTMLInputElement).value).toBe("2026-12-09");
    fireEvent.input(screen.getByTestId("follow-up-fault"), { target: { value: "更换油泵（配件已到）" } });
    fireEvent.click(screen.getByTestId("follow-up-go"));
    const link = await screen.findByText("J2612-000009");
    expect(link.getAttribute("href")).toBe("#/jobs/0190e0a0-0000-7000-8000-000000000009");
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      job_type: "repair",
      site_id: "s1",
      equipment_id: "q1",
      engineer_id: "e1",
      reported_fault: "更换油泵（配件已到）",
      reported_at: null,
      scheduled_on: "2026-12-09",
      window_from: null,
      window_until: null,
      severity: "major",
      previous_visit: "0190e0a0-0000-7000-8000-000000000001",
    });
  });
});
