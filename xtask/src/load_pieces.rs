//! Times the pieces of loading a catalogue directory, one thread, for BENCHMARKS.md:
//! `cargo run --release -p xtask -- load-pieces --data DIR`. A development tool: it stops at
//! the first error (the catalogue is one `xtask generate` wrote).
use kurabe::catalog::model::VendorFile;
use std::path::Path;
use std::time::Instant;

pub fn run(dir: &Path) -> anyhow::Result<()> {
    let paths = kurabe::catalog::load::vendor_paths(&dir.join("vendors")).unwrap();
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    let files: Vec<(String, Vec<u8>)> = paths
        .iter()
        .map(|p| (p.display().to_string(), std::fs::read(p).unwrap()))
        .collect();
    let read = ms(t);
    let mb = files.iter().map(|f| f.1.len()).sum::<usize>() as f64 / 1e6;
    println!("{} files, {mb:.1} MB; read {read:.0} ms", files.len());
    let t = Instant::now();
    for p in &paths {
        std::hint::black_box(std::fs::metadata(p).unwrap());
    }
    println!("stat every file: {:.1} ms", ms(t));
    let t = Instant::now();
    let mut h = 0u128;
    for f in &files {
        h ^= xxhash_rust::xxh3::xxh3_128(&f.1);
    }
    std::hint::black_box(h);
    println!(
        "xxh3 of every byte: {:.1} ms ({:.1} ms/MB)",
        ms(t),
        ms(t) / mb
    );
    let t = Instant::now();
    for f in &files {
        let text = std::str::from_utf8(&f.1).unwrap();
        let mut parser = yaml_rust2::parser::Parser::new_from_str(text);
        loop {
            let (e, _) = parser.next_token().unwrap();
            if matches!(e, yaml_rust2::parser::Event::StreamEnd) {
                break;
            }
        }
    }
    let e = ms(t);
    println!("yaml-rust2 events only: {e:.0} ms ({:.1} ms/MB)", e / mb);
    let t = Instant::now();
    for f in &files {
        let text = std::str::from_utf8(&f.1).unwrap();
        std::hint::black_box(serde_yaml::from_str::<VendorFile>(text).unwrap());
    }
    let s = ms(t);
    println!("serde_yaml alone: {s:.0} ms ({:.1} ms/MB)", s / mb);
    let t = Instant::now();
    for f in &files {
        let text = std::str::from_utf8(&f.1).unwrap();
        std::hint::black_box(serde_yaml::from_str::<serde::de::IgnoredAny>(text).unwrap());
    }
    let s = ms(t);
    println!(
        "serde_yaml, nothing built (libyaml's parse): {s:.0} ms ({:.1} ms/MB)",
        s / mb
    );
    let t = Instant::now();
    for f in &files {
        std::hint::black_box(
            kurabe::catalog::yaml::read::<serde::de::IgnoredAny>(&f.0, &f.1).unwrap(),
        );
    }
    let s = ms(t);
    println!(
        "gate, nothing built (checks, walk, libyaml's parse): {s:.0} ms ({:.1} ms/MB)",
        s / mb
    );
    let t = Instant::now();
    for f in &files {
        std::hint::black_box(kurabe::catalog::yaml::read::<VendorFile>(&f.0, &f.1).unwrap());
    }
    let g = ms(t);
    println!(
        "whole gate (checks, walk, serde_yaml through sanitize): {g:.0} ms ({:.1} ms/MB)",
        g / mb
    );
    let t = Instant::now();
    let loaded = kurabe::catalog::load_dir(dir).unwrap();
    println!("load_dir (all cores): {:.0} ms", ms(t));
    drop(loaded);
    let cache = std::env::temp_dir().join("kurabe-load-pieces");
    let _ = std::fs::remove_dir_all(&cache);
    let l = kurabe::catalog::load_dir(dir).unwrap();
    kurabe::catalog::cache::write(dir, &cache, &l.catalog, &l.problems).unwrap();
    drop(l);
    let t = Instant::now();
    std::hint::black_box(kurabe::catalog::cache::key(dir, &Default::default()).unwrap());
    println!("cache key (all cores): {:.0} ms", ms(t));
    let t = Instant::now();
    let c = kurabe::catalog::cache::read(dir, &cache).unwrap().unwrap();
    println!("cached load, key included (all cores): {:.0} ms", ms(t));
    let t = Instant::now();
    drop(c);
    println!("dropping the catalogue: {:.0} ms", ms(t));
    let _ = std::fs::remove_dir_all(&cache);
    Ok(())
}
