//! The one place that decides what is said about an answer and a document: status badge, the
//! reviewer's verdict and whether it is stale, the value label, summary, notes, superseded
//! standards, quotes with their citations; a document's date, age and staleness. The screen and
//! every export format these annotations and decide nothing themselves.

use crate::catalog::{Answer, Document, Lang, Status, Vendor};
use crate::freshness::{age_months, parse_date, superseded_in_answer};
use crate::requirements::{self, words as rwords, Level, Outcome, Profile};
use crate::reviews::{words as verdict_words, Judged, Verdict};
use crate::words::{self, ChangeWord, Word};
use jiff::civil::Date;

/// One vendor's answer to one control, with everything shown about it.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell<'a> {
    pub vendor: usize,
    /// The answer as loaded; `None` where the vendor's file has none (read as not stated).
    pub answer: Option<&'a Answer>,
    pub status: Status,
    /// "● stated" / "● 記載あり"; "● stated  ✎ draft" for an imported answer not yet confirmed.
    pub badge: String,
    /// The answer to a yes/no question: "yes" / "はい", "no" / "いいえ", "conditional" / "条件付き".
    pub polarity: Option<&'static str>,
    /// Written by `kurabe import` and not yet confirmed by a reviewer: `text` starts with
    /// [`words::draft_mark`].
    pub draft: bool,
    /// A draft shown without its content (the view masks drafts): `badge` and `text` say only
    /// that it is a draft not reviewed; its status, polarity, value, summary, note, warnings
    /// and quotes are left out (`status` stays for the filters, and is not to be shown).
    pub masked: bool,
    pub verdict: Option<VerdictNote>,
    /// The reviewer's note, if any.
    pub review_note: Option<String>,
    /// The value as the language writes it ("30 days" / "30日").
    pub value: Option<String>,
    pub summary: Option<String>,
    /// The summary is the vendor's own words (the quotes in 「」), not a person's summary:
    /// the label to show before it, "The vendor's words" / "事業者の原文".
    pub summary_marker: Option<&'static str>,
    pub note: Option<String>,
    /// Warnings on superseded standards the answer cites.
    pub warnings: Vec<String>,
    pub quotes: Vec<QuoteNote>,
    /// The comparison-table text of the answer: "(partial) value — summary", or "not stated";
    /// a draft's starts with "[draft] " / "【下書き】", and a masked draft's is "draft (not
    /// reviewed)" / "下書き（未確認）" alone.
    pub text: String,
    /// The answer judged against each requirement of the active profile on this control
    /// (none without a profile; a control may carry several requirements).
    pub outcomes: Vec<OutcomeNote>,
    /// A draft an update made from a changed answer: what it said before (`text` then starts
    /// with the draft mark and [`ChangeWord::Mark`]; the answer pane shows [`ChangeWord::Badge`]
    /// on a line of its own under `badge`, where it is never cut off).
    pub changed: Option<super::changed::ChangeNote>,
}

/// One requirement of the active profile judged on an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutcomeNote {
    /// The requirement's position in the profile.
    pub requirement: usize,
    pub level: Level,
    pub outcome: Outcome,
    /// "✗ fails" / "✗ 不適合".
    pub badge: String,
    /// What the requirement asks: "at most 45 days" / "45日以内".
    pub asks: String,
    /// Why: "60 days after cancellation is more than 45 days".
    pub reason: String,
}

/// The reviewer's verdict on an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerdictNote {
    pub verdict: Verdict,
    /// The answer changed since the verdict was given.
    pub stale: bool,
    /// "⚑ follow-up" or "⚑ follow-up (stale: …)".
    pub label: String,
    /// The verdict's word alone: "follow-up".
    pub word: &'static str,
    /// Two cells for a matrix: "⚑ " or "⚑~" when stale.
    pub mark: &'static str,
    /// Who set it and on which day: "Aiko Sato, 2026-12-07", where the review records who.
    pub by: Option<String>,
}

/// A verbatim quote with where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteNote {
    pub text: String,
    pub document: String,
    pub section: String,
    /// "title, vversion, date, §section".
    pub citation: String,
}

