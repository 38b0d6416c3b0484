//! Tests of the Word side-by-side reader on tables made by the generator,
//! and on synopses Synoptic wrote as .docx, read back.

use synoptic_core::model::{original_of, result_of};
use synoptic_core::{Cell, Change, ChangeKind, Role, Row, Status, Synopsis};

use super::generate::{table_docx, TableSpec};
use super::*;

/// A made-up compilation: four proposals to revise a harbour-safety
/// resolution, the first column empty, each column's changes tracked by the
/// delegate who typed them.
pub(crate) fn harbour_table() -> TableSpec {
    // A marker line with the proposal's number, or (as CST writes it) the
    // marker before the title.
    let title = |marker: &str| {
        let marker = if marker.is_empty() {
            "MOD  ".to_string()
        } else {
            format!("MOD\t{marker}\n")
        };
        format!(
            "{marker}RESOLUTION 12 (Rev. [-Lakeside, 2026-][+Port Sable, 2030+])\n\
             Harbour safety cooperation between coastal and inland States[^These include States on navigable rivers and lakes.^]\n\
             The Harbour Safety Assembly ([-Lakeside, 2026-][+Port Sable, 2030+]),"
        )
    };
    TableSpec {
        title: "Resolution 12 proposals side-by-side".into(),
        columns: vec![
            ("Proposal 1 (MOD, ) (DNM)".into(), "D. Nemeth".into()),
            ("Proposal 2 (MOD, HSA C-012 ALP Add03) (ALP)".into(), "A. Lindqvist".into()),
            ("Proposal 3 (MOD, HSA C-019 BRC Add07) (BRC)".into(), "B. Okafor".into()),
            ("PROPOSAL 4 (MOD, HSA-C044-R2) (CST)".into(), "C. Tamura".into()),
        ],
        rows: vec![
            vec![
                String::new(),
                title("ALP/12A3/1"),
                title("BRC/19A7/1"),
                title(""),
            ],
            vec![
                String::new(),
                "considering\n\
                 [+a)\tthat rising storm surges threaten many ports;+]¶+\n\
                 [-a)-][+b)+]\tthat ports on shared waters face common risks;\n\
                 [-b)-][+c)+]\tthat pilot training differs [-widely-][+greatly+] between States;\n\
                 [-c)-][+d)+]\tthat incident reports are seldom exchanged,"
                    .into(),
                "considering\n\
                 a)\tthat ports on shared waters face common risks;\n\
                 [-b)\tthat pilot training differs widely between States;-]¶-\n\
                 [-c)-][+b)+]\tthat incident reports are seldom exchanged[+ or are shared late+],"
                    .into(),
                "considering\n\
                 a)\tthat ports on shared waters face common risks;\n\
                 b)\tthat pilot training differs widely between States;\n\
                 c)\tthat incident reports are seldom exchanged,"
                    .into(),
            ],
            vec![
                String::new(),
                "resolves\n\
                 1\tto establish a regional register of harbour incidents, open to every State party[+ and to observers+];\n\
                 2\tto hold a joint drill every [-two-][+three+] years.\n\
                 3\tto publish the findings of each drill."
                    .into(),
                "resolves\n\
                 1\tto establish [<a regional <]register of harbour incidents,[> kept by a regional centre,>] open to every State party;\n\
                 2\tto hold a joint drill every two years.\n\
                 3\tto publish the findings of each drill."
                    .into(),
                "resolves\n\
                 1\tto establish a regional register of harbour incidents, ¶+\n\
                 open to every State party;\n\
                 2\tto hold a joint drill every two years[-.-][+ and +]¶-\n\
                 [-3\t-]to publish the findings of each drill."
                    .into(),
            ],
        ],
        cover: Vec::new(),
        title_row: false,
        split_at: None,
    }
}

fn synopsis_of(spec: &TableSpec) -> (SideBySide, Synopsis) {
    let table = read_docx(&table_docx(spec)).unwrap();
    let synopsis = table.synopsis().unwrap();
    (table, synopsis)
}

