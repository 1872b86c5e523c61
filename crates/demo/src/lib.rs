//! Realistic bilingual demo data at any size: customers (Chinese and English), sites, equipment
//! with serials and warranty dates, a parts catalogue with prices, and jobs of every type in
//! every state. Every job is driven through the domain's own rules (transitions, reports,
//! pricing, signing), so demo data is never in a state the app could not reach itself.

mod rng;
mod visit;
mod words;

use outpost_domain::company::CompanyProfile;
use outpost_domain::customer::{Contact, Customer, Language, Site};
use outpost_domain::equipment::{Equipment, EquipmentInput};
use outpost_domain::ids::*;
use outpost_domain::job::{Job, JobEvent, JobStatus, JobType, NewJob, Severity, Window, job_number};
use outpost_domain::money::{Currency, Money};
use outpost_domain::part::{Part, PartClass, PartLine};
use outpost_domain::report::{ReportField, ServiceReport};
use outpost_domain::warranty::ChargingPolicy;
use time::{Date, Duration, OffsetDateTime, Time, UtcOffset};
use uuid::Uuid;

pub use rng::Rng;
use words::*;

/// The text fields of a finished repair report (parts not included), as an engineer fills
/// them: the fixture tests across the crates share.
pub const REPAIR_REPORT: [(ReportField, &str); 6] = [
    (ReportField::SymptomFound, "排气温度112°C"),
    (ReportField::FaultCause, "冷却风扇电机烧毁"),
    (ReportField::Solution, "更换风扇电机"),
    (ReportField::TestsDone, "满载运行30分钟"),
    (ReportField::Result, "resolved"),
    (ReportField::CustomerOpinion, "满意"),
];

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct DemoConfig {
    pub seed: u64,
    pub jobs: usize,
    pub engineers: usize,
    /// The moment "now" of the demo; today's jobs are on its local date.
    pub now: OffsetDateTime,
    /// The local time zone of the engineers (China: +08:00).
    pub utc_offset: UtcOffset,
}

impl DemoConfig {
    /// `jobs` jobs for one engineer around `now`, in China's time zone.
    pub fn new(seed: u64, jobs: usize, now: OffsetDateTime) -> DemoConfig {
        DemoConfig { seed, jobs, engineers: 1, now, utc_offset: UtcOffset::from_hms(8, 0, 0).unwrap_or(UtcOffset::UTC) }
    }
}

/// A demo engineer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DemoEngineer {
    pub id: EngineerId,
    pub name: String,
}

/// A job with what happened to it so far.
#[derive(Debug, Clone)]
pub struct DemoJob {
    pub job: Job,
    pub events: Vec<JobEvent>,
    pub report: Option<ServiceReport>,
    pub parts: Vec<PartLine>,
}

/// A whole demo company.
#[derive(Debug, Clone)]
pub struct DemoData {
    pub engineers: Vec<DemoEngineer>,
    pub policy: ChargingPolicy,
    /// The receipt header.
    pub company: CompanyProfile,
    pub customers: Vec<Customer>,
    pub sites: Vec<Site>,
    pub equipment: Vec<Equipment>,
    pub parts: Vec<Part>,
    pub jobs: Vec<DemoJob>,
}

/// The demo company's logo (the Outpost mark, 96 px).
static LOGO_PNG: &[u8] = include_bytes!("../../../assets/logo.png");

/// The one signature every demo customer signs with (a scribble, 360 × 120 px).
pub static SIGNATURE_PNG: &[u8] = include_bytes!("../../../assets/demo-signature.png");

/// Generates the demo data for a configuration; the same configuration gives the same data.
pub fn generate(cfg: &DemoConfig) -> DemoData {
    let mut g =
        Generator { rng: Rng::new(cfg.seed), cfg: *cfg, clock_ms: cfg.now.unix_timestamp().unsigned_abs() * 1000 };
    let engineers = (0..cfg.engineers.max(1)).map(|i| g.engineer(i)).collect::<Vec<_>>();
    let parts = g.parts();
    let customer_count = (cfg.jobs / 25).max(8);
    let mut customers = Vec::new();
    let mut sites = Vec::new();
    let mut equipment = Vec::new();
    for _ in 0..customer_count {
        let customer = g.customer();
        for _ in 0..g.rng.range(1, 2) {
            let site = g.site(&customer);
            for _ in 0..g.rng.range(1, 3) {
                equipment.push(g.equipment(&customer, &site));
            }
            sites.push(site);
        }
        customers.push(customer);
    }
    let policy = ChargingPolicy::default_for(Currency::CNY);
    let jobs = (0..cfg.jobs)
        .map(|i| {
            let e = g.rng.pick(&equipment).clone();
            let engineer = &engineers[i % engineers.len()];
            let customer = customers.iter().find(|c| c.id == e.customer_id).unwrap_or(&customers[0]);
            g.job(i, engineer, customer, &e, &parts, &policy)
        })
        .collect();
    let company = CompanyProfile {
        name: "山东宏力机电设备有限公司 Hongli Service".into(),
        hotline: "400-800-1234".into(),
        logo_png: Some(LOGO_PNG.to_vec()),
    };
    DemoData { engineers, policy, company, customers, sites, equipment, parts, jobs }
}

