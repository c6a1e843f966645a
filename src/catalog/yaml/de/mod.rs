//! A `serde::Deserializer` over the events the gate's walk kept, so a file is parsed once.
//!
//! It is serde_yaml 0.9's own deserializer (`de.rs`, MIT or Apache-2.0, © David Tolnay) with libyaml's events
//! replaced by yaml-rust2's: scalars resolve as serde_yaml resolves them (YAML 1.2 core schema),
//! enums, options, aliases, tags and errors — their words, their path (`answers[3].status:`)
//! and the event they are reported at — are serde_yaml's. `tests/yaml_one_parse.rs` holds the
//! two to the same results on valid and invalid documents. Where serde_yaml would panic on an
//! ill-formed event stream (which the walk never keeps), this returns an error instead.
//!
//! Where the two can still differ (see `tests/yaml_one_parse.rs`): where yaml-rust2 is more
//! lenient than libyaml — a plain scalar starting with `|`, `>`, `%` or `@`, an anchor named
//! with `:`, odd keys in a flow mapping (`{ ?en: x }`, an empty key) — a text serde_yaml refused
//! with libyaml's syntax error is read, or refused in the model's words; none of it is in any
//! file of the project.

mod deserializer;
mod enums;
mod scalar;

use serde::de::{self, DeserializeOwned, DeserializeSeed, IgnoredAny, Visitor};
use std::collections::HashMap;
use std::fmt;

/// 1-based line and column, as the gate reports them.
pub(in crate::catalog::yaml) type Mark = (usize, usize);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::catalog::yaml) enum Style {
    Plain,
    Quoted,
    Literal,
    Folded,
}

pub(in crate::catalog::yaml) struct Scalar {
    pub value: String,
    pub style: Style,
    /// The resolved tag (`!foo`, `tag:yaml.org,2002:str`), as libyaml gives it.
    pub tag: Option<String>,
}

pub(in crate::catalog::yaml) enum Event {
    /// An alias: the index of the event its anchor stands on.
    Alias(usize),
    Scalar(Scalar),
    SequenceStart(Option<String>),
    SequenceEnd,
    MappingStart(Option<String>),
    MappingEnd,
    /// A document with no node at all.
    Void,
}

/// One document's events with where each begins, and where each anchor stands.
#[derive(Default)]
pub(in crate::catalog::yaml) struct Document {
    events: Vec<(Event, Mark)>,
    /// Anchor id (yaml-rust2's) → index of the anchored event.
    anchors: HashMap<usize, usize>,
}

impl Document {
    /// Keeps one of yaml-rust2's events; stream and document boundaries are not kept.
    pub fn push(&mut self, event: yaml_rust2::parser::Event, mark: Mark) {
        use yaml_rust2::parser::Event as Y;
        let tag = |t: Option<yaml_rust2::parser::Tag>| t.map(|t| t.handle + &t.suffix);
        let (event, anchor) = match event {
            Y::Alias(id) => match self.anchors.get(&id) {
                Some(&at) => (Event::Alias(at), 0),
                // yaml-rust2 refuses an unknown anchor; an alias to nothing reads as nothing.
                None => (Event::Void, 0),
            },
            Y::Scalar(value, style, anchor, t) => {
                use yaml_rust2::scanner::TScalarStyle as S;
                let style = match style {
                    S::Plain => Style::Plain,
                    S::SingleQuoted | S::DoubleQuoted => Style::Quoted,
                    S::Literal => Style::Literal,
                    S::Folded => Style::Folded,
                };
                let tag = tag(t);
                (Event::Scalar(Scalar { value, style, tag }), anchor)
            }
            Y::SequenceStart(anchor, t) => (Event::SequenceStart(tag(t)), anchor),
            Y::SequenceEnd => (Event::SequenceEnd, 0),
            Y::MappingStart(anchor, t) => (Event::MappingStart(tag(t)), anchor),
            Y::MappingEnd => (Event::MappingEnd, 0),
            Y::Nothing | Y::StreamStart | Y::StreamEnd | Y::DocumentStart | Y::DocumentEnd => {
                return
            }
        };
        if anchor != 0 {
            self.anchors.insert(anchor, self.events.len());
        }
        // yaml-rust2 places a block mapping at the `:` of its first key, libyaml (and so
        // serde_yaml's messages) at the key: the key comes first in the text.
        if let (Event::Scalar(_), Some((Event::MappingStart(_), start))) =
            (&event, self.events.last_mut())
        {
            if mark < *start {
                *start = mark;
            }
        }
        self.events.push((event, mark));
    }

