//! Each engineer's van as the console reads it: HQ's last count of each part, less the part
//! lines the engineer's laptop sent since, and how long the part has lain still, by the same
//! rule the laptop's parts picker flags it with.

use std::collections::HashMap;

use outpost_domain::ids::EngineerId;
use outpost_domain::part::PartLine;
use outpost_domain::van;
use outpost_wire::parts::VanLevel;
use time::OffsetDateTime;

use crate::db::Tx;
use crate::dispatch;
use crate::error::Result;
use crate::records::{self, ns};

/// The van of `engineer` as of `now`, by part code.
pub fn levels(tx: &mut dyn Tx, engineer: EngineerId, now: OffsetDateTime) -> Result<Vec<VanLevel>> {
    let counts = dispatch::van_stock(tx, engineer)?;
    let Some(oldest) = counts.iter().map(|c| c.counted_at).min() else {
        return Ok(Vec::new());
    };
    // (quantity, latest use) per part code, of lines fitted after that part's count.
    let counted_at: HashMap<&str, OffsetDateTime> =
        counts.iter().map(|c| (c.part_code.as_str(), c.counted_at)).collect();
    let mut used: HashMap<String, (u64, OffsetDateTime)> = HashMap::new();
    let lines = tx.query(
        "SELECT body, added_at FROM part_lines WHERE engineer_id = $1 AND added_at > $2",
        &[engineer.to_text().into(), ns(oldest).into()],
    )?;
    for row in &lines {
        let (line, at): (PartLine, OffsetDateTime) = (row.json(0)?, row.time(1)?);
        if counted_at.get(line.part_code.as_str()).is_some_and(|&count| at > count) {
            let entry = used.entry(line.part_code).or_insert((0, at));
            *entry = (entry.0 + u64::from(line.quantity), entry.1.max(at));
        }
    }
    counts
        .into_iter()
        .map(|stock| {
            let (n, last_used) = used.get(&stock.part_code).copied().unwrap_or((0, stock.counted_at));
            let last_movement_at = last_used.max(stock.counted_at);
            let part = records::part_by_code(tx, &stock.part_code)?;
            Ok(VanLevel {
                part_name: part.as_ref().map(|p| p.name.clone()),
                spec: part.and_then(|p| p.spec),
                used_since_count: u32::try_from(n).unwrap_or(u32::MAX),
                on_hand: i32::try_from(stock.on_hand(n)).unwrap_or(i32::MIN),
                last_movement_at,
                staleness: van::staleness(last_movement_at, now).into(),
                part_code: stock.part_code,
                counted: stock.counted,
                counted_at: stock.counted_at,
            })
        })
        .collect()
}
