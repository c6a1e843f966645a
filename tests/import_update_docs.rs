//! A vendor updated from a new version of its document: the test imports a seed (Cyber
//! Solutions' guideline, 1.8版) as the user's vendor `acme`, confirms its drafts, records
//! verdicts, then writes the document's next version (1.9版: a value changed, a sentence
//! reworded, a section added and one removed) and runs `kurabe import NEW --vendor acme
//! --update`. Reviewed answers whose quotes still stand and that the new reading agrees with are
//! kept, their citations moved; the others are drafts keeping what they said before.

mod common;

use common::home::{kurabe, paths_under};
use kurabe::catalog::{load_embedded, Answer, ControlKind, Status, TimeUnit, Value, VendorFile};
use kurabe::paths::Paths;
use kurabe::reviews::{Reviews, Verdict};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Output;

const SEED: &str = "000_199530cdf0465c21.txt";
const RETENTION_BEFORE: &str = "過去7日間分を保存します。";
const RETENTION_AFTER: &str = "過去14日間分を保存します。";
const DISPOSAL_BEFORE: &str =
    "当社はお客様が利用した装置を廃棄する際には、適切な廃棄専門業者に依頼し廃棄を行います。";
const DISPOSAL_AFTER: &str =
    "装置を廃棄する際は、当社が選定した廃棄専門業者に依頼し、廃棄証明書を取得します。";
const REMOVED: &str = "11 適用法令";
const ADDED: &str =
    "14 脆弱性診断\n\n- 当社は年1回、第三者機関によるサービスの脆弱性診断を実施しています。\n\n";

fn seed() -> Option<String> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/seeds")
        .join(SEED);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(_) if std::env::var_os("CI").is_some() => panic!("{} is missing", path.display()),
        Err(_) => {
            eprintln!("notice: {} is missing; skipping", path.display());
            None
        }
    }
}

/// The next version of the guideline: 1.9版 with a row of its revision history, the backup
/// kept 14 days instead of 7, the disposal sentence reworded, 「11 適用法令」 removed and a
/// section on vulnerability assessments added.
fn next_version(old: &str) -> String {
    for part in [
        RETENTION_BEFORE,
        DISPOSAL_BEFORE,
        REMOVED,
        "1.8版",
        "\n改定履歴\n",
    ] {
        assert!(old.contains(part), "the seed no longer holds {part:?}");
    }
    let start = old.find(REMOVED).unwrap();
    let end = start + old[start..].find("12 認証").unwrap();
    let mut new = format!("{}{}", &old[..start], &old[end..]);
    new = new
        .replace(RETENTION_BEFORE, RETENTION_AFTER)
        .replace(DISPOSAL_BEFORE, DISPOSAL_AFTER)
        .replacen("1.8版", "1.9版", 1)
        .replacen("2023年09月", "2025年05月", 1)
        .replacen("\n改定履歴\n", &format!("\n{ADDED}改定履歴\n"), 1);
    let last_row = new.rfind("\n1.8\t2023/09/01\t").unwrap();
    let row_end = new[last_row + 1..]
        .find('\n')
        .map_or(new.len(), |n| last_row + 1 + n);
    new.insert_str(
        row_end,
        "\n1.9\t2025/05/07\t「4 データのバックアップ」の保存期間を変更",
    );
    new
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

fn vendor_file(paths: &Paths) -> PathBuf {
    paths.vendors_dir().join("acme.yaml")
}

fn answers(paths: &Paths) -> (VendorFile, String) {
    let text = std::fs::read_to_string(vendor_file(paths)).unwrap();
    (serde_yaml::from_str(&text).unwrap(), text)
}

fn answer<'a>(file: &'a VendorFile, control: &str) -> &'a Answer {
    file.answers.iter().find(|a| a.control == control).unwrap()
}

/// The drafts confirmed as a reviewer would: `draft: true` taken away, a stated answer to a
/// yes/no control given the polarity its quote says (yes).
fn confirm(text: &str) -> String {
    let catalog = load_embedded().unwrap().catalog;
    let yes_no: HashSet<&str> = catalog
        .controls
        .iter()
        .filter(|e| e.control.kind == ControlKind::YesNo)
        .map(|e| e.control.id.as_str())
        .collect();
    let (mut out, mut control, mut stated) = (String::new(), String::new(), false);
    for line in text.split_inclusive('\n') {
        if let Some(c) = line.strip_prefix("  - control: ") {
            control = c.trim().to_string();
        }
        if line.starts_with("    status: ") {
            stated = line.trim() != "status: not_stated";
        }
        if line == "    draft: true\n" {
            if stated && yes_no.contains(control.as_str()) {
                out.push_str("    polarity: \"yes\"\n");
            }
            continue;
        }
        out.push_str(line);
    }
    out
}

