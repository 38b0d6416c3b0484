//! What `synoptic assemble` and the workbench share to make the synopsis
//! of one text from the contributions as received: reading a contribution
//! within the limits, telling a text in force by its title line, grouping
//! the proposals by the text they concern, and comparing them as their
//! actions say (`MOD`, `ADD`, `SUP`, `NOC`).

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};

use synoptic_core::diff::all_deleted;
use synoptic_core::structure::Openers;
use synoptic_core::{compare, Cell, Change, CompareOptions, Document, Status, Synopsis};
use synoptic_core::{Paragraph, VersionInput};

use crate::load::{self, Budget, LoadError};
use crate::read::auto::{self, AutoOptions};
use crate::read::contribution::{self, Action, Contribution, Proposal, TextTitle};
use crate::write::assembly::Skipped;

/// A text in force, read from the bases.
#[derive(Debug, Clone)]
pub struct Base {
    /// The file, as shown.
    pub file: String,
    /// Its title line.
    pub title: TextTitle,
    /// The text.
    pub document: Document,
}

/// One proposal, with who made it and where it came from.
#[derive(Debug, Clone)]
pub struct Planned {
    /// The proposer (the contribution's label).
    pub proposer: String,
    /// The contribution's file, as shown.
    pub file: String,
    /// Which contribution it came from, in the order they were given.
    pub origin: usize,
    /// The proposal.
    pub proposal: Proposal,
}

/// One text of the assembly: its proposals and its text in force.
#[derive(Debug)]
pub struct Plan<'a> {
    /// The text's key (`resolution-44`), unique among the plans.
    pub key: String,
    /// Its proposals, in the order of the contributions.
    pub proposals: Vec<Planned>,
    /// Its text in force, when the bases have it.
    pub base: Option<&'a Base>,
}

impl Plan<'_> {
    /// The title of the text: the text in force's, else the first
    /// proposal's.
    pub fn title(&self) -> Option<&TextTitle> {
        self.base
            .map(|b| &b.title)
            .or_else(|| self.proposals.first().map(|p| &p.proposal.title))
    }

    /// The text's name for headings (`Resolution 44`), else its key.
    pub fn name(&self) -> String {
        self.title()
            .map(TextTitle::name)
            .unwrap_or_else(|| self.key.clone())
    }

    /// The labels the proposals' columns get, in order: the proposers,
    /// made distinct.
    pub fn labels(&self) -> Vec<String> {
        auto::unique_labels(self.proposals.iter().map(|p| p.proposer.clone()))
    }
}

/// Reads one contribution already in memory, named `name`, within the
/// limits of `budget` (its bytes are counted by whoever read them): a text
/// file with too many lines is refused before it is parsed, and every
/// proposal's text is checked as a document is.
pub fn read_contribution(
    name: &str,
    bytes: &[u8],
    options: &AutoOptions,
    budget: &Budget,
) -> Result<Contribution, LoadError> {
    if !auto::is_word(name, bytes, options.format) {
        load::bytes::check_text_size(name, bytes, budget)?;
    }
    let contribution = contribution::read(name, bytes, options)
        .map_err(|e| LoadError::unreadable(format!("{name}: {e}")))?;
    for proposal in &contribution.proposals {
        budget.check_document(name, &proposal.document)?;
    }
    Ok(contribution)
}

/// The title of a text in force: its title line, else its file's stem
/// read as one (`resolution-44.txt`, `Res44.docx`).
pub fn base_title(document: &Document, stem: &str) -> Option<TextTitle> {
    title_of(document).or_else(|| {
        let mut words = String::with_capacity(stem.len() + 4);
        let mut previous = ' ';
        for c in stem.chars() {
            let c = if matches!(c, '-' | '_') { ' ' } else { c };
            // `Res44`: the keyword and the number run together.
            if previous.is_alphabetic() && c.is_ascii_digit() {
                words.push(' ');
            }
            words.push(c);
            previous = c;
        }
        TextTitle::parse(&words)
    })
}

