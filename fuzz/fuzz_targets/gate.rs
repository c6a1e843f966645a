//! The YAML gate and the loader on arbitrary bytes: no panic, no hang, no unbounded memory
//! (libFuzzer's -rss_limit_mb and -timeout watch those), and whatever is accepted or reported
//! holds no control or invisible character.
#![no_main]

use kurabe::catalog::{load, yaml, ControlsFile, Origin, SourceFile, VendorFile};
use libfuzzer_sys::fuzz_target;

const CONTROLS: &str = include_str!("../../tests/fixtures/valid/controls.yaml");

fn assert_harmless(what: &str, s: &str) {
    if let Some(c) = s
        .chars()
        .find(|&c| c != '\n' && kurabe::sanitize::is_hidden(c))
    {
        panic!("{what} holds U+{:04X}: {s:?}", c as u32);
    }
}

fn check<T>(result: Result<(T, yaml::Positions), kurabe::catalog::Problem>) {
    if let Err(p) = result {
        assert_harmless("a problem", &p.to_string());
    }
}

fuzz_target!(|data: &[u8]| {
    check(yaml::read::<serde_yaml::Value>("fuzz.yaml", data));
    check(yaml::read::<ControlsFile>("fuzz.yaml", data));
    check(yaml::read::<VendorFile>("fuzz.yaml", data));
    // The whole loader, with the input as a vendor file and as the controls.
    let vendor = SourceFile::new("vendors/acme.yaml", data);
    match load(
        SourceFile::new("controls.yaml", CONTROLS),
        vec![(vendor, Origin::Directory)],
    ) {
        Ok(loaded) => {
            for p in &loaded.problems {
                assert_harmless("a problem", &p.to_string());
            }
            assert_harmless(
                "the catalogue",
                &kurabe::export::json::render(&loaded.catalog, &Default::default()),
            );
        }
        Err(problems) => panic!("the fixed controls file failed: {problems}"),
    }
    if let Err(problems) = load(SourceFile::new("controls.yaml", data), Vec::new()) {
        assert_harmless("problems", &problems.to_string());
    }
});
