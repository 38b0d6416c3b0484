//! Consolidation: one draft from a synopsis, merging what nobody disputes
//! and bracketing what proposals disagree on.
//!
//! Row by row:
//!
//! - nobody changes the row: the base text ([`Outcome::Base`]);
//! - one proposal changes it, or all that change it end with the same text
//!   (compared by normalised key, so case or quote style alone does not
//!   split a consensus): that change, attributed ([`Outcome::Consensus`]);
//!   a row deleted by every proposal that touches it is a consensus
//!   deletion;
//! - several proposals edit different words: every edit is applied, each
//!   attributed ([`Outcome::Merged`]) — an N-way merge of the proposals'
//!   word-level edits against the base;
//! - edits that overlap and differ, a row deleted by some and modified by
//!   others, or different additions grouped in one row: a conflict
//!   ([`Outcome::Conflict`]) whose alternatives stand at the smallest span
//!   that holds the disagreement.
//!
//! Two edits conflict when their base spans overlap, when both insert at the
//! same point, or when one inserts strictly inside the other's span. Edits
//! that merely touch (one ends where the other starts) are both applied, in
//! base order: the result is well defined, and bracketing every pair of
//! neighbouring words would drown the real disagreements.
//!
//! **The base as an alternative.** A conflict offers the base text of its
//! span as the first alternative when the span has base text and some
//! proposal that has the row leaves that span as it is (it is unchanged, or
//! changes the row elsewhere). That is what an editor writes when part of
//! the room supports the existing text: `[base: 12 | AFR: 21 | CEPT: 15]`.
//! When every proposal present changes the span, the base is no option
//! anyone supports and is left out; for competing insertions (no base text)
//! "insert nothing" is implied and not written.
//!
//! A chair's [`Decisions`] then override rows: accept one proposal's
//! version, keep the base, confirm the automatic merge, or write the text.
//! A decision carries a [`DraftRow::fingerprint`] of the row it was taken
//! on; a decision whose row vanished, whose proposal is gone or whose row
//! changed since is not applied and is reported in [`Draft::stale`].

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

use crate::diff::{for_reading, word_diff};
use crate::model::{original_of, Change, ChangeKind};
use crate::structure::{
    label_decoration, label_in_style, label_readings, LabelDecoration, LabelStyle,
};
use crate::synopsis::{Cell, Role, Row, RowKind, Status, Synopsis};
use crate::tokens::{normalize, tokenize};

/// A consolidated draft: one row per synopsis row, in document order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Draft {
    /// The labels of the proposals consolidated, in column order.
    pub proposals: Vec<String>,
    /// True when the base was inferred from the proposals.
    #[serde(default)]
    pub base_inferred: bool,
    /// The rows in document order.
    pub rows: Vec<DraftRow>,
    /// Decisions that no longer fit and were not applied.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stale: Vec<StaleDecision>,
}

/// How a row of the draft came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    /// No proposal changes the row: the base text.
    Base,
    /// One proposal changes the row, or all that change it agree.
    Consensus,
    /// Several proposals' non-overlapping edits, all applied.
    Merged,
    /// Proposals disagree: the row holds bracketed alternatives.
    Conflict,
    /// The chair's decision settled the row.
    Decided,
}

impl Outcome {
    /// The lowercase name used in JSON and in the writers.
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Base => "base",
            Outcome::Consensus => "consensus",
            Outcome::Merged => "merged",
            Outcome::Conflict => "conflict",
            Outcome::Decided => "decided",
        }
    }
}

/// One row of the draft.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftRow {
    /// The synopsis row's id (`considering/b`), the key of decisions.
    pub id: String,
    /// The id of the section the row belongs to.
    pub section: String,
    /// The section's opener as shown.
    #[serde(default)]
    pub section_title: String,
    /// Whether the row is a section opener or a paragraph.
    #[serde(default)]
    pub kind: RowKind,
    /// The row's label in the draft (`b)`): the base's, or the proposals'
    /// for a new row, re-lettered in sequence where rows were added or
    /// deleted before it.
    pub label: Option<String>,
    /// The base's label when re-lettering changed it (`b)` for a `c)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former_label: Option<String>,
    /// How the row came about.
    pub outcome: Outcome,
    /// The row's text in pieces: kept base text, attributed changes and
    /// conflicts. Empty when the row has no text in the draft (deleted, or
    /// an addition nobody made).
    pub pieces: Vec<DraftPiece>,
    /// A short fingerprint of what the proposals do to the row, stored with
    /// decisions so that a later change to the row is noticed.
    pub fingerprint: String,
    /// The decision applied to the row, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<Choice>,
}

/// A piece of a draft row's text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum DraftPiece {
    /// Base text nobody changes.
    Kept {
        /// The text.
        text: String,
    },
    /// A change against the base that nobody contests.
    Change {
        /// The base text removed (empty for a pure insertion).
        deleted: String,
        /// The text put in its place (empty for a pure deletion).
        inserted: String,
        /// Who proposes the change (empty for a chair's own text).
        proposers: Vec<String>,
    },
    /// Proposals disagree on this span: the alternatives, to be settled.
    Conflict {
        /// The base text of the span (empty where proposals insert).
        base: String,
        /// The alternatives, the base first when offered.
        alternatives: Vec<Alternative>,
    },
}

