//! A customer's call or letter to HQ, as the register of calls keeps it (来电来函登记, 001 §三.10):
//! when it came, who called and what they said, and what became of it — a job for an engineer,
//! or an answer given there and then. The 24-hour reply (001 §三.4) counts from `received_at`.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::ids::{CallId, CustomerId, JobId};
use crate::text::{self, NAME_MAX, NOTE_MAX};

/// How the customer reached HQ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// 来电.
    #[default]
    Phone,
    /// 来函: a letter, fax or e-mail.
    Letter,
}

/// What became of a call.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Outcome {
    /// A job was made for it.
    Job { job_id: JobId },
    /// Answered there and then (a question, advice given on the phone), in these words.
    Answered { answer: String },
}

/// One entry of the register.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Call {
    pub id: CallId,
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    pub channel: Channel,
    pub caller: String,
    pub phone: Option<String>,
    /// The customer, when the caller is one HQ knows.
    pub customer_id: Option<CustomerId>,
    pub subject: String,
    pub outcome: Outcome,
    /// Who took it (`person:张敏`).
    pub taken_by: String,
}

/// A call as it was taken, before validation.
#[derive(Debug, Clone)]
pub struct NewCall<'a> {
    pub received_at: OffsetDateTime,
    pub channel: Channel,
    pub caller: &'a str,
    pub phone: &'a str,
    pub customer_id: Option<CustomerId>,
    pub subject: &'a str,
    pub taken_by: &'a str,
}

/// What the person taking the call decided: the answer typed (empty when none), and the job
/// made for it with the customer of the job's site.
#[derive(Debug, Clone, Copy)]
pub struct Decided<'a> {
    pub answer: &'a str,
    pub job: Option<(JobId, CustomerId)>,
}

impl Call {
    /// A registered call at `now`: received no later than now, the caller named, the phone (when
    /// given) a phone number, what they said written down, and either a job for the caller's own
    /// site or the answer given — not both.
    pub fn new(id: CallId, new: NewCall<'_>, decided: Decided<'_>, now: OffsetDateTime) -> Result<Call> {
        if new.received_at > now + crate::clock::AHEAD_LIMIT {
            return Err(DomainError::LaterThanNow { field: Field::CallReceivedAt });
        }
        let answer = text::optional(Field::CallAnswer, decided.answer, NOTE_MAX)?;
        let mut customer_id = new.customer_id;
        let outcome = match (decided.job, answer) {
            (Some(_), Some(_)) => return Err(DomainError::CallAnsweredAndJob),
            (Some((job_id, site_customer)), None) => {
                if customer_id.is_some_and(|c| c != site_customer) {
                    return Err(DomainError::SiteOfAnotherCustomer);
                }
                customer_id = Some(site_customer);
                Outcome::Job { job_id }
            }
            (None, Some(answer)) => Outcome::Answered { answer },
            (None, None) => return Err(DomainError::CallNeedsOutcome),
        };
        let phone = match new.phone.trim() {
            "" => None,
            typed => Some(text::phone(Field::CallerPhone, typed)?),
        };
        Ok(Call {
            id,
            received_at: crate::calendar::check_time(Field::CallReceivedAt, new.received_at)?,
            channel: new.channel,
            caller: text::required(Field::Caller, new.caller, NAME_MAX)?,
            phone,
            customer_id,
            subject: text::required(Field::CallSubject, new.subject, NOTE_MAX)?,
            outcome,
            taken_by: new.taken_by.to_owned(),
        })
    }

    /// The job made for it, if one was.
    pub fn job_id(&self) -> Option<JobId> {
        match self.outcome {
            Outcome::Job { job_id } => Some(job_id),
            Outcome::Answered { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;
    use uuid::Uuid;

    use super::*;

    const NOW: OffsetDateTime = datetime!(2026-12-03 08:30 +8);

    fn taken(caller: &'static str, phone: &'static str, subject: &'static str) -> NewCall<'static> {
        NewCall {
            received_at: datetime!(2026-12-03 08:15 +8),
            channel: Channel::Phone,
            caller,
            phone,
            customer_id: None,
            subject,
            taken_by: "person:张敏",
        }
    }

    fn answered(answer: &str) -> Decided<'_> {
        Decided { answer, job: None }
    }

    fn job(customer: u128) -> Decided<'static> {
        Decided { answer: "", job: Some((JobId(Uuid::nil()), CustomerId(Uuid::from_u128(customer)))) }
    }

    #[test]
    fn a_call_answered_on_the_phone_keeps_the_answer() {
        let call = Call::new(
            CallId(Uuid::nil()),
            taken(" 李经理 ", "0531-8888 6666", "叉车报警 E21"),
            answered("已指导客户重启控制器"),
            NOW,
        )
        .unwrap();
        assert_eq!(call.caller, "李经理");
        assert_eq!(call.phone.as_deref(), Some("0531-8888 6666"));
        assert_eq!(call.outcome, Outcome::Answered { answer: "已指导客户重启控制器".into() });
        assert_eq!(call.job_id(), None);
    }

    #[test]
    fn a_call_that_becomes_a_job_is_the_site_s_customer_s() {
        let call = Call::new(CallId(Uuid::nil()), taken("李", "", "报警"), job(7), NOW).unwrap();
        assert_eq!(call.customer_id, Some(CustomerId(Uuid::from_u128(7))), "the site says whose call it was");
        let mut theirs = taken("李", "", "报警");
        theirs.customer_id = Some(CustomerId(Uuid::from_u128(8)));
        assert_eq!(Call::new(CallId(Uuid::nil()), theirs, job(7), NOW), Err(DomainError::SiteOfAnotherCustomer));
    }

    #[test]
    fn a_call_needs_a_caller_what_they_said_and_one_outcome_no_later_than_now() {
        let id = CallId(Uuid::nil());
        let new = |caller, phone, subject| taken(caller, phone, subject);
        assert_eq!(Call::new(id, new("", "", "报警"), job(1), NOW), Err(DomainError::Empty { field: Field::Caller }));
        assert_eq!(
            Call::new(id, new("李", "", " "), job(1), NOW),
            Err(DomainError::Empty { field: Field::CallSubject })
        );
        assert_eq!(Call::new(id, new("李", "", "报警"), answered("  "), NOW), Err(DomainError::CallNeedsOutcome));
        let both = Decided { answer: "已答复", job: job(1).job };
        assert_eq!(Call::new(id, new("李", "", "报警"), both, NOW), Err(DomainError::CallAnsweredAndJob));
        assert_eq!(
            Call::new(id, new("李", "打错了", "报警"), job(1), NOW),
            Err(DomainError::NotPhone { field: Field::CallerPhone })
        );
        let mut later = new("李", "", "报警");
        later.received_at = NOW + time::Duration::hours(1);
        assert_eq!(Call::new(id, later, job(1), NOW), Err(DomainError::LaterThanNow { field: Field::CallReceivedAt }));
        assert_eq!(Call::new(id, new("李", "", "报警"), job(1), NOW).unwrap().phone, None);
    }
}
