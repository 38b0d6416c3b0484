//! A compilation of amendments in Word: one table row per amendment, with a
//! column naming who proposes it (`Submitted by`, `Delegation`), the text
//! it amends (`Current text`) and the amendment (`Proposed amendment`),
//! rows of several proposers amending the same text one under the other.
//! Each proposer becomes a version: its amendments in place of the texts
//! they amend, nothing proposed where it has no row. The texts amended,
//! each once, in the order first met, are the base.

use synoptic_core::compare::VersionInput;
use synoptic_core::tokens::normalize;

use super::docx::{comments_of, mark_certain, row_outline, strip_leading_marker};
use super::formulas::{formula, Formula};
use super::header::{header_words, Header};
use super::{CellStatement, Column, SideBySide};
use crate::read::docx::table::{CellPick, CellView, WordTable};
use synoptic_core::{Role, Status};

/// The columns of a compilation, by their index in the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Layout {
    /// The column naming each row's proposer.
    pub(super) proposer: usize,
    /// The column of the text each row amends.
    pub(super) base: usize,
    /// The column of each row's amendment.
    pub(super) amendment: usize,
    /// The headings of the proposers' column and of the base's.
    pub(super) headings: (String, String),
}

/// How compilations head the column naming the proposer, compared as
/// [`header_words`] joined by spaces.
const PROPOSER_HEADINGS: &[&str] = &[
    "submitted by",
    "proposed by",
    "presented by",
    "proposer",
    "proposers",
    "proponent",
    "proponents",
    "sponsor",
    "sponsors",
    "sponsored by",
    "delegation",
    "delegations",
    "member state",
    "member states",
    "country",
    "countries",
    "author",
    "authors",
    "origin",
    "party",
    "parties",
    "présenté par",
    "proposé par",
    "auteur",
    "auteurs",
    "délégation",
    "pays",
    "état membre",
    "presentado por",
    "propuesto por",
    "autor",
    "delegación",
    "país",
    "estado miembro",
    "eingereicht von",
    "vorgeschlagen von",
    "antragsteller",
    "delegation",
    "mitgliedstaat",
    "land",
    "предложено",
    "автор",
    "делегация",
    "страна",
    "提案方",
    "提交方",
    "代表团",
    "国家",
    "مقدم من",
    "الوفد",
    "البلد",
];

/// True when a header cell names the column of proposers.
pub(super) fn is_proposer_heading(heading: &str) -> bool {
    let words = header_words(heading).join(" ");
    PROPOSER_HEADINGS.contains(&words.as_str())
}

/// The layout of a compilation, when `columns` (the table's columns that
/// are neither comments nor row numbers, `headers` theirs) are a column of
/// proposers (short names, one a cell), a column of the text in force and
/// one more: the amendments.
pub(super) fn layout(
    table: &WordTable,
    body: &[usize],
    columns: &[usize],
    headers: &[Header],
    heading_of: impl Fn(usize) -> String,
) -> Option<Layout> {
    if columns.len() != 3 {
        return None;
    }
    let proposer = columns.iter().copied().find(|&c| {
        is_proposer_heading(&heading_of(c))
            && body.iter().all(|&row| {
                let texts = table.cell_texts(row, c);
                let lines: Vec<&String> = texts.iter().filter(|t| !t.trim().is_empty()).collect();
                lines.len() <= 1
                    && lines
                        .iter()
                        .all(|t| t.chars().count() <= 80 && t.split_whitespace().count() <= 8)
            })
    })?;
    let base = columns
        .iter()
        .zip(headers)
        .find(|(_, h)| h.role == Some(Role::Base))
        .map(|(&c, _)| c)?;
    let amendment = columns
        .iter()
        .copied()
        .find(|&c| c != proposer && c != base)?;
    Some(Layout {
        proposer,
        base,
        amendment,
        headings: (heading_of(proposer), heading_of(base)),
    })
}

