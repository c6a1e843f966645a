//! PDF: the text as `pdftotext -layout -enc UTF-8` (poppler) gives it, each table row on one
//! line, when pdftotext is on PATH, run with a time and an output limit; otherwise kurabe's
//! built-in reader (pdf-extract), whose output is refused when too much of it is no text
//! (U+FFFD, private-use characters, controls, mojibake), with a message saying how to install
//! poppler. Never garbage imported as a vendor's words.

use super::limits::{human_bytes, MAX_TEXT_BYTES};
use super::{panic_message, SourceError};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long pdftotext may take over one document (a few hundred pages take seconds).
pub const PDFTOTEXT_TIMEOUT: Duration = Duration::from_secs(60);
/// pdftotext's output may be larger than the text it holds: `-layout` aligns with spaces.
const MAX_PDFTOTEXT_OUTPUT: u64 = 4 * MAX_TEXT_BYTES;
/// The share of the built-in reader's characters that may be no text before it is refused.
const MAX_GARBAGE_SHARE: f64 = 0.02;
const INSTALL_POPPLER: &str = "install poppler so that kurabe reads PDFs with pdftotext (Debian/Ubuntu: `apt install poppler-utils poppler-data`; macOS: `brew install poppler`), or import the text saved from the PDF";

/// Which reader gets a PDF's text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum PdfReader {
    /// pdftotext when it is on PATH, the built-in reader otherwise.
    #[default]
    Auto,
    /// The built-in reader only.
    BuiltIn,
    /// This pdftotext program.
    Pdftotext(PathBuf),
}

pub fn read(
    file: &str,
    bytes: &[u8],
    path: Option<&Path>,
    reader: &PdfReader,
    notes: &mut Vec<String>,
) -> Result<String, SourceError> {
    let fail = |message: String| SourceError::Pdf {
        file: file.to_string(),
        message,
    };
    if !bytes[..bytes.len().min(1024)]
        .windows(5)
        .any(|w| w == b"%PDF-")
    {
        return Err(fail(
            "not a PDF (no `%PDF-` header in its first bytes)".into(),
        ));
    }
    let program = match reader {
        PdfReader::Auto => on_path("pdftotext"),
        PdfReader::BuiltIn => None,
        PdfReader::Pdftotext(program) => Some(program.clone()),
    };
    let text = match program {
        Some(program) => {
            // pdftotext reads a file: the source's own, or a copy of the bytes.
            let copy;
            let input = match path {
                Some(path) => path,
                None => {
                    copy = tempfile::Builder::new()
                        .prefix(".kurabe-pdf")
                        .tempfile()
                        .map_err(|e| fail(format!("cannot make a temporary copy: {e}")))?;
                    std::fs::write(copy.path(), bytes)
                        .map_err(|e| fail(format!("cannot make a temporary copy: {e}")))?;
                    copy.path()
                }
            };
            pdftotext(file, &program, input)?
        }
        None => {
            let text = built_in(file, bytes)?;
            notes.push(format!(
                "{file}: read by kurabe's built-in PDF reader (pdftotext is not on PATH); table rows may be cut across lines: {INSTALL_POPPLER}"
            ));
            text
        }
    };
    // A page break is a paragraph break.
    let text = text.replace('\x0c', "\n");
    if text.trim().is_empty() {
        return Err(fail(
            "no text in it (scanned pages are pictures): kurabe reads a PDF's text, so run OCR on it first".into(),
        ));
    }
    Ok(text)
}

/// The first executable file called `name` in a directory of PATH.
pub fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|candidate| is_executable(candidate))
}

#[cfg(unix)]
fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(path: &Path) -> bool {
    path.is_file()
}

