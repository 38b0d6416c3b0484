//! Tests of the alignment.

use super::*;

fn profiles(vocab: &mut Vocabulary, texts: &[&str]) -> Vec<Profile> {
    texts.iter().map(|t| (*vocab.profile(t)).clone()).collect()
}

fn sealed(vocab: &Vocabulary, ps: &mut [Profile]) {
    for p in ps {
        vocab.seal(p);
    }
}

#[test]
fn inserted_paragraph_shifts_the_rest() {
    let mut v = Vocabulary::new();
    let mut base = profiles(
        &mut v,
        &[
            "the digital divide between countries persists",
            "standardization gap remains wide in developing regions",
            "regional offices support coordination of activities",
        ],
    );
    let mut prop = profiles(
        &mut v,
        &[
            "academia participation in study groups is essential",
            "the digital divide between countries still persists",
            "standardization gap remains wide in developing regions",
            "regional offices support coordination of all activities",
        ],
    );
    sealed(&v, &mut base);
    sealed(&v, &mut prop);
    let a: Vec<&Profile> = base.iter().collect();
    let b: Vec<&Profile> = prop.iter().collect();
    let pairs = align(&v, &a, &b, &AlignConfig::default(), &|_, _| 0.0);
    assert_eq!(pairs, vec![Some(1), Some(2), Some(3)]);
}

#[test]
fn unrelated_paragraph_is_not_paired_when_it_has_rivals() {
    let mut v = Vocabulary::new();
    let mut base = profiles(&mut v, &["bees make honey in hives"]);
    let mut prop = profiles(
        &mut v,
        &[
            "satellites orbit the planet slowly",
            "rivers carry silt to the delta",
        ],
    );
    sealed(&v, &mut base);
    sealed(&v, &mut prop);
    let b: Vec<&Profile> = prop.iter().collect();
    let pairs = align(&v, &[&base[0]], &b, &AlignConfig::default(), &|_, _| 0.0);
    assert_eq!(pairs, vec![None]);
}

#[test]
fn sole_candidates_between_neighbours_are_one_paragraph_rewritten() {
    let mut v = Vocabulary::new();
    let mut base = profiles(
        &mut v,
        &[
            "the digital divide between countries persists in many regions",
            "a long description of the fund, its governance, its donors and the reports it files each year",
            "regional offices support coordination of activities",
        ],
    );
    let mut prop = profiles(
        &mut v,
        &[
            "the digital divide between countries persists in many regions",
            "the fund in brief",
            "regional offices support coordination of activities",
        ],
    );
    sealed(&v, &mut base);
    sealed(&v, &mut prop);
    let a: Vec<&Profile> = base.iter().collect();
    let b: Vec<&Profile> = prop.iter().collect();
    let config = AlignConfig::default();
    assert_eq!(
        align(&v, &a, &b, &config, &|_, _| 0.0),
        vec![Some(0), Some(1), Some(2)]
    );
    // Whole texts of one paragraph each are sole candidates too.
    assert_eq!(
        align(&v, &[a[1]], &[b[1]], &config, &|_, _| 0.0),
        vec![Some(0)]
    );
    // Off, or when the proposer marks the paragraph as new, they are not.
    let off = AlignConfig {
        pair_sole_candidates: false,
        ..config
    };
    assert_eq!(
        align(&v, &a, &b, &off, &|_, _| 0.0),
        vec![Some(0), None, Some(2)]
    );
    assert_eq!(
        align(&v, &a, &b, &config, &|_, j| if j == 1 {
            -10.0
        } else {
            0.0
        }),
        vec![Some(0), None, Some(2)]
    );
}

#[test]
fn a_sole_candidate_found_again_elsewhere_is_a_move() {
    let mut v = Vocabulary::new();
    let texts = [
        "members shall report annually to the council on progress",
        "the secretariat keeps the register of accredited observers",
        "fees are waived for least developed countries",
    ];
    let mut base = profiles(&mut v, &texts);
    // The second paragraph moved to the end; a new one took its place.
    let mut prop = profiles(
        &mut v,
        &[
            texts[0],
            "observers may speak with the chair's leave",
            texts[2],
            texts[1],
        ],
    );
    sealed(&v, &mut base);
    sealed(&v, &mut prop);
    let a: Vec<&Profile> = base.iter().collect();
    let b: Vec<&Profile> = prop.iter().collect();
    let pairs = align(&v, &a, &b, &AlignConfig::default(), &|_, _| 0.0);
    assert_eq!(pairs[0], Some(0));
    assert_eq!(pairs[2], Some(2));
    assert_ne!(
        pairs[1],
        Some(1),
        "the moved paragraph is not the new one rewritten"
    );
}