/// The proposals of the contributions (each with its proposer and file,
/// in order) by the text they concern (its [`TextTitle::match_key`]),
/// and those that could not be read, named by file and number.
pub fn gather(
    contributions: impl IntoIterator<Item = (String, String, Contribution)>,
) -> (HashMap<String, Vec<Planned>>, Vec<Skipped>) {
    let mut by_text: HashMap<String, Vec<Planned>> = HashMap::new();
    let mut skipped = Vec::new();
    for (origin, (proposer, file, contribution)) in contributions.into_iter().enumerate() {
        for unreadable in contribution.unreadable {
            let marker = &unreadable.marker;
            // A proposal without a number is named by its place.
            let reason = match &marker.number {
                Some(_) => format!("{}: {}", marker.written, unreadable.reason),
                None => format!(
                    "proposal {} ({}, no number): {}",
                    unreadable.ordinal, marker.written, unreadable.reason
                ),
            };
            skipped.push(Skipped {
                file: file.clone(),
                number: marker.number.clone(),
                reason,
            });
        }
        for proposal in contribution.proposals {
            by_text
                .entry(proposal.title.match_key())
                .or_default()
                .push(Planned {
                    proposer: proposer.clone(),
                    file: file.clone(),
                    origin,
                    proposal,
                });
        }
    }
    (by_text, skipped)
}

/// The title line of a text in force: the first of its first paragraphs
/// (openers included) that reads as one.
pub fn title_of(document: &Document) -> Option<TextTitle> {
    document
        .sections
        .iter()
        .flat_map(|s| s.opener.iter().chain(&s.paragraphs))
        .take(8)
        .find_map(|p| TextTitle::parse(&p.text))
}

/// The texts to write, in the order of their keys (numbers by value:
/// `resolution-2` before `resolution-10`), each key unique.
pub fn plans(
    by_text: HashMap<String, Vec<Planned>>,
    bases: &HashMap<String, Base>,
) -> Vec<Plan<'_>> {
    let mut plans: Vec<Plan<'_>> = by_text
        .into_iter()
        .map(|(match_key, proposals)| {
            let base = bases.get(&match_key);
            let title = base.map_or_else(
                || proposals.first().map(|p| &p.proposal.title),
                |b| Some(&b.title),
            );
            Plan {
                key: title.map(TextTitle::key).unwrap_or_default(),
                proposals,
                base,
            }
        })
        .collect();
    plans.sort_by(|a, b| natural_cmp(&a.key, &b.key).then_with(|| a.key.cmp(&b.key)));
    // Two spellings may make one key (`3/17` and `3-17`): the later gets
    // a suffix.
    let mut used: HashSet<String> = HashSet::new();
    for plan in &mut plans {
        let mut key = plan.key.clone();
        let mut n = 2;
        while !used.insert(key.clone()) {
            key = format!("{}-{n}", plan.key);
            n += 1;
        }
        plan.key = key;
    }
    plans
}

/// The title line to show for a text once its synopsis is made: the text
/// in force's, also when it came from a proposal's tracked changes or
/// quote (the first row's base), else the first proposal's.
pub fn shown_title(plan: &Plan<'_>, synopsis: &Synopsis) -> String {
    if let Some(base) = plan.base {
        return base.title.line.clone();
    }
    let proposed = plan.title();
    let in_force = synopsis
        .rows
        .first()
        .and_then(|row| row.base_text.as_ref())
        .and_then(|text| TextTitle::parse(text.as_str()))
        .filter(|t| proposed.is_some_and(|p| p.match_key() == t.match_key()));
    in_force
        .or_else(|| proposed.cloned())
        .map(|t| t.line)
        .unwrap_or_default()
}

/// Compares two keys with their runs of digits by value.
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    fn parts(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (pa, pb) = (parts(a), parts(b));
    for (x, y) in pa.iter().zip(&pb) {
        let order = match (x, y) {
            ((true, x), (true, y)) => {
                let (x, y) = (x.trim_start_matches('0'), y.trim_start_matches('0'));
                x.len().cmp(&y.len()).then_with(|| x.cmp(y))
            }
            ((_, x), (_, y)) => x.cmp(y),
        };
        if order != Ordering::Equal {
            return order;
        }
    }
    pa.len().cmp(&pb.len())
}

