//! Side-by-side tables in Word laid out as secretariats other than ITU's
//! lay them out: a column of comments or justification beside the
//! versions, a column numbering the rows, and the articles of an act or
//! the sections of a bill rather than a resolution's openers.

use synoptic_core::{Row, Status, Synopsis};

use super::generate::{table_docx, TableSpec};
use super::{read_docx, read_docx_with, SideBySide};
use crate::read::auto::AutoOptions;

fn spec(columns: &[(&str, &str)], rows: &[&[&str]]) -> TableSpec {
    TableSpec {
        title: "Proposed amendments".into(),
        columns: columns
            .iter()
            .map(|(h, who)| (h.to_string(), who.to_string()))
            .collect(),
        rows: rows
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect(),
        ..TableSpec::default()
    }
}

fn read(spec: &TableSpec) -> (SideBySide, Synopsis) {
    let table = read_docx(&table_docx(spec)).expect("a side-by-side table");
    let synopsis = table.synopsis().expect("a synopsis");
    (table, synopsis)
}

fn row<'a>(s: &'a Synopsis, id: &str) -> &'a Row {
    s.rows.iter().find(|r| r.id == id).unwrap_or_else(|| {
        panic!(
            "no row {id} in {:?}",
            s.rows.iter().map(|r| &r.id).collect::<Vec<_>>()
        )
    })
}

fn labels(s: &Synopsis) -> Vec<&str> {
    s.versions.iter().map(|v| v.label.as_str()).collect()
}

/// The rules of an assembly: the rules in force, two delegations'
/// amendments, and the reasons they give in a fourth column.
fn rules_with_justification() -> TableSpec {
    spec(
        &[
            ("Current text", ""),
            ("Proposal by Norway", "Norway"),
            ("Proposal by Chile", "Chile"),
            ("Justification", ""),
        ],
        &[
            &[
                "Article 1\n1.\tThe Assembly shall meet in ordinary session once every two years.",
                "Article 1\n1.\tThe Assembly shall meet in ordinary session once every [-two-][+three+] years.",
                "Article 1\n1.\tThe Assembly shall meet in ordinary session once every two years[+, normally in October+].",
                "Norway: to follow the budget cycle.\nChile: a fixed month helps planning.",
            ],
            &[
                "Article 2\n1.\tThe provisional agenda shall be circulated sixty days before the session.",
                "Article 2\n1.\tThe provisional agenda shall be circulated [-sixty-][+ninety+] days before the session.",
                "",
                "",
            ],
            &[
                "Article 3\n1.\tEach Member shall be represented by one delegate.",
                "",
                "Article 3\n1.\tEach Member shall be represented by one delegate[+ and advisers+].",
                "Chile: the practice of recent sessions.",
            ],
        ],
    )
}

#[test]
fn a_column_of_justification_is_shown_under_its_rows_not_compared() {
    let (table, s) = read(&rules_with_justification());
    assert_eq!(labels(&s), ["Current text", "Norway", "Chile"]);
    assert!(
        table
            .notes
            .iter()
            .any(|n| n.contains("column 4 (\"Justification\")")),
        "{:?}",
        table.notes
    );
    // The reasons go under the row where their table row starts.
    let first = row(&s, "article-1");
    assert_eq!(
        first.notes,
        ["Justification: Norway: to follow the budget cycle. Chile: a fixed month helps planning."]
    );
    assert_eq!(
        row(&s, "article-3").notes,
        ["Justification: Chile: the practice of recent sessions."]
    );
    // No comment, no note; and no row is anyone's comment.
    assert!(row(&s, "article-2").notes.is_empty());
    assert_eq!(s.rows.iter().map(|r| r.notes.len()).sum::<usize>(), 2);
    assert!(s.rows.iter().all(|r| r.cells.len() == 3));
}

#[test]
fn the_articles_of_an_act_are_its_sections() {
    let (_, s) = read(&rules_with_justification());
    let a = row(&s, "article-1/1");
    let norway = &a.cells[1];
    assert_eq!(norway.status, Status::Modified);
    assert_eq!(
        norway.text,
        "The Assembly shall meet in ordinary session once every three years."
    );
    // Chile left article 2 empty: nothing proposed there.
    assert_eq!(row(&s, "article-2/1").cells[2].status, Status::Absent);
    assert_eq!(row(&s, "article-3/1").cells[2].status, Status::Modified);
}

