use super::*;
use crate::catalog::load_embedded;
use std::sync::atomic::AtomicBool;

const KEY: u128 = 0x0123_4567_89ab_cdef_0011_2233_4455_6677;

fn catalog() -> Catalog {
    load_embedded().unwrap().catalog
}

/// Writes `index` to a file of `dir`; returns its path.
fn stored(index: &SearchIndex, catalog: &Catalog, dir: &Path) -> std::path::PathBuf {
    let path = dir.join("index.ki");
    let mut file = File::create(&path).unwrap();
    let size = write_to(&mut file, index, KEY, stored_shape(catalog)).unwrap();
    assert_eq!(size, std::fs::metadata(&path).unwrap().len());
    path
}

fn open(path: &Path, catalog: &Catalog) -> Result<SearchIndex, StoredIndexError> {
    open_at(path, KEY, stored_shape(catalog), catalog)
}

/// Every prefix of some queries that match (Latin, kana, kanji, digits, separators), words that
/// match nothing, and queries of several words.
fn queries() -> Vec<String> {
    let mut out = Vec::new();
    for q in [
        "削除",
        "deletion",
        "暗号化",
        "iso27017",
        "bkup",
        "backup 世代",
        "cybozu ログ",
        "iso/iec 27001",
        "sla 99",
        "dlt",
        "xyzzy",
        "(",
    ] {
        let chars: Vec<char> = q.chars().collect();
        out.extend((1..=chars.len()).map(|n| chars[..n].iter().collect::<String>()));
    }
    out
}

