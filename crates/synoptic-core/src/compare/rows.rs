//! The rows written: each row's base (given or inferred) and its cells.

#[allow(unused_imports)]
use super::*;

pub(super) fn paragraph_of<'d>(
    docs: &[&'d Document],
    v: usize,
    m: Member,
) -> Option<&'d Paragraph> {
    let section = docs.get(v)?.sections.get(m.section)?;
    match m.paragraph {
        Some(p) => section.paragraphs.get(p),
        None => section.opener.as_ref(),
    }
}

/// Turns the plans into rows with cells, ids and changes.
pub(super) fn write_rows(
    synopsis: &mut Synopsis,
    plans: &[SectionPlan],
    docs: &[&Document],
    pivot: Option<usize>,
    canonical: &[usize],
    parallel: bool,
    kept: &KeptTokens<'_>,
) {
    // Without a base, the rows follow the pivot: the version the others
    // were aligned to.
    let has_base = pivot.is_none();
    // Column c of the synopsis shows version c - offset of `docs` (the
    // inferred base column has no document).
    let offset = usize::from(!has_base);
    let columns = synopsis.versions.len();
    // Versions with no paragraphs at all propose nothing: their cells are
    // absent, not deletions, and they do not vote on an inferred base.
    let silent: Vec<bool> = docs.iter().map(|d| d.paragraph_count() == 0).collect();
    let voters_count = silent.iter().filter(|s| !**s).count();
    let moved_in = match pivot {
        Some(reference) => moved_votes(plans, docs, &silent, voters_count, reference),
        None => HashMap::new(),
    };
    let rank: Vec<usize> = {
        let mut rank = vec![0; docs.len()];
        for (k, &v) in canonical.iter().enumerate() {
            if let Some(r) = rank.get_mut(v) {
                *r = k;
            }
        }
        rank
    };
    let versions = &synopsis.versions;
    // One shared copy of each column's id for all its cells.
    let ids: Vec<Text> = versions
        .iter()
        .map(|v| Text::from(v.id.as_str()).share())
        .collect();
    // Sections are independent: their rows (and word diffs) are built in
    // parallel, then joined in order.
    let sections: Vec<Vec<Row>> = par::map_range(parallel, plans.len(), |plan_index| {
        let plan = &plans[plan_index];
        let mut rows = Vec::with_capacity(plan.rows.len());
        let present: Vec<(usize, &Paragraph)> = canonical
            .iter()
            .filter_map(|&v| {
                let sec = plan.members[v]?;
                Some((v, docs[v].sections[sec].opener.as_ref()?))
            })
            .collect();
        let reference_title = if has_base && plan.in_reference {
            plan.members[0]
                .and_then(|sec| docs[0].sections[sec].opener.as_ref())
                .map(|o| o.text.clone())
        } else {
            present.first().map(|(_, o)| o.text.clone())
        };
        let section_title = reference_title.map(String::from).unwrap_or_default();
        // Ids come last (see assign_ids); until then the plan's index keeps
        // the section's rows together.
        let section_key = format!("#{plan_index}");

        for (row_index, row) in plan.rows.iter().enumerate() {
            let texts: Vec<(usize, &Paragraph)> = canonical
                .iter()
                .filter_map(|&v| Some((v, paragraph_of(docs, v, row.members[v]?)?)))
                .collect();
            // The versions that hold this paragraph at another place vote
            // on its base here too; their cells here are deletions.
            let with_moved: Cow<'_, [(usize, &Paragraph)]> =
                match moved_in.get(&(plan_index, row_index)) {
                    Some(moved) => {
                        let mut all = texts.clone();
                        all.extend(
                            moved
                                .iter()
                                .filter_map(|&(v, m)| Some((v, paragraph_of(docs, v, m)?))),
                        );
                        all.sort_by_key(|(v, _)| rank[*v]);
                        Cow::Owned(all)
                    }
                    None => Cow::Borrowed(&texts),
                };
            // Without a base: the versions voting on the row's base, with
            // the text each started from, and when they differ, their
            // tokens and how they were merged.
            let mut voters: Vec<(usize, Cow<'_, str>)> = Vec::new();
            let tokenized: Vec<Vec<Token<'_>>>;
            let mut tokens: Vec<&[Token<'_>]> = Vec::new();
            let mut table = KeyTable::with_numbers(&kept.numbers);
            let numbered: Vec<Vec<u32>>;
            let mut keys: Vec<&[u32]> = Vec::new();
            let mut words: Vec<Words> = Vec::new();
            let mut merged: Option<Consensus> = None;
            let (base, label) = if has_base {
                match row.members[0].and_then(|m| paragraph_of(docs, 0, m)) {
                    Some(p) => (Some(p.text.clone()), p.label.clone()),
                    None => (None, most_common_label(&texts)),
                }
            } else {
                let voting: Vec<&(usize, &Paragraph)> =
                    with_moved.iter().filter(|(v, _)| !silent[*v]).collect();
                // A proposer's own tracked change that starts from this
                // paragraph (a deletion, an edit) says the base has it,
                // whatever the other versions do.
                let tracked_in_base = voting.iter().any(|(_, p)| {
                    p.revision.is_some()
                        && !p.is_inserted_by_revision()
                        && !p.original_text().is_empty()
                });
                if voting.len() * 2 > voters_count || tracked_in_base {
                    voters = voting
                        .iter()
                        .filter(|(_, p)| !p.is_inserted_by_revision())
                        .map(|(v, p)| (*v, original_text(p)))
                        .collect();
                    let refs: Vec<&str> = voters.iter().map(|(_, t)| &**t).collect();
                    let label_votes: Vec<(usize, &Paragraph)> =
                        voting.iter().map(|x| **x).collect();
                    let base = if refs.iter().all(|t| *t == refs[0]) {
                        majority_text(&refs)
                    } else {
                        // Tokens kept from profiling, else made now.
                        let cached: Vec<Option<&(Vec<Token<'_>>, Vec<u32>)>> = voters
                            .iter()
                            .map(|(_, t)| match t {
                                Cow::Borrowed(t) => kept.by_text.get(&text_address(t)),
                                Cow::Owned(_) => None,
                            })
                            .collect();
                        tokenized = refs
                            .iter()
                            .zip(&cached)
                            .filter(|(_, c)| c.is_none())
                            .map(|(t, _)| tokenize(t))
                            .collect();
                        numbered = tokenized.iter().map(|t| table.keys(t)).collect();
                        let mut made = tokenized.iter().zip(&numbered);
                        (tokens, keys) = cached
                            .iter()
                            .map(|c| match c {
                                Some((t, k)) => (t.as_slice(), k.as_slice()),
                                None => made.next().map_or((&[][..], &[][..]), |(t, k)| {
                                    (t.as_slice(), k.as_slice())
                                }),
                            })
                            .unzip();
                        words = tokens
                            .iter()
                            .zip(&keys)
                            .map(|(t, k)| Words::of(t, k))
                            .collect();
                        let found = consensus_of(&tokens, &keys, &words);
                        let text = found.text.clone();
                        merged = Some(found);
                        text
                    };
                    (
                        Some(Text::from(base)),
                        most_common_former_label(&label_votes),
                    )
                } else {
                    (None, most_common_label(&texts))
                }
            };

            let mut cells = Vec::with_capacity(columns);
            // One shared allocation for the base text of the row and
            // every cell that leaves it as it is.
            let base = base.map(Text::share);
            if !has_base {
                cells.push(base_cell(&ids[0], base.as_ref(), &label));
            }
            // Tokenised once for all the versions that change it.
            let diff_base = base.as_ref().map(|b| DiffBase::new(b));
            // When the base is the medoid's text, the diffs that merged it
            // are the cells' diffs.
            let medoid = merged.as_ref().filter(|m| {
                base.as_ref()
                    .is_some_and(|b| voters.get(m.medoid).is_some_and(|(_, t)| **t == **b))
            });
            // Otherwise the base, tokenised and numbered with the versions'
            // texts, for diffing them against it.
            let base_tokens: Vec<Token<'_>> = match (&base, &merged, medoid) {
                (Some(b), Some(_), None) => tokenize(b),
                _ => Vec::new(),
            };
            let base_keys = table.keys(&base_tokens);
            let base_words = Words::of(&base_tokens, &base_keys);
            let mut base_diffs: Vec<(usize, Vec<DiffOp>)> = Vec::new();
            for (v, doc_silent) in silent.iter().enumerate() {
                let version_id = ids[v + offset].clone();
                let paragraph = row.members[v].and_then(|m| paragraph_of(docs, v, m));
                let cell = if has_base && v == 0 {
                    base_cell(&version_id, base.as_ref(), &label)
                } else {
                    // The version's tokens, when it voted with its text as
                    // it stands.
                    let voted = paragraph.and_then(|p| {
                        let k = voters.iter().position(|(w, _)| *w == v)?;
                        (*voters[k].1 == *p.text).then_some(k)
                    });
                    let diff = |text: &str| -> Vec<Change> {
                        let Some(diff_base) = &diff_base else {
                            return Vec::new();
                        };
                        match (voted, medoid) {
                            (Some(k), Some(m)) if k < tokens.len() && m.medoid < tokens.len() => {
                                changes_from_ops(
                                    "",
                                    (&voters[m.medoid].1, tokens[m.medoid]),
                                    (&voters[k].1, tokens[k]),
                                    &m.diffs[k],
                                )
                            }
                            (Some(k), None) if k < tokens.len() && merged.is_some() => {
                                // Versions written alike diff alike.
                                let known = base_diffs
                                    .iter()
                                    .find(|(w, _)| keys[*w] == keys[k])
                                    .map(|(_, ops)| ops.clone());
                                let ops = known.unwrap_or_else(|| {
                                    let ops = word_ops_of(
                                        (&base_tokens, &base_keys, &base_words),
                                        (tokens[k], keys[k], &words[k]),
                                    );
                                    base_diffs.push((k, ops.clone()));
                                    ops
                                });
                                changes_from_ops(
                                    "",
                                    (diff_base.text(), &base_tokens),
                                    (text, tokens[k]),
                                    &ops,
                                )
                            }
                            _ => diff_base.diff(text),
                        }
                    };
                    proposal_cell(version_id, base.as_ref(), paragraph, *doc_silent, diff)
                };
                cells.push(cell);
            }
            rows.push(Row {
                id: String::new(),
                section: section_key.clone(),
                section_title: section_title.clone(),
                kind: row.kind,
                label,
                base_text: base,
                cells,
                notes: Vec::new(),
            });
        }
        rows
    });
    synopsis.rows = sections.into_iter().flatten().collect();
    assign_synopsis_ids(synopsis);
}

/// Without a base, the paragraphs versions merely put in another order:
/// the same text held by disjoint sets of versions in several rows of one
/// section, which together are a majority (a text some version writes
/// twice there is left alone: the same sentence in two places is two
/// paragraphs). All of them vote on the base of one row (the
/// one a majority holds, else the reference's, else the row most versions
/// hold, else the first), so the base has the paragraph once, where most
/// keep it, and the others are shown moving it. A version that moves a
/// paragraph still says what its text is. Keyed by (section plan, row),
/// the versions' paragraphs that vote there from elsewhere.
fn moved_votes(
    plans: &[SectionPlan],
    docs: &[&Document],
    silent: &[bool],
    voters_count: usize,
    reference: usize,
) -> HashMap<(usize, usize), Vec<(usize, Member)>> {
    let mut out: HashMap<(usize, usize), Vec<(usize, Member)>> = HashMap::new();
    let majority = |n: usize| n * 2 > voters_count;
    let voting = |row: &RowPlan| -> Vec<(usize, Member)> {
        row.members
            .iter()
            .enumerate()
            .filter_map(|(v, m)| Some((v, (*m)?)))
            .filter(|(v, _)| !silent[*v])
            .collect()
    };
    // Each paragraph text of a section, with the rows and versions holding
    // it in order.
    let mut held: HashMap<(usize, &str), Vec<(usize, usize)>> = HashMap::new();
    let mut order: Vec<(usize, &str)> = Vec::new();
    for (p, plan) in plans.iter().enumerate() {
        for (r, row) in plan.rows.iter().enumerate() {
            if row.kind != RowKind::Paragraph {
                continue;
            }
            for (v, m) in voting(row) {
                let Some(text) = paragraph_of(docs, v, m).map(|p| p.text.trim()) else {
                    continue;
                };
                if text.is_empty() {
                    continue;
                }
                let at = held.entry((p, text)).or_default();
                if at.is_empty() {
                    order.push((p, text));
                }
                at.push((r, v));
            }
        }
    }
    let mut used: HashSet<(usize, usize)> = HashSet::new();
    for key in order {
        let Some(at) = held.get(&key) else {
            continue;
        };
        let mut rows: Vec<(usize, usize)> = at.iter().map(|&(r, _)| (key.0, r)).collect();
        rows.dedup();
        if rows.len() < 2 {
            continue;
        }
        // A text a version writes twice (boilerplate in two places) says
        // nothing of which place is which.
        let mut versions: Vec<usize> = at.iter().map(|&(_, v)| v).collect();
        versions.sort_unstable();
        if versions.windows(2).any(|w| w[0] == w[1]) {
            continue;
        }
        let free: Vec<(usize, usize)> = rows
            .iter()
            .copied()
            .filter(|at| !used.contains(at))
            .collect();
        let members = |&(p, r): &(usize, usize)| voting(&plans[p].rows[r]);
        let Some(holder) = free.iter().enumerate().max_by_key(|(k, at)| {
            let members = members(at);
            (
                majority(members.len()),
                members.iter().any(|(v, _)| *v == reference),
                members.len(),
                std::cmp::Reverse(*k),
            )
        }) else {
            continue;
        };
        let holder = *holder.1;
        let mut versions: HashSet<usize> = members(&holder).iter().map(|(v, _)| *v).collect();
        let mut donors: Vec<(usize, usize)> = Vec::new();
        let mut votes: Vec<(usize, Member)> = Vec::new();
        for at in &free {
            if *at == holder {
                continue;
            }
            let theirs = members(at);
            if majority(theirs.len()) || theirs.iter().any(|(v, _)| versions.contains(v)) {
                continue;
            }
            versions.extend(theirs.iter().map(|(v, _)| *v));
            votes.extend(theirs);
            donors.push(*at);
        }
        if donors.is_empty() || !majority(versions.len()) {
            continue;
        }
        used.insert(holder);
        used.extend(donors);
        out.entry(holder).or_default().extend(votes);
    }
    out
}

/// The label most versions give a row (earliest in canonical order on a tie).
pub(super) fn most_common_label(texts: &[(usize, &Paragraph)]) -> Option<String> {
    vote(texts.iter().map(|(_, p)| p.label.clone()))
}

/// The label most versions gave a row before their own changes.
pub(super) fn most_common_former_label(texts: &[(usize, &Paragraph)]) -> Option<String> {
    vote(
        texts
            .iter()
            .map(|(_, p)| p.former_label.clone().or_else(|| p.label.clone())),
    )
}

pub(super) fn vote(labels: impl Iterator<Item = Option<String>>) -> Option<String> {
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (i, label) in labels.flatten().enumerate() {
        counts.entry(label).or_insert((0, i)).0 += 1;
    }
    counts
        .into_iter()
        .max_by(|a, b| a.1 .0.cmp(&b.1 .0).then(b.1 .1.cmp(&a.1 .1)))
        .map(|(label, _)| label)
}

pub(super) fn base_cell(version: &Text, base: Option<&Text>, label: &Option<String>) -> Cell {
    match base {
        Some(text) => Cell {
            version: version.clone(),
            status: Status::Unchanged,
            label: label.clone(),
            text: text.clone(),
            ops: if text.is_empty() {
                Vec::new()
            } else {
                vec![Change::equal(text.clone())]
            },
            ..Cell::default()
        },
        None => Cell {
            version: version.clone(),
            status: Status::Absent,
            ..Cell::default()
        },
    }
}

pub(super) fn proposal_cell(
    version: Text,
    base: Option<&Text>,
    paragraph: Option<&Paragraph>,
    silent: bool,
    diff: impl FnOnce(&str) -> Vec<Change>,
) -> Cell {
    let Some(p) = paragraph else {
        return match base {
            Some(text) if !silent => Cell {
                version,
                status: Status::Deleted,
                ops: all_deleted(text),
                ..Cell::default()
            },
            _ => Cell {
                version,
                status: Status::Absent,
                ..Cell::default()
            },
        };
    };
    let tracked = p
        .revision
        .as_ref()
        .filter(|changes| base.is_some_and(|b| original_of(changes) == b.as_str()))
        .cloned();
    // Most paragraphs of most proposals are the base's word for word: they
    // share its text rather than copying it.
    let same_as_base = base.filter(|b| **b == p.text);
    let mut cell = Cell {
        version,
        label: p.label.clone(),
        former_label: p.former_label.clone(),
        text: same_as_base.map_or_else(|| Text::from(&p.text), Text::clone),
        ..Cell::default()
    };
    match base {
        // A paragraph the base lacks and the proposer's own changes delete
        // whole leaves nothing in this version: absent, not an empty
        // addition (found by fuzzing).
        None if p.text.is_empty() && p.is_deleted_by_revision() => {
            return Cell {
                version: cell.version,
                status: Status::Absent,
                ..Cell::default()
            };
        }
        None => {
            cell.status = Status::Added;
            match &p.revision {
                // The proposer's own insertion, with its author.
                Some(changes) if original_of(changes).is_empty() => {
                    cell.ops = changes.clone();
                    cell.tracked = true;
                }
                _ => cell.ops = all_inserted(&p.text),
            }
        }
        Some(base) => {
            if let Some(changes) = tracked {
                cell.tracked = true;
                cell.ops = changes;
            } else if same_as_base.is_some() {
                if !base.is_empty() {
                    cell.ops = vec![Change::equal(base.clone())];
                }
            } else {
                cell.ops = diff(&p.text);
            }
            let changed = shows_a_change(&cell.ops);
            // A paragraph its own tracked changes delete whole is gone from
            // this version, even where the row's (inferred) base is empty.
            cell.status = if p.text.is_empty() && (!base.is_empty() || p.is_deleted_by_revision()) {
                Status::Deleted
            } else if changed {
                Status::Modified
            } else {
                Status::Unchanged
            };
        }
    }
    cell
}

/// Whether `ops` change anything a reader could see. White space of
/// another kind (a non-breaking space for a space, a tab, a second space,
/// a space at either end) shows nothing: the ops keep it exactly, but the
/// row is not changed. White space put between two words or taken from
/// between them ("promoteand" to "promote and") is a change.
pub(super) fn shows_a_change(ops: &[Change]) -> bool {
    use crate::model::ChangeKind;
    let blank = |c: &Change| c.text.chars().all(char::is_whitespace);
    ops.iter().enumerate().any(|(k, c)| {
        if c.kind == ChangeKind::Equal {
            return false;
        }
        if !blank(c) {
            return true;
        }
        // Is the text on this side of the white space, in the text it
        // belongs to (the base for a deletion, the result for an
        // insertion), white space or an end rather than a word?
        let spaced = |neighbours: &mut dyn Iterator<Item = &Change>, before: bool| -> bool {
            for o in neighbours {
                if o.kind != ChangeKind::Equal && o.kind != c.kind {
                    continue;
                }
                let edge = if before {
                    o.text.chars().next_back()
                } else {
                    o.text.chars().next()
                };
                if let Some(ch) = edge {
                    return ch.is_whitespace();
                }
            }
            true
        };
        let other_blank = |o: Option<&Change>| {
            o.is_some_and(|o| o.kind != ChangeKind::Equal && o.kind != c.kind && blank(o))
        };
        let replaced_by_blank =
            other_blank(ops.get(k + 1)) || other_blank(k.checked_sub(1).and_then(|p| ops.get(p)));
        let invisible = replaced_by_blank
            || spaced(&mut ops[..k].iter().rev(), true)
            || spaced(&mut ops[k + 1..].iter(), false);
        !invisible
    })
}
