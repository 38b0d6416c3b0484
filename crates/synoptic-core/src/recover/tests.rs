use super::*;
use crate::model::{original_of, result_of};

fn row(cells: &[Option<&str>]) -> RowRecovery {
    let r = recover_row(cells);
    // The invariant every caller relies on.
    for v in r.versions.iter().flatten() {
        assert_eq!(
            original_of(&v.ops),
            r.base.clone().unwrap_or_default(),
            "{r:#?}"
        );
        assert_eq!(result_of(&v.ops), v.text, "{r:#?}");
        for c in &v.ops {
            match c.kind {
                ChangeKind::Equal => assert_eq!(c.confidence, None),
                _ => assert!(c.confidence.is_some_and(|x| (0.0..=1.0).contains(&x))),
            }
        }
    }
    r
}

fn all(texts: &[&str]) -> RowRecovery {
    let cells: Vec<Option<&str>> = texts.iter().map(|t| Some(*t)).collect();
    row(&cells)
}

fn version(r: &RowRecovery, i: usize) -> &VersionRecovery {
    r.versions[i].as_ref().expect("version present")
}

fn ops_of(v: &VersionRecovery, kind: ChangeKind) -> Vec<String> {
    v.ops
        .iter()
        .filter(|c| c.kind == kind && !c.minor)
        .map(|c| c.text.to_string())
        .collect()
}

fn confidence_of(v: &VersionRecovery, text: &str) -> f32 {
    v.ops
        .iter()
        .find(|c| c.text == text)
        .and_then(|c| c.confidence)
        .unwrap_or_else(|| panic!("no change {text:?} in {:#?}", v.ops))
}

#[test]
fn title_block_of_resolution_44() {
    let r = all(&[
        "RESOLUTION 44 (Rev. Hammamet, 2016Geneva, 2022)",
        "RESOLUTION 44 (Rev. Hammamet, 2016Geneva, 2022)",
        "RESOLUTION 44 (Rev. HammametGeneva, 20162022)",
    ]);
    assert_eq!(
        r.base.as_deref(),
        Some("RESOLUTION 44 (Rev. Hammamet, 2016)")
    );
    let atu = version(&r, 0);
    assert_eq!(atu.text, "RESOLUTION 44 (Rev. Geneva, 2022)");
    assert_eq!(ops_of(atu, ChangeKind::Delete), ["Hammamet, 2016"]);
    assert_eq!(ops_of(atu, ChangeKind::Insert), ["Geneva, 2022"]);
    assert!(confidence_of(atu, "Geneva, 2022") >= 0.8);
    assert_eq!(atu.status, Status::Modified);
    let rcc = version(&r, 2);
    assert_eq!(rcc.text, "RESOLUTION 44 (Rev. Geneva, 2022)");
    assert_eq!(ops_of(rcc, ChangeKind::Delete), ["Hammamet", "2016"]);
    assert_eq!(ops_of(rcc, ChangeKind::Insert), ["Geneva", "2022"]);
}

#[test]
fn assembly_line_with_interleaved_replacement() {
    let r = all(&[
        "The World Telecommunication Standardization Assembly (Hammamet, 2016Geneva, 2022),",
        "The World Telecommunication Standardization Assembly (HammametGeneva,, 20162022),",
    ]);
    assert_eq!(
        r.base.as_deref(),
        Some("The World Telecommunication Standardization Assembly (Hammamet, 2016),")
    );
    assert_eq!(
        version(&r, 0).text,
        "The World Telecommunication Standardization Assembly (Geneva, 2022),"
    );
    assert!(version(&r, 1).text.contains("Geneva"));
    assert!(version(&r, 1).text.contains("2022"));
    assert!(!version(&r, 1).text.contains("2016"));
}

#[test]
fn same_glued_change_in_two_versions() {
    let r = all(&[
        "that Resolution 123 (Rev. Busan, 2014Dubai, 2018) of the Conference",
        "that Resolution 123 (Rev. Busan, 2014Dubai, 2018) of the Conference",
        "that Resolution 123 (Rev. Busan, 2014) of the Conference",
    ]);
    assert_eq!(
        r.base.as_deref(),
        Some("that Resolution 123 (Rev. Busan, 2014) of the Conference")
    );
    for i in 0..2 {
        let v = version(&r, i);
        assert_eq!(ops_of(v, ChangeKind::Delete), ["Busan, 2014"]);
        assert_eq!(ops_of(v, ChangeKind::Insert), ["Dubai, 2018"]);
        assert_eq!(
            v.text,
            "that Resolution 123 (Rev. Dubai, 2018) of the Conference"
        );
    }
    assert_eq!(version(&r, 2).status, Status::Unchanged);
}

