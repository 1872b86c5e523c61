//! The two sides of the fixture: the dispatcher entering calls at HQ over its API, and the
//! engineer working a visit on the laptop's store, each step at its own device time.

use outpost_domain::ids::JobId;
use outpost_domain::job::{JobStatus, LeftUnsigned, MoveDetails, UnsignedReason};
use outpost_domain::kpi::Kpis;
use outpost_domain::rating::Dimension;
use outpost_domain::report::ReportField;
use outpost_store::Store;
use outpost_tests::harness::{BoxError, Hq};
use serde_json::{Value, json};
use time::{Date, Duration, OffsetDateTime};

const SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\nsignature strokes";

/// The dispatcher's side: one customer's site with 25 units, the engineers, the calls entered.
pub struct Desk {
    http: reqwest::blocking::Client,
    url: String,
    token: String,
    site: String,
    equipment: Vec<String>,
    pub wang: String,
    pub huang: String,
}

/// A call as the dispatcher enters it.
pub struct Call<'a> {
    pub job_type: &'a str,
    pub equipment: Option<usize>,
    pub engineer: Option<&'a str>,
    pub reported_at: OffsetDateTime,
    pub scheduled_on: Date,
    pub window: Option<(OffsetDateTime, OffsetDateTime)>,
    pub previous: Option<JobId>,
}

impl Call<'_> {
    pub fn without_window(self) -> Self {
        Call { window: None, ..self }
    }
}

impl Desk {
    pub fn open(hq: &Hq) -> Result<Desk, BoxError> {
        let mut desk = Desk {
            http: reqwest::blocking::Client::new(),
            url: hq.url.clone(),
            token: hq.dispatcher()?,
            site: String::new(),
            equipment: Vec::new(),
            wang: String::new(),
            huang: String::new(),
        };
        let engineers = desk.send(reqwest::Method::GET, "/api/v1/engineers", None)?;
        let id = |name: &str| -> Result<String, BoxError> {
            let found = engineers.as_array().and_then(|l| l.iter().find(|e| e["name"] == name));
            Ok(found.and_then(|e| e["id"].as_str()).ok_or(name.to_owned())?.to_owned())
        };
        (desk.wang, desk.huang) = (id("王建国")?, id("黄艳")?);
        let customer = desk.post(
            "/api/v1/customers",
            json!({"name": "淄博鲁中化工有限公司", "language": "zh-CN", "contacts": [{"name": "赵科长", "phone": "0533-7777 1234"}]}),
        )?;
        let site = desk.post(
            "/api/v1/sites",
            json!({"customer_id": customer["id"], "name": "二厂", "address": "淄博市张店区华光路8号"}),
        )?;
        desk.site = site["id"].as_str().ok_or("a site id")?.to_owned();
        for n in 0..25 {
            let unit = desk.post(
                "/api/v1/equipment",
                json!({"site_id": desk.site, "brand": "宏力 Hongli", "model": "HL-37A 螺杆空压机",
                       "serial": format!("HL37A-KPI-{n:03}"), "accepted_on": "2024-01-05"}),
            )?;
            desk.equipment.push(unit["id"].as_str().ok_or("an equipment id")?.to_owned());
        }
        Ok(desk)
    }

    pub fn send(&self, method: reqwest::Method, path: &str, body: Option<Value>) -> Result<Value, BoxError> {
        let mut request = self.http.request(method, format!("{}{path}", self.url)).bearer_auth(&self.token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let answer = request.send()?;
        let status = answer.status();
        let body: Value = answer.json()?;
        if !status.is_success() {
            return Err(format!("{path}: {status} {body}").into());
        }
        Ok(body)
    }

    /// The bytes of a GET (a CSV, a workbook, a PDF).
    pub fn bytes(&self, path: &str) -> Result<Vec<u8>, BoxError> {
        let answer = self.http.get(format!("{}{path}", self.url)).bearer_auth(&self.token).send()?;
        let status = answer.status();
        let bytes = answer.bytes()?.to_vec();
        if !status.is_success() {
            return Err(format!("{path}: {status} {}", String::from_utf8_lossy(&bytes)).into());
        }
        Ok(bytes)
    }

    pub fn post(&self, path: &str, body: Value) -> Result<Value, BoxError> {
        self.send(reqwest::Method::POST, path, Some(body))
    }

    pub fn enter(&self, call: Call) -> Result<JobId, BoxError> {
        let rfc = |t: OffsetDateTime| t.format(&time::format_description::well_known::Rfc3339);
        let mut body = json!({
            "job_type": call.job_type, "site_id": self.site, "reported_fault": "排气温度高，自动停机",
            "reported_at": rfc(call.reported_at)?, "scheduled_on": call.scheduled_on.to_string(),
        });
        if let Some(n) = call.equipment {
            body["equipment_id"] = json!(self.equipment[n]);
        }
        if let Some(e) = call.engineer {
            body["engineer_id"] = json!(e);
        }
        if let Some((from, until)) = call.window {
            (body["window_from"], body["window_until"]) = (json!(rfc(from)?), json!(rfc(until)?));
        }
        if let Some(p) = call.previous {
            body["previous_visit"] = json!(p.to_text());
        }
        let job = self.post("/api/v1/jobs", body)?;
        Ok(job["id"].as_str().ok_or("a job id")?.parse()?)
    }

    pub fn kpis(&self, (year, month): (i32, u8), engineer: Option<&str>) -> Result<Kpis, BoxError> {
        let whose = engineer.map(|e| format!("&engineer_id={e}")).unwrap_or_default();
        let path = format!("/api/v1/kpis?month={year:04}-{month:02}{whose}");
        Ok(serde_json::from_value(self.send(reqwest::Method::GET, &path, None)?)?)
    }
}

/// The engineer's side, each step at its own device time.
pub struct Visit<'a> {
    pub store: &'a Store,
    pub job: JobId,
}

