//! The search index stored in the cache, beside the catalogue it was built from (a companion of
//! its [`CachePlace`]), and searched where it lies: the file is memory-mapped (or read into
//! memory where it cannot be mapped under a lease, see [`MappedFile`]) and the search reads
//! its texts, records and tier summaries in place.
//!
//! The layout is plain arrays, in the machine's byte order (a file of another order is a miss):
//! a 128-byte [`Header`] (magic, format, byte order, the catalogue's key and shape, a checksum
//! of the rest, the count of each array), then each array from an offset that is a multiple of
//! 8, so that the mapping (page-aligned) is read as typed slices:
//! controls ([`ControlEntry`]), tiers ([`TierEntry`]), records ([`Record`]), the tiers' record
//! ids by their first bytes, the tiers' non-ASCII bonuses, vendor names ([`NameEntry`]), the
//! `(vendor, control)` pairs without an answer, the controls' texts and the names' texts.
//!
//! Not rkyv: its archived types (`u32_le` fields, `ArchivedVec`) would reach the search's hot
//! loops, which read a `&[Record]` and a `&str`; arrays of the in-memory types keep those loops
//! as they are, and the layout is a page of code.
//!
//! Opening checks everything once, before use: magic, format, key, shape, the file's length
//! against the counts, an XXH3 checksum of all bytes after the header, the UTF-8 of the texts,
//! and every range (a record's text inside its control's, on char boundaries; a tier's records
//! inside its control's; every id and vendor in bounds). Anything that does not add up is a
//! miss: the index is built as if nothing were stored. A record's letter bits (format 2) are
//! trusted on the checksum, not recomputed from its text: that would read every text once more
//! at each start, and wrong bits could only hide a text from a search, never read out of bounds.
//!
//! The mapping is sound only while the file does not change under it: kurabe replaces cache
//! files by renaming a new file over them, never writing one in place (the old mapping keeps
//! the old file); another program opening a mapped file to truncate or rewrite it in place
//! first waits for kurabe to copy the mapping into memory ([`MappedFile`]).

use super::index::{ControlTexts, Inner, NameText, Record, Storage, NO_VENDOR};
use super::tiers::{OtherBonus, Tier};
use super::SearchIndex;
use crate::catalog::cache::{CachePlace, MAX_BYTES};
use crate::catalog::Catalog;
use crate::files::mapped::MappedFile;
use bytemuck::{Pod, Zeroable};
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::Path;
use xxhash_rust::xxh3::Xxh3;

/// The companion's extension in the cache.
const EXTENSION: &str = "ki";
const MAGIC: [u8; 8] = *b"kurabeix";
/// Bumped whenever what the file holds, or how an index is built, changes.
const FORMAT: u32 = 2;
/// Read in the machine's order: another order reads it as another number.
const BYTE_ORDER: u32 = 0x0102_0304;
const HEADER_LEN: usize = std::mem::size_of::<Header>();

