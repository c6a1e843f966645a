//! Text as the reader sees it: NFKC (full-width digits and units read as ASCII ones), every
//! dash of a range as `~`, and kanji numerals before a counter as digits (「三十日」 is 30日,
//! 「年に一度」 is 年に1度) — with, for every byte of that text, where it came from in the
//! text given, so that a quantity found can be pointed at in the original.

use std::ops::Range;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// NFKC, with the wave dash of ranges ("〜") made the ASCII tilde as well, and a kanji numeral
/// before 回 made a digit ("年一回" is "年1回"). The importer matches words on this form.
pub fn nfkc(text: &str) -> String {
    let chars: Vec<char> = text.nfkc().map(dash).collect();
    chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match kanji_digit(c) {
            Some(d) if chars.get(i + 1) == Some(&'回') => char::from(b'0' + d as u8),
            _ => c,
        })
        .collect()
}

fn dash(c: char) -> char {
    match c {
        '〜' | '～' | '－' | '–' | '—' | '―' => '~',
        c => c,
    }
}

fn kanji_digit(c: char) -> Option<u32> {
    "〇一二三四五六七八九"
        .chars()
        .position(|k| k == c)
        .map(|d| d as u32)
}

/// The text the reader reads, and the way back to the text it was given.
#[derive(Debug, Clone)]
pub(super) struct Prepared {
    pub text: String,
    /// For each byte of `text` (and one past its end), the byte of the original it came from.
    origin: Vec<usize>,
}

/// Counters a kanji numeral is read before. 分 only after two numerals or more: 「十分」 is
/// "enough", 「三十分」 thirty minutes.
const COUNTERS: [&str; 14] = [
    "営業日",
    "時間",
    "日",
    "週",
    "か月",
    "ヶ月",
    "カ月",
    "ヵ月",
    "ケ月",
    "箇月",
    "年",
    "回",
    "度",
    "世代",
];

/// Kanji before which a numeral is part of a word, not an amount: 「同一日」, 「第三年」, 「統一」.
const NOT_AMOUNT_AFTER: &str = "同唯統均単第逐画";

impl Prepared {
    pub fn new(original: &str) -> Prepared {
        // One group per character with its combining marks (NFKC composes across them: the
        // half-width ｶﾞ is ガ), each normalized on its own so its origin stays known.
        let mut groups: Vec<(String, usize)> = Vec::new();
        for (at, c) in original.char_indices() {
            let combining = is_combining_mark(c) || matches!(c, '\u{FF9E}' | '\u{FF9F}');
            match groups.last_mut() {
                Some((text, _)) if combining => text.push(c),
                _ => groups.push((c.to_string(), at)),
            }
        }
        let mut normalized: Vec<(String, usize)> = groups
            .into_iter()
            .map(|(g, at)| (g.nfkc().map(dash).collect(), at))
            .collect();
        kanji_numerals(&mut normalized);
        let mut text = String::with_capacity(original.len());
        let mut origin = Vec::with_capacity(original.len() + 1);
        for (g, at) in &normalized {
            text.push_str(g);
            origin.extend(std::iter::repeat_n(*at, g.len()));
        }
        origin.push(original.len());
        Prepared { text, origin }
    }

    /// The range of the original that `range` of [`Prepared::text`] came from.
    pub fn original(&self, range: Range<usize>) -> Range<usize> {
        let at = |i: usize| self.origin[i.min(self.origin.len() - 1)];
        at(range.start)..at(range.end)
    }
}

/// The value of a run of kanji numerals: 「三十」 30, 「百八十」 180, 「二〇二三」 2023.
fn kanji_value(run: &[char]) -> Option<u32> {
    let place = |c: char| match c {
        '十' => Some(10),
        '百' => Some(100),
        '千' => Some(1000),
        _ => None,
    };
    if run.iter().any(|&c| place(c).is_some()) {
        let (mut total, mut current) = (0u32, None::<u32>);
        for &c in run {
            match (kanji_digit(c), place(c)) {
                (Some(d), _) => current = Some(d),
                (_, Some(p)) => {
                    total = total.checked_add(current.unwrap_or(1).checked_mul(p)?)?;
                    current = None;
                }
                _ => return None,
            }
        }
        total.checked_add(current.unwrap_or(0))
    } else {
        run.iter().try_fold(0u32, |n, &c| {
            n.checked_mul(10)?.checked_add(kanji_digit(c)?)
        })
    }
}

fn is_kanji_numeral(g: &str) -> bool {
    let mut chars = g.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if kanji_digit(c).is_some() || "十百千".contains(c))
}

/// Replaces each run of kanji numerals followed by a counter with its digits (one group, so its
/// origin is the whole run).
fn kanji_numerals(groups: &mut Vec<(String, usize)>) {
    let mut i = 0;
    while i < groups.len() {
        if !is_kanji_numeral(&groups[i].0) {
            i += 1;
            continue;
        }
        let start = i;
        while i < groups.len() && is_kanji_numeral(&groups[i].0) {
            i += 1;
        }
        let run: Vec<char> = groups[start..i]
            .iter()
            .filter_map(|(g, _)| g.chars().next())
            .collect();
        let after: String = groups[i..]
            .iter()
            .skip_while(|(g, _)| g.trim().is_empty())
            .take(3)
            .map(|(g, _)| g.as_str())
            .collect();
        let counter = COUNTERS.iter().any(|c| after.starts_with(c))
            || (run.len() >= 2 && after.starts_with('分'));
        let before_ok = start == 0
            || groups[start - 1]
                .0
                .chars()
                .last()
                .is_none_or(|c| !NOT_AMOUNT_AFTER.contains(c));
        let value = counter.then(|| kanji_value(&run)).flatten();
        if let (Some(value), true) = (value, before_ok) {
            let at = groups[start].1;
            groups.splice(start..i, [(value.to_string(), at)]);
            i = start + 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_width_text_maps_back_to_the_original() {
        let p = Prepared::new("保存期間：９３日間");
        assert_eq!(p.text, "保存期間:93日間");
        let at = p.text.find("93").unwrap();
        let r = p.original(at..p.text.len());
        assert_eq!(&"保存期間：９３日間"[r], "９３日間");
    }

    #[test]
    fn kanji_numerals_before_a_counter_are_digits() {
        for (text, read) in [
            ("三十日以内", "30日以内"),
            ("年に一度", "年に1度"),
            ("百八十日", "180日"),
            ("七世代", "7世代"),
            ("三十分", "30分"),
            ("二〇二三年", "2023年"),
            ("五営業日", "5営業日"),
        ] {
            assert_eq!(Prepared::new(text).text, read, "{text}");
        }
    }

    #[test]
    fn kanji_numerals_inside_words_stay_kanji() {
        for text in [
            "十分な対策",
            "同一日",
            "統一",
            "一部のデータ",
            "一定期間",
            "第三年",
        ] {
            assert_eq!(Prepared::new(text).text, text);
        }
    }

    #[test]
    fn a_converted_numeral_points_at_the_whole_run() {
        let original = "保存は九十日間";
        let p = Prepared::new(original);
        assert_eq!(p.text, "保存は90日間");
        let r = p.original(p.text.find("90").unwrap()..p.text.len());
        assert_eq!(&original[r], "九十日間");
    }

    #[test]
    fn half_width_katakana_composes() {
        assert_eq!(Prepared::new("ﾊﾞｯｸｱｯﾌﾟ").text, "バックアップ");
    }
}