/// The synopsis of one text (`name`, as in [`TextTitle::name`]) from its
/// plan, as `synoptic assemble` makes it: the text in force against each
/// proposal, `SUP` all deleted, `NOC` all unchanged, an `ADD` of a new
/// text all added; notes on how it was made (`bases` says where the texts
/// in force were looked for). The error is why it could not be made.
pub fn synopsis_of(
    plan: &Plan<'_>,
    name: &str,
    bases: &str,
    budget: &Budget,
) -> Result<Synopsis, String> {
    budget
        .check_versions(plan.proposals.len() + 1, Some(name))
        .map_err(|e| e.to_string())?;
    let mut notes = Vec::new();
    let mut inferred = false;
    let bearing = |p: &&Planned| matches!(p.proposal.marker.action, Action::Mod | Action::Add);
    let labels = auto::unique_labels(plan.proposals.iter().map(|p| p.proposer.clone()));
    let versions = |accept_additions: bool| -> Vec<VersionInput> {
        plan.proposals
            .iter()
            .zip(&labels)
            .map(|(p, label)| {
                let document = match p.proposal.marker.action {
                    Action::Mod => p.proposal.document.clone(),
                    Action::Add if accept_additions => accepted(&p.proposal.document),
                    Action::Add => p.proposal.document.clone(),
                    // Nothing of theirs to compare: their columns are
                    // filled in below, all unchanged or all deleted.
                    Action::Noc | Action::Sup => Document {
                        sections: Vec::new(),
                        metadata: p.proposal.document.metadata.clone(),
                    },
                };
                VersionInput {
                    label: label.clone(),
                    document: comparable(document),
                }
            })
            .collect()
    };
    let options = CompareOptions::default();
    let mut synopsis = match plan.base {
        Some(base) => {
            let base = VersionInput {
                label: "Text in force".into(),
                document: comparable(base.document.clone()),
            };
            compare(Some(&base), &versions(false), &options)
        }
        None => {
            let texts: Vec<&Planned> = plan.proposals.iter().filter(bearing).collect();
            if texts.is_empty() {
                // A SUP or NOC that quotes the text (in Word, struck
                // through) gives the text in force itself.
                let quoted = plan.proposals.iter().find_map(|p| {
                    let text = rejected(&p.proposal.document);
                    (text.paragraph_count() > 1).then_some((p, text))
                });
                let Some((quoting, text)) = quoted else {
                    return Err(format!(
                        "no text in force for {name} in {}, and no proposal gives its text",
                        bases
                    ));
                };
                notes.push(format!(
                    "{}: the text is the one {}'s proposal quotes",
                    missing(plan, name, bases),
                    quoting.proposer
                ));
                let base = VersionInput {
                    label: "Text in force".into(),
                    document: comparable(text),
                };
                compare(Some(&base), &versions(false), &options)
            } else if let Some((changing, text)) = tracked_base(plan) {
                // A proposal typed over the text in force (in Word, with
                // tracked changes) carries that text: its changes rejected.
                notes.push(format!(
                    "{}: the text in force is {}'s proposal with its tracked changes rejected",
                    missing(plan, name, bases),
                    changing.proposer
                ));
                inferred = true;
                let base = VersionInput {
                    label: "Text in force".into(),
                    document: comparable(text),
                };
                compare(Some(&base), &versions(false), &options)
            } else {
                let all_added = plan
                    .proposals
                    .iter()
                    .all(|p| p.proposal.marker.action == Action::Add);
                if all_added && plan.proposals.len() == 1 {
                    // One new text: all of it is added.
                    let nothing = VersionInput {
                        label: "(new text)".into(),
                        document: Document::default(),
                    };
                    compare(Some(&nothing), &versions(true), &options)
                } else {
                    if !all_added {
                        notes.push(format!(
                            "{}: the base is inferred from the proposals",
                            missing(plan, name, bases)
                        ));
                    }
                    compare(None, &versions(true), &options)
                }
            }
        }
    }
    .map_err(|e| format!("cannot compare the proposals: {e}"))?;
    for (column, p) in plan.proposals.iter().enumerate() {
        match p.proposal.marker.action {
            Action::Noc => fill_column(&mut synopsis, column + 1, Action::Noc),
            Action::Sup => fill_column(&mut synopsis, column + 1, Action::Sup),
            Action::Add if plan.base.is_some() => {
                // An ADD to a text in force quotes what it adds (and at
                // most the parts around it): what it leaves out stays.
                keep_unquoted(&mut synopsis, column + 1);
            }
            Action::Mod | Action::Add => {
                // A MOD or ADD whose text is its title alone is a
                // proposal whose text was lost or never typed: say so
                // rather than let its column read as the text deleted.
                if p.proposal.document.paragraph_count() <= 1 {
                    let number = p.proposal.marker.number.as_deref().unwrap_or("(no number)");
                    notes.push(format!(
                        "{}, proposal {number} ({}): no text after its title line",
                        p.file,
                        p.proposal.marker.action.as_str()
                    ));
                }
            }
        }
    }
    synopsis.notes.splice(0..0, notes);
    synopsis.base_inferred |= inferred;
    Ok(synopsis)
}

