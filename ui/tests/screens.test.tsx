// The screens against a mocked IPC: what the engineer sees and what is sent.
import { mockIPC } from "@tauri-apps/api/mocks";
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import { UiContext } from "../src/context";
import { JobList } from "../src/screens/JobList";
import { JobScreen } from "../src/screens/JobScreen";
import { MyMonth, shiftMonth } from "../src/screens/MyMonth";
import { job, reset, row, ui } from "./fixtures";
import { Overview } from "../src/screens/Overview";
import { Settings } from "../src/screens/Settings";
import { SyncBar } from "../src/screens/SyncBar";
import type { JobView, SyncView } from "../src/api";

afterEach(reset);

describe("job list", () => {
  it("shows today's jobs with status and SLA badges, in Chinese", async () => {
    mockIPC((cmd, args) => (cmd === "list_jobs" && (args as { when: string }).when === "today" ? [row] : []));
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <JobList onOpen={() => {}} />
      </UiContext.Provider>,
    );
    await screen.findByText("济南恒丰机械");
    expect(screen.getByText("已派工")).toBeTruthy();
    expect(screen.getByText("到达已超时 1 小时 15 分钟")).toBeTruthy();
    expect(screen.getByText("重大故障")).toBeTruthy();
  });

  it("says so when a list is empty", async () => {
    mockIPC(() => []);
    render(
      <UiContext.Provider value={ui("en")}>
        <JobList onOpen={() => {}} />
      </UiContext.Provider>,
    );
    await screen.findByText("No jobs here.");
    expect(screen.getByText(/appear after the next sync/)).toBeTruthy();
  });

  it("opens the row on screen when Enter follows the search results at once", async () => {
    const other = { ...row, id: "j2", number: "J2611-000002", customer: "Harbour Textiles" };
    mockIPC((cmd, args) => (cmd === "list_jobs" && (args as { search: string | null }).search ? [row] : [other, row]));
    const opened: string[] = [];
    render(
      <UiContext.Provider value={ui("en")}>
        <JobList onOpen={(id) => void opened.push(id)} />
      </UiContext.Provider>,
    );
    await screen.findByText("Harbour Textiles");
    const search = screen.getByTestId("search");
    fireEvent.input(search, { target: { value: "000001" } });
    // Enter as soon as the one result is drawn, before effects run after the paint.
    await waitFor(() => expect(document.querySelectorAll(".rows li").length).toBe(1), { interval: 1 });
    fireEvent.keyDown(search, { key: "Enter" });
    expect(opened).toEqual(["j1"]);
  });
});

