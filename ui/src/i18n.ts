// The two languages of the app (zh-CN and English). Customer data is shown as entered; only
// our own words are translated. Terms follow the glossary of DESIGN.md.

import type { Amount } from "./bindings/Amount";
import { REPORT_FIELDS } from "./bindings/reportFields";

export type Lang = "zh-CN" | "en";

const en = {
  app: "Outpost",
  jobs: "My jobs",
  settings: "Settings",
  today: "Today",
  overdue: "Overdue",
  upcoming: "Upcoming",
  all: "All",
  search: "Search customers, equipment, faults, reports…",
  noJobs: "No jobs here.",
  noJobsHint: "Jobs HQ assigns to you appear after the next sync.",
  noMatches: "Nothing matches this search.",
  back: "Back",
  overview: "Job",
  report: "Report",
  parts: "Parts",
  signOff: "Sign-off",
  receipt: "Receipt",
  customer: "Customer",
  contacts: "Contacts",
  copyPhone: "Copy",
  copied: "Copied",
  site: "Site",
  directions: "Directions",
  equipment: "Equipment",
  serial: "Serial",
  warranty: "Warranty",
  inWarranty: "In warranty until {d}",
  expired: "Out of warranty since {d}",
  noWarranty: "No warranty on record",
  history: "Service history of this equipment",
  noHistory: "No earlier visits.",
  jobType: "Service type",
  fault: "Reported fault",
  window: "Arrival window",
  status: "Status",
  events: "Visit log",
  reason: "Reason",
  promisedOn: "Promised date",
  move_en_route: "Set off",
  move_on_site: "Arrive",
  move_completed: "Finish",
  move_unresolved: "Cannot finish…",
  move_departed: "Leave",
  move_signed: "Customer signs…",
  move_reopen: "Reopen…",
  reopenJobHint: "Reopen this job? The job goes back to on site and the result recorded so far is withdrawn.",
  confirmReopenJob: "Reopen the job",
  confirmUnresolved: "Record as unresolved",
  leaveUnsignedTitle: "The customer has not signed the report. Why are you leaving?",
  unsigned_customer_absent: "Customer not on site",
  unsigned_customer_refused: "Customer refused to sign",
  unsigned_other: "Other",
  unsignedNote: "What happened (required for Other)",
  confirmLeave: "Leave without signature",
  reopen: "Correct the report",
  reopenReason: "What is corrected, and why",
  confirmReopen: "Reopen as a new revision",
  reopenHint: "The signed revision and its receipt are kept; the customer signs the corrected one.",
  colon: ": ",
  dismissRefused: "Read, remove",
  leftUnsigned: "Left without signature: {reason}",
  missingTitle: "Still missing before the customer can sign",
  nothingMissing: "The report is complete.",
  required: "required",
  saved: "Saved",
  saving: "Saving…",
  ok: "OK",
  issue: "Issue",
  note: "Note",
  findPart: "Part code or name",
  vanStock: "Van stock",
  bin: "Bin",
  substitutes: "Can be replaced by",
  standIns: "Not in the van; in the van instead:",
  consumable: "Consumable",
  inVan: "{n} in van",
  vanShort: "van short by {n}: recount",
  notInVan: "not in van",
  stillMonth: "still 1 month+",
  stillQuarter: "still 3 months+",
  quantity: "Qty",
  misuse: "Damaged by misuse",
  add: "Add",
  requestPart: "Request from HQ",
  partsRequests: "Requested from HQ (parts requests)",
  req_requested: "Sent · due by {d}",
  req_promised: "HQ promises by {d}",
  req_delivered: "Delivered {d}",
  req_declined: "Declined: {r}",
  req_overdue: "overdue",
  remove: "Remove",
  noParts: "No parts on this job.",
  noPartsUsed: "No parts were replaced",
  labour: "Labour",
  serviceFee: "Service fee",
  partsTotal: "Parts",
  total: "Total",
  quoteToAccept: "The customer pays {t}. Show the quote and record their acceptance before the repair is recorded as done.",
  acceptedBy: "Accepted by {n}",
  acceptQuote: "Customer accepts the quote",
  customerName: "Customer's name",
  ratings: "Satisfaction",
  declineRating: "Customer declines to rate",
  surveyComment: "Customer's comment on the service",
  declined: "The customer declined to rate.",
  opinion: "Customer opinion",
  signature: "Customer signature",
  traineeSigns: "Trainee signs for the training",
  traineeSigned: "The trainee signed for the training.",
  clear: "Clear",
  sign: "Sign and freeze the report",
  signedBy: "Signed by {n} at {t}",
  hash: "Report check code",
  drawFirst: "Ask the customer to sign on the pad first.",
  nameFirst: "Write the customer's name first.",
  layout: "Paper",
  a4: "A4",
  roll: "80 mm roll",
  language: "Language",
  customerLanguage: "Customer's language",
  makeReceipt: "Make receipt",
  openReceipt: "Open",
  printReceipt: "Print",
  receiptSaved: "Saved {p} ({k} KB)",
  draftReceipt: "Draft: the report is not signed yet.",
  enrollTitle: "Connect this laptop to HQ",
  enrollHint: "Your dispatcher gives you the HQ address and a one-time enrollment code.",
  hqUrl: "HQ address",
  code: "Enrollment code",
  enroll: "Enroll",
  enrolledAs: "Enrolled as {n} with {u}",
  hq: "HQ",
  dataDir: "Data folder",
  signOut: "Sign out",
  signOutHint: "Removes every job from this laptop. Only possible when everything has reached HQ.",
  syncNow: "Sync now",
  online: "Online",
  offline: "Offline",
  syncing: "Syncing…",
  notEnrolled: "Not enrolled",
  syncError: "Needs attention",
  pending: "{n} waiting",
  lastSync: "Last sync {t}",
  progressSent: "sent {sent} of {total}",
  progressFiles: "{n} files",
  progressReceived: "{n} received",
  never: "Not synced yet",
  refused: "{n} refused",
  refusedTitle: "Changes HQ refused or settled its way",
  noRefused: "HQ accepted everything.",
  clockAhead: "This laptop's clock is {size} ahead of HQ: times you record may be questioned",
  clockAheadShort: "Clock {size} fast",
  hqNewer: "Update the app",
  hqNewerWhy: "HQ is newer than this app: some of what HQ sends cannot be shown until the app is updated",
  clockBehindShort: "Clock {size} slow",
  clockBehind: "This laptop's clock is {size} behind HQ: times you record may be questioned",
  setAside: "{n} damaged files",
  setAsideTitle: "Files this laptop could not send",
  setAside_signature_damaged: "The signature image of job {job} is damaged on this laptop: ask the customer to sign again.",
  setAside_signature_missing: "The signature image of job {job} is missing on this laptop: ask the customer to sign again.",
  setAside_trainee_signature_damaged: "The trainee's signature of job {job} is damaged on this laptop: ask the trainee to sign again.",
  setAside_trainee_signature_missing: "The trainee's signature of job {job} is missing on this laptop: ask the trainee to sign again.",
  setAside_file_damaged: "A file of job {job} is damaged on this laptop: add it again.",
  setAside_file_missing: "A file of job {job} is missing on this laptop: add it again.",
  retryIn: "next try in {s} s",
  sla_arrive_due: "Arrive within {m}",
  sla_arrive_overdue: "Arrival overdue {m}",
  sla_fix_due: "Fix within {m}",
  sla_fix_overdue: "Fix overdue {m}",
  major: "Major",
  shortcuts: "/ search · ↑↓ choose · Enter open · Esc back · Alt+1…5 tabs · Ctrl+S sync",
};

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  app: "Outpost 外勤",
  jobs: "我的工单",
  settings: "设置",
  today: "今天",
  overdue: "已逾期",
  upcoming: "近期",
  all: "全部",
  search: "搜索客户、设备、故障、报告…",
  noJobs: "暂无工单。",
  noJobsHint: "总部派给您的工单会在下次同步后出现。",
  noMatches: "没有找到符合条件的结果。",
  back: "返回",
  overview: "工单",
  report: "服务报告",
  parts: "配件",
  signOff: "客户确认",
  receipt: "服务回执",
  customer: "客户",
  contacts: "联系人",
  copyPhone: "复制",
  copied: "已复制",
  site: "现场",
  directions: "路线",
  equipment: "设备",
  serial: "序列号",
  warranty: "保修",
  inWarranty: "保修期内（至 {d}）",
  expired: "已过保修期（{d} 到期）",
  noWarranty: "无保修记录",
  history: "该设备的历史服务记录",
  noHistory: "暂无历史服务记录。",
  jobType: "服务类型",
  fault: "报修故障",
  window: "约定到达时间",
  status: "状态",
  events: "服务过程",
  reason: "原因",
  promisedOn: "承诺解决日期",
  move_en_route: "出发",
  move_on_site: "到达",
  move_completed: "完工",
  move_unresolved: "无法完成…",
  move_departed: "离开",
  move_signed: "客户签字…",
  move_reopen: "重新打开…",
  reopenJobHint: "确定重新打开此工单吗？工单将回到“在现场”状态，已记录的结果将撤回。",
  confirmReopenJob: "重新打开工单",
  confirmUnresolved: "记为未解决",
  leaveUnsignedTitle: "客户尚未在服务报告上签字，请选择未签字离开的原因：",
  unsigned_customer_absent: "客户不在现场",
  unsigned_customer_refused: "客户拒绝签字",
  unsigned_other: "其他原因",
  unsignedNote: "情况说明（选“其他原因”时必填）",
  confirmLeave: "未签字离开",
  reopen: "更正报告",
  reopenReason: "更正内容及原因",
  confirmReopen: "重新打开为新版本",
  reopenHint: "已签字的版本及其回执会保留；更正后请客户重新签字。",
  colon: "：",
  dismissRefused: "已阅，移除",
  leftUnsigned: "未签字离开：{reason}",
  missingTitle: "客户签字前还需填写：",
  nothingMissing: "报告已完整。",
  required: "必填",
  saved: "已保存",
  saving: "保存中…",
  ok: "正常",
  issue: "有问题",
  note: "备注",
  findPart: "配件编号或名称",
  vanStock: "随车配件",
  bin: "库位",
  substitutes: "可替代配件",
  standIns: "车上没有此配件，车上有替代配件：",
  consumable: "易耗件",
  inVan: "车上 {n} 件",
  vanShort: "车上缺 {n} 件，请盘点",
  notInVan: "车上没有",
  stillMonth: "超过 1 个月未动用",
  stillQuarter: "超过 3 个月未动用",
  quantity: "数量",
  misuse: "人为损坏",
  add: "添加",
  requestPart: "申请补件",
  partsRequests: "补件申请记录",
  req_requested: "已申请 · 最迟 {d} 到货",
  req_promised: "总部承诺 {d} 前到货",
  req_delivered: "{d} 已到货",
  req_declined: "已拒绝：{r}",
  req_overdue: "逾期未到",
  remove: "删除",
  noParts: "本工单没有配件。",
  noPartsUsed: "未更换零件",
  labour: "工时费",
  serviceFee: "上门服务费",
  partsTotal: "配件费",
  total: "合计",
  quoteToAccept: "客户需支付 {t}。请先向客户出示报价并记录客户确认，再记录维修完成。",
  acceptedBy: "{n} 已确认",
  acceptQuote: "客户确认报价",
  customerName: "客户姓名",
  ratings: "满意度评价",
  declineRating: "客户拒绝评价",
  surveyComment: "评价意见",
  declined: "客户拒绝评价。",
  opinion: "用户意见",
  signature: "客户签字",
  traineeSigns: "培训签收人签字确认",
  traineeSigned: "培训签收人已签字确认。",
  clear: "清除",
  sign: "签字并锁定报告",
  signedBy: "{n} 于 {t} 签字",
  hash: "报告校验码",
  drawFirst: "请客户先在签字板上签字。",
  nameFirst: "请先填写客户姓名。",
  layout: "纸张",
  a4: "A4",
  roll: "80 毫米小票",
  language: "语言",
  customerLanguage: "客户语言",
  makeReceipt: "生成回执",
  openReceipt: "打开",
  printReceipt: "打印",
  receiptSaved: "已保存 {p}（{k} KB）",
  draftReceipt: "草稿：报告尚未签字。",
  enrollTitle: "将本机连接到总部",
  enrollHint: "调度员会给您总部地址和一次性注册码。",
  hqUrl: "总部地址",
  code: "注册码",
  enroll: "注册",
  enrolledAs: "已注册为 {n}，总部 {u}",
  hq: "总部",
  dataDir: "数据文件夹",
  signOut: "退出登录",
  signOutHint: "将从本机删除所有工单。只有全部数据已同步到总部时才能退出。",
  syncNow: "立即同步",
  online: "在线",
  offline: "离线",
  syncing: "同步中…",
  notEnrolled: "未注册",
  syncError: "需要处理",
  pending: "{n} 条待同步",
  lastSync: "上次同步 {t}",
  progressSent: "已发送 {sent}/{total}",
  progressFiles: "{n} 个文件",
  progressReceived: "已接收 {n} 条",
  never: "尚未同步",
  refused: "{n} 条被拒绝",
  refusedTitle: "被总部拒绝或以总部为准的更改",
  noRefused: "总部已接受全部更改。",
  clockAhead: "本机时钟比总部快 {size}，您记录的时间可能不被认可，请校准本机时间",
  clockAheadShort: "时钟快 {size}",
  hqNewer: "请更新应用",
  hqNewerWhy: "总部版本比本应用新，部分内容需更新应用后才能显示",
  clockBehindShort: "时钟慢 {size}",
  clockBehind: "本机时钟比总部慢 {size}，您记录的时间可能不被认可，请校准本机时间",
  setAside: "{n} 个文件损坏",
  setAsideTitle: "本机无法发送的文件",
  setAside_signature_damaged: "工单 {job} 的客户签字图片在本机已损坏：请客户重新签字。",
  setAside_signature_missing: "工单 {job} 的客户签字图片在本机已丢失：请客户重新签字。",
  setAside_trainee_signature_damaged: "工单 {job} 的培训签收人签字在本机已损坏，请培训签收人重新签字。",
  setAside_trainee_signature_missing: "工单 {job} 的培训签收人签字在本机已丢失，请培训签收人重新签字。",
  setAside_file_damaged: "工单 {job} 的一个文件在本机已损坏：请重新添加。",
  setAside_file_missing: "工单 {job} 的一个文件在本机已丢失：请重新添加。",
  retryIn: "{s} 秒后重试",
  sla_arrive_due: "{m} 内到达",
  sla_arrive_overdue: "到达已超时 {m}",
  sla_fix_due: "{m} 内修复",
  sla_fix_overdue: "修复已超时 {m}",
  major: "重大故障",
  shortcuts: "/ 搜索 · ↑↓ 选择 · Enter 打开 · Esc 返回 · Alt+1…5 切换 · Ctrl+S 同步",
};

