//! A side-by-side table in Word, with the proposers' tracked changes in
//! its cells.
//!
//! The table of proposals (the first table whose header row names them, so
//! a cover table is passed over): a header row with one cell per proposal
//! (`Proposal 2 (MOD, WTSA C-035 ATU Add08) (ATU)`: label, action, source),
//! then rows, one per part of the text, each cell holding that proposer's
//! version of the part with its changes tracked. Nothing is guessed: the
//! base is the text with every change rejected, each proposal the text
//! with its changes accepted, and its changes are the tracked ones
//! (confidence 1). A marker opening a cell (`MOD<TAB>AFCP/35A8/1`, or
//! `MOD` before the title) gives the proposal's action and number. A
//! column left empty is absent everywhere, and so is a column in a row
//! whose cell it left empty. When the columns disagree on the text with
//! changes rejected, the synopsis says so and infers the base from the
//! proposals instead. Footnotes in cells are the rows of a notes section,
//! numbered per column.
//!
//! A synopsis Synoptic wrote as .docx reads back the same way: its first
//! column (headed `Row`) names the rows, a row whose name has no `/` is a
//! section's heading, its base column is the base, and the "moved to"
//! lines under cells are left out (moves are found again).

use std::collections::HashSet;

use synoptic_core::compare::VersionInput;
use synoptic_core::model::{original_of, result_of};
use synoptic_core::structure::{detect_tradition, Openers};
use synoptic_core::{ChangeKind, Document, Paragraph, Role, Status};

use super::compilation;
use super::formulas::{formula, Formula};
use super::header::{is_comment_heading, is_reference_heading, parse_header, Header, MARKERS};
use super::{CellStatement, Column, RowComment, SideBySide};
use crate::read::auto::AutoOptions;
use crate::read::docx::table::{read_table, CellPick, CellView, WordTable};
use crate::read::ReadError;

/// The confidence of a change the proposer tracked: certain.
const TRACKED: f32 = 1.0;

/// True when the bytes are a Word .docx (a zip), not a table flattened to
/// text.
pub fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
        || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
        || crate::read::docx::is_word_xml(bytes)
}

/// Reads the first table of a Word document as a side-by-side table, its
/// sections found by the structure of the drafting tradition its text is
/// written in.
pub fn read_docx(bytes: &[u8]) -> Result<SideBySide, ReadError> {
    read_docx_with(bytes, &AutoOptions::default())
}

