//! The catalogue shipped inside the binary (`data/` at build time).

/// The control taxonomy.
pub const CONTROLS: (&str, &[u8]) = (
    "data/controls.yaml",
    include_bytes!("../../data/controls.yaml"),
);

include!(concat!(env!("OUT_DIR"), "/embedded_vendors.rs"));
