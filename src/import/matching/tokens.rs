//! Texts as bags of features: character bigrams of Japanese (which has no spaces) and stemmed
//! English words, each weighted by how rare it is among the document's passages.

use crate::values;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::HashMap;
use std::sync::LazyLock;

pub type Counts = HashMap<u64, u32>;
pub type Vector = HashMap<u64, f64>;

static ENGLISH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::English));

/// Words too common in every security document to tell passages apart.
const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "of", "to", "in", "on", "for", "by", "with", "is", "are", "be",
    "been", "was", "were", "it", "its", "this", "that", "these", "those", "as", "at", "from", "we",
    "our", "us", "you", "your", "all", "any", "can", "will", "may", "which", "what", "how", "who",
    "when", "there", "their", "they", "has", "have", "not", "do", "does", "if", "such", "other",
];

/// The stem of one ASCII word (lowercased), or `None` for a stop word. A word in capitals is an
/// acronym and is kept whole (Snowball would make "UPS" "up" and "AWS" "aw").
pub fn stem(word: &str) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    if lower.len() < 2 || STOP_WORDS.contains(&lower.as_str()) {
        return None;
    }
    if is_acronym(word) {
        return Some(lower);
    }
    Some(ENGLISH.stem(&lower).into_owned())
}

fn is_acronym(word: &str) -> bool {
    word.len() >= 2
        && word
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        && word.bytes().any(|b| b.is_ascii_uppercase())
}

fn hash_word(word: &str) -> u64 {
    // FNV-1a, with the top bit set so a word never equals a bigram key.
    let mut h: u64 = 0xcbf29ce484222325;
    for b in word.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x100000001b3);
    }
    h | (1 << 63)
}

fn bigram(a: char, b: char) -> u64 {
    ((a as u64) << 32) | b as u64
}

/// Character bigrams of non-ASCII runs and stemmed ASCII words, with their counts.
pub fn tokens(text: &str) -> Counts {
    let text = values::nfkc(text);
    let mut counts = Counts::new();
    let mut word = String::new();
    let mut previous: Option<char> = None;
    let flush = |word: &mut String, counts: &mut Counts| {
        if let Some(s) = stem(word) {
            *counts.entry(hash_word(&s)).or_insert(0) += 1;
        }
        word.clear();
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
            previous = None;
            continue;
        }
        flush(&mut word, &mut counts);
        if c.is_alphanumeric() {
            let c = c.to_lowercase().next().unwrap_or(c);
            if let Some(p) = previous {
                *counts.entry(bigram(p, c)).or_insert(0) += 1;
            }
            previous = Some(c);
        } else if !(c == ' ' && previous.is_some()) {
            // Machine translation puts spaces inside Japanese words ("データ センター").
            previous = None;
        }
    }
    flush(&mut word, &mut counts);
    counts
}

/// Inverse document frequencies over a document's passages.
pub struct Idf {
    weights: HashMap<u64, f64>,
    unseen: f64,
}

impl Idf {
    pub fn new(passages: &[Counts]) -> Idf {
        let n = passages.len() as f64;
        let mut df: HashMap<u64, u32> = HashMap::new();
        for p in passages {
            for k in p.keys() {
                *df.entry(*k).or_insert(0) += 1;
            }
        }
        let weights = df
            .into_iter()
            .map(|(k, d)| (k, ((n + 1.0) / (d as f64 + 1.0)).ln() + 1.0))
            .collect();
        Idf {
            weights,
            unseen: (n + 1.0).ln() + 1.0,
        }
    }

    /// A unit vector of the counts weighted by rarity.
    pub fn vector(&self, counts: &Counts) -> Vector {
        let mut v: Vector = counts
            .iter()
            .map(|(k, &tf)| {
                let w = self.weights.get(k).copied().unwrap_or(self.unseen);
                (*k, (tf as f64).sqrt() * w)
            })
            .collect();
        let norm = v.values().map(|w| w * w).sum::<f64>().sqrt();
        if norm > 0.0 {
            v.values_mut().for_each(|w| *w /= norm);
        }
        v
    }
}

pub fn cosine(a: &Vector, b: &Vector) -> f64 {
    let (small, large) = if a.len() < b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .filter_map(|(k, w)| large.get(k).map(|x| w * x))
        .sum()
}

