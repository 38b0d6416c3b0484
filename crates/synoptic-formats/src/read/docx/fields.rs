//! Numbers that fields draw as Word lays the page out, with no result
//! stored in the file: `AUTONUM`, `AUTONUMLGL`, `AUTONUMOUT` and `LISTNUM`
//! (law firms' paragraph numbers, and the "(i) ... (ii) ..." inside a
//! sentence). The standard forbids storing a result for them, so a reader
//! that shows only stored results loses every such number.
//!
//! Each is numbered in document order, in both views: once every change is
//! accepted (a field deleted with tracking does not count) and once every
//! change is rejected (an inserted one does not), so that a number shifted
//! by an inserted paragraph reads as the renumbering it is.

use std::collections::HashMap;

use super::numbering::{format_number, LEVELS};
use super::xml::{is_on, Element};

/// What a legacy form field (`FORMCHECKBOX`, `FORMDROPDOWN`) shows: Word
/// draws it from its data (`w:ffData`), and stores no result for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum FormValue {
    /// A check box, checked or not.
    Checked(bool),
    /// A drop-down list's chosen entry.
    Choice(String),
}

/// A check box as Word draws it: ☒ checked, ☐ not.
pub(super) fn check_box(checked: bool) -> &'static str {
    if checked {
        "\u{2612}"
    } else {
        "\u{2610}"
    }
}

/// What the form field a field's begin mark holds (`w:ffData`) shows, if
/// Word draws it rather than storing a result: a text field
/// (`w:textInput`) shows its stored result, so it is `None`.
pub(super) fn form_value(begin: &Element) -> Option<FormValue> {
    let data = begin.child("ffData")?;
    if let Some(check) = data.child("checkBox") {
        let checked = match check.child("checked") {
            Some(c) => is_on(c),
            None => check.child("default").is_some_and(is_on),
        };
        return Some(FormValue::Checked(checked));
    }
    let list = data.child("ddList")?;
    let entries: Vec<&str> = list
        .children_named("listEntry")
        .filter_map(|e| e.attr("val"))
        .collect();
    // The chosen entry, else the default one, else the first.
    let index = ["result", "default"]
        .iter()
        .find_map(|name| list.child_val(name)?.parse::<usize>().ok())
        .unwrap_or(0);
    let chosen = entries.get(index).or(entries.first())?;
    Some(FormValue::Choice((*chosen).to_string()))
}

/// A field that numbers, as its code asks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct AutoField {
    /// The series it counts in: a `LISTNUM` list's name, or the `AUTONUM`
    /// kind (each counts apart).
    series: String,
    style: Style,
    /// The level asked for (1-based); `None` continues the series' level.
    level: Option<usize>,
    /// `LISTNUM \s`: the number this field shows.
    start: Option<i64>,
    /// `AUTONUM \s`: the character after the number instead of `.`.
    separator: Option<String>,
    /// `AUTONUMLGL \e`: no period after the number.
    bare: bool,
    /// `AUTONUM`, `AUTONUMLGL`, `AUTONUMOUT`: the level is the heading
    /// level of the paragraph, or one below the last heading's for body
    /// text (`1.2.3` then `1.2.3.1`).
    by_heading: bool,
    /// A general format switch (`\* ROMAN`, `\* alphabetic`): the number
    /// format of `AUTONUM` and `AUTONUMLGL` numbers.
    format: Option<&'static str>,
}

/// How a series' levels are drawn (Word's three built-in lists).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    /// `1)`, `a)`, `i)`, `(1)`, `(a)`, `(i)`, `1.`, `a.`, `i.`
    Number,
    /// `I.`, `A.`, `1.`, `a)`, `(1)`, `(a)`, `(i)`, `(a)`, `(i)`
    Outline,
    /// `1.`, `1.1.`, `1.1.1.`, ...
    Legal,
    /// `AUTONUM`: `1.`, `2.`, ...
    Plain,
}

/// The longest field code read: auto-numbering codes are short, and a
/// hostile file's endless code is cut rather than kept.
pub(super) const MAX_CODE: usize = 256;

