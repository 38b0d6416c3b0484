//! What Word shows, not what it stores: fields, symbol fonts, invisible
//! characters, ruby, charts, notes with their own marks, headings by
//! outline level, rows and cells inside containers.

use super::*;

/// A complex field: its code (never shown) and its shown result.
fn field(code: &str, result: &str) -> String {
    format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText xml:space=\"preserve\">{code}</w:instrText></w:r>\
         <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{result}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
    )
}

#[test]
fn fields_show_their_result_never_their_code() {
    // An IF whose condition holds a PAGE field: Word shows "third", not
    // the nested field's "3", which is part of the IF's code.
    let nested = format!(
        "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> IF </w:instrText></w:r>{}\
         <w:r><w:instrText> = 3 \"third\" \"other\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
        field(" PAGE ", &r("3")),
        r("third")
    );
    // Included text: its result runs over paragraphs (a table of contents
    // does too, but is not read: see `drawn`).
    let toc = format!(
        "{}{}{}",
        p(&format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> INCLUDETEXT \"C:\\\\Acts\\\\schedule.docx\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}",
            r("Article 1 Scope")
        )),
        p(&r("Article 2 Definitions")),
        p(&format!("{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>", r("Article 3 Fees")))
    );
    // A field whose code is never closed must not hide the rest.
    let broken = p(&format!(
        "{}<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> SEQ </w:instrText></w:r>",
        r("Broken field.")
    ));
    let body = format!(
        "{}{}{toc}{broken}{}{}",
        p(&format!(
            "{}{}{}",
            r("As provided in "),
            field(" REF _Ref12 \\h ", &r("Article 7")),
            r(", the fee applies.")
        )),
        p(&format!("{}{nested}{}", r("Page "), r(" of the schedule."))),
        p(&format!(
            "<w:fldSimple w:instr=\" DATE \"><w:r><w:t>1 May 2031</w:t></w:r></w:fldSimple>{}",
            r(" is the day the Act enters into force.")
        )),
        p(&r("The last paragraph."))
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "As provided in Article 7, the fee applies.",
            "Page third of the schedule.",
            "Article 1 Scope",
            "Article 2 Definitions",
            "Article 3 Fees",
            "Broken field.",
            "1 May 2031 is the day the Act enters into force.",
            "The last paragraph."
        ]
    );
}

#[test]
fn symbol_font_characters_read_as_what_they_show() {
    // Word: `w:sym`; LibreOffice: the code as text in a run set in Symbol;
    // a code of a text font in the private use area.
    let symbol_run = |text: &str| {
        format!("<w:r><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr><w:t>{text}</w:t></w:r>")
    };
    let body = format!(
        "{}{}{}",
        p(&format!(
            "{}<w:r><w:sym w:font=\"Symbol\" w:char=\"F0B3\"/></w:r>{}",
            r("a draught "),
            r(" 12 metres")
        )),
        p(&format!(
            "{}{}{}",
            r("a tolerance of "),
            symbol_run("\u{F0B1}"),
            r(" 2 per cent")
        )),
        p(&format!(
            "{}<w:r><w:sym w:font=\"Times New Roman\" w:char=\"F0A7\"/></w:r>{}",
            r("under "),
            r(" 4")
        )),
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "a draught ≥ 12 metres",
            "a tolerance of ± 2 per cent",
            "under § 4"
        ]
    );
    // A proposal changing ≤ to ≥ changes the text.
    let changed = p(&format!(
        "{}<w:del w:id=\"1\" w:author=\"Ana\"><w:r><w:sym w:font=\"Symbol\" w:char=\"F0A3\"/></w:r></w:del><w:ins w:id=\"2\" w:author=\"Ana\"><w:r><w:sym w:font=\"Symbol\" w:char=\"F0B3\"/></w:r></w:ins>{}",
        r("a draught "),
        r(" 12 metres")
    ));
    let doc = all(&docx(&changed, &[]));
    let first = doc.paragraphs().next().unwrap();
    assert_eq!(first.original_text(), "a draught ≤ 12 metres");
    assert_eq!(first.text, "a draught ≥ 12 metres");
}

