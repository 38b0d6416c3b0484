//! Tracked changes as producers write them: whole rows, cells, text boxes
//! and wrapped paragraphs, paragraph marks, authors.

use super::*;

#[test]
fn rows_and_cells_inserted_or_deleted_take_all_their_text() {
    // Some producers mark the row alone, not its runs; a cell may be
    // deleted on its own (`w:cellDel`); text inserted into a row another
    // author deleted is on neither side.
    let row_mark = |kind: &str, author: &str| {
        format!("<w:trPr><w:{kind} w:id=\"7\" w:author=\"{author}\" w:date=\"2031-05-01T00:00:00Z\"/></w:trPr>")
    };
    let body = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>\
         <w:tr>{}<w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>\
         <w:tr>{}<w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>\
         <w:tr><w:tc>{}</w:tc><w:tc><w:tcPr><w:cellDel w:id=\"8\" w:author=\"Ben\"/></w:tcPr>{}</w:tc></w:tr></w:tbl>{}",
        p(&r("Mooring")),
        p(&r("twelve units")),
        row_mark("del", "Ana"),
        p(&r("Towage")),
        p(&format!("{}{}", r("thirty units"), ins("Ben", &r(" a day")))),
        row_mark("ins", "Ben"),
        p(&r("Pilotage")),
        p(&r("forty units")),
        p(&r("Berthing")),
        p(&r("eight units")),
        p(&r("After the table."))
    );
    let bytes = docx(&body, &[]);
    let accepted = read_mode(&bytes, TrackChanges::Accept);
    assert_eq!(
        texts(&accepted),
        [
            "Mooring",
            "twelve units",
            "Pilotage",
            "forty units",
            "Berthing",
            "After the table."
        ]
    );
    let rejected = read_mode(&bytes, TrackChanges::Reject);
    assert_eq!(
        texts(&rejected),
        [
            "Mooring",
            "twelve units",
            "Towage",
            "thirty units",
            "Berthing",
            "eight units",
            "After the table."
        ]
    );
    let doc = all(&bytes);
    let towage = doc.paragraphs().nth(2).unwrap();
    assert_eq!(
        ops(towage),
        [(ChangeKind::Delete, "Towage".into(), Some("Ana".into()))]
    );
    let pilotage = doc.paragraphs().nth(4).unwrap();
    assert_eq!(
        ops(pilotage),
        [(ChangeKind::Insert, "Pilotage".into(), Some("Ben".into()))]
    );
}

#[test]
fn a_paragraph_mark_inserted_then_deleted_is_on_neither_side() {
    // Ana split the paragraph, Ben joined it again: both views read one.
    let body = format!(
        "<w:p><w:pPr><w:rPr><w:ins w:id=\"1\" w:author=\"Ana\"/><w:del w:id=\"2\" w:author=\"Ben\"/></w:rPr></w:pPr>{}</w:p>{}",
        r("Pilots board at the outer buoy"),
        p(&r(" and leave at the berth."))
    );
    let bytes = docx(&body, &[]);
    for mode in [TrackChanges::Accept, TrackChanges::Reject] {
        assert_eq!(
            texts(&read_mode(&bytes, mode)),
            ["Pilots board at the outer buoy and leave at the berth."],
            "{mode:?}"
        );
    }
}

#[test]
fn a_text_box_deleted_or_inserted_with_tracking_takes_its_text() {
    let body = format!(
        "{}{}",
        p(&format!(
            "{}<w:del w:id=\"4\" w:author=\"Ana\">{}</w:del>",
            r("Anchor one."),
            text_box(&p(&r("Old boxed remark.")))
        )),
        p(&format!(
            "{}<w:ins w:id=\"5\" w:author=\"Ben\">{}</w:ins>",
            r("Anchor two."),
            text_box(&p(&r("New boxed remark.")))
        ))
    );
    let bytes = docx(&body, &[]);
    assert_eq!(
        texts(&read_mode(&bytes, TrackChanges::Accept)),
        ["Anchor one.", "Anchor two.", "New boxed remark."]
    );
    assert_eq!(
        texts(&read_mode(&bytes, TrackChanges::Reject)),
        ["Anchor one.", "Old boxed remark.", "Anchor two."]
    );
    let doc = all(&bytes);
    let old = doc.paragraphs().nth(1).unwrap();
    assert_eq!(
        ops(old),
        [(
            ChangeKind::Delete,
            "Old boxed remark.".into(),
            Some("Ana".into())
        )]
    );
}

#[test]
fn paragraphs_wrapped_whole_in_a_revision_go_with_it() {
    let body = format!(
        "{}<w:ins w:id=\"1\" w:author=\"Ana\">{}</w:ins><w:del w:id=\"2\" w:author=\"Ben\">{}</w:del>{}",
        p(&r("Ports open at dawn.")),
        p(&r("Pilots are on call at night.")),
        p(&r("Tugs are optional.")),
        p(&r("Ports close at dusk."))
    );
    let bytes = docx(&body, &[]);
    assert_eq!(
        texts(&read_mode(&bytes, TrackChanges::Accept)),
        [
            "Ports open at dawn.",
            "Pilots are on call at night.",
            "Ports close at dusk."
        ]
    );
    assert_eq!(
        texts(&read_mode(&bytes, TrackChanges::Reject)),
        [
            "Ports open at dawn.",
            "Tugs are optional.",
            "Ports close at dusk."
        ]
    );
    let doc = all(&bytes);
    assert!(doc.paragraphs().nth(1).unwrap().is_inserted_by_revision());
}

#[test]
fn a_revision_with_an_empty_author_has_none() {
    let body = p(&format!(
        "{}<w:ins w:id=\"1\" w:author=\"\">{}</w:ins>",
        r("Ships report"),
        r(" daily")
    ));
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        ops(doc.paragraphs().next().unwrap()),
        [
            (ChangeKind::Equal, "Ships report".into(), None),
            (ChangeKind::Insert, " daily".into(), None)
        ]
    );
    assert!(
        doc.metadata
            .notes
            .iter()
            .any(|n| n.starts_with("tracked changes by unknown author: 1 insertion")),
        "{:?}",
        doc.metadata.notes
    );
}

#[test]
fn a_removed_paragraph_mark_never_joins_across_a_table_cell() {
    // LibreOffice lets a cell's last paragraph mark be deleted with
    // tracking; Word cannot join it to the next cell, nor the paragraph
    // before a table to the table.
    let deleted_mark = |text: &str| {
        format!(
            "<w:p><w:pPr><w:rPr><w:del w:id=\"3\" w:author=\"Ana\"/></w:rPr></w:pPr>{}</w:p>",
            r(text)
        )
    };
    let body = format!(
        "{}<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>{}",
        deleted_mark("Before the table."),
        deleted_mark("Mooring"),
        p(&r("twelve units")),
        p(&r("After the table."))
    );
    let doc = read_mode(&docx(&body, &[]), TrackChanges::Accept);
    assert_eq!(
        texts(&doc),
        [
            "Before the table.",
            "Mooring",
            "twelve units",
            "After the table."
        ]
    );
}
