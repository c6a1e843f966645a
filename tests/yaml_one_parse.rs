//! The gate reads a document from the events of its own walk (one parse) instead of letting
//! serde_yaml parse the text again. The two must agree on everything: the same value, or the
//! same problem at the same line and column, for every file the project has and for small
//! documents built to reach each corner of serde_yaml's reading.

use kurabe::catalog::conflict::Conflict;
use kurabe::catalog::yaml::{read_as, Pass};
use kurabe::catalog::{ControlsFile, Problem, VendorFile};
use serde::de::DeserializeOwned;
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::path::{Path, PathBuf};

/// Both passes' results, as text: the value's Debug form, or the problem in full.
fn both<T: DeserializeOwned + Debug>(name: &str, bytes: &[u8]) -> [Result<String, Problem>; 2] {
    [Pass::One, Pass::Two]
        .map(|pass| read_as::<T>(name, bytes, pass).map(|(v, _)| format!("{v:?}")))
}

fn assert_same<T: DeserializeOwned + Debug>(name: &str, bytes: &[u8]) -> Result<String, Problem> {
    let [one, two] = both::<T>(name, bytes);
    assert_eq!(
        one,
        two,
        "{name} as {}: one pass, then two",
        std::any::type_name::<T>()
    );
    one
}

fn yaml_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            yaml_files(&path, found);
        } else if path.extension().is_some_and(|x| x == "yaml" || x == "yml") {
            found.push(path);
        }
    }
}

/// Every YAML file of the embedded data, the tests' fixtures, the shared seeds and (when it
/// is there) a generated catalogue of 100 vendors: read as what it is, and as any YAML value.
#[test]
fn every_file_the_project_has_reads_the_same_both_ways() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in ["data", "tests/fixtures", "../shared", "/work/gen/v100"] {
        yaml_files(&root.join(dir), &mut files);
    }
    // The generated catalogue is there only where a benchmark made it, not on a fresh machine.
    let generated = Path::new("/work/gen/v100").is_dir();
    let least = if generated { 150 } else { 100 };
    assert!(files.len() > least, "only {} files found", files.len());
    let (mut vendors, mut failed) = (0, 0);
    for path in &files {
        let bytes = std::fs::read(path).unwrap();
        let name = path.display().to_string();
        let in_vendors = path.parent().is_some_and(|p| p.ends_with("vendors"));
        let result = if in_vendors {
            vendors += 1;
            assert_same::<VendorFile>(&name, &bytes).map(drop)
        } else if path.file_name().is_some_and(|n| n == "controls.yaml") {
            assert_same::<ControlsFile>(&name, &bytes).map(drop)
        } else {
            Ok(())
        };
        failed += usize::from(result.is_err());
        assert_same::<serde_yaml::Value>(&name, &bytes).ok();
        assert_same::<serde::de::IgnoredAny>(&name, &bytes).ok();
    }
    let least = if generated { 100 } else { 40 };
    assert!(vendors > least, "only {vendors} vendor files");
    assert!(
        failed > 5,
        "the bad fixtures were read: only {failed} failed"
    );
}

/// A vendor file around one answer, for the answer's fields to vary.
fn vendor(answer: &str) -> String {
    format!(
        "vendor:\n  id: acme\n  name: Acme\n  url: https://acme.example\ndocuments:\n  - id: policy\n    title: Policy\n    url: https://acme.example/p\n    version: '1'\n    retrieved: 2026-01-01\nanswers:\n  - control: data-deletion\n{answer}"
    )
}