fn cell<'a>(s: &Synopsis, row: &'a Row, label: &str) -> &'a Cell {
    let id = &s.versions.iter().find(|v| v.label == label).unwrap().id;
    row.cells.iter().find(|c| &c.version == id).unwrap()
}

fn row<'a>(s: &'a Synopsis, id: &str) -> &'a Row {
    s.rows.iter().find(|r| r.id == id).unwrap_or_else(|| {
        panic!(
            "no row {id} in {:?}",
            s.rows.iter().map(|r| &r.id).collect::<Vec<_>>()
        )
    })
}

fn ops(c: &Cell) -> Vec<(ChangeKind, String)> {
    c.ops.iter().map(|o| (o.kind, o.text.to_string())).collect()
}

/// A version's label, role, action, number and source.
type VersionFacts<'a> = (
    &'a str,
    Role,
    Option<&'a str>,
    Option<&'a str>,
    Option<&'a str>,
);

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn columns_base_and_tracked_changes() {
    let (table, s) = synopsis_of(&harbour_table());
    assert_eq!(table.title, "Resolution 12 proposals side-by-side");
    assert!(s.notes.is_empty(), "{:?}", s.notes);
    assert!(!s.base_inferred);
    let versions: Vec<VersionFacts> = s
        .versions
        .iter()
        .map(|v| {
            (
                v.label.as_str(),
                v.role,
                v.marker.as_deref(),
                v.reference.as_deref(),
                v.source.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        versions,
        [
            ("base", Role::Base, None, None, None),
            ("DNM", Role::Proposal, Some("MOD"), None, None),
            (
                "ALP",
                Role::Proposal,
                Some("MOD"),
                Some("ALP/12A3/1"),
                Some("HSA C-012 ALP Add03")
            ),
            (
                "BRC",
                Role::Proposal,
                Some("MOD"),
                Some("BRC/19A7/1"),
                Some("HSA C-019 BRC Add07")
            ),
            (
                "CST",
                Role::Proposal,
                Some("MOD"),
                None,
                Some("HSA-C044-R2")
            ),
        ]
    );
    // The empty column is a version, absent everywhere.
    assert!(s
        .rows
        .iter()
        .all(|r| cell(&s, r, "DNM").status == Status::Absent));
    // Every change is the proposer's own, certain; every cell's ops spell
    // the row's base and the cell's text.
    for r in &s.rows {
        for c in &r.cells[2..] {
            if c.status == Status::Absent {
                continue;
            }
            assert_eq!(result_of(&c.ops), c.text.as_str(), "{}", r.id);
            let base = r.base_text.as_ref().map(|t| t.as_str()).unwrap_or_default();
            assert_eq!(original_of(&c.ops), base, "{}", r.id);
            for o in c.ops.iter().filter(|o| o.kind != ChangeKind::Equal) {
                assert_eq!(o.confidence, Some(1.0), "{}", r.id);
                assert!(c.tracked, "{}", r.id);
            }
        }
    }
    let title = row(&s, "preamble/p1");
    assert_eq!(
        ops(cell(&s, title, "BRC")),
        [
            (ChangeKind::Equal, "RESOLUTION 12 (Rev. ".into()),
            (ChangeKind::Delete, "Lakeside, 2026".into()),
            (ChangeKind::Insert, "Port Sable, 2030".into()),
            (ChangeKind::Equal, ")".into()),
        ]
    );
    // ALP inserts a paragraph and re-letters the others.
    let added = row(&s, "considering/+1");
    assert_eq!(added.base_text, None);
    let alp = cell(&s, added, "ALP");
    assert_eq!(
        (alp.status, alp.label.as_deref()),
        (Status::Added, Some("a)"))
    );
    let a = row(&s, "considering/a");
    let alp = cell(&s, a, "ALP");
    assert_eq!(
        (
            alp.status,
            alp.label.as_deref(),
            alp.former_label.as_deref()
        ),
        (Status::Unchanged, Some("b)"), Some("a)"))
    );
    let b = row(&s, "considering/b");
    assert_eq!(
        ops(cell(&s, b, "ALP")),
        [
            (ChangeKind::Equal, "that pilot training differs ".into()),
            (ChangeKind::Delete, "widely".into()),
            (ChangeKind::Insert, "greatly".into()),
            (ChangeKind::Equal, " between States;".into()),
        ]
    );
    // BRC deletes a paragraph, with its mark.
    assert_eq!(cell(&s, b, "BRC").status, Status::Deleted);
    assert_eq!(cell(&s, b, "CST").status, Status::Unchanged);
    // A move within a paragraph: text moved away and moved here.
    let one = row(&s, "resolves/1");
    assert_eq!(
        ops(cell(&s, one, "BRC"))[1..4],
        [
            (ChangeKind::Delete, "a regional ".into()),
            (ChangeKind::Equal, "register of harbour incidents,".into()),
            (ChangeKind::Insert, " kept by a regional centre,".into()),
        ]
    );
    // CST splits resolves 1 (an inserted paragraph mark) ...
    let cst = cell(&s, one, "CST");
    assert_eq!(cst.ops[1].kind, ChangeKind::Insert);
    assert_eq!(cst.ops[1].text.as_str(), "\n");
    // ... and joins resolves 2 and 3 (a deleted one): the text of 3 goes
    // into 2, and 3 is deleted where it was.
    let two = cell(&s, row(&s, "resolves/2"), "CST");
    assert_eq!(
        two.text.as_str(),
        "to hold a joint drill every two years and to publish the findings of each drill."
    );
    let three = cell(&s, row(&s, "resolves/3"), "CST");
    assert_eq!(three.status, Status::Deleted);
    // Footnotes are kept as notes, numbered per column, and align.
    let note = row(&s, "notes/1");
    assert_eq!(
        note.base_text.as_ref().map(|t| t.as_str()),
        Some("These include States on navigable rivers and lakes.")
    );
    for label in ["ALP", "BRC", "CST"] {
        assert_eq!(cell(&s, note, label).status, Status::Unchanged);
        assert!(cell(&s, row(&s, "preamble/p2"), label)
            .text
            .ends_with("States[1]"));
    }
}

#[test]
fn a_paragraph_typed_after_another_is_added_not_a_split() {
    // Word records a paragraph typed after `a)` as `a)`'s mark inserted
    // and the new paragraph's text inserted.
    let spec = TableSpec {
        title: "Levies".into(),
        columns: vec![
            ("Proposal 1 (MOD, L-1) (EST)".into(), "EST".into()),
            ("Proposal 2 (MOD, L-2) (WST)".into(), "WST".into()),
        ],
        cover: Vec::new(),
        title_row: false,
        split_at: None,
        rows: vec![vec![
            "considering\na)\tthat the levy is due in March;¶+\n[+b)\tthat it may be paid in two parts;+]\n[-b)-][+c)+]\tthat arrears bear interest,"
                .into(),
            "considering\na)\tthat the levy is due in March;\nb)\tthat arrears bear interest,".into(),
        ]],
    };
    let (table, s) = synopsis_of(&spec);
    assert!(table.base.is_some(), "{:?}", s.notes);
    let a = row(&s, "considering/a");
    assert_eq!(cell(&s, a, "EST").status, Status::Unchanged);
    let added = row(&s, "considering/a+1");
    let est = cell(&s, added, "EST");
    assert_eq!(
        (est.status, est.label.as_deref(), est.text.as_str()),
        (
            Status::Added,
            Some("b)"),
            "that it may be paid in two parts;"
        )
    );
    let b = cell(&s, row(&s, "considering/b"), "EST");
    assert_eq!(
        (b.status, b.label.as_deref(), b.former_label.as_deref()),
        (Status::Unchanged, Some("c)"), Some("b)"))
    );
}

#[test]
fn columns_that_disagree_on_the_base_infer_it() {
    let mut spec = harbour_table();
    // CST starts from another text of considering c).
    spec.rows[1][3] = spec.rows[1][3].replace("seldom exchanged", "rarely exchanged");
    let (table, s) = synopsis_of(&spec);
    assert!(table.base.is_none());
    assert!(s.base_inferred);
    assert_eq!(s.notes.len(), 1, "{:?}", s.notes);
    assert!(
        s.notes[0].contains("disagree") && s.notes[0].contains("row 3"),
        "{}",
        s.notes[0]
    );
    // The changes are still the tracked ones where the cell starts from
    // the inferred base.
    let b = row(&s, "considering/b");
    assert_eq!(cell(&s, b, "BRC").status, Status::Deleted);
}

#[test]
fn columns_differing_in_spacing_or_case_only_agree() {
    let mut spec = harbour_table();
    spec.rows[1][3] = spec.rows[1][3].replace("face common risks", "face  Common risks");
    let (table, s) = synopsis_of(&spec);
    assert!(table.base.is_some(), "{:?}", s.notes);
    assert!(s.notes.is_empty());
}

#[test]
fn a_cover_table_is_passed_over() {
    let mut spec = harbour_table();
    spec.cover = vec![
        "Harbour Safety Assembly".into(),
        "Document 12-E\n3 March 2031".into(),
    ];
    let (table, s) = synopsis_of(&spec);
    assert_eq!(table.title, "Resolution 12 proposals side-by-side");
    assert_eq!(s.versions.len(), 5);
    assert!(table.base.is_some());
}

#[test]
fn a_title_row_merged_across_the_table_is_its_title_not_its_header() {
    let plain = synopsis_of(&harbour_table()).1;
    let spec = TableSpec {
        title_row: true,
        // A cover table before it does not take its place.
        cover: vec!["Harbour Safety Assembly".into(), "Document 12-E".into()],
        ..harbour_table()
    };
    let (table, s) = synopsis_of(&spec);
    assert_eq!(table.title, "Resolution 12 proposals side-by-side");
    let labels: Vec<&str> = s.versions.iter().map(|v| v.label.as_str()).collect();
    let plain_labels: Vec<&str> = plain.versions.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(labels, plain_labels);
    assert_eq!(s.rows.len(), plain.rows.len());
    for (a, b) in s.rows.iter().zip(&plain.rows) {
        assert_eq!(a.id, b.id);
        assert_eq!(a.base_text, b.base_text);
    }
}

#[test]
fn a_table_split_by_a_page_break_goes_on() {
    let plain = synopsis_of(&harbour_table()).1;
    let spec = TableSpec {
        split_at: Some(2),
        ..harbour_table()
    };
    let s = synopsis_of(&spec).1;
    let ids = |s: &Synopsis| s.rows.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&s), ids(&plain));
    for (a, b) in s.rows.iter().zip(&plain.rows) {
        assert_eq!(a.base_text, b.base_text);
        assert_eq!(a.cells.len(), b.cells.len());
        for (x, y) in a.cells.iter().zip(&b.cells) {
            assert_eq!((x.status, &x.text), (y.status, &y.text), "{}", a.id);
        }
    }
}