/// A shown vendor, with its documents annotated.
#[derive(Debug, Clone, PartialEq)]
pub struct VendorNote {
    pub vendor: usize,
    pub id: String,
    pub name: String,
    /// Its short display name (the name where the file gives none), for narrow places.
    pub short_name: String,
    /// The vendor comes from the user's own data directory.
    pub user: bool,
    pub documents: Vec<DocumentNote>,
    /// Any of its documents is stale or dated in the future.
    pub stale: bool,
    /// Its outcomes counted by level, when a requirements profile is active.
    pub card: Option<requirements::Scorecard>,
    /// How many of its answers in the view's rows are drafts nobody has reviewed.
    pub drafts: usize,
    /// Its last assessment and when the next is due; `None` while it has not been assessed.
    pub assessment: Option<crate::freshness::Assessment>,
    /// Due for re-assessment today (never without a today).
    pub due: bool,
    /// "assessed 2025-07-01 (its documents' date), next due 2026-07-01 ⚠ due for re-assessment".
    pub assessment_line: String,
}

/// A document's date and age.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentNote {
    pub id: String,
    pub title: String,
    pub version: Option<String>,
    pub date: Option<String>,
    /// Whole months since the document's date, given today.
    pub age_months: Option<u32>,
    /// Older than the configured age.
    pub stale: bool,
    /// Dated after today: never counted fresh.
    pub future: bool,
    /// The document in one line: "title v4.5, 2025-07-01, 1 year 4 months old ⚠ stale (…)".
    pub line: String,
}

/// What annotating needs besides the answer.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    pub lang: Lang,
    pub today: Option<Date>,
    pub stale_after_months: u32,
    pub reassess_after_months: u32,
    /// Drafts show that they are drafts, and nothing of what they propose.
    pub mask_drafts: bool,
    pub vendor: &'a Vendor,
}

/// Annotates one answer (or its absence) with its review.
pub fn cell<'a>(
    ctx: Context<'_>,
    vendor: usize,
    answer: Option<&'a Answer>,
    judged: Option<Judged<'_>>,
) -> Cell<'a> {
    let lang = ctx.lang;
    let stated = answer.filter(|a| a.status != Status::NotStated);
    let status = stated.map_or(Status::NotStated, |a| a.status);
    let verdict = judged.as_ref().and_then(|j| {
        let mut note = verdict_note(j.review.verdict?, j.stale, lang);
        set_by(&mut note, j.review.by.as_deref(), j.review.changed);
        Some(note)
    });
    let review_note = judged
        .as_ref()
        .map(|j| j.review.note.clone())
        .filter(|n| !n.trim().is_empty());
    let draft = answer.is_some_and(|a| a.draft);
    if draft && ctx.mask_drafts {
        return masked(vendor, answer, status, verdict, review_note, lang);
    }
    let polarity = stated
        .and_then(|a| a.polarity)
        .map(|p| words::polarity(p, lang));
    let value = stated.and_then(|a| a.value.as_ref()).map(|v| v.shown(lang));
    let (summary, summary_marker) = match stated {
        Some(a) => summary_of(a, lang),
        None => (None, None),
    };
    let note = stated
        .and_then(|a| a.note.as_ref())
        .map(|n| n.get(lang).to_string());
    let warnings = match (stated, ctx.today) {
        (Some(a), Some(today)) => superseded_in_answer(a)
            .into_iter()
            .map(|s| superseded_note(&s, today, lang))
            .collect(),
        _ => Vec::new(),
    };
    let quotes = stated
        .map(|a| {
            a.quotes
                .iter()
                .map(|q| QuoteNote {
                    text: q.text.clone().into_owned(),
                    document: q.document.clone().into_owned(),
                    section: q.section.clone().into_owned(),
                    citation: citation(
                        ctx.vendor.document(&q.document),
                        &q.document,
                        &q.section,
                        lang,
                    ),
                })
                .collect()
        })
        .unwrap_or_default();
    let stale = verdict.as_ref().is_some_and(|v| v.stale);
    let changed = answer.and_then(|a| super::changed::note(a, ctx.vendor, stale, lang));
    let mut text = table_text(status, polarity, value.as_deref(), summary.as_deref(), lang);
    if changed.is_some() {
        text.insert_str(0, ChangeWord::Mark.get(lang));
    }
    if draft {
        text.insert_str(0, words::draft_mark(lang));
    }
    let mut badge = words::status_badge(status, lang);
    if draft {
        badge.push_str("  ");
        badge.push_str(words::draft_badge(lang));
    }

    Cell {
        vendor,
        answer,
        status,
        badge,
        polarity,
        draft,
        masked: false,
        verdict,
        review_note,
        value,
        summary,
        summary_marker,
        note,
        warnings,
        quotes,
        text,
        outcomes: Vec::new(),
        changed,
    }
}

