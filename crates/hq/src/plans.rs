//! Maintenance plans at HQ: one per equipment and work; the day's run makes each visit's job
//! its lead ahead, for the plan's engineer, the one who last visited the site, or the queue,
//! once per equipment, work and month; and each visit's standing, planned against done. The
//! handlers are in `api::plans`; the run is part of the day's work (`tick`).

use std::collections::HashMap;

use outpost_domain::customer::Language;
use outpost_domain::ids::{EngineerId, EquipmentId, JobId, PlanId, SiteId};
use outpost_domain::job::{Job, JobStatus, JobType};
use outpost_domain::plan::{Plan, Standing, Tally, visit_month};
use outpost_wire::dispatch::JobInput;
use outpost_wire::plans::{PlanEntry, PlanInput, PlannedEquipment, PlannedMonth, PlannedVisit};
use time::{Date, OffsetDateTime, UtcOffset};
use uuid::Uuid;

use crate::db::{Row, Tx};
use crate::dispatch;
use crate::error::{AppError, Result};
use crate::records::{self, ns};

/// Who the audit names as making a planned visit's job.
pub const MADE_BY: &str = "plan";

/// A job the day's run made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Made {
    pub number: String,
    pub job_type: JobType,
    pub due_on: Date,
    pub serial: String,
    /// The engineer's name, or none for the queue.
    pub engineer: Option<String>,
}

impl std::fmt::Display for Made {
    /// `J2612-00042 inspection 2026-12-15 HK-1 王工`: what `admin plans run` prints per job.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let who = self.engineer.as_deref().unwrap_or("(queue)");
        write!(f, "{} {} {} {} {who}", self.number, self.job_type.as_str(), self.due_on, self.serial)
    }
}

fn body(plan: &Plan) -> Result<String> {
    Ok(serde_json::to_string(&outpost_wire::plans::Plan::from(plan.clone()))?)
}

fn get(tx: &mut dyn Tx, id: PlanId) -> Result<Plan> {
    let sql = format!("SELECT body FROM plans WHERE id = $1{}", tx.for_update());
    let row = tx
        .query_opt(&sql, &[id.to_text().into()])?
        .ok_or_else(|| AppError::NotFound(format!("no plan {id}: see GET /api/v1/plans")))?;
    Ok(row.json::<outpost_wire::plans::Plan>(0)?.into())
}

fn equipment_of(tx: &mut dyn Tx, id: EquipmentId) -> Result<outpost_domain::equipment::Equipment> {
    records::equipment(tx, id).map_err(|_| AppError::invalid("equipment_id", "no such equipment"))
}

/// Makes a plan on `today`; one per equipment and work.
pub fn create(tx: &mut dyn Tx, input: &PlanInput, today: Date) -> Result<PlanEntry> {
    let equipment = equipment_of(tx, input.equipment_id)?;
    let plan = Plan::new(PlanId(Uuid::now_v7()), &equipment, input.to_domain(), today)?;
    check_engineer(tx, plan.engineer_id)?;
    let existing = tx.query_opt(
        "SELECT id FROM plans WHERE equipment_id = $1 AND job_type = $2",
        &[plan.equipment_id.to_text().into(), plan.job_type.as_str().into()],
    )?;
    if let Some(row) = existing {
        return Err(AppError::Conflict {
            code: "plan_exists",
            message: format!(
                "this equipment has a {} plan already: change it with PUT /api/v1/plans/{}",
                plan.job_type.as_str(),
                row.text(0)?
            ),
        });
    }
    tx.execute(
        "INSERT INTO plans (id, equipment_id, job_type, engineer_id, made_through, body)
         VALUES ($1, $2, $3, $4, NULL, $5)",
        &[
            plan.id.to_text().into(),
            plan.equipment_id.to_text().into(),
            plan.job_type.as_str().into(),
            plan.engineer_id.map(EngineerId::to_text).into(),
            body(&plan)?.into(),
        ],
    )?;
    entry(tx, plan.id, today)
}

/// Changes a plan (not its equipment or work); the visits made stay.
pub fn edit(tx: &mut dyn Tx, id: PlanId, input: &PlanInput, today: Date) -> Result<PlanEntry> {
    let mut plan = get(tx, id)?;
    if input.equipment_id != plan.equipment_id {
        return Err(AppError::invalid("equipment_id", "a plan stays with its equipment: make a new plan for another"));
    }
    if JobType::from(input.job_type) != plan.job_type {
        return Err(AppError::invalid("job_type", "a plan keeps its work: make a new plan for the other"));
    }
    let equipment = equipment_of(tx, plan.equipment_id)?;
    plan.edit(&equipment, input.to_domain())?;
    check_engineer(tx, plan.engineer_id)?;
    tx.execute(
        "UPDATE plans SET engineer_id = $2, body = $3 WHERE id = $1",
        &[id.to_text().into(), plan.engineer_id.map(EngineerId::to_text).into(), body(&plan)?.into()],
    )?;
    entry(tx, id, today)
}

