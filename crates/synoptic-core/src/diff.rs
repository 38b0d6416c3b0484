//! Word-level changes between a row's base text and one version's text.
//!
//! Tokens are compared by their normalised keys (see [`crate::tokens`]), so
//! a difference of case, dash or quote style shows as a *minor* change
//! rather than disturbing the alignment of the words around it.
//!
//! The changes are the exact minimal word diff: every word both sides keep
//! at the same place is `equal`. Among equally short diffs, an insertion or
//! deletion is slid along repeated words so that the kept words stay
//! together ("This very quick [very quick] brown" keeps "very quick brown"
//! whole). A phrase of three or more words deleted in one place and
//! inserted in another is marked as moved. Folding short equal fragments
//! into the changes around them, so that a change reads as a phrase
//! ("Busan, 2014" -> "Dubai, 2018"), is for reading only:
//! [`for_reading`] does it for the views.

use std::borrow::Cow;
use std::cell::OnceCell;

use similar::DiffOp;

use crate::keydiff::diff_keys;

use crate::model::{Change, ChangeKind};
use crate::tokens::{interned_keys, tokenize, Token, TokenKind};

/// One stretch of the comparison before it becomes [`Change`]s.
#[derive(Debug, Clone, PartialEq)]
enum Piece {
    Equal(String),
    Edit {
        del: String,
        ins: String,
        minor: bool,
    },
}

/// The word-level changes that turn `old` into `new`.
///
/// The result always satisfies: `equal` + `delete` texts spell `old`, and
/// `equal` + `insert` texts spell `new` (see [`crate::model::original_of`]).
/// Within one change, the deletion comes before the insertion.
pub fn word_diff(old: &str, new: &str) -> Vec<Change> {
    DiffBase::new(old).diff(new)
}

/// A text that several versions are diffed against (a row's base): it is
/// tokenised once, on the first diff that needs it.
pub struct DiffBase<'a> {
    text: &'a str,
    tokens: OnceCell<Vec<Token<'a>>>,
}

impl<'a> DiffBase<'a> {
    /// The base text to diff against.
    pub fn new(text: &'a str) -> Self {
        DiffBase {
            text,
            tokens: OnceCell::new(),
        }
    }

    /// The base text.
    pub fn text(&self) -> &'a str {
        self.text
    }

    /// The word-level changes that turn the base into `new`, as
    /// [`word_diff`] gives them.
    pub fn diff(&self, new: &str) -> Vec<Change> {
        self.diff_from(new, safe_common_prefix(self.text, new))
    }

    /// [`DiffBase::diff`] with the first `cut` bytes, equal on both sides
    /// and ending where a word starts, taken as they are: only the rest is
    /// tokenised and diffed. That is what the diff of the whole would give,
    /// since tokens never span such a cut and the diff keeps a common
    /// prefix.
    fn diff_from(&self, new: &str, cut: usize) -> Vec<Change> {
        let old = self.text;
        if old == new {
            return if old.is_empty() {
                Vec::new()
            } else {
                vec![Change::equal(old)]
            };
        }
        let all_old = self.tokens.get_or_init(|| tokenize(old));
        // The old tokens from the cut on: the cut starts a token.
        let first = all_old.partition_point(|t| offset_in(old, t.text) < cut);
        let cut = match all_old.get(first) {
            Some(t) if offset_in(old, t.text) == cut => cut,
            None if cut == old.len() => cut,
            _ => 0,
        };
        let old_tokens = &all_old[if cut == 0 { 0 } else { first }..];
        let new_tokens = tokenize(&new[cut..]);
        let keys = interned_keys(&[old_tokens, &new_tokens]);
        let ops = word_ops(old_tokens, &new_tokens, &keys[0], &keys[1]);
        changes_from_ops(&old[..cut], (old, old_tokens), (new, &new_tokens), &ops)
    }
}

