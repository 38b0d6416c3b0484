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
//! - paragraphs in body order, table cells row by row; runs with tabs and
//!   line breaks (`\t`, `\n`); footnote and endnote references as `[1]`,
//!   `[i]` markers, with the notes' text in the document's notes;
//! - automatic numbering as its visible label (`a)`, `1.1.`, `(iv)`, `•`);
//!   a label typed at the start of the text (`b)<TAB>that ...`) is split off
//!   as the text reader does;
//! - section openers: paragraphs in a heading style (or with an outline
//!   level), and paragraphs that read as an opener of [`DocxOptions::openers`];
//! - ITU markers (`MOD`, `ADD`, `SUP`, `NOC`, with a reference such as
//!   `AFCP/35A8/1`) as metadata, not text: the first one is the document's
//!   marker and reference, later ones go to its notes;
//! - tracked changes, by [`TrackChanges`]: with `All`, each paragraph's
//!   [`Paragraph::revision`] holds the insertions (`w:ins`, `w:moveTo`) and
//!   deletions (`w:del`, `w:moveFrom`) with their authors, and a numbered
//!   paragraph whose number changed gets a `former_label`; with `Accept` or
//!   `Reject` the text is the accepted or rejected side, without revision.
//!   A paragraph mark inserted or deleted splits or joins paragraphs: the
//!   accepted or rejected view joins them as Word would; `All` keeps them
//!   apart (as pandoc does) and says so in the notes. Dates are not part of
//!   a [`Change`], so the notes sum up each author's changes and dates.
//!
//! Hostile input is refused with a one-line error, never a panic: at most
//! [`MAX_ENTRIES`] zip entries, [`MAX_PART_BYTES`] per part and
//! [`MAX_TOTAL_BYTES`] in all once inflated (sizes are enforced while
//! inflating, not trusted from the zip headers), XML nested at most
//! [`MAX_DEPTH`] deep, and no DOCTYPE, so no entity expansion.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{Cursor, Read};

use quick_xml::events::Event;
use synoptic_core::model::{original_of, result_of};
use synoptic_core::structure::{split_label, Openers};
use synoptic_core::{Change, ChangeKind, Document, Paragraph};

use super::text::{marker_line, Builder};
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

/// Reads a Word .docx document.
pub fn read(bytes: &[u8], options: &DocxOptions) -> Result<Document, ReadError> {
    let mut package = Package::open(bytes)?;
    let main = package.main_part()?;
    let rels = package.part_relations(&main)?;
    let document = package
        .xml(&main, |name| name == "t" || name == "delText")?
        .ok_or_else(|| err(format!("no {main}: not a Word document")))?;
    let styles = match rels.get("styles") {
        Some(name) => package.xml(name, |_| false)?,
        None => None,
    };
    let numbering = match rels.get("numbering") {
        Some(name) => package.xml(name, |_| false)?,
        None => None,
    };
    let mut notes = HashMap::new();
    for kind in ["footnotes", "endnotes"] {
        if let Some(name) = rels.get(kind) {
            if let Some(root) = package.xml(name, |n| n == "t")? {
                notes.insert(kind, note_texts(&root));
            }
        }
    }
    let body = document
        .child("body")
        .ok_or_else(|| err(format!("{main} has no body")))?;
    let styles = Styles::parse(styles.as_ref());
    let numbering = Numbering::parse(numbering.as_ref());
    let mut walker = Walker {
        footnotes: notes.remove("footnotes").unwrap_or_default(),
        endnotes: notes.remove("endnotes").unwrap_or_default(),
        ..Walker::default()
    };
    walker.blocks(body, None);
    Ok(assemble(walker, &styles, &numbering, options))
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

// ---------------------------------------------------------------------------
// The zip package

/// The zip archive, with the inflated-size budget still left.
struct Package<'a> {
    archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    budget: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip, telling a legacy or encrypted Word file (an OLE
    /// compound file) and a file that is no zip at all from a damaged zip.
    fn open(bytes: &'a [u8]) -> Result<Self, ReadError> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            // An OLE compound file: Word wraps a password-protected .docx
            // in one (streams `EncryptionInfo` and `EncryptedPackage`), and
            // a Word 97-2003 .doc is one.
            return Err(err(if is_encrypted_package(bytes) {
                "encrypted (password-protected) .docx: cannot read; remove the password in Word and save again"
            } else {
                "encrypted or legacy .doc (Word 97-2003): cannot read; save it as .docx"
            }));
        }
        if !bytes.starts_with(b"PK") {
            return Err(err("not a .docx (not a zip file)"));
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| err(format!("truncated or damaged .docx: {}", one_line(&e))))?;
        if archive.len() > MAX_ENTRIES {
            return Err(err(format!(
                "too many zip entries ({}, at most {MAX_ENTRIES})",
                archive.len()
            )));
        }
        Ok(Package {
            archive,
            budget: MAX_TOTAL_BYTES,
        })
    }

    /// The inflated bytes of a part, `None` when the zip has no such entry.
    /// Names match exactly, else ignoring case and a leading slash.
    fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let wanted = name.trim_start_matches('/');
        let index = match self.archive.index_for_name(wanted) {
            Some(i) => i,
            None => match self.archive.file_names().position(|n| {
                n.trim_start_matches('/')
                    .replace('\\', "/")
                    .eq_ignore_ascii_case(wanted)
            }) {
                Some(position) => {
                    // `file_names` does not promise index order; look the
                    // name up again to get its index.
                    let found = self.archive.file_names().nth(position).map(str::to_string);
                    match found.and_then(|n| self.archive.index_for_name(&n)) {
                        Some(i) => i,
                        None => return Ok(None),
                    }
                }
                None => return Ok(None),
            },
        };
        let mut entry = self.archive.by_index(index).map_err(|e| {
            let message = one_line(&e);
            if message.to_lowercase().contains("password") {
                err("encrypted .docx: cannot read")
            } else {
                err(format!("{wanted}: cannot unzip: {message}"))
            }
        })?;
        if entry.encrypted() {
            return Err(err("encrypted .docx: cannot read"));
        }
        let limit = MAX_PART_BYTES.min(self.budget);
        let mut out = Vec::new();
        // Read one byte past the limit to tell "exactly at" from "over"; the
        // size in the zip header is not trusted.
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| err(format!("{wanted}: cannot unzip: {}", one_line(&e))))?;
        let read = out.len() as u64;
        if read > limit {
            return Err(err(if limit < MAX_PART_BYTES {
                format!(
                    "inflates to more than {} MiB in all: refused (zip bomb?)",
                    MAX_TOTAL_BYTES >> 20
                )
            } else {
                format!(
                    "{wanted} inflates to more than {} MiB: refused (zip bomb?)",
                    MAX_PART_BYTES >> 20
                )
            }));
        }
        self.budget -= read;
        Ok(Some(out))
    }

    /// A part parsed as XML, `None` when absent. `keep_text` says inside
    /// which elements (by local name) text matters; other text is dropped
    /// while parsing to keep the tree small.
    fn xml(
        &mut self,
        name: &str,
        keep_text: fn(&str) -> bool,
    ) -> Result<Option<Element>, ReadError> {
        match self.bytes(name)? {
            Some(bytes) => parse_xml(name, &bytes, keep_text).map(Some),
            None => Ok(None),
        }
    }

    /// The name of the main document part: what `_rels/.rels` names as the
    /// office document, else `word/document.xml`.
    fn main_part(&mut self) -> Result<String, ReadError> {
        let fallback = "word/document.xml".to_string();
        let Some(rels) = self.xml("_rels/.rels", |_| false)? else {
            return Ok(fallback);
        };
        for rel in rels.children_named("Relationship") {
            if rel
                .attr("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
                && rel.attr("TargetMode") != Some("External")
            {
                if let Some(target) = rel.attr("Target") {
                    let name = resolve_target("", target);
                    if self.archive.index_for_name(&name).is_some() {
                        return Ok(name);
                    }
                }
            }
        }
        Ok(fallback)
    }

    /// The parts the main document relates to, by kind (`styles`,
    /// `numbering`, `footnotes`, `endnotes`), with the usual names as a
    /// fallback.
    fn part_relations(&mut self, main: &str) -> Result<HashMap<&'static str, String>, ReadError> {
        let (dir, file) = match main.rsplit_once('/') {
            Some((d, f)) => (d.to_string(), f),
            None => (String::new(), main),
        };
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let mut out = HashMap::new();
        if let Some(rels) = self.xml(&rels_name, |_| false)? {
            for rel in rels.children_named("Relationship") {
                let (Some(kind), Some(target)) = (rel.attr("Type"), rel.attr("Target")) else {
                    continue;
                };
                if rel.attr("TargetMode") == Some("External") {
                    continue;
                }
                for wanted in ["styles", "numbering", "footnotes", "endnotes"] {
                    if kind.ends_with(&format!("/{wanted}")) {
                        out.insert(wanted, resolve_target(&dir, target));
                    }
                }
            }
        }
        for wanted in ["styles", "numbering", "footnotes", "endnotes"] {
            out.entry(wanted).or_insert_with(|| {
                if dir.is_empty() {
                    format!("{wanted}.xml")
                } else {
                    format!("{dir}/{wanted}.xml")
                }
            });
        }
        Ok(out)
    }
}

