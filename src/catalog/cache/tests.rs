use super::*;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

// The cache's behaviour through its public API is tested in tests/cache.rs, a cached load of
// a large generated catalogue in xtask/tests/cache.rs (the generator is a development tool).

#[test]
#[cfg(unix)]
fn a_device_among_the_vendor_files_is_not_read_for_the_key() {
    let data = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixture("valid").join("controls.yaml"),
        data.path().join("controls.yaml"),
    )
    .unwrap();
    std::fs::create_dir(data.path().join("vendors")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", data.path().join("vendors/zero.yaml")).unwrap();
    // Returns (rather than reading /dev/zero forever).
    let cache = tempfile::tempdir().unwrap();
    assert!(key(data.path(), &UserLayer::default()).is_ok());
    let _ = load_dir_cached(data.path(), UserLayer::default(), cache.path());
}

#[test]
fn the_key_of_a_cold_load_is_the_key_a_cached_read_looks_for() {
    for name in ["valid", "two-broken-vendors"] {
        let dir = fixture(name);
        let cache = tempfile::tempdir().unwrap();
        let (_, pending) = load_dir_cached(&dir, UserLayer::default(), cache.path()).unwrap();
        let looked_for = key_of(&dir, &canonical(&dir), &UserLayer::default()).unwrap();
        assert_eq!(pending.expect("a cold load").key, looked_for, "{name}");
    }
}

#[test]
fn the_same_directory_by_another_path_has_the_same_names() {
    let a = fixture("valid");
    let other = a.join("vendors").join("..");
    assert_eq!(prefix_for(&canonical(&other)), prefix_for(&canonical(&a)));
    assert_eq!(
        key(&other, &UserLayer::default()).unwrap(),
        key(&a, &UserLayer::default()).unwrap()
    );
}

#[test]
fn problems_under_the_directory_are_named_from_the_path_given() {
    let p = Problem::new("some/dir/vendors/x.yaml", (3, 4), "bad").hint("fix it");
    let wire = problem_to(&p, "some/dir");
    assert!(wire.under_dir);
    let back = problem_from(wire, "/abs/some/dir");
    assert_eq!(back.file, "/abs/some/dir/vendors/x.yaml");
    assert_eq!((back.line, back.column, back.hint), (3, 4, p.hint.clone()));
    let elsewhere = problem_to(&Problem::new("/home/u/vendors/y.yaml", (0, 0), "bad"), "d");
    assert!(!elsewhere.under_dir);
    assert_eq!(problem_from(elsewhere, "e").file, "/home/u/vendors/y.yaml");
}

#[test]
fn forget_removes_the_caches_of_one_directory_only() {
    let cache = tempfile::tempdir().unwrap();
    for name in ["valid", "two-broken-vendors"] {
        let dir = fixture(name);
        let (loaded, pending) = load_dir_cached(&dir, UserLayer::default(), cache.path()).unwrap();
        pending.unwrap().write(&loaded.catalog).unwrap();
    }
    std::fs::write(cache.path().join("notes.txt"), "mine").unwrap();
    assert_eq!(forget(&fixture("valid"), cache.path()), 1);
    assert!(read(&fixture("valid"), cache.path()).unwrap().is_none());
    assert!(read(&fixture("two-broken-vendors"), cache.path())
        .unwrap()
        .is_some());
    assert!(cache.path().join("notes.txt").exists());
    assert_eq!(forget(&fixture("valid"), cache.path()), 0);
}

/// The "valid" fixture's catalogue with a previous answer on its first answer, written as a
/// cache file; returns the catalogue and the file's bytes.
fn cached_with_a_previous_answer(key: u128) -> (Catalog, Vec<u8>) {
    let mut catalog = crate::catalog::load::load_dir(&fixture("valid"))
        .unwrap()
        .catalog;
    let previous =
        "status: stated\nquotes:\n- {document: Sheet, section: '6.3', text: ABCDEFGH deleted}\n";
    catalog.vendors[0].answers[0].previous =
        Some(Box::new(serde_yaml::from_str(previous).unwrap()));
    let mut out = tempfile::tempfile().unwrap();
    file::write(&mut out, key, &catalog, Vec::new()).unwrap();
    let mut bytes = Vec::new();
    use std::io::{Read, Seek};
    out.rewind().unwrap();
    out.read_to_end(&mut bytes).unwrap();
    (catalog, bytes)
}

