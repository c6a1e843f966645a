//! The fast paths against the plain ones they replace, on the embedded catalogue.

use super::closeness::{class_of, weighted, SCATTERED};
use super::index::{is_normal_char, push_normalized};
use super::rank::rank;
use super::score::{Found, Pattern, Scratch};
use super::*;
use crate::catalog::{load_embedded, Catalog};
use crate::text::normalize;
use fuzzy_matcher::skim::SkimMatcherV2;
use std::sync::atomic::AtomicBool;

/// Every prefix of the benchmark's queries, and words that exercise separators, digits,
/// single chars and misses.
fn words() -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for q in [
        "削除",
        "deletion",
        "暗号化",
        "iso27017",
        "bkup",
        "backup",
        "世代",
        "30",
    ] {
        let chars: Vec<char> = q.chars().collect();
        for n in 1..=chars.len() {
            out.push(chars[..n].iter().collect());
        }
    }
    for w in [
        "iso/iec", "27017", "aes", "ログ", "年", "sla", "-", "(", "e", "x", "dt", "dlt", "bkp",
        "cybozu", "72", "ssl", "ismap", "月",
    ] {
        out.push(w.to_string());
    }
    out
}

#[test]
fn ported_scores_equal_a_fresh_skim_matchers() {
    let catalog = load_embedded().unwrap().catalog;
    let index = SearchIndex::new(&catalog);
    let mut scratch = Scratch::default();
    let mut checked = 0;
    for word in words() {
        let pattern = Pattern::new(&word);
        for text in index.texts() {
            if !chars_in_order(text, &word) {
                continue;
            }
            let fresh = SkimMatcherV2::default().respect_case();
            let want = score_word(&fresh, text, &word);
            let got = pattern.score(text, &mut scratch);
            assert_eq!(got, want, "{word:?} in {text:?}");
            if let Some(s) = got {
                assert!(s <= pattern.ceiling(), "{word:?} in {text:?}: {s}");
            }
            checked += 1;
        }
    }
    assert!(checked > 10_000, "{checked}");
}

type Records = Vec<(usize, Option<usize>, i64, String)>;

fn reference_records(catalog: &Catalog) -> Records {
    let mut records: Vec<(usize, Option<usize>, i64, String)> = Vec::new();
    let mut push = |c: usize, v: Option<usize>, w: i64, t: &str| {
        if !t.is_empty() {
            records.push((c, v, w, normalize(t).text));
        }
    };
    for (ci, entry) in catalog.controls.iter().enumerate() {
        let c = &entry.control;
        push(ci, None, 4, &c.title.en);
        push(ci, None, 4, c.title.ja.as_deref().unwrap_or(""));
        push(ci, None, 4, &c.question.en);
        push(ci, None, 4, c.question.ja.as_deref().unwrap_or(""));
        push(ci, None, 3, &c.id);
        push(ci, None, 2, &c.crosswalk.line());
        for (vi, vendor) in catalog.vendors.iter().enumerate() {
            let Some(a) = catalog.answer(vi, ci) else {
                continue;
            };
            push(ci, Some(vi), 0, &vendor.info.name.en);
            push(
                ci,
                Some(vi),
                0,
                vendor.info.name.ja.as_deref().unwrap_or(""),
            );
            if let Some(s) = &a.summary {
                push(ci, Some(vi), 1, &s.en);
                push(ci, Some(vi), 1, s.ja.as_deref().unwrap_or(""));
            }
            if let Some(v) = &a.value {
                push(ci, Some(vi), 1, &v.to_string());
            }
            if let Some(n) = &a.note {
                push(ci, Some(vi), 0, &n.en);
                push(ci, Some(vi), 0, n.ja.as_deref().unwrap_or(""));
            }
            for q in &a.quotes {
                push(ci, Some(vi), 0, &q.text);
            }
        }
    }
    records
}

