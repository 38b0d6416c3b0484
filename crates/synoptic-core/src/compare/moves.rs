//! Paragraphs deleted in one place and added in another, marked as moved.

#[allow(unused_imports)]
use super::*;

/// Pairs each proposal's deleted paragraphs with its added ones that say
/// nearly the same thing: the paragraph moved.
pub(super) fn mark_moves(synopsis: &mut Synopsis, options: &CompareOptions) {
    let columns = synopsis.proposal_columns();
    let text = synopsis.base_text_len();
    // Each proposal's moves are its own: found on all threads, marked in
    // column order.
    let found = par::map(text >= par::MIN_PARALLEL_BYTES, &columns, |&c| {
        moves_of(synopsis, c, options)
    });
    for (&c, found) in columns.iter().zip(found) {
        match found {
            Ok(moves) => {
                for (dr, ar) in moves {
                    let to = synopsis.rows[ar].id.clone();
                    let from = synopsis.rows[dr].id.clone();
                    synopsis.rows[dr].cells[c].moved = Some(to);
                    synopsis.rows[ar].cells[c].moved = Some(from);
                }
            }
            Err(note) => synopsis.notes.push(note),
        }
    }
}

/// The moves of the proposal in column `c`: pairs of the row it deletes a
/// paragraph from and the row it adds it in; a note instead when there
/// are too many pairs to compare.
fn moves_of(
    synopsis: &Synopsis,
    c: usize,
    options: &CompareOptions,
) -> Result<Vec<(usize, usize)>, String> {
    // Bounded so that a hostile input (many paragraphs of the same words)
    // cannot make comparing them blow up.
    const MAX_PAIRS: usize = 250_000;
    let deleted: Vec<usize> = (0..synopsis.rows.len())
        .filter(|&r| {
            let row = &synopsis.rows[r];
            row.kind == RowKind::Paragraph && row.cells[c].status == Status::Deleted
        })
        .collect();
    let added: Vec<usize> = (0..synopsis.rows.len())
        .filter(|&r| {
            let row = &synopsis.rows[r];
            row.kind == RowKind::Paragraph
                && matches!(row.cells[c].status, Status::Added)
                && row.cells[c].moved.is_none()
        })
        .collect();
    if deleted.is_empty() || added.is_empty() {
        return Ok(Vec::new());
    }
    let mut scratch = Vocabulary::new();
    let del_profiles: Vec<Arc<Profile>> = deleted
        .iter()
        .map(|&r| scratch.profile(synopsis.rows[r].base_text.as_deref().unwrap_or("")))
        .collect();
    let add_profiles: Vec<Arc<Profile>> = added
        .iter()
        .map(|&r| scratch.profile(&synopsis.rows[r].cells[c].text))
        .collect();
    // A vocabulary of just these paragraphs: rare words among them are
    // what tells a moved paragraph from a merely similar one.
    scratch.seal_all();
    let Some(mut candidates) = alike_pairs(
        &scratch,
        &del_profiles,
        &add_profiles,
        options.move_threshold,
        MAX_PAIRS,
    ) else {
        return Err(format!(
            "{}: moves not detected ({} deleted × {} added paragraphs share too many words: over the limit of {} pairs to compare)",
            synopsis.versions[c].label,
            deleted.len(),
            added.len(),
            MAX_PAIRS
        ));
    };
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut used_del = vec![false; deleted.len()];
    let mut used_add = vec![false; added.len()];
    let mut moves = Vec::new();
    for (_, i, j) in candidates {
        if used_del[i] || used_add[j] {
            continue;
        }
        used_del[i] = true;
        used_add[j] = true;
        moves.push((deleted[i], added[j]));
    }
    Ok(moves)
}

