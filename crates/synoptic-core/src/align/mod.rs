//! Order-preserving alignment of two sequences of paragraphs (or sections),
//! and grouping of the paragraphs several proposals add at one place.
//!
//! Pairing is a sequence alignment that maximises the summed similarity of
//! the pairs above a threshold (a weighted longest common subsequence, as in
//! Needleman–Wunsch with zero gap cost). To stay near-linear on long texts,
//! paragraphs that occur exactly once in both sequences are taken first as
//! certain anchors (the patience-diff idea); the quadratic step only runs in
//! the short windows between anchors, and a window that is still too large
//! falls back to pairing mutual best candidates found through their rarest
//! words.

use rustc_hash::FxHashMap as HashMap;
use similar::DiffOp;

use crate::keydiff::diff_keys;
use std::cell::Cell;

use crate::similarity::{Profile, Vocabulary};

/// Tuning of the alignment.
#[derive(Debug, Clone, Copy)]
pub struct AlignConfig {
    /// The similarity below which two paragraphs are not the same paragraph
    /// modified, but one deleted and another added.
    pub threshold: f64,
    /// The largest window (rows × columns) aligned exactly; larger windows
    /// use candidate search.
    pub window_limit: usize,
    /// Pair sole candidates: when, between two paired neighbours (or a
    /// neighbour and an end), exactly one item of each side is left, they
    /// are the same item rewritten, however little they share, unless one
    /// of them is found again elsewhere (a move). Off for grouping what
    /// several proposals add, where unrelated additions are not one row.
    pub pair_sole_candidates: bool,
    /// The similarity at which an item left over in one place and one left
    /// over in another count as the same item moved: such items are never
    /// sole candidates.
    pub move_threshold: f64,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            threshold: 0.42,
            window_limit: 250_000,
            pair_sole_candidates: true,
            move_threshold: 0.75,
        }
    }
}

/// Pairs the items of `a` with items of `b` in order: entry `i` of the result
/// is the index in `b` paired with `a[i]`, if any. Indices increase.
///
/// `bonus(i, j)` adds evidence beyond the words (a matching label, an
/// opener); it is added to the similarity before the threshold applies.
pub fn align(
    vocab: &Vocabulary,
    a: &[&Profile],
    b: &[&Profile],
    config: &AlignConfig,
    bonus: &dyn Fn(usize, usize) -> f64,
) -> Vec<Option<usize>> {
    align_counting(vocab, a, b, config, bonus, &Cell::new(0))
}

/// [`align`], adding to `fallbacks` the number of windows that were too
/// large to align exactly and used candidate search instead, so that the
/// caller can say so rather than degrade silently.
pub fn align_counting(
    vocab: &Vocabulary,
    a: &[&Profile],
    b: &[&Profile],
    config: &AlignConfig,
    bonus: &dyn Fn(usize, usize) -> f64,
    fallbacks: &Cell<usize>,
) -> Vec<Option<usize>> {
    let mut result = vec![None; a.len()];
    let anchors = unique_anchors(vocab, a, b);
    let mut a_lo = 0;
    let mut b_lo = 0;
    for &(ai, bj) in anchors.iter().chain(std::iter::once(&(a.len(), b.len()))) {
        if align_window(
            vocab,
            a,
            b,
            (a_lo, ai),
            (b_lo, bj),
            config,
            bonus,
            &mut result,
        ) {
            fallbacks.set(fallbacks.get() + 1);
        }
        if ai < a.len() {
            result[ai] = Some(bj);
        }
        a_lo = ai + 1;
        b_lo = bj + 1;
    }
    if config.pair_sole_candidates {
        pair_sole_candidates(vocab, a, b, config, bonus, &mut result);
    }
    result
}

mod anchors;
mod groups;
mod keyed;
mod sole;
#[cfg(test)]
mod tests;
mod window;

use anchors::*;
pub use groups::group_in_order;
pub use keyed::align_keyed;
pub use sole::sole_candidates;
use sole::*;
use window::*;
