//! The catalogue shipped inside the binary (`data/` at build time).

/// The control taxonomy.
pub const CONTROLS: (&str, &[u8]) = (
    "data/controls.yaml",
    include_bytes!("../../data/controls.yaml"),
);

/// What certification schemes certify.
pub const CERTIFICATIONS: (&str, &[u8]) = (
    "data/certifications.yaml",
    include_bytes!("../../data/certifications.yaml"),
);

include!(concat!(env!("OUT_DIR"), "/embedded_vendors.rs"));
