//! The sync contract as recorded: a pull page holding every record kind and a push holding every
//! kind of change, taken from a real HQ and laptop. Each decodes and encodes back to the same JSON,
//! so a change to the domain's types cannot change what travels without this test saying so.

use outpost_wire::sync::{PullResponse, PushRequest};
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(recorded: &str) -> TestResult {
    let recorded: Value = serde_json::from_str(recorded)?;
    let decoded: T = serde_json::from_value(recorded.clone())?;
    assert_eq!(serde_json::to_value(&decoded)?, recorded);
    Ok(())
}

#[test]
fn a_recorded_pull_of_every_record_kind_encodes_back_as_it_came() -> TestResult {
    round_trip::<PullResponse>(include_str!("contract/pull.json"))
}

#[test]
fn a_recorded_push_of_every_kind_of_change_encodes_back_as_it_came() -> TestResult {
    round_trip::<PushRequest>(include_str!("contract/push.json"))
}