/// One alternative of a conflict.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alternative {
    /// Whether this is the base text, a proposed text, or a deletion.
    pub kind: AlternativeKind,
    /// The text of the alternative (empty for a deletion).
    pub text: String,
    /// The proposals behind it; for the base, those that keep it.
    pub proposers: Vec<String>,
}

/// What an [`Alternative`] stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AlternativeKind {
    /// The base text, which some proposals keep.
    Base,
    /// A text one or more proposals put there.
    Proposed,
    /// Deleting the row, as some proposals do.
    Deletion,
}

impl DraftRow {
    /// True when the row still holds a conflict.
    pub fn has_conflict(&self) -> bool {
        self.pieces
            .iter()
            .any(|p| matches!(p, DraftPiece::Conflict { .. }))
    }

    /// The row's resulting text, every change applied; `None` while the row
    /// holds a conflict. An empty string means the row has no text (it is
    /// deleted).
    pub fn text(&self) -> Option<String> {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                DraftPiece::Kept { text } => out.push_str(text),
                DraftPiece::Change { inserted, .. } => out.push_str(inserted),
                DraftPiece::Conflict { .. } => return None,
            }
        }
        Some(out)
    }

    /// The base text of the row as the pieces spell it.
    pub fn base_text(&self) -> String {
        let mut out = String::new();
        for piece in &self.pieces {
            match piece {
                DraftPiece::Kept { text } => out.push_str(text),
                DraftPiece::Change { deleted, .. } => out.push_str(deleted),
                DraftPiece::Conflict { base, .. } => out.push_str(base),
            }
        }
        out
    }
}

impl Draft {
    /// Number of rows that still hold a conflict.
    pub fn conflict_count(&self) -> usize {
        self.rows.iter().filter(|r| r.has_conflict()).count()
    }

    /// Number of rows with each outcome, in the order base, consensus,
    /// merged, conflict, decided.
    pub fn outcome_counts(&self) -> [(Outcome, usize); 5] {
        let all = [
            Outcome::Base,
            Outcome::Consensus,
            Outcome::Merged,
            Outcome::Conflict,
            Outcome::Decided,
        ];
        all.map(|o| (o, self.rows.iter().filter(|r| r.outcome == o).count()))
    }
}

/// The chair's decisions, keyed by row id. Plain data: reading and writing
/// the file is the formats crate's business.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decisions {
    /// One decision per row id.
    pub rows: BTreeMap<String, RowDecision>,
}

/// What the chair decided for one row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowDecision {
    /// The decision; `None` for a row listed but not decided yet.
    pub choice: Option<Choice>,
    /// The [`DraftRow::fingerprint`] of the row when it was decided.
    pub fingerprint: Option<String>,
    /// A note for the record, not used by the consolidation.
    pub note: Option<String>,
}

/// A decision on one row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Choice {
    /// Take this proposal's version of the row (by its label).
    Accept(String),
    /// Keep the base text.
    Base,
    /// Confirm the automatic merge (only fits a row without conflict).
    Merge,
    /// The chair's own text for the row.
    Text(String),
}

/// A decision that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StaleDecision {
    /// The row id the decision is keyed by.
    pub row: String,
    /// Why it no longer fits.
    pub reason: StaleReason,
}

/// Why a decision no longer fits the draft.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum StaleReason {
    /// No row has this id any more.
    RowVanished,
    /// The accepted proposal is not among the proposals.
    ProposalAbsent {
        /// The label the decision names.
        proposal: String,
    },
    /// What the proposals do to the row changed since the decision.
    RowChanged {
        /// The fingerprint stored with the decision.
        decided: String,
        /// The row's fingerprint now.
        now: String,
    },
    /// `merge` was decided but the automatic merge leaves a conflict.
    MergeLeavesConflict,
}

impl fmt::Display for StaleDecision {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "decision for row {}: ", self.row)?;
        match &self.reason {
            StaleReason::RowVanished => write!(f, "no such row any more; not applied"),
            StaleReason::ProposalAbsent { proposal } => {
                write!(f, "no proposal named {proposal:?}; not applied")
            }
            StaleReason::RowChanged { decided, now } => write!(
                f,
                "the row changed since the decision (fingerprint {decided}, now {now}); not applied"
            ),
            StaleReason::MergeLeavesConflict => {
                write!(f, "`merge` cannot settle a conflict; the alternatives stay")
            }
        }
    }
}

