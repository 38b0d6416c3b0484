//! The `synoptic` command line: a thin layer that reads files, calls the
//! core and a writer, and turns failures into one-line errors and exit codes
//! (0 success, 1 bad input, 2 bad usage). Each subcommand lives in its own
//! module.

mod assemble_cmd;
mod batch_cmd;
mod compare_cmd;
mod consolidate_cmd;
mod input;
mod limits;
mod output;
mod progress;
mod serve_cmd;
mod sources;
mod stats_cmd;

/// jemalloc: a synopsis allocates many small strings, which it serves
/// faster than the system allocator; set (.cargo/config.toml) to return
/// freed memory at once, it keeps the peak near what is in use.
#[global_allocator]
static GLOBAL: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
  synoptic compare --side-by-side examples/side-by-side/res310-side-by-side.txt -o res310.html
  synoptic compare examples/collatex/harbour-bylaw.json --format md

Without --base, the base is inferred from what the proposals share.
Without -o the synopsis goes to standard output: the terminal view on a
terminal, HTML otherwise. With -o the format follows the file's extension
unless --format is given, and one line on standard error says what was
written. The JSON is documented in docs/json.md.")]
    Compare(compare_cmd::CompareArgs),
    /// Consolidate the proposals into one draft: undisputed changes merged,
    /// conflicts as bracketed alternatives, the chair's decisions applied.
    #[command(after_help = "Examples:
  synoptic consolidate --base examples/resolution/base.txt examples/resolution/afr.txt \\
      examples/resolution/apt.txt examples/resolution/cept.txt -o draft.md
  synoptic consolidate --base base.txt afr.txt cept.txt --emit-decisions -o decisions.toml
  synoptic consolidate --base base.txt afr.txt cept.txt --decisions decisions.toml -o draft.txt

Decisions that no longer fit the proposals are reported on standard error
and not applied (exit 0); --strict makes them an error (exit 1).")]
    Consolidate(consolidate_cmd::ConsolidateArgs),
    /// Count what each proposal changes, which proposals agree, and where
    /// they collide.
    Stats(stats_cmd::StatsArgs),
    /// Write a synopsis for every text of an assembly, in parallel, with an
    /// index page.
    #[command(after_help = "Examples:
  synoptic batch examples/i18n -o synopses/
  synoptic batch assembly/ -o synopses/ --format docx

Each subfolder of DIR is one text (batch reads that one level): a base named base.* (optional) and its
proposals, or a single side-by-side table (.txt), or a CollateX JSON file.
One synopsis per text goes to OUTDIR, with index.html and index.json listing
every text with its proposals, changed rows and conflicts. A text that fails
is reported and the others still complete; the exit code is then 1.")]
    Batch(batch_cmd::BatchArgs),
    /// Write a synopsis for every text an assembly's contributions propose
    /// to change, from the contributions as received and the texts in
    /// force.
    #[command(after_help = "Examples:
  synoptic assemble examples/assembly/afr.txt examples/assembly/apt.docx \\
      examples/assembly/cept.txt --bases examples/assembly/bases -o compilation/
  synoptic assemble contributions/*.docx --bases in-force/ -o out/ --format docx \\
      --label ATU --label APT --label CEPT

Each contribution holds proposals that start with a line such as
`MOD AFCP/35A8/1`, then the title line of the text (`RESOLUTION 44 (Rev.
Hammamet, 2016)`), the text, and `Reasons: ...`. Proposals are matched to
the files of --bases by the title's keyword and number. One synopsis per
text goes to OUTDIR (resolution-44.html, ...), with index.html (texts ×
proposers) and index.json. A contribution that cannot be read, or a
proposal that cannot be matched, is reported and the others still
complete; the exit code is then 1.")]
    Assemble(assemble_cmd::AssembleArgs),
    /// Run the meeting workbench: a web server where a meeting shares one
    /// synopsis, the chair decides row by row, delegates comment, and the
    /// draft is exported.
    #[command(after_help = "Examples:
  synoptic serve
  synoptic serve --demo
  synoptic serve --db meeting.db --addr 0.0.0.0:8080
  synoptic serve --db meeting.db --trust-proxy --create-key-file create.key

Open the printed address in a browser to create a meeting and upload its
documents; the page then gives a chair link (decides) and a delegate link
(reads and comments). Everything is kept in the database file (default
synoptic.db in the current folder). --demo creates, once, a meeting of the
example resolution and its three proposals and prints its links. Without
--create-key, anyone who can reach the server can create meetings.")]
    Serve(serve_cmd::ServeArgs),
}

/// Why a command failed: the user's call (exit 2) or the input (exit 1).
pub enum Failure {
    /// The command line asks for something impossible.
    Usage(String),
    /// An input could not be read or processed.
    Input(anyhow::Error),
}

impl From<anyhow::Error> for Failure {
    fn from(error: anyhow::Error) -> Self {
        Failure::Input(error)
    }
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // Help and version go to stdout with exit 0; usage errors exit 2.
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { 2 } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Compare(args) => compare_cmd::run(&args),
        Command::Consolidate(args) => consolidate_cmd::run(&args),
        Command::Stats(args) => stats_cmd::run(&args),
        Command::Batch(args) => batch_cmd::run(&args),
        Command::Assemble(args) => assemble_cmd::run(&args),
        Command::Serve(args) => serve_cmd::run(&args),
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
