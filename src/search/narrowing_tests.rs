//! Narrowing from the previous key (windows of the shorter word, letter bits) against the plain
//! search, on texts built to hold a word's chars at the edge of the window a match may span.

use super::closeness::{weighted, Section};
use super::rank::rank;
use super::score::{narrowest_span, score_word, window, Pattern, Scratch};
use super::{Hit, Previous, SearchIndex};
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::atomic::AtomicBool;

type Controls = Vec<Vec<(u32, Section, String)>>;

/// The plain search: every text scored with a fresh matcher, the best per control and word.
fn reference(controls: &Controls, query: &str) -> Vec<Hit> {
    let words = super::query_words(query);
    let matcher = SkimMatcherV2::default().respect_case();
    let best: Vec<Vec<i64>> = words
        .iter()
        .map(|word| {
            controls
                .iter()
                .map(|texts| {
                    texts
                        .iter()
                        .filter_map(|(_, section, text)| {
                            let score = score_word(&matcher, text, word)?;
                            Some(weighted(*section as i64, score))
                        })
                        .max()
                        .unwrap_or(0)
                })
                .collect()
        })
        .collect();
    let best: Vec<&[i64]> = best.iter().map(Vec::as_slice).collect();
    rank(controls.len(), &best, &[])
}

/// `word`'s first `m` chars, spread so that the narrowest window holding them spans `span`
/// chars (the gaps filled with `filler`: evenly, or all in the first gap, which leaves the
/// shorter prefixes as wide as the whole), between `before` and `after`.
fn spread(
    word: &[char],
    m: usize,
    span: usize,
    filler: &[char],
    around: (&str, &str),
    front: bool,
) -> String {
    let gaps = m.saturating_sub(1);
    let extra = span - gaps;
    let mut out = String::from(around.0);
    for (i, &c) in word[..m].iter().enumerate() {
        out.push(c);
        if i + 1 < m {
            let here = match front {
                true => extra * usize::from(i == 0),
                false => extra / gaps + usize::from(i < extra % gaps),
            };
            out.extend((0..here).map(|k| filler[k % filler.len()]));
        }
    }
    out.push_str(around.1);
    out
}

/// Texts holding each prefix of `word` (from 2 chars) in windows a few chars either side of
/// the widest the prefix may span, and of the widest the next longer prefix may: two to a
/// control, in two sections, so that a control's best comes from either.
fn texts_at_the_bounds(word: &str, fillers: &[&[char]], around: &[(&str, &str)]) -> Controls {
    let chars: Vec<char> = word.chars().collect();
    let mut texts = Vec::new();
    for m in 2..=chars.len() {
        let mut spans: Vec<usize> = Vec::new();
        for bound in [window(m), window(m + 1), window(m + 2)] {
            spans.extend(bound.saturating_sub(2)..=bound + 2);
        }
        spans.retain(|&s| s >= m - 1);
        for &span in &spans {
            for filler in fillers {
                for &around in around {
                    for front in [false, true] {
                        texts.push(spread(&chars, m, span, filler, around, front));
                    }
                }
            }
        }
    }
    let sections = [Section::Heading, Section::Answer, Section::Evidence];
    texts
        .chunks(2)
        .enumerate()
        .map(|(c, pair)| {
            pair.iter()
                .enumerate()
                .map(|(i, text)| ((c % 3) as u32, sections[(c + i) % 3], text.clone()))
                .collect()
        })
        .collect()
}

/// Every prefix of `word` typed a char at a time, and every prefix searched from each shorter
/// one's work (a paste, or keys typed faster than the searches), against the plain search.
fn check_every_narrowing(controls: &Controls, word: &str) {
    let index = SearchIndex::of_texts(controls, 3);
    let shown = [0, 1, 2];
    let never = AtomicBool::new(false);
    let chars: Vec<char> = word.chars().collect();
    let prefix = |m: usize| -> String { chars[..m].iter().collect() };
    let mut works: Vec<Previous> = Vec::new();
    let mut prev: Option<Previous> = None;
    for m in 1..=chars.len() {
        let done = index
            .search_with(&prefix(m), &shown, prev.as_ref(), &never)
            .unwrap();
        let want = reference(controls, &prefix(m));
        assert_eq!(done.hits, want, "{:?} typed", prefix(m));
        prev = Some(done.previous.clone());
        works.push(done.previous);
    }
    for (from, work) in works.iter().enumerate() {
        for m in from + 2..=chars.len() {
            let done = index
                .search_with(&prefix(m), &shown, Some(work), &never)
                .unwrap();
            let want = reference(controls, &prefix(m));
            assert_eq!(
                done.hits,
                want,
                "{:?} from {:?}",
                prefix(m),
                prefix(from + 1)
            );
        }
    }
}