#[test]
fn a_lasting_mapping_lends_its_strings_and_a_passing_one_copies_them() {
    use std::borrow::Cow;
    let (catalog, bytes) = cached_with_a_previous_answer(7);
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let layout = file::layout(bytes, 7).unwrap();
    let lent = file::read_records(&layout, |(s, e)| file::Record::Lasting(&bytes[s..e])).unwrap();
    let copied = file::read_records(&layout, |(s, e)| file::Record::Passing(&bytes[s..e])).unwrap();
    assert_eq!(lent.vendors, catalog.vendors);
    assert_eq!(copied.vendors, catalog.vendors);
    let texts = |c: &file::Contents| -> Vec<(bool, usize)> {
        (c.vendors.iter().flat_map(|v| &v.answers))
            .flat_map(|a| {
                let summary = a
                    .summary
                    .iter()
                    .flat_map(|t| Some(&t.en).into_iter().chain(&t.ja));
                a.quotes
                    .iter()
                    .map(|q| &q.text)
                    .chain(Some(&a.control))
                    .chain(summary)
            })
            .map(|s| (matches!(s, Cow::Borrowed(_)), s.as_ptr() as usize))
            .collect()
    };
    let within =
        |p: usize| (bytes.as_ptr() as usize..bytes.as_ptr() as usize + bytes.len()).contains(&p);
    assert!(texts(&lent).len() >= 4, "{}", texts(&lent).len());
    assert!(texts(&lent)
        .iter()
        .all(|&(borrowed, at)| borrowed && within(at)));
    assert!(texts(&copied)
        .iter()
        .all(|&(borrowed, at)| !borrowed && !within(at)));
    // Another key is a miss.
    assert!(file::layout(bytes, 8).is_err());
}

#[test]
fn a_control_character_spelled_in_a_previous_answer_is_sanitized_in_a_plain_text() {
    let (_, mut bytes) = cached_with_a_previous_answer(7);
    // The JSON of the previous answer lies in the first vendor's text; its escape for ESC keeps
    // the text plain ASCII, so only the sanitizing of previous answers can catch it.
    let at = in_first_text(&bytes, b"ABCDEFGH");
    bytes[at..at + 6].copy_from_slice(b"\\u001b");
    sum_again(&mut bytes);
    let layout = file::layout(&bytes, 7).unwrap();
    let copied = file::read_records(&layout, |(s, e)| file::Record::Passing(&bytes[s..e])).unwrap();
    let lent = read_lasting(bytes.clone()).unwrap();
    assert!(
        lent.vendors[0].answers.is_pending(),
        "decoded on use, below"
    );
    for read in [copied, lent] {
        let previous = read.vendors[0].answers[0].previous.as_ref().unwrap();
        let text = &previous.quotes[0].text;
        assert!(!text.contains('\u{1b}'), "{text:?}");
        assert!(text.starts_with('\u{241b}'), "{text:?}");
    }
}

#[test]
fn record_offsets_that_overflow_or_overlap_are_refused_not_a_panic() {
    let (_, bytes) = cached_with_a_previous_answer(7);
    let header = &bytes[..64];
    // The trailer's fields by position (postcard has no names): no categories, no problems.
    let with_offsets = |offsets: Vec<u64>, records: usize| {
        let trailer =
            postcard::to_allocvec(&(String::from("[]"), Vec::<()>::new(), offsets)).unwrap();
        let mut file = header.to_vec();
        file.extend(std::iter::repeat_n(0u8, records));
        let at = file.len() as u64;
        file[40..48].copy_from_slice(&at.to_le_bytes());
        file[48..56].copy_from_slice(&(trailer.len() as u64).to_le_bytes());
        file[56..64].copy_from_slice(&xxhash_rust::xxh3::xxh3_64(&trailer).to_le_bytes());
        file.extend(trailer);
        file
    };
    // Sound as a layout with no record: the trailer written here is read.
    assert!(file::layout(&with_offsets(vec![], 0), 7).is_ok());
    for (offsets, records) in [
        (vec![u64::MAX - 3], 0),
        (vec![u64::MAX - 3], 40),
        (vec![64, u64::MAX], 40),
        (vec![80, 64], 40),
        (vec![64], 5),
        (vec![10], 40),
    ] {
        let file = with_offsets(offsets.clone(), records);
        assert!(file::layout(&file, 7).is_err(), "{offsets:?}");
    }
}

