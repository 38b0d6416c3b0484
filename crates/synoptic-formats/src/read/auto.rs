//! Reading one input file whatever its format: Word when its extension or
//! its first bytes say so, Markdown by extension, plain text otherwise; and
//! the CollateX witnesses of a `.json` file.
//!
//! This is the one place the command line and the web workbench turn the
//! bytes of an uploaded or named file into a [`Document`]; both add the
//! file's name to the error themselves.

use std::path::Path;

use synoptic_core::lang::{detect_language, Language};
use synoptic_core::structure::Openers;
use synoptic_core::{Document, VersionInput};

use super::{collatex, decode, decode_lossy, docx, markdown, text, ReadError};

/// How a file is to be read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Format {
    /// By extension: `.md` and `.markdown` are Markdown, `.docx` (or any
    /// file that starts like a zip or an old binary `.doc`) is Word,
    /// anything else plain text.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// Markdown, with CriticMarkup for the proposer's own changes.
    Markdown,
    /// Word .docx, with its tracked changes.
    Docx,
}

/// How to read a file whatever its format.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct AutoOptions {
    /// The format, or [`Format::Auto`] to tell it from the name and bytes.
    pub format: Format,
    /// How plain text is split into paragraphs.
    pub paragraphs: text::ParagraphMode,
    /// What to do with the tracked changes of a .docx.
    pub track_changes: docx::TrackChanges,
    /// The language of the section openers, or `None` to detect it.
    pub language: Option<Language>,
    /// Replace invalid UTF-8 (or UTF-16) with U+FFFD instead of refusing it.
    pub lossy: bool,
}

/// The section openers to recognise: those of `language`, else those of
/// the language `content` is detected to be in (English when nothing
/// tells). Without content to look at (a .docx before it is read), the
/// openers of all six languages.
pub fn openers(language: Option<Language>, content: Option<&str>) -> Openers {
    match (language, content) {
        (Some(language), _) => Openers::for_language(language),
        (None, Some(text)) => Openers::for_language(detect_language(text).unwrap_or(Language::En)),
        (None, None) => Openers::all_languages(),
    }
}

/// Makes version labels distinct, so that two files named alike stay two
/// columns: the second `afr` becomes `afr (2)`.
pub fn unique_labels(labels: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for label in labels {
        let mut candidate = label.clone();
        let mut n = 2;
        while out.contains(&candidate) {
            candidate = format!("{label} ({n})");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

/// The lowercase extension of a file name (`""` when it has none).
pub fn extension(name: &str) -> String {
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Decodes a text file: refusing invalid UTF-8 with its byte offset, or
/// replacing it when `options.lossy` is set.
pub fn decode_text(bytes: &[u8], options: &AutoOptions) -> Result<String, ReadError> {
    if options.lossy {
        Ok(decode_lossy(bytes))
    } else {
        decode(bytes)
    }
}

/// True when a file of this name and these first bytes is read as Word.
pub fn is_word(name: &str, bytes: &[u8], format: Format) -> bool {
    match format {
        Format::Docx => true,
        // A zip (or an old binary .doc) given without a telling extension,
        // as on standard input, is read as Word too: its error says what
        // it is.
        Format::Auto => {
            matches!(extension(name).as_str(), "docx" | "docm" | "dotx" | "doc")
                || bytes.starts_with(b"PK\x03\x04")
                || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        }
        Format::Text | Format::Markdown => false,
    }
}

/// Reads the bytes of one document named `name` (only its extension is
/// looked at) in the format `options` says. The error does not name the
/// file: the caller adds it.
pub fn document(name: &str, bytes: &[u8], options: &AutoOptions) -> Result<Document, ReadError> {
    if is_word(name, bytes, options.format) {
        let docx_options = docx::DocxOptions {
            track_changes: options.track_changes,
            openers: openers(options.language, None),
        };
        return docx::read(bytes, &docx_options);
    }
    let content = decode_text(bytes, options)?;
    let markdown_input = match options.format {
        Format::Markdown => true,
        Format::Text | Format::Docx => false,
        Format::Auto => matches!(extension(name).as_str(), "md" | "markdown"),
    };
    if markdown_input {
        markdown::read(
            &content,
            &markdown::MarkdownOptions {
                openers: openers(options.language, Some(&content)),
            },
        )
    } else {
        text::read(&content, &text_options(&content, options))
    }
}

/// The plain-text options for `content` under `options`.
pub fn text_options(content: &str, options: &AutoOptions) -> text::TextOptions {
    text::TextOptions {
        paragraphs: options.paragraphs,
        openers: openers(options.language, Some(content)),
    }
}

/// The witnesses of a CollateX JSON file, already decoded, each a version
/// labelled by its id and read as plain text.
pub fn witnesses(content: &str, options: &AutoOptions) -> Result<Vec<VersionInput>, ReadError> {
    collatex::read(content, &text_options(content, options))
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn chooses_the_reader_by_extension_and_magic() {
        let options = AutoOptions::default();
        let md = document("p.md", b"# considering\n\n- a) that", &options).unwrap();
        assert_eq!(md.sections.len(), 1);
        let txt = document("p.txt", b"considering\na)\tthat", &options).unwrap();
        assert_eq!(txt.sections.len(), 1);
        // A zip without a telling name is read as Word, and says what is wrong.
        let err = document("upload", b"PK\x03\x04 broken", &options).unwrap_err();
        assert!(matches!(err, ReadError::Docx(_)), "{err}");
        assert!(is_word("x.DOCX", b"", Format::Auto));
        assert!(!is_word("x.docx", b"", Format::Text));
        assert_eq!(extension("dir.v2/file"), "");
        assert_eq!(extension("A.Md"), "md");
    }

    #[test]
    fn invalid_utf8_is_refused_or_replaced() {
        let strict = AutoOptions::default();
        assert_eq!(
            document("p.txt", b"ab\xFF", &strict).unwrap_err(),
            ReadError::InvalidUtf8 { offset: 2 }
        );
        let lossy = AutoOptions {
            lossy: true,
            ..strict
        };
        assert!(document("p.txt", b"ab\xFF", &lossy).is_ok());
    }

    #[test]
    fn collatex_witnesses() {
        let json =
            r#"{"witnesses": [{"id": "A", "content": "one"}, {"id": "B", "content": "two"}]}"#;
        let w = witnesses(json, &AutoOptions::default()).unwrap();
        assert_eq!(w.len(), 2);
        assert_eq!(w[1].label, "B");
    }
}
