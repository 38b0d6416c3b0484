//! Numbering, typed labels, openers and markers.

use super::*;

#[test]
fn numbering_formats_counters_and_restarts() {
    let levels = [
        lvl(0, 1, "upperRoman", "%1."),
        lvl(1, 1, "lowerLetter", "%2)"),
        lvl(2, 1, "lowerRoman", "(%3)"),
        // Without isLgl, %1 keeps its own format: "II.3", not "2.3".
        lvl(3, 3, "decimal", "%1.%4"),
        lvl(4, 1, "bullet", "\u{F0B7}"),
        lvl(5, 1, "upperLetter", "%6"),
    ]
    .concat();
    let nums = "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>\
        <w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/><w:lvlOverride w:ilvl=\"1\"><w:startOverride w:val=\"5\"/></w:lvlOverride></w:num>";
    let body = [
        numbered("1", 0, "one"),
        numbered("1", 1, "a"),
        numbered("1", 1, "b"),
        numbered("1", 2, "i"),
        numbered("1", 2, "ii"),
        numbered("1", 1, "c"),
        numbered("1", 2, "i again"),
        numbered("1", 0, "two"),
        numbered("1", 1, "a again"),
        numbered("1", 3, "deep"),
        numbered("1", 4, "bullet"),
        numbered("1", 5, "A"),
        numbered("2", 1, "restarted at e"),
        numbered("0", 0, "not numbered"),
    ]
    .concat();
    let doc = all(&docx(&body, &[("numbering.xml", numbering(&levels, nums))]));
    assert_eq!(
        labels(&doc),
        [
            "I.", "a)", "b)", "(i)", "(ii)", "c)", "(i)", "II.", "a)", "II.3", "\u{2022}", "A",
            "e)", ""
        ]
    );
}

#[test]
fn numbering_from_styles_and_tracked_renumbering() {
    let levels = [lvl(0, 1, "lowerLetter", "%1)")].concat();
    let nums = "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>";
    let styles = format!(
        "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"List\"><w:name w:val=\"List\"/><w:pPr><w:numPr><w:numId w:val=\"3\"/></w:numPr></w:pPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"ListChild\"><w:basedOn w:val=\"List\"/></w:style></w:styles>"
    );
    let styled = |extra: &str, inner: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"ListChild\"/>{extra}</w:pPr>{inner}</w:p>")
    };
    // APT inserts a new first item: the others are re-lettered.
    let body = [
        styled(
            "<w:rPr><w:ins w:id=\"5\" w:author=\"APT\"/></w:rPr>",
            &ins("APT", &r("that new")),
        ),
        styled("", &r("that old a")),
        styled("", &r("that old b")),
    ]
    .concat();
    let bytes = docx(
        &body,
        &[
            ("numbering.xml", numbering(&levels, nums)),
            ("styles.xml", styles),
        ],
    );
    let doc = all(&bytes);
    let got: Vec<(Option<String>, Option<String>)> = doc
        .paragraphs()
        .map(|p| (p.label.clone(), p.former_label.clone()))
        .collect();
    let s = |x: &str| Some(x.to_string());
    assert_eq!(
        got,
        [(s("a)"), None), (s("b)"), s("a)")), (s("c)"), s("b)"))]
    );
    assert_eq!(
        labels(&read_mode(&bytes, TrackChanges::Reject)),
        ["a)", "b)"]
    );
    assert_eq!(
        labels(&read_mode(&bytes, TrackChanges::Accept)),
        ["a)", "b)", "c)"]
    );
}

#[test]
fn typed_labels_changed_by_the_proposer() {
    let body = p(&format!(
        "{}{}{}",
        del("AST", "b)"),
        ins("AST", &r("c)")),
        r("\tthat text")
    ));
    let doc = all(&docx(&body, &[]));
    let para = doc.paragraphs().next().unwrap();
    assert_eq!(para.label.as_deref(), Some("c)"));
    assert_eq!(para.former_label.as_deref(), Some("b)"));
    assert_eq!(para.text, "that text");
    assert!(para.revision.is_none());
}

// -- structure and markers

