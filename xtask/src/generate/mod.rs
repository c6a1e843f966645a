//! A deterministic synthetic catalogue, for measuring kurabe at registry scale.
//!
//! `generate(spec)` writes `N` vendors × `M` controls in kurabe's data layout (`controls.yaml`,
//! `vendors/<id>.yaml`) that `kurabe check --data DIR` accepts. The controls are the embedded
//! taxonomy's, repeated with variants ("… (subcontracted services)") past its size; the answers
//! are mixed Japanese and English text composed from per-category phrase banks with random
//! numbers, providers, standards and algorithms, with statuses, values, notes and quotes in the
//! proportions of the real vendors' files. Qualifiers, references and numbers vary the clauses,
//! so that most texts differ, as real vendors' do. The same spec always writes the same bytes.

use compose::{capitalize, gen_value, sentence};
use kurabe::catalog::{self, Catalog};
use std::fmt::Write as _;
use std::io;
use std::path::Path;
use words::*;

mod compose;
mod words;

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
                    en: c.title.en.clone().into_owned(),
                    ja: ja.into_owned(),
                    q_en: c.question.en.clone().into_owned(),
                    q_ja: q_ja.into_owned(),
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