const words: Record<Lang, Record<Key, string>> = { en, "zh-CN": zh };

/** The system's language, as far as the webview knows it. */
export function systemLang(): Lang {
  return (navigator.language || "en").toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

/** A translator for one language: `t("pending", { n: 3 })`. */
export function translator(lang: Lang) {
  return (key: Key, vars: Record<string, string | number> = {}) =>
    words[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ""));
}

export type T = ReturnType<typeof translator>;

const statuses: Record<string, [string, string]> = {
  assigned: ["Assigned", "已派工"],
  en_route: ["En route", "已出发"],
  on_site: ["On site", "在现场"],
  completed: ["Completed", "已完成"],
  unresolved: ["Unresolved", "未解决"],
  signed: ["Signed", "已签字"],
  departed: ["Departed", "已离开"],
  closed: ["Closed", "已关闭"],
  cancelled: ["Cancelled", "已取消"],
};

const jobTypes: Record<string, [string, string]> = {
  repair: ["Repair", "维修"],
  installation: ["Installation", "安装调试"],
  inspection: ["Inspection", "巡检"],
  maintenance: ["Maintenance", "保养"],
  callback: ["Callback", "回访"],
};


const options: Record<string, [string, string]> = {
  system_functions: ["System functions", "系统功能"],
  equipment_condition: ["Equipment condition", "设备状况"],
  safety_hazards: ["Safety hazards", "安全隐患"],
  operating_records: ["Operating records", "运行记录"],
  timeliness: ["Timeliness", "响应及时性"],
  attitude: ["Attitude", "服务态度"],
  quality: ["Technical quality", "技术水平"],
  overall: ["Overall", "总体满意度"],
};

