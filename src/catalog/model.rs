//! The catalogue's data model: what the YAML files say, typed.
//!
//! The same types are read from the files (strictly: unknown fields are errors) and used by the
//! rest of the program, so there is one definition of what a vendor answer is.

pub use super::conflict::{Conflict, ConflictField};
pub use super::crosswalk::{Crosswalk, Standard};
pub use super::quantity::{ControlKind, Polarity, Schedule, Since};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// A string of the catalogue's answers and texts: owned when read from a vendor file, borrowed
/// from the mapped cache file when a cached catalogue is read in place (see `cache::file`).
/// Either way it reads as a `&str`; `to_mut` makes it owned to change it.
pub type Str = Cow<'static, str>;

/// Interface language for titles, questions and summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Ja,
}

impl Lang {
    pub fn toggled(self) -> Lang {
        match self {
            Lang::En => Lang::Ja,
            Lang::Ja => Lang::En,
        }
    }
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ja => "ja",
        }
    }
}

/// A text in English with an optional Japanese original or translation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub en: Str,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ja: Option<Str>,
}

impl Text {
    /// The text in `lang`, falling back to English where no Japanese is given.
    pub fn get(&self, lang: Lang) -> &str {
        match (lang, &self.ja) {
            (Lang::Ja, Some(ja)) => ja,
            _ => &self.en,
        }
    }
}

/// The file `controls.yaml`: the taxonomy every vendor answers against.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ControlsFile {
    pub categories: Vec<Category>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Category {
    pub id: String,
    pub title: Text,
    pub controls: Vec<Control>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Control {
    pub id: String,
    pub title: Text,
    pub question: Text,
    /// What kind of question it is; a yes/no question's answers carry a [`Polarity`].
    #[serde(default, skip_serializing_if = "ControlKind::is_open")]
    pub kind: ControlKind,
    /// The clauses of ISO/IEC 27017, ISO/IEC 27002 and METI's guideline the control answers to.
    #[serde(default, skip_serializing_if = "Crosswalk::is_empty")]
    pub crosswalk: Crosswalk,
    /// Words an importer looks for in a vendor's document (synonyms included).
    #[serde(default, skip_serializing_if = "Terms::is_empty")]
    pub terms: Terms,
}

/// What an importer looks for on a control: words in English and Japanese, and the kind of
/// value its answers carry.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Terms {
    #[serde(default)]
    pub en: Vec<String>,
    #[serde(default)]
    pub ja: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<ValueHint>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueHint {
    Duration,
    Interval,
    Count,
    Percentage,
    Countries,
    Certificates,
}

impl Terms {
    pub fn is_empty(&self) -> bool {
        self.en.is_empty() && self.ja.is_empty() && self.value.is_none()
    }
}

/// One vendor file: `vendors/<id>.yaml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorFile {
    pub vendor: VendorInfo,
    pub documents: Vec<Document>,
    pub answers: Vec<Answer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VendorInfo {
    pub id: String,
    pub name: Text,
    /// A short display name (Cybozu / サイボウズ) for where space is scarce: the matrix's
    /// headers, narrow vendor columns, the status line. Display only: no review or export keys
    /// on it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub short_name: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub products: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// When the vendor was last assessed, `YYYY-MM-DD`: set when its last draft is confirmed.
    /// The next assessment is due `reassess_after_months` later (see [`crate::reassess`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessed: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Document {
    pub id: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// `YYYY-MM-DD` or `YYYY-MM`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The file name of the source text the quotes are taken from.
    pub source: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Stated,
    Partial,
    NotStated,
}

impl Status {
    pub fn label(self) -> &'static str {
        match self {
            Status::Stated => "stated",
            Status::Partial => "partial",
            Status::NotStated => "not stated",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub control: Str,
    pub status: Status,
    /// Yes, no or conditional: only on answers to yes/no controls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<Polarity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    /// In which languages the summary is the vendor's own words (the quoted text itself, as
    /// `kurabe import` drafts it) rather than a person's summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vendor_words: Option<VendorWords>,
    #[serde(default)]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Written by `kurabe import`: not yet confirmed by a reviewer.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub draft: bool,
    /// The importer's other proposals for a draft, best first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    /// Changes that met on a field of this answer when one of them was saved, kept until a
    /// person chooses (see [`super::conflict`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
    /// What the answer said before `kurabe import SOURCE --vendor ID --update` read a new
    /// version of the vendor's documents and made it a draft again: kept beside the draft, so
    /// that the reviewer sees before → after, until the draft is confirmed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<Box<PreviousAnswer>>,
}

/// An answer as it was before an update from a new version of the vendor's documents: what a
/// reviewer judged then (never its candidates or conflicts).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousAnswer {
    pub status: Status,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub polarity: Option<Polarity>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub summary: Option<Text>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotes: Vec<PreviousQuote>,
    /// The version or date of the documents it was read from ("第3版", "2024-04-01"), as the
    /// vendor file listed them then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
}

/// A quote of a previous answer. `document` is the document's *title* as it was then: the
/// updated vendor file may no longer list that document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PreviousQuote {
    pub document: String,
    pub section: String,
    pub text: String,
}

