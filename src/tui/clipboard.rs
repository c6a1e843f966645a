//! Copying text to the clipboard, whichever one there is: the system's (through arboard, or a
//! command such as wl-copy, xclip or pbcopy), else the terminal's through OSC 52 — the only one
//! that reaches the user's own machine over SSH.

use crate::catalog::Lang;
use base64::Engine;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;

/// How a text was copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Via {
    /// The system clipboard, directly.
    System,
    /// A clipboard command.
    Command(&'static str),
    /// The terminal's clipboard escape, written to the terminal.
    Osc52 { ssh: bool },
}

impl Via {
    /// Where the text went, for the status line.
    pub fn describe(&self, lang: Lang) -> String {
        match (self, lang) {
            (Via::System, Lang::En) => "the system clipboard".to_string(),
            (Via::System, Lang::Ja) => "システムのクリップボード".to_string(),
            (Via::Command(name), Lang::En) => format!("the clipboard through {name}"),
            (Via::Command(name), Lang::Ja) => format!("{name} 経由でクリップボード"),
            (Via::Osc52 { ssh: true }, Lang::En) => {
                "the terminal's clipboard (OSC 52, over SSH)".to_string()
            }
            (Via::Osc52 { ssh: true }, Lang::Ja) => {
                "端末のクリップボード(OSC 52、SSH 経由)".to_string()
            }
            (Via::Osc52 { ssh: false }, Lang::En) => {
                "the terminal's clipboard (OSC 52: no system clipboard here)".to_string()
            }
            (Via::Osc52 { ssh: false }, Lang::Ja) => {
                "端末のクリップボード(OSC 52: システムのクリップボードなし)".to_string()
            }
        }
    }
}

/// What decides where a copy goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Environment {
    /// Running over SSH: the system clipboard would be the remote machine's.
    pub ssh: bool,
    pub wayland: bool,
    /// An X display (or a platform whose clipboard needs none).
    pub display: bool,
}

impl Environment {
    pub fn from_env() -> Environment {
        let set = |name: &str| std::env::var_os(name).is_some_and(|v| !v.is_empty());
        Environment {
            ssh: set("SSH_TTY") || set("SSH_CONNECTION"),
            wayland: set("WAYLAND_DISPLAY"),
            display: set("DISPLAY") || cfg!(any(target_os = "macos", target_os = "windows")),
        }
    }
}

/// A way of copying, tried in order until one works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    System,
    Command(&'static str, &'static [&'static str]),
    Osc52,
}

/// The ways to try, best first. Over SSH only the terminal reaches the user's clipboard.
pub fn plan(env: Environment) -> Vec<Method> {
    if env.ssh {
        return vec![Method::Osc52];
    }
    let mut out = Vec::new();
    if env.wayland {
        out.push(Method::Command("wl-copy", &[]));
    }
    if env.display {
        out.push(Method::System);
        out.push(Method::Command("xclip", &["-selection", "clipboard"]));
        out.push(Method::Command("xsel", &["--clipboard", "--input"]));
    }
    out.push(Method::Command("pbcopy", &[]));
    out.push(Method::Osc52);
    out
}

/// The OSC 52 escape that asks the terminal to put `text` on its clipboard.
pub fn osc52(text: &str) -> String {
    let encoded = base64::engine::general_purpose::STANDARD.encode(text);
    format!("\x1b]52;c;{encoded}\x07")
}

/// Copies `text`, the first way that works; `terminal` receives the OSC 52 escape.
pub fn copy(text: &str, env: Environment, terminal: &mut impl Write) -> Result<Via, String> {
    let mut failures = Vec::new();
    for method in plan(env) {
        let done = match method {
            Method::System => system(text).map(|_| Via::System),
            Method::Command(name, args) => command(name, args, text).map(|_| Via::Command(name)),
            Method::Osc52 => terminal
                .write_all(osc52(text).as_bytes())
                .and_then(|_| terminal.flush())
                .map(|_| Via::Osc52 { ssh: env.ssh })
                .map_err(|e| format!("the terminal: {e}")),
        };
        match done {
            Ok(via) => return Ok(via),
            Err(e) => failures.push(e),
        }
    }
    Err(failures.join("; "))
}

/// The system clipboard. It is kept open while kurabe runs: on X11 the copied text lives only
/// as long as the program that offers it.
fn system(text: &str) -> Result<(), String> {
    static CLIPBOARD: Mutex<Option<arboard::Clipboard>> = Mutex::new(None);
    let mut held = CLIPBOARD.lock().map_err(|_| "clipboard lock poisoned")?;
    if held.is_none() {
        *held = Some(arboard::Clipboard::new().map_err(|e| format!("system clipboard: {e}"))?);
    }
    held.as_mut()
        .map(|c| c.set_text(text.to_string()))
        .transpose()
        .map_err(|e| format!("system clipboard: {e}"))?;
    Ok(())
}

/// Pipes `text` into a clipboard command found on the PATH.
fn command(name: &str, args: &[&str], text: &str) -> Result<(), String> {
    let path = find_on_path(name).ok_or_else(|| format!("{name}: not installed"))?;
    let mut child = Command::new(path)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("{name}: {e}"))?;
    let written = child
        .stdin
        .take()
        .map(|mut stdin| stdin.write_all(text.as_bytes()))
        .transpose();
    let status = child.wait().map_err(|e| format!("{name}: {e}"))?;
    written.map_err(|e| format!("{name}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{name}: {status}"))
    }
}

fn find_on_path(name: &str) -> Option<PathBuf> {
    let paths = std::env::var_os("PATH")?;
    std::env::split_paths(&paths)
        .map(|dir| dir.join(name))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn over_ssh_only_the_terminal_is_tried() {
        let env = Environment {
            ssh: true,
            wayland: true,
            display: true,
        };
        assert_eq!(plan(env), vec![Method::Osc52]);
    }

    #[test]
    fn locally_the_system_clipboard_comes_first_and_the_terminal_last() {
        let env = Environment {
            ssh: false,
            wayland: false,
            display: true,
        };
        let plan = plan(env);
        assert_eq!(plan.first(), Some(&Method::System));
        assert_eq!(plan.last(), Some(&Method::Osc52));
        let wayland = super::plan(Environment {
            wayland: true,
            ..env
        });
        assert_eq!(wayland.first(), Some(&Method::Command("wl-copy", &[])));
    }

    #[test]
    fn osc52_carries_the_text_in_base64_and_no_raw_control_character() {
        let text = "項目\tサイボウズ\r\n削除\t30日\r\n";
        let escape = osc52(text);
        let body = escape
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap();
        assert!(!body.chars().any(|c| c.is_control()));
        let decoded = base64::engine::general_purpose::STANDARD
            .decode(body)
            .unwrap();
        assert_eq!(String::from_utf8(decoded).unwrap(), text);
    }

    #[test]
    fn with_nothing_else_the_copy_goes_to_the_terminal_and_says_so() {
        let env = Environment {
            ssh: true,
            wayland: false,
            display: false,
        };
        let mut terminal = Vec::new();
        let via = copy("a\tb", env, &mut terminal).unwrap();
        assert_eq!(via, Via::Osc52 { ssh: true });
        assert_eq!(String::from_utf8(terminal).unwrap(), osc52("a\tb"));
        assert!(via.describe(Lang::En).contains("OSC 52"));
        assert!(via.describe(Lang::Ja).contains("OSC 52"));
    }
}
