//! The synopsis table: a header row repeated on every page, then one row
//! per synopsis row, each change a revision by its proposer.

use std::io::{self, Write};

use synoptic_core::consolidate::{row_conflicts, RowConflict};
use synoptic_core::{Cell, ChangeKind, Row, RowKind, Status, Synopsis, Version};

use super::package::{section_properties, Page, MARGIN, ROW_COLUMN};
use super::xml::{change_run, plain_paragraph, run, RunStyle, Xml};
use super::DocxOptions;
use crate::write::{
    cells_by_version, column_heading, display_ops, is_unsure, reasons_row, role_note, summary_parts,
};

/// Cell shading by status: green for added, red for deleted, grey for
/// absent; none otherwise.
pub(super) fn shading(status: Status) -> Option<&'static str> {
    match status {
        Status::Added => Some("E2EFDA"),
        Status::Deleted => Some("FBE4E4"),
        Status::Absent => Some("F2F2F2"),
        Status::Unchanged | Status::Modified => None,
    }
}

/// Markup held before it is handed on to the zip stream: the body is
/// compressed as it is made, never held whole.
const FLUSH_BYTES: usize = 1 << 16;

/// Writes the body of the synopsis document to `out`, a row at a time.
pub(super) fn synopsis_body(
    synopsis: &Synopsis,
    options: &DocxOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let mut x = Xml::default();
    let mut ids = 0u32;
    plain_paragraph(&mut x, "Title", &options.title);
    let conflicts = row_conflicts(synopsis);
    let count = conflicts.iter().flatten().count();
    plain_paragraph(&mut x, "Normal", &summary_parts(synopsis, count).join("; "));

    // A4 holds the row column and four versions side by side; more go on A3.
    let page = if synopsis.versions.len() > 4 {
        Page::A3Landscape
    } else {
        Page::A4Landscape
    };
    let usable = page.size().0 - 2 * MARGIN;
    let columns = synopsis.versions.len().max(1) as u32;
    let column = (usable - ROW_COLUMN) / columns;

    x.raw(
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         </w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>\
         <w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/>\
         </w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" \
         w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
    );
    x.raw(&format!("<w:gridCol w:w=\"{ROW_COLUMN}\"/>"));
    for _ in &synopsis.versions {
        x.raw(&format!("<w:gridCol w:w=\"{column}\"/>"));
    }
    x.raw("</w:tblGrid>");

    header_row(&mut x, synopsis, column);
    for (row, conflict) in synopsis.rows.iter().zip(&conflicts) {
        table_row(&mut x, &mut ids, synopsis, row, conflict.as_ref(), column);
        if x.0.len() >= FLUSH_BYTES {
            out.write_all(x.0.as_bytes())?;
            x.0.clear();
        }
    }
    if let Some(reasons) = reasons_row(synopsis) {
        reasons_table_row(&mut x, &reasons, column);
    }
    x.raw("</w:tbl>");
    // Word needs a paragraph after a table that ends the body.
    x.raw("<w:p/>");
    x.raw(&section_properties(page));
    out.write_all(x.0.as_bytes())
}

/// Opens a cell of a width, with optional shading.
pub(super) fn open_cell(x: &mut Xml, width: u32, fill: Option<&str>) {
    x.raw(&format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
    ));
    if let Some(fill) = fill {
        x.raw(&format!(
            "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
        ));
    }
    x.raw("</w:tcPr>");
}

