//! The words of amounts and units, in English and Japanese: one table for the sentence reader,
//! the typed reader and the requirement profiles.

use crate::catalog::TimeUnit;

/// The time unit a word names: "days", "day", "日", "日間", "か月", "business days", "営業日"…
/// Case and inner spaces do not matter ("Business  Days").
pub fn time_unit(word: &str) -> Option<TimeUnit> {
    let word = word.trim().to_ascii_lowercase();
    let word: String = word.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match word.as_str() {
        "分" | "分間" | "minute" | "minutes" | "min" | "mins" => TimeUnit::Minutes,
        "時間" | "hour" | "hours" | "h" | "hr" | "hrs" => TimeUnit::Hours,
        "日" | "日間" | "day" | "days" | "d" => TimeUnit::Days,
        "週" | "週間" | "week" | "weeks" => TimeUnit::Weeks,
        "ヶ月" | "か月" | "カ月" | "ヵ月" | "ケ月" | "箇月" | "ヶ月間" | "か月間" | "カ月間"
        | "ヵ月間" | "ケ月間" | "箇月間" | "月" | "month" | "months" => TimeUnit::Months,
        "年" | "年間" | "year" | "years" => TimeUnit::Years,
        "営業日" | "business day" | "business days" | "working day" | "working days" => {
            TimeUnit::BusinessDays
        }
        _ => return None,
    })
}

/// An amount in digits ("30", "99.95", "1,440") or, in English, in words ("thirty").
pub fn amount(word: &str) -> Option<f64> {
    let word = word.trim();
    // Thousands separated by commas: "1,440".
    if let Ok(n) = word.replace(',', "").parse::<f64>() {
        return n.is_finite().then_some(n);
    }
    const WORDS: [(&str, f64); 18] = [
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eleven", 11.0),
        ("twelve", 12.0),
        ("fifteen", 15.0),
        ("twenty", 20.0),
        ("thirty", 30.0),
        ("forty-five", 45.0),
        ("sixty", 60.0),
        ("ninety", 90.0),
    ];
    let lower = word.to_ascii_lowercase();
    WORDS.iter().find(|(w, _)| *w == lower).map(|(_, n)| *n)
}

/// An amount in the patterns: digits, or an English number word.
pub(super) const NUM: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?";
pub(super) const EN_NUM: &str = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|(?-u:\b)(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty-five|sixty|ninety)(?-u:\b)";
/// Japanese time units, the longer spelling of each first.
pub(super) const UNIT_JA: &str = r"営業日|分間|分|時間|日間|日|週間|週|ヶ月間|か月間|カ月間|ヵ月間|ケ月間|箇月間|ヶ月|か月|カ月|ヵ月|ケ月|箇月|年間|年";
/// English time units.
pub(super) const UNIT_EN: &str =
    r"business\s+days?|working\s+days?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?";

/// The period of a "N times a PERIOD" phrase: a unit, or 半年 / 四半期 / quarter.
pub(super) fn period(word: &str) -> Option<(f64, TimeUnit)> {
    match word.trim().to_ascii_lowercase().as_str() {
        "半年" | "半期" => Some((6.0, TimeUnit::Months)),
        "四半期" | "quarter" | "quarters" => Some((3.0, TimeUnit::Months)),
        w => time_unit(w).map(|u| (1.0, u)),
    }
}

/// "Twice a day" is every 12 hours, "30 times a year" every 12 days: a fractional amount
/// moves to finer units until it is whole (a month counted as 30 days), or stays as it is.
pub(super) fn finer(amount: f64, unit: TimeUnit) -> (f64, TimeUnit) {
    let (mut n, mut u) = (amount, unit);
    while n.fract() != 0.0 {
        let (factor, smaller) = match u {
            TimeUnit::Years => (12.0, TimeUnit::Months),
            TimeUnit::Months => (30.0, TimeUnit::Days),
            TimeUnit::Weeks => (7.0, TimeUnit::Days),
            TimeUnit::Days => (24.0, TimeUnit::Hours),
            TimeUnit::Hours => (60.0, TimeUnit::Minutes),
            TimeUnit::Minutes | TimeUnit::BusinessDays => return (amount, unit),
        };
        n *= factor;
        u = smaller;
        if (n - n.round()).abs() < 1e-9 {
            return (n.round(), u);
        }
    }
    (n, u)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unit_words_in_both_languages() {
        assert_eq!(time_unit("Days"), Some(TimeUnit::Days));
        assert_eq!(time_unit("日間"), Some(TimeUnit::Days));
        assert_eq!(time_unit("ヶ月"), Some(TimeUnit::Months));
        assert_eq!(time_unit("business  days"), Some(TimeUnit::BusinessDays));
        assert_eq!(time_unit("営業日"), Some(TimeUnit::BusinessDays));
        assert_eq!(time_unit("fortnights"), None);
    }

    #[test]
    fn fractions_of_a_unit_move_to_a_finer_one() {
        assert_eq!(finer(0.5, TimeUnit::Days), (12.0, TimeUnit::Hours));
        assert_eq!(finer(1.0 / 30.0, TimeUnit::Years), (12.0, TimeUnit::Days));
        assert_eq!(finer(2.0, TimeUnit::Weeks), (2.0, TimeUnit::Weeks));
        let seventh = 1.0 / 7.0;
        assert_eq!(finer(seventh, TimeUnit::Days), (seventh, TimeUnit::Days));
    }

    #[test]
    fn amounts_in_digits_and_words() {
        assert_eq!(amount("99.95"), Some(99.95));
        assert_eq!(amount("1,440"), Some(1440.0));
        assert_eq!(amount("Thirty"), Some(30.0));
        assert_eq!(amount("forty-five"), Some(45.0));
        assert_eq!(amount("many"), None);
    }
}
