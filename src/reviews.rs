//! The reviewer's verdicts and notes on vendors' answers.
//!
//! A review is keyed by vendor and control, and remembers a fingerprint of the answer it
//! judged: when the vendor's answer changes, the review reads as stale instead of silently
//! applying to text the reviewer never saw.

use crate::catalog::{yaml, Answer, Problem};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Verdict {
    Acceptable,
    FollowUp,
    Risk,
}

impl Verdict {
    pub fn label(self) -> &'static str {
        match self {
            Verdict::Acceptable => "acceptable",
            Verdict::FollowUp => "follow-up",
            Verdict::Risk => "risk",
        }
    }

    /// The next verdict in the cycle none → acceptable → follow-up → risk → none.
    pub fn cycle(v: Option<Verdict>) -> Option<Verdict> {
        match v {
            None => Some(Verdict::Acceptable),
            Some(Verdict::Acceptable) => Some(Verdict::FollowUp),
            Some(Verdict::FollowUp) => Some(Verdict::Risk),
            Some(Verdict::Risk) => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Review {
    pub vendor: String,
    pub control: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// Fingerprint of the answer as it was when judged.
    pub fingerprint: String,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewsFile {
    #[serde(default)]
    reviews: Vec<Review>,
}

/// A review as it applies to the answer now shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged<'a> {
    pub review: &'a Review,
    /// The answer changed since the review was written.
    pub stale: bool,
}

/// All reviews, by (vendor, control).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reviews {
    by_key: BTreeMap<(String, String), Review>,
}

impl Reviews {
    /// Reads a reviews file; a missing file is no reviews.
    pub fn load(path: &std::path::Path) -> Result<Reviews, Problem> {
        let name = path.display().to_string();
        let bytes =
            match yaml::read_bounded(path) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Reviews::default()),
                Err(e) => return Err(Problem::new(&name, (0, 0), format!("cannot read: {e}"))
                    .hint(
                        "check the file's permissions; verdicts are not saved until it can be read",
                    )),
            };
        Reviews::parse(&name, &bytes)
    }

    pub fn parse(name: &str, bytes: &[u8]) -> Result<Reviews, Problem> {
        let (file, positions) = yaml::read::<ReviewsFile>(name, bytes)?;
        let mut reviews = Reviews::default();
        for (i, r) in file.reviews.into_iter().enumerate() {
            let key = (r.vendor.clone(), r.control.clone());
            if reviews.by_key.insert(key, r).is_some() {
                return Err(Problem::new(
                    name,
                    positions.at(&format!("reviews[{i}]")),
                    "a second review of the same vendor and control",
                )
                .hint("keep one review per vendor and control"));
            }
        }
        Ok(reviews)
    }

    /// The file's text.
    pub fn to_yaml(&self) -> String {
        let file = ReviewsFile {
            reviews: self.by_key.values().cloned().collect(),
        };
        let body = serde_yaml::to_string(&file).expect("reviews serialize");
        format!("# kurabe reviews: verdicts and notes on vendors' answers.\n{body}")
    }

    pub fn get(&self, vendor: &str, control: &str) -> Option<&Review> {
        self.by_key.get(&(vendor.to_string(), control.to_string()))
    }

    /// The review of an answer, with whether the answer changed since.
    pub fn judged(
        &self,
        vendor: &str,
        control: &str,
        answer: Option<&Answer>,
    ) -> Option<Judged<'_>> {
        self.get(vendor, control).map(|review| Judged {
            review,
            stale: review.fingerprint != fingerprint(answer),
        })
    }

    /// Sets the verdict and note of an answer (judging it as it is now); a review with neither
    /// is removed.
    pub fn set(
        &mut self,
        vendor: &str,
        control: &str,
        answer: Option<&Answer>,
        verdict: Option<Verdict>,
        note: String,
    ) {
        let key = (vendor.to_string(), control.to_string());
        if verdict.is_none() && note.trim().is_empty() {
            self.by_key.remove(&key);
            return;
        }
        self.by_key.insert(
            key,
            Review {
                vendor: vendor.to_string(),
                control: control.to_string(),
                verdict,
                note,
                fingerprint: fingerprint(answer),
            },
        );
    }

    /// Adds a review as it was written (keeping its fingerprint).
    pub fn insert(&mut self, review: Review) {
        self.by_key
            .insert((review.vendor.clone(), review.control.clone()), review);
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

/// A stable fingerprint of what an answer says (status, summary, value, note, quotes).
/// FNV-1a over its canonical JSON: not for security, only to notice a change.
pub fn fingerprint(answer: Option<&Answer>) -> String {
    let text = match answer {
        Some(a) => serde_json::to_string(a).expect("answers serialize"),
        None => "none".to_string(),
    };
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog::Status;

    fn answer(summary: &str) -> Answer {
        Answer {
            control: "c".into(),
            status: Status::Stated,
            summary: Some(crate::catalog::Text {
                en: summary.into(),
                ja: None,
            }),
            value: None,
            note: None,
            quotes: Vec::new(),
        }
    }

    #[test]
    fn a_review_goes_stale_when_the_answer_changes() {
        let mut reviews = Reviews::default();
        let before = answer("30 days");
        reviews.set(
            "v",
            "c",
            Some(&before),
            Some(Verdict::Risk),
            "ask about backups".into(),
        );
        assert!(!reviews.judged("v", "c", Some(&before)).unwrap().stale);
        assert!(
            reviews
                .judged("v", "c", Some(&answer("60 days")))
                .unwrap()
                .stale
        );
    }

    #[test]
    fn reviews_round_trip_through_their_file() {
        let mut reviews = Reviews::default();
        reviews.set(
            "v",
            "c",
            Some(&answer("x")),
            Some(Verdict::FollowUp),
            "line 1\nline 2".into(),
        );
        reviews.set("w", "c", None, None, "only a note".into());
        let back = Reviews::parse("reviews.yaml", reviews.to_yaml().as_bytes()).unwrap();
        assert_eq!(back, reviews);
        reviews.set("v", "c", None, None, String::new());
        assert_eq!(
            reviews.len(),
            1,
            "a review with no verdict and no note is removed"
        );
    }

    #[test]
    fn fingerprints_are_stable() {
        assert_eq!(fingerprint(None), fingerprint(None));
        assert_eq!(
            fingerprint(Some(&answer("a"))),
            fingerprint(Some(&answer("a")))
        );
        assert_ne!(
            fingerprint(Some(&answer("a"))),
            fingerprint(Some(&answer("b")))
        );
    }
}
