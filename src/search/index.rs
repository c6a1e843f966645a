//! The index: each control's texts, normalized once into one arena, heaviest first.

use super::stored::Mapped;
use super::tiers::{Tier, TierSummary};
use super::{SearchIndex, PARALLEL_RECORDS};
use crate::catalog::{Catalog, Lang};
use crate::parallel::{map_chunks, threads_for};
use crate::text::normalize;
use std::collections::HashSet;
use std::sync::atomic::Ordering;
use std::sync::Arc;

use super::closeness::Section;

/// Marks a record that belongs to the control itself, not to a vendor's answer.
pub(super) const NO_VENDOR: u32 = u32::MAX;

/// One searchable text: a range of its control's arena. `repr(C)` without padding: the
/// cache stores records as they are in memory ([`super::stored`]).
#[repr(C)]
#[derive(Debug, Clone, Copy)]
pub(super) struct Record {
    pub(super) start: u32,
    pub(super) len: u32,
    pub(super) vendor: u32,
    pub(super) weight: u8,
    /// The text's letter bits ([`super::letters`]).
    pub(super) letters: [u8; 3],
}

impl Record {
    pub(super) fn letters(&self) -> u32 {
        super::letters::from_bytes(self.letters)
    }
}

// SAFETY: `repr(C)`, three `u32`s and four bytes, no padding (asserted below); any bits are a
// valid value (a stored index is validated before a record is used).
unsafe impl bytemuck::Zeroable for Record {}
unsafe impl bytemuck::Pod for Record {}
const _: () = assert!(std::mem::size_of::<Record>() == 16);

/// The texts of one control, normalized, heaviest first (a record's weight is its
/// [`Section`]): a view of a control built in memory or stored in the cache.
#[derive(Debug, Clone)]
pub(super) struct ControlTexts<'a> {
    pub(super) arena: &'a str,
    pub(super) records: &'a [Record],
    /// The records of each weight, heaviest first, summarized.
    pub(super) tiers: Vec<Tier<'a>>,
}

impl<'a> ControlTexts<'a> {
    pub(super) fn text(&self, r: &Record) -> &'a str {
        &self.arena[r.start as usize..(r.start + r.len) as usize]
    }

    pub(super) fn text_of(&self, id: u32) -> &'a str {
        self.text(&self.records[id as usize])
    }
}

/// A control's texts as built: what [`ControlTexts`] views.
#[derive(Debug, Clone, Default)]
pub(super) struct BuiltControl {
    pub(super) arena: String,
    pub(super) records: Vec<Record>,
    pub(super) tiers: Vec<TierSummary>,
    /// A standard's number lists the control first (see [`super::rank`]).
    pub(super) certification: bool,
}

impl BuiltControl {
    pub(super) fn view(&self) -> ControlTexts<'_> {
        ControlTexts {
            arena: &self.arena,
            records: &self.records,
            tiers: self.tiers.iter().map(TierSummary::view).collect(),
        }
    }

    pub(super) fn text_of(&self, id: u32) -> &str {
        let r = &self.records[id as usize];
        &self.arena[r.start as usize..(r.start + r.len) as usize]
    }

    /// Splits the records (pushed heaviest first) into tiers and summarizes them.
    fn finish(&mut self) {
        self.arena.shrink_to_fit();
        self.records.shrink_to_fit();
        let mut tiers = Vec::new();
        let mut start = 0;
        while start < self.records.len() {
            let weight = self.records[start].weight;
            let end = start
                + self.records[start..]
                    .iter()
                    .take_while(|r| r.weight == weight)
                    .count();
            let this = &*self;
            tiers.push(TierSummary::build(
                i64::from(weight),
                start as u32..end as u32,
                |id| this.text_of(id),
            ));
            start = end;
        }
        self.tiers = tiers;
    }

    fn heap_bytes(&self) -> usize {
        self.arena.capacity()
            + self.records.capacity() * std::mem::size_of::<Record>()
            + self
                .tiers
                .iter()
                .map(TierSummary::heap_bytes)
                .sum::<usize>()
    }

    fn push(&mut self, vendor: u32, section: Section, text: &str) {
        if text.is_empty() {
            return;
        }
        let start = self.arena.len();
        push_normalized(&mut self.arena, text);
        self.records.push(Record {
            start: start as u32,
            len: (self.arena.len() - start) as u32,
            vendor,
            weight: section as u8,
            letters: super::letters::to_bytes(super::letters::letters(&self.arena[start..])),
        });
    }
}

/// Appends `normalize(text).text`, without the map back to the original. `normalize` works
/// char by char, and most chars of a catalogue (lowercase ASCII, kana, kanji) are their own
/// normal form: runs of those are copied as they are, and only the other chars go through it.
pub(super) fn push_normalized(arena: &mut String, text: &str) {
    let mut run = 0; // start of the current run of chars that stay as they are
    let mut buf = [0u8; 4];
    for (i, c) in text.char_indices() {
        if is_normal_char(c) {
            continue;
        }
        arena.push_str(&text[run..i]);
        run = i + c.len_utf8();
        if c.is_ascii() {
            arena.push(c.to_ascii_lowercase());
        } else {
            arena.push_str(&normalize(c.encode_utf8(&mut buf)).text);
        }
    }
    arena.push_str(&text[run..]);
}

