//! Confirming at once the drafts in which the importer found nothing, so that a reviewer reads
//! one list instead of stepping through each of them.
//!
//! The rule: a draft answer is confirmed as not stated together with the others when
//! 1. it states nothing: `not_stated`, without a quote;
//! 2. `kurabe import` was not confident that its best passage answers the control: the
//!    `# confidence 0.xx` it wrote above the answer is below [`QUIET_BELOW`] (a draft without
//!    that comment, written by hand, is never confirmed in bulk);
//! 3. none of its candidates holds a value the importer read (it reads values only of the kind
//!    the control's answers carry: a duration, a count, a percentage…);
//! 4. no conflict is recorded on it (two changes met there: a person settles them).
//!
//! Anything else is left for the queue, where a person reads it.

use crate::catalog::{yaml, Answer, Status, VendorFile};
use std::collections::BTreeMap;
use std::path::Path;

/// The importer's confidence below which its best passage is more likely not the answer than
/// the answer, in hundredths (the importer writes two decimals): 0.50.
pub const QUIET_BELOW: u8 = 50;

/// The confidences written in a vendor file, by control id, in hundredths (0–100).
pub type Confidences = BTreeMap<String, u8>;

/// Whether `answer` is confirmed as not stated in bulk: see the module's rule. `confidence` is
/// what the importer wrote above it (in hundredths), if anything.
pub fn is_quiet(answer: &Answer, confidence: Option<u8>) -> bool {
    answer.draft
        && answer.status == Status::NotStated
        && answer.quotes.is_empty()
        && confidence.is_some_and(|c| c < QUIET_BELOW)
        && answer.candidates.iter().all(|c| c.value.is_none())
        && answer.conflicts.is_empty()
}

/// The candidate that came closest, for the list a reviewer reads before confirming: its score.
pub fn best_score(answer: &Answer) -> Option<f64> {
    answer
        .candidates
        .iter()
        .map(|c| c.score)
        .max_by(|a, b| a.total_cmp(b))
}

/// The confidences written above the answers of a vendor file's `text`, by control id: a
/// `# confidence 0.42` comment among the comment lines right above the answer's `- control:`
/// line (where `kurabe import` writes it, and where saving an answer keeps it).
pub fn confidences(text: &str, file: &VendorFile, positions: &yaml::Positions) -> Confidences {
    let lines: Vec<&str> = text.lines().collect();
    let mut out = Confidences::new();
    for (i, answer) in file.answers.iter().enumerate() {
        let (line, _) = positions.at(&format!("answers[{i}]"));
        // 1-based; the comments above are the lines before it, up to one that is neither a
        // comment nor blank.
        let above = lines[..line.saturating_sub(1).min(lines.len())]
            .iter()
            .rev()
            .take_while(|l| l.trim().is_empty() || l.trim_start().starts_with('#'));
        let found = above.filter_map(|l| confidence_of(l)).next();
        if let Some(c) = found {
            out.insert(answer.control.clone().into_owned(), c);
        }
    }
    out
}

/// `42` of a `# confidence 0.42` line: hundredths, rounded.
fn confidence_of(line: &str) -> Option<u8> {
    let rest = line.trim().strip_prefix('#')?.trim_start();
    let number = rest.strip_prefix("confidence")?.trim();
    let c: f64 = number.parse().ok()?;
    (0.0..=1.0).contains(&c).then(|| (c * 100.0).round() as u8)
}

/// Reads the confidences of the vendor file at `path` (bounded, through the YAML gate like
/// every file kurabe reads).
pub fn read_confidences(path: &Path) -> Result<Confidences, String> {
    let name = path.display().to_string();
    let bytes = yaml::read_file(path).map_err(|p| p.to_string())?;
    let (file, positions) = yaml::read::<VendorFile>(&name, &bytes).map_err(|p| p.to_string())?;
    let text = String::from_utf8_lossy(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes));
    Ok(confidences(&text, &file, &positions))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::{Candidate, Quote, Value};

    const FILE: &str = "\
# Drafted by `kurabe import` from doc.txt.
# stated from the best passage found (confidence 0.5 or more)
vendor:
  id: x
  name:
    en: x
