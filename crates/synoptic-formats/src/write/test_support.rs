//! Hand-built synopses for the writers' tests.

use synoptic_core::{Cell, Change, ChangeKind, Role, Row, RowKind, Status, Synopsis, Version};

fn version(
    id: &str,
    label: &str,
    role: Role,
    marker: Option<&str>,
    reference: Option<&str>,
) -> Version {
    Version {
        id: id.into(),
        label: label.into(),
        role,
        marker: marker.map(Into::into),
        reference: reference.map(Into::into),
        ..Version::default()
    }
}

/// A cell whose text is spelled by its ops (`equal` and `insert`).
fn cell(version: &str, status: Status, label: Option<&str>, ops: Vec<Change>) -> Cell {
    Cell {
        version: version.into(),
        status,
        label: label.map(Into::into),
        text: synoptic_core::model::result_of(&ops).into(),
        ops,
        ..Cell::default()
    }
}

fn same(version: &str, label: Option<&str>, text: &str) -> Cell {
    cell(version, Status::Unchanged, label, vec![Change::equal(text)])
}

fn absent(version: &str) -> Cell {
    cell(version, Status::Absent, None, vec![])
}

fn row(
    id: &str,
    section: &str,
    kind: RowKind,
    label: Option<&str>,
    base: Option<&str>,
    cells: Vec<Cell>,
) -> Row {
    Row {
        id: id.into(),
        section: section.into(),
        section_title: section.into(),
        kind,
        label: label.map(Into::into),
        base_text: base.map(Into::into),
        cells,
        notes: Vec::new(),
    }
}

fn recovered(kind: ChangeKind, text: &str, confidence: f32) -> Change {
    Change {
        confidence: Some(confidence),
        ..Change::new(kind, text)
    }
}

fn minor(kind: ChangeKind, text: &str) -> Change {
    Change {
        minor: true,
        ..Change::new(kind, text)
    }
}

/// [`sample`] with CITEL also changing the date ATU changes, to another
/// one: row 1 (`considering/a`) is a conflict of ATU and CITEL.
pub(crate) fn conflicting() -> Synopsis {
    let mut s = sample();
    let base = s.rows[1].base_text.clone().unwrap_or_default();
    let text = base.replace("Busan, 2014", "Geneva, 2022");
    s.rows[1].cells[2].ops = synoptic_core::diff::word_diff(&base, &text);
    s.rows[1].cells[2].text = text.into();
    s
}

