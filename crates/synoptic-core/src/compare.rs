//! Building a synopsis: N-way alignment of a base and its proposals.
//!
//! Each proposal is aligned to the reference (the base, or without a base
//! the most central proposal) on its own, sections first and then the
//! paragraphs within matched sections. That pairwise step never sees the
//! other proposals, which is what makes the result independent of the order
//! the proposals were named in. Rows are then anchored on the reference's
//! paragraphs; what proposals add between two anchors is grouped across
//! proposals (similar additions share a row), in an order fixed by the
//! proposals' content rather than by the command line.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashSet};
use std::sync::{Arc, OnceLock};

use std::cell::Cell as Counter;

use crate::align::{align_counting, align_keyed, group_in_order, AlignConfig};
use crate::consensus::{consensus, majority_text, Consensus};
use crate::diff::{all_deleted, all_inserted, changes_from_ops, word_ops, DiffBase};
use crate::error::CoreError;
use crate::model::{original_of, Change, Document, Paragraph};
use crate::par;
use crate::similarity::{NumberedWords, Profile, Vocabulary};
use crate::structure::{label_key, label_paths, section_slug};
use crate::synopsis::{Cell, Role, Row, RowKind, Status, Synopsis, Version};
use crate::text::Text;
use crate::tokens::{tokenize, KeyNumbers, KeyTable, Token};
use similar::DiffOp;

/// One version to compare: its name and its text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct VersionInput {
    /// The name shown for the version (`ATU`, or the file stem).
    pub label: String,
    /// The version's text.
    pub document: Document,
}

/// Tuning of [`compare`].
#[derive(Debug, Clone, Copy)]
pub struct CompareOptions {
    /// Paragraph alignment settings.
    pub align: AlignConfig,
    /// The similarity at which a paragraph deleted in one place and added in
    /// another counts as moved.
    pub move_threshold: f64,
    /// The score below which two sections are not the same section.
    pub section_threshold: f64,
}

impl Default for CompareOptions {
    fn default() -> Self {
        CompareOptions {
            align: AlignConfig::default(),
            move_threshold: 0.75,
            section_threshold: 0.35,
        }
    }
}

/// A paragraph or opener of one version: its section and, for a paragraph,
/// its index (`None` is the section's opener).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Member {
    section: usize,
    paragraph: Option<usize>,
}

/// A row before its cells are written: which part of each version it holds.
#[derive(Debug, Clone)]
struct RowPlan {
    kind: RowKind,
    members: Vec<Option<Member>>,
}

/// A section of the synopsis before its rows are written.
#[derive(Debug, Clone)]
struct SectionPlan {
    /// The section index in each version, if the version has the section.
    members: Vec<Option<usize>>,
    /// True when the reference has this section.
    in_reference: bool,
    rows: Vec<RowPlan>,
}

/// The profiles of one version: per section, the opener's, the paragraphs'
/// and the whole section's.
struct VersionProfiles {
    openers: Vec<Option<Arc<Profile>>>,
    paragraphs: Vec<Vec<Arc<Profile>>>,
    sections: Vec<SectionProfile>,
}

/// A whole section prepared for comparison: a hash of its normalised text,
/// for recognising sections that are word for word the same, and its merged
/// words, made only when a section has to be scored against others.
struct SectionProfile {
    key: String,
    parts: Vec<Arc<Profile>>,
    merged: OnceLock<Profile>,
}

impl SectionProfile {
    fn new(parts: Vec<Arc<Profile>>) -> Self {
        use std::hash::Hasher;
        let mut hasher = rustc_hash::FxHasher::default();
        for p in &parts {
            hasher.write_u64(p.key_hash);
        }
        SectionProfile {
            key: format!("{:016x}", hasher.finish()),
            parts,
            merged: OnceLock::new(),
        }
    }

    /// The words of the whole section, sealed against `vocab`.
    fn merged(&self, vocab: &Vocabulary) -> &Profile {
        self.merged.get_or_init(|| {
            let p = Profile::merged(self.parts.iter().map(|p| &**p));
            vocab.seal(&p);
            p
        })
    }
}

/// How one version's sections and paragraphs pair with the reference's.
struct Pairing {
    /// For each reference section, the version's section.
    sections: Vec<Option<usize>>,
    /// For each reference section, for each of its paragraphs, the version's
    /// paragraph (empty when the section is unpaired).
    paragraphs: Vec<Vec<Option<usize>>>,
    /// Windows too large to align exactly, aligned by candidate search.
    fallbacks: usize,
}

