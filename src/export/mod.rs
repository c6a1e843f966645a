//! Writing views and catalogues out: markdown for reports, an Excel workbook and CSV for
//! approval meetings, JSON for other tools.

pub mod csv;
pub mod diff_sheet;
pub mod followup;
pub mod json;
pub mod markdown;
pub mod paper;
pub mod scorecard;
pub mod scorecard_sheet;
pub mod sheet;
pub mod workbook;
pub mod xlsx;
