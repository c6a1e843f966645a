//! A deterministic synthetic catalogue, for measuring kurabe at registry scale.
//!
//! `generate(spec)` writes `N` vendors × `M` controls in kurabe's data layout (`controls.yaml`,
//! `vendors/<id>.yaml`) that `kurabe check --data DIR` accepts. The controls are the embedded
//! taxonomy's, repeated with variants ("… (subcontracted services)") past its size; the answers
//! are mixed Japanese and English text composed from per-category phrase banks with random
//! numbers, providers, standards and algorithms, with statuses, values, notes and quotes in the
//! proportions of the real vendors' files. Qualifiers, references and numbers vary the clauses,
//! so that most texts differ, as real vendors' do. The same spec always writes the same bytes.

use kurabe::catalog::{self, Catalog};
use std::fmt::Write as _;
use std::io;
use std::path::Path;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spec {
    pub vendors: usize,
    pub controls: usize,
    pub seed: u64,
}

impl Default for Spec {
    fn default() -> Spec {
        Spec {
            vendors: 1000,
            controls: 150,
            seed: 1,
        }
    }
}

/// What was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    pub bytes: u64,
}

/// A small, fast, seedable generator (SplitMix64): the same seed gives the same catalogue on
/// every platform, with no dependency.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
    /// Uniform in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.next_u64() % (hi - lo + 1)
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.next_u64() % 100 < percent
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// One of `words`.
    pub fn word<'a>(&mut self, words: &[&'a str]) -> &'a str {
        words[self.below(words.len())]
    }
}

/// One control of the generated taxonomy.
#[derive(Debug, Clone)]
struct GenControl {
    id: String,
    en: String,
    ja: String,
    q_en: String,
    q_ja: String,
    /// Index into the base taxonomy's categories (and [`BANKS`]).
    category: usize,
}

/// Variants that extend the taxonomy past the embedded one's size.
const VARIANTS: &[(&str, &str, &str)] = &[
    ("sub", "subcontracted services", "委託先サービス"),
    ("dr", "disaster-recovery site", "災害対策サイト"),
    ("mobile", "mobile apps", "モバイルアプリ"),
    ("api", "public API", "公開API"),
    ("legacy", "legacy edition", "旧版サービス"),
    ("gov", "government edition", "官公庁向け"),
];

/// The taxonomy the generated vendors answer: the embedded one's controls, then variants.
fn taxonomy(base: &Catalog, controls: usize) -> Vec<GenControl> {
    let n = base.controls.len().max(1);
    (0..controls)
        .map(|k| {
            let entry = &base.controls[k % n];
            let c = &entry.control;
            let ja = c.title.ja.clone().unwrap_or_else(|| c.title.en.clone());
            let q_ja = c
                .question
                .ja
                .clone()
                .unwrap_or_else(|| c.question.en.clone());
            match k / n {
                0 => GenControl {
                    id: c.id.clone(),
                    en: c.title.en.clone(),
                    ja,
                    q_en: c.question.en.clone(),
                    q_ja,
                    category: entry.category,
                },
                round => {
                    let (suffix, en, vja) = VARIANTS[(round - 1) % VARIANTS.len()];
                    let lap = (round - 1) / VARIANTS.len();
                    let suffix = if lap == 0 {
                        suffix.to_string()
                    } else {
                        format!("{suffix}{}", lap + 1)
                    };
                    GenControl {
                        id: format!("{}-{suffix}", c.id),
                        en: format!("{} ({en})", c.title.en),
                        ja: format!("{ja}（{vja}）"),
                        q_en: format!("{} This applies to the {en}.", c.question.en),
                        q_ja: format!("{q_ja}（{vja}について）"),
                        category: entry.category,
                    }
                }
            }
        })
        .collect()
}

/// YAML double-quoted scalar (JSON string syntax is valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_string())
}

/// `controls.yaml` of the generated catalogue.
pub fn controls_yaml(spec: &Spec) -> io::Result<String> {
    let base = base_catalog()?;
    Ok(render_controls(&base, &taxonomy(&base, spec.controls)))
}

