//! Plain text (PDF extractions, web pages saved as text, markdown) cut into passages: a
//! sentence, a list item or a table cell each, under the headings that say what it is about.

use super::lines::{classify, ends_sentence, heading_shaped, Line};
use super::outline::{Named, Outline};
use super::sentences::{is_lead_in, sentences, states_something};
use super::{strip_tags, tables, Passage};

/// A list item or paragraph longer than this is quoted sentence by sentence.
pub const LONGEST_QUOTE: usize = 400;

/// Headings whose items are links to other pages or the document's own history and contents,
/// not statements.
const LINK_HEADINGS: &[&str] = &[
    "改訂履歴",
    "改定履歴",
    "変更履歴",
    "更新履歴",
    "目次",
    "revision history",
    "document history",
    "change log",
    "changelog",
    "table of contents",
    "関連記事",
    "関連リンク",
    "関連情報",
    "関連ページ",
    "関連コンテンツ",
    "参考リンク",
    "こちらもおすすめ",
    "related",
    "see also",
    "learn more",
    "further reading",
];

pub(super) struct Walker {
    pub document: usize,
    pub outline: Outline,
    pub passages: Vec<Passage>,
    /// Lines of the paragraph or list item being read.
    paragraph: Vec<String>,
    item: bool,
    /// A sentence that led into what follows ("…は以下のとおりです。"): context of the list.
    lead: Option<String>,
    pub block: usize,
    /// Whether the last line read was a heading (a heading right under it is its sub-heading).
    after_heading: bool,
    /// Blank lines since the last line of text.
    blanks: usize,
    /// The width at which the document's lines wrap: a line well short of it ends its block
    /// (a web page saved as text puts each paragraph, link or caption on a line of its own).
    wrap: usize,
}

impl Walker {
    pub fn new(document: usize) -> Walker {
        Walker {
            document,
            outline: Outline::default(),
            passages: Vec::new(),
            paragraph: Vec::new(),
            item: false,
            lead: None,
            block: 0,
            after_heading: false,
            blanks: 0,
            wrap: usize::MAX,
        }
    }

    /// The heading path, and the lead-in of a list under it.
    pub fn context(&self) -> String {
        let outline = self.outline.context();
        match &self.lead {
            Some(lead) if outline.is_empty() => lead.clone(),
            Some(lead) => format!("{outline} / {lead}"),
            None => outline,
        }
    }

    fn in_link_list(&self) -> bool {
        let context = self.outline.context().to_lowercase();
        let last = context.rsplit(" / ").next().unwrap_or("");
        LINK_HEADINGS.iter().any(|h| last.contains(h))
    }

    pub fn push(&mut self, text: &str, answers: bool) {
        let text = text.trim();
        if text.is_empty() {
            return;
        }
        self.passages.push(Passage {
            document: self.document,
            section: self.outline.section(),
            context: self.context(),
            text: text.to_string(),
            answers: answers && !self.in_link_list(),
            negative: false,
            block: self.block,
        });
    }

    /// Whether the paragraph read so far stops mid-sentence (a PDF's page break or wrapped
    /// cell): it goes on after a blank line.
    fn is_fragment(&self) -> bool {
        let Some(last) = self.paragraph.last() else {
            return false;
        };
        let last = strip_tags(last);
        let last = last.trim();
        !self.item
            && !self.ends_block(last)
            && !last.ends_with([
                '。', '．', '.', '!', '?', '！', '？', '」', '』', ')', '）', ':', '：',
            ])
    }

    /// Whether a line ends its block: a sentence's end, or well short of the wrapping width.
    fn ends_block(&self, line: &str) -> bool {
        let line = line.trim();
        ends_sentence(line) || (self.wrap != usize::MAX && display_width(line) * 10 < self.wrap * 6)
    }

    pub fn flush(&mut self) {
        if self.paragraph.is_empty() {
            return;
        }
        let text = strip_tags(&self.paragraph.join("\n")).trim().to_string();
        self.paragraph.clear();
        let item = std::mem::take(&mut self.item);
        if text.is_empty() {
            return;
        }
        if !item {
            self.block += 1;
        }
        let pieces = if item && text.chars().count() <= LONGEST_QUOTE {
            std::iter::once(0..text.len()).collect()
        } else {
            sentences(&text)
        };
        let last = pieces.len().saturating_sub(1);
        let mut lead = None;
        for (i, range) in pieces.into_iter().enumerate() {
            let sentence = &text[range];
            let leads = i == last && !item && is_lead_in(sentence);
            if leads {
                lead = Some(sentence.to_string());
            }
            self.push(sentence, !leads && states_something(sentence));
        }
        if !item {
            self.lead = lead;
        }
    }

    fn heading(&mut self) {
        self.flush();
        self.lead = None;
        self.block += 1;
    }
}