fn has_days(v: Option<&Value>, n: f64) -> bool {
    matches!(v, Some(Value::Duration { amount, unit: TimeUnit::Days, .. }) if *amount == n)
}

#[test]
fn a_new_version_keeps_what_still_stands_and_drafts_what_changed_beside_what_it_said() {
    let Some(old) = seed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_under(dir.path());
    let v18 = dir.path().join("guideline.txt");
    std::fs::write(&v18, &old).unwrap();
    ok(kurabe(
        &paths,
        &["import", v18.to_str().unwrap(), "--vendor", "acme"],
    ));
    let drafted = std::fs::read_to_string(vendor_file(&paths)).unwrap();
    std::fs::write(vendor_file(&paths), confirm(&drafted)).unwrap();
    ok(kurabe(&paths, &["check"]));
    let (before, before_text) = answers(&paths);
    let before_bytes = std::fs::read(vendor_file(&paths)).unwrap();
    let retention = answer(&before, "backup-retention");
    assert_eq!(retention.status, Status::Stated);
    assert!(has_days(retention.value.as_ref(), 7.0), "{retention:?}");
    assert!(retention.quotes[0].text.contains(RETENTION_BEFORE));
    let kept_controls = ["deletion-scope", "backup-method", "backup-restore-scope"];
    for control in kept_controls {
        assert_eq!(answer(&before, control).status, Status::Stated, "{control}");
    }
    assert!(answer(&before, "equipment-disposal").quotes[0]
        .text
        .contains(DISPOSAL_BEFORE));
    assert!(answer(&before, "governing-law").quotes[0]
        .text
        .contains("日本法"));

    // Verdicts on a kept answer and on the changed one, judged as they were.
    let mut reviews = Reviews::default();
    let at = jiff::Timestamp::from_second(1_700_000_000).unwrap();
    for control in ["deletion-scope", "backup-retention"] {
        let a = answer(&before, control);
        reviews.set(
            "acme",
            control,
            Some(a),
            Some(Verdict::Acceptable),
            String::new(),
            at,
        );
    }
    std::fs::write(paths.reviews_file(), reviews.to_yaml()).unwrap();

    let v19 = dir.path().join("guideline-1.9.txt");
    std::fs::write(&v19, next_version(&old)).unwrap();
    let out = ok(kurabe(
        &paths,
        &[
            "import",
            v19.to_str().unwrap(),
            "--vendor",
            "acme",
            "--update",
        ],
    ));
    let log = stderr(&out);
    eprintln!("{log}");
    let (after, after_text) = answers(&paths);

    // The documents are the new one, with the version and date it states.
    assert_eq!(after.documents.len(), 1);
    let document = &after.documents[0];
    assert_eq!(document.id, "guideline-1-9");
    assert_eq!(document.version.as_deref(), Some("1.9"));
    assert_eq!(document.date.as_deref(), Some("2025-05-07"));
    assert_eq!(document.source, "guideline-1.9.txt");

    // Kept: the reviewed form as it was, cited from the new document.
    for control in kept_controls {
        let (was, is) = (answer(&before, control), answer(&after, control));
        assert!(!is.draft, "{control} kept: {log}");
        assert_eq!(
            (is.status, &is.value, &is.summary),
            (was.status, &was.value, &was.summary)
        );
        let texts = |a: &Answer| a.quotes.iter().map(|q| q.text.clone()).collect::<Vec<_>>();
        assert_eq!(texts(is), texts(was));
        assert!(
            is.quotes.iter().all(|q| q.document == "guideline-1-9"),
            "{control}"
        );
        assert!(is.previous.is_none());
    }
    assert!(log.contains("kept "), "{log}");

    // The changed value: a draft holding the 7 days it said, the new reading's 14 days beside.
    let retention = answer(&after, "backup-retention");
    assert!(retention.draft);
    let previous = retention.previous.as_deref().expect("previous kept");
    assert!(has_days(previous.value.as_ref(), 7.0), "{previous:?}");
    assert!(previous.quotes[0].text.contains(RETENTION_BEFORE));
    assert_eq!(
        previous.quotes[0].document,
        "クラウドサービス セキュリティガイドライン"
    );
    assert_eq!(
        previous.from, None,
        "the 1.8 draft listed no version or date"
    );
    let proposes_14 = has_days(retention.value.as_ref(), 14.0)
        || retention
            .candidates
            .iter()
            .any(|c| c.text.contains(RETENTION_AFTER) && has_days(c.value.as_ref(), 14.0));
    assert!(proposes_14, "{retention:?}");
    assert!(
        log.contains("redrafted `backup-retention`: a quote no longer stands"),
        "{log}"
    );

    // The reworded sentence and the removed section: drafts beside what they said.
    for (control, said) in [
        ("equipment-disposal", DISPOSAL_BEFORE),
        ("governing-law", "日本法"),
    ] {
        let is = answer(&after, control);
        assert!(is.draft, "{control}");
        let previous = is.previous.as_deref().unwrap();
        assert_eq!(previous.status, Status::Stated);
        assert!(
            previous.quotes.iter().any(|q| q.text.contains(said)),
            "{control}"
        );
    }
    assert!(
        !after_text.contains("document: guideline\n"),
        "no citation of the old document left"
    );
    // The added section is read: quoted or proposed.
    assert!(
        after_text.contains("第三者機関によるサービスの脆弱性診断"),
        "{after_text}"
    );

    // Verdicts: the kept answer's stays fresh, the changed one's is stale.
    let reviews = Reviews::load(&paths.reviews_file()).unwrap();
    let judged = |control: &str| {
        reviews
            .judged("acme", control, Some(answer(&after, control)))
            .unwrap()
            .stale
    };
    assert!(!judged("deletion-scope"), "kept: fresh");
    assert!(judged("backup-retention"), "changed: stale");

    // The previous file, byte for byte, in the history; the new one passes check.
    let history = paths.data_dir.join("history/acme");
    let kept: Vec<PathBuf> = std::fs::read_dir(&history)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(kept.len(), 1);
    assert_eq!(std::fs::read(&kept[0]).unwrap(), before_bytes);
    assert!(log.contains(&kept[0].display().to_string()), "{log}");
    assert_ne!(before_text, after_text);
    ok(kurabe(&paths, &["check"]));

    // What changed, as `kurabe diff` reads it from the copy the update kept: the changed value
    // with its outcome words, never a kept answer or a draft that only re-proposes its form.
    let out = ok(kurabe(&paths, &["diff", "acme", "--format", "json"]));
    let diff: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let changed: Vec<&str> = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["control"].as_str().unwrap())
        .collect();
    assert!(changed.contains(&"backup-retention"), "{changed:?}");
    assert!(changed.contains(&"governing-law"), "{changed:?}");
    for control in kept_controls {
        assert!(!changed.contains(&control), "{control} kept: {changed:?}");
    }
    let retention = diff["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["control"] == "backup-retention")
        .unwrap();
    assert!(retention["what"]
        .as_array()
        .unwrap()
        .contains(&"quotes".into()));
    for c in diff["changes"].as_array().unwrap() {
        let control = c["control"].as_str().unwrap();
        let draft = answer(&after, control);
        assert!(draft.draft && draft.previous.is_some(), "{control} listed");
    }
    assert_eq!(diff["to"]["documents"][0]["version"], "1.9");
}

