//! The interface's words in English and Japanese: every label the screen and the exports share.
//! Titles, questions and summaries come from the catalogue; everything kurabe itself says is here,
//! so switching the language (`L`) switches all of it.

use crate::catalog::{Lang, Polarity, Status};

#[macro_use]
mod table;
mod changes;
mod counts;
mod messages;
pub mod screen;
pub mod unsaved;

pub use changes::ChangeWord;
pub use counts::*;
pub use messages::Phrase;

/// One phrase in both languages, for messages said in one place only: the English or the
/// Japanese as `lang` asks.
pub fn tr<'s>(lang: Lang, en: &'s str, ja: &'s str) -> &'s str {
    match lang {
        Lang::En => en,
        Lang::Ja => ja,
    }
}

/// A status as a word: "stated" / "記載あり".
pub fn status(status: Status, lang: Lang) -> &'static str {
    match (lang, status) {
        (Lang::En, Status::Stated) => "stated",
        (Lang::En, Status::Partial) => "partial",
        (Lang::En, Status::NotStated) => "not stated",
        (Lang::Ja, Status::Stated) => "記載あり",
        (Lang::Ja, Status::Partial) => "一部記載",
        (Lang::Ja, Status::NotStated) => "記載なし",
    }
}

/// A status with its symbol, readable without colour: "● stated".
pub fn status_badge(s: Status, lang: Lang) -> String {
    let mark = match s {
        Status::Stated => "●",
        Status::Partial => "◐",
        Status::NotStated => "○",
    };
    format!("{mark} {}", status(s, lang))
}

/// The answer to a yes/no question as a word: "yes" / "はい", "conditional" / "条件付き".
pub fn polarity(p: Polarity, lang: Lang) -> &'static str {
    match (lang, p) {
        (Lang::En, Polarity::Yes) => "yes",
        (Lang::En, Polarity::No) => "no",
        (Lang::En, Polarity::Conditional) => "conditional",
        (Lang::Ja, Polarity::Yes) => "はい",
        (Lang::Ja, Polarity::No) => "いいえ",
        (Lang::Ja, Polarity::Conditional) => "条件付き",
    }
}

/// The one wording of a verdict whose answer changed since it was given.
pub fn stale_verdict(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "stale: the answer changed since it was judged",
        Lang::Ja => "判定後に回答が変更されています",
    }
}

pub fn says_nothing(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "The vendor's documents say nothing on this.",
        Lang::Ja => "事業者の文書にはこの点の記載がありません。",
    }
}

/// The filter words shown in the status line and export headings.
pub fn only_differences(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "only where vendors differ",
        Lang::Ja => "回答が異なる管理策のみ",
    }
}

pub fn only_unstated(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "only where a vendor is silent",
        Lang::Ja => "記載なしの事業者がある管理策のみ",
    }
}

pub fn only_failing(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "only where a vendor fails a requirement",
        Lang::Ja => "基準に不適合の事業者がある管理策のみ",
    }
}

pub fn only_unresolved(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "only where a requirement is unresolved",
        Lang::Ja => "基準の判定が未決(要判断・記載なし)の管理策のみ",
    }
}

/// The badge beside the status of an imported answer a reviewer has not confirmed.
pub fn draft_badge(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "✎ draft",
        Lang::Ja => "✎ 下書き",
    }
}

/// What the comparison-table text of a draft starts with, in every table the view makes
/// (the matrix, markdown, the workbook, CSV, TSV): words only, as CP932 has no ✎.
pub fn draft_mark(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "[draft] ",
        Lang::Ja => "【下書き】",
    }
}

/// All a draft shows while drafts are masked: nothing of what the importer proposed.
pub fn masked_draft(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "draft (not reviewed)",
        Lang::Ja => "下書き（未確認）",
    }
}

/// The label of each vendor's count of drafts in an export.
pub fn drafts_not_reviewed(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Draft answers not reviewed",
        Lang::Ja => "未確認の下書き回答",
    }
}

/// The view option that masks drafts, as the status line and export headings name it.
pub fn drafts_masked(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "drafts masked",
        Lang::Ja => "下書きを伏せて表示",
    }
}

pub fn only_drafts(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "only drafts",
        Lang::Ja => "下書きのみ",
    }
}

/// The status line's count of imported answers still to review.
pub fn drafts_left(n: usize, lang: Lang) -> String {
    match (lang, n) {
        (Lang::En, 1) => "✎ 1 draft left".to_string(),
        (Lang::En, n) => format!("✎ {n} drafts left"),
        (Lang::Ja, n) => format!("✎ 下書き残り{n}件"),
    }
}

