//! Reading requirements files: through the catalogue's YAML gate, then checked against the
//! catalogue they will be judged on. Every problem names file, line and column and says what
//! to change; warnings (a bound no vendor's values can meet or fail) load all the same.

use super::parse::{self, Bound, RawRequirement, RequirementsFile};
use super::{Profile, Quantity, Requirement, Test, Unit};
use crate::catalog::validate::is_valid_id;
use crate::catalog::yaml::{self, Positions};
use crate::catalog::{Catalog, ControlKind, Problem, Problems, Schedule, Since, Value};
use std::collections::HashSet;
use std::path::Path;

/// A profile as read, with what is worth telling about it.
#[derive(Debug, Clone, PartialEq)]
pub struct LoadedProfile {
    pub profile: Profile,
    /// Problems that do not stop the profile from being used (shown as warnings).
    pub warnings: Vec<Problem>,
}

/// Reads one requirements file and checks it against `catalog`.
pub fn load_file(path: &Path, catalog: &Catalog) -> Result<LoadedProfile, Problems> {
    let bytes = yaml::read_file(path).map_err(|p| Problems(vec![p]))?;
    load_str(&path.display().to_string(), &bytes, catalog)
}

/// Reads a requirements file from its bytes; `file` names it in messages.
pub fn load_str(file: &str, bytes: &[u8], catalog: &Catalog) -> Result<LoadedProfile, Problems> {
    let (raw, pos): (RequirementsFile, Positions) =
        yaml::read(file, bytes).map_err(|p| Problems(vec![p]))?;
    let file = crate::sanitize::line(file).into_owned();
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    if !is_valid_id(&raw.profile.id) {
        errors.push(
            Problem::new(&file, pos.at("profile.id"), format!("invalid profile id `{}`", raw.profile.id))
                .hint("use lowercase letters, digits and hyphens, starting with a letter (e.g. `our-standard-2026`)"),
        );
    }
    if raw.profile.name.en.trim().is_empty() {
        errors.push(
            Problem::new(&file, pos.at("profile.name.en"), "the profile has no name")
                .hint("write its name: `name: { en: \"Our standard\", ja: \"社内基準\" }`"),
        );
    }
    if raw.requirements.is_empty() {
        errors.push(
            Problem::new(&file, pos.at("requirements"), "no requirements")
                .hint("add at least one, e.g. `- { control: deletion-timing, max: 90 days, level: must }`"),
        );
    }
    let mut requirements = Vec::new();
    for (i, r) in raw.requirements.iter().enumerate() {
        let at = Where {
            file: &file,
            pos: &pos,
            path: format!("requirements[{i}]"),
        };
        match requirement(&at, r, catalog, &mut warnings) {
            Ok(req) => requirements.push(req),
            Err(p) => errors.push(p),
        }
    }
    if !errors.is_empty() {
        return Err(Problems(errors));
    }
    Ok(LoadedProfile {
        profile: Profile {
            id: raw.profile.id,
            name: raw.profile.name,
            file,
            requirements,
        },
        warnings,
    })
}

/// Every `*.yaml` of a directory of requirements files, in name order: the profiles that load,
/// and the problems of those that do not (a missing directory has none of either).
pub fn load_dir(dir: &Path, catalog: &Catalog) -> (Vec<LoadedProfile>, Vec<Problem>) {
    let mut paths: Vec<_> = match std::fs::read_dir(dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
            .collect(),
        Err(_) => return (Vec::new(), Vec::new()),
    };
    paths.sort();
    let mut profiles: Vec<LoadedProfile> = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        match load_file(&path, catalog) {
            Ok(loaded) => {
                if let Some(first) = profiles.iter().find(|p| p.profile.id == loaded.profile.id) {
                    problems.push(
                        Problem::new(
                            &loaded.profile.file,
                            (0, 0),
                            format!(
                                "profile id `{}` is already that of {}; this file is left out",
                                loaded.profile.id, first.profile.file
                            ),
                        )
                        .hint("give each profile its own id"),
                    );
                } else {
                    profiles.push(loaded);
                }
            }
            Err(Problems(ps)) => problems.extend(ps),
        }
    }
    (profiles, problems)
}

/// Where in a file a requirement stands.
struct Where<'a> {
    file: &'a str,
    pos: &'a Positions,
    path: String,
}

