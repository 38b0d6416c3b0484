//! Row ids of paragraphs that proposals insert: "after X", at their level.

use super::*;

const KEEP: &str = "The harbour master shall keep a register of all vessels entering the harbour.";
const REFUSE: &str = "The harbour master may refuse entry to a vessel that—";
const GOODS: &str = "carries dangerous goods without a declaration; or";
const FAILED: &str = "has failed an inspection within the past year.";
const REPORT: &str = "The harbour master shall report annually to the council.";

fn bill(items: &[(&str, &str)]) -> VersionInput {
    input(
        "v",
        vec![section(
            Some("SECTION 3. DUTIES OF THE HARBOUR MASTER."),
            items,
        )],
    )
}

fn ids(synopsis: &Synopsis) -> Vec<&str> {
    synopsis.rows.iter().map(|r| r.id.as_str()).collect()
}

#[test]
fn an_inserted_paragraph_comes_after_the_anchor_at_its_own_level() {
    let base = bill(&[
        ("(a)", KEEP),
        ("(c)", REFUSE),
        ("(1)", GOODS),
        ("(2)", FAILED),
        ("(d)", REPORT),
    ]);
    // One proposal adds a sub-item (3) and a new (d); another adds its own
    // (d). Both re-letter the base's (d).
    let dues = bill(&[
        ("(a)", KEEP),
        ("(c)", REFUSE),
        ("(1)", GOODS),
        ("(2)", FAILED),
        (
            "(3)",
            "has not paid the harbour dues owed for a previous visit.",
        ),
        (
            "(d)",
            "The harbour master shall publish the register every quarter.",
        ),
        ("(e)", REPORT),
    ]);
    let approaches = bill(&[
        ("(a)", KEEP),
        ("(c)", REFUSE),
        ("(1)", GOODS),
        ("(2)", FAILED),
        (
            "(d)",
            "The harbour master shall keep the approaches free of wrecks.",
        ),
        ("(e)", REPORT),
    ]);
    let s = compare(
        Some(&base),
        &[dues.clone(), approaches.clone()],
        &CompareOptions::default(),
    )
    .unwrap();
    assert_eq!(
        ids(&s),
        [
            "section-3",
            "section-3/a",
            "section-3/c",
            "section-3/c/1",
            "section-3/c/2",
            "section-3/c/2+1",
            "section-3/c+1",
            "section-3/c+2",
            "section-3/d",
        ]
    );
    // The ids name content, not columns: the other order gives the same.
    let swapped = compare(Some(&base), &[approaches, dues], &CompareOptions::default()).unwrap();
    let mut a = ids(&s);
    let mut b = ids(&swapped);
    a.sort_unstable();
    b.sort_unstable();
    assert_eq!(a, b);
}

#[test]
fn an_unlabelled_addition_comes_after_the_paragraph_before_it() {
    let base = bill(&[
        ("(c)", REFUSE),
        ("(1)", GOODS),
        ("(2)", FAILED),
        ("(d)", REPORT),
    ]);
    let proposal = bill(&[
        ("(c)", REFUSE),
        ("(1)", GOODS),
        ("(2)", FAILED),
        ("", "This paragraph does not apply to a vessel in distress."),
        ("(d)", REPORT),
    ]);
    let s = compare(Some(&base), &[proposal], &CompareOptions::default()).unwrap();
    assert!(ids(&s).contains(&"section-3/c/2+1"), "{:?}", ids(&s));
}

#[test]
fn paragraphs_under_a_numbered_caption_are_its_paragraphs() {
    let standard = |clauses: &[(&str, &str)]| input("v", vec![section(Some("Annex A"), clauses)]);
    let base = standard(&[
        ("A.1", "General"),
        (
            "",
            "The berthing velocity depends on the size of the vessel.",
        ),
        ("", "NOTE The values in Table A.1 are typical."),
        ("A.2", "Exposed berths"),
        (
            "",
            "For exposed berths, the velocity should be increased by 20 %.",
        ),
    ]);
    let proposal = standard(&[
        ("A.1", "General"),
        (
            "",
            "The berthing velocity depends on the size of the vessel.",
        ),
        ("", "NOTE The values in Table A.1 are typical."),
        ("A.2", "Sheltered berths"),
        (
            "",
            "For sheltered berths, the velocity may be reduced by a tenth.",
        ),
        ("A.3", "Exposed berths"),
        (
            "",
            "For exposed berths, the velocity should be increased by 30 %.",
        ),
    ]);
    let s = compare(Some(&base), &[proposal], &CompareOptions::default()).unwrap();
    assert_eq!(
        ids(&s),
        [
            "annex-a",
            "annex-a/a.1",
            "annex-a/a.1/p1",
            "annex-a/a.1/p2",
            // A clause added after A.1 comes after it, past its paragraphs.
            "annex-a/a.1+1",
            "annex-a/a.1+1/p1",
            "annex-a/a.2",
            "annex-a/a.2/p1",
        ]
    );
}

#[test]
fn quoted_paragraphs_belong_to_the_amendment_that_inserts_them() {
    const INSERT: &str = "After subsection (3) insert\u{2014}";
    const NOTICE: &str = "\"(3A) A harbour authority must publish a notice of any closure.";
    const REASONS: &str = "(3B) The notice must state the reasons for the closure.\"";
    const OMIT: &str = "Omit subsection (5).";
    let bill = |items: &[(&str, &str)]| input("v", vec![section(Some("Section 1"), items)]);
    let base = bill(&[("(3)", INSERT), ("", NOTICE), ("", REASONS), ("(4)", OMIT)]);
    let proposal = bill(&[
        ("(3)", INSERT),
        ("", "In subsection (2), omit \"by notice\"."),
        ("", NOTICE),
        ("", REASONS),
        (
            "(4)",
            "In subsection (4), after \"vessel\" insert \"or hovercraft\".",
        ),
        ("(5)", OMIT),
    ]);
    let s = compare(Some(&base), &[proposal], &CompareOptions::default()).unwrap();
    assert_eq!(
        ids(&s),
        [
            "section-1",
            "section-1/3",
            "section-1/3+1",
            "section-1/3/p1",
            "section-1/3/p2",
            // After 3 again, past its quoted paragraphs: a new number.
            "section-1/3+2",
            "section-1/4",
        ]
    );
}

#[test]
fn an_inserted_label_is_cited_as_written() {
    let rules = |items: &[(&str, &str)]| input("v", vec![section(Some("Rule 12"), items)]);
    let base = rules(&[
        ("1.", "Each member shall have one vote."),
        (
            "2.",
            "Decisions shall be taken by a majority of the members present.",
        ),
        ("3.", "The President shall announce the result."),
    ]);
    let proposal = rules(&[
        ("1.", "Each member shall have one vote."),
        ("1 bis.", "A member may not delegate its vote."),
        (
            "2.",
            "Decisions shall be taken by a majority of the members present.",
        ),
        // Westminster's inserted "2A" likewise.
        ("2A.", "A tie is broken by lot."),
        ("3.", "The President shall announce the result."),
    ]);
    let s = compare(Some(&base), &[proposal], &CompareOptions::default()).unwrap();
    assert_eq!(
        ids(&s),
        [
            "rule-12",
            "rule-12/1",
            "rule-12/1bis",
            "rule-12/2",
            "rule-12/2a",
            "rule-12/3"
        ]
    );
}
