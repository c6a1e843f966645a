//! `kurabe check`'s value warnings: curated values their own quotes do not state.

use super::{find_all, quotes_support, Kind};
use crate::catalog::Value;

/// A curated answer whose value its own quotes do not state.
#[derive(Debug, Clone, PartialEq)]
pub struct Disagreement {
    pub vendor: String,
    pub control: String,
    pub value: Value,
    /// The quantities of the same kind the quotes do state.
    pub quoted: Vec<Value>,
}

impl std::fmt::Display for Disagreement {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "vendors/{}.yaml: answer `{}`: value `{}` is not what its quotes say",
            self.vendor, self.control, self.value
        )?;
        if self.quoted.is_empty() {
            write!(
                f,
                " (no quote states {})",
                Kind::of(&self.value).with_article()
            )
        } else {
            let quoted: Vec<String> = self.quoted.iter().map(|v| v.to_string()).collect();
            write!(f, " (they say {})", quoted.join(", "))
        }
    }
}

/// Every answer with a value its quotes do not support. Answers without quotes are left out:
/// there is nothing to compare with.
pub fn disagreements(catalog: &crate::catalog::Catalog) -> Vec<Disagreement> {
    let mut out = Vec::new();
    for vendor in &catalog.vendors {
        for answer in &vendor.answers {
            let Some(value) = &answer.value else { continue };
            if Kind::of(value) == Kind::Written {
                continue;
            }
            let quotes: Vec<&str> = answer.quotes.iter().map(|q| q.text.as_ref()).collect();
            if quotes.is_empty() || quotes_support(value, &quotes) {
                continue;
            }
            let kind = Kind::of(value);
            let quoted = if kind == Kind::List {
                Vec::new()
            } else {
                quotes
                    .iter()
                    .flat_map(|q| find_all(q))
                    .map(|f| f.value)
                    .filter(|v| Kind::of(v) == kind)
                    .collect()
            };
            out.push(Disagreement {
                vendor: vendor.id().to_string(),
                control: answer.control.clone().into_owned(),
                value: value.clone(),
                quoted,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::TimeUnit;

    #[test]
    fn a_warning_names_the_kind_with_its_article() {
        let warning = Disagreement {
            vendor: "acme".into(),
            control: "internal-audit".into(),
            value: Value::Interval {
                amount: 1.0,
                unit: TimeUnit::Years,
            },
            quoted: Vec::new(),
        };
        assert!(
            warning
                .to_string()
                .ends_with("(no quote states an interval)"),
            "{warning}"
        );
    }
}
