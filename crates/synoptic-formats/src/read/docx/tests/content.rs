//! Content besides the body's paragraphs: notes, text boxes, images,
//! table cells.

use super::*;

#[test]
fn footnotes_and_endnotes_are_paragraphs_of_a_notes_section() {
    // Two footnotes and an endnote; the proposer amends the second
    // footnote and adds the endnote with its reference.
    let body = [
        p(&format!(
            "{}{}",
            r("whereas the levy applies to small ports"),
            note_ref("footnote", "7")
        )),
        p(&format!(
            "{}{}{}",
            r("and to river harbours"),
            note_ref("footnote", "3"),
            ins("Delegation B", &note_ref("endnote", "2"))
        )),
    ]
    .concat();
    let notes = footnotes(&[
        ("7", p(&r("Ports handling under 2 million tonnes a year."))),
        (
            "3",
            p(&format!(
                "{}{}{}",
                r("As listed in Annex "),
                del("Delegation B", "II"),
                ins("Delegation B", &r("III"))
            )),
        ),
    ]);
    let endnotes = format!(
        "<w:endnotes {W}><w:endnote w:id=\"2\">{}</w:endnote></w:endnotes>",
        p(&r("Figures of the 2031 survey."))
    );
    let bytes = docx(
        &body,
        &[("footnotes.xml", notes), ("endnotes.xml", endnotes)],
    );
    let doc = all(&bytes);
    assert_eq!(
        texts(&doc),
        [
            "whereas the levy applies to small ports[1]",
            "and to river harbours[2][i]",
            "Ports handling under 2 million tonnes a year.",
            "As listed in Annex III",
            "Figures of the 2031 survey."
        ]
    );
    assert_eq!(labels(&doc)[2..], ["[1]", "[2]", "[i]"]);
    let notes: Vec<&Paragraph> = doc.sections.last().unwrap().paragraphs.iter().collect();
    let b = Some("Delegation B".to_string());
    assert_eq!(
        ops(notes[1]),
        [
            (ChangeKind::Equal, "As listed in Annex ".into(), None),
            (ChangeKind::Delete, "II".into(), b.clone()),
            (ChangeKind::Insert, "III".into(), b.clone()),
        ]
    );
    // The endnote came with its inserted reference: inserted whole.
    assert_eq!(
        ops(notes[2]),
        [(ChangeKind::Insert, "Figures of the 2031 survey.".into(), b)]
    );
    // Rejected, the endnote is not there; accepted, it is.
    let rejected = read_mode(&bytes, TrackChanges::Reject);
    assert_eq!(texts(&rejected)[3..], ["As listed in Annex II"]);
    let accepted = read_mode(&bytes, TrackChanges::Accept);
    assert_eq!(
        texts(&accepted)[3..],
        ["As listed in Annex III", "Figures of the 2031 survey."]
    );
}

#[test]
fn notes_align_across_versions_and_their_changes_are_compared() {
    // The base has two footnotes; the proposal rewords the second and
    // adds a picture: both are changes, in the rows they belong to.
    let body = |extra: &str| {
        [
            p(&format!(
                "{}{}",
                r("Article 1 sets the toll"),
                note_ref("footnote", "2")
            )),
            p(&format!(
                "{}{}{extra}",
                r("Article 2 exempts ferries"),
                note_ref("footnote", "5")
            )),
        ]
        .concat()
    };
    let notes =
        |second: &str| footnotes(&[("2", p(&r("Per vessel and day."))), ("5", p(&r(second)))]);
    let base = all(&docx(
        &body(""),
        &[("footnotes.xml", notes("Ferries under 40 metres."))],
    ));
    let proposal = all(&docx(
        &body(&ins("F", &picture("Ferry silhouette"))),
        &[("footnotes.xml", notes("Ferries under 60 metres."))],
    ));
    let version = |label: &str, document: Document| synoptic_core::VersionInput {
        label: label.into(),
        document,
    };
    let s = synoptic_core::compare(
        Some(&version("base", base)),
        &[version("F", proposal)],
        &synoptic_core::CompareOptions::default(),
    )
    .unwrap();
    let status = |id: &str| {
        let row = s.rows.iter().find(|r| r.id == id).unwrap();
        row.cells[1].status
    };
    let ids: Vec<&str> = s.rows.iter().map(|r| r.id.as_str()).collect();
    assert!(
        ids.contains(&"notes/1") && ids.contains(&"notes/2"),
        "{ids:?}"
    );
    assert_eq!(status("notes/1"), synoptic_core::Status::Unchanged);
    assert_eq!(status("notes/2"), synoptic_core::Status::Modified);
    let article = s
        .rows
        .iter()
        .find(|r| {
            r.base_text
                .as_ref()
                .is_some_and(|t| t.as_str().starts_with("Article 2"))
        })
        .unwrap();
    assert_eq!(article.cells[1].status, synoptic_core::Status::Modified);
    assert!(article.cells[1].text.contains("[image: Ferry silhouette]"));
}

#[test]
fn text_boxes_follow_their_paragraph_with_their_changes() {
    let boxed = [
        p(&r("Box: the fee is waived for pilots")),
        p(&format!("{}{}", r("in their first "), ins("C", &r("two ")),)),
    ]
    .concat();
    let body = [
        p(&format!(
            "{}{}",
            r("Article 4 sets the fee."),
            text_box(&boxed)
        )),
        p(&r("Article 5 repeals the old levy.")),
    ]
    .concat();
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "Article 4 sets the fee.",
            "Box: the fee is waived for pilots",
            "in their first two",
            "Article 5 repeals the old levy."
        ]
    );
    let changed = doc.paragraphs().nth(2).unwrap();
    assert!(
        ops(changed).contains(&(ChangeKind::Insert, "two".into(), Some("C".into()))),
        "{:?}",
        ops(changed)
    );
}

