// The customer archive against a fake HQ: each machine with its warranty and its own service
// history, jobs about no machine under their site, the customer's calls; and finding one.
import { cleanup, fireEvent, render, screen, waitFor, within } from "@testing-library/preact";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Archive } from "../src/bindings/Archive";
import { UiContext } from "../src/context";
import { translator } from "../src/i18n";
import { Customers } from "../src/screens/Customers";
import { hq } from "./fake-hq";

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const machine = (id: string, serial: string, in_warranty: boolean) => ({
  id,
  customer_id: "c1",
  site_id: "s1",
  brand: "宏力",
  model: "CPD30",
  serial,
  installed_on: null,
  accepted_on: null,
  warranty_end: in_warranty ? "2027-03-01" : "2025-03-01",
  software_version: null,
  connection_notes: null,
  in_warranty,
});
const job = (id: string, number: string, equipment_id: string | null, engineer: string) => ({
  id,
  number,
  job_type: "repair" as const,
  status: "closed" as const,
  scheduled_on: "2026-11-02",
  site_id: "s1",
  equipment_id,
  engineer,
  reported_fault: "不能起升",
});
const archive: Archive = {
  callback_plan: null,
  customer: { id: "c1", name: "济南恒丰机械", language: "zh-CN", contacts: [{ id: "k1", name: "李经理", phone: "0531-8888 6666", role: "设备科长", version: 1 }], notes: null },
  sites: [{ id: "s1", customer_id: "c1", name: "一厂", address: "工业路1号", directions: "东门进" }],
  equipment: [machine("e1", "HL-0001", true), machine("e2", "HL-0002", false)],
  jobs: [job("j1", "J2611-000001", "e1", "王建国"), job("j2", "J2611-000002", "e2", "黄艳"), job("j3", "J2611-000003", null, "黄艳")],
};

const show = (id: string | null, role: "dispatcher" | "viewer" = "viewer") =>
  render(
    <UiContext.Provider value={translator("zh-CN")}>
      <Customers id={id} role={role} />
    </UiContext.Provider>,
  );