/// The search as it was: one record per (control, vendor) text, vendor names included,
/// scored in catalogue order with one matcher per search.
/// Types `query` a char at a time, each search narrowing from the one before, and checks each
/// against the reference; returns what the last search learned.
fn type_checking(
    index: &SearchIndex,
    records: &Records,
    n: usize,
    query: &str,
    shown: &[usize],
) -> Option<Previous> {
    let never = AtomicBool::new(false);
    let mut prev: Option<Previous> = None;
    let mut typed = String::new();
    for c in query.chars() {
        typed.push(c);
        let done = index
            .search_with(&typed, shown, prev.as_ref(), &never)
            .unwrap();
        assert_eq!(
            done.hits,
            reference(records, n, &typed, shown),
            "{typed:?} (typing {query:?}) over {shown:?}"
        );
        prev = Some(done.previous);
    }
    prev
}

fn reference(records: &Records, n: usize, query: &str, shown: &[usize]) -> Vec<Hit> {
    let words = query_words(query);
    if words.is_empty() {
        return Vec::new();
    }
    let mut best = vec![vec![0i64; n]; words.len()];
    let shared = SkimMatcherV2::default().respect_case();
    for (c, v, section, text) in records {
        if v.is_some_and(|v| !shown.contains(&v)) {
            continue;
        }
        for (w, word) in words.iter().enumerate() {
            if let Some(score) = score_word(&shared, text, word) {
                let slot = &mut best[w][*c];
                *slot = (*slot).max(weighted(*section, score));
            }
        }
    }
    let best: Vec<&[i64]> = best.iter().map(Vec::as_slice).collect();
    // The shipped catalogue's one certification control, found by its id.
    let first: Vec<usize> = records
        .iter()
        .filter(|(_, v, section, text)| {
            standard_number(query).is_some()
                && v.is_none()
                && *section == 3
                && text == "certifications"
        })
        .map(|r| r.0)
        .collect();
    rank(n, &best, &first)
}

#[test]
fn typing_gives_the_same_hits_as_the_plain_search() {
    let catalog = load_embedded().unwrap().catalog;
    let index = SearchIndex::new(&catalog);
    let records = reference_records(&catalog);
    let n = catalog.controls.len();
    let all: Vec<usize> = (0..catalog.vendors.len()).collect();
    let never = AtomicBool::new(false);
    for shown in [all, vec![1, 3]] {
        for query in [
            "削除",
            "deletion 30",
            "暗号化",
            "iso27017",
            "bkup",
            "backup 世代",
            "cybozu ログ",
        ] {
            // Typed one char at a time, narrowing from the previous keystroke…
            let mut prev = type_checking(&index, &records, n, query, &shown);
            let mut typed = query.to_string();
            // …then erased, and searched afresh.
            while typed.pop().is_some() {
                let done = index
                    .search_with(&typed, &shown, prev.as_ref(), &never)
                    .unwrap();
                assert_eq!(
                    done.hits,
                    reference(&records, n, &typed, &shown),
                    "{typed:?}"
                );
                assert_eq!(index.search(&typed, &shown), done.hits);
                prev = Some(done.previous);
            }
        }
    }
}

#[test]
fn crosswalk_ids_find_their_controls() {
    let catalog = load_embedded().unwrap().catalog;
    let index = SearchIndex::new(&catalog);
    let all: Vec<usize> = (0..catalog.vendors.len()).collect();
    let deletion = catalog
        .controls
        .iter()
        .position(|e| e.control.id == "deletion-timing")
        .unwrap();
    for (query, id) in [
        ("27017 CLD.8.1.5", "CLD.8.1.5"),
        ("CLD.8.1.5", "CLD.8.1.5"),
        ("8.10", "8.10"),
        ("METI 6.30", "6.30"),
    ] {
        let hits = index.search(query, &all);
        assert!(
            hits.iter().any(|h| h.control == deletion),
            "{query:?} does not find deletion-timing"
        );
        let first = &catalog.controls[hits[0].control].control;
        assert!(
            first.crosswalk.line().contains(id),
            "{query:?} ranks {} first",
            first.id
        );
    }
}

