//! Markdown with CriticMarkup.
//!
//! Headings are section openers, and so is a paragraph that reads as one
//! (`*considering*`). Paragraphs are paragraphs, with the same label
//! detection as plain text; list items are labelled paragraphs (`1.` as
//! written, `•` for bullets). Inline markup (emphasis, code, links) is
//! flattened to its text.
//!
//! CriticMarkup marks the proposer's own revisions: `{++ins++}`,
//! `{--del--}`, `{~~old~>new~~}`, `{==highlight==}` (kept as plain text)
//! and `{>>comment<<}` (dropped from the text, kept in the document's
//! notes). An unclosed marker is literal text. Markers must open and close
//! within one paragraph.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use synoptic_core::model::{original_of, result_of};
use synoptic_core::structure::{split_label, Openers};
use synoptic_core::{Change, ChangeKind, Document, Paragraph};

use super::text::{fold_contents, label_clauses, label_numbered_paragraphs, marker_line, Builder};
use super::{normalize_newlines, ReadError};

/// Options of the Markdown reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// The section openers recognised in paragraphs (headings are always
    /// openers).
    pub openers: Openers,
}

/// The bullet every unordered list item is labelled with.
const BULLET: &str = "\u{2022}";

/// Reads a Markdown document with CriticMarkup revisions.
///
/// Markdown has no invalid input, so this fails only on a NUL character
/// (a binary file given as Markdown).
pub fn read(text: &str, options: &MarkdownOptions) -> Result<Document, ReadError> {
    let text = normalize_newlines(text);
    let source = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    if let Some(pos) = source.find('\0') {
        let line = source[..pos].matches('\n').count() + 1;
        return Err(ReadError::Syntax {
            line,
            message: "contains a NUL character; is this a binary file?".to_string(),
        });
    }
    // Strikethrough stays off: `~~` belongs to CriticMarkup. Tables are
    // read row by row: a proposal adding a row to a schedule's table adds
    // a paragraph, not a change to one paragraph holding the whole table.
    let parser = Parser::new_ext(source, Options::ENABLE_TABLES).into_offset_iter();
    let mut reader = Reader {
        builder: Builder::default(),
        openers: &options.openers,
        buf: String::new(),
        lists: Vec::new(),
        numbered: Vec::new(),
        item_label: None,
        in_heading: false,
        cells: 0,
    };
    for (event, range) in parser {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                reader.flush();
                reader.in_heading = true;
            }
            Event::End(TagEnd::Heading(_)) => {
                reader.in_heading = false;
                let raw = std::mem::take(&mut reader.buf);
                reader.heading(&raw);
            }
            Event::Start(Tag::List(start)) => {
                reader.flush();
                reader.lists.push(start);
                reader.numbered.push(ListNumbers::default());
            }
            Event::End(TagEnd::List(_)) => {
                reader.flush();
                reader.lists.pop();
                reader.numbered.pop();
            }
            Event::Start(Tag::Item) => {
                reader.flush();
                let marker = source.get(range).unwrap_or("");
                let label = item_label(marker, reader.lists.last().copied());
                let label = match (reader.lists.last(), reader.numbered.last_mut()) {
                    (Some(Some(start)), Some(numbers)) => numbers.shown(label, *start),
                    _ => label,
                };
                reader.item_label = Some(label);
            }
            Event::End(TagEnd::Item) => {
                reader.flush();
                reader.item_label = None;
            }
            // One paragraph per row of a table, its cells apart as written.
            Event::Start(Tag::Table(_) | Tag::TableHead | Tag::TableRow)
            | Event::End(TagEnd::Table | TagEnd::TableHead | TagEnd::TableRow) => {
                reader.flush();
                reader.cells = 0;
            }
            Event::Start(Tag::TableCell) => {
                if reader.cells > 0 {
                    reader.buf.push_str(" | ");
                }
                reader.cells += 1;
            }
            Event::Start(
                Tag::Paragraph | Tag::BlockQuote(_) | Tag::CodeBlock(_) | Tag::HtmlBlock,
            ) => reader.flush(),
            Event::End(
                TagEnd::Paragraph | TagEnd::BlockQuote(_) | TagEnd::CodeBlock | TagEnd::HtmlBlock,
            ) => reader.flush(),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                reader.buf.push_str(&t);
            }
            // Comments are for authors, not text; other HTML is kept as
            // written, since it is what the author typed.
            Event::Html(t) | Event::InlineHtml(t) if !t.trim_start().starts_with("<!--") => {
                reader.buf.push_str(&t);
            }
            Event::SoftBreak | Event::HardBreak => reader.buf.push(' '),
            Event::Rule => reader.flush(),
            Event::FootnoteReference(t) => {
                reader.buf.push_str("[^");
                reader.buf.push_str(&t);
                reader.buf.push(']');
            }
            Event::TaskListMarker(done) => reader.buf.push_str(if done { "[x] " } else { "[ ] " }),
            _ => {}
        }
    }
    reader.flush();
    let mut document = reader.builder.finish();
    fold_contents(&mut document, &options.openers);
    label_numbered_paragraphs(&mut document);
    label_clauses(&mut document);
    Ok(document)
}

