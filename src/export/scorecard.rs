//! `kurabe evaluate`: a profile judged for the shown vendors, as markdown (a scorecard, then
//! every outcome with its reason and the quotes behind it) or as JSON in the shape
//! `{"profile": {"id", "name"}, "vendors": [{"id", "name", "summary": {"meets", "fails",
//! "check", "not_stated"}, "outcomes": [{"control", "requirement", "level", "outcome",
//! "reason", "quotes"}]}]}`; an outcome that rests on a draft nobody has reviewed (always
//! `check`) also says `"draft": true`.

use super::markdown::{cell, inline};
use crate::catalog::{Catalog, Lang, Quote, Vendor};
use crate::requirements::{
    words as rwords, Evaluation, Level, Outcome, Profile, Reason, Scorecard, Tally,
};
use crate::view::annotate::citation;
use crate::words::tr;
use serde::Serialize;
use std::fmt::Write;

#[derive(Debug, Serialize)]
pub struct JsonEvaluation {
    pub profile: JsonProfile,
    pub vendors: Vec<JsonVendorOutcomes>,
}

#[derive(Debug, Serialize)]
pub struct JsonProfile {
    pub id: String,
    /// In the report's language.
    pub name: String,
}

#[derive(Debug, Serialize)]
pub struct JsonVendorOutcomes {
    pub id: String,
    pub name: String,
    /// Every outcome counted, musts and shoulds together.
    pub summary: Tally,
    pub outcomes: Vec<JsonOutcome>,
}

#[derive(Debug, Serialize)]
pub struct JsonOutcome {
    pub control: String,
    /// What the requirement asks, in words: "at most 45 days".
    pub requirement: String,
    pub level: Level,
    pub outcome: Outcome,
    pub reason: String,
    pub quotes: Vec<JsonQuote>,
    /// The answer judged is a draft nobody has reviewed; absent otherwise.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
}

#[derive(Debug, Serialize)]
pub struct JsonQuote {
    pub document: String,
    pub section: String,
    pub text: String,
    /// "title, vversion, date, §section".
    pub citation: String,
}

fn quotes(vendor: &Vendor, quotes: &[Quote], lang: Lang) -> Vec<JsonQuote> {
    quotes
        .iter()
        .map(|q| JsonQuote {
            document: q.document.clone().into_owned(),
            section: q.section.clone().into_owned(),
            text: q.text.clone().into_owned(),
            citation: citation(vendor.document(&q.document), &q.document, &q.section, lang),
        })
        .collect()
}

/// The evaluation in JSON's shape.
pub fn json_shape(
    profile: &Profile,
    catalog: &Catalog,
    eval: &Evaluation,
    lang: Lang,
) -> JsonEvaluation {
    JsonEvaluation {
        profile: JsonProfile {
            id: profile.id.clone(),
            name: profile.name.get(lang).to_string(),
        },
        vendors: eval
            .vendors
            .iter()
            .map(|v| {
                let vendor = &catalog.vendors[v.vendor];
                JsonVendorOutcomes {
                    id: vendor.id().to_string(),
                    name: vendor.info.name.get(lang).to_string(),
                    summary: v.card.all(),
                    outcomes: v
                        .judgements
                        .iter()
                        .filter_map(|j| {
                            let r = profile.requirements.get(j.requirement)?;
                            Some(JsonOutcome {
                                control: r.control.clone(),
                                requirement: rwords::requirement(r, lang),
                                level: r.level,
                                outcome: j.outcome,
                                reason: rwords::reason(&j.reason, lang),
                                quotes: quotes(vendor, j.quotes, lang),
                                draft: j.reason == Reason::Draft,
                            })
                        })
                        .collect(),
                }
            })
            .collect(),
    }
}

/// The evaluation as pretty-printed JSON, ending in a line break.
pub fn render_json(profile: &Profile, catalog: &Catalog, eval: &Evaluation, lang: Lang) -> String {
    let shape = json_shape(profile, catalog, eval, lang);
    let mut out = serde_json::to_string_pretty(&shape).unwrap_or_default();
    out.push('\n');
    crate::sanitize::text(&out).into_owned()
}

