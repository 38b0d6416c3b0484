//! Automatic numbering: list definitions, counters and labels as Word
//! shows them.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::symbols::{is_private, symbol_char, symbol_font};
use super::xml::{is_on, Element};

/// One level of a list definition.
#[derive(Debug, Clone)]
pub(super) struct Level {
    pub(super) start: i64,
    pub(super) format: String,
    pub(super) text: String,
    /// `lvlRestart`: restart after a level up to this one (1-based) is
    /// used; 0 never; `None` the default (after any higher level).
    pub(super) restart: Option<usize>,
    pub(super) legal: bool,
    pub(super) style: Option<String>,
    /// The font the label is set in (`w:rPr/w:rFonts`), which tells a
    /// bullet drawn by a symbol font.
    pub(super) font: Option<String>,
    /// True when the label is hidden (`w:rPr/w:vanish`): the level counts
    /// but shows no number.
    pub(super) hidden: bool,
}

impl Default for Level {
    fn default() -> Self {
        Level {
            start: 1,
            format: "decimal".into(),
            text: String::new(),
            restart: None,
            legal: false,
            style: None,
            font: None,
            hidden: false,
        }
    }
}

impl Level {
    pub(super) fn parse(e: &Element) -> Level {
        Level {
            start: e
                .child_val("start")
                .and_then(|v| v.parse().ok())
                .unwrap_or(1),
            format: number_format(e),
            text: e.child_val("lvlText").unwrap_or_default().to_string(),
            restart: e.child_val("lvlRestart").and_then(|v| v.parse().ok()),
            legal: e.child("isLgl").is_some_and(is_on),
            style: e.child_val("pStyle").map(str::to_string),
            font: e
                .child("rPr")
                .and_then(|p| p.child("rFonts"))
                .and_then(|f| f.attr("ascii").or_else(|| f.attr("hAnsi")))
                .map(str::to_string),
            hidden: e
                .child("rPr")
                .and_then(|p| p.child("vanish"))
                .is_some_and(is_on),
        }
    }
}

/// A level's number format. Word 2010 and later write a custom format
/// (`001, 002, 003, ...`) inside `mc:AlternateContent`, with a plain one
/// as the fallback for older readers: zero-padded decimals are kept as
/// `decimalZeroN` (N digits), other custom formats take the fallback.
fn number_format(level: &Element) -> String {
    if let Some(format) = level.child_val("numFmt") {
        return format.to_string();
    }
    let Some(alternate) = level.child("AlternateContent") else {
        return "decimal".into();
    };
    let chosen = alternate.child("Choice").and_then(|c| c.child("numFmt"));
    if let Some(custom) = chosen.filter(|f| f.attr("val") == Some("custom")) {
        let first = custom
            .attr("format")
            .and_then(|f| f.split(',').next())
            .map(str::trim)
            .unwrap_or_default();
        if first.len() > 1 && first.len() <= 9 && first.bytes().all(|b| b.is_ascii_digit()) {
            return format!("decimalZero{}", first.len());
        }
    } else if let Some(format) = chosen.and_then(|f| f.attr("val")) {
        return format.to_string();
    }
    alternate
        .child("Fallback")
        .and_then(|f| f.child_val("numFmt"))
        .unwrap_or("decimal")
        .to_string()
}

/// A concrete list (`w:num`): its abstract definition and overrides.
#[derive(Debug, Default)]
pub(super) struct Num {
    pub(super) abstract_id: String,
    pub(super) start_overrides: BTreeMap<usize, i64>,
    pub(super) level_overrides: BTreeMap<usize, Level>,
}

/// The lists of the document (numbering.xml).
#[derive(Debug, Default)]
pub(super) struct Numbering {
    pub(super) abstracts: HashMap<String, Vec<Level>>,
    pub(super) nums: HashMap<String, Num>,
}

/// Levels of a list: Word has nine.
pub(super) const LEVELS: usize = 9;

