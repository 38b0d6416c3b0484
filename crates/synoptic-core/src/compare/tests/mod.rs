//! Tests of the comparison: scenarios here, by job in the files beside.

mod collations;
mod ids;
mod profiles;
mod properties;
mod quality;
mod reordered;

use super::*;
use crate::model::{result_of, Section};
use crate::test_docs::{build, shown, text_strategy};
use proptest::prelude::*;

fn section(opener: Option<&str>, paragraphs: &[(&str, &str)]) -> Section {
    Section {
        opener: opener.map(Paragraph::new),
        paragraphs: paragraphs
            .iter()
            .map(|(l, t)| {
                if l.is_empty() {
                    Paragraph::new(*t)
                } else {
                    Paragraph::labelled(*l, *t)
                }
            })
            .collect(),
    }
}

fn input(label: &str, sections: Vec<Section>) -> VersionInput {
    VersionInput {
        label: label.into(),
        document: Document {
            sections,
            ..Document::default()
        },
    }
}

const A: &str = "that Resolution 123 of the Plenipotentiary Conference instructs the Secretary-General to bridge the standardization gap";
const B: &str = "that Resolution 139 of the Plenipotentiary Conference resolves that the digital divide be bridged through regional initiatives";
const C: &str = "that Resolution 154 of the Plenipotentiary Conference resolves to ensure use of the six official languages on an equal footing";
const NEW: &str = "that Resolution 71 of the Plenipotentiary Conference includes among the objectives of ITU-T the promotion of active participation";

fn base() -> VersionInput {
    input(
        "base",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Hammamet, 2016)")]),
            section(Some("considering"), &[("a)", A), ("b)", B), ("c)", C)]),
        ],
    )
}

fn statuses(s: &Synopsis, col: usize) -> Vec<(String, Status)> {
    s.rows
        .iter()
        .map(|r| (r.id.clone(), r.cells[col].status))
        .collect()
}

#[test]
fn inserted_paragraph_with_relettering() {
    let prop = input(
        "CITEL",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Geneva, 2022)")]),
            section(
                Some("considering"),
                &[("a)", NEW), ("b)", A), ("c)", B), ("d)", C)],
            ),
        ],
    );
    let s = compare(Some(&base()), &[prop], &CompareOptions::default()).unwrap();
    let st = statuses(&s, 1);
    assert_eq!(
        st,
        vec![
            ("preamble/p1".to_string(), Status::Modified),
            ("considering".to_string(), Status::Unchanged),
            ("considering/+1".to_string(), Status::Added),
            ("considering/a".to_string(), Status::Unchanged),
            ("considering/b".to_string(), Status::Unchanged),
            ("considering/c".to_string(), Status::Unchanged),
        ]
    );
    let row_b = &s.rows[4];
    assert_eq!(row_b.label.as_deref(), Some("b)"));
    assert_eq!(row_b.cells[1].label.as_deref(), Some("c)"));
    assert_eq!(s.rows[2].cells[0].status, Status::Absent);
}

#[test]
fn deletion_and_shared_modification() {
    let b2 = B.replace("regional initiatives", "regional and global initiatives");
    let one = input(
        "ATU",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Hammamet, 2016)")]),
            section(Some("considering"), &[("a)", A), ("b)", &b2)]),
        ],
    );
    let two = input(
        "RCC",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Hammamet, 2016)")]),
            section(Some("considering"), &[("a)", A), ("b)", &b2), ("c)", C)]),
        ],
    );
    let s = compare(Some(&base()), &[one, two], &CompareOptions::default()).unwrap();
    let c_row = s.rows.iter().find(|r| r.id == "considering/c").unwrap();
    assert_eq!(c_row.cells[1].status, Status::Deleted);
    assert_eq!(c_row.cells[2].status, Status::Unchanged);
    let b_row = s.rows.iter().find(|r| r.id == "considering/b").unwrap();
    assert_eq!(b_row.cells[1].status, Status::Modified);
    assert_eq!(b_row.cells[2].status, Status::Modified);
    assert_eq!(b_row.cells[1].text, b2);
}

#[test]
fn new_section_and_moves() {
    let prop = input(
        "APT",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Hammamet, 2016)")]),
            section(Some("considering"), &[("a)", B), ("b)", C), ("c)", A)]),
            section(
                Some("invites Member States"),
                &[(
                    "1",
                    "to contribute voluntarily to the fund for bridging the gap",
                )],
            ),
        ],
    );
    let s = compare(Some(&base()), &[prop], &CompareOptions::default()).unwrap();
    let invites: Vec<&Row> = s
        .rows
        .iter()
        .filter(|r| r.section == "invites-member-states")
        .collect();
    assert_eq!(invites.len(), 2);
    assert!(invites.iter().all(|r| r.cells[1].status == Status::Added));
    let moved: Vec<&Cell> = s
        .rows
        .iter()
        .map(|r| &r.cells[1])
        .filter(|c| c.moved.is_some())
        .collect();
    assert_eq!(moved.len(), 2, "{:#?}", statuses(&s, 1));
}

