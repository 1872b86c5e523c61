//! The parts catalogue and the part lines of jobs.

use outpost_domain::ids::{JobId, PartLineId};
use outpost_domain::money::{Currency, Money};
use outpost_domain::part::{FaultOrigin, Part, PartClass, PartLine};
use outpost_domain::van::{self, Staleness, VanStock};
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};
use time::OffsetDateTime;

use crate::codec::{parse, time_from_sql, time_to_sql};
use crate::error::{Result, StoreError};

/// Inserts or replaces a catalogue part.
pub fn upsert(tx: &Transaction<'_>, p: &Part) -> Result<()> {
    tx.execute(
        "INSERT INTO parts (id, code, name, spec, substitutes, unit_cost, unit_price, currency, bin, class)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (id) DO UPDATE SET code = ?2, name = ?3, spec = ?4, substitutes = ?5,
             unit_cost = ?6, unit_price = ?7, currency = ?8, bin = ?9, class = ?10",
        params![
            p.id.to_text(),
            p.code,
            p.name,
            p.spec,
            serde_json::to_string(&p.substitutes)?,
            p.unit_cost.minor,
            p.unit_price.minor,
            p.unit_cost.currency.as_str(),
            p.bin,
            p.class.as_str(),
        ],
    )?;
    Ok(())
}

const PART_COLUMNS: &str = "id, code, name, spec, substitutes, unit_cost, unit_price, currency, bin, class";

fn part_from_row(r: &Row<'_>) -> Result<Part> {
    let currency = Currency::parse(&r.get::<_, String>(7)?)?;
    let substitutes: String = r.get(4)?;
    Ok(Part {
        id: parse("part id", &r.get::<_, String>(0)?)?,
        code: r.get(1)?,
        name: r.get(2)?,
        spec: r.get(3)?,
        substitutes: serde_json::from_str(&substitutes)?,
        unit_cost: Money { minor: r.get(5)?, currency },
        unit_price: Money { minor: r.get(6)?, currency },
        bin: r.get(8)?,
        class: PartClass::parse(&r.get::<_, String>(9)?)?,
    })
}

/// The catalogue part with this code.
pub fn by_code(conn: &Connection, code: &str) -> Result<Part> {
    by_code_if_any(conn, code)?.ok_or_else(|| StoreError::NotFound { what: "part", id: code.trim().to_owned() })
}

/// The catalogue part with this code, if the catalogue has it.
pub fn by_code_if_any(conn: &Connection, code: &str) -> Result<Option<Part>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {PART_COLUMNS} FROM parts WHERE code = ?1"))?;
    let mut rows = stmt.query([code.trim()])?;
    rows.next()?.map(part_from_row).transpose()
}

/// Catalogue parts whose code or name starts with or contains what was typed, codes first.
pub fn find(conn: &Connection, typed: &str, limit: usize) -> Result<Vec<Part>> {
    let escaped = typed.trim().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {PART_COLUMNS} FROM parts
          WHERE code LIKE ?1 ESCAPE '\\' OR name LIKE ?2 ESCAPE '\\'
          ORDER BY (code LIKE ?1 ESCAPE '\\') DESC, code LIMIT ?3"
    ))?;
    let mut rows = stmt.query(params![format!("{escaped}%"), format!("%{escaped}%"), limit as i64])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(part_from_row(row)?);
    }
    Ok(out)
}

/// Records HQ's count of one part in the van (replacing the earlier count).
pub fn set_van_stock(tx: &Transaction<'_>, stock: &VanStock) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO van_stock (part_code, counted, counted_at) VALUES (?1, ?2, ?3)
         ON CONFLICT (part_code) DO UPDATE SET counted = ?2, counted_at = ?3",
    )?
    .execute(params![stock.part_code, i64::from(stock.counted), time_to_sql(stock.counted_at)])?;
    Ok(())
}

/// What the van holds of a part now: HQ's count less the part lines added since, and how long
/// the part has lain still.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VanLevel {
    pub on_hand: i64,
    pub staleness: Staleness,
}

