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