/// The side-by-side table a compilation makes: its proposers as the
/// columns, the texts it amends as the base, and the comments of its
/// `comment_columns` on the rows, each naming its row's proposer.
pub(super) fn read(
    table: &WordTable,
    body: &[usize],
    layout: &Layout,
    comment_columns: &[(usize, String)],
    title: String,
    mut notes: Vec<String>,
) -> SideBySide {
    let text_of = |row: usize, column: usize| -> String {
        table
            .cell_texts(row, column)
            .iter()
            .map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let proposer_of = |row: usize| -> String {
        let name = text_of(row, layout.proposer);
        if name.is_empty() {
            "no proposer named".to_string()
        } else {
            name
        }
    };
    // The proposers, in the order first met.
    let mut proposers: Vec<String> = Vec::new();
    for &row in body {
        let name = proposer_of(row);
        if !proposers.contains(&name) {
            proposers.push(name);
        }
    }
    // The texts amended, each once, in the order first met, with the rows
    // amending each; a row amending no text (a new article) is a group of
    // its own.
    let mut groups: Vec<(Option<String>, Vec<usize>)> = Vec::new();
    for &row in body {
        let amended = Some(normalize(&text_of(row, layout.base))).filter(|t| !t.is_empty());
        match amended
            .as_ref()
            .and_then(|key| groups.iter_mut().find(|(k, _)| k.as_ref() == Some(key)))
        {
            Some((_, rows)) => rows.push(row),
            None => groups.push((amended, vec![row])),
        }
    }
    let pick = |row: usize, column: usize| CellPick {
        row,
        column,
        heading: false,
        skip: Vec::new(),
    };
    let base_picks: Vec<CellPick> = groups
        .iter()
        .filter(|(key, _)| key.is_some())
        .filter_map(|(_, rows)| rows.first().map(|&row| pick(row, layout.base)))
        .collect();
    let mut base = table.document(&base_picks, CellView::Rejected);
    strip_leading_marker(&mut base);
    base.metadata = Default::default();

    let mut columns = Vec::new();
    let mut statements = Vec::new();
    let base_anchors = |row: usize| row_outline(table, row, &[layout.base], Some(layout.base));
    for (p, proposer) in proposers.iter().enumerate() {
        let mut picks = Vec::new();
        for (amended, rows) in &groups {
            let own: Vec<usize> = rows
                .iter()
                .copied()
                .filter(|&row| proposer_of(row) == *proposer)
                .collect();
            // Where the proposer has no row, the text amended stands in its
            // version, so that what it adds lands where the table puts it;
            // the synopsis then shows nothing proposed there.
            if own.is_empty() {
                if let (Some(_), Some(&row)) = (amended, rows.first()) {
                    picks.push(pick(row, layout.base));
                    statements.push(CellStatement {
                        proposal: p,
                        status: Status::Absent,
                        anchors: base_anchors(row),
                        table_row: row + 1,
                    });
                }
                continue;
            }
            for row in own {
                match formula(&table.cell_texts(row, layout.amendment)) {
                    Some(Formula::Unchanged) => picks.push(pick(row, layout.base)),
                    Some(Formula::Nothing) => {}
                    Some(Formula::Deleted) => statements.push(CellStatement {
                        proposal: p,
                        status: Status::Deleted,
                        anchors: base_anchors(row),
                        table_row: row + 1,
                    }),
                    None => picks.push(pick(row, layout.amendment)),
                }
            }
        }
        let mut document = table.document(&picks, CellView::Changes);
        strip_leading_marker(&mut document);
        mark_certain(&mut document);
        columns.push(Column {
            label: proposer.clone(),
            marker: document.metadata.marker.clone(),
            reference: document.metadata.reference.clone(),
            document_number: None,
            document,
        });
    }
    notes.push(format!(
        "the table is a compilation of amendments, one a row: each proposer its column \
         names (\"{}\") is a version, the texts they amend (\"{}\") are the base",
        layout.headings.0, layout.headings.1
    ));
    let comments = comments_of(table, body, comment_columns, |row| {
        (
            row_outline(
                table,
                row,
                &[layout.base, layout.amendment],
                Some(layout.base),
            ),
            Some(proposer_of(row)),
        )
    });
    SideBySide {
        title,
        columns,
        base: Some(Box::new(VersionInput {
            label: layout.headings.1.clone(),
            document: base,
        })),
        tracked: true,
        base_inferred: false,
        notes,
        comments,
        statements,
    }
}
