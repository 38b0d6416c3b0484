//! Markdown: a readable synopsis, one pipe table per section, with the
//! changes in CriticMarkup (`{--deleted--}`, `{++inserted++}`,
//! `{~~old~>new~~}`, `{>>comment<<}`), the notation Synoptic also reads.

use std::io::{self, Write};

use synoptic_core::consolidate::{row_conflicts, RowConflict};
use synoptic_core::{Cell, Change, ChangeKind, Row, RowKind, Status, Synopsis};

use super::{
    cells_by_version, column_heading, display_ops, is_unsure, reasons_row, role_note,
    section_groups, section_title, summary_parts,
};

/// Writes the synopsis as Markdown: a summary, then per section a heading
/// and a pipe table with a row column and one column per version.
pub fn write(synopsis: &Synopsis, mut out: impl Write) -> io::Result<()> {
    let conflicts = row_conflicts(synopsis);
    let mut md = String::new();
    md.push_str(&summary(synopsis, conflicts.iter().flatten().count()));
    // Written a section at a time, so that memory holds one section's
    // table, not the whole document's.
    let mut at = 0;
    for rows in section_groups(&synopsis.rows) {
        md.push('\n');
        section(synopsis, rows, &conflicts[at..at + rows.len()], &mut md);
        at += rows.len();
        out.write_all(md.as_bytes())?;
        md.clear();
    }
    if let Some(texts) = reasons_row(synopsis) {
        reasons(synopsis, &texts, &mut md);
    }
    out.write_all(md.as_bytes())?;
    out.flush()
}

fn summary(synopsis: &Synopsis, conflicts: usize) -> String {
    let mut md = format!("*{}.*\n\n", summary_parts(synopsis, conflicts).join(" · "));
    md.push_str("Changes against the base: {--deleted--} {++inserted++} {~~replaced~>replacement~~}; {>>notes<<} flag uncertain and minor changes; **conflict** marks a row where proposals change the same words differently.\n");
    md
}

/// One section's heading and table; `conflicts` are its rows' conflicts,
/// in order.
fn section(synopsis: &Synopsis, rows: &[Row], conflicts: &[Option<RowConflict>], md: &mut String) {
    let (heading, rest) = match rows.split_first() {
        Some((first, rest)) if first.kind == RowKind::Heading => (Some(first), rest),
        _ => (None, rows),
    };

    // An opener no version changes is the section heading; a changed one
    // also gets a table row so every version's wording shows.
    let changed_heading =
        heading.filter(|row| Synopsis::row_is_changed(row) || !row.notes.is_empty());
    let title = match heading {
        Some(row) if changed_heading.is_none() => row
            .cells
            .iter()
            .find(|c| c.status != Status::Absent && !c.text.trim().is_empty())
            .map_or_else(|| section_title(rows).to_string(), |c| c.text.to_string()),
        _ => section_title(rows).to_string(),
    };
    md.push_str("## ");
    md.push_str(escape(&title, " ").trim());
    md.push_str("\n\n");

    // The rows shown, with their positions in the section.
    let shown: Vec<(usize, &Row)> = changed_heading
        .map(|row| (0, row))
        .into_iter()
        .chain(
            rest.iter()
                .enumerate()
                .map(|(i, row)| (rows.len() - rest.len() + i, row)),
        )
        .collect();
    // A section that is only its heading (a title) has no table.
    if shown.is_empty() {
        return;
    }
    table_header(synopsis, md);
    for (at, row) in shown {
        md.push_str("| ");
        md.push_str(&escape(&row.id, "<br>"));
        if let Some(label) = row.label.as_deref().filter(|l| !l.trim().is_empty()) {
            md.push_str(" **");
            md.push_str(&escape(label, " "));
            md.push_str("**");
        }
        if let Some(conflict) = conflicts.get(at).and_then(Option::as_ref) {
            md.push_str("<br>**conflict:** ");
            let who: Vec<String> = conflict.proposers.iter().map(|p| escape(p, " ")).collect();
            md.push_str(&who.join(", "));
        }
        for note in &row.notes {
            md.push_str("<br>*");
            md.push_str(&escape(note.trim(), " "));
            md.push('*');
        }
        md.push_str(" |");
        for cell in cells_by_version(synopsis, row) {
            let text = cell.map_or_else(|| "*(absent)*".to_string(), cell_markdown);
            md.push(' ');
            md.push_str(&text);
            md.push_str(" |");
        }
        md.push('\n');
    }
}