#[test]
fn doc_version_and_doc_date_set_every_source_of_the_run_and_json_reports() {
    let Some(old) = seed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_under(dir.path());
    let v18 = dir.path().join("guideline.txt");
    std::fs::write(&v18, &old).unwrap();
    ok(kurabe(
        &paths,
        &["import", v18.to_str().unwrap(), "--vendor", "acme"],
    ));
    let v19 = dir.path().join("guideline-1.9.txt");
    std::fs::write(&v19, next_version(&old)).unwrap();
    let bad = kurabe(
        &paths,
        &[
            "import",
            v19.to_str().unwrap(),
            "--vendor",
            "acme",
            "--update",
            "--doc-date",
            "2025/05/07",
        ],
    );
    assert!(!bad.status.success());
    assert!(
        stderr(&bad).contains("YYYY-MM-DD or YYYY-MM"),
        "{}",
        stderr(&bad)
    );
    assert!(!paths.data_dir.join("history").exists(), "nothing written");
    let out = ok(kurabe(
        &paths,
        &[
            "import",
            v19.to_str().unwrap(),
            "--vendor",
            "acme",
            "--update",
            "--doc-version",
            "第2.0版",
            "--doc-date",
            "2025-06",
            "--format",
            "json",
        ],
    ));
    let (after, _) = answers(&paths);
    assert_eq!(after.documents[0].version.as_deref(), Some("第2.0版"));
    assert_eq!(after.documents[0].date.as_deref(), Some("2025-06"));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["vendor"], "acme");
    assert_eq!(report["documents"][0]["version"], "第2.0版");
    // Every answer was a draft: each is read again, none kept.
    assert_eq!(report["kept"], 0);
    assert_eq!(
        report["refreshed"].as_array().unwrap().len(),
        after.answers.len()
    );
    assert!(report["history"].as_str().unwrap().contains("history"));
    ok(kurabe(&paths, &["check"]));
}

