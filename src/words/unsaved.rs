//! What the screen says of changes kurabe could not save, and of a draft's conflicts.

use crate::catalog::Lang;

/// The status line's mark: "⚠ 2 change(s) not saved, kept · ".
pub fn not_saved_mark(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("⚠ {n} change(s) not saved, kept · "),
        Lang::Ja => format!("⚠ 未保存の変更 {n} 件(保持中) · "),
    }
}

/// A verdict not saved: "• the review of Cybozu — Deletion timing".
pub fn review_not_saved(vendor: &str, control: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("• the review of {vendor} — {control}"),
        Lang::Ja => format!("• 判定: {vendor} — {control}"),
    }
}

/// An answer not saved: "• the answer of Cybozu — Deletion timing".
pub fn answer_not_saved(vendor: &str, control: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("• the answer of {vendor} — {control}"),
        Lang::Ja => format!("• 回答: {vendor} — {control}"),
    }
}

/// The changes left unnamed: "  and 3 more".
pub fn and_more(more: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("  and {more} more"),
        Lang::Ja => format!("  ほか {more} 件"),
    }
}

/// The quit prompt's first line: "2 change(s) could not be saved:".
pub fn could_not_save(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{n} change(s) could not be saved:"),
        Lang::Ja => format!("{n} 件の変更を保存できませんでした:"),
    }
}

/// The offer at start: "The last run could not save 2 change(s):".
pub fn last_run_could_not_save(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!("The last run could not save {n} change(s):"),
        Lang::Ja => format!("前回、{n} 件の変更を保存できませんでした:"),
    }
}

/// A draft's conflict: "⚠ Conflict on value: this 30 days · the other change 60 days".
pub fn conflict_on(field: &str, ours: &str, theirs: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("⚠ Conflict on {field}: this {ours} · the other change {theirs}"),
        Lang::Ja => format!("⚠ {field}の競合: こちら {ours} · もう一方 {theirs}"),
    }
}
