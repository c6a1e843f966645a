//! `kurabe import` end to end: each seed imported (without its own vendor in the catalogue)
//! loads cleanly, quotes its source verbatim, and `kurabe check` counts its drafts; the JSON
//! shape; never overwriting; the value warnings of `check`; a METI spreadsheet through the binary.

mod common;

use common::home::kurabe_in;
use kurabe::catalog::{self, Catalog, Category, Origin, SourceFile, Status};
use kurabe::import::{self, output, source, Options};
use std::path::{Path, PathBuf};
use unicode_normalization::UnicodeNormalization;

/// The seeds: `../shared/seeds` from the main checkout, `../../shared/seeds` from a worktree.
fn seeds_dir() -> Option<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let found = [
        root.join("../shared/seeds"),
        root.join("../../shared/seeds"),
    ]
    .into_iter()
    .find(|d| d.is_dir());
    if found.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "the seeds directory is missing under CI"
        );
        eprintln!("notice: no seeds directory; skipping the seed imports");
    }
    found
}

/// NFKC, HTML tags removed, whitespace removed: how the data tests compare quotes.
fn normalize(s: &str) -> String {
    let nfkc: String = s.nfkc().collect();
    let mut out = String::new();
    let mut rest = nfkc.as_str();
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        match rest[i..].find('>') {
            Some(j) => rest = &rest[i + j + 1..],
            None => {
                out.push('<');
                rest = &rest[i + 1..];
            }
        }
    }
    out.push_str(rest);
    out.chars().filter(|c| !c.is_whitespace()).collect()
}

fn embedded() -> Catalog {
    catalog::load_embedded().expect("embedded loads").catalog
}

fn without(full: &Catalog, vendor: &str) -> Catalog {
    let categories = full
        .categories
        .iter()
        .map(|c| Category {
            id: c.id.clone(),
            title: c.title.clone(),
            controls: full.controls[c.controls.clone()]
                .iter()
                .map(|e| e.control.clone())
                .collect(),
        })
        .collect();
    let vendors = full
        .vendors
        .iter()
        .filter(|v| v.id() != vendor)
        .cloned()
        .collect();
    Catalog::new(categories, vendors)
}

fn controls_yaml() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/controls.yaml"))
        .unwrap()
}

#[test]
fn every_seed_imports_into_a_vendor_file_that_loads_and_quotes_verbatim() {
    let Some(seeds) = seeds_dir() else { return };
    let full = embedded();
    let mut quotes_checked = 0;
    for vendor in &full.vendors {
        let catalog = without(&full, vendor.id());
        for document in &vendor.documents {
            let path = seeds.join(&document.source);
            let src = source::read(&path).unwrap();
            let options = Options {
                vendor: "drafted".into(),
                ..Options::default()
            };
            let draft = import::draft(&catalog, &[src], &options).unwrap();
            let yaml = output::to_yaml(&draft);
            let loaded = catalog::load(
                SourceFile::new("controls.yaml", controls_yaml()),
                vec![(
                    SourceFile::new("vendors/drafted.yaml", yaml.clone()),
                    Origin::User,
                )],
            )
            .unwrap_or_else(|p| panic!("{}: the draft does not load:\n{p}", document.source));
            assert!(
                loaded.problems.is_empty(),
                "{}: {:?}",
                document.source,
                loaded.problems
            );
            let drafted = &loaded.catalog.vendors[0];
            let stated_from = format!("confidence {:.2} or more", import::STATED_FROM);
            assert!(
                yaml.lines().take(8).any(|l| l.contains(&stated_from)),
                "the header must name the threshold a draft is stated from: {stated_from}"
            );
            assert_eq!(drafted.answers.len(), full.controls.len());
            assert!(drafted.answers.iter().all(|a| a.draft));
            let stated = drafted
                .answers
                .iter()
                .filter(|a| a.status == Status::Stated)
                .count();
            assert!(stated > 0, "{}: nothing drafted as stated", document.source);
            let text = normalize(&std::fs::read_to_string(&path).unwrap());
            for answer in &drafted.answers {
                let texts = answer
                    .quotes
                    .iter()
                    .map(|q| &q.text)
                    .chain(answer.candidates.iter().map(|c| &c.text));
                for quoted in texts {
                    assert!(
                        text.contains(&normalize(quoted)),
                        "{}: `{}` quotes text not in the source: {quoted}",
                        document.source,
                        answer.control
                    );
                    quotes_checked += 1;
                }
            }
        }
    }
    assert!(quotes_checked > 500, "only {quotes_checked} quotes checked");
}

