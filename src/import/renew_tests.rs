use super::*;
use crate::catalog::{Candidate, Origin, TimeUnit, VendorInfo};
use crate::import::draft::DraftAnswer;

fn days(n: f64) -> Value {
    Value::Duration {
        amount: n,
        unit: TimeUnit::Days,
        from: None,
    }
}

fn quote(document: &str, section: &str, text: &str) -> Quote {
    Quote {
        document: document.to_owned().into(),
        section: section.to_owned().into(),
        text: text.to_owned().into(),
        context: None,
    }
}

fn answer(control: &str, status: Status, quotes: Vec<Quote>, value: Option<Value>) -> Answer {
    Answer {
        control: control.to_owned().into(),
        status,
        polarity: None,
        summary: Some(Text {
            en: format!("{control} as reviewed").into(),
            ja: None,
        }),
        vendor_words: None,
        value,
        note: None,
        quotes,
        draft: false,
        candidates: Vec::new(),
        conflicts: Vec::new(),
        previous: None,
    }
}

fn document(id: &str, title: &str, version: Option<&str>) -> Document {
    Document {
        id: id.into(),
        title: title.into(),
        version: version.map(str::to_string),
        date: None,
        source: format!("{id}.txt"),
    }
}

fn vendor(answers: Vec<Answer>) -> Vendor {
    Vendor {
        info: VendorInfo {
            id: "acme".into(),
            name: Text {
                en: "Acme".into(),
                ja: None,
            },
            short_name: None,
            products: None,
            note: None,
            assessed: None,
        },
        documents: vec![document("policy", "運用方針", Some("3"))],
        answers: answers.into(),
        origin: Origin::User,
    }
}

const DELETION: &str = "契約終了後30日以内に\nデータを削除します。";
const BACKUP: &str = "バックアップは毎日取得します。";
const LOGS: &str = "ログは1年間保存します。";

fn passage(section: &str, text: &str) -> Passage {
    Passage {
        document: 0,
        section: section.into(),
        context: String::new(),
        text: text.into(),
        answers: true,
        negative: false,
        block: 0,
    }
}

/// A new reading: the draft answers given, the passages and the whole text of one document.
fn new_draft(answers: Vec<Answer>, passages: &[(&str, &str)]) -> Draft {
    Draft {
        vendor: vendor(Vec::new()).info,
        documents: vec![document("policy-v4", "運用方針", Some("4版"))],
        answers: answers
            .into_iter()
            .map(|mut answer| {
                answer.draft = true;
                DraftAnswer {
                    answer,
                    confidence: 0.9,
                }
            })
            .collect(),
        notes: Vec::new(),
        passages: passages.iter().map(|(s, t)| passage(s, t)).collect(),
        proposals: Vec::new(),
    }
}

fn candidate(text: &str, value: Option<Value>) -> Candidate {
    Candidate {
        document: "policy-v4".into(),
        section: "9".into(),
        text: text.to_owned().into(),
        score: 1.0,
        context: None,
        value,
    }
}

fn run(old: &Vendor, draft: &Draft) -> Renewal {
    let text: String = draft
        .passages
        .iter()
        .map(|p| p.text.clone() + "\n")
        .collect();
    let mut documents = NewDocuments::new(draft, &[text]);
    documents.replies = reply_documents(old);
    renew(old, &documents)
}

#[test]
fn an_answer_whose_quote_stands_and_the_reading_agrees_is_kept_with_its_citation_moved() {
    let was = answer(
        "deletion",
        Status::Stated,
        vec![quote("policy", "3.1", DELETION)],
        Some(days(30.0)),
    );
    let old = vendor(vec![was.clone()]);
    // Wrapped differently in the new version, under a new section.
    let new_text = "契約終了後30日以内に データを削除します。";
    let drafted = answer(
        "deletion",
        Status::Stated,
        vec![quote("policy-v4", "4.2", new_text)],
        Some(days(30.0)),
    );
    let out = run(&old, &new_draft(vec![drafted], &[("4.2", new_text)]));
    assert_eq!(out.kept, ["deletion"]);
    let kept = &out.answers[0];
    assert!(!kept.draft);
    assert_eq!(kept.summary, was.summary);
    assert_eq!(kept.value, was.value);
    assert_eq!(kept.quotes[0].document, "policy-v4");
    assert_eq!(kept.quotes[0].section, "4.2");
    assert_eq!(kept.quotes[0].text, DELETION, "the quote's words stay");
    assert!(kept.previous.is_none());
}

