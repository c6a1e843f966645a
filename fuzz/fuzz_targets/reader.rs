//! What every reader target checks: the bounded reader of `kurabe import`, on arbitrary bytes
//! named as one kind of document, never crashes, hangs or runs away with memory (the run's
//! `-rss_limit_mb` and `-timeout` say so), and what it returns is within every bound.

use kurabe::import::source::{self, limits, Content, Options, PdfReader};

pub fn read(file_name: &str, data: &[u8]) {
    static UNWIND: std::sync::Once = std::sync::Once::new();
    // libfuzzer-sys aborts on any panic, even one the readers catch and report as the file's
    // error (calamine's, pdf-extract's): what escapes the readers still aborts, unwinding
    // into the fuzzer.
    UNWIND.call_once(|| std::panic::set_hook(Box::new(|_| {})));
    // PDFs as the CLI reads them where poppler is installed (CI installs it): the built-in
    // reader (pdf-extract) overflows its stack on a page that is its own parent, which only
    // the reader process of `kurabe import` can contain (tests/import_readers.rs holds it).
    let options = Options {
        pdf: PdfReader::Auto,
    };
    let Ok(read) = source::read_bytes_with(file_name, data.to_vec(), &options) else {
        return;
    };
    match &read.content {
        Content::Text(text) => assert!(text.len() as u64 <= limits::MAX_TEXT_BYTES),
        Content::Sheets(sheets) => {
            assert!(sheets.len() as u64 <= limits::MAX_SHEETS);
            let mut text = 0u64;
            for sheet in sheets {
                assert!(sheet.rows.len() as u64 <= limits::MAX_ROWS);
                for row in &sheet.rows {
                    assert!(row.len() as u64 <= limits::MAX_COLUMNS);
                    text += row.iter().map(|c| c.len() as u64).sum::<u64>();
                }
            }
            assert!(text <= limits::MAX_TEXT_BYTES);
        }
    }
}
