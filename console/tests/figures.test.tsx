// The month's figures against a fake HQ: each share as HQ counted it, "not measured" where
// nothing was counted or HQ keeps no record, the sources' targets, and twelve months asked for.
import { cleanup, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UiContext } from "../src/context";
import { translator } from "../src/i18n";
import { Figures, lastYear } from "../src/screens/Figures";
import { hq } from "./fake-hq";
import { figures } from "./records";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});



describe("the month's figures", () => {
  it("shows each share as HQ counted it, against the sources' targets, over twelve months", async () => {
    const calls = hq((c) =>
      c.path.startsWith("/api/v1/engineers")
        ? [200, [{ id: "e1", name: "王建国" }]]
        : [200, figures({ satisfied: { numerator: 8, denominator: 10 }, overall_rating_sum: 41, overall_rating_count: 10 })],
    );
    render(
      <UiContext.Provider value={translator("zh-CN")}>
        <Figures />
      </UiContext.Provider>,
    );
    const satisfied = await screen.findByTestId("kpi-satisfied");
    expect(satisfied.textContent).toContain("客户满意度");
    expect(satisfied.textContent).toContain("8 / 10");
    expect(satisfied.textContent).toContain("80.0 %");
    expect(satisfied.textContent).toContain("不低于 90%");
    expect(satisfied.querySelector("td.error")).not.toBeNull();
    expect(screen.getByTestId("kpi-fix_rate").textContent).toContain("未统计");
    expect(screen.getByTestId("kpi-complaint").textContent).toContain("—");
    expect(screen.getByTestId("kpi-complaint").textContent).toContain("未统计");
    expect(screen.getByTestId("kpi-overall_rating").textContent).toContain("4.10");
    expect(screen.getByTestId("kpi-overall_rating").textContent).toContain("10 次评分");
    await waitFor(() => expect(calls.filter((c) => c.path.startsWith("/api/v1/kpis")).length).toBe(12));
    expect(calls.filter((c) => c.path.startsWith("/api/v1/kpis")).at(-1)?.path).toMatch(/^\/api\/v1\/kpis\?month=\d{4}-\d{2}$/);
  });

  it("counts twelve months back across the year", () => {
    const months = lastYear("2026-03");
    expect(months.length).toBe(12);
    expect(months[0]).toBe("2025-04");
    expect(months[11]).toBe("2026-03");
  });
});
