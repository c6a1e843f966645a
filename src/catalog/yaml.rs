//! The one gate every YAML file passes through before serde_yaml sees it.
//!
//! serde_yaml gives typed deserialization but no positions for values, no duplicate-key
//! detection, and no protection against alias amplification. So each file is first walked as
//! a stream of events (yaml-rust2's parser, which reports line and column for every node):
//! that walk records where each value stands, rejects duplicate keys, bounds nesting depth and
//! the text that aliases may expand to, and only then is the file handed to serde_yaml.

use super::problem::Problem;
use serde::de::DeserializeOwned;
use std::collections::{HashMap, HashSet};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::Marker;

/// Files larger than this are refused before parsing.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Deeper nesting than any kurabe file needs is refused before serde_yaml recurses into it.
pub const MAX_DEPTH: usize = 64;
/// Aliases may expand a document to at most this many times its size (plus a small floor).
const ALIAS_EXPANSION_FACTOR: usize = 4;
const ALIAS_EXPANSION_FLOOR: usize = 64 * 1024;

/// Where each value of a document stands, by path (`answers[3].control`).
#[derive(Debug, Default, Clone)]
pub struct Positions {
    values: HashMap<String, (usize, usize)>,
}

impl Positions {
    /// The position of the value at `path`, or of its nearest recorded ancestor.
    pub fn at(&self, path: &str) -> (usize, usize) {
        let mut p = path;
        loop {
            if let Some(&pos) = self.values.get(p) {
                return pos;
            }
            match p.rfind(['.', '[']) {
                Some(i) => p = &p[..i],
                None => return self.values.get("").copied().unwrap_or((1, 1)),
            }
        }
    }

    /// The position of the key of the mapping entry at `path`, if it is a mapping entry.
    pub fn key(&self, path: &str) -> (usize, usize) {
        match self.values.get(&format!("{path}#key")) {
            Some(&pos) => pos,
            None => self.at(path),
        }
    }
}

/// Reads one YAML document of type `T` from raw bytes, or says precisely what is wrong.
pub fn read<T: DeserializeOwned>(file: &str, bytes: &[u8]) -> Result<(T, Positions), Problem> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Problem::new(
            file,
            (0, 0),
            format!(
                "file is {} bytes, larger than the {} bytes kurabe reads",
                bytes.len(),
                MAX_FILE_BYTES
            ),
        )
        .hint("split the file, or check that it is the file you meant"));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let text = String::from_utf8_lossy(valid);
        Problem::new(file, line_col(&text, text.len()), "invalid UTF-8")
            .hint("save the file as UTF-8")
    })?;
    let positions = walk(file, text)?;
    let value = serde_yaml::from_str::<T>(text).map_err(|e| serde_problem(file, text, &e))?;
    Ok((value, positions))
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
    } else {
        "correct the value to the form described in README.md (Data layout)"
    };
    Problem::new(file, pos, message).hint(hint)
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before
        .rfind('\n')
        .map_or(before, |i| &before[i + 1..])
        .chars()
        .count()
        + 1;
    (line, col)
}

enum Frame {
    Mapping {
        path: String,
        key: Option<String>,
        keys: HashSet<String>,
        anchor: usize,
        size: usize,
    },
    Sequence {
        path: String,
        index: usize,
        anchor: usize,
        size: usize,
    },
}

fn pos(m: &Marker) -> (usize, usize) {
    // yaml-rust2 counts columns from 0.
    (m.line(), m.col() + 1)
}

