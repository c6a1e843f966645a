//! Untrusted text made safe to show and to export.
//!
//! Vendor files come from outside, so any string in them may carry bytes meant for the terminal
//! rather than the reader: escape sequences (`"\e]0;x\a"` in a YAML double-quoted string),
//! bidi overrides that reorder what is shown (U+202E), zero-width and tag characters that hide
//! text, separators that break lines where no line breaks. Every such character is turned into
//! something visible that says what it was:
//!
//! - C0 controls and DEL become their control pictures (ESC shows as `␛`, NUL as `␀`, DEL as `␡`);
//! - C1 controls, format and bidi characters, zero-width characters, the soft hyphen, line and
//!   paragraph separators, tag characters and other invisible fillers become a marker such as
//!   `<U+202E>`;
//! - a tab becomes four spaces, CR LF and a lone CR become a line break;
//! - line breaks stay in multi-line text ([`text`]) and become a space in one-line text ([`line`]).
//!
//! A variation selector is kept when it directly follows a visible character (kanji variants,
//! emoji presentation); a second one in a row, or one with nothing to modify, is marked, so text
//! cannot be smuggled in runs of them.
//!
//! The YAML gate applies [`text`] to every string of every file while deserializing
//! ([`Strings`]), the catalogue loader applies [`line`] to one-line fields ([`Sanitize`]), and
//! the markdown export applies it again to everything it writes. Sanitizing is idempotent.

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use std::borrow::Cow;
use std::fmt;

/// What a tab becomes.
pub const TAB: &str = "    ";

/// Multi-line text made safe: line breaks are kept (as `\n`).
pub fn text(s: &str) -> Cow<'_, str> {
    clean(s, true)
}

/// One-line text made safe: a line break becomes a space.
pub fn line(s: &str) -> Cow<'_, str> {
    clean(s, false)
}