/// Consolidates a synopsis into a draft, applying the chair's decisions
/// when given. Never fails: decisions that do not fit are reported in
/// [`Draft::stale`] and left unapplied.
pub fn consolidate(synopsis: &Synopsis, decisions: Option<&Decisions>) -> Draft {
    let proposals: Vec<usize> = synopsis
        .versions
        .iter()
        .enumerate()
        .filter(|(_, v)| v.role == Role::Proposal)
        .map(|(i, _)| i)
        .collect();
    let mut draft = Draft {
        proposals: proposals
            .iter()
            .map(|&i| synopsis.versions[i].label.clone())
            .collect(),
        base_inferred: synopsis.base_inferred,
        rows: Vec::with_capacity(synopsis.rows.len()),
        stale: Vec::new(),
    };
    let mut entries_by_row = Vec::with_capacity(synopsis.rows.len());
    for row in &synopsis.rows {
        let entries = entries(synopsis, row, &proposals);
        draft.rows.push(auto_row(row, &entries));
        entries_by_row.push(entries);
    }
    if let Some(decisions) = decisions {
        apply_decisions(&mut draft, &synopsis.rows, &entries_by_row, decisions);
    }
    relabel(&mut draft.rows);
    draft
}

/// One proposal's cell in a row, with its label.
#[derive(Debug, Clone)]
struct Entry<'a> {
    /// The proposal's position among the proposals, for ordering labels.
    column: usize,
    label: &'a str,
    status: Status,
    cell: Option<&'a Cell>,
}

impl Entry<'_> {
    fn text(&self) -> &str {
        self.cell.map_or("", |c| c.text.as_str())
    }

    /// The row's text as this proposal leaves it, for telling alike
    /// changes: deleted rows have none.
    fn outcome_key(&self) -> (Status, String) {
        match self.status {
            Status::Deleted | Status::Absent => (self.status, String::new()),
            s => (s, normalize(self.text())),
        }
    }
}

fn entries<'a>(synopsis: &'a Synopsis, row: &'a Row, proposals: &[usize]) -> Vec<Entry<'a>> {
    proposals
        .iter()
        .enumerate()
        .map(|(column, &i)| {
            let version = &synopsis.versions[i];
            // Cells should sit in column order; look them up by id when not.
            let cell = match row.cells.get(i) {
                Some(c) if c.version == version.id => Some(c),
                _ => row.cells.iter().find(|c| c.version == version.id),
            };
            Entry {
                column,
                label: version.label.as_str(),
                status: cell.map_or(Status::Absent, |c| c.status),
                cell,
            }
        })
        .collect()
}

fn auto_row(row: &Row, entries: &[Entry<'_>]) -> DraftRow {
    let changers: Vec<&Entry<'_>> = entries.iter().filter(|e| e.status.is_change()).collect();
    let pieces = match row.base_text.as_deref() {
        _ if changers.is_empty() => kept(row.base_text.as_deref().unwrap_or("")),
        None => added_row(&changers),
        Some(base) => changed_row(base, entries),
    };
    let outcome = if changers.is_empty() {
        Outcome::Base
    } else if pieces
        .iter()
        .any(|p| matches!(p, DraftPiece::Conflict { .. }))
    {
        Outcome::Conflict
    } else {
        let first = changers[0].outcome_key();
        if changers.iter().all(|e| e.outcome_key() == first) {
            Outcome::Consensus
        } else {
            Outcome::Merged
        }
    };
    DraftRow {
        id: row.id.clone(),
        section: row.section.clone(),
        section_title: row.section_title.clone(),
        kind: row.kind,
        label: row.label.clone(),
        former_label: None,
        outcome,
        pieces,
        fingerprint: fingerprint(row.base_text.as_deref(), &changers),
        decision: None,
    }
}

fn kept(text: &str) -> Vec<DraftPiece> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![DraftPiece::Kept { text: text.into() }]
    }
}

/// The labels of entries gathered from several lists, in column order.
fn labels_in_column_order(mut some: Vec<&Entry<'_>>) -> Vec<String> {
    some.sort_by_key(|e| e.column);
    labels(some)
}

/// Labels in the order given, without repeats.
fn labels<'a>(entries: impl IntoIterator<Item = &'a Entry<'a>>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in entries {
        if !out.iter().any(|l| l == e.label) {
            out.push(e.label.to_string());
        }
    }
    out
}

/// Groups texts by normalised key, keeping the first text of each group and
/// the groups in order of first appearance.
fn group_texts(items: Vec<(String, String)>) -> Vec<(String, Vec<String>)> {
    let mut groups: Vec<(String, String, Vec<String>)> = Vec::new();
    for (label, text) in items {
        let key = normalize(&text);
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, who)) => who.push(label),
            None => groups.push((key, text, vec![label])),
        }
    }
    groups
        .into_iter()
        .map(|(_, text, who)| (text, who))
        .collect()
}

/// A row the base does not have: the proposals' additions.
fn added_row(adders: &[&Entry<'_>]) -> Vec<DraftPiece> {
    let groups = group_texts(
        adders
            .iter()
            .map(|e| (e.label.to_string(), e.text().to_string()))
            .collect(),
    );
    match groups.as_slice() {
        [] => Vec::new(),
        [(text, who)] => insertion(text, who.clone()),
        _ => narrowed_conflict(
            "",
            groups
                .into_iter()
                .map(|(text, proposers)| Alternative {
                    kind: AlternativeKind::Proposed,
                    text,
                    proposers,
                })
                .collect(),
            labels(adders.iter().copied()),
        ),
    }
}

fn insertion(text: &str, proposers: Vec<String>) -> Vec<DraftPiece> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![DraftPiece::Change {
            deleted: String::new(),
            inserted: text.into(),
            proposers,
        }]
    }
}