#[test]
fn a_document_that_states_no_version_or_date_leaves_them_unset_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_under(dir.path());
    let plain = dir.path().join("checklist.csv");
    std::fs::write(
        &plain,
        "質問,回答\n保存データは暗号化されるか,はい、AES-256で暗号化します\n",
    )
    .unwrap();
    let out = ok(kurabe(
        &paths,
        &[
            "import",
            plain.to_str().unwrap(),
            "--vendor",
            "cybozu",
            "--update",
        ],
    ));
    assert!(
        stderr(&out).contains("says no version or date of its own"),
        "{}",
        stderr(&out)
    );
    let (after, _) = answers_of(&paths, "cybozu");
    assert_eq!(after.documents[0].version, None);
    assert_eq!(after.documents[0].date, None);
    // The embedded vendor's file was kept as it shipped.
    assert_eq!(
        std::fs::read_dir(paths.data_dir.join("history/cybozu"))
            .unwrap()
            .count(),
        1
    );
}

fn answers_of(paths: &Paths, id: &str) -> (VendorFile, String) {
    let text = std::fs::read_to_string(paths.vendors_dir().join(format!("{id}.yaml"))).unwrap();
    (serde_yaml::from_str(&text).unwrap(), text)
}

#[test]
fn a_file_the_update_cannot_edit_is_left_as_it_was_and_nothing_is_kept() {
    let Some(old) = seed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_under(dir.path());
    let v18 = dir.path().join("guideline.txt");
    std::fs::write(&v18, &old).unwrap();
    ok(kurabe(
        &paths,
        &["import", v18.to_str().unwrap(), "--vendor", "acme"],
    ));
    let (file, text) = answers(&paths);
    let d = &file.documents[0];
    let block_start = text.find("documents:\n").unwrap();
    let block_end = text.find("answers:\n").unwrap();
    let flow = format!(
        "{}documents: [{{ id: {}, title: {:?}, source: {:?} }}]\n{}",
        &text[..block_start],
        d.id,
        d.title,
        d.source,
        &text[block_end..]
    );
    std::fs::write(vendor_file(&paths), &flow).unwrap();
    ok(kurabe(&paths, &["check"]));
    let v19 = dir.path().join("guideline-1.9.txt");
    std::fs::write(&v19, next_version(&old)).unwrap();
    let out = kurabe(
        &paths,
        &[
            "import",
            v19.to_str().unwrap(),
            "--vendor",
            "acme",
            "--update",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("write each document as its own block"),
        "{}",
        stderr(&out)
    );
    assert_eq!(std::fs::read_to_string(vendor_file(&paths)).unwrap(), flow);
    assert!(
        !paths.data_dir.join("history").exists(),
        "nothing kept, nothing written"
    );
}

#[test]
fn fewer_sources_than_the_vendor_s_documents_are_refused_and_nothing_is_written() {
    let Some(text) = seed() else { return };
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_under(dir.path());
    let one = dir.path().join("guideline.txt");
    std::fs::write(&one, text).unwrap();
    // Cyber Solutions lists two documents (its guideline and its check sheet).
    let out = kurabe(
        &paths,
        &[
            "import",
            one.to_str().unwrap(),
            "--vendor",
            "cybersolutions",
            "--update",
        ],
    );
    assert!(!out.status.success());
    let said = stderr(&out);
    assert!(said.contains("lists 2 documents and 1 source(s)"), "{said}");
    assert!(said.contains("002_826ade1923b088f3.txt"), "{said}");
    assert!(!paths.data_dir.join("vendors/cybersolutions.yaml").exists());
    assert!(!paths.data_dir.join("history").exists());
}
