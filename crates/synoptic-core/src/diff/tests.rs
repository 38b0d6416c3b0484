//! Tests of the word diff.

use super::*;
use crate::model::{original_of, result_of};
use proptest::prelude::*;

fn show(changes: &[Change]) -> String {
    changes
        .iter()
        .map(|c| match c.kind {
            ChangeKind::Equal => c.text.to_string(),
            ChangeKind::Delete => format!("[-{}-]", c.text),
            ChangeKind::Insert => format!("{{+{}+}}", c.text),
        })
        .collect()
}

#[test]
fn ops_are_exact_and_read_as_a_phrase() {
    let d = word_diff(
        "Resolution 123 (Rev. Busan, 2014) of the Conference",
        "Resolution 123 (Rev. Dubai, 2018) of the Conference",
    );
    // The ops keep the comma both sides have where it is.
    assert_eq!(
        show(&d),
        "Resolution 123 (Rev. [-Busan-]{+Dubai+}, [-2014-]{+2018+}) of the Conference"
    );
    // The views fold it into one change.
    assert_eq!(
        show(&for_reading(&d)),
        "Resolution 123 (Rev. [-Busan, 2014-]{+Dubai, 2018+}) of the Conference"
    );
    let folded = for_reading(&d);
    assert_eq!(original_of(&folded), original_of(&d));
    assert_eq!(result_of(&folded), result_of(&d));
}

#[test]
fn shared_words_are_never_inside_a_change() {
    // "the new loan facility" is kept word for word: no op may hold it.
    let d = word_diff(
        "to set up the new loan facility by 2027",
        "to launch the new loan facility in 2026",
    );
    assert_eq!(
        show(&d),
        "to [-set up-]{+launch+} the new loan facility [-by-]{+in+} [-2027-]{+2026+}"
    );
}

#[test]
fn insertions_among_repeats_keep_the_kept_words_together() {
    let d = word_diff(
        "That very quick brown koala",
        "This very quick very quick brown wombat",
    );
    assert_eq!(
        show(&d),
        "[-That-]{+This very quick+} very quick brown [-koala-]{+wombat+}"
    );
    let d = word_diff("in the in the bleach", "in the in the bleach in the");
    assert_eq!(show(&d), "in the in the bleach{+ in the+}");
}

#[test]
fn a_phrase_moved_within_the_paragraph_is_marked() {
    let d = word_diff(
        "Members shall, within six months, report to the Council on progress.",
        "Members shall report to the Council on progress within six months.",
    );
    let moved: Vec<&Change> = d.iter().filter(|c| c.moved.is_some()).collect();
    assert_eq!(moved.len(), 2, "{}", show(&d));
    assert_eq!(moved[0].moved, moved[1].moved);
    assert_ne!(moved[0].kind, moved[1].kind);
    assert_eq!(
        original_of(&d),
        "Members shall, within six months, report to the Council on progress."
    );
    // A replacement in place is not a move, nor are two-word phrases.
    let d = word_diff("the cat is black", "black is the cat");
    assert!(d.iter().all(|c| c.moved.is_none()), "{}", show(&d));
    let d = word_diff("pay within six months", "pay within six months at most");
    assert!(d.iter().all(|c| c.moved.is_none()));
    // Moves are kept as they are for reading.
    let d = word_diff(
        "Members shall, within six months, report to the Council on progress.",
        "Members shall report to the Council on progress within six months.",
    );
    assert_eq!(
        for_reading(&d).iter().filter(|c| c.moved.is_some()).count(),
        2
    );
}

#[test]
fn insertion_and_deletion() {
    let d = word_diff("to bridge the gap", "to bridge the standardization gap");
    assert_eq!(show(&d), "to bridge the {+standardization +}gap");
    let d = word_diff(
        "in particular developing countries",
        "in developing countries",
    );
    assert_eq!(show(&d), "in [-particular -]developing countries");
}

