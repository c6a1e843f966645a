//! kurabe's development tools: a synthetic catalogue generator and the benchmark. They use
//! the `kurabe` library through its public API only, and never ship in the `kurabe` binary.

pub mod bench;
pub mod echo;
pub mod eval_import;
pub mod fit_import;
pub mod fuzz_seeds;
pub mod generate;
pub mod load_pieces;
pub mod passages;
