//! What Word draws that the file does not store, and what it stores but
//! does not show: numbers of auto-numbering fields, labels made of words,
//! hidden text.

use super::*;

/// A complex field with no stored result, as Word writes `AUTONUM` and
/// `LISTNUM` (the standard forbids a result for them).
fn bare_field(code: &str) -> String {
    format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">{code}</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    )
}

/// A complex field with its result.
fn shown_field(code: &str, result: &str) -> String {
    format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">{code}</w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{result}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    )
}

#[test]
fn auto_numbering_fields_show_their_numbers() {
    let body = [
        p(&r("Resolution 12 on coastal data")),
        p(&format!(
            "{}{}",
            bare_field(" AUTONUM "),
            r("\tMember States shall share coastal data.")
        )),
        p(&format!(
            "<w:fldSimple w:instr=\" AUTONUM \"/>{}",
            r("\tThe Secretariat shall keep a register.")
        )),
        p(&format!(
            "{}{}",
            bare_field(" LISTNUM LegalDefault \\l 1 "),
            r(" Definitions.")
        )),
        p(&format!(
            "{}{}",
            bare_field(" LISTNUM LegalDefault \\l 2 \\* MERGEFORMAT "),
            r(" “Data” means any record.")
        )),
        p(&format!(
            "{}{}{}{}{}",
            r("The parties agree that "),
            bare_field(" LISTNUM NumberDefault \\l 6 "),
            r(" costs are shared and "),
            bare_field(" LISTNUM "),
            r(" reports are public.")
        )),
    ]
    .concat();
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "Resolution 12 on coastal data",
            "Member States shall share coastal data.",
            "The Secretariat shall keep a register.",
            "Definitions.",
            "“Data” means any record.",
            "The parties agree that (i) costs are shared and (ii) reports are public.",
        ]
    );
    assert_eq!(labels(&doc), ["", "1.", "2.", "1.", "1.1.", ""]);
}

#[test]
fn auto_numbers_shifted_by_a_tracked_insertion_are_renumbered() {
    // CEPT inserts a numbered paragraph: the one after it shows 3 where
    // it showed 2, and a deleted field no longer counts.
    let numbered = |inner: &str| p(&format!("{}{}", bare_field(" AUTONUM "), inner));
    let inserted = p(&ins(
        "CEPT",
        &format!(
            "{}{}",
            bare_field(" AUTONUM "),
            r("\tPorts shall report incidents.")
        ),
    ));
    let deleted =         "<w:p><w:del w:id=\"7\" w:author=\"CEPT\"><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:delInstrText> AUTONUM </w:delInstrText></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r><w:r><w:delText>\tPilots shall be licensed.</w:delText></w:r></w:del></w:p>"
    .to_string();
    let body = [
        numbered(&r("\tVessels shall carry a transponder.")),
        inserted,
        numbered(&r("\tOperators shall keep a log.")),
        deleted,
        numbered(&r("\tThe harbour master shall publish notices.")),
    ]
    .concat();
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "Vessels shall carry a transponder.",
            "Ports shall report incidents.",
            "Operators shall keep a log.",
            "",
            "The harbour master shall publish notices.",
        ]
    );
    let former: Vec<Option<String>> = doc.paragraphs().map(|p| p.former_label.clone()).collect();
    assert_eq!(labels(&doc), ["1.", "2.", "3.", "3.", "4."]);
    assert_eq!(former, [None, None, Some("2.".into()), None, None]);
    let rejected = read_mode(&docx(&body, &[]), TrackChanges::Reject);
    assert_eq!(labels(&rejected), ["1.", "2.", "3.", "4."]);
    let accepted = read_mode(&docx(&body, &[]), TrackChanges::Accept);
    assert_eq!(labels(&accepted), ["1.", "2.", "3.", "4."]);
}

