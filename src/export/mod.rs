//! Writing views and catalogues out: markdown for reports, JSON for other tools.

pub mod json;
pub mod markdown;
