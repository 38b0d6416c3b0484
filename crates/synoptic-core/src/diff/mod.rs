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

use crate::model::{Change, ChangeKind};
use crate::tokens::{interned_keys, tokenize, Token};

mod moves;
mod ops;
mod reading;
mod slide;
#[cfg(test)]
mod tests;

pub(crate) use ops::{word_ops, word_ops_of, Words};
pub use reading::{for_reading, spacing_unmarked};

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
    slide::slide_edits(&mut pieces);
    let mut changes = into_changes(pieces);
    moves::mark_moves(&mut changes);
    changes
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
