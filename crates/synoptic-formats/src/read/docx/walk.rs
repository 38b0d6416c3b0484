//! Walking the body: paragraphs, runs and their revisions as read.

use std::collections::{BTreeMap, HashMap};

use synoptic_core::{Change, ChangeKind};

use super::numbering::roman;
use super::xml::Element;
use super::MAX_DEPTH;

/// A paragraph as read, before numbering and the tracked-changes mode.
#[derive(Debug, Default)]
pub(super) struct RawParagraph {
    /// The runs' text as kept, inserted and deleted pieces.
    pub(super) pieces: Vec<Change>,
    pub(super) style: Option<String>,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<usize>,
    /// The paragraph mark's own revision: `Insert` when the mark (so the
    /// paragraph break) was inserted, `Delete` when deleted.
    pub(super) mark: Option<(ChangeKind, Option<String>)>,
}

impl RawParagraph {
    /// Whether the paragraph is there once changes are accepted.
    pub(super) fn in_result(&self) -> bool {
        !matches!(self.mark, Some((ChangeKind::Delete, _)))
    }

    /// Whether the paragraph is there once changes are rejected.
    pub(super) fn in_original(&self) -> bool {
        !matches!(self.mark, Some((ChangeKind::Insert, _)))
    }
}

/// What one author changed, for the notes.
#[derive(Debug, Default)]
pub(super) struct AuthorStats {
    pub(super) insertions: usize,
    pub(super) deletions: usize,
    pub(super) first: Option<String>,
    pub(super) last: Option<String>,
}

/// The revision a run of text is under.
#[derive(Debug, Clone)]
pub(super) enum Revision {
    /// Plain text.
    None,
    /// Inserted or deleted, by an author.
    Change(ChangeKind, Option<String>),
    /// Inserted then deleted (or the reverse): on neither side.
    Neither,
}

/// Collects the paragraphs of the body and what goes into notes.
#[derive(Default)]
pub(super) struct Walker {
    pub(super) paragraphs: Vec<RawParagraph>,
    pub(super) footnotes: HashMap<String, String>,
    pub(super) endnotes: HashMap<String, String>,
    pub(super) footnote_count: u32,
    pub(super) endnote_count: u32,
    pub(super) notes: Vec<String>,
    pub(super) authors: BTreeMap<String, AuthorStats>,
}

impl Walker {
    /// Block content: paragraphs, tables and their containers. `row` is the
    /// revision of the table row being read, if any.
    pub(super) fn blocks(&mut self, parent: &Element, row: Option<&(ChangeKind, Option<String>)>) {
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
    pub(super) fn table(&mut self, table: &Element) {
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
    pub(super) fn row(&mut self, row: &Element, revision: Option<&(ChangeKind, Option<String>)>) {
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
    pub(super) fn revision_of(
        &mut self,
        properties: &Element,
    ) -> Option<(ChangeKind, Option<String>)> {
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
    pub(super) fn count(&mut self, e: &Element, kind: ChangeKind) -> Option<String> {
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
    pub(super) fn paragraph(&mut self, p: &Element, row: Option<&(ChangeKind, Option<String>)>) {
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
    pub(super) fn inline(&mut self, parent: &Element, revision: &Revision, raw: &mut RawParagraph) {
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
    pub(super) fn run(&mut self, r: &Element, revision: &Revision, raw: &mut RawParagraph) {
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
pub(super) fn math_text(e: &Element, out: &mut String, depth: usize) {
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
pub(super) fn push_piece(raw: &mut RawParagraph, revision: &Revision, text: &str) {
    let (kind, author) = match revision {
        Revision::None => (ChangeKind::Equal, None),
        Revision::Change(kind, author) => (*kind, author.clone()),
        Revision::Neither => return,
    };
    push_change(&mut raw.pieces, kind, text, author.as_deref());
}

/// Appends a change, merging it into the previous one of the same kind and
/// author and skipping empty text.
pub(super) fn push_change(
    out: &mut Vec<Change>,
    kind: ChangeKind,
    text: &str,
    author: Option<&str>,
) {
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
