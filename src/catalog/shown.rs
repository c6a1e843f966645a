//! A value as the comparison shows it, and as search finds it: its label, with what a count's
//! series counts and the vendor's other series, and with what a certification scheme in a list
//! certifies ("ISMS-AC ISMS Cloud Security (CLOUD 681574) → ISO/IEC 27017:2015"). The view and
//! the search index both read this one text, so what is found is what is shown.
//!
//! [`Value::label`] stays the value alone, in the form the value editor reads back.

use super::certification::{self, key, split_item};
use super::country;
use super::model::{Lang, Series, Text, Value};

impl Value {
    /// The value as the comparison shows it.
    pub fn shown(&self, lang: Lang) -> String {
        match self {
            Value::List { items } => {
                let items: Vec<String> = items
                    .iter()
                    .map(|i| match country::named(i) {
                        Some(named) => named.name(lang).to_string(),
                        None => certifying(i),
                    })
                    .collect();
                items.join(match lang {
                    Lang::En => ", ",
                    Lang::Ja => "、",
                })
            }
            Value::Count {
                amount,
                schedule,
                of,
                also,
                ..
            } if of.is_some() || !also.is_empty() => {
                let headline = Series {
                    amount: *amount,
                    schedule: *schedule,
                    of: of.clone(),
                };
                let others: Vec<String> = also.iter().map(|s| series(s, lang)).collect();
                let mut out = series(&headline, lang);
                if !others.is_empty() {
                    out.push_str(match lang {
                        Lang::En => "; also ",
                        Lang::Ja => "、ほかに",
                    });
                    out.push_str(&others.join(match lang {
                        Lang::En => "; ",
                        Lang::Ja => "、",
                    }));
                }
                out
            }
            _ => self.label(lang),
        }
    }
}

/// One series of a count: "15 generations, daily (data part)" / "データ部分 15世代(毎日)".
pub fn series(s: &Series, lang: Lang) -> String {
    let label = Value::generations(s.amount, s.schedule).label(lang);
    match (&s.of, lang) {
        (None, _) => label,
        (Some(of), Lang::En) => format!("{label} ({})", of.en),
        (Some(of), Lang::Ja) => format!("{} {label}", Text::get(of, lang)),
    }
}

/// A list item with the standards its certification scheme certifies that the item does not
/// already name: "ISMS-AC ISMS (IS 586579) → JIS Q 27001 / ISO/IEC 27001".
fn certifying(item: &str) -> String {
    let named = key(split_item(item).0);
    let certified: Vec<&str> = certification::table()
        .certified_by(item)
        .into_iter()
        .filter(|c| c.scheme && !named.contains(&key(c.standard)))
        .map(|c| c.standard)
        .collect();
    if certified.is_empty() {
        item.to_string()
    } else {
        format!("{item} → {}", certified.join(" / "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Schedule, TimeUnit};

    #[test]
    fn a_scheme_in_a_list_shows_what_it_certifies() {
        let list = Value::List {
            items: vec![
                "ISMS-AC ISMS (IS 586579)".into(),
                "ISMS-AC ISMS Cloud Security (CLOUD 681574)".into(),
                "ISO/IEC 27018".into(),
            ],
        };
        assert_eq!(
            list.shown(Lang::En),
            "ISMS-AC ISMS (IS 586579) → JIS Q 27001 / ISO/IEC 27001, \
             ISMS-AC ISMS Cloud Security (CLOUD 681574) → ISO/IEC 27017:2015, ISO/IEC 27018"
        );
        // The label the value editor reads back is the items alone.
        assert!(!list.label(Lang::En).contains('→'));
        // A standard, or a JIS adoption of one, is shown as it is.
        let plain = Value::List {
            items: vec![
                "ISO/IEC 27001:2013 (IS 577142)".into(),
                "JIS Q 27001:2014 (IS 577142)".into(),
                "Japan".into(),
            ],
        };
        assert_eq!(plain.shown(Lang::En), plain.label(Lang::En));
        // A country reads in the reader's language.
        assert!(plain.shown(Lang::Ja).ends_with("、日本"));
    }

    #[test]
    fn a_count_shows_what_it_counts_and_the_other_series() {
        let daily = Some(Schedule {
            every: 1,
            unit: TimeUnit::Days,
        });
        let part = |en: &str, ja: &str| {
            Some(Text {
                en: en.to_owned().into(),
                ja: Some(ja.to_owned().into()),
            })
        };
        let v = Value::Count {
            amount: 15.0,
            unit: crate::catalog::CountUnit::Generations,
            schedule: daily,
            of: part("data part", "データ部分"),
            also: vec![
                Series {
                    amount: 36.0,
                    schedule: Some(Schedule {
                        every: 2,
                        unit: TimeUnit::Hours,
                    }),
                    of: part("data part", "データ部分"),
                },
                Series {
                    amount: 7.0,
                    schedule: daily,
                    of: part("OS part", "OS部分"),
                },
            ],
        };
        assert_eq!(
            v.shown(Lang::En),
            "15 generations, daily (data part); also 36 generations, every 2 hours (data part); \
             7 generations, daily (OS part)"
        );
        assert_eq!(
            v.shown(Lang::Ja),
            "データ部分 15世代(毎日)、ほかにデータ部分 36世代(2時間ごと)、OS部分 7世代(毎日)"
        );
        assert_eq!(v.label(Lang::En), "15 generations, daily");
        let one = Value::generations(7.0, daily);
        assert_eq!(one.shown(Lang::En), one.label(Lang::En));
    }
}
