//! The screen's words that carry values: titles with counts and names, the status line's
//! pieces. (Plain messages are [`super::Phrase`]s.)

use crate::catalog::Lang;

/// The whole screen when the terminal is smaller than kurabe needs.
pub fn terminal_too_small(size: (u16, u16), least: (u16, u16), lang: Lang) -> String {
    let ((w, h), (min_w, min_h)) = (size, least);
    match lang {
        Lang::En => {
            format!("Terminal too small ({w}x{h}). kurabe needs at least {min_w}x{min_h}. q quits.")
        }
        Lang::Ja => {
            format!("端末が小さすぎます({w}x{h})。{min_w}x{min_h} 以上が必要です。q で終了。")
        }
    }
}

/// The list pane's title while searching: " Results (12) " / " 検索結果(12) "; `count` may be
/// "…" while the search runs.
pub fn results_title(count: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" Results ({count}) "),
        Lang::Ja => format!(" 検索結果({count}) "),
    }
}

/// After the first loading problem on the status line: " (+2 more; run `kurabe check`)".
pub fn more_problems(more: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" (+{more} more; run `kurabe check`)"),
        Lang::Ja => format!(" (ほか {more} 件。`kurabe check` で確認)"),
    }
}

/// The status line's language and count of controls: "│ EN │ 6 controls" / "│ 日本語 │ 6 件".
pub fn language_and_count(count: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("│ EN │ {count}"),
        Lang::Ja => format!("│ 日本語 │ {count}"),
    }
}

/// The note editor's title: " Note: Alpha Cloud — Deletion after contract end ".
pub fn note_title(vendor: &str, control: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" Note: {vendor} — {control} "),
        Lang::Ja => format!(" メモ: {vendor} — {control} "),
    }
}

/// Below the other vendors listed in the draft review: "  … and 3 more vendors" / "  …他 3 社".
pub fn more_vendors(more: usize, lang: Lang) -> String {
    match (lang, more) {
        (Lang::En, 1) => "  … and 1 more vendor".to_string(),
        (Lang::En, n) => format!("  … and {n} more vendors"),
        (Lang::Ja, n) => format!("  …他 {n} 社"),
    }
}

/// The review queue's status line.
pub fn queue_status(left: usize, vendor: &str, vendor_left: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "✎ Queue: {left} left ({vendor}: {vendor_left}) · Enter confirms and goes on · n skips"
        ),
        Lang::Ja => format!(
            "✎ キュー: 残り{left}件({vendor}: {vendor_left}件) · Enter で確定して次へ · n で後回し"
        ),
    }
}

/// The bulk confirmation's title: " Confirm as not stated: Acme — 3 of 4 drafts ".
pub fn bulk_title(vendor: &str, kept: usize, of: usize, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let drafts = if of == 1 { "draft" } else { "drafts" };
            format!(" Confirm as not stated: {vendor} — {kept} of {of} {drafts} ")
        }
        Lang::Ja => format!(" 「記載なし」で一括確定: {vendor} — {of} 件中 {kept} 件 "),
    }
}

/// Vendors that came with the files since the last run, now shown.
pub fn new_vendors_shown(names: &[&str], lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "New since the last run, now shown: {} (A reviews its drafts)",
            names.join(", ")
        ),
        Lang::Ja => format!(
            "前回以降に追加された事業者を表示しました: {}(A で下書きを確認)",
            names.join("、")
        ),
    }
}

/// A search query or a note longer than kurabe keeps: "The query is cut at 200 characters.".
pub fn cut_at(what_is_a_note: bool, max: usize, lang: Lang) -> String {
    match (lang, what_is_a_note) {
        (Lang::En, false) => format!("The query is cut at {max} characters."),
        (Lang::En, true) => format!("The note is cut at {max} characters."),
        (Lang::Ja, false) => format!("検索語は {max} 文字までです。"),
        (Lang::Ja, true) => format!("メモは {max} 文字までです。"),
    }
}

/// The draft review after a value is set: "Value set: 45 days · from contract end".
pub fn value_set(value: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Value set: {value}"),
        Lang::Ja => format!("値を設定しました: {value}"),
    }
}

