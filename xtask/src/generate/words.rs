//! The generator's word banks: names, places, standards and per-category clauses in English
//! and Japanese.

pub(super) const NAME_PARTS: &[(&str, &str)] = &[
    ("Sakura", "さくら"),
    ("Aoba", "あおば"),
    ("Hikari", "ひかり"),
    ("Kumo", "くも"),
    ("Midori", "みどり"),
    ("Hoshi", "ほし"),
    ("Kaze", "かぜ"),
    ("Yamato", "やまと"),
    ("Asahi", "あさひ"),
    ("Tsubasa", "つばさ"),
    ("Minato", "みなと"),
    ("Kiri", "きり"),
    ("Nagi", "なぎ"),
    ("Sora", "そら"),
    ("Izumi", "いずみ"),
    ("Hayate", "はやて"),
    ("Kaede", "かえで"),
    ("Tomoe", "ともえ"),
    ("Fuji", "ふじ"),
    ("Akatsuki", "あかつき"),
];
pub(super) const NAME_KINDS: &[(&str, &str)] = &[
    ("Cloud", "クラウド"),
    ("Systems", "システムズ"),
    ("Networks", "ネットワークス"),
    ("Soft", "ソフト"),
    ("Data", "データ"),
    ("Tech", "テック"),
    ("Works", "ワークス"),
    ("Solutions", "ソリューションズ"),
    ("Labs", "ラボ"),
    ("Link", "リンク"),
];
pub(super) const REGIONS: &[(&str, &str)] = &[
    ("", ""),
    ("Hokkaido", "北海道"),
    ("Tohoku", "東北"),
    ("Kanto", "関東"),
    ("Chubu", "中部"),
    ("Kansai", "関西"),
    ("Chugoku", "中国"),
    ("Kyushu", "九州"),
];
pub(super) const PRODUCTS: &[&str] = &[
    "groupware",
    "e-mail security",
    "file sharing",
    "expense management",
    "web conferencing",
    "HR cloud",
    "CRM",
    "e-contract",
    "backup service",
    "IaaS",
];
pub(super) const DOCUMENTS: &[(&str, &str)] = &[
    ("checksheet", "セキュリティチェックシート"),
    ("guideline", "クラウドサービス情報セキュリティガイドライン"),
    ("policy", "情報セキュリティ基本方針"),
    ("whitepaper", "Security White Paper"),
];

/// Providers, standards, algorithms, places: the nouns that make records differ.
pub(super) const PROVIDERS: &[&str] = &[
    "Amazon Web Services (AWS)",
    "Microsoft Azure",
    "Google Cloud",
    "さくらのクラウド",
    "IIJ GIO",
    "Oracle Cloud Infrastructure",
    "自社データセンター",
    "NTTコミュニケーションズ",
];
pub(super) const STANDARDS: &[&str] = &[
    "ISO/IEC 27001:2022",
    "ISO/IEC 27017:2015",
    "ISO/IEC 27018:2019",
    "JIS Q 27001:2023",
    "SOC 2 Type2",
    "ISMAP",
    "PCI DSS v4.0",
    "プライバシーマーク",
    "CSマーク・ゴールド",
];
pub(super) const ALGORITHMS: &[&str] = &[
    "AES-256",
    "AES-128-GCM",
    "TLS 1.2",
    "TLS 1.3",
    "RSA 2048bit",
    "SHA-256",
    "bcrypt",
    "ChaCha20-Poly1305",
];
pub(super) const PLACES: &[&str] = &[
    "東京",
    "大阪",
    "北海道",
    "福岡",
    "埼玉",
    "千葉",
    "神奈川",
    "愛知",
];
pub(super) const PLACES_EN: &[&str] = &[
    "Tokyo", "Osaka", "Hokkaido", "Fukuoka", "Saitama", "Chiba", "Kanagawa", "Aichi",
];

/// What a category's answers talk about: English and Japanese clauses with placeholders, and
/// the kind of value its answers normalize to.
pub(super) struct Bank {
    pub(super) en: &'static [&'static str],
    pub(super) ja: &'static [&'static str],
    pub(super) value: ValueKind,
}

