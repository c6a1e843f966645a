//! Countries and their legal systems, as list values name them (データの保管国 / storage
//! country, 準拠法 / governing law): one table from a code to the English and Japanese names,
//! so that a value written "Japan" reads 日本 in Japanese, and a requirement's `includes:
//! ["日本"]` finds "Japan". The other spellings are those vendors' documents use.

use super::model::Lang;

/// A country, and the law of it as a governing law.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub code: &'static str,
    pub en: &'static str,
    pub ja: &'static str,
    /// Its law: "Japanese law" / "日本法".
    pub law_en: &'static str,
    pub law_ja: &'static str,
    /// Other ways documents write the country (「日本国」, 「アメリカ」, "USA") and its law.
    pub also: &'static [&'static str],
    pub law_also: &'static [&'static str],
}

pub const COUNTRIES: &[Country] = &[
    Country {
        code: "JP",
        en: "Japan",
        ja: "日本",
        law_en: "Japanese law",
        law_ja: "日本法",
        also: &["日本国"],
        law_also: &["日本国法", "laws of Japan"],
    },
    Country {
        code: "US",
        en: "United States",
        ja: "米国",
        law_en: "United States law",
        law_ja: "米国法",
        also: &[
            "アメリカ",
            "アメリカ合衆国",
            "USA",
            "United States of America",
        ],
        law_also: &[],
    },
    Country {
        code: "SG",
        en: "Singapore",
        ja: "シンガポール",
        law_en: "Singapore law",
        law_ja: "シンガポール法",
        also: &[],
        law_also: &[],
    },
    Country {
        code: "AU",
        en: "Australia",
        ja: "オーストラリア",
        law_en: "Australian law",
        law_ja: "オーストラリア法",
        also: &[],
        law_also: &[],
    },
    Country {
        code: "DE",
        en: "Germany",
        ja: "ドイツ",
        law_en: "German law",
        law_ja: "ドイツ法",
        also: &[],
        law_also: &[],
    },
    Country {
        code: "IE",
        en: "Ireland",
        ja: "アイルランド",
        law_en: "Irish law",
        law_ja: "アイルランド法",
        also: &[],
        law_also: &[],
    },
    Country {
        code: "GB",
        en: "United Kingdom",
        ja: "英国",
        law_en: "English law",
        law_ja: "英国法",
        also: &["イギリス", "UK"],
        law_also: &[],
    },
];

/// Whether a list item names a country or its law.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Named {
    Country(&'static Country),
    Law(&'static Country),
}

impl Named {
    pub fn country(self) -> &'static Country {
        match self {
            Named::Country(c) | Named::Law(c) => c,
        }
    }

    /// The name in `lang`: 日本, 日本法.
    pub fn name(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Named::Country(c), Lang::En) => c.en,
            (Named::Country(c), Lang::Ja) => c.ja,
            (Named::Law(c), Lang::En) => c.law_en,
            (Named::Law(c), Lang::Ja) => c.law_ja,
        }
    }
}

/// The country (or law) `item` names in full — any of its names, in either language, in any
/// case and width — or None.
pub fn named(item: &str) -> Option<Named> {
    let item = crate::text::normalize_query(item.trim());
    let is = |name: &str| crate::text::normalize_query(name) == item;
    COUNTRIES.iter().find_map(|c| {
        if is(c.law_en) || is(c.law_ja) || c.law_also.iter().any(|a| is(a)) {
            Some(Named::Law(c))
        } else if is(c.en) || is(c.ja) || is(c.code) || c.also.iter().any(|a| is(a)) {
            Some(Named::Country(c))
        } else {
            None
        }
    })
}

/// `item` in `lang` where it names a country or its law ("Japan" is 日本 in Japanese); other
/// items as written.
pub fn display(item: &str, lang: Lang) -> String {
    named(item).map_or_else(|| item.to_string(), |n| n.name(lang).to_string())
}

/// Whether two items name the same country (a country and its law count as the same: a
/// requirement `includes: ["日本"]` on 準拠法 is met by "Japanese law").
pub fn same(a: &str, b: &str) -> bool {
    match (named(a), named(b)) {
        (Some(x), Some(y)) => x.country().code == y.country().code,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_reads_in_both_languages() {
        for c in COUNTRIES {
            for name in [c.en, c.ja, c.code] {
                assert_eq!(named(name), Some(Named::Country(c)), "{name}");
            }
            for law in [c.law_en, c.law_ja] {
                assert_eq!(named(law), Some(Named::Law(c)), "{law}");
            }
            assert_ne!(c.en, c.ja);
            assert_ne!(c.law_en, c.law_ja);
        }
    }

    #[test]
    fn values_are_shown_in_japanese_and_kept_otherwise() {
        assert_eq!(display("Japan", Lang::Ja), "日本");
        assert_eq!(display("Japan", Lang::En), "Japan");
        assert_eq!(display("Japanese law", Lang::Ja), "日本法");
        assert_eq!(display("日本国", Lang::En), "Japan");
        assert_eq!(display("laws of Japan", Lang::Ja), "日本法");
        assert_eq!(display("United States", Lang::Ja), "米国");
        assert_eq!(
            display("Amazon Web Services (AWS)", Lang::Ja),
            "Amazon Web Services (AWS)"
        );
    }

    #[test]
    fn a_country_is_the_same_in_any_language_and_as_its_law() {
        assert!(same("Japan", "日本"));
        assert!(same("ＪＡＰＡＮ", "日本国"));
        assert!(same("日本法", "Japan"));
        assert!(!same("Japan", "United States"));
        assert!(!same("Japan", "Japan Cloud"));
    }
}
