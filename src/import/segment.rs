//! Cutting a document into citable passages.
//!
//! Text: numbered headings (`1`, `2.3.2`, `6.30`, with or without a final dot, HTML `<b>` or
//! markdown `#` allowed) give the section ids; a check-sheet row `No<TAB>question<TAB>○<TAB>answer`
//! under heading `6` is section `6.No`; paragraphs (blank-line separated) are the passages, and
//! text before the first heading is the `preamble`. A plain number continues the shallowest
//! level it can (`4` after `3.3` is chapter 4); `1` opens a sub-level only on a table-like
//! heading line (bold or tab-terminated), as check sheets write them.
//!
//! Sheets: the header row is found by its column names (METI layout: No. / 種別 / 項目 /
//! 規定内容 / 測定単位 / 回答, or a company's own), or named by flags; each row's answer cell is a
//! passage cited `Sheet!C12`.
//!
//! A passage keeps the question (heading titles, the row's question cells) apart from the
//! vendor's answer: only the answer is quotable, and it is the source's text verbatim (HTML tags
//! removed, which the quote check ignores too).

use super::source::{cell_name, Content, Sheet, Source};
use regex::Regex;
use std::sync::LazyLock;

/// A pattern of this module; each is compiled by the tests, so none fails at run time.
fn pattern(re: &str) -> Regex {
    Regex::new(re).expect("the module's patterns are valid")
}

/// A citable piece of a document.
#[derive(Debug, Clone, PartialEq)]
pub struct Passage {
    /// Index of the document among the sources imported.
    pub document: usize,
    pub section: String,
    /// The question side: heading titles, the row's question. Matched, never quoted.
    pub context: String,
    /// The vendor's words: what a quote may contain.
    pub text: String,
}

/// Which sheet columns hold the question and the answer, when the header row cannot tell.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Columns {
    /// A header name or a column letter (`C`).
    pub question: Option<String>,
    pub answer: Option<String>,
}

#[derive(Debug, thiserror::Error, PartialEq)]
pub enum SegmentError {
    #[error("{file}: sheet `{sheet}`: no header row with a question and an answer column (such as 項目 / 規定内容 and 回答); name them with --question-column and --answer-column (header text or column letter)")]
    NoHeader { file: String, sheet: String },
    #[error("{file}: sheet `{sheet}`: no column `{name}` (header text or column letter)")]
    NoColumn {
        file: String,
        sheet: String,
        name: String,
    },
    #[error("{file}: nothing to quote: no passage of text found")]
    NoPassages { file: String },
}

pub fn segment(
    document: usize,
    source: &Source,
    columns: &Columns,
) -> Result<Vec<Passage>, SegmentError> {
    let passages = match &source.content {
        Content::Text(text) => segment_text(document, text),
        Content::Sheets(sheets) => {
            let mut all = Vec::new();
            for sheet in sheets {
                if sheet.rows.iter().flatten().all(|c| c.trim().is_empty()) {
                    continue;
                }
                all.extend(segment_sheet(document, &source.file_name, sheet, columns)?);
            }
            all
        }
    };
    if passages.is_empty() {
        return Err(SegmentError::NoPassages {
            file: source.file_name.clone(),
        });
    }
    Ok(passages)
}

