//! Synoptic's core: the document model, tokenising, structure, N-way
//! alignment of proposals and word-level changes.
//!
//! Everything here is a pure function over strings and data: no files, no
//! printing, no clocks. Readers and writers live in `synoptic-formats`.

pub mod align;
pub mod compare;
pub mod consensus;
pub mod consolidate;
pub mod diff;
pub mod error;
pub mod keydiff;
pub mod lang;
pub mod model;
mod par;
pub mod recover;
pub mod similarity;
pub mod stats;
pub mod structure;
pub mod synopsis;
#[cfg(test)]
mod test_docs;
pub mod text;
pub mod tokens;

pub use compare::{compare, CompareOptions, VersionInput};
pub use error::CoreError;
pub use model::{Change, ChangeKind, Document, Metadata, Paragraph, Section};
pub use synopsis::{Cell, Role, Row, RowKind, Status, Synopsis, Version};
pub use text::Text;
