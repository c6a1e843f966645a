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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_control_is_singular() {
        assert_eq!(controls(1, Lang::En), "1 control");
        assert_eq!(controls(0, Lang::En), "0 controls");
        assert_eq!(controls(2, Lang::Ja), "管理策 2 件");
        assert_eq!(matching_controls(1, Lang::En), "1 matching control");
        assert_eq!(matching_controls(13, Lang::En), "13 matching controls");
        assert_eq!(
            copied_controls(1, "the clipboard", Lang::En),
            "Copied 1 control as tab-separated text to the clipboard"
        );
    }
}
