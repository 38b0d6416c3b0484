//! A meeting made from contributions as received: its bases and
//! contribution documents are read and compared as `synoptic assemble`
//! compares them (`synoptic_formats::assemble`), for the one text the
//! meeting concerns.

#[allow(unused_imports)]
use super::*;

use std::path::Path;

use synoptic_core::VersionInput;
use synoptic_formats::assemble::{self, Base, Plan};
use synoptic_formats::load::{self, LoadError};
use synoptic_formats::read::auto::AutoOptions;
use synoptic_formats::read::contribution::{Contribution, TextTitle};

use super::build::{check_counts, read_upload, DocCount, Parsed};

/// Where the texts in force of a meeting are, as its notes say it.
const BASES: &str = "the meeting's bases";

/// True when `title` is the text `text` names: its match key
/// (`resolution:44`), its key (`resolution-44`) or a title line
/// (`RESOLUTION 44`).
pub fn names_text(title: &TextTitle, text: &str) -> bool {
    let text = text.trim();
    title.match_key() == text
        || title.key() == text
        || TextTitle::parse(text).is_some_and(|t| t.match_key() == title.match_key())
}

/// Reads an uploaded contribution within `budget` (its bytes counted):
/// its proposals for `text` (all of them when `None`) as versions
/// labelled `label`, for counting against the limits.
pub fn read_contribution(
    filename: &str,
    label: &str,
    bytes: &[u8],
    text: Option<&str>,
    budget: &load::Budget,
) -> Result<Parsed, LoadError> {
    let contribution = read_one(filename, bytes, budget)?;
    Ok(Parsed::Versions(
        contribution
            .proposals
            .into_iter()
            .filter(|p| text.is_none_or(|t| names_text(&p.title, t)))
            .map(|p| VersionInput {
                label: label.to_string(),
                document: p.document,
            })
            .collect(),
    ))
}

/// Reads a contribution's bytes within `budget`, by the reader
/// `synoptic assemble` uses.
pub fn read_one(
    filename: &str,
    bytes: &[u8],
    budget: &load::Budget,
) -> Result<Contribution, LoadError> {
    budget.take(filename, bytes.len() as u64)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(LoadError::unreadable(format!(
            "{filename}: the file is empty: a contribution needs its proposals"
        )));
    }
    let contribution =
        assemble::read_contribution(filename, bytes, &AutoOptions::default(), budget)?;
    if contribution.proposals.is_empty() {
        let why = contribution
            .unreadable
            .first()
            .map(|u| format!(": {} {}", u.marker.written, u.reason))
            .unwrap_or_default();
        return Err(LoadError::unreadable(format!(
            "{filename}: no proposal found (each starts with a line such as `MOD AFCP/35A8/1`, then the title of the text){why}"
        )));
    }
    Ok(contribution)
}

/// Reads a text in force within `budget`, with its title line (else its
/// file's stem read as one).
pub fn read_base(
    filename: &str,
    label: &str,
    bytes: &[u8],
    budget: &load::Budget,
) -> Result<Base, LoadError> {
    let read = read_upload(DocRole::Base, filename, label, bytes, budget)?;
    let Parsed::Versions(mut versions) = read else {
        return Err(LoadError::unreadable(format!(
            "{filename}: a base is one text"
        )));
    };
    let Some(version) = versions.pop() else {
        return Err(LoadError::unreadable(format!("{filename}: no text")));
    };
    let stem = load::stem(Path::new(filename));
    let title = assemble::base_title(&version.document, &stem).ok_or_else(|| {
        LoadError::unreadable(format!(
            "{filename}: no title line (such as RESOLUTION 44) in its first paragraphs: the text in force cannot be matched to the proposals"
        ))
    })?;
    Ok(Base {
        file: filename.to_string(),
        title,
        document: version.document,
    })
}

