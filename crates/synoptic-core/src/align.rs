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

/// Pairs of indices whose normalised text occurs exactly once in each
/// sequence, reduced to the heaviest chain that keeps both orders: each
/// anchor weighs what its words weigh (their number and rarity), so that a
/// short line that happens to recur (a renumbered heading) never outranks
/// the long paragraphs it would cross; and its neighbours add what they
/// weigh as far as they are alike on both sides, so that of two crossing
/// anchors the one whose neighbours were kept (edited, not moved) wins,
/// and the paragraph that moved is the one shown moving.
fn unique_anchors(vocab: &Vocabulary, a: &[&Profile], b: &[&Profile]) -> Vec<(usize, usize)> {
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
const NEIGHBOURS_ALIKE: f64 = 0.6;

/// How much an anchor counts: the weight of its words, and at least a
/// little for a text with no words (punctuation alone), which still
/// anchors.
fn anchor_weight(vocab: &Vocabulary, p: &Profile) -> f64 {
    vocab.total_weight(p).max(0.0) + 0.01
}

/// Pairs the items left alone between two paired neighbours (or an end),
/// one on each side: see [`AlignConfig::pair_sole_candidates`].
fn pair_sole_candidates(
    vocab: &Vocabulary,
    a: &[&Profile],
    b: &[&Profile],
    config: &AlignConfig,
    bonus: &dyn Fn(usize, usize) -> f64,
    result: &mut [Option<usize>],
) {
    let candidates: Vec<(usize, usize)> = sole_candidates(result, b.len())
        .into_iter()
        .filter(|&(i, j)| bonus(i, j) > -1.0)
        .collect();
    if candidates.is_empty() {
        return;
    }
    let mut taken_b = vec![false; b.len()];
    for j in result.iter().flatten() {
        taken_b[*j] = true;
    }
    // Items left over anywhere: a candidate that matches one of them well
    // is a move, shown as such, not a rewrite of its neighbour.
    let loose_a: Vec<usize> = (0..a.len()).filter(|&i| result[i].is_none()).collect();
    let loose_b: Vec<usize> = (0..b.len()).filter(|&j| !taken_b[j]).collect();
    // Comparing every candidate with every loose item is quadratic; past a
    // bound, only word-for-word equal texts are looked for.
    const COMPARED: usize = 512;
    let exhaustive = loose_a.len().saturating_mul(loose_b.len()) <= COMPARED * COMPARED;
    let keys_a: HashMap<&str, usize> = count_keys(loose_a.iter().map(|&i| a[i].key.as_str()));
    let keys_b: HashMap<&str, usize> = count_keys(loose_b.iter().map(|&j| b[j].key.as_str()));
    let moved_elsewhere = |p: &Profile,
                           own: usize,
                           others: &[usize],
                           side: &[&Profile],
                           keys: &HashMap<&str, usize>| {
        if !p.key.is_empty() && keys.get(p.key.as_str()).copied().unwrap_or(0) > 0 {
            return true;
        }
        exhaustive
            && others
                .iter()
                .filter(|&&k| k != own)
                .any(|&k| vocab.similarity(p, side[k]) >= config.move_threshold)
    };
    for (i, j) in candidates {
        let (pa, pb) = (a[i], b[j]);
        if pa.key == pb.key {
            result[i] = Some(j);
            continue;
        }
        // A paragraph with no text (a label alone) rewrites nothing.
        if pa.key.is_empty() || pb.key.is_empty() {
            continue;
        }
        if moved_elsewhere(pa, j, &loose_b, b, &keys_b)
            || moved_elsewhere(pb, i, &loose_a, a, &keys_a)
        {
            continue;
        }
        result[i] = Some(j);
    }
}

/// The sole candidates of a pairing of `a` (`result[i]`: the index in `b`
/// paired with `a[i]`) with a `b` of `b_len` items: each pair of items left
/// alone, one on each side, between two paired neighbours or a neighbour
/// and an end.
pub fn sole_candidates(result: &[Option<usize>], b_len: usize) -> Vec<(usize, usize)> {
    let mut candidates = Vec::new();
    let (mut prev_a, mut prev_b) = (0usize, 0usize);
    let bounds = result
        .iter()
        .enumerate()
        .filter_map(|(i, j)| j.map(|j| (i, j)))
        .chain(std::iter::once((result.len(), b_len)));
    for (next_a, next_b) in bounds {
        if next_a == prev_a + 1 && next_b == prev_b + 1 {
            candidates.push((prev_a, prev_b));
        }
        prev_a = next_a + 1;
        prev_b = next_b + 1;
    }
    candidates
}

/// How many times each non-empty key occurs.
fn count_keys<'k>(keys: impl Iterator<Item = &'k str>) -> HashMap<&'k str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for key in keys.filter(|k| !k.is_empty()) {
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