fn walk(file: &str, text: &str) -> Result<Positions, Problem> {
    let budget = text.len() * ALIAS_EXPANSION_FACTOR + ALIAS_EXPANSION_FLOOR;
    let mut positions = Positions::default();
    let mut stack: Vec<Frame> = Vec::new();
    let mut anchor_sizes: HashMap<usize, usize> = HashMap::new();
    let mut expanded = 0usize;
    let mut documents = 0usize;
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, marker) = parser.next_token().map_err(|e| {
            Problem::new(file, pos(e.marker()), format!("YAML syntax: {}", e.info()))
                .hint("fix the YAML syntax at this place (indentation, quotes, colons)")
        })?;
        // Where a node starts: is it a mapping key, or a value at some path?
        let (path, is_key) = match stack.last_mut() {
            None => (String::new(), false),
            Some(Frame::Mapping { path, key, .. }) => match key {
                None => (path.clone(), true),
                Some(k) => (join_key(path, k), false),
            },
            Some(Frame::Sequence { path, index, .. }) => (format!("{path}[{index}]"), false),
        };
        let node_size = match &event {
            Event::StreamEnd => break,
            Event::DocumentStart => {
                documents += 1;
                if documents > 1 {
                    return Err(
                        Problem::new(file, pos(&marker), "more than one YAML document")
                            .hint("keep one document per file (remove the extra `---`)"),
                    );
                }
                continue;
            }
            Event::Scalar(value, _, anchor, _) => {
                if is_key {
                    if let Some(Frame::Mapping {
                        path, key, keys, ..
                    }) = stack.last_mut()
                    {
                        if !keys.insert(value.clone()) {
                            return Err(Problem::new(
                                file,
                                pos(&marker),
                                format!("duplicate key `{value}`"),
                            )
                            .hint("each key may appear once in a mapping: remove or merge the repeated one"));
                        }
                        let entry = join_key(path, value);
                        positions
                            .values
                            .insert(format!("{entry}#key"), pos(&marker));
                        *key = Some(value.clone());
                    }
                    add_size(&mut stack, value.len());
                    continue;
                }
                positions.values.entry(path).or_insert(pos(&marker));
                if *anchor != 0 {
                    anchor_sizes.insert(*anchor, value.len());
                }
                Some(value.len())
            }
            Event::Alias(anchor) => {
                let size = anchor_sizes.get(anchor).copied().unwrap_or(0);
                expanded += size;
                if expanded > budget {
                    return Err(Problem::new(
                        file,
                        pos(&marker),
                        format!("aliases expand this file beyond {budget} bytes"),
                    )
                    .hint("write the values out instead of repeating aliases (`*name`)"));
                }
                if !is_key {
                    positions.values.entry(path).or_insert(pos(&marker));
                }
                Some(size)
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Problem::new(
                        file,
                        pos(&marker),
                        format!("nested deeper than {MAX_DEPTH} levels"),
                    )
                    .hint("kurabe files are a few levels deep: check the indentation"));
                }
                positions.values.entry(path.clone()).or_insert(pos(&marker));
                let frame = if matches!(event, Event::MappingStart(..)) {
                    Frame::Mapping {
                        path,
                        key: None,
                        keys: HashSet::new(),
                        anchor: *anchor,
                        size: 0,
                    }
                } else {
                    Frame::Sequence {
                        path,
                        index: 0,
                        anchor: *anchor,
                        size: 0,
                    }
                };
                stack.push(frame);
                None
            }
            Event::MappingEnd | Event::SequenceEnd => {
                let (anchor, size) = match stack.pop() {
                    Some(Frame::Mapping { anchor, size, .. })
                    | Some(Frame::Sequence { anchor, size, .. }) => (anchor, size),
                    None => (0, 0),
                };
                if anchor != 0 {
                    anchor_sizes.insert(anchor, size);
                }
                Some(size)
            }
            _ => continue,
        };
        // A node has just been completed (scalar, alias, or end of a container).
        if let Some(size) = node_size {
            add_size(&mut stack, size);
            match stack.last_mut() {
                Some(Frame::Mapping { key, .. }) => *key = None,
                Some(Frame::Sequence { index, .. }) => *index += 1,
                None => {}
            }
        }
    }
    Ok(positions)
}

fn add_size(stack: &mut [Frame], n: usize) {
    if let Some(Frame::Mapping { size, .. } | Frame::Sequence { size, .. }) = stack.last_mut() {
        *size = size.saturating_add(n);
    }
}

fn join_key(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
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
    fn bom_is_stripped() {
        let mut bytes = b"\xEF\xBB\xBF".to_vec();
        bytes.extend_from_slice(b"a:\n  - x: one\n");
        assert!(read::<Doc>("t.yaml", &bytes).is_ok());
    }

    #[test]
    fn invalid_utf8_reports_line_and_column() {
        let err = read::<Doc>("t.yaml", b"a:\n  - x: o\xffne\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 9));
        assert!(err.message.contains("UTF-8"));
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
}