    /// Ends the document at `mark`: an empty one is a single `Void`, as serde_yaml reads it.
    pub fn finish(&mut self, mark: Mark) {
        if self.events.is_empty() {
            self.events.push((Event::Void, mark));
        }
    }
}

/// Reads a `T` from a document's events, every string through [`crate::sanitize::Strings`].
pub(in crate::catalog::yaml) fn from_document<T: DeserializeOwned>(
    document: &Document,
) -> Result<T, Error> {
    let mut pos = 0;
    let mut jumpcount = 0;
    let mut de = DeserializerFromEvents {
        document,
        pos: &mut pos,
        jumpcount: &mut jumpcount,
        path: Path::Root,
        remaining_depth: 128,
        current_enum: None,
    };
    T::deserialize(crate::sanitize::Strings(&mut de))
}

/// What went wrong, in serde_yaml's words, with where.
#[derive(Debug)]
pub(in crate::catalog::yaml) struct Error {
    message: String,
    mark: Option<Mark>,
    path: Option<String>,
    /// A message from a visitor, whose place is filled in by the event it was about.
    fixable: bool,
}

impl Error {
    fn new(message: impl Into<String>, mark: Option<Mark>) -> Error {
        Error {
            message: message.into(),
            mark,
            path: None,
            fixable: false,
        }
    }

    fn end_of_stream() -> Error {
        Error::new("EOF while parsing a value", None)
    }

    /// Where the error is, if known.
    pub fn location(&self) -> Option<Mark> {
        self.mark
    }

    /// The message without its position: `path: message` as serde_yaml prints it.
    pub fn message(&self) -> String {
        match &self.path {
            Some(path) if path != "." => format!("{path}: {}", self.message),
            _ => self.message.clone(),
        }
    }
}

fn fix_mark(mut error: Error, mark: Mark, path: Path) -> Error {
    if error.fixable {
        error.fixable = false;
        error.mark = Some(mark);
        error.path = Some(path.to_string());
    }
    error
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(&self.message())?;
        if let Some((line, column)) = self.mark {
            write!(f, " at line {line} column {column}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Error {
            message: msg.to_string(),
            mark: None,
            path: None,
            fixable: true,
        }
    }
}

type Result<T, E = Error> = std::result::Result<T, E>;

/// Path to the current value in the input, like `dependencies.serde.typo1`.
#[derive(Copy, Clone)]
enum Path<'a> {
    Root,
    Seq { parent: &'a Path<'a>, index: usize },
    Map { parent: &'a Path<'a>, key: &'a str },
    Alias { parent: &'a Path<'a> },
    Unknown { parent: &'a Path<'a> },
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        struct Parent<'a>(&'a Path<'a>);
        impl fmt::Display for Parent<'_> {
            fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                match self.0 {
                    Path::Root => Ok(()),
                    path => write!(formatter, "{path}."),
                }
            }
        }
        match self {
            Path::Root => formatter.write_str("."),
            Path::Seq { parent, index } => write!(formatter, "{parent}[{index}]"),
            Path::Map { parent, key } => write!(formatter, "{}{key}", Parent(parent)),
            Path::Alias { parent } => write!(formatter, "{parent}"),
            Path::Unknown { parent } => write!(formatter, "{}?", Parent(parent)),
        }
    }
}

