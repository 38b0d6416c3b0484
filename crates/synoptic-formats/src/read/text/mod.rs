//! Plain text: one paragraph per line, or per blank-line-separated block
//! of hard-wrapped prose.
//!
//! Openers ("considering", "instructs the Director ...") start sections;
//! labels (`a)`, `1`, `i)`, bullets) are split from the paragraph text by
//! [`synoptic_core::structure::split_label`]. Lines before the first opener
//! form the preamble. Text is kept as written: only line ends and the
//! white space after a label are trimmed.
//!
//! How lines become paragraphs is in [`layout`] (wrap margins); a bill's
//! table of contents is folded back into text in [`contents`].

use synoptic_core::model::SharedTexts;
use synoptic_core::structure::{split_label, Openers};
use synoptic_core::{Document, Metadata, Paragraph, Section};

use super::{normalize_newlines, ReadError};

mod contents;
mod layout;
mod margin;
mod numbered;
#[cfg(test)]
mod tests;

pub(crate) use contents::fold_contents;
pub use layout::looks_wrapped;
use layout::{
    continuation_indent, continues_despite_label, ends_clause, hangs_under, indent, reaches_margin,
    run_ons, width, wrap_margin,
};
pub(crate) use margin::without_line_numbers;
pub(crate) use numbered::{label_clauses, label_numbered_paragraphs, unlabel_stray_numbers};

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
    /// Texts already held (the base's paragraphs, when reading a
    /// proposal): a paragraph equal to one of them shares it rather than
    /// holding a copy of its own.
    pub shared: SharedTexts,
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
    // Decoded files come with their line ends normalised already: only
    // other text is copied to normalise them.
    let normalized = normalize_newlines(text);
    let text: &str = &normalized;
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if let Some(pos) = memchr::memchr(0, text.as_bytes()) {
        let line = text[..pos].matches('\n').count() + 1;
        return Err(ReadError::Syntax {
            line,
            message: "contains a NUL character; is this a binary file?".to_string(),
        });
    }
    // A printed page's line numbers are no part of its text.
    let unnumbered = without_line_numbers(text);
    let text: &str = &unnumbered;
    let raw: Vec<&str> = crate::read::split_lines(text).map(str::trim_end).collect();
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
    let mut builder = Builder {
        shared: options.shared.clone(),
        hyphenation: if join == Join::Never {
            None
        } else {
            Hyphenation::of(&raw)
        },
        ..Builder::default()
    };
    let mut joined = Joined::default();
    // The paragraph being collected: its label and its lines.
    let mut pending: Option<(Option<&str>, Vec<&str>)> = None;
    // The line before, as written, while the paragraph may run on from it.
    let mut previous: Option<&str> = None;
    // The indentation of the paragraph's first line.
    let mut pending_indent = 0usize;
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
    let quoted = quoted_lines(&raw);
    for (at, raw_line) in raw.iter().enumerate() {
        let line = raw_line.trim();
        // Quoted matter an amendment inserts ("after subsection (3)
        // insert— / "(3A) ... / (3B) ...."") is text of the amendment:
        // none of its lines heads a section or carries a label.
        let in_quote = quoted.get(at).copied().unwrap_or(false);
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
        // A heading's keyword wrapped to the start of a line in the middle
        // of a sentence ("... the grants made under" / "section 3.") is
        // the sentence going on, not a heading.
        let mid_sentence = match (join, previous) {
            (Join::AtMargin(margin), Some(before)) => {
                line.starts_with(char::is_lowercase)
                    && before.trim_end().ends_with(char::is_alphanumeric)
                    && reaches_margin(before, line, margin)
            }
            _ => false,
        };
        let heading = options
            .openers
            .match_opener(line)
            .filter(|_| !mid_sentence && !in_quote);
        if let Some(m) = heading {
            // A caption in full-width parentheses on the line right before
            // a Japanese article ("（目的）" above "第一条　...") is that
            // article's, not the last paragraph of the one before.
            let caption = match &pending {
                Some((None, pieces))
                    if previous.is_some()
                        && line.starts_with('\u{7B2C}')
                        && matches!(pieces.as_slice(), [only] if bracketed_caption(only)) =>
                {
                    pending.take()
                }
                _ => None,
            };
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
                text: text.to_string().into(),
                ..Paragraph::default()
            });
            if caption.is_some() {
                flush(&mut builder, caption);
            }
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
        let split = split_label(line).filter(|_| !in_quote);
        // A proposal marker ("MOD<TAB>AFCP/35A8/1") is never a label's text.
        if label_alone && split.is_none() && marker_line(line).is_none() {
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
                (reaches_margin(before, line, margin)
                    || hangs_under(before, raw_line, pending_indent, margin))
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
                pending_indent = indent(raw_line);
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
    unlabel_stray_numbers(&mut document);
    fold_contents(&mut document, &options.openers);
    label_numbered_paragraphs(&mut document);
    label_clauses(&mut document);
    Ok((document, joined))
}

