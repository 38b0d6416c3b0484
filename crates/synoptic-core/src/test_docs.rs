//! Made-up documents for the core's property tests: resolution-like
//! sections (an opener and labelled paragraphs) built from a small
//! vocabulary, and the texts a synopsis column shows.

use std::ops::Range;

use proptest::prelude::*;

use crate::model::{Document, Paragraph, Section};
use crate::synopsis::{Status, Synopsis};

/// The words paragraphs are made of: shared boilerplate and rarer words,
/// a capitalised pair and a hyphenated compound.
pub const WORDS: &[&str] = &[
    "resolution",
    "conference",
    "standardization",
    "gap",
    "developing",
    "countries",
    "regional",
    "offices",
    "study",
    "groups",
    "academia",
    "fund",
    "bridge",
    "digital",
    "divide",
    "languages",
    "equal",
    "footing",
    "Member",
    "States",
    "Sector",
    "ITU-T",
];

/// A paragraph of `words` words of [`WORDS`].
pub fn text_strategy(words: Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), words).prop_map(|w| w.join(" "))
}

/// A document from sections of paragraph texts: each section opens with a
/// resolution opener and letters its paragraphs a), b), ...
pub fn build(sections: &[Vec<String>]) -> Document {
    const OPENERS: &[&str] = &["considering", "recognizing", "resolves", "instructs"];
    Document {
        sections: sections
            .iter()
            .enumerate()
            .map(|(i, ps)| Section {
                opener: Some(Paragraph::new(OPENERS[i % OPENERS.len()])),
                paragraphs: ps
                    .iter()
                    .enumerate()
                    .map(|(k, t)| {
                        Paragraph::labelled(format!("{})", (b'a' + (k % 26) as u8) as char), t)
                    })
                    .collect(),
            })
            .collect(),
        ..Document::default()
    }
}

/// The texts column `col` shows, in row order: its unchanged, modified and
/// added cells (deleted and absent cells hold none of its own text).
pub fn shown(s: &Synopsis, col: usize) -> Vec<String> {
    s.rows
        .iter()
        .filter_map(|r| r.cells.get(col))
        .filter(|c| {
            matches!(
                c.status,
                Status::Unchanged | Status::Modified | Status::Added
            )
        })
        .map(|c| c.text.to_string())
        .collect()
}
