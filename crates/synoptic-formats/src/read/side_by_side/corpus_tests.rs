//! Tests on the real Resolution 44 table of the shared corpus (ignored by
//! default; they fail when the corpus is not beside the project).

use super::*;
use synoptic_core::model::{original_of, result_of};
use synoptic_core::recover::recover_synopsis;
use synoptic_core::structure::section_slug;
use synoptic_core::Section;
use synoptic_core::{compare, Cell, ChangeKind, CompareOptions, Row, RowKind, Status, Synopsis};

/// The Resolution 44 table; a test using it fails without it.
fn corpus() -> SideBySide {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus/res44/res44-side-by-side.txt"
    );
    let bytes = std::fs::read(path)
        .unwrap_or_else(|e| panic!("{path}: {e} (run the corpus tests beside the shared corpus)"));
    read_bytes(&bytes).expect("the corpus file reads")
}

fn column<'a>(t: &'a SideBySide, label: &str) -> &'a Column {
    t.columns.iter().find(|c| c.label == label).expect("column")
}

fn section<'a>(c: &'a Column, slug: &str) -> &'a Section {
    c.document
        .sections
        .iter()
        .find(|s| {
            s.opener
                .as_ref()
                .is_some_and(|o| section_slug(&o.text) == slug)
        })
        .unwrap_or_else(|| panic!("{} has no section {slug}", c.label))
}