#[test]
fn the_structure_asked_for_wins_over_the_detected_one() {
    let bytes = table_docx(&rules_with_justification());
    let options = AutoOptions {
        structure: Some(synoptic_core::structure::Tradition::None),
        ..AutoOptions::default()
    };
    let s = read_docx_with(&bytes, &options)
        .expect("a side-by-side table")
        .synopsis()
        .expect("a synopsis");
    assert!(
        s.rows.iter().all(|r| !r.id.starts_with("article")),
        "{:?}",
        s.rows.iter().map(|r| &r.id).collect::<Vec<_>>()
    );
}

#[test]
fn a_column_numbering_the_rows_is_no_version() {
    let spec = spec(
        &[
            ("No.", ""),
            ("Existing text", ""),
            ("Amendment proposed by the Council", "Council"),
            ("Comments of the Secretariat", ""),
        ],
        &[
            &[
                "1",
                "The fee for a permit is 40 euros.",
                "The fee for a permit is [-40-][+55+] euros.",
                "Last raised in 2019.",
            ],
            &[
                "2",
                "A permit is valid for one year.",
                "A permit is valid for [-one year-][+two years+].",
                "",
            ],
        ],
    );
    let (table, s) = read(&spec);
    assert_eq!(labels(&s), ["Existing text", "Council"]);
    assert!(
        table.notes.iter().any(|n| n.contains("numbers the rows")),
        "{:?}",
        table.notes
    );
    let noted: Vec<(&str, &[String])> = s
        .rows
        .iter()
        .filter(|r| !r.notes.is_empty())
        .map(|r| (r.base_text.as_deref().unwrap_or(""), r.notes.as_slice()))
        .collect();
    assert_eq!(
        noted,
        [(
            "The fee for a permit is 40 euros.",
            &["Comments of the Secretariat: Last raised in 2019.".to_string()][..]
        )]
    );
}

#[test]
fn a_column_of_long_text_under_a_reference_heading_stays_a_version() {
    // "Article" heads the text of the articles here, not their numbers.
    let spec = spec(
        &[("Article", ""), ("Proposal by Peru", "Peru")],
        &[&[
            "The Secretary-General shall report to every session on the work done.",
            "The Secretary-General shall report to every session on the work [-done-][+done and planned+].",
        ]],
    );
    let (_, s) = read(&spec);
    assert_eq!(labels(&s), ["base", "Article", "Peru"]);
}

#[test]
fn headings_of_comment_and_reference_columns() {
    use super::header::{is_comment_heading, is_reference_heading};
    for heading in [
        "Comments",
        "Justification",
        "Reasons",
        "Comments / Justification",
        "Secretariat's comments",
        "Comments by the Secretariat",
        "Explanatory note",
        "Observations",
        "Motifs",
        "Justificación",
        "Begründung",
        "Обоснование",
        "理由",
        "ملاحظات",
    ] {
        assert!(is_comment_heading(heading), "{heading}");
    }
    for heading in [
        "Proposal by Chile",
        "Current text",
        "Proposed text",
        "Amendment",
        "Text with the comments of Norway accepted",
        "ATU",
        "",
    ] {
        assert!(!is_comment_heading(heading), "{heading}");
    }
    for heading in ["No.", "#", "Item", "Art.", "Article", "N°", "Ref.", "Núm."] {
        assert!(is_reference_heading(heading), "{heading}");
    }
    for heading in ["Current text", "Proposal by Peru", "Article by article", ""] {
        assert!(!is_reference_heading(heading), "{heading}");
    }
}

#[test]
fn a_comment_no_row_takes_is_a_note_of_the_synopsis() {
    // A comment on a row whose version cells are all empty.
    let spec = spec(
        &[
            ("Current text", ""),
            ("Proposal by Fiji", "Fiji"),
            ("Comments", ""),
        ],
        &[
            &[
                "Article 1\n1.\tThe seat is in Suva.",
                "Article 1\n1.\tThe seat is in [-Suva-][+Nadi+].",
                "",
            ],
            &["", "", "General: Fiji will host the next session."],
        ],
    );
    let (_, s) = read(&spec);
    assert!(
        s.notes
            .iter()
            .any(|n| n == "row 3 of the table: Comments: General: Fiji will host the next session."),
        "{:?}",
        s.notes
    );
    assert!(s.rows.iter().all(|r| r.notes.is_empty()));
}

