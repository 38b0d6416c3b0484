//! Word .docx: the synopsis as a landscape table with real revision marks,
//! and a single document (a proposal, a draft) with its tracked changes.
//!
//! Every change is a Word revision: `w:ins` and `w:del` (with `w:delText`)
//! whose author is the proposal's label (or the change's own author, when
//! the proposer's tracked changes named one), so Word's Review pane shows
//! who proposed what. Revisions carry no date (`w:date` is optional), which
//! keeps the output byte for byte the same for the same synopsis; the zip
//! entries carry a fixed timestamp for the same reason.
//!
//! The XML is written by hand (escaped by quick-xml) and zipped with `zip`
//! rather than built with docx-rs: docx-rs's table rows cannot be marked as
//! header rows repeated on every page (`w:tblHeader`), and its packager
//! stamps the current time into the zip entries, so the bytes would change
//! on every run. The handful of parts a table needs is small enough to
//! write directly, in the element order the schema requires (Word refuses
//! out-of-order properties with a repair prompt).

mod package;
mod table;
mod xml;

use std::io::{self, Write};

use synoptic_core::{Document, Synopsis};

use package::{package, package_streamed, section_properties, Page};
use table::synopsis_body;
use xml::{document_paragraph, plain_paragraph, Xml};

/// Options of the synopsis table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxOptions {
    /// The document title, shown above the table and in the file's
    /// properties.
    pub title: String,
}

impl Default for DocxOptions {
    fn default() -> Self {
        DocxOptions {
            title: "Synopsis".into(),
        }
    }
}

/// Options of a single document written with [`write_document`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentOptions {
    /// A title paragraph to put first, if any.
    pub title: Option<String>,
    /// The author of changes that do not name their own.
    pub author: String,
}

impl Default for DocumentOptions {
    fn default() -> Self {
        DocumentOptions {
            title: None,
            author: "Synoptic".into(),
        }
    }
}

/// Writes the synopsis as a .docx: a landscape table, one column per
/// version, with the header row repeated on every page.
pub fn write(synopsis: &Synopsis, options: &DocxOptions, mut out: impl Write) -> io::Result<()> {
    out.write_all(&synopsis_bytes(synopsis, options)?)?;
    out.flush()
}

/// The bytes of the synopsis as a .docx (see [`write`]).
pub fn synopsis_bytes(synopsis: &Synopsis, options: &DocxOptions) -> io::Result<Vec<u8>> {
    package_streamed(&options.title, |out| synopsis_body(synopsis, options, out))
}

/// Writes one document as a .docx: openers, labelled paragraphs, and the
/// proposer's own changes ([`Paragraph::revision`]) as Word revisions, with
/// the document's marker and reference (`MOD AFCP/35A8/1`) first.
pub fn write_document(
    document: &Document,
    options: &DocumentOptions,
    mut out: impl Write,
) -> io::Result<()> {
    out.write_all(&document_bytes(document, options)?)?;
    out.flush()
}

/// The bytes of one document as a .docx (see [`write_document`]).
pub fn document_bytes(document: &Document, options: &DocumentOptions) -> io::Result<Vec<u8>> {
    let mut x = Xml::default();
    let mut ids = 0u32;
    if let Some(title) = &options.title {
        plain_paragraph(&mut x, "Title", title);
    }
    if let Some(marker) = &document.metadata.marker {
        let line = match &document.metadata.reference {
            Some(r) => format!("{marker}\t{r}"),
            None => marker.clone(),
        };
        plain_paragraph(&mut x, "Proposal", &line);
    }
    for section in &document.sections {
        if let Some(opener) = &section.opener {
            document_paragraph(&mut x, &mut ids, opener, "Call", &options.author);
        }
        for p in &section.paragraphs {
            document_paragraph(&mut x, &mut ids, p, "Normal", &options.author);
        }
    }
    x.raw(&section_properties(Page::A4Portrait));
    let title = options.title.clone().unwrap_or_default();
    package(&x.0, &title)
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests;
