//! The answered follow-up questionnaire comes back: `kurabe followup` writes it (CSV, xlsx),
//! the test fills it in as a vendor would — a reply in Japanese, one in English, a row left
//! empty — and `kurabe import ANSWERED --vendor ID --update` drafts the answered controls from
//! the replies, quoted verbatim, keeping every other answer and the previous file.

mod common;

use common::home::{kurabe, paths_under};
use kurabe::catalog::{Answer, Origin, Vendor};
use kurabe::export::followup::MARKER;
use kurabe::paths::Paths;
use std::path::{Path, PathBuf};
use std::process::Output;

const JA_REPLY: &str = "契約終了後30日以内に、お客様データを復元できない方法で完全に削除します。";
const EN_REPLY: &str = "Customer data is erased within 30 days after the contract ends.";
const EN_ENCRYPTION: &str = "All customer data at rest is encrypted with AES-256.";

fn profile() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/requirements/answers-back.yaml")
        .display()
        .to_string()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn ok(o: Output) -> Output {
    assert!(o.status.success(), "{}", stderr(&o));
    o
}

fn followup(paths: &Paths, vendor: &str, format: &str) -> Vec<u8> {
    let args = [
        "followup",
        "--vendor",
        vendor,
        "--requirements",
        &profile(),
        "--format",
        format,
    ];
    ok(kurabe(paths, &args)).stdout
}

/// The vendor's replies by the English title of the row's control, the Nth row of a control
/// taking the Nth reply; a control with no reply left empty.
fn reply_for(title: &str, nth: usize) -> &'static str {
    match (title, nth) {
        (t, 0) if t.ends_with("Deletion timing after contract end") => JA_REPLY,
        (t, 1) if t.ends_with("Deletion timing after contract end") => EN_REPLY,
        (t, 0) if t.ends_with("Encryption of stored data") => EN_ENCRYPTION,
        _ => "",
    }
}

/// The questionnaire's rows filled in: the replies in the answer column and `answered` in the
/// marker row's date-answered cell.
fn fill(rows: &mut [Vec<String>], answered: &str) {
    assert_eq!(rows[0][0], MARKER);
    assert_eq!(rows[1][6], "回答 / Answer");
    rows[0][6] = answered.to_string();
    let mut seen: Vec<String> = Vec::new();
    for row in &mut rows[2..] {
        let nth = seen.iter().filter(|t| **t == row[1]).count();
        seen.push(row[1].clone());
        row[6] = reply_for(&row[1], nth).to_string();
    }
}

fn vendor_file(paths: &Paths, id: &str) -> PathBuf {
    paths.vendors_dir().join(format!("{id}.yaml"))
}

fn history(paths: &Paths, id: &str) -> Vec<PathBuf> {
    let dir = paths.data_dir.join("history").join(id);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|rd| rd.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Each answer's block of a vendor file as written, by control.
fn blocks(text: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut in_answers = false;
    for line in text.split_inclusive('\n') {
        if line.starts_with("answers:") {
            in_answers = true;
            continue;
        }
        if !in_answers {
            continue;
        }
        if let Some(control) = line.strip_prefix("  - control: ") {
            out.push((control.trim().to_string(), String::new()));
        }
        if let Some((_, block)) = out.last_mut() {
            block.push_str(line);
        }
    }
    out
}

fn loaded(paths: &Paths, id: &str) -> Vendor {
    let session = kurabe::session::open(None, paths.clone()).expect("the catalogue loads");
    assert!(session.problems.is_empty(), "{:?}", session.problems);
    let v = session
        .catalog
        .vendors
        .iter()
        .find(|v| v.id() == id)
        .unwrap()
        .clone();
    assert_eq!(v.origin, Origin::User);
    v
}

fn answer<'a>(v: &'a Vendor, control: &str) -> &'a Answer {
    v.answers.iter().find(|a| a.control == control).unwrap()
}

