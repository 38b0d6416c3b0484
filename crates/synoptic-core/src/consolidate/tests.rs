//! Tests of the consolidation: each case on hand-made rows, decisions, and
//! property tests over generated edits and documents.

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

// ---- Property tests ----

/// An edit of one base word by one proposal.
#[derive(Debug, Clone)]
enum WordEdit {
    Replace,
    Delete,
    InsertBefore,
}

fn word_edit() -> impl Strategy<Value = Option<(usize, WordEdit)>> {
    prop_oneof![
        2 => Just(None),
        1 => (0..4usize, prop_oneof![
            Just(WordEdit::Replace),
            Just(WordEdit::Delete),
            Just(WordEdit::InsertBefore)
        ])
        .prop_map(Some),
    ]
}

/// The words of the text after the given edits (position -> edit).
fn apply_words(n: usize, edits: &[Option<(usize, WordEdit)>], only: Option<usize>) -> String {
    let mut words: Vec<String> = Vec::new();
    for i in 0..n {
        let base = format!("word{i:02}");
        match edits.get(i).cloned().flatten() {
            Some((p, e)) if only.is_none_or(|o| o == p) => match e {
                WordEdit::Replace => words.push(format!("new{i:02}x{p}")),
                WordEdit::Delete => {}
                WordEdit::InsertBefore => {
                    words.push(format!("ins{i:02}x{p}"));
                    words.push(base);
                }
            },
            _ => words.push(base),
        }
    }
    words.join(" ")
}

/// Edits of one proposal at least three words apart, so that no proposal's
/// word diff folds the words between two of its edits into one change.
fn spread(
    mut edits: Vec<Option<(usize, WordEdit)>>,
    proposals: usize,
) -> Vec<Option<(usize, WordEdit)>> {
    let mut last: Vec<Option<usize>> = vec![None; proposals];
    for (i, e) in edits.iter_mut().enumerate() {
        if let Some((p, _)) = e {
            let p = *p % proposals;
            if last[p].is_some_and(|l| i < l + 3) {
                *e = None;
                continue;
            }
            last[p] = Some(i);
            if let Some((q, _)) = e {
                *q = p;
            }
        }
    }
    edits
}

#[derive(Debug, Clone)]
enum DocEdit {
    Modify(usize, usize, usize, String),
    Delete(usize, usize),
    Insert(usize, usize, String),
}

fn doc_edit() -> impl Strategy<Value = DocEdit> {
    prop_oneof![
        (0..3usize, 0..5usize, 0..6usize, text_strategy(3..10))
            .prop_map(|(s, p, w, t)| DocEdit::Modify(s, p, w, t)),
        (0..3usize, 0..5usize).prop_map(|(s, p)| DocEdit::Delete(s, p)),
        (0..3usize, 0..6usize, text_strategy(3..10)).prop_map(|(s, p, t)| DocEdit::Insert(s, p, t)),
    ]
}

fn apply_doc(base: &[Vec<String>], edits: &[DocEdit]) -> Vec<Vec<String>> {
    let mut doc = base.to_vec();
    for e in edits {
        match e {
            DocEdit::Modify(s, p, w, t) => {
                if let Some(par) = doc.get_mut(*s).and_then(|sec| sec.get_mut(*p)) {
                    let mut words: Vec<String> = par.split(' ').map(String::from).collect();
                    let at = (*w).min(words.len());
                    words.insert(at, t.clone());
                    *par = words.join(" ");
                }
            }
            DocEdit::Delete(s, p) => {
                if let Some(sec) = doc.get_mut(*s) {
                    if *p < sec.len() {
                        sec.remove(*p);
                    }
                }
            }
            DocEdit::Insert(s, p, t) => {
                if let Some(sec) = doc.get_mut(*s) {
                    let at = (*p).min(sec.len());
                    sec.insert(at, t.clone());
                }
            }
        }
    }
    doc
}

/// The non-empty texts one column shows, in row order.
fn shown(s: &Synopsis, col: usize) -> Vec<String> {
    test_docs::shown(s, col)
        .into_iter()
        .filter(|t| !t.is_empty())
        .collect()
}