documents:
- id: doc
  title: Doc
  source: doc.txt
answers:
  # confidence 0.84
  - control: a
    status: stated
    draft: true
    quotes:
    - { document: doc, section: '1', text: A }

  # confidence 0.12
  # checked on 2026-01-10
  - control: b
    status: not_stated
    draft: true
  - control: c
    status: not_stated
    draft: true
  # confidence 0.07
  - control: d
    status: not_stated
";

    fn read(text: &str) -> Confidences {
        let (file, positions) = yaml::read::<VendorFile>("x.yaml", text.as_bytes()).unwrap();
        confidences(text, &file, &positions)
    }

    #[test]
    fn each_answer_takes_the_confidence_written_right_above_it() {
        let found = read(FILE);
        assert_eq!(found.get("a"), Some(&84));
        assert_eq!(found.get("b"), Some(&12), "among other comments");
        assert_eq!(found.get("c"), None, "b's comment is not c's");
        assert_eq!(found.get("d"), Some(&7));
        assert_eq!(found.len(), 3);
    }

    #[test]
    fn a_confidence_that_is_no_number_in_0_to_1_is_none() {
        for bad in [
            "# confidence high",
            "# confidence 1.5",
            "# confidence -0.1",
            "# confident 0.2",
        ] {
            assert_eq!(confidence_of(bad), None, "{bad}");
        }
        assert_eq!(confidence_of("    #confidence 0.3"), Some(30));
        assert_eq!(confidence_of("# confidence 0.5"), Some(50));
    }

    fn draft(status: Status) -> Answer {
        Answer {
            control: "b".into(),
            status,
            polarity: None,
            summary: None,
            vendor_words: None,
            value: None,
            note: None,
            quotes: Vec::new(),
            draft: true,
            candidates: vec![Candidate {
                document: "doc".into(),
                section: "2".into(),
                text: "Backups are kept.".into(),
                score: 0.2,
                context: None,
                value: None,
            }],
            conflicts: Vec::new(),
            previous: None,
        }
    }

    #[test]
    fn only_a_draft_stating_nothing_below_the_confidence_and_without_values_is_quiet() {
        let quiet = draft(Status::NotStated);
        assert!(is_quiet(&quiet, Some(49)));
        assert!(
            !is_quiet(&quiet, Some(QUIET_BELOW)),
            "the importer's own threshold"
        );
        assert!(
            !is_quiet(&quiet, None),
            "no confidence written: a person reads it"
        );
        assert!(!is_quiet(&draft(Status::Stated), Some(10)));
        let mut quoted = quiet.clone();
        quoted.quotes.push(Quote {
            document: "doc".into(),
            section: "1".into(),
            text: "A".into(),
            context: None,
        });
        assert!(!is_quiet(&quoted, Some(10)));
        let mut with_value = quiet.clone();
        with_value.candidates[0].value = Some(Value::Indefinite);
        assert!(
            !is_quiet(&with_value, Some(10)),
            "a candidate holds a value"
        );
        let mut confirmed = quiet.clone();
        confirmed.draft = false;
        assert!(!is_quiet(&confirmed, Some(10)));
        let mut clashed = quiet.clone();
        clashed.conflicts.push(crate::catalog::Conflict::Draft {
            ours: true,
            theirs: false,
        });
        assert!(!is_quiet(&clashed, Some(10)), "a conflict to settle");
        assert_eq!(best_score(&quiet), Some(0.2));
    }

    #[test]
    fn confidences_are_read_through_the_gate() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.yaml");
        std::fs::write(&path, FILE).unwrap();
        assert_eq!(read_confidences(&path).unwrap().get("b"), Some(&12));
        std::fs::write(&path, "answers: [").unwrap();
        let error = read_confidences(&path).unwrap_err();
        assert!(error.contains("x.yaml"), "{error}");
    }
}
