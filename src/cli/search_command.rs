//! `kurabe search QUERY`: the app's results list for a query, headless, for scripts and for
//! comparing with other tools. The list is the view's (`view::derive`), the one the app's
//! results list shows, so both list the same controls in the same order.

use super::LangArg;
use crate::catalog::{Catalog, Lang};
use crate::parallel::{map_chunks, threads_for};
use crate::reviews::Reviews;
use crate::search::SearchIndex;
use crate::view::{self, ViewSpec};
use anyhow::{bail, Result};
use clap::ValueEnum;
use serde::Serialize;
use std::io::Write;

#[derive(Debug, Clone, clap::Args)]
pub struct SearchArgs {
    /// The query, as typed after `/` in the app; several words narrow (`kurabe search backup 世代`).
    #[arg(required = true, value_name = "QUERY")]
    pub query: Vec<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: SearchFormat,
    /// The language of titles and vendor names.
    #[arg(long, value_enum, default_value = "en")]
    pub lang: LangArg,
    /// List at most N controls (default: every match).
    #[arg(long, value_name = "N")]
    pub limit: Option<usize>,
    /// Search only these vendors' texts (comma-separated ids). Default: all.
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub vendors: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SearchFormat {
    /// One line per control: id, title and the matched vendors, tab-separated.
    Text,
    /// A markdown table: rank, title, id and the matched vendors.
    Md,
    /// The query, then each control's rank, id, title, category and matched vendors.
    Json,
}

/// A listed control and the vendors whose texts the query matched in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    pub control: usize,
    pub vendors: Vec<usize>,
}

/// The results list of `query` over the `vendors` shown: the controls the app lists for it,
/// in its order, each with the vendors whose texts matched.
pub fn results(
    catalog: &Catalog,
    reviews: &Reviews,
    index: &SearchIndex,
    query: &str,
    vendors: &[usize],
) -> Vec<Found> {
    if query.trim().is_empty() {
        return Vec::new();
    }
    let spec = ViewSpec {
        query: query.to_string(),
        vendors: vendors.to_vec(),
        // Only the list is wanted: no vendor's answers annotated.
        columns: Some(0..0),
        ..ViewSpec::all(catalog)
    };
    let visible = view::derive(catalog, reviews, index, &spec).visible;
    // Each control's vendors are found apart: on every core when there are many.
    let threads = threads_for(visible.len() * vendors.len(), PARALLEL_CELLS);
    map_chunks(visible, threads, |part| {
        part.into_iter()
            .map(|control| Found {
                control,
                vendors: index.matching_vendors(query, control, vendors),
            })
            .collect()
    })
}

/// Controls × vendors below which the matched vendors are found on one thread.
const PARALLEL_CELLS: usize = 20_000;

/// `kurabe search`: the results list written in `args.format`, from `index` (the catalogue's).
pub fn run(
    catalog: &Catalog,
    reviews: &Reviews,
    index: &SearchIndex,
    args: &SearchArgs,
    out: &mut impl Write,
) -> Result<()> {
    let query = args.query.join(" ");
    if query.trim().is_empty() {
        bail!("give a query: `kurabe search deletion`");
    }
    let mut vendors = Vec::new();
    for id in &args.vendors {
        match catalog.vendor_index(id) {
            Some(v) => vendors.push(v),
            None => bail!(
                "no vendor `{}` (the vendors are: {})",
                crate::sanitize::line(id),
                catalog
                    .vendors
                    .iter()
                    .map(|v| v.info.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
    if vendors.is_empty() {
        vendors = (0..catalog.vendors.len()).collect();
    }
    let mut found = results(catalog, reviews, index, &query, &vendors);
    found.truncate(args.limit.unwrap_or(usize::MAX));
    let text = render(catalog, &query, &found, args.format, args.lang.into())?;
    out.write_all(text.as_bytes())?;
    out.flush()?;
    Ok(())
}

#[derive(Serialize)]
struct JsonResults<'a> {
    query: &'a str,
    results: Vec<JsonFound<'a>>,
}

#[derive(Serialize)]
struct JsonFound<'a> {
    rank: usize,
    id: &'a str,
    title: &'a str,
    category: &'a str,
    vendors: Vec<JsonVendor<'a>>,
}

#[derive(Serialize)]
struct JsonVendor<'a> {
    id: &'a str,
    name: &'a str,
}

/// The results in `format`, titles and names in `lang`, every hidden character made visible
/// (text and markdown) or escaped (JSON).
pub fn render(
    catalog: &Catalog,
    query: &str,
    found: &[Found],
    format: SearchFormat,
    lang: Lang,
) -> Result<String> {
    let title = |f: &Found| catalog.controls[f.control].control.title.get(lang);
    let names = |f: &Found| -> String {
        let names: Vec<&str> = f
            .vendors
            .iter()
            .map(|&v| catalog.vendors[v].info.name.get(lang))
            .collect();
        names.join(match lang {
            Lang::En => ", ",
            Lang::Ja => "、",
        })
    };
    let id = |f: &Found| catalog.controls[f.control].control.id.as_str();
    Ok(match format {
        SearchFormat::Text => found
            .iter()
            .map(|f| {
                let cells = [id(f), title(f), &names(f)].map(one_line);
                format!("{}\n", cells.join("\t"))
            })
            .collect(),
        SearchFormat::Md => {
            let (control, matched) = match lang {
                Lang::En => ("Control", "Matched in"),
                Lang::Ja => ("管理策", "一致した事業者"),
            };
            let mut out = format!("| # | {control} | ID | {matched} |\n|---|---|---|---|\n");
            for (i, f) in found.iter().enumerate() {
                out.push_str(&format!(
                    "| {} | {} | `{}` | {} |\n",
                    i + 1,
                    md_cell(title(f)),
                    id(f),
                    md_cell(&names(f))
                ));
            }
            out
        }
        SearchFormat::Json => {
            let results = found
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let entry = &catalog.controls[f.control];
                    JsonFound {
                        rank: i + 1,
                        id: id(f),
                        title: title(f),
                        category: catalog.categories[entry.category].title.get(lang),
                        vendors: f
                            .vendors
                            .iter()
                            .map(|&v| JsonVendor {
                                id: &catalog.vendors[v].info.id,
                                name: catalog.vendors[v].info.name.get(lang),
                            })
                            .collect(),
                    }
                })
                .collect();
            let json = serde_json::to_string_pretty(&JsonResults { query, results })? + "\n";
            crate::sanitize::json(&json).into_owned()
        }
    })
}

/// A field of a line: hidden characters made visible, tabs and line breaks spaces.
fn one_line(s: &str) -> String {
    crate::sanitize::line(s).into_owned()
}

fn md_cell(s: &str) -> String {
    one_line(s).replace('|', "\\|")
}
