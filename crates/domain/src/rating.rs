//! Customer satisfaction (满意度): ratings 1-5 per dimension, or a recorded refusal.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::text::{self, NOTE_MAX};

/// A rating from 1 (very unsatisfied) to 5 (very satisfied).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "i64", into = "u8")]
pub struct Rating(u8);

impl Rating {
    /// A rating; anything outside 1-5 is refused.
    pub fn new(value: i64) -> Result<Rating> {
        match u8::try_from(value) {
            Ok(v @ 1..=5) => Ok(Rating(v)),
            _ => Err(DomainError::RatingOutOfRange { rating: value }),
        }
    }

    /// The value, 1-5.
    pub fn value(&self) -> u8 {
        self.0
    }
}

impl TryFrom<i64> for Rating {
    type Error = DomainError;
    fn try_from(value: i64) -> Result<Self> {
        Rating::new(value)
    }
}

impl From<Rating> for u8 {
    fn from(value: Rating) -> Self {
        value.0
    }
}

/// What the customer is asked to rate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub enum Dimension {
    /// 响应及时性
    Timeliness,
    /// 服务态度
    Attitude,
    /// 技术水平
    Quality,
    /// 总体满意度
    Overall,
}

impl Dimension {
    /// Every dimension, in survey order.
    pub const ALL: [Dimension; 4] =
        [Dimension::Timeliness, Dimension::Attitude, Dimension::Quality, Dimension::Overall];

    /// The stable name.
    pub fn as_str(&self) -> &'static str {
        match self {
            Dimension::Timeliness => "timeliness",
            Dimension::Attitude => "attitude",
            Dimension::Quality => "quality",
            Dimension::Overall => "overall",
        }
    }

    /// The dimension as the survey asks it in Chinese.
    pub fn label_zh(&self) -> &'static str {
        self.label(crate::customer::Language::ZhCn)
    }

    /// The dimension as the survey asks it in `language`.
    pub fn label(&self, language: crate::customer::Language) -> &'static str {
        use crate::customer::Language::{En, ZhCn};
        match (self, language) {
            (Dimension::Timeliness, ZhCn) => "响应及时性",
            (Dimension::Attitude, ZhCn) => "服务态度",
            (Dimension::Quality, ZhCn) => "技术水平",
            (Dimension::Overall, ZhCn) => "总体满意度",
            (Dimension::Timeliness, En) => "Timeliness",
            (Dimension::Attitude, En) => "Attitude",
            (Dimension::Quality, En) => "Technical quality",
            (Dimension::Overall, En) => "Overall",
        }
    }

    /// Parses a stable name.
    pub fn parse(s: &str) -> Result<Dimension> {
        Dimension::ALL
            .into_iter()
            .find(|d| d.as_str() == s.trim())
            .ok_or_else(|| DomainError::not_one_of(Field::Dimension, s, &Dimension::ALL.map(|d| d.as_str())))
    }
}

/// Ratings given so far; every dimension is needed before the survey counts as answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Ratings {
    pub timeliness: Option<Rating>,
    pub attitude: Option<Rating>,
    pub quality: Option<Rating>,
    pub overall: Option<Rating>,
}

impl Ratings {
    /// Sets one dimension.
    pub fn set(&mut self, dimension: Dimension, rating: Rating) {
        *self.slot(dimension) = Some(rating);
    }

    /// The rating of one dimension.
    pub fn get(&self, dimension: Dimension) -> Option<Rating> {
        match dimension {
            Dimension::Timeliness => self.timeliness,
            Dimension::Attitude => self.attitude,
            Dimension::Quality => self.quality,
            Dimension::Overall => self.overall,
        }
    }

    fn slot(&mut self, dimension: Dimension) -> &mut Option<Rating> {
        match dimension {
            Dimension::Timeliness => &mut self.timeliness,
            Dimension::Attitude => &mut self.attitude,
            Dimension::Quality => &mut self.quality,
            Dimension::Overall => &mut self.overall,
        }
    }