/// True when a field's result is a listing Word makes from the rest of
/// the document: a table of contents (`TOC`), of authorities (`TOA`), an
/// index (`INDEX`). Every entry repeats a heading or a citation compared
/// where it stands, with a page number that moves with the layout.
pub(super) fn is_listing(code: &str) -> bool {
    code.split_whitespace().next().is_some_and(|name| {
        ["TOC", "TOA", "INDEX"]
            .iter()
            .any(|l| name.eq_ignore_ascii_case(l))
    })
}

/// True when a field's code asks Word to hide its result: a sequence
/// number with `\h` (`SEQ Table \h`), kept only to count, never shown.
pub(super) fn hides_result(code: &str) -> bool {
    let mut words = code.split_whitespace();
    words
        .next()
        .is_some_and(|name| name.eq_ignore_ascii_case("SEQ"))
        && words.any(|w| w.eq_ignore_ascii_case("\\h"))
}

/// The auto-numbering field a code asks for, if it is one.
pub(super) fn parse(code: &str) -> Option<AutoField> {
    let mut words = code.split_whitespace();
    let name = words.next()?.to_ascii_uppercase();
    let (style, series) = match name.as_str() {
        "AUTONUM" => (Style::Plain, "AUTONUM"),
        "AUTONUMLGL" => (Style::Legal, "AUTONUMLGL"),
        "AUTONUMOUT" => (Style::Outline, "AUTONUMOUT"),
        "LISTNUM" => (Style::Number, "NumberDefault"),
        _ => return None,
    };
    let mut field = AutoField {
        series: series.to_string(),
        style,
        level: None,
        start: None,
        separator: None,
        bare: false,
        by_heading: name != "LISTNUM",
        format: None,
    };
    let rest: Vec<&str> = words.collect();
    let mut i = 0;
    while i < rest.len() {
        let word = rest[i];
        let argument = rest.get(i + 1).map(|a| a.trim_matches('"'));
        match word.to_ascii_lowercase().as_str() {
            "\\l" if name == "LISTNUM" => {
                field.level = argument
                    .and_then(|a| a.parse::<usize>().ok())
                    .map(|l| l.clamp(1, LEVELS));
                i += 1;
            }
            "\\s" if name == "LISTNUM" => {
                field.start = argument.and_then(|a| a.parse().ok());
                i += 1;
            }
            "\\s" => {
                field.separator = argument.and_then(|a| a.chars().next()).map(String::from);
                i += 1;
            }
            "\\e" => field.bare = true,
            "\\*" => {
                // Case matters: `ROMAN` is I, II; `roman` is i, ii.
                field.format = match argument {
                    Some("ROMAN") => Some("upperRoman"),
                    Some("roman") => Some("lowerRoman"),
                    Some("ALPHABETIC") => Some("upperLetter"),
                    Some("alphabetic") => Some("lowerLetter"),
                    Some("Arabic") => Some("decimal"),
                    _ => field.format,
                };
                i += 1;
            }
            // Other formatting switches take an argument too.
            "\\@" | "\\#" => i += 1,
            _ if name == "LISTNUM" && i == 0 && !word.starts_with('\\') => {
                let list = word.trim_matches('"');
                field.series = list.to_string();
                field.style = match list.to_ascii_lowercase().as_str() {
                    "outlinedefault" => Style::Outline,
                    "legaldefault" => Style::Legal,
                    _ => Style::Number,
                };
            }
            _ => {}
        }
        i += 1;
    }
    Some(field)
}

/// One series' counters in one view.
#[derive(Debug, Default)]
struct Series {
    counters: [Option<i64>; LEVELS],
    /// The level last used (0-based).
    level: usize,
}

