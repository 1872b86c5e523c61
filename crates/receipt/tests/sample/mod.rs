//! Sample receipts from the demo company, shared by the tests and the benchmark: a signed (or
//! draft) repair with any number of part lines.

use outpost_demo::{DemoConfig, generate};
use outpost_domain::customer::{Customer, Language, Site};
use outpost_domain::equipment::Equipment;
use outpost_domain::ids::PartLineId;
use outpost_domain::job::{Actor, Job, JobStatus};
use outpost_domain::part::{FaultOrigin, PartLine};
use outpost_domain::report::{ReportField, ServiceReport};
use outpost_domain::signature::{SignOff, sha256_hex, sign_report};
use outpost_domain::warranty::{AcceptanceMethod, QuoteAcceptance, price_job};
use outpost_receipt::{Receipt, ReceiptInput};
use time::UtcOffset;
use time::macros::datetime;

pub struct Sample {
    pub job: Job,
    pub customer: Customer,
    pub site: Site,
    pub equipment: Equipment,
    pub report: ServiceReport,
    pub parts: Vec<PartLine>,
    pub png: Vec<u8>,
}

/// A repair from the demo company with `parts` part lines, signed unless `draft`.
pub fn sample(language: Language, parts: usize, draft: bool) -> Result<Sample, Box<dyn std::error::Error>> {
    let data = generate(&DemoConfig::new(3, 80, datetime!(2026-11-23 02:00 UTC)));
    let demo = data
        .jobs
        .iter()
        .find(|j| j.job.status == JobStatus::Completed && j.job.job_type == outpost_domain::job::JobType::Repair)
        .ok_or("a completed repair")?;
    let mut job = demo.job.clone();
    let mut customer = data.customers.iter().find(|c| c.id == job.customer_id).ok_or("customer")?.clone();
    customer.language = language;
    let site = data.sites.iter().find(|s| s.id == job.site_id).ok_or("site")?.clone();
    let equipment = data.equipment.iter().find(|e| Some(e.id) == job.equipment_id).ok_or("equipment")?.clone();
    let mut report = ServiceReport::new(job.id, job.job_type, &job.reported_fault);
    for (field, value) in outpost_demo::REPAIR_REPORT {
        report.set(field, value)?;
    }
    report.set(ReportField::TestsDone, "满载运行 30 分钟，排气温度稳定在 85°C；Full-load run for 30 minutes")?;
    report.set(ReportField::CustomerOpinion, "服务及时，态度很好")?;
    report.set_satisfaction(demo.report.as_ref().and_then(|r| r.satisfaction.clone()).ok_or("ratings")?)?;
    let lines: Vec<PartLine> = (0..parts)
        .map(|i| {
            let part = &data.parts[i % data.parts.len()];
            let origin = if i % 3 == 0 { FaultOrigin::Misuse } else { FaultOrigin::Quality };
            PartLine::new(PartLineId(uuid_for(i)), job.id, part, (i % 3 + 1) as i64, origin)
        })
        .collect::<Result<_, _>>()?;
    if lines.is_empty() {
        report.set(ReportField::PartsReplaced, "none")?;
    }
    let png = outpost_demo::SIGNATURE_PNG.to_vec();
    if !draft {
        let warranty = equipment.warranty_on(job.scheduled_on);
        let quote = price_job(&data.policy, warranty, &lines, report.labour_minutes.unwrap_or(0))?;
        if quote.needs_acceptance() {
            report.accept_quote(QuoteAcceptance::of(
                &quote,
                "李经理",
                datetime!(2026-11-23 03:00 UTC),
                AcceptanceMethod::Confirmation,
            )?)?;
        }
        let sign_off = SignOff {
            signer_name: "李经理",
            image_sha256: &sha256_hex(&png),
            strokes_sha256: None,
            at: datetime!(2026-11-23 03:10 UTC),
        };
        let engineer = job.engineer_id.ok_or("engineer")?;
        sign_report(&mut job, &mut report, &lines, &quote, Actor::Engineer(engineer), sign_off)?;
    }
    Ok(Sample { job, customer, site, equipment, report, parts: lines, png })
}

fn uuid_for(i: usize) -> uuid::Uuid {
    uuid::Uuid::from_u128(0x01a2_0000_0000_7000_8000_0000_0000_0000 + i as u128)
}

pub fn receipt(s: &Sample, language: Language) -> Result<Receipt, Box<dyn std::error::Error>> {
    let data_policy = outpost_domain::warranty::ChargingPolicy::default_for(outpost_domain::money::Currency::CNY);
    let warranty = s.equipment.warranty_on(s.job.scheduled_on);
    let quote = price_job(&data_policy, warranty, &s.parts, s.report.labour_minutes.unwrap_or(0))?;
    let company = generate(&DemoConfig::new(1, 1, datetime!(2026-11-23 02:00 UTC))).company;
    let input = ReceiptInput {
        company: &company,
        job: &s.job,
        customer: &s.customer,
        site: &s.site,
        equipment: Some(&s.equipment),
        warranty,
        report: &s.report,
        quote: &quote,
        engineer: "王建国",
        signature_png: s.report.is_signed().then_some(s.png.as_slice()),
        offset: UtcOffset::from_hms(8, 0, 0)?,
    };
    Ok(Receipt::build(&input, language))
}
