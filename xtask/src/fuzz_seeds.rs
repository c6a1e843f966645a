//! `xtask fuzz-seeds DIR`: small valid documents for the fuzz targets of the import readers
//! (`fuzz/fuzz_targets/read_*.rs`), one folder per reader, written from code so that no
//! binary is checked in: workbooks (rust_xlsxwriter), an OpenDocument spreadsheet and an Excel
//! 97-2003 file (built by hand), CSV and text in UTF-8 and CP932, and PDFs written byte by byte
//! (a non-embedded font with the predefined CMap UniJIS-UCS2-H, and one with a ToUnicode map).

use anyhow::{Context, Result};
use std::io::Write;
use std::path::PathBuf;

#[derive(Debug, clap::Args)]
pub struct SeedArgs {
    /// Where to write the folders xlsx/, xls/, ods/, csv/, text/ and pdf/.
    pub dir: PathBuf,
}

pub fn run(args: &SeedArgs) -> Result<()> {
    let write = |folder: &str, name: &str, bytes: &[u8]| -> Result<()> {
        let dir = args.dir.join(folder);
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        std::fs::write(dir.join(name), bytes).with_context(|| format!("cannot write {name}"))
    };
    write("xlsx", "check-sheet.xlsx", &xlsx()?)?;
    write("xls", "check-sheet.xls", &xls())?;
    write("ods", "check-sheet.ods", &ods()?)?;
    let csv =
        "No.,項目,回答\n1,データの削除,\"契約終了後30日以内に\n削除します。\"\n2,暗号化,対応済み\n";
    write("csv", "utf8.csv", csv.as_bytes())?;
    write("csv", "cp932.csv", &encoding_rs::SHIFT_JIS.encode(csv).0)?;
    let mut mixed = csv.as_bytes().to_vec();
    mixed.extend_from_slice(&encoding_rs::SHIFT_JIS.encode("3,バックアップ,毎日\n").0);
    write("csv", "mixed.csv", &mixed)?;
    write("csv", "tabs.tsv", csv.replace(',', "\t").as_bytes())?;
    let text = "# セキュリティホワイトペーパー\n\n## 5.1 データの削除\n\n契約終了日から30日後にお客様のデータを削除します。\n\n【バックアップ】\nバックアップは毎日取得し、14日間保管します。\n\n| 項目 | 内容 |\n| --- | --- |\n| 稼働率 | 99.9% |\n";
    write("text", "policy.md", text.as_bytes())?;
    write(
        "text",
        "policy-cp932.txt",
        &encoding_rs::SHIFT_JIS.encode(text).0,
    )?;
    write(
        "text",
        "page.html",
        b"<h2>Data deletion</h2><p>Customer data is deleted within 30 days of cancellation.</p>",
    )?;
    let japanese = "契約終了後30日以内にデータを削除します";
    let english = "Customer data is encrypted at rest.";
    write("pdf", "unijis.pdf", &pdf_unijis(japanese, english))?;
    write("pdf", "to-unicode.pdf", &pdf_to_unicode(japanese, english))?;
    Ok(())
}

fn xlsx() -> Result<Vec<u8>> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("チェックリスト")?;
    for (c, h) in ["No.", "種別", "項目", "回答"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h)?;
    }
    sheet.write_number(1, 0, 1)?;
    sheet.write_string(1, 2, "データの削除")?;
    sheet.write_string(1, 3, "契約終了後30日以内に削除します。")?;
    sheet.write_number(2, 0, 2)?;
    sheet.write_string(2, 2, "バックアップ世代数")?;
    sheet.write_formula(2, 3, rust_xlsxwriter::Formula::new("=3+4").set_result("7"))?;
    sheet.merge_range(1, 1, 2, 1, "運用", &rust_xlsxwriter::Format::new())?;
    Ok(workbook.save_to_buffer()?)
}

