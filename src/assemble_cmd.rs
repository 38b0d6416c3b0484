//! `synoptic assemble`: the whole assembly from the contributions as
//! received. Each contribution's proposals are matched to the texts in
//! force of `--bases DIR` by their title's keyword and number (`RESOLUTION
//! 44`), and every text gets one synopsis with a column per proposal
//! (`Proposal 2 (MOD, Addendum 8 to Document 35) (ATU)`), in parallel, with
//! an index of texts × proposers. A contribution that cannot be read, or a
//! proposal that cannot be matched, is reported and the rest completes.

use std::cmp::Ordering;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use clap::ValueEnum;
use rayon::prelude::*;
use synoptic_core::consolidate::consolidate;
use synoptic_core::diff::all_deleted;
use synoptic_core::{compare, Cell, Change, CompareOptions, Document, Status, Synopsis};
use synoptic_core::{Paragraph, VersionInput};
use synoptic_formats::read::auto;
use synoptic_formats::read::contribution::{self, Action, Contribution, Proposal, TextTitle};
use synoptic_formats::write::assembly::{self, AssemblyIndex, ProposalEntry, Provision, Skipped};

use crate::batch_cmd::{extension, one_line};
use crate::compare_cmd::{render, Format, View};
use synoptic_formats::load::{self, stem, Budget};

use crate::input::{auto_options, display_name, is_stdin, load_options, InputArgs};
use crate::output::Staged;
use crate::progress::Progress;
use crate::Failure;

/// Arguments of `synoptic assemble`.
#[derive(clap::Args, Debug)]
pub struct AssembleArgs {
    /// The contributions: text (.txt), Markdown (.md) or Word (.docx)
    /// documents, each with a cover and proposals (`MOD AFCP/35A8/1`, the
    /// title line of the text, the text, `Reasons: ...`).
    #[arg(value_name = "CONTRIBUTION", required = true)]
    pub contributions: Vec<PathBuf>,
    /// A folder with the texts in force, one file per text (any format
    /// Synoptic reads), matched to proposals by their title line.
    #[arg(long, value_name = "DIR")]
    pub bases: PathBuf,
    /// The folder to write the synopses and the index to (created if
    /// missing).
    #[arg(short, long, value_name = "OUTDIR")]
    pub output: PathBuf,
    /// Format of each synopsis (the index is always HTML and JSON).
    #[arg(long, value_enum, default_value_t = AssembleFormat::Html)]
    pub format: AssembleFormat,
    /// Names of the proposers, one per contribution in order (default:
    /// each file's stem).
    #[arg(long = "label", value_name = "NAME")]
    pub labels: Vec<String>,
    #[command(flatten)]
    pub input: InputArgs,
}

/// Formats of the synopses of an assembly.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum AssembleFormat {
    /// Self-contained HTML pages.
    Html,
    /// Word tables with the proposers' changes as revision marks.
    Docx,
    /// Markdown tables with CriticMarkup changes.
    Md,
    /// JSON for scripts.
    Json,
}

impl AssembleFormat {
    fn format(self) -> Format {
        match self {
            AssembleFormat::Html => Format::Html,
            AssembleFormat::Docx => Format::Docx,
            AssembleFormat::Md => Format::Md,
            AssembleFormat::Json => Format::Json,
        }
    }
}

/// A text in force, read from the bases folder.
struct Base {
    /// The file, as shown.
    file: String,
    title: TextTitle,
    document: Document,
}

/// One proposal, with who made it and where it came from.
struct Planned {
    proposer: String,
    file: String,
    proposal: Proposal,
}

/// One text of the assembly: its proposals and its text in force.
struct Plan<'a> {
    key: String,
    proposals: Vec<Planned>,
    base: Option<&'a Base>,
}

/// What came of one text.
struct Outcome {
    provision: Provision,
    skipped: Vec<Skipped>,
}