/// Whether a line is a caption in full-width parentheses ("（目的）"), as
/// Japanese statutes set one above each article.
fn bracketed_caption(line: &str) -> bool {
    line.strip_prefix('\u{FF08}')
        .and_then(|l| l.strip_suffix('\u{FF09}'))
        .is_some_and(|inner| {
            !inner.is_empty()
                && inner.chars().count() <= 30
                && !inner.contains(['\u{FF08}', '\u{FF09}'])
        })
}

/// Which lines are inside a quotation that runs over several lines: after
/// a line that opens a quotation it does not close (`‘Article 5a`,
/// `"(3A) A harbour authority ...`), up to and with the line that closes
/// it at its end (`... for the closure."`, `... staff.’.`). A quotation not
/// closed before the next one opens, or within 200 lines, is none. Each
/// line is looked at a bounded number of times.
fn quoted_lines(raw: &[&str]) -> Vec<bool> {
    let mut quoted = vec![false; raw.len()];
    let mut at = 0;
    while at < raw.len() {
        if !opens_quotation(raw[at].trim()) {
            at += 1;
            continue;
        }
        let end = (at + 1..raw.len().min(at + 201)).find(|&k| {
            let line = raw[k].trim();
            opens_quotation(line) || closes_quotation(line)
        });
        match end {
            Some(k) if closes_quotation(raw[k].trim()) && !opens_quotation(raw[k].trim()) => {
                for q in &mut quoted[at + 1..=k] {
                    *q = true;
                }
                at = k + 1;
            }
            Some(k) => at = k,
            None => at += 1,
        }
    }
    quoted
}

/// Whether a line starts with a quotation mark it does not close.
fn opens_quotation(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(open) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    let closed = match open {
        '"' => rest.contains('"'),
        '\u{201C}' | '\u{201E}' => rest.contains(['\u{201D}', '\u{201C}']),
        '\u{00AB}' => rest.contains('\u{00BB}'),
        // A right single quotation mark before a letter is an apostrophe.
        '\u{2018}' | '\u{201A}' => rest
            .char_indices()
            .filter(|(_, c)| *c == '\u{2019}')
            .any(|(i, c)| !rest[i + c.len_utf8()..].starts_with(char::is_alphabetic)),
        _ => return false,
    };
    !closed
}

/// Whether a line ends a quotation: a closing quotation mark at its end,
/// before any punctuation that ends the amendment (`".`, `’;`, `”.`).
fn closes_quotation(line: &str) -> bool {
    line.trim_end_matches(['.', ';', ',', ':', ')'])
        .ends_with(['"', '\u{201D}', '\u{2019}', '\u{00BB}', '\u{201C}'])
}

/// A proposal marker line ("MOD", "MOD<TAB>AFCP/35A8/1", "ADD*  IAP/39A18/1"):
/// the marker and the reference, if any. The reference must be short and
/// contain a digit or a slash, so "ADD a new paragraph" is not a marker.
pub(crate) fn marker_line(line: &str) -> Option<(String, Option<String>)> {
    let line = line.trim();
    let (marker, rest) = match line.split_once(char::is_whitespace) {
        Some((m, r)) => (m, r.trim()),
        None => (line, ""),
    };
    // The forms contributions use: `(MOD)` for an editorial change, `ADD*`
    // and `SUP*` for a whole new or suppressed text.
    if !matches!(
        marker,
        "MOD" | "ADD" | "SUP" | "NOC" | "(MOD)" | "(ADD)" | "(SUP)" | "(NOC)" | "ADD*" | "SUP*"
    ) {
        return None;
    }
    if rest.is_empty() {
        return Some((marker.to_string(), None));
    }
    let reference_like = rest.split_whitespace().count() <= 4
        && rest.chars().any(|c| c.is_ascii_digit() || c == '/')
        && !crate::read::contribution::names_a_text(rest);
    reference_like.then(|| (marker.to_string(), Some(rest.to_string())))
}