function pick(table: Record<string, [string, string]>, lang: Lang, key: string): string {
  const pair = table[key];
  return pair ? pair[lang === "en" ? 0 : 1] : key;
}

export const statusLabel = (lang: Lang, s: string) => pick(statuses, lang, s);
export const jobTypeLabel = (lang: Lang, s: string) => pick(jobTypes, lang, s);
type Spec = { label: Record<Lang, string>; hint: Record<Lang, string> | null; choices: readonly { value: string; label: Record<Lang, string> }[] };
const registry = REPORT_FIELDS as unknown as Record<string, Spec>;

/** A report field's name, as the domain's field registry gives it (generated bindings). */
export const fieldLabel = (lang: Lang, s: string) => registry[s]?.label[lang] ?? s;
/** A report field's hint, if it has one. */
export const fieldHint = (lang: Lang, s: string) => registry[s]?.hint?.[lang] ?? null;
/** The values of a choice field, in the registry's order. */
export const fieldChoices = (s: string) => registry[s]?.choices.map((c) => c.value) ?? [];
const choiceLabels = new Map(Object.values(registry).flatMap((f) => f.choices.map((c) => [c.value, c.label] as const)));
/** A choice (a report field's, from the registry) or a checklist item or survey dimension. */
export const optionLabel = (lang: Lang, s: string) => choiceLabels.get(s)?.[lang] ?? pick(options, lang, s);

