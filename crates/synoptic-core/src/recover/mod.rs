//! Recovering the proposers' changes from flattened tracked-change text.
//!
//! Text copied out of a Word document with tracked changes keeps both the
//! deleted and the inserted text, glued together: `(Rev. Busan, 2014Dubai,
//! 2018)` is "Busan, 2014" deleted and "Dubai, 2018" inserted; a label `bc)`
//! is `b)` re-lettered `c)`. This module infers, for one paragraph seen in
//! several versions, the base text and each version's insertions and
//! deletions, each with a confidence.
//!
//! The evidence, strongest first:
//!
//! 1. **Seams**: a word glued to the next where natural text never glues
//!    (a year followed by a capital, "2014Dubai"; two years, "20162022"; a
//!    lowercase letter followed by a capital, "HammametGeneva"; a word that
//!    only splits into two words the other versions write separately,
//!    "existsto"). The text before a seam was deleted and the text after it
//!    inserted; how far each reaches is read from their shape: "Busan, 2014"
//!    and "Dubai, 2018" are both *Word, Number*.
//! 2. **The other versions**: deleted text stays visible in a flattened
//!    cell, so the base is what every version shows; text that only some
//!    versions show is their insertion.
//!
//! Everything here is a pure function; [`recover_synopsis`] applies it to a
//! whole [`Synopsis`] built without a base from flattened documents.

use std::collections::{HashMap, HashSet};

use similar::{capture_diff_slices, Algorithm, DiffTag};

use crate::model::{Change, ChangeKind};
use crate::structure::{label_offset, label_readings, labels_follow, LabelStyle, ITU_OPENERS};
use crate::synopsis::{Role, Status, Synopsis};
use crate::text::Text;
use crate::tokens::normalize;

/// Confidence of a change read from a strong seam ("2014Dubai").
const CONF_SEAM: f32 = 0.9;
/// Confidence of a change read from a lowercase-to-capital seam
/// ("HammametGeneva"), which camel-case names can imitate.
const CONF_CASE_SEAM: f32 = 0.8;
/// Confidence of a seam found by splitting a word into two words the other
/// versions write apart ("existsto").
const CONF_VOCAB_SEAM: f32 = 0.75;
/// Confidence of a deletion next to an insertion that is glued to it but
/// whose extent the shapes do not tell: only the glued word is taken.
const CONF_GUESS: f32 = 0.5;
/// Confidence of an insertion only this version shows (three or more
/// versions compared).
const CONF_OWN_INSERT: f32 = 0.85;
/// Confidence of an insertion several but not all versions show.
const CONF_SHARED_INSERT: f32 = 0.8;
/// Confidence of an insertion when only two versions are compared: the other
/// may as well have been pasted without its changes.
const CONF_PAIR_INSERT: f32 = 0.65;
/// Confidence of a deletion of base text the version does not show at all:
/// flattened text keeps deletions, so its absence is odd evidence.
const CONF_MISSING: f32 = 0.4;
/// Confidence that a paragraph only a minority of versions has is their
/// insertion.
const CONF_NEW_PARAGRAPH: f32 = 0.8;
/// Same, when the paragraph shows seams, i.e. looks like amended base text
/// the row alignment may have failed to match.
const CONF_NEW_PARAGRAPH_SEAMED: f32 = 0.5;
/// Longest replacement (in atoms) the shape rule considers.
const MAX_SHAPE: usize = 16;

/// What recovery found for one row: the base text and each version's
/// changes.
#[derive(Debug, Clone, PartialEq)]
pub struct RowRecovery {
    /// The inferred base text; `None` when the paragraph is new (only a
    /// minority of the versions has it).
    pub base: Option<String>,
    /// One entry per input cell, in input order; `None` where the version
    /// lacks the paragraph.
    pub versions: Vec<Option<VersionRecovery>>,
}

/// One version's recovered changes to a row.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionRecovery {
    /// The version's text after its changes (what `equal` and `insert` spell).
    pub text: String,
    /// The changes against [`RowRecovery::base`]: `equal` and `delete` spell
    /// the base, `equal` and `insert` spell [`VersionRecovery::text`]. Every
    /// non-equal change carries a confidence.
    pub ops: Vec<Change>,
    /// `Added` without a base, `Deleted` when nothing of the base is left,
    /// `Modified` when some change is not minor, else `Unchanged`.
    pub status: Status,
}

/// A label recovered from its flattened form (`bc)` is `b)` re-lettered
/// `c)`).
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRecovery {
    /// The label before the proposer's change; `None` when unchanged.
    pub former: Option<String>,
    /// The label the version gives the paragraph now.
    pub current: Option<String>,
    /// How sure the reading is, from 0 to 1.
    pub confidence: f32,
}

mod atoms;
mod labels;
mod marks;
mod row;
#[cfg(test)]
mod tests;

pub use self::labels::{recover_label, recover_label_in_sequence};
pub use self::row::recover_row;

use self::atoms::*;
use self::marks::*;

