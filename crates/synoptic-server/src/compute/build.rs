//! From stored documents to a synopsis: read by the command line's
//! loader, counted, bounded, aligned.

#[allow(unused_imports)]
use super::*;

use synoptic_core::{compare, CompareOptions, CoreError};
use synoptic_formats::load;
use synoptic_formats::read::auto;

/// What one stored document brings to the synopsis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DocCount {
    /// The document's id.
    pub id: i64,
    /// Its versions (one, or a CollateX file's witnesses, or a table's
    /// columns).
    pub versions: usize,
    /// Its paragraphs, over all its versions.
    pub paragraphs: usize,
}

/// The synopsis work of versions holding `paragraphs` paragraphs in all:
/// the most cells their synopsis can have (a row per paragraph at worst,
/// a cell per version in each row).
pub fn cells(paragraphs: usize, versions: usize) -> u64 {
    (paragraphs as u64).saturating_mul(versions as u64)
}

/// Refuses synopsis work over the meeting's bound, before any alignment.
pub fn check_cells(paragraphs: usize, versions: usize, limits: &Limits) -> Result<(), String> {
    let work = cells(paragraphs, versions);
    if work > limits.max_cells {
        return Err(format!(
            "the documents would make a synopsis of up to {work} cells ({paragraphs} paragraphs in {versions} versions), over the limit of {} per meeting",
            limits.max_cells
        ));
    }
    Ok(())
}

/// Refuses documents that together bring more versions than `budget`
/// allows or more synopsis work than `limits` bound, before any alignment.
pub(super) fn check_counts(
    counts: &[DocCount],
    budget: &load::Budget,
    limits: &Limits,
) -> Result<(), String> {
    let versions: usize = counts.iter().map(|c| c.versions).sum();
    let paragraphs: usize = counts.iter().map(|c| c.paragraphs).sum();
    budget
        .check_versions(versions, None)
        .map_err(|e| e.message().to_string())?;
    check_cells(paragraphs, versions, limits)
}

/// Computes the synopsis of `documents` (never fails: a meeting whose
/// documents cannot be compared gets an empty synopsis and the reason);
/// `text` is the text a meeting made from contributions concerns.
pub fn build(
    documents: &[StoredDocument],
    text: Option<&str>,
    docs_revision: i64,
    limits: &Limits,
) -> Computed {
    let mut counts = Vec::new();
    let mut version_docs = HashMap::new();
    let made = if documents
        .iter()
        .any(|d| d.info.role == DocRole::Contribution)
    {
        super::contributions::synopsis_of(documents, text, limits, &mut counts, &mut version_docs)
    } else {
        synopsis_of(documents, limits, &mut counts, &mut version_docs)
    };
    let (synopsis, table_title, error) = match made {
        Ok((synopsis, title)) => (synopsis, title, None),
        Err(message) => (Synopsis::default(), None, Some(message)),
    };
    let mut buf = Vec::new();
    let json = match json::write(&synopsis, &mut buf) {
        Ok(()) => String::from_utf8_lossy(&buf).into_owned(),
        Err(e) => format!("{{\"error\": {:?}}}", e.to_string()),
    };
    let automatic = consolidate(&synopsis, None);
    let rows = automatic
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    let conflict_rows = automatic
        .rows
        .iter()
        .filter(|r| r.has_conflict())
        .map(|r| r.id.clone())
        .collect();
    let languages = languages(&synopsis);
    let reading_json = reading(&synopsis).to_string();
    Computed {
        docs_revision,
        languages,
        reading_json,
        synopsis,
        json,
        error,
        automatic,
        rows,
        conflict_rows,
        table_title,
        counts,
        version_docs,
    }
}

/// The cells whose changes read otherwise than their exact ops, as the
/// command line's views show them (`synoptic_formats::write::display_ops`,
/// the one rule for every view): `{"cells": {ROW: {VERSION: [op]}}}`.
pub fn reading(synopsis: &Synopsis) -> serde_json::Value {
    let mut rows = serde_json::Map::new();
    for row in &synopsis.rows {
        let mut cells = serde_json::Map::new();
        for cell in &row.cells {
            if cell.ops.is_empty() {
                continue;
            }
            let shown = synoptic_formats::write::display_ops(cell);
            if shown != cell.ops {
                cells.insert(
                    cell.version.to_string(),
                    serde_json::to_value(&shown).unwrap_or_default(),
                );
            }
        }
        if !cells.is_empty() {
            rows.insert(row.id.clone(), serde_json::Value::Object(cells));
        }
    }
    serde_json::json!({ "cells": rows })
}

