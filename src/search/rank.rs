//! From each query word's best score per control to the ranked list: the controls every word
//! matches, without those where a word's chars are only scattered when another listed control
//! holds that word closer, the matching certification controls first when the query is a
//! standard's number, then by score.

use super::closeness::{class_of, SCATTERED};
use super::Hit;
use crate::catalog::certification::{key, split_edition, table};
use crate::catalog::{Control, Value, ValueHint};
use std::collections::HashSet;

/// Listed first: above any score a query's words can sum to.
const FIRST: i64 = 1 << 50;

/// The ranked hits of `n` controls, from each word's best score per control (`best[w][c]`,
/// 0: no match); those of `first` that match are listed before the rest.
pub(super) fn rank(n: usize, best: &[&[i64]], first: &[usize]) -> Vec<Hit> {
    let matched: Vec<usize> = (0..n)
        .filter(|&c| best.iter().all(|word| word[c] > 0))
        .collect();
    // Per word: whether a listed control holds it closer than scattered chars. Decided over
    // all matched controls before any is dropped, so the order of the words does not matter.
    let closer: Vec<bool> = best
        .iter()
        .map(|word| matched.iter().any(|&c| class_of(word[c]) > SCATTERED))
        .collect();
    let mut hits: Vec<Hit> = matched
        .into_iter()
        .filter(|&c| {
            best.iter()
                .zip(&closer)
                .all(|(word, &closer)| !closer || class_of(word[c]) > SCATTERED)
        })
        .map(|control| Hit {
            control,
            score: best.iter().map(|word| word[control]).sum(),
        })
        .collect();
    for hit in &mut hits {
        if first.contains(&hit.control) {
            hit.score += FIRST;
        }
    }
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.control.cmp(&b.control)));
    hits
}

/// The number of the standard a whole query names ("iso27017", "ISO 27017", "27017",
/// "ISO/IEC 27001", "JIS Q 27001:2023" name 27017 and 27001), if a certification scheme of
/// `data/certifications.yaml` certifies a standard of that number.
pub fn standard_number(query: &str) -> Option<String> {
    let number = number_of(query)?;
    let certs = table();
    let known = certs
        .schemes
        .iter()
        .flat_map(|s| s.certifies.iter().chain(&s.items))
        .chain(certs.adoptions.iter().flat_map(|a| [&a.jis, &a.iso]));
    known
        .filter_map(|name| number_of(name))
        .any(|n| n == number)
        .then_some(number)
}

/// "ISO/IEC 27017:2015" → "27017"; a name that is not a standard's number → None.
fn number_of(name: &str) -> Option<String> {
    let k = key(name);
    let (base, _) = split_edition(&k);
    let number = ["ISO", "JISQ", "JIS"]
        .iter()
        .find_map(|p| base.strip_prefix(p))
        .unwrap_or(base);
    (number.len() >= 4 && number.chars().all(|c| c.is_ascii_digit())).then(|| number.to_string())
}

/// Whether a standard's number is about `control`: its answers are certification lists
/// (`value: certificates` in controls.yaml), or one of `values` (its vendors' values) is a list
/// naming a certificate the certification table knows. Each distinct list item is looked up
/// once: a thousand vendors' lists repeat a few names.
pub(super) fn is_certification_control<'a>(
    control: &Control,
    values: impl Iterator<Item = &'a Value>,
) -> bool {
    if control.terms.value == Some(ValueHint::Certificates) {
        return true;
    }
    let certs = table();
    let mut seen: HashSet<&str> = HashSet::new();
    values
        .filter_map(|v| match v {
            Value::List { items } => Some(items),
            _ => None,
        })
        .flatten()
        .filter(|item| seen.insert(item.as_str()))
        .any(|item| certs.scheme_of(item).is_some() || !certs.certified_by(item).is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_standards_number_is_read_however_it_is_written() {
        for q in [
            "iso27017",
            "ISO 27017",
            "27017",
            "ISO/IEC 27017",
            "ISO/IEC 27017:2015",
            "ｉｓｏ２７０１７",
            "JIS Q 27017",
        ] {
            assert_eq!(standard_number(q).as_deref(), Some("27017"), "{q:?}");
        }
        assert_eq!(standard_number("ISO/IEC 27001").as_deref(), Some("27001"));
        assert_eq!(standard_number("jis q 15001").as_deref(), Some("15001"));
    }

    #[test]
    fn other_queries_and_uncertified_standards_are_no_standards_number() {
        // 27002 is a code of practice no scheme of the table certifies.
        for q in [
            "27002",
            "27017 CLD.8.1.5",
            "iso",
            "2701",
            "8.10",
            "認証",
            "SOC 2",
        ] {
            assert_eq!(standard_number(q), None, "{q:?}");
        }
    }

    #[test]
    fn a_control_is_about_certificates_by_its_hint_or_a_vendors_list_of_known_ones() {
        let control = |terms: &str| -> Control {
            serde_yaml::from_str(&format!(
                "{{id: c, title: {{en: T}}, question: {{en: Q}}{terms}}}"
            ))
            .unwrap()
        };
        let list = |items: &[&str]| Value::List {
            items: items.iter().map(|s| s.to_string()).collect(),
        };
        let plain = control("");
        let hinted = control(", terms: {value: certificates}");
        assert!(is_certification_control(&hinted, std::iter::empty()));
        assert!(!is_certification_control(&plain, std::iter::empty()));
        let providers = list(&["AWS", "Sakura Internet"]);
        assert!(!is_certification_control(&plain, [&providers].into_iter()));
        let scheme = list(&["AWS", "ISMS-AC ISMS Cloud Security (CLOUD 681574)"]);
        assert!(is_certification_control(
            &plain,
            [&providers, &scheme].into_iter()
        ));
        let standard = list(&["JIS Q 27001:2023"]);
        assert!(is_certification_control(&plain, [&standard].into_iter()));
    }

    #[test]
    fn scattered_matches_go_when_another_control_holds_the_word_closer() {
        use super::super::closeness::{unweighted, weighted, CLOSE, VERBATIM};
        let scattered = weighted(4, unweighted(SCATTERED, 60));
        let close = weighted(0, unweighted(CLOSE, 30));
        let hits = rank(3, &[&[scattered, close, 0]], &[]);
        assert_eq!(hits.iter().map(|h| h.control).collect::<Vec<_>>(), [1]);
        // Only scattered ones: they stay, best first.
        let hits = rank(3, &[&[scattered, scattered + 5, 0]], &[]);
        assert_eq!(hits.iter().map(|h| h.control).collect::<Vec<_>>(), [1, 0]);
        // A control listed first comes first if it matches.
        let verbatim = weighted(4, unweighted(VERBATIM, 200));
        let hits = rank(3, &[&[verbatim, close, 0]], &[1, 2]);
        assert_eq!(hits.iter().map(|h| h.control).collect::<Vec<_>>(), [1, 0]);
    }
}
