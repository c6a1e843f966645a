//! The catalogue: the control taxonomy and every vendor's answers, loaded and validated.
//! Nothing here knows about the terminal.

pub mod answers;
pub mod cache;
pub mod certification;
pub mod conflict;
pub mod country;
pub mod crosswalk;
pub mod date;
pub(crate) mod embedded;
pub mod load;
pub mod model;
pub mod problem;
pub mod quantity;
mod sanitize_impls;
pub mod shown;
pub mod validate;
pub mod yaml;

pub use answers::Answers;
pub use load::{
    load, load_dir, load_dir_with, load_embedded, load_embedded_with, load_layered, Loaded,
    SourceFile, UserLayer,
};
pub use model::*;
pub use problem::{Problem, Problems};
