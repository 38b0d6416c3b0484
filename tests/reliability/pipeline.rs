//! Property tests of the whole pipeline, the in-CI counterpart of the fuzz
//! targets in `fuzz/`: arbitrary bytes through every reader, and arbitrary
//! documents from bytes through compare, every writer and consolidation,
//! asserting no panic and the alignment invariants: every paragraph of
//! every version in exactly one row, in order, and every cell's ops
//! spelling the row's base text and the cell's text.

use proptest::prelude::*;
use synoptic_core::consolidate::consolidate;
use synoptic_core::model::{original_of, result_of};
use synoptic_core::recover::recover_synopsis;
use synoptic_core::{compare, CompareOptions, Document, Status, Synopsis, VersionInput};
use synoptic_formats::read::{self, collatex, decisions, docx, markdown, side_by_side, text};
use synoptic_formats::write;

use super::xss::assert_inert;

/// The texts a column shows, in row order (deleted and absent cells hold
/// none of the version's own text).
fn shown(s: &Synopsis, col: usize) -> Vec<String> {
    s.rows
        .iter()
        .filter_map(|r| r.cells.get(col))
        .filter(|c| {
            matches!(
                c.status,
                Status::Unchanged | Status::Modified | Status::Added
            )
        })
        .map(|c| c.text.to_string())
        .collect()
}

/// Every opener and paragraph of a document, in order.
fn written(doc: &Document) -> Vec<String> {
    doc.sections
        .iter()
        .flat_map(|s| s.opener.iter().chain(s.paragraphs.iter()))
        // A paragraph the proposer's own tracked changes delete whole shows
        // as a deleted cell (kept as tracked, or re-diffed against a base
        // text it does not match), so it has no text of its own to show.
        .filter(|p| !p.is_deleted_by_revision())
        // A mark of text left out ("...") stands for the base's paragraphs
        // there, shown unchanged, and is no row of its own.
        .filter(|p| !synoptic_core::compare::is_elision(&p.text))
        .map(|p| p.text.to_string())
        .collect()
}

/// The alignment invariants; `docs[i]` is column `first + i`.
fn check(s: &Synopsis, docs: &[&Document], first: usize) -> Result<(), TestCaseError> {
    for row in &s.rows {
        prop_assert_eq!(row.cells.len(), s.versions.len());
        for cell in &row.cells {
            if cell.status == Status::Absent {
                prop_assert!(cell.ops.is_empty());
                continue;
            }
            prop_assert_eq!(
                original_of(&cell.ops),
                row.base_text.clone().unwrap_or_default(),
                "row {}",
                &row.id
            );
            prop_assert_eq!(result_of(&cell.ops), cell.text.clone(), "row {}", &row.id);
        }
    }
    let mut ids: Vec<&str> = s.rows.iter().map(|r| r.id.as_str()).collect();
    ids.sort_unstable();
    ids.dedup();
    prop_assert_eq!(ids.len(), s.rows.len(), "row ids are unique");
    for (i, doc) in docs.iter().enumerate() {
        prop_assert_eq!(shown(s, first + i), written(doc), "column {}", first + i);
    }
    Ok(())
}

/// Every writer, every draft format; the HTML parsed and proven inert, the
/// JSON parsed, the .docx read back.
fn write_everything(s: &Synopsis) -> Result<(), TestCaseError> {
    let stats = synoptic_core::stats::stats(s);
    let mut html = Vec::new();
    let options = write::html::HtmlOptions {
        title: "t".into(),
        only_changed: false,
        stats: Some(stats),
    };
    prop_assert!(write::html::write(s, &options, &mut html).is_ok());
    assert_inert(&String::from_utf8_lossy(&html), "pipeline");
    let mut json = Vec::new();
    prop_assert!(write::json::write(s, &mut json).is_ok());
    prop_assert!(serde_json::from_slice::<serde_json::Value>(&json).is_ok());
    let mut out = Vec::new();
    prop_assert!(write::markdown::write(s, &mut out).is_ok());
    let term = write::term::TermOptions {
        width: 60,
        color: true,
    };
    prop_assert!(write::term::write(s, &term, &mut out).is_ok());
    let mut word = Vec::new();
    prop_assert!(write::docx::write(s, &write::docx::DocxOptions::default(), &mut word).is_ok());
    prop_assert!(docx::read(&word, &docx::DocxOptions::default()).is_ok());

    let draft = consolidate(s, None);
    prop_assert!(write::draft_markdown::write(&draft, &mut out).is_ok());
    prop_assert!(write::draft_text::write(&draft, &mut out).is_ok());
    prop_assert!(write::draft_json::write(&draft, &mut out).is_ok());
    let options = write::draft_docx::DraftDocxOptions { title: None };
    prop_assert!(write::draft_docx::write(&draft, &options, &mut out).is_ok());
    // The decisions skeleton reads back, and replaying it changes nothing.
    let mut skeleton = Vec::new();
    prop_assert!(write::decisions::write(&draft, None, &mut skeleton).is_ok());
    let replay = decisions::read(&String::from_utf8_lossy(&skeleton));
    prop_assert!(replay.is_ok(), "{:?}", replay.err());
    if let Ok(replay) = replay {
        let again = consolidate(s, Some(&replay));
        prop_assert!(again.stale.is_empty());
    }
    Ok(())
}