/// The van's level of this part, or `None` when the van does not carry it.
pub fn van_level(conn: &Connection, code: &str, now: OffsetDateTime) -> Result<Option<VanLevel>> {
    let count = conn
        .prepare_cached("SELECT counted, counted_at FROM van_stock WHERE part_code = ?1")?
        .query_row([code], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, i64>(1)?)))
        .optional()?;
    let Some((counted, counted_at)) = count else {
        return Ok(None);
    };
    let (used, last_used): (i64, Option<i64>) = conn
        .prepare_cached(
            "SELECT coalesce(sum(quantity), 0), max(added_at) FROM part_lines WHERE part_code = ?1 AND added_at > ?2",
        )?
        .query_row(params![code, counted_at], |r| Ok((r.get(0)?, r.get(1)?)))?;
    let stock = VanStock::new(code, counted, time_from_sql(counted_at)?)?;
    let last_movement = time_from_sql(last_used.unwrap_or(counted_at).max(counted_at))?;
    Ok(Some(VanLevel {
        on_hand: stock.on_hand(u64::try_from(used).unwrap_or(0)),
        staleness: van::staleness(last_movement, now),
    }))
}

/// The catalogue parts the van carries, by code.
pub fn in_van(conn: &Connection, limit: usize) -> Result<Vec<Part>> {
    let columns = PART_COLUMNS.split(", ").map(|c| format!("p.{c}")).collect::<Vec<_>>().join(", ");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {columns} FROM van_stock v JOIN parts p ON p.code = v.part_code ORDER BY p.code LIMIT ?1"
    ))?;
    let mut rows = stmt.query([limit as i64])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(part_from_row(row)?);
    }
    Ok(out)
}

/// Adds a part line to a job.
pub fn insert_line(tx: &Transaction<'_>, line: &PartLine, at: OffsetDateTime) -> Result<()> {
    tx.execute(
        "INSERT INTO part_lines (id, job_id, part_code, part_name, quantity, origin, unit_cost, unit_price, currency, added_at, class)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        params![
            line.id.to_text(),
            line.job_id.to_text(),
            line.part_code,
            line.part_name,
            i64::from(line.quantity),
            origin_str(line.origin),
            line.unit_cost.minor,
            line.unit_price.minor,
            line.unit_cost.currency.as_str(),
            time_to_sql(at),
            line.class.as_str(),
        ],
    )?;
    Ok(())
}

/// Removes a part line; says so when there was none.
pub fn delete_line(tx: &Transaction<'_>, job_id: JobId, line_id: PartLineId) -> Result<()> {
    let n = tx.execute(
        "DELETE FROM part_lines WHERE id = ?1 AND job_id = ?2",
        params![line_id.to_text(), job_id.to_text()],
    )?;
    if n == 0 {
        return Err(StoreError::NotFound { what: "part line", id: line_id.to_text() });
    }
    Ok(())
}

/// The part lines of a job, in the order they were added.
pub fn lines(conn: &Connection, job_id: JobId) -> Result<Vec<PartLine>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id, part_code, part_name, quantity, origin, unit_cost, unit_price, currency, class
           FROM part_lines WHERE job_id = ?1 ORDER BY added_at, id",
    )?;
    let mut rows = stmt.query([job_id.to_text()])?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let currency = Currency::parse(&r.get::<_, String>(7)?)?;
        out.push(PartLine {
            id: parse("part line id", &r.get::<_, String>(0)?)?,
            job_id,
            part_code: r.get(1)?,
            part_name: r.get(2)?,
            quantity: u32::try_from(r.get::<_, i64>(3)?).map_err(|e| StoreError::Corrupt(e.to_string()))?,
            origin: FaultOrigin::parse(&r.get::<_, String>(4)?)?,
            class: PartClass::parse(&r.get::<_, String>(8)?)?,
            unit_cost: Money { minor: r.get(5)?, currency },
            unit_price: Money { minor: r.get(6)?, currency },
        });
    }
    Ok(out)
}

/// Whether a job has this part line.
pub fn line_exists(conn: &Connection, line_id: PartLineId) -> Result<bool> {
    Ok(conn.query_row("SELECT 1 FROM part_lines WHERE id = ?1", [line_id.to_text()], |_| Ok(())).optional()?.is_some())
}

fn origin_str(origin: FaultOrigin) -> &'static str {
    match origin {
        FaultOrigin::Quality => "quality",
        FaultOrigin::Misuse => "misuse",
    }
}