#[test]
fn short_paragraphs_with_one_changed_token_are_paired() {
    let mut v = Vocabulary::new();
    let mut base = profiles(
        &mut v,
        &[
            "TITLE XI—GENERAL PROVISIONS",
            "Sec. 1001.",
            "Two",
            "Short title.",
        ],
    );
    let mut prop = profiles(
        &mut v,
        &[
            "TITLE XII—GENERAL PROVISIONS",
            "Sec. 1101.",
            "Two1",
            "Short title.",
        ],
    );
    sealed(&v, &mut base);
    sealed(&v, &mut prop);
    let a: Vec<&Profile> = base.iter().collect();
    let b: Vec<&Profile> = prop.iter().collect();
    let config = AlignConfig {
        pair_sole_candidates: false,
        ..AlignConfig::default()
    };
    let pairs = align(&v, &a, &b, &config, &|_, _| 0.0);
    assert_eq!(pairs, vec![Some(0), Some(1), Some(2), Some(3)]);
}

#[test]
fn long_anchors_outweigh_a_short_line_that_crosses_them() {
    let mut v = Vocabulary::new();
    let long = [
        "the commission shall adopt implementing acts laying down the format of the annual report",
        "member states shall designate a competent authority responsible for supervising compliance",
    ];
    // Two headings stand before the long paragraphs in the base and
    // after them in the proposal: a longest chain of anchors would keep
    // the two headings and show the long paragraphs as moved.
    let mut base = profiles(&mut v, &["PART TWO", "Chapter 3", long[0], long[1]]);
    let mut prop = profiles(&mut v, &[long[0], long[1], "PART TWO", "Chapter 3"]);
    sealed(&v, &mut base);
    sealed(&v, &mut prop);
    let a: Vec<&Profile> = base.iter().collect();
    let b: Vec<&Profile> = prop.iter().collect();
    let config = AlignConfig {
        pair_sole_candidates: false,
        ..AlignConfig::default()
    };
    let pairs = align(&v, &a, &b, &config, &|_, _| 0.0);
    assert_eq!(pairs, vec![None, None, Some(0), Some(1)]);
}

#[test]
fn heaviest_chain_wins_over_the_longest() {
    // Three light anchors in one order, one heavy anchor crossing them.
    let pairs = [(0, 3), (1, 0), (2, 1), (3, 2)];
    let chain = heaviest_increasing(&pairs, &[10.0, 1.0, 1.0, 1.0], 4);
    assert_eq!(chain, vec![(0, 3)]);
    let chain = heaviest_increasing(&pairs, &[1.0, 1.0, 1.0, 1.0], 4);
    assert_eq!(chain, vec![(1, 0), (2, 1), (3, 2)]);
}

#[test]
fn large_windows_use_candidates_and_keep_order() {
    let mut v = Vocabulary::new();
    let texts_a: Vec<String> = (0..300)
        .map(|i| format!("paragraph number{i} about topic{i} and more"))
        .collect();
    let texts_b: Vec<String> = (0..300)
        .map(|i| format!("paragraph number{i} about topic{i} and some more"))
        .collect();
    let mut pa: Vec<Profile> = texts_a.iter().map(|t| (*v.profile(t)).clone()).collect();
    let mut pb: Vec<Profile> = texts_b.iter().map(|t| (*v.profile(t)).clone()).collect();
    sealed(&v, &mut pa);
    sealed(&v, &mut pb);
    let a: Vec<&Profile> = pa.iter().collect();
    let b: Vec<&Profile> = pb.iter().collect();
    let config = AlignConfig {
        window_limit: 100,
        ..AlignConfig::default()
    };
    // Every paragraph was edited: no anchors, so the one big window is
    // aligned by candidate search, which still pairs them all in order.
    let fallbacks = Cell::new(0);
    let pairs = align_counting(&v, &a, &b, &config, &|_, _| 0.0, &fallbacks);
    assert!(pairs.iter().enumerate().all(|(i, p)| *p == Some(i)));
    assert_eq!(fallbacks.get(), 1);
    // Unchanged paragraphs are anchors: nothing falls back.
    let same = Cell::new(0);
    let pairs = align_counting(&v, &a, &a, &config, &|_, _| 0.0, &same);
    assert!(pairs.iter().enumerate().all(|(i, p)| *p == Some(i)));
    assert_eq!(same.get(), 0);
    // Reversed, order wins over content: some pairs, never crossing.
    let mut shuffled: Vec<&Profile> = b.clone();
    shuffled.reverse();
    let pairs = align_counting(&v, &a, &shuffled, &config, &|_, _| 0.0, &fallbacks);
    assert!(pairs.iter().flatten().count() >= 1);
}

#[test]
fn grouping_shares_rows_for_similar_additions() {
    let mut v = Vocabulary::new();
    let mut x = profiles(
        &mut v,
        &[
            "new text on academia fees",
            "another point about emergency telecommunications",
        ],
    );
    let mut y = profiles(&mut v, &["new text on academia fees and discounts"]);
    sealed(&v, &mut x);
    sealed(&v, &mut y);
    let rows = group_in_order(
        &v,
        &[x.iter().collect(), y.iter().collect()],
        &AlignConfig::default(),
        &Cell::new(0),
    );
    assert_eq!(rows, vec![vec![Some(0), Some(0)], vec![Some(1), None]]);
}

#[test]
fn lis_keeps_longest_chain() {
    let chain = longest_increasing(&[(0, 3), (1, 0), (2, 1), (3, 2), (4, 4)]);
    assert_eq!(chain, vec![(1, 0), (2, 1), (3, 2), (4, 4)]);
}
