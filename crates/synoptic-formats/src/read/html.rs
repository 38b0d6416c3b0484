//! Reader for HTML: a bill or an act as a legislature's or a journal's web
//! site publishes it, a proposal saved from a browser or a word processor.
//!
//! The page's text is read as a reader sees it, block by block, and handed
//! to the Markdown reader, whose structure it then has: headings are
//! section openers, each other block (a paragraph, a list item, a row of a
//! table, a line ended by `<br>`) is a paragraph, labels as written
//! (`(a)`, `Article 5`, `1.`). The numbers an ordered list draws are
//! written before its items (`1.`, `a)`, `iv)`, by its `type` and `start`).
//! `<ins>` and `<del>` (and `<s>`, `<strike>`) are the author's own changes,
//! as CriticMarkup is in Markdown. What a page shows around its text
//! (`<nav>`, `<script>`, `<style>`, forms, hidden elements) is left out.

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::markdown::{self, MarkdownOptions};
use super::ReadError;
use synoptic_core::structure::{label_in_style, LabelStyle};
use synoptic_core::Document;

/// The deepest element nesting read; deeper content (only a hostile page
/// nests thousands of elements) is left out rather than overflowing the
/// stack.
const MAX_DEPTH: usize = 256;

/// True when `content` looks like an HTML page: a doctype or an `<html>`
/// element first.
pub fn looks_like_html(content: &str) -> bool {
    let start = content.trim_start_matches('\u{FEFF}').trim_start();
    let head: String = start.chars().take(15).collect::<String>().to_lowercase();
    head.starts_with("<!doctype html") || head.starts_with("<html")
}

/// Reads an HTML page as a document, its text structured as
/// [`markdown::read`] structures Markdown.
pub fn read(html: &str, options: &MarkdownOptions) -> Result<Document, ReadError> {
    markdown::read(&to_markdown(html), options)
}

/// The text of an HTML page as Markdown: a heading per heading, a
/// paragraph per block, the author's `<ins>` and `<del>` as CriticMarkup,
/// every other character of the text escaped.
pub fn to_markdown(html: &str) -> String {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut writer = Writer::default();
    writer.node(&dom.document, 0);
    writer.flush();
    writer.out
}

/// What is being written: the Markdown so far and the block being filled.
#[derive(Default)]
struct Writer {
    out: String,
    /// The inline text of the current block, escaped, white space not yet
    /// collapsed at its ends.
    block: String,
    /// The heading level of the current block, if it is a heading.
    heading: Option<usize>,
    /// The label the current block starts with (a list item's number).
    label: Option<String>,
    /// Inside an `<ins>` or a `<del>` (CriticMarkup is not nested): its
    /// opening and closing marks, and where its text starts in `block`
    /// (right after the opening mark; a block ended inside it closes the
    /// mark and the next reopens it).
    change: Option<(&'static str, &'static str)>,
    change_start: usize,
    /// Inside `<pre>`: line ends end blocks, spaces are kept.
    in_pre: bool,
    /// Inside `<main>`, `<article>` or `<section>`: a `<header>` or
    /// `<footer>` there is the document's (its title), elsewhere the
    /// site's.
    in_content: bool,
}

/// Elements whose content is no text of the document.
const SKIPPED: &[&str] = &[
    "head", "script", "style", "noscript", "template", "nav", "iframe", "object", "embed", "svg",
    "canvas", "form", "button", "select", "input", "textarea", "map", "audio", "video",
];

/// Elements that are blocks: they end the paragraph before them and their
/// own inline content is a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "blockquote",
    "address",
    "center",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "caption",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "ul",
    "ol",
    "li",
    "hr",
    "pre",
    "body",
    "html",
    "fieldset",
    "legend",
    "details",
    "summary",
];

impl Writer {
    fn node(&mut self, node: &Handle, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        match &node.data {
            NodeData::Document => self.children(node, depth),
            NodeData::Text { contents } => {
                let text = contents.borrow();
                self.text(&text);
            }
            NodeData::Element { name, attrs, .. } => {
                let tag = local(name).to_ascii_lowercase();
                let attrs = attrs.borrow();
                let attr = |key: &str| {
                    attrs
                        .iter()
                        .find(|a| local(&a.name).eq_ignore_ascii_case(key))
                        .map(|a| a.value.to_string())
                };
                let hidden = attr("hidden").is_some()
                    || attr("aria-hidden").is_some_and(|v| v == "true")
                    || attr("style").is_some_and(|s| {
                        let s: String = s.split_whitespace().collect::<String>().to_lowercase();
                        s.contains("display:none") || s.contains("visibility:hidden")
                    });
                // The site around the document: its banner, its footer
                // and its navigation, by element or by role.
                let chrome = matches!(tag.as_str(), "header" | "footer") && !self.in_content
                    || attr("role").is_some_and(|r| {
                        matches!(
                            r.as_str(),
                            "navigation" | "banner" | "contentinfo" | "search"
                        )
                    });
                if hidden || chrome || SKIPPED.contains(&tag.as_str()) {
                    return;
                }
                let content = matches!(tag.as_str(), "main" | "article" | "section");
                let was = self.in_content;
                self.in_content |= content;
                self.element(node, &tag, &attr, depth);
                self.in_content = was;
            }
            _ => {}
        }
    }

