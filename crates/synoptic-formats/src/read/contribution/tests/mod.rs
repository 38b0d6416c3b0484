// Tests may unwrap: a panic there is a failed test, not a crash.
#![allow(clippy::unwrap_used)]

use synoptic_core::{Change, ChangeKind};

use super::*;
use crate::write::docx::{document_bytes, DocumentOptions};

/// A made-up contribution of the African group: a cover, then a MOD with
/// a number, an ADD* of a new resolution, a SUP, a NOC without number
/// and a (MOD).
const AFRICA: &str = "\
WORLD TELECOMMUNICATION STANDARDIZATION ASSEMBLY
New Delhi, 14-23 October 2026

Addendum 8 to Document 35-E
12 September 2026
Original: English

African Telecommunications Union Administrations
AFRICAN COMMON PROPOSALS FOR THE WORK OF THE ASSEMBLY

Abstract: Proposals on electronic working methods and on a new resolution.

MOD\tAFCP/35A8/1

RESOLUTION 301 (Rev. Geneva, 2022)

Electronic working methods and remote participation

The World Telecommunication Standardization Assembly (New Delhi, 2024),

considering

a)\tthat remote participation reduces the cost of taking part in meetings;

resolves

1\tthat documents shall be made available at least 21 calendar days before the meeting;

Reasons:\tDelegates need more time to consult at home.

ADD*\tAFCP/35A8/2

DRAFT NEW RESOLUTION [AFCP-1]

Open data of the Sector

resolves

1\tthat ITU-T publish its statistics as open data;

Reasons: Transparency.

SUP\tAFCP/35A8/3

RESOLUTION 12 (Rev. Hammamet, 2016)

Reasons: Its purpose has been achieved.

NOC

QUESTION 3/17

Reasons:
The Question remains relevant.

(MOD)\tAFCP/35A8/5

RECOMMENDATION ITU-T A.1

Working methods for study groups

Reasons: Editorial.
______________
";

fn read_text(text: &str) -> Contribution {
    read("africa.txt", text.as_bytes(), &AutoOptions::default()).unwrap()
}

fn summary(c: &Contribution) -> Vec<(String, Option<String>, String, Option<String>)> {
    c.proposals
        .iter()
        .map(|p| {
            (
                p.marker.written.clone(),
                p.marker.number.clone(),
                p.title.key(),
                p.reasons.clone(),
            )
        })
        .collect()
}

#[test]
fn text_contribution_every_action() {
    let c = read_text(AFRICA);
    assert_eq!(
        summary(&c),
        vec![
            (
                "MOD".into(),
                Some("AFCP/35A8/1".into()),
                "resolution-301".into(),
                Some("Delegates need more time to consult at home.".into())
            ),
            (
                "ADD*".into(),
                Some("AFCP/35A8/2".into()),
                "resolution-afcp-1".into(),
                Some("Transparency.".into())
            ),
            (
                "SUP".into(),
                Some("AFCP/35A8/3".into()),
                "resolution-12".into(),
                Some("Its purpose has been achieved.".into())
            ),
            (
                "NOC".into(),
                None,
                "question-3-17".into(),
                Some("The Question remains relevant.".into())
            ),
            (
                "(MOD)".into(),
                Some("AFCP/35A8/5".into()),
                "recommendation-itu-t-a-1".into(),
                Some("Editorial.".into())
            ),
        ]
    );
    let actions: Vec<Action> = c.proposals.iter().map(|p| p.marker.action).collect();
    assert_eq!(
        actions,
        [
            Action::Mod,
            Action::Add,
            Action::Sup,
            Action::Noc,
            Action::Mod
        ]
    );
    assert!(c.proposals[1].title.new_text);
    assert!(c.unreadable.is_empty());
    assert_eq!(c.cover.source.as_deref(), Some("Addendum 8 to Document 35"));
    assert_eq!(
        c.cover.group.as_deref(),
        Some("African Telecommunications Union Administrations")
    );
    assert_eq!(
        c.cover.summary.as_deref(),
        Some("Proposals on electronic working methods and on a new resolution.")
    );

    // The MOD's text: the title line and preamble, then its sections.
    let doc = &c.proposals[0].document;
    let outline: Vec<(Option<&str>, Vec<&str>)> = doc
        .sections
        .iter()
        .map(|s| {
            (
                s.opener.as_ref().map(|o| o.text.as_str()),
                s.paragraphs.iter().map(|p| p.text.as_str()).collect(),
            )
        })
        .collect();
    assert_eq!(
        outline,
        vec![
            (
                None,
                vec![
                    "RESOLUTION 301 (Rev. Geneva, 2022)",
                    "Electronic working methods and remote participation",
                    "The World Telecommunication Standardization Assembly (New Delhi, 2024),"
                ]
            ),
            (
                Some("considering"),
                vec!["that remote participation reduces the cost of taking part in meetings;"]
            ),
            (
                Some("resolves"),
                vec!["that documents shall be made available at least 21 calendar days before the meeting;"]
            ),
        ]
    );
    assert_eq!(doc.sections[1].paragraphs[0].label.as_deref(), Some("a)"));
    let meta = &doc.metadata;
    assert_eq!(meta.marker.as_deref(), Some("MOD"));
    assert_eq!(meta.reference.as_deref(), Some("AFCP/35A8/1"));
    assert_eq!(meta.source.as_deref(), Some("Addendum 8 to Document 35"));
    assert_eq!(
        meta.reasons.as_deref(),
        Some("Delegates need more time to consult at home.")
    );
    // The SUP and NOC carry their title line only.
    assert_eq!(c.proposals[2].document.paragraph_count(), 1);
    assert_eq!(
        c.proposals[3].document.metadata.marker.as_deref(),
        Some("NOC")
    );
    assert_eq!(c.proposals[3].document.metadata.reference, None);
}