#[test]
fn english_texts_at_the_window_bounds_are_found_typed_as_afresh() {
    let word = "retention";
    let controls = texts_at_the_bounds(
        word,
        &[&['z'], &[' ', 'z'], &['q', 'z', '-']],
        &[("", ""), ("the ", " policy"), ("data re", " ret")],
    );
    assert!(controls.len() > 400, "{}", controls.len());
    // Most prefixes match some controls and miss others: a dropped text would show.
    let index = SearchIndex::of_texts(&controls, 3);
    let hits = index.search("reten", &[0, 1, 2]).len();
    assert!(hits > 10 && hits < controls.len(), "{hits}");
    check_every_narrowing(&controls, word);
}

/// A word edited inside (a char put back between two others): the shorter word's window
/// has the same ends as the longer's, and may be exactly as wide as the longer word allows.
#[test]
fn a_word_edited_inside_finds_what_it_finds_afresh() {
    let word = "retention";
    let controls = texts_at_the_bounds(word, &[&['z'], &[' ', 'z']], &[("", ""), ("a ", " b")]);
    let index = SearchIndex::of_texts(&controls, 3);
    let shown = [0, 1, 2];
    let never = AtomicBool::new(false);
    let chars: Vec<char> = word.chars().collect();
    for m in 3..=chars.len() {
        let longer: String = chars[..m].iter().collect();
        let shorter: String = chars[..m]
            .iter()
            .enumerate()
            .filter(|&(i, _)| i != 1)
            .map(|(_, c)| c)
            .collect();
        let work = index.search_with(&shorter, &shown, None, &never).unwrap();
        let done = index
            .search_with(&longer, &shown, Some(&work.previous), &never)
            .unwrap();
        assert_eq!(
            done.hits,
            reference(&controls, &longer),
            "{longer:?} from {shorter:?}"
        );
    }
}

#[test]
fn japanese_texts_at_the_window_bounds_are_found_typed_as_afresh() {
    let word = "削除データ保管";
    let controls = texts_at_the_bounds(
        word,
        &[&['の'], &['の', '、'], &['x', ' ']],
        &[("", ""), ("顧客の", "を行う"), ("backup ", " 30日")],
    );
    let index = SearchIndex::of_texts(&controls, 3);
    let hits = index.search("削除デ", &[0, 1, 2]).len();
    assert!(hits > 10 && hits < controls.len(), "{hits}");
    check_every_narrowing(&controls, word);
}

#[test]
fn words_whose_letters_a_text_lacks_find_nothing_there() {
    // Letters missing (k, 3) or present only in another kind of text: nothing may match, and
    // the words with every letter still do.
    let controls: Controls = vec![
        vec![(0, Section::Answer, "data retention period".into())],
        vec![(1, Section::Evidence, "データの保管期間".into())],
        vec![(2, Section::Heading, "log kept 30 days".into())],
    ];
    for query in ["rek", "ret3", "保管k", "lo3", "ret", "保管", "30", "kept"] {
        check_every_narrowing(&controls, query);
    }
}

/// The narrowest window by brute force: every start, every end.
fn narrowest_by_brute_force<T: Copy + PartialEq>(text: &[T], word: &[T]) -> Option<usize> {
    let holds = |window: &[T]| {
        let mut rest = window.iter();
        word.iter().all(|c| rest.any(|t| t == c))
    };
    (0..text.len())
        .flat_map(|start| (start..text.len()).map(move |end| (start, end)))
        .filter(|&(start, end)| holds(&text[start..=end]))
        .map(|(start, end)| end - start)
        .min()
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]

    /// The one-pass window of ASCII text, the window of chars and brute force agree, and a
    /// text holds a window within the widest a match may span exactly when the scorer finds
    /// one there.
    #[test]
    fn the_narrowest_window_is_the_brute_forces(
        text in "[retn z.-]{0,60}",
        word in "[retn.]{1,6}",
    ) {
        let t: Vec<char> = text.chars().collect();
        let w: Vec<char> = word.chars().collect();
        let want = narrowest_by_brute_force(&t, &w);
        proptest::prop_assert_eq!(narrowest_span(&t, &w, 10_000), want);
        let pattern = Pattern::new(&word);
        let mut scratch = Scratch::default();
        let found = pattern.find_narrowest(&text, &mut scratch);
        proptest::prop_assert_eq!(found.as_ref().map(|(_, n)| *n), want);
        proptest::prop_assert_eq!(
            want.is_some_and(|n| n <= window(w.len())),
            super::score::has_window(&t, &w, window(w.len())),
        );
    }

    #[test]
    fn the_narrowest_window_of_japanese_text_is_the_brute_forces(
        text in "[削除デ一タ のx]{0,40}",
        word in "[削除デ]{1,4}",
    ) {
        let t: Vec<char> = text.chars().collect();
        let w: Vec<char> = word.chars().collect();
        let mut scratch = Scratch::default();
        let found = Pattern::new(&word).find_narrowest(&text, &mut scratch);
        proptest::prop_assert_eq!(found.map(|(_, n)| n), narrowest_by_brute_force(&t, &w));
    }
}
