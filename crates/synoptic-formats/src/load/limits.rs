//! Input limits: how much one synopsis may be asked to read and align.
//!
//! Proposals come from many parties and as files of every quality, so
//! nothing a file says about itself is trusted: a file's size is checked
//! from its metadata before it is opened, and then again while it is read
//! (through `take`), because standard input, a pipe or `/dev/zero` report no
//! size at all. The number of versions and the length of each paragraph are
//! checked once the documents are parsed, before the alignment, whose cost
//! grows faster than the input. Every refusal is one line naming the file
//! and the limit, and the command-line flag that raises it.

use std::fs;
use std::io::{self, Read};
use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};

use synoptic_core::{Document, Paragraph, VersionInput};

use super::files::{display_name, is_stdin};
use super::{LoadError, LoadErrorKind};

/// Default of `--max-file-size`: 64 MiB, far above any real proposal (a
/// resolution is tens of kilobytes as text, a few megabytes as .docx with
/// pictures).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 << 20;
/// Default of `--max-total-size`: 256 MiB over all the inputs of one
/// synopsis (in `batch`, of one text).
pub const DEFAULT_MAX_TOTAL_SIZE: u64 = 256 << 20;
/// Default of `--max-paragraph-len`: 100,000 characters, some 15,000 words;
/// the longest paragraph of a real resolution is a few thousand.
pub const DEFAULT_MAX_PARAGRAPH_LEN: usize = 100_000;
/// Default of `--max-versions`: 100 versions (the base included); an ITU
/// resolution draws six regional proposals, a collation a few dozen
/// editions.
pub const DEFAULT_MAX_VERSIONS: usize = 100;
/// Default of `--max-paragraphs`: 100,000 paragraphs in one document; the
/// longest real texts (a constitution, a radio regulation's volume) have a
/// few thousand.
pub const DEFAULT_MAX_PARAGRAPHS: usize = 100_000;

/// How much one synopsis may read: the limits of the command line's
/// `--max-*` flags, and of the workbench's uploads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Bytes in one input file.
    pub max_file_size: u64,
    /// Bytes of all the input files of one synopsis together.
    pub max_total_size: u64,
    /// Characters in one paragraph (its label and, when it carries the
    /// proposer's own changes, the longer of its two sides).
    pub max_paragraph_len: usize,
    /// Versions in one synopsis, the base included (each witness of a
    /// CollateX file and each column of a side-by-side table counted).
    pub max_versions: usize,
    /// Paragraphs (openers included) in one document.
    pub max_paragraphs: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_total_size: DEFAULT_MAX_TOTAL_SIZE,
            max_paragraph_len: DEFAULT_MAX_PARAGRAPH_LEN,
            max_versions: DEFAULT_MAX_VERSIONS,
            max_paragraphs: DEFAULT_MAX_PARAGRAPHS,
        }
    }
}

/// Parses a size such as `1048576`, `512K`, `64M`, `1G` or `2GiB`.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let t = text.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let (number, unit) = t.split_at(digits);
    let number: u64 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a size (e.g. 1048576, 512K, 64M, 1G)"))?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("`{text}`: unknown unit (use K, M or G)")),
    };
    number
        .checked_mul(1 << shift)
        .ok_or_else(|| format!("`{text}` is too large"))
}

/// A size for messages: exact bytes, with the binary unit when it is round.
pub fn show_size(bytes: u64) -> String {
    for (shift, unit) in [(30, "G"), (20, "M"), (10, "K")] {
        if bytes >= 1 << shift && bytes % (1 << shift) == 0 {
            return format!("{}{unit}", bytes >> shift);
        }
    }
    bytes.to_string()
}

/// A refusal for being over a limit, with the flag that raises it.
fn over(message: String, flag: &'static str) -> LoadError {
    LoadError::new(LoadErrorKind::TooLarge, message).with_flag(flag)
}