#[test]
fn replacement_longer_than_what_it_replaces() {
    let r = all(&[
        "that Resolution 191 (Busan, 2014) of the Conference",
        "that Resolution 191 (Busan, 2014Rev. Dubai, 2018) of the Conference",
        "that Resolution 191 (Busan, 2014) of the Conference",
    ]);
    assert_eq!(
        r.base.as_deref(),
        Some("that Resolution 191 (Busan, 2014) of the Conference")
    );
    let v = version(&r, 1);
    assert_eq!(ops_of(v, ChangeKind::Delete), ["Busan, 2014"]);
    assert_eq!(ops_of(v, ChangeKind::Insert), ["Rev. Dubai, 2018"]);
}

#[test]
fn year_ranges_glued() {
    let r = all(&[
        "for 2016-20192020-2023, lists enablers",
        "for 2016-2019, lists enablers",
        "for 2016-2019, lists enablers",
    ]);
    assert_eq!(r.base.as_deref(), Some("for 2016-2019, lists enablers"));
    let v = version(&r, 0);
    assert_eq!(ops_of(v, ChangeKind::Delete), ["2016-2019"]);
    assert_eq!(ops_of(v, ChangeKind::Insert), ["2020-2023"]);
    assert_eq!(v.text, "for 2020-2023, lists enablers");
}

#[test]
fn text_only_one_version_has_is_its_insertion() {
    let r = all(&[
        "to provide remote participation, where possible",
        "to ensure equal access to the ITU electronic meetings and to provide remote participation, where possible",
        "to provide remote participation, where possible",
    ]);
    assert_eq!(
        r.base.as_deref(),
        Some("to provide remote participation, where possible")
    );
    let v = version(&r, 1);
    assert!(ops_of(v, ChangeKind::Delete).is_empty());
    let inserted = ops_of(v, ChangeKind::Insert).concat();
    assert!(inserted.contains("ensure equal access"), "{inserted:?}");
    assert!(v
        .ops
        .iter()
        .filter(|c| c.kind == ChangeKind::Insert)
        .all(|c| c.confidence >= Some(0.8)));
    assert_eq!(version(&r, 0).status, Status::Unchanged);
}

#[test]
fn text_several_versions_share_is_their_insertion() {
    let r = all(&[
        "to take the objectives into account",
        "to take the objectives into account in their participation",
        "to take the objectives into account in their participation",
    ]);
    assert_eq!(
        r.base.as_deref(),
        Some("to take the objectives into account")
    );
    assert_eq!(
        ops_of(version(&r, 1), ChangeKind::Insert),
        [" in their participation"]
    );
    assert_eq!(
        ops_of(version(&r, 2), ChangeKind::Insert),
        [" in their participation"]
    );
}

#[test]
fn two_versions_only_are_less_sure() {
    let r = all(&["a plan of action", "a new plan of action"]);
    assert_eq!(r.base.as_deref(), Some("a plan of action"));
    let v = version(&r, 1);
    let c = v
        .ops
        .iter()
        .find(|c| c.kind == ChangeKind::Insert)
        .and_then(|c| c.confidence);
    assert!(c.is_some_and(|c| c < 0.7), "{v:#?}");
}

#[test]
fn base_text_a_version_does_not_show_is_an_unsure_deletion() {
    // The third cell was pasted clean: it shows the new dates only.
    let r = all(&[
        "(Rev. Busan, 2014Dubai, 2018) of the Conference",
        "(Rev. Busan, 2014Dubai, 2018) of the Conference",
        "(Rev. Dubai, 2018) of the Conference",
    ]);
    assert_eq!(
        r.base.as_deref(),
        Some("(Rev. Busan, 2014) of the Conference")
    );
    let clean = version(&r, 2);
    assert_eq!(clean.text, "(Rev. Dubai, 2018) of the Conference");
    let unsure = clean
        .ops
        .iter()
        .filter(|c| c.kind == ChangeKind::Delete)
        .all(|c| c.confidence.is_some_and(|x| x < 0.5));
    assert!(unsure, "{clean:#?}");
}

#[test]
fn paragraph_a_minority_has_is_added() {
    let r = row(&[
        Some("that Resolution 71 (Rev. Dubai, 2018) includes"),
        None,
        None,
    ]);
    assert_eq!(r.base, None);
    let v = version(&r, 0);
    assert_eq!(v.status, Status::Added);
    assert_eq!(v.ops.len(), 1);
    assert_eq!(v.ops[0].kind, ChangeKind::Insert);
    assert!(r.versions[1].is_none() && r.versions[2].is_none());
}

#[test]
fn paragraph_a_majority_has_keeps_a_base() {
    let r = row(&[
        Some("to share information"),
        Some("to share information"),
        None,
    ]);
    assert_eq!(r.base.as_deref(), Some("to share information"));
    assert_eq!(version(&r, 0).status, Status::Unchanged);
    assert!(r.versions[2].is_none());
}