fn write_policy(dir: &Path) -> PathBuf {
    let path = dir.join("acme-policy.md");
    std::fs::write(
        &path,
        "# Acme セキュリティ運用方針\n\n1. データの削除\n\n解約日より30日経過後、お客様のデータを消去します。\n\n\
         2. バックアップ\n\nバックアップは毎日取得し、7世代保持します。\n\n3. 通信の暗号化\n\n通信はTLS 1.2以上で暗号化します。\n",
    )
    .unwrap();
    path
}

#[test]
fn the_draft_goes_to_the_vendors_directory_and_check_counts_it() {
    let dir = tempfile::tempdir().unwrap();
    let policy = write_policy(dir.path());
    let run = kurabe_in(
        dir.path(),
        &[
            "import",
            policy.to_str().unwrap(),
            "--vendor",
            "acme",
            "--name",
            "Acme",
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let written = dir.path().join("data/vendors/acme.yaml");
    let yaml = std::fs::read_to_string(&written).unwrap();
    assert!(yaml.contains("draft: true"));
    let file: serde_yaml::Value = serde_yaml::from_str(&yaml).unwrap();
    let deletion = file["answers"]
        .as_sequence()
        .unwrap()
        .iter()
        .find(|a| a["control"] == "deletion-timing")
        .unwrap();
    assert_eq!(
        deletion["summary"]["en"],
        "「解約日より30日経過後、お客様のデータを消去します。」"
    );
    assert_eq!(deletion["vendor_words"], "both");
    let check = kurabe_in(dir.path(), &["check"]);
    let said = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{said}");
    assert!(
        said.contains("107 draft answer(s) left to review"),
        "{said}"
    );
}

#[test]
fn an_existing_draft_is_never_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let policy = write_policy(dir.path());
    let out = dir.path().join("acme.yaml");
    std::fs::write(&out, "mine").unwrap();
    let run = kurabe_in(
        dir.path(),
        &[
            "import",
            policy.to_str().unwrap(),
            "--vendor",
            "acme",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert!(!run.status.success());
    assert!(String::from_utf8_lossy(&run.stderr).contains("never overwrites"));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "mine");
}

#[test]
fn json_has_the_documented_shape() {
    let dir = tempfile::tempdir().unwrap();
    let policy = write_policy(dir.path());
    let run = kurabe_in(
        dir.path(),
        &[
            "import",
            policy.to_str().unwrap(),
            "--vendor",
            "acme",
            "--format",
            "json",
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    assert_eq!(json["vendor"]["id"], "acme");
    assert_eq!(json["documents"][0]["source"], "acme-policy.md");
    let answers = json["answers"].as_array().unwrap();
    assert_eq!(answers.len(), embedded().controls.len());
    for a in answers {
        let keys: Vec<&str> = a.as_object().unwrap().keys().map(|k| k.as_str()).collect();
        assert_eq!(
            keys,
            [
                "candidates",
                "confidence",
                "control",
                "draft",
                "quotes",
                "status",
                "value"
            ],
            "{a}"
        );
        let confidence = a["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&confidence));
        assert_eq!(a["draft"], true);
        assert!(
            a["value"].is_null() || a["value"]["kind"].is_string(),
            "{a}"
        );
    }
    let deletion = answers
        .iter()
        .find(|a| a["control"] == "deletion-timing")
        .unwrap();
    assert_eq!(deletion["status"], "stated", "{deletion}");
    assert_eq!(
        deletion["value"],
        serde_json::json!({"kind": "duration", "amount": 30, "unit": "days", "from": "cancellation"})
    );
    assert_eq!(deletion["quotes"][0]["section"], "1");
    let generations = answers
        .iter()
        .find(|a| a["control"] == "backup-generations")
        .unwrap();
    assert_eq!(generations["value"]["amount"], 7, "{generations}");
}

#[test]
fn a_meti_xlsx_check_sheet_imports_through_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (c, h) in ["No.", "種別", "項目", "規定内容", "測定単位", "回答"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let rows = [
        [
            "1",
            "可用性",
            "サービス稼働率",
            "サービスの稼働率",
            "稼働率（%）",
            "99.95%",
        ],
        [
            "2",
            "データ管理",
            "バックアップ世代数",
            "保存世代数",
            "世代",
            "14世代",
        ],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32 + 1, c as u16, *cell).unwrap();
        }
    }
    let path = dir.path().join("checklist.xlsx");
    workbook.save(&path).unwrap();
    let run = kurabe_in(
        dir.path(),
        &[
            "import",
            path.to_str().unwrap(),
            "--vendor",
            "sheet",
            "--format",
            "json",
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&run.stdout).unwrap();
    let answer = |id: &str| {
        json["answers"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| a["control"] == id)
            .unwrap()
            .clone()
    };
    // The best proposal: the quote of a stated draft, else the first candidate (a sheet of two
    // rows gives little to be confident on), with the value read in it.
    let best = |a: &serde_json::Value| {
        if a["status"] == "stated" {
            (a["quotes"][0].clone(), a["value"].clone())
        } else {
            (
                a["candidates"][0].clone(),
                a["candidates"][0]["value"].clone(),
            )
        }
    };
    let rate = answer("availability-rate");
    let (proposal, value) = best(&rate);
    assert_eq!(proposal["section"], "Sheet1!F2", "{rate}");
    assert_eq!(proposal["text"], "99.95%");
    assert_eq!(
        proposal["context"]
            .as_str()
            .map(|c| c.contains("サービス稼働率")),
        Some(true)
    );
    assert_eq!(value["amount"], 99.95);
    let generations = answer("backup-generations");
    assert_eq!(
        best(&generations).0["section"],
        "Sheet1!F3",
        "{generations}"
    );
}

#[test]
fn a_bad_source_is_a_message_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.csv");
    std::fs::write(&empty, "").unwrap();
    let run = kurabe_in(
        dir.path(),
        &["import", empty.to_str().unwrap(), "--vendor", "x"],
    );
    assert!(!run.status.success());
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains("empty.csv") && said.contains("empty"),
        "{said}"
    );
    assert!(!said.contains("panicked"), "{said}");
}

#[test]
fn check_warns_where_a_value_disagrees_with_its_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("catalogue");
    std::fs::create_dir_all(data.join("vendors")).unwrap();
    std::fs::write(
        data.join("controls.yaml"),
        "categories:\n  - id: deletion\n    title: { en: Deletion }\n    controls:\n      - id: deletion-timing\n        title: { en: When }\n        question: { en: When is data deleted? }\n        terms: { en: [deleted], ja: [削除, 消去], value: duration }\n",
    )
    .unwrap();
    std::fs::write(
        data.join("vendors/acme.yaml"),
        "vendor: { id: acme, name: { en: Acme } }\ndocuments:\n  - { id: main, title: Policy, source: acme.txt }\nanswers:\n  - control: deletion-timing\n    status: stated\n    summary: { en: Deleted after 30 days. }\n    value: { kind: duration, amount: 30, unit: days }\n    quotes:\n      - { document: main, section: \"1\", text: \"解約日より60日経過後に削除します。\" }\n",
    )
    .unwrap();
    let run = kurabe_in(dir.path(), &["check", "--data", data.to_str().unwrap()]);
    let said = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "a warning is not an error: {said}");
    assert!(
        said.contains("warning: vendors/acme.yaml: answer `deletion-timing`: value `30 days`")
            && said.contains("they say 60 days"),
        "{said}"
    );
}