fn pdftotext(file: &str, program: &Path, input: &Path) -> Result<String, SourceError> {
    let fail = |message: String| SourceError::Pdf {
        file: file.to_string(),
        message,
    };
    let mut child = Command::new(program)
        .args(["-layout", "-enc", "UTF-8", "-q"])
        .arg(input)
        .arg("-")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| fail(format!("cannot run {}: {e}", program.display())))?;
    let stdout = child.stdout.take().expect("piped");
    let stderr = child.stderr.take().expect("piped");
    let out = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout
            .take(MAX_PDFTOTEXT_OUTPUT + 1)
            .read_to_end(&mut bytes);
        bytes
    });
    let err = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.take(16 * 1024).read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if started.elapsed() > PDFTOTEXT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
            Ok(None) => {
                if out.is_finished() {
                    // Its output reached the limit: what is left is not wanted.
                    let _ = child.kill();
                }
                std::thread::sleep(Duration::from_millis(10));
            }
            Err(e) => return Err(fail(format!("cannot wait for pdftotext: {e}"))),
        }
    };
    let out = out.join().unwrap_or_default();
    let err = err.join().unwrap_or_default();
    if out.len() as u64 > MAX_PDFTOTEXT_OUTPUT {
        return Err(SourceError::limit(
            file,
            format!(
                "its text is more than {}, the most kurabe drafts from; split the document",
                human_bytes(MAX_PDFTOTEXT_OUTPUT)
            ),
        ));
    }
    let Some(status) = status else {
        return Err(fail(format!(
            "pdftotext took more than {} s over it and was stopped",
            PDFTOTEXT_TIMEOUT.as_secs()
        )));
    };
    if !status.success() {
        let said = String::from_utf8_lossy(&err);
        let said = crate::sanitize::line(said.trim()).into_owned();
        let said: String = said.chars().take(300).collect();
        let why = if said.contains("password") {
            "it is encrypted (password-protected); save an unprotected copy and import that"
                .to_string()
        } else if said.is_empty() {
            format!("pdftotext failed ({status})")
        } else {
            format!("pdftotext failed: {said}")
        };
        return Err(fail(why));
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

fn built_in(file: &str, bytes: &[u8]) -> Result<String, SourceError> {
    let fail = |message: String| SourceError::Pdf {
        file: file.to_string(),
        message: format!("{message}; {INSTALL_POPPLER}"),
    };
    let text = std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem(bytes))
        .map_err(|payload| {
            fail(format!(
                "the built-in PDF reader failed on it ({})",
                panic_message(payload.as_ref())
            ))
        })?
        .map_err(|e| {
            fail(format!(
                "the built-in PDF reader cannot read it ({})",
                crate::sanitize::line(&e.to_string())
            ))
        })?;
    let share = garbage_share(&text);
    if share > MAX_GARBAGE_SHARE {
        return Err(fail(format!(
            "the built-in PDF reader got {:.0}% of its characters wrong (replacement, private-use or control characters, or Japanese read as Latin letters): kurabe does not import garbage",
            share * 100.0
        )));
    }
    Ok(text)
}

/// The share of a text's visible characters that are no text: U+FFFD, private-use characters,
/// controls other than line breaks and tabs, and, in a document with Japanese in it, runs of
/// Latin-1 letters (Ã â ¤ ï: Japanese bytes read as Latin-1).
pub fn garbage_share(text: &str) -> f64 {
    let mut visible = 0usize;
    let mut bad = 0usize;
    let mut japanese = 0usize;
    let mut latin1_in_runs = 0usize;
    let mut run = 0usize;
    let is_latin1 = |c: char| ('\u{a0}'..='\u{ff}').contains(&c);
    for c in text.chars() {
        if c.is_whitespace() {
            if run >= 2 {
                latin1_in_runs += run;
            }
            run = 0;
            continue;
        }
        visible += 1;
        match c {
            '\u{fffd}' => bad += 1,
            '\u{e000}'..='\u{f8ff}' | '\u{f0000}'..='\u{10ffff}' => bad += 1,
            c if c.is_control() => bad += 1,
            '\u{3040}'..='\u{30ff}' | '\u{4e00}'..='\u{9fff}' | '\u{ff66}'..='\u{ff9f}' => {
                japanese += 1
            }
            _ => {}
        }
        if is_latin1(c) {
            run += 1;
        } else {
            if run >= 2 {
                latin1_in_runs += run;
            }
            run = 0;
        }
    }
    if run >= 2 {
        latin1_in_runs += run;
    }
    if japanese > 0 {
        bad += latin1_in_runs;
    }
    if visible == 0 {
        return 0.0;
    }
    bad as f64 / visible as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replacement_private_use_and_mojibake_count_as_garbage() {
        assert_eq!(
            garbage_share("データは暗号化されます。Data is encrypted."),
            0.0
        );
        assert!(garbage_share("\u{fffd}\u{fffd}\u{fffd} abc") >= 0.5);
        assert!(garbage_share("\u{e001}\u{e002}xy") > 0.4);
        // UTF-8 of 暗号 read as Latin-1, beside real Japanese.
        assert!(garbage_share("データ ã\u{a6}\u{a8}å\u{8f}· æ\u{9a}\u{97}") > 0.3);
        // French beside Japanese is not mojibake: single accented letters, not runs.
        assert!(garbage_share("データ café résumé") < MAX_GARBAGE_SHARE);
    }
}
