//! Plain text: one paragraph per line, or per blank-line-separated block
//! of hard-wrapped prose.
//!
//! Openers ("considering", "instructs the Director ...") start sections;
//! labels (`a)`, `1`, `i)`, bullets) are split from the paragraph text by
//! [`synoptic_core::structure::split_label`]. Lines before the first opener
//! form the preamble. Text is kept as written: only line ends and the
//! white space after a label are trimmed.

use synoptic_core::structure::{
    label_decoration, section_slug, split_label, LabelDecoration, Openers, TailRule,
};
use synoptic_core::{Document, Metadata, Paragraph, Section};

use super::{normalize_newlines, ReadError};

/// How lines become paragraphs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ParagraphMode {
    /// [`ParagraphMode::Wrapped`] when the text looks hard-wrapped (lines
    /// run on at a wrap margin), [`ParagraphMode::Lines`] otherwise. A run
    /// of several inputs decides this once for all of them
    /// ([`crate::read::auto::plan`]), so that the versions of one synopsis
    /// are never read differently.
    #[default]
    Auto,
    /// Every non-blank line is a paragraph.
    Lines,
    /// Consecutive non-blank lines form one paragraph, joined with a space;
    /// a line with a label or an opener still starts a new one.
    Blocks,
    /// A line that reaches the text's wrap margin runs on into the next
    /// one; a line short of the margin, a blank line, a label or an opener
    /// ends a paragraph. In a text without a wrap margin (one paragraph per
    /// line) every line is a paragraph. What `auto` chooses for a run when
    /// any input is hard-wrapped.
    Wrapped,
}

/// Options of the plain text reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// How lines become paragraphs.
    pub paragraphs: ParagraphMode,
    /// The section openers to recognise.
    pub openers: Openers,
}

/// How many lines a read joined into paragraphs, for the note that says so.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Joined {
    /// Lines that became part of a paragraph of more than one line.
    pub lines: usize,
    /// Paragraphs made of more than one line.
    pub paragraphs: usize,
}

impl Joined {
    /// The note telling a reader that lines were joined, or `None` when
    /// every line stayed a paragraph of its own.
    pub fn note(&self) -> Option<String> {
        (self.paragraphs > 0).then(|| {
            format!(
                "{} lines joined into {} paragraph{} (hard-wrapped text; \
                 `--paragraphs lines` keeps every line apart)",
                self.lines,
                self.paragraphs,
                if self.paragraphs == 1 { "" } else { "s" }
            )
        })
    }
}

/// Reads a plain text document.
///
/// Fails only on text that cannot be a document (a NUL character, which
/// means a binary file was given as text).
pub fn read(text: &str, options: &TextOptions) -> Result<Document, ReadError> {
    read_counted(text, options).map(|(document, _)| document)
}

/// How consecutive lines are joined, once the mode is applied to a text.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Join {
    /// Every line is a paragraph (`lines`, or a text with no wrap margin).
    Never,
    /// Every line without a label runs on (`blocks`).
    Unlabelled,
    /// A line that reaches this margin runs on (`wrapped`).
    AtMargin(usize),
}

