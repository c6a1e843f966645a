//! How a quote is compared with its source, by `kurabe import --update` and by the tests that
//! check the catalogue's quotes against the seeds: the same text after NFKC, with HTML tags
//! (`<...>`) and all whitespace removed, so a sentence wrapped or re-indented differently is
//! the same quote.

use unicode_normalization::UnicodeNormalization;

/// NFKC, then HTML tags (`<...>`) removed, then all whitespace removed.
pub fn normalize(s: &str) -> String {
    let nfkc: String = s.nfkc().collect();
    let mut untagged = String::with_capacity(nfkc.len());
    let mut rest = nfkc.as_str();
    while let Some(i) = rest.find('<') {
        untagged.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                // An unclosed `<` is text, as in the prototype's `<[^>]*>`.
                untagged.push('<');
                rest = &rest[i + 1..];
            }
        }
    }
    untagged.push_str(rest);
    untagged.chars().filter(|c| !c.is_whitespace()).collect()
}
