//! Tests of the plain text reader.

// Tests may unwrap: a panic there is a failed test, not a crash.
#![allow(clippy::unwrap_used)]

use super::*;
use synoptic_core::structure::Tradition;

fn read_default(text: &str) -> Document {
    read(text, &TextOptions::default()).unwrap()
}

fn outline(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for s in &doc.sections {
        out.push(format!(
            "# {}",
            s.opener.as_ref().map_or("(preamble)", |o| o.text.as_str())
        ));
        for p in &s.paragraphs {
            out.push(format!("{}|{}", p.label.as_deref().unwrap_or(""), p.text));
        }
    }
    out
}

#[test]
fn lines_sections_and_labels() {
    let doc = read_default(
        "RESOLUTION 99 (Rev. Geneva, 2024)\r\n\
         Title of the resolution\r\n\
         \r\n\
         \tconsidering\r\n\
         a)\tthat one;  \r\n\
         b)\tthat two,\r\n\
         resolves\n\
         1\tto do this;\n\
         2\tto do that:\n\
         i)\tfirst\n\
         within available resources,\n",
    );
    assert_eq!(
        outline(&doc),
        [
            "# (preamble)",
            "|RESOLUTION 99 (Rev. Geneva, 2024)",
            "|Title of the resolution",
            "# considering",
            "a)|that one;",
            "b)|that two,",
            "# resolves",
            "1|to do this;",
            "2|to do that:",
            "i)|first",
            "|within available resources,",
        ]
    );
}

#[test]
fn no_opener_means_one_preamble_section() {
    let doc = read_default("one\ntwo\n");
    assert_eq!(doc.sections.len(), 1);
    assert!(doc.sections[0].opener.is_none());
    assert_eq!(doc.paragraph_count(), 2);
    assert_eq!(read_default("").sections.len(), 0);
    assert_eq!(read_default("\n\n  \n").sections.len(), 0);
}

#[test]
fn opener_first_has_no_preamble() {
    let doc = read_default("considering\na)\tx\n");
    assert_eq!(doc.sections.len(), 1);
    assert!(doc.sections[0].opener.is_some());
}

#[test]
fn labelled_heading_opener() {
    let doc = read_default("ANNEX\nI\tProgramme 1: Strengthening capabilities\n1)\tObjective\n");
    let s = &doc.sections[1];
    let o = s.opener.as_ref().unwrap();
    assert_eq!(o.label.as_deref(), Some("I"));
    assert_eq!(o.text, "Programme 1: Strengthening capabilities");
    assert_eq!(s.paragraphs[0].label.as_deref(), Some("1)"));
}

#[test]
fn wrapped_blocks() {
    let text = "considering\n\n\
        a) that Resolution 123 (Rev. Dubai, 2018) of the Plenipotentiary\n\
        Conference instructs the Secretary-General and the Directors of the\n\
        three Bureaux to work closely with each other;\n\
        b) that Resolution 139 (Rev. Dubai, 2018) of the Plenipotentiary\n\
        Conference resolves that implementation should continue;\n\n\
        An unlabelled paragraph that is wrapped over more than one line of\n\
        text, as editors do.\n\
        resolves\n\
        1 that the plan continues;\n";
    let doc = read_default(text);
    assert_eq!(
        outline(&doc),
        [
            "# considering",
            "a)|that Resolution 123 (Rev. Dubai, 2018) of the Plenipotentiary Conference \
             instructs the Secretary-General and the Directors of the three Bureaux to work \
             closely with each other;",
            "b)|that Resolution 139 (Rev. Dubai, 2018) of the Plenipotentiary Conference \
             resolves that implementation should continue;",
            "|An unlabelled paragraph that is wrapped over more than one line of text, as \
             editors do.",
            "# resolves",
            "1|that the plan continues;",
        ]
    );
    // Forced lines mode keeps every line apart.
    let lines = read(
        text,
        &TextOptions {
            paragraphs: ParagraphMode::Lines,
            ..TextOptions::default()
        },
    )
    .unwrap();
    assert_eq!(lines.paragraph_count(), 8);
}

