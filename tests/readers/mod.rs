//! Documents for the readers' tests, made here rather than checked in: PDFs written byte by
//! byte (no font file is needed: the fonts are not embedded), workbooks from rust_xlsxwriter
//! with members rewritten by hand for the malformed ones, and OpenDocument spreadsheets.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::path::Path;
use std::process::{Command, Output};

/// kurabe run on a throwaway home under `root`, with `PATH` set to `path` where given.
pub fn kurabe(root: &Path, args: &[&str], path: Option<&str>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_kurabe"));
    for (name, dir) in [
        ("CONFIG", "config"),
        ("DATA", "data"),
        ("STATE", "state"),
        ("CACHE", "cache"),
    ] {
        command.env(format!("KURABE_{name}_DIR"), root.join(dir));
    }
    if let Some(path) = path {
        command.env("PATH", path);
    }
    command.args(args).output().expect("kurabe runs")
}

/// A PDF of one page from its objects (1: catalog, 2: pages, 3: page, then the caller's, the
/// page's content stream and fonts), with a correct cross-reference table.
pub fn pdf(objects: &[String]) -> Vec<u8> {
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

fn page_objects(fonts: &str, content: &str) -> Vec<String> {
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

/// Japanese in a font that is not embedded, with the predefined CMap `UniJIS-UCS2-H` (the
/// codes are UCS-2): what a reader needs poppler-data's tables for. Plus an English line in
/// Helvetica.
pub fn pdf_unijis(japanese: &str, english: &str) -> Vec<u8> {
    let content = format!(
        "BT /F1 12 Tf 72 760 Td <{}> Tj ET\nBT /F2 12 Tf 72 730 Td ({english}) Tj ET",
        utf16_hex(japanese)
    );
    let mut objects = page_objects("/F1 5 0 R /F2 8 0 R", &content);
    objects.extend([
        "<< /Type /Font /Subtype /Type0 /BaseFont /KozMinPr6N-Regular /Encoding /UniJIS-UCS2-H /DescendantFonts [6 0 R] >>".to_string(),
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /KozMinPr6N-Regular /CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> /FontDescriptor 7 0 R /DW 1000 >>".to_string(),
        "<< /Type /FontDescriptor /FontName /KozMinPr6N-Regular /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>".to_string(),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ]);
    pdf(&objects)
}

/// Japanese through `Identity-H` and a ToUnicode map (codes 1, 2, … for the characters in
/// order), the font not embedded; plus an English line in Helvetica.
pub fn pdf_to_unicode(japanese: &str, english: &str) -> Vec<u8> {
    let chars: Vec<char> = japanese.chars().collect();
    let codes: String = (1..=chars.len()).map(|i| format!("{i:04X}")).collect();
    let content =
        format!("BT /F1 12 Tf 72 760 Td <{codes}> Tj ET\nBT /F2 12 Tf 72 730 Td ({english}) Tj ET");
    let mut map = String::new();
    for (i, c) in chars.iter().enumerate() {
        map.push_str(&format!(
            "<{:04X}> <{}>\n",
            i + 1,
            utf16_hex(&c.to_string())
        ));
    }
    let cmap = format!(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n{} beginbfchar\n{map}endbfchar\nendcmap\nCMapName currentdict /CMap defineresource pop\nend\nend",
        chars.len()
    );
    let mut objects = page_objects("/F1 5 0 R /F2 9 0 R", &content);
    objects.extend([
        "<< /Type /Font /Subtype /Type0 /BaseFont /MSGothic /Encoding /Identity-H /DescendantFonts [6 0 R] /ToUnicode 8 0 R >>".to_string(),
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /MSGothic /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor 7 0 R /DW 1000 /CIDToGIDMap /Identity >>".to_string(),
        "<< /Type /FontDescriptor /FontName /MSGothic /Flags 4 /FontBBox [0 -120 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 700 /StemV 80 >>".to_string(),
        stream(&cmap),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>".to_string(),
    ]);
    pdf(&objects)
}

/// A zip archive of `members` (name, bytes), deflated.
pub fn zip(members: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in members {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated)
            .large_file(bytes.len() > u32::MAX as usize / 2);
        writer.start_file(name.as_str(), options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The members of a zip archive.
pub fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut member = archive.by_index(i).unwrap();
            let name = String::from_utf8_lossy(member.name_raw()).into_owned();
            let mut bytes = Vec::new();
            member.read_to_end(&mut bytes).unwrap();
            (name, bytes)
        })
        .collect()
}

/// A small valid workbook: one sheet `回答` of a question and an answer.
pub fn workbook(sheet_name: &str) -> Vec<u8> {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(sheet_name).unwrap();
    sheet.write_string(0, 0, "項目").unwrap();
    sheet.write_string(0, 1, "回答").unwrap();
    sheet.write_string(1, 0, "データの削除").unwrap();
    sheet
        .write_string(1, 1, "契約終了後30日以内にお客様のデータを削除します。")
        .unwrap();
    workbook.save_to_buffer().unwrap()
}

/// [`workbook`] with one member's text edited by `edit`.
pub fn edited_workbook(member: &str, edit: impl Fn(&str) -> String) -> Vec<u8> {
    let members = unzip(&workbook("回答"))
        .into_iter()
        .map(|(name, bytes)| {
            if name == member {
                let text = String::from_utf8(bytes).unwrap();
                (name, edit(&text).into_bytes())
            } else {
                (name, bytes)
            }
        })
        .collect::<Vec<_>>();
    zip(&members)
}

/// An OpenDocument spreadsheet whose one table holds `rows` (table-row elements).
pub fn ods(rows: &str) -> Vec<u8> {
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Sheet1">{rows}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    writer.start_file("mimetype", stored).unwrap();
    writer
        .write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    writer.start_file("content.xml", deflated).unwrap();
    writer.write_all(content.as_bytes()).unwrap();
    writer
        .start_file("META-INF/manifest.xml", deflated)
        .unwrap();
    writer.write_all(manifest.as_bytes()).unwrap();
    writer.finish().unwrap().into_inner()
}

/// A table row of text cells.
pub fn ods_row(cells: &[&str]) -> String {
    let cells: String = cells
        .iter()
        .map(|c| format!(r#"<table:table-cell office:value-type="string"><text:p>{c}</text:p></table:table-cell>"#))
        .collect();
    format!("<table:table-row>{cells}</table:table-row>")
}