/// What a note says when the bases lack a text: which text, where it was
/// looked for, and the proposals that name it (file and number), so that a
/// title mistyped in a contribution can be found.
fn missing(plan: &Plan<'_>, name: &str, bases: &str) -> String {
    let asked: Vec<String> = plan
        .proposals
        .iter()
        .map(|p| match &p.proposal.marker.number {
            Some(number) => format!("{} {number}", p.file),
            None => format!("{} {}", p.file, p.proposal.marker.written),
        })
        .collect();
    format!(
        "no text in force for {name} in {bases} (proposed in {})",
        asked.join(", ")
    )
}

/// The first proposal (MOD or ADD) that changes an existing text with
/// tracked changes, and that text (its changes rejected): what stands for
/// a text in force the bases lack.
fn tracked_base<'p>(plan: &'p Plan<'_>) -> Option<(&'p Planned, Document)> {
    plan.proposals.iter().find_map(|p| {
        let document = &p.proposal.document;
        if !matches!(p.proposal.marker.action, Action::Mod | Action::Add) {
            return None;
        }
        let paragraphs = document
            .sections
            .iter()
            .flat_map(|s| s.opener.iter().chain(&s.paragraphs));
        let mut tracked = false;
        let mut kept = 0;
        for paragraph in paragraphs {
            tracked |= paragraph.former_label.is_some()
                || paragraph.revision.as_ref().is_some_and(|changes| {
                    changes
                        .iter()
                        .any(|c| c.kind != synoptic_core::ChangeKind::Equal)
                });
            kept += usize::from(!paragraph.original_text().trim().is_empty());
        }
        // A new text is all inserted: nothing of it was in force.
        (tracked && kept > 1).then(|| (p, rejected(document)))
    })
}

/// A document as the synopsis compares it: typography made plain and a
/// heading before the text's first section in its preamble, the same for
/// the text in force and every proposal whatever format each came in.
fn comparable(document: Document) -> Document {
    headings_in_preamble(plain_typography(document))
}

/// A document whose first sections open with a line that is no section
/// opener of the ITU list (`considering`, `resolves`, ...) has them in its
/// preamble: a title or sub-title that Word styles as a heading is a
/// paragraph of the preamble, as a text file has it.
fn headings_in_preamble(mut document: Document) -> Document {
    static OPENERS: std::sync::OnceLock<Openers> = std::sync::OnceLock::new();
    let openers = OPENERS.get_or_init(Openers::default);
    let lead = document
        .sections
        .iter()
        .position(|s| {
            s.opener
                .as_ref()
                .is_some_and(|o| openers.match_opener(&o.text).is_some())
        })
        .unwrap_or(document.sections.len());
    let headed = document.sections[..lead].iter().any(|s| s.opener.is_some());
    if !headed {
        return document;
    }
    let mut preamble = synoptic_core::Section {
        opener: None,
        paragraphs: Vec::new(),
    };
    for section in document.sections.drain(..lead) {
        preamble.paragraphs.extend(section.opener);
        preamble.paragraphs.extend(section.paragraphs);
    }
    document.sections.insert(0, preamble);
    document
}

