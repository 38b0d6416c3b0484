//! The loader: input files (named on the command line, or uploaded to the
//! workbench) read into the versions of one synopsis within the input
//! limits. `synoptic compare`, `consolidate`, `stats`, `batch` and
//! `serve` all read through here, so that what one accepts the others do.
//!
//! - [`limits`]: the limits and the [`Budget`] one synopsis draws on;
//! - [`files`]: reading from paths (and standard input);
//! - [`bytes`]: reading files already in memory (uploads).

pub mod bytes;
pub mod files;
pub mod limits;

pub use bytes::{load_bytes, Loaded, Role};
pub use files::{
    display_name, is_stdin, read_document, read_inputs, read_side_by_side, read_text, stem, Inputs,
};
pub use limits::{parse_size, show_size, Budget, Limits};

use crate::read::auto::AutoOptions;

/// How to read the inputs of one synopsis: the readers' options and the
/// limits.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Format, paragraph mode, tracked changes, language, lossy decoding.
    pub read: AutoOptions,
    /// How much may be read.
    pub limits: Limits,
}

/// What kind of refusal a [`LoadError`] is, for a server to choose its
/// status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LoadErrorKind {
    /// The file could not be opened or read.
    Io,
    /// Over one of the [`Limits`].
    TooLarge,
    /// The file was read but is not a document Synoptic can read.
    Unreadable,
}

/// Why the inputs could not be loaded: one line naming the file, and for a
/// limit the command-line flag that raises it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    kind: LoadErrorKind,
    message: String,
    flag: Option<&'static str>,
}

impl LoadError {
    /// An error of `kind` saying `message` (which names the file).
    pub fn new(kind: LoadErrorKind, message: impl Into<String>) -> Self {
        LoadError {
            kind,
            message: message.into(),
            flag: None,
        }
    }

    /// A file that could not be read from disk.
    pub fn io(name: &str, error: &std::io::Error) -> Self {
        LoadError::new(LoadErrorKind::Io, format!("{name}: cannot read: {error}"))
    }

    /// A file that is not a readable document.
    pub fn unreadable(message: impl Into<String>) -> Self {
        LoadError::new(LoadErrorKind::Unreadable, message)
    }

    /// The same error, naming the flag that raises the limit it is over.
    pub fn with_flag(mut self, flag: &'static str) -> Self {
        self.flag = Some(flag);
        self
    }

    /// What kind of refusal this is.
    pub fn kind(&self) -> LoadErrorKind {
        self.kind
    }

    /// The message without the command-line flag (for the workbench,
    /// whose users set no flags).
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.flag {
            Some(flag) => write!(f, "{} ({flag})", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for LoadError {}