/// The label of a list item from its source: "3." or "3)" as written for
/// an ordered item (its number from the list start when the source does not
/// show one), the bullet otherwise.
fn item_label(source: &str, list: Option<Option<u64>>) -> String {
    let s = source.trim_start();
    if let Some(Some(start)) = list {
        let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
        let delim = s[digits.len()..].chars().next();
        return match delim {
            Some(d @ ('.' | ')')) if !digits.is_empty() => format!("{digits}{d}"),
            _ => format!("{start}."),
        };
    }
    BULLET.to_string()
}

/// The numbers an ordered list's items were written with so far: what
/// tells a list numbered "1. 1. 1." for the renderer to count (as
/// CommonMark does) from one numbered by its author.
#[derive(Default)]
struct ListNumbers {
    items: u64,
    /// The first item's label, while every item repeats it.
    repeated: Option<String>,
}

impl ListNumbers {
    /// The label an item shows: as written, except in a list whose items
    /// all repeat the first one's number, where the renderer counts them
    /// from the list's start ("1.", "1.", "1." show 1, 2, 3).
    fn shown(&mut self, written: String, start: u64) -> String {
        self.items += 1;
        if self.items == 1 {
            self.repeated = Some(written.clone());
            return written;
        }
        if self.repeated.as_deref() != Some(written.as_str()) {
            self.repeated = None;
            return written;
        }
        let delim = if written.ends_with(')') { ')' } else { '.' };
        format!("{}{delim}", start.saturating_add(self.items - 1))
    }
}

/// The state of one Markdown read.
struct Reader<'o> {
    builder: Builder,
    openers: &'o Openers,
    /// Inline text of the block being read, markup flattened.
    buf: String,
    /// Open lists: `Some(start)` for ordered ones.
    lists: Vec<Option<u64>>,
    /// How the items of each open list are numbered so far.
    numbered: Vec<ListNumbers>,
    /// The label of the list item whose first paragraph is still to come.
    item_label: Option<String>,
    in_heading: bool,
    /// The cells of the table row being read so far.
    cells: usize,
}

impl Reader<'_> {
    /// Ends the block being read, if it has text, as a paragraph or opener.
    fn flush(&mut self) {
        if self.in_heading {
            return;
        }
        let raw = std::mem::take(&mut self.buf);
        let raw = raw.trim();
        if raw.is_empty() {
            return;
        }
        let critic = parse_critic(raw);
        for note in &critic.notes {
            self.builder.note(note.clone());
        }
        let item_label = self.item_label.take();
        if item_label.is_none() {
            let new_text = result_of(&critic.changes);
            let probe = if new_text.trim().is_empty() {
                original_of(&critic.changes)
            } else {
                new_text
            };
            if self.builder.expects_marker() && !critic.has_revision() {
                if let Some((marker, reference)) = marker_line(&probe) {
                    self.builder.set_marker(marker, reference);
                    return;
                }
            }
            if let Some(m) = self.openers.match_opener(&probe) {
                // A legislative heading running on into its section's first
                // paragraph ("Section 1. This Act ..."): split when the
                // proposer's own changes do not straddle the two.
                if let Some(body) = m.body.filter(|_| !critic.has_revision()) {
                    self.builder.opener(Paragraph::new(m.text));
                    self.builder.push(labelled(parse_critic(&body), None));
                    return;
                }
                self.builder.opener(labelled(critic, None));
                return;
            }
        }
        self.builder.push(labelled(critic, item_label));
    }

    /// A heading: always an opener.
    fn heading(&mut self, raw: &str) {
        let raw = raw.trim();
        let critic = parse_critic(raw);
        for note in &critic.notes {
            self.builder.note(note.clone());
        }
        if critic.changes.is_empty() {
            return;
        }
        // "I Programme 1: ..." keeps its label apart; other headings are
        // kept whole ("1. Scope" is a title, not a list item).
        let new_text = result_of(&critic.changes);
        let labelled_heading = self
            .openers
            .match_opener(&new_text)
            .is_some_and(|m| m.label.is_some());
        let opener = if labelled_heading {
            labelled(critic, None)
        } else {
            paragraph_of(critic.changes)
        };
        self.builder.opener(opener);
    }
}

