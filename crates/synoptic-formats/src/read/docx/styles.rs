//! Paragraph styles: headings, and the numbering styles carry.

use std::collections::{HashMap, HashSet};

use super::xml::{is_on, Element};

/// What the reader needs of a paragraph style.
#[derive(Debug, Default)]
pub(super) struct Style {
    pub(super) based_on: Option<String>,
    pub(super) name: String,
    pub(super) num_id: Option<String>,
    pub(super) ilvl: Option<usize>,
    pub(super) outline_level: Option<u32>,
}

/// The paragraph styles of the document, by id.
#[derive(Debug, Default)]
pub(super) struct Styles {
    pub(super) by_id: HashMap<String, Style>,
    /// The paragraph and character styles whose text is hidden
    /// (`w:vanish`, set on the style or on one it is based on).
    pub(super) hidden: HashSet<String>,
}

impl Styles {
    pub(super) fn parse(root: Option<&Element>) -> Styles {
        let mut by_id = HashMap::new();
        let Some(root) = root else {
            return Styles::default();
        };
        let hidden = hidden_styles(root);
        for s in root.children_named("style") {
            if s.attr("type").is_some_and(|t| t != "paragraph") {
                continue;
            }
            let Some(id) = s.attr("styleId") else {
                continue;
            };
            let ppr = s.child("pPr");
            let num = ppr.and_then(|p| p.child("numPr"));
            by_id.insert(
                id.to_string(),
                Style {
                    based_on: s.child_val("basedOn").map(str::to_string),
                    name: s.child_val("name").unwrap_or_default().to_lowercase(),
                    num_id: num.and_then(|n| n.child_val("numId")).map(str::to_string),
                    ilvl: num
                        .and_then(|n| n.child_val("ilvl"))
                        .and_then(|v| v.parse().ok()),
                    outline_level: ppr
                        .and_then(|p| p.child_val("outlineLvl"))
                        .and_then(|v| v.parse().ok()),
                },
            );
        }
        Styles { by_id, hidden }
    }

    /// The style and the styles it is based on, nearest first (cycles and
    /// long chains cut short).
    pub(super) fn chain<'s>(&'s self, id: Option<&'s str>) -> Vec<(&'s str, &'s Style)> {
        let mut out: Vec<(&str, &Style)> = Vec::new();
        let mut next = id;
        while let Some(id) = next {
            if out.len() >= 20 || out.iter().any(|(seen, _)| *seen == id) {
                break;
            }
            let Some(style) = self.by_id.get(id) else {
                break;
            };
            out.push((id, style));
            next = style.based_on.as_deref();
        }
        out
    }

    /// The outline level (0-based) of each style that makes a heading: its
    /// own or its base's `w:outlineLvl` below 9, else "heading N" in its name.
    pub(super) fn heading_levels(&self) -> HashMap<String, usize> {
        let mut out = HashMap::new();
        for id in self.by_id.keys() {
            let chain = self.chain(Some(id));
            let level = chain
                .iter()
                .find_map(|(_, s)| s.outline_level)
                .filter(|&l| l < 9)
                .map(|l| l as usize)
                .or_else(|| {
                    chain.iter().find_map(|(_, s)| {
                        let n: usize = s.name.strip_prefix("heading ")?.parse().ok()?;
                        (1..=9).contains(&n).then(|| n - 1)
                    })
                });
            if let Some(level) = level {
                out.insert(id.clone(), level);
            }
        }
        out
    }

    /// True when the style makes a heading: a "heading N" style or one with
    /// an outline level.
    pub(super) fn is_heading(&self, id: Option<&str>) -> bool {
        let direct = id.is_some_and(|id| {
            let lower = id.to_lowercase();
            lower
                .strip_prefix("heading")
                .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        });
        direct
            || self.chain(id).iter().any(|(_, s)| {
                s.outline_level.is_some_and(|l| l < 9)
                    || s.name
                        .strip_prefix("heading ")
                        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
            })
    }
}

/// The styles whose text is hidden: `w:vanish` on the style's run
/// properties, or on the nearest style it is based on that says.
fn hidden_styles(root: &Element) -> HashSet<String> {
    // Per style: what it is based on, and what it says of hiding, if anything.
    let mut said: HashMap<&str, (Option<&str>, Option<bool>)> = HashMap::new();
    for s in root.children_named("style") {
        if s.attr("type")
            .is_some_and(|t| t != "paragraph" && t != "character")
        {
            continue;
        }
        let Some(id) = s.attr("styleId") else {
            continue;
        };
        let vanish = s.child("rPr").and_then(|r| r.child("vanish")).map(is_on);
        said.insert(id, (s.child_val("basedOn"), vanish));
    }
    let mut out = HashSet::new();
    for &id in said.keys() {
        let mut next = Some(id);
        // Chains are short; a cycle or an endless chain is cut.
        for _ in 0..20 {
            let Some((based_on, vanish)) = next.and_then(|n| said.get(n)) else {
                break;
            };
            if let Some(hidden) = vanish {
                if *hidden {
                    out.insert(id.to_string());
                }
                break;
            }
            next = *based_on;
        }
    }
    out
}
