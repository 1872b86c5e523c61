//! The domain's words for statuses, for leaving unsigned, for the month's shares (with the
//! sources' targets), for part classes, warranty situations and charges, and for complaints' channels and
//! categories, and for the survey's dimensions, written for the HQ console
//! (`console/src/bindings/labels.ts`) when the tests run with the `ts` feature, so the console
//! does not keep its own copy of them.

#[cfg(all(test, feature = "ts"))]
mod export {
    use outpost_domain::complaint::{Category, Channel};
    use outpost_domain::customer::Language;
    use outpost_domain::job::{JobStatus, UnsignedReason};
    use outpost_domain::kpi::Share;
    use outpost_domain::money::{Currency, Money};
    use outpost_domain::part::PartClass;
    use outpost_domain::rating::Dimension;
    use outpost_domain::warranty::{PartPrice, PartsCharge, Situation};
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
        // What a dispatcher may do to a job in each status, by the domain's state machine.
        let hq_moves: Map<String, Value> = JobStatus::ALL
            .iter()
            .map(|s| (s.as_str().to_owned(), json!(s.hq_moves().map(|m| m.as_str()).collect::<Vec<_>>())))
            .collect();
        let reschedulable: Vec<&str> =
            JobStatus::ALL.iter().filter(|s| s.reschedulable()).map(|s| s.as_str()).collect();
        let classes = table(&PartClass::ALL, |c| c.as_str(), PartClass::label);
        let situations = table(&Situation::ALL, |s| s.as_str(), Situation::label);
        let charges = table(&PartsCharge::ALL, |c| c.as_str(), PartsCharge::label);
        let channels = table(Channel::ALL, |c| c.as_str(), Channel::label);
        let dimensions = table(&Dimension::ALL, |d| d.as_str(), |d, l| d.label(l));
        let categories = table(Category::ALL, |c| c.as_str(), Category::label);
        // The order the register offers them in (the tables above are keyed, so unordered).
        let channel_order: Vec<&str> = Channel::ALL.iter().map(|c| c.as_str()).collect();
        let category_order: Vec<&str> = Category::ALL.iter().map(|c| c.as_str()).collect();
        // Why a part costs what it costs, by situation and charge: the receipt's words.
        let reasons: Map<String, Value> = Situation::ALL
            .iter()
            .map(|&situation| {
                let by_charge: Map<String, Value> = PartsCharge::ALL
                    .iter()
                    .map(|&charge| {
                        let zero = Money::zero(Currency::CNY);
                        let price = PartPrice { situation, charge, unit_charge: zero, total: zero };
                        (charge.as_str().to_owned(), json!([price.explain_en(), price.explain_zh()]))
                    })
                    .collect();
                (situation.as_str().to_owned(), Value::Object(by_charge))
            })
            .collect();
        let ts = format!(
            "// Generated from the domain's labels (crates/domain) by the outpost-wire tests. Do not edit\n\
             // this file manually. Each entry is [English, zh-CN].\n\n\
             export const STATUS_LABELS = {} as const;\n\n\
             export const UNSIGNED_LABELS = {} as const;\n\n\
             export const SHARES = {} as const;\n\n\
             export const PART_CLASS_LABELS = {} as const;\n\n\
             export const SITUATION_LABELS = {} as const;\n\n\
             export const CHARGE_LABELS = {} as const;\n\n\
             export const PRICE_REASONS = {} as const;\n\n\
             export const HQ_MOVES = {} as const;\n\n\
             export const RESCHEDULABLE = {} as const;\n\n\
             export const COMPLAINT_CHANNEL_LABELS = {} as const;\n\n\
             export const COMPLAINT_CATEGORY_LABELS = {} as const;\n\n\
             export const COMPLAINT_CHANNELS = {} as const;\n\n\
             export const COMPLAINT_CATEGORIES = {} as const;\n\n\
             export const DIMENSION_LABELS = {} as const;\n",
            serde_json::to_string_pretty(&statuses)?,
            serde_json::to_string_pretty(&unsigned)?,
            serde_json::to_string_pretty(&shares)?,
            serde_json::to_string_pretty(&classes)?,
            serde_json::to_string_pretty(&situations)?,
            serde_json::to_string_pretty(&charges)?,
            serde_json::to_string_pretty(&Value::Object(reasons))?,
            serde_json::to_string_pretty(&Value::Object(hq_moves))?,
            serde_json::to_string_pretty(&reschedulable)?,
            serde_json::to_string_pretty(&channels)?,
            serde_json::to_string_pretty(&categories)?,
            serde_json::to_string(&channel_order)?,
            serde_json::to_string(&category_order)?,
            serde_json::to_string_pretty(&dimensions)?,
        );
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../console/src/bindings/labels.ts");
        std::fs::write(path, ts)?;
        Ok(())
    }
}
