//! The browser's state, and what is derived from it (the view, the list on the left, the
//! layout). Only [`super::update::update`] changes it.

pub use super::input::{InputKind, InputMode};
use super::layout::{areas, Areas, ScreenLayout, MIN_COLUMN};
use super::persist::Remembered;
use super::searcher::{Request, BACKGROUND_ABOVE_TEXTS};
use super::theme::Theme;
use crate::catalog::{Catalog, Lang, Problem};
use crate::config::ColorChoice;
use crate::freshness::DEFAULT_STALE_MONTHS;
use crate::reviews::Reviews;
use crate::search::{Hit, SearchIndex};
use crate::session::Session;
use crate::view::{self, Scope, View, ViewSpec};
use ratatui::layout::Rect;
use std::path::PathBuf;
use std::sync::Arc;

/// The narrowest vendor cell of the matrix, and its narrowest control title.
pub const MIN_MATRIX_CELL: usize = 16;
pub const MIN_MATRIX_TITLE: usize = 14;

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

/// Everything the browser knows, grouped per feature. The state of an overlay (a picker's
/// cursor, the note being edited, the draft under review) lives in its [`InputMode`] variant,
/// so it exists only while the overlay is open.
#[derive(Debug)]
pub struct App {
    /// Shared with the threads that build the search index and write the cache.
    pub catalog: Arc<Catalog>,
    /// The reviewer's verdicts and notes on the catalogue's answers.
    pub reviews: Reviews,
    /// What is shown: language, query, vendors in column order, filters, today. The scope
    /// follows from the selection and the mode ([`App::view_spec`]).
    pub spec: ViewSpec,
    /// What keys mean right now, with the open overlay's state.
    pub input: InputMode,
    /// Where the user is: the list, the comparison, the screen's size.
    pub browser: Browser,
    /// The search index and the results of the query.
    pub search: SearchState,
    /// The review of imported draft answers: where they are saved, the save in flight.
    pub drafts: super::drafts::Drafts,
    /// What the pickers offer and remember.
    pub pickers: Pickers,
    /// The status line: the last message, and the problems found while loading.
    pub status: StatusLine,
    /// Where things are saved.
    pub files: Files,
    /// Changes that could not be saved: kept, shown, asked about before quitting.
    pub unsaved: super::unsaved::Pending,
    pub theme: Theme,
    pub quit: bool,
}

/// Where the user is in the browser, and the screen's size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Browser {
    pub mode: Mode,
    pub focus: Focus,
    /// Per category: whether the list shows its controls.
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
    pub width: u16,
    pub height: u16,
}

/// What the pickers offer and remember between openings.
#[derive(Debug, Clone, Default)]
pub struct Pickers {
    /// The requirements profiles that loaded, in file-name order (`p` picks one).
    pub profiles: Vec<Arc<crate::requirements::Profile>>,
    /// Where they are read from (again each time `p` opens the picker).
    pub requirements_dir: Option<PathBuf>,
    /// The format `e` offers first: the last one chosen.
    pub export_format: super::export::ExportFormat,
}

/// What the status line says besides the vendors and filters.
#[derive(Debug, Clone, Default)]
pub struct StatusLine {
    pub message: Option<Message>,
    /// Problems found while loading (files left out), shown until the user acts.
    pub problems: Vec<Problem>,
    /// The user dismissed the load warning (Esc); exports still name what was left out.
    pub problems_dismissed: bool,
}

/// Where exports go and where the user's data is saved.
#[derive(Debug, Clone)]
pub struct Files {
    pub export_dir: PathBuf,
    /// Where reviews are saved; `None` when they cannot be (e.g. the file is broken).
    pub reviews_path: Option<PathBuf>,
    /// The reviews as last read from or saved to the file: a save merges the changes since.
    pub reviews_base: Reviews,
    /// Where the state is remembered between runs.
    pub state_path: Option<PathBuf>,
    /// Who sets verdicts and notes here, recorded as a review's `by`.
    pub reviewer: Option<String>,
}