/// Aligns a base (optional) and proposals into a synopsis.
///
/// With a base, every row's changes are measured against it; without one,
/// each row's base text is inferred from what a majority of the proposals
/// share, and [`Synopsis::base_inferred`] is set.
pub fn compare(
    base: Option<&VersionInput>,
    proposals: &[VersionInput],
    options: &CompareOptions,
) -> Result<Synopsis, CoreError> {
    if proposals.is_empty() {
        return Err(CoreError::NoProposals);
    }
    let inputs: Vec<&VersionInput> = base.into_iter().chain(proposals.iter()).collect();
    let docs: Vec<&Document> = inputs.iter().map(|v| &v.document).collect();

    let text_bytes: usize = docs.iter().map(|d| d.text_len()).sum();
    let parallel = text_bytes >= par::MIN_PARALLEL_BYTES;

    let mut vocab = Vocabulary::new();
    // Small comparisons keep each paragraph's tokens from profiling for
    // its row; large ones would hold too much memory for it.
    let (profiles, kept) = profile_documents(&mut vocab, &docs, parallel, !parallel);
    vocab.seal_all();

    // An order of the versions that depends on their content only.
    let canonical = canonical_order(&docs);
    let reference = if base.is_some() {
        0
    } else {
        pivot(&vocab, &profiles, &canonical)
    };

    let pairings: Vec<Pairing> = par::map_range(parallel, docs.len(), |v| {
        if v == reference {
            identity_pairing(docs[v])
        } else {
            pair_with_reference(
                &vocab,
                &profiles[reference],
                &profiles[v],
                docs[reference],
                docs[v],
                options,
            )
        }
    });

    let planner = Planner {
        vocab: &vocab,
        profiles: &profiles,
        docs: &docs,
        canonical: &canonical,
        options,
        fallbacks: Counter::new(pairings.iter().map(|p| p.fallbacks).sum::<usize>()),
    };
    let plans = planner.sections(&pairings, reference);
    let fallbacks = planner.fallbacks.get();

    let mut synopsis = Synopsis {
        versions: versions(base, proposals),
        base_inferred: base.is_none(),
        rows: Vec::new(),
        notes: Vec::new(),
    };
    write_rows(
        &mut synopsis,
        &plans,
        &docs,
        base.is_some(),
        &canonical,
        parallel,
        &kept,
    );
    if fallbacks > 0 {
        synopsis.notes.push(format!(
            "{} stretch(es) of more than {} paragraph pairs were aligned by candidate search \
             (mutual best matches on rare words) instead of exact alignment",
            fallbacks, options.align.window_limit
        ));
    }
    mark_moves(&mut synopsis, options);
    Ok(synopsis)
}

fn versions(base: Option<&VersionInput>, proposals: &[VersionInput]) -> Vec<Version> {
    let mut out = Vec::with_capacity(proposals.len() + 1);
    out.push(match base {
        Some(b) => Version {
            id: "v0".into(),
            label: b.label.clone(),
            role: Role::Base,
            marker: b.document.metadata.marker.clone(),
            reference: b.document.metadata.reference.clone(),
            source: b.document.metadata.source.clone(),
            reasons: b.document.metadata.reasons.clone(),
        },
        None => Version {
            id: "v0".into(),
            label: "Common text".into(),
            role: Role::Base,
            ..Version::default()
        },
    });
    for (i, p) in proposals.iter().enumerate() {
        out.push(Version {
            id: format!("v{}", i + 1),
            label: p.label.clone(),
            role: Role::Proposal,
            marker: p.document.metadata.marker.clone(),
            reference: p.document.metadata.reference.clone(),
            source: p.document.metadata.source.clone(),
            reasons: p.document.metadata.reasons.clone(),
        });
    }
    out
}

/// The text a paragraph started from: its original before the proposer's
/// own changes, else its text (borrowed).
fn original_text(p: &Paragraph) -> Cow<'_, str> {
    match &p.revision {
        Some(changes) => Cow::Owned(original_of(changes)),
        None => Cow::Borrowed(&p.text),
    }
}

/// Paragraphs' tokens and their keys' numbers, by their text (its address
/// and length: each paragraph's own, not one equal to it, since tokens point
/// into it).
type TokenCache<'d> = rustc_hash::FxHashMap<(usize, usize), (Vec<Token<'d>>, Vec<u32>)>;

/// The tokens small comparisons keep from profiling, for their rows.
#[derive(Default)]
struct KeptTokens<'d> {
    by_text: TokenCache<'d>,
    numbers: KeyNumbers<'d>,
}

/// Where a text is, as a [`TokenCache`] key.
fn text_address(text: &str) -> (usize, usize) {
    (text.as_ptr() as usize, text.len())
}

/// The text a paragraph is aligned by: what the proposer started from when
/// it carries its own revision (the best evidence of which base paragraph
/// it amends), else its text.
fn alignment_text(p: &Paragraph) -> Cow<'_, str> {
    if p.revision.is_none() || p.is_inserted_by_revision() {
        // Wholly new: nothing to pair with, but keep its words for grouping.
        return Cow::Borrowed(&p.text);
    }
    Cow::Owned(p.original_text())
}

