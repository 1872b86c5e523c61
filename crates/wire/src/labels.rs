//! The domain's words for statuses, for leaving unsigned and for the month's shares (with the
//! sources' targets), written for the HQ console
//! (`console/src/bindings/labels.ts`) when the tests run with the `ts` feature, so the console
//! does not keep its own copy of them.

#[cfg(all(test, feature = "ts"))]
mod export {
    use outpost_domain::customer::Language;
    use outpost_domain::job::{JobStatus, UnsignedReason};
    use outpost_domain::kpi::Share;
    use serde_json::{Map, Value, json};

    fn table<T: Copy>(
        all: &[T],
        name: impl Fn(T) -> &'static str,
        label: impl Fn(T, Language) -> &'static str,
    ) -> Value {
        let rows: Map<String, Value> = all
            .iter()
            .map(|&t| (name(t).to_owned(), json!([label(t, Language::En), label(t, Language::ZhCn)])))
            .collect();
        Value::Object(rows)
    }

    #[test]
    fn export_labels() -> Result<(), Box<dyn std::error::Error>> {
        let statuses = table(&JobStatus::ALL, |s| s.as_str(), JobStatus::label);
        let unsigned = table(&UnsignedReason::ALL, |r| r.as_str(), UnsignedReason::label);
        // The shares in the order of the monthly statistics, each with the sources' target.
        let shares: Vec<Value> = Share::ALL
            .iter()
            .map(|&s| {
                json!({"key": s.key(), "label": [s.label(Language::En), s.label(Language::ZhCn)], "target": s.target()})
            })
            .collect();
        let ts = format!(
            "// Generated from the domain's labels (crates/domain) by the outpost-wire tests. Do not edit\n\
             // this file manually. Each entry is [English, zh-CN].\n\n\
             export const STATUS_LABELS = {} as const;\n\n\
             export const UNSIGNED_LABELS = {} as const;\n\n\
             export const SHARES = {} as const;\n",
            serde_json::to_string_pretty(&statuses)?,
            serde_json::to_string_pretty(&unsigned)?,
            serde_json::to_string_pretty(&shares)?,
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../console/src/bindings/labels.ts");
        std::fs::write(path, ts)?;
        Ok(())
    }
}