/// Reads one file's bytes as the CLI would (lossily), as text or Markdown.
fn read_version(bytes: &[u8], as_markdown: bool) -> Option<Document> {
    let content = read::decode_lossy(bytes);
    if as_markdown {
        markdown::read(&content, &markdown::MarkdownOptions::default()).ok()
    } else {
        text::read(&content, &text::TextOptions::default()).ok()
    }
}

/// Aligns the versions (the first as base when `with_base`) and checks
/// the invariants and every writer.
fn pipeline(versions: &[VersionInput], with_base: bool) -> Result<(), TestCaseError> {
    let (base, proposals, first) = match versions.split_first() {
        Some((b, rest)) if with_base && !rest.is_empty() => (Some(b), rest, 0),
        _ => (None, versions, 1),
    };
    let s = compare(base, proposals, &CompareOptions::default());
    prop_assert!(s.is_ok() || proposals.is_empty());
    if let Ok(s) = s {
        let docs: Vec<&Document> = versions.iter().map(|v| &v.document).collect();
        check(&s, &docs, first)?;
        write_everything(&s)?;
    }
    Ok(())
}

/// Words with the characters that matter: markup, CriticMarkup, labels,
/// quotes, right-to-left and wide scripts.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z]{1,8}",
        1 => prop::sample::select(vec![
            "that", "the", "ITU-T", "a)", "b)", "(i)", "1.", "•", "<b>", "&amp;", "\"", "'",
            "{++x++}", "{--y--}", "{~~a~>b~~}", "**", "#", "|", "</td>", "<script>", "مجلس",
            "会议", "Конференция", "\u{202E}", "\t",
        ])
        .prop_map(str::to_string),
    ]
}

fn paragraph() -> impl Strategy<Value = String> {
    prop::collection::vec(word(), 1..10).prop_map(|w| w.join(" "))
}

/// A structured document as text: sections with openers, labelled
/// paragraphs.
fn document_text() -> impl Strategy<Value = String> {
    let opener = prop::sample::select(vec![
        "considering",
        "recognizing",
        "noting",
        "resolves",
        "instructs the Director",
        "ANNEX",
        "# Heading",
        "considérant",
        "учитывая",
    ]);
    let section = (opener, prop::collection::vec(paragraph(), 0..5));
    prop::collection::vec(section, 0..4).prop_map(|sections| {
        let mut out = String::new();
        for (opener, paragraphs) in sections {
            out.push_str(opener);
            out.push('\n');
            for (i, p) in paragraphs.iter().enumerate() {
                let label = char::from(b'a' + (i % 26) as u8);
                out.push_str(&format!("{label})\t{p}\n"));
            }
        }
        out
    })
}

/// Small edits of a document's lines: drop one, duplicate one, change a
/// word, swap two.
fn edited(text: &str, edits: &[(u8, usize, String)]) -> String {
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    for (kind, at, word) in edits {
        if lines.is_empty() {
            lines.push(word.clone());
            continue;
        }
        let i = at % lines.len();
        match kind % 4 {
            0 => {
                lines.remove(i);
            }
            1 => lines.insert(
                i,
                format!("{})\t{word} added", char::from(b'a' + (*at % 26) as u8)),
            ),
            2 => lines[i].push_str(&format!(" {word}")),
            _ => {
                let j = (i + 1) % lines.len();
                lines.swap(i, j);
            }
        }
    }
    lines.join("\n")
}

/// Found by the `compare` fuzz target (two crashes of its invariant): a
/// Markdown proposal whose own CriticMarkup deletes a whole paragraph
/// (`{--b) ...--}`) has it as a deleted cell, kept as the proposer's
/// tracked change when the text it deletes is the base's, re-diffed when
/// it is not; either way it is in one row and shows no text.
#[test]
fn paragraph_deleted_by_its_proposer_is_in_one_row() {
    let base = "considering\n\na)\tthat one;\n\nb)\tthat two;\n\nc)\tthat three;\n";
    let amended = base.replace("that two;", "that two, as amended by others;");
    let proposal = "considering\n\na)\tthat one;\n\n{--b)\tthat two;--}{>>covered<<}\n\n\
                    {--c)--}{++b)++}\tthat three;\n";
    for other in [base.to_string(), amended] {
        for with_base in [true, false] {
            let texts = [other.as_str(), proposal, other.as_str()];
            let versions: Vec<VersionInput> = texts
                .iter()
                .enumerate()
                .filter_map(|(i, t)| {
                    read_version(t.as_bytes(), i == 1).map(|document| VersionInput {
                        label: format!("v{i}"),
                        document,
                    })
                })
                .collect();
            assert_eq!(versions.len(), 3);
            assert!(versions[1]
                .document
                .paragraphs()
                .any(|p| p.text.is_empty() && p.is_deleted_by_revision()));
            if let Err(e) = pipeline(&versions, with_base) {
                panic!("{e}");
            }
        }
    }
}

