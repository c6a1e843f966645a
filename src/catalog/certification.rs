//! What certification schemes certify (`data/certifications.yaml`): "ISMS-AC ISMS Cloud
//! Security" is ISO/IEC 27017:2015 (JIP-ISMS517-1.0), "JIS Q 27001:2023" is ISO/IEC 27001:2022.
//! One table, read by the lint of the certification lists, the requirement judge, the value a
//! comparison shows (and so search) and the importer's value reader.

use super::problem::{Problem, Problems};
use super::validate::is_valid_id;
use super::{embedded, yaml, Text};
use serde::Deserialize;
use std::collections::HashSet;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The file: schemes, and JIS standards adopted identically from ISO/IEC ones.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certifications {
    pub schemes: Vec<Scheme>,
    #[serde(default)]
    pub adoptions: Vec<Adoption>,
}

/// A certification scheme or an audit report, and what a certificate of it certifies.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    pub id: String,
    pub name: Text,
    /// How the catalogue's lists name one of its certificates; the first is the canonical name.
    pub items: Vec<String>,
    /// How documents name the scheme, for the importer.
    #[serde(default)]
    pub words: Vec<String>,
    /// The standards a certificate certifies, with the edition where the scheme fixes it.
    #[serde(default)]
    pub certifies: Vec<String>,
    /// How the registration ids of its certificates begin ("CLOUD", "JQA-IC").
    #[serde(default)]
    pub register: Vec<String>,
    pub rests_on: Basis,
    #[serde(default)]
    pub note: Option<Text>,
}

/// The scheme document a row rests on.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Basis {
    pub document: String,
    pub title: String,
    pub by: String,
}

/// A JIS standard identical (IDT) to an ISO/IEC one: a certificate to either is to both.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Adoption {
    pub jis: String,
    pub iso: String,
}

/// A standard a list item certifies, and the document that says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Certified<'a> {
    pub standard: &'a str,
    /// The scheme document (or the JIS standard) the row rests on.
    pub document: &'a str,
    /// The row is a scheme (not an identical adoption): the comparison names what it certifies.
    pub scheme: bool,
}

/// The comparable form of a standard's or a scheme's name: NFKC, upper case, without spaces,
/// "ISO/IEC" read as "ISO".
pub fn key(s: &str) -> String {
    let folded: String = s
        .nfkc()
        .flat_map(char::to_uppercase)
        .filter(|c| !c.is_whitespace())
        .collect();
    folded.replace("ISO/IEC", "ISO")
}

/// A list item's name and registration id: "ISO/IEC 27017 (CLOUD 721590)" is
/// ("ISO/IEC 27017", Some("CLOUD 721590")).
pub fn split_item(item: &str) -> (&str, Option<&str>) {
    let item = item.trim();
    match item.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
        Some((name, id)) if !name.is_empty() => (name.trim_end(), Some(id)),
        _ => (item, None),
    }
}

/// A standard's name without its edition, and the edition: "ISO/IEC 27001:2022" is
/// ("ISO/IEC 27001", Some("2022")).
pub fn split_edition(name: &str) -> (&str, Option<&str>) {
    match name.rsplit_once(':') {
        Some((base, year))
            if year.trim().len() == 4 && year.trim().chars().all(|c| c.is_ascii_digit()) =>
        {
            (base.trim_end(), Some(year.trim()))
        }
        _ => (name, None),
    }
}

impl Certifications {
    /// The scheme a list item is a certificate of, by its name ("ISMS-AC ISMS (IS 586579)").
    pub fn scheme_of(&self, item: &str) -> Option<&Scheme> {
        let name = key(split_item(item).0);
        self.schemes
            .iter()
            .find(|s| s.items.iter().any(|i| key(i) == name))
    }

