//! A paragraph's tracked changes: labels split off both sides, white
//! space trimmed.

use synoptic_core::model::{original_of, result_of};
use synoptic_core::structure::split_label;
use synoptic_core::{Change, ChangeKind, Paragraph};

use super::walk::push_change;

/// A paragraph from changes, with the labels already known.
pub(super) fn paragraph_of(
    changes: Vec<Change>,
    label: Option<String>,
    former_label: Option<String>,
) -> Paragraph {
    let has_revision = changes.iter().any(|c| c.kind != ChangeKind::Equal);
    Paragraph {
        label,
        former_label,
        text: result_of(&changes).into(),
        revision: has_revision.then_some(changes),
    }
}

/// A paragraph whose label, if any, is typed at the start of its text
/// (`b)<TAB>that ...`), split off on both sides of its changes: a label the
/// proposer changed (`b)` deleted, `c)` inserted) becomes `label` and
/// `former_label`. In a table cell (`in_cell`), a number followed by a
/// space is a quantity (`40 euros`, `10 tonnes`), not a label: a label
/// typed in a cell has its punctuation (`1.`, `(a)`) or a tab.
pub(super) fn labelled(changes: Vec<Change>, in_cell: bool) -> Paragraph {
    let new_text = result_of(&changes);
    let old_text = original_of(&changes);
    if in_cell && (is_quantity(&new_text) || is_quantity(&old_text)) {
        return paragraph_of(changes, None, None);
    }
    let new_split =
        label_of(&new_text).map(|(l, rest)| (l.to_string(), new_text.len() - rest.len()));
    let old_split =
        label_of(&old_text).map(|(l, rest)| (l.to_string(), old_text.len() - rest.len()));
    let deleted_whole = new_text.trim().is_empty();
    let (new_label, new_cut) = new_split.unwrap_or_default();
    let (old_label, old_cut) = old_split.unwrap_or_default();
    let Some(stripped) = strip_prefixes(&changes, new_cut, old_cut) else {
        return paragraph_of(changes, None, None);
    };
    // A paragraph retyped whole with a new label ("b) that ..." deleted,
    // "c) that ..." inserted) keeps, once the labels are off, the same
    // text deleted and inserted: that text is unchanged.
    let stripped = if new_cut > 0 || old_cut > 0 {
        equal_pairs(stripped)
    } else {
        stripped
    };
    let new_label = (!new_label.is_empty()).then_some(new_label);
    let old_label = (!old_label.is_empty()).then_some(old_label);
    if deleted_whole {
        paragraph_of(stripped, old_label, None)
    } else {
        let former = old_label.filter(|o| Some(o) != new_label.as_ref());
        paragraph_of(stripped, new_label, former)
    }
}

/// Drops leading and trailing white space from both sides of a list of
/// changes; `None` if a cut falls inside a character (it cannot: white
/// space is ASCII or whole characters).
pub(super) fn trim_changes(changes: &[Change]) -> Option<Vec<Change>> {
    let lead = |s: &str| s.len() - s.trim_start().len();
    let head = strip_prefixes(
        changes,
        lead(&result_of(changes)),
        lead(&original_of(changes)),
    )?;
    // Trailing white space: the same cut on the reversed changes.
    let reversed: Vec<Change> = head
        .iter()
        .rev()
        .map(|c| Change {
            text: c.text.chars().rev().collect(),
            ..c.clone()
        })
        .collect();
    let tail = strip_prefixes(
        &reversed,
        lead(&result_of(&reversed)),
        lead(&original_of(&reversed)),
    )?;
    Some(
        tail.into_iter()
            .rev()
            .map(|c| Change {
                text: c.text.chars().rev().collect(),
                ..c
            })
            .collect(),
    )
}

