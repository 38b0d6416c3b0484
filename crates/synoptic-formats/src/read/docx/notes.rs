//! Footnotes and endnotes: read from their parts, and kept as the
//! paragraphs of a notes section at the end of the document, each labelled
//! by its mark (`[1]`, `[i]`), the mark staying in the referring
//! paragraph's text. Numbered by order of reference, so that the notes of
//! two versions align as their references do.

use std::collections::{HashMap, HashSet};

use synoptic_core::model::{original_of, result_of};
use synoptic_core::{Change, ChangeKind};

use super::numbering::format_number;
use super::revisions::trim_changes;
use super::walk::{push_change, NoteRef, Revision, Walker};
use super::xml::Element;
use super::TrackChanges;

/// The title of the section that holds the notes.
pub(super) const NOTES_TITLE: &str = "Notes";

/// How a document numbers its footnotes and endnotes (`w:numFmt` and
/// `w:numStart` of `w:footnotePr` and `w:endnotePr`): Word's defaults
/// are `1, 2, 3` and `i, ii, iii`; a document may ask for letters, roman
/// numerals or symbols (`*`, `†`), and the marks are what it shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct NoteNumbering {
    /// The format and first number of footnotes, then of endnotes.
    foot: (String, i64),
    end: (String, i64),
}

impl Default for NoteNumbering {
    fn default() -> Self {
        NoteNumbering {
            foot: ("decimal".into(), 1),
            end: ("lowerRoman".into(), 1),
        }
    }
}

impl NoteNumbering {
    /// The numbering the document's settings set, as its last section's
    /// properties (the body's `w:sectPr`) override it.
    pub(super) fn of(settings: Option<&Element>, body: Option<&Element>) -> Self {
        let mut out = NoteNumbering::default();
        let section = body.and_then(|b| b.child("sectPr"));
        for source in [settings, section].into_iter().flatten() {
            for (name, slot) in [("footnotePr", &mut out.foot), ("endnotePr", &mut out.end)] {
                let Some(pr) = source.child(name) else {
                    continue;
                };
                if let Some(format) = pr.child_val("numFmt") {
                    slot.0 = format.to_string();
                }
                if let Some(start) = pr.child_val("numStart").and_then(|v| v.parse().ok()) {
                    slot.1 = start;
                }
            }
        }
        out
    }

    /// The mark of the `n`th footnote (or endnote), as `[1]`, `[i]`, `[*]`.
    pub(super) fn mark(&self, foot: bool, n: u32) -> String {
        let (format, start) = if foot { &self.foot } else { &self.end };
        let number = start.saturating_add(i64::from(n)).saturating_sub(1);
        let shown = match format.as_str() {
            // Word's symbols, doubled and tripled as they run out.
            "chicago" => match u32::try_from(number).ok().filter(|&n| n > 0) {
                Some(n) => {
                    let symbol = ['*', '\u{2020}', '\u{2021}', '\u{A7}'][((n - 1) % 4) as usize];
                    std::iter::repeat_n(symbol, ((n - 1) / 4 + 1).min(10) as usize).collect()
                }
                None => number.to_string(),
            },
            other => format_number(number, other),
        };
        if shown.is_empty() {
            format!("[{n}]")
        } else {
            format!("[{shown}]")
        }
    }
}

/// The text of each footnote or endnote, by id, with its own tracked
/// changes: its paragraphs joined by a space.
pub(super) fn note_bodies(
    root: &Element,
    hidden_styles: &HashSet<String>,
) -> HashMap<String, Vec<Change>> {
    let mut out = HashMap::new();
    // One walker for all the notes: they are one story, as Word numbers
    // their fields.
    let mut walker = Walker {
        hidden_styles: hidden_styles.clone(),
        ..Walker::default()
    };
    for note in root.elements() {
        if note.attr("type").is_some_and(|t| t != "normal") {
            continue;
        }
        let Some(id) = note.attr("id") else {
            continue;
        };
        // A field left open in one note does not run on into the next.
        walker.fields.clear();
        walker.blocks(note, None);
        walker.finish();
        let mut body: Vec<Change> = Vec::new();
        for p in std::mem::take(&mut walker.paragraphs) {
            let Some(pieces) = trim_changes(&p.pieces) else {
                continue;
            };
            if pieces.is_empty() {
                continue;
            }
            if !body.is_empty() {
                push_change(&mut body, ChangeKind::Equal, " ", None);
            }
            for c in pieces {
                push_change(&mut body, c.kind, &c.text, c.author.as_deref());
            }
        }
        out.insert(id.to_string(), body);
    }
    out
}

/// A note's changes as the document shows them in a mode: a note whose
/// reference the proposer inserted (deleted) is inserted (deleted) whole.
/// `None` when the note is not there in that mode or is empty.
pub(super) fn note_changes(note: &NoteRef, mode: TrackChanges) -> Option<Vec<Change>> {
    let body: Vec<Change> = match &note.revision {
        Revision::None => note.body.clone(),
        Revision::Neither => return None,
        Revision::Change(kind, author) => {
            let mut out = Vec::new();
            for c in &note.body {
                if c.kind == *kind || c.kind == ChangeKind::Equal {
                    let by = c.author.as_deref().or(author.as_deref());
                    push_change(&mut out, *kind, &c.text, by);
                }
            }
            out
        }
    };
    let body = match mode {
        TrackChanges::All => body,
        TrackChanges::Accept => vec![Change::equal(result_of(&body))],
        TrackChanges::Reject => vec![Change::equal(original_of(&body))],
    };
    let body: Vec<Change> = body.into_iter().filter(|c| !c.text.is_empty()).collect();
    (!body.is_empty()).then_some(body)
}