/// A search term's normal form: NFKC, lowercase, English words stemmed, so "deleted" finds
/// "deletion".
pub fn normal_words(text: &str) -> String {
    let text = values::nfkc(text);
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if !word.is_empty() {
            let lower = word.to_ascii_lowercase();
            if is_acronym(word) {
                out.push_str(&lower);
            } else {
                out.push_str(&ENGLISH.stem(&lower));
            }
            word.clear();
        }
    };
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            // Spaces inside Japanese (machine translation) are dropped; between words, one.
            if c.is_whitespace() {
                if out
                    .chars()
                    .last()
                    .is_some_and(|l| l.is_ascii_alphanumeric())
                {
                    out.push(' ');
                }
            } else {
                out.extend(c.to_lowercase());
            }
        }
    }
    flush(&mut word, &mut out);
    out.trim_end().to_string()
}

/// How much of a term a text holds: 1 for the term as written; for an English term of several
/// words, 0.6 when all its words are there apart ("backups are stored off-site for" holds
/// "backups are stored for"); else 0.
pub fn term_hit(text: &str, term: &str) -> f64 {
    if holds(text, term) {
        return 1.0;
    }
    let words: Vec<&str> = term
        .split(' ')
        .filter(|w| w.len() >= 2 && !STOP_WORDS.contains(w))
        .collect();
    let english = term.bytes().all(|b| b.is_ascii());
    if english && words.len() >= 2 && words.iter().all(|w| holds(text, w)) {
        return 0.6;
    }
    // A Japanese term of several words joined by particles (「ログの保存期間」): its words apart.
    let parts: Vec<&str> = term
        .split(['の', 'を', 'は', 'が', 'に', 'で', 'と', 'へ'])
        .filter(|p| p.chars().count() >= 2)
        .collect();
    if !english && parts.len() >= 2 && parts.iter().all(|p| text.contains(p)) {
        0.6
    } else {
        0.0
    }
}

/// Whether `text` (in [`normal_words`] form) holds `term` (in the same form): English words only
/// whole ("sla" is not in "translat"), Japanese anywhere.
pub fn holds(text: &str, term: &str) -> bool {
    let ascii_edges = |s: &str| {
        (
            s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric()),
            s.chars().last().is_some_and(|c| c.is_ascii_alphanumeric()),
        )
    };
    let (word_start, word_end) = ascii_edges(term);
    if !word_start && !word_end {
        return text.contains(term);
    }
    text.match_indices(term).any(|(at, _)| {
        let before = text[..at].chars().last();
        let after = text[at + term.len()..].chars().next();
        (!word_start || !before.is_some_and(|c| c.is_ascii_alphanumeric()))
            && (!word_end || !after.is_some_and(|c| c.is_ascii_alphanumeric()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_ignore_punctuation_and_words_are_stemmed() {
        let t = tokens("削除、ISO deletion");
        assert_eq!(t.len(), 3, "{t:?}");
        assert!(t.contains_key(&bigram('削', '除')));
        assert!(t.contains_key(&hash_word("iso")));
        assert_eq!(
            tokens("deleted").keys().collect::<Vec<_>>(),
            tokens("deletes").keys().collect::<Vec<_>>()
        );
    }

    #[test]
    fn spaces_inside_machine_translated_japanese_are_no_break() {
        assert!(tokens("データ センター").contains_key(&bigram('タ', 'セ')));
    }

    #[test]
    fn english_terms_match_whole_words_and_acronyms_stay_whole() {
        let text = normal_words("Human translation by the UPS vendor; backups on AWS.");
        assert!(!holds(&text, &normal_words("SLA")));
        assert!(holds(&text, &normal_words("UPS")));
        assert!(holds(&text, &normal_words("backup")));
        assert!(holds(&text, &normal_words("AWS")));
        assert!(!holds(&normal_words("laws"), &normal_words("AWS")));
        assert!(holds(
            &normal_words("データセンターに保管"),
            &normal_words("保管")
        ));
    }

    #[test]
    fn terms_match_across_inflections() {
        assert!(normal_words("All content will be permanently deleted")
            .contains(&normal_words("deleted")));
        assert_eq!(normal_words("データ センター"), "データセンター");
        assert_eq!(normal_words("Data  deletion"), "data delet");
    }
}
