//! What Word prints as one paragraph though it stores two (a run-in
//! heading before a style separator), and what it draws from data rather
//! than text: legacy form fields and check box content controls.

use super::*;

/// A paragraph whose mark is hidden as Word's style separator hides it.
fn run_in(props: &str, runs: &str) -> String {
    format!("<w:p><w:pPr>{props}<w:rPr><w:vanish/><w:specVanish/></w:rPr></w:pPr>{runs}</w:p>")
}

/// A legacy form field: its data in the begin mark, no result stored.
fn form_field(data: &str, code: &str) -> String {
    format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:enabled/>{data}</w:ffData></w:fldChar></w:r>\
         <w:r><w:instrText xml:space=\"preserve\"> {code} </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    )
}

/// A check box content control of Word 2010 and later, holding `inner`.
fn check_box_control(checked: bool, inner: &str) -> String {
    format!(
        "<w:sdt><w:sdtPr><w14:checkbox xmlns:w14=\"w14\"><w14:checked w14:val=\"{}\"/>\
         <w14:checkedState w14:val=\"2612\" w14:font=\"MS Gothic\"/><w14:uncheckedState w14:val=\"2610\" w14:font=\"MS Gothic\"/>\
         </w14:checkbox></w:sdtPr><w:sdtContent>{inner}</w:sdtContent></w:sdt>",
        u8::from(checked)
    )
}

#[test]
fn a_run_in_heading_and_its_text_are_one_paragraph() {
    // "1. Definitions. In this Act ..." printed as one paragraph: the
    // heading (numbered, in the table of contents) ends in a style
    // separator. The paragraph keeps the heading's number and is no
    // section heading, since it holds the body text.
    let styles = format!(
        "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/></w:style></w:styles>"
    );
    let num = numbering(
        &lvl(0, 1, "decimal", "%1."),
        "<w:num w:numId=\"3\"><w:abstractNumId w:val=\"0\"/></w:num>",
    );
    let heading = "<w:pStyle w:val=\"Heading2\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"3\"/></w:numPr>";
    let body = [
        run_in(heading, &r("Definitions.")),
        p(&format!(
            "{}{}{}",
            r(" In this Act, port means a harbour"),
            ins("Delegation C", &r(" or marina")),
            r(".")
        )),
        run_in(heading, &r("Dues.")),
        p(&r(" Dues are paid monthly.")),
        p(&r("The harbour master collects them.")),
        // A paragraph hidden whole, mark and all, is not a separator: the
        // next one keeps its own properties.
        run_in(
            "",
            "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Drafting note.</w:t></w:r>",
        ),
        p(&r("Fines are set by schedule.")),
        // The last paragraph of a cell never runs on into the next cell.
        format!(
            "<w:tbl><w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr></w:tbl>",
            run_in("", &r("Berth")),
            p(&r("Fee"))
        ),
    ]
    .concat();
    let doc = all(&docx(
        &body,
        &[("styles.xml", styles), ("numbering.xml", num)],
    ));
    assert_eq!(
        texts(&doc),
        [
            "Definitions. In this Act, port means a harbour or marina.",
            "Dues. Dues are paid monthly.",
            "The harbour master collects them.",
            "Fines are set by schedule.",
            "Berth",
            "Fee"
        ]
    );
    assert_eq!(labels(&doc)[..3], ["1.", "2.", ""]);
    assert!(
        doc.sections.iter().all(|s| s.opener.is_none()),
        "no section heading"
    );
    let first = doc.paragraphs().next().unwrap();
    assert_eq!(
        ops(first)[1],
        (
            ChangeKind::Insert,
            " or marina".into(),
            Some("Delegation C".into())
        )
    );
    // The same paragraphs with every change accepted or rejected.
    let bytes = docx(&body, &[]);
    let rejected = read_mode(&bytes, TrackChanges::Reject);
    assert_eq!(
        texts(&rejected)[0],
        "Definitions. In this Act, port means a harbour."
    );
}

