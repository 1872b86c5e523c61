// The words of the day's reminders (提醒).

export const remindersEn = {
  nav_reminders: "Reminders",
  remindersTitle: "Reminders",
  remindersHint: "What to act on before it is late: promises due, parts requests near their 15 days, units at the factory past 10 working days, and warranties or maintenance contracts ending within three months.",
  noReminders: "Nothing to be reminded of today.",
  kind_promise_due: "Promise to the customer",
  kind_parts_request: "Parts request",
  kind_factory_repair: "Factory repair",
  kind_warranty_ending: "Warranty ends",
  kind_plan_ending: "Maintenance contract ends",
  dueToday: "due today",
  daysLeft: "{n} days left",
  daysLate: "{n} days late",
  remindersCount: "{n} reminders",
  offerRenewal: "Offer the customer a maintenance contract before it ends.",
  seePlans: "Plans",
  seeRequests: "Parts requests",
};

export const remindersZh: Record<keyof typeof remindersEn, string> = {
  nav_reminders: "提醒",
  remindersTitle: "提醒",
  remindersHint: "需要及时处理的事项：到期的承诺、接近或超过 15 天的补件申请、超过 10 个工作日的返厂维修、三个月内到期的保修或维护合同。",
  noReminders: "今天没有需要提醒的事项。",
  kind_promise_due: "对客户的承诺",
  kind_parts_request: "补件申请",
  kind_factory_repair: "返厂维修",
  kind_warranty_ending: "保修到期",
  kind_plan_ending: "维护合同到期",
  dueToday: "今天到期",
  daysLeft: "还剩 {n} 天",
  daysLate: "已逾期 {n} 天",
  remindersCount: "共 {n} 项",
  offerRenewal: "请在到期前向客户提供维护合同。",
  seePlans: "巡检保养计划",
  seeRequests: "补件申请",
};
