//! A compilation of amendments in Word: one table row per amendment, with a
//! column naming who proposes it (`Submitted by`, `Delegation`), the text
//! it amends (`Current text`) and the amendment (`Proposed amendment`),
//! rows of several proposers amending the same text one under the other.
//! Each proposer becomes a version: its amendments in place of the texts
//! they amend, nothing proposed where it has no row. The texts amended,
//! each once, in the order first met, are the base.

use std::collections::HashMap;

use synoptic_core::compare::VersionInput;
use synoptic_core::tokens::normalize;

use super::docx::{comments_of, mark_certain, row_outline, strip_leading_marker};
use super::formulas::{formula, Formula};
use super::header::{header_words, Header};
use super::{CellStatement, Column, SideBySide};
use crate::read::docx::table::{CellPick, CellView, WordTable};
use crate::read::ReadError;
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

/// The most cells (proposers times texts amended) a compilation is read
/// into: far more than any assembly's compilation, few enough to compare
/// in seconds.
const MAX_CELLS: usize = 2_000_000;

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
) -> Result<SideBySide, ReadError> {
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
    // The proposers, in the order first met, and each row's.
    let mut proposers: Vec<String> = Vec::new();
    let mut proposer_index: HashMap<String, usize> = HashMap::new();
    let row_proposer: HashMap<usize, usize> = body
        .iter()
        .map(|&row| {
            let name = proposer_of(row);
            let next = proposers.len();
            let p = *proposer_index.entry(name.clone()).or_insert(next);
            if p == next {
                proposers.push(name);
            }
            (row, p)
        })
        .collect();
    // The texts amended, each once, in the order first met, with the rows
    // amending each; a row amending no text (a new article) is a group of
    // its own.
    let mut groups: Vec<(bool, Vec<usize>)> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for &row in body {
        let amended = normalize(&text_of(row, layout.base));
        if amended.is_empty() {
            groups.push((false, vec![row]));
            continue;
        }
        match group_of.get(&amended) {
            Some(&g) => groups[g].1.push(row),
            None => {
                group_of.insert(amended, groups.len());
                groups.push((true, vec![row]));
            }
        }
    }
    // Each proposer's version holds every text amended: a table naming
    // thousands of proposers, each amending a text of its own, would cost
    // their product.
    if proposers.len().saturating_mul(groups.len()) > MAX_CELLS {
        return Err(ReadError::Other(format!(
            "the compilation of amendments names {} proposers amending {} texts: more than \
             {MAX_CELLS} cells to compare",
            proposers.len(),
            groups.len()
        )));
    }
    let pick = |row: usize, column: usize| CellPick {
        row,
        column,
        heading: false,
        skip: Vec::new(),
    };
    let base_picks: Vec<CellPick> = groups
        .iter()
        .filter(|(amended, _)| *amended)
        .filter_map(|(_, rows)| rows.first().map(|&row| pick(row, layout.base)))
        .collect();
    let mut base = table.document(&base_picks, CellView::Rejected);
    strip_leading_marker(&mut base);
    base.metadata = Default::default();

    let mut columns = Vec::new();
    let mut statements = Vec::new();
    // Each group's base paragraphs, found once.
    let anchors: Vec<Vec<String>> = groups
        .iter()
        .map(|(amended, rows)| match (amended, rows.first()) {
            (true, Some(&row)) => row_outline(table, row, &[layout.base], Some(layout.base)),
            _ => Vec::new(),
        })
        .collect();
    for (p, proposer) in proposers.iter().enumerate() {
        let mut picks = Vec::new();
        for (g, (amended, rows)) in groups.iter().enumerate() {
            let own: Vec<usize> = rows
                .iter()
                .copied()
                .filter(|row| row_proposer.get(row) == Some(&p))
                .collect();
            // Where the proposer has no row, the text amended stands in its
            // version, so that what it adds lands where the table puts it;
            // the synopsis then shows nothing proposed there.
            if own.is_empty() {
                if let (true, Some(&row)) = (amended, rows.first()) {
                    picks.push(pick(row, layout.base));
                    statements.push(CellStatement {
                        proposal: p,
                        status: Status::Absent,
                        anchors: anchors[g].clone(),
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
                        anchors: anchors[g].clone(),
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
    Ok(SideBySide {
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
    })
}