fn ods() -> Result<Vec<u8>> {
    let cell = |t: &str| {
        format!(
            r#"<table:table-cell office:value-type="string"><text:p>{t}</text:p></table:table-cell>"#
        )
    };
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="回答"><table:table-row>{}{}</table:table-row><table:table-row>{}{}<table:table-cell table:number-columns-repeated="1022"/></table:table-row><table:table-row table:number-rows-repeated="1048574"><table:table-cell table:number-columns-repeated="1024"/></table:table-row></table:table></office:spreadsheet></office:body></office:document-content>"#,
        cell("項目"),
        cell("回答"),
        cell("データの削除"),
        cell("契約終了後30日以内に削除します。")
    );
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("mimetype", stored)?;
    writer.write_all(b"application/vnd.oasis.opendocument.spreadsheet")?;
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("content.xml", deflated)?;
    writer.write_all(content.as_bytes())?;
    writer.start_file("META-INF/manifest.xml", deflated)?;
    writer.write_all(br#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#)?;
    Ok(writer.finish()?.into_inner())
}

/// One BIFF record: type, length, data.
fn record(out: &mut Vec<u8>, kind: u16, data: &[u8]) {
    out.extend_from_slice(&kind.to_le_bytes());
    out.extend_from_slice(&(data.len() as u16).to_le_bytes());
    out.extend_from_slice(data);
}

fn bof(kind: u16) -> Vec<u8> {
    let mut data = vec![0x00, 0x06];
    data.extend_from_slice(&kind.to_le_bytes());
    data.extend_from_slice(&[0; 12]);
    data
}

/// A label cell (BIFF8 LABEL, the text as UTF-16).
fn label(row: u16, column: u16, text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut data = Vec::new();
    data.extend_from_slice(&row.to_le_bytes());
    data.extend_from_slice(&column.to_le_bytes());
    data.extend_from_slice(&0u16.to_le_bytes());
    data.extend_from_slice(&(units.len() as u16).to_le_bytes());
    data.push(1);
    units
        .iter()
        .for_each(|u| data.extend_from_slice(&u.to_le_bytes()));
    data
}

/// An Excel 97-2003 workbook of one sheet of labels: a BIFF8 stream in a compound file.
fn xls() -> Vec<u8> {
    let cells = [
        (0, 0, "項目"),
        (0, 1, "回答"),
        (1, 0, "データの削除"),
        (1, 1, "契約終了後30日以内に削除します。"),
    ];
    let mut sheet = Vec::new();
    record(&mut sheet, 0x0809, &bof(0x0010));
    let mut dimensions = Vec::new();
    dimensions.extend_from_slice(&0u32.to_le_bytes());
    dimensions.extend_from_slice(&2u32.to_le_bytes());
    dimensions.extend_from_slice(&0u16.to_le_bytes());
    dimensions.extend_from_slice(&2u16.to_le_bytes());
    dimensions.extend_from_slice(&0u16.to_le_bytes());
    record(&mut sheet, 0x0200, &dimensions);
    for (row, column, text) in cells {
        record(&mut sheet, 0x0204, &label(row, column, text));
    }
    record(&mut sheet, 0x000A, &[]);

    let name: Vec<u16> = "Sheet1".encode_utf16().collect();
    let mut globals = Vec::new();
    record(&mut globals, 0x0809, &bof(0x0005));
    record(&mut globals, 0x0042, &1200u16.to_le_bytes());
    // BOUNDSHEET8: the sheet's offset is known once the globals' length is.
    let boundsheet_at = globals.len();
    let mut boundsheet = vec![0u8; 4];
    boundsheet.extend_from_slice(&[0, 0, name.len() as u8, 1]);
    name.iter()
        .for_each(|u| boundsheet.extend_from_slice(&u.to_le_bytes()));
    record(&mut globals, 0x0085, &boundsheet);
    record(&mut globals, 0x000A, &[]);
    let sheet_at = globals.len() as u32;
    globals[boundsheet_at + 4..boundsheet_at + 8].copy_from_slice(&sheet_at.to_le_bytes());
    let mut stream = globals;
    stream.extend_from_slice(&sheet);
    // Streams under 4,096 bytes live in the mini stream: this one is padded past it.
    stream.resize(4096, 0);
    compound_file("Workbook", &stream)
}

