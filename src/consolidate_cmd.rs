//! `synoptic consolidate`: one draft from the proposals, merging what
//! nobody disputes and bracketing what they do, with the chair's decisions
//! replayed from a file.
//!
//! Decisions that no longer fit (their row vanished or changed, or the
//! proposal they accept is gone) are not applied: each is reported on
//! standard error as a warning and the command still succeeds, since the
//! draft then simply shows that row's alternatives again. `--strict` makes
//! them an error (exit 1, nothing written) for scripts that must not publish
//! a draft that ignores a decision.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::anyhow;
use clap::ValueEnum;
use synoptic_core::consolidate::{consolidate, Decisions};
use synoptic_formats::read;
use synoptic_formats::write::{
    decisions, draft_docx, draft_json, draft_markdown, draft_text, plural,
};

use crate::input::{display_name, read_text, InputArgs};
use crate::output::{extension, write_output};
use crate::sources::Sources;
use crate::Failure;

/// Arguments of `synoptic consolidate`.
#[derive(clap::Args, Debug)]
pub struct ConsolidateArgs {
    #[command(flatten)]
    pub sources: Sources,
    /// The chair's decisions (TOML) to apply, row by row.
    #[arg(long, value_name = "FILE")]
    pub decisions: Option<PathBuf>,
    /// Write a decisions skeleton instead of the draft: every conflicting
    /// row, commented with its alternatives (keeps the decisions of
    /// --decisions).
    #[arg(long, conflicts_with = "format")]
    pub emit_decisions: bool,
    /// Fail (exit 1) instead of warning when a decision no longer fits.
    #[arg(long)]
    pub strict: bool,
    /// Output format (default: by the extension of -o, else Markdown).
    #[arg(long, value_enum)]
    pub format: Option<DraftFormat>,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Output formats of the draft.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum DraftFormat {
    /// Markdown with CriticMarkup against the base, proposers in comments.
    Md,
    /// Plain text, conflicts as bracketed alternatives.
    Txt,
    /// JSON for scripts: rows with their outcome and alternatives.
    Json,
    /// Word with revision marks against the base, authored by the
    /// proposers; disputed spans as bracketed alternatives.
    Docx,
}

/// Runs `synoptic consolidate`.
pub fn run(args: &ConsolidateArgs) -> Result<(), Failure> {
    let format = if args.emit_decisions {
        None
    } else {
        Some(choose_format(args.format, args.output.as_deref())?)
    };
    let synopsis = crate::sources::build(&args.sources)?.synopsis;
    let decisions = match &args.decisions {
        Some(path) => Some(read_decisions(path, &args.sources.input)?),
        None => None,
    };

    if args.emit_decisions {
        let automatic = consolidate(&synopsis, None);
        write_output(args.output.as_deref(), |out: &mut dyn Write| {
            decisions::write(&automatic, decisions.as_ref(), out)
        })?;
        return Ok(());
    }

    let draft = consolidate(&synopsis, decisions.as_ref());
    if !draft.stale.is_empty() {
        let name = args
            .decisions
            .as_deref()
            .map(display_name)
            .unwrap_or_default();
        if args.strict {
            let first = draft
                .stale
                .first()
                .map(ToString::to_string)
                .unwrap_or_default();
            return Err(Failure::Input(anyhow!(
                "{name}: {} decision(s) no longer fit; first: {first}",
                draft.stale.len()
            )));
        }
        for stale in &draft.stale {
            eprintln!("synoptic: warning: {name}: {stale}");
        }
    }
    write_output(args.output.as_deref(), |out: &mut dyn Write| match format {
        Some(DraftFormat::Txt) => draft_text::write(&draft, out),
        Some(DraftFormat::Json) => draft_json::write(&draft, out),
        Some(DraftFormat::Docx) => draft_docx::write(
            &draft,
            &draft_docx::DraftDocxOptions {
                title: Some("Consolidated draft".into()),
            },
            out,
        ),
        _ => draft_markdown::write(&draft, out),
    })?;
    if let Some(path) = &args.output {
        eprintln!(
            "wrote {}: {}, {}",
            path.display(),
            plural(draft.rows.len(), "row", "rows"),
            plural(draft.conflict_count(), "conflict", "conflicts")
        );
    }
    Ok(())
}

fn choose_format(
    explicit: Option<DraftFormat>,
    output: Option<&Path>,
) -> Result<DraftFormat, Failure> {
    if let Some(f) = explicit {
        return Ok(f);
    }
    match output {
        None => Ok(DraftFormat::Md),
        Some(out) => match extension(out).as_str() {
            "md" | "markdown" => Ok(DraftFormat::Md),
            "txt" | "text" => Ok(DraftFormat::Txt),
            "json" => Ok(DraftFormat::Json),
            "docx" => Ok(DraftFormat::Docx),
            _ => Err(Failure::Usage(format!(
                "cannot tell the format of {} from its extension; pass --format",
                out.display()
            ))),
        },
    }
}

fn read_decisions(path: &Path, input: &InputArgs) -> Result<Decisions, Failure> {
    let name = display_name(path);
    let text = read_text(path, input)?;
    let decisions = read::decisions::read(&text).map_err(|e| anyhow!("{name}: {e}"))?;
    Ok(decisions)
}
