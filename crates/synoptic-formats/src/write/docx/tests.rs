//! Tests of the .docx writer: read back by our reader, and the examples.

use std::io::Read;
use std::path::{Path, PathBuf};

use synoptic_core::structure::Openers;
use synoptic_core::{compare, CompareOptions, VersionInput};

use synoptic_core::{Change, ChangeKind, Paragraph};

use super::*;
use crate::read::{self, docx as reader, markdown, text};
use crate::write::{cells_by_version, display_ops};

fn examples() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
}

fn resolution_synopsis() -> Synopsis {
    let dir = examples().join("resolution");
    let load = |name: &str, label: &str| {
        let bytes = std::fs::read(dir.join(format!("{name}.txt"))).unwrap();
        let content = read::decode(&bytes).unwrap();
        VersionInput {
            label: label.to_string(),
            document: text::read(&content, &text::TextOptions::default()).unwrap(),
        }
    };
    let base = load("base", "base");
    let proposals = [load("afr", "AFR"), load("apt", "APT"), load("cept", "CEPT")];
    compare(Some(&base), &proposals, &CompareOptions::default()).unwrap()
}

/// Reads a .docx back, tracked changes kept, with no openers: every
/// cell paragraph stays a paragraph.
fn read_back(bytes: &[u8]) -> Document {
    reader::read(
        bytes,
        &reader::DocxOptions {
            track_changes: reader::TrackChanges::All,
            openers: Openers::empty(),
        },
    )
    .unwrap()
}

type Op = (ChangeKind, String, Option<String>);

/// Changes with adjacent runs of the same kind and author merged and
/// empty ones dropped, as `(kind, text, author)`.
fn normalized(changes: &[Change]) -> Vec<Op> {
    let mut out: Vec<Op> = Vec::new();
    for c in changes.iter().filter(|c| !c.text.is_empty()) {
        let author = match c.kind {
            ChangeKind::Equal => None,
            _ => c.author.clone(),
        };
        match out.last_mut() {
            Some(last) if last.0 == c.kind && last.2 == author => last.1.push_str(&c.text),
            _ => out.push((c.kind, c.text.to_string(), author)),
        }
    }
    out
}

fn paragraph_ops(p: &Paragraph) -> Vec<Op> {
    match &p.revision {
        Some(changes) => normalized(changes),
        None => normalized(&[Change::equal(p.text.clone())]),
    }
}

#[test]
fn synopsis_round_trip_keeps_cells_ops_and_authors() {
    let synopsis = resolution_synopsis();
    let bytes = synopsis_bytes(&synopsis, &DocxOptions::default()).unwrap();
    let doc = read_back(&bytes);
    let read: Vec<&Paragraph> = doc.paragraphs().collect();
    let start = read
        .iter()
        .position(|p| synopsis.rows.first().is_some_and(|r| p.text == r.id))
        .unwrap();
    let mut got = read[start..].iter();
    let mut checked_changes = 0;
    let conflicts = synoptic_core::consolidate::row_conflicts(&synopsis);
    for (row, conflict) in synopsis.rows.iter().zip(&conflicts) {
        let id = got.next().unwrap();
        assert_eq!(id.text, row.id);
        // A row where proposals collide says so, and who, under its id.
        if let Some(conflict) = conflict {
            let note = got.next().unwrap();
            assert_eq!(
                note.text,
                format!("conflict: {}", conflict.proposers.join(", "))
            );
        }
        for (version, cell) in synopsis
            .versions
            .iter()
            .zip(cells_by_version(&synopsis, row))
        {
            let Some(cell) = cell else { continue };
            let expected: Vec<Change> = display_ops(cell)
                .into_iter()
                // One Word author per proposer: its label.
                .map(|c| Change {
                    author: Some(version.label.clone()),
                    ..c
                })
                .collect();
            let expected = normalized(&expected);
            if expected.iter().all(|(_, t, _)| t.trim().is_empty()) && cell.label.is_none() {
                continue;
            }
            let p = got.next().unwrap();
            assert_eq!(p.label, cell.label, "{} {}", row.id, version.label);
            let former = cell
                .former_label
                .clone()
                .filter(|f| Some(f) != cell.label.as_ref());
            assert_eq!(p.former_label, former, "{} {}", row.id, version.label);
            assert_eq!(paragraph_ops(p), expected, "{} {}", row.id, version.label);
            checked_changes += expected.iter().filter(|o| o.0 != ChangeKind::Equal).count();
            if let Some(moved) = &cell.moved {
                let note = got.next().unwrap();
                assert!(note.text.ends_with(moved.as_str()), "{}", note.text);
            }
        }
    }
    assert!(got.next().is_none());
    assert!(checked_changes > 20, "{checked_changes}");
    assert_eq!(conflicts.iter().flatten().count(), 1, "resolves/3");
}

