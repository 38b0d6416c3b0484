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
    let homes = VerbatimHomes::new(reference, version);
    // A section word for word the same on both sides is the same section;
    // so is one with the same unique opener, unless its content says
    // otherwise (a proposal may rename a section and reuse its opener for a
    // new one, or insert a section that takes the number of the next,
    // whose paragraphs it keeps under the next number).
    let mut sections = align_keyed(
        &layers,
        |i, j| {
            if homes.elsewhere(i, j) {
                return false;
            }
            // Most anchored sections keep most of their paragraphs word
            // for word: those alone may show the score high enough.
            section_score_at_least(vocab, reference, version, i, j) >= CERTAIN + 1e-9
                || score(i, j) >= CERTAIN
        },
        |i, j| {
            if homes.elsewhere(i, j) {
                return -1.0;
            }
            score(i, j) - options.section_threshold
        },
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
            if same_opener && !homes.elsewhere(i, j) {
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
                let (hashes_a, hashes_b) = (&reference.paragraphs[i], &version.paragraphs[*j]);
                let bonus = |x: usize, y: usize| {
                    let wholly_new = ver_paras[y].is_inserted_by_revision();
                    if wholly_new {
                        // A paragraph the proposer marks as inserted amends nothing.
                        return -10.0;
                    }
                    // A paragraph kept word for word in another section
                    // moved there: what stands in its place here is new,
                    // not it rewritten (and likewise the other way).
                    let (ha, hb) = (hashes_a[x].key_hash, hashes_b[y].key_hash);
                    if ha != hb && (homes.kept_outside(ha, *j) || homes.found_outside(hb, i)) {
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

/// Where each section's paragraphs are kept word for word on the other
/// side: the one section holding more than half of them;
/// and where each paragraph text is, when it is in one section only.
struct VerbatimHomes {
    /// For each reference section, the version's section and how many of
    /// its paragraphs that one holds.
    reference: Vec<Option<(usize, usize)>>,
    /// For each version section, the reference's.
    version: Vec<Option<(usize, usize)>>,
    /// The paragraphs of each section of the reference and the version
    /// kept word for word in each section of the other, for the pairs
    /// that share any: (reference section, version section) -> count.
    shared: HashMap<(usize, usize), usize>,
    /// Each paragraph text of the reference, by hash, with the sections it
    /// is in.
    reference_at: HashMap<u64, Vec<usize>>,
    /// Each paragraph text of the version, by hash, with its sections.
    version_at: HashMap<u64, Vec<usize>>,
}

/// Each paragraph text of a version, by hash, with the sections it is in.
fn sections_of_texts(profiles: &VersionProfiles) -> HashMap<u64, Vec<usize>> {
    let mut at: HashMap<u64, Vec<usize>> = HashMap::new();
    for (s, paragraphs) in profiles.paragraphs.iter().enumerate() {
        for p in paragraphs.iter().filter(|p| !p.key.is_empty()) {
            let sections = at.entry(p.key_hash).or_default();
            if sections.last() != Some(&s) {
                sections.push(s);
            }
        }
    }
    at
}

/// The one section a text is in, if only one.
fn sole_section(at: &HashMap<u64, Vec<usize>>, hash: u64) -> Option<usize> {
    match at.get(&hash).map(Vec::as_slice) {
        Some([s]) => Some(*s),
        _ => None,
    }
}

impl VerbatimHomes {
    fn new(reference: &VersionProfiles, version: &VersionProfiles) -> Self {
        // A text in several sections on either side is left out: it tells
        // no section apart.
        let reference_at = sections_of_texts(reference);
        let version_at = sections_of_texts(version);
        let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
        for (i, paragraphs) in reference.paragraphs.iter().enumerate() {
            for p in paragraphs.iter().filter(|p| !p.key.is_empty()) {
                if sole_section(&reference_at, p.key_hash).is_none() {
                    continue;
                }
                if let Some(j) = sole_section(&version_at, p.key_hash) {
                    *shared.entry((i, j)).or_insert(0) += 1;
                }
            }
        }
        let home =
            |len: usize, best: Option<(usize, usize)>| best.filter(|&(_, count)| 2 * count > len);
        let mut by_reference: Vec<Option<(usize, usize)>> = vec![None; reference.paragraphs.len()];
        let mut by_version: Vec<Option<(usize, usize)>> = vec![None; version.paragraphs.len()];
        let mut pairs: Vec<(&(usize, usize), &usize)> = shared.iter().collect();
        // Only one section can hold more than half; sorted, the result does
        // not depend on the map's order anyway.
        pairs.sort_unstable();
        for (&(i, j), &count) in pairs {
            if by_reference[i].is_none_or(|(_, c)| count > c) {
                by_reference[i] = Some((j, count));
            }
            if by_version[j].is_none_or(|(_, c)| count > c) {
                by_version[j] = Some((i, count));
            }
        }
        VerbatimHomes {
            reference: (0..reference.paragraphs.len())
                .map(|i| home(reference.paragraphs[i].len(), by_reference[i]))
                .collect(),
            version: (0..version.paragraphs.len())
                .map(|j| home(version.paragraphs[j].len(), by_version[j]))
                .collect(),
            shared,
            reference_at,
            version_at,
        }
    }

    /// Whether a reference paragraph's text (`hash`), in one section of the
    /// reference, is kept word for word in one section of the version other
    /// than `j`: there, it moved.
    fn kept_outside(&self, hash: u64, j: usize) -> bool {
        sole_section(&self.reference_at, hash).is_some()
            && sole_section(&self.version_at, hash).is_some_and(|s| s != j)
    }

    /// Whether a version paragraph's text, in one section of the version,
    /// is word for word a paragraph of one section of the reference other
    /// than `i`: it moved from there.
    fn found_outside(&self, hash: u64, i: usize) -> bool {
        sole_section(&self.version_at, hash).is_some()
            && sole_section(&self.reference_at, hash).is_some_and(|s| s != i)
    }

    /// Whether pairing reference section `i` with version section `j`
    /// would tear either from the section that keeps its paragraphs word
    /// for word, when `i` and `j` share none of theirs.
    fn elsewhere(&self, i: usize, j: usize) -> bool {
        if self.shared.contains_key(&(i, j)) {
            return false;
        }
        self.reference[i].is_some_and(|(home, _)| home != j)
            || self.version[j].is_some_and(|(home, _)| home != i)
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

    /// A proposal paired with a base, with the default options.
    fn paired(base: &Document, proposal: &Document) -> Pairing {
        let docs = [base, proposal];
        let mut vocab = Vocabulary::new();
        let (profiles, _) = profile_documents(&mut vocab, &docs, false, false);
        vocab.seal_all();
        pair_with_reference(
            &vocab,
            &profiles[0],
            &profiles[1],
            base,
            proposal,
            true,
            &CompareOptions::default(),
        )
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
        let pairing = paired(&base, &proposal);
        assert_eq!(pairing.sections, [Some(0), None, Some(1)]);
    }

    #[test]
    fn a_new_article_taking_the_number_of_the_next_does_not_take_its_row() {
        // The proposal inserts a new Article 1; the base's Article 1 is now
        // Article 2, word for word, with a paragraph added. The new
        // article shares the base's number and the statute's common words.
        let base = doc(&[(
            "Article 1",
            &["The controller shall notify the authority of the processing within 30 days."],
        )]);
        let proposal = doc(&[
            (
                "Article 1",
                &["The controller of the register shall be the authority of the State."],
            ),
            (
                "Article 2",
                &[
                    "The notification shall be made by electronic means.",
                    "The controller shall notify the authority of the processing within 30 days.",
                ],
            ),
        ]);
        let pairing = paired(&base, &proposal);
        assert_eq!(pairing.sections, [Some(1)]);
        assert_eq!(pairing.paragraphs, [vec![Some(1)]]);
    }

    #[test]
    fn a_paragraph_moved_to_another_article_is_not_its_replacement_rewritten() {
        // The proposal moves the fee paragraph to Article 2 and puts a new
        // paragraph in its place: the new one is added, the fee paragraph
        // moved, not rewritten into the new one.
        let fee = "The applicant shall pay a fee of 150 euros with the application.";
        let base = doc(&[
            (
                "Article 1",
                &[
                    fee,
                    "The authority shall decide within 30 days of the application.",
                ],
            ),
            ("Article 2", &["The decision may be appealed to the court."]),
        ]);
        let proposal = doc(&[
            (
                "Article 1",
                &[
                    "The applicant shall submit the application by electronic means.",
                    "The authority shall decide within 30 days of the application.",
                ],
            ),
            (
                "Article 2",
                &[fee, "The decision may be appealed to the court."],
            ),
        ]);
        let pairing = paired(&base, &proposal);
        assert_eq!(pairing.sections, [Some(0), Some(1)]);
        assert_eq!(pairing.paragraphs, [vec![None, Some(1)], vec![Some(1)]]);
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