#[test]
fn a_quote_gone_makes_a_draft_keeping_what_it_said() {
    let was = answer(
        "deletion",
        Status::Stated,
        vec![quote("policy", "3.1", DELETION)],
        Some(days(30.0)),
    );
    let old = vendor(vec![was]);
    let sixty = "契約終了後60日以内にデータを削除します。";
    let drafted = answer(
        "deletion",
        Status::Stated,
        vec![quote("policy-v4", "3.1", sixty)],
        Some(days(60.0)),
    );
    let out = run(&old, &new_draft(vec![drafted], &[("3.1", sixty)]));
    assert_eq!(out.redrafted, [("deletion".to_string(), Why::QuoteGone)]);
    let draft = &out.answers[0];
    assert!(draft.draft);
    assert_eq!(draft.value, Some(days(60.0)));
    let previous = draft.previous.as_deref().unwrap();
    assert_eq!(previous.value, Some(days(30.0)));
    assert_eq!(previous.status, Status::Stated);
    assert_eq!(previous.quotes[0].document, "運用方針", "by title");
    assert_eq!(previous.quotes[0].text, DELETION);
    assert_eq!(previous.from.as_deref(), Some("v3"));
    assert!(crate::changes::differs_from_previous(draft));
}

#[test]
fn a_draft_of_the_new_reading_keeps_the_old_quotes_that_still_stand() {
    let was = answer(
        "deletion",
        Status::Stated,
        vec![
            quote("policy", "3.1", DELETION),
            quote("policy", "3.2", BACKUP),
        ],
        Some(days(30.0)),
    );
    let old = vendor(vec![was]);
    let sixty = "契約終了後60日以内にデータを削除します。";
    let drafted = answer(
        "deletion",
        Status::Stated,
        vec![quote("policy-v4", "3.1", sixty)],
        Some(days(60.0)),
    );
    let drafted = Answer {
        candidates: vec![candidate(BACKUP, None)],
        ..drafted
    };
    let out = run(
        &old,
        &new_draft(vec![drafted], &[("3.1", sixty), ("3.2", BACKUP)]),
    );
    let draft = &out.answers[0];
    let texts: Vec<&str> = draft.quotes.iter().map(|q| q.text.as_ref()).collect();
    assert_eq!(texts, [sixty, BACKUP]);
    assert!(
        draft.candidates.iter().all(|c| c.text != BACKUP),
        "a passage once"
    );
}

#[test]
fn the_same_passage_with_another_value_is_a_value_changed() {
    let was = answer(
        "logs",
        Status::Stated,
        vec![quote("policy", "5", LOGS)],
        Some(days(365.0)),
    );
    let old = vendor(vec![was]);
    let drafted = answer("logs", Status::NotStated, Vec::new(), None);
    let drafted = Answer {
        candidates: vec![candidate(LOGS, Some(days(30.0)))],
        ..drafted
    };
    let out = run(&old, &new_draft(vec![drafted], &[("5", LOGS)]));
    assert_eq!(out.redrafted, [("logs".to_string(), Why::ValueChanged)]);
}

#[test]
fn an_exception_added_after_the_quoted_words_is_widened() {
    let was = answer(
        "logs",
        Status::Stated,
        vec![quote("policy", "5", LOGS)],
        Some(days(365.0)),
    );
    let old = vendor(vec![was]);
    let longer = format!("{LOGS}ただし監査ログは2年間保存します。");
    let drafted = answer("logs", Status::NotStated, Vec::new(), None);
    let drafted = Answer {
        candidates: vec![candidate(&longer, Some(days(730.0)))],
        ..drafted
    };
    let out = run(&old, &new_draft(vec![drafted], &[("5", &longer)]));
    assert_eq!(out.redrafted, [("logs".to_string(), Why::Widened)]);
}

#[test]
fn a_quote_that_stands_but_is_not_the_reading_s_top_proposal_is_redrafted() {
    let was = answer(
        "backup",
        Status::Stated,
        vec![quote("policy", "2", BACKUP)],
        None,
    );
    let old = vendor(vec![was]);
    let drafted = answer(
        "backup",
        Status::Stated,
        vec![quote("policy-v4", "7", LOGS)],
        None,
    );
    let out = run(
        &old,
        &new_draft(vec![drafted], &[("2", BACKUP), ("7", LOGS)]),
    );
    assert_eq!(
        out.redrafted,
        [("backup".to_string(), Why::ReadingDisagrees)]
    );
    // The document did not change there: the draft proposes the reviewed form again, cited
    // where its quote now stands, the reading's passage among its candidates.
    let draft = &out.answers[0];
    assert!(draft.draft);
    assert_eq!(draft.summary.as_ref().unwrap().en, "backup as reviewed");
    assert_eq!(draft.quotes.len(), 1);
    assert_eq!(draft.quotes[0].text, BACKUP);
    assert_eq!(draft.quotes[0].section, "2");
    assert_eq!(draft.candidates[0].text, LOGS);
    assert!(draft.previous.is_some());
    assert!(
        !crate::changes::differs_from_previous(draft),
        "no change to list"
    );
}

