//! Reading the files named on the command line into documents.

use std::fs;
use std::io;
use std::path::Path;

use anyhow::{anyhow, bail, Context, Result};
use clap::ValueEnum;
use synoptic_core::{Document, VersionInput};
use synoptic_formats::read::{self, markdown, text};

/// How to read an input file.
#[derive(ValueEnum, Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputFormat {
    /// By extension: .md and .markdown are Markdown, anything else text.
    #[default]
    Auto,
    /// Plain text.
    Text,
    /// Markdown, with CriticMarkup for the proposer's own changes.
    Markdown,
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

/// Makes labels distinct, so two files named alike stay two columns.
pub fn unique_labels(labels: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for label in labels {
        let mut candidate = label.clone();
        let mut n = 2;
        while out.contains(&candidate) {
            candidate = format!("{label} ({n})");
            n += 1;
        }
        out.push(candidate);
    }
    out
}

/// Reads the bytes of a file, or of standard input for `-`.
pub fn read_bytes(path: &Path) -> Result<Vec<u8>> {
    let name = display_name(path);
    if is_stdin(path) {
        let mut buf = Vec::new();
        io::Read::read_to_end(&mut io::stdin(), &mut buf)
            .with_context(|| format!("{name}: cannot read"))?;
        Ok(buf)
    } else {
        fs::read(path).with_context(|| format!("{name}: cannot read"))
    }
}

/// Reads one document in the format its extension (or `--input-format`)
/// says; every error names the file.
pub fn read_document(path: &Path, args: &InputArgs) -> Result<Document> {
    let name = display_name(path);
    let bytes = read_bytes(path)?;
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if args.input_format == InputFormat::Auto && ext == "docx" {
        bail!("{name}: Word .docx input is not supported yet; save it as text or Markdown");
    }
    let content = read::decode(&bytes).map_err(|e| anyhow!("{name}: {e}"))?;
    let markdown_input = match args.input_format {
        InputFormat::Markdown => true,
        InputFormat::Text => false,
        InputFormat::Auto => matches!(ext.as_str(), "md" | "markdown"),
    };
    let document = if markdown_input {
        markdown::read(&content, &markdown::MarkdownOptions::default())
    } else {
        let options = text::TextOptions {
            paragraphs: match args.paragraphs {
                Paragraphs::Auto => text::ParagraphMode::Auto,
                Paragraphs::Lines => text::ParagraphMode::Lines,
                Paragraphs::Blocks => text::ParagraphMode::Blocks,
            },
            ..text::TextOptions::default()
        };
        text::read(&content, &options)
    };
    document.map_err(|e| anyhow!("{name}: {e}"))
}

/// Reads the base (if any) and the proposals, labelling the proposals with
/// `labels` in order or by their file stems.
pub fn read_versions(
    base: Option<&Path>,
    proposals: &[std::path::PathBuf],
    labels: &[String],
    args: &InputArgs,
) -> Result<(Option<VersionInput>, Vec<VersionInput>)> {
    let base = match base {
        Some(path) => Some(VersionInput {
            label: stem(path),
            document: read_document(path, args)?,
        }),
        None => None,
    };
    let names = unique_labels(
        proposals
            .iter()
            .enumerate()
            .map(|(i, p)| labels.get(i).cloned().unwrap_or_else(|| stem(p))),
    );
    let mut out = Vec::with_capacity(proposals.len());
    for (path, label) in proposals.iter().zip(names) {
        out.push(VersionInput {
            label,
            document: read_document(path, args)?,
        });
    }
    Ok((base, out))
}
