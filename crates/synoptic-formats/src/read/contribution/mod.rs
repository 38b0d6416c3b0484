//! Contribution documents, as a regional group submits them to an
//! assembly: a cover (`Addendum 8 to Document 35-E`, the group, a title),
//! an abstract, then proposals. Each proposal starts with a line `ACTION
//! NUMBER` (`MOD AFCP/35A8/1`; ACTION one of `MOD`, `(MOD)`, `ADD`, `ADD*`,
//! `SUP`, `SUP*`, `NOC`; the number may be missing), then the title line
//! of the text it concerns (`RESOLUTION 44 (Rev. Hammamet, 2016)`), the
//! text as the proposer wants it (in Word, with tracked changes against
//! the text in force, kept as the proposer's own changes), and a `Reasons:`
//! paragraph that ends it.
//!
//! The parser works on the paragraphs the ordinary readers give (text,
//! Markdown, Word), so the three formats share it. The Word and text
//! readers take a document's first marker line as the document's marker
//! (its metadata), and the Word reader takes later ones with a number as
//! notes (`marker MOD AFCP/35A8/2`) rather than paragraphs: those markers
//! are given, in order, to the proposals whose title line has no marker
//! line before it.

mod cover;
mod lines;
mod marker;
mod title;

use std::collections::VecDeque;

use synoptic_core::{Change, Document, Paragraph, Section};

pub use cover::Cover;
pub use marker::{names_a_text, proposal_number, Action, Marker};
pub use title::TextTitle;

use lines::{
    drop_prefix, is_after_proposals, is_end_line, line_of, pipe_rows_as_lines, reasons_of,
    separate_layout_lines, without_bookmarks,
};
use marker::lone_number;

use super::auto::{self, AutoOptions};
use super::ReadError;

/// One proposal of a contribution.
#[derive(Debug, Clone, PartialEq)]
pub struct Proposal {
    /// Its action and number.
    pub marker: Marker,
    /// The title line of the text it concerns.
    pub title: TextTitle,
    /// The text as the proposer wants it, title line first, with the
    /// proposer's own tracked changes; its metadata holds the action, the
    /// number, the contribution's document and the reasons.
    pub document: Document,
    /// The proposer's reasons (the `Reasons:` paragraph), when given.
    pub reasons: Option<String>,
}

/// A proposal that could not be read: no title line after its marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    /// Its marker.
    pub marker: Marker,
    /// Its place among the document's proposals, from 1: what names it
    /// when it has no number.
    pub ordinal: usize,
    /// Why it could not be read.
    pub reason: String,
}

/// A contribution document, read.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    /// What the cover says.
    pub cover: Cover,
    /// The proposals, in document order.
    pub proposals: Vec<Proposal>,
    /// Proposals whose text could not be told.
    pub unreadable: Vec<Unreadable>,
}

/// Reads a contribution from the bytes of a file named `name` (text,
/// Markdown or Word, by name and content as [`auto::document`] tells).
pub fn read(name: &str, bytes: &[u8], options: &AutoOptions) -> Result<Contribution, ReadError> {
    let document = if auto::is_word(name, bytes, options.format) {
        auto::document(name, bytes, options)?
    } else {
        let text = auto::decode_text(bytes, options)?;
        let untabled = pipe_rows_as_lines(&text);
        let separated = separate_layout_lines(&untabled);
        match auto::document(name, separated.as_bytes(), options) {
            Ok(document) => document,
            // The error of the file as it is, whose line numbers are the
            // user's.
            Err(_) => auto::document(name, text.as_bytes(), options)?,
        }
    };
    from_document(&document)
}

/// Reads a contribution from a document an ordinary reader produced.
pub fn from_document(document: &Document) -> Result<Contribution, ReadError> {
    let mut parser = Parser::new(document);
    for section in &document.sections {
        if let Some(opener) = &section.opener {
            parser.item(opener, true);
        }
        for paragraph in &section.paragraphs {
            parser.item(paragraph, false);
        }
    }
    parser.finish()
}

/// Where the parser is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Before the first proposal.
    Cover,
    /// After a marker line, looking for the title line.
    Title,
    /// In a proposal's text.
    Text,
    /// After a `Reasons:` line with nothing after its colon.
    Reasons,
    /// After a proposal, before the next marker.
    Between,
    /// In a proposal that could not be read, until its end.
    Skipping,
}

