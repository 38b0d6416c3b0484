//! Reading files already in memory: one uploaded file, as the role it is
//! uploaded for says, within a [`Budget`]. The path reader of the command
//! line parses through here too.

use synoptic_core::{Document, VersionInput};

use super::{Budget, LoadError, LoadOptions};
use crate::read::collatex::DisplayForms;
use crate::read::side_by_side::{self, SideBySide};
use crate::read::{auto, collatex};

/// What a file is read as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The base: one document.
    Base,
    /// A proposal: one document, or the witnesses of a CollateX `.json`.
    Proposal,
    /// A flattened side-by-side table, whose columns are the versions.
    SideBySide,
}

/// What one file holds.
#[derive(Debug, Clone)]
pub enum Loaded {
    /// Versions: one document, or the witnesses of a CollateX file.
    Versions(Vec<VersionInput>),
    /// A side-by-side table.
    Table(SideBySide),
}

impl Loaded {
    /// How many versions (columns) the file brings.
    pub fn version_count(&self) -> usize {
        match self {
            Loaded::Versions(v) => v.len(),
            Loaded::Table(t) => t.columns.len(),
        }
    }
}

/// Decodes a text file: refusing invalid UTF-8 with its byte offset, or
/// replacing it when the options say lossy.
pub fn decode_text(name: &str, bytes: &[u8], options: &LoadOptions) -> Result<String, LoadError> {
    auto::decode_text(bytes, &options.read)
        .map_err(|e| LoadError::unreadable(format!("{name}: {e}")))
}

/// How many lines a paragraph may take in a text file: hard-wrapped prose
/// runs to a dozen; past this many lines per allowed paragraph a file is
/// refused before it is parsed.
pub const LINES_PER_PARAGRAPH: usize = 20;

/// Refuses, before parsing, a text file that must hold more paragraphs
/// than the limit allows: more blank-line-separated blocks than that (each
/// is at least one paragraph, however the text is split), or more
/// non-blank lines than [`LINES_PER_PARAGRAPH`] times it. Parsing costs
/// time and memory per line, so a file of millions of tiny lines is not
/// parsed at all.
pub fn check_text_size(name: &str, bytes: &[u8], budget: &Budget) -> Result<(), LoadError> {
    let max = budget.limits().max_paragraphs;
    let (mut lines, mut blocks, mut in_block) = (0usize, 0usize, false);
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', bytes).chain(std::iter::once(bytes.len()));
    for end in ends {
        let line = &bytes[start..end];
        start = end + 1;
        if line.iter().all(u8::is_ascii_whitespace) {
            in_block = false;
            continue;
        }
        lines += 1;
        if !in_block {
            blocks += 1;
            in_block = true;
        }
    }
    let too_many = if blocks > max {
        Some(format!(
            "{name}: {blocks} paragraphs at least, over the limit of {max}"
        ))
    } else if lines > max.saturating_mul(LINES_PER_PARAGRAPH) {
        Some(format!(
            "{name}: {lines} lines, more than {LINES_PER_PARAGRAPH} per paragraph of the limit of {max} paragraphs"
        ))
    } else {
        None
    };
    match too_many {
        Some(message) => {
            Err(LoadError::new(super::LoadErrorKind::TooLarge, message)
                .with_flag("--max-paragraphs"))
        }
        None => Ok(()),
    }
}

/// Parses the bytes of one document named `name` (its extension tells the
/// format unless the options say) and checks its paragraphs.
pub fn document(
    name: &str,
    bytes: &[u8],
    options: &LoadOptions,
    budget: &Budget,
) -> Result<Document, LoadError> {
    if !auto::is_word(name, bytes, options.read.format) {
        check_text_size(name, bytes, budget)?;
    }
    let document = auto::document(name, bytes, &options.read)
        .map_err(|e| LoadError::unreadable(format!("{name}: {e}")))?;
    budget.check_document(name, &document)?;
    Ok(document)
}

/// Parses a side-by-side table and checks its columns.
pub fn table(
    name: &str,
    bytes: &[u8],
    options: &LoadOptions,
    budget: &Budget,
) -> Result<SideBySide, LoadError> {
    let table = if side_by_side::is_docx(bytes) {
        side_by_side::read_docx_with(bytes, &options.read)
    } else {
        side_by_side::read(&decode_text(name, bytes, options)?)
    }
    .map_err(|e| LoadError::unreadable(format!("{name}: {e}")))?;
    budget.check_versions(table.columns.len(), Some(name))?;
    budget.check_versions_text(name, &table.version_inputs())?;
    Ok(table)
}

/// True when a file of this name is read as CollateX witnesses.
pub fn is_collation(name: &str) -> bool {
    auto::extension(name) == "json"
}

/// The witnesses of a CollateX `.json` file, checked, as written.
pub fn witnesses(
    name: &str,
    bytes: &[u8],
    options: &LoadOptions,
    budget: &Budget,
) -> Result<Vec<VersionInput>, LoadError> {
    checked_witnesses(name, bytes, options, budget).map(|(_, witnesses)| witnesses)
}

/// The witnesses of a CollateX `.json` file, checked, in their tokens'
/// normalised forms (`n`), with the forms to show them in once compared
/// ([`DisplayForms::restore`]).
pub fn normalised_witnesses(
    name: &str,
    bytes: &[u8],
    options: &LoadOptions,
    budget: &Budget,
) -> Result<(Vec<VersionInput>, DisplayForms), LoadError> {
    let (content, mut witnesses) = checked_witnesses(name, bytes, options, budget)?;
    let forms = collatex::normalise(&content, &mut witnesses);
    Ok((witnesses, forms))
}