describe("the customer archive", () => {
  it("lists each machine's own history across engineers, its warranty, and the customer's calls", async () => {
    const calls = hq((c) =>
      c.path.startsWith("/api/v1/calls")
        ? [200, [{ id: "k", received_at: "2026-11-02T01:00:00Z", channel: "phone", caller: "李经理", phone: null, customer_id: "c1", customer: "济南恒丰机械", subject: "问保养周期", job_id: null, job_number: null, answer: "半年", taken_by: "张敏" }]]
        : [200, archive],
    );
    show("c1");
    const machines = await screen.findAllByTestId("archive-machine");
    expect(machines.length).toBe(2);
    expect(machines[0].textContent).toContain("HL-0001");
    expect(machines[0].textContent).toContain("保修期内");
    expect(machines[0].textContent).toContain("J2611-000001");
    expect(machines[0].textContent).not.toContain("J2611-000002");
    expect(machines[1].textContent).toContain("已过保修期");
    expect(machines[1].textContent).toContain("黄艳");
    expect(screen.getByTestId("archive-site").textContent).toContain("J2611-000003");
    expect(screen.getByText("问保养周期", { exact: false })).toBeTruthy();
    expect(calls.find((c) => c.path.startsWith("/api/v1/calls"))?.path).toContain("customer_id=c1");
    expect(document.querySelector('a[href="#/jobs/j1"]')).not.toBeNull();
  });

  it("keeps the customer's quarterly callback month", async () => {
    const calls = hq((c) => (c.method === "PUT" ? [200, c.body] : c.path.startsWith("/api/v1/calls") ? [200, []] : [200, { ...archive, callback_plan: 1 }]));
    show("c1", "dispatcher");
    const month = (await screen.findByTestId("callback-plan-month")) as HTMLSelectElement;
    expect(month.value).toBe("1");
    fireEvent.change(month, { target: { value: "2" } });
    expect((await screen.findByText("季度回访已保存。")).textContent).toBeTruthy();
    const put = calls.find((c) => c.method === "PUT");
    expect([put?.path, put?.body]).toEqual(["/api/v1/customers/c1/callback-plan", { month_of_quarter: 2 }]);
  });

  it("finds a customer as you type and links to the archive", async () => {
    hq(() => [200, [{ customer_id: "c1", customer: "济南恒丰机械", matched: "phone", text: "李经理 0531-8888 6666", site_id: null, equipment_id: null }]]);
    show(null);
    fireEvent.input(screen.getByTestId("archive-find"), { target: { value: "8888" } });
    const found = await screen.findByTestId("archive-matches");
    expect(found.textContent).toContain("电话：李经理 0531-8888 6666");
    expect(found.querySelector("a")?.getAttribute("href")).toBe("#/customers/c1");
  });

  it("changes a contact in place, sending the version read, and says so when an engineer changed it first", async () => {
    let refused = false;
    const calls = hq((c) => {
      if (c.method === "PUT" && !refused) {
        refused = true;
        return [409, { code: "contact_changed", message: "李经理 was changed meanwhile" }];
      }
      if (c.method === "PUT") return [200, archive.customer];
      return [200, c.path.startsWith("/api/v1/calls") ? [] : archive];
    });
    show("c1", "dispatcher");
    fireEvent.click(await screen.findByTestId("edit-customer"));
    const [contact] = screen.getAllByTestId("edit-contact");
    fireEvent.input(within(contact).getByTestId("edit-contact-phone"), { target: { value: "139 0013 9000" } });
    fireEvent.click(screen.getByTestId("archive-save"));
    expect((await screen.findByTestId("archive-said")).textContent).toBe("您打开后有人修改了联系人，已重新读取，请再修改一次。");
    expect(screen.queryByTestId("customer-form")).toBeNull();
    const put = calls.find((c) => c.method === "PUT");
    expect(put?.path).toBe("/api/v1/customers/c1");
    expect(put?.body).toMatchObject({ id: "c1", contacts: [{ id: "k1", phone: "139 0013 9000", version: 1 }] });
    fireEvent.click(screen.getByTestId("edit-customer"));
    fireEvent.click(screen.getByTestId("archive-save"));
    await waitFor(() => expect(screen.getByTestId("archive-said").textContent).toContain("已保存"));
  });

  it("adds a machine to a site and gives a viewer no way to change anything", async () => {
    const calls = hq((c) => (c.method === "POST" ? [201, machine("e3", "HL-0003", true)] : [200, c.path.startsWith("/api/v1/calls") ? [] : archive]));
    show("c1", "dispatcher");
    fireEvent.click(await screen.findByTestId("add-machine"));
    fireEvent.input(screen.getByTestId("edit-brand"), { target: { value: "宏力" } });
    fireEvent.input(screen.getByTestId("edit-model"), { target: { value: "CPD35" } });
    fireEvent.input(screen.getByTestId("edit-serial"), { target: { value: "HL-0003" } });
    fireEvent.input(screen.getByTestId("edit-accepted"), { target: { value: "2026-12-01" } });
    fireEvent.click(screen.getByTestId("archive-save"));
    await screen.findByTestId("archive-said");
    expect(calls.find((c) => c.method === "POST")?.body).toEqual({
      site_id: "s1", brand: "宏力", model: "CPD35", serial: "HL-0003", installed_on: null, accepted_on: "2026-12-01",
      warranty_end: null, software_version: "", connection_notes: "",
    });
    cleanup();
    show("c1", "viewer");
    await screen.findAllByTestId("archive-machine");
    expect(screen.queryByTestId("edit-customer")).toBeNull();
    expect(screen.queryByTestId("edit-machine")).toBeNull();
    expect(screen.queryByTestId("add-site")).toBeNull();
  });
});
