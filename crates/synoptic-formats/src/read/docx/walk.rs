//! Walking the body: paragraphs, runs and their revisions as read.

use std::collections::{BTreeMap, HashMap, HashSet};

use synoptic_core::{Change, ChangeKind};

use super::chunks::ChunkParagraph;
use super::fields::AutoNumbers;
use super::xml::{is_on, Element};

/// A paragraph as read, before numbering and the tracked-changes mode.
#[derive(Debug, Default)]
pub(super) struct RawParagraph {
    /// The runs' text as kept, inserted and deleted pieces.
    pub(super) pieces: Vec<Change>,
    pub(super) style: Option<String>,
    /// The outline level set on the paragraph itself (`w:outlineLvl`):
    /// 0 to 8 make it a heading, 9 body text, whatever its style says.
    pub(super) outline_level: Option<u32>,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<usize>,
    /// The style and list before a tracked change of the paragraph's
    /// properties (`w:pPrChange`, which holds all the former ones): what
    /// numbers the paragraph once changes are rejected.
    pub(super) former_list: Option<FormerList>,
    /// The paragraph mark's own revision: `Insert` when the mark (so the
    /// paragraph break) was inserted, `Delete` when deleted.
    pub(super) mark: Option<(ChangeKind, Option<String>)>,
    /// True when the mark was inserted and then deleted: in neither view
    /// (`mark` then holds the deletion).
    pub(super) mark_gone: bool,
    /// The footnotes and endnotes the paragraph refers to, in order.
    pub(super) notes: Vec<NoteRef>,
    /// The table cell the paragraph is in, as (row, column) of the body's
    /// outermost table; `None` outside tables.
    pub(super) cell: Option<(usize, usize)>,
    /// The text box the paragraph is in (numbered in document order);
    /// `None` outside text boxes.
    pub(super) text_box: Option<usize>,
}

/// A paragraph's style and list as they were before a tracked change.
#[derive(Debug, Default, Clone)]
pub(super) struct FormerList {
    pub(super) style: Option<String>,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<usize>,
    /// The outline level set on the paragraph itself, before the change.
    pub(super) outline_level: Option<u32>,
}

/// A footnote or endnote reference: the mark shown in the text (`[1]`,
/// `[i]`), the revision the reference is under and the note's text with
/// its own tracked changes.
#[derive(Debug, Clone)]
pub(super) struct NoteRef {
    pub(super) mark: String,
    pub(super) revision: Revision,
    pub(super) body: Vec<Change>,
}

impl RawParagraph {
    /// Makes the paragraph go with a whole inserted or deleted container
    /// (a row, a cell, a text box): its unmarked text takes the
    /// container's change, text changed the other way is on neither side.
    pub(super) fn go_whole(&mut self, kind: ChangeKind, author: Option<&str>) {
        let pieces = std::mem::take(&mut self.pieces);
        for c in pieces {
            if c.kind == ChangeKind::Equal {
                push_change(&mut self.pieces, kind, &c.text, author);
            } else if c.kind == kind {
                push_change(&mut self.pieces, c.kind, &c.text, c.author.as_deref());
            }
        }
        if self.mark.is_none() {
            self.mark = Some((kind, author.map(str::to_string)));
        }
    }

    /// Where the paragraph stands: its table cell and text box. Text never
    /// runs on from one place to another when a paragraph mark goes.
    pub(super) fn place(&self) -> (Option<(usize, usize)>, Option<usize>) {
        (self.cell, self.text_box)
    }

    /// Whether the paragraph is there once changes are accepted.
    pub(super) fn in_result(&self) -> bool {
        !matches!(self.mark, Some((ChangeKind::Delete, _)))
    }

