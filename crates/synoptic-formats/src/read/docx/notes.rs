//! Footnotes and endnotes.

use std::collections::HashMap;

use synoptic_core::model::result_of;

use super::walk::Walker;
use super::xml::Element;

/// The accepted text of each footnote or endnote, by id.
pub(super) fn note_texts(root: &Element) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for note in root.elements() {
        if note.attr("type").is_some_and(|t| t != "normal") {
            continue;
        }
        let Some(id) = note.attr("id") else {
            continue;
        };
        let mut walker = Walker::default();
        walker.blocks(note, None);
        let text: Vec<String> = walker
            .paragraphs
            .iter()
            .map(|p| {
                result_of(&p.pieces)
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .filter(|t| !t.is_empty())
            .collect();
        out.insert(id.to_string(), text.join(" "));
    }
    out
}
