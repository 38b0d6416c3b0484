//! Packages as producers name and encode their parts, Word's one-file XML,
//! embedded documents, and files that are no .docx.

use super::*;

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
fn missing_styles_and_numbering_parts_leave_the_text_whole() {
    // python-docx and hand-made files may lack both parts: the text reads,
    // a heading style still opens a section by its name, a list reference
    // to no list gives no label.
    let body = format!(
        "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr>{}</w:p>{}",
        r("Pilotage"),
        numbered("7", 0, "Pilots board at the outer buoy.")
    );
    let doc = all(&docx(&body, &[]));
    assert_eq!(texts(&doc), ["Pilots board at the outer buoy."]);
    assert_eq!(labels(&doc), [""]);
    assert_eq!(
        doc.sections
            .last()
            .unwrap()
            .opener
            .as_ref()
            .map(|o| o.text.as_str()),
        Some("Pilotage")
    );
}

#[test]
fn word_2003_xml_documents_are_read() {
    // As Word 2003 writes it: sections, list labels as shown (wx:t),
    // tracked changes as annotations, a footnote inline, a comment and a
    // bookmark that are no text, a hyperlink (w:hlink).
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><?mso-application progid=\"Word.Document\"?>\
         <w:wordDocument xmlns:w=\"http://schemas.microsoft.com/office/word/2003/wordml\" xmlns:wx=\"http://schemas.microsoft.com/office/word/2003/auxHint\" xmlns:aml=\"http://schemas.microsoft.com/aml/2001/core\">\
         <w:styles><w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/></w:style></w:styles>\
         <w:body><wx:sect>\
         <w:p><w:pPr><w:pStyle w:val=\"Heading1\"/></w:pPr><w:r><w:t>Article 2 Pilotage</w:t></w:r></w:p>\
         <w:p><w:pPr><w:listPr><w:ilvl w:val=\"0\"/><w:ilfo w:val=\"1\"/><wx:t wx:val=\"a)\"/></w:listPr></w:pPr>\
         <w:r><w:t>Pilots board </w:t></w:r>\
         <aml:annotation aml:id=\"1\" w:type=\"Word.Deletion\" aml:author=\"Ana\" aml:createdate=\"2004-05-01T10:00:00Z\"><aml:content><w:r><w:delText>outside</w:delText></w:r></aml:content></aml:annotation>\
         <aml:annotation aml:id=\"2\" w:type=\"Word.Insertion\" aml:author=\"Ana\" aml:createdate=\"2004-05-01T10:00:00Z\"><aml:content><w:r><w:t>at</w:t></w:r></aml:content></aml:annotation>\
         <w:r><w:t> the </w:t></w:r><w:hlink w:dest=\"http://example.org\"><w:r><w:t>outer buoy</w:t></w:r></w:hlink>\
         <aml:annotation aml:id=\"3\" w:type=\"Word.Comment.Start\"/><w:r><w:t>.</w:t></w:r><aml:annotation aml:id=\"3\" w:type=\"Word.Comment.End\"/>\
         <w:r><w:rPr><w:rStyle w:val=\"FootnoteReference\"/></w:rPr><w:footnote><w:p><w:r><w:footnoteRef/></w:r><w:r><w:t> Or the inner buoy at night.</w:t></w:r></w:p></w:footnote></w:r>\
         <w:r><aml:annotation aml:id=\"3\" w:type=\"Word.Comment\" aml:author=\"Ben\"><aml:content><w:p><w:r><w:t>Which buoy?</w:t></w:r></w:p></aml:content></aml:annotation></w:r></w:p>\
         <w:p><w:pPr><w:listPr><w:ilvl w:val=\"0\"/><w:ilfo w:val=\"1\"/><wx:t wx:val=\"b)\"/></w:listPr></w:pPr><aml:annotation aml:id=\"4\" w:type=\"Word.Bookmark.Start\" w:name=\"b\"/><w:r><w:t>Pilots leave at the berth.</w:t></w:r></w:p>\
         </wx:sect></w:body></w:wordDocument>";
    let bytes = xml.as_bytes();
    assert!(is_word_xml(bytes));
    let doc = all(bytes);
    let openers: Vec<&str> = doc
        .sections
        .iter()
        .filter_map(|s| s.opener.as_ref())
        .map(|o| o.text.as_str())
        .collect();
    assert_eq!(openers, ["Article 2 Pilotage", "Notes"]);
    assert_eq!(
        texts(&doc),
        [
            "Pilots board at the outer buoy.[1]",
            "Pilots leave at the berth.",
            "Or the inner buoy at night."
        ]
    );
    assert_eq!(labels(&doc), ["a)", "b)", "[1]"]);
    let first = doc.paragraphs().next().unwrap();
    assert_eq!(
        first.original_text(),
        "Pilots board outside the outer buoy.[1]"
    );
    assert!(ops(first).contains(&(ChangeKind::Insert, "at".into(), Some("Ana".into()))));
    assert_eq!(
        texts(&read_mode(bytes, TrackChanges::Reject))[0],
        "Pilots board outside the outer buoy.[1]"
    );
}

