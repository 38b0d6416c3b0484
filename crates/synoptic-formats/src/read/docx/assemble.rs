//! From the paragraphs read to the document, in the chosen mode.

use synoptic_core::model::{original_of, result_of};
use synoptic_core::{Change, ChangeKind, Document, Paragraph};

use super::layout::join_label_cells;
use super::notes::{note_changes, NOTES_TITLE};
use super::numbering::{Counters, Numbering, LEVELS};
use super::revisions::{
    label_words_into_text, labelled, paragraph_of, split_heading_body, trim_changes,
};
use super::styles::Styles;
use super::walk::{push_change, AuthorStats, NoteRef, RawParagraph, Walker};
use super::{DocxOptions, TrackChanges};
use crate::read::text::{marker_line, Builder};

/// Numbering of one view (accepted or rejected) of the document: the label
/// of each paragraph that is in the view.
pub(super) fn number(
    paragraphs: &[RawParagraph],
    styles: &Styles,
    numbering: &Numbering,
    in_view: fn(&RawParagraph) -> bool,
    rejected: bool,
) -> Vec<Option<String>> {
    let mut counters = Counters::default();
    paragraphs
        .iter()
        .map(|p| {
            if !in_view(p) {
                return None;
            }
            let list = match (&p.former_list, rejected) {
                (Some(former), true) => list_of(
                    former.style.as_deref(),
                    former.num_id.as_deref(),
                    former.ilvl,
                    styles,
                    numbering,
                ),
                _ => list_of(
                    p.style.as_deref(),
                    p.num_id.as_deref(),
                    p.ilvl,
                    styles,
                    numbering,
                ),
            };
            let (num_id, ilvl) = list?;
            counters.next(numbering, &num_id, ilvl)
        })
        .collect()
}

/// The list and level a paragraph is numbered with: its own `w:numPr`, else
/// its style's (or a style it is based on), with the level a list ties to
/// the style when neither names one.
pub(super) fn list_of(
    style: Option<&str>,
    num_id: Option<&str>,
    ilvl: Option<usize>,
    styles: &Styles,
    numbering: &Numbering,
) -> Option<(String, usize)> {
    let chain = styles.chain(style);
    let style_num = chain.iter().find(|(_, s)| s.num_id.is_some());
    let num_id = num_id
        .map(str::to_string)
        .or_else(|| style_num.and_then(|(_, s)| s.num_id.clone()))?;
    if num_id == "0" || !numbering.nums.contains_key(&num_id) {
        return None;
    }
    let ilvl = ilvl
        .or_else(|| style_num.and_then(|(_, s)| s.ilvl))
        .or_else(|| {
            let style = style?;
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
    /// True when the paragraph is known to open a section whatever its
    /// text says (a heading row of a synopsis table).
    pub(super) heading: bool,
}

/// How the paragraphs of a view are cut and what changes they keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Mode {
    /// As [`TrackChanges`] says.
    Track(TrackChanges),
    /// The proposer's changes against the text with every change rejected,
    /// paragraph for paragraph: an inserted paragraph mark is an inserted
    /// line break inside the paragraph it splits; a deleted one moves the
    /// next paragraph's text into this one (inserted here, deleted there).
    Proposal,
}

/// The labels automatic numbering gives each paragraph, accepted and
/// rejected.
pub(super) struct Labels {
    pub(super) result: Vec<Option<String>>,
    pub(super) original: Vec<Option<String>>,
}

impl Labels {
    /// Numbers the paragraphs in document order, in both views.
    pub(super) fn of(paragraphs: &[RawParagraph], styles: &Styles, numbering: &Numbering) -> Self {
        Labels {
            result: number(
                paragraphs,
                styles,
                numbering,
                RawParagraph::in_result,
                false,
            ),
            original: number(
                paragraphs,
                styles,
                numbering,
                RawParagraph::in_original,
                true,
            ),
        }
    }

    fn result(&self, i: usize) -> Option<String> {
        self.result.get(i).cloned().flatten()
    }

    fn original(&self, i: usize) -> Option<String> {
        self.original.get(i).cloned().flatten()
    }

    /// The label and former label a paragraph with its changes shows.
    fn tracked(&self, i: usize, p: &RawParagraph) -> (Option<String>, Option<String>) {
        // A paragraph with no text on either side (a number alone, such
        // as `Article 3` above its caption) is not deleted.
        let deleted_whole = p.in_original()
            && result_of(&p.pieces).trim().is_empty()
            && !original_of(&p.pieces).trim().is_empty();
        if !p.in_result() || deleted_whole {
            (self.original(i).or(self.result(i)), None)
        } else {
            let result = self.result(i);
            let former = self.original(i).filter(|o| Some(o) != result.as_ref());
            (result, former.filter(|_| p.in_original()))
        }
    }
}

/// Some paragraphs made ready in one mode, with the notes they refer to
/// and what the reader should be told about their paragraph marks.
#[derive(Default)]
pub(super) struct Prepared<'p> {
    pub(super) ready: Vec<Ready<'p>>,
    pub(super) notes: Vec<&'p NoteRef>,
    pub(super) remarks: Vec<String>,
}

