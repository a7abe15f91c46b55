//! The typed error of the library: what went wrong, and where (file, line, column).
//!
//! Every error names the file it is about when there is one, so that the binary
//! can print a single line `path:line:column: message` and exit with a code
//! that scripts can trust (see [`Error::exit_code`]).

use std::fmt;
use std::io;
use std::path::{Path, PathBuf};

/// The result type of the library.
pub type Result<T> = std::result::Result<T, Error>;

/// What kind of failure an [`Error`] is. Decides the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad input: missing path, unreadable or non-UTF-8 file, malformed CSV.
    Input,
    /// Bad usage: an option that does not make sense.
    Usage,
    /// A decision in a review sheet that contradicts an earlier one.
    Conflict,
    /// Writing an output failed.
    Output,
}

/// An error with its location.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
    path: Option<PathBuf>,
    line: Option<u64>,
    column: Option<u64>,
    message: String,
}

impl Error {
    /// A new error of `kind` with a message (lower case, no trailing period).
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Error {
        Error {
            kind,
            path: None,
            line: None,
            column: None,
            message: message.into(),
        }
    }

    /// An input error.
    pub fn input(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Input, message)
    }

    /// A usage error.
    pub fn usage(message: impl Into<String>) -> Error {
        Error::new(ErrorKind::Usage, message)
    }

    /// An I/O failure on `path`, classified as input or output.
    pub fn io(kind: ErrorKind, path: &Path, err: &io::Error) -> Error {
        let what = match err.kind() {
            io::ErrorKind::NotFound => "no such file or directory".to_string(),
            io::ErrorKind::PermissionDenied => "permission denied".to_string(),
            _ => err.to_string(),
        };
        Error::new(kind, what).with_path(path)
    }

    /// A CSV error on `path`, with the line the csv crate reports.
    pub fn csv(path: &Path, err: &csv::Error) -> Error {
        let line = err.position().map(|p| p.line());
        let message = match err.kind() {
            csv::ErrorKind::Utf8 { .. } => "invalid UTF-8 in CSV".to_string(),
            csv::ErrorKind::UnequalLengths {
                expected_len, len, ..
            } => {
                format!("expected {expected_len} fields, found {len}")
            }
            csv::ErrorKind::Io(e) => e.to_string(),
            _ => err.to_string(),
        };
        let mut e = Error::input(message).with_path(path);
        e.line = line;
        e
    }

    /// Attach the file this error is about.
    pub fn with_path(mut self, path: &Path) -> Error {
        self.path = Some(path.to_path_buf());
        self
    }

    /// Attach the (1-based) line.
    pub fn with_line(mut self, line: u64) -> Error {
        self.line = Some(line);
        self
    }

    /// Attach the (1-based) column.
    pub fn with_column(mut self, column: u64) -> Error {
        self.column = Some(column);
        self
    }

    /// The kind of this error.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The file this error is about, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The line this error is about, if any.
    pub fn line(&self) -> Option<u64> {
        self.line
    }

    /// The message without location.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The exit code the binary uses: 2 for input and usage errors and for
    /// review conflicts too, 1 for failures to write.
    pub fn exit_code(&self) -> u8 {
        match self.kind {
            ErrorKind::Input | ErrorKind::Usage => 2,
            ErrorKind::Conflict => 2,
            ErrorKind::Output => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(path) = &self.path {
            write!(f, "{}", path.display())?;
            if let Some(line) = self.line {
                write!(f, ":{line}")?;
                if let Some(col) = self.column {
                    write!(f, ":{col}")?;
                }
            }
            write!(f, ": ")?;
        }
        write!(f, "{}", self.message)
    }
}

impl std::error::Error for Error {}
