//! What the screen says in sentences and labels: messages on the status line, hints in empty
//! panes, pane titles. One table, so a message cannot exist in one language only.

table! {
    /// A message or label of the screen.
    Phrase {
        BuildingIndex => (
            "  building the search index: results come when it is ready…",
            "  検索インデックスを作成中です。完成しだい結果を表示します…",
        ),
        Searching => ("  searching…", "  検索中…"),
        SearchHelpHint => ("/ to search, ? for help", "/ で検索、? でヘルプ"),
        SearchHelpHintBuilding => (
            "/ to search (index being built), ? for help",
            "/ で検索（インデックス作成中）、? でヘルプ",
        ),
        CategoriesTitle => (" Categories ", " カテゴリ "),
        NoControlMatches => ("No control matches.", "該当する管理策はありません。"),
        EscClearsSearch => ("Esc clears the search.", "Esc で検索を消去します。"),
        JumpToCategory => (" Jump to category ", " カテゴリへ移動 "),
        NoteEditorKeys => (" Ctrl-S save · Esc cancel ", " Ctrl-S 保存 · Esc 取り消し "),
        SelectControlToCompare => (
            "Select a control on the left to compare the vendors' answers.",
            "左の一覧で管理策を選ぶと、事業者の回答を並べて比較します。",
        ),
        SelectControlFirst => ("Select a control first.", "先に管理策を選んでください。"),
        DraftsMasked => (
            "Drafts masked: each shows only “draft (not reviewed)”, here and in exports (m shows them).",
            "下書きを伏せました: 画面にも書き出しにも「下書き（未確認）」とだけ表示します(m で再表示)。",
        ),
        DraftsShown => (
            "Drafts shown, each marked [draft].",
            "下書きを表示します(【下書き】と表示)。",
        ),
        UnsavedKeptForLater => (
            "The changes of the last run stay kept; they are offered again at the next start.",
            "前回の未保存の変更はそのまま残します。次回の起動時にもう一度確認します。",
        ),
        NoteDiscarded => ("Note discarded.", "メモを破棄しました。"),
        OneVendorStaysShown => (
            "At least one vendor stays shown.",
            "少なくとも 1 社は表示したままにします。",
        ),
        ExportWhileSearching => (
            "The search is still running: export once its results are shown.",
            "検索中です。結果が表示されてから書き出してください。",
        ),
        CopyWhileSearching => (
            "The search is still running: copy once its results are shown.",
            "検索中です。結果が表示されてからコピーしてください。",
        ),
        ExportPickerTitle => (" Export the view as ", " 書き出す形式 "),
        RestoredTyping => (
            "Restored the text you were typing when kurabe closed: Enter keeps it, Esc drops it.",
            "kurabe の終了時に入力中だった内容を戻しました: Enter で採用、Esc で破棄します。",
        ),
        NotADraft => (
            "This answer is not a draft: only answers `kurabe import` wrote and nobody confirmed yet (or with a conflict to settle) are reviewed here",
            "この回答は下書きではありません: ここで確認するのは `kurabe import` が書き、まだ誰も確定していない回答(または解消すべき競合のある回答)だけです",
        ),
        SavedTheChangeKept => ("Saved the change kept", "保持していた変更を保存しました"),
        /// What a change in the draft review did, before where it was saved.
        QuotesChanged => ("Quotes changed", "引用を変更しました"),
        RejectedNotStated => ("Rejected: not stated", "却下: 記載なし"),
        PolaritySet => ("Polarity set", "可否を設定しました"),
        /// `P` on a control not answered yes or no, or on a draft that states nothing.
        PolarityNotYesNo => (
            "Yes or no is for yes/no questions: this one is answered in words or a value",
            "可否は、はい・いいえで答える管理策のものです(この管理策は文や値で答えます)",
        ),
        PolarityNotStated => (
            "A not-stated answer is neither yes nor no: take a quote first (Space)",
            "記載なしの回答には可否がありません。先に引用を選んでください(Space)",
        ),
        Confirmed => ("Confirmed", "確定しました"),
        ConflictSettled => ("Conflict settled", "競合を解消しました"),
        ValueRemoved => ("Value removed", "値を削除しました"),
        EnglishSummarySet => ("English summary set", "英語の要約を設定しました"),
        JapaneseSummarySet => ("Japanese summary set", "日本語の要約を設定しました"),
        UnsavedNoteBack => (
            "Your unsaved note from last time is back: Ctrl-S saves it, Esc discards it.",
            "前回保存されなかったメモを戻しました: Ctrl-S で保存、Esc で破棄します。",
        ),
        PasteIgnored => (
            "Pasted text ignored: press / to search, n to write a note, or e, E or V in a draft's review, then paste.",
            "貼り付けを無視しました: / で検索、n でメモ、下書きの確認では e・E・V を押してから貼り付けてください。",
        ),
        DiscardedTyped => ("Discarded what was typed.", "入力した内容を破棄しました。"),
        ExportMarkdown => ("m  Markdown (.md): a report for a wiki", "m  Markdown (.md): Wiki 向けの報告"),
        ExportExcel => ("x  Excel workbook (.xlsx): for the meeting", "x  Excel ブック (.xlsx): 稟議・会議用"),
        ExportCsv => ("c  CSV (.csv, UTF-8 with BOM)", "c  CSV (.csv、UTF-8 BOM付き)"),
        /// After the count of drafts left on the status line.
        AReviewsDrafts => (", A reviews", "(A で確認)"),
        /// Before a loading problem on the status line.
        EscHides => ("⚠ (Esc hides)", "⚠ (Esc で非表示)"),
        NoCategorySelected => ("No category selected", "カテゴリが選ばれていません"),
        NoControlSelected => ("No control selected", "管理策が選ばれていません"),
        OtherVendors => ("Other vendors:", "他の事業者の回答:"),
        NoProfile => ("none (answers are not judged)", "なし(判定しない)"),
        ProfilePickerTitle => (" Requirements profile ", " 社内基準 "),
        ReviewThisDraft => ("a: review this draft", "a で下書きを確認"),
        BulkRule => (
            "Each of these drafts states nothing, the importer's confidence in it is below 0.50, and none of its candidates holds a value. Enter confirms those marked [x] as not stated; Space leaves one out for the queue; Esc confirms nothing.",
            "いずれも記載なしで、取り込み時の確信度が0.50未満、値を含む候補もない下書きです。Enter で [x] のものを「記載なし」で確定します。Space で外した下書きはキューで確認します。Esc で何も確定しません。",
        ),
        LeftOutByProblems => (
            "Left out because of problems while loading",
            "読み込み時の問題で含まれていないもの",
        ),
        NothingConfirmed => (
            "Nothing confirmed.",
            "何も確定していません。",
        ),
        NoDraftInYourFiles => (
            "No draft to review: none of the shown vendors is one of your files (`kurabe import` writes them; 1-9 shows vendors).",
            "確認する下書きはありません: 表示中の事業者にあなたのファイルがありません(`kurabe import` で作成、1-9 で表示)。",
        ),
        NoDraftLeft => (
            "No draft left among the shown vendors: every answer is reviewed.",
            "表示中の事業者に下書きは残っていません: すべて確認済みです。",
        ),
        EveryDraftReviewed => (
            "Every draft of the shown vendors is reviewed.",
            "表示中の事業者の下書きをすべて確認しました。",
        ),
        LastDraftLeft => (
            "This is the last draft left.",
            "残りの下書きはこれだけです。",
        ),
        QueueWentRound => (
            "Back to the first draft left (the queue went round).",
            "一巡したので、残っている最初の下書きに戻りました。",
        ),
        CannotListDrafts => (
            "Cannot list the drafts",
            "下書きを一覧できません",
        ),
        NoProfileLoaded => (
            "No requirements profile loaded: `kurabe new-requirements` writes one.",
            "社内基準がありません。`kurabe new-requirements` で作成できます。",
        ),
        PickProfileFirst => (
            "Pick a requirements profile first (p).",
            "先に社内基準を選んでください(p)。",
        ),
        NoRequirements => (
            "No requirements: answers are not judged.",
            "社内基準なし: 回答を判定しません。",
        ),
        NoVerdict => (
            "no verdict",
            "判定なし",
        ),
        SayYesOrNoFirst => (
            "Not confirmed: say yes or no first (P sets yes / no / conditional), as the quoted text answers the question.",
            "確定していません: 先に P で はい / いいえ / 条件付き を設定してください(引用がどう答えているか)。",
        ),
        OnlyInMemory => (
            "the changes not saved are only in memory now: do not quit",
            "未保存の変更はメモリにしかありません。終了しないでください",
        ),
    }
}
