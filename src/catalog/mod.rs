//! The catalogue: the control taxonomy and every vendor's answers, loaded and validated.
//! Nothing here knows about the terminal.

mod embedded;
pub mod load;
pub mod model;
pub mod problem;
pub mod validate;
pub mod yaml;

pub use load::{load, load_dir, load_embedded, Loaded, SourceFile};
pub use model::*;
pub use problem::{Problem, Problems};