#[derive(Clone, Copy)]
pub(super) enum ValueKind {
    None,
    Days,
    Months,
    Hours,
    Minutes,
    Generations,
    EveryYear,
    Percent,
    Standards,
    Providers,
    Countries,
}

/// Placeholders: {v} the value in English, {vj} in Japanese, {n} a number, {p} a provider,
/// {s} a standard, {a} an algorithm, {c} a place, {ce} a place in English.
pub(super) const GENERIC_EN: &[&str] = &[
    "as defined in the internal rules approved by the CISO",
    "reviewed at least once a year by the security committee",
    "documented in the ISMS manual and communicated to all employees",
    "on request the details are disclosed under NDA",
    "the procedure was last revised in fiscal {n}",
    "handled according to {s}",
];
pub(super) const GENERIC_JA: &[&str] = &[
    "CISOが承認した社内規程に基づき実施しております",
    "情報セキュリティ委員会にて年1回以上見直しております",
    "ISMSマニュアルに定め、全従業員に周知しております",
    "詳細は秘密保持契約の締結後に開示いたします",
    "{s}に準拠した手順で運用しております",
    "当該手順は{n}年度に改訂しております",
];

pub(super) const BANKS: &[Bank] = &[
    // scope
    Bank {
        en: &[
            "the document covers the {p}-hosted service and its options",
            "the customer is responsible for accounts, settings and the data it enters",
            "the provider is responsible for the platform, the network and the data centre",
            "responsibilities are split as in the published responsibility matrix",
        ],
        ja: &[
            "本書は{p}上で提供する当社サービス全般を対象としております",
            "アカウント管理および設定内容はお客様の責任範囲となります",
            "基盤・ネットワーク・データセンターの管理は当社の責任範囲です",
            "責任分界点は公開している責任分界表のとおりです",
        ],
        value: ValueKind::None,
    },
    // governance
    Bank {
        en: &[
            "an information security policy is approved by management and published",
            "a security committee meets every {n} weeks",
            "an information asset register records owners and classification",
            "internal audits are performed and reviewed by management",
        ],
        ja: &[
            "経営者が承認した情報セキュリティ基本方針を定め、ホームページで公開しております",
            "情報セキュリティ委員会を{n}週間ごとに開催しております",
            "情報資産台帳に管理責任者と分類を記載しております",
            "内部監査を実施し、マネジメントレビューで確認しております",
        ],
        value: ValueKind::EveryYear,
    },
    // location
    Bank {
        en: &[
            "customer data is stored in data centres in {ce}, Japan",
            "backups are replicated to a second region in {ce}",
            "the contract is governed by the laws of Japan",
            "data is disclosed to authorities only when required by law",
        ],
        ja: &[
            "お客様データは国内（{c}）のデータセンターに保管しております",
            "バックアップデータは{c}リージョンへ複製しております",
            "本契約の準拠法は日本法とし、東京地方裁判所を専属的合意管轄とします",
            "法令に基づく開示請求を除き、第三者へ開示することはありません",
        ],
        value: ValueKind::Countries,
    },
    // deletion
    Bank {
        en: &[
            "data is deleted {v} after the contract ends",
            "deletion covers backups, which expire within {v}",
            "the customer can export its data before deletion",
            "deletion is irreversible and is not reported individually",
        ],
        ja: &[
            "契約終了後{vj}以内にお客様データを削除いたします",
            "バックアップを含むデータは{vj}経過後に消去されます",
            "削除前にお客様ご自身でデータをエクスポートいただけます",
            "削除したデータは復元できず、個別の削除報告は行っておりません",
        ],
        value: ValueKind::Days,
    },
    // backup
    Bank {
        en: &[
            "backups are taken automatically and kept for {v}",
            "backup data is encrypted and stored in a separate region",
            "restores are tested every {n} months",
            "individual restores on request are not offered",
        ],
        ja: &[
            "バックアップは自動で取得し、{vj}保持しております",
            "バックアップデータは暗号化し、別リージョンに保管しております",
            "{n}か月ごとにリストアテストを実施しております",
            "お客様ごとの個別リストアには対応しておりません",
        ],
        value: ValueKind::Generations,
    },
    // disposal
    Bank {
        en: &[
            "storage media are physically destroyed at end of life",
            "disposal follows NIST SP 800-88 and a certificate is issued",
            "removable media are prohibited in the data centre",
            "equipment is wiped before it leaves the premises",
        ],
        ja: &[
            "記憶媒体は廃棄時に物理的に破壊しております",
            "NIST SP 800-88に準拠して消去し、廃棄証明書を発行いたします",
            "データセンター内での可搬媒体の利用を禁止しております",
            "機器の搬出前にデータ消去を実施しております",
        ],
        value: ValueKind::None,
    },
    // encryption
    Bank {
        en: &[
            "data at rest is encrypted with {a}",
            "communication is protected by {a}",
            "keys are managed in a key management service and rotated every {n} months",
            "passwords are stored as salted hashes ({a})",
        ],
        ja: &[
            "保存データは{a}で暗号化しております",
            "通信は{a}により暗号化しております",
            "暗号鍵は鍵管理サービスで管理し、{n}か月ごとにローテーションしております",
            "パスワードは{a}によるソルト付きハッシュで保存しております",
        ],
        value: ValueKind::None,
    },
    // logs
    Bank {
        en: &[
            "operation logs are kept for {v}",
            "servers synchronise their clocks with NTP",
            "the customer can download audit logs from the admin console",
            "logs are in JST (UTC+9)",
        ],
        ja: &[
            "操作ログは{vj}保管しております",
            "各サーバーはNTPにより時刻同期しております",
            "監査ログは管理画面からお客様がダウンロードできます",
            "ログの時刻は日本標準時（JST）で記録しております",
        ],
        value: ValueKind::Months,
    },
    // vulnerability
    Bank {
        en: &[
            "a third party performs vulnerability assessments every {v}",
            "security patches are applied within {n} days of release",
            "anti-malware software runs on every server",
            "development follows secure coding guidelines",
        ],
        ja: &[
            "第三者機関による脆弱性診断を{vj}に1回実施しております",
            "セキュリティパッチは公開後{n}日以内に適用しております",
            "全サーバーにマルウェア対策ソフトを導入しております",
            "セキュアコーディング規約に基づき開発しております",
        ],
        value: ValueKind::EveryYear,
    },
    // incidents
    Bank {
        en: &[
            "customers are notified within {v} of a confirmed incident",
            "notices are sent by e-mail and on the status page",
            "a CSIRT handles incidents and reports to the CISO",
            "incident reports are provided on request",
        ],
        ja: &[
            "インシデント確認後{vj}以内にお客様へ通知いたします",
            "通知はメールおよびステータスページにて行います",
            "CSIRTがインシデント対応を行い、CISOへ報告しております",
            "インシデント報告書はご要望に応じて提供いたします",
        ],
        value: ValueKind::Hours,
    },
    // certifications
    Bank {
        en: &[
            "the service is certified to {s}",
            "the certification scope covers the operations division",
            "audit reports are available under NDA",
            "the certificates are renewed every three years",
        ],
        ja: &[
            "当サービスは{s}の認証を取得しております",
            "認証範囲は運用本部の全業務です",
            "監査報告書は秘密保持契約の締結後に提供いたします",
            "認証は3年ごとに更新審査を受けております",
        ],
        value: ValueKind::Standards,
    },
    // suppliers
    Bank {
        en: &[
            "the service runs on {p}",
            "subcontractors are assessed every year",
            "the provider is not liable for outages of external services",
            "subcontractors sign confidentiality agreements",
        ],
        ja: &[
            "当サービスは{p}上で稼働しております",
            "委託先は年1回評価しております",
            "外部サービスの障害について当社は責任を負いかねます",
            "委託先とは秘密保持契約を締結しております",
        ],
        value: ValueKind::Providers,
    },
    // availability
    Bank {
        en: &[
            "the service aims at {v} monthly availability",
            "the service runs 24 hours a day, 365 days a year",
            "outages are posted on the status page",
            "recovery time objective is {n} hours",
        ],
        ja: &[
            "月間稼働率{vj}を目標としております",
            "サービスは24時間365日提供しております",
            "障害情報はステータスページに掲載いたします",
            "目標復旧時間（RTO）は{n}時間です",
        ],
        value: ValueKind::Percent,
    },
    // changes
    Bank {
        en: &[
            "planned maintenance is announced {n} days in advance",
            "changes are reviewed and approved before release",
            "termination of the service is announced {v} in advance",
            "maintenance takes place at night",
        ],
        ja: &[
            "計画メンテナンスは{n}日前までに告知いたします",
            "変更はレビューと承認を経てリリースしております",
            "サービス終了の場合は{vj}前までに通知いたします",
            "メンテナンスは夜間に実施いたします",
        ],
        value: ValueKind::Months,
    },
    // support
    Bank {
        en: &[
            "support is available on weekdays from 9:00 to 18:00",
            "manuals are published online",
            "an API is provided for integration",
            "customization is not offered",
        ],
        ja: &[
            "サポートは平日9時から18時まで対応しております",
            "マニュアルはWebサイトで公開しております",
            "連携用のAPIを提供しております",
            "個別カスタマイズには対応しておりません",
        ],
        value: ValueKind::None,
    },
    // access
    Bank {
        en: &[
            "administrators log in with multi-factor authentication",
            "sessions time out after {v} of inactivity",
            "tenants are logically isolated",
            "provider staff access customer data only with permission",
        ],
        ja: &[
            "管理者のログインには多要素認証を必須としております",
            "{vj}操作がない場合はセッションを切断いたします",
            "テナント間は論理的に分離しております",
            "当社従業員はお客様の許可なくデータへアクセスいたしません",
        ],
        value: ValueKind::Minutes,
    },
    // people
    Bank {
        en: &[
            "employees sign a confidentiality pledge on hiring",
            "security training is held every year",
            "violations are handled under the work rules",
            "access rights are revoked on the day of leaving",
        ],
        ja: &[
            "従業員は入社時に秘密保持誓約書を提出しております",
            "情報セキュリティ教育を年1回以上実施しております",
            "違反者は就業規則に基づき処分いたします",
            "退職日当日にアクセス権を削除しております",
        ],
        value: ValueKind::None,
    },
    // physical
    Bank {
        en: &[
            "the data centre is guarded around the clock",
            "the building withstands earthquakes of seismic intensity 7",
            "power is backed up by generators for {n} hours",
            "fire is suppressed with inert gas",
        ],
        ja: &[
            "データセンターは24時間有人監視しております",
            "建物は震度7相当の地震に耐える構造です",
            "非常用発電機により{n}時間の電源供給が可能です",
            "ガス系消火設備を備えております",
        ],
        value: ValueKind::None,
    },
    // continuity
    Bank {
        en: &[
            "a business continuity plan is tested every year",
            "systems are redundant across two sites",
            "data can be exported as CSV at any time",
            "disaster recovery restores the service within {v}",
        ],
        ja: &[
            "事業継続計画を策定し、年1回訓練を実施しております",
            "システムは2拠点で冗長化しております",
            "データはいつでもCSV形式で出力できます",
            "災害時は{vj}以内の復旧を目標としております",
        ],
        value: ValueKind::Days,
    },
];

pub(super) const QUALIFIERS_JA: &[&str] = &[
    "原則として、",
    "サービス約款第{n}条に基づき、",
    "{c}の拠点では、",
    "{n}年{m}月以降、",
    "本番環境においては、",
    "お客様との個別契約がない限り、",
    "当社規程（{s}準拠）により、",
];
pub(super) const QUALIFIERS_EN: &[&str] = &[
    "in principle, ",
    "under article {n} of the terms of service, ",
    "at the {ce} site, ",
    "since {m}/20{n}, ",
    "in production, ",
    "unless agreed otherwise in the contract, ",
];
pub(super) const REFERENCES_JA: &[&str] = &[
    "（詳細は別紙{n}を参照）",
    "（{s}の管理策{n}.{m}に対応）",
    "（{n}年度監査で確認済み）",
    "（運用手順書 第{m}版）",
];
pub(super) const REFERENCES_EN: &[&str] = &[
    " (see appendix {n})",
    " (control {n}.{m} of {s})",
    " (confirmed in the FY20{n} audit)",
    " (operations manual, edition {m})",
];
