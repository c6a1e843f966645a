//! Colours, or none: with `NO_COLOR` set, everything is told apart by bold, italic, underline
//! and reverse alone.

use crate::catalog::Status;
use crate::requirements::Outcome;
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to a non-empty value (<https://no-color.org>).
    pub fn from_env() -> Theme {
        Theme {
            color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        }
    }

    fn fg(&self, c: Color) -> Style {
        if self.color {
            Style::new().fg(c)
        } else {
            Style::new()
        }
    }

    pub fn base(&self) -> Style {
        Style::new()
    }
    pub fn dim(&self) -> Style {
        if self.color {
            Style::new().fg(Color::DarkGray)
        } else {
            Style::new().add_modifier(Modifier::DIM)
        }
    }
    pub fn title(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }
    pub fn value(&self) -> Style {
        self.fg(Color::LightCyan).add_modifier(Modifier::BOLD)
    }
    pub fn matched(&self) -> Style {
        self.fg(Color::Yellow)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
    }
    pub fn selected(&self, focused: bool) -> Style {
        if focused {
            Style::new().add_modifier(Modifier::REVERSED)
        } else if self.color {
            Style::new()
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD)
        } else {
            Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
        }
    }
    pub fn border(&self, focused: bool) -> Style {
        if focused {
            self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
        } else {
            self.dim()
        }
    }
    pub fn note(&self) -> Style {
        self.fg(Color::Yellow).add_modifier(Modifier::ITALIC)
    }
    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }
    pub fn ok(&self) -> Style {
        self.fg(Color::Green)
    }
    pub fn status(&self, status: Status) -> Style {
        match status {
            Status::Stated => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Status::Partial => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Status::NotStated => self.fg(Color::Red).add_modifier(Modifier::ITALIC),
        }
    }
    /// An outcome's colour; its symbol (✓ ✗ ? –) always goes with it, so without colour the
    /// text still says it.
    pub fn outcome(&self, outcome: Outcome) -> Style {
        match outcome {
            Outcome::Meets => self.fg(Color::Green).add_modifier(Modifier::BOLD),
            Outcome::Fails => self.fg(Color::Red).add_modifier(Modifier::BOLD),
            Outcome::Check => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            Outcome::NotStated => self.fg(Color::Magenta).add_modifier(Modifier::ITALIC),
        }
    }
}
