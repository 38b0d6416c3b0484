//! Reading one input file whatever its format: Word when its extension or
//! its first bytes say so, Markdown by extension, plain text otherwise; and
//! the CollateX witnesses of a `.json` file.
//!
//! This is the one place the command line and the web workbench turn the
//! bytes of an uploaded or named file into a [`Document`]; both add the
//! file's name to the error themselves.

use std::path::Path;

use synoptic_core::lang::{detect_language, Language};
use synoptic_core::model::SharedTexts;
use synoptic_core::structure::{detect_tradition, Openers, Tradition};
use synoptic_core::{Document, VersionInput};

use super::{collatex, decode, decode_lossy, decode_owned, docx, html, markdown, text, ReadError};

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
    /// An HTML page, with `<ins>` and `<del>` as the author's changes.
    Html,
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
    /// The drafting tradition whose structure patterns sections are read
    /// with, or `None` to detect it (per file, unless [`plan`] decided it
    /// for the run).
    pub structure: Option<Tradition>,
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

/// The section openers to recognise under `options`: the structure
/// patterns of its tradition ([`Openers::for_tradition`]), the tradition
/// detected from `content` when it names none; for resolutions, the openers
/// of the language as [`openers`] chooses them.
pub fn structure_openers(options: &AutoOptions, content: Option<&str>) -> Openers {
    let tradition = options
        .structure
        .or_else(|| content.map(|c| detect_tradition([c])));
    match tradition {
        Some(Tradition::Itu) | None => openers(options.language, content),
        Some(other) => Openers::for_tradition(other, options.language),
    }
}

/// Decides once, for all the text inputs of one run (`contents`, and the
/// text of its Word inputs, `word`, for the tradition only), what
/// [`AutoOptions`] leaves to detection, so that the versions of one
/// synopsis are read alike: the drafting tradition, and `auto` paragraphs,
/// which become [`text::ParagraphMode::Wrapped`] when any input looks
/// hard-wrapped and [`text::ParagraphMode::Lines`] otherwise. Wrapped
/// reading joins only lines that run on at their text's wrap margin, so an
/// input written one paragraph per line, with labels, tabs or short lines,
/// keeps its lines apart even then.
pub fn plan(contents: &[&str], word: &[&str], options: &AutoOptions) -> AutoOptions {
    use rayon::prelude::*;
    // The texts' distinct lines are matched on all threads, and each text
    // is checked for wrapping on a thread of its own: for a large input,
    // planning was the longest step that used one core only.
    // Texts are judged as they will be read: without the line numbers of
    // a printed page.
    let unnumbered: Vec<std::borrow::Cow<'_, str>> = contents
        .par_iter()
        .map(|c| text::without_line_numbers(c))
        .collect();
    let contents: Vec<&str> = unnumbered.iter().map(|c| c.as_ref()).collect();
    let structure = options
        .structure
        .unwrap_or_else(|| detect_tradition(contents.iter().chain(word).copied()));
    let mut planned = AutoOptions {
        structure: Some(structure),
        ..*options
    };
    if options.paragraphs == text::ParagraphMode::Auto {
        let wrapped = contents
            .par_iter()
            .any(|c| text::looks_wrapped(c, &structure_openers(&planned, Some(c))));
        planned.paragraphs = if wrapped {
            text::ParagraphMode::Wrapped
        } else {
            text::ParagraphMode::Lines
        };
    }
    planned
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

/// Decodes a text file like [`decode_text`], taking its bytes so that a
/// file in UTF-8 is not copied.
pub fn decode_text_owned(bytes: Vec<u8>, options: &AutoOptions) -> Result<String, ReadError> {
    if options.lossy {
        Ok(decode_lossy(&bytes))
    } else {
        decode_owned(bytes)
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
            matches!(
                extension(name).as_str(),
                "docx" | "docm" | "dotx" | "dotm" | "doc" | "dot" | "rtf" | "odt"
            ) || bytes.starts_with(b"PK\x03\x04")
                || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
                || bytes.starts_with(b"{\\rtf")
                || docx::is_word_xml(bytes)
        }
        Format::Text | Format::Markdown | Format::Html => false,
    }
}

