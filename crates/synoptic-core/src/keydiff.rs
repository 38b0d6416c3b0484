//! Diffs of token key sequences.
//!
//! Myers' algorithm costs time in proportion to the length times the number
//! of changes: a few microseconds for a paragraph with a few amendments,
//! but hundreds for one an edition rewrote (Darwin's paragraphs, where a
//! handful of such pairs took most of the time). Where the changes are
//! many, a bit-parallel longest common subsequence (Hyyrö's, 64 tokens per
//! machine word) finds an equally short diff in time that does not depend
//! on how much changed. It is also what tells how much changed: up to
//! [`MYERS_MAX_CHANGES`] the diff is Myers', exactly as before. (Where
//! the changes are few, a search bounded by their number tells so first,
//! more cheaply than the rows.)

use similar::{capture_diff_slices, Algorithm, DiffOp};

/// Up to this many inserted and deleted tokens, the diff is Myers'.
pub const MYERS_MAX_CHANGES: usize = 64;

/// Up to this many changes, a bounded search (whose time grows with them)
/// tells that the diff is Myers' more cheaply than the rows would.
const FEW_CHANGES: usize = 16;

/// Middles (what is left after the common prefix and suffix) of at most
/// this many tokens on both sides together go to Myers without a count.
const SMALL_MIDDLE: usize = 96;

/// The most machine words the bit-parallel rows may take (16 MiB); larger
/// middles go to Myers, whose own safeguards bound its work.
const MAX_ROW_WORDS: usize = 1 << 21;

