//! The `synoptic` command line: a thin layer that reads files, calls the
//! core and a writer, and turns failures into one-line errors and exit codes
//! (0 success, 1 bad input, 2 bad usage).

use std::fs;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use synoptic_core::{compare, CompareOptions, Document, Synopsis, VersionInput};
use synoptic_formats::read::{self, markdown, text};
use synoptic_formats::write::{html, json, markdown as md_out, term};

#[derive(Parser, Debug)]
#[command(
    name = "synoptic",
    version,
    about = "Side-by-side synopsis of competing proposals that amend one text",
    long_about = "Synoptic turns several proposals amending the same text into one \
side-by-side table (a synopsis): one row per part of the text, one column per \
proposal, every change shown word by word against the base."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Align a base and its proposals into a side-by-side synopsis.
    #[command(after_help = "Examples:
  synoptic compare --base examples/resolution/base.txt examples/resolution/afr.txt \\
      examples/resolution/apt.txt examples/resolution/cept.txt -o synopsis.html
  synoptic compare --label AFR --label APT afr.txt apt.txt --format json
  synoptic compare --base base.md proposal.md --format term
  cat proposal.txt | synoptic compare --base base.txt - --format md

Without --base, the base is inferred from what the proposals share.
Without -o the synopsis goes to standard output: the terminal view on a
terminal, HTML otherwise. With -o the format follows the file's extension
unless --format is given.")]
    Compare(CompareArgs),
}

