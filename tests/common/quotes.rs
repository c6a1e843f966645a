//! How a quote is compared with its source: the same text after normalization (the library's
//! own, which `kurabe import --update` uses too).

#[allow(unused_imports)]
pub use kurabe::import::verbatim::normalize;
