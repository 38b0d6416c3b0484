//! Layout tables: a list laid out as a table, each row a label in one cell
//! and its text in the next (`(a)` | `that ports publish their fees;`), as
//! acts and converted documents often are. Read cell by cell, the label
//! would be a paragraph of its own and the text one without a label; the
//! two are read as the one labelled paragraph Word shows.

use synoptic_core::model::{original_of, result_of};
use synoptic_core::structure::split_label;
use synoptic_core::ChangeKind;

use super::assemble::Ready;
use super::walk::push_change;

/// Joins each label cell to the text in the next cell of its row.
pub(super) fn join_label_cells(ready: Vec<Ready<'_>>) -> Vec<Ready<'_>> {
    let mut out: Vec<Ready<'_>> = Vec::with_capacity(ready.len());
    let mut rest = ready.into_iter().peekable();
    while let Some(r) = rest.next() {
        let first_in_cell = out.last().is_none_or(|last| last.raw.cell != r.raw.cell);
        let joins = first_in_cell
            && is_label_cell(&r)
            && rest.peek().is_some_and(|next| {
                next_cell_in_row(r.raw.cell, next.raw.cell)
                    && next.label.is_none()
                    && !next.heading
                    && !text_of(next).is_empty()
            });
        if !joins {
            out.push(r);
            continue;
        }
        let Some(next) = rest.next() else {
            out.push(r);
            continue;
        };
        let changes = if r.label.is_some() {
            next.changes
        } else {
            let mut joined = r.changes;
            push_change(&mut joined, ChangeKind::Equal, "\t", None);
            for c in &next.changes {
                push_change(&mut joined, c.kind, &c.text, c.author.as_deref());
            }
            joined
        };
        out.push(Ready {
            raw: next.raw,
            changes,
            label: r.label,
            former_label: r.former_label.or(next.former_label),
            heading: false,
        });
    }
    out
}

/// True when a paragraph, the first of its table cell, holds a label and
/// nothing else: numbering without text, or a typed label alone.
fn is_label_cell(r: &Ready<'_>) -> bool {
    if r.raw.cell.is_none() || r.heading {
        return false;
    }
    let text = text_of(r);
    match &r.label {
        Some(_) => text.is_empty(),
        None => is_lone_label(&text),
    }
}

/// True for a cell in the same row, further right.
fn next_cell_in_row(cell: Option<(usize, usize)>, next: Option<(usize, usize)>) -> bool {
    matches!((cell, next), (Some((row, col)), Some((next_row, next_col))) if row == next_row && next_col > col)
}

/// The text a paragraph shows, or had when all of it is deleted.
fn text_of(r: &Ready<'_>) -> String {
    let new = result_of(&r.changes);
    let text = if new.trim().is_empty() {
        original_of(&r.changes)
    } else {
        new
    };
    text.trim().to_string()
}

/// True for a label standing alone (`(a)`, `1.`, `iv)`, `12`): what the
/// text reader would split off if text followed it after a tab.
fn is_lone_label(text: &str) -> bool {
    !text.is_empty()
        && text.chars().count() <= 12
        && !text.contains(char::is_whitespace)
        && split_label(&format!("{text}\tx"))
            .is_some_and(|(label, rest)| label == text && rest == "x")
}