#[test]
fn new_paragraph_with_seams_is_unsure() {
    let r = row(&[
        None,
        Some("that Resolution 71 (Rev. Busan, 2014Dubai, 2018) lists"),
        None,
    ]);
    let c = version(&r, 1).ops[0].confidence;
    assert!(c.is_some_and(|c| c <= 0.5));
}

#[test]
fn single_cell_is_read_from_its_seams() {
    let r = all(&["RESOLUTION 44 (Rev. Hammamet, 2016Geneva, 2022)"]);
    assert_eq!(
        r.base.as_deref(),
        Some("RESOLUTION 44 (Rev. Hammamet, 2016)")
    );
    assert_eq!(version(&r, 0).text, "RESOLUTION 44 (Rev. Geneva, 2022)");
    let r = all(&["that the tasks undertaken cover Recommendations;"]);
    assert_eq!(version(&r, 0).status, Status::Unchanged);
}

#[test]
fn dropped_hyphens_are_not_changes() {
    let r = all(&[
        "Funds are to be used for ITUrelated activities in ITUT",
        "Funds are to be used for ITUrelated activities in ITU-T",
        "Funds are to be used for ITUrelated activities in ITUT",
    ]);
    for i in 0..3 {
        assert_eq!(version(&r, i).status, Status::Unchanged, "{r:#?}");
    }
    assert_eq!(
        version(&r, 1).text,
        "Funds are to be used for ITUrelated activities in ITU-T"
    );
}

#[test]
fn word_glued_to_the_next_is_split_by_the_others_vocabulary() {
    let r = all(&[
        "where it exists, is usually limited",
        "where it existsto study groups, is usually limited",
        "where it exists, is usually limited",
    ]);
    assert_eq!(
        r.base.as_deref(),
        Some("where it exists, is usually limited")
    );
    let v = version(&r, 1);
    assert_eq!(ops_of(v, ChangeKind::Delete), ["exists"]);
    assert!(ops_of(v, ChangeKind::Insert)
        .concat()
        .starts_with("to study groups"));
}

#[test]
fn renamed_heading() {
    let r = all(&[
        "taking into account",
        "taking into accountrecognizing further",
        "taking into account",
    ]);
    assert_eq!(r.base.as_deref(), Some("taking into account"));
    let v = version(&r, 1);
    assert_eq!(v.text, "recognizing further");
    assert_eq!(ops_of(v, ChangeKind::Delete), ["taking into account"]);
}

#[test]
fn camel_case_everyone_writes_is_not_a_seam() {
    let r = all(&["watch it on YouTube today", "watch it on YouTube today"]);
    for i in 0..2 {
        let v = version(&r, i);
        let sure = v
            .ops
            .iter()
            .filter(|c| c.kind != ChangeKind::Equal)
            .any(|c| c.confidence.is_some_and(|x| x > 0.5));
        assert!(!sure, "{v:#?}");
    }
}

#[test]
fn empty_and_odd_inputs() {
    assert_eq!(recover_row(&[]).base, None);
    assert_eq!(row(&[None, None]).base, None);
    let r = all(&["", ""]);
    assert_eq!(r.base.as_deref(), Some(""));
    all(&["\u{0}\u{FFFD}20162022 aB 1A", "(((", ")))2014Dubai"]);
    all(&["\t\t", " ", "\n\n2014Dubai\n"]);
    all(&["é\u{301}A\u{301}", "ǅǅa", "😀2014😀"]);
}

// Labels.

fn label(flat: &str, others: &[&str]) -> (Option<String>, Option<String>, f32) {
    let r = recover_label(flat, others);
    (r.former, r.current, r.confidence)
}

#[test]
fn plain_labels_are_unchanged() {
    for l in [
        "b)", "a)", "ii)", "iv)", "1", "12", "(c)", "\u{2022}", "I", "III",
    ] {
        let (former, current, conf) = label(l, &[l]);
        assert_eq!(former, None, "{l}");
        assert_eq!(current.as_deref(), Some(l));
        assert!(conf >= 0.75, "{l}: {conf}");
    }
}

