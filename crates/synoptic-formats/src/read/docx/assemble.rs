//! From the paragraphs read to the document, in the chosen mode.

use synoptic_core::model::{original_of, result_of};
use synoptic_core::{Change, ChangeKind, Document};

use super::numbering::{Counters, Numbering, LEVELS};
use super::revisions::{labelled, paragraph_of, trim_changes};
use super::styles::Styles;
use super::walk::{push_change, RawParagraph, Walker};
use super::{DocxOptions, TrackChanges};
use crate::read::text::{marker_line, Builder};

/// Numbering of one view (accepted or rejected) of the document: the label
/// of each paragraph that is in the view.
pub(super) fn number(
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
pub(super) fn list_of(
    p: &RawParagraph,
    styles: &Styles,
    numbering: &Numbering,
) -> Option<(String, usize)> {
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
pub(super) struct Ready<'p> {
    pub(super) raw: &'p RawParagraph,
    pub(super) changes: Vec<Change>,
    pub(super) label: Option<String>,
    pub(super) former_label: Option<String>,
}

/// Builds the document from the paragraphs read, in the chosen mode.
pub(super) fn assemble(
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
pub(super) fn note_mark(
    notes: &mut Vec<String>,
    p: &RawParagraph,
    kind: ChangeKind,
    author: Option<&str>,
) {
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
