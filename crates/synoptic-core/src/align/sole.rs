//! Sole candidates: a paragraph left alone on each side between two
//! paired neighbours is the same paragraph rewritten.

#[allow(unused_imports)]
use super::*;

/// Pairs the items left alone between two paired neighbours (or an end),
/// one on each side: see [`AlignConfig::pair_sole_candidates`].
pub(super) fn pair_sole_candidates(
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
        // A paragraph with no text (a label alone) rewrites nothing, nor
        // does a mark of text left out ("...").
        if pa.key.is_empty()
            || pb.key.is_empty()
            || crate::compare::is_elision(&pa.key)
            || crate::compare::is_elision(&pb.key)
        {
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
pub(super) fn count_keys<'k>(keys: impl Iterator<Item = &'k str>) -> HashMap<&'k str, usize> {
    let mut counts: HashMap<&str, usize> = HashMap::default();
    for key in keys.filter(|k| !k.is_empty()) {
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}
