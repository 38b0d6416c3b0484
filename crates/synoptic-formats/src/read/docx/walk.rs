//! Walking the body: paragraphs, runs and their revisions as read.

use std::collections::{BTreeMap, HashMap, HashSet};

use synoptic_core::{Change, ChangeKind};

use super::fields::{self, AutoNumbers};
use super::numbering::roman;
use super::symbols::{is_private, symbol_char, symbol_font, symbol_text};
use super::xml::{is_on, Element};
use super::MAX_DEPTH;

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
}

/// A paragraph's style and list as they were before a tracked change.
#[derive(Debug, Default, Clone)]
pub(super) struct FormerList {
    pub(super) style: Option<String>,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<usize>,
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
    /// The field's code, as far as read (at most [`MAX_CODE`] bytes).
    pub(super) code: String,
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
    /// How many embedded documents (`w:altChunk`) were met, not read.
    pub(super) alt_chunks: usize,
    /// The text of a drop cap waiting for the paragraph it begins.
    pub(super) drop_cap: Option<Vec<Change>>,
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
                // Word converts when it opens the file: not read, but said.
                "altChunk" => self.alt_chunks += 1,
                _ => {}
            }
        }
    }

    /// A table, row by row and cell by cell.
    pub(super) fn table(&mut self, table: &Element) {
        self.table_from(table, 0);
    }

    /// A table whose rows are numbered from `first_row` (a table that
    /// continues another); returns the number after its last row.
    pub(super) fn table_from(&mut self, table: &Element, first_row: usize) -> usize {
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
        self.paragraph_hidden = false;
        if let Some(ppr) = p.child("pPr") {
            raw.style = ppr.child_val("pStyle").map(str::to_string);
            self.paragraph_hidden = raw
                .style
                .as_ref()
                .is_some_and(|s| self.hidden_styles.contains(s));
            raw.outline_level = ppr.child_val("outlineLvl").and_then(|v| v.parse().ok());
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
        if is_drop_cap && !raw.pieces.is_empty() {
            self.drop_cap = Some(std::mem::take(&mut raw.pieces));
        } else {
            self.paragraphs.push(raw);
        }
        let inner = std::mem::replace(&mut self.floating, outer);
        self.paragraphs.extend(inner);
        self.paragraph_hidden = outer_hidden;
    }

    /// Ends the walk: a drop cap with no paragraph after it is a paragraph
    /// of its own.
    pub(super) fn finish(&mut self) {
        if let Some(letter) = self.drop_cap.take() {
            self.paragraphs.push(RawParagraph {
                pieces: letter,
                cell: self.cell,
                ..RawParagraph::default()
            });
        }
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
                "hyperlink" | "hlink" | "smartTag" | "sdtContent" | "customXml" | "bdo" | "dir" => {
                    self.inline(e, revision, raw)
                }
                // A simple field shows its runs; one that numbers has none.
                "fldSimple" => match e.attr("instr").and_then(fields::parse) {
                    Some(auto) if e.child("r").is_none() && self.shows_text() => {
                        self.auto_number(&auto, revision, raw)
                    }
                    _ => self.inline(e, revision, raw),
                },
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
                "oMath" | "oMathPara" if self.shows_text() => {
                    let mut text = String::new();
                    math_text(e, &mut text, 0);
                    push_piece(raw, revision, &text);
                }
                _ => {}
            }
        }
    }

    /// True unless the walk is inside a field's code, which Word does not
    /// show (`w:instrText`, and the results of fields nested in the code,
    /// such as a PAGE inside an IF).
    fn shows_text(&self) -> bool {
        self.fields.iter().all(|f| f.shown)
    }

    /// Follows a complex field's begin, separate and end marks; a field
    /// that ends with no result and numbers shows its number.
    fn field_char(&mut self, e: &Element, revision: &Revision, raw: &mut RawParagraph) {
        match e.attr("fldCharType") {
            Some("begin") if self.fields.len() < MAX_DEPTH => {
                self.fields.push(OpenField::default())
            }
            Some("separate") => {
                if let Some(last) = self.fields.last_mut() {
                    last.shown = true;
                }
            }
            Some("end") => {
                if let Some(field) = self.fields.pop() {
                    if !field.shown && self.shows_text() {
                        if let Some(auto) = fields::parse(&field.code) {
                            self.auto_number(&auto, revision, raw);
                        }
                    }
                }
            }
            _ => {}
        }
    }

    /// The number an auto-numbering field shows, in the views its revision
    /// puts it in: a number the proposer's other changes shifted reads as
    /// the old one deleted and the new one inserted, with no author.
    pub(super) fn auto_number(
        &mut self,
        field: &fields::AutoField,
        revision: &Revision,
        raw: &mut RawParagraph,
    ) {
        let (in_result, in_original) = match revision {
            Revision::None => (true, true),
            Revision::Change(ChangeKind::Delete, _) => (false, true),
            Revision::Change(_, _) => (true, false),
            Revision::Neither => return,
        };
        match self.auto_numbers.next(field, in_result, in_original) {
            (Some(new), Some(old)) if new != old => {
                push_change(&mut raw.pieces, ChangeKind::Delete, &old, None);
                push_change(&mut raw.pieces, ChangeKind::Insert, &new, None);
            }
            (Some(shown), _) | (None, Some(shown)) => push_piece(raw, revision, &shown),
            (None, None) => {}
        }
    }

    /// A run's visible content.
    pub(super) fn run(&mut self, r: &Element, revision: &Revision, raw: &mut RawParagraph) {
        let font = r
            .child("rPr")
            .and_then(|p| p.child("rFonts"))
            .and_then(|f| f.attr("ascii").or_else(|| f.attr("hAnsi")))
            .and_then(symbol_font);
        let mut custom_mark: Option<&Element> = None;
        // Hidden text (`w:vanish`, on the run or by its character or
        // paragraph style) is not shown, nor printed: it is no text. Its
        // field marks still open and close fields.
        let rpr = r.child("rPr");
        let hidden = match rpr.and_then(|p| p.child("vanish")) {
            Some(vanish) => is_on(vanish),
            None => {
                rpr.and_then(|p| p.child_val("rStyle"))
                    .is_some_and(|s| self.hidden_styles.contains(s))
                    || self.paragraph_hidden
            }
        };
        for e in r.elements() {
            if e.name == "fldChar" {
                self.field_char(e, revision, raw);
                continue;
            }
            if e.name == "instrText" || e.name == "delInstrText" {
                if let Some(field) = self.fields.last_mut().filter(|f| !f.shown) {
                    let room = fields::MAX_CODE.saturating_sub(field.code.len());
                    let text = e.text();
                    let cut = text.floor_char_boundary(room);
                    field.code.push_str(&text[..cut]);
                }
                continue;
            }
            if hidden || (!self.shows_text() && e.name != "AlternateContent") {
                continue;
            }
            match e.name.as_str() {
                "t" | "delText" => {
                    // Soft hyphens and zero-width no-break spaces typed as
                    // characters show nothing (a soft hyphen only where a
                    // line breaks), as `w:softHyphen` does.
                    let raw_text = e.text().replace(['\u{AD}', '\u{FEFF}'], "");
                    let text = match font {
                        Some(font) => symbol_text(font, &raw_text),
                        None => raw_text,
                    };
                    match custom_mark.take() {
                        Some(reference) => {
                            self.note_reference(reference, Some(text.trim()), revision, raw)
                        }
                        None => push_piece(raw, revision, &text),
                    }
                }
                "tab" | "ptab" => push_piece(raw, revision, "\t"),
                "br" | "cr" => push_piece(raw, revision, "\n"),
                "noBreakHyphen" => push_piece(raw, revision, "-"),
                "sym" => {
                    if let Some(c) = sym_char(e) {
                        push_piece(raw, revision, c.encode_utf8(&mut [0; 4]));
                    }
                }
                "footnoteReference" | "endnoteReference" => {
                    // A note with a mark of its own (`*`) shows the text
                    // that follows the reference instead of a number.
                    if e.attr("customMarkFollows")
                        .is_some_and(|v| !matches!(v, "0" | "false" | "off"))
                    {
                        custom_mark = Some(e);
                    } else {
                        self.note_reference(e, None, revision, raw);
                    }
                }
                "drawing" | "pict" | "object" => self.embedded(e, revision, raw),
                // East Asian phonetic guides: the base text is the text,
                // the guide above it (`w:rt`) is not.
                "ruby" => {
                    if let Some(base) = e.child("rubyBase") {
                        self.inline(base, revision, raw);
                    }
                }
                "AlternateContent" => {
                    if let Some(choice) = e.child("Choice") {
                        self.run(choice, revision, raw);
                    }
                }
                _ => {}
            }
        }
        if let Some(reference) = custom_mark {
            self.note_reference(reference, Some("*"), revision, raw);
        }
    }

    /// A footnote or endnote reference: its mark in the text (`[1]`, `[i]`,
    /// or the note's own mark, `[*]`), and the note kept for the notes
    /// section. A note with its own mark takes no number, as in Word.
    fn note_reference(
        &mut self,
        e: &Element,
        own_mark: Option<&str>,
        revision: &Revision,
        raw: &mut RawParagraph,
    ) {
        let foot = e.name == "footnoteReference";
        let mark = match own_mark {
            Some(own) => format!("[{}]", if own.is_empty() { "*" } else { own }),
            None => {
                let counts = self.note_counts.entry(self.note_scope).or_default();
                if foot {
                    counts.0 += 1;
                    format!("[{}]", counts.0)
                } else {
                    counts.1 += 1;
                    format!("[{}]", roman(counts.1))
                }
            }
        };
        let notes = if foot {
            &self.footnotes
        } else {
            &self.endnotes
        };
        let body = e
            .attr("id")
            .and_then(|id| notes.get(id))
            .cloned()
            .unwrap_or_default();
        push_piece(raw, revision, &mark);
        raw.notes.push(NoteRef {
            mark,
            revision: revision.clone(),
            body,
        });
    }
}