impl Numbering {
    pub(super) fn parse(root: Option<&Element>) -> Numbering {
        let mut out = Numbering::default();
        let Some(root) = root else {
            return out;
        };
        let mut links: HashMap<String, String> = HashMap::new();
        let mut style_links: HashMap<String, String> = HashMap::new();
        for a in root.children_named("abstractNum") {
            let Some(id) = a.attr("abstractNumId") else {
                continue;
            };
            let mut levels = vec![Level::default(); LEVELS];
            for lvl in a.children_named("lvl") {
                if let Some(i) = lvl.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) {
                    if let Some(slot) = levels.get_mut(i) {
                        *slot = Level::parse(lvl);
                    }
                }
            }
            if let Some(style) = a.child_val("numStyleLink") {
                links.insert(id.to_string(), style.to_string());
            }
            if let Some(style) = a.child_val("styleLink") {
                style_links.insert(style.to_string(), id.to_string());
            }
            out.abstracts.insert(id.to_string(), levels);
        }
        for n in root.children_named("num") {
            let (Some(id), Some(abstract_id)) = (n.attr("numId"), n.child_val("abstractNumId"))
            else {
                continue;
            };
            let mut num = Num {
                abstract_id: abstract_id.to_string(),
                ..Num::default()
            };
            for o in n.children_named("lvlOverride") {
                let Some(i) = o.attr("ilvl").and_then(|v| v.parse::<usize>().ok()) else {
                    continue;
                };
                if i >= LEVELS {
                    continue;
                }
                if let Some(s) = o.child_val("startOverride").and_then(|v| v.parse().ok()) {
                    num.start_overrides.insert(i, s);
                }
                if let Some(lvl) = o.child("lvl") {
                    num.level_overrides.insert(i, Level::parse(lvl));
                }
            }
            out.nums.insert(id.to_string(), num);
        }
        // An abstract list that only links to a numbering style
        // (`numStyleLink`) takes its levels from the list that defines
        // that style (`styleLink`).
        for (id, style) in links {
            if let Some(target) = style_links.get(&style) {
                if let Some(levels) = out.abstracts.get(target).cloned() {
                    out.abstracts.insert(id, levels);
                }
            }
        }
        out
    }

    /// The level definition a list uses at a level.
    pub(super) fn level(&self, num_id: &str, ilvl: usize) -> Option<&Level> {
        let num = self.nums.get(num_id)?;
        num.level_overrides
            .get(&ilvl)
            .or_else(|| self.abstracts.get(&num.abstract_id)?.get(ilvl))
    }
}

/// The counters of every list while a view of the document is numbered.
#[derive(Default)]
pub(super) struct Counters {
    /// Per abstract list: the last number given at each level.
    pub(super) lists: HashMap<String, [Option<i64>; LEVELS]>,
    /// Concrete lists already used (their start overrides applied).
    pub(super) started: HashSet<String>,
}

impl Counters {
    /// The next label of a list at a level, as Word shows it.
    pub(super) fn next(
        &mut self,
        numbering: &Numbering,
        num_id: &str,
        ilvl: usize,
    ) -> Option<String> {
        let num = numbering.nums.get(num_id)?;
        let ilvl = ilvl.min(LEVELS - 1);
        let start = |level: usize| -> i64 {
            num.start_overrides
                .get(&level)
                .copied()
                .or_else(|| numbering.level(num_id, level).map(|l| l.start))
                .unwrap_or(1)
        };
        let counters = self.lists.entry(num.abstract_id.clone()).or_default();
        if self.started.insert(num_id.to_string()) {
            // A list that restarts numbering (Word's "Restart at") starts
            // its overridden levels afresh.
            for level in num.start_overrides.keys() {
                if let Some(c) = counters.get_mut(*level) {
                    *c = None;
                }
            }
        }
        let value = match counters[ilvl] {
            Some(c) => c.saturating_add(1),
            None => start(ilvl),
        };
        counters[ilvl] = Some(value);
        for (deeper, counter) in counters.iter_mut().enumerate().skip(ilvl + 1) {
            let restart = numbering
                .level(num_id, deeper)
                .and_then(|l| l.restart)
                .unwrap_or(deeper);
            // Restart after a level up to `restart` (1-based) is used.
            if ilvl < restart {
                *counter = None;
            }
        }
        let level = numbering.level(num_id, ilvl).filter(|l| !l.hidden)?;
        let values: Vec<i64> = (0..LEVELS)
            .map(|l| counters[l].unwrap_or_else(|| start(l)))
            .collect();
        let label = render_level(numbering, num_id, level, &values);
        let label = label.trim();
        (!label.is_empty()).then(|| label.to_string())
    }
}

