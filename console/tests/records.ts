// Records as HQ answers them, for the console's tests: a month with nothing counted, and a
// signed repair's job page.
import type { JobPage } from "../src/bindings/JobPage";
import type { Kpis } from "../src/bindings/Kpis";
import type { Role } from "../src/bindings/Role";
import type { Session } from "../src/bindings/Session";

/** A person signed in with `role`, past the one-time password. */
export const session = (role: Role | string, name = "张敏"): Session => ({
  csrf: "c5rf",
  name,
  role: role as Role,
  must_change_password: false,
  expires_at: "2099-01-01T00:00:00Z",
});

const none = { numerator: 0, denominator: 0 };
export const figures = (over: Partial<Kpis> = {}): Kpis => ({
  on_time_arrival: none,
  fix_rate: none,
  first_visit_fix: none,
  overall_rating_sum: 0,
  overall_rating_count: 0,
  satisfied: none,
  repeat_repair: none,
  complaint: null,
  report_completeness: none,
  reply_in_time: none,
  factory_repair_in_time: none,
  ...over,
});
export const jobPage = (over: Partial<JobPage> = {}): JobPage => ({
  id: "0190e0a0-0000-7000-8000-000000000001",
  number: "J2612-000003",
  job_type: "repair",
  status: "signed",
  severity: "major",
  customer_id: "c1",
  customer: "济南恒丰机械",
  site_id: "s1",
  site: "一厂",
  equipment_id: "q1",
  engineer_id: "e1",
  engineer: "王建国",
  reported_fault: "叉车不能起升",
  reported_at: "2026-12-03T01:10:00Z",
  scheduled_on: "2026-12-03",
  window_from: null,
  window_until: null,
  promised_on: null,
  left_unsigned: null,
  previous_visit: null,
  events: [
    { at: "2026-12-03T02:00:00Z", received_at: "2026-12-03T02:20:00Z", engineer: "王建国", from: "assigned", to: "en_route", note: null, clock_suspect: false },
    { at: "2026-12-03T09:00:00Z", received_at: "2026-12-03T03:00:00Z", engineer: "王建国", from: "en_route", to: "on_site", note: null, clock_suspect: true },
  ],
  sheet: {
    visit: [["客户", "济南恒丰机械"]],
    report: [["故障原因", "油泵密封老化"]],
    parts: [{ code: "SEAL-40", name: "油封", quantity: 1, unit_charge: "¥0.00", decision: "保修期内质量问题：免费", total: "¥0.00" }],
    totals: [["合计", "¥0.00"]],
    ratings: [["服务态度", "5"]],
    opinion: "很满意",
    signer: "李经理",
    signed_at: "2026-12-03 11:05",
    short_hash: "3F2A-91C0-77BE",
    draft: false,
  },
  signature_image: true,
  signature_strokes: false,
  revisions: [{ revision: 1, signer: "李经理", signed_at: "2026-12-03T03:05:00Z", short_hash: "3F2A-91C0-77BE", current: true }],
  audit: [],
  ...over,
});