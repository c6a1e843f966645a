//! Problems found while loading: each names the file, line and column, and says what to fix.

use std::fmt;

/// One thing wrong with an input file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problem {
    pub file: String,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub line: usize,
    /// 1-based; 0 when the problem concerns the file as a whole.
    pub column: usize,
    pub message: String,
    /// What to change to make the file valid.
    pub hint: Option<String>,
}

impl Problem {
    pub fn new(file: &str, (line, column): (usize, usize), message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
            hint: None,
        }
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Problem {
        self.hint = Some(hint.into());
        self
    }
}

/// Shown, a problem's parts are made safe: a file's path may come from the environment, and
/// a message may quote the file, so neither reaches the terminal with raw control bytes.
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::sanitize::line;
        let (file, message) = (line(&self.file), line(&self.message));
        if self.line > 0 {
            write!(f, "{file}:{}:{}: {message}", self.line, self.column)?;
        } else {
            write!(f, "{file}: {message}")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  fix: {}", line(hint))?;
        }
        Ok(())
    }
}

/// Problems from loading a whole catalogue, in file order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}
