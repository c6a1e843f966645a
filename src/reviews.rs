//! The reviewer's verdicts and notes on vendors' answers.
//!
//! A review is keyed by vendor and control, and remembers a fingerprint of the answer it
//! judged: when the vendor's answer changes, the review reads as stale instead of silently
//! applying to text the reviewer never saw.

use crate::catalog::{yaml, Answer, Problem};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub mod merge;
pub mod store;
pub mod words;

/// The first line of a reviews file kurabe writes. (Files of kurabe 0.1 started with
/// "# kurabe reviews: verdicts and notes on vendors' answers." and had no trailer: they read as
/// hand-written.)
const HEADER: &str =
    "# kurabe reviews: verdicts and notes on vendors' answers; the last line counts them.";
/// The start of the last line of a reviews file kurabe writes, followed by the count.
const TRAILER: &str = "# end of reviews: ";

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
    /// When the verdict or note was last changed (RFC 3339); absent in older and hand-written
    /// files, which then count as older than any dated change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub changed: Option<Timestamp>,
    /// Who set it: `KURABE_USER`, else git's `user.name`, else the login name (see [`who`]);
    /// absent in older files. Not part of what the fingerprint judges.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<String>,
}

#[derive(Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReviewsFile {
    #[serde(default)]
    reviews: Vec<Review>,
}

/// The longest name recorded as who set a review, in chars.
const MAX_WHO: usize = 64;

/// Who is reviewing, for a review's `by`: `KURABE_USER`, else git's `user.name` (when git is
/// installed), else the login name (`USER`, `LOGNAME`, `USERNAME`); control and invisible
/// characters dropped, at most 64 chars.
pub fn who() -> Option<String> {
    let env = |name: &str| std::env::var(name).ok();
    let git = || {
        std::process::Command::new("git")
            .args(["config", "--get", "user.name"])
            .stdin(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout[..o.stdout.len().min(1024)]).into_owned())
    };
    [
        env("KURABE_USER"),
        git(),
        env("USER"),
        env("LOGNAME"),
        env("USERNAME"),
    ]
    .into_iter()
    .flatten()
    .map(|name| {
        let shown: String = name
            .chars()
            .filter(|&c| !c.is_control() && !crate::sanitize::is_hidden(c))
            .collect();
        shown.trim().chars().take(MAX_WHO).collect::<String>()
    })
    .find(|name| !name.is_empty())
}

/// A review as it applies to the answer now shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Judged<'a> {
    pub review: &'a Review,
    /// The answer changed since the review was written.
    pub stale: bool,
}

/// A reviews file as read: its reviews and, for a hand-written file that looks truncated, a
/// warning (it still loads).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Parsed {
    pub reviews: Reviews,
    pub warning: Option<Problem>,
}

/// All reviews, by (vendor, control).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reviews {
    by_key: BTreeMap<(String, String), Review>,
}

impl Reviews {
    /// Reads a reviews file; a missing file is no reviews. See [`store::load`] for the checks
    /// against truncation.
    pub fn load(path: &std::path::Path) -> Result<Reviews, Problem> {
        store::load(path).map(|parsed| parsed.reviews)
    }

    /// Reads a reviews file's text; a file kurabe wrote that lost its end is refused.
    pub fn parse(name: &str, bytes: &[u8]) -> Result<Reviews, Problem> {
        Reviews::parse_checked(name, bytes).map(|parsed| parsed.reviews)
    }

