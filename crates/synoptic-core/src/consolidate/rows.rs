//! Each row consolidated without decisions: kept, agreed, added, merged,
//! or in conflict.

#[allow(unused_imports)]
use super::*;

impl Entry<'_> {
    pub(super) fn text(&self) -> &str {
        self.cell.map_or("", |c| c.text.as_str())
    }

    /// The row's text as this proposal leaves it, for telling alike
    /// changes: deleted rows have none.
    pub(super) fn outcome_key(&self) -> (Status, String) {
        match self.status {
            Status::Deleted | Status::Absent => (self.status, String::new()),
            s => (s, normalize(self.text())),
        }
    }
}

pub(super) fn entries<'a>(
    synopsis: &'a Synopsis,
    row: &'a Row,
    proposals: &[usize],
) -> Vec<Entry<'a>> {
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

pub(super) fn auto_row(row: &Row, entries: &[Entry<'_>]) -> DraftRow {
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
        label: row.label.clone().or_else(|| label_added(row, entries)),
        former_label: None,
        outcome,
        pieces,
        fingerprint: fingerprint(row.base_text.as_deref(), &changers),
        decision: None,
    }
}

/// The label every proposal that has a paragraph the base leaves
/// unlabelled gives it (`1.` before a rule's text, once a proposal adds a
/// `2.` after it); `None` when one leaves it unlabelled or they differ.
fn label_added(row: &Row, entries: &[Entry<'_>]) -> Option<String> {
    if row.base_text.is_none() || row.kind != RowKind::Paragraph {
        return None;
    }
    let mut labels = entries
        .iter()
        .filter(|e| !matches!(e.status, Status::Absent | Status::Deleted))
        .map(|e| e.cell.and_then(|c| c.label.as_deref()));
    let first = labels.next()??;
    labels.all(|l| l == Some(first)).then(|| first.to_string())
}

pub(super) fn kept(text: &str) -> Vec<DraftPiece> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![DraftPiece::Kept { text: text.into() }]
    }
}

/// The labels of entries gathered from several lists, in column order.
pub(super) fn labels_in_column_order(mut some: Vec<&Entry<'_>>) -> Vec<String> {
    some.sort_by_key(|e| e.column);
    labels(some)
}

/// Labels in the order given, without repeats.
pub(super) fn labels<'a>(entries: impl IntoIterator<Item = &'a Entry<'a>>) -> Vec<String> {
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
pub(super) fn group_texts(items: Vec<(String, String)>) -> Vec<(String, Vec<String>)> {
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
pub(super) fn added_row(adders: &[&Entry<'_>]) -> Vec<DraftPiece> {
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

pub(super) fn insertion(text: &str, proposers: Vec<String>) -> Vec<DraftPiece> {
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
pub(super) fn changed_row(base: &str, entries: &[Entry<'_>]) -> Vec<DraftPiece> {
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