/// The profiles of every version's openers and paragraphs. Their texts are
/// gathered per version in parallel and profiled in one go, in document
/// order, so that word ids do not depend on the threads.
fn profile_documents<'d>(
    vocab: &mut Vocabulary,
    docs: &[&'d Document],
    parallel: bool,
    keep_tokens: bool,
) -> (Vec<VersionProfiles>, KeptTokens<'d>) {
    let texts: Vec<Vec<Cow<'d, str>>> = par::map(parallel, docs, |doc| {
        let mut texts = Vec::with_capacity(doc.paragraph_count() + doc.sections.len());
        for s in &doc.sections {
            texts.extend(s.opener.as_ref().map(alignment_text));
            texts.extend(s.paragraphs.iter().map(alignment_text));
        }
        texts
    });
    let flat: Vec<&str> = texts.iter().flatten().map(|t| &**t).collect();
    let mut cache = TokenCache::default();
    let mut numbers = KeyNumbers::default();
    if keep_tokens {
        for text in texts.iter().flatten() {
            if let Cow::Borrowed(t) = text {
                cache.entry(text_address(t)).or_insert_with(|| {
                    let tokens = tokenize(t);
                    let keys = numbers.number(&tokens);
                    (tokens, keys)
                });
            }
        }
    }
    let words = NumberedWords {
        texts: if keep_tokens {
            flat.iter()
                .map(|t| {
                    let (tokens, keys) = cache.get(&text_address(t))?;
                    Some((tokens.as_slice(), keys.as_slice()))
                })
                .collect()
        } else {
            Vec::new()
        },
        keys: Some(&numbers),
    };
    let made = vocab.profile_all_with(&flat, parallel, &words);
    let mut starts = Vec::with_capacity(texts.len());
    let mut start = 0;
    for t in &texts {
        starts.push(start);
        start += t.len();
    }
    let profiles = par::map_range(parallel, docs.len(), |v| {
        let doc = docs[v];
        let mut made = made.iter().skip(starts[v]).cloned();
        let mut openers = Vec::with_capacity(doc.sections.len());
        let mut paragraphs = Vec::with_capacity(doc.sections.len());
        for s in &doc.sections {
            openers.push(s.opener.as_ref().and_then(|_| made.next()));
            paragraphs.push(
                s.paragraphs
                    .iter()
                    .filter_map(|_| made.next())
                    .collect::<Vec<_>>(),
            );
        }
        let sections = openers
            .iter()
            .zip(&paragraphs)
            .map(|(o, ps)| SectionProfile::new(o.iter().chain(ps.iter()).cloned().collect()))
            .collect();
        VersionProfiles {
            openers,
            paragraphs,
            sections,
        }
    });
    (
        profiles,
        KeptTokens {
            by_text: cache,
            numbers,
        },
    )
}

/// Versions sorted by a fingerprint of their content (a hash of the
/// text), so that every order-sensitive step sees the same order
/// whatever order the user named them in. Equal content sorts by position,
/// which cannot change the result since the versions are interchangeable.
fn canonical_order(docs: &[&Document]) -> Vec<usize> {
    let fingerprints: Vec<u64> = docs.iter().map(|d| fingerprint(d)).collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&v| (fingerprints[v], v));
    order
}

fn fingerprint(doc: &Document) -> u64 {
    use std::hash::Hasher;
    // FxHasher is deterministic across runs and machines (no random seed).
    let mut hasher = rustc_hash::FxHasher::default();
    let mut feed = |text: &str| {
        hasher.write(text.as_bytes());
        hasher.write_u8(0);
    };
    for s in &doc.sections {
        if let Some(o) = &s.opener {
            feed(&o.text);
        }
        for p in &s.paragraphs {
            feed(p.label.as_deref().unwrap_or(""));
            feed(&p.text);
            if let Some(changes) = &p.revision {
                feed(&original_of(changes));
            }
        }
        feed("\u{1}");
    }
    hasher.finish()
}

/// The version most similar to all others, as the reference when no base
/// is given. Empty versions never serve.
fn pivot(vocab: &Vocabulary, profiles: &[VersionProfiles], canonical: &[usize]) -> usize {
    let wholes: Vec<Profile> = profiles
        .iter()
        .map(|vp| {
            let p = Profile::merged(vp.sections.iter().map(|s| s.merged(vocab)));
            vocab.seal(&p);
            p
        })
        .collect();
    let mut best: Option<(usize, f64)> = None;
    for &v in canonical {
        if wholes[v].is_empty() && profiles[v].paragraphs.iter().all(Vec::is_empty) {
            continue;
        }
        let score: f64 = canonical
            .iter()
            .filter(|&&w| w != v)
            .map(|&w| vocab.similarity(&wholes[v], &wholes[w]))
            .sum();
        if best.is_none_or(|(_, s)| score > s + 1e-12) {
            best = Some((v, score));
        }
    }
    best.map_or(canonical.first().copied().unwrap_or(0), |(v, _)| v)
}

fn identity_pairing(doc: &Document) -> Pairing {
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

fn pair_with_reference(
    vocab: &Vocabulary,
    reference: &VersionProfiles,
    version: &VersionProfiles,
    reference_doc: &Document,
    version_doc: &Document,
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
    let layers = [
        (content_a, content_b),
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
    let sections = align_keyed(
        &layers,
        |i, j| score(i, j) >= 0.6,
        |i, j| score(i, j) - options.section_threshold,
    );
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
                align_counting(vocab, &a, &b, &options.align, &bonus, &fallbacks)
            }
        })
        .collect();
    Pairing {
        sections,
        paragraphs,
        fallbacks: fallbacks.get(),
    }
}

/// How well a version's section matches a reference section: mostly by
/// content (sections get renamed), partly by opener.
fn section_score(
    vocab: &Vocabulary,
    reference: &VersionProfiles,
    version: &VersionProfiles,
    i: usize,
    j: usize,
) -> f64 {
    let opener = match (&reference.openers[i], &version.openers[j]) {
        (None, None) => 1.0,
        (Some(a), Some(b)) => vocab.similarity(a, b),
        _ => 0.0,
    };
    let empty_a = reference.paragraphs[i].is_empty();
    let empty_b = version.paragraphs[j].is_empty();
    if empty_a && empty_b {
        return opener;
    }
    let content = vocab.similarity(
        reference.sections[i].merged(vocab),
        version.sections[j].merged(vocab),
    );
    0.3 * opener + 0.7 * content
}