impl<'p> Prepared<'p> {
    /// Adds what another group of paragraphs prepared.
    pub(super) fn extend(&mut self, other: Prepared<'p>) {
        self.ready.extend(other.ready);
        self.notes.extend(other.notes);
        self.remarks.extend(other.remarks);
    }
}

/// True when a paragraph's mark goes with the paragraph as a whole (all its
/// text inserted or deleted with it, or no text at all): no split or join.
fn mark_is_whole(p: &RawParagraph, kind: ChangeKind) -> bool {
    let whole = !p.pieces.is_empty() && p.pieces.iter().all(|c| c.kind == kind);
    let empty = result_of(&p.pieces).trim().is_empty() && original_of(&p.pieces).trim().is_empty();
    whole || empty
}

/// True when all of a paragraph's text is inserted: typed after the one
/// before it when that one's mark is inserted.
fn is_new(p: &RawParagraph) -> bool {
    !p.pieces.is_empty() && p.pieces.iter().all(|c| c.kind == ChangeKind::Insert)
}

/// Makes the paragraphs at `indices` (in order) ready in a mode.
pub(super) fn prepare<'p>(
    paragraphs: &'p [RawParagraph],
    indices: &[usize],
    labels: &Labels,
    mode: Mode,
) -> Prepared<'p> {
    let mut out = Prepared::default();
    for &i in indices {
        if let Some(p) = paragraphs.get(i) {
            out.notes.extend(p.notes.iter());
        }
    }
    match mode {
        Mode::Track(TrackChanges::All) => {
            for (k, &i) in indices.iter().enumerate() {
                let Some(p) = paragraphs.get(i) else { continue };
                let next = indices.get(k + 1).and_then(|&j| paragraphs.get(j));
                match &p.mark {
                    // A paragraph typed after this one: an insertion, not a split.
                    Some((ChangeKind::Insert, _)) if next.is_some_and(is_new) => {}
                    Some((kind, author)) => {
                        note_mark(&mut out.remarks, p, *kind, author.as_deref())
                    }
                    None => {}
                }
            }
            // Split paragraphs stay apart, as the proposal has them; joined
            // ones are one, as the proposal has them too.
            prepare_proposal(paragraphs, indices, labels, &mut out, false);
        }
        Mode::Track(mode) => {
            let accept = mode == TrackChanges::Accept;
            // Text carried into the next paragraph whose mark the mode removed.
            let mut carry: Vec<Change> = Vec::new();
            for (k, &i) in indices.iter().enumerate() {
                let Some(p) = paragraphs.get(i) else { continue };
                let side = if accept {
                    result_of(&p.pieces)
                } else {
                    original_of(&p.pieces)
                };
                push_change(&mut carry, ChangeKind::Equal, &side, None);
                // Text never runs on into another table cell, or between
                // the body and a table: a removed mark there keeps its
                // paragraph.
                let next_cell = indices
                    .get(k + 1)
                    .and_then(|&j| paragraphs.get(j))
                    .map(RawParagraph::place);
                let kept = if accept {
                    p.in_result()
                } else {
                    p.in_original()
                } || next_cell.is_some_and(|place| place != p.place());
                if kept {
                    out.ready.push(Ready {
                        raw: p,
                        changes: std::mem::take(&mut carry),
                        label: if accept {
                            labels.result(i)
                        } else {
                            labels.original(i)
                        },
                        former_label: None,
                        heading: false,
                    });
                }
            }
            if !carry.is_empty() {
                // The last paragraph's mark joined it to nothing: keep its text.
                if let Some(last) = indices.last().and_then(|&i| paragraphs.get(i)) {
                    out.ready.push(Ready {
                        raw: last,
                        changes: carry,
                        label: None,
                        former_label: None,
                        heading: false,
                    });
                }
            }
        }
        Mode::Proposal => prepare_proposal(paragraphs, indices, labels, &mut out, true),
    }
    out
}