/// JSON text (as serde_json writes it) with every hidden character escaped as `\uXXXX`:
/// serde_json escapes only C0 controls, so C1 controls, DEL, bidi overrides and invisible
/// characters would reach a terminal that shows the JSON. The data read back is unchanged;
/// outside strings JSON is ASCII, so only string contents are touched.
pub fn json(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_hidden_in_json) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        if is_hidden_in_json(c) {
            let mut units = [0u16; 2];
            for unit in c.encode_utf16(&mut units) {
                out.push_str(&format!("\\u{unit:04x}"));
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// What [`json`] escapes: hidden characters other than the line breaks and tabs that JSON
/// itself writes between tokens.
fn is_hidden_in_json(c: char) -> bool {
    !matches!(c, '\n' | '\r' | '\t') && (is_hidden(c) || is_variation_selector(c))
}

/// [`text`] in place.
pub fn text_in_place<S: From<String> + std::ops::Deref<Target = str>>(s: &mut S) {
    if let Cow::Owned(clean) = text(s) {
        *s = clean.into();
    }
}

/// [`line`] in place.
pub fn line_in_place<S: From<String> + std::ops::Deref<Target = str>>(s: &mut S) {
    if let Cow::Owned(clean) = line(s) {
        *s = clean.into();
    }
}

/// True if `c` would be marked wherever it stands: control characters (other than line breaks
/// and tabs, which are rewritten) and invisible characters.
pub fn is_hidden(c: char) -> bool {
    c.is_control() || is_invisible(c)
}

/// Format, bidi, zero-width, tag and filler characters, and line/paragraph separators: what
/// draws nothing (or reorders what is drawn) and so can hide or disguise text. Sorted ranges.
const INVISIBLE: &[(u32, u32)] = &[
    (0x00AD, 0x00AD),   // soft hyphen
    (0x034F, 0x034F),   // combining grapheme joiner
    (0x0600, 0x0605),   // Arabic number signs
    (0x061C, 0x061C),   // Arabic letter mark
    (0x06DD, 0x06DD),   // Arabic end of ayah
    (0x070F, 0x070F),   // Syriac abbreviation mark
    (0x0890, 0x0891),   // Arabic pound/piastre mark above
    (0x08E2, 0x08E2),   // Arabic disputed end of ayah
    (0x115F, 0x1160),   // Hangul fillers
    (0x17B4, 0x17B5),   // Khmer inherent vowels
    (0x180E, 0x180E),   // Mongolian vowel separator
    (0x200B, 0x200F),   // zero-width space, (non-)joiner, LRM, RLM
    (0x2028, 0x202E),   // line/paragraph separators, bidi embeddings and overrides
    (0x2060, 0x206F),   // word joiner, invisible operators, bidi isolates, deprecated formats
    (0x3164, 0x3164),   // Hangul filler
    (0xFEFF, 0xFEFF),   // zero-width no-break space (BOM)
    (0xFFA0, 0xFFA0),   // halfwidth Hangul filler
    (0xFFF0, 0xFFFB),   // interlinear annotation, unassigned specials
    (0x110BD, 0x110BD), // Kaithi number sign
    (0x110CD, 0x110CD), // Kaithi number sign above
    (0x13430, 0x1343F), // Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3), // shorthand format controls
    (0x1D173, 0x1D17A), // musical symbol format controls
    (0xE0000, 0xE00FF), // tag characters
    (0xE01F0, 0xE0FFF), // default-ignorable, unassigned
];

/// Variation selectors: kept after a visible character, marked anywhere else.
const VARIATION: &[(u32, u32)] = &[
    (0x180B, 0x180D),
    (0x180F, 0x180F),
    (0xFE00, 0xFE0F),
    (0xE0100, 0xE01EF),
];

fn in_ranges(c: char, ranges: &[(u32, u32)]) -> bool {
    let c = c as u32;
    ranges
        .binary_search_by(|&(lo, hi)| {
            if hi < c {
                std::cmp::Ordering::Less
            } else if lo > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

fn is_invisible(c: char) -> bool {
    (c as u32) >= 0xAD && in_ranges(c, INVISIBLE)
}

fn is_variation_selector(c: char) -> bool {
    (c as u32) >= 0x180B && in_ranges(c, VARIATION)
}

/// What one character becomes.
enum Out {
    Keep,
    Drop,
    Str(&'static str),
    Char(char),
    Marker,
}

fn clean(s: &str, keep_breaks: bool) -> Cow<'_, str> {
    let bytes = s.as_bytes();
    let mut out: Option<String> = None;
    // Whether a variation selector may follow: only right after a visible character.
    let mut modifiable = false;
    let mut i = 0;
    while i < bytes.len() {
        // Printable ASCII, most of any text, is kept as it is, a run at a time.
        let run = i;
        while i < bytes.len() && (b' '..=b'~').contains(&bytes[i]) {
            i += 1;
        }
        if i > run {
            if let Some(o) = &mut out {
                o.push_str(&s[run..i]);
            }
            modifiable = bytes[i - 1] != b' ';
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        let lf_follows = bytes.get(i + 1) == Some(&b'\n');
        let action = action(c, lf_follows, keep_breaks, modifiable);
        modifiable = next_modifiable(c, &action, modifiable);
        apply(&mut out, s, i, c, action);
        i += c.len_utf8();
    }
    match out {
        Some(o) => Cow::Owned(o),
        None => Cow::Borrowed(s),
    }
}

/// What `c` becomes; `modifiable`: whether a variation selector here modifies what precedes.
fn action(c: char, lf_follows: bool, keep_breaks: bool, modifiable: bool) -> Out {
    match c {
        ' '..='~' => Out::Keep,
        // Kana and ideographs, most of a Japanese text: none is hidden or a selector.
        '\u{3040}'..='\u{30FF}' | '\u{4E00}'..='\u{9FFF}' => Out::Keep,
        '\n' if keep_breaks => Out::Keep,
        '\n' => Out::Str(" "),
        '\r' if lf_follows => Out::Drop,
        '\r' if keep_breaks => Out::Char('\n'),
        '\r' => Out::Str(" "),
        '\t' => Out::Str(TAB),
        '\0'..='\x1f' => Out::Char(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\x7f' => Out::Char('\u{2421}'),
        '\u{80}'..='\u{9f}' => Out::Marker,
        c if is_variation_selector(c) => {
            if modifiable {
                Out::Keep
            } else {
                Out::Marker
            }
        }
        c if is_invisible(c) => Out::Marker,
        _ => Out::Keep,
    }
}

/// Whether a variation selector may follow `c`, now that it became `action`.
fn next_modifiable(c: char, action: &Out, modifiable: bool) -> bool {
    matches!(action, Out::Keep) && !c.is_whitespace() && !(modifiable && is_variation_selector(c))
}

/// Writes what `action` makes of `c`, at byte `i` of `s`, to `out`: nothing while every char
/// so far is kept; the first change copies what came before.
fn apply(out: &mut Option<String>, s: &str, i: usize, c: char, action: Out) {
    match (action, out) {
        (Out::Keep, None) => {}
        (Out::Keep, Some(o)) => o.push(c),
        (action, o) => {
            let o = o.get_or_insert_with(|| {
                let mut o = String::with_capacity(s.len() + 16);
                o.push_str(&s[..i]);
                o
            });
            match action {
                Out::Keep | Out::Drop => {}
                Out::Str(t) => o.push_str(t),
                Out::Char(p) => o.push(p),
                Out::Marker => {
                    use fmt::Write;
                    let _ = write!(o, "<U+{:04X}>", c as u32);
                }
            }
        }
    }
}

/// The pass before the run-at-a-time one, char by char: what the tests hold it to.
#[cfg(test)]
fn clean_char_by_char(s: &str, keep_breaks: bool) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut modifiable = false;
    let mut chars = s.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let lf_follows = chars.peek().is_some_and(|&(_, n)| n == '\n');
        let action = action(c, lf_follows, keep_breaks, modifiable);
        modifiable = next_modifiable(c, &action, modifiable);
        apply(&mut out, s, i, c, action);
    }
    match out {
        Some(o) => Cow::Owned(o),
        None => Cow::Borrowed(s),
    }
}

/// A sanitizing pass over a loaded model. One-line fields (ids, names, titles, references)
/// get [`line`]; prose (questions, summaries, notes, quotes) gets [`text`]. The catalogue
/// implements it for its own types (`catalog/sanitize_impls.rs`): this module knows nothing
/// of the catalogue.
pub trait Sanitize {
    fn sanitize(&mut self);
}

impl<T: Sanitize> Sanitize for Option<T> {
    fn sanitize(&mut self) {
        if let Some(t) = self {
            t.sanitize();
        }
    }
}

impl<T: Sanitize> Sanitize for Vec<T> {
    fn sanitize(&mut self) {
        self.iter_mut().for_each(Sanitize::sanitize);
    }
}

/// A deserializer that hands every string it reads through [`text`] before the visitor sees
/// it: map keys, values, enum tags, all of them. The YAML gate wraps serde_yaml in it, so no
/// file read through the gate can carry a raw control or invisible character into kurabe.
pub struct Strings<D>(pub D);

/// A visitor, seed, or accessor wrapped so that what it produces is sanitized too.
struct Wrap<T>(T);

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Strings<D> {
    type Error = D::Error;

    fn is_human_readable(&self) -> bool {
        self.0.is_human_readable()
    }

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_any(Wrap(v))
    }
    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_bool(Wrap(v))
    }
    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_i8(Wrap(v))
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_i16(Wrap(v))
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_i32(Wrap(v))
    }
    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_i64(Wrap(v))
    }
    fn deserialize_i128<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_i128(Wrap(v))
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_u8(Wrap(v))
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_u16(Wrap(v))
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_u32(Wrap(v))
    }
    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_u64(Wrap(v))
    }
    fn deserialize_u128<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_u128(Wrap(v))
    }
    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_f32(Wrap(v))
    }
    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_f64(Wrap(v))
    }
    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_char(Wrap(v))
    }
    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_str(Wrap(v))
    }
    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_string(Wrap(v))
    }
    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_bytes(Wrap(v))
    }
    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_byte_buf(Wrap(v))
    }
    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_option(Wrap(v))
    }
    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit(Wrap(v))
    }
    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_unit_struct(name, Wrap(v))
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_newtype_struct(name, Wrap(v))
    }
    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_seq(Wrap(v))
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple(len, Wrap(v))
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        len: usize,
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_tuple_struct(name, len, Wrap(v))
    }
    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_map(Wrap(v))
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_struct(name, fields, Wrap(v))
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        name: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, D::Error> {
        self.0.deserialize_enum(name, variants, Wrap(v))
    }
    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_identifier(Wrap(v))
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, D::Error> {
        self.0.deserialize_ignored_any(Wrap(v))
    }
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Wrap<V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.0.expecting(f)
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<V::Value, E> {
        self.0.visit_bool(v)
    }
    fn visit_i8<E: de::Error>(self, v: i8) -> Result<V::Value, E> {
        self.0.visit_i8(v)
    }
    fn visit_i16<E: de::Error>(self, v: i16) -> Result<V::Value, E> {
        self.0.visit_i16(v)
    }
    fn visit_i32<E: de::Error>(self, v: i32) -> Result<V::Value, E> {
        self.0.visit_i32(v)
    }
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<V::Value, E> {
        self.0.visit_i64(v)
    }
    fn visit_i128<E: de::Error>(self, v: i128) -> Result<V::Value, E> {
        self.0.visit_i128(v)
    }
    fn visit_u8<E: de::Error>(self, v: u8) -> Result<V::Value, E> {
        self.0.visit_u8(v)
    }
    fn visit_u16<E: de::Error>(self, v: u16) -> Result<V::Value, E> {
        self.0.visit_u16(v)
    }
    fn visit_u32<E: de::Error>(self, v: u32) -> Result<V::Value, E> {
        self.0.visit_u32(v)
    }
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<V::Value, E> {
        self.0.visit_u64(v)
    }
    fn visit_u128<E: de::Error>(self, v: u128) -> Result<V::Value, E> {
        self.0.visit_u128(v)
    }
    fn visit_f32<E: de::Error>(self, v: f32) -> Result<V::Value, E> {
        self.0.visit_f32(v)
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<V::Value, E> {
        self.0.visit_f64(v)
    }
    fn visit_char<E: de::Error>(self, v: char) -> Result<V::Value, E> {
        let mut buf = [0u8; 4];
        match text(v.encode_utf8(&mut buf)) {
            Cow::Borrowed(_) => self.0.visit_char(v),
            Cow::Owned(s) => self.0.visit_string(s),
        }
    }
    fn visit_str<E: de::Error>(self, v: &str) -> Result<V::Value, E> {
        self.0.visit_str(&text(v))
    }
    fn visit_borrowed_str<E: de::Error>(self, v: &'de str) -> Result<V::Value, E> {
        match text(v) {
            Cow::Borrowed(v) => self.0.visit_borrowed_str(v),
            Cow::Owned(s) => self.0.visit_string(s),
        }
    }
    fn visit_string<E: de::Error>(self, v: String) -> Result<V::Value, E> {
        match text(&v) {
            Cow::Borrowed(_) => self.0.visit_string(v),
            Cow::Owned(s) => self.0.visit_string(s),
        }
    }
    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<V::Value, E> {
        self.0.visit_bytes(v)
    }
    fn visit_borrowed_bytes<E: de::Error>(self, v: &'de [u8]) -> Result<V::Value, E> {
        self.0.visit_borrowed_bytes(v)
    }
    fn visit_byte_buf<E: de::Error>(self, v: Vec<u8>) -> Result<V::Value, E> {
        self.0.visit_byte_buf(v)
    }
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_none()
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_some(Strings(d))
    }
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        self.0.visit_unit()
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<V::Value, D::Error> {
        self.0.visit_newtype_struct(Strings(d))
    }
    fn visit_seq<A: de::SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        self.0.visit_seq(Wrap(seq))
    }
    fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        self.0.visit_map(Wrap(map))
    }
    fn visit_enum<A: de::EnumAccess<'de>>(self, data: A) -> Result<V::Value, A::Error> {
        self.0.visit_enum(Wrap(data))
    }
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Wrap<S> {
    type Value = S::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<S::Value, D::Error> {
        self.0.deserialize(Strings(d))
    }
}