/// Reads the bytes of one document named `name` (only its extension is
/// looked at) in the format `options` says. The error does not name the
/// file: the caller adds it.
pub fn document(name: &str, bytes: &[u8], options: &AutoOptions) -> Result<Document, ReadError> {
    document_counted(name, bytes, options).map(|(document, _)| document)
}

/// Reads one document like [`document`], and says how many lines of plain
/// text were joined into paragraphs.
pub fn document_counted(
    name: &str,
    bytes: &[u8],
    options: &AutoOptions,
) -> Result<(Document, text::Joined), ReadError> {
    if is_word(name, bytes, options.format) {
        let docx_options = docx::DocxOptions {
            track_changes: options.track_changes,
            openers: structure_openers(options, None),
        };
        return docx::read(bytes, &docx_options).map(|d| (d, text::Joined::default()));
    }
    let content = decode_text(bytes, options)?;
    text_document(name, &content, options)
}

/// True when a file of this name and (decoded) content is read as HTML:
/// by its extension, or by a doctype or an `<html>` element first.
pub fn is_html(name: &str, content: &str, format: Format) -> bool {
    match format {
        Format::Html => true,
        Format::Text | Format::Markdown | Format::Docx => false,
        Format::Auto => {
            matches!(extension(name).as_str(), "html" | "htm" | "xhtml")
                || html::looks_like_html(content)
        }
    }
}

/// Reads the Markdown an HTML page was turned into ([`html::to_markdown`])
/// with the structure `options` plan or its text tells.
pub fn markdown_document(markdown: &str, options: &AutoOptions) -> Result<Document, ReadError> {
    markdown::read(
        markdown,
        &markdown::MarkdownOptions {
            openers: structure_openers(options, Some(markdown)),
        },
    )
}

/// True when a file of this name is read as Markdown.
pub fn is_markdown(name: &str, format: Format) -> bool {
    match format {
        Format::Markdown => true,
        Format::Text | Format::Docx | Format::Html => false,
        Format::Auto => matches!(extension(name).as_str(), "md" | "markdown"),
    }
}

/// Reads an already decoded text or Markdown document named `name`, and
/// says how many lines were joined into paragraphs (Markdown joins the
/// lines of a paragraph by definition, and tells nothing).
pub fn text_document(
    name: &str,
    content: &str,
    options: &AutoOptions,
) -> Result<(Document, text::Joined), ReadError> {
    text_document_sharing(name, content, options, &SharedTexts::default())
}

/// Reads a text or Markdown document like [`text_document`], its
/// paragraphs sharing the texts in `shared` they are equal to (a proposal
/// read after its base).
pub fn text_document_sharing(
    name: &str,
    content: &str,
    options: &AutoOptions,
    shared: &SharedTexts,
) -> Result<(Document, text::Joined), ReadError> {
    if is_html(name, content, options.format) {
        let document = markdown_document(&html::to_markdown(content), options)?;
        return Ok((document, text::Joined::default()));
    }
    if is_markdown(name, options.format) {
        let document = markdown::read(
            content,
            &markdown::MarkdownOptions {
                openers: structure_openers(options, Some(content)),
            },
        )?;
        Ok((document, text::Joined::default()))
    } else {
        let options = text::TextOptions {
            shared: shared.clone(),
            ..text_options(content, options)
        };
        text::read_counted(content, &options)
    }
}

/// The plain-text options for `content` under `options`.
pub fn text_options(content: &str, options: &AutoOptions) -> text::TextOptions {
    text::TextOptions {
        paragraphs: options.paragraphs,
        openers: structure_openers(options, Some(content)),
        shared: SharedTexts::default(),
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
        // RTF, by name or content, is refused by the Word reader with what
        // it is, never read as text full of control words.
        let err = document("upload", b"{\\rtf1\\ansi Article 1.}", &options).unwrap_err();
        assert!(err.to_string().contains("an RTF file"), "{err}");
        assert!(is_word("res.rtf", b"", Format::Auto) && is_word("res.odt", b"", Format::Auto));
        // Word's XML formats, whatever the file's name.
        let word_2003 = b"<?xml version=\"1.0\"?><w:wordDocument xmlns:w=\"urn:x\"><w:body><w:p><w:r><w:t>Article 1.</w:t></w:r></w:p></w:body></w:wordDocument>";
        let doc = document("res.xml", word_2003, &options).unwrap();
        assert_eq!(doc.paragraph_count(), 1);
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