/// A base and two proposals over two sections: a modified row with a
/// low-confidence and a minor change, an added row, a re-lettered row
/// (`former_label`) with a deleted cell, a renamed section opener and a
/// moved paragraph.
pub(crate) fn sample() -> Synopsis {
    let a = "that Resolution 123 (Rev. Busan, 2014) of the Plenipotentiary Conference addresses the standardization gap;";
    let b = "the need to assist developing countries in participating in the work of ITU-T;";
    let r1 = "to continue the programme on bridging the standardization gap;";
    let r2 = "to invite Member States to contribute to the fund;";
    Synopsis {
        versions: vec![
            version("v0", "Res. 44 (Rev. Hammamet, 2016)", Role::Base, None, None),
            version("v1", "ATU", Role::Proposal, Some("MOD"), Some("AFCP/35A8/1")),
            version("v2", "CITEL", Role::Proposal, Some("MOD"), Some("IAP/39A18/1")),
        ],
        base_inferred: false,
        notes: Vec::new(),
        rows: vec![
            row(
                "considering",
                "considering",
                RowKind::Heading,
                None,
                Some("considering"),
                vec![
                    same("v0", None, "considering"),
                    same("v1", None, "considering"),
                    same("v2", None, "considering"),
                ],
            ),
            row(
                "considering/a",
                "considering",
                RowKind::Paragraph,
                Some("a)"),
                Some(a),
                vec![
                    same("v0", Some("a)"), a),
                    cell(
                        "v1",
                        Status::Modified,
                        Some("a)"),
                        vec![
                            Change::equal("that Resolution 123 (Rev. "),
                            recovered(ChangeKind::Delete, "Busan, 2014", 0.55),
                            recovered(ChangeKind::Insert, "Dubai, 2018", 0.55),
                            Change::equal(") of the Plenipotentiary Conference addresses the standardization gap;"),
                        ],
                    ),
                    cell(
                        "v2",
                        Status::Modified,
                        Some("a)"),
                        vec![
                            Change::equal("that Resolution 123 (Rev. Busan, 2014) of the "),
                            minor(ChangeKind::Delete, "Plenipotentiary Conference"),
                            minor(ChangeKind::Insert, "plenipotentiary conference"),
                            Change::equal(" addresses the standardization gap"),
                            Change::insert(" between developing and developed countries"),
                            Change::equal(";"),
                        ],
                    ),
                ],
            ),
            row(
                "considering/a+1",
                "considering",
                RowKind::Paragraph,
                Some("b)"),
                None,
                vec![
                    absent("v0"),
                    cell(
                        "v1",
                        Status::Added,
                        Some("b)"),
                        vec![Change::insert("the importance of e-learning for capacity building;")],
                    ),
                    absent("v2"),
                ],
            ),
            row(
                "considering/b",
                "considering",
                RowKind::Paragraph,
                Some("b)"),
                Some(b),
                vec![
                    same("v0", Some("b)"), b),
                    Cell {
                        former_label: Some("b)".into()),
                        tracked: true,
                        ..same("v1", Some("c)"), b)
                    },
                    cell("v2", Status::Deleted, Some("b)"), vec![Change::delete(b)]),
                ],
            ),
            row(
                "resolves",
                "resolves",
                RowKind::Heading,
                None,
                Some("resolves"),
                vec![
                    same("v0", None, "resolves"),
                    same("v1", None, "resolves"),
                    cell(
                        "v2",
                        Status::Modified,
                        None,
                        vec![Change::equal("resolves"), Change::insert(" further")],
                    ),
                ],
            ),
            row(
                "resolves/1",
                "resolves",
                RowKind::Paragraph,
                Some("1"),
                Some(r1),
                vec![
                    same("v0", Some("1"), r1),
                    Cell {
                        moved: Some("resolves/2+1".into()),
                        ..cell("v1", Status::Deleted, Some("1"), vec![Change::delete(r1)])
                    },
                    same("v2", Some("1"), r1),
                ],
            ),
            row(
                "resolves/2",
                "resolves",
                RowKind::Paragraph,
                Some("2"),
                Some(r2),
                vec![same("v0", Some("2"), r2), same("v1", Some("1"), r2), same("v2", Some("2"), r2)],
            ),
            row(
                "resolves/2+1",
                "resolves",
                RowKind::Paragraph,
                Some("2"),
                None,
                vec![
                    absent("v0"),
                    Cell {
                        moved: Some("resolves/1".into()),
                        ..cell("v1", Status::Added, Some("2"), vec![Change::insert(r1)])
                    },
                    absent("v2"),
                ],
            ),
        ],
    }
}

/// Text meant to break out of its context in every output format.
pub(crate) const HOSTILE: &str =
    "<script>alert(1)</script> \" onmouseover=\"alert(2)\" </style> | pipe\nnew line \u{1b}[31mred\u{1b}[0m \u{202e}rev";

/// A synopsis whose every input-derived string is hostile.
pub(crate) fn hostile() -> Synopsis {
    let mut s = sample();
    for v in &mut s.versions {
        v.label = format!("{}{HOSTILE}", v.label);
        v.reference = Some(HOSTILE.into());
    }
    if let Some(row) = s.rows.get_mut(1) {
        row.id = format!("considering/\"a{HOSTILE}");
        row.label = Some(HOSTILE.into());
        row.notes = vec![format!("Comments: {HOSTILE}")];
        if let Some(cell) = row.cells.get_mut(1) {
            cell.label = Some(HOSTILE.into());
            cell.former_label = Some(HOSTILE.into());
            cell.moved = Some(HOSTILE.into());
            cell.ops.push(Change {
                author: Some(HOSTILE.into()),
                ..Change::insert(HOSTILE)
            });
            cell.text = synoptic_core::model::result_of(&cell.ops).into();
        }
    }
    s
}
