// The console against a fake HQ (fetch answered here): signing in, the one-time password, the
// board's rows and queue, assigning by keyboard with the CSRF header, warnings, a viewer, and
// customer text that stays text.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Board as BoardData } from "../src/bindings/Board";
import type { Card } from "../src/bindings/Card";
import { api } from "../src/api";
import { App } from "../src/app";
import { UiContext } from "../src/context";
import { translator } from "../src/i18n";
import { Board, localDate } from "../src/screens/Board";
import { hq } from "./fake-hq";
import { rowsOnScreen } from "./screen";

beforeEach(() => void rowsOnScreen());

// Unmount what a test rendered: a board left mounted reads again on its timer, into the next
// test's fake HQ.
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  document.body.innerHTML = "";
});

const session = (must_change_password: boolean, role = "dispatcher") => ({
  csrf: "c5rf",
  name: "张敏",
  role,
  must_change_password,
  expires_at: "2026-11-23T14:00:00Z",
});

const card = (over: Partial<Card>): Card => ({
  id: "j1",
  number: "J2611-000001",
  job_type: "repair",
  status: "assigned",
  severity: "major",
  customer: "济南恒丰机械",
  site: "一厂",
  scheduled_on: "2026-11-23",
  window_from: null,
  window_until: null,
  reported_at: "2026-11-23T01:00:00Z",
  reply_due_at: null,
  sla: { badge: "none" },
  carried_over: false,
  promised_on: null,
  left_unsigned: null,
  clock_suspect: false,
  ...over,
});

const board = (over: Partial<BoardData> = {}): BoardData => ({
  from: "2026-11-23",
  days: 1,
  now: "2026-11-23T02:00:00Z",
  engineers: [
    { id: "e1", name: "王建国", jobs: [card({ id: "j2", number: "J2611-000002", sla: { badge: "arrive_due_in", minutes: 80 } })] },
    { id: "e2", name: "黄艳", jobs: [] },
  ],
  unassigned: [card({ id: "j3", number: "J2611-000003", reply_due_at: "2026-11-23T06:30:00Z" })],
  ...over,
});

describe("signing in", () => {
  it("says a wrong password in the reader's language, then asks for a new one after a one-time password", async () => {
    localStorage.setItem("outpost.lang", "zh-CN");
    let tries = 0;
    const calls = hq((c) => {
      if (c.path === "/api/v1/session" && c.method === "GET") return [401, { code: "unauthorized", message: "you are not signed in" }];
      if (c.path === "/api/v1/session" && c.method === "POST")
        return ++tries === 1 ? [401, { code: "unauthorized", message: "wrong name or password" }] : [200, session(true)];
      if (c.path === "/api/v1/session/password") return [200, session(false)];
      if (c.path.startsWith("/api/v1/board")) return [200, board()];
      return [404, { code: "not_found", message: c.path }];
    });
    render(<App />);
    const form = await screen.findByTestId("sign-in");
    fireEvent.input(form.querySelector("input[autocomplete=username]")!, { target: { value: " 张敏 " } });
    fireEvent.input(form.querySelector("input[type=password]")!, { target: { value: "guess" } });
    fireEvent.submit(form);
    expect((await screen.findByRole("alert")).textContent).toBe("姓名或密码不正确。");
    fireEvent.input(form.querySelector("input[type=password]")!, { target: { value: "6FW6-4FXX-VV7K-GUAB" } });
    fireEvent.submit(form);
    const change = await screen.findByTestId("password");
    const [current, next, again] = [...change.querySelectorAll("input")];
    fireEvent.input(current, { target: { value: "6FW6-4FXX-VV7K-GUAB" } });
    fireEvent.input(next, { target: { value: "长城 long enough" } });
    fireEvent.input(again, { target: { value: "长城 long enougH" } });
    fireEvent.submit(change);
    expect((await screen.findByRole("alert")).textContent).toBe("两次输入的新密码不一致。");
    fireEvent.input(again, { target: { value: "长城 long enough" } });
    fireEvent.submit(change);
    await screen.findByTestId("board");
    expect(screen.getByTestId("who").textContent).toBe("张敏 · 调度员");
    const put = calls.find((c) => c.method === "PUT");
    expect(put?.headers["x-outpost-csrf"]).toBe("c5rf");
    expect(put?.body).toEqual({ password: "6FW6-4FXX-VV7K-GUAB", new_password: "长城 long enough" });
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({ name: "张敏", password: "guess" });
  });

  it("tells how long to wait after too many wrong passwords, in English when the browser is", async () => {
    vi.spyOn(navigator, "language", "get").mockReturnValue("en-GB");
    hq((c) =>
      c.method === "GET" ? [401, { code: "unauthorized", message: "" }] : [429, { code: "too_many_attempts", message: "" }, { "retry-after": "42" }],
    );
    render(<App />);
    const form = await screen.findByTestId("sign-in");
    fireEvent.submit(form);
    expect((await screen.findByRole("alert")).textContent).toBe("Too many wrong passwords for this name: wait 42 s, then try again.");
  });
});