/// Why a stored index was not used. Every one is a miss: the caller builds the index.
#[derive(Debug, thiserror::Error)]
pub enum StoredIndexError {
    #[error("cannot read the stored index: {0}")]
    Io(#[from] io::Error),
    #[error("not a stored index of this format")]
    NotAnIndex,
    #[error("the stored index of another catalogue")]
    OtherCatalogue,
    #[error("the stored index is larger than the cache's bound")]
    TooLarge,
    #[error("the stored index is damaged: {0}")]
    Damaged(&'static str),
}

use StoredIndexError::Damaged;

#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct Header {
    magic: [u8; 8],
    format: u32,
    byte_order: u32,
    key: [u64; 2],
    shape: u64,
    /// XXH3-64 of every byte after the header.
    checksum: u64,
    vendors: u64,
    counts: Counts,
}

/// The length of each array, in items (texts: in bytes).
#[repr(C)]
#[derive(Debug, Clone, Copy, Default)]
struct Counts {
    controls: u64,
    tiers: u64,
    records: u64,
    by_start: u64,
    other_bonus: u64,
    names: u64,
    unanswered: u64,
    texts: u64,
    name_texts: u64,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct ControlEntry {
    texts: [u64; 2],
    records: [u32; 2],
    tiers: [u32; 2],
    certification: u32,
    padding: u32,
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct TierEntry {
    weight: u32,
    /// The tier's records, as ids in its control.
    records: [u32; 2],
    /// Where its ids by first bytes start (as many as it has records).
    by_start: u32,
    other_bonus: [u32; 2],
    ascii_bonus: [u8; 128],
}

#[repr(C)]
#[derive(Debug, Clone, Copy)]
struct NameEntry {
    vendor: u32,
    text: [u32; 2],
}

// SAFETY: `repr(C)` structs of integers and byte arrays whose fields leave no padding (sizes
// asserted below); any bits are a valid value, and the file is validated before use.
unsafe impl Zeroable for Header {}
unsafe impl Pod for Header {}
unsafe impl Zeroable for Counts {}
unsafe impl Pod for Counts {}
unsafe impl Zeroable for ControlEntry {}
unsafe impl Pod for ControlEntry {}
unsafe impl Zeroable for TierEntry {}
unsafe impl Pod for TierEntry {}
unsafe impl Zeroable for NameEntry {}
unsafe impl Pod for NameEntry {}
const _: () = {
    assert!(std::mem::size_of::<Header>() == 128);
    assert!(std::mem::size_of::<Counts>() == 72);
    assert!(std::mem::size_of::<ControlEntry>() == 40);
    assert!(std::mem::size_of::<TierEntry>() == 152);
    assert!(std::mem::size_of::<NameEntry>() == 12);
};

/// Where each array stands in the file.
#[derive(Debug, Clone, Default)]
struct Layout {
    controls: Range<usize>,
    tiers: Range<usize>,
    records: Range<usize>,
    by_start: Range<usize>,
    other_bonus: Range<usize>,
    names: Range<usize>,
    unanswered: Range<usize>,
    texts: Range<usize>,
    name_texts: Range<usize>,
    end: usize,
}

impl Layout {
    /// The arrays one after the other from the header's end, each from a multiple of 8; `None`
    /// if the counts do not fit in memory.
    fn of(counts: &Counts) -> Option<Layout> {
        let mut at = HEADER_LEN;
        let mut next = |count: u64, size: usize| -> Option<Range<usize>> {
            let start = at.checked_next_multiple_of(8)?;
            let end = start.checked_add(usize::try_from(count).ok()?.checked_mul(size)?)?;
            at = end;
            Some(start..end)
        };
        let mut layout = Layout {
            controls: next(counts.controls, std::mem::size_of::<ControlEntry>())?,
            tiers: next(counts.tiers, std::mem::size_of::<TierEntry>())?,
            records: next(counts.records, std::mem::size_of::<Record>())?,
            by_start: next(counts.by_start, 4)?,
            other_bonus: next(counts.other_bonus, std::mem::size_of::<OtherBonus>())?,
            names: next(counts.names, std::mem::size_of::<NameEntry>())?,
            unanswered: next(counts.unanswered, 8)?,
            texts: next(counts.texts, 1)?,
            name_texts: next(counts.name_texts, 1)?,
            end: 0,
        };
        layout.end = at;
        Some(layout)
    }
}

/// A stored index, mapped and validated.
pub(super) struct Mapped {
    map: MappedFile,
    layout: Layout,
}

impl Mapped {
    fn slice<T: Pod>(&self, range: &Range<usize>) -> &[T] {
        // Validated on open: in bounds, aligned (the mapping is page-aligned, every array
        // starts at a multiple of 8) and a whole number of items.
        bytemuck::cast_slice(&self.map[range.clone()])
    }

    fn controls(&self) -> &[ControlEntry] {
        self.slice(&self.layout.controls)
    }

    fn texts(&self, range: &Range<usize>) -> &str {
        let bytes = &self.map[range.clone()];
        // SAFETY: checked to be UTF-8 on open ([`validate`]), and the bytes do not change
        // (a [`MappedFile`]'s never do; see the module's doc).
        unsafe { std::str::from_utf8_unchecked(bytes) }
    }

    pub(super) fn control_count(&self) -> usize {
        self.controls().len()
    }

    pub(super) fn records_len(&self, c: usize) -> usize {
        range(self.controls()[c].records).len()
    }

    pub(super) fn control(&self, c: usize) -> ControlTexts<'_> {
        let entry = &self.controls()[c];
        let texts = self.texts(&self.layout.texts);
        let by_start: &[u32] = self.slice(&self.layout.by_start);
        let other_bonus: &[OtherBonus] = self.slice(&self.layout.other_bonus);
        let tiers: &[TierEntry] = self.slice(&self.layout.tiers);
        let records: &[Record] = self.slice(&self.layout.records);
        ControlTexts {
            arena: &texts[range(entry.texts)],
            records: &records[range(entry.records)],
            tiers: tiers[range(entry.tiers)]
                .iter()
                .map(|t| Tier {
                    weight: i64::from(t.weight),
                    records: t.records[0]..t.records[1],
                    by_start: &by_start[t.by_start as usize..][..t.records_len()],
                    ascii_bonus: &t.ascii_bonus,
                    other_bonus: &other_bonus[range(t.other_bonus)],
                })
                .collect(),
        }
    }
}

impl TierEntry {
    fn records_len(&self) -> usize {
        self.records[1].saturating_sub(self.records[0]) as usize
    }
}

/// A stored `[start, end)` as a range.
fn range<T: TryInto<usize> + Copy>(pair: [T; 2]) -> Range<usize> {
    let at = |n: T| n.try_into().unwrap_or(usize::MAX);
    at(pair[0])..at(pair[1])
}

/// The catalogue's shape (its control and vendor ids) as the header holds it.
pub(super) fn stored_shape(catalog: &Catalog) -> u64 {
    crate::catalog::cache::shape_of(catalog) as u64
}

fn key_words(key: u128) -> [u64; 2] {
    [key as u64, (key >> 64) as u64]
}

impl SearchIndex {
    /// The index of `catalog`, loaded at `place`: opened from the cache when it is stored
    /// there, else built. Returns whether it was built (and is worth [storing](Self::store)).
    pub fn open_or_build(catalog: &Catalog, place: Option<&CachePlace>) -> (SearchIndex, bool) {
        if let Some(index) = place.and_then(|p| SearchIndex::open_stored(p, catalog).ok()) {
            return (index, false);
        }
        (SearchIndex::new(catalog), true)
    }

