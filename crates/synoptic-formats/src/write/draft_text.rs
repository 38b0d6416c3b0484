//! The draft as plain text: the consolidated wording, one paragraph per
//! line (label, TAB, text, as Synoptic's text reader expects), disputed
//! text as bracketed alternatives with their proposers:
//! `at least [base: 12 | AFR: 21 | CEPT: 15] calendar days`.
//!
//! Deleted paragraphs are left out; attribution of settled changes is not
//! shown (the Markdown and JSON drafts carry it). A draft without conflicts
//! reads back as a proposal.

use std::io::{self, Write};

use synoptic_core::consolidate::{Alternative, AlternativeKind, Draft, DraftPiece, DraftRow};
use synoptic_core::RowKind;

/// Writes the draft as plain text.
pub fn write(draft: &Draft, mut out: impl Write) -> io::Result<()> {
    let mut text = String::new();
    let mut previous_section: Option<&str> = None;
    for row in &draft.rows {
        let body = row_text(row);
        let new_section = previous_section != Some(row.section.as_str());
        previous_section = Some(row.section.as_str());
        if body.trim().is_empty() {
            continue;
        }
        // A blank line before each section's opener sets the parts apart.
        if row.kind == RowKind::Heading && new_section && !text.is_empty() {
            text.push('\n');
        }
        if let Some(label) = row.label.as_deref().map(clean).filter(|l| !l.is_empty()) {
            if row.kind == RowKind::Paragraph {
                text.push_str(&label);
                text.push('\t');
            }
        }
        text.push_str(&body);
        text.push('\n');
    }
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// The row's text with conflicts in brackets, on one line.
fn row_text(row: &DraftRow) -> String {
    let mut out = String::new();
    for piece in &row.pieces {
        match piece {
            DraftPiece::Kept { text } => out.push_str(&clean(text)),
            DraftPiece::Change { inserted, .. } => out.push_str(&clean(inserted)),
            DraftPiece::Conflict { alternatives, .. } => {
                push_bracket(&mut out, alternatives, &clean);
            }
        }
    }
    out
}

/// Appends `[who: text | who: text]`, moving white space at the ends of
/// the alternatives outside the brackets so they read as words.
pub(crate) fn push_bracket(
    out: &mut String,
    alternatives: &[Alternative],
    escape: &dyn Fn(&str) -> String,
) {
    let leading = alternatives
        .iter()
        .any(|a| a.text.starts_with(char::is_whitespace));
    let trailing = alternatives
        .iter()
        .any(|a| a.text.ends_with(char::is_whitespace));
    if leading && !out.is_empty() && !out.ends_with(char::is_whitespace) {
        out.push(' ');
    }
    out.push('[');
    for (i, alt) in alternatives.iter().enumerate() {
        if i > 0 {
            out.push_str(" | ");
        }
        out.push_str(&escape(&who(alt)));
        out.push_str(": ");
        out.push_str(&escape(&alternative_text(alt)));
    }
    out.push(']');
    if trailing {
        out.push(' ');
    }
}

/// Who stands behind an alternative: `base`, or the proposers.
pub(crate) fn who(alt: &Alternative) -> String {
    match alt.kind {
        AlternativeKind::Base => "base".into(),
        _ if alt.proposers.is_empty() => "?".into(),
        _ => alt.proposers.join(", "),
    }
}

/// An alternative's text as shown in brackets: trimmed, with a deletion or
/// an empty insertion spelled out.
pub(crate) fn alternative_text(alt: &Alternative) -> String {
    match alt.kind {
        AlternativeKind::Deletion => "(delete)".into(),
        _ if alt.text.trim().is_empty() => "(nothing)".into(),
        _ => alt.text.trim().to_string(),
    }
}

/// Input text on one line: line breaks and tabs become spaces, other
/// control characters and bidirectional overrides go.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

/// A one-line summary of the draft's outcomes: `34 rows: 16 base, 17
/// consensus, 1 conflict`.
pub(crate) fn summary(draft: &Draft) -> String {
    let mut parts = Vec::new();
    for (outcome, n) in draft.outcome_counts() {
        if n > 0 {
            parts.push(format!("{n} {}", outcome.as_str()));
        }
    }
    let rows = draft.rows.len();
    let mut out = format!("{rows} {}", if rows == 1 { "row" } else { "rows" });
    if !parts.is_empty() {
        out.push_str(": ");
        out.push_str(&parts.join(", "));
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use synoptic_core::consolidate::{consolidate, Outcome};

    /// The resolution example, compared and consolidated as the CLI does.
    pub(crate) fn example_draft() -> Draft {
        consolidate(&example_synopsis(), None)
    }

    pub(crate) fn example_synopsis() -> synoptic_core::Synopsis {
        let read = |name: &str| {
            let path = format!(
                "{}/../../examples/resolution/{name}.txt",
                env!("CARGO_MANIFEST_DIR")
            );
            let text = std::fs::read_to_string(path).expect("example file");
            crate::read::text::read(&text, &crate::read::text::TextOptions::default())
                .expect("readable")
        };
        let base = synoptic_core::VersionInput {
            label: "base".into(),
            document: read("base"),
        };
        let proposals: Vec<synoptic_core::VersionInput> = ["afr", "apt", "cept"]
            .iter()
            .map(|n| synoptic_core::VersionInput {
                label: n.to_uppercase(),
                document: read(n),
            })
            .collect();
        synoptic_core::compare(
            Some(&base),
            &proposals,
            &synoptic_core::CompareOptions::default(),
        )
        .expect("compare")
    }

    pub(crate) fn render(draft: &Draft) -> String {
        let mut buf = Vec::new();
        write(draft, &mut buf).expect("write to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    #[test]
    fn snapshot_of_the_example() {
        insta::assert_snapshot!(render(&example_draft()));
    }

    #[test]
    fn brackets_read_like_an_editor_writes_them() {
        let text = render(&example_draft());
        assert!(
            text.contains("at least [base: 12 | AFR: 21 | CEPT: 15] calendar days"),
            "{text}"
        );
        // Re-lettered after AFR's new a); APT's deletion closes the gap.
        assert!(text.contains("\nb)\tthat Resolution 167"), "{text}");
        assert!(
            text.contains("\nb)\tthat the security and reliability"),
            "{text}"
        );
        assert!(text.contains("\n3\tthat remote participation"), "{text}");
        // Consensus and single changes are applied without brackets.
        assert!(text.contains("RESOLUTION 301 (Rev. New Delhi, 2024)"));
        assert!(text.contains("(Rev. Bucharest, 2022)"));
        // A deleted paragraph is gone.
        assert!(!text.contains("time-zone differences"));
    }

    #[test]
    fn a_clean_draft_reads_back() {
        let mut draft = example_draft();
        draft.rows.retain(|r| r.outcome != Outcome::Conflict);
        let text = render(&draft);
        let doc = crate::read::text::read(&text, &crate::read::text::TextOptions::default())
            .expect("readable");
        assert!(doc.paragraph_count() > 10);
    }

    #[test]
    fn hostile_text_stays_on_its_line() {
        let mut draft = example_draft();
        draft.rows[0].pieces = vec![DraftPiece::Kept {
            text: "a\nb\u{1b}[31m\tc\u{202e}".into(),
        }];
        let out = render(&draft);
        assert!(out.starts_with("a b[31m c\n"), "{out}");
    }

    #[test]
    fn empty_draft() {
        assert_eq!(render(&Draft::default()), "");
        assert_eq!(summary(&Draft::default()), "0 rows");
    }
}
