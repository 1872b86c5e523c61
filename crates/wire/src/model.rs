//! The records and changes that travel between laptops and HQ. Each is its own type with its own
//! serde form, converted to and from the domain's twin at the edge (`From` both ways), so the
//! domain can change its shape without changing what travels. `tests/contract/` holds a
//! recorded pull and push that must keep encoding as they came.

mod change;
mod complaint;
mod customer;
mod job;
mod parts;
mod report;
mod settings;

pub use change::Change;
pub use complaint::{Closure, Compensation, Complaint, ComplaintCategory, ComplaintChannel, Handling};
pub use customer::{Contact, Customer, Equipment, Language, Site};
pub use job::{
    Actor, EventNote, Job, JobEvent, JobStatus, JobType, LeftUnsigned, Severity, Unresolved, UnsignedReason,
    VisitTimes, Window,
};
pub use parts::{FaultOrigin, Part, PartClass, PartLine, PartsRequest, RequestState, VanStock};
pub use report::{
    Acceptance, AcceptanceMethod, CheckState, ChecklistItem, Dimension, QuoteAcceptance, Ratings, RepairResult,
    ReportField, Satisfaction, ServiceReport, Signature,
};
pub use settings::{ChargeRule, ChargingPolicy, CompanyProfile, PartPrice, PartsCharge, Situation, SlaPolicy};
