//! A lint over the controls' search terms (`terms:` in controls.yaml), which `kurabe import`
//! looks for in a vendor's documents: every control has enough of them in both languages, none
//! is so general that it matches every passage, and neighbouring controls are not given words
//! that name each other's subject (a deletion control that looks for "backup" would rank the
//! backup passage for the deletion question).

use kurabe::catalog::{load_embedded, Catalog, Control};

fn catalog() -> Catalog {
    let loaded = load_embedded().unwrap_or_else(|p| panic!("embedded catalogue fails:\n{p}"));
    assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
    loaded.catalog
}

/// How the importer compares a term with a passage: NFKC and lowercase.
fn normal(term: &str) -> String {
    kurabe::values::nfkc(term).to_lowercase()
}

fn control<'a>(catalog: &'a Catalog, id: &str) -> &'a Control {
    &catalog
        .controls
        .iter()
        .find(|e| e.control.id == id)
        .unwrap_or_else(|| panic!("no control `{id}`"))
        .control
}

fn all_terms(control: &Control) -> impl Iterator<Item = &String> {
    control.terms.en.iter().chain(&control.terms.ja)
}

fn report(what: &str, found: Vec<String>) {
    assert!(
        found.is_empty(),
        "{what} ({}):\n{}",
        found.len(),
        found.join("\n")
    );
}

#[test]
fn every_control_has_four_to_twelve_terms_in_each_language() {
    let catalog = catalog();
    let mut found = Vec::new();
    for entry in &catalog.controls {
        let c = &entry.control;
        for (lang, list) in [("en", &c.terms.en), ("ja", &c.terms.ja)] {
            if !(4..=12).contains(&list.len()) {
                found.push(format!("{}: {} {lang} terms", c.id, list.len()));
            }
        }
    }
    report("controls with too few or too many terms", found);
}

#[test]
fn no_term_is_repeated_within_a_language() {
    let catalog = catalog();
    let mut found = Vec::new();
    for entry in &catalog.controls {
        let c = &entry.control;
        for (lang, list) in [("en", &c.terms.en), ("ja", &c.terms.ja)] {
            let mut seen = std::collections::HashSet::new();
            for term in list {
                if !seen.insert(normal(term)) {
                    found.push(format!("{}.{lang}: {term:?} twice", c.id));
                }
            }
        }
    }
    report("repeated terms", found);
}

/// Words found in nearly every passage of a security document, and words that are also
/// pieces of common words, as written or once English words are stemmed, since a term is
/// matched inside a passage: "UPS" in "backups", "AWS" in "laws", "HTTPS" in every link,
/// "SOC" and "SSO" in "associated", "API" in "rapid", "SLA" in "translation", "SLO" in "slow",
/// "RPO" in "purpose", "UTC" in "outcome", "NDA" in "standard", "fire" in "firewall";
/// "customization" stems to "custom" (customer), "integration" to "integr" (integrity),
/// "generator" to "generat" (generations), "documentation" to "document".
const TOO_GENERAL: &[&str] = &[
    "data",
    "security",
    "service",
    "services",
    "information",
    "customer",
    "system",
    "policy",
    "management",
    "access",
    "support",
    "account",
    "update",
    "notification",
    "scope",
    "hosting",
    "fire",
    "static",
    "ups",
    "ios",
    "aws",
    "aes",
    "https",
    "soc",
    "api",
    "os",
    "dr",
    "ids",
    "ips",
    "nda",
    "sla",
    "slo",
    "rpo",
    "utc",
    "sso",
    "edr",
    "esd",
    "isms",
    "training",
    "termination",
    "customization",
    "customize",
    "integration",
    "generator",
    "manual",
    "documentation",
    "tagging",
    "データ",
    "サービス",
    "セキュリティ",
    "情報",
    "システム",
    "対策",
    "管理",
    "利用",
    "提供",
    "対応",
    "ログ",
    "通知",
    "連絡",
    "記録",
    "作業",
    "事前",
    "公開",
    "お客様データ",
    "チェック",
    "キー",
    "鍵",
    "ポート",
    "おき",
    "%",
    "テスト",
    "取得",
    "保持",
    "権限",
    "アクセス",
    "障害",
];

#[test]
fn no_term_is_too_general() {
    let catalog = catalog();
    let mut found = Vec::new();
    for entry in &catalog.controls {
        for term in all_terms(&entry.control) {
            if TOO_GENERAL.contains(&normal(term).as_str()) {
                found.push(format!("{}: {term:?}", entry.control.id));
            }
        }
    }
    report("terms that match nearly every passage", found);
}