#[derive(clap::Args, Debug)]
struct CompareArgs {
    /// The text the proposals amend (optional: inferred when absent).
    #[arg(long, value_name = "FILE")]
    base: Option<PathBuf>,
    /// Names of the proposals, in order (default: each file's stem).
    #[arg(long = "label", value_name = "NAME")]
    labels: Vec<String>,
    /// The proposals: plain text (.txt) or Markdown (.md); `-` reads
    /// standard input.
    #[arg(value_name = "PROPOSAL", required = true)]
    proposals: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the synopsis to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// How to read the inputs (default: by file extension).
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    input_format: InputFormat,
    /// How plain text is split into paragraphs.
    #[arg(long, value_enum, default_value_t = Paragraphs::Auto)]
    paragraphs: Paragraphs,
    /// Title of the HTML page (default: the base's or first proposal's name).
    #[arg(long)]
    title: Option<String>,
    /// Terminal width for `--format term` (default: the terminal's).
    #[arg(long)]
    width: Option<usize>,
    /// Colour in the terminal view.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    /// A self-contained HTML page.
    Html,
    /// JSON for scripts (see PRODUCT.md for the shape).
    Json,
    /// Markdown tables with CriticMarkup changes.
    Md,
    /// A coloured side-by-side view for the terminal.
    Term,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum InputFormat {
    /// By extension: .md and .markdown are Markdown, anything else text.
    Auto,
    /// Plain text.
    Text,
    /// Markdown, with CriticMarkup for the proposer's own changes.
    Markdown,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum Paragraphs {
    /// Blocks when the text is hard-wrapped prose, lines otherwise.
    Auto,
    /// One paragraph per line.
    Lines,
    /// One paragraph per blank-line-separated block.
    Blocks,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
enum ColorChoice {
    /// Colour when writing to a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap prints help and version on stdout with exit 0, usage errors with 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Compare(args) => run_compare(&args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            eprintln!("synoptic: usage error: {message}");
            ExitCode::from(2)
        }
        Err(Failure::Input(error)) => {
            let message = format!("{error:#}").replace('\n', " ");
            eprintln!("synoptic: error: {message}");
            ExitCode::from(1)
        }
    }
}

/// Why a command failed: the user's call (exit 2) or the input (exit 1).
enum Failure {
    Usage(String),
    Input(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Input(error)
    }
}

fn run_compare(args: &CompareArgs) -> Result<(), Failure> {
    if !args.labels.is_empty() && args.labels.len() != args.proposals.len() {
        return Err(Failure::Usage(format!(
            "{} --label given for {} proposals; give one per proposal or none",
            args.labels.len(),
            args.proposals.len()
        )));
    }
    let stdin_uses = args.proposals.iter().filter(|p| is_stdin(p)).count()
        + usize::from(args.base.as_deref().is_some_and(is_stdin));
    if stdin_uses > 1 {
        return Err(Failure::Usage(
            "standard input (`-`) can be read only once".into(),
        ));
    }
    let format = choose_format(args.format, args.output.as_deref())?;

    let base = match &args.base {
        Some(path) => Some(VersionInput {
            label: stem(path),
            document: read_document(path, args)?,
        }),
        None => None,
    };
    let mut labels = unique_labels(
        args.proposals
            .iter()
            .enumerate()
            .map(|(i, p)| args.labels.get(i).cloned().unwrap_or_else(|| stem(p))),
    );
    let mut proposals = Vec::with_capacity(args.proposals.len());
    for path in &args.proposals {
        proposals.push(VersionInput {
            label: labels.remove(0),
            document: read_document(path, args)?,
        });
    }
    let synopsis = compare(base.as_ref(), &proposals, &CompareOptions::default())
        .context("cannot compare the inputs")?;

    let title = args.title.clone().unwrap_or_else(|| {
        let name = base
            .as_ref()
            .map(|b| b.label.clone())
            .unwrap_or_else(|| proposals[0].label.clone());
        format!("Synopsis: {name}")
    });
    emit(&synopsis, format, &title, args)?;
    Ok(())
}

fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

fn stem(path: &Path) -> String {
    if is_stdin(path) {
        return "stdin".into();
    }
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// Makes labels distinct, so two files named alike stay two columns.
fn unique_labels(labels: impl Iterator<Item = String>) -> Vec<String> {
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

fn choose_format(explicit: Option<Format>, output: Option<&Path>) -> Result<Format, Failure> {
    if let Some(f) = explicit {
        return Ok(f);
    }
    if let Some(out) = output {
        let ext = out
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase())
            .unwrap_or_default();
        return match ext.as_str() {
            "html" | "htm" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            "md" | "markdown" => Ok(Format::Md),
            "txt" | "ansi" => Ok(Format::Term),
            _ => Err(Failure::Usage(format!(
                "cannot tell the format of {} from its extension; pass --format",
                out.display()
            ))),
        };
    }
    Ok(if io::stdout().is_terminal() {
        Format::Term
    } else {
        Format::Html
    })
}

fn read_document(path: &Path, args: &CompareArgs) -> Result<Document> {
    let name = if is_stdin(path) {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    };
    let bytes = if is_stdin(path) {
        let mut buf = Vec::new();
        io::Read::read_to_end(&mut io::stdin(), &mut buf)
            .with_context(|| format!("{name}: cannot read"))?;
        buf
    } else {
        fs::read(path).with_context(|| format!("{name}: cannot read"))?
    };
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    if args.input_format == InputFormat::Auto && ext == "docx" {
        bail!("{name}: Word .docx input is not supported yet; save it as text or Markdown");
    }
    let content = read::decode(&bytes).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
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
    document.map_err(|e| anyhow::anyhow!("{name}: {e}"))
}

fn emit(synopsis: &Synopsis, format: Format, title: &str, args: &CompareArgs) -> Result<()> {
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let color = match args.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let width = args.width.unwrap_or_else(|| {
        terminal_size::terminal_size()
            .map(|(w, _)| usize::from(w.0))
            .unwrap_or(120)
    });
    let render = |out: &mut dyn Write| -> io::Result<()> {
        match format {
            Format::Html => html::write(
                synopsis,
                &html::HtmlOptions {
                    title: title.to_string(),
                    ..html::HtmlOptions::default()
                },
                out,
            ),
            Format::Json => json::write(synopsis, out),
            Format::Md => md_out::write(synopsis, out),
            Format::Term => term::write(synopsis, &term::TermOptions { width, color }, out),
        }
    };
    match &args.output {
        Some(path) => write_atomically(path, render),
        None => {
            let stdout = io::stdout();
            let mut lock = io::BufWriter::new(stdout.lock());
            match render(&mut lock).and_then(|()| lock.flush()) {
                Ok(()) => Ok(()),
                // A closed pipe (`| head`) is the reader's choice, not an error.
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                Err(e) => Err(e).context("cannot write to standard output"),
            }
        }
    }
}

/// Writes to a temporary file beside `path` and renames it into place, so an
/// error or a kill never leaves a half-written synopsis, and an existing file
/// is replaced only on success.
fn write_atomically(path: &Path, render: impl Fn(&mut dyn Write) -> io::Result<()>) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "synopsis".into());
    let temp = dir.join(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| -> io::Result<()> {
        let file = fs::File::create(&temp)?;
        let mut writer = io::BufWriter::new(file);
        render(&mut writer)?;
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(e).with_context(|| format!("{}: cannot write", path.display()));
    }
    Ok(())
}