/// A document with Word's non-breaking spaces and hyphens (`RESOLUTION
/// 44`, `ITU-T` typed with them) as plain ones, runs of spaces as one and
/// marks that print nothing dropped, so that a proposal typed in Word and a
/// text in force typed elsewhere differ only where their words do.
fn plain_typography(mut document: Document) -> Document {
    fn typographic(c: char) -> bool {
        matches!(c, '\u{a0}' | '\u{202f}' | '\u{2007}' | '\u{2011}')
    }
    // One character for one, which keeps tracked changes whole.
    fn swapped(text: &str) -> String {
        text.chars()
            .map(|c| match c {
                '\u{2011}' => '-',
                c if typographic(c) => ' ',
                c => c,
            })
            .collect()
    }
    // Marks that print nothing: Word's optional hyphen, zero-width spaces.
    fn invisible(c: char) -> bool {
        matches!(c, '\u{ad}' | '\u{200b}' | '\u{feff}')
    }
    fn plain(text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        for c in swapped(text).chars() {
            if !(invisible(c) || c == ' ' && out.ends_with(' ')) {
                out.push(c);
            }
        }
        out
    }
    let needs = |t: &str| t.contains(typographic) || t.contains(invisible) || t.contains("  ");
    let sections = document.sections.iter_mut();
    for paragraph in sections.flat_map(|s| s.opener.iter_mut().chain(s.paragraphs.iter_mut())) {
        for label in [&mut paragraph.label, &mut paragraph.former_label] {
            if let Some(label) = label.as_mut().filter(|l| needs(l)) {
                *label = plain(label);
            }
        }
        let revised = paragraph.revision.as_ref();
        if !needs(&paragraph.text)
            && !revised.is_some_and(|r| r.iter().any(|c| needs(c.text.as_str())))
        {
            continue;
        }
        let text = plain(&paragraph.text);
        let Some(changes) = &mut paragraph.revision else {
            paragraph.text = text.into();
            continue;
        };
        let collapsed: Vec<Change> = changes
            .iter()
            .map(|c| Change {
                text: plain(c.text.as_str()).into(),
                ..c.clone()
            })
            .collect();
        if synoptic_core::model::result_of(&collapsed) == text {
            *changes = without_spacing_changes(collapsed);
            paragraph.text = text.into();
        } else {
            // A run of spaces across two changes: the spacing stays, the
            // characters are swapped one for one.
            for change in changes.iter_mut() {
                change.text = swapped(change.text.as_str()).into();
            }
            paragraph.text = swapped(&paragraph.text).into();
        }
    }
    document
}

/// Changes with a deletion and an insertion of the same text side by side
/// (a tracked change of spacing only, once the spaces are one) as kept text.
fn without_spacing_changes(changes: Vec<Change>) -> Vec<Change> {
    use synoptic_core::ChangeKind::{Delete, Insert};
    let mut out: Vec<Change> = Vec::with_capacity(changes.len());
    for change in changes {
        let undone = out.last().is_some_and(|last| {
            matches!(
                (last.kind, change.kind),
                (Delete, Insert) | (Insert, Delete)
            ) && last.text.as_str() == change.text.as_str()
        });
        if undone {
            out.pop();
            out.push(Change::equal(change.text));
        } else {
            out.push(change);
        }
    }
    out
}

/// A document as the proposer wants it, its tracked changes accepted: for
/// a new text, whose every word the proposer inserted.
fn accepted(document: &Document) -> Document {
    let accept = |p: &Paragraph| Paragraph {
        revision: None,
        former_label: None,
        ..p.clone()
    };
    let mut out = Document {
        sections: Vec::new(),
        metadata: document.metadata.clone(),
    };
    for section in &document.sections {
        let paragraphs: Vec<Paragraph> = section
            .paragraphs
            .iter()
            .filter(|p| !p.text.trim().is_empty())
            .map(accept)
            .collect();
        let opener = section
            .opener
            .as_ref()
            .filter(|o| !o.text.trim().is_empty())
            .map(accept);
        if opener.is_some() || !paragraphs.is_empty() {
            out.sections
                .push(synoptic_core::Section { opener, paragraphs });
        }
    }
    out
}

