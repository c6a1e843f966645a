use super::*;
use crate::catalog::{Candidate, Lang, Status};

const FILE: &str = "\
# Acme, imported from its check sheet.
vendor:
  id: acme
  name: { en: \"Acme\" }
documents:
  - id: sheet
    title: \"Acme check sheet\"
    source: acme.csv
answers:
  # ---- deletion
  - control: deletion-timing
    status: not_stated
    draft: true
    candidates:
      - { document: sheet, section: \"6.30\", text: \"契約終了後30日で消去します。\", score: 0.61 }
      - document: sheet
        section: \"6.31\"
        # the importer's second guess
        text: \"媒体は物理的に破壊します。\"
        score: 0.2

  # ---- backup
  - control: backup-generations
    status: not_stated   # nothing found
  - { control: encryption-at-rest, status: not_stated }
";

fn controls() -> Vec<(String, crate::catalog::ControlKind)> {
    let catalog = crate::catalog::load_embedded().unwrap().catalog;
    catalog
        .controls
        .iter()
        .map(|c| (c.control.id.clone(), c.control.kind))
        .collect()
}

fn parse(text: &str) -> (VendorFile, yaml::Positions) {
    yaml::read::<VendorFile>("acme.yaml", text.as_bytes()).unwrap()
}

fn save(dir: &Path, text: &str, answer: &Answer) -> (Result<Vendor, EditError>, String) {
    let path = dir.join("acme.yaml");
    std::fs::write(&path, text).unwrap();
    let result = save_answer(&path, &controls(), answer);
    (result, std::fs::read_to_string(&path).unwrap())
}

#[test]
fn answers_start_on_their_dash_line() {
    let (_, pos) = parse(FILE);
    assert_eq!(pos.at("answers[0]").0, 11);
    assert_eq!(pos.at("answers[1]").0, 23);
}

#[test]
fn only_the_changed_block_is_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = parse(FILE);
    let mut answer = file.answers[0].clone();
    crate::drafts::toggle(&mut answer, 0);
    crate::drafts::toggle(&mut answer, 1);
    crate::drafts::set_summary(
        &mut answer,
        Lang::En,
        "Erased 30 days after the contract ends.",
    );
    answer.value = crate::values::read_typed("30 days").unwrap();
    crate::drafts::confirm(&mut answer);
    let (vendor, text) = save(dir.path(), FILE, &answer);
    let vendor = vendor.unwrap();
    assert_eq!(vendor.answers[0], answer);
    assert_eq!(vendor.answers[0].status, Status::Stated);
    // Everything before the block and after it is byte for byte the same.
    let before = &FILE[..FILE.find("  - control: deletion-timing").unwrap()];
    let after = &FILE[FILE.find("\n  # ---- backup").unwrap()..];
    assert!(text.starts_with(before), "{text}");
    assert!(text.ends_with(after), "{text}");
    // The comment inside the block is kept, above it.
    assert!(
        text.contains("        # the importer's second guess\n  - control: deletion-timing"),
        "{text}"
    );
    assert!(!text.contains("draft: true\n    candidates"), "{text}");
    assert!(
        text.contains("value: { kind: duration, amount: 30, unit: days }"),
        "{text}"
    );
}

#[test]
fn the_last_answer_and_a_file_without_a_final_line_break() {
    let dir = tempfile::tempdir().unwrap();
    let text = FILE.trim_end();
    let (file, _) = parse(text);
    let mut answer = file.answers[2].clone();
    answer.candidates.push(Candidate {
        document: "sheet".into(),
        section: "9".into(),
        text: "暗号化します".into(),
        score: 0.5,
        context: None,
        value: None,
    });
    crate::drafts::toggle(&mut answer, 0);
    // Stated on a yes/no control: the loader asks for its polarity.
    answer.polarity = Some(crate::catalog::Polarity::Yes);
    let (vendor, written) = save(dir.path(), text, &answer);
    // A flow mapping on one line is a block of its own line.
    assert_eq!(vendor.unwrap().answers[2], answer);
    assert!(written.starts_with(&text[..text.rfind("  - {").unwrap()]));
}

#[test]
fn an_edit_that_would_not_load_is_refused_and_the_file_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = parse(FILE);
    let mut answer = file.answers[1].clone();
    // A value on an answer that states nothing does not load.
    answer.value = crate::values::read_typed("7 generations").unwrap();
    let (result, text) = save(dir.path(), FILE, &answer);
    let err = result.unwrap_err();
    assert!(matches!(err, EditError::WouldNotLoad(_)), "{err}");
    assert!(err.to_string().contains("not_stated"), "{err}");
    assert_eq!(text, FILE);
}