impl<'de, A: de::SeqAccess<'de>> de::SeqAccess<'de> for Wrap<A> {
    type Error = A::Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, A::Error> {
        self.0.next_element_seed(Wrap(seed))
    }
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: de::MapAccess<'de>> de::MapAccess<'de> for Wrap<A> {
    type Error = A::Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        self.0.next_key_seed(Wrap(seed))
    }
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.0.next_value_seed(Wrap(seed))
    }
    fn size_hint(&self) -> Option<usize> {
        self.0.size_hint()
    }
}

impl<'de, A: de::EnumAccess<'de>> de::EnumAccess<'de> for Wrap<A> {
    type Error = A::Error;
    type Variant = Wrap<A::Variant>;

    fn variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<(T::Value, Wrap<A::Variant>), A::Error> {
        let (value, variant) = self.0.variant_seed(Wrap(seed))?;
        Ok((value, Wrap(variant)))
    }
}

impl<'de, A: de::VariantAccess<'de>> de::VariantAccess<'de> for Wrap<A> {
    type Error = A::Error;

    fn unit_variant(self) -> Result<(), A::Error> {
        self.0.unit_variant()
    }
    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, A::Error> {
        self.0.newtype_variant_seed(Wrap(seed))
    }
    fn tuple_variant<V: Visitor<'de>>(self, len: usize, v: V) -> Result<V::Value, A::Error> {
        self.0.tuple_variant(len, Wrap(v))
    }
    fn struct_variant<V: Visitor<'de>>(
        self,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, A::Error> {
        self.0.struct_variant(fields, Wrap(v))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_fast_pass_cleans_as_the_char_by_char_one_did() {
        let alphabet: Vec<char> = "aZ ~\n\r\t\0\x1b\x7f\u{85}\u{9f}\u{ad}\u{200b}\u{202e}\u{2066}\u{feff}\u{fe0f}\u{fe00}\u{180b}\u{e0001}\u{e0100}\u{3000}\u{3042}\u{30ff}\u{4e00}\u{ff08}\u{ff11}é😀\u{3164}\u{2028}"
            .chars()
            .collect();
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..20_000 {
            let len = (next() % 12) as usize;
            let text: String = (0..len)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect();
            for keep_breaks in [false, true] {
                assert_eq!(
                    clean(&text, keep_breaks),
                    clean_char_by_char(&text, keep_breaks),
                    "{text:?}"
                );
            }
        }
    }

    use super::*;

    #[test]
    fn escape_sequences_show_as_control_pictures() {
        assert_eq!(text("a\x1b]0;x\x07b"), "a␛]0;x␇b");
        assert_eq!(text("\0\x7f"), "␀␡");
        assert_eq!(line("\x1b[2J"), "␛[2J");
    }

    #[test]
    fn invisible_characters_show_as_markers() {
        assert_eq!(text("abc\u{202E}def"), "abc<U+202E>def");
        assert_eq!(text("a\u{200B}b\u{FEFF}"), "a<U+200B>b<U+FEFF>");
        assert_eq!(text("soft\u{AD}hyphen"), "soft<U+00AD>hyphen");
        assert_eq!(text("x\u{2028}y\u{2029}"), "x<U+2028>y<U+2029>");
        assert_eq!(text("\u{E0041}\u{2066}"), "<U+E0041><U+2066>");
        assert_eq!(text("c1\u{9b}31m"), "c1<U+009B>31m");
        assert_eq!(text("\u{85}"), "<U+0085>");
    }

    #[test]
    fn tabs_become_spaces_and_line_breaks_are_kept_in_text() {
        assert_eq!(text("a\tb"), "a    b");
        assert_eq!(text("one\r\ntwo\rthree\n"), "one\ntwo\nthree\n");
        assert_eq!(line("one\r\ntwo\nthree"), "one two three");
    }

    #[test]
    fn ordinary_text_is_borrowed_unchanged() {
        for s in [
            "",
            "plain",
            "契約終了翌日から30日後に消去します。",
            "ＩＳＯ　２７０１７",
            "—§…",
        ] {
            assert!(matches!(text(s), Cow::Borrowed(_)), "{s}");
        }
    }

    #[test]
    fn one_variation_selector_after_a_character_is_kept() {
        // A kanji variant (IVS) and an emoji presentation selector are text, not hiding places.
        assert_eq!(text("葛\u{E0100}"), "葛\u{E0100}");
        assert_eq!(text("☺\u{FE0F}"), "☺\u{FE0F}");
        // Runs of them can smuggle data; one with nothing to modify is invisible.
        assert_eq!(text("a\u{FE00}\u{FE01}"), "a\u{FE00}<U+FE01>");
        assert_eq!(text("\u{FE0F}x"), "<U+FE0F>x");
        assert_eq!(text(" \u{FE0F}"), " <U+FE0F>");
    }

    #[test]
    fn sanitizing_is_idempotent() {
        let s = "\x1b[31m\u{202E}\t\u{FE0F}\u{FE0F}\r\n\u{9b}";
        let once = text(s).into_owned();
        assert_eq!(text(&once), once);
        let once = line(s).into_owned();
        assert_eq!(line(&once), once);
    }

    #[test]
    fn every_string_read_through_the_wrapper_is_sanitized() {
        use serde::Deserialize;
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Doc {
            a: String,
            b: Vec<String>,
            c: Option<std::collections::BTreeMap<String, String>>,
        }
        let yaml = "a: \"\\e[2J\"\nb: [\"\\u202Ex\", plain]\nc: { \"k\\t\": \"\\x07\" }\n";
        let doc = Doc::deserialize(Strings(serde_yaml::Deserializer::from_str(yaml))).unwrap();
        assert_eq!(doc.a, "␛[2J");
        assert_eq!(doc.b, vec!["<U+202E>x", "plain"]);
        assert_eq!(doc.c.unwrap()["k    "], "␇");
    }
}