#[test]
fn form_fields_and_check_boxes_show_what_word_draws() {
    let checked = "<w:checkBox><w:sizeAuto/><w:default w:val=\"0\"/><w:checked/></w:checkBox>";
    let unchecked = "<w:checkBox><w:sizeAuto/><w:default w:val=\"0\"/></w:checkBox>";
    let by_default = "<w:checkBox><w:sizeAuto/><w:default w:val=\"1\"/></w:checkBox>";
    let list = "<w:ddList><w:result w:val=\"2\"/><w:listEntry w:val=\"small\"/><w:listEntry w:val=\"medium\"/><w:listEntry w:val=\"large\"/></w:ddList>";
    let list_default =
        "<w:ddList><w:listEntry w:val=\"inland\"/><w:listEntry w:val=\"coastal\"/></w:ddList>";
    // A text field shows its result, as any field.
    let text_field = format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"><w:ffData><w:textInput/></w:ffData></w:fldChar></w:r>\
         <w:r><w:instrText> FORMTEXT </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        r("Port Authority")
    );
    // A control whose character is a Wingdings one, one holding none, and
    // one its author toggled with tracking.
    let wingdings = "<w:r><w:sym w:font=\"Wingdings\" w:char=\"F0FD\"/></w:r>";
    let toggled = format!(
        "{}{}",
        del("Delegation C", "\u{2610}"),
        ins("Delegation C", &r("\u{2612}"))
    );
    let body = [
        p(&format!(
            "{}{}{}{}{}",
            r("Resident: "),
            form_field(checked, "FORMCHECKBOX"),
            r(" Seasonal: "),
            form_field(unchecked, "FORMCHECKBOX"),
            form_field(by_default, "FORMCHECKBOX")
        )),
        p(&format!(
            "{}{}{}{}{}{}",
            r("Class: "),
            form_field(list, "FORMDROPDOWN"),
            r(", "),
            form_field(list_default, "FORMDROPDOWN"),
            r("; operator: "),
            text_field
        )),
        p(&format!(
            "{}{}{}{}",
            r("Exempt: "),
            check_box_control(true, wingdings),
            check_box_control(false, ""),
            check_box_control(true, &toggled)
        )),
    ]
    .concat();
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "Resident: \u{2612} Seasonal: \u{2610}\u{2612}",
            "Class: large, inland; operator: Port Authority",
            "Exempt: \u{2612}\u{2610}\u{2612}"
        ]
    );
    let third = doc.paragraphs().nth(2).unwrap();
    let c = Some("Delegation C".to_string());
    assert_eq!(
        ops(third),
        [
            (ChangeKind::Equal, "Exempt: \u{2612}\u{2610}".into(), None),
            (ChangeKind::Delete, "\u{2610}".into(), c.clone()),
            (ChangeKind::Insert, "\u{2612}".into(), c),
        ]
    );
    let rejected = read_mode(&docx(&body, &[]), TrackChanges::Reject);
    assert_eq!(texts(&rejected)[2], "Exempt: \u{2612}\u{2610}\u{2610}");
}

#[test]
fn notes_are_marked_as_the_document_numbers_them() {
    // Footnotes in letters from the settings, endnotes in figures from
    // 5 set on the section (which wins over the settings' roman ones);
    // then symbols.
    let body = format!(
        "{}<w:sectPr><w:endnotePr><w:numFmt w:val=\"decimal\"/><w:numStart w:val=\"5\"/></w:endnotePr></w:sectPr>",
        p(&format!(
            "{}{}{}{}{}",
            r("Dues are paid monthly"),
            note_ref("footnote", "1"),
            note_ref("endnote", "1"),
            r(" and fines yearly"),
            note_ref("footnote", "2")
        ))
    );
    let settings = format!(
        "<w:settings {W}><w:footnotePr><w:numFmt w:val=\"lowerLetter\"/></w:footnotePr><w:endnotePr><w:numFmt w:val=\"upperRoman\"/></w:endnotePr></w:settings>"
    );
    let notes = footnotes(&[
        ("1", p(&r("Monthly means by the 5th."))),
        ("2", p(&r("Yearly means by March."))),
    ]);
    let endnotes = format!(
        "<w:endnotes {W}><w:endnote w:id=\"1\">{}</w:endnote></w:endnotes>",
        p(&r("Schedule 2 sets them."))
    );
    let extra = [
        ("settings.xml", settings.clone()),
        ("footnotes.xml", notes.clone()),
        ("endnotes.xml", endnotes.clone()),
    ];
    let doc = all(&docx(&body, &extra));
    assert_eq!(
        texts(&doc)[0],
        "Dues are paid monthly[a][5] and fines yearly[b]"
    );
    assert_eq!(labels(&doc)[1..], ["[a]", "[5]", "[b]"]);
    let symbols = settings.replace("lowerLetter", "chicago");
    let extra = [
        ("settings.xml", symbols),
        ("footnotes.xml", notes),
        ("endnotes.xml", endnotes),
    ];
    let doc = all(&docx(&body, &extra));
    assert_eq!(
        texts(&doc)[0],
        "Dues are paid monthly[*][5] and fines yearly[\u{2020}]"
    );
}