/// A document as it was before the proposer's tracked changes (the
/// rejected side): the text a proposal quotes.
fn rejected(document: &Document) -> Document {
    let reject = |p: &Paragraph| Paragraph {
        text: p.original_text().into(),
        revision: None,
        label: p.former_label.clone().or_else(|| p.label.clone()),
        former_label: None,
    };
    let mut out = Document::default();
    for section in &document.sections {
        let paragraphs: Vec<Paragraph> = section
            .paragraphs
            .iter()
            .map(reject)
            .filter(|p| !p.text.trim().is_empty())
            .collect();
        let opener = section
            .opener
            .as_ref()
            .map(reject)
            .filter(|o| !o.text.trim().is_empty());
        if opener.is_some() || !paragraphs.is_empty() {
            out.sections
                .push(synoptic_core::Section { opener, paragraphs });
        }
    }
    out
}

/// In the column of a proposal that adds to a text in force, the base's
/// paragraphs it does not quote are unchanged, not deleted (its own
/// tracked deletions stay).
fn keep_unquoted(synopsis: &mut Synopsis, column: usize) {
    let base_column = synopsis.base_index();
    for row in &mut synopsis.rows {
        let base_label = base_column
            .and_then(|b| row.cells.get(b))
            .and_then(|c| c.label.clone());
        let Some(text) = row.base_text.clone() else {
            continue;
        };
        let Some(cell) = row.cells.get_mut(column) else {
            continue;
        };
        if cell.status != Status::Deleted || cell.tracked || cell.moved.is_some() {
            continue;
        }
        cell.status = Status::Unchanged;
        cell.label = base_label;
        cell.ops = if text.is_empty() {
            Vec::new()
        } else {
            vec![Change::equal(text.clone())]
        };
        cell.text = text;
    }
}

