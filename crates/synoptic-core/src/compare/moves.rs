//! Paragraphs deleted in one place and added in another, marked as moved.

#[allow(unused_imports)]
use super::*;

/// Pairs each proposal's deleted paragraphs with its added ones that say
/// nearly the same thing: the paragraph moved.
pub(super) fn mark_moves(synopsis: &mut Synopsis, options: &CompareOptions) {
    // Bounded so that a hostile input cannot make this quadratic step blow up.
    const MAX_PAIRS: usize = 250_000;
    let columns = synopsis.versions.len();
    for c in 0..columns {
        if synopsis.versions[c].role == Role::Base {
            continue;
        }
        let deleted: Vec<usize> = (0..synopsis.rows.len())
            .filter(|&r| {
                let row = &synopsis.rows[r];
                row.kind == RowKind::Paragraph && row.cells[c].status == Status::Deleted
            })
            .collect();
        let added: Vec<usize> = (0..synopsis.rows.len())
            .filter(|&r| {
                let row = &synopsis.rows[r];
                row.kind == RowKind::Paragraph
                    && matches!(row.cells[c].status, Status::Added)
                    && row.cells[c].moved.is_none()
            })
            .collect();
        if deleted.is_empty() || added.is_empty() {
            continue;
        }
        if deleted.len().saturating_mul(added.len()) > MAX_PAIRS {
            synopsis.notes.push(format!(
                "{}: moves not detected ({} deleted × {} added paragraphs is over the limit of {} pairs)",
                synopsis.versions[c].label,
                deleted.len(),
                added.len(),
                MAX_PAIRS
            ));
            continue;
        }
        let mut scratch = Vocabulary::new();
        let del_profiles: Vec<Arc<Profile>> = deleted
            .iter()
            .map(|&r| scratch.profile(synopsis.rows[r].base_text.as_deref().unwrap_or("")))
            .collect();
        let add_profiles: Vec<Arc<Profile>> = added
            .iter()
            .map(|&r| scratch.profile(&synopsis.rows[r].cells[c].text))
            .collect();
        // A vocabulary of just these paragraphs: rare words among them are
        // what tells a moved paragraph from a merely similar one.
        scratch.seal_all();
        let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
        for (i, dp) in del_profiles.iter().enumerate() {
            for (j, ap) in add_profiles.iter().enumerate() {
                let s = scratch.similarity(dp, ap);
                if s >= options.move_threshold {
                    candidates.push((s, i, j));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let mut used_del = vec![false; deleted.len()];
        let mut used_add = vec![false; added.len()];
        for (_, i, j) in candidates {
            if used_del[i] || used_add[j] {
                continue;
            }
            used_del[i] = true;
            used_add[j] = true;
            let (dr, ar) = (deleted[i], added[j]);
            let to = synopsis.rows[ar].id.clone();
            let from = synopsis.rows[dr].id.clone();
            synopsis.rows[dr].cells[c].moved = Some(to);
            synopsis.rows[ar].cells[c].moved = Some(from);
        }
    }
}
