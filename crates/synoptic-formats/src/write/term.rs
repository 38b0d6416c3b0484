//! The terminal view: versions side by side in columns that fit the
//! terminal, changes coloured (or marked like `git diff --word-diff` when
//! colour is off), falling back to one version under another when the
//! terminal is too narrow for all columns.
//!
//! Input text never reaches the terminal raw: control characters (escape
//! sequences) and bidirectional overrides are removed first.
//!
//! Right-to-left text (Arabic) is written in logical order, as stored, and
//! no bidirectional control is added: a terminal without bidi support
//! (xterm, most terminals on Windows and macOS) shows the letters left to
//! right and unshaped; one that reorders lines (Konsole, mlterm, GNOME
//! Terminal with VTE's BiDi) shows each Arabic run right to left, but may
//! also move whole Arabic columns of a side-by-side line. For Arabic the
//! HTML view is the one to read.

use std::io::{self, Write};

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use synoptic_core::consolidate::{row_conflicts, RowConflict};
use synoptic_core::tokens::is_cjk;
use synoptic_core::{Cell, ChangeKind, Row, RowKind, Status, Synopsis};

use super::{
    cells_by_version, column_heading, display_ops, is_unsure, reasons_row, role_note,
    section_groups, section_title, summary_parts,
};

/// Options of the terminal view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TermOptions {
    /// The terminal width in columns; widths below 20 are treated as 20.
    pub width: usize,
    /// Whether to colour the output with ANSI escape sequences.
    pub color: bool,
}

impl Default for TermOptions {
    fn default() -> Self {
        TermOptions {
            width: 100,
            color: false,
        }
    }
}

/// Writes the synopsis as a side-by-side (or, when narrow, stacked) view
/// for a terminal.
pub fn write(synopsis: &Synopsis, options: &TermOptions, mut out: impl Write) -> io::Result<()> {
    let text = View::new(synopsis, options).render();
    out.write_all(text.as_bytes())?;
    out.flush()
}

/// The narrowest view we lay out; narrower requests get this width.
const MIN_WIDTH: usize = 20;
/// Below this column width the side-by-side layout is unreadable and the
/// view stacks the versions instead.
const MIN_COLUMN: usize = 18;
/// What separates two columns.
const SEPARATOR: &str = " │ ";

// SGR codes of the styles.
const PLAIN: &str = "";
const BOLD: &str = "1";
const DIM: &str = "2";
const NOTE: &str = "2;3";
const DEL: &str = "9;31";
const INS: &str = "4;34";
const DEL_MINOR: &str = "2;9;31";
const INS_MINOR: &str = "2;4;34";
const MODIFIED: &str = "1;33";
const ADDED: &str = "1;32";
const DELETED: &str = "1;31";
const CONFLICT: &str = "1;7;31";

/// A run of text in one style.
type Span = (String, &'static str);
/// One output line: spans whose display widths add up to at most the width
/// it was wrapped to.
type Line = Vec<Span>;

/// The text with every control character removed (line breaks and tabs
/// become spaces), and the bidirectional controls that could reorder what
/// the terminal shows.
fn sanitize(text: &str) -> String {
    text.chars()
        .filter_map(|c| match c {
            '\n' | '\r' | '\t' => Some(' '),
            c if c.is_control() => None,
            '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => None,
            c => Some(c),
        })
        .collect()
}

struct View<'a> {
    synopsis: &'a Synopsis,
    /// Per row, in order, the proposals whose changes collide there.
    conflicts: Vec<Option<RowConflict>>,
    color: bool,
    width: usize,
    /// The width of each version's column, or `None` for the stacked layout.
    column: Option<usize>,
}

