//! Reading the files named on the command line (or `-` for standard
//! input) into the versions of one synopsis.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use synoptic_core::{Document, VersionInput};

use super::bytes::{self, decode_text};
use super::{Budget, LoadError, LoadOptions};
use crate::read::auto;
use crate::read::collatex::DisplayForms;
use crate::read::side_by_side::SideBySide;

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

/// Reads an existing side-by-side table within the limits: the file's
/// size, its number of columns and the length of its paragraphs.
pub fn read_side_by_side(path: &Path, options: &LoadOptions) -> Result<SideBySide, LoadError> {
    let budget = Budget::new(&options.limits);
    let bytes = budget.read(path)?;
    bytes::table(&display_name(path), &bytes, options, &budget)
}

/// Reads a text file (such as the chair's decisions) within the per-file
/// size limit.
pub fn read_text(path: &Path, options: &LoadOptions) -> Result<String, LoadError> {
    let bytes = Budget::new(&options.limits).read(path)?;
    decode_text(&display_name(path), &bytes, options)
}

/// Reads one document in the format its extension (or the options) say,
/// within the limits of `budget`; every error names the file.
pub fn read_document(
    path: &Path,
    options: &LoadOptions,
    budget: &Budget,
) -> Result<Document, LoadError> {
    let bytes = budget.read(path)?;
    bytes::document(&display_name(path), &bytes, options, budget)
}

/// Reads the base (if any) and the proposals, labelling the proposals with
/// `labels` in order or by their file stems. CollateX witnesses come in
/// their tokens' normalised forms, with the forms to show them in once
/// compared ([`DisplayForms::restore`]).
pub fn read_versions(
    base: Option<&Path>,
    proposals: &[PathBuf],
    labels: &[String],
    options: &LoadOptions,
) -> Result<(Option<VersionInput>, Vec<VersionInput>, DisplayForms), LoadError> {
    // The limits that need no reading come first: how many versions, and
    // how large the files say they are.
    let budget = Budget::new(&options.limits);
    budget.check_versions(proposals.len() + usize::from(base.is_some()), None)?;
    let paths: Vec<&Path> = base
        .into_iter()
        .chain(proposals.iter().map(|p| p.as_path()))
        .collect();
    budget.check_planned(&paths)?;
    let base = match base {
        Some(path) => Some(VersionInput {
            label: stem(path),
            document: read_document(path, options, &budget)?,
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
    let read: Vec<Result<(Vec<VersionInput>, DisplayForms), LoadError>> = proposals
        .par_iter()
        .zip(names)
        .map(|(path, label)| {
            // A CollateX file holds several versions, named by their ids.
            if bytes::is_collation(&path.to_string_lossy()) && !is_stdin(path) {
                let content = budget.read(path)?;
                return bytes::normalised_witnesses(&display_name(path), &content, options, &budget);
            }
            Ok((
                vec![VersionInput {
                    label,
                    document: read_document(path, options, &budget)?,
                }],
                DisplayForms::default(),
            ))
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
