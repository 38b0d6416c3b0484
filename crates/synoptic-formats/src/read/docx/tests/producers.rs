//! What producers other than Word write (LibreOffice, pandoc, python-docx,
//! Google Docs, WPS, converters), and Word's rarer constructs: each test
//! builds the XML the way that producer writes it.

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
    // A table of contents: its result runs over paragraphs.
    let toc = format!(
        "{}{}{}",
        p(&format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> TOC \\o \"1-3\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}",
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
fn custom_number_formats_of_word_2010() {
    // `001, 002, ...` is only in the AlternateContent's choice; a custom
    // format not understood takes the fallback.
    let alternate = |i: usize, choice: &str, fallback: &str, text: &str| {
        format!(
            "<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"1\"/><mc:AlternateContent xmlns:mc=\"http://schemas.openxmlformats.org/markup-compatibility/2006\">\
             <mc:Choice Requires=\"w14\">{choice}</mc:Choice><mc:Fallback><w:numFmt w:val=\"{fallback}\"/></mc:Fallback></mc:AlternateContent>\
             <w:lvlText w:val=\"{text}\"/></w:lvl>"
        )
    };
    let levels = [
        alternate(
            0,
            "<w:numFmt w:val=\"custom\" w:format=\"001, 002, 003, ...\"/>",
            "decimal",
            "%1.",
        ),
        alternate(
            1,
            "<w:numFmt w:val=\"custom\" w:format=\"一, 二, 三, ...\"/>",
            "lowerLetter",
            "%2)",
        ),
    ]
    .concat();
    let nums = "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
    let body = [
        numbered("1", 0, "Scope"),
        numbered("1", 1, "ports"),
        numbered("1", 1, "anchorages"),
        numbered("1", 0, "Fees"),
    ]
    .concat();
    let doc = all(&docx(&body, &[("numbering.xml", numbering(&levels, nums))]));
    assert_eq!(labels(&doc), ["001.", "a)", "b)", "002."]);
}

#[test]
fn numbering_changed_with_tracking_is_the_former_label() {
    // Word records a paragraph's former properties in `w:pPrChange`:
    // numbering added to "fees", removed from "charges".
    let levels = lvl(0, 1, "lowerLetter", "%1)");
    let nums = "<w:num w:numId=\"4\"><w:abstractNumId w:val=\"0\"/></w:num>";
    let change = |former: &str| {
        format!("<w:pPrChange w:id=\"9\" w:author=\"Ana\" w:date=\"2031-03-01T00:00:00Z\"><w:pPr>{former}</w:pPr></w:pPrChange>")
    };
    let num = "<w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"4\"/></w:numPr>";
    let body = [
        numbered("4", 0, "ports"),
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"ListParagraph\"/>{num}{}</w:pPr>{}</w:p>",
            change(""),
            r("fees")
        ),
        format!("<w:p><w:pPr>{}</w:pPr>{}</w:p>", change(num), r("charges")),
        numbered("4", 0, "anchorages"),
    ]
    .concat();
    let bytes = docx(&body, &[("numbering.xml", numbering(&levels, nums))]);
    let doc = all(&bytes);
    assert_eq!(labels(&doc), ["a)", "b)", "", "c)"]);
    let former: Vec<Option<String>> = doc.paragraphs().map(|p| p.former_label.clone()).collect();
    assert_eq!(former, [None, None, Some("b)".to_string()), None]);
    assert!(doc.paragraphs().all(|p| p.revision.is_none()));
    assert_eq!(
        labels(&read_mode(&bytes, TrackChanges::Reject)),
        ["a)", "", "b)", "c)"]
    );
    assert_eq!(
        labels(&read_mode(&bytes, TrackChanges::Accept)),
        ["a)", "b)", "", "c)"]
    );
}

#[test]
fn embedded_documents_are_said_not_read() {
    let body = format!(
        "{}<w:altChunk r:id=\"rId7\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/>{}",
        p(&r("Before the chunk.")),
        p(&r("After the chunk."))
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(texts(&doc), ["Before the chunk.", "After the chunk."]);
    assert!(
        doc.metadata
            .notes
            .iter()
            .any(|n| n.starts_with("not read: 1 embedded document (w:altChunk)")),
        "{:?}",
        doc.metadata.notes
    );
}

#[test]
fn parts_in_utf16_with_or_without_byte_order_mark() {
    let document = |body: &str| {
        format!("<?xml version=\"1.0\" encoding=\"UTF-16\"?><w:document {W}><w:body>{body}</w:body></w:document>")
    };
    let le: Vec<u8> = document(&p(&r("Article 1 — scope, in UTF-16LE.")))
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    let be: Vec<u8> = [0xFE, 0xFF]
        .into_iter()
        .chain(
            document(&p(&r("Article 2 — fees, in UTF-16BE.")))
                .encode_utf16()
                .flat_map(u16::to_be_bytes),
        )
        .collect();
    for (bytes, text) in [
        (le, "Article 1 — scope, in UTF-16LE."),
        (be, "Article 2 — fees, in UTF-16BE."),
    ] {
        let doc = all(&zip_of(&[("word/document.xml", &bytes)]));
        assert_eq!(texts(&doc), [text]);
    }
}

#[test]
fn files_that_are_no_docx_say_what_they_are() {
    let ole = |stream: &str| {
        let mut bytes = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
        bytes.extend([0u8; 504]);
        bytes.extend(stream.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let odt = zip_of(&[
        ("mimetype", b"application/vnd.oasis.opendocument.text"),
        ("content.xml", b"<office:document-content/>"),
    ]);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (ole("WordDocument"), "a Word 97-2003 .doc, not a .docx"),
        (
            b"{\\rtf1\\ansi{\\fonttbl\\f0 Times;}\\f0 Article 1.\\par}".to_vec(),
            "an RTF file, not a .docx",
        ),
        (
            b"<?xml version=\"1.0\"?><w:wordDocument xmlns:w=\"urn:x\"/>".to_vec(),
            "a Word 2003 XML document, not a .docx",
        ),
        (
            b"<html><body><p>Article 1.</p></body></html>".to_vec(),
            "a web page (HTML or MHT), not a .docx",
        ),
        (
            odt,
            "an OpenDocument file (application/vnd.oasis.opendocument.text), not a .docx",
        ),
    ];
    for (bytes, start) in cases {
        let e = read_err(&bytes);
        assert!(e.starts_with(start), "{e}");
        assert!(e.contains("save it as .docx"), "{e}");
    }
}

#[test]
fn ruby_reads_its_base_text_and_numbering_inserted_in_list_properties() {
    let ruby = "<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>こう</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>港</w:t></w:r></w:rubyBase></w:ruby></w:r>";
    let levels = lvl(0, 1, "decimal", "%1.");
    let nums = "<w:num w:numId=\"2\"><w:abstractNumId w:val=\"0\"/></w:num>";
    let first = p(&format!("{}{ruby}{}", r("the "), r(" register")));
    let second = format!(
        "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"2\"/><w:ins w:id=\"3\" w:author=\"Ana\" w:date=\"2031-01-01T00:00:00Z\"/></w:numPr></w:pPr>{}</w:p>",
        r("a numbered rule")
    );
    let body = format!("{first}{second}");
    let bytes = docx(&body, &[("numbering.xml", numbering(&levels, nums))]);
    let doc = all(&bytes);
    assert_eq!(texts(&doc), ["the 港 register", "a numbered rule"]);
    assert_eq!(labels(&doc), ["", "1."]);
    assert_eq!(labels(&read_mode(&bytes, TrackChanges::Reject)), ["", ""]);
}

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

/// A package with its relationships: the main part at `main`, named in
/// `_rels/.rels` by `target`, with the namespaces of `w` and `rels`
/// (transitional or Strict) and parts beside it.
fn package(
    main: &str,
    target: &str,
    w: &str,
    rels: &str,
    body: &str,
    parts: &[(&str, String)],
) -> Vec<u8> {
    let document = format!(
        "<?xml version=\"1.0\"?><w:document xmlns:w=\"{w}\"><w:body>{body}</w:body></w:document>"
    );
    let root = format!(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rId1\" Type=\"{rels}/officeDocument\" Target=\"{target}\"/></Relationships>"
    );
    let (dir, file) = main.rsplit_once('/').unwrap();
    let part_rels: String = parts
        .iter()
        .enumerate()
        .map(|(i, (name, _))| {
            let kind = name.trim_end_matches(".xml");
            format!("<Relationship Id=\"rId{i}\" Type=\"{rels}/{kind}\" Target=\"{name}\"/>")
        })
        .collect();
    let part_rels = format!(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">{part_rels}</Relationships>"
    );
    let mut all: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), b"<Types/>".to_vec()),
        ("_rels/.rels".into(), root.into_bytes()),
        (main.into(), document.into_bytes()),
        (format!("{dir}/_rels/{file}.rels"), part_rels.into_bytes()),
    ];
    for (name, content) in parts {
        all.push((format!("{dir}/{name}"), content.clone().into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = all
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_slice()))
        .collect();
    zip_of(&refs)
}

#[test]
fn packages_as_producers_name_their_parts() {
    const TRANSITIONAL: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    const STRICT: &str = "http://purl.oclc.org/ooxml/wordprocessingml/main";
    const STRICT_RELS: &str = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    let body = |text: &str| {
        format!(
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>{}</w:p><w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val=\"1\"/></w:numPr></w:pPr>{}</w:p>",
            r("Article 1"),
            r(text)
        )
    };
    let parts = |w: &str| {
        vec![
            (
                "styles.xml",
                format!("<w:styles xmlns:w=\"{w}\"><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>"),
            ),
            (
                "numbering.xml",
                format!(
                    "<w:numbering xmlns:w=\"{w}\"><w:abstractNum w:abstractNumId=\"0\">{}</w:abstractNum><w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num></w:numbering>",
                    lvl(0, 1, "lowerLetter", "%1)")
                ),
            ),
        ]
    };
    let cases = [
        // Strict OOXML: other namespaces, same local names.
        package(
            "word/document.xml",
            "word/document.xml",
            STRICT,
            STRICT_RELS,
            &body("strict"),
            &parts(STRICT),
        ),
        // A main part named otherwise, found through _rels/.rels.
        package(
            "word/document2.xml",
            "word/document2.xml",
            TRANSITIONAL,
            RELS,
            &body("renamed"),
            &parts(TRANSITIONAL),
        ),
        // An absolute target, another case, an escaped space.
        package(
            "word/document.xml",
            "/Word/Document.xml",
            TRANSITIONAL,
            RELS,
            &body("absolute"),
            &parts(TRANSITIONAL),
        ),
        package(
            "doc/main part.xml",
            "doc/main%20part.xml",
            TRANSITIONAL,
            RELS,
            &body("escaped"),
            &parts(TRANSITIONAL),
        ),
    ];
    for (bytes, text) in cases
        .iter()
        .zip(["strict", "renamed", "absolute", "escaped"])
    {
        let doc = all(bytes);
        // The heading opens a section; the numbered paragraph is in it.
        assert_eq!(texts(&doc), [text], "{text}");
        assert_eq!(labels(&doc), ["a)"], "{text}");
        assert_eq!(
            doc.sections
                .last()
                .unwrap()
                .opener
                .as_ref()
                .map(|o| o.text.as_str()),
            Some("Article 1"),
            "{text}"
        );
    }
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
fn lists_numbered_in_the_scripts_of_the_six_languages() {
    // WPS and Word in Chinese: 一、 and （一）; Russian а); Arabic أ).
    let levels = [
        lvl(0, 1, "chineseCounting", "%1、"),
        lvl(1, 1, "chineseCounting", "（%2）"),
        lvl(2, 1, "russianLower", "%3)"),
        lvl(3, 1, "arabicAlpha", "%4)"),
    ]
    .concat();
    let nums = "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>";
    let body = [
        numbered("1", 0, "港口"),
        numbered("1", 1, "引航"),
        numbered("1", 1, "锚地"),
        numbered("1", 2, "порты"),
        numbered("1", 2, "причалы"),
        numbered("1", 3, "الموانئ"),
        numbered("1", 0, "费用"),
    ]
    .concat();
    let doc = all(&docx(&body, &[("numbering.xml", numbering(&levels, nums))]));
    assert_eq!(
        labels(&doc),
        ["一、", "（一）", "（二）", "а)", "б)", "أ)", "二、"]
    );
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
fn parts_declared_in_a_western_single_byte_encoding() {
    let mut document = format!(
        "<?xml version=\"1.0\" encoding=\"windows-1252\"?><w:document {W}><w:body><w:p><w:r><w:t>"
    )
    .into_bytes();
    // "Fees – 10 € per call, café" in Windows-1252.
    document.extend(b"Fees \x96 10 \x80 per call, caf\xe9");
    document.extend(b"</w:t></w:r></w:p></w:body></w:document>");
    let doc = all(&zip_of(&[("word/document.xml", &document)]));
    assert_eq!(texts(&doc), ["Fees – 10 € per call, café"]);
}

#[test]
fn word_xml_documents_flat_opc_are_read() {
    // Word's "Word XML Document (*.xml)": the parts inline, with their
    // relationships; a picture's binary part is left out.
    let numbering = numbering(
        &lvl(0, 1, "lowerLetter", "%1)"),
        "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>",
    );
    let body = format!(
        "{}{}",
        p(&format!(
            "{}{}",
            r("Ships report "),
            ins("Ana", &r("daily "))
        )),
        numbered("1", 0, "to the harbour master &amp; the pilot")
    );
    let flat = format!(
        "<?xml version=\"1.0\" standalone=\"yes\"?><?mso-application progid=\"Word.Document\"?>\
         <pkg:package xmlns:pkg=\"http://schemas.microsoft.com/office/2006/xmlPackage\">\
         <pkg:part pkg:name=\"/_rels/.rels\" pkg:contentType=\"application/vnd.openxmlformats-package.relationships+xml\"><pkg:xmlData>\
         <Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>\
         </pkg:xmlData></pkg:part>\
         <pkg:part pkg:name=\"/word/document.xml\"><pkg:xmlData><w:document {W}><w:body>{body}</w:body></w:document></pkg:xmlData></pkg:part>\
         <pkg:part pkg:name=\"/word/numbering.xml\"><pkg:xmlData>{numbering}</pkg:xmlData></pkg:part>\
         <pkg:part pkg:name=\"/word/media/image1.png\" pkg:compression=\"store\"><pkg:binaryData>iVBORw0KGgo=</pkg:binaryData></pkg:part>\
         </pkg:package>"
    );
    assert!(is_flat_opc(flat.as_bytes()));
    let doc = all(flat.as_bytes());
    assert_eq!(
        texts(&doc),
        ["Ships report daily", "to the harbour master & the pilot"]
    );
    assert_eq!(labels(&doc), ["", "a)"]);
    assert_eq!(
        texts(&read_mode(flat.as_bytes(), TrackChanges::Reject)),
        ["Ships report", "to the harbour master & the pilot"]
    );
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
