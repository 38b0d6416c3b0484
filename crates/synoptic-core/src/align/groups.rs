//! Grouping the paragraphs several proposals add at one place into rows.

#[allow(unused_imports)]
use super::*;

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
