//! The gate's tests: positions, refusals with their line and column, budgets and sanitizing.

use super::*;
use std::io;
use std::path::Path;

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Doc {
    a: Vec<Item>,
}
#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Item {
    x: String,
}

#[test]
fn positions_are_recorded_by_path() {
    let text = "a:\n  - x: one\n  - x: two\n";
    let (_, pos) = read::<Doc>("t.yaml", text.as_bytes()).unwrap();
    assert_eq!(pos.at("a[1].x"), (3, 8));
    assert_eq!(pos.key("a[1].x").0, 3);
    assert_eq!(pos.at("a[1].missing").0, 3);
}

#[test]
fn duplicate_keys_are_rejected_with_position() {
    let err = read::<Doc>("t.yaml", b"a:\n  - x: one\n    x: two\n").unwrap_err();
    assert_eq!((err.line, err.column), (3, 5));
    assert!(err.message.contains("duplicate key `x`"), "{err}");
}

#[test]
fn a_duplicate_key_is_found_in_short_and_long_mappings() {
    // Short mappings keep their keys in a list, long ones in a set: both ways, and the switch.
    for (keys, repeated) in [
        (3, 0),
        (3, 2),
        (16, 0),
        (16, 15),
        (17, 16),
        (40, 0),
        (40, 39),
    ] {
        let mut text = String::from("a:\n  - ");
        for k in 0..keys {
            text.push_str(&format!("k{k}: v\n    "));
        }
        text.push_str(&format!("k{repeated}: again\n"));
        let err = read::<serde::de::IgnoredAny>("t.yaml", text.as_bytes()).unwrap_err();
        assert_eq!(err.line, keys + 2, "{keys} keys, k{repeated} repeated");
        assert!(
            err.message
                .contains(&format!("duplicate key `k{repeated}`")),
            "{err}"
        );
        text.truncate(text.rfind("k").unwrap());
        text.push_str("last: v\n");
        assert!(read::<serde::de::IgnoredAny>("t.yaml", text.as_bytes()).is_ok());
    }
}

#[test]
fn a_quoted_key_is_the_same_key() {
    let err = read::<Doc>("t.yaml", b"a: []\n\"a\": []\n").unwrap_err();
    assert!(err.message.contains("duplicate key `a`"), "{err}");
}

#[test]
fn bom_is_stripped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(b"a:\n  - x: one\n");
    assert!(read::<Doc>("t.yaml", &bytes).is_ok());
}

#[test]
fn utf16_is_named() {
    let err = read::<Doc>("t.yaml", b"\xFF\xFEa\0:\0").unwrap_err();
    assert!(err.message.contains("UTF-16"), "{err}");
}

#[test]
fn invalid_utf8_reports_line_and_column() {
    let err = read::<Doc>("t.yaml", b"a:\n  - x: o\xffne\n").unwrap_err();
    assert_eq!((err.line, err.column), (2, 9));
    assert!(err.message.contains("UTF-8"));
    assert!(err.message.contains("0xFF"), "{err}");
}

#[test]
fn alias_amplification_fails_fast() {
    let mut text = String::from("a: &a \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n");
    let mut prev = 'b';
    for c in 'c'..='k' {
        text.push_str(&format!(
            "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
        ));
        prev = c;
    }
    let err = read::<serde_yaml::Value>("bomb.yaml", text.as_bytes()).unwrap_err();
    assert!(err.message.contains("aliases expand"), "{err}");
}

#[test]
fn aliases_of_empty_collections_are_not_free() {
    let mut text = String::from("a: &a []\n");
    let mut prev = 'a';
    for c in 'b'..='z' {
        let refs = vec![format!("*{prev}"); 10].join(",");
        text.push_str(&format!("{c}: &{c} [{refs}]\n"));
        prev = c;
    }
    let err = read::<serde_yaml::Value>("bomb.yaml", text.as_bytes()).unwrap_err();
    assert!(err.message.contains("aliases expand"), "{err}");
}

#[test]
fn keys_must_be_plain() {
    let err = read::<serde_yaml::Value>("t.yaml", b"a: &k x\n*k : 1\n").unwrap_err();
    assert!(err.message.contains("alias"), "{err}");
    assert_eq!(err.line, 2);
    let err = read::<serde_yaml::Value>("t.yaml", b"? [a]\n: 1\n").unwrap_err();
    assert!(err.message.contains("key that is a list"), "{err}");
}

