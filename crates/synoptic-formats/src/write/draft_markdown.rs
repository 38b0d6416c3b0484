//! The draft as Markdown with CriticMarkup against the base: `{++added++}`,
//! `{--deleted--}`, `{~~old~>new~~}`, each followed by a `{>>proposers<<}`
//! comment, and disputed text highlighted as bracketed alternatives with
//! their proposers: `{==[base: 12 | AFR: 21 | CEPT: 15]==}`.
//!
//! Section openers are `##` headings; each paragraph is its label and text.
//! Every character of the input that Markdown or CriticMarkup would read as
//! syntax is backslash-escaped.

use std::io::{self, Write};

use synoptic_core::consolidate::{Draft, DraftPiece, DraftRow};
use synoptic_core::RowKind;

use super::draft_text::{push_bracket, summary};

/// Writes the draft as Markdown with CriticMarkup.
pub fn write(draft: &Draft, mut out: impl Write) -> io::Result<()> {
    let mut md = String::new();
    md.push_str(&format!(
        "*Draft consolidated from {}: {}.*\n\n",
        if draft.proposals.is_empty() {
            "no proposals".to_string()
        } else {
            escape(&draft.proposals.join(", "))
        },
        summary(draft)
    ));
    md.push_str(&format!(
        "Changes against the base{}: {{++inserted++}} {{--deleted--}} {{~~replaced~>replacement~~}}, \
         proposers in {{>>comments<<}}; disputed text as {{==[who: alternative | who: alternative]==}}.\n",
        if draft.base_inferred { " (inferred)" } else { "" }
    ));
    for row in &draft.rows {
        if row.pieces.is_empty() {
            continue;
        }
        md.push('\n');
        match row.kind {
            RowKind::Heading => {
                md.push_str("## ");
                md.push_str(pieces(row, false).trim());
            }
            RowKind::Paragraph => md.push_str(&pieces(row, true)),
        }
        md.push('\n');
    }
    out.write_all(md.as_bytes())?;
    out.flush()
}

/// The row in CriticMarkup. A paragraph's label goes inside the change when
/// the whole paragraph is added or deleted, so it comes and goes with it.
fn pieces(row: &DraftRow, with_label: bool) -> String {
    let label = row
        .label
        .as_deref()
        .filter(|l| with_label && !l.trim().is_empty())
        .map(|l| format!("{} ", escape_label(l)));
    let whole_change = matches!(
        row.pieces.as_slice(),
        [DraftPiece::Change { deleted, inserted, .. }] if deleted.is_empty() || inserted.is_empty()
    );
    let mut md = String::new();
    if !whole_change {
        // A label re-lettered because rows were added or deleted before it
        // shows as a substitution, as in a tracked-changes document.
        match (&row.former_label, &label) {
            (Some(former), Some(_)) if with_label => {
                md.push_str(&format!(
                    "{{~~{}~>{}~~}} ",
                    escape_label(former),
                    row.label.as_deref().map(escape_label).unwrap_or_default()
                ));
            }
            _ => md.push_str(label.as_deref().unwrap_or("")),
        }
    }
    for piece in &row.pieces {
        match piece {
            DraftPiece::Kept { text } => md.push_str(&escape(text)),
            DraftPiece::Change {
                deleted,
                inserted,
                proposers,
            } => {
                let prefix = if whole_change {
                    label.as_deref().unwrap_or("")
                } else {
                    ""
                };
                let (d, i) = (escape(deleted), escape(inserted));
                match (deleted.is_empty(), inserted.is_empty()) {
                    (true, true) => continue,
                    (true, false) => md.push_str(&format!("{{++{prefix}{i}++}}")),
                    (false, true) => md.push_str(&format!("{{--{prefix}{d}--}}")),
                    (false, false) => md.push_str(&format!("{{~~{d}~>{i}~~}}")),
                }
                if !proposers.is_empty() {
                    md.push_str(&format!("{{>>{}<<}}", escape(&proposers.join(", "))));
                }
            }
            DraftPiece::Conflict { alternatives, .. } => {
                let mut bracket = String::new();
                push_bracket(&mut bracket, alternatives, &escape);
                // Keep the spaces push_bracket set around the brackets
                // outside the highlight.
                let lead = bracket.len() - bracket.trim_start().len();
                let trail = bracket.len() - bracket.trim_end().len();
                md.push_str(&" ".repeat(lead));
                md.push_str(&format!("{{=={}==}}", bracket.trim()));
                md.push_str(&" ".repeat(trail));
            }
        }
    }
    md
}

