//! Reader for an existing side-by-side table flattened to text, such as the
//! "Resolution 44 proposals side-by-side" of the ITU corpus.
//!
//! The layout (see the corpus README): the title on the first line, one
//! header line per column (`<TAB>Proposal 2 (MOD, WTSA C-035 ATU Add08)
//! (ATU)`), then the table rows. Each cell starts on a line that begins with
//! a tab; a row starts after a blank line. An empty cell is a line holding a
//! tab alone, which is how the empty first column shows.
//!
//! Real files are damaged, and each kind of damage is handled here:
//!
//! - a cell may start with a space and a tab, or with a space and no tab at
//!   all (its first line lost the tab);
//! - row boundaries may be lost, so one row holds the cells of several
//!   (the annex programmes): such a row is cut into groups of one cell per
//!   column, a new group starting where a cell's heading changes
//!   ("Programme 2" after "Programme 1");
//! - a cell that lost its heading line with its tab takes the heading of
//!   the other cells of its group, and a note says so;
//! - Word debris: `[bookmark: ...]` and `[footnoteRef:N]` are dropped,
//!   footnotes `[N: text]` become notes of the version, stray image names
//!   and the footnote separator line are dropped.
//!
//! Paragraph texts stay flattened: deleted and inserted text glued together
//! ("Hammamet, 2016Geneva, 2022"), labels as written (`bc)`). Recovering the
//! changes is [`synoptic_core::recover`]'s job.

mod compilation;
#[cfg(test)]
mod corpus_tests;
mod docx;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod docx_tests;
mod formulas;
#[cfg(test)]
pub(crate) mod generate;
mod header;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod layout_tests;
#[cfg(test)]
mod tests;
mod text;

use synoptic_core::compare::VersionInput;
use synoptic_core::recover::recover_synopsis;
use synoptic_core::{compare, CompareOptions, CoreError, Document, Status, Synopsis};

pub use self::docx::{is_docx, read_docx, read_docx_with};
pub use self::text::{read, read_bytes};

/// A side-by-side table read from text: its title and its columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SideBySide {
    /// The table's title ("Resolution 44 proposals side-by-side").
    pub title: String,
    /// The columns in table order, one per header cell, empty ones included.
    pub columns: Vec<Column>,
    /// The base, when the table gives it (a Word table whose columns agree
    /// on the text with their changes rejected); `None` to infer it.
    pub base: Option<Box<VersionInput>>,
    /// True when the columns carry the proposers' tracked changes (a Word
    /// table), false when their changes are glued into flattened text and
    /// must be recovered.
    pub tracked: bool,
    /// True when the base is a column Synoptic had inferred (a synopsis it
    /// wrote, read back).
    pub base_inferred: bool,
    /// What the reader of the synopsis should know about the table.
    pub notes: Vec<String>,
    /// The comments the table gives on its rows in columns of their own
    /// (`Comments`, `Justification`), in table order.
    pub comments: Vec<RowComment>,
    /// What cells say of their rows rather than showing it: a deletion in
    /// a word (`Delete`, `Supprimer`), or, in a compilation, nothing
    /// proposed where a proposer has no row; in table order.
    pub statements: Vec<CellStatement>,
}

/// What a proposal's cell says of its row's base text without showing it
/// as the synopsis would.
#[derive(Debug, Clone, PartialEq)]
pub struct CellStatement {
    /// The proposal, by its position in [`SideBySide::columns`].
    pub proposal: usize,
    /// What the proposal does to the rows: [`Status::Deleted`] (its cells
    /// there, left empty, delete the base text) or [`Status::Absent`] (its
    /// cells there, filled with the base text to keep its paragraphs in
    /// place, propose nothing).
    pub status: Status,
    /// The paragraphs of the row's base cell, as [`RowComment::anchors`]
    /// are compared: the synopsis rows with these base texts, in a run,
    /// are the ones it speaks of.
    pub anchors: Vec<String>,
    /// The table row, counted from 1 with the header.
    pub table_row: usize,
}

/// A comment a side-by-side table gives on one of its rows, in a column of
/// comments rather than of versions.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RowComment {
    /// The comment as shown under the row: the column's heading, then its
    /// text (`Comments: the Secretariat's wording`).
    pub note: String,
    /// The paragraphs of the table row's versions (base first), compared
    /// as normalised text: the synopsis row that starts with one of them is
    /// the row the comment is on.
    pub anchors: Vec<String>,
    /// The table row, counted from 1 with the header, for a comment no
    /// synopsis row takes.
    pub table_row: usize,
}

/// One column of the table: one proposal's version of the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Column {
    /// The column's name: the group in the header's last parentheses
    /// (`ATU`), or the whole header cell when it has none.
    pub label: String,
    /// The proposal marker (`MOD`), from the cells or the header.
    pub marker: Option<String>,
    /// The proposal reference: the one next to the marker in the cells
    /// (`AFCP/35A8/1`), else the header's document number.
    pub reference: Option<String>,
    /// The document number the header names (`WTSA C-035 ATU Add08`).
    pub document_number: Option<String>,
    /// The column's text, flattened, with marker, reference and notes in
    /// its metadata. Empty (no sections) for an empty column.
    pub document: Document,
}

impl SideBySide {
    /// The columns as inputs of [`synoptic_core::compare()`], labelled by
    /// their group names.
    pub fn version_inputs(&self) -> Vec<VersionInput> {
        self.columns
            .iter()
            .map(|c| VersionInput {
                label: c.label.clone(),
                document: c.document.clone(),
            })
            .collect()
    }

