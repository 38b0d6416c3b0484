//! Reading the files named on the command line into documents.

use std::path::Path;

use anyhow::{anyhow, bail, Result};
use clap::ValueEnum;
use rayon::prelude::*;
use synoptic_core::lang::Language;
use synoptic_core::{Document, VersionInput};
use synoptic_formats::read::collatex::DisplayForms;
use synoptic_formats::read::side_by_side::{self, SideBySide};
use synoptic_formats::read::{auto, collatex, docx, text};

use crate::limits::{Budget, LimitArgs};

/// How to read an input file.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// By extension: .md and .markdown are Markdown, .docx (or a zip) is
    /// Word, anything else text.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// Markdown, with CriticMarkup for the proposer's own changes.
    Markdown,
    /// Word .docx, with its tracked changes.
    Docx,
}

/// What to do with the tracked changes of a Word .docx input.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum TrackChanges {
    /// Keep them as the proposer's own changes.
    #[default]
    All,
    /// Read the file as if every change were accepted.
    Accept,
    /// Read the file as if every change were rejected.
    Reject,
}

/// The language of the inputs (`--lang`).
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Lang {
    /// Detect it per file, by script and section openers.
    #[default]
    Auto,
    /// English.
    En,
    /// French.
    Fr,
    /// Spanish.
    Es,
    /// Russian.
    Ru,
    /// Arabic.
    Ar,
    /// Chinese.
    Zh,
}

impl Lang {
    /// The language chosen, or `None` for detection.
    pub fn language(self) -> Option<Language> {
        match self {
            Lang::Auto => None,
            Lang::En => Some(Language::En),
            Lang::Fr => Some(Language::Fr),
            Lang::Es => Some(Language::Es),
            Lang::Ru => Some(Language::Ru),
            Lang::Ar => Some(Language::Ar),
            Lang::Zh => Some(Language::Zh),
        }
    }
}

/// How plain text is split into paragraphs.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Paragraphs {
    /// Blocks when the text is hard-wrapped prose, lines otherwise.
    #[default]
    Auto,
    /// One paragraph per line.
    Lines,
    /// One paragraph per blank-line-separated block.
    Blocks,
}

/// The reading options every command that takes documents shares.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// How to read the inputs (default: by file extension).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// How plain text is split into paragraphs.
    #[arg(long, value_enum, default_value_t = Paragraphs::Auto)]
    pub paragraphs: Paragraphs,
    /// What to do with the tracked changes of .docx inputs.
    #[arg(long, value_enum, default_value_t = TrackChanges::All)]
    pub track_changes: TrackChanges,
    /// The language of the inputs, for their section openers
    /// ("considérant", "учитывая", "إذ تضع في اعتبارها", "考虑到") and labels;
    /// `auto` detects it per file by script and openers.
    #[arg(long, value_enum, default_value_t = Lang::Auto)]
    pub lang: Lang,
    /// Input limits and `--lossy`.
    #[command(flatten)]
    pub limits: LimitArgs,
}

