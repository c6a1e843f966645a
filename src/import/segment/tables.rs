//! Tables inside text: each cell of a row is a passage, cited by the row's first cell, with the
//! column's header and the row's first cells as its context (what the cell answers), never
//! quoted with it.

use super::sentences::states_something;
use super::text::{Walker, LONGEST_QUOTE};
use super::{strip_tags, Passage};

/// The cells of a `| a | b |` row, trimmed, outer pipes dropped.
fn pipe_cells(line: &str) -> Vec<&str> {
    let t = line.trim();
    let t = t.strip_prefix('|').unwrap_or(t);
    let t = t.strip_suffix('|').unwrap_or(t);
    t.split('|').map(str::trim).collect()
}

/// Markdown emphasis and tags out of a cell's words, for context.
fn plain(cell: &str) -> String {
    strip_tags(cell).replace("**", "").trim().to_string()
}

/// A markdown (pipe) table: the header row, a rule, then rows.
pub(super) fn pipe_table(w: &mut Walker, rows: &[&str]) {
    let is_rule = |l: &str| {
        l.trim()
            .chars()
            .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
    };
    let rule = rows.iter().position(|l| is_rule(l));
    let (header, body): (Vec<String>, &[&str]) = match rule {
        Some(1) => (
            pipe_cells(rows[0]).into_iter().map(plain).collect(),
            &rows[2..],
        ),
        _ => (Vec::new(), rows),
    };
    let body: Vec<Vec<&str>> = body
        .iter()
        .filter(|l| !is_rule(l))
        .map(|l| pipe_cells(l))
        .collect();
    cell_table(w, &header, &body);
}

/// A table of tab-separated cells (a spreadsheet pasted into text): the first row is its
/// header when it names the columns (short cells, no sentence).
pub(super) fn tab_table(w: &mut Walker, rows: &[&str]) {
    let cells: Vec<Vec<&str>> = rows
        .iter()
        .map(|l| l.split('\t').map(str::trim).collect())
        .collect();
    let names = |row: &[&str]| {
        row.iter().all(|c| {
            c.chars().count() <= 15
                && !super::lines::ends_sentence(c)
                && !c.chars().any(|ch| ch.is_ascii_digit())
        })
    };
    match cells.split_first() {
        Some((first, rest)) if !rest.is_empty() && names(first) => {
            let header: Vec<String> = first.iter().map(|c| plain(c)).collect();
            cell_table(w, &header, rest);
        }
        _ => cell_table(w, &[], &cells),
    }
}

/// Each cell after a row's first is a passage: its row's first cells and its column's name are
/// its context, the first cell its citation.
fn cell_table(w: &mut Walker, header: &[String], body: &[Vec<&str>]) {
    let section = w.outline.section();
    let outline = w.context();
    for cells in body {
        let label = cells.first().map(|c| plain(c)).unwrap_or_default();
        w.block += 1;
        for (c, cell) in cells.iter().enumerate().skip(1) {
            let text = strip_tags(cell).trim().to_string();
            let reads = read_cell(&text);
            if text.is_empty() || reads == Cell::Blank {
                continue;
            }
            let mut context = Vec::new();
            if !outline.is_empty() {
                context.push(outline.clone());
            }
            if let Some(h) = header.first().filter(|h| !h.is_empty()) {
                context.push(format!("{h}: {label}"));
            } else if !label.is_empty() {
                context.push(label.clone());
            }
            // The cells between the first and this one name the row further.
            for (k, other) in cells.iter().enumerate().take(c).skip(1) {
                let other = plain(other);
                if !other.is_empty() && other.chars().count() <= 40 {
                    match header.get(k).filter(|h| !h.is_empty()) {
                        Some(h) => context.push(format!("{h}: {other}")),
                        None => context.push(other),
                    }
                }
            }
            if let Some(h) = header.get(c).filter(|h| !h.is_empty()) {
                context.push(h.clone());
            }
            let cite = if label.is_empty() {
                section.clone()
            } else {
                format!("{section} / {}", cut(&label, 30))
            };
            let pieces = if text.chars().count() <= LONGEST_QUOTE {
                std::iter::once(0..text.len()).collect()
            } else {
                super::sentences::sentences(&text)
            };
            for range in pieces {
                let piece = &text[range];
                w.passages.push(Passage {
                    document: w.document,
                    section: cite.clone(),
                    context: context.join(" / "),
                    text: piece.to_string(),
                    answers: reads == Cell::Yes || (reads == Cell::Text && states_something(piece)),
                    negative: reads == Cell::No,
                    block: w.block,
                });
            }
        }
    }
}

/// What a table or sheet cell says when it is short.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    /// Nothing: a dash, "N/A", 該当なし, TBD.
    Blank,
    /// An explicit no: なし, 無, いいえ, ×, "No". Never quoted as a statement.
    No,
    /// A bare yes: ○, はい, 有, "Yes".
    Yes,
    Text,
}

