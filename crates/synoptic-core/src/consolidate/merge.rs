//! The N-way merge of several proposals' edits of one base paragraph, and
//! conflicts bracketed at the smallest span.

#[allow(unused_imports)]
use super::*;

/// The edits a cell makes to the base, in base byte offsets. The cell's ops
/// are used when they spell the base (the proposer's own tracked changes
/// are kept that way); otherwise the texts are compared afresh.
pub(super) fn hunks_of(base: &str, text: &str, ops: &[Change], who: usize) -> Vec<Hunk> {
    // Edits are merged and bracketed as phrases, the way a reader takes
    // them in, not word by word.
    let ops = if original_of(ops) == base {
        for_reading(ops)
    } else {
        for_reading(&word_diff(base, text))
    };
    let mut hunks = Vec::new();
    let mut pos = 0usize;
    let mut current: Option<Hunk> = None;
    for op in &ops {
        match op.kind {
            ChangeKind::Equal => {
                hunks.extend(current.take());
                pos += op.text.len();
            }
            ChangeKind::Delete => {
                let h = current.get_or_insert_with(|| Hunk {
                    start: pos,
                    end: pos,
                    inserted: String::new(),
                    who,
                });
                pos += op.text.len();
                h.end = pos;
            }
            ChangeKind::Insert => {
                current
                    .get_or_insert_with(|| Hunk {
                        start: pos,
                        end: pos,
                        inserted: String::new(),
                        who,
                    })
                    .inserted
                    .push_str(&op.text);
            }
        }
    }
    hunks.extend(current);
    // Guard against offsets that do not fall on character boundaries (they
    // cannot when the ops spell the base, but a panic is never an option).
    hunks.retain(|h| {
        h.start <= h.end
            && h.end <= base.len()
            && base.is_char_boundary(h.start)
            && base.is_char_boundary(h.end)
    });
    hunks
}

/// True when two edits cannot both be applied without choosing.
///
/// Spans that overlap only in white space, one of them a pure deletion, do
/// not clash: two proposals deleting neighbouring words each take one of
/// the spaces between them along, and the union of the deletions is what
/// both mean.
pub(super) fn clash(base: &str, a: &Hunk, b: &Hunk) -> bool {
    let a_point = a.start == a.end;
    let b_point = b.start == b.end;
    match (a_point, b_point) {
        (true, true) => a.start == b.start,
        (true, false) => b.start < a.start && a.start < b.end,
        (false, true) => a.start < b.start && b.start < a.end,
        (false, false) => {
            if !(a.start < b.end && b.start < a.end) {
                return false;
            }
            let overlap = base
                .get(a.start.max(b.start)..a.end.min(b.end))
                .unwrap_or("x");
            let blank = overlap.chars().all(char::is_whitespace);
            let deletion = a.inserted.is_empty() || b.inserted.is_empty();
            // Identical edits are one edit made twice: cluster them.
            let same = a.start == b.start && a.end == b.end;
            same || !(blank && deletion)
        }
    }
}