/// The header row: the row column, then each version's label, role, marker
/// and reference; repeated on every page.
pub(super) fn header_row(x: &mut Xml, synopsis: &Synopsis, column: u32) {
    x.raw("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    let fill = Some("D9E2F3");
    let bold = RunStyle {
        bold: true,
        ..RunStyle::default()
    };
    open_cell(x, ROW_COLUMN, fill);
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
    run(x, "Row", bold, false);
    x.raw("</w:p></w:tc>");
    for (i, v) in synopsis.versions.iter().enumerate() {
        open_cell(x, column, fill);
        x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
        run(x, &column_heading(synopsis, i), bold, false);
        x.raw("</w:p>");
        if let Some(role) = role_note(synopsis, v) {
            x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
            run(x, role, RunStyle::default(), false);
            x.raw("</w:p>");
        }
        let marker: Vec<&str> = [v.marker.as_deref(), v.reference.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if !marker.is_empty() {
            x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
            run(x, &marker.join(" "), RunStyle::default(), false);
            x.raw("</w:p>");
        }
        x.raw("</w:tc>");
    }
    x.raw("</w:tr>");
}

/// The last row: each version's reasons under its column.
fn reasons_table_row(x: &mut Xml, reasons: &[&str], column: u32) {
    x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    open_cell(x, ROW_COLUMN, None);
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
    let bold = RunStyle {
        bold: true,
        ..RunStyle::default()
    };
    run(x, "Reasons", bold, false);
    x.raw("</w:p></w:tc>");
    for text in reasons {
        open_cell(x, column, None);
        x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
        run(x, text, RunStyle::default(), false);
        x.raw("</w:p></w:tc>");
    }
    x.raw("</w:tr>");
}

/// One row of the synopsis: the row id (and the proposals in conflict
/// there), then one cell per version.
pub(super) fn table_row(
    x: &mut Xml,
    ids: &mut u32,
    synopsis: &Synopsis,
    row: &Row,
    conflict: Option<&RowConflict>,
    column: u32,
) {
    let heading = row.kind == RowKind::Heading;
    x.raw("<w:tr>");
    if heading {
        // An opener's row is short: never split it across pages (its
        // paragraphs keep with the next row too).
        x.raw("<w:trPr><w:cantSplit/></w:trPr>");
    }
    open_cell(x, ROW_COLUMN, heading.then_some("F2F2F2"));
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
    let id_style = RunStyle {
        grey: true,
        size: Some(14),
        ..RunStyle::default()
    };
    run(x, &row.id, id_style, false);
    x.raw("</w:p>");
    if let Some(conflict) = conflict {
        x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
        let mark = RunStyle {
            bold: true,
            size: Some(14),
            ..RunStyle::default()
        };
        run(x, "conflict: ", mark, false);
        let who = RunStyle {
            size: Some(14),
            ..RunStyle::default()
        };
        run(x, &conflict.proposers.join(", "), who, false);
        x.raw("</w:p>");
    }
    // What the input says about the row (a side-by-side table's comments),
    // under its name as the conflict is.
    for note in &row.notes {
        x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
        let style = RunStyle {
            italic: true,
            size: Some(14),
            ..RunStyle::default()
        };
        run(x, note, style, false);
        x.raw("</w:p>");
    }
    x.raw("</w:tc>");
    let cells = cells_by_version(synopsis, row);
    for (version, cell) in synopsis.versions.iter().zip(cells) {
        let fill = cell.and_then(|c| shading(c.status));
        open_cell(x, column, fill);
        x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/>");
        if heading {
            x.raw("<w:keepNext/>");
        }
        if cell.is_some_and(is_rtl) {
            x.raw("<w:bidi/>");
        }
        // A labelled paragraph hangs its label in the margin, as in ITU
        // texts: the tab after the label reaches the text's indent.
        if cell.is_some_and(|c| c.label.is_some() || c.former_label.is_some()) {
            x.raw("<w:ind w:left=\"397\" w:hanging=\"397\"/>");
        }
        x.raw("</w:pPr>");
        if let Some(cell) = cell {
            cell_content(x, ids, version, cell, heading);
        }
        x.raw("</w:p>");
        if let Some(moved) = cell.and_then(|c| c.moved.as_deref()) {
            let note = match cell.map(|c| c.status) {
                Some(Status::Deleted) => format!("moved to {moved}"),
                _ => format!("moved from {moved}"),
            };
            x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
            let style = RunStyle {
                italic: true,
                grey: true,
                ..RunStyle::default()
            };
            run(x, &note, style, false);
            x.raw("</w:p>");
        }
        x.raw("</w:tc>");
    }
    x.raw("</w:tr>");
}

/// True when the cell's text (or, for a deletion, what it deletes) reads
/// right to left.
pub(super) fn is_rtl(cell: &Cell) -> bool {
    let text: String = cell.ops.iter().map(|c| c.text.as_str()).collect();
    let text = if text.is_empty() {
        cell.text.as_str()
    } else {
        &text
    };
    synoptic_core::lang::direction(text) == synoptic_core::lang::Direction::Rtl
}

/// A cell's label and changes, each change a revision by the version,
/// authored by its label as the user gave it: one Word author per proposer,
/// even where the proposer's own tracked changes name someone else (the
/// label "afr" and the author "AFR" would be two people in Word's Review
/// pane).
pub(super) fn cell_content(
    x: &mut Xml,
    ids: &mut u32,
    version: &Version,
    cell: &Cell,
    heading: bool,
) {
    let author = version.label.as_str();
    let base = RunStyle {
        italic: heading,
        rtl: is_rtl(cell),
        ..RunStyle::default()
    };
    // The label goes with the paragraph: inserted with an added one,
    // deleted with a deleted one.
    let label_kind = match cell.status {
        Status::Added => ChangeKind::Insert,
        Status::Deleted => ChangeKind::Delete,
        _ => ChangeKind::Equal,
    };
    let label = cell.label.as_deref().filter(|l| !l.trim().is_empty());
    let former = cell
        .former_label
        .as_deref()
        .filter(|l| !l.trim().is_empty());
    match (former, label) {
        (Some(former), Some(label)) if former != label => {
            change_run(x, ids, ChangeKind::Delete, former, author, base);
            change_run(x, ids, ChangeKind::Insert, label, author, base);
            run(x, "\t", base, false);
        }
        (_, Some(label)) => {
            change_run(x, ids, label_kind, &format!("{label}\t"), author, base);
        }
        (Some(former), None) => {
            change_run(
                x,
                ids,
                ChangeKind::Delete,
                &format!("{former}\t"),
                author,
                base,
            );
        }
        (None, None) => {}
    }
    for op in display_ops(cell) {
        let style = RunStyle {
            highlight: is_unsure(&op),
            ..base
        };
        change_run(x, ids, op.kind, &op.text, author, style);
    }
}
