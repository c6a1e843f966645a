//! List items: certificate ids ("IS 577142", "CLOUD 715091", "JQA-IC0048",
//! "ISO/IEC 27001:2013") and country names, read into the catalogue's canonical items.

use super::{nfkc, scan::pattern};
use crate::catalog::{certification, country, Value};
use regex::Regex;
use std::sync::LazyLock;

/// What a list item names, so an importer can keep the items a control asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ItemKind {
    Certificate,
    Country,
}

/// One list item found in a text, at a byte offset of the NFKC-normalized text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub text: String,
    pub kind: ItemKind,
    pub start: usize,
}

static CERTIFICATE: LazyLock<Regex> = LazyLock::new(|| {
    pattern(
        r"(?x)
        (?-u:\b)(?:IS|CLOUD|PII|EMS|QMS|BCMS|ITMS)\s?\d{5,6}(?-u:\b)
        | (?-u:\b)JQA-[A-Z]{2}\d{3,5}(?-u:\b)
        | ISO/IEC\s?\d{5}(?:-\d+)?(?::\d{4})?
        | JIS\s?Q\s?\d{5}(?::\d{4})?
        | JIP-ISMS\d{3}-\d+\.\d+
        | (?-u:\b)ISMAP(?-u:\b)
        | (?-u:\b)SOC\s?[123](?-u:\b)",
    )
});

/// A registration id inside the address of its entry in ISMS-AC's register
/// (`…/CR_IS_x0020_586579.html`, `…/CR_JQA-IM1459.html`): `_x0020_` is an encoded space.
static REGISTER_URL: LazyLock<Regex> = LazyLock::new(|| {
    pattern(r"/CR_(?:(IS|CLOUD|PII)_x0020_(\d{5,6})|(JQA-[A-Z]{2}\d{3,5}))\.html")
});

/// The Japanese names of the countries of [`country::COUNTRIES`] as vendors write them
/// (「日本」, 「日本国」, 「米国」, 「アメリカ」…), longest first so that 「日本国」 is read before
/// 「日本」, each with the country's English name.
static COUNTRY_NAMES: LazyLock<Vec<(&'static str, &'static str)>> = LazyLock::new(|| {
    let mut names: Vec<(&str, &str)> = country::COUNTRIES
        .iter()
        .flat_map(|c| {
            std::iter::once(c.ja)
                .chain(c.also.iter().copied().filter(|a| !a.is_ascii()))
                .map(move |name| (name, c.en))
        })
        .collect();
    names.sort_by_key(|(name, _)| std::cmp::Reverse(name.len()));
    names
});

/// Certificate ids and country names in `text`, in order of appearance, each once.
pub fn find_items(text: &str) -> Vec<Item> {
    let text = nfkc(text);
    let mut items = scheme_items(&text);
    let schemes: Vec<std::ops::Range<usize>> = items
        .iter()
        .map(|i| i.start..i.start + i.text.len())
        .collect();
    for m in CERTIFICATE.find_iter(&text) {
        // "SOC 2" inside "SOC 2 Type 2", "ISMAP" as the scheme: the scheme's item is kept.
        if overlaps(&schemes, &m.range()) {
            continue;
        }
        items.push(Item {
            text: m.as_str().to_string(),
            kind: ItemKind::Certificate,
            start: m.start(),
        });
    }
    for c in REGISTER_URL.captures_iter(&text) {
        let id = match (c.get(1), c.get(2), c.get(3)) {
            (Some(scheme), Some(number), _) => format!("{} {}", scheme.as_str(), number.as_str()),
            (_, _, Some(jqa)) => jqa.as_str().to_string(),
            _ => continue,
        };
        items.push(Item {
            text: id,
            kind: ItemKind::Certificate,
            start: c.get(0).map_or(0, |m| m.start()),
        });
    }
    let mut taken: Vec<std::ops::Range<usize>> = Vec::new();
    for &(ja, en) in COUNTRY_NAMES.iter() {
        for (start, _) in text.match_indices(ja) {
            let r = start..start + ja.len();
            if overlaps(&taken, &r) {
                continue;
            }
            taken.push(r);
            items.push(Item {
                text: en.to_string(),
                kind: ItemKind::Country,
                start,
            });
        }
    }
    items.sort_by_key(|i| i.start);
    let mut seen = std::collections::HashSet::new();
    items.retain(|i| seen.insert(i.text.clone()));
    items
}

fn overlaps(taken: &[std::ops::Range<usize>], r: &std::ops::Range<usize>) -> bool {
    taken.iter().any(|t| t.start < r.end && r.start < t.end)
}

/// Certification schemes named in words ("ISMSクラウドセキュリティ認証", "SOC 2 Type II"), as the
/// canonical item of `data/certifications.yaml` ("ISMS-AC ISMS Cloud Security"). `start` is
/// where the words stand; only their range is compared with other finds, so the item's own
/// length stands in for it.
fn scheme_items(text: &str) -> Vec<Item> {
    certification::table()
        .named_in(text)
        .into_iter()
        .filter_map(|(range, scheme)| {
            Some(Item {
                text: scheme.items.first()?.clone(),
                kind: ItemKind::Certificate,
                start: range.start,
            })
        })
        .collect()
}

