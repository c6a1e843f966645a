//! A bound on generations, decided on the series it is about. Generations of different
//! schedules are different things (36 backups every 2 hours are about 3 days; 7 daily ones a
//! week), so `min: 20 generations` is decided on a daily series — or one whose schedule the
//! vendor does not state — and a requirement may name another (`schedule: every-2-hours`).
//! A vendor that keeps only series of another schedule gets `check`, with the history each
//! covers in words; never `meets` across schedules.

use super::judge::{compare, compared, Reason};
use super::{Outcome, Quantity, Requirement, Unit};
use crate::catalog::{Schedule, Series, TimeUnit, Value};
use std::cmp::Ordering;

/// The schedule a bound on generations is decided on when the requirement names none.
pub const DAILY: Schedule = Schedule {
    every: 1,
    unit: TimeUnit::Days,
};

/// `value` (a count) judged against a bound on generations.
pub fn judge_generations(
    r: &Requirement,
    value: &Value,
    bound: Quantity,
    max: bool,
) -> (Outcome, Reason) {
    let Value::Count {
        amount,
        schedule,
        of,
        also,
        ..
    } = value
    else {
        return (Outcome::Check, Reason::OtherKind(value.clone(), bound));
    };
    let headline = Series {
        amount: *amount,
        schedule: *schedule,
        of: of.clone(),
    };
    let all: Vec<&Series> = std::iter::once(&headline).chain(also).collect();
    let decides = |s: &Series| match r.schedule {
        Some(wanted) => s.schedule == Some(wanted),
        None => s.schedule.is_none_or(|given| given == DAILY),
    };
    let one = |s: &Series| Value::Count {
        amount: s.amount,
        unit: crate::catalog::CountUnit::Generations,
        schedule: s.schedule,
        of: s.of.clone(),
        also: Vec::new(),
    };
    if let Some(series) = all.iter().find(|s| decides(s)) {
        let counted = Quantity {
            amount: series.amount,
            unit: Unit::Generations,
        };
        let within = match compare(counted, bound) {
            Some(Ordering::Greater) => !max,
            Some(Ordering::Less) => max,
            Some(Ordering::Equal) => true,
            None => return (Outcome::Check, Reason::Inexact(one(series), bound)),
        };
        return compared(&one(series), bound, max, within, None);
    }
    let wanted = r.schedule.unwrap_or(DAILY);
    if let Some(unstated) = all.iter().find(|s| s.schedule.is_none()) {
        return (
            Outcome::Check,
            Reason::ScheduleNotStated(one(unstated), wanted),
        );
    }
    (
        Outcome::Check,
        Reason::OtherSchedule {
            series: all.iter().map(|s| one(s)).collect(),
            wanted,
        },
    )
}

/// How far back a series of generations reaches: 36 taken every 2 hours are 72 hours, said as
/// 3 days; None where the schedule is not stated.
pub fn history(value: &Value) -> Option<(f64, TimeUnit)> {
    let Value::Count {
        amount,
        schedule: Some(s),
        ..
    } = value
    else {
        return None;
    };
    let n = amount * f64::from(s.every);
    Some(match s.unit {
        TimeUnit::Minutes if n >= 120.0 => coarser(n / 60.0, TimeUnit::Hours),
        TimeUnit::Hours => coarser(n, TimeUnit::Hours),
        TimeUnit::Months if n >= 24.0 => (n / 12.0, TimeUnit::Years),
        unit => (n, unit),
    })
}