/// A proposal being read.
struct Open {
    marker: Marker,
    title: TextTitle,
    sections: Vec<Section>,
    reasons: Option<String>,
}

impl Open {
    /// Joins to the title line the revision it cites when that stands on
    /// the next line (`RESOLUTION 44` then `(Rev. Hammamet, 2016)`), as the
    /// text in force has it on one line. Returns whether it did.
    fn continue_title(&mut self, paragraph: &Paragraph, line: &str) -> bool {
        if paragraph.label.is_some() {
            return false;
        }
        let lower = line.to_lowercase();
        let revision = lower.starts_with("(rev") || lower.starts_with("(rév");
        let [Section {
            opener: None,
            paragraphs,
        }] = self.sections.as_mut_slice()
        else {
            return false;
        };
        let [title] = paragraphs.as_mut_slice() else {
            return false;
        };
        // Or the rest of a revision the line break cut (`RESOLUTION 44 (Rev.`
        // then `Hammamet, 2016)`).
        let unclosed = title.text.matches('(').count() > title.text.matches(')').count();
        let rest = unclosed && line.contains(')') && line.chars().count() <= 40;
        if !(revision && !title.text.contains('(') || rest) {
            return false;
        }
        if title.revision.is_some() || paragraph.revision.is_some() {
            let own = |p: &Paragraph| {
                p.revision
                    .clone()
                    .unwrap_or_else(|| vec![Change::equal(p.text.clone())])
            };
            let mut changes = own(title);
            changes.push(Change::equal(" "));
            changes.extend(own(paragraph));
            title.revision = Some(changes);
        }
        title.text = format!("{} {}", title.text, paragraph.text.trim()).into();
        if let Some(joined) = TextTitle::parse(&title.text) {
            self.title = joined;
        }
        true
    }
}

struct Parser {
    state: State,
    /// Markers the reader took out of the text, in order.
    hidden: VecDeque<Marker>,
    /// The marker line just read, waiting for its title.
    pending: Option<Marker>,
    /// A proposal number read alone, for the next marker taken out of the
    /// text that has none (Word puts `ADD*` and `IAP/44/3` on two lines).
    loose: Option<String>,
    cover: Vec<String>,
    open: Option<Open>,
    proposals: Vec<Proposal>,
    unreadable: Vec<Unreadable>,
}

impl Parser {
    fn new(document: &Document) -> Parser {
        let mut hidden = VecDeque::new();
        if let Some(written) = &document.metadata.marker {
            let line = match &document.metadata.reference {
                Some(number) => format!("{written} {number}"),
                None => written.clone(),
            };
            hidden.extend(Marker::parse(&line));
        }
        hidden.extend(
            document
                .metadata
                .notes
                .iter()
                .filter_map(|n| n.strip_prefix("marker "))
                .filter_map(Marker::parse),
        );
        Parser {
            state: State::Cover,
            hidden,
            pending: None,
            loose: None,
            cover: Vec::new(),
            open: None,
            proposals: Vec::new(),
            unreadable: Vec::new(),
        }
    }

