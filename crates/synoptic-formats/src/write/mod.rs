//! Writers: print a [`synoptic_core::Synopsis`] in one output format each.

pub mod assembly;
pub mod decisions;
pub mod docx;
pub mod draft_docx;
pub mod draft_json;
pub mod draft_markdown;
pub mod draft_text;
pub mod html;
pub mod index;
pub mod json;
pub mod markdown;
pub mod stats_json;
pub mod stats_term;
pub mod term;

#[cfg(test)]
pub(crate) mod test_support;

use synoptic_core::{Cell, Change, ChangeKind, Role, Row, RowKind, Synopsis, Version};

/// The cells of `row` in the order of the synopsis' versions, one slot per
/// version; `None` where the row has no cell for that version.
///
/// Rows are meant to hold their cells in version order already, but writers
/// must not misplace or panic on a synopsis that breaks that promise, so the
/// cell is looked up by version id when the position does not match.
pub(crate) fn cells_by_version<'a>(synopsis: &Synopsis, row: &'a Row) -> Vec<Option<&'a Cell>> {
    synopsis
        .versions
        .iter()
        .enumerate()
        .map(|(i, version)| match row.cells.get(i) {
            Some(cell) if cell.version == version.id => Some(cell),
            _ => row.cells.iter().find(|c| c.version == version.id),
        })
        .collect()
}

/// The changes to display for a cell: its ops with short kept fragments
/// folded into the changes around them so that they read as phrases
/// ([`synoptic_core::diff::for_reading`]) and white space of another kind
/// unmarked ([`synoptic_core::diff::spacing_unmarked`]): the ops themselves
/// stay the exact diff; a proposer's own tracked changes are shown as
/// made. A cell whose ops are empty (whose text nobody compared) is its
/// text as one kept run.
pub fn display_ops(cell: &Cell) -> Vec<Change> {
    if cell.ops.is_empty() && !cell.text.is_empty() {
        vec![Change::equal(cell.text.clone())]
    } else if cell.tracked {
        cell.ops.clone()
    } else {
        synoptic_core::diff::for_reading(&synoptic_core::diff::spacing_unmarked(&cell.ops))
    }
}

/// The summary every writer opens with, in parts: the versions, the rows,
/// the changed rows, the rows with a conflict (`conflicts`, counted by
/// [`synoptic_core::consolidate::row_conflicts`]), and whether the base was
/// inferred.
pub(crate) fn summary_parts(synopsis: &Synopsis, conflicts: usize) -> Vec<String> {
    let proposals = synopsis
        .versions
        .iter()
        .filter(|v| v.role == synoptic_core::Role::Proposal)
        .count();
    let mut parts = vec![
        if synopsis.base_index().is_some() {
            format!(
                "{} (base and {})",
                plural(synopsis.versions.len(), "version", "versions"),
                plural(proposals, "proposal", "proposals")
            )
        } else {
            format!("{}, no base", plural(proposals, "proposal", "proposals"))
        },
        plural(synopsis.rows.len(), "row", "rows"),
        format!("{} changed by some proposal", synopsis.changed_row_count()),
        plural(conflicts, "conflict", "conflicts"),
    ];
    if synopsis.base_inferred {
        parts.push("base inferred from the proposals".into());
    }
    parts
}

/// How a version's role is shown beside its label: "base", "base
/// (inferred)" or "proposal"; `None` where the label says it already (a
/// base file named `base.txt` is labelled "base"), so that it is written
/// once.
pub(crate) fn role_note(synopsis: &Synopsis, version: &Version) -> Option<&'static str> {
    let role = match (version.role, synopsis.base_inferred) {
        (Role::Base, true) => "base (inferred)",
        (Role::Base, false) => "base",
        (Role::Proposal, _) => "proposal",
    };
    let label = version.label.trim();
    let said = label.eq_ignore_ascii_case(role)
        || (version.role == Role::Base && label.eq_ignore_ascii_case("base"));
    (!said).then_some(role)
}

/// True when a change touches punctuation alone (";" for ","): no letter
/// or digit, something other than white space. Such changes are nearly
/// invisible as coloured text and get a mark of their own.
pub(crate) fn is_punctuation_only(change: &Change) -> bool {
    change.kind != ChangeKind::Equal
        && !change.text.trim().is_empty()
        && !change.text.chars().any(char::is_alphanumeric)
}

/// The longest first line taken as a text's title; a longer one is a
/// paragraph, not a title.
const TITLE_MAX_CHARS: usize = 160;

