//! The index of an assembly (`synoptic assemble`): every text the
//! contributions propose to change, with who proposes what, as JSON for
//! scripts and as an HTML matrix of texts × proposers linking each
//! synopsis.

use std::io::{self, Write};

use askama::Template;
use serde::Serialize;

/// The whole index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct AssemblyIndex {
    /// The texts, by key.
    pub provisions: Vec<Provision>,
    /// The proposers, in the order their contributions were named: the
    /// matrix's columns.
    pub proposers: Vec<String>,
    /// What could not be read or matched: contributions and proposals.
    pub skipped: Vec<Skipped>,
}

/// One text of the assembly and its synopsis.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Provision {
    /// The text's id and file stem (`resolution-44`).
    pub key: String,
    /// Its title line: the text in force's, else the first proposal's.
    pub title: String,
    /// The synopsis file, relative to the index; `None` when it failed.
    pub file: Option<String>,
    /// The proposals, in the order of the synopsis' columns.
    pub proposals: Vec<ProposalEntry>,
    /// The file of the text in force, when the bases have it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub base: Option<String>,
    /// True when the base was inferred from the proposals.
    pub base_inferred: bool,
    /// Rows in the synopsis.
    pub rows: usize,
    /// Rows some proposal changes.
    pub changed_rows: usize,
    /// Rows where the proposals' changes conflict.
    pub conflicts: usize,
    /// What the reader should know about how the synopsis was made.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Why the synopsis could not be made, when it could not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// One proposal for a text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct ProposalEntry {
    /// Who proposes it (the contribution's label).
    pub proposer: String,
    /// `MOD`, `ADD`, `SUP` or `NOC`.
    pub action: String,
    /// The proposal's number (`AFCP/35A8/1`), when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// The document it came from (`Addendum 8 to Document 35`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// A contribution or proposal left out, and why.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Skipped {
    /// The contribution's file.
    pub file: String,
    /// The proposal's number, when one proposal was left out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub number: Option<String>,
    /// Why.
    pub reason: String,
}

impl Provision {
    /// The link to the synopsis: its name percent-encoded.
    pub fn href(&self) -> String {
        let mut out = String::new();
        for b in self.file.as_deref().unwrap_or("").bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }
}

/// Same policy as the synopsis page: nothing loads, nothing runs.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

/// One line of the matrix.
struct MatrixRow<'a> {
    provision: &'a Provision,
    /// Per proposer: the actions (`MOD`, `SUP`), and their numbers for the
    /// tooltip.
    cells: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "assembly.html")]
struct Page<'a> {
    title: &'a str,
    csp: &'static str,
    summary: String,
    proposers: &'a [String],
    rows: Vec<MatrixRow<'a>>,
    skipped: &'a [Skipped],
}

/// Writes the index as a self-contained HTML page: a matrix of texts ×
/// proposers showing each proposer's action, with each text's changed rows
/// and conflicts, and what was skipped.
pub fn write_html(title: &str, index: &AssemblyIndex, mut out: impl Write) -> io::Result<()> {
    let rows: Vec<MatrixRow<'_>> = index
        .provisions
        .iter()
        .map(|provision| MatrixRow {
            provision,
            cells: index
                .proposers
                .iter()
                .map(|proposer| {
                    let mine: Vec<&ProposalEntry> = provision
                        .proposals
                        .iter()
                        .filter(|p| &p.proposer == proposer)
                        .collect();
                    (
                        mine.iter()
                            .map(|p| p.action.as_str())
                            .collect::<Vec<_>>()
                            .join(", "),
                        mine.iter()
                            .filter_map(|p| p.number.as_deref())
                            .collect::<Vec<_>>()
                            .join(", "),
                    )
                })
                .collect(),
        })
        .collect();
    let proposals: usize = index.provisions.iter().map(|p| p.proposals.len()).sum();
    let mut summary = format!(
        "{} texts · {} proposals from {} proposers · {} rows changed · {} conflicts",
        index.provisions.len(),
        proposals,
        index.proposers.len(),
        index
            .provisions
            .iter()
            .map(|p| p.changed_rows)
            .sum::<usize>(),
        index.provisions.iter().map(|p| p.conflicts).sum::<usize>()
    );
    if !index.skipped.is_empty() {
        summary.push_str(&format!(" · {} skipped", index.skipped.len()));
    }
    let page = Page {
        title,
        csp: CSP,
        summary,
        proposers: &index.proposers,
        rows,
        skipped: &index.skipped,
    };
    let html = page.render().map_err(io::Error::other)?;
    out.write_all(html.as_bytes())?;
    out.flush()
}

/// Writes the index as JSON: `{"provisions": [{"key", "title", "file",
/// "proposals": [{"proposer", "action", "number", "source"}], ...}],
/// "proposers": [...], "skipped": [...]}`.
pub fn write_json(index: &AssemblyIndex, mut out: impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, index).map_err(io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests;
