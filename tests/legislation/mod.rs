//! Bills, acts and regulations: their titles, sections, articles, recitals
//! and enumerators name the rows; and one run reads every version's lines
//! into paragraphs the same way, whatever its line layout. The documents
//! are made up.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_json::Value;

use super::{synoptic, temp_dir};

mod traditions;
mod unseen;

/// Runs `compare` in `dir` and returns its JSON and its standard error.
fn compare_json(dir: &Path, args: &[&str]) -> (Value, String) {
    let out = synoptic()
        .current_dir(dir)
        .arg("compare")
        .args(args)
        .args(["--format", "json"])
        .output()
        .expect("run synoptic");
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "compare {args:?} failed: {stderr}");
    (
        serde_json::from_slice(&out.stdout).expect("JSON output"),
        stderr,
    )
}

/// Each row's id with the status of the proposal's cell (the second).
fn statuses(json: &Value) -> BTreeMap<String, String> {
    json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| {
            (
                row["id"].as_str().expect("id").to_string(),
                row["cells"][1]["status"]
                    .as_str()
                    .expect("status")
                    .to_string(),
            )
        })
        .collect()
}

fn ids(json: &Value) -> Vec<String> {
    json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|row| row["id"].as_str().expect("id").to_string())
        .collect()
}

/// Wraps every paragraph greedily at `width` columns, with a blank line
/// between paragraphs, as an editor's fill command does.
fn hard_wrap(text: &str, width: usize) -> String {
    let mut out = Vec::new();
    for paragraph in text.lines() {
        let mut lines: Vec<String> = vec![String::new()];
        for word in paragraph.split(' ') {
            let line = lines.last_mut().expect("a line");
            if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
                lines.push(word.to_string());
            } else {
                if !line.is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
        }
        out.push(lines.join("\n"));
    }
    out.join("\n\n") + "\n"
}

const BILL_INTRODUCED: &str = "\
A BILL
To improve the safety of inland harbours, and for other purposes.
Be it enacted by the Senate and House of Representatives in Congress assembled,
SECTION 1. SHORT TITLE.
This Act may be cited as the “Inland Harbour Safety Act of 2031”.
TITLE I—GENERAL PROVISIONS
SEC. 101. DEFINITIONS.
In this Act:
(1) Authority.—The term “Authority” means the Inland Harbour Authority established by section 201.
(2) Harbour.—The term “harbour” means any place on an inland waterway where commercial vessels moor to load or unload cargo.
SEC. 102. SAFETY PLANS.
(a) In General.—Each operator of a harbour shall submit a safety plan to the Authority not later than 180 days after the date of enactment of this Act.
(b) Contents.—A safety plan under subsection (a) shall—
(1) identify the hazards of the harbour, including—
(A) the mooring of vessels carrying dangerous goods; and
(B) the storage of fuel on the quay;
(2) describe the measures taken to reduce each hazard; and
(3) name the person responsible for the plan.
SEC. 103. REPORTS.
The Authority shall report to Congress each year on the plans it has received.
TITLE II—INLAND HARBOUR AUTHORITY
SEC. 201. ESTABLISHMENT.
There is established an Inland Harbour Authority within the Department of Transportation.
";

/// The bill as reported: a date and a definition amended, an item added
/// under (b)(1), and a new section 103 that renumbers Reports to 104.
const BILL_REPORTED: &str = "\
A BILL
To improve the safety of inland harbours, and for other purposes.
Be it enacted by the Senate and House of Representatives in Congress assembled,
SECTION 1. SHORT TITLE.
This Act may be cited as the “Inland Harbour Safety Act of 2032”.
TITLE I—GENERAL PROVISIONS
SEC. 101. DEFINITIONS.
In this Act:
(1) Authority.—The term “Authority” means the Inland Harbour Authority established by section 201.
(2) Harbour.—The term “harbour” means any place on an inland waterway or the Great Lakes where commercial vessels moor to load or unload cargo.
SEC. 102. SAFETY PLANS.
(a) In General.—Each operator of a harbour shall submit a safety plan to the Authority not later than 120 days after the date of enactment of this Act.
(b) Contents.—A safety plan under subsection (a) shall—
(1) identify the hazards of the harbour, including—
(A) the mooring of vessels carrying dangerous goods;
(B) the storage of fuel on the quay; and
(C) the access of emergency vehicles;
(2) describe the measures taken to reduce each hazard; and
(3) name the person responsible for the plan.
SEC. 103. TRAINING.
The Authority shall offer training in harbour safety to the staff of each operator.
SEC. 104. REPORTS.
The Authority shall report to Congress each year on the plans it has received.
TITLE II—INLAND HARBOUR AUTHORITY
SEC. 201. ESTABLISHMENT.
There is established an Inland Harbour Authority within the Department of Transportation.
";

