//! The draft as Word: the base text with every settled change as a real
//! revision (`w:ins`/`w:del`) whose author is the proposers, so that Word's
//! Review pane shows who proposed what, and each disputed span replaced by
//! its bracketed alternatives (`[AFR: 21 | CEPT: 15]`) as a revision by all
//! the proposers involved, for the meeting to settle.
//!
//! The draft becomes a [`Document`] whose paragraphs carry their changes,
//! and [`super::docx::write_document`] writes it.

use std::io::{self, Write};

use synoptic_core::consolidate::{AlternativeKind, Draft, DraftPiece, DraftRow};
use synoptic_core::{Change, ChangeKind, Document, Paragraph, RowKind, Section};

use super::docx::{write_document, DocumentOptions};
use super::draft_text::push_bracket;

/// Options of the .docx draft.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DraftDocxOptions {
    /// A title paragraph to put first, if any.
    pub title: Option<String>,
}

/// Writes the draft as a .docx with revision marks against the base.
pub fn write(draft: &Draft, options: &DraftDocxOptions, out: impl Write) -> io::Result<()> {
    write_noting(draft, options, &[], out)
}

/// Writes the draft as [`write`] does, ending with the decisions that no
/// longer apply, one line each (`row resolves/3: not applied: ...`),
/// under "Decisions not applied", as the workbench's Markdown and text
/// drafts end.
pub fn write_noting(
    draft: &Draft,
    options: &DraftDocxOptions,
    not_applied: &[String],
    out: impl Write,
) -> io::Result<()> {
    let mut document = document(draft);
    if !not_applied.is_empty() {
        let plain = |text: &str| Paragraph {
            text: text.into(),
            ..Paragraph::default()
        };
        document.sections.push(Section {
            opener: Some(plain("Decisions not applied")),
            paragraphs: not_applied.iter().map(|l| plain(l)).collect(),
        });
    }
    write_document(
        &document,
        &DocumentOptions {
            title: options.title.clone(),
            author: "Synoptic".into(),
        },
        out,
    )
}

/// The draft as a document whose paragraphs carry the draft's changes.
pub fn document(draft: &Draft) -> Document {
    let mut sections: Vec<Section> = Vec::new();
    let mut current: Option<&str> = None;
    for row in &draft.rows {
        if current != Some(row.section.as_str()) {
            sections.push(Section::default());
            current = Some(row.section.as_str());
        }
        let paragraph = paragraph(row);
        if let Some(section) = sections.last_mut() {
            match row.kind {
                RowKind::Heading => section.opener = Some(paragraph),
                RowKind::Paragraph => {
                    // A row nobody has (an empty addition) shows nothing.
                    if !paragraph.text.is_empty() || !paragraph.original_text().is_empty() {
                        section.paragraphs.push(paragraph);
                    }
                }
            }
        }
    }
    Document {
        sections,
        ..Document::default()
    }
}

fn paragraph(row: &DraftRow) -> Paragraph {
    let mut changes: Vec<Change> = Vec::new();
    for piece in &row.pieces {
        match piece {
            DraftPiece::Kept { text } => push(&mut changes, ChangeKind::Equal, text, None),
            DraftPiece::Change {
                deleted,
                inserted,
                proposers,
            } => {
                let by = (!proposers.is_empty()).then(|| proposers.join(", "));
                push(&mut changes, ChangeKind::Delete, deleted, by.clone());
                push(&mut changes, ChangeKind::Insert, inserted, by);
            }
            DraftPiece::Conflict { base, alternatives } => {
                let mut bracket = String::new();
                push_bracket(&mut bracket, alternatives, &|s| s.to_string());
                let mut everyone: Vec<String> = alternatives
                    .iter()
                    .filter(|a| a.kind != AlternativeKind::Base)
                    .flat_map(|a| a.proposers.iter().cloned())
                    .collect();
                everyone.sort();
                everyone.dedup();
                let by = Some(if everyone.is_empty() {
                    "unresolved".to_string()
                } else {
                    format!("unresolved: {}", everyone.join(", "))
                });
                push(&mut changes, ChangeKind::Delete, base, by.clone());
                push(&mut changes, ChangeKind::Insert, &bracket, by);
            }
        }
    }
    let text = synoptic_core::model::result_of(&changes);
    let changed = changes.iter().any(|c| c.kind != ChangeKind::Equal);
    Paragraph {
        label: row.label.clone(),
        former_label: row.former_label.clone(),
        text: text.into(),
        revision: changed.then_some(changes),
    }
}