#[test]
fn bullets_drawn_by_symbol_fonts_are_bullets() {
    // LibreOffice's bullet is Wingdings `l`; Word's first level is Symbol
    // U+F0B7, its second `o` in Courier New, its third Wingdings U+F0A7.
    let level = |i: usize, text: &str, font: &str| {
        format!("<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"bullet\"/><w:lvlText w:val=\"{text}\"/><w:rPr><w:rFonts w:ascii=\"{font}\" w:hAnsi=\"{font}\" w:hint=\"default\"/></w:rPr></w:lvl>")
    };
    let levels = [
        level(0, "l", "Wingdings"),
        level(1, "\u{F0B7}", "Symbol"),
        level(2, "o", "Courier New"),
        level(3, "\u{F0A7}", "Wingdings"),
        level(4, "–", "Arial"),
    ]
    .concat();
    let nums = "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
    let body: String = (0..5)
        .map(|i| numbered("1", i, &format!("item at level {i}")))
        .collect();
    let doc = all(&docx(&body, &[("numbering.xml", numbering(&levels, nums))]));
    assert_eq!(labels(&doc), ["●", "•", "◦", "■", "–"]);
}

#[test]
fn invisible_characters_typed_in_the_text_are_not_read() {
    let body = format!(
        "{}{}",
        p(&r("An inter\u{AD}national regis\u{FEFF}try of ports.")),
        p(&format!(
            "{}<w:r><w:softHyphen/></w:r>{}",
            r("anchor"),
            r("age")
        ))
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        ["An international registry of ports.", "anchorage"]
    );
}

#[test]
fn a_non_breaking_hyphen_reads_the_same_however_it_is_written() {
    // Word writes `w:noBreakHyphen`; other producers the character U+2011.
    let body = format!(
        "{}{}",
        p(&format!(
            "{}<w:r><w:noBreakHyphen/></w:r>{}",
            r("multi"),
            r("stakeholder ports")
        )),
        p(&r("multi\u{2011}stakeholder ports"))
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        ["multi-stakeholder ports", "multi-stakeholder ports"]
    );
}

#[test]
fn charts_and_diagrams_read_as_such() {
    let drawing = |inner: &str, descr: &str| {
        format!(
            "<w:r><w:drawing><wp:inline xmlns:wp=\"wp\"><wp:docPr id=\"4\" name=\"Chart 4\" descr=\"{descr}\"/>\
             <a:graphic xmlns:a=\"a\"><a:graphicData>{inner}</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
    };
    let body = format!(
        "{}{}",
        p(&format!(
            "{}{}",
            r("Calls per year: "),
            drawing(
                "<c:chart xmlns:c=\"c\" r:id=\"rId8\" xmlns:r=\"r\"/>",
                "Calls per port, 2020 to 2030"
            )
        )),
        p(&drawing(
            "<dgm:relIds xmlns:dgm=\"dgm\" r:dm=\"rId9\" xmlns:r=\"r\"/>",
            ""
        ))
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "Calls per year: [chart: Calls per port, 2020 to 2030]",
            "[diagram]"
        ]
    );
}

#[test]
fn a_note_with_its_own_mark_shows_it_and_takes_no_number() {
    let notes = footnotes(&[
        ("1", p(&r("First note."))),
        ("2", p(&r("A note marked by an asterisk."))),
        ("3", p(&r("Second numbered note."))),
    ]);
    let body = p(&format!(
        "{}{}{}<w:r><w:footnoteReference w:customMarkFollows=\"1\" w:id=\"2\"/><w:t>*</w:t></w:r>{}{}",
        r("Ports"),
        note_ref("footnote", "1"),
        r(" and anchorages"),
        r(" and moorings"),
        note_ref("footnote", "3"),
    ));
    let doc = all(&docx(&body, &[("footnotes.xml", notes)]));
    assert_eq!(
        texts(&doc),
        [
            "Ports[1] and anchorages[*] and moorings[2]",
            "First note.",
            "A note marked by an asterisk.",
            "Second numbered note."
        ]
    );
    assert_eq!(labels(&doc), ["", "[1]", "[*]", "[2]"]);
}

