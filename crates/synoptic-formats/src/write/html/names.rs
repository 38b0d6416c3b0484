//! Row names as a reader says them ("considering c)", "new, after c)"),
//! for the page's first column; the row id stays the anchor.

use std::collections::HashMap;

use synoptic_core::{Row, RowKind, Synopsis};

/// Openers longer than this many words are shortened to their first words
/// in row names: the section's own header row shows them in full.
const SHORT_OPENER_WORDS: usize = 4;

/// Names rows by their section and label, looking up the label of the row
/// a new one follows.
pub(super) struct RowNames<'a> {
    rows: HashMap<&'a str, &'a Row>,
}

impl<'a> RowNames<'a> {
    /// The names of the rows of `synopsis`.
    pub(super) fn new(synopsis: &'a Synopsis) -> Self {
        RowNames {
            rows: synopsis.rows.iter().map(|r| (r.id.as_str(), r)).collect(),
        }
    }

    /// The name of the row with this id, or the id itself when no row has
    /// it.
    pub(super) fn name_of(&self, id: &str) -> String {
        self.rows
            .get(id)
            .map_or_else(|| id.to_string(), |row| self.name(row))
    }

    /// The row's name: "considering c)", "resolves 2 ii)", "preamble,
    /// paragraph 3"; for a row the base does not have, where it stands:
    /// "new, after c)", "new, at the start"; for an opener, the opener
    /// itself (or "new section").
    pub(super) fn name(&self, row: &Row) -> String {
        let new = row.base_text.is_none();
        if row.kind == RowKind::Heading {
            return if new {
                "new section".into()
            } else {
                short_opener(row)
            };
        }
        let rest = row
            .id
            .strip_prefix(row.section.as_str())
            .and_then(|r| r.strip_prefix('/'))
            .unwrap_or(&row.id);
        let mut segments: Vec<&str> = rest.split('/').collect();
        let last = segments.pop().unwrap_or("");
        if let Some((after, _)) = last.split_once('+') {
            if new {
                if after.is_empty() {
                    return "new, at the start".into();
                }
                let anchor = match row.id.rsplit_once('/') {
                    Some((parent, _)) => format!("{parent}/{after}"),
                    None => after.to_string(),
                };
                let label = self
                    .rows
                    .get(anchor.as_str())
                    .and_then(|r| r.label.as_deref())
                    .unwrap_or(after);
                return format!("new, after {label}");
            }
        }
        let section = short_opener(row);
        match row
            .label
            .as_deref()
            .map(str::trim)
            .filter(|l| !l.is_empty())
        {
            Some(label) => {
                let mut parts = vec![section];
                parts.extend(segments.iter().map(|s| s.to_string()));
                parts.push(label.to_string());
                parts.join(" ")
            }
            None => match last
                .strip_prefix('p')
                .filter(|n| n.parse::<usize>().is_ok())
            {
                Some(n) => format!("{section}, paragraph {n}"),
                None if new => "new".into(),
                None => section,
            },
        }
    }
}

/// The row's section as named in the text, its first words when long.
fn short_opener(row: &Row) -> String {
    let title = row.section_title.trim();
    let title = if title.is_empty() {
        row.section.replace('-', " ")
    } else {
        title.to_string()
    };
    // The opener's own closing punctuation ("considering," or "resolves:").
    let title = title.trim_end_matches([',', ':', ';', '.', '،', '：', '，']);
    let words: Vec<&str> = title.split_whitespace().collect();
    if words.len() > SHORT_OPENER_WORDS {
        format!("{}…", words[..SHORT_OPENER_WORDS].join(" "))
    } else {
        words.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, section: &str, title: &str, label: Option<&str>, base: bool) -> Row {
        Row {
            id: id.into(),
            section: section.into(),
            section_title: title.into(),
            kind: RowKind::Paragraph,
            label: label.map(Into::into),
            base_text: base.then(|| "text".into()),
            cells: Vec::new(),
            notes: Vec::new(),
        }
    }

    #[test]
    fn names_as_a_reader_says_them() {
        let rows = vec![
            row(
                "considering/c",
                "considering",
                "considering",
                Some("c)"),
                true,
            ),
            row(
                "considering/c+1",
                "considering",
                "considering",
                Some("d)"),
                false,
            ),
            row(
                "considering/+1",
                "considering",
                "considering",
                Some("a)"),
                false,
            ),
            row("resolves/2/ii", "resolves", "resolves", Some("ii)"), true),
            row(
                "resolves/2/ii+1",
                "resolves",
                "resolves",
                Some("iii)"),
                false,
            ),
            row("preamble/p3", "preamble", "", None, true),
            row(
                "instructs-the-director/2",
                "instructs-the-director",
                "instructs the Director of the Telecommunication Standardization Bureau",
                Some("2"),
                true,
            ),
        ];
        let s = Synopsis {
            rows,
            ..Synopsis::default()
        };
        let names = RowNames::new(&s);
        let got: Vec<String> = s.rows.iter().map(|r| names.name(r)).collect();
        assert_eq!(
            got,
            vec![
                "considering c)",
                "new, after c)",
                "new, at the start",
                "resolves 2 ii)",
                "new, after ii)",
                "preamble, paragraph 3",
                "instructs the Director of… 2",
            ]
        );
        let mut heading = row(
            "recognizing-further",
            "recognizing-further",
            "",
            None,
            false,
        );
        heading.kind = RowKind::Heading;
        assert_eq!(names.name(&heading), "new section");
        heading.base_text = Some("recognizing further".into());
        assert_eq!(names.name(&heading), "recognizing further");
    }
}