/// Whether a registration id is one the certificate `name` would carry: a scheme whose ids
/// begin as it does either is that certificate's scheme or certifies the standard it names.
/// An id of no known scheme fits any certificate.
fn id_fits(name: &str, id: &str) -> bool {
    let table = certification::table();
    let schemes = table.schemes_for_id(id);
    if schemes.is_empty() {
        return true;
    }
    let base = |s: &str| certification::key(certification::split_edition(s).0);
    let own = table.scheme_of(name).map(|s| s.id.as_str());
    let mut names = vec![base(name)];
    names.extend(table.certified_by(name).iter().map(|c| base(c.standard)));
    schemes
        .iter()
        .any(|s| own == Some(s.id.as_str()) || s.certifies.iter().any(|c| names.contains(&base(c))))
}

/// What a list item (as a curator writes it) names: a country ("Japan", "日本") or a
/// certificate ("ISO/IEC 27017 (CLOUD 715091)"); None for other free text.
pub fn classify_item(item: &str) -> Option<ItemKind> {
    if country::named(item).is_some() {
        return Some(ItemKind::Country);
    }
    find_items(item)
        .iter()
        .any(|i| i.kind == ItemKind::Certificate)
        .then_some(ItemKind::Certificate)
}

/// The items of `item_kind` (any kind: `None`) that `text` names, as the catalogue writes them.
pub(super) fn listed(text: &str, item_kind: Option<ItemKind>) -> Option<Value> {
    let found: Vec<Item> = find_items(text)
        .into_iter()
        .filter(|i| item_kind.is_none_or(|k| i.kind == k))
        .collect();
    let items = canonical_items(found);
    (!items.is_empty()).then_some(Value::List { items })
}

/// The catalogue's canonical list items, "standard:edition (registration id)": each standard
/// takes the first registration id that follows it ("ISO/IEC27001:2013/JIS Q 27001:2014 …
/// IS577142" is "ISO/IEC 27001:2013 (IS 577142)" and "JIS Q 27001:2014 (IS 577142)"); a
/// standard named again keeps its first id; an id that follows no standard stays an item.
fn canonical_items(found: Vec<Item>) -> Vec<String> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut waiting: Vec<usize> = Vec::new();
    for item in found {
        if item.kind != ItemKind::Certificate {
            out.push((item.text, None));
            continue;
        }
        let text = spaced(&item.text);
        if is_standard(&text) {
            if !out.iter().any(|(name, _)| *name == text) {
                waiting.push(out.len());
                out.push((text, None));
            }
        } else if waiting.is_empty() {
            if !out
                .iter()
                .any(|(name, id)| *name == text || id.as_ref() == Some(&text))
            {
                out.push((text, None));
            }
        } else {
            // QUALITIA names two ISMS-AC certificates and ISO/IEC 27018, then gives the ids
            // IS 586579 and CLOUD 681574: each id goes to the certificates it can belong to,
            // or, where none can tell, to every one waiting for an id.
            let fitting: Vec<usize> = waiting
                .iter()
                .copied()
                .filter(|&i| id_fits(&out[i].0, &text))
                .collect();
            let to = if fitting.is_empty() {
                waiting.clone()
            } else {
                fitting
            };
            for &i in &to {
                out[i].1 = Some(text.clone());
            }
            waiting.retain(|i| !to.contains(i));
        }
    }
    out.into_iter()
        .map(|(name, id)| match id {
            Some(id) => format!("{name} ({id})"),
            None => name,
        })
        .collect()
}

fn is_standard(text: &str) -> bool {
    ["ISO/IEC", "JIS", "JIP-ISMS", "ISMAP", "SOC"]
        .iter()
        .any(|p| text.starts_with(p))
        || certification::table().scheme_of(text).is_some()
}

/// One space where the catalogue writes one: "ISO/IEC27001" is "ISO/IEC 27001", "JIS Q27001"
/// "JIS Q 27001", "IS577142" "IS 577142".
fn spaced(text: &str) -> String {
    static PARTS: LazyLock<Regex> =
        LazyLock::new(|| pattern(r"^(ISO/IEC|JIS\s?Q|IS|CLOUD|PII|EMS|QMS|BCMS|ITMS)\s?(\d.*)$"));
    match PARTS.captures(text) {
        Some(c) => {
            let name = c[1].replace(char::is_whitespace, "");
            let name = if name == "JISQ" { "JIS Q" } else { &name };
            format!("{name} {}", &c[2])
        }
        None => text.to_string(),
    }
}

/// Certificate ids compare without spaces: "IS577142" is "IS 577142".
pub(super) fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}
