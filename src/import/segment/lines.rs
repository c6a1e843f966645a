//! What each line of a plain-text document is, by its shape alone: headings of every kind
//! vendors write, list items, table rows, page furniture and body text.

use super::pattern;
use regex::Regex;
use std::sync::LazyLock;

#[derive(Debug, Clone, PartialEq)]
pub enum Line {
    Blank,
    /// A table of contents' line (`1 概要 ....... 3`) or a page break: not text.
    Skip,
    /// `# Title`, `## Title`.
    Markdown {
        level: usize,
        title: String,
    },
    /// `2.3.2 Title`, `2. Title`, `12 認証`: a heading if its number fits the outline.
    Numbered {
        number: String,
        title: String,
        /// Written as a table row's first cell (bold, or ended by a tab): check sheets.
        table_like: bool,
        /// `1.` or `1)` followed by a sentence: read as a list item rather than a first section.
        item_like: bool,
        /// Written `1.` or `1)`: a list item where the number does not fit the outline.
        dotted: bool,
    },
    /// `第3章 運用`, `第5条（データの削除）`.
    Chapter {
        level: usize,
        title: String,
    },
    /// `【バックアップ】`, `■ データの削除`, `◆Backup`: a heading with a mark; `rest` is text
    /// written on the same line after the closing bracket.
    Marked {
        title: String,
        rest: Option<String>,
    },
    /// A list item: `- `, `・`, `•`, `1)`, `(1)`, `①`…; `marker` is its byte length.
    Item {
        marker: usize,
    },
    /// `| a | b |`.
    PipeRow,
    /// `|---|---|`.
    PipeRule,
    Text,
}

static NUMBERED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^#{0,6}\s*(\d{1,3}(?:\.\d{1,3})*)(\.|\))?[ \t\u{3000}]+(\S[^\t]*?)\s*$")
});
static MARKDOWN: LazyLock<Regex> = LazyLock::new(|| pattern(r"^(#{1,6})\s+(\S.*?)\s*#*\s*$"));
static LEADERS: LazyLock<Regex> = LazyLock::new(|| pattern(r"\.{4,}|…{2,}|・{4,}|\s\.\s\.\s\."));
static CHAPTER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^第\s*[0-9０-９一二三四五六七八九十百]+\s*(章|節|条|項)(?:[ 　]*|（|\()(.*)$")
});
static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"^(?:【([^】]{1,40})】|［([^］]{1,40})］|\[([^\]]{1,40})\]$)\s*(.*)$")
});
static ITEM: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?:[-*+•・‣◦▪▫◎○●※]\s*|\(\d{1,2}\)\s*|（\d{1,2}）\s*|\d{1,2}\)\s+|[①-⑳]\s*|[a-zA-Z]\)\s+)",
    )
});
/// A quantity right after a number: "93 日間…", "30 days…" start sentences, not sections.
static UNIT_AFTER_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"^(?i:日|時間|分|秒|週|か月|ヶ月|カ月|ヵ月|ケ月|箇月|年|%|％|件|回|世代|営業日|GB|TB|MB|days?\b|hours?\b|minutes?\b|weeks?\b|months?\b|years?\b|times\b|generations?\b|percent\b|business\b)(.?)",
    )
});

/// Whether a title starts with a unit (so its number is a quantity): 「日間」 is, 「日本」 is not.
fn starts_with_unit(title: &str) -> bool {
    let Some(m) = UNIT_AFTER_NUMBER.captures(title) else {
        return false;
    };
    let unit = m.get(0).map_or("", |u| u.as_str());
    let next = m.get(1).map_or("", |n| n.as_str());
    let word =
        |unit_start: &str, nexts: &[&str]| unit.starts_with(unit_start) && nexts.contains(&next);
    !(word("日", &["本", "常", "程", "付", "次", "中"])
        || word("分", &["野", "析", "類", "散", "離", "割", "担", "界"])
        || word("年", &["次", "度", "齢", "金", "代"])
        || word("回", &["線", "答", "復", "収", "避", "路"])
        || word("件", &["名"]))
}
/// Marks that head a heading (● and ○ mark list items).
const MARKS: &[char] = &['■', '□', '◆', '◇', '▼', '▽', '▶', '►', '★', '☆'];