fn labels(s: &Section) -> Vec<&str> {
    s.paragraphs
        .iter()
        .filter_map(|p| p.label.as_deref())
        .collect()
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn columns_and_markers() {
    let t = corpus();
    assert_eq!(t.title, "Resolution 44 proposals side-by-side");
    let names: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(names, ["AST", "ATU", "CITEL", "RCC"]);
    let ast = column(&t, "AST");
    assert!(ast.document.sections.is_empty());
    assert_eq!(ast.document.paragraph_count(), 0);
    let atu = column(&t, "ATU");
    assert_eq!(atu.marker.as_deref(), Some("MOD"));
    assert_eq!(atu.reference.as_deref(), Some("AFCP/35A8/1"));
    assert_eq!(atu.document_number.as_deref(), Some("WTSA C-035 ATU Add08"));
    assert_eq!(
        atu.document.metadata.reference.as_deref(),
        Some("AFCP/35A8/1")
    );
    let citel = column(&t, "CITEL");
    assert_eq!(citel.reference.as_deref(), Some("IAP/39A18/1"));
    let rcc = column(&t, "RCC");
    assert_eq!(rcc.marker.as_deref(), Some("MOD"));
    assert_eq!(rcc.reference.as_deref(), Some("TSAG-C187-R1"));
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn title_block() {
    let t = corpus();
    for label in ["ATU", "CITEL", "RCC"] {
        let c = column(&t, label);
        let title = &c.document.sections[0];
        assert!(title.opener.is_none());
        let texts: Vec<&str> = title.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert!(
            texts[0].starts_with("RESOLUTION 44 (Rev. Hammamet"),
            "{label}: {texts:?}"
        );
        assert_eq!(
            texts[1],
            "Bridging the standardization gap between developing and developed countries"
        );
        assert!(texts[2].starts_with("(Florianópolis, 2004"));
        assert!(texts[3].starts_with("The World Telecommunication Standardization Assembly"));
        assert!(c
            .document
            .metadata
            .notes
            .iter()
            .any(|n| n.contains("These include the least developed countries")));
    }
    let atu = column(&t, "ATU");
    assert_eq!(
        atu.document.sections[0].paragraphs[0].text,
        "RESOLUTION 44 (Rev. Hammamet, 2016Geneva, 2022)"
    );
    let rcc = column(&t, "RCC");
    assert_eq!(
        rcc.document.sections[0].paragraphs[0].text,
        "RESOLUTION 44 (Rev. HammametGeneva, 20162022)"
    );
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn every_section_in_every_column() {
    let t = corpus();
    let common = [
        "considering",
        "recognizing",
        "recognizing-also",
        "recalling",
        "resolves",
        "resolves-further-that-itu",
        "invites-the-council",
        "instructs-the-director",
        "further-instructs-the-study",
        "invites-the-director",
        "invites-regions-and-their-member",
        "encourages-member-states",
        "programme-1",
        "programme-2",
        "programme-4",
    ];
    for label in ["ATU", "CITEL", "RCC"] {
        let c = column(&t, label);
        let slugs: Vec<String> = c
            .document
            .sections
            .iter()
            .filter_map(|s| s.opener.as_ref().map(|o| section_slug(&o.text)))
            .collect();
        for want in common {
            assert!(
                slugs.iter().any(|s| s == want),
                "{label} lacks {want}: {slugs:?}"
            );
        }
        assert!(
            slugs.iter().any(|s| s.starts_with("taking-into")),
            "{label}"
        );
        assert!(
            slugs.iter().any(|s| s.starts_with("instructs-study")),
            "{label}"
        );
        // Programmes come last, in order.
        let programmes: Vec<&String> = slugs
            .iter()
            .filter(|s| s.starts_with("programme"))
            .collect();
        let mut sorted = programmes.clone();
        sorted.sort();
        assert_eq!(programmes, sorted);
    }
    // The file holds one "Programme 3" cell; it starts like ATU's cells
    // (space, tab) and comes first in its run-together row.
    let p3 = section(column(&t, "ATU"), "programme-3");
    assert_eq!(
        p3.opener.as_ref().and_then(|o| o.label.as_deref()),
        Some("III")
    );
    assert!(p3
        .paragraphs
        .iter()
        .any(|p| p.text.contains("participation of women")));
    // CITEL's and RCC's programme 2 lost their heading with their tab.
    for label in ["CITEL", "RCC"] {
        let p2 = section(column(&t, label), "programme-2");
        assert_eq!(p2.paragraphs[0].label.as_deref(), Some("1)"));
        assert_eq!(p2.paragraphs[0].text, "Objective");
    }
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn no_debris_in_text() {
    let t = corpus();
    for c in &t.columns {
        for s in &c.document.sections {
            let opener = s.opener.iter();
            for p in opener.chain(s.paragraphs.iter()) {
                for bad in ["[bookmark:", "[footnoteRef", "[1:", "image1", "____"] {
                    assert!(!p.text.contains(bad), "{}: {:?}", c.label, p.text);
                }
                assert!(!p.text.starts_with("MOD"), "{}: {:?}", c.label, p.text);
                assert!(!p.text.is_empty(), "{}: empty paragraph", c.label);
            }
        }
    }
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn paragraphs_and_flattened_labels() {
    let t = corpus();
    let citel = column(&t, "CITEL");
    let considering = section(citel, "considering");
    assert_eq!(considering.paragraphs[0].label.as_deref(), Some("a)"));
    assert!(considering.paragraphs[0]
        .text
        .starts_with("that Resolution 71 (Rev. Dubai, 2018)"));
    assert_eq!(labels(considering)[..4], ["a)", "b)", "bc)", "cd)"]);
    assert_eq!(
        labels(section(citel, "resolves"))
            .iter()
            .filter(|l| **l == "54")
            .count(),
        1
    );
    let rcc = column(&t, "RCC");
    assert_eq!(labels(section(rcc, "recalling")), ["a)", "b)", "c)", "d)"]);
    assert_eq!(
        labels(section(column(&t, "ATU"), "recalling")),
        ["a)", "b)"]
    );
    let atu_recognizing = labels(section(column(&t, "ATU"), "recognizing"));
    assert_eq!(
        atu_recognizing,
        ["a)", "b)", "cb)", "dc)", "ed)", "fe)", "gf)", "gh)"]
    );
    // CITEL renamed "taking into account", glued to the old name.
    assert!(citel.document.sections.iter().any(|s| s
        .opener
        .as_ref()
        .is_some_and(|o| o.text == "taking into accountrecognizing further")));
    // The instructs opener keeps its own line; "within available
    // resources," is an unlabelled paragraph after it.
    let instructs = section(rcc, "instructs-the-director");
    assert_eq!(instructs.paragraphs[0].text, "within available resources,");
    assert_eq!(instructs.paragraphs.len(), 17);
}

fn synopsis() -> Synopsis {
    let t = corpus();
    let mut s =
        compare(None, &t.version_inputs(), &CompareOptions::default()).expect("compare succeeds");
    recover_synopsis(&mut s);
    s
}

fn cell<'a>(s: &Synopsis, row: &'a Row, label: &str) -> &'a Cell {
    let id = &s
        .versions
        .iter()
        .find(|v| v.label == label)
        .expect("version")
        .id;
    row.cells.iter().find(|c| &c.version == id).expect("cell")
}

fn changes(c: &Cell, kind: ChangeKind) -> Vec<&str> {
    c.ops
        .iter()
        .filter(|o| o.kind == kind && !o.minor)
        .map(|o| o.text.as_str())
        .collect()
}

fn row_where<'a>(s: &'a Synopsis, section: &str, pred: impl Fn(&Row) -> bool) -> &'a Row {
    s.rows
        .iter()
        .filter(|r| r.section.starts_with(section))
        .find(|r| pred(r))
        .unwrap_or_else(|| panic!("no such row in {section}"))
}

fn text_has(s: &Synopsis, r: &Row, label: &str, needle: &str) -> bool {
    cell(s, r, label).text.contains(needle)
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn end_to_end_facts() {
    let s = synopsis();
    let names: Vec<&str> = s.versions.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(names[1..], ["AST", "ATU", "CITEL", "RCC"]);
    assert_eq!(s.versions[2].reference.as_deref(), Some("AFCP/35A8/1"));
    // The AST column is present and empty.
    for r in &s.rows {
        assert_eq!(cell(&s, r, "AST").status, Status::Absent, "{}", r.id);
    }
    // The invariant of every cell; no glued text left in results.
    for r in &s.rows {
        for label in ["ATU", "CITEL", "RCC"] {
            let c = cell(&s, r, label);
            if c.status == Status::Absent {
                continue;
            }
            let base = r.base_text.clone().unwrap_or_default();
            assert_eq!(original_of(&c.ops), base, "{}", r.id);
            assert_eq!(result_of(&c.ops), c.text, "{}", r.id);
            for glued in ["2014Dubai", "2016Geneva", "20162022", "[bookmark"] {
                assert!(!c.text.contains(glued), "{} {label}: {}", r.id, c.text);
            }
            for o in c.ops.iter().filter(|o| o.kind != ChangeKind::Equal) {
                assert!(o.confidence.is_some_and(|x| (0.0..=1.0).contains(&x)));
            }
        }
    }

    // 1. Title block: ATU deletes "Hammamet, 2016", inserts "Geneva, 2022".
    let title = &s.rows[0];
    assert_eq!(
        title.base_text.as_deref(),
        Some("RESOLUTION 44 (Rev. Hammamet, 2016)")
    );
    let atu = cell(&s, title, "ATU");
    assert_eq!(changes(atu, ChangeKind::Delete), ["Hammamet, 2016"]);
    assert_eq!(changes(atu, ChangeKind::Insert), ["Geneva, 2022"]);
    assert_eq!(
        cell(&s, title, "RCC").text,
        "RESOLUTION 44 (Rev. Geneva, 2022)"
    );

    // 2. considering: CITEL's new paragraph on Resolution 71 is an added row.
    let r71 = row_where(&s, "considering", |r| {
        text_has(&s, r, "CITEL", "Resolution 71 (Rev. Dubai, 2018)")
    });
    assert_eq!(r71.base_text, None);
    assert_eq!(cell(&s, r71, "CITEL").status, Status::Added);
    assert_eq!(cell(&s, r71, "ATU").status, Status::Absent);
    assert_eq!(cell(&s, r71, "RCC").status, Status::Absent);

    // 3. CITEL's paragraph on Resolution 139 is c) (was b)) in the row of
    //    ATU's and RCC's b); ATU replaces two dates in it.
    let r139 = row_where(&s, "considering", |r| {
        text_has(&s, r, "ATU", "Resolution\u{a0}139")
    });
    let citel = cell(&s, r139, "CITEL");
    assert_eq!(citel.label.as_deref(), Some("c)"));
    assert_eq!(citel.former_label.as_deref(), Some("b)"));
    assert_eq!(cell(&s, r139, "ATU").label.as_deref(), Some("b)"));
    assert_eq!(cell(&s, r139, "RCC").label.as_deref(), Some("b)"));
    assert_eq!(r139.label.as_deref(), Some("b)"));
    let atu = cell(&s, r139, "ATU");
    assert_eq!(
        changes(atu, ChangeKind::Delete),
        ["Busan, 2014", "Dubai, 2014"]
    );
    assert_eq!(
        changes(atu, ChangeKind::Insert),
        ["Dubai, 2018", "Buenos Aires, 2017"]
    );

    // 4. RCC's recalling c) and d) are added rows.
    for label in ["c)", "d)"] {
        let r = row_where(&s, "recalling", |r| {
            cell(&s, r, "RCC").label.as_deref() == Some(label)
        });
        assert_eq!(r.base_text, None);
        assert_eq!(cell(&s, r, "RCC").status, Status::Added);
        assert_eq!(cell(&s, r, "ATU").status, Status::Absent);
        assert_eq!(cell(&s, r, "CITEL").status, Status::Absent);
    }

    // 5. Every section of the file has its heading row.
    for section in [
        "considering",
        "recognizing",
        "recognizing-also",
        "taking-into-account",
        "recalling",
        "resolves",
        "resolves-further",
        "invites-the-council",
        "instructs-the-director",
        "instructs-study",
        "further-instructs",
        "invites-the-director",
        "invites-regions",
        "encourages",
        "programme-1",
        "programme-2",
        "programme-3",
        "programme-4",
    ] {
        assert!(
            s.rows
                .iter()
                .any(|r| r.kind == RowKind::Heading && r.section.starts_with(section)),
            "no heading row for {section}"
        );
    }

    // 6. CITEL renamed "taking into account" to "recognizing further".
    let heading = row_where(&s, "taking-into", |r| r.kind == RowKind::Heading);
    assert_eq!(heading.base_text.as_deref(), Some("taking into account"));
    assert_eq!(cell(&s, heading, "CITEL").text, "recognizing further");
    assert_eq!(cell(&s, heading, "ATU").status, Status::Unchanged);

    // 7. CITEL's resolves 5 renumbered 4, in the row of the others' 5.
    let r5 = row_where(&s, "resolves", |r| {
        let c = cell(&s, r, "CITEL");
        c.label.as_deref() == Some("4") && c.former_label.as_deref() == Some("5")
    });
    assert_eq!(cell(&s, r5, "ATU").label.as_deref(), Some("5"));
    assert_eq!(cell(&s, r5, "RCC").label.as_deref(), Some("5"));

    // 8. CITEL's considering f): "(Busan, 2014)" becomes "(Rev. Dubai, 2018)".
    let f = row_where(&s, "considering", |r| {
        text_has(&s, r, "ATU", "Resolution\u{a0}191")
    });
    let citel = cell(&s, f, "CITEL");
    assert_eq!(changes(citel, ChangeKind::Delete)[0], "Busan, 2014");
    assert_eq!(changes(citel, ChangeKind::Insert)[0], "Rev. Dubai, 2018");
    assert_eq!(cell(&s, f, "RCC").status, Status::Unchanged);

    // 9. ATU's recognizing also c): the plan period 2016-2019 becomes 2020-2023.
    let c = row_where(&s, "recognizing-also", |r| {
        text_has(&s, r, "ATU", "strategic plan")
    });
    let atu = cell(&s, c, "ATU");
    assert_eq!(changes(atu, ChangeKind::Delete), ["2016-2019"]);
    assert_eq!(changes(atu, ChangeKind::Insert)[0], "2020-2023");
    assert_eq!(cell(&s, c, "CITEL").status, Status::Unchanged);

    // 10. RCC's considering i) (Resolution 34) and CITEL's recognizing f)
    //     (operators) are added rows.
    let i = row_where(&s, "considering", |r| {
        text_has(&s, r, "RCC", "Resolution 34")
    });
    assert_eq!(i.base_text, None);
    assert_eq!(cell(&s, i, "RCC").status, Status::Added);
    let f = row_where(&s, "recognizing", |r| {
        text_has(&s, r, "CITEL", "benefit from effective participation")
    });
    assert_eq!(f.base_text, None);
    assert_eq!(cell(&s, f, "CITEL").status, Status::Added);

    // 11. ATU's recognizing "cb)" is c) become b), in the others' c) row.
    let cb = row_where(&s, "recognizing", |r| {
        text_has(&s, r, "ATU", "reduce the cost of equipment")
    });
    let atu = cell(&s, cb, "ATU");
    assert_eq!(atu.label.as_deref(), Some("b)"));
    assert_eq!(atu.former_label.as_deref(), Some("c)"));
    assert_eq!(cb.label.as_deref(), Some("c)"));

    // 12. Paragraphs nobody touched stay unchanged: resolves 1 and 2.
    for n in ["1", "2"] {
        let r = row_where(&s, "resolves", |r| r.label.as_deref() == Some(n));
        for label in ["ATU", "CITEL", "RCC"] {
            assert_eq!(cell(&s, r, label).status, Status::Unchanged, "{n} {label}");
        }
    }

    // 13. Programme 3 only in ATU's column (the file holds one cell of it).
    let p3 = row_where(&s, "programme-3", |r| r.kind == RowKind::Heading);
    assert_eq!(cell(&s, p3, "ATU").status, Status::Added);
    assert_eq!(cell(&s, p3, "CITEL").status, Status::Absent);
}
