//! `xtask echo`: the trivial program the benchmark types into beside kurabe. In raw mode it
//! reads the keys and redraws its first row as kurabe's search line looks (`/` the query `█`),
//! so the same poll loop detects both and the difference is kurabe's own. Esc clears the query,
//! Backspace erases a char, `/` on an empty query does nothing (it opens kurabe's search),
//! Ctrl-C quits.

use anyhow::Result;
use ratatui::crossterm::terminal;
use std::io::{Read, Write};

/// What the keys read so far leave on the line.
#[derive(Debug, Default)]
pub struct EchoLine {
    bytes: Vec<u8>,
}

impl EchoLine {
    /// Applies the bytes read; false once Ctrl-C was read.
    pub fn feed(&mut self, input: &[u8]) -> bool {
        for &b in input {
            match b {
                0x03 => return false,
                0x1b => self.bytes.clear(),
                0x7f | 0x08 => {
                    let keep = self.text().chars().count().saturating_sub(1);
                    let text: String = self.text().chars().take(keep).collect();
                    self.bytes = text.into_bytes();
                }
                b'/' if self.bytes.is_empty() => {}
                _ => self.bytes.push(b),
            }
        }
        true
    }

    /// The complete chars typed (a char split between two reads shows once it is whole).
    pub fn text(&self) -> &str {
        match std::str::from_utf8(&self.bytes) {
            Ok(text) => text,
            Err(e) => std::str::from_utf8(&self.bytes[..e.valid_up_to()]).unwrap_or(""),
        }
    }
}

pub fn run() -> Result<()> {
    terminal::enable_raw_mode()?;
    let result = echo();
    terminal::disable_raw_mode()?;
    result
}

fn echo() -> Result<()> {
    let mut stdin = std::io::stdin().lock();
    let mut stdout = std::io::stdout().lock();
    let mut line = EchoLine::default();
    let mut buf = [0u8; 4096];
    write!(stdout, "\x1b[2J\x1b[H/█")?;
    stdout.flush()?;
    loop {
        let n = stdin.read(&mut buf)?;
        if n == 0 || !line.feed(&buf[..n]) {
            return Ok(());
        }
        write!(stdout, "\x1b[H\x1b[2K/{}█", line.text())?;
        stdout.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_follows_the_keys() {
        let mut line = EchoLine::default();
        assert!(line.feed(b"/dele"));
        assert_eq!(line.text(), "dele");
        let kanji = "削".as_bytes();
        line.feed(&kanji[..1]);
        assert_eq!(line.text(), "dele");
        line.feed(&kanji[1..]);
        assert_eq!(line.text(), "dele削");
        line.feed(&[0x7f]);
        assert_eq!(line.text(), "dele");
        line.feed(&[0x1b]);
        assert_eq!(line.text(), "");
        assert!(!line.feed(&[0x03]));
    }
}