#[test]
fn arabic_cells_are_right_to_left() {
    let mut s = crate::write::test_support::sample();
    let arabic = "أن القرار 154 (المراجَع في دبي، 2018)";
    s.rows[1].cells[1].text = arabic.into();
    s.rows[1].cells[1].ops = vec![synoptic_core::Change::equal(arabic)];
    let bytes = synopsis_bytes(&s, &DocxOptions::default()).unwrap();
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("<w:bidi/>"));
    assert!(xml.contains("<w:rtl/>"));
    // Latin cells stay left to right.
    assert_eq!(xml.matches("<w:bidi/>").count(), 1);
}

#[test]
fn output_is_deterministic_and_well_formed() {
    let synopsis = resolution_synopsis();
    let a = synopsis_bytes(&synopsis, &DocxOptions::default()).unwrap();
    let b = synopsis_bytes(&synopsis, &DocxOptions::default()).unwrap();
    assert_eq!(a, b);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
    let mut document = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut document)
        .unwrap();
    assert!(document.contains("<w:tblHeader/>"));
    assert!(document.contains("w:orient=\"landscape\""));
    assert!(document.contains("<w:ins w:id=\""));
    assert!(document.contains("<w:del w:id=\""));
    assert!(document.contains("<w:delText xml:space=\"preserve\">"));
    // Revision ids are unique.
    let mut ids: Vec<&str> = document
        .split("<w:ins w:id=\"")
        .chain(document.split("<w:del w:id=\""))
        .skip(1)
        .filter_map(|s| s.split('"').next())
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert!(n > 20 && ids.len() == n, "{n} {}", ids.len());
}

#[test]
fn text_is_escaped_and_cleaned() {
    let mut synopsis = resolution_synopsis();
    synopsis.versions[1].label = "A&B <\"x\">".into();
    synopsis.rows[0].notes = vec!["Comments: <i>x</i> & \u{1b}y".into()];
    let cell = &mut synopsis.rows[0].cells[1];
    cell.ops = vec![
        Change::equal("a <b> & \u{1b}c"),
        Change::insert("\"q\"\t'r'"),
    ];
    let bytes = synopsis_bytes(
        &synopsis,
        &DocxOptions {
            title: "T & <t>".into(),
        },
    )
    .unwrap();
    let doc = read_back(&bytes);
    let texts: Vec<&str> = doc.paragraphs().map(|p| p.text.as_str()).collect();
    assert_eq!(texts[0], "T & <t>");
    assert!(texts.contains(&"A&B <\"x\">"));
    // A row's notes, under its name.
    assert!(texts.contains(&"Comments: <i>x</i> & y"), "{texts:?}");
    let p = doc
        .paragraphs()
        .find(|p| p.text.starts_with("a <b>"))
        .unwrap();
    assert_eq!(
        paragraph_ops(p),
        [
            (ChangeKind::Equal, "a <b> & c".to_string(), None),
            (
                ChangeKind::Insert,
                "\"q\"\t'r'".to_string(),
                Some("A&B <\"x\">".to_string())
            ),
        ]
    );
}

fn markdown_doc(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let content = read::decode(&bytes).unwrap();
    markdown::read(&content, &markdown::MarkdownOptions::default()).unwrap()
}

