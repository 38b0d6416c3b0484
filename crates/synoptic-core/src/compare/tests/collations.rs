//! Tests of collations (every version one paragraph) and of tokenising
//! by pieces.

use super::*;

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