/// Which languages of a summary are the vendor's own words rather than a person's summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum VendorWords {
    Both,
    En,
    Ja,
}

/// The summaries `kurabe import` wrote before `vendor_words` existed began with these markers.
pub const LEGACY_VENDOR_WORDS_EN: &str = "Vendor's words: ";
pub const LEGACY_VENDOR_WORDS_JA: &str = "ベンダーの記述: ";

impl Answer {
    /// Whether the summary shown in `lang` is the vendor's own words, not a person's.
    pub fn is_vendor_words(&self, lang: Lang) -> bool {
        let ja_written = self.summary.as_ref().is_some_and(|s| s.ja.is_some());
        match (self.vendor_words, lang) {
            (None, _) => false,
            (Some(VendorWords::Both), _) => true,
            (Some(VendorWords::En), Lang::En) => true,
            // No Japanese: the English is shown, so it is the vendor's words if that is.
            (Some(VendorWords::En), Lang::Ja) => !ja_written,
            (Some(VendorWords::Ja), Lang::En) => false,
            (Some(VendorWords::Ja), Lang::Ja) => ja_written,
        }
    }

    /// Reads a summary of the older form (the vendor's words marked by a prefix of the text)
    /// into the typed form: the prefix goes, `vendor_words` says which languages it marked.
    pub fn migrate_legacy_vendor_words(&mut self) {
        if self.vendor_words.is_some() {
            return;
        }
        let Some(summary) = &mut self.summary else {
            return;
        };
        let en = match summary.en.strip_prefix(LEGACY_VENDOR_WORDS_EN) {
            Some(rest) => {
                summary.en = rest.to_string().into();
                true
            }
            None => false,
        };
        let ja = match summary
            .ja
            .as_deref()
            .and_then(|j| j.strip_prefix(LEGACY_VENDOR_WORDS_JA))
        {
            Some(rest) => {
                summary.ja = Some(rest.to_string().into());
                true
            }
            None => false,
        };
        self.vendor_words = match (en, ja) {
            (true, true) => Some(VendorWords::Both),
            (true, false) if summary.ja.is_none() => Some(VendorWords::Both),
            (true, false) => Some(VendorWords::En),
            (false, true) => Some(VendorWords::Ja),
            (false, false) => None,
        };
    }
}

/// A passage an importer proposes as an answer's quote.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    pub document: Str,
    pub section: Str,
    pub text: Str,
    pub score: f64,
    /// The question side of the passage (a sheet row's question, the heading it stands under):
    /// shown beside it, never quoted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Str>,
    /// The value the passage states, as the importer read it: the candidate's, not the answer's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<Value>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Quote {
    pub document: Str,
    pub section: Str,
    pub text: Str,
    /// The question side of the passage quoted (a sheet row's question, its heading): shown
    /// beside the quote, never part of it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Str>,
}

/// A normalized quantity, so that "30日" and "30 days" compare as the same thing.
/// Labels and `Display` are in [`super::quantity`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum Value {
    /// A length of time: "30 days after the contract ends".
    Duration {
        #[serde(serialize_with = "whole_if_integral")]
        amount: f64,
        unit: TimeUnit,
        /// What the time counts from (or, for notices, what it comes before).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<Since>,
    },
    /// Something that recurs every `amount` `unit`s: "every 2 hours".
    Interval {
        #[serde(serialize_with = "whole_if_integral")]
        amount: f64,
        unit: TimeUnit,
    },
    /// A number of things: "7 generations", taken on a schedule where the source gives one.
    /// Where a vendor keeps several series (backups of the data every 2 hours and daily, of the
    /// OS daily), the headline is the one a requirement is decided on — a daily series, or one
    /// whose schedule is not stated — and `also` holds the others.
    Count {
        #[serde(serialize_with = "whole_if_integral")]
        amount: f64,
        unit: CountUnit,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        schedule: Option<Schedule>,
        /// What this series counts, where the vendor keeps several ("data part").
        #[serde(default, skip_serializing_if = "Option::is_none")]
        of: Option<Text>,
        /// The vendor's other series of the same unit.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        also: Vec<Series>,
    },
    /// A percentage: 100.00%.
    Percentage {
        amount: f64,
        #[serde(default)]
        unit: PercentUnit,
    },
    /// Identifiers such as certificate numbers or provider names.
    List { items: Vec<String> },
    /// When a service runs: "24/365" with its exceptions ("planned maintenance").
    #[serde(rename = "service-hours")]
    ServiceHours {
        text: Text,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        exceptions: Option<Text>,
    },
    /// Without a time limit: "無期限".
    Indefinite,
    /// A date fixed by a rule rather than a length of time: "the 10th of the following month".
    #[serde(rename = "calendar-rule")]
    CalendarRule { rule: Text },
}

