//! Enrollment with HQ, the screen language and signing out.

use outpost_domain::customer::Language;
use outpost_store::device::{self, Engineer};
use serde::Serialize;

use crate::{Laptop, Result};

/// Who this laptop is enrolled as, and with which HQ.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Settings {
    pub enrolled: bool,
    pub engineer: Option<String>,
    pub hq_url: Option<String>,
    /// The language the engineer chose for the screens, if they chose one.
    pub language: Option<Language>,
    /// The company named on receipts (from HQ).
    pub company: String,
}

impl Laptop {
    /// Enrolls with HQ using the dispatcher's one-time code, under `device_name` or else the
    /// machine's host name.
    pub fn enroll(&self, hq_url: &str, code: &str, device_name: Option<&str>) -> Result<Engineer> {
        let name = device_name.map(str::to_owned).unwrap_or_else(outpost_sync::device_name);
        Ok(outpost_sync::enroll(&self.store, hq_url.trim(), code.trim(), &name)?)
    }

    pub fn settings(&self) -> Result<Settings> {
        Ok(self.store.read(|c| {
            let enrollment = device::enrollment(c)?;
            Ok(Settings {
                enrolled: enrollment.is_some(),
                engineer: device::engineer(c)?.map(|e| e.name),
                hq_url: enrollment.map(|e| e.hq_url),
                language: device::ui_language(c)?,
                company: device::company(c)?.name,
            })
        })?)
    }

    pub fn set_language(&self, language: Language) -> Result<()> {
        Ok(self.store.write(|tx| device::set_ui_language(tx, language))?)
    }

    /// Signs out and erases the engineer's data, refused while changes wait for HQ.
    pub fn sign_out(&self) -> Result<()> {
        Ok(self.store.sign_out()?)
    }
}
