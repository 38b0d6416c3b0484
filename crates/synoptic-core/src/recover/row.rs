//! One row: the versions aligned slot by slot, the base they share and each
//! version's changes against it.

use super::*;

/// Which slots hold base text: what every version shows, what a seam marks
/// as deleted, and what a version only lacks because it edited the word
/// inside ("carry" in two versions, "carringy" in the third).
fn base_slots(slots: &[Slot], atoms: &[Vec<Atom<'_>>], marks: &[Vec<Mark>]) -> Vec<bool> {
    let full: Vec<bool> = slots
        .iter()
        .map(|s| s.members.iter().all(Option::is_some))
        .collect();
    (0..slots.len())
        .map(|i| {
            let s = &slots[i];
            if full[i] {
                return true;
            }
            let seam_deleted = s
                .members
                .iter()
                .enumerate()
                .any(|(v, m)| m.is_some_and(|a| marks[v][a].kind == Some(ChangeKind::Delete)));
            if seam_deleted {
                return true;
            }
            let present = s.members.iter().filter(|m| m.is_some()).count();
            if present * 2 <= s.members.len() {
                return false;
            }
            // Every missing version must show an edited form of the word
            // between the same two shared anchors.
            let lo = (0..i).rev().find(|&j| full[j]).map_or(0, |j| j + 1);
            let hi = (i + 1..slots.len())
                .find(|&j| full[j])
                .unwrap_or(slots.len());
            let Some(word) = s
                .members
                .iter()
                .enumerate()
                .find_map(|(v, m)| m.map(|a| &atoms[v][a]))
                .filter(|a| is_word(a))
            else {
                return false;
            };
            s.members.iter().enumerate().all(|(v, m)| {
                m.is_some()
                    || (lo..hi).any(|j| {
                        slots[j].members[v].is_some_and(|a| {
                            is_word(&atoms[v][a]) && similar_words(&atoms[v][a].key, &word.key)
                        })
                    })
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Multiple alignment of the versions' base candidates.

struct Slot {
    key: String,
    /// Per present version, the atom index.
    members: Vec<Option<usize>>,
}

fn align_versions(atoms: &[Vec<Atom<'_>>], candidates: &[Vec<usize>]) -> Vec<Slot> {
    let n = atoms.len();
    let mut slots: Vec<Slot> = Vec::new();
    for (v, cands) in candidates.iter().enumerate() {
        let new_keys: Vec<&str> = cands.iter().map(|&a| atoms[v][a].key.as_str()).collect();
        let old_keys: Vec<String> = slots.iter().map(|s| s.key.clone()).collect();
        let old_refs: Vec<&str> = old_keys.iter().map(String::as_str).collect();
        let ops = capture_diff_slices(Algorithm::Myers, &old_refs, &new_keys);
        let mut old_slots = std::mem::take(&mut slots).into_iter();
        let fresh = |a: usize| {
            let mut members = vec![None; n];
            members[v] = Some(a);
            Slot {
                key: atoms[v][a].key.clone(),
                members,
            }
        };
        let mut merged = Vec::with_capacity(old_keys.len() + new_keys.len());
        for op in ops {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => {
                    for j in new_range {
                        if let Some(mut s) = old_slots.next() {
                            s.members[v] = Some(cands[j]);
                            merged.push(s);
                        }
                    }
                }
                DiffTag::Delete => merged.extend(old_slots.by_ref().take(old_range.len())),
                DiffTag::Insert => merged.extend(new_range.map(|j| fresh(cands[j]))),
                DiffTag::Replace => {
                    merged.extend(old_slots.by_ref().take(old_range.len()));
                    merged.extend(new_range.map(|j| fresh(cands[j])));
                }
            }
        }
        merged.extend(old_slots);
        slots = merged;
    }
    slots
}

// ---------------------------------------------------------------------------
// Rows.

/// A change being built: its text grows as neighbouring pieces of the same
/// kind arrive, and becomes a [`Change`] once the row is done.
struct OpDraft {
    kind: ChangeKind,
    text: String,
    minor: bool,
    confidence: Option<f32>,
}

/// Appends a change, merging it into the previous one of the same kind.
fn push_op(ops: &mut Vec<OpDraft>, kind: ChangeKind, text: &str, minor: bool, confidence: f32) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = ops.last_mut() {
        if last.kind == kind && last.minor == minor {
            last.text.push_str(text);
            if kind != ChangeKind::Equal {
                let c = last.confidence.unwrap_or(1.0).min(confidence);
                last.confidence = Some(c);
            }
            return;
        }
    }
    ops.push(OpDraft {
        kind,
        text: text.to_string(),
        minor,
        confidence: (kind != ChangeKind::Equal).then(|| confidence.clamp(0.0, 1.0)),
    });
}

/// The finished changes of a row.
fn finish_ops(ops: Vec<OpDraft>) -> Vec<Change> {
    ops.into_iter()
        .map(|op| {
            let mut change = Change::new(op.kind, op.text);
            change.minor = op.minor;
            change.confidence = op.confidence;
            change
        })
        .collect()
}

fn status_of(base: Option<&str>, ops: &[Change], text: &str) -> Status {
    match base {
        None => Status::Added,
        Some(b) => {
            if !b.trim().is_empty() && text.trim().is_empty() {
                Status::Deleted
            } else if ops.iter().any(|c| c.kind != ChangeKind::Equal && !c.minor) {
                Status::Modified
            } else {
                Status::Unchanged
            }
        }
    }
}

/// A version that only adds the paragraph: everything inserted.
fn all_added(text: &str, confidence: f32) -> VersionRecovery {
    let mut ops = Vec::new();
    push_op(&mut ops, ChangeKind::Insert, text, false, confidence);
    VersionRecovery {
        text: text.to_string(),
        ops: finish_ops(ops),
        status: Status::Added,
    }
}

/// Recovers the base text and each version's changes for one paragraph.
///
/// `cells` holds each version's flattened text of the same paragraph, or
/// `None` where the version lacks it. Pass only versions that take part in
/// the comparison (an empty column would make every paragraph look new).
///
/// The base is what every present version shows, minus what seams mark as
/// inserted, plus what seams mark as deleted; each version's changes are
/// read against it. When only a minority of the versions (or one version
/// of several) has the paragraph, it has no base: each present version adds
/// it. A single cell (nothing to compare with) is read from its seams alone.
pub fn recover_row(cells: &[Option<&str>]) -> RowRecovery {
    let present: Vec<usize> = (0..cells.len()).filter(|&i| cells[i].is_some()).collect();
    let mut versions: Vec<Option<VersionRecovery>> = vec![None; cells.len()];
    if present.is_empty() {
        return RowRecovery {
            base: None,
            versions,
        };
    }
    let texts: Vec<&str> = present.iter().filter_map(|&i| cells[i]).collect();
    if cells.len() > 1 && present.len() * 2 <= cells.len() {
        for (&i, text) in present.iter().zip(&texts) {
            let atoms = atomize(text);
            let mut marks = vec![UNDECIDED; atoms.len()];
            let confidence = if local_seams(&atoms, &mut marks, &HashSet::new()) {
                CONF_NEW_PARAGRAPH_SEAMED
            } else {
                CONF_NEW_PARAGRAPH
            };
            versions[i] = Some(all_added(text, confidence));
        }
        return RowRecovery {
            base: None,
            versions,
        };
    }

    let n = texts.len();
    let mut atoms: Vec<Vec<Atom<'_>>> = texts.iter().map(|t| atomize(t)).collect();
    split_by_vocabulary(&mut atoms);
    let mut marks: Vec<Vec<Mark>> = atoms.iter().map(|a| vec![UNDECIDED; a.len()]).collect();
    let shared_case = shared_case_pairs(&atoms);
    for (a, m) in atoms.iter().zip(marks.iter_mut()) {
        local_seams(a, m, &shared_case);
    }

    // Base candidates: everything a seam did not mark as inserted.
    let candidates: Vec<Vec<usize>> = marks
        .iter()
        .map(|m| {
            (0..m.len())
                .filter(|&i| m[i].kind != Some(ChangeKind::Insert))
                .collect()
        })
        .collect();
    let slots = align_versions(&atoms, &candidates);
    let in_base = base_slots(&slots, &atoms, &marks);

    // What the other versions tell about each undecided atom.
    for (slot, &base) in slots.iter().zip(&in_base) {
        let count = slot.members.iter().filter(|m| m.is_some()).count();
        for (v, member) in slot.members.iter().enumerate() {
            let Some(a) = *member else { continue };
            if marks[v][a].kind.is_some() {
                continue;
            }
            marks[v][a] = if base {
                Mark {
                    kind: Some(ChangeKind::Equal),
                    confidence: 1.0,
                }
            } else {
                let confidence = if n == 2 {
                    CONF_PAIR_INSERT
                } else if count == 1 {
                    CONF_OWN_INSERT
                } else {
                    CONF_SHARED_INSERT
                };
                Mark {
                    kind: Some(ChangeKind::Insert),
                    confidence,
                }
            };
        }
    }
    // Insertions the other versions revealed, glued to the text before them.
    for v in 0..n {
        let mut i = 0;
        while i < atoms[v].len() {
            if marks[v][i].kind == Some(ChangeKind::Insert) {
                let start = i;
                while i < atoms[v].len() && marks[v][i].kind == Some(ChangeKind::Insert) {
                    i += 1;
                }
                glued_run(&atoms[v], &mut marks[v], start, i);
            } else {
                i += 1;
            }
        }
    }

    // The base spelling of each base slot: the most common among versions.
    let canonical: Vec<String> = slots
        .iter()
        .map(|s| {
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for (v, m) in s.members.iter().enumerate() {
                if let Some(a) = m {
                    let t = atoms[v][*a].text;
                    match counts.iter_mut().find(|(x, _)| *x == t) {
                        Some((_, c)) => *c += 1,
                        None => counts.push((t, 1)),
                    }
                }
            }
            let best = counts.iter().map(|(_, c)| *c).max().unwrap_or(0);
            counts
                .iter()
                .find(|(_, c)| *c == best)
                .map_or(String::new(), |(t, _)| (*t).to_string())
        })
        .collect();
    let base: String = slots
        .iter()
        .zip(&in_base)
        .zip(&canonical)
        .filter(|((_, b), _)| **b)
        .map(|(_, c)| c.as_str())
        .collect();

    for (v, &cell_index) in present.iter().enumerate() {
        let mut ops: Vec<OpDraft> = Vec::new();
        let emit = |ops: &mut Vec<OpDraft>, a: usize, canon: Option<&str>| {
            let atom = &atoms[v][a];
            let mark = marks[v][a];
            match mark.kind.unwrap_or(ChangeKind::Equal) {
                ChangeKind::Equal => match canon {
                    Some(c) if c != atom.text => {
                        // Same word, other spelling ("ITUT" / "ITU-T"): keep
                        // the base exact and the cell's own text.
                        push_op(ops, ChangeKind::Delete, c, true, 1.0);
                        push_op(ops, ChangeKind::Insert, atom.text, true, 1.0);
                    }
                    _ => push_op(ops, ChangeKind::Equal, atom.text, false, 1.0),
                },
                ChangeKind::Delete => {
                    push_op(
                        ops,
                        ChangeKind::Delete,
                        canon.unwrap_or(atom.text),
                        false,
                        mark.confidence,
                    );
                }
                ChangeKind::Insert => {
                    push_op(ops, ChangeKind::Insert, atom.text, false, mark.confidence);
                }
            }
        };
        let mut next = 0usize;
        for ((slot, &base_slot), canon) in slots.iter().zip(&in_base).zip(&canonical) {
            match slot.members[v] {
                Some(a) => {
                    while next < a {
                        emit(&mut ops, next, None);
                        next += 1;
                    }
                    if base_slot {
                        emit(&mut ops, a, Some(canon.as_str()));
                    } else {
                        emit(&mut ops, a, None);
                    }
                    next = a + 1;
                }
                None if base_slot => {
                    push_op(&mut ops, ChangeKind::Delete, canon, false, CONF_MISSING);
                }
                None => {}
            }
        }
        while next < atoms[v].len() {
            emit(&mut ops, next, None);
            next += 1;
        }
        let ops = finish_ops(ops);
        let text: String = ops
            .iter()
            .filter(|c| c.kind != ChangeKind::Delete)
            .map(|c| c.text.as_str())
            .collect();
        let status = status_of(Some(&base), &ops, &text);
        versions[cell_index] = Some(VersionRecovery { text, ops, status });
    }
    RowRecovery {
        base: Some(base),
        versions,
    }
}