/// Lines that repeat on every page of a PDF extraction (a running title far to the right, a
/// page number): not text.
fn page_furniture(lines: &[&str]) -> Vec<bool> {
    let mut counts = std::collections::HashMap::new();
    for line in lines {
        *counts.entry(line.trim()).or_insert(0usize) += 1;
    }
    lines
        .iter()
        .map(|line| {
            let trimmed = line.trim().trim_start_matches('\u{c}');
            let indent = line.len() - line.trim_start().len();
            let page_number = {
                let t = trimmed.trim_matches(|c: char| c == '-' || c == '—' || c.is_whitespace());
                !t.is_empty()
                    && t.len() <= 4
                    && t.bytes().all(|b| b.is_ascii_digit())
                    && indent >= 20
            };
            page_number
                || (indent >= 20 && counts[line.trim()] >= 3 && trimmed.chars().count() <= 60)
        })
        .collect()
}

/// A check sheet flattened into text: `No<TAB>question<TAB>○<TAB>answer` under a heading.
fn tab_row(line: &str, outline: &Outline) -> Option<(u32, String, String)> {
    let cells: Vec<&str> = line.split('\t').collect();
    let is_row = cells.len() >= 3
        && !outline.path().is_empty()
        && !cells[0].is_empty()
        && cells[0].bytes().all(|b| b.is_ascii_digit())
        && !cells[1].trim().is_empty()
        && cells[2..].iter().any(|c| !c.trim().is_empty());
    if !is_row {
        return None;
    }
    let answer = if cells.len() >= 4 {
        cells[3..].join("\t")
    } else {
        cells[2].to_string()
    };
    Some((
        cells[0].parse().ok()?,
        strip_tags(cells[1]).trim().to_string(),
        strip_tags(&answer).trim().to_string(),
    ))
}

pub fn segment_text(document: usize, text: &str) -> Vec<Passage> {
    let lines: Vec<&str> = text.lines().collect();
    let furniture = page_furniture(&lines);
    let kinds: Vec<Line> = lines.iter().map(|l| classify(l)).collect();
    let significant: Vec<usize> = (0..lines.len()).filter(|&i| !furniture[i]).collect();
    let mut w = Walker::new(document);
    w.wrap = wrap_width(&lines);
    let mut at = 0;
    while at < significant.len() {
        let i = significant[at];
        at += 1;
        let raw = lines[i];
        let line = raw.trim_end();
        match &kinds[i] {
            Line::Blank => {
                w.blanks += 1;
                if !w.is_fragment() {
                    w.flush();
                }
                continue;
            }
            Line::Skip => {
                if !line.contains('\u{c}') {
                    w.flush();
                }
                continue;
            }
            Line::PipeRow | Line::PipeRule => {
                w.heading();
                let rows: Vec<&str> = significant[at - 1..]
                    .iter()
                    .map(|&j| lines[j])
                    .take_while(|l| matches!(classify(l), Line::PipeRow | Line::PipeRule))
                    .collect();
                at += rows.len() - 1;
                tables::pipe_table(&mut w, &rows);
                w.after_heading = false;
                continue;
            }
            _ => {}
        }
        if tables::is_layout_header(line) {
            let rest: Vec<&str> = significant[at - 1..].iter().map(|&j| lines[j]).collect();
            let len = tables::layout_table_len(&rest);
            if len > 0 {
                w.heading();
                tables::layout_table(&mut w, &rest[..len]);
                at += len - 1;
                continue;
            }
        }
        if line.matches('\t').count() >= 2 && tab_row(line, &w.outline).is_none() {
            // A table pasted from a spreadsheet: consecutive lines of tab-separated cells.
            let rows: Vec<&str> = significant[at - 1..]
                .iter()
                .map(|&j| lines[j].trim_end())
                .take_while(|l| l.contains('\t') && tab_row(l, &w.outline).is_none())
                .collect();
            w.flush();
            w.block += 1;
            tables::tab_table(&mut w, &rows);
            at += rows.len() - 1;
            w.after_heading = false;
            continue;
        }
        if let Some((number, question, answer)) = tab_row(line, &w.outline) {
            w.flush();
            let mut path = w.outline.path().to_vec();
            path.push(number);
            let section = path
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(".");
            let context = format!("{} / {question}", w.outline.context());
            w.block += 1;
            // A check sheet's answer cell answers by its place, whatever its words.
            let reads = tables::read_cell(&answer);
            if reads != tables::Cell::Blank {
                w.passages.push(Passage {
                    document,
                    section,
                    context,
                    answers: matches!(reads, tables::Cell::Text | tables::Cell::Yes),
                    negative: reads == tables::Cell::No,
                    text: answer,
                    block: w.block,
                });
            }
            w.after_heading = false;
            continue;
        }
        let was_heading = std::mem::replace(&mut w.after_heading, false);
        let blanks = std::mem::take(&mut w.blanks);
        match &kinds[i] {
            Line::Markdown { level, title } => {
                w.heading();
                w.outline.named(title, Named::Leveled(*level), was_heading);
                w.after_heading = true;
                continue;
            }
            Line::Chapter { level, title } => {
                w.heading();
                w.outline.named(title, Named::Leveled(*level), was_heading);
                w.after_heading = true;
                continue;
            }
            Line::Marked { title, rest } => {
                w.heading();
                w.outline.named(title, Named::Implicit, was_heading);
                match rest {
                    Some(rest) => w.paragraph.push(rest.clone()),
                    None => w.after_heading = true,
                }
                continue;
            }
            Line::Numbered {
                number,
                title,
                table_like,
                item_like,
                dotted,
            } => {
                let mut outline = w.outline.clone();
                let continues = outline.numbered(number, title, *table_like);
                if continues && !(*item_like && w.outline.path().is_empty()) {
                    w.heading();
                    w.outline = outline;
                    // A table flattened into text puts a row's question and answer on its
                    // number's line: such a line opens its section and is text of it as well.
                    if title.chars().count() > 60 || title.ends_with('。') {
                        w.paragraph.push(title.clone());
                    } else {
                        w.after_heading = true;
                    }
                    continue;
                }
                if *item_like || *dotted {
                    w.flush();
                    w.item = true;
                    let start = line.find(title.as_str()).unwrap_or(0);
                    w.paragraph.push(line[start..].to_string());
                    continue;
                }
            }
            Line::Item { marker } => {
                w.flush();
                w.item = true;
                w.paragraph.push(line[*marker..].to_string());
                continue;
            }
            _ => {}
        }
        let plain = strip_tags(line);
        let plain = plain.trim();
        if let Ok(n) = plain.parse::<u32>() {
            if w.outline.continues_flat(n) {
                // A number alone on its line, its title on the next lines (a flattened table).
                w.heading();
                w.outline.set(vec![n], "");
                continue;
            }
        }
        if is_caption(plain) || is_navigation(plain) {
            // Context around the text (a caption, a menu, a breadcrumb), never an answer.
            w.flush();
            w.push(plain, false);
            continue;
        }
        // After two blank lines even a paragraph cut off (a PDF page that ends mid-sentence)
        // is over.
        let starts_block = w.paragraph.is_empty()
            || blanks >= 2
            || w.paragraph
                .last()
                .is_some_and(|l| ends_sentence(&strip_tags(l)) && !w.item);
        if starts_block
            && !w.item
            && heading_shaped(plain)
            && body_follows(&lines, &kinds, &significant[at..])
        {
            w.heading();
            w.outline.named(plain, Named::Implicit, was_heading);
            w.after_heading = true;
            continue;
        }
        if w.item && !raw.starts_with([' ', '\t', '\u{3000}']) && !w.is_fragment_item() {
            w.flush();
        }
        if !w.item
            && w.paragraph
                .last()
                .is_some_and(|l| w.ends_block(&strip_tags(l)))
        {
            w.flush();
        }
        w.paragraph.push(line.trim_start().to_string());
    }
    w.flush();
    w.passages
}

