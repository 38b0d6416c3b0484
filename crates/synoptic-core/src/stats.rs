//! Statistics of a synopsis: what each proposal changes, which proposals
//! agree with which, and where they collide.
//!
//! Every figure is a count, so [`Stats`] is `Eq` and can ride along in
//! writer options. Conflicts are those of the automatic consolidation
//! ([`crate::consolidate::consolidate`] without decisions, as
//! [`row_conflicts`] gives them): the rows the meeting will have to settle.

use serde::{Deserialize, Serialize};

use crate::consolidate::row_conflicts;
use crate::model::ChangeKind;
use crate::synopsis::{Status, Synopsis};
use crate::tokens::{normalize, tokenize, TokenKind};

/// The figures of a synopsis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    /// Number of rows (headings and paragraphs).
    pub rows: usize,
    /// Rows some proposal changes.
    pub changed_rows: usize,
    /// Rows where proposals conflict.
    pub conflict_rows: usize,
    /// Per proposal, in column order.
    pub proposals: Vec<ProposalStats>,
    /// Per pair of proposals (first before second in column order).
    pub pairs: Vec<PairStats>,
    /// The conflicting rows, the most contested first.
    pub hot_spots: Vec<HotSpot>,
    /// Per section, in document order.
    pub sections: Vec<SectionStats>,
}

/// What one proposal changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProposalStats {
    /// The proposal's label.
    pub label: String,
    /// Rows whose base text it modifies.
    pub rows_modified: usize,
    /// Rows it adds.
    pub rows_added: usize,
    /// Rows it deletes.
    pub rows_deleted: usize,
    /// Of its deleted and added rows, the paragraphs it moved (counted once
    /// per move).
    pub rows_moved: usize,
    /// Words in the text it inserts.
    pub words_inserted: usize,
    /// Words in the text it deletes.
    pub words_deleted: usize,
}

/// How two proposals relate.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PairStats {
    /// The first proposal's label.
    pub first: String,
    /// The second proposal's label.
    pub second: String,
    /// Rows both change.
    pub both_touch: usize,
    /// Of those, rows where both end with the same text (or both delete).
    pub same_change: usize,
}

/// A row where proposals conflict.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HotSpot {
    /// The row id.
    pub row: String,
    /// The row's section id.
    pub section: String,
    /// The row's label.
    pub label: Option<String>,
    /// The proposals whose changes conflict there, in column order.
    pub proposers: Vec<String>,
    /// Places in the row where they disagree.
    pub places: usize,
    /// The most alternatives at one place (the base included when offered).
    pub alternatives: usize,
}

/// The figures of one section, for a heat strip.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionStats {
    /// The section id.
    pub section: String,
    /// The section's title as shown.
    pub title: String,
    /// The id of its first row, to link to.
    pub first_row: String,
    /// Rows in the section.
    pub rows: usize,
    /// Rows some proposal changes.
    pub changed_rows: usize,
    /// Rows where proposals conflict.
    pub conflict_rows: usize,
}

/// Computes the statistics of a synopsis.
pub fn stats(synopsis: &Synopsis) -> Stats {
    let conflicts = row_conflicts(synopsis);
    let columns = synopsis.proposal_columns();
    let mut proposals: Vec<ProposalStats> = columns
        .iter()
        .map(|&c| ProposalStats {
            label: synopsis.versions[c].label.clone(),
            ..ProposalStats::default()
        })
        .collect();
    let mut pairs: Vec<PairStats> = Vec::new();
    for (i, a) in proposals.iter().enumerate() {
        for b in &proposals[i + 1..] {
            pairs.push(PairStats {
                first: a.label.clone(),
                second: b.label.clone(),
                ..PairStats::default()
            });
        }
    }
    let mut sections: Vec<SectionStats> = Vec::new();

    for (r, row) in synopsis.rows.iter().enumerate() {
        // Each proposal's cell in this row, by version id when misplaced.
        let cells: Vec<Option<&crate::synopsis::Cell>> = columns
            .iter()
            .map(|&c| {
                let id = &synopsis.versions[c].id;
                match row.cells.get(c) {
                    Some(cell) if &cell.version == id => Some(cell),
                    _ => row.cells.iter().find(|cell| &cell.version == id),
                }
            })
            .collect();
        for (p, cell) in proposals.iter_mut().zip(&cells) {
            let Some(cell) = cell else { continue };
            match cell.status {
                Status::Modified => p.rows_modified += 1,
                Status::Added => {
                    p.rows_added += 1;
                    if cell.moved.is_some() {
                        p.rows_moved += 1;
                    }
                }
                Status::Deleted => p.rows_deleted += 1,
                Status::Unchanged | Status::Absent => continue,
            }
            // Only what changes is counted: kept text is not tokenised.
            for op in &cell.ops {
                match op.kind {
                    ChangeKind::Insert => p.words_inserted += word_count(&op.text),
                    ChangeKind::Delete => p.words_deleted += word_count(&op.text),
                    ChangeKind::Equal => {}
                }
            }
        }
        let outcome_of = |i: usize| -> Option<(Status, String)> {
            let cell = cells.get(i).copied().flatten()?;
            match cell.status {
                Status::Deleted => Some((Status::Deleted, String::new())),
                s if s.is_change() => Some((s, normalize(&cell.text))),
                _ => None,
            }
        };
        // Each proposal's outcome once, then compared pair by pair.
        let outcomes: Vec<Option<(Status, String)>> = (0..columns.len()).map(outcome_of).collect();
        let mut k = 0;
        for i in 0..columns.len() {
            for j in i + 1..columns.len() {
                if let (Some(a), Some(b)) = (&outcomes[i], &outcomes[j]) {
                    if let Some(pair) = pairs.get_mut(k) {
                        pair.both_touch += 1;
                        if a == b {
                            pair.same_change += 1;
                        }
                    }
                }
                k += 1;
            }
        }

        let changed = Synopsis::row_is_changed(row);
        let conflict = conflicts.get(r).is_some_and(Option::is_some);
        match sections.last_mut() {
            Some(s) if s.section == row.section => {
                s.rows += 1;
                s.changed_rows += usize::from(changed);
                s.conflict_rows += usize::from(conflict);
            }
            _ => sections.push(SectionStats {
                section: row.section.clone(),
                title: if row.section_title.trim().is_empty() {
                    row.section.clone()
                } else {
                    row.section_title.clone()
                },
                first_row: row.id.clone(),
                rows: 1,
                changed_rows: usize::from(changed),
                conflict_rows: usize::from(conflict),
            }),
        }
    }

    let mut hot_spots: Vec<(usize, HotSpot)> = Vec::new();
    for (r, (row, conflict)) in synopsis.rows.iter().zip(&conflicts).enumerate() {
        let Some(conflict) = conflict else { continue };
        hot_spots.push((
            r,
            HotSpot {
                row: row.id.clone(),
                section: row.section.clone(),
                label: row.label.clone(),
                proposers: conflict.proposers.clone(),
                places: conflict.places,
                alternatives: conflict.alternatives,
            },
        ));
    }
    hot_spots.sort_by(|(ra, a), (rb, b)| {
        b.proposers
            .len()
            .cmp(&a.proposers.len())
            .then(b.alternatives.cmp(&a.alternatives))
            .then(b.places.cmp(&a.places))
            .then(ra.cmp(rb))
    });

    Stats {
        rows: synopsis.rows.len(),
        changed_rows: synopsis.changed_row_count(),
        conflict_rows: conflicts.iter().flatten().count(),
        proposals,
        pairs,
        hot_spots: hot_spots.into_iter().map(|(_, h)| h).collect(),
        sections,
    }
}