/// "3 years 2 months" / "3年2か月".
pub fn age(months: u32, lang: Lang) -> String {
    let (y, m) = (months / 12, months % 12);
    match lang {
        Lang::En => {
            let unit =
                |n: u32, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
            match (y, m) {
                (0, 0) => "under a month".to_string(),
                (0, m) => unit(m, "month", "months"),
                (y, 0) => unit(y, "year", "years"),
                (y, m) => format!(
                    "{} {}",
                    unit(y, "year", "years"),
                    unit(m, "month", "months")
                ),
            }
        }
        Lang::Ja => match (y, m) {
            (0, 0) => "1か月未満".to_string(),
            (0, m) => format!("{m}か月"),
            (y, 0) => format!("{y}年"),
            (y, m) => format!("{y}年{m}か月"),
        },
    }
}

table! {
    /// Fixed words of the screen and the exports, looked up by what they are for.
    Word {
        Note => ("Note", "注記"),
        Warning => ("Warning", "警告"),
        Documents => ("Documents", "文書"),
        Undated => ("undated", "日付なし"),
        Old => ("old", "経過"),
        Stale => ("stale", "古い"),
        ReassessDue => ("due", "要再評価"),
        Future => ("dated in the future", "日付が未来"),
        Preamble => ("preamble", "前文"),
        Control => ("Control", "管理策"),
        Vendors => ("Vendors", "事業者"),
        Query => ("Query", "検索語"),
        Filters => ("Filters", "絞り込み"),
        Language => ("Language", "言語"),
        Controls => ("Controls", "管理策数"),
        Sources => ("Sources", "出典"),
        NoMatch => (
        "No control matches this view.",
        "この表示に該当する管理策はありません。",
        ),
        AllControls => ("All controls", "すべての管理策"),
        ReviewerVerdict => ("Reviewer's verdict", "評価者の判定"),
        ReviewerNote => ("Reviewer's note", "評価者のメモ"),
        NoFilters => ("no filters", "絞り込みなし"),
        User => ("[user]", "[ユーザー]"),
        VendorsWords => ("The vendor's words", "事業者の原文"),
        Category => ("Category", "カテゴリ"),
        Question => ("Question", "質問"),
        Crosswalk => ("Standards", "対応規格"),
    }
}

/// A fixed word in `lang`.
pub fn word(w: Word, lang: Lang) -> &'static str {
    w.get(lang)
}

/// The language's own name: "English" / "日本語".
pub fn language_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Ja => "日本語",
    }
}

/// "Search results for “q”" / "「q」の検索結果".
pub fn search_results(query: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Search results for “{query}”"),
        Lang::Ja => format!("「{query}」の検索結果"),
    }
}

/// The "(partial)" prefix of a cell's text.
pub fn partial_prefix(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "(partial) ",
        Lang::Ja => "(一部記載) ",
    }
}

/// After a document's date: ", 3 months old" / "、3か月経過".
pub fn aged(months: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!(", {} old", age(months, lang)),
        Lang::Ja => format!("、{}経過", age(months, lang)),
    }
}

/// A superseded standard an answer cites: "cites ISO/IEC 27001:2013, superseded by
/// ISO/IEC 27001:2022 (transition period ended 2025-10-31)".
pub fn superseded(edition: &str, successor: &str, end: &str, ended: bool, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let tense = if ended { "ended" } else { "ends" };
            format!("cites {edition}, superseded by {successor} (transition period {tense} {end})")
        }
        Lang::Ja => {
            let tense = if ended { "で終了" } else { "まで" };
            format!("{edition} を引用(後継は {successor}、移行期限 {end}{tense})")
        }
    }
}

/// "stale (over 24 months)" / "古い(24か月超)".
/// A vendor's last assessment (`on`, and whether only its documents' date stands for it) and
/// the next one's date, in one line; `None`: not assessed yet.
pub fn assessment_line(
    assessment: Option<(jiff::civil::Date, bool, jiff::civil::Date)>,
    in_review: bool,
    due: bool,
    lang: Lang,
) -> String {
    let Some((on, by_documents, due_on)) = assessment else {
        return not_assessed(in_review, lang).to_string();
    };
    let mut line = match (lang, by_documents) {
        (Lang::En, false) => format!("assessed {on}, next due {due_on}"),
        (Lang::En, true) => format!("assessed {on} (its documents' date), next due {due_on}"),
        (Lang::Ja, false) => format!("前回評価 {on}、次回 {due_on}"),
        (Lang::Ja, true) => format!("前回評価 {on}（文書の日付）、次回 {due_on}"),
    };
    if due {
        line.push_str(&format!(" ⚠ {}", reassessment_due(lang)));
    }
    line
}