/// A shortest diff of two token sequences counted in words: the words and
/// punctuation are diffed by their keys, and the white space between them
/// follows (kept where the words around it are kept). Diffing spaces as
/// tokens of their own could keep a space at the cost of a word, since
/// every two words have one between them.
pub(crate) fn word_ops(
    old: &[Token<'_>],
    new: &[Token<'_>],
    old_keys: &[u32],
    new_keys: &[u32],
) -> Vec<DiffOp> {
    let not_space = |t: &Token<'_>| t.kind != TokenKind::Space;
    let old_at: Vec<usize> = (0..old.len()).filter(|&i| not_space(&old[i])).collect();
    let new_at: Vec<usize> = (0..new.len()).filter(|&j| not_space(&new[j])).collect();
    if old_at.len() == old.len() && new_at.len() == new.len() {
        return diff_keys(old_keys, new_keys);
    }
    let old_words: Vec<u32> = old_at.iter().map(|&i| old_keys[i]).collect();
    let new_words: Vec<u32> = new_at.iter().map(|&j| new_keys[j]).collect();
    let mut out = OpsBuilder::default();
    let (mut oi, mut nj) = (0usize, 0usize);
    for op in diff_keys(&old_words, &new_words) {
        if let DiffOp::Equal {
            old_index,
            new_index,
            len,
        } = op
        {
            for k in 0..len {
                let (a, b) = (old_at[old_index + k], new_at[new_index + k]);
                out.gap((oi, a), (nj, b), old_keys, new_keys);
                out.equal(a, b, 1);
                oi = a + 1;
                nj = b + 1;
            }
        }
    }
    out.gap((oi, old.len()), (nj, new.len()), old_keys, new_keys);
    out.ops
}

/// Diff ops over whole token sequences, built in order, equal runs merged.
#[derive(Default)]
struct OpsBuilder {
    ops: Vec<DiffOp>,
}

impl OpsBuilder {
    fn equal(&mut self, old_index: usize, new_index: usize, len: usize) {
        if let Some(DiffOp::Equal {
            old_index: o,
            new_index: n,
            len: l,
        }) = self.ops.last_mut()
        {
            if *o + *l == old_index && *n + *l == new_index {
                *l += len;
                return;
            }
        }
        self.ops.push(DiffOp::Equal {
            old_index,
            new_index,
            len,
        });
    }

    /// A gap whose middle (past the tokens equal at both ends, white space
    /// mostly) shares no key: the middle is one replacement, with no diff
    /// to run. False, having done nothing, for any other gap.
    fn small_gap(
        &mut self,
        (o_lo, o_hi): (usize, usize),
        (n_lo, n_hi): (usize, usize),
        old_keys: &[u32],
        new_keys: &[u32],
    ) -> bool {
        const SMALL: usize = 16;
        let (old, new) = (&old_keys[o_lo..o_hi], &new_keys[n_lo..n_hi]);
        let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
        let suffix = old[prefix..]
            .iter()
            .rev()
            .zip(new[prefix..].iter().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let (mid_old, mid_new) = (
            &old[prefix..old.len() - suffix],
            &new[prefix..new.len() - suffix],
        );
        if mid_old.len() > SMALL
            || mid_new.len() > SMALL
            || mid_old.iter().any(|k| mid_new.contains(k))
        {
            return false;
        }
        if prefix > 0 {
            self.equal(o_lo, n_lo, prefix);
        }
        let (o, n) = (o_lo + prefix, n_lo + prefix);
        match (mid_old.len(), mid_new.len()) {
            (0, 0) => {}
            (old_len, 0) => self.ops.push(DiffOp::Delete {
                old_index: o,
                old_len,
                new_index: n,
            }),
            (0, new_len) => self.ops.push(DiffOp::Insert {
                old_index: o,
                new_index: n,
                new_len,
            }),
            (old_len, new_len) => self.ops.push(DiffOp::Replace {
                old_index: o,
                old_len,
                new_index: n,
                new_len,
            }),
        }
        if suffix > 0 {
            self.equal(o_hi - suffix, n_hi - suffix, suffix);
        }
        true
    }

    /// The tokens between two kept words (or an end): no word there is
    /// kept (the word diff found none), so only white space can be, which a
    /// diff of the stretch finds.
    fn gap(
        &mut self,
        (o_lo, o_hi): (usize, usize),
        (n_lo, n_hi): (usize, usize),
        old_keys: &[u32],
        new_keys: &[u32],
    ) {
        let (old_len, new_len) = (o_hi - o_lo, n_hi - n_lo);
        match (old_len, new_len) {
            (0, 0) => {}
            (_, 0) => self.ops.push(DiffOp::Delete {
                old_index: o_lo,
                old_len,
                new_index: n_lo,
            }),
            (0, _) => self.ops.push(DiffOp::Insert {
                old_index: o_lo,
                new_index: n_lo,
                new_len,
            }),
            (1, 1) if old_keys[o_lo] == new_keys[n_lo] => self.equal(o_lo, n_lo, 1),
            _ if self.small_gap((o_lo, o_hi), (n_lo, n_hi), old_keys, new_keys) => {}
            _ => {
                for op in diff_keys(&old_keys[o_lo..o_hi], &new_keys[n_lo..n_hi]) {
                    match op {
                        DiffOp::Equal {
                            old_index,
                            new_index,
                            len,
                        } => self.equal(o_lo + old_index, n_lo + new_index, len),
                        DiffOp::Delete {
                            old_index,
                            old_len,
                            new_index,
                        } => self.ops.push(DiffOp::Delete {
                            old_index: o_lo + old_index,
                            old_len,
                            new_index: n_lo + new_index,
                        }),
                        DiffOp::Insert {
                            old_index,
                            new_index,
                            new_len,
                        } => self.ops.push(DiffOp::Insert {
                            old_index: o_lo + old_index,
                            new_index: n_lo + new_index,
                            new_len,
                        }),
                        DiffOp::Replace {
                            old_index,
                            old_len,
                            new_index,
                            new_len,
                        } => self.ops.push(DiffOp::Replace {
                            old_index: o_lo + old_index,
                            old_len,
                            new_index: n_lo + new_index,
                            new_len,
                        }),
                    }
                }
            }
        }
    }
}

/// The changes that `ops`, a diff of the keys of the old tokens against
/// those of the new, make, after `equal_prefix` (text both sides share
/// before the tokens). Each side is a text and tokens of it.
pub fn changes_from_ops(
    equal_prefix: &str,
    (old_text, old_tokens): (&str, &[Token<'_>]),
    (new_text, new_tokens): (&str, &[Token<'_>]),
    ops: &[DiffOp],
) -> Vec<Change> {
    let mut pieces: Vec<Piece> = Vec::new();
    if !equal_prefix.is_empty() {
        pieces.push(Piece::Equal(equal_prefix.to_string()));
    }
    for op in ops {
        match *op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                let old = &old_tokens[old_index..old_index + len];
                let new = &new_tokens[new_index..new_index + len];
                // Most stretches are written alike throughout: one
                // comparison tells.
                let whole = span(old_text, old);
                if whole == span(new_text, new)
                    && old
                        .iter()
                        .zip(new)
                        .all(|(a, b)| a.text.len() == b.text.len())
                {
                    push_equal(&mut pieces, &whole);
                    continue;
                }
                let mut k = 0;
                while k < len {
                    // Tokens written alike on both sides, as one stretch.
                    let same = old[k..]
                        .iter()
                        .zip(&new[k..])
                        .take_while(|(a, b)| a.text == b.text)
                        .count();
                    if same > 0 {
                        push_equal(&mut pieces, &span(old_text, &old[k..k + same]));
                        k += same;
                    } else {
                        push_edit(&mut pieces, old[k].text, new[k].text, true);
                        k += 1;
                    }
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                let del = span(old_text, &old_tokens[old_index..old_index + old_len]);
                push_edit(&mut pieces, &del, "", false);
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                let ins = span(new_text, &new_tokens[new_index..new_index + new_len]);
                push_edit(&mut pieces, "", &ins, false);
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let del = span(old_text, &old_tokens[old_index..old_index + old_len]);
                let ins = span(new_text, &new_tokens[new_index..new_index + new_len]);
                push_edit(&mut pieces, &del, &ins, false);
            }
        }
    }
    slide_edits(&mut pieces);
    let mut changes = into_changes(pieces);
    mark_moves(&mut changes);
    changes
}

/// Slides each pure insertion or deletion along the equal text on one side
/// of it when that removes the equal stretch altogether (the clean-up
/// merge of diff-match-patch): an equally short diff, with the kept words
/// together and the changes together. Where no slide does that, the change
/// goes as far left as it can while starting a word ("i [! K ]! q", not
/// "i ! [K ! ]q"), so that equally short diffs are always told apart the
/// same way. The texts both sides spell do not change, since the slid text
/// is a rotation of what it passes.
fn slide_edits(pieces: &mut Vec<Piece>) {
    // First the slides that remove an equal stretch (each leaves fewer
    // pieces, so this ends), then one pass of leftward ties.
    slide_pass(pieces, false);
    slide_pass(pieces, true);
}

/// One pass of [`slide_edits`]: whole slides only, going back after each
/// to try the merged piece again, or leftward ties only, each change once.
fn slide_pass(pieces: &mut Vec<Piece>, ties: bool) {
    let mut i = 0;
    // Every slide removes a piece or moves a change left, so this bound is
    // never reached; it is there so that no text can make the loop spin.
    let mut budget = 4 * pieces.len() + 16;
    while i < pieces.len() && budget > 0 {
        let Piece::Edit { del, ins, minor } = &pieces[i] else {
            i += 1;
            continue;
        };
        if del.is_empty() == ins.is_empty() {
            i += 1;
            continue;
        }
        // The equal stretches around the change (empty at either end).
        let lo = match i.checked_sub(1).map(|k| &pieces[k]) {
            Some(Piece::Equal(_)) => i - 1,
            _ => i,
        };
        let hi = match pieces.get(i + 1) {
            Some(Piece::Equal(_)) => i + 2,
            _ => i + 1,
        };
        let text_at = |k: usize| match pieces.get(k) {
            Some(Piece::Equal(t)) if k != i => t.as_str(),
            _ => "",
        };
        let (before, after) = (
            if lo < i { text_at(lo) } else { "" },
            if hi > i + 1 { text_at(i + 1) } else { "" },
        );
        let moving = if del.is_empty() { ins } else { del };
        let Some((before, moving, after)) = slide(before, moving, after, ties) else {
            i += 1;
            continue;
        };
        budget -= 1;
        let edit = if del.is_empty() {
            Piece::Edit {
                del: String::new(),
                ins: moving,
                minor: *minor,
            }
        } else {
            Piece::Edit {
                del: moving,
                ins: String::new(),
                minor: *minor,
            }
        };
        let rest = pieces.split_off(lo);
        for piece in [Piece::Equal(before), edit, Piece::Equal(after)]
            .into_iter()
            .chain(rest.into_iter().skip(hi - lo))
        {
            match piece {
                Piece::Equal(t) => {
                    if !t.is_empty() {
                        push_equal(pieces, &t);
                    }
                }
                Piece::Edit { del, ins, minor } => push_edit(pieces, &del, &ins, minor),
            }
        }
        if ties {
            // The change moved left within its stretch: on to the next.
            i = lo + 2;
        } else {
            // What was merged may allow another slide just before.
            i = lo.saturating_sub(1);
        }
    }
}

/// `moving` between `before` and `after`, slid left until `before` is
/// empty or right until `after` is, when either is possible; with `ties`,
/// slid instead as far left as it goes while starting a word: the new three
/// texts, or `None` when nothing moves.
fn slide(before: &str, moving: &str, after: &str, ties: bool) -> Option<(String, String, String)> {
    // Left: the last character of `before` is the last of `moving`, again
    // and again (the moving text rotates as it goes). The leftmost place
    // where the change starts a word after white space is remembered, as
    // the tie-break when no slide removes an equal stretch.
    let mut ring: std::collections::VecDeque<char> = moving.chars().collect();
    let mut kept: Vec<char> = before.chars().collect();
    let mut carried: Vec<char> = Vec::new();
    let mut leftmost: Option<(usize, Vec<char>)> = None;
    while let (Some(&b), Some(&m)) = (kept.last(), ring.back()) {
        if b != m {
            break;
        }
        kept.pop();
        ring.rotate_right(1);
        carried.push(b);
        let starts_a_word = kept.last().is_none_or(|c| c.is_whitespace())
            && ring.front().is_some_and(|c| !c.is_whitespace());
        if starts_a_word && !kept.is_empty() {
            leftmost = Some((kept.len(), ring.iter().copied().collect()));
        }
    }
    if ties {
        if kept.is_empty() {
            return None;
        }
        let (at, moved) = leftmost?;
        let before_chars: Vec<char> = before.chars().collect();
        let passed: String = before_chars[at..].iter().collect();
        return Some((
            before_chars[..at].iter().collect(),
            moved.into_iter().collect(),
            format!("{passed}{after}"),
        ));
    }
    if kept.is_empty() && !before.is_empty() {
        carried.reverse();
        let after: String = carried.into_iter().chain(after.chars()).collect();
        return Some((String::new(), ring.into_iter().collect(), after));
    }
    // Right only between two kept stretches: a change at the start stays
    // there (left is the way ties go).
    slide_right(before, moving, after).filter(|_| !after.is_empty() && !before.is_empty())
}

/// `moving` slid right until `after` is empty, when it can be.
fn slide_right(before: &str, moving: &str, after: &str) -> Option<(String, String, String)> {
    // The first character of `after` is the first of `moving`, again and
    // again.
    let mut ring: std::collections::VecDeque<char> = moving.chars().collect();
    let mut rest = after.chars();
    let mut carried = String::new();
    loop {
        let next = rest.clone().next();
        match (next, ring.front()) {
            (Some(a), Some(&m)) if a == m => {
                rest.next();
                ring.rotate_left(1);
                carried.push(a);
            }
            (None, _) => {
                return Some((
                    format!("{before}{carried}"),
                    ring.into_iter().collect(),
                    String::new(),
                ))
            }
            _ => return None,
        }
    }
}

/// The fewest words a moved phrase has.
const MOVED_WORDS: usize = 3;

/// Marks phrases moved within the paragraph: a deletion and an insertion
/// elsewhere (not the two halves of one replacement) with the same words,
/// at least [`MOVED_WORDS`] of them, share a move number.
fn mark_moves(changes: &mut [Change]) {
    let words = |c: &Change| -> Vec<String> {
        crate::tokens::word_keys(&c.text)
            .into_iter()
            .map(|w| w.into_owned())
            .collect()
    };
    let edits: Vec<(usize, Vec<String>)> = changes
        .iter()
        .enumerate()
        .filter(|(_, c)| c.kind != ChangeKind::Equal)
        .map(|(k, c)| (k, words(c)))
        .filter(|(_, w)| w.len() >= MOVED_WORDS)
        .collect();
    if edits.len() < 2 {
        return;
    }
    let mut next = 1u32;
    for a in 0..edits.len() {
        let (k, ref keys) = edits[a];
        if changes[k].kind != ChangeKind::Delete || changes[k].moved.is_some() {
            continue;
        }
        let partner = edits.iter().find(|(j, other)| {
            changes[*j].kind == ChangeKind::Insert
                && changes[*j].moved.is_none()
                && other == keys
                && !same_place(changes, k, *j)
        });
        if let Some(&(j, _)) = partner {
            changes[k].moved = Some(next);
            changes[j].moved = Some(next);
            next += 1;
        }
    }
}

/// True when only changes (no kept text) stand between changes `a` and
/// `b`: they are one replacement, not a move.
fn same_place(changes: &[Change], a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b));
    changes[lo..=hi].iter().all(|c| c.kind != ChangeKind::Equal)
}

/// The changes as a reader takes them in: a short equal fragment caught
/// between two changes is folded into both (the semantic clean-up of
/// diff-match-patch), so that "in [the] light" does not split a rewritten
/// phrase in two and "Busan, 2014" -> "Dubai, 2018" reads as one change.
///
/// For views only: the result still spells both texts, but is no longer
/// the minimal diff. Changes a proposer made (with an author), recovered
/// ones (with a confidence) and moves are kept as they are.
pub fn for_reading(changes: &[Change]) -> Vec<Change> {
    let plain = |c: &Change| c.author.is_none() && c.confidence.is_none() && c.moved.is_none();
    let mut out = Vec::with_capacity(changes.len());
    // Stretches of plain changes are folded; the others stand between them
    // as they are.
    for stretch in changes.split_inclusive(|c| c.kind != ChangeKind::Equal && !plain(c)) {
        let (folded, barrier) = match stretch.split_last() {
            Some((last, rest)) if last.kind != ChangeKind::Equal && !plain(last) => {
                (rest, Some(last))
            }
            _ => (stretch, None),
        };
        let mut pieces: Vec<Piece> = Vec::new();
        for c in folded {
            match c.kind {
                ChangeKind::Equal => push_equal(&mut pieces, &c.text),
                ChangeKind::Delete => push_edit(&mut pieces, &c.text, "", c.minor),
                ChangeKind::Insert => push_edit(&mut pieces, "", &c.text, c.minor),
            }
        }
        absorb_small_equalities(&mut pieces);
        out.extend(into_changes(pieces));
        out.extend(barrier.cloned());
    }
    out
}

/// The text of consecutive tokens of `text`: the slice they cover (their
/// texts joined, when they are not slices of it).
fn span<'t>(text: &'t str, tokens: &[Token<'_>]) -> Cow<'t, str> {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else {
        return Cow::Borrowed("");
    };
    let start = offset_in(text, first.text);
    let end = offset_in(text, last.text) + last.text.len();
    match text.get(start..end) {
        Some(s) if s.len() == tokens.iter().map(|t| t.text.len()).sum::<usize>() => {
            Cow::Borrowed(s)
        }
        _ => Cow::Owned(join(tokens)),
    }
}

/// The byte offset of `part`, a slice of `whole`, in `whole`.
fn offset_in(whole: &str, part: &str) -> usize {
    (part.as_ptr() as usize).saturating_sub(whole.as_ptr() as usize)
}

/// The longest common prefix of `a` and `b` that ends just before a word
/// both continue with: an ASCII space, tab or line break, then an ASCII
/// letter or digit. No token spans such a place (word boundaries fall there
/// and no rule glues across it), so each side can be tokenised from it on.
/// 0 when there is none.
fn safe_common_prefix(a: &str, b: &str) -> usize {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    // The byte at the cut must be common too, so both continue the same way.
    (1..common)
        .rev()
        .find(|&cut| matches!(a[cut - 1], b' ' | b'\t' | b'\n') && a[cut].is_ascii_alphanumeric())
        .unwrap_or(0)
}

fn join(tokens: &[Token<'_>]) -> String {
    tokens.iter().map(|t| t.text).collect()
}

fn push_equal(pieces: &mut Vec<Piece>, text: &str) {
    if let Some(Piece::Equal(last)) = pieces.last_mut() {
        last.push_str(text);
    } else {
        pieces.push(Piece::Equal(text.to_string()));
    }
}

fn push_edit(pieces: &mut Vec<Piece>, del_text: &str, ins_text: &str, is_minor: bool) {
    if let Some(Piece::Edit { del, ins, minor }) = pieces.last_mut() {
        del.push_str(del_text);
        ins.push_str(ins_text);
        *minor = *minor && is_minor;
    } else {
        pieces.push(Piece::Edit {
            del: del_text.to_string(),
            ins: ins_text.to_string(),
            minor: is_minor,
        });
    }
}

/// Folds an equal stretch into the edits on both sides of it when it is no
/// longer than either of them (the semantic clean-up of diff-match-patch),
/// so that "in [the] light" does not split a rewritten phrase in two.
fn absorb_small_equalities(pieces: &mut Vec<Piece>) {
    loop {
        let mut changed = false;
        let mut i = 1;
        while i + 1 < pieces.len() {
            let absorb = match (&pieces[i - 1], &pieces[i], &pieces[i + 1]) {
                (
                    Piece::Edit {
                        del: d1,
                        ins: i1,
                        minor: m1,
                    },
                    Piece::Equal(eq),
                    Piece::Edit {
                        del: d2,
                        ins: i2,
                        minor: m2,
                    },
                ) => {
                    let len = eq.chars().count();
                    let before = d1.chars().count().max(i1.chars().count());
                    let after = d2.chars().count().max(i2.chars().count());
                    // Minor edits (case, dashes) are not phrases to extend.
                    !m1 && !m2 && len <= before && len <= after
                }
                _ => false,
            };
            if absorb {
                let next = pieces.remove(i + 1);
                let eq = pieces.remove(i);
                if let (
                    Some(Piece::Edit { del, ins, .. }),
                    Piece::Equal(eq),
                    Piece::Edit {
                        del: d2, ins: i2, ..
                    },
                ) = (pieces.get_mut(i - 1), eq, next)
                {
                    del.push_str(&eq);
                    del.push_str(&d2);
                    ins.push_str(&eq);
                    ins.push_str(&i2);
                }
                changed = true;
            } else {
                i += 1;
            }
        }
        if !changed {
            break;
        }
    }
}

fn into_changes(pieces: Vec<Piece>) -> Vec<Change> {
    let mut out = Vec::with_capacity(pieces.len() * 2);
    for piece in pieces {
        match piece {
            Piece::Equal(text) if text.is_empty() => {}
            Piece::Equal(text) => out.push(Change::equal(text)),
            Piece::Edit { del, ins, minor } => {
                for (kind, text) in [(ChangeKind::Delete, del), (ChangeKind::Insert, ins)] {
                    if !text.is_empty() {
                        let mut change = Change::new(kind, text);
                        change.minor = minor;
                        out.push(change);
                    }
                }
            }
        }
    }
    out
}

/// The changes of a paragraph that was added: one insertion of its text.
pub fn all_inserted(text: &str) -> Vec<Change> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Change::insert(text)]
    }
}

/// The changes of a paragraph that was deleted: one deletion of its text.
pub fn all_deleted(text: &str) -> Vec<Change> {
    if text.is_empty() {
        Vec::new()
    } else {
        vec![Change::delete(text)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{original_of, result_of};
    use proptest::prelude::*;

    fn show(changes: &[Change]) -> String {
        changes
            .iter()
            .map(|c| match c.kind {
                ChangeKind::Equal => c.text.to_string(),
                ChangeKind::Delete => format!("[-{}-]", c.text),
                ChangeKind::Insert => format!("{{+{}+}}", c.text),
            })
            .collect()
    }

    #[test]
    fn ops_are_exact_and_read_as_a_phrase() {
        let d = word_diff(
            "Resolution 123 (Rev. Busan, 2014) of the Conference",
            "Resolution 123 (Rev. Dubai, 2018) of the Conference",
        );
        // The ops keep the comma both sides have where it is.
        assert_eq!(
            show(&d),
            "Resolution 123 (Rev. [-Busan-]{+Dubai+}, [-2014-]{+2018+}) of the Conference"
        );
        // The views fold it into one change.
        assert_eq!(
            show(&for_reading(&d)),
            "Resolution 123 (Rev. [-Busan, 2014-]{+Dubai, 2018+}) of the Conference"
        );
        let folded = for_reading(&d);
        assert_eq!(original_of(&folded), original_of(&d));
        assert_eq!(result_of(&folded), result_of(&d));
    }

    #[test]
    fn shared_words_are_never_inside_a_change() {
        // "the new loan facility" is kept word for word: no op may hold it.
        let d = word_diff(
            "to set up the new loan facility by 2027",
            "to launch the new loan facility in 2026",
        );
        assert_eq!(
            show(&d),
            "to [-set up-]{+launch+} the new loan facility [-by-]{+in+} [-2027-]{+2026+}"
        );
    }

    #[test]
    fn insertions_among_repeats_keep_the_kept_words_together() {
        let d = word_diff(
            "That very quick brown koala",
            "This very quick very quick brown wombat",
        );
        assert_eq!(
            show(&d),
            "[-That-]{+This very quick+} very quick brown [-koala-]{+wombat+}"
        );
        let d = word_diff("in the in the bleach", "in the in the bleach in the");
        assert_eq!(show(&d), "in the in the bleach{+ in the+}");
    }

    #[test]
    fn a_phrase_moved_within_the_paragraph_is_marked() {
        let d = word_diff(
            "Members shall, within six months, report to the Council on progress.",
            "Members shall report to the Council on progress within six months.",
        );
        let moved: Vec<&Change> = d.iter().filter(|c| c.moved.is_some()).collect();
        assert_eq!(moved.len(), 2, "{}", show(&d));
        assert_eq!(moved[0].moved, moved[1].moved);
        assert_ne!(moved[0].kind, moved[1].kind);
        assert_eq!(
            original_of(&d),
            "Members shall, within six months, report to the Council on progress."
        );
        // A replacement in place is not a move, nor are two-word phrases.
        let d = word_diff("the cat is black", "black is the cat");
        assert!(d.iter().all(|c| c.moved.is_none()), "{}", show(&d));
        let d = word_diff("pay within six months", "pay within six months at most");
        assert!(d.iter().all(|c| c.moved.is_none()));
        // Moves are kept as they are for reading.
        let d = word_diff(
            "Members shall, within six months, report to the Council on progress.",
            "Members shall report to the Council on progress within six months.",
        );
        assert_eq!(
            for_reading(&d).iter().filter(|c| c.moved.is_some()).count(),
            2
        );
    }

    #[test]
    fn insertion_and_deletion() {
        let d = word_diff("to bridge the gap", "to bridge the standardization gap");
        assert_eq!(show(&d), "to bridge the {+standardization +}gap");
        let d = word_diff(
            "in particular developing countries",
            "in developing countries",
        );
        assert_eq!(show(&d), "in [-particular -]developing countries");
    }

    #[test]
    fn spelling_noise_is_minor() {
        let d = word_diff("the ITU-T Recommendations", "the ITUT Recommendations");
        assert_eq!(show(&d), "the [-ITU-T-]{+ITUT+} Recommendations");
        assert!(d
            .iter()
            .filter(|c| c.kind != ChangeKind::Equal)
            .all(|c| c.minor));
    }

    #[test]
    fn one_character_change_in_chinese() {
        let d = word_diff(
            "研究组批准的建议书应在批准后六个月内译成其他正式语文；",
            "研究组批准的建议书应在批准后三个月内译成其他正式语文；",
        );
        assert_eq!(
            show(&d),
            "研究组批准的建议书应在批准后[-六-]{+三+}个月内译成其他正式语文；"
        );
        assert!(d.iter().all(|c| !c.minor));
        // A rewritten phrase still reads as one change.
        let d = word_diff(
            "近年来机器翻译工具已有很大改进，",
            "近年来翻译工具已有显著改进，",
        );
        assert_eq!(show(&d), "近年来[-机器-]翻译工具已有[-很大-]{+显著+}改进，");
    }

    #[test]
    fn arabic_diacritics_are_minor() {
        let d = word_diff(
            "رهناً بمراجعتها من قبل مترجمي المكتب،",
            "رهناً بمراجعتها من قبل مترجِمي المكتب،",
        );
        assert_eq!(
            show(&d),
            "رهناً بمراجعتها من قبل [-مترجمي-]{+مترجِمي+} المكتب،"
        );
        let changed: Vec<&Change> = d.iter().filter(|c| c.kind != ChangeKind::Equal).collect();
        assert_eq!(changed.len(), 2);
        assert!(changed.iter().all(|c| c.minor));
        // A changed word among vocalised ones is not minor.
        let d = word_diff("في غضون ستة أشهر", "في غضون ثلاثة أشهر");
        assert!(d.iter().any(|c| c.kind == ChangeKind::Insert && !c.minor));
    }

    #[test]
    fn russian_case_is_minor() {
        let d = word_diff(
            "при условии их проверки переводчиками Бюро,",
            "при условии их проверки переводчиками бюро,",
        );
        assert_eq!(
            show(&d),
            "при условии их проверки переводчиками [-Бюро-]{+бюро+},"
        );
        assert!(d
            .iter()
            .filter(|c| c.kind != ChangeKind::Equal)
            .all(|c| c.minor));
        // A Latin look-alike is a real change, not a minor one.
        let d = word_diff("МСЭ-Т", "МСЭ-T");
        assert!(d.iter().any(|c| c.kind != ChangeKind::Equal && !c.minor));
    }

    #[test]
    fn identical_and_empty() {
        assert!(word_diff("", "").is_empty());
        assert_eq!(word_diff("same", "same"), vec![Change::equal("same")]);
        assert_eq!(show(&word_diff("", "new")), "{+new+}");
        assert_eq!(show(&word_diff("old", "")), "[-old-]");
    }

    proptest! {
        #[test]
        fn ops_rebuild_both_sides(old in "[a-cA-C ,.\\-]{0,40}", new in "[a-cA-C ,.\\-]{0,40}") {
            let d = word_diff(&old, &new);
            prop_assert_eq!(original_of(&d), old.clone());
            prop_assert_eq!(result_of(&d), new.clone());
            let r = for_reading(&d);
            prop_assert_eq!(original_of(&r), old);
            prop_assert_eq!(result_of(&r), new);
        }

        /// The ops are a minimal diff: they keep as many words as a
        /// longest common subsequence of the two texts' word keys.
        #[test]
        fn ops_keep_a_longest_common_subsequence(
            old in proptest::collection::vec(0usize..5, 0..30),
            new in proptest::collection::vec(0usize..5, 0..30),
        ) {
            const WORDS: [&str; 5] = ["a", "b", "c", "d", "e"];
            let text = |ws: &[usize]| ws.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
            let d = word_diff(&text(&old), &text(&new));
            let kept: usize = d
                .iter()
                .filter(|c| c.kind == ChangeKind::Equal)
                .map(|c| crate::tokens::word_keys(&c.text).len())
                .sum();
            let mut table = vec![vec![0usize; new.len() + 1]; old.len() + 1];
            for i in 1..=old.len() {
                for j in 1..=new.len() {
                    table[i][j] = if old[i - 1] == new[j - 1] {
                        table[i - 1][j - 1] + 1
                    } else {
                        table[i - 1][j].max(table[i][j - 1])
                    };
                }
            }
            prop_assert_eq!(kept, table[old.len()][new.len()]);
        }

        /// Taking the common prefix as it is gives the changes of the
        /// whole diff: the same ops, the same minor flags.
        #[test]
        fn common_prefix_cut_changes_nothing(
            prefix in "[a-cA-C0-9 ,.'\\-\n\t\u{a0}éßдЖ中文\u{301}_]{0,30}",
            old in "[a-cA-C0-9 ,.'\\-\n\t\u{a0}éßдЖ中文\u{301}_]{0,20}",
            new in "[a-cA-C0-9 ,.'\\-\n\t\u{a0}éßдЖ中文\u{301}_]{0,20}",
            suffix in "[a-cA-C0-9 ,.'\\-\n\t\u{a0}éßдЖ中文\u{301}_]{0,20}",
        ) {
            let old = format!("{prefix}{old}{suffix}");
            let new = format!("{prefix}{new}{suffix}");
            let base = DiffBase::new(&old);
            prop_assert_eq!(base.diff_from(&new, 0), base.diff(&new));
        }

        /// The same with texts of a few repeated words, spellings that
        /// differ only in case, and insertions among repeats, where a diff
        /// has several equally short answers to choose from. (Cutting a
        /// common suffix the same way fails this: the diff then places an
        /// insertion among repeats differently.)
        #[test]
        fn prefix_cut_keeps_the_choice_among_repeats(
            words in proptest::collection::vec(0usize..7, 0..24),
            edits in proptest::collection::vec((0usize..24, 0usize..7, 0usize..3), 0..4),
        ) {
            const WORDS: [&str; 7] = ["a", "A", "b", "a-b", "c", "a.", "B"];
            let mut new_words = words.clone();
            for (at, word, what) in edits {
                let at = at.min(new_words.len());
                match what {
                    0 => new_words.insert(at, word),
                    1 if at < new_words.len() => { new_words.remove(at); }
                    _ if at < new_words.len() => new_words[at] = word,
                    _ => {}
                }
            }
            let text = |ws: &[usize]| ws.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
            let (old, new) = (text(&words), text(&new_words));
            let base = DiffBase::new(&old);
            prop_assert_eq!(base.diff_from(&new, 0), base.diff(&new));
        }

        /// Long, much rewritten texts, whose diffs take the bit-parallel
        /// path: both sides rebuilt, and a cut common prefix changes
        /// nothing.
        #[test]
        fn long_rewrites_rebuild_both_sides(
            prefix in proptest::collection::vec(0usize..9, 0..40),
            old in proptest::collection::vec(0usize..9, 60..160),
            new in proptest::collection::vec(0usize..9, 60..160),
        ) {
            const WORDS: [&str; 9] = ["the", "The", "of", "gap", "ITU-T", "a,", "1.5", "—", "fund"];
            let text = |ws: &[usize]| ws.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
            let (old, new) = (
                format!("{} {}", text(&prefix), text(&old)),
                format!("{} {}", text(&prefix), text(&new)),
            );
            let base = DiffBase::new(&old);
            let d = base.diff(&new);
            prop_assert_eq!(original_of(&d), old.clone());
            prop_assert_eq!(result_of(&d), new.clone());
            prop_assert_eq!(base.diff_from(&new, 0), d);
        }

        #[test]
        fn ops_rebuild_any_unicode(old in "\\PC{0,30}", new in "\\PC{0,30}") {
            let d = word_diff(&old, &new);
            prop_assert_eq!(original_of(&d), old);
            prop_assert_eq!(result_of(&d), new);
        }
    }
}
