//! HTML read as the text a browser shows: headings become markdown headings, list items list
//! items, paragraphs and line breaks lines, and tables pipe tables (one row a line), so the text
//! reader cuts them as it cuts the same shapes in plain text. Words are left as they are, so a
//! quote is still the page's text (tags aside, which the quote check ignores).

use super::pattern;
use regex::{Captures, Regex};
use std::sync::LazyLock;

static TABLE: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?is)<table\b.*?</table\s*>"));
static ROW: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?is)<tr\b.*?(?:</tr\s*>|$)"));
static CELL: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?is)<(t[dh])\b[^>]*>(.*?)(?:</t[dh]\s*>|$)"));
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"(?is)<h([1-6])\b[^>]*>(.*?)</h[1-6]\s*>"));
static ITEM: LazyLock<Regex> = LazyLock::new(|| pattern(r"(?i)<li\b[^>]*>"));
static BREAK: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"(?i)<br\s*/?>|</?(?:p|div|section|article|ul|ol|tr|dl|dt|dd)\b[^>]*>")
});
static HIDDEN: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?is)<(script|style|nav|header|footer|noscript)\b.*?</(?:script|style|nav|header|footer|noscript)\s*>",
    )
});

/// Whether a text is HTML markup rather than text with a stray tag.
pub fn is_html(text: &str) -> bool {
    let lower = text
        .get(..text.len().min(4096))
        .unwrap_or(text)
        .to_ascii_lowercase();
    lower.contains("<html")
        || lower.contains("<body")
        || lower.contains("<table")
        || lower.contains("<!doctype html")
}

fn one_line(s: &str) -> String {
    super::strip_tags(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .replace('|', "｜")
}

/// The text of an HTML page in the shapes the text reader knows.
pub fn to_text(html: &str) -> String {
    let html = HIDDEN.replace_all(html, "\n");
    let html = TABLE.replace_all(&html, |t: &Captures| {
        let mut out = String::from("\n\n");
        for (r, row) in ROW.find_iter(&t[0]).enumerate() {
            let cells: Vec<(bool, String)> = CELL
                .captures_iter(row.as_str())
                .map(|c| (c[1].eq_ignore_ascii_case("th"), one_line(&c[2])))
                .collect();
            if cells.is_empty() {
                continue;
            }
            out.push_str("| ");
            out.push_str(
                &cells
                    .iter()
                    .map(|(_, c)| c.as_str())
                    .collect::<Vec<_>>()
                    .join(" | "),
            );
            out.push_str(" |\n");
            if r == 0 && cells.iter().all(|(th, _)| *th) {
                out.push_str(&"|---".repeat(cells.len()));
                out.push_str("|\n");
            }
        }
        out.push('\n');
        out
    });
    let html = HEADING.replace_all(&html, |h: &Captures| {
        let level: usize = h[1].parse().unwrap_or(2);
        format!("\n\n{} {}\n\n", "#".repeat(level), one_line(&h[2]))
    });
    let html = ITEM.replace_all(&html, "\n- ");
    let html = BREAK.replace_all(&html, "\n");
    let text = super::strip_tags(&html);
    let text = text
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    // One blank line between blocks, none inside them.
    let mut out = String::new();
    let mut blank = 0;
    let mut previous_row = false;
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            blank += 1;
            continue;
        }
        let row = line.starts_with('|');
        if !out.is_empty() {
            let apart =
                !(row && previous_row) && (blank > 0 || row || line.starts_with(['#', '-']));
            out.push_str(if apart { "\n\n" } else { "\n" });
        }
        blank = 0;
        previous_row = row;
        out.push_str(line);
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_becomes_a_pipe_table_and_headings_markdown() {
        let html = "<html><body><h2>サービスレベル</h2><p>以下のとおりです。</p><table><tr><th>項目</th><th>内容</th></tr>\n<tr><td>稼働率</td><td>99.9%<br>（月間）</td></tr></table><ul><li>毎日バックアップします。</li></ul></body></html>";
        let text = to_text(html);
        assert!(text.contains("## サービスレベル"), "{text}");
        assert!(
            text.contains("| 項目 | 内容 |\n|---|---|\n| 稼働率 | 99.9%（月間） |"),
            "{text}"
        );
        assert!(text.contains("- 毎日バックアップします。"), "{text}");
    }
}