/// What laying out the rows needs from the comparison, in one place.
struct Planner<'a> {
    vocab: &'a Vocabulary,
    profiles: &'a [VersionProfiles],
    docs: &'a [&'a Document],
    canonical: &'a [usize],
    options: &'a CompareOptions,
    /// Windows aligned by candidate search rather than exactly.
    fallbacks: Counter<usize>,
}

impl Planner<'_> {
    /// Lays out the sections and rows: the reference's sections and
    /// paragraphs as anchors, and what each version adds grouped between
    /// them.
    fn sections(&self, pairings: &[Pairing], reference: usize) -> Vec<SectionPlan> {
        let docs = self.docs;
        let versions = docs.len();
        let ref_sections = docs[reference].sections.len();
        // added[g][v]: sections of version v placed before reference section g.
        let mut added: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); versions]; ref_sections + 1];
        for v in 0..versions {
            let image = invert(&pairings[v].sections, docs[v].sections.len());
            for (s, paired) in image.iter().enumerate() {
                if paired.is_none() {
                    let gap = next_paired(&image, s).unwrap_or(ref_sections);
                    added[gap][v].push(s);
                }
            }
        }
        let mut plans = Vec::new();
        for (g, added_here) in added.iter().enumerate() {
            plans.extend(self.added_sections(added_here));
            if g < ref_sections {
                plans.push(self.reference_section(pairings, reference, g));
            }
        }
        plans
    }

    /// The heading row of a section, when some version gives it an opener.
    fn heading(&self, members: &[Option<usize>]) -> Option<RowPlan> {
        let has_opener = members
            .iter()
            .enumerate()
            .any(|(v, m)| m.is_some_and(|sec| self.docs[v].sections[sec].opener.is_some()));
        has_opener.then(|| RowPlan {
            kind: RowKind::Heading,
            members: members
                .iter()
                .map(|m| {
                    m.map(|section| Member {
                        section,
                        paragraph: None,
                    })
                })
                .collect(),
        })
    }

    /// The rows of one reference section: its paragraphs, with what versions
    /// add grouped between them.
    fn reference_section(&self, pairings: &[Pairing], reference: usize, s: usize) -> SectionPlan {
        let docs = self.docs;
        let versions = docs.len();
        let members: Vec<Option<usize>> = pairings.iter().map(|p| p.sections[s]).collect();
        let ref_paras = docs[reference].sections[s].paragraphs.len();
        let mut rows: Vec<RowPlan> = self.heading(&members).into_iter().collect();
        // added[g][v]: paragraphs of version v placed before reference paragraph g.
        let mut added: Vec<Vec<Vec<usize>>> = vec![vec![Vec::new(); versions]; ref_paras + 1];
        for v in 0..versions {
            let Some(sec) = members[v] else { continue };
            let image = invert(
                &pairings[v].paragraphs[s],
                docs[v].sections[sec].paragraphs.len(),
            );
            for (p, paired) in image.iter().enumerate() {
                if paired.is_none() {
                    let gap = next_paired(&image, p).unwrap_or(ref_paras);
                    added[gap][v].push(p);
                }
            }
        }
        for (g, added_here) in added.iter().enumerate() {
            rows.extend(self.added_paragraphs(&members, added_here));
            if g < ref_paras {
                rows.push(RowPlan {
                    kind: RowKind::Paragraph,
                    members: (0..versions)
                        .map(|v| {
                            let section = members[v]?;
                            let paragraph = pairings[v].paragraphs[s].get(g).copied().flatten()?;
                            Some(Member {
                                section,
                                paragraph: Some(paragraph),
                            })
                        })
                        .collect(),
                });
            }
        }
        SectionPlan {
            members,
            in_reference: true,
            rows,
        }
    }

    /// Rows for the paragraphs versions add at one place: one row per group
    /// of similar additions.
    fn added_paragraphs(&self, sections: &[Option<usize>], added: &[Vec<usize>]) -> Vec<RowPlan> {
        if added.iter().all(Vec::is_empty) {
            return Vec::new();
        }
        let lists: Vec<Vec<&Profile>> = self
            .canonical
            .iter()
            .map(|&v| match sections[v] {
                Some(sec) => added[v]
                    .iter()
                    .map(|&p| &*self.profiles[v].paragraphs[sec][p])
                    .collect(),
                None => Vec::new(),
            })
            .collect();
        group_in_order(self.vocab, &lists, &self.options.align, &self.fallbacks)
            .into_iter()
            .map(|row| {
                let mut members = vec![None; added.len()];
                for (k, &v) in self.canonical.iter().enumerate() {
                    if let (Some(i), Some(sec)) = (row[k], sections[v]) {
                        members[v] = Some(Member {
                            section: sec,
                            paragraph: Some(added[v][i]),
                        });
                    }
                }
                RowPlan {
                    kind: RowKind::Paragraph,
                    members,
                }
            })
            .collect()
    }

    /// Section plans for the sections versions add at one place: similar
    /// new sections of different versions become one section of the
    /// synopsis.
    fn added_sections(&self, added: &[Vec<usize>]) -> Vec<SectionPlan> {
        if added.iter().all(Vec::is_empty) {
            return Vec::new();
        }
        let docs = self.docs;
        let versions = docs.len();
        let lists: Vec<Vec<&Profile>> = self
            .canonical
            .iter()
            .map(|&v| {
                added[v]
                    .iter()
                    .map(|&s| self.profiles[v].sections[s].merged(self.vocab))
                    .collect()
            })
            .collect();
        let config = AlignConfig {
            threshold: self.options.section_threshold,
            ..self.options.align
        };
        group_in_order(self.vocab, &lists, &config, &self.fallbacks)
            .into_iter()
            .map(|group| {
                let mut members = vec![None; versions];
                for (k, &v) in self.canonical.iter().enumerate() {
                    if let Some(i) = group[k] {
                        members[v] = Some(added[v][i]);
                    }
                }
                let mut rows: Vec<RowPlan> = self.heading(&members).into_iter().collect();
                let all: Vec<Vec<usize>> = (0..versions)
                    .map(|v| match members[v] {
                        Some(sec) => (0..docs[v].sections[sec].paragraphs.len()).collect(),
                        None => Vec::new(),
                    })
                    .collect();
                rows.extend(self.added_paragraphs(&members, &all));
                SectionPlan {
                    members,
                    in_reference: false,
                    rows,
                }
            })
            .collect()
    }
}

