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

use crate::diff::{for_reading, word_diff};
use crate::model::{original_of, Change, ChangeKind};
use crate::structure::{
    label_decoration, label_in_style, label_readings, LabelDecoration, LabelStyle,
};
use crate::synopsis::{Cell, Row, RowKind, Status, Synopsis};
use crate::tokens::{normalize, tokenize};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

mod decided;
mod labels;
mod merge;
mod rows;

use decided::*;
use labels::*;
use merge::*;
use rows::*;

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

/// Where proposals collide in one row: who, at how many places, and the
/// most alternatives at one place. What `stats` lists as a hot spot and
/// the synopsis writers mark on the row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RowConflict {
    /// The labels of the proposals whose changes collide, in column order.
    pub proposers: Vec<String>,
    /// The ids of those proposals' versions (`v1`, `v3`), in column order.
    pub versions: Vec<String>,
    /// Places in the row where they disagree.
    pub places: usize,
    /// The most alternatives at one place (the base included when offered).
    pub alternatives: usize,
}

impl DraftRow {
    /// The row's conflict, with the proposals behind it by label (`versions`
    /// left empty: a draft row does not know the version ids); `None` when
    /// the row holds none.
    pub fn conflict(&self, proposals: &[String]) -> Option<RowConflict> {
        let mut named: Vec<&str> = Vec::new();
        let mut places = 0;
        let mut alternatives = 0;
        for piece in &self.pieces {
            if let DraftPiece::Conflict {
                alternatives: alts, ..
            } = piece
            {
                places += 1;
                alternatives = alternatives.max(alts.len());
                for alt in alts.iter().filter(|a| a.kind != AlternativeKind::Base) {
                    named.extend(alt.proposers.iter().map(String::as_str));
                }
            }
        }
        if places == 0 {
            return None;
        }
        let mut proposers: Vec<String> = Vec::new();
        for p in proposals {
            if named.contains(&p.as_str()) && !proposers.contains(p) {
                proposers.push(p.clone());
            }
        }
        Some(RowConflict {
            proposers,
            versions: Vec::new(),
            places,
            alternatives,
        })
    }
}

/// For each row of the synopsis, in order, the conflict the automatic
/// consolidation leaves there ([`Outcome::Conflict`]), or `None`: the one
/// definition of a conflict that `consolidate`, `stats` and the synopsis
/// writers share.
///
/// Cheaper than a whole [`consolidate`]: a row fewer than two proposals
/// change cannot hold a conflict, so only the others are merged, and on
/// all threads for a large synopsis.
pub fn row_conflicts(synopsis: &Synopsis) -> Vec<Option<RowConflict>> {
    let proposals = synopsis.proposal_columns();
    let labels: Vec<String> = proposals
        .iter()
        .map(|&i| synopsis.versions[i].label.clone())
        .collect();
    crate::par::map(
        synopsis.base_text_len() >= crate::par::MIN_PARALLEL_BYTES,
        &synopsis.rows,
        |row| {
            let entries = entries(synopsis, row, &proposals);
            if entries.iter().filter(|e| e.status.is_change()).count() < 2 {
                return None;
            }
            let mut conflict = auto_row(row, &entries).conflict(&labels)?;
            conflict.versions = entries
                .iter()
                .filter(|e| conflict.proposers.iter().any(|p| p == e.label))
                .map(|e| synopsis.versions[proposals[e.column]].id.clone())
                .collect();
            Some(conflict)
        },
    )
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
    let proposals = synopsis.proposal_columns();
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

/// One proposal's edit: base bytes `start..end` replaced by `inserted`.
#[derive(Debug, Clone)]
struct Hunk {
    start: usize,
    end: usize,
    inserted: String,
    /// Index into the modifiers.
    who: usize,
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

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
pub(crate) mod tests;