    /// Whether the paragraph is there once changes are rejected.
    pub(super) fn in_original(&self) -> bool {
        !self.mark_gone && !matches!(self.mark, Some((ChangeKind::Insert, _)))
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

/// A complex field open at the point of the walk.
#[derive(Debug, Default)]
pub(super) struct OpenField {
    /// False while in the field's code, true in its result.
    pub(super) shown: bool,
    /// True when the result is a listing Word makes from the rest of the
    /// document (a table of contents): not text of its own.
    pub(super) generated: bool,
    /// The field's code, as far as read (at most [`super::fields::MAX_CODE`] bytes).
    pub(super) code: String,
    /// What a legacy form field Word draws from its data shows (a check
    /// box, a drop-down list's entry): any result stored is not shown.
    pub(super) form: Option<super::fields::FormValue>,
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
    /// The text of each footnote and endnote, by id, with its changes.
    pub(super) footnotes: HashMap<String, Vec<Change>>,
    pub(super) endnotes: HashMap<String, Vec<Change>>,
    /// Footnotes and endnotes met so far, per scope: the whole document,
    /// or each column of a side-by-side table, which numbers its own.
    pub(super) note_counts: HashMap<usize, (u32, u32)>,
    /// The footnote and endnote references outside insertions, counted
    /// before the walk: inserted notes are numbered after them.
    pub(super) notes_before: (u32, u32),
    /// How the document draws the numbers of its notes.
    pub(super) note_numbering: super::notes::NoteNumbering,
    /// The inserted footnotes and endnotes numbered so far.
    pub(super) inserted_notes: (u32, u32),
    /// True when the document is read with every change accepted.
    pub(super) accepting: bool,
    /// The current scope of note numbering.
    pub(super) note_scope: usize,
    /// The (row, column) of the outermost table cell being read.
    pub(super) cell: Option<(usize, usize)>,
    /// How deep in tables the walk is.
    pub(super) table_depth: usize,
    /// When set, the first table of the body numbers notes per column.
    pub(super) notes_per_column: bool,
    /// Paragraphs of text boxes met inside the current paragraph, put
    /// after it.
    pub(super) floating: Vec<RawParagraph>,
    pub(super) authors: BTreeMap<String, AuthorStats>,
    /// The complex fields (`w:fldChar`) open at this point, innermost
    /// last.
    pub(super) fields: Vec<OpenField>,
    /// The numbers of fields that store none (`AUTONUM`, `LISTNUM`).
    pub(super) auto_numbers: AutoNumbers,
    /// The styles (paragraph and character) that hide their text.
    pub(super) hidden_styles: HashSet<String>,
    /// True when the paragraph being read is hidden by its style.
    pub(super) paragraph_hidden: bool,
    /// The outline level (0-based) of each paragraph style that makes a
    /// heading, for fields that number by heading level.
    pub(super) heading_levels: HashMap<String, usize>,
    /// The outline level of the paragraph being read, if it is a heading.
    pub(super) paragraph_level: Option<usize>,
    /// How many tables of contents (and other listings Word makes from
    /// the document) were met, not read.
    pub(super) listings: usize,
    /// How many embedded documents (`w:altChunk`) were met, not read.
    pub(super) alt_chunks: usize,
    /// The embedded documents that could be read, by relationship id.
    pub(super) chunk_bodies: HashMap<String, Vec<ChunkParagraph>>,
    /// How many embedded documents were read.
    pub(super) chunks_read: usize,
    /// The node texts of SmartArt diagrams, by the id of their data part.
    pub(super) diagram_texts: HashMap<String, Vec<String>>,
    /// How many text boxes were read.
    pub(super) text_boxes: usize,
    /// The text of a drop cap waiting for the paragraph it begins.
    pub(super) drop_cap: Option<Vec<Change>>,
    /// A paragraph whose mark is hidden (Word's style separator), with
    /// the text boxes it holds, waiting for the paragraph it runs into.
    pub(super) joining: Option<(RawParagraph, Vec<RawParagraph>)>,
}

impl Walker {
    /// Block content: paragraphs, tables and their containers. `row` is the
    /// revision of the table row being read, if any.
    pub(super) fn blocks(&mut self, parent: &Element, row: Option<&(ChangeKind, Option<String>)>) {
        for e in parent.elements() {
            match e.name.as_str() {
                "p" => self.paragraph(e, row),
                "tbl" => self.table(e),
                // Word 2007 and later wrap a table of contents in a content
                // control of the "Table of Contents" gallery, its title too.
                "sdt" if is_listing_control(e) => self.listings += 1,
                // A control still showing its placeholder ("Click or tap
                // here to enter text.") holds no text of the author's.
                "sdt" if is_placeholder(e) => {}
                "sdt" => {
                    if let Some(content) = e.child("sdtContent") {
                        self.blocks(content, row);
                    }
                }
                "sdtContent" | "customXml" => self.blocks(e, row),
                // Whole paragraphs wrapped in a revision (written by some
                // converters, though Word marks each paragraph instead) go
                // with it, like a row inserted or deleted.
                "ins" | "del" | "moveFrom" | "moveTo" => {
                    let kind = if matches!(e.name.as_str(), "ins" | "moveTo") {
                        ChangeKind::Insert
                    } else {
                        ChangeKind::Delete
                    };
                    let author = self.count(e, kind);
                    self.blocks(e, Some(&(kind, author)));
                }
                "AlternateContent" => {
                    if let Some(choice) = e.child("Choice") {
                        self.blocks(choice, row);
                    }
                }
                // Another document (HTML, RTF, .docx) embedded whole, which
                // Word converts when it opens the file: read where it
                // stands if its format is one read (see `chunks`), else
                // said.
                // Read once: a hostile file referring to one part many
                // times would multiply it.
                "altChunk" => match e.attr("id").and_then(|id| self.chunk_bodies.remove(id)) {
                    Some(paragraphs) => self.chunk(paragraphs, row),
                    None => self.alt_chunks += 1,
                },
                _ => {}
            }
        }
    }

    /// The paragraphs of an embedded document, where it stands: its
    /// headings as headings, all of it going with a row inserted or
    /// deleted whole.
    fn chunk(
        &mut self,
        paragraphs: Vec<ChunkParagraph>,
        row: Option<&(ChangeKind, Option<String>)>,
    ) {
        self.flush_join();
        self.chunks_read += 1;
        for c in paragraphs {
            let mut raw = RawParagraph {
                pieces: c.pieces,
                outline_level: c.heading.then_some(0),
                cell: self.cell,
                mark: row.cloned(),
                ..RawParagraph::default()
            };
            if let Some((kind, author)) = row {
                raw.go_whole(*kind, author.as_deref());
            }
            self.paragraphs.push(raw);
        }
    }

    /// A table, row by row and cell by cell.
    pub(super) fn table(&mut self, table: &Element) {
        self.table_from(table, 0);
    }

    /// A table whose rows are numbered from `first_row` (a table that
    /// continues another); returns the number after its last row.
    pub(super) fn table_from(&mut self, table: &Element, first_row: usize) -> usize {
        // A paragraph never runs on into a table.
        self.flush_join();
        self.table_depth += 1;
        let mut rows = first_row;
        self.table_rows(table, &mut rows);
        self.table_depth -= 1;
        if self.table_depth == 0 {
            self.cell = None;
        }
        rows
    }

    /// The rows of a table (or of a content control inside it), counted.
    fn table_rows(&mut self, table: &Element, rows: &mut usize) {
        for e in table.elements() {
            match e.name.as_str() {
                "tr" => {
                    let revision = e.child("trPr").and_then(|pr| self.revision_of(pr));
                    // A row may start past the first grid columns.
                    let mut column = e
                        .child("trPr")
                        .and_then(|pr| pr.child_val("gridBefore"))
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(0)
                        .min(64);
                    let row = *rows;
                    *rows += 1;
                    self.row(e, revision.as_ref(), row, &mut column);
                }
                "sdt" | "sdtContent" | "customXml" => {
                    let inner = e.child("sdtContent").unwrap_or(e);
                    self.table_rows(inner, rows);
                }
                "AlternateContent" => {
                    if let Some(choice) = e.child("Choice") {
                        self.table_rows(choice, rows);
                    }
                }
                _ => {}
            }
        }
    }

    /// The cells of a table row.
    pub(super) fn row(
        &mut self,
        row: &Element,
        revision: Option<&(ChangeKind, Option<String>)>,
        index: usize,
        column: &mut usize,
    ) {
        for e in row.elements() {
            match e.name.as_str() {
                "tc" => {
                    if self.table_depth == 1 {
                        self.cell = Some((index, *column));
                        if self.notes_per_column {
                            self.note_scope = *column;
                        }
                    }
                    // A cell merged across columns (`w:gridSpan`) takes
                    // their places.
                    let span = e
                        .child("tcPr")
                        .and_then(|p| p.child_val("gridSpan"))
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 64);
                    // A cell inserted or deleted with tracking (`w:cellIns`,
                    // `w:cellDel`) goes like a row.
                    let cell = e.child("tcPr").and_then(|pr| {
                        let c = pr
                            .elements()
                            .find(|c| c.name == "cellIns" || c.name == "cellDel")?;
                        let kind = if c.name == "cellIns" {
                            ChangeKind::Insert
                        } else {
                            ChangeKind::Delete
                        };
                        Some((kind, self.count(c, kind)))
                    });
                    self.blocks(e, revision.or(cell.as_ref()));
                    *column += span;
                }
                "sdt" | "sdtContent" | "customXml" => {
                    let inner = e.child("sdtContent").unwrap_or(e);
                    self.row(inner, revision, index, column);
                }
                "AlternateContent" => {
                    if let Some(choice) = e.child("Choice") {
                        self.row(choice, revision, index, column);
                    }
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
        let author = author_of(e);
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
        let outer_hidden = self.paragraph_hidden;
        let outer_level = self.paragraph_level;
        self.paragraph_hidden = false;
        self.paragraph_level = None;
        if let Some(ppr) = p.child("pPr") {
            raw.style = ppr.child_val("pStyle").map(str::to_string);
            self.paragraph_hidden = raw
                .style
                .as_ref()
                .is_some_and(|s| self.hidden_styles.contains(s));
            raw.outline_level = ppr.child_val("outlineLvl").and_then(|v| v.parse().ok());
            self.paragraph_level = match raw.outline_level {
                Some(level) => (level < 9).then_some(level as usize),
                None => raw
                    .style
                    .as_ref()
                    .and_then(|s| self.heading_levels.get(s))
                    .copied(),
            };
            if let Some(num) = ppr.child("numPr") {
                raw.num_id = num.child_val("numId").map(str::to_string);
                raw.ilvl = num.child_val("ilvl").and_then(|v| v.parse().ok());
            }
            if let Some(rpr) = ppr.child("rPr") {
                raw.mark = self.revision_of(rpr);
                // A mark inserted by one author and deleted by another is
                // on neither side: it goes as deleted, and is not there
                // once changes are rejected either.
                let has =
                    |names: [&str; 2]| rpr.elements().any(|e| names.contains(&e.name.as_str()));
                if has(["ins", "moveTo"]) && has(["del", "moveFrom"]) {
                    let deletion = rpr
                        .elements()
                        .find(|e| e.name == "del" || e.name == "moveFrom")
                        .map(author_of);
                    if let Some(author) = deletion {
                        raw.mark = Some((ChangeKind::Delete, author));
                        raw.mark_gone = true;
                    }
                }
            }
            // Numbering inserted with tracking, as `w:ins` in the list
            // properties: the paragraph was not numbered before.
            let numbering_inserted = ppr.child("numPr").is_some_and(|n| n.child("ins").is_some());
            if numbering_inserted {
                raw.former_list = Some(FormerList {
                    style: raw.style.clone(),
                    outline_level: raw.outline_level,
                    ..FormerList::default()
                });
            }
            if let Some(former) = ppr.child("pPrChange").and_then(|c| c.child("pPr")) {
                let num = former.child("numPr");
                raw.former_list = Some(FormerList {
                    style: former.child_val("pStyle").map(str::to_string),
                    num_id: num.and_then(|n| n.child_val("numId")).map(str::to_string),
                    ilvl: num
                        .and_then(|n| n.child_val("ilvl"))
                        .and_then(|v| v.parse().ok()),
                    outline_level: former.child_val("outlineLvl").and_then(|v| v.parse().ok()),
                });
            }
        }
        // A paragraph in a row inserted or deleted as a whole goes with it.
        if raw.mark.is_none() {
            raw.mark = row.cloned();
        }
        raw.cell = self.cell;
        // Text boxes inside this paragraph come after it; a text box inside
        // a text box after that.
        let outer = std::mem::take(&mut self.floating);
        self.inline(p, &Revision::None, &mut raw);
        // A row (or cell) inserted or deleted whole takes its text with it,
        // also text its producer left unmarked; text deleted from an
        // inserted row (inserted into a deleted one) is on neither side.
        if let Some((kind, author)) = row {
            raw.go_whole(*kind, author.as_deref());
        }
        // A field whose code runs past its paragraph is malformed (Word
        // ends a code within one): drop it rather than hide what follows.
        // A field in its result (a table of contents) spans paragraphs.
        while self.fields.last().is_some_and(|f| !f.shown) {
            self.fields.pop();
        }
        // A drop cap is the first letter of the next paragraph, set in a
        // frame of its own ("T" + "he Council ..."): it joins it.
        if let Some(letter) = self.drop_cap.take() {
            let rest = std::mem::take(&mut raw.pieces);
            raw.pieces = letter;
            for c in rest {
                push_change(&mut raw.pieces, c.kind, &c.text, c.author.as_deref());
            }
        }
        let is_drop_cap = p
            .child("pPr")
            .and_then(|ppr| ppr.child("framePr"))
            .and_then(|f| f.attr("dropCap"))
            .is_some_and(|d| d == "drop" || d == "margin");
        let inner = std::mem::replace(&mut self.floating, outer);
        if is_drop_cap && !raw.pieces.is_empty() {
            self.drop_cap = Some(std::mem::take(&mut raw.pieces));
            self.paragraphs.extend(inner);
        } else {
            self.place_paragraph(raw, inner, has_hidden_mark(p));
        }
        self.paragraph_hidden = outer_hidden;
        self.paragraph_level = outer_level;
    }

    /// Puts a paragraph read (with the text boxes it holds after it) in
    /// its place: run into by a paragraph whose mark is hidden before it,
    /// or held to run into the next one when its own mark is hidden.
    fn place_paragraph(&mut self, raw: RawParagraph, floats: Vec<RawParagraph>, joins: bool) {
        let (raw, floats) = match self.joining.take() {
            // Text never runs on from one table cell or text box into
            // another.
            Some((mut first, mut first_floats)) if first.place() == raw.place() => {
                self.run_into(&mut first, raw);
                first_floats.extend(floats);
                (first, first_floats)
            }
            Some(held) => {
                self.joining = Some(held);
                self.flush_join();
                (raw, floats)
            }
            None => (raw, floats),
        };
        // A paragraph with no text shown keeps its own mark: hiding a
        // whole paragraph is no style separator.
        if joins && !raw.pieces.is_empty() {
            self.joining = Some((raw, floats));
        } else {
            self.paragraphs.push(raw);
            self.paragraphs.extend(floats);
        }
    }

    /// Joins `next` to `first`, whose paragraph mark is hidden: one
    /// paragraph, as Word prints a run-in heading and the text after its
    /// style separator. The paragraph keeps the first one's label (its
    /// style and list); it is a heading only if the text run into it is
    /// one, since it holds that text.
    fn run_into(&self, first: &mut RawParagraph, next: RawParagraph) {
        for c in next.pieces {
            push_change(&mut first.pieces, c.kind, &c.text, c.author.as_deref());
        }
        first.notes.extend(next.notes);
        first.mark = next.mark;
        first.mark_gone = next.mark_gone;
        let level = next
            .outline_level
            .or_else(|| {
                let style = next.style.as_ref()?;
                let level = self.heading_levels.get(style)?;
                u32::try_from(*level).ok()
            })
            .or(Some(9));
        first.outline_level = level;
        if let Some(former) = &mut first.former_list {
            former.outline_level = level;
        }
    }

    /// Puts a paragraph held for the one its hidden mark runs into in its
    /// place, as it is: none came.
    pub(super) fn flush_join(&mut self) {
        if let Some((raw, floats)) = self.joining.take() {
            self.paragraphs.push(raw);
            self.paragraphs.extend(floats);
        }
    }

    /// Ends the walk: a drop cap with no paragraph after it is a paragraph
    /// of its own.
    pub(super) fn finish(&mut self) {
        self.flush_join();
        if let Some(letter) = self.drop_cap.take() {
            self.paragraphs.push(RawParagraph {
                pieces: letter,
                cell: self.cell,
                ..RawParagraph::default()
            });
        }
    }
}

/// True when a paragraph's mark is hidden (`w:vanish` in its `w:rPr`), as
/// Word's style separator is (with `w:specVanish`, hidden even where
/// hidden text is shown): the paragraph and the next print as one.
fn has_hidden_mark(p: &Element) -> bool {
    p.child("pPr")
        .and_then(|ppr| ppr.child("rPr"))
        .is_some_and(|rpr| {
            ["vanish", "specVanish"]
                .iter()
                .any(|name| rpr.child(name).is_some_and(is_on))
        })
}

/// True when a content control shows its placeholder text, not the
/// author's (`w:showingPlcHdr`).
pub(super) fn is_placeholder(sdt: &Element) -> bool {
    sdt.child("sdtPr")
        .and_then(|pr| pr.child("showingPlcHdr"))
        .is_some_and(is_on)
}

/// True when a content control holds a table of contents (or of figures,
/// or a bibliography): a listing Word makes from the document.
fn is_listing_control(sdt: &Element) -> bool {
    sdt.child("sdtPr")
        .and_then(|pr| pr.child("docPartObj").or_else(|| pr.child("docPartList")))
        .and_then(|obj| obj.child_val("docPartGallery"))
        .is_some_and(|gallery| {
            matches!(
                gallery,
                "Table of Contents" | "Table of Figures" | "Bibliographies"
            )
        })
}

/// The author a revision names; `None` when it names none (some producers
/// write `w:author=""`).
pub(super) fn author_of(e: &Element) -> Option<String> {
    e.attr("author")
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
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