/// A version-3 compound file (512-byte sectors) holding one stream of at least 4,096 bytes:
/// sector 0 the allocation table, 1 the directory, 2… the stream.
fn compound_file(name: &str, stream: &[u8]) -> Vec<u8> {
    const FREE: u32 = 0xFFFF_FFFF;
    const END: u32 = 0xFFFF_FFFE;
    const FAT: u32 = 0xFFFF_FFFD;
    let sectors = stream.len().div_ceil(512) as u32;
    let mut header = Vec::new();
    header.extend_from_slice(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1");
    header.extend_from_slice(&[0; 16]);
    header.extend_from_slice(&0x003Eu16.to_le_bytes());
    header.extend_from_slice(&3u16.to_le_bytes());
    header.extend_from_slice(&0xFFFEu16.to_le_bytes());
    header.extend_from_slice(&9u16.to_le_bytes());
    header.extend_from_slice(&6u16.to_le_bytes());
    header.extend_from_slice(&[0; 6]);
    header.extend_from_slice(&0u32.to_le_bytes()); // directory sectors (v3: 0)
    header.extend_from_slice(&1u32.to_le_bytes()); // FAT sectors
    header.extend_from_slice(&1u32.to_le_bytes()); // first directory sector
    header.extend_from_slice(&0u32.to_le_bytes()); // transaction
    header.extend_from_slice(&4096u32.to_le_bytes()); // mini stream cutoff
    header.extend_from_slice(&END.to_le_bytes()); // first mini FAT sector
    header.extend_from_slice(&0u32.to_le_bytes());
    header.extend_from_slice(&END.to_le_bytes()); // first DIFAT sector
    header.extend_from_slice(&0u32.to_le_bytes());
    header.extend_from_slice(&0u32.to_le_bytes()); // DIFAT[0]: the FAT is sector 0
    for _ in 1..109 {
        header.extend_from_slice(&FREE.to_le_bytes());
    }
    let mut fat = vec![FAT, END];
    for i in 0..sectors {
        fat.push(if i + 1 == sectors { END } else { 3 + i });
    }
    fat.resize(128, FREE);
    let mut out = header;
    fat.iter()
        .for_each(|e| out.extend_from_slice(&e.to_le_bytes()));
    let entry = |name: &str, kind: u8, child: u32, start: u32, size: u32| {
        let mut e = vec![0u8; 128];
        let units: Vec<u16> = name.encode_utf16().collect();
        for (i, u) in units.iter().enumerate() {
            e[2 * i..2 * i + 2].copy_from_slice(&u.to_le_bytes());
        }
        let name_len = if name.is_empty() {
            0
        } else {
            (units.len() as u16 + 1) * 2
        };
        e[64..66].copy_from_slice(&name_len.to_le_bytes());
        e[66] = kind;
        e[67] = 1; // black
        e[68..72].copy_from_slice(&FREE.to_le_bytes());
        e[72..76].copy_from_slice(&FREE.to_le_bytes());
        e[76..80].copy_from_slice(&child.to_le_bytes());
        e[116..120].copy_from_slice(&start.to_le_bytes());
        e[120..124].copy_from_slice(&size.to_le_bytes());
        e
    };
    out.extend(entry("Root Entry", 5, 1, END, 0));
    out.extend(entry(name, 2, FREE, 2, stream.len() as u32));
    out.extend(entry("", 0, FREE, 0, 0));
    out.extend(entry("", 0, FREE, 0, 0));
    out.extend_from_slice(stream);
    out.resize(512 + 512 * (2 + sectors as usize), 0);
    out
}

fn pdf(objects: &[String]) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n{object}\nendobj\n", i + 1).into_bytes());
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).into_bytes());
    for offset in offsets {
        out.extend(format!("{offset:010} 00000 n \n").into_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .into_bytes(),
    );
    out
}

fn stream(body: &str) -> String {
    format!("<< /Length {} >>\nstream\n{body}\nendstream", body.len())
}

fn page(fonts: &str, content: &str) -> Vec<String> {
    vec![
        "<< /Type /Catalog /Pages 2 0 R >>".into(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".into(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << {fonts} >> >> /Contents 4 0 R >>"),
        stream(content),
    ]
}

fn utf16_hex(s: &str) -> String {
    s.encode_utf16().map(|u| format!("{u:04X}")).collect()
}

const HELVETICA: &str =
    "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>";

fn pdf_unijis(japanese: &str, english: &str) -> Vec<u8> {
    let content = format!(
        "BT /F1 12 Tf 72 760 Td <{}> Tj ET\nBT /F2 12 Tf 72 730 Td ({english}) Tj ET",
        utf16_hex(japanese)
    );
    let mut objects = page("/F1 5 0 R /F2 8 0 R", &content);
    objects.extend([
        "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>".to_string(),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R /DW 1000 >>".to_string(),
        "<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>".to_string(),
        HELVETICA.to_string(),
    ]);
    pdf(&objects)
}

