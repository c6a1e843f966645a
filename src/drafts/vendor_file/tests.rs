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

/// Saves `answer` (changed from the one of the same control in `text`) into a file of `text`.
fn save(dir: &Path, text: &str, answer: &Answer) -> (Result<Vendor, EditError>, String) {
    let path = dir.join("acme.yaml");
    std::fs::write(&path, text).unwrap();
    let base = read_answer(text, &answer.control);
    let result = save_answer(&path, &controls(), &base, answer, None).map(|saved| saved.vendor);
    (result, std::fs::read_to_string(&path).unwrap())
}

/// The answer to `control` in `text`, as the loader reads it.
fn read_answer(text: &str, control: &str) -> Answer {
    let (file, _) = parse(text);
    let mut answer = file
        .answers
        .into_iter()
        .find(|a| a.control == control)
        .unwrap();
    answer.sanitize();
    answer.migrate_legacy_vendor_words();
    answer
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
    let path = dir.path().join("acme.yaml");
    std::fs::write(&path, &broken).unwrap();
    let mut ours = file.answers[0].clone();
    crate::drafts::toggle(&mut ours, 0);
    let result = save_answer(&path, &controls(), &file.answers[0], &ours, None);
    let text = std::fs::read_to_string(&path).unwrap();
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
    let base = |ours: &Answer| read_answer(&text, &ours.control);
    let all = [&confirmed[1], &first, &confirmed[0]];
    let bases: Vec<Answer> = all.iter().map(|ours| base(ours)).collect();
    let changes: Vec<(&Answer, &Answer)> = bases.iter().zip(all).collect();
    let saved = save_answers(&path, &controls(), &changes, None).unwrap();
    let vendor = saved.vendor;
    let written = std::fs::read_to_string(&path).unwrap();
    assert_eq!(vendor.answers[0], first);
    assert_eq!(vendor.answers[1..], confirmed[..]);
    assert_eq!(parse(&written).0.answers, vendor.answers);
    let merged: Vec<&Answer> = saved.answers.iter().map(|m| &m.answer).collect();
    assert_eq!(merged, all, "in the order given, each as meant");
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
    let (base, other) = (&file.answers[0], &file.answers[1]);
    let result = save_answers(&path, &controls(), &[(base, &first), (other, &gone)], None);
    assert!(
        matches!(result, Err(EditError::NoAnswer { .. })),
        "{result:?}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
    let result = save_answers(&path, &controls(), &[(base, &first), (base, base)], None);
    assert!(matches!(result, Err(EditError::Twice { .. })), "{result:?}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
}

#[test]
fn answers_saved_at_once_are_merged_with_a_hand_edit_made_meanwhile() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.yaml");
    let text = FILE.replace(
        "  - { control: encryption-at-rest, status: not_stated }\n",
        "  - control: encryption-at-rest\n    status: not_stated\n    draft: true\n",
    );
    std::fs::write(&path, &text).unwrap();
    let bases = [
        read_answer(&text, "deletion-timing"),
        read_answer(&text, "encryption-at-rest"),
    ];
    let mut ours = bases.clone();
    ours.iter_mut().for_each(crate::drafts::confirm);
    // Meanwhile, a note written by hand on one, a value on the other, in the file.
    let by_hand = text
        .replace(
            "    status: not_stated\n    draft: true\n    candidates:",
            "    status: not_stated\n    draft: true\n    note: { en: \"Asked by phone.\" }\n    candidates:",
        )
        .replace(
            "  - control: encryption-at-rest\n    status: not_stated\n    draft: true\n",
            "  - control: encryption-at-rest\n    status: not_stated\n    draft: false\n",
        );
    std::fs::write(&path, &by_hand).unwrap();
    let changes = [(&bases[0], &ours[0]), (&bases[1], &ours[1])];
    let saved = save_answers(&path, &controls(), &changes, None).unwrap();
    let written = std::fs::read_to_string(&path).unwrap();
    let deletion = read_answer(&written, "deletion-timing");
    assert_eq!(
        deletion.note.as_ref().unwrap().en,
        "Asked by phone.",
        "the hand edit stays"
    );
    assert!(
        !deletion.draft && deletion.candidates.is_empty(),
        "ours too"
    );
    assert!(!read_answer(&written, "encryption-at-rest").draft);
    assert_eq!(saved.answers[0].answer, deletion);
    assert!(saved.answers.iter().all(|m| m.conflicts.is_empty()));
}

#[test]
fn a_hand_edit_made_meanwhile_is_kept_and_a_clash_is_written_as_a_conflict() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.yaml");
    // Two reviewers took the first candidate and saved; then both read the file.
    let mut first = read_answer(FILE, "deletion-timing");
    crate::drafts::toggle(&mut first, 0);
    let (_, text) = save(dir.path(), FILE, &first);
    let base = read_answer(&text, "deletion-timing");
    // One writes the English summary by hand in the file …
    let mut by_hand = base.clone();
    crate::drafts::set_summary(&mut by_hand, Lang::En, "Erased 30 days after the end.");
    by_hand.value = crate::values::read_typed("45 days").unwrap();
    save_answer(&path, &controls(), &base, &by_hand, None).unwrap();
    // … while the other, in the app, sets a value and a Japanese summary.
    let mut ours = base.clone();
    ours.value = crate::values::read_typed("30 days").unwrap();
    crate::drafts::set_summary(&mut ours, Lang::Ja, "契約終了後30日で消去");
    let saved = save_answer(&path, &controls(), &base, &ours, None).unwrap();
    let answer = &saved.answer;
    let summary = answer.summary.clone().unwrap();
    assert_eq!(
        summary.en, "Erased 30 days after the end.",
        "the hand edit stays"
    );
    assert_eq!(summary.ja.as_deref(), Some("契約終了後30日で消去"));
    assert_eq!(answer.value, ours.value, "ours is what the answer holds");
    assert_eq!(
        saved.conflicts,
        vec![Conflict::Value {
            ours: ours.value.clone(),
            theirs: by_hand.value.clone()
        }]
    );
    // The file holds it all, in the documented form, and loads.
    let written = std::fs::read_to_string(&path).unwrap();
    assert!(
        written.contains(
            "    conflicts:\n      - field: value\n        ours: { kind: duration, amount: 30, unit: days }\n        theirs: { kind: duration, amount: 45, unit: days }\n"
        ),
        "{written}"
    );
    assert_eq!(read_answer(&written, "deletion-timing"), *answer);
    assert_eq!(saved.vendor.answers[0], *answer);
    let lock = dir.path().join(".acme.yaml.lock");
    assert!(
        lock.exists(),
        "saves are serialized through {}",
        lock.display()
    );
}

