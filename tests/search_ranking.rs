//! Search ranks what a reviewer meant (issue 21, item 5), on the shipped catalogue: a
//! standard's number lists the certification controls first, words in a control's title or
//! question outrank the same words in vendors' answers, and letters scattered over long texts
//! do not list a control when anything holds the word closer.

use kurabe::catalog::{load_embedded, Catalog, Lang};
use kurabe::search::{Hit, SearchIndex};

fn catalog() -> Catalog {
    load_embedded().unwrap().catalog
}

fn search(catalog: &Catalog, query: &str) -> Vec<Hit> {
    let all: Vec<usize> = (0..catalog.vendors.len()).collect();
    SearchIndex::new(catalog).search(query, &all)
}

fn ids(catalog: &Catalog, hits: &[Hit]) -> Vec<String> {
    hits.iter()
        .map(|h| catalog.controls[h.control].control.id.clone())
        .collect()
}

/// A control's title and question in both languages, as search reads them (lowercase NFKC).
fn heading(catalog: &Catalog, control: usize) -> String {
    let c = &catalog.controls[control].control;
    [Lang::En, Lang::Ja]
        .iter()
        .flat_map(|&l| [c.title.get(l), c.question.get(l)])
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase()
}

/// Every text of a control a search reads: its own, and every vendor's answer.
fn texts(catalog: &Catalog, control: usize) -> Vec<String> {
    let c = &catalog.controls[control].control;
    let mut out = vec![heading(catalog, control), c.id.clone(), c.crosswalk.line()];
    for vi in 0..catalog.vendors.len() {
        let Some(a) = catalog.answer(vi, control) else {
            continue;
        };
        for text in [&a.summary, &a.note].into_iter().flatten() {
            out.push(text.en.to_string());
            out.extend(text.ja.as_deref().map(str::to_owned));
        }
        out.extend(a.value.iter().map(|v| v.shown(Lang::En)));
        out.extend(a.quotes.iter().map(|q| q.text.to_string()));
        out.push(catalog.vendors[vi].info.name.en.to_string());
    }
    out.into_iter().map(|t| t.to_lowercase()).collect()
}

#[test]
fn a_standards_number_lists_the_certifications_first_however_it_is_written() {
    let catalog = catalog();
    for query in [
        "iso27017",
        "ISO 27017",
        "27017",
        "ISO/IEC 27017",
        "ISO/IEC 27001",
    ] {
        let hits = search(&catalog, query);
        let listed = ids(&catalog, &hits);
        assert_eq!(
            listed.first().map(String::as_str),
            Some("certifications"),
            "{query:?}: {listed:?}"
        );
    }
    // The crosswalk ids still find the controls they map to, after the certifications.
    let hits = ids(&catalog, &search(&catalog, "iso27017"));
    assert!(hits.len() > 50, "{hits:?}");
    assert!(hits.iter().any(|id| id == "deletion-timing"), "{hits:?}");
}

#[test]
fn a_query_that_names_more_than_a_standard_keeps_the_text_ranking() {
    let catalog = catalog();
    // A clause: the control mapped to it first, not the certifications.
    let hits = ids(&catalog, &search(&catalog, "27017 CLD.8.1.5"));
    assert_eq!(hits.first().map(String::as_str), Some("deletion-timing"));
}

#[test]
fn 認証_lists_the_controls_whose_title_or_question_says_it_before_those_whose_answers_do() {
    let catalog = catalog();
    let hits = search(&catalog, "認証");
    let in_heading: Vec<bool> = hits
        .iter()
        .map(|h| heading(&catalog, h.control).contains("認証"))
        .collect();
    let headed = in_heading.iter().filter(|&&h| h).count();
    assert!(headed >= 2, "{:?}", ids(&catalog, &hits));
    assert!(
        in_heading.iter().take(headed).all(|&h| h),
        "a control that says 認証 only in its answers ranks above one whose heading says it: {:?}",
        ids(&catalog, &hits)
    );
    assert!(hits.len() > headed, "answers that say 認証 are still found");
    let first_two = ids(&catalog, &hits[..2]);
    for id in ["certifications", "certification-scope"] {
        assert!(first_two.iter().any(|f| f == id), "{first_two:?}");
    }
}

#[test]
fn a_word_in_a_title_or_question_outranks_it_in_the_vendors_answers() {
    let catalog = catalog();
    for query in ["deletion", "backup", "暗号化", "ログ"] {
        let hits = search(&catalog, query);
        let headed: Vec<bool> = hits
            .iter()
            .map(|h| heading(&catalog, h.control).contains(query))
            .collect();
        let n = headed.iter().filter(|&&h| h).count();
        assert!(n > 0 && n < hits.len(), "{query:?}: {headed:?}");
        assert!(
            headed.iter().take(n).all(|&h| h),
            "{query:?}: {:?}",
            ids(&catalog, &hits)
        );
    }
}

#[test]
fn abc_lists_only_controls_that_hold_its_letters_inside_one_word() {
    let catalog = catalog();
    let hits = search(&catalog, "abc");
    // Before: 32 controls, nearly all from letters scattered over words ("are backups").
    assert!(
        !hits.is_empty() && hits.len() <= 3,
        "{:?}",
        ids(&catalog, &hits)
    );
    for hit in &hits {
        let in_a_word = texts(&catalog, hit.control)
            .iter()
            .any(|t| in_one_word(t, "abc"));
        assert!(
            in_a_word,
            "{} holds a, b and c in no one word",
            catalog.controls[hit.control].control.id
        );
    }
}

#[test]
fn scattered_letters_still_find_something_when_nothing_is_closer() {
    let catalog = catalog();
    // No text holds d, q and a in one word: scattered over words ("data … earthquake"), they
    // are all there is, and they are listed.
    let hits = search(&catalog, "dqa");
    assert!(!hits.is_empty());
    for hit in &hits {
        assert!(!texts(&catalog, hit.control)
            .iter()
            .any(|t| in_one_word(t, "dqa")));
    }
}

#[test]
fn an_abbreviation_inside_one_word_finds_that_words_controls_titles_first() {
    let catalog = catalog();
    let listed = ids(&catalog, &search(&catalog, "bkup"));
    assert!(
        listed.first().is_some_and(|id| id.starts_with("backup")),
        "{listed:?}"
    );
}

/// Whether `letters` occur in order inside one word of `text`.
fn in_one_word(text: &str, letters: &str) -> bool {
    text.split(|c: char| !c.is_alphanumeric()).any(|word| {
        let mut rest = word.chars();
        letters.chars().all(|c| rest.any(|w| w == c))
    })
}
