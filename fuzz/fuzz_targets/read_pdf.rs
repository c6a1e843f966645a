//! The bounded reader on arbitrary bytes named `document.pdf` (see reader.rs).
#![no_main]

#[path = "reader.rs"]
mod reader;

libfuzzer_sys::fuzz_target!(|data: &[u8]| reader::read("document.pdf", data));