/// Why a vendor has no assessment date: its drafts are being reviewed, or nothing is dated.
pub fn not_assessed(in_review: bool, lang: Lang) -> &'static str {
    match (in_review, lang) {
        (true, Lang::En) => "not assessed yet (drafts to review)",
        (true, Lang::Ja) => "未評価（下書きの確認待ち）",
        (false, Lang::En) => "no assessment date (its documents are undated)",
        (false, Lang::Ja) => "評価日なし（文書に日付がありません）",
    }
}

/// The heading of a vendor's assessment line in the workbook.
pub fn assessment_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Last assessment, next due",
        Lang::Ja => "前回評価・次回",
    }
}

/// The mark of a vendor due for re-assessment.
pub fn reassessment_due(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "due for re-assessment",
        Lang::Ja => "要再評価",
    }
}

pub fn stale_over(months: u32, lang: Lang) -> String {
    match lang {
        Lang::En => format!("stale (over {months} months)"),
        Lang::Ja => format!("古い({months}か月超)"),
    }
}

table! {
    /// Words of the spreadsheet exports (Excel workbook, CSV), looked up by what they are for.
    SheetWord {
        /// The comparison sheet's name.
        Comparison => ("Comparison", "比較"),
        /// The header of the column that says what differs among the vendors' answers.
        Differences => ("Differences", "差異"),
        /// What that column says of a row whose answers state different values…
        ValueDiffers => ("value", "値"),
        /// …are stated and partial…
        StatusDiffers => ("status", "記載状況"),
        /// …or say yes and no (or conditional).
        PolarityDiffers => ("polarity", "可否"),
        Vendor => ("Vendor", "事業者"),
        Document => ("Document", "文書"),
        Version => ("Version", "版"),
        Date => ("Date", "日付"),
        AgeMonths => ("Age (months)", "経過月数"),
        Section => ("Section", "節"),
        /// The header of the column numbering the parts of a text too long for one cell.
        Part => ("Part", "分割"),
        Text => ("Text", "本文"),
        /// The "document" of a comparison cell cut at Excel's limit, whose full text follows.
        FullCellText => ("Full text of a comparison cell", "比較シートのセルの全文"),
        /// Appended to a comparison cell cut at Excel's limit.
        TruncatedSeeSources => (
        " … [cut at Excel's 32,767-character limit: the full text is on the Sources sheet]",
        " …[Excelの32,767文字の上限で省略: 全文は「出典」シート]",
        ),
        /// Appended to any other cell cut at Excel's limit.
        Truncated => (
        " … [cut at Excel's 32,767-character limit]",
        " …[Excelの32,767文字の上限で省略]",
        ),
        /// The label of the description's first line: what the view compares.
        Compared => ("Compared", "比較対象"),
        ExportedOn => ("Exported on", "出力日"),
        StaleAfterMonths => ("Stale after (months)", "古いとみなす経過月数"),
        KurabeVersion => ("kurabe version", "kurabe のバージョン"),
    }
}

/// A spreadsheet word in `lang`.
pub fn sheet_word(w: SheetWord, lang: Lang) -> &'static str {
    w.get(lang)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_in_both_languages() {
        assert_eq!(age(38, Lang::En), "3 years 2 months");
        assert_eq!(age(1, Lang::En), "1 month");
        assert_eq!(age(0, Lang::En), "under a month");
        assert_eq!(age(38, Lang::Ja), "3年2か月");
        assert_eq!(age(24, Lang::Ja), "2年");
    }

    #[test]
    fn badges_are_japanese_in_japanese() {
        assert_eq!(status_badge(Status::Stated, Lang::Ja), "● 記載あり");
        assert_eq!(status_badge(Status::Partial, Lang::Ja), "◐ 一部記載");
        assert_eq!(status_badge(Status::NotStated, Lang::Ja), "○ 記載なし");
        assert_eq!(status_badge(Status::NotStated, Lang::En), "○ not stated");
    }

    #[test]
    fn polarities_read_in_both_languages() {
        assert_eq!(polarity(Polarity::No, Lang::En), "no");
        assert_eq!(polarity(Polarity::Yes, Lang::Ja), "はい");
        assert_eq!(polarity(Polarity::Conditional, Lang::Ja), "条件付き");
    }
}