/// What every import of the filled questionnaire must have done to `id`, whose file was
/// `before`: the deletion timing drafted from the two replies, encryption at rest from the
/// English one, backup generations (left empty) and every other answer byte for byte as they
/// were, the previous file kept in the history, and `kurabe check` content.
fn assert_taken_in(paths: &Paths, id: &str, before: &str, answered: &str, out: &Output) {
    let log = stderr(out);
    assert!(
        log.contains("drafted `deletion-timing` from row 3, row 4"),
        "{log}"
    );
    assert!(
        log.contains("drafted `encryption-at-rest` from row 5"),
        "{log}"
    );
    assert!(
        log.contains("skipped row 6 (`backup-generations`): no answer"),
        "{log}"
    );
    let after = std::fs::read_to_string(vendor_file(paths, id)).unwrap();
    let v = loaded(paths, id);
    let doc = v
        .documents
        .iter()
        .find(|d| d.title == "追加質問票回答")
        .expect("the questionnaire as a document");
    assert_eq!(doc.date.as_deref(), Some(answered));

    let deletion = answer(&v, "deletion-timing");
    assert!(deletion.draft);
    let quoted: Vec<(&str, &str, &str)> = deletion
        .quotes
        .iter()
        .map(|q| (q.document.as_ref(), q.section.as_ref(), q.text.as_ref()))
        .collect();
    assert_eq!(
        quoted,
        [
            (doc.id.as_str(), "row 3", JA_REPLY),
            (doc.id.as_str(), "row 4", EN_REPLY)
        ]
    );
    assert!(deletion.is_vendor_words(kurabe::catalog::Lang::En));
    let value = deletion
        .value
        .as_ref()
        .expect("the value the replies state");
    assert!(
        kurabe::values::quotes_support(value, &[JA_REPLY]),
        "{value:?}"
    );
    let encryption = answer(&v, "encryption-at-rest");
    assert!(encryption.draft);
    assert_eq!(encryption.quotes.len(), 1);
    assert_eq!(encryption.quotes[0].text, EN_ENCRYPTION);
    assert_eq!(encryption.quotes[0].section, "row 5");

    // The previous answer's quotes are the draft's candidates, to compare.
    let previous: kurabe::catalog::VendorFile = serde_yaml::from_str(before).unwrap();
    for control in ["deletion-timing", "encryption-at-rest"] {
        let was = previous
            .answers
            .iter()
            .find(|a| a.control == control)
            .unwrap();
        let draft = answer(&v, control);
        for q in &was.quotes {
            assert!(
                draft.candidates.iter().any(|c| c.text == q.text
                    && c.section == q.section
                    && c.context
                        .as_deref()
                        .unwrap_or("")
                        .contains("previous answer")),
                "{control}: {q:?} among {:?}",
                draft.candidates
            );
        }
    }
    let old = blocks(before);
    // Every other answer, the unanswered row's included, byte for byte.
    let new = blocks(&after);
    assert_eq!(new.len(), old.len());
    for ((control, was), (same, now)) in old.iter().zip(&new) {
        assert_eq!(control, same);
        if control != "deletion-timing" && control != "encryption-at-rest" {
            assert_eq!(was, now, "{control}");
        }
    }
    let kept = history(paths, id);
    assert_eq!(kept.len(), 1, "{kept:?}");
    let name = kept[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        name.len() == "20261207T131608.yaml".len() && name.as_bytes()[8] == b'T',
        "{name}"
    );
    assert_eq!(std::fs::read_to_string(&kept[0]).unwrap(), before);
    let check = kurabe(paths, &["check"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn an_answered_csv_questionnaire_drafts_an_embedded_vendor_in_a_copy_of_its_file() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_under(dir.path());
    let csv = followup(&paths, "qualitysoft", "csv");
    let body = csv.strip_prefix(b"\xEF\xBB\xBF").unwrap();
    let mut rows = common::sheets::read_csv(body, b',');
    fill(&mut rows, "2026-12-20");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(&mut bytes);
        rows.iter().for_each(|r| w.write_record(r).unwrap());
    }
    let answered = dir.path().join("answered.csv");
    std::fs::write(&answered, bytes).unwrap();
    let embedded = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/vendors/qualitysoft.yaml"),
    )
    .unwrap();
    let out = kurabe(
        &paths,
        &[
            "import",
            answered.to_str().unwrap(),
            "--vendor",
            "qualitysoft",
            "--update",
        ],
    );
    let out = ok(out);
    assert_taken_in(&paths, "qualitysoft", &embedded, "2026-12-20", &out);

    // Taken in again: a second document of the same day, the first update's file kept too.
    let first = std::fs::read_to_string(vendor_file(&paths, "qualitysoft")).unwrap();
    let args = [
        "import",
        answered.to_str().unwrap(),
        "--vendor",
        "qualitysoft",
        "--update",
    ];
    ok(kurabe(&paths, &args));
    let v = loaded(&paths, "qualitysoft");
    let quoted = &answer(&v, "deletion-timing").quotes;
    assert_eq!(quoted[0].document, "followup-answers-20261220-2");
    let kept = history(&paths, "qualitysoft");
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(kept
        .iter()
        .any(|k| std::fs::read_to_string(k).unwrap() == first));
}