fn push(changes: &mut Vec<Change>, kind: ChangeKind, text: &str, author: Option<String>) {
    if text.is_empty() {
        return;
    }
    let mut change = Change::new(kind, text);
    change.author = author;
    changes.push(change);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::docx::{read, DocxOptions, TrackChanges};
    use crate::write::draft_text::tests::example_draft;

    #[test]
    fn draft_reads_back_with_its_revisions_and_proposers() {
        let draft = example_draft();
        let mut bytes = Vec::new();
        write(&draft, &DraftDocxOptions { title: None }, &mut bytes).unwrap();
        let doc = read(&bytes, &DocxOptions::default()).unwrap();
        let authors: Vec<String> = doc
            .paragraphs()
            .chain(doc.sections.iter().filter_map(|s| s.opener.as_ref()))
            .flat_map(|p| p.revision.iter().flatten())
            .filter_map(|c| c.author.clone())
            .collect();
        assert!(
            authors
                .iter()
                .any(|a| a.to_lowercase().contains("apt") && a.to_lowercase().contains("cept")),
            "{authors:?}"
        );
        assert!(
            authors.iter().any(|a| a.starts_with("unresolved")),
            "{authors:?}"
        );
        let all_text: String = doc.paragraphs().map(|p| p.text.to_string()).collect();
        assert!(
            all_text.contains("[base: 12 | AFR: 21 | CEPT: 15]"),
            "{all_text}"
        );

        // Rejecting every revision gives the base back.
        let base = read(
            &bytes,
            &DocxOptions {
                track_changes: TrackChanges::Reject,
                ..DocxOptions::default()
            },
        )
        .unwrap();
        let base_text: Vec<String> = base.paragraphs().map(|p| p.text.to_string()).collect();
        assert!(base_text
            .iter()
            .any(|t| t.contains("at least 12 calendar days")));
    }

    #[test]
    fn decisions_not_applied_end_the_draft() {
        let draft = example_draft();
        let lines = [
            "row resolves/3: not applied: this row is no longer in the synopsis; decide again"
                .to_string(),
        ];
        let mut bytes = Vec::new();
        write_noting(
            &draft,
            &DraftDocxOptions { title: None },
            &lines,
            &mut bytes,
        )
        .unwrap();
        let doc = read(&bytes, &DocxOptions::default()).unwrap();
        let texts: Vec<String> = doc
            .sections
            .iter()
            .flat_map(|s| s.opener.iter().chain(&s.paragraphs))
            .map(|p| p.text.to_string())
            .collect();
        let at = texts
            .iter()
            .position(|t| t == "Decisions not applied")
            .unwrap_or_else(|| panic!("{texts:?}"));
        assert_eq!(texts[at + 1..], lines[..]);
        // Without any, the draft is the one `write` makes.
        let (mut plain, mut noting) = (Vec::new(), Vec::new());
        write(&draft, &DraftDocxOptions { title: None }, &mut plain).unwrap();
        write_noting(&draft, &DraftDocxOptions { title: None }, &[], &mut noting).unwrap();
        assert_eq!(plain, noting);
    }

    #[test]
    fn output_is_deterministic() {
        let draft = example_draft();
        let mut a = Vec::new();
        let mut b = Vec::new();
        write(
            &draft,
            &DraftDocxOptions {
                title: Some("Draft".into()),
            },
            &mut a,
        )
        .unwrap();
        write(
            &draft,
            &DraftDocxOptions {
                title: Some("Draft".into()),
            },
            &mut b,
        )
        .unwrap();
        assert_eq!(a, b);
    }
}
