//! HTML: the everyday view, one self-contained page.
//!
//! The page loads nothing and runs no script: the filter "only rows some
//! proposal changes" is a checkbox styled with the sibling selector, so the
//! Content-Security-Policy can forbid scripts outright. Every string that
//! came from the input goes through askama's HTML escaping; the template
//! never marks input as safe.

pub(crate) mod escape;
mod names;

use std::collections::HashMap;
use std::io::{self, Write};

use askama::Template;
use synoptic_core::consolidate::row_conflicts;
use synoptic_core::stats::Stats;
use synoptic_core::{Cell, ChangeKind, Role, Row, RowKind, Status, Synopsis};

use super::{
    cells_by_version, column_heading, display_ops, is_punctuation_only, is_unsure, reasons_row,
    role_note, section_groups, section_title, summary_parts,
};
use names::RowNames;

/// Options of the HTML page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlOptions {
    /// The page title, shown in the browser tab and as the page heading.
    pub title: String,
    /// Whether the page opens with the filter "only rows some proposal
    /// changes" switched on.
    pub only_changed: bool,
    /// Figures for a summary panel and a per-section heat strip above the
    /// table: the synopsis's own, [`synoptic_core::stats::stats`], whose
    /// hot spots are then the conflicts the rows show; `None` leaves them
    /// out.
    pub stats: Option<Stats>,
}

impl Default for HtmlOptions {
    fn default() -> Self {
        HtmlOptions {
            title: "Synopsis".into(),
            only_changed: false,
            stats: None,
        }
    }
}

/// Writes the synopsis as a self-contained HTML page.
///
/// The page is written as it is rendered, one section at a time: a
/// section's view (which copies its texts, escaped) is made when the
/// template reaches it and dropped once written, so memory holds the
/// synopsis and about one section, never the whole page.
pub fn write(synopsis: &Synopsis, options: &HtmlOptions, mut out: impl Write) -> io::Result<()> {
    let page = Page::new(synopsis, options);
    let mut sink = Sink {
        buffer: String::with_capacity(SINK_BUFFER),
        out: &mut out,
        error: None,
    };
    if page.render_into(&mut sink).is_err() {
        return Err(sink
            .error
            .take()
            .unwrap_or_else(|| io::Error::other("cannot render the page")));
    }
    sink.pass_on()?;
    out.flush()
}

/// How much of the page is gathered before it is passed on.
const SINK_BUFFER: usize = 64 * 1024;

/// Where the template writes: the many small pieces of a page (a tag, a
/// class, a cell's text) are gathered in a string and passed on to the
/// output in large blocks, each piece costing a copy rather than a call
/// through the output's layers.
struct Sink<'w, W: Write> {
    buffer: String,
    out: &'w mut W,
    /// The output's error, which the template only sees as `fmt::Error`.
    error: Option<io::Error>,
}

impl<W: Write> Sink<'_, W> {
    /// Passes what is gathered on to the output.
    fn pass_on(&mut self) -> io::Result<()> {
        self.out.write_all(self.buffer.as_bytes())?;
        self.buffer.clear();
        Ok(())
    }
}

impl<W: Write> std::fmt::Write for Sink<'_, W> {
    fn write_str(&mut self, piece: &str) -> std::fmt::Result {
        self.buffer.push_str(piece);
        if self.buffer.len() >= SINK_BUFFER {
            if let Err(e) = self.pass_on() {
                self.error = Some(e);
                return Err(std::fmt::Error);
            }
        }
        Ok(())
    }
}

/// The page's style sheet, for other pages that show a synopsis with the
/// same look (the meeting workbench serves it as a file of its own).
pub const STYLE_SHEET: &str = include_str!("../../../templates/synopsis.css");

/// The policy of the page: nothing may load, no script may run; styles come
/// only from the inline style sheet.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

#[derive(Template)]
#[template(path = "synopsis.html")]
struct Page<'a> {
    title: String,
    csp: &'static str,
    summary: Vec<String>,
    only_changed: bool,
    versions: Vec<VersionView>,
    groups: Groups<'a>,
    /// Number of table columns: the row column plus one per version.
    columns: usize,
    stats: Option<StatsView>,
    /// Each version's reasons, when some version gives any.
    reasons: Option<Vec<String>>,
}

