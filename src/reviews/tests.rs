use super::*;
use crate::catalog::Status;

fn answer(summary: &str) -> Answer {
    Answer {
        control: "c".into(),
        status: Status::Stated,
        polarity: None,
        summary: Some(crate::catalog::Text {
            en: summary.to_owned().into(),
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