#[test]
fn a_split_paragraph_and_a_joined_one_are_linked_to_their_rows() {
    let meet = "The Board shall meet at least four times a year.";
    let convene = "Meetings shall be convened by the Chair, who shall circulate the agenda ten days in advance.";
    let consensus = "The Board shall adopt its decisions by consensus.";
    let report = "Where consensus cannot be reached, the Chair shall report the views expressed to the Council.";
    let old = input(
        "base",
        vec![section(
            None,
            &[
                ("", &format!("{meet} {convene}")),
                ("", consensus),
                ("", report),
            ],
        )],
    );
    let prop = input(
        "WST",
        vec![section(
            None,
            &[
                ("", meet),
                ("", convene),
                ("", &format!("{consensus} {report}")),
                (
                    "",
                    "Minutes of each meeting shall be published within a month.",
                ),
            ],
        )],
    );
    let s = compare(Some(&old), &[prop], &CompareOptions::default()).unwrap();
    let row_of = |text: &str| {
        s.rows
            .iter()
            .find(|r| r.cells[1].text.as_str() == text || r.base_text.as_deref() == Some(text))
            .unwrap_or_else(|| panic!("{text} in {:#?}", statuses(&s, 1)))
    };
    // The sentence split off is linked to the row it came from.
    let split = row_of(meet);
    assert_eq!(split.cells[1].status, Status::Added);
    assert_eq!(
        split.cells[1].moved.as_deref(),
        Some(row_of(convene).id.as_str())
    );
    // The paragraph joined to the next is linked to the row it went to.
    let joined = row_of(consensus);
    assert_eq!(joined.cells[1].status, Status::Deleted);
    let into = s
        .rows
        .iter()
        .find(|r| r.base_text.as_deref() == Some(report))
        .expect("the row it joined");
    assert_eq!(joined.cells[1].moved.as_deref(), Some(into.id.as_str()));
    // A new paragraph next to them is new, not split off anything.
    let minutes = row_of("Minutes of each meeting shall be published within a month.");
    assert_eq!(minutes.cells[1].moved, None);
}

#[test]
fn a_paragraph_its_own_changes_delete_is_deleted_against_an_empty_common_text() {
    // Found by the pipeline's property test: no base, one version empty,
    // one reading "a", one whose only paragraph its proposer deleted.
    let mut gone = Paragraph::new("");
    gone.revision = Some(vec![Change::new(ChangeKind::Delete, "y")]);
    let versions = [
        input("E", vec![]),
        input("A", vec![section(None, &[("", "a")])]),
        input(
            "D",
            vec![Section {
                opener: None,
                paragraphs: vec![gone],
            }],
        ),
    ];
    let s = compare(None, &versions, &CompareOptions::default()).unwrap();
    let d = s.versions.iter().position(|v| v.label == "D").unwrap();
    for row in &s.rows {
        assert_ne!(
            row.cells[d].status,
            Status::Unchanged,
            "{:#?}",
            statuses(&s, d)
        );
        assert_ne!(row.cells[d].status, Status::Modified);
    }
}

#[test]
fn white_space_of_another_kind_is_no_change_but_a_split_word_is() {
    let eq = |t: &str| Change::new(ChangeKind::Equal, t);
    let del = |t: &str| Change::new(ChangeKind::Delete, t);
    let ins = |t: &str| Change::new(ChangeKind::Insert, t);
    // A non-breaking space for a space.
    assert!(!rows::shows_a_change(&[
        eq("(Rev."),
        del(" "),
        ins("\u{a0}"),
        eq("Lakeside)")
    ]));
    // A second space, a space at the end.
    assert!(!rows::shows_a_change(&[eq("one "), ins(" "), eq("two")]));
    assert!(!rows::shows_a_change(&[eq("one two"), ins(" ")]));
    // A space that splits a word, or joins two.
    assert!(rows::shows_a_change(&[eq("promote"), ins(" "), eq("and")]));
    assert!(rows::shows_a_change(&[eq("promote"), del(" "), eq("and")]));
    assert!(rows::shows_a_change(&[eq("one "), ins("more "), eq("two")]));
}

#[test]
fn base_is_inferred_by_majority() {
    let b2 = B.replace("regional initiatives", "regional and global initiatives");
    let mk = |b: &str| {
        input(
            "x",
            vec![section(
                Some("considering"),
                &[("a)", A), ("b)", b), ("c)", C)],
            )],
        )
    };
    let s = compare(None, &[mk(B), mk(&b2), mk(B)], &CompareOptions::default()).unwrap();
    assert!(s.base_inferred);
    let row = s.rows.iter().find(|r| r.id == "considering/b").unwrap();
    assert_eq!(row.base_text.as_deref(), Some(B));
    assert_eq!(row.cells[2].status, Status::Modified);
    assert_eq!(row.cells[1].status, Status::Unchanged);
}