#[test]
fn not_stated_is_kept_while_nothing_is_stated_and_newly_answered_when_it_is() {
    let old = vendor(vec![
        answer("backup", Status::NotStated, Vec::new(), None),
        answer("logs", Status::NotStated, Vec::new(), None),
    ]);
    let quiet = Answer {
        candidates: vec![candidate(BACKUP, None)],
        ..answer("backup", Status::NotStated, Vec::new(), None)
    };
    let stated = answer(
        "logs",
        Status::Stated,
        vec![quote("policy-v4", "7", LOGS)],
        Some(days(365.0)),
    );
    let out = run(
        &old,
        &new_draft(vec![quiet, stated], &[("2", BACKUP), ("7", LOGS)]),
    );
    assert_eq!(out.kept, ["backup"]);
    assert_eq!(out.answers[0].status, Status::NotStated);
    assert!(!out.answers[0].draft);
    assert_eq!(out.newly_answered, ["logs"]);
    let previous = out.answers[1].previous.as_deref().unwrap();
    assert_eq!(previous.status, Status::NotStated);
    assert!(out.answers[1].draft);
}

#[test]
fn a_draft_stays_a_draft_refreshed_keeping_its_last_reviewed_form() {
    let earlier = previous_of(
        &vendor(Vec::new()),
        &answer("backup", Status::Stated, Vec::new(), None),
    );
    let was = Answer {
        draft: true,
        previous: Some(Box::new(earlier.clone())),
        ..answer(
            "backup",
            Status::Stated,
            vec![quote("policy", "2", BACKUP)],
            None,
        )
    };
    let old = vendor(vec![was]);
    let drafted = answer(
        "backup",
        Status::Stated,
        vec![quote("policy-v4", "2", BACKUP)],
        None,
    );
    let out = run(&old, &new_draft(vec![drafted.clone()], &[("2", BACKUP)]));
    assert_eq!(out.refreshed, ["backup"]);
    assert!(out.kept.is_empty());
    assert_eq!(out.answers[0].quotes, drafted.quotes);
    assert_eq!(out.answers[0].previous.as_deref(), Some(&earlier));
}

#[test]
fn the_reviewer_s_note_stays_on_the_draft() {
    let note = Text {
        en: "Confirmed by phone.".into(),
        ja: None,
    };
    let was = Answer {
        note: Some(note.clone()),
        ..answer(
            "backup",
            Status::Stated,
            vec![quote("policy", "2", BACKUP)],
            None,
        )
    };
    let drafted = answer("backup", Status::NotStated, Vec::new(), None);
    let out = run(
        &vendor(vec![was]),
        &new_draft(vec![drafted], &[("9", LOGS)]),
    );
    assert_eq!(out.redrafted, [("backup".to_string(), Why::QuoteGone)]);
    assert_eq!(out.answers[0].note, Some(note));
}

#[test]
fn a_quote_of_a_link_alone_stands_as_written() {
    let link = "<https://example.com/contact/>";
    let was = answer(
        "contact",
        Status::Stated,
        vec![
            quote("policy", "2.16", BACKUP),
            quote("policy", "2.16", link),
        ],
        None,
    );
    let drafted = answer(
        "contact",
        Status::Stated,
        vec![quote("policy-v4", "2.16", BACKUP)],
        None,
    );
    let out = run(
        &vendor(vec![was.clone()]),
        &new_draft(vec![drafted.clone()], &[("2.16", BACKUP), ("2.16", link)]),
    );
    assert_eq!(out.kept, ["contact"]);
    assert_eq!(out.answers[0].quotes[1].text, link);
    let other = "<https://example.com/other/>";
    let out = run(
        &vendor(vec![was]),
        &new_draft(vec![drafted], &[("2.16", BACKUP), ("2.16", other)]),
    );
    assert_eq!(out.redrafted, [("contact".to_string(), Why::QuoteGone)]);
}

#[test]
fn a_reply_to_the_questionnaire_is_kept_with_its_document() {
    let reply = "解約後60日で削除します。";
    let questionnaire = Document {
        title: crate::import::answers::DOCUMENT_TITLE.into(),
        ..document("followup-answers-20261220", "", None)
    };
    let was = Answer {
        draft: true,
        candidates: vec![Candidate {
            document: "policy".into(),
            ..candidate(DELETION, None)
        }],
        ..answer(
            "deletion",
            Status::Stated,
            vec![quote("followup-answers-20261220", "row 3", reply)],
            None,
        )
    };
    let mut old = vendor(vec![was.clone()]);
    old.documents.push(questionnaire.clone());
    let drafted = answer("deletion", Status::NotStated, Vec::new(), None);
    let draft = new_draft(vec![drafted], &[("2", BACKUP)]);
    let mut out = run(&old, &draft);
    assert_eq!(out.replies, ["deletion"]);
    assert_eq!(out.answers[0].quotes, was.quotes);
    let listed = documents(&old, &mut out, &draft.documents);
    assert_eq!(listed, [draft.documents[0].clone(), questionnaire]);
    assert!(
        out.answers[0].candidates.is_empty(),
        "a candidate of the old document goes with it"
    );
}