/// "2 meets · 1 fails · 0 check · 1 not stated" / "適合 2 · 不適合 1 · …".
pub fn tally_words(t: &Tally, lang: Lang) -> String {
    Outcome::ALL
        .iter()
        .map(|&o| match lang {
            Lang::En => format!("{} {}", t.get(o), rwords::outcome(o, lang)),
            Lang::Ja => format!("{} {}", rwords::outcome(o, lang), t.get(o)),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The evaluation as GitHub-flavoured markdown.
pub fn render_markdown(
    profile: &Profile,
    catalog: &Catalog,
    eval: &Evaluation,
    lang: Lang,
) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# kurabe: {}\n",
        inline(&format!("{} ({})", profile.name.get(lang), profile.id))
    );
    let _ = writeln!(
        out,
        "- {}: {}",
        tr(lang, "Requirements file", "基準ファイル"),
        inline(&profile.file)
    );
    let _ = writeln!(
        out,
        "- {}: {}",
        tr(lang, "Requirements", "基準数"),
        profile.requirements.len()
    );
    let gate = gate_words(eval.all_musts_met(), lang);
    let _ = writeln!(out, "- {}: {gate}\n", result_word(lang));

    let _ = writeln!(out, "## {}\n", scorecard_word(lang));
    let header = card_header(lang);
    let _ = writeln!(out, "| {} |", header.join(" | "));
    let _ = writeln!(out, "|{}", " --- |".repeat(header.len()));
    let cards: Vec<(&str, &Scorecard)> = (eval.vendors.iter())
        .map(|v| (catalog.vendors[v.vendor].info.name.get(lang), &v.card))
        .collect();
    for (name, level, tally) in card_rows(&cards) {
        let _ = write!(out, "| {} | {} |", cell(name), rwords::level(level, lang));
        for o in Outcome::ALL {
            let _ = write!(out, " {} |", tally.get(o));
        }
        out.push('\n');
    }

    for v in &eval.vendors {
        let vendor = &catalog.vendors[v.vendor];
        let _ = writeln!(out, "\n## {}\n", inline(vendor.info.name.get(lang)));
        let _ = writeln!(
            out,
            "{}: {}\n",
            rwords::level(Level::Must, lang),
            tally_words(&v.card.must, lang)
        );
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} |\n| --- | --- | --- | --- | --- |",
            tr(lang, "Control", "管理策"),
            rwords::requirement_word(lang),
            tr(lang, "Level", "区分"),
            tr(lang, "Outcome", "判定"),
            tr(lang, "Reason", "理由"),
        );
        for j in &v.judgements {
            let Some(r) = profile.requirements.get(j.requirement) else {
                continue;
            };
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                cell(&control_title(catalog, &r.control, lang)),
                cell(&rwords::requirement(r, lang)),
                rwords::level(r.level, lang),
                rwords::outcome_badge(j.outcome, lang),
                cell(&rwords::reason(&j.reason, lang)),
            );
        }
        for j in v.judgements.iter().filter(|j| !j.quotes.is_empty()) {
            let Some(r) = profile.requirements.get(j.requirement) else {
                continue;
            };
            let _ = writeln!(
                out,
                "\n### {}: {}",
                inline(&control_title(catalog, &r.control, lang)),
                rwords::outcome_badge(j.outcome, lang)
            );
            for q in quotes(vendor, j.quotes, lang) {
                out.push('\n');
                for line in q.text.lines() {
                    let _ = writeln!(out, "> {}", inline(line));
                }
                let _ = writeln!(out, ">\n> — {}", inline(&q.citation));
            }
        }
    }
    crate::sanitize::text(&out).into_owned()
}

/// "Scorecard" / "スコアカード": the table of each vendor's outcomes by level.
pub fn scorecard_word(lang: Lang) -> &'static str {
    tr(lang, "Scorecard", "スコアカード")
}

/// "Result" / "結果": the label of [`gate_words`].
pub fn result_word(lang: Lang) -> &'static str {
    tr(lang, "Result", "結果")
}

/// Whether every vendor meets every must, in words.
pub fn gate_words(all_musts_met: bool, lang: Lang) -> &'static str {
    if all_musts_met {
        tr(
            lang,
            "every vendor meets every must",
            "全事業者が必須の基準をすべて満たす",
        )
    } else {
        tr(
            lang,
            "a must is not met (fails, check or not stated)",
            "満たされていない必須の基準がある(不適合・要判断・記載なし)",
        )
    }
}

/// The scorecard's header: vendor, level, then one column per outcome (mark and word).
pub fn card_header(lang: Lang) -> Vec<String> {
    let mut out = vec![
        tr(lang, "Vendor", "事業者").to_string(),
        tr(lang, "Level", "区分").to_string(),
    ];
    out.extend(Outcome::ALL.iter().map(|&o| rwords::outcome_badge(o, lang)));
    out
}

/// The scorecard's rows, as `kurabe evaluate` and the workbook's scorecard sheet show them:
/// each vendor's `must` tally, then its `should` tally.
pub fn card_rows<'a>(cards: &[(&'a str, &'a Scorecard)]) -> Vec<(&'a str, Level, &'a Tally)> {
    cards
        .iter()
        .flat_map(|&(name, card)| {
            [
                (name, Level::Must, &card.must),
                (name, Level::Should, &card.should),
            ]
        })
        .collect()
}

/// The title of a control in `lang`, or its id where the catalogue has no such control.
pub fn control_title(catalog: &Catalog, control: &str, lang: Lang) -> String {
    catalog
        .control_index(control)
        .map(|c| catalog.controls[c].control.title.get(lang).to_string())
        .unwrap_or_else(|| control.to_string())
}
