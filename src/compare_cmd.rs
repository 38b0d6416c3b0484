//! `synoptic compare`: align a base and its proposals into a synopsis.

use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::ValueEnum;
use synoptic_core::consolidate::row_conflicts;
use synoptic_core::Synopsis;
use synoptic_formats::write::{docx, html, json, markdown, plural, term, title_of};

use crate::output::{extension, write_output};
use crate::sources::{build, Sources};
use crate::Failure;

/// Arguments of `synoptic compare`.
#[derive(clap::Args, Debug)]
pub struct CompareArgs {
    #[command(flatten)]
    pub sources: Sources,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the synopsis to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
    /// Title of the HTML page or Word document (default: the text's own, its
    /// first heading or title line; else the base's or first proposal's
    /// name).
    #[arg(long)]
    pub title: Option<String>,
    /// Open the HTML page showing only rows some proposal changes.
    #[arg(long)]
    pub only_changed: bool,
    /// Terminal width for `--format term` (default: the terminal's).
    #[arg(long)]
    pub width: Option<usize>,
    /// Colour in the terminal view.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
}

/// Output formats of `compare`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A self-contained HTML page.
    Html,
    /// JSON for scripts (the contract: docs/json.md).
    Json,
    /// Markdown tables with CriticMarkup changes.
    Md,
    /// A coloured side-by-side view for the terminal.
    Term,
    /// A Word table with the changes as real revision marks.
    Docx,
}

/// When to colour the terminal view.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum ColorChoice {
    /// Colour when writing to a terminal.
    Auto,
    /// Always colour.
    Always,
    /// Never colour.
    Never,
}

/// Runs `synoptic compare`.
pub fn run(args: &CompareArgs) -> Result<(), Failure> {
    let format = choose_format(args.format, args.output.as_deref())?;
    let built = build(&args.sources)?;
    let title = title(args, &built.synopsis, built.title);
    emit(&built.synopsis, format, &title, args)?;
    // The process ends here: freeing a large synopsis string by string
    // would only add a tenth of a second for nothing.
    std::mem::forget(built.synopsis);
    Ok(())
}

/// The title to show: the one asked for, a side-by-side table's own, or
/// the text's (its first heading or title line); `fallback` otherwise.
fn title(args: &CompareArgs, synopsis: &Synopsis, fallback: String) -> String {
    if let Some(title) = &args.title {
        return title.clone();
    }
    if args.sources.side_by_side.is_some() {
        return fallback;
    }
    title_of(synopsis).unwrap_or(fallback)
}

fn choose_format(explicit: Option<Format>, output: Option<&Path>) -> Result<Format, Failure> {
    if let Some(f) = explicit {
        return Ok(f);
    }
    if let Some(out) = output {
        return match extension(out).as_str() {
            "html" | "htm" => Ok(Format::Html),
            "json" => Ok(Format::Json),
            "md" | "markdown" => Ok(Format::Md),
            "txt" | "ansi" => Ok(Format::Term),
            "docx" => Ok(Format::Docx),
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

/// How a synopsis is to be shown, beyond its format.
pub struct View {
    /// The page or document title.
    pub title: String,
    /// HTML: open with the "only changed rows" filter on.
    pub only_changed: bool,
    /// Terminal view: the width to fit.
    pub width: usize,
    /// Terminal view: whether to colour.
    pub color: bool,
}

/// Writes the synopsis in one format.
pub fn render(
    synopsis: &Synopsis,
    format: Format,
    view: &View,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Html => html::write(
            synopsis,
            &html::HtmlOptions {
                title: view.title.clone(),
                only_changed: view.only_changed,
                stats: Some(synoptic_core::stats::stats(synopsis)),
            },
            out,
        ),
        Format::Json => json::write(synopsis, out),
        Format::Md => markdown::write(synopsis, out),
        Format::Term => term::write(
            synopsis,
            &term::TermOptions {
                width: view.width,
                color: view.color,
            },
            out,
        ),
        Format::Docx => docx::write(
            synopsis,
            &docx::DocxOptions {
                title: view.title.clone(),
            },
            out,
        ),
    }
}

/// Prints the synopsis in the chosen format, after telling on standard
/// error what the reader should know about how it was made.
pub fn emit(
    synopsis: &Synopsis,
    format: Format,
    title: &str,
    args: &CompareArgs,
) -> anyhow::Result<()> {
    for note in &synopsis.notes {
        eprintln!("synoptic: note: {note}");
    }
    let to_terminal = args.output.is_none() && io::stdout().is_terminal();
    let view = View {
        title: title.to_string(),
        only_changed: args.only_changed,
        width: args.width.unwrap_or_else(|| {
            terminal_size::terminal_size()
                .map(|(w, _)| usize::from(w.0))
                .unwrap_or(120)
        }),
        color: match args.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => to_terminal && std::env::var_os("NO_COLOR").is_none(),
        },
    };
    // The figures told after writing a file are worked out while it is
    // written and synced, which mostly waits for the disk.
    std::thread::scope(|scope| {
        let told = args
            .output
            .as_ref()
            .map(|path| (path, scope.spawn(|| figures(synopsis))));
        write_output(args.output.as_deref(), |out: &mut dyn Write| {
            render(synopsis, format, &view, out)
        })?;
        if let Some((path, figures)) = told {
            let figures = figures
                .join()
                .map_err(|_| anyhow::anyhow!("counting the synopsis' figures failed"))?;
            eprintln!("wrote {}: {figures}", path.display());
        }
        Ok(())
    })
}

/// What a synopsis holds, in a few words: "34 rows, 18 changed, 1 conflict".
pub fn figures(synopsis: &Synopsis) -> String {
    let conflicts = row_conflicts(synopsis).iter().flatten().count();
    format!(
        "{}, {} changed, {}",
        plural(synopsis.rows.len(), "row", "rows"),
        synopsis.changed_row_count(),
        plural(conflicts, "conflict", "conflicts")
    )
}