struct Generator {
    rng: Rng,
    cfg: DemoConfig,
    clock_ms: u64,
}

/// The states every type of job is shown in, cycled through by the first jobs.
const STATES: [JobStatus; 9] = JobStatus::ALL;

impl Generator {
    fn uuid(&mut self) -> Uuid {
        self.clock_ms += 1;
        let bytes = self.rng.bytes16();
        let mut tail = [0u8; 10];
        tail.copy_from_slice(&bytes[..10]);
        uuid::Builder::from_unix_timestamp_millis(self.clock_ms, &tail).into_uuid()
    }

    fn chinese(&mut self) -> bool {
        self.rng.chance(70)
    }

    fn person(&mut self, chinese: bool) -> String {
        if chinese {
            format!("{}{}", self.rng.pick(CN_SURNAMES), self.rng.pick(CN_GIVEN))
        } else {
            format!("{} {}", self.rng.pick(EN_FIRST), self.rng.pick(EN_LAST))
        }
    }

    fn engineer(&mut self, i: usize) -> DemoEngineer {
        let name = if i == 0 { "王建国".to_owned() } else { self.person(i % 3 != 2) };
        DemoEngineer { id: EngineerId(self.uuid()), name }
    }

    fn parts(&mut self) -> Vec<Part> {
        let mut out = Vec::new();
        for (n, (prefix, zh, en, consumable)) in PARTS.iter().enumerate() {
            for variant in 0..6 {
                let cost = self.rng.range(20, 2_500) * 100;
                let price = cost + cost * self.rng.range(20, 60) / 100;
                let code = format!("{prefix}-{:04}", n * 100 + variant * 7 + 1);
                let name = format!("{zh} {en}");
                let spec = format!("{}-{}", self.rng.pick(MACHINES).1, variant + 1);
                let money = |m| Money::new(m, Currency::CNY).unwrap_or(Money::zero(Currency::CNY));
                if let Ok(p) = Part::new(PartId(self.uuid()), &code, &name, &spec, money(cost), money(price)) {
                    let class = if *consumable { PartClass::Consumable } else { PartClass::Repair };
                    out.push(p.of_class(class));
                }
            }
        }
        out
    }

    fn customer(&mut self) -> Customer {
        let chinese = self.chinese();
        let name = if chinese {
            format!("{}{}{}", self.rng.pick(CN_CITIES), self.rng.pick(CN_WORDS), self.rng.pick(CN_KINDS))
        } else {
            format!("{} {}", self.rng.pick(EN_WORDS), self.rng.pick(EN_KINDS))
        };
        let language = if chinese { Language::ZhCn } else { Language::En };
        let mut customer =
            Customer::new(CustomerId(self.uuid()), &name, language).expect("demo words make a valid customer");
        for _ in 0..self.rng.range(1, 3) {
            let person = self.person(chinese);
            let phone = if chinese {
                format!("13{}{:08}", self.rng.range(0, 9), self.rng.below(100_000_000))
            } else {
                format!("+49 {} {:07}", self.rng.range(30, 89), self.rng.below(10_000_000))
            };
            let role = if chinese { *self.rng.pick(CN_ROLES) } else { *self.rng.pick(EN_ROLES) };
            if let Ok(c) = Contact::new(ContactId(self.uuid()), &person, &phone, role) {
                customer.contacts.push(c);
            }
        }
        customer
    }

    fn site(&mut self, customer: &Customer) -> Site {
        let chinese = customer.language == Language::ZhCn;
        let (name, address, directions) = if chinese {
            let city = *self.rng.pick(CN_CITIES);
            (
                format!("{city}{}", if self.rng.chance(50) { "一厂" } else { "二号车间" }),
                format!("{city}市{}{}号", self.rng.pick(CN_STREETS), self.rng.range(1, 999)),
                *self.rng.pick(CN_DIRECTIONS),
            )
        } else {
            (
                format!("{} site", self.rng.pick(EN_WORDS)),
                format!("{} {}, {}", self.rng.range(1, 200), self.rng.pick(EN_STREETS), self.rng.pick(EN_WORDS)),
                *self.rng.pick(EN_DIRECTIONS),
            )
        };
        Site::new(SiteId(self.uuid()), customer.id, &name, &address, directions).expect("demo words make a valid site")
    }