/// Ends a plan: no more visits are made; those made stay, with their jobs.
pub fn remove(tx: &mut dyn Tx, id: PlanId) -> Result<()> {
    get(tx, id)?;
    tx.execute("DELETE FROM plans WHERE id = $1", &[id.to_text().into()])?;
    Ok(())
}

fn check_engineer(tx: &mut dyn Tx, engineer: Option<EngineerId>) -> Result<()> {
    match engineer {
        Some(e) if tx.query_opt("SELECT 1 FROM engineers WHERE id = $1", &[e.to_text().into()])?.is_none() => {
            Err(AppError::invalid("engineer_id", "no such engineer"))
        }
        _ => Ok(()),
    }
}

/// The engineer who last visited the site, for a plan that names none.
fn usual_engineer(tx: &mut dyn Tx, site: SiteId) -> Result<Option<EngineerId>> {
    tx.query_opt(
        "SELECT engineer_id FROM jobs WHERE site_id = $1 AND engineer_id IS NOT NULL AND status <> 'cancelled'
          ORDER BY scheduled_on DESC, id DESC LIMIT 1",
        &[site.to_text().into()],
    )?
    .map(|r| r.text(0)?.parse().map_err(AppError::from))
    .transpose()
}

/// What the visit's job asks for, in the customer's language.
fn asked(job_type: JobType, month: &str, language: Language) -> String {
    match (job_type, language) {
        (JobType::Maintenance, Language::ZhCn) => format!("计划保养（{month}）"),
        (JobType::Maintenance, Language::En) => format!("Planned maintenance ({month})"),
        (_, Language::ZhCn) => format!("计划巡检（{month}）"),
        (_, Language::En) => format!("Planned inspection ({month})"),
    }
}

/// The day's run: each plan's visits due within its lead of `today`, made once.
pub fn run(tx: &mut dyn Tx, today: Date, now: OffsetDateTime) -> Result<Vec<Made>> {
    let mut made = Vec::new();
    let mut names: HashMap<EngineerId, String> = HashMap::new();
    // The engineer who last visited each site, as the run began: asked once per site.
    let mut usual: HashMap<SiteId, Option<EngineerId>> = HashMap::new();
    for row in tx.query("SELECT body, made_through FROM plans ORDER BY id", &[])? {
        let plan: Plan = row.json::<outpost_wire::plans::Plan>(0)?.into();
        let made_through = row.opt_date(1)?;
        let due = plan.due_by(today, made_through);
        let Some(last) = due.last().copied() else { continue };
        let equipment = records::equipment(tx, plan.equipment_id)?;
        let language = records::customer(tx, equipment.customer_id)?.language;
        let engineer = match plan.engineer_id {
            Some(e) => Some(e),
            None => match usual.get(&equipment.site_id) {
                Some(known) => *known,
                None => {
                    let found = usual_engineer(tx, equipment.site_id)?;
                    usual.insert(equipment.site_id, found);
                    found
                }
            },
        };
        for due_on in due {
            let month = visit_month(due_on);
            let key = [plan.equipment_id.to_text().into(), plan.job_type.as_str().into(), month.as_str().into()];
            let sql = "SELECT 1 FROM planned_visits WHERE equipment_id = $1 AND job_type = $2 AND month = $3";
            if tx.query_opt(sql, &key)?.is_some() {
                continue;
            }
            let input = JobInput {
                job_type: plan.job_type,
                site_id: equipment.site_id,
                equipment_id: Some(equipment.id),
                engineer_id: engineer,
                reported_fault: asked(plan.job_type, &month, language),
                reported_at: None,
                scheduled_on: due_on,
                window_from: None,
                window_until: None,
                severity: Default::default(),
                previous_visit: None,
            };
            let job = dispatch::create_job(tx, JobId(Uuid::now_v7()), &input, MADE_BY, now)?;
            tx.execute(
                "INSERT INTO planned_visits (equipment_id, job_type, month, due_on, plan_id, job_id, made_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7)",
                &[
                    plan.equipment_id.to_text().into(),
                    plan.job_type.as_str().into(),
                    month.as_str().into(),
                    due_on.to_string().into(),
                    plan.id.to_text().into(),
                    job.id.to_text().into(),
                    ns(now).into(),
                ],
            )?;
            let engineer_name = match engineer {
                Some(e) => Some(match names.get(&e) {
                    Some(n) => n.clone(),
                    None => {
                        let n = dispatch::engineer_name(tx, e)?;
                        names.insert(e, n.clone());
                        n
                    }
                }),
                None => None,
            };
            made.push(Made {
                number: job.number,
                job_type: plan.job_type,
                due_on,
                serial: equipment.serial.clone(),
                engineer: engineer_name,
            });
        }
        tx.execute(
            "UPDATE plans SET made_through = $2 WHERE id = $1",
            &[plan.id.to_text().into(), last.to_string().into()],
        )?;
    }
    Ok(made)
}

