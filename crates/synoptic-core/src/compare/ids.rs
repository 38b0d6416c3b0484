//! Row ids: stable, readable, unique.

#[allow(unused_imports)]
use super::*;

use crate::structure::is_inserted_label;

/// Gives every row its stable id and every section its slug, from the
/// rows as they stand: `considering` for a heading, `considering/b` for the
/// base's b), `resolves/2/iii` for a sub-item, `considering/b+1` for the
/// first paragraph proposals add after b), `preamble/p2` for an unlabelled
/// paragraph. Consecutive rows with the same `section` value form a section.
///
/// Called by [`compare`], and again by whoever changes the rows' base texts
/// or labels afterwards (revision recovery).
pub fn assign_ids(rows: &mut [Row]) {
    assign_ids_with(rows, None);
}

/// [`assign_ids`] for a whole synopsis: where its base is inferred, a
/// heading whose common text lost the designator the proposals each give
/// it ("Article" from "Article 5" and "Article 4") is named by theirs.
pub fn assign_synopsis_ids(synopsis: &mut Synopsis) {
    let inferred = synopsis
        .base_inferred
        .then(|| synopsis.base_index())
        .flatten();
    assign_ids_with(&mut synopsis.rows, inferred);
}

/// [`assign_ids`], the column of the inferred base given when there is one.
fn assign_ids_with(rows: &mut [Row], inferred_base: Option<usize>) {
    let old_ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut used_ids = UniqueIds::default();
    let mut groups: Vec<(usize, usize)> = Vec::new();
    let mut start = 0;
    while start < rows.len() {
        let mut end = start + 1;
        while end < rows.len() && rows[end].section == rows[start].section {
            end += 1;
        }
        groups.push((start, end));
        start = end;
    }
    let title_of = |group: &[Row]| {
        let heading_text = group
            .iter()
            .find(|r| r.kind == RowKind::Heading)
            .and_then(|r| r.base_text.clone());
        heading_text.map_or_else(|| group[0].section_title.clone(), String::from)
    };
    // The base's sections are named first, so that a section a proposal
    // adds under a taken name ("SEC. 103." before the base's, renumbered
    // SEC. 103.) never takes the base's id.
    let mut used_sections = UniqueIds::default();
    let mut section_ids: Vec<String> = vec![String::new(); groups.len()];
    let is_new = |k: usize| {
        rows[groups[k].0..groups[k].1]
            .iter()
            .all(|r| r.base_text.is_none())
    };
    for new_pass in [false, true] {
        // A section added under a name the base's sections hold ("Section
        // 4" inserted before the base's, renumbered Section 5) is named
        // after the base section it follows, as an added paragraph is:
        // section-3+1, section-3+2.
        let mut after: Option<usize> = None;
        let mut added_after = 0usize;
        for (k, (start, end)) in groups.iter().enumerate() {
            let group = &rows[*start..*end];
            if !is_new(k) {
                after = Some(k);
                added_after = 0;
            }
            if is_new(k) != new_pass {
                continue;
            }
            let title = title_of(group);
            let slug = if title.trim().is_empty() {
                crate::structure::PREAMBLE_ID.to_string()
            } else {
                match inferred_base {
                    Some(base) => designated_slug(group, base, section_slug(&title)),
                    None => section_slug(&title),
                }
            };
            section_ids[k] = if new_pass && used_sections.is_taken(&slug) {
                added_after += 1;
                let previous = after.map_or("", |a| section_ids[a].as_str());
                used_sections.claim(format!("{previous}+{added_after}"))
            } else {
                used_sections.claim(slug)
            };
        }
    }
    for ((start, end), section_id) in groups.into_iter().zip(section_ids) {
        let group = &mut rows[start..end];
        let title = title_of(group);
        // In a section the base lacks, every row anchors the numbering.
        let is_new = group.iter().all(|r| r.base_text.is_none());
        let anchors: Vec<Option<&str>> = group
            .iter()
            .filter(|r| r.kind == RowKind::Paragraph && (r.base_text.is_some() || is_new))
            .map(|r| r.label.as_deref())
            .collect();
        let anchor_paths = label_paths(&anchors);
        // The anchors' ids, which an added paragraph's own label never takes.
        let anchor_ids: HashSet<String> = anchor_paths
            .iter()
            .filter(|p| !p.is_empty())
            .map(|p| p.join("/"))
            .collect();
        let mut paths = anchor_paths.into_iter();
        // Every paragraph's depth, its added ones' labels among the
        // anchors': what says which anchor an added paragraph comes after.
        let all_labels: Vec<Option<&str>> = group
            .iter()
            .filter(|r| r.kind == RowKind::Paragraph)
            .map(|r| r.label.as_deref())
            .collect();
        let mut all_paths = label_paths(&all_labels).into_iter();
        let mut anchor_count = 0usize;
        // The clause the last labelled anchor heads when it is a caption
        // ("3.1 General"), with how many unlabelled paragraphs followed it:
        // they are its paragraphs ("3.1/p1"), not the section's ninth.
        let mut caption: Option<(String, usize)> = None;
        // The last anchor's id within the section, and the label path of
        // the last labelled one.
        let mut previous: Option<String> = None;
        let mut labelled: Vec<String> = Vec::new();
        // How many added paragraphs follow each point (counted over the
        // section: a point may be named again past an anchor, as "1/3" is
        // after the unlabelled paragraphs under 1/3).
        let mut added_after: HashMap<String, usize> = HashMap::new();
        // A caption added since the last anchor, with its paragraphs so far.
        let mut added_caption: Option<(String, usize)> = None;
        for row in group.iter_mut() {
            let own_path = if row.kind == RowKind::Paragraph {
                all_paths.next().unwrap_or_default()
            } else {
                Vec::new()
            };
            let depth = own_path.len();
            row.id = match row.kind {
                RowKind::Heading => used_ids.claim(section_id.clone()),
                RowKind::Paragraph if row.base_text.is_some() || is_new => {
                    anchor_count += 1;
                    added_caption = None;
                    let path = paths.next().unwrap_or_default();
                    let local = if path.is_empty() {
                        match caption.as_mut() {
                            Some((clause, n)) => {
                                *n += 1;
                                format!("{clause}/p{n}")
                            }
                            None => format!("p{anchor_count}"),
                        }
                    } else {
                        let text = row
                            .base_text
                            .as_deref()
                            .or_else(|| {
                                row.cells
                                    .iter()
                                    .map(|c| c.text.as_str())
                                    .find(|t| !t.is_empty())
                            })
                            .unwrap_or("");
                        caption = heads_what_follows(text).then(|| (path.join("/"), 0));
                        labelled = path.clone();
                        path.join("/")
                    };
                    previous = Some(local.clone());
                    used_ids.claim(format!("{section_id}/{local}"))
                }
                RowKind::Paragraph => {
                    // A label that says where it is inserted ("(3A)", "12
                    // bis") is cited as written, where no anchor has it.
                    let own = Some(own_path.join("/")).filter(|own| {
                        row.label.as_deref().is_some_and(is_inserted_label)
                            && !own.is_empty()
                            && !anchor_ids.contains(own)
                    });
                    let local = match (own, added_caption.as_mut()) {
                        (Some(own), _) => own,
                        // Under a caption added with it: that clause's.
                        (None, Some((clause, n))) if depth == 0 => {
                            *n += 1;
                            format!("{clause}/p{n}")
                        }
                        _ => {
                            let after = inserted_after(previous.as_deref(), &labelled, depth);
                            let n = added_after.entry(after.clone()).or_insert(0);
                            *n += 1;
                            format!("{after}+{n}")
                        }
                    };
                    if depth > 0 {
                        let text = row
                            .cells
                            .iter()
                            .map(|c| c.text.as_str())
                            .find(|t| !t.is_empty());
                        added_caption = text.filter(|t| is_caption(t)).map(|_| (local.clone(), 0));
                    }
                    used_ids.claim(format!("{section_id}/{local}"))
                }
            };
            row.section = section_id.clone();
            row.section_title = title.clone();
        }
    }
    // Moved paragraphs point at rows by id: follow the renaming.
    let renamed: std::collections::HashMap<&str, String> = old_ids
        .iter()
        .zip(rows.iter())
        .filter(|(old, _)| !old.is_empty())
        .map(|(old, row)| (old.as_str(), row.id.clone()))
        .collect();
    for row in rows.iter_mut() {
        for cell in &mut row.cells {
            if let Some(target) = cell.moved.as_mut() {
                if let Some(new) = renamed.get(target.as_str()) {
                    *target = new.clone();
                }
            }
        }
    }
}

