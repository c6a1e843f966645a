//! Saving one changed answer into the user's vendor file, keeping the rest of the file as it
//! is: only the lines of that answer's block are rewritten (found with the YAML gate's
//! positions), so comments, blank lines, the order of answers and every other answer's layout
//! stay. Comment lines inside the changed block are kept, just above it; a comment at the end
//! of a line of the changed block is not.
//!
//! The answer is merged with what the file holds at the time of the save (see
//! [`save_answer`]), and the new text is read back through the loader before it replaces the
//! file: a result that would not load, or would not read back as the answer meant, is refused
//! and the file is left untouched.

use super::merge::{merge, Merged};
use crate::catalog::load::{read_vendor_against, SourceFile};
use crate::catalog::{yaml, Answer, Conflict, Origin, Problem, Vendor, VendorFile};
use crate::files::{Lock, LockError};
use crate::sanitize::Sanitize;
use jiff::civil::Date;
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
    #[error("`{control}` is given twice in one save (a bug in kurabe; the file is untouched)")]
    Twice { control: String },
    #[error("not saved: the answer would read back differently from what was meant (a bug in kurabe; the file is untouched)")]
    ReadsBackDifferently,
    #[error(transparent)]
    Lock(LockError),
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
    let mut lines: Vec<(usize, String)> = Vec::new();
    for (n, (key, value)) in fields.iter().enumerate() {
        // The first field follows the item's dash.
        let (depth, key) = if n == 0 {
            (0, format!("- {key}"))
        } else {
            (1, key.clone())
        };
        field_lines(&mut lines, depth, &key, value);
    }
    for (depth, text) in lines {
        line(depth, text);
    }
    out
}

/// The lines of one field of an answer at `depth`: see [`answer_block`]. `previous` (a
/// mapping of such fields) is a nested block written the same way.
fn field_lines(
    lines: &mut Vec<(usize, String)>,
    depth: usize,
    key: &str,
    value: &serde_yaml::Value,
) {
    use serde_yaml::Value as Y;
    match value {
        Y::Mapping(map) if map.values().all(|v| matches!(v, Y::String(_))) && key != "value" => {
            lines.push((depth, format!("{key}:")));
            for (k, v) in map {
                let k = k.as_str().unwrap_or_default();
                lines.push((depth + 1, format!("{k}: {}", field_node(k, v))));
            }
        }
        Y::Mapping(map) if key == "previous" => {
            lines.push((depth, format!("{key}:")));
            for (k, v) in map.iter().filter(|(_, v)| !is_unset(v)) {
                field_lines(lines, depth + 1, k.as_str().unwrap_or_default(), v);
            }
        }
        Y::Sequence(items) if items.iter().all(|i| matches!(i, Y::Mapping(_))) => {
            lines.push((depth, format!("{key}:")));
            for item in items {
                let Y::Mapping(map) = item else { continue };
                for (j, (k, v)) in map.iter().enumerate() {
                    let k = k.as_str().unwrap_or_default();
                    let dash = if j == 0 { "- " } else { "  " };
                    lines.push((depth + 1, format!("{dash}{k}: {}", field_node(k, v))));
                }
            }
        }
        other => lines.push((depth, format!("{key}: {}", flow(other)))),
    }
}

pub(crate) fn is_blank_or_comment(line: &str) -> bool {
    let t = line.trim();
    t.is_empty() || t.starts_with('#')
}

pub(crate) fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The line ending a file uses, read from one of its lines.
pub(crate) fn line_ending(line: &str) -> &'static str {
    if line.ends_with("\r\n") {
        "\r\n"
    } else {
        "\n"
    }
}

/// A document of `documents:` as its own block, its dash indented by `pad`.
pub(crate) fn document_block(d: &crate::catalog::Document, pad: &str, newline: &str) -> String {
    let json = |s: &str| serde_json::to_string(s).unwrap_or_default();
    let mut block = format!("{pad}- id: {}{newline}", d.id);
    block += &format!("{pad}  title: {}{newline}", json(&d.title));
    if let Some(version) = &d.version {
        block += &format!("{pad}  version: {}{newline}", json(version));
    }
    if let Some(date) = &d.date {
        block += &format!("{pad}  date: {}{newline}", json(date));
    }
    block += &format!("{pad}  source: {}{newline}", json(&d.source));
    block
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
    rewrite_all(file, text, positions, count, &[(index, Some(answer))], &[])
}

/// Where one answer's block stands among a file's lines: `lines[first..end]`, its dash at
/// column `dash`.
struct Span {
    first: usize,
    end: usize,
    dash: usize,
    newline: &'static str,
}

