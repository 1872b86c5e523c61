//! Field-level merge of a report that two writers may touch (two laptops of one engineer, or a
//! laptop that lost its answer and a copy of its folder). A change names the value it
//! replaced; HQ applies it only over that value. A change made over another value is stale:
//! HQ keeps what it has and the change goes to the conflict log, never dropped silently.

use crate::change::Change;
use crate::error::{DomainError, Result};
use crate::field::Field;
use crate::rating::{Dimension, Rating, Ratings, Satisfaction};
use crate::report::{CheckState, ChecklistItem, ReportField, ServiceReport};

/// A stale change: what HQ holds now, which it keeps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stale {
    /// The value HQ keeps, as text.
    pub kept: String,
}

/// Whether a change made over `replaced` may apply to `current`. No `replaced` (a laptop older
/// than field-level merge) applies as the last writer, as before.
pub fn check_base(replaced: Option<&str>, current: &str) -> std::result::Result<(), Stale> {
    match replaced {
        Some(base) if base != current => Err(Stale { kept: current.to_owned() }),
        _ => Ok(()),
    }
}

impl ServiceReport {
    /// A field's value as text, in the form [`ServiceReport::set`] takes: what a change names
    /// as the value it replaced.
    pub fn field_text(&self, field: ReportField) -> String {
        let text = |v: &Option<String>| v.clone().unwrap_or_default();
        match field {
            ReportField::SymptomReported => text(&self.symptom_reported),
            ReportField::SymptomFound => text(&self.symptom_found),
            ReportField::FaultCause => text(&self.fault_cause),
            ReportField::Solution => text(&self.solution),
            ReportField::WorkDone => text(&self.work_done),
            ReportField::TestsDone => text(&self.tests_done),
            ReportField::FollowUp => text(&self.follow_up),
            ReportField::AcceptanceNotes => text(&self.acceptance_notes),
            ReportField::CallbackNotes => text(&self.callback_notes),
            ReportField::CustomerOpinion => text(&self.customer_opinion),
            ReportField::TraineeName => text(&self.trainee_name),
            ReportField::TraineeSignature => text(&self.trainee_signature),
            ReportField::PartsReplaced => if self.no_parts_replaced { "none" } else { "" }.to_owned(),
            ReportField::Result => self.result.map(|r| r.as_str().to_owned()).unwrap_or_default(),
            ReportField::Acceptance => self.acceptance.map(|a| a.as_str().to_owned()).unwrap_or_default(),
            ReportField::FollowUpOn => self.follow_up_on.map(|d| d.to_string()).unwrap_or_default(),
            ReportField::LabourMinutes => self.labour_minutes.map(|m| m.to_string()).unwrap_or_default(),
            ReportField::TravelMinutes => self.travel_minutes.map(|m| m.to_string()).unwrap_or_default(),
            ReportField::Checklist | ReportField::Satisfaction => String::new(),
        }
    }

    /// A checklist item's answer as text (`ok`, `issue 漏油`, or empty when not answered).
    pub fn check_text(&self, key: &str) -> String {
        self.checklist.iter().find(|i| i.key == key).map(ChecklistItem::text).unwrap_or_default()
    }

    /// The rating of one dimension, if given.
    pub fn rating(&self, dimension: Dimension) -> Option<Rating> {
        match &self.satisfaction {
            Some(Satisfaction::Rated { ratings, .. }) => ratings.get(dimension),
            _ => None,
        }
    }

