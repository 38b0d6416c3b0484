//! The text of SmartArt diagrams: Word keeps it in a data part of its own
//! (`word/diagrams/data1.xml`), not in the document, so a reader of the
//! document part alone sees a diagram with no words. Each node's text is
//! read, in the order of the data model, for the diagram's place in the
//! text (`[diagram: Assembly; Study groups; Bureau]`).

use std::collections::HashMap;

use super::package::Package;
use super::xml::Element;
use super::MAX_DEPTH;

/// The node texts of the document's diagrams, by the relationship id of
/// their data part (`r:dm` of `dgm:relIds`).
pub(super) fn read_diagrams(
    package: &mut Package<'_>,
    main: &str,
    document: &Element,
) -> HashMap<String, Vec<String>> {
    let mut out = HashMap::new();
    for (id, name) in package.related_parts(main, document.attrs_below("relIds", "dm")) {
        let Ok(Some(root)) = package.xml(&name, |n| n == "t") else {
            continue;
        };
        let texts = node_texts(&root);
        if !texts.is_empty() {
            out.insert(id, texts);
        }
    }
    out
}

/// The text of each node of a diagram's data model: its points that are
/// nodes (not connections, nor the presentation's), in order.
pub(super) fn node_texts(root: &Element) -> Vec<String> {
    let Some(points) = root.child("ptLst") else {
        return Vec::new();
    };
    points
        .children_named("pt")
        .filter(|pt| matches!(pt.attr("type"), None | Some("node" | "asst")))
        .filter_map(|pt| {
            let body = pt.child("t")?;
            let paragraphs: Vec<String> = body
                .children_named("p")
                .map(|p| {
                    let mut text = String::new();
                    runs_text(p, &mut text, 0);
                    text.split_whitespace().collect::<Vec<_>>().join(" ")
                })
                .filter(|t| !t.is_empty())
                .collect();
            (!paragraphs.is_empty()).then(|| paragraphs.join(" "))
        })
        .collect()
}

/// The text of a drawing paragraph's runs (`a:t`), depth-bounded.
fn runs_text(e: &Element, out: &mut String, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    for c in e.elements() {
        match c.name.as_str() {
            "t" => out.push_str(&c.text()),
            "br" => out.push(' '),
            _ => runs_text(c, out, depth + 1),
        }
    }
}