#[test]
fn cells_that_say_no_change_nothing_or_delete_are_read_as_said() {
    let spec = spec(
        &[
            ("Existing text", ""),
            ("Proposal by Kenya", "Kenya"),
            ("Proposal by Peru", "Peru"),
        ],
        &[
            &[
                "Article 1\n1.\tThe Committee shall meet twice a year.",
                "Article 1\n1.\tThe Committee shall meet [-twice-][+three times+] a year.",
                "No change",
            ],
            &[
                "2.\tThe Chair shall be elected for two years.",
                "(Unchanged)",
                "Delete.",
            ],
            &[
                "3.\tMinutes shall be kept in English.",
                "\u{2014}",
                "3.\tMinutes shall be kept in English[+ and Spanish+].",
            ],
        ],
    );
    let (_, s) = read(&spec);
    let status = |id: &str, column: usize| row(&s, id).cells[column].status;
    // No paragraph is anyone's "No change".
    assert!(
        s.rows.iter().all(|r| r.base_text.is_some()),
        "{:?}",
        s.rows.iter().map(|r| &r.id).collect::<Vec<_>>()
    );
    assert_eq!(status("article-1/1", 1), Status::Modified);
    assert_eq!(status("article-1/1", 2), Status::Unchanged);
    assert_eq!(status("article-1/2", 1), Status::Unchanged);
    let deleted = &row(&s, "article-1/2").cells[2];
    assert_eq!(deleted.status, Status::Deleted);
    assert!(deleted.tracked);
    assert_eq!(
        synoptic_core::model::original_of(&deleted.ops),
        "The Chair shall be elected for two years."
    );
    assert_eq!(status("article-1/3", 1), Status::Absent);
    assert_eq!(status("article-1/3", 2), Status::Modified);
}

#[test]
fn without_a_base_column_no_change_agrees_with_the_text() {
    // The base is what the columns agree on with their changes rejected:
    // a "No change" cell neither disagrees nor adds a paragraph.
    let spec = spec(
        &[("Proposal by Kenya", "Kenya"), ("Proposal by Peru", "Peru")],
        &[
            &["1.\tThe Committee shall meet twice a year.", "No change"],
            &[
                "2.\tThe Chair shall be elected for [-two-][+three+] years.",
                "2.\tThe Chair shall be elected for two years[+ once+].",
            ],
        ],
    );
    let (table, s) = read(&spec);
    assert!(
        table.notes.iter().all(|n| !n.contains("disagree")),
        "{:?}",
        table.notes
    );
    assert!(!s.base_inferred);
    assert!(s.rows.iter().all(|r| r.base_text.is_some()));
    assert_eq!(s.rows.len(), 2);
}

/// A compilation of amendments to a convention: one row per amendment,
/// who submits it, the article it amends, the amendment, the reasons.
fn compilation() -> TableSpec {
    spec(
        &[
            ("No.", ""),
            ("Submitted by", ""),
            ("Current text", ""),
            ("Proposed amendment", ""),
            ("Justification", ""),
        ],
        &[
            &[
                "1",
                "Kenya",
                "Article 3\n1.\tEach Party shall designate a competent authority.",
                "Article 3\n1.\tEach Party shall designate one or more competent authorities.",
                "Federal States have several.",
            ],
            &[
                "2",
                "Peru",
                "Article 3\n1.\tEach Party shall designate a competent authority.",
                "Article 3\n1.\tEach Party shall designate a competent authority and notify the Secretariat.",
                "",
            ],
            &[
                "3",
                "Norway",
                "Article 5\n1.\tThe Conference of the Parties shall meet every three years.",
                "Article 5\n1.\tThe Conference of the Parties shall meet every two years.",
                "Faster review.",
            ],
            &[
                "4",
                "Kenya",
                "Article 7\n1.\tReservations may not be made to this Convention.",
                "Delete",
                "",
            ],
            &[
                "5",
                "Peru",
                "",
                "Article 8\n1.\tEach Party shall report every five years.",
                "Monitoring.",
            ],
        ],
    )
}