/// For a pairing `a -> b` of length `a_len`, the inverse `b -> a` over `b_len`.
fn invert(pairing: &[Option<usize>], b_len: usize) -> Vec<Option<usize>> {
    let mut image = vec![None; b_len];
    for (a, b) in pairing.iter().enumerate() {
        if let Some(b) = b {
            if let Some(slot) = image.get_mut(*b) {
                *slot = Some(a);
            }
        }
    }
    image
}

/// The reference index of the next paired item after position `from`.
fn next_paired(image: &[Option<usize>], from: usize) -> Option<usize> {
    image.iter().skip(from + 1).find_map(|x| *x)
}

fn paragraph_of<'d>(docs: &[&'d Document], v: usize, m: Member) -> Option<&'d Paragraph> {
    let section = docs.get(v)?.sections.get(m.section)?;
    match m.paragraph {
        Some(p) => section.paragraphs.get(p),
        None => section.opener.as_ref(),
    }
}

/// Turns the plans into rows with cells, ids and changes.
fn write_rows(
    synopsis: &mut Synopsis,
    plans: &[SectionPlan],
    docs: &[&Document],
    has_base: bool,
    canonical: &[usize],
    parallel: bool,
    kept: &KeptTokens<'_>,
) {
    // Column c of the synopsis shows version c - offset of `docs` (the
    // inferred base column has no document).
    let offset = usize::from(!has_base);
    let columns = synopsis.versions.len();
    // Versions with no paragraphs at all propose nothing: their cells are
    // absent, not deletions, and they do not vote on an inferred base.
    let silent: Vec<bool> = docs.iter().map(|d| d.paragraph_count() == 0).collect();
    let voters_count = silent.iter().filter(|s| !**s).count();
    let versions = &synopsis.versions;
    // Sections are independent: their rows (and word diffs) are built in
    // parallel, then joined in order.
    let sections: Vec<Vec<Row>> = par::map_range(parallel, plans.len(), |plan_index| {
        let plan = &plans[plan_index];
        let mut rows = Vec::with_capacity(plan.rows.len());
        let present: Vec<(usize, &Paragraph)> = canonical
            .iter()
            .filter_map(|&v| {
                let sec = plan.members[v]?;
                Some((v, docs[v].sections[sec].opener.as_ref()?))
            })
            .collect();
        let reference_title = if has_base && plan.in_reference {
            plan.members[0]
                .and_then(|sec| docs[0].sections[sec].opener.as_ref())
                .map(|o| o.text.clone())
        } else {
            present.first().map(|(_, o)| o.text.clone())
        };
        let section_title = reference_title.unwrap_or_default();
        // Ids come last (see assign_ids); until then the plan's index keeps
        // the section's rows together.
        let section_key = format!("#{plan_index}");

        for row in &plan.rows {
            let texts: Vec<(usize, &Paragraph)> = canonical
                .iter()
                .filter_map(|&v| Some((v, paragraph_of(docs, v, row.members[v]?)?)))
                .collect();
            // Without a base: the versions voting on the row's base, with
            // the text each started from, and when they differ, their
            // tokens and how they were merged.
            let mut voters: Vec<(usize, Cow<'_, str>)> = Vec::new();
            let tokenized: Vec<Vec<Token<'_>>>;
            let mut tokens: Vec<&[Token<'_>]> = Vec::new();
            let mut table = KeyTable::with_numbers(&kept.numbers);
            let numbered: Vec<Vec<u32>>;
            let mut keys: Vec<&[u32]> = Vec::new();
            let mut merged: Option<Consensus> = None;
            let (base, label) = if has_base {
                match row.members[0].and_then(|m| paragraph_of(docs, 0, m)) {
                    Some(p) => (Some(p.text.clone()), p.label.clone()),
                    None => (None, most_common_label(&texts)),
                }
            } else {
                let voting: Vec<&(usize, &Paragraph)> =
                    texts.iter().filter(|(v, _)| !silent[*v]).collect();
                // A proposer's own tracked change that starts from this
                // paragraph (a deletion, an edit) says the base has it,
                // whatever the other versions do.
                let tracked_in_base = voting.iter().any(|(_, p)| {
                    p.revision.is_some()
                        && !p.is_inserted_by_revision()
                        && !p.original_text().is_empty()
                });
                if voting.len() * 2 > voters_count || tracked_in_base {
                    voters = voting
                        .iter()
                        .filter(|(_, p)| !p.is_inserted_by_revision())
                        .map(|(v, p)| (*v, original_text(p)))
                        .collect();
                    let refs: Vec<&str> = voters.iter().map(|(_, t)| &**t).collect();
                    let label_votes: Vec<(usize, &Paragraph)> =
                        voting.iter().map(|x| **x).collect();
                    let base = if refs.iter().all(|t| *t == refs[0]) {
                        majority_text(&refs)
                    } else {
                        // Tokens kept from profiling, else made now.
                        let cached: Vec<Option<&(Vec<Token<'_>>, Vec<u32>)>> = voters
                            .iter()
                            .map(|(_, t)| match t {
                                Cow::Borrowed(t) => kept.by_text.get(&text_address(t)),
                                Cow::Owned(_) => None,
                            })
                            .collect();
                        tokenized = refs
                            .iter()
                            .zip(&cached)
                            .filter(|(_, c)| c.is_none())
                            .map(|(t, _)| tokenize(t))
                            .collect();
                        numbered = tokenized.iter().map(|t| table.keys(t)).collect();
                        let mut made = tokenized.iter().zip(&numbered);
                        (tokens, keys) = cached
                            .iter()
                            .map(|c| match c {
                                Some((t, k)) => (t.as_slice(), k.as_slice()),
                                None => made.next().map_or((&[][..], &[][..]), |(t, k)| {
                                    (t.as_slice(), k.as_slice())
                                }),
                            })
                            .unzip();
                        let found = consensus(&tokens, &keys);
                        let text = found.text.clone();
                        merged = Some(found);
                        text
                    };
                    (Some(base), most_common_former_label(&label_votes))
                } else {
                    (None, most_common_label(&texts))
                }
            };

            let mut cells = Vec::with_capacity(columns);
            // One shared allocation for the base text of the row and
            // every cell that leaves it as it is.
            let base = base.map(|b| Text::from(b).share());
            if !has_base {
                cells.push(base_cell(&versions[0].id, base.as_ref(), &label));
            }
            // Tokenised once for all the versions that change it.
            let diff_base = base.as_ref().map(|b| DiffBase::new(b));
            // When the base is the medoid's text, the diffs that merged it
            // are the cells' diffs.
            let medoid = merged.as_ref().filter(|m| {
                base.as_ref()
                    .is_some_and(|b| voters.get(m.medoid).is_some_and(|(_, t)| **t == **b))
            });
            // Otherwise the base, tokenised and numbered with the versions'
            // texts, for diffing them against it.
            let base_tokens: Vec<Token<'_>> = match (&base, &merged, medoid) {
                (Some(b), Some(_), None) => tokenize(b),
                _ => Vec::new(),
            };
            let base_keys = table.keys(&base_tokens);
            let mut base_diffs: Vec<(usize, Vec<DiffOp>)> = Vec::new();
            for (v, doc_silent) in silent.iter().enumerate() {
                let version_id = versions[v + offset].id.clone();
                let paragraph = row.members[v].and_then(|m| paragraph_of(docs, v, m));
                let cell = if has_base && v == 0 {
                    base_cell(&version_id, base.as_ref(), &label)
                } else {
                    // The version's tokens, when it voted with its text as
                    // it stands.
                    let voted = paragraph.and_then(|p| {
                        let k = voters.iter().position(|(w, _)| *w == v)?;
                        (*voters[k].1 == *p.text).then_some(k)
                    });
                    let diff = |text: &str| -> Vec<Change> {
                        let Some(diff_base) = &diff_base else {
                            return Vec::new();
                        };
                        match (voted, medoid) {
                            (Some(k), Some(m)) if k < tokens.len() && m.medoid < tokens.len() => {
                                changes_from_ops(
                                    "",
                                    (&voters[m.medoid].1, tokens[m.medoid]),
                                    (&voters[k].1, tokens[k]),
                                    &m.diffs[k],
                                )
                            }
                            (Some(k), None) if k < tokens.len() && merged.is_some() => {
                                // Versions written alike diff alike.
                                let known = base_diffs
                                    .iter()
                                    .find(|(w, _)| keys[*w] == keys[k])
                                    .map(|(_, ops)| ops.clone());
                                let ops = known.unwrap_or_else(|| {
                                    let ops =
                                        word_ops(&base_tokens, tokens[k], &base_keys, keys[k]);
                                    base_diffs.push((k, ops.clone()));
                                    ops
                                });
                                changes_from_ops(
                                    "",
                                    (diff_base.text(), &base_tokens),
                                    (text, tokens[k]),
                                    &ops,
                                )
                            }
                            _ => diff_base.diff(text),
                        }
                    };
                    proposal_cell(version_id, base.as_ref(), paragraph, *doc_silent, diff)
                };
                cells.push(cell);
            }
            rows.push(Row {
                id: String::new(),
                section: section_key.clone(),
                section_title: section_title.clone(),
                kind: row.kind,
                label,
                base_text: base,
                cells,
            });
        }
        rows
    });
    synopsis.rows = sections.into_iter().flatten().collect();
    assign_ids(&mut synopsis.rows);
}

/// Gives every row its stable id and every section its slug, from the
/// rows as they stand: `considering` for a heading, `considering/b` for the
/// base's b), `resolves/2/iii` for a sub-item, `considering/b+1` for the
/// first paragraph proposals add after b), `preamble/p2` for an unlabelled
/// paragraph. Consecutive rows with the same `section` value form a section.
///
/// Called by [`compare`], and again by whoever changes the rows' base texts
/// or labels afterwards (revision recovery).
pub fn assign_ids(rows: &mut [Row]) {
    let old_ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut used_ids = UniqueIds::default();
    let mut used_sections = UniqueIds::default();
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        while end < rows.len() && rows[end].section == rows[start].section {
            end += 1;
        }
        let group = &mut rows[start..end];
        start = end;

        let heading_text = group
            .iter()
            .find(|r| r.kind == RowKind::Heading)
            .and_then(|r| r.base_text.clone());
        let title = heading_text.map_or_else(|| group[0].section_title.clone(), String::from);
        let section_id = used_sections.claim(if title.trim().is_empty() {
            crate::structure::PREAMBLE_ID.to_string()
        } else {
            section_slug(&title)
        });
        // In a section the base lacks, every row anchors the numbering.
        let is_new = group.iter().all(|r| r.base_text.is_none());
        let anchors: Vec<Option<&str>> = group
            .iter()
            .filter(|r| r.kind == RowKind::Paragraph && (r.base_text.is_some() || is_new))
            .map(|r| r.label.as_deref())
            .collect();
        let mut paths = label_paths(&anchors).into_iter();
        let mut anchor_count = 0usize;
        let mut previous_local: Option<String> = None;
        let mut added_run = 0usize;
        for row in group.iter_mut() {
            row.id = match row.kind {
                RowKind::Heading => used_ids.claim(section_id.clone()),
                RowKind::Paragraph if row.base_text.is_some() || is_new => {
                    anchor_count += 1;
                    added_run = 0;
                    let path = paths.next().unwrap_or_default();
                    let local = if path.is_empty() {
                        format!("p{anchor_count}")
                    } else {
                        path.join("/")
                    };
                    previous_local = Some(local.clone());
                    used_ids.claim(format!("{section_id}/{local}"))
                }
                RowKind::Paragraph => {
                    added_run += 1;
                    let local = match &previous_local {
                        Some(prev) => format!("{prev}+{added_run}"),
                        None => format!("+{added_run}"),
                    };
                    used_ids.claim(format!("{section_id}/{local}"))
                }
            };
            row.section = section_id.clone();
            row.section_title = title.clone();
        }
    }
    // Moved paragraphs point at rows by id: follow the renaming.
    let renamed: std::collections::HashMap<&str, String> = old_ids
        .iter()
        .zip(rows.iter())
        .filter(|(old, _)| !old.is_empty())
        .map(|(old, row)| (old.as_str(), row.id.clone()))
        .collect();
    for row in rows.iter_mut() {
        for cell in &mut row.cells {
            if let Some(target) = cell.moved.as_mut() {
                if let Some(new) = renamed.get(target.as_str()) {
                    *target = new.clone();
                }
            }
        }
    }
}

/// Ids handed out so far, with the next suffix to try for each: a
/// repeated id becomes `id~2`, `id~3`, ... and the n-th repeat costs one
/// try, not n (200,000 rows with one label stay linear).
#[derive(Default)]
struct UniqueIds {
    used: HashSet<String>,
    next_suffix: std::collections::HashMap<String, usize>,
}

impl UniqueIds {
    /// `id` if it is still free, else the first free `id~n`.
    fn claim(&mut self, id: String) -> String {
        if self.used.insert(id.clone()) {
            return id;
        }
        let n = self.next_suffix.entry(id.clone()).or_insert(2);
        loop {
            let candidate = format!("{id}~{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

/// The label most versions give a row (earliest in canonical order on a tie).
fn most_common_label(texts: &[(usize, &Paragraph)]) -> Option<String> {
    vote(texts.iter().map(|(_, p)| p.label.clone()))
}

/// The label most versions gave a row before their own changes.
fn most_common_former_label(texts: &[(usize, &Paragraph)]) -> Option<String> {
    vote(
        texts
            .iter()
            .map(|(_, p)| p.former_label.clone().or_else(|| p.label.clone())),
    )
}

fn vote(labels: impl Iterator<Item = Option<String>>) -> Option<String> {
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, label) in labels.flatten().enumerate() {
        counts.entry(label).or_insert((0, i)).0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(label, _)| label)
}

fn base_cell(version: &str, base: Option<&Text>, label: &Option<String>) -> Cell {
    match base {
        Some(text) => Cell {
            version: version.to_string(),
            status: Status::Unchanged,
            label: label.clone(),
            text: text.clone(),
            ops: if text.is_empty() {
                Vec::new()
            } else {
                vec![Change::equal(text.clone())]
            },
            ..Cell::default()
        },
        None => Cell {
            version: version.to_string(),
            status: Status::Absent,
            ..Cell::default()
        },
    }
}

fn proposal_cell(
    version: String,
    base: Option<&Text>,
    paragraph: Option<&Paragraph>,
    silent: bool,
    diff: impl FnOnce(&str) -> Vec<Change>,
) -> Cell {
    let Some(p) = paragraph else {
        return match base {
            Some(text) if !silent => Cell {
                version,
                status: Status::Deleted,
                ops: all_deleted(text),
                ..Cell::default()
            },
            _ => Cell {
                version,
                status: Status::Absent,
                ..Cell::default()
            },
        };
    };
    let tracked = p
        .revision
        .as_ref()
        .filter(|changes| base.is_some_and(|b| original_of(changes) == b.as_str()))
        .cloned();
    // Most paragraphs of most proposals are the base's word for word: they
    // share its text rather than copying it.
    let same_as_base = base.filter(|b| b.as_str() == p.text);
    let mut cell = Cell {
        version,
        label: p.label.clone(),
        former_label: p.former_label.clone(),
        text: same_as_base.map_or_else(|| Text::from(&p.text), Text::clone),
        ..Cell::default()
    };
    match base {
        // A paragraph the base lacks and the proposer's own changes delete
        // whole leaves nothing in this version: absent, not an empty
        // addition (found by fuzzing).
        None if p.text.is_empty() && p.is_deleted_by_revision() => {
            return Cell {
                version: cell.version,
                status: Status::Absent,
                ..Cell::default()
            };
        }
        None => {
            cell.status = Status::Added;
            match &p.revision {
                // The proposer's own insertion, with its author.
                Some(changes) if original_of(changes).is_empty() => {
                    cell.ops = changes.clone();
                    cell.tracked = true;
                }
                _ => cell.ops = all_inserted(&p.text),
            }
        }
        Some(base) => {
            if let Some(changes) = tracked {
                cell.tracked = true;
                cell.ops = changes;
            } else if same_as_base.is_some() {
                if !base.is_empty() {
                    cell.ops = vec![Change::equal(base.clone())];
                }
            } else {
                cell.ops = diff(&p.text);
            }
            let changed = cell
                .ops
                .iter()
                .any(|c| c.kind != crate::model::ChangeKind::Equal);
            cell.status = if p.text.is_empty() && !base.is_empty() {
                Status::Deleted
            } else if changed {
                Status::Modified
            } else {
                Status::Unchanged
            };
        }
    }
    cell
}

/// Pairs each proposal's deleted paragraphs with its added ones that say
/// nearly the same thing: the paragraph moved.
fn mark_moves(synopsis: &mut Synopsis, options: &CompareOptions) {
    // Bounded so that a hostile input cannot make this quadratic step blow up.
    const MAX_PAIRS: usize = 250_000;
    let columns = synopsis.versions.len();
    for c in 0..columns {
        if synopsis.versions[c].role == Role::Base {
            continue;
        }
        let deleted: Vec<usize> = (0..synopsis.rows.len())
            .filter(|&r| {
                let row = &synopsis.rows[r];
                row.kind == RowKind::Paragraph && row.cells[c].status == Status::Deleted
            })
            .collect();
        let added: Vec<usize> = (0..synopsis.rows.len())
            .filter(|&r| {
                let row = &synopsis.rows[r];
                row.kind == RowKind::Paragraph
                    && matches!(row.cells[c].status, Status::Added)
                    && row.cells[c].moved.is_none()
            })
            .collect();
        if deleted.is_empty() || added.is_empty() {
            continue;
        }
        if deleted.len().saturating_mul(added.len()) > MAX_PAIRS {
            synopsis.notes.push(format!(
                "{}: moves not detected ({} deleted × {} added paragraphs is over the limit of {} pairs)",
                synopsis.versions[c].label,
                deleted.len(),
                added.len(),
                MAX_PAIRS
            ));
            continue;
        }
        let mut scratch = Vocabulary::new();
        let del_profiles: Vec<Arc<Profile>> = deleted
            .iter()
            .map(|&r| scratch.profile(synopsis.rows[r].base_text.as_deref().unwrap_or("")))
            .collect();
        let add_profiles: Vec<Arc<Profile>> = added
            .iter()
            .map(|&r| scratch.profile(&synopsis.rows[r].cells[c].text))
            .collect();
        // A vocabulary of just these paragraphs: rare words among them are
        // what tells a moved paragraph from a merely similar one.
        scratch.seal_all();
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        for (i, dp) in del_profiles.iter().enumerate() {
            for (j, ap) in add_profiles.iter().enumerate() {
                let s = scratch.similarity(dp, ap);
                if s >= options.move_threshold {
                    candidates.push((s, i, j));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut used_del = vec![false; deleted.len()];
        let mut used_add = vec![false; added.len()];
        for (_, i, j) in candidates {
            if used_del[i] || used_add[j] {
                continue;
            }
            used_del[i] = true;
            used_add[j] = true;
            let (dr, ar) = (deleted[i], added[j]);
            let to = synopsis.rows[ar].id.clone();
            let from = synopsis.rows[dr].id.clone();
            synopsis.rows[dr].cells[c].moved = Some(to);
            synopsis.rows[ar].cells[c].moved = Some(from);
        }
    }
}

#[cfg(test)]
mod tests {
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
            (0..4usize, 0..6usize, text_strategy(3..14))
                .prop_map(|(s, p, t)| Edit::Modify(s, p, t)),
            (0..4usize, 0..6usize).prop_map(|(s, p)| Edit::Delete(s, p)),
            (0..4usize, 0..7usize, text_strategy(3..14))
                .prop_map(|(s, p, t)| Edit::Insert(s, p, t)),
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
                    .map(|p| p.text.clone())
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
}
