//! The gate proper: encoding checks, the walk, then serde_yaml, with every failure a Problem.

use super::bounded::{read_optional_file, too_large};
use super::de::{self, Document};
use super::positions::{line_col, Positions};
use super::walk::walk;
use super::{MAX_FILE_BYTES, MAX_MESSAGE_CHARS};
use crate::catalog::problem::Problem;
use crate::sanitize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// An optional YAML file through the whole gate: `Ok(None)` when there is no such file, else
/// the document of type `T` or the problem with it, at its line and column.
pub fn read_optional<T: DeserializeOwned>(path: &Path) -> Result<Option<(T, Positions)>, Problem> {
    match read_optional_file(path)? {
        None => Ok(None),
        Some(bytes) => read(&path.display().to_string(), &bytes).map(Some),
    }
}

/// Reads one YAML document of type `T` from raw bytes, or says precisely what is wrong. Every
/// string of the result has been through [`sanitize::text`].
pub fn read<T: DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<(T, Positions), Problem> {
    read_as(file, bytes, Pass::One)
}

/// How the gate reads a document once it is checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pass {
    /// From the events the walk kept (`de/`): the text is parsed once.
    One,
    /// serde_yaml parses the text again, as before: kept to hold the two to the same results.
    Two,
}

/// [`read`], the document read by `pass`.
pub fn read_as<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
    pass: Pass,
) -> Result<(T, Positions), Problem> {
    let file = sanitize::line(file);
    read_unchecked(&file, bytes, pass).map_err(|mut p| {
        p.message = clip(&p.message);
        p
    })
}

fn read_unchecked<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
    pass: Pass,
) -> Result<(T, Positions), Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(
            Problem::new(file, (0, 0), too_large(bytes.len() as u64).to_string()).hint(
                "kurabe's files are a few hundred KB at most: check that this is the file you meant, or split it",
            ),
        );
    }
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(Problem::new(
            file,
            (1, 1),
            "the file is UTF-16 (it starts with a UTF-16 byte-order mark)",
        )
        .hint("save the file as UTF-8"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // Up to `valid_up_to` the bytes are UTF-8, so this never replaces anything.
        let text = String::from_utf8_lossy(valid);
        let bad = &bytes[e.valid_up_to()..];
        let shown: Vec<String> = bad
            .iter()
            .take(e.error_len().unwrap_or(bad.len()).min(4))
            .map(|b| format!("0x{b:02X}"))
            .collect();
        Problem::new(
            file,
            line_col(&text, text.len()),
            format!("invalid UTF-8 (byte {})", shown.join(" ")),
        )
        .hint("save the file as UTF-8")
    })?;
    if let Some((i, c)) = first_not_allowed_raw(text) {
        return Err(Problem::new(
            file,
            line_col(text, i),
            format!(
                "a raw control character ({}, U+{:04X})",
                sanitize::line(c.encode_utf8(&mut [0; 4])),
                c as u32
            ),
        )
        .hint(
            "remove it, or write it as an escape in a double-quoted string (\"\\e\", \"\\x07\")",
        ));
    }
    // The gate's checks, recording only the positions always asked for (see `Positions`).
    let mut document = Document::default();
    let keep = (pass == Pass::One).then_some(&mut document);
    let early = walk(file, text, false, keep)?.early;
    let positions = Positions::deferred(file, text, early);
    let value = match pass {
        Pass::One => de::from_document::<T>(&document).map_err(|e| (e.location(), e.message())),
        Pass::Two => {
            let de = serde_yaml::Deserializer::from_str(text);
            T::deserialize(sanitize::Strings(de)).map_err(|e| {
                let message = e.to_string();
                // serde_yaml appends " at line L column C"; the position is ours to print.
                let message = match message.find(" at line ") {
                    Some(i) => message[..i].to_string(),
                    None => message,
                };
                (e.location().map(|l| (l.line(), l.column())), message)
            })
        }
    };
    drop(document);
    let value = value.map_err(|(at, message)| {
        if positions.values().is_empty() {
            Problem::new(file, (1, 1), "the file is empty")
                .hint("write the file's content as README.md (Data layout) describes")
        } else {
            deserialize_problem(file, text, at, message)
        }
    })?;
    Ok((value, positions))
}

/// Characters YAML does not allow unescaped in a file: C0 controls other than tab and line
/// breaks, DEL, C1 controls other than NEL, and the non-characters U+FFFE and U+FFFF. The rule
/// by characters; the gate applies it by bytes ([`first_not_allowed_raw`], tested against it).
#[cfg(test)]
pub(super) fn not_allowed_raw(c: char) -> bool {
    matches!(c,
        '\0'..='\x08' | '\x0B' | '\x0C' | '\x0E'..='\x1F' | '\x7F'
        | '\u{80}'..='\u{84}' | '\u{86}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

/// The first character YAML does not allow raw (see `not_allowed_raw`), found by its UTF-8
/// bytes (a character loop costs about as much again as the walk's bookkeeping on a large
/// file): C0 controls and DEL are single bytes, C1 controls `C2 80`–`C2 9F`, U+FFFE and
/// U+FFFF `EF BF BE` and `EF BF BF`. In valid UTF-8, `C2` and `EF` only ever start a
/// character, so each find is one.
pub(super) fn first_not_allowed_raw(text: &str) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let at = bytes.iter().enumerate().position(|(i, &b)| match b {
        b'\t' | b'\n' | b'\r' => false,
        0..=0x1F | 0x7F => true,
        0xC2 => matches!(bytes.get(i + 1), Some(&(0x80..=0x84 | 0x86..=0x9F))),
        0xEF => bytes.get(i + 1) == Some(&0xBF) && matches!(bytes.get(i + 2), Some(&(0xBE | 0xBF))),
        _ => false,
    })?;
    text[at..].chars().next().map(|c| (at, c))
}

pub(super) fn clip(message: &str) -> String {
    let message = sanitize::line(message);
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((i, _)) => format!("{}…", &message[..i]),
        None => message.into_owned(),
    }
}

fn deserialize_problem(
    file: &str,
    text: &str,
    at: Option<(usize, usize)>,
    message: String,
) -> Problem {
    let pos = at.unwrap_or_else(|| line_col(text, text.len()));
    let hint = if message.contains("unknown field") {
        "remove the field or correct its spelling (the expected fields are listed)"
    } else if message.contains("missing field") {
        "add the missing field"
    } else if message.contains("unknown variant") {
        "use one of the listed values"
    } else if message.contains("recursion limit") {
        "kurabe files are a few levels deep: check the indentation"
    } else if message.contains("repetition limit") {
        "write the values out instead of repeating aliases (`*name`)"
    } else {
        "correct the value to the form described in README.md (Data layout)"
    };
    Problem::new(file, pos, message).hint(hint)
}