    /// The index stored at `place` for `catalog`, mapped from the cache and validated.
    pub fn open_stored(
        place: &CachePlace,
        catalog: &Catalog,
    ) -> Result<SearchIndex, StoredIndexError> {
        open_at(
            &place.companion(EXTENSION),
            place.key(),
            stored_shape(catalog),
            catalog,
        )
    }

    /// Stores this index, built from the catalogue loaded at `place`, in the cache beside the
    /// catalogue (atomically; see [`CachePlace::write_companion`]). An index opened from the
    /// cache is already stored. Returns the file's size.
    pub fn store(&self, place: &CachePlace) -> io::Result<u64> {
        place.write_companion(EXTENSION, |file| {
            write_to(file, self, place.key(), self.inner.shape)
        })
    }
}

fn open_at(
    path: &Path,
    key: u128,
    shape: u64,
    catalog: &Catalog,
) -> Result<SearchIndex, StoredIndexError> {
    let file = crate::files::open_regular(path)?;
    if file.metadata()?.len() > MAX_BYTES {
        return Err(StoredIndexError::TooLarge);
    }
    let map = MappedFile::open(file, MAX_BYTES, true).map_err(|e| match e.kind() {
        // Grown past the bound since `stat`.
        io::ErrorKind::InvalidData => StoredIndexError::TooLarge,
        _ => e.into(),
    })?;
    // The mapping's length, not the one `stat` gave: the file may have changed in between.
    let len = map.len() as u64;
    if len < HEADER_LEN as u64 {
        return Err(StoredIndexError::NotAnIndex);
    }
    let header: Header = bytemuck::pod_read_unaligned(&map[..HEADER_LEN]);
    if header.magic != MAGIC || header.format != FORMAT || header.byte_order != BYTE_ORDER {
        return Err(StoredIndexError::NotAnIndex);
    }
    if header.key != key_words(key)
        || header.shape != shape
        || header.vendors != catalog.vendors.len() as u64
        || header.counts.controls != catalog.controls.len() as u64
    {
        return Err(StoredIndexError::OtherCatalogue);
    }
    let layout = Layout::of(&header.counts).ok_or(Damaged("counts"))?;
    if layout.end as u64 != len {
        return Err(Damaged("length"));
    }
    if xxhash_rust::xxh3::xxh3_64(&map[HEADER_LEN..]) != header.checksum {
        return Err(Damaged("checksum"));
    }
    let mapped = validate(Mapped { map, layout }, catalog)?;
    let names: &[NameEntry] = mapped.slice(&mapped.layout.names);
    let name_texts = mapped.texts(&mapped.layout.name_texts);
    let names = names
        .iter()
        .map(|n| NameText {
            vendor: n.vendor,
            text: name_texts[range(n.text)].to_string(),
        })
        .collect();
    let pairs: &[[u32; 2]] = mapped.slice(&mapped.layout.unanswered);
    let unanswered: HashSet<(u32, u32)> = pairs.iter().map(|p| (p[0], p[1])).collect();
    let certification_controls = (mapped.controls().iter().enumerate())
        .filter(|(_, c)| c.certification != 0)
        .map(|(i, _)| i)
        .collect();
    Ok(SearchIndex::of(Inner {
        id: 0,
        storage: Storage::Mapped(mapped),
        shape,
        names,
        vendors: catalog.vendors.len(),
        unanswered,
        certification_controls,
    }))
}

/// Whether `range` lies inside `0..len` and, for text, on char boundaries of `text`.
fn within(range: &Range<usize>, len: usize) -> bool {
    range.start <= range.end && range.end <= len
}

fn on_boundaries(text: &str, range: &Range<usize>) -> bool {
    within(range, text.len())
        && text.is_char_boundary(range.start)
        && text.is_char_boundary(range.end)
}

/// Checks every part of a mapped index that a search reads: after this, no slice or index
/// into it is out of bounds and every text is UTF-8.
fn validate(mapped: Mapped, catalog: &Catalog) -> Result<Mapped, StoredIndexError> {
    let l = &mapped.layout;
    let bytes = |r: &Range<usize>| &mapped.map[r.clone()];
    let texts = simdutf8::basic::from_utf8(bytes(&l.texts)).map_err(|_| Damaged("texts"))?;
    let name_texts =
        simdutf8::basic::from_utf8(bytes(&l.name_texts)).map_err(|_| Damaged("names"))?;
    let cast = |r: &Range<usize>| -> Result<&[u8], StoredIndexError> {
        // Every array starts at a multiple of 8 of a page-aligned mapping.
        (mapped.map.as_ptr() as usize)
            .is_multiple_of(8)
            .then(|| bytes(r))
            .ok_or(Damaged("alignment"))
    };
    let tiers: &[TierEntry] = bytemuck::cast_slice(cast(&l.tiers)?);
    let records: &[Record] = bytemuck::cast_slice(cast(&l.records)?);
    let by_start: &[u32] = bytemuck::cast_slice(cast(&l.by_start)?);
    let other_bonus: &[OtherBonus] = bytemuck::cast_slice(cast(&l.other_bonus)?);
    let vendors = catalog.vendors.len();
    for control in mapped.controls() {
        let arena_range = range(control.texts);
        if !on_boundaries(texts, &arena_range) {
            return Err(Damaged("a control's texts"));
        }
        let arena = &texts[arena_range];
        let records_range = range(control.records);
        if !within(&records_range, records.len())
            || !within(&range(control.tiers), tiers.len())
            || control.certification > 1
        {
            return Err(Damaged("a control"));
        }
        let own = &records[records_range];
        for r in own {
            let Some(end) = r.start.checked_add(r.len) else {
                return Err(Damaged("a record"));
            };
            let text = r.start as usize..end as usize;
            let vendor_ok = r.vendor == NO_VENDOR || (r.vendor as usize) < vendors;
            if !on_boundaries(arena, &text) || !vendor_ok {
                return Err(Damaged("a record"));
            }
        }
        for tier in &tiers[range(control.tiers)] {
            let ids = range(tier.records);
            let Some(sorted_end) = (tier.by_start as usize).checked_add(tier.records_len()) else {
                return Err(Damaged("a tier"));
            };
            let sorted = tier.by_start as usize..sorted_end;
            if !within(&ids, own.len())
                || tier.weight > u32::from(u8::MAX)
                || !within(&sorted, by_start.len())
                || !within(&range(tier.other_bonus), other_bonus.len())
                || by_start[sorted]
                    .iter()
                    .any(|&id| !ids.contains(&(id as usize)))
            {
                return Err(Damaged("a tier"));
            }
        }
    }
    let names: &[NameEntry] = bytemuck::cast_slice(cast(&l.names)?);
    if names
        .iter()
        .any(|n| n.vendor as usize >= vendors || !on_boundaries(name_texts, &range(n.text)))
    {
        return Err(Damaged("a name"));
    }
    let pairs: &[[u32; 2]] = bytemuck::cast_slice(cast(&l.unanswered)?);
    let controls = mapped.control_count();
    if pairs
        .iter()
        .any(|p| p[0] as usize >= vendors || p[1] as usize >= controls)
    {
        return Err(Damaged("an unanswered pair"));
    }
    Ok(mapped)
}

/// Writes `index` (built, not opened from the cache) to `out`, a new, empty file. Returns the
/// size written.
fn write_to(out: &mut File, index: &SearchIndex, key: u128, shape: u64) -> io::Result<u64> {
    let inner = &*index.inner;
    let Storage::Built(controls) = &inner.storage else {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "an index opened from the cache is stored already",
        ));
    };
    let too_large = || io::Error::new(io::ErrorKind::InvalidInput, "too large to store");
    let u32_of = |n: usize| u32::try_from(n).map_err(|_| too_large());
    let mut entries = Vec::with_capacity(controls.len());
    let mut tier_entries = Vec::new();
    let (mut texts, mut records, mut by_start, mut other_bonus) = (0u64, 0usize, 0usize, 0usize);
    for c in controls {
        let tiers_start = tier_entries.len();
        for t in &c.tiers {
            tier_entries.push(TierEntry {
                weight: u32::try_from(t.weight).map_err(|_| too_large())?,
                records: [t.records.start, t.records.end],
                by_start: u32_of(by_start)?,
                other_bonus: [
                    u32_of(other_bonus)?,
                    u32_of(other_bonus + t.other_bonus.len())?,
                ],
                ascii_bonus: t.ascii_bonus,
            });
            by_start += t.by_start.len();
            other_bonus += t.other_bonus.len();
        }
        entries.push(ControlEntry {
            texts: [texts, texts + c.arena.len() as u64],
            records: [u32_of(records)?, u32_of(records + c.records.len())?],
            tiers: [u32_of(tiers_start)?, u32_of(tier_entries.len())?],
            certification: u32::from(c.certification),
            padding: 0,
        });
        texts += c.arena.len() as u64;
        records += c.records.len();
    }
    let mut names = Vec::with_capacity(inner.names.len());
    let mut name_texts = 0usize;
    for n in &inner.names {
        let end = name_texts + n.text.len();
        names.push(NameEntry {
            vendor: n.vendor,
            text: [u32_of(name_texts)?, u32_of(end)?],
        });
        name_texts = end;
    }
    let mut unanswered: Vec<[u32; 2]> = inner.unanswered.iter().map(|&(v, c)| [v, c]).collect();
    unanswered.sort_unstable();
    let counts = Counts {
        controls: entries.len() as u64,
        tiers: tier_entries.len() as u64,
        records: records as u64,
        by_start: by_start as u64,
        other_bonus: other_bonus as u64,
        names: names.len() as u64,
        unanswered: unanswered.len() as u64,
        texts,
        name_texts: name_texts as u64,
    };
    let layout = Layout::of(&counts).ok_or_else(too_large)?;
    if layout.end as u64 > MAX_BYTES {
        return Err(too_large());
    }
    let mut w = Body {
        out: BufWriter::with_capacity(1 << 20, &mut *out),
        hash: Xxh3::new(),
        at: HEADER_LEN,
    };
    w.out.write_all(&[0u8; HEADER_LEN])?;
    w.array(&layout.controls, &entries)?;
    w.array(&layout.tiers, &tier_entries)?;
    w.each(&layout.records, controls.iter().map(|c| &c.records[..]))?;
    let tiers = || controls.iter().flat_map(|c| &c.tiers);
    w.each(&layout.by_start, tiers().map(|t| &t.by_start[..]))?;
    w.each(&layout.other_bonus, tiers().map(|t| &t.other_bonus[..]))?;
    w.array(&layout.names, &names)?;
    w.array(&layout.unanswered, &unanswered)?;
    w.each(&layout.texts, controls.iter().map(|c| c.arena.as_bytes()))?;
    w.each(
        &layout.name_texts,
        inner.names.iter().map(|n| n.text.as_bytes()),
    )?;
    let checksum = w.hash.digest();
    w.out.flush()?;
    drop(w);
    let header = Header {
        magic: MAGIC,
        format: FORMAT,
        byte_order: BYTE_ORDER,
        key: key_words(key),
        shape,
        checksum,
        vendors: inner.vendors as u64,
        counts,
    };
    out.seek(SeekFrom::Start(0))?;
    out.write_all(bytemuck::bytes_of(&header))?;
    out.flush()?;
    Ok(layout.end as u64)
}

/// The body of a stored index being written, hashed as it goes.
struct Body<'a> {
    out: BufWriter<&'a mut File>,
    hash: Xxh3,
    at: usize,
}

impl Body<'_> {
    fn bytes(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.hash.update(bytes);
        self.at += bytes.len();
        self.out.write_all(bytes)
    }

    /// The pieces of the array at `range`, one after the other, after the padding before it.
    fn each<'p, T: Pod>(
        &mut self,
        range: &Range<usize>,
        pieces: impl Iterator<Item = &'p [T]>,
    ) -> io::Result<()> {
        self.bytes(&[0u8; 8][..range.start - self.at])?;
        for piece in pieces {
            self.bytes(bytemuck::cast_slice(piece))?;
        }
        if self.at != range.end {
            return Err(io::Error::other("the layout and the index disagree"));
        }
        Ok(())
    }

    fn array<T: Pod>(&mut self, range: &Range<usize>, items: &[T]) -> io::Result<()> {
        self.each(range, std::iter::once(items))
    }
}

#[cfg(test)]
#[path = "stored_tests.rs"]
mod tests;
