//! `kurabe due`: the vendors due for re-assessment (委託先の定期評価), with when each was last
//! assessed and its documents' dates, as markdown or JSON.

use super::LangArg;
use crate::catalog::{Catalog, Lang};
use crate::export::markdown::cell;
use crate::freshness::{last_assessment, AssessedBy};
use anyhow::{Context, Result};
use clap::ValueEnum;
use jiff::civil::Date;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, ValueEnum)]
pub enum DueFormat {
    #[default]
    Md,
    Json,
}

#[derive(Debug, Clone, clap::Args)]
pub struct DueArgs {
    #[arg(long, value_enum, default_value = "md")]
    pub format: DueFormat,
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
    /// Every vendor, due or not, with when its next assessment is due.
    #[arg(long)]
    pub all: bool,
    /// The day to judge against, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE")]
    pub today: Option<String>,
    /// Months from one assessment to the next (default: config, else 12).
    #[arg(long, value_name = "MONTHS")]
    pub reassess_after_months: Option<u32>,
}

#[derive(Debug, Serialize)]
pub struct DueReport {
    pub today: String,
    pub reassess_after_months: u32,
    pub vendors: Vec<DueVendor>,
}

#[derive(Debug, Serialize)]
pub struct DueVendor {
    pub id: String,
    pub name: String,
    /// The last assessment, `YYYY-MM-DD`; `None` while its drafts are being reviewed.
    pub assessed: Option<String>,
    /// `record` (the vendor file's `assessed`) or `documents` (its documents' latest date).
    pub assessed_by: Option<&'static str>,
    pub due_on: Option<String>,
    pub due: bool,
    /// Drafts of it are still to be reviewed.
    pub in_review: bool,
    pub documents: Vec<DueDocument>,
}

#[derive(Debug, Serialize)]
pub struct DueDocument {
    pub title: String,
    pub version: Option<String>,
    pub date: Option<String>,
}

/// The vendors of `catalog` due on `today`, and those with no date to count from that are not
/// being reviewed (every vendor with `all`): most overdue first, then by next due date, then
/// those without a date.
pub fn report(catalog: &Catalog, months: u32, today: Date, all: bool, lang: Lang) -> DueReport {
    let mut vendors: Vec<(Option<Date>, DueVendor)> = catalog
        .vendors
        .iter()
        .filter_map(|v| {
            let a = last_assessment(v, months, Some(today));
            let due = a.is_some_and(|a| a.is_due(today));
            let in_review = v.answers.drafts() > 0;
            // Nothing dated and nothing to review: it cannot be shown to be current.
            let undated = a.is_none() && !in_review;
            (all || due || undated).then(|| {
                let row = DueVendor {
                    id: v.id().to_string(),
                    name: v.info.name.get(lang).to_string(),
                    assessed: a.map(|a| a.on.to_string()),
                    assessed_by: a.map(|a| match a.by {
                        AssessedBy::Record => "record",
                        AssessedBy::Documents => "documents",
                    }),
                    due_on: a.map(|a| a.due_on.to_string()),
                    due,
                    in_review,
                    documents: v
                        .documents
                        .iter()
                        .map(|d| DueDocument {
                            title: d.title.clone(),
                            version: d.version.clone(),
                            date: d.date.clone(),
                        })
                        .collect(),
                };
                (a.map(|a| a.due_on), row)
            })
        })
        .collect();
    vendors.sort_by_key(|(due_on, _)| due_on.unwrap_or(Date::MAX));
    DueReport {
        today: today.to_string(),
        reassess_after_months: months,
        vendors: vendors.into_iter().map(|(_, v)| v).collect(),
    }
}

pub fn markdown(report: &DueReport, all: bool, lang: Lang) -> String {
    let months = report.reassess_after_months;
    let mut out = match (lang, all) {
        (Lang::En, false) => format!(
            "# Vendors due for re-assessment\n\nOn {}, every {months} months.\n\n",
            report.today
        ),
        (Lang::En, true) => format!(
            "# Re-assessment of every vendor\n\nOn {}, every {months} months.\n\n",
            report.today
        ),
        (Lang::Ja, false) => format!(
            "# 再評価の時期が来た事業者\n\n{} 時点、{months}か月ごと。\n\n",
            report.today
        ),
        (Lang::Ja, true) => format!(
            "# 全事業者の再評価予定\n\n{} 時点、{months}か月ごと。\n\n",
            report.today
        ),
    };
    if report.vendors.is_empty() {
        out.push_str(match lang {
            Lang::En => "No vendor is due.\n",
            Lang::Ja => "該当する事業者はありません。\n",
        });
        return out;
    }
    out.push_str(match lang {
        Lang::En => "| Vendor | Last assessed | Next due | Due | Documents |\n",
        Lang::Ja => "| 事業者 | 前回評価 | 次回 | 要再評価 | 文書 |\n",
    });
    out.push_str("|---|---|---|---|---|\n");
    for v in &report.vendors {
        let assessed = match (&v.assessed, v.assessed_by, lang) {
            (Some(on), Some("documents"), Lang::En) => format!("{on} (documents' date)"),
            (Some(on), Some("documents"), Lang::Ja) => format!("{on}（文書の日付）"),
            (Some(on), _, _) => on.clone(),
            (None, _, lang) => crate::words::not_assessed(v.in_review, lang).to_string(),
        };
        let due = match (v.due, v.assessed.is_none() && !v.in_review, lang) {
            (true, _, Lang::En) => "⚠ due",
            (true, _, Lang::Ja) => "⚠ 要再評価",
            (false, true, Lang::En) => "? no date",
            (false, true, Lang::Ja) => "? 日付なし",
            (false, false, _) => "",
        };
        let documents: Vec<String> = v
            .documents
            .iter()
            .map(|d| {
                let mut s = d.title.clone();
                if let Some(version) = &d.version {
                    s.push_str(&format!(" v{version}"));
                }
                s.push_str(&format!(", {}", d.date.as_deref().unwrap_or("—")));
                s
            })
            .collect();
        out.push_str(&format!(
            "| {} ({}) | {} | {} | {due} | {} |\n",
            cell(&v.name),
            cell(&v.id),
            cell(&assessed),
            v.due_on.as_deref().unwrap_or("—"),
            cell(&documents.join("\n")),
        ));
    }
    out
}

/// Writes the report of `args` on `catalog`; `config_months` when the flag is not given.
pub fn due(
    catalog: &Catalog,
    config_months: u32,
    args: &DueArgs,
    out: &mut dyn Write,
) -> Result<()> {
    let today = match &args.today {
        Some(d) => crate::freshness::parse_date(d)
            .filter(|_| d.len() == 10)
            .with_context(|| format!("--today `{d}` is not a date (YYYY-MM-DD)"))?,
        None => crate::session::today(),
    };
    let months = args.reassess_after_months.unwrap_or(config_months);
    let lang: Lang = args.lang.into();
    let report = report(catalog, months, today, args.all, lang);
    match args.format {
        DueFormat::Md => out.write_all(markdown(&report, args.all, lang).as_bytes())?,
        DueFormat::Json => {
            let mut json = serde_json::to_string_pretty(&report)?;
            json.push('\n');
            out.write_all(crate::sanitize::json(&json).as_bytes())?;
        }
    }
    Ok(())
}