#[test]
fn random_texts_score_alike_and_never_above_the_bound() {
    // Short texts over an alphabet dense in separators, digits and repeats, where the
    // matcher's corner cases live.
    let alphabet: Vec<char> = "ab1 /-.xé削除".chars().collect();
    let mut rng = SplitMix::new(42);
    let mut scratch = Scratch::default();
    for _ in 0..4000 {
        let text: String = (0..1 + rng.below(24))
            .map(|_| *rng.pick(&alphabet))
            .collect();
        let word: String = (0..1 + rng.below(4))
            .map(|_| *rng.pick(&alphabet))
            .filter(|c| *c != ' ')
            .collect();
        if word.is_empty() || !chars_in_order(&text, &word) {
            continue;
        }
        let pattern = Pattern::new(&word);
        let fresh = SkimMatcherV2::default().respect_case();
        assert_eq!(
            pattern.score(&text, &mut scratch),
            score_word(&fresh, &text, &word),
            "{word:?} in {text:?}"
        );
        let found = pattern.find(&text).unwrap();
        if let Some(s) = pattern.score(&text, &mut scratch) {
            assert!(
                s.max(1) <= pattern.bound(&text, &found),
                "{word:?} in {text:?}"
            );
            assert!(pattern.bound(&text, &found) <= pattern.quick_bound(&text, &found));
        }
        let chars: Vec<char> = text.chars().collect();
        for with_pos in [false, true] {
            let m = skim::fuzzy(&chars, &pattern.chars, with_pos, &mut scratch.skim).unwrap();
            assert!(m.score <= pattern.best_skim, "{word:?} in {text:?}");
        }
    }
}

#[test]
fn texts_in_normal_form_are_copied_and_the_rest_normalized() {
    let catalog = load_embedded().unwrap().catalog;
    let mut texts: Vec<String> = vec![
        "ＩＳＯ／ＩＥＣ　２７０１７".into(),
        "ｱ㌔x".into(),
        "Deletion".into(),
        "ǅ Σ İ".into(),
        "か\u{3099}゛".into(),
        "①②".into(),
        "データの削除、「30日」".into(),
    ];
    for v in &catalog.vendors {
        for a in &v.answers {
            texts.extend(a.quotes.iter().map(|q| q.text.clone().into_owned()));
            if let Some(s) = &a.summary {
                texts.push(s.en.clone().into_owned());
                texts.extend(s.ja.as_deref().map(str::to_owned));
            }
        }
    }
    let mut copied = 0;
    for t in &texts {
        let mut arena = String::new();
        push_normalized(&mut arena, t);
        assert_eq!(arena, normalize(t).text, "{t:?}");
        copied += usize::from(!t.is_ascii() && t.chars().all(is_normal_char));
    }
    assert!(copied > 0);
}

#[test]
fn an_index_and_its_results_can_go_to_a_worker_thread() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<SearchIndex>();
    send_sync::<Previous>();
    send_sync::<Searched>();
}

#[test]
fn a_previous_search_of_another_index_is_not_used() {
    let catalog = load_embedded().unwrap().catalog;
    let one = SearchIndex::new(&catalog);
    let other = SearchIndex::new(&catalog);
    let never = AtomicBool::new(false);
    let all: Vec<usize> = (0..catalog.vendors.len()).collect();
    let prev = one
        .search_with("dele", &all, None, &never)
        .unwrap()
        .previous;
    assert_eq!(
        other
            .search_with("delet", &all, Some(&prev), &never)
            .unwrap()
            .hits,
        one.search_with("delet", &all, None, &never).unwrap().hits
    );
}

#[test]
fn a_set_cancel_flag_stops_the_search() {
    let catalog = load_embedded().unwrap().catalog;
    let index = SearchIndex::new(&catalog);
    let cancel = AtomicBool::new(true);
    assert_eq!(
        index.search_with("deletion", &[0, 1], None, &cancel).err(),
        Some(Cancelled)
    );
}

/// A random query word drawn from the catalogue's texts: a piece of a text (what a user
/// types, which the tier shortcuts answer), a text's start (which reaches the ceiling), or
/// chars picked from a text in order (a scattered match, which they cannot).
fn random_word(texts: &[&str], rng: &mut SplitMix) -> String {
    let text: Vec<char> = rng.pick(texts).chars().collect();
    let len = 1 + rng.below(4);
    let start = rng.below(text.len().saturating_sub(len).max(1));
    let word: String = match rng.below(3) {
        0 => text.iter().skip(start).take(len).collect(),
        1 => text.iter().take(len).collect(),
        _ => {
            let mut picked: Vec<usize> = (0..len).map(|_| rng.below(text.len())).collect();
            picked.sort_unstable();
            picked.iter().map(|&i| text[i]).collect()
        }
    };
    word.split_whitespace().collect()
}

