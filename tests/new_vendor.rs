//! `kurabe new-vendor` never silently replaces a vendor of the catalogue.

mod common;

use common::home::kurabe_in;

#[test]
fn an_embedded_vendors_id_is_refused_unless_replace_is_given() {
    let home = tempfile::tempdir().unwrap();
    let template = home.path().join("data/vendors/cybozu.yaml");
    let refused = kurabe_in(home.path(), &["new-vendor", "cybozu"]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(
        stderr.contains("the embedded vendor Cybozu, Inc.") && stderr.contains("--replace"),
        "says what it would replace and how to do it anyway: {stderr}"
    );
    assert!(!template.exists(), "nothing is written");

    let replaced = kurabe_in(home.path(), &["new-vendor", "cybozu", "--replace"]);
    assert!(
        replaced.status.success(),
        "{}",
        String::from_utf8_lossy(&replaced.stderr)
    );
    assert!(std::fs::read_to_string(&template)
        .unwrap()
        .contains("status: not_stated"));
}
