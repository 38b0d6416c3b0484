//! Word files as other producers write them, through the whole command:
//! what is no .docx is refused in one line naming the file, and what
//! Word shows is what is compared.

use std::io::{Cursor, Write};

use super::*;

/// `synoptic compare --format json --base BASE PROPOSAL`, which must
/// succeed: the synopsis, and what it said on standard error.
fn compared_with_notes(base: &Path, proposal: &Path) -> (Value, String) {
    let out = synoptic()
        .args(["compare", "--format", "json", "--base"])
        .arg(base)
        .arg(proposal)
        .output()
        .expect("run synoptic");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{stderr}");
    (serde_json::from_slice(&out.stdout).expect("JSON"), stderr)
}

/// Each row of a synopsis as "id | status | text" of one version's cell.
fn row_lines(s: &Value, version: &str) -> Vec<String> {
    s["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            let c = cell(s, row, version);
            format!(
                "{} | {} | {}",
                row["id"].as_str().unwrap_or_default(),
                c["status"].as_str().unwrap_or_default(),
                c["text"].as_str().unwrap_or_default()
            )
        })
        .collect()
}

/// [`compared_with_notes`], the synopsis alone.
fn compared(base: &Path, proposal: &Path) -> Value {
    compared_with_notes(base, proposal).0
}

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A zip of the given parts.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

/// A .docx whose body is `body`.
fn docx(body: &str) -> Vec<u8> {
    let document = format!("<w:document {W}><w:body>{body}</w:body></w:document>");
    zip_of(&[("word/document.xml", document.as_bytes())])
}