/// Whether a labelled paragraph heads the unlabelled ones after it: a
/// caption ([`is_caption`]), or a paragraph that introduces them ("After
/// subsection (3) insert—", "... as follows:").
fn heads_what_follows(text: &str) -> bool {
    is_caption(text) || text.trim_end().ends_with([':', '\u{2014}'])
}

/// Whether a labelled paragraph's text is a caption heading what follows
/// ("General", "Normative references", "Duty to keep harbour safe"): a few
/// words from a capital, not ended as a sentence or clause is.
fn is_caption(text: &str) -> bool {
    let text = text.trim();
    text.starts_with(char::is_uppercase)
        && text.split_whitespace().count() <= 8
        && !text.ends_with(['.', ';', ':', ',', '\u{2014}', '-'])
}

/// The point an added paragraph is inserted after, as a reader cites it:
/// the labelled anchor before it at the added paragraph's own level
/// (`labelled` is the last labelled anchor's path). A `(d)` added after
/// `(c)(2)` comes after `c` (`c+1`), a `(3)` after `c/2`, a clause `3.2`
/// after `3.1` even past the paragraphs under it; a paragraph without a
/// label, or deeper than the labels before it, comes after the anchor
/// before it. Empty before the section's first anchor (`+1`).
fn inserted_after(previous: Option<&str>, labelled: &[String], depth: usize) -> String {
    match previous {
        None => String::new(),
        Some(local) if depth == 0 || depth > labelled.len() => local.to_string(),
        Some(_) => labelled[..depth].join("/"),
    }
}

