//! Complaints (投诉): a customer who tells HQ — by phone, letter, in person or through the
//! dealer (来电、来函、来人, 001 §四; 经销商, 001 §4.14) — that the service or the product was
//! not good enough. The sources give HQ 24 hours to tell the customer what it will do (在24小时
//! 内作出处理，电话告知消费者公司售后处理意见); compensation is paid only as the centre approves
//! it (上报中心请示后按批复情况给予办理); and a complaint is closed with the customer's answer.

use serde::{Deserialize, Serialize};
use time::{Duration, OffsetDateTime};

use crate::customer::Language;
use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::ids::{ComplaintId, CustomerId, EngineerId, JobId};
use crate::money::Money;
use crate::text::{self, NAME_MAX, NOTE_MAX};

/// How long HQ has, from receiving a complaint, to tell the customer how it is handled.
pub const REPLY_WITHIN: Duration = Duration::hours(24);

/// The most items one compensation may cover.
pub const MAX_COMPENSATED: i64 = 9_999;

macro_rules! choices {
    ($(#[$doc:meta])* $name:ident { $($(#[$vdoc:meta])* $variant:ident => $code:literal, $en:literal, $zh:literal;)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            pub const ALL: &[$name] = &[$($name::$variant),*];

            /// The stable name, as sent.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)*
                }
            }

            /// The name as people read it.
            pub fn label(self, language: Language) -> &'static str {
                match (self, language) {
                    $(($name::$variant, Language::En) => $en,
                      ($name::$variant, Language::ZhCn) => $zh,)*
                }
            }
        }
    };
}

choices! {
    /// How the complaint reached HQ.
    Channel {
        Phone => "phone", "Phone call", "来电";
        Letter => "letter", "Letter", "来函";
        Visit => "visit", "In person", "来人";
        Dealer => "dealer", "Through the dealer", "经销商";
    }
}

choices! {
    /// What the customer complains about: the categories the monthly statistics count
    /// (服务态度XX户、服务响应速度不及时XX户, 004).
    Category {
        Attitude => "attitude", "Service attitude", "服务态度";
        Response => "response", "Response time", "响应速度";
        RepairQuality => "repair_quality", "Repair quality", "维修质量";
        ProductQuality => "product_quality", "Product quality", "产品质量";
        Charges => "charges", "Charges", "收费";
        Other => "other", "Other", "其他";
    }
}

/// One step HQ took, in the words of who took it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Handling {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub by: String,
    pub text: String,
}

/// What the customer is given (赔偿: the model and how many, and what it is worth), and who
/// approved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Compensation {
    pub model: String,
    pub quantity: u32,
    pub amount: Money,
    pub approved_by: String,
    #[serde(with = "time::serde::rfc3339")]
    pub approved_at: OffsetDateTime,
}

/// The end of a complaint: what the customer said when told the outcome.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Closure {
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    pub by: String,
    pub customer_answer: String,
    /// The customer accepted the outcome.
    pub accepted: bool,
}

/// One entry of the register of complaints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Complaint {
    pub id: ComplaintId,
    #[serde(with = "time::serde::rfc3339")]
    pub received_at: OffsetDateTime,
    pub channel: Channel,
    pub customer_id: CustomerId,
    /// The job complained about, when the customer names one.
    pub job_id: Option<JobId>,
    /// The engineer complained about: the job's, or the one the customer names.
    pub engineer_id: Option<EngineerId>,
    pub category: Category,
    pub text: String,
    /// Who registered it.
    pub registered_by: String,
    /// What HQ did, oldest first; the first step is the reply the 24 hours count to.
    pub handling: Vec<Handling>,
    pub compensation: Option<Compensation>,
    pub closure: Option<Closure>,
}

/// A complaint as it was taken, before validation.
#[derive(Debug, Clone)]
pub struct NewComplaint<'a> {
    pub received_at: OffsetDateTime,
    pub channel: Channel,
    pub customer_id: CustomerId,
    pub category: Category,
    pub text: &'a str,
    pub registered_by: &'a str,
}

/// Where a complaint stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Nobody has replied to the customer yet.
    Received,
    /// HQ replied and is handling it.
    Handling,
    Closed,
}

impl Stage {
    pub const ALL: [Stage; 3] = [Stage::Received, Stage::Handling, Stage::Closed];

    /// The stable name, as sent.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Received => "received",
            Stage::Handling => "handling",
            Stage::Closed => "closed",
        }
    }
}

/// The job a complaint names and who it belongs to.
#[derive(Debug, Clone, Copy)]
pub struct JobNamed {
    pub job_id: JobId,
    pub customer_id: CustomerId,
    pub engineer_id: Option<EngineerId>,
}

