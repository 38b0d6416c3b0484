//! Labels of the draft renumbered where rows were added or removed.

#[allow(unused_imports)]
use super::*;

impl LabelShape {
    pub(super) fn same_level(&self, other: &LabelShape) -> bool {
        self.style == other.style && self.decoration == other.decoration
    }

    pub(super) fn with_value(&self, value: usize) -> Option<String> {
        label_in_style(&self.written, self.style, u32::try_from(value).ok()?)
    }
}

/// How `label` counts, in any script the structure module reads (`b)`,
/// `iv)`, `б)`, `(ب`, `（二）`). A label with two readings (`i)`, a letter
/// or a numeral) takes the one that continues an open level, else the one
/// that matches an open level, else the likelier. Bullets and labels
/// without an order have no shape.
pub(super) fn label_shape(label: &str, levels: &[LabelShape]) -> Option<LabelShape> {
    let decoration = label_decoration(label);
    let shapes: Vec<LabelShape> = label_readings(label)
        .into_iter()
        .filter(|r| !matches!(r.style, LabelStyle::Bullet | LabelStyle::Other) && r.value > 0)
        .map(|r| LabelShape {
            style: r.style,
            decoration,
            value: r.value as usize,
            written: label.to_string(),
        })
        .collect();
    let continues = |s: &&LabelShape| {
        levels
            .iter()
            .any(|l| l.same_level(s) && l.value + 1 == s.value)
    };
    let open = |s: &&LabelShape| levels.iter().any(|l| l.same_level(s));
    shapes
        .iter()
        .find(continues)
        .or_else(|| shapes.iter().find(open))
        .or(shapes.first())
        .cloned()
}

/// Re-letters and renumbers the paragraphs of each section in sequence, as
/// an editor does when a paragraph is added or deleted before others:
/// `b)` becomes `c)` after an added `a)`. Each kind of label (`a)`, `1`,
/// `i)`) is a level; a label of an outer level closes the inner ones, so
/// sub-items restart under each item. The first label of a level keeps its
/// value (a text may start at `5`); rows without text in the draft
/// (deleted) keep their label and hand their number to the next row; labels that are not numbers,
/// letters or roman numerals (bullets) are left alone.
pub(super) fn relabel(rows: &mut [DraftRow]) {
    let mut levels: Vec<LabelShape> = Vec::new();
    let mut section: Option<String> = None;
    for row in rows.iter_mut() {
        if section.as_deref() != Some(row.section.as_str()) {
            section = Some(row.section.clone());
            levels.clear();
        }
        let present = !row.pieces.is_empty() && row.text().as_deref() != Some("");
        if row.kind != RowKind::Paragraph {
            continue;
        }
        let Some(label) = row.label.clone() else {
            continue;
        };
        // "2° bis" was numbered so that "3°" stays "3°".
        if crate::structure::is_inserted_label(&label) {
            continue;
        }
        let Some(shape) = label_shape(&label, &levels) else {
            continue;
        };
        if !present {
            // A deleted row still opens or closes levels, and hands its
            // number on: the next row at its level takes it.
            match levels.iter().position(|l| l.same_level(&shape)) {
                Some(level) => levels.truncate(level + 1),
                None => levels.push(LabelShape {
                    value: shape.value.saturating_sub(1),
                    ..shape
                }),
            }
            continue;
        }
        let value = match levels.iter().position(|l| l.same_level(&shape)) {
            Some(level) => {
                levels.truncate(level + 1);
                levels[level].value + 1
            }
            None => shape.value,
        };
        let Some(new_label) = shape.with_value(value) else {
            continue;
        };
        match levels.iter_mut().find(|l| l.same_level(&shape)) {
            Some(level) => level.value = value,
            None => levels.push(LabelShape { value, ..shape }),
        }
        if new_label != label {
            row.former_label = Some(label);
            row.label = Some(new_label);
        }
    }
}
