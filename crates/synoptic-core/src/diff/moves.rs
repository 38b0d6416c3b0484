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
        .filter(|(_, c)| c.kind != ChangeKind::Equal && may_have_words(&c.text, MOVED_WORDS))
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

/// False when `text` has fewer than `n` words for certain, told without
/// tokenising it: every word holds an ASCII letter or digit or a
/// character beyond ASCII, and no two words share a run of ASCII letters
/// and digits, so runs and other characters together are at least the
/// words.
fn may_have_words(text: &str, n: usize) -> bool {
    let mut places = 0;
    let mut in_run = false;
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() {
            if !in_run {
                places += 1;
                in_run = true;
            }
        } else {
            in_run = false;
            places += usize::from(!b.is_ascii());
        }
        if places >= n {
            return true;
        }
    }
    places >= n
}

/// True when only changes (no kept text) stand between changes `a` and
/// `b`: they are one replacement, not a move.
fn same_place(changes: &[Change], a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b));
    changes[lo..=hi].iter().all(|c| c.kind != ChangeKind::Equal)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Text the quick count rules out has fewer words than asked.
        #[test]
        fn ruled_out_text_has_fewer_words(
            text in "[a-zA-Z0-9 _,.;:'\u{e9}\u{a0}\u{2014}\u{301}\u{4e2d}\u{ab}]{0,24}",
            n in 0usize..5,
        ) {
            if !may_have_words(&text, n) {
                proptest::prop_assert!(crate::tokens::word_keys(&text).len() < n);
            }
        }
    }

    #[test]
    fn words_counted_by_runs() {
        assert!(!may_have_words("the cat", 3));
        assert!(may_have_words("the big cat", 3));
        assert!(!may_have_words(" , ; ", 1));
        assert!(may_have_words("\u{e9}t\u{e9}", 3));
    }
}