static TAG: LazyLock<Regex> = LazyLock::new(|| pattern(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"));
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| pattern(r"^#{0,6}\s*(\d{1,3}(?:\.\d{1,3})*)\.?[ \t\u{3000}]+(\S[^\t]*?)\s*$"));
static MARKDOWN_HEADING: LazyLock<Regex> = LazyLock::new(|| pattern(r"^#{1,6}\s+(\S.*?)\s*$"));
static LEADERS: LazyLock<Regex> = LazyLock::new(|| pattern(r"\.{4,}|…{2,}|・{4,}"));

/// HTML tags removed (`<https://…>` autolinks are text and stay).
pub fn strip_tags(s: &str) -> String {
    TAG.replace_all(s, "").into_owned()
}

#[derive(Debug, Clone, Default)]
struct Outline {
    path: Vec<u32>,
    titles: Vec<String>,
    /// A markdown heading without a number names its section.
    named: Option<String>,
}

impl Outline {
    fn section(&self) -> String {
        if let Some(name) = &self.named {
            return name.clone();
        }
        if self.path.is_empty() {
            return "preamble".to_string();
        }
        join(&self.path)
    }

    fn context(&self) -> String {
        self.titles.join(" / ")
    }

    /// Takes a numbered heading if its number fits the outline; false if it reads as text.
    fn heading(&mut self, number: &str, title: &str, table_like: bool) -> bool {
        let parts: Vec<u32> = number.split('.').filter_map(|p| p.parse().ok()).collect();
        if parts.len() > 1 {
            self.set(parts, title);
            return true;
        }
        let n = parts[0];
        if self.path.is_empty() {
            self.set(vec![n], title);
            return true;
        }
        if let Some(level) = (0..self.path.len()).find(|&l| self.path[l] + 1 == n) {
            let mut path = self.path[..level].to_vec();
            path.push(n);
            self.set(path, title);
            return true;
        }
        if n == 1 && table_like {
            let mut path = self.path.clone();
            path.push(1);
            self.set(path, title);
            return true;
        }
        false
    }

    fn set(&mut self, path: Vec<u32>, title: &str) {
        self.titles.truncate(path.len().saturating_sub(1));
        while self.titles.len() + 1 < path.len() {
            self.titles.push(String::new());
        }
        self.titles.push(title.to_string());
        self.path = path;
        self.named = None;
    }
}

/// Whether a paragraph stops mid-sentence: its last line ends without a sentence's end and
/// is not a list item.
fn is_fragment(paragraph: &[String]) -> bool {
    let Some(last) = paragraph.last() else {
        return false;
    };
    let last = strip_tags(last);
    let last = last.trim();
    let list_item = last.starts_with(['-', '・', '•', '*', '▪', '■', '◆']);
    let ends = last.ends_with([
        '。', '．', '.', '!', '?', '！', '？', '」', '』', ')', '）', ':', '：',
    ]);
    !list_item && !ends
}

/// A line holding only the number that follows a flat outline's last one ("43" after "42").
fn bare_next_number(line: &str, outline: &Outline) -> Option<u32> {
    let n: u32 = line.parse().ok()?;
    (outline.path.len() == 1 && outline.path[0] + 1 == n).then_some(n)
}

fn join(path: &[u32]) -> String {
    path.iter()
        .map(u32::to_string)
        .collect::<Vec<_>>()
        .join(".")
}

fn segment_text(document: usize, text: &str) -> Vec<Passage> {
    let mut outline = Outline::default();
    let mut passages = Vec::new();
    let mut paragraph: Vec<String> = Vec::new();
    let flush = |paragraph: &mut Vec<String>, outline: &Outline, passages: &mut Vec<Passage>| {
        if paragraph.is_empty() {
            return;
        }
        let text = strip_tags(&paragraph.join("\n")).trim().to_string();
        paragraph.clear();
        if !text.is_empty() {
            passages.push(Passage {
                document,
                section: outline.section(),
                context: outline.context(),
                text,
            });
        }
    };
    for raw in text.lines() {
        let line = raw.trim_end();
        let plain = strip_tags(line);
        let plain = plain.trim();
        if plain.is_empty() && is_fragment(&paragraph) {
            // A paragraph cut mid-sentence (a page break or table cell of a PDF extraction)
            // goes on after the blank line.
            continue;
        }
        if plain.is_empty() || LEADERS.is_match(plain) {
            flush(&mut paragraph, &outline, &mut passages);
            continue;
        }
        let cells: Vec<&str> = line.split('\t').collect();
        let is_row = cells.len() >= 3
            && !outline.path.is_empty()
            && !cells[0].is_empty()
            && cells[0].bytes().all(|b| b.is_ascii_digit())
            && !cells[1].trim().is_empty()
            && cells[2..].iter().any(|c| !c.trim().is_empty());
        if is_row {
            flush(&mut paragraph, &outline, &mut passages);
            let answer = if cells.len() >= 4 {
                cells[3..].join("\t")
            } else {
                cells[2].to_string()
            };
            let answer = strip_tags(&answer).trim().to_string();
            if !answer.is_empty() {
                let mut path = outline.path.clone();
                path.push(cells[0].parse().unwrap_or(0));
                passages.push(Passage {
                    document,
                    section: join(&path),
                    context: format!("{} / {}", outline.context(), strip_tags(cells[1]).trim()),
                    text: answer,
                });
            }
            continue;
        }
        if let Some(m) = HEADING.captures(plain) {
            let table_like = raw.ends_with('\t') || line.contains("<b>");
            // A table flattened into text puts a row's question and answer on its number's
            // line: such a line opens its section and is text of it as well.
            let long = m[2].chars().count() > 60 || m[2].ends_with('。');
            let mut next = outline.clone();
            if next.heading(&m[1], &m[2], table_like) {
                flush(&mut paragraph, &outline, &mut passages);
                outline = next;
                if long {
                    paragraph.push(m[2].to_string());
                }
                continue;
            }
        } else if let Some(next) = bare_next_number(plain, &outline) {
            // A number alone on its line, its title on the next lines (a flattened table).
            flush(&mut paragraph, &outline, &mut passages);
            outline.set(vec![next], "");
            continue;
        } else if let Some(m) = MARKDOWN_HEADING.captures(plain) {
            flush(&mut paragraph, &outline, &mut passages);
            outline.named = Some(m[1].to_string());
            outline.titles = vec![m[1].to_string()];
            continue;
        }
        paragraph.push(line.to_string());
    }
    flush(&mut paragraph, &outline, &mut passages);
    passages
}

/// Header words, normalized (NFKC, lowercase, no spaces or dots).
const QUESTION_HEADERS: &[&str] = &[
    "種別",
    "分類",
    "カテゴリ",
    "項目",
    "サービスレベル項目",
    "規定内容",
    "確認事項",
    "確認内容",
    "質問",
    "質問内容",
    "質問事項",
    "設問",
    "チェック項目",
    "要求事項",
    "内容",
    "測定単位",
    "単位",
    "question",
    "item",
    "requirement",
    "description",
    "category",
];
const ANSWER_HEADERS: &[&str] = &[
    "回答",
    "回答内容",
    "回答欄",
    "ご回答",
    "貴社回答",
    "対応状況",
    "実施状況",
    "answer",
    "response",
];
const NOTE_HEADERS: &[&str] = &["備考", "補足", "説明", "comment", "comments", "remarks"];
const NUMBER_HEADERS: &[&str] = &["no", "番号", "項番", "#", "id"];

fn header_key(s: &str) -> String {
    crate::values::nfkc(s)
        .to_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .collect()
}

struct Layout {
    header_row: usize,
    questions: Vec<usize>,
    answer: usize,
}

fn find_column(sheet: &Sheet, header_row: Option<usize>, name: &str) -> Option<usize> {
    let key = header_key(name);
    if let Some(r) = header_row {
        if let Some(c) = sheet.rows[r].iter().position(|h| header_key(h) == key) {
            return Some(c);
        }
    }
    let letters = name.trim().to_ascii_uppercase();
    if !letters.is_empty() && letters.len() <= 3 && letters.bytes().all(|b| b.is_ascii_uppercase())
    {
        return Some(
            letters
                .bytes()
                .fold(0usize, |n, b| n * 26 + (b - b'A' + 1) as usize)
                - 1,
        );
    }
    None
}

fn detect_header(sheet: &Sheet) -> Option<Layout> {
    for (r, row) in sheet.rows.iter().enumerate().take(30) {
        let keys: Vec<String> = row.iter().map(|c| header_key(c)).collect();
        let is = |set: &[&str], k: &str| set.iter().any(|h| header_key(h) == k);
        let questions: Vec<usize> = (0..keys.len())
            .filter(|&c| is(QUESTION_HEADERS, &keys[c]))
            .collect();
        let answer = (0..keys.len())
            .find(|&c| is(ANSWER_HEADERS, &keys[c]))
            .or_else(|| (0..keys.len()).find(|&c| is(NOTE_HEADERS, &keys[c])));
        let numbered = keys.iter().any(|k| is(NUMBER_HEADERS, k));
        if let Some(answer) = answer {
            if !questions.is_empty() || numbered {
                return Some(Layout {
                    header_row: r,
                    questions,
                    answer,
                });
            }
        }
    }
    None
}

fn segment_sheet(
    document: usize,
    file: &str,
    sheet: &Sheet,
    columns: &Columns,
) -> Result<Vec<Passage>, SegmentError> {
    let detected = detect_header(sheet);
    let header_row = detected.as_ref().map(|l| l.header_row);
    let lookup = |name: &str| {
        find_column(sheet, header_row, name).ok_or_else(|| SegmentError::NoColumn {
            file: file.to_string(),
            sheet: sheet.name.clone(),
            name: name.to_string(),
        })
    };
    let no_header = || SegmentError::NoHeader {
        file: file.to_string(),
        sheet: sheet.name.clone(),
    };
    let answer = match &columns.answer {
        Some(name) => lookup(name)?,
        None => detected.as_ref().ok_or_else(no_header)?.answer,
    };
    let questions = match &columns.question {
        Some(name) => vec![lookup(name)?],
        None => match &detected {
            Some(l) => l.questions.clone(),
            None => Vec::new(),
        },
    };
    let first_row = header_row.map_or(0, |r| r + 1);
    let mut passages = Vec::new();
    for (r, row) in sheet.rows.iter().enumerate().skip(first_row) {
        let Some(text) = row.get(answer).map(|t| t.trim()) else {
            continue;
        };
        if text.is_empty() {
            continue;
        }
        let context: Vec<&str> = questions
            .iter()
            .filter_map(|&c| row.get(c).map(|t| t.trim()))
            .filter(|t| !t.is_empty())
            .collect();
        passages.push(Passage {
            document,
            section: format!("{}!{}", sheet.name, cell_name(r, answer)),
            context: context.join(" / "),
            text: strip_tags(text).trim().to_string(),
        });
    }
    Ok(passages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(text: &str) -> Vec<(String, String)> {
        segment_text(0, text)
            .into_iter()
            .map(|p| (p.section, p.text))
            .collect()
    }

    #[test]
    fn numbered_sections_with_a_final_dot_cite_their_number() {
        let got = sections(
            "前文\n\n2. 運用方針\n\n2.3.2. 削除するタイミング\n\n解約日より60日経過後即時\n",
        );
        assert_eq!(
            got,
            [
                ("preamble".to_string(), "前文".to_string()),
                ("2.3.2".to_string(), "解約日より60日経過後即時".to_string())
            ]
        );
    }

    #[test]
    fn check_sheet_rows_cite_heading_and_row() {
        let text = "<b>6 運用のセキュリティ</b>\t\t\t\n30\tデータが消去されること。\t○\t契約終了後30日で消去します。\n<b>7 供給者関係</b>\t\t\t\n<b>1 内部組織</b>\t\t\t\n2\t質問\t○\t<p>回答</p>\n";
        let got = segment_text(0, text);
        assert_eq!(got[0].section, "6.30");
        assert_eq!(got[0].text, "契約終了後30日で消去します。");
        assert!(got[0].context.contains("データが消去されること"));
        assert!(!got[0].text.contains("データが消去されること"));
        assert_eq!(got[1].section, "7.1.2");
        assert_eq!(got[1].text, "回答");
    }

    #[test]
    fn a_plain_number_continues_the_shallowest_level() {
        let text = "<b>3 人的資源</b>\t\t\t\n<b>1 雇用前</b>\t\t\t\n1\tq\t○\ta\n2 雇用期間中\t\t\t\n1\tq\t○\tb\n4 資産の管理\t\t\t\n1\tq\t○\tc\n";
        let got: Vec<String> = segment_text(0, text)
            .into_iter()
            .map(|p| p.section)
            .collect();
        assert_eq!(got, ["3.1.1", "3.2.1", "4.1"]);
    }

    #[test]
    fn a_paragraph_cut_mid_sentence_goes_on_after_the_blank_line() {
        let got = sections(
            "3 データの削除\n\n解約後30日で削除を実\n\n施しております。\n\n- 項目\n\n次の段落。\n",
        );
        let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
        assert_eq!(
            texts,
            [
                "解約後30日で削除を実\n施しております。",
                "- 項目",
                "次の段落。"
            ]
        );
    }

    #[test]
    fn a_fragment_does_not_run_into_the_next_section() {
        let got = sections("2.3.1. 削除する条件\n\n解約処理を実施済みであること\n\n2.3.2. 削除するタイミング\n\n60日経過後\n");
        assert_eq!(
            got[0],
            (
                "2.3.1".to_string(),
                "解約処理を実施済みであること".to_string()
            )
        );
        assert_eq!(got[1].0, "2.3.2");
    }

    #[test]
    fn table_of_contents_lines_are_skipped() {
        let got =
            sections("1\tお客様との責任分界点.....\t3\n\n1 お客様との責任分界点\n\n当社の責任\n");
        assert_eq!(got, [("1".to_string(), "当社の責任".to_string())]);
    }

    #[test]
    fn a_numbered_list_inside_a_section_stays_text() {
        let got = sections("1 概要\n\n5 項目を確認します\n");
        assert_eq!(got, [("1".to_string(), "5 項目を確認します".to_string())]);
    }

    #[test]
    fn meti_sheet_rows_are_cited_by_cell() {
        let sheet = Sheet {
            name: "Sheet1".into(),
            rows: vec![
                vec!["チェックリスト".into()],
                ["No.", "種別", "項目", "規定内容", "測定単位", "回答"]
                    .map(String::from)
                    .to_vec(),
                ["1", "可用性", "サービス稼働率", "稼働率", "%", "99.9%"]
                    .map(String::from)
                    .to_vec(),
            ],
        };
        let got = segment_sheet(0, "x.xlsx", &sheet, &Columns::default()).unwrap();
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].section, "Sheet1!F3");
        assert_eq!(got[0].text, "99.9%");
        assert!(got[0].context.contains("サービス稼働率"));
    }

    #[test]
    fn columns_can_be_named_by_letter_when_no_header_is_found() {
        let sheet = Sheet {
            name: "S".into(),
            rows: vec![["Q1", "A1"].map(String::from).to_vec()],
        };
        assert!(matches!(
            segment_sheet(0, "x.csv", &sheet, &Columns::default()),
            Err(SegmentError::NoHeader { .. })
        ));
        let columns = Columns {
            question: Some("A".into()),
            answer: Some("B".into()),
        };
        let got = segment_sheet(0, "x.csv", &sheet, &columns).unwrap();
        assert_eq!(
            (got[0].section.as_str(), got[0].text.as_str()),
            ("S!B1", "A1")
        );
        assert_eq!(got[0].context, "Q1");
    }
}
