//! One text received in several formats: a base as plain text, proposals
//! in Markdown and HTML. Each format writes the title its own way (a plain
//! first line, a `#` heading, an `<h1>`); the synopsis still has one row
//! for it, whichever file is the base.

use std::fs;

use super::{cell, json, row, temp_dir};

const TEXT: &str = "ORDINANCE NO. 2031-7
AN ORDINANCE ON SIDEWALK CAFES

Section 1. Permits.
(a) No person shall place tables on a sidewalk without a permit.
(b) A permit is valid for one season.

Section 2. Fees.
The permit fee is $12 for each square metre.
";

const MARKDOWN: &str = "# ORDINANCE NO. 2031-7

AN ORDINANCE ON SIDEWALK CAFES

## Section 1. Permits.

(a) No person shall place tables or chairs on a sidewalk without a permit.

(b) A permit is valid for one season.

## Section 2. Fees.

The permit fee is $12 for each square metre.
";

const HTML: &str = "<!DOCTYPE html><html><head><title>Ordinance</title></head><body>
<h1>ORDINANCE NO. 2031-7</h1>
<p>AN ORDINANCE ON SIDEWALK CAFES</p>
<h2>Section 1. Permits.</h2>
<p>(a) No person shall place tables on a sidewalk without a permit.</p>
<p>(b) A permit is valid for one season.</p>
<h2>Section 2. Fees.</h2>
<p>The permit fee is $15 for each square metre.</p>
</body></html>
";

fn statuses(row: &serde_json::Value) -> Vec<String> {
    row["cells"]
        .as_array()
        .expect("cells")
        .iter()
        .map(|c| c["status"].as_str().unwrap_or("").to_string())
        .collect()
}

#[test]
fn a_title_written_as_a_heading_or_a_plain_line_is_one_row() {
    let dir = temp_dir();
    let text = dir.path().join("clerk.txt");
    let markdown = dir.path().join("ward3.md");
    let html = dir.path().join("ward5.html");
    fs::write(&text, TEXT).expect("write");
    fs::write(&markdown, MARKDOWN).expect("write");
    fs::write(&html, HTML).expect("write");
    let [text, markdown, html] = [&text, &markdown, &html].map(|p| p.to_str().expect("path"));

    // The plain-text base: the title is its first paragraph, and so it is
    // in every proposal, unchanged.
    let s = json(&["--base", text, markdown, html]);
    let title = row(&s, "preamble/p1");
    assert_eq!(title["base_text"], "ORDINANCE NO. 2031-7");
    assert_eq!(statuses(title), ["unchanged"; 3], "{title}");
    let rows = s["rows"].as_array().expect("rows");
    assert!(
        rows.iter().all(|r| r["cells"]
            .as_array()
            .expect("cells")
            .iter()
            .all(|c| c["status"] != "added" && c["status"] != "deleted")),
        "{s}"
    );
    assert_eq!(
        cell(&s, row(&s, "section-1/a"), "ward3")["status"],
        "modified"
    );
    assert_eq!(
        cell(&s, row(&s, "section-2/p1"), "ward5")["status"],
        "modified"
    );

    // The Markdown base: its title is a heading, and the text file's first
    // line is that heading too.
    let s = json(&["--base", markdown, text, html]);
    let rows = s["rows"].as_array().expect("rows");
    let heading = rows
        .iter()
        .find(|r| r["base_text"] == "ORDINANCE NO. 2031-7")
        .expect("a row for the title");
    assert_eq!(heading["kind"], "heading", "{heading}");
    assert_eq!(statuses(heading), ["unchanged"; 3], "{heading}");
    assert_eq!(
        rows.iter()
            .filter(|r| r["cells"]
                .as_array()
                .expect("cells")
                .iter()
                .any(|c| c["text"] == "ORDINANCE NO. 2031-7"))
            .count(),
        1,
        "{s}"
    );

    // With no base, most versions (two of three write a heading) decide.
    let s = json(&[text, markdown, html]);
    let rows = s["rows"].as_array().expect("rows");
    let titles: Vec<&serde_json::Value> = rows
        .iter()
        .filter(|r| r["base_text"] == "ORDINANCE NO. 2031-7")
        .collect();
    assert_eq!(titles.len(), 1, "{s}");
    assert_eq!(titles[0]["kind"], "heading");
}