    /// The survey comment (评价意见), empty when none.
    pub fn survey_comment(&self) -> String {
        match &self.satisfaction {
            Some(Satisfaction::Rated { comment, .. }) => comment.clone().unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// Rates one dimension, keeping the others and the comment (a declined survey becomes a
    /// rated one: the customer changed their mind).
    pub fn rate(&mut self, dimension: Dimension, rating: Rating) -> Result<()> {
        let (mut ratings, comment) = self.rated_parts();
        ratings.set(dimension, rating);
        self.set_satisfaction(Satisfaction::rated(ratings, &comment)?)
    }

    /// Sets the survey comment, keeping the ratings.
    /// A comment cannot undo the customer's refusal to rate (ratings can).
    pub fn set_survey_comment(&mut self, comment: &str) -> Result<()> {
        if matches!(self.satisfaction, Some(Satisfaction::Declined { .. })) {
            return Err(crate::DomainError::SurveyDeclined);
        }
        let (ratings, _) = self.rated_parts();
        self.set_satisfaction(Satisfaction::rated(ratings, comment)?)
    }

    fn rated_parts(&self) -> (Ratings, String) {
        match &self.satisfaction {
            Some(Satisfaction::Rated { ratings, comment }) => (*ratings, comment.clone().unwrap_or_default()),
            _ => (Ratings::default(), String::new()),
        }
    }
}

impl ServiceReport {
    /// The change that puts a logged conflict's other value back over what the report holds
    /// now: `key` names the field as the conflict log does (a report field,
    /// `checklist.<item>`, `rating.<dimension>` or `survey_comment`), `theirs` the value as
    /// text. It applies under the report's usual rules (open, unsigned).
    pub fn settling(&self, key: &str, theirs: &str) -> Result<Change> {
        let (job_id, revision) = (self.job_id, self.revision);
        if let Some(item) = key.strip_prefix("checklist.") {
            let (state, note) = theirs.trim().split_once(' ').unwrap_or((theirs.trim(), ""));
            let state = match state {
                "ok" => CheckState::Ok,
                "issue" => CheckState::Issue,
                other => return Err(DomainError::not_one_of(Field::ChecklistItem, other, &["ok", "issue"])),
            };
            let replaced = Some(self.check_text(item));
            return Ok(Change::ChecklistItemSet {
                job_id,
                revision,
                key: item.into(),
                state,
                note: note.into(),
                replaced,
            });
        }
        if let Some(dimension) = key.strip_prefix("rating.") {
            let dimension = Dimension::parse(dimension)?;
            let value = theirs.trim().parse().map_err(|_| DomainError::RatingOutOfRange { rating: 0 })?;
            let replaced = self.rating(dimension);
            return Ok(Change::RatingSet { job_id, revision, dimension, rating: Rating::new(value)?, replaced });
        }
        if key == "survey_comment" {
            let replaced = self.survey_comment();
            return Ok(Change::SurveyCommentSet { job_id, revision, comment: theirs.into(), replaced });
        }
        let field = ReportField::parse(key)?;
        let replaced = Some(self.field_text(field));
        Ok(Change::ReportFieldSet { job_id, revision, field, value: theirs.into(), replaced })
    }
}

impl ChecklistItem {
    /// The answer as text: `ok`, `issue <note>`, or empty.
    pub fn text(&self) -> String {
        let state = match self.state {
            Some(crate::report::CheckState::Ok) => "ok",
            Some(crate::report::CheckState::Issue) => "issue",
            None => "",
        };
        match &self.note {
            Some(note) => format!("{state} {note}"),
            None => state.to_owned(),
        }
    }
}

/// A rating as text (`"4"`, or empty when not rated), for comparing and for the conflict log.
pub fn rating_text(rating: Option<Rating>) -> String {
    rating.map(|r| r.value().to_string()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ids::JobId;
    use crate::job::JobType;

    fn report() -> ServiceReport {
        ServiceReport::new(JobId(uuid::Uuid::nil()), JobType::Repair, "停机")
    }

    #[test]
    fn a_change_applies_over_the_value_it_replaced_and_is_stale_over_another() -> Result<()> {
        let mut r = report();
        r.set(ReportField::LabourMinutes, " 90 ")?;
        assert_eq!(r.field_text(ReportField::LabourMinutes), "90");
        assert!(check_base(Some("90"), &r.field_text(ReportField::LabourMinutes)).is_ok());
        assert!(check_base(None, "anything").is_ok(), "an older laptop's change applies as before");
        let stale = check_base(Some(""), &r.field_text(ReportField::LabourMinutes));
        assert_eq!(stale, Err(Stale { kept: "90".into() }));
        r.set(ReportField::PartsReplaced, "无")?;
        assert_eq!(r.field_text(ReportField::PartsReplaced), "none");
        Ok(())
    }

    #[test]
    fn ratings_of_different_dimensions_and_the_comment_never_overwrite_each_other() -> Result<()> {
        let mut r = report();
        r.rate(Dimension::Overall, Rating::new(2)?)?;
        r.set_survey_comment("响应太慢")?;
        r.rate(Dimension::Timeliness, Rating::new(5)?)?;
        assert_eq!(rating_text(r.rating(Dimension::Overall)), "2");
        assert_eq!(rating_text(r.rating(Dimension::Timeliness)), "5");
        assert_eq!(rating_text(r.rating(Dimension::Quality)), "");
        assert_eq!(r.survey_comment(), "响应太慢");
        Ok(())
    }

    #[test]
    fn a_comment_does_not_undo_a_declined_survey() -> Result<()> {
        let mut r = report();
        let declined = Satisfaction::Declined { at: time::macros::datetime!(2026-11-23 08:00 UTC) };
        r.set_satisfaction(declined.clone())?;
        assert_eq!(r.set_survey_comment("还行"), Err(crate::DomainError::SurveyDeclined));
        assert_eq!(r.satisfaction, Some(declined));
        r.rate(Dimension::Overall, Rating::new(4)?)?;
        r.set_survey_comment("还行")?;
        assert_eq!(r.survey_comment(), "还行");
        Ok(())
    }

    #[test]
    fn a_logged_value_is_put_back_over_what_the_report_holds_now() -> Result<()> {
        let mut r = report();
        r.set(ReportField::FaultCause, "油泵密封老化")?;
        let Change::ReportFieldSet { field, value, replaced, .. } = r.settling("fault_cause", "油封损坏")? else {
            panic!("a field's change");
        };
        assert_eq!(
            (field, value.as_str(), replaced.as_deref()),
            (ReportField::FaultCause, "油封损坏", Some("油泵密封老化"))
        );
        let Change::ChecklistItemSet { key, state, note, .. } = r.settling("checklist.oil_level", "issue 漏油 少量")?
        else {
            panic!("a checklist change");
        };
        assert_eq!((key.as_str(), state, note.as_str()), ("oil_level", CheckState::Issue, "漏油 少量"));
        r.rate(Dimension::Overall, Rating::new(2)?)?;
        let Change::RatingSet { rating, replaced, .. } = r.settling("rating.overall", "4")? else {
            panic!("a rating");
        };
        assert_eq!((rating, replaced), (Rating::new(4)?, Some(Rating::new(2)?)));
        assert!(matches!(r.settling("survey_comment", "很好")?, Change::SurveyCommentSet { .. }));
        assert!(r.settling("checklist.oil_level", "maybe").is_err());
        assert!(r.settling("rating.overall", "9").is_err());
        assert!(r.settling("no_such_field", "x").is_err());
        Ok(())
    }
}