/// [`read_docx`] with the tradition and language of `options` where they
/// name one (`--structure`, `--lang`), detected from the table's text
/// where they do not.
pub fn read_docx_with(bytes: &[u8], options: &AutoOptions) -> Result<SideBySide, ReadError> {
    // Find out first whether this is a table Synoptic wrote: its rows name
    // their sections, so openers must not be guessed from the text.
    let mut table = read_table(bytes, &Openers::empty())?;
    let ids = row_ids(&table);
    if ids.is_none() {
        let tradition = options.structure.unwrap_or_else(|| {
            let text: Vec<String> = (0..table.rows)
                .flat_map(|row| (0..table.columns).map(move |column| (row, column)))
                .flat_map(|(row, column)| table.cell_texts(row, column))
                .collect();
            detect_tradition([text.join("\n").as_str()])
        });
        table.set_openers(Openers::for_tradition(tradition, options.language));
    }
    // A title row merged across the table may come before the header.
    let header_row = if ids.is_some() { 0 } else { header_row(&table) };
    if table.rows < header_row + 2 {
        return Err(ReadError::Other(
            "the first table has no row under its header: not a side-by-side table".into(),
        ));
    }
    let title_row = (0..header_row).find_map(|row| {
        (0..table.columns)
            .find_map(|c| table.cell_texts(row, c).into_iter().find(|t| !t.is_empty()))
    });
    let first_column = usize::from(ids.is_some());
    let body: Vec<usize> = (header_row + 1..table.rows).collect();
    // Columns of comments on the rows, or numbering them, are no versions.
    let mut notes = Vec::new();
    let mut comment_columns: Vec<(usize, String)> = Vec::new();
    let mut columns: Vec<usize> = Vec::new();
    for c in first_column..table.columns {
        let heading = table.cell_texts(header_row, c).join(" ").trim().to_string();
        if ids.is_none() && is_comment_heading(&heading) {
            notes.push(format!(
                "column {} (\"{heading}\") comments on the rows: shown under each row, not \
                 compared as a version",
                c + 1
            ));
            comment_columns.push((c, heading));
        } else if ids.is_none()
            && is_reference_heading(&heading)
            && body
                .iter()
                .all(|&row| is_reference_cell(&table.cell_texts(row, c)))
        {
            notes.push(format!(
                "column {} (\"{heading}\") numbers the rows: not compared as a version",
                c + 1
            ));
        } else {
            columns.push(c);
        }
    }
    let headers: Vec<Header> = columns
        .iter()
        .map(|&c| parse_header(&table.cell_texts(header_row, c)))
        .collect();
    let title = table
        .title
        .clone()
        .or(title_row)
        .unwrap_or_else(|| "Side-by-side table".into());
    let heading_of = |c: usize| table.cell_texts(header_row, c).join(" ").trim().to_string();
    if ids.is_none() {
        if let Some(layout) = compilation::layout(&table, &body, &columns, &headers, heading_of) {
            return compilation::read(&table, &body, &layout, &comment_columns, title, notes);
        }
    }

    let base_column = headers.iter().position(|h| h.role == Some(Role::Base));
    let base_table_column = base_column.map(|k| columns[k]);
    // A cell that says what its proposer does rather than giving the text
    // (`No change`, `—`, `Delete`) is read as the base's cell, as no cell,
    // or as no cell whose base text the proposer deletes.
    let no_cell = table.columns;
    let has_text = |row: usize, column: usize| {
        table
            .cell_texts(row, column)
            .iter()
            .any(|t| !t.trim().is_empty())
    };
    let formula_at = |row: usize, column: usize| -> Option<Formula> {
        if ids.is_some() {
            return None;
        }
        formula(&table.cell_texts(row, column))
    };
    // A body row of one cell merged across the table (a chapter's
    // heading) is every version's.
    let merged_across = |row: usize| -> Option<usize> {
        if ids.is_some() || table.columns < 2 || table.cells_in_row(row) != 1 {
            return None;
        }
        (0..table.columns).find(|&c| !table.cell_texts(row, c).is_empty())
    };
    let read_from = |row: usize, column: usize| -> usize {
        if let Some(shared) = merged_across(row) {
            return shared;
        }
        let proposal = Some(column) != base_table_column;
        match formula_at(row, column) {
            Some(Formula::Nothing) => no_cell,
            Some(Formula::Deleted) if proposal => no_cell,
            Some(Formula::Unchanged) if proposal => base_table_column
                .filter(|&b| has_text(row, b))
                .unwrap_or(no_cell),
            _ => column,
        }
    };

    // Each column's cells, with what to leave out of them.
    let known: HashSet<&str> = ids.iter().flatten().map(String::as_str).collect();
    let picks_of = |column: usize| -> Vec<CellPick> {
        body.iter()
            .map(|&row| {
                let column = read_from(row, column);
                let (heading, skip) = match &ids {
                    Some(ids) => {
                        let id = ids.get(row).map(String::as_str).unwrap_or_default();
                        (
                            !id.is_empty() && !id.contains('/'),
                            move_lines(&table, row, column, &known),
                        )
                    }
                    None => (false, Vec::new()),
                };
                CellPick {
                    row,
                    column,
                    heading,
                    skip,
                }
            })
            .collect()
    };

    let base = match base_column {
        Some(k) => {
            let mut document = table.document(&picks_of(columns[k]), CellView::Rejected);
            strip_leading_marker(&mut document);
            document.metadata = Default::default();
            Some(Box::new(VersionInput {
                label: headers[k].label.clone(),
                document,
            }))
        }
        None => agreed_base(&table, &columns, &picks_of, &mut notes).map(|document| {
            Box::new(VersionInput {
                label: "base".into(),
                document,
            })
        }),
    };
    let base_inferred = base_column.is_some_and(|k| headers[k].inferred);

    let mut out = Vec::new();
    let mut statements = Vec::new();
    for (k, &column) in columns.iter().enumerate() {
        if Some(k) == base_column {
            continue;
        }
        let header = &headers[k];
        if let Some(base) = base_table_column {
            for &row in &body {
                if formula_at(row, column) == Some(Formula::Deleted) && has_text(row, base) {
                    statements.push(CellStatement {
                        proposal: out.len(),
                        status: Status::Deleted,
                        anchors: row_outline(&table, row, &[base], Some(base)),
                        table_row: row + 1,
                    });
                }
            }
        }
        let mut document = table.document(&picks_of(column), CellView::Changes);
        strip_leading_marker(&mut document);
        if ids.is_some() {
            // A synopsis Synoptic wrote: its own comparisons come back as
            // they were, the proposers' changes as tracked.
            unfold(&mut document, &header.label);
        } else {
            mark_certain(&mut document);
        }
        let metadata = &mut document.metadata;
        metadata.marker = metadata.marker.take().or_else(|| header.marker.clone());
        metadata.reference = metadata.reference.take().or_else(|| header.number.clone());
        metadata.source = header.source.clone();
        let label = if header.label.is_empty() {
            format!("column {}", column + 1)
        } else {
            header.label.clone()
        };
        out.push(Column {
            label,
            marker: document.metadata.marker.clone(),
            reference: document.metadata.reference.clone(),
            document_number: header.source.clone(),
            document,
        });
    }
    let comments = comments_of(&table, &body, &comment_columns, |row| {
        let order: Vec<usize> = base_table_column
            .into_iter()
            .chain(columns.iter().copied())
            .map(|c| read_from(row, c))
            .collect();
        (row_outline(&table, row, &order, base_table_column), None)
    });
    Ok(SideBySide {
        title,
        columns: out,
        base,
        tracked: true,
        base_inferred,
        notes,
        comments,
        statements,
    })
}

