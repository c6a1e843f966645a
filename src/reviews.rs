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
            quotes: a.quotes.iter().map(|q| q.text.as_str()).collect(),
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
                    summary.en = format!("{LEGACY_VENDOR_WORDS_EN}{}", summary.en);
                }
                if let (VendorWords::Both | VendorWords::Ja, Some(ja)) = (marked, &summary.ja) {
                    summary.ja = Some(format!("{LEGACY_VENDOR_WORDS_JA}{ja}"));
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
mod tests {
    use super::*;
    use crate::catalog::Status;

    fn answer(summary: &str) -> Answer {
        Answer {
            control: "c".into(),
            status: Status::Stated,
            polarity: None,
            summary: Some(crate::catalog::Text {
                en: summary.into(),
                ja: None,
            }),
            vendor_words: None,
            value: None,
            note: None,
            quotes: Vec::new(),
            draft: false,
            candidates: Vec::new(),
            conflicts: Vec::new(),
            previous: None,
        }
    }

    #[test]
    fn who_set_a_review_is_kept_through_the_file_and_apart_from_the_fingerprint() {
        let a = answer("30 days");
        let mut reviews = Reviews::default();
        let at = Timestamp::from_second(1_800_000_000).unwrap();
        reviews.set_by(
            "acme",
            "c",
            Some(&a),
            Some(Verdict::Risk),
            String::new(),
            at,
            Some("Aiko Sato".into()),
        );
        let text = reviews.to_yaml();
        assert!(text.contains("by: Aiko Sato"), "{text}");
        let again = Reviews::parse("reviews.yaml", text.as_bytes()).unwrap();
        let review = again.get("acme", "c").unwrap();
        assert_eq!(review.by.as_deref(), Some("Aiko Sato"));
        let mut unnamed = Reviews::default();
        unnamed.set(
            "acme",
            "c",
            Some(&a),
            Some(Verdict::Risk),
            String::new(),
            at,
        );
        assert_eq!(
            unnamed.get("acme", "c").unwrap().fingerprint,
            review.fingerprint,
            "who set it is not what was judged"
        );
        assert!(again
            .judged("acme", "c", Some(&a))
            .is_some_and(|j| !j.stale));
    }

    #[test]
    fn who_is_reviewing_comes_from_kurabe_user_first_on_one_clean_line() {
        std::env::set_var("KURABE_USER", "  Aiko\u{1b}[31m Sato\u{202e}  ");
        assert_eq!(who().as_deref(), Some("Aiko[31m Sato"));
        std::env::set_var("KURABE_USER", "x".repeat(200));
        assert_eq!(who().map(|w| w.chars().count()), Some(64));
        std::env::remove_var("KURABE_USER");
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
            Timestamp::UNIX_EPOCH,
        );
        assert!(!reviews.judged("v", "c", Some(&before)).unwrap().stale);
        assert!(
            reviews
                .judged("v", "c", Some(&answer("60 days")))
                .unwrap()
                .stale
        );
    }

    /// The fingerprint as kurabe computed it before the current form: FNV-1a over the
    /// whole answer's JSON, the vendor's words marked by a prefix of the summary.
    fn old_fingerprint(a: &Answer) -> String {
        fnv(&serde_json::to_string(a).unwrap())
    }

    #[test]
    fn older_fingerprints_that_still_match_are_upgraded_and_then_survive_moved_citations() {
        let mut a = answer("deleted after 30 days");
        a.quotes.push(crate::catalog::Quote {
            document: "guide".into(),
            section: "5".into(),
            text: "30日で削除します。".into(),
            context: None,
        });
        let mut other = answer("x");
        other.control = "d".into();
        let mut reviews = Reviews::default();
        for (control, fp) in [("c", old_fingerprint(&a)), ("d", "0123456789abcdef".into())] {
            reviews.insert(Review {
                vendor: "acme".into(),
                control: control.into(),
                verdict: Some(Verdict::Acceptable),
                note: String::new(),
                fingerprint: fp,
                changed: None,
                by: None,
            });
        }
        assert_eq!(reviews.upgrade_fingerprints("acme", &[a.clone(), other]), 1);
        assert_eq!(
            reviews.get("acme", "d").unwrap().fingerprint,
            "0123456789abcdef"
        );
        // The citation moves (an update): the upgraded verdict stays fresh.
        a.quotes[0].document = "guide-v2".into();
        a.quotes[0].section = "6".into();
        assert!(!reviews.judged("acme", "c", Some(&a)).unwrap().stale);
    }

    #[test]
    fn verdicts_written_before_the_current_fingerprint_stay_fresh() {
        let mut old = answer("Vendor's words: 「30日後に削除」");
        old.summary.as_mut().unwrap().ja = Some("ベンダーの記述: 「30日後に削除」".into());
        old.draft = true;
        let recorded = old_fingerprint(&old);
        let mut now = old.clone();
        now.migrate_legacy_vendor_words();
        assert_eq!(now.summary.as_ref().unwrap().en, "「30日後に削除」");
        assert!(fingerprint_matches(&recorded, Some(&now)));
        let mut changed = now.clone();
        changed.summary.as_mut().unwrap().en = "Deleted after 30 days.".into();
        changed.vendor_words = Some(crate::catalog::VendorWords::Ja);
        assert!(!fingerprint_matches(&recorded, Some(&changed)));
        // A person's summary, written before: the same fingerprint as then.
        let plain = answer("30 days");
        assert!(fingerprint_matches(&old_fingerprint(&plain), Some(&plain)));
        assert!(!fingerprint_matches("none-such", None));
    }

    #[test]
    fn a_fingerprint_ignores_citations_draft_and_candidates() {
        let mut a = answer("x");
        a.quotes.push(crate::catalog::Quote {
            document: "guide".into(),
            section: "5.1".into(),
            text: "契約終了後30日で削除します。".into(),
            context: None,
        });
        a.draft = true;
        let before = fingerprint(Some(&a));
        a.quotes[0].section = "6.2".into();
        a.quotes[0].document = "guide-v2".into();
        a.draft = false;
        a.candidates.clear();
        a.previous = Some(Box::new(crate::catalog::PreviousAnswer {
            status: Status::NotStated,
            polarity: None,
            summary: None,
            value: None,
            quotes: Vec::new(),
            from: Some("第3版".into()),
        }));
        assert_eq!(fingerprint(Some(&a)), before);
        a.quotes[0].text = "契約終了後60日で削除します。".into();
        assert_ne!(fingerprint(Some(&a)), before);
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
            "2026-12-01T06:50:00Z".parse().unwrap(),
        );
        reviews.set(
            "w",
            "c",
            None,
            None,
            "only a note".into(),
            Timestamp::UNIX_EPOCH,
        );
        let text = reviews.to_yaml();
        assert!(text.contains("changed: 2026-12-01T06:50:00Z"), "{text}");
        assert!(text.ends_with("\n# end of reviews: 2\n"), "{text}");
        let back = Reviews::parse("reviews.yaml", text.as_bytes()).unwrap();
        assert_eq!(back, reviews);
        reviews.set("v", "c", None, None, String::new(), Timestamp::UNIX_EPOCH);
        assert_eq!(
            reviews.len(),
            1,
            "a review with no verdict and no note is removed"
        );
    }

    fn two_reviews() -> String {
        let mut reviews = Reviews::default();
        for vendor in ["v", "w"] {
            let verdict = Some(Verdict::Risk);
            reviews.set(
                vendor,
                "c",
                None,
                verdict,
                "n".into(),
                Timestamp::UNIX_EPOCH,
            );
        }
        reviews.to_yaml()
    }

    #[test]
    fn a_file_kurabe_wrote_that_lost_its_end_is_refused() {
        let whole = two_reviews();
        let cut = &whole[..whole.find("# end of reviews").unwrap()];
        let e = Reviews::parse("r.yaml", cut.as_bytes()).unwrap_err();
        assert!(e.message.contains("possibly truncated"), "{e}");
        // Cut inside the second review, at a place where what is left is still valid YAML.
        let first_only = &whole[..whole.find("- vendor: w").unwrap()];
        let e = Reviews::parse("r.yaml", first_only.as_bytes()).unwrap_err();
        assert!(e.message.contains("possibly truncated"), "{e}");
        // Cut where what is left is no longer valid YAML.
        let mid_value = &whole[..whole.find("- vendor: w").unwrap() + 3];
        let e = Reviews::parse("r.yaml", mid_value.as_bytes()).unwrap_err();
        assert!(e.message.starts_with("possibly truncated"), "{e}");
        assert!(e.hint.unwrap().contains("r.yaml.bak"));
        let miscounted = whole.replace("end of reviews: 2", "end of reviews: 3");
        let e = Reviews::parse("r.yaml", miscounted.as_bytes()).unwrap_err();
        assert!(e.message.contains("says 3 reviews, but it holds 2"), "{e}");
    }

    #[test]
    fn hand_written_files_load_without_the_trailer() {
        let hand = "reviews:\n  - { vendor: v, control: c, verdict: risk, fingerprint: x }\n";
        let parsed = Reviews::parse_checked("r.yaml", hand.as_bytes()).unwrap();
        assert_eq!(parsed.reviews.len(), 1);
        assert_eq!(parsed.warning, None);
        assert_eq!(parsed.reviews.get("v", "c").unwrap().changed, None);
        let cut = hand.trim_end();
        let parsed = Reviews::parse_checked("r.yaml", cut.as_bytes()).unwrap();
        assert_eq!(parsed.reviews.len(), 1, "a hand-written file still loads");
        let warning = parsed.warning.expect("a file cut off mid-line is flagged");
        assert!(warning.message.contains("possibly truncated"), "{warning}");
    }

    #[test]
    fn files_of_kurabe_0_1_without_the_trailer_still_load() {
        let old =
            "# kurabe reviews: verdicts and notes on vendors' answers.\nreviews:\n- vendor: v\n  \
                   control: c\n  verdict: risk\n  fingerprint: x\n";
        let parsed = Reviews::parse_checked("r.yaml", old.as_bytes()).unwrap();
        assert_eq!(parsed.reviews.len(), 1);
        assert_eq!(parsed.warning, None);
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