#[test]
fn a_legislative_heading_running_on_into_its_text_opens_its_section_alone() {
    // Typed on one line, or numbered "Article %1" before a style
    // separator: the heading opens the section and the text after it is
    // the section's first paragraph, as the text reader reads the line,
    // whatever the proposer changed in either part.
    let num = numbering(
        &lvl(0, 1, "decimal", "Article %1"),
        "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/></w:num>",
    );
    let article = "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"4\"/></w:numPr>";
    let body = [
        p(&format!(
            "{}{}{}",
            r("Section 1. Short title. This Act may be cited as the Harbours Act"),
            ins("Senator Ray", &r(" 2027")),
            r(".")
        )),
        run_in(article, &r("Definitions.")),
        p(&r(" In this Act, port means a harbour.")),
        // An article inserted whole is cut as well.
        ins(
            "Senator Ray",
            &format!(
                "{}{}",
                run_in(article, &r("Exemptions.")),
                p(&r(" Naval vessels pay no dues."))
            ),
        ),
    ]
    .concat();
    let doc = read(
        &docx(&body, &[("numbering.xml", num)]),
        &DocxOptions {
            track_changes: TrackChanges::All,
            openers: Openers::for_tradition(synoptic_core::structure::Tradition::Act, None),
        },
    )
    .unwrap();
    let outline: Vec<String> = doc
        .sections
        .iter()
        .flat_map(|s| {
            let opener = s.opener.iter().map(|o| format!("# {}", o.text));
            opener.chain(s.paragraphs.iter().map(|p| p.text.to_string()))
        })
        .collect();
    assert_eq!(
        outline,
        [
            "# Section 1. Short title.",
            "This Act may be cited as the Harbours Act 2027.",
            "# Article 1\tDefinitions.",
            "In this Act, port means a harbour.",
            "# Article 2\tExemptions.",
            "Naval vessels pay no dues.",
        ]
    );
    let cited = &doc.sections[0].paragraphs[0];
    assert_eq!(
        ops(cited)[1],
        (
            ChangeKind::Insert,
            " 2027".into(),
            Some("Senator Ray".into())
        )
    );
    let naval = &doc.sections[2].paragraphs[0];
    assert_eq!(
        ops(naval),
        [(
            ChangeKind::Insert,
            "Naval vessels pay no dues.".into(),
            Some("Senator Ray".into())
        )]
    );
}

#[test]
fn a_sequence_number_told_to_hide_shows_nothing() {
    // `SEQ ... \h` counts without showing (to restart or step a series);
    // a shown sequence number shows its result.
    let field = |code: &str, result: &str| {
        format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">{code}</w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            r(result)
        )
    };
    let body = p(&format!(
        "{}{}{}<w:fldSimple w:instr=\" SEQ Schedule \\h \">{}</w:fldSimple>{}",
        r("Table "),
        field(" SEQ Table \\h \\r 3 ", "3"),
        field(" SEQ Table \\* ARABIC ", "4"),
        r("1"),
        r(": harbour dues")
    ));
    assert_eq!(texts(&all(&docx(&body, &[]))), ["Table 4: harbour dues"]);
}