/// The lines of the block of `answers[index]` (one of `count`), or why it is not a block of
/// its own.
fn span(
    file: &str,
    lines: &[&str],
    positions: &yaml::Positions,
    count: usize,
    index: usize,
    control: &str,
) -> Result<Span, EditError> {
    let not_a_block = |line: usize| EditError::NotABlock {
        file: file.to_string(),
        line,
        control: control.to_string(),
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
    Ok(Span {
        first,
        end,
        dash,
        newline,
    })
}

/// `text` (whose `answers` list holds `count` answers) with each block of `edits` replaced by
/// its answer's, or removed where the answer is `None`, and the blocks of `added` after the
/// last answer. Every other line is copied byte for byte. Comment lines inside a replaced
/// block are kept, just above it.
pub fn rewrite_all(
    file: &str,
    text: &str,
    positions: &yaml::Positions,
    count: usize,
    edits: &[(usize, Option<&Answer>)],
    added: &[Answer],
) -> Result<String, EditError> {
    // Lines with their endings, so the untouched ones are copied byte for byte.
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let mut spans = Vec::with_capacity(edits.len());
    for &(index, answer) in edits {
        let control = answer.map_or("", |a| a.control.as_ref());
        spans.push((
            span(file, &lines, positions, count, index, control)?,
            answer,
        ));
    }
    spans.sort_by_key(|(s, _)| s.first);
    if spans.windows(2).any(|w| w[0].0.first == w[1].0.first) {
        return Err(EditError::Twice {
            control: spans[0]
                .1
                .map_or(String::new(), |a| a.control.clone().into_owned()),
        });
    }
    let append_at = match (added.first(), count.checked_sub(1)) {
        (None, _) => None,
        (Some(a), Some(last)) => Some(span(file, &lines, positions, count, last, &a.control)?),
        (Some(a), None) => {
            return Err(EditError::NotABlock {
                file: file.to_string(),
                line: 0,
                control: a.control.clone().into_owned(),
            })
        }
    };
    let mut out = String::with_capacity(text.len() + 256);
    let end_line = |out: &mut String, newline: &str| {
        // The last line of a file may lack its line break.
        if !out.is_empty() && !out.ends_with('\n') {
            out.push_str(newline);
        }
    };
    let mut at = 0;
    for (span, answer) in &spans {
        lines[at..span.first].iter().for_each(|l| out.push_str(l));
        if let Some(answer) = answer {
            for comment in lines[span.first + 1..span.end]
                .iter()
                .filter(|l| !l.trim().is_empty())
            {
                if is_blank_or_comment(comment) {
                    let _ = write!(out, "{}{}", comment.trim_end(), span.newline);
                }
            }
            end_line(&mut out, span.newline);
            out.push_str(&answer_block(answer, &" ".repeat(span.dash), span.newline));
        }
        at = span.end;
    }
    if let Some(last) = append_at {
        let upto = last.end.max(at);
        lines[at..upto].iter().for_each(|l| out.push_str(l));
        end_line(&mut out, last.newline);
        for answer in added {
            out.push_str(&answer_block(answer, &" ".repeat(last.dash), last.newline));
        }
        at = upto;
    }
    lines[at..].iter().for_each(|l| out.push_str(l));
    Ok(out)
}

/// An answer saved: as the file holds it now (merged with the changes made there since it was
/// read), with the conflicts the merge found, and the vendor as the new file loads.
#[derive(Debug, Clone)]
pub struct Saved {
    pub vendor: Vendor,
    pub answer: Answer,
    pub conflicts: Vec<Conflict>,
}

/// The lock file of a vendor file, beside it: `.acme.yaml.lock`.
pub(crate) fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map_or_else(|| "vendor".into(), |n| n.to_string_lossy().into_owned());
    target.with_file_name(format!(".{name}.lock"))
}

/// Saves `ours`, an answer changed from `base`, into the vendor file at `path` (a user's
/// file). Under a lock (so that two kurabe never save the file at once) it re-reads the file,
/// merges `ours` with the answer the file holds now ([`crate::drafts::merge`]: a change made
/// there meanwhile, by another kurabe or by hand, is kept, and one that meets ours on the same
/// field is recorded as a conflict), rewrites only that answer's block, checks the result
/// loads against the catalogue's `controls` (their ids) and reads back as merged, then
/// replaces the file atomically (keeping its mode; through a symlink, the file it points to).
pub fn save_answer(
    path: &Path,
    controls: &[(String, crate::catalog::ControlKind)],
    base: &Answer,
    ours: &Answer,
    today: Option<Date>,
) -> Result<Saved, EditError> {
    let SavedAll { vendor, answers } = save_answers(path, controls, &[(base, ours)], today)?;
    let merged = answers
        .into_iter()
        .next()
        .expect("one answer given, one merged");
    Ok(Saved {
        vendor,
        answer: merged.answer,
        conflicts: merged.conflicts,
    })
}

/// Answers saved at once ([`save_answers`]): each as the file holds it now, with the conflicts
/// its merge found, in the order they were given; and the vendor as the new file loads.
#[derive(Debug, Clone)]
pub struct SavedAll {
    pub vendor: Vendor,
    pub answers: Vec<Merged>,
}

