//! The browser's state, and what is derived from it (the view, the list on the left, the
//! layout). Only [`super::update::update`] changes it.

use super::persist::Remembered;
use super::searcher::{Request, BACKGROUND_ABOVE_TEXTS};
use super::theme::Theme;
use crate::catalog::{Catalog, Lang, Problem};
use crate::config::ColorChoice;
use crate::freshness::DEFAULT_STALE_MONTHS;
use crate::reviews::Reviews;
use crate::reviews::Verdict;
use crate::search::{Hit, SearchIndex};
use crate::session::Session;
use crate::view::{self, Scope, View, ViewSpec};
use jiff::civil::Date;
use ratatui::layout::{Constraint, Layout, Rect};
use std::path::PathBuf;

/// What keys mean right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum InputMode {
    #[default]
    Normal,
    Search,
    CategoryPicker,
    Help,
    /// Editing the note on the selected answer.
    Note,
}

/// Which pane has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Focus {
    #[default]
    List,
    Compare,
}

/// What the right pane shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Mode {
    /// One control, one column per vendor.
    #[default]
    Control,
    /// A category's controls as rows, vendors as columns.
    Matrix,
}

/// An entry of the list on the left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NavItem {
    Category(usize),
    Control(usize),
}

/// A line of the list on the left, with what it shows.
#[derive(Debug, Clone, PartialEq)]
pub struct NavEntry {
    pub item: NavItem,
    /// For categories: visible controls / all controls; for controls: 0.
    pub counts: (usize, usize),
    pub expanded: bool,
}

/// A message in the status line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

/// The note being edited: its text and the cursor (a byte offset on a char boundary).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NoteEditor {
    pub vendor: usize,
    pub control: usize,
    pub text: String,
    pub cursor: usize,
}

/// Everything the browser knows.
#[derive(Debug)]
pub struct App {
    pub catalog: Catalog,
    /// The reviewer's verdicts and notes on the catalogue's answers.
    pub reviews: Reviews,
    pub index: SearchIndex,
    pub lang: Lang,
    pub query: String,
    /// Results of `query` over the shown vendors, best first.
    pub hits: Vec<Hit>,
    /// Shown vendors, in column order.
    pub vendors: Vec<usize>,
    pub only_differences: bool,
    pub only_unstated: bool,
    pub verdict: Option<Verdict>,
    pub mode: Mode,
    pub focus: Focus,
    pub input: InputMode,
    pub expanded: Vec<bool>,
    pub selected: Option<NavItem>,
    /// First line of the list shown.
    pub list_offset: usize,
    /// Lines the comparison pane is scrolled down.
    pub scroll: u16,
    /// First vendor column shown when not all fit.
    pub column_offset: usize,
    /// The selected vendor column (an index into `vendors`): the answer verdicts apply to.
    pub vendor_cursor: usize,
    pub note: Option<NoteEditor>,
    pub picker_cursor: usize,
    /// Lines the `?` help is scrolled down.
    pub help_scroll: u16,
    pub width: u16,
    pub height: u16,
    pub message: Option<Message>,
    /// Problems found while loading (files left out), shown until the user acts.
    pub problems: Vec<Problem>,
    /// The user dismissed the load warning (Esc); exports still name what was left out.
    pub problems_dismissed: bool,
    pub export_dir: PathBuf,
    /// Where reviews are saved; `None` when they cannot be (e.g. the file is broken).
    pub reviews_path: Option<PathBuf>,
    /// Where the state is remembered between runs.
    pub state_path: Option<PathBuf>,
    pub today: Option<Date>,
    pub stale_after_months: u32,
    pub theme: Theme,
    /// Search runs on a worker thread (large catalogues); `hits` then lag the query until
    /// the results arrive.
    pub background: bool,
    /// A search the update asks the shell to start.
    pub search_request: Option<Request>,
    /// The query the shown results answer, when they lag behind `query`.
    pub searched: Option<Request>,
    /// Select the best result when the pending results arrive.
    pub select_best: bool,
    pub quit: bool,
}

/// Narrowest a vendor column may be before columns scroll sideways instead.
pub const MIN_COLUMN: u16 = 26;

/// Below this size the browser shows a message instead of the panes.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 10;

/// The screen's regions, computed the same way for drawing and for mouse clicks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub search: Rect,
    pub list: Rect,
    pub compare: Rect,
    pub status: Rect,
    pub hints: Rect,
}