struct DeserializerFromEvents<'document> {
    document: &'document Document,
    pos: &'document mut usize,
    jumpcount: &'document mut usize,
    path: Path<'document>,
    remaining_depth: u8,
    current_enum: Option<CurrentEnum<'document>>,
}

#[derive(Copy, Clone)]
struct CurrentEnum<'document> {
    name: Option<&'static str>,
    tag: &'document str,
}

/// The error where serde_yaml panics: an event stream the walk never keeps.
fn ill_formed(what: &str) -> Error {
    Error::new(format!("unexpected {what}"), None)
}

impl<'document> DeserializerFromEvents<'document> {
    fn peek_event(&self) -> Result<&'document Event> {
        self.peek_event_mark().map(|(event, _mark)| event)
    }

    fn peek_event_mark(&self) -> Result<(&'document Event, Mark)> {
        let document: &'document Document = self.document;
        match document.events.get(*self.pos) {
            Some((event, mark)) => Ok((event, *mark)),
            None => Err(Error::end_of_stream()),
        }
    }

    fn next_event(&mut self) -> Result<&'document Event> {
        self.next_event_mark().map(|(event, _mark)| event)
    }

    fn next_event_mark(&mut self) -> Result<(&'document Event, Mark)> {
        self.peek_event_mark().map(|(event, mark)| {
            *self.pos += 1;
            self.current_enum = None;
            (event, mark)
        })
    }

    fn jump<'anchor>(
        &'anchor mut self,
        pos: &'anchor mut usize,
    ) -> Result<DeserializerFromEvents<'anchor>> {
        *self.jumpcount += 1;
        if *self.jumpcount > self.document.events.len() * 100 {
            return Err(Error::new("repetition limit exceeded", None));
        }
        Ok(DeserializerFromEvents {
            document: self.document,
            pos,
            jumpcount: self.jumpcount,
            path: Path::Alias { parent: &self.path },
            remaining_depth: self.remaining_depth,
            current_enum: None,
        })
    }

    fn ignore_any(&mut self) -> Result<()> {
        let mut depth = 0usize;
        loop {
            match self.next_event()? {
                Event::Alias(_) | Event::Scalar(_) | Event::Void => {}
                Event::SequenceStart(_) | Event::MappingStart(_) => depth += 1,
                Event::SequenceEnd => {
                    depth = depth
                        .checked_sub(1)
                        .ok_or_else(|| ill_formed("end of sequence"))?
                }
                Event::MappingEnd => {
                    depth = depth
                        .checked_sub(1)
                        .ok_or_else(|| ill_formed("end of mapping"))?
                }
            }
            if depth == 0 {
                return Ok(());
            }
        }
    }

    fn visit_sequence<'de, V: Visitor<'de>>(&mut self, visitor: V, mark: Mark) -> Result<V::Value> {
        let (value, len) = self.recursion_check(mark, |de| {
            let mut seq = SeqAccess {
                empty: false,
                de,
                len: 0,
            };
            let value = visitor.visit_seq(&mut seq)?;
            Ok((value, seq.len))
        })?;
        self.end_sequence(len)?;
        Ok(value)
    }

    fn visit_mapping<'de, V: Visitor<'de>>(&mut self, visitor: V, mark: Mark) -> Result<V::Value> {
        let (value, len) = self.recursion_check(mark, |de| {
            let mut map = MapAccess {
                empty: false,
                de,
                len: 0,
                key: None,
            };
            let value = visitor.visit_map(&mut map)?;
            Ok((value, map.len))
        })?;
        self.end_mapping(len)?;
        Ok(value)
    }

    fn end_sequence(&mut self, len: usize) -> Result<()> {
        let total = {
            let mut seq = SeqAccess {
                empty: false,
                de: self,
                len,
            };
            while de::SeqAccess::next_element::<IgnoredAny>(&mut seq)?.is_some() {}
            seq.len
        };
        match self.next_event()? {
            Event::SequenceEnd | Event::Void => {}
            _ => return Err(ill_formed("event where a sequence ends")),
        }
        if total == len {
            return Ok(());
        }
        struct ExpectedSeq(usize);
        impl de::Expected for ExpectedSeq {
            fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                if self.0 == 1 {
                    write!(formatter, "sequence of 1 element")
                } else {
                    write!(formatter, "sequence of {} elements", self.0)
                }
            }
        }
        Err(de::Error::invalid_length(total, &ExpectedSeq(len)))
    }

    fn end_mapping(&mut self, len: usize) -> Result<()> {
        let total = {
            let mut map = MapAccess {
                empty: false,
                de: self,
                len,
                key: None,
            };
            while de::MapAccess::next_entry::<IgnoredAny, IgnoredAny>(&mut map)?.is_some() {}
            map.len
        };
        match self.next_event()? {
            Event::MappingEnd | Event::Void => {}
            _ => return Err(ill_formed("event where a mapping ends")),
        }
        if total == len {
            return Ok(());
        }
        struct ExpectedMap(usize);
        impl de::Expected for ExpectedMap {
            fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
                if self.0 == 1 {
                    write!(formatter, "map containing 1 entry")
                } else {
                    write!(formatter, "map containing {} entries", self.0)
                }
            }
        }
        Err(de::Error::invalid_length(total, &ExpectedMap(len)))
    }

    fn recursion_check<F: FnOnce(&mut Self) -> Result<T>, T>(
        &mut self,
        mark: Mark,
        f: F,
    ) -> Result<T> {
        let previous_depth = self.remaining_depth;
        self.remaining_depth = match previous_depth.checked_sub(1) {
            Some(depth) => depth,
            None => return Err(Error::new("recursion limit exceeded", Some(mark))),
        };
        let result = f(self);
        self.remaining_depth = previous_depth;
        result
    }
}