describe("leaving", () => {
  it("asks why before leaving unsigned, and Other needs what happened", async () => {
    const completed = job({ row: { ...row, status: "completed" } as JobView["row"], next: ["signed", "on_site", "departed"] });
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_job") return completed;
      if (cmd === "leave_unsigned") {
        sent.push(args);
        return job({ row: { ...row, status: "departed" } as JobView["row"], left_unsigned: { reason: "other", note: "停电" }, next: [] });
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <JobScreen id="j1" onBack={() => {}} />
      </UiContext.Provider>,
    );
    fireEvent.click(await screen.findByTestId("move-departed"));
    const confirm = screen.getByTestId("confirm-leave") as HTMLButtonElement;
    expect(screen.getByText("客户尚未在服务报告上签字，请选择未签字离开的原因：")).toBeTruthy();
    expect(confirm.disabled).toBe(true);
    fireEvent.click(screen.getByText("其他原因"));
    expect(confirm.disabled).toBe(true);
    fireEvent.input(screen.getByTestId("unsigned-note"), { target: { value: " 停电 " } });
    fireEvent.click(confirm);
    await screen.findByTestId("left-unsigned");
    expect(sent).toEqual([{ id: "j1", reason: "other", note: "停电" }]);
    expect(screen.getByTestId("left-unsigned").textContent).toBe("未签字离开：其他原因");
  });

  it("names each move as a verb, and going back to on site after finishing says so and asks first", async () => {
    const completed = job({ row: { ...row, status: "completed" } as JobView["row"], next: ["signed", "on_site", "departed"] });
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_job") return completed;
      if (cmd === "transition_job") {
        sent.push(args);
        return job({ row: { ...row, status: "on_site" } as JobView["row"], next: ["completed", "unresolved"] });
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <JobScreen id="j1" onBack={() => {}} />
      </UiContext.Provider>,
    );
    const reopen = await screen.findByTestId("move-reopen");
    expect(reopen.textContent).toBe("重新打开…");
    expect(screen.getByTestId("move-departed").textContent).toBe("离开");
    expect(screen.queryByText("到达")).toBeNull();
    fireEvent.click(reopen);
    expect(sent).toEqual([]);
    expect(screen.getByTestId("reopen-job").textContent).toContain("确定重新打开此工单吗？");
    fireEvent.click(screen.getByTestId("confirm-reopen-job"));
    await screen.findByText("完工");
    expect(sent).toEqual([{ id: "j1", to: "on_site", reason: null, promised_on: null }]);
    expect(screen.queryByTestId("reopen-job")).toBeNull();
  });

  it("reopens a signed report as a new revision only with what is corrected, then shows the report", async () => {
    const signed = job({ row: { ...row, status: "signed" } as JobView["row"], next: ["departed"] });
    const sent: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "get_job") return signed;
      if (cmd === "reopen_report") {
        sent.push(args);
        return job({ row: { ...row, status: "completed" } as JobView["row"], next: ["signed", "on_site"] });
      }
      throw new Error(`unexpected ${cmd}`);
    });
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <JobScreen id="j1" onBack={() => {}} />
      </UiContext.Provider>,
    );
    fireEvent.click(await screen.findByTestId("reopen"));
    expect(screen.getByTestId("reopen").textContent).toBe("更正报告");
    const confirm = screen.getByTestId("confirm-reopen") as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.input(screen.getByTestId("reopen-reason"), { target: { value: " 工时填错 " } });
    fireEvent.click(confirm);
    await waitFor(() => expect(screen.queryByTestId("reopen-form")).toBeNull());
    expect(sent).toEqual([{ id: "j1", reason: "工时填错" }]);
    expect(screen.queryByTestId("reopen")).toBeNull();
    expect(screen.getByTestId("tab-report").className).toBe("on");
  });
});

describe("report", () => {
  it("names every field as the domain's field registry does", async () => {
    const { REPORT_FIELDS } = await import("../src/bindings/reportFields");
    const { Report } = await import("../src/screens/Report");
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <Report job={job({ sections: ["fault", "tests", "result"] })} onJob={() => {}} />
      </UiContext.Provider>,
    );
    const shown = [...document.querySelectorAll("[data-field]")].map((input) => input.getAttribute("data-field") ?? "");
    expect(shown).toContain("travel_minutes");
    for (const name of shown) {
      const label = (REPORT_FIELDS as Record<string, { label: Record<string, string> }>)[name].label["zh-CN"];
      expect(screen.getAllByText(label, { exact: false }).length, name).toBeGreaterThan(0);
    }
    expect(screen.getByText("路程时间（分钟）", { exact: false })).toBeTruthy();
    expect(screen.getByText("需返厂维修")).toBeTruthy();
  });
});

describe("sign-off", () => {
  it("saves the customer's comment on the survey when the field is left", async () => {
    const calls: [string, unknown][] = [];
    mockIPC((cmd, args) => {
      calls.push([cmd, args]);
      return job();
    });
    // jsdom draws nothing: the pad gets a canvas context that accepts every call.
    const ctx = new Proxy({}, { get: () => () => {}, set: () => true });
    vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(ctx as never);
    const { SignOff } = await import("../src/screens/SignOff");
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <SignOff job={job()} onJob={() => {}} />
      </UiContext.Provider>,
    );
    expect(screen.getByText("评价意见")).toBeTruthy();
    const field = screen.getByTestId("survey-comment");
    fireEvent.input(field, { target: { value: "师傅很专业" } });
    fireEvent.blur(field);
    await waitFor(() => expect(calls.some(([c]) => c === "set_survey_comment")).toBe(true));
    expect(calls.find(([c]) => c === "set_survey_comment")?.[1]).toEqual({ id: "j1", comment: "师傅很专业" });
  });
});