/// The header of a section's table: the row column and one per version.
fn table_header(synopsis: &Synopsis, md: &mut String) {
    md.push_str("| Row |");
    for (i, v) in synopsis.versions.iter().enumerate() {
        md.push(' ');
        md.push_str(&version_header(synopsis, i, v));
        md.push_str(" |");
    }
    md.push_str("\n| --- |");
    for _ in &synopsis.versions {
        md.push_str(" --- |");
    }
    md.push('\n');
}

/// The last table: each version's reasons under its column.
fn reasons(synopsis: &Synopsis, reasons: &[&str], md: &mut String) {
    md.push_str("\n## Reasons\n\n");
    table_header(synopsis, md);
    md.push_str("| Reasons |");
    for text in reasons {
        md.push(' ');
        md.push_str(&escape(text, "<br>"));
        md.push_str(" |");
    }
    md.push('\n');
}

fn version_header(synopsis: &Synopsis, index: usize, v: &synoptic_core::Version) -> String {
    let mut meta: Vec<String> = role_note(synopsis, v)
        .map(String::from)
        .into_iter()
        .collect();
    meta.extend(v.marker.iter().chain(&v.reference).map(|m| escape(m, " ")));
    let heading = escape(&column_heading(synopsis, index), " ");
    if meta.is_empty() {
        format!("**{heading}**")
    } else {
        format!("**{heading}**<br>{}", meta.join(" · "))
    }
}

fn cell_markdown(cell: &Cell) -> String {
    let mut md = String::new();
    match cell.status {
        Status::Absent => return "*(absent)*".into(),
        Status::Added => md.push_str("*(added)* "),
        Status::Deleted => md.push_str("*(deleted)* "),
        Status::Unchanged | Status::Modified => {}
    }
    match (&cell.former_label, &cell.label) {
        (Some(former), Some(label)) => {
            md.push_str(&format!(
                "{{--{}--}}{{++{}++}} ",
                escape(former, " "),
                escape(label, " ")
            ));
        }
        (Some(former), None) => md.push_str(&format!("{{--{}--}} ", escape(former, " "))),
        (None, Some(label)) if !label.trim().is_empty() => {
            md.push_str(&format!("**{}** ", escape(label, " ")));
        }
        _ => {}
    }
    md.push_str(&ops_markdown(&display_ops(cell)));
    if let Some(target) = &cell.moved {
        let note = if cell.status == Status::Added {
            "moved from"
        } else {
            "moved to"
        };
        md.push_str(&format!(" *({note} {})*", escape(target, " ")));
    }
    md.trim_end().to_string()
}

/// The ops in CriticMarkup; a deletion directly followed by an insertion
/// becomes one substitution, which reads as "this replaced that".
fn ops_markdown(ops: &[Change]) -> String {
    let mut md = String::new();
    let mut i = 0;
    while let Some(op) = ops.get(i) {
        let text = escape(&op.text, "<br>");
        match op.kind {
            ChangeKind::Equal => {
                md.push_str(&text);
                i += 1;
            }
            ChangeKind::Delete => match ops.get(i + 1).filter(|n| n.kind == ChangeKind::Insert) {
                Some(next) => {
                    md.push_str(&format!("{{~~{text}~>{}~~}}", escape(&next.text, "<br>")));
                    md.push_str(&note(&[op, next]));
                    i += 2;
                }
                None => {
                    md.push_str(&format!("{{--{text}--}}{}", note(&[op])));
                    i += 1;
                }
            },
            ChangeKind::Insert => {
                md.push_str(&format!("{{++{text}++}}{}", note(&[op])));
                i += 1;
            }
        }
    }
    md
}

