//! Contributions as groups really type them: actions in any case,
//! numbers on their own line, titles over two lines or after the action,
//! reasons and markers in tables, what follows the last proposal.

use synoptic_core::Change;

use super::*;

/// Proposals as groups type them: an action in lower case with a trailing
/// slash, the number on the line after the action, empty reasons followed
/// by an attachment, and a proposal without reasons ended by the line of
/// underscores, after which an annex must not leak into it.
#[test]
fn markers_numbers_and_ends_as_typed() {
    let c = read_text(
        "Document 36(Add.2)-E\nOriginal: Spanish\nSource: CITEL\n\n\
         mod   IAP/36A2/1/\n\nResolution 77 (Rev. Lisbon, 2019)\n\nresolves\n\n\
         1\tthat fellowships be offered;\n\nMotivos:\n\nMore fellowships.\n\n\
         SUP*\nIAP/36A2/2\nQUESTION 9/11\nReasons:\n\nAttachment: the sponsors\n\n\
         Argentina, Brazil\n\n\
         ADD\tIAP/36A2/3\n\nDRAFT NEW RESOLUTION [IAP-1]\n\nresolves\n\n\
         1\tthat data be open;\n\n______________\n\nANNEX\n\nList of supporting administrations\n",
    );
    assert_eq!(
        summary(&c),
        [
            (
                "MOD".into(),
                Some("IAP/36A2/1".into()),
                "resolution-77".into(),
                Some("More fellowships.".into())
            ),
            (
                "SUP*".into(),
                Some("IAP/36A2/2".into()),
                "question-9-11".into(),
                None
            ),
            (
                "ADD".into(),
                Some("IAP/36A2/3".into()),
                "resolution-iap-1".into(),
                None
            ),
        ]
    );
    assert!(c.unreadable.is_empty(), "{:?}", c.unreadable);
    assert_eq!(c.cover.source.as_deref(), Some("Addendum 2 to Document 36"));
    let added = &c.proposals[2].document;
    let text: Vec<&str> = added
        .sections
        .iter()
        .flat_map(|s| s.opener.iter().chain(&s.paragraphs))
        .map(|p| p.text.as_str())
        .collect();
    assert!(
        text.iter()
            .all(|t| !t.contains("ANNEX") && !t.contains("supporting")),
        "{text:?}"
    );
}