#[test]
fn hard_wrapped_text_keeps_markers_titles_and_reasons_apart() {
    // No blank lines at all, and prose long enough to read as wrapped.
    let text = "Addendum 2 to Document 40-E\n\
        Regional Commonwealth in the field of Communications\n\
        MOD RCC/40A2/1\n\
        RESOLUTION 301 (Rev. Geneva, 2022)\n\
        The World Telecommunication Standardization Assembly (New Delhi, 2024),\n\
        considering\n\
        a)\tthat remote participation has become the rule rather than the exception\n\
        in most study groups of the Sector;\n\
        Reasons: To reflect practice since 2020, when most meetings moved online\n\
        MOD RCC/40A2/2\n\
        RESOLUTION 302\n\
        considering\n\
        a)\tthat the text in force needs updating in several places where it refers\n\
        to meetings held in person only;\n\
        Reasons: Consistency.\n";
    let c = read_text(text);
    assert_eq!(c.proposals.len(), 2, "{c:#?}");
    assert_eq!(
        c.proposals[0].title.line,
        "RESOLUTION 301 (Rev. Geneva, 2022)"
    );
    assert_eq!(c.proposals[1].marker.number.as_deref(), Some("RCC/40A2/2"));
    assert_eq!(c.proposals[1].reasons.as_deref(), Some("Consistency."));
}

#[test]
fn a_marker_first_in_the_file_still_opens_a_proposal() {
    // The text reader takes a first marker line as the document's marker.
    let c = read_text(
        "MOD CITEL/37A1/1\nRESOLUTION 301\nresolves\n1\tthat it be so;\nReasons: Clarity.\n",
    );
    assert_eq!(summary(&c).len(), 1);
    assert_eq!(
        c.proposals[0].marker.number.as_deref(),
        Some("CITEL/37A1/1")
    );
    assert_eq!(c.cover, Cover::default());
}

#[test]
fn unreadable_proposals_are_reported_and_others_kept() {
    let c = read_text(
        "Document 50-E\nMember States of the Asia-Pacific Telecommunity\n\n\
         MOD APT/50/1\n\nThe following paragraph is amended.\n\nReasons: None given.\n\n\
         MOD APT/50/2\n\nRESOLUTION 301\n\nconsidering\n\na)\tthat this works;\n\nReasons: Fine.\n\n\
         SUP APT/50/3\n",
    );
    assert_eq!(c.proposals.len(), 1);
    assert_eq!(c.proposals[0].marker.number.as_deref(), Some("APT/50/2"));
    let problems: Vec<(Option<&str>, &str)> = c
        .unreadable
        .iter()
        .map(|u| (u.marker.number.as_deref(), u.reason.as_str()))
        .collect();
    assert_eq!(problems.len(), 2);
    assert_eq!(problems[0].0, Some("APT/50/1"));
    assert!(problems[0].1.contains("no title line"), "{}", problems[0].1);
    assert!(problems[0].1.contains("The following paragraph"));
    assert_eq!(problems[1].0, Some("APT/50/3"));
    let ordinals: Vec<usize> = c.unreadable.iter().map(|u| u.ordinal).collect();
    assert_eq!(ordinals, [1, 3]);
}

#[test]
fn a_document_without_proposals_is_an_error() {
    let err = read(
        "notes.txt",
        b"Minutes of the meeting\n\nNothing proposed.\n",
        &AutoOptions::default(),
    )
    .unwrap_err();
    assert!(err.to_string().contains("no proposal found"), "{err}");
    // Bytes that are not text are refused, not parsed.
    assert!(read("x.txt", b"ab\xFFcd", &AutoOptions::default()).is_err());
    assert!(read("x.docx", b"PK\x03\x04 broken", &AutoOptions::default()).is_err());
}

