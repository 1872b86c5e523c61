//! Parts requests (补件申请): a part the engineer needs for a job and does not carry (the van is
//! short, or the part must be ordered). The engineer asks on site, HQ promises a delivery date
//! — the source rules allow at most 15 days from the request — and later marks it delivered, or
//! declines it with a reason. A request still open past its date is overdue (欠补件).
//! Each request is priced when it is made, as the sources say: a quality fault in warranty is a
//! free 补件, anything else (misuse, past warranty, a consumable) is charged with its amount.

use serde::{Deserialize, Serialize};
use time::{Date, Duration, OffsetDateTime};

use crate::error::{DomainError, Result};
use crate::ids::{JobId, PartsRequestId};
use crate::part::{FaultOrigin, MAX_QUANTITY, Part};
use crate::text::{self, NAME_MAX};
use crate::warranty::PartPrice;

/// The longest a customer may wait for a requested part, from the day of the request.
pub const DELIVERY_DAYS: i64 = 15;

/// One part requested for one job.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartsRequest {
    pub id: PartsRequestId,
    pub job_id: JobId,
    pub part_code: String,
    pub part_name: String,
    pub quantity: u32,
    /// Why the old part failed: a quality fault is replaced free in warranty, misuse is charged.
    pub origin: FaultOrigin,
    pub note: Option<String>,
    #[serde(with = "time::serde::rfc3339")]
    pub requested_at: OffsetDateTime,
    /// Flattened: `"state": "promised", "deliver_by": "2026-11-30"`.
    #[serde(flatten)]
    pub state: RequestState,
    /// What the customer pays for it (zero: a free 补件); absent on requests made before
    /// requests were priced.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub price: Option<PartPrice>,
}

/// Where a request stands at HQ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "state", rename_all = "snake_case")]
pub enum RequestState {
    /// Sent; HQ has not answered yet.
    Requested,
    /// HQ promised to deliver by this date.
    Promised { deliver_by: Date },
    /// The part reached the customer or the engineer.
    Delivered {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
    /// HQ will not send it, and says why.
    Declined { reason: String },
}

impl RequestState {
    /// The state's stable name.
    pub fn as_str(&self) -> &'static str {
        match self {
            RequestState::Requested => "requested",
            RequestState::Promised { .. } => "promised",
            RequestState::Delivered { .. } => "delivered",
            RequestState::Declined { .. } => "declined",
        }
    }

    /// Still waiting for the part.
    pub fn is_open(&self) -> bool {
        matches!(self, RequestState::Requested | RequestState::Promised { .. })
    }
}

impl PartsRequest {
    /// A new request for `quantity` (as typed) of `part` on a job.
    pub fn new(
        id: PartsRequestId,
        job_id: JobId,
        part: &Part,
        quantity: i64,
        origin: FaultOrigin,
        note: &str,
        requested_at: OffsetDateTime,
    ) -> Result<PartsRequest> {
        if !(1..=MAX_QUANTITY).contains(&quantity) {
            return Err(DomainError::RequestQuantity { quantity, max: MAX_QUANTITY });
        }
        Ok(PartsRequest {
            id,
            job_id,
            part_code: part.code.clone(),
            part_name: part.name.clone(),
            quantity: u32::try_from(quantity).unwrap_or(u32::MAX),
            origin,
            note: text::optional(crate::field::Field::RequestNote, note, NAME_MAX)?,
            requested_at,
            state: RequestState::Requested,
            price: None,
        })
    }

    /// The request with what it costs the customer.
    pub fn priced(mut self, price: PartPrice) -> PartsRequest {
        self.price = Some(price);
        self
    }

    /// Charged to the customer (收费补件), when priced.
    pub fn is_charged(&self) -> Option<bool> {
        self.price.map(|p| !p.total.is_zero())
    }

    /// The latest delivery date the rules allow.
    pub fn due_by(&self) -> Date {
        self.requested_at.date() + Duration::days(DELIVERY_DAYS)
    }

    /// HQ promises delivery by `deliver_by`: not before the request, not after [`Self::due_by`].
    /// A promise may be moved while the request is open.
    pub fn promise(&mut self, deliver_by: Date) -> Result<()> {
        self.require_open()?;
        if deliver_by < self.requested_at.date() || deliver_by > self.due_by() {
            return Err(DomainError::DeliveryOutOfRange {
                deliver_by,
                from: self.requested_at.date(),
                until: self.due_by(),
            });
        }
        self.state = RequestState::Promised { deliver_by };
        Ok(())
    }

    /// The part was delivered at `at`.
    pub fn deliver(&mut self, at: OffsetDateTime) -> Result<()> {
        self.require_open()?;
        self.state = RequestState::Delivered { at };
        Ok(())
    }