/// Drops the first `new_cut` bytes of the new side (equal and insert) and
/// the first `old_cut` bytes of the old side (equal and delete), keeping
/// authors. Where one side loses more of an equal run than the other, the
/// extra becomes a deletion or insertion of the other side. `None` if a cut
/// is not on a character boundary.
pub(super) fn strip_prefixes(
    changes: &[Change],
    new_cut: usize,
    old_cut: usize,
) -> Option<Vec<Change>> {
    let mut new_left = new_cut;
    let mut old_left = old_cut;
    let mut out: Vec<Change> = Vec::new();
    for c in changes {
        let text = c.text.as_str();
        let author = c.author.as_deref();
        match c.kind {
            ChangeKind::Insert => {
                let cut = new_left.min(text.len());
                new_left -= cut;
                push_change(&mut out, ChangeKind::Insert, text.get(cut..)?, author);
            }
            ChangeKind::Delete => {
                let cut = old_left.min(text.len());
                old_left -= cut;
                push_change(&mut out, ChangeKind::Delete, text.get(cut..)?, author);
            }
            ChangeKind::Equal => {
                let both = new_left.min(old_left).min(text.len());
                let mut rest = text.get(both..)?;
                new_left -= both;
                old_left -= both;
                if new_left > 0 && !rest.is_empty() {
                    let cut = new_left.min(rest.len());
                    push_change(&mut out, ChangeKind::Delete, rest.get(..cut)?, None);
                    new_left -= cut;
                    rest = rest.get(cut..)?;
                } else if old_left > 0 && !rest.is_empty() {
                    let cut = old_left.min(rest.len());
                    push_change(&mut out, ChangeKind::Insert, rest.get(..cut)?, None);
                    old_left -= cut;
                    rest = rest.get(cut..)?;
                }
                push_change(&mut out, ChangeKind::Equal, rest, None);
            }
        }
    }
    Some(out)
}

/// A label typed at the start of a paragraph: as the text reader splits
/// it, or a note's mark before a tab (`[1]`, `[iv]`), as a synopsis
/// written as .docx labels its notes.
fn label_of(text: &str) -> Option<(&str, &str)> {
    split_label(text).or_else(|| {
        let (mark, rest) = text.split_once('\t')?;
        let inner = mark.strip_prefix('[')?.strip_suffix(']')?;
        let is_mark = !inner.is_empty()
            && inner.len() <= 8
            && (inner.bytes().all(|b| b.is_ascii_digit())
                || inner.bytes().all(|b| b"ivxlcdm".contains(&b)));
        is_mark.then_some((mark, rest))
    })
}

/// True when a label is words that name a part (`Article 1`, `Section
/// 3.`, `CHAPTER II`, `§ 4`), not an enumerator (`1.`, `(a)`, `II.3`, `■`):
/// words are set apart by white space, as no enumerator is.
fn is_words(label: &str) -> bool {
    label.trim().contains(char::is_whitespace)
}

/// A label made of words (a list level drawn as `Article %1`, `CHAPTER %1`)
/// put before the text it heads, as Word shows it and as the text reader
/// reads the same line (`Article 1<TAB>Subject matter`): the words then
/// name the part as a typed heading would, and a paragraph holding nothing
/// but its number (`Article 1`, its caption in the next paragraph) is
/// kept. An enumerator label stays a label. The label the paragraph had
/// before the proposer's changes (`former`) goes with the original side;
/// `in_result` and `in_original` say which sides the paragraph is on.
pub(super) fn label_words_into_text(
    changes: Vec<Change>,
    label: Option<String>,
    former: Option<String>,
    in_result: bool,
    in_original: bool,
) -> (Vec<Change>, Option<String>, Option<String>) {
    let words = |l: &Option<String>| l.as_deref().is_some_and(is_words);
    if !words(&label) && !words(&former) {
        return (changes, label, former);
    }
    let old = former.or_else(|| label.clone());
    let new = label;
    let result_empty = result_of(&changes).trim().is_empty();
    let original_empty = original_of(&changes).trim().is_empty();
    let deleted = !in_result || (result_empty && !original_empty);
    let inserted = !in_original || (original_empty && !result_empty);
    let with_tab = |l: Option<String>| l.map(|l| l + "\t").unwrap_or_default();
    let mut out = Vec::with_capacity(changes.len() + 2);
    if deleted {
        push_change(&mut out, ChangeKind::Delete, &with_tab(old), None);
    } else if inserted {
        push_change(&mut out, ChangeKind::Insert, &with_tab(new), None);
    } else if old == new {
        push_change(&mut out, ChangeKind::Equal, &with_tab(new), None);
    } else {
        push_change(&mut out, ChangeKind::Delete, &with_tab(old), None);
        push_change(&mut out, ChangeKind::Insert, &with_tab(new), None);
    }
    for c in changes {
        push_change(&mut out, c.kind, &c.text, c.author.as_deref());
    }
    (out, None, None)
}