impl Series {
    /// The next number of the series at a level (0-based; `None`: the
    /// field's own, else the level last used), drawn.
    fn next(&mut self, field: &AutoField, level: Option<usize>) -> String {
        let level = level
            .or(field.level.map(|l| l - 1))
            .unwrap_or(self.level)
            .min(LEVELS - 1);
        self.level = level;
        let value = match (field.start, self.counters[level]) {
            (Some(start), _) => start,
            (None, Some(c)) => c.saturating_add(1),
            (None, None) => 1,
        };
        self.counters[level] = Some(value);
        for deeper in self.counters.iter_mut().skip(level + 1) {
            *deeper = None;
        }
        let value_at = |l: usize| self.counters[l].unwrap_or(1);
        match field.style {
            Style::Plain => {
                let separator = field.separator.as_deref().unwrap_or(".");
                let format = field.format.unwrap_or("decimal");
                format!("{}{separator}", format_number(value, format))
            }
            Style::Legal => {
                let format = field.format.unwrap_or("decimal");
                let numbers: Vec<String> = (0..=level)
                    .map(|l| format_number(value_at(l), format))
                    .collect();
                let end = if field.bare {
                    ""
                } else {
                    field.separator.as_deref().unwrap_or(".")
                };
                format!("{}{end}", numbers.join("."))
            }
            Style::Number | Style::Outline => {
                let (before, format, after) = drawn(field.style, level);
                format!("{before}{}{after}", format_number(value, format))
            }
        }
    }
}

/// A level of Word's built-in number and outline lists: what comes before
/// the number, its format, and what comes after.
fn drawn(style: Style, level: usize) -> (&'static str, &'static str, &'static str) {
    const NUMBER: [(&str, &str, &str); LEVELS] = [
        ("", "decimal", ")"),
        ("", "lowerLetter", ")"),
        ("", "lowerRoman", ")"),
        ("(", "decimal", ")"),
        ("(", "lowerLetter", ")"),
        ("(", "lowerRoman", ")"),
        ("", "decimal", "."),
        ("", "lowerLetter", "."),
        ("", "lowerRoman", "."),
    ];
    const OUTLINE: [(&str, &str, &str); LEVELS] = [
        ("", "upperRoman", "."),
        ("", "upperLetter", "."),
        ("", "decimal", "."),
        ("", "lowerLetter", ")"),
        ("(", "decimal", ")"),
        ("(", "lowerLetter", ")"),
        ("(", "lowerRoman", ")"),
        ("(", "lowerLetter", ")"),
        ("(", "lowerRoman", ")"),
    ];
    let table = if style == Style::Outline {
        &OUTLINE
    } else {
        &NUMBER
    };
    table[level.min(LEVELS - 1)]
}

/// The series of a document, counted in both views.
#[derive(Debug, Default)]
pub(super) struct AutoNumbers {
    result: HashMap<String, Series>,
    original: HashMap<String, Series>,
    /// The level (0-based) of the last heading numbered by heading level.
    last_heading: Option<usize>,
}