impl App {
    pub fn new(catalog: Catalog, problems: Vec<Problem>) -> App {
        let index = SearchIndex::new(&catalog);
        let mut expanded = vec![false; catalog.categories.len()];
        if let Some(first) = expanded.first_mut() {
            *first = true;
        }
        let vendors = (0..catalog.vendors.len()).collect();
        let selected = catalog.categories.first().map(|_| NavItem::Category(0));
        let mut app = App {
            catalog,
            reviews: Reviews::default(),
            index,
            lang: Lang::En,
            query: String::new(),
            hits: Vec::new(),
            vendors,
            only_differences: false,
            only_unstated: false,
            verdict: None,
            mode: Mode::Control,
            focus: Focus::List,
            input: InputMode::Normal,
            expanded,
            selected,
            list_offset: 0,
            scroll: 0,
            column_offset: 0,
            vendor_cursor: 0,
            note: None,
            picker_cursor: 0,
            help_scroll: 0,
            width: 80,
            height: 24,
            message: None,
            problems,
            problems_dismissed: false,
            export_dir: PathBuf::from("."),
            reviews_path: None,
            state_path: None,
            today: Some(crate::session::today()),
            stale_after_months: DEFAULT_STALE_MONTHS,
            theme: Theme::from_env(),
            background: false,
            search_request: None,
            searched: None,
            select_best: false,
            quit: false,
        };
        app.background = app.index.len() > BACKGROUND_ABOVE_TEXTS;
        if let Some(NavItem::Category(0)) = app.selected {
            if !app.catalog.categories[0].controls.is_empty() {
                app.selected = Some(NavItem::Control(app.catalog.categories[0].controls.start));
            }
        }
        app
    }

    /// The browser on a loaded session: configuration applied, then the remembered state.
    pub fn from_session(session: Session) -> App {
        let Session {
            catalog,
            problems,
            reviews,
            reviews_writable,
            config,
            paths,
        } = session;
        let mut app = App::new(catalog, problems);
        app.reviews = reviews;
        let (vendors, _) = config.shown_vendors(&app.catalog);
        app.vendors = vendors;
        let c = &config.config;
        if let Some(lang) = c.language {
            app.lang = lang;
        }
        if let Some(dir) = config.export_dir() {
            app.export_dir = dir;
        }
        app.theme = match c.color {
            ColorChoice::Auto => Theme::from_env(),
            ColorChoice::Always => Theme { color: true },
            ColorChoice::Never => Theme { color: false },
        };
        app.stale_after_months = config.stale_after_months();
        app.reviews_path = reviews_writable.then(|| paths.reviews_file());
        app.state_path = Some(paths.state_file());
        match Remembered::load(&paths.state_file()) {
            Ok(Some(remembered)) => remembered.restore(&mut app),
            Ok(None) => {}
            Err(mut p) => {
                p.message.push_str("; starting afresh");
                app.problems.push(p);
            }
        }
        app
    }

    /// The load problems an export names as what it left out: those of the catalogue, the
    /// configuration and the reviews, as `kurabe export` sees them (not the state's own files).
    pub fn report_problems(&self) -> Vec<Problem> {
        let state_dir = self.state_path.as_deref().and_then(std::path::Path::parent);
        self.problems
            .iter()
            .filter(|p| state_dir.is_none() || std::path::Path::new(&p.file).parent() != state_dir)
            .cloned()
            .collect()
    }

    /// Whether results for the current query are still on their way.
    pub fn search_pending(&self) -> bool {
        self.background
            && self.searching()
            && self
                .searched
                .as_ref()
                .is_none_or(|r| r.query != self.query || r.vendors != self.vendors)
    }

    pub fn searching(&self) -> bool {
        !self.query.trim().is_empty()
    }

    /// The control the comparison is about: the selected control, or the first visible
    /// control of the selected category.
    pub fn current_control(&self, view: &View) -> Option<usize> {
        match self.selected? {
            NavItem::Control(c) => view.visible.contains(&c).then_some(c),
            NavItem::Category(cat) => view
                .visible
                .iter()
                .copied()
                .find(|&c| self.catalog.controls[c].category == cat),
        }
    }

    fn current_category(&self) -> Option<usize> {
        match self.selected? {
            NavItem::Category(cat) => Some(cat),
            NavItem::Control(c) => Some(self.catalog.controls[c].category),
        }
    }

