//! Tests of the comparison.

use super::*;
use crate::model::{result_of, Section};
use crate::test_docs::{build, shown, text_strategy};
use proptest::prelude::*;

fn section(opener: Option<&str>, paragraphs: &[(&str, &str)]) -> Section {
    Section {
        opener: opener.map(Paragraph::new),
        paragraphs: paragraphs
            .iter()
            .map(|(l, t)| {
                if l.is_empty() {
                    Paragraph::new(*t)
                } else {
                    Paragraph::labelled(*l, *t)
                }
            })
            .collect(),
    }
}

fn input(label: &str, sections: Vec<Section>) -> VersionInput {
    VersionInput {
        label: label.into(),
        document: Document {
            sections,
            ..Document::default()
        },
    }
}

const A: &str = "that Resolution 123 of the Plenipotentiary Conference instructs the Secretary-General to bridge the standardization gap";
const B: &str = "that Resolution 139 of the Plenipotentiary Conference resolves that the digital divide be bridged through regional initiatives";
const C: &str = "that Resolution 154 of the Plenipotentiary Conference resolves to ensure use of the six official languages on an equal footing";
const NEW: &str = "that Resolution 71 of the Plenipotentiary Conference includes among the objectives of ITU-T the promotion of active participation";

fn base() -> VersionInput {
    input(
        "base",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Hammamet, 2016)")]),
            section(Some("considering"), &[("a)", A), ("b)", B), ("c)", C)]),
        ],
    )
}

fn statuses(s: &Synopsis, col: usize) -> Vec<(String, Status)> {
    s.rows
        .iter()
        .map(|r| (r.id.clone(), r.cells[col].status))
        .collect()
}

#[test]
fn inserted_paragraph_with_relettering() {
    let prop = input(
        "CITEL",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Geneva, 2022)")]),
            section(
                Some("considering"),
                &[("a)", NEW), ("b)", A), ("c)", B), ("d)", C)],
            ),
        ],
    );
    let s = compare(Some(&base()), &[prop], &CompareOptions::default()).unwrap();
    let st = statuses(&s, 1);
    assert_eq!(
        st,
        vec![
            ("preamble/p1".to_string(), Status::Modified),
            ("considering".to_string(), Status::Unchanged),
            ("considering/+1".to_string(), Status::Added),
            ("considering/a".to_string(), Status::Unchanged),
            ("considering/b".to_string(), Status::Unchanged),
            ("considering/c".to_string(), Status::Unchanged),
        ]
    );
    let row_b = &s.rows[4];
    assert_eq!(row_b.label.as_deref(), Some("b)"));
    assert_eq!(row_b.cells[1].label.as_deref(), Some("c)"));
    assert_eq!(s.rows[2].cells[0].status, Status::Absent);
}

#[test]
fn deletion_and_shared_modification() {
    let b2 = B.replace("regional initiatives", "regional and global initiatives");
    let one = input(
        "ATU",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Hammamet, 2016)")]),
            section(Some("considering"), &[("a)", A), ("b)", &b2)]),
        ],
    );
    let two = input(
        "RCC",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Hammamet, 2016)")]),
            section(Some("considering"), &[("a)", A), ("b)", &b2), ("c)", C)]),
        ],
    );
    let s = compare(Some(&base()), &[one, two], &CompareOptions::default()).unwrap();
    let c_row = s.rows.iter().find(|r| r.id == "considering/c").unwrap();
    assert_eq!(c_row.cells[1].status, Status::Deleted);
    assert_eq!(c_row.cells[2].status, Status::Unchanged);
    let b_row = s.rows.iter().find(|r| r.id == "considering/b").unwrap();
    assert_eq!(b_row.cells[1].status, Status::Modified);
    assert_eq!(b_row.cells[2].status, Status::Modified);
    assert_eq!(b_row.cells[1].text, b2);
}

#[test]
fn new_section_and_moves() {
    let prop = input(
        "APT",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Hammamet, 2016)")]),
            section(Some("considering"), &[("a)", B), ("b)", C), ("c)", A)]),
            section(
                Some("invites Member States"),
                &[(
                    "1",
                    "to contribute voluntarily to the fund for bridging the gap",
                )],
            ),
        ],
    );
    let s = compare(Some(&base()), &[prop], &CompareOptions::default()).unwrap();
    let invites: Vec<&Row> = s
        .rows
        .iter()
        .filter(|r| r.section == "invites-member-states")
        .collect();
    assert_eq!(invites.len(), 2);
    assert!(invites.iter().all(|r| r.cells[1].status == Status::Added));
    let moved: Vec<&Cell> = s
        .rows
        .iter()
        .map(|r| &r.cells[1])
        .filter(|c| c.moved.is_some())
        .collect();
    assert_eq!(moved.len(), 2, "{:#?}", statuses(&s, 1));
}

