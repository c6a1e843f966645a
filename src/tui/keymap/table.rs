//! Every key of the browser, in the order the help shows them. Key resolution, the `?` help,
//! the hint bar and the README's key table are all generated from this table; the keys of
//! the search box and the overlays are in [`super::overlays`].

use super::overlays::OVERLAYS;
use super::review::REVIEW;
use super::{Binding, Does, Hint, Key, Table, Text, ALL_MODES};
use crate::tui::action::Action::{self, *};
use crate::tui::action::NoteEdit;
use crate::tui::app::InputKind::Normal;
use ratatui::crossterm::event::KeyCode::{
    self, BackTab, End, Enter, Esc, Home, PageDown, PageUp, Tab,
};

pub(super) const fn t(en: &'static str, ja: &'static str) -> Text {
    Text { en, ja }
}

/// A hint for the bar at the bottom: the binding's first `keys` keys and a short label.
pub(super) const fn hint(keys: usize, en: &'static str, ja: &'static str) -> Option<Hint> {
    Some(Hint {
        keys,
        label: t(en, ja),
        in_matrix: None,
    })
}

pub(super) const fn c(ch: char, action: Action) -> (Key, Does) {
    (Key::Char(ch), Does::Act(action))
}

pub(super) const fn k(code: KeyCode, action: Action) -> (Key, Does) {
    (Key::Code(code), Does::Act(action))
}

pub(super) const fn ctrl(ch: char, action: Action) -> (Key, Does) {
    (Key::Ctrl(ch), Does::Act(action))
}

pub(super) const fn note(code: KeyCode, edit: NoteEdit) -> (Key, Does) {
    (Key::Code(code), Does::Act(Action::Note(edit)))
}

pub(super) const fn draft_text(code: KeyCode, edit: NoteEdit) -> (Key, Does) {
    (Key::Code(code), Does::Act(Action::DraftText(edit)))
}

pub(super) const fn help_scroll(down: bool, page: bool) -> Action {
    HelpScroll { down, page }
}

pub(super) const UP: KeyCode = KeyCode::Up;
pub(super) const DOWN: KeyCode = KeyCode::Down;
pub(super) const LEFT: KeyCode = KeyCode::Left;
pub(super) const RIGHT: KeyCode = KeyCode::Right;

/// The whole table, in order: browsing, then the search box and the overlays
/// (`overlays.rs`), then reviewing drafts (`review.rs`).
pub const BINDINGS: Table = Table(&[BROWSING, OVERLAYS, REVIEW]);

