//! The document model: what every reader produces and the aligner consumes.
//!
//! A [`Document`] is one version of the text (the base or a proposal): a
//! sequence of [`Section`]s, each with an optional opener ("considering",
//! "resolves", "ANNEX") and its [`Paragraph`]s. Text is kept exactly as
//! written; comparison works on normalised tokens elsewhere (see
//! [`crate::tokens`]).

use std::sync::Arc;

use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};

pub use crate::text::Text;

/// One version of the text: the base or one proposal, as read from its file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// The sections in document order; a free-form preamble is the first
    /// section, with no opener.
    pub sections: Vec<Section>,
    /// Facts about the version itself, such as the ITU marker (`MOD`) and the
    /// document reference (`AFCP/35A8/1`).
    #[serde(default, skip_serializing_if = "Metadata::is_empty")]
    pub metadata: Metadata,
}

/// Facts a reader found about a version as a whole.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Metadata {
    /// The proposal marker (`MOD`, `ADD`, `SUP`, `NOC`), when the input names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// The document or proposal reference (`AFCP/35A8/1`, `WTSA C-035 ATU Add08`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The document the proposal came from (`Addendum 8 to Document 35`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The proposer's reasons (the `Reasons:` paragraph of a contribution).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
    /// Notes the reader wants a human to see (stripped debris, footnotes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

impl Metadata {
    /// True when the reader found nothing to record.
    pub fn is_empty(&self) -> bool {
        self.marker.is_none()
            && self.reference.is_none()
            && self.source.is_none()
            && self.reasons.is_none()
            && self.notes.is_empty()
    }
}

/// A part of the text introduced by an opener, e.g. *considering* with its
/// lettered paragraphs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// The opener as written ("considering", "resolves further that ...",
    /// "ANNEX"); `None` for the preamble before the first opener.
    pub opener: Option<Paragraph>,
    /// The paragraphs of the section in document order.
    pub paragraphs: Vec<Paragraph>,
}

/// One paragraph: an optional label and its text, possibly with the
/// proposer's own tracked changes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    /// The label this version shows (`a)`, `2`, `iii)`, `•`), without the
    /// separating whitespace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The label before the proposer's own change, when the input shows one
    /// (`b)` for a flattened `bc)`); `None` when the label was not changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former_label: Option<String>,
    /// The paragraph's text as this version has it (its changes applied);
    /// readers may share it with an equal paragraph of another version.
    pub text: Text,
    /// The proposer's own changes, when the input carries them (CriticMarkup,
    /// Word tracked changes): `equal` and `delete` spell the text the proposer
    /// started from, `equal` and `insert` spell [`Paragraph::text`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revision: Option<Vec<Change>>,
}

impl Paragraph {
    /// A paragraph without label or revision.
    pub fn new(text: impl Into<String>) -> Self {
        Paragraph {
            text: Text::from(text.into()),
            ..Paragraph::default()
        }
    }

    /// A labelled paragraph without revision.
    pub fn labelled(label: impl Into<String>, text: impl Into<String>) -> Self {
        Paragraph {
            label: Some(label.into()),
            text: Text::from(text.into()),
            ..Paragraph::default()
        }
    }

    /// The text the proposer started from: the original side of its own
    /// revision, or the text itself when it carries none.
    pub fn original_text(&self) -> String {
        match &self.revision {
            Some(changes) => original_of(changes),
            None => self.text.to_string(),
        }
    }

    /// How many characters comparing the paragraph works on: the longer of
    /// its text and, when it carries the proposer's own changes, all of
    /// them (both sides are diffed). What length limits measure.
    pub fn compared_len(&self) -> usize {
        let text = self.text.chars().count();
        let revision: usize = self
            .revision
            .iter()
            .flatten()
            .map(|c| c.text.chars().count())
            .sum();
        text.max(revision)
    }

    /// True when the proposer's own revision deletes the whole paragraph.
    pub fn is_deleted_by_revision(&self) -> bool {
        match &self.revision {
            Some(changes) => {
                !changes.is_empty() && changes.iter().all(|c| c.kind == ChangeKind::Delete)
            }
            None => false,
        }
    }

    /// True when the proposer's own revision inserts the whole paragraph.
    pub fn is_inserted_by_revision(&self) -> bool {
        match &self.revision {
            Some(changes) => {
                !changes.is_empty() && changes.iter().all(|c| c.kind == ChangeKind::Insert)
            }
            None => false,
        }
    }
}

/// What a [`Change`] does to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Text both sides share.
    Equal,
    /// Text only the new side has.
    Insert,
    /// Text only the old side has.
    Delete,
}

/// One piece of a word-level comparison: a run of text kept, inserted or
/// deleted.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Whether the text is kept, inserted or deleted.
    #[serde(rename = "op")]
    pub kind: ChangeKind,
    /// The text itself, exactly as written.
    pub text: Text,
    /// True for a change that only touches case, dashes, quotes or spacing.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub minor: bool,
    /// Who made the change, when the input says (a tracked change's author).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// How sure we are that this change was made, from 0 to 1, for changes
    /// recovered from flattened text; `None` when the input stated it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    /// For a phrase moved within the paragraph: a number shared by its
    /// deletion (where it was) and its insertion (where it went), unique in
    /// the cell; `move` in JSON.
    #[serde(default, rename = "move", skip_serializing_if = "Option::is_none")]
    pub moved: Option<u32>,
}

impl Change {
    /// A change of the given kind with no author, confidence or minor flag.
    pub fn new(kind: ChangeKind, text: impl Into<Text>) -> Self {
        Change {
            kind,
            text: text.into(),
            minor: false,
            author: None,
            confidence: None,
            moved: None,
        }
    }