    /// The synopsis of the table: its columns compared against its base
    /// (given, or inferred from the columns), with the proposers' changes
    /// as tracked or, from flattened text, recovered.
    pub fn synopsis(&self) -> Result<Synopsis, CoreError> {
        let mut synopsis = compare(
            self.base.as_deref(),
            &self.version_inputs(),
            &CompareOptions::default(),
        )?;
        if !self.tracked {
            recover_synopsis(&mut synopsis);
        }
        if self.tracked && self.base.is_some() {
            // Against a base every column agrees on, a paragraph a column
            // lacks without a tracked deletion is in a cell it left empty:
            // nothing proposed there, not a deletion.
            for row in &mut synopsis.rows {
                for cell in &mut row.cells {
                    if cell.status == Status::Deleted && !cell.tracked {
                        cell.status = Status::Absent;
                        cell.ops.clear();
                        cell.label = None;
                        cell.moved = None;
                    }
                }
            }
        }
        apply_statements(&mut synopsis, &self.statements);
        if self.base.is_some() && self.base_inferred {
            synopsis.base_inferred = true;
        }
        synopsis.notes.extend(self.notes.iter().cloned());
        attach_comments(&mut synopsis, &self.comments);
        Ok(synopsis)
    }
}

/// Applies what cells say of their rows ([`CellStatement`]), on the run
/// of synopsis rows whose base texts are the table row's base paragraphs,
/// found from where the proposal's previous statement was: a deletion in a
/// word marks the proposal's (empty) cells there deleted, nothing proposed
/// marks its (base-text) cells absent. A table row no synopsis row matches
/// is said in a note.
fn apply_statements(synopsis: &mut Synopsis, statements: &[CellStatement]) {
    use synoptic_core::tokens::normalize;
    if statements.is_empty() {
        return;
    }
    let proposals = synopsis.proposal_columns();
    let base_texts: Vec<Option<String>> = synopsis
        .rows
        .iter()
        .map(|row| row.base_text.as_deref().map(normalize))
        .collect();
    let mut cursors = vec![0usize; proposals.len()];
    for statement in statements {
        let (Some(&column), Some(cursor)) = (
            proposals.get(statement.proposal),
            cursors.get_mut(statement.proposal),
        ) else {
            continue;
        };
        let base_of = |at: usize| base_texts[at].as_ref().filter(|t| !t.is_empty());
        let of_row = |at: usize| base_of(at).is_some_and(|t| statement.anchors.contains(t));
        let Some(first) = (*cursor..base_texts.len()).find(|&at| of_row(at)) else {
            if statement.status == Status::Deleted {
                let label = synopsis
                    .versions
                    .get(column)
                    .map_or("a proposal", |v| v.label.as_str());
                synopsis.notes.push(format!(
                    "row {} of the table: {label} deletes a text the synopsis has no row for",
                    statement.table_row
                ));
            }
            continue;
        };
        let mut at = first;
        while at < base_texts.len() {
            if base_of(at).is_some() {
                if !of_row(at) {
                    break;
                }
                let row = &mut synopsis.rows[at];
                let base = row.base_text.clone().unwrap_or_default();
                if let Some(cell) = row.cells.get_mut(column) {
                    match (statement.status, cell.status) {
                        (Status::Deleted, Status::Absent) => {
                            cell.status = Status::Deleted;
                            cell.ops = synoptic_core::diff::all_deleted(&base);
                            cell.text = Default::default();
                            cell.tracked = true;
                        }
                        (Status::Absent, Status::Unchanged) => {
                            *cell = synoptic_core::Cell {
                                version: cell.version.clone(),
                                status: Status::Absent,
                                ..synoptic_core::Cell::default()
                            };
                        }
                        _ => {}
                    }
                }
            }
            at += 1;
        }
        *cursor = at;
    }
}

/// Puts each comment under the synopsis row where its table row starts:
/// the first row, from where the previous comment went, with a cell (or
/// base) whose text is one of the table row's paragraphs. A comment no row
/// takes becomes a note of the synopsis naming its table row.
fn attach_comments(synopsis: &mut Synopsis, comments: &[RowComment]) {
    use synoptic_core::tokens::normalize;
    if comments.is_empty() {
        return;
    }
    // Each row's texts, normalised once.
    let texts: Vec<Vec<String>> = synopsis
        .rows
        .iter()
        .map(|row| {
            let mut texts: Vec<String> = row
                .cells
                .iter()
                .filter(|c| c.status != Status::Absent)
                .map(|c| normalize(&c.text))
                .chain(row.base_text.as_deref().map(normalize))
                .filter(|t| !t.is_empty())
                .collect();
            texts.sort_unstable();
            texts.dedup();
            texts
        })
        .collect();
    let takes = |at: usize, comment: &RowComment| {
        texts[at]
            .iter()
            .any(|t| comment.anchors.iter().any(|a| a == t))
    };
    let mut cursor = 0;
    for comment in comments {
        let found = (cursor..texts.len())
            .find(|&at| takes(at, comment))
            .or_else(|| (0..cursor).find(|&at| takes(at, comment)));
        match found {
            Some(at) => {
                synopsis.rows[at].notes.push(comment.note.clone());
                cursor = at;
            }
            None => synopsis.notes.push(format!(
                "row {} of the table: {}",
                comment.table_row, comment.note
            )),
        }
    }
}