describe("errors", () => {
  it("are shown in the language the app is showing", async () => {
    const { errorText } = await import("../src/api");
    const e = { code: "error", message: "contact name: is empty: please fill it in", words: { en: "contact name: is empty: please fill it in", "zh-CN": "联系人姓名：未填写，请填写" } };
    document.documentElement.lang = "zh-CN";
    expect(errorText(e)).toBe("联系人姓名：未填写，请填写");
    document.documentElement.lang = "en";
    expect(errorText(e)).toBe("contact name: is empty: please fill it in");
    expect(errorText({ code: "error", message: "older backend" })).toBe("older backend");
  });
});

describe("settings", () => {
  it("shows why signing out is refused", async () => {
    mockIPC((cmd) => {
      if (cmd === "sign_out") throw { code: "error", message: "3 changes and 0 files have not reached HQ yet; sync first" };
    });
    const settings = { enrolled: true, engineer: "王建国", hq_url: "http://127.0.0.1:8730", data_dir: "/data", language: "en", company: "Hongli" };
    render(
      <UiContext.Provider value={ui("en")}>
        <Settings settings={settings} onChange={() => {}} />
      </UiContext.Provider>,
    );
    fireEvent.click(screen.getByTestId("sign-out"));
    const error = await screen.findByTestId("settings-error");
    expect(error.textContent).toContain("have not reached HQ yet");
  });
});

describe("sync bar", () => {
  const settings = { enrolled: true, engineer: "王建国", hq_url: "http://127.0.0.1:8730", data_dir: "/data", language: "zh-CN", company: "Hongli" };
  const bar = (sync: SyncView) =>
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <SyncBar sync={sync} settings={settings} onSettings={() => {}} onJobs={() => {}} onSync={() => {}} />
      </UiContext.Provider>,
    );
  const base: SyncView = { state: "online", pending: 0, refused: 0, set_aside: [], clock_offset_secs: null, hq_newer: false, last_success: null, last_error: null, next_attempt_in: null, progress: null };

  it("shows how far a running sync has got, in place of the last sync time", () => {
    bar({ ...base, state: "syncing", pending: 700, progress: { sent: 500, to_send: 1200, files_sent: 3, received: 0 } });
    expect(screen.getByTestId("progress").textContent).toBe("已发送 500/1200 · 3 个文件");
    expect(screen.getByTestId("pending").textContent).toBe("700 条待同步");
    expect(screen.queryByText(/上次同步/)).toBeNull();
  });

  it("says which job needs a new signature when its image was damaged on the laptop", () => {
    bar({ ...base, set_aside: [{ job_number: "J2612-000123", usage: "signature", problem: "damaged" }] });
    fireEvent.click(screen.getByTestId("set-aside-toggle"));
    expect(screen.getByTestId("set-aside-toggle").textContent).toBe("1 个文件损坏");
    expect(screen.getByTestId("set-aside").textContent).toContain("工单 J2612-000123 的客户签字图片在本机已损坏：请客户重新签字。");
  });

  it("warns when the laptop's clock is off HQ's by more than two minutes", () => {
    bar({ ...base, clock_offset_secs: -(3 * 3600 + 12 * 60) });
    const warning = screen.getByTestId("clock-warning");
    expect(warning.textContent).toBe("时钟慢 3 小时 12 分钟");
    expect(warning.getAttribute("title")).toBe("本机时钟比总部慢 3 小时 12 分钟，您记录的时间可能不被认可，请校准本机时间");
    cleanup();
    bar({ ...base, clock_offset_secs: 90 });
    expect(screen.queryByTestId("clock-warning")).toBeNull();
  });

  it("words HQ's refusals in the engineer's language", async () => {
    const dismissed: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd === "list_refused")
        return [{ number: 7, kind: "job_transitioned", job_id: "j1", at: "2026-11-23T02:00:00Z", reason: { en: "Cannot move a job from on_site to closed", "zh-CN": "工单不能从“在现场”改为“已关闭”" } }];
      if (cmd === "dismiss_refused") {
        dismissed.push(args);
        return [];
      }
    });
    bar({ ...base, refused: 1 });
    fireEvent.click(screen.getByText("1 条被拒绝"));
    const list = await screen.findByTestId("refused");
    expect(list.textContent).toContain("工单不能从“在现场”改为“已关闭”");
    expect(list.textContent).not.toContain("Cannot move");
    fireEvent.click(screen.getByText("已阅，移除"));
    await waitFor(() => expect(screen.getByTestId("refused").textContent).not.toContain("工单不能"));
    expect(dismissed).toEqual([{ number: 7 }]);
  });

  it("asks for an app update when HQ is newer, and words a sync error in the engineer's language", () => {
    bar({ ...base, state: "error", hq_newer: true, last_error: { en: "HQ answered something unexpected", "zh-CN": "总部的回答不符合预期" } });
    expect(screen.getByTestId("hq-newer").textContent).toBe("请更新应用");
    expect(screen.getByTestId("sync-state").getAttribute("title")).toBe("总部的回答不符合预期");
  });

  it("shows the last sync time once the sync is over", () => {
    bar({ ...base, progress: { sent: 5, to_send: 5, files_sent: 0, received: 9 } });
    expect(screen.queryByTestId("progress")).toBeNull();
    expect(screen.getByText("尚未同步")).toBeTruthy();
  });
});

