//! Reading the files named on the command line (or `-` for standard
//! input) into the versions of one synopsis.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use synoptic_core::model::SharedTexts;
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

/// The versions of one synopsis as read from its files, with what the
/// reader should know about how they were read.
#[derive(Debug, Default)]
pub struct Inputs {
    /// The base, when one was given.
    pub base: Option<VersionInput>,
    /// The proposals (a CollateX file brings one per witness), labelled.
    pub proposals: Vec<VersionInput>,
    /// How the files were read (lines joined into paragraphs, and where),
    /// for the synopsis' notes.
    pub notes: Vec<String>,
    /// How CollateX witnesses compared on their tokens' normal forms are
    /// shown ([`DisplayForms::restore`] once compared).
    pub forms: DisplayForms,
}

/// A file read and recognised, before it is parsed.
enum Loaded {
    Text(String),
    /// An HTML page, as the Markdown its text makes.
    Html(String),
    Word(Vec<u8>),
    Collation(Vec<u8>),
}

impl Loaded {
    /// The text of a plain text, Markdown or HTML file: what the run-wide
    /// reading plan (paragraph mode, structure) is decided from.
    fn text(&self) -> Option<&str> {
        match self {
            Loaded::Text(text) | Loaded::Html(text) => Some(text),
            Loaded::Word(_) | Loaded::Collation(_) => None,
        }
    }
}

fn load(
    path: &Path,
    options: &LoadOptions,
    budget: &Budget,
    collation: bool,
) -> Result<Loaded, LoadError> {
    let name = display_name(path);
    let bytes = budget.read(path)?;
    if collation && !is_stdin(path) && bytes::is_collation(&path.to_string_lossy()) {
        return Ok(Loaded::Collation(bytes));
    }
    if auto::is_word(&name, &bytes, options.read.format) {
        return Ok(Loaded::Word(bytes));
    }
    bytes::check_text_size(&name, &bytes, budget)?;
    let text = auto::decode_text_owned(bytes, &options.read)
        .map_err(|e| LoadError::unreadable(format!("{name}: {e}")))?;
    if auto::is_html(&name, &text, options.read.format) {
        return Ok(Loaded::Html(crate::read::html::to_markdown(&text)));
    }
    Ok(Loaded::Text(text))
}

/// The paragraphs of a Word file as lines of text (label, then text), read
/// with no section openers: what its structure is detected from. `None`
/// when it cannot be read (reading it for real then says why).
fn word_text(bytes: &[u8], options: &auto::AutoOptions) -> Option<String> {
    let document = crate::read::docx::read(
        bytes,
        &crate::read::docx::DocxOptions {
            track_changes: options.track_changes,
            openers: synoptic_core::structure::Openers::empty(),
        },
    )
    .ok()?;
    let mut out = String::new();
    for section in &document.sections {
        for p in section.opener.iter().chain(&section.paragraphs) {
            if let Some(label) = &p.label {
                out.push_str(label);
                out.push(' ');
            }
            out.push_str(&p.text);
            out.push('\n');
        }
    }
    Some(out)
}

/// A parsed file: its versions, notes on how it was read, the display
/// forms of its witnesses.
type Parsed = (Vec<VersionInput>, Vec<String>, DisplayForms);

fn parse(
    path: &Path,
    loaded: &Loaded,
    label: String,
    options: &LoadOptions,
    budget: &Budget,
    shared: &SharedTexts,
) -> Result<Parsed, LoadError> {
    let name = display_name(path);
    let (document, joined) = match loaded {
        Loaded::Collation(content) => {
            let (witnesses, forms) = bytes::normalised_witnesses(&name, content, options, budget)?;
            return Ok((witnesses, Vec::new(), forms));
        }
        Loaded::Word(bytes) => auto::document_counted(&name, bytes, &options.read),
        Loaded::Text(content) => auto::text_document_sharing(&name, content, &options.read, shared),
        Loaded::Html(markdown) => auto::markdown_document(markdown, &options.read)
            .map(|document| (document, Default::default())),
    }
    .map_err(|e| LoadError::unreadable(format!("{name}: {e}")))?;
    budget.check_document(&name, &document)?;
    let mut notes: Vec<String> = joined
        .note()
        .map(|note| format!("{name}: {note}"))
        .into_iter()
        .collect();
    notes.extend(crate::read::docx::unread_notes(&document).map(|n| format!("{name}: {n}")));
    Ok((
        vec![VersionInput { label, document }],
        notes,
        DisplayForms::default(),
    ))
}

