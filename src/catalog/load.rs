//! Reading a catalogue: the embedded one, or a directory of the same layout.

use super::embedded;
use super::model::{Catalog, Category, ControlsFile, Origin, Vendor, VendorFile};
use super::problem::{Problem, Problems};
use super::validate::{validate_controls, validate_vendor, Known};
use super::yaml;
use crate::parallel::{map_chunks, threads_for};
use crate::sanitize::Sanitize;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

/// A file to load: its name for messages, and its bytes — or the path to read them from when
/// they are needed, so a large directory is never all in memory at once.
#[derive(Debug, Clone)]
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
    path: Option<std::path::PathBuf>,
}

impl SourceFile {
    pub fn new(name: impl Into<String>, bytes: impl Into<Vec<u8>>) -> SourceFile {
        SourceFile {
            // The name is shown in messages, so it is made harmless like any other text.
            name: crate::sanitize::line(&name.into()).into_owned(),
            bytes: bytes.into(),
            path: None,
        }
    }

    fn read(path: &Path) -> Result<SourceFile, Problem> {
        // Regular files only, and never more than the gate's size cap.
        let bytes = yaml::read_file(path)?;
        Ok(SourceFile::new(path.display().to_string(), bytes))
    }

    /// A file whose bytes are read when it is parsed.
    fn later(path: &Path) -> SourceFile {
        SourceFile {
            path: Some(path.to_path_buf()),
            ..SourceFile::new(path.display().to_string(), Vec::new())
        }
    }

    /// Where the file's bytes will be read from, if they were left for later.
    pub(crate) fn path_to_read(&self) -> Option<&Path> {
        self.path.as_deref().filter(|_| self.bytes.is_empty())
    }