#[test]
fn an_answered_workbook_drafts_the_users_vendor_and_a_date_cell_is_its_date() {
    use calamine::{Data, Reader, Xlsx};
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_under(dir.path());
    // The user's own file for the vendor: a copy of an embedded one, as an earlier update left it.
    std::fs::create_dir_all(paths.vendors_dir()).unwrap();
    let before = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/vendors/qualitia.yaml"),
    )
    .unwrap();
    std::fs::write(vendor_file(&paths, "qualitia"), &before).unwrap();
    let xlsx = followup(&paths, "qualitia", "xlsx");
    let mut book = Xlsx::new(std::io::Cursor::new(xlsx)).unwrap();
    let sheet = book.worksheet_range("追加質問票").unwrap();
    let mut rows: Vec<Vec<String>> = sheet
        .rows()
        .map(|r| {
            r.iter()
                .map(|c| match c {
                    Data::String(s) => s.clone(),
                    _ => String::new(),
                })
                .collect()
        })
        .collect();
    fill(&mut rows, "");
    assert_eq!(rows.len(), 6, "four questions: {rows:?}");
    // The vendor's spreadsheet program keeps a typed date as a serial number.
    let serial = jiff::civil::date(1899, 12, 30)
        .until(jiff::civil::date(2026, 12, 20))
        .unwrap()
        .get_days();
    let mut answered = rust_xlsxwriter::Workbook::new();
    let ws = answered.add_worksheet().set_name("追加質問票").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if !text.is_empty() {
                ws.write_string(r as u32, c as u16, text).unwrap();
            }
        }
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("yyyy-mm-dd");
    ws.write_number_with_format(0, 6, f64::from(serial), &date)
        .unwrap();
    let path = dir.path().join("回答済み.xlsx");
    answered.save(&path).unwrap();
    let out = ok(kurabe(
        &paths,
        &[
            "import",
            path.to_str().unwrap(),
            "--vendor",
            "qualitia",
            "--update",
        ],
    ));
    assert_taken_in(&paths, "qualitia", &before, "2026-12-20", &out);
}

#[test]
/// (A sheet kurabe did not write is a new version of the vendor's documents: see
/// `tests/import_update_docs.rs`.)
fn a_questionnaire_of_another_vendor_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_under(dir.path());
    let theirs = dir.path().join("qualitysoft.csv");
    std::fs::write(&theirs, followup(&paths, "qualitysoft", "csv")).unwrap();
    let out = kurabe(
        &paths,
        &[
            "import",
            theirs.to_str().unwrap(),
            "--vendor",
            "cybozu",
            "--update",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("is the questionnaire of `qualitysoft`, not of `cybozu`"),
        "{}",
        stderr(&out)
    );
    assert!(!paths.vendors_dir().exists(), "nothing written");
    assert!(!paths.data_dir.join("history").exists(), "nothing kept");
}

#[test]
fn the_workbook_as_kurabe_writes_it_is_recognised_with_every_row_unanswered() {
    let dir = tempfile::tempdir().unwrap();
    let paths = paths_under(dir.path());
    let path = dir.path().join("questions.xlsx");
    std::fs::write(&path, followup(&paths, "qualitia", "xlsx")).unwrap();
    let source = kurabe::import::source::read(&path).unwrap();
    let q = kurabe::import::questionnaire::read(&source).unwrap();
    assert_eq!(q.vendor, "qualitia");
    assert_eq!(q.profile.as_deref(), Some("answers-back"));
    assert!(q.written.is_some());
    assert_eq!(q.answered, None);
    let rows: Vec<usize> = q.rows.iter().map(|r| r.row).collect();
    assert_eq!(rows, [3, 4, 5, 6]);
    assert!(q.rows.iter().all(|r| r.reply.is_empty()));
    let out = ok(kurabe(
        &paths,
        &[
            "import",
            path.to_str().unwrap(),
            "--vendor",
            "qualitia",
            "--update",
        ],
    ));
    assert!(stderr(&out).contains("no answered row to draft from"));
    assert!(!vendor_file(&paths, "qualitia").exists(), "nothing written");
    assert!(history(&paths, "qualitia").is_empty());
}