#[test]
fn tracked_changes_are_kept() {
    let mut p = Paragraph::labelled("a)", A.replace("Secretary-General", "Directors"));
    p.revision = Some(vec![
        Change::equal("that Resolution 123 of the Plenipotentiary Conference instructs the "),
        Change::delete("Secretary-General"),
        Change::insert("Directors"),
        Change::equal(" to bridge the standardization gap"),
    ]);
    let prop = input(
        "ATU",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Hammamet, 2016)")]),
            Section {
                opener: Some(Paragraph::new("considering")),
                paragraphs: vec![
                    p,
                    Paragraph::labelled("b)", B),
                    Paragraph::labelled("c)", C),
                ],
            },
        ],
    );
    let s = compare(Some(&base()), &[prop], &CompareOptions::default()).unwrap();
    let row = s.rows.iter().find(|r| r.id == "considering/a").unwrap();
    assert!(row.cells[1].tracked);
    assert_eq!(row.cells[1].ops.len(), 4);
}

#[test]
fn without_a_base_the_reference_is_the_proposal_that_moved_nothing() {
    // Three proposals on a made-up act: one inserts a new Article 1 (the
    // others renumbered), one moves the fee paragraph to Article 1, one
    // leaves the act as it was. Word for word they have the same words
    // but for the new article; the one that moved nothing is the
    // reference, and the fee paragraph two of them keep in the fees
    // article is one row.
    let articles = |v: &[(&str, &[&str])]| -> Vec<Section> {
        v.iter()
            .map(|(opener, paragraphs)| Section {
                opener: Some(Paragraph::new(*opener)),
                paragraphs: paragraphs
                    .iter()
                    .enumerate()
                    .map(|(k, t)| Paragraph::labelled(format!("{}.", k + 1), *t))
                    .collect(),
            })
            .collect()
    };
    const SCOPE: &str = "This Act applies to every harbour of the State.";
    const PILOT: &str = "A vessel over 80 metres shall take a licensed pilot.";
    const FEE: &str = "The harbour authority shall set the pilotage fee each year.";
    const WAIVE: &str = "The fee may be waived for vessels in distress.";
    let original = [
        ("Article 1", &[SCOPE][..]),
        ("Article 2", &[PILOT][..]),
        ("Article 3", &[FEE, WAIVE][..]),
    ];
    let renumbered = input(
        "P0",
        articles(&[
            (
                "Article 1",
                &["In this Act, harbour means any port open to the public."],
            ),
            ("Article 2", &[SCOPE]),
            ("Article 3", &[PILOT]),
            ("Article 4", &[FEE, WAIVE]),
        ]),
    );
    let moved = input(
        "P1",
        articles(&[
            ("Article 1", &[FEE, SCOPE]),
            ("Article 2", &[PILOT]),
            ("Article 3", &[WAIVE]),
        ]),
    );
    let kept = input("P2", articles(&original));
    // Whatever order ties are broken in, the proposal that moved nothing
    // is the reference.
    let docs = [&renumbered.document, &moved.document, &kept.document];
    let mut vocab = Vocabulary::new();
    let (profiles, _) = profile_documents(&mut vocab, &docs, false, false);
    vocab.seal_all();
    for order in [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ] {
        assert_eq!(pivot(&vocab, &profiles, &order), 2, "{order:?}");
    }
    let s = compare(None, &[renumbered, moved, kept], &CompareOptions::default()).unwrap();
    let rows_with = |col: usize, text: &str| -> Vec<&str> {
        s.rows
            .iter()
            .filter(|r| {
                r.cells[col].text.as_str() == text && r.cells[col].status != Status::Deleted
            })
            .map(|r| r.id.as_str())
            .collect()
    };
    assert_eq!(rows_with(1, FEE), rows_with(3, FEE), "{:#?}", s.rows);
    assert_eq!(rows_with(0, FEE), rows_with(3, FEE));
    assert_eq!(rows_with(1, WAIVE), rows_with(3, WAIVE));
}

#[test]
fn no_proposals_is_an_error() {
    assert_eq!(
        compare(None, &[], &CompareOptions::default()),
        Err(CoreError::NoProposals)
    );
}

/// Whether `part` lies within `whole`'s own bytes (a slice of it, not a copy).
fn offset_within(whole: &str, part: &str) -> bool {
    let (w, p) = (whole.as_ptr() as usize, part.as_ptr() as usize);
    p >= w && p + part.len() <= w + whole.len()
}