#[test]
fn openers_headings_and_markers() {
    let body = [
        p(&r("MOD\tAFCP/35A8/1")),
        p(&r("RESOLUTION 44 (Rev. Geneva, 2022)")),
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Scope</w:t></w:r></w:p>".to_string(),
        p(&r("text")),
        p(&r("considering")),
        p(&r("a)\tthat one;")),
        "<w:p><w:pPr><w:pStyle w:val=\"Proposal\"/></w:pPr><w:r><w:t>ADD\tAFCP/35A8/2</w:t></w:r></w:p>".to_string(),
        p(&r("resolves")),
        p(&r("1\tthat two")),
    ]
    .concat();
    let doc = all(&docx(&body, &[]));
    assert_eq!(doc.metadata.marker.as_deref(), Some("MOD"));
    assert_eq!(doc.metadata.reference.as_deref(), Some("AFCP/35A8/1"));
    assert_eq!(doc.metadata.notes, ["marker ADD AFCP/35A8/2"]);
    let outline: Vec<String> = doc
        .sections
        .iter()
        .map(|s| {
            format!(
                "{}: {}",
                s.opener.as_ref().map_or("-", |o| o.text.as_str()),
                s.paragraphs
                    .iter()
                    .map(|p| format!("{}|{}", p.label.as_deref().unwrap_or(""), p.text))
                    .collect::<Vec<_>>()
                    .join(" / ")
            )
        })
        .collect();
    assert_eq!(
        outline,
        [
            "-: |RESOLUTION 44 (Rev. Geneva, 2022)",
            "Scope: |text",
            "considering: a)|that one;",
            "resolves: 1|that two"
        ]
    );
}

#[test]
fn quantities_in_table_cells_are_no_labels() {
    // A fee schedule: "40 euros" is an amount, whereas a typed "1." or a
    // label before a tab in a cell is still a label. The proposer retypes
    // the amount whole.
    let cell = |inner: &str| format!("<w:tc>{}</w:tc>", p(inner));
    let table = format!(
        "<w:tbl><w:tr>{}{}</w:tr><w:tr>{}{}</w:tr></w:tbl>",
        cell(&r("Up to 20 metres")),
        cell(&format!(
            "{}{}",
            del("LO", "40 euros"),
            ins("LO", &r("55 euros"))
        )),
        cell(&r("1.\tVessels over 20 metres")),
        cell(&r("10 tonnes")),
    );
    let doc = all(&docx(&table, &[]));
    assert_eq!(
        texts(&doc),
        [
            "Up to 20 metres",
            "55 euros",
            "Vessels over 20 metres",
            "10 tonnes"
        ]
    );
    assert_eq!(labels(&doc), ["", "", "1.", ""]);
    // Outside tables, a bare number before a word is a label, as in text.
    let doc = all(&docx(&p(&r("3 that the fees be published;")), &[]));
    assert_eq!(labels(&doc), ["3"]);
}

#[test]
fn a_paragraph_retyped_with_a_new_label_keeps_its_text_unchanged() {
    // "b) that ..." deleted whole and "c) that ..." typed in its place:
    // the label changed, the text did not.
    let body = p(&format!(
        "{}{}",
        del("RCC", "b)\tthat pilots be licensed;"),
        ins("RCC", &r("c)\tthat pilots be licensed;"))
    ));
    let doc = all(&docx(&body, &[]));
    let paragraph = doc.paragraphs().next().unwrap();
    assert_eq!(paragraph.label.as_deref(), Some("c)"));
    assert_eq!(paragraph.former_label.as_deref(), Some("b)"));
    assert_eq!(paragraph.text, "that pilots be licensed;");
    assert!(paragraph.revision.is_none(), "{:?}", paragraph.revision);
}

#[test]
fn a_level_whose_number_is_hidden_counts_but_shows_none() {
    // Headings numbered by a level whose number is hidden (`w:vanish` in
    // the level's run properties), as legal templates number headings
    // for cross-references without printing the number.
    let hidden = "<w:lvl w:ilvl=\"0\"><w:start w:val=\"1\"/><w:numFmt w:val=\"decimal\"/><w:lvlText w:val=\"%1.\"/><w:rPr><w:vanish/></w:rPr></w:lvl>";
    let levels = [hidden.to_string(), lvl(1, 1, "decimal", "%1.%2")].concat();
    let nums = "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
    let body = [
        numbered("1", 0, "Fees"),
        numbered("1", 1, "Fees are due yearly."),
        numbered("1", 0, "Fines"),
        numbered("1", 1, "Fines are set by the court."),
    ]
    .concat();
    let doc = all(&docx(&body, &[("numbering.xml", numbering(&levels, nums))]));
    assert_eq!(labels(&doc), ["", "1.1", "", "2.1"]);
}
