//! The words of "what changed": `kurabe diff`'s reports and the app's before → after.

table! {
    /// A label or sentence of a diff between two versions of a vendor's answers.
    ChangeWord {
        Title => ("What changed", "変更点"),
        Changed => ("changed", "変更"),
        Changes => ("Changed", "変更箇所"),
        /// Before a changed draft's text in the comparison, after the draft mark: the badge's
        /// sign, short enough for a matrix cell.
        Mark => ("Δ ", "Δ "),
        Badge => ("Δ changed", "Δ 変更"),
        From => ("Earlier version", "以前の版"),
        To => ("Current version", "現在の版"),
        Before => ("Before", "変更前"),
        After => ("After", "変更後"),
        Value => ("Value", "値"),
        Status => ("Status", "記載状況"),
        Polarity => ("Yes/no", "はい/いいえ"),
        Summary => ("Summary", "要約"),
        /// The summary in the other language than the report's.
        SummaryOther => ("Summary (Japanese)", "要約(英語)"),
        NoSummary => ("no summary", "要約なし"),
        Quotes => ("Quotes", "引用"),
        Reworded => ("Reworded", "文言の変更"),
        Removed => ("Removed", "削除"),
        Added => ("Added", "追加"),
        Outcomes => ("Requirement outcomes", "要件の判定"),
        Control => ("Control", "管理策"),
        Requirement => ("Requirement", "要件"),
        Section => ("Section", "節"),
        NoValue => ("no value", "値なし"),
        NothingChanged => (
            "No answer changed between these versions.",
            "この2つの版の間で変わった回答はありません。",
        ),
        PreviousAnswer => ("Before the update", "更新前の回答"),
        PreviousQuotes => ("Quotes before the update", "更新前の引用"),
        /// In the draft panel, after what a re-check draft said before: nothing changed.
        SameAsBefore => (
            "the same (its quotes stand in the new version; the importer read them otherwise: confirm or change)",
            "同じ(引用は新しい版にもそのまま残り、読み取りだけが異なる: 確定するか直す)",
        ),
        StaleBecauseChanged => (
            "the answer changed since this verdict: an update read a new version of the documents",
            "この判定の後、文書の新しい版による更新で回答が変わりました",
        ),
        OnlyChanged => ("only changed answers", "変更された回答のみ"),
        NoChangedAnswers => (
            "No answer carries a change from an update (`kurabe import … --update`).",
            "更新(`kurabe import … --update`)で変わった回答はありません。",
        ),
        UndatedDocuments => ("documents without version or date", "版・日付のない文書"),
    }
}
