//! The decisions skeleton (`synoptic consolidate --emit-decisions`): every
//! row of the automatic draft that holds a conflict, commented with its
//! alternatives and their proposers, ready for the chair to fill in; rows
//! already decided in an earlier file are carried over unchanged.
//!
//! The output is TOML that [`crate::read::decisions::read`] reads back.

use std::io::{self, Write};

use synoptic_core::consolidate::{AlternativeKind, Choice, Decisions, Draft, DraftPiece, DraftRow};

use super::draft_text::{alternative_text, clean, who};

/// Writes the skeleton for `draft` (the automatic consolidation, without
/// decisions), keeping the decisions of `existing`.
pub fn write(draft: &Draft, existing: Option<&Decisions>, mut out: impl Write) -> io::Result<()> {
    let mut toml = String::new();
    header(draft, &mut toml);
    let decided = |id: &str| existing.and_then(|d| d.rows.get(id));
    let mut listed = 0usize;
    for row in &draft.rows {
        let previous = decided(&row.id);
        if !row.has_conflict() && previous.is_none() {
            continue;
        }
        listed += 1;
        toml.push('\n');
        comment_row(row, &mut toml);
        toml.push_str(&format!("[rows.{}]\n", quote(&row.id)));
        match previous {
            Some(d) => {
                // Kept as decided, with the fingerprint it was decided on,
                // so a change to the row since is still reported.
                if let Some(fp) = &d.fingerprint {
                    toml.push_str(&format!("fingerprint = {}\n", quote(fp)));
                }
                match &d.choice {
                    Some(choice) => toml.push_str(&choice_line(choice)),
                    None => open_choice(draft, row, &mut toml),
                }
                if let Some(note) = &d.note {
                    toml.push_str(&format!("note = {}\n", quote(note)));
                }
            }
            None => {
                toml.push_str(&format!("fingerprint = {}\n", quote(&row.fingerprint)));
                open_choice(draft, row, &mut toml);
            }
        }
    }
    // Decisions on rows the draft no longer has: kept, so nothing the chair
    // wrote is lost; consolidating reports them.
    if let Some(existing) = existing {
        for (id, d) in &existing.rows {
            if draft.rows.iter().any(|r| &r.id == id) {
                continue;
            }
            listed += 1;
            toml.push_str(&format!(
                "\n# {}: no such row in the synopsis any more.\n[rows.{}]\n",
                clean(id),
                quote(id)
            ));
            if let Some(fp) = &d.fingerprint {
                toml.push_str(&format!("fingerprint = {}\n", quote(fp)));
            }
            if let Some(choice) = &d.choice {
                toml.push_str(&choice_line(choice));
            }
            if let Some(note) = &d.note {
                toml.push_str(&format!("note = {}\n", quote(note)));
            }
        }
    }
    if listed == 0 {
        toml.push_str("\n# No row holds a conflict: nothing to decide.\n");
    }
    out.write_all(toml.as_bytes())?;
    out.flush()
}

fn header(draft: &Draft, toml: &mut String) {
    toml.push_str(
        "# Synoptic decisions: one [rows.\"ID\"] table per row of the synopsis.\n\
         # Settle a row with exactly one of:\n\
         #   accept = \"LABEL\"   take that proposal's version of the row\n\
         #   base = true        keep the base text\n\
         #   merge = true       confirm the automatic merge (a row without conflict)\n\
         #   text = \"...\"       write the row's text yourself\n\
         # and, if you like, note = \"...\" for the record.\n\
         # `fingerprint` records what the proposals did to the row when it was\n\
         # listed: if that changes, `synoptic consolidate --decisions` reports\n\
         # the decision instead of applying it (delete the line to apply it anyway).\n",
    );
    toml.push_str(&format!(
        "# Proposals: {}\n",
        if draft.proposals.is_empty() {
            "none".to_string()
        } else {
            clean(&draft.proposals.join(", "))
        }
    ));
}

/// The row's alternatives as comments: the text around each disputed span,
/// then one line per alternative.
fn comment_row(row: &DraftRow, toml: &mut String) {
    let places = row
        .pieces
        .iter()
        .filter(|p| matches!(p, DraftPiece::Conflict { .. }))
        .count();
    toml.push_str(&format!(
        "# {}: {}\n",
        clean(&row.id),
        match places {
            0 => "no conflict now".to_string(),
            1 => "proposals disagree at one place".to_string(),
            n => format!("proposals disagree at {n} places"),
        }
    ));
    for (i, piece) in row.pieces.iter().enumerate() {
        let DraftPiece::Conflict { alternatives, .. } = piece else {
            continue;
        };
        let before = context(&row.pieces[..i], true);
        let after = context(row.pieces.get(i + 1..).unwrap_or(&[]), false);
        toml.push_str(&format!("#   at \"{before}[...]{after}\":\n"));
        for alt in alternatives {
            toml.push_str(&format!(
                "#     {}: {}\n",
                clean(&who(alt)),
                clean(&alternative_text(alt))
            ));
        }
    }
}