describe("receipt preview", () => {
  it("marks an unsigned report as a draft and shows the report in the receipt's language", async () => {
    const { Preview } = await import("../src/screens/ReceiptTab");
    const j = job({ report: { ...job().report, fields: [["fault_cause", "油封老化"], ["result", "resolved"]] } });
    render(
      <UiContext.Provider value={ui("en")}>
        <Preview job={j} lang="zh-CN" />
      </UiContext.Provider>,
    );
    const paper = screen.getByTestId("receipt-preview");
    expect(paper.textContent).toContain("草稿：报告尚未签字。");
    expect(paper.textContent).toContain("故障原因油封老化");
    expect(paper.textContent).toContain("已解决");
  });
});

describe("punctuation", () => {
  it("is full-width in Chinese and half-width in English", () => {
    for (const [lang, text] of [["zh-CN", "路线：东门进"], ["en", "Directions: 东门进"]] as const) {
      render(
        <UiContext.Provider value={ui(lang)}>
          <Overview job={job({ directions: "东门进" })} />
        </UiContext.Provider>,
      );
      expect(screen.getByText(text)).toBeTruthy();
      cleanup();
    }
  });

  it("words each event in the reader's language, with names not ids", () => {
    const events = [{ at: "2026-12-01T02:00:00Z", from: "en_route" as const, to: "assigned" as const, note: "reassigned to 李工", note_zh: "改派给李工" }];
    for (const [lang, said, not] of [["zh-CN", "改派给李工", "reassigned"], ["en", "reassigned to 李工", "改派"]] as const) {
      render(
        <UiContext.Provider value={ui(lang)}>
          <Overview job={job({ events })} />
        </UiContext.Provider>,
      );
      const shown = document.querySelector(".events")?.textContent ?? "";
      expect(shown).toContain(said);
      expect(shown).not.toContain(not);
      cleanup();
    }
  });
});