#[test]
fn an_empty_search_term_is_a_problem_with_its_position() {
    let controls = "categories:\n  - id: deletion\n    title: { en: Deletion }\n    controls:\n      - id: deletion-timing\n        title: { en: When }\n        question: { en: When is data deleted? }\n        terms: { en: [deleted], ja: [\"削除\", \"  \"] }\n";
    let err = catalog::load(SourceFile::new("controls.yaml", controls), Vec::new());
    let problems = match err {
        Ok(loaded) => loaded.problems,
        Err(problems) => problems.0,
    };
    assert!(
        problems
            .iter()
            .any(|p| p.file == "controls.yaml" && p.line == 8 && p.message == "empty text"),
        "{problems:?}"
    );
}

#[test]
fn an_unknown_field_in_terms_is_refused() {
    let controls = "categories:\n  - id: deletion\n    title: { en: Deletion }\n    controls:\n      - id: deletion-timing\n        title: { en: When }\n        question: { en: When is data deleted? }\n        terms: { fr: [effacé] }\n";
    let problems = match catalog::load(SourceFile::new("controls.yaml", controls), Vec::new()) {
        Ok(loaded) => loaded.problems,
        Err(problems) => problems.0,
    };
    assert!(
        problems.iter().any(|p| p.message.contains("fr")),
        "{problems:?}"
    );
}