/// The title a text gives itself: its first heading when that is not a
/// section opener ("# Resolution 302" in Markdown, not "considering"), else
/// the first line of its preamble ("RESOLUTION 301 (Rev. Geneva, 2022)")
/// when it is short enough to be a title. `None` when the text has neither.
pub fn title_of(synopsis: &Synopsis) -> Option<String> {
    let row = synopsis.rows.first()?;
    let text = match &row.base_text {
        Some(text) => text.to_string(),
        None => row
            .cells
            .iter()
            .find(|c| c.status != synoptic_core::Status::Absent && !c.text.trim().is_empty())?
            .text
            .to_string(),
    };
    let line = text.lines().next().unwrap_or("").trim();
    let title_like = match row.kind {
        RowKind::Heading => synoptic_core::structure::Openers::all_languages()
            .match_opener(line)
            .is_none(),
        RowKind::Paragraph => row.section_title.trim().is_empty() && row.label.is_none(),
    };
    (title_like && !line.is_empty() && line.chars().count() <= TITLE_MAX_CHARS)
        .then(|| line.to_string())
}

/// "1 conflict", "2 conflicts": a count with its noun.
pub fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The heading of version `index`'s column. A proposal that names its
/// action and the document it came from is headed as secretariats head
/// their side-by-side tables, `Proposal 2 (MOD, Addendum 8 to Document 35)
/// (ATU)` (numbered among the proposals); any other version by its label.
pub fn column_heading(synopsis: &Synopsis, index: usize) -> String {
    let Some(version) = synopsis.versions.get(index) else {
        return String::new();
    };
    let action = version.marker.as_deref().map(str::trim).unwrap_or("");
    let source = version.source.as_deref().map(str::trim).unwrap_or("");
    if version.role != synoptic_core::Role::Proposal || action.is_empty() || source.is_empty() {
        return version.label.clone();
    }
    let number = synopsis.versions[..=index]
        .iter()
        .filter(|v| v.role == synoptic_core::Role::Proposal)
        .count();
    format!("Proposal {number} ({action}, {source}) ({})", version.label)
}

/// The reasons of each version, in column order, when some version gives
/// any: writers then end the table with a Reasons row.
pub(crate) fn reasons_row(synopsis: &Synopsis) -> Option<Vec<&str>> {
    let reasons: Vec<&str> = synopsis
        .versions
        .iter()
        .map(|v| v.reasons.as_deref().map(str::trim).unwrap_or(""))
        .collect();
    reasons.iter().any(|r| !r.is_empty()).then_some(reasons)
}

/// Below this confidence a recovered change is shown as uncertain.
pub(crate) const LOW_CONFIDENCE: f32 = 0.7;

/// True when the change was recovered with a confidence below
/// [`LOW_CONFIDENCE`].
pub(crate) fn is_unsure(change: &Change) -> bool {
    change.confidence.is_some_and(|c| c < LOW_CONFIDENCE)
}

/// Consecutive rows that belong to the same section, in document order.
pub(crate) fn section_groups(rows: &[Row]) -> Vec<&[Row]> {
    let mut groups = Vec::new();
    let mut start = 0;
    for i in 1..=rows.len() {
        if i == rows.len() || rows[i].section != rows[start].section {
            if start < i {
                groups.push(&rows[start..i]);
            }
            start = i;
        }
    }
    groups
}