    /// The spec of what the right pane compares, which is also what an export writes.
    pub fn spec(&self) -> ViewSpec {
        let base = ViewSpec {
            lang: self.lang,
            query: self.query.clone(),
            vendors: self.vendors.clone(),
            only_differences: self.only_differences,
            only_unstated: self.only_unstated,
            verdict: self.verdict,
            scope: Scope::All,
            today: self.today,
            stale_after_months: self.stale_after_months,
        };
        // Only the selected control's visibility matters here, not the whole view's.
        let searching = self.searching();
        let visible = |c: usize| {
            (!searching || self.hits.iter().any(|h| h.control == c))
                && view::passes_filters(&self.catalog, &self.reviews, &base, c)
        };
        let current = match self.selected {
            Some(NavItem::Control(c)) => visible(c).then_some(c),
            Some(NavItem::Category(cat)) => {
                let range = self.catalog.categories[cat].controls.clone();
                if searching {
                    // Best first, as the list shows them.
                    self.hits
                        .iter()
                        .map(|h| h.control)
                        .find(|&c| range.contains(&c) && visible(c))
                } else {
                    range.into_iter().find(|&c| visible(c))
                }
            }
            None => None,
        };
        let scope = match self.mode {
            Mode::Control => Scope::Control(current.unwrap_or(usize::MAX)),
            Mode::Matrix if searching => Scope::All,
            Mode::Matrix => match self.current_category() {
                Some(cat) => Scope::Category(cat),
                None => Scope::All,
            },
        };
        ViewSpec { scope, ..base }
    }

    /// The current view.
    pub fn view(&self) -> View<'_> {
        view::derive_with_hits(
            &self.catalog,
            &self.reviews,
            &self.spec(),
            self.hits.clone(),
        )
    }

    /// The list on the left: categories with their visible controls when expanded, or the
    /// ranked search results.
    pub fn nav(&self, view: &View) -> Vec<NavEntry> {
        if self.searching() {
            return view
                .visible
                .iter()
                .map(|&c| NavEntry {
                    item: NavItem::Control(c),
                    counts: (0, 0),
                    expanded: false,
                })
                .collect();
        }
        let mut out = Vec::new();
        for (cat, category) in self.catalog.categories.iter().enumerate() {
            let visible: Vec<usize> = view
                .visible
                .iter()
                .copied()
                .filter(|&c| self.catalog.controls[c].category == cat)
                .collect();
            if visible.is_empty()
                && (self.only_differences || self.only_unstated || self.verdict.is_some())
            {
                continue;
            }
            let expanded = self.expanded[cat];
            out.push(NavEntry {
                item: NavItem::Category(cat),
                counts: (visible.len(), category.controls.len()),
                expanded,
            });
            if expanded {
                out.extend(visible.into_iter().map(|c| NavEntry {
                    item: NavItem::Control(c),
                    counts: (0, 0),
                    expanded: false,
                }));
            }
        }
        out
    }

    /// Regions of a screen of the app's size.
    pub fn areas(&self) -> Areas {
        areas(Rect::new(0, 0, self.width, self.height))
    }

    /// The vendor whose answer is selected (for verdicts and notes).
    pub fn current_vendor(&self) -> Option<usize> {
        self.vendors
            .get(self.vendor_cursor.min(self.vendors.len().saturating_sub(1)))
            .copied()
    }

    /// How many vendor columns fit side by side in the comparison pane.
    pub fn columns_fit(&self) -> usize {
        let width = self.areas().compare.width.saturating_sub(2);
        ((width / MIN_COLUMN).max(1) as usize).min(self.vendors.len().max(1))
    }

    /// Lines the list shows at once.
    pub fn list_height(&self) -> usize {
        self.areas().list.height.saturating_sub(2) as usize
    }
}

/// Splits the screen: search line, list | comparison, status line, key hints.
pub fn areas(area: Rect) -> Areas {
    let [search, main, status, hints] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Min(3),
        Constraint::Length(1),
        Constraint::Length(1),
    ])
    .areas(area);
    let list_width = (area.width / 3).clamp(24, 44).min(area.width);
    let [list, compare] =
        Layout::horizontal([Constraint::Length(list_width), Constraint::Min(1)]).areas(main);
    Areas {
        search,
        list,
        compare,
        status,
        hints,
    }
}