#[test]
fn a_split_paragraph_and_a_joined_one_are_linked_to_their_rows() {
    let meet = "The Board shall meet at least four times a year.";
    let convene = "Meetings shall be convened by the Chair, who shall circulate the agenda ten days in advance.";
    let consensus = "The Board shall adopt its decisions by consensus.";
    let report = "Where consensus cannot be reached, the Chair shall report the views expressed to the Council.";
    let old = input(
        "base",
        vec![section(
            None,
            &[
                ("", &format!("{meet} {convene}")),
                ("", consensus),
                ("", report),
            ],
        )],
    );
    let prop = input(
        "WST",
        vec![section(
            None,
            &[
                ("", meet),
                ("", convene),
                ("", &format!("{consensus} {report}")),
                (
                    "",
                    "Minutes of each meeting shall be published within a month.",
                ),
            ],
        )],
    );
    let s = compare(Some(&old), &[prop], &CompareOptions::default()).unwrap();
    let row_of = |text: &str| {
        s.rows
            .iter()
            .find(|r| r.cells[1].text.as_str() == text || r.base_text.as_deref() == Some(text))
            .unwrap_or_else(|| panic!("{text} in {:#?}", statuses(&s, 1)))
    };
    // The sentence split off is linked to the row it came from.
    let split = row_of(meet);
    assert_eq!(split.cells[1].status, Status::Added);
    assert_eq!(
        split.cells[1].moved.as_deref(),
        Some(row_of(convene).id.as_str())
    );
    // The paragraph joined to the next is linked to the row it went to.
    let joined = row_of(consensus);
    assert_eq!(joined.cells[1].status, Status::Deleted);
    let into = s
        .rows
        .iter()
        .find(|r| r.base_text.as_deref() == Some(report))
        .expect("the row it joined");
    assert_eq!(joined.cells[1].moved.as_deref(), Some(into.id.as_str()));
    // A new paragraph next to them is new, not split off anything.
    let minutes = row_of("Minutes of each meeting shall be published within a month.");
    assert_eq!(minutes.cells[1].moved, None);
}

#[test]
fn a_paragraph_its_own_changes_delete_is_deleted_against_an_empty_common_text() {
    // Found by the pipeline's property test: no base, one version empty,
    // one reading "a", one whose only paragraph its proposer deleted.
    let mut gone = Paragraph::new("");
    gone.revision = Some(vec![Change::new(ChangeKind::Delete, "y")]);
    let versions = [
        input("E", vec![]),
        input("A", vec![section(None, &[("", "a")])]),
        input(
            "D",
            vec![Section {
                opener: None,
                paragraphs: vec![gone],
            }],
        ),
    ];
    let s = compare(None, &versions, &CompareOptions::default()).unwrap();
    let d = s.versions.iter().position(|v| v.label == "D").unwrap();
    for row in &s.rows {
        assert_ne!(
            row.cells[d].status,
            Status::Unchanged,
            "{:#?}",
            statuses(&s, d)
        );
        assert_ne!(row.cells[d].status, Status::Modified);
    }
}

#[test]
fn white_space_of_another_kind_is_no_change_but_a_split_word_is() {
    let eq = |t: &str| Change::new(ChangeKind::Equal, t);
    let del = |t: &str| Change::new(ChangeKind::Delete, t);
    let ins = |t: &str| Change::new(ChangeKind::Insert, t);
    // A non-breaking space for a space.
    assert!(!rows::shows_a_change(&[
        eq("(Rev."),
        del(" "),
        ins("\u{a0}"),
        eq("Lakeside)")
    ]));
    // A second space, a space at the end.
    assert!(!rows::shows_a_change(&[eq("one "), ins(" "), eq("two")]));
    assert!(!rows::shows_a_change(&[eq("one two"), ins(" ")]));
    // A space that splits a word, or joins two.
    assert!(rows::shows_a_change(&[eq("promote"), ins(" "), eq("and")]));
    assert!(rows::shows_a_change(&[eq("promote"), del(" "), eq("and")]));
    assert!(rows::shows_a_change(&[eq("one "), ins("more "), eq("two")]));
}