    fn equipment(&mut self, customer: &Customer, site: &Site) -> Equipment {
        let (brand, model_code, kind_zh, kind_en) = *self.rng.pick(MACHINES);
        let kind = if customer.language == Language::ZhCn { kind_zh } else { kind_en };
        let model = format!("{model_code} {kind}");
        let today = self.cfg.now.date();
        let accepted = today - Duration::days(self.rng.range(30, 4 * 365));
        let installed = accepted - Duration::days(self.rng.range(3, 20));
        let serial = format!("{}-{}-{:06}", model_code.replace('-', ""), accepted.year(), self.rng.below(1_000_000));
        let software = format!("v{}.{}.{}", self.rng.range(1, 4), self.rng.range(0, 9), self.rng.range(0, 20));
        let input = EquipmentInput {
            brand,
            model: &model,
            serial: &serial,
            installed_on: Some(installed),
            accepted_on: Some(accepted),
            warranty_end: None,
            software_version: &software,
            connection_notes: "Modbus RTU 9600 8N1, 站号 1",
        };
        let id = EquipmentId(self.uuid());
        Equipment::new(id, customer.id, site.id, input).expect("demo words make valid equipment")
    }

    fn local(&self, day: Date, hour: u8, minute: u8) -> OffsetDateTime {
        let time = Time::from_hms(hour.min(23), minute.min(59), 0).unwrap_or(Time::MIDNIGHT);
        day.with_time(time).assume_offset(self.cfg.utc_offset).to_offset(UtcOffset::UTC)
    }

    fn job(
        &mut self,
        i: usize,
        engineer: &DemoEngineer,
        customer: &Customer,
        equipment: &Equipment,
        parts: &[Part],
        policy: &ChargingPolicy,
    ) -> DemoJob {
        let today = self.cfg.now.to_offset(self.cfg.utc_offset).date();
        let combos = JobType::ALL.len() * STATES.len();
        let (job_type, target, offset) = if i < 6 {
            let today_states = [
                JobStatus::Completed,
                JobStatus::OnSite,
                JobStatus::EnRoute,
                JobStatus::Assigned,
                JobStatus::Assigned,
                JobStatus::Signed,
            ];
            (if i % 3 == 2 { JobType::Maintenance } else { JobType::Repair }, today_states[i], 0)
        } else if i < 6 + combos {
            let k = i - 6;
            let t = JobType::ALL[k % JobType::ALL.len()];
            let s = STATES[k / JobType::ALL.len()];
            let offset = if s == JobStatus::Assigned { self.rng.range(1, 10) } else { -self.rng.range(1, 20) };
            (t, s, offset)
        } else {
            let t = *self.rng.pick(&[
                JobType::Repair,
                JobType::Repair,
                JobType::Repair,
                JobType::Maintenance,
                JobType::Inspection,
                JobType::Installation,
                JobType::Callback,
            ]);
            if self.rng.chance(15) {
                let s = if self.rng.chance(4) { JobStatus::Cancelled } else { JobStatus::Assigned };
                (t, s, self.rng.range(1, 21))
            } else {
                let roll = self.rng.below(100);
                let s = match roll {
                    0..=69 => JobStatus::Closed,
                    70..=79 => JobStatus::Departed,
                    80..=84 => JobStatus::Signed,
                    85..=89 => JobStatus::Cancelled,
                    90..=94 => JobStatus::Unresolved,
                    _ => JobStatus::Assigned,
                };
                (t, s, -self.rng.range(1, 365))
            }
        };
        let day = today + Duration::days(offset);
        let start_hour = u8::try_from(self.rng.range(8, 15)).unwrap_or(9);
        let window = Window::new(self.local(day, start_hour, 0), self.local(day, start_hour + 3, 0)).ok();
        let (fault_zh, fault_en) = *self.rng.pick(FAULTS);
        let chinese = customer.language == Language::ZhCn;
        let reported_fault = match job_type {
            JobType::Repair => (if chinese { fault_zh } else { fault_en }).to_owned(),
            JobType::Installation => (if chinese {
                "新设备安装调试及操作培训"
            } else {
                "Install, commission and train operators"
            })
            .to_owned(),
            JobType::Inspection => (if chinese { "季度巡检" } else { "Quarterly inspection" }).to_owned(),
            JobType::Maintenance => (if chinese {
                "半年保养：更换三滤，检查皮带"
            } else {
                "Semi-annual maintenance: filters, belts"
            })
            .to_owned(),
            JobType::Callback => (if chinese { "维修后回访" } else { "Follow-up call after repair" }).to_owned(),
        };
        let new = NewJob {
            job_type,
            severity: if self.rng.chance(20) { Severity::Major } else { Severity::Common },
            customer_id: customer.id,
            site_id: equipment.site_id,
            equipment_id: Some(equipment.id),
            engineer_id: Some(engineer.id),
            reported_fault: &reported_fault,
            reported_at: self.local(day - Duration::days(1), 16, 30),
            scheduled_on: day,
            window,
        };
        let mut job = Job::new(JobId(self.uuid()), job_number(day, i as i64 + 1), new).expect("demo jobs are valid");
        let mut demo = DemoJob { job: job.clone(), events: Vec::new(), report: None, parts: Vec::new() };
        let start = window.map_or(self.local(day, 9, 0), |w| w.from);
        self.drive(&mut demo, &mut job, target, start, chinese, equipment, parts, policy);
        demo.job = job;
        demo
    }
}

#[cfg(test)]
mod tests;