/// The language of each version of `synopsis` (by version id), told from
/// a sample of its cells.
pub fn languages(synopsis: &Synopsis) -> std::collections::BTreeMap<String, &'static str> {
    const SAMPLE: usize = 16 * 1024;
    let mut out = std::collections::BTreeMap::new();
    for (i, version) in synopsis.versions.iter().enumerate() {
        let mut sample = String::new();
        for row in &synopsis.rows {
            if sample.len() >= SAMPLE {
                break;
            }
            if let Some(cell) = row.cells.get(i) {
                sample.push_str(&cell.text);
                sample.push('\n');
            }
        }
        if let Some(language) = synoptic_core::lang::detect_language(&sample) {
            out.insert(version.id.clone(), language.code());
        }
    }
    out
}

/// What one uploaded file holds.
pub use synoptic_formats::load::Loaded as Parsed;

impl Limits {
    /// The limits of one meeting's documents as the loader takes them:
    /// the same checks the command line makes.
    pub fn input(&self) -> load::Limits {
        load::Limits {
            max_file_size: self.max_file_bytes as u64,
            max_total_size: self.max_meeting_bytes,
            max_paragraph_len: self.max_paragraph_len,
            max_versions: self.max_documents,
            max_paragraphs: self.max_paragraphs,
        }
    }
}

/// Reads one uploaded file as the role says, within the limits and the
/// `budget` of its meeting (by the command line's loader); the error is
/// one line naming the file.
pub fn read_upload(
    role: DocRole,
    filename: &str,
    label: &str,
    bytes: &[u8],
    budget: &load::Budget,
) -> Result<Parsed, load::LoadError> {
    let options = load::LoadOptions {
        read: auto::AutoOptions::default(),
        limits: *budget.limits(),
    };
    let role = match role {
        DocRole::Base => load::Role::Base,
        DocRole::Proposal => load::Role::Proposal,
        DocRole::SideBySide => load::Role::SideBySide,
        DocRole::Contribution => {
            return super::contributions::read_contribution(filename, label, bytes, None, budget)
        }
    };
    load::load_bytes(role, filename, label, bytes, &options, budget)
}

/// The paragraphs of what one file holds, over all its versions.
pub fn paragraphs_of(parsed: &Parsed) -> usize {
    match parsed {
        Parsed::Versions(versions) => versions
            .iter()
            .map(|v| load::limits::paragraph_count(&v.document))
            .sum(),
        Parsed::Table(table) => table
            .version_inputs()
            .iter()
            .map(|v| load::limits::paragraph_count(&v.document))
            .sum(),
    }
}

/// The synopsis of the stored documents, and a side-by-side table's title;
/// `counts` gets what each document brings and `version_docs` the
/// document each single-document version comes from (by label).
fn synopsis_of(
    documents: &[StoredDocument],
    limits: &Limits,
    counts: &mut Vec<DocCount>,
    version_docs: &mut HashMap<String, i64>,
) -> Result<(Synopsis, Option<String>), String> {
    if documents.is_empty() {
        return Err("no documents yet: upload a base and the proposals".into());
    }
    // One budget for the whole meeting, as for one run of the command line.
    let budget = load::Budget::new(&limits.input());
    let mut parsed = Vec::with_capacity(documents.len());
    for d in documents {
        let read = read_upload(
            d.info.role,
            &d.info.filename,
            &d.info.label,
            &d.bytes,
            &budget,
        )
        .map_err(|e| e.message().to_string())?;
        counts.push(DocCount {
            id: d.info.id,
            versions: read.version_count(),
            paragraphs: paragraphs_of(&read),
        });
        parsed.push(read);
    }
    check_counts(counts, &budget, limits)?;
    if let Some(table) = parsed.iter().find_map(|p| match p {
        Parsed::Table(t) => Some(t),
        Parsed::Versions(_) => None,
    }) {
        // As the command line reads it: a Word table's tracked changes and
        // base, its comments and what its cells say; a flattened table's
        // changes recovered.
        let synopsis = table
            .synopsis()
            .map_err(|e| format!("cannot compare the table's columns: {e}"))?;
        return Ok((synopsis, Some(table.title.clone())));
    }
    let mut base = None;
    let mut proposals = Vec::new();
    let mut from = Vec::new();
    for (document, read) in documents.iter().zip(parsed) {
        let Parsed::Versions(versions) = read else {
            continue;
        };
        match document.info.role {
            DocRole::Base => base = versions.into_iter().next(),
            // Not here: a meeting with contributions is made by
            // `contributions::synopsis_of`.
            DocRole::Contribution => {}
            _ => {
                let single = versions.len() == 1;
                for version in versions {
                    from.push(single.then_some(document.info.id));
                    proposals.push(version);
                }
            }
        }
    }
    let labels = auto::unique_labels(proposals.iter().map(|v| v.label.clone()));
    for ((version, label), doc) in proposals.iter_mut().zip(labels).zip(from) {
        if let Some(doc) = doc {
            version_docs.insert(label.clone(), doc);
        }
        version.label = label;
    }
    let synopsis =
        compare(base.as_ref(), &proposals, &CompareOptions::default()).map_err(|e| match e {
            CoreError::NoProposals => "no proposals yet: upload at least one".to_string(),
            other => other.to_string(),
        })?;
    Ok((synopsis, None))
}