/// A paragraph from changes without looking for a label.
fn paragraph_of(changes: Vec<Change>) -> Paragraph {
    let text = result_of(&changes);
    let has_revision = changes.iter().any(|c| c.kind != ChangeKind::Equal);
    Paragraph {
        text: text.into(),
        revision: has_revision.then_some(changes),
        ..Paragraph::default()
    }
}

/// A paragraph from CriticMarkup, with its label: `item_label` for a list
/// item (unless a bullet item's text has a label of its own), otherwise the
/// label at the start of the text. A label the proposer changed (`{--b)--}{++c)++}`)
/// becomes `label` and `former_label`.
fn labelled(critic: Critic, item_label: Option<String>) -> Paragraph {
    let changes = critic.changes;
    let new_text = result_of(&changes);
    let old_text = original_of(&changes);
    let new_split =
        split_label(&new_text).map(|(l, rest)| (l.to_string(), new_text.len() - rest.len()));
    let old_split =
        split_label(&old_text).map(|(l, rest)| (l.to_string(), old_text.len() - rest.len()));
    let use_text_labels = match &item_label {
        None => true,
        Some(l) => l == BULLET && (new_split.is_some() || old_split.is_some()),
    };
    if !use_text_labels {
        return Paragraph {
            label: item_label,
            ..paragraph_of(changes)
        };
    }
    let deleted_whole = new_text.trim().is_empty();
    let (new_label, new_cut) = new_split.unwrap_or_default();
    let (old_label, old_cut) = old_split.unwrap_or_default();
    let Some(stripped) = strip_prefixes(&changes, new_cut, old_cut) else {
        // The label's cut falls inside a change in a way we cannot split;
        // keep the text whole rather than guess.
        return Paragraph {
            label: item_label,
            ..paragraph_of(changes)
        };
    };
    let mut p = paragraph_of(stripped);
    let new_label = (!new_label.is_empty()).then_some(new_label);
    let old_label = (!old_label.is_empty()).then_some(old_label);
    if deleted_whole {
        p.label = old_label;
    } else {
        // A label the proposer changed, even when the text is untouched
        // ("{--b)--}{++c)++}" alone), is still a revision of the label.
        if old_label.is_some() && old_label != new_label {
            p.former_label = old_label;
        }
        p.label = new_label;
    }
    if p.label.is_none() && p.former_label.is_none() {
        p.label = item_label;
    }
    p
}

/// Drops the first `new_cut` bytes of the new side (equal and insert) and
/// the first `old_cut` bytes of the old side (equal and delete) from a
/// list of changes. Where one side must lose more of an equal run than the
/// other, the extra becomes a deletion or insertion of the other side, so
/// both sides still spell their text. `None` if a cut is not on a character
/// boundary.
fn strip_prefixes(changes: &[Change], new_cut: usize, old_cut: usize) -> Option<Vec<Change>> {
    let mut new_left = new_cut;
    let mut old_left = old_cut;
    let mut out: Vec<Change> = Vec::new();
    for c in changes {
        let text = c.text.as_str();
        match c.kind {
            ChangeKind::Insert => {
                let cut = new_left.min(text.len());
                new_left -= cut;
                push_change(&mut out, ChangeKind::Insert, text.get(cut..)?);
            }
            ChangeKind::Delete => {
                let cut = old_left.min(text.len());
                old_left -= cut;
                push_change(&mut out, ChangeKind::Delete, text.get(cut..)?);
            }
            ChangeKind::Equal => {
                let both = new_left.min(old_left).min(text.len());
                let mut rest = text.get(both..)?;
                new_left -= both;
                old_left -= both;
                if new_left > 0 && !rest.is_empty() {
                    // Only the new side loses this: the old side keeps it.
                    let cut = new_left.min(rest.len());
                    push_change(&mut out, ChangeKind::Delete, rest.get(..cut)?);
                    new_left -= cut;
                    rest = rest.get(cut..)?;
                } else if old_left > 0 && !rest.is_empty() {
                    let cut = old_left.min(rest.len());
                    push_change(&mut out, ChangeKind::Insert, rest.get(..cut)?);
                    old_left -= cut;
                    rest = rest.get(cut..)?;
                }
                push_change(&mut out, ChangeKind::Equal, rest);
            }
        }
    }
    Some(out)
}