#[test]
fn a_lasting_record_decodes_its_answers_on_first_use_and_counts_its_drafts_before() {
    let (mut catalog, _) = cached_with_a_previous_answer(7);
    catalog.vendors[0].answers[1].draft = true;
    let mut out = tempfile::tempfile().unwrap();
    file::write(&mut out, 7, &catalog, Vec::new()).unwrap();
    let mut bytes = Vec::new();
    use std::io::{Read, Seek};
    out.rewind().unwrap();
    out.read_to_end(&mut bytes).unwrap();
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let layout = file::layout(bytes, 7).unwrap();
    let lent = file::read_records(&layout, |(s, e)| file::Record::Lasting(&bytes[s..e])).unwrap();
    let copied = file::read_records(&layout, |(s, e)| file::Record::Passing(&bytes[s..e])).unwrap();
    assert!(lent.vendors.iter().all(|v| v.answers.is_pending()));
    assert!(copied.vendors.iter().all(|v| !v.answers.is_pending()));
    let drafts = |vendors: &[crate::catalog::Vendor]| -> Vec<usize> {
        vendors.iter().map(|v| v.answers.drafts()).collect()
    };
    assert_eq!(drafts(&lent.vendors), drafts(&catalog.vendors));
    assert!(drafts(&catalog.vendors).iter().sum::<usize>() >= 1);
    assert!(
        lent.vendors.iter().all(|v| v.answers.is_pending()),
        "counted, not decoded"
    );
    // A catalogue of them decodes a vendor's answers when one of its answers is asked for.
    let categories = lent.categories.clone();
    let cached = Catalog::new(categories, lent.vendors);
    assert_eq!(cached.control_index("deletion-timing"), Some(0));
    assert!(cached.vendors[0].answers.is_pending());
    assert!(cached.answer(0, 0).is_some());
    assert!(!cached.vendors[0].answers.is_pending());
    assert_eq!(cached.vendors, catalog.vendors);
}

#[test]
fn answers_that_do_not_decode_refuse_their_record_at_once_even_in_a_lasting_mapping() {
    let (_, mut bytes) = cached_with_a_previous_answer(7);
    // The first record follows the 64-byte header: length (u32), checksum (u64), then the
    // body: the head's and the answers' lengths (u32 each).
    let len = u32::from_le_bytes(bytes[64..68].try_into().unwrap()) as usize;
    let body = 76..76 + len;
    let answers_len = u32::from_le_bytes(bytes[80..84].try_into().unwrap());
    bytes[80..84].copy_from_slice(&(answers_len - 1).to_le_bytes());
    let sum = xxhash_rust::xxh3::xxh3_64(&bytes[body]);
    bytes[68..76].copy_from_slice(&sum.to_le_bytes());
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let layout = file::layout(bytes, 7).unwrap();
    assert!(file::read_records(&layout, |(s, e)| file::Record::Lasting(&bytes[s..e])).is_err());
    assert!(file::read_records(&layout, |(s, e)| file::Record::Passing(&bytes[s..e])).is_err());
}

/// The first record's text block in a cache file's `bytes`: after the 64-byte header, the
/// record's length (u32) and checksum (u64), and its body's two lengths (u32 each), the head
/// and the answers.
fn first_text(bytes: &[u8]) -> std::ops::Range<usize> {
    let word = |at: usize| u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
    let end = 76 + word(64);
    84 + word(76) + word(80)..end
}

/// The first record's checksum made good again after an edit.
fn sum_again(bytes: &mut [u8]) {
    let len = u32::from_le_bytes(bytes[64..68].try_into().unwrap()) as usize;
    let sum = xxhash_rust::xxh3::xxh3_64(&bytes[76..76 + len]);
    bytes[68..76].copy_from_slice(&sum.to_le_bytes());
}

/// Where `needle` starts in the first record's text, in a cache file's `bytes`.
fn in_first_text(bytes: &[u8], needle: &[u8]) -> usize {
    let text = first_text(bytes);
    text.start
        + bytes[text]
            .windows(needle.len())
            .position(|w| w == needle)
            .expect("the needle is in the first record's text")
}

fn read_lasting(bytes: Vec<u8>) -> std::io::Result<file::Contents> {
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let layout = file::layout(bytes, 7)?;
    file::read_records(&layout, |(s, e)| file::Record::Lasting(&bytes[s..e]))
}