    /// The file's bytes, read now if they were left for later.
    pub(crate) fn contents(&self) -> Result<std::borrow::Cow<'_, [u8]>, Problem> {
        match &self.path {
            Some(path) if self.bytes.is_empty() => Ok(yaml::read_file(path)?.into()),
            _ => Ok(self.bytes.as_slice().into()),
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
    load_embedded_with(UserLayer::default())
}

/// Loads the embedded catalogue with the user's files over it.
pub fn load_embedded_with(user: UserLayer) -> Result<Loaded, Problems> {
    let controls = SourceFile::new(embedded::CONTROLS.0, embedded::CONTROLS.1);
    let vendors = embedded::VENDORS
        .iter()
        .map(|(name, bytes)| (SourceFile::new(*name, *bytes), Origin::Embedded))
        .collect();
    load_layered(controls, vendors, user)
}

/// Loads `DIR/controls.yaml` and `DIR/vendors/*.yaml`.
pub fn load_dir(dir: &Path) -> Result<Loaded, Problems> {
    load_dir_with(dir, UserLayer::default())
}

/// Loads a catalogue directory with the user's files over it.
pub fn load_dir_with(dir: &Path, user: UserLayer) -> Result<Loaded, Problems> {
    let controls = SourceFile::read(&dir.join("controls.yaml")).map_err(|p| Problems(vec![p]))?;
    let (vendors, mut unreadable) = read_vendor_dir(&dir.join("vendors"), Origin::Directory);
    let mut loaded = load_layered(controls, vendors, user)?;
    unreadable.append(&mut loaded.problems);
    loaded.problems = unreadable;
    Ok(loaded)
}

/// The vendor files of a directory: `*.yaml` and `*.yml`, in name order. The loader and the
/// cache's key both list them here, so they always agree on what a catalogue is.
pub fn vendor_paths(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    paths.sort();
    Ok(paths)
}

/// Reads every `*.yaml` file of a vendors directory, in name order.
pub fn read_vendor_dir(dir: &Path, origin: Origin) -> (Vec<(SourceFile, Origin)>, Vec<Problem>) {
    let mut problems = Vec::new();
    let paths = match vendor_paths(dir) {
        Ok(paths) => paths,
        Err(e) => {
            problems.push(
                Problem::new(
                    &crate::sanitize::line(&dir.display().to_string()),
                    (0, 0),
                    format!("cannot read directory: {e}"),
                )
                .hint("create the directory or point kurabe at another one"),
            );
            Vec::new()
        }
    };
    // Read when parsed (by `read_vendor`), which reports any file that cannot be read.
    let files = paths
        .iter()
        .map(|p| (SourceFile::later(p), origin))
        .collect();
    (files, problems)
}

/// Loads a catalogue from its files. A broken controls file is fatal; a broken vendor file is
/// left out and reported, so one bad file never hides the others.
pub fn load(controls: SourceFile, vendors: Vec<(SourceFile, Origin)>) -> Result<Loaded, Problems> {
    load_layered(controls, vendors, UserLayer::default())
}

/// The user's own files, laid over a catalogue: extra controls, and vendors that join the
/// catalogue's or replace one with the same id.
#[derive(Debug, Clone, Default)]
pub struct UserLayer {
    pub controls: Option<SourceFile>,
    pub vendors: Vec<SourceFile>,
    /// Problems met while finding the user's files (unreadable files, directories).
    pub problems: Vec<Problem>,
}

impl UserLayer {
    /// Reads `DIR/controls.yaml` (if present) and `DIR/vendors/*.yaml` (if present).
    pub fn read(dir: &Path) -> UserLayer {
        let mut layer = UserLayer::default();
        let controls = dir.join("controls.yaml");
        match yaml::read_optional_file(&controls) {
            Ok(bytes) => {
                layer.controls = bytes.map(|b| SourceFile::new(controls.display().to_string(), b))
            }
            Err(p) => layer.problems.push(p),
        }
        let vendors = dir.join("vendors");
        if vendors.exists() {
            let (files, problems) = read_vendor_dir(&vendors, Origin::User);
            layer.vendors = files.into_iter().map(|(f, _)| f).collect();
            layer.problems.extend(problems);
        }
        layer
    }
}

/// Loads a catalogue and lays the user's files over it. Problems in the user's files leave
/// those files out and are reported; the rest still loads.
pub fn load_layered(
    controls: SourceFile,
    vendors: Vec<(SourceFile, Origin)>,
    user: UserLayer,
) -> Result<Loaded, Problems> {
    let (mut taxonomy, positions) = yaml::read::<ControlsFile>(&controls.name, &controls.bytes)
        .map_err(|p| Problems(vec![p]))?;
    taxonomy.sanitize();
    let problems = validate_controls(&controls.name, &taxonomy, &positions);
    if !problems.is_empty() {
        return Err(Problems(problems));
    }
    let mut categories = taxonomy.categories;
    let mut problems = user.problems;
    let base_controls = categories.iter().map(|c| c.controls.len()).sum::<usize>();
    if let Some(file) = &user.controls {
        match read_extra_controls(file, &categories) {
            Ok(extra) => categories.extend(extra),
            Err(found) => problems.extend(found),
        }
    }
    let order: Known = categories
        .iter()
        .flat_map(|c| c.controls.iter())
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), (i, c.kind)))
        .collect();

    let mut accepted: Vec<Vendor> = Vec::new();
    let mut seen: HashSet<String> = HashSet::new();
    for (file, read) in read_vendors(vendors, &order, base_controls) {
        match read {
            Ok(read) if !seen.insert(read.0.info.id.clone()) => {
                problems.push(duplicate(&file, &read))
            }
            Ok((vendor, _)) => accepted.push(vendor),
            Err(found) => problems.extend(found),
        }
    }
    let mut seen_user: HashSet<String> = HashSet::new();
    for file in &user.vendors {
        match read_vendor(file, Origin::User, &order, base_controls) {
            Ok(read) if !seen_user.insert(read.0.info.id.clone()) => {
                problems.push(duplicate(file, &read))
            }
            Ok((vendor, _)) => match accepted.iter_mut().find(|v| v.info.id == vendor.info.id) {
                Some(existing) => *existing = vendor,
                None => accepted.push(vendor),
            },
            Err(found) => problems.extend(found),
        }
    }
    Ok(Loaded {
        catalog: Catalog::new(categories, accepted),
        problems,
    })
}

/// A vendor read and checked, with where its id stands; or why it was left out.
type VendorRead = Result<(Vendor, (usize, usize)), Vec<Problem>>;