#[test]
fn hidden_text_is_not_read() {
    let styles = format!(
        "<w:styles {W}>\
         <w:style w:type=\"character\" w:styleId=\"Hidden\"><w:name w:val=\"Hidden\"/><w:rPr><w:vanish/></w:rPr></w:style>\
         <w:style w:type=\"character\" w:styleId=\"HiddenToo\"><w:basedOn w:val=\"Hidden\"/></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"DraftingNote\"><w:name w:val=\"Drafting Note\"/><w:rPr><w:vanish/></w:rPr></w:style>\
         <w:style w:type=\"paragraph\" w:styleId=\"Shown\"><w:basedOn w:val=\"DraftingNote\"/><w:rPr><w:vanish w:val=\"0\"/></w:rPr></w:style>\
         </w:styles>"
    );
    let run = |text: &str, rpr: &str| {
        format!("<w:r><w:rPr>{rpr}</w:rPr><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
    };
    let styled = |style: &str, inner: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>{inner}</w:p>")
    };
    let body = [
        p(&format!(
            "{}{}{}",
            r("The Authority shall publish its fees"),
            run(" [check with the Treasury]", "<w:vanish/>"),
            run(".", "<w:vanish w:val=\"false\"/>")
        )),
        p(&format!(
            "{}{}{}",
            r("Fees are due"),
            run(" within 30 days", "<w:rStyle w:val=\"HiddenToo\"/>"),
            r(" on demand.")
        )),
        styled(
            "DraftingNote",
            &r("Note to drafters: align with the Ports Act."),
        ),
        styled(
            "DraftingNote",
            &run("Unless shown on its run.", "<w:vanish w:val=\"0\"/>"),
        ),
        styled("Shown", &r("A style based on a hidden one may show again.")),
        // A hidden footnote reference takes no mark.
        p(&format!(
            "{}{}",
            r("The register is public."),
            "<w:r><w:rPr><w:vanish/></w:rPr><w:footnoteReference w:id=\"1\"/></w:r>"
        )),
    ]
    .concat();
    let notes = footnotes(&[("1", p(&r("A hidden note.")))]);
    let doc = all(&docx(
        &body,
        &[("styles.xml", styles), ("footnotes.xml", notes)],
    ));
    assert_eq!(
        texts(&doc),
        [
            "The Authority shall publish its fees.",
            "Fees are due on demand.",
            "Unless shown on its run.",
            "A style based on a hidden one may show again.",
            "The register is public.",
        ]
    );
}

#[test]
fn hidden_field_marks_still_open_and_close_their_field() {
    // The code of a field whose marks are hidden is still no text.
    let hidden = |inner: &str| format!("<w:r><w:rPr><w:vanish/></w:rPr>{inner}</w:r>");
    let body = p(&format!(
        "{}{}{}{}{}{}",
        r("See "),
        hidden("<w:fldChar w:fldCharType=\"begin\"/>"),
        hidden("<w:instrText> REF _Ref4 \\h </w:instrText>"),
        hidden("<w:fldChar w:fldCharType=\"separate\"/>"),
        r("Article 4") + hidden("<w:fldChar w:fldCharType=\"end\"/>").as_str(),
        r(".")
    ));
    let doc = all(&docx(&body, &[]));
    assert_eq!(texts(&doc), ["See Article 4."]);
}

