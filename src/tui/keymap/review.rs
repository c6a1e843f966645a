//! The key table's third part: reviewing imported drafts and the answers' lifecycle. The keys
//! of this round live here, in one place: the draft filter and mask, the review panel (`a`), the
//! review queue (`A`), the queue's steps, settling a conflict (`O`/`T`) and the list that
//! confirms a vendor's drafts at once. Read as one with [`super::table`] and
//! [`super::overlays`].
//!
//! Free when browsing: `b i t w z` and the capitals but `A C D E F G L O P R T V` (`E O P T V`
//! work only in the panel, so they are free when browsing too).

use super::table::{c, draft_text, hint, k, t, DOWN, LEFT, RIGHT, UP};
use super::{Binding, Does, Key};
use crate::tui::action::Action::{self, *};
use crate::tui::action::NoteEdit;
use crate::tui::app::InputKind::{BulkConfirm, DraftEdit, Drafts, Normal};
use crate::tui::drafts::Field;
use ratatui::crossterm::event::KeyCode::{
    Backspace, Delete, End, Enter, Esc, Home, PageDown, PageUp,
};

const fn bulk_move(down: bool, page: bool) -> Action {
    BulkMove { down, page }
}

pub(super) const REVIEW: &[Binding] = &[
    // Browsing.
    Binding {
        modes: &[Normal],
        keys: &[c('A', OpenQueue)],
        help: t(
            "review queue: each draft of the shown vendors in turn",
            "確認キュー: 表示中の事業者の下書きを順に確認",
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
        keys: &[c('D', ToggleDraftsFilter)],
        help: t(
            "only controls with unconfirmed imported drafts",
            "未確認の取り込み回答(下書き)がある管理策だけ",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('C', ToggleChangedFilter)],
        help: t(
            "only controls with answers an update changed",
            "更新で回答が変わった管理策だけ",
        ),
        hint: None,
    },
    Binding {
        modes: &[Normal],
        keys: &[c('m', ToggleMaskDrafts)],
        help: t(
            "mask drafts as “draft (not reviewed)”, exports too",
            "下書きを伏せて「下書き（未確認）」と表示(書き出しも)",
        ),
        hint: None,
    },
    // A draft's candidates, alone or in the queue.
    Binding {
        modes: &[Drafts],
        keys: &[k(Enter, DraftConfirm)],
        help: t(
            "confirm as it stands; in the queue, go on to the next",
            "このまま確定(下書きでなくする)。キューでは次へ",
        ),
        hint: hint(1, "confirm", "確定"),
    },
    Binding {
        modes: &[Drafts],
        keys: &[
            c('n', QueueStep { forward: true }),
            c('N', QueueStep { forward: false }),
            k(RIGHT, QueueStep { forward: true }),
            k(LEFT, QueueStep { forward: false }),
        ],
        help: t(
            "next / previous draft, leaving this one for later",
            "キューの次 / 前の下書きへ(これは後で確認)",
        ),
        hint: hint(2, "next/prev", "次/前"),
    },
    Binding {
        modes: &[Drafts],
        keys: &[
            c('j', DraftMove { down: true }),
            c('k', DraftMove { down: false }),
            k(DOWN, DraftMove { down: true }),
            k(UP, DraftMove { down: false }),
        ],
        help: t(
            "move through the quotes and candidates",
            "引用と候補を上下に移動",
        ),
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
        keys: &[
            c('O', DraftSettle { take_theirs: false }),
            c('T', DraftSettle { take_theirs: true }),
        ],
        help: t(
            "a conflict: keep this change / take the other one",
            "競合: こちらの変更を残す / もう一方を採る",
        ),
        hint: None,
    },
    Binding {
        modes: &[Drafts],
        keys: &[c('B', BulkOpen)],
        help: t(
            "confirm the vendor's empty drafts at once (list first)",
            "「該当なし」の下書きを一括確定(先に一覧)",
        ),
        hint: hint(1, "all empty", "空を一括"),
    },
    Binding {
        modes: &[Drafts],
        keys: &[k(Esc, DraftClose), c('q', DraftClose)],
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
    // The list of drafts to confirm at once.
    Binding {
        modes: &[BulkConfirm],
        keys: &[k(Enter, Action::BulkConfirm)],
        help: t(
            "confirm every draft kept in the list as not stated",
            "一覧に残した下書きをすべて「記載なし」で確定",
        ),
        hint: hint(1, "confirm all", "すべて確定"),
    },
    Binding {
        modes: &[BulkConfirm],
        keys: &[c(' ', BulkToggle)],
        help: t(
            "leave the draft out (for the queue), or take it back",
            "この下書きを外す(キューで確認) / 戻す",
        ),
        hint: hint(1, "leave out", "除外"),
    },
    Binding {
        modes: &[BulkConfirm],
        keys: &[
            c('j', bulk_move(true, false)),
            c('k', bulk_move(false, false)),
            k(DOWN, bulk_move(true, false)),
            k(UP, bulk_move(false, false)),
            k(PageDown, bulk_move(true, true)),
            k(PageUp, bulk_move(false, true)),
        ],
        help: t(
            "move down / up, a line or a page",
            "下へ / 上へ(1行 / 1画面)",
        ),
        hint: hint(2, "move", "移動"),
    },
    Binding {
        modes: &[BulkConfirm],
        keys: &[k(Esc, BulkCancel), c('q', BulkCancel)],
        help: t("cancel: confirm nothing", "取り消し: 何も確定しない"),
        hint: hint(1, "cancel", "取り消し"),
    },
];
