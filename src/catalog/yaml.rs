//! The one gate every YAML file passes through before serde_yaml sees it.
//!
//! Vendor files, the user's files, the configuration, reviews and remembered state all come
//! from outside, so the gate trusts no byte of them:
//!
//! 1. a size cap, checked before the file is read ([`read_file`], [`read_bounded`], which also
//!    refuse pipes and devices) and again on the bytes;
//! 2. a UTF-8 byte-order mark is dropped; UTF-16, invalid UTF-8 and raw control characters are
//!    refused with the line and column of the first bad byte;
//! 3. the file is walked as a stream of events (yaml-rust2's parser, which reports line and
//!    column for every node): the walk records where each value stands (within a budget),
//!    rejects duplicate keys, keys that are not plain scalars and extra documents, bounds
//!    nesting depth and the number of nodes, and keeps a budget of what aliases may expand to,
//!    so an alias bomb fails at the alias that breaks it;
//! 4. only then does serde_yaml read the file, through [`crate::sanitize::Strings`], so that
//!    every string the program sees has had its control and invisible characters made visible.
//!
//! Every failure is a [`Problem`] with file, line, column and a fix; its text is sanitized too.

use super::problem::Problem;
use crate::sanitize;
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};
use std::io::{self, Read};
use std::path::Path;
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

/// Files larger than this are refused before parsing. kurabe's largest file is under 100 KB.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Deeper nesting than any kurabe file needs is refused before serde_yaml recurses into it.
pub const MAX_DEPTH: usize = 64;
/// Keys and values (scalars, aliases, lists and mappings) in one file. serde_yaml holds every
/// event of a file in memory at once, about 150 bytes each; kurabe's largest file has 2,412.
pub const MAX_NODES: usize = 250_000;
/// Aliases may expand a document to at most this many times its size (plus a small floor).
const ALIAS_EXPANSION_FACTOR: usize = 4;
const ALIAS_EXPANSION_FLOOR: usize = 64 * 1024;
/// What a node costs in the alias budget beyond its text, so that aliases of empty or tiny
/// collections are not free.
const NODE_COST: usize = 16;
/// Bytes of recorded positions (paths and their bookkeeping) per byte of file, plus a floor:
/// beyond it, deeper values fall back to the position of their nearest recorded ancestor.
const POSITION_BUDGET_FACTOR: usize = 8;
const POSITION_BUDGET_FLOOR: usize = 1024 * 1024;
/// Problem messages quote the file's text; this much of it is enough to recognize.
const MAX_MESSAGE_CHARS: usize = 240;

/// Where each value of a document stands, by path (`answers[3].control`).
///
/// Positions are needed only when something is wrong, and recording one per node is most of
/// the cost of reading a large catalogue; so a document that passed the gate keeps its text
/// and walks it again the first time a position is asked for.
#[derive(Debug, Default, Clone)]
pub struct Positions {
    /// Positions recorded by the first walk (see [`EARLY`]).
    early: HashMap<String, (usize, usize)>,
    values: std::sync::OnceLock<HashMap<String, (usize, usize)>>,
    /// The file's name and text, for walking it when a position is first asked for.
    source: Option<std::sync::Arc<(String, String)>>,
}

impl Positions {
    fn recorded(values: HashMap<String, (usize, usize)>) -> Positions {
        Positions {
            early: HashMap::new(),
            values: std::sync::OnceLock::from(values),
            source: None,
        }
    }

    fn deferred(file: &str, text: &str, early: HashMap<String, (usize, usize)>) -> Positions {
        Positions {
            early,
            values: std::sync::OnceLock::new(),
            source: Some(std::sync::Arc::new((file.to_string(), text.to_string()))),
        }
    }

    fn values(&self) -> &HashMap<String, (usize, usize)> {
        self.values.get_or_init(|| match &self.source {
            // The text passed the same walk before, so this walk succeeds.
            Some(source) => walk(&source.0, &source.1, true)
                .map(|p| p.values().clone())
                .unwrap_or_default(),
            None => HashMap::new(),
        })
    }