impl Complaint {
    /// A registered complaint at `now`: received no later than now, about the customer's own
    /// job when it names one, in words. The engineer is the job's unless another is named.
    pub fn new(
        id: ComplaintId,
        new: NewComplaint<'_>,
        job: Option<JobNamed>,
        engineer_id: Option<EngineerId>,
        now: OffsetDateTime,
    ) -> Result<Complaint> {
        if new.received_at > now + crate::clock::AHEAD_LIMIT {
            return Err(DomainError::LaterThanNow { field: Field::ComplaintReceivedAt });
        }
        if job.is_some_and(|j| j.customer_id != new.customer_id) {
            return Err(DomainError::JobOfAnotherCustomer);
        }
        Ok(Complaint {
            id,
            received_at: crate::calendar::check_time(Field::ComplaintReceivedAt, new.received_at)?,
            channel: new.channel,
            customer_id: new.customer_id,
            job_id: job.map(|j| j.job_id),
            engineer_id: engineer_id.or(job.and_then(|j| j.engineer_id)),
            category: new.category,
            text: text::required(Field::ComplaintText, new.text, NOTE_MAX)?,
            registered_by: new.registered_by.to_owned(),
            handling: Vec::new(),
            compensation: None,
            closure: None,
        })
    }

    /// Where it stands.
    pub fn stage(&self) -> Stage {
        match (&self.closure, self.handling.is_empty()) {
            (Some(_), _) => Stage::Closed,
            (None, true) => Stage::Received,
            (None, false) => Stage::Handling,
        }
    }

    /// When the customer must have been told how HQ handles it.
    pub fn reply_due(&self) -> OffsetDateTime {
        self.received_at + REPLY_WITHIN
    }

    /// When HQ first replied, if it has.
    pub fn replied_at(&self) -> Option<OffsetDateTime> {
        self.handling.first().map(|h| h.at)
    }

    /// Past the 24 hours with no reply yet: on the overdue list.
    pub fn is_overdue(&self, now: OffsetDateTime) -> bool {
        self.replied_at().is_none() && self.closure.is_none() && now > self.reply_due()
    }

    /// Whether the reply came within the 24 hours: `None` while the hours still run.
    pub fn replied_in_time(&self, now: OffsetDateTime) -> Option<bool> {
        match self.replied_at().or(self.closure.as_ref().map(|c| c.at)) {
            Some(at) => Some(at <= self.reply_due()),
            None => (now > self.reply_due()).then_some(false),
        }
    }

    fn open(&self) -> Result<()> {
        match self.closure {
            Some(_) => Err(DomainError::ComplaintClosed),
            None => Ok(()),
        }
    }

    /// Records a step HQ took (the first one is the reply).
    pub fn handle(&mut self, text: &str, by: &str, at: OffsetDateTime) -> Result<()> {
        self.open()?;
        let text = text::required(Field::ComplaintHandling, text, NOTE_MAX)?;
        self.handling.push(Handling { at, by: by.to_owned(), text });
        Ok(())
    }

    /// Records the compensation `approved_by` approved, in place of any recorded before.
    pub fn compensate(
        &mut self,
        model: &str,
        quantity: i64,
        amount: Money,
        approved_by: &str,
        at: OffsetDateTime,
    ) -> Result<()> {
        self.open()?;
        if !(0..=MAX_COMPENSATED).contains(&quantity) {
            return Err(DomainError::OutOfRange {
                field: Field::CompensationQuantity,
                value: quantity,
                min: 0,
                max: MAX_COMPENSATED,
            });
        }
        let amount = Money::new(amount.minor, amount.currency)
            .map_err(|_| DomainError::Negative { field: Field::CompensationAmount })?;
        self.compensation = Some(Compensation {
            model: text::required(Field::CompensationModel, model, NAME_MAX)?,
            quantity: u32::try_from(quantity).unwrap_or(0),
            amount,
            approved_by: approved_by.to_owned(),
            approved_at: at,
        });
        Ok(())
    }

    /// Closes it with the customer's answer. Only a complaint someone handled can close: the
    /// customer must have been told something to answer it.
    pub fn close(&mut self, customer_answer: &str, accepted: bool, by: &str, at: OffsetDateTime) -> Result<()> {
        self.open()?;
        if self.handling.is_empty() {
            return Err(DomainError::ComplaintNotHandled);
        }
        let customer_answer = text::required(Field::CustomerAnswer, customer_answer, NOTE_MAX)?;
        self.closure = Some(Closure { at, by: by.to_owned(), customer_answer, accepted });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use time::macros::datetime;
    use uuid::Uuid;

    use super::*;
    use crate::money::Currency;

    const RECEIVED: OffsetDateTime = datetime!(2026-12-03 09:00 +8);

    fn customer(n: u128) -> CustomerId {
        CustomerId(Uuid::from_u128(n))
    }

    fn taken(text: &str) -> NewComplaint<'_> {
        NewComplaint {
            received_at: RECEIVED,
            channel: Channel::Phone,
            customer_id: customer(1),
            category: Category::Attitude,
            text,
            registered_by: "person:张敏",
        }
    }

