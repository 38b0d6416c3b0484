//! The table of proposals in a Word document, cell by cell: what a side-by-side
//! table reader needs to build one document per column (and the base) from
//! the cells it chooses, with the proposers' tracked changes.
//!
//! Numbering runs over the whole table in document order (row by row, as
//! Word numbers it); footnotes are numbered per column, so that the notes
//! of two proposals align as their references do.

use std::collections::{BTreeMap, HashMap};

use synoptic_core::model::result_of;
use synoptic_core::structure::Openers;
use synoptic_core::Document;

use super::assemble::{build, prepare, Labels, Mode, Prepared};
use super::styles::Styles;
use super::walk::RawParagraph;
use super::xml::Element;
use super::{DocxOptions, Opened, ReadError, TrackChanges};

/// Which side of the tracked changes a document built from cells shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CellView {
    /// The proposer's changes, paragraph for paragraph against the text
    /// with every change rejected.
    Changes,
    /// The text with every change rejected.
    Rejected,
}

/// One cell chosen to go into a document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CellPick {
    /// The row and column of the cell.
    pub(crate) row: usize,
    pub(crate) column: usize,
    /// True when the cell's first paragraph opens a section whatever its
    /// text says.
    pub(crate) heading: bool,
    /// Positions (among the cell's paragraphs) to leave out.
    pub(crate) skip: Vec<usize>,
}

/// The first table of a .docx, read.
pub(crate) struct WordTable {
    /// The first paragraph with text before the table (accepted), if any.
    pub(crate) title: Option<String>,
    /// The table's size: rows, and columns of its widest row.
    pub(crate) rows: usize,
    pub(crate) columns: usize,
    paragraphs: Vec<RawParagraph>,
    /// The paragraphs of each cell, by (row, column), in order.
    cells: HashMap<(usize, usize), Vec<usize>>,
    labels: Labels,
    styles: Styles,
    openers: Openers,
}

/// Reads the table of proposals of a .docx (see [`proposal_table`]), with
/// the paragraphs before it. Fails like [`super::read`] on a bad file, and when
/// the document holds no table.
pub(crate) fn read_table(bytes: &[u8], openers: &Openers) -> Result<WordTable, ReadError> {
    let mut opened = Opened::open(bytes)?;
    let mut walker = opened.walker();
    walker.notes_per_column = true;
    let body = opened.body()?;
    let Some((before, table, continued)) = proposal_table(body) else {
        return Err(super::err(
            "no table: a side-by-side .docx holds its proposals in a table",
        ));
    };
    for p in before {
        walker.paragraph(p, None);
    }
    walker.flush_join();
    let title = walker
        .paragraphs
        .iter()
        .map(|p| {
            result_of(&p.pieces)
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
        })
        .find(|t| !t.is_empty());
    walker.paragraphs.clear();
    let mut next_row = walker.table_from(table, 0);
    // Where a table split in two (by a page or section break) goes on,
    // its rows follow; a header row it repeats is left out.
    let mut repeated: Vec<usize> = Vec::new();
    let header = header_texts(table);
    for more in continued {
        if header.is_some() && header_texts(more) == header {
            repeated.push(next_row + first_row_index(more));
        }
        next_row = walker.table_from(more, next_row);
    }
    walker.finish();
    let paragraphs = walker.paragraphs;
    let mut cells: HashMap<(usize, usize), Vec<usize>> = HashMap::new();
    let (mut rows, mut columns) = (0, 0);
    for (i, p) in paragraphs.iter().enumerate() {
        if let Some((row, column)) = p.cell {
            if repeated.contains(&row) {
                continue;
            }
            let row = row - repeated.iter().filter(|&&r| r < row).count();
            cells.entry((row, column)).or_default().push(i);
            rows = rows.max(row + 1);
            columns = columns.max(column + 1);
        }
    }
    let labels = Labels::of(&paragraphs, &opened.styles, &opened.numbering);
    Ok(WordTable {
        title,
        rows,
        columns,
        paragraphs,
        cells,
        labels,
        styles: std::mem::take(&mut opened.styles),
        openers: openers.clone(),
    })
}