/// Found by the `compare` fuzz target: without a base, a paragraph that
/// one proposal deletes whole with its own CriticMarkup and the other
/// proposal does not have was an "added" cell with no text. The proposer's
/// tracked deletion says the base has the paragraph: it is a base row, and
/// the proposer's cell shows its deletion.
#[test]
fn paragraph_deleted_by_its_proposer_is_in_the_inferred_base() {
    let a = "considering\n\na)\tthat one;\n\nb)\tthat three;\n";
    let b =
        "considering\n\na)\tthat one;\n\n{--b)\tthat two;--}\n\n{--c)--}{++b)++}\tthat three;\n";
    let versions: Vec<VersionInput> = [a, b]
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            read_version(t.as_bytes(), true).map(|document| VersionInput {
                label: format!("v{i}"),
                document,
            })
        })
        .collect();
    assert_eq!(versions.len(), 2);
    if let Err(e) = pipeline(&versions, false) {
        panic!("{e}");
    }
    let s = compare(None, &versions, &CompareOptions::default()).expect("compare");
    for row in &s.rows {
        for cell in &row.cells {
            assert!(
                !(cell.status == Status::Added && cell.text.is_empty()),
                "row {}: an empty addition",
                row.id
            );
        }
    }
    let row = s
        .rows
        .iter()
        .find(|r| r.base_text.as_deref() == Some("that two;"))
        .expect("the deleted paragraph is a base row");
    assert_eq!(row.cells[2].status, Status::Deleted);
    assert!(row.cells[2].tracked);
}

proptest! {
    // No failure file: the integration tests have no lib.rs beside them;
    // a failing case is printed, shrunk, in the test's output.
    #![proptest_config(ProptestConfig {
        cases: 64,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_bytes_through_every_reader(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let content = read::decode_lossy(&bytes);
        for paragraphs in [text::ParagraphMode::Auto, text::ParagraphMode::Lines, text::ParagraphMode::Blocks] {
            let options = text::TextOptions { paragraphs, ..text::TextOptions::default() };
            let _ = text::read(&content, &options);
        }
        let _ = markdown::read(&content, &markdown::MarkdownOptions::default());
        if let Ok(table) = side_by_side::read_bytes(&bytes) {
            if let Ok(mut s) = compare(None, &table.version_inputs(), &CompareOptions::default()) {
                recover_synopsis(&mut s);
            }
        }
        let _ = collatex::read(&content, &text::TextOptions::default());
        let _ = docx::read(&bytes, &docx::DocxOptions::default());
        let _ = decisions::read(&content);
    }

    #[test]
    fn any_bytes_through_the_pipeline(
        files in prop::collection::vec(prop::collection::vec(any::<u8>(), 0..200), 1..4),
        markdown_mask in any::<u8>(),
        with_base in any::<bool>(),
    ) {
        let mut versions = Vec::new();
        for (i, bytes) in files.iter().enumerate() {
            if let Some(document) = read_version(bytes, markdown_mask & (1 << i) != 0) {
                versions.push(VersionInput { label: format!("v{i}"), document });
            }
        }
        pipeline(&versions, with_base)?;
    }

    #[test]
    fn structured_documents_through_the_pipeline(
        base in document_text(),
        edits in prop::collection::vec(
            prop::collection::vec((any::<u8>(), any::<usize>(), word()), 0..4), 1..4),
        markdown_mask in any::<u8>(),
        with_base in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        let mut texts = vec![base.clone()];
        texts.extend(edits.iter().map(|e| edited(&base, e)));
        let mut versions = Vec::new();
        for (i, t) in texts.iter().enumerate() {
            let t = if crlf { t.replace('\n', "\r\n") } else { t.clone() };
            let as_markdown = markdown_mask & (1 << i) != 0;
            prop_assert!(read_version(t.as_bytes(), as_markdown).is_some());
            if let Some(document) = read_version(t.as_bytes(), as_markdown) {
                versions.push(VersionInput { label: format!("P{i}"), document });
            }
        }
        pipeline(&versions, with_base)?;
    }

    #[test]
    fn side_by_side_tables_through_the_pipeline(
        columns in prop::collection::vec(document_text(), 1..4),
    ) {
        // A flattened table: header cells, then one row of cells.
        let mut table = String::from("Title\n\n");
        for (i, _) in columns.iter().enumerate() {
            table.push_str(&format!("\tProposal {} (MOD, D{i}) (G{i})\n", i + 1));
        }
        table.push('\n');
        for column in &columns {
            table.push('\t');
            table.push_str(column);
            table.push('\n');
        }
        if let Ok(t) = side_by_side::read(&table) {
            let inputs = t.version_inputs();
            if let Ok(mut s) = compare(None, &inputs, &CompareOptions::default()) {
                let docs: Vec<&Document> = inputs.iter().map(|v| &v.document).collect();
                check(&s, &docs, 1)?;
                recover_synopsis(&mut s);
                write_everything(&s)?;
            }
        }
    }
}