#[test]
fn bill_rows_are_named_by_titles_sections_and_enumerators() {
    let dir = temp_dir();
    fs::write(dir.path().join("introduced.txt"), BILL_INTRODUCED).expect("write");
    fs::write(dir.path().join("reported.txt"), BILL_REPORTED).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "introduced.txt", "reported.txt"]);
    let rows = statuses(&json);
    let expect = [
        ("preamble/p3", "unchanged"),
        ("section-1", "unchanged"),
        ("section-1/p1", "modified"),
        ("title-i", "unchanged"),
        ("sec-101", "unchanged"),
        ("sec-101/1", "unchanged"),
        ("sec-101/2", "modified"),
        ("sec-102/a", "modified"),
        ("sec-102/b/1", "unchanged"),
        ("sec-102/b/1/A", "modified"),
        ("sec-102/b/1/B", "modified"),
        ("sec-102/b/1/B+1", "added"),
        ("sec-102/b/3", "unchanged"),
        // The base's section keeps its id when renumbered; the new one
        // does not take it: it is named after the section it follows.
        ("sec-103", "modified"),
        ("sec-103/p1", "unchanged"),
        ("sec-102+1", "added"),
        ("title-ii", "unchanged"),
        ("sec-201/p1", "unchanged"),
    ];
    for (id, status) in expect {
        assert_eq!(
            rows.get(id).map(String::as_str),
            Some(status),
            "{id} in {rows:?}"
        );
    }
    // Headings are rows of their own, not paragraphs of the preamble.
    assert_eq!(
        ids(&json)
            .iter()
            .filter(|id| id.starts_with("preamble/"))
            .count(),
        3
    );
    let title = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row["id"] == "title-i")
        .expect("title row");
    assert_eq!(title["cells"][0]["text"], "TITLE I—GENERAL PROVISIONS");
    // Read as a resolution, the bill is one long preamble.
    let (itu, _) = compare_json(
        dir.path(),
        &[
            "--structure",
            "itu",
            "--base",
            "introduced.txt",
            "reported.txt",
        ],
    );
    assert!(ids(&itu).iter().all(|id| id.starts_with("preamble/")));
}

#[test]
fn one_paragraph_per_line_and_hard_wrapped_compare_as_unchanged() {
    let dir = temp_dir();
    fs::write(dir.path().join("lines.txt"), BILL_REPORTED).expect("write");
    fs::write(dir.path().join("wrapped.txt"), hard_wrap(BILL_REPORTED, 72)).expect("write");
    for (base, proposal) in [("lines.txt", "wrapped.txt"), ("wrapped.txt", "lines.txt")] {
        let (json, stderr) = compare_json(dir.path(), &["--base", base, proposal]);
        let rows = statuses(&json);
        assert!(
            rows.values().all(|s| s == "unchanged"),
            "{base} against {proposal}: {rows:?}"
        );
        assert_eq!(rows.len(), BILL_REPORTED.lines().count());
        // The joining is told, naming the file, on standard error and in
        // the synopsis.
        let note = json["notes"][0].as_str().expect("a note");
        let wrapped = BILL_REPORTED
            .lines()
            .filter(|l| l.chars().count() > 72)
            .count();
        assert!(
            note.starts_with("wrapped.txt: ")
                && note.contains(&format!(" lines joined into {wrapped} paragraphs")),
            "{note}"
        );
        assert!(stderr.contains(&format!("note: {note}")), "{stderr}");
    }
    // Lines forced: the wrapped lines stay apart, and nothing is joined.
    let (json, stderr) = compare_json(
        dir.path(),
        &[
            "--paragraphs",
            "lines",
            "--base",
            "lines.txt",
            "wrapped.txt",
        ],
    );
    assert!(statuses(&json).values().any(|s| s != "unchanged"));
    assert!(!json.to_string().contains("lines joined"));
    assert!(!stderr.contains("joined"), "{stderr}");
}

