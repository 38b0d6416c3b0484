//! Tracked changes: insertions, deletions, moves, paragraph marks.

use super::*;

#[test]
fn insertions_deletions_and_moves_with_authors() {
    let body = p(&format!(
        "{}{}{}{}<w:moveFrom w:id=\"3\" w:author=\"CEPT\"><w:r><w:delText>moved </w:delText></w:r></w:moveFrom>{}<w:moveTo w:id=\"4\" w:author=\"CEPT\"><w:r><w:t xml:space=\"preserve\"> moved</w:t></w:r></w:moveTo>",
        r("Rev. "),
        del("ATU", "Busan, 2014"),
        ins("ATU", &r("Dubai, 2018")),
        r("; "),
        r("end"),
    ));
    let bytes = docx(&body, &[]);
    let doc = all(&bytes);
    let para = doc.paragraphs().next().unwrap();
    let atu = Some("ATU".to_string());
    let cept = Some("CEPT".to_string());
    assert_eq!(
        ops(para),
        [
            (ChangeKind::Equal, "Rev. ".into(), None),
            (ChangeKind::Delete, "Busan, 2014".into(), atu.clone()),
            (ChangeKind::Insert, "Dubai, 2018".into(), atu),
            (ChangeKind::Equal, "; ".into(), None),
            (ChangeKind::Delete, "moved ".into(), cept.clone()),
            (ChangeKind::Equal, "end".into(), None),
            (ChangeKind::Insert, " moved".into(), cept),
        ]
    );
    assert_eq!(para.text, "Rev. Dubai, 2018; end moved");
    assert_eq!(para.original_text(), "Rev. Busan, 2014; moved end");
    assert_eq!(
        texts(&read_mode(&bytes, TrackChanges::Accept)),
        ["Rev. Dubai, 2018; end moved"]
    );
    assert_eq!(
        texts(&read_mode(&bytes, TrackChanges::Reject)),
        ["Rev. Busan, 2014; moved end"]
    );
    assert!(doc.metadata.notes.contains(
        &"tracked changes by ATU: 1 insertion, 1 deletion (2022-01-05 to 2022-02-01)".to_string()
    ));
}

#[test]
fn text_inserted_then_deleted_is_on_neither_side() {
    let body = p(&format!(
        "{}<w:ins w:id=\"1\" w:author=\"A\"><w:del w:id=\"2\" w:author=\"B\"><w:r><w:delText>gone</w:delText></w:r></w:del></w:ins>{}",
        r("a "),
        r("b")
    ));
    let doc = all(&docx(&body, &[]));
    assert_eq!(texts(&doc), ["a b"]);
    assert!(doc.paragraphs().next().unwrap().revision.is_none());
}

#[test]
fn paragraph_marks_split_and_join() {
    let mark = |kind: &str| {
        format!("<w:pPr><w:rPr><w:{kind} w:id=\"9\" w:author=\"RCC\"/></w:rPr></w:pPr>")
    };
    // The first paragraph's mark was deleted: accepted, the two join.
    let joined = format!(
        "<w:p>{}{}</w:p>{}",
        mark("del"),
        r("first half, "),
        p(&r("second half"))
    );
    let bytes = docx(&joined, &[]);
    assert_eq!(
        texts(&read_mode(&bytes, TrackChanges::Accept)),
        ["first half, second half"]
    );
    assert_eq!(
        texts(&read_mode(&bytes, TrackChanges::Reject)),
        ["first half,", "second half"]
    );
    // With the changes kept, the proposal's text is the two joined: the
    // second paragraph's text moves into the first (inserted there by the
    // author of the deleted mark) and its own row is deleted.
    let doc = all(&bytes);
    assert_eq!(texts(&doc), ["first half, second half", ""]);
    let rows: Vec<_> = doc.paragraphs().map(ops).collect();
    assert_eq!(
        rows,
        [
            vec![
                (ChangeKind::Equal, "first half,".into(), None),
                // The space typed before the mark: once the old paragraph's
                // end is trimmed, it is inserted only.
                (ChangeKind::Insert, " ".into(), None),
                (ChangeKind::Insert, "second half".into(), Some("RCC".into())),
            ],
            vec![(ChangeKind::Delete, "second half".into(), Some("RCC".into()))],
        ]
    );
    assert!(
        doc.metadata
            .notes
            .iter()
            .any(|n| n == "paragraph \"first half,\" joined with the next by RCC"),
        "{:?}",
        doc.metadata.notes
    );
    // An inserted mark split a paragraph: rejected, they join again.
    let split = format!("<w:p>{}{}</w:p>{}", mark("ins"), r("one"), p(&r(" two")));
    let bytes = docx(&split, &[]);
    assert_eq!(
        texts(&read_mode(&bytes, TrackChanges::Accept)),
        ["one", "two"]
    );
    assert_eq!(texts(&read_mode(&bytes, TrackChanges::Reject)), ["one two"]);
    // Kept, the split stays: two paragraphs, as the proposal has them.
    assert_eq!(texts(&all(&bytes)), ["one", "two"]);
    // A whole inserted paragraph (runs and mark) is an insertion only.
    let added = format!(
        "{}<w:p>{}{}</w:p>{}",
        p(&r("before")),
        mark("ins"),
        ins("RCC", &r("new paragraph")),
        p(&r("after"))
    );
    let bytes = docx(&added, &[]);
    let doc = all(&bytes);
    assert!(doc.paragraphs().nth(1).unwrap().is_inserted_by_revision());
    assert!(doc
        .metadata
        .notes
        .iter()
        .all(|n| !n.starts_with("paragraph")));
    assert_eq!(
        texts(&read_mode(&bytes, TrackChanges::Reject)),
        ["before", "after"]
    );
    assert_eq!(
        texts(&read_mode(&bytes, TrackChanges::Accept)),
        ["before", "new paragraph", "after"]
    );
}

