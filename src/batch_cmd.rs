//! `synoptic batch`: a whole assembly in one command. Each subfolder of the
//! input folder is one text — a base named `base.*` and its proposals, or a
//! single side-by-side table, or a CollateX JSON file — and gets its own
//! synopsis; an index page lists them all with their counts. Texts are
//! processed in parallel, and one bad text does not stop the others.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{anyhow, bail, Context, Result};
use rayon::prelude::*;
use synoptic_core::consolidate::row_conflicts;
use synoptic_core::stats::stats;
use synoptic_core::{compare, CompareOptions, Synopsis};
use synoptic_formats::write::index::{self, IndexEntry, IndexOutcome};
use synoptic_formats::write::{html, plural, title_of};

use crate::compare_cmd::{render, Format, View};
use crate::input::{read_inputs, read_side_by_side, InputArgs};
use crate::output::Staged;
use crate::progress::Progress;
use crate::Failure;

/// Arguments of `synoptic batch`.
#[derive(clap::Args, Debug)]
pub struct BatchArgs {
    /// A folder with one subfolder per text.
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,
    /// The folder to write the synopses and the index to (created if
    /// missing).
    #[arg(short, long, value_name = "OUTDIR")]
    pub output: PathBuf,
    /// Format of each synopsis (the index is always HTML and JSON).
    #[arg(long, value_enum, default_value_t = Format::Html)]
    pub format: Format,
    #[command(flatten)]
    pub input: InputArgs,
}

/// Runs `synoptic batch`.
pub fn run(args: &BatchArgs) -> Result<(), Failure> {
    let texts = list_texts(&args.dir)?;
    fs::create_dir_all(&args.output)
        .with_context(|| format!("{}: cannot create", args.output.display()))?;

    // Every file goes in place at the end, synced together: a sync per
    // file, one after the other, cost more than making the synopses.
    let staged = Staged::default();
    let progress = Progress::new(texts.len(), "texts");
    let entries: Vec<IndexEntry> = texts
        .par_iter()
        .map(|(name, dir)| {
            let result = process(name, dir, args, &staged);
            let line = match &result {
                Ok(o) => format!(
                    "{name}: {}, {} changed, {}",
                    plural(o.rows, "row", "rows"),
                    o.changed_rows,
                    plural(o.conflicts, "conflict", "conflicts")
                ),
                Err(e) => format!("{name}: error: {}", one_line(e)),
            };
            progress.tick(line);
            match result {
                Ok(outcome) => IndexEntry {
                    name: name.clone(),
                    outcome: Some(outcome),
                    error: String::new(),
                },
                Err(e) => IndexEntry {
                    name: name.clone(),
                    outcome: None,
                    error: one_line(&e),
                },
            }
        })
        .collect();
    progress.finish();

    let title = format!(
        "Synopses: {}",
        args.dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| args.dir.display().to_string())
    );
    staged.write(&args.output.join("index.html"), |out: &mut dyn Write| {
        index::write_html(&title, &entries, out)
    })?;
    staged.write(&args.output.join("index.json"), |out: &mut dyn Write| {
        index::write_json(&entries, out)
    })?;
    staged.commit()?;

    let failed: Vec<&IndexEntry> = entries.iter().filter(|e| e.outcome.is_none()).collect();
    for entry in &failed {
        eprintln!("synoptic: error: {}: {}", entry.name, entry.error);
    }
    eprintln!(
        "synoptic: {}, {} failed; index: {}",
        plural(entries.len(), "text", "texts"),
        failed.len(),
        args.output.join("index.html").display()
    );
    if failed.is_empty() {
        Ok(())
    } else {
        Err(Failure::Input(anyhow!(
            "{} of {} texts failed",
            failed.len(),
            entries.len()
        )))
    }
}

/// An error on one line, with its causes.
pub(crate) fn one_line(error: &anyhow::Error) -> String {
    format!("{error:#}").replace('\n', " ")
}

/// The texts of the assembly: each subfolder, by name.
fn list_texts(dir: &Path) -> Result<Vec<(String, PathBuf)>, Failure> {
    let entries =
        fs::read_dir(dir).with_context(|| format!("{}: cannot read folder", dir.display()))?;
    let mut texts = Vec::new();
    for entry in entries {
        let entry = entry.with_context(|| format!("{}: cannot read folder", dir.display()))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        if entry.path().is_dir() {
            texts.push((name, entry.path()));
        }
    }
    if texts.is_empty() {
        return Err(Failure::Input(anyhow!(
            "{}: no subfolders; each text of an assembly is a folder with a base and its proposals",
            dir.display()
        )));
    }
    texts.sort();
    Ok(texts)
}

