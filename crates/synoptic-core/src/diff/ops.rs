//! The word diff itself: words and punctuation diffed by their keys, white
//! space following the words around it.

use similar::DiffOp;

use crate::keydiff::diff_keys;
use crate::tokens::{Token, TokenKind};

/// A shortest diff of two token sequences counted in words: the words and
/// punctuation are diffed by their keys, and the white space between them
/// follows (kept where the words around it are kept). Diffing spaces as
/// tokens of their own could keep a space at the cost of a word, since
/// every two words have one between them.
pub(crate) fn word_ops(
    old: &[Token<'_>],
    new: &[Token<'_>],
    old_keys: &[u32],
    new_keys: &[u32],
) -> Vec<DiffOp> {
    word_ops_by::<true>(
        (old, old_keys, &Words::of(old, old_keys)),
        (new, new_keys, &Words::of(new, new_keys)),
    )
}

/// The words of a token sequence (its tokens but white space): where each
/// stands and its key's number. Made once for a text diffed against
/// several others.
#[derive(Debug, Clone, Default)]
pub(crate) struct Words {
    at: Vec<usize>,
    keys: Vec<u32>,
}

impl Words {
    /// The words of `tokens`, whose keys' numbers are `keys`.
    pub(crate) fn of(tokens: &[Token<'_>], keys: &[u32]) -> Words {
        // Sized at once: grown a push at a time, they were a tenth of the
        // cost of a diff.
        let mut at = Vec::with_capacity(tokens.len());
        let mut words = Vec::with_capacity(tokens.len());
        for (i, (t, &k)) in tokens.iter().zip(keys).enumerate() {
            if t.kind != TokenKind::Space {
                at.push(i);
                words.push(k);
            }
        }
        Words { at, keys: words }
    }
}

/// [`word_ops`] of texts whose words are known: each side its tokens,
/// their keys' numbers and its [`Words`].
pub(crate) fn word_ops_of(
    old: (&[Token<'_>], &[u32], &Words),
    new: (&[Token<'_>], &[u32], &Words),
) -> Vec<DiffOp> {
    word_ops_by::<true>(old, new)
}

/// [`word_ops_of`], with `RUNS`: runs of kept words told at once where
/// they can be (without: word by word, as tests check them against).
fn word_ops_by<const RUNS: bool>(
    (old, old_keys, old_words): (&[Token<'_>], &[u32], &Words),
    (new, new_keys, new_words): (&[Token<'_>], &[u32], &Words),
) -> Vec<DiffOp> {
    let (old_at, old_words) = (&old_words.at, &old_words.keys);
    let (new_at, new_words) = (&new_words.at, &new_words.keys);
    if old_at.len() == old.len() && new_at.len() == new.len() {
        return diff_keys(old_keys, new_keys);
    }
    let mut out = OpsBuilder::default();
    let (mut oi, mut nj) = (0usize, 0usize);
    for op in diff_keys(old_words, new_words) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            if len == 0 {
                continue;
            }
            // Most runs of kept words are kept with all the white space
            // between them, and with what lies before them since the last
            // kept word: one equal stretch, told by comparing the keys at
            // once. The steps below would find the same: equal keys are
            // tokens of one kind (only white space has the key " "), so the
            // run's words stand at the same places on both sides, and every
            // stretch between them is equal.
            let (a_end, b_end) = (
                old_at[old_index + len - 1] + 1,
                new_at[new_index + len - 1] + 1,
            );
            if RUNS && a_end - oi == b_end - nj && old_keys[oi..a_end] == new_keys[nj..b_end] {
                out.equal(oi, nj, a_end - oi);
                oi = a_end;
                nj = b_end;
                continue;
            }
            for k in 0..len {
                let (a, b) = (old_at[old_index + k], new_at[new_index + k]);
                // Most kept words follow the last with nothing or one
                // space between them on both sides: one equal stretch.
                let (gap_old, gap_new) = (a - oi, b - nj);
                if gap_old == gap_new
                    && gap_old <= 1
                    && (gap_old == 0 || old_keys[oi] == new_keys[nj])
                {
                    out.equal(oi, nj, a + 1 - oi);
                } else {
                    out.gap((oi, a), (nj, b), old_keys, new_keys);
                    out.equal(a, b, 1);
                }
                oi = a + 1;
                nj = b + 1;
            }
        }
    }
    out.gap((oi, old.len()), (nj, new.len()), old_keys, new_keys);
    out.ops
}

/// Diff ops over whole token sequences, built in order, equal runs merged.
#[derive(Default)]
struct OpsBuilder {
    ops: Vec<DiffOp>,
}

impl OpsBuilder {
    fn equal(&mut self, old_index: usize, new_index: usize, len: usize) {
        if let Some(DiffOp::Equal {
            old_index: o,
            new_index: n,
            len: l,
        }) = self.ops.last_mut()
        {
            if *o + *l == old_index && *n + *l == new_index {
                *l += len;
                return;
            }
        }
        self.ops.push(DiffOp::Equal {
            old_index,
            new_index,
            len,
        });
    }

    /// A gap whose middle (past the tokens equal at both ends, white space
    /// mostly) shares no key: the middle is one replacement, with no diff
    /// to run. False, having done nothing, for any other gap.
    fn small_gap(
        &mut self,
        (o_lo, o_hi): (usize, usize),
        (n_lo, n_hi): (usize, usize),
        old_keys: &[u32],
        new_keys: &[u32],
    ) -> bool {
        const SMALL: usize = 16;
        let (old, new) = (&old_keys[o_lo..o_hi], &new_keys[n_lo..n_hi]);
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let suffix = old[prefix..]
            .iter()
            .rev()
            .zip(new[prefix..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let (mid_old, mid_new) = (
            &old[prefix..old.len() - suffix],
            &new[prefix..new.len() - suffix],
        );
        if mid_old.len() > SMALL
            || mid_new.len() > SMALL
            || mid_old.iter().any(|k| mid_new.contains(k))
        {
            return false;
        }
        if prefix > 0 {
            self.equal(o_lo, n_lo, prefix);
        }
        let (o, n) = (o_lo + prefix, n_lo + prefix);
        match (mid_old.len(), mid_new.len()) {
            (0, 0) => {}
            (old_len, 0) => self.ops.push(DiffOp::Delete {
                old_index: o,
                old_len,
                new_index: n,
            }),
            (0, new_len) => self.ops.push(DiffOp::Insert {
                old_index: o,
                new_index: n,
                new_len,
            }),
            (old_len, new_len) => self.ops.push(DiffOp::Replace {
                old_index: o,
                old_len,
                new_index: n,
                new_len,
            }),
        }
        if suffix > 0 {
            self.equal(o_hi - suffix, n_hi - suffix, suffix);
        }
        true
    }

    /// The tokens between two kept words (or an end): no word there is
    /// kept (the word diff found none), so only white space can be, which a
    /// diff of the stretch finds.
    fn gap(
        &mut self,
        (o_lo, o_hi): (usize, usize),
        (n_lo, n_hi): (usize, usize),
        old_keys: &[u32],
        new_keys: &[u32],
    ) {
        let (old_len, new_len) = (o_hi - o_lo, n_hi - n_lo);
        match (old_len, new_len) {
            (0, 0) => {}
            (_, 0) => self.ops.push(DiffOp::Delete {
                old_index: o_lo,
                old_len,
                new_index: n_lo,
            }),
            (0, _) => self.ops.push(DiffOp::Insert {
                old_index: o_lo,
                new_index: n_lo,
                new_len,
            }),
            (1, 1) if old_keys[o_lo] == new_keys[n_lo] => self.equal(o_lo, n_lo, 1),
            _ if self.small_gap((o_lo, o_hi), (n_lo, n_hi), old_keys, new_keys) => {}
            _ => {
                for op in diff_keys(&old_keys[o_lo..o_hi], &new_keys[n_lo..n_hi]) {
                    match op {
                        DiffOp::Equal {
                            old_index,
                            new_index,
                            len,
                        } => self.equal(o_lo + old_index, n_lo + new_index, len),
                        DiffOp::Delete {
                            old_index,
                            old_len,
                            new_index,
                        } => self.ops.push(DiffOp::Delete {
                            old_index: o_lo + old_index,
                            old_len,
                            new_index: n_lo + new_index,
                        }),
                        DiffOp::Insert {
                            old_index,
                            new_index,
                            new_len,
                        } => self.ops.push(DiffOp::Insert {
                            old_index: o_lo + old_index,
                            new_index: n_lo + new_index,
                            new_len,
                        }),
                        DiffOp::Replace {
                            old_index,
                            old_len,
                            new_index,
                            new_len,
                        } => self.ops.push(DiffOp::Replace {
                            old_index: o_lo + old_index,
                            old_len,
                            new_index: n_lo + new_index,
                            new_len,
                        }),
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokens::{interned_keys, tokenize};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// Runs of kept words told at once give the ops of telling them
        /// word by word.
        #[test]
        fn runs_at_once_as_word_by_word(
            old in prop::collection::vec(prop::sample::select(PARTS), 0..40),
            edits in prop::collection::vec((0usize..40, prop::sample::select(PARTS), 0usize..3), 0..6),
        ) {
            let mut new = old.clone();
            for (at, part, how) in edits {
                let at = at.min(new.len());
                match how {
                    0 => new.insert(at, part),
                    1 if at < new.len() => { new.remove(at); }
                    _ if at < new.len() => new[at] = part,
                    _ => new.push(part),
                }
            }
            let (old, new) = (old.concat(), new.concat());
            let (a, b) = (tokenize(&old), tokenize(&new));
            let keys = interned_keys(&[&a, &b]);
            let (wa, wb) = (Words::of(&a, &keys[0]), Words::of(&b, &keys[1]));
            prop_assert_eq!(
                word_ops_by::<true>((&a, &keys[0], &wa), (&b, &keys[1], &wb)),
                word_ops_by::<false>((&a, &keys[0], &wa), (&b, &keys[1], &wb))
            );
        }
    }

    /// Words, white space of several kinds and punctuation.
    const PARTS: &[&str] = &[
        "the",
        "vessel",
        "harbour",
        "The",
        " ",
        " ",
        "  ",
        "\n",
        "\u{a0}",
        ", ",
        ".",
        "; ",
        "fee",
        "—",
        "e-learning",
    ];
}
