//! Word-level changes between a row's base text and one version's text.
//!
//! Tokens are compared by their normalised keys (see [`crate::tokens`]), so
//! a difference of case, dash or quote style shows as a *minor* change
//! rather than disturbing the alignment of the words around it. Afterwards
//! small equal fragments caught between two changes are folded into them, so
//! that a change reads as a phrase ("Busan, 2014" -> "Dubai, 2018") rather
//! than a scatter of single words.

use similar::{capture_diff_slices, Algorithm, DiffOp};

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
    if old == new {
        return if old.is_empty() {
            Vec::new()
        } else {
            vec![Change::equal(old)]
        };
    }
    let old_tokens = tokenize(old);
    let new_tokens = tokenize(new);
    let keys = interned_keys(&[&old_tokens, &new_tokens]);
    // Myers with its heuristics bounds the work on pathological input.
    let ops = capture_diff_slices(Algorithm::Myers, &keys[0], &keys[1]);

    let mut pieces: Vec<Piece> = Vec::new();
    for op in ops {
        match op {
            DiffOp::Equal {
                old_index,
                new_index,
                len,
            } => {
                for k in 0..len {
                    let (a, b) = (&old_tokens[old_index + k], &new_tokens[new_index + k]);
                    if a.text == b.text {
                        push_equal(&mut pieces, a.text);
                    } else {
                        push_edit(&mut pieces, a.text, b.text, true);
                    }
                }
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => {
                let del = join(&old_tokens[old_index..old_index + old_len]);
                push_edit(&mut pieces, &del, "", false);
            }
            DiffOp::Insert {
                new_index, new_len, ..
            } => {
                let ins = join(&new_tokens[new_index..new_index + new_len]);
                push_edit(&mut pieces, "", &ins, false);
            }
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                let del = join(&old_tokens[old_index..old_index + old_len]);
                let ins = join(&new_tokens[new_index..new_index + new_len]);
                push_edit(&mut pieces, &del, &ins, false);
            }
        }
    }
    absorb_small_equalities(&mut pieces);
    into_changes(pieces)
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

        #[test]
        fn ops_rebuild_any_unicode(old in "\\PC{0,30}", new in "\\PC{0,30}") {
            let d = word_diff(&old, &new);
            prop_assert_eq!(original_of(&d), old);
            prop_assert_eq!(result_of(&d), new);
        }
    }
}
