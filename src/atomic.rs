//! Writing outputs atomically: a temporary file in the same folder, flushed,
//! then renamed over the target, so that a reader never sees half a file and
//! a failure leaves the old file in place.

use crate::error::{Error, ErrorKind, Result};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

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
    let tmp = temporary(path)?;
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, path)
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
    path: PathBuf,
    tmp: PathBuf,
    file: Option<std::io::BufWriter<fs::File>>,
}

impl Pending {
    /// Start writing `path`.
    ///
    /// # Errors
    /// The folder or the temporary file cannot be created.
    pub fn create(path: &Path) -> Result<Pending> {
        let tmp = temporary(path)?;
        let file = fs::File::create(&tmp).map_err(|e| Error::io(ErrorKind::Output, path, &e))?;
        Ok(Pending {
            path: path.to_path_buf(),
            tmp,
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
        let result = match self.file.take() {
            Some(f) => f
                .into_inner()
                .map_err(|e| e.into_error())
                .and_then(|f| f.sync_all())
                .and_then(|()| fs::rename(&self.tmp, &self.path)),
            None => Ok(()),
        };
        if result.is_err() {
            let _ = fs::remove_file(&self.tmp);
        }
        result.map_err(|e| Error::io(ErrorKind::Output, &self.path, &e))
    }
}

impl Drop for Pending {
    fn drop(&mut self) {
        if self.file.take().is_some() {
            let _ = fs::remove_file(&self.tmp);
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