impl<'a> View<'a> {
    fn new(synopsis: &'a Synopsis, options: &TermOptions) -> View<'a> {
        let width = options.width.max(MIN_WIDTH);
        let n = synopsis.versions.len();
        let column = match n {
            0 => None,
            n => {
                let separators = SEPARATOR.width() * (n - 1);
                Some(width.saturating_sub(separators) / n).filter(|&c| c >= MIN_COLUMN)
            }
        };
        View {
            synopsis,
            conflicts: row_conflicts(synopsis),
            color: options.color,
            width,
            column,
        }
    }

    fn render(&self) -> String {
        let mut lines: Vec<Line> = Vec::new();
        let conflicts = self.conflicts.iter().flatten().count();
        let summary = vec![(summary_parts(self.synopsis, conflicts).join(" · "), DIM)];
        lines.extend(wrap(&summary, self.width));
        lines.extend(wrap(&self.legend(), self.width));
        if let Some(column) = self.column {
            lines.push(Vec::new());
            let headers: Vec<Line> = self
                .synopsis
                .versions
                .iter()
                .enumerate()
                .map(|(i, v)| self.version_header(i, v))
                .collect();
            lines.extend(self.columns(&headers, column));
            lines.push(vec![("─".repeat(self.width), DIM)]);
        }
        let mut at = 0;
        for rows in section_groups(&self.synopsis.rows) {
            self.section(rows, at, &mut lines);
            at += rows.len();
        }
        if let Some(reasons) = reasons_row(self.synopsis) {
            self.reasons(&reasons, &mut lines);
        }
        let mut text = String::new();
        for line in lines {
            self.paint(&line, &mut text);
            text.push('\n');
        }
        text
    }

    fn legend(&self) -> Line {
        let mut legend: Line = Vec::new();
        legend.push(("Key: ".into(), DIM));
        legend.extend(self.change("deleted", ChangeKind::Delete, false, false));
        legend.push((" ".into(), PLAIN));
        legend.extend(self.change("inserted", ChangeKind::Insert, false, false));
        legend.push((" ".into(), PLAIN));
        legend.extend(self.change("uncertain", ChangeKind::Insert, false, true));
        for (mark, style, name) in [
            ("~", MODIFIED, " modified"),
            ("+", ADDED, " added"),
            ("-", DELETED, " deleted"),
            ("—", DIM, " absent"),
            ("!", CONFLICT, " conflict"),
        ] {
            legend.push(("  ".into(), PLAIN));
            legend.push((mark.into(), style));
            legend.push((name.into(), DIM));
        }
        legend
    }

    fn version_header(&self, index: usize, version: &synoptic_core::Version) -> Line {
        let heading = column_heading(self.synopsis, index);
        let mut header: Line = vec![(sanitize(&heading), BOLD)];
        let mut meta: Vec<String> = role_note(self.synopsis, version)
            .map(String::from)
            .into_iter()
            .collect();
        meta.extend(
            version
                .marker
                .iter()
                .chain(&version.reference)
                .map(|m| sanitize(m)),
        );
        if !meta.is_empty() {
            header.push((format!(" ({})", meta.join(", ")), DIM));
        }
        header
    }

    /// A section's rows, the first of which is row `at` of the synopsis.
    fn section(&self, rows: &[Row], at: usize, lines: &mut Vec<Line>) {
        let (heading, rest) = match rows.split_first() {
            Some((first, rest)) if first.kind == RowKind::Heading => (Some(first), rest),
            _ => (None, rows),
        };
        lines.push(Vec::new());
        lines.extend(wrap(&[(sanitize(section_title(rows)), BOLD)], self.width));
        // A changed opener is shown version by version like a paragraph.
        if let Some(row) =
            heading.filter(|row| Synopsis::row_is_changed(row) || !row.notes.is_empty())
        {
            self.row(row, at, lines);
        }
        let first = at + rows.len() - rest.len();
        for (i, row) in rest.iter().enumerate() {
            self.row(row, first + i, lines);
        }
    }

    /// The last row: each version's reasons under its column.
    fn reasons(&self, reasons: &[&str], lines: &mut Vec<Line>) {
        lines.push(Vec::new());
        lines.extend(wrap(&[("Reasons".to_string(), BOLD)], self.width));
        let cells: Vec<Line> = reasons.iter().map(|r| vec![(sanitize(r), PLAIN)]).collect();
        match self.column {
            Some(column) => lines.extend(self.columns(&cells, column)),
            None => {
                for (version, cell) in self.synopsis.versions.iter().zip(cells) {
                    let mut spans: Line = vec![(format!("{}: ", sanitize(&version.label)), BOLD)];
                    spans.extend(cell);
                    lines.extend(wrap(&spans, self.width));
                }
            }
        }
    }

    /// Row `at` of the synopsis: its id and label (and who collides there),
    /// then its cells.
    fn row(&self, row: &Row, at: usize, lines: &mut Vec<Line>) {
        let mut id: Line = vec![(sanitize(&row.id), DIM)];
        if let Some(label) = row.label.as_deref().filter(|l| !l.trim().is_empty()) {
            id.push((format!(" {}", sanitize(label)), DIM));
        }
        if let Some(conflict) = self.conflicts.get(at).and_then(Option::as_ref) {
            id.push(("  ".into(), PLAIN));
            id.push(("! conflict".into(), CONFLICT));
            id.push((
                format!(
                    ": {}",
                    conflict
                        .proposers
                        .iter()
                        .map(|p| sanitize(p))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                DIM,
            ));
        }
        lines.extend(wrap(&id, self.width));
        let cells: Vec<Line> = cells_by_version(self.synopsis, row)
            .into_iter()
            .map(|cell| cell.map_or_else(|| vec![("—".into(), DIM)], |c| self.cell(c)))
            .collect();
        match self.column {
            Some(column) => lines.extend(self.columns(&cells, column)),
            None => {
                // Stacked: each version's cell under the row id, indented
                // and introduced by the version's label.
                for (version, cell) in self.synopsis.versions.iter().zip(cells) {
                    let mut spans: Line = vec![(format!("{}: ", sanitize(&version.label)), BOLD)];
                    spans.extend(cell);
                    for line in wrap(&spans, self.width - 2) {
                        let mut indented = vec![("  ".to_string(), PLAIN)];
                        indented.extend(line);
                        lines.push(indented);
                    }
                }
            }
        }
        // What the input says about the row, under its cells.
        for note in &row.notes {
            for line in wrap(&[(sanitize(note), DIM)], self.width - 2) {
                let mut indented = vec![("  ".to_string(), PLAIN)];
                indented.extend(line);
                lines.push(indented);
            }
        }
    }

    /// The cells side by side: each wrapped to the column width, padded,
    /// and joined with the separator.
    fn columns(&self, cells: &[Line], column: usize) -> Vec<Line> {
        let wrapped: Vec<Vec<Line>> = cells.iter().map(|c| wrap(c, column)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(0);
        let mut lines = Vec::with_capacity(height);
        for i in 0..height {
            let mut line: Line = Vec::new();
            for (j, cell) in wrapped.iter().enumerate() {
                if j > 0 {
                    line.push((SEPARATOR.into(), DIM));
                }
                let part = cell.get(i).cloned().unwrap_or_default();
                let used: usize = part.iter().map(|(t, _)| term_width(t)).sum();
                line.extend(part);
                if j + 1 < wrapped.len() {
                    line.push((" ".repeat(column.saturating_sub(used)), PLAIN));
                }
            }
            lines.push(line);
        }
        lines
    }

    fn cell(&self, cell: &Cell) -> Line {
        let mut spans: Line = Vec::new();
        let mark = match cell.status {
            Status::Unchanged => None,
            Status::Modified => Some(("~", MODIFIED)),
            Status::Added => Some(("+", ADDED)),
            Status::Deleted => Some(("-", DELETED)),
            Status::Absent => return vec![("—".into(), DIM)],
        };
        if let Some((mark, style)) = mark {
            spans.push((mark.into(), style));
            spans.push((" ".into(), PLAIN));
        }
        let label = cell
            .label
            .as_deref()
            .map(sanitize)
            .filter(|l| !l.trim().is_empty());
        match (cell.former_label.as_deref().map(sanitize), label) {
            (Some(former), Some(label)) => {
                spans.extend(self.change(&former, ChangeKind::Delete, false, false));
                spans.extend(self.change(&label, ChangeKind::Insert, false, false));
                spans.push((" ".into(), PLAIN));
            }
            (Some(former), None) => {
                spans.extend(self.change(&former, ChangeKind::Delete, false, false));
                spans.push((" ".into(), PLAIN));
            }
            (None, Some(label)) => {
                spans.push((label, BOLD));
                spans.push((" ".into(), PLAIN));
            }
            (None, None) => {}
        }
        for op in display_ops(cell) {
            spans.extend(self.change(&sanitize(&op.text), op.kind, op.minor, is_unsure(&op)));
        }
        if let Some(target) = &cell.moved {
            let note = if cell.status == Status::Added {
                "moved from"
            } else {
                "moved to"
            };
            spans.push((format!(" ({note} {})", sanitize(target)), NOTE));
        }
        spans
    }

    /// One change, styled; without colour, marked like `git diff
    /// --word-diff` (`[-deleted-]{+inserted+}`). An uncertain change is
    /// followed by `?`.
    fn change(&self, text: &str, kind: ChangeKind, minor: bool, unsure: bool) -> Line {
        let mut spans: Line = match (kind, self.color) {
            (ChangeKind::Equal, _) => vec![(text.to_string(), PLAIN)],
            (ChangeKind::Delete, true) => {
                vec![(text.to_string(), if minor { DEL_MINOR } else { DEL })]
            }
            (ChangeKind::Insert, true) => {
                vec![(text.to_string(), if minor { INS_MINOR } else { INS })]
            }
            (ChangeKind::Delete, false) => vec![(format!("[-{text}-]"), PLAIN)],
            (ChangeKind::Insert, false) => vec![(format!("{{+{text}+}}"), PLAIN)],
        };
        if unsure && kind != ChangeKind::Equal {
            spans.push(("?".into(), DIM));
        }
        spans
    }

    fn paint(&self, line: &[Span], out: &mut String) {
        // Trailing blanks would only pad the last column; drop them.
        let end = line
            .iter()
            .rposition(|(t, _)| !t.trim_end().is_empty())
            .map_or(0, |i| i + 1);
        for (i, (text, style)) in line[..end].iter().enumerate() {
            let text = if i + 1 == end { text.trim_end() } else { text };
            if self.color && !style.is_empty() {
                out.push_str(&format!("\u{1b}[{style}m{text}\u{1b}[0m"));
            } else {
                out.push_str(text);
            }
        }
    }
}

/// The columns a text takes in a terminal: the sum of its characters'
/// widths. Terminals give every character its own cells, so this is not
/// `str::width`, which counts the Arabic lam-alef ligature as one column
/// where a terminal shows two letters; mixing the two would cut words.
fn term_width(text: &str) -> usize {
    text.chars().map(|c| c.width().unwrap_or(0)).sum()
}

/// A word: the spans between two runs of whitespace (one word may mix
/// styles, as in `b` deleted then `c)` inserted). Chinese and Japanese,
/// which write no spaces, may break before any Han or Kana character: each
/// is a word of its own, with the punctuation after it ("到，").
enum Unit {
    Space(&'static str),
    Word(Line),
}

fn units(spans: &[Span]) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut word: Line = Vec::new();
    for (text, style) in spans {
        for c in text.chars() {
            if c.is_whitespace() {
                if !word.is_empty() {
                    units.push(Unit::Word(std::mem::take(&mut word)));
                }
                if !matches!(units.last(), Some(Unit::Space(_))) {
                    units.push(Unit::Space(style));
                }
            } else {
                let after_cjk = word
                    .last()
                    .and_then(|(t, _)| t.chars().last())
                    .is_some_and(is_cjk);
                if !word.is_empty() && (is_cjk(c) || (after_cjk && c.is_alphanumeric())) {
                    units.push(Unit::Word(std::mem::take(&mut word)));
                }
                push_char(&mut word, c, style);
            }
        }
    }
    if !word.is_empty() {
        units.push(Unit::Word(word));
    }
    units
}

fn push_char(line: &mut Line, c: char, style: &'static str) {
    match line.last_mut() {
        Some((text, s)) if *s == style => text.push(c),
        _ => line.push((c.to_string(), style)),
    }
}

/// Lines being filled, and how much of the last one is used.
struct Wrapper {
    lines: Vec<Line>,
    used: usize,
    width: usize,
}

impl Wrapper {
    fn new_line(&mut self) {
        self.lines.push(Vec::new());
        self.used = 0;
    }

    /// Adds a character to the last line, starting a new line first when
    /// it would not fit.
    fn push(&mut self, c: char, style: &'static str) {
        let w = c.width().unwrap_or(0);
        if self.used > 0 && self.used + w > self.width {
            self.new_line();
        }
        match self.lines.last_mut() {
            Some(line) => push_char(line, c, style),
            None => self.lines.push(vec![(c.to_string(), style)]),
        }
        self.used += w;
    }
}

/// The spans wrapped into lines no wider than `width` display columns:
/// words move to the next line whole, and a word longer than a line is cut.
fn wrap(spans: &[Span], width: usize) -> Vec<Line> {
    // Two columns hold any character, wide ones included.
    let mut out = Wrapper {
        lines: vec![Vec::new()],
        used: 0,
        width: width.max(2),
    };
    let mut space: Option<&'static str> = None;
    for unit in units(spans) {
        match unit {
            // Spaces at the start of a line are dropped.
            Unit::Space(style) => space = space.or(Some(style)).filter(|_| out.used > 0),
            Unit::Word(word) => {
                let w: usize = word.iter().map(|(t, _)| term_width(t)).sum();
                let gap = usize::from(space.is_some());
                if out.used > 0 && out.used + gap + w > out.width {
                    out.new_line();
                } else if let Some(style) = space {
                    out.push(' ', style);
                }
                space = None;
                for (text, style) in word {
                    for c in text.chars() {
                        out.push(c, style);
                    }
                }
            }
        }
    }
    out.lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::test_support::{hostile, sample};

    fn render(s: &Synopsis, width: usize, color: bool) -> String {
        let mut buf = Vec::new();
        write(s, &TermOptions { width, color }, &mut buf).expect("write to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    /// The text without our SGR sequences.
    fn strip_sgr(text: &str) -> String {
        let mut out = String::new();
        let mut rest = text;
        while let Some(i) = rest.find('\u{1b}') {
            out.push_str(&rest[..i]);
            rest = &rest[i..];
            match rest.find('m') {
                Some(end) => rest = &rest[end + 1..],
                None => rest = "",
            }
        }
        out.push_str(rest);
        out
    }

    #[test]
    fn snapshot_plain() {
        insta::assert_snapshot!(render(&sample(), 120, false));
    }

    #[test]
    fn snapshot_color() {
        insta::assert_snapshot!(render(&sample(), 120, true));
    }

    #[test]
    fn snapshot_stacked() {
        insta::assert_snapshot!(render(&sample(), 50, false));
    }

    #[test]
    fn deterministic() {
        assert_eq!(render(&sample(), 90, true), render(&sample(), 90, true));
    }

    #[test]
    fn no_line_exceeds_the_width() {
        for s in [sample(), hostile()] {
            for width in [20, 31, 40, 56, 57, 60, 80, 100, 120, 200] {
                for color in [false, true] {
                    let text = strip_sgr(&render(&s, width, color));
                    for line in text.lines() {
                        assert!(line.width() <= width, "{width} {color}: {line:?}");
                        assert_eq!(line, line.trim_end(), "trailing blanks: {line:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn wraps_wide_characters_and_long_words() {
        let mut s = sample();
        if let Some(cell) = s.rows.get_mut(1).and_then(|r| r.cells.get_mut(1)) {
            cell.ops.push(synoptic_core::Change::insert(
                " 标准化差距标准化差距标准化差距标准化差距 https://www.itu.int/en/ITU-T/gap/Pages/a-very-long-address.aspx",
            ));
        }
        for width in [20, 21, 60, 61, 80] {
            let text = strip_sgr(&render(&s, width, true));
            assert!(text.lines().all(|l| l.width() <= width), "{width}");
        }
    }

    #[test]
    fn chinese_breaks_between_characters_and_arabic_stays_logical() {
        let spans: Vec<Span> = vec![
            ("a) ".into(), PLAIN),
            (
                "研究组批准的建议书应在批准后六个月内译成其他正式语文；".into(),
                PLAIN,
            ),
        ];
        let lines = wrap(&spans, 20);
        // The label keeps the first line company: no line is left half empty.
        let first: String = lines[0].iter().map(|(t, _)| t.as_str()).collect();
        assert!(first.starts_with("a) 研究组"), "{first}");
        for line in &lines {
            let text: String = line.iter().map(|(t, _)| t.as_str()).collect();
            assert!(text.width() <= 20 && text.width() >= 18, "{text:?}");
            assert!(!text.starts_with('；'), "{text:?}");
        }
        let arabic = "أن ينشر مكتب تقييس الاتصالات (TSB) النصوص";
        let lines = wrap(&[(arabic.to_string(), PLAIN)], 200);
        let text: String = lines[0].iter().map(|(t, _)| t.as_str()).collect();
        // Logical order, nothing added.
        assert_eq!(text, arabic);
        assert_eq!(sanitize("\u{202B}مكتب\u{202C}\u{200F}"), "مكتب");
    }

    #[test]
    fn layout_follows_the_width() {
        let wide = render(&sample(), 120, false);
        assert!(wide.contains(" │ "));
        let narrow = render(&sample(), 50, false);
        assert!(!narrow.contains(" │ "));
        assert!(narrow.contains("  CITEL: ~ a) that"));
        // Tiny or zero widths do not panic.
        for width in [0, 1, 5] {
            let text = render(&sample(), width, false);
            assert!(text.lines().all(|l| l.width() <= MIN_WIDTH));
        }
        assert!(!render(&Synopsis::default(), 80, true).is_empty());
    }

    #[test]
    fn plain_marks_changes_like_word_diff() {
        let text = render(&sample(), 200, false);
        assert!(!text.contains('\u{1b}'));
        assert!(text.contains("[-Busan, 2014-]?{+Dubai, 2018+}?"));
        assert!(text.contains("[-b)-]{+c)+} the need"));
        assert!(text.contains("(moved to resolves/2+1)"));
    }

    #[test]
    fn color_styles_changes() {
        let text = render(&sample(), 200, true);
        assert!(text.contains("\u{1b}[9;31mBusan, 2014\u{1b}[0m"));
        assert!(text.contains("\u{1b}[4;34mDubai, 2018\u{1b}[0m"));
        assert!(text.contains("\u{1b}[1mconsidering\u{1b}[0m"));
    }

    #[test]
    fn strips_control_characters_from_input() {
        for color in [false, true] {
            let text = render(&hostile(), 100, color);
            assert!(
                !text.contains("\u{1b}[31m"),
                "escape from input reached the output"
            );
            assert!(!text.contains('\u{202e}'));
            assert!(text.contains("[31mred"));
            assert!(text.contains("Comments: <script>alert(1)</script>"));
            if !color {
                assert!(!text.contains('\u{1b}'));
            }
        }
        assert_eq!(sanitize("a\u{1b}[2Jb\u{7}\nc\u{9b}d"), "a[2Jb cd");
    }
}