/// The diff of `old` against `new`, grouped as `similar` groups its ops
/// (runs of equal tokens, then a deletion, an insertion or a replacement).
///
/// A shortest diff: no other turns `old` into `new` with fewer inserted and
/// deleted tokens (but for the heuristics Myers' implementation applies to
/// very long inputs).
pub fn diff_keys(old: &[u32], new: &[u32]) -> Vec<DiffOp> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..]
        .iter()
        .rev()
        .zip(new[prefix..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let a = &old[prefix..old.len() - suffix];
    let b = &new[prefix..new.len() - suffix];
    let words = a.len().div_ceil(64);
    if a.is_empty()
        || b.is_empty()
        || a.len() + b.len() <= SMALL_MIDDLE
        || words.saturating_mul(b.len() + 1) > MAX_ROW_WORDS
        || changes_within(a, b, FEW_CHANGES).is_some()
    {
        return myers(old, new);
    }
    let mut spare = SPARE.take().unwrap_or_default();
    let rows = Rows::new(a, b, words, &mut spare);
    // The rows count what a shortest diff changes, in time that does not
    // depend on how much that is (a bounded search of Myers' kind cost as
    // much as the diff itself where the changes were many).
    let changes = a.len() + b.len() - 2 * rows.common(a.len(), b.len());
    let ops = if changes <= MYERS_MAX_CHANGES {
        myers(old, new)
    } else {
        rows.ops(a, b, prefix, suffix)
    };
    spare.bits = rows.bits;
    if spare.bits.capacity() <= MAX_KEPT_WORDS {
        SPARE.set(Some(spare));
    }
    ops
}

/// The most machine words of rows a thread keeps for its next diff (1 MiB).
const MAX_KEPT_WORDS: usize = 1 << 17;

thread_local! {
    /// Buffers kept between diffs on a thread: allocating them afresh for
    /// every diff cost more in page faults than the diff itself.
    static SPARE: std::cell::Cell<Option<Spare>> = const { std::cell::Cell::new(None) };
}

/// The buffers of [`Rows`], between diffs.
#[derive(Default)]
struct Spare {
    bits: Vec<u64>,
    masks: Vec<u64>,
    /// For each key, its mask's index in `masks` (`u32::MAX`: none); all
    /// `u32::MAX` between diffs.
    slot: Vec<u32>,
}

/// The number of tokens a shortest diff of `a` against `b` inserts and
/// deletes, when it is at most `limit`: Myers' greedy forward search, which
/// takes time in proportion to the lengths times that number, so little
/// when the texts are alike and at most `limit` rounds when they are not.
fn changes_within(a: &[u32], b: &[u32], limit: usize) -> Option<usize> {
    let (n, m) = (a.len(), b.len());
    // furthest[k + limit + 1]: how far along `a` diagonal k (x - y) reaches.
    let mut furthest = vec![0usize; 2 * limit + 3];
    let at = |k: isize| (k + limit as isize + 1) as usize;
    for d in 0..=limit as isize {
        for k in (-d..=d).step_by(2) {
            let mut x = if k == -d || (k != d && furthest[at(k - 1)] < furthest[at(k + 1)]) {
                furthest[at(k + 1)]
            } else {
                furthest[at(k - 1)] + 1
            };
            let Some(mut y) = x.checked_add_signed(-k) else {
                continue;
            };
            while x < n && y < m && a[x] == b[y] {
                x += 1;
                y += 1;
            }
            furthest[at(k)] = x;
            if x >= n && y >= m {
                return Some(d as usize);
            }
        }
    }
    None
}

fn myers(old: &[u32], new: &[u32]) -> Vec<DiffOp> {
    if old.len() + new.len() <= SHAPE_TOKENS {
        return myers_by_shape(old, new);
    }
    capture_diff_slices(Algorithm::Myers, old, new)
}

/// Inputs of at most this many tokens on both sides together are diffed
/// once per shape ([`myers_by_shape`]).
const SHAPE_TOKENS: usize = 48;

/// The most shapes a thread keeps; past it, the table starts afresh.
const MAX_SHAPES: usize = 1 << 14;

thread_local! {
    /// The diffs of small inputs already made on this thread, by shape.
    static SHAPES: std::cell::RefCell<Shapes> = std::cell::RefCell::new(Shapes::default());
}

/// Small diffs by the shape of their input, and a buffer for the next shape.
#[derive(Default)]
struct Shapes {
    diffs: rustc_hash::FxHashMap<Box<[u8]>, Vec<DiffOp>>,
    shape: Vec<u8>,
    seen: Vec<u32>,
}

/// [`capture_diff_slices`]'s Myers diff of a small input, made once per
/// shape: the length of `old`, then each key of `old` and `new` as the
/// order in which its value first appears. Myers' implementation looks at
/// the keys only to tell equal from unequal (hashes serve to find equal
/// keys, each confirmed by comparing them), so two inputs of one shape get
/// the same diff. Most of a word diff's small diffs are the white space
/// between rewritten words, a few shapes over and over: each cost as much
/// as a diff of the words of a whole paragraph.
fn myers_by_shape(old: &[u32], new: &[u32]) -> Vec<DiffOp> {
    SHAPES.with(|shapes| {
        let Ok(mut shapes) = shapes.try_borrow_mut() else {
            return capture_diff_slices(Algorithm::Myers, old, new);
        };
        let Shapes { diffs, shape, seen } = &mut *shapes;
        shape.clear();
        seen.clear();
        shape.push(old.len() as u8);
        for &key in old.iter().chain(new) {
            let label = match seen.iter().position(|&k| k == key) {
                Some(label) => label,
                None => {
                    seen.push(key);
                    seen.len() - 1
                }
            };
            shape.push(label as u8);
        }
        if let Some(ops) = diffs.get(shape.as_slice()) {
            return ops.clone();
        }
        let ops = capture_diff_slices(Algorithm::Myers, old, new);
        if diffs.len() >= MAX_SHAPES {
            diffs.clear();
        }
        diffs.insert(shape.as_slice().into(), ops.clone());
        ops
    })
}

/// The bit-parallel rows of the longest common subsequence table: after
/// `j` tokens of `b`, bit `i` of row `j` is clear exactly when the common
/// subsequence of `a[..=i]` and `b[..j]` is one longer than that of
/// `a[..i]` and `b[..j]`.
struct Rows {
    words: usize,
    bits: Vec<u64>,
}

impl Rows {
    fn new(a: &[u32], b: &[u32], words: usize, spare: &mut Spare) -> Rows {
        // Where each token of `a` occurs, as a bit mask per distinct key.
        let largest = a.iter().chain(b).copied().max().unwrap_or(0) as usize;
        let slot = &mut spare.slot;
        if slot.len() <= largest {
            slot.resize(largest + 1, u32::MAX);
        }
        let masks = &mut spare.masks;
        masks.clear();
        for (i, &key) in a.iter().enumerate() {
            let s = match slot[key as usize] {
                u32::MAX => {
                    let s = (masks.len() / words) as u32;
                    masks.resize(masks.len() + words, 0);
                    slot[key as usize] = s;
                    s
                }
                s => s,
            };
            masks[s as usize * words + i / 64] |= 1 << (i % 64);
        }
        let mut bits = std::mem::take(&mut spare.bits);
        bits.clear();
        bits.reserve(words * (b.len() + 1));
        bits.resize(words, u64::MAX);
        let mut v = vec![u64::MAX; words];
        for &key in b {
            if let Some(&s) = slot.get(key as usize).filter(|&&s| s != u32::MAX) {
                let m = &masks[s as usize * words..(s as usize + 1) * words];
                let mut carry = false;
                for (vk, &mk) in v.iter_mut().zip(m) {
                    let u = *vk & mk;
                    let (sum, c1) = vk.overflowing_add(u);
                    let (sum, c2) = sum.overflowing_add(u64::from(carry));
                    carry = c1 || c2;
                    *vk = sum | (*vk & !mk);
                }
            }
            bits.extend_from_slice(&v);
        }
        for &key in a {
            slot[key as usize] = u32::MAX;
        }
        Rows { words, bits }
    }

    /// The length of the longest common subsequence of `a[..i]` and
    /// `b[..j]`.
    fn common(&self, i: usize, j: usize) -> usize {
        let row = &self.bits[j * self.words..(j + 1) * self.words];
        let full = i / 64;
        let mut ones: usize = row[..full].iter().map(|w| w.count_ones() as usize).sum();
        if i % 64 != 0 {
            ones += (row[full] & ((1u64 << (i % 64)) - 1)).count_ones() as usize;
        }
        i - ones
    }

    /// Whether bit `i` of row `j` is clear: the common subsequence of
    /// `a[..=i]` and `b[..j]` is one longer than that of `a[..i]`.
    fn clear(&self, i: usize, j: usize) -> bool {
        self.bits[j * self.words + i / 64] & (1 << (i % 64)) == 0
    }

    /// The ops of a shortest diff, traced back through the rows, with the
    /// common prefix and suffix around them.
    fn ops(&self, a: &[u32], b: &[u32], prefix: usize, suffix: usize) -> Vec<DiffOp> {
        #[derive(Clone, Copy, PartialEq)]
        enum Step {
            Equal,
            Delete,
            Insert,
        }
        let mut steps = Vec::with_capacity(a.len() + b.len());
        // Walking back from the end, a token is matched only when no
        // other step keeps the subsequence as long: matches fall as early
        // as they can, so that an inserted word takes the space after it
        // ("allied {+and +}natural"), as Myers' diffs read.
        // `here` and `left` are the subsequence lengths at (i, j) and
        // (i, j - 1), counted afresh only when the walk leaves a row.
        let (mut i, mut j) = (a.len(), b.len());
        let mut here = self.common(i, j);
        let mut left = if j > 0 { self.common(i, j - 1) } else { 0 };
        while i > 0 && j > 0 {
            if left == here {
                steps.push(Step::Insert);
                j -= 1;
                if j > 0 {
                    left = self.common(i, j - 1);
                }
            } else if !self.clear(i - 1, j) {
                steps.push(Step::Delete);
                left -= usize::from(self.clear(i - 1, j - 1));
                i -= 1;
            } else {
                steps.push(Step::Equal);
                i -= 1;
                j -= 1;
                here -= 1;
                if j > 0 {
                    left = self.common(i, j - 1);
                }
            }
        }
        steps.extend(std::iter::repeat_n(Step::Delete, i));
        steps.extend(std::iter::repeat_n(Step::Insert, j));
        steps.extend(std::iter::repeat_n(Step::Equal, prefix));
        steps.reverse();
        steps.extend(std::iter::repeat_n(Step::Equal, suffix));

        let mut ops = Vec::new();
        let (mut old_index, mut new_index) = (0, 0);
        let mut k = 0;
        while k < steps.len() {
            if steps[k] == Step::Equal {
                let len = steps[k..].iter().take_while(|s| **s == Step::Equal).count();
                ops.push(DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                });
                old_index += len;
                new_index += len;
                k += len;
                continue;
            }
            let run = steps[k..].iter().take_while(|s| **s != Step::Equal).count();
            let old_len = steps[k..k + run]
                .iter()
                .filter(|s| **s == Step::Delete)
                .count();
            let new_len = run - old_len;
            ops.push(match (old_len, new_len) {
                (_, 0) => DiffOp::Delete {
                    old_index,
                    old_len,
                    new_index,
                },
                (0, _) => DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                },
                _ => DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                },
            });
            old_index += old_len;
            new_index += new_len;
            k += run;
        }
        ops
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The longest common subsequence by the textbook table.
    fn lcs_length(a: &[u32], b: &[u32]) -> usize {
        let mut row = vec![0usize; b.len() + 1];
        for &x in a {
            let mut diagonal = 0;
            for (j, &y) in b.iter().enumerate() {
                let up = row[j + 1];
                row[j + 1] = if x == y {
                    diagonal + 1
                } else {
                    row[j + 1].max(row[j])
                };
                diagonal = up;
            }
        }
        row[b.len()]
    }

    /// `new` rebuilt from `old` by the ops, and the number of tokens they
    /// insert and delete.
    fn apply(old: &[u32], new: &[u32], ops: &[DiffOp]) -> (Vec<u32>, usize) {
        let mut out = Vec::new();
        let mut changed = 0;
        let (mut o, mut n) = (0, 0);
        for op in ops {
            match *op {
                DiffOp::Equal {
                    old_index,
                    new_index,
                    len,
                } => {
                    assert_eq!((old_index, new_index), (o, n));
                    assert_eq!(old[o..o + len], new[n..n + len]);
                    out.extend_from_slice(&old[o..o + len]);
                    o += len;
                    n += len;
                }
                DiffOp::Delete {
                    old_index, old_len, ..
                } => {
                    assert_eq!(old_index, o);
                    o += old_len;
                    changed += old_len;
                }
                DiffOp::Insert {
                    new_index, new_len, ..
                } => {
                    assert_eq!(new_index, n);
                    out.extend_from_slice(&new[n..n + new_len]);
                    n += new_len;
                    changed += new_len;
                }
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => {
                    assert_eq!((old_index, new_index), (o, n));
                    out.extend_from_slice(&new[n..n + new_len]);
                    o += old_len;
                    n += new_len;
                    changed += old_len + new_len;
                }
            }
        }
        assert_eq!((o, n), (old.len(), new.len()));
        (out, changed)
    }

    fn sequences() -> impl Strategy<Value = (Vec<u32>, Vec<u32>)> {
        // Few distinct keys, many repeats: the hard case for a diff.
        (
            prop::collection::vec(0u32..6, 0..260),
            prop::collection::vec(0u32..6, 0..260),
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(160))]

        /// Every diff rebuilds the new side and is as short as any.
        #[test]
        fn shortest_and_rebuilds((old, new) in sequences()) {
            let ops = diff_keys(&old, &new);
            let (rebuilt, changed) = apply(&old, &new, &ops);
            prop_assert_eq!(&rebuilt, &new);
            prop_assert_eq!(changed, old.len() + new.len() - 2 * lcs_length(&old, &new));
        }

        /// The bounded search counts what the textbook table counts.
        #[test]
        fn changes_within_counts_the_shortest_diff(
            old in prop::collection::vec(0u32..4, 0..60),
            new in prop::collection::vec(0u32..4, 0..60),
            limit in 0usize..80,
        ) {
            let changes = old.len() + new.len() - 2 * lcs_length(&old, &new);
            let expected = (changes <= limit).then_some(changes);
            prop_assert_eq!(changes_within(&old, &new, limit), expected);
        }

        /// The bit-parallel rows count what the textbook table counts.
        #[test]
        fn rows_count_the_common_subsequence((old, new) in sequences()) {
            prop_assume!(!old.is_empty());
            let rows = Rows::new(&old, &new, old.len().div_ceil(64), &mut Spare::default());
            prop_assert_eq!(rows.common(old.len(), new.len()), lcs_length(&old, &new));
            let (i, j) = (old.len() / 2, new.len() / 3);
            prop_assert_eq!(rows.common(i, j), lcs_length(&old[..i], &new[..j]));
        }

        /// With few changes the diff is Myers' own.
        #[test]
        fn few_changes_are_myers(
            old in prop::collection::vec(0u32..40, 0..300),
            edits in prop::collection::vec((0usize..300, 0u32..40, any::<bool>()), 0..12),
        ) {
            let mut new = old.clone();
            for (at, key, insert) in edits {
                let at = at.min(new.len());
                if insert || at == new.len() {
                    new.insert(at, key);
                } else {
                    new.remove(at);
                }
            }
            prop_assert_eq!(diff_keys(&old, &new), myers(&old, &new));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(512))]

        /// A small diff made from the table of shapes is Myers' own, for
        /// the input that made the shape and for any other of its shape.
        #[test]
        fn diffs_by_shape_are_myers(
            old in prop::collection::vec(0u32..5, 0..26),
            new in prop::collection::vec(0u32..5, 0..26),
            offset in 1u32..1000,
            spread in 1u32..50,
        ) {
            let direct = |o: &[u32], n: &[u32]| capture_diff_slices(Algorithm::Myers, o, n);
            prop_assert_eq!(myers_by_shape(&old, &new), direct(&old, &new));
            // The same shape with other keys: found in the table.
            let other = |keys: &[u32]| -> Vec<u32> {
                keys.iter().map(|k| offset + k * spread).collect()
            };
            let (old2, new2) = (other(&old), other(&new));
            prop_assert_eq!(myers_by_shape(&old2, &new2), direct(&old2, &new2));
            // Old and new cut elsewhere: another shape.
            let mut joined = old.clone();
            joined.extend(&new);
            let cut = joined.len() / 3;
            prop_assert_eq!(
                myers_by_shape(&joined[..cut], &joined[cut..]),
                direct(&joined[..cut], &joined[cut..])
            );
        }
    }

    #[test]
    fn up_to_the_limit_of_changes_the_diff_is_myers() {
        // Every fifth token replaced: two changes each, spread out so that
        // the middle is long.
        let replaced = |count: u32| -> (Vec<u32>, Vec<u32>) {
            let old: Vec<u32> = (0..200).collect();
            let mut new = old.clone();
            for k in 0..count {
                new[(5 * k + 2) as usize] = 1000 + k;
            }
            (old, new)
        };
        let limit = MYERS_MAX_CHANGES as u32 / 2;
        let (old, new) = replaced(limit);
        assert_eq!(diff_keys(&old, &new), myers(&old, &new));
        let (old, new) = replaced(limit + 1);
        // The last change is at 162: 37 equal tokens follow.
        let (a, b) = (&old[2..old.len() - 37], &new[2..new.len() - 37]);
        let rows = Rows::new(a, b, a.len().div_ceil(64), &mut Spare::default());
        assert_eq!(diff_keys(&old, &new), rows.ops(a, b, 2, 37));
    }

    #[test]
    fn changes_within_lopsided_lengths() {
        assert_eq!(changes_within(&[], &[1, 2, 3], 5), Some(3));
        assert_eq!(changes_within(&[1, 2, 3], &[], 5), Some(3));
        assert_eq!(changes_within(&[1], &[2, 2, 2, 2], 5), Some(5));
        assert_eq!(changes_within(&[1], &[2, 2, 2, 2], 4), None);
        assert_eq!(changes_within(&[2, 2, 2, 2, 2, 2], &[2], 5), Some(5));
        assert_eq!(changes_within(&[], &[], 0), Some(0));
    }

    #[test]
    fn rewritten_text_is_one_replacement_between_shared_ends() {
        let old: Vec<u32> = (0..200).collect();
        let mut new: Vec<u32> = (0..20).collect();
        new.extend(1000..1150);
        new.extend(180..200);
        let ops = diff_keys(&old, &new);
        assert_eq!(
            ops,
            vec![
                DiffOp::Equal {
                    old_index: 0,
                    new_index: 0,
                    len: 20
                },
                DiffOp::Replace {
                    old_index: 20,
                    old_len: 160,
                    new_index: 20,
                    new_len: 150
                },
                DiffOp::Equal {
                    old_index: 180,
                    new_index: 170,
                    len: 20
                },
            ]
        );
    }
}
