//! Reading a catalogue: the embedded one, or a directory of the same layout.

use super::embedded;
use super::model::{Catalog, ControlsFile, Origin, Vendor, VendorFile};
use super::problem::{Problem, Problems};
use super::validate::{validate_controls, validate_vendor};
use super::yaml;
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// A file to load: its name for messages, and its bytes.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> SourceFile {
        SourceFile {
            name: name.into(),
            bytes: bytes.into(),
        }
    }

    fn read(path: &Path) -> Result<SourceFile, Problem> {
        let name = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => Ok(SourceFile { name, bytes }),
            Err(e) => Err(Problem::new(&name, (0, 0), format!("cannot read: {e}"))
                .hint("check that the file exists and is readable")),
        }
    }
}

/// A loaded catalogue, and the problems of any vendor files that were left out of it.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub catalog: Catalog,
    pub problems: Vec<Problem>,
}

/// Loads the catalogue embedded in the binary.
pub fn load_embedded() -> Result<Loaded, Problems> {
    let controls = SourceFile::new(embedded::CONTROLS.0, embedded::CONTROLS.1);
    let vendors = embedded::VENDORS
        .iter()
        .map(|(name, bytes)| (SourceFile::new(*name, *bytes), Origin::Embedded))
        .collect();
    load(controls, vendors)
}

/// Loads `DIR/controls.yaml` and `DIR/vendors/*.yaml`.
pub fn load_dir(dir: &Path) -> Result<Loaded, Problems> {
    let controls = SourceFile::read(&dir.join("controls.yaml")).map_err(|p| Problems(vec![p]))?;
    let (vendors, mut unreadable) = read_vendor_dir(&dir.join("vendors"), Origin::Directory);
    let mut loaded = load(controls, vendors)?;
    unreadable.append(&mut loaded.problems);
    loaded.problems = unreadable;
    Ok(loaded)
}

/// Reads every `*.yaml` file of a vendors directory, in name order.
pub fn read_vendor_dir(dir: &Path, origin: Origin) -> (Vec<(SourceFile, Origin)>, Vec<Problem>) {
    let mut problems = Vec::new();
    let mut paths: Vec<_> = match std::fs::read_dir(dir) {
        Ok(rd) => rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
            .collect(),
        Err(e) => {
            problems.push(
                Problem::new(
                    &dir.display().to_string(),
                    (0, 0),
                    format!("cannot read directory: {e}"),
                )
                .hint("create the directory or point kurabe at another one"),
            );
            Vec::new()
        }
    };
    paths.sort();
    let files = paths
        .iter()
        .filter_map(|p| match SourceFile::read(p) {
            Ok(f) => Some((f, origin)),
            Err(problem) => {
                problems.push(problem);
                None
            }
        })
        .collect();
    (files, problems)
}

/// Loads a catalogue from its files. A broken controls file is fatal; a broken vendor file is
/// left out and reported, so one bad file never hides the others.
pub fn load(controls: SourceFile, vendors: Vec<(SourceFile, Origin)>) -> Result<Loaded, Problems> {
    let (taxonomy, positions) = yaml::read::<ControlsFile>(&controls.name, &controls.bytes)
        .map_err(|p| Problems(vec![p]))?;
    let problems = validate_controls(&controls.name, &taxonomy, &positions);
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    let order: HashMap<&str, usize> = taxonomy
        .categories
        .iter()
        .flat_map(|c| c.controls.iter())
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), i))
        .collect();

    let mut problems = Vec::new();
    let mut accepted: Vec<Vendor> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (file, origin) in vendors {
        let (parsed, positions) = match yaml::read::<VendorFile>(&file.name, &file.bytes) {
            Ok(ok) => ok,
            Err(p) => {
                problems.push(p);
                continue;
            }
        };
        let mut found = validate_vendor(&file.name, &parsed, &positions, &order);
        if !seen.insert(parsed.vendor.id.clone()) {
            found.push(
                Problem::new(
                    &file.name,
                    positions.at("vendor.id"),
                    format!("duplicate vendor id `{}`", parsed.vendor.id),
                )
                .hint("another file already defines this vendor: give this one its own id"),
            );
        }
        if found.is_empty() {
            accepted.push(Vendor {
                info: parsed.vendor,
                documents: parsed.documents,
                answers: parsed.answers,
                origin,
            });
        } else {
            problems.extend(found);
        }
    }
    let categories = taxonomy.categories;
    Ok(Loaded {
        catalog: Catalog::new(categories, accepted),
        problems,
    })
}