#[test]
fn random_queries_give_the_plain_searchs_hits_typed_or_fresh_over_any_vendors() {
    let catalog = load_embedded().unwrap().catalog;
    let index = SearchIndex::new(&catalog);
    let records = reference_records(&catalog);
    let n = catalog.controls.len();
    let texts: Vec<&str> = index.texts().filter(|t| !t.trim().is_empty()).collect();
    let vendors = catalog.vendors.len();
    let never = AtomicBool::new(false);
    let mut rng = SplitMix::new(7);
    let mut matched = 0;
    for round in 0..40 {
        let words: Vec<String> = (0..1 + rng.below(2))
            .map(|_| random_word(&texts, &mut rng))
            .filter(|w| !w.is_empty())
            .collect();
        let query = words.join(" ");
        // All vendors, none, or a random subset: hidden vendors' texts must not count.
        let shown: Vec<usize> = match round % 3 {
            0 => (0..vendors).collect(),
            1 => (0..vendors).filter(|_| rng.below(2) == 0).collect(),
            _ => vec![rng.below(vendors)],
        };
        let want = reference(&records, n, &query, &shown);
        matched += usize::from(!want.is_empty());
        let fresh = index.search_with(&query, &shown, None, &never).unwrap();
        assert_eq!(fresh.hits, want, "{query:?} over {shown:?}");
        // Typed a char at a time, each search narrowing from the one before.
        type_checking(&index, &records, n, &query, &shown);
    }
    assert!(matched > 20, "{matched}");
}

#[test]
fn the_tight_bound_never_undercuts_a_real_score_in_the_catalogue() {
    let catalog = load_embedded().unwrap().catalog;
    let index = SearchIndex::new(&catalog);
    let texts: Vec<&str> = index.texts().collect();
    let mut rng = SplitMix::new(11);
    let mut scratch = Scratch::default();
    let mut scored = 0;
    for _ in 0..300 {
        let word = random_word(&texts, &mut rng);
        if word.is_empty() {
            continue;
        }
        let pattern = Pattern::new(&word);
        for text in &texts {
            let Some(found) = pattern.find(text) else {
                continue;
            };
            let tight = pattern.bound(text, &found);
            assert!(
                tight <= pattern.quick_bound(text, &found),
                "{word:?} in {text:?}"
            );
            if let Some(s) = pattern.score_found(text, &found, &mut scratch) {
                assert!(s.max(1) <= tight, "{word:?} in {text:?}: {s} > {tight}");
                scored += 1;
            }
        }
    }
    assert!(scored > 1000, "{scored}");
}

/// SplitMix64: a seeded, repeatable source of test cases (the generator's, which is a
/// development tool outside the library).
struct SplitMix(u64);

