//! Tests of what the comparison prepares: moved-paragraph candidates,
//! shared tokens and profiles, and the scorer.

use super::*;

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
