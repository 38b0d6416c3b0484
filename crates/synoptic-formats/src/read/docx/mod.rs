//! Word .docx: paragraphs, numbering, section openers and the proposer's
//! own tracked changes.
//!
//! A .docx is a zip of XML parts. This reader opens the zip itself (with
//! `zip`) and walks the XML with `quick-xml`, rather than going through
//! docx-rs: docx-rs's reader folds what Word writes into its own model,
//! and that model does not keep everything we need side by side: moves
//! (`w:moveFrom`/`w:moveTo`) next to insertions and deletions, the
//! paragraph-mark revisions that split or join paragraphs, and the pieces
//! needed to render automatic numbering as Word shows it (levels, counters,
//! restarts, overrides, numbering carried by styles). It also reads a whole
//! part without the size and depth bounds hostile files call for.
//!
//! What the reader produces:
//!
//! - paragraphs in body order, table cells row by row, the paragraphs of
//!   a text box after the paragraph that holds it (once: from the choice
//!   of an `mc:AlternateContent`, never again from its fallback); runs
//!   with tabs and line breaks (`\t`, `\n`); a picture as `[image: its
//!   alternative text]` (`[image]` without one; `[chart]`, `[diagram]`,
//!   a SmartArt diagram with its nodes' text: `[diagram: a; b]`),
//!   so that adding or removing one is a change;
//! - what Word shows, not what it stores: a field's result, never its code
//!   (nor fields nested in the code); characters of symbol fonts as what
//!   they draw (`≥`, `●`); no soft hyphens; ruby base text, not the guide;
//!   comments, headers and footers are not text, nor is hidden text
//!   (`w:vanish`) or a table of contents (made from the headings: said in
//!   a note); numbers of fields that store none (`AUTONUM`, `LISTNUM`)
//!   are drawn as Word draws them, and so are legacy form fields and
//!   check box controls (`☒` checked, `☐` not, a drop-down list's chosen
//!   entry); a paragraph whose mark is hidden (Word's style separator,
//!   after a run-in heading) and the next one are one paragraph, as
//!   printed;
//! - footnote and endnote references as `[1]`, `[i]` marks in the text
//!   (or as the document numbers its notes: `[a]`, `[*]`, from 5),
//!   and the notes themselves, with their own tracked changes, as the
//!   paragraphs of a last section, `Notes`, each labelled by its mark:
//!   numbered by order of reference, the notes of two versions align as
//!   their references do; a note the proposer inserted is numbered after
//!   all the text had, so that the others keep their numbers;
//! - automatic numbering as its visible label (`a)`, `1.1.`, `(iv)`, `•`,
//!   `001`, `一、`, `а)`, `أ)`), numbered in the rejected view by the former
//!   properties a tracked `w:pPrChange` keeps; a label made of words
//!   (`Article 1`) heads the paragraph's text, as the text reader reads it;
//!   a label typed at the start of the text (`b)<TAB>that ...`) is split off
//!   as the text reader does;
//! - section openers: paragraphs in a heading style (or with an outline
//!   level), and paragraphs that read as an opener of [`DocxOptions::openers`];
//!   a legislative heading on the line of its section's first paragraph
//!   (`Section 1. Short title. This Act ...`) opens the section alone, as
//!   the text reader reads the line;
//! - ITU markers (`MOD`, `ADD`, `SUP`, `NOC`, with a reference such as
//!   `AFCP/35A8/1`) as metadata, not text: the first one is the document's
//!   marker and reference, later ones go to its notes;
//! - tracked changes, by [`TrackChanges`]: with `All`, each paragraph's
//!   [`synoptic_core::Paragraph::revision`] holds the insertions (`w:ins`, `w:moveTo`) and
//!   deletions (`w:del`, `w:moveFrom`) with their authors, and a numbered
//!   paragraph whose number changed gets a `former_label`; with `Accept` or
//!   `Reject` the text is the accepted or rejected side, without revision.
//!   A paragraph mark inserted or deleted splits or joins paragraphs: the
//!   accepted or rejected view joins them as Word would; `All` keeps the
//!   paragraphs as the proposal has them (a split one as two, a joined
//!   one as one, the text of the paragraph it absorbed inserted and that
//!   paragraph deleted) and says so in the notes. Dates are not part of
//!   a [`synoptic_core::Change`], so the notes sum up each author's changes and dates.
//!
//! The package is found as producers write it: the main part through
//! `_rels/.rels` (any name, absolute or `%`-escaped targets), Strict OOXML
//! namespaces, parts in UTF-16 or Windows-1252, and Word's one-file XML
//! formats (Flat OPC, and Word 2003's, rewritten into the .docx form). A
//! `.doc`, RTF, `.odt` or web page is refused saying what it is. An
//! embedded document (`w:altChunk`: HTML, a web archive, RTF, plain text
//! or a .docx) is read where it stands, and said in a note; one that
//! cannot be read is said in a note ([`NOT_READ`]).
//!
//! Hostile input is refused with a one-line error, never a panic: at most
//! [`MAX_ENTRIES`] zip entries, [`MAX_PART_BYTES`] per part and
//! [`MAX_TOTAL_BYTES`] in all once inflated (sizes are enforced while
//! inflating, not trusted from the zip headers), XML nested at most
//! [`MAX_DEPTH`] deep, and no DOCTYPE, so no entity expansion.