/// A relationship target as a part name: absolute (`/word/x.xml`) or
/// relative to `dir`, with `..` resolved.
fn resolve_target(dir: &str, target: &str) -> String {
    let joined = if let Some(abs) = target.strip_prefix('/') {
        abs.to_string()
    } else if dir.is_empty() {
        target.to_string()
    } else {
        format!("{dir}/{target}")
    };
    let mut parts: Vec<&str> = Vec::new();
    for piece in joined.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// An error message on one line.
fn one_line(e: &dyn std::fmt::Display) -> String {
    e.to_string()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

// ---------------------------------------------------------------------------
// A small XML tree

/// An XML element: its local name (prefix dropped), attributes by local
/// name, and children.
#[derive(Debug, Default)]
struct Element {
    name: String,
    attrs: Vec<(String, String)>,
    children: Vec<Node>,
}

/// A child of an element.
#[derive(Debug)]
enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// An attribute's value by local name (`val` for `w:val`).
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The element children.
    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The element children with a local name.
    fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first element child with a local name.
    fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The `val` attribute of the first child with a local name.
    fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }

    /// The text directly inside the element.
    fn text(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            if let Node::Text(t) = n {
                out.push_str(t);
            }
        }
        out
    }
}

/// True when an on/off property element is on (`<w:b/>`, `<w:b w:val="1"/>`).
fn is_on(e: &Element) -> bool {
    !matches!(e.attr("val"), Some("0" | "false" | "off"))
}

/// The local part of a qualified name.
fn local(name: &[u8]) -> String {
    let local = match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(local).into_owned()
}

/// Parses a part into a tree, refusing DOCTYPEs (hence entity
/// definitions), undefined entities, nesting deeper than [`MAX_DEPTH`] and
/// XML that ends early.
fn parse_xml(part: &str, bytes: &[u8], keep_text: fn(&str) -> bool) -> Result<Element, ReadError> {
    let text = super::decode(bytes).map_err(|e| err(format!("{part}: {e}")))?;
    let mut reader = quick_xml::Reader::from_str(&text);
    let bad = |reader: &quick_xml::Reader<&[u8]>, e: &dyn std::fmt::Display| {
        err(format!(
            "{part}: not well-formed XML at byte {}: {}",
            reader.error_position(),
            one_line(e)
        ))
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => return Err(bad(&reader, &e)),
        };
        match event {
            Event::Start(start) => {
                let element = element_of(part, &reader, &start, &stack, root.is_some())?;
                stack.push(element);
            }
            Event::Empty(start) => {
                let element = element_of(part, &reader, &start, &stack, root.is_some())?;
                close(&mut stack, &mut root, element);
            }
            Event::End(_) => {
                let Some(element) = stack.pop() else {
                    return Err(err(format!(
                        "{part}: not well-formed XML: unmatched end tag"
                    )));
                };
                close(&mut stack, &mut root, element);
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    if keep_text(&top.name) {
                        let t = t.xml10_content().map_err(|e| bad(&reader, &e))?;
                        push_text(top, &t);
                    }
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    if keep_text(&top.name) {
                        let t = t.decode().map_err(|e| bad(&reader, &e))?;
                        push_text(top, &t);
                    }
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => {
                        let name = r.decode().map_err(|e| bad(&reader, &e))?;
                        match name.as_ref() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            other => return Err(undefined_entity(part, other)),
                        }
                    }
                    Err(e) => return Err(bad(&reader, &e)),
                };
                if let Some(top) = stack.last_mut() {
                    if keep_text(&top.name) {
                        push_text(top, resolved.encode_utf8(&mut [0; 4]));
                    }
                }
            }
            Event::DocType(_) => {
                return Err(err(format!(
                    "{part}: has a DOCTYPE, which a .docx never has (entity expansion?): refused"
                )))
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(err(format!("{part}: XML ends early (truncated?)")));
    }
    root.ok_or_else(|| err(format!("{part}: not XML (no root element)")))
}

/// The error for an entity that is neither predefined nor a character
/// reference (a DOCTYPE, which could define one, is refused earlier).
fn undefined_entity(part: &str, name: &str) -> ReadError {
    let name: String = name.chars().take(40).collect();
    err(format!(
        "{part}: undefined entity &{name}; (custom entities are not allowed)"
    ))
}

/// A new element from a start tag, checking depth and a second root.
fn element_of(
    part: &str,
    reader: &quick_xml::Reader<&[u8]>,
    start: &quick_xml::events::BytesStart<'_>,
    stack: &[Element],
    has_root: bool,
) -> Result<Element, ReadError> {
    if stack.len() >= MAX_DEPTH {
        return Err(err(format!(
            "{part}: XML nested deeper than {MAX_DEPTH} levels"
        )));
    }
    if has_root && stack.is_empty() {
        return Err(err(format!(
            "{part}: not well-formed XML: two root elements"
        )));
    }
    let bad = |e: &dyn std::fmt::Display| {
        err(format!(
            "{part}: not well-formed XML at byte {}: {}",
            reader.buffer_position(),
            one_line(e)
        ))
    };
    let mut element = Element {
        name: local(start.name().as_ref()),
        ..Element::default()
    };
    for attr in start.attributes() {
        let attr = attr.map_err(|e| bad(&e))?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| bad(&e))?;
        element
            .attrs
            .push((local(attr.key.as_ref()), value.into_owned()));
    }
    Ok(element)
}

/// Attaches a finished element to its parent, or makes it the root.
fn close(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(element)),
        None => *root = Some(element),
    }
}

/// Appends text to an element, merging with a text child just before.
fn push_text(element: &mut Element, text: &str) {
    if let Some(Node::Text(last)) = element.children.last_mut() {
        last.push_str(text);
    } else {
        element.children.push(Node::Text(text.to_string()));
    }
}

// ---------------------------------------------------------------------------
// Styles and numbering

/// What the reader needs of a paragraph style.
#[derive(Debug, Default)]
struct Style {
    based_on: Option<String>,
    name: String,
    num_id: Option<String>,
    ilvl: Option<usize>,
    outline_level: Option<u32>,
}

/// The paragraph styles of the document, by id.
#[derive(Debug, Default)]
struct Styles {
    by_id: HashMap<String, Style>,
}

impl Styles {
    fn parse(root: Option<&Element>) -> Styles {
        let mut by_id = HashMap::new();
        let Some(root) = root else {
            return Styles { by_id };
        };
        for s in root.children_named("style") {
            if s.attr("type").is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let ppr = s.child("pPr");
            let num = ppr.and_then(|p| p.child("numPr"));
            by_id.insert(
                id.to_string(),
                Style {
                    based_on: s.child_val("basedOn").map(str::to_string),
                    name: s.child_val("name").unwrap_or_default().to_lowercase(),
                    num_id: num.and_then(|n| n.child_val("numId")).map(str::to_string),
                    ilvl: num
                        .and_then(|n| n.child_val("ilvl"))
                        .and_then(|v| v.parse().ok()),
                    outline_level: ppr
                        .and_then(|p| p.child_val("outlineLvl"))
                        .and_then(|v| v.parse().ok()),
                },
            );
        }
        Styles { by_id }
    }

    /// The style and the styles it is based on, nearest first (cycles and
    /// long chains cut short).
    fn chain<'s>(&'s self, id: Option<&'s str>) -> Vec<(&'s str, &'s Style)> {
        let mut out: Vec<(&str, &Style)> = Vec::new();
        let mut next = id;
        while let Some(id) = next {
            if out.len() >= 20 || out.iter().any(|(seen, _)| *seen == id) {
                break;
            }
            let Some(style) = self.by_id.get(id) else {
                break;
            };
            out.push((id, style));
            next = style.based_on.as_deref();
        }
        out
    }

    /// True when the style makes a heading: a "heading N" style or one with
    /// an outline level.
    fn is_heading(&self, id: Option<&str>) -> bool {
        let direct = id.is_some_and(|id| {
            let lower = id.to_lowercase();
            lower
                .strip_prefix("heading")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        });
        direct
            || self.chain(id).iter().any(|(_, s)| {
                s.outline_level.is_some_and(|l| l < 9)
                    || s.name
                        .strip_prefix("heading ")
                        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
            })
    }
}

/// One level of a list definition.
#[derive(Debug, Clone)]
struct Level {
    start: i64,
    format: String,
    text: String,
    /// `lvlRestart`: restart after a level up to this one (1-based) is
    /// used; 0 never; `None` the default (after any higher level).
    restart: Option<usize>,
    legal: bool,
    style: Option<String>,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: "decimal".into(),
            text: String::new(),
            restart: None,
            legal: false,
            style: None,
        }
    }
}

impl Level {
    fn parse(e: &Element) -> Level {
        Level {
            start: e
                .child_val("start")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1),
            format: e.child_val("numFmt").unwrap_or("decimal").to_string(),
            text: e.child_val("lvlText").unwrap_or_default().to_string(),
            restart: e.child_val("lvlRestart").and_then(|v| v.parse().ok()),
            legal: e.child("isLgl").is_some_and(is_on),
            style: e.child_val("pStyle").map(str::to_string),
        }
    }
}

/// A concrete list (`w:num`): its abstract definition and overrides.
#[derive(Debug, Default)]
struct Num {
    abstract_id: String,
    start_overrides: BTreeMap<usize, i64>,
    level_overrides: BTreeMap<usize, Level>,
}

/// The lists of the document (numbering.xml).
#[derive(Debug, Default)]
struct Numbering {
    abstracts: HashMap<String, Vec<Level>>,
    nums: HashMap<String, Num>,
}