/// Runs `synoptic assemble`.
pub fn run(args: &AssembleArgs) -> Result<(), Failure> {
    if args.labels.len() > args.contributions.len() {
        return Err(Failure::Usage(format!(
            "{} --label given for {} contributions; give at most one per contribution",
            args.labels.len(),
            args.contributions.len()
        )));
    }
    if args.contributions.iter().filter(|p| is_stdin(p)).count() > 1 {
        return Err(Failure::Usage(
            "standard input (`-`) can be read only once".into(),
        ));
    }
    let (bases, mut skipped) = read_bases(&args.bases, &args.input)?;
    fs::create_dir_all(&args.output)
        .with_context(|| format!("{}: cannot create", args.output.display()))?;

    let proposers = auto::unique_labels(
        args.contributions
            .iter()
            .enumerate()
            .map(|(i, p)| args.labels.get(i).cloned().unwrap_or_else(|| stem(p))),
    );
    let read: Vec<Result<Contribution>> = args
        .contributions
        .par_iter()
        .map(|path| read_contribution(path, &args.input))
        .collect();

    // Proposals by text, in the order the contributions were named.
    let mut by_text: HashMap<String, Vec<Planned>> = HashMap::new();
    for ((path, result), proposer) in args.contributions.iter().zip(read).zip(&proposers) {
        let file = display_name(path);
        let contribution = match result {
            Ok(c) => c,
            Err(e) => {
                skipped.push(Skipped {
                    reason: without_name(&file, one_line(&e)),
                    file,
                    number: None,
                });
                continue;
            }
        };
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
                    proposal,
                });
        }
    }
    let plans = plans(by_text, &bases);

    // Every file goes in place at the end, synced together.
    let staged = Staged::default();
    let progress = Progress::new(plans.len(), "texts");
    let outcomes: Vec<Outcome> = plans
        .par_iter()
        .map(|plan| {
            let outcome = process(plan, args, &staged);
            let line = match &outcome.provision.error {
                None => format!(
                    "{}: {} proposals, {} rows changed, {} conflicts",
                    plan.key,
                    plan.proposals.len(),
                    outcome.provision.changed_rows,
                    outcome.provision.conflicts
                ),
                Some(e) => format!("{}: error: {e}", plan.key),
            };
            progress.tick(line);
            outcome
        })
        .collect();
    progress.finish();

    let mut index = AssemblyIndex {
        provisions: Vec::with_capacity(outcomes.len()),
        proposers,
        skipped: Vec::new(),
    };
    for outcome in outcomes {
        skipped.extend(outcome.skipped);
        index.provisions.push(outcome.provision);
    }
    index.skipped = skipped;
    write_index(args, &index, &staged)?;
    staged.commit()?;

    for s in &index.skipped {
        match &s.number {
            Some(n) => eprintln!("synoptic: skipped: {}: proposal {n}: {}", s.file, s.reason),
            None => eprintln!("synoptic: skipped: {}: {}", s.file, s.reason),
        }
    }
    for provision in &index.provisions {
        for note in &provision.notes {
            eprintln!("synoptic: note: {}: {note}", provision.key);
        }
    }
    let failed = index
        .provisions
        .iter()
        .filter(|p| p.error.is_some())
        .count();
    eprintln!(
        "synoptic: {} texts from {} contributions, {} skipped; index: {}",
        index.provisions.len(),
        args.contributions.len(),
        index.skipped.len(),
        args.output.join("index.html").display()
    );
    if index.skipped.is_empty() && failed == 0 {
        Ok(())
    } else {
        Err(Failure::Input(anyhow!(
            "{} contributions, proposals or texts skipped, {} texts failed",
            index.skipped.len(),
            failed
        )))
    }
}

/// An error message without the file name it starts with, for lists
/// that name the file beside it.
fn without_name(file: &str, message: String) -> String {
    match message
        .strip_prefix(file)
        .and_then(|m| m.strip_prefix(": "))
    {
        Some(rest) => rest.to_string(),
        None => message,
    }
}

