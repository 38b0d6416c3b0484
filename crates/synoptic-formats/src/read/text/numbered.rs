//! Paragraphs numbered by a bare number before a sentence, as Swiss
//! statutes number their paragraphs ("1 Dieses Gesetz ...", "2 Es gilt
//! ...") and Westminster schedules theirs ("1 The notice must ...").

use synoptic_core::structure::split_label;
use synoptic_core::{Document, Paragraph, Text};

/// The number that starts `text` when a space and a capital follow it
/// ("2 Es gilt"), with the rest after the spaces; a line split_label does
/// not label, since out of context "15 Member States agreed." is prose.
fn leading_number(text: &str) -> Option<(u32, &str, &str)> {
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let after = &text[digits..];
    let rest = after.trim_start_matches(' ');
    if rest.len() == after.len() || !rest.starts_with(char::is_uppercase) {
        return None;
    }
    let value = text[..digits].parse().ok()?;
    Some((value, &text[..digits], rest))
}

/// A bare number that starts a line ("40 euros", a sentence wrapped before
/// its amount) is read as a label only where it looks like one in context:
/// where the paragraph before it ends a sentence or a clause, where a
/// caption follows it ("4 Short title", not "euros"), or where it
/// continues or is continued by the bare numbers of its neighbours (`2`
/// after `1`, a deleted one skipped). Otherwise it is the line's text
/// again, so a change of the amount is a change of the paragraph, not of
/// its label.
pub(crate) fn unlabel_stray_numbers(document: &mut Document) {
    for section in &mut document.sections {
        let bare: Vec<Option<u32>> = section
            .paragraphs
            .iter()
            .map(|p| p.label.as_deref().and_then(bare_number))
            .collect();
        // The next bare number after each paragraph.
        let mut next: Vec<Option<u32>> = vec![None; bare.len()];
        let mut after = None;
        for (k, value) in bare.iter().enumerate().rev() {
            next[k] = after;
            after = value.or(after);
        }
        let close = |from: u32, to: Option<u32>| to.is_some_and(|to| to > from && to - from <= 3);
        let mut previous: Option<u32> = None;
        for k in 0..bare.len() {
            let Some(value) = bare[k] else {
                continue;
            };
            let in_sequence =
                previous.is_some_and(|p| close(p, Some(value))) || close(value, next[k]);
            let open = k > 0
                && section.paragraphs[k - 1]
                    .text
                    .trim_end()
                    .ends_with(|c: char| c.is_alphanumeric() || c == ',');
            // A caption ("4 Short title") after a heading line is a label.
            let runs_on = section.paragraphs[k].text.starts_with(char::is_lowercase);
            if open && runs_on && !in_sequence {
                let p = &mut section.paragraphs[k];
                if let Some(label) = p.label.take() {
                    p.text = Text::from(format!("{label} {}", p.text));
                }
            } else {
                previous = Some(value);
            }
        }
    }
}

/// The value of a label that is a bare number of at most three digits.
fn bare_number(label: &str) -> Option<u32> {
    let label = label.trim();
    (!label.is_empty() && label.len() <= 3 && label.bytes().all(|b| b.is_ascii_digit()))
        .then(|| label.parse().ok())
        .flatten()
}

/// Labels the paragraphs of each section that count 1, 2, 3, ... by a
/// bare number before a sentence: a run of at least two, from 1, each the
/// next number; labelled paragraphs between them (a list under one of
/// them) do not break the run, an unlabelled one without the next number
/// does. Once a document numbers its paragraphs so, a run of one ("1 Dieses
/// Gesetz ...", left alone when a proposal deletes paragraph 2) counts
/// too, so that the versions of one text read alike. Two passes over the
/// paragraphs.
pub(crate) fn label_numbered_paragraphs(document: &mut Document) {
    let runs: Vec<Vec<Vec<usize>>> = document
        .sections
        .iter()
        .map(|section| numbered_runs(&section.paragraphs))
        .collect();
    let numbers_paragraphs = runs.iter().flatten().any(|run| run.len() >= 2);
    let least = if numbers_paragraphs { 1 } else { 2 };
    for (section, runs) in document.sections.iter_mut().zip(runs) {
        for i in runs.into_iter().filter(|r| r.len() >= least).flatten() {
            let p = &mut section.paragraphs[i];
            if let Some((_, number, rest)) = leading_number(&p.text) {
                let (number, rest) = (number.to_string(), Text::from(rest));
                p.label = Some(number);
                p.text = rest;
            }
        }
    }
}