    /// What a list item certifies beyond its own name: through its scheme, or through the
    /// standard it is an identical adoption of ("JIS Q 27001:2014" is ISO/IEC 27001:2013; an
    /// edition the table does not list reads as the standard without edition).
    pub fn certified_by(&self, item: &str) -> Vec<Certified<'_>> {
        let name = split_item(item).0;
        let mut out: Vec<Certified> = match self.scheme_of(item) {
            Some(scheme) => scheme
                .certifies
                .iter()
                .map(|standard| Certified {
                    standard,
                    document: &scheme.rests_on.document,
                    scheme: true,
                })
                .collect(),
            None => Vec::new(),
        };
        let adopted = |name: &str| -> Vec<Certified<'_>> {
            let k = key(name);
            self.adoptions
                .iter()
                .filter_map(|a| {
                    if key(&a.jis) == k {
                        Some(Certified {
                            standard: &a.iso,
                            document: &a.jis,
                            scheme: false,
                        })
                    } else if key(&a.iso) == k {
                        Some(Certified {
                            standard: &a.jis,
                            document: &a.jis,
                            scheme: false,
                        })
                    } else {
                        None
                    }
                })
                .collect()
        };
        let mut through = adopted(name);
        if through.is_empty() {
            through = adopted(split_edition(name).0);
        }
        out.extend(through);
        out
    }

    /// The schemes whose certificates' registration ids begin as `id` does ("CLOUD 681574",
    /// "JQA-IC0048").
    pub fn schemes_for_id(&self, id: &str) -> Vec<&Scheme> {
        let id = key(id);
        self.schemes
            .iter()
            .filter(|s| {
                s.register.iter().any(|prefix| {
                    let p = key(prefix);
                    id.strip_prefix(&p)
                        .is_some_and(|rest| rest.starts_with(|c: char| c.is_ascii_digit()))
                })
            })
            .collect()
    }

    /// The scheme a text names in words ("ISMSクラウドセキュリティ認証"), with the byte range of
    /// the words in `text`: every occurrence, the longest words first where two overlap.
    pub fn named_in<'a>(&'a self, text: &str) -> Vec<(std::ops::Range<usize>, &'a Scheme)> {
        // Matched without spaces and without case: keep, for each char kept, where it stands.
        let mut squashed = String::new();
        let mut at: Vec<usize> = Vec::new();
        for (i, c) in text.char_indices() {
            if c.is_whitespace() {
                continue;
            }
            for l in c.to_lowercase() {
                let mut buf = [0u8; 4];
                for _ in 0..l.encode_utf8(&mut buf).len() {
                    at.push(i);
                }
                squashed.push(l);
            }
        }
        at.push(text.len());
        let mut words: Vec<(String, &Scheme)> = self
            .schemes
            .iter()
            .flat_map(|s| {
                s.words.iter().map(move |w| {
                    let w: String = w.nfkc().filter(|c| !c.is_whitespace()).collect();
                    (w.to_lowercase(), s)
                })
            })
            .filter(|(w, _)| !w.is_empty())
            .collect();
        words.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        let mut found: Vec<(std::ops::Range<usize>, &Scheme)> = Vec::new();
        for (word, scheme) in &words {
            for (start, _) in squashed.match_indices(word.as_str()) {
                let end = start + word.len();
                let range = at[start]
                    ..at[end - 1] + text[at[end - 1]..].chars().next().map_or(0, char::len_utf8);
                if found
                    .iter()
                    .any(|(r, _)| r.start < range.end && range.start < r.end)
                {
                    continue;
                }
                found.push((range, scheme));
            }
        }
        found.sort_by_key(|(r, _)| r.start);
        found
    }
}

/// The table shipped in the binary. The tests check that it reads, so it always does; were it
/// ever broken, nothing would be certified through it rather than `kurabe` failing to start.
pub fn table() -> &'static Certifications {
    static TABLE: LazyLock<Certifications> = LazyLock::new(|| embedded_table().unwrap_or_default());
    &TABLE
}

/// Reads the embedded table, or says what is wrong with it.
pub fn embedded_table() -> Result<Certifications, Problems> {
    read(embedded::CERTIFICATIONS.0, embedded::CERTIFICATIONS.1)
}

