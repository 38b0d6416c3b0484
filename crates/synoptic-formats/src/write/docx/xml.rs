//! The XML of WordprocessingML as text: escaped text, runs, revisions.

use quick_xml::escape::escape;
use synoptic_core::{Change, ChangeKind, Paragraph};

/// XML being written, as a string.
#[derive(Default)]
pub(super) struct Xml(pub(super) String);

impl Xml {
    /// Markup written as is (constant strings of this module only).
    pub(super) fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// Text content or an attribute value, escaped, without the characters
    /// XML 1.0 cannot hold.
    pub(super) fn text(&mut self, s: &str) {
        let clean: String = s.chars().filter(|&c| xml_char(c)).collect();
        self.0.push_str(&escape(clean.as_str()));
    }
}

/// Whether XML 1.0 can hold the character (tab, newline and carriage
/// return are the only control characters it allows).
pub(super) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// Run properties, in the order the schema wants them.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RunStyle {
    pub(super) bold: bool,
    pub(super) italic: bool,
    pub(super) grey: bool,
    /// Half-points; `None` for the style's size.
    pub(super) size: Option<u32>,
    pub(super) highlight: bool,
    /// Right-to-left text (Arabic): Word lays the run out and shapes it so.
    pub(super) rtl: bool,
}

impl RunStyle {
    pub(super) fn xml(&self) -> String {
        let mut s = String::new();
        if self.bold {
            s.push_str("<w:b/>");
        }
        if self.italic {
            s.push_str("<w:i/>");
        }
        if self.grey {
            s.push_str("<w:color w:val=\"595959\"/>");
        }
        if let Some(size) = self.size {
            s.push_str(&format!(
                "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
            ));
        }
        if self.highlight {
            s.push_str("<w:highlight w:val=\"yellow\"/>");
        }
        if self.rtl {
            s.push_str("<w:rtl/><w:lang w:bidi=\"ar-SA\"/>");
        }
        if s.is_empty() {
            s
        } else {
            format!("<w:rPr>{s}</w:rPr>")
        }
    }
}

/// One run of text: tabs and line breaks become `w:tab` and `w:br`; deleted
/// text goes in `w:delText`.
pub(super) fn run(x: &mut Xml, text: &str, style: RunStyle, deleted: bool) {
    if text.is_empty() {
        return;
    }
    x.raw("<w:r>");
    x.raw(&style.xml());
    let tag = if deleted { "w:delText" } else { "w:t" };
    let mut piece = String::new();
    let flush = |x: &mut Xml, piece: &mut String| {
        if !piece.is_empty() {
            x.raw(&format!("<{tag} xml:space=\"preserve\">"));
            x.text(piece);
            x.raw(&format!("</{tag}>"));
            piece.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\t' => {
                flush(x, &mut piece);
                x.raw("<w:tab/>");
            }
            '\n' => {
                flush(x, &mut piece);
                x.raw("<w:br/>");
            }
            '\r' => {}
            c => piece.push(c),
        }
    }
    flush(x, &mut piece);
    x.raw("</w:r>");
}

/// A change as a run, wrapped in `w:ins` or `w:del` with its author and a
/// fresh revision id unless it is kept text.
pub(super) fn change_run(
    x: &mut Xml,
    ids: &mut u32,
    kind: ChangeKind,
    text: &str,
    author: &str,
    style: RunStyle,
) {
    if text.is_empty() {
        return;
    }
    let tag = match kind {
        ChangeKind::Equal => {
            run(x, text, style, false);
            return;
        }
        ChangeKind::Insert => "w:ins",
        ChangeKind::Delete => "w:del",
    };
    *ids += 1;
    x.raw(&format!("<{tag} w:id=\"{ids}\" w:author=\""));
    x.text(author);
    x.raw("\">");
    run(x, text, style, kind == ChangeKind::Delete);
    x.raw(&format!("</{tag}>"));
}

/// A paragraph of plain text in a style.
pub(super) fn plain_paragraph(x: &mut Xml, style: &str, text: &str) {
    x.raw(&format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"
    ));
    run(x, text, RunStyle::default(), false);
    x.raw("</w:p>");
}

/// A document's paragraph: its label (a changed label as a deletion and an
/// insertion), a tab, and its text with the proposer's changes.
pub(super) fn document_paragraph(
    x: &mut Xml,
    ids: &mut u32,
    p: &Paragraph,
    style: &str,
    author: &str,
) {
    x.raw(&format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"
    ));
    let changes: Vec<Change> = match &p.revision {
        Some(changes) => changes.clone(),
        None => vec![Change::equal(p.text.clone())],
    };
    let label_kind = if p.is_inserted_by_revision() {
        ChangeKind::Insert
    } else if p.is_deleted_by_revision() {
        ChangeKind::Delete
    } else {
        ChangeKind::Equal
    };
    let plain = RunStyle::default();
    match (&p.former_label, &p.label) {
        (Some(former), Some(label)) if former != label => {
            change_run(x, ids, ChangeKind::Delete, former, author, plain);
            change_run(x, ids, ChangeKind::Insert, label, author, plain);
            run(x, "\t", plain, false);
        }
        (Some(former), None) => {
            change_run(
                x,
                ids,
                ChangeKind::Delete,
                &format!("{former}\t"),
                author,
                plain,
            );
        }
        (_, Some(label)) => {
            change_run(x, ids, label_kind, &format!("{label}\t"), author, plain);
        }
        (None, None) => {}
    }
    for c in &changes {
        let by = c.author.as_deref().unwrap_or(author);
        change_run(x, ids, c.kind, &c.text, by, plain);
    }
    x.raw("</w:p>");
}