    /// Takes the next paragraph (or opener) of the document.
    fn item(&mut self, paragraph: &Paragraph, opener: bool) {
        let paragraph = &without_bookmarks(paragraph);
        let whole = line_of(paragraph);
        let mut line = whole.trim();
        // A label alone on the line before a marker (an `a)` left over
        // from a list) is read as that marker's label: the marker still
        // opens its proposal (found by the layout property test).
        let text = paragraph.text.trim();
        if paragraph.label.is_some()
            && (Marker::parse(text).is_some() || Marker::parse_with_title(text).is_some())
        {
            line = text;
        }
        if paragraph.label.is_none() || !opener {
            if let Some(marker) = Marker::parse(line) {
                self.next_marker(marker);
                self.state = State::Title;
                return;
            }
            // The action and the title on one line (`MOD  RESOLUTION 44
            // (Rev. Hammamet, 2016)`).
            if let Some((marker, title)) = Marker::parse_with_title(line) {
                self.next_marker(marker);
                let text = &paragraph.text;
                let start = text.len() - text.trim_start().len();
                let at = text[start..]
                    .find(char::is_whitespace)
                    .map(|i| start + i)
                    .and_then(|i| Some(i + text[i..].find(title.line.split(' ').next()?)?));
                let title_paragraph = match at {
                    Some(at) => drop_prefix(paragraph, at),
                    None => Paragraph::new(title.line.clone()),
                };
                if let Some(marker) = self.pending.take() {
                    self.start(marker, title, &title_paragraph);
                }
                return;
            }
        }
        match self.state {
            State::Cover | State::Between => {
                // A title line without a marker line before it: its marker
                // is one the reader took out of the text.
                if !self.hidden.is_empty() {
                    let title =
                        TextTitle::parse_capitals(line).or_else(|| TextTitle::parse_alone(line));
                    if let Some(title) = title {
                        if let Some(mut marker) = self.hidden.pop_front() {
                            if marker.number.is_none() {
                                marker.number = self.loose.take();
                            }
                            self.loose = None;
                            self.start(marker, title, paragraph);
                            return;
                        }
                    }
                    // The number of a marker the reader took out, left on
                    // a line of its own.
                    if let Some(number) = lone_number(line) {
                        self.loose = Some(number);
                        return;
                    }
                }
                // Reasons with no proposal open end a proposal whose title
                // line was missing: its marker is the next one taken out.
                if reasons_of(line).is_some() {
                    if let Some(marker) = self.hidden.pop_front() {
                        self.unreadable(
                            marker,
                            "no title line (such as RESOLUTION 44) before its reasons",
                        );
                        self.state = State::Between;
                        return;
                    }
                }
                if self.state == State::Cover && !line.is_empty() {
                    self.cover.push(line.to_string());
                }
            }
            State::Title => {
                if line.is_empty() {
                    return;
                }
                // The number on the line after the action (Word tables put
                // them in two cells).
                if let Some(marker) = self.pending.as_mut().filter(|m| m.number.is_none()) {
                    if let Some(number) = proposal_number(line) {
                        marker.number = Some(number);
                        return;
                    }
                }
                let Some(marker) = self.pending.take() else {
                    self.state = State::Between;
                    return;
                };
                match TextTitle::parse(line) {
                    Some(title) => self.start(marker, title, paragraph),
                    None => {
                        let shown: String = line.chars().take(60).collect();
                        self.unreadable(
                            marker,
                            &format!(
                                "no title line (such as RESOLUTION 44) after its marker; found \"{shown}\""
                            ),
                        );
                        self.state = State::Skipping;
                    }
                }
            }
            State::Text => {
                if is_end_line(line) {
                    self.close();
                    return;
                }
                if let Some(open) = &mut self.open {
                    if open.continue_title(paragraph, line) {
                        return;
                    }
                }
                if let Some(reasons) = reasons_of(line) {
                    if let Some(open) = &mut self.open {
                        open.reasons = Some(reasons.to_string()).filter(|r| !r.is_empty());
                    }
                    if reasons.is_empty() {
                        self.state = State::Reasons;
                    } else {
                        self.close();
                    }
                    return;
                }
                // A proposal without reasons, then the next one's title
                // whose marker the reader took out: only a whole text's
                // title in capitals (not an annex or an article, which a
                // text holds) naming another text starts it.
                if !self.hidden.is_empty() {
                    let next = TextTitle::parse_capitals(line)
                        .filter(|_| TextTitle::parse_alone(line).is_some())
                        .filter(|t| {
                            matches!(t.keyword, "resolution" | "recommendation" | "question")
                        })
                        .filter(|t| {
                            self.open
                                .as_ref()
                                .is_some_and(|o| o.title.match_key() != t.match_key())
                        });
                    if next.is_some() {
                        self.close();
                        self.item(paragraph, opener);
                        return;
                    }
                }
                if let Some(open) = &mut self.open {
                    push(&mut open.sections, paragraph, opener);
                }
            }
            State::Reasons => {
                if line.is_empty() {
                    return;
                }
                // Empty reasons, then the end line, what follows the
                // proposals (an annex, an attachment), or the next
                // proposal's number whose action the reader took out.
                if is_end_line(line) || is_after_proposals(line) {
                    self.close();
                    return;
                }
                if let Some(number) = lone_number(line).filter(|_| !self.hidden.is_empty()) {
                    self.close();
                    self.loose = Some(number);
                    return;
                }
                // Or the next proposal's title, its marker taken out.
                let titled = TextTitle::parse_capitals(line).is_some()
                    || TextTitle::parse_alone(line).is_some();
                if titled && !self.hidden.is_empty() {
                    self.close();
                    self.item(paragraph, opener);
                    return;
                }
                if let Some(open) = &mut self.open {
                    open.reasons = Some(line.to_string());
                }
                self.close();
            }
            State::Skipping => {
                if reasons_of(line).is_some() {
                    self.state = State::Between;
                }
            }
        }
    }

