//! One vocabulary in two languages: every message of the words tables reads in English and in
//! Japanese (the Japanese not the English, unless it is a symbol or a name), and the reviewer's
//! verdicts cannot be mistaken for the requirements' outcomes, in words or in marks.

use kurabe::catalog::{Lang, Polarity, Status};
use kurabe::requirements::{words as outcome_words, Level, Outcome};
use kurabe::reviews::{words as verdict_words, Verdict};
use kurabe::words::{self, ChangeWord, Phrase, SheetWord, Word};

const VERDICTS: [Verdict; 3] = [Verdict::Acceptable, Verdict::FollowUp, Verdict::Risk];

/// Words that are the same in both languages by design: names and identifiers.
const SAME_IN_BOTH: &[&str] = &[];

fn both(f: impl Fn(Lang) -> String) -> (String, String) {
    (f(Lang::En), f(Lang::Ja))
}

fn every_pair() -> Vec<(String, String)> {
    let own = |(en, ja): (&str, &str)| (en.to_string(), ja.to_string());
    let mut pairs: Vec<(String, String)> = Vec::new();
    pairs.extend(Word::ALL.iter().map(|w| own(w.pair())));
    pairs.extend(SheetWord::ALL.iter().map(|w| own(w.pair())));
    pairs.extend(Phrase::ALL.iter().map(|w| own(w.pair())));
    pairs.extend(ChangeWord::ALL.iter().map(|w| own(w.pair())));
    let fixed: [fn(Lang) -> &'static str; 11] = [
        words::only_differences,
        words::only_unstated,
        words::only_failing,
        words::only_unresolved,
        words::draft_badge,
        words::draft_mark,
        words::masked_draft,
        words::drafts_not_reviewed,
        words::drafts_masked,
        words::only_drafts,
        words::partial_prefix,
    ];
    pairs.extend(fixed.iter().map(|f| both(|l| f(l).to_string())));
    for s in [Status::Stated, Status::Partial, Status::NotStated] {
        pairs.push(both(|l| words::status(s, l).to_string()));
    }
    for p in [Polarity::Yes, Polarity::No, Polarity::Conditional] {
        pairs.push(both(|l| words::polarity(p, l).to_string()));
    }
    for v in VERDICTS {
        pairs.push(both(|l| verdict_words::verdict(v, l).to_string()));
        pairs.push(both(|l| verdict_words::only_verdict(v, l).to_string()));
    }
    for o in Outcome::ALL {
        pairs.push(both(|l| outcome_words::outcome(o, l).to_string()));
    }
    for level in [Level::Must, Level::Should] {
        pairs.push(both(|l| outcome_words::level(level, l).to_string()));
    }
    for n in [0, 1, 2] {
        pairs.push(both(|l| words::controls(n, l)));
        pairs.push(both(|l| words::control_count(n, l)));
        pairs.push(both(|l| words::matching_controls(n, l)));
        pairs.push(both(|l| words::drafts_left(n, l)));
        pairs.push(both(|l| words::age(n as u32 * 13, l)));
        pairs.push(both(|l| words::aged(n as u32 * 13, l)));
        pairs.push(both(|l| {
            words::superseded("A:2013", "A:2022", "2025-10-31", n == 1, l)
        }));
        pairs.push(both(|l| words::stale_over(n as u32 * 12, l)));
    }
    pairs
}

#[test]
fn every_message_reads_in_both_languages() {
    let pairs = every_pair();
    assert!(pairs.len() > 100, "{} messages", pairs.len());
    for (en, ja) in &pairs {
        assert!(
            !en.trim().is_empty(),
            "an empty English message beside {ja:?}"
        );
        assert!(
            !ja.trim().is_empty(),
            "an empty Japanese message beside {en:?}"
        );
        let symbol = !en.chars().any(|c| c.is_ascii_alphabetic());
        assert!(
            en != ja || symbol || SAME_IN_BOTH.contains(&en.as_str()),
            "{en:?} is not translated"
        );
        // Japanese text is written in Japanese: at least one kana or kanji, unless a symbol.
        let japanese = ja
            .chars()
            .any(|c| matches!(c, '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}'));
        assert!(
            japanese || symbol || SAME_IN_BOTH.contains(&ja.as_str()),
            "{ja:?} is English"
        );
    }
}

#[test]
fn the_glossary_is_kept() {
    for (en, ja) in every_pair() {
        for (word, instead) in [("ベンダー", "事業者"), ("取消", "取り消し")] {
            assert!(
                !ja.contains(word) || ja.contains(instead),
                "{ja:?} ({en:?}): {instead}, not {word}"
            );
        }
        // 項目 is not a control: a control is 管理策.
        assert!(!ja.contains("項目"), "{ja:?} ({en:?}): 管理策, not 項目");
        assert!(
            !en.contains("1 controls") && !en.contains(" a Interval"),
            "{en:?}"
        );
    }
}

#[test]
fn verdicts_and_outcomes_are_told_apart_in_words_and_marks() {
    let status_marks = ["●", "◐", "○"];
    for lang in [Lang::En, Lang::Ja] {
        let verdict_words: Vec<&str> = VERDICTS
            .iter()
            .map(|&v| verdict_words::verdict(v, lang))
            .collect();
        let outcome_words: Vec<&str> = Outcome::ALL
            .iter()
            .map(|&o| outcome_words::outcome(o, lang))
            .collect();
        for v in &verdict_words {
            for o in &outcome_words {
                assert_ne!(v, o);
                // 要確認 and 要判断 read alike: no verdict shares an outcome's first character
                // and last.
                let ends = |s: &str| (s.chars().next(), s.chars().last());
                assert!(
                    lang == Lang::En || ends(v).0 != ends(o).0 || v.chars().count() < 2,
                    "{v} / {o}"
                );
            }
        }
    }
    let verdict_marks: Vec<&str> = VERDICTS
        .iter()
        .map(|&v| verdict_words::verdict_mark(v))
        .collect();
    for o in Outcome::ALL {
        let mark = outcome_words::outcome_mark(o);
        assert!(
            !verdict_marks.contains(&mark),
            "{mark} is a verdict's and an outcome's"
        );
        assert!(!status_marks.contains(&mark));
    }
    for v in &verdict_marks {
        assert!(!status_marks.contains(v));
    }
}
