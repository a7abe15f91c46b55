//! Writing outputs atomically: a temporary file in the same folder, flushed,
//! then renamed over the target, so that a reader never sees half a file and
//! a failure leaves the old file in place.

use crate::error::{Error, ErrorKind, Result};
use std::fs;
use std::io::Write;
use std::path::Path;

/// Write `bytes` to `path` atomically, creating the parent folder.
///
/// # Errors
/// The folder cannot be created or the file cannot be written or renamed.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    fs::create_dir_all(dir).map_err(|e| Error::io(ErrorKind::Output, dir, &e))?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
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
