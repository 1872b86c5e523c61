// The console's two languages. The dispatcher picks; the browser's language decides until then.
// Customer data is shown as entered; only our own words are translated, with the desktop app's
// terms (派工, 已出发, 补件 …). Statuses and unsigned reasons are the domain's own words
// (bindings/labels.ts, generated).

import type { JobStatus } from "./bindings/JobStatus";
import { STATUS_LABELS, UNSIGNED_LABELS } from "./bindings/labels";
import type { JobType } from "./bindings/JobType";
import type { Role } from "./bindings/Role";
import type { UnsignedReason } from "./bindings/UnsignedReason";
import type { Money } from "./bindings/Money";
import { archiveEn, archiveZh } from "./words/archive";
import { callEn, callZh } from "./words/call";
import { callbacksEn, callbacksZh } from "./words/callbacks";
import { complaintsEn, complaintsZh } from "./words/complaints";
import { conflictsEn, conflictsZh } from "./words/conflicts";
import { fleetEn, fleetZh } from "./words/fleet";
import { partsEn, partsZh } from "./words/parts";
import { plansEn, plansZh } from "./words/plans";
import { remindersEn, remindersZh } from "./words/reminders";
import { statisticsEn, statisticsZh } from "./words/statistics";
import { jobEn, jobZh } from "./words/job";

export type Lang = "zh-CN" | "en";

const en = {
  title: "Outpost HQ",
  signInTitle: "Sign in to HQ",
  name: "Name",
  password: "Password",
  signIn: "Sign in",
  wrong: "Wrong name or password.",
  tooMany: "Too many wrong passwords for this name: wait {s} s, then try again.",
  unreachable: "HQ does not answer. Check the network, then try again.",
  changeTitle: "Choose your own password",
  changeHint: "You signed in with a one-time password. Choose one only you know (at least 10 characters).",
  current: "One-time or current password",
  newPassword: "New password",
  repeat: "New password again",
  mismatch: "The two new passwords differ.",
  tooShort: "At least 10 characters.",
  currentWrong: "That is not your current password.",
  newRejected: "Choose at least 10 characters, other than the current password and your name.",
  save: "Save",
  signOut: "Sign out",
  language: "中文",
  board: "Dispatch board",
  today: "Today",
  week: "Week",
  unassigned: "Not assigned",
  queueEmpty: "Every job has an engineer.",
  nothing: "Nothing planned.",
  jobs: "{n} jobs",
  carried: "from {d}",
  replyDue: "Reply due in {m}",
  replyOverdue: "Reply overdue {m}",
  arrive_due_in: "Arrive within {m}",
  arrive_overdue: "Arrival overdue {m}",
  fix_due_in: "Fix within {m}",
  fix_overdue: "Fix overdue {m}",
  promised: "Promised {d}",
  leftUnsigned: "Left unsigned",
  clockSuspect: "Laptop clock suspect",
  assignTo: "Give to",
  assign: "Assign",
  cancel: "Cancel",
  overFull: "{name} already has {n} jobs that day.",
  missWindow: "The arrival window has passed.",
  updated: "Updated {t}",
  assignRefused: "HQ did not take this assignment; the board is read again.",
  refused_assignment_changed: "Another dispatcher moved this job just now; the board is read again.",
  refused_read_only: "You may read only, not change.",
  refused_csrf_missing: "This page is out of date: reload it, then try again.",
  refused_password_change_required: "Choose your own password first.",
  refused_manager_only: "Only the service manager may do this.",
  boardFailed: "The board could not be read; trying again in 3 s.",
  loading: "Loading…",
  role_dispatcher: "Dispatcher",
  role_manager: "Service manager",
  role_viewer: "Viewer",
  readOnly: "Read only",
  ...callEn,
  ...jobEn,
  ...fleetEn,
  ...partsEn,
  ...conflictsEn,
  ...complaintsEn,
  ...callbacksEn,
  ...plansEn,
  ...remindersEn,
  ...statisticsEn,
  ...archiveEn,
};

export type Key = keyof typeof en;