#[test]
fn base_is_inferred_by_majority() {
    let b2 = B.replace("regional initiatives", "regional and global initiatives");
    let mk = |b: &str| {
        input(
            "x",
            vec![section(
                Some("considering"),
                &[("a)", A), ("b)", b), ("c)", C)],
            )],
        )
    };
    let s = compare(None, &[mk(B), mk(&b2), mk(B)], &CompareOptions::default()).unwrap();
    assert!(s.base_inferred);
    let row = s.rows.iter().find(|r| r.id == "considering/b").unwrap();
    assert_eq!(row.base_text.as_deref(), Some(B));
    assert_eq!(row.cells[2].status, Status::Modified);
    assert_eq!(row.cells[1].status, Status::Unchanged);
}

#[test]
fn tracked_changes_are_kept() {
    let mut p = Paragraph::labelled("a)", A.replace("Secretary-General", "Directors"));
    p.revision = Some(vec![
        Change::equal("that Resolution 123 of the Plenipotentiary Conference instructs the "),
        Change::delete("Secretary-General"),
        Change::insert("Directors"),
        Change::equal(" to bridge the standardization gap"),
    ]);
    let prop = input(
        "ATU",
        vec![
            section(None, &[("", "RESOLUTION 44 (Rev. Hammamet, 2016)")]),
            Section {
                opener: Some(Paragraph::new("considering")),
                paragraphs: vec![
                    p,
                    Paragraph::labelled("b)", B),
                    Paragraph::labelled("c)", C),
                ],
            },
        ],
    );
    let s = compare(Some(&base()), &[prop], &CompareOptions::default()).unwrap();
    let row = s.rows.iter().find(|r| r.id == "considering/a").unwrap();
    assert!(row.cells[1].tracked);
    assert_eq!(row.cells[1].ops.len(), 4);
}

#[test]
fn no_proposals_is_an_error() {
    assert_eq!(
        compare(None, &[], &CompareOptions::default()),
        Err(CoreError::NoProposals)
    );
}

// Property tests over generated documents and edits.

fn doc_strategy() -> impl Strategy<Value = Vec<Vec<String>>> {
    prop::collection::vec(prop::collection::vec(text_strategy(3..14), 0..6), 1..4)
}

#[derive(Debug, Clone)]
enum Edit {
    Modify(usize, usize, String),
    Delete(usize, usize),
    Insert(usize, usize, String),
    Swap(usize, usize),
    AddSection(String),
}

fn edit_strategy() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..4usize, 0..6usize, text_strategy(3..14)).prop_map(|(s, p, t)| Edit::Modify(s, p, t)),
        (0..4usize, 0..6usize).prop_map(|(s, p)| Edit::Delete(s, p)),
        (0..4usize, 0..7usize, text_strategy(3..14)).prop_map(|(s, p, t)| Edit::Insert(s, p, t)),
        (0..4usize, 0..6usize).prop_map(|(s, p)| Edit::Swap(s, p)),
        text_strategy(3..14).prop_map(Edit::AddSection),
    ]
}

fn apply(base: &[Vec<String>], edits: &[Edit]) -> Vec<Vec<String>> {
    let mut doc = base.to_vec();
    for e in edits {
        match e {
            Edit::Modify(s, p, t) => {
                if let Some(par) = doc.get_mut(*s).and_then(|sec| sec.get_mut(*p)) {
                    par.push(' ');
                    par.push_str(t);
                }
            }
            Edit::Delete(s, p) => {
                if let Some(sec) = doc.get_mut(*s) {
                    if *p < sec.len() {
                        sec.remove(*p);
                    }
                }
            }
            Edit::Insert(s, p, t) => {
                if let Some(sec) = doc.get_mut(*s) {
                    let at = (*p).min(sec.len());
                    sec.insert(at, t.clone());
                }
            }
            Edit::Swap(s, p) => {
                if let Some(sec) = doc.get_mut(*s) {
                    if p + 1 < sec.len() {
                        sec.swap(*p, p + 1);
                    }
                }
            }
            Edit::AddSection(t) => doc.push(vec![t.clone()]),
        }
    }
    doc
}