/// Reads a certification table through the YAML gate and checks it: ids, names that are not
/// written twice, a scheme document on every row.
pub fn read(file: &str, bytes: &[u8]) -> Result<Certifications, Problems> {
    let (table, pos): (Certifications, yaml::Positions) =
        yaml::read(file, bytes).map_err(|p| Problems(vec![p]))?;
    let file = crate::sanitize::line(file).into_owned();
    let mut problems = Vec::new();
    let mut ids = HashSet::new();
    let mut names = HashSet::new();
    for (i, s) in table.schemes.iter().enumerate() {
        let at = |field: &str| pos.at(&format!("schemes[{i}].{field}"));
        if !is_valid_id(&s.id) || !ids.insert(s.id.as_str()) {
            problems.push(
                Problem::new(
                    &file,
                    at("id"),
                    format!("`{}` is not a new scheme id", s.id),
                )
                .hint("use lowercase letters, digits and hyphens, once per scheme"),
            );
        }
        if s.items.is_empty() {
            problems.push(
                Problem::new(&file, at("items"), "the scheme has no item name").hint(
                    "name how a certification list writes it, e.g. `items: [\"ISMS-AC ISMS\"]`",
                ),
            );
        }
        for item in &s.items {
            if !names.insert(key(item)) {
                problems.push(
                    Problem::new(&file, at("items"), format!("`{item}` names two schemes"))
                        .hint("give each scheme its own item names"),
                );
            }
        }
        if s.rests_on.document.trim().is_empty() {
            problems.push(
                Problem::new(
                    &file,
                    at("rests_on.document"),
                    "the row names no scheme document",
                )
                .hint("name the document the row rests on, e.g. `JIP-ISMS517-1.0`"),
            );
        }
    }
    for (i, a) in table.adoptions.iter().enumerate() {
        let (jis, iso) = (split_edition(&a.jis), split_edition(&a.iso));
        if !a.jis.starts_with("JIS ") || jis.1.is_some() != iso.1.is_some() {
            problems.push(
                Problem::new(
                    &file,
                    pos.at(&format!("adoptions[{i}]")),
                    format!("`{}` = `{}` is not a JIS adoption edition for edition", a.jis, a.iso),
                )
                .hint("write `{ jis: \"JIS Q 27001:2023\", iso: \"ISO/IEC 27001:2022\" }`, both with an edition or neither"),
            );
        }
    }
    if problems.is_empty() {
        Ok(table)
    } else {
        Err(Problems(problems))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_reads() {
        let table = embedded_table().unwrap_or_else(|p| panic!("{p}"));
        assert!(table.schemes.len() >= 10, "{}", table.schemes.len());
        assert_eq!(&table, super::table());
    }

    #[test]
    fn a_scheme_item_certifies_its_standards_through_its_document() {
        let t = table();
        let cloud = t.certified_by("ISMS-AC ISMS Cloud Security (CLOUD 681574)");
        assert_eq!(cloud.len(), 1);
        assert_eq!(cloud[0].standard, "ISO/IEC 27017:2015");
        assert_eq!(cloud[0].document, "JIP-ISMS517-1.0");
        assert!(cloud[0].scheme);
        let jip = t.certified_by("JIP-ISMS517-1.0 (CLOUD 715091)");
        assert_eq!(jip[0].standard, "ISO/IEC 27017:2015");
        let isms: Vec<&str> = t
            .certified_by("ISMS-AC ISMS (IS 586579)")
            .iter()
            .map(|c| c.standard)
            .collect();
        assert_eq!(isms, ["JIS Q 27001", "ISO/IEC 27001"]);
    }

    #[test]
    fn an_identical_adoption_certifies_the_other_edition_for_edition() {
        let t = table();
        let jis = t.certified_by("JIS Q 27001:2014 (JQA-IM1459)");
        assert_eq!(jis.len(), 1);
        assert_eq!(jis[0].standard, "ISO/IEC 27001:2013");
        assert!(!jis[0].scheme);
        let iso = t.certified_by("ISO/IEC 27001:2022 (IS 513563)");
        assert_eq!(iso[0].standard, "JIS Q 27001:2023");
        // An edition the table does not list reads as the standard without edition.
        let other = t.certified_by("JIS Q 27001:2019");
        assert_eq!(other[0].standard, "ISO/IEC 27001");
        assert!(t.certified_by("Amazon Web Services (AWS)").is_empty());
    }

    #[test]
    fn registration_ids_name_their_scheme() {
        let t = table();
        let ids = |id: &str| -> Vec<&str> {
            t.schemes_for_id(id).iter().map(|s| s.id.as_str()).collect()
        };
        assert_eq!(ids("CLOUD 681574"), ["isms-ac-cloud"]);
        assert_eq!(ids("JQA-IC0048"), ["isms-ac-cloud"]);
        assert_eq!(ids("IS577142"), ["isms-ac-isms"]);
        assert_eq!(ids("PII 721591"), ["iso-27018"]);
        assert!(ids("ISMAP").is_empty(), "a name, not a registration id");
    }

    #[test]
    fn schemes_are_found_in_words_without_spaces_longest_first() {
        let t = table();
        let text = "ISMS 適合性評価制度における、ISMS クラウドセキュリティ認証を取得。ISMS認証も。";
        let found: Vec<(&str, &str)> = t
            .named_in(text)
            .into_iter()
            .map(|(r, s)| (&text[r], s.id.as_str()))
            .collect();
        assert_eq!(
            found,
            [
                ("ISMS クラウドセキュリティ認証", "isms-ac-cloud"),
                ("ISMS認証", "isms-ac-isms")
            ]
        );
        let soc: Vec<&str> = t
            .named_in("a SOC 2 Type II report")
            .iter()
            .map(|(_, s)| s.id.as_str())
            .collect();
        assert_eq!(soc, ["soc2-type2"]);
    }

    #[test]
    fn items_and_editions_split() {
        assert_eq!(
            split_item("ISO/IEC 27017 (CLOUD 721590)"),
            ("ISO/IEC 27017", Some("CLOUD 721590"))
        );
        assert_eq!(split_item("Japan"), ("Japan", None));
        assert_eq!(
            split_edition("ISO/IEC 27001:2022"),
            ("ISO/IEC 27001", Some("2022"))
        );
        assert_eq!(split_edition("JIP-ISMS517-1.0"), ("JIP-ISMS517-1.0", None));
    }

    #[test]
    fn a_broken_table_is_refused_where_it_is_broken() {
        let bad = b"schemes:\n  - id: Bad Id\n    name: { en: x }\n    items: []\n    rests_on: { document: \"\", title: t, by: b }\n";
        let problems = read("t.yaml", bad).unwrap_err().to_string();
        assert!(problems.contains("t.yaml:2:"), "{problems}");
        assert!(problems.contains("no item name"), "{problems}");
        assert!(problems.contains("no scheme document"), "{problems}");
        let unknown = read("t.yaml", b"schemes: []\nstandards: []\n").unwrap_err();
        assert!(unknown.to_string().contains("unknown field"), "{unknown}");
    }
}
