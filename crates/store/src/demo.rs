//! Loading generated demo data as if HQ had sent it: the laptop of the first demo engineer.

use outpost_demo::DemoData;

use crate::db::Store;
use crate::device::Engineer;
use crate::error::Result;

/// Loads the demo company into the store in one transaction; the laptop belongs to the first
/// demo engineer and holds that engineer's jobs.
pub fn load(store: &Store, data: &DemoData) -> Result<usize> {
    let me = &data.engineers[0];
    // The signed demo reports all carry this image; it is on the laptop as if captured there.
    crate::blobs::write_file(store.path(), outpost_demo::SIGNATURE_PNG)?;
    store.import(|import| {
        import.engineer(&Engineer { id: me.id, name: me.name.clone() })?;
        import.charging_policy(&data.policy)?;
        import.company(&data.company)?;
        for c in &data.customers {
            import.customer(c)?;
        }
        for s in &data.sites {
            import.site(s)?;
        }
        for e in &data.equipment {
            import.equipment(e)?;
        }
        for p in &data.parts {
            import.part(p)?;
        }
        let mut loaded = 0;
        for j in data.jobs.iter().filter(|j| j.job.engineer_id == Some(me.id)) {
            import.job(&j.job)?;
            for e in &j.events {
                import.event(e)?;
            }
            let at = j.events.last().map_or(j.job.reported_at, |e| e.at);
            for l in &j.parts {
                import.part_line(l, at)?;
            }
            if let Some(r) = &j.report {
                import.report(r, at)?;
            }
            loaded += 1;
        }
        Ok(loaded)
    })
}