    /// The dimensions not rated yet.
    pub fn missing(&self) -> Vec<Dimension> {
        Dimension::ALL.into_iter().filter(|d| self.get(*d).is_none()).collect()
    }
}

/// The customer's answer to the survey.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "answer")]
pub enum Satisfaction {
    /// Rated (possibly partly, while the customer is still filling it in).
    Rated { ratings: Ratings, comment: Option<String> },
    /// The customer declined to rate; recorded as such, never as a zero.
    Declined {
        #[serde(with = "time::serde::rfc3339")]
        at: OffsetDateTime,
    },
}

/// The rating at or under which HQ must call the customer back.
pub const CALLBACK_AT_OR_BELOW: u8 = 2;

impl Satisfaction {
    /// A survey with a comment; an over-long comment is refused.
    pub fn rated(ratings: Ratings, comment: &str) -> Result<Satisfaction> {
        Ok(Satisfaction::Rated {
            ratings,
            comment: text::optional(crate::field::Field::SatisfactionComment, comment, NOTE_MAX)?,
        })
    }

    /// Whether the survey is finished: every dimension rated, or declined.
    pub fn is_answered(&self) -> bool {
        match self {
            Satisfaction::Rated { ratings, .. } => ratings.missing().is_empty(),
            Satisfaction::Declined { .. } => true,
        }
    }

    /// A rating ≤ 2 on any dimension flags the job for a callback by HQ.
    pub fn needs_callback(&self) -> bool {
        match self {
            Satisfaction::Rated { ratings, .. } => {
                Dimension::ALL.iter().filter_map(|d| ratings.get(*d)).any(|r| r.value() <= CALLBACK_AT_OR_BELOW)
            }
            Satisfaction::Declined { .. } => false,
        }
    }

    /// The overall rating, when given.
    pub fn overall(&self) -> Option<Rating> {
        match self {
            Satisfaction::Rated { ratings, .. } => ratings.overall,
            Satisfaction::Declined { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rated(values: [i64; 4]) -> Satisfaction {
        let mut r = Ratings::default();
        for (d, v) in Dimension::ALL.into_iter().zip(values) {
            r.set(d, Rating::new(v).unwrap());
        }
        Satisfaction::rated(r, "").unwrap()
    }

    #[test]
    fn ratings_are_one_to_five() {
        assert!(Rating::new(0).is_err());
        assert!(Rating::new(6).is_err());
        assert!(Rating::new(-1).is_err());
        assert_eq!(
            Rating::new(9).unwrap_err().to_string(),
            "rating: is 9; ratings go from 1 (very unsatisfied) to 5 (very satisfied)"
        );
        assert_eq!(Rating::new(5).unwrap().value(), 5);
    }

    #[test]
    fn low_rating_flags_a_callback() {
        assert!(!rated([5, 4, 3, 5]).needs_callback());
        assert!(rated([5, 2, 5, 5]).needs_callback());
    }

    #[test]
    fn declined_is_answered_without_a_score() {
        let d = Satisfaction::Declined { at: crate::fixtures::T0 };
        assert!(d.is_answered());
        assert!(!d.needs_callback());
        assert_eq!(d.overall(), None);
    }

    #[test]
    fn partial_survey_is_not_answered() {
        let mut r = Ratings::default();
        r.set(Dimension::Overall, Rating::new(4).unwrap());
        let s = Satisfaction::rated(r, "好").unwrap();
        assert!(!s.is_answered());
        assert_eq!(r.missing(), vec![Dimension::Timeliness, Dimension::Attitude, Dimension::Quality]);
    }

    #[test]
    fn serde_refuses_out_of_range() {
        assert!(serde_json::from_str::<Rating>("7").is_err());
        assert_eq!(serde_json::from_str::<Rating>("3").unwrap().value(), 3);
    }
}
