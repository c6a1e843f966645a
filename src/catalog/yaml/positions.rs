//! Where values stand in a file: positions by path, and line and column of a byte offset.

use super::walk::walk;
use std::collections::HashMap;

/// Where each value of a document stands, by path (`answers[3].control`).
///
/// Positions are needed only when something is wrong, and recording one per node is most of
/// the cost of reading a large catalogue; so a document that passed the gate keeps its text
/// and walks it again the first time a position is asked for.
#[derive(Debug, Default, Clone)]
pub struct Positions {
    /// Positions recorded by the first walk (see [`EARLY`](super::walk::EARLY)).
    pub(super) early: HashMap<String, (usize, usize)>,
    values: std::sync::OnceLock<HashMap<String, (usize, usize)>>,
    /// The file's name and text, for walking it when a position is first asked for.
    source: Option<std::sync::Arc<(String, String)>>,
}

impl Positions {
    pub(super) fn recorded(values: HashMap<String, (usize, usize)>) -> Positions {
        Positions {
            early: HashMap::new(),
            values: std::sync::OnceLock::from(values),
            source: None,
        }
    }

    pub(super) fn deferred(
        file: &str,
        text: &str,
        early: HashMap<String, (usize, usize)>,
    ) -> Positions {
        Positions {
            early,
            values: std::sync::OnceLock::new(),
            source: Some(std::sync::Arc::new((file.to_string(), text.to_string()))),
        }
    }

    pub(super) fn values(&self) -> &HashMap<String, (usize, usize)> {
        self.values.get_or_init(|| match &self.source {
            // The text passed the same walk before, so this walk succeeds.
            Some(source) => walk(&source.0, &source.1, true, None)
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
