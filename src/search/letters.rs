//! Which letters a text holds, as 24 bits kept in each record: a text lacking one of a word's
//! letters cannot hold its chars in order, and is passed over without reading it (most texts
//! of a three-letter word's scan: every Japanese text, and English texts without its letters).
//!
//! One bit per ASCII letter, four pairs of rarer letters sharing one (j q, k v, w y, x z), one
//! for any digit and one for any non-ASCII char. A text holding a word's chars holds each of
//! them, so the word's bits are a subset of the text's: the test never drops a match.

/// The bit of each byte (a non-ASCII char's every byte sets the same bit).
const BITS: [u32; 256] = {
    let mut table = [0u32; 256];
    // a..z: 22 bits, the rarer letters paired with another.
    let letter_bit: [u32; 26] = [
        0, 1, 2, 3, 4, 5, 6, 7, 8, //  a .. i
        9, 10, 11, 12, 13, 14, 15, 9, 16, 17, 18, 19, 10, // j .. v (q with j, v with k)
        20, 21, 20, 21, // w x y z (y with w, z with x)
    ];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte.is_ascii_lowercase() {
            1 << letter_bit[(byte - b'a') as usize]
        } else if byte.is_ascii_uppercase() {
            1 << letter_bit[(byte - b'A') as usize]
        } else if byte.is_ascii_digit() {
            1 << 22
        } else if byte >= 0x80 {
            1 << 23
        } else {
            0
        };
        b += 1;
    }
    table
};

/// The letter bits of `text` (the low 24 bits of the result).
pub(super) fn letters(text: &str) -> u32 {
    text.bytes().fold(0, |bits, b| bits | BITS[b as usize])
}

/// Whether a text with the letter bits `text` may hold the chars of a word with `word`'s.
pub(super) fn may_hold(text: u32, word: u32) -> bool {
    word & !text == 0
}

/// The bits as a record stores them (little-endian, three bytes).
pub(super) fn to_bytes(bits: u32) -> [u8; 3] {
    let [a, b, c, _] = bits.to_le_bytes();
    [a, b, c]
}

pub(super) fn from_bytes(bytes: [u8; 3]) -> u32 {
    u32::from_le_bytes([bytes[0], bytes[1], bytes[2], 0])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::score::chars_in_order;

    #[test]
    fn a_text_holding_the_chars_in_order_always_has_the_bits() {
        let texts = [
            "data deleted within 30 days",
            "データの削除は30日以内",
            "iso/iec 27017 cld.8.1.5",
            "quick jinx vows: zyxwvutsrqponmlkjihgfedcba",
            "",
        ];
        let words = [
            "del", "30", "削除", "iso27", "jq", "qj", "xz", "wy", "kv", "a", "デ",
        ];
        for text in texts {
            for word in words {
                if chars_in_order(text, word) {
                    assert!(
                        may_hold(letters(text), letters(word)),
                        "{word:?} in {text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn a_text_missing_a_letter_or_kind_is_ruled_out() {
        let english = letters("data retention period");
        assert!(!may_hold(english, letters("del")), "no l");
        assert!(!may_hold(english, letters("削除")), "no non-ASCII");
        assert!(!may_hold(english, letters("30")), "no digit");
        assert!(may_hold(english, letters("ret")));
        assert!(!may_hold(letters("データの削除"), letters("del")));
        // Paired letters share a bit: "q" is not ruled out by a "j".
        assert!(may_hold(letters("jar"), letters("q")));
    }

    #[test]
    fn the_stored_bytes_give_the_bits_back() {
        for text in ["", "abc", "zz 9 削", "wxyz jkqv"] {
            let bits = letters(text);
            assert!(bits < 1 << 24);
            assert_eq!(from_bytes(to_bytes(bits)), bits);
        }
    }
}