/// One thread's change of the answer.
type Change = Box<dyn Fn(&mut Answer) + Send + Sync>;

#[test]
fn saves_from_four_threads_at_once_keep_every_change() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.yaml");
    let mut first = read_answer(FILE, "deletion-timing");
    crate::drafts::toggle(&mut first, 0);
    let (_, text) = save(dir.path(), FILE, &first);
    let base = read_answer(&text, "deletion-timing");
    let changes: Vec<Change> = vec![
        Box::new(|a| crate::drafts::set_summary(a, Lang::En, "From thread one.")),
        Box::new(|a| crate::drafts::set_summary(a, Lang::Ja, "スレッド二から。")),
        Box::new(|a| a.value = crate::values::read_typed("30 days").unwrap()),
        Box::new(|a| {
            a.note = Some(crate::catalog::Text {
                en: "From thread four.".into(),
                ja: None,
            })
        }),
    ];
    let controls = controls();
    std::thread::scope(|s| {
        for change in &changes {
            let (base, path, controls) = (&base, &path, &controls);
            s.spawn(move || {
                let mut ours = base.clone();
                change(&mut ours);
                save_answer(path, controls, base, &ours, None).unwrap();
            });
        }
    });
    let answer = read_answer(&std::fs::read_to_string(&path).unwrap(), "deletion-timing");
    let summary = answer.summary.clone().unwrap();
    assert_eq!(summary.en, "From thread one.");
    assert_eq!(summary.ja.as_deref(), Some("スレッド二から。"));
    assert!(answer.value.is_some());
    assert_eq!(answer.note.unwrap().en, "From thread four.");
    assert!(answer.conflicts.is_empty());
}