/// A label escaped so that `1.` or `1)` at the start of a line does not
/// open a list and `*` does not open emphasis.
fn escape_label(label: &str) -> String {
    let escaped = escape(label);
    let digits = escaped.chars().take_while(char::is_ascii_digit).count();
    match escaped[digits..].chars().next() {
        Some(c @ ('.' | ')')) if digits > 0 => {
            format!("{}\\{c}{}", &escaped[..digits], &escaped[digits + 1..])
        }
        Some('-' | '+') if digits == 0 => format!("\\{escaped}"),
        _ => escaped,
    }
}

/// Input text made safe in Markdown and CriticMarkup on one line: as the
/// synopsis writer escapes it, with `=` too (CriticMarkup highlights).
fn escape(text: &str) -> String {
    super::markdown::escape_markdown(text, " ", &['='])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::draft_text::tests::example_draft;
    use synoptic_core::consolidate::{Alternative, AlternativeKind, Outcome};

    fn render(draft: &Draft) -> String {
        let mut buf = Vec::new();
        write(draft, &mut buf).expect("write to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    #[test]
    fn snapshot_of_the_example() {
        insta::assert_snapshot!(render(&example_draft()));
    }

    #[test]
    fn changes_and_conflicts() {
        let md = render(&example_draft());
        assert!(md.contains("{==[base: 12 | AFR: 21 | CEPT: 15]==}"), "{md}");
        // Re-lettered after AFR's new a).
        assert!(md.contains("\n{~~a)~>b)~~} that Resolution 167"), "{md}");
        assert!(md.contains("{~~Geneva, 2022~>New Delhi, 2024~~}{>>APT, CEPT<<}"));
        assert!(md.contains("{~~Dubai, 2018~>Bucharest, 2022~~}{>>AFR, APT<<}"));
        // A paragraph deleted by its only proposer, label and all.
        assert!(md.contains("{--b) that time-zone differences"), "{md}");
        assert!(md.contains("## {++recognizing further++}{>>CEPT<<}"));
    }

    #[test]
    fn escapes_input() {
        let draft = Draft {
            proposals: vec!["A|B".into()],
            base_inferred: false,
            rows: vec![DraftRow {
                id: "r".into(),
                section: "s".into(),
                section_title: "s".into(),
                kind: RowKind::Paragraph,
                label: Some("1.".into()),
                former_label: None,
                outcome: Outcome::Conflict,
                pieces: vec![
                    DraftPiece::Kept {
                        text: "{++x++} *y*\n# z ".into(),
                    },
                    DraftPiece::Conflict {
                        base: String::new(),
                        alternatives: vec![
                            Alternative {
                                kind: AlternativeKind::Proposed,
                                text: "a ] | b".into(),
                                proposers: vec!["P[1]".into()],
                            },
                            Alternative {
                                kind: AlternativeKind::Deletion,
                                text: String::new(),
                                proposers: vec!["Q".into()],
                            },
                        ],
                    },
                ],
                fingerprint: "0".into(),
                decision: None,
            }],
            stale: Vec::new(),
        };
        let md = render(&draft);
        assert!(
            md.contains(
                "1\\. \\{++x++\\} \\*y\\* \\# z {==[P\\[1\\]: a \\] \\| b | Q: (delete)]==}"
            ),
            "{md}"
        );
        assert!(md.contains("A\\|B"));
    }

    #[test]
    fn empty_draft() {
        let md = render(&Draft::default());
        assert!(md.starts_with("*Draft consolidated from no proposals: 0 rows.*"));
    }
}
