//! Spreadsheets and CSV: the header row found by its names, each row's answer cell a passage
//! with the row's question as its context.

use super::tables::{read_cell, Cell};
use super::{strip_tags, Columns, Passage, SegmentError};
use crate::import::source::{cell_name, Sheet};

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
const NOTE_HEADERS: &[&str] = &[
    "備考",
    "補足",
    "説明",
    "補足説明",
    "補足事項",
    "回答補足",
    "詳細",
    "詳細説明",
    "具体的内容",
    "コメント",
    "comment",
    "comments",
    "remarks",
    "notes",
    "details",
    "explanation",
];
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
    /// A 備考 / remarks column beside the answer: details of a はい or a ○.
    note: Option<usize>,
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
                let note = (0..keys.len()).find(|&c| c != answer && is(NOTE_HEADERS, &keys[c]));
                return Some(Layout {
                    header_row: r,
                    questions,
                    answer,
                    note,
                });
            }
        }
    }
    None
}

pub fn segment_sheet(
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
    let note = match (&columns.answer, &detected) {
        (None, Some(l)) => l.note,
        _ => None,
    };
    let header_name = |c: usize| {
        header_row
            .and_then(|r| sheet.rows[r].get(c))
            .map(|h| h.trim().to_string())
            .filter(|h| !h.is_empty())
    };
    let first_row = header_row.map_or(0, |r| r + 1);
    let mut passages = Vec::new();
    for (r, row) in sheet.rows.iter().enumerate().skip(first_row) {
        let cell = |c: usize| row.get(c).map(|t| t.trim()).unwrap_or("");
        let question: Vec<&str> = questions
            .iter()
            .map(|&c| cell(c))
            // A 測定単位 of 「―」 says nothing of the question: the context keeps words only.
            .filter(|t| read_cell(t) != Cell::Blank)
            .collect();
        let answer_text = cell(answer);
        let reads = read_cell(answer_text);
        let note_text = note.map(cell).unwrap_or("");
        // A bare ○ or × beside a note that says what it means: the note is the answer.
        let bare_mark = matches!(reads, Cell::Yes | Cell::No) && read_cell(note_text) == Cell::Text;
        if reads != Cell::Blank && !bare_mark {
            passages.push(Passage {
                document,
                section: format!("{}!{}", sheet.name, cell_name(r, answer)),
                context: question.join(" / "),
                text: strip_tags(answer_text).trim().to_string(),
                answers: matches!(reads, Cell::Text | Cell::Yes),
                negative: reads == Cell::No,
                block: r,
            });
        }
        let Some(n) = note else { continue };
        if read_cell(note_text) == Cell::Text {
            // The note answers with the row's question and its short answer (はい, ○) as context.
            let mut context = question.clone();
            let answered;
            if !answer_text.is_empty() {
                answered = match header_name(answer) {
                    Some(h) => format!("{h}: {answer_text}"),
                    None => answer_text.to_string(),
                };
                context.push(&answered);
            }
            passages.push(Passage {
                document,
                section: format!("{}!{}", sheet.name, cell_name(r, n)),
                context: context.join(" / "),
                text: strip_tags(note_text).trim().to_string(),
                answers: true,
                negative: false,
                block: r,
            });
        }
    }
    Ok(passages)
}
