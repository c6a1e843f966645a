//! Words with a number in them, in the number's grammar: "1 control", "2 controls", "管理策 2 件".

use crate::catalog::Lang;

/// "1 control" / "2 controls" (`one`, `many`): the English noun for `n`.
fn noun(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// "1 control" / "12 controls" / "管理策 12 件".
pub fn controls(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => noun(n, "control", "controls"),
        Lang::Ja => format!("管理策 {n} 件"),
    }
}

/// The status line's count, short where space is scarce: "1 control" / "12 controls" / "12 件".
pub fn control_count(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => noun(n, "control", "controls"),
        Lang::Ja => format!("{n} 件"),
    }
}

/// The search line's count: "1 matching control" / "該当する管理策 1 件".
pub fn matching_controls(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => noun(n, "matching control", "matching controls"),
        Lang::Ja => format!("該当する管理策 {n} 件"),
    }
}

/// What `y` says it copied: "Copied 1 control as tab-separated text to the clipboard".
pub fn copied_controls(n: usize, to: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("Copied {} as tab-separated text to {to}", controls(n, lang)),
        Lang::Ja => format!("管理策 {n} 件をタブ区切りで{to}にコピーしました"),
    }
}

/// The matrix title's columns when not every shown vendor fits: " · vendors 1–3 of 5" /
/// " · 事業者 1–3／5".
pub fn vendor_columns(first: usize, last: usize, shown: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(" · vendors {first}–{last} of {shown}"),
        Lang::Ja => format!(" · 事業者 {first}–{last}／{shown}"),
    }
}

/// "1 change" / "3 changes" / "3 件の変更".
pub fn changes(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => noun(n, "change", "changes"),
        Lang::Ja => format!("{n} 件の変更"),
    }
}

/// The status line after the changes a run could not save were dropped.
pub fn dropped_changes(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => format!(
            "Dropped the {} the last run could not save.",
            changes(n, lang)
        ),
        Lang::Ja => format!("前回保存できなかった {n} 件の変更を破棄しました。"),
    }
}

/// Reviews saved where others had changed them too.
pub fn reviews_merged(n: usize, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let reviews = if n == 1 { "review was" } else { "reviews were" };
            format!("Saved; {n} {reviews} also changed elsewhere: the other change is kept in the note")
        }
        Lang::Ja => format!(
            "保存しました。{n} 件の判定が別の場所でも変更されていたため、相手側の変更をメモに残しました"
        ),
    }
}

/// Drafts confirmed at once as not stated.
pub fn bulk_confirmed(n: usize, vendor: &str, path: &str, lang: Lang) -> String {
    match lang {
        Lang::En => {
            let drafts = if n == 1 { "draft" } else { "drafts" };
            format!("Confirmed {n} {drafts} of {vendor} as not stated; saved to {path}")
        }
        Lang::Ja => format!("{vendor}の下書き{n}件を「記載なし」で確定し、{path} に保存しました"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_control_is_singular() {
        assert_eq!(controls(1, Lang::En), "1 control");
        assert_eq!(controls(0, Lang::En), "0 controls");
        assert_eq!(controls(2, Lang::Ja), "管理策 2 件");
        assert_eq!(matching_controls(1, Lang::En), "1 matching control");
        assert_eq!(
            dropped_changes(1, Lang::En),
            "Dropped the 1 change the last run could not save."
        );
        assert!(reviews_merged(1, Lang::En).starts_with("Saved; 1 review was also"));
        assert!(reviews_merged(2, Lang::En).starts_with("Saved; 2 reviews were also"));
        assert!(bulk_confirmed(1, "A", "p", Lang::En).starts_with("Confirmed 1 draft of A"));
        assert_eq!(matching_controls(13, Lang::En), "13 matching controls");
        assert_eq!(
            copied_controls(1, "the clipboard", Lang::En),
            "Copied 1 control as tab-separated text to the clipboard"
        );
    }
}