struct SeqAccess<'document, 'seq> {
    empty: bool,
    de: &'seq mut DeserializerFromEvents<'document>,
    len: usize,
}

impl<'de> de::SeqAccess<'de> for SeqAccess<'_, '_> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>> {
        if self.empty {
            return Ok(None);
        }
        match self.de.peek_event()? {
            Event::SequenceEnd | Event::Void => Ok(None),
            _ => {
                let mut element_de = DeserializerFromEvents {
                    document: self.de.document,
                    pos: self.de.pos,
                    jumpcount: self.de.jumpcount,
                    path: Path::Seq {
                        parent: &self.de.path,
                        index: self.len,
                    },
                    remaining_depth: self.de.remaining_depth,
                    current_enum: None,
                };
                self.len += 1;
                seed.deserialize(&mut element_de).map(Some)
            }
        }
    }
}

struct MapAccess<'document, 'map> {
    empty: bool,
    de: &'map mut DeserializerFromEvents<'document>,
    len: usize,
    key: Option<&'document str>,
}

impl<'de> de::MapAccess<'de> for MapAccess<'_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>> {
        if self.empty {
            return Ok(None);
        }
        match self.de.peek_event()? {
            Event::MappingEnd | Event::Void => Ok(None),
            Event::Scalar(scalar) => {
                self.len += 1;
                self.key = Some(&scalar.value);
                seed.deserialize(&mut *self.de).map(Some)
            }
            _ => {
                self.len += 1;
                self.key = None;
                seed.deserialize(&mut *self.de).map(Some)
            }
        }
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value> {
        let mut value_de = DeserializerFromEvents {
            document: self.de.document,
            pos: self.de.pos,
            jumpcount: self.de.jumpcount,
            path: match self.key {
                Some(key) => Path::Map {
                    parent: &self.de.path,
                    key,
                },
                None => Path::Unknown {
                    parent: &self.de.path,
                },
            },
            remaining_depth: self.de.remaining_depth,
            current_enum: None,
        };
        seed.deserialize(&mut value_de)
    }
}