/// The synopsis of a meeting made from contributions: its proposals for
/// the meeting's `text` against its base, as `synoptic assemble` makes
/// it; `counts` gets what each document brings, `version_docs` the
/// contribution each proposal comes from (when it gives one proposal for
/// the text), so that decisions refer to it by id.
pub(super) fn synopsis_of(
    documents: &[StoredDocument],
    text: Option<&str>,
    limits: &Limits,
    counts: &mut Vec<DocCount>,
    version_docs: &mut HashMap<String, i64>,
) -> Result<(Synopsis, Option<String>), String> {
    let budget = load::Budget::new(&limits.input());
    let mut base: Option<Base> = None;
    let mut contributions = Vec::new();
    let mut ids = Vec::new();
    for d in documents {
        let info = &d.info;
        match info.role {
            DocRole::Base => {
                let read = read_base(&info.filename, &info.label, &d.bytes, &budget)
                    .map_err(|e| e.message().to_string())?;
                counts.push(DocCount {
                    id: info.id,
                    versions: 1,
                    paragraphs: load::limits::paragraph_count(&read.document),
                });
                base = Some(read);
            }
            DocRole::Contribution => {
                let read = read_one(&info.filename, &d.bytes, &budget)
                    .map_err(|e| e.message().to_string())?;
                let concerned = read
                    .proposals
                    .iter()
                    .filter(|p| text.is_none_or(|t| names_text(&p.title, t)));
                let (versions, paragraphs) = concerned.fold((0, 0), |(v, n), p| {
                    (v + 1, n + load::limits::paragraph_count(&p.document))
                });
                counts.push(DocCount {
                    id: info.id,
                    versions,
                    paragraphs,
                });
                contributions.push((info.label.clone(), info.filename.clone(), read));
                ids.push(info.id);
            }
            DocRole::Proposal | DocRole::SideBySide => {
                return Err(format!(
                    "{}: a meeting made from contributions takes bases and contributions only: delete it, or upload it as a contribution",
                    info.filename
                ));
            }
        }
    }
    let (mut by_text, skipped) = assemble::gather(contributions);
    let key = match text {
        Some(text) => by_text
            .iter()
            .find(|(_, proposals)| {
                proposals
                    .first()
                    .is_some_and(|p| names_text(&p.proposal.title, text))
            })
            .map(|(key, _)| key.clone()),
        None if by_text.len() == 1 => by_text.keys().next().cloned(),
        None => {
            return Err(format!(
                "the contributions concern {} texts: a meeting takes one",
                by_text.len()
            ))
        }
    };
    let Some(proposals) = key.and_then(|k| by_text.remove(&k)) else {
        return Err(format!(
            "no contribution of the meeting proposes a change to {}: upload one that does",
            text.unwrap_or("its text")
        ));
    };
    check_counts(counts, &budget, limits)?;
    let plan = Plan {
        key: proposals
            .first()
            .map(|p| p.proposal.title.key())
            .unwrap_or_default(),
        proposals,
        base: base.as_ref(),
    };
    let name = plan.name();
    let mut synopsis = assemble::synopsis_of(&plan, &name, BASES, &budget)?;
    for (label, planned) in plan.labels().into_iter().zip(&plan.proposals) {
        let alone = plan
            .proposals
            .iter()
            .filter(|p| p.origin == planned.origin)
            .count()
            == 1;
        if let (true, Some(&id)) = (alone, ids.get(planned.origin)) {
            version_docs.insert(label, id);
        }
    }
    // Proposals the chair should know were left out.
    for s in skipped {
        synopsis
            .notes
            .push(format!("{}: a proposal was left out: {}", s.file, s.reason));
    }
    Ok((synopsis, Some(format!("{name} proposals side-by-side"))))
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_named_by_key_or_title() {
        let title = TextTitle::parse("RESOLUTION 44 (Rev. Hammamet, 2016)").unwrap();
        assert!(names_text(&title, "resolution:44"));
        assert!(names_text(&title, "resolution-44"));
        assert!(names_text(&title, "RESOLUTION 44"));
        assert!(!names_text(&title, "RESOLUTION 45"));
        assert!(!names_text(&title, "resolution-4"));
    }
}