#[test]
fn small_vendor_files_read_the_same_both_ways() {
    let answers = [
        // Valid, in several spellings.
        "    status: yes\n    summary: { en: \"Deleted.\" }\n    quotes:\n      - document: policy\n        section: \"1\"\n        text: Deleted.\n",
        "    status: not_stated\n",
        "    status: \"not_stated\"\n",
        "    status: !not_stated\n",
        "    status: no\n    summary:\n      en: |\n        Two\n        lines\n      ja: >\n        折り\n        返し\n",
        "    status: partial\n    value: { kind: duration, amount: 30, unit: days }\n",
        "    status: partial\n    value: { kind: duration, amount: \"30\", unit: days }\n",
        "    status: partial\n    value: { kind: duration, amount: 0x1E, unit: days }\n",
        "    status: partial\n    value: { kind: duration, amount: -3, unit: days }\n",
        "    status: partial\n    value: { kind: duration, amount: 3.5, unit: days }\n",
        "    status: partial\n    value: { kind: duration, amount: 030, unit: days }\n",
        "    status: partial\n    value: { kind: duration, amount: ~, unit: days }\n",
        "    status: partial\n    value: { kind: duration, amount: !!int 7, unit: days }\n",
        "    status: partial\n    value: { kind: duration, amount: !!str 7, unit: days }\n",
        "    status: partial\n    value: { kind: duration, amount: 99999999999999999999999, unit: days }\n",
        "    status: partial\n    value: { kind: duration, amount: true, unit: days }\n",
        "    status: partial\n    value: [1, 2]\n",
        "    status: partial\n    value: { kind: nothing }\n",
        "    status: partial\n    value:\n",
        "    status: partial\n    summary: { en: 123 }\n",
        "    status: partial\n    summary: { en: 1.5e3 }\n",
        "    status: partial\n    summary: { en: true }\n",
        "    status: partial\n    summary: { en: ~ }\n",
        "    status: partial\n    summary: { en: }\n",
        "    status: partial\n    summary: { en: [a] }\n",
        "    status: partial\n    summary: { en: '' }\n",
        "    status: partial\n    summary: ~\n",
        "    status: partial\n    summary: plain\n",
        // Wrong variants, unknown and missing fields, at several depths.
        "    status: maybe\n",
        "    status: 1\n",
        "    status: [yes]\n",
        "    status: { yes: 1 }\n",
        "    status:\n",
        "    summary: { en: x }\n",
        "    status: yes\n    colour: red\n",
        "    status: yes\n    quotes:\n      - document: policy\n        text: t\n        page: 3\n",
        "    status: yes\n    quotes:\n      - document: policy\n",
        "    status: yes\n    quotes: policy\n",
        "    status: yes\n    quotes:\n",
        "    status: yes\n    quotes: []\n",
        "    status: yes\n    quotes: {}\n",
        // Anchors, aliases, tags.
        "    status: &s yes\n    summary: { en: *s }\n",
        "    status: yes\n    summary: &m { en: x }\n    note: *m\n",
        "    status: !!str yes\n",
        "    status: !yes\n",
        "    status: !maybe x\n",
        "    status: yes\n    summary: !!map { en: x }\n",
        "    status: yes\n    summary: { en: !!null ~ }\n",
        "    status: yes\n    summary: { en: !local x }\n",
    ];
    for (i, answer) in answers.iter().enumerate() {
        let text = vendor(answer);
        assert_same::<VendorFile>(&format!("answer {i}"), text.as_bytes()).ok();
        assert_same::<serde_yaml::Value>(&format!("answer {i}"), text.as_bytes()).ok();
    }
}

#[derive(serde::Deserialize, Debug)]
#[allow(dead_code)]
enum Shape {
    Unit,
    Newtype(u32),
    Tuple(u8, String),
    Struct { a: Option<bool> },
}

#[derive(serde::Deserialize, Debug)]
#[serde(deny_unknown_fields)]
#[allow(dead_code)]
struct Kinds {
    #[serde(default)]
    n: Option<i64>,
    #[serde(default)]
    u: Option<u8>,
    #[serde(default)]
    f: Option<f32>,
    #[serde(default)]
    b: Option<bool>,
    #[serde(default)]
    c: Option<char>,
    #[serde(default)]
    s: Option<String>,
    #[serde(default)]
    unit: Option<()>,
    #[serde(default)]
    shapes: Vec<Shape>,
    #[serde(default)]
    pair: Option<(u8, String)>,
    #[serde(default)]
    map: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    conflicts: Vec<Conflict>,
}