#[test]
fn marker_lines() {
    let m = Marker::parse("ADD*\tIAP/39A18/2").unwrap();
    assert_eq!((m.action, m.written.as_str()), (Action::Add, "ADD*"));
    assert_eq!(m.number.as_deref(), Some("IAP/39A18/2"));
    assert_eq!(Marker::parse("SUP*").unwrap().action, Action::Sup);
    assert_eq!(
        Marker::parse("(MOD)  ACP/64A1/3").unwrap().action,
        Action::Mod
    );
    assert_eq!(Marker::parse("NOC").unwrap().number, None);
    assert!(Marker::parse("ADD a new paragraph after the first").is_none());
    assert!(Marker::parse("ADD 3 new paragraphs").is_none());
    assert!(Marker::parse("MOD <b>1</b>").is_none());
    assert_eq!(
        Marker::parse("MOD WTSA C-035").unwrap().number.as_deref(),
        Some("WTSA C-035")
    );
    assert_eq!(
        Marker::parse("SUP TSAG-C187-R1").unwrap().number.as_deref(),
        Some("TSAG-C187-R1")
    );
    assert!(Marker::parse("MODIFY").is_none());
    // Any case; a trailing slash is not part of the number.
    let m = Marker::parse("mod   AFCP/35A8/1/").unwrap();
    assert_eq!((m.action, m.written.as_str()), (Action::Mod, "MOD"));
    assert_eq!(m.number.as_deref(), Some("AFCP/35A8/1"));
    assert_eq!(Marker::parse("Sup*").unwrap().action, Action::Sup);
    assert!(Marker::parse("Add three paragraphs").is_none());
    assert!(Marker::parse("Modify").is_none());
    assert_eq!(
        proposal_number("ECP/33A3/4/").as_deref(),
        Some("ECP/33A3/4")
    );
    assert_eq!(proposal_number("The text follows"), None);
    assert_eq!(proposal_number("RESOLUTION 44"), None);
    assert!(Marker::parse("MOD RESOLUTION 44").is_none());
}

fn paragraph(text: &str) -> Paragraph {
    Paragraph::new(text)
}

fn revised(changes: Vec<Change>) -> Paragraph {
    Paragraph {
        text: synoptic_core::model::result_of(&changes).into(),
        revision: Some(changes),
        ..Paragraph::default()
    }
}

/// A contribution written as Word, with the proposer's tracked changes:
/// the Word reader takes its markers out of the text, and the parser gives
/// them back to the proposals in order.
#[test]
fn word_contribution_keeps_tracked_changes() {
    let author = |mut c: Change| {
        c.author = Some("CEPT".into());
        c
    };
    let document = Document {
        sections: vec![
            Section {
                opener: None,
                paragraphs: vec![
                    paragraph("Addendum 3 to Document 33-E"),
                    paragraph(
                        "European Conference of Postal and Telecommunications Administrations",
                    ),
                    paragraph("Abstract: CEPT proposes shorter deadlines and drops Resolution 12."),
                    paragraph("MOD\tECP/33A3/1"),
                    revised(vec![
                        Change::equal("RESOLUTION 301 (Rev. "),
                        author(Change::delete("Geneva, 2022")),
                        author(Change::insert("New Delhi, 2024")),
                        Change::equal(")"),
                    ]),
                ],
            },
            Section {
                opener: Some(paragraph("resolves")),
                paragraphs: vec![
                    revised(vec![
                        Change::equal("that documents shall be made available at least "),
                        author(Change::delete("12")),
                        author(Change::insert("28")),
                        Change::equal(" calendar days before the meeting;"),
                    ]),
                    paragraph("Reasons:\tMore time to prepare."),
                    paragraph("MOD\tECP/33A3/2"),
                    paragraph("The second paragraph is replaced by the following."),
                    paragraph("Reasons:\tA proposal without a title line."),
                    paragraph("SUP\tECP/33A3/3"),
                    paragraph("RESOLUTION 12 (Rev. Hammamet, 2016)"),
                    paragraph("Reasons:\tAchieved."),
                ],
            },
        ],
        ..Document::default()
    };
    let bytes = document_bytes(&document, &DocumentOptions::default()).unwrap();
    let c = read("cept.docx", &bytes, &AutoOptions::default()).unwrap();
    // The proposal without a title is reported with its own number, and
    // the next one keeps its number.
    assert_eq!(c.unreadable.len(), 1, "{:?}", c.unreadable);
    assert_eq!(c.unreadable[0].marker.number.as_deref(), Some("ECP/33A3/2"));
    assert_eq!(c.proposals.len(), 2, "{c:#?}");
    let first = &c.proposals[0];
    assert_eq!(first.marker.number.as_deref(), Some("ECP/33A3/1"));
    assert_eq!(first.title.key(), "resolution-301");
    assert_eq!(first.title.line, "RESOLUTION 301 (Rev. New Delhi, 2024)");
    let title = &first.document.sections[0].paragraphs[0];
    assert_eq!(
        title.original_text(),
        "RESOLUTION 301 (Rev. Geneva, 2022)",
        "the title keeps its tracked change"
    );
    let resolves = &first.document.sections[1].paragraphs[0];
    let revision = resolves.revision.as_ref().unwrap();
    assert!(revision
        .iter()
        .any(|c| c.kind == ChangeKind::Insert && c.text.as_str() == "28"));
    assert_eq!(first.reasons.as_deref(), Some("More time to prepare."));
    assert_eq!(
        first.document.metadata.source.as_deref(),
        Some("Addendum 3 to Document 33")
    );
    let second = &c.proposals[1];
    assert_eq!(
        (second.marker.action, second.marker.number.as_deref()),
        (Action::Sup, Some("ECP/33A3/3"))
    );
    assert_eq!(second.title.key(), "resolution-12");
    assert_eq!(
        c.cover.group.as_deref(),
        Some("European Conference of Postal and Telecommunications Administrations")
    );
}

