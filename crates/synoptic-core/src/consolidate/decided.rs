//! The chair's decisions applied to the rows, with their fingerprints.

#[allow(unused_imports)]
use super::*;

/// FNV-1a over what the proposals do to the row, folded to 8 hex digits:
/// the base text, then each changing proposal's label, status and text in
/// label order. Proposals that leave the row alone do not enter it, so
/// adding a proposal that does not touch a row keeps its decisions valid.
pub(super) fn fingerprint(base: Option<&str>, changers: &[&Entry<'_>]) -> String {
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

pub(super) fn apply_decisions(
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

/// The entry of the proposal a decision names: by exact label, else by a
/// case-insensitive match when exactly one proposal matches so.
pub(super) fn find_entry<'e, 'a>(entries: &'e [Entry<'a>], name: &str) -> Option<&'e Entry<'a>> {
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
pub(super) fn accepted_pieces(base: Option<&str>, entry: &Entry<'_>) -> Vec<DraftPiece> {
    let who = vec![entry.label.to_string()];
    match (entry.status, base) {
        (Status::Absent, _) => Vec::new(),
        (Status::Deleted, Some(b)) => vec![DraftPiece::Change {
            deleted: b.into(),
            inserted: String::new(),
            proposers: who,
        }],
        (Status::Deleted, None) => Vec::new(),
        // Unchanged but for white space of another kind: accepting the
        // proposal takes its text as written.
        (Status::Unchanged, Some(b)) if entry.text() == b => kept(b),
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
