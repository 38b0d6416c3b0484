//! Hostile and broken files: refused in one line, never a panic.

use super::*;

#[test]
fn not_a_zip_and_legacy_doc() {
    assert_eq!(read_err(b"hello"), "not a .docx (not a zip file)");
    assert_eq!(read_err(b""), "an empty file, not a .docx");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 504]);
    assert!(read_err(&ole).starts_with(
        "an OLE compound file (legacy Office format), not a .docx: cannot read; save it as .docx"
    ));
    // A password-protected .docx: the same container, with the
    // encrypted package's stream named in its directory.
    for name in ["EncryptionInfo", "EncryptedPackage"] {
        ole.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
        ole.extend([0u8; 64]);
    }
    assert_eq!(
        read_err(&ole),
        "encrypted (password-protected) .docx: cannot read; remove the password in Word and save again"
    );
}

#[test]
fn truncated_zip() {
    let bytes = docx(&p(&r("some text that makes the zip a little longer")), &[]);
    for cut in [bytes.len() / 2, bytes.len() - 10, 30, 4] {
        let e = read_err(&bytes[..cut]);
        assert!(e.starts_with("truncated or damaged .docx"), "{cut}: {e}");
    }
}

#[test]
fn missing_document_and_no_body() {
    let e = read_err(&zip_of(&[("[Content_Types].xml", b"<Types/>")]));
    assert_eq!(e, "no word/document.xml: not a Word document");
    let e = read_err(&zip_of(&[(
        "word/document.xml",
        format!("<w:document {W}></w:document>").as_bytes(),
    )]));
    assert_eq!(e, "word/document.xml has no body");
}

#[test]
fn document_xml_not_xml() {
    for (content, expected) in [
        (
            &b"this is not XML at all"[..],
            "word/document.xml: not XML (no root element)",
        ),
        (
            b"<w:document><w:body></w:document>",
            "word/document.xml: not well-formed XML at byte",
        ),
        (
            b"<w:document><w:body>",
            "word/document.xml: XML ends early (truncated?)",
        ),
        (b"\xFF\xFE\x00", "word/document.xml: not valid UTF-16"),
        (b"<a>\xC3</a>", "word/document.xml: not valid UTF-8"),
    ] {
        let e = read_err(&zip_of(&[("word/document.xml", content)]));
        assert!(e.starts_with(expected), "{e}");
    }
}

#[test]
fn entity_expansion_is_refused() {
    let billion_laughs = b"<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n\
        <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n\
        <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\n\
        <w:document><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>";
    let e = read_err(&zip_of(&[("word/document.xml", billion_laughs)]));
    assert_eq!(
        e,
        "word/document.xml: has a DOCTYPE, which a .docx never has (entity expansion?): refused"
    );
    let undefined = format!(
        "<w:document {W}><w:body><w:p><w:r><w:t>&lol;</w:t></w:r></w:p></w:body></w:document>"
    );
    let e = read_err(&zip_of(&[("word/document.xml", undefined.as_bytes())]));
    assert_eq!(
        e,
        "word/document.xml: undefined entity &lol; (custom entities are not allowed)"
    );
    // Predefined and character references are fine.
    let fine = docx(&p(&r("a &amp; b &#x3B1; &lt;c&gt;")), &[]);
    assert_eq!(texts(&all(&fine)), ["a & b \u{3B1} <c>"]);
}

#[test]
fn deep_nesting_is_refused() {
    let depth = MAX_DEPTH + 10;
    let xml = format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
    let e = read_err(&zip_of(&[("word/document.xml", xml.as_bytes())]));
    assert_eq!(
        e,
        format!("word/document.xml: XML nested deeper than {MAX_DEPTH} levels")
    );
}