/// The comments of the table's `comment_columns` (column, heading) on its
/// `body` rows, in table order; `anchors` gives, for a row, the paragraphs
/// of its versions to find the synopsis row by ([`RowComment::anchors`])
/// and who the comment is from, when the row says
/// (`Justification (Kenya): ...`).
pub(super) fn comments_of(
    table: &WordTable,
    body: &[usize],
    comment_columns: &[(usize, String)],
    anchors: impl Fn(usize) -> (Vec<String>, Option<String>),
) -> Vec<RowComment> {
    let mut comments = Vec::new();
    for &row in body {
        for (column, heading) in comment_columns {
            let text = table
                .cell_texts(row, *column)
                .iter()
                .map(|t| t.trim())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            if text.is_empty() {
                continue;
            }
            let (anchors, who) = anchors(row);
            let heading = heading.trim_end_matches([':', ' ']);
            comments.push(RowComment {
                note: match who {
                    Some(who) => format!("{heading} ({who}): {text}"),
                    None => format!("{heading}: {text}"),
                },
                anchors,
                table_row: row + 1,
            });
        }
    }
    comments
}

/// The paragraphs of a table row's cells in `columns`, in that order, as
/// [`outline`] compares them: the base's (`base`) with its changes
/// rejected, the others' with theirs made.
pub(super) fn row_outline(
    table: &WordTable,
    row: usize,
    columns: &[usize],
    base: Option<usize>,
) -> Vec<String> {
    columns
        .iter()
        .flat_map(|&column| {
            let pick = CellPick {
                row,
                column,
                heading: false,
                skip: Vec::new(),
            };
            let view = if Some(column) == base {
                CellView::Rejected
            } else {
                CellView::Changes
            };
            outline(&table.document(&[pick], view))
        })
        .filter(|t| !t.is_empty())
        .collect()
}