/// Hours of two days or more read as days.
fn coarser(hours: f64, unit: TimeUnit) -> (f64, TimeUnit) {
    if unit == TimeUnit::Hours && hours >= 48.0 {
        ((hours / 24.0 * 10.0).round() / 10.0, TimeUnit::Days)
    } else {
        (hours, unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{CountUnit, Text};
    use crate::requirements::{Level, Test};

    fn every(n: u32, unit: TimeUnit) -> Option<Schedule> {
        Some(Schedule { every: n, unit })
    }

    fn part(en: &str) -> Option<Text> {
        Some(Text {
            en: en.to_owned().into(),
            ja: None,
        })
    }

    /// Quality Soft's backups as `004` §2.11 gives them: data every 2 hours ×36 and daily ×15,
    /// the OS daily ×7; the headline is the data's daily series.
    fn quality_soft() -> Value {
        Value::Count {
            amount: 15.0,
            unit: CountUnit::Generations,
            schedule: every(1, TimeUnit::Days),
            of: part("data part"),
            also: vec![
                Series {
                    amount: 36.0,
                    schedule: every(2, TimeUnit::Hours),
                    of: part("data part"),
                },
                Series {
                    amount: 7.0,
                    schedule: every(1, TimeUnit::Days),
                    of: part("OS part"),
                },
            ],
        }
    }

    fn min(n: f64, schedule: Option<Schedule>) -> Requirement {
        Requirement {
            control: "backup-generations".into(),
            test: Test::Min(Quantity {
                amount: n,
                unit: Unit::Generations,
            }),
            from: None,
            schedule,
            level: Level::Must,
            note: None,
        }
    }

    fn judged(r: &Requirement, v: &Value) -> (Outcome, Reason) {
        let Test::Min(bound) = r.test else { panic!() };
        judge_generations(r, v, bound, false)
    }

    #[test]
    fn a_bound_is_decided_on_the_daily_series_never_across_schedules() {
        let qs = quality_soft();
        // 36 two-hourly generations are not 20 daily ones: the daily data series (15) decides.
        assert_eq!(judged(&min(20.0, None), &qs).0, Outcome::Fails);
        assert_eq!(judged(&min(15.0, None), &qs).0, Outcome::Meets);
        let (_, why) = judged(&min(20.0, None), &qs);
        let Reason::Compared { value, .. } = why else {
            panic!("{why:?}")
        };
        assert_eq!(
            value.shown(crate::catalog::Lang::En),
            "15 generations, daily (data part)"
        );
        // Cyber Solutions: 7 daily.
        let cs = Value::generations(7.0, every(1, TimeUnit::Days));
        assert_eq!(judged(&min(20.0, None), &cs).0, Outcome::Fails);
        assert_eq!(judged(&min(7.0, None), &cs).0, Outcome::Meets);
        // A count whose schedule is not stated is read as the one asked about.
        assert_eq!(
            judged(&min(7.0, None), &Value::generations(7.0, None)).0,
            Outcome::Meets
        );
    }

    #[test]
    fn a_requirement_may_name_the_series_it_is_about() {
        let qs = quality_soft();
        let two_hourly = every(2, TimeUnit::Hours);
        assert_eq!(judged(&min(30.0, two_hourly), &qs).0, Outcome::Meets);
        assert_eq!(judged(&min(40.0, two_hourly), &qs).0, Outcome::Fails);
        // Asked about a weekly series, a count without a schedule cannot say.
        let (outcome, why) = judged(
            &min(4.0, every(1, TimeUnit::Weeks)),
            &Value::generations(7.0, None),
        );
        assert_eq!(outcome, Outcome::Check);
        assert!(matches!(why, Reason::ScheduleNotStated(..)), "{why:?}");
    }

    #[test]
    fn only_another_schedule_is_check_with_the_history_it_covers() {
        let hourly_only = Value::generations(36.0, every(2, TimeUnit::Hours));
        let (outcome, why) = judged(&min(20.0, None), &hourly_only);
        assert_eq!(outcome, Outcome::Check, "never meets across schedules");
        let Reason::OtherSchedule { series, wanted } = why else {
            panic!("{why:?}")
        };
        assert_eq!(wanted, DAILY);
        assert_eq!(history(&series[0]), Some((3.0, TimeUnit::Days)));
    }

    #[test]
    fn history_reads_in_the_unit_a_person_would_say() {
        let h = |n, s| history(&Value::generations(n, s));
        assert_eq!(
            h(7.0, every(1, TimeUnit::Days)),
            Some((7.0, TimeUnit::Days))
        );
        assert_eq!(
            h(12.0, every(1, TimeUnit::Hours)),
            Some((12.0, TimeUnit::Hours))
        );
        assert_eq!(
            h(30.0, every(2, TimeUnit::Hours)),
            Some((2.5, TimeUnit::Days))
        );
        assert_eq!(
            h(24.0, every(1, TimeUnit::Months)),
            Some((2.0, TimeUnit::Years))
        );
        assert_eq!(h(7.0, None), None);
    }
}
