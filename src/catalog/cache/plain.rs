//! Whether a vendor read from the cache plainly needs no sanitizing: every string made only of
//! characters that [`crate::sanitize`] keeps wherever they stand. Checking is several times
//! cheaper than sanitizing (a byte test for ASCII, a lead-byte test for the kana, kanji and
//! fullwidth forms of Japanese text), and most vendors pass; one that does not is sanitized.
//! The structs are taken apart whole, so a field added to the model is a compile error here
//! until it is checked.

use super::super::model::{
    Answer, Candidate, Conflict, Document, Quote, Text, Value, Vendor, VendorInfo,
};

pub(super) fn vendor_is_plain(v: &Vendor) -> bool {
    let Vendor {
        info,
        documents,
        answers,
        origin: _,
    } = v;
    let VendorInfo {
        id,
        name,
        short_name,
        products,
        note,
        assessed,
    } = info;
    plain(id)
        && assessed.as_deref().is_none_or(plain)
        && text(name)
        && short_name.as_ref().is_none_or(text)
        && products.as_deref().is_none_or(plain)
        && note.as_ref().is_none_or(text)
        && documents.iter().all(document)
        && answers.iter().all(answer)
}

fn document(d: &Document) -> bool {
    let Document {
        id,
        title,
        version,
        date,
        source,
    } = d;
    plain(id)
        && plain(title)
        && version.as_deref().is_none_or(plain)
        && date.as_deref().is_none_or(plain)
        && plain(source)
}

fn answer(a: &Answer) -> bool {
    let Answer {
        control,
        status: _,
        polarity: _,
        summary,
        vendor_words: _,
        value,
        note,
        quotes,
        draft: _,
        candidates,
        conflicts,
        previous,
    } = a;
    let previous_is_plain = previous.as_ref().is_none_or(|p| {
        p.summary.as_ref().is_none_or(text)
            && p.value.as_ref().is_none_or(value_is_plain)
            && p.from.as_deref().is_none_or(plain)
            && p.quotes
                .iter()
                .all(|q| plain(&q.document) && plain(&q.section) && plain(&q.text))
    });
    previous_is_plain
        && plain(control)
        && summary.as_ref().is_none_or(text)
        && value.as_ref().is_none_or(value_is_plain)
        && note.as_ref().is_none_or(text)
        && quotes.iter().all(|q| {
            let Quote {
                document,
                section,
                text,
                context,
            } = q;
            plain(document) && plain(section) && plain(text) && context.as_deref().is_none_or(plain)
        })
        && candidates.iter().all(|c| {
            let Candidate {
                document,
                section,
                text,
                score: _,
                context,
                value,
            } = c;
            plain(document)
                && plain(section)
                && plain(text)
                && context.as_deref().is_none_or(plain)
                && value.as_ref().is_none_or(value_is_plain)
        })
        && conflicts.iter().all(conflict_is_plain)
}

fn conflict_is_plain(c: &Conflict) -> bool {
    match c {
        Conflict::SummaryEn { ours, theirs } | Conflict::SummaryJa { ours, theirs } => {
            ours.as_deref().is_none_or(plain) && theirs.as_deref().is_none_or(plain)
        }
        Conflict::Value { ours, theirs } => {
            ours.as_ref().is_none_or(value_is_plain) && theirs.as_ref().is_none_or(value_is_plain)
        }
        Conflict::Note { ours, theirs } => {
            ours.as_ref().is_none_or(text) && theirs.as_ref().is_none_or(text)
        }
        Conflict::Status { .. } | Conflict::Polarity { .. } | Conflict::Draft { .. } => true,
    }
}

fn value_is_plain(v: &Value) -> bool {
    match v {
        Value::List { items } => items.iter().all(|s| plain(s)),
        Value::ServiceHours {
            text: t,
            exceptions,
        } => text(t) && exceptions.as_ref().is_none_or(text),
        Value::CalendarRule { rule } => text(rule),
        Value::Count { of, also, .. } => {
            of.as_ref().is_none_or(text) && also.iter().all(|s| s.of.as_ref().is_none_or(text))
        }
        Value::Duration { .. }
        | Value::Interval { .. }
        | Value::Percentage { .. }
        | Value::Indefinite => true,
    }
}

fn text(t: &Text) -> bool {
    let Text { en, ja } = t;
    plain(en) && ja.as_deref().is_none_or(plain)
}

/// Whether `s` holds only printable ASCII, the CJK symbols and kana (U+3000–U+30FF), the
/// unified ideographs U+4E00–U+9FFF, the fullwidth and halfwidth forms U+FF00–U+FF7F, Latin-1
/// letters (U+00C0–U+00FF) and the dashes, quotes and ellipsis of U+2010–U+2027: none of them
/// is a control, invisible, a separator or a variation selector, so sanitizing keeps them all
/// as they are. No line breaks either (one-line fields turn them into spaces).
pub(super) fn plain(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&lead) = b.get(i) {
        // `s` is UTF-8: a lead byte is followed by its continuation bytes.
        let step = match LEAD[usize::from(lead)] {
            SECOND => match (lead, b.get(i + 1)) {
                (0xE3, Some(0x80..=0x83))
                | (0xE4, Some(0xB8..=0xBF))
                | (0xEF, Some(0xBC..=0xBD)) => 3,
                (0xE2, Some(0x80)) if matches!(b.get(i + 2), Some(0x90..=0xA7)) => 3,
                _ => return false,
            },
            0 => return false,
            step => step,
        };
        i += usize::from(step);
    }
    true
}

/// A lead byte whose second byte decides.
const SECOND: u8 = 0xFF;

/// For each first byte of a character: its length if every character it starts is plain, 0
/// if none or not all are, [`SECOND`] if that depends on the next bytes.
const LEAD: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut c = 0x20;
    while c < 0x7F {
        t[c] = 1;
        c += 1;
    }
    t[0xC3] = 2;
    let mut c = 0xE5;
    while c <= 0xE9 {
        t[c] = 3;
        c += 1;
    }
    t[0xE2] = SECOND;
    t[0xE3] = SECOND;
    t[0xE4] = SECOND;
    t[0xEF] = SECOND;
    t
};

#[cfg(test)]
mod tests {
    use super::plain;
    use crate::sanitize;

    #[test]
    fn what_is_plain_is_what_sanitizing_keeps() {
        let chars = (0..=0x10FFFFu32).filter_map(char::from_u32);
        let mut kept = 0;
        for c in chars {
            let s = format!("a{c}{c}");
            if plain(&s) {
                kept += 1;
                assert_eq!(sanitize::text(&s), s.as_str(), "{c:?}");
                assert_eq!(sanitize::line(&s), s.as_str(), "{c:?}");
            }
        }
        // ASCII, kana, kanji, fullwidth forms: the text of the catalogues.
        assert!(kept > 20_000, "{kept}");
        assert!(plain("削除（３０日）— \"x\" セキュリティ é"));
        for unsafe_ in [
            "a\nb",
            "\u{1b}[0m",
            "a\u{200b}b",
            "x\u{202e}",
            "\u{7f}",
            "\u{3164}",
        ] {
            assert!(!plain(unsafe_), "{unsafe_:?}");
        }
    }
}