/// Builds and writes the synopsis of one text.
fn process(name: &str, dir: &Path, args: &BatchArgs, staged: &Staged) -> Result<IndexOutcome> {
    let synopsis = synopsis_of(dir, &args.input)?;
    let file = format!("{name}.{}", extension(args.format));
    let view = View {
        title: title_of(&synopsis).unwrap_or_else(|| format!("Synopsis: {name}")),
        only_changed: false,
        width: 120,
        color: false,
    };
    let conflicts = if args.format == Format::Html {
        // The page's figures count the conflicts: worked out once, for both.
        let options = html::HtmlOptions {
            title: view.title.clone(),
            only_changed: view.only_changed,
            stats: Some(stats(&synopsis)),
        };
        let conflicts = options.stats.as_ref().map_or(0, |st| st.conflict_rows);
        staged.write(&args.output.join(&file), |out: &mut dyn Write| {
            html::write(&synopsis, &options, out)
        })?;
        conflicts
    } else {
        staged.write(&args.output.join(&file), |out: &mut dyn Write| {
            render(&synopsis, args.format, &view, out)
        })?;
        // The rows a draft would bracket, without making the draft: a row
        // fewer than two proposals change holds no conflict.
        row_conflicts(&synopsis).iter().flatten().count()
    };
    Ok(IndexOutcome {
        file,
        proposals: synopsis
            .versions
            .iter()
            .filter(|v| v.role == synoptic_core::Role::Proposal)
            .map(|v| v.label.clone())
            .collect(),
        base_inferred: synopsis.base_inferred,
        rows: synopsis.rows.len(),
        changed_rows: synopsis.changed_row_count(),
        conflicts,
    })
}

/// The file extension of a synopsis written in `format`.
pub(crate) fn extension(format: Format) -> &'static str {
    match format {
        Format::Html => "html",
        Format::Json => "json",
        Format::Md => "md",
        Format::Term => "txt",
        Format::Docx => "docx",
    }
}

/// The synopsis of one text folder: `base.*` and proposals, or a single
/// side-by-side table.
fn synopsis_of(dir: &Path, input: &InputArgs) -> Result<Synopsis> {
    let entries: Vec<PathBuf> = fs::read_dir(dir)
        .with_context(|| format!("{}: cannot read folder", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .is_some_and(|n| !n.to_string_lossy().starts_with('.'))
        })
        .collect();
    let mut files: Vec<PathBuf> = entries.iter().filter(|p| p.is_file()).cloned().collect();
    files.sort();
    if files.is_empty() && entries.iter().any(|p| p.is_dir()) {
        // An assembly one level deeper than batch reads (a folder of
        // languages, each a text): say where to point it.
        bail!(
            "{} holds folders: batch reads one level; try `synoptic batch {}`",
            dir.display(),
            dir.display()
        );
    }
    let is_base = |p: &Path| p.file_stem().is_some_and(|s| s == "base");
    let bases: Vec<&PathBuf> = files.iter().filter(|p| is_base(p)).collect();
    if bases.len() > 1 {
        bail!("{}: more than one base file", dir.display());
    }
    let base = bases.first().map(|p| p.as_path());
    let proposals: Vec<PathBuf> = files.iter().filter(|p| !is_base(p)).cloned().collect();
    if proposals.is_empty() {
        bail!("{}: no proposals", dir.display());
    }
    if base.is_none() && proposals.len() == 1 {
        // A lone text or Word file may be an existing side-by-side table.
        let path = &proposals[0];
        if path.extension().is_some_and(|e| e == "txt" || e == "docx") {
            if let Ok(table) = read_side_by_side(path, input) {
                if table.columns.len() >= 2 {
                    return Ok(table.synopsis()?);
                }
            }
        }
    }
    let inputs = read_inputs(base, &proposals, &[], input)?;
    let mut synopsis = compare(
        inputs.base.as_ref(),
        &inputs.proposals,
        &CompareOptions::default(),
    )?;
    inputs.forms.restore(&mut synopsis);
    synopsis.notes.splice(0..0, inputs.notes);
    Ok(synopsis)
}
