//! The one gate every YAML file is read through.
//!
//! Vendor files, the user's files, the configuration, reviews and remembered state all come
//! from outside, so the gate trusts no byte of them:
//!
//! 1. a size cap, checked before the file is read ([`read_file`], [`read_bounded`], which also
//!    refuse pipes and devices) and again on the bytes;
//! 2. a UTF-8 byte-order mark is dropped; UTF-16, invalid UTF-8 and raw control characters are
//!    refused with the line and column of the first bad byte;
//! 3. the file is walked as a stream of events (yaml-rust2's parser, which reports line and
//!    column for every node): the walk records where each value stands (within a budget),
//!    rejects duplicate keys, keys that are not plain scalars and extra documents, bounds
//!    nesting depth and the number of nodes, and keeps a budget of what aliases may expand to,
//!    so an alias bomb fails at the alias that breaks it;
//! 4. the document is read from the events the walk kept (`de/`: serde_yaml 0.9's deserializer
//!    over yaml-rust2's events, so the text is parsed once), through
//!    [`crate::sanitize::Strings`], so that every string the program sees has had its control
//!    and invisible characters made visible. [`Pass::Two`] lets serde_yaml parse the text again
//!    instead, as the gate did before, to hold the two to the same results.
//!
//! Every failure is a [`Problem`](super::Problem) with file, line, column and a fix; its text
//! is sanitized too.

mod bounded;
mod de;
mod gate;
mod locate;
mod positions;
#[cfg(test)]
mod tests;
mod walk;

pub use bounded::{read_bounded, read_file, read_optional_file};
pub use gate::{read, read_as, read_optional, Pass};
pub use positions::{line_col, Positions};

/// Files larger than this are refused before parsing. kurabe's largest file is under 100 KB.
pub const MAX_FILE_BYTES: usize = 8 * 1024 * 1024;
/// Deeper nesting than any kurabe file needs is refused before the deserializer recurses into it.
pub const MAX_DEPTH: usize = 64;
/// Keys and values (scalars, aliases, lists and mappings) in one file. The walk keeps every
/// event of a file in memory at once for the deserializer (as serde_yaml did, about 150 bytes
/// each); kurabe's largest file has 2,412.
pub const MAX_NODES: usize = 250_000;
/// Aliases may expand a document to at most this many times its size (plus a small floor).
const ALIAS_EXPANSION_FACTOR: usize = 4;
const ALIAS_EXPANSION_FLOOR: usize = 64 * 1024;
/// What a node costs in the alias budget beyond its text, so that aliases of empty or tiny
/// collections are not free.
const NODE_COST: usize = 16;
/// Bytes of recorded positions (paths and their bookkeeping) per byte of file, plus a floor:
/// beyond it, deeper values fall back to the position of their nearest recorded ancestor.
const POSITION_BUDGET_FACTOR: usize = 8;
const POSITION_BUDGET_FLOOR: usize = 1024 * 1024;
/// Problem messages quote the file's text; this much of it is enough to recognize.
const MAX_MESSAGE_CHARS: usize = 240;