/// Appends a change, merging it into the previous one of the same kind and
/// skipping empty text.
fn push_change(out: &mut Vec<Change>, kind: ChangeKind, text: &str) {
    if text.is_empty() {
        return;
    }
    match out.last_mut() {
        Some(last) if last.kind == kind => last.text.push_str(text),
        _ => out.push(Change::new(kind, text)),
    }
}

/// A paragraph's text split into CriticMarkup changes.
#[derive(Debug, Default, PartialEq)]
struct Critic {
    /// Equal, insert and delete runs in order (highlights are equal text).
    changes: Vec<Change>,
    /// The comments, trimmed.
    notes: Vec<String>,
}

impl Critic {
    /// True when the text carries an insertion or deletion.
    fn has_revision(&self) -> bool {
        self.changes.iter().any(|c| c.kind != ChangeKind::Equal)
    }
}

/// Splits text into CriticMarkup changes. An opening marker without its
/// closing one is literal text.
fn parse_critic(text: &str) -> Critic {
    let mut critic = Critic::default();
    let mut rest = text;
    while !rest.is_empty() {
        let Some(pos) = rest.find('{') else {
            push_change(&mut critic.changes, ChangeKind::Equal, rest);
            break;
        };
        push_change(&mut critic.changes, ChangeKind::Equal, &rest[..pos]);
        let at = &rest[pos..];
        match critic_span(at) {
            Some((span, len)) => {
                match span {
                    Span::Insert(t) => push_change(&mut critic.changes, ChangeKind::Insert, t),
                    Span::Delete(t) => push_change(&mut critic.changes, ChangeKind::Delete, t),
                    Span::Substitute(old, new) => {
                        push_change(&mut critic.changes, ChangeKind::Delete, old);
                        push_change(&mut critic.changes, ChangeKind::Insert, new);
                    }
                    Span::Highlight(t) => push_change(&mut critic.changes, ChangeKind::Equal, t),
                    Span::Comment(t) => {
                        let t = t.trim();
                        if !t.is_empty() {
                            critic.notes.push(t.to_string());
                        }
                    }
                }
                rest = &at[len..];
            }
            None => {
                push_change(&mut critic.changes, ChangeKind::Equal, "{");
                rest = &at[1..];
            }
        }
    }
    critic
}

