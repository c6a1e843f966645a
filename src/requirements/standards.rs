//! Whether a list names what a requirement asks for: "ISO/IEC 27017" is named by
//! "ISO/IEC 27017:2015", "ISO/IEC27017:2015 (CLOUD 715091)" or "ISO 27017", and not by
//! "ISO/IEC 27001"; an edition in the requirement ("ISO/IEC 27001:2022") must match too. A
//! certificate of a scheme names what the scheme certifies (`data/certifications.yaml`):
//! "ISMS-AC ISMS Cloud Security (CLOUD 681574)" names ISO/IEC 27017:2015 through JIP-ISMS517-1.0.
//! Where an item names the standard but not its edition and the requirement names one, a person
//! must look: that is `check`, never `fails`.

use super::judge::Reason;
use super::Outcome;
use crate::catalog::certification::{self, split_edition, split_item};
use crate::catalog::country;

pub use crate::catalog::certification::key;

/// Whether `item` names `wanted`: the wanted name stands in the item as a whole word, so an
/// edition (":2015"), a registration id ("(CLOUD 715091)") or another standard may follow it.
pub fn names(item: &str, wanted: &str) -> bool {
    occurrences(item, wanted).next().is_some()
}

/// The character after each whole-word occurrence of `wanted` in `item` (None at the end).
fn occurrences(item: &str, wanted: &str) -> impl Iterator<Item = Option<char>> {
    let (item, wanted) = (key(item), key(wanted));
    let mut out = Vec::new();
    if !wanted.is_empty() {
        for (at, _) in item.match_indices(&wanted) {
            let before = item[..at].chars().next_back();
            let after = item[at + wanted.len()..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                out.push(after);
            }
        }
    }
    out.into_iter()
}

/// Whether `text` names the standard of `wanted` (which names an edition) without any edition:
/// "ISO/IEC 27018 (PII 721591)" for "ISO/IEC 27018:2019".
fn names_without_edition(text: &str, wanted: &str) -> bool {
    let (base, edition) = split_edition(wanted);
    edition.is_some() && occurrences(split_item(text).0, base).any(|after| after != Some(':'))
}

/// A standard a requirement asks for that a list names only through a scheme or an identical
/// adoption, or names without the edition asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListNote {
    /// What the requirement asks for.
    pub wanted: String,
    /// The list item that answers for it.
    pub item: String,
    /// The standard the item certifies ("ISO/IEC 27017:2015").
    pub standard: String,
    /// The document that says the item certifies it ("JIP-ISMS517-1.0"); `None` where the item
    /// names the standard itself.
    pub through: Option<String>,
    /// The item names the standard without the edition the requirement asks for.
    pub edition_unknown: bool,
}

/// How one wanted standard is answered by a list.
enum Answered {
    /// Named as asked; the note says how, where it was through a scheme or an adoption.
    Named(Option<ListNote>),
    /// Named without the edition asked for.
    EditionUnknown(ListNote),
    Missing,
}

fn answered(items: &[String], wanted: &str) -> Answered {
    let table = certification::table();
    let mut unsure = None;
    let mut through = None;
    for item in items {
        if names(item, wanted) || country::same(item, wanted) {
            return Answered::Named(None);
        }
        let note = |standard: &str, by: Option<&str>, edition_unknown| ListNote {
            wanted: wanted.to_string(),
            item: item.clone(),
            standard: standard.to_string(),
            through: by.map(str::to_string),
            edition_unknown,
        };
        if unsure.is_none() && names_without_edition(item, wanted) {
            unsure = Some(note(split_item(item).0, None, true));
        }
        for c in table.certified_by(item) {
            if through.is_none() && names(c.standard, wanted) {
                through = Some(note(c.standard, Some(c.document), false));
            } else if unsure.is_none() && names_without_edition(c.standard, wanted) {
                unsure = Some(note(c.standard, Some(c.document), true));
            }
        }
    }
    match (through, unsure) {
        (Some(note), _) => Answered::Named(Some(note)),
        (None, Some(note)) => Answered::EditionUnknown(note),
        (None, None) => Answered::Missing,
    }
}

