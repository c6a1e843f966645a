//! Whether a vendor's block of text read from the cache (see [`super::wire`]) plainly needs no
//! sanitizing: made only of characters that [`crate::sanitize`] keeps wherever they stand.
//! Checked over the whole block at once, after its UTF-8 (simdutf8), several times cheaper
//! than sanitizing each string, and most vendors pass; one that does not is sanitized.

/// Whether `s` holds only printable ASCII, the CJK symbols and kana (U+3000–U+30FF), the
/// unified ideographs U+4E00–U+9FFF, the fullwidth and halfwidth forms U+FF00–U+FF7F, Latin-1
/// letters (U+00C0–U+00FF) and the dashes, quotes and ellipsis of U+2010–U+2027: none of them
/// is a control, invisible, a separator or a variation selector, so sanitizing keeps them all
/// as they are. No line breaks either (one-line fields turn them into spaces).
pub(super) fn plain_text(s: &str) -> bool {
    plain_leads(s.as_bytes())
}

/// Of UTF-8 `b` (the rest of this judgement): whether every byte is printable ASCII, a continuation byte, or the lead of a
/// plain character (judged with the bytes after it). UTF-8 guarantees each lead its
/// continuation bytes, so that is every character plain. Judged without branching on the
/// bytes, 64 at a time, which the compiler turns into vector instructions.
fn plain_leads(b: &[u8]) -> bool {
    const CHUNK: usize = 64;
    let mut i = 0;
    while i + CHUNK + 2 <= b.len() {
        let chunk =
            |from: usize| -> &[u8; CHUNK] { b[from..from + CHUNK].try_into().expect("a chunk") };
        let (here, next, after) = (chunk(i), chunk(i + 1), chunk(i + 2));
        let all = (0..CHUNK).fold(true, |all, j| all & plain_at(here[j], next[j], after[j]));
        if !all {
            return false;
        }
        i += CHUNK;
    }
    (i..b.len()).all(|j| {
        let at = |k: usize| b.get(k).copied().unwrap_or(0);
        plain_at(b[j], at(j + 1), at(j + 2))
    })
}

/// Whether byte `x`, followed by `y` and `z`, is printable ASCII, a continuation byte, or
/// starts a plain character.
#[inline(always)]
fn plain_at(x: u8, y: u8, z: u8) -> bool {
    let within = |v: u8, low: u8, high: u8| v.wrapping_sub(low) <= high - low;
    within(x, 0x20, 0x7E)
        | within(x, 0x80, 0xBF)
        | (x == 0xC3)
        | within(x, 0xE5, 0xE9)
        | ((x == 0xE3) & within(y, 0x80, 0x83))
        | ((x == 0xE4) & within(y, 0xB8, 0xBF))
        | ((x == 0xEF) & within(y, 0xBC, 0xBD))
        | ((x == 0xE2) & (y == 0x80) & within(z, 0x90, 0xA7))
}

#[cfg(test)]
mod tests {
    use super::plain_text;
    use crate::sanitize;

    fn plain(s: &str) -> bool {
        plain_text(s)
    }

    /// How the cache judges a text's bytes: UTF-8 first.
    fn plain_utf8(b: &[u8]) -> bool {
        std::str::from_utf8(b).is_ok_and(plain_text)
    }

    #[test]
    fn what_is_plain_is_what_sanitizing_keeps() {
        let chars = (0..=0x10FFFFu32).filter_map(char::from_u32);
        let mut kept = 0;
        for c in chars {
            for s in [format!("a{c}{c}")] {
                if plain(&s) {
                    kept += 1;
                    assert_eq!(sanitize::text(&s), s.as_str(), "{c:?}");
                    assert_eq!(sanitize::line(&s), s.as_str(), "{c:?}");
                }
            }
        }
        // ASCII, kana, kanji, fullwidth forms: the text of the catalogues.
        assert!(kept > 20_000, "{kept}");
        assert!(plain("削除（３０日）— \"x\" セキュリティ é"));
        assert!(plain(
            "A line of plain English text, long enough for a whole chunk of 64 bytes: ~{}|"
        ));
        for unsafe_ in [
            "a\nb",
            "\u{1b}[0m",
            "a\u{200b}b",
            "x\u{202e}",
            "\u{7f}",
            "\u{3164}",
            "0123456789abcdef\u{7f}",
            "01234567\t9abcdef",
            "0123456789abcde\u{0}",
        ] {
            assert!(!plain(unsafe_), "{unsafe_:?}");
        }
    }

    /// The doc comment of `plain_text` for any bytes, char by char.
    fn reference(b: &[u8]) -> bool {
        std::str::from_utf8(b).is_ok_and(|s| {
            s.chars().all(|c| {
                matches!(c, ' '..='~'
                    | '\u{C0}'..='\u{FF}'
                    | '\u{2010}'..='\u{2027}'
                    | '\u{3000}'..='\u{30FF}'
                    | '\u{4E00}'..='\u{9FFF}'
                    | '\u{FF00}'..='\u{FF7F}')
            })
        })
    }

    #[test]
    fn plain_is_what_it_says_for_every_short_sequence() {
        let thirds = [
            0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0xA7, 0xA8, 0xBF, 0xC0, 0xE5,
        ];
        for first in 0..=0xFFu8 {
            for second in 0..=0xFFu8 {
                for third in thirds {
                    for bytes in [&[first, second, third][..], &[first, second][..]] {
                        assert_eq!(plain_utf8(bytes), reference(bytes), "{bytes:x?}");
                    }
                }
            }
        }
    }

    #[test]
    fn plain_is_what_it_says_across_the_chunks() {
        // Each character of the BMP where the 64-byte chunks end: before, on and across it.
        for c in (0..=0xFFFFu32).filter_map(char::from_u32) {
            for before in [0, 61, 62, 63, 64] {
                let s = format!("{}{c}{}", "x".repeat(before), "z".repeat(70));
                assert_eq!(
                    plain_utf8(s.as_bytes()),
                    reference(s.as_bytes()),
                    "{c:?} at {before}"
                );
            }
        }
        // Cut characters and stray continuation bytes, at the end and inside.
        for bad in [
            &b"abc\xe5\x89"[..],
            b"\xe5\x89abc",
            b"\x89",
            b"abcdefgh\xc3",
            b"\xe3\x80\x41",
            b"\xef\xbc",
        ] {
            assert!(!plain_utf8(bad), "{bad:x?}");
        }
    }
}