#[test]
fn hostile_text_is_written_escaped_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = parse(FILE);
    let mut answer = file.answers[0].clone();
    crate::drafts::toggle(&mut answer, 0);
    crate::drafts::set_summary(
        &mut answer,
        Lang::Ja,
        "\"quoted\" # not a comment: {x} \\ 「」",
    );
    let (vendor, _) = save(dir.path(), FILE, &answer);
    assert_eq!(vendor.unwrap().answers[0], answer);
}

#[test]
fn a_broken_file_is_not_edited() {
    let dir = tempfile::tempdir().unwrap();
    let broken = FILE.replace("status: not_stated   # nothing found", "status: [");
    let (file, _) = parse(FILE);
    let (result, text) = save(dir.path(), &broken, &file.answers[0]);
    assert!(matches!(result, Err(EditError::Unreadable(_))));
    assert_eq!(text, broken);
}

/// A file laid out as `kurabe import` writes it: serde_yaml's blocks (a multi-line text as a
/// literal block), each answer after a comment with its confidence.
#[test]
fn a_file_as_the_importer_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = parse(FILE);
    let mut answers = file.answers.clone();
    answers[0].candidates[1].text = "一行目\n二行目 # not a comment\n三行目".into();
    let mut text = String::from(
        "# Drafted by `kurabe import` from acme.csv.\nvendor:\n  id: acme\n  name:\n    en: Acme\ndocuments:\n- id: sheet\n  title: Acme check sheet\n  source: acme.csv\nanswers:\n",
    );
    for a in &answers {
        text.push_str("  # confidence 0.61\n");
        let one = serde_yaml::to_string(&[a]).unwrap();
        for line in one.lines() {
            text.push_str(&format!("  {line}\n"));
        }
    }
    let mut answer = answers[0].clone();
    crate::drafts::toggle(&mut answer, 1);
    let (vendor, written) = save(dir.path(), &text, &answer);
    let vendor = vendor.unwrap();
    assert_eq!(vendor.answers[0], answer);
    assert_eq!(
        vendor.answers[0].quotes[0].text,
        "一行目\n二行目 # not a comment\n三行目"
    );
    assert_eq!(vendor.answers[1..], answers[1..]);
    assert_eq!(written.matches("# confidence 0.61").count(), 3, "{written}");
    let tail = &text[text.find("  - control: backup-generations").unwrap()..];
    assert!(written.ends_with(tail), "{written}");
}

#[test]
fn several_answers_are_saved_at_once_and_the_rest_of_the_file_is_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let text = FILE.replace(
        "  - { control: encryption-at-rest, status: not_stated }\n",
        "  # confidence 0.10\n  - control: encryption-at-rest\n    status: not_stated\n    draft: true\n",
    );
    let text = text.replace(
        "  - control: backup-generations\n    status: not_stated   # nothing found\n",
        "  # confidence 0.20\n  - control: backup-generations\n    status: not_stated   # nothing found\n    draft: true\n",
    );
    let (file, _) = parse(&text);
    let mut first = file.answers[0].clone();
    crate::drafts::toggle(&mut first, 0);
    let mut confirmed: Vec<Answer> = file.answers[1..].to_vec();
    confirmed.iter_mut().for_each(crate::drafts::confirm);
    let path = dir.path().join("acme.yaml");
    std::fs::write(&path, &text).unwrap();
    let all = [confirmed[1].clone(), first.clone(), confirmed[0].clone()];
    let vendor = save_answers(&path, &controls(), &all).unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(vendor.answers[0], first);
    assert_eq!(vendor.answers[1..], confirmed[..]);
    assert_eq!(parse(&written).0.answers, vendor.answers);
    // Comments above each block stay where they were.
    for kept in [
        "  # ---- backup\n  # confidence 0.20\n  - control: backup-generations\n",
        "  # confidence 0.10\n  - control: encryption-at-rest\n",
        "# Acme, imported from its check sheet.\n",
    ] {
        assert!(written.contains(kept), "{kept:?} in\n{written}");
    }
    assert!(!written.contains("draft: true\n  #"), "{written}");
}

#[test]
fn saving_several_answers_is_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = parse(FILE);
    let mut first = file.answers[0].clone();
    crate::drafts::toggle(&mut first, 0);
    let mut gone = file.answers[1].clone();
    gone.control = "no-such-answer".into();
    let path = dir.path().join("acme.yaml");
    std::fs::write(&path, FILE).unwrap();
    let result = save_answers(&path, &controls(), &[first, gone]);
    assert!(
        matches!(result, Err(EditError::NoAnswer { .. })),
        "{result:?}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
}