#[test]
fn zip_bomb_is_refused_while_inflating() {
    // 80 MiB of spaces inside a valid document: about 80 KiB zipped.
    let mut xml = format!("<w:document {W}><w:body>").into_bytes();
    xml.resize(xml.len() + (80 << 20), b' ');
    xml.extend_from_slice(b"</w:body></w:document>");
    let bomb = zip_of(&[("word/document.xml", &xml)]);
    assert!(bomb.len() < 1 << 20, "{}", bomb.len());
    let e = read_err(&bomb);
    assert_eq!(
        e,
        "word/document.xml inflates to more than 64 MiB: refused (zip bomb?)"
    );
    // Parts each under the part limit but over the total together.
    let part = vec![b' '; 60 << 20];
    let mut doc = format!("<w:document {W}><w:body>").into_bytes();
    doc.extend_from_slice(&part);
    doc.extend_from_slice(b"</w:body></w:document>");
    let mut styles = format!("<w:styles {W}>").into_bytes();
    styles.extend_from_slice(&part);
    styles.extend_from_slice(b"</w:styles>");
    let bomb = zip_of(&[
        ("word/document.xml", &doc),
        ("word/styles.xml", &styles),
        ("word/numbering.xml", &styles),
        ("word/footnotes.xml", &styles),
        ("word/endnotes.xml", &styles),
    ]);
    let e = read_err(&bomb);
    assert_eq!(
        e,
        "inflates to more than 256 MiB in all: refused (zip bomb?)"
    );
}

#[test]
fn too_many_entries() {
    let names: Vec<String> = (0..=MAX_ENTRIES).map(|i| format!("f{i}")).collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    let e = read_err(&zip_of(&parts));
    assert_eq!(
        e,
        format!(
            "too many zip entries ({}, at most {MAX_ENTRIES})",
            MAX_ENTRIES + 1
        )
    );
}

proptest::proptest! {
    #[test]
    fn damaged_files_never_panic(cut in 0usize..2000, flips in proptest::collection::vec((0usize..2000, proptest::num::u8::ANY), 0..6)) {
        let mut bytes = docx(
            &[p(&format!("{}{}", r("a)\tthat"), del("X", "old"))), numbered("1", 0, "n")].concat(),
            &[("numbering.xml", numbering(&lvl(0, 1, "lowerLetter", "%1)"), "<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"))],
        );
        for (at, byte) in flips {
            let len = bytes.len();
            bytes[at % len] = byte;
        }
        let cut = cut.min(bytes.len());
        for mode in [TrackChanges::All, TrackChanges::Accept, TrackChanges::Reject] {
            let _ = read(&bytes[..cut], &DocxOptions { track_changes: mode, openers: Openers::itu() });
            let _ = read(&bytes, &DocxOptions { track_changes: mode, openers: Openers::itu() });
        }
    }

    #[test]
    fn any_document_xml_never_panics(xml in "[<>/a-z:=\" &;#0-9wptrinsdel]{0,200}") {
        let _ = read(&zip_of(&[("word/document.xml", xml.as_bytes())]), &DocxOptions::default());
    }

    #[test]
    fn any_word_xml_document_never_panics(xml in "[<>/a-z:=\" &;#0-9wptrinsdelxmlDa]{0,300}") {
        // Word's one-file XML: whatever follows the package's start tag.
        let flat = format!("<pkg:package xmlns:pkg=\"p\"><pkg:part pkg:name=\"/word/document.xml\"><pkg:xmlData>{xml}");
        let _ = read(flat.as_bytes(), &DocxOptions::default());
    }

    #[test]
    fn any_word_2003_document_never_panics(xml in "[<>/a-z:=\" &;#0-9wptrinsdelxmlfoteDWa.]{0,300}") {
        let doc = format!("<w:wordDocument xmlns:w=\"w\"><w:body><wx:sect>{xml}");
        let _ = read(doc.as_bytes(), &DocxOptions::default());
        let closed = format!("<w:wordDocument><w:body><w:p><w:r><w:footnote>{xml}</w:footnote></w:r></w:p></w:body></w:wordDocument>");
        let _ = read(closed.as_bytes(), &DocxOptions::default());
    }
}
