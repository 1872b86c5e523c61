//! The sync contract as recorded: a pull page holding every record kind and a push holding every
//! kind of change, taken from a real HQ and laptop. Each decodes, crosses into the domain's types
//! and back, and encodes to the same JSON: a change to the domain's types cannot change what
//! travels, and no field is lost at the edge.

use outpost_domain as domain;
use outpost_wire::sync::{Delta, PullResponse, PushRequest, Record};
use serde_json::Value;

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// A record through the domain and back.
fn across(record: Record) -> Record {
    match record {
        Record::Customer(c) => Record::Customer(domain::customer::Customer::from(c).into()),
        Record::Site(s) => Record::Site(domain::customer::Site::from(s).into()),
        Record::Equipment(e) => Record::Equipment(domain::equipment::Equipment::from(e).into()),
        Record::Part(p) => Record::Part(domain::part::Part::from(p).into()),
        Record::Policy(p) => Record::Policy(domain::warranty::ChargingPolicy::from(p).into()),
        Record::Company(c) => Record::Company(domain::company::CompanyProfile::from(c).into()),
        Record::Sla(s) => Record::Sla(domain::sla::SlaPolicy::from(s).into()),
        Record::VanStock(v) => Record::VanStock(domain::van::VanStock::from(v).into()),
        Record::Job(b) => Record::Job(Box::new(domain::job::JobBundle::from(*b).into())),
        Record::Unknown => Record::Unknown,
    }
}

#[test]
fn a_recorded_pull_of_every_record_kind_crosses_the_edge_and_encodes_back_as_it_came() -> TestResult {
    let recorded: Value = serde_json::from_str(include_str!("contract/pull.json"))?;
    let mut page: PullResponse = serde_json::from_value(recorded.clone())?;
    let mut kinds = std::collections::BTreeSet::new();
    for delta in &mut page.deltas {
        if let Delta::Upsert { record } = delta {
            *record = across(std::mem::replace(record, Record::Unknown));
            kinds.insert(serde_json::to_value(&*record)?["type"].as_str().unwrap_or_default().to_owned());
        }
    }
    assert_eq!(kinds.len(), 9, "every kind of record is in the recording: {kinds:?}");
    assert_eq!(serde_json::to_value(&page)?, recorded);
    Ok(())
}

#[test]
fn a_recorded_push_of_every_kind_of_change_crosses_the_edge_and_encodes_back_as_it_came() -> TestResult {
    let recorded: Value = serde_json::from_str(include_str!("contract/push.json"))?;
    let mut push: PushRequest = serde_json::from_value(recorded.clone())?;
    let mut kinds = std::collections::BTreeSet::new();
    for mutation in &mut push.mutations {
        let change = domain::change::Change::from(mutation.change.clone());
        kinds.insert(change.kind());
        mutation.change = change.into();
    }
    assert_eq!(kinds.len(), 13, "every kind of change is in the recording: {kinds:?}");
    assert_eq!(serde_json::to_value(&push)?, recorded);
    Ok(())
}