/// The summary panel: figures prepared as strings for the template.
struct StatsView {
    headline: String,
    /// Per proposal: label, then its figures.
    proposals: Vec<(String, Vec<usize>)>,
    /// The pairwise matrix: header labels, then per proposal its label and
    /// one cell per proposal ("both / same", or empty on the diagonal).
    pair_labels: Vec<String>,
    pairs: Vec<(String, Vec<String>)>,
    hot_spots: Vec<HotSpotView>,
    heat: Vec<HeatView>,
}

struct HotSpotView {
    /// The row's name as a reader says it.
    row: String,
    /// The row's id, shown as a tooltip.
    id: String,
    href: String,
    proposers: String,
    alternatives: usize,
}

struct HeatView {
    title: String,
    href: String,
    /// `heat-0` (untouched) to `heat-3` (mostly changed), `heat-conflict`.
    class: &'static str,
    tip: String,
}

struct VersionView {
    label: String,
    /// `base` or `proposal`, for the CSS class.
    role_class: &'static str,
    /// The role as shown, unless the label says it.
    role: Option<&'static str>,
    marker: Option<String>,
    reference: Option<String>,
}

struct GroupView {
    /// `changed` or `unchanged`, for the filter.
    class: &'static str,
    title: String,
    /// The anchor of the section header: its heading row's (`row-resolves`),
    /// else one made of the section id (`section-preamble`).
    anchor: String,
    /// The section's heading row, shown in every version when they differ.
    heading: Option<RowView>,
    rows: Vec<RowView>,
}

struct RowView {
    /// The row id, shown as a tooltip of its name.
    id: String,
    /// The row as a reader names it ("considering c)", "new, after c)").
    name: String,
    anchor: String,
    class: String,
    /// Who collides in the row, for its conflict mark; `None` without one.
    conflict: Option<String>,
    cells: Vec<CellView>,
    /// What the input says about the row ([`Row::notes`]), shown under it.
    notes: Vec<String>,
}

struct CellView {
    status: &'static str,
    /// The short status badge, empty for unchanged cells.
    badge: &'static str,
    label: Option<String>,
    former_label: Option<String>,
    ops: Vec<OpView>,
    moved: Option<MovedView>,
    tracked: bool,
    /// The `dir` of the cell's text: `rtl` for Arabic, `ltr`, or `auto`.
    dir: &'static str,
    /// The `lang` of a Chinese, Japanese or Arabic cell, which picks the
    /// right glyphs and fonts for its script.
    lang: Option<&'static str>,
}

struct OpView {
    /// `equal`, `insert` or `delete`.
    kind: &'static str,
    text: synoptic_core::Text,
    /// Extra CSS classes: `minor`, `unsure`.
    class: String,
    /// Tooltip: confidence, author, minor.
    title: String,
}

struct MovedView {
    note: &'static str,
    target: String,
    href: String,
}

/// The sections of the page, each turned into its view only when the
/// template iterates to it (see [`write`]).
struct Groups<'a> {
    context: Context<'a>,
    sections: Vec<&'a [Row]>,
}

impl<'g, 'a> IntoIterator for &'g Groups<'a> {
    type Item = GroupView;
    type IntoIter = GroupIter<'g, 'a>;

    fn into_iter(self) -> GroupIter<'g, 'a> {
        GroupIter {
            groups: self,
            next: 0,
        }
    }
}

/// The views of [`Groups`], made one at a time.
struct GroupIter<'g, 'a> {
    groups: &'g Groups<'a>,
    next: usize,
}

impl Iterator for GroupIter<'_, '_> {
    type Item = GroupView;

    fn next(&mut self) -> Option<GroupView> {
        let rows = self.groups.sections.get(self.next)?;
        self.next += 1;
        Some(group_view(&self.groups.context, rows))
    }
}

