//! The embedded catalogue against its sources: every quote is verbatim, every numbered part of
//! every source is quoted, every vendor answers every control once, and the key facts hold.

mod common;

use common::home::{kurabe_command, no_home};
use common::quotes::normalize;
use kurabe::catalog::{load_embedded, Catalog, Since, Status, TimeUnit, Value};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;
use unicode_normalization::UnicodeNormalization;

const VENDOR_IDS: [&str; 4] = ["cybersolutions", "cybozu", "qualitia", "qualitysoft"];

/// Each source file of `../shared/seeds` and the vendor whose documents quote it.
const SOURCES: [(&str, &str); 5] = [
    ("000_199530cdf0465c21.txt", "cybersolutions"),
    ("001_c2ee0ace22ea2b55.txt", "qualitia"),
    ("002_826ade1923b088f3.txt", "cybersolutions"),
    ("003_7b06b6f703ab1336.txt", "cybozu"),
    ("004_c042ee7cd1fa0983.txt", "qualitysoft"),
];

/// Text outside the numbered parts of a source (cover, preamble lines).
const PREAMBLE: &str = "preamble";

fn catalog() -> Catalog {
    let loaded = load_embedded().unwrap_or_else(|p| panic!("embedded catalogue fails:\n{p}"));
    assert!(
        loaded.problems.is_empty(),
        "embedded catalogue has problems: {:?}",
        loaded.problems
    );
    loaded.catalog
}

fn numbered(prefix: &str, range: std::ops::RangeInclusive<u32>) -> Vec<String> {
    range.map(|i| format!("{prefix}{i}")).collect()
}

fn strs(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// Rows of the cybozu check sheet (003): section.row, or section.subsection.row in 2 and 3.
fn rows003() -> Vec<String> {
    let mut rows = strs(&[
        "1.1", "1.2", "2.1.1", "2.1.2", "2.1.3", "2.1.4", "2.1.5", "3.1.1", "3.2.1", "3.2.2",
        "3.3.1", "4.1", "4.2",
    ]);
    rows.extend(numbered("5.", 1..=6));
    rows.extend(numbered("6.", 1..=31));
    rows.extend(strs(&["7.1", "8.1", "8.2", "8.3"]));
    rows.extend(numbered("9.", 1..=5));
    rows.extend(numbered("10.", 1..=6));
    rows.extend(numbered("11.", 1..=6));
    rows
}

/// Every numbered section or row of each source (the SECTIONS table of check_vendor.py).
fn sections() -> BTreeMap<&'static str, Vec<String>> {
    let mut s004 = strs(&[
        "1.1", "2.1", "2.1.1", "2.1.2", "2.2", "2.3", "2.3.1", "2.3.2", "2.3.3", "2.4", "2.4.1",
        "2.4.2", "2.5.1", "2.5.2", "2.5.3",
    ]);
    s004.extend(numbered("2.", 6..=21));
    BTreeMap::from([
        ("000_199530cdf0465c21.txt", numbered("", 1..=13)),
        ("001_c2ee0ace22ea2b55.txt", numbered("", 1..=13)),
        ("002_826ade1923b088f3.txt", numbered("", 1..=49)),
        ("003_7b06b6f703ab1336.txt", rows003()),
        ("004_c042ee7cd1fa0983.txt", s004),
    ])
}

fn seeds_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds")
}

#[test]
fn normalize_matches_the_prototype() {
    assert_eq!(normalize("ＡＢＣ　１２３"), "ABC123");
    assert_eq!(normalize("a <a href=\"x\">link</a>\n b"), "alinkb");
    assert_eq!(normalize("<b>\t太字</b> です"), "太字です");
    assert_eq!(normalize("1 < 2"), "1<2");
    assert_eq!(normalize("㌢"), "センチ");
}