    /// Text kept on both sides.
    pub fn equal(text: impl Into<Text>) -> Self {
        Change::new(ChangeKind::Equal, text)
    }

    /// Text inserted.
    pub fn insert(text: impl Into<Text>) -> Self {
        Change::new(ChangeKind::Insert, text)
    }

    /// Text deleted.
    pub fn delete(text: impl Into<Text>) -> Self {
        Change::new(ChangeKind::Delete, text)
    }
}

/// The old side of a list of changes: what `equal` and `delete` spell.
pub fn original_of(changes: &[Change]) -> String {
    changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Insert)
        .map(|c| c.text.as_str())
        .collect()
}

/// The new side of a list of changes: what `equal` and `insert` spell.
pub fn result_of(changes: &[Change]) -> String {
    changes
        .iter()
        .filter(|c| c.kind != ChangeKind::Delete)
        .map(|c| c.text.as_str())
        .collect()
}

impl Document {
    /// All paragraphs of the document in order, openers excluded.
    pub fn paragraphs(&self) -> impl Iterator<Item = &Paragraph> {
        self.sections.iter().flat_map(|s| s.paragraphs.iter())
    }

    /// Number of paragraphs, openers excluded.
    pub fn paragraph_count(&self) -> usize {
        self.sections.iter().map(|s| s.paragraphs.len()).sum()
    }

    /// The bytes of text in the document's openers and paragraphs: how
    /// much work comparing it is.
    pub fn text_len(&self) -> usize {
        self.sections
            .iter()
            .flat_map(|s| s.opener.iter().chain(&s.paragraphs))
            .map(|p| p.text.len())
            .sum()
    }
}

/// The paragraph texts of one version, shared, so that the equal
/// paragraphs of other versions can point at them rather than hold copies:
/// most paragraphs of most proposals are the base's word for word, and a
/// synopsis of twenty proposals would otherwise hold twenty-one copies of
/// the text. Cloning it shares the set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SharedTexts(Arc<FxHashSet<Text>>);

impl SharedTexts {
    /// `text` as a [`Text`]: the shared copy when there is one, else a
    /// new one of its own.
    pub fn text(&self, text: &str) -> Text {
        self.0
            .get(text)
            .cloned()
            .unwrap_or_else(|| Text::from(text))
    }

    /// Like [`SharedTexts::text`], taking a string already made.
    pub fn text_from(&self, text: String) -> Text {
        match self.0.get(text.as_str()) {
            Some(shared) => shared.clone(),
            None => Text::from(text),
        }
    }
}

impl Document {
    /// Makes this document's paragraph and opener texts shareable and
    /// returns them, for readers ([`SharedTexts::text`]) and
    /// [`Document::reuse_texts`] of other versions.
    pub fn share_texts(&mut self) -> SharedTexts {
        let mut shared = FxHashSet::default();
        for p in self.paragraphs_and_openers_mut() {
            let text = std::mem::take(&mut p.text).share();
            shared.insert(text.clone());
            p.text = text;
        }
        SharedTexts(Arc::new(shared))
    }

    /// Replaces each paragraph or opener text equal to one of `shared` by
    /// the shared one, freeing this document's copy.
    pub fn reuse_texts(&mut self, shared: &SharedTexts) {
        for p in self.paragraphs_and_openers_mut() {
            if let Some(text) = shared.0.get(p.text.as_str()) {
                p.text = text.clone();
            }
        }
    }

    fn paragraphs_and_openers_mut(&mut self) -> impl Iterator<Item = &mut Paragraph> {
        self.sections
            .iter_mut()
            .flat_map(|s| s.opener.iter_mut().chain(s.paragraphs.iter_mut()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_paragraphs_share_the_base_text() {
        let section = |texts: &[&str]| Section {
            opener: Some(Paragraph::new("resolves")),
            paragraphs: texts.iter().map(|t| Paragraph::labelled("1", *t)).collect(),
        };
        let mut base = Document {
            sections: vec![section(&[
                "to keep the harbour open",
                "to dredge the channel",
            ])],
            ..Document::default()
        };
        let mut proposal = Document {
            sections: vec![section(&[
                "to keep the harbour open",
                "to deepen the channel",
            ])],
            ..Document::default()
        };
        let shared = base.share_texts();
        let before = proposal.clone();
        proposal.reuse_texts(&shared);
        // The texts read the same ...
        assert_eq!(proposal, before);
        // ... and the equal ones are the base's own allocation.
        let same = |a: &Paragraph, b: &Paragraph| a.text.as_ptr() == b.text.as_ptr();
        let (b, p) = (&base.sections[0], &proposal.sections[0]);
        assert!(same(b.opener.as_ref().unwrap(), p.opener.as_ref().unwrap()));
        assert!(same(&b.paragraphs[0], &p.paragraphs[0]));
        assert!(!same(&b.paragraphs[1], &p.paragraphs[1]));
    }

    #[test]
    fn original_and_result_sides() {
        let changes = vec![
            Change::equal("Rev. "),
            Change::delete("Busan, 2014"),
            Change::insert("Dubai, 2018"),
        ];
        assert_eq!(original_of(&changes), "Rev. Busan, 2014");
        assert_eq!(result_of(&changes), "Rev. Dubai, 2018");
        let p = Paragraph {
            text: result_of(&changes).into(),
            revision: Some(changes),
            ..Paragraph::default()
        };
        assert_eq!(p.original_text(), "Rev. Busan, 2014");
        assert!(!p.is_deleted_by_revision());
    }
}