fn written(doc: &Document) -> Vec<String> {
    doc.sections
        .iter()
        .flat_map(|s| {
            s.opener
                .iter()
                .chain(s.paragraphs.iter())
                .map(|p| p.text.to_string())
        })
        .collect()
}

fn check_invariants(s: &Synopsis, docs: &[&Document]) -> Result<(), TestCaseError> {
    for (col, doc) in docs.iter().enumerate() {
        prop_assert_eq!(shown(s, col), written(doc), "column {}", col);
    }
    for row in &s.rows {
        prop_assert_eq!(row.cells.len(), s.versions.len());
        for cell in &row.cells {
            if cell.status == Status::Absent {
                prop_assert!(cell.ops.is_empty());
                continue;
            }
            prop_assert_eq!(
                original_of(&cell.ops),
                row.base_text.clone().unwrap_or_default(),
                "row {}",
                &row.id
            );
            prop_assert_eq!(result_of(&cell.ops), cell.text.clone(), "row {}", &row.id);
        }
    }
    let mut ids: Vec<&str> = s.rows.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    prop_assert_eq!(ids.len(), s.rows.len(), "row ids are unique");
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn every_paragraph_once_and_ops_rebuild_text(
        base_secs in doc_strategy(),
        edits in prop::collection::vec(prop::collection::vec(edit_strategy(), 0..5), 1..4),
    ) {
        let base_doc = build(&base_secs);
        let proposals: Vec<VersionInput> = edits
            .iter()
            .enumerate()
            .map(|(i, e)| VersionInput { label: format!("P{i}"), document: build(&apply(&base_secs, e)) })
            .collect();
        let base = VersionInput { label: "base".into(), document: base_doc };
        let s = compare(Some(&base), &proposals, &CompareOptions::default()).unwrap();
        let mut docs = vec![&base.document];
        docs.extend(proposals.iter().map(|p| &p.document));
        check_invariants(&s, &docs)?;

        // Without the base the same holds; column 0 is the inferred base.
        let s = compare(None, &proposals, &CompareOptions::default()).unwrap();
        for (i, p) in proposals.iter().enumerate() {
            prop_assert_eq!(shown(&s, i + 1), written(&p.document));
        }
    }

    #[test]
    fn proposal_order_does_not_matter(
        base_secs in doc_strategy(),
        edits in prop::collection::vec(prop::collection::vec(edit_strategy(), 0..5), 2..4),
        with_base in any::<bool>(),
    ) {
        let base = VersionInput { label: "base".into(), document: build(&base_secs) };
        let proposals: Vec<VersionInput> = edits
            .iter()
            .enumerate()
            .map(|(i, e)| VersionInput { label: format!("P{i}"), document: build(&apply(&base_secs, e)) })
            .collect();
        let mut reversed = proposals.clone();
        reversed.reverse();
        let b = with_base.then_some(&base);
        let s1 = compare(b, &proposals, &CompareOptions::default()).unwrap();
        let s2 = compare(b, &reversed, &CompareOptions::default()).unwrap();
        prop_assert_eq!(s1.rows.len(), s2.rows.len());
        let n = proposals.len();
        for (r1, r2) in s1.rows.iter().zip(&s2.rows) {
            prop_assert_eq!(&r1.id, &r2.id);
            prop_assert_eq!(&r1.base_text, &r2.base_text);
            prop_assert_eq!(&r1.cells[0], &r2.cells[0]);
            for i in 0..n {
                // Proposal i is column i+1 in s1 and column n-i in s2.
                let (c1, c2) = (&r1.cells[i + 1], &r2.cells[n - i]);
                prop_assert_eq!(c1.status, c2.status);
                prop_assert_eq!(&c1.text, &c2.text);
                prop_assert_eq!(&c1.ops, &c2.ops);
                prop_assert_eq!(&c1.moved, &c2.moved);
            }
        }
    }
}