#[test]
fn a_compilation_of_amendments_makes_each_proposer_a_version() {
    let (table, s) = read(&compilation());
    assert_eq!(labels(&s), ["Current text", "Kenya", "Peru", "Norway"]);
    assert!(table
        .notes
        .iter()
        .any(|n| n.contains("compilation of amendments")));
    let status = |id: &str| -> Vec<Status> { row(&s, id).cells.iter().map(|c| c.status).collect() };
    // Two proposers amend article 3, each its own way; Norway proposes
    // nothing there.
    assert_eq!(
        status("article-3/1"),
        [
            Status::Unchanged,
            Status::Modified,
            Status::Modified,
            Status::Absent
        ]
    );
    assert_eq!(
        row(&s, "article-3/1").cells[2].text,
        "Each Party shall designate a competent authority and notify the Secretariat."
    );
    assert_eq!(
        status("article-5/1"),
        [
            Status::Unchanged,
            Status::Absent,
            Status::Absent,
            Status::Modified
        ]
    );
    // "Delete" deletes; the text amended is in the base once however many
    // rows amend it.
    assert_eq!(
        status("article-7/1"),
        [
            Status::Unchanged,
            Status::Deleted,
            Status::Absent,
            Status::Absent
        ]
    );
    assert_eq!(
        s.rows
            .iter()
            .filter(|r| r.base_text.as_deref()
                == Some("Each Party shall designate a competent authority."))
            .count(),
        1
    );
    // A new article lands where the table puts it: after article 7.
    let ids: Vec<&str> = s.rows.iter().map(|r| r.id.as_str()).collect();
    let at = |text: &str| {
        s.rows
            .iter()
            .position(|r| r.cells[2].text == text)
            .unwrap_or_else(|| panic!("no row with {text:?} in {ids:?}"))
    };
    let new = at("Each Party shall report every five years.");
    let deleted = s
        .rows
        .iter()
        .position(|r| {
            r.base_text.as_deref() == Some("Reservations may not be made to this Convention.")
        })
        .expect("article 7");
    assert!(new > deleted, "{ids:?}");
    assert_eq!(row(&s, &s.rows[new].id).cells[2].status, Status::Added);
    // Each reason under its row, naming who gives it.
    let notes: Vec<&String> = s.rows.iter().flat_map(|r| &r.notes).collect();
    assert_eq!(
        notes,
        [
            "Justification (Kenya): Federal States have several.",
            "Justification (Norway): Faster review.",
            "Justification (Peru): Monitoring.",
        ]
    );
    assert_eq!(
        row(&s, "article-5").notes,
        ["Justification (Norway): Faster review."]
    );
}

#[test]
fn a_table_with_a_proposer_column_but_two_texts_is_no_compilation() {
    // Two versions beside the text in force: columns, as usual, with the
    // column of names among them.
    let spec = spec(
        &[
            ("Current text", ""),
            ("Country", ""),
            ("Proposal A", "A"),
            ("Proposal B", "B"),
        ],
        &[&[
            "The fee is 40 euros.",
            "Chile",
            "The fee is 45 euros.",
            "The fee is 50 euros.",
        ]],
    );
    let (table, _) = read(&spec);
    assert!(table.notes.iter().all(|n| !n.contains("compilation")));
    assert_eq!(table.columns.len(), 3);
}

#[test]
fn a_compilation_too_large_to_compare_is_refused_in_a_line() {
    // Every row a proposer and a text of its own: proposers times texts
    // would be millions of cells.
    let rows: Vec<Vec<String>> = (0..1_500)
        .map(|i| {
            vec![
                format!("Delegation {i}"),
                format!("Paragraph {i} of the text in force."),
                format!("Paragraph {i} of the text as amended."),
            ]
        })
        .collect();
    let spec = TableSpec {
        title: "Compilation".into(),
        columns: ["Submitted by", "Current text", "Proposed amendment"]
            .iter()
            .map(|h| (h.to_string(), String::new()))
            .collect(),
        rows,
        ..TableSpec::default()
    };
    let error = read_docx(&table_docx(&spec)).expect_err("too large");
    let message = error.to_string();
    assert!(message.contains("1500 proposers"), "{message}");
    assert!(!message.contains('\n'));
}