fn word_count(text: &str) -> usize {
    tokenize(text)
        .iter()
        .filter(|t| t.kind == TokenKind::Word)
        .count()
}

impl Stats {
    /// The pair figures of two proposals, in either order.
    pub fn pair(&self, a: &str, b: &str) -> Option<&PairStats> {
        self.pairs
            .iter()
            .find(|p| (p.first == a && p.second == b) || (p.first == b && p.second == a))
    }
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::consolidate::tests::{row, synopsis, C};

    #[test]
    fn counts_per_proposal_pairs_and_hot_spots() {
        let base = "documents at least 12 calendar days before the meeting";
        let s = synopsis(
            &["AFR", "APT", "CEPT"],
            vec![
                row(
                    "resolves/3",
                    Some(base),
                    &[
                        C::Text("documents at least 21 calendar days before the meeting"),
                        C::Same,
                        C::Text("documents at least 15 calendar days before the meeting"),
                    ],
                ),
                row(
                    "resolves/4",
                    Some("that decisions be taken"),
                    &[
                        C::Text("that decisions shall be taken"),
                        C::Text("that decisions shall be taken"),
                        C::Deleted,
                    ],
                ),
                row("resolves/5", Some("a b c"), &[C::Same, C::Same, C::Same]),
                row(
                    "resolves/+1",
                    None,
                    &[C::Absent, C::Added("new text here"), C::Absent],
                ),
            ],
        );
        let st = stats(&s);
        assert_eq!(st.rows, 4);
        assert_eq!(st.changed_rows, 3);
        assert_eq!(st.conflict_rows, 2);
        let afr = &st.proposals[0];
        assert_eq!(
            (afr.rows_modified, afr.rows_added, afr.rows_deleted),
            (2, 0, 0)
        );
        assert_eq!((afr.words_inserted, afr.words_deleted), (2, 1));
        let apt = &st.proposals[1];
        assert_eq!((apt.rows_modified, apt.rows_added), (1, 1));
        assert_eq!(apt.words_inserted, 4);
        let cept = &st.proposals[2];
        assert_eq!(cept.rows_deleted, 1);
        assert_eq!(cept.words_deleted, 1 + 4);

        assert_eq!(st.pairs.len(), 3);
        let p = st.pair("AFR", "APT").unwrap();
        assert_eq!((p.both_touch, p.same_change), (1, 1));
        let p = st.pair("CEPT", "AFR").unwrap();
        assert_eq!((p.both_touch, p.same_change), (2, 0));

        // resolves/4: three proposals collide; resolves/3: two.
        let ids: Vec<&str> = st.hot_spots.iter().map(|h| h.row.as_str()).collect();
        assert_eq!(ids, vec!["resolves/4", "resolves/3"]);
        assert_eq!(st.hot_spots[0].proposers, vec!["AFR", "APT", "CEPT"]);
        assert_eq!(st.hot_spots[1].proposers, vec!["AFR", "CEPT"]);
        assert_eq!(st.hot_spots[1].alternatives, 3, "base, AFR, CEPT");

        assert_eq!(st.sections.len(), 1);
        assert_eq!(st.sections[0].rows, 4);
        assert_eq!(st.sections[0].conflict_rows, 2);
    }

    #[test]
    fn empty_synopsis() {
        let st = stats(&Synopsis::default());
        assert_eq!(st, Stats::default());
    }
}
