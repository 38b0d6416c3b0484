//! Word-level changes between a row's base text and one version's text.
//!
//! Tokens are compared by their normalised keys (see [`crate::tokens`]), so
//! a difference of case, dash or quote style shows as a *minor* change
//! rather than disturbing the alignment of the words around it. Afterwards
//! small equal fragments caught between two changes are folded into them, so
//! that a change reads as a phrase ("Busan, 2014" -> "Dubai, 2018") rather
//! than a scatter of single words.

use std::borrow::Cow;
use std::cell::OnceCell;

use similar::DiffOp;

use crate::keydiff::diff_keys;

use crate::model::{Change, ChangeKind};
use crate::tokens::{interned_keys, tokenize, Token};

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
        let ops = diff_keys(&keys[0], &keys[1]);
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
    absorb_small_equalities(&mut pieces);
    into_changes(pieces)
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
    fn replacement_reads_as_a_phrase() {
        let d = word_diff(
            "Resolution 123 (Rev. Busan, 2014) of the Conference",
            "Resolution 123 (Rev. Dubai, 2018) of the Conference",
        );
        assert_eq!(
            show(&d),
            "Resolution 123 (Rev. [-Busan, 2014-]{+Dubai, 2018+}) of the Conference"
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
            prop_assert_eq!(original_of(&d), old);
            prop_assert_eq!(result_of(&d), new);
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