#[test]
fn relettered_labels() {
    assert_eq!(label("bc)", &["b)", "b)"]).0.as_deref(), Some("b)"));
    assert_eq!(label("bc)", &["b)", "b)"]).1.as_deref(), Some("c)"));
    let (f, c, conf) = label("bc)", &[]);
    assert_eq!((f.as_deref(), c.as_deref()), (Some("b)"), Some("c)")));
    assert!(conf > 0.5);
    let (f, c, _) = label("cb)", &["c)", "c)"]);
    assert_eq!((f.as_deref(), c.as_deref()), (Some("c)"), Some("b)")));
    let (f, c, _) = label("hi)", &["h)", "gh)"]);
    assert_eq!((f.as_deref(), c.as_deref()), (Some("h)"), Some("i)")));
    let (f, c, _) = label("jk)", &["j)"]);
    assert_eq!((f.as_deref(), c.as_deref()), (Some("j)"), Some("k)")));
    let (f, c, _) = label("cd)", &["c)"]);
    assert_eq!((f.as_deref(), c.as_deref()), (Some("c)"), Some("d)")));
    let (f, c, _) = label("(a)(b)", &[]);
    assert_eq!((f.as_deref(), c.as_deref()), (Some("(a)"), Some("(b)")));
}

#[test]
fn renumbered_paragraphs() {
    let (f, c, conf) = label("54", &["5", "5"]);
    assert_eq!((f.as_deref(), c.as_deref()), (Some("5"), Some("4")));
    assert!(conf > 0.7);
    let (f, c, _) = label("65", &["6"]);
    assert_eq!((f.as_deref(), c.as_deref()), (Some("6"), Some("5")));
    // "12" is paragraph 12 unless the others say paragraph 1.
    assert_eq!(label("12", &["12", "12"]).0, None);
    let (f, c, _) = label("12", &["1", "1"]);
    assert_eq!((f.as_deref(), c.as_deref()), (Some("1"), Some("2")));
}

#[test]
fn inverted_halves_are_decided_by_the_others() {
    // ATU deleted b) earlier, so its last paragraph h) became g); the
    // flattening wrote the new letter first.
    let (f, c, _) = label("gh)", &["hi)", "h)"]);
    assert_eq!((f.as_deref(), c.as_deref()), (Some("h)"), Some("g)")));
    let r = recover_label_in_sequence("gh)", &[], Some("f)"));
    assert_eq!(r.current.as_deref(), Some("g)"));
}

#[test]
fn ambiguous_labels_say_so() {
    // Alone, "gh)" could be g) become h) or h) become g).
    let (_, _, conf) = label("gh)", &[]);
    assert!(conf < 0.8, "{conf}");
    // "12" alone: paragraph 12, or 1 renumbered 2.
    let (f, _, conf) = label("12", &[]);
    assert_eq!(f, None);
    assert!(conf < 0.8, "{conf}");
    // Not a label at all.
    let r = recover_label("xq)", &[]);
    assert!(r.confidence < 0.5);
    assert_eq!(recover_label("", &[]).current, None);
}

#[test]
fn labels_never_panic() {
    for l in [
        "(",
        ")",
        "()",
        ")(",
        "(a)(",
        "0",
        "00",
        "01",
        "é)",
        "zz)",
        "za)",
        "99999999999",
    ] {
        let _ = recover_label(l, &[l, "a)"]);
        let _ = recover_label_in_sequence(l, &[], Some(l));
    }
}

mod properties {
    use super::super::*;
    use crate::model::{original_of, result_of};
    use proptest::prelude::*;

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Busan, 2014".to_string()),
            Just("Dubai, 2018".to_string()),
            Just("2016".to_string()),
            Just("2022".to_string()),
            Just("Hammamet".to_string()),
            Just("Geneva".to_string()),
            Just("ITU-T".to_string()),
            Just("ITUT".to_string()),
            Just("the".to_string()),
            Just("exists".to_string()),
            Just("to".to_string()),
            Just(" ".to_string()),
            Just(", ".to_string()),
            Just("(".to_string()),
            Just(")".to_string()),
            "[a-zA-Z0-9 ,.;()-]{0,6}",
        ]
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(piece(), 0..12).prop_map(|v| v.concat())
    }

    proptest! {
        #[test]
        fn ops_spell_base_and_text(cells in prop::collection::vec(prop::option::weighted(0.8, text()), 1..5)) {
            let refs: Vec<Option<&str>> = cells.iter().map(|c| c.as_deref()).collect();
            let r = recover_row(&refs);
            for (i, v) in r.versions.iter().enumerate() {
                match v {
                    Some(v) => {
                        prop_assert_eq!(original_of(&v.ops), r.base.clone().unwrap_or_default());
                        prop_assert_eq!(result_of(&v.ops), v.text.clone());
                        prop_assert!(cells[i].is_some());
                    }
                    None => prop_assert!(cells[i].is_none()),
                }
            }
        }

        #[test]
        fn labels_are_total(l in "[a-z0-9()]{0,6}", o in "[a-z0-9()]{0,4}") {
            let r = recover_label(&l, &[o.as_str()]);
            prop_assert!((0.0..=1.0).contains(&r.confidence));
        }
    }
}
