//! Cache files mapped into memory, safe against another program changing them in place.
//!
//! Reading a mapped file that another program has truncated faults (SIGBUS) past its new end,
//! and a file rewritten in place shows bytes that were never checked. kurabe itself only ever
//! replaces a cache file by renaming a new one over it, but cannot stop other programs. So on
//! Linux it holds a read lease on every file it maps (`F_SETLEASE`): whoever then opens the
//! file for writing, or truncates it, waits (up to `/proc/sys/fs/lease-break-time`, 45 s by
//! default) while the kernel tells kurabe (SIGIO). kurabe copies the mapping's bytes into
//! memory of its own, puts the copy at the very same addresses (`mremap`), and gives the lease
//! back: the writer goes on, and everything that borrows from the mapping reads the same bytes
//! as before, now from memory. Where no lease can be had (a program already holds the file open
//! for writing, a file system without leases, a file of another owner, another system), the
//! file is read into memory of its own instead of mapped: slower to start, as safe.
//!
//! A copy that cannot be made (no memory) is tried again every 100 ms while the writer waits.
//! What stays unsafe (README, "cache"): a kurabe stopped (Ctrl-Z, a debugger), or unable to
//! find the memory for the copy, for longer than the lease-break time while another program
//! truncates its file (the kernel then breaks the lease itself); a program truncating the file
//! with `open(O_RDONLY | O_TRUNC)`, which Linux allows and which breaks no read lease; and a
//! file system shared with other machines, whose writes break no local lease.

use memmap2::{Mmap, MmapMut};
use std::fs::File;
use std::io::{self, Read};
use std::ops::Deref;

/// The bytes of a file, mapped under a lease or read into memory; they never change.
pub struct MappedFile {
    bytes: Mmap,
    #[cfg(target_os = "linux")]
    lease: Option<lease::Id>,
}

/// How a [`MappedFile`] holds its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Held {
    /// Mapped, under a lease: another program opening the file to write waits for a copy.
    Leased,
    /// Read into memory of its own (or copied there when another program asked to write).
    Copied,
}

impl MappedFile {
    /// The bytes of `file` (read from its start), refused beyond `max` bytes: mapped under a
    /// lease where one can be had, read into memory otherwise. With `populate`, the mapping's
    /// pages are read in at once (`MAP_POPULATE`), for a caller that checks every byte of the
    /// mapping before use.
    pub fn open(file: File, max: u64, populate: bool) -> io::Result<MappedFile> {
        let len = file.metadata()?.len();
        if len > max {
            return Err(too_large());
        }
        #[cfg(target_os = "linux")]
        let file = match lease::map(file, populate) {
            // It may have grown since `stat`.
            Ok(Ok(mapped)) if mapped.len() as u64 > max => return Err(too_large()),
            Ok(mapped) => return mapped,
            Err(file) => file,
        };
        #[cfg(not(target_os = "linux"))]
        let _ = populate; // nothing is mapped there
        copied(file, len)
    }

    /// How its bytes are held now.
    pub fn held(&self) -> Held {
        #[cfg(target_os = "linux")]
        if let Some(id) = self.lease {
            if lease::is_held(id) {
                return Held::Leased;
            }
        }
        Held::Copied
    }
}

impl Deref for MappedFile {
    type Target = [u8];
    fn deref(&self) -> &[u8] {
        &self.bytes
    }
}

impl Drop for MappedFile {
    fn drop(&mut self) {
        // Before the mapping goes (when `bytes` drops, after this), so that no copy is ever
        // put where it was.
        #[cfg(target_os = "linux")]
        if let Some(id) = self.lease {
            lease::forget(id);
        }
    }
}

fn too_large() -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, "too large")
}