impl<'a> Page<'a> {
    fn new(synopsis: &'a Synopsis, options: &HtmlOptions) -> Page<'a> {
        let versions: Vec<VersionView> = synopsis
            .versions
            .iter()
            .enumerate()
            .map(|(i, v)| VersionView {
                label: column_heading(synopsis, i),
                role_class: match v.role {
                    Role::Base => "base",
                    Role::Proposal => "proposal",
                },
                role: role_note(synopsis, v),
                marker: v.marker.clone().filter(|m| !m.trim().is_empty()),
                reference: v.reference.clone().filter(|r| !r.trim().is_empty()),
            })
            .collect();
        let conflicts = match &options.stats {
            // The figures hold every row's conflict already, as its hot
            // spot: worked out once for the page.
            Some(st) => st
                .hot_spots
                .iter()
                .map(|h| (h.row.clone(), h.proposers.clone()))
                .collect(),
            None => synopsis
                .rows
                .iter()
                .zip(row_conflicts(synopsis))
                .filter_map(|(row, c)| Some((row.id.clone(), c?.proposers)))
                .collect(),
        };
        let context = Context {
            synopsis,
            names: RowNames::new(synopsis),
            conflicts,
        };
        let stats = options.stats.as_ref().map(|st| stats_view(&context, st));
        Page {
            title: options.title.clone(),
            csp: CSP,
            summary: summary_parts(synopsis, context.conflicts.len()),
            only_changed: options.only_changed,
            columns: versions.len() + 1,
            versions,
            groups: Groups {
                context,
                sections: section_groups(&synopsis.rows),
            },
            stats,
            reasons: reasons_row(synopsis)
                .map(|reasons| reasons.into_iter().map(str::to_string).collect()),
        }
    }
}

/// What every row's view needs besides the row: the synopsis, the rows'
/// names, and who conflicts in each row, by row id.
struct Context<'a> {
    synopsis: &'a Synopsis,
    names: RowNames<'a>,
    conflicts: HashMap<String, Vec<String>>,
}

/// The anchor a section is shown under: its heading row's, else the
/// section's own (as [`group_view`] sets them).
fn section_anchor(synopsis: &Synopsis, section: &str, first_row: &str) -> String {
    match synopsis.rows.iter().find(|r| r.id == first_row) {
        Some(row) if row.kind == RowKind::Heading => anchor("row", &row.id),
        _ => anchor("section", section),
    }
}

fn stats_view(context: &Context<'_>, st: &Stats) -> StatsView {
    let synopsis = context.synopsis;
    let labels: Vec<String> = st.proposals.iter().map(|p| p.label.clone()).collect();
    StatsView {
        headline: format!(
            "{} rows, {} changed by some proposal, {} with a conflict",
            st.rows, st.changed_rows, st.conflict_rows
        ),
        proposals: st
            .proposals
            .iter()
            .map(|p| {
                (
                    p.label.clone(),
                    vec![
                        p.rows_modified,
                        p.rows_added,
                        p.rows_deleted,
                        p.words_inserted,
                        p.words_deleted,
                    ],
                )
            })
            .collect(),
        pairs: if labels.len() > 1 {
            labels
                .iter()
                .map(|a| {
                    let cells = labels
                        .iter()
                        .map(|b| match st.pair(a, b) {
                            Some(p) if a != b => format!("{} / {}", p.both_touch, p.same_change),
                            _ => String::new(),
                        })
                        .collect();
                    (a.clone(), cells)
                })
                .collect()
        } else {
            Vec::new()
        },
        pair_labels: labels,
        hot_spots: st
            .hot_spots
            .iter()
            .map(|h| HotSpotView {
                href: format!("#{}", anchor("row", &h.row)),
                row: context.names.name_of(&h.row),
                id: h.row.clone(),
                proposers: h.proposers.join(", "),
                alternatives: h.alternatives,
            })
            .collect(),
        heat: st
            .sections
            .iter()
            .map(|s| {
                let class = if s.conflict_rows > 0 {
                    "heat-conflict"
                } else if s.changed_rows == 0 {
                    "heat-0"
                } else if s.changed_rows * 3 <= s.rows {
                    "heat-1"
                } else if s.changed_rows * 3 <= s.rows * 2 {
                    "heat-2"
                } else {
                    "heat-3"
                };
                HeatView {
                    href: format!("#{}", section_anchor(synopsis, &s.section, &s.first_row)),
                    tip: format!(
                        "{}: {} of {} rows changed, {} with a conflict",
                        s.title, s.changed_rows, s.rows, s.conflict_rows
                    ),
                    title: s.title.clone(),
                    class,
                }
            })
            .collect(),
    }
}

