//! `kurabe export --format json`: the documented shape, one answer per vendor and control, and
//! a lossless round trip back to the embedded catalogue.

mod common;

use common::home::{kurabe_command, no_home};
use kurabe::catalog::load_embedded;
use kurabe::export::json::{from_json, JsonCatalog};
use serde_json::{json, Value};

fn export_json() -> String {
    let out = kurabe_command(&no_home())
        .args(["export", "--format", "json"])
        .output()
        .expect("run kurabe export");
    assert!(
        out.status.success(),
        "kurabe export failed ({}): {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("export is UTF-8")
}

fn parsed() -> Value {
    serde_json::from_str(&export_json()).expect("export is valid JSON")
}

fn array<'a>(v: &'a Value, at: &str) -> &'a Vec<Value> {
    v.as_array()
        .unwrap_or_else(|| panic!("{at}: expected an array, got {v}"))
}

fn string<'a>(v: &'a Value, at: &str) -> &'a str {
    v.as_str()
        .unwrap_or_else(|| panic!("{at}: expected a string, got {v}"))
}

fn non_empty_string(v: &Value, at: &str) {
    assert!(!string(v, at).trim().is_empty(), "{at}: empty string");
}

/// A present optional field is a string; an absent one is left out.
fn optional_string(obj: &Value, key: &str, at: &str) -> Option<String> {
    obj.get(key)
        .map(|v| string(v, &format!("{at}.{key}")).to_string())
}

#[test]
fn export_has_the_documented_shape() {
    let root = parsed();
    let catalog = load_embedded().expect("embedded catalogue").catalog;

    let vendors = array(&root["vendors"], "vendors");
    assert_eq!(vendors.len(), catalog.vendors.len());
    assert_eq!(vendors.len(), 4);
    let mut vendor_ids = Vec::new();
    for (vi, v) in vendors.iter().enumerate() {
        let at = format!("vendors[{vi}]");
        let id = string(&v["id"], &format!("{at}.id"));
        vendor_ids.push(id.to_string());
        non_empty_string(&v["name"], &format!("{at}.name"));
        let documents = array(&v["documents"], &format!("{at}.documents"));
        assert!(!documents.is_empty(), "{at}: no documents");
        for (di, d) in documents.iter().enumerate() {
            let at = format!("{at}.documents[{di}]");
            non_empty_string(&d["id"], &format!("{at}.id"));
            non_empty_string(&d["title"], &format!("{at}.title"));
            optional_string(d, "version", &at);
            if let Some(date) = optional_string(d, "date", &at) {
                let ok = date.len() == 7 || date.len() == 10;
                assert!(ok && date.as_bytes()[4] == b'-', "{at}.date: {date}");
            }
        }
    }
    assert_eq!(
        vendor_ids,
        ["cybersolutions", "cybozu", "qualitia", "qualitysoft"]
    );

    // Documents carry their version and date where the data gives them.
    let qualitia = &vendors[2]["documents"][0];
    assert_eq!(qualitia["version"], json!("4.5"));
    assert_eq!(qualitia["date"], json!("2025-07-01"));

    let categories = array(&root["categories"], "categories");
    assert_eq!(categories.len(), catalog.categories.len());
    let mut controls_seen = 0;
    for (ki, cat) in categories.iter().enumerate() {
        let at = format!("categories[{ki}]");
        non_empty_string(&cat["id"], &format!("{at}.id"));
        non_empty_string(&cat["title"]["en"], &format!("{at}.title.en"));
        non_empty_string(&cat["title"]["ja"], &format!("{at}.title.ja"));
        let controls = array(&cat["controls"], &format!("{at}.controls"));
        assert!(!controls.is_empty(), "{at}: no controls");
        for c in controls {
            controls_seen += 1;
            let id = string(&c["id"], &format!("{at}.controls[].id"));
            let at = format!("control {id}");
            non_empty_string(&c["title"]["en"], &format!("{at}.title.en"));
            non_empty_string(&c["question"]["en"], &format!("{at}.question.en"));
            let answers = array(&c["answers"], &format!("{at}.answers"));
            // One answer per vendor, in vendor order.
            let answered: Vec<&str> = answers
                .iter()
                .map(|a| string(&a["vendor"], &format!("{at}.answers[].vendor")))
                .collect();
            assert_eq!(answered, vendor_ids, "{at}: answers by vendor");
            for a in answers {
                let at = format!("{at}/{}", a["vendor"]);
                let status = string(&a["status"], &format!("{at}.status"));
                assert!(
                    ["stated", "partial", "not_stated"].contains(&status),
                    "{at}: status {status}"
                );
                non_empty_string(&a["summary"]["en"], &format!("{at}.summary.en"));
                let value = a
                    .get("value")
                    .unwrap_or_else(|| panic!("{at}: no `value` key (null expected where none)"));
                assert!(
                    value.is_null() || value["kind"].is_string(),
                    "{at}: value {value}"
                );
                let quotes = array(&a["quotes"], &format!("{at}.quotes"));
                if status == "not_stated" {
                    assert!(value.is_null(), "{at}: not_stated with a value");
                    assert!(quotes.is_empty(), "{at}: not_stated with quotes");
                } else {
                    assert!(!quotes.is_empty(), "{at}: {status} without quotes");
                }
                for q in quotes {
                    non_empty_string(&q["document"], &format!("{at}.quotes[].document"));
                    non_empty_string(&q["section"], &format!("{at}.quotes[].section"));
                    non_empty_string(&q["text"], &format!("{at}.quotes[].text"));
                }
            }
        }
    }
    assert_eq!(controls_seen, catalog.controls.len());
}