proptest! {
    /// The pairs found alike without scoring every pair are exactly those
    /// that scoring every pair finds.
    #[test]
    fn alike_pairs_are_all_the_alike_pairs(
        left in prop::collection::vec(prop::collection::vec(0usize..12, 0..9), 0..14),
        right in prop::collection::vec(prop::collection::vec(0usize..12, 0..9), 0..14),
        threshold in prop::sample::select(vec![0.3, 0.5, 0.75, 0.9, 1.0]),
    ) {
        const WORDS: [&str; 12] = [
            "harbour", "master", "shall", "the", "of", "vessel", "port", "fee",
            "annual", "report", "minister", "safety",
        ];
        let text = |ids: &Vec<usize>| ids.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
        let mut vocab = Vocabulary::new();
        let a: Vec<Arc<Profile>> = left.iter().map(|t| vocab.profile(&text(t))).collect();
        let b: Vec<Arc<Profile>> = right.iter().map(|t| vocab.profile(&text(t))).collect();
        vocab.seal_all();
        let mut every = Vec::new();
        for (i, x) in a.iter().enumerate() {
            for (j, y) in b.iter().enumerate() {
                let s = vocab.similarity(x, y);
                if s >= threshold {
                    every.push((i, j));
                }
            }
        }
        let mut found: Vec<(usize, usize)> = moves::alike_pairs(&vocab, &a, &b, threshold, usize::MAX)
            .expect("no limit")
            .into_iter()
            .map(|(_, i, j)| (i, j))
            .collect();
        found.sort_unstable();
        prop_assert_eq!(found, every);
    }
}

#[test]
fn equal_texts_share_tokenising_but_not_their_slices() {
    let first = String::from(
        "The Member States-parties agree; \u{2014} Déjà vu, ITU\u{2011}T and e-learning.",
    );
    let second = first.clone();
    let tokens = tokenize(&first);
    let moved = moved_tokens(&tokens, &first, &second);
    assert_eq!(moved, tokenize(&second));
    let inside = |part: &str| {
        let at = part.as_ptr() as usize;
        let start = second.as_ptr() as usize;
        at >= start && at + part.len() <= start + second.len()
    };
    assert!(moved.iter().all(|t| inside(t.text)));
    // Keys borrowed from the text point into the new text; keys of their
    // own (a lone dash's) stay as they were.
    for (m, t) in moved.iter().zip(&tokens) {
        if let (Cow::Borrowed(mk), Cow::Borrowed(tk)) = (&m.key, &t.key) {
            let in_first = tk.as_ptr() as usize >= first.as_ptr() as usize
                && (tk.as_ptr() as usize) < first.as_ptr() as usize + first.len();
            assert_eq!(inside(mk), in_first, "{tk:?}");
        }
    }
}

#[test]
fn alike_pairs_stop_at_the_limit() {
    let mut vocab = Vocabulary::new();
    let same: Vec<Arc<Profile>> = (0..20)
        .map(|_| vocab.profile("the harbour master shall report"))
        .collect();
    vocab.seal_all();
    assert!(moves::alike_pairs(&vocab, &same, &same, 0.75, 399).is_none());
    assert_eq!(
        moves::alike_pairs(&vocab, &same, &same, 0.75, 400).map(|p| p.len()),
        Some(400)
    );
}

#[test]
fn profiles_of_equal_paragraphs_match_those_made_apart() {
    let text = "that the Bureau shall Report to the Council; and to ITU-T";
    let doc = |texts: &[&str]| Document {
        sections: vec![Section {
            opener: None,
            paragraphs: texts.iter().map(|t| Paragraph::new(*t)).collect(),
        }],
        ..Document::default()
    };
    let (a, b) = (
        doc(&[text, "other words here"]),
        doc(&["other words here", text]),
    );
    let docs = [&a, &b];
    let mut vocab = Vocabulary::new();
    let (_, kept) = profile_documents(&mut vocab, &docs, false, true);
    for d in docs {
        for p in &d.sections[0].paragraphs {
            let (tokens, keys) = &kept.by_text[&text_address(&p.text)];
            assert_eq!(tokens, &tokenize(&p.text));
            assert_eq!(keys.len(), tokens.len());
            assert!(tokens.iter().all(|t| offset_within(&p.text, t.text)));
        }
    }
    // Equal texts got equal numbers.
    let number_of =
        |d: &Document, i: usize| &kept.by_text[&text_address(&d.sections[0].paragraphs[i].text)].1;
    assert_eq!(number_of(&a, 0), number_of(&b, 1));
}

fn offset_within(whole: &str, part: &str) -> bool {
    let (w, p) = (whole.as_ptr() as usize, part.as_ptr() as usize);
    p >= w && p + part.len() <= w + whole.len()
}