/// True when a cell of a column headed as numbering the rows holds such a
/// reference: empty, or one short line (`12`, `Art. 5`, `Rule 12 bis`).
fn is_reference_cell(paragraphs: &[String]) -> bool {
    let lines: Vec<&str> = paragraphs
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    match lines.as_slice() {
        [] => true,
        [line] => line.chars().count() <= 40 && line.split_whitespace().count() <= 4,
        _ => false,
    }
}

/// The header row: the first row that is not one cell merged across the
/// whole table (a title such as `Resolution 44 proposals side-by-side`
/// above the proposals' headers); row 0 when every row is one cell.
fn header_row(table: &WordTable) -> usize {
    if table.columns < 2 {
        return 0;
    }
    (0..table.rows)
        .find(|&row| table.cells_in_row(row) != 1)
        .unwrap_or(0)
}

/// The row names of a table Synoptic wrote (first header cell `Row`), by
/// row; `None` for any other table.
fn row_ids(table: &WordTable) -> Option<Vec<String>> {
    let first = table.cell_texts(0, 0);
    let first: Vec<&String> = first.iter().filter(|t| !t.is_empty()).collect();
    if first.len() != 1 || first[0] != "Row" || table.columns < 2 {
        return None;
    }
    // The id is the cell's first line; a line under it may say who
    // collides in the row ("conflict: AFR, CEPT").
    Some(
        (0..table.rows)
            .map(|row| {
                table
                    .cell_texts(row, 0)
                    .iter()
                    .map(|t| t.trim())
                    .find(|t| !t.is_empty())
                    .unwrap_or_default()
                    .to_string()
            })
            .collect(),
    )
}

/// The positions of the "moved to ROW" and "moved from ROW" lines Synoptic
/// writes under a moved paragraph's cell.
fn move_lines(table: &WordTable, row: usize, column: usize, known: &HashSet<&str>) -> Vec<usize> {
    table
        .cell_texts(row, column)
        .iter()
        .enumerate()
        .filter(|(k, text)| {
            *k > 0
                && ["moved to ", "moved from "].iter().any(|prefix| {
                    text.strip_prefix(prefix)
                        .is_some_and(|id| known.contains(id.trim()))
                })
        })
        .map(|(k, _)| k)
        .collect()
}

/// The text of a document for comparing bases: each opener and
/// paragraph as compared (case, quotes and spacing folded). Labels are left
/// out: a column may re-letter its paragraphs without tracking it.
fn outline(document: &Document) -> Vec<String> {
    let line = |p: &Paragraph| synoptic_core::tokens::normalize(&p.text);
    document
        .sections
        .iter()
        .flat_map(|s| s.opener.iter().chain(&s.paragraphs))
        .map(line)
        .collect()
}

/// The base, when every row's cells agree on their text with changes
/// rejected: each row's first cell that has any. `None`, with a note,
/// when two cells of a row disagree.
fn agreed_base(
    table: &WordTable,
    columns: &[usize],
    picks_of: &dyn Fn(usize) -> Vec<CellPick>,
    notes: &mut Vec<String>,
) -> Option<Document> {
    let picks: Vec<Vec<CellPick>> = columns.iter().map(|&c| picks_of(c)).collect();
    let rows = picks.first().map_or(0, Vec::len);
    let mut chosen: Vec<CellPick> = Vec::new();
    for r in 0..rows {
        let mut first: Option<(usize, Vec<String>)> = None;
        for (k, column_picks) in picks.iter().enumerate() {
            let Some(pick) = column_picks.get(r) else {
                continue;
            };
            let mut cell = table.document(std::slice::from_ref(pick), CellView::Rejected);
            strip_leading_marker(&mut cell);
            let text = outline(&cell);
            if text.is_empty() {
                continue;
            }
            match &first {
                None => {
                    first = Some((k, text));
                    chosen.push(pick.clone());
                }
                Some((j, agreed)) if *agreed != text => {
                    let excerpt = |lines: &[String]| {
                        let line = lines.join(" ");
                        let mut short: String = line.chars().take(50).collect();
                        if short.len() < line.len() {
                            short.push_str("...");
                        }
                        short
                    };
                    notes.push(format!(
                        "the columns disagree on the text before their changes in row {} \
                         (column {}: \"{}\"; column {}: \"{}\"): the base is inferred from the \
                         proposals",
                        pick.row + 1,
                        columns[*j] + 1,
                        excerpt(agreed),
                        columns[k] + 1,
                        excerpt(&text)
                    ));
                    return None;
                }
                Some(_) => {}
            }
        }
    }
    let mut document = table.document(&chosen, CellView::Rejected);
    strip_leading_marker(&mut document);
    document.metadata = Default::default();
    Some(document)
}