/// A level's text with `%1`..`%9` replaced by the levels' numbers.
pub(super) fn render_level(
    numbering: &Numbering,
    num_id: &str,
    level: &Level,
    values: &[i64],
) -> String {
    if level.format == "bullet" {
        return bullet(&level.text, level.font.as_deref());
    }
    if level.format == "none" {
        return String::new();
    }
    let mut out = String::new();
    let mut chars = level.text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%' {
            if let Some(d) = chars.peek().and_then(|d| d.to_digit(10)) {
                chars.next();
                let index = (d as usize).saturating_sub(1);
                let value = values.get(index).copied().unwrap_or(1);
                let format = numbering
                    .level(num_id, index)
                    .map_or("decimal", |l| l.format.as_str());
                // A legal level shows every level in arabic numbers.
                let format = if level.legal { "decimal" } else { format };
                out.push_str(&format_number(value, format));
                continue;
            }
        }
        out.push(c);
    }
    out
}

/// A bullet as it should read in text: a character of a symbol font as
/// what the font draws (Wingdings `l` is `●`, Symbol `·` is `•`), Word's
/// second-level `o` (in Courier New) as `◦`, and a bullet in the private
/// use area of an unknown font as `•`.
pub(super) fn bullet(text: &str, font: Option<&str>) -> String {
    let t = text.trim();
    let mut chars = t.chars();
    let single = match (chars.next(), chars.next()) {
        (Some(c), None) => Some(c),
        _ => None,
    };
    if let (Some(font), Some(c)) = (font.and_then(symbol_font), single) {
        if let Some(shown) = symbol_char(font, u32::from(c)) {
            return shown.to_string();
        }
    }
    if single == Some('o') {
        return "\u{25E6}".to_string();
    }
    if t.is_empty() || t.chars().any(is_private) {
        "\u{2022}".to_string()
    } else {
        t.to_string()
    }
}

/// A number in a Word numbering format.
pub(super) fn format_number(n: i64, format: &str) -> String {
    let positive = u32::try_from(n).ok().filter(|&n| n > 0);
    match (format, positive) {
        ("lowerLetter", Some(n)) => letters(n, b'a'),
        ("upperLetter", Some(n)) => letters(n, b'A'),
        ("lowerRoman", Some(n)) if n < 4000 => roman(n),
        ("upperRoman", Some(n)) if n < 4000 => roman(n).to_uppercase(),
        ("decimalZero", _) if (0..10).contains(&n) => format!("0{n}"),
        ("ordinal", Some(n)) => {
            let suffix = match (n % 10, n % 100) {
                (_, 11..=13) => "th",
                (1, _) => "st",
                (2, _) => "nd",
                (3, _) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
        ("none", _) => String::new(),
        (zeros, _) if zeros.starts_with("decimalZero") => {
            let width = zeros
                .strip_prefix("decimalZero")
                .and_then(|w| w.parse::<usize>().ok())
                .unwrap_or(2);
            format!("{n:0width$}")
        }
        (other, Some(positive)) => {
            super::formats::script_number(positive, other).unwrap_or_else(|| n.to_string())
        }
        _ => n.to_string(),
    }
}

/// Word's letter numbering: a..z, then aa..zz, aaa...
pub(super) fn letters(n: u32, base: u8) -> String {
    let index = (n - 1) % 26;
    let count = ((n - 1) / 26 + 1).min(100) as usize;
    let letter = char::from(base + index as u8);
    std::iter::repeat_n(letter, count).collect()
}

/// A lowercase roman numeral; beyond 3999, where there is none, the number.
pub(super) fn roman(n: u32) -> String {
    let numeral = synoptic_core::structure::to_roman(n);
    if numeral.is_empty() {
        n.to_string()
    } else {
        numeral
    }
}