impl Where<'_> {
    fn problem(&self, field: &str, message: impl Into<String>) -> Problem {
        let path = if field.is_empty() {
            self.path.clone()
        } else {
            format!("{}.{field}", self.path)
        };
        Problem::new(self.file, self.pos.at(&path), message)
    }
}

fn requirement(
    at: &Where,
    r: &RawRequirement,
    catalog: &Catalog,
    warnings: &mut Vec<Problem>,
) -> Result<Requirement, Problem> {
    let Some(control) = catalog.control_index(&r.control) else {
        return Err(at
            .problem("control", format!("unknown control `{}`", r.control))
            .hint(unknown_control_hint(catalog, &r.control)));
    };
    let control = &catalog.controls[control].control;
    let mut asked: Vec<&str> = Vec::new();
    for (field, given) in [
        ("max", r.max.is_some()),
        ("min", r.min.is_some()),
        ("polarity", r.polarity.is_some()),
        ("includes", r.includes.is_some()),
        ("stated", r.stated.is_some()),
    ] {
        if given {
            asked.push(field);
        }
    }
    if asked.len() > 1 {
        // Point at the field written second, wherever it stands.
        asked.sort_by_key(|field| at.pos.at(&format!("{}.{field}", at.path)));
        return Err(at
            .problem(
                asked[1],
                format!(
                    "one requirement asks both `{}` and `{}`",
                    asked[0], asked[1]
                ),
            )
            .hint("write one requirement for each thing asked, each with its own level"));
    }
    let test = match (&r.max, &r.min, r.polarity, &r.includes, r.stated) {
        (Some(b), ..) => Test::Max(quantity(at, "max", b)?),
        (_, Some(b), ..) => Test::Min(quantity(at, "min", b)?),
        (_, _, Some(p), ..) => Test::Polarity(p),
        (_, _, _, Some(items), _) => Test::Includes(includes(at, items)?),
        (_, _, _, _, Some(true)) => Test::Stated,
        (_, _, _, _, Some(false)) => {
            return Err(at
                .problem("stated", "`stated: false` asks nothing")
                .hint("write `stated: true` to require an answer, or remove the requirement"))
        }
        _ => {
            return Err(at
                .problem("", format!("the requirement on `{}` says nothing to check", r.control))
                .hint("add one of `max: 90 days`, `min: 7 generations`, `polarity: yes`, `includes: [\"ISO/IEC 27017\"]` or `stated: true`"))
        }
    };
    let from = match &r.from {
        None => None,
        Some(word) => Some(Since::try_from(word.clone()).map_err(|e| {
            let all: Vec<&str> = Since::ALL.iter().map(|s| s.as_str()).collect();
            at.problem("from", e.to_string())
                .hint(format!("use one of {}", all.join(", ")))
        })?),
    };
    let schedule = match &r.schedule {
        None => None,
        Some(word) => Some(Schedule::try_from(word.clone()).map_err(|e| {
            at.problem("schedule", e.to_string())
                .hint("write how often the series the bound is about is taken, e.g. `schedule: daily` or `schedule: every-2-hours`")
        })?),
    };
    let generations = matches!(
        test,
        Test::Max(Quantity {
            unit: Unit::Generations,
            ..
        }) | Test::Min(Quantity {
            unit: Unit::Generations,
            ..
        })
    );
    if schedule.is_some() && !generations {
        return Err(at
            .problem(
                "schedule",
                "`schedule` says which series of backups a bound on generations is about, and this requirement has no `min` or `max` in generations",
            )
            .hint("remove `schedule`, or give a bound such as `min: 7 generations`"));
    }
    if from.is_some() && !matches!(test, Test::Max(_) | Test::Min(_)) {
        return Err(at
            .problem(
                "from",
                "`from` says what a bound counts from, and this requirement has no `max` or `min`",
            )
            .hint("remove `from`, or give a bound such as `max: 90 days`"));
    }
    if let Some(w) = mismatch(at, &test, control.kind, &r.control, catalog) {
        warnings.push(w);
    }
    Ok(Requirement {
        control: r.control.clone(),
        test,
        from,
        schedule,
        level: r.level,
        note: r.note.clone(),
    })
}