/// The search: its index, the results of the query, and a search in flight (catalogues large
/// enough are searched on a worker thread).
#[derive(Debug, Clone, Default)]
pub struct SearchState {
    /// `None` while the index is being built: the list works, and searches wait for it.
    pub index: Option<SearchIndex>,
    /// Results of the query over the shown vendors, best first.
    pub hits: Vec<Hit>,
    /// Search runs on a worker thread (large catalogues); `hits` then lag the query until
    /// the results arrive.
    pub background: bool,
    /// A search the update asks the shell to start.
    pub request: Option<Request>,
    /// The query the shown results answer, when they lag behind the query.
    pub searched: Option<Request>,
    /// Select the best result when the pending results arrive.
    pub select_best: bool,
}

impl App {
    /// The browser with its search index built (tests, benchmarks).
    pub fn new(catalog: Catalog, problems: Vec<Problem>) -> App {
        let mut app = App::unindexed(catalog, problems);
        app.set_index(SearchIndex::new(&app.catalog));
        app
    }

    /// The browser without a search index: the shell builds it after the first frame and
    /// hands it over with [`super::action::Action::IndexReady`].
    pub fn unindexed(catalog: Catalog, problems: Vec<Problem>) -> App {
        let catalog = Arc::new(catalog);
        let mut expanded = vec![false; catalog.categories.len()];
        if let Some(first) = expanded.first_mut() {
            *first = true;
        }
        let vendors = (0..catalog.vendors.len()).collect();
        let selected = catalog.categories.first().map(|_| NavItem::Category(0));
        let mut app = App {
            catalog,
            reviews: Reviews::default(),
            spec: ViewSpec {
                lang: Lang::En,
                vendors,
                today: Some(crate::session::today()),
                stale_after_months: DEFAULT_STALE_MONTHS,
                ..ViewSpec::default()
            },
            input: InputMode::Normal,
            browser: Browser {
                mode: Mode::Control,
                focus: Focus::List,
                expanded,
                selected,
                list_offset: 0,
                scroll: 0,
                column_offset: 0,
                vendor_cursor: 0,
                width: 80,
                height: 24,
            },
            search: SearchState::default(),
            drafts: Default::default(),
            pickers: Pickers::default(),
            status: StatusLine {
                problems,
                ..StatusLine::default()
            },
            files: Files {
                export_dir: PathBuf::from("."),
                reviews_path: None,
                reviews_base: Reviews::default(),
                state_path: None,
                reviewer: None,
            },
            unsaved: Default::default(),
            theme: Theme::from_env(),
            quit: false,
        };
        if let Some(NavItem::Category(0)) = app.browser.selected {
            if !app.catalog.categories[0].controls.is_empty() {
                app.browser.selected =
                    Some(NavItem::Control(app.catalog.categories[0].controls.start));
            }
        }
        app
    }

    /// Takes a search index; small ones are searched inline unless the shell searches
    /// everything in the background.
    pub fn set_index(&mut self, index: SearchIndex) {
        self.search.background |= index.len() > BACKGROUND_ABOVE_TEXTS;
        self.search.index = Some(index);
    }

    /// The browser on a loaded session, its index built and the cache written (tests,
    /// benchmarks).
    pub fn from_session(mut session: Session) -> App {
        let pending = session.pending_cache.take();
        let mut app = App::from_session_unindexed(session);
        crate::session::write_cache(pending, &app.catalog);
        app.set_index(SearchIndex::new(&app.catalog));
        app
    }