    /// HQ declines the request, saying why.
    pub fn decline(&mut self, reason: &str) -> Result<()> {
        self.require_open()?;
        self.state =
            RequestState::Declined { reason: text::required(crate::field::Field::DeclineReason, reason, NAME_MAX)? };
        Ok(())
    }

    /// Open past the promised date, or past the rules' limit when nothing was promised; days
    /// count in the time zone the request was made in (the customer's).
    pub fn is_overdue(&self, now: OffsetDateTime) -> bool {
        let today = now.to_offset(self.requested_at.offset()).date();
        match &self.state {
            RequestState::Requested => today > self.due_by(),
            RequestState::Promised { deliver_by } => today > *deliver_by,
            RequestState::Delivered { .. } | RequestState::Declined { .. } => false,
        }
    }

    fn require_open(&self) -> Result<()> {
        if self.state.is_open() {
            Ok(())
        } else {
            Err(DomainError::RequestAnswered { state: self.state.as_str().to_owned() })
        }
    }
}

#[cfg(test)]
mod tests {
    use time::macros::{date, datetime};
    use uuid::Uuid;

    use super::*;
    use crate::ids::PartId;
    use crate::money::{Currency, Money};

    fn request() -> PartsRequest {
        let price = Money::new(12_000, Currency::CNY).unwrap();
        let part = Part::new(PartId(Uuid::nil()), "MOT-0501", "风扇电机", "", price, price).unwrap();
        let at = datetime!(2026-11-23 09:30 +8);
        PartsRequest::new(
            PartsRequestId(Uuid::nil()),
            JobId(Uuid::nil()),
            &part,
            2,
            FaultOrigin::Quality,
            " 库存不足 ",
            at,
        )
        .unwrap()
    }

    #[test]
    fn a_request_names_the_part_and_a_real_quantity() {
        let r = request();
        assert_eq!((r.part_code.as_str(), r.quantity, r.note.as_deref()), ("MOT-0501", 2, Some("库存不足")));
        assert_eq!(r.state, RequestState::Requested);
        let part =
            Part::new(PartId(Uuid::nil()), "X-1", "x", "", Money::zero(Currency::CNY), Money::zero(Currency::CNY));
        let new =
            |q| PartsRequest::new(r.id, r.job_id, part.as_ref().unwrap(), q, FaultOrigin::Quality, "", r.requested_at);
        assert_eq!(new(0).unwrap_err().to_string(), "quantity: is 0; request 1 to 10000 of a part");
        assert!(new(MAX_QUANTITY + 1).is_err());
    }

    #[test]
    fn hq_promises_within_fifteen_days_of_the_request() {
        let mut r = request();
        assert_eq!(r.due_by(), date!(2026 - 12 - 08));
        let late = r.promise(date!(2026 - 12 - 09)).unwrap_err().to_string();
        assert_eq!(
            late,
            "deliver_by: is 2026-12-09; promise a date from 2026-11-23 to 2026-12-08 (at most 15 days after the request)"
        );
        assert!(r.promise(date!(2026 - 11 - 22)).is_err(), "not before the request");
        r.promise(date!(2026 - 11 - 30)).unwrap();
        r.promise(date!(2026 - 12 - 02)).unwrap();
        assert_eq!(r.state, RequestState::Promised { deliver_by: date!(2026 - 12 - 02) });
    }

    #[test]
    fn an_open_request_past_its_date_is_overdue_and_a_closed_one_never() {
        let mut r = request();
        assert!(!r.is_overdue(datetime!(2026-12-08 23:59 +8)));
        assert!(r.is_overdue(datetime!(2026-12-08 16:00 UTC)), "midnight of the 9th where the customer is");
        r.promise(date!(2026 - 11 - 30)).unwrap();
        assert!(r.is_overdue(datetime!(2026-12-01 08:00 +8)));
        r.deliver(datetime!(2026-12-03 10:00 +8)).unwrap();
        assert!(!r.is_overdue(datetime!(2027-01-01 08:00 +8)));
        assert!(r.decline("型号停产").is_err(), "a delivered request is settled");
    }

    #[test]
    fn the_state_reads_as_part_of_the_request() {
        let mut r = request();
        r.promise(date!(2026 - 11 - 30)).unwrap();
        let json = serde_json::to_value(&r).unwrap();
        assert_eq!((json["state"].as_str(), json["deliver_by"].as_str()), (Some("promised"), Some("2026-11-30")));
        assert_eq!(serde_json::from_value::<PartsRequest>(json).unwrap(), r);
    }

    #[test]
    fn declining_needs_a_reason() {
        let mut r = request();
        assert_eq!(r.decline("  ").unwrap_err().to_string(), "reason: is empty: please fill it in");
        r.decline("型号停产，请改用 MOT-0502").unwrap();
        assert!(!r.state.is_open());
        assert!(r.promise(date!(2026 - 11 - 30)).is_err());
    }
}
