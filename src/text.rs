//! Text helpers: search normalization and wrapping by display width.

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;
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

/// Wraps text to lines of at most `max` cells, breaking only where Unicode's line breaking
/// algorithm (UAX #14) allows: never before closing punctuation (。」、）) or a small kana,
/// never inside a number or a Latin word; between Japanese characters where needed (Japanese
/// has no spaces). A digit stays with the character after it (「60日」) and `!`/`?` with the
/// letter after it (「Active!vaultSS」). Only where a word is wider than `max` by itself is it
/// cut between grapheme clusters. Newlines are kept; spaces at a break are left out.
/// Returns byte ranges into `s`, so callers can keep per-char styling.
pub fn wrap_ranges(s: &str, max: usize) -> Vec<std::ops::Range<usize>> {
    let max = max.max(1);
    let mut lines = Vec::new();
    for (para_start, para) in split_paragraphs(s) {
        let at = lines.len();
        wrap_paragraph(para, max, &mut lines);
        for line in &mut lines[at..] {
            *line = para_start + line.start..para_start + line.end;
        }
    }
    lines
}

/// Wraps one paragraph (no newline) greedily over its break opportunities.
fn wrap_paragraph(para: &str, max: usize, lines: &mut Vec<std::ops::Range<usize>>) {
    if para.is_empty() {
        lines.push(0..0);
        return;
    }
    let mut line_start = 0;
    let mut used = 0; // cells of para[line_start..segment start], spaces included
    let mut segment_start = 0;
    for (end, mandatory) in break_opportunities(para) {
        let segment = &para[segment_start..end];
        let visible = width(segment.trim_end_matches(' '));
        if segment_start > line_start && used + visible > max {
            lines.push(line_start..trim_end(para, line_start, segment_start));
            line_start = segment_start;
            used = 0;
        }
        if visible > max {
            // A word wider than a line: cut between grapheme clusters.
            for (i, cluster) in segment.grapheme_indices(true) {
                let w = width(cluster);
                let at = segment_start + i;
                if at > line_start && used + w > max && cluster != " " {
                    lines.push(line_start..trim_end(para, line_start, at));
                    line_start = at;
                    used = 0;
                }
                used += w;
            }
        } else {
            used += width(segment);
        }
        segment_start = end;
        if mandatory && end < para.len() {
            lines.push(line_start..trim_end(para, line_start, end));
            line_start = end;
            used = 0;
        }
    }
    lines.push(line_start..trim_end(para, line_start, para.len()));
}

/// Where a line may end: UAX #14's opportunities (byte offsets after which a break is allowed,
/// and whether it is mandatory), less two the reader does not expect, between a digit and what
/// follows it and between `!` or `?` and a letter.
fn break_opportunities(para: &str) -> impl Iterator<Item = (usize, bool)> + '_ {
    unicode_linebreak::linebreaks(para).filter_map(move |(at, kind)| {
        let mandatory = kind == unicode_linebreak::BreakOpportunity::Mandatory;
        let before = para[..at].chars().next_back();
        let after = para[at..].chars().next();
        let glued = match (before, after) {
            (Some(b), Some(a)) => {
                (b.is_numeric() && a.is_alphanumeric())
                    || (matches!(b, '!' | '?') && a.is_ascii_alphanumeric())
            }
            _ => false,
        };
        (mandatory || !glued).then_some((at, mandatory))
    })
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
        // Not "· セキュリテ": a small kana never starts a line.
        assert_eq!(lines[0], "· セキュリ");
    }

    /// The characters a Japanese line must not start with.
    const NO_LINE_START: &str =
        "。、，．」』）】〕・：；？！ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶー";

    /// `widths` start at the widest run that may not be broken (「認）。」 is 6 cells): below it,
    /// the run is cut between characters.
    fn assert_reads_naturally(text: &str, widths: std::ops::RangeInclusive<usize>) {
        for max in widths {
            let lines = wrap(text, max);
            for (i, line) in lines.iter().enumerate() {
                assert!(width(line) <= max, "{max}: {line:?} is wider");
                let first = line.chars().next();
                assert!(
                    i == 0 || !first.is_some_and(|c| NO_LINE_START.contains(c)),
                    "{max}: a line starts with {first:?}: {lines:?}"
                );
            }
            assert_eq!(lines.concat(), text.replace([' ', '\n'], ""), "{max}");
        }
    }

    #[test]
    fn no_line_starts_with_closing_punctuation_or_a_small_kana() {
        assert_reads_naturally("契約終了翌日から30日後に消去します。", 6..=30);
        assert_reads_naturally(
            "「一定期間」とのみ記載され、期間は示されていない（要確認）。",
            6..=40,
        );
        assert_reads_naturally("バックアップはシャットダウンしてから取得します。", 6..=30);
    }

    #[test]
    fn numbers_and_latin_words_are_not_split() {
        let text = "解約から60日後に、Active!vaultSSのデータを消去する。";
        for max in 14..=40 {
            let lines = wrap(text, max);
            assert!(lines.iter().any(|l| l.contains("60日")), "{max}: {lines:?}");
            assert!(
                lines.iter().any(|l| l.contains("Active!vaultSS")),
                "{max}: {lines:?}"
            );
        }
        assert_eq!(
            wrap("the deletion certificate is issued", 12),
            ["the deletion", "certificate", "is issued"]
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_between_clusters() {
        assert_eq!(
            wrap("https://example.com/", 8),
            ["https://", "example.", "com/"]
        );
        assert_eq!(wrap("abcdefghij", 4), ["abcd", "efgh", "ij"]);
        // e + combining acute stays one cluster.
        assert_eq!(
            wrap("e\u{301}e\u{301}e\u{301}", 2),
            ["e\u{301}e\u{301}", "e\u{301}"]
        );
        assert_eq!(wrap("漢字", 1), ["漢", "字"]);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]
        /// Wrapping never loses or reorders a character (only spaces at a break and the
        /// newlines between lines are left out) and never exceeds the width, except with a
        /// single cluster wider than it.
        #[test]
        fn wrapping_keeps_every_character_in_order_within_the_width(
            text in "[あいうえおかきくけこっゃゅょぁー漢字全角。、」「（）・Ａ０ a-zA-Z0-9!?/.,\\-\n\u{301}😀]{0,60}",
            max in 1usize..24,
        ) {
            let ranges = wrap_ranges(&text, max);
            let mut at = 0;
            for r in &ranges {
                proptest::prop_assert!(r.start >= at && r.start <= r.end && r.end <= text.len());
                proptest::prop_assert!(
                    text[at..r.start].chars().all(|c| c == ' ' || c == '\n'),
                    "{:?} dropped", &text[at..r.start]
                );
                let line = &text[r.clone()];
                proptest::prop_assert!(!line.contains('\n'));
                proptest::prop_assert!(
                    width(line) <= max || line.graphemes(true).count() == 1,
                    "{line:?} is wider than {max}"
                );
                at = r.end;
            }
            proptest::prop_assert!(text[at..].chars().all(|c| c == ' ' || c == '\n'));
            let newlines = text.matches('\n').count();
            proptest::prop_assert!(ranges.len() > newlines, "every paragraph has its lines");
        }
    }

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("データの削除", 7), "データ…");
        assert_eq!(truncate("short", 7), "short");
    }
}