/// A row the base has, which some proposals change.
fn changed_row(base: &str, entries: &[Entry<'_>]) -> Vec<DraftPiece> {
    let deleters: Vec<&Entry<'_>> = entries
        .iter()
        .filter(|e| e.status == Status::Deleted)
        .collect();
    let modifiers: Vec<&Entry<'_>> = entries
        .iter()
        .filter(|e| matches!(e.status, Status::Modified | Status::Added))
        .collect();
    let keepers: Vec<&Entry<'_>> = entries
        .iter()
        .filter(|e| e.status == Status::Unchanged)
        .collect();
    if modifiers.is_empty() {
        // Deleted by every proposal that touches it.
        return vec![DraftPiece::Change {
            deleted: base.into(),
            inserted: String::new(),
            proposers: labels(deleters),
        }];
    }
    if !deleters.is_empty() {
        // A deletion spans the whole paragraph, so the disagreement does too.
        let mut alternatives = Vec::new();
        if !keepers.is_empty() && !base.is_empty() {
            alternatives.push(Alternative {
                kind: AlternativeKind::Base,
                text: base.into(),
                proposers: labels(keepers),
            });
        }
        for (text, proposers) in group_texts(
            modifiers
                .iter()
                .map(|e| (e.label.to_string(), e.text().to_string()))
                .collect(),
        ) {
            alternatives.push(Alternative {
                kind: AlternativeKind::Proposed,
                text,
                proposers,
            });
        }
        alternatives.push(Alternative {
            kind: AlternativeKind::Deletion,
            text: String::new(),
            proposers: labels(deleters),
        });
        return vec![DraftPiece::Conflict {
            base: base.into(),
            alternatives,
        }];
    }
    merge_edits(base, &modifiers, &keepers)
}

/// One proposal's edit: base bytes `start..end` replaced by `inserted`.
#[derive(Debug, Clone)]
struct Hunk {
    start: usize,
    end: usize,
    inserted: String,
    /// Index into the modifiers.
    who: usize,
}

/// The edits a cell makes to the base, in base byte offsets. The cell's ops
/// are used when they spell the base (the proposer's own tracked changes
/// are kept that way); otherwise the texts are compared afresh.
fn hunks_of(base: &str, text: &str, ops: &[Change], who: usize) -> Vec<Hunk> {
    // Edits are merged and bracketed as phrases, the way a reader takes
    // them in, not word by word.
    let ops = if original_of(ops) == base {
        for_reading(ops)
    } else {
        for_reading(&word_diff(base, text))
    };
    let mut hunks = Vec::new();
    let mut pos = 0usize;
    let mut current: Option<Hunk> = None;
    for op in &ops {
        match op.kind {
            ChangeKind::Equal => {
                hunks.extend(current.take());
                pos += op.text.len();
            }
            ChangeKind::Delete => {
                let h = current.get_or_insert_with(|| Hunk {
                    start: pos,
                    end: pos,
                    inserted: String::new(),
                    who,
                });
                pos += op.text.len();
                h.end = pos;
            }
            ChangeKind::Insert => {
                current
                    .get_or_insert_with(|| Hunk {
                        start: pos,
                        end: pos,
                        inserted: String::new(),
                        who,
                    })
                    .inserted
                    .push_str(&op.text);
            }
        }
    }
    hunks.extend(current);
    // Guard against offsets that do not fall on character boundaries (they
    // cannot when the ops spell the base, but a panic is never an option).
    hunks.retain(|h| {
        h.start <= h.end
            && h.end <= base.len()
            && base.is_char_boundary(h.start)
            && base.is_char_boundary(h.end)
    });
    hunks
}

/// True when two edits cannot both be applied without choosing.
///
/// Spans that overlap only in white space, one of them a pure deletion, do
/// not clash: two proposals deleting neighbouring words each take one of
/// the spaces between them along, and the union of the deletions is what
/// both mean.
fn clash(base: &str, a: &Hunk, b: &Hunk) -> bool {
    let a_point = a.start == a.end;
    let b_point = b.start == b.end;
    match (a_point, b_point) {
        (true, true) => a.start == b.start,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (false, false) => {
            if !(a.start < b.end && b.start < a.end) {
                return false;
            }
            let overlap = base
                .get(a.start.max(b.start)..a.end.min(b.end))
                .unwrap_or("x");
            let blank = overlap.chars().all(char::is_whitespace);
            let deletion = a.inserted.is_empty() || b.inserted.is_empty();
            // Identical edits are one edit made twice: cluster them.
            let same = a.start == b.start && a.end == b.end;
            same || !(blank && deletion)
        }
    }
}

/// Slides pure deletions that overlap another edit only in white space to
/// an equivalent place where they no longer overlap.
///
/// Deleting a word takes one of the spaces around it along, and which one
/// the word diff picks is arbitrary; when two proposals delete neighbouring
/// words and both took the space between them, the union of the deletions
/// would leave a stray space. Deleting `base[s..e]` is the same edit as
/// deleting `base[s+k..e+k]` when `base[s..s+k] == base[e..e+k]`, so the later
/// deletion slides right, or else the earlier one left, past the overlap.
fn settle_blank_overlaps(base: &str, hunks: &mut [Hunk]) {
    let slid = |h: &Hunk, by: isize| -> Option<(usize, usize)> {
        let k = by.unsigned_abs();
        let (from, to) = if by > 0 {
            (base.get(h.start..h.start + k)?, base.get(h.end..h.end + k)?)
        } else {
            (
                base.get(h.end.checked_sub(k)?..h.end)?,
                base.get(h.start.checked_sub(k)?..h.start)?,
            )
        };
        (from == to).then(|| {
            if by > 0 {
                (h.start + k, h.end + k)
            } else {
                (h.start - k, h.end - k)
            }
        })
    };
    // A few passes: a slide can meet the next edit, rarely more.
    for _ in 0..3 {
        let mut moved = false;
        for i in 0..hunks.len().saturating_sub(1) {
            let (a, b) = (&hunks[i], &hunks[i + 1]);
            let (lo, hi) = (a.start.max(b.start), a.end.min(b.end));
            if lo >= hi || a.start == a.end || b.start == b.end {
                continue;
            }
            let Some(overlap) = base.get(lo..hi) else {
                continue;
            };
            if !overlap.chars().all(char::is_whitespace) || (a.start, a.end) == (b.start, b.end) {
                continue;
            }
            let k = (hi - lo) as isize;
            if b.inserted.is_empty() {
                if let Some((s, e)) = slid(b, k) {
                    hunks[i + 1].start = s;
                    hunks[i + 1].end = e;
                    moved = true;
                    continue;
                }
            }
            if a.inserted.is_empty() {
                if let Some((s, e)) = slid(a, -k) {
                    hunks[i].start = s;
                    hunks[i].end = e;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
        hunks.sort_by_key(|h| (h.start, h.end, h.who));
    }
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The N-way merge of several proposals' edits of one base paragraph.
fn merge_edits(base: &str, modifiers: &[&Entry<'_>], keepers: &[&Entry<'_>]) -> Vec<DraftPiece> {
    let mut hunks: Vec<Hunk> = Vec::new();
    for (who, e) in modifiers.iter().enumerate() {
        let ops = e.cell.map_or(&[][..], |c| c.ops.as_slice());
        hunks.extend(hunks_of(base, e.text(), ops, who));
    }
    hunks.sort_by_key(|h| (h.start, h.end, h.who));
    settle_blank_overlaps(base, &mut hunks);

    // Clusters of clashing edits (union-find over the sorted edits: an edit
    // can only clash with later ones that start before it ends).
    let mut parent: Vec<usize> = (0..hunks.len()).collect();
    for i in 0..hunks.len() {
        for j in i + 1..hunks.len() {
            if hunks[j].start > hunks[i].end {
                break;
            }
            if clash(base, &hunks[i], &hunks[j]) {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri != rj {
                    parent[rj] = ri;
                }
            }
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..hunks.len() {
        let root = find(&mut parent, i);
        clusters.entry(root).or_default().push(i);
    }
    let mut spans: Vec<(usize, usize, Vec<usize>)> = clusters
        .into_values()
        .map(|members| {
            let start = members.iter().map(|&i| hunks[i].start).min().unwrap_or(0);
            let end = members.iter().map(|&i| hunks[i].end).max().unwrap_or(0);
            (start, end, members)
        })
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));

    let mut pieces = Vec::new();
    let mut pos = 0usize;
    for (start, end, members) in spans {
        // A cluster may begin inside white space the previous one already
        // deleted (see `clash`): what is left of it starts where that ended.
        let start = start.max(pos);
        let end = end.max(start);
        for &i in &members {
            let h = &mut hunks[i];
            h.start = h.start.max(start);
            h.end = h.end.max(h.start);
        }
        push_kept(&mut pieces, &base[pos..start]);
        let span = &base[start..end];
        // Each proposal's version of the span, for those that edit it.
        let mut versions: Vec<(usize, String)> = Vec::new();
        for &i in &members {
            let h = &hunks[i];
            if !versions.iter().any(|(w, _)| *w == h.who) {
                versions.push((
                    h.who,
                    apply_in_span(base, start, end, &hunks, &members, h.who),
                ));
            }
        }
        versions.sort_by_key(|(w, _)| *w);
        let editors: Vec<&Entry<'_>> = versions.iter().map(|(w, _)| modifiers[*w]).collect();
        let groups = group_texts(
            versions
                .iter()
                .map(|(w, t)| (modifiers[*w].label.to_string(), t.clone()))
                .collect(),
        );
        if let [(text, proposers)] = groups.as_slice() {
            pieces.extend(diff_pieces(span, text, proposers));
        } else {
            let mut alternatives = Vec::new();
            // Those who have the row and leave this span as in the base.
            let base_keepers: Vec<&Entry<'_>> = keepers
                .iter()
                .copied()
                .chain(
                    modifiers
                        .iter()
                        .enumerate()
                        .filter(|(w, _)| !versions.iter().any(|(v, _)| v == w))
                        .map(|(_, e)| *e),
                )
                .collect();
            if !span.is_empty() && !base_keepers.is_empty() {
                alternatives.push(Alternative {
                    kind: AlternativeKind::Base,
                    text: span.into(),
                    proposers: labels_in_column_order(base_keepers),
                });
            }
            alternatives.extend(groups.into_iter().map(|(text, proposers)| Alternative {
                kind: AlternativeKind::Proposed,
                text,
                proposers,
            }));
            pieces.extend(narrowed_conflict(span, alternatives, labels(editors)));
        }
        pos = end;
    }
    push_kept(&mut pieces, &base[pos.min(base.len())..]);
    merge_adjacent(pieces)
}

/// The base span `start..end` with proposal `who`'s edits of the cluster
/// applied.
fn apply_in_span(
    base: &str,
    start: usize,
    end: usize,
    hunks: &[Hunk],
    members: &[usize],
    who: usize,
) -> String {
    let mut out = String::new();
    let mut pos = start;
    for &i in members {
        let h = &hunks[i];
        if h.who != who || h.start < pos {
            continue;
        }
        out.push_str(&base[pos..h.start]);
        out.push_str(&h.inserted);
        pos = h.end;
    }
    out.push_str(&base[pos.min(end)..end]);
    out
}

fn push_kept(pieces: &mut Vec<DraftPiece>, text: &str) {
    if !text.is_empty() {
        pieces.push(DraftPiece::Kept { text: text.into() });
    }
}

/// The pieces turning `old` into `new`, its changes attributed.
fn diff_pieces(old: &str, new: &str, proposers: &[String]) -> Vec<DraftPiece> {
    changes_to_pieces(&for_reading(&word_diff(old, new)), proposers)
}

fn changes_to_pieces(changes: &[Change], proposers: &[String]) -> Vec<DraftPiece> {
    let mut pieces = Vec::new();
    for c in changes {
        match c.kind {
            ChangeKind::Equal => push_kept(&mut pieces, &c.text),
            ChangeKind::Delete | ChangeKind::Insert => {
                if let Some(DraftPiece::Change {
                    deleted, inserted, ..
                }) = pieces.last_mut()
                {
                    if c.kind == ChangeKind::Delete {
                        deleted.push_str(&c.text);
                    } else {
                        inserted.push_str(&c.text);
                    }
                    continue;
                }
                let (deleted, inserted) = if c.kind == ChangeKind::Delete {
                    (c.text.to_string(), String::new())
                } else {
                    (String::new(), c.text.to_string())
                };
                pieces.push(DraftPiece::Change {
                    deleted,
                    inserted,
                    proposers: proposers.to_vec(),
                });
            }
        }
    }
    pieces
}

/// Joins neighbouring kept pieces.
fn merge_adjacent(pieces: Vec<DraftPiece>) -> Vec<DraftPiece> {
    let mut out: Vec<DraftPiece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if let (Some(DraftPiece::Kept { text: last }), DraftPiece::Kept { text }) =
            (out.last_mut(), &piece)
        {
            last.push_str(text);
            continue;
        }
        out.push(piece);
    }
    out
}

/// A conflict over `span`, narrowed to the smallest stretch that holds the
/// disagreement: whole tokens every alternative (and the base span) share
/// at either end are moved out of the brackets. Where the span has base
/// text the shared ends are base text; where it has none (competing
/// insertions) they are an insertion every editor makes.
fn narrowed_conflict(
    span: &str,
    alternatives: Vec<Alternative>,
    editors: Vec<String>,
) -> Vec<DraftPiece> {
    let mut texts: Vec<&str> = alternatives.iter().map(|a| a.text.as_str()).collect();
    if !span.is_empty() {
        texts.push(span);
    }
    let (prefix, suffix) = common_ends(&texts);
    let middle = |t: &str| -> String {
        let end = t.len().saturating_sub(suffix);
        t.get(prefix..end).unwrap_or("").to_string()
    };
    // The shared ends, taken from the base span, or from the first
    // alternative where there is no base text.
    let source = if span.is_empty() {
        alternatives.first().map_or("", |a| a.text.as_str())
    } else {
        span
    };
    let head = source.get(..prefix).unwrap_or("").to_string();
    let tail = source
        .get(source.len().saturating_sub(suffix)..)
        .unwrap_or("")
        .to_string();
    let mut pieces = Vec::new();
    let ends = |text: &str, pieces: &mut Vec<DraftPiece>| {
        if span.is_empty() {
            pieces.extend(insertion(text, editors.clone()));
        } else {
            push_kept(pieces, text);
        }
    };
    ends(&head, &mut pieces);
    pieces.push(DraftPiece::Conflict {
        base: middle(span),
        alternatives: alternatives
            .into_iter()
            .map(|a| Alternative {
                text: if a.kind == AlternativeKind::Deletion {
                    a.text
                } else {
                    middle(&a.text)
                },
                ..a
            })
            .collect(),
    });
    ends(&tail, &mut pieces);
    pieces
}

/// The byte lengths of the longest run of whole tokens every text starts
/// with and ends with, not overlapping in the shortest text.
fn common_ends(texts: &[&str]) -> (usize, usize) {
    let tokens: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| tokenize(t).into_iter().map(|tk| tk.text).collect())
        .collect();
    let Some(shortest) = tokens.iter().map(Vec::len).min() else {
        return (0, 0);
    };
    let Some(first) = tokens.first() else {
        return (0, 0);
    };
    let mut p = 0;
    while p < shortest && tokens.iter().all(|t| t[p] == first[p]) {
        p += 1;
    }
    let mut s = 0;
    while s < shortest - p
        && tokens
            .iter()
            .all(|t| t[t.len() - 1 - s] == first[first.len() - 1 - s])
    {
        s += 1;
    }
    let prefix: usize = first[..p].iter().map(|t| t.len()).sum();
    let suffix: usize = first[first.len() - s..].iter().map(|t| t.len()).sum();
    (prefix, suffix)
}

/// FNV-1a over what the proposals do to the row, folded to 8 hex digits:
/// the base text, then each changing proposal's label, status and text in
/// label order. Proposals that leave the row alone do not enter it, so
/// adding a proposal that does not touch a row keeps its decisions valid.
fn fingerprint(base: Option<&str>, changers: &[&Entry<'_>]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut feed = |text: &str| {
        for b in text.bytes().chain([0u8]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    };
    feed(base.unwrap_or("\u{1}"));
    let mut parts: Vec<(&str, &str, &str)> = changers
        .iter()
        .map(|e| (e.label, e.status.as_str(), e.text()))
        .collect();
    parts.sort_unstable();
    for (label, status, text) in parts {
        feed(label);
        feed(status);
        feed(text);
    }
    format!("{:08x}", (hash ^ (hash >> 32)) as u32)
}

fn apply_decisions(
    draft: &mut Draft,
    rows: &[Row],
    entries_by_row: &[Vec<Entry<'_>>],
    decisions: &Decisions,
) {
    let mut stale: Vec<(usize, StaleDecision)> = Vec::new();
    for (id, decision) in &decisions.rows {
        let Some(choice) = &decision.choice else {
            continue;
        };
        let mut report = |at: usize, reason: StaleReason| {
            stale.push((
                at,
                StaleDecision {
                    row: id.clone(),
                    reason,
                },
            ));
        };
        let Some(index) = draft.rows.iter().position(|r| &r.id == id) else {
            report(usize::MAX, StaleReason::RowVanished);
            continue;
        };
        let (Some(row), Some(entries)) = (rows.get(index), entries_by_row.get(index)) else {
            report(usize::MAX, StaleReason::RowVanished);
            continue;
        };
        let draft_row = &mut draft.rows[index];
        if let Some(decided) = &decision.fingerprint {
            if decided.trim() != draft_row.fingerprint {
                report(
                    index,
                    StaleReason::RowChanged {
                        decided: decided.clone(),
                        now: draft_row.fingerprint.clone(),
                    },
                );
                continue;
            }
        }
        let base = row.base_text.as_deref();
        match choice {
            Choice::Accept(name) => {
                let Some(entry) = find_entry(entries, name) else {
                    report(
                        index,
                        StaleReason::ProposalAbsent {
                            proposal: name.clone(),
                        },
                    );
                    continue;
                };
                draft_row.pieces = accepted_pieces(base, entry);
            }
            Choice::Base => draft_row.pieces = kept(base.unwrap_or("")),
            Choice::Merge => {
                if draft_row.has_conflict() {
                    report(index, StaleReason::MergeLeavesConflict);
                    continue;
                }
            }
            Choice::Text(text) => {
                draft_row.pieces = match base {
                    Some(b) => diff_pieces(b, text, &[]),
                    None => insertion(text, Vec::new()),
                };
            }
        }
        draft_row.outcome = Outcome::Decided;
        draft_row.decision = Some(choice.clone());
    }
    stale.sort_by(|a, b| (a.0, &a.1.row).cmp(&(b.0, &b.1.row)));
    draft.stale = stale.into_iter().map(|(_, s)| s).collect();
}

/// A label read as a place in a list: its numbering style and decoration
/// (which together make a level: `a)` and `(a)` are different lists), its
/// value, and the label as written, to renumber it in the same dress.
#[derive(Debug, Clone, PartialEq, Eq)]
struct LabelShape {
    style: LabelStyle,
    decoration: LabelDecoration,
    value: usize,
    written: String,
}

impl LabelShape {
    fn same_level(&self, other: &LabelShape) -> bool {
        self.style == other.style && self.decoration == other.decoration
    }

    fn with_value(&self, value: usize) -> Option<String> {
        label_in_style(&self.written, self.style, u32::try_from(value).ok()?)
    }
}

/// How `label` counts, in any script the structure module reads (`b)`,
/// `iv)`, `б)`, `(ب`, `（二）`). A label with two readings (`i)`, a letter
/// or a numeral) takes the one that continues an open level, else the one
/// that matches an open level, else the likelier. Bullets and labels
/// without an order have no shape.
fn label_shape(label: &str, levels: &[LabelShape]) -> Option<LabelShape> {
    let decoration = label_decoration(label);
    let shapes: Vec<LabelShape> = label_readings(label)
        .into_iter()
        .filter(|r| !matches!(r.style, LabelStyle::Bullet | LabelStyle::Other) && r.value > 0)
        .map(|r| LabelShape {
            style: r.style,
            decoration,
            value: r.value as usize,
            written: label.to_string(),
        })
        .collect();
    let continues = |s: &&LabelShape| {
        levels
            .iter()
            .any(|l| l.same_level(s) && l.value + 1 == s.value)
    };
    let open = |s: &&LabelShape| levels.iter().any(|l| l.same_level(s));
    shapes
        .iter()
        .find(continues)
        .or_else(|| shapes.iter().find(open))
        .or(shapes.first())
        .cloned()
}

/// Re-letters and renumbers the paragraphs of each section in sequence, as
/// an editor does when a paragraph is added or deleted before others:
/// `b)` becomes `c)` after an added `a)`. Each kind of label (`a)`, `1`,
/// `i)`) is a level; a label of an outer level closes the inner ones, so
/// sub-items restart under each item. The first label of a level keeps its
/// value (a text may start at `5`); rows without text in the draft
/// (deleted) keep their label and hand their number to the next row; labels that are not numbers,
/// letters or roman numerals (bullets) are left alone.
fn relabel(rows: &mut [DraftRow]) {
    let mut levels: Vec<LabelShape> = Vec::new();
    let mut section: Option<String> = None;
    for row in rows.iter_mut() {
        if section.as_deref() != Some(row.section.as_str()) {
            section = Some(row.section.clone());
            levels.clear();
        }
        let present = !row.pieces.is_empty() && row.text().as_deref() != Some("");
        if row.kind != RowKind::Paragraph {
            continue;
        }
        let Some(label) = row.label.clone() else {
            continue;
        };
        let Some(shape) = label_shape(&label, &levels) else {
            continue;
        };
        if !present {
            // A deleted row still opens or closes levels, and hands its
            // number on: the next row at its level takes it.
            match levels.iter().position(|l| l.same_level(&shape)) {
                Some(level) => levels.truncate(level + 1),
                None => levels.push(LabelShape {
                    value: shape.value.saturating_sub(1),
                    ..shape
                }),
            }
            continue;
        }
        let value = match levels.iter().position(|l| l.same_level(&shape)) {
            Some(level) => {
                levels.truncate(level + 1);
                levels[level].value + 1
            }
            None => shape.value,
        };
        let Some(new_label) = shape.with_value(value) else {
            continue;
        };
        match levels.iter_mut().find(|l| l.same_level(&shape)) {
            Some(level) => level.value = value,
            None => levels.push(LabelShape { value, ..shape }),
        }
        if new_label != label {
            row.former_label = Some(label);
            row.label = Some(new_label);
        }
    }
}

/// The entry of the proposal a decision names: by exact label, else by a
/// case-insensitive match when exactly one proposal matches so.
fn find_entry<'e, 'a>(entries: &'e [Entry<'a>], name: &str) -> Option<&'e Entry<'a>> {
    let name = name.trim();
    if let Some(e) = entries.iter().find(|e| e.label == name) {
        return Some(e);
    }
    let mut folded = entries
        .iter()
        .filter(|e| e.label.to_lowercase() == name.to_lowercase());
    match (folded.next(), folded.next()) {
        (Some(e), None) => Some(e),
        _ => None,
    }
}

/// The row as one proposal has it, attributed to that proposal.
fn accepted_pieces(base: Option<&str>, entry: &Entry<'_>) -> Vec<DraftPiece> {
    let who = vec![entry.label.to_string()];
    match (entry.status, base) {
        (Status::Absent, _) => Vec::new(),
        (Status::Deleted, Some(b)) => vec![DraftPiece::Change {
            deleted: b.into(),
            inserted: String::new(),
            proposers: who,
        }],
        (Status::Deleted, None) => Vec::new(),
        (Status::Unchanged, Some(b)) => kept(b),
        (_, None) => insertion(entry.text(), who),
        (_, Some(b)) => {
            let ops = entry.cell.map_or(&[][..], |c| c.ops.as_slice());
            if original_of(ops) == b && crate::model::result_of(ops) == entry.text() {
                merge_adjacent(changes_to_pieces(&for_reading(ops), &who))
            } else {
                diff_pieces(b, entry.text(), &who)
            }
        }
    }
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
pub(crate) mod tests;