#[test]
fn a_quote_inside_a_longer_proposed_passage_is_widened_and_keeps_its_yes() {
    let mut was = answer(
        "encryption",
        Status::Stated,
        vec![quote("policy", "4", "お客様データは暗号化して保存します。")],
        None,
    );
    was.polarity = Some(crate::catalog::Polarity::Yes);
    let old = vendor(vec![was]);
    let widened = "オプション契約の場合、お客様データは暗号化して保存します。";
    let drafted = answer(
        "encryption",
        Status::Stated,
        vec![quote("policy-v4", "4", widened)],
        None,
    );
    let out = run(&old, &new_draft(vec![drafted], &[("4", widened)]));
    assert_eq!(out.redrafted, [("encryption".to_string(), Why::Widened)]);
    let draft = &out.answers[0];
    assert!(draft.draft);
    let texts: Vec<&str> = draft.quotes.iter().map(|q| q.text.as_ref()).collect();
    assert_eq!(
        texts,
        [widened],
        "the old words are inside the new quote: once"
    );
    assert_eq!(draft.polarity, Some(crate::catalog::Polarity::Yes));
    assert!(
        crate::changes::differs_from_previous(draft),
        "a change to list"
    );
}

#[test]
fn a_bullet_before_the_quoted_words_is_the_same_passage() {
    let was = answer(
        "logs",
        Status::Stated,
        vec![quote("policy", "5", LOGS)],
        None,
    );
    let old = vendor(vec![was]);
    let bulleted = format!("・{LOGS}");
    let drafted = answer("logs", Status::NotStated, Vec::new(), None);
    let drafted = Answer {
        candidates: vec![candidate(&bulleted, None)],
        ..drafted
    };
    let out = run(&old, &new_draft(vec![drafted], &[("5", &bulleted)]));
    assert_eq!(out.kept, ["logs"]);
}

#[test]
fn an_answer_quoting_a_reply_and_the_document_keeps_the_reply_where_the_document_stands() {
    let reply = "解約後60日で削除します。";
    let questionnaire = Document {
        title: crate::import::answers::DOCUMENT_TITLE.into(),
        ..document("followup-answers-20261220", "", None)
    };
    let was = answer(
        "deletion",
        Status::Stated,
        vec![
            quote("followup-answers-20261220", "row 3", reply),
            quote("policy", "3.1", DELETION),
        ],
        None,
    );
    let mut old = vendor(vec![was]);
    old.documents.push(questionnaire.clone());
    let drafted = answer(
        "deletion",
        Status::Stated,
        vec![quote("policy-v4", "3.1", DELETION)],
        None,
    );
    let draft = new_draft(vec![drafted], &[("3.1", DELETION)]);
    let mut out = run(&old, &draft);
    assert_eq!(out.kept, ["deletion"]);
    let quotes = &out.answers[0].quotes;
    assert_eq!(
        quotes[0].document, "followup-answers-20261220",
        "the reply as it was"
    );
    assert_eq!(
        quotes[1].document, "policy-v4",
        "the document's quote cited anew"
    );
    let listed = documents(&old, &mut out, &draft.documents);
    assert!(
        listed.contains(&questionnaire),
        "the questionnaire stays listed"
    );
}

#[test]
fn a_draft_to_re_check_updated_again_stays_one() {
    let was = answer(
        "backup",
        Status::Stated,
        vec![quote("policy", "2", BACKUP)],
        None,
    );
    let old = vendor(vec![was]);
    let drafted = answer(
        "backup",
        Status::Stated,
        vec![quote("policy-v4", "7", LOGS)],
        None,
    );
    let draft = new_draft(vec![drafted], &[("2", BACKUP), ("7", LOGS)]);
    let first = run(&old, &draft);
    assert_eq!(
        first.redrafted,
        [("backup".to_string(), Why::ReadingDisagrees)]
    );
    // The same documents again, before anyone reviewed the draft.
    let mut once = vendor(first.answers.clone());
    once.documents = draft.documents.clone();
    let second = run(&once, &draft);
    assert_eq!(second.refreshed, ["backup"]);
    let again = &second.answers[0];
    assert_eq!(again.quotes[0].text, BACKUP, "still the reviewed form");
    assert_eq!(again.previous, first.answers[0].previous);
    assert!(!crate::changes::differs_from_previous(again));
}
