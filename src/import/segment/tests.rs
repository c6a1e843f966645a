use super::*;
use crate::import::source::Sheet;

fn sections(text: &str) -> Vec<(String, String)> {
    segment_text(0, text)
        .into_iter()
        .map(|p| (p.section, p.text))
        .collect()
}

#[test]
fn numbered_sections_with_a_final_dot_cite_their_number() {
    let got =
        sections("前文\n\n2. 運用方針\n\n2.3.2. 削除するタイミング\n\n解約日より60日経過後即時\n");
    assert_eq!(
        got,
        [
            ("preamble".to_string(), "前文".to_string()),
            ("2.3.2".to_string(), "解約日より60日経過後即時".to_string())
        ]
    );
}

#[test]
fn check_sheet_rows_cite_heading_and_row() {
    let text = "<b>6 運用のセキュリティ</b>\t\t\t\n30\tデータが消去されること。\t○\t契約終了後30日で消去します。\n<b>7 供給者関係</b>\t\t\t\n<b>1 内部組織</b>\t\t\t\n2\t質問\t○\t<p>回答</p>\n";
    let got = segment_text(0, text);
    assert_eq!(got[0].section, "6.30");
    assert_eq!(got[0].text, "契約終了後30日で消去します。");
    assert!(got[0].context.contains("データが消去されること"));
    assert!(!got[0].text.contains("データが消去されること"));
    assert_eq!(got[1].section, "7.1.2");
    assert_eq!(got[1].text, "回答");
}

#[test]
fn a_plain_number_continues_the_shallowest_level() {
    let text = "<b>3 人的資源</b>\t\t\t\n<b>1 雇用前</b>\t\t\t\n1\tq\t○\ta\n2 雇用期間中\t\t\t\n1\tq\t○\tb\n4 資産の管理\t\t\t\n1\tq\t○\tc\n";
    let got: Vec<String> = segment_text(0, text)
        .into_iter()
        .map(|p| p.section)
        .collect();
    assert_eq!(got, ["3.1.1", "3.2.1", "4.1"]);
}

#[test]
fn a_paragraph_cut_mid_sentence_goes_on_after_the_blank_line() {
    let got = sections(
        "3 データの削除\n\n解約後30日で削除を実\n\n施しております。\n\n- 項目\n\n次の段落。\n",
    );
    let texts: Vec<&str> = got.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "解約後30日で削除を実\n施しております。",
            "項目",
            "次の段落。"
        ]
    );
}

#[test]
fn a_fragment_does_not_run_into_the_next_section() {
    let got = sections("2.3.1. 削除する条件\n\n解約処理を実施済みであること\n\n2.3.2. 削除するタイミング\n\n60日経過後\n");
    assert_eq!(
        got[0],
        (
            "2.3.1".to_string(),
            "解約処理を実施済みであること".to_string()
        )
    );
    assert_eq!(got[1].0, "2.3.2");
}

#[test]
fn table_of_contents_lines_are_skipped() {
    let got = sections("1\tお客様との責任分界点.....\t3\n\n1 お客様との責任分界点\n\n当社の責任\n");
    assert_eq!(got, [("1".to_string(), "当社の責任".to_string())]);
}

#[test]
fn a_numbered_list_inside_a_section_stays_text() {
    let got = sections("1 概要\n\n5 項目を確認します\n");
    assert_eq!(got, [("1".to_string(), "5 項目を確認します".to_string())]);
}

#[test]
fn meti_sheet_rows_are_cited_by_cell() {
    let sheet = Sheet {
        name: "Sheet1".into(),
        rows: vec![
            vec!["チェックリスト".into()],
            ["No.", "種別", "項目", "規定内容", "測定単位", "回答"]
                .map(String::from)
                .to_vec(),
            ["1", "可用性", "サービス稼働率", "稼働率", "%", "99.9%"]
                .map(String::from)
                .to_vec(),
        ],
    };
    let got = segment_sheet(0, "x.xlsx", &sheet, &Columns::default()).unwrap();
    assert_eq!(got.len(), 1);
    assert_eq!(got[0].section, "Sheet1!F3");
    assert_eq!(got[0].text, "99.9%");
    assert!(got[0].context.contains("サービス稼働率"));
}

#[test]
fn a_dash_beside_the_question_is_no_part_of_the_context() {
    let sheet = Sheet {
        name: "Sheet1".into(),
        rows: vec![
            ["No.", "種別", "項目", "規定内容", "測定単位", "回答"]
                .map(String::from)
                .to_vec(),
            [
                "1",
                "セキュリティ",
                "特権アクセスの管理",
                "付与方法",
                "―",
                "JITで付与します。",
            ]
            .map(String::from)
            .to_vec(),
        ],
    };
    let got = segment_sheet(0, "x.xlsx", &sheet, &Columns::default()).unwrap();
    assert_eq!(
        got[0].context,
        "セキュリティ / 特権アクセスの管理 / 付与方法"
    );
}

#[test]
fn columns_can_be_named_by_letter_when_no_header_is_found() {
    let sheet = Sheet {
        name: "S".into(),
        rows: vec![["Q1", "A1"].map(String::from).to_vec()],
    };
    assert!(matches!(
        segment_sheet(0, "x.csv", &sheet, &Columns::default()),
        Err(SegmentError::NoHeader { .. })
    ));
    let columns = Columns {
        question: Some("A".into()),
        answer: Some("B".into()),
    };
    let got = segment_sheet(0, "x.csv", &sheet, &columns).unwrap();
    assert_eq!(
        (got[0].section.as_str(), got[0].text.as_str()),
        ("S!B1", "A1")
    );
    assert_eq!(got[0].context, "Q1");
}
