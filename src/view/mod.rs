//! The current view: what the user is looking at, derived purely from the catalogue and a
//! [`ViewSpec`]. The terminal renderer draws it and the exporters write it, so the screen and
//! an export of the same state can never disagree.

pub mod annotate;
pub mod changed;
pub mod differences;
pub mod outcomes;

pub use annotate::{Cell, DocumentNote, OutcomeNote, QuoteNote, VendorNote, VerdictNote};
pub use differences::{differences, Differences};

use crate::catalog::{Answer, Catalog, Lang, Status};
use crate::freshness::DEFAULT_STALE_MONTHS;
use crate::requirements::Profile;
use crate::reviews::{words as verdict_words, Reviews, Verdict};
use crate::search::{Hit, SearchIndex};
use crate::words::{self, Word};
use jiff::civil::Date;
use std::sync::Arc;

/// Which controls a view compares in full.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// Every control that passes the query and filters.
    #[default]
    All,
    /// The visible controls of one category.
    Category(usize),
    /// One control.
    Control(usize),
}

/// Everything that decides what is shown: the state a user sets with keys or flags.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ViewSpec {
    pub lang: Lang,
    pub query: String,
    /// Vendors shown, in column order.
    pub vendors: Vec<usize>,
    /// Only controls where the shown vendors' answers differ in status, polarity or value
    /// (see [`differences`]).
    pub only_differences: bool,
    /// Only controls where at least one shown vendor states nothing.
    pub only_unstated: bool,
    /// Only controls where a shown vendor's answer has this verdict.
    pub verdict: Option<Verdict>,
    /// Only controls where a shown vendor's answer is an unconfirmed import (a draft).
    pub only_drafts: bool,
    /// Only controls where a shown vendor's answer is a draft an update made from a changed
    /// answer (it keeps `previous:`), until the draft is confirmed.
    pub only_changed: bool,
    /// Every draft shows "draft (not reviewed)" and nothing of what the importer proposed;
    /// the filters see a draft as that too.
    pub mask_drafts: bool,
    pub scope: Scope,
    /// Today, for documents' ages and superseded standards; `None` leaves dates unannotated.
    pub today: Option<Date>,
    /// Documents older than this many months are flagged stale.
    pub stale_after_months: u32,
    /// A vendor is due for re-assessment this many months after its last one (`None`: 12).
    pub reassess_after_months: Option<u32>,
    /// The active requirements profile: every cell states its outcomes against it.
    pub requirements: Option<Arc<Profile>>,
    /// Only controls where a shown vendor fails a requirement of the active profile.
    pub only_failing: bool,
    /// Only controls where a shown vendor leaves a requirement unresolved (check or not stated).
    pub only_unresolved: bool,
    /// Only these of the shown vendors (positions in `vendors`) are annotated in the rows and
    /// the vendor notes: the columns a screen has room for. Filters and ranking still look at
    /// every shown vendor. `None` (every export): all of them.
    pub columns: Option<std::ops::Range<usize>>,
}

impl ViewSpec {
    /// The shown vendors the rows and vendor notes annotate.
    pub fn annotated(&self) -> &[usize] {
        match &self.columns {
            Some(r) => {
                let end = r.end.min(self.vendors.len());
                &self.vendors[r.start.min(end)..end]
            }
            None => &self.vendors,
        }
    }

    /// Where the annotated vendors start among the shown ones.
    pub fn first_annotated(&self) -> usize {
        self.columns
            .as_ref()
            .map_or(0, |r| r.start.min(self.vendors.len()))
    }

    /// All vendors, no query, no filters, everything in scope.
    pub fn all(catalog: &Catalog) -> ViewSpec {
        ViewSpec {
            vendors: (0..catalog.vendors.len()).collect(),
            stale_after_months: DEFAULT_STALE_MONTHS,
            ..ViewSpec::default()
        }
    }

    /// The active filters in words, for status lines and export headings.
    pub fn filter_words(&self) -> Vec<&'static str> {
        let lang = self.lang;
        let mut out = Vec::new();
        if self.only_differences {
            out.push(words::only_differences(lang));
        }
        if self.only_unstated {
            out.push(words::only_unstated(lang));
        }
        if let Some(v) = self.verdict {
            out.push(verdict_words::only_verdict(v, lang));
        }
        if self.only_drafts {
            out.push(words::only_drafts(lang));
        }
        if self.only_changed {
            out.push(words::ChangeWord::OnlyChanged.get(lang));
        }
        if self.mask_drafts {
            out.push(words::drafts_masked(lang));
        }
        if self.only_failing {
            out.push(words::only_failing(lang));
        }
        if self.only_unresolved {
            out.push(words::only_unresolved(lang));
        }
        out
    }
}

/// A vendor's answer as loaded, before annotation: what the filters look at.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Answered<'a> {
    pub vendor: usize,
    pub answer: Option<&'a Answer>,
}

impl Answered<'_> {
    pub fn status(&self) -> Status {
        self.answer.map_or(Status::NotStated, |a| a.status)
    }
}