#[test]
fn a_paragraph_typed_after_another_is_no_split() {
    // Word inserts the mark of the paragraph the new one is typed after.
    let body = format!(
        "<w:p><w:pPr><w:rPr><w:ins w:id=\"3\" w:author=\"G\"/></w:rPr></w:pPr>{}</w:p>{}",
        r("The fee is due in March."),
        p(&ins("G", &r("It may be paid in two parts.")))
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        ["The fee is due in March.", "It may be paid in two parts."]
    );
    assert!(doc.paragraphs().nth(1).unwrap().is_inserted_by_revision());
    assert!(
        doc.metadata.notes.iter().all(|n| !n.contains("split")),
        "{:?}",
        doc.metadata.notes
    );
}

#[test]
fn tabs_breaks_tables_and_footnotes() {
    let table = format!(
        "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
        p(&r("r1c1")),
        p(&r("r1c2")),
        p(&r("r2c1")),
        p(&r("r2c2"))
    );
    let body = format!(
        "{}{table}{}",
        p("<w:r><w:t>a)</w:t><w:tab/><w:t>that</w:t><w:br/><w:t>next line</w:t><w:noBreakHyphen/><w:t>x</w:t></w:r>"),
        p(&format!("{}<w:r><w:footnoteReference w:id=\"2\"/></w:r>", r("see")))
    );
    let footnotes = format!(
        "<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p/></w:footnote><w:footnote w:id=\"2\">{}</w:footnote></w:footnotes>",
        p(&r("The note text."))
    );
    let doc = all(&docx(&body, &[("footnotes.xml", footnotes)]));
    assert_eq!(
        texts(&doc),
        [
            "that\nnext line-x",
            "r1c1",
            "r1c2",
            "r2c1",
            "r2c2",
            "see[1]",
            "The note text."
        ]
    );
    assert_eq!(labels(&doc)[0], "a)");
    assert_eq!(labels(&doc)[6], "[1]");
    let notes = doc.sections.last().unwrap();
    assert_eq!(notes.opener.as_ref().unwrap().text, "Notes");
    assert!(doc.metadata.notes.is_empty(), "{:?}", doc.metadata.notes);
}

#[test]
fn a_paragraph_made_a_heading_by_a_tracked_format_change_keeps_its_place() {
    // The proposer turns "Transitional provisions" into a heading: Word
    // records the former properties in `w:pPrChange`. That is formatting:
    // with changes kept or rejected, no section opens there; accepted, it does.
    let styles = format!(
        "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr></w:style></w:styles>"
    );
    let heading = |text: &str| {
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>{}</w:p>",
            r(text)
        )
    };
    let body = [
        heading("Fees"),
        p(&r("Fees are due yearly.")),
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:pPrChange w:id=\"3\" w:author=\"Ana\"><w:pPr/></w:pPrChange></w:pPr>{}</w:p>",
            r("Transitional provisions")
        ),
        p(&r("Existing licences remain valid.")),
        // Made body text: "Fines" was a heading.
        format!(
            "<w:p><w:pPr><w:pPrChange w:id=\"4\" w:author=\"Ana\"><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr></w:pPrChange></w:pPr>{}</w:p>",
            r("Fines")
        ),
        p(&r("Fines are set by the court.")),
    ]
    .concat();
    let bytes = docx(&body, &[("styles.xml", styles)]);
    let openers = |doc: &Document| -> Vec<String> {
        doc.sections
            .iter()
            .filter_map(|s| s.opener.as_ref().map(|o| o.text.to_string()))
            .collect()
    };
    assert_eq!(openers(&all(&bytes)), ["Fees", "Fines"]);
    assert_eq!(
        openers(&read_mode(&bytes, TrackChanges::Reject)),
        ["Fees", "Fines"]
    );
    assert_eq!(
        openers(&read_mode(&bytes, TrackChanges::Accept)),
        ["Fees", "Transitional provisions"]
    );
}