mod assemble;
mod chunks;
mod diagrams;
mod fields;
mod flat;
mod formats;
mod layout;
mod notes;
mod numbering;
mod package;
mod revisions;
mod rtf;
mod runs;
mod styles;
mod symbols;
pub(crate) mod table;
#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
pub(crate) mod tests;
mod walk;
mod wordml;
mod xml;

use std::collections::HashMap;

use synoptic_core::structure::Openers;
use synoptic_core::Document;

pub use self::flat::{is_flat_opc, is_word_xml};

use self::assemble::assemble;
use self::notes::{note_bodies, NoteNumbering};
use self::numbering::Numbering;
use self::package::Package;
use self::styles::Styles;
use self::walk::Walker;
use super::ReadError;

/// What to do with the tracked changes in a .docx.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum TrackChanges {
    /// Keep them: each paragraph carries the proposer's insertions and
    /// deletions with their authors.
    #[default]
    All,
    /// Read the document as if every change were accepted.
    Accept,
    /// Read the document as if every change were rejected.
    Reject,
}

/// Options of the .docx reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocxOptions {
    /// What to do with tracked changes.
    pub track_changes: TrackChanges,
    /// The section openers recognised in paragraph text (heading styles are
    /// always openers).
    pub openers: Openers,
}

/// At most this many entries in the zip.
pub const MAX_ENTRIES: usize = 10_000;
/// At most this many bytes in one part once inflated.
pub const MAX_PART_BYTES: u64 = 64 << 20;
/// At most this many bytes inflated over all the parts read.
pub const MAX_TOTAL_BYTES: u64 = 256 << 20;
/// At most this many nested XML elements.
pub const MAX_DEPTH: usize = 256;

/// How the notes on content the reader could not read begin: those notes
/// are for the user of every command (see [`unread_notes`]), unlike the
/// others, which say how the document was read.
pub const NOT_READ: &str = "not read: ";

/// The notes of a document read from a .docx that say what content was
/// not read (an embedded document), for the user to see.
pub fn unread_notes(document: &Document) -> impl Iterator<Item = &String> {
    document
        .metadata
        .notes
        .iter()
        .filter(|n| n.starts_with(NOT_READ))
}

/// Reads a Word .docx document.
pub fn read(bytes: &[u8], options: &DocxOptions) -> Result<Document, ReadError> {
    read_at(bytes, options, true)
}

/// Reads a .docx embedded in another one: its own embedded documents are
/// not read (said in a note), so that nesting stays bounded.
fn read_nested(bytes: &[u8], options: &DocxOptions) -> Result<Document, ReadError> {
    read_at(bytes, options, false)
}

/// Reads a .docx, its embedded documents (`w:altChunk`) too if `chunks`.
fn read_at(bytes: &[u8], options: &DocxOptions, chunks: bool) -> Result<Document, ReadError> {
    let mut opened = Opened::open_with(bytes, chunks)?;
    let mut walker = opened.walker();
    walker.accepting = options.track_changes == TrackChanges::Accept;
    walker.blocks(opened.body()?, None);
    walker.finish();
    let chunks = walker.alt_chunks;
    let chunks_read = walker.chunks_read;
    let listings = walker.listings;
    let mut document = assemble(walker, &opened.styles, &opened.numbering, options);
    if listings > 0 {
        document.metadata.notes.push(format!(
            "{NOT_READ}{listings} table{} of contents (or index): Word makes {} from the headings and pages, which are compared where they stand",
            if listings == 1 { "" } else { "s" },
            if listings == 1 { "it" } else { "them" },
        ));
    }
    if chunks_read > 0 {
        document.metadata.notes.push(format!(
            "{chunks_read} embedded document{} (w:altChunk) read as {}: Word converts {} when it opens the file, and may lay out or number {} otherwise",
            if chunks_read == 1 { "" } else { "s" },
            if chunks_read == 1 { "its text" } else { "their text" },
            if chunks_read == 1 { "it" } else { "them" },
            if chunks_read == 1 { "it" } else { "them" },
        ));
    }
    if chunks > 0 {
        document.metadata.notes.push(format!(
            "{NOT_READ}{chunks} embedded document{} (w:altChunk): open the file in Word and save it to make {} part of the text",
            if chunks == 1 { "" } else { "s" },
            if chunks == 1 { "it" } else { "them" },
        ));
    }
    Ok(document)
}

