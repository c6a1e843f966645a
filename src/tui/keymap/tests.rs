//! Key resolution per input mode, and the help and hints generated from the table.

use super::*;
use InputKind::{CategoryPicker, ExportPicker, Help, Normal, Note, ProfilePicker, Search};

fn key(code: KeyCode) -> KeyEvent {
    KeyEvent::new(code, KeyModifiers::NONE)
}

fn ch(c: char) -> KeyEvent {
    key(KeyCode::Char(c))
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn slash_starts_a_search_when_browsing_but_is_text_in_the_search_box() {
    assert_eq!(resolve(ch('/'), Normal), Some(Action::StartSearch));
    assert_eq!(resolve(ch('/'), Search), Some(Action::SearchInput('/')));
    assert_eq!(
        resolve(ch('/'), Note),
        Some(Action::Note(NoteEdit::Insert('/')))
    );
}

#[test]
fn letters_that_are_commands_when_browsing_are_text_in_the_search_box_and_the_note() {
    for c in "jkhlgGdscvLerfnq?pxuoF".chars() {
        assert_ne!(resolve(ch(c), Normal), None, "{c}");
        assert_eq!(resolve(ch(c), Search), Some(Action::SearchInput(c)), "{c}");
        assert_eq!(
            resolve(ch(c), Note),
            Some(Action::Note(NoteEdit::Insert(c))),
            "{c}"
        );
    }
    assert_eq!(resolve(ch('w'), Normal), None);
}

#[test]
fn enter_in_the_search_box_keeps_the_query_esc_clears_it_and_ctrl_u_empties_it() {
    assert_eq!(
        resolve(key(KeyCode::Enter), Search),
        Some(Action::SearchAccept)
    );
    assert_eq!(resolve(key(KeyCode::Esc), Search), Some(Action::Back));
    assert_eq!(resolve(ctrl('u'), Search), Some(Action::SearchClear));
    assert_eq!(resolve(ctrl('u'), Normal), None);
    assert_eq!(
        resolve(key(KeyCode::Backspace), Search),
        Some(Action::SearchBackspace)
    );
    assert_eq!(resolve(key(KeyCode::Down), Search), Some(Action::Down));
}

#[test]
fn browsing_keys_resolve_to_their_actions() {
    let cases = [
        (key(KeyCode::Home), Action::Top),
        (key(KeyCode::End), Action::Bottom),
        (ch('g'), Action::Top),
        (ch('G'), Action::Bottom),
        (key(KeyCode::PageDown), Action::PageDown),
        (key(KeyCode::Tab), Action::SwitchPane),
        (
            KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
            Action::SwitchPane,
        ),
        (ch('1'), Action::ToggleVendor(0)),
        (ch('9'), Action::ToggleVendor(8)),
        (ch('k'), Action::Up),
        (key(KeyCode::Left), Action::Left),
        (ch('?'), Action::ToggleHelp),
        (ctrl('c'), Action::Quit),
    ];
    for (k, action) in cases {
        assert_eq!(resolve(k, Normal), Some(action), "{k:?}");
    }
    assert_eq!(resolve(ch('0'), Normal), None);
    assert_eq!(
        resolve(ctrl('j'), Normal),
        None,
        "Ctrl with a letter is not the letter"
    );
}

#[test]
fn ctrl_c_quits_in_every_mode_and_ctrl_s_saves_only_a_note() {
    for mode in ALL_MODES {
        assert_eq!(resolve(ctrl('c'), *mode), Some(Action::Quit), "{mode:?}");
    }
    assert_eq!(resolve(ctrl('s'), Note), Some(Action::SaveNote));
    assert_eq!(resolve(ctrl('s'), Normal), None);
}

#[test]
fn the_note_editor_moves_its_cursor_and_esc_cancels() {
    let cases = [
        (KeyCode::Enter, NoteEdit::Newline),
        (KeyCode::Home, NoteEdit::Home),
        (KeyCode::End, NoteEdit::End),
        (KeyCode::Delete, NoteEdit::Delete),
        (KeyCode::Backspace, NoteEdit::Backspace),
        (KeyCode::Up, NoteEdit::Up),
    ];
    for (code, edit) in cases {
        assert_eq!(
            resolve(key(code), Note),
            Some(Action::Note(edit)),
            "{code:?}"
        );
    }
    assert_eq!(resolve(key(KeyCode::Esc), Note), Some(Action::Back));
    assert_eq!(resolve(key(KeyCode::Tab), Note), None);
}

#[test]
fn the_pickers_jump_and_close_on_q_and_esc() {
    assert_eq!(resolve(ch('l'), CategoryPicker), Some(Action::Enter));
    assert_eq!(resolve(ch('c'), CategoryPicker), Some(Action::Back));
    assert_eq!(
        resolve(key(KeyCode::End), CategoryPicker),
        Some(Action::Bottom)
    );
    assert_eq!(resolve(ch('/'), CategoryPicker), None);
    for mode in [CategoryPicker, ExportPicker, ProfilePicker] {
        assert_eq!(resolve(ch('q'), mode), Some(Action::Back), "{mode:?}");
        assert_eq!(
            resolve(key(KeyCode::Esc), mode),
            Some(Action::Back),
            "{mode:?}"
        );
    }
    assert_eq!(resolve(ch('q'), Normal), Some(Action::Quit));
}

#[test]
fn in_the_help_arrows_scroll_and_q_esc_or_any_other_key_closes() {
    assert_eq!(
        resolve(ch('j'), Help),
        Some(Action::HelpScroll {
            down: true,
            page: false
        })
    );
    assert_eq!(
        resolve(key(KeyCode::PageUp), Help),
        Some(Action::HelpScroll {
            down: false,
            page: true
        })
    );
    assert_eq!(resolve(ch('q'), Help), Some(Action::ToggleHelp));
    assert_eq!(resolve(ch('x'), Help), Some(Action::ToggleHelp));
    assert_eq!(resolve(key(KeyCode::Esc), Help), Some(Action::ToggleHelp));
}

#[test]
fn every_binding_has_help_in_both_languages_and_works_in_some_mode() {
    for b in BINDINGS {
        assert!(!b.modes.is_empty() && !b.keys.is_empty(), "{b:?}");
        assert!(!b.help.en.is_empty() && !b.help.ja.is_empty(), "{b:?}");
        if let Some(h) = b.hint {
            assert!(!h.label.en.is_empty() && !h.label.ja.is_empty(), "{b:?}");
        }
    }
}

#[test]
fn every_key_the_table_names_resolves_in_its_modes_to_what_the_table_says() {
    // Nothing earlier in the table shadows a later key in a mode it works in.
    for b in BINDINGS {
        for &mode in b.modes {
            for (k, does) in b.keys {
                let event = match k {
                    Key::Char(c) => ch(*c),
                    Key::Code(code) => key(*code),
                    Key::Ctrl(c) => ctrl(*c),
                    Key::Digit => ch('5'),
                    Key::Text => ch('あ'),
                    Key::Any => key(KeyCode::F(5)),
                    Key::Mouse => continue,
                };
                let code = event.code;
                assert_eq!(resolve(event, mode), does.action(code), "{k:?} in {mode:?}");
            }
        }
    }
}

#[test]
fn the_help_lists_every_section_and_binding_in_the_chosen_language() {
    for lang in [Lang::En, Lang::Ja] {
        let lines = help_lines(lang);
        for (_, title) in SECTIONS {
            assert!(lines.contains(&HelpLine::Heading(title.get(lang))));
        }
        let keys = lines
            .iter()
            .filter(|l| matches!(l, HelpLine::Key { .. }))
            .count();
        assert_eq!(keys, BINDINGS.len());
    }
    let ja = help_lines(Lang::Ja);
    assert!(ja.contains(&HelpLine::Key {
        keys: "g G Home End".to_string(),
        help: "先頭 / 末尾"
    }));
}

#[test]
fn hints_name_their_keys_and_change_with_the_view_and_language() {
    let control = hints(Normal, false, Lang::En);
    assert_eq!(
        control,
        "/ search · Tab pane · v matrix · 1-9 vendors · d differ · s silent · c category · \
         r verdict · n note · f verdicts · L lang · e export · ? help · q quit"
    );
    assert!(hints(Normal, true, Lang::En).contains("v control view"));
    assert!(hints(Normal, false, Lang::Ja).contains("/ 検索"));
    assert_eq!(
        hints(Search, false, Lang::En),
        "type to search · Enter keep · Esc clear · ↓/↑ move"
    );
    assert_eq!(hints(Help, false, Lang::En), "j/k scroll · Esc/q close");
    assert!(hints(CategoryPicker, false, Lang::En).contains("Esc/q close"));
    assert!(!hints(CategoryPicker, false, Lang::En).contains("quit"));
}

#[test]
fn every_key_of_the_table_has_a_name_in_the_help() {
    for b in BINDINGS {
        for (k, _) in b.keys {
            for lang in [Lang::En, Lang::Ja] {
                let label = k.label(lang);
                assert!(
                    !label.is_empty() && (label != "?" || *k == Key::Char('?')),
                    "{k:?} has no name"
                );
            }
        }
    }
}

/// Whether an action is about reviewing drafts.
fn reviews_drafts(action: &Action) -> bool {
    use Action::*;
    matches!(
        action,
        OpenDraft
            | OpenQueue
            | ToggleDraftsFilter
            | ToggleChangedFilter
            | ToggleMaskDrafts
            | DraftMove { .. }
            | DraftToggle
            | DraftReject
            | DraftPolarity
            | DraftEdit(_)
            | DraftConfirm
            | DraftClose
            | DraftText(_)
            | DraftTextSave
            | DraftTextCancel
            | DraftSettle { .. }
            | QueueStep { .. }
            | BulkOpen
            | BulkMove { .. }
            | BulkToggle
            | BulkConfirm
            | BulkCancel
    )
}

#[test]
fn the_keys_that_review_drafts_come_from_one_part_of_the_table() {
    let acts = |b: &Binding| {
        b.keys.iter().any(|(_, does)| match does {
            Does::Act(action) => reviews_drafts(action),
            Does::DraftInsert => true,
            _ => false,
        })
    };
    for b in review::REVIEW {
        assert!(acts(b), "{b:?} is in the review part");
    }
    let elsewhere = BINDINGS.len() - review::REVIEW.len();
    let others: Vec<&Binding> = BINDINGS.iter().take(elsewhere).collect();
    assert!(
        others.iter().all(|b| !acts(b)),
        "{:?}",
        others.iter().find(|b| acts(b))
    );
}

#[test]
fn the_queue_opens_with_a_capital_a_and_q_closes_the_panel_without_quitting() {
    use InputKind::{BulkConfirm, Drafts};
    assert_eq!(resolve(ch('A'), Normal), Some(Action::OpenQueue));
    assert_eq!(resolve(ch('a'), Normal), Some(Action::OpenDraft));
    assert_eq!(resolve(ch('q'), Drafts), Some(Action::DraftClose));
    assert_eq!(resolve(key(KeyCode::Esc), Drafts), Some(Action::DraftClose));
    assert_eq!(
        resolve(ch('n'), Drafts),
        Some(Action::QueueStep { forward: true })
    );
    assert_eq!(
        resolve(key(KeyCode::Left), Drafts),
        Some(Action::QueueStep { forward: false })
    );
    assert_eq!(
        resolve(key(KeyCode::Enter), Drafts),
        Some(Action::DraftConfirm)
    );
    assert_eq!(resolve(ch('B'), Drafts), Some(Action::BulkOpen));
    assert_eq!(
        resolve(ch('O'), Drafts),
        Some(Action::DraftSettle { take_theirs: false })
    );
    assert_eq!(
        resolve(ch('T'), Drafts),
        Some(Action::DraftSettle { take_theirs: true })
    );
    assert_eq!(resolve(ch('q'), BulkConfirm), Some(Action::BulkCancel));
    assert_eq!(resolve(ch(' '), BulkConfirm), Some(Action::BulkToggle));
    assert_eq!(
        resolve(key(KeyCode::Enter), BulkConfirm),
        Some(Action::BulkConfirm)
    );
    assert_eq!(resolve(ch('x'), BulkConfirm), None);
    // Left free for the lifecycle's keys.
    for free in "bitwz".chars() {
        assert_eq!(resolve(ch(free), Normal), None, "{free}");
    }
}

#[test]
fn a_cut_hint_bar_keeps_the_help_key_and_marks_what_it_left_out() {
    let full = hints(Normal, false, Lang::En);
    assert_eq!(hints_within(Normal, false, Lang::En, 500), full);
    for room in [30, 50, 80] {
        let cut = hints_within(Normal, false, Lang::En, room);
        assert!(crate::text::width(&cut) <= room, "{room}: {cut}");
        assert!(cut.ends_with("… · ? help"), "{room}: {cut}");
        assert!(cut.starts_with("/ search"), "{room}: {cut}");
    }
    let ja = hints_within(Normal, true, Lang::Ja, 60);
    assert!(ja.ends_with("? ヘルプ") && ja.contains('…'), "{ja}");
    assert!(crate::text::width(&ja) <= 60, "{ja}");
    // In the help, the keys that close it stay.
    assert!(hints_within(Help, false, Lang::En, 20).contains("Esc/q close"));
}
