//! Phrases moved within a paragraph.

use crate::model::{Change, ChangeKind};

/// The fewest words a moved phrase has.
const MOVED_WORDS: usize = 3;

/// Marks phrases moved within the paragraph: a deletion and an insertion
/// elsewhere (not the two halves of one replacement) with the same words,
/// at least [`MOVED_WORDS`] of them, share a move number.
pub(super) fn mark_moves(changes: &mut [Change]) {
    let words = |c: &Change| -> Vec<String> {
        crate::tokens::word_keys(&c.text)
            .into_iter()
            .map(|w| w.into_owned())
            .collect()
    };
    let edits: Vec<(usize, Vec<String>)> = changes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind != ChangeKind::Equal)
        .map(|(k, c)| (k, words(c)))
        .filter(|(_, w)| w.len() >= MOVED_WORDS)
        .collect();
    if edits.len() < 2 {
        return;
    }
    let mut next = 1u32;
    for a in 0..edits.len() {
        let (k, ref keys) = edits[a];
        if changes[k].kind != ChangeKind::Delete || changes[k].moved.is_some() {
            continue;
        }
        let partner = edits.iter().find(|(j, other)| {
            changes[*j].kind == ChangeKind::Insert
                && changes[*j].moved.is_none()
                && other == keys
                && !same_place(changes, k, *j)
        });
        if let Some(&(j, _)) = partner {
            changes[k].moved = Some(next);
            changes[j].moved = Some(next);
            next += 1;
        }
    }
}

/// True when only changes (no kept text) stand between changes `a` and
/// `b`: they are one replacement, not a move.
fn same_place(changes: &[Change], a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b));
    changes[lo..=hi].iter().all(|c| c.kind != ChangeKind::Equal)
}