const BROWSING: &[Binding] = &[
    // Browsing.
    Binding {
        modes: &[Normal],
        keys: &[c('j', Down), c('k', Up), k(DOWN, Down), k(UP, Up)],
        help: t(
            "move down / up (scroll answers in the right pane)",
            "下へ / 上へ(右側では回答をスクロール)",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('h', Left), c('l', Right), k(LEFT, Left), k(RIGHT, Right)],
        help: t(
            "collapse / expand; in the comparison, pick a vendor",
            "カテゴリを閉じる / 開く。比較側では事業者を選ぶ",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('g', Top), c('G', Bottom), k(Home, Top), k(End, Bottom)],
        help: t("first / last", "先頭 / 末尾"),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[k(PageUp, Action::PageUp), k(PageDown, Action::PageDown)],
        help: t("page up / down", "1画面上へ / 下へ"),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[k(Enter, Action::Enter)],
        help: t(
            "expand category / open control / show matrix row",
            "カテゴリを開く / 管理策を開く / 一覧表の行を表示",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('/', StartSearch)],
        help: t(
            "fuzzy search (Enter keeps the query, Esc clears it)",
            "あいまい検索(Enter で確定、Esc で消去)",
        ),
        hint: hint(1, "search", "検索"),
    },
    Binding {
        modes: &[Normal],
        keys: &[k(Tab, SwitchPane), k(BackTab, SwitchPane)],
        help: t(
            "switch between the category list and the comparison",
            "カテゴリ一覧と比較を切り替え",
        ),
        hint: hint(1, "pane", "切替"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('v', ToggleViewMode)],
        help: t(
            "switch control view / category matrix",
            "管理策ビュー / カテゴリ一覧表を切り替え",
        ),
        hint: Some(Hint {
            keys: 1,
            label: t("matrix", "一覧表"),
            in_matrix: Some(t("control view", "管理策ビュー")),
        }),
    },
    Binding {
        modes: &[Normal],
        keys: &[k(Esc, Back)],
        help: t(
            "clear the search / back to the list",
            "検索を消去 / 一覧に戻る",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[(Key::Digit, Does::ToggleVendor)],
        help: t("show / hide vendor N", "事業者 N を表示 / 非表示"),
        hint: hint(1, "vendors", "事業者"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('d', ToggleDifferences)],
        help: t(
            "only controls where the shown vendors differ",
            "表示中の事業者で回答が異なる管理策だけ",
        ),
        hint: hint(1, "differ", "相違"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('s', ToggleUnstated)],
        help: t(
            "only controls where a shown vendor states nothing",
            "表示中の事業者が記載していない管理策だけ",
        ),
        hint: hint(1, "silent", "記載なし"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('R', ShowDueVendors)],
        help: t(
            "only vendors due for re-assessment (again: all)",
            "再評価の時期の事業者だけ(もう一度で全事業者)",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('c', OpenCategoryPicker)],
        help: t("jump to a category", "カテゴリへ移動"),
        hint: hint(1, "category", "カテゴリ"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('r', CycleVerdict)],
        help: t(
            "cycle the verdict on the selected answer",
            "選択中の回答の判定を切り替え",
        ),
        hint: hint(1, "verdict", "判定"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('n', EditNote)],
        help: t("note on the selected answer", "選択中の回答へのメモ"),
        hint: hint(1, "note", "メモ"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('f', CycleVerdictFilter)],
        help: t(
            "only answers with a given verdict",
            "指定した判定の回答だけ",
        ),
        hint: hint(1, "verdicts", "判定絞込"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('p', OpenProfilePicker)],
        help: t(
            "requirements profile to judge the answers against",
            "回答を判定する社内基準を選ぶ",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('x', ToggleFailing)],
        help: t(
            "only controls where a shown vendor fails a requirement",
            "表示中の事業者が基準に不適合の管理策だけ",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('u', ToggleUnresolved)],
        help: t(
            "only controls left to check or not stated",
            "基準の判定が未決(要判断・記載なし)の管理策だけ",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('o', SortByScore)],
        help: t(
            "order the vendors by score (fewest must failures first)",
            "事業者を判定順に並べる(必須の不適合が少ない順)",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('F', WriteFollowup)],
        help: t(
            "follow-up questions for the selected vendor (markdown)",
            "選択中の事業者への追加質問票を書き出す(Markdown)",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('L', ToggleLanguage)],
        help: t("language: English / 日本語", "表示言語: English / 日本語"),
        hint: hint(1, "lang", "言語"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('e', Export)],
        help: t(
            "export the view as markdown, Excel or CSV (a new file)",
            "表示中の内容を書き出す: Markdown、Excel、CSV",
        ),
        hint: hint(1, "export", "書き出し"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('y', Copy)],
        help: t(
            "copy the comparison as TSV (pastes into Excel)",
            "比較をタブ区切りでコピー(Excel に貼り付け可)",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('?', ToggleHelp)],
        help: t("this help", "このヘルプ"),
        hint: hint(1, "help", "ヘルプ"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('q', Quit)],
        help: t(
            "quit (asks first when changes are not saved)",
            "終了(未保存の変更があれば先に確認)",
        ),
        hint: hint(1, "quit", "終了"),
    },
    Binding {
        modes: ALL_MODES,
        keys: &[ctrl('c', Quit)],
        help: t("quit, wherever you are", "どこからでも終了"),
        hint: None,
    },
    Binding {
        modes: ALL_MODES,
        keys: &[ctrl('z', Suspend)],
        help: t(
            "suspend to the shell (`fg` comes back)",
            "シェルに一時停止(`fg` で再開)",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[(Key::Mouse, Does::Nothing)],
        help: t(
            "click to select, wheel to scroll",
            "クリックで選択、ホイールでスクロール",
        ),
        hint: None,
    },
];