/// A title broken over two lines, as typed (`RESOLUTION 77` then the
/// revision it cites) or with a soft line break in Word, is one title line,
/// as the text in force has it; a tracked change in it is kept.
#[test]
fn a_title_over_two_lines_is_one_line() {
    let c = read_text(
        "Document 38-E\nAsia-Pacific Telecommunity\n\nMOD\tAPT/38/1\nRESOLUTION 77\n\
         (Rev. Lisbon, 2019)\nTravel costs\n(Quito, 2011; Lisbon, 2019)\nReasons: Clarity.\n",
    );
    assert_eq!(c.proposals.len(), 1, "{c:#?}");
    let proposal = &c.proposals[0];
    assert_eq!(proposal.title.line, "RESOLUTION 77 (Rev. Lisbon, 2019)");
    let texts: Vec<&str> = proposal.document.sections[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(
        texts,
        [
            "RESOLUTION 77 (Rev. Lisbon, 2019)",
            "Travel costs",
            "(Quito, 2011; Lisbon, 2019)"
        ]
    );

    let document = Document {
        sections: vec![Section {
            opener: None,
            paragraphs: vec![
                paragraph("Document 41-E"),
                paragraph("MOD ARB/41/1"),
                revised(vec![
                    Change::equal("RESOLUTION 77\n(Rev. "),
                    Change::delete("Lisbon, 2019"),
                    Change::insert("Oslo, 2026"),
                    Change::equal(")"),
                ]),
                paragraph("Reasons: Dates."),
                paragraph("MOD ARB/41/2"),
                paragraph("QUESTION 9/11"),
                revised(vec![
                    Change::equal("(Rev. "),
                    Change::insert("Oslo, 2026"),
                    Change::equal(")"),
                ]),
                paragraph("(Rev. 2) is not joined twice"),
                paragraph("Reasons: Dates."),
            ],
        }],
        ..Document::default()
    };
    let c = from_document(&document).unwrap();
    assert_eq!(c.proposals.len(), 2, "{c:#?}");
    let title = &c.proposals[0].document.sections[0].paragraphs[0];
    assert_eq!(title.text, "RESOLUTION 77 (Rev. Oslo, 2026)");
    assert_eq!(title.original_text(), "RESOLUTION 77 (Rev. Lisbon, 2019)");
    let second = &c.proposals[1].document.sections[0].paragraphs;
    assert_eq!(second[0].text, "QUESTION 9/11 (Rev. Oslo, 2026)");
    assert_eq!(second[0].original_text(), "QUESTION 9/11 (Rev. )");
    assert_eq!(c.proposals[1].title.line, "QUESTION 9/11 (Rev. Oslo, 2026)");
    assert_eq!(second[1].text, "(Rev. 2) is not joined twice");

    // The line broken inside the revision.
    let c = read_text(
        "Document 38-E\nAsia-Pacific Telecommunity\n\nMOD\tAPT/38/2\nRESOLUTION 77 (Rev.\n\
         Lisbon, 2019)\nTravel costs\nReasons: Clarity.\n",
    );
    assert_eq!(c.proposals.len(), 1, "{c:#?}");
    assert_eq!(
        c.proposals[0].title.line,
        "RESOLUTION 77 (Rev. Lisbon, 2019)"
    );
    let texts: Vec<&str> = c.proposals[0].document.sections[0]
        .paragraphs
        .iter()
        .map(|p| p.text.as_str())
        .collect();
    assert_eq!(texts, ["RESOLUTION 77 (Rev. Lisbon, 2019)", "Travel costs"]);
}

/// In Word the action may stand on a line of its own (which the reader
/// takes out of the text) above the number: the number, left in the text,
/// is the next proposal's, not the reasons of the one before.
#[test]
fn a_number_left_alone_belongs_to_the_next_proposal() {
    let mut document = Document {
        sections: vec![Section {
            opener: None,
            paragraphs: vec![
                paragraph("Document 44-E"),
                paragraph("14/01/2026"),
                paragraph("NOC"),
                paragraph("QUESTION 9/11"),
                paragraph("Reasons:"),
                paragraph("IAP/44/3"),
                paragraph("DRAFT NEW RESOLUTION [IAP-2]"),
                paragraph("Open meetings"),
                paragraph("Reasons: Openness."),
                paragraph("IAP/44/4"),
                paragraph("RESOLUTION 77"),
                paragraph("Reasons: Obsolete."),
            ],
        }],
        ..Document::default()
    };
    document.metadata.notes = vec!["marker ADD*".into(), "marker SUP*".into()];
    let c = from_document(&document).unwrap();
    let got: Vec<(Action, Option<&str>, String, Option<&str>)> = c
        .proposals
        .iter()
        .map(|p| {
            (
                p.marker.action,
                p.marker.number.as_deref(),
                p.title.key(),
                p.reasons.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (Action::Noc, None, "question-9-11".into(), None),
            (
                Action::Add,
                Some("IAP/44/3"),
                "resolution-iap-2".into(),
                Some("Openness.")
            ),
            (
                Action::Sup,
                Some("IAP/44/4"),
                "resolution-77".into(),
                Some("Obsolete.")
            ),
        ]
    );
    assert!(c.unreadable.is_empty(), "{:?}", c.unreadable);
    // A date is not a number left alone.
    assert_eq!(lone_number("14/01/2026"), None);
    assert_eq!(lone_number("3/17"), None);
    assert_eq!(lone_number("IAP/44/3").as_deref(), Some("IAP/44/3"));
}

/// Word's title styles show `Resolution 77` in capitals while the text is
/// typed in mixed case: after a marker the reader took out, such a title
/// still opens the proposal when nothing but its revision follows the
/// number, and prose that starts the same way does not.
#[test]
fn a_title_in_mixed_case_after_a_marker_taken_out() {
    let mut document = Document {
        sections: vec![Section {
            opener: None,
            paragraphs: vec![
                paragraph("Document 44-E"),
                paragraph("Resolution 77 was adopted in Quito."),
                paragraph("Resolution 77 (Rev. Lisbon, 2019)"),
                paragraph("Reducing costs"),
                paragraph("Reasons: Costs."),
                paragraph("Question 9/11 – Signalling"),
                paragraph("Reasons: Done."),
            ],
        }],
        ..Document::default()
    };
    document.metadata.marker = Some("MOD".into());
    document.metadata.reference = Some("IAP/44/1".into());
    document.metadata.notes = vec!["marker SUP IAP/44/2".into()];
    let c = from_document(&document).unwrap();
    let keys: Vec<(Option<&str>, String)> = c
        .proposals
        .iter()
        .map(|p| (p.marker.number.as_deref(), p.title.key()))
        .collect();
    assert_eq!(
        keys,
        [
            (Some("IAP/44/1"), "resolution-77".into()),
            (Some("IAP/44/2"), "question-9-11".into())
        ]
    );
    assert_eq!(c.proposals[0].document.paragraph_count(), 2);
}

/// The action and the title on one line, as one group's cell of the
/// seed has them, with or without a number; `[bookmark: ...]` marks of a
/// Word document flattened to text do not hide a title; in Word, the title
/// keeps its tracked change once the action before it is taken off.
#[test]
fn marker_and_title_on_one_line() {
    let (m, t) = Marker::parse_with_title("MOD  RESOLUTION 77 (Rev. Lisbon, 2019)").unwrap();
    assert_eq!((m.action, m.number), (Action::Mod, None));
    assert_eq!(t.key(), "resolution-77");
    let (m, t) = Marker::parse_with_title("sup\tRCC/40/3 QUESTION 9/11").unwrap();
    assert_eq!(
        (m.action, m.number.as_deref()),
        (Action::Sup, Some("RCC/40/3"))
    );
    assert_eq!(t.key(), "question-9-11");
    assert!(Marker::parse_with_title("ADD a new resolves 4").is_none());
    let (m, t) = Marker::parse_with_title("MOD AFCP/35A8/1 RESOLUTION 44").unwrap();
    assert_eq!(m.number.as_deref(), Some("AFCP/35A8/1"));
    assert_eq!(t.key(), "resolution-44");
    assert!(Marker::parse("MOD AFCP/35A8/1 RESOLUTION 44").is_none());
    assert!(Marker::parse_with_title("MOD the text of Resolution 77").is_none());

    let c = read_text(
        "Document 39-E\nCITEL\n\nMOD\tIAP/39/1\n[bookmark: _Toc1]RESOLUTION 77 (Rev. Lisbon, 2019)\n\
         [bookmark: _Toc2]Reducing costs\nReasons: One.\n\n\
         MOD  RESOLUTION 12 (Rev. Lisbon, 2019)\nLiaison\nReasons: Two.\n",
    );
    assert!(c.unreadable.is_empty(), "{:?}", c.unreadable);
    let got: Vec<(Option<&str>, String, Vec<&str>)> = c
        .proposals
        .iter()
        .map(|p| {
            (
                p.marker.number.as_deref(),
                p.title.key(),
                p.document.sections[0]
                    .paragraphs
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (
                Some("IAP/39/1"),
                "resolution-77".into(),
                vec!["RESOLUTION 77 (Rev. Lisbon, 2019)", "Reducing costs"]
            ),
            (
                None,
                "resolution-12".into(),
                vec!["RESOLUTION 12 (Rev. Lisbon, 2019)", "Liaison"]
            ),
        ]
    );

    let document = Document {
        sections: vec![Section {
            opener: None,
            paragraphs: vec![
                paragraph("Document 40-E"),
                revised(vec![
                    Change::equal("MOD\tRESOLUTION 77 (Rev. "),
                    Change::delete("Lisbon, 2019"),
                    Change::insert("Oslo, 2026"),
                    Change::equal(")"),
                ]),
                paragraph("Reasons: Dates."),
            ],
        }],
        ..Document::default()
    };
    let c = from_document(&document).unwrap();
    let title = &c.proposals[0].document.sections[0].paragraphs[0];
    assert_eq!(title.text, "RESOLUTION 77 (Rev. Oslo, 2026)");
    assert_eq!(title.original_text(), "RESOLUTION 77 (Rev. Lisbon, 2019)");
}

/// A Markdown contribution that lays its marker and its reasons out as
/// pipe-table rows reads as if they were lines.
#[test]
fn pipe_table_rows_are_lines() {
    let c = read(
        "apt.md",
        b"Document 46-E\n\n| | |\n|---|---|\n| MOD | APT/46/1 |\n\n\
          RESOLUTION 77 (Rev. Lisbon, 2019)\n\nReducing costs\n\n\
          | Reasons: | A table row. |\n|---|---|\n\n_______________\n\nAnnex: list\n",
        &AutoOptions::default(),
    )
    .unwrap();
    assert_eq!(
        summary(&c),
        [(
            "MOD".into(),
            Some("APT/46/1".into()),
            "resolution-77".into(),
            Some("A table row.".into())
        )]
    );
    assert_eq!(c.proposals[0].document.paragraph_count(), 2);
    assert_eq!(pipe_rows_as_lines("no | table"), "no | table");
}

/// Reasons hard-wrapped over several lines, as plain-text mail wraps
/// them, are one paragraph; the next marker and the end line still stand
/// apart from them.
#[test]
fn wrapped_reasons_are_one_paragraph() {
    let c = read_text(
        "Addendum 2 to Document 40-E\nRegional Commonwealth in the field of Communications\n\n\
         MOD RCC/40A2/1\nRESOLUTION 301 (Rev. Geneva, 2022)\n\n\
         considering\n\na)\tthat remote participation has become the rule rather than the\n\
         exception in most study groups of the Sector, whose meetings moved online;\n\n\
         Reasons: To reflect the practice of the Sector since 2020, when most of\n\
         the meetings of its study groups moved online for good.\n\
         MOD RCC/40A2/2\nRESOLUTION 302\n\nconsidering\n\n\
         a)\tthat the text in force needs updating in several places where it\n\
         refers to meetings held in person only and to paper documents;\n\n\
         Reasons: Consistency with Resolution 301, which the same group\n\
         proposes to revise.\n______________\nAnnex: the members of the group\n",
    );
    assert_eq!(
        summary(&c),
        [
            (
                "MOD".into(),
                Some("RCC/40A2/1".into()),
                "resolution-301".into(),
                Some(
                    "To reflect the practice of the Sector since 2020, when most of \
                     the meetings of its study groups moved online for good."
                        .into()
                )
            ),
            (
                "MOD".into(),
                Some("RCC/40A2/2".into()),
                "resolution-302".into(),
                Some(
                    "Consistency with Resolution 301, which the same group proposes to revise."
                        .into()
                )
            ),
        ]
    );
}

/// A SUP in Word strikes its whole text through, title line included: the
/// title it deletes still names the text, after a marker in the text or
/// one the reader took out.
#[test]
fn a_struck_title_names_the_text() {
    let struck = |text: &str| revised(vec![Change::delete(text)]);
    let mut document = Document {
        sections: vec![Section {
            opener: None,
            paragraphs: vec![
                paragraph("Document 47-E"),
                paragraph("SUP"),
                struck("QUESTION 9/11"),
                struck("Interworking of signalling protocols"),
                paragraph("Reasons:\tDone."),
                struck("RECOMMENDATION ITU-T A.7 (Rev. 2019)"),
                struck("Focus groups"),
                paragraph("Reasons:\tGone."),
            ],
        }],
        ..Document::default()
    };
    document.metadata.notes = vec!["marker SUP Y/47/2".into()];
    let c = from_document(&document).unwrap();
    assert!(c.unreadable.is_empty(), "{:?}", c.unreadable);
    let got: Vec<(Option<&str>, String, usize)> = c
        .proposals
        .iter()
        .map(|p| {
            (
                p.marker.number.as_deref(),
                p.title.key(),
                p.document.paragraph_count(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            (None, "question-9-11".into(), 2),
            (Some("Y/47/2"), "recommendation-itu-t-a-7".into(), 2)
        ]
    );
}

/// Empty reasons in Word, then the next proposal's title whose marker the
/// reader took out: the title opens that proposal, it is not the reasons.
#[test]
fn empty_reasons_before_a_title_whose_marker_was_taken_out() {
    let mut document = Document {
        sections: vec![Section {
            opener: None,
            paragraphs: vec![
                paragraph("Document 48-E"),
                paragraph("RESOLUTION 77 (Rev. Lisbon, 2019)"),
                paragraph("Reducing costs"),
                paragraph("Reasons:"),
                paragraph("RESOLUTION 12"),
                paragraph("Liaison"),
                paragraph("Reasons:\tClearer."),
            ],
        }],
        ..Document::default()
    };
    document.metadata.marker = Some("MOD".into());
    document.metadata.reference = Some("Z/48/1".into());
    document.metadata.notes = vec!["marker SUP Z/48/2".into()];
    let c = from_document(&document).unwrap();
    assert!(c.unreadable.is_empty(), "{:?}", c.unreadable);
    assert_eq!(
        summary(&c),
        [
            (
                "MOD".into(),
                Some("Z/48/1".into()),
                "resolution-77".into(),
                None
            ),
            (
                "SUP".into(),
                Some("Z/48/2".into()),
                "resolution-12".into(),
                Some("Clearer.".into())
            ),
        ]
    );
}

/// A proposal without reasons in Word, then the next proposal's title
/// whose marker the reader took out: the title starts the next proposal,
/// while an annex heading or a mention of the text itself stays in it.
#[test]
fn a_title_after_a_proposal_without_reasons() {
    let mut document = Document {
        sections: vec![Section {
            opener: None,
            paragraphs: vec![
                paragraph("Document 49-E"),
                paragraph("RESOLUTION 77 (Rev. Lisbon, 2019)"),
                paragraph("Reducing costs"),
                paragraph("ANNEX A"),
                paragraph("RESOLUTION 77"),
                paragraph("QUESTION 9/11 (Rev. 2022)"),
                paragraph("Interworking"),
                paragraph("Reasons:\tDone."),
            ],
        }],
        ..Document::default()
    };
    document.metadata.marker = Some("MOD".into());
    document.metadata.reference = Some("W/49/1".into());
    document.metadata.notes = vec!["marker NOC W/49/2".into()];
    let c = from_document(&document).unwrap();
    assert!(c.unreadable.is_empty(), "{:?}", c.unreadable);
    assert_eq!(
        summary(&c),
        [
            (
                "MOD".into(),
                Some("W/49/1".into()),
                "resolution-77".into(),
                None
            ),
            (
                "NOC".into(),
                Some("W/49/2".into()),
                "question-9-11".into(),
                Some("Done.".into())
            ),
        ]
    );
    assert_eq!(c.proposals[0].document.paragraph_count(), 4);
}