/// A change of a draft saved: "Confirmed; saved to vendors/acme.yaml".
pub fn saved_to(done: &str, path: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{done}; saved to {path}"),
        Lang::Ja => format!("{done}。{path} に保存しました"),
    }
}

/// A change of a draft saved where the file had changed the same fields.
pub fn saved_with_conflict(done: &str, path: &str, fields: &[&str], lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{done}; saved to {path}, where the {} had been changed too: both are kept, as a conflict (a, then O keeps this, T takes the other)",
            fields.join(", ")
        ),
        Lang::Ja => format!(
            "{done}。{path} に保存しましたが、{}はファイル側でも変更されていたため、両方を競合として残しました(a で開き、O でこちら、T でもう一方を採用)",
            fields.join("・")
        ),
    }
}

/// A change of a draft that could not be saved.
pub fn draft_not_saved(why: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Not saved: {why}. Your change is kept (q asks before quitting) and saved with your next change"
        ),
        Lang::Ja => format!(
            "保存できませんでした: {why}。変更は保持し、次の変更のときに保存します(終了時に確認します)"
        ),
    }
}

/// Text being typed when kurabe closed, kept in a file, that cannot be opened again.
pub fn typing_kept(vendor: &str, control: &str, path: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("The text you were typing for {vendor} / {control} is kept in {path}: {why}")
        }
        Lang::Ja => {
            format!("{vendor} / {control} に入力中だった内容は {path} に残しています: {why}")
        }
    }
}

/// Why kept text cannot be opened: its answer is gone.
pub fn answer_gone(lang: Lang) -> &'static str {
    crate::words::tr(lang, "that answer is gone", "その回答はもうありません")
}

/// A conflict that could not be settled, with why.
pub fn not_settled(why: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Not settled: {why}"),
        Lang::Ja => format!("競合を解消できませんでした: {why}"),
    }
}

/// `B` on a vendor none of whose drafts may be confirmed at once.
pub fn no_bulk_drafts(vendor: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "No draft of {vendor} to confirm at once: each states something, holds a value, or the importer was confident enough (0.50 or more) for a person to read it."
        ),
        Lang::Ja => format!(
            "{vendor}に一括で確定できる下書きはありません: どれも記載・値があるか、取り込み時の確信度が0.50以上で、人が読むべきものです。"
        ),
    }
}

/// Drafts confirmed at once of which some had changed in the file too.
pub fn bulk_clashed(clashed: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{clashed} of them had been changed in the file too: both changes are kept, as a conflict (a, then O keeps this, T takes the other)"
        ),
        Lang::Ja => format!(
            "うち{clashed}件はファイル側でも変更されていたため、両方を競合として残しました(a で開き、O でこちら、T でもう一方を採用)"
        ),
    }
}

/// Drafts confirmed at once that could not be saved.
pub fn bulk_not_saved(why: &str, n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let drafts = if n == 1 { "draft" } else { "drafts" };
            format!("Not saved: {why}. The {n} {drafts} confirmed are kept (q asks before quitting, and can save them again)")
        }
        Lang::Ja => format!(
            "保存できませんでした: {why}。確定した下書き{n}件は保持しています(終了時に確認し、もう一度保存できます)"
        ),
    }
}

/// A verdict kept but not saved: the reviews file could not be read at the start.
pub fn verdict_kept_unreadable(vendor: &str, verdict: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "{vendor}: {verdict} (not saved: the reviews file could not be read; kept until it can be)"
        ),
        Lang::Ja => format!(
            "{vendor}: {verdict}(判定ファイルを読めないため保存していません。保存できるまで保持します)"
        ),
    }
}

/// A verdict or note that could not be saved.
pub fn reviews_not_saved(why: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Reviews not saved: {why}. Your change is kept (q asks before quitting) and saved with your next change"
        ),
        Lang::Ja => format!(
            "判定を保存できませんでした: {why}。変更は保持し、次の変更のときに保存します(終了時に確認します)"
        ),
    }
}

/// `o`: the vendors ordered by their outcomes against the active profile.
pub fn ordered_by_score(profile: &str, lang: Lang) -> String {
    match lang {
        Lang::En => {
            format!("Vendors ordered by score against {profile}: fewest must failures first")
        }
        Lang::Ja => format!("{profile}の判定で事業者を並べ替えました(必須の不適合が少ない順)"),
    }
}