#[test]
fn an_outline_level_on_the_paragraph_itself_makes_a_heading() {
    // Set in Word's paragraph dialog, no heading style: a heading; body
    // text level on a heading style: not one.
    let styles = format!(
        "<w:styles {W}><w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/></w:style></w:styles>"
    );
    let body = format!(
        "<w:p><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr>{}</w:p>{}<w:p><w:pPr><w:pStyle w:val=\"Heading2\"/><w:outlineLvl w:val=\"9\"/></w:pPr>{}</w:p>{}",
        r("Pilotage dues"),
        p(&r("Dues are paid to the port authority.")),
        r("A line styled as a heading but set as body text."),
        p(&r("Dues are halved at night."))
    );
    let doc = all(&docx(&body, &[("styles.xml", styles)]));
    let openers: Vec<&str> = doc
        .sections
        .iter()
        .filter_map(|s| s.opener.as_ref())
        .map(|o| o.text.as_str())
        .collect();
    assert_eq!(openers, ["Pilotage dues"]);
    assert_eq!(doc.paragraph_count(), 3);
}

#[test]
fn rows_and_cells_in_content_controls_and_alternate_content_are_read_once() {
    let mc = "xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\"";
    let cell = |text: &str| format!("<w:tc>{}</w:tc>", p(&r(text)));
    let body = format!(
        "<w:tbl><w:tr>{}<w:sdt><w:sdtContent>{}</w:sdtContent></w:sdt></w:tr>\
         <mc:AlternateContent {mc}><mc:Choice Requires=\"w14\"><w:tr>{}{}</w:tr></mc:Choice><mc:Fallback><w:tr>{}{}</w:tr></mc:Fallback></mc:AlternateContent>\
         <w:tr><mc:AlternateContent {mc}><mc:Choice Requires=\"w14\">{}</mc:Choice><mc:Fallback>{}</mc:Fallback></mc:AlternateContent>{}</w:tr></w:tbl>",
        cell("Mooring"),
        cell("twelve units"),
        cell("Towage"),
        cell("thirty units"),
        cell("Towage"),
        cell("thirty units"),
        cell("Pilotage"),
        cell("Pilotage"),
        cell("forty units"),
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        [
            "Mooring",
            "twelve units",
            "Towage",
            "thirty units",
            "Pilotage",
            "forty units"
        ]
    );
}