#[test]
fn a_deleted_paragraph_mark_never_joins_into_a_text_box() {
    // The paragraph holding a text box loses its mark: it never joins the
    // text box's paragraph, read after it (it stays apart).
    let body = [
        format!(
            "<w:p><w:pPr><w:rPr><w:del w:id=\"9\" w:author=\"RCC\"/></w:rPr></w:pPr>{}{}</w:p>",
            r("Fees are due"),
            text_box(&p(&r("Box: see the schedule.")))
        ),
        p(&r(" on the first day of the year.")),
    ]
    .concat();
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "Fees are due",
            "Box: see the schedule.",
            "on the first day of the year."
        ]
    );
    let accepted = read_mode(&docx(&body, &[]), TrackChanges::Accept);
    assert_eq!(
        texts(&accepted),
        [
            "Fees are due",
            "Box: see the schedule.",
            "on the first day of the year."
        ]
    );
}

#[test]
fn text_struck_through_by_hand_is_deleted() {
    // Amendments shown without tracking them: deletions struck through,
    // insertions underlined (which is only formatting: the text stays).
    let struck = |text: &str, how: &str| {
        format!("<w:r><w:rPr><w:{how}/></w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
    };
    let body = p(&format!(
        "{}{}{}{}{}",
        r("The fee is "),
        struck("40", "strike"),
        "<w:r><w:rPr><w:u w:val=\"single\"/></w:rPr><w:t xml:space=\"preserve\">55</w:t></w:r>",
        r(" euros"),
        struck(" a year", "dstrike"),
    )) + &p(&format!(
        "{}<w:r><w:rPr><w:strike w:val=\"0\"/></w:rPr><w:t>kept</w:t></w:r>",
        r("Not struck: ")
    )) + &p(&del("ATU", "tracked and struck"));
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc)[..2],
        ["The fee is 55 euros", "Not struck: kept"]
    );
    let first = doc.paragraphs().next().unwrap();
    assert_eq!(
        ops(first),
        [
            (ChangeKind::Equal, "The fee is ".into(), None),
            (ChangeKind::Delete, "40".into(), None),
            (ChangeKind::Equal, "55 euros".into(), None),
            (ChangeKind::Delete, " a year".into(), None),
        ]
    );
    // Read with every change rejected, struck text is there again.
    let rejected = read_mode(&docx(&body, &[]), TrackChanges::Reject);
    assert_eq!(texts(&rejected)[0], "The fee is 4055 euros a year");
}

#[test]
fn text_struck_through_with_tracking_is_deleted_by_its_author() {
    // The strike recorded as a tracked format change is the author's
    // deletion; a format change that kept a strike already there (bold
    // added to struck text) is not theirs.
    let run = |text: &str, props: &str, former: &str| {
        format!(
            "<w:r><w:rPr>{props}<w:rPrChange w:id=\"5\" w:author=\"Delegation C\" w:date=\"2026-03-01T10:00:00Z\"><w:rPr>{former}</w:rPr></w:rPrChange></w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>"
        )
    };
    let body = p(&format!(
        "{}{}{}{}",
        r("Dues are paid "),
        run("monthly ", "<w:strike/>", ""),
        run("in cash ", "<w:b/><w:strike/>", "<w:strike/>"),
        r("to the harbour master.")
    ));
    let doc = all(&docx(&body, &[]));
    let c = Some("Delegation C".to_string());
    assert_eq!(
        ops(doc.paragraphs().next().unwrap()),
        [
            (ChangeKind::Equal, "Dues are paid ".into(), None),
            (ChangeKind::Delete, "monthly ".into(), c),
            (ChangeKind::Delete, "in cash ".into(), None),
            (ChangeKind::Equal, "to the harbour master.".into(), None),
        ]
    );
}