fn render_controls(base: &Catalog, controls: &[GenControl]) -> String {
    let mut out = String::from(
        "# Synthetic control taxonomy written by `xtask generate` (for benchmarks).\ncategories:\n",
    );
    for (ci, category) in base.categories.iter().enumerate() {
        let mine: Vec<&GenControl> = controls.iter().filter(|c| c.category == ci).collect();
        if mine.is_empty() {
            continue;
        }
        let _ = writeln!(out, "  - id: {}", category.id);
        let _ = writeln!(
            out,
            "    title: {{ en: {}, ja: {} }}",
            q(&category.title.en),
            q(category.title.ja.as_deref().unwrap_or(&category.title.en))
        );
        out.push_str("    controls:\n");
        for c in mine {
            let _ = writeln!(out, "      - id: {}", c.id);
            let _ = writeln!(
                out,
                "        title: {{ en: {}, ja: {} }}",
                q(&c.en),
                q(&c.ja)
            );
            out.push_str("        question:\n");
            let _ = writeln!(out, "          en: {}", q(&c.q_en));
            let _ = writeln!(out, "          ja: {}", q(&c.q_ja));
        }
    }
    out
}

fn base_catalog() -> io::Result<Catalog> {
    catalog::load_embedded()
        .map(|l| l.catalog)
        .map_err(|p| io::Error::other(format!("embedded catalogue: {p}")))
}