/// Sentence ends that a heading never has.
pub fn ends_sentence(s: &str) -> bool {
    s.trim_end().ends_with([
        '。', '．', '.', '!', '?', '！', '？', ':', '：', '、', ',', '，',
    ])
}

pub fn classify(raw: &str) -> Line {
    let line = raw.trim_end();
    let plain = super::strip_tags(line);
    let plain = plain.trim();
    if plain.is_empty() {
        return if line.contains('\u{c}') {
            Line::Skip
        } else {
            Line::Blank
        };
    }
    if LEADERS.is_match(plain) {
        return Line::Skip;
    }
    if plain.starts_with('|') && plain.matches('|').count() >= 2 {
        let rule = plain
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'));
        return if rule { Line::PipeRule } else { Line::PipeRow };
    }
    if let Some(m) = NUMBERED.captures(plain) {
        let title = m[3].to_string();
        let single = !m[1].contains('.');
        if !(single && starts_with_unit(&title)) {
            let sentence = title.ends_with(['。', '.']) || title.chars().count() > 50;
            return Line::Numbered {
                number: m[1].to_string(),
                item_like: single && m.get(2).is_some() && sentence,
                dotted: single && m.get(2).is_some(),
                table_like: raw.ends_with('\t') || line.contains("<b>"),
                title,
            };
        }
        return Line::Text;
    }
    if let Some(m) = MARKDOWN.captures(plain) {
        return Line::Markdown {
            level: m[1].len(),
            title: m[2].to_string(),
        };
    }
    if let Some(m) = CHAPTER.captures(plain) {
        let level = if matches!(&m[1], "章") { 1 } else { 2 };
        return Line::Chapter {
            level,
            title: plain.to_string(),
        };
    }
    if let Some(m) = BRACKETED.captures(plain) {
        let title = (1..=3)
            .find_map(|g| m.get(g))
            .map_or("", |t| t.as_str().trim());
        let rest = m.get(4).map_or("", |r| r.as_str().trim());
        // 「【保管先】は日本です。」 is a sentence about the bracketed words.
        let particle = rest.starts_with(['は', 'が', 'を', 'に', 'の', 'で', 'と', 'も', '、']);
        if !title.is_empty() && !particle {
            return Line::Marked {
                title: title.to_string(),
                rest: (!rest.is_empty()).then(|| rest.to_string()),
            };
        }
    }
    let indent = line.len() - line.trim_start().len();
    if let Some(first) = plain.chars().next() {
        if MARKS.contains(&first) && indent <= 2 {
            let title = plain[first.len_utf8()..].trim();
            let short = title.chars().count() <= 40;
            if short && !title.is_empty() && !ends_sentence(title) {
                return Line::Marked {
                    title: title.to_string(),
                    rest: None,
                };
            }
        }
    }
    if let Some(m) = ITEM.find(&line[indent..]) {
        if m.end() < line.len() - indent {
            return Line::Item {
                marker: indent + m.end(),
            };
        }
    }
    Line::Text
}