    /// The position of the value at `path`, or of its nearest recorded ancestor.
    pub fn at(&self, path: &str) -> (usize, usize) {
        if let Some(&pos) = self.early.get(path) {
            return pos;
        }
        let values = self.values();
        let mut p = path;
        loop {
            if let Some(&pos) = values.get(p) {
                return pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return values.get("").copied().unwrap_or((1, 1)),
            }
        }
    }

    /// The position of the key of the mapping entry at `path`, if it is a mapping entry.
    pub fn key(&self, path: &str) -> (usize, usize) {
        match self.values().get(&format!("{path}#key")) {
            Some(&pos) => pos,
            None => self.at(path),
        }
    }
}

/// Reads a file for the gate without ever holding more than [`MAX_FILE_BYTES`] + 1 bytes of
/// it: only regular files (a FIFO would block, `/dev/zero` never ends), and a file whose size
/// is over the cap is refused before it is read. A refusal is an error of kind
/// `FileTooLarge` or `InvalidInput` that says why; a missing file is `NotFound` as usual.
pub fn read_bounded(path: &Path) -> io::Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            "not a regular file",
        ));
    }
    if meta.len() > MAX_FILE_BYTES as u64 {
        return Err(too_large(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)?
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() > MAX_FILE_BYTES {
        // It grew while being read.
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

fn too_large(len: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::FileTooLarge,
        format!(
            "the file is {}, larger than the {} kurabe reads",
            human_size(len),
            human_size(MAX_FILE_BYTES as u64)
        ),
    )
}

fn human_size(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB {
        format!("{:.1} MiB", n as f64 / MIB as f64)
    } else {
        format!("{n} bytes")
    }
}

/// [`read_bounded`], with a failure as a [`Problem`] naming the file and what to do.
pub fn read_file(path: &Path) -> Result<Vec<u8>, Problem> {
    read_bounded(path).map_err(|e| unreadable(path, &e))
}

/// The problem of a file that could not be read, with what to do about it.
fn unreadable(path: &Path, e: &io::Error) -> Problem {
    let name = sanitize::line(&path.display().to_string()).into_owned();
    let hint = match e.kind() {
        io::ErrorKind::FileTooLarge => {
            "kurabe's files are a few hundred KB at most: check that this is the file you meant, or split it"
        }
        io::ErrorKind::InvalidInput => "point kurabe at a YAML file, not a directory or device",
        _ => "check that the file exists and is readable",
    };
    Problem::new(&name, (0, 0), clip(&format!("cannot read: {e}"))).hint(hint)
}

/// The bytes of a file that may be absent (a user's config, reviews, state or extra
/// controls), read as [`read_file`] reads: `Ok(None)` when there is no such file.
pub fn read_optional_file(path: &Path) -> Result<Option<Vec<u8>>, Problem> {
    match read_bounded(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(unreadable(path, &e)),
    }
}

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
    let file = sanitize::line(file);
    read_unchecked(&file, bytes).map_err(|mut p| {
        p.message = clip(&p.message);
        p
    })
}

fn read_unchecked<T: DeserializeOwned>(
    file: &str,
    bytes: &[u8],
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
    if let Some((i, c)) = text.char_indices().find(|&(_, c)| not_allowed_raw(c)) {
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
    let early = walk(file, text, false)?.early;
    let positions = Positions::deferred(file, text, early);
    let de = serde_yaml::Deserializer::from_str(text);
    let value = T::deserialize(sanitize::Strings(de)).map_err(|e| {
        if positions.values().is_empty() {
            Problem::new(file, (1, 1), "the file is empty")
                .hint("write the file's content as README.md (Data layout) describes")
        } else {
            serde_problem(file, text, &e)
        }
    })?;
    Ok((value, positions))
}

/// Characters YAML does not allow unescaped in a file: C0 controls other than tab and line
/// breaks, DEL, C1 controls other than NEL, and the non-characters U+FFFE and U+FFFF.
fn not_allowed_raw(c: char) -> bool {
    matches!(c,
        '\0'..='\x08' | '\x0B' | '\x0C' | '\x0E'..='\x1F' | '\x7F'
        | '\u{80}'..='\u{84}' | '\u{86}'..='\u{9F}' | '\u{FFFE}' | '\u{FFFF}')
}

fn clip(message: &str) -> String {
    let message = sanitize::line(message);
    match message.char_indices().nth(MAX_MESSAGE_CHARS) {
        Some((i, _)) => format!("{}…", &message[..i]),
        None => message.into_owned(),
    }
}

fn serde_problem(file: &str, text: &str, e: &serde_yaml::Error) -> Problem {
    let pos = e
        .location()
        .map(|l| (l.line(), l.column()))
        .unwrap_or_else(|| line_col(text, text.len()));
    let message = e.to_string();
    // serde_yaml appends " at line L column C" to its messages; the position is ours to print.
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
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

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before, |i| &before[i + 1..])
        .chars()
        .count()
        + 1;
    (line, col)
}

fn pos(m: &Marker) -> (usize, usize) {
    // yaml-rust2 counts columns from 0.
    (m.line(), m.col() + 1)
}

/// A collection being walked.
struct Frame {
    /// Length of the walk's path buffer holding this collection's path.
    path_len: usize,
    anchor: usize,
    /// Its cost in the alias budget so far.
    size: usize,
    kind: Kind,
}

enum Kind {
    Mapping {
        /// The key whose value comes next; `None` while a key is expected.
        key: Option<String>,
        keys: HashSet<String>,
    },
    Sequence {
        index: usize,
    },
}

/// The state of one walk over a document.
struct Walk<'a> {
    file: &'a str,
    values: HashMap<String, (usize, usize)>,
    record_all: bool,
    early: HashMap<String, (usize, usize)>,
    /// What recording more positions may still cost.
    position_budget: usize,
    /// The path of the node being visited; frames remember how much of it is theirs.
    path: String,
    stack: Vec<Frame>,
    anchor_sizes: HashMap<usize, usize>,
    expanded: usize,
    alias_budget: usize,
}

