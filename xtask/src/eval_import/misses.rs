//! `--misses`: what a document's draft got wrong, for whoever works on the importer: each fact
//! whose first proposal is not the answer or whose value is not the fact's, with the anchor and
//! the first three proposals, and each stated draft judged wrong, with what it quotes.

use super::real::{Evaluated, FactOutcome, Proposal, CITABLE_CHARS};
use anyhow::Result;
use std::fmt::Write as _;

/// How many characters of a passage are shown.
const EXCERPT_CHARS: usize = 80;

/// The first characters of a text on one line, sanitized (documents are untrusted).
fn excerpt(text: &str) -> String {
    let flat: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut shown: String = flat.chars().take(EXCERPT_CHARS).collect();
    if flat.chars().count() > EXCERPT_CHARS {
        shown.push('…');
    }
    kurabe::sanitize::line(&shown).into_owned()
}

fn proposal_line(rank: usize, p: &Proposal, hit: bool) -> String {
    let chars = p.text.chars().count();
    let long = if chars > CITABLE_CHARS {
        ", too long"
    } else {
        ""
    };
    format!(
        "  {rank}. {} §{} ({chars} chars{long}): {}",
        if hit { "✓" } else { "✗" },
        kurabe::sanitize::line(&p.section),
        excerpt(&p.text)
    )
}

fn mark(ok: bool) -> &'static str {
    if ok {
        "✓"
    } else {
        "✗"
    }
}

fn fact_lines(out: &mut String, f: &FactOutcome) -> Result<()> {
    let mut head = format!(
        "- **{}** @1 {} @3 {}",
        f.fact.control,
        mark(f.top1),
        mark(f.top3)
    );
    if let (Some(ok), Some(wanted)) = (f.value, &f.fact.value) {
        let got = f
            .proposed
            .as_ref()
            .map_or("nothing".to_string(), |v| v.to_string());
        write!(
            head,
            " value {} (fact: {wanted}; proposed: {got})",
            mark(ok)
        )?;
    }
    writeln!(out, "{head}")?;
    for anchor in &f.fact.anchors {
        writeln!(out, "  anchor: {}", excerpt(anchor))?;
    }
    if f.proposals.is_empty() {
        writeln!(out, "  (no proposal)")?;
    }
    for (i, p) in f.proposals.iter().take(3).enumerate() {
        writeln!(
            out,
            "{}",
            proposal_line(i + 1, p, f.fact.anchored_in(&p.text))
        )?;
    }
    Ok(())
}

/// The misses of one document, as markdown.
pub fn report(e: &Evaluated) -> Result<String> {
    let mut out = String::new();
    writeln!(
        out,
        "### {}",
        kurabe::sanitize::line(&e.facts.file.document)
    )?;
    writeln!(out)?;
    if let Some(why) = &e.refused {
        writeln!(
            out,
            "Refused by the importer: {}",
            kurabe::sanitize::line(why)
        )?;
        writeln!(out)?;
        return Ok(out);
    }
    let missed: Vec<&FactOutcome> = e
        .outcomes
        .facts
        .iter()
        .filter(|f| !f.top1 || f.value == Some(false))
        .collect();
    writeln!(
        out,
        "Facts missed at rank 1 or with another value: {} of {}",
        missed.len(),
        e.outcomes.facts.len()
    )?;
    writeln!(out)?;
    for f in missed {
        fact_lines(&mut out, f)?;
    }
    let wrong: Vec<_> = e.outcomes.stated.iter().filter(|s| !s.right).collect();
    writeln!(out)?;
    writeln!(
        out,
        "Stated drafts judged wrong: {} of {}",
        wrong.len(),
        e.outcomes.stated.len()
    )?;
    writeln!(out)?;
    for s in wrong {
        let has_fact = e.outcomes.facts.iter().any(|f| f.fact.control == s.control);
        let quote = s
            .first_quote
            .as_ref()
            .map_or("(no quote)".to_string(), |q| {
                format!(
                    "§{}: {}",
                    kurabe::sanitize::line(&q.section),
                    excerpt(&q.text)
                )
            });
        writeln!(
            out,
            "- **{}** ({:.2}{}) {quote}",
            s.control,
            s.confidence,
            if has_fact { "" } else { ", no fact" }
        )?;
    }
    writeln!(out)?;
    Ok(out)
}
