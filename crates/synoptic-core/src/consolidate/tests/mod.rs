//! Tests of the consolidation: each case on hand-made rows and decisions
//! here; property tests over generated edits and documents, and the
//! relettering of a draft, in the files beside.

mod labels;
mod properties;

use super::*;
use crate::compare::{compare, CompareOptions, VersionInput};
use crate::diff::{all_deleted, all_inserted};
use crate::model::result_of;
use crate::synopsis::{Role, Version};
use crate::test_docs::{self, build, text_strategy};
use proptest::prelude::*;

/// What one proposal does in a hand-made row.
#[derive(Debug, Clone)]
pub(crate) enum C<'a> {
    /// Keeps the base text.
    Same,
    /// Has this text (modified against the base by a word diff).
    Text(&'a str),
    /// Deletes the row.
    Deleted,
    /// Adds this text in a row the base does not have.
    Added(&'a str),
    /// Has nothing in the row.
    Absent,
    /// Tracked changes of its own.
    Ops(Vec<Change>),
}

/// A row with a base cell (`v0`) and one cell per proposal (`v1`...).
pub(crate) fn row(id: &str, base: Option<&str>, cells: &[C<'_>]) -> Row {
    let section = id.split('/').next().unwrap_or("").to_string();
    let mut out = vec![match base {
        Some(b) => Cell {
            version: "v0".into(),
            status: Status::Unchanged,
            text: b.into(),
            ops: vec![Change::equal(b)],
            ..Cell::default()
        },
        None => Cell {
            version: "v0".into(),
            status: Status::Absent,
            ..Cell::default()
        },
    }];
    for (i, c) in cells.iter().enumerate() {
        let version = format!("v{}", i + 1);
        let b = base.unwrap_or("");
        let cell = match c {
            C::Same => Cell {
                status: Status::Unchanged,
                text: b.into(),
                ops: word_diff(b, b),
                ..Cell::default()
            },
            C::Text(t) => Cell {
                status: if t == &b {
                    Status::Unchanged
                } else {
                    Status::Modified
                },
                text: (*t).into(),
                ops: word_diff(b, t),
                ..Cell::default()
            },
            C::Deleted => Cell {
                status: Status::Deleted,
                ops: all_deleted(b),
                ..Cell::default()
            },
            C::Added(t) => Cell {
                status: Status::Added,
                text: (*t).into(),
                ops: all_inserted(t),
                ..Cell::default()
            },
            C::Absent => Cell {
                status: Status::Absent,
                ..Cell::default()
            },
            C::Ops(ops) => Cell {
                status: Status::Modified,
                text: result_of(ops).into(),
                ops: ops.clone(),
                tracked: true,
                ..Cell::default()
            },
        };
        out.push(Cell {
            version: version.into(),
            ..cell
        });
    }
    Row {
        id: id.into(),
        section_title: section.clone(),
        section,
        kind: RowKind::Paragraph,
        label: None,
        base_text: base.map(Into::into),
        cells: out,
        notes: Vec::new(),
    }
}

/// A synopsis with a base and the named proposals.
pub(crate) fn synopsis(labels: &[&str], rows: Vec<Row>) -> Synopsis {
    let mut versions = vec![Version {
        id: "v0".into(),
        label: "base".into(),
        role: Role::Base,
        ..Version::default()
    }];
    for (i, l) in labels.iter().enumerate() {
        versions.push(Version {
            id: format!("v{}", i + 1),
            label: (*l).into(),
            role: Role::Proposal,
            ..Version::default()
        });
    }
    Synopsis {
        versions,
        base_inferred: false,
        rows,
        ..Synopsis::default()
    }
}

/// The row in the bracket notation of the plain-text draft, changes shown
/// as `{old => new | who}`, for readable assertions.
fn show(row: &DraftRow) -> String {
    let mut out = String::new();
    for piece in &row.pieces {
        match piece {
            DraftPiece::Kept { text } => out.push_str(text),
            DraftPiece::Change {
                deleted,
                inserted,
                proposers,
            } => out.push_str(&format!(
                "{{{deleted}=>{inserted}|{}}}",
                proposers.join(",")
            )),
            DraftPiece::Conflict { alternatives, .. } => {
                let alts: Vec<String> = alternatives
                    .iter()
                    .map(|a| {
                        let who = if a.kind == AlternativeKind::Base {
                            "base".to_string()
                        } else {
                            a.proposers.join(", ")
                        };
                        let text = if a.kind == AlternativeKind::Deletion {
                            "(deleted)"
                        } else {
                            &a.text
                        };
                        format!("{who}: {text}")
                    })
                    .collect();
                out.push_str(&format!("[{}]", alts.join(" | ")));
            }
        }
    }
    out
}

fn one(labels: &[&str], base: Option<&str>, cells: &[C<'_>]) -> DraftRow {
    let s = synopsis(labels, vec![row("r/1", base, cells)]);
    let d = consolidate(&s, None);
    assert!(d.stale.is_empty());
    d.rows.into_iter().next().unwrap()
}

const DAYS: &str = "documents shall be available at least 12 calendar days before the meeting;";

#[test]
fn nobody_changes_the_row() {
    let r = one(&["AFR", "CEPT"], Some(DAYS), &[C::Same, C::Same]);
    assert_eq!(r.outcome, Outcome::Base);
    assert_eq!(r.text().as_deref(), Some(DAYS));
    assert_eq!(r.pieces, vec![DraftPiece::Kept { text: DAYS.into() }]);
}

#[test]
fn neighbouring_deletions_at_the_end_leave_no_stray_space() {
    // Three proposals each delete one of the last three words (found by
    // the property test below): merged, the text ends with the last word
    // kept, not with the space before the deleted ones.
    let words: Vec<String> = (0..8).map(|k| format!("word{k}")).collect();
    let base = words.join(" ");
    let without = |k: usize| {
        let kept: Vec<&str> = words
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != k)
            .map(|(_, w)| w.as_str())
            .collect();
        kept.join(" ")
    };
    let (a, b, c) = (without(7), without(5), without(6));
    let r = one(
        &["AFR", "APT", "CEPT"],
        Some(&base),
        &[C::Text(&a), C::Text(&b), C::Text(&c)],
    );
    assert_eq!(
        r.text().as_deref(),
        Some(words[..5].join(" ").as_str()),
        "{}",
        show(&r)
    );
}

#[test]
fn one_proposal_changes_the_row() {
    let new = DAYS.replace("12", "21");
    let r = one(&["AFR", "CEPT"], Some(DAYS), &[C::Text(&new), C::Same]);
    assert_eq!(r.outcome, Outcome::Consensus);
    assert_eq!(r.text().as_deref(), Some(new.as_str()));
    assert_eq!(
        show(&r),
        "documents shall be available at least {12=>21|AFR} calendar days before the meeting;"
    );
}

#[test]
fn identical_changes_are_consensus() {
    let new = DAYS.replace("12", "21");
    // Case alone does not split a consensus.
    let shout = new.replace("documents", "Documents");
    let r = one(
        &["AFR", "APT", "CEPT"],
        Some(DAYS),
        &[C::Text(&new), C::Same, C::Text(&shout)],
    );
    assert_eq!(r.outcome, Outcome::Consensus);
    // CEPT's capital letter contradicts nobody, so it is applied too.
    assert_eq!(r.text().as_deref(), Some(shout.as_str()));
    assert!(show(&r).contains("{12=>21|AFR,CEPT}"), "{}", show(&r));
}

#[test]
fn different_words_are_merged_and_attributed() {
    let afr = DAYS.replace("12", "21");
    let cept = DAYS.replace("before the meeting", "before the opening of the meeting");
    let r = one(
        &["AFR", "CEPT"],
        Some(DAYS),
        &[C::Text(&afr), C::Text(&cept)],
    );
    assert_eq!(r.outcome, Outcome::Merged);
    assert_eq!(
        r.text().as_deref(),
        Some("documents shall be available at least 21 calendar days before the opening of the meeting;")
    );
    assert_eq!(
        show(&r),
        "documents shall be available at least {12=>21|AFR} calendar days before {=>the opening of |CEPT}the meeting;"
    );
}

#[test]
fn overlapping_edits_conflict_with_the_base_when_someone_keeps_it() {
    let afr = DAYS.replace("12", "21");
    let cept = DAYS.replace("12", "15");
    let r = one(
        &["AFR", "APT", "CEPT"],
        Some(DAYS),
        &[C::Text(&afr), C::Same, C::Text(&cept)],
    );
    assert_eq!(r.outcome, Outcome::Conflict);
    assert_eq!(r.text(), None);
    assert_eq!(
        show(&r),
        "documents shall be available at least [base: 12 | AFR: 21 | CEPT: 15] calendar days before the meeting;"
    );
    let DraftPiece::Conflict { alternatives, base } = &r.pieces[1] else {
        panic!("{:?}", r.pieces)
    };
    assert_eq!(base, "12");
    assert_eq!(alternatives[0].proposers, vec!["APT"], "APT keeps the base");
    assert_eq!(r.base_text(), DAYS);
}

#[test]
fn base_is_left_out_when_every_proposal_changes_the_span() {
    let afr = DAYS.replace("12", "21");
    let cept = DAYS.replace("12", "15");
    let r = one(
        &["AFR", "CEPT"],
        Some(DAYS),
        &[C::Text(&afr), C::Text(&cept)],
    );
    assert_eq!(
        show(&r),
        "documents shall be available at least [AFR: 21 | CEPT: 15] calendar days before the meeting;"
    );
}

#[test]
fn conflict_stands_at_the_smallest_span() {
    let base = "recalling Resolution 123 (Rev. Busan, 2014) of the Plenipotentiary Conference";
    let dubai = base.replace("Busan, 2014", "Dubai, 2018");
    let ba = base.replace("Busan, 2014", "Buenos Aires, 2017");
    // CITEL also changes a word elsewhere: that merges, outside the brackets.
    let ba = ba.replace("recalling", "further recalling");
    let r = one(
        &["ATU", "CITEL", "RCC"],
        Some(base),
        &[C::Text(&dubai), C::Text(&ba), C::Text(&dubai)],
    );
    assert_eq!(r.outcome, Outcome::Conflict);
    assert_eq!(
        show(&r),
        "{=>further |CITEL}recalling Resolution 123 (Rev. [ATU, RCC: Dubai, 2018 | CITEL: Buenos Aires, 2017]) of the Plenipotentiary Conference"
    );
    // With a fourth proposal keeping the date, the base is an alternative.
    let r = one(
        &["ATU", "CITEL", "RCC", "CEPT"],
        Some(base),
        &[C::Text(&dubai), C::Text(&ba), C::Text(&dubai), C::Same],
    );
    assert!(
        show(&r).contains(
            "(Rev. [base: Busan, 2014 | ATU, RCC: Dubai, 2018 | CITEL: Buenos Aires, 2017])"
        ),
        "{}",
        show(&r)
    );
}

#[test]
fn shared_ends_of_competing_texts_leave_the_brackets() {
    // Both replace the same phrase; the shared "calendar" is not disputed.
    let base = "at least twelve working days before";
    let afr = "at least 21 calendar days before";
    let cept = "at least 15 calendar days before";
    let r = one(&["AFR", "CEPT"], Some(base), &[C::Text(afr), C::Text(cept)]);
    assert_eq!(r.outcome, Outcome::Conflict);
    // The base keeps "working", so "calendar" is still part of the
    // disagreement with it; only tokens all texts share leave the brackets.
    assert!(show(&r).starts_with("at least ["), "{}", show(&r));
    assert!(show(&r).ends_with("] days before"), "{}", show(&r));
}

#[test]
fn touching_edits_are_both_applied() {
    let base = "the big dog barks";
    let r = one(
        &["A", "B"],
        Some(base),
        &[
            C::Text("the large dog barks"),
            C::Text("the big brown dog barks"),
        ],
    );
    assert_eq!(r.outcome, Outcome::Merged, "{}", show(&r));
    assert_eq!(r.text().as_deref(), Some("the large brown dog barks"));
}

#[test]
fn insertions_at_one_point() {
    let base = "the dog barks";
    let r = one(
        &["A", "B"],
        Some(base),
        &[C::Text("the old dog barks"), C::Text("the young dog barks")],
    );
    assert_eq!(r.outcome, Outcome::Conflict);
    // Competing insertions: "insert nothing" is implied, not written.
    // The space both insert after their word is shared, out of the brackets.
    assert_eq!(show(&r), "the [A: old | B: young]{=> |A,B}dog barks");
    let r = one(
        &["A", "B"],
        Some(base),
        &[C::Text("the old dog barks"), C::Text("the old dog barks")],
    );
    assert_eq!(r.outcome, Outcome::Consensus);
    assert_eq!(show(&r), "the {=>old |A,B}dog barks");
}

#[test]
fn insertion_inside_a_replaced_span_conflicts() {
    let base = "meetings of study groups and working parties";
    let r = one(
        &["A", "B"],
        Some(base),
        &[
            C::Text("meetings of all groups"),
            C::Text("meetings of study groups and their working parties"),
        ],
    );
    assert_eq!(r.outcome, Outcome::Conflict, "{}", show(&r));
}

#[test]
fn added_rows() {
    let r = one(
        &["AFR", "APT", "CEPT"],
        None,
        &[
            C::Added("that hybrid meetings are the default;"),
            C::Absent,
            C::Absent,
        ],
    );
    assert_eq!(r.outcome, Outcome::Consensus);
    assert_eq!(show(&r), "{=>that hybrid meetings are the default;|AFR}");

    let r = one(
        &["AFR", "APT", "CEPT"],
        None,
        &[
            C::Added("that hybrid meetings are the default;"),
            C::Added("that hybrid meetings are the default;"),
            C::Absent,
        ],
    );
    assert_eq!(r.outcome, Outcome::Consensus);
    assert!(show(&r).ends_with("|AFR,APT}"));

    // Similar but different additions in one row: a conflict at the words
    // that differ, the shared words inserted by both.
    let r = one(
        &["AFR", "APT", "CEPT"],
        None,
        &[
            C::Added("that hybrid meetings are the default;"),
            C::Absent,
            C::Added("that hybrid meetings are an option;"),
        ],
    );
    assert_eq!(r.outcome, Outcome::Conflict);
    assert_eq!(
        show(&r),
        "{=>that hybrid meetings are |AFR,CEPT}[AFR: the default | CEPT: an option]{=>;|AFR,CEPT}"
    );
    assert_eq!(r.base_text(), "");
}

#[test]
fn deleted_by_some_modified_by_others() {
    let new = DAYS.replace("12", "21");
    let r = one(
        &["AFR", "APT", "CEPT"],
        Some(DAYS),
        &[C::Text(&new), C::Deleted, C::Same],
    );
    assert_eq!(r.outcome, Outcome::Conflict);
    assert_eq!(
        show(&r),
        format!("[base: {DAYS} | AFR: {new} | APT: (deleted)]")
    );
    // Nobody keeps it: no base alternative.
    let r = one(&["AFR", "APT"], Some(DAYS), &[C::Text(&new), C::Deleted]);
    assert_eq!(show(&r), format!("[AFR: {new} | APT: (deleted)]"));
}

#[test]
fn deleted_by_all_that_touch_it() {
    let r = one(
        &["AFR", "APT", "CEPT"],
        Some(DAYS),
        &[C::Deleted, C::Same, C::Deleted],
    );
    assert_eq!(r.outcome, Outcome::Consensus);
    assert_eq!(r.text().as_deref(), Some(""));
    assert_eq!(show(&r), format!("{{{DAYS}=>|AFR,CEPT}}"));
}

#[test]
fn headings_consolidate_like_paragraphs() {
    let mut s = synopsis(
        &["AFR", "CEPT"],
        vec![row(
            "resolves",
            Some("resolves"),
            &[C::Same, C::Text("resolves further")],
        )],
    );
    s.rows[0].kind = RowKind::Heading;
    let d = consolidate(&s, None);
    assert_eq!(d.rows[0].kind, RowKind::Heading);
    assert_eq!(d.rows[0].outcome, Outcome::Consensus);
    assert_eq!(d.rows[0].text().as_deref(), Some("resolves further"));
}

#[test]
fn tracked_changes_keep_their_granularity() {
    let ops = vec![
        Change::equal("documents shall be available at least "),
        Change::delete("12"),
        Change::insert("21"),
        Change::equal(" calendar days before the meeting;"),
    ];
    let r = one(&["AFR"], Some(DAYS), &[C::Ops(ops)]);
    assert_eq!(r.outcome, Outcome::Consensus);
    assert!(show(&r).contains("{12=>21|AFR}"));
}

#[test]
fn silent_and_missing_cells() {
    // A proposal with no cell at all, and cells out of order.
    let mut s = synopsis(
        &["AFR", "CEPT"],
        vec![row("r/1", Some(DAYS), &[C::Text("x"), C::Same])],
    );
    s.rows[0].cells.reverse();
    s.rows[0].cells.pop();
    let d = consolidate(&s, None);
    assert_eq!(d.rows[0].outcome, Outcome::Consensus);
    assert_eq!(d.rows[0].text().as_deref(), Some("x"));
    // Nobody adds anything in a base-less row.
    let r = one(&["A"], None, &[C::Absent]);
    assert_eq!(r.outcome, Outcome::Base);
    assert!(r.pieces.is_empty());
}

fn conflict_synopsis() -> Synopsis {
    let afr = DAYS.replace("12", "21");
    let cept = DAYS.replace("12", "15");
    synopsis(
        &["AFR", "APT", "CEPT"],
        vec![
            row(
                "resolves/3",
                Some(DAYS),
                &[C::Text(&afr), C::Same, C::Text(&cept)],
            ),
            row("resolves/4", Some("the rest"), &[C::Same, C::Same, C::Same]),
        ],
    )
}

#[test]
fn row_conflicts_name_the_colliding_proposals() {
    let s = conflict_synopsis();
    let marks = row_conflicts(&s);
    assert_eq!(marks.len(), 2);
    let c = marks[0].clone().unwrap();
    assert_eq!(c.proposers, vec!["AFR", "CEPT"]);
    assert_eq!(c.versions, vec!["v1", "v3"]);
    assert_eq!((c.places, c.alternatives), (1, 3));
    assert_eq!(marks[1], None);
    // The same rows the draft brackets.
    let d = consolidate(&s, None);
    let drafted: Vec<bool> = d.rows.iter().map(DraftRow::has_conflict).collect();
    assert_eq!(drafted, vec![true, false]);
}

fn decide(choice: Choice, fingerprint: Option<&str>) -> Decisions {
    let mut rows = BTreeMap::new();
    rows.insert(
        "resolves/3".to_string(),
        RowDecision {
            choice: Some(choice),
            fingerprint: fingerprint.map(Into::into),
            note: None,
        },
    );
    Decisions { rows }
}

#[test]
fn decisions_settle_rows() {
    let s = conflict_synopsis();
    let auto = consolidate(&s, None);
    let fp = auto.rows[0].fingerprint.clone();
    assert_eq!(fp.len(), 8);

    let d = consolidate(&s, Some(&decide(Choice::Accept("CEPT".into()), Some(&fp))));
    assert!(d.stale.is_empty(), "{:?}", d.stale);
    assert_eq!(d.rows[0].outcome, Outcome::Decided);
    assert_eq!(d.rows[0].text().unwrap(), DAYS.replace("12", "15"));
    assert!(show(&d.rows[0]).contains("{12=>15|CEPT}"));
    assert_eq!(d.conflict_count(), 0);

    // A label typed in another case still finds the proposal.
    let d = consolidate(&s, Some(&decide(Choice::Accept("afr".into()), None)));
    assert_eq!(d.rows[0].text().unwrap(), DAYS.replace("12", "21"));

    let d = consolidate(&s, Some(&decide(Choice::Base, None)));
    assert_eq!(d.rows[0].text().as_deref(), Some(DAYS));
    assert_eq!(d.rows[0].outcome, Outcome::Decided);

    let d = consolidate(
        &s,
        Some(&decide(
            Choice::Text("documents: four weeks ahead;".into()),
            None,
        )),
    );
    assert_eq!(
        d.rows[0].text().as_deref(),
        Some("documents: four weeks ahead;")
    );
    assert_eq!(d.rows[0].base_text(), DAYS);
}

#[test]
fn decisions_that_no_longer_fit_are_reported_not_applied() {
    let s = conflict_synopsis();
    let d = consolidate(&s, Some(&decide(Choice::Accept("ATU".into()), None)));
    assert_eq!(
        d.stale,
        vec![StaleDecision {
            row: "resolves/3".into(),
            reason: StaleReason::ProposalAbsent {
                proposal: "ATU".into()
            }
        }]
    );
    assert_eq!(d.rows[0].outcome, Outcome::Conflict);

    let d = consolidate(&s, Some(&decide(Choice::Base, Some("00000000"))));
    assert!(matches!(d.stale[0].reason, StaleReason::RowChanged { .. }));
    assert!(d.stale[0].to_string().contains("changed"));
    assert_eq!(d.rows[0].outcome, Outcome::Conflict);

    let d = consolidate(&s, Some(&decide(Choice::Merge, None)));
    assert_eq!(d.stale[0].reason, StaleReason::MergeLeavesConflict);

    let mut gone = decide(Choice::Base, None);
    gone.rows.insert(
        "considering/z".into(),
        RowDecision {
            choice: Some(Choice::Base),
            ..RowDecision::default()
        },
    );
    let d = consolidate(&s, Some(&gone));
    assert_eq!(d.stale.len(), 1);
    assert_eq!(d.stale[0].row, "considering/z");
    assert_eq!(d.stale[0].reason, StaleReason::RowVanished);

    // Undecided rows (a skeleton's entries) are neither applied nor stale.
    let mut open = Decisions::default();
    open.rows.insert(
        "resolves/3".into(),
        RowDecision {
            fingerprint: Some("00000000".into()),
            ..RowDecision::default()
        },
    );
    let d = consolidate(&s, Some(&open));
    assert!(d.stale.is_empty());
}

#[test]
fn fingerprint_follows_the_changes_not_the_bystanders() {
    let s = conflict_synopsis();
    let before = consolidate(&s, None).rows[0].fingerprint.clone();
    // A fourth proposal that leaves the row alone.
    let mut s4 = s.clone();
    s4.versions.push(Version {
        id: "v4".into(),
        label: "RCC".into(),
        role: Role::Proposal,
        ..Version::default()
    });
    for r in &mut s4.rows {
        let mut c = r.cells[2].clone();
        c.version = "v4".into();
        r.cells.push(c);
    }
    assert_eq!(consolidate(&s4, None).rows[0].fingerprint, before);
    // CEPT changes its mind.
    let mut s2 = s.clone();
    s2.rows[0].cells[3].text = DAYS.replace("12", "14").into();
    s2.rows[0].cells[3].ops = word_diff(DAYS, &s2.rows[0].cells[3].text);
    assert_ne!(consolidate(&s2, None).rows[0].fingerprint, before);
}

#[test]
fn merge_confirms_a_clean_row() {
    let afr = DAYS.replace("12", "21");
    let s = synopsis(
        &["AFR", "CEPT"],
        vec![row("resolves/3", Some(DAYS), &[C::Text(&afr), C::Same])],
    );
    let d = consolidate(&s, Some(&decide(Choice::Merge, None)));
    assert!(d.stale.is_empty());
    assert_eq!(d.rows[0].outcome, Outcome::Decided);
    assert_eq!(d.rows[0].text(), Some(afr));
}