/// Controls that sit next to each other, and words of the neighbours' subjects that the
/// control's own terms must not contain.
const NEIGHBOURS: &[(&[&str], &[&str])] = &[
    (
        &[
            "deletion-timing",
            "deletion-trigger",
            "deletion-scope",
            "deletion-notice",
            "data-return",
        ],
        &["backup", "バックアップ", "退職"],
    ),
    (
        &["backup-deletion"],
        &["解約", "cancellation", "log", "ログ"],
    ),
    (
        &["service-hours"],
        &[
            "support",
            "サポート",
            "受付",
            "問い合わせ",
            "障害",
            "outage",
        ],
    ),
    (
        &["enquiry-support-hours"],
        &["障害", "outage", "failure", "emergency", "緊急", "夜間"],
    ),
    (
        &["outage-support-hours"],
        &["平日", "営業日", "business", "monday", "weekday"],
    ),
    (
        &["backup-frequency"],
        &[
            "retention",
            "retain",
            "保存期間",
            "保持期間",
            "世代",
            "generation",
        ],
    ),
    (
        &["backup-retention"],
        &[
            "frequency",
            "頻度",
            "世代",
            "generation",
            "毎日",
            "daily",
            "log",
            "ログ",
        ],
    ),
    (
        &["backup-generations"],
        &["retention", "保存期間", "frequency", "頻度", "毎日"],
    ),
    (
        &["log-retention"],
        &["backup", "バックアップ", "閲覧", "view"],
    ),
    (
        &["customer-logs"],
        &["retention", "retain", "保存期間", "保管期間"],
    ),
    (
        &["encryption-at-rest"],
        &[
            "transit",
            "tls",
            "ssl",
            "通信",
            "key management",
            "鍵",
            "キー",
        ],
    ),
    (
        &["encryption-in-transit"],
        &["at rest", "保存", "鍵", "key"],
    ),
    (
        &["key-management"],
        &["tls", "at rest", "通信", "保存データ"],
    ),
    (
        &["password-storage"],
        &["有効期限", "complexity", "文字数", "expir"],
    ),
    (
        &["password-policy"],
        &["hash", "ハッシュ", "平文", "plaintext"],
    ),
    (
        &["maintenance-notice"],
        &["discontinu", "廃止", "提供終了", "months"],
    ),
    (
        &["service-termination-notice"],
        &["maintenance", "メンテナンス", "計画停止"],
    ),
    (
        &["incident-notification-time"],
        &["email", "メール", "status page"],
    ),
    (
        &["incident-notification-channel"],
        &["時間以内", "within", "status page", "稼働状況"],
    ),
    (&["outage-notification"], &["incident", "インシデント"]),
    (
        &[
            "incident-notification-time",
            "incident-notification-channel",
        ],
        &["outage", "障害"],
    ),
    (&["certifications"], &["soc", "sas", "監査報告書"]),
    (&["audit-reports"], &["27001", "isms", "認証を取得"]),
    (
        &["third-party-review"],
        &["脆弱性", "penetration", "内部監査", "internal"],
    ),
    (
        &["internal-audit"],
        &["第三者", "external", "independent", "外部"],
    ),
    (&["vulnerability-testing"], &["外部監査", "内部監査"]),
    (
        &["provider-responsibilities"],
        &["お客様の責任", "利用者の責任", "customer"],
    ),
    (
        &["customer-responsibilities"],
        &["当社の責任", "事業者の責任", "provider"],
    ),
    (&["data-return"], &["export", "エクスポート"]),
    (&["data-export"], &["返却", "return"]),
    (
        &["availability-rate"],
        &["high availability", "redundan", "冗長"],
    ),
    (&["redundancy", "disaster-recovery"], &["uptime", "稼働率"]),
    (&["disaster-recovery"], &["冗長", "redundan"]),
    (&["monitoring"], &["capacity", "容量"]),
    (&["capacity-management"], &["quota", "上限"]),
    (&["customer-limits"], &["capacity planning", "増強"]),
    (&["security-organization"], &["csirt", "インシデント"]),
    (
        &["account-management"],
        &["ipアドレス", "sso", "mfa", "single sign-on"],
    ),
    (&["customer-access-controls"], &["特権", "privileged"]),
    (
        &["infrastructure-access"],
        &["ipアドレス制限", "sso", "single sign-on"],
    ),
    (
        &["employment-termination"],
        &["解約", "契約終了", "cancellation"],
    ),
    (&["equipment-disposal"], &["証明", "certificate"]),
];

#[test]
fn neighbouring_controls_do_not_look_for_each_others_subjects() {
    let catalog = catalog();
    let mut found = Vec::new();
    for (controls, words) in NEIGHBOURS {
        for id in *controls {
            for term in all_terms(control(&catalog, id)) {
                let t = normal(term);
                for word in *words {
                    if t.contains(&normal(word)) {
                        found.push(format!("{id}: {term:?} names {word:?}"));
                    }
                }
            }
        }
    }
    report("terms naming a neighbour's subject", found);
}
