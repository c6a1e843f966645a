//! A review whose control is no longer in the catalogue (the control was split or renamed)
//! is kept in reviews.yaml through every save, shown on no answer, and named in a warning.

mod common;

use common::home::{open_app, temp_home, type_keys};
use kurabe::paths::Paths;
use kurabe::reviews::{Reviews, Verdict};
use tempfile::TempDir;

/// A hand-written reviews file: one review of a control split since (`independent-review`
/// became `internal-audit` and `third-party-review`), one of a control that exists.
const REVIEWS: &str = "\
reviews:
- vendor: cybozu
  control: independent-review
  verdict: risk
  note: only a vulnerability audit is yearly
  fingerprint: '0000000000000000'
- vendor: qualitia
  control: encryption-at-rest
  verdict: follow-up
  fingerprint: '0000000000000000'
";

fn home() -> (TempDir, Paths) {
    let (dir, paths) = temp_home();
    std::fs::create_dir_all(&paths.data_dir).unwrap();
    std::fs::write(paths.reviews_file(), REVIEWS).unwrap();
    (dir, paths)
}

#[test]
fn the_session_warns_about_a_review_of_a_control_that_is_gone() {
    let (_dir, paths) = home();
    let session = kurabe::session::open(None, paths.clone()).expect("the catalogue loads");
    let warning = session
        .warnings
        .iter()
        .find(|w| w.message.contains("not in the catalogue"))
        .unwrap_or_else(|| panic!("no warning: {:?}", session.warnings));
    assert!(
        warning.message.contains("1 review(s)")
            && warning.message.contains("cybozu/independent-review"),
        "{warning}"
    );
    assert!(
        !warning.message.contains("encryption-at-rest"),
        "a review of a control that exists is not named: {warning}"
    );
}

#[test]
fn a_review_of_a_control_that_is_gone_is_shown_nowhere_and_kept_on_save() {
    let (_dir, paths) = home();
    let mut app = open_app(&paths, 240, 50);
    // Not shown on the controls that replaced it, nor on any other answer of the vendor.
    for control in ["internal-audit", "third-party-review"] {
        assert!(app.reviews.judged("cybozu", control, None).is_none());
    }
    let cybozu = app.catalog.vendor_index("cybozu").unwrap();
    for (i, entry) in app.catalog.controls.iter().enumerate() {
        let answer = app.catalog.answer(cybozu, i);
        assert!(
            app.reviews
                .judged("cybozu", &entry.control.id, answer)
                .is_none(),
            "cybozu/{} shows a review",
            entry.control.id
        );
    }
    // A verdict set in the app saves the file; the old review is still in it, unchanged.
    type_keys(&mut app, "/deletion\n\tr");
    let text = std::fs::read_to_string(paths.reviews_file()).unwrap();
    assert!(text.contains("# end of reviews: 3"), "{text}");
    let on_disk = Reviews::load(&paths.reviews_file()).unwrap();
    assert_eq!(on_disk.len(), 3, "{text}");
    let kept = on_disk.get("cybozu", "independent-review").expect("kept");
    assert_eq!(kept.verdict, Some(Verdict::Risk));
    assert_eq!(kept.note, "only a vulnerability audit is yearly");
    assert_eq!(kept.fingerprint, "0000000000000000");
}