/** How far a clock is off: days when a day or more, else hours and minutes. */
export function clockGap(lang: Lang, seconds: number): string {
  const minutes = Math.round(Math.abs(seconds) / 60);
  const days = Math.floor(minutes / (24 * 60));
  if (days > 0) return lang === "en" ? `${days} d` : `${days} 天`;
  return duration(lang, minutes);
}

/** An amount in the reader's language: ¥1,234.00 in Chinese, CNY 1,234.00 in English. */
export function amount(lang: Lang, a: Amount): string {
  return lang === "en" ? a.en : a["zh-CN"];
}

/** "1 h 20 min" / "1 小时 20 分钟" for the SLA badges; "3 days" / "3 天" from two days on. */
export function duration(lang: Lang, minutes: number): string {
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  if (h >= 48) return lang === "en" ? `${Math.floor(h / 24)} days` : `${Math.floor(h / 24)} 天`;
  if (lang === "en") return h > 0 ? (m > 0 ? `${h} h ${m} min` : `${h} h`) : `${m} min`;
  return h > 0 ? (m > 0 ? `${h} 小时 ${m} 分钟` : `${h} 小时`) : `${m} 分钟`;
}

/** A time in the laptop's zone: "14:05" today, "11-21 14:05" otherwise. */
export function localTime(rfc3339: string | null | undefined): string {
  if (!rfc3339) return "";
  const d = new Date(rfc3339);
  const pad = (n: number) => String(n).padStart(2, "0");
  const hm = `${pad(d.getHours())}:${pad(d.getMinutes())}`;
  return d.toDateString() === new Date().toDateString() ? hm : `${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${hm}`;
}
