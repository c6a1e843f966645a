//! The house's floors: top-level modules of `src/` import each other in one direction only.
//! Read from the source (`crate::…` paths, `use crate::{…}` groups included), so a new import
//! that closes a circle fails here, naming the circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeSet<String>>;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src/ is readable") {
        let path = entry.expect("a directory entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file of `src/` belongs to (`src/catalog/load.rs` → `catalog`);
/// `None` for the crate roots.
fn top_module(src: &Path, file: &Path) -> Option<String> {
    let rel = file.strip_prefix(src).ok()?;
    let first = rel.components().next()?.as_os_str().to_string_lossy();
    let name = first.strip_suffix(".rs").unwrap_or(&first).to_string();
    (name != "lib" && name != "main").then_some(name)
}

/// The top-level modules a piece of code names through `crate::`.
fn imported_modules(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = BTreeSet::new();
    for line in code.lines() {
        let line = line.trim_start();
        if line.starts_with("//") {
            continue;
        }
        let line = line.split("//").next().unwrap_or("");
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a::b, c};`: the names at the group's top level.
                let mut depth = 0;
                let mut start = true;
                for (i, c) in group.char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => start = true,
                        c if start && !c.is_whitespace() => {
                            start = false;
                            out.insert(ident(&group[i..]));
                        }
                        _ => {}
                    }
                }
            } else {
                out.insert(ident(rest));
            }
        }
    }
    out.retain(|m| !m.is_empty() && m != "self");
    out
}

fn import_graph() -> Graph {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut graph = Graph::new();
    for file in files {
        let Some(module) = top_module(&src, &file) else {
            continue;
        };
        let code = std::fs::read_to_string(&file).expect("a source file is UTF-8");
        let imports = graph.entry(module.clone()).or_default();
        imports.extend(imported_modules(&code).into_iter().filter(|m| *m != module));
    }
    graph
}

/// A circle of imports, if there is one: `[a, b, …, a]`.
fn find_circle(graph: &Graph) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &Graph,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|n| n == node) {
            let mut circle = path[at..].to_vec();
            circle.push(node.to_string());
            return Some(circle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(circle) = visit(next, graph, path, done) {
                return Some(circle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|start| visit(start, graph, &mut Vec::new(), &mut done))
}

#[test]
fn the_parser_reads_every_form_of_import() {
    let code = "use crate::catalog::{Catalog, Lang};\n\
                use crate::{reviews::Verdict, view::{self, Scope}};\n\
                // use crate::tui::App;\n\
                let x = crate::export::write::write_new(p); // crate::cli\n";
    let found: Vec<String> = imported_modules(code).into_iter().collect();
    assert_eq!(found, ["catalog", "export", "reviews", "view"]);
}

#[test]
fn a_circle_is_found() {
    let mut graph = Graph::new();
    for (from, to) in [("cli", "tui"), ("tui", "session"), ("session", "cli")] {
        graph.entry(from.into()).or_default().insert(to.into());
    }
    graph.entry("catalog".into()).or_default();
    let circle = find_circle(&graph).expect("the circle");
    assert_eq!(circle.first(), circle.last());
    assert_eq!(circle.len(), 4, "{circle:?}");
}

#[test]
fn top_level_modules_import_each_other_in_one_direction() {
    let graph = import_graph();
    assert!(
        graph.contains_key("catalog") && graph.contains_key("tui"),
        "{graph:?}"
    );
    if let Some(circle) = find_circle(&graph) {
        panic!(
            "top-level modules import each other in a circle: {}\n(the whole graph: {graph:#?})",
            circle.join(" → ")
        );
    }
}

#[test]
fn lower_floors_do_not_point_up() {
    let graph = import_graph();
    let forbidden: &[(&str, &[&str])] = &[
        (
            "catalog",
            &["view", "tui", "cli", "session", "reviews", "export"],
        ),
        ("sanitize", &["catalog"]),
        ("text", &["catalog"]),
        // A words table knows no domain type: verdict and outcome words live beside them.
        (
            "words",
            &[
                "reviews",
                "requirements",
                "view",
                "drafts",
                "export",
                "tui",
                "cli",
            ],
        ),
        // The importer drafts answers; the drafts (review, vendor files) know nothing of it.
        ("drafts", &["import"]),
    ];
    for (module, above) in forbidden {
        let imports = graph.get(*module).cloned().unwrap_or_default();
        for up in *above {
            assert!(
                !imports.contains(*up),
                "`{module}` imports `{up}`, a floor above it (it imports {imports:?})"
            );
        }
    }
}