/// Whether [`normalize`] leaves a char as it is: it is its own NFKC form and its own lowercase.
/// Looked up in a table of the Basic Multilingual Plane, each block of 256 chars made the first
/// time a char of it is met (a catalogue meets a few dozen).
pub(super) fn is_normal_char(c: char) -> bool {
    static BLOCKS: [std::sync::OnceLock<[u64; 4]>; 256] =
        [const { std::sync::OnceLock::new() }; 256];
    let code = c as u32;
    if code < 0x80 {
        return !c.is_ascii_uppercase();
    }
    if code > 0xFFFF {
        return normal_char_uncached(c);
    }
    let block = BLOCKS[(code >> 8) as usize].get_or_init(|| {
        let mut bits = [0u64; 4];
        for low in 0..256u32 {
            if char::from_u32((code & !0xFF) | low).is_some_and(normal_char_uncached) {
                bits[low as usize / 64] |= 1 << (low % 64);
            }
        }
        bits
    });
    let low = code & 0xFF;
    block[low as usize / 64] & (1 << (low % 64)) != 0
}

fn normal_char_uncached(c: char) -> bool {
    let mut buf = [0u8; 4];
    normalize(c.encode_utf8(&mut buf))
        .text
        .chars()
        .eq(std::iter::once(c))
}

/// A vendor's name, searched once for all the controls it answers.
#[derive(Debug, Clone)]
pub(super) struct NameText {
    pub(super) vendor: u32,
    pub(super) text: String,
}

/// Where the controls' texts are: built in memory, or in a stored index mapped from the cache.
pub(super) enum Storage {
    Built(Vec<BuiltControl>),
    Mapped(Mapped),
}

impl Default for Storage {
    fn default() -> Storage {
        Storage::Built(Vec::new())
    }
}

#[derive(Default)]
pub(super) struct Inner {
    /// Tells this index from any other, so that a [`Previous`](super::Previous) of another
    /// index is not used.
    pub(super) id: u64,
    pub(super) storage: Storage,
    /// The shape of the catalogue it was built from ([`super::stored::stored_shape`]), so that
    /// storing it needs no catalogue.
    pub(super) shape: u64,
    pub(super) names: Vec<NameText>,
    pub(super) vendors: usize,
    /// `(vendor, control)` pairs where the vendor's file has no answer (its name is not a text
    /// of that control). Empty for validated catalogues.
    pub(super) unanswered: HashSet<(u32, u32)>,
    /// The controls listed first for a query that is a standard's number.
    pub(super) certification_controls: Vec<usize>,
}

impl Inner {
    /// How many controls the index holds.
    pub(super) fn control_count(&self) -> usize {
        match &self.storage {
            Storage::Built(controls) => controls.len(),
            Storage::Mapped(mapped) => mapped.control_count(),
        }
    }

    /// The texts of control `c` (`c` < [`Inner::control_count`]).
    pub(super) fn control(&self, c: usize) -> ControlTexts<'_> {
        match &self.storage {
            Storage::Built(controls) => controls[c].view(),
            Storage::Mapped(mapped) => mapped.control(c),
        }
    }

    /// How many texts control `c` has (without making its view).
    pub(super) fn records_len(&self, c: usize) -> usize {
        match &self.storage {
            Storage::Built(controls) => controls[c].view().records.len(),
            Storage::Mapped(mapped) => mapped.records_len(c),
        }
    }

    fn text_count(&self) -> usize {
        (0..self.control_count()).map(|c| self.records_len(c)).sum()
    }
}

