// Generated from the domain's labels (crates/domain) by the outpost-wire tests. Do not edit
// this file manually. Each entry is [English, zh-CN].

export const STATUS_LABELS = {
  "assigned": [
    "Assigned",
    "已派工"
  ],
  "cancelled": [
    "Cancelled",
    "已取消"
  ],
  "closed": [
    "Closed",
    "已关闭"
  ],
  "completed": [
    "Completed",
    "已完成"
  ],
  "departed": [
    "Departed",
    "已离开"
  ],
  "en_route": [
    "En route",
    "已出发"
  ],
  "on_site": [
    "On site",
    "在现场"
  ],
  "signed": [
    "Signed",
    "已签字"
  ],
  "unresolved": [
    "Unresolved",
    "未解决"
  ]
} as const;

export const UNSIGNED_LABELS = {
  "customer_absent": [
    "Customer not on site",
    "客户不在现场"
  ],
  "customer_refused": [
    "Customer refused to sign",
    "客户拒绝签字"
  ],
  "other": [
    "Other",
    "其他原因"
  ]
} as const;
