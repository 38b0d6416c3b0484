//! The lines of a contribution as its parser sees them: text laid out so
//! that markers, titles and reasons stand alone, table rows as lines, and
//! paragraphs without the marks flattened Word leaves.

use std::borrow::Cow;

use synoptic_core::{Change, Paragraph};

use super::{Marker, TextTitle};

/// A paragraph without the `[bookmark: ...]` marks a Word document flattened
/// to text keeps (`[bookmark: _Toc475345243]RESOLUTION 44`).
pub(super) fn without_bookmarks(paragraph: &Paragraph) -> Cow<'_, Paragraph> {
    fn strip(text: &str) -> Cow<'_, str> {
        if !text.contains("[bookmark:") {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut rest = text;
        while let Some(at) = rest.find("[bookmark:") {
            let Some(end) = rest[at..].find(']') else {
                break;
            };
            out.push_str(&rest[..at]);
            rest = &rest[at + end + 1..];
        }
        out.push_str(rest);
        Cow::Owned(out)
    }
    let marked = paragraph.text.contains("[bookmark:")
        || paragraph
            .revision
            .iter()
            .flatten()
            .any(|c| c.text.as_str().contains("[bookmark:"));
    if !marked {
        return Cow::Borrowed(paragraph);
    }
    Cow::Owned(Paragraph {
        text: strip(&paragraph.text).into_owned().into(),
        revision: paragraph.revision.as_ref().map(|changes| {
            changes
                .iter()
                .map(|c| Change {
                    text: strip(c.text.as_str()).into_owned().into(),
                    ..c.clone()
                })
                .collect()
        }),
        ..paragraph.clone()
    })
}

/// A paragraph without the first `at` bytes of its text (and of what its
/// changes make of it): the title after the marker on the same line.
pub(super) fn drop_prefix(paragraph: &Paragraph, at: usize) -> Paragraph {
    let Some(changes) = &paragraph.revision else {
        return Paragraph::new(&paragraph.text[at..]);
    };
    let mut left = at;
    let mut kept = Vec::with_capacity(changes.len());
    for change in changes {
        if left == 0 {
            kept.push(change.clone());
            continue;
        }
        if change.kind == synoptic_core::ChangeKind::Delete {
            continue;
        }
        let text = change.text.as_str();
        if text.len() <= left {
            left -= text.len();
        } else {
            let Some(tail) = text.get(left..) else {
                return Paragraph::new(&paragraph.text[at..]);
            };
            kept.push(Change {
                text: tail.into(),
                ..change.clone()
            });
            left = 0;
        }
    }
    Paragraph {
        text: paragraph.text[at..].to_string().into(),
        revision: Some(kept),
        ..Paragraph::default()
    }
}

/// Markdown's pipe tables (`| MOD | AFCP/35A8/1 |`, `| Reasons: | ... |`)
/// as lines of tab-separated cells, their rules dropped: a marker or
/// reasons laid out as a table row reads as the line it stands for.
pub(super) fn pipe_rows_as_lines(text: &str) -> Cow<'_, str> {
    let row = |line: &str| {
        let line = line.trim();
        line.len() >= 2 && line.starts_with('|') && line.ends_with('|')
    };
    if !text.lines().any(row) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        if !row(line) {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let inner = &line.trim()[1..line.trim().len() - 1];
        if inner.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            continue;
        }
        let cells: Vec<&str> = inner
            .split('|')
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect();
        out.push_str(&cells.join("\t"));
        out.push('\n');
    }
    Cow::Owned(out)
}

/// In plain text, the cover's lines, marker lines, title lines after them
/// and `Reasons:` lines always stand alone: a blank line around each keeps
/// the text reader from joining them to their neighbours when it reads
/// hard-wrapped prose as blocks.
pub(super) fn separate_layout_lines(text: &str) -> Cow<'_, str> {
    let lines: Vec<&str> = text.lines().collect();
    let mut alone = vec![false; lines.len()];
    // Reasons start a paragraph that their wrapped lines continue.
    let mut opens = vec![false; lines.len()];
    let mut after_marker = false;
    let mut after_title = false;
    let mut after_open_title = false;
    let mut in_cover = true;
    for (i, line) in lines.iter().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            continue;
        }
        let marker =
            Marker::parse(trimmed).is_some() || Marker::parse_with_title(trimmed).is_some();
        in_cover &= !marker;
        // The revision a title cites may stand on the line after it, or
        // its end when the line broke inside it.
        let revision = after_title && trimmed.starts_with('(') || after_open_title;
        let reasons = reasons_of(trimmed);
        opens[i] = reasons.is_some_and(|r| !r.is_empty());
        alone[i] = !opens[i]
            && (in_cover
                || marker
                || reasons.is_some()
                || after_marker
                || revision
                || is_end_line(trimmed));
        after_title = after_marker && TextTitle::parse(trimmed).is_some();
        after_open_title =
            after_title && trimmed.matches('(').count() > trimmed.matches(')').count();
        after_marker = marker;
    }
    if !alone.iter().chain(&opens).any(|a| *a) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 64);
    for (i, line) in lines.iter().enumerate() {
        if alone[i] {
            out.push('\n');
            out.push_str(line);
            out.push_str("\n\n");
        } else if opens[i] {
            out.push('\n');
            out.push_str(line);
            out.push('\n');
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    Cow::Owned(out)
}

/// The reasons of a `Reasons:` line (empty when they follow on the next
/// paragraph), or `None` for any other line.
pub(super) fn reasons_of(line: &str) -> Option<&str> {
    let (name, rest) = line.split_once(':')?;
    let name = name.trim().to_lowercase();
    matches!(name.as_str(), "reasons" | "reason" | "motifs" | "motivos").then(|| rest.trim())
}

/// The line of underscores that ends a contribution's proposals.
pub(super) fn is_end_line(line: &str) -> bool {
    line.chars().count() >= 5 && line.chars().all(|c| c == '_')
}

/// A heading of what a contribution may carry after its proposals: an
/// annex or attachment, not a proposal's reasons.
pub(super) fn is_after_proposals(line: &str) -> bool {
    let first = line
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default()
        .to_lowercase();
    matches!(
        first.as_str(),
        "annex" | "annexes" | "attachment" | "attachments" | "appendix" | "enclosure"
    )
}

/// A paragraph as its line reads: its label, if any, and its text. A
/// paragraph all struck through (a SUP's title in Word) reads as the text
/// it deletes.
pub(super) fn line_of(paragraph: &Paragraph) -> Cow<'_, str> {
    let struck = paragraph.text.trim().is_empty() && paragraph.revision.is_some();
    let (text, label) = if struck {
        let label = paragraph.former_label.as_ref().or(paragraph.label.as_ref());
        (Cow::Owned(paragraph.original_text()), label)
    } else {
        (
            Cow::Borrowed(paragraph.text.as_str()),
            paragraph.label.as_ref(),
        )
    };
    match label {
        Some(label) => Cow::Owned(format!("{label} {text}")),
        None => text,
    }
}