impl std::fmt::Debug for Inner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SearchIndex")
            .field("controls", &self.control_count())
            .field("texts", &self.text_count())
            .field("vendors", &self.vendors)
            .field("stored", &matches!(self.storage, Storage::Mapped(_)))
            .finish()
    }
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        let build = |ci: usize| -> BuiltControl {
            let mut t = BuiltControl::default();
            let c = &catalog.controls[ci].control;
            let heading = Section::Heading;
            t.push(NO_VENDOR, heading, &c.title.en);
            t.push(NO_VENDOR, heading, c.title.ja.as_deref().unwrap_or(""));
            t.push(NO_VENDOR, heading, &c.question.en);
            t.push(NO_VENDOR, heading, c.question.ja.as_deref().unwrap_or(""));
            t.push(NO_VENDOR, Section::Id, &c.id);
            t.push(NO_VENDOR, Section::Crosswalk, &c.crosswalk.line());
            let answers: Vec<(u32, &crate::catalog::Answer)> = (0..catalog.vendors.len())
                .filter_map(|vi| catalog.answer(vi, ci).map(|a| (vi as u32, a)))
                .collect();
            for &(v, answer) in &answers {
                if let Some(s) = &answer.summary {
                    t.push(v, Section::Answer, &s.en);
                    t.push(v, Section::Answer, s.ja.as_deref().unwrap_or(""));
                }
                if let Some(value) = &answer.value {
                    // What the comparison shows, so a search finds what is on screen: a
                    // certification scheme with the standards it certifies, a count's series.
                    t.push(v, Section::Answer, &value.shown(Lang::En));
                }
            }
            for &(v, answer) in &answers {
                if let Some(n) = &answer.note {
                    t.push(v, Section::Evidence, &n.en);
                    t.push(v, Section::Evidence, n.ja.as_deref().unwrap_or(""));
                }
                for q in &answer.quotes {
                    t.push(v, Section::Evidence, &q.text);
                }
            }
            t.certification = super::rank::is_certification_control(
                c,
                answers.iter().filter_map(|(_, a)| a.value.as_ref()),
            );
            t.finish();
            t
        };
        let n = catalog.controls.len();
        let threads = threads_for(catalog.vendors.len() * n * 8, PARALLEL_RECORDS);
        let controls: Vec<BuiltControl> = map_chunks((0..n).collect(), threads, |part| {
            part.into_iter().map(build).collect()
        });
        let mut names = Vec::new();
        let mut unanswered = HashSet::new();
        for (vi, vendor) in catalog.vendors.iter().enumerate() {
            for text in [
                vendor.info.name.en.as_ref(),
                vendor.info.name.ja.as_deref().unwrap_or(""),
            ] {
                if !text.is_empty() {
                    names.push(NameText {
                        vendor: vi as u32,
                        text: normalize(text).text,
                    });
                }
            }
            for ci in 0..n {
                if catalog.answer(vi, ci).is_none() {
                    unanswered.insert((vi as u32, ci as u32));
                }
            }
        }
        let certification_controls = (0..n).filter(|&c| controls[c].certification).collect();
        SearchIndex::of(Inner {
            id: 0,
            storage: Storage::Built(controls),
            shape: super::stored::stored_shape(catalog),
            names,
            vendors: catalog.vendors.len(),
            unanswered,
            certification_controls,
        })
    }

    /// An index of the given texts (already normalized): per control, its texts as
    /// `(vendor, section, text)`, vendors below `vendors`; no names.
    #[cfg(test)]
    pub(super) fn of_texts(
        controls: &[Vec<(u32, Section, String)>],
        vendors: usize,
    ) -> SearchIndex {
        let built = controls
            .iter()
            .map(|texts| {
                let mut control = BuiltControl::default();
                let mut heaviest_first: Vec<&(u32, Section, String)> = texts.iter().collect();
                heaviest_first.sort_by_key(|(_, section, _)| std::cmp::Reverse(*section));
                for (vendor, section, text) in heaviest_first {
                    control.push(*vendor, *section, text);
                }
                control.finish();
                control
            })
            .collect();
        SearchIndex::of(Inner {
            storage: Storage::Built(built),
            vendors,
            ..Inner::default()
        })
    }

    /// The index of `inner`, given an id of its own.
    pub(super) fn of(inner: Inner) -> SearchIndex {
        static IDS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        SearchIndex {
            inner: Arc::new(Inner {
                id: IDS.fetch_add(1, Ordering::Relaxed),
                ..inner
            }),
            memo: Arc::default(),
        }
    }

    /// Whether the index was opened from the cache rather than built.
    pub fn is_stored(&self) -> bool {
        matches!(self.inner.storage, Storage::Mapped(_))
    }

    /// How many texts the index holds (vendor names once per vendor).
    pub fn len(&self) -> usize {
        self.inner.text_count() + self.inner.names.len()
    }

    /// About how many bytes of memory the index takes (its texts, their records and the
    /// summaries that let a search skip texts). A stored index's texts are the cache file's
    /// pages (mapped, or read into memory where no lease could be had): not counted.
    pub fn heap_bytes(&self) -> usize {
        let inner = &*self.inner;
        let controls = match &inner.storage {
            Storage::Built(controls) => controls.iter().map(BuiltControl::heap_bytes).sum(),
            Storage::Mapped(_) => 0,
        };
        controls
            + inner
                .names
                .iter()
                .map(|n| n.text.capacity() + std::mem::size_of::<NameText>())
                .sum::<usize>()
            + inner.unanswered.capacity() * std::mem::size_of::<(u32, u32)>()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Every searchable text, normalized, in index order: what [`SearchIndex::search`] matches
    /// against (e.g. to give another tool the same lines).
    pub fn texts(&self) -> impl Iterator<Item = &str> + '_ {
        let inner = &*self.inner;
        (0..inner.control_count())
            .flat_map(move |c| {
                let texts = inner.control(c);
                (0..texts.records.len() as u32).map(move |id| texts.text_of(id))
            })
            .chain(inner.names.iter().map(|n| n.text.as_str()))
    }
}