    fn registered() -> Complaint {
        Complaint::new(ComplaintId(Uuid::nil()), taken("工程师态度差"), None, None, RECEIVED).unwrap()
    }

    #[test]
    fn a_complaint_about_a_job_names_its_engineer() -> Result<()> {
        let engineer = EngineerId(Uuid::from_u128(7));
        let job = JobNamed { job_id: JobId(Uuid::from_u128(3)), customer_id: customer(1), engineer_id: Some(engineer) };
        let c = Complaint::new(ComplaintId(Uuid::nil()), taken("维修后又坏了"), Some(job), None, RECEIVED)?;
        assert_eq!((c.job_id, c.engineer_id), (Some(job.job_id), Some(engineer)));
        assert_eq!(c.stage(), Stage::Received);
        Ok(())
    }

    #[test]
    fn a_job_of_another_customer_or_an_empty_text_is_refused() {
        let job = JobNamed { job_id: JobId(Uuid::from_u128(3)), customer_id: customer(2), engineer_id: None };
        let id = ComplaintId(Uuid::nil());
        assert_eq!(Complaint::new(id, taken("x"), Some(job), None, RECEIVED), Err(DomainError::JobOfAnotherCustomer));
        assert_eq!(
            Complaint::new(id, taken("  "), None, None, RECEIVED),
            Err(DomainError::Empty { field: Field::ComplaintText })
        );
        let later = NewComplaint { received_at: RECEIVED + Duration::hours(1), ..taken("x") };
        assert_eq!(
            Complaint::new(id, later, None, None, RECEIVED),
            Err(DomainError::LaterThanNow { field: Field::ComplaintReceivedAt })
        );
    }

    #[test]
    fn the_24_hours_run_until_the_first_reply() -> Result<()> {
        let mut c = registered();
        let just_in = RECEIVED + Duration::hours(23);
        assert!(!c.is_overdue(just_in));
        assert_eq!(c.replied_in_time(just_in), None);
        let late = RECEIVED + Duration::hours(25);
        assert!(c.is_overdue(late));
        assert_eq!(c.replied_in_time(late), Some(false));
        c.handle("已电话致歉，约明天上门", "张敏", late)?;
        assert!(!c.is_overdue(late + Duration::hours(1)));
        assert_eq!(c.replied_in_time(late), Some(false), "a late reply stays late");

        let mut on_time = registered();
        on_time.handle("已回电", "张敏", just_in)?;
        assert_eq!(on_time.replied_in_time(late), Some(true));
        assert_eq!(on_time.stage(), Stage::Handling);
        Ok(())
    }

    #[test]
    fn closing_needs_a_reply_first_and_ends_every_change() -> Result<()> {
        let mut c = registered();
        assert_eq!(c.close("满意", true, "张敏", RECEIVED), Err(DomainError::ComplaintNotHandled));
        c.handle("已回电", "张敏", RECEIVED)?;
        let yuan = Money::new(50_000, Currency::CNY)?;
        c.compensate("HL-D55 滤网", 2, yuan, "王经理", RECEIVED)?;
        c.close("接受处理结果", true, "张敏", RECEIVED)?;
        assert_eq!(c.stage(), Stage::Closed);
        assert_eq!(c.handle("again", "张敏", RECEIVED), Err(DomainError::ComplaintClosed));
        assert_eq!(c.close("x", false, "张敏", RECEIVED), Err(DomainError::ComplaintClosed));
        assert_eq!(c.compensation.as_ref().map(|k| (k.quantity, k.amount.minor)), Some((2, 50_000)));
        Ok(())
    }

    #[test]
    fn a_compensation_is_a_named_model_and_a_count_in_range() {
        let mut c = registered();
        let yuan = Money { minor: -1, currency: Currency::CNY };
        assert_eq!(
            c.compensate("滤网", 1, yuan, "王经理", RECEIVED),
            Err(DomainError::Negative { field: Field::CompensationAmount })
        );
        let zero = Money::zero(Currency::CNY);
        assert!(matches!(c.compensate("滤网", 10_000, zero, "王经理", RECEIVED), Err(DomainError::OutOfRange { .. })));
        assert_eq!(
            c.compensate(" ", 1, zero, "王经理", RECEIVED),
            Err(DomainError::Empty { field: Field::CompensationModel })
        );
    }

    #[test]
    fn every_choice_has_both_languages_and_a_stable_name() -> serde_json::Result<()> {
        for c in Channel::ALL {
            assert_eq!(serde_json::to_string(c)?, format!("\"{}\"", c.as_str()));
            assert!(!c.label(Language::ZhCn).is_ascii());
        }
        for c in Category::ALL {
            assert_eq!(serde_json::to_string(c)?, format!("\"{}\"", c.as_str()));
            assert!(!c.label(Language::ZhCn).is_ascii());
        }
        Ok(())
    }
}