    /// The browser on a loaded session, configuration applied, then the remembered state; the
    /// search index is left to the shell.
    pub fn from_session_unindexed(session: Session) -> App {
        let Session {
            catalog,
            problems,
            reviews,
            reviews_writable,
            warnings,
            config,
            paths,
            // The shell takes them out first and writes the cache after the first frame.
            pending_cache: _,
            cache_place: _,
        } = session;
        let mut app = App::unindexed(catalog, problems);
        app.status.problems.extend(warnings);
        app.files.reviews_base = reviews.clone();
        app.reviews = reviews;
        let (vendors, _) = config.shown_vendors(&app.catalog);
        app.spec.vendors = vendors;
        let c = &config.config;
        if let Some(lang) = c.language {
            app.spec.lang = lang;
        }
        if let Some(dir) = config.export_dir() {
            app.files.export_dir = dir;
        }
        app.theme = match c.color {
            ColorChoice::Auto => Theme::from_env(),
            ColorChoice::Always => Theme { color: true },
            ColorChoice::Never => Theme { color: false },
        };
        app.spec.stale_after_months = config.stale_after_months();
        app.spec.reassess_after_months = Some(config.reassess_after_months());
        app.files.reviews_path = reviews_writable.then(|| paths.reviews_file());
        app.files.state_path = Some(paths.state_file());
        app.unsaved.reviews_file = Some(paths.reviews_file());
        let unsaved = paths.state_dir.join(super::unsaved::UNSAVED_FILE);
        if let Err(p) = app.unsaved.load(&unsaved) {
            app.status.problems.push(p);
        }
        super::drafts::open_session(&mut app, &paths);
        super::profiles::load_profiles(&mut app, &paths.requirements_dir());
        match Remembered::load(&paths.state_file()) {
            Ok(Some(remembered)) => remembered.restore(&mut app),
            Ok(None) => super::persist::show_new_vendors(&mut app, None),
            Err(mut p) => {
                p.message.push_str("; starting afresh");
                app.status.problems.push(p);
                super::persist::show_new_vendors(&mut app, None);
            }
        }
        super::unsaved::offer(&mut app);
        app
    }

    /// The load problems an export names as what it left out: those of the catalogue, the
    /// configuration and the reviews, as `kurabe export` sees them (not the state's own files).
    pub fn report_problems(&self) -> Vec<Problem> {
        let state_dir = self
            .files
            .state_path
            .as_deref()
            .and_then(std::path::Path::parent);
        self.status
            .problems
            .iter()
            .filter(|p| state_dir.is_none() || std::path::Path::new(&p.file).parent() != state_dir)
            .cloned()
            .collect()
    }

    /// Whether results for the current query are still on their way.
    pub fn search_pending(&self) -> bool {
        self.searching()
            && (self.search.index.is_none() || self.search.background)
            && self
                .search
                .searched
                .as_ref()
                .is_none_or(|r| r.query != self.spec.query || r.vendors != self.spec.vendors)
    }

    pub fn searching(&self) -> bool {
        !self.spec.query.trim().is_empty()
    }

    /// The query whose matches are highlighted: the one the shown results answer. While a
    /// search runs in the background the list still shows the last results, highlighted as
    /// they matched (none before the first); the typed key alone changes on screen.
    pub fn shown_query(&self) -> &str {
        if self.search_pending() {
            self.search
                .searched
                .as_ref()
                .map_or("", |r| r.query.as_str())
        } else {
            &self.spec.query
        }
    }

    /// The control the comparison is about: the selected control, or the first visible
    /// control of the selected category.
    pub fn current_control(&self, view: &View) -> Option<usize> {
        match self.browser.selected? {
            NavItem::Control(c) => view.visible.contains(&c).then_some(c),
            NavItem::Category(cat) => view
                .visible
                .iter()
                .copied()
                .find(|&c| self.catalog.controls[c].category == cat),
        }
    }

    fn current_category(&self) -> Option<usize> {
        match self.browser.selected? {
            NavItem::Category(cat) => Some(cat),
            NavItem::Control(c) => Some(self.catalog.controls[c].category),
        }
    }

    /// The spec of what the right pane compares, which is also what an export writes.
    pub fn view_spec(&self) -> ViewSpec {
        let base = ViewSpec {
            scope: Scope::All,
            ..self.spec.clone()
        };
        // Only the selected control's visibility matters here, not the whole view's.
        let searching = self.searching();
        let visible = |c: usize| {
            (!searching || self.search.hits.iter().any(|h| h.control == c))
                && view::passes_filters(&self.catalog, &self.reviews, &base, c)
        };
        let current = match self.browser.selected {
            Some(NavItem::Control(c)) => visible(c).then_some(c),
            Some(NavItem::Category(cat)) => {
                let range = self.catalog.categories[cat].controls.clone();
                if searching {
                    // Best first, as the list shows them.
                    self.search
                        .hits
                        .iter()
                        .map(|h| h.control)
                        .find(|&c| range.contains(&c) && visible(c))
                } else {
                    range.into_iter().find(|&c| visible(c))
                }
            }
            None => None,
        };
        let scope = match self.browser.mode {
            Mode::Control => Scope::Control(current.unwrap_or(usize::MAX)),
            Mode::Matrix if searching => Scope::All,
            Mode::Matrix => match self.current_category() {
                Some(cat) => Scope::Category(cat),
                None => Scope::All,
            },
        };
        // The screen shows a few vendor columns: only those are annotated (with a thousand
        // vendors, annotating every one was most of each frame).
        let fit = match self.browser.mode {
            Mode::Control => self.columns_fit(),
            Mode::Matrix => self.matrix_columns_fit(),
        };
        let first = self
            .browser
            .column_offset
            .min(self.spec.vendors.len().saturating_sub(fit));
        let columns = Some(first..first + fit);
        ViewSpec {
            scope,
            columns,
            ..base
        }
    }

