//! Finding documents (sorted, recursively) and reading them as UTF-8.
//!
//! A path may be a file (read whatever its extension) or a folder (every
//! `.txt` and `.md` file below it). The order of documents is the sorted
//! order of their names, so that every later stage is deterministic.
//! Symbolic links are followed, and a document is read once however many
//! routes lead to its file; the folders a run writes into can be left out
//! (see [`find`]).

use crate::error::{Error, ErrorKind, Result};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// One input document.
#[derive(Clone, Debug)]
pub struct Document {
    /// The document's name: its path relative to the folder it was found in
    /// (with `/` separators), or its file name when given directly. Canonical
    /// copies are written under this name.
    pub name: String,
    /// Where it was read from.
    pub path: PathBuf,
    /// Its text, exactly as read.
    pub text: String,
}

impl Document {
    /// The document as extraction reads it: its text in NFC, so that a
    /// letter written with a combining accent (`e` + U+0301) is one letter
    /// of its word. A copy only when the text is not NFC already; the file
    /// is never touched.
    pub fn nfc(&self) -> Cow<'_, Document> {
        match crate::normalize::to_nfc(&self.text) {
            Cow::Borrowed(_) => Cow::Borrowed(self),
            Cow::Owned(text) => Cow::Owned(Document {
                name: self.name.clone(),
                path: self.path.clone(),
                text,
            }),
        }
    }
}

/// A document found but not read yet.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Source {
    /// See [`Document::name`].
    pub name: String,
    /// The file.
    pub path: PathBuf,
}

fn is_document(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt" | "md")
    )
}

/// A document found by one route, with its real file (canonical path).
type Route = (Source, PathBuf);

/// The walk of one folder given by the user. Symbolic links are followed,
/// those that lead outside the folder too (users link corpora on purpose),
/// but a folder is entered once: `entered` holds the real (canonical) path
/// of every folder walked or being walked, so that a link back up the tree
/// or to a folder seen already is not followed again. Nothing is found in
/// or under the folders of `exclude` (real paths).
struct Walk<'a> {
    root: &'a Path,
    entered: BTreeSet<PathBuf>,
    exclude: Vec<&'a Path>,
    found: Vec<Route>,
}

impl Walk<'_> {
    fn excluded(&self, real: &Path) -> bool {
        self.exclude.iter().any(|x| real.starts_with(x))
    }

    fn dir(&mut self, dir: &Path) -> Result<()> {
        let mut entries = Vec::new();
        for entry in fs::read_dir(dir).map_err(|e| Error::io(ErrorKind::Input, dir, &e))? {
            let entry = entry.map_err(|e| Error::io(ErrorKind::Input, dir, &e))?;
            let path = entry.path();
            let kind = entry
                .file_type()
                .map_err(|e| Error::io(ErrorKind::Input, &path, &e))?;
            let is_dir = if kind.is_symlink() {
                path.is_dir()
            } else {
                kind.is_dir()
            };
            // Entries in the order of the names they give: a folder `a` is
            // `a/…`, after `a-b` and `a.md` (`-` and `.` sort before `/`). So
            // the first route into a folder is the one whose names sort first.
            let mut key = entry.file_name().to_string_lossy().into_owned();
            if is_dir {
                key.push('/');
            }
            entries.push((key, is_dir, path));
        }
        entries.sort();
        for (_, is_dir, path) in entries {
            if is_dir {
                let real =
                    fs::canonicalize(&path).map_err(|e| Error::io(ErrorKind::Input, &path, &e))?;
                if !self.excluded(&real) && self.entered.insert(real) {
                    self.dir(&path)?;
                }
            } else if is_document(&path) {
                // A broken link has no real file: kept under its own path,
                // so that reading it reports the error.
                let real = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
                if self.excluded(&real) {
                    continue;
                }
                let rel = path.strip_prefix(self.root).unwrap_or(&path);
                let name = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                self.found.push((Source { name, path }, real));
            }
        }
        Ok(())
    }
}

