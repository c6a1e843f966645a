//! Every key of the browser, in the order the help shows them. Key resolution, the `?` help,
//! the hint bar and the README's key table are all generated from this table.

use super::{Binding, Does, Hint, Key, Text, ALL_MODES};
use crate::tui::action::Action::{self, *};
use crate::tui::action::NoteEdit;
use crate::tui::app::InputMode::{
    CategoryPicker, DraftEdit, Drafts, ExportPicker, Help, Normal, Note, ProfilePicker, Search,
};
use crate::tui::drafts::Field;
use crate::tui::export::ExportFormat;
use ratatui::crossterm::event::KeyCode::{
    self, BackTab, Backspace, Delete, End, Enter, Esc, Home, PageDown, PageUp, Tab,
};

const fn t(en: &'static str, ja: &'static str) -> Text {
    Text { en, ja }
}

/// A hint for the bar at the bottom: the binding's first `keys` keys and a short label.
const fn hint(keys: usize, en: &'static str, ja: &'static str) -> Option<Hint> {
    Some(Hint {
        keys,
        label: t(en, ja),
        in_matrix: None,
    })
}

const fn c(ch: char, action: Action) -> (Key, Does) {
    (Key::Char(ch), Does::Act(action))
}

const fn k(code: KeyCode, action: Action) -> (Key, Does) {
    (Key::Code(code), Does::Act(action))
}

const fn ctrl(ch: char, action: Action) -> (Key, Does) {
    (Key::Ctrl(ch), Does::Act(action))
}

const fn note(code: KeyCode, edit: NoteEdit) -> (Key, Does) {
    (Key::Code(code), Does::Act(Action::Note(edit)))
}

const fn draft_text(code: KeyCode, edit: NoteEdit) -> (Key, Does) {
    (Key::Code(code), Does::Act(Action::DraftText(edit)))
}

const fn help_scroll(down: bool, page: bool) -> Action {
    HelpScroll { down, page }
}

const UP: KeyCode = KeyCode::Up;
const DOWN: KeyCode = KeyCode::Down;
const LEFT: KeyCode = KeyCode::Left;
const RIGHT: KeyCode = KeyCode::Right;

