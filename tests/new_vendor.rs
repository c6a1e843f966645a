//! `kurabe new-vendor` never silently replaces a vendor of the catalogue.

use std::process::Command;

fn kurabe(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_kurabe"))
        .args(args)
        .env("KURABE_CONFIG_DIR", home.join("config"))
        .env("KURABE_DATA_DIR", home.join("data"))
        .env("KURABE_STATE_DIR", home.join("state"))
        .env("KURABE_CACHE_DIR", home.join("cache"))
        .env("RUST_BACKTRACE", "0")
        .output()
        .unwrap()
}

#[test]
fn an_embedded_vendors_id_is_refused_unless_replace_is_given() {
    let home = tempfile::tempdir().unwrap();
    let template = home.path().join("data/vendors/cybozu.yaml");
    let refused = kurabe(home.path(), &["new-vendor", "cybozu"]);
    let stderr = String::from_utf8_lossy(&refused.stderr);
    assert!(!refused.status.success());
    assert!(
        stderr.contains("the embedded vendor Cybozu, Inc.") && stderr.contains("--replace"),
        "says what it would replace and how to do it anyway: {stderr}"
    );
    assert!(!template.exists(), "nothing is written");

    let replaced = kurabe(home.path(), &["new-vendor", "cybozu", "--replace"]);
    assert!(
        replaced.status.success(),
        "{}",
        String::from_utf8_lossy(&replaced.stderr)
    );
    assert!(std::fs::read_to_string(&template)
        .unwrap()
        .contains("status: not_stated"));
}
