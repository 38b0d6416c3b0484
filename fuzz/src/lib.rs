//! What the fuzz targets share: cutting one fuzz input into several files,
//! running a synopsis through every writer and consolidation, and the
//! alignment invariants every synopsis must keep. A broken invariant panics,
//! which libFuzzer reports as a crash with its input.

use synoptic_core::consolidate::{consolidate, Decisions};
use synoptic_core::lang::Language;
use synoptic_core::model::{original_of, result_of};
use synoptic_core::structure::{Openers, Tradition};
use synoptic_core::{Document, Status, Synopsis};
use synoptic_formats::write::{
    decisions, docx, draft_docx, draft_json, draft_markdown, draft_text, html, json, markdown,
    stats_json, stats_term, term,
};

/// The byte that separates the files of one fuzz input (ASCII record
/// separator): rare in text, so seeds stay readable.
pub const SEPARATOR: u8 = 0x1E;

/// Cuts a fuzz input into at most `max` files at [`SEPARATOR`] bytes.
pub fn split(data: &[u8], max: usize) -> Vec<&[u8]> {
    data.splitn(max, |b| *b == SEPARATOR).collect()
}

/// Section openers picked by one byte of the input: one language's, all
/// of them, or the headings of bills or of acts.
pub fn openers(selector: u8) -> Openers {
    match selector % 9 {
        7 => Openers::for_tradition(Tradition::Bill, None),
        8 => Openers::for_tradition(Tradition::Act, None),
        n => match Language::ALL.get(usize::from(n)) {
            Some(language) => Openers::for_language(*language),
            None => Openers::all_languages(),
        },
    }
}

/// The texts a column shows, in row order (deleted and absent cells hold
/// none of the version's own text).
fn shown(s: &Synopsis, col: usize) -> Vec<&str> {
    s.rows
        .iter()
        .filter_map(|r| r.cells.get(col))
        .filter(|c| {
            matches!(
                c.status,
                Status::Unchanged | Status::Modified | Status::Added
            )
        })
        .map(|c| c.text.as_str())
        .collect()
}

/// Every paragraph and opener of a document, in order.
fn written(doc: &Document) -> Vec<&str> {
    doc.sections
        .iter()
        .flat_map(|s| s.opener.iter().chain(s.paragraphs.iter()))
        // A paragraph the proposer's own tracked changes delete whole shows
        // as a deleted cell (kept as tracked, or re-diffed against a base
        // text it does not match), so it has no text of its own to show.
        .filter(|p| !p.is_deleted_by_revision())
        .map(|p| p.text.as_str())
        .collect()
}

/// The alignment invariants: every row has one cell per version; every
/// cell's ops spell the row's base text on one side and the cell's text on
/// the other; row ids are unique; and, for each document given (`docs[i]`
/// is column `first + i`), every paragraph appears in exactly one row, in
/// order.
pub fn check_synopsis(s: &Synopsis, docs: &[&Document], first: usize) {
    for row in &s.rows {
        assert_eq!(row.cells.len(), s.versions.len(), "row {}", row.id);
        for cell in &row.cells {
            if cell.status == Status::Absent {
                assert!(cell.ops.is_empty(), "row {}: absent cell with ops", row.id);
                continue;
            }
            assert_eq!(
                original_of(&cell.ops),
                row.base_text.clone().unwrap_or_default(),
                "row {}: ops do not rebuild the base text",
                row.id
            );
            assert_eq!(
                result_of(&cell.ops),
                cell.text,
                "row {}: ops do not rebuild the cell text",
                row.id
            );
        }
    }
    let mut ids: Vec<&str> = s.rows.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), s.rows.len(), "row ids are not unique");
    for (i, doc) in docs.iter().enumerate() {
        assert_eq!(
            shown(s, first + i),
            written(doc),
            "column {} does not show its paragraphs once each, in order",
            first + i
        );
    }
}

/// Runs the synopsis through every writer; none may fail writing to memory.
pub fn write_all(s: &Synopsis) {
    let mut out = Vec::new();
    let stats = synoptic_core::stats::stats(s);
    let options = html::HtmlOptions {
        stats: Some(stats.clone()),
        ..html::HtmlOptions::default()
    };
    html::write(s, &options, &mut out).expect("html");
    json::write(s, &mut out).expect("json");
    markdown::write(s, &mut out).expect("markdown");
    for (width, color) in [(0, false), (80, true)] {
        term::write(s, &term::TermOptions { width, color }, &mut out).expect("term");
    }
    docx::write(s, &docx::DocxOptions::default(), &mut out).expect("docx");
    stats_json::write(&stats, &mut out).expect("stats json");
    stats_term::write(&stats, &mut out).expect("stats term");
}

/// Consolidates the synopsis (with `decisions`, if any) and writes the
/// draft and a decisions skeleton in every format.
pub fn consolidate_all(s: &Synopsis, chosen: Option<&Decisions>) {
    let draft = consolidate(s, chosen);
    let mut out = Vec::new();
    draft_markdown::write(&draft, &mut out).expect("draft md");
    draft_text::write(&draft, &mut out).expect("draft txt");
    draft_json::write(&draft, &mut out).expect("draft json");
    draft_docx::write(
        &draft,
        &draft_docx::DraftDocxOptions { title: None },
        &mut out,
    )
    .expect("draft docx");
    let automatic = consolidate(s, None);
    decisions::write(&automatic, chosen, &mut out).expect("decisions");
}
