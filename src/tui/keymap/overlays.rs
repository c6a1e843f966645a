//! The key table's second part: the search box and the overlays (pickers, note editor, draft
//! review, help), in the order the help shows them. Read as one with [`super::table`].

use super::table::{c, ctrl, help_scroll, hint, k, note, t, DOWN, LEFT, RIGHT, UP};
use super::{Binding, Does, Key};
use crate::tui::action::Action::{self, *};
use crate::tui::action::NoteEdit;
use crate::tui::app::InputKind::{
    CategoryPicker, ExportPicker, Help, Note, ProfilePicker, QuitPrompt, Search, UnsavedOffer,
};
use crate::tui::export::ExportFormat;
use ratatui::crossterm::event::KeyCode::{
    Backspace, Delete, End, Enter, Esc, Home, PageDown, PageUp,
};

pub(super) const OVERLAYS: &[Binding] = &[
    // The search box.
    Binding {
        modes: &[Search],
        keys: &[(Key::Text, Does::SearchInput)],
        help: t("type the query", "検索語を入力"),
        hint: hint(1, "type to search", "入力して検索"),
    },
    Binding {
        modes: &[Search],
        keys: &[k(Enter, SearchAccept)],
        help: t(
            "keep the query and go back to browsing",
            "検索語を残して一覧に戻る",
        ),
        hint: hint(1, "keep", "確定"),
    },
    Binding {
        modes: &[Search],
        keys: &[k(Esc, Back)],
        help: t(
            "clear the query and go back to browsing",
            "検索語を消去して一覧に戻る",
        ),
        hint: hint(1, "clear", "消去"),
    },
    Binding {
        modes: &[Search],
        keys: &[ctrl('u', SearchClear)],
        help: t(
            "clear the query, staying in the search box",
            "検索語を消去(検索欄のまま)",
        ),
        hint: None,
    },
    Binding {
        modes: &[Search],
        keys: &[k(Backspace, SearchBackspace)],
        help: t("delete the last character", "最後の1文字を削除"),
        hint: None,
    },
    Binding {
        modes: &[Search],
        keys: &[k(DOWN, Down), k(UP, Up)],
        help: t("move through the results", "結果を上下に移動"),
        hint: hint(2, "move", "移動"),
    },
    // The category picker.
    Binding {
        modes: &[CategoryPicker],
        keys: &[c('j', Down), c('k', Up), k(DOWN, Down), k(UP, Up)],
        help: t("move down / up", "下へ / 上へ"),
        hint: hint(2, "move", "移動"),
    },
    Binding {
        modes: &[CategoryPicker],
        keys: &[c('g', Top), c('G', Bottom), k(Home, Top), k(End, Bottom)],
        help: t("first / last", "先頭 / 末尾"),
        hint: None,
    },
    Binding {
        modes: &[CategoryPicker],
        keys: &[
            k(Enter, Action::Enter),
            c('l', Action::Enter),
            k(RIGHT, Action::Enter),
        ],
        help: t("jump to the category", "そのカテゴリへ移動"),
        hint: hint(1, "jump", "移動"),
    },
    Binding {
        modes: &[CategoryPicker],
        keys: &[k(Esc, Back), c('q', Back), c('c', Back)],
        help: t("close", "閉じる"),
        hint: hint(2, "close", "閉じる"),
    },
    // The requirements profile picker.
    Binding {
        modes: &[ProfilePicker],
        keys: &[c('j', Down), c('k', Up), k(DOWN, Down), k(UP, Up)],
        help: t("move down / up", "下へ / 上へ"),
        hint: hint(2, "move", "移動"),
    },
    Binding {
        modes: &[ProfilePicker],
        keys: &[c('g', Top), c('G', Bottom), k(Home, Top), k(End, Bottom)],
        help: t("first / last", "先頭 / 末尾"),
        hint: None,
    },
    Binding {
        modes: &[ProfilePicker],
        keys: &[
            k(Enter, Action::Enter),
            c('l', Action::Enter),
            k(RIGHT, Action::Enter),
        ],
        help: t(
            "judge the answers against this profile (or none)",
            "この基準で判定する(またはなし)",
        ),
        hint: hint(1, "choose", "選択"),
    },
    Binding {
        modes: &[ProfilePicker],
        keys: &[k(Esc, Back), c('q', Back), c('p', Back)],
        help: t("close", "閉じる"),
        hint: hint(2, "close", "閉じる"),
    },
    // The note editor.
    Binding {
        modes: &[Note],
        keys: &[(Key::Text, Does::NoteInsert)],
        help: t("type the note", "メモを入力"),
        hint: hint(1, "type the note", "メモを入力"),
    },
    Binding {
        modes: &[Note],
        keys: &[note(Enter, NoteEdit::Newline)],
        help: t("new line", "改行"),
        hint: hint(1, "new line", "改行"),
    },
    Binding {
        modes: &[Note],
        keys: &[
            note(LEFT, NoteEdit::Left),
            note(RIGHT, NoteEdit::Right),
            note(UP, NoteEdit::Up),
            note(DOWN, NoteEdit::Down),
            note(Home, NoteEdit::Home),
            note(End, NoteEdit::End),
        ],
        help: t(
            "move the cursor; to the start / end of the line",
            "カーソル移動。行頭 / 行末へ",
        ),
        hint: None,
    },
    Binding {
        modes: &[Note],
        keys: &[
            note(Backspace, NoteEdit::Backspace),
            note(Delete, NoteEdit::Delete),
        ],
        help: t(
            "delete before / at the cursor",
            "カーソルの前 / 位置の文字を削除",
        ),
        hint: None,
    },
    Binding {
        modes: &[Note],
        keys: &[ctrl('s', SaveNote)],
        help: t("save the note", "メモを保存"),
        hint: hint(1, "save", "保存"),
    },
    Binding {
        modes: &[Note],
        keys: &[k(Esc, Back)],
        help: t("cancel", "取り消し"),
        hint: hint(1, "cancel", "取り消し"),
    },
    // The export picker.
    Binding {
        modes: &[ExportPicker],
        keys: &[c('j', Down), c('k', Up), k(DOWN, Down), k(UP, Up)],
        help: t("move down / up", "下へ / 上へ"),
        hint: hint(2, "move", "移動"),
    },
    Binding {
        modes: &[ExportPicker],
        keys: &[k(Enter, Action::Enter)],
        help: t("export in the highlighted format", "選んだ形式で書き出す"),
        hint: hint(1, "export", "書き出し"),
    },
    Binding {
        modes: &[ExportPicker],
        keys: &[
            c('m', ExportAs(ExportFormat::Markdown)),
            c('x', ExportAs(ExportFormat::Excel)),
            c('c', ExportAs(ExportFormat::Csv)),
        ],
        help: t(
            "export as markdown / Excel workbook / CSV",
            "Markdown / Excel ブック / CSV で書き出す",
        ),
        hint: hint(3, "md/Excel/CSV", "md/Excel/CSV"),
    },
    Binding {
        modes: &[ExportPicker],
        keys: &[k(Esc, Back), c('q', Back), c('e', Back)],
        help: t("close", "閉じる"),
        hint: hint(2, "close", "閉じる"),
    },
    // Asked before quitting with changes not saved.
    Binding {
        modes: &[QuitPrompt],
        keys: &[c('s', SaveUnsaved)],
        help: t(
            "try saving them again (and quit once saved)",
            "もう一度保存する(保存できたら終了)",
        ),
        hint: hint(1, "save", "保存"),
    },
    Binding {
        modes: &[QuitPrompt],
        keys: &[c('q', Quit), c('y', Quit)],
        help: t(
            "quit: they stay kept, offered at the next start",
            "終了: 変更は保持し、次回の起動時に確認",
        ),
        hint: hint(2, "quit", "終了"),
    },
    Binding {
        modes: &[QuitPrompt],
        keys: &[k(Esc, Back), c('n', Back)],
        help: t("stay", "終了しない"),
        hint: hint(1, "stay", "戻る"),
    },
    // The changes the last run could not save.
    Binding {
        modes: &[UnsavedOffer],
        keys: &[c('s', SaveUnsaved), k(Enter, SaveUnsaved)],
        help: t(
            "save them now (merged with the files as they are)",
            "今すぐ保存する(ファイルの現在の内容とマージ)",
        ),
        hint: hint(1, "save", "保存"),
    },
    Binding {
        modes: &[UnsavedOffer],
        keys: &[c('d', DropUnsaved)],
        help: t("drop them", "破棄する"),
        hint: hint(1, "drop", "破棄"),
    },
    Binding {
        modes: &[UnsavedOffer],
        keys: &[k(Esc, Back), c('n', Back)],
        help: t(
            "later: they stay kept, offered at the next start",
            "後で: 保持したまま、次回の起動時に確認",
        ),
        hint: hint(1, "later", "後で"),
    },
    // This help.
    Binding {
        modes: &[Help],
        keys: &[
            c('j', help_scroll(true, false)),
            c('k', help_scroll(false, false)),
            k(DOWN, help_scroll(true, false)),
            k(UP, help_scroll(false, false)),
            k(PageDown, help_scroll(true, true)),
            k(PageUp, help_scroll(false, true)),
        ],
        help: t("scroll this help", "このヘルプをスクロール"),
        hint: hint(2, "scroll", "スクロール"),
    },
    Binding {
        modes: &[Help],
        keys: &[(Key::Mouse, Does::Nothing)],
        help: t(
            "wheel to scroll, click to close",
            "ホイールでスクロール、クリックで閉じる",
        ),
        hint: None,
    },
    Binding {
        modes: &[Help],
        keys: &[k(Esc, ToggleHelp), c('q', ToggleHelp)],
        help: t("close this help", "このヘルプを閉じる"),
        hint: hint(2, "close", "閉じる"),
    },
    Binding {
        modes: &[Help],
        keys: &[(Key::Any, Does::Act(ToggleHelp))],
        help: t("closes it too", "これでも閉じる"),
        hint: None,
    },
];
