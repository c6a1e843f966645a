//! Whether a list item names what a requirement asks for: "ISO/IEC 27017" is named by
//! "ISO/IEC 27017:2015", "ISO/IEC27017:2015 (CLOUD 715091)" or "ISO 27017", and not by
//! "ISO/IEC 27001"; an edition in the requirement ("ISO/IEC 27001:2022") must match too.

use unicode_normalization::UnicodeNormalization;

/// The comparable form of a name: NFKC, upper case, without spaces, "ISO/IEC" read as "ISO".
pub fn key(s: &str) -> String {
    let folded: String = s
        .nfkc()
        .flat_map(char::to_uppercase)
        .filter(|c| !c.is_whitespace())
        .collect();
    folded.replace("ISO/IEC", "ISO")
}

/// Whether `item` names `wanted`: the wanted name stands in the item as a whole word, so an
/// edition (":2015"), a registration id ("(CLOUD 715091)") or another standard may follow it.
pub fn names(item: &str, wanted: &str) -> bool {
    let (item, wanted) = (key(item), key(wanted));
    if wanted.is_empty() {
        return false;
    }
    item.match_indices(&wanted).any(|(at, _)| {
        let before = item[..at].chars().next_back();
        let after = item[at + wanted.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

#[cfg(test)]
mod tests {
    use super::names;

    #[test]
    fn any_edition_or_registration_id_names_the_standard() {
        for item in [
            "ISO/IEC 27017:2015",
            "ISO/IEC27017:2015",
            "ISO/IEC 27017 (CLOUD 721590)",
            "ISO 27017",
            "ＩＳＯ／ＩＥＣ　２７０１７",
            "ISO/IEC 27001:2022 / ISO/IEC 27017:2015",
        ] {
            assert!(names(item, "ISO/IEC 27017"), "{item}");
        }
    }

    #[test]
    fn another_standard_or_edition_does_not() {
        assert!(!names("ISO/IEC 27001:2013", "ISO/IEC 27017"));
        assert!(!names("ISO/IEC 270170", "ISO/IEC 27017"));
        assert!(!names("ISMS Cloud Security (ISMS-AC)", "ISO/IEC 27017"));
        assert!(!names("ISO/IEC 27001:2013", "ISO/IEC 27001:2022"));
        assert!(names(
            "ISO/IEC 27001:2022 / JIS Q 27001:2023 (IS 513563)",
            "ISO/IEC 27001:2022"
        ));
        assert!(names("JIS Q 27001:2014", "JIS Q 27001"));
        assert!(!names("Japanese", "Japan"));
        assert!(names("Japan", "japan"));
    }
}