#[test]
fn images_read_as_their_alternative_text() {
    let body = [
        p(&format!(
            "{}{}",
            r("The map "),
            picture("Map of the coastal zone")
        )),
        p(&format!("{}{}", r("The chart "), ins("D", &picture("")))),
    ]
    .concat();
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "The map [image: Map of the coastal zone]",
            "The chart [image]"
        ]
    );
    // A picture the proposer added is an insertion, not "no change".
    let added = doc.paragraphs().nth(1).unwrap();
    assert!(
        ops(added).contains(&(ChangeKind::Insert, "[image]".into(), Some("D".into()))),
        "{:?}",
        ops(added)
    );
    assert_eq!(
        texts(&read_mode(&docx(&body, &[]), TrackChanges::Reject)),
        ["The map [image: Map of the coastal zone]", "The chart"]
    );
}

#[test]
fn tracked_changes_in_table_cells_are_kept() {
    let cell = |inner: &str| format!("<w:tc>{}</w:tc>", p(inner));
    let body = format!(
        "<w:tbl><w:tr>{}{}</w:tr></w:tbl>",
        cell(&r("Rate")),
        cell(&format!("{}{}", del("E", "4"), ins("E", &r("5"))))
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(texts(&doc), ["Rate", "5"]);
    assert_eq!(
        ops(doc.paragraphs().nth(1).unwrap()),
        [
            (ChangeKind::Delete, "4".into(), Some("E".into())),
            (ChangeKind::Insert, "5".into(), Some("E".into()))
        ]
    );
}

#[test]
fn a_note_inserted_before_others_leaves_their_numbers() {
    // The proposer adds a footnote to the first article: the second
    // article's note keeps its number [1] (Word would show it as 2), so
    // its paragraph and its note are unchanged against the base; the new
    // note is numbered after all the text had. A note inserted and then
    // deleted takes no number.
    let body = [
        p(&format!(
            "{}{}{}",
            r("Article 1 sets the toll"),
            ins("CEPT", &note_ref("footnote", "7")),
            r(".")
        )),
        p(&format!(
            "{}<w:ins w:id=\"8\" w:author=\"CEPT\"><w:del w:id=\"9\" w:author=\"CEPT\">{}</w:del></w:ins>{}{}",
            r("Article 2 exempts ferries"),
            note_ref("footnote", "8"),
            note_ref("footnote", "2"),
            r(".")
        )),
        p(&format!("{}{}", r("Article 3 sets fines"), note_ref("endnote", "4"))),
    ]
    .concat();
    let notes = footnotes(&[
        ("2", p(&r("Ferries under 40 metres."))),
        ("7", p(&r("Per vessel and day."))),
        ("8", p(&r("Withdrawn."))),
    ]);
    let endnotes = format!(
        "<w:endnotes {W}><w:endnote w:id=\"4\">{}</w:endnote></w:endnotes>",
        p(&r("See the schedule."))
    );
    let doc = all(&docx(
        &body,
        &[("footnotes.xml", notes), ("endnotes.xml", endnotes)],
    ));
    assert_eq!(
        texts(&doc),
        [
            "Article 1 sets the toll[2].",
            "Article 2 exempts ferries[1].",
            "Article 3 sets fines[i]",
            "Per vessel and day.",
            "Ferries under 40 metres.",
            "See the schedule.",
        ]
    );
    assert_eq!(labels(&doc), ["", "", "", "[2]", "[1]", "[i]"]);
    // Accepted, the notes are numbered as Word then shows them.
    let parts = [(
        "footnotes.xml",
        footnotes(&[
            ("2", p(&r("Ferries under 40 metres."))),
            ("7", p(&r("Per vessel and day."))),
            ("8", p(&r("Withdrawn."))),
        ]),
    )];
    let accepted = read_mode(&docx(&body, &parts), TrackChanges::Accept);
    assert_eq!(
        texts(&accepted)[..2],
        [
            "Article 1 sets the toll[1].",
            "Article 2 exempts ferries[2]."
        ]
    );
}

#[test]
fn a_control_showing_its_placeholder_holds_no_text() {
    // A template's content controls: one filled in, one still showing
    // Word's prompt, inline and as a whole paragraph.
    let placeholder = "<w:sdtPr><w:showingPlcHdr/></w:sdtPr>";
    let body = p(&format!(
        "{}<w:sdt><w:sdtPr><w:alias w:val=\"Date\"/></w:sdtPr><w:sdtContent>{}</w:sdtContent></w:sdt>{}<w:sdt>{placeholder}<w:sdtContent>{}</w:sdtContent></w:sdt>",
        r("Adopted on "),
        r("3 March 2031"),
        r(" at "),
        r("Click or tap here to enter text."),
    )) + &format!(
        "<w:sdt>{placeholder}<w:sdtContent>{}</w:sdtContent></w:sdt>",
        p(&r("Click or tap here to enter text."))
    ) + &p(&r("The end."));
    let doc = all(&docx(&body, &[]));
    assert_eq!(texts(&doc), ["Adopted on 3 March 2031 at", "The end."]);
}