pub fn read_cell(text: &str) -> Cell {
    let t: String = crate::values::nfkc(text.trim())
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '。' | '.'))
        .collect();
    let dashes = |c: char| matches!(c, '-' | '―' | '─' | '—' | '‐' | 'ー' | '~' | '−' | '/');
    if t.is_empty()
        || t.chars().all(dashes)
        || matches!(
            t.as_str(),
            "n/a" | "na" | "tbd" | "該当なし" | "対象外" | "非該当" | "-/-" | "未定" | "記載なし"
        )
    {
        return Cell::Blank;
    }
    if matches!(
        t.as_str(),
        "なし" | "無" | "無し" | "いいえ" | "×" | "no" | "特になし" | "未対応" | "非対応" | "不可"
    ) {
        return Cell::No;
    }
    if matches!(
        t.as_str(),
        "○" | "◯"
            | "〇"
            | "はい"
            | "yes"
            | "有"
            | "有り"
            | "あり"
            | "済"
            | "対応済"
            | "対応済み"
            | "可"
            | "可能"
            | "✓"
            | "✔"
    ) {
        return Cell::Yes;
    }
    Cell::Text
}

fn cut(s: &str, chars: usize) -> String {
    if s.chars().count() <= chars {
        s.to_string()
    } else {
        s.chars().take(chars).collect::<String>() + "…"
    }
}

/// The pieces of a line separated by two spaces or more (or a tab), with their char columns.
fn segments(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (char column, byte offset)
    let mut spaces = 0;
    let mut last_end = 0;
    for (col, (byte, c)) in line.char_indices().enumerate() {
        if c == ' ' || c == '\t' || c == '\u{3000}' {
            spaces += if c == '\t' { 2 } else { 1 };
            if spaces >= 2 {
                if let Some((scol, sbyte)) = start.take() {
                    out.push((scol, &line[sbyte..last_end]));
                }
            }
            continue;
        }
        if start.is_none() {
            start = Some((col, byte));
        }
        spaces = 0;
        last_end = byte + c.len_utf8();
    }
    if let Some((scol, sbyte)) = start {
        out.push((scol, &line[sbyte..last_end]));
    }
    out
}

/// A header row of a table laid out with spaces (`pdftotext -layout`): three or more short
/// names apart.
pub fn is_layout_header(line: &str) -> bool {
    // Tab-separated rows are a check sheet's (see `text::tab_row`), not a layout.
    if line.contains('\t') {
        return false;
    }
    let segs = segments(line);
    segs.len() >= 3
        && segs.iter().all(|(_, s)| {
            let short = s.chars().count() <= 4;
            s.chars().count() <= 20
                && !s.contains("....")
                && (!super::lines::ends_sentence(s) || (short && s.ends_with('.')))
        })
}

/// The lines of a laid-out table that starts with the header at `lines[0]`: rows of several
/// pieces, separated by blank lines, up to a paragraph or two blank lines. Empty when no row
/// follows the header.
pub fn layout_table_len(lines: &[&str]) -> usize {
    let mut end = 1;
    let mut i = 1;
    let mut rows = 0;
    while i < lines.len() {
        // The next block of lines (up to a blank line).
        let blanks = lines[i..]
            .iter()
            .take_while(|l| l.trim().is_empty())
            .count();
        if blanks >= 2 {
            break;
        }
        let start = i + blanks;
        let block: Vec<&str> = lines[start..]
            .iter()
            .take_while(|l| !l.trim().is_empty())
            .copied()
            .collect();
        if block.is_empty() {
            break;
        }
        let tabular = block.iter().any(|l| segments(l).len() >= 2)
            || block.iter().all(|l| l.starts_with("    "));
        if !tabular {
            break;
        }
        rows += 1;
        i = start + block.len();
        end = i;
    }
    if rows == 0 {
        0
    } else {
        end
    }
}

/// A laid-out table: each block of lines between blank lines is a row, quoted as it stands
/// (a cell wraps over lines above and below its row's first line, so its words are not one
/// run of text), with the header's names as context.
pub(super) fn layout_table(w: &mut Walker, lines: &[&str]) {
    let header: Vec<&str> = segments(lines[0]).into_iter().map(|(_, s)| s).collect();
    let section = w.outline.section();
    let outline = w.context();
    let mut context = Vec::new();
    if !outline.is_empty() {
        context.push(outline);
    }
    context.push(header.join(" / "));
    let context = context.join(" / ");
    for (n, block) in lines[1..]
        .split(|l| l.trim().is_empty())
        .filter(|b| !b.is_empty())
        .enumerate()
    {
        let label = block
            .iter()
            .flat_map(|l| segments(l).into_iter().take(1))
            .find(|(col, s)| *col <= 3 && s.bytes().all(|b| b.is_ascii_digit()))
            .or_else(|| {
                block
                    .iter()
                    .flat_map(|l| segments(l).into_iter().take(1))
                    .find(|(col, _)| *col <= 3)
            })
            .map_or_else(|| format!("{}", n + 1), |(_, s)| cut(s, 30));
        let text = block
            .iter()
            .map(|l| l.trim())
            .collect::<Vec<_>>()
            .join("\n");
        w.block += 1;
        w.passages.push(Passage {
            document: w.document,
            section: format!("{section} / {label}"),
            context: context.clone(),
            answers: true,
            negative: false,
            text,
            block: w.block,
        });
    }
}
