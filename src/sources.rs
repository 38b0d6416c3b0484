//! Where a synopsis comes from — a base and proposals, or an existing
//! side-by-side table — shared by `compare`, `consolidate` and `stats`.

use std::path::PathBuf;

use anyhow::Context;
use synoptic_core::{compare, CompareOptions, Synopsis};

use crate::input::{display_name, is_stdin, read_inputs, read_side_by_side, InputArgs};
use crate::Failure;

/// The inputs of a synopsis, as the command line names them.
#[derive(clap::Args, Debug)]
pub struct Sources {
    /// The text the proposals amend (optional: inferred when absent).
    #[arg(long, value_name = "FILE")]
    pub base: Option<PathBuf>,
    /// Names of the proposals, in order (default: each file's stem).
    #[arg(long = "label", value_name = "NAME")]
    pub labels: Vec<String>,
    /// The proposals: plain text (.txt), Markdown (.md), Word (.docx), HTML
    /// (.html) or CollateX witnesses (.json); `-` reads standard input.
    #[arg(value_name = "PROPOSAL", required_unless_present = "side_by_side")]
    pub proposals: Vec<PathBuf>,
    /// Import an existing side-by-side table instead of separate proposals:
    /// its columns become the proposals. From a Word table (.docx) the base
    /// is the text with every change rejected and the changes are the
    /// tracked ones; from text, the base is inferred and the proposers'
    /// changes are recovered from the glued deleted and inserted text.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with_all = ["base", "proposals", "labels"]
    )]
    pub side_by_side: Option<PathBuf>,
    #[command(flatten)]
    pub input: InputArgs,
}

/// A synopsis with the title it is shown under by default.
pub struct Built {
    /// The aligned synopsis.
    pub synopsis: Synopsis,
    /// The side-by-side table's title, or "Synopsis: " and the base's (or
    /// first proposal's) name.
    pub title: String,
}

/// Checks the inputs, reads them and aligns them into a synopsis.
pub fn build(sources: &Sources) -> Result<Built, Failure> {
    if let Some(path) = &sources.side_by_side {
        let name = display_name(path);
        let table = read_side_by_side(path, &sources.input)?;
        let synopsis = table
            .synopsis()
            .with_context(|| format!("{name}: cannot compare its columns"))?;
        return Ok(Built {
            synopsis,
            title: table.title,
        });
    }
    if !sources.labels.is_empty() && sources.labels.len() != sources.proposals.len() {
        return Err(Failure::Usage(format!(
            "{} --label given for {} proposals; give one per proposal or none",
            sources.labels.len(),
            sources.proposals.len()
        )));
    }
    let stdin_uses = sources.proposals.iter().filter(|p| is_stdin(p)).count()
        + usize::from(sources.base.as_deref().is_some_and(is_stdin));
    if stdin_uses > 1 {
        return Err(Failure::Usage(
            "standard input (`-`) can be read only once".into(),
        ));
    }
    let inputs = read_inputs(
        sources.base.as_deref(),
        &sources.proposals,
        &sources.labels,
        &sources.input,
    )?;
    let (base, proposals) = (inputs.base, inputs.proposals);
    let mut synopsis = compare(base.as_ref(), &proposals, &CompareOptions::default())
        .context("cannot compare the inputs")?;
    // How the inputs were read comes before how they were aligned.
    inputs.forms.restore(&mut synopsis);
    synopsis.notes.splice(0..0, inputs.notes);
    let name = base
        .as_ref()
        .or(proposals.first())
        .map(|v| v.label.clone())
        .unwrap_or_default();
    // The documents are done with: freeing a large input paragraph by
    // paragraph takes a tenth of a second or more, which the synopsis need
    // not wait for while it is written.
    std::thread::spawn(move || drop((base, proposals)));
    Ok(Built {
        synopsis,
        title: format!("Synopsis: {name}"),
    })
}