#[test]
fn a_picture_marked_decorative_is_not_content() {
    let picture = |decorative: &str| {
        format!(
            "<w:r><w:drawing><wp:inline xmlns:wp=\"wp\"><wp:docPr id=\"2\" name=\"Picture 2\" descr=\"Harbour crest\">\
             <a:extLst xmlns:a=\"a\"><a:ext uri=\"{{C183D7F6-B498-43B3-948B-1728B52AA6E4}}\"><adec:decorative xmlns:adec=\"adec\" val=\"{decorative}\"/></a:ext></a:extLst></wp:docPr>\
             <a:graphic xmlns:a=\"a\"><a:graphicData><pic:pic xmlns:pic=\"pic\"><pic:blipFill><a:blip r:embed=\"rId5\" xmlns:r=\"r\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
        )
    };
    let body = format!(
        "{}{}",
        p(&format!("{}{}", picture("1"), r("Harbour Safety Assembly"))),
        p(&format!("{}{}", picture("0"), r("Annex")))
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(
        texts(&doc),
        ["Harbour Safety Assembly", "[image: Harbour crest]Annex"]
    );
}

#[test]
fn a_list_laid_out_as_a_table_reads_as_labelled_paragraphs() {
    // Label | text rows, as acts and converted documents lay lists out:
    // typed labels (one re-lettered with tracking), and numbering in the
    // label cell. A table of data keeps its cells.
    let row = |label: &str, text: &str| {
        format!(
            "<w:tr><w:tc>{}</w:tc><w:tc>{}</w:tc></w:tr>",
            p(label),
            p(&r(text))
        )
    };
    let levels = lvl(0, 1, "decimal", "%1.");
    let nums = "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
    let numbered_cell =
        "<w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>";
    let relettered = format!("{}{}", del("Ana", "(c)"), ins("Ana", &r("(b)")));
    let numbered_row = format!(
        "<w:tr><w:tc><w:p>{numbered_cell}</w:p></w:tc><w:tc>{}</w:tc></w:tr>",
        p(&r("Fees are due on arrival."))
    );
    let body = format!(
        "{}<w:tbl>{}{}</w:tbl><w:tbl>{numbered_row}</w:tbl><w:tbl>{}</w:tbl>",
        p(&r("Member States shall ensure:")),
        row(&r("(a)"), "that ports publish their fees;"),
        row(&relettered, "that pilots are licensed."),
        row(&r("Mooring"), "twelve units"),
    );
    let doc = all(&docx(&body, &[("numbering.xml", numbering(&levels, nums))]));
    assert_eq!(
        texts(&doc),
        [
            "Member States shall ensure:",
            "that ports publish their fees;",
            "that pilots are licensed.",
            "Fees are due on arrival.",
            "Mooring",
            "twelve units"
        ]
    );
    assert_eq!(labels(&doc), ["", "(a)", "(b)", "1.", "", ""]);
    let relettered = doc.paragraphs().nth(2).unwrap();
    assert_eq!(relettered.former_label.as_deref(), Some("(c)"));
}

#[test]
fn a_drop_cap_joins_the_paragraph_it_begins() {
    let body = format!(
        "<w:p><w:pPr><w:framePr w:dropCap=\"drop\" w:lines=\"3\" w:wrap=\"around\" w:vAnchor=\"text\" w:hAnchor=\"text\"/></w:pPr>{}</w:p>{}",
        r("T"),
        p(&r("he Council adopts this resolution."))
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(texts(&doc), ["The Council adopts this resolution."]);
}

#[test]
fn a_drop_cap_with_nothing_after_it_stays() {
    let body = format!(
        "{}<w:p><w:pPr><w:framePr w:dropCap=\"drop\"/></w:pPr>{}</w:p>",
        p(&r("The Council adopts this resolution.")),
        r("Z")
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(texts(&doc), ["The Council adopts this resolution.", "Z"]);
}

#[test]
fn a_smartart_diagram_reads_as_its_nodes_text() {
    // The nodes' text is in the diagram's data part; connections and the
    // presentation's points are not text.
    const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let drawing = format!(
        "<w:r><w:drawing><wp:inline xmlns:wp=\"wp\"><wp:docPr id=\"5\" name=\"Diagram 5\"/>\
         <a:graphic xmlns:a=\"a\"><a:graphicData><dgm:relIds xmlns:dgm=\"dgm\" xmlns:r=\"{RELS}\" r:dm=\"rId4\" r:lo=\"rId5\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    );
    let body = format!(
        "<w:document {W}><w:body>{}{}</w:body></w:document>",
        p(&format!("{}{}", r("The assembly's bodies: "), drawing)),
        p(&r("Each reports yearly."))
    );
    let point = |kind: &str, text: &str| {
        format!(
            "<dgm:pt modelId=\"{{0}}\" type=\"{kind}\"><dgm:t><a:bodyPr/><a:p><a:r><a:t>{text}</a:t></a:r></a:p></dgm:t></dgm:pt>"
        )
    };
    let data = format!(
        "<dgm:dataModel xmlns:dgm=\"dgm\" xmlns:a=\"a\"><dgm:ptLst>{}{}{}{}{}</dgm:ptLst></dgm:dataModel>",
        point("doc", "Document"),
        "<dgm:pt modelId=\"1\"><dgm:t><a:p><a:r><a:t>Plenary</a:t></a:r></a:p><a:p><a:r><a:t>assembly</a:t></a:r></a:p></dgm:t></dgm:pt>",
        point("parTrans", "link"),
        point("node", "Study groups"),
        point("pres", "shape")
    );
    let rels = format!(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId4\" Type=\"{RELS}/diagramData\" Target=\"diagrams/data1.xml\"/></Relationships>"
    );
    let bytes = zip_of(&[
        ("word/document.xml", body.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/diagrams/data1.xml", data.as_bytes()),
    ]);
    assert_eq!(
        texts(&all(&bytes)),
        [
            "The assembly's bodies: [diagram: Plenary assembly; Study groups]",
            "Each reports yearly."
        ]
    );
}
