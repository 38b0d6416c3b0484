//! Property tests of consolidation over generated documents and edits.

use super::*;

/// An edit of one base word by one proposal.
#[derive(Debug, Clone)]
enum WordEdit {
    Replace,
    Delete,
    InsertBefore,
}

fn word_edit() -> impl Strategy<Value = Option<(usize, WordEdit)>> {
    prop_oneof![
        2 => Just(None),
        1 => (0..4usize, prop_oneof![
            Just(WordEdit::Replace),
            Just(WordEdit::Delete),
            Just(WordEdit::InsertBefore)
        ])
        .prop_map(Some),
    ]
}

/// The words of the text after the given edits (position -> edit).
fn apply_words(n: usize, edits: &[Option<(usize, WordEdit)>], only: Option<usize>) -> String {
    let mut words: Vec<String> = Vec::new();
    for i in 0..n {
        let base = format!("word{i:02}");
        match edits.get(i).cloned().flatten() {
            Some((p, e)) if only.is_none_or(|o| o == p) => match e {
                WordEdit::Replace => words.push(format!("new{i:02}x{p}")),
                WordEdit::Delete => {}
                WordEdit::InsertBefore => {
                    words.push(format!("ins{i:02}x{p}"));
                    words.push(base);
                }
            },
            _ => words.push(base),
        }
    }
    words.join(" ")
}

/// Edits of one proposal at least three words apart, so that no proposal's
/// word diff folds the words between two of its edits into one change.
fn spread(
    mut edits: Vec<Option<(usize, WordEdit)>>,
    proposals: usize,
) -> Vec<Option<(usize, WordEdit)>> {
    let mut last: Vec<Option<usize>> = vec![None; proposals];
    for (i, e) in edits.iter_mut().enumerate() {
        if let Some((p, _)) = e {
            let p = *p % proposals;
            if last[p].is_some_and(|l| i < l + 3) {
                *e = None;
                continue;
            }
            last[p] = Some(i);
            if let Some((q, _)) = e {
                *q = p;
            }
        }
    }
    edits
}

#[derive(Debug, Clone)]
enum DocEdit {
    Modify(usize, usize, usize, String),
    Delete(usize, usize),
    Insert(usize, usize, String),
}

fn doc_edit() -> impl Strategy<Value = DocEdit> {
    prop_oneof![
        (0..3usize, 0..5usize, 0..6usize, text_strategy(3..10))
            .prop_map(|(s, p, w, t)| DocEdit::Modify(s, p, w, t)),
        (0..3usize, 0..5usize).prop_map(|(s, p)| DocEdit::Delete(s, p)),
        (0..3usize, 0..6usize, text_strategy(3..10)).prop_map(|(s, p, t)| DocEdit::Insert(s, p, t)),
    ]
}

fn apply_doc(base: &[Vec<String>], edits: &[DocEdit]) -> Vec<Vec<String>> {
    let mut doc = base.to_vec();
    for e in edits {
        match e {
            DocEdit::Modify(s, p, w, t) => {
                if let Some(par) = doc.get_mut(*s).and_then(|sec| sec.get_mut(*p)) {
                    let mut words: Vec<String> = par.split(' ').map(String::from).collect();
                    let at = (*w).min(words.len());
                    words.insert(at, t.clone());
                    *par = words.join(" ");
                }
            }
            DocEdit::Delete(s, p) => {
                if let Some(sec) = doc.get_mut(*s) {
                    if *p < sec.len() {
                        sec.remove(*p);
                    }
                }
            }
            DocEdit::Insert(s, p, t) => {
                if let Some(sec) = doc.get_mut(*s) {
                    let at = (*p).min(sec.len());
                    sec.insert(at, t.clone());
                }
            }
        }
    }
    doc
}

/// The non-empty texts one column shows, in row order.
fn shown(s: &Synopsis, col: usize) -> Vec<String> {
    test_docs::shown(s, col)
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect()
}