/// The status line after an export: "Exported to out.md" / "書き出しました: out.md".
pub fn exported_to(path: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Exported to {path}"),
        Lang::Ja => format!("書き出しました: {path}"),
    }
}

/// The status line when an export fails, with why.
pub fn export_failed(why: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Export failed: {why}"),
        Lang::Ja => format!("書き出しに失敗しました: {why}"),
    }
}

/// The status line when copying fails, with why.
pub fn copy_failed(why: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Copy failed: {why}"),
        Lang::Ja => format!("コピーできませんでした: {why}"),
    }
}

/// A vendor key (1-9) past the last vendor.
pub fn no_such_vendor(key: usize, vendors: usize, lang: Lang) -> String {
    match lang {
        Lang::En if vendors == 1 => format!("There is no vendor {key} (there is 1)."),
        Lang::En => format!("There is no vendor {key} (there are {vendors})."),
        Lang::Ja => format!("事業者 {key} はありません({vendors} 社です)。"),
    }
}

/// What `R` did: the vendors due for re-assessment shown (`Some(count)`), none due (`None`).
pub fn due_vendors_shown(count: Option<usize>, months: u32, lang: Lang) -> String {
    match (count, lang) {
        (None, Lang::En) => format!("No vendor is due for re-assessment (every {months} months)."),
        (None, Lang::Ja) => format!("再評価の時期が来た事業者はありません({months}か月ごと)。"),
        (Some(1), Lang::En) => {
            format!("1 vendor due for re-assessment (every {months} months); R again shows every vendor.")
        }
        (Some(n), Lang::En) => format!(
            "{n} vendors due for re-assessment (every {months} months); R again shows every vendor."
        ),
        (Some(n), Lang::Ja) => {
            format!("再評価の時期が来た事業者 {n} 社({months}か月ごと)。もう一度 R で全事業者。")
        }
    }
}

/// What `R` did when the vendors due were what was shown.
pub fn every_vendor_shown(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "Every vendor shown.",
        Lang::Ja => "すべての事業者を表示しています。",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_screen_phrase_reads_in_both_languages() {
        let both = |f: &dyn Fn(Lang) -> String| {
            let (en, ja) = (f(Lang::En), f(Lang::Ja));
            assert!(
                !en.trim().is_empty() && !ja.trim().is_empty() && en != ja,
                "{en} / {ja}"
            );
        };
        both(&|l| terminal_too_small((40, 10), (60, 16), l));
        both(&|l| results_title("3", l));
        both(&|l| more_problems(2, l));
        both(&|l| language_and_count("1", l));
        both(&|l| note_title("A", "B", l));
        both(&|l| more_vendors(1, l));
        both(&|l| queue_status(3, "A", 1, l));
        both(&|l| bulk_title("A", 1, 1, l));
        both(&|l| exported_to("a.md", l));
        both(&|l| no_bulk_drafts("A", l));
        both(&|l| bulk_clashed(1, l));
        both(&|l| bulk_not_saved("x", 1, l));
        both(&|l| verdict_kept_unreadable("A", "v", l));
        both(&|l| reviews_not_saved("x", l));
        both(&|l| ordered_by_score("P", l));
        both(&|l| typing_kept("a", "b", "p", "w", l));
        both(&|l| answer_gone(l).to_string());
        both(&|l| not_settled("x", l));
        both(&|l| value_set("1 day", l));
        both(&|l| saved_to("x", "a.yaml", l));
        both(&|l| saved_with_conflict("x", "a.yaml", &["value"], l));
        both(&|l| draft_not_saved("x", l));
        both(&|l| cut_at(true, 10, l));
        both(&|l| cut_at(false, 10, l));
        both(&|l| new_vendors_shown(&["A", "B"], l));
        both(&|l| export_failed("x", l));
        both(&|l| copy_failed("x", l));
        both(&|l| no_such_vendor(5, 4, l));
        assert_eq!(
            no_such_vendor(2, 1, Lang::En),
            "There is no vendor 2 (there is 1)."
        );
        assert_eq!(more_vendors(1, Lang::En), "  … and 1 more vendor");
        assert!(bulk_title("A", 1, 1, Lang::En).contains("1 of 1 draft "));
    }
}