/// Levels of a list: Word has nine.
const LEVELS: usize = 9;

impl Numbering {
    fn parse(root: Option<&Element>) -> Numbering {
        let mut out = Numbering::default();
        let Some(root) = root else {
            return out;
        };
        let mut links: HashMap<String, String> = HashMap::new();
        let mut style_links: HashMap<String, String> = HashMap::new();
        for a in root.children_named("abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); LEVELS];
            for lvl in a.children_named("lvl") {
                if let Some(i) = lvl.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) {
                    if let Some(slot) = levels.get_mut(i) {
                        *slot = Level::parse(lvl);
                    }
                }
            }
            if let Some(style) = a.child_val("numStyleLink") {
                links.insert(id.to_string(), style.to_string());
            }
            if let Some(style) = a.child_val("styleLink") {
                style_links.insert(style.to_string(), id.to_string());
            }
            out.abstracts.insert(id.to_string(), levels);
        }
        for n in root.children_named("num") {
            let (Some(id), Some(abstract_id)) = (n.attr("numId"), n.child_val("abstractNumId"))
            else {
                continue;
            };
            let mut num = Num {
                abstract_id: abstract_id.to_string(),
                ..Num::default()
            };
            for o in n.children_named("lvlOverride") {
                let Some(i) = o.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if i >= LEVELS {
                    continue;
                }
                if let Some(s) = o.child_val("startOverride").and_then(|v| v.parse().ok()) {
                    num.start_overrides.insert(i, s);
                }
                if let Some(lvl) = o.child("lvl") {
                    num.level_overrides.insert(i, Level::parse(lvl));
                }
            }
            out.nums.insert(id.to_string(), num);
        }
        // An abstract list that only links to a numbering style
        // (`numStyleLink`) takes its levels from the list that defines
        // that style (`styleLink`).
        for (id, style) in links {
            if let Some(target) = style_links.get(&style) {
                if let Some(levels) = out.abstracts.get(target).cloned() {
                    out.abstracts.insert(id, levels);
                }
            }
        }
        out
    }

    /// The level definition a list uses at a level.
    fn level(&self, num_id: &str, ilvl: usize) -> Option<&Level> {
        let num = self.nums.get(num_id)?;
        num.level_overrides
            .get(&ilvl)
            .or_else(|| self.abstracts.get(&num.abstract_id)?.get(ilvl))
    }
}

/// The counters of every list while a view of the document is numbered.
#[derive(Default)]
struct Counters {
    /// Per abstract list: the last number given at each level.
    lists: HashMap<String, [Option<i64>; LEVELS]>,
    /// Concrete lists already used (their start overrides applied).
    started: HashSet<String>,
}