/// Reads the base (if any) and the proposals, labelling the proposals with
/// `labels` in order or by their file stems. How plain text is split into
/// paragraphs and which tradition's structure it follows are decided once,
/// from all the inputs together ([`auto::plan`]), so that the versions of
/// one synopsis are never read differently.
pub fn read_inputs(
    base: Option<&Path>,
    proposals: &[PathBuf],
    labels: &[String],
    options: &LoadOptions,
) -> Result<Inputs, LoadError> {
    // The limits that need no reading come first: how many versions, and
    // how large the files say they are.
    let budget = Budget::new(&options.limits);
    budget.check_versions(proposals.len() + usize::from(base.is_some()), None)?;
    let paths: Vec<&Path> = base
        .into_iter()
        .chain(proposals.iter().map(|p| p.as_path()))
        .collect();
    budget.check_planned(&paths)?;
    let base_loaded = match base {
        Some(path) => Some(load(path, options, &budget, false)?),
        None => None,
    };
    // Files are read in parallel; the first error (in command line order)
    // is the one reported.
    let loaded: Vec<Result<Loaded, LoadError>> = proposals
        .par_iter()
        .map(|path| load(path, options, &budget, true))
        .collect();
    let loaded: Vec<Loaded> = loaded.into_iter().collect::<Result<_, _>>()?;
    let contents: Vec<&str> = base_loaded
        .iter()
        .chain(&loaded)
        .filter_map(Loaded::text)
        .collect();
    // Word files say which tradition they follow too: their text, read
    // once without openers, joins the plan's (not for the paragraph mode,
    // since a Word paragraph is never wrapped).
    let word_texts: Vec<String> = if options.read.structure.is_none() {
        base_loaded
            .iter()
            .chain(&loaded)
            .filter_map(|l| match l {
                Loaded::Word(bytes) => word_text(bytes, &options.read),
                _ => None,
            })
            .collect()
    } else {
        Vec::new()
    };
    let word_texts: Vec<&str> = word_texts.iter().map(String::as_str).collect();
    let options = LoadOptions {
        read: auto::plan(&contents, &word_texts, &options.read),
        limits: options.limits,
    };

    let mut inputs = Inputs::default();
    // The base's paragraph texts are shared by the proposals' equal ones
    // as soon as each is parsed, so that a file's copy of the base's text
    // is never held for long.
    let mut shared = SharedTexts::default();
    if let (Some(path), Some(loaded)) = (base, &base_loaded) {
        let (mut versions, note, _) = parse(path, loaded, stem(path), &options, &budget, &shared)?;
        inputs.notes.extend(note);
        inputs.base = versions.pop();
        if let Some(base) = &mut inputs.base {
            shared = base.document.share_texts();
        }
    }
    let names = auto::unique_labels(
        proposals
            .iter()
            .enumerate()
            .map(|(i, p)| labels.get(i).cloned().unwrap_or_else(|| stem(p))),
    );
    // Each file's bytes are dropped as soon as it is parsed, so that the
    // raw files and their documents are not all held at once.
    drop(base_loaded);
    let parsed: Vec<Result<Parsed, LoadError>> = proposals
        .par_iter()
        .zip(loaded)
        .zip(names)
        .map(|((path, loaded), label)| {
            let mut parsed = parse(path, &loaded, label, &options, &budget, &shared)?;
            drop(loaded);
            for version in &mut parsed.0 {
                version.document.reuse_texts(&shared);
            }
            Ok(parsed)
        })
        .collect();
    for result in parsed {
        let (versions, note, forms) = result?;
        inputs.proposals.extend(versions);
        inputs.notes.extend(note);
        inputs.forms.extend(forms);
    }
    // CollateX files may have brought in more versions than they are files.
    budget.check_versions(inputs.proposals.len() + usize::from(base.is_some()), None)?;
    let labels = auto::unique_labels(inputs.proposals.iter().map(|v| v.label.clone()));
    for (version, label) in inputs.proposals.iter_mut().zip(labels) {
        version.label = label;
    }
    Ok(inputs)
}