    fn children(&mut self, node: &Handle, depth: usize) {
        for child in node.children.borrow().iter() {
            self.node(child, depth + 1);
        }
    }

    fn element(
        &mut self,
        node: &Handle,
        tag: &str,
        attr: &dyn Fn(&str) -> Option<String>,
        depth: usize,
    ) {
        match tag {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                self.heading = tag[1..].parse().ok();
                self.children(node, depth);
                self.flush();
            }
            "br" => {
                if self.in_pre {
                    self.block.push('\n');
                } else {
                    self.flush();
                }
            }
            "ol" => {
                self.flush();
                let start = attr("start")
                    .and_then(|s| s.trim().parse::<i64>().ok())
                    .unwrap_or(1);
                let kind = attr("type").unwrap_or_default();
                let reversed = attr("reversed").is_some();
                let mut n = start;
                for child in node.children.borrow().iter() {
                    let is_item = matches!(&child.data, NodeData::Element { name, .. }
                        if local(name).eq_ignore_ascii_case("li"));
                    if is_item {
                        if let NodeData::Element { attrs, .. } = &child.data {
                            if let Some(v) = attrs
                                .borrow()
                                .iter()
                                .find(|a| local(&a.name).eq_ignore_ascii_case("value"))
                                .and_then(|a| a.value.trim().parse::<i64>().ok())
                            {
                                n = v;
                            }
                        }
                        self.flush();
                        self.label = Some(list_number(n, &kind));
                        self.node(child, depth + 1);
                        self.flush();
                        self.label = None;
                        n = if reversed { n - 1 } else { n + 1 };
                    } else {
                        self.node(child, depth + 1);
                    }
                }
                self.flush();
            }
            "li" => {
                // An item of an unordered list (an ordered list labels its
                // own): a bullet, as the Markdown reader labels one.
                let label = self.label.take();
                self.flush();
                self.label = Some(label.unwrap_or_else(|| "\u{2022}".into()));
                self.children(node, depth);
                self.flush();
                // An item with no text labels nothing after it.
                self.label = None;
            }
            "tr" => {
                // A row of a table is a paragraph, its cells apart by a tab:
                // `(a)` in one cell and its text in the next read as a
                // labelled paragraph.
                self.flush();
                let mut first = true;
                for child in node.children.borrow().iter() {
                    let is_cell = matches!(&child.data, NodeData::Element { name, .. }
                        if matches!(local(name).to_ascii_lowercase().as_str(), "td" | "th"));
                    if !is_cell {
                        continue;
                    }
                    let before = self.block.len();
                    if !first {
                        self.block.push('\t');
                    }
                    let mark = self.block.len();
                    self.node(child, depth + 1);
                    // A block inside the cell (a paragraph) may have been
                    // written out and the row's text started over.
                    if self.block.get(mark..).is_some_and(|t| t.trim().is_empty()) {
                        // An empty cell adds no tab.
                        self.block.truncate(before);
                    } else {
                        first = false;
                    }
                }
                self.flush();
            }
            "td" | "th" => {
                // A cell outside a row (broken markup): its own paragraph.
                self.children(node, depth);
            }
            "pre" => {
                self.flush();
                let was = self.in_pre;
                self.in_pre = true;
                self.children(node, depth);
                self.flush();
                self.in_pre = was;
            }
            "ins" | "del" | "s" | "strike" => {
                if self.change.is_some() {
                    self.children(node, depth);
                    return;
                }
                let marks = if tag == "ins" {
                    ("{++", "++}")
                } else {
                    ("{--", "--}")
                };
                self.block.push_str(marks.0);
                self.change_start = self.block.len();
                self.change = Some(marks);
                self.children(node, depth);
                self.close_change();
                self.change = None;
            }
            "img" => {}
            _ if BLOCKS.contains(&tag) => {
                self.flush();
                self.children(node, depth);
                self.flush();
            }
            _ => self.children(node, depth),
        }
    }

    /// Text of the page, its white space collapsed as a browser shows it
    /// (outside `<pre>`), escaped for Markdown.
    fn text(&mut self, text: &str) {
        if self.in_pre {
            for (k, line) in text.split('\n').enumerate() {
                if k > 0 {
                    self.flush();
                }
                escape_into(&mut self.block, line);
            }
            return;
        }
        let mut last_space = self.block.ends_with(' ') || self.block.is_empty();
        for c in text.chars() {
            if c.is_ascii_whitespace() {
                if !last_space {
                    self.block.push(' ');
                    last_space = true;
                }
                continue;
            }
            last_space = false;
            escape_char(&mut self.block, c);
        }
    }

    /// Closes the open change's mark in the block, or takes the mark away
    /// when the change has no text yet.
    fn close_change(&mut self) {
        let Some((open, close)) = self.change else {
            return;
        };
        let start = self.change_start.min(self.block.len());
        let inner = &self.block[start..];
        if inner.trim().is_empty() && !inner.contains(' ') {
            self.block.truncate(start.saturating_sub(open.len()));
        } else {
            self.block.push_str(close);
        }
    }

    /// Ends the current block: writes it as a heading or a paragraph, with
    /// its label, when it has text. A change open across the end goes on
    /// in the next block.
    fn flush(&mut self) {
        self.close_change();
        self.flush_block();
        if let Some((open, _)) = self.change {
            self.block.push_str(open);
            self.change_start = self.block.len();
        }
    }

    fn flush_block(&mut self) {
        let block = std::mem::take(&mut self.block);
        let label = self.label.take();
        let heading = self.heading.take();
        let text = block.trim_matches(|c: char| c == ' ' || c == '\t');
        if text.is_empty() {
            // A list item's number waits for the item's first text, in a
            // paragraph of its own (`<li><p>`, as converters write items).
            self.label = label;
            return;
        }
        if let Some(level) = heading {
            self.out.push_str(&"#".repeat(level.clamp(1, 6)));
            self.out.push(' ');
            // A heading is one line.
            self.out.push_str(&text.replace(['\n', '\t'], " "));
        } else {
            if let Some(label) = label {
                escape_into(&mut self.out, &label);
                self.out.push('\t');
            }
            self.out.push_str(text);
        }
        self.out.push_str("\n\n");
    }
}

