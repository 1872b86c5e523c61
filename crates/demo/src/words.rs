//! The vocabulary demo data is made from: Chinese and English names, places, machines, faults.

pub const CN_CITIES: &[&str] =
    &["济南", "青岛", "潍坊", "淄博", "烟台", "临沂", "德州", "石家庄", "郑州", "合肥", "徐州", "保定"];
pub const CN_WORDS: &[&str] =
    &["恒丰", "鑫达", "华瑞", "金牛", "丰源", "宏图", "长青", "瑞祥", "绿野", "东方", "永盛", "天成", "润泽", "安泰"];
pub const CN_KINDS: &[&str] = &[
    "机械制造有限公司",
    "食品有限公司",
    "农业合作社",
    "牧业有限公司",
    "塑胶制品厂",
    "纺织有限公司",
    "建材有限公司",
    "家庭农场",
    "饲料有限公司",
    "化工有限公司",
];
pub const EN_WORDS: &[&str] = &[
    "Greenfield",
    "Riverside",
    "Northgate",
    "Oakridge",
    "Silverline",
    "Harbour",
    "Meadowbrook",
    "Stonebridge",
    "Westfield",
    "Brightwater",
];
pub const EN_KINDS: &[&str] = &[
    "Dairy Farm",
    "Plastics Ltd",
    "Foods Co.",
    "Precision Works",
    "Agri Cooperative",
    "Packaging GmbH",
    "Mills Ltd",
    "Textiles Inc.",
];
pub const CN_SURNAMES: &[&str] = &["王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙"];
pub const CN_GIVEN: &[&str] =
    &["建国", "伟", "芳", "娜", "敏", "静", "强", "磊", "洋", "勇", "艳", "军", "杰", "涛", "明"];
pub const EN_FIRST: &[&str] = &["Anna", "Ben", "Clara", "David", "Emma", "Felix", "Grace", "Henry", "Julia", "Lukas"];
pub const EN_LAST: &[&str] = &["Smith", "Müller", "Brown", "Schneider", "Taylor", "Fischer", "Wilson", "Weber"];
pub const CN_ROLES: &[&str] = &["设备科长", "厂长", "维修班长", "采购经理", "场长"];
pub const EN_ROLES: &[&str] = &["Maintenance lead", "Plant manager", "Farm manager", "Purchasing"];
pub const CN_STREETS: &[&str] = &["经十路", "工业北路", "开发区创业大道", "高新区科技路", "农场东路", "港城大道"];
pub const EN_STREETS: &[&str] = &["Mill Road", "Station Street", "Industrial Park Way", "Farm Lane", "Harbour Drive"];
pub const CN_DIRECTIONS: &[&str] = &[
    "从东门进，过地磅右转第二个车间",
    "导航到村委会后往北1公里，看到蓝色料仓即到",
    "走货运入口，门卫处登记",
    "厂区西北角空压机房",
];
pub const EN_DIRECTIONS: &[&str] = &[
    "Enter by the north gate, sign in at reception",
    "Second barn past the silos",
    "Loading bay 3, ring the bell",
    "Follow the signs to the compressor house",
];

/// Machines: brand, model prefix, what it is (zh), what it is (en).
pub const MACHINES: &[(&str, &str, &str, &str)] = &[
    ("宏力 Hongli", "HL-37A", "螺杆空压机", "screw compressor"),
    ("Northstar", "NS-200", "挤奶机组", "milking unit"),
    ("金禄 Jinlu", "JL-TMR12", "TMR饲料搅拌机", "TMR feed mixer"),
    ("Tianyu", "TY-IM280", "注塑机", "injection moulding machine"),
    ("宏力 Hongli", "HL-D55", "冷干机", "refrigerated dryer"),
    ("Polaris", "PX-40", "冷库机组", "cold-room refrigeration unit"),
    ("金禄 Jinlu", "JL-G15", "柴油发电机组", "diesel generator set"),
];

/// Faults as reported: (zh, en).
pub const FAULTS: &[(&str, &str)] = &[
    ("排气温度高，自动停机", "High discharge temperature, trips out"),
    ("开机后压力上不去", "Pressure does not build up after start"),
    ("运行中有异响", "Abnormal noise while running"),
    ("控制面板报警 E05", "Control panel shows alarm E05"),
    ("漏油严重", "Heavy oil leak"),
    ("真空度不够，挤奶时间变长", "Vacuum too low, milking takes longer"),
    ("电机过载跳闸", "Motor overload trips"),
    ("无法启动", "Will not start"),
];

/// Causes and solutions: (cause zh, solution zh, cause en, solution en).
pub const FIXES: &[(&str, &str, &str, &str)] = &[
    (
        "冷却风扇电机烧毁",
        "更换风扇电机并清洁散热器",
        "Cooling fan motor burnt out",
        "Replaced the fan motor, cleaned the cooler",
    ),
    ("进气阀卡滞", "拆洗进气阀，更换密封件", "Inlet valve sticking", "Cleaned the inlet valve, replaced the seals"),
    ("轴承磨损", "更换主机轴承", "Worn bearing", "Replaced the main bearing"),
    ("温度传感器故障", "更换温度传感器并校准", "Faulty temperature sensor", "Replaced and calibrated the sensor"),
    ("油封老化", "更换油封，补充润滑油", "Aged oil seal", "Replaced the oil seal, topped up the oil"),
    ("真空泵皮带松动", "调整皮带张紧度", "Vacuum pump belt loose", "Re-tensioned the belt"),
];

/// Parts: (code prefix, name zh, name en, consumable): filters, belts, liners and seals wear out
/// and are changed at maintenance (易耗件); the rest replace a part that failed.
pub const PARTS: &[(&str, &str, &str, bool)] = &[
    ("FLT", "空气滤芯", "Air filter element", true),
    ("OFL", "油滤", "Oil filter", true),
    ("SEP", "油气分离器", "Oil separator", true),
    ("BRG", "轴承", "Bearing", false),
    ("SEN", "温度传感器", "Temperature sensor", false),
    ("MOT", "风扇电机", "Fan motor", false),
    ("VLV", "进气阀", "Inlet valve", false),
    ("SEL", "密封件套装", "Seal kit", true),
    ("BLT", "皮带", "Drive belt", true),
    ("LNR", "奶杯内衬", "Teat cup liner", true),
];
