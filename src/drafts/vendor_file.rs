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

/// A value as a YAML flow node on one line: `{ kind: duration, amount: 30, unit: days }`.
fn flow(value: &serde_yaml::Value) -> String {
    use serde_yaml::Value as Y;
    match value {
        Y::Mapping(map) => {
            let fields: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{}: {}", flow(k), flow(v)))
                .collect();
            format!("{{ {} }}", fields.join(", "))
        }
        Y::Sequence(items) => format!(
            "[{}]",
            items.iter().map(flow).collect::<Vec<_>>().join(", ")
        ),
        Y::String(s) => scalar(s),
        Y::Number(n) => n.to_string(),
        Y::Bool(b) => b.to_string(),
        Y::Null => "null".to_string(),
        Y::Tagged(t) => flow(&t.value),
    }
}

/// Fields whose strings are always quoted, so a section "6.30" never reads as a number.
fn field_node(key: &str, value: &serde_yaml::Value) -> String {
    match (key, value) {
        ("section" | "text" | "en" | "ja", serde_yaml::Value::String(s)) => quoted(s),
        _ => flow(value),
    }
}

/// Whether a field is left out: nothing set (`null`, an empty list, `draft: false`).
fn is_unset(value: &serde_yaml::Value) -> bool {
    use serde_yaml::Value as Y;
    match value {
        Y::Null | Y::Bool(false) => true,
        Y::Sequence(items) => items.is_empty(),
        _ => false,
    }
}

/// The YAML block of one answer, as an item of the `answers` list whose dash is at `indent`.
/// Every field the model serializes is written (so fields added to [`Answer`] are kept), in
/// the model's order with `draft` beside the status as the importer writes it: texts (summary,
/// note) as nested mappings, lists of mappings (quotes, candidates) one field a line, anything
/// else as a flow node on its line.
pub fn answer_block(answer: &Answer, indent: &str, newline: &str) -> String {
    use serde_yaml::Value as Y;
    let mut out = String::new();
    let mut line = |depth: usize, s: String| {
        out.push_str(indent);
        out.push_str(&"  ".repeat(depth));
        out.push_str(&s);
        out.push_str(newline);
    };
    let Ok(Y::Mapping(fields)) = serde_yaml::to_value(answer) else {
        return out;
    };
    let mut fields: Vec<(String, Y)> = fields
        .into_iter()
        .filter_map(|(k, v)| k.as_str().map(|k| (k.to_string(), v)))
        .filter(|(_, v)| !is_unset(v))
        .collect();
    if let Some(at) = fields.iter().position(|(k, _)| k == "draft") {
        let draft = fields.remove(at);
        let after_status = fields
            .iter()
            .position(|(k, _)| k == "status")
            .map_or(0, |i| i + 1);
        fields.insert(after_status, draft);
    }
    for (n, (key, value)) in fields.iter().enumerate() {
        // The first field follows the item's dash.
        let (depth, key) = if n == 0 {
            (0, format!("- {key}"))
        } else {
            (1, key.clone())
        };
        match value {
            Y::Mapping(map)
                if map.values().all(|v| matches!(v, Y::String(_))) && key != "value" =>
            {
                line(depth, format!("{key}:"));
                for (k, v) in map {
                    let k = k.as_str().unwrap_or_default();
                    line(depth + 1, format!("{k}: {}", field_node(k, v)));
                }
            }
            Y::Sequence(items) if items.iter().all(|i| matches!(i, Y::Mapping(_))) => {
                line(depth, format!("{key}:"));
                for item in items {
                    let Y::Mapping(map) = item else { continue };
                    for (j, (k, v)) in map.iter().enumerate() {
                        let k = k.as_str().unwrap_or_default();
                        let dash = if j == 0 { "- " } else { "  " };
                        line(depth + 1, format!("{dash}{k}: {}", field_node(k, v)));
                    }
                }
            }
            other => line(depth, format!("{key}: {}", flow(other))),
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
pub fn save_answer(
    path: &Path,
    controls: &[(String, crate::catalog::ControlKind)],
    answer: &Answer,
) -> Result<Vendor, EditError> {
    save_answers(path, controls, std::slice::from_ref(answer))
}

/// Saves several answers of one vendor file at once, as [`save_answer`] saves one: each
/// answer's block rewritten, the whole checked, then one atomic replacement (all or nothing).
pub fn save_answers(
    path: &Path,
    controls: &[(String, crate::catalog::ControlKind)],
    answers: &[Answer],
) -> Result<Vendor, EditError> {
    let name = path.display().to_string();
    let bytes = yaml::read_file(path).map_err(EditError::Unreadable)?;
    let (parsed, positions) =
        yaml::read::<VendorFile>(&name, &bytes).map_err(EditError::Unreadable)?;
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", bytes.as_slice()),
    };
    // The gate accepted the bytes, so they are UTF-8.
    let mut text = String::from_utf8_lossy(body).into_owned();
    let mut placed = answers
        .iter()
        .map(|answer| {
            parsed
                .answers
                .iter()
                .position(|a| a.control == answer.control)
                .map(|index| (index, answer))
                .ok_or_else(|| EditError::NoAnswer {
                    file: name.clone(),
                    control: answer.control.clone(),
                })
        })
        .collect::<Result<Vec<_>, _>>()?;
    // From the last block up: rewriting one leaves the lines of the blocks above it where the
    // positions say they are.
    placed.sort_by_key(|&(index, _)| std::cmp::Reverse(index));
    placed.dedup_by_key(|&mut (index, _)| index);
    for &(index, answer) in &placed {
        text = rewrite(
            &name,
            &text,
            &positions,
            parsed.answers.len(),
            index,
            answer,
        )?;
    }
    let new_text = format!("{bom}{text}");
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
    let as_meant = placed
        .iter()
        .all(|&(index, answer)| vendor.answers.get(index) == Some(answer));
    if !same_order || !as_meant {
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
