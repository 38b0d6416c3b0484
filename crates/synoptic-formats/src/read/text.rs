//! Plain text: one paragraph per line, or per blank-line-separated block
//! of hard-wrapped prose.
//!
//! Openers ("considering", "instructs the Director ...") start sections;
//! labels (`a)`, `1`, `i)`, bullets) are split from the paragraph text by
//! [`synoptic_core::structure::split_label`]. Lines before the first opener
//! form the preamble. Text is kept as written: only line ends and the
//! white space after a label are trimmed.

use synoptic_core::structure::{split_label, Openers};
use synoptic_core::{Document, Metadata, Paragraph, Section};

use super::{normalize_newlines, ReadError};

/// How lines become paragraphs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ParagraphMode {
    /// Blocks when the text looks hard-wrapped (several lines of prose run
    /// on without a label or opener, and few lines are long), lines
    /// otherwise.
    #[default]
    Auto,
    /// Every non-blank line is a paragraph.
    Lines,
    /// Consecutive non-blank lines form one paragraph, joined with a space;
    /// a line with a label or an opener still starts a new one.
    Blocks,
}

/// Options of the plain text reader.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TextOptions {
    /// How lines become paragraphs.
    pub paragraphs: ParagraphMode,
    /// The section openers to recognise.
    pub openers: Openers,
}

/// Reads a plain text document.
///
/// Fails only on text that cannot be a document (a NUL character, which
/// means a binary file was given as text).
pub fn read(text: &str, options: &TextOptions) -> Result<Document, ReadError> {
    let text = normalize_newlines(text);
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(&text);
    if let Some(pos) = text.find('\0') {
        let line = text[..pos].matches('\n').count() + 1;
        return Err(ReadError::Syntax {
            line,
            message: "contains a NUL character; is this a binary file?".to_string(),
        });
    }
    let lines: Vec<&str> = text.split('\n').map(str::trim).collect();
    let blocks = match options.paragraphs {
        ParagraphMode::Lines => false,
        ParagraphMode::Blocks => true,
        ParagraphMode::Auto => looks_wrapped(&lines, &options.openers),
    };

    let mut builder = Builder::default();
    // The paragraph being collected: its label and its lines.
    let mut pending: Option<(Option<&str>, Vec<&str>)> = None;
    for line in &lines {
        if line.is_empty() {
            builder.paragraph(pending.take());
            continue;
        }
        if let Some(m) = options.openers.match_opener(line) {
            builder.paragraph(pending.take());
            let text = match &m.label {
                Some(_) => split_label(line).map_or(*line, |(_, rest)| rest),
                None => line,
            };
            builder.opener(Paragraph {
                label: m.label,
                text: text.to_string(),
                ..Paragraph::default()
            });
            continue;
        }
        let split = split_label(line);
        match (&mut pending, split) {
            (Some((_, pieces)), None) if blocks => pieces.push(line),
            _ => {
                builder.paragraph(pending.take());
                pending = Some(match split {
                    Some((label, rest)) => (Some(label), vec![rest]),
                    None => (None, vec![*line]),
                });
            }
        }
    }
    builder.paragraph(pending.take());
    Ok(builder.finish())
}

/// Whether a text reads as hard-wrapped prose: at least two places where a
/// line of some length runs on into an unlabelled line, and more such
/// places than long lines (a file with one paragraph per line has many
/// lines over 100 characters; a wrapped one has few).
fn looks_wrapped(lines: &[&str], openers: &Openers) -> bool {
    let long = lines.iter().filter(|l| l.chars().count() > 100).count();
    let mut joins = 0;
    for pair in lines.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if a.chars().count() >= 40
            && !b.is_empty()
            && split_label(b).is_none()
            && openers.match_opener(a).is_none()
            && openers.match_opener(b).is_none()
        {
            joins += 1;
        }
    }
    joins >= 2 && joins > long
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
        let text = pieces.join(" ");
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
