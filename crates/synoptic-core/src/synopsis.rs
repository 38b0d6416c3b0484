//! The synopsis: the side-by-side table every writer prints.
//!
//! Its serde shape is the JSON contract of `synoptic compare` (see
//! PRODUCT.md): field names here are public API.

use serde::{Deserialize, Serialize};

use crate::model::Change;
use crate::text::Text;

/// The whole side-by-side table: the versions (columns) and the aligned rows.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Synopsis {
    /// The columns: the base first (given or inferred), then the proposals in
    /// the order the user named them.
    pub versions: Vec<Version>,
    /// True when no base was given and the base column was inferred from what
    /// the proposals share.
    #[serde(default)]
    pub base_inferred: bool,
    /// The aligned rows in document order.
    pub rows: Vec<Row>,
    /// Things the reader of the synopsis should know about how it was made,
    /// such as a size bound that made the alignment fall back to a cheaper
    /// method.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// One column of the synopsis: the base or a proposal.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Version {
    /// A short stable id (`v0` for a base, `v1`, `v2`, ... for proposals).
    pub id: String,
    /// The name users know the version by (`ATU`, or the file stem).
    pub label: String,
    /// Whether the column is the base or a proposal.
    pub role: Role,
    /// The proposal's action (`MOD`, `ADD`, `SUP`, `NOC`), when known;
    /// `action` in JSON.
    #[serde(
        default,
        rename = "action",
        alias = "marker",
        skip_serializing_if = "Option::is_none"
    )]
    pub marker: Option<String>,
    /// The proposal's number (`AFCP/35A8/1`), when known; `number` in JSON.
    #[serde(
        default,
        rename = "number",
        alias = "reference",
        skip_serializing_if = "Option::is_none"
    )]
    pub reference: Option<String>,
    /// The document the proposal came from (`Addendum 8 to Document 35`,
    /// `WTSA C-035 ATU Add08`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// The proposer's reasons for the proposal, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reasons: Option<String>,
}

/// Whether a column is the base text or a proposal amending it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// The text the proposals amend.
    Base,
    /// One party's amended version.
    #[default]
    Proposal,
}

/// Whether a row holds a section opener or a paragraph.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RowKind {
    /// The opener of a section ("considering", "resolves").
    Heading,
    /// A paragraph of a section.
    #[default]
    Paragraph,
}

/// One row of the table: the same part of the text in every version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// A stable id such as `considering/b` or `resolves/2/iii`.
    pub id: String,
    /// The id of the section the row belongs to (`considering`).
    pub section: String,
    /// The section's opener as the base (or, for a new section, the
    /// proposals) writes it, for display.
    #[serde(default)]
    pub section_title: String,
    /// Whether the row is a section opener or a paragraph.
    #[serde(default)]
    pub kind: RowKind,
    /// The base's label, or the proposals' if the row is new.
    pub label: Option<String>,
    /// The base text every cell's changes are measured against; `None` when
    /// the base does not have this row (it is new).
    #[serde(default)]
    pub base_text: Option<Text>,
    /// One cell per version, in the order of [`Synopsis::versions`].
    pub cells: Vec<Cell>,
    /// What the input says about the row beside its versions: the comments
    /// or justification a side-by-side table gives in a column of its own
    /// (`Comments: the Secretariat's wording`). Empty for most rows.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// What one version does to a row.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The version has the row's base text as it is.
    #[default]
    Unchanged,
    /// The version changes the row's base text.
    Modified,
    /// The version adds text the base does not have.
    Added,
    /// The version deletes the row's base text.
    Deleted,
    /// The version has nothing in a row that the base does not have either.
    Absent,
}

impl Status {
    /// The lowercase name used in JSON and CSS classes.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unchanged => "unchanged",
            Status::Modified => "modified",
            Status::Added => "added",
            Status::Deleted => "deleted",
            Status::Absent => "absent",
        }
    }

    /// True when the version changes something in this row.
    pub fn is_change(self) -> bool {
        matches!(self, Status::Modified | Status::Added | Status::Deleted)
    }
}

/// One version's content in one row.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    /// The id of the version (column) this cell belongs to; every cell of
    /// a column shares one copy.
    pub version: Text,
    /// What the version does to the row.
    pub status: Status,
    /// The label this version gives the paragraph.
    pub label: Option<String>,
    /// The label this version's own tracked changes replaced, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub former_label: Option<String>,
    /// This version's resulting text, after its changes.
    pub text: Text,
    /// The word-level changes from the row's base text to [`Cell::text`].
    pub ops: Vec<Change>,
    /// True when the ops are the proposer's own tracked changes rather than
    /// a comparison Synoptic made.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub tracked: bool,
    /// For a paragraph this version moved: the id of the row it moved to
    /// (on its deleted cell) or came from (on its added cell). A paragraph
    /// split off a neighbouring row, or joined to one, is linked the same
    /// way to that row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub moved: Option<String>,
}

impl Synopsis {
    /// The index of the base column, if there is one.
    pub fn base_index(&self) -> Option<usize> {
        self.versions.iter().position(|v| v.role == Role::Base)
    }

    /// The columns of the proposals, in order.
    pub fn proposal_columns(&self) -> Vec<usize> {
        (0..self.versions.len())
            .filter(|&c| self.versions[c].role == Role::Proposal)
            .collect()
    }

    /// The bytes of the rows' base texts: how large the synopsis is, when
    /// deciding whether its work is worth spreading over the threads.
    pub fn base_text_len(&self) -> usize {
        self.rows
            .iter()
            .map(|r| r.base_text.as_ref().map_or(0, |t| t.len()))
            .sum()
    }

    /// True when some proposal changes the row.
    pub fn row_is_changed(row: &Row) -> bool {
        row.cells.iter().any(|c| c.status.is_change())
    }

    /// Number of rows some proposal changes (paragraph and heading rows).
    pub fn changed_row_count(&self) -> usize {
        self.rows.iter().filter(|r| Self::row_is_changed(r)).count()
    }
}