/// The non-empty texts of a draft without conflicts, in row order.
fn drafted(d: &Draft) -> Vec<String> {
    d.rows
        .iter()
        .filter_map(DraftRow::text)
        .filter(|t| !t.is_empty())
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// With no conflicts, the draft is the base with every proposal's
    /// edits applied.
    #[test]
    fn without_conflicts_every_edit_is_applied(
        n in 4..24usize,
        proposals in 1..5usize,
        raw in prop::collection::vec(word_edit(), 24),
    ) {
        let edits = spread(raw, proposals);
        let base = apply_words(n, &[], None);
        let texts: Vec<String> = (0..proposals).map(|p| apply_words(n, &edits, Some(p))).collect();
        let cells: Vec<C<'_>> = texts
            .iter()
            .map(|t| if t.is_empty() { C::Deleted } else { C::Text(t) })
            .collect();
        let labels: Vec<String> = (0..proposals).map(|p| format!("P{p}")).collect();
        let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let s = synopsis(&label_refs, vec![row("r/1", Some(&base), &cells)]);
        let d = consolidate(&s, None);
        let r = &d.rows[0];
        prop_assert!(!r.has_conflict(), "{}", show(r));
        prop_assert_eq!(r.text().unwrap(), apply_words(n, &edits, None));
        prop_assert_eq!(r.base_text(), base);
    }

    /// Accepting proposal X in every row reproduces X's text exactly, and
    /// consolidating X alone gives X.
    #[test]
    fn accepting_one_proposal_everywhere_gives_its_text(
        base_secs in prop::collection::vec(prop::collection::vec(text_strategy(3..10), 0..5), 1..4),
        edits in prop::collection::vec(prop::collection::vec(doc_edit(), 0..5), 1..4),
        pick in 0..3usize,
        with_base in any::<bool>(),
    ) {
        let base = VersionInput { label: "base".into(), document: build(&base_secs) };
        let proposals: Vec<VersionInput> = edits
            .iter()
            .enumerate()
            .map(|(i, e)| VersionInput { label: format!("P{i}"), document: build(&apply_doc(&base_secs, e)) })
            .collect();
        let x = pick % proposals.len();
        let s = compare(with_base.then_some(&base), &proposals, &CompareOptions::default()).unwrap();
        let auto = consolidate(&s, None);
        let mut decisions = Decisions::default();
        for r in &auto.rows {
            decisions.rows.insert(r.id.clone(), RowDecision {
                choice: Some(Choice::Accept(format!("P{x}"))),
                fingerprint: Some(r.fingerprint.clone()),
                note: None,
            });
        }
        let d = consolidate(&s, Some(&decisions));
        prop_assert!(d.stale.is_empty(), "{:?}", d.stale);
        prop_assert_eq!(d.conflict_count(), 0);
        prop_assert_eq!(drafted(&d), shown(&s, x + 1));

        // Every automatic row spells its base text.
        for (r, row) in auto.rows.iter().zip(&s.rows) {
            prop_assert_eq!(r.base_text(), row.base_text.clone().unwrap_or_default(), "row {}", &r.id);
        }

        // One proposal alone. A proposal without any paragraph proposes
        // nothing (its cells are absent, see `compare`), so the draft is the
        // base: that case is left out here.
        if proposals[x].document.paragraph_count() > 0 {
            let s1 = compare(with_base.then_some(&base), &proposals[x..=x], &CompareOptions::default()).unwrap();
            let d1 = consolidate(&s1, None);
            prop_assert_eq!(d1.conflict_count(), 0);
            prop_assert_eq!(drafted(&d1), shown(&s1, 1));
        }
    }

    /// Any synopsis consolidates without panicking, decisions or not.
    #[test]
    fn never_panics(
        base in proptest::option::of("\\PC{0,30}"),
        texts in prop::collection::vec(("\\PC{0,30}", 0..5u8), 1..4),
        accept in 0..4usize,
    ) {
        let labels: Vec<String> = (0..texts.len()).map(|i| format!("P{i}")).collect();
        let label_refs: Vec<&str> = labels.iter().map(String::as_str).collect();
        let cells: Vec<C<'_>> = texts
            .iter()
            .map(|(t, k)| match (k, &base) {
                (0, _) => C::Same,
                (1, _) => C::Text(t),
                (2, Some(_)) => C::Deleted,
                (2, None) | (3, _) => C::Added(t),
                _ => C::Absent,
            })
            .collect();
        let s = synopsis(&label_refs, vec![row("r/1", base.as_deref(), &cells)]);
        let d = consolidate(&s, None);
        prop_assert_eq!(d.rows[0].base_text(), base.clone().unwrap_or_default());
        // The writers' conflict marks are the draft's conflicts.
        let marks = row_conflicts(&s);
        prop_assert_eq!(marks[0].is_some(), d.rows[0].outcome == Outcome::Conflict);
        prop_assert_eq!(marks[0].clone().map(|c| c.proposers), d.rows[0].conflict(&d.proposals).map(|c| c.proposers));
        let dec = Decisions { rows: [("r/1".to_string(), RowDecision {
            choice: Some(Choice::Accept(format!("P{accept}"))),
            ..RowDecision::default()
        })].into_iter().collect() };
        let _ = consolidate(&s, Some(&dec));
    }
}

