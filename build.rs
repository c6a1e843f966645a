//! Embeds every file of `data/` in the binary, so `kurabe` runs with no files beside it.
use std::fmt::Write;
use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=data");
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut vendors: Vec<String> = std::fs::read_dir(data.join("vendors"))
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".yaml"))
                .collect()
        })
        .unwrap_or_default();
    vendors.sort();
    let mut out = String::from("/// The vendor files of `data/vendors/`, by file name.\npub const VENDORS: &[(&str, &[u8])] = &[\n");
    for name in &vendors {
        let path = data.join("vendors").join(name);
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    (\"data/vendors/{name}\", include_bytes!({:?})),",
            path.display().to_string()
        )
        .unwrap();
    }
    out.push_str("];\n");
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap()).join("embedded_vendors.rs");
    // A new file, not the old one overwritten: a target directory copied with hard links
    // (`cp -al`, one per worktree) would otherwise share this file with every copy.
    let _ = std::fs::remove_file(&dest);
    std::fs::write(dest, out).unwrap();
}