/// The title to show for a group of rows of one section: the first row's
/// section title, else the section id.
pub(crate) fn section_title(rows: &[Row]) -> &str {
    match rows.first() {
        Some(row) if !row.section_title.trim().is_empty() => &row.section_title,
        Some(row) => &row.section,
        None => "",
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn title_from_the_text() {
        use super::test_support::sample;
        use synoptic_core::{Cell, Change, Status};
        // The sample opens with "considering": an opener, not a title.
        let mut s = sample();
        assert_eq!(super::title_of(&s), None);
        let preamble = |text: &str, label: Option<&str>| Row {
            id: "preamble/p1".into(),
            section: "preamble".into(),
            label: label.map(Into::into),
            base_text: Some(text.into()),
            cells: vec![Cell {
                version: "v0".into(),
                status: Status::Unchanged,
                text: text.into(),
                ops: vec![Change::equal(text)],
                ..Cell::default()
            }],
            ..Row::default()
        };
        s.rows
            .insert(0, preamble("RESOLUTION 44 (Rev. Hammamet, 2016)", None));
        assert_eq!(
            super::title_of(&s).as_deref(),
            Some("RESOLUTION 44 (Rev. Hammamet, 2016)")
        );
        // A long first paragraph, or a labelled one, is no title.
        s.rows[0] = preamble(&"word ".repeat(60), None);
        assert_eq!(super::title_of(&s), None);
        s.rows[0] = preamble("Short line", Some("1"));
        assert_eq!(super::title_of(&s), None);
        // A heading that is not an opener is the title (a Markdown `#`).
        s.rows[0] = Row {
            kind: RowKind::Heading,
            section_title: "Bill 12: Clean Rivers Act".into(),
            ..preamble("Bill 12: Clean Rivers Act", None)
        };
        assert_eq!(
            super::title_of(&s).as_deref(),
            Some("Bill 12: Clean Rivers Act")
        );
    }

    use proptest::prelude::*;
    use synoptic_core::{Change, ChangeKind, Role, Row, RowKind, Status, Synopsis, Version};
    use unicode_width::UnicodeWidthStr;

    fn change() -> impl Strategy<Value = Change> {
        (
            0..3u8,
            "\\PC{0,12}|[ \\t\\n\u{1b}|<>{}*]{0,4}",
            any::<bool>(),
            proptest::option::of(0.0f32..1.0),
        )
            .prop_map(|(kind, text, minor, confidence)| Change {
                minor,
                confidence,
                ..Change::new(
                    match kind {
                        0 => ChangeKind::Equal,
                        1 => ChangeKind::Insert,
                        _ => ChangeKind::Delete,
                    },
                    text,
                )
            })
    }

    fn synopsis() -> impl Strategy<Value = Synopsis> {
        let cell = (
            0..5u8,
            proptest::option::of("\\PC{0,4}"),
            proptest::option::of("\\PC{0,4}"),
            proptest::collection::vec(change(), 0..5),
            proptest::option::of("\\PC{0,8}"),
        );
        let row = (
            "\\PC{0,10}",
            "[a-c]{1}",
            any::<bool>(),
            proptest::collection::vec(cell, 0..5),
        );
        (
            1..5usize,
            proptest::collection::vec(row, 0..6),
            any::<bool>(),
        )
            .prop_map(|(n, rows, inferred)| Synopsis {
                versions: (0..n)
                    .map(|i| Version {
                        id: format!("v{i}"),
                        label: format!("Version {i}"),
                        role: if i == 0 { Role::Base } else { Role::Proposal },
                        ..Version::default()
                    })
                    .collect(),
                base_inferred: inferred,
                notes: Vec::new(),
                rows: rows
                    .into_iter()
                    .map(|(id, section, heading, cells)| Row {
                        id,
                        section_title: section.clone(),
                        section,
                        kind: if heading {
                            RowKind::Heading
                        } else {
                            RowKind::Paragraph
                        },
                        label: None,
                        base_text: None,
                        cells: cells
                            .into_iter()
                            .enumerate()
                            .map(|(i, (status, label, former_label, ops, moved))| {
                                synoptic_core::Cell {
                                    version: format!("v{i}").into(),
                                    status: [
                                        Status::Unchanged,
                                        Status::Modified,
                                        Status::Added,
                                        Status::Deleted,
                                        Status::Absent,
                                    ][usize::from(status) % 5],
                                    label,
                                    former_label,
                                    text: synoptic_core::model::result_of(&ops).into(),
                                    ops,
                                    tracked: false,
                                    moved,
                                }
                            })
                            .collect(),
                        notes: Vec::new(),
                    })
                    .collect(),
            })
    }

    proptest! {
        #[test]
        fn writers_never_fail(s in synopsis(), width in 0..160usize, color in any::<bool>()) {
            let mut buf = Vec::new();
            super::json::write(&s, &mut buf).expect("json");
            super::docx::write(&s, &super::docx::DocxOptions::default(), &mut buf).expect("docx");
            super::markdown::write(&s, &mut buf).expect("markdown");
            super::html::write(&s, &super::html::HtmlOptions::default(), &mut buf).expect("html");
            let mut term = Vec::new();
            super::term::write(&s, &super::term::TermOptions { width, color }, &mut term).expect("term");
            let term = String::from_utf8(term).expect("UTF-8");
            if !color {
                for line in term.lines() {
                    prop_assert!(line.width() <= width.max(20), "{:?}", line);
                }
            }
        }
    }
}