/// What one synopsis has read so far, against its limits. Shared by the
/// parallel readers of one synopsis.
#[derive(Debug)]
pub struct Budget {
    limits: Limits,
    used: AtomicU64,
}

impl Budget {
    /// A fresh budget for one synopsis.
    pub fn new(limits: &Limits) -> Self {
        Budget {
            limits: *limits,
            used: AtomicU64::new(0),
        }
    }

    /// The limits this budget enforces.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }

    /// Checks, before anything is read, that the files named add up to no
    /// more than the run's limit (by their metadata; standard input and
    /// files whose size cannot be told count as empty here and are bounded
    /// while read).
    pub fn check_planned(&self, paths: &[&Path]) -> Result<(), LoadError> {
        let mut total: u64 = 0;
        for path in paths {
            if is_stdin(path) {
                continue;
            }
            if let Ok(meta) = fs::metadata(path) {
                if meta.is_file() {
                    self.check_file_size(&display_name(path), meta.len())?;
                    total = total.saturating_add(meta.len());
                }
            }
        }
        if total > self.limits.max_total_size {
            return Err(over(
                format!(
                    "the inputs add up to {} bytes, over the limit of {}",
                    total,
                    show_size(self.limits.max_total_size)
                ),
                "--max-total-size",
            ));
        }
        Ok(())
    }

    /// Checks the size of one file (`name`) before it is read.
    pub fn check_file_size(&self, name: &str, size: u64) -> Result<(), LoadError> {
        if size > self.limits.max_file_size {
            return Err(over(
                format!(
                    "{name}: {size} bytes, over the limit of {} per file",
                    show_size(self.limits.max_file_size)
                ),
                "--max-file-size",
            ));
        }
        Ok(())
    }

    /// Counts `len` bytes of the file `name`, already in memory, against
    /// the per-file limit and what is left of the run's.
    pub fn take(&self, name: &str, len: u64) -> Result<(), LoadError> {
        if len > self.limits.max_file_size {
            // Cut off one byte past the limit: its true size is unknown.
            return Err(over(
                format!(
                    "{name}: larger than the limit of {} per file",
                    show_size(self.limits.max_file_size)
                ),
                "--max-file-size",
            ));
        }
        let before = self.used.fetch_add(len, Ordering::Relaxed);
        let total = before.saturating_add(len);
        if total > self.limits.max_total_size {
            return Err(over(
                format!(
                    "{name}: the inputs add up to more than {}",
                    show_size(self.limits.max_total_size)
                ),
                "--max-total-size",
            ));
        }
        Ok(())
    }