/// Writes `index.json` and `index.html`.
fn write_index(args: &AssembleArgs, index: &AssemblyIndex, staged: &Staged) -> Result<()> {
    let name = args
        .output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| args.output.display().to_string());
    let title = format!("Assembly: {name}");
    staged.write(&args.output.join("index.json"), |out: &mut dyn Write| {
        assembly::write_json(index, out)
    })?;
    staged.write(&args.output.join("index.html"), |out: &mut dyn Write| {
        assembly::write_html(&title, index, out)
    })
}

/// Reads one contribution within the limits: the file's size and the
/// length of its paragraphs.
fn read_contribution(path: &Path, input: &InputArgs) -> Result<Contribution> {
    let name = display_name(path);
    let budget = Budget::new(&input.limits.limits());
    let bytes = budget.read(path)?;
    let contribution = contribution::read(&name, &bytes, &auto_options(input))
        .map_err(|e| anyhow!("{name}: {e}"))?;
    for proposal in &contribution.proposals {
        budget.check_document(&name, &proposal.document)?;
    }
    Ok(contribution)
}

/// The texts in force of the bases folder, by their title's match key,
/// and the files left out (unreadable, without a title line, or a second
/// file for the same text).
fn read_bases(dir: &Path, input: &InputArgs) -> Result<(HashMap<String, Base>, Vec<Skipped>)> {
    let entries =
        fs::read_dir(dir).with_context(|| format!("{}: cannot read folder", dir.display()))?;
    let mut files: Vec<PathBuf> = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot read folder", dir.display()))?;
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !hidden && entry.path().is_file() {
            files.push(entry.path());
        }
    }
    files.sort();
    let read: Vec<Result<Base>> = files
        .par_iter()
        .map(|path| {
            let file = display_name(path);
            let budget = Budget::new(&input.limits.limits());
            let document = load::read_document(path, &load_options(input), &budget)?;
            // Without a title line, a name such as `resolution-44.txt`
            // still says which text it is.
            let title = title_of(&document)
                .or_else(|| TextTitle::parse(&stem(path).replace(['-', '_'], " ")))
                .ok_or_else(|| {
                    anyhow!("{file}: no title line (such as RESOLUTION 44) in its first paragraphs")
                })?;
            Ok(Base {
                file,
                title,
                document,
            })
        })
        .collect();
    let mut bases: HashMap<String, Base> = HashMap::new();
    let mut skipped = Vec::new();
    for (path, result) in files.iter().zip(read) {
        match result {
            Ok(base) => {
                let key = base.title.match_key();
                if let Some(first) = bases.get(&key) {
                    skipped.push(Skipped {
                        file: base.file.clone(),
                        number: None,
                        reason: format!(
                            "a second text in force for {}; {} is used",
                            base.title.name(),
                            first.file
                        ),
                    });
                } else {
                    bases.insert(key, base);
                }
            }
            Err(e) => {
                let file = display_name(path);
                skipped.push(Skipped {
                    reason: without_name(&file, one_line(&e)),
                    file,
                    number: None,
                })
            }
        }
    }
    Ok((bases, skipped))
}

/// The title line of a text in force: the first of its first paragraphs
/// (openers included) that reads as one.
fn title_of(document: &Document) -> Option<TextTitle> {
    document
        .sections
        .iter()
        .flat_map(|s| s.opener.iter().chain(&s.paragraphs))
        .take(8)
        .find_map(|p| TextTitle::parse(&p.text))
}

/// The texts to write, in the order of their keys (numbers by value:
/// `resolution-2` before `resolution-10`), each key unique.
fn plans(by_text: HashMap<String, Vec<Planned>>, bases: &HashMap<String, Base>) -> Vec<Plan<'_>> {
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