#[test]
fn prose_wrapped_at_another_width_reads_alike() {
    // Plain prose without labels, wrapped at 60 and at 100 columns, with
    // the paragraphs separated by blank lines in one and not in the other.
    let text = "\
The committee met on the third day of the session to consider the draft report on the maintenance of inland waterways, and heard the rapporteur on the questions left open.
Several members asked that the cost estimates be published in full before the plenary, together with the method used to reach them.
The chair proposed that the secretariat circulate a revised draft within two weeks, and the committee agreed.
";
    let dir = temp_dir();
    fs::write(dir.path().join("narrow.txt"), hard_wrap(text, 60)).expect("write");
    fs::write(
        dir.path().join("wide.txt"),
        hard_wrap(text, 100).replace("\n\n", "\n"),
    )
    .expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "narrow.txt", "wide.txt"]);
    let rows = statuses(&json);
    assert_eq!(rows.len(), 3, "{rows:?}");
    assert!(rows.values().all(|s| s == "unchanged"), "{rows:?}");
}

const REGULATION: &str = "\
REGULATION OF THE HARBOUR COUNCIL on the safety of inland harbours
THE HARBOUR COUNCIL,
Having regard to the Treaty on Inland Navigation, and in particular Article 12 thereof,
Whereas:
(1) Inland harbours handle a growing share of freight and need common safety rules.
(2) Those rules should apply to every harbour open to commercial vessels.
HAVE ADOPTED THIS REGULATION:
CHAPTER I
GENERAL PROVISIONS
Article 1
Subject matter
1. This Regulation lays down safety rules for inland harbours.
2. It applies to harbours open to commercial vessels.
Article 2
Definitions
For the purposes of this Regulation, the following definitions apply:
(a) ‘harbour’ means a place where vessels moor;
(b) ‘operator’ means the body that manages a harbour:
(i) on behalf of a public authority; or
(ii) under a concession.
CHAPTER II
SAFETY PLANS
Article 3
Safety plans
1. Each operator shall adopt a safety plan.
2. The plan shall be reviewed every three years.
";