impl Walker {
    /// A drawing, VML picture or embedded object: the paragraphs of its
    /// text boxes (read after the paragraph), else an image as
    /// `[image: alt text]`, so that a picture added or removed is a change.
    fn embedded(&mut self, e: &Element, revision: &Revision, raw: &mut RawParagraph) {
        let mut boxes: Vec<&Element> = Vec::new();
        find_all(e, "txbxContent", &mut boxes, 0);
        if !boxes.is_empty() {
            for content in boxes {
                let start = self.paragraphs.len();
                self.blocks(content, None);
                let mut read: Vec<RawParagraph> = self.paragraphs.drain(start..).collect();
                // A text box inserted or deleted with tracking takes its
                // text with it.
                match revision {
                    Revision::None => {}
                    Revision::Change(kind, author) => {
                        for p in &mut read {
                            p.go_whole(*kind, author.as_deref());
                        }
                    }
                    Revision::Neither => read.clear(),
                }
                self.floating.extend(read);
            }
            return;
        }
        let found = |names: &[&str]| {
            let mut out: Vec<&Element> = Vec::new();
            for name in names {
                find_all(e, name, &mut out, 0);
            }
            !out.is_empty()
        };
        // A chart or a SmartArt diagram has no picture of its own in the
        // document part: it is still there, and adding one is a change.
        // A picture marked decorative (Word 365: "Mark as decorative") is
        // not content, as screen readers skip it.
        let mut decorative: Vec<&Element> = Vec::new();
        find_all(e, "decorative", &mut decorative, 0);
        if decorative.iter().any(|d| is_on(d)) {
            return;
        }
        let kind = if found(&["blip", "imagedata", "pic"]) {
            "image"
        } else if found(&["chart"]) {
            "chart"
        } else if found(&["relIds"]) {
            "diagram"
        } else {
            return;
        };
        push_piece(raw, revision, &image_text(e, kind));
    }
}