/// [`read_vendor`] for every file, in their order, on all cores when there are many (a
/// registry of a thousand vendors reads in half the time on two). Each file's bytes are let go
/// once it is read.
fn read_vendors(
    vendors: Vec<(SourceFile, Origin)>,
    order: &Known,
    required: usize,
) -> Vec<(SourceFile, VendorRead)> {
    let read = |(file, origin): (SourceFile, Origin)| {
        let result = read_vendor(&file, origin, order, required);
        (SourceFile::new(file.name, Vec::new()), result)
    };
    let threads = threads_for(vendors.len(), 64);
    map_chunks(vendors, threads, |part| {
        part.into_iter().map(read).collect()
    })
}

fn duplicate(file: &SourceFile, (vendor, id_at): &(Vendor, (usize, usize))) -> Problem {
    Problem::new(
        &file.name,
        *id_at,
        format!("duplicate vendor id `{}`", vendor.info.id),
    )
    .hint("another file already defines this vendor: give this one its own id")
}

/// Reads and checks one vendor file against the known controls; answers are required for the
/// first `required` controls (the catalogue's own, not the user's extra ones). Returns the
/// vendor and where its id stands.
fn read_vendor(
    file: &SourceFile,
    origin: Origin,
    known: &Known,
    required: usize,
) -> Result<(Vendor, (usize, usize)), Vec<Problem>> {
    let bytes = file.contents().map_err(|p| vec![p])?;
    parse_vendor(&file.name, &bytes, origin, known, required)
}

/// [`read_vendor`] of bytes already read.
fn parse_vendor(
    name: &str,
    bytes: &[u8],
    origin: Origin,
    known: &Known,
    required: usize,
) -> Result<(Vendor, (usize, usize)), Vec<Problem>> {
    let (mut parsed, positions) = yaml::read::<VendorFile>(name, bytes).map_err(|p| vec![p])?;
    parsed.sanitize();
    parsed
        .answers
        .iter_mut()
        .for_each(super::model::Answer::migrate_legacy_vendor_words);
    let found = validate_vendor(name, &parsed, &positions, known, required);
    if !found.is_empty() {
        return Err(found);
    }
    let vendor = Vendor {
        info: parsed.vendor,
        documents: parsed.documents,
        answers: parsed.answers.into(),
        origin,
    };
    Ok((vendor, positions.at("vendor.id")))
}

/// Reads and checks one vendor file as the loader does, against the ids of a loaded
/// catalogue's controls (answers to all of them are not required). For checking an edited
/// file before it replaces the old one.
pub fn read_vendor_against(
    file: &SourceFile,
    origin: Origin,
    controls: &[(String, super::ControlKind)],
) -> Result<Vendor, Vec<Problem>> {
    let known: HashMap<&str, (usize, super::ControlKind)> = controls
        .iter()
        .enumerate()
        .map(|(i, (id, kind))| (id.as_str(), (i, *kind)))
        .collect();
    read_vendor(file, origin, &known, 0).map(|(vendor, _)| vendor)
}

/// The user's extra categories: checked like the catalogue's, and none may reuse an id.
fn read_extra_controls(
    file: &SourceFile,
    base: &[Category],
) -> Result<Vec<Category>, Vec<Problem>> {
    let (mut extra, positions) =
        yaml::read::<ControlsFile>(&file.name, &file.bytes).map_err(|p| vec![p])?;
    extra.sanitize();
    let mut found = validate_controls(&file.name, &extra, &positions);
    let categories: HashSet<&str> = base.iter().map(|c| c.id.as_str()).collect();
    let controls: HashSet<&str> = base
        .iter()
        .flat_map(|c| c.controls.iter())
        .map(|c| c.id.as_str())
        .collect();
    for (ci, category) in extra.categories.iter().enumerate() {
        if categories.contains(category.id.as_str()) {
            found.push(
                Problem::new(
                    &file.name,
                    positions.at(&format!("categories[{ci}].id")),
                    format!("category id `{}` is already in the catalogue", category.id),
                )
                .hint("give your category its own id"),
            );
        }
        for (i, control) in category.controls.iter().enumerate() {
            if controls.contains(control.id.as_str()) {
                found.push(
                    Problem::new(
                        &file.name,
                        positions.at(&format!("categories[{ci}].controls[{i}].id")),
                        format!("control id `{}` is already in the catalogue", control.id),
                    )
                    .hint("give your control its own id"),
                );
            }
        }
    }
    if found.is_empty() {
        Ok(extra.categories)
    } else {
        Err(found)
    }
}
