//! Texts of kinds the rules were not first written for: acts published as
//! Markdown or HTML with numbered captions, amending bills, statutes of
//! associations. Every document is made up.

use std::fs;

use super::{compare_json, ids, statuses, temp_dir};

const PILOTAGE_MD: &str = "\
# Pilotage Act 2025

## Part 1 Compulsory pilotage

### 1 Duty to provide pilotage

(1) A harbour authority shall provide pilotage services in its area.

(2) The services shall be available at all hours.

### 2 Authorisation of pilots

(1) A harbour authority may authorise persons to act as pilots.

(2) An authorisation may be suspended for misconduct.
";

/// The same act amended, as a converter writes it in HTML: its
/// subsections an ordered list of paragraphs.
const PILOTAGE_HTML: &str = r#"<!DOCTYPE html>
<html><body>
<h1>Pilotage Act 2025</h1>
<h2>Part 1 Compulsory pilotage</h2>
<h3>1 Duty to provide pilotage services</h3>
<ol type="1">
<li><p>A harbour authority shall provide pilotage services in its area.</p></li>
<li><p>The services shall be available at all hours, including public holidays.</p></li>
</ol>
<h3>2 Authorisation of pilots</h3>
<ol type="1">
<li><p>A harbour authority may authorise persons to act as pilots.</p></li>
<li><p>An authorisation may be suspended or revoked for misconduct.</p></li>
</ol>
</body></html>
"#;

#[test]
fn numbered_captions_name_their_sections_in_markdown_and_html() {
    let dir = temp_dir();
    fs::write(dir.path().join("act.md"), PILOTAGE_MD).expect("write");
    fs::write(dir.path().join("bill.html"), PILOTAGE_HTML).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "act.md", "bill.html"]);
    assert_eq!(
        ids(&json),
        [
            "pilotage-act-2025",
            "part-1",
            "1",
            "1/1",
            "1/2",
            "2",
            "2/1",
            "2/2"
        ]
    );
    let rows = statuses(&json);
    for (id, status) in [
        ("1", "modified"),
        ("1/1", "unchanged"),
        ("1/2", "modified"),
        ("2", "unchanged"),
        ("2/2", "modified"),
    ] {
        assert_eq!(
            rows.get(id).map(String::as_str),
            Some(status),
            "{id} in {rows:?}"
        );
    }
}