/// The slug of a section whose heading's inferred common text lost its
/// designator: where no proposal reads `slug` ("article") and proposals
/// read it with a designator each ("article-5", "article-4": they renumber
/// an article differently), the designator most of them give, the first
/// in order of the slugs among equally many; else `slug`. A slug without
/// its designator names no section a reader can find. One slug per cell
/// of the heading; `base` is the inferred base's column, left out.
fn designated_slug(group: &[Row], base: usize, slug: String) -> String {
    let Some(heading) = group.iter().find(|r| r.kind == RowKind::Heading) else {
        return slug;
    };
    if slug.contains('-') {
        return slug;
    }
    let prefix = format!("{slug}-");
    let mut counts: std::collections::BTreeMap<String, usize> = Default::default();
    let proposals = heading
        .cells
        .iter()
        .enumerate()
        .filter(|&(c, cell)| c != base && !cell.text.trim().is_empty());
    for (_, cell) in proposals {
        let own = section_slug(&cell.text);
        if own == slug {
            return slug;
        }
        let designator = own.strip_prefix(&prefix).and_then(|d| d.split('-').next());
        let designated = designator.is_some_and(|d| {
            d.starts_with(|c: char| c.is_ascii_digit())
                || d.chars().count() == 1
                || crate::structure::roman_value(d).is_some()
        });
        if designated {
            *counts.entry(own).or_default() += 1;
        }
    }
    // The most votes; of equally many, the first slug (the map's order).
    let mut best: Option<(&String, usize)> = None;
    for (candidate, n) in &counts {
        if best.is_none_or(|(_, m)| *n > m) {
            best = Some((candidate, *n));
        }
    }
    best.map_or(slug, |(candidate, _)| candidate.clone())
}

impl UniqueIds {
    /// Whether `id` is taken.
    pub(super) fn is_taken(&self, id: &str) -> bool {
        self.used.contains(id)
    }

    /// `id` if it is still free, else the first free `id~n`.
    pub(super) fn claim(&mut self, id: String) -> String {
        if self.used.insert(id.clone()) {
            return id;
        }
        let n = self.next_suffix.entry(id.clone()).or_insert(2);
        loop {
            let candidate = format!("{id}~{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}