#[test]
fn every_quote_is_verbatim_from_its_source() {
    let dir = seeds_dir();
    if !dir.is_dir() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "seeds directory {} is missing: the verbatim check cannot run (CI is set, so this fails)",
                dir.display()
            );
        }
        eprintln!(
            "notice: seeds directory {} is missing; skipping the verbatim-quote check",
            dir.display()
        );
        return;
    }
    let catalog = catalog();
    let mut sources: HashMap<String, String> = HashMap::new();
    let mut checked = 0;
    let mut failures = Vec::new();
    for vendor in &catalog.vendors {
        for answer in &vendor.answers {
            for quote in &answer.quotes {
                let doc = vendor.document(&quote.document).unwrap_or_else(|| {
                    panic!(
                        "{}/{}: unknown document `{}`",
                        vendor.id(),
                        answer.control,
                        quote.document
                    )
                });
                let source = sources.entry(doc.source.clone()).or_insert_with(|| {
                    let path = dir.join(&doc.source);
                    let text = std::fs::read_to_string(&path)
                        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
                    normalize(&text)
                });
                let text = normalize(&quote.text);
                if !source.contains(&text) {
                    failures.push(format!(
                        "{}/{} (section {} of {}): not verbatim: {}",
                        vendor.id(),
                        answer.control,
                        quote.section,
                        doc.source,
                        quote.text
                    ));
                }
                checked += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The catalogue quotes hundreds of passages; a handful would mean quotes went missing.
    assert!(checked > 300, "only {checked} quotes checked");
}

/// NFKC and whitespace removal only: tags kept.
fn squeeze(s: &str) -> String {
    s.nfkc().filter(|c| !c.is_whitespace()).collect()
}

/// The `<...>` spans of a text.
fn tags(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find('<') {
        match rest[i..].find('>') {
            Some(j) => {
                out.push(&rest[i..i + j + 1]);
                rest = &rest[i + j + 1..];
            }
            None => break,
        }
    }
    out
}

/// Tag removal makes a quote of only `<https://...>` (an autolink of 004) normalize to nothing,
/// which every source contains. So the tags a quote keeps must stand in its source as written,
/// and no quote may be empty.
#[test]
fn tags_kept_in_quotes_are_verbatim_too() {
    let dir = seeds_dir();
    if !dir.is_dir() {
        if std::env::var_os("CI").is_some() {
            panic!(
                "seeds directory {} is missing (CI is set, so this fails)",
                dir.display()
            );
        }
        eprintln!(
            "notice: seeds directory {} is missing; skipping",
            dir.display()
        );
        return;
    }
    let catalog = catalog();
    let mut failures = Vec::new();
    let mut tagged = 0;
    for vendor in &catalog.vendors {
        for answer in &vendor.answers {
            for quote in &answer.quotes {
                let at = format!(
                    "{}/{} (section {})",
                    vendor.id(),
                    answer.control,
                    quote.section
                );
                if squeeze(&quote.text).is_empty() {
                    failures.push(format!("{at}: empty quote"));
                }
                let Some(doc) = vendor.document(&quote.document) else {
                    continue;
                };
                let source = squeeze(&std::fs::read_to_string(dir.join(&doc.source)).unwrap());
                for tag in tags(&quote.text) {
                    tagged += 1;
                    if !source.contains(&squeeze(tag)) {
                        failures.push(format!("{at}: `{tag}` is not in {}", doc.source));
                    }
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(tagged > 0, "no quote keeps a tag: this test checks nothing");
}

#[test]
fn tags_are_found() {
    assert_eq!(tags("a <b>c</b> <d"), ["<b>", "</b>"]);
    assert_eq!(squeeze("<https://x/> Ａ"), "<https://x/>A");
}

#[test]
fn every_section_of_every_source_is_quoted() {
    let catalog = catalog();
    let table = sections();
    // source -> (vendor that quotes it, sections its quotes cite)
    let mut cited: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let owner: HashMap<&str, &str> = SOURCES.iter().copied().collect();
    let mut problems = Vec::new();
    for vendor in &catalog.vendors {
        for answer in &vendor.answers {
            for quote in &answer.quotes {
                let Some(doc) = vendor.document(&quote.document) else {
                    problems.push(format!(
                        "{}/{}: unknown document `{}`",
                        vendor.id(),
                        answer.control,
                        quote.document
                    ));
                    continue;
                };
                if owner.get(doc.source.as_str()) != Some(&vendor.id()) {
                    problems.push(format!(
                        "{}/{}: quotes {}, which is not this vendor's source",
                        vendor.id(),
                        answer.control,
                        doc.source
                    ));
                    continue;
                }
                let known = &table[doc.source.as_str()];
                // One quote may cite several rows that say the same words: "19, 20, 21".
                for section in quote.section.split(", ") {
                    if section != PREAMBLE && !known.iter().any(|k| k == section) {
                        problems.push(format!(
                            "{}/{}: section `{section}` is not a section of {}",
                            vendor.id(),
                            answer.control,
                            doc.source
                        ));
                    }
                    cited
                        .entry(doc.source.clone())
                        .or_default()
                        .insert(section.to_string());
                }
            }
        }
    }
    for (source, secs) in &table {
        let got = cited.get(*source).cloned().unwrap_or_default();
        let missing: Vec<&String> = secs.iter().filter(|s| !got.contains(*s)).collect();
        if !missing.is_empty() {
            problems.push(format!("{source}: sections not quoted: {missing:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    // The table itself is the one of check_vendor.py.
    let sizes: Vec<usize> = table.values().map(Vec::len).collect();
    assert_eq!(sizes, [13, 13, 49, 71, 31]);
}

#[test]
fn vendors_and_documents_are_the_expected_ones() {
    let catalog = catalog();
    let mut ids: Vec<&str> = catalog.vendors.iter().map(|v| v.id()).collect();
    ids.sort();
    assert_eq!(ids, VENDOR_IDS);

    let mut sources: Vec<(&str, &str)> = catalog
        .vendors
        .iter()
        .flat_map(|v| v.documents.iter().map(move |d| (d.source.as_str(), v.id())))
        .collect();
    sources.sort();
    assert_eq!(sources, SOURCES);
    for vendor in &catalog.vendors {
        let mut doc_ids: Vec<&str> = vendor.documents.iter().map(|d| d.id.as_str()).collect();
        doc_ids.sort();
        doc_ids.dedup();
        assert_eq!(
            doc_ids.len(),
            vendor.documents.len(),
            "{}: duplicate document ids",
            vendor.id()
        );
    }
}

#[test]
fn every_vendor_answers_every_control_exactly_once() {
    let catalog = catalog();
    let control_ids: Vec<&str> = catalog
        .controls
        .iter()
        .map(|c| c.control.id.as_str())
        .collect();
    assert!(
        control_ids.len() >= 100,
        "only {} controls",
        control_ids.len()
    );
    for (vi, vendor) in catalog.vendors.iter().enumerate() {
        let mut counts: HashMap<&str, usize> = HashMap::new();
        for a in &vendor.answers {
            *counts.entry(a.control.as_ref()).or_default() += 1;
        }
        for (ci, id) in control_ids.iter().enumerate() {
            assert_eq!(
                counts.get(id).copied().unwrap_or(0),
                1,
                "{}: answers to `{id}`",
                vendor.id()
            );
            let answer = catalog
                .answer(vi, ci)
                .unwrap_or_else(|| panic!("{}: no answer to `{id}`", vendor.id()));
            assert_eq!(answer.control, *id);
        }
        // No answer to anything else, and in the order of controls.yaml.
        let answered: Vec<&str> = vendor.answers.iter().map(|a| a.control.as_ref()).collect();
        assert_eq!(
            answered,
            control_ids,
            "{}: answers out of order",
            vendor.id()
        );
    }
}

#[test]
fn answers_follow_the_status_rules() {
    let catalog = catalog();
    for vendor in &catalog.vendors {
        let mut silent = 0;
        for a in &vendor.answers {
            let at = format!("{}/{}", vendor.id(), a.control);
            match a.status {
                Status::NotStated => {
                    silent += 1;
                    assert!(a.quotes.is_empty(), "{at}: not_stated with quotes");
                    assert!(a.value.is_none(), "{at}: not_stated with a value");
                }
                Status::Stated | Status::Partial => {
                    assert!(!a.quotes.is_empty(), "{at}: {:?} without quotes", a.status);
                    let summary = a
                        .summary
                        .as_ref()
                        .unwrap_or_else(|| panic!("{at}: no summary"));
                    assert!(!summary.en.trim().is_empty(), "{at}: empty summary.en");
                    assert!(
                        summary.ja.as_deref().is_some_and(|s| !s.trim().is_empty()),
                        "{at}: no summary.ja"
                    );
                }
            }
        }
        // Every vendor states something, and no vendor states everything.
        assert!(
            silent < vendor.answers.len(),
            "{}: states nothing",
            vendor.id()
        );
        assert!(silent > 0, "{}: states everything", vendor.id());
    }
}

#[test]
fn deletion_timing_key_facts() {
    let catalog = catalog();
    let ci = catalog
        .control_index("deletion-timing")
        .expect("control deletion-timing");
    let answer = |vendor: &str| {
        let vi = catalog
            .vendor_index(vendor)
            .unwrap_or_else(|| panic!("vendor {vendor}"));
        catalog
            .answer(vi, ci)
            .unwrap_or_else(|| panic!("{vendor}: no deletion-timing answer"))
    };

    let cybozu = answer("cybozu");
    assert_eq!(cybozu.status, Status::Stated);
    assert_eq!(
        cybozu.value,
        Some(Value::Duration {
            amount: 30.0,
            unit: TimeUnit::Days,
            from: Some(Since::DayAfterContractEnd),
        })
    );

    let qualitysoft = answer("qualitysoft");
    assert_eq!(qualitysoft.status, Status::Stated);
    assert_eq!(
        qualitysoft.value,
        Some(Value::Duration {
            amount: 60.0,
            unit: TimeUnit::Days,
            from: Some(Since::Cancellation),
        })
    );

    let cybersolutions = answer("cybersolutions");
    assert_eq!(cybersolutions.status, Status::Stated);
    assert!(
        matches!(&cybersolutions.value, Some(Value::CalendarRule { rule }) if rule.ja.as_deref() == Some("解約申込書記載のデータ削除日の翌月10日")),
        "{:?}",
        cybersolutions.value
    );
    assert!(!cybersolutions.quotes.is_empty());

    let qualitia = answer("qualitia");
    assert_eq!(qualitia.status, Status::NotStated);
    assert_eq!(qualitia.value, None);
    assert!(qualitia.quotes.is_empty());
}

#[test]
fn check_command_passes_on_embedded_data() {
    let out = kurabe_command(&no_home())
        .arg("check")
        .output()
        .expect("run kurabe check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "kurabe check failed ({}):\n{stdout}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("ok:"), "unexpected output: {stdout}");
    let catalog = catalog();
    let answers: usize = catalog.vendors.iter().map(|v| v.answers.len()).sum();
    assert_eq!(
        stdout.trim_end(),
        format!(
            "ok: {} categories, {} controls, {} vendors, {} answers",
            catalog.categories.len(),
            catalog.controls.len(),
            catalog.vendors.len(),
            answers
        )
    );
}