impl Counters {
    /// The next label of a list at a level, as Word shows it.
    fn next(&mut self, numbering: &Numbering, num_id: &str, ilvl: usize) -> Option<String> {
        let num = numbering.nums.get(num_id)?;
        let ilvl = ilvl.min(LEVELS - 1);
        let start = |level: usize| -> i64 {
            num.start_overrides
                .get(&level)
                .copied()
                .or_else(|| numbering.level(num_id, level).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.lists.entry(num.abstract_id.clone()).or_default();
        if self.started.insert(num_id.to_string()) {
            // A list that restarts numbering (Word's "Restart at") starts
            // its overridden levels afresh.
            for level in num.start_overrides.keys() {
                if let Some(c) = counters.get_mut(*level) {
                    *c = None;
                }
            }
        }
        let value = match counters[ilvl] {
            Some(c) => c.saturating_add(1),
            None => start(ilvl),
        };
        counters[ilvl] = Some(value);
        for (deeper, counter) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = numbering
                .level(num_id, deeper)
                .and_then(|l| l.restart)
                .unwrap_or(deeper);
            // Restart after a level up to `restart` (1-based) is used.
            if ilvl < restart {
                *counter = None;
            }
        }
        let level = numbering.level(num_id, ilvl)?;
        let values: Vec<i64> = (0..LEVELS)
            .map(|l| counters[l].unwrap_or_else(|| start(l)))
            .collect();
        let label = render_level(numbering, num_id, level, &values);
        let label = label.trim();
        (!label.is_empty()).then(|| label.to_string())
    }
}

/// A level's text with `%1`..`%9` replaced by the levels' numbers.
fn render_level(numbering: &Numbering, num_id: &str, level: &Level, values: &[i64]) -> String {
    if level.format == "bullet" {
        return bullet(&level.text);
    }
    if level.format == "none" {
        return String::new();
    }
    let mut out = String::new();
    let mut chars = level.text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                chars.next();
                let index = (d as usize).saturating_sub(1);
                let value = values.get(index).copied().unwrap_or(1);
                let format = numbering
                    .level(num_id, index)
                    .map_or("decimal", |l| l.format.as_str());
                // A legal level shows every level in arabic numbers.
                let format = if level.legal { "decimal" } else { format };
                out.push_str(&format_number(value, format));
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A bullet as it should read in text: symbol-font characters (private use
/// area) become `•`.
fn bullet(text: &str) -> String {
    let t = text.trim();
    if t.is_empty() || t.chars().any(|c| ('\u{E000}'..='\u{F8FF}').contains(&c)) {
        "\u{2022}".to_string()
    } else {
        t.to_string()
    }
}

/// A number in a Word numbering format.
fn format_number(n: i64, format: &str) -> String {
    let positive = u32::try_from(n).ok().filter(|&n| n > 0);
    match (format, positive) {
        ("lowerLetter", Some(n)) => letters(n, b'a'),
        ("upperLetter", Some(n)) => letters(n, b'A'),
        ("lowerRoman", Some(n)) if n < 4000 => roman(n),
        ("upperRoman", Some(n)) if n < 4000 => roman(n).to_uppercase(),
        ("decimalZero", _) if (0..10).contains(&n) => format!("0{n}"),
        ("ordinal", Some(n)) => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
        ("none", _) => String::new(),
        _ => n.to_string(),
    }
}

/// Word's letter numbering: a..z, then aa..zz, aaa...
fn letters(n: u32, base: u8) -> String {
    let index = (n - 1) % 26;
    let count = ((n - 1) / 26 + 1).min(100) as usize;
    let letter = char::from(base + index as u8);
    std::iter::repeat_n(letter, count).collect()
}

/// A lowercase roman numeral; beyond 3999, where there is none, the number.
fn roman(n: u32) -> String {
    let numeral = synoptic_core::structure::to_roman(n);
    if numeral.is_empty() {
        n.to_string()
    } else {
        numeral
    }
}

// ---------------------------------------------------------------------------
// Walking the body

/// A paragraph as read, before numbering and the tracked-changes mode.
#[derive(Debug, Default)]
struct RawParagraph {
    /// The runs' text as kept, inserted and deleted pieces.
    pieces: Vec<Change>,
    style: Option<String>,
    num_id: Option<String>,
    ilvl: Option<usize>,
    /// The paragraph mark's own revision: `Insert` when the mark (so the
    /// paragraph break) was inserted, `Delete` when deleted.
    mark: Option<(ChangeKind, Option<String>)>,
}

impl RawParagraph {
    /// Whether the paragraph is there once changes are accepted.
    fn in_result(&self) -> bool {
        !matches!(self.mark, Some((ChangeKind::Delete, _)))
    }

    /// Whether the paragraph is there once changes are rejected.
    fn in_original(&self) -> bool {
        !matches!(self.mark, Some((ChangeKind::Insert, _)))
    }
}

/// What one author changed, for the notes.
#[derive(Debug, Default)]
struct AuthorStats {
    insertions: usize,
    deletions: usize,
    first: Option<String>,
    last: Option<String>,
}

/// The revision a run of text is under.
#[derive(Debug, Clone)]
enum Revision {
    /// Plain text.
    None,
    /// Inserted or deleted, by an author.
    Change(ChangeKind, Option<String>),
    /// Inserted then deleted (or the reverse): on neither side.
    Neither,
}

/// Collects the paragraphs of the body and what goes into notes.
#[derive(Default)]
struct Walker {
    paragraphs: Vec<RawParagraph>,
    footnotes: HashMap<String, String>,
    endnotes: HashMap<String, String>,
    footnote_count: u32,
    endnote_count: u32,
    notes: Vec<String>,
    authors: BTreeMap<String, AuthorStats>,
}

impl Walker {
    /// Block content: paragraphs, tables and their containers. `row` is the
    /// revision of the table row being read, if any.
    fn blocks(&mut self, parent: &Element, row: Option<&(ChangeKind, Option<String>)>) {
        for e in parent.elements() {
            match e.name.as_str() {
                "p" => self.paragraph(e, row),
                "tbl" => self.table(e),
                "sdt" => {
                    if let Some(content) = e.child("sdtContent") {
                        self.blocks(content, row);
                    }
                }
                "sdtContent" | "customXml" | "ins" | "del" | "moveFrom" | "moveTo" => {
                    self.blocks(e, row)
                }
                "AlternateContent" => {
                    if let Some(choice) = e.child("Choice") {
                        self.blocks(choice, row);
                    }
                }
                _ => {}
            }
        }
    }

    /// A table, row by row and cell by cell.
    fn table(&mut self, table: &Element) {
        for e in table.elements() {
            match e.name.as_str() {
                "tr" => {
                    let revision = e.child("trPr").and_then(|pr| self.revision_of(pr));
                    self.row(e, revision.as_ref());
                }
                "sdt" | "sdtContent" | "customXml" => {
                    let inner = e.child("sdtContent").unwrap_or(e);
                    self.table(inner);
                }
                _ => {}
            }
        }
    }

    /// The cells of a table row.
    fn row(&mut self, row: &Element, revision: Option<&(ChangeKind, Option<String>)>) {
        for e in row.elements() {
            match e.name.as_str() {
                "tc" => self.blocks(e, revision),
                "sdt" | "sdtContent" | "customXml" => {
                    let inner = e.child("sdtContent").unwrap_or(e);
                    self.row(inner, revision);
                }
                _ => {}
            }
        }
    }

    /// An insertion or deletion recorded among properties (`w:ins` in a
    /// paragraph mark's `w:rPr`, or in a row's `w:trPr`).
    fn revision_of(&mut self, properties: &Element) -> Option<(ChangeKind, Option<String>)> {
        for e in properties.elements() {
            let kind = match e.name.as_str() {
                "ins" | "moveTo" => ChangeKind::Insert,
                "del" | "moveFrom" => ChangeKind::Delete,
                _ => continue,
            };
            let author = self.count(e, kind);
            return Some((kind, author));
        }
        None
    }

    /// Records a revision in its author's statistics; returns the author.
    fn count(&mut self, e: &Element, kind: ChangeKind) -> Option<String> {
        let author = e.attr("author").map(str::to_string);
        let stats = self
            .authors
            .entry(author.clone().unwrap_or_else(|| "unknown author".into()))
            .or_default();
        match kind {
            ChangeKind::Insert => stats.insertions += 1,
            _ => stats.deletions += 1,
        }
        if let Some(date) = e.attr("date").filter(|d| !d.is_empty()) {
            let day = date.get(..10).unwrap_or(date).to_string();
            if stats.first.as_ref().is_none_or(|f| day < *f) {
                stats.first = Some(day.clone());
            }
            if stats.last.as_ref().is_none_or(|l| day > *l) {
                stats.last = Some(day);
            }
        }
        author
    }

    /// A paragraph: its properties, then its runs.
    fn paragraph(&mut self, p: &Element, row: Option<&(ChangeKind, Option<String>)>) {
        let mut raw = RawParagraph::default();
        if let Some(ppr) = p.child("pPr") {
            raw.style = ppr.child_val("pStyle").map(str::to_string);
            if let Some(num) = ppr.child("numPr") {
                raw.num_id = num.child_val("numId").map(str::to_string);
                raw.ilvl = num.child_val("ilvl").and_then(|v| v.parse().ok());
            }
            if let Some(rpr) = ppr.child("rPr") {
                raw.mark = self.revision_of(rpr);
            }
        }
        // A paragraph in a row inserted or deleted as a whole goes with it.
        if raw.mark.is_none() {
            raw.mark = row.cloned();
        }
        self.inline(p, &Revision::None, &mut raw);
        self.paragraphs.push(raw);
    }

    /// Inline content under a revision.
    fn inline(&mut self, parent: &Element, revision: &Revision, raw: &mut RawParagraph) {
        for e in parent.elements() {
            match e.name.as_str() {
                "r" => self.run(e, revision, raw),
                "ins" | "moveTo" | "del" | "moveFrom" => {
                    let kind = if matches!(e.name.as_str(), "ins" | "moveTo") {
                        ChangeKind::Insert
                    } else {
                        ChangeKind::Delete
                    };
                    let author = self.count(e, kind);
                    let inner = match revision {
                        Revision::None => Revision::Change(kind, author),
                        Revision::Change(k, _) if *k == kind => Revision::Change(kind, author),
                        _ => Revision::Neither,
                    };
                    self.inline(e, &inner, raw);
                }
                "hyperlink" | "smartTag" | "sdtContent" | "customXml" | "fldSimple" | "bdo"
                | "dir" => self.inline(e, revision, raw),
                "sdt" => {
                    if let Some(content) = e.child("sdtContent") {
                        self.inline(content, revision, raw);
                    }
                }
                "AlternateContent" => {
                    if let Some(choice) = e.child("Choice") {
                        self.inline(choice, revision, raw);
                    }
                }
                "oMath" | "oMathPara" => {
                    let mut text = String::new();
                    math_text(e, &mut text, 0);
                    push_piece(raw, revision, &text);
                }
                _ => {}
            }
        }
    }

    /// A run's visible content.
    fn run(&mut self, r: &Element, revision: &Revision, raw: &mut RawParagraph) {
        for e in r.elements() {
            match e.name.as_str() {
                "t" | "delText" => push_piece(raw, revision, &e.text()),
                "tab" | "ptab" => push_piece(raw, revision, "\t"),
                "br" | "cr" => push_piece(raw, revision, "\n"),
                "noBreakHyphen" => push_piece(raw, revision, "-"),
                "sym" => {
                    let c = e
                        .attr("char")
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32)
                        .filter(|c| !('\u{E000}'..='\u{F8FF}').contains(c) && !c.is_control());
                    if let Some(c) = c {
                        push_piece(raw, revision, c.encode_utf8(&mut [0; 4]));
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    let foot = e.name == "footnoteReference";
                    let marker = if foot {
                        self.footnote_count += 1;
                        self.footnote_count.to_string()
                    } else {
                        self.endnote_count += 1;
                        roman(self.endnote_count)
                    };
                    let notes = if foot {
                        &self.footnotes
                    } else {
                        &self.endnotes
                    };
                    let text = e.attr("id").and_then(|id| notes.get(id)).cloned();
                    self.notes.push(format!(
                        "{} [{marker}]: {}",
                        if foot { "footnote" } else { "endnote" },
                        text.unwrap_or_default()
                    ));
                    push_piece(raw, revision, &format!("[{marker}]"));
                }
                "AlternateContent" => {
                    if let Some(choice) = e.child("Choice") {
                        self.run(choice, revision, raw);
                    }
                }
                _ => {}
            }
        }
    }
}

/// The text of a math zone (its `m:t` runs), depth-bounded.
fn math_text(e: &Element, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for c in e.elements() {
        if c.name == "t" {
            out.push_str(&c.text());
        } else {
            math_text(c, out, depth + 1);
        }
    }
}

/// Adds text to a paragraph under a revision, merging with the previous
/// piece of the same kind and author.
fn push_piece(raw: &mut RawParagraph, revision: &Revision, text: &str) {
    let (kind, author) = match revision {
        Revision::None => (ChangeKind::Equal, None),
        Revision::Change(kind, author) => (*kind, author.clone()),
        Revision::Neither => return,
    };
    push_change(&mut raw.pieces, kind, text, author.as_deref());
}

/// Appends a change, merging it into the previous one of the same kind and
/// author and skipping empty text.
fn push_change(out: &mut Vec<Change>, kind: ChangeKind, text: &str, author: Option<&str>) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.kind == kind && last.author.as_deref() == author => {
            last.text.push_str(text)
        }
        _ => out.push(Change {
            author: author.map(str::to_string),
            ..Change::new(kind, text)
        }),
    }
}

/// The accepted text of each footnote or endnote, by id.
fn note_texts(root: &Element) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for note in root.elements() {
        if note.attr("type").is_some_and(|t| t != "normal") {
            continue;
        }
        let Some(id) = note.attr("id") else {
            continue;
        };
        let mut walker = Walker::default();
        walker.blocks(note, None);
        let text: Vec<String> = walker
            .paragraphs
            .iter()
            .map(|p| {
                result_of(&p.pieces)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|t| !t.is_empty())
            .collect();
        out.insert(id.to_string(), text.join(" "));
    }
    out
}

// ---------------------------------------------------------------------------
// From raw paragraphs to the document

/// Numbering of one view (accepted or rejected) of the document: the label
/// of each paragraph that is in the view.
fn number(
    paragraphs: &[RawParagraph],
    styles: &Styles,
    numbering: &Numbering,
    in_view: fn(&RawParagraph) -> bool,
) -> Vec<Option<String>> {
    let mut counters = Counters::default();
    paragraphs
        .iter()
        .map(|p| {
            if !in_view(p) {
                return None;
            }
            let (num_id, ilvl) = list_of(p, styles, numbering)?;
            counters.next(numbering, &num_id, ilvl)
        })
        .collect()
}

/// The list and level a paragraph is numbered with: its own `w:numPr`, else
/// its style's (or a style it is based on), with the level a list ties to
/// the style when neither names one.
fn list_of(p: &RawParagraph, styles: &Styles, numbering: &Numbering) -> Option<(String, usize)> {
    let chain = styles.chain(p.style.as_deref());
    let style_num = chain.iter().find(|(_, s)| s.num_id.is_some());
    let num_id = p
        .num_id
        .clone()
        .or_else(|| style_num.and_then(|(_, s)| s.num_id.clone()))?;
    if num_id == "0" || !numbering.nums.contains_key(&num_id) {
        return None;
    }
    let ilvl = p
        .ilvl
        .or_else(|| style_num.and_then(|(_, s)| s.ilvl))
        .or_else(|| {
            let style = p.style.as_deref()?;
            (0..LEVELS).find(|&l| {
                numbering
                    .level(&num_id, l)
                    .is_some_and(|lvl| lvl.style.as_deref() == Some(style))
            })
        })
        .unwrap_or(0);
    Some((num_id, ilvl.min(LEVELS - 1)))
}

/// A paragraph ready to become part of the document: its changes (in the
/// chosen mode) and its labels.
struct Ready<'p> {
    raw: &'p RawParagraph,
    changes: Vec<Change>,
    label: Option<String>,
    former_label: Option<String>,
}

