//! One version paired with the reference: sections, then paragraphs.

#[allow(unused_imports)]
use super::*;

pub(super) fn identity_pairing(doc: &Document) -> Pairing {
    Pairing {
        fallbacks: 0,
        sections: (0..doc.sections.len()).map(Some).collect(),
        paragraphs: doc
            .sections
            .iter()
            .map(|s| (0..s.paragraphs.len()).map(Some).collect())
            .collect(),
    }
}

pub(super) fn pair_with_reference(
    vocab: &Vocabulary,
    reference: &VersionProfiles,
    version: &VersionProfiles,
    reference_doc: &Document,
    version_doc: &Document,
    reference_is_base: bool,
    options: &CompareOptions,
) -> Pairing {
    let opener_key = |p: &VersionProfiles, s: usize| -> String {
        p.openers[s]
            .as_ref()
            .map(|o| o.key.clone())
            .unwrap_or_default()
    };
    let keys_a: Vec<String> = (0..reference.sections.len())
        .map(|s| opener_key(reference, s))
        .collect();
    let keys_b: Vec<String> = (0..version.sections.len())
        .map(|s| opener_key(version, s))
        .collect();
    let content_a: Vec<&str> = reference.sections.iter().map(|p| p.key.as_str()).collect();
    let content_b: Vec<&str> = version.sections.iter().map(|p| p.key.as_str()).collect();
    let body_a = body_keys(reference, 'a');
    let body_b = body_keys(version, 'b');
    // Sections whose paragraphs are word for word the same come before
    // sections under the same opener: a rule deleted and the next one
    // renumbered into its place ("Rule 6" now "Rule 5") keeps its
    // paragraphs, while the opener it takes over is only a number.
    let layers = [
        (content_a, content_b),
        (
            body_a.iter().map(String::as_str).collect(),
            body_b.iter().map(String::as_str).collect(),
        ),
        (
            keys_a.iter().map(String::as_str).collect(),
            keys_b.iter().map(String::as_str).collect(),
        ),
    ];
    let score = |i: usize, j: usize| section_score(vocab, reference, version, i, j);
    // A section word for word the same on both sides is the same section;
    // so is one with the same unique opener, unless its content says
    // otherwise (a proposal may rename a section and reuse its opener for a
    // new one).
    let mut sections = align_keyed(
        &layers,
        |i, j| {
            // Most anchored sections keep most of their paragraphs word
            // for word: those alone may show the score high enough.
            section_score_at_least(vocab, reference, version, i, j) >= CERTAIN + 1e-9
                || score(i, j) >= CERTAIN
        },
        |i, j| score(i, j) - options.section_threshold,
    );
    // A section left alone at the same place on each side, under the same
    // opener (or none, as a text without openers has), is that section
    // rewritten, however little of its content is left.
    if options.align.pair_sole_candidates {
        for (i, j) in sole_candidates(&sections, version.sections.len()) {
            let same_opener = match (&reference.openers[i], &version.openers[j]) {
                (None, None) => true,
                (Some(a), Some(b)) => vocab.pairing_similarity(a, b) >= 0.6,
                _ => false,
            };
            if same_opener {
                sections[i] = Some(j);
            }
        }
    }
    let fallbacks = Counter::new(0);
    let paragraphs = sections
        .iter()
        .enumerate()
        .map(|(i, j)| match j {
            None => Vec::new(),
            Some(j) => {
                let a: Vec<&Profile> = reference.paragraphs[i].iter().map(|p| &**p).collect();
                let b: Vec<&Profile> = version.paragraphs[*j].iter().map(|p| &**p).collect();
                let ref_paras = &reference_doc.sections[i].paragraphs;
                let ver_paras = &version_doc.sections[*j].paragraphs;
                let bonus = |x: usize, y: usize| {
                    let wholly_new = ver_paras[y].is_inserted_by_revision();
                    if wholly_new {
                        // A paragraph the proposer marks as inserted amends nothing.
                        return -10.0;
                    }
                    match (&ref_paras[x].label, &ver_paras[y].label) {
                        (Some(l), Some(r)) if label_key(l) == label_key(r) => 0.04,
                        _ => 0.0,
                    }
                };
                // Left alone in the same place as a base paragraph, a
                // paragraph is that paragraph rewritten. Against another
                // proposal (no base given) it may as well be an addition of
                // each, unless each text is that one paragraph (as every
                // witness of a collation is).
                let config = AlignConfig {
                    pair_sole_candidates: options.align.pair_sole_candidates
                        && (reference_is_base
                            || (a.len() == 1
                                && b.len() == 1
                                && reference_doc.paragraph_count() == 1
                                && version_doc.paragraph_count() == 1)),
                    ..options.align
                };
                align_counting(vocab, &a, &b, &config, &bonus, &fallbacks)
            }
        })
        .collect();
    Pairing {
        sections,
        paragraphs,
        fallbacks: fallbacks.get(),
    }
}