#[test]
fn auto_keeps_lines_for_one_paragraph_per_line() {
    let long = "x".repeat(150);
    let text = format!(
        "RESOLUTION 1\nBridging the standardization gap between developing countries\n\
         (Florianópolis, 2004; Johannesburg, 2008; Dubai, 2012)\n\
         The World Telecommunication Standardization Assembly,\n\
         considering\n{long}\n{long}\n{long}\nresolves\n{long}\n{long}\n"
    );
    let doc = read_default(&text);
    assert_eq!(doc.sections[0].paragraphs.len(), 4);
    assert_eq!(doc.paragraph_count(), 9);
}

/// Wraps `text` greedily at `width` columns, paragraph by paragraph,
/// with a blank line between paragraphs, as an editor's "fill" does.
fn wrap(paragraphs: &[&str], width: usize) -> String {
    wrap_indented(paragraphs, width, "")
}

/// [`wrap`] with the first line of each paragraph indented by `indent`
/// (counted in the width, as wrappers do), and no blank lines when an
/// indent tells the paragraphs apart.
fn wrap_indented(paragraphs: &[&str], width: usize, indent: &str) -> String {
    let mut out = String::new();
    for p in paragraphs {
        let mut line = indent.to_string();
        for word in p.split(' ') {
            let fresh = line.trim().is_empty();
            if !fresh && line.chars().count() + 1 + word.chars().count() > width {
                out.push_str(&line);
                out.push('\n');
                line.clear();
            }
            if !line.trim().is_empty() {
                line.push(' ');
            }
            line.push_str(word);
        }
        out.push_str(&line);
        out.push_str(if indent.is_empty() { "\n\n" } else { "\n" });
    }
    out
}

const ESSAY: [&str; 5] = [
    "The Harbour Authority shall publish, before the first day of each financial year, a \
     plan describing the dredging works it intends to carry out, the estimated cost of each \
     work and the vessels expected to benefit from it.",
    "Consultation",
    "Before adopting the plan, the Authority shall consult the port users' committee, the \
     municipal councils concerned and any person who has asked in writing to be consulted, \
     allowing them no fewer than thirty days to respond.",
    "Where the committee objects to a work on grounds of safety, the Authority shall give its \
     reasons in writing for proceeding with it, or withdraw the work from the plan.",
    "The plan shall be laid before the Assembly together with a summary of the responses \
     received and the Authority's answer to each objection of substance, within a \
     well-publicised period.",
];

#[test]
fn wrapped_and_one_per_line_read_alike() {
    let lines = ESSAY.join("\n");
    let wrapped = wrap(&ESSAY, 72);
    for mode in [ParagraphMode::Auto, ParagraphMode::Wrapped] {
        let options = TextOptions {
            paragraphs: mode,
            ..TextOptions::default()
        };
        let (a, joined_a) = read_counted(&lines, &options).unwrap();
        let (b, joined_b) = read_counted(&wrapped, &options).unwrap();
        assert_eq!(a, b, "{mode:?}");
        assert_eq!(b.paragraph_count(), 5);
        assert_eq!(joined_a, Joined::default());
        assert_eq!(joined_b.paragraphs, 4);
        assert!(joined_b.lines > 8, "{joined_b:?}");
    }
    assert_eq!(
        Joined {
            lines: 9,
            paragraphs: 4
        }
        .note()
        .unwrap(),
        "9 lines joined into 4 paragraphs (hard-wrapped text; `--paragraphs lines` keeps \
         every line apart)"
    );
    // The one-per-line text has no margin; blocks join its lines.
    assert!(!looks_wrapped(&lines, &Openers::itu()));
    assert!(looks_wrapped(&wrapped, &Openers::itu()));
    let blocks = TextOptions {
        paragraphs: ParagraphMode::Blocks,
        ..TextOptions::default()
    };
    assert_eq!(read(&lines, &blocks).unwrap().paragraph_count(), 1);
}