    /// Reads a file (or standard input for `-`) within the per-file limit
    /// and what is left of the run's, refusing it before reading when its
    /// metadata already tells it is too large.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, LoadError> {
        let name = display_name(path);
        let cannot_read = |e: io::Error| LoadError::io(&name, &e);
        let mut bytes = Vec::new();
        if is_stdin(path) {
            self.read_within(io::stdin().lock(), &mut bytes)
                .map_err(cannot_read)?;
        } else {
            let file = fs::File::open(path).map_err(cannot_read)?;
            if let Ok(meta) = file.metadata() {
                if meta.is_file() {
                    self.check_file_size(&name, meta.len())?;
                    // Room for the whole file at once, never more than the
                    // limit (the metadata may change before the read).
                    let hint = meta.len().min(self.limits.max_file_size);
                    bytes.reserve(usize::try_from(hint).unwrap_or(0));
                }
            }
            self.read_within(file, &mut bytes).map_err(cannot_read)?;
        }
        self.take(&name, bytes.len() as u64)?;
        Ok(bytes)
    }

    /// Reads at most one byte past the per-file limit, so that a stream
    /// with no end is cut off and an over-long one is told from one
    /// exactly at the limit.
    fn read_within(&self, source: impl Read, out: &mut Vec<u8>) -> io::Result<()> {
        source
            .take(self.limits.max_file_size.saturating_add(1))
            .read_to_end(out)
            .map(|_| ())
    }

    /// Checks the number of versions of one synopsis, or of one file
    /// (`name`) that holds several.
    pub fn check_versions(&self, count: usize, name: Option<&str>) -> Result<(), LoadError> {
        if count > self.limits.max_versions {
            let what = name.map(|n| format!("{n}: ")).unwrap_or_default();
            return Err(over(
                format!(
                    "{what}{count} versions, over the limit of {}",
                    self.limits.max_versions
                ),
                "--max-versions",
            ));
        }
        Ok(())
    }

    /// Checks a document against the limits on its paragraphs: how many
    /// there are, and the length of each (openers included); `name` is the
    /// file the document came from.
    pub fn check_document(&self, name: &str, document: &Document) -> Result<(), LoadError> {
        let count = paragraph_count(document);
        if count > self.limits.max_paragraphs {
            return Err(over(
                format!(
                    "{name}: {count} paragraphs, over the limit of {}",
                    self.limits.max_paragraphs
                ),
                "--max-paragraphs",
            ));
        }
        let max = self.limits.max_paragraph_len;
        let mut index = 0;
        for section in &document.sections {
            let parts = section.opener.iter().chain(section.paragraphs.iter());
            for paragraph in parts {
                index += 1;
                // Characters are never more than bytes: most paragraphs
                // are cleared without counting them.
                if paragraph_bytes(paragraph) <= max {
                    continue;
                }
                let len = paragraph_len(paragraph);
                if len > max {
                    let label = paragraph
                        .label
                        .as_deref()
                        .map(|l| format!(" ({})", l.escape_debug()))
                        .unwrap_or_default();
                    return Err(over(
                        format!(
                            "{name}: paragraph {index}{label} has {len} characters, over the limit of {max}"
                        ),
                        "--max-paragraph-len",
                    ));
                }
            }
        }
        Ok(())
    }

    /// Checks the documents of several versions, naming each by `name`.
    pub fn check_versions_text(
        &self,
        name: &str,
        versions: &[VersionInput],
    ) -> Result<(), LoadError> {
        for version in versions {
            self.check_document(&format!("{name} ({})", version.label), &version.document)?;
        }
        Ok(())
    }
}

/// The paragraphs of a document, section openers included: what one
/// version brings to the rows of a synopsis.
pub fn paragraph_count(document: &Document) -> usize {
    document
        .sections
        .iter()
        .map(|s| s.paragraphs.len() + usize::from(s.opener.is_some()))
        .sum()
}

/// The length that matters for the alignment: the longer of the
/// paragraph's text and, when it carries the proposer's own changes, all of
/// them (both sides are diffed).
/// At least [`paragraph_len`]: the same measure in bytes.
fn paragraph_bytes(paragraph: &Paragraph) -> usize {
    let revision: usize = paragraph
        .revision
        .iter()
        .flatten()
        .map(|c| c.text.len())
        .sum();
    let label = paragraph.label.as_deref().map_or(0, str::len);
    paragraph.text.len().max(revision) + label
}