/// The text of a CollateX file and its witnesses, within the limits.
fn checked_witnesses(
    name: &str,
    bytes: &[u8],
    options: &LoadOptions,
    budget: &Budget,
) -> Result<(String, Vec<VersionInput>), LoadError> {
    let content = decode_text(name, bytes, options)?;
    if !collatex::looks_like_collatex(&content) {
        return Err(LoadError::unreadable(format!(
            "{name}: a .json input must be CollateX witnesses ({{\"witnesses\": [...]}})"
        )));
    }
    let witnesses = auto::witnesses(&content, &options.read)
        .map_err(|e| LoadError::unreadable(format!("{name}: {e}")))?;
    budget.check_versions(witnesses.len(), Some(name))?;
    budget.check_versions_text(name, &witnesses)?;
    Ok((content, witnesses))
}

/// Reads one file held in memory, named `name` (only its extension is
/// looked at), as `role` says: its bytes are counted against `budget`,
/// then it is parsed and checked. A single document is labelled `label`.
pub fn load_bytes(
    role: Role,
    name: &str,
    label: &str,
    bytes: &[u8],
    options: &LoadOptions,
    budget: &Budget,
) -> Result<Loaded, LoadError> {
    budget.take(name, bytes.len() as u64)?;
    match role {
        Role::SideBySide => Ok(Loaded::Table(table(name, bytes, options, budget)?)),
        Role::Base if is_collation(name) => {
            // Said before parsing, so that the chair learns what to do.
            witnesses(name, bytes, options, budget)?;
            Err(LoadError::unreadable(format!(
                "{name}: a CollateX file holds proposals (its witnesses); upload it as a proposal"
            )))
        }
        Role::Proposal if is_collation(name) => {
            Ok(Loaded::Versions(witnesses(name, bytes, options, budget)?))
        }
        Role::Base | Role::Proposal => Ok(Loaded::Versions(vec![VersionInput {
            label: label.to_string(),
            document: document(name, bytes, options, budget)?,
        }])),
    }
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::load::{Limits, LoadErrorKind};

    fn load(role: Role, name: &str, bytes: &[u8], limits: Limits) -> Result<Loaded, LoadError> {
        let options = LoadOptions {
            limits,
            ..LoadOptions::default()
        };
        load_bytes(role, name, "x", bytes, &options, &Budget::new(&limits))
    }

    #[test]
    fn text_size_counts_blocks_and_lines() {
        let budget = |max_paragraphs| {
            Budget::new(&Limits {
                max_paragraphs,
                ..Limits::default()
            })
        };
        // Three blocks of non-blank lines (blank and white-space lines
        // separate them), five such lines, no newline at the end.
        let text = b"considering\n a) one\n \t\nresolves\r\n1 two\n\n\nannex";
        assert!(check_text_size("f.txt", text, &budget(3)).is_ok());
        let err = check_text_size("f.txt", text, &budget(2)).unwrap_err();
        assert_eq!(
            err.message(),
            "f.txt: 3 paragraphs at least, over the limit of 2"
        );
        let lines = "line\n".repeat(LINES_PER_PARAGRAPH * 2 + 1);
        let err = check_text_size("f.txt", lines.as_bytes(), &budget(2)).unwrap_err();
        assert!(
            err.message().starts_with("f.txt: 41 lines"),
            "{}",
            err.message()
        );
        assert!(check_text_size("f.txt", b"", &budget(0)).is_ok());
    }

    #[test]
    fn uploads_are_read_by_role_and_checked() {
        let limits = Limits {
            max_paragraph_len: 10,
            ..Limits::default()
        };
        let long = load(Role::Proposal, "a.txt", b"a very long paragraph", limits).unwrap_err();
        assert_eq!(long.kind(), LoadErrorKind::TooLarge);
        assert!(long.message().contains("over the limit of 10"), "{long}");
        let json = load(Role::Proposal, "a.json", b"{}", limits).unwrap_err();
        assert_eq!(json.kind(), LoadErrorKind::Unreadable);
        assert!(json.message().contains("CollateX"));
        let two = br#"{"witnesses": [{"id": "A", "content": "x"}, {"id": "B", "content": "y"}]}"#;
        let base = load(Role::Base, "w.json", two, limits).unwrap_err();
        assert!(base.message().contains("upload it as a proposal"));
        let witnesses = load(Role::Proposal, "w.json", two, Limits::default()).unwrap();
        assert_eq!(witnesses.version_count(), 2);
        let one_version = Limits {
            max_versions: 1,
            ..Limits::default()
        };
        let err = load(Role::Proposal, "w.json", two, one_version).unwrap_err();
        assert!(err.message().contains("2 versions, over the limit of 1"));
        let table = load(Role::SideBySide, "t.txt", b"no table here", limits).unwrap_err();
        assert!(table.message().starts_with("t.txt: line"), "{table}");
        let small = Limits {
            max_file_size: 4,
            ..Limits::default()
        };
        let few = Limits {
            max_paragraphs: 2,
            ..Limits::default()
        };
        let blocks = load(Role::Proposal, "b.txt", b"one\n\ntwo\n\nthree\n", few).unwrap_err();
        assert_eq!(
            blocks.to_string(),
            "b.txt: 3 paragraphs at least, over the limit of 2 (--max-paragraphs)"
        );
        let lines = "x\n".repeat(41);
        let err = load(Role::Proposal, "l.txt", lines.as_bytes(), few).unwrap_err();
        assert!(
            err.message().starts_with("l.txt: 41 lines, more than 20"),
            "{err}"
        );
        let big = load(Role::Proposal, "big.txt", b"considering", small).unwrap_err();
        assert_eq!(
            big.to_string(),
            "big.txt: larger than the limit of 4 per file (--max-file-size)"
        );
    }
}
