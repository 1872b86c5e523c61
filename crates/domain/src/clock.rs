//! Two clocks: the laptop's, which stamps what the engineer did, and HQ's, which stamps when
//! the change arrived. HQ keeps both. A device time that cannot be right — ahead of when HQ
//! received it, or before the job existed — is kept but marked `clock_suspect`, and figures
//! that depend on it (on-time arrival) leave it out instead of counting a made-up time.

use time::{Duration, OffsetDateTime};

use crate::job::{Job, JobEvent, JobStatus};

/// How far ahead of HQ's receive time a device time may be (a change made offline arrives
/// later than it was made, never earlier; a little drift is forgiven). The same margin is
/// forgiven before the job existed.
pub const AHEAD_LIMIT: Duration = Duration::minutes(10);

/// How far off HQ's clock the laptop's may be before the engineer is warned.
pub const WARN_OFFSET: Duration = Duration::minutes(2);

/// Whether a device time cannot be right.
pub fn is_suspect(device_at: OffsetDateTime, received_at: OffsetDateTime, job_reported_at: OffsetDateTime) -> bool {
    device_at > received_at + AHEAD_LIMIT || device_at < job_reported_at - AHEAD_LIMIT
}

/// HQ received `event` (made on a laptop) at `received_at`: keeps that time beside the device
/// time and marks a suspect one; a suspect visit time marks the job's visit times too.
pub fn receive(job: &mut Job, event: &mut JobEvent, received_at: OffsetDateTime) {
    event.received_at = Some(received_at);
    event.clock_suspect = is_suspect(event.at, received_at, job.reported_at);
    let stamps_visit = matches!(
        event.to,
        JobStatus::EnRoute | JobStatus::OnSite | JobStatus::Completed | JobStatus::Unresolved | JobStatus::Signed
    );
    if event.clock_suspect && stamps_visit {
        job.times.clock_suspect = true;
    }
}

/// The warning for a laptop whose clock is `offset` ahead of HQ's (negative: behind), when it
/// is off by more than [`WARN_OFFSET`].
pub fn offset_warning(offset: Duration) -> Option<String> {
    if offset.abs() <= WARN_OFFSET {
        return None;
    }
    // To the nearest minute: HQ gives its time to the second.
    let minutes = (offset.abs().whole_seconds() + 30) / 60;
    let (days, hours, mins) = (minutes / (24 * 60), minutes / 60 % 24, minutes % 60);
    let size = match (days, hours) {
        (0, 0) => format!("{mins} min"),
        (0, h) => format!("{h} h {mins} min"),
        (d, h) => format!("{d} d {h} h"),
    };
    let side = if offset.is_negative() { "behind" } else { "ahead of" };
    Some(format!("this laptop's clock is {size} {side} HQ: times you record may be questioned"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_device_time_ahead_of_its_arrival_or_before_the_job_is_suspect() {
        let reported = crate::fixtures::T0;
        let received = reported + Duration::hours(3);
        assert!(!is_suspect(reported + Duration::hours(1), received, reported));
        assert!(!is_suspect(received + Duration::minutes(9), received, reported), "a little drift is forgiven");
        assert!(is_suspect(received + Duration::days(400), received, reported));
        assert!(is_suspect(reported - Duration::days(400), received, reported));
    }

    #[test]
    fn the_engineer_is_warned_past_two_minutes_in_plain_words() {
        assert_eq!(offset_warning(Duration::seconds(90)), None);
        assert_eq!(
            offset_warning(-(Duration::hours(3) + Duration::minutes(12))).as_deref(),
            Some("this laptop's clock is 3 h 12 min behind HQ: times you record may be questioned")
        );
        assert_eq!(
            offset_warning(Duration::days(400)).as_deref(),
            Some("this laptop's clock is 400 d 0 h ahead of HQ: times you record may be questioned")
        );
    }
}
