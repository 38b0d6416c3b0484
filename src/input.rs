//! The reading options of the command line (`--input-format`,
//! `--paragraphs`, `--track-changes`, `--lang`, the limits), turned into
//! the options of `synoptic_formats::load`, which reads the files.

use std::path::{Path, PathBuf};

use anyhow::Result;
use clap::ValueEnum;
use synoptic_core::lang::Language;
use synoptic_core::structure::Tradition;
use synoptic_formats::load::{self, Inputs, LoadOptions};
use synoptic_formats::read::side_by_side::SideBySide;
use synoptic_formats::read::{auto, docx, text};

use crate::limits::LimitArgs;

/// How to read an input file.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// By extension: .md and .markdown are Markdown, .docx (or a zip) is
    /// Word, .html and .htm (or a page starting with a doctype) HTML,
    /// anything else text.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// Markdown, with CriticMarkup for the proposer's own changes.
    Markdown,
    /// Word .docx, with its tracked changes.
    Docx,
    /// HTML, with `<ins>` and `<del>` as the author's own changes.
    Html,
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

pub use synoptic_formats::load::{display_name, is_stdin};

/// Reads an existing side-by-side table (flattened to text, or a Word
/// table with tracked changes) within the limits: the file's size, its
/// number of columns and the length of its paragraphs.
pub fn read_side_by_side(path: &Path, args: &InputArgs) -> Result<SideBySide> {
    Ok(load::read_side_by_side(path, &load_options(args))?)
}

/// Reads a text file (such as the chair's decisions) within the limits.
pub fn read_text(path: &Path, args: &InputArgs) -> Result<String> {
    Ok(load::read_text(path, &load_options(args))?)
}

/// Reads the base (if any) and the proposals, labelling the proposals with
/// `labels` in order or by their file stems; how text is split and
/// structured is decided once for all of them (see
/// [`synoptic_formats::load::read_inputs`]).
pub fn read_inputs(
    base: Option<&Path>,
    proposals: &[PathBuf],
    labels: &[String],
    args: &InputArgs,
) -> Result<Inputs> {
    Ok(load::read_inputs(
        base,
        proposals,
        labels,
        &load_options(args),
    )?)
}

/// The reading options and limits of `args` as the loader takes them.
pub fn load_options(args: &InputArgs) -> LoadOptions {
    LoadOptions {
        read: auto_options(args),
        limits: args.limits.limits(),
    }
}

/// The reading options of `args` as the formats crate takes them.
pub fn auto_options(args: &InputArgs) -> auto::AutoOptions {
    auto::AutoOptions {
        format: match args.input_format {
            InputFormat::Auto => auto::Format::Auto,
            InputFormat::Text => auto::Format::Text,
            InputFormat::Markdown => auto::Format::Markdown,
            InputFormat::Docx => auto::Format::Docx,
            InputFormat::Html => auto::Format::Html,
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