/// A CriticMarkup comment for uncertain or minor changes, else nothing.
fn note(changes: &[&Change]) -> String {
    let mut parts = Vec::new();
    let confidence = changes
        .iter()
        .filter(|c| is_unsure(c))
        .filter_map(|c| c.confidence)
        .reduce(f32::min);
    if let Some(c) = confidence {
        parts.push(format!("uncertain: confidence {:.0}%", c * 100.0));
    }
    if changes.iter().all(|c| c.minor) {
        parts.push("minor".to_string());
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("{{>>{}<<}}", parts.join(", "))
    }
}

/// Input text made safe inside a table cell (or a heading): line breaks
/// become `newline`, control characters go, and characters Markdown,
/// tables or CriticMarkup would read as syntax are backslash-escaped so the
/// text shows as written.
fn escape(text: &str, newline: &str) -> String {
    escape_markdown(text, newline, &[])
}

/// [`escape`] for any Markdown writer: line breaks become `newline`, tabs
/// spaces, control and bidirectional-override characters go, Markdown,
/// table and CriticMarkup syntax is backslash-escaped, and so are the
/// `extra` characters a writer's own markup uses.
pub(crate) fn escape_markdown(text: &str, newline: &str, extra: &[char]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str(newline);
                }
            }
            '\n' => out.push_str(newline),
            '\t' => out.push(' '),
            c if c.is_control() => {}
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '{' | '}' | '~' | '#' => {
                out.push('\\');
                out.push(c);
            }
            c if extra.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            '&' if chars
                .peek()
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') =>
            {
                out.push_str("\\&");
            }
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::test_support::{hostile, sample};

    fn render(s: &Synopsis) -> String {
        let mut buf = Vec::new();
        write(s, &mut buf).expect("write to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&sample()));
    }

    #[test]
    fn deterministic() {
        assert_eq!(render(&sample()), render(&sample()));
    }

    /// Every table line has as many unescaped pipes as the header, so no
    /// input breaks the table.
    fn assert_tables_intact(md: &str) {
        let pipes = |line: &str| {
            let mut n = 0;
            let mut escaped = false;
            for c in line.chars() {
                if c == '|' && !escaped {
                    n += 1;
                }
                escaped = c == '\\' && !escaped;
            }
            n
        };
        let mut expected = None;
        for line in md.lines() {
            if line.starts_with('|') {
                let n = pipes(line);
                assert_eq!(*expected.get_or_insert(n), n, "broken table line: {line}");
            } else {
                expected = None;
            }
        }
    }

    #[test]
    fn escapes_input() {
        let md = render(&hostile());
        assert_tables_intact(&md);
        assert_tables_intact(&render(&sample()));
        assert!(!md.contains('\u{1b}'));
        assert!(!md.contains("<script>"));
        assert!(md.contains("\\<script\\>alert(1)\\</script\\>"));
        assert!(md.contains("\\| pipe<br>new line"));
        // A row's notes, under its name, on one line of the table.
        assert!(md.contains("<br>*Comments: \\<script\\>alert(1)"));
    }

    #[test]
    fn escape_rules() {
        assert_eq!(escape("a|b\nc", "<br>"), "a\\|b<br>c");
        assert_eq!(
            escape("{++x++} *y* AT&T &amp;", " "),
            "\\{++x++\\} \\*y\\* AT\\&T \\&amp;"
        );
        assert_eq!(escape("a\r\nb\rc\u{7}", "/"), "a/b/c");
    }

    #[test]
    fn survives_empty_input() {
        let md = render(&Synopsis::default());
        assert!(md.starts_with(
            "*0 proposals, no base · 0 rows · 0 changed by some proposal · 0 conflicts.*"
        ));
    }

    #[test]
    fn conflict_is_marked_on_the_row() {
        let md = render(&crate::write::test_support::conflicting());
        assert!(md.contains("· 1 conflict."), "{md}");
        assert!(
            md.contains("| considering/a **a)**<br>**conflict:** ATU, CITEL |"),
            "{md}"
        );
        assert_eq!(md.matches("**conflict:**").count(), 1);
    }
}