impl Value {
    /// A count of generations of one series: "7 generations, daily".
    pub fn generations(amount: f64, schedule: Option<Schedule>) -> Value {
        Value::Count {
            amount,
            unit: CountUnit::Generations,
            schedule,
            of: None,
            also: Vec::new(),
        }
    }
}

/// One more series of a [`Value::Count`]: its amount (in the headline's unit), how often it is
/// taken and what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Series {
    #[serde(serialize_with = "whole_if_integral")]
    pub amount: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schedule: Option<Schedule>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub of: Option<Text>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TimeUnit {
    Minutes,
    Hours,
    Days,
    Weeks,
    Months,
    Years,
    /// Days the vendor works ("5営業日"): a unit of its own, never converted into calendar
    /// days (how many calendar days they span depends on weekends and holidays).
    #[serde(rename = "business-days")]
    BusinessDays,
}

/// Written as `30`, not `30.0`, where the amount is whole.
fn whole_if_integral<S: serde::Serializer>(n: &f64, s: S) -> Result<S::Ok, S::Error> {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        s.serialize_i64(*n as i64)
    } else {
        s.serialize_f64(*n)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PercentUnit {
    #[default]
    Percent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CountUnit {
    Generations,
}

/// Where a vendor's file came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    #[default]
    Embedded,
    Directory,
    User,
}

/// A vendor with its documents and answers, as loaded.
#[derive(Debug, Clone, PartialEq)]
pub struct Vendor {
    pub info: VendorInfo,
    pub documents: Vec<Document>,
    pub answers: super::answers::Answers,
    pub origin: Origin,
}

impl Vendor {
    pub fn id(&self) -> &str {
        &self.info.id
    }
    /// The short display name in `lang`; where the file gives none, the name without its
    /// company form (株式会社, Inc., Co., Ltd.), which says nothing where space is scarce.
    pub fn short_name(&self, lang: Lang) -> &str {
        match &self.info.short_name {
            Some(short) => short.get(lang),
            None => without_company_form(self.info.name.get(lang)),
        }
    }
    pub fn document(&self, id: &str) -> Option<&Document> {
        self.documents.iter().find(|d| d.id == id)
    }
}

/// `name` without a company form at its start or end (株式会社サイボウズ → サイボウズ, Cybozu, Inc.
/// → Cybozu); the name itself where nothing would be left.
pub fn without_company_form(name: &str) -> &str {
    const PREFIXES: &[&str] = &["株式会社", "有限会社", "合同会社", "（株）", "(株)"];
    const SUFFIXES: &[&str] = &[
        "株式会社",
        "有限会社",
        "合同会社",
        "（株）",
        "(株)",
        ", Inc.",
        " Inc.",
        ", Ltd.",
        " Co., Ltd.",
        " CO., LTD.",
        " Ltd.",
        " Corporation",
        " Corp.",
    ];
    let mut short = name.trim();
    for prefix in PREFIXES {
        short = short.strip_prefix(prefix).unwrap_or(short).trim_start();
    }
    for suffix in SUFFIXES {
        short = short.strip_suffix(suffix).unwrap_or(short).trim_end();
    }
    if short.is_empty() {
        name
    } else {
        short
    }
}

/// A control together with the category it belongs to: the unit of comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ControlEntry {
    pub category: usize,
    pub control: Control,
}