/// Slides pure deletions that overlap another edit only in white space to
/// an equivalent place where they no longer overlap.
///
/// Deleting a word takes one of the spaces around it along, and which one
/// the word diff picks is arbitrary; when two proposals delete neighbouring
/// words and both took the space between them, the union of the deletions
/// would leave a stray space. Deleting `base[s..e]` is the same edit as
/// deleting `base[s+k..e+k]` when `base[s..s+k] == base[e..e+k]`, so the later
/// deletion slides right, or else the earlier one left, past the overlap.
pub(super) fn settle_blank_overlaps(base: &str, hunks: &mut [Hunk]) {
    let slid = |h: &Hunk, by: isize| -> Option<(usize, usize)> {
        let k = by.unsigned_abs();
        let (from, to) = if by > 0 {
            (base.get(h.start..h.start + k)?, base.get(h.end..h.end + k)?)
        } else {
            (
                base.get(h.end.checked_sub(k)?..h.end)?,
                base.get(h.start.checked_sub(k)?..h.start)?,
            )
        };
        (from == to).then(|| {
            if by > 0 {
                (h.start + k, h.end + k)
            } else {
                (h.start - k, h.end - k)
            }
        })
    };
    // A few passes: a slide can meet the next edit, rarely more.
    for _ in 0..3 {
        let mut moved = false;
        for i in 0..hunks.len().saturating_sub(1) {
            let (a, b) = (&hunks[i], &hunks[i + 1]);
            let (lo, hi) = (a.start.max(b.start), a.end.min(b.end));
            if lo >= hi || a.start == a.end || b.start == b.end {
                continue;
            }
            let Some(overlap) = base.get(lo..hi) else {
                continue;
            };
            if !overlap.chars().all(char::is_whitespace) || (a.start, a.end) == (b.start, b.end) {
                continue;
            }
            let k = (hi - lo) as isize;
            if b.inserted.is_empty() {
                if let Some((s, e)) = slid(b, k) {
                    hunks[i + 1].start = s;
                    hunks[i + 1].end = e;
                    moved = true;
                    continue;
                }
            }
            if a.inserted.is_empty() {
                if let Some((s, e)) = slid(a, -k) {
                    hunks[i].start = s;
                    hunks[i].end = e;
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
        hunks.sort_by_key(|h| (h.start, h.end, h.who));
    }
}

pub(super) fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The N-way merge of several proposals' edits of one base paragraph.
pub(super) fn merge_edits(
    base: &str,
    modifiers: &[&Entry<'_>],
    keepers: &[&Entry<'_>],
) -> Vec<DraftPiece> {
    let mut hunks: Vec<Hunk> = Vec::new();
    for (who, e) in modifiers.iter().enumerate() {
        let ops = e.cell.map_or(&[][..], |c| c.ops.as_slice());
        hunks.extend(hunks_of(base, e.text(), ops, who));
    }
    hunks.sort_by_key(|h| (h.start, h.end, h.who));
    settle_blank_overlaps(base, &mut hunks);

    // Clusters of clashing edits (union-find over the sorted edits: an edit
    // can only clash with later ones that start before it ends).
    let mut parent: Vec<usize> = (0..hunks.len()).collect();
    for i in 0..hunks.len() {
        for j in i + 1..hunks.len() {
            if hunks[j].start > hunks[i].end {
                break;
            }
            if clash(base, &hunks[i], &hunks[j]) {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                if ri != rj {
                    parent[rj] = ri;
                }
            }
        }
    }
    let mut clusters: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for i in 0..hunks.len() {
        let root = find(&mut parent, i);
        clusters.entry(root).or_default().push(i);
    }
    let mut spans: Vec<(usize, usize, Vec<usize>)> = clusters
        .into_values()
        .map(|members| {
            let start = members.iter().map(|&i| hunks[i].start).min().unwrap_or(0);
            let end = members.iter().map(|&i| hunks[i].end).max().unwrap_or(0);
            (start, end, members)
        })
        .collect();
    spans.sort_by_key(|s| (s.0, s.1));

    let mut pieces = Vec::new();
    let mut pos = 0usize;
    for (start, end, members) in spans {
        // A cluster may begin inside white space the previous one already
        // deleted (see `clash`): what is left of it starts where that ended.
        let start = start.max(pos);
        let end = end.max(start);
        for &i in &members {
            let h = &mut hunks[i];
            h.start = h.start.max(start);
            h.end = h.end.max(h.start);
        }
        push_kept(&mut pieces, &base[pos..start]);
        let span = &base[start..end];
        // Each proposal's version of the span, for those that edit it.
        let mut versions: Vec<(usize, String)> = Vec::new();
        for &i in &members {
            let h = &hunks[i];
            if !versions.iter().any(|(w, _)| *w == h.who) {
                versions.push((
                    h.who,
                    apply_in_span(base, start, end, &hunks, &members, h.who),
                ));
            }
        }
        versions.sort_by_key(|(w, _)| *w);
        let editors: Vec<&Entry<'_>> = versions.iter().map(|(w, _)| modifiers[*w]).collect();
        let groups = group_texts(
            versions
                .iter()
                .map(|(w, t)| (modifiers[*w].label.to_string(), t.clone()))
                .collect(),
        );
        if let [(text, proposers)] = groups.as_slice() {
            pieces.extend(diff_pieces(span, text, proposers));
        } else {
            let mut alternatives = Vec::new();
            // Those who have the row and leave this span as in the base.
            let base_keepers: Vec<&Entry<'_>> = keepers
                .iter()
                .copied()
                .chain(
                    modifiers
                        .iter()
                        .enumerate()
                        .filter(|(w, _)| !versions.iter().any(|(v, _)| v == w))
                        .map(|(_, e)| *e),
                )
                .collect();
            if !span.is_empty() && !base_keepers.is_empty() {
                alternatives.push(Alternative {
                    kind: AlternativeKind::Base,
                    text: span.into(),
                    proposers: labels_in_column_order(base_keepers),
                });
            }
            alternatives.extend(groups.into_iter().map(|(text, proposers)| Alternative {
                kind: AlternativeKind::Proposed,
                text,
                proposers,
            }));
            pieces.extend(narrowed_conflict(span, alternatives, labels(editors)));
        }
        pos = end;
    }
    push_kept(&mut pieces, &base[pos.min(base.len())..]);
    tidy_spaces(merge_adjacent(pieces))
}

/// Where pure deletions leave white space kept on both sides of them, or
/// at the very start or end of the text, that space goes with the
/// deletions: proposals deleting neighbouring words each took the space
/// on their own side of a word, and the union of their deletions would
/// leave a stray space ("word15 " where the base had "word15 word16").
fn tidy_spaces(mut pieces: Vec<DraftPiece>) -> Vec<DraftPiece> {
    let deletion = |p: &DraftPiece| matches!(p, DraftPiece::Change { inserted, deleted, .. } if inserted.is_empty() && !deleted.is_empty());
    let mut i = 0;
    while i < pieces.len() {
        if !deletion(&pieces[i]) {
            i += 1;
            continue;
        }
        // The run of deletions i..j, and what stands around it.
        let j = (i..pieces.len())
            .find(|&k| !deletion(&pieces[k]))
            .unwrap_or(pieces.len());
        let spaced_before = i.checked_sub(1).and_then(|k| match &pieces[k] {
            DraftPiece::Kept { text } => {
                let trimmed = text.trim_end().len();
                (trimmed < text.len() && trimmed > 0).then_some((k, trimmed))
            }
            _ => None,
        });
        let after = pieces.get(j);
        let spaced_after = matches!(after, Some(DraftPiece::Kept { text }) if text.starts_with(char::is_whitespace));
        // At the very end only where the base ends in a word: a space it
        // ends with is kept by the proposals that keep it.
        let at_end = after.is_none()
            && matches!(&pieces[j - 1], DraftPiece::Change { deleted, .. } if !deleted.ends_with(char::is_whitespace));
        if let Some((k, trimmed)) = spaced_before.filter(|_| spaced_after || at_end) {
            let space = match &mut pieces[k] {
                DraftPiece::Kept { text } => text.split_off(trimmed),
                _ => String::new(),
            };
            if let DraftPiece::Change { deleted, .. } = &mut pieces[i] {
                deleted.insert_str(0, &space);
            }
        } else if i == 0
            && matches!(&pieces[0], DraftPiece::Change { deleted, .. } if !deleted.starts_with(char::is_whitespace))
        {
            if let Some(DraftPiece::Kept { text }) = pieces.get_mut(j) {
                let rest = text.trim_start().len();
                if rest > 0 && rest < text.len() {
                    let cut = text.len() - rest;
                    let space: String = text.drain(..cut).collect();
                    if let Some(DraftPiece::Change { deleted, .. }) = pieces.get_mut(j - 1) {
                        deleted.push_str(&space);
                    }
                }
            }
        }
        i = j;
    }
    pieces
}

/// The base span `start..end` with proposal `who`'s edits of the cluster
/// applied.
pub(super) fn apply_in_span(
    base: &str,
    start: usize,
    end: usize,
    hunks: &[Hunk],
    members: &[usize],
    who: usize,
) -> String {
    let mut out = String::new();
    let mut pos = start;
    for &i in members {
        let h = &hunks[i];
        if h.who != who || h.start < pos {
            continue;
        }
        out.push_str(&base[pos..h.start]);
        out.push_str(&h.inserted);
        pos = h.end;
    }
    out.push_str(&base[pos.min(end)..end]);
    out
}

pub(super) fn push_kept(pieces: &mut Vec<DraftPiece>, text: &str) {
    if !text.is_empty() {
        pieces.push(DraftPiece::Kept { text: text.into() });
    }
}

/// The pieces turning `old` into `new`, its changes attributed.
pub(super) fn diff_pieces(old: &str, new: &str, proposers: &[String]) -> Vec<DraftPiece> {
    changes_to_pieces(&for_reading(&word_diff(old, new)), proposers)
}

pub(super) fn changes_to_pieces(changes: &[Change], proposers: &[String]) -> Vec<DraftPiece> {
    let mut pieces = Vec::new();
    for c in changes {
        match c.kind {
            ChangeKind::Equal => push_kept(&mut pieces, &c.text),
            ChangeKind::Delete | ChangeKind::Insert => {
                if let Some(DraftPiece::Change {
                    deleted, inserted, ..
                }) = pieces.last_mut()
                {
                    if c.kind == ChangeKind::Delete {
                        deleted.push_str(&c.text);
                    } else {
                        inserted.push_str(&c.text);
                    }
                    continue;
                }
                let (deleted, inserted) = if c.kind == ChangeKind::Delete {
                    (c.text.to_string(), String::new())
                } else {
                    (String::new(), c.text.to_string())
                };
                pieces.push(DraftPiece::Change {
                    deleted,
                    inserted,
                    proposers: proposers.to_vec(),
                });
            }
        }
    }
    pieces
}

/// Joins neighbouring kept pieces.
pub(super) fn merge_adjacent(pieces: Vec<DraftPiece>) -> Vec<DraftPiece> {
    let mut out: Vec<DraftPiece> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        if let (Some(DraftPiece::Kept { text: last }), DraftPiece::Kept { text }) =
            (out.last_mut(), &piece)
        {
            last.push_str(text);
            continue;
        }
        out.push(piece);
    }
    out
}

/// A conflict over `span`, narrowed to the smallest stretch that holds the
/// disagreement: whole tokens every alternative (and the base span) share
/// at either end are moved out of the brackets. Where the span has base
/// text the shared ends are base text; where it has none (competing
/// insertions) they are an insertion every editor makes.
pub(super) fn narrowed_conflict(
    span: &str,
    alternatives: Vec<Alternative>,
    editors: Vec<String>,
) -> Vec<DraftPiece> {
    let mut texts: Vec<&str> = alternatives.iter().map(|a| a.text.as_str()).collect();
    if !span.is_empty() {
        texts.push(span);
    }
    let (prefix, suffix) = common_ends(&texts);
    let middle = |t: &str| -> String {
        let end = t.len().saturating_sub(suffix);
        t.get(prefix..end).unwrap_or("").to_string()
    };
    // The shared ends, taken from the base span, or from the first
    // alternative where there is no base text.
    let source = if span.is_empty() {
        alternatives.first().map_or("", |a| a.text.as_str())
    } else {
        span
    };
    let head = source.get(..prefix).unwrap_or("").to_string();
    let tail = source
        .get(source.len().saturating_sub(suffix)..)
        .unwrap_or("")
        .to_string();
    let mut pieces = Vec::new();
    let ends = |text: &str, pieces: &mut Vec<DraftPiece>| {
        if span.is_empty() {
            pieces.extend(insertion(text, editors.clone()));
        } else {
            push_kept(pieces, text);
        }
    };
    ends(&head, &mut pieces);
    pieces.push(DraftPiece::Conflict {
        base: middle(span),
        alternatives: alternatives
            .into_iter()
            .map(|a| Alternative {
                text: if a.kind == AlternativeKind::Deletion {
                    a.text
                } else {
                    middle(&a.text)
                },
                ..a
            })
            .collect(),
    });
    ends(&tail, &mut pieces);
    pieces
}

/// The byte lengths of the longest run of whole tokens every text starts
/// with and ends with, not overlapping in the shortest text.
pub(super) fn common_ends(texts: &[&str]) -> (usize, usize) {
    let tokens: Vec<Vec<&str>> = texts
        .iter()
        .map(|t| tokenize(t).into_iter().map(|tk| tk.text).collect())
        .collect();
    let Some(shortest) = tokens.iter().map(Vec::len).min() else {
        return (0, 0);
    };
    let Some(first) = tokens.first() else {
        return (0, 0);
    };
    let mut p = 0;
    while p < shortest && tokens.iter().all(|t| t[p] == first[p]) {
        p += 1;
    }
    let mut s = 0;
    while s < shortest - p
        && tokens
            .iter()
            .all(|t| t[t.len() - 1 - s] == first[first.len() - 1 - s])
    {
        s += 1;
    }
    let prefix: usize = first[..p].iter().map(|t| t.len()).sum();
    let suffix: usize = first[first.len() - s..].iter().map(|t| t.len()).sum();
    (prefix, suffix)
}