/// A few words of the row's text next to a disputed span.
fn context(pieces: &[DraftPiece], before: bool) -> String {
    const WORDS: usize = 4;
    let text: String = pieces
        .iter()
        .map(|p| match p {
            DraftPiece::Kept { text } => text.as_str(),
            DraftPiece::Change { inserted, .. } => inserted.as_str(),
            DraftPiece::Conflict { .. } => " [...] ",
        })
        .collect();
    let text = clean(&text);
    let words: Vec<&str> = text.split_whitespace().collect();
    let (shown, cut) = if before {
        let from = words.len().saturating_sub(WORDS);
        (words[from..].join(" "), from > 0)
    } else {
        (
            words[..words.len().min(WORDS)].join(" "),
            words.len() > WORDS,
        )
    };
    let space = |yes: bool| if yes && !shown.is_empty() { " " } else { "" };
    if before {
        let lead = if cut { "..." } else { "" };
        format!(
            "{lead}{}{shown}{}",
            space(cut),
            space(text.ends_with(char::is_whitespace))
        )
    } else {
        let tail = if cut { "..." } else { "" };
        format!(
            "{}{shown}{}{tail}",
            space(text.starts_with(char::is_whitespace)),
            space(cut)
        )
    }
}

/// The commented-out choices for an open row, one per proposal behind an
/// alternative, then base.
fn open_choice(draft: &Draft, row: &DraftRow, toml: &mut String) {
    let mut proposers: Vec<&str> = Vec::new();
    for piece in &row.pieces {
        if let DraftPiece::Conflict { alternatives, .. } = piece {
            // Accepting a proposal that keeps the base is `base = true`.
            for alt in alternatives
                .iter()
                .filter(|a| a.kind != AlternativeKind::Base)
            {
                proposers.extend(alt.proposers.iter().map(String::as_str));
            }
        }
    }
    for label in draft
        .proposals
        .iter()
        .filter(|p| proposers.contains(&p.as_str()))
    {
        toml.push_str(&format!("# accept = {}\n", quote(label)));
    }
    toml.push_str("# base = true\n");
}

fn choice_line(choice: &Choice) -> String {
    match choice {
        Choice::Accept(label) => format!("accept = {}\n", quote(label)),
        Choice::Base => "base = true\n".into(),
        Choice::Merge => "merge = true\n".into(),
        Choice::Text(text) => format!("text = {}\n", quote(text)),
    }
}

/// A TOML basic string: quotes, backslashes and control characters escaped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::read::decisions::read;
    use crate::write::draft_text::tests::{example_draft, example_synopsis};
    use synoptic_core::consolidate::{consolidate, Outcome, RowDecision};

    fn render(draft: &Draft, existing: Option<&Decisions>) -> String {
        let mut buf = Vec::new();
        write(draft, existing, &mut buf).expect("write to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    #[test]
    fn snapshot_of_the_example() {
        insta::assert_snapshot!(render(&example_draft(), None));
    }

    #[test]
    fn skeleton_lists_conflicts_and_reads_back_empty() {
        let draft = example_draft();
        let toml = render(&draft, None);
        assert!(toml.contains("[rows.\"resolves/3\"]"));
        assert!(
            toml.contains("#     base: 12\n#     AFR: 21\n#     CEPT: 15\n"),
            "{toml}"
        );
        let back = read(&toml).unwrap();
        assert_eq!(back.rows.len(), draft.conflict_count());
        assert!(back.rows.values().all(|r| r.choice.is_none()));
        // Open rows change nothing.
        let again = consolidate(&example_synopsis(), Some(&back));
        assert!(again.stale.is_empty());
        assert_eq!(again.conflict_count(), draft.conflict_count());
    }

    #[test]
    fn filled_in_skeleton_settles_the_draft() {
        let draft = example_draft();
        let toml = render(&draft, None).replace("# accept = \"CEPT\"", "accept = \"CEPT\"");
        let decisions = read(&toml).unwrap();
        let decided = consolidate(&example_synopsis(), Some(&decisions));
        assert!(decided.stale.is_empty(), "{:?}", decided.stale);
        assert_eq!(decided.conflict_count(), 0);
        let row = decided.rows.iter().find(|r| r.id == "resolves/3").unwrap();
        assert_eq!(row.outcome, Outcome::Decided);
        assert!(row.text().unwrap().contains("15 calendar days"));
        // Emitting again keeps the decision and its fingerprint.
        let again = render(&draft, Some(&decisions));
        assert!(again.contains("\naccept = \"CEPT\"\n"));
        assert_eq!(read(&again).unwrap(), decisions);
    }

    #[test]
    fn hostile_ids_and_texts_stay_valid_toml() {
        let mut draft = example_draft();
        for row in &mut draft.rows {
            row.id = format!("{}\"]\n[x]\\ \u{7}", row.id);
        }
        let mut existing = Decisions::default();
        existing.rows.insert(
            "gone\"\n".into(),
            RowDecision {
                choice: Some(Choice::Text("a\"b\\c\nd".into())),
                fingerprint: Some("f".into()),
                note: Some("n\u{1b}".into()),
            },
        );
        let toml = render(&draft, Some(&existing));
        let back = read(&toml).unwrap();
        assert_eq!(back.rows["gone\"\n"], existing.rows["gone\"\n"]);
    }
}