/// The HTML id of a row. Ids may hold any character but whitespace, so
/// whitespace (which no well-formed row id has) becomes `_`.
fn anchor(prefix: &str, id: &str) -> String {
    let mut anchor = String::with_capacity(prefix.len() + 1 + id.len());
    anchor.push_str(prefix);
    anchor.push('-');
    anchor.extend(id.chars().map(|c| if c.is_whitespace() { '_' } else { c }));
    anchor
}

fn group_view(context: &Context<'_>, rows: &[Row]) -> GroupView {
    let (heading_row, rest) = match rows.split_first() {
        Some((first, rest)) if first.kind == RowKind::Heading => (Some(first), rest),
        _ => (None, rows),
    };
    let changed = rows.iter().any(Synopsis::row_is_changed);
    let mut title = section_title(rows).to_string();
    // A heading every version writes alike collapses into the section title;
    // one that differs is shown version by version.
    let heading = heading_row.and_then(|row| match uniform_heading(row) {
        // A heading with notes keeps its row, to show them under it.
        Some(text) if row.notes.is_empty() => {
            title = text;
            None
        }
        _ => Some(row_view(context, row)),
    });
    GroupView {
        class: if changed { "changed" } else { "unchanged" },
        anchor: match heading_row {
            Some(row) => anchor("row", &row.id),
            None => anchor("section", rows.first().map_or("", |r| r.section.as_str())),
        },
        title,
        heading,
        rows: rest.iter().map(|row| row_view(context, row)).collect(),
    }
}

/// The opener's text when no version changes it and every version that has
/// it writes it the same.
fn uniform_heading(row: &Row) -> Option<String> {
    if Synopsis::row_is_changed(row) {
        return None;
    }
    let mut texts = row
        .cells
        .iter()
        .filter(|c| c.status != Status::Absent)
        .map(|c| c.text.trim());
    let first = texts.next().unwrap_or_else(|| row.section_title.trim());
    if texts.all(|t| t == first) {
        Some(if first.is_empty() {
            row.section.clone()
        } else {
            first.to_string()
        })
    } else {
        None
    }
}

fn row_view(context: &Context<'_>, row: &Row) -> RowView {
    let changed = Synopsis::row_is_changed(row);
    let kind = match row.kind {
        RowKind::Heading => "heading",
        RowKind::Paragraph => "paragraph",
    };
    let conflict = context.conflicts.get(row.id.as_str()).map(|proposers| {
        let who = match proposers.as_slice() {
            [] => String::new(),
            [one] => one.clone(),
            [first @ .., last] => format!("{} and {last}", first.join(", ")),
        };
        format!("{who} change the same words differently")
    });
    RowView {
        id: row.id.clone(),
        name: context.names.name(row),
        anchor: anchor("row", &row.id),
        class: format!(
            "{kind} {}{}",
            if changed { "changed" } else { "unchanged" },
            if conflict.is_some() { " conflict" } else { "" }
        ),
        conflict,
        cells: cells_by_version(context.synopsis, row)
            .into_iter()
            .map(|cell| cell.map_or_else(missing_cell, |c| cell_view(context, c)))
            .collect(),
        notes: row.notes.clone(),
    }
}

fn missing_cell() -> CellView {
    CellView {
        status: Status::Absent.as_str(),
        badge: "",
        label: None,
        former_label: None,
        ops: Vec::new(),
        moved: None,
        tracked: false,
        dir: "auto",
        lang: None,
    }
}