/// The table of proposals, with the paragraphs between the table before
/// it (or the body's start) and it, and the tables that continue it: the
/// first table whose header row names proposals (`Proposal 2 (...)`, or a
/// synopsis' `Row` column), else the first with two rows and two columns
/// (a document's cover table is passed over), else the first. Tables inside
/// content controls count. A table continues the one before it when only
/// empty paragraphs (a page or section break) stand between them and it
/// has as many columns, and any later table continues it that repeats its
/// header row (a document of amendments, a table each).
fn proposal_table(body: &Element) -> Option<(Vec<&Element>, &Element, Vec<&Element>)> {
    let mut found: Vec<(Vec<&Element>, &Element)> = Vec::new();
    let mut before = Vec::new();
    let mut stack: Vec<std::slice::Iter<'_, super::xml::Node>> = vec![body.children.iter()];
    while let Some(top) = stack.last_mut() {
        let Some(node) = top.next() else {
            stack.pop();
            continue;
        };
        let super::xml::Node::Element(e) = node else {
            continue;
        };
        match e.name.as_str() {
            "p" => before.push(e),
            "tbl" => found.push((std::mem::take(&mut before), e)),
            "sdt" => {
                if let Some(content) = e.child("sdtContent") {
                    if stack.len() < super::MAX_DEPTH {
                        stack.push(content.children.iter());
                    }
                }
            }
            "customXml" | "sdtContent" if stack.len() < super::MAX_DEPTH => {
                stack.push(e.children.iter())
            }
            _ => {}
        }
    }
    let score = |table: &Element| -> u8 {
        let rows: Vec<&Element> = table.children_named("tr").collect();
        // Title rows, one cell merged across the table, come before the
        // header row.
        let header = rows
            .iter()
            .find(|r| r.children_named("tc").count() != 1)
            .or(rows.first());
        let Some(header) = header else {
            return 0;
        };
        let cells: Vec<String> = header
            .children_named("tc")
            .map(|c| {
                let mut text = String::new();
                text_of(c, &mut text, 0);
                text.trim().to_lowercase()
            })
            .collect();
        let names_proposals = cells.iter().any(|c| c.starts_with("proposal"))
            || cells.first().is_some_and(|c| c == "row");
        if names_proposals {
            2
        } else if rows.len() >= 2 && cells.len() >= 2 {
            1
        } else {
            0
        }
    };
    let best = found.iter().map(|(_, t)| score(t)).max()?;
    let k = found.iter().position(|(_, t)| score(t) == best)?;
    let width = columns_of(found[k].1);
    let header = header_texts(found[k].1);
    let named = header.as_ref().is_some_and(|h| h.len() >= 2);
    // A table goes on past a page or section break (only empty paragraphs
    // between), unless it heads other proposals; and in a document of
    // amendments, where each amendment is a table of its own under the
    // same header with a line naming it in between, every later table
    // that repeats the header goes on too.
    let mut continued: Vec<&Element> = Vec::new();
    let mut broken_only = true;
    for (between, t) in &found[k + 1..] {
        let blank = between.iter().all(|p| {
            let mut text = String::new();
            text_of(p, &mut text, 0);
            text.trim().is_empty()
        });
        let repeats = named && header_texts(t) == header;
        let other_proposals = score(t) == 2 && !repeats;
        broken_only &= blank && columns_of(t) == width && !other_proposals;
        if broken_only || repeats {
            continued.push(*t);
        }
    }
    let (before, table) = found.swap_remove(k);
    Some((before, table, continued))
}

/// How many columns a table has: the widest row, a merged cell counting
/// for the columns it spans.
fn columns_of(table: &Element) -> usize {
    table
        .children_named("tr")
        .map(|row| {
            row.children_named("tc")
                .map(|c| {
                    c.child("tcPr")
                        .and_then(|p| p.child_val("gridSpan"))
                        .and_then(|v| v.parse::<usize>().ok())
                        .unwrap_or(1)
                        .clamp(1, 64)
                })
                .sum::<usize>()
        })
        .max()
        .unwrap_or(0)
}

/// The index, among a table's rows, of its header row: the first that is
/// not one cell merged across the table.
fn first_row_index(table: &Element) -> usize {
    table
        .children_named("tr")
        .position(|r| r.children_named("tc").count() != 1)
        .unwrap_or(0)
}

/// The text of each cell of a table's header row, to tell a repeated
/// header; `None` when it has no text.
fn header_texts(table: &Element) -> Option<Vec<String>> {
    let row = table.children_named("tr").nth(first_row_index(table))?;
    let texts: Vec<String> = row
        .children_named("tc")
        .map(|c| {
            let mut text = String::new();
            text_of(c, &mut text, 0);
            text.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect();
    texts.iter().any(|t| !t.is_empty()).then_some(texts)
}

/// The text (`w:t`) inside an element, depth-bounded.
fn text_of(e: &Element, out: &mut String, depth: usize) {
    if depth > super::MAX_DEPTH {
        return;
    }
    for c in e.elements() {
        if c.name == "t" {
            out.push_str(&c.text());
        } else {
            text_of(c, out, depth + 1);
        }
    }
}

impl WordTable {
    /// Sets the section openers recognised in the cells' text.
    pub(crate) fn set_openers(&mut self, openers: Openers) {
        self.openers = openers;
    }

    /// How many cells a row has (a cell merged across columns counts once).
    pub(crate) fn cells_in_row(&self, row: usize) -> usize {
        (0..self.columns)
            .filter(|&c| self.cells.contains_key(&(row, c)))
            .count()
    }

    /// The accepted text of each paragraph of a cell, white space
    /// collapsed, empty ones included (their positions count for
    /// [`CellPick::skip`]).
    pub(crate) fn cell_texts(&self, row: usize, column: usize) -> Vec<String> {
        self.cells
            .get(&(row, column))
            .map(|ps| {
                ps.iter()
                    .map(|&i| {
                        result_of(&self.paragraphs[i].pieces)
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" ")
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// A document made of the chosen cells, in order, in a view.
    pub(crate) fn document(&self, picks: &[CellPick], view: CellView) -> Document {
        let (mode, notes_mode) = match view {
            CellView::Changes => (Mode::Proposal, TrackChanges::All),
            CellView::Rejected => (Mode::Track(TrackChanges::Reject), TrackChanges::Reject),
        };
        let mut prepared = Prepared::default();
        for pick in picks {
            let Some(all) = self.cells.get(&(pick.row, pick.column)) else {
                continue;
            };
            let indices: Vec<usize> = all
                .iter()
                .enumerate()
                .filter(|(k, _)| !pick.skip.contains(k))
                .map(|(_, &i)| i)
                .collect();
            let mut cell = prepare(&self.paragraphs, &indices, &self.labels, mode);
            if pick.heading {
                if let Some(first) = cell.ready.first_mut() {
                    first.heading = true;
                }
            }
            prepared.extend(cell);
        }
        let options = DocxOptions {
            track_changes: notes_mode,
            openers: self.openers.clone(),
        };
        build(
            prepared,
            &BTreeMap::new(),
            &self.styles,
            &options,
            notes_mode,
        )
    }
}