/// The runs of paragraphs of one section that count 1, 2, 3, ... by a bare
/// number, as positions.
fn numbered_runs(paragraphs: &[Paragraph]) -> Vec<Vec<usize>> {
    let mut run: Vec<usize> = Vec::new();
    let mut next = 1;
    let mut runs: Vec<Vec<usize>> = Vec::new();
    for (i, p) in paragraphs.iter().enumerate() {
        if p.label.is_some() || p.revision.is_some() {
            continue;
        }
        match leading_number(&p.text) {
            Some((value, _, _)) if value == next && split_label(&p.text).is_none() => {
                run.push(i);
                next += 1;
            }
            Some((1, _, _)) if split_label(&p.text).is_none() => {
                runs.push(std::mem::take(&mut run));
                run.push(i);
                next = 2;
            }
            _ => {
                runs.push(std::mem::take(&mut run));
                next = 1;
            }
        }
    }
    runs.push(run);
    runs.retain(|run| !run.is_empty());
    runs
}

/// The clause number that starts `text` ("3.1 meter", "4.2.2 The error
/// ..."), with the rest after the space.
fn leading_clause(text: &str) -> Option<(&str, &str)> {
    let end = text.find(' ')?;
    let number = &text[..end];
    let parts: Vec<&str> = number.split('.').collect();
    let numeric = |p: &&str| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit());
    if parts.len() < 2 || parts.len() > 5 || !parts.iter().all(numeric) {
        return None;
    }
    let rest = text[end..].trim_start_matches(' ');
    (!rest.is_empty()).then_some((number, rest))
}

/// Whether clause `number` comes right below or after clause `previous`:
/// its first subclause ("3.1" after "3"), or the next clause at the level
/// of `previous` or of a clause above it ("3.2" after "3.1", "4.3" after
/// "4.2.2").
fn follows_clause(previous: &str, number: &str) -> bool {
    let split = |n: &str| -> Option<(String, u32)> {
        let (parent, last) = n.rsplit_once('.').unwrap_or(("", n));
        Some((parent.to_string(), last.parse().ok()?))
    };
    let Some((parent, last)) = split(number) else {
        return false;
    };
    if parent == previous {
        return last == 1;
    }
    // `previous` and each clause above it.
    let mut clause = previous.to_string();
    loop {
        match split(&clause) {
            Some((p, l)) if p == parent => return last == l + 1,
            Some((p, _)) if !p.is_empty() => clause = p,
            _ => return false,
        }
    }
}