/// The example proposals as .docx: the Markdown ones with their
/// CriticMarkup written as Word revisions by each proposer.
fn example_documents() -> Vec<(&'static str, Vec<u8>)> {
    let dir = examples().join("resolution-md");
    [("base", None), ("afr", Some("AFR")), ("cept", Some("CEPT"))]
        .into_iter()
        .map(|(name, proposer)| {
            let mut doc = markdown_doc(&dir.join(format!("{name}.md")));
            if let Some(p) = proposer {
                doc.metadata.marker = Some("MOD".into());
                doc.metadata.reference = Some(format!("{p}/302/1"));
            }
            let options = DocumentOptions {
                title: None,
                author: proposer.unwrap_or("base").to_string(),
            };
            (name, document_bytes(&doc, &options).unwrap())
        })
        .collect()
}

/// The entries of a zip, by name, so a new `zip` version that deflates
/// differently does not count as a change.
fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = Vec::new();
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let mut content = Vec::new();
        f.read_to_end(&mut content).unwrap();
        out.push((f.name().to_string(), content));
    }
    out
}

#[test]
fn document_round_trip_keeps_revisions() {
    let dir = examples().join("resolution-md");
    for (name, bytes) in example_documents() {
        let original = markdown_doc(&dir.join(format!("{name}.md")));
        let back = reader::read(&bytes, &reader::DocxOptions::default()).unwrap();
        let outline = |d: &Document| -> Vec<(Option<String>, Option<String>, String, String)> {
            d.sections
                .iter()
                .flat_map(|s| s.opener.iter().chain(s.paragraphs.iter()))
                .map(|p| {
                    (
                        p.label.clone(),
                        p.former_label.clone(),
                        p.text.to_string(),
                        p.original_text(),
                    )
                })
                .collect()
        };
        assert_eq!(outline(&back), outline(&original), "{name}");
        let author = match name {
            "afr" => "AFR",
            "cept" => "CEPT",
            _ => "base",
        };
        for p in back.paragraphs() {
            for c in p.revision.iter().flatten() {
                if c.kind != ChangeKind::Equal {
                    assert_eq!(c.author.as_deref(), Some(author), "{name}");
                }
            }
        }
        if name != "base" {
            assert_eq!(back.metadata.marker.as_deref(), Some("MOD"));
        }
    }
}

/// `examples/resolution-docx/` is made by this test: it fails when a
/// committed file differs from what the writer makes now, and rewrites
/// the files when `SYNOPTIC_UPDATE_EXAMPLES` is set (or a file is
/// missing).
#[test]
fn docx_examples_are_up_to_date() {
    let dir = examples().join("resolution-docx");
    let update = std::env::var_os("SYNOPTIC_UPDATE_EXAMPLES").is_some();
    for (name, bytes) in example_documents() {
        let path = dir.join(format!("{name}.docx"));
        match std::fs::read(&path) {
            Ok(committed) if !update => assert!(
                entries(&committed) == entries(&bytes),
                "{} is out of date: run SYNOPTIC_UPDATE_EXAMPLES=1 cargo test -p synoptic-formats docx_examples",
                path.display()
            ),
            _ => {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &bytes).unwrap();
            }
        }
    }
}

/// The .docx examples carry tracked changes by "AFR" and "CEPT"; compared
/// with the labels "afr" and "cept" (the file stems), the synopsis names
/// each proposer once, by the label as given, not twice ("AFR" and "afr").
#[test]
fn one_word_author_per_proposer() {
    let dir = examples().join("resolution-docx");
    let load = |name: &str| VersionInput {
        label: name.to_string(),
        document: reader::read(
            &std::fs::read(dir.join(format!("{name}.docx"))).unwrap(),
            &reader::DocxOptions::default(),
        )
        .unwrap(),
    };
    let synopsis = compare(
        Some(&load("base")),
        &[load("afr"), load("cept")],
        &CompareOptions::default(),
    )
    .unwrap();
    let bytes = synopsis_bytes(&synopsis, &DocxOptions::default()).unwrap();
    let document = entries(&bytes)
        .into_iter()
        .find(|(name, _)| name == "word/document.xml")
        .map(|(_, content)| String::from_utf8(content).unwrap())
        .unwrap();
    let mut authors: Vec<&str> = document
        .split("w:author=\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .collect();
    authors.sort_unstable();
    authors.dedup();
    assert_eq!(authors, vec!["afr", "cept"]);
}