fn labelled(id: &str, label: &str, base: Option<&str>, cells: &[C<'_>]) -> Row {
    Row {
        label: Some(label.into()),
        ..row(id, base, cells)
    }
}

fn labels_of(d: &Draft) -> Vec<(String, Option<String>)> {
    d.rows
        .iter()
        .map(|r| (r.label.clone().unwrap_or_default(), r.former_label.clone()))
        .collect()
}

#[test]
fn paragraphs_are_relettered_in_sequence() {
    let s = synopsis(
        &["AFR", "APT"],
        vec![
            labelled(
                "considering/+1",
                "a)",
                None,
                &[C::Added("new first"), C::Absent],
            ),
            labelled("considering/a", "a)", Some("one"), &[C::Same, C::Same]),
            labelled("considering/b", "b)", Some("two"), &[C::Same, C::Deleted]),
            labelled("considering/c", "c)", Some("three"), &[C::Same, C::Same]),
            labelled("resolves/1", "1", Some("r one"), &[C::Same, C::Same]),
            labelled("resolves/1+1", "2", None, &[C::Absent, C::Added("r new")]),
            labelled("resolves/2", "2", Some("r two"), &[C::Same, C::Same]),
            labelled(
                "resolves/2/i",
                "i)",
                Some("sub one"),
                &[C::Same, C::Deleted],
            ),
            labelled("resolves/2/ii", "ii)", Some("sub two"), &[C::Same, C::Same]),
            labelled("resolves/3", "3", Some("r three"), &[C::Same, C::Same]),
            labelled("resolves/3/i", "i)", Some("sub"), &[C::Same, C::Same]),
            labelled("resolves/4", "•", Some("bullet"), &[C::Same, C::Same]),
        ],
    );
    let d = consolidate(&s, None);
    let got = labels_of(&d);
    let want: Vec<(&str, Option<&str>)> = vec![
        ("a)", None),
        ("b)", Some("a)")),
        ("b)", None), // deleted: keeps its label, not counted
        ("c)", None),
        ("1", None),
        ("2", None),
        ("3", Some("2")),
        ("i)", None), // deleted
        ("i)", Some("ii)")),
        ("4", Some("3")),
        ("i)", None),
        ("•", None),
    ];
    let want: Vec<(String, Option<String>)> = want
        .into_iter()
        .map(|(l, f)| (l.to_string(), f.map(String::from)))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn letters_that_look_like_numerals() {
    let rows: Vec<Row> = "abcdefghij"
        .chars()
        .map(|c| {
            let l = format!("{c})");
            labelled(&format!("s/{c}"), &l, Some("x"), &[C::Same])
        })
        .collect();
    let d = consolidate(&synopsis(&["A"], rows), None);
    assert!(
        d.rows.iter().all(|r| r.former_label.is_none()),
        "{:?}",
        labels_of(&d)
    );
}

#[test]
fn relettering_in_every_script() {
    // A new first paragraph re-letters the rest, whatever the alphabet.
    for (labels, expected) in [
        (["а)", "а)", "б)"], ["а)", "б)", "в)"]),
        (["أ)", "أ)", "ب)"], ["أ)", "ب)", "ج)"]),
        (
            ["（一）", "（一）", "（二）"],
            ["（一）", "（二）", "（三）"],
        ),
        (["i)", "i)", "ii)"], ["i)", "ii)", "iii)"]),
    ] {
        let rows = vec![
            labelled("s/new", labels[0], None, &[C::Added("new")]),
            labelled("s/a", labels[1], Some("x"), &[C::Same]),
            labelled("s/b", labels[2], Some("y"), &[C::Same]),
        ];
        let d = consolidate(&synopsis(&["A"], rows), None);
        let got: Vec<String> = d
            .rows
            .iter()
            .map(|r| r.label.clone().unwrap_or_default())
            .collect();
        assert_eq!(got, expected, "{labels:?}");
    }
}