/// A paragraph's normalised text as a hash-map key, hashed by its
/// precomputed hash: long paragraphs are then not hashed again for every
/// pair of versions.
#[derive(Clone, Copy)]
struct ProfileKey<'a>(&'a Profile);

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
trait AnchorKey: Copy + Eq + std::hash::Hash {
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
fn unique_key_anchors<K: AnchorKey>(
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
fn heaviest_increasing(
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
fn longest_increasing(pairs: &[(usize, usize)]) -> Vec<(usize, usize)> {
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

#[allow(clippy::too_many_arguments)]
fn align_window(
    vocab: &Vocabulary,
    a: &[&Profile],
    b: &[&Profile],
    (a_lo, a_hi): (usize, usize),
    (b_lo, b_hi): (usize, usize),
    config: &AlignConfig,
    bonus: &dyn Fn(usize, usize) -> f64,
    result: &mut [Option<usize>],
) -> bool {
    let n = a_hi.saturating_sub(a_lo);
    let m = b_hi.saturating_sub(b_lo);
    if n == 0 || m == 0 {
        return false;
    }
    let score = |i: usize, j: usize| {
        vocab.pairing_similarity(a[a_lo + i], b[b_lo + j]) + bonus(a_lo + i, b_lo + j)
            - config.threshold
    };
    if n.saturating_mul(m) <= config.window_limit {
        for (i, j) in exact_pairs(n, m, score) {
            result[a_lo + i] = Some(b_lo + j);
        }
        return false;
    }
    // Too large to align exactly. Paragraphs equal on both sides are paired
    // first in order by a diff of their keys (which copes with repeated
    // boilerplate, where no paragraph is unique); what lies between is
    // aligned exactly when small, by candidate search otherwise.
    // Keys numbered for the word diff's bit-parallel path, which stays
    // fast where Myers' is quadratic (one short side against a long one
    // that repeats it).
    let mut numbers: HashMap<&str, u32> = HashMap::default();
    let keys_a = number_keys(&mut numbers, &a[a_lo..a_hi]);
    let keys_b = number_keys(&mut numbers, &b[b_lo..b_hi]);
    let mut fell_back = false;
    for op in diff_keys(&keys_a, &keys_b) {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    result[a_lo + old_index + k] = Some(b_lo + new_index + k);
                }
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let (ra, rb) = (a_lo + old_index, b_lo + new_index);
                let sub = |i: usize, j: usize| score(old_index + i, new_index + j);
                let pairs = if old_len.saturating_mul(new_len) <= config.window_limit {
                    exact_pairs(old_len, new_len, sub)
                } else {
                    fell_back = true;
                    candidate_pairs(vocab, &a[ra..ra + old_len], &b[rb..rb + new_len], sub)
                };
                for (i, j) in pairs {
                    result[ra + i] = Some(rb + j);
                }
            }
            DiffOp::Delete { .. } | DiffOp::Insert { .. } => {}
        }
    }
    fell_back
}

/// The keys of `side` as numbers, equal keys equal numbers.
fn number_keys<'p>(numbers: &mut HashMap<&'p str, u32>, side: &[&'p Profile]) -> Vec<u32> {
    side.iter()
        .map(|p| {
            let next = numbers.len() as u32;
            *numbers.entry(p.key.as_str()).or_insert(next)
        })
        .collect()
}

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

fn align_layer(
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

/// The pairing that maximises the summed positive scores, by dynamic
/// programming over the whole window.
fn exact_pairs(n: usize, m: usize, score: impl Fn(usize, usize) -> f64) -> Vec<(usize, usize)> {
    let width = m + 1;
    let mut table = vec![0.0f64; (n + 1) * width];
    let mut gain = vec![f64::NEG_INFINITY; n * m];
    for i in 0..n {
        for j in 0..m {
            let s = score(i, j);
            if s > 0.0 {
                gain[i * m + j] = s;
            }
        }
    }
    for i in 1..=n {
        for j in 1..=m {
            let skip_a = table[(i - 1) * width + j];
            let skip_b = table[i * width + j - 1];
            let g = gain[(i - 1) * m + (j - 1)];
            let pair = if g.is_finite() {
                table[(i - 1) * width + j - 1] + g
            } else {
                f64::NEG_INFINITY
            };
            table[i * width + j] = pair.max(skip_a).max(skip_b);
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 && j > 0 {
        let here = table[i * width + j];
        let g = gain[(i - 1) * m + (j - 1)];
        if g.is_finite() && (table[(i - 1) * width + j - 1] + g - here).abs() < 1e-12 {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        } else if (table[(i - 1) * width + j] - here).abs() < 1e-12 {
            i -= 1;
        } else {
            j -= 1;
        }
    }
    pairs.reverse();
    pairs
}

/// For windows too large to align exactly: each paragraph's best partner
/// among those sharing one of its rarest words, kept when the choice is
/// mutual and consistent with the order.
fn candidate_pairs(
    vocab: &Vocabulary,
    a: &[&Profile],
    b: &[&Profile],
    score: impl Fn(usize, usize) -> f64,
) -> Vec<(usize, usize)> {
    const RARE: usize = 4;
    const MAX_CANDIDATES: usize = 64;
    let mut index: HashMap<u32, Vec<usize>> = HashMap::default();
    for (j, p) in b.iter().enumerate() {
        for w in vocab.rarest_words(p, RARE) {
            index.entry(w).or_default().push(j);
        }
    }
    let mut best_for_a: Vec<Option<(usize, f64)>> = vec![None; a.len()];
    let mut best_for_b: Vec<Option<(usize, f64)>> = vec![None; b.len()];
    for (i, p) in a.iter().enumerate() {
        let mut seen: Vec<usize> = Vec::new();
        for w in vocab.rarest_words(p, RARE) {
            if let Some(js) = index.get(&w) {
                // A word shared by very many paragraphs is no evidence.
                if js.len() <= MAX_CANDIDATES {
                    seen.extend_from_slice(js);
                }
            }
        }
        seen.sort_unstable();
        seen.dedup();
        for j in seen {
            let s = score(i, j);
            if s <= 0.0 {
                continue;
            }
            if best_for_a[i].is_none_or(|(_, bs)| s > bs) {
                best_for_a[i] = Some((j, s));
            }
            if best_for_b[j].is_none_or(|(_, bs)| s > bs) {
                best_for_b[j] = Some((i, s));
            }
        }
    }
    let mutual: Vec<(usize, usize)> = best_for_a
        .iter()
        .enumerate()
        .filter_map(|(i, best)| {
            let (j, _) = (*best)?;
            match best_for_b[j] {
                Some((back, _)) if back == i => Some((i, j)),
                _ => None,
            }
        })
        .collect();
    longest_increasing(&mutual)
}

/// Groups the items several sequences add at one place into rows, keeping
/// each sequence's order: similar items of different sequences share a row.
///
/// `lists[k]` holds the profiles of sequence `k`; each returned row has one
/// entry per sequence, the index of its item in that row or `None`. The
/// result depends on the order of `lists`, so callers pass them in an order
/// that does not depend on how the user listed the proposals.
pub fn group_in_order(
    vocab: &Vocabulary,
    lists: &[Vec<&Profile>],
    config: &AlignConfig,
    fallbacks: &Cell<usize>,
) -> Vec<Vec<Option<usize>>> {
    let mut rows: Vec<Vec<Option<usize>>> = Vec::new();
    let mut representatives: Vec<&Profile> = Vec::new();
    for (k, list) in lists.iter().enumerate() {
        if list.is_empty() {
            continue;
        }
        let config = AlignConfig {
            pair_sole_candidates: false,
            ..*config
        };
        let pairing = align_counting(
            vocab,
            &representatives,
            list,
            &config,
            &|_, _| 0.0,
            fallbacks,
        );
        let mut paired_in_list = vec![None; list.len()];
        for (r, j) in pairing.iter().enumerate() {
            if let Some(j) = j {
                paired_in_list[*j] = Some(r);
            }
        }
        let mut merged_rows = Vec::with_capacity(rows.len() + list.len());
        let mut merged_reps = Vec::with_capacity(rows.len() + list.len());
        let mut next_item = 0;
        let empty_row = vec![None; lists.len()];
        for (r, row) in rows.iter().enumerate() {
            if let Some(j) = pairing[r] {
                // Items of this list that come before its partner are new rows.
                while next_item < j {
                    if paired_in_list[next_item].is_none() {
                        let mut fresh = empty_row.clone();
                        fresh[k] = Some(next_item);
                        merged_rows.push(fresh);
                        merged_reps.push(list[next_item]);
                    }
                    next_item += 1;
                }
                let mut joined = row.clone();
                joined[k] = Some(j);
                merged_rows.push(joined);
                next_item = j + 1;
            } else {
                merged_rows.push(row.clone());
            }
            merged_reps.push(representatives[r]);
        }
        while next_item < list.len() {
            let mut fresh = empty_row.clone();
            fresh[k] = Some(next_item);
            merged_rows.push(fresh);
            merged_reps.push(list[next_item]);
            next_item += 1;
        }
        rows = merged_rows;
        representatives = merged_reps;
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profiles(vocab: &mut Vocabulary, texts: &[&str]) -> Vec<Profile> {
        texts.iter().map(|t| (*vocab.profile(t)).clone()).collect()
    }

    fn sealed(vocab: &Vocabulary, ps: &mut [Profile]) {
        for p in ps {
            vocab.seal(p);
        }
    }

    #[test]
    fn inserted_paragraph_shifts_the_rest() {
        let mut v = Vocabulary::new();
        let mut base = profiles(
            &mut v,
            &[
                "the digital divide between countries persists",
                "standardization gap remains wide in developing regions",
                "regional offices support coordination of activities",
            ],
        );
        let mut prop = profiles(
            &mut v,
            &[
                "academia participation in study groups is essential",
                "the digital divide between countries still persists",
                "standardization gap remains wide in developing regions",
                "regional offices support coordination of all activities",
            ],
        );
        sealed(&v, &mut base);
        sealed(&v, &mut prop);
        let a: Vec<&Profile> = base.iter().collect();
        let b: Vec<&Profile> = prop.iter().collect();
        let pairs = align(&v, &a, &b, &AlignConfig::default(), &|_, _| 0.0);
        assert_eq!(pairs, vec![Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn unrelated_paragraph_is_not_paired_when_it_has_rivals() {
        let mut v = Vocabulary::new();
        let mut base = profiles(&mut v, &["bees make honey in hives"]);
        let mut prop = profiles(
            &mut v,
            &[
                "satellites orbit the planet slowly",
                "rivers carry silt to the delta",
            ],
        );
        sealed(&v, &mut base);
        sealed(&v, &mut prop);
        let b: Vec<&Profile> = prop.iter().collect();
        let pairs = align(&v, &[&base[0]], &b, &AlignConfig::default(), &|_, _| 0.0);
        assert_eq!(pairs, vec![None]);
    }

    #[test]
    fn sole_candidates_between_neighbours_are_one_paragraph_rewritten() {
        let mut v = Vocabulary::new();
        let mut base = profiles(
            &mut v,
            &[
                "the digital divide between countries persists in many regions",
                "a long description of the fund, its governance, its donors and the reports it files each year",
                "regional offices support coordination of activities",
            ],
        );
        let mut prop = profiles(
            &mut v,
            &[
                "the digital divide between countries persists in many regions",
                "the fund in brief",
                "regional offices support coordination of activities",
            ],
        );
        sealed(&v, &mut base);
        sealed(&v, &mut prop);
        let a: Vec<&Profile> = base.iter().collect();
        let b: Vec<&Profile> = prop.iter().collect();
        let config = AlignConfig::default();
        assert_eq!(
            align(&v, &a, &b, &config, &|_, _| 0.0),
            vec![Some(0), Some(1), Some(2)]
        );
        // Whole texts of one paragraph each are sole candidates too.
        assert_eq!(
            align(&v, &[a[1]], &[b[1]], &config, &|_, _| 0.0),
            vec![Some(0)]
        );
        // Off, or when the proposer marks the paragraph as new, they are not.
        let off = AlignConfig {
            pair_sole_candidates: false,
            ..config
        };
        assert_eq!(
            align(&v, &a, &b, &off, &|_, _| 0.0),
            vec![Some(0), None, Some(2)]
        );
        assert_eq!(
            align(&v, &a, &b, &config, &|_, j| if j == 1 {
                -10.0
            } else {
                0.0
            }),
            vec![Some(0), None, Some(2)]
        );
    }

    #[test]
    fn a_sole_candidate_found_again_elsewhere_is_a_move() {
        let mut v = Vocabulary::new();
        let texts = [
            "members shall report annually to the council on progress",
            "the secretariat keeps the register of accredited observers",
            "fees are waived for least developed countries",
        ];
        let mut base = profiles(&mut v, &texts);
        // The second paragraph moved to the end; a new one took its place.
        let mut prop = profiles(
            &mut v,
            &[
                texts[0],
                "observers may speak with the chair's leave",
                texts[2],
                texts[1],
            ],
        );
        sealed(&v, &mut base);
        sealed(&v, &mut prop);
        let a: Vec<&Profile> = base.iter().collect();
        let b: Vec<&Profile> = prop.iter().collect();
        let pairs = align(&v, &a, &b, &AlignConfig::default(), &|_, _| 0.0);
        assert_eq!(pairs[0], Some(0));
        assert_eq!(pairs[2], Some(2));
        assert_ne!(
            pairs[1],
            Some(1),
            "the moved paragraph is not the new one rewritten"
        );
    }

    #[test]
    fn short_paragraphs_with_one_changed_token_are_paired() {
        let mut v = Vocabulary::new();
        let mut base = profiles(
            &mut v,
            &[
                "TITLE XI—GENERAL PROVISIONS",
                "Sec. 1001.",
                "Two",
                "Short title.",
            ],
        );
        let mut prop = profiles(
            &mut v,
            &[
                "TITLE XII—GENERAL PROVISIONS",
                "Sec. 1101.",
                "Two1",
                "Short title.",
            ],
        );
        sealed(&v, &mut base);
        sealed(&v, &mut prop);
        let a: Vec<&Profile> = base.iter().collect();
        let b: Vec<&Profile> = prop.iter().collect();
        let config = AlignConfig {
            pair_sole_candidates: false,
            ..AlignConfig::default()
        };
        let pairs = align(&v, &a, &b, &config, &|_, _| 0.0);
        assert_eq!(pairs, vec![Some(0), Some(1), Some(2), Some(3)]);
    }

    #[test]
    fn long_anchors_outweigh_a_short_line_that_crosses_them() {
        let mut v = Vocabulary::new();
        let long = [
            "the commission shall adopt implementing acts laying down the format of the annual report",
            "member states shall designate a competent authority responsible for supervising compliance",
        ];
        // Two headings stand before the long paragraphs in the base and
        // after them in the proposal: a longest chain of anchors would keep
        // the two headings and show the long paragraphs as moved.
        let mut base = profiles(&mut v, &["PART TWO", "Chapter 3", long[0], long[1]]);
        let mut prop = profiles(&mut v, &[long[0], long[1], "PART TWO", "Chapter 3"]);
        sealed(&v, &mut base);
        sealed(&v, &mut prop);
        let a: Vec<&Profile> = base.iter().collect();
        let b: Vec<&Profile> = prop.iter().collect();
        let config = AlignConfig {
            pair_sole_candidates: false,
            ..AlignConfig::default()
        };
        let pairs = align(&v, &a, &b, &config, &|_, _| 0.0);
        assert_eq!(pairs, vec![None, None, Some(0), Some(1)]);
    }

    #[test]
    fn heaviest_chain_wins_over_the_longest() {
        // Three light anchors in one order, one heavy anchor crossing them.
        let pairs = [(0, 3), (1, 0), (2, 1), (3, 2)];
        let chain = heaviest_increasing(&pairs, &[10.0, 1.0, 1.0, 1.0], 4);
        assert_eq!(chain, vec![(0, 3)]);
        let chain = heaviest_increasing(&pairs, &[1.0, 1.0, 1.0, 1.0], 4);
        assert_eq!(chain, vec![(1, 0), (2, 1), (3, 2)]);
    }

    #[test]
    fn large_windows_use_candidates_and_keep_order() {
        let mut v = Vocabulary::new();
        let texts_a: Vec<String> = (0..300)
            .map(|i| format!("paragraph number{i} about topic{i} and more"))
            .collect();
        let texts_b: Vec<String> = (0..300)
            .map(|i| format!("paragraph number{i} about topic{i} and some more"))
            .collect();
        let mut pa: Vec<Profile> = texts_a.iter().map(|t| (*v.profile(t)).clone()).collect();
        let mut pb: Vec<Profile> = texts_b.iter().map(|t| (*v.profile(t)).clone()).collect();
        sealed(&v, &mut pa);
        sealed(&v, &mut pb);
        let a: Vec<&Profile> = pa.iter().collect();
        let b: Vec<&Profile> = pb.iter().collect();
        let config = AlignConfig {
            window_limit: 100,
            ..AlignConfig::default()
        };
        // Every paragraph was edited: no anchors, so the one big window is
        // aligned by candidate search, which still pairs them all in order.
        let fallbacks = Cell::new(0);
        let pairs = align_counting(&v, &a, &b, &config, &|_, _| 0.0, &fallbacks);
        assert!(pairs.iter().enumerate().all(|(i, p)| *p == Some(i)));
        assert_eq!(fallbacks.get(), 1);
        // Unchanged paragraphs are anchors: nothing falls back.
        let same = Cell::new(0);
        let pairs = align_counting(&v, &a, &a, &config, &|_, _| 0.0, &same);
        assert!(pairs.iter().enumerate().all(|(i, p)| *p == Some(i)));
        assert_eq!(same.get(), 0);
        // Reversed, order wins over content: some pairs, never crossing.
        let mut shuffled: Vec<&Profile> = b.clone();
        shuffled.reverse();
        let pairs = align_counting(&v, &a, &shuffled, &config, &|_, _| 0.0, &fallbacks);
        assert!(pairs.iter().flatten().count() >= 1);
    }

    #[test]
    fn grouping_shares_rows_for_similar_additions() {
        let mut v = Vocabulary::new();
        let mut x = profiles(
            &mut v,
            &[
                "new text on academia fees",
                "another point about emergency telecommunications",
            ],
        );
        let mut y = profiles(&mut v, &["new text on academia fees and discounts"]);
        sealed(&v, &mut x);
        sealed(&v, &mut y);
        let rows = group_in_order(
            &v,
            &[x.iter().collect(), y.iter().collect()],
            &AlignConfig::default(),
            &Cell::new(0),
        );
        assert_eq!(rows, vec![vec![Some(0), Some(0)], vec![Some(1), None]]);
    }

    #[test]
    fn lis_keeps_longest_chain() {
        let chain = longest_increasing(&[(0, 3), (1, 0), (2, 1), (3, 2), (4, 4)]);
        assert_eq!(chain, vec![(1, 0), (2, 1), (3, 2), (4, 4)]);
    }
}