/// The whole catalogue: categories of controls, and every vendor's answers, aligned.
#[derive(Debug, Clone)]
pub struct Catalog {
    pub categories: Vec<CategoryEntry>,
    /// All controls in taxonomy order; categories refer to ranges of this list.
    pub controls: Vec<ControlEntry>,
    pub vendors: Vec<Vendor>,
    /// `grid[vendor][control]` is the index of that vendor's answer to that control; a
    /// vendor's row is made on first use, so that its answers are decoded only then (see
    /// [`super::answers`]).
    grid: Vec<std::sync::OnceLock<Vec<Option<usize>>>>,
    /// Each control's position in `controls`, by id.
    control_at: std::collections::HashMap<String, usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct CategoryEntry {
    pub id: String,
    pub title: Text,
    pub controls: std::ops::Range<usize>,
}

/// Two catalogues are equal when what they hold is; the grid is derived from it.
impl PartialEq for Catalog {
    fn eq(&self, other: &Catalog) -> bool {
        self.categories == other.categories
            && self.controls == other.controls
            && self.vendors == other.vendors
    }
}

impl Catalog {
    /// Builds the aligned catalogue. Answers to unknown controls are left out here: the
    /// validator reports them.
    pub fn new(categories: Vec<Category>, vendors: Vec<Vendor>) -> Catalog {
        let mut entries = Vec::new();
        let mut controls = Vec::new();
        for (ci, category) in categories.into_iter().enumerate() {
            let start = controls.len();
            for control in category.controls {
                controls.push(ControlEntry {
                    category: ci,
                    control,
                });
            }
            entries.push(CategoryEntry {
                id: category.id,
                title: category.title,
                controls: start..controls.len(),
            });
        }
        let control_at = controls
            .iter()
            .enumerate()
            .map(|(i, c)| (c.control.id.clone(), i))
            .collect();
        Catalog {
            categories: entries,
            grid: vendors.iter().map(|_| Default::default()).collect(),
            controls,
            vendors,
            control_at,
        }
    }

    /// A vendor's row of the grid: the index of its answer to each control.
    fn grid_row(&self, vendor: usize) -> Option<&Vec<Option<usize>>> {
        let row = self.grid.get(vendor)?;
        Some(row.get_or_init(|| {
            let mut row = vec![None; self.controls.len()];
            // Answers mostly follow the controls' order: the next control is tried first.
            let mut next = 0;
            for (ai, a) in self.vendors[vendor].answers.iter().enumerate() {
                let found = match self.controls.get(next) {
                    Some(c) if c.control.id == a.control => Some(next),
                    _ => self.control_at.get(a.control.as_ref()).copied(),
                };
                if let Some(ci) = found {
                    row[ci].get_or_insert(ai);
                    next = ci + 1;
                }
            }
            row
        }))
    }

    /// Decodes the answers of `vendors` not decoded yet (see [`super::answers`]), on every core
    /// when there are many: for a view that reads them all (a filter, an export), which would
    /// otherwise decode them one by one as it goes.
    pub fn decode_answers(&self, vendors: &[usize]) {
        let pending: Vec<usize> = vendors
            .iter()
            .copied()
            .filter(|&v| self.vendors.get(v).is_some_and(|v| v.answers.is_pending()))
            .collect();
        let threads = crate::parallel::threads_for(pending.len(), 64);
        crate::parallel::map_chunks(pending, threads, |part| {
            part.into_iter()
                .map(|v| {
                    self.grid_row(v);
                })
                .collect()
        });
    }

    /// The vendor's answer to a control, if its file has one.
    pub fn answer(&self, vendor: usize, control: usize) -> Option<&Answer> {
        let ai = (*self.grid_row(vendor)?.get(control)?)?;
        self.vendors[vendor].answers.get(ai)
    }

    pub fn control_index(&self, id: &str) -> Option<usize> {
        self.controls.iter().position(|c| c.control.id == id)
    }

    pub fn category_index(&self, id: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.id == id)
    }

    pub fn vendor_index(&self, id: &str) -> Option<usize> {
        self.vendors.iter().position(|v| v.info.id == id)
    }
}

#[cfg(test)]
mod company_form_tests {
    use super::without_company_form;

    #[test]
    fn the_company_form_goes_from_either_end_and_a_bare_one_stays() {
        assert_eq!(without_company_form("株式会社クオリティア"), "クオリティア");
        assert_eq!(without_company_form("サイボウズ株式会社"), "サイボウズ");
        assert_eq!(without_company_form("Cybozu, Inc."), "Cybozu");
        assert_eq!(without_company_form("QUALITIA CO., LTD."), "QUALITIA");
        assert_eq!(
            without_company_form("Quality Soft Corporation"),
            "Quality Soft"
        );
        assert_eq!(without_company_form("Alpha Cloud"), "Alpha Cloud");
        assert_eq!(without_company_form("株式会社"), "株式会社");
    }
}
