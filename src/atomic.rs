//! Writing outputs atomically: a temporary file in the same folder, flushed,
//! then renamed over the target, so that a reader never sees half a file and
//! a failure leaves the old file in place.
//!
//! A target that is no regular file (`/dev/null`, `/dev/stdout`, a named
//! pipe) is written directly: renaming over it would replace the device by
//! a file. A symbolic link to a file keeps its link: the file it points to
//! is the one replaced.

use crate::error::{Error, ErrorKind, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where bytes for `path` go: renamed over a regular file (the one a
/// symbolic link points to), or written directly into a device or pipe.
enum Target {
    Rename(PathBuf),
    Direct,
}

fn target(path: &Path) -> Target {
    match fs::metadata(path) {
        Ok(m) if !m.is_file() && !m.is_dir() => Target::Direct,
        Ok(m) if m.is_file() && fs::symlink_metadata(path).is_ok_and(|l| l.is_symlink()) => {
            Target::Rename(fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
        }
        _ => Target::Rename(path.to_path_buf()),
    }
}

/// Open a device or pipe for writing.
fn direct(path: &Path) -> std::io::Result<fs::File> {
    fs::OpenOptions::new().write(true).open(path)
}

/// The temporary file beside `path` (its folder created).
fn temporary(path: &Path) -> Result<PathBuf> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| Error::io(ErrorKind::Output, dir, &e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(dir.join(format!(".{name}.tmp{}", std::process::id())))
}

/// Write `bytes` to `path` atomically, creating the parent folder.
///
/// # Errors
/// The folder cannot be created or the file cannot be written or renamed.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let real = match target(path) {
        Target::Direct => {
            return direct(path)
                .and_then(|mut f| f.write_all(bytes))
                .map_err(|e| Error::io(ErrorKind::Output, path, &e));
        }
        Target::Rename(real) => real,
    };
    let tmp = temporary(&real)?;
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, &real)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&tmp);
        return Err(Error::io(ErrorKind::Output, path, &e));
    }
    Ok(())
}

/// An output written as it comes (an audit log, JSON Lines) into a
/// temporary file, renamed over the target by [`Pending::finish`]; dropped
/// unfinished (an error on the way), it is removed and the target is left
/// as it was. Errors name the target, not the temporary file.
#[derive(Debug)]
pub struct Pending {
    /// The target as named (for messages).
    path: PathBuf,
    /// The temporary file and the file it replaces; none for a device.
    rename: Option<(PathBuf, PathBuf)>,
    file: Option<std::io::BufWriter<fs::File>>,
}

impl Pending {
    /// Start writing `path`.
    ///
    /// # Errors
    /// The folder or the temporary file cannot be created.
    pub fn create(path: &Path) -> Result<Pending> {
        let error = |e: std::io::Error| Error::io(ErrorKind::Output, path, &e);
        let (file, rename) = match target(path) {
            Target::Direct => (direct(path).map_err(error)?, None),
            Target::Rename(real) => {
                let tmp = temporary(&real)?;
                (fs::File::create(&tmp).map_err(error)?, Some((tmp, real)))
            }
        };
        Ok(Pending {
            path: path.to_path_buf(),
            rename,
            file: Some(std::io::BufWriter::new(file)),
        })
    }

    /// Append bytes.
    ///
    /// # Errors
    /// The disk refuses them.
    pub fn write_all(&mut self, bytes: &[u8]) -> Result<()> {
        let result = match &mut self.file {
            Some(f) => f.write_all(bytes),
            None => Ok(()),
        };
        result.map_err(|e| Error::io(ErrorKind::Output, &self.path, &e))
    }

    /// Flush, and rename over the target.
    ///
    /// # Errors
    /// The file cannot be flushed or renamed (the target is left as it was).
    pub fn finish(mut self) -> Result<()> {
        let result = match (self.file.take(), &self.rename) {
            (Some(f), Some((tmp, real))) => f
                .into_inner()
                .map_err(|e| e.into_error())
                .and_then(|f| f.sync_all())
                .and_then(|()| fs::rename(tmp, real)),
            (Some(f), None) => f.into_inner().map(drop).map_err(|e| e.into_error()),
            (None, _) => Ok(()),
        };
        if result.is_err()
            && let Some((tmp, _)) = &self.rename
        {
            let _ = fs::remove_file(tmp);
        }
        result.map_err(|e| Error::io(ErrorKind::Output, &self.path, &e))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.file.take().is_some()
            && let Some((tmp, _)) = &self.rename
        {
            let _ = fs::remove_file(tmp);
        }
    }
}

/// Serialise CSV rows into bytes (for [`write()`]).
///
/// # Errors
/// Never in practice: writing into memory does not fail.
pub fn csv_bytes<F>(fill: F) -> Result<Vec<u8>>
where
    F: FnOnce(&mut csv::Writer<Vec<u8>>) -> std::result::Result<(), csv::Error>,
{
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    fill(&mut w).map_err(|e| Error::new(ErrorKind::Output, e.to_string()))?;
    w.into_inner()
        .map_err(|e| Error::new(ErrorKind::Output, e.to_string()))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::FileTypeExt;

    fn scratch(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("nomina-atomic-{name}-{}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_pipe_is_written_into_not_replaced() {
        let dir = scratch("fifo");
        let fifo = dir.join("pipe");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        if !made.is_ok_and(|s| s.success()) {
            eprintln!("skipped: mkfifo is not available");
            return;
        }
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || fs::read(&fifo).unwrap())
        };
        write(&fifo, b"whole").unwrap();
        // Checked before joining: a replaced pipe would leave the reader
        // waiting for ever.
        assert!(fs::symlink_metadata(&fifo).unwrap().file_type().is_fifo());
        assert_eq!(reader.join().unwrap(), b"whole");
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_link_keeps_pointing_at_the_file_it_names() {
        let dir = scratch("link");
        let (real, link) = (dir.join("real.csv"), dir.join("link.csv"));
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let still_linked = |want: &str| {
            let link_type = fs::symlink_metadata(&link).unwrap().file_type();
            assert!(link_type.is_symlink());
            assert_eq!(fs::read_to_string(&real).unwrap(), want);
        };
        write(&link, b"new").unwrap();
        still_linked("new");
        let mut pending = Pending::create(&link).unwrap();
        pending.write_all(b"newer").unwrap();
        pending.finish().unwrap();
        still_linked("newer");
        let _ = fs::remove_dir_all(&dir);
    }
}