#[test]
fn confirming_the_last_draft_records_the_day_as_the_vendors_assessment() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.yaml");
    std::fs::write(&path, FILE).unwrap();
    let today = jiff::civil::date(2026, 12, 7);
    let base = read_answer(FILE, "deletion-timing");
    let mut ours = base.clone();
    crate::drafts::confirm(&mut ours);
    let saved = save_answer(&path, &controls(), &base, &ours, Some(today)).unwrap();
    assert_eq!(saved.vendor.info.assessed.as_deref(), Some("2026-12-07"));
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(
        text.starts_with("# Acme, imported from its check sheet.\nvendor:\n  id: acme\n  assessed: \"2026-12-07\"\n  name:"),
        "{text}"
    );
    // A later confirmation replaces the line, and nothing else of the block moves.
    let base = read_answer(&text, "deletion-timing");
    let mut ours = base.clone();
    ours.draft = true;
    save_answer(&path, &controls(), &base, &ours, None).unwrap();
    let again = std::fs::read_to_string(&path).unwrap();
    let base = read_answer(&again, "deletion-timing");
    let mut ours = base.clone();
    crate::drafts::confirm(&mut ours);
    save_answer(
        &path,
        &controls(),
        &base,
        &ours,
        Some(jiff::civil::date(2027, 1, 5)),
    )
    .unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text.matches("assessed:").count(), 1, "{text}");
    assert!(text.contains("  assessed: \"2027-01-05\"\n"), "{text}");
}

#[test]
fn a_save_that_leaves_drafts_or_a_flow_vendor_block_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("acme.yaml");
    let two = FILE.replace(
        "  - control: backup-generations\n    status: not_stated   # nothing found",
        "  - control: backup-generations\n    status: not_stated\n    draft: true",
    );
    std::fs::write(&path, &two).unwrap();
    let today = Some(jiff::civil::date(2026, 12, 7));
    let base = read_answer(&two, "deletion-timing");
    let mut ours = base.clone();
    crate::drafts::confirm(&mut ours);
    let saved = save_answer(&path, &controls(), &base, &ours, today).unwrap();
    assert_eq!(saved.vendor.info.assessed, None, "a draft is left");
    let flow = FILE.replace(
        "vendor:\n  id: acme\n  name: { en: \"Acme\" }",
        "vendor: { id: acme, name: { en: \"Acme\" } }",
    );
    std::fs::write(&path, &flow).unwrap();
    let base = read_answer(&flow, "deletion-timing");
    let mut ours = base.clone();
    crate::drafts::confirm(&mut ours);
    let saved = save_answer(&path, &controls(), &base, &ours, today).unwrap();
    assert_eq!(saved.vendor.info.assessed, None);
    assert!(!std::fs::read_to_string(&path).unwrap().contains("assessed"));
}

#[test]
fn what_an_answer_said_before_is_written_as_a_block_and_reads_back() {
    let dir = tempfile::tempdir().unwrap();
    let (file, _) = parse(FILE);
    let mut answer = file.answers[0].clone();
    answer.previous = Some(Box::new(crate::catalog::PreviousAnswer {
        status: Status::Stated,
        polarity: None,
        summary: Some(crate::catalog::Text {
            en: "Deleted 30 days after the contract ends.".into(),
            ja: Some("契約終了後30日で削除。".into()),
        }),
        value: Some(crate::catalog::Value::Duration {
            amount: 30.0,
            unit: crate::catalog::TimeUnit::Days,
            from: None,
        }),
        quotes: vec![crate::catalog::PreviousQuote {
            document: "Acme check sheet \"v1\"".into(),
            section: "6.30".into(),
            text: "契約終了後30日で消去します。".into(),
        }],
        from: Some("v1, 2024-04-01".into()),
    }));
    let (vendor, text) = save(dir.path(), FILE, &answer);
    assert_eq!(vendor.unwrap().answers[0], answer);
    let block: Vec<&str> = text
        .lines()
        .skip_while(|l| l.trim() != "previous:")
        .take(9)
        .collect();
    assert_eq!(
        block,
        [
            "    previous:",
            "      status: stated",
            "      summary:",
            "        en: \"Deleted 30 days after the contract ends.\"",
            "        ja: \"契約終了後30日で削除。\"",
            "      value: { kind: duration, amount: 30, unit: days }",
            "      quotes:",
            "        - document: \"Acme check sheet \\\"v1\\\"\"",
            "          section: \"6.30\"",
        ],
        "{text}"
    );
}
