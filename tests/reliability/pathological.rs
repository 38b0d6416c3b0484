//! Pathological alignment input: each gives a sensible synopsis. How long
//! each takes, and in how much memory, is measured by `bench/run.py
//! adversarial` and stated in the README, not timed here.

use synoptic_core::{
    compare, CompareOptions, Document, Paragraph, Section, Status, Synopsis, VersionInput,
};

fn version(label: &str, paragraphs: Vec<String>) -> VersionInput {
    VersionInput {
        label: label.into(),
        document: Document {
            sections: vec![Section {
                opener: Some(Paragraph::new("resolves")),
                paragraphs: paragraphs.into_iter().map(Paragraph::new).collect(),
            }],
            ..Document::default()
        },
    }
}

fn statuses(s: &Synopsis, column: usize) -> Vec<Status> {
    s.rows
        .iter()
        .filter(|r| r.kind == synoptic_core::RowKind::Paragraph)
        .map(|r| r.cells[column].status)
        .collect()
}

const BOILERPLATE: &str =
    "that the Director shall report to the Council on the implementation of this resolution";

#[test]
fn thousands_of_identical_paragraphs_pair_in_order() {
    let base: Vec<String> = vec![BOILERPLATE.to_string(); 3000];
    let mut proposal = base.clone();
    proposal[1500] = format!("{BOILERPLATE} every year");
    let s = compare(
        Some(&version("base", base)),
        &[version("P", proposal)],
        &CompareOptions::default(),
    )
    .expect("compare");
    let st = statuses(&s, 1);
    assert_eq!(st.len(), 3000, "one row per paragraph, none split in two");
    assert_eq!(st.iter().filter(|s| **s == Status::Modified).count(), 1);
    assert_eq!(st.iter().filter(|s| **s == Status::Unchanged).count(), 2999);
}

#[test]
fn a_proposal_that_reverses_everything() {
    let base: Vec<String> = (0..400)
        .map(|i| format!("that paragraph number {i} speaks of topic{i} and nothing else"))
        .collect();
    let mut reversed = base.clone();
    reversed.reverse();
    let s = compare(
        Some(&version("base", base.clone())),
        &[version("P", reversed.clone())],
        &CompareOptions::default(),
    )
    .expect("compare");
    // Every paragraph of both versions once, in each version's order.
    let shown: Vec<&str> = s
        .rows
        .iter()
        .filter(|r| r.kind == synoptic_core::RowKind::Paragraph)
        .map(|r| &r.cells[1])
        .filter(|c| {
            matches!(
                c.status,
                Status::Unchanged | Status::Modified | Status::Added
            )
        })
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(
        shown,
        reversed.iter().map(String::as_str).collect::<Vec<_>>()
    );
    // What did not stay in place is said to have moved, or the output says
    // why it could not tell.
    let moved = s.rows.iter().filter(|r| r.cells[1].moved.is_some()).count();
    assert!(moved >= 2 * 390 || !s.notes.is_empty(), "moved {moved}");
}

#[test]
fn one_enormous_paragraph() {
    let words: Vec<String> = (0..40_000).map(|i| format!("w{}", i % 997)).collect();
    let base = words.join(" ");
    let mut changed = words.clone();
    changed[10] = "CHANGED".into();
    changed[20_000] = "ALSO".into();
    let proposal = changed.join(" ");
    let s = compare(
        Some(&version("base", vec![base.clone()])),
        &[version("P", vec![proposal.clone()])],
        &CompareOptions::default(),
    )
    .expect("compare");
    let cell = &s.rows[1].cells[1];
    assert_eq!(cell.status, Status::Modified);
    assert_eq!(synoptic_core::model::original_of(&cell.ops), base);
    assert_eq!(synoptic_core::model::result_of(&cell.ops), proposal);
    let changes = cell
        .ops
        .iter()
        .filter(|c| c.kind != synoptic_core::ChangeKind::Equal)
        .count();
    assert!(
        changes <= 4,
        "two small replacements, not a rewrite: {changes}"
    );
}

#[test]
fn empty_files() {
    let empty = || VersionInput {
        label: "empty".into(),
        document: Document::default(),
    };
    let s = compare(
        Some(&empty()),
        &[empty(), empty()],
        &CompareOptions::default(),
    )
    .expect("compare");
    assert!(s.rows.is_empty());
    let s = compare(None, &[empty(), empty()], &CompareOptions::default()).expect("compare");
    assert!(s.rows.is_empty());
    // An empty proposal against a real base proposes nothing.
    let base = version("base", vec![BOILERPLATE.to_string()]);
    let s = compare(Some(&base), &[empty()], &CompareOptions::default()).expect("compare");
    assert!(s.rows.iter().all(|r| r.cells[1].status == Status::Absent));
}

#[test]
fn a_proposal_identical_to_the_base() {
    let base: Vec<String> = (0..500)
        .map(|i| format!("that paragraph {i} is kept as it is"))
        .collect();
    let s = compare(
        Some(&version("base", base.clone())),
        &[version("P", base)],
        &CompareOptions::default(),
    )
    .expect("compare");
    assert_eq!(s.changed_row_count(), 0);
    assert!(s.notes.is_empty());
}