/// A .docx opened: its main part parsed, with the styles, lists and notes
/// reading its body needs.
pub(crate) struct Opened {
    main: String,
    document: xml::Element,
    styles: Styles,
    numbering: Numbering,
    footnotes: HashMap<String, Vec<synoptic_core::Change>>,
    endnotes: HashMap<String, Vec<synoptic_core::Change>>,
    note_numbering: NoteNumbering,
    /// The embedded documents read, by relationship id.
    chunks: HashMap<String, Vec<chunks::ChunkParagraph>>,
    /// The node texts of the diagrams, by the id of their data part.
    diagrams: HashMap<String, Vec<String>>,
}

impl Opened {
    /// Opens the package and parses the parts the body refers to.
    fn open(bytes: &[u8]) -> Result<Self, ReadError> {
        Self::open_with(bytes, true)
    }

    /// [`Opened::open`], reading the embedded documents only if `chunks`.
    fn open_with(bytes: &[u8], chunks: bool) -> Result<Self, ReadError> {
        if wordml::is_wordml_2003(bytes) {
            return Self::open_wordml_2003(bytes);
        }
        let flat;
        let bytes = if flat::is_flat_opc(bytes) {
            flat = flat::flat_to_zip(bytes)?;
            flat.as_slice()
        } else {
            bytes
        };
        let mut package = Package::open(bytes)?;
        let main = package.main_part()?;
        let rels = package.part_relations(&main)?;
        let text = |name: &str| matches!(name, "t" | "delText" | "instrText" | "delInstrText");
        let Some(document) = package.xml(&main, text)? else {
            return Err(err(package.what_instead(&main)));
        };
        let styles = match rels.get("styles") {
            Some(name) => package.xml(name, |_| false)?,
            None => None,
        };
        let styles = Styles::parse(styles.as_ref());
        let numbering = match rels.get("numbering") {
            Some(name) => package.xml(name, |_| false)?,
            None => None,
        };
        let settings = match rels.get("settings") {
            Some(name) => package.xml(name, |_| false)?,
            None => None,
        };
        let note_numbering = NoteNumbering::of(settings.as_ref(), document.child("body"));
        let mut notes = HashMap::new();
        for kind in ["footnotes", "endnotes"] {
            if let Some(name) = rels.get(kind) {
                if let Some(root) = package.xml(name, text)? {
                    notes.insert(kind, note_bodies(&root, &styles.hidden));
                }
            }
        }
        let diagrams = diagrams::read_diagrams(&mut package, &main, &document);
        // Last, so that the size budget they use never keeps the parts
        // the text needs from being read.
        let chunks = if chunks {
            chunks::read_chunks(&mut package, &main, &document)
        } else {
            HashMap::new()
        };
        Ok(Opened {
            styles,
            numbering: Numbering::parse(numbering.as_ref()),
            footnotes: notes.remove("footnotes").unwrap_or_default(),
            endnotes: notes.remove("endnotes").unwrap_or_default(),
            note_numbering,
            chunks,
            diagrams,
            main,
            document,
        })
    }

    /// Opens a Word 2003 XML document: one part, rewritten into the
    /// .docx form, its styles and notes inside it.
    fn open_wordml_2003(bytes: &[u8]) -> Result<Self, ReadError> {
        let main = "Word 2003 XML document".to_string();
        let text = |name: &str| matches!(name, "t" | "delText" | "instrText" | "delInstrText");
        let mut document = xml::parse_xml(&main, bytes, text)?;
        let notes = wordml::rewrite(&mut document);
        Ok(Opened {
            styles: Styles::parse(document.child("styles")),
            numbering: Numbering::default(),
            footnotes: notes.footnotes,
            endnotes: notes.endnotes,
            note_numbering: NoteNumbering::of(None, document.child("body")),
            chunks: HashMap::new(),
            diagrams: HashMap::new(),
            main,
            document,
        })
    }

    /// The document's body.
    fn body(&self) -> Result<&xml::Element, ReadError> {
        self.document
            .child("body")
            .ok_or_else(|| err(format!("{} has no body", self.main)))
    }

    /// A walker that knows the notes (taken: one walk per opened file).
    fn walker(&mut self) -> Walker {
        Walker {
            footnotes: std::mem::take(&mut self.footnotes),
            endnotes: std::mem::take(&mut self.endnotes),
            note_numbering: self.note_numbering.clone(),
            chunk_bodies: std::mem::take(&mut self.chunks),
            diagram_texts: std::mem::take(&mut self.diagrams),
            hidden_styles: self.styles.hidden.clone(),
            heading_levels: self.styles.heading_levels(),
            notes_before: runs::notes_before_insertions(&self.document, 0),
            ..Walker::default()
        }
    }
}

/// True when an OLE compound file names the `EncryptedPackage` stream of
/// an encrypted Office document (directory names are UTF-16LE).
fn is_encrypted_package(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// A one-line error.
fn err(message: impl Into<String>) -> ReadError {
    ReadError::Docx(message.into())
}

/// An error message on one line.
fn one_line(e: &dyn std::fmt::Display) -> String {
    e.to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}
