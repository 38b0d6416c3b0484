use super::*;
use crate::write::test_support::sample;
use crate::write::{column_heading, docx, html, markdown, term};

fn index() -> AssemblyIndex {
    AssemblyIndex {
        provisions: vec![
            Provision {
                key: "resolution-44".into(),
                title: "RESOLUTION 44 (Rev. Hammamet, 2016)".into(),
                file: Some("resolution-44.html".into()),
                proposals: vec![
                    ProposalEntry {
                        proposer: "ATU".into(),
                        action: "MOD".into(),
                        number: Some("AFCP/35A8/1".into()),
                        source: Some("Addendum 8 to Document 35".into()),
                    },
                    ProposalEntry {
                        proposer: "<b>RCC</b>".into(),
                        action: "SUP".into(),
                        number: None,
                        source: None,
                    },
                ],
                base: Some("bases/res44.txt".into()),
                base_inferred: false,
                rows: 12,
                changed_rows: 5,
                conflicts: 2,
                notes: Vec::new(),
                error: None,
            },
            Provision {
                key: "question-3-17".into(),
                title: "QUESTION 3/17 <script>".into(),
                file: None,
                proposals: vec![ProposalEntry {
                    proposer: "ATU".into(),
                    action: "NOC".into(),
                    ..ProposalEntry::default()
                }],
                error: Some("cannot write".into()),
                ..Provision::default()
            },
        ],
        proposers: vec!["ATU".into(), "<b>RCC</b>".into(), "CITEL".into()],
        skipped: vec![Skipped {
            file: "apt<1>.docx".into(),
            number: Some("APT/50/1".into()),
            reason: "no title line".into(),
        }],
    }
}

#[test]
fn json_has_the_contract_fields() {
    let mut out = Vec::new();
    write_json(&index(), &mut out).unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    let first = &v["provisions"][0];
    assert_eq!(first["key"], "resolution-44");
    assert_eq!(first["title"], "RESOLUTION 44 (Rev. Hammamet, 2016)");
    assert_eq!(first["file"], "resolution-44.html");
    assert_eq!(
        first["proposals"][0],
        serde_json::json!({"proposer": "ATU", "action": "MOD", "number": "AFCP/35A8/1",
                           "source": "Addendum 8 to Document 35"})
    );
    assert_eq!(first["conflicts"], 2);
    assert_eq!(v["provisions"][1]["file"], serde_json::Value::Null);
    assert_eq!(v["skipped"][0]["number"], "APT/50/1");
}

#[test]
fn html_matrix_escapes_and_counts() {
    let mut out = Vec::new();
    write_html("Assembly <2026>", &index(), &mut out).unwrap();
    let html = String::from_utf8(out).unwrap();
    for raw in ["<b>", "<script>", "<2026>", "apt<1>"] {
        assert!(!html.contains(raw), "{raw} not escaped");
    }
    assert!(html.contains(
        "2 texts · 3 proposals from 3 proposers · 5 rows changed · 2 conflicts · 1 skipped"
    ));
    // One column per proposer: ATU modifies, RCC suppresses, CITEL has
    // nothing to say about Resolution 44.
    assert!(html.contains("<td class=\"action\" title=\"AFCP/35A8/1\">MOD</td>"));
    assert!(html.contains("<td class=\"action\" title=\"\">SUP</td>"));
    assert!(html.contains("<td class=\"action none\">—</td>"));
    assert!(html.contains("href=\"resolution-44.html\""));
    assert!(html.contains("<td class=\"n hot\">2</td>"));
    assert!(html.contains("no title line"));
    insta::assert_snapshot!(html);
}

/// The sample synopsis with its proposals as an assembly heads them: an
/// action, a source document and reasons.
fn assembled() -> Synopsis {
    let mut s = sample();
    for (i, v) in s.versions.iter_mut().enumerate().skip(1) {
        v.marker = Some(if i == 1 { "MOD" } else { "SUP" }.into());
        v.source = Some(format!("Addendum {i} to Document 35"));
        v.reasons = Some(format!("Reasons of {} <i>", v.label));
    }
    s
}

use synoptic_core::Synopsis;

#[test]
fn columns_are_headed_as_the_secretariat_heads_them() {
    let s = assembled();
    let label = s.versions[2].label.clone();
    assert_eq!(
        column_heading(&s, 2),
        format!("Proposal 2 (SUP, Addendum 2 to Document 35) ({label})")
    );
    // The base, and a proposal without a source, keep their label.
    assert_eq!(column_heading(&s, 0), s.versions[0].label);
    assert_eq!(column_heading(&sample(), 1), sample().versions[1].label);
    assert_eq!(column_heading(&s, 99), "");
}

#[test]
fn every_view_shows_the_reasons_under_each_column() {
    let s = assembled();
    let heading = column_heading(&s, 1);

    let mut out = Vec::new();
    html::write(&s, &html::HtmlOptions::default(), &mut out).unwrap();
    let page = String::from_utf8(out).unwrap();
    assert!(page.contains(&heading), "html heading");
    assert!(page.contains("<tr class=\"reasons\">"));
    assert!(page.contains(&format!(
        "<td class=\"reasons\" dir=\"auto\">Reasons of {} &#60;i&#62;</td>",
        s.versions[1].label
    )));

    let mut out = Vec::new();
    markdown::write(&s, &mut out).unwrap();
    let md = String::from_utf8(out).unwrap();
    assert!(md.contains(&heading), "markdown heading");
    let last = md.lines().last().unwrap();
    assert!(last.starts_with("| Reasons |"), "{last}");
    assert!(last.contains(&format!("Reasons of {}", s.versions[2].label)));

    let mut out = Vec::new();
    term::write(
        &s,
        &term::TermOptions {
            width: 400,
            color: false,
        },
        &mut out,
    )
    .unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.contains(&heading), "term heading");
    assert!(text.contains("Reasons"));
    assert!(text.contains(&format!("Reasons of {}", s.versions[1].label)));

    let bytes = docx::synopsis_bytes(&s, &docx::DocxOptions::default()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("word/document.xml").unwrap(), &mut xml)
        .unwrap();
    assert!(xml.contains(&heading), "docx heading");
    assert!(xml.contains(">Reasons<"));
    assert!(xml.contains(&format!("Reasons of {} &lt;i&gt;", s.versions[2].label)));

    // Without reasons, no Reasons row anywhere.
    let mut out = Vec::new();
    markdown::write(&sample(), &mut out).unwrap();
    assert!(!String::from_utf8(out).unwrap().contains("| Reasons |"));
}