fn quantity(at: &Where, field: &str, b: &Bound) -> Result<Quantity, Problem> {
    let Some(unit) = parse::unit(&b.unit) else {
        return Err(at
            .problem(field, format!("unknown unit `{}`", b.unit))
            .hint(format!("use one of {}", parse::UNITS)));
    };
    if !(b.amount.is_finite() && b.amount >= 0.0) {
        return Err(at
            .problem(
                field,
                format!("`{}` is not an amount a bound can have", b.amount),
            )
            .hint("write a number of zero or more"));
    }
    if unit == Unit::Percent && b.amount > 100.0 {
        return Err(at
            .problem(field, format!("{} percent is more than 100", b.amount))
            .hint("write a percentage from 0 to 100, e.g. `99.9 percent`"));
    }
    Ok(Quantity {
        amount: b.amount,
        unit,
    })
}

fn includes(at: &Where, items: &[String]) -> Result<Vec<String>, Problem> {
    if items.is_empty() {
        return Err(at
            .problem("includes", "`includes` lists nothing")
            .hint("name what the list must include, e.g. `includes: [\"ISO/IEC 27017\"]`"));
    }
    if let Some(i) = items
        .iter()
        .position(|s| super::standards::key(s).is_empty())
    {
        return Err(at
            .problem(&format!("includes[{i}]"), "an empty item")
            .hint("name a standard, a country or a provider, or remove the item"));
    }
    Ok(items.to_vec())
}

/// A warning when no vendor's answer to the control can be compared with the requirement.
fn mismatch(
    at: &Where,
    test: &Test,
    kind: ControlKind,
    control: &str,
    catalog: &Catalog,
) -> Option<Problem> {
    let ci = catalog.control_index(control)?;
    let values: Vec<&Value> = (0..catalog.vendors.len())
        .filter_map(|v| catalog.answer(v, ci)?.value.as_ref())
        .collect();
    let (field, wanted, fits): (&str, &str, fn(&Value) -> bool) = match test {
        Test::Max(q) | Test::Min(q) => {
            let field = if matches!(test, Test::Max(_)) {
                "max"
            } else {
                "min"
            };
            match q.unit {
                Unit::Time(_) => (field, "a duration or an interval", |v| {
                    matches!(
                        v,
                        Value::Duration { .. } | Value::Interval { .. } | Value::Indefinite
                    )
                }),
                Unit::Generations => (field, "a count of generations", |v| {
                    matches!(v, Value::Count { .. })
                }),
                Unit::Percent => (field, "a percentage", |v| {
                    matches!(v, Value::Percentage { .. })
                }),
            }
        }
        Test::Includes(_) => ("includes", "a list", |v| matches!(v, Value::List { .. })),
        Test::Polarity(_) if kind != ControlKind::YesNo => {
            return Some(
                at.problem("polarity", format!("`{control}` is not a yes/no question: its answers carry no polarity, so every one will be `check`"))
                    .hint("require `stated: true` or a value instead, or choose a yes/no control"),
            );
        }
        Test::Polarity(_) | Test::Stated => return None,
    };
    if values.iter().any(|v| fits(v)) {
        return None;
    }
    let mut given: Vec<&str> = values.iter().map(|v| kind_word(v)).collect();
    given.sort();
    given.dedup();
    let given = if given.is_empty() {
        "no vendor gives a value here".to_string()
    } else {
        format!("the vendors give {}", given.join(", "))
    };
    Some(
        at.problem(
            field,
            format!("no vendor's answer to `{control}` is {wanted} ({given}): every stated answer will be `check`"),
        )
        .hint("check the control and the bound's unit"),
    )
}

fn kind_word(v: &Value) -> &'static str {
    match v {
        Value::Duration { .. } => "a duration",
        Value::Interval { .. } => "an interval",
        Value::Count { .. } => "a count",
        Value::Percentage { .. } => "a percentage",
        Value::List { .. } => "a list",
        Value::ServiceHours { .. } => "service hours",
        Value::Indefinite => "indefinite",
        Value::CalendarRule { .. } => "a calendar rule",
    }
}

/// Up to three known controls whose ids share a word with the unknown one.
fn unknown_control_hint(catalog: &Catalog, id: &str) -> String {
    let words: HashSet<&str> = id.split('-').filter(|w| w.len() > 2).collect();
    let near: Vec<&str> = catalog
        .controls
        .iter()
        .map(|c| c.control.id.as_str())
        .filter(|c| c.split('-').any(|w| words.contains(w)))
        .take(3)
        .collect();
    if near.is_empty() {
        "use a control id of the catalogue (`kurabe new-requirements` lists them all)".to_string()
    } else {
        format!(
            "use a control id of the catalogue, e.g. {} (`kurabe new-requirements` lists them all)",
            near.iter()
                .map(|c| format!("`{c}`"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    }
}