/// Marks the proposer's tracked changes as certain.
pub(super) fn mark_certain(document: &mut Document) {
    for section in &mut document.sections {
        for p in section
            .opener
            .iter_mut()
            .chain(section.paragraphs.iter_mut())
        {
            for change in p.revision.iter_mut().flatten() {
                if change.kind != ChangeKind::Equal {
                    change.confidence = Some(TRACKED);
                }
            }
        }
    }
}

/// Takes a marker that opens a column's first paragraph (`MOD  RESOLUTION
/// 44 (Rev. ...)`, the marker written before the title) off its text into
/// the metadata, as the text reader does, so that the column's text
/// compares with the others'. Only a marker in text the proposer kept.
pub(super) fn strip_leading_marker(document: &mut Document) {
    let Some(first) = document
        .sections
        .iter_mut()
        .flat_map(|s| s.opener.iter_mut().chain(s.paragraphs.iter_mut()))
        .next()
    else {
        return;
    };
    if first.label.is_some() {
        return;
    }
    let Some((word, rest)) = first.text.split_once(char::is_whitespace) else {
        return;
    };
    let rest = rest.trim_start();
    if !MARKERS.contains(&word) || rest.is_empty() {
        return;
    }
    let marker = word.to_string();
    let cut = first.text.len() - rest.len();
    let prefix = first.text[..cut].to_string();
    let text = rest.to_string();
    if let Some(changes) = &mut first.revision {
        let Some(kept) = changes
            .first_mut()
            .filter(|c| c.kind == ChangeKind::Equal && c.text.as_str().starts_with(&prefix))
        else {
            return;
        };
        let after = kept.text.as_str()[cut..].to_string();
        if after.is_empty() {
            changes.remove(0);
        } else {
            kept.text = after.into();
        }
    }
    first.text = text.into();
    if document.metadata.marker.is_none() {
        document.metadata.marker = Some(marker);
    }
}

/// In a synopsis Synoptic wrote, the changes it found itself are shown
/// folded into phrases ([`synoptic_core::diff::for_reading`]), while a
/// proposer's own are shown as made. A paragraph whose changes (authored by
/// the column, if at all) are exactly the folded word diff of its two sides
/// is such a comparison: it is read without them, so that comparing it
/// again gives the exact diff it had. Others keep their changes.
fn unfold(document: &mut Document, label: &str) {
    /// `(kind, text)`, neighbours of one kind merged.
    fn merged(changes: &[synoptic_core::Change]) -> Vec<(ChangeKind, String)> {
        let mut out: Vec<(ChangeKind, String)> = Vec::new();
        for c in changes {
            match out.last_mut() {
                Some((kind, text)) if *kind == c.kind => text.push_str(&c.text),
                _ => out.push((c.kind, c.text.to_string())),
            }
        }
        out
    }
    for section in &mut document.sections {
        for p in section
            .opener
            .iter_mut()
            .chain(section.paragraphs.iter_mut())
        {
            if p.is_inserted_by_revision() || p.is_deleted_by_revision() {
                continue;
            }
            let Some(changes) = &p.revision else {
                continue;
            };
            if changes
                .iter()
                .any(|c| c.author.as_deref().is_some_and(|a| a != label))
            {
                continue;
            }
            let exact = synoptic_core::diff::word_diff(&original_of(changes), &result_of(changes));
            if merged(&synoptic_core::diff::for_reading(&exact)) == merged(changes) {
                p.revision = None;
            }
        }
    }
}
