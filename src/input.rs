//! Reading the files named on the command line into documents.

use std::path::Path;

use anyhow::{anyhow, bail, Result};
use clap::ValueEnum;
use rayon::prelude::*;
use synoptic_core::lang::Language;
use synoptic_core::structure::Tradition;
use synoptic_core::VersionInput;
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
    /// Decided once for all the inputs: lines that run on at a
    /// hard-wrapped input's margin are joined, other lines stay apart.
    #[default]
    Auto,
    /// One paragraph per line.
    Lines,
    /// One paragraph per blank-line-separated block.
    Blocks,
}

/// The drafting tradition whose structure the inputs follow (`--structure`).
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Structure {
    /// Detect it once from all the inputs of a synopsis.
    #[default]
    Auto,
    /// Resolutions: considering, resolves, instructs ..., annexes.
    Itu,
    /// Bills: DIVISION, TITLE, Subtitle, PART, CHAPTER, SEC. 101., Section 1.
    Bill,
    /// Acts and regulations: Whereas: and recitals, CHAPTER, Article 5.
    Act,
    /// No openers: every line of text is a paragraph (Markdown headings
    /// still start sections).
    None,
}

impl Structure {
    /// The tradition chosen, or `None` for detection.
    pub fn tradition(self) -> Option<Tradition> {
        match self {
            Structure::Auto => None,
            Structure::Itu => Some(Tradition::Itu),
            Structure::Bill => Some(Tradition::Bill),
            Structure::Act => Some(Tradition::Act),
            Structure::None => Some(Tradition::None),
        }
    }
}

/// The reading options every command that takes documents shares.
#[derive(clap::Args, Debug, Clone, Default)]
pub struct InputArgs {
    /// How to read the inputs (default: by file extension).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// How plain text is split into paragraphs; `auto` decides once for
    /// all the inputs: lines that run on at a hard-wrapped input's margin
    /// are joined, every other line is a paragraph.
    #[arg(long, value_enum, default_value_t = Paragraphs::Auto)]
    pub paragraphs: Paragraphs,
    /// The structure of the inputs' sections and labels: ITU resolutions,
    /// bills (SEC. 101., (a)(1)(A)), acts (Whereas:, Article 5); `auto`
    /// detects it once from all the inputs.
    #[arg(long, value_enum, default_value_t = Structure::Auto)]
    pub structure: Structure,
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

/// Reads an existing side-by-side table within the limits: the file's
/// size, its number of columns and the length of its paragraphs.
pub fn read_side_by_side(path: &Path, args: &InputArgs) -> Result<SideBySide> {
    let name = display_name(path);
    let budget = Budget::new(&args.limits);
    let text = decode_text(&name, &budget.read(path)?, args)?;
    let table = side_by_side::read(&text).map_err(|e| anyhow!("{name}: {e}"))?;
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
        structure: args.structure.tradition(),
    }
}

/// The versions of one synopsis as read, with what the reader should know
/// about how they were read.
pub struct Inputs {
    /// The base, when one was given.
    pub base: Option<VersionInput>,
    /// The proposals in command-line order (a CollateX file gives several).
    pub proposals: Vec<VersionInput>,
    /// Notes for the synopsis: which files had lines joined into paragraphs.
    pub notes: Vec<String>,
}

/// One input file as read, before it is parsed.
enum Loaded {
    /// Decoded plain text or Markdown.
    Text(String),
    /// The bytes of a Word file.
    Word(Vec<u8>),
    /// The decoded JSON of a CollateX file.
    Collation(String),
}

impl Loaded {
    fn text(&self) -> Option<&str> {
        match self {
            Loaded::Text(text) => Some(text),
            Loaded::Word(_) | Loaded::Collation(_) => None,
        }
    }
}

/// Reads and decodes one input within the budget; `collation` allows a
/// `.json` proposal to be CollateX witnesses.
fn load(path: &Path, args: &InputArgs, budget: &Budget, collation: bool) -> Result<Loaded> {
    let name = display_name(path);
    let bytes = budget.read(path)?;
    if collation && !is_stdin(path) && auto::extension(&path.to_string_lossy()) == "json" {
        let content = decode_text(&name, &bytes, args)?;
        if !collatex::looks_like_collatex(&content) {
            bail!("{name}: a .json input must be CollateX witnesses ({{\"witnesses\": [...]}})");
        }
        return Ok(Loaded::Collation(content));
    }
    if auto::is_word(&name, &bytes, auto_options(args).format) {
        return Ok(Loaded::Word(bytes));
    }
    Ok(Loaded::Text(decode_text(&name, &bytes, args)?))
}