/// Reads a plain text document like [`read`], and says how many lines it
/// joined into paragraphs.
pub fn read_counted(text: &str, options: &TextOptions) -> Result<(Document, Joined), ReadError> {
    let text = normalize_newlines(text);
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    if let Some(pos) = text.find('\0') {
        let line = text[..pos].matches('\n').count() + 1;
        return Err(ReadError::Syntax {
            line,
            message: "contains a NUL character; is this a binary file?".to_string(),
        });
    }
    let raw: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    let join = match options.paragraphs {
        ParagraphMode::Lines => Join::Never,
        ParagraphMode::Blocks => Join::Unlabelled,
        ParagraphMode::Wrapped => {
            wrap_margin(&raw, &options.openers).map_or(Join::Never, Join::AtMargin)
        }
        ParagraphMode::Auto => match wrap_margin(&raw, &options.openers) {
            Some(margin) if run_ons(&raw, margin, &options.openers) >= 2 => Join::AtMargin(margin),
            _ => Join::Never,
        },
    };

    let continuation = continuation_indent(&raw);
    let mut builder = Builder::default();
    let mut joined = Joined::default();
    // The paragraph being collected: its label and its lines.
    let mut pending: Option<(Option<&str>, Vec<&str>)> = None;
    // The line before, as written, while the paragraph may run on from it.
    let mut previous: Option<&str> = None;
    // The opener's line, as written, while the opener may run on from it.
    let mut opener_line: Option<&str> = None;
    let mut opener_joins = Joined::default();
    let mut opener_joins_open = false;
    let mut flush = |builder: &mut Builder, pending: Option<(Option<&str>, Vec<&str>)>| {
        if let Some((_, pieces)) = &pending {
            if pieces.len() > 1 {
                joined.lines += pieces.len();
                joined.paragraphs += 1;
            }
        }
        builder.paragraph(pending);
    };
    for raw_line in &raw {
        let line = raw_line.trim();
        // A label alone on its line ("(a)", as text copied from a web
        // page of an act has it) waits for its text past blank lines.
        let label_alone = matches!(&pending, Some((Some(_), pieces)) if pieces == &[""]);
        if line.is_empty() {
            if !label_alone {
                flush(&mut builder, pending.take());
            }
            previous = None;
            opener_line = None;
            continue;
        }
        // An opener wrapped over two lines ("instructs the Director of the
        // Telecommunication Standardization" / "Bureau") runs on while the
        // whole still reads as an opener.
        if let Some(before) = opener_line.take() {
            let runs_on = match join {
                Join::Never => false,
                // Blocks know no margin: only a long opener line may wrap.
                Join::Unlabelled => width(before.trim()) >= 40,
                Join::AtMargin(margin) => reaches_margin(before, line, margin),
            };
            if runs_on
                && split_label(line).is_none()
                && options.openers.match_opener(line).is_none()
                && builder.extend_opener(line, &options.openers)
            {
                opener_joins.lines += if opener_joins_open { 1 } else { 2 };
                opener_joins.paragraphs += usize::from(!opener_joins_open);
                opener_joins_open = true;
                opener_line = Some(raw_line);
                continue;
            }
        }
        opener_joins_open = false;
        if let Some(m) = options.openers.match_opener(line) {
            flush(&mut builder, pending.take());
            // A legislative heading may start its first paragraph on its
            // own line ("Section 1. This Act may be cited as ...").
            let body = m
                .body
                .as_deref()
                .filter(|b| m.label.is_none() && line.ends_with(b))
                .map(|b| &line[line.len() - b.len()..]);
            let text = match (&m.label, body) {
                (Some(_), _) => split_label(line).map_or(line, |(_, rest)| rest),
                (None, Some(_)) => m.text.as_str(),
                (None, None) => line,
            };
            builder.opener(Paragraph {
                label: m.label,
                text: text.to_string(),
                ..Paragraph::default()
            });
            previous = None;
            opener_line = body.is_none().then_some(*raw_line);
            if let Some(body) = body {
                pending = Some(match split_label(body) {
                    Some((label, rest)) => (Some(label), vec![rest]),
                    None => (None, vec![body]),
                });
                previous = Some(raw_line);
            }
            continue;
        }
        let split = split_label(line);
        if label_alone && split.is_none() {
            if let Some((_, pieces)) = &mut pending {
                *pieces = vec![line];
            }
            previous = Some(raw_line);
            continue;
        }
        let runs_on = match (join, previous) {
            (_, None) => false,
            (Join::Never, _) => false,
            (Join::Unlabelled, _) => split.is_none(),
            (Join::AtMargin(margin), Some(before)) => {
                reaches_margin(before, line, margin)
                    && (split.is_none() || continues_despite_label(before, line))
                    // A first line indented past the continuation lines
                    // after a clause ends starts a paragraph.
                    && !(ends_clause(before)
                        && indent(raw_line) > continuation
                        && !line.starts_with(char::is_lowercase))
            }
        };
        match (&mut pending, runs_on) {
            (Some((_, pieces)), true) => pieces.push(line),
            _ => {
                flush(&mut builder, pending.take());
                pending = Some(match split {
                    Some((label, rest)) => (Some(label), vec![rest]),
                    None => (None, vec![line]),
                });
            }
        }
        previous = Some(raw_line);
    }
    flush(&mut builder, pending.take());
    joined.lines += opener_joins.lines;
    joined.paragraphs += opener_joins.paragraphs;
    let mut document = builder.finish();
    fold_contents(&mut document, &options.openers);
    Ok((document, joined))
}

