//! Document dates: the one parser that both validation and the view's document ages use, so
//! a date that passes `kurabe check` always has an age.

use jiff::civil::Date;

/// A document date: `YYYY-MM-DD`, or `YYYY-MM` read as the first of the month. Only real
/// calendar dates (`2024-02-30` is none) with four-digit years and two-digit months and days.
pub fn parse_date(s: &str) -> Option<Date> {
    let digits =
        |part: &str, len: usize| part.len() == len && part.bytes().all(|b| b.is_ascii_digit());
    let (year, month, day) = match s.split('-').collect::<Vec<_>>()[..] {
        [y, m] => (y, m, "01"),
        [y, m, d] => (y, m, d),
        _ => return None,
    };
    if !(digits(year, 4) && digits(month, 2) && digits(day, 2)) {
        return None;
    }
    Date::new(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn real_calendar_dates_only() {
        assert_eq!(parse_date("2025-07-01"), Some(date(2025, 7, 1)));
        assert_eq!(parse_date("2023-09"), Some(date(2023, 9, 1)));
        assert_eq!(parse_date("2024-02-29"), Some(date(2024, 2, 29)));
        for bad in [
            "2024-02-30",
            "2023-02-29",
            "2024-13",
            "2024-00",
            "2024-04-31",
            "2024-5",
            "24-05",
            "2024-05-1",
            "2024-05-01-01",
            "2024",
            "",
            "２０２４-05",
            "+024-05",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }
}