/// Replaces the inferred base and every cell's changes of a synopsis that
/// [`crate::compare`] built without a base from flattened documents by the
/// recovered ones.
///
/// Per row: the base text (and the base column's cell) from
/// [`recover_row`]; per proposal cell: `text` the result of the proposer's
/// changes, `ops` the recovered changes, `label` the new label and
/// `former_label` the old one ([`recover_label_in_sequence`]). A cell is
/// `absent` where the version lacks the paragraph, `added` in a row without
/// base, `modified` with a change that is not minor, else `unchanged`.
/// Columns with no paragraph at all (an empty proposal) take no part.
pub fn recover_synopsis(synopsis: &mut Synopsis) {
    let columns = synopsis.versions.len();
    let base_column = synopsis.base_index();
    let ids: Vec<String> = synopsis.versions.iter().map(|v| v.id.clone()).collect();
    let position = |row: &crate::synopsis::Row, c: usize| -> Option<usize> {
        match row.cells.get(c) {
            Some(cell) if cell.version == ids[c] => Some(c),
            _ => row.cells.iter().position(|cell| cell.version == ids[c]),
        }
    };
    let holds = |cell: &crate::synopsis::Cell| {
        // compare marks a paragraph a version lacks as deleted, with no text.
        cell.status != Status::Absent && (cell.status != Status::Deleted || !cell.text.is_empty())
    };
    // Proposal columns that show something somewhere.
    let participants: Vec<usize> = (0..columns)
        .filter(|&c| synopsis.versions[c].role == Role::Proposal)
        .filter(|&c| {
            synopsis.rows.iter().any(|row| {
                position(row, c)
                    .is_some_and(|p| holds(&row.cells[p]) && !row.cells[p].text.trim().is_empty())
            })
        })
        .collect();
    let mut previous: HashMap<usize, (String, String)> = HashMap::new(); // column -> (section, label)

    for row in &mut synopsis.rows {
        let slots: Vec<Option<usize>> = participants.iter().map(|&c| position(row, c)).collect();
        let texts: Vec<Option<String>> = slots
            .iter()
            .map(|p| p.and_then(|p| holds(&row.cells[p]).then(|| row.cells[p].text.to_string())))
            .collect();
        let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
        let recovery = recover_row(&refs);

        // Labels, each read with the others' as evidence.
        let labels: Vec<Option<String>> = slots
            .iter()
            .zip(&texts)
            .map(|(p, t)| p.and_then(|p| t.as_ref().and(row.cells[p].label.clone())))
            .collect();
        let mut recovered_labels: Vec<Option<LabelRecovery>> = Vec::with_capacity(labels.len());
        for (k, label) in labels.iter().enumerate() {
            let Some(label) = label else {
                recovered_labels.push(None);
                continue;
            };
            let others: Vec<&str> = labels
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .filter_map(|(_, l)| l.as_deref())
                .collect();
            let prev = previous
                .get(&participants[k])
                .filter(|(section, _)| *section == row.section)
                .map(|(_, l)| l.as_str());
            let r = recover_label_in_sequence(label, &others, prev);
            if let Some(current) = &r.current {
                previous.insert(participants[k], (row.section.clone(), current.clone()));
            }
            recovered_labels.push(Some(r));
        }

        for (k, slot) in slots.iter().enumerate() {
            let Some(p) = *slot else { continue };
            let cell = &mut row.cells[p];
            cell.tracked = false;
            match &recovery.versions[k] {
                Some(v) => {
                    cell.text = Text::from(&v.text);
                    cell.ops = v.ops.clone();
                    cell.status = v.status;
                    if let Some(l) = &recovered_labels[k] {
                        cell.label = l.current.clone();
                        cell.former_label = l.former.clone();
                    }
                }
                None => {
                    cell.text = Text::default();
                    cell.ops.clear();
                    cell.status = Status::Absent;
                    cell.label = None;
                    cell.former_label = None;
                }
            }
        }

        // The row's label: the base's (what the versions had before their
        // changes), or for a new row what the proposals call it.
        let votes: Vec<String> = recovered_labels
            .iter()
            .flatten()
            .filter_map(|l| match recovery.base {
                Some(_) => l.former.clone().or_else(|| l.current.clone()),
                None => l.current.clone(),
            })
            .collect();
        if let Some(label) = most_common(&votes) {
            row.label = Some(label);
        }
        row.base_text = recovery.base.as_deref().map(Text::from);
        if let Some(b) = base_column {
            if let Some(p) = position(row, b) {
                let cell = &mut row.cells[p];
                cell.former_label = None;
                cell.tracked = false;
                match &row.base_text {
                    Some(text) => {
                        cell.status = Status::Unchanged;
                        cell.text = text.clone();
                        cell.ops = if text.is_empty() {
                            Vec::new()
                        } else {
                            vec![Change::equal(text.clone())]
                        };
                        cell.label = row.label.clone();
                    }
                    None => {
                        cell.status = Status::Absent;
                        cell.text = Text::default();
                        cell.ops.clear();
                        cell.label = None;
                    }
                }
            }
        }
    }
    // Ids and section slugs were made from the flattened text.
    crate::compare::assign_synopsis_ids(synopsis);
}

/// The most frequent string, the first seen on ties.
fn most_common(items: &[String]) -> Option<String> {
    let mut counts: Vec<(&String, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(x, _)| *x == item) {
            Some((_, c)) => *c += 1,
            None => counts.push((item, 1)),
        }
    }
    let best = counts.iter().map(|(_, c)| *c).max()?;
    counts
        .into_iter()
        .find(|(_, c)| *c == best)
        .map(|(s, _)| s.clone())
}
