//! Alignment of short keyed sequences (a document's sections), layer by
//! layer of keys.

#[allow(unused_imports)]
use super::*;

/// Pairs the items of two short sequences (a document's sections) in
/// order, maximising the summed positive `score`s of the pairs.
///
/// Each layer of keys (say, a section's whole normalised content, then its
/// opener) gives anchors first: items whose key is equal and unique on both
/// sides, confirmed by `certain`, are paired outright, and the next layer
/// (finally the exact quadratic step) only runs in the windows between
/// them. That keeps documents with thousands of sections fast.
pub fn align_keyed(
    layers: &[(Vec<&str>, Vec<&str>)],
    certain: impl Fn(usize, usize) -> bool,
    score: impl Fn(usize, usize) -> f64,
) -> Vec<Option<usize>> {
    let (n, m) = match layers.first() {
        Some((a, b)) => (a.len(), b.len()),
        None => return Vec::new(),
    };
    let mut result = vec![None; n];
    align_layer(layers, (0, n), (0, m), &certain, &score, &mut result);
    result
}

pub(super) fn align_layer(
    layers: &[(Vec<&str>, Vec<&str>)],
    (a_lo, a_hi): (usize, usize),
    (b_lo, b_hi): (usize, usize),
    certain: &dyn Fn(usize, usize) -> bool,
    score: &dyn Fn(usize, usize) -> f64,
    result: &mut [Option<usize>],
) {
    if a_hi <= a_lo || b_hi <= b_lo {
        return;
    }
    let Some(((keys_a, keys_b), rest)) = layers.split_first() else {
        for (i, j) in exact_pairs(a_hi - a_lo, b_hi - b_lo, |i, j| score(a_lo + i, b_lo + j)) {
            result[a_lo + i] = Some(b_lo + j);
        }
        return;
    };
    let anchors: Vec<(usize, usize)> =
        unique_key_anchors(&keys_a[a_lo..a_hi], &keys_b[b_lo..b_hi], |_, _| 1.0)
            .into_iter()
            .map(|(i, j)| (a_lo + i, b_lo + j))
            .filter(|&(i, j)| certain(i, j))
            .collect();
    let (mut lo_a, mut lo_b) = (a_lo, b_lo);
    for &(ai, bj) in anchors.iter().chain(std::iter::once(&(a_hi, b_hi))) {
        align_layer(rest, (lo_a, ai), (lo_b, bj), certain, score, result);
        if ai < a_hi {
            result[ai] = Some(bj);
        }
        lo_a = ai + 1;
        lo_b = bj + 1;
    }
}
