//! Tests of the text side-by-side reader on small made-up tables.

use super::text::*;

#[test]
fn header_cells() {
    let c = ColumnBuilder::new("Proposal 2 (MOD, WTSA C-035 ATU Add08) (ATU)").finish();
    assert_eq!(c.label, "ATU");
    assert_eq!(c.marker.as_deref(), Some("MOD"));
    assert_eq!(c.document_number.as_deref(), Some("WTSA C-035 ATU Add08"));
    let c = ColumnBuilder::new("Proposal 1 (MOD, ) (AST)").finish();
    assert_eq!((c.label.as_str(), c.document_number), ("AST", None));
    let c = ColumnBuilder::new("CEPT").finish();
    assert_eq!((c.label.as_str(), c.marker), ("CEPT", None));
}

#[test]
fn debris_is_cleaned() {
    let (l, n) = clean_line("[bookmark: _Toc1]Bridging developing[footnoteRef:2]1 x");
    assert_eq!(l, "Bridging developing x");
    assert!(n.is_empty());
    let (l, n) = clean_line("and developed countries [2: 1 \tThese include LDCs. ] ");
    assert_eq!(l.trim(), "and developed countries");
    assert_eq!(n, ["footnote 2: These include LDCs."]);
    assert_eq!(clean_line("a [b] c [").0, "a [b] c [");
}

#[test]
fn markers() {
    assert_eq!(
        split_marker("MOD\tAFCP/35A8/1"),
        Some(("MOD".into(), Some("AFCP/35A8/1".into()), String::new()))
    );
    assert_eq!(
        split_marker("MOD  RESOLUTION 44 (Rev. Geneva)"),
        Some(("MOD".into(), None, "RESOLUTION 44 (Rev. Geneva)".into()))
    );
    assert_eq!(split_marker("MODEL text"), None);
}

const SMALL: &str = "Title\n\n\tProposal 1 (MOD, ) (A)\n\tProposal 2 (MOD, D2) (B)\n\
    \tProposal 3 (MOD, D3) (C)\n\n\t\n\tMOD\tX/1/2\nRESOLUTION 1 (Rev. Busan, 2014Dubai, 2018)\n\
    \tRESOLUTION 1 (Rev. Busan, 2014)\n\n\t\n\tconsidering\na)\tthat one;\nbc)\tthat two;\n\
    \tconsidering\na)\tthat one;\nb)\tthat two;\n\tProgramme 1: x\n1)\tObjective\n \
    \tProgramme 1: x\n1)\tObjective\n\tProgramme 2: y\n1)\tAim\n 1)\tAim\n\n_____\nimage1.gif\n";

#[test]
fn small_table() {
    let t = read(SMALL).unwrap();
    assert_eq!(t.title, "Title");
    let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
    assert_eq!(labels, ["A", "B", "C"]);
    assert!(t.columns[0].document.sections.is_empty());
    let b = &t.columns[1];
    assert_eq!(b.reference.as_deref(), Some("X/1/2"));
    assert_eq!(t.columns[2].reference.as_deref(), Some("D3"));
    let openers: Vec<Option<&str>> = b
        .document
        .sections
        .iter()
        .map(|s| s.opener.as_ref().map(|o| o.text.as_str()))
        .collect();
    assert_eq!(
        openers,
        [
            None,
            Some("considering"),
            Some("Programme 1: x"),
            Some("Programme 2: y")
        ]
    );
    assert_eq!(
        b.document.sections[1].paragraphs[1].label.as_deref(),
        Some("bc)")
    );
    let c = &t.columns[2];
    // C's programme 2 lost its heading: borrowed from B's.
    let last = c.document.sections.last().unwrap();
    assert_eq!(last.opener.as_ref().unwrap().text, "Programme 2: y");
    assert_eq!(last.paragraphs[0].text, "Aim");
    assert!(c.document.metadata.notes.iter().any(|n| n.contains("lost")));
    assert!(!format!("{t:?}").contains("image1"));
}

#[test]
fn hostile_inputs() {
    for input in [
        "",
        "\t\t\t\n\t\t\n",
        "\n\n\n",
        "x",
        "\u{0}\u{1}\u{FFFD}\t[",
        "[footnoteRef:",
        "T\n\tH\n[1: x",
    ] {
        match read(input) {
            Ok(t) => {
                for c in &t.columns {
                    let _ = c.document.paragraph_count();
                }
            }
            Err(e) => assert!(!e.to_string().is_empty()),
        }
    }
    assert!(read_bytes(&[0xff, 0xfe, 0x00]).is_err() || read_bytes(&[0xff, 0xfe, 0x00]).is_ok());
    assert!(read_bytes(&[0x80, 0x81, 0x82]).is_err());
    let t = read("T\n\tH1\n\tH2\n\n\t\n\t\t\n\t \t\n").unwrap();
    assert_eq!(t.columns.len(), 2);
}