#[test]
fn spelling_noise_is_minor() {
    let d = word_diff("the ITU-T Recommendations", "the ITUT Recommendations");
    assert_eq!(show(&d), "the [-ITU-T-]{+ITUT+} Recommendations");
    assert!(d
        .iter()
        .filter(|c| c.kind != ChangeKind::Equal)
        .all(|c| c.minor));
}

#[test]
fn one_character_change_in_chinese() {
    let d = word_diff(
        "研究组批准的建议书应在批准后六个月内译成其他正式语文；",
        "研究组批准的建议书应在批准后三个月内译成其他正式语文；",
    );
    assert_eq!(
        show(&d),
        "研究组批准的建议书应在批准后[-六-]{+三+}个月内译成其他正式语文；"
    );
    assert!(d.iter().all(|c| !c.minor));
    // A rewritten phrase still reads as one change.
    let d = word_diff(
        "近年来机器翻译工具已有很大改进，",
        "近年来翻译工具已有显著改进，",
    );
    assert_eq!(show(&d), "近年来[-机器-]翻译工具已有[-很大-]{+显著+}改进，");
}

#[test]
fn arabic_diacritics_are_minor() {
    let d = word_diff(
        "رهناً بمراجعتها من قبل مترجمي المكتب،",
        "رهناً بمراجعتها من قبل مترجِمي المكتب،",
    );
    assert_eq!(
        show(&d),
        "رهناً بمراجعتها من قبل [-مترجمي-]{+مترجِمي+} المكتب،"
    );
    let changed: Vec<&Change> = d.iter().filter(|c| c.kind != ChangeKind::Equal).collect();
    assert_eq!(changed.len(), 2);
    assert!(changed.iter().all(|c| c.minor));
    // A changed word among vocalised ones is not minor.
    let d = word_diff("في غضون ستة أشهر", "في غضون ثلاثة أشهر");
    assert!(d.iter().any(|c| c.kind == ChangeKind::Insert && !c.minor));
}

#[test]
fn russian_case_is_minor() {
    let d = word_diff(
        "при условии их проверки переводчиками Бюро,",
        "при условии их проверки переводчиками бюро,",
    );
    assert_eq!(
        show(&d),
        "при условии их проверки переводчиками [-Бюро-]{+бюро+},"
    );
    assert!(d
        .iter()
        .filter(|c| c.kind != ChangeKind::Equal)
        .all(|c| c.minor));
    // A Latin look-alike is a real change, not a minor one.
    let d = word_diff("МСЭ-Т", "МСЭ-T");
    assert!(d.iter().any(|c| c.kind != ChangeKind::Equal && !c.minor));
}

#[test]
fn identical_and_empty() {
    assert!(word_diff("", "").is_empty());
    assert_eq!(word_diff("same", "same"), vec![Change::equal("same")]);
    assert_eq!(show(&word_diff("", "new")), "{+new+}");
    assert_eq!(show(&word_diff("old", "")), "[-old-]");
}