/// [`Mode::Proposal`]: paragraphs cut as in the text with every change
/// rejected, each with the proposer's changes against it. With
/// `split_inline` false (for [`TrackChanges::All`]), a paragraph split by
/// an inserted mark stays two paragraphs; a deleted mark joins its
/// paragraph to the next either way: the proposal's text is the two
/// joined, and the row of the one absorbed is deleted.
fn prepare_proposal<'p>(
    paragraphs: &'p [RawParagraph],
    indices: &[usize],
    labels: &Labels,
    out: &mut Prepared<'p>,
    split_inline: bool,
) {
    let present: Vec<(usize, &RawParagraph)> = indices
        .iter()
        .filter_map(|&i| paragraphs.get(i).map(|p| (i, p)))
        .collect();
    // Text never runs on into another table cell or text box, nor between
    // the body and a table: whether the paragraph at `k` exists and stands
    // where the one before it does.
    let same_cell = |k: usize| {
        k > 0
            && present
                .get(k)
                .zip(present.get(k - 1))
                .is_some_and(|((_, q), (_, p))| q.place() == p.place())
    };
    // The paragraph an inserted mark split off continues the one before it.
    let mut carry: Option<(Vec<Change>, Option<String>, Option<String>)> = None;
    let mut k = 0;
    while k < present.len() {
        let (i, p) = present[k];
        let has_next = k + 1 < present.len();
        let (mut label, mut former_label) = labels.tracked(i, p);
        let mut changes = Vec::new();
        if let Some((carried, l, f)) = carry.take() {
            changes = carried;
            label = l;
            former_label = f;
        }
        for c in &p.pieces {
            push_change(&mut changes, c.kind, &c.text, c.author.as_deref());
        }
        // Word marks a paragraph typed after this one by inserting this
        // one's mark: the next paragraph, inserted whole, is an added one,
        // not a split.
        let next_is_new = present.get(k + 1).is_some_and(|&(_, q)| is_new(q));
        match &p.mark {
            Some((ChangeKind::Insert, author))
                if split_inline
                    && has_next
                    && !next_is_new
                    && !mark_is_whole(p, ChangeKind::Insert) =>
            {
                push_change(&mut changes, ChangeKind::Insert, "\n", author.as_deref());
                carry = Some((changes, label, former_label));
                k += 1;
                continue;
            }
            Some((ChangeKind::Delete, author))
                if same_cell(k + 1) && !mark_is_whole(p, ChangeKind::Delete) =>
            {
                // The next paragraphs join this one: their text is inserted
                // here and deleted where it was.
                let mut absorbed: Vec<(usize, &RawParagraph)> = Vec::new();
                let mut j = k + 1;
                while let Some(&(qi, q)) = present.get(j) {
                    push_change(
                        &mut changes,
                        ChangeKind::Insert,
                        &result_of(&q.pieces),
                        author.as_deref(),
                    );
                    absorbed.push((qi, q));
                    let joins_on = matches!(&q.mark, Some((ChangeKind::Delete, _)))
                        && !mark_is_whole(q, ChangeKind::Delete)
                        && same_cell(j + 1);
                    j += 1;
                    if !joins_on {
                        break;
                    }
                }
                out.ready.push(Ready {
                    raw: p,
                    changes,
                    label,
                    former_label,
                    heading: false,
                });
                for (qi, q) in absorbed {
                    let mut gone = Vec::new();
                    push_change(
                        &mut gone,
                        ChangeKind::Delete,
                        &original_of(&q.pieces),
                        author.as_deref(),
                    );
                    out.ready.push(Ready {
                        raw: q,
                        changes: gone,
                        label: labels.original(qi),
                        former_label: None,
                        heading: false,
                    });
                }
                k = j;
                continue;
            }
            _ => {}
        }
        out.ready.push(Ready {
            raw: p,
            changes,
            label,
            former_label,
            heading: false,
        });
        k += 1;
    }
    if let Some((changes, label, former_label)) = carry {
        if let Some(&(_, last)) = present.last() {
            out.ready.push(Ready {
                raw: last,
                changes,
                label,
                former_label,
                heading: false,
            });
        }
    }
}

/// Builds the document from the paragraphs read, in the chosen mode.
pub(super) fn assemble(
    walker: Walker,
    styles: &Styles,
    numbering: &Numbering,
    options: &DocxOptions,
) -> Document {
    let labels = Labels::of(&walker.paragraphs, styles, numbering);
    let indices: Vec<usize> = (0..walker.paragraphs.len()).collect();
    let prepared = prepare(
        &walker.paragraphs,
        &indices,
        &labels,
        Mode::Track(options.track_changes),
    );
    build(
        prepared,
        &walker.authors,
        styles,
        options,
        options.track_changes,
    )
}

