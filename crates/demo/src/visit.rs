//! Each demo job driven through the domain's own rules to its target state: moves, report,
//! parts, quote, survey and signature.

use outpost_domain::equipment::Equipment;
use outpost_domain::ids::*;
use outpost_domain::job::{Actor, Job, JobEvent, JobStatus, JobType, MoveDetails};
use outpost_domain::part::{FaultOrigin, Part, PartLine};
use outpost_domain::rating::{Dimension, Rating, Ratings, Satisfaction};
use outpost_domain::report::{CheckState, ReportField, ServiceReport};
use outpost_domain::signature::{SignOff, sha256_hex, sign_report};
use outpost_domain::warranty::{AcceptanceMethod, ChargingPolicy, QuoteAcceptance, price_job};
use time::{Duration, OffsetDateTime};
use uuid::Uuid;

use crate::words::*;

use super::{DemoJob, Generator, SIGNATURE_PNG};

impl Generator {
    #[allow(clippy::too_many_arguments)]
    pub(super) fn drive(
        &mut self,
        demo: &mut DemoJob,
        job: &mut Job,
        target: JobStatus,
        start: OffsetDateTime,
        chinese: bool,
        equipment: &Equipment,
        parts: &[Part],
        policy: &ChargingPolicy,
    ) {
        let me = Actor::Engineer(job.engineer_id.unwrap_or(EngineerId(Uuid::nil())));
        let mut at = start - Duration::minutes(self.rng.range(20, 60));
        if target == JobStatus::Cancelled {
            let reason = if chinese { "客户改期，取消本次派工" } else { "Customer postponed the visit" };
            step(
                &mut demo.events,
                job,
                JobStatus::Cancelled,
                Actor::Hq,
                at,
                MoveDetails { reason: Some(reason.into()), ..Default::default() },
            );
            return;
        }
        if target == JobStatus::Assigned {
            return;
        }
        step(&mut demo.events, job, JobStatus::EnRoute, me, at, MoveDetails::default());
        if target == JobStatus::EnRoute {
            return;
        }
        let latest = if self.rng.chance(85) { 150 } else { 260 };
        at = start + Duration::minutes(self.rng.range(-10, latest));
        step(&mut demo.events, job, JobStatus::OnSite, me, at, MoveDetails::default());
        if target == JobStatus::OnSite {
            return;
        }
        // On site: the report and parts.
        let mut report = ServiceReport::new(job.id, job.job_type, &job.reported_fault);
        let lines = self.part_lines(job, parts);
        self.fill_report(&mut report, chinese, !lines.is_empty());
        at += Duration::minutes(self.rng.range(20, 150));
        let unresolved = target == JobStatus::Unresolved;
        if unresolved {
            let reason = if chinese {
                "需要更换主机，等待厂家发货"
            } else {
                "Airend must be replaced; waiting for the factory"
            };
            let promised_on = at.date() + Duration::days(self.rng.range(2, 10));
            let details =
                MoveDetails { reason: Some(reason.into()), promised_on: Some(promised_on), ..Default::default() };
            step(&mut demo.events, job, JobStatus::Unresolved, me, at, details);
            report.set(ReportField::Result, "needs_parts").expect("a valid result");
        } else {
            step(&mut demo.events, job, JobStatus::Completed, me, at, MoveDetails::default());
        }
        demo.parts = lines;
        if matches!(target, JobStatus::Completed | JobStatus::Unresolved) {
            demo.report = Some(report);
            return;
        }
        // Sign: accept any charge first, then the customer signs; a visit that cannot be
        // priced stays completed (it cannot be signed, so it cannot be left either).
        let warranty = equipment.warranty_on(at.date());
        let Ok(quote) = price_job(policy, warranty, &demo.parts, report.labour_minutes.unwrap_or(0)) else {
            demo.report = Some(report);
            return;
        };
        if quote.needs_acceptance() {
            let who = self.person(chinese);
            if let Ok(a) = QuoteAcceptance::of(&quote, &who, at, AcceptanceMethod::Confirmation) {
                report.accept_quote(a).expect("an unsigned report");
            }
        }
        at += Duration::minutes(self.rng.range(5, 20));
        let signer = self.person(chinese);
        let image = sha256_hex(SIGNATURE_PNG);
        let sign_off = SignOff { signer_name: &signer, image_sha256: &image, strokes_sha256: None, at };
        let event =
            sign_report(job, &mut report, &demo.parts, &quote, me, sign_off).expect("demo reports are complete");
        demo.events.push(event);
        demo.report = Some(report);
        if target == JobStatus::Signed {
            return;
        }
        at += Duration::minutes(self.rng.range(5, 30));
        step(&mut demo.events, job, JobStatus::Departed, me, at, MoveDetails::default());
        if target == JobStatus::Departed {
            return;
        }
        at += Duration::days(self.rng.range(1, 5));
        step(&mut demo.events, job, JobStatus::Closed, Actor::Hq, at, MoveDetails::default());
    }