/// `bytes` read as lent records: checked on copies read from a file of the same bytes, the
/// answers decoded on use from `bytes` (as from the mapping of that file).
fn read_lent(bytes: Vec<u8>) -> std::io::Result<file::Contents> {
    use std::io::Write;
    let mut on_disk = tempfile::tempfile().unwrap();
    on_disk.write_all(&bytes).unwrap();
    let bytes: &'static [u8] = Box::leak(bytes.into_boxed_slice());
    let layout = file::layout(bytes, 7)?;
    file::read_records(&layout, |(s, e)| file::Record::Lent {
        bytes: &bytes[s..e],
        file: &on_disk,
        at: s as u64,
    })
}

#[test]
#[cfg(unix)]
fn a_lent_record_is_checked_on_a_copy_and_its_answers_borrow_from_the_mapping() {
    use std::borrow::Cow;
    let (mut catalog, bytes) = cached_with_a_previous_answer(7);
    let lent = read_lent(bytes).unwrap();
    assert!(lent.vendors.iter().all(|v| v.answers.is_pending()));
    let counted: Vec<usize> = lent.vendors.iter().map(|v| v.answers.drafts()).collect();
    let vendors = lent.vendors;
    assert!(vendors.iter().all(|v| !v.answers.is_empty()));
    // Decoded, every string of an answer borrowed (no copy), as the sources say.
    let borrowed = (vendors.iter().flat_map(|v| &v.answers))
        .flat_map(|a| a.quotes.iter().map(|q| &q.text).chain(Some(&a.control)))
        .all(|s| matches!(s, Cow::Borrowed(_)));
    assert!(borrowed);
    assert_eq!(vendors, std::mem::take(&mut catalog.vendors));
    let drafts: Vec<usize> = vendors.iter().map(|v| v.answers.drafts()).collect();
    assert_eq!(counted, drafts);
}

#[test]
#[cfg(unix)]
fn a_lent_record_is_refused_as_a_lasting_one_is() {
    let (_, mut bytes) = cached_with_a_previous_answer(7);
    let good = bytes.clone();
    let at = in_first_text(&bytes, b"deletion-timing");
    bytes[at + 14..at + 17].copy_from_slice("あ".as_bytes());
    sum_again(&mut bytes);
    assert!(read_lent(bytes).is_err(), "a span cutting a character");
    let mut bytes = good.clone();
    let at = in_first_text(&bytes, b"{\"status\":");
    bytes[at] = b'x';
    sum_again(&mut bytes);
    assert!(read_lent(bytes).is_err(), "a previous answer no JSON");
    let mut bytes = good.clone();
    let at = in_first_text(&bytes, b"deletion-timing");
    bytes[at] ^= 0x20;
    assert!(read_lent(bytes).is_err(), "a flipped byte");
    // What is checked is the copy read from the file: a good mapping does not vouch for it.
    let bytes: &'static [u8] = Box::leak(good.clone().into_boxed_slice());
    let mut on_disk = tempfile::tempfile().unwrap();
    let mut flipped = good;
    let at = in_first_text(&flipped, b"deletion-timing");
    flipped[at] ^= 0x20;
    std::io::Write::write_all(&mut on_disk, &flipped).unwrap();
    let layout = file::layout(bytes, 7).unwrap();
    let read = file::read_records(&layout, |(s, e)| file::Record::Lent {
        bytes: &bytes[s..e],
        file: &on_disk,
        at: s as u64,
    });
    assert!(read.is_err());
}

#[test]
fn an_answers_span_cutting_a_character_refuses_a_lasting_record_at_once() {
    let (_, mut bytes) = cached_with_a_previous_answer(7);
    // The first answer's control id follows the head's strings; the three bytes across its
    // end become one character (still UTF-8, still plain): its span now cuts that character.
    let at = in_first_text(&bytes, b"deletion-timing");
    bytes[at + 14..at + 17].copy_from_slice("あ".as_bytes());
    sum_again(&mut bytes);
    let refused = read_lasting(bytes)
        .err()
        .expect("refused when read, not on use");
    assert!(
        refused.to_string().contains("out of its record's text"),
        "{refused}"
    );
}

#[test]
fn a_previous_answer_that_is_no_json_refuses_a_lasting_record_at_once() {
    let (_, mut bytes) = cached_with_a_previous_answer(7);
    let at = in_first_text(&bytes, b"{\"status\":");
    bytes[at] = b'x';
    sum_again(&mut bytes);
    assert!(read_lasting(bytes).is_err());
}
