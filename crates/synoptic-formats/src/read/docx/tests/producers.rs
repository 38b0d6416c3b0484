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