    /// Reads a reviews file's text and checks that it is whole: a file kurabe wrote (it starts
    /// with kurabe's header line) must end with `# end of reviews: N` where N is the number of
    /// reviews, or it is refused as possibly truncated. A hand-written file (no header) needs no
    /// such line; it only looks truncated, and loads with a warning, when it does not end with
    /// a line break.
    pub fn parse_checked(name: &str, bytes: &[u8]) -> Result<Parsed, Problem> {
        let (file, positions) =
            yaml::read::<ReviewsFile>(name, bytes).map_err(|e| parse_error(name, bytes, e))?;
        let mut reviews = Reviews::default();
        let count = file.reviews.len();
        for (i, mut r) in file.reviews.into_iter().enumerate() {
            // Who set it is shown beside the verdict: one line, bounded, whatever the file says.
            if let Some(by) = &mut r.by {
                crate::sanitize::line_in_place(by);
                *by = by.chars().take(MAX_WHO).collect();
            }
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
        let warning = completeness(name, bytes, count)?;
        Ok(Parsed { reviews, warning })
    }

    /// The file's text.
    pub fn to_yaml(&self) -> String {
        let file = ReviewsFile {
            reviews: self.by_key.values().cloned().collect(),
        };
        let body = serde_yaml::to_string(&file)
            .expect("reviews are strings and an enum: they always serialize");
        format!("{HEADER}\n{body}{TRAILER}{}\n", self.by_key.len())
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
            stale: !fingerprint_matches(&review.fingerprint, answer),
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
        changed: Timestamp,
    ) {
        self.set_by(vendor, control, answer, verdict, note, changed, None);
    }

    /// [`Reviews::set`], recording who set it.
    #[allow(clippy::too_many_arguments)]
    pub fn set_by(
        &mut self,
        vendor: &str,
        control: &str,
        answer: Option<&Answer>,
        verdict: Option<Verdict>,
        note: String,
        changed: Timestamp,
        by: Option<String>,
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
                changed: Some(changed),
                by,
            },
        );
    }

    /// Removes the review of an answer, if there is one.
    pub fn remove(&mut self, vendor: &str, control: &str) -> Option<Review> {
        self.by_key
            .remove(&(vendor.to_string(), control.to_string()))
    }

    /// Adds a review as it was written (keeping its fingerprint).
    pub fn insert(&mut self, review: Review) {
        self.by_key
            .insert((review.vendor.clone(), review.control.clone()), review);
    }

    /// Rewrites into the current form the fingerprints of the older form (the whole answer,
    /// citations included) that match `vendor`'s `answers` as they are now, so that a change
    /// of citations alone — an update from a new version of the documents moves them — does
    /// not make those verdicts stale. Returns how many were rewritten.
    pub fn upgrade_fingerprints(&mut self, vendor: &str, answers: &[Answer]) -> usize {
        let mut upgraded = 0;
        for review in self.by_key.values_mut().filter(|r| r.vendor == vendor) {
            if review.fingerprint.starts_with(FINGERPRINT_V2) {
                continue;
            }
            let answer = answers.iter().find(|a| a.control == review.control);
            if review.fingerprint == legacy_fingerprint(answer) {
                review.fingerprint = fingerprint(answer);
                upgraded += 1;
            }
        }
        upgraded
    }

    /// Every review, in (vendor, control) order.
    pub fn iter(&self) -> impl Iterator<Item = &Review> {
        self.by_key.values()
    }

    pub fn len(&self) -> usize {
        self.by_key.len()
    }

    pub fn is_empty(&self) -> bool {
        self.by_key.is_empty()
    }
}

/// A file's text (without a byte-order mark), its last line that is not blank, and whether
/// kurabe wrote it (it starts with kurabe's header).
fn outline(bytes: &[u8]) -> (String, String, bool) {
    let text = String::from_utf8_lossy(bytes);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
    let last = text.lines().rev().find(|l| !l.trim().is_empty());
    let last = last.unwrap_or("").to_string();
    let by_kurabe = text.lines().next() == Some(HEADER);
    (text, last, by_kurabe)
}

/// What to do about a file that looks truncated.
fn truncation_hint(name: &str) -> String {
    let file_name = std::path::Path::new(name)
        .file_name()
        .map_or(name.into(), |n| n.to_string_lossy());
    format!(
        "copy back {file_name}.bak from beside it or, after a hand edit, correct the count on the \
         last line"
    )
}

/// A parse error in a file kurabe wrote, without its trailer, is most likely a lost end.
fn parse_error(name: &str, bytes: &[u8], e: Problem) -> Problem {
    match outline(bytes) {
        (_, last, true) if !last.starts_with(TRAILER) => Problem {
            message: format!(
                "possibly truncated (no last line `{TRAILER}N`): {}",
                e.message
            ),
            hint: Some(truncation_hint(name)),
            ..e
        },
        _ => e,
    }
}