#[test]
fn embedded_web_pages_text_and_documents_are_read_where_they_stand() {
    // As docx4j and html-docx-js write a proposal: its text in embedded
    // documents, an HTML page (with the author's own <ins> and <del>), a
    // web archive, plain text, RTF, between paragraphs of the main part;
    // a damaged one is not read, and said.
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let chunk = |id: usize| format!("<w:altChunk xmlns:r=\"{RELS}\" r:id=\"rId{id}\"/>");
    let body = [
        p(&r("Harbour Dues Bill")),
        chunk(0),
        chunk(1),
        chunk(2),
        chunk(3),
        chunk(5),
        // Inside a row inserted with tracking: inserted with it.
        format!(
            "<w:tbl><w:tr><w:trPr><w:ins w:id=\"9\" w:author=\"Senator Ray\"/></w:trPr><w:tc>{}</w:tc></w:tr></w:tbl>",
            chunk(4)
        ),
        p(&r("Explanatory note.")),
    ]
    .concat();
    let html = "<!DOCTYPE html><html><body><h2>Section 1. Dues</h2><ol type=\"a\"><li>Dues are paid <del>monthly</del><ins>quarterly</ins>.</li>\
                <li>Fines are set by schedule.</li></ol></body></html>";
    let mht = "MIME-Version: 1.0\nContent-Type: multipart/related; boundary=\"NEXT\"\n\n--NEXT\nContent-Type: text/html; charset=\"utf-8\"\n\
               Content-Transfer-Encoding: quoted-printable\n\n<html><body><p>Vessels under 10 tonnes pay no du=\nes.</p></body></html>\n--NEXT--\n";
    let plain = "Dues go to the harbour fund.\r\n\r\nThe fund is audited yearly.\r\n";
    let doc = all(&package(
        "word/document.xml",
        "word/document.xml",
        W,
        RELS,
        &body,
        &[
            ("chunk.html", html.to_string()),
            ("afchunk.mht", mht.to_string()),
            ("notes.txt", plain.to_string()),
            ("old.rtf", "{\\rtf1\\ansi Repeal.\\par}".to_string()),
            (
                "row.html",
                "<html><body><p>Naval vessels pay no dues.</p></body></html>".to_string(),
            ),
            (
                "damaged.docx",
                "PK\u{3}\u{4}\u{0}\u{0}cut short".to_string(),
            ),
        ],
    ));
    let outline: Vec<String> = doc
        .sections
        .iter()
        .flat_map(|s| {
            let opener = s.opener.iter().map(|o| format!("# {}", o.text));
            let paragraphs = s
                .paragraphs
                .iter()
                .map(|p| format!("{}|{}", p.label.clone().unwrap_or_default(), p.text));
            opener.chain(paragraphs).collect::<Vec<_>>()
        })
        .collect();
    assert_eq!(
        outline,
        [
            "|Harbour Dues Bill",
            "# Section 1. Dues",
            "a)|Dues are paid quarterly.",
            "b)|Fines are set by schedule.",
            "|Vessels under 10 tonnes pay no dues.",
            "|Dues go to the harbour fund.",
            "|The fund is audited yearly.",
            "|Repeal.",
            "|Naval vessels pay no dues.",
            "|Explanatory note.",
        ]
    );
    let dues = &doc.sections[1].paragraphs[0];
    assert_eq!(
        ops(dues),
        [
            (ChangeKind::Equal, "Dues are paid ".into(), None),
            (ChangeKind::Delete, "monthly".into(), None),
            (ChangeKind::Insert, "quarterly".into(), None),
            (ChangeKind::Equal, ".".into(), None),
        ]
    );
    let naval = doc.sections[1]
        .paragraphs
        .iter()
        .find(|p| p.text.starts_with("Naval"))
        .unwrap();
    assert_eq!(
        ops(naval),
        [(
            ChangeKind::Insert,
            "Naval vessels pay no dues.".into(),
            Some("Senator Ray".into())
        )]
    );
    let notes = &doc.metadata.notes;
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("5 embedded documents (w:altChunk) read as their text")),
        "{notes:?}"
    );
    assert!(
        notes
            .iter()
            .any(|n| n.starts_with("not read: 1 embedded document (w:altChunk)")),
        "{notes:?}"
    );
}

#[test]
fn an_embedded_word_document_is_read_with_its_changes() {
    const RELS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let inner = docx(
        &[
            p(&r("Article 2")),
            p(&format!(
                "{}{}",
                r("Dues are paid "),
                ins("Delegation C", &r("in euro "))
            )),
        ]
        .concat(),
        &[],
    );
    let document = format!(
        "<w:document {W}><w:body>{}<w:altChunk xmlns:r=\"{RELS}\" r:id=\"rIdC\"/></w:body></w:document>",
        p(&r("Article 1"))
    );
    let rels = format!(
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
         <Relationship Id=\"rIdC\" Type=\"{RELS}/aFChunk\" Target=\"/word/embedded/part2.docx\"/></Relationships>"
    );
    let outer = zip_of(&[
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/embedded/part2.docx", &inner),
    ]);
    let doc = all(&outer);
    assert_eq!(
        texts(&doc),
        ["Article 1", "Article 2", "Dues are paid in euro"]
    );
    let last = doc.paragraphs().last().unwrap();
    assert_eq!(
        ops(last).last().unwrap(),
        &(
            ChangeKind::Insert,
            "in euro".into(),
            Some("Delegation C".into())
        )
    );
}
