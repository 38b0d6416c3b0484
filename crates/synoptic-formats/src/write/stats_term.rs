//! Statistics as plain tables for the terminal: what each proposal
//! changes, which proposals agree, and the hot spots.

use std::io::{self, Write};

use unicode_width::UnicodeWidthStr;

use synoptic_core::stats::Stats;

use super::draft_text::clean;

/// Writes the statistics as text tables (no colour, no control characters
/// from the input).
pub fn write(stats: &Stats, mut out: impl Write) -> io::Result<()> {
    let mut text = format!(
        "{} rows · {} changed by some proposal · {} with a conflict\n",
        stats.rows, stats.changed_rows, stats.conflict_rows
    );

    text.push_str("\nPer proposal\n");
    let mut table = vec![vec![
        String::new(),
        "modified".into(),
        "added".into(),
        "deleted".into(),
        "moved".into(),
        "words +".into(),
        "words -".into(),
    ]];
    for p in &stats.proposals {
        table.push(vec![
            clean(&p.label),
            p.rows_modified.to_string(),
            p.rows_added.to_string(),
            p.rows_deleted.to_string(),
            p.rows_moved.to_string(),
            p.words_inserted.to_string(),
            p.words_deleted.to_string(),
        ]);
    }
    push_table(&mut text, &table);

    if stats.proposals.len() > 1 {
        text.push_str("\nRows both change / of those, the same change\n");
        let labels: Vec<String> = stats.proposals.iter().map(|p| clean(&p.label)).collect();
        let mut table = vec![std::iter::once(String::new())
            .chain(labels.iter().cloned())
            .collect::<Vec<_>>()];
        for a in &stats.proposals {
            let mut line = vec![clean(&a.label)];
            for b in &stats.proposals {
                line.push(if a.label == b.label {
                    "·".into()
                } else {
                    stats
                        .pair(&a.label, &b.label)
                        .map_or_else(String::new, |p| {
                            format!("{} / {}", p.both_touch, p.same_change)
                        })
                });
            }
            table.push(line);
        }
        push_table(&mut text, &table);
    }

    text.push_str("\nHot spots (rows where proposals conflict, most contested first)\n");
    if stats.hot_spots.is_empty() {
        text.push_str("  none\n");
    } else {
        let mut table = vec![vec![
            "row".into(),
            "label".into(),
            "proposals".into(),
            "alternatives".into(),
            "places".into(),
        ]];
        for h in &stats.hot_spots {
            table.push(vec![
                clean(&h.row),
                h.label.as_deref().map(clean).unwrap_or_default(),
                clean(&h.proposers.join(", ")),
                h.alternatives.to_string(),
                h.places.to_string(),
            ]);
        }
        push_table(&mut text, &table);
    }
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// Appends a table: the first column left-aligned, numbers right-aligned,
/// columns two spaces apart, indented by two.
fn push_table(text: &mut String, rows: &[Vec<String>]) {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| {
            rows.iter()
                .filter_map(|r| r.get(c))
                .map(|s| s.width())
                .max()
                .unwrap_or(0)
        })
        .collect();
    for row in rows {
        let mut line = String::from("  ");
        for (c, cell) in row.iter().enumerate() {
            let pad = widths[c].saturating_sub(cell.width());
            let numeric = cell
                .chars()
                .all(|ch| ch.is_ascii_digit() || " /·".contains(ch));
            if c > 0 {
                line.push_str("  ");
            }
            if numeric && c > 0 {
                line.push_str(&" ".repeat(pad));
                line.push_str(cell);
            } else {
                line.push_str(cell);
                line.push_str(&" ".repeat(pad));
            }
        }
        text.push_str(line.trim_end());
        text.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::draft_text::tests::example_synopsis;

    fn render(stats: &Stats) -> String {
        let mut buf = Vec::new();
        write(stats, &mut buf).expect("write to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    #[test]
    fn snapshot_of_the_example() {
        insta::assert_snapshot!(render(&synoptic_core::stats::stats(&example_synopsis())));
    }

    #[test]
    fn empty_and_hostile() {
        let out = render(&Stats::default());
        assert!(out.starts_with("0 rows"));
        assert!(out.contains("none"));
        let mut stats = synoptic_core::stats::stats(&example_synopsis());
        stats.proposals[0].label = "A\u{1b}[31m\nB".into();
        let out = render(&stats);
        assert!(!out.contains('\u{1b}'));
    }
}