fn paragraph_len(paragraph: &Paragraph) -> usize {
    let label = paragraph.label.as_deref().map_or(0, |l| l.chars().count());
    paragraph.compared_len() + label
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use synoptic_core::{Change, Section};

    #[test]
    fn sizes_parse_with_binary_units() {
        assert_eq!(parse_size("1048576"), Ok(1 << 20));
        assert_eq!(parse_size("512K"), Ok(512 << 10));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("64MiB"), Ok(64 << 20));
        assert_eq!(parse_size("1g"), Ok(1 << 30));
        assert!(parse_size("").is_err());
        assert!(parse_size("12X").is_err());
        assert!(parse_size("-1").is_err());
        assert!(parse_size("99999999999999G").is_err());
        assert_eq!(show_size(64 << 20), "64M");
        assert_eq!(show_size(1000), "1000");
    }

    #[test]
    fn long_paragraphs_are_named() {
        let limits = Limits {
            max_paragraph_len: 12,
            ..Limits::default()
        };
        let budget = Budget::new(&limits);
        let mut doc = Document {
            sections: vec![Section {
                opener: Some(Paragraph::new("considering")),
                paragraphs: vec![Paragraph::labelled("a)", "short")],
            }],
            ..Document::default()
        };
        assert!(budget.check_document("f.txt", &doc).is_ok());
        assert_eq!(paragraph_count(&doc), 2);
        // Characters count, not bytes: 14 bytes, 8 characters.
        let mut accented = doc.clone();
        accented.sections[0]
            .paragraphs
            .push(Paragraph::labelled("b)", "éééééé"));
        assert!(budget.check_document("f.txt", &accented).is_ok());
        let one = Budget::new(&Limits {
            max_paragraphs: 1,
            ..Limits::default()
        });
        assert_eq!(
            one.check_document("f.txt", &doc).unwrap_err().to_string(),
            "f.txt: 2 paragraphs, over the limit of 1 (--max-paragraphs)"
        );
        doc.sections[0].paragraphs.push(Paragraph {
            label: Some("b)".into()),
            revision: Some(vec![Change::delete("0123456789"), Change::insert("x")]),
            text: "x".into(),
            ..Paragraph::default()
        });
        let err = budget.check_document("f.txt", &doc).unwrap_err();
        assert_eq!(err.kind(), LoadErrorKind::TooLarge);
        assert_eq!(
            err.to_string(),
            "f.txt: paragraph 3 (b)) has 13 characters, over the limit of 12 (--max-paragraph-len)"
        );
        assert_eq!(
            err.message(),
            "f.txt: paragraph 3 (b)) has 13 characters, over the limit of 12"
        );
    }

    #[test]
    fn reads_are_cut_at_the_limit() {
        let limits = Limits {
            max_file_size: 8,
            max_total_size: 12,
            ..Limits::default()
        };
        let budget = Budget::new(&limits);
        let dir = std::env::temp_dir().join(format!("synoptic-load-{}", std::process::id()));
        fs::create_dir_all(&dir).unwrap();
        let small = dir.join("small.txt");
        fs::write(&small, b"12345678").unwrap();
        let big = dir.join("big.txt");
        fs::write(&big, b"123456789").unwrap();
        assert_eq!(budget.read(&small).unwrap().len(), 8);
        let err = budget.read(&big).unwrap_err().to_string();
        assert!(
            err.contains("big.txt: 9 bytes, over the limit of 8 per file"),
            "{err}"
        );
        // 8 already read; 8 more pass the file limit but not the run's.
        let err = budget.read(&small).unwrap_err().to_string();
        assert!(err.contains("add up to more than 12"), "{err}");
        let fresh = Budget::new(&limits);
        let err = fresh
            .check_planned(&[&small, &small])
            .unwrap_err()
            .to_string();
        assert!(err.contains("16 bytes, over the limit of 12"), "{err}");
        // A stream with no size and no end is cut off, not read forever.
        let mut out = Vec::new();
        fresh.read_within(io::repeat(b'x'), &mut out).unwrap();
        assert_eq!(out.len(), 9);
        let missing = fresh.read(&dir.join("missing.txt")).unwrap_err();
        assert_eq!(missing.kind(), LoadErrorKind::Io);
        assert!(missing.to_string().contains("missing.txt: cannot read: "));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn too_many_versions() {
        let budget = Budget::new(&Limits {
            max_versions: 3,
            ..Limits::default()
        });
        assert!(budget.check_versions(3, None).is_ok());
        assert_eq!(
            budget.check_versions(4, None).unwrap_err().to_string(),
            "4 versions, over the limit of 3 (--max-versions)"
        );
        assert_eq!(
            budget
                .check_versions(4, Some("t.json"))
                .unwrap_err()
                .to_string(),
            "t.json: 4 versions, over the limit of 3 (--max-versions)"
        );
    }
}
