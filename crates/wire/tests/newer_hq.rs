//! An older laptop reads a pull from a newer HQ: the kinds and operations it does not know are
//! skipped one by one, never the whole page; fields it does not know are ignored.

use outpost_wire::sync::{Delta, PullResponse, Record};

#[test]
fn a_pull_from_a_newer_hq_keeps_what_this_app_knows_and_marks_the_rest() -> serde_json::Result<()> {
    let page: PullResponse = serde_json::from_str(include_str!("pull_from_newer_hq.json"))?;
    assert_eq!(page.deltas.len(), 4);
    let Delta::Upsert { record: Record::Customer(customer) } = &page.deltas[0] else {
        panic!("a customer with a field this app does not know is still a customer: {:?}", page.deltas[0])
    };
    assert_eq!(customer.name, "济南恒丰机械");
    assert_eq!(page.deltas[1], Delta::Upsert { record: Record::Unknown }, "a photo record is a newer kind");
    assert_eq!(page.deltas[2], Delta::Unknown, "archive_job is a newer operation");
    assert!(matches!(&page.deltas[3], Delta::Upsert { record: Record::Part(p) } if p.code == "FLT-0001"));
    Ok(())
}

#[test]
fn a_known_kind_that_does_not_decode_is_still_an_error() {
    let broken = r#"{"op": "upsert", "record": {"type": "part", "data": {"code": 5}}}"#;
    assert!(serde_json::from_str::<Delta>(broken).is_err());
    let data_first = r#"{"op": "upsert", "record": {"data": {"x": 1}, "type": "photo"}}"#;
    assert_eq!(serde_json::from_str::<Delta>(data_first).ok(), Some(Delta::Upsert { record: Record::Unknown }));
}

#[test]
fn an_event_note_of_a_kind_this_app_does_not_know_keeps_its_english_words() -> serde_json::Result<()> {
    let event = r#"{"job_id": "01a23546-c909-7278-b2a5-b649080ec78e", "at": "2026-11-19T01:32:00Z",
        "actor": {"kind": "hq"}, "from": "assigned", "to": "assigned", "note": "escalated to the service manager",
        "said": {"say": "escalated", "to": "manager"}}"#;
    let event: outpost_wire::model::JobEvent = serde_json::from_str(event)?;
    assert_eq!((event.note.as_deref(), event.said), (Some("escalated to the service manager"), None));
    Ok(())
}
