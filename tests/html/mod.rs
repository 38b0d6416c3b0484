//! HTML inputs: a bill as a legislature's site publishes it, with a
//! chamber's amendments as `<ins>` and `<del>` and another's as plain
//! edits, compared as the text a reader sees.

use std::fs;

use super::{cell, json, row, run_ok, temp_dir};

const BILL: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>H.R. 4521</title>
<style>.term { font-variant: small-caps }</style></head>
<body>
<nav>Bills | Search | <a href="/help">Help</a></nav>
<h1>H.R. 4521 &mdash; Rural Broadband Access Act</h1>
<h2>SEC. 1. SHORT TITLE.</h2>
<p>This Act may be cited as the &ldquo;Rural Broadband Access Act&rdquo;.</p>
<h2>SEC. 2. GRANT PROGRAM.</h2>
<p>(a) <span class="term">Establishment</span>.&mdash;The Secretary shall establish a
   program to award grants to eligible entities.</p>
<p>(b) <span class="term">Amount</span>.&mdash;A grant under this section may not exceed $5,000,000.</p>
<p>(c) <span class="term">Report</span>.&mdash;Not later than 1 year after enactment, the Secretary shall submit a report to Congress.</p>
<h2>SEC. 3. AUTHORIZATION OF APPROPRIATIONS.</h2>
<p>There are authorized to be appropriated $100,000,000 for each of fiscal years 2027 through 2031.</p>
<script>document.title = "<p>not text</p>";</script>
</body></html>
"#;

#[test]
fn an_html_bill_and_its_amendments() {
    let dir = temp_dir();
    let base = dir.path().join("bill.html");
    let senate = dir.path().join("senate.htm");
    let house = dir.path().join("house.html");
    fs::write(&base, BILL).expect("write");
    // The Senate's amendments as the page shows them, struck and inserted.
    fs::write(
        &senate,
        BILL.replace(
            "may not exceed $5,000,000",
            "may not exceed <del>$5,000,000</del><ins>$7,500,000</ins>",
        )
        .replace(
            "Not later than 1 year",
            "Not later than <del>1 year</del><ins>180 days</ins>",
        ),
    )
    .expect("write");
    // The House's as a new text: a subsection inserted, the next relettered.
    fs::write(
        &house,
        BILL.replace(
            "<p>(c) <span class=\"term\">Report</span>",
            "<p>(c) Priority.&mdash;The Secretary shall give priority to tribal lands.</p>\n<p>(d) <span class=\"term\">Report</span>",
        )
        .replace("$100,000,000", "$150,000,000"),
    )
    .expect("write");
    let paths = [&base, &senate, &house].map(|p| p.to_str().expect("UTF-8 path").to_string());
    let s = json(&["--base", &paths[0], &paths[1], &paths[2]]);
    let ids: Vec<&str> = s["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    // The page's navigation and script are no text of the bill.
    let all = serde_json::to_string(&s).expect("JSON");
    assert!(
        !all.contains("Search") && !all.contains("not text"),
        "{all}"
    );
    assert!(
        ids.contains(&"sec-2/a") && ids.contains(&"sec-3"),
        "{ids:?}"
    );

    let b = row(&s, "sec-2/b");
    assert_eq!(
        b["base_text"],
        "Amount.\u{2014}A grant under this section may not exceed $5,000,000."
    );
    let senate_b = cell(&s, b, "senate");
    assert_eq!(senate_b["status"], "modified");
    assert_eq!(senate_b["tracked"], true, "{senate_b}");
    assert!(senate_b["text"]
        .as_str()
        .is_some_and(|t| t.ends_with("$7,500,000.")));
    // The House's new (c) is added; its (d) is the base's (c), relettered.
    let c = row(&s, "sec-2/c");
    assert_eq!(cell(&s, c, "house")["label"], "(d)");
    assert_eq!(cell(&s, c, "house")["status"], "unchanged");
    assert_eq!(cell(&s, c, "senate")["status"], "modified");
    let added: Vec<&serde_json::Value> = s["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| cell(&s, r, "house")["status"] == "added")
        .collect();
    assert_eq!(added.len(), 1, "{added:?}");
    assert_eq!(cell(&s, row(&s, "sec-3/p1"), "house")["status"], "modified");

    // A page read as HTML by its content, whatever its name, and plain
    // text when asked.
    let unnamed = dir.path().join("bill.txt");
    fs::write(&unnamed, BILL).expect("write");
    let md = run_ok(&[
        "--base",
        &paths[0],
        unnamed.to_str().expect("path"),
        "--format",
        "md",
    ]);
    assert!(!md.contains("&lt;p&gt;") && !md.contains("<p>"), "{md}");
    let as_text = run_ok(&[
        "--input-format",
        "text",
        unnamed.to_str().expect("path"),
        unnamed.to_str().expect("path"),
        "--format",
        "md",
    ]);
    assert!(as_text.contains("\\<p\\>"), "{as_text}");
}

/// A page Word saved as HTML: its head names Word's XML island, its list
/// numbers are text in spans Word alone shows, its revisions `<ins>` and
/// `<del>` with who made them.
const WORD_PAGE: &str = r#"<html xmlns:o="urn:schemas-microsoft-com:office:office" xmlns:w="urn:schemas-microsoft-com:office:word">
<head><meta http-equiv=Content-Type content="text/html; charset=utf-8"><!--[if gte mso 9]><xml><w:WordDocument><w:TrackRevisions/></w:WordDocument></xml><![endif]-->
<style><!-- p.MsoNormal {margin:0cm;} --></style></head>
<body lang=EN-GB style='tab-interval:36.0pt'>
<div class=WordSection1>
<h1>Resolution 12</h1>
<h2>considering</h2>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>a)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>that ports share <ins cite="mailto:A.%20Lindqvist" datetime="2031-03-02T09:00">coastal </ins>waters;<o:p></o:p></p>
<p class=MsoListParagraph style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]><span style='mso-list:Ignore'>b)<span style='font:7.0pt "Times New Roman"'>&nbsp;&nbsp;&nbsp;&nbsp; </span></span><![endif]>that risks are <del cite="mailto:A.%20Lindqvist">shared</del><ins>common</ins>;<o:p></o:p></p>
</div></body></html>
"#;

#[test]
fn a_page_word_saved_as_html() {
    let dir = temp_dir();
    let page = dir.path().join("alp.htm");
    fs::write(&page, WORD_PAGE).expect("write");
    let path = page.to_str().expect("UTF-8 path");
    let s = json(&[path, path]);
    let a = row(&s, "considering/a");
    assert_eq!(a["label"], "a)");
    // The inferred base is the text with the changes rejected; each copy
    // keeps them as the author's own.
    assert_eq!(a["base_text"], "that ports share waters;");
    let cell = &a["cells"][1];
    assert_eq!(cell["text"], "that ports share coastal waters;", "{a}");
    assert_eq!(cell["tracked"], true);
    let b = row(&s, "considering/b");
    assert_eq!(b["base_text"], "that risks are shared;");
    assert_eq!(b["cells"][1]["text"], "that risks are common;", "{b}");
}