/// A planned visit's standing from its job, days counted in `offset`.
fn standing(due_on: Date, job: &Job, today: Date, offset: UtcOffset) -> Standing {
    let finished_on = job.times.finished_at.map(|t| t.to_offset(offset).date());
    Standing::of(due_on, finished_on, job.status == JobStatus::Cancelled, today)
}

const VISITS: &str =
    "SELECT pv.plan_id, pv.equipment_id, pv.job_type, pv.due_on, j.body, e.name, eq.body, c.name, s.body
       FROM planned_visits pv
       JOIN jobs j ON j.id = pv.job_id
       JOIN equipment eq ON eq.id = pv.equipment_id
       JOIN customers c ON c.id = eq.customer_id
       JOIN sites s ON s.id = eq.site_id
       LEFT JOIN engineers e ON e.id = j.engineer_id";

fn named(row: &Row, equipment: usize) -> Result<PlannedEquipment> {
    let eq: outpost_domain::equipment::Equipment = row.json(equipment)?;
    let site: outpost_domain::customer::Site = row.json(equipment + 2)?;
    Ok(PlannedEquipment {
        customer_id: eq.customer_id.to_text(),
        customer: row.text(equipment + 1)?,
        site: site.name,
        model: format!("{} {}", eq.brand, eq.model),
        serial: eq.serial,
    })
}

fn visit(row: &Row, today: Date, offset: UtcOffset) -> Result<PlannedVisit> {
    let due_on = row.date(3)?;
    let job: Job = row.json(4)?;
    Ok(PlannedVisit {
        plan_id: row.text(0)?,
        equipment_id: row.text(1)?,
        equipment: named(row, 6)?,
        job_type: job.job_type.into(),
        due_on,
        job_id: job.id.to_text(),
        standing: standing(due_on, &job, today, offset).into(),
        job_number: job.number,
        status: job.status.into(),
        engineer: row.opt_text(5)?,
    })
}

/// A month's planned visits (`YYYY-MM`), by due day, with their tally.
pub fn month(tx: &mut dyn Tx, month: &str, today: Date, offset: UtcOffset) -> Result<PlannedMonth> {
    let sql = format!("{VISITS} WHERE pv.month = $1 ORDER BY pv.due_on, c.name, pv.equipment_id");
    let visits =
        tx.query(&sql, &[month.into()])?.iter().map(|r| visit(r, today, offset)).collect::<Result<Vec<_>>>()?;
    let tally: Tally = visits.iter().map(|v| Standing::from(v.standing)).collect();
    Ok(PlannedMonth { month: month.to_owned(), tally: tally.into(), visits })
}

/// One equipment's planned visits of a month (its inspection report's).
pub fn of_equipment(
    tx: &mut dyn Tx,
    equipment: EquipmentId,
    month: &str,
    today: Date,
    offset: UtcOffset,
) -> Result<Vec<PlannedVisit>> {
    let sql = format!("{VISITS} WHERE pv.equipment_id = $1 AND pv.month = $2 ORDER BY pv.job_type");
    tx.query(&sql, &[equipment.to_text().into(), month.into()])?.iter().map(|r| visit(r, today, offset)).collect()
}

/// Every plan, by customer and equipment, with its next visit and its tally so far.
pub fn list(tx: &mut dyn Tx, today: Date, offset: UtcOffset) -> Result<Vec<PlanEntry>> {
    entries(tx, None, today, offset)
}

fn entry(tx: &mut dyn Tx, id: PlanId, today: Date) -> Result<PlanEntry> {
    entries(tx, Some(id), today, UtcOffset::UTC)?.pop().ok_or_else(|| AppError::NotFound(format!("no plan {id}")))
}

fn entries(tx: &mut dyn Tx, only: Option<PlanId>, today: Date, offset: UtcOffset) -> Result<Vec<PlanEntry>> {
    let only = only.map(PlanId::to_text);
    let mut tallies: HashMap<String, Tally> = HashMap::new();
    let sql = format!("{VISITS} WHERE (COALESCE($1, '') = '' OR pv.plan_id = $1)");
    for row in tx.query(&sql, &[only.clone().into()])? {
        let v = visit(&row, today, offset)?;
        tallies.entry(v.plan_id).or_default().add(v.standing.into());
    }
    let rows = tx.query(
        "SELECT p.body, eq.body, c.name, s.body, e.name FROM plans p
           JOIN equipment eq ON eq.id = p.equipment_id
           JOIN customers c ON c.id = eq.customer_id
           JOIN sites s ON s.id = eq.site_id
           LEFT JOIN engineers e ON e.id = p.engineer_id
          WHERE (COALESCE($1, '') = '' OR p.id = $1)
          ORDER BY c.name, eq.id, p.job_type",
        &[only.into()],
    )?;
    rows.iter()
        .map(|r| {
            let plan: Plan = r.json::<outpost_wire::plans::Plan>(0)?.into();
            Ok(PlanEntry {
                equipment: named(r, 1)?,
                engineer: r.opt_text(4)?,
                next_due: plan.next_due(today),
                tally: tallies.remove(&plan.id.to_text()).unwrap_or_default().into(),
                plan: plan.into(),
            })
        })
        .collect()
}