impl Visit<'_> {
    pub fn arrive(&self, at: OffsetDateTime) -> Result<&Self, BoxError> {
        self.store.transition_job(self.job, JobStatus::EnRoute, MoveDetails::default(), at - Duration::minutes(30))?;
        self.store.transition_job(self.job, JobStatus::OnSite, MoveDetails::default(), at)?;
        Ok(self)
    }

    pub fn write(&self, fields: &[(ReportField, &str)], at: OffsetDateTime) -> Result<&Self, BoxError> {
        for (field, value) in fields {
            self.store.set_report_field(self.job, *field, value, at)?;
        }
        Ok(self)
    }

    /// A repair's report with the result given.
    pub fn repaired(&self, result: &str, at: OffsetDateTime) -> Result<&Self, BoxError> {
        let mut fields: Vec<(ReportField, &str)> =
            outpost_demo::REPAIR_REPORT.into_iter().filter(|(f, _)| *f != ReportField::Result).collect();
        fields.extend([(ReportField::Result, result), (ReportField::PartsReplaced, "none")]);
        self.write(&fields, at)
    }

    pub fn complete(&self, at: OffsetDateTime) -> Result<&Self, BoxError> {
        self.store.transition_job(self.job, JobStatus::Completed, MoveDetails::default(), at)?;
        Ok(self)
    }

    pub fn unresolved(&self, reason: &str, at: OffsetDateTime) -> Result<&Self, BoxError> {
        let details = MoveDetails {
            reason: Some(reason.into()),
            promised_on: Some(at.date() + Duration::days(3)),
            ..MoveDetails::default()
        };
        self.store.transition_job(self.job, JobStatus::Unresolved, details, at)?;
        Ok(self)
    }

    /// The survey: every dimension `stars`, or declined (`None`).
    pub fn survey(&self, stars: Option<i64>, at: OffsetDateTime) -> Result<&Self, BoxError> {
        match stars {
            Some(n) => {
                for d in Dimension::ALL {
                    self.store.rate(self.job, d, n, at)?;
                }
            }
            None => {
                self.store.decline_rating(self.job, at)?;
            }
        }
        Ok(self)
    }

    pub fn sign(&self, at: OffsetDateTime) -> Result<&Self, BoxError> {
        self.store.sign_report(self.job, "赵科长", SIGNATURE, at)?;
        Ok(self)
    }

    pub fn leave(&self, at: OffsetDateTime) -> Result<&Self, BoxError> {
        self.store.transition_job(self.job, JobStatus::Departed, MoveDetails::default(), at)?;
        Ok(self)
    }

    pub fn leave_unsigned(&self, reason: UnsignedReason, note: &str, at: OffsetDateTime) -> Result<&Self, BoxError> {
        let details = MoveDetails { unsigned: Some(LeftUnsigned::new(reason, note)?), ..MoveDetails::default() };
        self.store.transition_job(self.job, JobStatus::Departed, details, at)?;
        Ok(self)
    }

    /// Arrives at `at`, fixes it, the customer rates `stars` (or declines), signs; leaves.
    pub fn fixed(&self, at: OffsetDateTime, stars: Option<i64>) -> Result<&Self, BoxError> {
        let h = |n: i64| at + Duration::minutes(30 * n);
        self.arrive(at)?.repaired("resolved", h(1))?.complete(h(2))?.survey(stars, h(3))?.sign(h(3))?.leave(h(4))
    }

    /// Arrives at `at`, sends the customer a promise with `result` (待配件, 需返厂): unresolved,
    /// surveyed, signed, left.
    pub fn not_fixed(&self, result: &str, at: OffsetDateTime, stars: Option<i64>) -> Result<&Self, BoxError> {
        let h = |n: i64| at + Duration::minutes(30 * n);
        self.arrive(at)?
            .repaired(result, h(1))?
            .unresolved("等配件到货", h(2))?
            .survey(stars, h(3))?
            .sign(h(3))?
            .leave(h(4))
    }
}
