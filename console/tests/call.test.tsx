// Taking a call against a fake HQ: the caller found by serial with site and machine picked, the
// call registered as a job reported when it came; HQ's refusals under the field they concern,
// in Chinese; a new customer made once even when its site is refused first.
import { cleanup, fireEvent, render, screen, waitFor } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Archive } from "../src/bindings/Archive";
import { api, speak } from "../src/api";
import { UiContext } from "../src/context";
import { translator } from "../src/i18n";
import { Call } from "../src/screens/Call";
import { hq } from "./fake-hq";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  speak("en");
});

const archive: Archive = {
  callback_plan: null,
  customer: { id: "c1", name: "济南恒丰机械", language: "zh-CN", contacts: [], notes: null },
  sites: [
    { id: "s1", customer_id: "c1", name: "一厂", address: "工业路1号", directions: null },
    { id: "s2", customer_id: "c1", name: "二厂", address: "工业路9号", directions: null },
  ],
  equipment: [
    {
      id: "e1",
      customer_id: "c1",
      site_id: "s2",
      brand: "宏力",
      model: "CPD30",
      serial: "HL-2024-0117",
      installed_on: null,
      accepted_on: "2026-03-01",
      warranty_end: "2027-03-01",
      software_version: null,
      connection_notes: null,
      in_warranty: true,
    },
  ],
  jobs: [
    {
      id: "j0",
      number: "J2611-000007",
      job_type: "maintenance",
      status: "assigned",
      scheduled_on: "2026-12-05",
      site_id: "s1",
      equipment_id: null,
      engineer: "王建国",
      reported_fault: "季度保养",
    },
  ],
};

const registered = (job_number: string | null) => ({
  id: "call1",
  received_at: "2026-12-03T01:10:00Z",
  channel: "phone",
  caller: "李经理",
  phone: null,
  customer_id: "c1",
  customer: "济南恒丰机械",
  subject: "叉车不能起升",
  job_id: job_number && "j1",
  job_number,
  answer: job_number ? null : "已答复",
  taken_by: "张敏",
});

const show = (lang: "zh-CN" | "en" = "zh-CN") => {
  speak(lang);
  return render(
    <UiContext.Provider value={translator(lang)}>
      <Call onBoard={() => {}} />
    </UiContext.Provider>,
  );
};

