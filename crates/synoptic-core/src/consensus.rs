//! Inferring a base text from what the versions share.
//!
//! When no base is given, each row's base is the text the versions agree
//! on, word by word: the versions are compared with the most central one
//! (the medoid); a word is kept when more than one version has it and no
//! other reading at that place has more votes (a plurality), an insertion
//! when a majority inserts the same words at the same place. Where each
//! version has its own word, the common text has none of them, so no
//! version's reading passes for the common one; where two readings tie,
//! each shared by more than one version, both stay (where the tie stands
//! alone).

use std::collections::BTreeMap;

use similar::DiffOp;

use crate::diff::{word_ops_of, Words};
use crate::similarity::counted;

use crate::tokens::{interned_keys, tokenize, Token, TokenKind};

/// The text a majority of `texts` share, word by word.
///
/// With one text, that text; when all are equal, that text. The words and
/// spacing are taken as the medoid (the text closest to all others) writes
/// them. Ties keep the earlier text, so callers pass texts in a canonical
/// order.
pub fn majority_text(texts: &[&str]) -> String {
    match texts {
        [] => String::new(),
        [only] => (*only).to_string(),
        _ if texts.iter().all(|t| *t == texts[0]) => texts[0].to_string(),
        _ => {
            let tokens: Vec<Vec<Token<'_>>> = texts.iter().map(|t| tokenize(t)).collect();
            let sequences: Vec<&[Token<'_>]> = tokens.iter().map(Vec::as_slice).collect();
            let keys = interned_keys(&sequences);
            let keys: Vec<&[u32]> = keys.iter().map(Vec::as_slice).collect();
            consensus(&sequences, &keys).text
        }
    }
}

/// The text a majority of several versions share, and how it was found.
#[derive(Debug, Clone, PartialEq)]
pub struct Consensus {
    /// The shared text, as [`majority_text`] gives it.
    pub text: String,
    /// The index of the medoid: the text closest to all others, whose words
    /// and spacing the shared text keeps.
    pub medoid: usize,
    /// For each text, the diff of the medoid's token keys against its own
    /// (empty for the medoid): when the shared text is the medoid's, these
    /// are the texts' diffs against it.
    pub diffs: Vec<Vec<DiffOp>>,
}

/// [`majority_text`] of texts already tokenised (`tokens[i]` is
/// [`tokenize`] of the i-th text, `keys[i]` the numbers of its tokens' keys,
/// as [`interned_keys`] gives them), with the medoid and its diffs.
pub fn consensus(tokens: &[&[Token<'_>]], keys: &[&[u32]]) -> Consensus {
    let words: Vec<Words> = tokens
        .iter()
        .zip(keys)
        .map(|(t, k)| Words::of(t, k))
        .collect();
    consensus_of(tokens, keys, &words)
}

/// [`consensus`] of texts whose [`Words`] are known (`words[i]` those of
/// the i-th text), as a caller diffing them again has them.
pub(crate) fn consensus_of(tokens: &[&[Token<'_>]], keys: &[&[u32]], words: &[Words]) -> Consensus {
    let medoid = medoid(keys);
    let pivot = match tokens.get(medoid) {
        Some(pivot) => pivot,
        None => {
            return Consensus {
                text: String::new(),
                medoid: 0,
                diffs: Vec::new(),
            }
        }
    };
    let n = pivot.len();
    // keep[t]: versions having pivot token t as it is. regions: a stretch of
    // the pivot replaced (or deleted, with empty text) by some versions,
    // with their count. inserted[t]: words put before pivot token t.
    let mut keep = vec![1usize; n];
    let mut regions: BTreeMap<(usize, usize, String), usize> = BTreeMap::new();
    // (Both made only where some version has words: most places have
    // none, and an empty map at each cost more than the rest.)
    let mut inserted: Vec<Option<BTreeMap<String, usize>>> = vec![None; n + 1];
    // readings[t]: the words (trimmed) that versions put at pivot token t,
    // inserted there or replacing a stretch that starts there.
    let mut readings: Vec<Option<BTreeMap<String, usize>>> = vec![None; n + 1];
    let mut diffs: Vec<Vec<DiffOp>> = Vec::with_capacity(tokens.len());
    for (v, other) in tokens.iter().enumerate() {
        if v == medoid {
            diffs.push(Vec::new());
            continue;
        }
        let text_of = |from: usize, len: usize| -> String {
            other[from..from + len].iter().map(|t| t.text).collect()
        };
        // Versions written alike (as several editions are) diff alike.
        let ops = match (0..v).find(|&w| w != medoid && keys[w] == keys[v]) {
            Some(w) => diffs[w].clone(),
            None => match (words.get(medoid), words.get(v)) {
                (Some(pivot_words), Some(words)) => {
                    word_ops_of((pivot, keys[medoid], pivot_words), (other, keys[v], words))
                }
                _ => word_ops_of(
                    (pivot, keys[medoid], &Words::of(pivot, keys[medoid])),
                    (other, keys[v], &Words::of(other, keys[v])),
                ),
            },
        };
        // Votes are counted on the diff with every insertion and deletion
        // as far left as it can go: of two equally short diffs, versions
        // that differ elsewhere would otherwise keep different copies of a
        // repeated word, and each copy would seem to have their votes.
        let mut voting = ops.clone();
        shift_left(&mut voting, keys[medoid], keys[v]);
        for &op in &voting {
            match op {
                DiffOp::Equal { old_index, len, .. } => {
                    for k in keep.iter_mut().skip(old_index).take(len) {
                        *k += 1;
                    }
                }
                DiffOp::Insert {
                    old_index,
                    new_index,
                    new_len,
                } => {
                    let text = text_of(new_index, new_len);
                    *readings[old_index]
                        .get_or_insert_default()
                        .entry(text.trim().to_string())
                        .or_insert(0) += 1;
                    *inserted[old_index]
                        .get_or_insert_default()
                        .entry(text)
                        .or_insert(0) += 1;
                }
                DiffOp::Delete {
                    old_index, old_len, ..
                } => {
                    *regions
                        .entry((old_index, old_index + old_len, String::new()))
                        .or_insert(0) += 1;
                }
                DiffOp::Replace {
                    old_index,
                    old_len,
                    new_index,
                    new_len,
                } => {
                    let text = text_of(new_index, new_len);
                    *readings[old_index]
                        .get_or_insert_default()
                        .entry(text.trim().to_string())
                        .or_insert(0) += 1;
                    *regions
                        .entry((old_index, old_index + old_len, text))
                        .or_insert(0) += 1;
                }
            }
        }
        diffs.push(ops);
    }
    // A replacement wins where more versions make it than keep the pivot's
    // words (a plurality: three versions reading 12, 21 and 15 keep 12);
    // overlapping winners are taken by votes, then by position.
    let mut winners: Vec<(usize, usize, usize, &String)> = regions
        .iter()
        .filter(|((start, end, _), count)| {
            let kept = keep[*start..*end].iter().copied().min().unwrap_or(0);
            **count > kept
        })
        .map(|((start, end, text), count)| (*count, *start, *end, text))
        .collect();
    winners.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut taken: Vec<Option<(usize, &String)>> = vec![None; n];
    let mut covered = vec![false; n];
    for (_, start, end, text) in winners {
        if covered[start..end].iter().any(|c| *c) {
            continue;
        }
        for c in &mut covered[start..end] {
            *c = true;
        }
        if start < n {
            taken[start] = Some((end, text));
        }
    }
    let majority = |count: usize| count * 2 > tokens.len();
    // The words a majority inserts before each pivot token, if any (found
    // once for the two walks below; most places have no insertion at all).
    let insertions: Vec<Option<&String>> = inserted
        .iter()
        .map(|here| {
            here.iter()
                .flatten()
                .filter(|(_, c)| majority(**c))
                .max_by_key(|(_, c)| **c)
                .map(|(text, _)| text)
        })
        .collect();
    // A reading that more than one version shares, and that has as many
    // votes as the pivot's word it stands against, is as much the common
    // text as that word: on such a tie both stay, in the pivot's order, so
    // that neither the versions' order nor the choice of pivot decides
    // between them. Only where the tie stands alone: ties a few words
    // apart are two camps rewriting a passage each their own way, and
    // keeping both sides of each would braid the two passages word by word.
    let mut ties: Vec<(usize, &String)> = Vec::new();
    for t in 0..n {
        if taken[t].is_some() || covered[t] {
            continue;
        }
        let inserted_here = insertions[t];
        let tied = readings[t]
            .iter()
            .flatten()
            .filter(|(text, c)| {
                **c >= 2
                    && **c >= keep[t]
                    // Two marks of punctuation side by side ("; :") read
                    // as neither: the pivot's stays.
                    && text.chars().any(char::is_alphanumeric)
                    && inserted_here.is_none_or(|m| m.trim() != text.as_str())
            })
            .max_by_key(|(_, c)| **c);
        if let Some((text, _)) = tied {
            ties.push((t, text));
        }
    }
    let words_before: Vec<usize> = pivot
        .iter()
        .scan(0usize, |words, token| {
            let before = *words;
            *words += usize::from(token.kind != TokenKind::Space);
            Some(before)
        })
        .collect();
    const APART: usize = 4;
    let alone: Vec<Option<&String>> = {
        let mut alone = vec![None; n];
        for (i, &(t, text)) in ties.iter().enumerate() {
            let near = |other: Option<&(usize, &String)>| {
                other.is_some_and(|&(u, _)| words_before[t].abs_diff(words_before[u]) <= APART)
            };
            if !near(i.checked_sub(1).and_then(|j| ties.get(j))) && !near(ties.get(i + 1)) {
                alone[t] = Some(text);
            }
        }
        alone
    };
    let mut out = String::new();
    let mut t = 0;
    while t <= n {
        if let Some(text) = insertions[t] {
            push_joined(&mut out, text);
        }
        if t == n {
            break;
        }
        if let Some(text) = alone[t] {
            push_joined(&mut out, text);
            push_joined(&mut out, " ");
        }
        match taken[t] {
            Some((end, text)) => {
                push_joined(&mut out, text);
                t = end;
            }
            None => {
                // A word stays when more than one version has it (and no
                // other reading has more votes, see the winners above):
                // where each version has its own word, the common text is
                // silent and each version's word shows as its own. (White
                // space stays between the words around it.)
                if keep[t] >= 2 || pivot[t].kind == TokenKind::Space {
                    push_joined(&mut out, pivot[t].text);
                }
                t += 1;
            }
        }
    }
    // Words dropped at the end leave the space before them behind.
    if !pivot.last().is_some_and(|t| t.kind == TokenKind::Space) {
        let kept = out.trim_end().len();
        out.truncate(kept);
    }
    Consensus {
        text: out,
        medoid,
        diffs,
    }
}

/// Moves each insertion and deletion of `ops` (a diff of `old` against
/// `new` keys) as far left as the equal text before it allows, leaving at
/// least one equal token between two edits: one canonical diff among the
/// equally short ones.
fn shift_left(ops: &mut Vec<DiffOp>, old: &[u32], new: &[u32]) {
    let mut i = 1;
    while i < ops.len() {
        let DiffOp::Equal {
            old_index: eo,
            new_index: en,
            len: elen,
        } = ops[i - 1]
        else {
            i += 1;
            continue;
        };
        // At least one equal token stays between two edits, so that they
        // are never merged into one.
        let room = if i == 1 { elen } else { elen.saturating_sub(1) };
        let (shift, end_old, end_new) = match ops[i] {
            DiffOp::Delete {
                old_index,
                old_len,
                new_index,
            } => {
                let mut k = 0;
                while k < room && old[old_index - 1 - k] == old[old_index + old_len - 1 - k] {
                    k += 1;
                }
                if k > 0 {
                    ops[i] = DiffOp::Delete {
                        old_index: old_index - k,
                        old_len,
                        new_index: new_index - k,
                    };
                }
                (k, old_index + old_len, new_index)
            }
            DiffOp::Insert {
                old_index,
                new_index,
                new_len,
            } => {
                let mut k = 0;
                while k < room && new[new_index - 1 - k] == new[new_index + new_len - 1 - k] {
                    k += 1;
                }
                if k > 0 {
                    ops[i] = DiffOp::Insert {
                        old_index: old_index - k,
                        new_index: new_index - k,
                        new_len,
                    };
                }
                (k, old_index, new_index + new_len)
            }
            _ => (0, 0, 0),
        };
        if shift == 0 {
            i += 1;
            continue;
        }
        if shift == elen {
            ops.remove(i - 1);
            i -= 1;
        } else {
            ops[i - 1] = DiffOp::Equal {
                old_index: eo,
                new_index: en,
                len: elen - shift,
            };
        }
        match ops.get_mut(i + 1) {
            Some(DiffOp::Equal {
                old_index,
                new_index,
                len,
            }) if *old_index == end_old && *new_index == end_new => {
                *old_index -= shift;
                *new_index -= shift;
                *len += shift;
            }
            _ => ops.insert(
                i + 1,
                DiffOp::Equal {
                    old_index: end_old - shift,
                    new_index: end_new - shift,
                    len: shift,
                },
            ),
        }
        i += 1;
    }
}

/// Appends a piece of the merged text, dropping its leading white space
/// where the text so far already ends in some: where a minority's words
/// were left out, the spaces on both sides of them would otherwise double.
/// Spacing the versions agree on is kept exactly as written.
fn push_joined(out: &mut String, piece: &str) {
    if out.is_empty() || ends_blank(out) {
        let trimmed = piece.trim_start();
        if out.is_empty() && trimmed.len() != piece.len() {
            // Leading white space of the whole text is the pivot's own.
            out.push_str(piece);
        } else {
            out.push_str(trimmed);
        }
    } else {
        out.push_str(piece);
    }
}

/// Whether `text` ends in white space: told from its last byte when that
/// is ASCII (most text), without decoding a character.
fn ends_blank(text: &str) -> bool {
    match text.as_bytes().last() {
        None => false,
        // The ASCII characters `char::is_whitespace` holds to be white.
        Some(&b) if b.is_ascii() => matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r'),
        Some(_) => text.ends_with(char::is_whitespace),
    }
}

/// The index of the text sharing most tokens with all others, counting
/// shared tokens as a bag (order aside): a linear pass per pair, where a
/// diff per pair would be quadratic in the number of versions' words.
fn medoid(keys: &[&[u32]]) -> usize {
    // Token numbers are dense (0, 1, 2, ... in order of first sight): a
    // count per number and text, where that stays small, else sorted bags.
    let numbers = keys
        .iter()
        .flat_map(|k| k.iter())
        .max()
        .map_or(0, |&m| m as usize + 1);
    medoid_by(keys, keys.len().saturating_mul(numbers) <= 1 << 20)
}

fn medoid_by(keys: &[&[u32]], by_counts: bool) -> usize {
    let numbers = keys
        .iter()
        .flat_map(|k| k.iter())
        .max()
        .map_or(0, |&m| m as usize + 1);
    let totals: Vec<usize> = if by_counts {
        let counts: Vec<Vec<u32>> = keys
            .iter()
            .map(|k| {
                let mut c = vec![0u32; numbers];
                for &id in k.iter() {
                    c[id as usize] += 1;
                }
                c
            })
            .collect();
        let shared = |a: &[u32], b: &[u32]| -> usize {
            a.iter().zip(b).map(|(x, y)| (*x).min(*y) as usize).sum()
        };
        sum_over_others(&counts, |a, b| shared(a, b))
    } else {
        let bags: Vec<Vec<(u32, u32)>> = keys
            .iter()
            .map(|k| {
                let mut sorted = k.to_vec();
                sorted.sort_unstable();
                counted(&sorted)
            })
            .collect();
        let shared = |a: &[(u32, u32)], b: &[(u32, u32)]| -> usize {
            let (mut i, mut j, mut n) = (0, 0, 0usize);
            while i < a.len() && j < b.len() {
                match a[i].0.cmp(&b[j].0) {
                    std::cmp::Ordering::Less => i += 1,
                    std::cmp::Ordering::Greater => j += 1,
                    std::cmp::Ordering::Equal => {
                        n += a[i].1.min(b[j].1) as usize;
                        i += 1;
                        j += 1;
                    }
                }
            }
            n
        };
        sum_over_others(&bags, |a, b| shared(a, b))
    };
    let mut best: Option<(usize, usize)> = None;
    for (i, &total) in totals.iter().enumerate() {
        if best.is_none_or(|(_, most)| total > most) {
            best = Some((i, total));
        }
    }
    best.map_or(0, |(i, _)| i)
}

/// For each item, the sum of `shared` with every other item (computed once
/// per pair).
fn sum_over_others<T>(items: &[Vec<T>], shared: impl Fn(&[T], &[T]) -> usize) -> Vec<usize> {
    let mut totals = vec![0usize; items.len()];
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            let n = shared(&items[i], &items[j]);
            totals[i] += n;
            totals[j] += n;
        }
    }
    totals
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Counting per token number and merging sorted bags agree.
        #[test]
        fn medoid_both_ways(keys in proptest::collection::vec(proptest::collection::vec(0u32..30, 0..40), 1..7)) {
            let keys: Vec<&[u32]> = keys.iter().map(Vec::as_slice).collect();
            proptest::prop_assert_eq!(medoid_by(&keys, true), medoid_by(&keys, false));
        }
    }

    #[test]
    fn ends_blank_as_is_whitespace_tells() {
        for c in (0u32..0x3100).filter_map(char::from_u32) {
            let text = format!("ab{c}");
            assert_eq!(ends_blank(&text), c.is_whitespace(), "{c:?}");
        }
        assert!(!ends_blank(""));
    }

    #[test]
    fn unanimous_and_single() {
        assert_eq!(majority_text(&["a b c"]), "a b c");
        assert_eq!(majority_text(&["a b c", "a b c"]), "a b c");
        assert_eq!(majority_text(&[]), "");
    }

    #[test]
    fn each_version_edits_a_different_place() {
        let texts = [
            "the quick brown fox jumps over the lazy dog",
            "the slow brown fox jumps over the lazy dog",
            "the quick brown fox jumps over the sleepy dog",
            "the quick brown fox leaps over the lazy dog",
        ];
        assert_eq!(
            majority_text(&texts),
            "the quick brown fox jumps over the lazy dog"
        );
    }

    #[test]
    fn where_each_has_its_own_word_the_common_text_is_silent() {
        let texts = [
            "at least 21 calendar days before",
            "at least 12 calendar days before",
            "at least 15 calendar days before",
        ];
        assert_eq!(majority_text(&texts), "at least calendar days before");
        // Two versions: what both have.
        let texts = [
            "I bought this glass, because it matches those plates",
            "I bought those glasses",
        ];
        assert_eq!(majority_text(&texts), "I bought those");
    }

    #[test]
    fn plurality_replacement_wins() {
        let texts = [
            "held at Geneva in 2024",
            "held at Dubai in 2024",
            "held at Dubai in 2024",
            "held at Busan in 2024",
        ];
        assert_eq!(majority_text(&texts), "held at Dubai in 2024");
    }

    #[test]
    fn spacing_the_versions_share_is_kept() {
        let texts = ["one   two.  Three", "one   two.  Three four"];
        assert_eq!(majority_text(&texts), "one   two.  Three");
        let texts = ["a b c", "a x c", "a y c"];
        let merged = majority_text(&texts);
        assert!(!merged.contains("  "), "{merged:?}");
    }

    #[test]
    fn majority_insertion_is_kept() {
        let texts = [
            "to bridge the standardization gap",
            "to bridge the standardization gap",
            "to bridge the gap",
        ];
        assert_eq!(majority_text(&texts), "to bridge the standardization gap");
    }

    #[test]
    fn a_repeated_word_keeps_the_votes_of_every_version() {
        // Two versions drop "no. 5 and" in front of a second "no."; their
        // diffs could each keep a different "no.", splitting the votes.
        let texts = [
            "as set out in annex no. 5 and no. 7 of this act",
            "as set out in annex no. 7 of this act",
            "as set out in schedule no. 7 of this act",
        ];
        assert_eq!(
            majority_text(&texts),
            "as set out in annex no. 7 of this act"
        );
    }

    #[test]
    fn tied_readings_shared_by_two_versions_both_stay() {
        // "annual" and "biennial" are each read by two versions: neither
        // outvotes the other, so the common text keeps both, whichever
        // version comes first.
        let texts = [
            "a report shall be made annual to the Council",
            "a report shall be made biennial to the Council",
            "a report shall be made annual to the Council",
            "a report shall be made biennial to the Council",
        ];
        let merged = majority_text(&texts);
        assert!(
            merged.contains("annual") && merged.contains("biennial"),
            "{merged:?}"
        );
        let mut reordered = texts;
        reordered.swap(0, 1);
        assert_eq!(majority_text(&reordered).len(), merged.len());
        // A reading of one version alone stays out.
        let texts = [
            "a report shall be made annual to the Council",
            "a report shall be made biennial to the Council",
            "a report shall be made annual to the Council",
        ];
        assert_eq!(
            majority_text(&texts),
            "a report shall be made annual to the Council"
        );
    }

    #[test]
    fn shifting_left_keeps_a_valid_diff() {
        // "x a b a b y" against "x a b y": the deletion goes leftmost.
        let old = [1, 2, 3, 2, 3, 4];
        let new = [1, 2, 3, 4];
        let mut ops = vec![
            DiffOp::Equal {
                old_index: 0,
                new_index: 0,
                len: 3,
            },
            DiffOp::Delete {
                old_index: 3,
                old_len: 2,
                new_index: 3,
            },
            DiffOp::Equal {
                old_index: 5,
                new_index: 3,
                len: 1,
            },
        ];
        shift_left(&mut ops, &old, &new);
        assert_eq!(
            ops,
            vec![
                DiffOp::Equal {
                    old_index: 0,
                    new_index: 0,
                    len: 1
                },
                DiffOp::Delete {
                    old_index: 1,
                    old_len: 2,
                    new_index: 1
                },
                DiffOp::Equal {
                    old_index: 3,
                    new_index: 1,
                    len: 3
                },
            ]
        );
    }
}