/// Fills the column of a proposal that keeps the text (`NOC`: every cell
/// unchanged) or suppresses it (`SUP`: every cell deleted); rows the base
/// lacks are absent from it.
fn fill_column(synopsis: &mut Synopsis, column: usize, action: Action) {
    let Some(version) = synopsis.versions.get(column).map(|v| v.id.clone()) else {
        return;
    };
    let base_column = synopsis.base_index();
    for row in &mut synopsis.rows {
        let base_label = base_column
            .and_then(|b| row.cells.get(b))
            .and_then(|c| c.label.clone());
        let cell = match (&row.base_text, action) {
            (Some(text), Action::Noc) => Cell {
                version: version.clone().into(),
                status: Status::Unchanged,
                label: base_label,
                text: text.clone(),
                ops: if text.is_empty() {
                    Vec::new()
                } else {
                    vec![Change::equal(text.clone())]
                },
                ..Cell::default()
            },
            (Some(text), _) => Cell {
                version: version.clone().into(),
                status: Status::Deleted,
                ops: all_deleted(text.as_str()),
                ..Cell::default()
            },
            (None, _) => Cell {
                version: version.clone().into(),
                status: Status::Absent,
                ..Cell::default()
            },
        };
        if let Some(slot) = row.cells.get_mut(column) {
            *slot = cell;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cmp::Ordering;

    #[test]
    fn typographic_spaces_and_hyphens_are_plain() {
        let mut changes = vec![
            Change::equal("RESOLUTION\u{a0}44 (Rev.\u{a0}"),
            Change::delete("Busan"),
            Change::insert("ITU\u{2011}T"),
        ];
        changes[0].minor = true;
        let document = Document {
            sections: vec![synoptic_core::Section {
                opener: Some(Paragraph::new("resolves\u{202f}")),
                paragraphs: vec![Paragraph {
                    text: synoptic_core::model::result_of(&changes).into(),
                    revision: Some(changes),
                    label: Some("1\u{a0}a)".into()),
                    former_label: None,
                }],
            }],
            ..Document::default()
        };
        let plain = plain_typography(document);
        let section = &plain.sections[0];
        assert_eq!(
            section.opener.as_ref().map(|o| o.text.as_str()),
            Some("resolves ")
        );
        let p = &section.paragraphs[0];
        assert_eq!(p.text, "RESOLUTION 44 (Rev. ITU-T");
        assert_eq!(p.original_text(), "RESOLUTION 44 (Rev. Busan");
        assert_eq!(p.label.as_deref(), Some("1 a)"));
        assert!(p.revision.as_ref().is_some_and(|r| r[0].minor));
        // Runs of spaces are one space, in the text and in its changes.
        let spaced = Document {
            sections: vec![synoptic_core::Section {
                opener: None,
                paragraphs: vec![
                    Paragraph::new("held  outside   Gen\u{ad}eva.\u{200b}"),
                    Paragraph {
                        text: "a  b c".into(),
                        revision: Some(vec![Change::equal("a  b"), Change::insert(" c")]),
                        ..Paragraph::default()
                    },
                    Paragraph {
                        text: "a  c".into(),
                        revision: Some(vec![Change::equal("a "), Change::insert(" c")]),
                        ..Paragraph::default()
                    },
                ],
            }],
            ..Document::default()
        };
        let plain = plain_typography(spaced);
        let texts: Vec<&str> = plain.sections[0]
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(texts, ["held outside Geneva.", "a b c", "a  c"]);
        assert_eq!(plain.sections[0].paragraphs[1].original_text(), "a b");
        let respaced = without_spacing_changes(vec![
            Change::equal("a"),
            Change::delete(" "),
            Change::insert(" "),
            Change::equal("b"),
        ]);
        assert!(respaced
            .iter()
            .all(|c| c.kind == synoptic_core::ChangeKind::Equal));
    }

    #[test]
    fn a_base_named_for_its_text() {
        let untitled = Document::default();
        let key = |stem: &str| base_title(&untitled, stem).map(|t| t.key());
        assert_eq!(key("resolution-44").as_deref(), Some("resolution-44"));
        assert_eq!(key("Res44").as_deref(), Some("resolution-44"));
        assert_eq!(key("RESOLUTION_301").as_deref(), Some("resolution-301"));
        assert_eq!(key("question-3-17"), Some("question-3-17".into()));
        assert_eq!(key("notes"), None);
    }

    #[test]
    fn headings_before_the_first_opener_join_the_preamble() {
        let section = |opener: Option<&str>, paragraphs: &[&str]| synoptic_core::Section {
            opener: opener.map(Paragraph::new),
            paragraphs: paragraphs.iter().map(|p| Paragraph::new(*p)).collect(),
        };
        // In Word the title and sub-title are headings; in a text file,
        // paragraphs of the preamble.
        let word = Document {
            sections: vec![
                section(None, &["RESOLUTION 77 (Rev. Lisbon, 2019)"]),
                section(Some("Reducing the cost of meetings"), &["(Quito, 2011)"]),
                section(Some("considering"), &["that travel is costly;"]),
                section(Some("Travel grants"), &["granted yearly"]),
            ],
            ..Document::default()
        };
        let flat = headings_in_preamble(word);
        let shape: Vec<(Option<&str>, Vec<&str>)> = flat
            .sections
            .iter()
            .map(|s| {
                (
                    s.opener.as_ref().map(|o| o.text.as_str()),
                    s.paragraphs.iter().map(|p| p.text.as_str()).collect(),
                )
            })
            .collect();
        assert_eq!(
            shape,
            [
                (
                    None,
                    vec![
                        "RESOLUTION 77 (Rev. Lisbon, 2019)",
                        "Reducing the cost of meetings",
                        "(Quito, 2011)"
                    ]
                ),
                (Some("considering"), vec!["that travel is costly;"]),
                // After the first opener, headings stay sections.
                (Some("Travel grants"), vec!["granted yearly"]),
            ]
        );
        let text = Document {
            sections: vec![
                section(None, &["RESOLUTION 77"]),
                section(Some("resolves"), &["1 that"]),
            ],
            ..Document::default()
        };
        assert_eq!(headings_in_preamble(text.clone()), text);
    }

    #[test]
    fn keys_sort_by_number() {
        assert_eq!(natural_cmp("resolution-2", "resolution-10"), Ordering::Less);
        assert_eq!(
            natural_cmp("resolution-44", "resolution-301"),
            Ordering::Less
        );
        assert_eq!(
            natural_cmp("question-3-17", "question-3-2"),
            Ordering::Greater
        );
        assert_eq!(natural_cmp("article-5", "resolution-1"), Ordering::Less);
        assert_eq!(natural_cmp("a", "a"), Ordering::Equal);
        assert_eq!(natural_cmp("", "a"), Ordering::Less);
    }
}
