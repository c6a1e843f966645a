//! A value as a reviewer types it, read into the catalogue's typed [`Value`]: the forms the
//! catalogue writes ("30 days", "every 2 hours", "every day", "7 generations", "99.9%") and their
//! Japanese labels ("30日", "2時間ごと", "7世代"); anything not starting with a digit or "every" is a
//! list of comma-separated items ("IS 577142, CLOUD 715091"). Empty text means no value.
//!
//! The importer's normalizer (`crate::values`) finds quantities inside a vendor's sentences; a
//! reviewer types one value, so this reads the whole text strictly and says what is wrong.

use crate::catalog::{PercentUnit, TimeUnit, Value};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ValueError {
    #[error("`{0}` is not a number: write the amount first, as in \"30 days\"")]
    Amount(String),
    #[error("no unit after {0}: write one of minutes, hours, days, weeks, months, years, generations or %")]
    NoUnit(String),
    #[error("`{0}` is not a unit: write one of minutes, hours, days, weeks, months, years, generations or %")]
    Unit(String),
    #[error("`every` needs a time unit after it, as in \"every 2 hours\" or \"every day\"")]
    Every,
    #[error("a percentage is between 0 and 100, not {0}")]
    Percentage(String),
    #[error("a list item is empty: separate items with single commas")]
    EmptyItem,
}

fn time_unit(word: &str) -> Option<TimeUnit> {
    Some(match word {
        "minute" | "minutes" | "min" | "mins" | "分" => TimeUnit::Minutes,
        "hour" | "hours" | "h" | "時間" => TimeUnit::Hours,
        "day" | "days" | "日" => TimeUnit::Days,
        "week" | "weeks" | "週" | "週間" => TimeUnit::Weeks,
        "month" | "months" | "か月" | "ヶ月" | "カ月" | "ヵ月" | "ケ月" | "箇月" => {
            TimeUnit::Months
        }
        "year" | "years" | "年" => TimeUnit::Years,
        _ => return None,
    })
}

/// Splits "30days" / "30 days" / "30日" into the number and the rest.
fn split_amount(text: &str) -> (&str, &str) {
    let end = text
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_digit() || c == '.'))
        .map_or(text.len(), |(i, _)| i);
    (&text[..end], text[end..].trim())
}

fn amount(number: &str) -> Result<f64, ValueError> {
    number
        .parse::<f64>()
        .ok()
        .filter(|n| n.is_finite() && *n >= 0.0)
        .ok_or_else(|| ValueError::Amount(number.to_string()))
}

/// Reads a typed value; `Ok(None)` for empty text.
pub fn parse(text: &str) -> Result<Option<Value>, ValueError> {
    let normalized = crate::values::nfkc(text.trim());
    let text = normalized.as_str();
    if text.is_empty() {
        return Ok(None);
    }
    let lower = text.to_lowercase();
    if let Some(rest) = lower
        .strip_prefix("every")
        .filter(|r| r.is_empty() || r.starts_with(char::is_whitespace))
    {
        let rest = rest.trim();
        let (number, unit) = split_amount(rest);
        let n = if number.is_empty() {
            1.0
        } else {
            amount(number)?
        };
        let unit = time_unit(unit).ok_or(ValueError::Every)?;
        return Ok(Some(Value::Interval { amount: n, unit }));
    }
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return list(text).map(Some);
    }
    let (number, unit) = split_amount(&lower);
    let n = amount(number)?;
    if unit.is_empty() {
        return Err(ValueError::NoUnit(number.to_string()));
    }
    if let Some(unit) = unit
        .strip_suffix("ごと")
        .or_else(|| unit.strip_suffix("おき"))
    {
        let unit = time_unit(unit.trim()).ok_or_else(|| ValueError::Unit(unit.to_string()))?;
        return Ok(Some(Value::Interval { amount: n, unit }));
    }
    if let Some(unit) = time_unit(unit) {
        return Ok(Some(Value::Duration {
            amount: n,
            unit,
            from: None,
        }));
    }
    match unit {
        "generation" | "generations" | "世代" => Ok(Some(Value::generations(n, None))),
        "%" | "percent" => {
            if n > 100.0 {
                return Err(ValueError::Percentage(number.to_string()));
            }
            Ok(Some(Value::Percentage {
                amount: n,
                unit: PercentUnit::Percent,
            }))
        }
        other => Err(ValueError::Unit(other.to_string())),
    }
}

fn list(text: &str) -> Result<Value, ValueError> {
    let items: Vec<String> = text
        .split([',', '、'])
        .map(|s| s.trim().to_string())
        .collect();
    if items.iter().any(|s| s.is_empty()) {
        return Err(ValueError::EmptyItem);
    }
    Ok(Value::List { items })
}

/// The text a value is edited from: what [`parse`] reads back as the same value.
pub fn unparse(value: &Value) -> String {
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Lang;

    fn parsed(text: &str) -> Value {
        parse(text).unwrap().unwrap()
    }

    #[test]
    fn the_catalogues_forms_read_back() {
        assert_eq!(
            parsed("30 days"),
            Value::Duration {
                amount: 30.0,
                unit: TimeUnit::Days,
                from: None
            }
        );
        assert_eq!(parsed("7 generations"), Value::generations(7.0, None));
        assert_eq!(
            parsed("99.9%"),
            Value::Percentage {
                amount: 99.9,
                unit: PercentUnit::Percent
            }
        );
        assert_eq!(
            parsed("every day"),
            Value::Interval {
                amount: 1.0,
                unit: TimeUnit::Days
            }
        );
        assert_eq!(
            parsed("IS 577142, CLOUD 715091"),
            Value::List {
                items: vec!["IS 577142".into(), "CLOUD 715091".into()]
            }
        );
        assert_eq!(parse("  ").unwrap(), None);
    }

    #[test]
    fn every_value_reads_back_from_its_labels_in_both_languages() {
        let values = [
            parsed("30 days"),
            parsed("every 2 hours"),
            parsed("every week"),
            parsed("7 generations"),
            parsed("99.95%"),
            parsed("Japan, Singapore"),
            parsed("1 month"),
        ];
        for v in values {
            assert_eq!(parsed(&unparse(&v)), v, "{v}");
            assert_eq!(parsed(&v.label(Lang::Ja)), v, "{}", v.label(Lang::Ja));
        }
    }

    #[test]
    fn full_width_digits_read_as_ascii() {
        assert_eq!(parsed("３０日"), parsed("30 days"));
    }

    #[test]
    fn mistakes_are_named() {
        assert_eq!(parse("30 dys"), Err(ValueError::Unit("dys".into())));
        assert_eq!(parse("30"), Err(ValueError::NoUnit("30".into())));
        assert_eq!(parse("1.2.3 days"), Err(ValueError::Amount("1.2.3".into())));
        assert_eq!(parse("every fortnight"), Err(ValueError::Every));
        assert_eq!(parse("120%"), Err(ValueError::Percentage("120".into())));
        assert_eq!(parse("a,,b"), Err(ValueError::EmptyItem));
        assert!(parse("30 dys")
            .unwrap_err()
            .to_string()
            .contains("minutes, hours"));
    }
}