/// A control compared across the shown vendors.
#[derive(Debug, Clone, PartialEq)]
pub struct Row<'a> {
    pub control: usize,
    /// The control's title, question and category title in the view's language.
    pub title: String,
    pub question: String,
    pub category: String,
    /// The control's standard ids in one line (`ISO/IEC 27017 CLD.8.1.5 · 27002 8.10 · METI
    /// 6.30`); empty where it has none.
    pub crosswalk: String,
    pub cells: Vec<Cell<'a>>,
}

impl Row<'_> {
    /// What differs among the annotated vendors' answers to this control, as
    /// `only_differences` sees it.
    pub fn differences(&self) -> Differences {
        let answered: Vec<Answered> = self
            .cells
            .iter()
            .map(|c| Answered {
                vendor: c.vendor,
                answer: c.answer,
            })
            .collect();
        let masked = self.cells.iter().any(|c| c.masked);
        differences(&answered, masked)
    }
}

/// The derived view.
#[derive(Debug, Clone)]
pub struct View<'a> {
    pub catalog: &'a Catalog,
    pub spec: ViewSpec,
    /// Controls that pass the query and filters: ranked when there is a query, else in
    /// catalogue order.
    pub visible: Vec<usize>,
    /// Search scores of `visible`, when there is a query.
    pub hits: Vec<Hit>,
    /// The controls in scope, compared in full.
    pub rows: Vec<Row<'a>>,
    /// The shown vendors, in column order, with their documents annotated.
    pub vendors: Vec<VendorNote>,
}

impl<'a> View<'a> {
    /// A heading that says what this view compares.
    pub fn title(&self) -> String {
        let lang = self.spec.lang;
        match self.spec.scope {
            Scope::All if self.spec.query.trim().is_empty() => {
                words::word(Word::AllControls, lang).to_string()
            }
            Scope::All => words::search_results(self.spec.query.trim(), lang),
            Scope::Category(c) => match self.catalog.categories.get(c) {
                Some(category) => category.title.get(lang).to_string(),
                None => words::Phrase::NoCategorySelected.get(lang).to_string(),
            },
            Scope::Control(c) => match self.catalog.controls.get(c) {
                Some(entry) => entry.control.title.get(lang).to_string(),
                None => words::Phrase::NoControlSelected.get(lang).to_string(),
            },
        }
    }

    pub fn vendor_names(&self) -> Vec<&str> {
        self.vendors.iter().map(|v| v.name.as_str()).collect()
    }

    /// The annotated row of a control in scope.
    pub fn row(&self, control: usize) -> Option<&Row<'a>> {
        self.rows.iter().find(|r| r.control == control)
    }
}

/// Derives the view of `catalog` that `spec` describes.
pub fn derive<'a>(
    catalog: &'a Catalog,
    reviews: &Reviews,
    index: &SearchIndex,
    spec: &ViewSpec,
) -> View<'a> {
    let hits = if spec.query.trim().is_empty() {
        Vec::new()
    } else {
        index.search(&spec.query, &spec.vendors)
    };
    derive_with_hits(catalog, reviews, spec, hits)
}

/// Derives the view from search results computed elsewhere (e.g. on a worker thread).
pub fn derive_with_hits<'a>(
    catalog: &'a Catalog,
    reviews: &Reviews,
    spec: &ViewSpec,
    hits: Vec<Hit>,
) -> View<'a> {
    // A filter reads every shown vendor's answers, and a view without columns (an export)
    // annotates them all: decoded at once, on every core, rather than one by one below.
    if spec.columns.is_none() || filters_on(spec) {
        catalog.decode_answers(&spec.vendors);
    }
    let candidates: Vec<usize> = if spec.query.trim().is_empty() {
        (0..catalog.controls.len()).collect()
    } else {
        hits.iter().map(|h| h.control).collect()
    };
    let visible: Vec<usize> = candidates
        .into_iter()
        .filter(|&c| passes_filters(catalog, reviews, spec, c))
        .collect();
    let mut is_visible = vec![false; catalog.controls.len()];
    for &c in &visible {
        if let Some(v) = is_visible.get_mut(c) {
            *v = true;
        }
    }
    let hits = hits
        .into_iter()
        .filter(|h| is_visible.get(h.control).copied().unwrap_or(false))
        .collect();
    let in_scope = |c: usize| match spec.scope {
        Scope::All => true,
        Scope::Category(cat) => catalog.controls[c].category == cat,
        Scope::Control(ctl) => c == ctl,
    };
    let rows: Vec<Row> = visible
        .iter()
        .filter(|&&c| in_scope(c))
        .map(|&control| row(catalog, reviews, spec, control))
        .collect();
    let mut vendors: Vec<VendorNote> = spec
        .annotated()
        .iter()
        .map(|&v| annotate::vendor(context(catalog, spec, v), v))
        .collect();
    if let Some(profile) = &spec.requirements {
        let cards = outcomes::scorecards(profile, catalog, spec.annotated());
        for (note, card) in vendors.iter_mut().zip(cards) {
            note.card = Some(card);
        }
    }
    for (i, note) in vendors.iter_mut().enumerate() {
        note.drafts = rows
            .iter()
            .filter(|r: &&Row| r.cells.get(i).is_some_and(|c| c.draft))
            .count();
    }
    View {
        catalog,
        spec: spec.clone(),
        visible,
        hits,
        rows,
        vendors,
    }
}