#[test]
fn act_rows_are_named_by_recitals_articles_and_points() {
    let amended = REGULATION
        .replace(
            "(2) Those rules should apply to every harbour open to commercial vessels.",
            "(2) Those rules should apply to every harbour open to commercial vessels.\n\
             (3) Operators should train their staff in harbour safety.",
        )
        .replace(
            "(ii) under a concession.",
            "(ii) under a concession or a lease.",
        )
        .replace("every three years.", "every two years.");
    let dir = temp_dir();
    fs::write(dir.path().join("proposal.txt"), REGULATION).expect("write");
    fs::write(dir.path().join("parliament.txt"), &amended).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "proposal.txt", "parliament.txt"]);
    let rows = statuses(&json);
    for (id, status) in [
        ("whereas", "unchanged"),
        ("whereas/1", "unchanged"),
        ("whereas/2", "unchanged"),
        ("whereas/2+1", "added"),
        ("chapter-i", "unchanged"),
        ("article-1", "unchanged"),
        ("article-1/p1", "unchanged"),
        ("article-1/1", "unchanged"),
        ("article-1/2", "unchanged"),
        ("article-2/a", "unchanged"),
        ("article-2/b", "unchanged"),
        ("article-2/b/i", "unchanged"),
        ("article-2/b/ii", "modified"),
        ("article-3/1", "unchanged"),
        ("article-3/2", "modified"),
    ] {
        assert_eq!(
            rows.get(id).map(String::as_str),
            Some(status),
            "{id} in {rows:?}"
        );
    }
    // The same in Markdown, with the articles as headings.
    let markdown = |text: &str| {
        text.lines()
            .map(|l| {
                if l.starts_with("Article ") {
                    format!("## {l}")
                } else {
                    l.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    fs::write(dir.path().join("proposal.md"), markdown(REGULATION)).expect("write");
    fs::write(dir.path().join("parliament.md"), markdown(&amended)).expect("write");
    let (md, _) = compare_json(dir.path(), &["--base", "proposal.md", "parliament.md"]);
    assert_eq!(
        statuses(&md).get("article-3/2").map(String::as_str),
        Some("modified")
    );
    assert_eq!(
        statuses(&md).get("whereas/2+1").map(String::as_str),
        Some("added")
    );
}

#[test]
fn an_amending_act_keeps_quoted_articles_inside_its_points() {
    let base = "\
Article 1
Amendments to Regulation (HC) 2031/17
Regulation (HC) 2031/17 is amended as follows:
(1) in Article 3, paragraph 2 is replaced by the following:
‘2. The plan shall be reviewed every three years.’;
(2) Article 5 is deleted;
(3) the following Article is inserted:
‘Article 5a
Training
Operators shall train their staff in harbour safety.’.
Article 2
This Regulation shall enter into force on the twentieth day following that of its publication.
";
    let council = base
        .replace("every three years", "every four years")
        .replace("(2) Article 5 is deleted;\n", "");
    let dir = temp_dir();
    fs::write(dir.path().join("commission.txt"), base).expect("write");
    fs::write(dir.path().join("council.txt"), &council).expect("write");
    let (json, _) = compare_json(
        dir.path(),
        &[
            "--structure",
            "act",
            "--base",
            "commission.txt",
            "council.txt",
        ],
    );
    let rows = statuses(&json);
    for (id, status) in [
        ("article-1", "unchanged"),
        ("article-1/1", "unchanged"),
        ("article-1/2", "deleted"),
        ("article-1/3", "unchanged"),
        ("article-2", "unchanged"),
        ("article-2/p1", "unchanged"),
    ] {
        assert_eq!(
            rows.get(id).map(String::as_str),
            Some(status),
            "{id} in {rows:?}"
        );
    }
    // The quoted article is text of the amendment, not a section.
    assert!(
        !rows.keys().any(|id| id.starts_with("article-5a")),
        "{rows:?}"
    );
    assert!(rows.values().any(|s| s == "modified"), "{rows:?}");
}

#[test]
fn structure_none_and_detection_are_one_per_run() {
    let dir = temp_dir();
    fs::write(dir.path().join("introduced.txt"), BILL_INTRODUCED).expect("write");
    // A version that alone shows too few headings to tell a bill by.
    fs::write(
        dir.path().join("excerpt.txt"),
        "SEC. 103. REPORTS.\nThe Authority shall report to Congress each year.\n",
    )
    .expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "introduced.txt", "excerpt.txt"]);
    let rows = json["rows"].as_array().expect("rows");
    let reports = rows
        .iter()
        .find(|row| row["cells"][1]["text"] == "SEC. 103. REPORTS.")
        .expect("the excerpt's heading has a row");
    assert_eq!(reports["id"], "sec-103");
    let (none, _) = compare_json(
        dir.path(),
        &[
            "--structure",
            "none",
            "--base",
            "introduced.txt",
            "excerpt.txt",
        ],
    );
    assert!(ids(&none).iter().all(|id| id.starts_with("preamble/")));
}

/// A bill as printed: hard-wrapped, first lines indented, no blank line
/// between enumerated paragraphs, a table of contents that names every
/// section before the sections themselves.
const PRINTED_BILL: &str = r#"SECTION 1. SHORT TITLE; TABLE OF CONTENTS.

    (a) Short Title.--This Act may be cited as the ``Inland Harbour 
Safety Act''.
    (b) Table of Contents.--The table of contents for this Act is as 
follows:

Sec. 1. Short title; table of contents.

                   TITLE I--GENERAL PROVISIONS

Sec. 101. Purposes.
Sec. 102. Definitions.

                   TITLE II--SAFETY PLANS

Sec. 201. Safety plans.

                   TITLE I--GENERAL PROVISIONS

SEC. 101. PURPOSES.

    The purposes of this Act are to make inland harbours safer for the 
crews of vessels and for the people who live near them.

SEC. 102. DEFINITIONS.

    In this Act:
            (1) Authority.--The term ``Authority'' means the Inland 
        Harbour Authority.
            (2) Harbour.--The term ``harbour'' means any place on an 
        inland waterway where commercial vessels moor.

                     TITLE II--SAFETY PLANS

SEC. 201. SAFETY PLANS.

    Each operator of a harbour shall submit a safety plan to the 
Authority not later than 180 days after the date of enactment of this 
Act.
"#;

#[test]
fn a_printed_bill_keeps_its_section_ids_past_its_table_of_contents() {
    let dir = temp_dir();
    fs::write(dir.path().join("introduced.txt"), PRINTED_BILL).expect("write");
    fs::write(
        dir.path().join("reported.txt"),
        PRINTED_BILL.replace("180 days", "120 days"),
    )
    .expect("write");
    let (json, stderr) = compare_json(dir.path(), &["--base", "introduced.txt", "reported.txt"]);
    let rows = statuses(&json);
    assert!(!rows.keys().any(|id| id.contains('~')), "{rows:?}");
    for (id, status) in [
        ("section-1/b", "unchanged"),
        // A line of the table of contents that (b) introduces ("is as
        // follows:") is one of (b)'s paragraphs.
        ("section-1/b/p5", "unchanged"),
        ("title-i", "unchanged"),
        ("sec-101/p1", "unchanged"),
        ("sec-102/1", "unchanged"),
        ("sec-102/2", "unchanged"),
        ("title-ii", "unchanged"),
        ("sec-201/p1", "modified"),
    ] {
        assert_eq!(
            rows.get(id).map(String::as_str),
            Some(status),
            "{id} in {rows:?}"
        );
    }
    let definition = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row["id"] == "sec-102/2")
        .expect("row");
    assert_eq!(
        definition["cells"][0]["text"],
        "Harbour.--The term ``harbour'' means any place on an inland waterway where commercial \
         vessels moor."
    );
    assert!(stderr.contains("note: introduced.txt: "), "{stderr}");
}

