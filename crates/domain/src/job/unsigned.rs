//! The close-out gate's other door: an engineer who must leave before the customer signs says
//! why (客户不在 / 客户拒签 / other, with a note), and HQ sees it as an alert on the job. Such a
//! visit counts against report completeness.

use serde::{Deserialize, Serialize};

use crate::customer::Language;
use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::text::{self, NOTE_MAX};

/// Why the customer did not sign.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum UnsignedReason {
    /// Nobody who may sign is on site.
    CustomerAbsent,
    /// The customer refuses to sign.
    CustomerRefused,
    /// Anything else, said in the note.
    Other,
}

impl UnsignedReason {
    pub const ALL: [UnsignedReason; 3] =
        [UnsignedReason::CustomerAbsent, UnsignedReason::CustomerRefused, UnsignedReason::Other];

    /// The stable name (command line, storage, wire).
    pub fn as_str(self) -> &'static str {
        match self {
            UnsignedReason::CustomerAbsent => "customer_absent",
            UnsignedReason::CustomerRefused => "customer_refused",
            UnsignedReason::Other => "other",
        }
    }

    pub fn parse(s: &str) -> Result<UnsignedReason> {
        UnsignedReason::ALL
            .into_iter()
            .find(|r| r.as_str() == s.trim())
            .ok_or_else(|| DomainError::not_one_of(Field::UnsignedReason, s, &UnsignedReason::ALL.map(|r| r.as_str())))
    }

    /// The reason as people read it.
    pub fn label(self, language: Language) -> &'static str {
        let (en, zh) = match self {
            UnsignedReason::CustomerAbsent => ("Customer not on site", "客户不在现场"),
            UnsignedReason::CustomerRefused => ("Customer refused to sign", "客户拒绝签字"),
            UnsignedReason::Other => ("Other", "其他原因"),
        };
        if language == Language::En { en } else { zh }
    }
}

/// A visit left without the customer's signature, as the engineer declared it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LeftUnsigned {
    pub reason: UnsignedReason,
    pub note: Option<String>,
}

impl LeftUnsigned {
    /// A declaration; `other` needs a note saying what happened.
    pub fn new(reason: UnsignedReason, note: &str) -> Result<LeftUnsigned> {
        let note = match reason {
            UnsignedReason::Other => Some(text::required(Field::UnsignedNote, note, NOTE_MAX)?),
            _ => text::optional(Field::UnsignedNote, note, NOTE_MAX)?,
        };
        Ok(LeftUnsigned { reason, note })
    }

    /// Checks one that arrived (a change from a laptop) as [`LeftUnsigned::new`] would.
    pub fn checked(&self) -> Result<LeftUnsigned> {
        LeftUnsigned::new(self.reason, self.note.as_deref().unwrap_or(""))
    }
}
