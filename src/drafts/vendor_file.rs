//! Saving one changed answer into the user's vendor file, keeping the rest of the file as it
//! is: only the lines of that answer's block are rewritten (found with the YAML gate's
//! positions), so comments, blank lines, the order of answers and every other answer's layout
//! stay. Comment lines inside the changed block are kept, just above it; a comment at the end
//! of a line of the changed block is not.
//!
//! The new text is read back through the loader before it replaces the file: a result that
//! would not load, or would not read back as the answer meant, is refused and the file is left
//! untouched.

use crate::catalog::load::{read_vendor_against, SourceFile};
use crate::catalog::{yaml, Answer, Origin, Problem, Vendor, VendorFile};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum EditError {
    #[error("{0}; fix the file, then try again")]
    Unreadable(Problem),
    #[error("{file} has no answer to `{control}` any more (was it edited meanwhile?)")]
    NoAnswer { file: String, control: String },
    #[error("{file}:{line}: the answer to `{control}` shares its lines with other YAML; write each answer as its own `- control:` block to edit it here")]
    NotABlock {
        file: String,
        line: usize,
        control: String,
    },
    #[error("not saved, the file would not load: {}", first(.0))]
    WouldNotLoad(Vec<Problem>),
    #[error("not saved: the answer would read back differently from what was meant (a bug in kurabe; the file is untouched)")]
    ReadsBackDifferently,
    #[error("cannot write {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

fn first(problems: &[Problem]) -> String {
    match problems {
        [] => "no reason given".to_string(),
        [one] => one.to_string(),
        [one, rest @ ..] => format!("{one} (and {} more)", rest.len()),
    }
}

/// Strings that YAML reads as something other than a string when written plain.
const NOT_PLAIN: &[&str] = &[
    "null", "true", "false", "yes", "no", "on", "off", "y", "n", "~",
];

/// A string scalar: plain where it is an id-like word, else double-quoted (JSON's escapes are
/// YAML's too).
fn scalar(s: &str) -> String {
    let plain = s.starts_with(|c: char| c.is_ascii_lowercase())
        && s.chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        && !NOT_PLAIN.contains(&s);
    if plain {
        s.to_string()
    } else {
        quoted(s)
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("{s:?}"))
}

/// A JSON value as a YAML flow node, `kind` first: `{ kind: duration, amount: 30, unit: days }`.
fn flow(value: &serde_json::Value) -> String {
    use serde_json::Value as J;
    match value {
        J::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort_by_key(|k| (k.as_str() != "kind", k.as_str()));
            let fields: Vec<String> = keys
                .iter()
                .map(|k| format!("{}: {}", scalar(k), flow(&map[k.as_str()])))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        J::Array(items) => format!(
            "[{}]",
            items.iter().map(flow).collect::<Vec<_>>().join(", ")
        ),
        J::String(s) => scalar(s),
        other => other.to_string(),
    }
}

/// The YAML block of one answer, as an item of the `answers` list whose dash is at `indent`.
pub fn answer_block(answer: &Answer, indent: &str, newline: &str) -> String {
    let mut out = String::new();
    let i = indent;
    let mut line = |s: String| {
        out.push_str(&s);
        out.push_str(newline);
    };
    line(format!("{i}- control: {}", scalar(&answer.control)));
    let status = serde_json::to_value(answer.status)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    line(format!("{i}  status: {status}"));
    // In the importer's order: `draft` beside the status.
    if answer.draft {
        line(format!("{i}  draft: true"));
    }
    let text = |line: &mut dyn FnMut(String), key: &str, t: &crate::catalog::Text| {
        line(format!("{i}  {key}:"));
        line(format!("{i}    en: {}", quoted(&t.en)));
        if let Some(ja) = &t.ja {
            line(format!("{i}    ja: {}", quoted(ja)));
        }
    };
    if let Some(s) = &answer.summary {
        text(&mut line, "summary", s);
    }
    if let Some(v) = &answer.value {
        if let Ok(json) = serde_json::to_value(v) {
            line(format!("{i}  value: {}", flow(&json)));
        }
    }
    if let Some(n) = &answer.note {
        text(&mut line, "note", n);
    }
    if !answer.quotes.is_empty() {
        line(format!("{i}  quotes:"));
        for q in &answer.quotes {
            line(format!("{i}    - document: {}", scalar(&q.document)));
            line(format!("{i}      section: {}", quoted(&q.section)));
            line(format!("{i}      text: {}", quoted(&q.text)));
        }
    }
    if !answer.candidates.is_empty() {
        line(format!("{i}  candidates:"));
        for c in &answer.candidates {
            line(format!("{i}    - document: {}", scalar(&c.document)));
            line(format!("{i}      section: {}", quoted(&c.section)));
            line(format!("{i}      text: {}", quoted(&c.text)));
            let score = serde_json::to_string(&c.score).unwrap_or_else(|_| "0".into());
            line(format!("{i}      score: {score}"));
        }
    }
    out
}

fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// `text` with the block of `answers[index]` replaced by `answer`'s.
pub fn rewrite(
    file: &str,
    text: &str,
    positions: &yaml::Positions,
    count: usize,
    index: usize,
    answer: &Answer,
) -> Result<String, EditError> {
    let not_a_block = |line: usize| EditError::NotABlock {
        file: file.to_string(),
        line,
        control: answer.control.clone(),
    };
    let start_line = |i: usize| positions.at(&format!("answers[{i}]")).0;
    let start = start_line(index);
    let shares = |other: Option<usize>| other.is_some_and(|o| start_line(o) == start);
    if start == 0
        || shares(index.checked_sub(1))
        || shares((index + 1 < count).then_some(index + 1))
    {
        return Err(not_a_block(start));
    }
    // Lines with their endings, so the untouched ones are copied byte for byte.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let first = start - 1;
    let Some(dash_line) = lines.get(first) else {
        return Err(not_a_block(start));
    };
    let dash = indent_of(dash_line);
    if !dash_line[dash..].starts_with('-') {
        return Err(not_a_block(start));
    }
    let mut end = if index + 1 < count {
        start_line(index + 1) - 1
    } else {
        // The last answer runs until a line at the dash's indentation or less.
        (first + 1..lines.len())
            .find(|&l| !is_blank_or_comment(lines[l]) && indent_of(lines[l]) <= dash)
            .unwrap_or(lines.len())
    };
    if end <= first || end > lines.len() {
        return Err(not_a_block(start));
    }
    // Blank and comment lines at the end of the block introduce what follows: they stay.
    while end > first + 1 && is_blank_or_comment(lines[end - 1]) {
        end -= 1;
    }
    let newline = if dash_line.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let mut out = String::with_capacity(text.len() + 256);
    lines[..first].iter().for_each(|l| out.push_str(l));
    for comment in lines[first + 1..end]
        .iter()
        .filter(|l| !l.trim().is_empty())
    {
        if is_blank_or_comment(comment) {
            let _ = write!(out, "{}{newline}", comment.trim_end());
        }
    }
    // The last line of a file may lack its line break.
    if !out.is_empty() && !out.ends_with('\n') {
        out.push_str(newline);
    }
    out.push_str(&answer_block(answer, &" ".repeat(dash), newline));
    lines[end..].iter().for_each(|l| out.push_str(l));
    Ok(out)
}

/// Saves `answer` into the vendor file at `path` (a user's file): re-reads the file, rewrites
/// only that answer's block, checks the result loads against the catalogue's `controls` (their
/// ids) and reads
/// back as `answer`, then replaces the file atomically (keeping its mode; through a symlink,
/// the file it points to). Returns the vendor as the new file loads.
pub fn save_answer(path: &Path, controls: &[String], answer: &Answer) -> Result<Vendor, EditError> {
    let name = path.display().to_string();
    let bytes = yaml::read_file(path).map_err(EditError::Unreadable)?;
    let (parsed, positions) =
        yaml::read::<VendorFile>(&name, &bytes).map_err(EditError::Unreadable)?;
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", bytes.as_slice()),
    };
    // The gate accepted the bytes, so they are UTF-8.
    let text = String::from_utf8_lossy(body);
    let index = parsed
        .answers
        .iter()
        .position(|a| a.control == answer.control)
        .ok_or_else(|| EditError::NoAnswer {
            file: name.clone(),
            control: answer.control.clone(),
        })?;
    let new_text = rewrite(
        &name,
        &text,
        &positions,
        parsed.answers.len(),
        index,
        answer,
    )?;
    let new_text = format!("{bom}{new_text}");
    let vendor = read_vendor_against(
        &SourceFile::new(name.clone(), new_text.as_bytes()),
        Origin::User,
        controls,
    )
    .map_err(EditError::WouldNotLoad)?;
    let same_order = vendor
        .answers
        .iter()
        .map(|a| &a.control)
        .eq(parsed.answers.iter().map(|a| &a.control));
    if !same_order || vendor.answers.get(index) != Some(answer) {
        return Err(EditError::ReadsBackDifferently);
    }
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    crate::files::write_atomic_like(&target, &target, new_text.as_bytes()).map_err(|source| {
        EditError::Write {
            path: target.clone(),
            source,
        }
    })?;
    Ok(vendor)
}

#[cfg(test)]
mod tests;