/// A key of each section's paragraphs, without its opener: a hash of
/// their keys. A section without paragraphs gets a key of its own,
/// marked with `side`, which matches nothing: an empty body says nothing
/// of which section it is.
fn body_keys(profiles: &VersionProfiles, side: char) -> Vec<String> {
    use std::hash::Hasher;
    profiles
        .paragraphs
        .iter()
        .enumerate()
        .map(|(s, paragraphs)| {
            if paragraphs.is_empty() {
                return format!("{side}{s}");
            }
            let mut hasher = rustc_hash::FxHasher::default();
            for p in paragraphs {
                hasher.write_u64(p.key_hash);
            }
            format!("{:016x}", hasher.finish())
        })
        .collect()
}

/// The [`section_score`] at which an anchor (equal content, or the same
/// unique opener) is taken as the same section.
const CERTAIN: f64 = 0.6;

/// A lower bound of [`section_score`], from the parts (opener and
/// paragraphs) the two sections hold word for word: their words are in
/// both merged profiles, so their weight is shared at least. The sums of
/// the parts' weights are the merged profiles' up to rounding, far below
/// the margin a caller leaves.
fn section_score_at_least(
    vocab: &Vocabulary,
    reference: &VersionProfiles,
    version: &VersionProfiles,
    i: usize,
    j: usize,
) -> f64 {
    let (a, b) = (&reference.sections[i], &version.sections[j]);
    if reference.paragraphs[i].is_empty() && version.paragraphs[j].is_empty() {
        return 0.0;
    }
    let opener = opener_score(vocab, reference, version, i, j);
    let mut hashes: Vec<(u64, f64)> = a
        .parts
        .iter()
        .map(|p| (p.key_hash, vocab.total_weight(p)))
        .collect();
    hashes.sort_unstable_by_key(|&(h, _)| h);
    let mut used = vec![false; hashes.len()];
    let mut shared = 0.0;
    for p in &b.parts {
        let from = hashes.partition_point(|&(h, _)| h < p.key_hash);
        let free = (from..hashes.len())
            .take_while(|&k| hashes[k].0 == p.key_hash)
            .find(|&k| !used[k]);
        if let Some(k) = free {
            used[k] = true;
            shared += hashes[k].1;
        }
    }
    let total: f64 = hashes.iter().map(|&(_, t)| t).sum::<f64>()
        + b.parts.iter().map(|p| vocab.total_weight(p)).sum::<f64>();
    let content = if total > 0.0 {
        2.0 * shared / total
    } else {
        0.0
    };
    0.3 * opener + 0.7 * content
}

/// How alike two sections' openers are (two sections without one are
/// alike, one with and one without are not).
fn opener_score(
    vocab: &Vocabulary,
    reference: &VersionProfiles,
    version: &VersionProfiles,
    i: usize,
    j: usize,
) -> f64 {
    match (&reference.openers[i], &version.openers[j]) {
        (None, None) => 1.0,
        (Some(a), Some(b)) => vocab.similarity(a, b),
        _ => 0.0,
    }
}