#[test]
fn a_column_of_the_text_in_force_is_the_base() {
    // A secretariat's layout: the text in force, plain, then each
    // proposal with its tracked changes against it.
    let spec = TableSpec {
        title: "Resolution 12: text in force and proposals".into(),
        columns: vec![
            ("Text in force".into(), String::new()),
            (
                "Proposal 2 (MOD, HSA C-012) (ALP)".into(),
                "A. Lindqvist".into(),
            ),
            (
                "Proposal 3 (MOD, HSA C-019) (BRC)".into(),
                "B. Okafor".into(),
            ),
        ],
        rows: vec![
            vec![
                "considering".into(),
                "considering".into(),
                "considering".into(),
            ],
            vec![
                "a)\tthat ports share waters;".into(),
                "a)\tthat ports share [+coastal +]waters;".into(),
                "a)\tthat ports share waters[+ and risks+];".into(),
            ],
        ],
        cover: Vec::new(),
        title_row: false,
        split_at: None,
    };
    let (table, s) = synopsis_of(&spec);
    assert_eq!(
        table.base.as_ref().map(|b| b.label.as_str()),
        Some("Text in force")
    );
    assert!(!s.base_inferred);
    let labels: Vec<&str> = s.versions.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(labels, ["Text in force", "ALP", "BRC"]);
    let a = row(&s, "considering/a");
    assert_eq!(a.base_text.as_deref(), Some("that ports share waters;"));
    assert_eq!(cell(&s, a, "ALP").text, "that ports share coastal waters;");
    assert_eq!(cell(&s, a, "BRC").status, Status::Modified);
}

