//! The commented template `kurabe new-requirements` writes: a profile with the examples of the
//! README (those whose controls the catalogue has), and every control listed in a comment with
//! its question and the kinds of value vendors give, so a reviewer can pick from them.

use crate::catalog::{Catalog, ControlKind, Value};

/// Example requirements: the control each is on, and its lines.
const EXAMPLES: [(&str, &str); 4] = [
    (
        "deletion-timing",
        "  - control: deletion-timing\n    max: 90 days                 # also { amount: 90, unit: days }\n    from: contract-end           # optional: what the time counts from\n    level: must                  # must | should\n    note: { en: \"Data deleted within 90 days of contract end\", ja: \"契約終了後90日以内に削除\" }\n",
    ),
    (
        "backup-generations",
        "  - control: backup-generations\n    min: 7 generations\n    schedule: daily              # optional: the series it is about (daily when left out)\n    level: should\n",
    ),
    (
        "certifications",
        "  - control: certifications\n    includes: [\"ISO/IEC 27017\"]  # an item naming it, in any edition or with any registration id\n    level: must\n",
    ),
    (
        "encryption-at-rest",
        "  - control: encryption-at-rest\n    polarity: yes                # yes | no | conditional (yes/no controls only)\n    level: must\n",
    ),
];

/// The template's text for `catalog`; it loads as it is.
pub fn template(catalog: &Catalog) -> String {
    let mut out = String::from(
        "# kurabe requirements: your own standard (社内基準). Each requirement is on one control and asks\n\
         # one thing: `max:` or `min:` (a bound: `90 days`, `7 generations`, `99.9 percent`; units\n\
         # minutes, hours, days, business days, weeks, months, years, generations, percent) with an\n\
         # optional `from:` (contract-end, cancellation, detection, … see the README) or, on generations,\n\
         # `schedule:` (daily, every-2-hours, …); `polarity: yes`, `includes: [...]` or `stated: true`;\n\
         # a `level:` (must | should) and an optional `note:`.\n\
         # Months, years and business days are not converted into days: a bound in days against\n\
         # \"3 months\" or \"5 business days\" is `check`.\n\
         # Try it with `kurabe evaluate --requirements FILE`.\n\
         profile:\n  id: our-standard\n  name: { en: \"Our standard\", ja: \"社内基準\" }\n\
         requirements:\n",
    );
    let mut any = false;
    for (control, lines) in EXAMPLES {
        if catalog.control_index(control).is_some() {
            out.push_str(lines);
            any = true;
        }
    }
    if !any {
        if let Some(first) = catalog.controls.first() {
            out.push_str(&format!(
                "  - control: {}\n    stated: true\n    level: should\n",
                first.control.id
            ));
        }
    }
    out.push_str(
        "\n# The controls of the catalogue (id: title — question; values the vendors give):\n",
    );
    for (ci, entry) in catalog.controls.iter().enumerate() {
        let c = &entry.control;
        let mut kinds: Vec<&str> = (0..catalog.vendors.len())
            .filter_map(|v| catalog.answer(v, ci)?.value.as_ref())
            .map(value_kind)
            .collect();
        if c.kind == ControlKind::YesNo {
            kinds.insert(0, "yes/no");
        }
        kinds.sort();
        kinds.dedup();
        let kinds = if kinds.is_empty() {
            String::new()
        } else {
            format!(" [{}]", kinds.join(", "))
        };
        let question = c.question.en.replace('\n', " ");
        out.push_str(&format!(
            "#   {}: {} — {question}{kinds}\n",
            c.id,
            c.title.en.replace('\n', " ")
        ));
    }
    out
}

fn value_kind(v: &Value) -> &'static str {
    match v {
        Value::Duration { .. } => "duration",
        Value::Interval { .. } => "interval",
        Value::Count { .. } => "count",
        Value::Percentage { .. } => "percentage",
        Value::List { .. } => "list",
        Value::ServiceHours { .. } => "service-hours",
        Value::Indefinite => "indefinite",
        Value::CalendarRule { .. } => "calendar-rule",
    }
}