/// How well a version's section matches a reference section: mostly by
/// content (sections get renamed), partly by opener.
pub(super) fn section_score(
    vocab: &Vocabulary,
    reference: &VersionProfiles,
    version: &VersionProfiles,
    i: usize,
    j: usize,
) -> f64 {
    let opener = opener_score(vocab, reference, version, i, j);
    let empty_a = reference.paragraphs[i].is_empty();
    let empty_b = version.paragraphs[j].is_empty();
    if empty_a && empty_b {
        return opener;
    }
    let (a, b) = (&reference.sections[i], &version.sections[j]);
    // Equal keys are what `similarity` would see first in the merged
    // profiles (whose keys these are): the same words, without merging
    // them. Most sections of an amended text are left as they were.
    let content = if a.key == b.key {
        1.0
    } else {
        vocab.similarity(a.merged(vocab), b.merged(vocab))
    };
    0.3 * opener + 0.7 * content
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Section;
    use crate::test_docs::{build, text_strategy};
    use proptest::prelude::*;

    /// Sections of paragraphs, and a second version keeping some of them
    /// word for word and rewriting or adding others.
    fn two_versions() -> impl Strategy<Value = (Vec<Vec<String>>, Vec<Vec<String>>)> {
        let sections =
            prop::collection::vec(prop::collection::vec(text_strategy(1..8), 0..6), 1..5);
        (sections, prop::collection::vec(any::<u8>(), 32)).prop_map(|(a, choices)| {
            let mut pick = choices.into_iter().cycle();
            let b = a
                .iter()
                .map(|ps| {
                    let mut out = Vec::new();
                    for p in ps {
                        match pick.next().unwrap_or(0) % 4 {
                            0 => out.push(format!("{p} further")),
                            1 => {}
                            _ => out.push(p.clone()),
                        }
                    }
                    if pick.next().unwrap_or(0) % 3 == 0 {
                        out.push("and the Council shall report".to_string());
                    }
                    out
                })
                .collect();
            (a, b)
        })
    }

    proptest! {
        #[test]
        fn the_shared_parts_bound_the_section_score_from_below((a, b) in two_versions()) {
            let (a, b) = (build(&a), build(&b));
            let docs = [&a, &b];
            let mut vocab = Vocabulary::new();
            let (profiles, _) = profile_documents(&mut vocab, &docs, false, false);
            vocab.seal_all();
            for i in 0..a.sections.len() {
                for j in 0..b.sections.len() {
                    let low = section_score_at_least(&vocab, &profiles[0], &profiles[1], i, j);
                    let exact = section_score(&vocab, &profiles[0], &profiles[1], i, j);
                    prop_assert!(low <= exact + 1e-12, "{low} > {exact} at {i}, {j}");
                }
            }
        }
    }

    /// A document of sections, each an opener and its paragraphs.
    fn doc(sections: &[(&str, &[&str])]) -> Document {
        Document {
            sections: sections
                .iter()
                .map(|(opener, paragraphs)| Section {
                    opener: Some(Paragraph::new(*opener)),
                    paragraphs: paragraphs.iter().map(|t| Paragraph::new(*t)).collect(),
                })
                .collect(),
            ..Document::default()
        }
    }

    #[test]
    fn paragraphs_kept_word_for_word_outweigh_a_number_taken_over() {
        let base = doc(&[
            (
                "Rule 1",
                &["Sessions", "The Commission shall meet once a year."],
            ),
            (
                "Rule 2",
                &["Quorum", "A majority of the members is a quorum."],
            ),
            (
                "Rule 3",
                &[
                    "Majority",
                    "Decisions are taken by two thirds of those voting.",
                ],
            ),
        ]);
        let proposal = doc(&[
            (
                "Rule 1",
                &["Sessions", "The Commission shall meet once a year."],
            ),
            (
                "Rule 2",
                &[
                    "Majority",
                    "Decisions are taken by two thirds of those voting.",
                ],
            ),
        ]);
        let docs = [&base, &proposal];
        let mut vocab = Vocabulary::new();
        let (profiles, _) = profile_documents(&mut vocab, &docs, false, false);
        vocab.seal_all();
        let options = CompareOptions::default();
        let pairing = pair_with_reference(
            &vocab,
            &profiles[0],
            &profiles[1],
            &base,
            &proposal,
            true,
            &options,
        );
        assert_eq!(pairing.sections, [Some(0), None, Some(1)]);
    }

    #[test]
    fn scores_of_equal_sections_are_those_of_their_merged_words() {
        let base = doc(&[
            (
                "considering",
                &[
                    "that the Union was founded in 1865;",
                    "that the Bureau reports;",
                ],
            ),
            ("noting", &["that the Council met in June;"]),
            ("resolves", &["to invite Member States to contribute;"]),
            ("instructs", &["..."]),
        ]);
        let proposal = doc(&[
            (
                "considering",
                &[
                    "that the Union was founded in 1865;",
                    "that the Bureau reports;",
                ],
            ),
            ("noting", &["that the Council met in July;"]),
            (
                "resolves further",
                &["to invite Member States to contribute;"],
            ),
            ("instructs", &["..."]),
        ]);
        let docs = [&base, &proposal];
        let mut vocab = Vocabulary::new();
        let (profiles, _) = profile_documents(&mut vocab, &docs, false, false);
        vocab.seal_all();
        let (a, b) = (&profiles[0], &profiles[1]);
        let mut equal = 0;
        for i in 0..a.sections.len() {
            for j in 0..b.sections.len() {
                let (x, y) = (&a.sections[i], &b.sections[j]);
                let merged = (x.merged(&vocab), y.merged(&vocab));
                // The shortcut stands on the merged profile's key being
                // the section's.
                assert_eq!(merged.0.key, x.key);
                assert_eq!(merged.1.key, y.key);
                let opener = match (&a.openers[i], &b.openers[j]) {
                    (Some(p), Some(q)) => vocab.similarity(p, q),
                    _ => unreachable!("every section has an opener"),
                };
                let slow = 0.3 * opener + 0.7 * vocab.similarity(merged.0, merged.1);
                let fast = section_score(&vocab, a, b, i, j);
                assert_eq!(fast.to_bits(), slow.to_bits(), "sections {i} and {j}");
                equal += usize::from(x.key == y.key);
            }
        }
        // Equal sections (the first, and the fourth of punctuation only)
        // and unequal ones (a key counts the opener too) were both scored.
        assert_eq!(equal, 2);
    }
}