#[test]
fn a_stored_and_reopened_index_finds_what_the_built_one_finds() {
    let catalog = catalog();
    let built = SearchIndex::new(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let reopened = open(&stored(&built, &catalog, dir.path()), &catalog).unwrap();
    assert!(reopened.is_stored() && !built.is_stored());
    assert_eq!(reopened.len(), built.len());
    assert!(reopened.texts().eq(built.texts()));
    let all: Vec<usize> = (0..catalog.vendors.len()).collect();
    let never = AtomicBool::new(false);
    let mut matched = 0;
    for shown in [all.clone(), vec![1, 3], vec![]] {
        // Typed a char at a time (each search narrowing from the one before), and afresh.
        let (mut typed_built, mut typed_stored) = (None, None);
        for query in queries() {
            let want = built
                .search_with(&query, &shown, typed_built.as_ref(), &never)
                .unwrap();
            let got = reopened
                .search_with(&query, &shown, typed_stored.as_ref(), &never)
                .unwrap();
            assert_eq!(got.hits, want.hits, "{query:?} over {shown:?}");
            assert_eq!(reopened.search(&query, &shown), want.hits, "{query:?}");
            matched += want.hits.len();
            for hit in &want.hits {
                assert_eq!(
                    reopened.matching_vendors(&query, hit.control, &shown),
                    built.matching_vendors(&query, hit.control, &shown),
                    "{query:?} in {}",
                    hit.control
                );
            }
            typed_built = Some(want.previous);
            typed_stored = Some(got.previous);
        }
    }
    assert!(matched > 100, "{matched}");
    // A standard's number lists the certification controls first in both.
    assert_eq!(reopened.search("27017", &all), built.search("27017", &all));
}

#[test]
fn an_index_opened_from_the_cache_is_not_stored_again() {
    let catalog = catalog();
    let built = SearchIndex::new(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let reopened = open(&stored(&built, &catalog, dir.path()), &catalog).unwrap();
    let mut other = File::create(dir.path().join("again.ki")).unwrap();
    assert!(write_to(&mut other, &reopened, KEY, stored_shape(&catalog)).is_err());
}

/// What opening `bytes` as a stored index gives.
fn open_bytes(bytes: &[u8], catalog: &Catalog) -> Result<SearchIndex, StoredIndexError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("index.ki");
    std::fs::write(&path, bytes).unwrap();
    open(&path, catalog)
}

#[test]
fn a_truncated_damaged_or_foreign_file_is_a_miss_never_a_panic() {
    let catalog = catalog();
    let built = SearchIndex::new(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(stored(&built, &catalog, dir.path())).unwrap();
    assert!(open_bytes(&good, &catalog).is_ok());
    // Truncated anywhere: in the header, at an array's start, one byte short.
    for len in [
        0,
        7,
        HEADER_LEN - 1,
        HEADER_LEN,
        good.len() / 2,
        good.len() - 1,
    ] {
        assert!(open_bytes(&good[..len], &catalog).is_err(), "{len}");
    }
    // Longer than its header says.
    let mut longer = good.clone();
    longer.extend_from_slice(&[0; 8]);
    assert!(matches!(
        open_bytes(&longer, &catalog),
        Err(Damaged("length"))
    ));
    // A flipped byte in each part of the file: the header's fields, each array, the texts.
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut positions: Vec<usize> = (0..HEADER_LEN).collect();
    positions.extend((0..400).map(|_| {
        rng ^= rng << 13;
        rng ^= rng >> 7;
        rng ^= rng << 17;
        HEADER_LEN + (rng as usize) % (good.len() - HEADER_LEN)
    }));
    for at in positions {
        let mut flipped = good.clone();
        flipped[at] ^= 0x20;
        assert!(open_bytes(&flipped, &catalog).is_err(), "byte {at}");
    }
    // Another format, another byte order, another catalogue's key or shape.
    let mut format = good.clone();
    format[8..12].copy_from_slice(&(FORMAT + 1).to_ne_bytes());
    assert!(matches!(
        open_bytes(&format, &catalog),
        Err(StoredIndexError::NotAnIndex)
    ));
    let mut order = good.clone();
    order[12..16].copy_from_slice(&BYTE_ORDER.swap_bytes().to_ne_bytes());
    assert!(matches!(
        open_bytes(&order, &catalog),
        Err(StoredIndexError::NotAnIndex)
    ));
    let path = dir.path().join("index.ki");
    assert!(matches!(
        open_at(&path, KEY + 1, stored_shape(&catalog), &catalog),
        Err(StoredIndexError::OtherCatalogue)
    ));
    let mut fewer = catalog.clone();
    fewer.vendors.pop();
    assert!(matches!(
        open(&path, &fewer),
        Err(StoredIndexError::OtherCatalogue)
    ));
    // Foreign files: a catalogue cache, text, zeros as long as a header.
    for foreign in [
        &b"kurabe-cache\0bin and the rest"[..],
        b"controls:\n  - id: x\n",
        &[0u8; 200],
    ] {
        assert!(matches!(
            open_bytes(foreign, &catalog),
            Err(StoredIndexError::NotAnIndex)
        ));
    }
    assert!(matches!(
        open(&dir.path().join("absent.ki"), &catalog),
        Err(StoredIndexError::Io(_))
    ));
}

#[test]
fn a_damaged_file_with_a_checksum_that_adds_up_is_still_a_miss() {
    // The checksum is not a defence against a crafted file: each range is checked too.
    let catalog = catalog();
    let built = SearchIndex::new(&catalog);
    let dir = tempfile::tempdir().unwrap();
    let good = std::fs::read(stored(&built, &catalog, dir.path())).unwrap();
    let header: Header = bytemuck::pod_read_unaligned(&good[..HEADER_LEN]);
    let layout = Layout::of(&header.counts).unwrap();
    let resum = |mut bytes: Vec<u8>| {
        let sum = xxhash_rust::xxh3::xxh3_64(&bytes[HEADER_LEN..]);
        bytes[40..48].copy_from_slice(&sum.to_ne_bytes());
        bytes
    };
    assert!(open_bytes(&resum(good.clone()), &catalog).is_ok());
    let damaged = [
        // A record's text beyond its control's texts.
        (layout.records.start + 4, u32::MAX),
        // A record of a vendor that is not there.
        (layout.records.start + 8, 1_000_000),
        // A tier's records beyond its control's.
        (layout.tiers.start + 8, u32::MAX),
        // An id by first bytes outside its tier.
        (layout.by_start.start, u32::MAX),
        // A name of a vendor that is not there.
        (layout.names.start, 1_000_000),
    ];
    for (at, value) in damaged {
        let mut bytes = good.clone();
        bytes[at..at + 4].copy_from_slice(&value.to_ne_bytes());
        assert!(
            matches!(open_bytes(&resum(bytes), &catalog), Err(Damaged(_))),
            "{at}"
        );
    }
    // Texts that are not UTF-8.
    let mut bytes = good.clone();
    bytes[layout.texts.start] = 0xFF;
    assert!(matches!(
        open_bytes(&resum(bytes), &catalog),
        Err(Damaged("texts"))
    ));
}