/// Whether a file's text is whole (see [`Reviews::parse_checked`]): `Err` for a file kurabe
/// wrote that lost its end, a warning for a hand-written one that looks cut off.
fn completeness(name: &str, bytes: &[u8], count: usize) -> Result<Option<Problem>, Problem> {
    let (text, last, by_kurabe) = outline(bytes);
    let lines = text.lines().count();
    let truncated = |message: String| {
        Problem::new(name, (lines.max(1), 1), message).hint(truncation_hint(name))
    };
    match last
        .strip_prefix(TRAILER)
        .map(|n| n.trim().parse::<usize>())
    {
        Some(Ok(n)) if n == count => Ok(None),
        Some(Ok(n)) => Err(truncated(format!(
            "possibly truncated: its last line says {n} reviews, but it holds {count}"
        ))),
        Some(Err(_)) | None if by_kurabe => Err(truncated(format!(
            "possibly truncated: kurabe wrote it, but its last line `{TRAILER}N` is missing"
        ))),
        Some(Err(_)) | None if !text.is_empty() && !text.ends_with('\n') => Ok(Some(
            Problem::new(
                name,
                (lines, last.chars().count() + 1),
                "possibly truncated: the file does not end with a line break",
            )
            .hint("check that no review is missing; kurabe still loads it"),
        )),
        _ => Ok(None),
    }
}

/// Fingerprints of the current form start with this; the older form is 16 hex digits.
const FINGERPRINT_V2: &str = "v2-";

/// What a review judged of an answer: its status, polarity, summary (and whether it is the
/// vendor's words), value, note and the words of its quotes. Not where the quotes are cited
/// (a new version of a document moves them), whether it is still a draft, or which other
/// passages were proposed: none of these changes what the reviewer read.
#[derive(Serialize)]
struct JudgedContent<'a> {
    status: crate::catalog::Status,
    polarity: Option<crate::catalog::Polarity>,
    summary: Option<&'a crate::catalog::Text>,
    vendor_words: Option<crate::catalog::VendorWords>,
    value: Option<&'a crate::catalog::Value>,
    note: Option<&'a crate::catalog::Text>,
    quotes: Vec<&'a str>,
}

/// FNV-1a over a text: not for security, only to notice a change.
fn fnv(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// A stable fingerprint of what a review judges of an answer ([`JudgedContent`]).
pub fn fingerprint(answer: Option<&Answer>) -> String {
    let text = match answer {
        Some(a) => serde_json::to_string(&JudgedContent {
            status: a.status,
            polarity: a.polarity,
            summary: a.summary.as_ref(),
            vendor_words: a.vendor_words,
            value: a.value.as_ref(),
            note: a.note.as_ref(),
            quotes: a.quotes.iter().map(|q| q.text.as_ref()).collect(),
        })
        .expect("an answer has string keys only, so serde_json cannot fail on it"),
        None => "none".to_string(),
    };
    format!("{FINGERPRINT_V2}{}", fnv(&text))
}

/// The fingerprint kurabe wrote before [`fingerprint`]: the whole answer's JSON, with a summary
/// of the vendor's words in the form of that time (a marker prefixed to the text).
fn legacy_fingerprint(answer: Option<&Answer>) -> String {
    let text = match answer {
        Some(a) => {
            let mut a = a.clone();
            // Written before `previous` existed: it was never part of such a fingerprint.
            a.previous = None;
            if let (Some(marked), Some(summary)) = (a.vendor_words.take(), a.summary.as_mut()) {
                use crate::catalog::{VendorWords, LEGACY_VENDOR_WORDS_EN, LEGACY_VENDOR_WORDS_JA};
                if matches!(marked, VendorWords::Both | VendorWords::En) {
                    summary.en = format!("{LEGACY_VENDOR_WORDS_EN}{}", summary.en).into();
                }
                if let (VendorWords::Both | VendorWords::Ja, Some(ja)) = (marked, &summary.ja) {
                    summary.ja = Some(format!("{LEGACY_VENDOR_WORDS_JA}{ja}").into());
                }
            }
            serde_json::to_string(&a)
                .expect("an answer has string keys only, so serde_json cannot fail on it")
        }
        None => "none".to_string(),
    };
    fnv(&text)
}

/// Whether a review's fingerprint (of either form) is the answer's as it is now: a review
/// written before the current form stays fresh as long as the answer is unchanged.
pub fn fingerprint_matches(recorded: &str, answer: Option<&Answer>) -> bool {
    if recorded.starts_with(FINGERPRINT_V2) {
        recorded == fingerprint(answer)
    } else {
        recorded == legacy_fingerprint(answer)
    }
}

#[cfg(test)]
mod tests;