proptest! {
    /// Scoring one profile against many gives Vocabulary::similarity to
    /// the bit.
    #[test]
    fn scorer_gives_similarity_to_the_bit(
        texts in prop::collection::vec(prop::collection::vec(0usize..10, 0..12), 1..10),
    ) {
        const WORDS: [&str; 10] = [
            "harbour", "master", "shall", "the", "of", "vessel", "port", "fee", "annual", "—",
        ];
        let text = |ids: &Vec<usize>| ids.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
        let mut vocab = Vocabulary::new();
        let profiles: Vec<Arc<Profile>> = texts.iter().map(|t| vocab.profile(&text(t))).collect();
        vocab.seal_all();
        let mut scorer = vocab.scorer();
        for (i, a) in profiles.iter().enumerate() {
            scorer.set(a, i.checked_sub(1).map(|b| &*profiles[b]));
            for b in &profiles {
                prop_assert_eq!(scorer.score(a, b).to_bits(), vocab.similarity(a, b).to_bits());
            }
        }
    }
}

/// One witness of a made-up collation: a text, and what makes it other
/// than a plain paragraph (for the collation shortcut's conditions).
#[derive(Debug, Clone)]
enum Witness {
    Plain(String),
    /// The text under an opener.
    Opened(String),
    /// The text as the proposer's own tracked insertion of its last word.
    Tracked(String),
    /// The text as the proposer's own tracked insertion of all of it.
    Inserted(String),
    /// The text split into two paragraphs.
    Split(String),
    /// A text without a letter or digit ("...", a dash, nothing).
    Wordless(&'static str),
}

fn witness_strategy() -> impl Strategy<Value = Witness> {
    // Mostly edits of one text, as editions are, so that most rows merge.
    let edited = (
        prop::collection::vec(0usize..4, 0..4),
        prop::collection::vec(prop::sample::select(crate::test_docs::WORDS), 0..4),
    )
        .prop_map(|(drops, words)| {
            let mut text: Vec<&str> = COLLATED.split(' ').collect();
            for (k, d) in drops.iter().enumerate() {
                let at = (d * 5 + k * 3) % text.len();
                match words.get(k) {
                    Some(w) => text[at] = w,
                    None => {
                        text.remove(at);
                    }
                }
            }
            text.join(" ")
        });
    prop_oneof![
        6 => edited.clone().prop_map(Witness::Plain),
        1 => text_strategy(0..12).prop_map(Witness::Plain),
        1 => edited.clone().prop_map(Witness::Opened),
        1 => edited.clone().prop_map(Witness::Tracked),
        1 => edited.clone().prop_map(Witness::Inserted),
        1 => edited.prop_map(Witness::Split),
        1 => prop::sample::select(vec!["...", "[…]", "—", "", "* * *"]).prop_map(Witness::Wordless),
    ]
}

const COLLATED: &str = "When we look to the individual harbour vessels of the same port, \
     one of the first points which strikes us is that the annual fee differs much more from \
     each other than do the vessels of any one port in a state of nature";

fn witness_input(i: usize, w: &Witness) -> VersionInput {
    let paragraph = |t: &str| Paragraph::new(t);
    let sections = match w {
        Witness::Plain(t) => vec![Section {
            opener: None,
            paragraphs: vec![paragraph(t)],
        }],
        Witness::Wordless(t) => vec![Section {
            opener: None,
            paragraphs: vec![paragraph(t)],
        }],
        Witness::Opened(t) => vec![Section {
            opener: Some(Paragraph::new("considering")),
            paragraphs: vec![paragraph(t)],
        }],
        Witness::Tracked(t) => {
            let (kept, added) = t.rsplit_once(' ').unwrap_or(("", t));
            let mut p = paragraph(t);
            p.revision = Some(vec![
                crate::model::Change::equal(format!("{kept} ")),
                crate::model::Change::insert(added),
            ]);
            vec![Section {
                opener: None,
                paragraphs: vec![p],
            }]
        }
        Witness::Inserted(t) => {
            let mut p = paragraph(t);
            p.revision = Some(vec![crate::model::Change::insert(t.as_str())]);
            vec![Section {
                opener: None,
                paragraphs: vec![p],
            }]
        }
        Witness::Split(t) => {
            let words: Vec<&str> = t.split(' ').collect();
            let (first, second) = words.split_at(words.len() / 2);
            vec![Section {
                opener: None,
                paragraphs: [first, second]
                    .iter()
                    .filter(|half| !half.is_empty())
                    .map(|half| paragraph(&half.join(" ")))
                    .collect(),
            }]
        }
    };
    input(&format!("W{i}"), sections)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A collation laid out as one row without weighing the versions is
    /// the synopsis weighing them gives, to the byte; inputs that are not
    /// a collation (an opener, a tracked change, two paragraphs, a text
    /// without words) are left to the full comparison.
    #[test]
    fn collation_shortcut_gives_the_full_comparison(
        witnesses in prop::collection::vec(witness_strategy(), 1..7),
    ) {
        let inputs: Vec<VersionInput> =
            witnesses.iter().enumerate().map(|(i, w)| witness_input(i, w)).collect();
        let options = CompareOptions::default();
        let short = compare_with(None, &inputs, &options, Shortcut::Taken).unwrap();
        let full = compare_with(None, &inputs, &options, Shortcut::Refused).unwrap();
        prop_assert_eq!(short, full);
    }
}

#[test]
fn collation_shortcut_needs_every_condition() {
    let plain = |t: &str| VersionInput {
        label: "W".into(),
        document: Document {
            sections: vec![Section {
                opener: None,
                paragraphs: vec![Paragraph::new(t)],
            }],
            ..Document::default()
        },
    };
    let one = plain(COLLATED);
    let docs = |inputs: &[&VersionInput]| -> Vec<Document> {
        inputs.iter().map(|i| i.document.clone()).collect()
    };
    let options = CompareOptions::default();
    let check = |inputs: &[&VersionInput], options: &CompareOptions| {
        let owned = docs(inputs);
        let refs: Vec<&Document> = owned.iter().collect();
        is_collation(&refs, options)
    };
    assert!(check(&[&one, &plain("the vessels")], &options));
    assert!(!check(&[&one, &plain("...")], &options));
    let mut opened = one.clone();
    opened.document.sections[0].opener = Some(Paragraph::new("considering"));
    assert!(!check(&[&one, &opened], &options));
    let mut two = one.clone();
    two.document.sections[0]
        .paragraphs
        .push(Paragraph::new("and more"));
    assert!(!check(&[&one, &two], &options));
    let no_sole = CompareOptions {
        align: AlignConfig {
            pair_sole_candidates: false,
            ..AlignConfig::default()
        },
        ..CompareOptions::default()
    };
    assert!(!check(&[&one, &plain("the vessels")], &no_sole));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Texts tokenised by pieces, with the pieces met before copied, get
    /// the tokens and numbers of tokenising and numbering each text whole.
    #[test]
    fn tokens_kept_by_pieces_are_those_of_whole_texts(
        words in prop::collection::vec(
            "[a-zA-Z0-9]{1,5}|[,.;:'\u{2019}\\-_]|Déjà|Straße|中文|\u{2014}|ITU-T|e\u{301}",
            1..40,
        ),
        spaces in prop::collection::vec(prop::sample::select(vec![" ", " ", " ", "\n", "\t", "  ", "\u{a0}", ""]), 40),
        edits in prop::collection::vec((0usize..40, 0usize..3, "[a-z]{1,4}|[A-Z]\\.|\u{e9}t\u{e9}"), 0..5),
        copies in 1usize..4,
    ) {
        let join = |words: &[String]| -> String {
            words
                .iter()
                .zip(spaces.iter().cycle())
                .map(|(w, s)| format!("{w}{s}"))
                .collect()
        };
        let mut texts = vec![join(&words)];
        for (at, len, with) in &edits {
            let mut edited = words.clone();
            let at = at % edited.len();
            let end = (at + len).min(edited.len());
            edited.splice(at..end, [with.clone()]);
            texts.push(join(&edited));
        }
        for k in 0..copies {
            texts.push(texts[k % texts.len()].clone());
        }
        let kept = kept_tokens(texts.iter().map(String::as_str));
        let mut numbers = KeyNumbers::default();
        for t in &texts {
            let tokens = tokenize(t);
            let keys = numbers.number(&tokens);
            let (kept_tokens, kept_keys) = &kept.by_text[&text_address(t)];
            prop_assert_eq!(kept_tokens, &tokens);
            prop_assert_eq!(kept_keys, &keys);
            prop_assert!(kept_tokens.iter().all(|token| offset_within(t, token.text)));
        }
        prop_assert_eq!(kept.numbers.len(), numbers.len());
    }
}