#[test]
fn deep_nesting_is_refused_with_its_position() {
    let text = format!("a: {}{}", "[".repeat(200), "]".repeat(200));
    let err = read::<serde_yaml::Value>("deep.yaml", text.as_bytes()).unwrap_err();
    assert!(err.message.contains("nested deeper"), "{err}");
    assert_eq!(err.line, 1);
}

#[test]
fn messages_quote_hostile_text_harmlessly_and_briefly() {
    // `a` is a list: serde_yaml's message quotes the string it found instead.
    let text = format!("a: \"\\e]0;pwned\\a{}\"\n", "y".repeat(10_000));
    let err = read::<Doc>("t\x1b.yaml", text.as_bytes()).unwrap_err();
    let shown = err.to_string();
    assert!(
        !shown.contains('\x1b') && !shown.contains('\x07'),
        "{shown:?}"
    );
    assert!(shown.contains("]0;pwned"), "{shown}");
    assert!(
        err.message.chars().count() <= MAX_MESSAGE_CHARS + 1,
        "{shown}"
    );
    assert_eq!(err.file, "t␛.yaml");
}

#[test]
fn raw_control_characters_are_named_with_their_position() {
    let err = read::<Doc>("t.yaml", b"a:\n  - x: red \x1b[31m\n").unwrap_err();
    assert_eq!((err.line, err.column), (2, 12));
    assert_eq!(err.message, "a raw control character (\u{241b}, U+001B)");
}

#[test]
fn an_empty_file_says_so() {
    let err = read::<Doc>("t.yaml", b"# nothing yet\n").unwrap_err();
    assert_eq!(err.message, "the file is empty");
}

#[test]
fn strings_are_sanitized_at_the_gate() {
    let (doc, _) = read::<Doc>("t.yaml", "a:\n  - x: \"\\e[31mred\\u202E\"\n".as_bytes()).unwrap();
    assert_eq!(doc.a[0].x, "␛[31mred<U+202E>");
}

#[test]
fn positions_stop_being_recorded_past_their_budget_but_reading_goes_on() {
    // A long key at each of many levels, then many values under it: recording every
    // path in full would cost gigabytes.
    let key = "k".repeat(1_000);
    let mut text = String::new();
    for depth in 0..40 {
        text.push_str(&format!("{}{key}{depth}:\n", " ".repeat(depth)));
    }
    text.push_str(&format!("{}- 1\n", " ".repeat(40)).repeat(50_000));
    let (_, positions) = read::<serde_yaml::Value>("wide.yaml", text.as_bytes()).unwrap();
    let recorded: usize = positions.values().keys().map(|k| k.len() + 64).sum();
    assert!(
        recorded <= text.len() * POSITION_BUDGET_FACTOR + POSITION_BUDGET_FLOOR,
        "{recorded}"
    );
}

#[test]
fn oversized_bytes_are_refused_before_parsing() {
    let err = read::<Doc>("big.yaml", &vec![b' '; MAX_FILE_BYTES + 1]).unwrap_err();
    assert!(err.message.contains("larger than"), "{err}");
}

#[cfg(unix)]
#[test]
fn only_regular_files_are_read() {
    let err = read_bounded(Path::new("/dev/zero")).unwrap_err();
    assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
    let dir = tempfile::tempdir().unwrap();
    let err = read_file(dir.path()).unwrap_err();
    assert!(err.message.contains("not a regular file"), "{err}");
}

#[test]
fn the_byte_scan_for_raw_controls_agrees_with_the_character_rule() {
    use super::gate::{first_not_allowed_raw, not_allowed_raw};
    let chars = (0u32..0x3_0000).chain([0x10_FFFD, 0x10_FFFF]);
    for c in chars.filter_map(char::from_u32) {
        let text = format!("aé{c}b");
        let expected = not_allowed_raw(c).then_some((3, c));
        assert_eq!(first_not_allowed_raw(&text), expected, "U+{:04X}", c as u32);
    }
    assert_eq!(first_not_allowed_raw("ok\tok\r\nｏｋ（）\u{85}"), None);
    assert_eq!(first_not_allowed_raw("\u{7F}"), Some((0, '\u{7F}')));
}
