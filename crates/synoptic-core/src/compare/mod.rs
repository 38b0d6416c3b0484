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

use crate::align::{align_counting, align_keyed, group_in_order, sole_candidates, AlignConfig};
use crate::consensus::{consensus_of, majority_text, Consensus};
use crate::diff::{all_deleted, all_inserted, changes_from_ops, word_ops_of, DiffBase, Words};
use crate::error::CoreError;
use crate::model::{original_of, Change, ChangeKind, Document, Paragraph};
use crate::par;
use crate::similarity::{NumberedWords, Profile, Vocabulary};
use crate::structure::{label_key, label_paths, section_slug};
use crate::synopsis::{Cell, Role, Row, RowKind, Status, Synopsis, Version};
use crate::text::Text;
use crate::tokens::{tokenize, KeyNumbers, KeyTable, Token};
use similar::DiffOp;
use std::borrow::Cow;
use std::cell::Cell as Counter;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, OnceLock};

mod elisions;
mod ids;
mod moves;
mod pairing;
mod plan;
mod profiles;
mod rows;
#[cfg(test)]
mod tests;
mod title;

use elisions::apply_elisions;
pub use elisions::is_elision;
pub use ids::{assign_ids, assign_synopsis_ids};
use moves::*;
use pairing::*;
use profiles::*;
use rows::*;
use title::harmonize_titles;

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
    compare_with(base, proposals, options, Shortcut::Taken)
}

/// Whether [`compare_with`] may lay out a collation's one row without
/// weighing the versions (tests compare it with the way round).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shortcut {
    Taken,
    #[cfg_attr(not(test), allow(dead_code))]
    Refused,
}

fn compare_with(
    base: Option<&VersionInput>,
    proposals: &[VersionInput],
    options: &CompareOptions,
    shortcut: Shortcut,
) -> Result<Synopsis, CoreError> {
    if proposals.is_empty() {
        return Err(CoreError::NoProposals);
    }
    let inputs: Vec<&VersionInput> = base.into_iter().chain(proposals.iter()).collect();
    let as_given: Vec<&Document> = inputs.iter().map(|v| &v.document).collect();
    let titled = harmonize_titles(&as_given, base.is_some());
    let docs: Vec<&Document> = titled.iter().map(|d| d.as_ref()).collect();

    let text_bytes: usize = docs.iter().map(|d| d.text_len()).sum();
    let parallel = text_bytes >= par::MIN_PARALLEL_BYTES;

    let finish = |plans: Vec<SectionPlan>,
                  fallbacks: usize,
                  canonical: &[usize],
                  reference: usize,
                  kept: &KeptTokens<'_>|
     -> Synopsis {
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
            base.is_none().then_some(reference),
            canonical,
            parallel,
            kept,
        );
        if fallbacks > 0 {
            synopsis.notes.push(format!(
                "{} stretch(es) of more than {} paragraph pairs were aligned by candidate search \
                 (mutual best matches on rare words) instead of exact alignment",
                fallbacks, options.align.window_limit
            ));
        }
        mark_moves(&mut synopsis, options);
        mark_splits_and_joins(&mut synopsis, options);
        apply_elisions(&mut synopsis);
        synopsis
    };

    if base.is_none() && shortcut == Shortcut::Taken && is_collation(&docs, options) {
        // Every version is one paragraph, which pairs with every other
        // whatever their words (see `is_collation`): one row, the same
        // whichever version is the pivot, so no version is weighed. The
        // paragraphs are still tokenised once for the row, as below.
        let kept = if parallel {
            KeptTokens::default()
        } else {
            kept_tokens(
                docs.iter()
                    .filter_map(|d| Some(&*d.sections.first()?.paragraphs.first()?.text)),
            )
        };
        let canonical = canonical_order(&docs);
        return Ok(finish(collation_plan(docs.len()), 0, &canonical, 0, &kept));
    }

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

    let plan = |reference: usize| -> (Vec<SectionPlan>, usize) {
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
                    base.is_some(),
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
        (plans, planner.fallbacks.get())
    };
    let (plans, fallbacks) = plan(reference);
    if base.is_some() {
        // The profiles served the alignment only: freed before the rows
        // are written, they are not held at the peak beside them.
        drop((profiles, vocab));
        return Ok(finish(plans, fallbacks, &canonical, reference, &kept));
    }
    let synopsis = finish(plans, fallbacks, &canonical, reference, &kept);
    // Without a base, the rows follow the pivot's order: when another
    // version's order agrees better with the rest (the pivot moved
    // paragraphs the others keep in place), the rows follow that one.
    if base.is_none() {
        if let Some(steadier) = steadier_pivot(&synopsis, reference, &canonical) {
            let (plans, fallbacks) = plan(steadier);
            return Ok(finish(plans, fallbacks, &canonical, steadier, &kept));
        }
    }
    Ok(synopsis)
}

/// Whether the versions are a collation's witnesses, each one paragraph
/// that pairs with every other's: one section without an opener, one
/// paragraph without tracked changes, with a letter or digit (so that its
/// normalised text is neither empty nor an elision, which would keep it
/// from pairing as the sole candidate it is). Two such versions always pair
/// their sections and paragraphs (`pair_with_reference`), whatever the
/// pivot, as long as sole candidates are paired.
fn is_collation(docs: &[&Document], options: &CompareOptions) -> bool {
    options.align.pair_sole_candidates
        && docs.iter().all(|d| match d.sections.as_slice() {
            [only] => {
                only.opener.is_none()
                    && matches!(only.paragraphs.as_slice(),
                        [p] if p.revision.is_none()
                            && p.text.bytes().any(|b| b.is_ascii_alphanumeric()))
            }
            _ => false,
        })
}

/// The plan of a collation ([`is_collation`]): one section, one row, each
/// version's one paragraph in it, as the pairing lays it out.
fn collation_plan(versions: usize) -> Vec<SectionPlan> {
    let member = Member {
        section: 0,
        paragraph: Some(0),
    };
    vec![SectionPlan {
        members: vec![Some(0); versions],
        in_reference: true,
        rows: vec![RowPlan {
            kind: RowKind::Paragraph,
            members: vec![Some(member); versions],
        }],
    }]
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

/// The tokens small comparisons keep from profiling, for their rows.
#[derive(Default)]
struct KeptTokens<'d> {
    by_text: TokenCache<'d>,
    numbers: KeyNumbers<'d>,
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

/// Ids handed out so far, with the next suffix to try for each: a
/// repeated id becomes `id~2`, `id~3`, ... and the n-th repeat costs one
/// try, not n (200,000 rows with one label stay linear).
#[derive(Default)]
struct UniqueIds {
    used: HashSet<String>,
    next_suffix: std::collections::HashMap<String, usize>,
}