/// True when a text starts with a bare number and a space (`40 euros`).
fn is_quantity(text: &str) -> bool {
    let t = text.trim_start();
    let digits = t.len() - t.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    digits > 0 && t[digits..].starts_with(' ')
}

/// Changes with each deletion next to an insertion of the same text (in
/// either order) made one unchanged piece.
fn equal_pairs(changes: Vec<Change>) -> Vec<Change> {
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    for c in changes {
        let pairs = out.last().is_some_and(|last| {
            last.text == c.text
                && matches!(
                    (last.kind, c.kind),
                    (ChangeKind::Delete, ChangeKind::Insert)
                        | (ChangeKind::Insert, ChangeKind::Delete)
                )
        });
        if pairs {
            out.pop();
            push_change(&mut out, ChangeKind::Equal, &c.text, None);
        } else {
            push_change(&mut out, c.kind, &c.text, c.author.as_deref());
        }
    }
    out
}

/// Splits a paragraph's changes where a legislative heading ends and its
/// section's first paragraph begins ("Section 1. Short title." / "This
/// Act may be cited as ..."): `body` is how the text of the view `probe`
/// (the result, else the original when `result` is false) ends. A change
/// the cut falls in (an article inserted whole) is cut in two of its
/// kind. Both parts come trimmed; `None` when either is empty.
pub(super) fn split_heading_body(
    changes: &[Change],
    probe: &str,
    body: &str,
    result: bool,
) -> Option<(Vec<Change>, Vec<Change>)> {
    let at = probe.len().checked_sub(body.len())?;
    if at == 0 || !probe.ends_with(body) {
        return None;
    }
    let shown = |c: &Change| match c.kind {
        ChangeKind::Equal => true,
        ChangeKind::Insert => result,
        _ => !result,
    };
    let mut start = 0;
    for (i, c) in changes.iter().enumerate() {
        let end = start + if shown(c) { c.text.len() } else { 0 };
        if shown(c) && start <= at && at <= end {
            let cut = at - start;
            if !c.text.is_char_boundary(cut) {
                return None;
            }
            let mut head = changes[..i].to_vec();
            head.push(Change {
                text: c.text[..cut].into(),
                ..c.clone()
            });
            let mut rest = vec![Change {
                text: c.text[cut..].into(),
                ..c.clone()
            }];
            rest.extend_from_slice(&changes[i + 1..]);
            let keep = |v: Vec<Change>| -> Vec<Change> {
                v.into_iter().filter(|c| !c.text.is_empty()).collect()
            };
            let head = trim_changes(&keep(head))?;
            let rest = trim_changes(&keep(rest))?;
            return (!head.is_empty() && !rest.is_empty()).then_some((head, rest));
        }
        start = end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(kind: ChangeKind, text: &str) -> Change {
        Change::new(kind, text)
    }

    #[test]
    fn a_heading_is_cut_from_its_text_in_either_view() {
        use ChangeKind::{Delete, Equal, Insert};
        // The result: "Artículo 2. Tasas. Se pagan cada trimestre."
        let changes = [
            change(Equal, "Artículo 2. Tasas. Se pagan cada "),
            change(Delete, "mes"),
            change(Insert, "trimestre"),
            change(Equal, "."),
        ];
        let (head, rest) = split_heading_body(
            &changes,
            "Artículo 2. Tasas. Se pagan cada trimestre.",
            "Se pagan cada trimestre.",
            true,
        )
        .unwrap();
        assert_eq!(head, [change(Equal, "Artículo 2. Tasas.")]);
        assert_eq!(result_of(&rest), "Se pagan cada trimestre.");
        assert_eq!(original_of(&rest), "Se pagan cada mes.");
        // A paragraph deleted whole is cut in its original text.
        let gone = [change(Delete, "Artículo 3. Multas. Se fijan por decreto.")];
        let (head, rest) = split_heading_body(
            &gone,
            "Artículo 3. Multas. Se fijan por decreto.",
            "Se fijan por decreto.",
            false,
        )
        .unwrap();
        assert_eq!(head, [change(Delete, "Artículo 3. Multas.")]);
        assert_eq!(rest, [change(Delete, "Se fijan por decreto.")]);
        // A body that is not how the text ends, or is all of it: no cut.
        assert!(split_heading_body(&gone, "Artículo 3.", "Se fijan", false).is_none());
        assert!(split_heading_body(&changes, "Se pagan", "Se pagan", true).is_none());
    }
}