#[test]
fn the_example_resolution_hard_wrapped_gives_the_same_rows() {
    let dir = temp_dir();
    let names = ["base", "afr", "apt", "cept"];
    for (i, name) in names.iter().enumerate() {
        let text =
            fs::read_to_string(super::root().join(format!("examples/resolution/{name}.txt")))
                .expect("example");
        // Each version at its own width.
        let wrapped = hard_wrap(&text.replace("\n\n", "\n"), 62 + 2 * i);
        fs::write(dir.path().join(format!("{name}.txt")), wrapped).expect("write");
    }
    let rows = |json: &Value| -> Vec<(String, Vec<String>)> {
        json["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|row| {
                let statuses = row["cells"]
                    .as_array()
                    .expect("cells")
                    .iter()
                    .map(|c| c["status"].as_str().expect("status").to_string())
                    .collect();
                (row["id"].as_str().expect("id").to_string(), statuses)
            })
            .collect()
    };
    let args = ["--base", "base.txt", "afr.txt", "apt.txt", "cept.txt"];
    let (wrapped, stderr) = compare_json(dir.path(), &args);
    let (original, _) = compare_json(&super::root().join("examples/resolution"), &args);
    assert_eq!(rows(&wrapped), rows(&original));
    assert_eq!(stderr.matches("lines joined into").count(), 4, "{stderr}");
}