/// Builds a document from prepared paragraphs: markers to metadata,
/// openers to sections, the notes as a last section, and a note per
/// author of tracked changes. `notes_mode` says how notes show their
/// changes.
pub(super) fn build(
    prepared: Prepared<'_>,
    authors: &std::collections::BTreeMap<String, AuthorStats>,
    styles: &Styles,
    options: &DocxOptions,
    notes_mode: TrackChanges,
) -> Document {
    let mut builder = Builder::default();
    let mut marker_seen = false;
    for mut r in join_label_cells(prepared.ready) {
        // With changes accepted or rejected, every paragraph read is on
        // the one side there is.
        let tracked = notes_mode == TrackChanges::All;
        (r.changes, r.label, r.former_label) = label_words_into_text(
            std::mem::take(&mut r.changes),
            r.label.take(),
            r.former_label.take(),
            !tracked || r.raw.in_result(),
            !tracked || r.raw.in_original(),
        );
        let Some(changes) = trim_changes(&r.changes) else {
            continue;
        };
        if changes.is_empty() {
            continue;
        }
        let new_text = result_of(&changes);
        let probe_is_result = !new_text.trim().is_empty();
        let probe = if probe_is_result {
            new_text
        } else {
            original_of(&changes)
        };
        let style = r.raw.style.as_deref();
        let style_name = styles
            .chain(style)
            .first()
            .map(|(_, s)| s.name.clone())
            .unwrap_or_default();
        if r.label.is_none() && !r.heading {
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
        // A paragraph made a heading (or no longer one) by a tracked change
        // of its properties changed its formatting, not its text: unless
        // changes are accepted, it keeps the place it had, so that no
        // section opens (or closes) and its rows stay unchanged.
        let (outline_level, heading_style) = match &r.raw.former_list {
            Some(former) if notes_mode != TrackChanges::Accept => {
                (former.outline_level, former.style.as_deref())
            }
            _ => (r.raw.outline_level, style),
        };
        let heading = r.heading
            || match outline_level {
                Some(level) => level < 9,
                None => styles.is_heading(heading_style),
            };
        let opener = if heading {
            Some(options.openers.match_opener(&probe))
        } else {
            options.openers.match_opener(&probe).map(Some)
        };
        // A legislative heading running on into its section's first
        // paragraph ("Section 1. Short title. This Act ...", or a run-in
        // heading before a style separator) opens the section with the
        // heading alone, as the text reader reads the same line.
        let body = opener
            .as_ref()
            .and_then(|m| m.as_ref())
            .filter(|m| {
                m.label.is_none() && r.label.is_none() && r.former_label.is_none() && !r.heading
            })
            .and_then(|m| m.body.as_deref())
            .and_then(|body| split_heading_body(&changes, &probe, body, probe_is_result));
        if let Some((heading, body)) = body {
            builder.opener(paragraph_of(heading, None, None));
            builder.push(labelled(body, r.raw.cell.is_some()));
            continue;
        }
        match opener {
            Some(m) => {
                let split_typed = m.as_ref().is_some_and(|m| m.label.is_some()) || r.heading;
                let paragraph = if r.label.is_some() || r.former_label.is_some() || !split_typed {
                    paragraph_of(changes, r.label, r.former_label)
                } else {
                    labelled(changes, r.raw.cell.is_some())
                };
                builder.opener(paragraph);
            }
            None => {
                let paragraph = if r.label.is_some() || r.former_label.is_some() {
                    paragraph_of(changes, r.label, r.former_label)
                } else {
                    labelled(changes, r.raw.cell.is_some())
                };
                builder.push(paragraph);
            }
        }
    }
    let mut opened = false;
    for note in &prepared.notes {
        let Some(changes) = note_changes(note, notes_mode).and_then(|c| trim_changes(&c)) else {
            continue;
        };
        if changes.is_empty() {
            continue;
        }
        if !opened {
            builder.opener(Paragraph::new(NOTES_TITLE));
            opened = true;
        }
        builder.push(paragraph_of(changes, Some(note.mark.clone()), None));
    }
    for remark in prepared.remarks {
        builder.note(remark);
    }
    let verb = match notes_mode {
        TrackChanges::All => "tracked changes",
        TrackChanges::Accept => "accepted tracked changes",
        TrackChanges::Reject => "rejected tracked changes",
    };
    for (author, stats) in authors {
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
