//! The terminal browser: keys become [`action::Action`]s, [`update::update`] applies them to
//! the [`app::App`] state, and [`ui::draw`] draws the state. Only this module touches the
//! terminal.

pub mod action;
pub mod app;
pub mod keymap;
pub mod theme;
pub mod ui;
pub mod update;
pub mod widgets;

use crate::export::write::write_new;
use action::Action;
use app::App;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use std::time::Duration;
use theme::Theme;
use update::{update, Effect};

/// Maps a terminal event to an action, if it asks for one.
pub fn action_for(event: &Event, app: &App) -> Option<Action> {
    match event {
        Event::Key(key) if key.kind == KeyEventKind::Press => keymap::resolve(*key, app.input),
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::ClickAt {
                column: m.column,
                row: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::ScrollAt {
                column: m.column,
                row: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::ScrollAt {
                column: m.column,
                row: m.row,
                down: false,
            }),
            _ => None,
        },
        Event::Resize(width, height) => Some(Action::Resize {
            width: *width,
            height: *height,
        }),
        _ => None,
    }
}

/// Carries out an effect and returns the action that reports its result.
pub fn run_effect(effect: Effect) -> Action {
    match effect {
        Effect::Export {
            dir,
            stem,
            contents,
        } => Action::Exported(
            write_new(&dir, &stem, "md", contents.as_bytes())
                .map_err(|e| format!("cannot write in {}: {e}", dir.display())),
        ),
    }
}

/// Runs the browser until the user quits. The terminal is restored on every way out.
pub fn run(mut app: App) -> anyhow::Result<()> {
    let theme = Theme::from_env();
    let mut terminal = ratatui::init();
    let _ = execute!(std::io::stdout(), EnableMouseCapture);
    let result = (|| -> anyhow::Result<()> {
        let size = terminal.size()?;
        update(
            &mut app,
            Action::Resize {
                width: size.width,
                height: size.height,
            },
        );
        while !app.quit {
            terminal.draw(|frame| ui::draw(frame, &app, &theme))?;
            if !event::poll(Duration::from_millis(250))? {
                continue;
            }
            let event = event::read()?;
            if let Some(action) = action_for(&event, &app) {
                if let Some(effect) = update(&mut app, action) {
                    let report = run_effect(effect);
                    update(&mut app, report);
                }
            }
        }
        Ok(())
    })();
    let _ = execute!(std::io::stdout(), DisableMouseCapture);
    ratatui::restore();
    result
}