fn p(inner: &str) -> String {
    format!("<w:p>{inner}</w:p>")
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

#[test]
fn files_that_are_no_docx_fail_in_one_line_naming_the_file() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 504]);
    ole.extend("WordDocument".encode_utf16().flat_map(u16::to_le_bytes));
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("harbour-act.doc", ole, "a Word 97-2003 .doc"),
        (
            "harbour-act.rtf",
            b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}}\\f0 Article 1. Scope.\\par}".to_vec(),
            "an RTF file",
        ),
        (
            "harbour-act.odt",
            zip_of(&[
                ("mimetype", b"application/vnd.oasis.opendocument.text"),
                ("content.xml", b"<office:document-content/>"),
            ]),
            "an OpenDocument file",
        ),
        (
            "harbour-act-web.doc",
            b"<html><head><meta name=\"ProgId\" content=\"Word.Document\"></head><body><p>Article 1.</p></body></html>".to_vec(),
            "a web page",
        ),
    ];
    for (name, bytes, what) in cases {
        let path = dir.path().join(name);
        fs::write(&path, bytes).expect("write");
        let out = synoptic()
            .args(["compare", "--format", "json"])
            .arg(&path)
            .output()
            .expect("run synoptic");
        assert_eq!(out.status.code(), Some(1), "{name}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.trim_end().lines().count(), 1, "{name}: {stderr}");
        assert!(stderr.contains(name), "{stderr}");
        assert!(stderr.contains(what), "{stderr}");
        assert!(stderr.contains("save it as .docx"), "{stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
}

#[test]
fn what_word_shows_is_compared_whoever_wrote_the_file() {
    // The base as Word writes it: `≤` inserted from the Symbol font, a
    // cross-reference field. The proposal as LibreOffice writes it: `≥`
    // as text in a run set in Symbol, the same field, and an embedded
    // document it holds but cannot be read.
    let field = |result: &str| {
        format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> REF _Ref7 \\h </w:instrText></w:r>\
             <w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            r(result)
        )
    };
    let base = docx(&format!(
        "{}{}",
        p(&format!(
            "{}<w:r><w:sym w:font=\"Symbol\" w:char=\"F0A3\"/></w:r>{}",
            r("Vessels with a draught "),
            r(" 12 metres need a pilot.")
        )),
        p(&format!(
            "{}{}{}",
            r("Fees are set in "),
            field("Article 7"),
            r(".")
        ))
    ));
    let proposal = docx(&format!(
        "{}{}<w:altChunk r:id=\"rId9\" xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"/>",
        p(&format!(
            "{}<w:r><w:rPr><w:rFonts w:ascii=\"Symbol\" w:hAnsi=\"Symbol\"/></w:rPr><w:t>\u{F0B3}</w:t></w:r>{}",
            r("Vessels with a draught "),
            r(" 12 metres need a pilot.")
        )),
        p(&format!("{}{}{}", r("Fees are set in "), field("Article 7"), r(".")))
    ));
    let dir = tempfile::tempdir().expect("temp dir");
    let base_path = dir.path().join("base.docx");
    let proposal_path = dir.path().join("lo.docx");
    fs::write(&base_path, base).expect("write");
    fs::write(&proposal_path, proposal).expect("write");
    let (s, stderr) = compared_with_notes(&base_path, &proposal_path);
    assert!(
        stderr.contains("lo.docx: not read: 1 embedded document (w:altChunk)"),
        "{stderr}"
    );
    let rows = s["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 2, "{s}");
    assert_eq!(
        rows[0]["base_text"],
        "Vessels with a draught ≤ 12 metres need a pilot."
    );
    let first = cell(&s, &rows[0], "lo");
    assert_eq!(first["status"], "modified");
    assert_eq!(
        first["text"],
        "Vessels with a draught ≥ 12 metres need a pilot."
    );
    assert_eq!(rows[1]["base_text"], "Fees are set in Article 7.");
    assert_eq!(cell(&s, &rows[1], "lo")["status"], "unchanged");
}

#[test]
fn a_bill_numbered_by_fields_compares_as_word_draws_it() {
    // A law firm's bill: paragraphs numbered by AUTONUM fields (no number
    // stored in the file), a table of contents whose page numbers move, a
    // hidden drafting note. The proposer joins paragraphs 1 and 2 by
    // deleting the first one's mark (and the second one's number).
    let autonum = |tag: &str| {
        format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:{tag} xml:space=\"preserve\"> AUTONUM </w:{tag}></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
        )
    };
    let toc = |page: &str| {
        p(&format!(
            "<w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText> TOC \\o \"1-3\" </w:instrText></w:r><w:r><w:fldChar w:fldCharType=\"separate\"/></w:r>{}{}<w:r><w:fldChar w:fldCharType=\"end\"/></w:r>",
            r("Section 1. Harbour dues\t"),
            r(page)
        ))
    };
    let hidden = "<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space=\"preserve\"> [check the rate with the Treasury]</w:t></w:r>";
    let last = p(&format!(
        "{}{}{hidden}",
        autonum("instrText"),
        r("\tDues are payable monthly.")
    ));
    let base = docx(&format!(
        "{}{}{}{}{}{last}",
        p(&r("HARBOUR DUES BILL")),
        toc("1"),
        p(&r("Section 1. Harbour dues")),
        p(&format!(
            "{}{}",
            autonum("instrText"),
            r("\tDues are payable by the owner of every vessel")
        )),
        p(&format!(
            "{}{}",
            autonum("instrText"),
            r("\tand by its master.")
        )),
    ));
    let deleted = |text: &str| {
        format!("<w:del w:id=\"3\" w:author=\"Harbour Board\"><w:r><w:delText xml:space=\"preserve\">{text}</w:delText></w:r></w:del>")
    };
    // The first paragraph's mark is deleted: it joins the next.
    let joining = format!(
        "<w:p><w:pPr><w:rPr><w:del w:id=\"4\" w:author=\"Harbour Board\"/></w:rPr></w:pPr>{}{}</w:p>",
        autonum("instrText"),
        r("\tDues are payable by the owner of every vessel")
    );
    let proposal = docx(&format!(
        "{}{}{}{joining}{}{last}",
        p(&r("HARBOUR DUES BILL")),
        toc("2"),
        p(&r("Section 1. Harbour dues")),
        p(&format!(
            "<w:del w:id=\"5\" w:author=\"Harbour Board\">{}</w:del>{}{}",
            autonum("delInstrText"),
            deleted("\t"),
            r(" and by its master.")
        )),
    ));
    let dir = tempfile::tempdir().expect("temp dir");
    let base_path = dir.path().join("base.docx");
    let proposal_path = dir.path().join("board.docx");
    fs::write(&base_path, base).expect("write");
    fs::write(&proposal_path, proposal).expect("write");
    let (s, stderr) = compared_with_notes(&base_path, &proposal_path);
    assert!(
        stderr.contains("board.docx: not read: 1 table of contents"),
        "{stderr}"
    );
    let rows = s["rows"].as_array().expect("rows");
    let seen: Vec<(String, String, String, String)> = rows
        .iter()
        .map(|row| {
            let c = cell(&s, row, "board");
            (
                row["label"].as_str().unwrap_or_default().to_string(),
                row["base_text"].as_str().unwrap_or_default().to_string(),
                c["status"].as_str().unwrap_or_default().to_string(),
                c["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .filter(|(_, base, _, _)| base != "HARBOUR DUES BILL")
        .collect();
    let row = |label: &str, base: &str, status: &str, text: &str| {
        (
            label.to_string(),
            base.to_string(),
            status.to_string(),
            text.to_string(),
        )
    };
    assert_eq!(
        seen,
        [
            row(
                "",
                "Section 1. Harbour dues",
                "unchanged",
                "Section 1. Harbour dues"
            ),
            row(
                "1.",
                "Dues are payable by the owner of every vessel",
                "modified",
                "Dues are payable by the owner of every vessel and by its master."
            ),
            row("2.", "and by its master.", "deleted", ""),
            row(
                "3.",
                "Dues are payable monthly.",
                "unchanged",
                "Dues are payable monthly."
            ),
        ],
        "{s}"
    );
    let renumbered = cell(&s, &rows[rows.len() - 1], "board");
    assert_eq!(renumbered["label"], "2.", "{s}");
}

#[test]
fn an_act_written_by_libreoffice_reads_by_its_articles() {
    // Articles numbered by LibreOffice's outline numbering, "Article %1":
    // the number heads the heading's text, so rows are named by article.
    // CEPT inserts an article (the next one is renumbered) and joins two
    // paragraphs.
    let dir = root().join("tests/docx_inputs/libreoffice");
    let s = compared(&dir.join("act-base.docx"), &dir.join("act-cept.docx"));
    let rows = s["rows"].as_array().expect("rows");
    let seen = row_lines(&s, "act-cept");
    assert_eq!(
        seen,
        [
            "preamble/p1 | unchanged | REGULATION ON INLAND WATERWAY DATA",
            "whereas | unchanged | Whereas:",
            "whereas/1 | unchanged | Inland waterways carry a growing share of freight.",
            "have-adopted-this | unchanged | HAVE ADOPTED THIS REGULATION:",
            "article-1 | unchanged | Article 1\tSubject matter",
            "article-1/1 | unchanged | This Regulation lays down rules on the exchange of fairway data.",
            "article-1/p2 | modified | Member States shall designate a data authority, which shall publish its decisions.",
            "article-1/p3 | deleted | ",
            "article-1+1 | added | Article 2\tReporting",
            "article-1+1/1 | added | Operators shall report every voyage.",
            "article-2 | modified | Article 3\tDefinitions",
            "article-2/1 | unchanged | “operator” means a person who operates a vessel;",
            "article-2/2 | modified | “lock” means a structure that raises or lowers vessels.",
        ],
        "{s}"
    );
    // The paragraph absorbed by the join is deleted by the join's author.
    let joined = &rows[7];
    assert_eq!(
        joined["base_text"],
        "The authority shall publish its decisions."
    );
    let gone = cell(&s, joined, "act-cept");
    assert_eq!(gone["ops"][0]["op"], "delete", "{joined}");
    assert_eq!(gone["ops"][0]["author"], "CEPT", "{joined}");
}

#[test]
fn form_fields_written_by_libreoffice_show_what_they_hold() {
    // LibreOffice writes legacy form fields with an empty result: Word
    // draws the check box and the chosen entry from the field's data.
    let dir = root().join("tests/docx_inputs/libreoffice");
    let s = compared(&dir.join("form-base.docx"), &dir.join("form-cept.docx"));
    let rows = s["rows"].as_array().expect("rows");
    let seen: Vec<String> = rows
        .iter()
        .skip(2)
        .map(|row| {
            format!(
                "{} -> {}",
                row["base_text"].as_str().unwrap_or_default(),
                cell(&s, row, "form-cept")["text"]
                    .as_str()
                    .unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            "Registered in the port: \u{2610} Calling under 72 hours: \u{2610} -> Registered in the port: \u{2612} Calling under 72 hours: \u{2610}",
            "Dues are paid monthly. -> Dues are paid quarterly to the harbour master.",
        ],
        "{s}"
    );
}

#[test]
fn a_bill_embedded_as_a_web_archive_compares_with_one_typed_in_word() {
    // The base typed in Word: a section heading on the line of its first
    // paragraph, and one run in before a style separator. The proposal
    // as html-docx-js writes it: its whole text one embedded web archive.
    let separator = "<w:pPr><w:rPr><w:vanish/><w:specVanish/></w:rPr></w:pPr>";
    let base = docx(&format!(
        "{}{}<w:p>{separator}{}</w:p>{}",
        p(&r("A BILL to regulate harbour dues.")),
        p(&r(
            "Section 1. Short title. This Act may be cited as the Harbour Dues Act."
        )),
        r("Section 2. Dues."),
        p(&r(" Dues are paid monthly to the harbour master."))
    ));
    let html = "<html><body><p>A BILL to regulate harbour dues.</p>\
                <p>Section 1. Short title. This Act may be cited as the Harbour Dues Act 2027.</p>\
                <p>Section 2. Dues. Dues are paid quarterly to the harbour master.</p></body></html>";
    let mht = format!(
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; type=\"text/html\"; boundary=\"----=mhtDocumentPart\"\r\n\r\n\r\n\
         ------=mhtDocumentPart\r\nContent-Type: text/html; charset=\"utf-8\"\r\nContent-Transfer-Encoding: quoted-printable\r\n\
         Content-Location: file:///C:/fake/document.html\r\n\r\n{}\r\n\r\n------=mhtDocumentPart--\r\n",
        html.replace('=', "=3D")
    );
    let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                <Relationship Id=\"htmlChunk\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk\" Target=\"/word/afchunk.mht\"/></Relationships>";
    let document = format!(
        "<w:document {W} xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body><w:altChunk r:id=\"htmlChunk\"/></w:body></w:document>"
    );
    let proposal = zip_of(&[
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/afchunk.mht", mht.as_bytes()),
    ]);
    let dir = tempfile::tempdir().expect("temp dir");
    let base_path = dir.path().join("base.docx");
    let proposal_path = dir.path().join("senate.docx");
    fs::write(&base_path, base).expect("write");
    fs::write(&proposal_path, proposal).expect("write");
    let s = compared(&base_path, &proposal_path);
    let seen = row_lines(&s, "senate");
    assert_eq!(
        seen,
        [
            "preamble/p1 | unchanged | A BILL to regulate harbour dues.",
            "section-1 | unchanged | Section 1. Short title.",
            "section-1/p1 | modified | This Act may be cited as the Harbour Dues Act 2027.",
            "section-2 | unchanged | Section 2. Dues.",
            "section-2/p1 | modified | Dues are paid quarterly to the harbour master.",
        ],
        "{s}"
    );
}

#[test]
fn an_arabic_resolution_written_by_libreoffice_keeps_its_letters_and_changes() {
    let dir = root().join("tests/docx_inputs/libreoffice");
    let s = compared(&dir.join("res-base.docx"), &dir.join("res-arb.docx"));
    let seen: Vec<String> = s["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|row| row["kind"] != "heading")
        .map(|row| {
            let c = cell(&s, row, "res-arb");
            format!(
                "{} | {} | {}",
                c["label"].as_str().unwrap_or_default(),
                c["status"].as_str().unwrap_or_default(),
                c["text"].as_str().unwrap_or_default()
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            " | unchanged | القرار 44 - سد الفجوة في مجال التقييس",
            "أ) | unchanged | أن التقييس عنصر أساسي في تنمية البلدان؛",
            "ب) | modified | أن الفجوة لا تزال قائمة في البلدان النامية؛",
            "ت) | added | أن التدريب ضروري لسد الفجوة؛",
            "1 | modified | أن يواصل مكتب تقييس الاتصالات العمل في هذا المجال.",
        ],
        "{s}"
    );
    // Every change is the proposer's, as LibreOffice recorded it.
    let mut changed = 0;
    for row in s["rows"].as_array().expect("rows") {
        let c = cell(&s, row, "res-arb");
        if c["status"] == "unchanged" {
            continue;
        }
        let ops = c["ops"].as_array().expect("ops");
        let own: Vec<&Value> = ops.iter().filter(|op| op["op"] != "equal").collect();
        assert!(!own.is_empty(), "{row}");
        assert!(
            own.iter().all(|op| op["author"] == "الدول العربية"),
            "{row}"
        );
        changed += 1;
    }
    assert_eq!(changed, 3);
}

#[test]
fn an_embedded_rtf_document_reads_as_the_word_file_of_the_same_text() {
    // The Arabic resolution saved as RTF by LibreOffice, embedded whole in
    // a .docx: the same rows, labels and text as its .docx.
    let dir = root().join("tests/docx_inputs/libreoffice");
    let rtf = fs::read(dir.join("res-base.rtf")).expect("fixture");
    let rels = "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
                <Relationship Id=\"rtfChunk\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk\" Target=\"res.rtf\"/></Relationships>";
    let document = format!(
        "<w:document {W} xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\"><w:body><w:altChunk r:id=\"rtfChunk\"/></w:body></w:document>"
    );
    let wrapped = zip_of(&[
        ("word/document.xml", document.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/res.rtf", &rtf),
    ]);
    let tmp = tempfile::tempdir().expect("temp dir");
    let path = tmp.path().join("res-rtf.docx");
    fs::write(&path, wrapped).expect("write");
    let s = compared(&dir.join("res-base.docx"), &path);
    let rows = s["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 6, "{s}");
    for row in rows {
        let base = cell(&s, row, "res-base");
        let embedded = cell(&s, row, "res-rtf");
        assert_eq!(embedded["status"], "unchanged", "{row}");
        assert_eq!(embedded["label"], base["label"], "{row}");
        assert_eq!(embedded["text"], base["text"], "{row}");
    }
}