const NAME_PARTS: &[(&str, &str)] = &[
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
const NAME_KINDS: &[(&str, &str)] = &[
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
const REGIONS: &[(&str, &str)] = &[
    ("", ""),
    ("Hokkaido", "北海道"),
    ("Tohoku", "東北"),
    ("Kanto", "関東"),
    ("Chubu", "中部"),
    ("Kansai", "関西"),
    ("Chugoku", "中国"),
    ("Kyushu", "九州"),
];
const PRODUCTS: &[&str] = &[
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
const DOCUMENTS: &[(&str, &str)] = &[
    ("checksheet", "セキュリティチェックシート"),
    ("guideline", "クラウドサービス情報セキュリティガイドライン"),
    ("policy", "情報セキュリティ基本方針"),
    ("whitepaper", "Security White Paper"),
];

/// Providers, standards, algorithms, places: the nouns that make records differ.
const PROVIDERS: &[&str] = &[
    "Amazon Web Services (AWS)",
    "Microsoft Azure",
    "Google Cloud",
    "さくらのクラウド",
    "IIJ GIO",
    "Oracle Cloud Infrastructure",
    "自社データセンター",
    "NTTコミュニケーションズ",
];
const STANDARDS: &[&str] = &[
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
const ALGORITHMS: &[&str] = &[
    "AES-256",
    "AES-128-GCM",
    "TLS 1.2",
    "TLS 1.3",
    "RSA 2048bit",
    "SHA-256",
    "bcrypt",
    "ChaCha20-Poly1305",
];
const PLACES: &[&str] = &[
    "東京",
    "大阪",
    "北海道",
    "福岡",
    "埼玉",
    "千葉",
    "神奈川",
    "愛知",
];
const PLACES_EN: &[&str] = &[
    "Tokyo", "Osaka", "Hokkaido", "Fukuoka", "Saitama", "Chiba", "Kanagawa", "Aichi",
];

/// What a category's answers talk about: English and Japanese clauses with placeholders, and
/// the kind of value its answers normalize to.
struct Bank {
    en: &'static [&'static str],
    ja: &'static [&'static str],
    value: ValueKind,
}

#[derive(Clone, Copy)]
enum ValueKind {
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
const GENERIC_EN: &[&str] = &[
    "as defined in the internal rules approved by the CISO",
    "reviewed at least once a year by the security committee",
    "documented in the ISMS manual and communicated to all employees",
    "on request the details are disclosed under NDA",
    "the procedure was last revised in fiscal {n}",
    "handled according to {s}",
];
const GENERIC_JA: &[&str] = &[
    "CISOが承認した社内規程に基づき実施しております",
    "情報セキュリティ委員会にて年1回以上見直しております",
    "ISMSマニュアルに定め、全従業員に周知しております",
    "詳細は秘密保持契約の締結後に開示いたします",
    "{s}に準拠した手順で運用しております",
    "当該手順は{n}年度に改訂しております",
];

const BANKS: &[Bank] = &[
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

/// A value and its English and Japanese wording.
struct GenValue {
    yaml: String,
    en: String,
    ja: String,
}

fn gen_value(kind: ValueKind, rng: &mut Rng) -> Option<GenValue> {
    let time = |amount: u64, unit: &str, en: &str, ja: &str| GenValue {
        yaml: format!("{{ kind: duration, amount: {amount}, unit: {unit} }}"),
        en: format!("{amount} {en}{}", if amount == 1 { "" } else { "s" }),
        ja: format!("{amount}{ja}"),
    };
    Some(match kind {
        ValueKind::None => return None,
        ValueKind::Days => time(*rng.pick(&[7, 14, 30, 60, 90, 180]), "days", "day", "日"),
        ValueKind::Months => time(rng.range(1, 24), "months", "month", "か月"),
        ValueKind::Hours => time(*rng.pick(&[1, 4, 24, 48, 72]), "hours", "hour", "時間"),
        ValueKind::Minutes => time(*rng.pick(&[10, 15, 30, 60, 120]), "minutes", "minute", "分"),
        ValueKind::Generations => {
            let n = rng.range(2, 60);
            GenValue {
                yaml: format!("{{ kind: count, amount: {n}, unit: generations }}"),
                en: format!("{n} generations"),
                ja: format!("{n}世代"),
            }
        }
        ValueKind::EveryYear => {
            let n = rng.range(1, 2);
            GenValue {
                yaml: format!("{{ kind: interval, amount: {n}, unit: years }}"),
                en: if n == 1 {
                    "year".to_string()
                } else {
                    format!("{n} years")
                },
                ja: format!("{n}年"),
            }
        }
        ValueKind::Percent => {
            let n = *rng.pick(&[99.0, 99.5, 99.9, 99.95, 99.99]);
            GenValue {
                yaml: format!("{{ kind: percentage, amount: {n:.2} }}"),
                en: format!("{n:.2}%"),
                ja: format!("{n:.2}%"),
            }
        }
        ValueKind::Standards | ValueKind::Providers | ValueKind::Countries => {
            let pool: &[&str] = match kind {
                ValueKind::Standards => STANDARDS,
                ValueKind::Providers => PROVIDERS,
                _ => &["Japan", "Japan", "Japan", "Singapore", "United States"],
            };
            let count = 1 + rng.below(3);
            let mut items: Vec<&str> = Vec::new();
            for _ in 0..count {
                let item = *rng.pick(pool);
                if !items.contains(&item) {
                    items.push(item);
                }
            }
            let joined = items.join(", ");
            GenValue {
                yaml: format!(
                    "{{ kind: list, items: [{}] }}",
                    items.iter().map(|s| q(s)).collect::<Vec<_>>().join(", ")
                ),
                en: joined.clone(),
                ja: joined,
            }
        }
    })
}

/// Fills a clause's placeholders.
fn fill(template: &str, value: Option<&GenValue>, rng: &mut Rng) -> String {
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let key = &rest[open + 1..open + close];
        match key {
            "v" => match value {
                Some(v) => out.push_str(&v.en),
                None => {
                    let _ = write!(out, "{} days", rng.range(1, 90));
                }
            },
            "vj" => match value {
                Some(v) => out.push_str(&v.ja),
                None => {
                    let _ = write!(out, "{}日", rng.range(1, 90));
                }
            },
            "n" => {
                let _ = write!(out, "{}", rng.range(2, 30));
            }
            "m" => {
                let _ = write!(out, "{}", rng.range(1, 12));
            }
            "p" => out.push_str(rng.word(PROVIDERS)),
            "s" => out.push_str(rng.word(STANDARDS)),
            "a" => out.push_str(rng.word(ALGORITHMS)),
            "c" => out.push_str(rng.word(PLACES)),
            "ce" => out.push_str(rng.word(PLACES_EN)),
            other => {
                out.push('{');
                out.push_str(other);
                out.push('}');
            }
        }
        rest = &rest[open + close + 1..];
    }
    out.push_str(rest);
    out
}

/// A sentence of `count` clauses from the category's bank (and, sometimes, the generic one).
fn sentence(
    bank: &[&str],
    generic: &[&str],
    count: usize,
    value: Option<&GenValue>,
    rng: &mut Rng,
) -> Vec<String> {
    let japanese = bank.first().is_some_and(|s| !s.is_ascii());
    let mut used: Vec<usize> = Vec::new();
    let mut out = Vec::new();
    for _ in 0..count {
        let template = if rng.chance(25) {
            *rng.pick(generic)
        } else {
            let mut i = rng.below(bank.len());
            if used.contains(&i) {
                i = (i + 1) % bank.len();
            }
            used.push(i);
            bank[i]
        };
        let mut clause = fill(template, value, rng);
        // Qualifiers and references, so that few clauses come out the same twice.
        if rng.chance(40) {
            let qualifier = *rng.pick(if japanese {
                QUALIFIERS_JA
            } else {
                QUALIFIERS_EN
            });
            clause = format!("{}{clause}", fill(qualifier, value, rng));
        }
        if rng.chance(35) {
            let reference = *rng.pick(if japanese {
                REFERENCES_JA
            } else {
                REFERENCES_EN
            });
            clause.push_str(&fill(reference, value, rng));
        }
        out.push(clause);
    }
    out
}

const QUALIFIERS_JA: &[&str] = &[
    "原則として、",
    "サービス約款第{n}条に基づき、",
    "{c}の拠点では、",
    "{n}年{m}月以降、",
    "本番環境においては、",
    "お客様との個別契約がない限り、",
    "当社規程（{s}準拠）により、",
];
const QUALIFIERS_EN: &[&str] = &[
    "in principle, ",
    "under article {n} of the terms of service, ",
    "at the {ce} site, ",
    "since {m}/20{n}, ",
    "in production, ",
    "unless agreed otherwise in the contract, ",
];
const REFERENCES_JA: &[&str] = &[
    "（詳細は別紙{n}を参照）",
    "（{s}の管理策{n}.{m}に対応）",
    "（{n}年度監査で確認済み）",
    "（運用手順書 第{m}版）",
];
const REFERENCES_EN: &[&str] = &[
    " (see appendix {n})",
    " (control {n}.{m} of {s})",
    " (confirmed in the FY20{n} audit)",
    " (operations manual, edition {m})",
];

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A generated vendor's identity.
struct GenVendor {
    id: String,
    en: String,
    ja: String,
}

fn vendor_identity(index: usize) -> GenVendor {
    let (p_en, p_ja) = NAME_PARTS[index % NAME_PARTS.len()];
    let (k_en, k_ja) = NAME_KINDS[(index / NAME_PARTS.len()) % NAME_KINDS.len()];
    let lap = index / (NAME_PARTS.len() * NAME_KINDS.len());
    let (r_en, r_ja) = REGIONS[lap % REGIONS.len()];
    let number = lap / REGIONS.len();
    let mut en = format!("{p_en} {k_en}");
    let mut ja = format!("{p_ja}{k_ja}");
    if !r_en.is_empty() {
        en = format!("{en} {r_en}");
        ja = format!("{ja}{r_ja}");
    }
    if number > 0 {
        en = format!("{en} {}", number + 1);
        ja = format!("{ja}{}", number + 1);
    }
    let slug = en.to_lowercase().replace(' ', "-");
    GenVendor {
        id: format!("v{:04}-{slug}", index + 1),
        en: format!("{en}, Inc."),
        ja: if index.is_multiple_of(3) {
            format!("株式会社{ja}")
        } else {
            format!("{ja}株式会社")
        },
    }
}

/// The file of vendor `index` (0-based) of the generated catalogue: its name and contents.
pub fn vendor_yaml(spec: &Spec, index: usize) -> io::Result<(String, String)> {
    let base = base_catalog()?;
    let controls = taxonomy(&base, spec.controls);
    Ok(render_vendor(spec, &controls, index))
}

fn render_vendor(spec: &Spec, controls: &[GenControl], index: usize) -> (String, String) {
    let mut rng = Rng::new(spec.seed.wrapping_mul(1_000_003).wrapping_add(index as u64));
    let v = vendor_identity(index);
    let mut out = String::with_capacity(controls.len() * 700);
    out.push_str("# Synthetic vendor written by `xtask generate` (for benchmarks).\nvendor:\n");
    let _ = writeln!(out, "  id: {}", v.id);
    let _ = writeln!(out, "  name: {{ en: {}, ja: {} }}", q(&v.en), q(&v.ja));
    let _ = writeln!(
        out,
        "  products: {}",
        q(&format!(
            "{} ({})",
            v.en.trim_end_matches(", Inc."),
            rng.pick(PRODUCTS)
        ))
    );
    out.push_str("documents:\n");
    let ndocs = 1 + rng.below(3);
    let first = rng.below(DOCUMENTS.len());
    let docs: Vec<&str> = (0..ndocs)
        .map(|k| DOCUMENTS[(first + k) % DOCUMENTS.len()].0)
        .collect();
    for (k, id) in docs.iter().enumerate() {
        let title = DOCUMENTS[(first + k) % DOCUMENTS.len()].1;
        let _ = writeln!(out, "  - id: {id}");
        let _ = writeln!(out, "    title: {}", q(&format!("{} {title}", v.ja)));
        let _ = writeln!(
            out,
            "    version: \"{}.{}\"",
            rng.range(1, 6),
            rng.range(0, 9)
        );
        let _ = writeln!(
            out,
            "    date: \"{}-{:02}-{:02}\"",
            rng.range(2019, 2025),
            rng.range(1, 12),
            rng.range(1, 28)
        );
        let _ = writeln!(out, "    source: synthetic-{}-{id}.txt", v.id);
    }
    out.push_str("answers:\n");
    for (ci, c) in controls.iter().enumerate() {
        let _ = writeln!(out, "  - control: {}", c.id);
        let roll = rng.below(100);
        if roll < 20 {
            out.push_str("    status: not_stated\n");
            continue;
        }
        let status = if roll < 36 { "partial" } else { "stated" };
        let _ = writeln!(out, "    status: {status}");
        let bank = &BANKS[c.category % BANKS.len()];
        let value = if rng.chance(55) {
            gen_value(bank.value, &mut rng)
        } else {
            None
        };
        let en = sentence(
            bank.en,
            GENERIC_EN,
            1 + rng.below(2),
            value.as_ref(),
            &mut rng,
        );
        let ja = sentence(
            bank.ja,
            GENERIC_JA,
            1 + rng.below(2),
            value.as_ref(),
            &mut rng,
        );
        let mut summary_en = capitalize(&en.join("; "));
        summary_en.push('.');
        if status == "partial" {
            summary_en.push_str(" Details are not given.");
        }
        let summary_ja = format!("{}。", ja.join("。"));
        out.push_str("    summary:\n");
        let _ = writeln!(out, "      en: {}", q(&summary_en));
        let _ = writeln!(out, "      ja: {}", q(&summary_ja));
        if let Some(value) = &value {
            let _ = writeln!(out, "    value: {}", value.yaml);
        }
        if rng.chance(8) {
            let _ = writeln!(
                out,
                "    note: {{ en: {}, ja: {} }}",
                q(&format!(
                    "Section {}.{} and the FAQ differ on this point; the check sheet is quoted.",
                    ci % 12 + 1,
                    rng.range(1, 40)
                )),
                q(&format!(
                    "チェックシート{}.{}とFAQで記載が異なるため、チェックシートを引用した。",
                    ci % 12 + 1,
                    rng.range(1, 40)
                ))
            );
        }
        out.push_str("    quotes:\n");
        let nquotes = match rng.below(100) {
            0..=64 => 1,
            65..=91 => 2,
            _ => 3,
        };
        for _ in 0..nquotes {
            let clauses = sentence(
                bank.ja,
                GENERIC_JA,
                1 + rng.below(2),
                value.as_ref(),
                &mut rng,
            );
            let mut text = clauses.join("。また、");
            text.push('。');
            if rng.chance(15) {
                text = format!("{}では、{text}", v.ja);
            }
            if rng.chance(10) {
                let _ = write!(
                    text,
                    "詳細は https://www.{}.example.jp/security/ をご参照ください。",
                    v.id
                );
            }
            let doc = rng.pick(&docs);
            let _ = writeln!(
                out,
                "      - {{ document: {doc}, section: \"{}.{}\", text: {} }}",
                ci % 12 + 1,
                rng.range(1, 40),
                q(&text)
            );
        }
    }
    (format!("{}.yaml", v.id), out)
}

/// Writes the catalogue `spec` describes into `dir` (created if need be): `controls.yaml` and
/// `vendors/*.yaml`. Existing vendor files of other names are left alone.
pub fn generate(dir: &Path, spec: &Spec) -> io::Result<Written> {
    let base = base_catalog()?;
    let controls = taxonomy(&base, spec.controls);
    std::fs::create_dir_all(dir.join("vendors"))?;
    let taxonomy_text = render_controls(&base, &controls);
    std::fs::write(dir.join("controls.yaml"), &taxonomy_text)?;
    let mut bytes = taxonomy_text.len() as u64;
    // Two writers: the files are independent, and this halves the wait on two cores.
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let results: Vec<io::Result<u64>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let controls = &controls;
                s.spawn(move || -> io::Result<u64> {
                    let mut written = 0u64;
                    for index in (t..spec.vendors).step_by(threads) {
                        let (name, text) = render_vendor(spec, controls, index);
                        std::fs::write(dir.join("vendors").join(name), &text)?;
                        written += text.len() as u64;
                    }
                    Ok(written)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(io::Error::other("writer panicked")))
            })
            .collect()
    });
    for r in results {
        bytes += r?;
    }
    Ok(Written {
        files: spec.vendors + 1,
        bytes,
    })
}