#[test]
fn a_row_merged_across_the_table_is_every_versions_heading() {
    let spec = spec(
        &[
            ("Current text", ""),
            ("Proposal by Kenya", "Kenya"),
            ("Proposal by Peru", "Peru"),
        ],
        &[
            &["CHAPTER I \u{2013} THE COMMITTEE"],
            &[
                "1.\tThe Committee shall meet twice a year.",
                "1.\tThe Committee shall meet [-twice-][+three times+] a year.",
                "1.\tThe Committee shall meet twice a year.",
            ],
            &["CHAPTER II \u{2013} THE SECRETARIAT"],
            &[
                "2.\tThe Secretariat shall keep the records.",
                "2.\tThe Secretariat shall keep the records.",
                "2.\tThe Secretariat shall keep [+and publish +]the records.",
            ],
        ],
    );
    let (_, s) = read(&spec);
    let ids: Vec<&str> = s.rows.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        ["chapter-i", "chapter-i/1", "chapter-ii", "chapter-ii/2"]
    );
    // Every version has both headings; each change is where it was made.
    for heading in ["chapter-i", "chapter-ii"] {
        assert!(
            row(&s, heading)
                .cells
                .iter()
                .all(|c| c.status == Status::Unchanged),
            "{heading}"
        );
    }
    assert_eq!(row(&s, "chapter-i/1").cells[1].status, Status::Modified);
    assert_eq!(row(&s, "chapter-ii/2").cells[2].status, Status::Modified);
    assert_eq!(row(&s, "chapter-ii/2").cells[1].status, Status::Unchanged);
}

#[test]
fn a_header_naming_the_proposer_is_labelled_by_the_name() {
    use super::header::parse_header;
    let label = |h: &str| parse_header(&[h.to_string()]).label;
    assert_eq!(label("Proposal by Norway"), "Norway");
    assert_eq!(
        label("Amendment submitted by the Philippines"),
        "Philippines"
    );
    assert_eq!(label("Proposition de la France"), "France");
    assert_eq!(label("Propuesta de Chile"), "Chile");
    assert_eq!(label("Vorschlag von Österreich"), "Österreich");
    // More than a name stays whole, and so does any other header.
    assert_eq!(
        label("Proposal by the working group on the budget of the Assembly"),
        "Proposal by the working group on the budget of the Assembly"
    );
    assert_eq!(label("Proposal by"), "Proposal by");
    assert_eq!(label("Kenya"), "Kenya");
    assert_eq!(label("Proposal 2 (MOD, HSA C-012) (ALP)"), "ALP");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any mix of the layouts above reads into a synopsis, every row with
    /// a cell per version, whatever the headers and cells say.
    #[test]
    fn any_layout_reads(
        headers in proptest::collection::vec(
            proptest::sample::select(vec![
                "Current text", "Proposal by Kenya", "Proposal by Peru", "Comments",
                "No.", "Submitted by", "Proposed amendment", "Justification", "Article", "",
            ]),
            1..6,
        ),
        rows in proptest::collection::vec(
            proptest::collection::vec(
                proptest::sample::select(vec![
                    "", "No change", "Delete", "\u{2014}", "Kenya", "1",
                    "Article 1\n1.\tThe Committee shall meet twice a year.",
                    "1.\tThe Committee shall meet [-twice-][+three times+] a year.",
                    "(a)\tThe Chair is elected.", "CHAPTER II",
                ]),
                1..6,
            ),
            1..8,
        ),
    ) {
        let columns: Vec<(&str, &str)> = headers.iter().map(|h| (*h, "Author")).collect();
        let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
        if let Ok(table) = read_docx(&table_docx(&spec(&columns, &rows))) {
            if let Ok(s) = table.synopsis() {
                for r in &s.rows {
                    proptest::prop_assert_eq!(r.cells.len(), s.versions.len());
                }
            }
        }
    }
}