/// Builds the document from the paragraphs read, in the chosen mode.
fn assemble(
    walker: Walker,
    styles: &Styles,
    numbering: &Numbering,
    options: &DocxOptions,
) -> Document {
    let paragraphs = &walker.paragraphs;
    let result_labels = number(paragraphs, styles, numbering, RawParagraph::in_result);
    let original_labels = number(paragraphs, styles, numbering, RawParagraph::in_original);
    let mut ready: Vec<Ready> = Vec::new();
    let mut notes: Vec<String> = Vec::new();
    // Text carried into the next paragraph whose mark the mode removed.
    let mut carry: Vec<Change> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        let result_label = result_labels.get(i).cloned().flatten();
        let original_label = original_labels.get(i).cloned().flatten();
        match options.track_changes {
            TrackChanges::All => {
                if let Some((kind, author)) = &p.mark {
                    note_mark(&mut notes, p, *kind, author.as_deref());
                }
                let deleted_whole = p.in_original() && result_of(&p.pieces).trim().is_empty();
                let (label, former_label) = if !p.in_result() || deleted_whole {
                    (original_label.or(result_label), None)
                } else {
                    let former = original_label.filter(|o| Some(o) != result_label.as_ref());
                    (result_label, former.filter(|_| p.in_original()))
                };
                ready.push(Ready {
                    raw: p,
                    changes: p.pieces.clone(),
                    label,
                    former_label,
                });
            }
            TrackChanges::Accept | TrackChanges::Reject => {
                let accept = options.track_changes == TrackChanges::Accept;
                let side = if accept {
                    result_of(&p.pieces)
                } else {
                    original_of(&p.pieces)
                };
                push_change(&mut carry, ChangeKind::Equal, &side, None);
                let kept = if accept {
                    p.in_result()
                } else {
                    p.in_original()
                };
                if kept {
                    ready.push(Ready {
                        raw: p,
                        changes: std::mem::take(&mut carry),
                        label: if accept { result_label } else { original_label },
                        former_label: None,
                    });
                }
            }
        }
    }
    if !carry.is_empty() {
        // The last paragraph's mark joined it to nothing: keep its text.
        if let Some(last) = paragraphs.last() {
            ready.push(Ready {
                raw: last,
                changes: carry,
                label: None,
                former_label: None,
            });
        }
    }

    let mut builder = Builder::default();
    let mut marker_seen = false;
    for r in ready {
        let Some(changes) = trim_changes(&r.changes) else {
            continue;
        };
        if changes.is_empty() {
            continue;
        }
        let new_text = result_of(&changes);
        let probe = if new_text.trim().is_empty() {
            original_of(&changes)
        } else {
            new_text
        };
        let style = r.raw.style.as_deref();
        let style_name = styles
            .chain(style)
            .first()
            .map(|(_, s)| s.name.clone())
            .unwrap_or_default();
        if r.label.is_none() {
            if let Some((marker, reference)) = marker_line(&probe) {
                let proposal_style = style_name.contains("proposal")
                    || style.is_some_and(|s| s.to_lowercase().contains("proposal"));
                let clearly = reference.as_deref().is_some_and(|r| r.contains('/'));
                if builder.expects_marker() || proposal_style || clearly {
                    if marker_seen {
                        let line = match &reference {
                            Some(r) => format!("{marker} {r}"),
                            None => marker,
                        };
                        builder.note(format!("marker {line}"));
                    } else {
                        builder.set_marker(marker, reference);
                        marker_seen = true;
                    }
                    continue;
                }
            }
        }
        let heading = styles.is_heading(style);
        let opener = if heading {
            Some(options.openers.match_opener(&probe))
        } else {
            options.openers.match_opener(&probe).map(Some)
        };
        match opener {
            Some(m) => {
                let split_typed = m.as_ref().is_some_and(|m| m.label.is_some());
                let paragraph = if r.label.is_some() || !split_typed {
                    paragraph_of(changes, r.label, r.former_label)
                } else {
                    labelled(changes)
                };
                builder.opener(paragraph);
            }
            None => {
                let paragraph = if r.label.is_some() {
                    paragraph_of(changes, r.label, r.former_label)
                } else {
                    labelled(changes)
                };
                builder.push(paragraph);
            }
        }
    }
    for note in walker.notes.into_iter().chain(notes) {
        builder.note(note);
    }
    let verb = match options.track_changes {
        TrackChanges::All => "tracked changes",
        TrackChanges::Accept => "accepted tracked changes",
        TrackChanges::Reject => "rejected tracked changes",
    };
    for (author, stats) in &walker.authors {
        let mut line = format!(
            "{verb} by {author}: {} insertion{}, {} deletion{}",
            stats.insertions,
            if stats.insertions == 1 { "" } else { "s" },
            stats.deletions,
            if stats.deletions == 1 { "" } else { "s" },
        );
        match (&stats.first, &stats.last) {
            (Some(f), Some(l)) if f == l => line.push_str(&format!(" ({f})")),
            (Some(f), Some(l)) => line.push_str(&format!(" ({f} to {l})")),
            _ => {}
        }
        builder.note(line);
    }
    builder.finish()
}

/// A note for a paragraph mark inserted or deleted where it splits or
/// joins paragraphs (a mark that comes with a whole inserted or deleted
/// paragraph needs none).
fn note_mark(notes: &mut Vec<String>, p: &RawParagraph, kind: ChangeKind, author: Option<&str>) {
    let whole = !p.pieces.is_empty() && p.pieces.iter().all(|c| c.kind == kind);
    let empty = result_of(&p.pieces).trim().is_empty() && original_of(&p.pieces).trim().is_empty();
    if whole || empty {
        return;
    }
    let text = match kind {
        ChangeKind::Delete => result_of(&p.pieces),
        _ => original_of(&p.pieces),
    };
    let mut excerpt: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if excerpt.chars().count() > 40 {
        excerpt = excerpt.chars().take(40).collect::<String>() + "...";
    }
    let by = author.map(|a| format!(" by {a}")).unwrap_or_default();
    notes.push(match kind {
        ChangeKind::Delete => format!("paragraph \"{excerpt}\" joined with the next{by}"),
        _ => format!("paragraph split after \"{excerpt}\"{by}"),
    });
}

/// A paragraph from changes, with the labels already known.
fn paragraph_of(
    changes: Vec<Change>,
    label: Option<String>,
    former_label: Option<String>,
) -> Paragraph {
    let has_revision = changes.iter().any(|c| c.kind != ChangeKind::Equal);
    Paragraph {
        label,
        former_label,
        text: result_of(&changes),
        revision: has_revision.then_some(changes),
    }
}

/// A paragraph whose label, if any, is typed at the start of its text
/// (`b)<TAB>that ...`), split off on both sides of its changes: a label the
/// proposer changed (`b)` deleted, `c)` inserted) becomes `label` and
/// `former_label`.
fn labelled(changes: Vec<Change>) -> Paragraph {
    let new_text = result_of(&changes);
    let old_text = original_of(&changes);
    let new_split =
        split_label(&new_text).map(|(l, rest)| (l.to_string(), new_text.len() - rest.len()));
    let old_split =
        split_label(&old_text).map(|(l, rest)| (l.to_string(), old_text.len() - rest.len()));
    let deleted_whole = new_text.trim().is_empty();
    let (new_label, new_cut) = new_split.unwrap_or_default();
    let (old_label, old_cut) = old_split.unwrap_or_default();
    let Some(stripped) = strip_prefixes(&changes, new_cut, old_cut) else {
        return paragraph_of(changes, None, None);
    };
    let new_label = (!new_label.is_empty()).then_some(new_label);
    let old_label = (!old_label.is_empty()).then_some(old_label);
    if deleted_whole {
        paragraph_of(stripped, old_label, None)
    } else {
        let former = old_label.filter(|o| Some(o) != new_label.as_ref());
        paragraph_of(stripped, new_label, former)
    }
}

/// Drops leading and trailing white space from both sides of a list of
/// changes; `None` if a cut falls inside a character (it cannot: white
/// space is ASCII or whole characters).
fn trim_changes(changes: &[Change]) -> Option<Vec<Change>> {
    let lead = |s: &str| s.len() - s.trim_start().len();
    let head = strip_prefixes(
        changes,
        lead(&result_of(changes)),
        lead(&original_of(changes)),
    )?;
    // Trailing white space: the same cut on the reversed changes.
    let reversed: Vec<Change> = head
        .iter()
        .rev()
        .map(|c| Change {
            text: c.text.chars().rev().collect(),
            ..c.clone()
        })
        .collect();
    let tail = strip_prefixes(
        &reversed,
        lead(&result_of(&reversed)),
        lead(&original_of(&reversed)),
    )?;
    Some(
        tail.into_iter()
            .rev()
            .map(|c| Change {
                text: c.text.chars().rev().collect(),
                ..c
            })
            .collect(),
    )
}

