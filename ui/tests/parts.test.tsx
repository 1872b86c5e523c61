// The parts tab: the picker, the van, the quote and its acceptance, amounts in the reader's language.
import { mockIPC } from "@tauri-apps/api/mocks";
import { fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it } from "vitest";
import type { PartsRequestView } from "../src/api";
import { UiContext } from "../src/context";
import { Parts } from "../src/screens/Parts";
import { job, reset, ui, zero } from "./fixtures";

afterEach(reset);

describe("parts", () => {
  it("refuses a bad quantity without calling the backend", async () => {
    const calls: string[] = [];
    mockIPC((cmd) => void calls.push(cmd));
    render(
      <UiContext.Provider value={ui("en")}>
        <Parts job={job()} onJob={() => {}} />
      </UiContext.Provider>,
    );
    fireEvent.input(screen.getByTestId("part-search"), { target: { value: "FLT-0001" } });
    fireEvent.input(screen.getByTestId("part-qty"), { target: { value: "0" } });
    fireEvent.click(screen.getByTestId("part-add"));
    await screen.findByText("Quantity is a whole number from 1 to 10 000.");
    expect(calls).not.toContain("add_part");
  });

  it("asks for the customer's acceptance of a charged quote", async () => {
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "accept_quote") sent.push(args);
      return job();
    });
    const charged = job({ quote: { ...job().quote, total: { en: "CNY 724.00", "zh-CN": "¥724.00" }, needs_acceptance: true } });
    render(
      <UiContext.Provider value={ui("en")}>
        <Parts job={charged} onJob={() => {}} />
      </UiContext.Provider>,
    );
    expect(screen.getByText(/The customer pays CNY 724.00/)).toBeTruthy();
    fireEvent.input(screen.getByTestId("accept-name"), { target: { value: "李经理" } });
    fireEvent.click(screen.getByTestId("accept-quote"));
    await waitFor(() => expect(sent).toEqual([{ id: "j1", name: "李经理", method: "confirmation" }]));
  });

  it("shows amounts as the reader's language writes them", () => {
    const total = { en: "CNY 1,234.50", "zh-CN": "¥1,234.50" };
    const quoted = job({ quote: { lines: [], labour: zero, service_fee: zero, parts_total: total, total, needs_acceptance: false, accepted_by: null } });
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <Parts job={quoted} onJob={() => {}} />
      </UiContext.Provider>,
    );
    const totals = screen.getByTestId("totals").textContent ?? "";
    expect(totals).toContain("¥1,234.50");
    expect(totals).not.toContain("CNY");
  });

  it("tells parts apart in the picker: spec, bin and what may replace them", async () => {
    const found = [{ code: "MOT-0501", name: "风扇电机", spec: "HL-37A", unit_price: { en: "CNY 2,299.00", "zh-CN": "¥2,299.00" }, in_van: null, van_staleness: null, bin: "A-03-2", class: "repair" as const, substitutes: ["MOT-0502"], stand_ins: [] }];
    mockIPC((cmd) => (cmd === "find_parts" ? found : null));
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <Parts job={job()} onJob={() => {}} />
      </UiContext.Provider>,
    );
    fireEvent.input(screen.getByTestId("part-search"), { target: { value: "风扇" } });
    expect((await screen.findByTestId("bin")).textContent).toBe("库位：A-03-2");
    const shown = document.querySelector(".suggest")?.textContent ?? "";
    expect(shown).toContain("HL-37A");
    expect(shown).toContain("可替代配件：MOT-0502");
  });

  it("lists the van stock with what is left and what has lain still", async () => {
    const part = { name: "滤芯", spec: null, unit_price: { en: "CNY 80.00", "zh-CN": "¥80.00" }, bin: null, class: "consumable" as const, substitutes: [], stand_ins: [] };
    const van = [
      { ...part, code: "FLT-0001", in_van: 3, van_staleness: "moving" },
      { ...part, code: "FLT-0002", in_van: 1, van_staleness: "still_for_three_months" },
      { ...part, code: "FLT-0003", in_van: -2, van_staleness: "moving" },
    ];
    const asked: unknown[] = [];
    mockIPC((cmd, args) => (cmd === "find_parts" ? (asked.push(args), van) : null));
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <Parts job={job()} onJob={() => {}} />
      </UiContext.Provider>,
    );
    fireEvent.click(screen.getByTestId("van-stock"));
    await screen.findByText("车上 3 件");
    expect(asked).toEqual([{ text: "" }]);
    expect(screen.getByText("车上 1 件 · 超过 3 个月未动用").className).toContain("late");
    expect(screen.getByText("车上缺 2 件，请盘点")).toBeTruthy();

    let left = false;
    const leave = (e: KeyboardEvent) => void (left ||= e.key === "Escape");
    window.addEventListener("keydown", leave);
    fireEvent.keyDown(screen.getByTestId("part-search"), { key: "Escape" });
    window.removeEventListener("keydown", leave);
    expect(screen.queryByText("车上 3 件")).toBeNull();
    expect(left).toBe(false);
  });

  it("asks HQ for a part the van lacks and shows HQ's answers", async () => {
    const sent: unknown[] = [];
    const request: PartsRequestView = {
      id: "r1", code: "MOT-0501", name: "风扇电机", quantity: 2, origin: "quality", note: null,
      requested_at: "2026-11-23T09:30:00+08:00", state: "requested", deliver_by: "2026-12-08",
      delivered_at: null, declined_reason: null, overdue: false,
      charge: { en: "CNY 0.00", "zh-CN": "¥0.00" }, charge_en: "In warranty, quality fault: free", charge_zh: "保修期内，质量问题：免费",
    };
    mockIPC((cmd, args) => {
      if (cmd === "request_parts") sent.push(args);
      return job({ parts_requests: [request] });
    });
    let shown = job();
    const { rerender } = render(
      <UiContext.Provider value={ui("zh-CN")}>
        <Parts job={shown} onJob={(j) => (shown = j)} />
      </UiContext.Provider>,
    );
    expect(screen.queryByTestId("parts-requests")).toBeNull();
    fireEvent.input(screen.getByTestId("part-search"), { target: { value: "MOT-0501" } });
    fireEvent.input(screen.getByTestId("part-qty"), { target: { value: "2" } });
    fireEvent.click(screen.getByTestId("part-request"));
    await waitFor(() => expect(sent).toEqual([{ id: "j1", code: "MOT-0501", quantity: 2, origin: "quality", note: "" }]));
    await waitFor(() => expect(shown.parts_requests.length).toBe(1));
    const answered = [
      request,
      { ...request, id: "r2", state: "promised", deliver_by: "2026-11-20", overdue: true },
      { ...request, id: "r3", state: "declined", declined_reason: "型号停产" },
      { ...request, id: "r4", state: "delivered", delivered_at: "2026-11-25T10:00:00+08:00", charge: { en: "CNY 320.00", "zh-CN": "¥320.00" }, charge_en: "Out of warranty: part charged", charge_zh: "已过保修期：配件收费" },
    ];
    rerender(
      <UiContext.Provider value={ui("zh-CN")}>
        <Parts job={job({ parts_requests: answered })} onJob={() => {}} />
      </UiContext.Provider>,
    );
    expect(screen.getByText("已申请 · 最迟 2026-12-08 到货")).toBeTruthy();
    expect(screen.getByText("总部承诺 2026-11-20 前到货").className).toContain("late");
    expect(screen.getByText("逾期未到")).toBeTruthy();
    expect(screen.getByText("已拒绝：型号停产")).toBeTruthy();
    const charges = screen.getAllByTestId("request-charge").map((c) => c.textContent);
    expect(charges[0]).toBe("¥0.00 · 保修期内，质量问题：免费");
    expect(charges[3]).toBe("¥320.00 · 已过保修期：配件收费");
    expect(screen.getByText("2026-11-25 已到货")).toBeTruthy();
  });

  it("offers the substitutes the van holds when it has none of the part", async () => {
    const price = { en: "CNY 120.00", "zh-CN": "¥120.00" };
    const common = { name: "空气滤芯", spec: null, unit_price: price, bin: null, class: "consumable" as const, substitutes: [], stand_ins: [] };
    const instead = { ...common, code: "FLT-0008", in_van: 3, van_staleness: "moving" };
    const wanted = { ...common, code: "FLT-0001", in_van: 0, van_staleness: "moving", substitutes: ["FLT-0008"], stand_ins: [instead] };
    const added: unknown[] = [];
    mockIPC((cmd, args) => (cmd === "find_parts" ? [wanted] : cmd === "add_part" ? (added.push(args), job()) : null));
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <Parts job={job()} onJob={() => {}} />
      </UiContext.Provider>,
    );
    fireEvent.input(screen.getByTestId("part-search"), { target: { value: "FLT-0001" } });
    const suggested = await screen.findByText((_, el) => el?.getAttribute("data-code") === "FLT-0001");
    expect(suggested.textContent).toContain("易耗件");
    fireEvent.click(suggested);
    const offer = await screen.findByTestId("stand-ins");
    expect(offer.textContent).toContain("车上没有此配件，车上有替代配件：");
    fireEvent.click(offer.querySelector("[data-code=FLT-0008]")!);
    fireEvent.click(screen.getByTestId("part-add"));
    await waitFor(() => expect(added).toEqual([{ id: "j1", code: "FLT-0008", quantity: 1, origin: "quality" }]));
  });
  it("shows only the answer to what the field now says, however late the answers come", async () => {
    const part = { name: "滤芯", spec: null, unit_price: { en: "CNY 80.00", "zh-CN": "¥80.00" }, bin: null, class: "consumable" as const, substitutes: [], stand_ins: [], in_van: 1, van_staleness: "moving" };
    const slow: Array<() => void> = [];
    mockIPC((cmd, args) => {
      if (cmd !== "find_parts") return null;
      const text = (args as { text: string }).text;
      const parts = [{ ...part, code: text === "" ? "VAN-0001" : `${text.toUpperCase()}-0001` }];
      // The answer to the first word typed comes last.
      return text === "fi" ? new Promise((done) => slow.push(() => done(parts))) : parts;
    });
    render(
      <UiContext.Provider value={ui("en")}>
        <Parts job={job()} onJob={() => {}} />
      </UiContext.Provider>,
    );
    const search = screen.getByTestId("part-search");
    fireEvent.input(search, { target: { value: "fi" } });
    await waitFor(() => expect(slow.length).toBe(1));
    fireEvent.input(search, { target: { value: "filter" } });
    await screen.findByText("FILTER-0001");
    slow.forEach((answer) => answer());
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByText("FI-0001")).toBeNull();
    expect(screen.getByText("FILTER-0001")).toBeTruthy();

    // The van's button empties the field and shows the van.
    fireEvent.click(screen.getByTestId("van-stock"));
    await screen.findByText("VAN-0001");
    expect((search as HTMLInputElement).value).toBe("");
  });
});