#[test]
fn every_kind_of_value_reads_the_same_both_ways() {
    let docs = [
        "", "# only a comment\n", "---\n", "~\n", "[]\n", "x\n", "- a\n",
        "n: 12\nu: 255\nf: 1.5\nb: true\nc: x\ns: text\n",
        "n: -0x1F\nu: 0o17\nf: .inf\nb: FALSE\ns: 'quoted'\n",
        "n: +12\nu: 0b101\nf: -.INF\nf2: 1\n",
        "n: 1_000\n", "n: 012\n", "n: 9223372036854775808\n", "u: 256\n", "u: -1\n",
        "f: .nan\n", "f: 1e400\n", "f: '1.5'\n", "b: yes\n", "b: True\n", "b: 'true'\n",
        "c: xy\n", "c: ''\n", "s: 123\n", "s: 1.5\n", "s: null\n", "s: ~\n", "s: 0x10\n",
        "s: |\n  block\n", "s: >-\n  folded\n  text\n", "s: !!binary aGk=\n",
        "unit: ~\n", "unit: x\n", "unit: ''\n", "unit:\n",
        "shapes: [Unit, Newtype, Tuple]\n",
        "shapes:\n  - !Newtype 3\n  - !Tuple [1, a]\n  - !Struct { a: yes }\n  - !Struct { a: true }\n",
        "shapes:\n  - Newtype: 3\n", "shapes:\n  - !Unit\n", "shapes:\n  - !Nope 1\n",
        "shapes:\n  - !Tuple [1]\n", "shapes:\n  - !Tuple [1, a, b]\n",
        "pair: [1, a]\n", "pair: [1]\n", "pair: [1, a, x]\n", "pair: 1\n",
        "map: { a: [x], b: [] }\n", "map: { a: x }\n", "map: { 1: [x] }\n", "map: { ~: [x] }\n",
        "map: []\n", "map:\n", "map: !!map {}\n",
        "conflicts:\n  - field: status\n    ours: yes\n    theirs: no\n",
        "conflicts:\n  - field: summary_en\n    ours: a\n",
        "conflicts:\n  - field: status\n    ours: yes\n",
        "conflicts:\n  - field: colour\n",
        "conflicts:\n  - ours: yes\n",
        "conflicts:\n  - field: status\n    ours: yes\n    theirs: no\n    extra: 1\n",
        "a: &x { n: 1 }\nb: *x\n", "n: &v 3\nu: *v\n",
        "shapes: &s [Unit]\npair: *s\n",
        "other: 1\n", "n: 1\nn2: 2\nzzz: 3\n",
        "[a, b]: 1\n", "? complex\n: 1\n",
        // Scalars whose text the two parsers build: escapes, folding, chomping, line ends.
        "s: \"\\u00e9 \\x41 \\t \\N \\_ \\L \\e \\\" \\\\ \\/ \\U0001F600\"\n",
        "s: 'it''s'\n", "s: plain\n  continued\n\n  paragraph\n",
        "s: \"double\n  folded\\\n  joined\"\n",
        "s: >+\n  kept\n\n\n", "s: |-\n  stripped\n\n", "s: |2\n    indented\n",
        "s: >\n  a\n   b\n  c\n\n  d\n", "s: \"trailing  \"   \n",
        "s: text\r\nn: 1\r\n", "s: a # comment\n", "s: a#not\n", "s: 'x'  # c\n",
        "s: - a\n", "s: [a, {b: c}]\n", "s: \t tab\n", "s: 日本語\n", "\u{feff}s: bom\n",
        // Nodes whose anchor or tag ends a line above them: libyaml starts them there.
        "s: &a\n  x: 1\n", "s: !!seq\n  - a\n", "shapes: &s\n  - Unit\n",
        "map: &m\n  - a\n", "map: !!map &m\n  a: [x]\nn: x\n", "n: &a !!map  \n  x: 1\n",
        "s: &a # why\n\n  # more\n  x: 1\n", "shapes: !!seq\n\n- Unit\n- 3\n",
        "- &a\n  - b\n- !!map\n  c: d\n", "&top\nx: 1\n", "!!seq\n- a\n",
        "n: &s\n  - Unit\n", "s: &a\n  [x]\n", "n: &a\n  x\n", "n: !!str # c\n  x\n",
        "s: !!map\n  &k x: 1\n",
        // Lone CRs break lines for both parsers.
        "s: &a\r  x: 1\r", "s: &a\r\n  x: 1\r\n", "s: &a # c\r\r  x: 1\r",
        "u:\r\r  # c\rn: 1\r", "u: &e # c\r\rn: 1\r",
    ];
    for (i, doc) in docs.iter().enumerate() {
        let name = format!("doc {i}: {doc:?}");
        assert_same::<Kinds>(&name, doc.as_bytes()).ok();
        assert_same::<serde_yaml::Value>(&name, doc.as_bytes()).ok();
        assert_same::<Option<Kinds>>(&name, doc.as_bytes()).ok();
        assert_same::<Vec<String>>(&name, doc.as_bytes()).ok();
        assert_same::<String>(&name, doc.as_bytes()).ok();
        assert_same::<()>(&name, doc.as_bytes()).ok();
    }
}