/// The key a legislative heading is found again by: its section id, with
/// `Section 1.` and `SEC. 1.` alike (`sec-1`); `None` for other openers.
fn heading_key(text: &str, openers: &Openers) -> Option<String> {
    let m = openers.match_opener(text)?;
    let designated = openers
        .patterns()
        .iter()
        .any(|p| p.keyword == m.keyword && p.tail == TailRule::Designated);
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
/// (the real "TITLE I" after the contents' "TITLE I").
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
            .filter_map(|s| s.opener)
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

/// The width of a line as laid out: its characters, indentation included.
fn width(line: &str) -> usize {
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
fn wrap_margin(raw: &[&str], openers: &Openers) -> Option<usize> {
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
fn indent(line: &str) -> usize {
    line.chars().take_while(|c| c.is_whitespace()).count()
}

/// The indentation of a text's continuation lines: the most common one of
/// lines that start with a lowercase word after a line that does not end
/// a clause (the sure continuations), 0 when there are none.
fn continuation_indent(raw: &[&str]) -> usize {
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
fn ends_clause(line: &str) -> bool {
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
fn reaches_margin(before: &str, next: &str, margin: usize) -> bool {
    let first = next.split_whitespace().next().map_or(0, width);
    let greedy = width(before) + 1 + first > margin;
    greedy
        || (width(before) * 5 >= margin * 4
            && !ends_clause(before)
            && next.trim_start().starts_with(char::is_lowercase))
}

/// Whether a wrapped line that starts like a bare-numbered label ("101 of
/// the Act") continues the sentence of the full line before it rather
/// than starting a paragraph: the label is a bare number and the line
/// before ends inside a sentence.
fn continues_despite_label(before: &str, line: &str) -> bool {
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
fn run_ons(raw: &[&str], margin: usize, openers: &Openers) -> usize {
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
    let raw: Vec<&str> = text.split('\n').map(str::trim_end).collect();
    wrap_margin(&raw, openers).is_some_and(|margin| run_ons(&raw, margin, openers) >= 2)
}

/// A proposal marker line ("MOD", "MOD<TAB>AFCP/35A8/1", "ADD  IAP/39A18/1"):
/// the marker and the reference, if any. The reference must be short and
/// contain a digit or a slash, so "ADD a new paragraph" is not a marker.
pub(crate) fn marker_line(line: &str) -> Option<(String, Option<String>)> {
    let line = line.trim();
    let (marker, rest) = match line.split_once(char::is_whitespace) {
        Some((m, r)) => (m, r.trim()),
        None => (line, ""),
    };
    if !matches!(marker, "MOD" | "ADD" | "SUP" | "NOC") {
        return None;
    }
    if rest.is_empty() {
        return Some((marker.to_string(), None));
    }
    let reference_like = rest.split_whitespace().count() <= 4
        && rest.chars().any(|c| c.is_ascii_digit() || c == '/')
        && !rest.to_lowercase().starts_with("resolution");
    reference_like.then(|| (marker.to_string(), Some(rest.to_string())))
}

/// Lines of one paragraph joined with a space, except after a hyphen that
/// wrapping broke a compound at ("standards-" and "making" join as
/// "standards-making").
fn join_lines(pieces: &[&str]) -> String {
    let mut out = String::new();
    for piece in pieces {
        let hyphen_break = out.ends_with('-')
            && !out.ends_with("--")
            && out[..out.len() - 1].ends_with(char::is_alphabetic)
            && piece.starts_with(char::is_alphabetic);
        if !out.is_empty() && !hyphen_break {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

/// Collects sections and paragraphs in document order.
#[derive(Default)]
pub(crate) struct Builder {
    sections: Vec<Section>,
    current: Section,
    metadata: Metadata,
    /// True once anything but a marker line was seen, after which marker
    /// lines are ordinary paragraphs.
    started: bool,
}

impl Builder {
    /// Adds a paragraph collected from lines (joined with a space).
    fn paragraph(&mut self, pending: Option<(Option<&str>, Vec<&str>)>) {
        let Some((label, pieces)) = pending else {
            return;
        };
        let text = join_lines(&pieces);
        if label.is_none() && !self.started && self.current.opener.is_none() {
            if let Some((marker, reference)) = marker_line(&text) {
                self.metadata.marker = Some(marker);
                if reference.is_some() {
                    self.metadata.reference = reference;
                }
                return;
            }
        }
        self.push(Paragraph {
            label: label.map(str::to_string),
            text,
            ..Paragraph::default()
        });
    }

    /// Adds a finished paragraph to the current section.
    pub(crate) fn push(&mut self, paragraph: Paragraph) {
        self.started = true;
        self.current.paragraphs.push(paragraph);
    }

    /// Whether a marker line would still be taken as the document's marker.
    pub(crate) fn expects_marker(&self) -> bool {
        !self.started && self.current.opener.is_none()
    }

    /// Records the document's marker and reference.
    pub(crate) fn set_marker(&mut self, marker: String, reference: Option<String>) {
        self.metadata.marker = Some(marker);
        if reference.is_some() {
            self.metadata.reference = reference;
        }
    }

    /// Records a note for a human (a CriticMarkup comment).
    pub(crate) fn note(&mut self, note: String) {
        self.metadata.notes.push(note);
    }

    /// Appends a line to the current section's opener when the whole still
    /// reads as an opener; false (and nothing changed) otherwise.
    fn extend_opener(&mut self, line: &str, openers: &Openers) -> bool {
        let Some(opener) = self.current.opener.as_mut() else {
            return false;
        };
        let text = join_lines(&[&opener.text, line]);
        if openers.match_opener(&text).is_none() {
            return false;
        }
        opener.text = text;
        true
    }

    /// Starts a new section with this opener.
    pub(crate) fn opener(&mut self, opener: Paragraph) {
        self.started = true;
        let previous = std::mem::take(&mut self.current);
        if previous.opener.is_some() || !previous.paragraphs.is_empty() {
            self.sections.push(previous);
        }
        self.current.opener = Some(opener);
    }

    /// The document read so far.
    pub(crate) fn finish(mut self) -> Document {
        let last = std::mem::take(&mut self.current);
        if last.opener.is_some() || !last.paragraphs.is_empty() {
            self.sections.push(last);
        }
        Document {
            sections: self.sections,
            metadata: self.metadata,
        }
    }
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use synoptic_core::structure::Tradition;

    fn read_default(text: &str) -> Document {
        read(text, &TextOptions::default()).unwrap()
    }

    fn outline(doc: &Document) -> Vec<String> {
        let mut out = Vec::new();
        for s in &doc.sections {
            out.push(format!(
                "# {}",
                s.opener.as_ref().map_or("(preamble)", |o| o.text.as_str())
            ));
            for p in &s.paragraphs {
                out.push(format!("{}|{}", p.label.as_deref().unwrap_or(""), p.text));
            }
        }
        out
    }

    #[test]
    fn lines_sections_and_labels() {
        let doc = read_default(
            "RESOLUTION 99 (Rev. Geneva, 2024)\r\n\
             Title of the resolution\r\n\
             \r\n\
             \tconsidering\r\n\
             a)\tthat one;  \r\n\
             b)\tthat two,\r\n\
             resolves\n\
             1\tto do this;\n\
             2\tto do that:\n\
             i)\tfirst\n\
             within available resources,\n",
        );
        assert_eq!(
            outline(&doc),
            [
                "# (preamble)",
                "|RESOLUTION 99 (Rev. Geneva, 2024)",
                "|Title of the resolution",
                "# considering",
                "a)|that one;",
                "b)|that two,",
                "# resolves",
                "1|to do this;",
                "2|to do that:",
                "i)|first",
                "|within available resources,",
            ]
        );
    }

    #[test]
    fn no_opener_means_one_preamble_section() {
        let doc = read_default("one\ntwo\n");
        assert_eq!(doc.sections.len(), 1);
        assert!(doc.sections[0].opener.is_none());
        assert_eq!(doc.paragraph_count(), 2);
        assert_eq!(read_default("").sections.len(), 0);
        assert_eq!(read_default("\n\n  \n").sections.len(), 0);
    }

    #[test]
    fn opener_first_has_no_preamble() {
        let doc = read_default("considering\na)\tx\n");
        assert_eq!(doc.sections.len(), 1);
        assert!(doc.sections[0].opener.is_some());
    }

    #[test]
    fn labelled_heading_opener() {
        let doc =
            read_default("ANNEX\nI\tProgramme 1: Strengthening capabilities\n1)\tObjective\n");
        let s = &doc.sections[1];
        let o = s.opener.as_ref().unwrap();
        assert_eq!(o.label.as_deref(), Some("I"));
        assert_eq!(o.text, "Programme 1: Strengthening capabilities");
        assert_eq!(s.paragraphs[0].label.as_deref(), Some("1)"));
    }

    #[test]
    fn wrapped_blocks() {
        let text = "considering\n\n\
            a) that Resolution 123 (Rev. Dubai, 2018) of the Plenipotentiary\n\
            Conference instructs the Secretary-General and the Directors of the\n\
            three Bureaux to work closely with each other;\n\
            b) that Resolution 139 (Rev. Dubai, 2018) of the Plenipotentiary\n\
            Conference resolves that implementation should continue;\n\n\
            An unlabelled paragraph that is wrapped over more than one line of\n\
            text, as editors do.\n\
            resolves\n\
            1 that the plan continues;\n";
        let doc = read_default(text);
        assert_eq!(
            outline(&doc),
            [
                "# considering",
                "a)|that Resolution 123 (Rev. Dubai, 2018) of the Plenipotentiary Conference \
                 instructs the Secretary-General and the Directors of the three Bureaux to work \
                 closely with each other;",
                "b)|that Resolution 139 (Rev. Dubai, 2018) of the Plenipotentiary Conference \
                 resolves that implementation should continue;",
                "|An unlabelled paragraph that is wrapped over more than one line of text, as \
                 editors do.",
                "# resolves",
                "1|that the plan continues;",
            ]
        );
        // Forced lines mode keeps every line apart.
        let lines = read(
            text,
            &TextOptions {
                paragraphs: ParagraphMode::Lines,
                ..TextOptions::default()
            },
        )
        .unwrap();
        assert_eq!(lines.paragraph_count(), 8);
    }

    #[test]
    fn auto_keeps_lines_for_one_paragraph_per_line() {
        let long = "x".repeat(150);
        let text = format!(
            "RESOLUTION 1\nBridging the standardization gap between developing countries\n\
             (Florianópolis, 2004; Johannesburg, 2008; Dubai, 2012)\n\
             The World Telecommunication Standardization Assembly,\n\
             considering\n{long}\n{long}\n{long}\nresolves\n{long}\n{long}\n"
        );
        let doc = read_default(&text);
        assert_eq!(doc.sections[0].paragraphs.len(), 4);
        assert_eq!(doc.paragraph_count(), 9);
    }

    /// Wraps `text` greedily at `width` columns, paragraph by paragraph,
    /// with a blank line between paragraphs, as an editor's "fill" does.
    fn wrap(paragraphs: &[&str], width: usize) -> String {
        wrap_indented(paragraphs, width, "")
    }

    /// [`wrap`] with the first line of each paragraph indented by `indent`
    /// (counted in the width, as wrappers do), and no blank lines when an
    /// indent tells the paragraphs apart.
    fn wrap_indented(paragraphs: &[&str], width: usize, indent: &str) -> String {
        let mut out = String::new();
        for p in paragraphs {
            let mut line = indent.to_string();
            for word in p.split(' ') {
                let fresh = line.trim().is_empty();
                if !fresh && line.chars().count() + 1 + word.chars().count() > width {
                    out.push_str(&line);
                    out.push('\n');
                    line.clear();
                }
                if !line.trim().is_empty() {
                    line.push(' ');
                }
                line.push_str(word);
            }
            out.push_str(&line);
            out.push_str(if indent.is_empty() { "\n\n" } else { "\n" });
        }
        out
    }

    const ESSAY: [&str; 5] = [
        "The Harbour Authority shall publish, before the first day of each financial year, a \
         plan describing the dredging works it intends to carry out, the estimated cost of each \
         work and the vessels expected to benefit from it.",
        "Consultation",
        "Before adopting the plan, the Authority shall consult the port users' committee, the \
         municipal councils concerned and any person who has asked in writing to be consulted, \
         allowing them no fewer than thirty days to respond.",
        "Where the committee objects to a work on grounds of safety, the Authority shall give its \
         reasons in writing for proceeding with it, or withdraw the work from the plan.",
        "The plan shall be laid before the Assembly together with a summary of the responses \
         received and the Authority's answer to each objection of substance, within a \
         well-publicised period.",
    ];

    #[test]
    fn wrapped_and_one_per_line_read_alike() {
        let lines = ESSAY.join("\n");
        let wrapped = wrap(&ESSAY, 72);
        for mode in [ParagraphMode::Auto, ParagraphMode::Wrapped] {
            let options = TextOptions {
                paragraphs: mode,
                ..TextOptions::default()
            };
            let (a, joined_a) = read_counted(&lines, &options).unwrap();
            let (b, joined_b) = read_counted(&wrapped, &options).unwrap();
            assert_eq!(a, b, "{mode:?}");
            assert_eq!(b.paragraph_count(), 5);
            assert_eq!(joined_a, Joined::default());
            assert_eq!(joined_b.paragraphs, 4);
            assert!(joined_b.lines > 8, "{joined_b:?}");
        }
        assert_eq!(
            Joined {
                lines: 9,
                paragraphs: 4
            }
            .note()
            .unwrap(),
            "9 lines joined into 4 paragraphs (hard-wrapped text; `--paragraphs lines` keeps \
             every line apart)"
        );
        // The one-per-line text has no margin; blocks join its lines.
        assert!(!looks_wrapped(&lines, &Openers::itu()));
        assert!(looks_wrapped(&wrapped, &Openers::itu()));
        let blocks = TextOptions {
            paragraphs: ParagraphMode::Blocks,
            ..TextOptions::default()
        };
        assert_eq!(read(&lines, &blocks).unwrap().paragraph_count(), 1);
    }

    #[test]
    fn wrapped_text_without_blank_lines_keeps_short_lines_apart() {
        // Paragraphs end where a line stops short of the margin; a label
        // starts one; a bare number after a full line inside a sentence
        // does not.
        let text = "\
The Minister may by regulation prescribe the form of the register, the\n\
particulars to be entered in it and the fees payable under subsection\n\
101 of the Harbours Act for an entry or a certified copy.\n\
Short heading\n\
(a) the owner of a vessel registered under this Part shall notify the\n\
Registrar of any change of ownership within fourteen days; and\n\
(b) the Registrar shall amend the register accordingly.\n";
        let doc = read(
            text,
            &TextOptions {
                paragraphs: ParagraphMode::Wrapped,
                ..TextOptions::default()
            },
        )
        .unwrap();
        assert_eq!(
            outline(&doc),
            [
                "# (preamble)",
                "|The Minister may by regulation prescribe the form of the register, the \
                 particulars to be entered in it and the fees payable under subsection 101 of \
                 the Harbours Act for an entry or a certified copy.",
                "|Short heading",
                "(a)|the owner of a vessel registered under this Part shall notify the Registrar \
                 of any change of ownership within fourteen days; and",
                "(b)|the Registrar shall amend the register accordingly.",
            ]
        );
    }

    proptest::proptest! {
        /// Whatever the width it is wrapped at, a text reads into the same
        /// paragraphs as written one paragraph per line, its paragraphs
        /// apart by blank lines or by indented first lines.
        #[test]
        fn any_wrapping_reads_like_one_paragraph_per_line(
            paragraphs in proptest::collection::vec(
                proptest::collection::vec(0usize..24, 25..70), 3..8),
            width in 50usize..110,
            blank_lines in proptest::bool::ANY,
        ) {
            const WORDS: [&str; 24] = [
                "harbour", "Authority", "shall", "publish", "plan", "vessels", "each",
                "year,", "within", "ninety", "days", "after", "the", "operator", "of",
                "safety.", "The", "committee", "may", "review", "cargo", "waterway;",
                "standards-making", "inland",
            ];
            let texts: Vec<String> = paragraphs
                .iter()
                .map(|p| {
                    // A paragraph starts with a capital word, never a label,
                    // and ends a sentence.
                    std::iter::once("Each")
                        .chain(p.iter().map(|i| WORDS[*i]))
                        .chain(std::iter::once("safety."))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            // Without blank lines, paragraphs are told by the indented
            // first line, as in books and printed bills.
            let wrapped = if blank_lines {
                wrap(&refs, width)
            } else {
                wrap_indented(&refs, width, "    ")
            };
            let options = TextOptions::default();
            let one = read(&texts.join("\n"), &options).unwrap();
            let other = read(&wrapped, &options).unwrap();
            proptest::prop_assert_eq!(one.paragraph_count(), texts.len());
            proptest::prop_assert_eq!(one, other);
        }
    }

    #[test]
    fn hyphens_broken_by_wrapping_rejoin() {
        assert_eq!(
            join_lines(&["standards-", "making bodies"]),
            "standards-making bodies"
        );
        assert_eq!(join_lines(&["a dash --", "here"]), "a dash -- here");
        assert_eq!(join_lines(&["ends -", "here"]), "ends - here");
    }

    #[test]
    fn bills_read_by_their_headings() {
        let bill = "\
A BILL\n\
To improve the safety of inland harbours.\n\
TITLE I—GENERAL PROVISIONS\n\
SEC. 101. SHORT TITLE.\n\
This Act may be cited as the Inland Harbours Act of 2031.\n\
SEC. 102. DEFINITIONS. In this Act:\n\
(1) Harbour.—The term “harbour” means a place where vessels may moor.\n\
(2) Authority.—The term “Authority” means the Harbour Authority.\n\
Section 103. The Authority shall publish a plan each year.\n";
        let options = TextOptions {
            openers: Openers::for_tradition(Tradition::Bill, None),
            ..TextOptions::default()
        };
        let doc = read(bill, &options).unwrap();
        assert_eq!(
            outline(&doc),
            [
                "# (preamble)",
                "|A BILL",
                "|To improve the safety of inland harbours.",
                "# TITLE I—GENERAL PROVISIONS",
                "# SEC. 101. SHORT TITLE.",
                "|This Act may be cited as the Inland Harbours Act of 2031.",
                "# SEC. 102. DEFINITIONS.",
                "|In this Act:",
                "(1)|Harbour.—The term “harbour” means a place where vessels may moor.",
                "(2)|Authority.—The term “Authority” means the Harbour Authority.",
                "# Section 103.",
                "|The Authority shall publish a plan each year.",
            ]
        );
    }

    #[test]
    fn a_bills_table_of_contents_is_text_of_its_section() {
        let bill = "\
SECTION 1. SHORT TITLE; TABLE OF CONTENTS.
(a) Short Title.--This Act may be cited as the ``Harbour Act''.
(b) Table of Contents.--The table of contents for this Act is as follows:
Sec. 1. Short title; table of contents.
TITLE I--GENERAL PROVISIONS
Sec. 101. Purposes.
Sec. 102. Definitions.
TITLE I--GENERAL PROVISIONS
SEC. 101. PURPOSES.
The purposes of this Act are to make harbours safer.
SEC. 102. DEFINITIONS.
In this Act the term ``harbour'' means a place where vessels moor.
";
        let options = TextOptions {
            openers: Openers::for_tradition(Tradition::Bill, None),
            ..TextOptions::default()
        };
        let doc = read(bill, &options).unwrap();
        assert_eq!(
            outline(&doc),
            [
                "# SECTION 1. SHORT TITLE; TABLE OF CONTENTS.",
                "(a)|Short Title.--This Act may be cited as the ``Harbour Act''.",
                "(b)|Table of Contents.--The table of contents for this Act is as follows:",
                "|Sec. 1. Short title; table of contents.",
                "|TITLE I--GENERAL PROVISIONS",
                "|Sec. 101. Purposes.",
                "|Sec. 102. Definitions.",
                "# TITLE I--GENERAL PROVISIONS",
                "# SEC. 101. PURPOSES.",
                "|The purposes of this Act are to make harbours safer.",
                "# SEC. 102. DEFINITIONS.",
                "|In this Act the term ``harbour'' means a place where vessels moor.",
            ]
        );
        // Headings in a row that head nothing else stay headings.
        let headings = "DIVISION A--SAFETY\nTITLE I--HARBOURS\nSubtitle A--Plans\n\
                        SEC. 101. PLANS.\nEach operator shall adopt a plan.\n";
        assert_eq!(read(headings, &options).unwrap().sections.len(), 4);
    }

    #[test]
    fn a_label_alone_on_its_line_takes_the_next_line_as_its_text() {
        let text = "Article 2\n1.   This Regulation applies to:\n(a)\nproviders of harbour \
                    services;\n\n(b)\n\noperators of harbours;\n(c)\n(d) pilots.\n";
        let options = TextOptions {
            openers: Openers::for_tradition(Tradition::Act, None),
            ..TextOptions::default()
        };
        assert_eq!(
            outline(&read(text, &options).unwrap()),
            [
                "# Article 2",
                "1.|This Regulation applies to:",
                "(a)|providers of harbour services;",
                "(b)|operators of harbours;",
                "(c)|",
                "(d)|pilots.",
            ]
        );
    }

    #[test]
    fn a_wrapped_opener_runs_on() {
        let text = "considering\n\
a)\tthat the gap between countries in standardization remains wide, as\n\
the Assembly has noted at each of its sessions;\n\
b)\tthat regional offices help members take part in the work of study\n\
groups;\n\
instructs the Director of the Telecommunication Standardization\n\
Bureau\n\
1\tto report on the work done under this resolution to each Assembly;\n";
        let (doc, joined) = read_counted(text, &TextOptions::default()).unwrap();
        assert_eq!(
            outline(&doc),
            [
                "# considering",
                "a)|that the gap between countries in standardization remains wide, as the \
                 Assembly has noted at each of its sessions;",
                "b)|that regional offices help members take part in the work of study groups;",
                "# instructs the Director of the Telecommunication Standardization Bureau",
                "1|to report on the work done under this resolution to each Assembly;",
            ]
        );
        assert_eq!(
            joined,
            Joined {
                lines: 6,
                paragraphs: 3
            }
        );
    }

    #[test]
    fn many_repeated_headings_read_in_linear_time() {
        // 100,000 empty copies of one heading: each but the last is found
        // again after it, so they fold into text, in one pass; the last
        // heads its section.
        let text = "SEC. 1. SHORT TITLE.\n".repeat(100_000);
        let options = TextOptions {
            openers: Openers::for_tradition(Tradition::Bill, None),
            ..TextOptions::default()
        };
        let started = std::time::Instant::now();
        let doc = read(&text, &options).unwrap();
        assert_eq!(doc.sections.len(), 2);
        assert_eq!(doc.paragraph_count(), 99_999);
        assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
    }

    #[test]
    fn marker_lines_become_metadata() {
        let doc = read_default("MOD\tAFCP/35A8/1\nRESOLUTION 44\nconsidering\nMOD 1\n");
        assert_eq!(doc.metadata.marker.as_deref(), Some("MOD"));
        assert_eq!(doc.metadata.reference.as_deref(), Some("AFCP/35A8/1"));
        assert_eq!(doc.sections[0].paragraphs[0].text, "RESOLUTION 44");
        // Only at the very start.
        assert_eq!(doc.sections[1].paragraphs[0].text, "MOD 1");
        assert_eq!(marker_line("ADD a new paragraph here please"), None);
        assert_eq!(marker_line("SUP"), Some(("SUP".to_string(), None)));
        assert_eq!(marker_line("MOD  RESOLUTION 44 (Rev. Geneva, 2022)"), None);
    }

    #[test]
    fn nul_is_an_error_with_line() {
        let err = read("a\nb\0c\n", &TextOptions::default()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "line 2: contains a NUL character; is this a binary file?"
        );
    }

    #[test]
    fn examples_read() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/resolution");
        for name in ["base", "afr", "apt", "cept"] {
            let path = dir.join(format!("{name}.txt"));
            let bytes = std::fs::read(&path).unwrap();
            let text = super::super::decode(&bytes).unwrap();
            let doc = read(&text, &TextOptions::default()).unwrap();
            insta::assert_json_snapshot!(format!("text_{name}"), doc);
        }
    }
}