/// Lines of one paragraph joined with a space, except after a hyphen that
/// wrapping broke a word at: a compound keeps its hyphen ("standards-" and
/// "making" join as "standards-making"), a word typesetting hyphenated
/// loses it ("ves-" and "sel" join as "vessel") when `hyphenation` shows
/// the text writing it whole elsewhere and never with that hyphen.
fn join_lines(pieces: &[&str], hyphenation: Option<&Hyphenation>) -> String {
    let mut out = String::new();
    for piece in pieces {
        let hyphen_break = out.ends_with('-')
            && !out.ends_with("--")
            && out[..out.len() - 1].ends_with(char::is_alphabetic)
            && piece.starts_with(char::is_alphabetic);
        if hyphen_break {
            let before = &out[..out.len() - 1];
            let start = before
                .char_indices()
                .rev()
                .take_while(|(_, c)| c.is_alphabetic())
                .last()
                .map_or(before.len(), |(i, _)| i);
            let end = piece
                .char_indices()
                .find(|(_, c)| !c.is_alphabetic())
                .map_or(piece.len(), |(i, _)| i);
            if hyphenation.is_some_and(|h| h.rejoins(&before[start..], &piece[..end])) {
                out.pop();
            }
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

/// The words a text writes whole and the ones it writes with a hyphen
/// inside, lower-cased: what tells a word typesetting hyphenated at a line
/// end from a compound wrapping broke at its own hyphen.
#[derive(Debug, Clone, Default)]
pub(crate) struct Hyphenation {
    whole: std::collections::HashSet<String>,
    hyphenated: std::collections::HashSet<String>,
}

impl Hyphenation {
    /// The words of `lines`; `None` when no line ends in a hyphen (no word
    /// can have been broken).
    fn of(lines: &[&str]) -> Option<Self> {
        if !lines.iter().any(|l| l.ends_with('-')) {
            return None;
        }
        let mut words = Hyphenation::default();
        for line in lines {
            for token in line.split(|c: char| !c.is_alphabetic() && c != '-') {
                let token = token.trim_matches('-');
                if token.is_empty() {
                    continue;
                }
                let lower = token.to_lowercase();
                if lower.contains('-') {
                    words.hyphenated.insert(lower);
                } else {
                    words.whole.insert(lower);
                }
            }
        }
        Some(words)
    }

    /// Whether `left`, a hyphen, a line end and `right` are one word the
    /// text writes whole elsewhere (alone or with a plural's `s`), and
    /// never with a hyphen there.
    fn rejoins(&self, left: &str, right: &str) -> bool {
        if left.is_empty() || right.is_empty() {
            return false;
        }
        let joined = format!("{left}{right}").to_lowercase();
        let compound = format!("{left}-{right}").to_lowercase();
        let written = |w: &str| self.whole.contains(w);
        !self.hyphenated.contains(&compound)
            && (written(&joined)
                || written(&format!("{joined}s"))
                || joined.strip_suffix('s').is_some_and(written))
    }
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
    /// Texts to share rather than copy.
    shared: SharedTexts,
    /// The words the text writes, to rejoin the ones wrapping hyphenated;
    /// `None` when no line ends in a hyphen.
    hyphenation: Option<Hyphenation>,
}

impl Builder {
    /// Adds a paragraph collected from lines (joined with a space).
    fn paragraph(&mut self, pending: Option<(Option<&str>, Vec<&str>)>) {
        let Some((label, pieces)) = pending else {
            return;
        };
        // A paragraph of one line is that line: a text of the base is not
        // copied only to be dropped.
        let text = match pieces.as_slice() {
            [line] => self.shared.text(line),
            _ => self
                .shared
                .text_from(join_lines(&pieces, self.hyphenation.as_ref())),
        };
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
        let text = join_lines(&[&opener.text, line], None);
        if openers.match_opener(&text).is_none() {
            return false;
        }
        opener.text = text.into();
        true
    }

    /// Starts a new section with this opener.
    pub(crate) fn opener(&mut self, opener: Paragraph) {
        self.started = true;
        let mut previous = std::mem::take(&mut self.current);
        if previous.opener.is_some() || !previous.paragraphs.is_empty() {
            // Held for the whole comparison: without the room grown into.
            previous.paragraphs.shrink_to_fit();
            self.sections.push(previous);
        }
        self.current.opener = Some(opener);
    }

    /// The document read so far.
    pub(crate) fn finish(mut self) -> Document {
        let mut last = std::mem::take(&mut self.current);
        if last.opener.is_some() || !last.paragraphs.is_empty() {
            last.paragraphs.shrink_to_fit();
            self.sections.push(last);
        }
        self.sections.shrink_to_fit();
        Document {
            sections: self.sections,
            metadata: self.metadata,
        }
    }
}