/// A list judged against what a requirement asks it to include: meets when it names each,
/// directly or through what a scheme certifies; `check` when all are named but some without
/// the edition asked for; fails when one is not named at all.
pub fn judge_list(items: &[String], wanted: &[String]) -> (Outcome, Reason) {
    let mut missing = Vec::new();
    let mut notes = Vec::new();
    let mut unsure = false;
    for w in wanted {
        match answered(items, w) {
            Answered::Named(note) => notes.extend(note),
            Answered::EditionUnknown(note) => {
                unsure = true;
                notes.push(note);
            }
            Answered::Missing => missing.push(w.clone()),
        }
    }
    let outcome = if !missing.is_empty() {
        Outcome::Fails
    } else if unsure {
        Outcome::Check
    } else {
        Outcome::Meets
    };
    (
        outcome,
        Reason::Listed {
            items: items.to_vec(),
            missing,
            notes,
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn list(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

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
        assert!(!names("ISO/IEC 27001:2013", "ISO/IEC 27001:2022"));
        assert!(names(
            "ISO/IEC 27001:2022 / JIS Q 27001:2023 (IS 513563)",
            "ISO/IEC 27001:2022"
        ));
        assert!(names("JIS Q 27001:2014", "JIS Q 27001"));
        assert!(!names("Japanese", "Japan"));
        assert!(names("Japan", "japan"));
    }

    #[test]
    fn a_scheme_certificate_names_what_the_scheme_certifies() {
        let qualitia = list(&[
            "ISMS-AC ISMS (IS 586579)",
            "ISMS-AC ISMS Cloud Security (CLOUD 681574)",
            "ISO/IEC 27018",
        ]);
        let (outcome, reason) = judge_list(&qualitia, &list(&["ISO/IEC 27017"]));
        assert_eq!(outcome, Outcome::Meets);
        let Reason::Listed { notes, missing, .. } = reason else {
            panic!("{reason:?}")
        };
        assert!(missing.is_empty());
        assert_eq!(notes[0].item, "ISMS-AC ISMS Cloud Security (CLOUD 681574)");
        assert_eq!(notes[0].standard, "ISO/IEC 27017:2015");
        assert_eq!(notes[0].through.as_deref(), Some("JIP-ISMS517-1.0"));
        // JIP-ISMS517-1.0 fixes the edition: the 2015 edition is named too.
        assert_eq!(
            judge_list(&qualitia, &list(&["ISO/IEC 27017:2015"])).0,
            Outcome::Meets
        );
        assert_eq!(
            judge_list(&qualitia, &list(&["ISO/IEC 27001"])).0,
            Outcome::Meets
        );
        assert_eq!(
            judge_list(&qualitia, &list(&["JIS Q 27001"])).0,
            Outcome::Meets
        );
    }

    #[test]
    fn an_edition_the_list_does_not_give_is_check_not_fails() {
        let qualitia = list(&["ISMS-AC ISMS (IS 586579)", "ISO/IEC 27018"]);
        let (outcome, reason) = judge_list(&qualitia, &list(&["ISO/IEC 27001:2022"]));
        assert_eq!(outcome, Outcome::Check, "{reason:?}");
        let Reason::Listed { notes, .. } = reason else {
            panic!()
        };
        assert!(notes[0].edition_unknown);
        assert_eq!(notes[0].standard, "ISO/IEC 27001");
        // The item itself without edition: check too.
        assert_eq!(
            judge_list(&qualitia, &list(&["ISO/IEC 27018:2019"])).0,
            Outcome::Check
        );
        // Another edition stated is not an unknown one.
        let cybozu = list(&["ISO/IEC 27001:2013 (IS 577142)"]);
        assert_eq!(
            judge_list(&cybozu, &list(&["ISO/IEC 27001:2022"])).0,
            Outcome::Fails
        );
        // One standard missing outweighs another's unknown edition.
        assert_eq!(
            judge_list(&qualitia, &list(&["ISO/IEC 27001:2022", "ISO/IEC 27701"])).0,
            Outcome::Fails
        );
    }

    #[test]
    fn an_identical_adoption_names_the_other_standard() {
        let jis_only = list(&["JIS Q 27001:2023 (IS 513563)"]);
        assert_eq!(
            judge_list(&jis_only, &list(&["ISO/IEC 27001:2022"])).0,
            Outcome::Meets
        );
        assert_eq!(
            judge_list(&jis_only, &list(&["ISO/IEC 27001:2013"])).0,
            Outcome::Fails
        );
        let iso_only = list(&["ISO/IEC 27001:2013 (IS 577142)"]);
        assert_eq!(
            judge_list(&iso_only, &list(&["JIS Q 27001:2014"])).0,
            Outcome::Meets
        );
    }

    #[test]
    fn a_scheme_that_certifies_no_standard_names_only_itself() {
        let ismap = list(&["ISMAP"]);
        assert_eq!(
            judge_list(&ismap, &list(&["ISO/IEC 27001"])).0,
            Outcome::Fails,
            "ISMAP is not an ISO/IEC 27001 certification"
        );
        assert_eq!(judge_list(&ismap, &list(&["ISMAP"])).0, Outcome::Meets);
        let soc = list(&["SOC 2 Type 2"]);
        assert_eq!(judge_list(&soc, &list(&["SOC 2"])).0, Outcome::Meets);
        assert_eq!(judge_list(&soc, &list(&["SOC 2 Type 1"])).0, Outcome::Fails);
        let star = list(&["CSA STAR Level 1"]);
        assert_eq!(judge_list(&star, &list(&["CSA STAR"])).0, Outcome::Meets);
        assert_eq!(
            judge_list(&star, &list(&["CSA STAR Level 2"])).0,
            Outcome::Fails
        );
    }
}