#[test]
fn wrapped_text_without_blank_lines_keeps_short_lines_apart() {
    // Paragraphs end where a line stops short of the margin; a label
    // starts one; a bare number after a full line inside a sentence
    // does not.
    let text = "\
The Minister may by regulation prescribe the form of the register, the\n\
particulars to be entered in it and the fees payable under subsection\n\
101 of the Harbours Act for an entry or a certified copy.\n\
Short heading\n\
(a) the owner of a vessel registered under this Part shall notify the\n\
Registrar of any change of ownership within fourteen days; and\n\
(b) the Registrar shall amend the register accordingly.\n";
    let doc = read(
        text,
        &TextOptions {
            paragraphs: ParagraphMode::Wrapped,
            ..TextOptions::default()
        },
    )
    .unwrap();
    assert_eq!(
        outline(&doc),
        [
            "# (preamble)",
            "|The Minister may by regulation prescribe the form of the register, the \
             particulars to be entered in it and the fees payable under subsection 101 of \
             the Harbours Act for an entry or a certified copy.",
            "|Short heading",
            "(a)|the owner of a vessel registered under this Part shall notify the Registrar \
             of any change of ownership within fourteen days; and",
            "(b)|the Registrar shall amend the register accordingly.",
        ]
    );
}

proptest::proptest! {
    /// Whatever the width it is wrapped at, a text reads into the same
    /// paragraphs as written one paragraph per line, its paragraphs
    /// apart by blank lines or by indented first lines.
    #[test]
    fn any_wrapping_reads_like_one_paragraph_per_line(
        paragraphs in proptest::collection::vec(
            proptest::collection::vec(0usize..24, 25..70), 3..8),
        width in 50usize..110,
        blank_lines in proptest::bool::ANY,
    ) {
        const WORDS: [&str; 24] = [
            "harbour", "Authority", "shall", "publish", "plan", "vessels", "each",
            "year,", "within", "ninety", "days", "after", "the", "operator", "of",
            "safety.", "The", "committee", "may", "review", "cargo", "waterway;",
            "standards-making", "inland",
        ];
        let texts: Vec<String> = paragraphs
            .iter()
            .map(|p| {
                // A paragraph starts with a capital word, never a label,
                // and ends a sentence.
                std::iter::once("Each")
                    .chain(p.iter().map(|i| WORDS[*i]))
                    .chain(std::iter::once("safety."))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        // Without blank lines, paragraphs are told by the indented
        // first line, as in books and printed bills.
        let wrapped = if blank_lines {
            wrap(&refs, width)
        } else {
            wrap_indented(&refs, width, "    ")
        };
        let options = TextOptions::default();
        let one = read(&texts.join("\n"), &options).unwrap();
        let other = read(&wrapped, &options).unwrap();
        proptest::prop_assert_eq!(one.paragraph_count(), texts.len());
        proptest::prop_assert_eq!(one, other);
    }
}

#[test]
fn hyphens_broken_by_wrapping_rejoin() {
    assert_eq!(
        join_lines(&["standards-", "making bodies"], None),
        "standards-making bodies"
    );
    assert_eq!(join_lines(&["a dash --", "here"], None), "a dash -- here");
    assert_eq!(join_lines(&["ends -", "here"], None), "ends - here");
}

#[test]
fn a_word_typesetting_hyphenated_at_a_line_end_is_whole_again() {
    // A page set from a printed act: "vessel" and "documents" broken
    // across lines, as the text writes them whole elsewhere; a compound the
    // text writes with its hyphen keeps it, and so does a word it never
    // writes whole.
    let text = "Article 1\n\
        The register lists every vessel and the documents of each owner\n\
        and the self-employed pilots who serve on the inland waterways.\n\
        \n\
        Article 2\n\
        Each operator shall notify any change in the ownership of a ves-\n\
        sel and provide the docu-\n\
        ments requested; a self-\n\
        employed pilot shall notify the standards-\n\
        making bodies of any change at all.\n";
    let options = TextOptions {
        paragraphs: ParagraphMode::Blocks,
        openers: Openers::for_tradition(synoptic_core::structure::Tradition::Act, None),
        ..TextOptions::default()
    };
    let d = read(text, &options).unwrap();
    let texts: Vec<&str> = d.paragraphs().map(|p| p.text.as_str()).collect();
    assert_eq!(
        texts.last().copied(),
        Some(
            "Each operator shall notify any change in the ownership of a vessel and \
             provide the documents requested; a self-employed pilot shall notify the \
             standards-making bodies of any change at all."
        ),
        "{texts:?}"
    );
}

#[test]
fn bills_read_by_their_headings() {
    let bill = "\
A BILL\n\
To improve the safety of inland harbours.\n\
TITLE I—GENERAL PROVISIONS\n\
SEC. 101. SHORT TITLE.\n\
This Act may be cited as the Inland Harbours Act of 2031.\n\
SEC. 102. DEFINITIONS. In this Act:\n\
(1) Harbour.—The term “harbour” means a place where vessels may moor.\n\
(2) Authority.—The term “Authority” means the Harbour Authority.\n\
Section 103. The Authority shall publish a plan each year.\n";
    let options = TextOptions {
        openers: Openers::for_tradition(Tradition::Bill, None),
        ..TextOptions::default()
    };
    let doc = read(bill, &options).unwrap();
    assert_eq!(
        outline(&doc),
        [
            "# (preamble)",
            "|A BILL",
            "|To improve the safety of inland harbours.",
            "# TITLE I—GENERAL PROVISIONS",
            "# SEC. 101. SHORT TITLE.",
            "|This Act may be cited as the Inland Harbours Act of 2031.",
            "# SEC. 102. DEFINITIONS.",
            "|In this Act:",
            "(1)|Harbour.—The term “harbour” means a place where vessels may moor.",
            "(2)|Authority.—The term “Authority” means the Harbour Authority.",
            "# Section 103.",
            "|The Authority shall publish a plan each year.",
        ]
    );
}

#[test]
fn a_printed_bill_keeps_hanging_lines_and_wrapped_keywords_in_their_sentence() {
    // As a printer sets a bill: paragraphs hang under their first line, a
    // line may break before a capitalised word well short of the margin,
    // and "section 3." may open a line in the middle of a sentence.
    let bill = "\
SEC. 2. DEFINITIONS.

    In this Act:
            (1) Harbour authority.--The term ``harbour authority''
        means a State or local government entity that operates a
        harbour for commercial and recreational vessels alike.
            (2) Secretary.--The term ``Secretary'' means the
        Secretary of Transportation.

SEC. 3. REPORT.

    Not later than 2 years after the date of enactment of this Act, the
Secretary shall submit to Congress a report on the grants made under
section 3 of the Harbour Safety Act, and on the lessons learned from
them.
";
    let options = TextOptions {
        openers: Openers::for_tradition(Tradition::Bill, None),
        paragraphs: ParagraphMode::Wrapped,
        ..TextOptions::default()
    };
    let doc = read(bill, &options).unwrap();
    assert_eq!(
        outline(&doc),
        [
            "# SEC. 2. DEFINITIONS.",
            "|In this Act:",
            "(1)|Harbour authority.--The term ``harbour authority'' means a State or local government entity that operates a harbour for commercial and recreational vessels alike.",
            "(2)|Secretary.--The term ``Secretary'' means the Secretary of Transportation.",
            "# SEC. 3. REPORT.",
            "|Not later than 2 years after the date of enactment of this Act, the Secretary shall submit to Congress a report on the grants made under section 3 of the Harbour Safety Act, and on the lessons learned from them.",
        ]
    );
}

#[test]
fn a_bills_table_of_contents_is_text_of_its_section() {
    let bill = "\
SECTION 1. SHORT TITLE; TABLE OF CONTENTS.
(a) Short Title.--This Act may be cited as the ``Harbour Act''.
(b) Table of Contents.--The table of contents for this Act is as follows:
Sec. 1. Short title; table of contents.
TITLE I--GENERAL PROVISIONS
Sec. 101. Purposes.
Sec. 102. Definitions.
TITLE I--GENERAL PROVISIONS
SEC. 101. PURPOSES.
The purposes of this Act are to make harbours safer.
SEC. 102. DEFINITIONS.
In this Act the term ``harbour'' means a place where vessels moor.
";
    let options = TextOptions {
        openers: Openers::for_tradition(Tradition::Bill, None),
        ..TextOptions::default()
    };
    let doc = read(bill, &options).unwrap();
    assert_eq!(
        outline(&doc),
        [
            "# SECTION 1. SHORT TITLE; TABLE OF CONTENTS.",
            "(a)|Short Title.--This Act may be cited as the ``Harbour Act''.",
            "(b)|Table of Contents.--The table of contents for this Act is as follows:",
            "|Sec. 1. Short title; table of contents.",
            "|TITLE I--GENERAL PROVISIONS",
            "|Sec. 101. Purposes.",
            "|Sec. 102. Definitions.",
            "# TITLE I--GENERAL PROVISIONS",
            "# SEC. 101. PURPOSES.",
            "|The purposes of this Act are to make harbours safer.",
            "# SEC. 102. DEFINITIONS.",
            "|In this Act the term ``harbour'' means a place where vessels moor.",
        ]
    );
    // Headings in a row that head nothing else stay headings.
    let headings = "DIVISION A--SAFETY\nTITLE I--HARBOURS\nSubtitle A--Plans\n\
                    SEC. 101. PLANS.\nEach operator shall adopt a plan.\n";
    assert_eq!(read(headings, &options).unwrap().sections.len(), 4);
}

#[test]
fn a_treatys_contents_fold_with_its_annexes() {
    let treaty = "\
AGREEMENT ON MIGRATORY SHOREBIRDS
Contents
Article 1 Definitions
Article 2 Conservation measures
Annex 1 Wetlands of international importance
The Parties to this Agreement have agreed as follows:
Article 1
Definitions
In this Agreement, \"Range State\" means a State on a migration route.
Article 2
Conservation measures
Each Party shall protect the wetlands listed in Annex 1.
Annex 1
Wetlands of international importance
1. Estuaries used as staging sites.
";
    let options = TextOptions {
        openers: Openers::for_tradition(Tradition::Act, None),
        ..TextOptions::default()
    };
    let doc = read(treaty, &options).unwrap();
    let openers: Vec<String> = outline(&doc)
        .into_iter()
        .filter(|l| l.starts_with('#'))
        .collect();
    // The contents, annex line included, are text of the preamble; the
    // annex itself still heads its section.
    assert_eq!(
        openers,
        ["# (preamble)", "# Article 1", "# Article 2", "# Annex 1"]
    );
    assert_eq!(doc.sections[0].paragraphs.len(), 6);
}

#[test]
fn a_label_alone_on_its_line_takes_the_next_line_as_its_text() {
    let text = "Article 2\n1.   This Regulation applies to:\n(a)\nproviders of harbour \
                services;\n\n(b)\n\noperators of harbours;\n(c)\n(d) pilots.\n";
    let options = TextOptions {
        openers: Openers::for_tradition(Tradition::Act, None),
        ..TextOptions::default()
    };
    assert_eq!(
        outline(&read(text, &options).unwrap()),
        [
            "# Article 2",
            "1.|This Regulation applies to:",
            "(a)|providers of harbour services;",
            "(b)|operators of harbours;",
            "(c)|",
            "(d)|pilots.",
        ]
    );
}

#[test]
fn a_wrapped_opener_runs_on() {
    let text = "considering\n\
a)\tthat the gap between countries in standardization remains wide, as\n\
the Assembly has noted at each of its sessions;\n\
b)\tthat regional offices help members take part in the work of study\n\
groups;\n\
instructs the Director of the Telecommunication Standardization\n\
Bureau\n\
1\tto report on the work done under this resolution to each Assembly;\n";
    let (doc, joined) = read_counted(text, &TextOptions::default()).unwrap();
    assert_eq!(
        outline(&doc),
        [
            "# considering",
            "a)|that the gap between countries in standardization remains wide, as the \
             Assembly has noted at each of its sessions;",
            "b)|that regional offices help members take part in the work of study groups;",
            "# instructs the Director of the Telecommunication Standardization Bureau",
            "1|to report on the work done under this resolution to each Assembly;",
        ]
    );
    assert_eq!(
        joined,
        Joined {
            lines: 6,
            paragraphs: 3
        }
    );
}

#[test]
fn many_repeated_headings_read_in_linear_time() {
    // 100,000 empty copies of one heading: each but the last is found
    // again after it, so they fold into text, in one pass; the last
    // heads its section.
    let text = "SEC. 1. SHORT TITLE.\n".repeat(100_000);
    let options = TextOptions {
        openers: Openers::for_tradition(Tradition::Bill, None),
        ..TextOptions::default()
    };
    // No clock here (speed is for benchmarks): a quadratic pass would not
    // finish in the suite's time.
    let doc = read(&text, &options).unwrap();
    assert_eq!(doc.sections.len(), 2);
    assert_eq!(doc.paragraph_count(), 99_999);
}

#[test]
fn marker_lines_become_metadata() {
    let doc = read_default("MOD\tAFCP/35A8/1\nRESOLUTION 44\nconsidering\nMOD 1\n");
    assert_eq!(doc.metadata.marker.as_deref(), Some("MOD"));
    assert_eq!(doc.metadata.reference.as_deref(), Some("AFCP/35A8/1"));
    assert_eq!(doc.sections[0].paragraphs[0].text, "RESOLUTION 44");
    // Only at the very start.
    assert_eq!(doc.sections[1].paragraphs[0].text, "MOD 1");
    assert_eq!(marker_line("ADD a new paragraph here please"), None);
    assert_eq!(marker_line("SUP"), Some(("SUP".to_string(), None)));
    assert_eq!(marker_line("MOD  RESOLUTION 44 (Rev. Geneva, 2022)"), None);
    // A title after the action is not a proposal's number.
    assert_eq!(marker_line("NOC QUESTION 9/11"), None);
    assert_eq!(marker_line("SUP\tRECOMMENDATION ITU-T A.7"), None);
    assert_eq!(marker_line("MOD AFCP/35A8/1 RESOLUTION 44"), None);
}

#[test]
fn nul_is_an_error_with_line() {
    let err = read("a\nb\0c\n", &TextOptions::default()).unwrap_err();
    assert_eq!(
        err.to_string(),
        "line 2: contains a NUL character; is this a binary file?"
    );
}

#[test]
fn examples_read() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/resolution");
    for name in ["base", "afr", "apt", "cept"] {
        let path = dir.join(format!("{name}.txt"));
        let bytes = std::fs::read(&path).unwrap();
        let text = super::super::decode(&bytes).unwrap();
        let doc = read(&text, &TextOptions::default()).unwrap();
        insta::assert_json_snapshot!(format!("text_{name}"), doc);
    }
}

#[test]
fn a_number_wrapped_to_a_line_start_is_no_label_out_of_context() {
    let options = TextOptions {
        openers: Openers::for_tradition(Tradition::Act, None),
        ..TextOptions::default()
    };
    let doc = read(
        "Article 1\n\
         1. Parking in the old town is reserved for residents holding a permit.\n\
         2. A vehicle parked without a permit is liable to a fine of\n\
         40 euros\n\
         for each day it remains in place.\n\
         3. The permit is issued by the town hall on request.\n\
         Article 2\n\
         The fine is raised to\n\
         80 euros\n\
         in a street reserved for deliveries.\n\
         1 year after this ordinance enters into force, it is reviewed.\n\
         Final provisions\n\
         4 Entry into force\n",
        &options,
    )
    .unwrap();
    assert_eq!(
        outline(&doc),
        [
            "# Article 1",
            "1.|Parking in the old town is reserved for residents holding a permit.",
            "2.|A vehicle parked without a permit is liable to a fine of",
            "|40 euros",
            "|for each day it remains in place.",
            "3.|The permit is issued by the town hall on request.",
            "# Article 2",
            "|The fine is raised to",
            "|80 euros",
            "|in a street reserved for deliveries.",
            // After a finished sentence, a number may start a paragraph.
            "1|year after this ordinance enters into force, it is reviewed.",
            // A caption after a heading line is labelled.
            "|Final provisions",
            "4|Entry into force",
        ]
    );
}

#[test]
fn quoted_matter_an_amendment_inserts_has_no_headings_or_labels() {
    let options = TextOptions {
        openers: Openers::for_tradition(Tradition::Act, None),
        ..TextOptions::default()
    };
    let doc = read(
        "Article 1\n\
         (1) in Article 3, paragraph 2 is replaced by the following:\n\
         \u{2018}2. The plan shall be reviewed every three years.\u{2019};\n\
         (2) the following Articles are inserted:\n\
         \u{2018}Article 5a\n\
         Training\n\
         (a) Operators shall train their staff in the operator\u{2019}s safety rules.\n\
         Article 5b\n\
         Records\n\
         Operators shall keep records of the training.\u{2019}.\n\
         (3) in Article 6, \"30 days\" is replaced by \"60 days\".\n\
         (4) after paragraph 3 insert\u{2014}\n\
         \"(3A) A harbour authority must publish a notice of any closure.\n\
         (3B) The notice must state the reasons for the closure.\"\n\
         Article 2\n\
         This Regulation shall enter into force on the day after its publication.\n",
        &options,
    )
    .unwrap();
    assert_eq!(
        outline(&doc),
        [
            "# Article 1",
            "(1)|in Article 3, paragraph 2 is replaced by the following:",
            "|\u{2018}2. The plan shall be reviewed every three years.\u{2019};",
            "(2)|the following Articles are inserted:",
            "|\u{2018}Article 5a",
            "|Training",
            "|(a) Operators shall train their staff in the operator\u{2019}s safety rules.",
            "|Article 5b",
            "|Records",
            "|Operators shall keep records of the training.\u{2019}.",
            "(3)|in Article 6, \"30 days\" is replaced by \"60 days\".",
            "(4)|after paragraph 3 insert\u{2014}",
            "|\"(3A) A harbour authority must publish a notice of any closure.",
            "|(3B) The notice must state the reasons for the closure.\"",
            "# Article 2",
            "|This Regulation shall enter into force on the day after its publication.",
        ]
    );
}

#[test]
fn a_japanese_caption_above_its_article_is_that_articles() {
    let options = TextOptions {
        openers: Openers::for_tradition(Tradition::Act, None),
        ..TextOptions::default()
    };
    let doc = read(
        "港湾安全法\n\n\
         （目的）\n\
         第一条　この法律は、港湾の安全を確保することを目的とする。\n\
         （点検）\n\
         第二条　港湾管理者は、毎年、点検を行わなければならない。\n\
         （施行期日）\n\
         第三条\n\
         この法律は、公布の日から施行する。\n",
        &options,
    )
    .unwrap();
    assert_eq!(
        outline(&doc),
        [
            "# (preamble)",
            "|港湾安全法",
            "# 第一条",
            "|（目的）",
            "|この法律は、港湾の安全を確保することを目的とする。",
            "# 第二条",
            "|（点検）",
            "|港湾管理者は、毎年、点検を行わなければならない。",
            "# 第三条",
            "|（施行期日）",
            "|この法律は、公布の日から施行する。",
        ]
    );
}