impl Walk<'_> {
    fn problem(&self, at: &Marker, message: impl Into<String>, hint: &str) -> Problem {
        Problem::new(self.file, pos(at), message).hint(hint)
    }

    /// Sets the path buffer to the path of the next node of the innermost collection.
    /// Returns false if that node is a mapping key.
    fn enter_child(&mut self) -> bool {
        let Some(frame) = self.stack.last() else {
            self.path.clear();
            return true;
        };
        self.path.truncate(frame.path_len);
        match &frame.kind {
            Kind::Mapping { key: None, .. } => false,
            Kind::Mapping { key: Some(k), .. } => {
                if frame.path_len > 0 {
                    self.path.push('.');
                }
                self.path.push_str(k);
                true
            }
            Kind::Sequence { index } => {
                use std::fmt::Write;
                let _ = write!(self.path, "[{index}]");
                true
            }
        }
    }

    /// Records `at` for the current path (plus `suffix`), unless one is recorded already or
    /// the position budget is spent.
    fn record(&mut self, suffix: &str, at: &Marker) {
        if !self.record_all {
            if suffix.is_empty() && EARLY.contains(&self.path.as_str()) {
                self.early.insert(self.path.clone(), pos(at));
            }
            return;
        }
        let cost = self.path.len() + suffix.len() + 64;
        if cost > self.position_budget {
            return;
        }
        let key = format!("{}{suffix}", self.path);
        if !self.values.contains_key(&key) {
            self.position_budget -= cost;
            self.values.insert(key, pos(at));
        }
    }

    /// A node of `cost` has been completed in the innermost collection.
    fn completed(&mut self, cost: usize) {
        if let Some(frame) = self.stack.last_mut() {
            frame.size = frame.size.saturating_add(cost);
            match &mut frame.kind {
                Kind::Mapping { key, .. } => *key = None,
                Kind::Sequence { index } => *index += 1,
            }
        }
    }

    fn key(&mut self, value: &str, anchor: usize, at: &Marker) -> Result<(), Problem> {
        let Some(Frame {
            kind: Kind::Mapping { key, keys },
            size,
            ..
        }) = self.stack.last_mut()
        else {
            return Ok(());
        };
        if !keys.insert(value.to_string()) {
            let shown = clip_key(value);
            return Err(self.problem(
                at,
                format!("duplicate key `{shown}`"),
                "each key may appear once in a mapping: remove or merge the repeated one",
            ));
        }
        *key = Some(value.to_string());
        let cost = value.len() + NODE_COST;
        *size = size.saturating_add(cost);
        if anchor != 0 {
            self.anchor_sizes.insert(anchor, cost);
        }
        if self.path.len() + value.len() < self.position_budget {
            let path_len = self.path.len();
            if !self.path.is_empty() {
                self.path.push('.');
            }
            self.path.push_str(value);
            self.record("#key", at);
            self.path.truncate(path_len);
        }
        Ok(())
    }
}