const zh: Record<Key, string> = {
  title: "Outpost 总部",
  signInTitle: "登录总部控制台",
  name: "姓名",
  password: "密码",
  signIn: "登录",
  wrong: "姓名或密码不正确。",
  tooMany: "该姓名密码错误次数过多，请 {s} 秒后再试。",
  unreachable: "总部无响应，请检查网络后重试。",
  changeTitle: "设置您自己的密码",
  changeHint: "您使用一次性密码登录，请设置只有您知道的新密码（至少 10 个字符）。",
  current: "一次性密码或当前密码",
  newPassword: "新密码",
  repeat: "再次输入新密码",
  mismatch: "两次输入的新密码不一致。",
  tooShort: "至少 10 个字符。",
  currentWrong: "当前密码不正确。",
  newRejected: "请设置至少 10 个字符、且不同于当前密码和姓名的新密码。",
  save: "保存",
  signOut: "退出登录",
  language: "English",
  board: "派工看板",
  today: "今天",
  week: "本周",
  unassigned: "待派工",
  queueEmpty: "所有工单都已派工。",
  nothing: "暂无安排。",
  jobs: "{n} 个工单",
  carried: "{d} 遗留",
  replyDue: "{m} 内须答复",
  replyOverdue: "答复已超时 {m}",
  arrive_due_in: "{m} 内到达",
  arrive_overdue: "到达已超时 {m}",
  fix_due_in: "{m} 内修复",
  fix_overdue: "修复已超时 {m}",
  promised: "承诺 {d} 解决",
  leftUnsigned: "未签字离开",
  clockSuspect: "工程师电脑时间异常",
  assignTo: "派给",
  assign: "派工",
  cancel: "取消",
  overFull: "{name} 当天已有 {n} 个工单。",
  missWindow: "约定到达时间已过。",
  updated: "{t} 更新",
  assignRefused: "总部未接受此次派工，看板已重新读取。",
  refused_assignment_changed: "另一位调度员刚刚改派了此工单，看板已重新读取。",
  refused_read_only: "您只能查看，不能修改。",
  refused_csrf_missing: "页面已过期，请刷新后重试。",
  refused_password_change_required: "请先设置您自己的密码。",
  refused_manager_only: "只有服务经理可以执行此操作。",
  boardFailed: "无法读取看板，3 秒后重试。",
  loading: "正在加载…",
  role_dispatcher: "调度员",
  role_manager: "服务经理",
  role_viewer: "只读用户",
  readOnly: "只读",
  ...callZh,
  ...jobZh,
  ...fleetZh,
  ...partsZh,
  ...conflictsZh,
  ...complaintsZh,
  ...callbacksZh,
  ...plansZh,
  ...remindersZh,
  ...statisticsZh,
  ...archiveZh,
};

const jobTypes: Record<JobType, [string, string]> = {
  repair: ["Repair", "维修"],
  installation: ["Installation", "安装调试"],
  inspection: ["Inspection", "巡检"],
  maintenance: ["Maintenance", "保养"],
  callback: ["Callback", "回访"],
};

const pick = (lang: Lang, [e, z]: readonly [string, string]) => (lang === "en" ? e : z);

/** The language the browser asks for, until the dispatcher picks one. */
export function browserLang(): Lang {
  const saved = localStorage.getItem("outpost.lang");
  if (saved === "en" || saved === "zh-CN") return saved;
  return (navigator.language ?? "").toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export function translator(lang: Lang) {
  const words = lang === "en" ? en : zh;
  const t = (key: Key, args: Record<string, string | number> = {}) =>
    Object.entries(args).reduce((s, [k, v]) => s.replace(`{${k}}`, String(v)), words[key]);
  return {
    lang,
    t,
    status: (s: JobStatus) => pick(lang, STATUS_LABELS[s]),
    jobType: (j: JobType) => pick(lang, jobTypes[j]),
    unsigned: (u: UnsignedReason) => pick(lang, UNSIGNED_LABELS[u]),
    role: (r: Role) => t(`role_${r}` as Key),
    /** HQ's refusal in the reader's words, by its code; `fallback` for one without words here. */
    refusal: (code: string, fallback: Key) => t((`refused_${code}` in words ? `refused_${code}` : fallback) as Key),
    /** A moment in the browser's time zone, to the minute. */
    at: (iso: string) => new Date(iso).toLocaleString(lang, { dateStyle: "medium", timeStyle: "short" }),
    /** The unit amounts are typed in: 元 / yuan for CNY, else the currency's code. */
    unit: (currency: string) => (currency === "CNY" ? (lang === "en" ? "yuan" : "元") : currency),
    /** A day in the browser's time zone. */
    day: (iso: string) => new Date(iso).toLocaleDateString(lang, { dateStyle: "medium" }),
    /** `¥1,234.00` in Chinese, `CNY 1,234.00` in English (minor units of two decimals). */
    money: (m: Money) => {
      const amount = (m.minor / 100).toLocaleString("en", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
      return lang === "en" || m.currency !== "CNY" ? `${m.currency} ${amount}` : `¥${amount}`;
    },
    /** "1 h 20 min" / "1 小时 20 分钟"; whole days from two days on. */
    minutes: (m: number) => {
      const h = Math.floor(Math.abs(m) / 60);
      const rest = Math.abs(m) % 60;
      if (h >= 48) return lang === "en" ? `${Math.floor(h / 24)} days` : `${Math.floor(h / 24)} 天`;
      if (lang === "en") return h > 0 ? (rest > 0 ? `${h} h ${rest} min` : `${h} h`) : `${rest} min`;
      return h > 0 ? (rest > 0 ? `${h} 小时 ${rest} 分钟` : `${h} 小时`) : `${rest} 分钟`;
    },
  };
}

export type Words = ReturnType<typeof translator>;
