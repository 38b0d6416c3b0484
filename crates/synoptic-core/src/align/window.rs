//! The windows between anchors: aligned exactly when small, by candidate
//! search on rare words when too large.

#[allow(unused_imports)]
use super::*;

#[allow(clippy::too_many_arguments)]
pub(super) fn align_window(
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
pub(super) fn number_keys<'p>(
    numbers: &mut HashMap<&'p str, u32>,
    side: &[&'p Profile],
) -> Vec<u32> {
    side.iter()
        .map(|p| {
            let next = numbers.len() as u32;
            *numbers.entry(p.key.as_str()).or_insert(next)
        })
        .collect()
}

/// The pairing that maximises the summed positive scores, by dynamic
/// programming over the whole window.
pub(super) fn exact_pairs(
    n: usize,
    m: usize,
    score: impl Fn(usize, usize) -> f64,
) -> Vec<(usize, usize)> {
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
pub(super) fn candidate_pairs(
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