/// The `lang` of a text written mostly in Han or Kana ("zh", or "ja" when
/// it has Kana) or in Arabic letters ("ar"); `None` for other scripts,
/// whose glyphs do not depend on the language.
fn script_lang(text: &str) -> Option<&'static str> {
    if text.is_ascii() {
        // Latin letters only: no script of its own to name.
        return None;
    }
    let (mut han, mut kana, mut arabic, mut other) = (0usize, 0usize, 0usize, 0usize);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        // An ASCII letter is of none of the scripts counted apart.
        if c.is_ascii() {
            other += 1;
            continue;
        }
        match c {
            '\u{3040}'..='\u{30FF}' => kana += 1,
            c if synoptic_core::tokens::is_cjk(c) => han += 1,
            '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' => {
                arabic += 1;
            }
            _ => other += 1,
        }
    }
    // A Chinese character weighs about as much as a short Latin word.
    if (han + kana) * 3 > other && han + kana >= arabic {
        Some(if kana > 0 { "ja" } else { "zh" })
    } else if arabic > other {
        Some("ar")
    } else {
        None
    }
}

fn cell_view(context: &Context<'_>, cell: &Cell) -> CellView {
    let absent = cell.status == Status::Absent;
    let ops = display_ops(cell);
    // A deleted cell's text is empty: its direction is its deleted text's.
    let (dir, lang) = if ops.iter().all(|c| c.text.is_ascii()) {
        // What `direction` and `script_lang` say of ASCII text, without
        // joining the text first.
        let letters = ops
            .iter()
            .any(|c| c.text.bytes().any(|b| b.is_ascii_alphabetic()));
        let dir = if letters {
            synoptic_core::lang::Direction::Ltr
        } else {
            synoptic_core::lang::Direction::Neutral
        };
        (dir, None)
    } else {
        let shown: String = ops.iter().map(|c| c.text.as_str()).collect();
        (synoptic_core::lang::direction(&shown), script_lang(&shown))
    };
    CellView {
        dir: dir.html(),
        lang,
        status: cell.status.as_str(),
        badge: match cell.status {
            Status::Unchanged | Status::Absent => "",
            Status::Modified => "modified",
            Status::Added => "added",
            Status::Deleted => "deleted",
        },
        label: cell.label.clone().filter(|_| !absent),
        former_label: cell.former_label.clone().filter(|_| !absent),
        ops: if absent {
            Vec::new()
        } else {
            ops.into_iter().map(op_view).collect()
        },
        moved: cell.moved.as_ref().map(|target| MovedView {
            note: if cell.status == Status::Added {
                "moved from"
            } else {
                "moved to"
            },
            target: context.names.name_of(target),
            href: format!("#{}", anchor("row", target)),
        }),
        tracked: cell.tracked,
    }
}

fn op_view(change: synoptic_core::Change) -> OpView {
    let mut class = Vec::new();
    let mut title = Vec::new();
    if change.minor && change.kind != ChangeKind::Equal {
        class.push("minor");
        title.push("minor change (case, diacritics, dashes, quotes or spacing)".to_string());
    }
    if is_unsure(&change) && change.kind != ChangeKind::Equal {
        class.push("unsure");
    }
    if is_punctuation_only(&change) {
        class.push("punct");
        title.push("punctuation changed".to_string());
    }
    if let Some(n) = change.moved {
        class.push("phrase-moved");
        title.push(match change.kind {
            ChangeKind::Delete => format!("moved from here (move {n})"),
            _ => format!("moved here (move {n})"),
        });
    }
    if let Some(c) = change
        .confidence
        .filter(|_| change.kind != ChangeKind::Equal)
    {
        title.push(format!(
            "recovered from flattened text, confidence {:.0}%",
            c * 100.0
        ));
    }
    if let Some(author) = change
        .author
        .as_ref()
        .filter(|_| change.kind != ChangeKind::Equal)
    {
        title.push(format!("by {author}"));
    }
    OpView {
        kind: match change.kind {
            ChangeKind::Equal => "equal",
            ChangeKind::Insert => "insert",
            ChangeKind::Delete => "delete",
        },
        text: change.text,
        class: class.join(" "),
        title: title.join("; "),
    }
}

#[cfg(test)]
mod tests;