/// An element's or attribute's local name (`p`, `href`).
fn local(name: &html5ever::QualName) -> &str {
    &name.local
}

/// Escapes `text` for Markdown onto `out`.
fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        escape_char(out, c);
    }
}

/// One character of text as Markdown: ASCII punctuation backslash-escaped
/// (CommonMark allows it before any), so that nothing in the page's text
/// is read as Markdown. CriticMarkup is read in the text itself, escapes
/// resolved: a `{` that would open it (`{++`) is followed by a zero-width
/// non-joiner, which comparison ignores as it ignores every joiner.
fn escape_char(out: &mut String, c: char) {
    if matches!(c, '+' | '-' | '~' | '>' | '=') && out.ends_with("\\{") {
        out.push('\u{200C}');
    }
    if c.is_ascii_punctuation() {
        out.push('\\');
    }
    out.push(c);
}

/// The number an ordered list draws for item `n`, by the list's `type`:
/// `1.`, `a)`, `A)`, `i)`, `I)` (letters and Roman numerals with the
/// parenthesis legal texts write them with), as the structure module
/// writes labels in each style.
fn list_number(n: i64, kind: &str) -> String {
    let (template, style) = match kind {
        "a" => ("a)", LabelStyle::LowerAlpha),
        "A" => ("A)", LabelStyle::UpperAlpha),
        "i" => ("i)", LabelStyle::LowerRoman),
        "I" => ("I)", LabelStyle::UpperRoman),
        _ => ("1.", LabelStyle::Arabic),
    };
    u32::try_from(n)
        .ok()
        .and_then(|value| label_in_style(template, style, value))
        .unwrap_or_else(|| format!("{n}."))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use synoptic_core::structure::{Openers, Tradition};
    use synoptic_core::ChangeKind;

    fn act() -> MarkdownOptions {
        MarkdownOptions {
            openers: Openers::for_tradition(Tradition::Act, None),
        }
    }

    /// A paragraph's label and text.
    type Labelled = (Option<String>, String);

    /// Each section's opener and its paragraphs' labels and texts.
    fn outline(d: &Document) -> Vec<(String, Vec<Labelled>)> {
        d.sections
            .iter()
            .map(|s| {
                (
                    s.opener
                        .as_ref()
                        .map(|o| o.text.to_string())
                        .unwrap_or_default(),
                    s.paragraphs
                        .iter()
                        .map(|p| (p.label.clone(), p.text.to_string()))
                        .collect(),
                )
            })
            .collect()
    }

    #[test]
    fn a_regulation_as_a_journal_publishes_it() {
        // Points laid out as two-cell rows, as official journals do.
        let html = r#"<!DOCTYPE html><html><head><title>Regulation</title>
            <style>p { color: red }</style><script>var x = "<p>no</p>";</script></head>
            <body><nav><a href="/">Home</a> | <a href="/search">Search</a></nav>
            <h1>REGULATION (EU) 2031/12 on inland&nbsp;waterways</h1>
            <h2>Article 1</h2>
            <p>1.  This Regulation lays down
               rules on <em>inland</em> waterways.</p>
            <table><tr><td>(a)</td><td>vessels of more than 20 metres;</td></tr>
                   <tr><td>(b)</td><td>ferries.</td></tr></table>
            <h2>Article 2</h2>
            <p>It shall apply from 1 January 2032.<br>It shall be binding.</p>
            <footer>Cookie notice</footer>
            <div role="contentinfo">Crown copyright</div>
            </body></html>"#;
        let d = read(html, &act()).unwrap();
        let o = outline(&d);
        let texts: Vec<&str> = o
            .iter()
            .flat_map(|(_, ps)| ps.iter().map(|(_, t)| t.as_str()))
            .collect();
        assert!(
            texts.iter().all(|t| !t.contains("Home")
                && !t.contains("no</p>")
                && !t.contains("Cookie")
                && !t.contains("Crown")),
            "{o:?}"
        );
        let article_1 = o
            .iter()
            .find(|(opener, _)| opener == "Article 1")
            .unwrap_or_else(|| panic!("no Article 1 in {o:?}"));
        assert_eq!(
            article_1.1,
            [
                (
                    Some("1.".to_string()),
                    "This Regulation lays down rules on inland waterways.".to_string()
                ),
                (
                    Some("(a)".to_string()),
                    "vessels of more than 20 metres;".to_string()
                ),
                (Some("(b)".to_string()), "ferries.".to_string()),
            ]
        );
        let article_2 = o
            .iter()
            .find(|(opener, _)| opener == "Article 2")
            .unwrap_or_else(|| panic!("no Article 2 in {o:?}"));
        assert_eq!(article_2.1.len(), 2, "{o:?}");
    }

    #[test]
    fn ordered_lists_write_their_numbers() {
        let html = r#"<html><body><ol type="a"><li>first</li><li>second</li></ol>
            <ol start="3"><li>third</li></ol><ol type="i"><li>one</li><li>two</li></ol>
            <ol start="5"><li><p>fifth, in a paragraph</p></li><li></li>
            <li>
            <p>seventh</p><p>its second paragraph</p></li></ol><p>after the list</p>
            <ul><li>bullet</li></ul></body></html>"#;
        let d = read(html, &MarkdownOptions::default()).unwrap();
        let labels: Vec<(Option<String>, String)> = d
            .sections
            .iter()
            .flat_map(|s| &s.paragraphs)
            .map(|p| (p.label.clone(), p.text.to_string()))
            .collect();
        let expected = [
            ("a)", "first"),
            ("b)", "second"),
            ("3.", "third"),
            ("i)", "one"),
            ("ii)", "two"),
            ("5.", "fifth, in a paragraph"),
            ("7.", "seventh"),
        ];
        for (label, text) in expected {
            assert!(
                labels.contains(&(Some(label.to_string()), text.to_string())),
                "{label} {text} in {labels:?}"
            );
        }
        assert!(labels.iter().any(|(_, t)| t == "bullet"), "{labels:?}");
        assert!(
            labels.contains(&(None, "its second paragraph".into())),
            "{labels:?}"
        );
        assert!(
            labels.contains(&(None, "after the list".into())),
            "{labels:?}"
        );
        assert_eq!(list_number(28, "a"), "bb)");
        assert_eq!(list_number(-1, "a"), "-1.");
        assert_eq!(list_number(14, "I"), "XIV)");
    }

    #[test]
    fn ins_and_del_are_the_authors_changes() {
        let html = "<html><body><p>The fee is <del>40</del><ins>55</ins> euros<s> a year</s>.</p></body></html>";
        let d = read(html, &MarkdownOptions::default()).unwrap();
        let p = &d.sections[0].paragraphs[0];
        assert_eq!(p.text, "The fee is 55 euros.");
        let changes: Vec<(ChangeKind, &str)> = p
            .revision
            .iter()
            .flatten()
            .map(|c| (c.kind, c.text.as_str()))
            .collect();
        assert!(changes.contains(&(ChangeKind::Delete, "40")), "{changes:?}");
        assert!(changes.contains(&(ChangeKind::Insert, "55")), "{changes:?}");
        assert!(
            changes.contains(&(ChangeKind::Delete, " a year")),
            "{changes:?}"
        );
    }

    #[test]
    fn markup_in_the_text_stays_text() {
        // Characters Markdown and CriticMarkup would read as markup.
        let html = r"<html><body><p>*Not* _emphasis_ {++ nor ++} {-- this --} # [x](y) | a &lt;b&gt; \ end</p><p>1. not a list</p></body></html>";
        let d = read(html, &MarkdownOptions::default()).unwrap();
        let first = &d.sections[0].paragraphs[0];
        assert_eq!(
            first.text.replace('\u{200C}', ""),
            r"*Not* _emphasis_ {++ nor ++} {-- this --} # [x](y) | a <b> \ end"
        );
        assert!(first.revision.is_none());
        let second = &d.sections[0].paragraphs[1];
        assert_eq!(second.text, "not a list");
        assert_eq!(second.label.as_deref(), Some("1."));
    }

    #[test]
    fn tells_html_from_text() {
        assert!(looks_like_html("<!DOCTYPE html>\n<html>"));
        assert!(looks_like_html("\u{feff}  <HTML lang=en>"));
        assert!(!looks_like_html("Article 1 <b>bold</b>"));
        assert!(!looks_like_html(""));
    }

    proptest::proptest! {
        /// Any tag soup reads, and every word of text outside tags that are
        /// never text reaches the document.
        #[test]
        fn any_tag_soup_reads(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    "[a-z]{1,8}",
                    proptest::strategy::Just(" ".to_string()),
                    "</?(p|div|li|ol|ul|table|tr|td|br|h2|ins|del|s|span|b|pre)>",
                    "[{}+~=<>&;\\-]{1,3}",
                    "&(amp|lt|gt|nbsp|#[0-9]{1,4});",
                ],
                0..40,
            )
        ) {
            let html = pieces.concat();
            let document = read(&html, &MarkdownOptions::default());
            proptest::prop_assert!(document.is_ok(), "{html}");
        }
    }

    #[test]
    fn a_change_across_blocks_is_a_change_in_each() {
        // `<ins>` may hold whole paragraphs.
        let html = "<div>Kept <ins>new words<p>and a new paragraph</p></ins> kept.</div>";
        let d = read(html, &MarkdownOptions::default()).unwrap();
        let paragraphs = &d.sections[0].paragraphs;
        assert_eq!(paragraphs.len(), 3, "{paragraphs:?}");
        let inserted = |i: usize| -> Vec<String> {
            paragraphs[i]
                .revision
                .iter()
                .flatten()
                .filter(|c| c.kind == ChangeKind::Insert)
                .map(|c| c.text.to_string())
                .collect()
        };
        assert_eq!(inserted(0), ["new words"]);
        assert_eq!(inserted(1), ["and a new paragraph"]);
        assert_eq!(paragraphs[1].text, "and a new paragraph");
        assert_eq!(paragraphs[2].text, "kept.");
        assert!(paragraphs[2].revision.is_none());
    }

    #[test]
    fn deep_or_broken_markup_reads_without_panic() {
        let deep = "<div>".repeat(5_000) + "deep" + &"</div>".repeat(5_000);
        let _ = to_markdown(&deep);
        for broken in [
            "<p>unclosed <b>bold",
            "</p></td><tr><td>cell",
            "<ol><li>x<ol><li>y",
            "<del><ins>both</del></ins>",
            // A paragraph in a row's second cell writes the row out.
            "<table><tr><td>(a)</td><td><p>ferries</p></td></tr></table>",
        ] {
            read(broken, &MarkdownOptions::default()).unwrap();
        }
    }
}

#[cfg(test)]
mod chrome_tests {
    use super::*;

    #[test]
    fn a_header_in_the_document_is_read_the_sites_is_not() {
        let html = "<html><body><header>Site banner</header><main><article>\
            <header><h1>Harbours Act 2031</h1></header><p>1. Text.</p>\
            <footer>Commencement: 1 May 2031</footer></article></main>\
            <footer>Site footer</footer></body></html>";
        let md = to_markdown(html);
        assert!(
            md.contains("Harbours Act 2031") && md.contains("Commencement"),
            "{md}"
        );
        assert!(!md.contains("Site"), "{md}");
    }
}