#[test]
fn labels_made_of_words_head_their_text() {
    // An act numbers its articles "Article %1", in a heading style, the
    // caption either after the number or in the next paragraph; points
    // below are "(%2)". CEPT inserts an article: the next is renumbered.
    let levels = [
        lvl(0, 1, "decimal", "Article %1"),
        lvl(1, 1, "lowerLetter", "(%2)"),
    ]
    .concat();
    let nums = "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/></w:num>";
    let styles = format!(
        "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style></w:styles>"
    );
    let article = |extra: &str, inner: &str| {
        format!("<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"4\"/></w:numPr>{extra}</w:pPr>{inner}</w:p>")
    };
    let body = [
        article("", &r("Subject matter")),
        numbered("4", 1, "rules on the exchange of fairway data;"),
        article(
            "<w:rPr><w:ins w:id=\"3\" w:author=\"CEPT\"/></w:rPr>",
            &ins("CEPT", &r("Reporting")),
        ),
        article("", ""),
        p(&r("Definitions")),
        numbered("4", 1, "“operator” means a person who operates a vessel."),
    ]
    .concat();
    let parts = [
        ("numbering.xml", numbering(&levels, nums)),
        ("styles.xml", styles),
    ];
    let doc = all(&docx(&body, &parts));
    let openers = |doc: &Document| -> Vec<Paragraph> {
        doc.sections
            .iter()
            .filter_map(|s| s.opener.clone())
            .collect()
    };
    let headings = openers(&doc);
    let heading_texts: Vec<&str> = headings.iter().map(|o| &*o.text).collect();
    assert_eq!(
        heading_texts,
        [
            "Article 1\tSubject matter",
            "Article 2\tReporting",
            "Article 3"
        ]
    );
    assert!(headings.iter().all(|o| o.label.is_none()));
    assert_eq!(
        texts(&doc),
        [
            "rules on the exchange of fairway data;",
            "Definitions",
            "“operator” means a person who operates a vessel.",
        ]
    );
    assert_eq!(labels(&doc), ["(a)", "", "(a)"]);
    // The renumbered article's number is no change by the proposer: the
    // old number goes, the new one comes, with no author; the inserted
    // article is inserted whole.
    assert_eq!(
        ops(&headings[2]),
        [
            (ChangeKind::Delete, "Article 2".into(), None),
            (ChangeKind::Insert, "Article 3".into(), None),
        ]
    );
    assert_eq!(
        ops(&headings[1]),
        [
            (ChangeKind::Insert, "Article 2\t".into(), None),
            (ChangeKind::Insert, "Reporting".into(), Some("CEPT".into())),
        ]
    );
    let rejected = read_mode(&docx(&body, &parts), TrackChanges::Reject);
    let headings = openers(&rejected);
    let heading_texts: Vec<&str> = headings.iter().map(|o| &*o.text).collect();
    assert_eq!(heading_texts, ["Article 1\tSubject matter", "Article 2"]);
}

#[test]
fn tables_of_contents_are_not_text_and_are_said() {
    // A TOC field's entries repeat the headings with page numbers that
    // move with the layout: read, they would open sections of their own
    // and show every page shift as a change.
    let entry = |text: &str, page: &str| {
        format!(
            "<w:hyperlink w:anchor=\"_Toc1\">{}<w:r><w:tab/></w:r>{}</w:hyperlink>",
            r(text),
            shown_field(" PAGEREF _Toc1 \\h ", &r(page))
        )
    };
    let field_toc = [
        p(&format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> TOC \\o \"1-3\" \\h </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}",
            entry("Section 1. Short title", "1")
        )),
        p(&format!(
            "{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            entry("Section 2. Fares", "2")
        )),
    ]
    .concat();
    // Word 2007 and later wrap it, with its title, in a content control.
    let control_toc = format!(
        "<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val=\"Table of Contents\"/><w:docPartUnique/></w:docPartObj></w:sdtPr><w:sdtContent>{}{}</w:sdtContent></w:sdt>",
        p(&r("Contents")),
        p(&entry("Section 1. Short title", "1"))
    );
    let index =
        p("<w:fldSimple w:instr=\" INDEX \\e \"><w:r><w:t>harbour, 3</w:t></w:r></w:fldSimple>");
    let body = [
        p(&r("PUBLIC TRANSPORT BILL")),
        field_toc,
        control_toc,
        p(&r("Section 1. Short title")),
        p(&r("This Act may be cited as the Public Transport Act.")),
        index,
    ]
    .concat();
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "PUBLIC TRANSPORT BILL",
            "Section 1. Short title",
            "This Act may be cited as the Public Transport Act.",
        ]
    );
    assert_eq!(
        unread_notes(&doc).collect::<Vec<_>>(),
        ["not read: 3 tables of contents (or index): Word makes them from the headings and pages, which are compared where they stand"]
    );
}

#[test]
fn a_line_end_inside_the_text_is_a_space() {
    // A producer that pretty-prints its XML wraps long text inside `w:t`.
    let body = p("<w:r><w:t>The Authority shall keep\n    a register,\r\nand publish it.</w:t></w:r><w:r><w:br/><w:t>Annex follows.</w:t></w:r>");
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        ["The Authority shall keep     a register, and publish it.\nAnnex follows."]
    );
}