    /// Ends what was open before a new marker: the open proposal, and a
    /// marker still waiting for its title (reported).
    fn next_marker(&mut self, marker: Marker) {
        self.close();
        if let Some(previous) = self.pending.take() {
            self.unreadable(previous, "no title line after its marker");
        }
        self.pending = Some(marker);
    }

    /// Opens a proposal at its title line.
    fn start(&mut self, marker: Marker, title: TextTitle, paragraph: &Paragraph) {
        // The title line belongs to the text's preamble, whatever style
        // (a heading, a label) the document gave it.
        // A line break inside the title (Word's soft break) is a space: the
        // text in force has the title on one line.
        let one_line = |text: &str| text.replace(['\n', '\r', '\u{2028}'], " ");
        let title_paragraph = Paragraph {
            label: None,
            former_label: None,
            text: one_line(&paragraph.text).into(),
            revision: paragraph.revision.as_ref().map(|changes| {
                changes
                    .iter()
                    .map(|c| Change {
                        text: one_line(c.text.as_str()).into(),
                        ..c.clone()
                    })
                    .collect()
            }),
        };
        self.open = Some(Open {
            marker,
            title,
            sections: vec![Section {
                opener: None,
                paragraphs: vec![title_paragraph],
            }],
            reasons: None,
        });
        self.state = State::Text;
    }

    /// Ends the open proposal, if any.
    fn close(&mut self) {
        if let Some(open) = self.open.take() {
            let mut document = Document {
                sections: open.sections,
                ..Document::default()
            };
            document
                .sections
                .retain(|s| s.opener.is_some() || !s.paragraphs.is_empty());
            document.metadata.marker = Some(open.marker.action.as_str().to_string());
            document.metadata.reference = open.marker.number.clone();
            document.metadata.reasons = open.reasons.clone();
            self.proposals.push(Proposal {
                marker: open.marker,
                title: open.title,
                document,
                reasons: open.reasons,
            });
        }
        self.state = State::Between;
    }

    fn unreadable(&mut self, marker: Marker, reason: &str) {
        let ordinal = self.proposals.len() + self.unreadable.len() + 1;
        self.unreadable.push(Unreadable {
            marker,
            ordinal,
            reason: reason.to_string(),
        });
    }

    fn finish(mut self) -> Result<Contribution, ReadError> {
        self.close();
        if let Some(marker) = self.pending.take() {
            self.unreadable(marker, "no title line after its marker");
        }
        while let Some(marker) = self.hidden.pop_front() {
            self.unreadable(marker, "no title line (such as RESOLUTION 44) found for it");
        }
        if self.proposals.is_empty() && self.unreadable.is_empty() {
            return Err(ReadError::Other(
                "no proposal found: a contribution's proposals start with a line such as \
                 `MOD AFCP/35A8/1` followed by the title of the text (`RESOLUTION 44 ...`)"
                    .into(),
            ));
        }
        let cover = cover::read(&self.cover);
        for proposal in &mut self.proposals {
            proposal.document.metadata.source = cover.source.clone();
        }
        Ok(Contribution {
            cover,
            proposals: self.proposals,
            unreadable: self.unreadable,
        })
    }
}

/// Adds a paragraph or an opener to a proposal's text.
fn push(sections: &mut Vec<Section>, paragraph: &Paragraph, opener: bool) {
    if opener {
        sections.push(Section {
            opener: Some(paragraph.clone()),
            paragraphs: Vec::new(),
        });
        return;
    }
    match sections.last_mut() {
        Some(section) => section.paragraphs.push(paragraph.clone()),
        None => sections.push(Section {
            opener: None,
            paragraphs: vec![paragraph.clone()],
        }),
    }
}

#[cfg(test)]
mod tests;