#[test]
fn markdown_contribution() {
    let md = "Addendum 1 to Document 37-E\n\nInter-American Telecommunication Commission\n\n\
              MOD IAP/37A1/1\n\nRESOLUTION 301\n\n# resolves\n\n1. that the deadline be {--12--}{++14++} days;\n\n\
              Reasons: Balance.\n";
    let c = read("citel.md", md.as_bytes(), &AutoOptions::default()).unwrap();
    assert_eq!(c.proposals.len(), 1, "{c:#?}");
    let p = &c.proposals[0];
    assert_eq!(p.title.key(), "resolution-301");
    let tracked = p.document.paragraphs().any(|para| para.revision.is_some());
    assert!(tracked, "{:#?}", p.document);
    assert_eq!(p.reasons.as_deref(), Some("Balance."));
}

proptest::proptest! {
    /// Whatever the lines, reading never panics, every proposal starts
    /// with its title line, and every marker is either a proposal or
    /// reported.
    #[test]
    fn any_layout_reads_or_fails_cleanly(
        lines in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("MOD\tX/1/1".to_string()),
                proptest::strategy::Just("SUP".to_string()),
                proptest::strategy::Just("ADD*\tX/2".to_string()),
                proptest::strategy::Just("RESOLUTION 4 (Rev. 2020)".to_string()),
                proptest::strategy::Just("DRAFT NEW RESOLUTION [X-1]".to_string()),
                proptest::strategy::Just("Reasons:".to_string()),
                proptest::strategy::Just("Reasons: because".to_string()),
                proptest::strategy::Just("considering".to_string()),
                proptest::strategy::Just("Addendum 1 to".to_string()),
                proptest::strategy::Just("MOD  RESOLUTION 5".to_string()),
                proptest::strategy::Just("sup X/3/3/".to_string()),
                proptest::strategy::Just("X/4/4".to_string()),
                proptest::strategy::Just("(Rev. 2021)".to_string()),
                proptest::strategy::Just("[bookmark: b]QUESTION 2/9".to_string()),
                proptest::strategy::Just("RESOLUTION\u{a0}6".to_string()),
                proptest::strategy::Just("______________".to_string()),
                proptest::strategy::Just("Annex".to_string()),
                proptest::strategy::Just(String::new()),
                "[a-z)( \t1.:]{0,24}",
            ],
            0..30,
        )
    ) {
        let text = lines.join("\n");
        let is_marker = |l: &String| {
            Marker::parse(l).is_some() || Marker::parse_with_title(l).is_some()
        };
        let markers = lines.iter().filter(|l| is_marker(l)).count();
        if let Ok(c) = read("p.txt", text.as_bytes(), &AutoOptions::default()) {
            for p in &c.proposals {
                let first = p
                    .document
                    .paragraphs()
                    .next()
                    .map(|q| q.text.split_whitespace().collect::<Vec<_>>().join(" "));
                proptest::prop_assert_eq!(first.as_deref(), Some(p.title.line.as_str()));
            }
            // The text reader keeps only the last of several marker lines
            // that open a file; after anything else, each one counts.
            let found = c.proposals.len() + c.unreadable.len();
            let opens_with_marker = lines
                .iter()
                .find(|l| !l.trim().is_empty())
                .is_some_and(is_marker);
            if opens_with_marker {
                proptest::prop_assert!(found <= markers);
            } else {
                proptest::prop_assert_eq!(found, markers);
            }
        }
    }
}

mod typed;
