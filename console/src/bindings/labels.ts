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

export const SHARES = [
  {
    "key": "on_time_arrival",
    "label": [
      "on-time arrival",
      "维修及时率"
    ],
    "target": null
  },
  {
    "key": "reply_in_time",
    "label": [
      "replied within the target",
      "24 小时答复率"
    ],
    "target": null
  },
  {
    "key": "fix_rate",
    "label": [
      "fix rate",
      "故障解决率"
    ],
    "target": null
  },
  {
    "key": "first_visit_fix",
    "label": [
      "first-visit fix",
      "一次修复率"
    ],
    "target": null
  },
  {
    "key": "repeat_repair",
    "label": [
      "repeat repairs",
      "返修率"
    ],
    "target": null
  },
  {
    "key": "factory_repair_in_time",
    "label": [
      "factory repairs in time",
      "返厂维修及时率"
    ],
    "target": null
  },
  {
    "key": "satisfied",
    "label": [
      "satisfied customers",
      "客户满意度"
    ],
    "target": {
      "at_least": 90
    }
  },
  {
    "key": "complaint",
    "label": [
      "complaint rate",
      "客户投诉率"
    ],
    "target": {
      "below": 10
    }
  },
  {
    "key": "report_completeness",
    "label": [
      "complete reports",
      "服务报告完整率"
    ],
    "target": null
  }
] as const;

export const PART_CLASS_LABELS = {
  "consumable": [
    "Consumable",
    "易耗件"
  ],
  "repair": [
    "Repair part",
    "维修件"
  ]
} as const;

export const SITUATION_LABELS = {
  "in_warranty_consumable": [
    "In warranty, consumable",
    "保修期内，易耗件"
  ],
  "in_warranty_misuse": [
    "In warranty, damaged by misuse",
    "保修期内，人为损坏"
  ],
  "in_warranty_quality": [
    "In warranty, quality fault",
    "保修期内，质量问题"
  ],
  "out_of_warranty": [
    "Out of warranty",
    "已过保修期"
  ]
} as const;

export const CHARGE_LABELS = {
  "at_cost": [
    "At cost",
    "按成本价收费"
  ],
  "at_list_price": [
    "At list price",
    "按销售价收费"
  ],
  "free": [
    "Free",
    "免费"
  ]
} as const;

export const PRICE_REASONS = {
  "in_warranty_consumable": {
    "at_cost": [
      "Consumable, not covered by warranty: part charged",
      "易耗件，不在保修范围内：配件收费"
    ],
    "at_list_price": [
      "Consumable, not covered by warranty: part charged",
      "易耗件，不在保修范围内：配件收费"
    ],
    "free": [
      "Consumable: free by company policy",
      "易耗件：按公司政策免费"
    ]
  },
  "in_warranty_misuse": {
    "at_cost": [
      "In warranty, but damaged by misuse: part charged",
      "保修期内，人为损坏：配件收费"
    ],
    "at_list_price": [
      "In warranty, but damaged by misuse: part charged",
      "保修期内，人为损坏：配件收费"
    ],
    "free": [
      "Free by company policy",
      "按公司政策免费"
    ]
  },
  "in_warranty_quality": {
    "at_cost": [
      "Charged by company policy",
      "按公司政策收费"
    ],
    "at_list_price": [
      "Charged by company policy",
      "按公司政策收费"
    ],
    "free": [
      "In warranty, quality fault: free",
      "保修期内，质量问题：免费"
    ]
  },
  "out_of_warranty": {
    "at_cost": [
      "Out of warranty: part charged",
      "已过保修期：配件收费"
    ],
    "at_list_price": [
      "Out of warranty: part charged",
      "已过保修期：配件收费"
    ],
    "free": [
      "Free by company policy",
      "按公司政策免费"
    ]
  }
} as const;

export const HQ_MOVES = {
  "assigned": [
    "assigned",
    "cancelled"
  ],
  "cancelled": [],
  "closed": [],
  "completed": [],
  "departed": [
    "closed"
  ],
  "en_route": [
    "assigned",
    "cancelled"
  ],
  "on_site": [
    "assigned",
    "cancelled"
  ],
  "signed": [
    "closed"
  ],
  "unresolved": [
    "assigned",
    "cancelled"
  ]
} as const;

export const RESCHEDULABLE = [
  "assigned",
  "en_route",
  "on_site",
  "unresolved"
] as const;

export const COMPLAINT_CHANNEL_LABELS = {
  "dealer": [
    "Through the dealer",
    "经销商"
  ],
  "letter": [
    "Letter",
    "来函"
  ],
  "phone": [
    "Phone call",
    "来电"
  ],
  "visit": [
    "In person",
    "来人"
  ]
} as const;

export const COMPLAINT_CATEGORY_LABELS = {
  "attitude": [
    "Service attitude",
    "服务态度"
  ],
  "charges": [
    "Charges",
    "收费"
  ],
  "other": [
    "Other",
    "其他"
  ],
  "product_quality": [
    "Product quality",
    "产品质量"
  ],
  "repair_quality": [
    "Repair quality",
    "维修质量"
  ],
  "response": [
    "Response time",
    "响应速度"
  ]
} as const;

export const COMPLAINT_CHANNELS = ["phone","letter","visit","dealer"] as const;

export const COMPLAINT_CATEGORIES = ["attitude","response","repair_quality","product_quality","charges","other"] as const;

export const DIMENSION_LABELS = {
  "attitude": [
    "Attitude",
    "服务态度"
  ],
  "overall": [
    "Overall",
    "总体满意度"
  ],
  "quality": [
    "Technical quality",
    "技术水平"
  ],
  "timeliness": [
    "Timeliness",
    "响应及时性"
  ]
} as const;