/// One CriticMarkup span.
enum Span<'a> {
    Insert(&'a str),
    Delete(&'a str),
    Substitute(&'a str, &'a str),
    Highlight(&'a str),
    Comment(&'a str),
}

/// The CriticMarkup span at the start of `at` (which starts with `{`) and
/// its length in bytes, if it is one and is closed.
fn critic_span(at: &str) -> Option<(Span<'_>, usize)> {
    let (open, close) = [
        ("{++", "++}"),
        ("{--", "--}"),
        ("{~~", "~~}"),
        ("{==", "==}"),
        ("{>>", "<<}"),
    ]
    .into_iter()
    .find(|(open, _)| at.starts_with(open))?;
    let body_start = open.len();
    let end = at.get(body_start..)?.find(close)? + body_start;
    let body = at.get(body_start..end)?;
    let len = end + close.len();
    let span = match open {
        "{++" => Span::Insert(body),
        "{--" => Span::Delete(body),
        "{~~" => {
            let (old, new) = body.split_once("~>")?;
            Span::Substitute(old, new)
        }
        "{==" => Span::Highlight(body),
        _ => Span::Comment(body),
    };
    Some((span, len))
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn md(text: &str) -> Document {
        read(text, &MarkdownOptions::default()).unwrap()
    }

    #[test]
    fn critic_spans() {
        let c = parse_critic("Rev. {~~Busan, 2014~>Dubai, 2018~~} and {++new ++}{--old --}end");
        assert_eq!(
            c.changes,
            vec![
                Change::equal("Rev. "),
                Change::delete("Busan, 2014"),
                Change::insert("Dubai, 2018"),
                Change::equal(" and "),
                Change::insert("new "),
                Change::delete("old "),
                Change::equal("end"),
            ]
        );
        let c = parse_critic("a {==b==}{>> why? <<} c");
        assert_eq!(c.changes, vec![Change::equal("a b c")]);
        assert_eq!(c.notes, vec!["why?"]);
        assert!(!c.has_revision());
    }

    #[test]
    fn unclosed_markers_are_literal() {
        for text in [
            "{++ open", "{~~a~~}", "{--", "{", "x{>>", "{~~a~>b", "{{++a++}",
        ] {
            let c = parse_critic(text);
            // Never loses text that is not markup.
            let spelled: String = c.changes.iter().map(|ch| ch.text.as_str()).collect();
            if !c.has_revision() {
                assert_eq!(spelled, text, "{text:?}");
            }
        }
        let c = parse_critic("{{++a++}");
        assert_eq!(c.changes, vec![Change::equal("{"), Change::insert("a")]);
    }

    #[test]
    fn a_table_is_a_paragraph_per_row() {
        let doc = md("### 4. Exceptions\n\n\
                      | Ground | Reference |\n\
                      | --- | --- |\n\
                      | National security | section 12 of the {++State ++}Security Act |\n\
                      | Personal data | the Data Protection Act |\n\n\
                      Nothing in this section limits section 5.\n");
        let section = doc.sections.last().unwrap();
        let texts: Vec<String> = section
            .paragraphs
            .iter()
            .map(|p| p.text.to_string())
            .collect();
        assert_eq!(
            texts,
            [
                "Ground | Reference",
                "National security | section 12 of the State Security Act",
                "Personal data | the Data Protection Act",
                "Nothing in this section limits section 5.",
            ]
        );
        // The proposer's own revision in a cell is kept as theirs.
        assert!(section.paragraphs[1].revision.is_some());
    }

    #[test]
    fn headings_paragraphs_and_lists() {
        let doc = md("**RESOLUTION 9**\n\n\
                      # considering\n\n\
                      a)\tthat *one* is `one`;\n\n\
                      b) that [two](http://x) is two;\n\n\
                      *resolves*\n\n\
                      1. to do this;\n\
                      2. to do that:\n   - first\n   - second\n\
                      3) restart\n");
        let outline: Vec<String> = doc
            .sections
            .iter()
            .flat_map(|s| {
                std::iter::once(format!(
                    "# {}",
                    s.opener.as_ref().map_or("-", |o| o.text.as_str())
                ))
                .chain(
                    s.paragraphs
                        .iter()
                        .map(|p| format!("{}|{}", p.label.as_deref().unwrap_or(""), p.text)),
                )
            })
            .collect();
        assert_eq!(
            outline,
            [
                "# -",
                "|RESOLUTION 9",
                "# considering",
                "a)|that one is one;",
                "b)|that two is two;",
                "# resolves",
                "1.|to do this;",
                "2.|to do that:",
                "\u{2022}|first",
                "\u{2022}|second",
                "3)|restart",
            ]
        );
    }

    #[test]
    fn acts_read_by_their_headings() {
        let text = "REGULATION OF THE HARBOUR COUNCIL\n\n\
                    Whereas:\n\n\
                    (1) Inland harbours need common safety rules.\n\n\
                    (2) Those rules should apply from {~~2031~>2032~~}.\n\n\
                    HAVE ADOPTED THIS REGULATION:\n\n\
                    ## Article 1\n\n\
                    Subject matter\n\n\
                    1. This Regulation lays down safety rules.\n\
                    2. It applies to every harbour.\n\n\
                    Article 2 This Regulation shall enter into force on the day after its \
                    publication.\n";
        let options = MarkdownOptions {
            openers: Openers::for_tradition(synoptic_core::structure::Tradition::Act, None),
        };
        let doc = read(text, &options).unwrap();
        let outline: Vec<String> = doc
            .sections
            .iter()
            .flat_map(|s| {
                std::iter::once(format!(
                    "# {}",
                    s.opener.as_ref().map_or("-", |o| o.text.as_str())
                ))
                .chain(
                    s.paragraphs
                        .iter()
                        .map(|p| format!("{}|{}", p.label.as_deref().unwrap_or(""), p.text)),
                )
            })
            .collect();
        assert_eq!(
            outline,
            [
                "# -",
                "|REGULATION OF THE HARBOUR COUNCIL",
                "# Whereas:",
                "(1)|Inland harbours need common safety rules.",
                "(2)|Those rules should apply from 2032.",
                "# HAVE ADOPTED THIS REGULATION:",
                "# Article 1",
                "|Subject matter",
                "1.|This Regulation lays down safety rules.",
                "2.|It applies to every harbour.",
                "# Article 2",
                "|This Regulation shall enter into force on the day after its publication.",
            ]
        );
    }

    #[test]
    fn revisions_inserted_deleted_modified() {
        let doc = md("considering\n\n\
                      {++a)\tthat a new paragraph;++}\n\n\
                      {--b)--}{++c)++}\tthat Resolution 1 (Rev. {~~Busan, 2014~>Dubai, 2018~~});\n\n\
                      {--d)\tthat an old paragraph;--}\n\n\
                      e)\tthat nothing changes;\n");
        let ps = &doc.sections[0].paragraphs;
        assert_eq!(ps.len(), 4);
        assert!(ps[0].is_inserted_by_revision());
        assert_eq!(ps[0].label.as_deref(), Some("a)"));
        assert_eq!(ps[0].text, "that a new paragraph;");
        assert_eq!(ps[1].label.as_deref(), Some("c)"));
        assert_eq!(ps[1].former_label.as_deref(), Some("b)"));
        assert_eq!(ps[1].text, "that Resolution 1 (Rev. Dubai, 2018);");
        assert_eq!(
            ps[1].original_text(),
            "that Resolution 1 (Rev. Busan, 2014);"
        );
        assert!(ps[2].is_deleted_by_revision());
        assert_eq!(ps[2].label.as_deref(), Some("d)"));
        assert_eq!(ps[2].text, "");
        assert_eq!(ps[2].original_text(), "that an old paragraph;");
        assert_eq!(ps[3].revision, None);
    }

    #[test]
    fn heading_with_revision_and_comment_note() {
        let doc = md("## {~~taking into account~>recognizing further~~}\n\n\
                      a)\tthat x {>>APT asks why<<};\n");
        let o = doc.sections[0].opener.as_ref().unwrap();
        assert_eq!(o.text, "recognizing further");
        assert_eq!(o.original_text(), "taking into account");
        assert_eq!(doc.metadata.notes, vec!["APT asks why"]);
        assert_eq!(doc.sections[0].paragraphs[0].text, "that x ;");
    }

    #[test]
    fn strip_prefix_moves_extra_to_the_other_side() {
        // Old "b)\tX", new "bb)\tX": the new label is one byte longer.
        let changes = vec![
            Change::equal("b"),
            Change::insert("b"),
            Change::equal(")\tX"),
        ];
        let out = strip_prefixes(&changes, 4, 3).unwrap();
        assert_eq!(out, vec![Change::equal("X")]);
        // A cut that only the new side makes inside an equal run.
        let out = strip_prefixes(&[Change::equal("a) X")], 3, 0).unwrap();
        assert_eq!(result_of(&out), "X");
        assert_eq!(original_of(&out), "a) X");
    }

    #[test]
    fn marker_paragraph_is_metadata() {
        let doc = md("MOD\tAFCP/35A8/1\n\n# considering\n\nMOD 2\n");
        assert_eq!(doc.metadata.marker.as_deref(), Some("MOD"));
        assert_eq!(doc.metadata.reference.as_deref(), Some("AFCP/35A8/1"));
        assert_eq!(doc.sections[0].paragraphs[0].text, "MOD 2");
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "#",
            "- ",
            "1.",
            "{++",
            "> {--x--}",
            "```\n{++a++}\n```",
            "<!-- c -->",
            "# {--considering--}",
            "{--a)--}",
            "{++\n\npara\n\n++}",
            "* * *",
            "\u{FEFF}x",
            "1) {~~a)~>b)~~} x",
            "- a)\t{++x++}",
        ] {
            let _ = md(text);
        }
        assert!(read("a\0b", &MarkdownOptions::default()).is_err());
    }

    #[test]
    fn examples_read() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/resolution-md");
        for name in ["base", "afr", "cept"] {
            let path = dir.join(format!("{name}.md"));
            let bytes = std::fs::read(&path).unwrap();
            let text = super::super::decode(&bytes).unwrap();
            let doc = read(&text, &MarkdownOptions::default()).unwrap();
            insta::assert_json_snapshot!(format!("markdown_{name}"), doc);
        }
    }

    #[test]
    fn a_list_numbered_one_one_one_counts_as_it_is_shown() {
        let doc = read(
            "1. first\n1. second\n1. third\n\n3) three\n3) four\n\n1. one\n2. two\n4. four\n",
            &MarkdownOptions::default(),
        )
        .unwrap();
        let labels: Vec<&str> = doc.sections[0]
            .paragraphs
            .iter()
            .filter_map(|p| p.label.as_deref())
            .collect();
        // A list written with its own numbers keeps them, gaps included.
        assert_eq!(labels, ["1.", "2.", "3.", "3)", "4)", "1.", "2.", "4."]);
    }
}