/// Parses one loaded input under the run's options: its versions, and the
/// note saying how many of its lines were joined, if any.
fn parse(
    path: &Path,
    loaded: &Loaded,
    label: String,
    options: &auto::AutoOptions,
    budget: &Budget,
) -> Result<(Vec<VersionInput>, Option<String>)> {
    let name = display_name(path);
    let (document, joined) = match loaded {
        Loaded::Collation(content) => {
            let witnesses =
                auto::witnesses(content, options).map_err(|e| anyhow!("{name}: {e}"))?;
            budget.check_versions(witnesses.len(), Some(&name))?;
            budget.check_versions_text(&name, &witnesses)?;
            return Ok((witnesses, None));
        }
        Loaded::Word(bytes) => auto::document_counted(&name, bytes, options),
        Loaded::Text(content) => auto::text_document(&name, content, options),
    }
    .map_err(|e| anyhow!("{name}: {e}"))?;
    budget.check_document(&name, &document)?;
    let note = joined.note().map(|note| format!("{name}: {note}"));
    Ok((vec![VersionInput { label, document }], note))
}

/// Reads the base (if any) and the proposals, labelling the proposals with
/// `labels` in order or by their file stems. What is left to detection —
/// the structure, and how lines become paragraphs — is decided once from
/// all the text inputs together ([`auto::plan`]), so the versions are read
/// alike.
pub fn read_inputs(
    base: Option<&Path>,
    proposals: &[std::path::PathBuf],
    labels: &[String],
    args: &InputArgs,
) -> Result<Inputs> {
    // The limits that need no reading come first: how many versions, and
    // how large the files say they are.
    let budget = Budget::new(&args.limits);
    budget.check_versions(proposals.len() + usize::from(base.is_some()), None)?;
    let paths: Vec<&Path> = base
        .into_iter()
        .chain(proposals.iter().map(|p| p.as_path()))
        .collect();
    budget.check_planned(&paths)?;
    let base_loaded = match base {
        Some(path) => Some(load(path, args, &budget, false)?),
        None => None,
    };
    // Files are read in parallel; the first error (in command line order)
    // is the one reported.
    let loaded: Vec<Result<Loaded>> = proposals
        .par_iter()
        .map(|path| load(path, args, &budget, true))
        .collect();
    let loaded: Vec<Loaded> = loaded.into_iter().collect::<Result<_>>()?;
    let contents: Vec<&str> = base_loaded
        .iter()
        .chain(&loaded)
        .filter_map(Loaded::text)
        .collect();
    let options = auto::plan(&contents, &auto_options(args));

    let mut notes = Vec::new();
    let base = match (base, &base_loaded) {
        (Some(path), Some(loaded)) => {
            let (mut versions, note) = parse(path, loaded, stem(path), &options, &budget)?;
            notes.extend(note);
            versions.pop()
        }
        _ => None,
    };
    let names = auto::unique_labels(
        proposals
            .iter()
            .enumerate()
            .map(|(i, p)| labels.get(i).cloned().unwrap_or_else(|| stem(p))),
    );
    let names: Vec<String> = names.into_iter().collect();
    let parsed: Vec<Result<(Vec<VersionInput>, Option<String>)>> = proposals
        .par_iter()
        .zip(&loaded)
        .zip(names)
        .map(|((path, loaded), label)| parse(path, loaded, label, &options, &budget))
        .collect();
    let mut out = Vec::with_capacity(proposals.len());
    for result in parsed {
        let (versions, note) = result?;
        out.extend(versions);
        notes.extend(note);
    }
    // CollateX files may have brought in more versions than they are files.
    budget.check_versions(out.len() + usize::from(base.is_some()), None)?;
    let labels = auto::unique_labels(out.iter().map(|v| v.label.clone()));
    for (version, label) in out.iter_mut().zip(labels) {
        version.label = label;
    }
    Ok(Inputs {
        base,
        proposals: out,
        notes,
    })
}