/// True for the path `-`, which stands for standard input.
pub fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// The name a file is shown by in errors.
pub fn display_name(path: &Path) -> String {
    if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// The default label of a version: its file stem.
pub fn stem(path: &Path) -> String {
    if is_stdin(path) {
        return "stdin".into();
    }
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Reads the bytes of a file, or of standard input for `-`, within the
/// per-file size limit of `args`.
pub fn read_bytes(path: &Path, args: &InputArgs) -> Result<Vec<u8>> {
    Budget::new(&args.limits).read(path)
}

/// Decodes a text input: refusing invalid UTF-8 with its byte offset, or
/// replacing it under `--lossy`.
fn decode_text(name: &str, bytes: &[u8], args: &InputArgs) -> Result<String> {
    auto::decode_text(bytes, &auto_options(args)).map_err(|e| anyhow!("{name}: {e}"))
}

/// Reads an existing side-by-side table (flattened to text, or a Word
/// table with tracked changes) within the limits: the file's
/// size, its number of columns and the length of its paragraphs.
pub fn read_side_by_side(path: &Path, args: &InputArgs) -> Result<SideBySide> {
    let name = display_name(path);
    let budget = Budget::new(&args.limits);
    let bytes = budget.read(path)?;
    let table = if side_by_side::is_docx(&bytes) {
        side_by_side::read_docx(&bytes)
    } else {
        side_by_side::read(&decode_text(&name, &bytes, args)?)
    }
    .map_err(|e| anyhow!("{name}: {e}"))?;
    budget.check_versions(table.columns.len(), Some(&name))?;
    budget.check_versions_text(&name, &table.version_inputs())?;
    Ok(table)
}

/// Reads a text file (such as the chair's decisions) within the limits.
pub fn read_text(path: &Path, args: &InputArgs) -> Result<String> {
    let name = display_name(path);
    let bytes = read_bytes(path, args)?;
    decode_text(&name, &bytes, args)
}

/// Reads one document in the format its extension (or `--input-format`)
/// says, within the limits of `budget`; every error names the file.
pub fn read_document(path: &Path, args: &InputArgs, budget: &Budget) -> Result<Document> {
    let name = display_name(path);
    let document = parse_document(path, args, &budget.read(path)?)?;
    budget.check_document(&name, &document)?;
    Ok(document)
}

/// Parses the bytes of one document.
fn parse_document(path: &Path, args: &InputArgs, bytes: &[u8]) -> Result<Document> {
    let name = display_name(path);
    auto::document(&name, bytes, &auto_options(args)).map_err(|e| anyhow!("{name}: {e}"))
}

/// The reading options of `args` as the formats crate takes them.
pub fn auto_options(args: &InputArgs) -> auto::AutoOptions {
    auto::AutoOptions {
        format: match args.input_format {
            InputFormat::Auto => auto::Format::Auto,
            InputFormat::Text => auto::Format::Text,
            InputFormat::Markdown => auto::Format::Markdown,
            InputFormat::Docx => auto::Format::Docx,
        },
        paragraphs: match args.paragraphs {
            Paragraphs::Auto => text::ParagraphMode::Auto,
            Paragraphs::Lines => text::ParagraphMode::Lines,
            Paragraphs::Blocks => text::ParagraphMode::Blocks,
        },
        track_changes: match args.track_changes {
            TrackChanges::All => docx::TrackChanges::All,
            TrackChanges::Accept => docx::TrackChanges::Accept,
            TrackChanges::Reject => docx::TrackChanges::Reject,
        },
        language: args.lang.language(),
        lossy: args.limits.lossy,
    }
}

/// Reads the base (if any) and the proposals, labelling the proposals with
/// `labels` in order or by their file stems. CollateX witnesses come in
/// their tokens' normalised forms, with the forms to show them in once
/// compared ([`DisplayForms::restore`]).
pub fn read_versions(
    base: Option<&Path>,
    proposals: &[std::path::PathBuf],
    labels: &[String],
    args: &InputArgs,
) -> Result<(Option<VersionInput>, Vec<VersionInput>, DisplayForms)> {
    // The limits that need no reading come first: how many versions, and
    // how large the files say they are.
    let budget = Budget::new(&args.limits);
    budget.check_versions(proposals.len() + usize::from(base.is_some()), None)?;
    let paths: Vec<&Path> = base
        .into_iter()
        .chain(proposals.iter().map(|p| p.as_path()))
        .collect();
    budget.check_planned(&paths)?;
    let base = match base {
        Some(path) => Some(VersionInput {
            label: stem(path),
            document: read_document(path, args, &budget)?,
        }),
        None => None,
    };
    let names = auto::unique_labels(
        proposals
            .iter()
            .enumerate()
            .map(|(i, p)| labels.get(i).cloned().unwrap_or_else(|| stem(p))),
    );
    // Files are read and parsed in parallel; the first error (in command
    // line order) is the one reported.
    let read: Vec<Result<(Vec<VersionInput>, DisplayForms)>> = proposals
        .par_iter()
        .zip(names)
        .map(|(path, label)| match read_collation(path, args, &budget)? {
            // A CollateX file holds several versions, named by their ids.
            Some(witnesses) => Ok(witnesses),
            None => Ok((
                vec![VersionInput {
                    label,
                    document: read_document(path, args, &budget)?,
                }],
                DisplayForms::default(),
            )),
        })
        .collect();
    let mut out = Vec::with_capacity(proposals.len());
    let mut forms = DisplayForms::default();
    for read in read {
        let (versions, shown) = read?;
        out.extend(versions);
        forms.extend(shown);
    }
    // CollateX files may have brought in more versions than they are files.
    budget.check_versions(out.len() + usize::from(base.is_some()), None)?;
    let labels = auto::unique_labels(out.iter().map(|v| v.label.clone()));
    for (version, label) in out.iter_mut().zip(labels) {
        version.label = label;
    }
    Ok((base, out, forms))
}

/// The witnesses of a CollateX JSON file (`.json` holding a `witnesses`
/// list), or `None` for any other file.
fn read_collation(
    path: &Path,
    args: &InputArgs,
    budget: &Budget,
) -> Result<Option<(Vec<VersionInput>, DisplayForms)>> {
    let ext = auto::extension(&path.to_string_lossy());
    if ext != "json" || is_stdin(path) {
        return Ok(None);
    }
    let name = display_name(path);
    let content = decode_text(&name, &budget.read(path)?, args)?;
    if !collatex::looks_like_collatex(&content) {
        bail!("{name}: a .json input must be CollateX witnesses ({{\"witnesses\": [...]}})");
    }
    let mut witnesses =
        auto::witnesses(&content, &auto_options(args)).map_err(|e| anyhow!("{name}: {e}"))?;
    budget.check_versions(witnesses.len(), Some(&name))?;
    budget.check_versions_text(&name, &witnesses)?;
    let forms = collatex::normalise(&content, &mut witnesses);
    Ok(Some((witnesses, forms)))
}