/// A draft cell while drafts are masked: the mark, the reviewer's own verdict and note, and
/// nothing the importer proposed.
fn masked<'a>(
    vendor: usize,
    answer: Option<&'a Answer>,
    status: Status,
    verdict: Option<VerdictNote>,
    review_note: Option<String>,
    lang: Lang,
) -> Cell<'a> {
    Cell {
        vendor,
        answer,
        status,
        badge: format!("✎ {}", words::masked_draft(lang)),
        polarity: None,
        draft: true,
        masked: true,
        verdict,
        review_note,
        value: None,
        summary: None,
        summary_marker: None,
        note: None,
        warnings: Vec::new(),
        quotes: Vec::new(),
        text: words::masked_draft(lang).to_string(),
        outcomes: Vec::new(),
        changed: None,
    }
}

/// The answer (absent: not stated) judged against every requirement of `profile` on `control`.
pub fn outcomes(
    profile: &Profile,
    control: &str,
    answer: Option<&Answer>,
    lang: Lang,
) -> Vec<OutcomeNote> {
    profile
        .on_control(control)
        .map(|(i, r)| {
            let j = requirements::judge(i, r, answer);
            OutcomeNote {
                requirement: i,
                level: r.level,
                outcome: j.outcome,
                badge: rwords::outcome_badge(j.outcome, lang),
                asks: rwords::requirement(r, lang),
                reason: rwords::reason(&j.reason, lang),
            }
        })
        .collect()
}

/// An answer's summary in `lang`, and the vendor's-words marker where no person wrote it: the
/// importer's marked quotes, or (for a draft without any summary) the quotes themselves.
fn summary_of(answer: &Answer, lang: Lang) -> (Option<String>, Option<&'static str>) {
    let marker = Some(words::word(Word::VendorsWords, lang));
    match &answer.summary {
        Some(s) => match crate::drafts::vendor_words(answer, lang) {
            Some(words) => (Some(words.to_string()), marker),
            None => (Some(s.get(lang).to_string()), None),
        },
        None if answer.draft && !answer.quotes.is_empty() => {
            (Some(crate::drafts::quoted(&answer.quotes)), marker)
        }
        None => (None, None),
    }
}

/// The one wording of a verdict, stale or not.
/// Who set the verdict and on which day (UTC), after its label: "⚑ follow-up — Aiko Sato,
/// 2026-12-07". Only where the review records who (older reviews say neither).
fn set_by(note: &mut VerdictNote, by: Option<&str>, changed: Option<jiff::Timestamp>) {
    let Some(by) = by else { return };
    let day = changed.map(|t| t.to_zoned(jiff::tz::TimeZone::UTC).date().to_string());
    note.by = Some(match day {
        Some(day) => format!("{by}, {day}"),
        None => by.to_string(),
    });
    note.label
        .push_str(&format!(" — {}", note.by.as_deref().unwrap_or_default()));
}

pub fn verdict_note(verdict: Verdict, stale: bool, lang: Lang) -> VerdictNote {
    let word = verdict_words::verdict(verdict, lang);
    let mark = verdict_words::verdict_mark(verdict);
    let mut label = format!("{mark} {word}");
    if stale {
        label.push_str(&format!(" ({})", words::stale_verdict(lang)));
    }
    let mark = match (verdict, stale) {
        (Verdict::Acceptable, false) => "⊕ ",
        (Verdict::Acceptable, true) => "⊕~",
        (Verdict::FollowUp, false) => "⚑ ",
        (Verdict::FollowUp, true) => "⚑~",
        (Verdict::Risk, false) => "⊘ ",
        (Verdict::Risk, true) => "⊘~",
    };
    VerdictNote {
        verdict,
        stale,
        label,
        word,
        mark,
        by: None,
    }
}

