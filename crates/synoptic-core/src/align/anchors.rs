//! Anchors: paragraphs word for word the same and unique on both sides,
//! weighed, reduced to the heaviest chain that keeps both orders.

#[allow(unused_imports)]
use super::*;

/// Pairs of indices whose normalised text occurs exactly once in each
/// sequence, reduced to the heaviest chain that keeps both orders: each
/// anchor weighs what its words weigh (their number and rarity), so that a
/// short line that happens to recur (a renumbered heading) never outranks
/// the long paragraphs it would cross; and its neighbours add what they
/// weigh as far as they are alike on both sides, so that of two crossing
/// anchors the one whose neighbours were kept (edited, not moved) wins,
/// and the paragraph that moved is the one shown moving.
pub(super) fn unique_anchors(
    vocab: &Vocabulary,
    a: &[&Profile],
    b: &[&Profile],
) -> Vec<(usize, usize)> {
    let keys_a: Vec<ProfileKey<'_>> = a.iter().map(|p| ProfileKey(p)).collect();
    let keys_b: Vec<ProfileKey<'_>> = b.iter().map(|p| ProfileKey(p)).collect();
    let neighbour = |i: Option<usize>, j: Option<usize>| -> f64 {
        let (Some(pa), Some(pb)) = (i.and_then(|i| a.get(i)), j.and_then(|j| b.get(j))) else {
            return 0.0;
        };
        let alike = vocab.similarity(pa, pb);
        if alike >= NEIGHBOURS_ALIKE {
            alike * anchor_weight(vocab, pa)
        } else {
            0.0
        }
    };
    unique_key_anchors(&keys_a, &keys_b, |i, j| {
        anchor_weight(vocab, a[i])
            + neighbour(i.checked_sub(1), j.checked_sub(1))
            + neighbour(Some(i + 1), Some(j + 1))
    })
}

/// How alike an anchor's neighbours must be to add to its weight: a
/// paragraph kept in place and edited, not two that merely share words.
pub(super) const NEIGHBOURS_ALIKE: f64 = 0.6;

/// How much an anchor counts: the weight of its words, and at least a
/// little for a text with no words (punctuation alone), which still
/// anchors.
pub(super) fn anchor_weight(vocab: &Vocabulary, p: &Profile) -> f64 {
    vocab.total_weight(p).max(0.0) + 0.01
}

/// A paragraph's normalised text as a hash-map key, hashed by its
/// precomputed hash: long paragraphs are then not hashed again for every
/// pair of versions.
#[derive(Clone, Copy)]
pub(super) struct ProfileKey<'a>(&'a Profile);

impl PartialEq for ProfileKey<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.0, other.0)
            || (self.0.key_hash == other.0.key_hash && self.0.key == other.0.key)
    }
}

impl Eq for ProfileKey<'_> {}

impl std::hash::Hash for ProfileKey<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        state.write_u64(self.0.key_hash);
    }
}

/// A key that may be empty: empty keys (no text) never anchor.
pub(super) trait AnchorKey: Copy + Eq + std::hash::Hash {
    fn is_empty(&self) -> bool;
}

impl AnchorKey for &str {
    fn is_empty(&self) -> bool {
        str::is_empty(self)
    }
}

impl AnchorKey for ProfileKey<'_> {
    fn is_empty(&self) -> bool {
        self.0.key.is_empty()
    }
}

/// Pairs of indices whose (non-empty) key occurs exactly once in each
/// sequence, reduced to the heaviest chain that keeps both orders, an
/// anchor at `i` in `a` weighing `weight(i)`.
pub(super) fn unique_key_anchors<K: AnchorKey>(
    a: &[K],
    b: &[K],
    weight: impl Fn(usize, usize) -> f64,
) -> Vec<(usize, usize)> {
    fn counts<K: AnchorKey>(items: &[K]) -> HashMap<K, (usize, usize)> {
        let mut map: HashMap<K, (usize, usize)> = HashMap::default();
        for (i, key) in items.iter().enumerate() {
            if key.is_empty() {
                continue;
            }
            let entry = map.entry(*key).or_insert((0, i));
            entry.0 += 1;
        }
        map
    }
    let in_a = counts(a);
    let in_b = counts(b);
    let mut pairs: Vec<(usize, usize)> = in_a
        .iter()
        .filter(|(_, (n, _))| *n == 1)
        .filter_map(|(key, (_, i))| match in_b.get(key) {
            Some((1, j)) => Some((*i, *j)),
            _ => None,
        })
        .collect();
    pairs.sort_unstable();
    let weights: Vec<f64> = pairs.iter().map(|&(i, j)| weight(i, j)).collect();
    heaviest_increasing(&pairs, &weights, b.len())
}

/// The subsequence of `pairs` (sorted by first index, second indices
/// distinct and below `bound`) whose second indices increase and whose
/// summed `weights` are greatest, in O(n log n) with a Fenwick tree of
/// running maxima. Ties go to the chain found first, so the result is
/// deterministic.
pub(super) fn heaviest_increasing(
    pairs: &[(usize, usize)],
    weights: &[f64],
    bound: usize,
) -> Vec<(usize, usize)> {
    // tree[k]: the best (total, pair index) among chains ending at a second
    // index in the range Fenwick node k covers.
    let mut tree: Vec<Option<(f64, usize)>> = vec![None; bound + 1];
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    let mut totals: Vec<f64> = vec![0.0; pairs.len()];
    let mut best: Option<(f64, usize)> = None;
    for (k, &(_, j)) in pairs.iter().enumerate() {
        // The best chain ending strictly before j.
        let mut before: Option<(f64, usize)> = None;
        let mut node = j;
        while node > 0 {
            if let Some(candidate) = tree[node] {
                if before.is_none_or(|(t, _)| candidate.0 > t) {
                    before = Some(candidate);
                }
            }
            node &= node - 1;
        }
        let total = before.map_or(0.0, |(t, _)| t) + weights[k];
        totals[k] = total;
        previous[k] = before.map(|(_, p)| p);
        if best.is_none_or(|(t, _)| total > t) {
            best = Some((total, k));
        }
        let mut node = j + 1;
        while node <= bound {
            if tree[node].is_none_or(|(t, _)| total > t) {
                tree[node] = Some((total, k));
            }
            node += node & node.wrapping_neg();
        }
    }
    let mut chain = Vec::new();
    let mut cursor = best.map(|(_, k)| k);
    while let Some(k) = cursor {
        chain.push(pairs[k]);
        cursor = previous[k];
    }
    chain.reverse();
    chain
}

/// The longest subsequence of `pairs` (sorted by first index) whose second
/// indices increase, by patience sorting in O(n log n).
pub(super) fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut tails: Vec<usize> = Vec::new(); // index into pairs
    let mut previous: Vec<Option<usize>> = vec![None; pairs.len()];
    for (k, &(_, j)) in pairs.iter().enumerate() {
        let pos = tails.partition_point(|&t| pairs[t].1 < j);
        if pos > 0 {
            previous[k] = Some(tails[pos - 1]);
        }
        if pos == tails.len() {
            tails.push(k);
        } else {
            tails[pos] = k;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut cursor = tails.last().copied();
    while let Some(k) = cursor {
        chain.push(pairs[k]);
        cursor = previous[k];
    }
    chain.reverse();
    chain
}