/// The pairs of a `left` and a `right` profile at least `threshold` alike
/// (weighted Dice), with their similarity, in no particular order; `None`
/// when more than `limit` pairs would have to be scored.
///
/// Exact, without scoring every pair (a prefix filter): two profiles that
/// alike share at least `threshold / (2 - threshold)` of the weight of
/// each, so each needs only its rarest words up to the point where the
/// rest weighs less than that. Two profiles whose such prefixes share no
/// word cannot be that alike: only pairs that share one are scored.
pub(super) fn alike_pairs(
    vocab: &Vocabulary,
    left: &[Arc<Profile>],
    right: &[Arc<Profile>],
    threshold: f64,
    limit: usize,
) -> Option<Vec<(f64, usize, usize)>> {
    let mut pairs = Vec::new();
    if threshold <= 0.0 || threshold >= 2.0 {
        if left.len().saturating_mul(right.len()) > limit {
            return None;
        }
        for (i, a) in left.iter().enumerate() {
            for (j, b) in right.iter().enumerate() {
                let s = vocab.similarity(a, b);
                if s >= threshold {
                    pairs.push((s, i, j));
                }
            }
        }
        return Some(pairs);
    }
    let share = threshold / (2.0 - threshold);
    // Rarest first; the id breaks ties, so the order is the same for all.
    let order = |a: &(u32, u32), b: &(u32, u32)| {
        vocab
            .weight(b.0)
            .total_cmp(&vocab.weight(a.0))
            .then(a.0.cmp(&b.0))
    };
    let prefix = |p: &Profile| -> Vec<u32> {
        let mut words = p.words().to_vec();
        words.sort_by(order);
        // A little below the bound, so that rounding never cuts a word
        // the pair needs.
        let needed = share * vocab.total_weight(p) * (1.0 - 1e-9);
        let mut rest = vocab.total_weight(p);
        let mut out = Vec::new();
        for (id, n) in words {
            if rest < needed {
                break;
            }
            rest -= vocab.weight(id) * f64::from(n);
            out.push(id);
        }
        out
    };
    let mut by_word: HashMap<u32, Vec<usize>> = HashMap::new();
    let mut by_key: HashMap<&str, Vec<usize>> = HashMap::new();
    for (j, b) in right.iter().enumerate() {
        for w in prefix(b) {
            by_word.entry(w).or_default().push(j);
        }
        if !b.key.is_empty() {
            by_key.entry(b.key.as_str()).or_default().push(j);
        }
    }
    let mut scored = 0usize;
    let mut seen = vec![usize::MAX; right.len()];
    let mut scorer = vocab.scorer();
    for (i, a) in left.iter().enumerate() {
        scorer.set(a, i.checked_sub(1).map(|before| &*left[before]));
        let words = prefix(a);
        let same_key = by_key.get(a.key.as_str()).filter(|_| !a.key.is_empty());
        let found = words
            .iter()
            .filter_map(|w| by_word.get(w))
            .chain(same_key)
            .flatten();
        for &j in found {
            if seen[j] == i {
                continue;
            }
            seen[j] = i;
            scored += 1;
            if scored > limit {
                return None;
            }
            let s = scorer.score(a, &right[j]);
            if s >= threshold {
                pairs.push((s, i, j));
            }
        }
    }
    Some(pairs)
}

/// Links the paragraphs a proposal split off or joined on: an added
/// paragraph whose words the neighbouring row's cell deletes (the proposer
/// split that paragraph there), and a deleted paragraph whose words the
/// neighbouring row's cell inserts (the proposer joined the two). Each is
/// marked as moved to or from that row, so that the split-off sentence
/// reads as the base's words gone elsewhere, not as new text.
pub(super) fn mark_splits_and_joins(synopsis: &mut Synopsis, options: &CompareOptions) {
    let columns = synopsis.proposal_columns();
    let text = synopsis.base_text_len();
    // A cell's link depends on the rows as they were before any is linked
    // (a cell linked here is never looked at again): each proposal's are
    // found on all threads, then set in column order.
    let found = par::map(text >= par::MIN_PARALLEL_BYTES, &columns, |&c| {
        splits_and_joins_of(synopsis, c, options)
    });
    for (&c, links) in columns.iter().zip(found) {
        for (r, n) in links {
            let other = synopsis.rows[n].id.clone();
            synopsis.rows[r].cells[c].moved = Some(other);
        }
    }
}

/// The paragraphs the proposal in column `c` splits or joins: pairs of the
/// row of the added (or deleted) paragraph and the row beside it whose
/// changes hold its words.
fn splits_and_joins_of(
    synopsis: &Synopsis,
    c: usize,
    options: &CompareOptions,
) -> Vec<(usize, usize)> {
    let mut links = Vec::new();
    for (r, row) in synopsis.rows.iter().enumerate() {
        let cell = &row.cells[c];
        if row.kind != RowKind::Paragraph || cell.moved.is_some() {
            continue;
        }
        let (words, kind) = match cell.status {
            Status::Added => (cell.text.as_str(), ChangeKind::Delete),
            Status::Deleted => (row.base_text.as_deref().unwrap_or(""), ChangeKind::Insert),
            _ => continue,
        };
        let words = comparable_words(words);
        if words.len() < 3 {
            continue;
        }
        let found = [
            neighbour(synopsis, r, c, false),
            neighbour(synopsis, r, c, true),
        ]
        .into_iter()
        .flatten()
        .map(|n| {
            let changed: Vec<String> = synopsis.rows[n].cells[c]
                .ops
                .iter()
                .filter(|o| o.kind == kind)
                .flat_map(|o| comparable_words(o.text.as_str()))
                .collect();
            (covered(&words, &changed), n)
        })
        .filter(|(share, _)| *share >= options.move_threshold)
        .max_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)));
        if let Some((_, n)) = found {
            links.push((r, n));
        }
    }
    links
}