impl AutoNumbers {
    /// The number a field shows once changes are accepted and once they
    /// are rejected (`None` in a view it is not in).
    /// `heading` is the outline level (0-based) of the paragraph the
    /// field is in, if it is a heading.
    pub(super) fn next(
        &mut self,
        field: &AutoField,
        heading: Option<usize>,
        in_result: bool,
        in_original: bool,
    ) -> (Option<String>, Option<String>) {
        let level = if field.by_heading {
            let level = match heading {
                Some(h) => h,
                None => self.last_heading.map_or(0, |h| h + 1),
            };
            if heading.is_some() {
                self.last_heading = heading;
            }
            Some(level.min(LEVELS - 1))
        } else {
            None
        };
        let count = |views: &mut HashMap<String, Series>, counted: bool| {
            counted.then(|| {
                views
                    .entry(field.series.clone())
                    .or_default()
                    .next(field, level)
            })
        };
        (
            count(&mut self.result, in_result),
            count(&mut self.original, in_original),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(codes: &[&str]) -> Vec<String> {
        let mut numbers = AutoNumbers::default();
        codes
            .iter()
            .map(|c| {
                let field = parse(c).unwrap_or_else(|| panic!("{c} numbers"));
                numbers.next(&field, None, true, true).0.unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn a_sequence_number_may_hide_its_result() {
        assert!(hides_result(" SEQ Table \\h "));
        assert!(hides_result(" seq Figure \\* ARABIC \\H "));
        assert!(!hides_result(" SEQ Table \\* ARABIC "));
        // `\h` of a cross-reference makes a link, and hides nothing.
        assert!(!hides_result(" REF _Ref7 \\h "));
    }

    #[test]
    fn codes_that_number_and_codes_that_do_not() {
        assert!(parse(" PAGE ").is_none());
        assert!(parse(" SEQ Table \\* ARABIC ").is_none());
        assert!(parse("").is_none());
        assert!(parse(" listnum ").is_some());
        assert!(parse(" AUTONUM  \\* MERGEFORMAT ").is_some());
    }

    #[test]
    fn built_in_lists_draw_their_levels() {
        assert_eq!(
            shown(&[
                " LISTNUM NumberDefault \\l 1 ",
                " LISTNUM NumberDefault \\l 2 ",
                " LISTNUM NumberDefault \\l 2 ",
                " LISTNUM NumberDefault \\l 3 ",
                " LISTNUM NumberDefault \\l 1 ",
                " LISTNUM NumberDefault \\l 2 ",
            ]),
            ["1)", "a)", "b)", "i)", "2)", "a)"]
        );
        assert_eq!(
            shown(&[
                " LISTNUM LegalDefault \\l 1 ",
                " LISTNUM LegalDefault \\l 2 ",
                " LISTNUM LegalDefault \\l 3 ",
                " LISTNUM LegalDefault \\l 2 ",
                " LISTNUM \"OutlineDefault\" \\l 1 ",
                " LISTNUM OutlineDefault \\l 5 ",
            ]),
            ["1.", "1.1.", "1.1.1.", "1.2.", "I.", "(1)"]
        );
    }

    #[test]
    fn a_level_and_a_start_carry_on_and_series_count_apart() {
        // "(iv) ... (v)": the level and the numbering continue without `\l`.
        assert_eq!(
            shown(&[
                " LISTNUM NumberDefault \\l 6 \\s 4 ",
                " LISTNUM ",
                " AUTONUM ",
                " AUTONUM \\s : ",
                " AUTONUMLGL \\e ",
                " AUTONUMOUT ",
                " AUTONUM \\* ROMAN ",
                " LISTNUM Schedule \\l 4 ",
                " LISTNUM NumberDefault ",
            ]),
            ["(iv)", "(v)", "1.", "2:", "1", "I.", "III.", "(1)", "(vi)"]
        );
    }

    #[test]
    fn each_view_counts_only_its_fields() {
        let mut numbers = AutoNumbers::default();
        let field = parse(" AUTONUM ").unwrap();
        assert_eq!(
            numbers.next(&field, None, true, true),
            (Some("1.".into()), Some("1.".into()))
        );
        // Inserted: only once changes are accepted.
        assert_eq!(
            numbers.next(&field, None, true, false),
            (Some("2.".into()), None)
        );
        assert_eq!(
            numbers.next(&field, None, true, true),
            (Some("3.".into()), Some("2.".into()))
        );
    }

    #[test]
    fn legacy_auto_numbers_follow_the_heading_levels() {
        // Headings 1, 2, 2, body text, 1, body text.
        let mut numbers = AutoNumbers::default();
        let legal = parse(" AUTONUMLGL ").unwrap();
        let outline = parse(" AUTONUMOUT ").unwrap();
        let mut shown = Vec::new();
        for (field, heading) in [
            (&legal, Some(0)),
            (&legal, Some(1)),
            (&legal, Some(1)),
            (&legal, None),
            (&legal, None),
            (&legal, Some(0)),
            (&outline, Some(0)),
            (&outline, None),
        ] {
            shown.push(numbers.next(field, heading, true, true).0.unwrap());
        }
        assert_eq!(
            shown,
            ["1.", "1.1.", "1.2.", "1.2.1.", "1.2.2.", "2.", "I.", "A."]
        );
    }
}