fn pdf_to_unicode(japanese: &str, english: &str) -> Vec<u8> {
    let chars: Vec<char> = japanese.chars().collect();
    let codes: String = (1..=chars.len()).map(|i| format!("{i:04X}")).collect();
    let content =
        format!("BT /F1 12 Tf 72 760 Td <{codes}> Tj ET\nBT /F2 12 Tf 72 730 Td ({english}) Tj ET");
    let map: String = chars
        .iter()
        .enumerate()
        .map(|(i, c)| format!("<{:04X}> <{}>\n", i + 1, utf16_hex(&c.to_string())))
        .collect();
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n{} beginbfchar\n{map}endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend",
        chars.len()
    );
    let mut objects = page("/F1 5 0 R /F2 9 0 R", &content);
    objects.extend([
        "<< /Type /Font /Subtype /Type0 /BaseFont /MSGothic /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>".to_string(),
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /MSGothic /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 /CIDToGIDMap /Identity >>".to_string(),
        "<< /Type /FontDescriptor /FontName /MSGothic /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>".to_string(),
        stream(&cmap),
        HELVETICA.to_string(),
    ]);
    pdf(&objects)
}

#[cfg(test)]
mod tests {
    use super::*;
    use kurabe::import::source::{self, Content, Options, PdfReader};

    /// Every seed reads: a fuzzer starts from inputs that reach deep into each reader.
    #[test]
    fn every_seed_reads() {
        let dir = tempfile::tempdir().unwrap();
        run(&SeedArgs {
            dir: dir.path().to_path_buf(),
        })
        .unwrap();
        let options = Options {
            pdf: PdfReader::BuiltIn,
        };
        let mut read = 0;
        for folder in ["xlsx", "xls", "ods", "csv", "text", "pdf"] {
            for entry in std::fs::read_dir(dir.path().join(folder)).unwrap() {
                let path = entry.unwrap().path();
                let name = path.file_name().unwrap().to_string_lossy().into_owned();
                let result =
                    source::read_bytes_with(&name, std::fs::read(&path).unwrap(), &options);
                if name == "unijis.pdf" {
                    // The built-in reader may refuse it (pdftotext reads it); never garbage.
                    continue;
                }
                let source = result.unwrap_or_else(|e| panic!("{name}: {e}"));
                let all = match source.content {
                    Content::Text(t) => t,
                    Content::Sheets(s) => s
                        .iter()
                        .flat_map(|s| s.rows.iter().flatten())
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" "),
                };
                assert!(
                    all.contains("削除") || all.contains("deleted"),
                    "{name}: {all}"
                );
                read += 1;
            }
        }
        assert_eq!(read, 11);
    }

    /// The Excel 97-2003 seed with a sheet declaring 4 billion rows (calamine reserves rows ×
    /// columns cells from it: the 515 GB allocation of issue 25) is refused by the bounds.
    #[test]
    fn an_xls_declaring_billions_of_rows_is_refused() {
        let mut bytes = xls();
        let stream = 512 * 3;
        let at = (stream..bytes.len() - 4)
            .find(|&i| bytes[i..i + 4] == [0x00, 0x02, 14, 0])
            .expect("a DIMENSIONS record");
        bytes[at + 8..at + 12].copy_from_slice(&0xFFFF_FFF0u32.to_le_bytes());
        let err = source::read_bytes("dims.xls", bytes)
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("dims.xls: its declared dimensions span 4,294,967,280 rows"),
            "{err}"
        );
    }

    /// Every single byte of the Excel 97-2003 seed changed in turn: each read ends in the
    /// source or an error naming the file, never a panic or an abort.
    #[test]
    fn an_xls_with_any_byte_changed_reads_or_is_refused() {
        std::panic::set_hook(Box::new(|_| {}));
        let seed = xls();
        for at in (0..seed.len()).step_by(7) {
            for value in [0x00, 0xFF, seed[at] ^ 0x80] {
                let mut bytes = seed.clone();
                bytes[at] = value;
                if let Err(e) = source::read_bytes("changed.xls", bytes) {
                    assert!(e.to_string().starts_with("changed.xls"), "{e}");
                }
            }
        }
        let _ = std::panic::take_hook();
    }
}