impl SplitMix {
    fn new(seed: u64) -> SplitMix {
        SplitMix(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    fn below(&mut self, n: usize) -> usize {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// The vendors a query matched in a control, every text scored (what `matching_vendors` does
/// with fewer texts scored).
fn reference_matching_vendors(
    index: &SearchIndex,
    query: &str,
    control: usize,
    shown: &[usize],
) -> Vec<usize> {
    use super::closeness::{class_of, SCATTERED};
    use super::index::NO_VENDOR;
    let inner = &*index.inner;
    let texts = inner.control(control);
    let mut scratch = Scratch::default();
    let mut matched = vec![false; inner.vendors];
    for word in query_words(query) {
        let pattern = Pattern::new(&word);
        let mut found: Vec<(u32, i64)> = texts
            .records
            .iter()
            .filter_map(|r| {
                let score = pattern.score(texts.text(r), &mut scratch)?;
                Some((r.vendor, weighted(i64::from(r.weight), score)))
            })
            .collect();
        for name in &inner.names {
            if !inner.unanswered.contains(&(name.vendor, control as u32)) {
                if let Some(score) = pattern.score(&name.text, &mut scratch) {
                    found.push((name.vendor, score));
                }
            }
        }
        let closer = found.iter().any(|&(_, s)| class_of(s) > SCATTERED);
        for (vendor, score) in found {
            if vendor != NO_VENDOR && (!closer || class_of(score) > SCATTERED) {
                matched[vendor as usize] = true;
            }
        }
    }
    shown.iter().copied().filter(|&v| matched[v]).collect()
}

#[test]
fn matching_vendors_are_those_of_every_text_scored() {
    let catalog = load_embedded().unwrap().catalog;
    let index = SearchIndex::new(&catalog);
    let texts: Vec<&str> = index.texts().filter(|t| !t.trim().is_empty()).collect();
    let vendors: Vec<usize> = (0..catalog.vendors.len()).collect();
    let mut rng = SplitMix::new(23);
    let mut named = 0;
    let mut queries: Vec<String> = words();
    queries.extend((0..60).map(|_| random_word(&texts, &mut rng)));
    queries.push("backup 世代".into());
    for query in queries.iter().filter(|q| !q.trim().is_empty()) {
        for control in 0..catalog.controls.len() {
            let want = reference_matching_vendors(&index, query, control, &vendors);
            let got = index.matching_vendors(query, control, &vendors);
            assert_eq!(got, want, "{query:?} in control {control}");
            named += want.len();
        }
    }
    assert!(named > 1000, "{named}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// The score-only pass with its two rows and flag bits gives what the full matrix and its
    /// trace back give (and skim's own `fuzzy_indices`, through [`Pattern::score`]), over texts
    /// dense in separators, capitals, digits and repeats, read as chars and as ASCII bytes.
    #[test]
    fn the_two_row_pass_scores_as_the_full_matrix(
        text in "[aAbBe1 /._é削除-]{0,90}",
        word in "[aAbBe1/._é削除-]{1,7}",
        span in 0usize..30,
    ) {
        let mut scratch = Scratch::default();
        let t: Vec<char> = text.chars().collect();
        let w: Vec<char> = word.chars().collect();
        let full = skim::fuzzy(&t, &w, true, &mut scratch.skim)
            .filter(|m| m.last - m.first <= span)
            .map(|m| m.score);
        proptest::prop_assert_eq!(skim::fuzzy_within(&t, &w, span, &mut scratch.skim), full);
        if text.is_ascii() && word.is_ascii() {
            let bytes = skim::fuzzy_within(text.as_bytes(), word.as_bytes(), span, &mut scratch.skim);
            proptest::prop_assert_eq!(bytes, full);
        }
        if chars_in_order(&text, &word) {
            let fresh = SkimMatcherV2::default().respect_case();
            let pattern = Pattern::new(&word);
            let all = pattern.score(&text, &mut scratch);
            proptest::prop_assert_eq!(all, score_word(&fresh, &text, &word));
            // Asked for close texts only: the same, less the scattered.
            if let Some(Found::InOrder) = pattern.find(&text) {
                let close = all.filter(|&s| class_of(s) != SCATTERED);
                proptest::prop_assert_eq!(pattern.score_in_order(&text, true, None, &mut scratch), close);
            }
        }
    }
}

/// Words whose chars every control holds only scattered over words: there no text can be left
/// unscored for being only scattered, and the plain search's scores are those of the best
/// scattered texts.
#[test]
fn words_held_only_scattered_give_the_plain_searchs_hits() {
    let catalog = load_embedded().unwrap().catalog;
    let index = SearchIndex::new(&catalog);
    let records = reference_records(&catalog);
    let n = catalog.controls.len();
    let texts: Vec<&str> = index.texts().filter(|t| t.len() > 20).collect();
    let shown: Vec<usize> = (0..catalog.vendors.len()).collect();
    let never = AtomicBool::new(false);
    let mut rng = SplitMix::new(3);
    let mut found = 0;
    for _ in 0..400 {
        let text: Vec<char> = rng.pick(&texts).chars().collect();
        let mut picked: Vec<usize> = (0..3).map(|_| rng.below(text.len())).collect();
        picked.sort_unstable();
        let word: String = picked.iter().map(|&i| text[i]).collect();
        let word: String = word.split_whitespace().collect();
        if word.chars().count() < 3 {
            continue;
        }
        let want = reference(&records, n, &word, &shown);
        if want.is_empty() || want.iter().any(|h| class_of(h.score) != SCATTERED) {
            continue;
        }
        let got = index.search_with(&word, &shown, None, &never).unwrap();
        assert_eq!(got.hits, want, "{word:?}");
        found += 1;
        if found == 6 {
            break;
        }
    }
    assert!(found >= 3, "{found}");
}