/// Saves several changed answers of one vendor file at once, as [`save_answer`] saves one:
/// each `(base, ours)` merged with what the file holds now and its block rewritten, the whole
/// checked, then one atomic replacement (all or nothing). A control given twice is refused.
/// A save that confirms the file's last draft records `today` as the vendor's `assessed` date
/// (where the `vendor:` block is written one key a line, as kurabe writes it).
pub fn save_answers(
    path: &Path,
    controls: &[(String, crate::catalog::ControlKind)],
    changes: &[(&Answer, &Answer)],
    today: Option<Date>,
) -> Result<SavedAll, EditError> {
    let name = path.display().to_string();
    let target = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let _lock = Lock::take(&lock_path(&target), true).map_err(EditError::Lock)?;
    let bytes = yaml::read_file(&target).map_err(EditError::Unreadable)?;
    let (parsed, positions) =
        yaml::read::<VendorFile>(&name, &bytes).map_err(EditError::Unreadable)?;
    let (bom, body) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => ("\u{FEFF}", rest),
        None => ("", bytes.as_slice()),
    };
    // The gate accepted the bytes, so they are UTF-8.
    let mut text = String::from_utf8_lossy(body).into_owned();
    // Each change with the index of its answer in the file, merged with what the file holds.
    let mut placed = Vec::with_capacity(changes.len());
    for &(base, ours) in changes {
        let index = parsed
            .answers
            .iter()
            .position(|a| a.control == ours.control)
            .ok_or_else(|| EditError::NoAnswer {
                file: name.clone(),
                control: ours.control.clone().into_owned(),
            })?;
        if placed.iter().any(|&(i, _)| i == index) {
            return Err(EditError::Twice {
                control: ours.control.clone().into_owned(),
            });
        }
        // The answer as the loader reads it, so that it compares with what kurabe holds.
        let mut theirs = parsed.answers[index].clone();
        theirs.sanitize();
        theirs.migrate_legacy_vendor_words();
        placed.push((index, merge(base, ours, &theirs)));
    }
    // From the last block up: rewriting one leaves the lines of the blocks above it where the
    // positions say they are.
    let mut order: Vec<usize> = (0..placed.len()).collect();
    order.sort_by_key(|&at| std::cmp::Reverse(placed[at].0));
    for at in order {
        let (index, merged) = &placed[at];
        text = rewrite(
            &name,
            &text,
            &positions,
            parsed.answers.len(),
            *index,
            &merged.answer,
        )?;
    }
    let confirms = placed
        .iter()
        .any(|(i, merged)| parsed.answers[*i].draft && !merged.answer.draft);
    let drafts_left = parsed.answers.iter().enumerate().any(|(i, a)| {
        match placed.iter().find(|(at, _)| *at == i) {
            Some((_, merged)) => merged.answer.draft,
            None => a.draft,
        }
    });
    let mut info = parsed.vendor.clone();
    if let (true, false, Some(today)) = (confirms, drafts_left, today) {
        let on = today.to_string();
        if let Some(with) = set_assessed(&text, &positions, parsed.vendor.assessed.is_some(), &on) {
            text = with;
            info.assessed = Some(on);
        }
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
    let as_merged = placed
        .iter()
        .all(|(index, merged)| vendor.answers.get(*index) == Some(&merged.answer));
    if !same_order || !as_merged || vendor.info.assessed != info.assessed {
        return Err(EditError::ReadsBackDifferently);
    }
    if new_text.as_bytes() != bytes {
        crate::files::write_atomic_like(&target, &target, new_text.as_bytes()).map_err(
            |source| EditError::Write {
                path: target.clone(),
                source,
            },
        )?;
    }
    Ok(SavedAll {
        vendor,
        answers: placed.into_iter().map(|(_, merged)| merged).collect(),
    })
}

/// `text` with the vendor's `assessed:` set to `on`: the line replaced where there is one
/// (`present`), else a line added after `id:` at its indentation. `None` where the block is not
/// written one key a line (a flow mapping `vendor: { id: … }`), which is left as it is.
pub(crate) fn set_assessed(
    text: &str,
    positions: &yaml::Positions,
    present: bool,
    on: &str,
) -> Option<String> {
    let key = if present { "assessed" } else { "id" };
    let (line, _) = positions.at(&format!("vendor.{key}"));
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    let at = line.checked_sub(1)?;
    let old = *lines.get(at)?;
    let indent = indent_of(old);
    let rest = old[indent..].strip_prefix(key)?.trim_start_matches(' ');
    if !rest.starts_with(':') || indent == 0 {
        return None;
    }
    let newline = if old.ends_with("\r\n") { "\r\n" } else { "\n" };
    let written = format!("{}assessed: \"{on}\"{newline}", " ".repeat(indent));
    if present {
        lines[at] = &written;
        return Some(lines.concat());
    }
    let mut out: String = lines[..=at].concat();
    if !out.ends_with('\n') {
        out.push_str(newline);
    }
    out.push_str(&written);
    lines[at + 1..].iter().for_each(|l| out.push_str(l));
    Some(out)
}

#[cfg(test)]
mod tests;