describe("the board", () => {
  const show = (role: "dispatcher" | "viewer" = "dispatcher") =>
    render(
      <UiContext.Provider value={translator("zh-CN")}>
        <Board role={role} onSignedOut={() => {}} />
      </UiContext.Provider>,
    );

  it("shows every engineer's row and the queue with its reply clock", async () => {
    const calls = hq(() => [200, board()]);
    show();
    await screen.findByTestId("board");
    expect(calls[0].path).toBe(`/api/v1/board?from=${localDate()}&days=1`);
    const rows = [...document.querySelectorAll(".row")].map((r) => r.getAttribute("data-engineer"));
    expect(rows).toEqual(["王建国", "黄艳"]);
    await waitFor(() => expect(document.querySelector("[data-engineer=王建国]")?.textContent).toContain("1 小时 20 分钟 内到达"));
    expect(document.querySelector("[data-engineer=黄艳]")?.textContent).toContain("暂无安排。");
    expect(screen.getByTestId("queue").textContent).toContain("4 小时 30 分钟 内须答复");
    fireEvent.click(screen.getByText("本周"));
    await waitFor(() => expect(calls.at(-1)?.path).toBe(`/api/v1/board?from=${localDate()}&days=7`));
  });

  it("draws a row's cards once the row comes near the screen, keeping their room until then", async () => {
    const screenRows = rowsOnScreen((row) => row.getAttribute("data-engineer") === "黄艳");
    const many = Array.from({ length: 9 }, (_, i) => card({ id: `m${i}`, number: `J2611-00020${i}` }));
    hq(() => [200, board({ engineers: [{ id: "e1", name: "王建国", jobs: many }, { id: "e2", name: "黄艳", jobs: [] }] })]);
    show();
    await screen.findByTestId("board");
    const far = document.querySelector("[data-engineer=王建国]");
    expect(far?.getAttribute("data-cards")).toBe("9");
    expect(far?.textContent).toContain("9 个工单");
    expect(far?.querySelectorAll(".jobcard").length).toBe(0);
    expect((far?.querySelector(".cards-later") as HTMLElement).style.height).toBe("312px");
    screenRows.show();
    await waitFor(() => expect(far?.querySelectorAll(".jobcard").length).toBe(9));
  });

  it("gives a queued job to an engineer by keyboard, with the CSRF header, warning of a full day", async () => {
    const full = Array.from({ length: 6 }, (_, i) => card({ id: `f${i}`, number: `J2611-00010${i}` }));
    const data = board({ engineers: [{ id: "e1", name: "王建国", jobs: full }, { id: "e2", name: "黄艳", jobs: [] }] });
    const calls = hq((c) => (c.path === "/api/v1/session" ? [200, session(false)] : c.method === "POST" ? [200, {}] : [200, data]));
    await api.session();
    show();
    fireEvent.click(await screen.findByText("J2611-000003"));
    const panel = screen.getByTestId("assign");
    expect(screen.getByTestId("over-full").textContent).toBe("王建国 当天已有 6 个工单。");
    fireEvent.change(screen.getByTestId("assign-to"), { target: { value: "e2" } });
    expect(screen.queryByTestId("over-full")).toBeNull();
    fireEvent.submit(panel);
    await waitFor(() => expect(calls.some((c) => c.method === "POST")).toBe(true));
    const post = calls.find((c) => c.method === "POST");
    expect(post?.path).toBe("/api/v1/jobs/j3/assign");
    expect(post?.body).toEqual({ engineer_id: "e2", if_held_by: "queue" });
    expect(post?.headers["x-outpost-csrf"]).toBe("c5rf");
    await waitFor(() => expect(screen.queryByTestId("assign")).toBeNull());
  });

  it("says so in words when another dispatcher moved the job first, and reads the board again", async () => {
    const calls = hq((c) =>
      c.method === "POST"
        ? [409, { code: "assignment_changed", message: "job J2611-000003 was given to 黄艳 meanwhile: read the board again" }]
        : [200, board()],
    );
    show();
    fireEvent.click(await screen.findByText("J2611-000003"));
    fireEvent.submit(screen.getByTestId("assign"));
    expect((await screen.findByRole("alert")).textContent).toBe("另一位调度员刚刚改派了此工单，看板已重新读取。");
    await waitFor(() => expect(calls.filter((c) => c.path.startsWith("/api/v1/board")).length).toBe(2));
  });

  it("goes back to signing in when the session ended, and says in words when the board cannot be read", async () => {
    let answer: [number, unknown] = [500, { code: "internal", message: "HQ could not complete the request" }];
    hq(() => answer);
    let signedOut = 0;
    render(
      <UiContext.Provider value={translator("zh-CN")}>
        <Board role="dispatcher" onSignedOut={() => signedOut++} />
      </UiContext.Provider>,
    );
    expect(await screen.findByText("无法读取看板，3 秒后重试。")).toBeTruthy();
    answer = [401, { code: "unauthorized", message: "your session ended after 12 hours: sign in again" }];
    cleanupAndRender();
    await waitFor(() => expect(signedOut).toBe(1));

    function cleanupAndRender() {
      document.body.innerHTML = "";
      render(
        <UiContext.Provider value={translator("zh-CN")}>
          <Board role="dispatcher" onSignedOut={() => signedOut++} />
        </UiContext.Provider>,
      );
    }
  });

  it("filters the board to what needs a dispatcher now", async () => {
    const jobs = [
      card({ id: "a", number: "J2611-000011", sla: { badge: "arrive_overdue", minutes: 25 } }),
      card({ id: "b", number: "J2611-000012", job_type: "maintenance", status: "departed", left_unsigned: "customer_absent" }),
      card({ id: "c", number: "J2611-000013", status: "unresolved", promised_on: "2000-01-01" }),
    ];
    hq(() => [200, board({ engineers: [{ id: "e1", name: "王建国", jobs }] })]);
    show();
    await screen.findByText("J2611-000011");
    const numbers = () => [...document.querySelectorAll(".row .jobcard .number")].map((n) => n.textContent);
    fireEvent.click(screen.getByTestId("filter-overdue"));
    expect(numbers()).toEqual(["J2611-000011"]);
    fireEvent.click(screen.getByTestId("filter-overdue"));
    fireEvent.click(screen.getByTestId("filter-unsigned"));
    expect(numbers()).toEqual(["J2611-000012"]);
    fireEvent.click(screen.getByTestId("filter-clear"));
    fireEvent.click(screen.getByTestId("filter-promiseDue"));
    expect(numbers()).toEqual(["J2611-000013"]);
    fireEvent.click(screen.getByTestId("filter-clear"));
    fireEvent.change(screen.getByTestId("filter-type"), { target: { value: "maintenance" } });
    expect(numbers()).toEqual(["J2611-000012"]);
    expect(screen.getByTestId("queue").textContent).toContain("没有符合筛选条件的工单。");
  });

  it("lets a viewer read only, and shows customer text as text", async () => {
    const hostile = "<img src=x onerror=alert(1)>";
    hq(() => [200, board({ unassigned: [card({ id: "j9", number: "J2611-000009", customer: hostile })] })]);
    show("viewer");
    await screen.findByTestId("board");
    expect(screen.getByText("只读")).toBeTruthy();
    expect(screen.getByTestId("queue").textContent).toContain(hostile);
    expect(document.querySelector("img")).toBeNull();
    // A viewer cannot pick it up to assign; the card opens the job's page instead.
    const opened = document.querySelector(".jobcard");
    expect(opened?.tagName).toBe("A");
    expect(opened?.getAttribute("href")).toBe("#/jobs/j9");
  });
});
