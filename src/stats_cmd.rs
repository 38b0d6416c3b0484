//! `synoptic stats`: what each proposal changes, which proposals agree
//! with which, and the rows where they collide.

use std::io::Write;
use std::path::PathBuf;

use clap::ValueEnum;
use synoptic_core::stats::stats;
use synoptic_formats::write::{stats_json, stats_term};

use crate::output::write_output;
use crate::sources::{build, Sources};
use crate::Failure;

/// Arguments of `synoptic stats`.
#[derive(clap::Args, Debug)]
pub struct StatsArgs {
    #[command(flatten)]
    pub sources: Sources,
    /// Output format.
    #[arg(long, value_enum, default_value_t = StatsFormat::Term)]
    pub format: StatsFormat,
    /// Write to this file instead of standard output.
    #[arg(short, long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

/// Output formats of `stats`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsFormat {
    /// Text tables.
    Term,
    /// JSON for scripts.
    Json,
}

/// Runs `synoptic stats`.
pub fn run(args: &StatsArgs) -> Result<(), Failure> {
    let synopsis = build(&args.sources)?.synopsis;
    let figures = stats(&synopsis);
    write_output(args.output.as_deref(), |out: &mut dyn Write| {
        match args.format {
            StatsFormat::Term => stats_term::write(&figures, out),
            StatsFormat::Json => stats_json::write(&figures, out),
        }
    })?;
    Ok(())
}