fn answer<'a>(root: &'a Value, control: &str, vendor: &str) -> &'a Value {
    array(&root["categories"], "categories")
        .iter()
        .flat_map(|c| array(&c["controls"], "controls"))
        .find(|c| c["id"] == control)
        .and_then(|c| {
            array(&c["answers"], "answers")
                .iter()
                .find(|a| a["vendor"] == vendor)
        })
        .unwrap_or_else(|| panic!("no answer of {vendor} to {control}"))
}

#[test]
fn values_are_exact_and_null_where_none() {
    let root = parsed();
    // The shape of a duration stays; `from` is an extra field.
    assert_eq!(
        answer(&root, "deletion-timing", "cybozu")["value"],
        json!({"kind": "duration", "amount": 30, "unit": "days", "from": "day-after-contract-end"})
    );
    assert_eq!(
        answer(&root, "deletion-timing", "qualitysoft")["value"],
        json!({"kind": "duration", "amount": 60, "unit": "days", "from": "cancellation"})
    );
    let cybersolutions = answer(&root, "deletion-timing", "cybersolutions");
    assert_eq!(cybersolutions["status"], "stated");
    assert_eq!(
        cybersolutions["value"],
        json!({"kind": "calendar-rule", "rule": {
            "en": "the 10th of the month after the data-deletion date in the cancellation form",
            "ja": "解約申込書記載のデータ削除日の翌月10日"
        }})
    );
    // Several series: the daily one of the data as headline, the others in `also`.
    assert_eq!(
        answer(&root, "backup-generations", "qualitysoft")["value"],
        json!({"kind": "count", "amount": 15, "unit": "generations", "schedule": "daily",
        "of": {"en": "data part", "ja": "データ部分"},
        "also": [
            {"amount": 36, "schedule": "every-2-hours", "of": {"en": "data part", "ja": "データ部分"}},
            {"amount": 7, "schedule": "daily", "of": {"en": "OS part", "ja": "OS部分"}}
        ]})
    );
    // A count of one series carries neither field.
    assert_eq!(
        answer(&root, "backup-generations", "cybersolutions")["value"],
        json!({"kind": "count", "amount": 7, "unit": "generations", "schedule": "daily"})
    );
    assert_eq!(
        answer(&root, "log-retention", "cybozu")["value"],
        json!({"kind": "indefinite"})
    );
    let qualitia = answer(&root, "deletion-timing", "qualitia");
    assert_eq!(qualitia["status"], "not_stated");
    assert!(qualitia.as_object().unwrap().contains_key("value"));
    assert_eq!(qualitia["value"], Value::Null);
    // A silent answer still has a summary for readers that expect one.
    non_empty_string(&qualitia["summary"]["en"], "qualitia summary.en");
}