describe("complaints", () => {
  it("shows the customer's complaint about the job first, with HQ's steps and the customer's answer", () => {
    const said = job({
      complaints: [
        {
          received_at: "2026-11-23T01:00:00Z",
          channel_en: "Through the dealer",
          channel_zh: "经销商",
          category_en: "Repair quality",
          category_zh: "维修质量",
          text: "修完第二天又停机",
          stage: "closed",
          handling: [{ at: "2026-11-23T02:00:00Z", by: "张敏", text: "已安排复查" }],
          compensation_en: "Air filter × 1 · CNY 180.00",
          compensation_zh: "空气滤芯 × 1 · ¥180.00",
          customer_answer: "复查后正常",
          accepted: true,
        },
      ],
    });
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <Overview job={said} />
      </UiContext.Provider>,
    );
    const shown = screen.getByTestId("complaints").textContent ?? "";
    for (const words of ["客户对本工单的投诉", "维修质量", "经销商", "已结案", "修完第二天又停机", "张敏：已安排复查", "赔偿：空气滤芯 × 1 · ¥180.00", "客户意见：复查后正常 (接受处理结果)"]) {
      expect(shown).toContain(words);
    }
  });

  it("shows nothing about complaints when there are none", () => {
    render(
      <UiContext.Provider value={ui("en")}>
        <Overview job={job()} />
      </UiContext.Provider>,
    );
    expect(screen.queryByTestId("complaints")).toBeNull();
  });
});

describe("my month", () => {
  const share = (key: string, en: string, zh: string, n: number, d: number) => ({
    key,
    label: { en, "zh-CN": zh },
    numerator: n,
    denominator: d,
    measured: d > 0,
  });
  const month = (m: string) => ({
    month: m,
    visits: [
      { job_type: "repair", label: { en: "repair", "zh-CN": "维修" }, count: 3 },
      { job_type: "inspection", label: { en: "inspection", "zh-CN": "巡检" }, count: 1 },
    ],
    completed: 3,
    unresolved: 1,
    satisfaction: [{ dimension: "overall", label: { en: "overall", "zh-CN": "总体满意度" }, satisfied: 2, not_fully: 1 }],
    declined: 0,
    complaints: [{ label: { en: "attitude", "zh-CN": "服务态度" }, count: 1 }],
    compensations: 0,
    compensated: [],
    repeat_repairs: 0,
    repair_pass: share("repair_pass", "repair pass rate", "维修合格率", 2, 3),
    installation_pass: share("installation_pass", "installation pass rate", "安装合格率", 0, 0),
    part_lines: 2,
    part_pieces: 5,
    charged: [{ en: "CNY 625.20", "zh-CN": "¥625.20" }],
    shares: [share("complaint", "complaint rate", "客户投诉率", 1, 4)],
    mean_overall: 4.3,
    overall_rated: 3,
  });

  it("shows the month's counts in Chinese and says 未统计 where nothing was counted", async () => {
    const asked: unknown[] = [];
    mockIPC((cmd, args) => {
      if (cmd !== "my_month") throw new Error(`unexpected ${cmd}`);
      const m = (args as { month: string | null }).month;
      asked.push(m);
      return month(m ?? "2026-12");
    });
    render(
      <UiContext.Provider value={ui("zh-CN")}>
        <MyMonth />
      </UiContext.Provider>,
    );
    await screen.findByText("上门：4 次");
    expect(screen.getByTestId("month-shown").textContent).toBe("2026 年 12 月");
    expect(screen.getByTestId("share-repair_pass").textContent).toBe("维修合格率3 单中 2 单（66.7%）");
    expect(screen.getByTestId("share-installation_pass").textContent).toBe("安装合格率未统计");
    expect(screen.getByTestId("month-charged").textContent).toBe("¥625.20");
    expect(screen.getByText("服务态度 1")).toBeTruthy();
    expect(screen.getByText("总体满意度均分：4.3 分（3 份评价）")).toBeTruthy();

    fireEvent.click(screen.getByTestId("month-previous"));
    await waitFor(() => expect(screen.getByTestId("month-shown").textContent).toBe("2026 年 11 月"));
    fireEvent.click(screen.getByTestId("month-next"));
    fireEvent.click(screen.getByTestId("month-next"));
    await waitFor(() => expect(screen.getByTestId("month-shown").textContent).toBe("2027 年 1 月"));
    expect(asked).toEqual([null, "2026-11", "2026-12", "2027-01"]);
  });

  it("moves across the year in both directions", () => {
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-06", -18)).toBe("2024-12");
  });
});
