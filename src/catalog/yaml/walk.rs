//! The event walk: keys, documents, and the depth, node, alias and position budgets.

use super::de::Document;
use super::locate::Locate;
use super::positions::Positions;
use super::{
    ALIAS_EXPANSION_FACTOR, ALIAS_EXPANSION_FLOOR, MAX_DEPTH, MAX_NODES, NODE_COST,
    POSITION_BUDGET_FACTOR, POSITION_BUDGET_FLOOR,
};
use crate::catalog::problem::Problem;
use crate::sanitize;
use std::collections::{HashMap, HashSet};
use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

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
        keys: Keys,
    },
    Sequence {
        index: usize,
    },
}

/// The keys of a mapping so far: a list while it is short (most are a handful of keys, where
/// comparing beats hashing), a set once it is long (so a huge mapping stays linear).
enum Keys {
    Few(Vec<String>),
    Many(HashSet<String>),
}

impl Keys {
    const FEW: usize = 16;

    /// Adds `key`; false if it was there already.
    fn insert(&mut self, key: &str) -> bool {
        match self {
            Keys::Few(list) if list.iter().any(|k| k == key) => false,
            Keys::Few(list) if list.len() < Self::FEW => {
                list.push(key.to_string());
                true
            }
            Keys::Few(list) => {
                let mut set: HashSet<String> = list.drain(..).collect();
                set.insert(key.to_string());
                *self = Keys::Many(set);
                true
            }
            Keys::Many(set) => set.insert(key.to_string()),
        }
    }
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
        if !keys.insert(value) {
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
pub(super) const EARLY: &[&str] = &["vendor.id"];

/// Walks a document's events: checks it, and records positions when `record` is set (else
/// only those of [`EARLY`]). With `keep`, every event it checked is kept there for
/// the deserializer (`de/`) to read the document from, so the text is parsed once.
pub(super) fn walk(
    file: &str,
    text: &str,
    record: bool,
    mut keep: Option<&mut Document>,
) -> Result<Positions, Problem> {
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
    let mut locate = Locate::new(text);
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
        match &event {
            Event::StreamEnd => {
                if let Some(document) = keep.as_mut() {
                    document.finish(pos(&marker));
                }
                break;
            }
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
                let anchor = *anchor;
                if !w.enter_child() {
                    w.key(value, anchor, &marker)?;
                } else {
                    w.record("", &marker);
                    let cost = value.len() + NODE_COST;
                    if anchor != 0 {
                        w.anchor_sizes.insert(anchor, cost);
                    }
                    w.completed(cost);
                }
            }
            &Event::Alias(anchor) => {
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
            &Event::MappingStart(anchor, _) | &Event::SequenceStart(anchor, _) => {
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
                        keys: Keys::Few(Vec::new()),
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
        if let Some(document) = keep.as_mut() {
            let decorated = match &event {
                Event::Scalar(_, _, anchor, tag) => *anchor != 0 || tag.is_some(),
                Event::MappingStart(anchor, tag) | Event::SequenceStart(anchor, tag) => {
                    *anchor != 0 || tag.is_some()
                }
                _ => false,
            };
            let empty = matches!(&event, Event::Scalar(v, TScalarStyle::Plain, ..) if v.is_empty());
            let at = if empty {
                locate.empty_value_start(&marker)
            } else if decorated {
                locate.node_start(&marker)
            } else {
                pos(&marker)
            };
            document.push(event, at);
        }
    }
    let mut positions = Positions::recorded(w.values);
    positions.early = w.early;
    Ok(positions)
}
