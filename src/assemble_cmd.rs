//! `synoptic assemble`: the whole assembly from the contributions as
//! received. Each contribution's proposals are matched to the texts in
//! force of `--bases DIR` by their title's keyword and number (`RESOLUTION
//! 44`), and every text gets one synopsis with a column per proposal
//! (`Proposal 2 (MOD, Addendum 8 to Document 35) (ATU)`), in parallel, with
//! an index of texts × proposers. A contribution that cannot be read, or a
//! proposal that cannot be matched, is reported and the rest completes.

use std::collections::HashMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, Context, Result};
use clap::ValueEnum;
use rayon::prelude::*;
use synoptic_core::consolidate::consolidate;
use synoptic_formats::assemble::{self as shared, Base, Plan};
use synoptic_formats::read::auto;
use synoptic_formats::read::contribution::Contribution;
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
    let mut readable = Vec::with_capacity(read.len());
    for ((path, result), proposer) in args.contributions.iter().zip(read).zip(&proposers) {
        let file = display_name(path);
        match result {
            Ok(c) => readable.push((proposer.clone(), file, c)),
            Err(e) => skipped.push(Skipped {
                reason: without_name(&file, one_line(&e)),
                file,
                number: None,
            }),
        }
    }
    let (by_text, unreadable) = shared::gather(readable);
    skipped.extend(unreadable);
    let plans = shared::plans(by_text, &bases);

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
    Ok(shared::read_contribution(
        &name,
        &bytes,
        &auto_options(input),
        &budget,
    )?)
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
            let title = shared::base_title(&document, &stem(path)).ok_or_else(|| {
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

/// Builds and writes the synopsis of one text.
fn process(plan: &Plan<'_>, args: &AssembleArgs, staged: &Staged) -> Outcome {
    let title = plan.title();
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
    let name = plan.name();
    let budget = Budget::new(&args.input.limits.limits());
    let bases = args.bases.display().to_string();
    let synopsis = match shared::synopsis_of(plan, &name, &bases, &budget) {
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
    provision.title = shared::shown_title(plan, &synopsis);
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
