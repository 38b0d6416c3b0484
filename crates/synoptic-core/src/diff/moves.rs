//! Phrases moved within a paragraph.

use crate::model::{Change, ChangeKind};

/// The fewest words a moved phrase has.
const MOVED_WORDS: usize = 3;

/// Marks phrases moved within the paragraph: a deletion and an insertion
/// elsewhere (not the two halves of one replacement) with the same words,
/// at least [`MOVED_WORDS`] of them, share a move number.
pub(super) fn mark_moves(changes: &mut [Change]) {
    // The words of each change, borrowed from it: the pairs are found
    // first, then marked.
    let edits: Vec<(usize, Vec<std::borrow::Cow<'_, str>>)> = changes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind != ChangeKind::Equal)
        .map(|(k, c)| (k, crate::tokens::word_keys(&c.text)))
        .filter(|(_, w)| w.len() >= MOVED_WORDS)
        .collect();
    if edits.len() < 2 {
        return;
    }
    let mut moved = vec![false; changes.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (k, keys) in &edits {
        let k = *k;
        if changes[k].kind != ChangeKind::Delete || changes[k].moved.is_some() || moved[k] {
            continue;
        }
        let partner = edits.iter().find(|(j, other)| {
            changes[*j].kind == ChangeKind::Insert
                && changes[*j].moved.is_none()
                && !moved[*j]
                && other == keys
                && !same_place(changes, k, *j)
        });
        if let Some(&(j, _)) = partner {
            moved[k] = true;
            moved[j] = true;
            pairs.push((k, j));
        }
    }
    drop(edits);
    for (next, (k, j)) in (1u32..).zip(pairs) {
        changes[k].moved = Some(next);
        changes[j].moved = Some(next);
    }
}

/// True when only changes (no kept text) stand between changes `a` and
/// `b`: they are one replacement, not a move.
fn same_place(changes: &[Change], a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b));
    changes[lo..=hi].iter().all(|c| c.kind != ChangeKind::Equal)
}