fn control<'a>(root: &'a Value, id: &str) -> &'a Value {
    array(&root["categories"], "categories")
        .iter()
        .flat_map(|c| array(&c["controls"], "controls"))
        .find(|c| c["id"] == id)
        .unwrap_or_else(|| panic!("no control {id}"))
}

#[test]
fn yes_no_controls_and_their_polarities_are_extra_fields() {
    let root = parsed();
    assert_eq!(control(&root, "encryption-at-rest")["kind"], "yes-no");
    assert!(control(&root, "deletion-timing").get("kind").is_none());
    assert_eq!(
        answer(&root, "encryption-at-rest", "qualitia")["polarity"],
        "no"
    );
    assert_eq!(
        answer(&root, "encryption-at-rest", "cybozu")["polarity"],
        "yes"
    );
    let silent = answer(&root, "encryption-at-rest", "qualitysoft");
    assert_eq!(silent["status"], "not_stated");
    assert!(silent.get("polarity").is_none());
    assert!(answer(&root, "deletion-timing", "cybozu")
        .get("polarity")
        .is_none());
}

#[test]
fn crosswalk_ids_are_an_extra_field_of_the_control() {
    let root = parsed();
    let deletion = &control(&root, "deletion-timing")["crosswalk"];
    assert_eq!(deletion["iso27017"], serde_json::json!(["CLD.8.1.5"]));
    assert_eq!(deletion["iso27002"], serde_json::json!(["8.10"]));
    assert_eq!(deletion["meti"], serde_json::json!(["6.30"]));
    // A control without ids has no field, and a standard without ids no list.
    assert!(control(&root, "services-covered")
        .get("crosswalk")
        .is_none());
    let data_return = &control(&root, "data-return")["crosswalk"];
    assert!(data_return.get("iso27002").is_none());
}

#[test]
fn export_round_trips_to_the_embedded_catalogue() {
    let text = export_json();
    let json: JsonCatalog = serde_json::from_str(&text).expect("export reads as JsonCatalog");
    let (back, reviews) = from_json(&json);
    assert!(reviews.is_empty(), "no reviews in a fresh export");
    let embedded = load_embedded().expect("embedded catalogue").catalog;
    assert_eq!(back.vendors.len(), embedded.vendors.len());
    for (b, e) in back.vendors.iter().zip(&embedded.vendors) {
        assert_eq!(b, e, "vendor {} differs after the round trip", e.id());
    }
    assert_eq!(back.categories, embedded.categories);
    assert_eq!(back.controls, embedded.controls);
    assert!(back == embedded, "catalogue differs after the round trip");
    // And the text is stable: exporting the read-back catalogue gives the same JSON.
    assert_eq!(kurabe::export::json::render(&back, &reviews), text);
}

#[test]
fn a_reader_that_goes_away_ends_the_export_quietly() {
    // `kurabe export … | head -1`: both exports are larger than a pipe's buffer, so kurabe is
    // still writing when the reader closes its end.
    for format in ["json", "md"] {
        let mut child = kurabe_command(&no_home())
            .args(["export", "--format", format])
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("run kurabe export");
        let mut stdout = child.stdout.take().expect("piped stdout");
        let mut first = [0u8; 1];
        std::io::Read::read_exact(&mut stdout, &mut first).expect("the export starts");
        drop(stdout);
        let out = child.wait_with_output().expect("kurabe export ends");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success(),
            "--format {format}: {} {stderr}",
            out.status
        );
        assert!(stderr.is_empty(), "--format {format}: {stderr}");
    }
}
