//! Elisions: a proposal that quotes only the parts of the text it changes
//! marks what it leaves out with a line of dots ("...", "…", "[...]"); the
//! base's paragraphs it stands for are unchanged in that proposal, not
//! deleted.

#[allow(unused_imports)]
use super::*;

/// True when a paragraph's text only marks text left out: dots or an
/// ellipsis, bare or in brackets, or three spaced stars.
pub fn is_elision(text: &str) -> bool {
    let t = text.trim();
    let t = t
        .strip_prefix(['[', '('])
        .and_then(|inner| inner.strip_suffix([']', ')']))
        .unwrap_or(t)
        .trim();
    let dots = t.chars().filter(|c| *c == '.').count();
    let only = |allowed: &[char]| !t.is_empty() && t.chars().all(|c| allowed.contains(&c));
    (only(&['.', ' ']) && dots >= 3)
        || only(&['\u{2026}', ' '])
        || (only(&['*', ' ']) && t.chars().filter(|c| *c == '*').count() >= 3)
}

/// For each proposal, the base's paragraphs deleted between the two
/// paragraphs around one of its elisions become unchanged (an elision
/// first or last stands for all before or after it), and the elision
/// itself leaves its row; a row left with no text in any version goes.
pub(super) fn apply_elisions(synopsis: &mut Synopsis) {
    let Some(base_column) = synopsis.base_index() else {
        return;
    };
    let columns = synopsis.versions.len();
    let mut emptied = false;
    for c in (0..columns).filter(|&c| c != base_column) {
        let present: Vec<usize> = (0..synopsis.rows.len())
            .filter(|&r| {
                matches!(
                    synopsis.rows[r].cells[c].status,
                    Status::Unchanged | Status::Modified | Status::Added
                )
            })
            .collect();
        let elided = |r: usize| {
            let cell = &synopsis.rows[r].cells[c];
            cell.status == Status::Added && is_elision(cell.text.as_str())
        };
        let mut restore: Vec<usize> = Vec::new();
        let mut drop: Vec<usize> = Vec::new();
        for (k, &r) in present.iter().enumerate() {
            if !elided(r) {
                continue;
            }
            drop.push(r);
            let from = present[..k]
                .iter()
                .rev()
                .find(|&&p| !elided(p))
                .map_or(0, |&p| p + 1);
            let to = present[k + 1..]
                .iter()
                .find(|&&n| !elided(n))
                .copied()
                .unwrap_or(synopsis.rows.len());
            restore.extend((from..to).filter(|&g| {
                let cell = &synopsis.rows[g].cells[c];
                cell.status == Status::Deleted && cell.moved.is_none()
            }));
        }
        for r in restore {
            let row = &mut synopsis.rows[r];
            let base = row.base_text.clone().unwrap_or_default();
            let label = row.label.clone();
            let cell = &mut row.cells[c];
            cell.status = Status::Unchanged;
            cell.ops = if base.is_empty() {
                Vec::new()
            } else {
                vec![Change::equal(base.clone())]
            };
            cell.text = base;
            cell.label = label;
        }
        for r in drop {
            let cell = &mut synopsis.rows[r].cells[c];
            *cell = Cell {
                version: std::mem::take(&mut cell.version),
                status: Status::Absent,
                ..Cell::default()
            };
            emptied = true;
        }
    }
    if emptied {
        synopsis
            .rows
            .retain(|row| row.cells.iter().any(|c| c.status != Status::Absent));
    }
}

#[cfg(test)]
mod tests {
    use super::is_elision;

    #[test]
    fn marks_of_text_left_out() {
        for text in [
            "...", "…", "[...]", "(…)", ". . .", " .... ", "* * *", "[ … ]",
        ] {
            assert!(is_elision(text), "{text:?}");
        }
        for text in [
            "",
            "..",
            "etc.",
            "a) ...",
            "...and so on",
            "**",
            "[]",
            "3.5",
        ] {
            assert!(!is_elision(text), "{text:?}");
        }
    }
}