fn clip_key(key: &str) -> String {
    let key = sanitize::line(key);
    match key.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &key[..i]),
        None => key.into_owned(),
    }
}

/// Paths whose positions the first walk records: a vendor's id is asked for whenever two
/// files define the same vendor, which is known only once every file is read.
const EARLY: &[&str] = &["vendor.id"];

/// Walks a document's events: checks it, and records positions when `record` is set (else
/// only those of [`EARLY`]).
fn walk(file: &str, text: &str, record: bool) -> Result<Positions, Problem> {
    let mut w = Walk {
        file,
        values: HashMap::new(),
        record_all: record,
        early: HashMap::new(),
        position_budget: text
            .len()
            .saturating_mul(POSITION_BUDGET_FACTOR)
            .saturating_add(POSITION_BUDGET_FLOOR),
        path: String::new(),
        stack: Vec::new(),
        anchor_sizes: HashMap::new(),
        expanded: 0,
        alias_budget: text
            .len()
            .saturating_mul(ALIAS_EXPANSION_FACTOR)
            .saturating_add(ALIAS_EXPANSION_FLOOR),
    };
    let mut documents = 0usize;
    let mut nodes = 0usize;
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, marker) = parser.next_token().map_err(|e| {
            let info = e.info();
            if info.contains("recursion limit") {
                Problem::new(
                    file,
                    pos(e.marker()),
                    format!("nested deeper than {MAX_DEPTH} levels"),
                )
                .hint("kurabe files are a few levels deep: check the indentation")
            } else {
                Problem::new(file, pos(e.marker()), format!("YAML syntax: {info}"))
                    .hint("fix the YAML syntax at this place (indentation, quotes, colons)")
            }
        })?;
        if matches!(
            event,
            Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..)
        ) {
            nodes += 1;
            if nodes > MAX_NODES {
                return Err(w.problem(
                    &marker,
                    format!("more than {MAX_NODES} keys and values in one file"),
                    "kurabe's files hold a few thousand values: check that this is the file you meant, or split it",
                ));
            }
        }
        match event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(w.problem(
                        &marker,
                        "more than one YAML document",
                        "keep one document per file (remove the extra `---`)",
                    ));
                }
            }
            Event::Scalar(value, _, anchor, _) => {
                if !w.enter_child() {
                    w.key(&value, anchor, &marker)?;
                    continue;
                }
                w.record("", &marker);
                let cost = value.len() + NODE_COST;
                if anchor != 0 {
                    w.anchor_sizes.insert(anchor, cost);
                }
                w.completed(cost);
            }
            Event::Alias(anchor) => {
                if !w.enter_child() {
                    return Err(w.problem(
                        &marker,
                        "an alias (`*name`) used as a key",
                        "write the key out as plain text",
                    ));
                }
                let size = w.anchor_sizes.get(&anchor).copied().unwrap_or(NODE_COST);
                w.expanded = w.expanded.saturating_add(size);
                if w.expanded > w.alias_budget {
                    return Err(w.problem(
                        &marker,
                        format!("aliases expand this file beyond {} bytes", w.alias_budget),
                        "write the values out instead of repeating aliases (`*name`)",
                    ));
                }
                w.record("", &marker);
                w.completed(size);
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                if !w.enter_child() {
                    return Err(w.problem(
                        &marker,
                        "a mapping key that is a list or a mapping",
                        "write keys as plain text (`summary:`)",
                    ));
                }
                if w.stack.len() >= MAX_DEPTH {
                    return Err(w.problem(
                        &marker,
                        format!("nested deeper than {MAX_DEPTH} levels"),
                        "kurabe files are a few levels deep: check the indentation",
                    ));
                }
                w.record("", &marker);
                let kind = if matches!(event, Event::MappingStart(..)) {
                    Kind::Mapping {
                        key: None,
                        keys: HashSet::new(),
                    }
                } else {
                    Kind::Sequence { index: 0 }
                };
                w.stack.push(Frame {
                    path_len: w.path.len(),
                    anchor,
                    size: NODE_COST,
                    kind,
                });
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some(frame) = w.stack.pop() {
                    if frame.anchor != 0 {
                        w.anchor_sizes.insert(frame.anchor, frame.size);
                    }
                    w.completed(frame.size);
                }
            }
            _ => {}
        }
    }
    let mut positions = Positions::recorded(w.values);
    positions.early = w.early;
    Ok(positions)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Doc {
        a: Vec<Item>,
    }
    #[derive(serde::Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Item {
        x: String,
    }

    #[test]
    fn positions_are_recorded_by_path() {
        let text = "a:\n  - x: one\n  - x: two\n";
        let (_, pos) = read::<Doc>("t.yaml", text.as_bytes()).unwrap();
        assert_eq!(pos.at("a[1].x"), (3, 8));
        assert_eq!(pos.key("a[1].x").0, 3);
        assert_eq!(pos.at("a[1].missing").0, 3);
    }

    #[test]
    fn duplicate_keys_are_rejected_with_position() {
        let err = read::<Doc>("t.yaml", b"a:\n  - x: one\n    x: two\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 5));
        assert!(err.message.contains("duplicate key `x`"), "{err}");
    }

    #[test]
    fn a_quoted_key_is_the_same_key() {
        let err = read::<Doc>("t.yaml", b"a: []\n\"a\": []\n").unwrap_err();
        assert!(err.message.contains("duplicate key `a`"), "{err}");
    }

    #[test]
    fn bom_is_stripped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(b"a:\n  - x: one\n");
        assert!(read::<Doc>("t.yaml", &bytes).is_ok());
    }

    #[test]
    fn utf16_is_named() {
        let err = read::<Doc>("t.yaml", b"\xFF\xFEa\0:\0").unwrap_err();
        assert!(err.message.contains("UTF-16"), "{err}");
    }

    #[test]
    fn invalid_utf8_reports_line_and_column() {
        let err = read::<Doc>("t.yaml", b"a:\n  - x: o\xffne\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 9));
        assert!(err.message.contains("UTF-8"));
        assert!(err.message.contains("0xFF"), "{err}");
    }

    #[test]
    fn alias_amplification_fails_fast() {
        let mut text = String::from("a: &a \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a,*a]\n");
        let mut prev = 'b';
        for c in 'c'..='k' {
            text.push_str(&format!(
                "{c}: &{c} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
            ));
            prev = c;
        }
        let err = read::<serde_yaml::Value>("bomb.yaml", text.as_bytes()).unwrap_err();
        assert!(err.message.contains("aliases expand"), "{err}");
    }

    #[test]
    fn aliases_of_empty_collections_are_not_free() {
        let mut text = String::from("a: &a []\n");
        let mut prev = 'a';
        for c in 'b'..='z' {
            let refs = vec![format!("*{prev}"); 10].join(",");
            text.push_str(&format!("{c}: &{c} [{refs}]\n"));
            prev = c;
        }
        let err = read::<serde_yaml::Value>("bomb.yaml", text.as_bytes()).unwrap_err();
        assert!(err.message.contains("aliases expand"), "{err}");
    }

    #[test]
    fn keys_must_be_plain() {
        let err = read::<serde_yaml::Value>("t.yaml", b"a: &k x\n*k : 1\n").unwrap_err();
        assert!(err.message.contains("alias"), "{err}");
        assert_eq!(err.line, 2);
        let err = read::<serde_yaml::Value>("t.yaml", b"? [a]\n: 1\n").unwrap_err();
        assert!(err.message.contains("key that is a list"), "{err}");
    }

    #[test]
    fn deep_nesting_is_refused_with_its_position() {
        let text = format!("a: {}{}", "[".repeat(200), "]".repeat(200));
        let err = read::<serde_yaml::Value>("deep.yaml", text.as_bytes()).unwrap_err();
        assert!(err.message.contains("nested deeper"), "{err}");
        assert_eq!(err.line, 1);
    }

    #[test]
    fn messages_quote_hostile_text_harmlessly_and_briefly() {
        // `a` is a list: serde_yaml's message quotes the string it found instead.
        let text = format!("a: \"\\e]0;pwned\\a{}\"\n", "y".repeat(10_000));
        let err = read::<Doc>("t\x1b.yaml", text.as_bytes()).unwrap_err();
        let shown = err.to_string();
        assert!(
            !shown.contains('\x1b') && !shown.contains('\x07'),
            "{shown:?}"
        );
        assert!(shown.contains("]0;pwned"), "{shown}");
        assert!(
            err.message.chars().count() <= MAX_MESSAGE_CHARS + 1,
            "{shown}"
        );
        assert_eq!(err.file, "t␛.yaml");
    }

    #[test]
    fn raw_control_characters_are_named_with_their_position() {
        let err = read::<Doc>("t.yaml", b"a:\n  - x: red \x1b[31m\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 12));
        assert_eq!(err.message, "a raw control character (\u{241b}, U+001B)");
    }

    #[test]
    fn an_empty_file_says_so() {
        let err = read::<Doc>("t.yaml", b"# nothing yet\n").unwrap_err();
        assert_eq!(err.message, "the file is empty");
    }

    #[test]
    fn strings_are_sanitized_at_the_gate() {
        let (doc, _) =
            read::<Doc>("t.yaml", "a:\n  - x: \"\\e[31mred\\u202E\"\n".as_bytes()).unwrap();
        assert_eq!(doc.a[0].x, "␛[31mred<U+202E>");
    }

    #[test]
    fn positions_stop_being_recorded_past_their_budget_but_reading_goes_on() {
        // A long key at each of many levels, then many values under it: recording every
        // path in full would cost gigabytes.
        let key = "k".repeat(1_000);
        let mut text = String::new();
        for depth in 0..40 {
            text.push_str(&format!("{}{key}{depth}:\n", " ".repeat(depth)));
        }
        text.push_str(&format!("{}- 1\n", " ".repeat(40)).repeat(50_000));
        let start = std::time::Instant::now();
        let (_, positions) = read::<serde_yaml::Value>("wide.yaml", text.as_bytes()).unwrap();
        let recorded: usize = positions.values().keys().map(|k| k.len() + 64).sum();
        assert!(
            recorded <= text.len() * POSITION_BUDGET_FACTOR + POSITION_BUDGET_FLOOR,
            "{recorded}"
        );
        assert!(start.elapsed().as_secs() < 20);
    }

    #[test]
    fn oversized_bytes_are_refused_before_parsing() {
        let err = read::<Doc>("big.yaml", &vec![b' '; MAX_FILE_BYTES + 1]).unwrap_err();
        assert!(err.message.contains("larger than"), "{err}");
    }

    #[cfg(unix)]
    #[test]
    fn only_regular_files_are_read() {
        let err = read_bounded(Path::new("/dev/zero")).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidInput);
        let dir = tempfile::tempdir().unwrap();
        let err = read_file(dir.path()).unwrap_err();
        assert!(err.message.contains("not a regular file"), "{err}");
    }
}