/// `xtask generate`.
#[derive(Debug, Clone, clap::Args)]
pub struct GenerateArgs {
    /// The directory to write (created if need be).
    #[arg(long, value_name = "DIR")]
    pub out: std::path::PathBuf,
    #[arg(long, default_value_t = 1000)]
    pub vendors: usize,
    #[arg(long, default_value_t = 150)]
    pub controls: usize,
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
}

/// `xtask generate`: writes the catalogue and says what it wrote.
pub fn run(args: &GenerateArgs, out: &mut impl std::io::Write) -> anyhow::Result<()> {
    let spec = Spec {
        vendors: args.vendors,
        controls: args.controls,
        seed: args.seed,
    };
    let t = std::time::Instant::now();
    let written = generate(&args.out, &spec)?;
    writeln!(
        out,
        "wrote {} vendors × {} controls ({} files, {:.1} MB) to {} in {:.1} s; check it with `kurabe check --data {}`",
        spec.vendors,
        spec.controls,
        written.files,
        written.bytes as f64 / 1e6,
        args.out.display(),
        t.elapsed().as_secs_f64(),
        args.out.display()
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurabe::catalog::{load, Origin, SourceFile};

    #[test]
    fn the_same_spec_writes_the_same_bytes() {
        let spec = Spec {
            vendors: 3,
            controls: 120,
            seed: 7,
        };
        assert_eq!(
            vendor_yaml(&spec, 2).unwrap(),
            vendor_yaml(&spec, 2).unwrap()
        );
        assert_eq!(controls_yaml(&spec).unwrap(), controls_yaml(&spec).unwrap());
        let other = Spec { seed: 8, ..spec };
        assert_ne!(
            vendor_yaml(&spec, 2).unwrap(),
            vendor_yaml(&other, 2).unwrap()
        );
    }

    #[test]
    fn a_generated_catalogue_passes_validation() {
        let spec = Spec {
            vendors: 4,
            controls: 110,
            seed: 3,
        };
        let controls = SourceFile::new("controls.yaml", controls_yaml(&spec).unwrap());
        let vendors = (0..spec.vendors)
            .map(|i| {
                let (name, text) = vendor_yaml(&spec, i).unwrap();
                (
                    SourceFile::new(format!("vendors/{name}"), text),
                    Origin::Directory,
                )
            })
            .collect();
        let loaded = load(controls, vendors).expect("the taxonomy loads");
        assert!(loaded.problems.is_empty(), "{:?}", loaded.problems);
        let c = &loaded.catalog;
        assert_eq!(c.controls.len(), 110);
        assert_eq!(c.vendors.len(), 4);
        let mut ids: Vec<&str> = c.vendors.iter().map(|v| v.id()).collect();
        ids.dedup();
        assert_eq!(ids.len(), 4, "vendor ids are unique");
        // Mixed text: Japanese and English in summaries and quotes, some values.
        let answers: Vec<_> = c.vendors.iter().flat_map(|v| v.answers.iter()).collect();
        assert!(answers.iter().any(|a| a.value.is_some()));
        assert!(answers
            .iter()
            .any(|a| a.quotes.iter().any(|q| q.text.contains("しております"))));
    }

    #[test]
    fn vendor_ids_stay_unique_past_the_name_combinations() {
        let ids: std::collections::HashSet<String> =
            (0..3000).map(|i| vendor_identity(i).id).collect();
        assert_eq!(ids.len(), 3000);
        assert!(ids
            .iter()
            .all(|id| kurabe::catalog::validate::is_valid_id(id)));
    }
}