/// Hostile inputs: both passes refuse them the same way (the walk's limits come first), and
/// neither panics.
#[test]
fn hostile_documents_are_refused_the_same_both_ways() {
    let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
    let deep_maps = (0..100)
        .map(|i| format!("{}k: \n", "  ".repeat(i)))
        .collect::<String>();
    let huge = format!("s: \"{}\"\n", "x".repeat(7 * 1024 * 1024));
    let many = (0..300_000)
        .map(|i| format!("k{i}: v\n"))
        .collect::<String>();
    let aliases = format!(
        "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [{}]\nc: [{}]\n",
        ["*a"; 10].join(", "),
        ["*b"; 100].join(", ")
    );
    let recursive = "a: &a [*a]\n".to_string();
    // Empty and anchored values, placed by walking back from the next token: linear however
    // long the line.
    let flow_empties = format!(
        "{{{}}}\n",
        (0..60_000).map(|i| format!("k{i}: ,")).collect::<String>()
    );
    let anchored = (0..50_000)
        .map(|i| format!("k{i}: &a{i}\n"))
        .collect::<String>();
    for (name, doc) in [
        ("deep", &deep),
        ("deep maps", &deep_maps),
        ("huge", &huge),
        ("many", &many),
        ("aliases", &aliases),
        ("recursive", &recursive),
        ("flow empties", &flow_empties),
        ("anchored", &anchored),
    ] {
        same_refusal(both::<serde_yaml::Value>(name, doc.as_bytes()), name);
        same_refusal(both::<Kinds>(name, doc.as_bytes()), name);
    }
}

/// The two agree on whether a document is read and, if not, on the problem; values of
/// megabytes are not compared as text.
fn same_refusal([one, two]: [Result<String, Problem>; 2], name: &str) {
    assert_eq!(one.is_ok(), two.is_ok(), "{name}");
    if let (Err(one), Err(two)) = (&one, &two) {
        assert_eq!(one, two, "{name}");
    }
}

/// Small random edits of a valid vendor file (characters YAML gives meaning to, inserted,
/// deleted or replaced): the two agree on each, and neither panics. yaml-rust2 is more lenient
/// than libyaml in a few places (a plain scalar starting with `|`, `>`, `%` or `:` in a flow
/// mapping, an empty key there, `?key` without a space): where serde_yaml's parser refused
/// the text, the one pass may read it, or refuse it in other words; and in a flow mapping
/// (`{ ... }`) whose keys were edited, yaml-rust2 reads `?en` where libyaml read `en`, and an
/// empty or anchored empty key otherwise; a block mapping whose first key is empty is placed
/// at the key. About 0.5 % of such edits; none of them in any file
/// of the project. Everything else must agree exactly.
#[test]
fn edited_vendor_files_read_the_same_both_ways() {
    let base = vendor(
        "    status: partial\n    summary: { en: \"Deleted.\", ja: 削除 }\n    value: { kind: duration, amount: 30, unit: days }\n    quotes:\n      - document: policy\n        section: \"1\"\n        text: 'Data is deleted.'\n    note: &n\n    vendor_words: [a, b]\n",
    );
    // Not `&`, `*`, `!`, `|`, `>`, `%`, `@`, `` ` ``: the two lexers differ on anchors named with
    // `:` (`&https://...`) and on plain scalars starting with indicators, which libyaml refuses
    // (the small documents above cover anchors, aliases, tags and block scalars).
    let alphabet: Vec<char> = " \n:-[]{},#'\"?~0a\t".chars().collect();
    let mut seed = 0x2545_f491_4f6c_dd1d_u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let libyaml_syntax =
        |p: &Problem| p.message.starts_with("found ") || p.message.starts_with("did not find");
    let mut lenient = 0;
    const EDITS: usize = 3000;
    for case in 0..EDITS {
        let mut chars: Vec<char> = base.chars().collect();
        for _ in 0..1 + next(3) {
            let at = next(chars.len());
            let c = alphabet[next(alphabet.len())];
            match next(3) {
                0 => chars.insert(at, c),
                1 => drop(chars.remove(at)),
                _ => chars[at] = c,
            }
        }
        let text: String = chars.into_iter().collect();
        let name = format!("edit {case}: {text:?}");
        let empty_key = text.lines().any(|l| l.trim_start().starts_with(':'));
        let edited_flow_mapping = text
            .lines()
            .any(|l| l.contains('{') && !base.lines().any(|b| b == l));
        for [one, two] in [
            both::<VendorFile>(&name, text.as_bytes()),
            both::<serde_yaml::Value>(&name, text.as_bytes()),
        ] {
            match (&one, &two) {
                _ if one == two => {}
                (_, Err(two)) if libyaml_syntax(two) => lenient += 1,
                _ if edited_flow_mapping => lenient += 1,
                // A block mapping whose first key is empty: placed at the key, not after the
                // `:` before it.
                (Err(a), Err(b)) if a.message == b.message && empty_key => lenient += 1,
                _ => assert_eq!(one, two, "{name}"),
            }
        }
    }
    assert!(
        lenient < EDITS / 50,
        "{lenient} of {EDITS} edits read differently"
    );
}
