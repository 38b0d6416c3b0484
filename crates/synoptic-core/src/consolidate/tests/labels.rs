//! Tests of relettering a draft's paragraphs.

use super::*;

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
fn an_inserted_unit_takes_no_number() {
    // "2° bis" and "1A" are numbered so that what follows keeps its number.
    let s = synopsis(
        &["AN"],
        vec![
            labelled("a/1", "1°", Some("one"), &[C::Same]),
            labelled("a/2", "2°", Some("two"), &[C::Same]),
            labelled("a/2+1", "2° bis", None, &[C::Added("two bis")]),
            labelled("a/3", "3°", Some("three"), &[C::Same]),
            labelled("b/1", "(1)", Some("sub one"), &[C::Same]),
            labelled("b/1+1", "(1A)", None, &[C::Added("sub one A")]),
            labelled("b/2", "(2)", Some("sub two"), &[C::Same]),
        ],
    );
    let d = consolidate(&s, None);
    let labels: Vec<String> = labels_of(&d).into_iter().map(|(l, _)| l).collect();
    assert_eq!(labels, ["1°", "2°", "2° bis", "3°", "(1)", "(1A)", "(2)"]);
    assert!(d.rows.iter().all(|r| r.former_label.is_none()));
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

#[test]
fn a_label_the_proposals_add_to_an_unlabelled_paragraph_is_the_drafts() {
    // A rule of one paragraph becomes a list: "1." before its text, a new
    // "2." after it.
    let mut quorum = row(
        "rule-4/p1",
        Some("The quorum is a majority."),
        &[C::Same, C::Same],
    );
    let mut proxies = labelled(
        "rule-4/p1+1",
        "2.",
        None,
        &[C::Added("Proxies do not count."), C::Absent],
    );
    quorum.cells[1].label = Some("1.".into());
    proxies.cells[1].label = Some("2.".into());
    let mut one_only = quorum.clone();
    let s = synopsis(&["AFR", "APT"], vec![quorum.clone(), proxies.clone()]);
    // APT leaves it unlabelled: the base's (none) stays.
    assert_eq!(labels_of(&consolidate(&s, None))[0], (String::new(), None));
    // Every proposal that has it labels it alike: the draft does too.
    one_only.cells[2].label = Some("1.".into());
    let s = synopsis(&["AFR", "APT"], vec![one_only, proxies]);
    let d = consolidate(&s, None);
    assert_eq!(
        labels_of(&d),
        [("1.".to_string(), None), ("2.".to_string(), None)]
    );
}