/// A .docx with its document part rewritten.
fn rewrite_document(bytes: &[u8], rewrite: impl Fn(&str) -> String) -> Vec<u8> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut parts: Vec<(String, Vec<u8>)> = Vec::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut content = Vec::new();
        std::io::Read::read_to_end(&mut entry, &mut content).unwrap();
        if entry.name() == "word/document.xml" {
            content = rewrite(&String::from_utf8(content).unwrap()).into_bytes();
        }
        parts.push((entry.name().to_string(), content));
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_slice()))
        .collect();
    crate::read::docx::tests::zip_of(&refs)
}

#[test]
fn a_row_starting_past_the_first_column_keeps_its_cells_in_their_columns() {
    // The first column (empty, DNM) left out of a row with `w:gridBefore`.
    let plain = synopsis_of(&harbour_table()).1;
    let shifted = rewrite_document(&table_docx(&harbour_table()), |xml| {
        // The body rows: drop their first (empty) cell, start past it.
        let rows: Vec<&str> = xml.split("<w:tr>").collect();
        let mut out = rows[0].to_string();
        for row in &rows[1..] {
            if row.starts_with("<w:trPr><w:tblHeader/>") {
                out.push_str("<w:tr>");
                out.push_str(row);
                continue;
            }
            out.push_str("<w:tr><w:trPr><w:gridBefore w:val=\"1\"/></w:trPr>");
            let first_end = row.find("</w:tc>").unwrap() + "</w:tc>".len();
            out.push_str(&row[first_end..]);
        }
        out
    });
    let s = read_docx(&shifted).unwrap().synopsis().unwrap();
    let labels = |s: &Synopsis| {
        s.versions
            .iter()
            .map(|v| v.label.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(labels(&s), labels(&plain));
    assert_eq!(s.rows.len(), plain.rows.len());
    for (a, b) in s.rows.iter().zip(&plain.rows) {
        assert_eq!(a.id, b.id);
        for (x, y) in a.cells.iter().zip(&b.cells) {
            assert_eq!((x.status, &x.text), (y.status, &y.text), "{}", a.id);
        }
    }
}

#[test]
fn a_next_table_heading_other_proposals_is_not_a_continuation() {
    let spec = TableSpec {
        split_at: Some(2),
        ..harbour_table()
    };
    let split = synopsis_of(&spec).1;
    // The same document, the second table headed by other proposers.
    let bytes = rewrite_document(&table_docx(&spec), |xml| {
        let second = xml.rfind("(ALP)").unwrap();
        let mut changed = xml.to_string();
        changed.replace_range(second..second + "(ALP)".len(), "(XYZ)");
        changed
    });
    let other = read_docx(&bytes).unwrap().synopsis().unwrap();
    assert!(
        other.rows.len() < split.rows.len(),
        "{} {}",
        other.rows.len(),
        split.rows.len()
    );
    assert!(other.rows.iter().all(|r| r
        .base_text
        .as_deref()
        .is_none_or(|t| !t.contains("Proposal"))));
}

#[test]
fn a_cell_left_empty_is_absent_not_deleted() {
    let mut spec = harbour_table();
    spec.rows[2][2] = String::new();
    let (table, s) = synopsis_of(&spec);
    assert!(table.base.is_some(), "{:?}", s.notes);
    for id in ["resolves", "resolves/1", "resolves/2", "resolves/3"] {
        assert_eq!(cell(&s, row(&s, id), "BRC").status, Status::Absent, "{id}");
    }
    // A deletion the proposer tracked stays one.
    assert_eq!(
        cell(&s, row(&s, "considering/b"), "BRC").status,
        Status::Deleted
    );
}

#[test]
fn header_cells_of_both_layouts() {
    let h = header::parse_header(&["Proposal 2 (MOD, HSA C-012 ALP Add03) (ALP)".into()]);
    assert_eq!(
        (
            h.label.as_str(),
            h.marker.as_deref(),
            h.source.as_deref(),
            h.role
        ),
        ("ALP", Some("MOD"), Some("HSA C-012 ALP Add03"), None)
    );
    let h = header::parse_header(&["afr (2)".into(), "proposal".into(), "SUP AFR/3/1".into()]);
    assert_eq!(
        (
            h.label.as_str(),
            h.marker.as_deref(),
            h.number.as_deref(),
            h.role
        ),
        (
            "afr (2)",
            Some("SUP"),
            Some("AFR/3/1"),
            Some(Role::Proposal)
        )
    );
    let h = header::parse_header(&["Common text".into(), "base (inferred)".into()]);
    assert_eq!((h.role, h.inferred), (Some(Role::Base), true));
    let h = header::parse_header(&["RCC".into()]);
    assert_eq!((h.label.as_str(), h.marker), ("RCC", None));
    for name in [
        "Text in force",
        "Current text:",
        "Text proposed by the Commission",
        "Geltende Fassung",
        "Texte en vigueur",
        "Texto vigente",
    ] {
        let h = header::parse_header(&[name.into()]);
        assert_eq!((h.role, h.inferred), (Some(Role::Base), false), "{name}");
    }
    for name in [
        "Amendment",
        "Proposed text",
        "Neue Fassung",
        "Current text of the EST",
    ] {
        let h = header::parse_header(&[name.into()]);
        assert_eq!(h.role, None, "{name}");
    }
}

#[test]
fn a_two_column_table_of_amendments_compares_against_its_text_in_force() {
    // "Text in force | Amendment", no tracked changes: the first column is
    // the base, the second is compared with it.
    let spec = TableSpec {
        title: "Amendments to the Harbour Code".into(),
        columns: vec![
            ("Text in force".into(), "Clerk".into()),
            ("Amendment".into(), "Committee".into()),
        ],
        rows: vec![
            vec!["Article 3".into(), "Article 3".into()],
            vec![
                "1.\tEvery harbour shall have a safety plan.".into(),
                "1.\tEvery harbour and marina shall have a safety plan.".into(),
            ],
            vec![
                "2.\tThe plan shall be reviewed every three years.".into(),
                "2.\tThe plan shall be reviewed every two years.".into(),
            ],
        ],
        ..TableSpec::default()
    };
    let (table, s) = synopsis_of(&spec);
    assert!(table.base.is_some(), "{:?}", s.notes);
    assert!(!s.base_inferred);
    assert_eq!(s.versions.len(), 2, "{:?}", s.versions);
    let reviewed = s
        .rows
        .iter()
        .find(|r| {
            r.base_text
                .as_deref()
                .is_some_and(|t| t.contains("three years"))
        })
        .expect("the row of paragraph 2");
    let amendment = cell(&s, reviewed, "Amendment");
    assert_eq!(amendment.status, Status::Modified);
    assert!(
        amendment.ops.iter().any(|c| c.text == "two"),
        "{:?}",
        amendment.ops
    );
}

#[test]
fn tables_that_repeat_the_header_continue_the_first() {
    // A document of amendments: each amendment is a table of its own under
    // the same header, with a line naming the amendment between them.
    let tc = |text: &str| format!("<w:tc><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:tc>");
    let row = |a: &str, b: &str| format!("<w:tr>{}{}</w:tr>", tc(a), tc(b));
    let table = |a: &str, b: &str| {
        format!(
            "<w:tbl>{}{}</w:tbl>",
            row("Text proposed by the Commission", "Amendment"),
            row(a, b)
        )
    };
    let para = |text: &str| format!("<w:p><w:r><w:t>{text}</w:t></w:r></w:p>");
    let body = [
        para("Amendment 1"),
        table(
            "Every harbour shall have a safety plan.",
            "Every harbour and marina shall have a safety plan.",
        ),
        para("Amendment 2"),
        table(
            "The plan shall be reviewed every three years.",
            "The plan shall be reviewed every two years.",
        ),
        para("Amendment 3"),
        table(
            "Operators shall keep records of incidents.",
            "Operators shall keep records of incidents for ten years.",
        ),
        // A table with another header is not part of it.
        "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Vote</w:t></w:r></w:p></w:tc></w:tr></w:tbl>".into(),
    ]
    .concat();
    let xml = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>{body}</w:body></w:document>"
    );
    let bytes = crate::read::docx::tests::zip_of(&[("word/document.xml", xml.as_bytes())]);
    let table = read_docx(&bytes).unwrap();
    let s = table.synopsis().unwrap();
    assert!(!s.base_inferred, "{:?}", s.notes);
    let base: Vec<&str> = s
        .rows
        .iter()
        .filter_map(|r| r.base_text.as_deref())
        .collect();
    assert_eq!(
        base,
        [
            "Every harbour shall have a safety plan.",
            "The plan shall be reviewed every three years.",
            "Operators shall keep records of incidents."
        ]
    );
    let statuses: Vec<Status> = s
        .rows
        .iter()
        .map(|r| cell(&s, r, "Amendment").status)
        .collect();
    assert_eq!(statuses, [Status::Modified; 3]);
}

#[test]
fn documents_that_are_no_table() {
    let no_table = crate::read::docx::tests::zip_of(&[(
        "word/document.xml",
        b"<w:document xmlns:w=\"w\"><w:body><w:p><w:r><w:t>text</w:t></w:r></w:p></w:body></w:document>",
    )]);
    let e = read_docx(&no_table).unwrap_err().to_string();
    assert!(e.contains("no table"), "{e}");
    let header_only = table_docx(&TableSpec {
        title: "T".into(),
        columns: vec![("A".into(), "A".into())],
        rows: Vec::new(),
        cover: Vec::new(),
        title_row: false,
        split_at: None,
    });
    assert!(read_docx(&header_only).is_err());
    assert!(read_docx(b"PK\x03\x04 not really").is_err());
    assert!(is_docx(&table_docx(&harbour_table())));
    assert!(!is_docx(b"Title\n\tProposal 1"));
}

/// `(kind, text)` of ops, neighbours of one kind merged.
fn merged(ops: &[Change]) -> Vec<(ChangeKind, String)> {
    let mut out: Vec<(ChangeKind, String)> = Vec::new();
    for o in ops {
        match out.last_mut() {
            Some((kind, text)) if *kind == o.kind => text.push_str(&o.text),
            _ => out.push((o.kind, o.text.to_string())),
        }
    }
    out
}

/// Writes a synopsis as .docx and reads it back as a side-by-side table:
/// the same rows, with the same cells and ops (as the .docx shows them).
fn round_trip(original: &Synopsis) {
    let bytes = crate::write::docx::synopsis_bytes(
        original,
        &crate::write::docx::DocxOptions {
            title: "Round trip".into(),
        },
    )
    .unwrap();
    let table = read_docx(&bytes).unwrap();
    assert_eq!(table.title, "Round trip");
    let back = table.synopsis().unwrap();
    assert_eq!(back.notes, original.notes);
    let labels = |s: &Synopsis| -> Vec<(String, Role)> {
        s.versions
            .iter()
            .map(|v| (v.label.clone(), v.role))
            .collect()
    };
    assert_eq!(labels(&back), labels(original));
    assert_eq!(back.base_inferred, original.base_inferred);
    let ids = |s: &Synopsis| -> Vec<String> { s.rows.iter().map(|r| r.id.clone()).collect() };
    assert_eq!(ids(&back), ids(original));
    for (a, b) in original.rows.iter().zip(&back.rows) {
        assert_eq!(
            (a.kind, &a.section, &a.label),
            (b.kind, &b.section, &b.label),
            "{}",
            a.id
        );
        assert_eq!(
            a.base_text.as_ref().map(|t| words(t.as_str())),
            b.base_text.as_ref().map(|t| words(t.as_str())),
            "{}",
            a.id
        );
        for (x, y) in a.cells.iter().zip(&b.cells) {
            assert_eq!(
                (x.status, &x.label),
                (y.status, &y.label),
                "{} {}",
                a.id,
                x.version
            );
            assert_eq!(words(&x.text), words(&y.text), "{} {}", a.id, x.version);
            if x.status != Status::Absent {
                // The exact ops: the proposers' changes as they made them,
                // Synoptic's own unfolded from the phrases the .docx shows.
                let ops = if x.ops.is_empty() {
                    crate::write::display_ops(x)
                } else {
                    x.ops.clone()
                };
                if x.tracked {
                    // A proposer's change grouped exactly as Synoptic folds
                    // its own into phrases reads back as Synoptic's (Word
                    // cannot tell them apart), so is compared again: the
                    // same phrases as shown.
                    assert_eq!(
                        merged(&synoptic_core::diff::for_reading(&ops)),
                        merged(&synoptic_core::diff::for_reading(&y.ops)),
                        "{} {}",
                        a.id,
                        x.version
                    );
                } else {
                    assert_eq!(merged(&ops), merged(&y.ops), "{} {}", a.id, x.version);
                }
            }
            assert_eq!(x.moved, y.moved, "{} {}", a.id, x.version);
        }
    }
}

/// The example resolution of `examples/resolution`, compared from text.
fn example_synopsis(base: bool) -> Synopsis {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/resolution");
    let read = |name: &str| {
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
        synoptic_core::VersionInput {
            label: name.to_uppercase(),
            document: crate::read::text::read(&text, &crate::read::text::TextOptions::default())
                .unwrap(),
        }
    };
    let proposals: Vec<_> = ["afr", "apt", "cept"].into_iter().map(read).collect();
    let base = base.then(|| read("base"));
    synoptic_core::compare(
        base.as_ref(),
        &proposals,
        &synoptic_core::CompareOptions::default(),
    )
    .unwrap()
}

#[test]
fn a_synopsis_written_as_docx_reads_back_the_same() {
    round_trip(&example_synopsis(true));
}

#[test]
fn a_synopsis_with_an_inferred_base_reads_back_the_same() {
    round_trip(&example_synopsis(false));
}

#[test]
fn a_read_table_reads_back_the_same() {
    let (_, s) = synopsis_of(&harbour_table());
    round_trip(&s);
}

/// `examples/side-by-side-docx/table.docx` is made by the generator: this
/// test fails when the committed file differs from what it makes now, and
/// rewrites it when `SYNOPTIC_UPDATE_EXAMPLES` is set (or it is missing).
#[test]
fn the_example_table_is_up_to_date() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/side-by-side-docx/table.docx");
    let bytes = table_docx(&harbour_table());
    let update = std::env::var_os("SYNOPTIC_UPDATE_EXAMPLES").is_some();
    match std::fs::read(&path) {
        Ok(committed) if !update => assert!(
            committed == bytes,
            "{} is out of date: run SYNOPTIC_UPDATE_EXAMPLES=1 cargo test -p synoptic-formats example_table",
            path.display()
        ),
        _ => {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &bytes).unwrap();
        }
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Any table the generator makes reads without failing, and every
    /// proposal cell's ops spell its text and, against a base the columns
    /// agree on, the base.
    #[test]
    fn generated_tables_read_consistently(
        cells in proptest::collection::vec(
            proptest::collection::vec("([a-c ]|\\[\\+|\\+\\]|\\[-|-\\]|\\[<|<\\]|\\[>|>\\]|\\[\\^|\\^\\]|¶\\+|¶-|\n|\t|b\\) ){0,12}", 2..4),
            1..4,
        ),
    ) {
        let columns = cells.iter().map(Vec::len).max().unwrap_or(2);
        let spec = TableSpec {
            title: "Generated".into(),
            columns: (0..columns).map(|c| (format!("Proposal {c} (MOD, D{c}) (P{c})"), format!("P{c}"))).collect(),
            rows: cells,
            cover: Vec::new(),
            title_row: false,
            split_at: None,
        };
        let table = read_docx(&table_docx(&spec)).unwrap();
        let s = table.synopsis().unwrap();
        for r in &s.rows {
            for c in &r.cells {
                proptest::prop_assert_eq!(result_of(&c.ops), c.text.as_str(), "{}", r.id);
                if c.status != Status::Absent && !s.base_inferred && r.base_text.is_some() && c.tracked {
                    let base = r.base_text.as_ref().map(|t| t.as_str()).unwrap_or_default();
                    proptest::prop_assert_eq!(original_of(&c.ops), base, "{}", r.id);
                }
            }
        }
    }
}