    /// The current view, as the screen shows it: in the comparison, only the vendor columns
    /// that fit are annotated.
    pub fn view(&self) -> View<'_> {
        view::derive_with_hits(
            &self.catalog,
            &self.reviews,
            &self.view_spec(),
            self.search.hits.clone(),
        )
    }

    /// The current view with every shown vendor annotated: what exports and copies write.
    pub fn full_view(&self) -> View<'_> {
        let spec = ViewSpec {
            columns: None,
            ..self.view_spec()
        };
        view::derive_with_hits(
            &self.catalog,
            &self.reviews,
            &spec,
            self.search.hits.clone(),
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
                && (self.spec.only_differences
                    || self.spec.only_unstated
                    || self.spec.verdict.is_some()
                    || self.spec.only_drafts
                    || self.spec.only_changed
                    || self.spec.only_failing
                    || self.spec.only_unresolved)
            {
                continue;
            }
            let expanded = self.browser.expanded[cat];
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

    /// Where everything goes on a screen of the app's size, showing `view`.
    pub fn layout(&self, view: &View) -> ScreenLayout {
        ScreenLayout::new(
            self,
            view,
            Rect::new(0, 0, self.browser.width, self.browser.height),
        )
    }

    /// Regions of a screen of the app's size.
    pub fn areas(&self) -> Areas {
        areas(Rect::new(0, 0, self.browser.width, self.browser.height))
    }

    /// The vendor whose answer is selected (for verdicts, notes and drafts): the highlighted
    /// column, always one on screen.
    pub fn current_vendor(&self) -> Option<usize> {
        self.vendor_column().map(|at| self.spec.vendors[at])
    }

    /// The selected vendor column (an index into the shown vendors), kept among the columns on
    /// screen: what `r`, `n` and `a` act on is what is highlighted, never a column scrolled off.
    pub fn vendor_column(&self) -> Option<usize> {
        let n = self.spec.vendors.len();
        if n == 0 {
            return None;
        }
        let fit = self.columns_fit().min(n);
        let first = self.browser.column_offset.min(n - fit);
        Some(self.browser.vendor_cursor.clamp(first, first + fit - 1))
    }

    /// How many vendor columns fit side by side in the comparison pane.
    pub fn columns_fit(&self) -> usize {
        let width = self.areas().compare.width.saturating_sub(2);
        ((width / MIN_COLUMN).max(1) as usize).min(self.spec.vendors.len().max(1))
    }

    /// How many vendor columns the matrix shows: cells of at least [`MIN_MATRIX_CELL`], and
    /// never fewer than the answers below it (which show the columns around the cursor).
    pub fn matrix_columns_fit(&self) -> usize {
        let width = self.areas().compare.width.saturating_sub(2) as usize;
        let fit = width.saturating_sub(MIN_MATRIX_TITLE + 1) / (MIN_MATRIX_CELL + 1);
        fit.max(self.columns_fit())
            .min(self.spec.vendors.len().max(1))
    }

    /// Answers still drafts, in the whole catalogue.
    pub fn drafts_left(&self) -> usize {
        if let Some(n) = self.drafts.count.get() {
            return n;
        }
        let n = view::drafts_left(&self.catalog);
        self.drafts.count.set(Some(n));
        n
    }

    /// The catalogue, to change it (a draft's answer); the drafts are counted again.
    pub fn catalog_mut(&mut self) -> &mut Catalog {
        self.drafts.count.set(None);
        Arc::make_mut(&mut self.catalog)
    }

    /// Lines the list shows at once.
    pub fn list_height(&self) -> usize {
        self.areas().list.height.saturating_sub(2) as usize
    }
}
