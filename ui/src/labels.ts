// The names of things in both languages: job statuses and types, report fields and their
// choices (from the domain's field registry), checklist options.

import { REPORT_FIELDS } from "./bindings/reportFields";
import type { Lang } from "./i18n";

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
