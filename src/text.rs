//! Text helpers: search normalization and wrapping by display width.

use unicode_normalization::UnicodeNormalization;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Text normalized for matching (NFKC, lowercase), with a map from each normalized char back to
/// the char of the original it came from, so matches can be highlighted in the original.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Normalized {
    pub text: String,
    /// `origin[i]` is the index (in chars) in the original of the i-th normalized char.
    pub origin: Vec<u32>,
}

/// NFKC and lowercase, char by char, so `ＩＳＯ` matches `iso` and `２７０１７` matches `27017`.
pub fn normalize(s: &str) -> Normalized {
    let mut text = String::with_capacity(s.len());
    let mut origin = Vec::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for (i, c) in s.chars().enumerate() {
        let mut push = |n: char| {
            for l in n.to_lowercase() {
                text.push(l);
                origin.push(i as u32);
            }
        };
        if c.is_ascii() {
            push(c);
        } else {
            for n in c.encode_utf8(&mut buf).nfkc() {
                push(n);
            }
        }
    }
    Normalized { text, origin }
}

/// The normalized form alone, for queries.
pub fn normalize_query(s: &str) -> String {
    normalize(s).text
}

/// Display width of a string in terminal cells.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Wraps text to lines of at most `max` cells, breaking at spaces where it can and anywhere
/// between characters where it must (Japanese has no spaces). Newlines are kept.
/// Returns byte ranges into `s`, so callers can keep per-char styling.
pub fn wrap_ranges(s: &str, max: usize) -> Vec<std::ops::Range<usize>> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for (para_start, para) in split_paragraphs(s) {
        if para.is_empty() {
            lines.push(para_start..para_start);
            continue;
        }
        let mut start = 0; // byte offset in para of the current line
        let mut used = 0; // cells used on the current line
        let mut last_space: Option<usize> = None; // byte offset just after the last space
        let mut iter = para.char_indices().peekable();
        while let Some((i, c)) = iter.next() {
            let w = UnicodeWidthChar::width(c).unwrap_or(0);
            if used + w > max && i > start {
                // Break at the last space, unless that would leave the line mostly empty
                // (before a long run of Japanese, which may break anywhere).
                let cut = match last_space {
                    Some(sp) if sp > start && sp <= i && width(&para[start..sp]) * 3 >= max => sp,
                    _ => i,
                };
                lines.push(para_start + start..para_start + trim_end(para, start, cut));
                used = width(&para[cut..i]);
                start = cut;
                last_space = None;
            }
            used += w;
            if c == ' ' {
                last_space = Some(i + 1);
            }
            if iter.peek().is_none() {
                lines.push(para_start + start..para_start + para.len());
            }
        }
    }
    lines
}

/// Wraps into owned lines.
pub fn wrap(s: &str, max: usize) -> Vec<String> {
    wrap_ranges(s, max)
        .into_iter()
        .map(|r| s[r].to_string())
        .collect()
}

fn trim_end(s: &str, start: usize, end: usize) -> usize {
    start + s[start..end].trim_end_matches(' ').len()
}

fn split_paragraphs(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, c) in s.char_indices() {
        if c == '\n' {
            out.push((start, &s[start..i]));
            start = i + 1;
        }
    }
    out.push((start, &s[start..]));
    out
}

/// Cuts `s` to at most `max` cells, ending with `…` when something was cut.
pub fn truncate(s: &str, max: usize) -> String {
    if width(s) <= max {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let w = UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > max {
            break;
        }
        out.push(c);
        used += w;
    }
    if max > 0 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalization_folds_width_and_case() {
        assert_eq!(
            normalize("ＩＳＯ／ＩＥＣ　２７０１７").text,
            "iso/iec 27017"
        );
        assert_eq!(normalize("Deletion").text, "deletion");
        let n = normalize("ｱ㌔x");
        assert_eq!(n.text, "アキロx");
        assert_eq!(n.origin, vec![0, 1, 1, 2]);
    }

    #[test]
    fn japanese_wraps_by_display_width() {
        let lines = wrap("契約終了翌日から30日後に消去します。", 10);
        for l in &lines {
            assert!(width(l) <= 10, "{l:?} is {} wide", width(l));
        }
        assert_eq!(lines.concat(), "契約終了翌日から30日後に消去します。");
    }

    #[test]
    fn english_wraps_at_spaces() {
        assert_eq!(wrap("one two three", 8), vec!["one two", "three"]);
        assert_eq!(wrap("a\n\nb", 8), vec!["a", "", "b"]);
    }

    #[test]
    fn a_short_prefix_is_not_left_alone_before_japanese() {
        let lines = wrap("· セキュリティガイドライン v4.5", 12);
        assert_eq!(lines[0], "· セキュリテ");
    }

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("データの削除", 7), "データ…");
        assert_eq!(truncate("short", 7), "short");
    }
}