/// A line short enough to be a heading and shaped like one: no sentence end, not a fragment
/// of a wrapped sentence (those end in a particle or a comma), not a list item.
pub fn heading_shaped(text: &str) -> bool {
    let t = super::strip_tags(text);
    let t = t.trim();
    if t.is_empty()
        || ends_sentence(t)
        || t.starts_with(['(', '（', '「', '"', '“'])
        || t.contains('\t')
    {
        return false;
    }
    // A bare yes or no (有, ○, なし) or a check sheet's unit (有無) answers; it heads nothing.
    if super::tables::read_cell(t) != super::tables::Cell::Text || t.ends_with("有無") {
        return false;
    }
    let cjk = t.chars().filter(|&c| super::sentences::is_cjk(c)).count();
    let chars = t.chars().count();
    if cjk * 2 >= chars {
        // Japanese: short, and not ending in a particle that carries on to the next line.
        let particles = [
            'は', 'が', 'を', 'に', 'で', 'と', 'の', 'へ', 'も', 'や', 'て', 'し',
        ];
        // A quantity ("30日で削除を実") is in sentences, not headings.
        let quantity = crate::values::find_all(t)
            .iter()
            .any(|f| !matches!(f.value, crate::catalog::Value::List { .. }));
        return (3..=30).contains(&chars) && !t.ends_with(particles) && !quantity;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let first_upper = t
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let connective = [
        "and", "or", "of", "the", "to", "a", "an", "in", "for", "with", "by", "on",
    ];
    let last = words.last().map(|w| w.to_lowercase()).unwrap_or_default();
    first_upper
        && words.len() <= 9
        && chars <= 70
        && !connective.contains(&last.as_str())
        && !t.contains("http")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_number_followed_by_a_unit_starts_a_sentence() {
        assert_eq!(
            classify("93 日間のリサイクル パイプラインが完了すると、"),
            Line::Text
        );
        assert_eq!(
            classify("30 days after cancellation we delete data."),
            Line::Text
        );
        assert!(matches!(classify("12 認証"), Line::Numbered { .. }));
        assert!(matches!(classify("3 人的資源"), Line::Numbered { .. }));
        assert!(matches!(
            classify("2 日本国内の保管"),
            Line::Numbered { .. }
        ));
        assert!(matches!(classify("4 分析"), Line::Numbered { .. }));
        assert_eq!(classify("14 日分のバックアップを維持します。"), Line::Text);
        assert!(matches!(
            classify("2.3.2. 削除するタイミング"),
            Line::Numbered { ref number, .. } if number == "2.3.2"
        ));
    }

    #[test]
    fn a_numbered_sentence_is_item_like() {
        assert!(matches!(
            classify("1. 管理者がロックアウト コードを入力すると、データは削除されます。"),
            Line::Numbered {
                item_like: true,
                ..
            }
        ));
        assert!(matches!(
            classify("1. 概要"),
            Line::Numbered {
                item_like: false,
                ..
            }
        ));
    }

    #[test]
    fn marked_and_bracketed_headings() {
        assert_eq!(
            classify("【バックアップ】"),
            Line::Marked {
                title: "バックアップ".into(),
                rest: None
            }
        );
        assert_eq!(
            classify("■ データの削除"),
            Line::Marked {
                title: "データの削除".into(),
                rest: None
            }
        );
        assert_eq!(
            classify("[ファイルの復元] は、過去 30 日間の機能です。"),
            Line::Text
        );
        assert!(matches!(
            classify("【保管先】日本国内"),
            Line::Marked { rest: Some(_), .. }
        ));
        // A sentence behind a mark is text, not a heading.
        assert!(!matches!(
            classify("■ 本チェックシートは、当社のサービスについて記載したものです。"),
            Line::Marked { .. }
        ));
        assert!(matches!(
            classify("第3章 データの管理"),
            Line::Chapter { level: 1, .. }
        ));
    }

    #[test]
    fn headings_by_shape() {
        assert!(heading_shaped("バックアップ"));
        assert!(heading_shaped("Data deletion"));
        assert!(heading_shaped("Encryption in-transit, at-rest and at-work"));
        assert!(!heading_shaped("about"));
        assert!(!heading_shaped("バックアップデータは毎日取得し、"));
        assert!(!heading_shaped("解約後30日で削除を実"));
        assert!(!heading_shaped("Backups are taken daily."));
        assert!(!heading_shaped(
            "connections. Our application databases are not encrypted at rest and"
        ));
    }
}