/// The comparison-table text: the polarity and the value first, then the summary; "(partial)"
/// in front of a partial answer; "not stated" where the vendor says nothing.
fn table_text(
    status: Status,
    polarity: Option<&str>,
    value: Option<&str>,
    summary: Option<&str>,
    lang: Lang,
) -> String {
    if status == Status::NotStated {
        return words::status(Status::NotStated, lang).to_string();
    }
    let summary = summary.unwrap_or("");
    let headline: Vec<&str> = [polarity, value].into_iter().flatten().collect();
    let headline = headline.join(" · ");
    let mut out = match (headline.is_empty(), summary.is_empty()) {
        (false, true) => headline,
        (false, false) => format!("{headline} — {summary}"),
        (true, _) => summary.to_string(),
    };
    if status == Status::Partial {
        out.insert_str(0, words::partial_prefix(lang));
    }
    out
}

fn superseded_note(s: &crate::freshness::Superseded, today: Date, lang: Lang) -> String {
    let ended = parse_date(s.transition_end).is_some_and(|end| today > end);
    words::superseded(s.edition, s.successor, s.transition_end, ended, lang)
}

/// "title, vversion, date, §section" for a quote.
pub fn citation(doc: Option<&Document>, document_id: &str, section: &str, lang: Lang) -> String {
    let mut parts = Vec::new();
    match doc {
        Some(d) => {
            parts.push(d.title.clone());
            if let Some(v) = &d.version {
                parts.push(format!("v{v}"));
            }
            if let Some(date) = &d.date {
                parts.push(date.clone());
            }
        }
        None => parts.push(document_id.to_string()),
    }
    parts.push(if section == "preamble" {
        words::word(Word::Preamble, lang).to_string()
    } else {
        format!("§{section}")
    });
    parts.join(", ")
}

impl VendorNote {
    /// The name where it fits in `room` cells, the short name where not.
    pub fn display_name(&self, room: usize) -> &str {
        if crate::text::width(&self.name) <= room {
            &self.name
        } else {
            &self.short_name
        }
    }
}

/// A shown vendor and its documents.
pub fn vendor(ctx: Context<'_>, index: usize) -> VendorNote {
    let v = ctx.vendor;
    let documents: Vec<DocumentNote> = v.documents.iter().map(|d| document(ctx, d)).collect();
    let assessment = crate::freshness::last_assessment(v, ctx.reassess_after_months, ctx.today);
    let due = matches!((assessment, ctx.today), (Some(a), Some(t)) if a.is_due(t));
    VendorNote {
        vendor: index,
        id: v.id().to_string(),
        name: v.info.name.get(ctx.lang).to_string(),
        short_name: v.short_name(ctx.lang).to_string(),
        user: v.origin == crate::catalog::Origin::User,
        stale: documents.iter().any(|d| d.stale || d.future),
        documents,
        card: None,
        drafts: 0,
        assessment_line: words::assessment_line(
            assessment.map(|a| {
                let by_documents = a.by == crate::freshness::AssessedBy::Documents;
                (a.on, by_documents, a.due_on)
            }),
            v.answers.drafts() > 0,
            due,
            ctx.lang,
        ),
        assessment,
        due,
    }
}

/// A document's age against today, and its one-line description.
pub fn document(ctx: Context<'_>, doc: &Document) -> DocumentNote {
    let lang = ctx.lang;
    let parsed = doc.date.as_deref().and_then(parse_date);
    let future = matches!((parsed, ctx.today), (Some(d), Some(t)) if d > t);
    let age = match (parsed, ctx.today) {
        (Some(d), Some(t)) if !future => Some(age_months(d, t)),
        _ => None,
    };
    let stale = age.is_some_and(|m| m > ctx.stale_after_months);
    let mut line = doc.title.clone();
    if let Some(v) = &doc.version {
        line.push_str(&format!(" v{v}"));
    }
    match &doc.date {
        Some(date) => {
            line.push_str(&format!(", {date}"));
            if let Some(m) = age {
                line.push_str(&words::aged(m, lang));
            }
        }
        None => line.push_str(&format!(" ({})", words::word(Word::Undated, lang))),
    }
    if stale {
        line.push_str(&format!(
            " ⚠ {}",
            words::stale_over(ctx.stale_after_months, lang)
        ));
    }
    if future {
        line.push_str(&format!(" ⚠ {}", words::word(Word::Future, lang)));
    }
    DocumentNote {
        id: doc.id.clone(),
        title: doc.title.clone(),
        version: doc.version.clone(),
        date: doc.date.clone(),
        age_months: age,
        stale,
        future,
        line,
    }
}