/// An act in the Westminster style: numbered sections with a caption and
/// no keyword, subsections `(1)`, and a schedule.
const HARBOUR_ACT: &str = "\
Harbour Safety Act 2021

Part 1
Harbour authorities

1 Duty to keep harbour safe
(1) A harbour authority must take reasonable steps to keep its harbour safe for navigation.
(2) In this section \"harbour\" includes the approaches to a harbour.

2 Pilotage
(1) A harbour authority may require vessels over 50 metres in length to carry a pilot.
(2) A pilot must hold a licence issued under section 3.

3 Licences
A licence is valid for five years.

Part 2
Final provisions

4 Short title and commencement
(1) This Act may be cited as the Harbour Safety Act 2021.
(2) This Act comes into force on such day as the Secretary of State may appoint.

SCHEDULE 1
Fees
The fee for a licence is 200 pounds.
";

#[test]
fn westminster_sections_name_their_subsections() {
    let amended = HARBOUR_ACT
        .replace("take reasonable steps", "take all reasonable steps")
        .replace("over 50 metres", "over 40 metres")
        .replace(
            "3 Licences\n",
            "3 Training of pilots\nEvery harbour authority must publish a training programme for pilots.\n\n4 Licences\n",
        )
        .replace("4 Short title", "5 Short title")
        .replace("200 pounds", "250 pounds");
    let dir = temp_dir();
    fs::write(dir.path().join("act.txt"), HARBOUR_ACT).expect("write");
    fs::write(dir.path().join("bill.txt"), &amended).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "act.txt", "bill.txt"]);
    let rows = statuses(&json);
    for (id, status) in [
        ("part-1/1", "unchanged"),
        ("part-1/1/1", "modified"),
        ("part-1/1/2", "unchanged"),
        ("part-1/2/1", "modified"),
        ("part-1/2/2", "unchanged"),
        // Renumbered 3 to 4, its caption unchanged.
        ("part-1/3", "unchanged"),
        ("part-2/4/1", "unchanged"),
        ("part-2/4/2", "unchanged"),
        ("schedule-1", "unchanged"),
    ] {
        assert_eq!(
            rows.get(id).map(String::as_str),
            Some(status),
            "{id} in {rows:?}"
        );
    }
    let added: Vec<&str> = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["cells"][1]["status"] == "added")
        .filter_map(|r| r["cells"][1]["text"].as_str())
        .collect();
    assert_eq!(
        added,
        [
            "Training of pilots",
            "Every harbour authority must publish a training programme for pilots."
        ]
    );
    // Subsections are told apart by their section: no `~2` ids.
    assert!(
        ids(&json).iter().all(|id| !id.contains('~')),
        "{:?}",
        ids(&json)
    );
}

/// `text` as a Word document, one paragraph per line, no styles.
fn word_document(text: &str) -> Vec<u8> {
    let body: String = text
        .lines()
        .map(|line| {
            let escaped = line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('"', "&quot;");
            format!("<w:p><w:r><w:t xml:space=\"preserve\">{escaped}</w:t></w:r></w:p>")
        })
        .collect();
    super::reliability::zip_of(&[("word/document.xml", &super::reliability::document(&body))])
}

#[test]
fn word_files_of_an_act_are_read_with_its_structure() {
    // Word files with no heading styles: the structure is told from their
    // text, as for plain text.
    let amended = HARBOUR_ACT.replace("take reasonable steps", "take all reasonable steps");
    let dir = temp_dir();
    fs::write(dir.path().join("act.docx"), word_document(HARBOUR_ACT)).expect("write");
    fs::write(dir.path().join("bill.docx"), word_document(&amended)).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "act.docx", "bill.docx"]);
    let rows = statuses(&json);
    for (id, status) in [
        ("part-1", "unchanged"),
        ("part-1/1/1", "modified"),
        ("part-2/4/2", "unchanged"),
        ("schedule-1", "unchanged"),
    ] {
        assert_eq!(
            rows.get(id).map(String::as_str),
            Some(status),
            "{id} in {rows:?}"
        );
    }
}