fn context<'a>(catalog: &'a Catalog, spec: &ViewSpec, vendor: usize) -> annotate::Context<'a> {
    annotate::Context {
        lang: spec.lang,
        today: spec.today,
        stale_after_months: spec.stale_after_months,
        reassess_after_months: spec
            .reassess_after_months
            .unwrap_or(crate::freshness::DEFAULT_REASSESS_MONTHS),
        mask_drafts: spec.mask_drafts,
        vendor: &catalog.vendors[vendor],
    }
}

/// A control's row: every shown vendor's answer annotated. Also for a control outside the
/// view's scope (the matrix shows the selected row in full below it).
pub fn row<'a>(
    catalog: &'a Catalog,
    reviews: &Reviews,
    spec: &ViewSpec,
    control: usize,
) -> Row<'a> {
    let entry = &catalog.controls[control];
    let lang = spec.lang;
    let cells = spec
        .annotated()
        .iter()
        .map(|&vendor| {
            let answer = catalog.answer(vendor, control);
            let judged = reviews.judged(catalog.vendors[vendor].id(), &entry.control.id, answer);
            let mut cell = annotate::cell(context(catalog, spec, vendor), vendor, answer, judged);
            if let Some(profile) = &spec.requirements {
                cell.outcomes = annotate::outcomes(profile, &entry.control.id, answer, lang);
            }
            cell
        })
        .collect();
    Row {
        control,
        title: entry.control.title.get(lang).to_string(),
        question: entry.control.question.get(lang).to_string(),
        category: catalog.categories[entry.category]
            .title
            .get(lang)
            .to_string(),
        crosswalk: entry.control.crosswalk.line(),
        cells,
    }
}

/// The shown vendors' answers to a control.
fn answers_of<'a>(catalog: &'a Catalog, spec: &ViewSpec, control: usize) -> Vec<Answered<'a>> {
    spec.vendors
        .iter()
        .map(|&vendor| Answered {
            vendor,
            answer: catalog.answer(vendor, control),
        })
        .collect()
}

/// Whether any filter that reads the answers is on.
fn filters_on(spec: &ViewSpec) -> bool {
    spec.only_differences
        || spec.only_unstated
        || spec.verdict.is_some()
        || spec.only_drafts
        || spec.only_changed
        || spec.only_failing
        || spec.only_unresolved
}

/// Whether a control passes the spec's filters (differences, silence, verdict); the query is
/// not looked at.
pub fn passes_filters(
    catalog: &Catalog,
    reviews: &Reviews,
    spec: &ViewSpec,
    control: usize,
) -> bool {
    // Cells are only built when a filter looks at them: with a thousand vendors, building
    // them for every control on every keystroke is most of a frame.
    if !filters_on(spec) {
        return true;
    }
    let profile = spec.requirements.as_deref();
    if spec.only_failing && !outcomes::any_fails(profile, catalog, &spec.vendors, control) {
        return false;
    }
    if spec.only_unresolved && !outcomes::any_unresolved(profile, catalog, &spec.vendors, control) {
        return false;
    }
    let cells = answers_of(catalog, spec, control);
    let masked = |x: &Answered| spec.mask_drafts && x.answer.is_some_and(|a| a.draft);
    (!spec.only_differences || differences(&cells, spec.mask_drafts).any())
        && (!spec.only_unstated
            || cells
                .iter()
                .any(|x| !masked(x) && x.status() == Status::NotStated))
        && (!spec.only_drafts || cells.iter().any(|x| x.answer.is_some_and(|a| a.draft)))
        && (!spec.only_changed
            || cells
                .iter()
                .any(|x| x.answer.is_some_and(changed::is_changed)))
        && spec.verdict.is_none_or(|wanted| {
            cells
                .iter()
                .any(|x| verdict_of(catalog, reviews, x.vendor, control) == Some(wanted))
        })
}

/// How many answers of the whole catalogue are drafts a reviewer has not confirmed.
pub fn drafts_left(catalog: &Catalog) -> usize {
    // Counted from what each cached record says where its answers are not decoded yet.
    catalog.vendors.iter().map(|v| v.answers.drafts()).sum()
}

/// The reviewer's verdict on a cell's answer, stale or not.
pub fn verdict_of(
    catalog: &Catalog,
    reviews: &Reviews,
    vendor: usize,
    control: usize,
) -> Option<Verdict> {
    let vendor = catalog.vendors[vendor].id();
    let control = &catalog.controls[control].control.id;
    reviews.get(vendor, control).and_then(|r| r.verdict)
}
