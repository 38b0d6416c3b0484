//! Word 2003's XML document (`w:wordDocument`, "Word 2003 XML Document
//! (*.xml)"): one XML file whose elements are mostly those of a .docx.
//! It is rewritten into the .docx form the reader knows: sections
//! (`wx:sect`) unwrapped, tracked changes (`aml:annotation` of type
//! `Word.Insertion` or `Word.Deletion`) made `w:ins` and `w:del`, other
//! annotations (comments, bookmarks) dropped, footnotes and endnotes
//! (written inline) taken out as notes with a reference in their place, and
//! each list paragraph's label, which Word writes as it shows it
//! (`wx:t wx:val="a)"`), typed before its text with a tab.

use std::collections::{HashMap, HashSet};

use synoptic_core::Change;

use super::notes::note_bodies;
use super::xml::{Element, Node};
use super::MAX_DEPTH;

/// True when the bytes are a Word 2003 XML document.
pub(super) fn is_wordml_2003(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    head.trim_start_matches('\u{FEFF}')
        .trim_start()
        .starts_with('<')
        && head.contains("<w:worddocument")
}

/// The notes a Word 2003 document holds inline, by kind and id.
#[derive(Default)]
pub(super) struct InlineNotes {
    pub(super) footnotes: HashMap<String, Vec<Change>>,
    pub(super) endnotes: HashMap<String, Vec<Change>>,
}

/// Rewrites a Word 2003 document in place into the .docx form; returns
/// its notes.
pub(super) fn rewrite(root: &mut Element) -> InlineNotes {
    let mut notes: Vec<(bool, Element)> = Vec::new();
    rewrite_children(root, &mut notes, 0);
    let mut footnotes = Element::default();
    let mut endnotes = Element::default();
    for (foot, note) in notes {
        let holder = if foot { &mut footnotes } else { &mut endnotes };
        holder.children.push(Node::Element(note));
    }
    InlineNotes {
        footnotes: note_bodies(&footnotes, &HashSet::new()),
        endnotes: note_bodies(&endnotes, &HashSet::new()),
    }
}

/// Rewrites the children of an element, depth-bounded.
fn rewrite_children(e: &mut Element, notes: &mut Vec<(bool, Element)>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let children = std::mem::take(&mut e.children);
    for node in children {
        let Node::Element(mut child) = node else {
            e.children.push(node);
            continue;
        };
        match child.name.as_str() {
            // Sections hold the body's blocks: their blocks go in their place.
            "sect" | "sub-section" | "pBdrGroup" => {
                rewrite_children(&mut child, notes, depth + 1);
                e.children.append(&mut child.children);
            }
            "annotation" => {
                let kind = match child.attr("type") {
                    Some("Word.Insertion") => "ins",
                    Some("Word.Deletion") => "del",
                    // Comments, bookmarks and the rest are not text.
                    _ => continue,
                };
                rewrite_children(&mut child, notes, depth + 1);
                let mut change = Element {
                    name: kind.into(),
                    attrs: child
                        .attrs
                        .iter()
                        .map(|(n, v)| {
                            (
                                if n == "createdate" {
                                    "date".into()
                                } else {
                                    n.clone()
                                },
                                v.clone(),
                            )
                        })
                        .collect(),
                    ..Element::default()
                };
                // The changed runs are inside `aml:content`.
                for inner in child.children.drain(..) {
                    match inner {
                        Node::Element(c) if c.name == "content" => {
                            change.children.extend(c.children)
                        }
                        other => change.children.push(other),
                    }
                }
                e.children.push(Node::Element(change));
            }
            "footnote" | "endnote" if e.name == "r" => {
                rewrite_children(&mut child, notes, depth + 1);
                let id = (notes.len() + 1).to_string();
                let foot = child.name == "footnote";
                child.attrs.push(("id".into(), id.clone()));
                notes.push((foot, child));
                e.children.push(Node::Element(Element {
                    name: if foot {
                        "footnoteReference"
                    } else {
                        "endnoteReference"
                    }
                    .into(),
                    attrs: vec![("id".into(), id)],
                    ..Element::default()
                }));
            }
            "p" => {
                rewrite_children(&mut child, notes, depth + 1);
                let label = child
                    .child("pPr")
                    .and_then(|p| p.child("listPr"))
                    .and_then(|l| l.child("t"))
                    .and_then(|t| t.attr("val"))
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(str::to_string);
                if let Some(label) = label {
                    // The label goes first, after the paragraph's properties.
                    let at = child
                        .children
                        .iter()
                        .position(|n| matches!(n, Node::Element(c) if c.name == "pPr"))
                        .map_or(0, |i| i + 1);
                    let run = Element {
                        name: "r".into(),
                        children: vec![Node::Element(Element {
                            name: "t".into(),
                            children: vec![Node::Text(format!("{label}\t"))],
                            ..Element::default()
                        })],
                        ..Element::default()
                    };
                    child.children.insert(at, Node::Element(run));
                }
                e.children.push(Node::Element(child));
            }
            _ => {
                rewrite_children(&mut child, notes, depth + 1);
                e.children.push(Node::Element(child));
            }
        }
    }
}