    fn part_lines(&mut self, job: &Job, parts: &[Part]) -> Vec<PartLine> {
        if !matches!(job.job_type, JobType::Repair | JobType::Maintenance) || self.rng.chance(40) {
            return Vec::new();
        }
        (0..self.rng.range(1, 3))
            .filter_map(|_| {
                let part = self.rng.pick(parts).clone();
                let origin = if self.rng.chance(15) { FaultOrigin::Misuse } else { FaultOrigin::Quality };
                PartLine::new(PartLineId(self.uuid()), job.id, &part, self.rng.range(1, 4), origin).ok()
            })
            .collect()
    }

    fn fill_report(&mut self, report: &mut ServiceReport, chinese: bool, has_parts: bool) {
        let (cause_zh, fix_zh, cause_en, fix_en) = *self.rng.pick(FIXES);
        let (cause, fix) = if chinese { (cause_zh, fix_zh) } else { (cause_en, fix_en) };
        let text = |zh: &'static str, en: &'static str| if chinese { zh } else { en };
        let minutes = self.rng.range(30, 240).to_string();
        let trainee_signature = sha256_hex(SIGNATURE_PNG);
        let mut fields = vec![
            (ReportField::SymptomFound, text("现场确认故障现象与报修一致", "Confirmed the reported symptom on site")),
            (ReportField::FaultCause, cause),
            (ReportField::Solution, fix),
            (
                ReportField::WorkDone,
                text(
                    "更换三滤，检查皮带及电气接线，紧固螺栓",
                    "Replaced filters, checked belts and wiring, tightened bolts",
                ),
            ),
            (
                ReportField::TestsDone,
                text("满载运行30分钟，各项参数正常", "Ran at full load for 30 minutes, all readings normal"),
            ),
            (ReportField::Result, "resolved"),
            (ReportField::Acceptance, "passed"),
            (ReportField::TraineeName, text("李操作工", "Tom Baker")),
            (ReportField::TraineeSignature, &trainee_signature),
            (ReportField::CallbackNotes, text("电话回访，设备运行正常", "Called the customer, machine runs fine")),
            (ReportField::CustomerOpinion, text("服务及时，态度很好", "Quick and friendly service")),
            (ReportField::LabourMinutes, &minutes),
        ];
        if !has_parts {
            fields.push((ReportField::PartsReplaced, "none"));
        }
        for (field, value) in fields {
            report.set(field, value).expect("demo report fields are valid");
        }
        let keys: Vec<String> = report.checklist.iter().map(|c| c.key.clone()).collect();
        for key in keys {
            let issue = self.rng.chance(10);
            let state = if issue { CheckState::Issue } else { CheckState::Ok };
            let note = if issue { text("接地线松动，已紧固", "Loose earth wire, tightened") } else { "" };
            report.set_check(&key, state, note).expect("demo checks are valid");
        }
        let satisfaction = if self.rng.chance(5) {
            Satisfaction::Declined { at: self.cfg.now }
        } else {
            let mut ratings = Ratings::default();
            let unhappy = self.rng.chance(8);
            for d in Dimension::ALL {
                let v = if unhappy { self.rng.range(1, 3) } else { self.rng.range(4, 5) };
                if let Ok(r) = Rating::new(v) {
                    ratings.set(d, r);
                }
            }
            Satisfaction::Rated { ratings, comment: None }
        };
        report.set_satisfaction(satisfaction).expect("an unsigned report");
    }
}

fn step(
    events: &mut Vec<JobEvent>,
    job: &mut Job,
    to: JobStatus,
    actor: Actor,
    at: OffsetDateTime,
    details: MoveDetails,
) {
    let event = job.transition(to, actor, at, details).expect("demo jobs follow the state machine");
    events.push(event);
}