/// Labels clause numbers that standards write before a term or a sentence
/// ("3.1 meter", "4.2.1 The error shall ..."), which alone read as prose
/// ("2.5 million"), where they continue the numbering of the clause
/// before them: "3.1" under "3", "3.2" after "3.1", or start a list the
/// next paragraph continues ("2.1 field trips;" before "2.2 courses;",
/// under a paragraph labelled otherwise). One pass per section.
pub(crate) fn label_clauses(document: &mut Document) {
    for section in &mut document.sections {
        let mut previous: Option<String> = None;
        for k in 0..section.paragraphs.len() {
            // The next paragraph's clause number, when it has one.
            let next = section
                .paragraphs
                .get(k + 1)
                .filter(|n| n.label.is_none() && n.revision.is_none())
                .and_then(|n| leading_clause(&n.text))
                .map(|(number, _)| number.to_string());
            let p = &mut section.paragraphs[k];
            if p.revision.is_some() {
                previous = None;
                continue;
            }
            if let Some(label) = &p.label {
                let key = label.trim_end_matches('.');
                let numeric = key
                    .split('.')
                    .all(|t| !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()));
                previous = numeric.then(|| key.to_string());
                continue;
            }
            let Some((number, rest)) = leading_clause(&p.text) else {
                continue;
            };
            let starts_list = number.ends_with(".1")
                && next.as_deref().is_some_and(|n| follows_clause(number, n));
            if starts_list
                || previous
                    .as_deref()
                    .is_some_and(|prev| follows_clause(prev, number))
            {
                let (number, rest) = (number.to_string(), Text::from(rest));
                previous = Some(number.clone());
                p.label = Some(number);
                p.text = rest;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use synoptic_core::Section;

    fn section(lines: &[(&str, &str)]) -> Document {
        Document {
            sections: vec![Section {
                opener: None,
                paragraphs: lines
                    .iter()
                    .map(|(label, text)| Paragraph {
                        label: (!label.is_empty()).then(|| label.to_string()),
                        text: Text::from(*text),
                        ..Paragraph::default()
                    })
                    .collect(),
            }],
            ..Document::default()
        }
    }

    fn labels(doc: &Document) -> Vec<String> {
        doc.sections[0]
            .paragraphs
            .iter()
            .map(|p| format!("{}|{}", p.label.as_deref().unwrap_or(""), p.text))
            .collect()
    }

    #[test]
    fn paragraphs_counting_from_one_are_labelled() {
        let mut doc = section(&[
            ("", "1 Dieses Gesetz regelt die Nutzung."),
            ("", "2 In diesem Gesetz bedeuten:"),
            ("a.", "Garten: eine Fläche;"),
            ("b.", "Träger: ein Verein."),
            ("", "3 Der Bundesrat erlässt die Ausführungsbestimmungen."),
            ("", "Der Bundesrat bestimmt das Inkrafttreten."),
            ("", "15 Member States agreed."),
        ]);
        label_numbered_paragraphs(&mut doc);
        assert_eq!(
            labels(&doc),
            [
                "1|Dieses Gesetz regelt die Nutzung.",
                "2|In diesem Gesetz bedeuten:",
                "a.|Garten: eine Fläche;",
                "b.|Träger: ein Verein.",
                "3|Der Bundesrat erlässt die Ausführungsbestimmungen.",
                "|Der Bundesrat bestimmt das Inkrafttreten.",
                "|15 Member States agreed.",
            ]
        );
    }

    #[test]
    fn clause_numbers_that_continue_the_clauses_before_are_labelled() {
        let mut doc = section(&[
            ("3", "Terms and definitions"),
            ("", "3.1 meter"),
            ("", "instrument that measures volume"),
            ("", "3.2 nominal flow rate"),
            ("4", "Requirements"),
            ("4.1", "General"),
            ("", "4.1.1 The meter shall last ten years."),
            ("", "4.2 Meters shall be sealed."),
            ("", "2.5 million meters are installed each year."),
        ]);
        label_clauses(&mut doc);
        assert_eq!(
            labels(&doc),
            [
                "3|Terms and definitions",
                "3.1|meter",
                "|instrument that measures volume",
                "3.2|nominal flow rate",
                "4|Requirements",
                "4.1|General",
                "4.1.1|The meter shall last ten years.",
                "4.2|Meters shall be sealed.",
                "|2.5 million meters are installed each year.",
            ]
        );
    }

    #[test]
    fn a_paragraph_left_alone_is_numbered_where_the_text_numbers_others() {
        let mut doc = section(&[("", "1 Dieses Gesetz regelt die Nutzung.")]);
        doc.sections.push(Section {
            opener: None,
            paragraphs: section(&[
                ("", "1 Wer nutzt, braucht eine Bewilligung."),
                ("", "2 Sie gilt fünf Jahre."),
            ])
            .sections
            .remove(0)
            .paragraphs,
        });
        label_numbered_paragraphs(&mut doc);
        assert_eq!(labels(&doc), ["1|Dieses Gesetz regelt die Nutzung."]);
    }

    #[test]
    fn a_number_alone_or_out_of_sequence_is_prose() {
        for lines in [
            vec![("", "1 Member State voted against.")],
            vec![
                ("", "2 Member States voted."),
                ("", "3 Member States abstained."),
            ],
            vec![
                ("", "1 State voted."),
                ("", "The rest abstained."),
                ("", "2 States left."),
            ],
        ] {
            let mut doc = section(&lines);
            let before = labels(&doc);
            label_numbered_paragraphs(&mut doc);
            assert_eq!(labels(&doc), before);
        }
    }
}