/// The author a revision names; `None` when it names none (some producers
/// write `w:author=""`).
fn author_of(e: &Element) -> Option<String> {
    e.attr("author")
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
}

/// The character a `w:sym` shows: a code of a symbol font as what the
/// font draws, a code of a text font (in the private use area Word maps
/// fonts to, or not) as that character.
fn sym_char(e: &Element) -> Option<char> {
    let code = u32::from_str_radix(e.attr("char")?, 16).ok()?;
    let c = match e.attr("font").and_then(symbol_font) {
        Some(font) => symbol_char(font, code)?,
        None => char::from_u32(match code {
            0xF020..=0xF0FF => code - 0xF000,
            _ => code,
        })?,
    };
    (!is_private(c) && !c.is_control()).then_some(c)
}

/// The descendants of `e` with a local name, depth-bounded, in document
/// order (a match's own descendants are not searched).
fn find_all<'e>(e: &'e Element, name: &str, out: &mut Vec<&'e Element>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for c in e.elements() {
        if c.name == name {
            out.push(c);
        } else {
            find_all(c, name, out, depth + 1);
        }
    }
}

/// How an image (a chart, a diagram) reads in text: `[image: ...]` with
/// its alternative text (the description, else the title), or `[image]`
/// without one. The drawing's name ("Picture 3") is not used: Word
/// numbers it per file.
fn image_text(e: &Element, kind: &str) -> String {
    let mut props: Vec<&Element> = Vec::new();
    for name in ["docPr", "cNvPr", "shape", "imagedata"] {
        find_all(e, name, &mut props, 0);
    }
    let alt = props
        .iter()
        .flat_map(|p| [p.attr("descr"), p.attr("alt"), p.attr("title")])
        .flatten()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .find(|t| !t.is_empty());
    match alt {
        Some(alt) => format!("[{kind}: {alt}]"),
        None => format!("[{kind}]"),
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