/// The nearest paragraph row before (or after) row `r` that version `c`
/// modifies, passing over rows the version has no part in (other
/// proposals' additions).
fn neighbour(synopsis: &Synopsis, r: usize, c: usize, after: bool) -> Option<usize> {
    let mut at = r;
    for _ in 0..4 {
        at = if after {
            Some(at + 1).filter(|&n| n < synopsis.rows.len())?
        } else {
            at.checked_sub(1)?
        };
        let row = &synopsis.rows[at];
        match row.cells[c].status {
            Status::Absent => continue,
            Status::Modified if row.kind == RowKind::Paragraph => return Some(at),
            _ => return None,
        }
    }
    None
}

/// Words in lower case without the punctuation around them.
fn comparable_words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// The share of `words` found among `among` (counted as bags).
fn covered(words: &[String], among: &[String]) -> f64 {
    let mut pool: BTreeMap<&str, usize> = BTreeMap::new();
    for w in among {
        *pool.entry(w.as_str()).or_insert(0) += 1;
    }
    let mut found = 0usize;
    for w in words {
        if let Some(n) = pool.get_mut(w.as_str()).filter(|n| **n > 0) {
            *n -= 1;
            found += 1;
        }
    }
    found as f64 / words.len().max(1) as f64
}

/// Without a base: the version whose order of paragraphs the others keep
/// best, when it is not `pivot` and puts fewer paragraphs out of order
/// than `pivot` does. A version's order is read off the rows (its cells
/// in row order), a paragraph being the same in two versions when they
/// share its row, or when one moved it there from the row the other has
/// it in. Versions are tried in `canonical` order, so ties go the same
/// way whatever the order of the inputs.
pub(super) fn steadier_pivot(
    synopsis: &Synopsis,
    pivot: usize,
    canonical: &[usize],
) -> Option<usize> {
    const MAX_VERSIONS: usize = 64;
    let columns = synopsis.versions.len();
    if columns > MAX_VERSIONS
        || !synopsis
            .rows
            .iter()
            .any(|r| r.cells.iter().any(|c| c.moved.is_some()))
    {
        return None;
    }
    let index: HashMap<&str, usize> = synopsis
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    // The versions' columns, in the order of the inputs (past the column
    // of the inferred base).
    let proposals: Vec<usize> = (0..columns)
        .filter(|&c| synopsis.versions[c].role != Role::Base)
        .collect();
    // For each version: the row of each of its paragraphs (the row it
    // moved from, for a moved one), in its own order.
    let orders: Vec<Vec<usize>> = proposals
        .iter()
        .map(|&c| {
            synopsis
                .rows
                .iter()
                .enumerate()
                .filter_map(|(r, row)| {
                    let cell = row.cells.get(c)?;
                    match cell.status {
                        Status::Unchanged | Status::Modified => Some(r),
                        Status::Added => {
                            let from = cell
                                .moved
                                .as_deref()
                                .and_then(|id| index.get(id).copied())
                                .filter(|&f| {
                                    synopsis.rows[f]
                                        .cells
                                        .get(c)
                                        .is_some_and(|o| o.status == Status::Deleted)
                                });
                            Some(from.unwrap_or(r))
                        }
                        Status::Deleted | Status::Absent => None,
                    }
                })
                .collect()
        })
        .collect();
    // ranks[w][row]: where version w has that row's paragraph in its own
    // order (once per version, not per pair).
    let ranks: Vec<Vec<Option<usize>>> = orders
        .iter()
        .map(|order| {
            let mut rank = vec![None; synopsis.rows.len()];
            for (k, &r) in order.iter().enumerate() {
                rank[r] = Some(k);
            }
            rank
        })
        .collect();
    let out_of_order = |v: usize, w: usize| -> usize {
        let mut tails: Vec<usize> = Vec::new();
        let mut common = 0usize;
        for &r in &orders[v] {
            let Some(k) = ranks[w][r] else { continue };
            common += 1;
            let at = tails.partition_point(|&t| t < k);
            if at == tails.len() {
                tails.push(k);
            } else {
                tails[at] = k;
            }
        }
        common - tails.len()
    };
    let total = |v: usize| -> usize {
        (0..orders.len())
            .filter(|&w| w != v)
            .map(|w| out_of_order(v, w))
            .sum()
    };
    let at_pivot = total(pivot);
    let mut best: Option<(usize, usize)> = None;
    for &v in canonical {
        if v == pivot || orders.get(v).is_none_or(Vec::is_empty) {
            continue;
        }
        let t = total(v);
        if t < at_pivot && best.is_none_or(|(_, b)| t < b) {
            best = Some((v, t));
        }
    }
    best.map(|(v, _)| v)
}
