//! The layout of plain text: wrap margins, indentation, and whether a line
//! runs on into the next.

use synoptic_core::structure::{label_decoration, split_label, LabelDecoration, Openers};

/// The width of a line as laid out: its characters, indentation included.
pub(super) fn width(line: &str) -> usize {
    line.chars().count()
}

/// The wrap margin of a hard-wrapped text, or `None` for a text written
/// one paragraph per line. Three marks of wrapping, all needed: the width
/// most lines that run on into another reach (the 90th percentile of their
/// widths) lies between 40 and 160 columns; hardly any line goes past it
/// (a ceiling; an unbreakable word may; the margin is the widest line
/// under it); and most lines near it that run
/// on into an unlabelled line end inside a sentence, where a line of its
/// own ends a clause (".", ";", ":", "—", "; and").
pub(super) fn wrap_margin(raw: &[&str], openers: &Openers) -> Option<usize> {
    let pairs: Vec<(&str, &str)> = raw
        .windows(2)
        .map(|pair| (pair[0], pair[1]))
        .filter(|(a, b)| !a.trim().is_empty() && !b.trim().is_empty())
        .collect();
    if pairs.len() < 2 {
        return None;
    }
    let mut widths: Vec<usize> = pairs.iter().map(|(a, _)| width(a)).collect();
    widths.sort_unstable();
    let typical = widths[(widths.len() * 9 / 10).min(widths.len() - 1)];
    if !(40..=160).contains(&typical) {
        return None;
    }
    let over = widths.iter().filter(|w| **w * 8 > typical * 9).count();
    if over * 20 > widths.len() {
        return None;
    }
    // The margin itself: the widest line under the ceiling.
    let margin = widths
        .iter()
        .copied()
        .filter(|w| *w * 8 <= typical * 9)
        .max()
        .unwrap_or(typical);
    let near: Vec<(&str, &str)> = pairs
        .into_iter()
        .filter(|(a, b)| {
            // A wrap breaks between words: a wrapped line holds several.
            width(a) * 4 >= margin * 3
                && a.split_whitespace().nth(2).is_some()
                && split_label(b.trim()).is_none()
                && openers.match_opener(a.trim()).is_none()
                && openers.match_opener(b.trim()).is_none()
        })
        .collect();
    let open = near
        .iter()
        .filter(|(a, b)| !ends_clause(a) || b.trim_start().starts_with(char::is_lowercase))
        .count();
    (open >= 2 && open * 2 >= near.len()).then_some(margin)
}

/// The indentation of a line, in characters.
pub(super) fn indent(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// The indentation of a text's continuation lines: the most common one of
/// lines that start with a lowercase word after a line that does not end
/// a clause (the sure continuations), 0 when there are none.
pub(super) fn continuation_indent(raw: &[&str]) -> usize {
    let mut counts: std::collections::BTreeMap<usize, usize> = std::collections::BTreeMap::new();
    for pair in raw.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if !a.trim().is_empty() && !ends_clause(a) && b.trim_start().starts_with(char::is_lowercase)
        {
            *counts.entry(indent(b)).or_insert(0) += 1;
        }
    }
    counts
        .into_iter()
        .max_by(|x, y| x.1.cmp(&y.1).then(y.0.cmp(&x.0)))
        .map_or(0, |(indent, _)| indent)
}

/// Whether a line ends a clause, as a paragraph of its own does.
pub(super) fn ends_clause(line: &str) -> bool {
    let line = line.trim_end();
    line.ends_with(['.', ';', ':', '!', '?', '\u{2014}', '\u{201D}', ')'])
        || line.ends_with("; and")
        || line.ends_with("; or")
        || line.ends_with("--")
}

/// Whether `before` was broken by wrapping: the first word of `next` would
/// not have fitted on it within the margin (the widest line, which is never
/// wider than the wrapper's width); or, as wrappers that balance their
/// lines leave them, it comes near the margin (four fifths), stops inside
/// a sentence and `next` goes on in lowercase.
pub(super) fn reaches_margin(before: &str, next: &str, margin: usize) -> bool {
    let first = next.split_whitespace().next().map_or(0, width);
    let greedy = width(before) + 1 + first > margin;
    greedy
        || (width(before) * 5 >= margin * 4
            && !ends_clause(before)
            && next.trim_start().starts_with(char::is_lowercase))
}

/// Whether `line` hangs under the first line of its paragraph, as printed
/// bills lay out their paragraphs: indented less than that first line
/// (indented `first`), after a line near the margin that stops inside a
/// sentence. A typesetter with proportional type breaks lines where a
/// monospaced margin cannot tell, and the next may start with a capital
/// ("... means the" / "Secretary of Transportation.").
pub(super) fn hangs_under(before: &str, line: &str, first: usize, margin: usize) -> bool {
    indent(line) < first && width(before) * 5 >= margin * 4 && !ends_clause(before)
}

/// Whether a wrapped line that starts like a bare-numbered label ("101 of
/// the Act") continues the sentence of the full line before it rather
/// than starting a paragraph: the label is a bare number and the line
/// before ends inside a sentence.
pub(super) fn continues_despite_label(before: &str, line: &str) -> bool {
    let bare = split_label(line).is_some_and(|(label, _)| {
        label_decoration(label) == LabelDecoration::Bare && !line.contains('\t')
    });
    let open = before
        .trim_end()
        .ends_with(|c: char| c.is_alphanumeric() || c == ',');
    bare && open
}

/// How many places a line runs on at `margin` into an unlabelled line that
/// opens nothing: the evidence that a text is hard-wrapped.
pub(super) fn run_ons(raw: &[&str], margin: usize, openers: &Openers) -> usize {
    raw.windows(2)
        .filter(|pair| {
            let (a, b) = (pair[0].trim(), pair[1].trim());
            !a.is_empty()
                && !b.is_empty()
                && reaches_margin(pair[0], b, margin)
                && split_label(b).is_none()
                && openers.match_opener(a).is_none()
                && openers.match_opener(b).is_none()
        })
        .count()
}

/// Whether a text reads as hard-wrapped prose: it has a wrap margin and at
/// least two lines run on at it. What `--paragraphs auto` asks of each
/// input of a run.
pub fn looks_wrapped(text: &str, openers: &Openers) -> bool {
    let raw: Vec<&str> = crate::read::split_lines(text).map(str::trim_end).collect();
    wrap_margin(&raw, openers).is_some_and(|margin| run_ons(&raw, margin, openers) >= 2)
}