/// Compares two keys with their runs of digits by value.
fn natural_cmp(a: &str, b: &str) -> Ordering {
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

/// Builds and writes the synopsis of one text.
fn process(plan: &Plan<'_>, args: &AssembleArgs, staged: &Staged) -> Outcome {
    let title = plan
        .base
        .map(|b| &b.title)
        .or_else(|| plan.proposals.first().map(|p| &p.proposal.title));
    let mut provision = Provision {
        key: plan.key.clone(),
        title: title.map(|t| t.line.clone()).unwrap_or_default(),
        proposals: plan
            .proposals
            .iter()
            .map(|p| ProposalEntry {
                proposer: p.proposer.clone(),
                action: p.proposal.marker.action.as_str().to_string(),
                number: p.proposal.marker.number.clone(),
                source: p.proposal.document.metadata.source.clone(),
            })
            .collect(),
        base: plan.base.map(|b| b.file.clone()),
        ..Provision::default()
    };
    let name = title
        .map(TextTitle::name)
        .unwrap_or_else(|| plan.key.clone());
    let synopsis = match synopsis_of(plan, &name, args) {
        Ok(synopsis) => synopsis,
        Err(reason) => {
            provision.error = Some(reason.clone());
            // Every proposal of the text is left out: say which.
            let skipped = plan
                .proposals
                .iter()
                .map(|p| Skipped {
                    file: p.file.clone(),
                    number: p.proposal.marker.number.clone(),
                    reason: reason.clone(),
                })
                .collect();
            return Outcome { provision, skipped };
        }
    };
    let file = format!("{}.{}", plan.key, extension(args.format.format()));
    let view = View {
        title: format!("{name} proposals side-by-side"),
        only_changed: false,
        width: 120,
        color: false,
    };
    let written = staged.write(&args.output.join(&file), |out: &mut dyn Write| {
        render(&synopsis, args.format.format(), &view, out)
    });
    if let Err(e) = written {
        provision.error = Some(one_line(&e));
        return Outcome {
            provision,
            skipped: Vec::new(),
        };
    }
    provision.file = Some(file);
    provision.base_inferred = synopsis.base_inferred;
    provision.rows = synopsis.rows.len();
    provision.changed_rows = synopsis.changed_row_count();
    provision.conflicts = consolidate(&synopsis, None).conflict_count();
    provision.notes = synopsis.notes.clone();
    Outcome {
        provision,
        skipped: Vec::new(),
    }
}

/// The synopsis of one text, with notes on how it was made; the error is
/// why it could not be made.
fn synopsis_of(plan: &Plan<'_>, name: &str, args: &AssembleArgs) -> Result<Synopsis, String> {
    let budget = Budget::new(&args.input.limits.limits());
    budget
        .check_versions(plan.proposals.len() + 1, Some(name))
        .map_err(|e| one_line(&e.into()))?;
    let mut notes = Vec::new();
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
                    document,
                }
            })
            .collect()
    };
    let options = CompareOptions::default();
    let mut synopsis = match plan.base {
        Some(base) => {
            let base = VersionInput {
                label: "Text in force".into(),
                document: base.document.clone(),
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
                        args.bases.display()
                    ));
                };
                notes.push(format!(
                    "no text in force for {name} in {}: the text is the one {}'s proposal quotes",
                    args.bases.display(),
                    quoting.proposer
                ));
                let base = VersionInput {
                    label: "Text in force".into(),
                    document: text,
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
                        "no text in force for {name} in {}: the base is inferred from the proposals",
                        args.bases.display()
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
            Action::Mod | Action::Add => {}
        }
    }
    synopsis.notes.splice(0..0, notes);
    Ok(synopsis)
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
        text: p.original_text(),
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
                version: version.clone(),
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
                version: version.clone(),
                status: Status::Deleted,
                ops: all_deleted(text.as_str()),
                ..Cell::default()
            },
            (None, _) => Cell {
                version: version.clone(),
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
    use super::natural_cmp;
    use std::cmp::Ordering;

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