describe("taking a call", () => {
  it("finds the caller by serial, picks the site and machine, and registers a job reported when they called", async () => {
    const calls = hq((c) => {
      if (c.path.startsWith("/api/v1/callers"))
        return [200, [{ customer_id: "c1", customer: "济南恒丰机械", matched: "serial", text: "HL-2024-0117 · 宏力 CPD30 · 二厂", site_id: "s2", equipment_id: "e1" }]];
      if (c.path.includes("/archive")) return [200, archive];
      if (c.method === "POST") return [201, registered("J2612-000001")];
      return [200, []];
    });
    show();
    fireEvent.input(screen.getByTestId("call-caller"), { target: { value: "李经理" } });
    fireEvent.input(screen.getByTestId("find-customer"), { target: { value: "hl-2024" } });
    fireEvent.click(await screen.findByText("济南恒丰机械"));
    await screen.findByTestId("picked");
    expect((screen.getByTestId("call-site") as HTMLSelectElement).value).toBe("s2");
    expect((screen.getByTestId("call-equipment") as HTMLSelectElement).value).toBe("e1");
    expect(screen.getByTestId("open-jobs").textContent).toContain("J2611-000007");
    expect(calls.find((c) => c.path.startsWith("/api/v1/callers"))?.path).toBe("/api/v1/callers?q=hl-2024");
    fireEvent.input(screen.getByTestId("call-subject"), { target: { value: "叉车不能起升" } });
    fireEvent.submit(screen.getByTestId("take-call"));
    expect((await screen.findByTestId("call-done")).textContent).toContain("工单 J2612-000001 已进入待派工");
    const post = calls.find((c) => c.method === "POST");
    const body = post?.body as Record<string, any>;
    expect(post?.path).toBe("/api/v1/calls");
    expect(post?.headers["accept-language"]).toBe("zh-CN");
    expect(body.customer_id).toBe("c1");
    expect(body.answer).toBeNull();
    expect(body.job).toMatchObject({ site_id: "s2", equipment_id: "e1", reported_fault: "叉车不能起升", job_type: "repair" });
    expect(Date.parse(body.received_at)).toBeGreaterThan(Date.now() - 120_000);
    await waitFor(() => expect(screen.queryByTestId("picked")).toBeNull());
  });

  it("says what HQ refused under the field it concerns, in Chinese", async () => {
    let refusal: unknown = { code: "invalid", field: "caller", message: "来电人：未填写，请填写" };
    hq((c) => (c.method === "POST" ? [422, refusal] : [200, []]));
    show();
    fireEvent.click(screen.getByTestId("outcome-answer"));
    fireEvent.input(screen.getByTestId("call-subject"), { target: { value: "问保养周期" } });
    fireEvent.input(screen.getByTestId("call-answer"), { target: { value: "每 500 小时" } });
    fireEvent.submit(screen.getByTestId("take-call"));
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toBe("来电人：未填写，请填写");
    expect(alert.closest("label")?.textContent).toContain("来电人");
    refusal = { code: "invalid", field: "answer", message: "a call is answered or becomes a job, not both" };
    fireEvent.submit(screen.getByTestId("take-call"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("此项有误，请检查。"));
    expect(screen.getByRole("alert").closest("label")?.textContent).toContain("答复内容");
    // A field the form does not show is said for the whole form, never dropped.
    refusal = { code: "invalid", field: "customer_id", message: "no such customer" };
    fireEvent.submit(screen.getByTestId("take-call"));
    await waitFor(() => expect(screen.getByRole("alert").textContent).toBe("来电登记失败，请检查后重试。"));
    expect(screen.getByRole("alert").closest("label")).toBeNull();
  });

  it("will not make a job without a customer, and keeps a call received later than now from HQ", async () => {
    const calls = hq(() => [200, []]);
    show("en");
    fireEvent.input(screen.getByTestId("call-subject"), { target: { value: "broken" } });
    fireEvent.submit(screen.getByTestId("take-call"));
    expect((await screen.findByRole("alert")).textContent).toBe("Pick the customer first, or add a new one.");
    const later = new Date(Date.now() + 3_600_000);
    const pad = (n: number) => String(n).padStart(2, "0");
    const typed = `${later.getFullYear()}-${pad(later.getMonth() + 1)}-${pad(later.getDate())}T${pad(later.getHours())}:${pad(later.getMinutes())}`;
    fireEvent.input(document.querySelector("input[type=datetime-local]") as HTMLInputElement, { target: { value: typed } });
    fireEvent.submit(screen.getByTestId("take-call"));
    expect((await screen.findByRole("alert")).textContent).toBe("A call cannot be received later than now.");
    expect(calls.some((c) => c.method === "POST")).toBe(false);
  });

  it("makes a new customer once, even when its site is refused first", async () => {
    let siteTries = 0;
    const calls = hq((c) => {
      if (c.path === "/api/v1/customers") return [201, { ...archive.customer, id: "c9" }];
      if (c.path === "/api/v1/sites")
        return ++siteTries === 1
          ? [422, { code: "invalid", field: "site address", message: "现场地址：未填写，请填写" }]
          : [201, { ...archive.sites[0], id: "s9", customer_id: "c9" }];
      if (c.path.includes("/archive")) return [200, { ...archive, customer: { ...archive.customer, id: "c9" } }];
      return [200, []];
    });
    await api.session().catch(() => {});
    show();
    fireEvent.click(screen.getByTestId("new-customer"));
    fireEvent.input(screen.getByTestId("new-name"), { target: { value: "济南恒丰机械" } });
    fireEvent.input(screen.getByTestId("new-site"), { target: { value: "一厂" } });
    fireEvent.input(screen.getByTestId("new-address"), { target: { value: " " } });
    fireEvent.click(screen.getByTestId("save-customer"));
    expect((await screen.findByRole("alert")).textContent).toBe("现场地址：未填写，请填写");
    fireEvent.input(screen.getByTestId("new-address"), { target: { value: "工业路1号" } });
    fireEvent.click(screen.getByTestId("save-customer"));
    await screen.findByTestId("picked");
    expect(calls.filter((c) => c.path === "/api/v1/customers").length).toBe(1);
    expect(calls.filter((c) => c.path === "/api/v1/sites").length).toBe(2);
    expect(calls.some((c) => c.path === "/api/v1/equipment")).toBe(false);
    expect(calls.find((c) => c.path.includes("/archive"))?.path).toContain("/api/v1/customers/c9/archive");
  });
});