/// Drops the first `new_cut` bytes of the new side (equal and insert) and
/// the first `old_cut` bytes of the old side (equal and delete), keeping
/// authors. Where one side loses more of an equal run than the other, the
/// extra becomes a deletion or insertion of the other side. `None` if a cut
/// is not on a character boundary.
fn strip_prefixes(changes: &[Change], new_cut: usize, old_cut: usize) -> Option<Vec<Change>> {
    let mut new_left = new_cut;
    let mut old_left = old_cut;
    let mut out: Vec<Change> = Vec::new();
    for c in changes {
        let text = c.text.as_str();
        let author = c.author.as_deref();
        match c.kind {
            ChangeKind::Insert => {
                let cut = new_left.min(text.len());
                new_left -= cut;
                push_change(&mut out, ChangeKind::Insert, text.get(cut..)?, author);
            }
            ChangeKind::Delete => {
                let cut = old_left.min(text.len());
                old_left -= cut;
                push_change(&mut out, ChangeKind::Delete, text.get(cut..)?, author);
            }
            ChangeKind::Equal => {
                let both = new_left.min(old_left).min(text.len());
                let mut rest = text.get(both..)?;
                new_left -= both;
                old_left -= both;
                if new_left > 0 && !rest.is_empty() {
                    let cut = new_left.min(rest.len());
                    push_change(&mut out, ChangeKind::Delete, rest.get(..cut)?, None);
                    new_left -= cut;
                    rest = rest.get(cut..)?;
                } else if old_left > 0 && !rest.is_empty() {
                    let cut = old_left.min(rest.len());
                    push_change(&mut out, ChangeKind::Insert, rest.get(..cut)?, None);
                    old_left -= cut;
                    rest = rest.get(cut..)?;
                }
                push_change(&mut out, ChangeKind::Equal, rest, None);
            }
        }
    }
    Some(out)
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
pub(crate) mod tests {
    use super::*;
    use std::io::Write;
    use std::path::PathBuf;
    use zip::write::SimpleFileOptions;

    const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

    /// A zip of the given parts.
    pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options =
            SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, content) in parts {
            zip.start_file(*name, options).unwrap();
            zip.write_all(content).unwrap();
        }
        zip.finish().unwrap().into_inner()
    }

    /// A .docx whose body is `body`, with extra parts (numbering, styles,
    /// footnotes) under `word/`.
    fn docx(body: &str, extra: &[(&str, String)]) -> Vec<u8> {
        let document =
            format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
        let mut parts: Vec<(String, Vec<u8>)> =
            vec![("word/document.xml".into(), document.into_bytes())];
        for (name, content) in extra {
            parts.push((format!("word/{name}"), content.clone().into_bytes()));
        }
        let refs: Vec<(&str, &[u8])> = parts
            .iter()
            .map(|(n, c)| (n.as_str(), c.as_slice()))
            .collect();
        zip_of(&refs)
    }

    fn read_mode(bytes: &[u8], mode: TrackChanges) -> Document {
        read(
            bytes,
            &DocxOptions {
                track_changes: mode,
                openers: Openers::itu(),
            },
        )
        .unwrap()
    }

    fn all(bytes: &[u8]) -> Document {
        read_mode(bytes, TrackChanges::All)
    }

    fn texts(doc: &Document) -> Vec<String> {
        doc.paragraphs().map(|p| p.text.clone()).collect()
    }

    fn labels(doc: &Document) -> Vec<String> {
        doc.paragraphs()
            .map(|p| p.label.clone().unwrap_or_default())
            .collect()
    }

    /// `(op, text, author)` of a paragraph's revision.
    fn ops(p: &Paragraph) -> Vec<(ChangeKind, String, Option<String>)> {
        p.revision
            .iter()
            .flatten()
            .map(|c| (c.kind, c.text.to_string(), c.author.clone()))
            .collect()
    }

    fn read_err(bytes: &[u8]) -> String {
        let e = read(bytes, &DocxOptions::default())
            .unwrap_err()
            .to_string();
        assert!(!e.contains('\n'), "one line: {e}");
        e
    }

    fn p(runs: &str) -> String {
        format!("<w:p>{runs}</w:p>")
    }

    fn r(text: &str) -> String {
        format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
    }

    fn ins(author: &str, inner: &str) -> String {
        format!("<w:ins w:id=\"1\" w:author=\"{author}\" w:date=\"2022-01-05T10:00:00Z\">{inner}</w:ins>")
    }

    fn del(author: &str, text: &str) -> String {
        format!("<w:del w:id=\"2\" w:author=\"{author}\" w:date=\"2022-02-01T10:00:00Z\"><w:r><w:delText xml:space=\"preserve\">{text}</w:delText></w:r></w:del>")
    }

    // -- the corpus ---------------------------------------------------------

    fn corpus() -> Option<PathBuf> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/docx");
        if dir.is_dir() {
            Some(dir)
        } else {
            eprintln!(
                "skipping: {} is absent (the shared corpus is only beside the project in CI and sessions)",
                dir.display()
            );
            None
        }
    }

    #[test]
    fn docxfix_corpus() {
        let Some(dir) = corpus() else { return };
        let dir = dir.join("docxfix");
        let mut seen = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "docx") {
                continue;
            }
            seen += 1;
            let name = path.file_stem().unwrap().to_string_lossy().into_owned();
            let bytes = std::fs::read(&path).unwrap();
            let doc = all(&bytes);
            let accepted = read_mode(&bytes, TrackChanges::Accept);
            let rejected = read_mode(&bytes, TrackChanges::Reject);
            for d in [&accepted, &rejected] {
                assert!(d.paragraphs().all(|p| p.revision.is_none()), "{name}");
            }
            let first = doc.paragraphs().next().unwrap();
            let author = Some("Author".to_string());
            match name.as_str() {
                "single-insertion" => {
                    assert_eq!(
                        ops(first)[..3],
                        [
                            (ChangeKind::Equal, "Lorem ipsum dolor ".into(), None),
                            (ChangeKind::Insert, "single insertion ".into(), author),
                            (ChangeKind::Equal, "sit amet, consectetuer adipiscing elit. Maecenas porttitor congue massa. Fusce posuere, magna sed pulvinar ultricies, purus lectus malesuada libero, sit amet commodo magna eros quis urna. Nunc viverra imperdiet enim. Fusce est.".into(), None),
                        ]
                    );
                    assert!(texts(&accepted)[0]
                        .starts_with("Lorem ipsum dolor single insertion sit amet,"));
                    assert!(texts(&rejected)[0].starts_with("Lorem ipsum dolor sit amet,"));
                }
                "single-deletion" => {
                    assert_eq!(
                        ops(first)[1],
                        (ChangeKind::Delete, " dolor sit amet".into(), author)
                    );
                    assert!(texts(&accepted)[0].starts_with("Lorem ipsum, consectetuer"));
                    assert!(
                        texts(&rejected)[0].starts_with("Lorem ipsum dolor sit amet, consectetuer")
                    );
                }
                "mixed-insert-delete" => {
                    let o = ops(first);
                    assert_eq!(
                        o[1],
                        (ChangeKind::Insert, "dolor sit amet ".into(), author.clone())
                    );
                    assert_eq!(o[3], (ChangeKind::Delete, " dolor sit amet".into(), author));
                    assert!(
                        texts(&accepted)[0].starts_with("Lorem dolor sit amet ipsum, consectetuer")
                    );
                    assert!(
                        texts(&rejected)[0].starts_with("Lorem ipsum dolor sit amet, consectetuer")
                    );
                    assert!(doc
                        .metadata
                        .notes
                        .iter()
                        .any(|n| n == "tracked changes by Author: 1 insertion, 1 deletion"));
                }
                "legal-list" => {
                    assert_eq!(labels(&doc), ["1.", "1.1.", "2.", "2.1.", "2.1.1."]);
                }
                "sections" => {
                    assert_eq!(
                        labels(&doc),
                        ["", "1)", "a)", "b)", "i)", "2)", "3)", "a)", "i)", "ii)", "4)", ""]
                    );
                    assert_eq!(texts(&doc)[0], "TITLE PAGE");
                    assert_eq!(texts(&doc)[11], "Section 3, which is landscape.");
                }
                "styled-numbering" => {
                    // Heading styles carry the numbering (no numPr in the body).
                    let openers: Vec<(String, String)> = doc
                        .sections
                        .iter()
                        .filter_map(|s| s.opener.as_ref())
                        .map(|o| {
                            (
                                o.label.clone().unwrap_or_default(),
                                o.text.chars().take(5).collect(),
                            )
                        })
                        .collect();
                    assert_eq!(
                        openers,
                        [
                            ("1".to_string(), "One".to_string()),
                            ("1.1".into(), "Two".into()),
                            ("(a)".into(), "Three".into()),
                            ("(i)".into(), "Four.".into())
                        ]
                    );
                }
                "comment-thread" | "resolved-comment" => {
                    // Comments are not text: the paragraph reads as written.
                    assert_eq!(doc.paragraph_count(), 1);
                    assert!(first.revision.is_none());
                    assert!(first
                        .text
                        .starts_with("Lorem ipsum dolor sit amet, consectetuer"));
                }
                other => {
                    // A file added to the corpus later: it must at least read.
                    eprintln!("{other}: read, no specific expectation yet");
                }
            }
        }
        assert!(seen >= 8, "only {seen} .docx files in {}", dir.display());
    }

    #[test]
    fn pandoc_corpus_when_present() {
        let Some(dir) = corpus() else { return };
        let dir = dir.join("pandoc");
        if !dir.is_dir() {
            eprintln!("skipping: {} is absent from this corpus", dir.display());
            return;
        }
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "docx") {
                let bytes = std::fs::read(&path).unwrap();
                for mode in [
                    TrackChanges::All,
                    TrackChanges::Accept,
                    TrackChanges::Reject,
                ] {
                    read_mode(&bytes, mode);
                }
            }
        }
    }

    // -- tracked changes ----------------------------------------------------

    #[test]
    fn insertions_deletions_and_moves_with_authors() {
        let body = p(&format!(
            "{}{}{}{}<w:moveFrom w:id=\"3\" w:author=\"CEPT\"><w:r><w:delText>moved </w:delText></w:r></w:moveFrom>{}<w:moveTo w:id=\"4\" w:author=\"CEPT\"><w:r><w:t xml:space=\"preserve\"> moved</w:t></w:r></w:moveTo>",
            r("Rev. "),
            del("ATU", "Busan, 2014"),
            ins("ATU", &r("Dubai, 2018")),
            r("; "),
            r("end"),
        ));
        let bytes = docx(&body, &[]);
        let doc = all(&bytes);
        let para = doc.paragraphs().next().unwrap();
        let atu = Some("ATU".to_string());
        let cept = Some("CEPT".to_string());
        assert_eq!(
            ops(para),
            [
                (ChangeKind::Equal, "Rev. ".into(), None),
                (ChangeKind::Delete, "Busan, 2014".into(), atu.clone()),
                (ChangeKind::Insert, "Dubai, 2018".into(), atu),
                (ChangeKind::Equal, "; ".into(), None),
                (ChangeKind::Delete, "moved ".into(), cept.clone()),
                (ChangeKind::Equal, "end".into(), None),
                (ChangeKind::Insert, " moved".into(), cept),
            ]
        );
        assert_eq!(para.text, "Rev. Dubai, 2018; end moved");
        assert_eq!(para.original_text(), "Rev. Busan, 2014; moved end");
        assert_eq!(
            texts(&read_mode(&bytes, TrackChanges::Accept)),
            ["Rev. Dubai, 2018; end moved"]
        );
        assert_eq!(
            texts(&read_mode(&bytes, TrackChanges::Reject)),
            ["Rev. Busan, 2014; moved end"]
        );
        assert!(doc.metadata.notes.contains(
            &"tracked changes by ATU: 1 insertion, 1 deletion (2022-01-05 to 2022-02-01)"
                .to_string()
        ));
    }

    #[test]
    fn text_inserted_then_deleted_is_on_neither_side() {
        let body = p(&format!(
            "{}<w:ins w:id=\"1\" w:author=\"A\"><w:del w:id=\"2\" w:author=\"B\"><w:r><w:delText>gone</w:delText></w:r></w:del></w:ins>{}",
            r("a "),
            r("b")
        ));
        let doc = all(&docx(&body, &[]));
        assert_eq!(texts(&doc), ["a b"]);
        assert!(doc.paragraphs().next().unwrap().revision.is_none());
    }

    #[test]
    fn paragraph_marks_split_and_join() {
        let mark = |kind: &str| {
            format!("<w:pPr><w:rPr><w:{kind} w:id=\"9\" w:author=\"RCC\"/></w:rPr></w:pPr>")
        };
        // The first paragraph's mark was deleted: accepted, the two join.
        let joined = format!(
            "<w:p>{}{}</w:p>{}",
            mark("del"),
            r("first half, "),
            p(&r("second half"))
        );
        let bytes = docx(&joined, &[]);
        assert_eq!(
            texts(&read_mode(&bytes, TrackChanges::Accept)),
            ["first half, second half"]
        );
        assert_eq!(
            texts(&read_mode(&bytes, TrackChanges::Reject)),
            ["first half,", "second half"]
        );
        let doc = all(&bytes);
        assert_eq!(texts(&doc), ["first half,", "second half"]);
        assert!(
            doc.metadata
                .notes
                .iter()
                .any(|n| n == "paragraph \"first half,\" joined with the next by RCC"),
            "{:?}",
            doc.metadata.notes
        );
        // An inserted mark split a paragraph: rejected, they join again.
        let split = format!("<w:p>{}{}</w:p>{}", mark("ins"), r("one"), p(&r(" two")));
        let bytes = docx(&split, &[]);
        assert_eq!(
            texts(&read_mode(&bytes, TrackChanges::Accept)),
            ["one", "two"]
        );
        assert_eq!(texts(&read_mode(&bytes, TrackChanges::Reject)), ["one two"]);
        // A whole inserted paragraph (runs and mark) is an insertion only.
        let added = format!(
            "{}<w:p>{}{}</w:p>{}",
            p(&r("before")),
            mark("ins"),
            ins("RCC", &r("new paragraph")),
            p(&r("after"))
        );
        let bytes = docx(&added, &[]);
        let doc = all(&bytes);
        assert!(doc.paragraphs().nth(1).unwrap().is_inserted_by_revision());
        assert!(doc
            .metadata
            .notes
            .iter()
            .all(|n| !n.starts_with("paragraph")));
        assert_eq!(
            texts(&read_mode(&bytes, TrackChanges::Reject)),
            ["before", "after"]
        );
        assert_eq!(
            texts(&read_mode(&bytes, TrackChanges::Accept)),
            ["before", "new paragraph", "after"]
        );
    }

    #[test]
    fn tabs_breaks_tables_and_footnotes() {
        let table = format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            p(&r("r1c1")),
            p(&r("r1c2")),
            p(&r("r2c1")),
            p(&r("r2c2"))
        );
        let body = format!(
            "{}{table}{}",
            p("<w:r><w:t>a)</w:t><w:tab/><w:t>that</w:t><w:br/><w:t>next line</w:t><w:noBreakHyphen/><w:t>x</w:t></w:r>"),
            p(&format!("{}<w:r><w:footnoteReference w:id=\"2\"/></w:r>", r("see")))
        );
        let footnotes = format!(
            "<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p/></w:footnote><w:footnote w:id=\"2\">{}</w:footnote></w:footnotes>",
            p(&r("The note text."))
        );
        let doc = all(&docx(&body, &[("footnotes.xml", footnotes)]));
        assert_eq!(
            texts(&doc),
            [
                "that\nnext line-x",
                "r1c1",
                "r1c2",
                "r2c1",
                "r2c2",
                "see[1]"
            ]
        );
        assert_eq!(labels(&doc)[0], "a)");
        assert_eq!(doc.metadata.notes, ["footnote [1]: The note text."]);
    }

    // -- numbering ----------------------------------------------------------

    fn numbering(levels: &str, nums: &str) -> String {
        format!("<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\">{levels}</w:abstractNum>{nums}</w:numbering>")
    }

    fn lvl(i: usize, start: i64, fmt: &str, text: &str) -> String {
        format!("<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"{start}\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/></w:lvl>")
    }

    fn numbered(num: &str, ilvl: usize, text: &str) -> String {
        format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>", r(text))
    }

    #[test]
    fn numbering_formats_counters_and_restarts() {
        let levels = [
            lvl(0, 1, "upperRoman", "%1."),
            lvl(1, 1, "lowerLetter", "%2)"),
            lvl(2, 1, "lowerRoman", "(%3)"),
            // Without isLgl, %1 keeps its own format: "II.3", not "2.3".
            lvl(3, 3, "decimal", "%1.%4"),
            lvl(4, 1, "bullet", "\u{F0B7}"),
            lvl(5, 1, "upperLetter", "%6"),
        ]
        .concat();
        let nums = "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
            <w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>";
        let body = [
            numbered("1", 0, "one"),
            numbered("1", 1, "a"),
            numbered("1", 1, "b"),
            numbered("1", 2, "i"),
            numbered("1", 2, "ii"),
            numbered("1", 1, "c"),
            numbered("1", 2, "i again"),
            numbered("1", 0, "two"),
            numbered("1", 1, "a again"),
            numbered("1", 3, "deep"),
            numbered("1", 4, "bullet"),
            numbered("1", 5, "A"),
            numbered("2", 1, "restarted at e"),
            numbered("0", 0, "not numbered"),
        ]
        .concat();
        let doc = all(&docx(&body, &[("numbering.xml", numbering(&levels, nums))]));
        assert_eq!(
            labels(&doc),
            [
                "I.", "a)", "b)", "(i)", "(ii)", "c)", "(i)", "II.", "a)", "II.3", "\u{2022}", "A",
                "e)", ""
            ]
        );
    }

    #[test]
    fn numbering_from_styles_and_tracked_renumbering() {
        let levels = [lvl(0, 1, "lowerLetter", "%1)")].concat();
        let nums = "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>";
        let styles = format!(
            "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"List\"><w:name w:val=\"List\"/><w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>\
             <w:style w:type=\"paragraph\" w:styleId=\"ListChild\"><w:basedOn w:val=\"List\"/></w:style></w:styles>"
        );
        let styled = |extra: &str, inner: &str| {
            format!("<w:p><w:pPr><w:pStyle w:val=\"ListChild\"/>{extra}</w:pPr>{inner}</w:p>")
        };
        // APT inserts a new first item: the others are re-lettered.
        let body = [
            styled(
                "<w:rPr><w:ins w:id=\"5\" w:author=\"APT\"/></w:rPr>",
                &ins("APT", &r("that new")),
            ),
            styled("", &r("that old a")),
            styled("", &r("that old b")),
        ]
        .concat();
        let bytes = docx(
            &body,
            &[
                ("numbering.xml", numbering(&levels, nums)),
                ("styles.xml", styles),
            ],
        );
        let doc = all(&bytes);
        let got: Vec<(Option<String>, Option<String>)> = doc
            .paragraphs()
            .map(|p| (p.label.clone(), p.former_label.clone()))
            .collect();
        let s = |x: &str| Some(x.to_string());
        assert_eq!(
            got,
            [(s("a)"), None), (s("b)"), s("a)")), (s("c)"), s("b)"))]
        );
        assert_eq!(
            labels(&read_mode(&bytes, TrackChanges::Reject)),
            ["a)", "b)"]
        );
        assert_eq!(
            labels(&read_mode(&bytes, TrackChanges::Accept)),
            ["a)", "b)", "c)"]
        );
    }

    #[test]
    fn typed_labels_changed_by_the_proposer() {
        let body = p(&format!(
            "{}{}{}",
            del("AST", "b)"),
            ins("AST", &r("c)")),
            r("\tthat text")
        ));
        let doc = all(&docx(&body, &[]));
        let para = doc.paragraphs().next().unwrap();
        assert_eq!(para.label.as_deref(), Some("c)"));
        assert_eq!(para.former_label.as_deref(), Some("b)"));
        assert_eq!(para.text, "that text");
        assert!(para.revision.is_none());
    }

    // -- structure and markers -----------------------------------------------

    #[test]
    fn openers_headings_and_markers() {
        let body = [
            p(&r("MOD\tAFCP/35A8/1")),
            p(&r("RESOLUTION 44 (Rev. Geneva, 2022)")),
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Scope</w:t></w:r></w:p>".to_string(),
            p(&r("text")),
            p(&r("considering")),
            p(&r("a)\tthat one;")),
            "<w:p><w:pPr><w:pStyle w:val=\"Proposal\"/></w:pPr><w:r><w:t>ADD\tAFCP/35A8/2</w:t></w:r></w:p>".to_string(),
            p(&r("resolves")),
            p(&r("1\tthat two")),
        ]
        .concat();
        let doc = all(&docx(&body, &[]));
        assert_eq!(doc.metadata.marker.as_deref(), Some("MOD"));
        assert_eq!(doc.metadata.reference.as_deref(), Some("AFCP/35A8/1"));
        assert_eq!(doc.metadata.notes, ["marker ADD AFCP/35A8/2"]);
        let outline: Vec<String> = doc
            .sections
            .iter()
            .map(|s| {
                format!(
                    "{}: {}",
                    s.opener.as_ref().map_or("-", |o| o.text.as_str()),
                    s.paragraphs
                        .iter()
                        .map(|p| format!("{}|{}", p.label.as_deref().unwrap_or(""), p.text))
                        .collect::<Vec<_>>()
                        .join(" / ")
                )
            })
            .collect();
        assert_eq!(
            outline,
            [
                "-: |RESOLUTION 44 (Rev. Geneva, 2022)",
                "Scope: |text",
                "considering: a)|that one;",
                "resolves: 1|that two"
            ]
        );
    }

    // -- hostile files --------------------------------------------------------

    #[test]
    fn not_a_zip_and_legacy_doc() {
        assert_eq!(read_err(b"hello"), "not a .docx (not a zip file)");
        assert_eq!(read_err(b""), "not a .docx (not a zip file)");
        let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        ole.extend([0u8; 504]);
        assert_eq!(
            read_err(&ole),
            "encrypted or legacy .doc (Word 97-2003): cannot read; save it as .docx"
        );
        // A password-protected .docx: the same container, with the
        // encrypted package's stream named in its directory.
        for name in ["EncryptionInfo", "EncryptedPackage"] {
            ole.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
            ole.extend([0u8; 64]);
        }
        assert_eq!(
            read_err(&ole),
            "encrypted (password-protected) .docx: cannot read; remove the password in Word and save again"
        );
    }

    #[test]
    fn truncated_zip() {
        let bytes = docx(&p(&r("some text that makes the zip a little longer")), &[]);
        for cut in [bytes.len() / 2, bytes.len() - 10, 30, 4] {
            let e = read_err(&bytes[..cut]);
            assert!(e.starts_with("truncated or damaged .docx"), "{cut}: {e}");
        }
    }

    #[test]
    fn missing_document_and_no_body() {
        let e = read_err(&zip_of(&[("[Content_Types].xml", b"<Types/>")]));
        assert_eq!(e, "no word/document.xml: not a Word document");
        let e = read_err(&zip_of(&[(
            "word/document.xml",
            format!("<w:document {W}></w:document>").as_bytes(),
        )]));
        assert_eq!(e, "word/document.xml has no body");
    }

    #[test]
    fn document_xml_not_xml() {
        for (content, expected) in [
            (
                &b"this is not XML at all"[..],
                "word/document.xml: not XML (no root element)",
            ),
            (
                b"<w:document><w:body></w:document>",
                "word/document.xml: not well-formed XML at byte",
            ),
            (
                b"<w:document><w:body>",
                "word/document.xml: XML ends early (truncated?)",
            ),
            (b"\xFF\xFE\x00", "word/document.xml: not valid UTF-16"),
            (b"<a>\xC3</a>", "word/document.xml: not valid UTF-8"),
        ] {
            let e = read_err(&zip_of(&[("word/document.xml", content)]));
            assert!(e.starts_with(expected), "{e}");
        }
    }

    #[test]
    fn entity_expansion_is_refused() {
        let billion_laughs = b"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n\
            <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n\
            <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n\
            <w:document><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>";
        let e = read_err(&zip_of(&[("word/document.xml", billion_laughs)]));
        assert_eq!(
            e,
            "word/document.xml: has a DOCTYPE, which a .docx never has (entity expansion?): refused"
        );
        let undefined = format!(
            "<w:document {W}><w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:body></w:document>"
        );
        let e = read_err(&zip_of(&[("word/document.xml", undefined.as_bytes())]));
        assert_eq!(
            e,
            "word/document.xml: undefined entity &lol; (custom entities are not allowed)"
        );
        // Predefined and character references are fine.
        let fine = docx(&p(&r("a &amp; b &#x3B1; &lt;c&gt;")), &[]);
        assert_eq!(texts(&all(&fine)), ["a & b \u{3B1} <c>"]);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let depth = MAX_DEPTH + 10;
        let xml = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
        let e = read_err(&zip_of(&[("word/document.xml", xml.as_bytes())]));
        assert_eq!(
            e,
            format!("word/document.xml: XML nested deeper than {MAX_DEPTH} levels")
        );
    }

    #[test]
    fn zip_bomb_is_refused_while_inflating() {
        // 80 MiB of spaces inside a valid document: about 80 KiB zipped.
        let mut xml = format!("<w:document {W}><w:body>").into_bytes();
        xml.resize(xml.len() + (80 << 20), b' ');
        xml.extend_from_slice(b"</w:body></w:document>");
        let bomb = zip_of(&[("word/document.xml", &xml)]);
        assert!(bomb.len() < 1 << 20, "{}", bomb.len());
        let e = read_err(&bomb);
        assert_eq!(
            e,
            "word/document.xml inflates to more than 64 MiB: refused (zip bomb?)"
        );
        // Parts each under the part limit but over the total together.
        let part = vec![b' '; 60 << 20];
        let mut doc = format!("<w:document {W}><w:body>").into_bytes();
        doc.extend_from_slice(&part);
        doc.extend_from_slice(b"</w:body></w:document>");
        let mut styles = format!("<w:styles {W}>").into_bytes();
        styles.extend_from_slice(&part);
        styles.extend_from_slice(b"</w:styles>");
        let bomb = zip_of(&[
            ("word/document.xml", &doc),
            ("word/styles.xml", &styles),
            ("word/numbering.xml", &styles),
            ("word/footnotes.xml", &styles),
            ("word/endnotes.xml", &styles),
        ]);
        let e = read_err(&bomb);
        assert_eq!(
            e,
            "inflates to more than 256 MiB in all: refused (zip bomb?)"
        );
    }

    #[test]
    fn too_many_entries() {
        let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("f{i}")).collect();
        let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
        let e = read_err(&zip_of(&parts));
        assert_eq!(
            e,
            format!(
                "too many zip entries ({}, at most {MAX_ENTRIES})",
                MAX_ENTRIES + 1
            )
        );
    }

    proptest::proptest! {
        #[test]
        fn damaged_files_never_panic(cut in 0usize..2000, flips in proptest::collection::vec((0usize..2000, proptest::num::u8::ANY), 0..6)) {
            let mut bytes = docx(
                &[p(&format!("{}{}", r("a)\tthat"), del("X", "old"))), numbered("1", 0, "n")].concat(),
                &[("numbering.xml", numbering(&lvl(0, 1, "lowerLetter", "%1)"), "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"))],
            );
            for (at, byte) in flips {
                let len = bytes.len();
                bytes[at % len] = byte;
            }
            let cut = cut.min(bytes.len());
            for mode in [TrackChanges::All, TrackChanges::Accept, TrackChanges::Reject] {
                let _ = read(&bytes[..cut], &DocxOptions { track_changes: mode, openers: Openers::itu() });
                let _ = read(&bytes, &DocxOptions { track_changes: mode, openers: Openers::itu() });
            }
        }

        #[test]
        fn any_document_xml_never_panics(xml in "[<>/a-z:=\" &;#0-9wptrinsdel]{0,200}") {
            let _ = read(&zip_of(&[("word/document.xml", xml.as_bytes())]), &DocxOptions::default());
        }
    }
}