/// Find the documents named by `paths`, sorted by name, leaving out the
/// folders of `exclude`.
///
/// A document is found once whatever the number of routes to its file
/// (symbolic links, folders given twice): under the name that sorts first.
///
/// `exclude` names the folders the run writes into, so that a corpus that
/// holds them does not read its own outputs back. The walk of a folder does
/// not enter them nor take a file whose real path lies under them (paths
/// compared after `std::fs::canonicalize`; one that does not exist yet
/// holds nothing to leave out). What `paths` names is never left out: a
/// file given there is read, and a folder given there is walked even when
/// it is, or lies in, an excluded folder; only the excluded folders inside
/// it are left out.
///
/// # Errors
/// A path that does not exist, a folder that cannot be listed, a folder with
/// no `.txt`/`.md` document (out of the excluded folders), or two documents
/// with the same name.
pub fn find(paths: &[PathBuf], exclude: &[PathBuf]) -> Result<Vec<Source>> {
    if paths.is_empty() {
        return Err(Error::usage("no input path given"));
    }
    let exclude: Vec<PathBuf> = exclude
        .iter()
        .filter_map(|x| fs::canonicalize(x).ok())
        .collect();
    let mut routes: Vec<Route> = Vec::new();
    for path in paths {
        let meta = fs::metadata(path).map_err(|e| Error::io(ErrorKind::Input, path, &e))?;
        let real = fs::canonicalize(path).map_err(|e| Error::io(ErrorKind::Input, path, &e))?;
        if meta.is_dir() {
            let mut walk = Walk {
                root: path,
                exclude: exclude
                    .iter()
                    .filter(|x| !real.starts_with(x))
                    .map(PathBuf::as_path)
                    .collect(),
                entered: BTreeSet::from([real]),
                found: Vec::new(),
            };
            walk.dir(path)?;
            if walk.found.is_empty() {
                return Err(Error::input("folder holds no .txt or .md document").with_path(path));
            }
            routes.append(&mut walk.found);
        } else {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            let source = Source {
                name,
                path: path.clone(),
            };
            routes.push((source, real));
        }
    }
    routes.sort();
    let mut read = BTreeSet::new();
    let out: Vec<Source> = routes
        .into_iter()
        .filter(|(_, real)| read.insert(real.clone()))
        .map(|(source, _)| source)
        .collect();
    for pair in out.windows(2) {
        if pair[0].name == pair[1].name {
            return Err(Error::usage(format!(
                "two documents named {:?}: {} and {}",
                pair[0].name,
                pair[0].path.display(),
                pair[1].path.display()
            )));
        }
    }
    Ok(out)
}

/// Decode bytes as UTF-8, or say where the first invalid byte is.
///
/// # Errors
/// Non-UTF-8 input: the error names the line and column of the first bad byte.
pub fn decode(path: &Path, bytes: Vec<u8>) -> Result<String> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64 + 1;
        let line_start = bytes[..at]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |p| p + 1);
        let column = String::from_utf8_lossy(&bytes[line_start..at])
            .chars()
            .count() as u64
            + 1;
        Error::input(format!(
            "not valid UTF-8 (byte 0x{:02x}); convert the file to UTF-8",
            bytes[at]
        ))
        .with_path(path)
        .with_line(line)
        .with_column(column)
    })
}

/// Read one document.
///
/// # Errors
/// Unreadable or non-UTF-8 file.
pub fn read(source: &Source) -> Result<Document> {
    let bytes =
        fs::read(&source.path).map_err(|e| Error::io(ErrorKind::Input, &source.path, &e))?;
    let text = decode(&source.path, bytes)?;
    Ok(Document {
        name: source.name.clone(),
        path: source.path.clone(),
        text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decode_names_line_and_column() {
        let err = decode(Path::new("x.txt"), b"ab\ncd\xe9f".to_vec()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "x.txt:2:3: not valid UTF-8 (byte 0xe9); convert the file to UTF-8"
        );
    }
}
