//! A bill's table of contents: headings that head sections elsewhere.

use synoptic_core::structure::{section_slug, Openers, TailRule};
use synoptic_core::{Document, Paragraph, Section};

/// The key a heading is found again by: its section id, with `Section 1.`
/// and `SEC. 1.` alike (`sec-1`); `None` for openers that are not headings
/// of the text's parts. Annexes and programmes are such headings: a
/// treaty's contents list "Annex 1 Wetlands ..." beside its articles.
pub(super) fn heading_key(text: &str, openers: &Openers) -> Option<String> {
    let m = openers.match_opener(text)?;
    let designated = openers.patterns().iter().any(|p| {
        p.keyword == m.keyword
            && matches!(
                p.tail,
                TailRule::Designated | TailRule::Title | TailRule::Numbered
            )
    });
    if !designated {
        return None;
    }
    let slug = section_slug(&m.text);
    Some(match slug.strip_prefix("section-") {
        Some(rest) => format!("sec-{rest}"),
        None => slug,
    })
}

/// Turns a bill's table of contents back into paragraphs: a run of at
/// least three legislative headings with nothing between them, each of
/// which heads a section elsewhere in the text ("Sec. 101. Purposes." in
/// the contents, "SEC. 101. PURPOSES." below), is text of the section
/// before it, not sections of their own, which would take the real
/// sections' ids. The run ends at the first heading found nowhere else
/// (the real "TITLE I" after the contents' "TITLE I"), or after a last
/// heading found elsewhere that runs on into the text after the contents.
pub(crate) fn fold_contents(document: &mut Document, openers: &Openers) {
    let keys: Vec<Option<String>> = document
        .sections
        .iter()
        .map(|s| {
            s.opener
                .as_ref()
                .and_then(|o| heading_key(&o.text, openers))
        })
        .collect();
    // Where each key comes first and last: found outside a run when either
    // lies outside it (constant time, whatever the number of headings).
    let mut at: std::collections::HashMap<&str, (usize, usize)> = std::collections::HashMap::new();
    for (i, key) in keys.iter().enumerate() {
        if let Some(key) = key {
            at.entry(key.as_str())
                .and_modify(|(_, last)| *last = i)
                .or_insert((i, i));
        }
    }
    let empty_heading = |i: usize| keys[i].is_some() && document.sections[i].paragraphs.is_empty();
    let mut folds: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < keys.len() {
        if !empty_heading(i) {
            i += 1;
            continue;
        }
        let mut end = i;
        while end < keys.len() && empty_heading(end) {
            let found_elsewhere = keys[end].as_deref().is_some_and(|key| {
                at.get(key)
                    .is_some_and(|&(first, last)| first < i || last > end)
            });
            if !found_elsewhere {
                break;
            }
            end += 1;
        }
        // The contents' last line may run on into the text that follows
        // it, the preamble after a treaty's contents ("Annex 1 Wetlands
        // ..." then "The Parties to this Agreement,"): a heading found
        // elsewhere ends the run with that text, which is the section's
        // before the contents.
        let found_outside = |k: usize| {
            keys[k].as_deref().is_some_and(|key| {
                at.get(key)
                    .is_some_and(|&(first, last)| first < i || last > k)
            })
        };
        if end - i >= 2 && end < keys.len() && found_outside(end) {
            end += 1;
        }
        if end - i >= 3 {
            folds.push((i, end));
            i = end;
        } else {
            i += 1;
        }
    }
    for (start, end) in folds.into_iter().rev() {
        let folded: Vec<Paragraph> = document
            .sections
            .drain(start..end)
            .flat_map(|s| s.opener.into_iter().chain(s.paragraphs))
            .collect();
        match start
            .checked_sub(1)
            .and_then(|k| document.sections.get_mut(k))
        {
            Some(before) => before.paragraphs.extend(folded),
            None => document.sections.insert(
                0,
                Section {
                    opener: None,
                    paragraphs: folded,
                },
            ),
        }
    }
}