proptest! {
    #[test]
    fn ops_rebuild_both_sides(old in "[a-cA-C ,.\\-]{0,40}", new in "[a-cA-C ,.\\-]{0,40}") {
        let d = word_diff(&old, &new);
        prop_assert_eq!(original_of(&d), old.clone());
        prop_assert_eq!(result_of(&d), new.clone());
        let r = for_reading(&d);
        prop_assert_eq!(original_of(&r), old);
        prop_assert_eq!(result_of(&r), new);
    }

    /// The ops are a minimal diff: they keep as many words as a
    /// longest common subsequence of the two texts' word keys.
    #[test]
    fn ops_keep_a_longest_common_subsequence(
        old in proptest::collection::vec(0usize..5, 0..30),
        new in proptest::collection::vec(0usize..5, 0..30),
    ) {
        const WORDS: [&str; 5] = ["a", "b", "c", "d", "e"];
        let text = |ws: &[usize]| ws.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
        let d = word_diff(&text(&old), &text(&new));
        let kept: usize = d
            .iter()
            .filter(|c| c.kind == ChangeKind::Equal)
            .map(|c| crate::tokens::word_keys(&c.text).len())
            .sum();
        let mut table = vec![vec![0usize; new.len() + 1]; old.len() + 1];
        for i in 1..=old.len() {
            for j in 1..=new.len() {
                table[i][j] = if old[i - 1] == new[j - 1] {
                    table[i - 1][j - 1] + 1
                } else {
                    table[i - 1][j].max(table[i][j - 1])
                };
            }
        }
        prop_assert_eq!(kept, table[old.len()][new.len()]);
    }

    /// Taking the common prefix as it is gives the changes of the
    /// whole diff: the same ops, the same minor flags.
    #[test]
    fn common_prefix_cut_changes_nothing(
        prefix in "[a-cA-C0-9 ,.'\\-\n\t\u{a0}éßдЖ中文\u{301}_]{0,30}",
        old in "[a-cA-C0-9 ,.'\\-\n\t\u{a0}éßдЖ中文\u{301}_]{0,20}",
        new in "[a-cA-C0-9 ,.'\\-\n\t\u{a0}éßдЖ中文\u{301}_]{0,20}",
        suffix in "[a-cA-C0-9 ,.'\\-\n\t\u{a0}éßдЖ中文\u{301}_]{0,20}",
    ) {
        let old = format!("{prefix}{old}{suffix}");
        let new = format!("{prefix}{new}{suffix}");
        let base = DiffBase::new(&old);
        prop_assert_eq!(base.diff_from(&new, 0), base.diff(&new));
    }

    /// The same with texts of a few repeated words, spellings that
    /// differ only in case, and insertions among repeats, where a diff
    /// has several equally short answers to choose from. (Cutting a
    /// common suffix the same way fails this: the diff then places an
    /// insertion among repeats differently.)
    #[test]
    fn prefix_cut_keeps_the_choice_among_repeats(
        words in proptest::collection::vec(0usize..7, 0..24),
        edits in proptest::collection::vec((0usize..24, 0usize..7, 0usize..3), 0..4),
    ) {
        const WORDS: [&str; 7] = ["a", "A", "b", "a-b", "c", "a.", "B"];
        let mut new_words = words.clone();
        for (at, word, what) in edits {
            let at = at.min(new_words.len());
            match what {
                0 => new_words.insert(at, word),
                1 if at < new_words.len() => { new_words.remove(at); }
                _ if at < new_words.len() => new_words[at] = word,
                _ => {}
            }
        }
        let text = |ws: &[usize]| ws.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
        let (old, new) = (text(&words), text(&new_words));
        let base = DiffBase::new(&old);
        prop_assert_eq!(base.diff_from(&new, 0), base.diff(&new));
    }

    /// Long, much rewritten texts, whose diffs take the bit-parallel
    /// path: both sides rebuilt, and a cut common prefix changes
    /// nothing.
    #[test]
    fn long_rewrites_rebuild_both_sides(
        prefix in proptest::collection::vec(0usize..9, 0..40),
        old in proptest::collection::vec(0usize..9, 60..160),
        new in proptest::collection::vec(0usize..9, 60..160),
    ) {
        const WORDS: [&str; 9] = ["the", "The", "of", "gap", "ITU-T", "a,", "1.5", "—", "fund"];
        let text = |ws: &[usize]| ws.iter().map(|&w| WORDS[w]).collect::<Vec<_>>().join(" ");
        let (old, new) = (
            format!("{} {}", text(&prefix), text(&old)),
            format!("{} {}", text(&prefix), text(&new)),
        );
        let base = DiffBase::new(&old);
        let d = base.diff(&new);
        prop_assert_eq!(original_of(&d), old.clone());
        prop_assert_eq!(result_of(&d), new.clone());
        prop_assert_eq!(base.diff_from(&new, 0), d);
    }

    #[test]
    fn ops_rebuild_any_unicode(old in "\\PC{0,30}", new in "\\PC{0,30}") {
        let d = word_diff(&old, &new);
        prop_assert_eq!(original_of(&d), old);
        prop_assert_eq!(result_of(&d), new);
    }
}
