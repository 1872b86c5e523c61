import { describe, expect, it, vi } from "vitest";
import { Autosave, checkCode, checkHqUrl, checkMinutes, checkQuantity, checkUnresolved } from "../src/form";

describe("form rules", () => {
  it("accepts https and loopback http only", () => {
    expect(checkHqUrl("en", "https://hq.example.com")).toBeNull();
    expect(checkHqUrl("en", "http://127.0.0.1:8730")).toBeNull();
    expect(checkHqUrl("en", "http://hq.example.com")).toContain("Use https://");
    expect(checkHqUrl("zh-CN", "hq")).toContain("https://");
    expect(checkHqUrl("en", "  ")).toContain("Type the HQ address");
  });

  it("wants a whole code, a whole quantity and sane minutes", () => {
    expect(checkCode("en", "12")).toContain("whole enrollment code");
    expect(checkCode("en", "ABCD-1234")).toBeNull();
    expect(checkQuantity("en", "2")).toBeNull();
    for (const bad of ["0", "-1", "1.5", "x", "10001"]) expect(checkQuantity("en", bad)).not.toBeNull();
    expect(checkMinutes("en", "")).toBeNull();
    expect(checkMinutes("en", "45")).toBeNull();
    expect(checkMinutes("zh-CN", "-5")).toContain("分钟");
  });

  it("needs a reason and a promised date not in the past for an unresolved visit", () => {
    expect(checkUnresolved("en", "", "2026-11-30", "2026-11-23")).toContain("why");
    expect(checkUnresolved("en", "waiting for the valve", "", "2026-11-23")).toContain("date");
    expect(checkUnresolved("en", "waiting", "2026-11-20", "2026-11-23")).toContain("past");
    expect(checkUnresolved("en", "waiting", "2026-11-23", "2026-11-23")).toBeNull();
  });
});

describe("autosave", () => {
  it("sends only the latest value once typing pauses", async () => {
    vi.useFakeTimers();
    const saved: [string, string][] = [];
    const a = new Autosave(async (f, v) => void saved.push([f, v]), 300);
    a.change("fault_cause", "油");
    a.change("fault_cause", "油封");
    a.change("fault_cause", "油封老化");
    expect(a.pending()).toBe(true);
    await vi.advanceTimersByTimeAsync(299);
    expect(saved).toEqual([]);
    await vi.advanceTimersByTimeAsync(1);
    expect(saved).toEqual([["fault_cause", "油封老化"]]);
    expect(a.pending()).toBe(false);
    vi.useRealTimers();
  });

  it("says when something typed is not saved yet", async () => {
    const states: boolean[] = [];
    const a = new Autosave(async () => {}, 10_000, (p) => void states.push(p));
    a.change("fault_cause", "油封");
    await a.flush();
    expect(states).toEqual([true, false]);
  });

  it("flushes every field at once when asked (leaving the screen)", async () => {
    const saved: string[] = [];
    const a = new Autosave(async (f, v) => void saved.push(`${f}=${v}`), 10_000);
    a.change("solution", "更换风扇");
    a.change("tests_done", "满载运行");
    await a.flush();
    expect(saved.sort()).toEqual(["solution=更换风扇", "tests_done=满载运行"]);
    await a.flush();
    expect(saved).toHaveLength(2);
  });
});