pub const BINDINGS: &[Binding] = &[
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
            "カテゴリを閉じる / 開く。比較側ではベンダーを選ぶ",
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
        help: t("show / hide vendor N", "ベンダー N を表示 / 非表示"),
        hint: hint(1, "vendors", "ベンダー"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('d', ToggleDifferences)],
        help: t(
            "only controls where the shown vendors differ",
            "表示中のベンダーで回答が異なる管理策だけ",
        ),
        hint: hint(1, "differ", "相違"),
    },
    Binding {
        modes: &[Normal],
        keys: &[c('s', ToggleUnstated)],
        help: t(
            "only controls where a shown vendor states nothing",
            "表示中のベンダーが記載していない管理策だけ",
        ),
        hint: hint(1, "silent", "記載なし"),
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
        keys: &[c('D', ToggleDraftsFilter)],
        help: t(
            "only controls with unconfirmed imported drafts",
            "未確認の取り込み回答(下書き)がある管理策だけ",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('a', OpenDraft)],
        help: t(
            "review the selected draft answer",
            "選択中の下書き回答を確認: 候補・要約・値",
        ),
        hint: None,
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
            "表示中の事業者が基準に不適合の項目だけ",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('u', ToggleUnresolved)],
        help: t(
            "only controls left to check or not stated",
            "基準の判定が未決(要判断・記載なし)の項目だけ",
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
        modes: &[
            Normal,
            CategoryPicker,
            ExportPicker,
            ProfilePicker,
            Help,
            Drafts,
        ],
        keys: &[c('q', Quit)],
        help: t("quit", "終了"),
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
        keys: &[k(Esc, Back), ctrl('u', Back)],
        help: t("clear the query", "検索語を消去"),
        hint: hint(1, "clear", "消去"),
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
        keys: &[k(Esc, Back), c('c', Back)],
        help: t("close", "閉じる"),
        hint: hint(1, "close", "閉じる"),
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
        keys: &[k(Esc, Back), c('p', Back)],
        help: t("close", "閉じる"),
        hint: hint(1, "close", "閉じる"),
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
        keys: &[k(Esc, Back), c('e', Back)],
        help: t("close", "閉じる"),
        hint: hint(1, "close", "閉じる"),
    },
    // A draft's candidates.
    Binding {
        modes: &[Drafts],
        keys: &[
            c('j', DraftMove { down: true }),
            c('k', DraftMove { down: false }),
            k(DOWN, DraftMove { down: true }),
            k(UP, DraftMove { down: false }),
        ],
        help: t("move down / up", "下へ / 上へ"),
        hint: hint(2, "move", "移動"),
    },
    Binding {
        modes: &[Drafts],
        keys: &[c(' ', DraftToggle)],
        help: t(
            "take the candidate as a quote, or the quote back",
            "候補を引用にする / 引用を候補に戻す",
        ),
        hint: hint(1, "quote", "引用"),
    },
    Binding {
        modes: &[Drafts],
        keys: &[c('x', DraftReject)],
        help: t(
            "reject: the documents say nothing (not stated)",
            "却下: 文書に記載なし",
        ),
        hint: hint(1, "reject", "却下"),
    },
    Binding {
        modes: &[Drafts],
        keys: &[c('P', DraftPolarity)],
        help: t(
            "polarity of a yes/no answer: yes / no / conditional / none",
            "はい/いいえの回答: はい / いいえ / 条件付き / なし",
        ),
        hint: hint(1, "polarity", "可否"),
    },
    Binding {
        modes: &[Drafts],
        keys: &[
            c('e', Action::DraftEdit(Field::SummaryEn)),
            c('E', Action::DraftEdit(Field::SummaryJa)),
        ],
        help: t(
            "write the English / Japanese summary",
            "英語 / 日本語の要約を書く",
        ),
        hint: hint(2, "summary", "要約"),
    },
    Binding {
        modes: &[Drafts],
        keys: &[c('V', Action::DraftEdit(Field::Value))],
        help: t(
            "set the value (45 days after contract end, 99.9%…)",
            "値を設定(契約終了から45日、7世代 など)",
        ),
        hint: hint(1, "value", "値"),
    },
    Binding {
        modes: &[Drafts],
        keys: &[k(Enter, DraftConfirm)],
        help: t(
            "confirm the answer: no longer a draft",
            "回答を確定(下書きでなくする)",
        ),
        hint: hint(1, "confirm", "確定"),
    },
    Binding {
        modes: &[Drafts],
        keys: &[k(Esc, DraftClose)],
        help: t(
            "close (every change is saved already)",
            "閉じる(変更は保存済み)",
        ),
        hint: hint(1, "close", "閉じる"),
    },
    // Typing a draft's summary or value.
    Binding {
        modes: &[DraftEdit],
        keys: &[(Key::Text, Does::DraftInsert)],
        help: t("type the text", "文字を入力"),
        hint: hint(1, "type", "入力"),
    },
    Binding {
        modes: &[DraftEdit],
        keys: &[k(Enter, DraftTextSave)],
        help: t("keep it and save the answer", "確定して回答を保存"),
        hint: hint(1, "save", "保存"),
    },
    Binding {
        modes: &[DraftEdit],
        keys: &[
            draft_text(LEFT, NoteEdit::Left),
            draft_text(RIGHT, NoteEdit::Right),
            draft_text(Home, NoteEdit::Home),
            draft_text(End, NoteEdit::End),
        ],
        help: t(
            "move the cursor; to the start / end",
            "カーソル移動。先頭 / 末尾へ",
        ),
        hint: None,
    },
    Binding {
        modes: &[DraftEdit],
        keys: &[
            draft_text(Backspace, NoteEdit::Backspace),
            draft_text(Delete, NoteEdit::Delete),
        ],
        help: t(
            "delete before / at the cursor",
            "カーソルの前 / 位置の文字を削除",
        ),
        hint: None,
    },
    Binding {
        modes: &[DraftEdit],
        keys: &[k(Esc, DraftTextCancel)],
        help: t("drop what was typed", "入力を取り消す"),
        hint: hint(1, "cancel", "取り消し"),
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
        keys: &[(Key::Any, Does::Act(ToggleHelp))],
        help: t("close this help", "このヘルプを閉じる"),
        hint: hint(
            1,
            "any other key closes the help",
            "他のキーでヘルプを閉じる",
        ),
    },
];
