//! Without a base: paragraphs that proposals only put in another order.

use super::*;

const STUDY: &str = "The Association promotes the study of coastal birds and their habitats.";
const TRIPS: &str =
    "The Association organises field trips for its members at least four times a year.";
const REPORT: &str =
    "The Association publishes an annual report on the state of the colonies it monitors.";
const COOPERATES: &str =
    "The Association cooperates with universities, museums and public authorities.";
const DONATIONS: &str = "The Association may accept donations and legacies for its purposes.";

fn statutes(label: &str, items: &[&str]) -> VersionInput {
    let numbered: Vec<(String, &str)> = items
        .iter()
        .enumerate()
        .map(|(k, t)| (format!("{}.", k + 1), *t))
        .collect();
    let items: Vec<(&str, &str)> = numbered.iter().map(|(l, t)| (l.as_str(), *t)).collect();
    input(label, vec![section(Some("Article 1"), &items)])
}

/// A row as these tests look at it: its id, the base's text, each
/// proposal's status and whether its cell links a move.
type Seen<'s> = (&'s str, Option<&'s str>, Vec<(Status, bool)>);

/// The rows holding `text` in some cell or in the base.
fn rows_with<'s>(s: &'s Synopsis, text: &str) -> Vec<Seen<'s>> {
    s.rows
        .iter()
        .filter(|r| {
            r.cells.iter().any(|c| c.text.as_str() == text) || r.base_text.as_deref() == Some(text)
        })
        .map(|r| {
            (
                r.id.as_str(),
                r.base_text.as_deref(),
                r.cells[1..]
                    .iter()
                    .map(|c| (c.status, c.moved.is_some()))
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn a_paragraph_one_of_two_proposals_moves_is_in_the_base_once_and_moved() {
    let keeps = statutes("keeps", &[STUDY, TRIPS, REPORT, DONATIONS]);
    let swaps = statutes("swaps", &[STUDY, REPORT, TRIPS, DONATIONS]);
    for order in [[&keeps, &swaps], [&swaps, &keeps]] {
        let s = compare(
            None,
            &[order[0].clone(), order[1].clone()],
            &CompareOptions::default(),
        )
        .unwrap();
        let found = rows_with(&s, REPORT);
        assert_eq!(found.len(), 2, "{found:?}");
        // The base holds it in one row, where one proposal deletes it and
        // says where to; the other row is that proposal's addition.
        let in_base: Vec<_> = found
            .iter()
            .filter(|(_, b, _)| *b == Some(REPORT))
            .collect();
        assert_eq!(in_base.len(), 1, "{found:?}");
        let statuses: Vec<&(Status, bool)> = found.iter().flat_map(|(_, _, c)| c).collect();
        assert!(statuses.contains(&&(Status::Deleted, true)), "{found:?}");
        assert!(statuses.contains(&&(Status::Added, true)), "{found:?}");
        assert!(statuses.contains(&&(Status::Unchanged, false)), "{found:?}");
    }
}

#[test]
fn a_proposal_that_moves_a_paragraph_still_votes_on_its_text() {
    let keeps = statutes("keeps", &[STUDY, TRIPS, REPORT, COOPERATES, DONATIONS]);
    let swaps = statutes("swaps", &[STUDY, REPORT, TRIPS, COOPERATES, DONATIONS]);
    let six = TRIPS.replace("four", "six");
    let edits = statutes("edits", &[STUDY, &six, REPORT, COOPERATES, DONATIONS]);
    let s = compare(None, &[keeps, swaps, edits], &CompareOptions::default()).unwrap();
    // Two of three read "four": the base does, and only "edits" changes it.
    let found = rows_with(&s, TRIPS);
    let base_row = found.iter().find(|(_, b, _)| b.is_some()).unwrap();
    assert_eq!(base_row.1, Some(TRIPS), "{found:?}");
    // Of two neighbours "swaps" swapped, either may be the one that moved.
    assert_eq!(base_row.2[0], (Status::Unchanged, false));
    assert!(
        [(Status::Deleted, true), (Status::Unchanged, false)].contains(&base_row.2[1]),
        "{found:?}"
    );
    assert_eq!(base_row.2[2], (Status::Modified, false));
}

#[test]
fn the_same_sentence_in_two_sections_is_never_moved_between_them() {
    const POWER: &str = "The Minister may, by regulation, make further provision for this Part.";
    let act = |label: &str, in_first: bool, in_second: bool| {
        let first: Vec<(&str, &str)> = [("(1)", STUDY), ("(2)", POWER)]
            .into_iter()
            .filter(|(_, t)| in_first || *t != POWER)
            .collect();
        let second: Vec<(&str, &str)> = [("(1)", TRIPS), ("(2)", POWER)]
            .into_iter()
            .filter(|(_, t)| in_second || *t != POWER)
            .collect();
        input(
            label,
            vec![
                section(Some("Section 3"), &first),
                section(Some("Section 7"), &second),
            ],
        )
    };
    let s = compare(
        None,
        &[act("first", true, false), act("second", false, true)],
        &CompareOptions::default(),
    )
    .unwrap();
    for row in &s.rows {
        assert!(
            row.cells.iter().all(|c| c.moved.is_none()),
            "{}: {:?}",
            row.id,
            row.cells
        );
        if row.cells.iter().any(|c| c.text.as_str() == POWER) {
            assert!(row.id.starts_with("section-3/") || row.id.starts_with("section-7/"));
        }
    }
}