fn display_width(s: &str) -> usize {
    unicode_width::UnicodeWidthStr::width(s)
}

/// The width most lines of a document stay within (the 90th percentile of its lines' widths):
/// where a PDF extraction wraps.
fn wrap_width(lines: &[&str]) -> usize {
    let mut widths: Vec<usize> = lines
        .iter()
        .map(|l| display_width(l.trim()))
        .filter(|&w| w > 0)
        .collect();
    if widths.len() < 5 {
        return usize::MAX;
    }
    widths.sort_unstable();
    widths[widths.len() * 9 / 10]
}

/// A caption of a picture or figure: 「画像：…」, 「図1 …」, "Figure 2: …".
fn is_caption(line: &str) -> bool {
    let lower = line.to_lowercase();
    [
        "画像：",
        "画像:",
        "写真：",
        "写真:",
        "イメージ：",
        "image:",
        "photo:",
        "figure ",
        "fig. ",
        "（画像）",
        "[画像]",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
        || (line.starts_with('図')
            && line
                .chars()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)))
}

/// A menu, a breadcrumb or a footer of links: short words between separators.
fn is_navigation(line: &str) -> bool {
    let separators =
        line.matches(['｜', '|', '›', '»', '＞']).count() + line.matches(" > ").count();
    let words = line.split_whitespace().count();
    let no_sentence = !line.contains(['。', '、']) && !line.ends_with('.');
    (separators >= 2 && no_sentence)
        || (words >= 6
            && no_sentence
            && line.split_whitespace().all(|w| w.chars().count() <= 10)
            && line.chars().any(super::sentences::is_cjk))
}

/// Whether body text follows a short line (so it heads it): the next line that is not blank is
/// text, and not the first of a run of short lines (a menu, a list of links, a caption).
fn body_follows(lines: &[&str], kinds: &[Line], after: &[usize]) -> bool {
    let mut following = after.iter().copied().filter(|&j| kinds[j] != Line::Blank);
    let Some(first) = following.next() else {
        return false;
    };
    let body = matches!(
        kinds[first],
        Line::Text | Line::Item { .. } | Line::Numbered { .. } | Line::PipeRow
    );
    let second_is_title = following.next().is_some_and(|j| heading_shaped(lines[j]));
    body && !(heading_shaped(lines[first]) && second_is_title)
}

impl Walker {
    /// A list item whose line stops mid-sentence goes on on the next line, indented or not.
    fn is_fragment_item(&self) -> bool {
        self.paragraph.last().is_some_and(|l| {
            let l = strip_tags(l);
            !ends_sentence(l.trim()) && l.trim().chars().count() >= 40
        })
    }
}