/// `len` bytes of `file` read into anonymous memory (page-aligned, as a mapping is), read-only.
fn copied(mut file: File, len: u64) -> io::Result<MappedFile> {
    let len = usize::try_from(len).map_err(|_| io::Error::from(io::ErrorKind::OutOfMemory))?;
    let bytes = if len == 0 {
        // Not a mapping of the file, which may have grown since `stat`.
        MmapMut::map_anon(0)?.make_read_only()?
    } else {
        let mut anonymous = MmapMut::map_anon(len)?;
        // Shorter than `stat` said: changed in between; the caller's checks see a short file.
        let mut read = 0;
        while read < len {
            match file.read(&mut anonymous[read..]) {
                Ok(0) => return Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
                Ok(n) => read += n,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        anonymous.make_read_only()?
    };
    Ok(MappedFile {
        bytes,
        #[cfg(target_os = "linux")]
        lease: None,
    })
}

#[cfg(target_os = "linux")]
mod lease {
    use super::MappedFile;
    use memmap2::MmapOptions;
    use std::fs::File;
    use std::io;
    use std::os::fd::AsRawFd;
    use std::sync::{Mutex, MutexGuard, OnceLock};

    pub(super) type Id = u64;

    struct Leased {
        id: Id,
        file: File,
        at: usize,
        len: usize,
    }

    /// Every mapping under a lease. Locked while one is made, copied or forgotten, so that a
    /// copy is only ever put over a mapping that is still there.
    struct Registry {
        next: Id,
        leased: Vec<Leased>,
    }

    static REGISTRY: Mutex<Registry> = Mutex::new(Registry {
        next: 0,
        leased: Vec::new(),
    });

    fn registry() -> MutexGuard<'static, Registry> {
        REGISTRY
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Whether the thread that answers a lease's break runs (started on first use). Without
    /// it SIGIO would end the process, so no lease is taken.
    fn watching() -> bool {
        static WATCHING: OnceLock<bool> = OnceLock::new();
        *WATCHING.get_or_init(|| {
            let Ok(mut signals) = signal_hook::iterator::Signals::new([libc::SIGIO]) else {
                return false;
            };
            std::thread::Builder::new()
                .name("kurabe-leases".into())
                .spawn(move || {
                    for _ in signals.forever() {
                        // A copy that failed is tried again while the writer waits (SIGIO
                        // comes once per break).
                        while !answer_breaks() {
                            std::thread::sleep(RETRY);
                        }
                    }
                })
                .is_ok()
        })
    }

    /// `file` mapped under a read lease, or `file` back when no lease can be had.
    pub(super) fn map(file: File, populate: bool) -> Result<io::Result<MappedFile>, File> {
        if !watching() {
            return Err(file);
        }
        let mut registry = registry();
        let fd = file.as_raw_fd();
        // SAFETY: fcntl on a descriptor this function owns.
        if unsafe { libc::fcntl(fd, libc::F_SETLEASE, libc::F_RDLCK) } != 0 {
            return Err(file);
        }
        // The break is signalled to the process, not to the thread that took the lease, which
        // may be gone by then (older kernels signal that thread only).
        // SAFETY: as above.
        unsafe { libc::fcntl(fd, libc::F_SETOWN, libc::getpid()) };
        // SAFETY: a shared, read-only mapping of a file under a read lease: nobody can open it
        // for writing or truncate it before the copy is in place (see the module's doc).
        let mut options = MmapOptions::new();
        if populate {
            options.populate();
        }
        let bytes = match unsafe { options.map(&file) } {
            Ok(bytes) if !bytes.is_empty() => bytes,
            Ok(_) => {
                release(&file);
                return Err(file);
            }
            Err(e) => {
                release(&file);
                return Ok(Err(e));
            }
        };
        let id = registry.next;
        registry.next += 1;
        registry.leased.push(Leased {
            id,
            file,
            at: bytes.as_ptr() as usize,
            len: bytes.len(),
        });
        Ok(Ok(MappedFile {
            bytes,
            lease: Some(id),
        }))
    }

    /// Whether the mapping is under its lease still, not being broken.
    pub(super) fn is_held(id: Id) -> bool {
        registry()
            .leased
            .iter()
            .any(|l| l.id == id && lease_of(&l.file) == libc::F_RDLCK)
    }

    fn lease_of(file: &File) -> libc::c_int {
        // SAFETY: fcntl on a descriptor the caller owns.
        unsafe { libc::fcntl(file.as_raw_fd(), libc::F_GETLEASE) }
    }

    /// The lease of a mapping about to go, given back (its file closed).
    pub(super) fn forget(id: Id) {
        registry().leased.retain(|l| l.id != id);
    }

    fn release(file: &File) {
        // SAFETY: fcntl on a descriptor the caller owns.
        unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETLEASE, libc::F_UNLCK) };
    }

    /// How long a copy that failed waits to be tried again.
    const RETRY: std::time::Duration = std::time::Duration::from_millis(100);

    /// On SIGIO: every mapping whose lease is being broken (it no longer reads as a read
    /// lease) is copied into memory in place, and its lease given back. Returns false if a
    /// copy could not be made (no memory): that lease is kept, the writer still waiting, and
    /// the copy is tried again.
    fn answer_breaks() -> bool {
        let mut answered = true;
        registry().leased.retain(|leased| {
            if lease_of(&leased.file) == libc::F_RDLCK {
                return true;
            }
            // Shorter than mapped: the kernel gave up waiting (the lease-break time passed)
            // and the file was truncated; nothing whole is left to copy.
            let whole = leased
                .file
                .metadata()
                .is_ok_and(|m| m.len() >= leased.len as u64);
            if !whole {
                return false;
            }
            // SAFETY: the mapping is there (the registry is locked, and a mapping leaves it
            // before it is unmapped), and the file is whole while its lease is held.
            if unsafe { copy_in_place(leased.at, leased.len) }.is_err() {
                answered = false;
                return true;
            }
            release(&leased.file);
            false
        });
        answered
    }

    /// Puts a private copy of the `len` mapped bytes at `at` where they are.
    ///
    /// # Safety
    /// `at..at + len` must be one mapping, page-aligned at `at`, readable in full.
    unsafe fn copy_in_place(at: usize, len: usize) -> io::Result<()> {
        let fail = || Err(io::Error::last_os_error());
        let copy = libc::mmap(
            std::ptr::null_mut(),
            len,
            libc::PROT_READ | libc::PROT_WRITE,
            libc::MAP_PRIVATE | libc::MAP_ANONYMOUS,
            -1,
            0,
        );
        if copy == libc::MAP_FAILED {
            return fail();
        }
        std::ptr::copy_nonoverlapping(at as *const u8, copy as *mut u8, len);
        libc::mprotect(copy, len, libc::PROT_READ);
        // Atomically, for every thread reading the mapping: the copy replaces it, page for page.
        let moved = libc::mremap(
            copy,
            len,
            len,
            libc::MREMAP_MAYMOVE | libc::MREMAP_FIXED,
            at as *mut libc::c_void,
        );
        if moved == libc::MAP_FAILED {
            let error = io::Error::last_os_error();
            libc::munmap(copy, len);
            return Err(error);
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn file_of(bytes: &[u8]) -> (tempfile::TempDir, std::path::PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.kc");
        std::fs::File::create(&path)
            .unwrap()
            .write_all(bytes)
            .unwrap();
        (dir, path)
    }

    #[test]
    fn a_file_beyond_the_bound_is_refused_before_it_is_read() {
        let (_dir, path) = file_of(&[7; 100]);
        let error = MappedFile::open(File::open(&path).unwrap(), 99, true)
            .err()
            .unwrap();
        assert_eq!(error.kind(), io::ErrorKind::InvalidData);
        assert_eq!(
            &*MappedFile::open(File::open(&path).unwrap(), 100, true).unwrap(),
            &[7; 100]
        );
    }

    #[test]
    fn a_copied_file_keeps_its_bytes_when_the_file_is_truncated() {
        let contents: Vec<u8> = (0..3 * 4096 + 5).map(|i| (i % 251) as u8).collect();
        let (_dir, path) = file_of(&contents);
        let copied = copied(File::open(&path).unwrap(), contents.len() as u64).unwrap();
        assert_eq!(copied.held(), Held::Copied);
        std::fs::OpenOptions::new()
            .write(true)
            .truncate(true)
            .open(&path)
            .unwrap();
        assert_eq!(&*copied, &contents[..]);
    }

    /// A file found empty and written before it is read: nothing of it is mapped (a mapping of
    /// a file is of its length when mapped, unchecked and unleased).
    #[test]
    fn a_file_found_empty_is_not_mapped() {
        let (_dir, path) = file_of(b"");
        let empty = MappedFile::open(File::open(&path).unwrap(), 10, true).unwrap();
        assert!(empty.is_empty());
        assert_eq!(empty.held(), Held::Copied);
        std::fs::write(&path, b"written after").unwrap();
        let found_empty = copied(File::open(&path).unwrap(), 0).unwrap();
        assert!(found_empty.is_empty());
    }

    /// Whether this process can take a read lease on a file of its own here (a file system
    /// with leases, leases enabled): taken and given back at once, nobody else having it open.
    #[cfg(target_os = "linux")]
    fn leases_work_in(dir: &std::path::Path) -> bool {
        use std::os::fd::AsRawFd;
        let probe = dir.join("probe");
        std::fs::write(&probe, b"p").unwrap();
        let file = File::open(&probe).unwrap();
        // SAFETY: fcntl on a descriptor of this test's; nobody opens the probe to write, so
        // no break (and no SIGIO) can come before the lease is given back.
        let taken = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETLEASE, libc::F_RDLCK) } == 0;
        unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETLEASE, libc::F_UNLCK) };
        taken
    }

    /// Another program truncating one mapped file and rewriting another in place: each waits
    /// for kurabe's copy, and kurabe reads its bytes as they were (no SIGBUS, nothing unchecked).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_mapped_file_truncated_or_rewritten_by_another_program_keeps_its_bytes() {
        let contents: Vec<u8> = (0..40 * 4096 + 123).map(|i| (i % 253) as u8).collect();
        let (dir, truncated) = file_of(&contents);
        let rewritten = dir.path().join("g.ki");
        std::fs::write(&rewritten, &contents).unwrap();
        let leases = leases_work_in(dir.path());
        if !leases {
            eprintln!("no read lease here: the files are read into memory, not mapped");
        }
        let maps = [(&truncated, true), (&rewritten, false)].map(|(path, populate)| {
            let file = crate::files::open_regular(path).unwrap();
            MappedFile::open(file, u64::MAX, populate).unwrap()
        });
        for map in &maps {
            assert_eq!(map.held(), if leases { Held::Leased } else { Held::Copied });
        }
        let started = std::time::Instant::now();
        // A shell's `>` truncates and `1<>` opens to write in place, both blocking on a lease.
        let mut other = std::process::Command::new("sh")
            .args(["-c", ": > \"$0\" && printf changed 1<> \"$1\""])
            .args([&truncated, &rewritten])
            .spawn()
            .unwrap();
        let status = loop {
            if let Some(status) = other.try_wait().unwrap() {
                break status;
            }
            // The kernel breaks a lease nobody answers after 45 s.
            assert!(started.elapsed().as_secs() < 30, "the writer still waits");
            std::thread::sleep(std::time::Duration::from_millis(5));
        };
        assert!(status.success());
        assert_eq!(std::fs::metadata(&truncated).unwrap().len(), 0);
        assert!(std::fs::read(&rewritten).unwrap().starts_with(b"changed"));
        for map in &maps {
            assert_eq!(map.held(), Held::Copied);
            assert_eq!(&map[..], &contents[..]);
        }
    }
}
