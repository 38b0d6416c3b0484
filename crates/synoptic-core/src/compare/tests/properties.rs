//! Property tests over generated documents and edits.

use super::*;

fn doc_strategy() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(text_strategy(3..14), 0..6), 1..4)
}

#[derive(Debug, Clone)]
enum Edit {
    Modify(usize, usize, String),
    Delete(usize, usize),
    Insert(usize, usize, String),
    Swap(usize, usize),
    AddSection(String),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..4usize, 0..6usize, text_strategy(3..14)).prop_map(|(s, p, t)| Edit::Modify(s, p, t)),
        (0..4usize, 0..6usize).prop_map(|(s, p)| Edit::Delete(s, p)),
        (0..4usize, 0..7usize, text_strategy(3..14)).prop_map(|(s, p, t)| Edit::Insert(s, p, t)),
        (0..4usize, 0..6usize).prop_map(|(s, p)| Edit::Swap(s, p)),
        text_strategy(3..14).prop_map(Edit::AddSection),
    ]
}

fn apply(base: &[Vec<String>], edits: &[Edit]) -> Vec<Vec<String>> {
    let mut doc = base.to_vec();
    for e in edits {
        match e {
            Edit::Modify(s, p, t) => {
                if let Some(par) = doc.get_mut(*s).and_then(|sec| sec.get_mut(*p)) {
                    par.push(' ');
                    par.push_str(t);
                }
            }
            Edit::Delete(s, p) => {
                if let Some(sec) = doc.get_mut(*s) {
                    if *p < sec.len() {
                        sec.remove(*p);
                    }
                }
            }
            Edit::Insert(s, p, t) => {
                if let Some(sec) = doc.get_mut(*s) {
                    let at = (*p).min(sec.len());
                    sec.insert(at, t.clone());
                }
            }
            Edit::Swap(s, p) => {
                if let Some(sec) = doc.get_mut(*s) {
                    if p + 1 < sec.len() {
                        sec.swap(*p, p + 1);
                    }
                }
            }
            Edit::AddSection(t) => doc.push(vec![t.clone()]),
        }
    }
    doc
}

fn written(doc: &Document) -> Vec<String> {
    doc.sections
        .iter()
        .flat_map(|s| {
            s.opener
                .iter()
                .chain(s.paragraphs.iter())
                .map(|p| p.text.to_string())
        })
        .collect()
}

fn check_invariants(s: &Synopsis, docs: &[&Document]) -> Result<(), TestCaseError> {
    for (col, doc) in docs.iter().enumerate() {
        prop_assert_eq!(shown(s, col), written(doc), "column {}", col);
    }
    for row in &s.rows {
        prop_assert_eq!(row.cells.len(), s.versions.len());
        for cell in &row.cells {
            if cell.status == Status::Absent {
                prop_assert!(cell.ops.is_empty());
                continue;
            }
            prop_assert_eq!(
                original_of(&cell.ops),
                row.base_text.clone().unwrap_or_default(),
                "row {}",
                &row.id
            );
            prop_assert_eq!(result_of(&cell.ops), cell.text.clone(), "row {}", &row.id);
        }
    }
    let mut ids: Vec<&str> = s.rows.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    prop_assert_eq!(ids.len(), s.rows.len(), "row ids are unique");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_paragraph_once_and_ops_rebuild_text(
        base_secs in doc_strategy(),
        edits in prop::collection::vec(prop::collection::vec(edit_strategy(), 0..5), 1..4),
    ) {
        let base_doc = build(&base_secs);
        let proposals: Vec<VersionInput> = edits
            .iter()
            .enumerate()
            .map(|(i, e)| VersionInput { label: format!("P{i}"), document: build(&apply(&base_secs, e)) })
            .collect();
        let base = VersionInput { label: "base".into(), document: base_doc };
        let s = compare(Some(&base), &proposals, &CompareOptions::default()).unwrap();
        let mut docs = vec![&base.document];
        docs.extend(proposals.iter().map(|p| &p.document));
        check_invariants(&s, &docs)?;

        // Without the base the same holds; column 0 is the inferred base.
        let s = compare(None, &proposals, &CompareOptions::default()).unwrap();
        for (i, p) in proposals.iter().enumerate() {
            prop_assert_eq!(shown(&s, i + 1), written(&p.document));
        }
    }

    #[test]
    fn proposal_order_does_not_matter(
        base_secs in doc_strategy(),
        edits in prop::collection::vec(prop::collection::vec(edit_strategy(), 0..5), 2..4),
        with_base in any::<bool>(),
    ) {
        let base = VersionInput { label: "base".into(), document: build(&base_secs) };
        let proposals: Vec<VersionInput> = edits
            .iter()
            .enumerate()
            .map(|(i, e)| VersionInput { label: format!("P{i}"), document: build(&apply(&base_secs, e)) })
            .collect();
        let mut reversed = proposals.clone();
        reversed.reverse();
        let b = with_base.then_some(&base);
        let s1 = compare(b, &proposals, &CompareOptions::default()).unwrap();
        let s2 = compare(b, &reversed, &CompareOptions::default()).unwrap();
        prop_assert_eq!(s1.rows.len(), s2.rows.len());
        let n = proposals.len();
        for (r1, r2) in s1.rows.iter().zip(&s2.rows) {
            prop_assert_eq!(&r1.id, &r2.id);
            prop_assert_eq!(&r1.base_text, &r2.base_text);
            prop_assert_eq!(&r1.cells[0], &r2.cells[0]);
            for i in 0..n {
                // Proposal i is column i+1 in s1 and column n-i in s2.
                let (c1, c2) = (&r1.cells[i + 1], &r2.cells[n - i]);
                prop_assert_eq!(c1.status, c2.status);
                prop_assert_eq!(&c1.text, &c2.text);
                prop_assert_eq!(&c1.ops, &c2.ops);
                prop_assert_eq!(&c1.moved, &c2.moved);
            }
        }
    }
}