/// The non-empty texts of a draft without conflicts, in row order.
fn drafted(d: &Draft) -> Vec<String> {
    d.rows
        .iter()
        .filter_map(DraftRow::text)
        .filter(|t| !t.is_empty())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// With no conflicts, the draft is the base with every proposal's
    /// edits applied.
    #[test]
    fn without_conflicts_every_edit_is_applied(
        n in 4..24usize,
        proposals in 1..5usize,
        raw in prop::collection::vec(word_edit(), 24),
    ) {
        let edits = spread(raw, proposals);
        let base = apply_words(n, &[], None);
        let texts: Vec<String> = (0..proposals).map(|p| apply_words(n, &edits, Some(p))).collect();
        let cells: Vec<C<'_>> = texts
            .iter()
            .map(|t| if t.is_empty() { C::Deleted } else { C::Text(t) })
            .collect();
        let labels: Vec<String> = (0..proposals).map(|p| format!("P{p}")).collect();
        let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let s = synopsis(&label_refs, vec![row("r/1", Some(&base), &cells)]);
        let d = consolidate(&s, None);
        let r = &d.rows[0];
        prop_assert!(!r.has_conflict(), "{}", show(r));
        prop_assert_eq!(r.text().unwrap(), apply_words(n, &edits, None));
        prop_assert_eq!(r.base_text(), base);
    }

    /// Accepting proposal X in every row reproduces X's text exactly, and
    /// consolidating X alone gives X.
    #[test]
    fn accepting_one_proposal_everywhere_gives_its_text(
        base_secs in prop::collection::vec(prop::collection::vec(text_strategy(3..10), 0..5), 1..4),
        edits in prop::collection::vec(prop::collection::vec(doc_edit(), 0..5), 1..4),
        pick in 0..3usize,
        with_base in any::<bool>(),
    ) {
        let base = VersionInput { label: "base".into(), document: build(&base_secs) };
        let proposals: Vec<VersionInput> = edits
            .iter()
            .enumerate()
            .map(|(i, e)| VersionInput { label: format!("P{i}"), document: build(&apply_doc(&base_secs, e)) })
            .collect();
        let x = pick % proposals.len();
        let s = compare(with_base.then_some(&base), &proposals, &CompareOptions::default()).unwrap();
        let auto = consolidate(&s, None);
        let mut decisions = Decisions::default();
        for r in &auto.rows {
            decisions.rows.insert(r.id.clone(), RowDecision {
                choice: Some(Choice::Accept(format!("P{x}"))),
                fingerprint: Some(r.fingerprint.clone()),
                note: None,
            });
        }
        let d = consolidate(&s, Some(&decisions));
        prop_assert!(d.stale.is_empty(), "{:?}", d.stale);
        prop_assert_eq!(d.conflict_count(), 0);
        prop_assert_eq!(drafted(&d), shown(&s, x + 1));

        // Every automatic row spells its base text.
        for (r, row) in auto.rows.iter().zip(&s.rows) {
            prop_assert_eq!(r.base_text(), row.base_text.clone().unwrap_or_default(), "row {}", &r.id);
        }

        // One proposal alone. A proposal without any paragraph proposes
        // nothing (its cells are absent, see `compare`), so the draft is the
        // base: that case is left out here.
        if proposals[x].document.paragraph_count() > 0 {
            let s1 = compare(with_base.then_some(&base), &proposals[x..=x], &CompareOptions::default()).unwrap();
            let d1 = consolidate(&s1, None);
            prop_assert_eq!(d1.conflict_count(), 0);
            prop_assert_eq!(drafted(&d1), shown(&s1, 1));
        }
    }

    /// Any synopsis consolidates without panicking, decisions or not.
    #[test]
    fn never_panics(
        base in proptest::option::of("\\PC{0,30}"),
        texts in prop::collection::vec(("\\PC{0,30}", 0..5u8), 1..4),
        accept in 0..4usize,
    ) {
        let labels: Vec<String> = (0..texts.len()).map(|i| format!("P{i}")).collect();
        let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let cells: Vec<C<'_>> = texts
            .iter()
            .map(|(t, k)| match (k, &base) {
                (0, _) => C::Same,
                (1, _) => C::Text(t),
                (2, Some(_)) => C::Deleted,
                (2, None) | (3, _) => C::Added(t),
                _ => C::Absent,
            })
            .collect();
        let s = synopsis(&label_refs, vec![row("r/1", base.as_deref(), &cells)]);
        let d = consolidate(&s, None);
        prop_assert_eq!(d.rows[0].base_text(), base.clone().unwrap_or_default());
        // The writers' conflict marks are the draft's conflicts.
        let marks = row_conflicts(&s);
        prop_assert_eq!(marks[0].is_some(), d.rows[0].outcome == Outcome::Conflict);
        prop_assert_eq!(marks[0].clone().map(|c| c.proposers), d.rows[0].conflict(&d.proposals).map(|c| c.proposers));
        let dec = Decisions { rows: [("r/1".to_string(), RowDecision {
            choice: Some(Choice::Accept(format!("P{accept}"))),
            ..RowDecision::default()
        })].into_iter().collect() };
        let _ = consolidate(&s, Some(&dec));
    }
}
