// The month's statistics on the figures page: the team's counts as bars, each engineer's row,
// the repeat repairs with their reasons, and the sheets to download for the month and engineer.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Figures } from "../src/bindings/Figures";
import type { Statistics } from "../src/bindings/Statistics";
import { UiContext } from "../src/context";
import { translator } from "../src/i18n";
import { Figures as FiguresPage } from "../src/screens/Figures";
import { hq } from "./fake-hq";
import { figures } from "./records";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const none = { numerator: 0, denominator: 0 };
const counted = (over: Partial<Figures> = {}): Figures => ({
  visits: { repair: 19, installation: 0, inspection: 2, maintenance: 2, callback: 1 },
  cancelled: 1,
  completed: 15,
  unresolved: 4,
  satisfaction: (["timeliness", "attitude", "quality", "overall"] as const).map((dimension) => ({ dimension, satisfied: 11, not_fully: 2 })),
  declined: 3,
  complaints: (["attitude", "response", "repair_quality", "product_quality", "charges", "other"] as const).map((category) => ({
    category,
    count: category === "attitude" ? 2 : 0,
  })),
  compensations: 1,
  compensated: [{ minor: 50000, currency: "CNY" }],
  callbacks: { satisfied: 3, unsatisfied: 1, visits: 0 },
  repeat_repairs: 1,
  installation_pass: none,
  repair_pass: { numerator: 10, denominator: 11 },
  part_lines: 4,
  part_pieces: 6,
  charged: [],
  planned: { planned: 2, done: 1, late: 0, missed: 1, pending: 0 },
  kpis: figures(),
  ...over,
});
const november: Statistics = {
  month: "2026-11",
  engineer_id: null,
  team: counted(),
  engineers: [{ engineer_id: "e1", engineer: "王建国", figures: counted({ visits: { repair: 17, installation: 0, inspection: 2, maintenance: 2, callback: 1 } }) }],
  parts: [{ code: "MOT-0501", name: "风扇电机", lines: 2, pieces: 3 }],
  repeats: [{ job_id: "j12", job_number: "J2611-000012", engineer: "王建国", repeated_by: "j13", repeated_by_number: "J2611-000013", reason: "排气温度高，自动停机", first_cause: "冷却风扇电机烧毁" }],
};

describe("the month's statistics", () => {
  it("shows the team's counts as bars, each engineer, the repeats, and the sheets to download", async () => {
    const calls = hq((c) => {
      if (c.path.startsWith("/api/v1/engineers")) return [200, [{ id: "e1", name: "王建国" }]];
      if (c.path.startsWith("/api/v1/statistics")) return [200, november];
      return [200, figures()];
    });
    render(
      <UiContext.Provider value={translator("zh-CN")}>
        <FiguresPage />
      </UiContext.Provider>,
    );
    const shown = await screen.findByTestId("visits-by-type");
    expect(shown.textContent).toContain("维修");
    expect(shown.textContent).toContain("19");
    const satisfaction = screen.getByTestId("satisfaction-by-dimension");
    expect(satisfaction.textContent).toContain("服务态度");
    expect(satisfaction.textContent).toContain("11 / 2");
    expect(screen.getByTestId("complaints-by-category").textContent).toContain("服务态度");
    expect(screen.getByTestId("stat-lines").textContent).toContain("维修合格率：90.9 % (10/11)");
    expect(screen.getByTestId("stat-lines").textContent).toContain("安装合格率：未统计");
    expect(within(screen.getByTestId("statistics-engineers")).getByText("王建国")).toBeTruthy();
    expect(screen.getByTestId("statistics-repeats").textContent).toContain("返修工单 J2611-000013：排气温度高，自动停机");
    const month = calls.find((c) => c.path.startsWith("/api/v1/statistics"))?.path.match(/month=(\d{4}-\d{2})/)?.[1];
    expect(screen.getByTestId("statistics-xlsx").getAttribute("href")).toBe(`/api/v1/statistics?month=${month}&format=xlsx&language=zh-CN`);
    fireEvent.change(screen.getByTestId("figures-engineer"), { target: { value: "e1" } });
    await waitFor(() => expect(calls.some((c) => c.path.includes("/api/v1/statistics") && c.path.includes("engineer_id=e1"))).toBe(true));
    expect(screen.getByTestId("statistics-pdf").getAttribute("href")).toContain("engineer_id=e1&format=pdf");
  });
});
