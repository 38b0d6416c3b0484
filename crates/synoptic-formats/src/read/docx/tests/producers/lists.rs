//! Numbering as Word shows it: custom and script formats, numbering
//! changed with tracking.

use super::*;

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
