//! The changes as a reader takes them in: short kept fragments folded into
//! the changes around them (views only).

use std::borrow::Cow;

use super::{into_changes, push_edit, push_equal, Piece};
use crate::model::{Change, ChangeKind};

/// The changes as a reader takes them in: a short equal fragment caught
/// between two changes is folded into both (the semantic clean-up of
/// diff-match-patch), so that "in [the] light" does not split a rewritten
/// phrase in two and "Busan, 2014" -> "Dubai, 2018" reads as one change.
///
/// For views only: the result still spells both texts, but is no longer
/// the minimal diff. Changes a proposer made (with an author), recovered
/// ones (with a confidence) and moves are kept as they are.
pub fn for_reading(changes: &[Change]) -> Vec<Change> {
    // Most cells of most synopses are one kept run: nothing to fold, and
    // no copy of their text to make.
    if let [only] = changes {
        if only.kind == ChangeKind::Equal {
            return if only.text.is_empty() {
                Vec::new()
            } else {
                vec![Change::equal(only.text.clone())]
            };
        }
    }
    folded(changes)
}

/// The changes with white space of another kind (a non-breaking space for
/// a space, a second space) shown as the version writes it, unmarked:
/// there is nothing to see. For the synopsis's views only: the result
/// spells the version's text but, where white space differs, not the
/// base's (a draft, which must spell the base, keeps every change).
pub fn spacing_unmarked(changes: &[Change]) -> Cow<'_, [Change]> {
    if !changes.iter().any(is_spacing) {
        return Cow::Borrowed(changes);
    }
    let mut pieces: Vec<Piece> = Vec::with_capacity(changes.len());
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    for c in changes {
        match c.kind {
            ChangeKind::Delete if is_spacing(c) => {}
            ChangeKind::Insert if is_spacing(c) => push_equal(&mut pieces, &c.text),
            ChangeKind::Equal => push_equal(&mut pieces, &c.text),
            _ => {
                out.extend(into_changes(std::mem::take(&mut pieces)));
                out.push(c.clone());
            }
        }
    }
    out.extend(into_changes(pieces));
    Cow::Owned(out)
}

/// Whether a change is white space only, minor (another kind of space),
/// and made by no one in particular.
fn is_spacing(c: &Change) -> bool {
    c.kind != ChangeKind::Equal
        && c.minor
        && c.author.is_none()
        && c.confidence.is_none()
        && c.moved.is_none()
        && !c.text.is_empty()
        && c.text.chars().all(char::is_whitespace)
}

/// [`for_reading`] of any changes, stretch by stretch.
fn folded(changes: &[Change]) -> Vec<Change> {
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

/// Folds an equal stretch into the edits on both sides of it when it is no
/// longer than either of them (the semantic clean-up of diff-match-patch),
/// so that "in [the] light" does not split a rewritten phrase in two.
pub(super) fn absorb_small_equalities(pieces: &mut Vec<Piece>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_kept_run_reads_as_folding_it_would() {
        let mut moved = Change::equal("that the Council");
        moved.moved = Some(2);
        moved.author = Some("ATU".into());
        let mut minor = Change::equal("shall report");
        minor.minor = true;
        for only in [
            Change::equal("resolves to instruct"),
            Change::equal(""),
            moved,
            minor,
        ] {
            let changes = [only];
            assert_eq!(for_reading(&changes), folded(&changes), "{changes:?}");
        }
    }

    #[test]
    fn white_space_of_another_kind_is_shown_unmarked() {
        let base = "Dues under Article 5 apply to 10 000  tonnes of cargo.";
        let version = "Dues under Article\u{A0}5 apply to 10\u{202F}000 tonnes of freight.";
        let ops = crate::diff::word_diff(base, version);
        assert!(ops.iter().filter(|c| c.kind != ChangeKind::Equal).count() > 2);
        let shown = spacing_unmarked(&ops);
        assert_eq!(crate::model::result_of(&shown), version);
        let marked: Vec<(ChangeKind, &str)> = shown
            .iter()
            .filter(|c| c.kind != ChangeKind::Equal)
            .map(|c| (c.kind, c.text.as_str()))
            .collect();
        assert_eq!(
            marked,
            [
                (ChangeKind::Delete, "cargo"),
                (ChangeKind::Insert, "freight")
            ]
        );
        // A space that splits a word is a change, and stays one.
        let split = crate::diff::word_diff("to promoteand support", "to promote and support");
        assert_eq!(spacing_unmarked(&split).as_ref(), split.as_slice());
    }
}
