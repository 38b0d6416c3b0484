//! Reader for an existing side-by-side table flattened to text, such as the
//! "Resolution 44 proposals side-by-side" of the ITU corpus.
//!
//! The layout (see the corpus README): the title on the first line, one
//! header line per column (`<TAB>Proposal 2 (MOD, WTSA C-035 ATU Add08)
//! (ATU)`), then the table rows. Each cell starts on a line that begins with
//! a tab; a row starts after a blank line. An empty cell is a line holding a
//! tab alone, which is how the empty first column shows.
//!
//! Real files are damaged, and each kind of damage is handled here:
//!
//! - a cell may start with a space and a tab, or with a space and no tab at
//!   all (its first line lost the tab);
//! - row boundaries may be lost, so one row holds the cells of several
//!   (the annex programmes): such a row is cut into groups of one cell per
//!   column, a new group starting where a cell's heading changes
//!   ("Programme 2" after "Programme 1");
//! - a cell that lost its heading line with its tab takes the heading of
//!   the other cells of its group, and a note says so;
//! - Word debris: `[bookmark: ...]` and `[footnoteRef:N]` are dropped,
//!   footnotes `[N: text]` become notes of the version, stray image names
//!   and the footnote separator line are dropped.
//!
//! Paragraph texts stay flattened: deleted and inserted text glued together
//! ("Hammamet, 2016Geneva, 2022"), labels as written (`bc)`). Recovering the
//! changes is [`synoptic_core::recover`]'s job.

use synoptic_core::compare::VersionInput;
use synoptic_core::structure::{section_slug, split_label, Openers};
use synoptic_core::{Document, Metadata, Paragraph, Section};

use super::{decode, normalize_newlines, ReadError};

/// A side-by-side table read from text: its title and its columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SideBySide {
    /// The table's title ("Resolution 44 proposals side-by-side").
    pub title: String,
    /// The columns in table order, one per header cell, empty ones included.
    pub columns: Vec<Column>,
}

/// One column of the table: one proposal's version of the text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Column {
    /// The column's name: the group in the header's last parentheses
    /// (`ATU`), or the whole header cell when it has none.
    pub label: String,
    /// The proposal marker (`MOD`), from the cells or the header.
    pub marker: Option<String>,
    /// The proposal reference: the one next to the marker in the cells
    /// (`AFCP/35A8/1`), else the header's document number.
    pub reference: Option<String>,
    /// The document number the header names (`WTSA C-035 ATU Add08`).
    pub document_number: Option<String>,
    /// The column's text, flattened, with marker, reference and notes in
    /// its metadata. Empty (no sections) for an empty column.
    pub document: Document,
}

impl SideBySide {
    /// The columns as inputs of [`synoptic_core::compare`], labelled by
    /// their group names.
    pub fn version_inputs(&self) -> Vec<VersionInput> {
        self.columns
            .iter()
            .map(|c| VersionInput {
                label: c.label.clone(),
                document: c.document.clone(),
            })
            .collect()
    }
}

/// Reads a side-by-side table from the bytes of a file (UTF-8 or UTF-16
/// with a byte order mark).
pub fn read_bytes(bytes: &[u8]) -> Result<SideBySide, ReadError> {
    read(&decode(bytes)?)
}

/// Reads a side-by-side table from text.
///
/// Fails when the text has no column header (a file that is not such a
/// table); any table body, however damaged, gives a result.
pub fn read(text: &str) -> Result<SideBySide, ReadError> {
    let text = normalize_newlines(text);
    let lines: Vec<&str> = text.split('\n').collect();

    // The title: the first non-blank line, unless it is already a cell.
    let mut i = 0;
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }
    let mut title = String::new();
    // The title may be indented with spaces, but not with a tab.
    if i < lines.len() && !lines[i].trim_start_matches(' ').starts_with('\t') {
        title = lines[i].trim().to_string();
        i += 1;
    }
    while i < lines.len() && lines[i].trim().is_empty() {
        i += 1;
    }

    // The header: consecutive non-empty cells.
    let header_line = i + 1;
    let mut headers: Vec<&str> = Vec::new();
    while i < lines.len() {
        match cell_start(lines[i]) {
            Some(content) if !content.trim().is_empty() => {
                headers.push(content.trim());
                i += 1;
            }
            _ => break,
        }
    }
    if headers.is_empty() {
        return Err(ReadError::Syntax {
            line: header_line.min(lines.len().max(1)),
            message: "no column header: expected lines like \
                      `<TAB>Proposal 1 (MOD, DOC) (GROUP)` after the title"
                .to_string(),
        });
    }
    let mut columns: Vec<ColumnBuilder> = headers.iter().map(|h| ColumnBuilder::new(h)).collect();

    let rows = split_rows(&lines[i..]);
    let placed = place_cells(rows, columns.len());
    let openers = Openers::itu();
    for (c, cells) in placed.into_iter().enumerate() {
        for cell in cells {
            columns[c].add_cell(&cell, &openers);
        }
    }
    Ok(SideBySide {
        title,
        columns: columns.into_iter().map(ColumnBuilder::finish).collect(),
    })
}

/// The content of a line that starts a cell: after a leading tab, after
/// spaces and a tab, or (a cell whose first line lost its tab) after
/// leading spaces.
fn cell_start(line: &str) -> Option<&str> {
    if let Some(rest) = line.strip_prefix('\t') {
        return Some(rest);
    }
    let trimmed = line.trim_start_matches(' ');
    if trimmed.len() == line.len() {
        return None;
    }
    if let Some(rest) = trimmed.strip_prefix('\t') {
        return Some(rest);
    }
    if trimmed.trim().is_empty() {
        return None;
    }
    Some(trimmed)
}

/// True for the line Word puts above footnotes, which ends the table.
fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 5 && t.chars().all(|c| c == '_')
}

/// True for the name of an embedded picture left in the text ("image1.gif").
fn is_image_name(line: &str) -> bool {
    let t = line.trim().to_ascii_lowercase();
    let stem_ok = |stem: &str| {
        stem.strip_prefix("image")
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    [
        "gif", "png", "jpg", "jpeg", "emf", "wmf", "bmp", "tif", "tiff",
    ]
    .iter()
    .any(|ext| {
        t.strip_suffix(ext)
            .and_then(|s| s.strip_suffix('.'))
            .is_some_and(stem_ok)
    })
}

/// One cell: its lines, the first being the content after the tab.
#[derive(Debug, Clone, Default)]
struct RawCell {
    lines: Vec<String>,
    /// The heading this cell lost, taken from the other cells of its row.
    borrowed_heading: Option<String>,
}

impl RawCell {
    fn is_blank(&self) -> bool {
        self.lines.iter().all(|l| l.trim().is_empty())
    }

    /// The first non-blank line, cleaned of debris.
    fn first_line(&self) -> Option<String> {
        self.lines
            .iter()
            .map(|l| clean_line(l).0)
            .find(|l| !l.trim().is_empty())
    }
}

/// Cuts the table body into rows of cells.
fn split_rows(lines: &[&str]) -> Vec<Vec<RawCell>> {
    let mut rows: Vec<Vec<RawCell>> = Vec::new();
    let mut after_blank = true;
    for line in lines {
        if is_separator(line) {
            break;
        }
        // A line holding a tab alone is an empty cell, not a blank line.
        if !line.contains('\t') && line.trim().is_empty() {
            // A blank line inside a cell separates paragraphs; before a cell
            // start it ends the row.
            after_blank = true;
            if let Some(cell) = rows.last_mut().and_then(|r| r.last_mut()) {
                cell.lines.push(String::new());
            }
            continue;
        }
        if is_image_name(line) {
            continue;
        }
        match cell_start(line) {
            Some(content) => {
                if after_blank || rows.is_empty() {
                    rows.push(Vec::new());
                }
                if let Some(row) = rows.last_mut() {
                    row.push(RawCell {
                        lines: vec![content.to_string()],
                        borrowed_heading: None,
                    });
                }
            }
            None => {
                if rows.is_empty() {
                    rows.push(Vec::new());
                }
                if let Some(row) = rows.last_mut() {
                    if row.is_empty() {
                        row.push(RawCell::default());
                    }
                    if let Some(cell) = row.last_mut() {
                        cell.lines.push((*line).to_string());
                    }
                }
            }
        }
        after_blank = false;
    }
    rows
}

/// A key for a cell's heading, to tell where a run-together row changes
/// part ("programme-1" then "programme-2"); `None` without a heading.
fn heading_key(cell: &RawCell, openers: &Openers) -> Option<String> {
    let first = cell.first_line()?;
    let m = openers.match_opener(&first)?;
    Some(section_slug(&m.text))
}

/// Distributes the rows' cells to the columns, in document order per
/// column.
fn place_cells(rows: Vec<Vec<RawCell>>, columns: usize) -> Vec<Vec<RawCell>> {
    let mut placed: Vec<Vec<RawCell>> = vec![Vec::new(); columns];
    if columns == 0 {
        return placed;
    }
    // A column is empty when every well-formed row leaves it blank.
    let mut empty = vec![true; columns];
    let mut well_formed = 0usize;
    for row in rows.iter().filter(|r| r.len() == columns) {
        well_formed += 1;
        for (c, cell) in row.iter().enumerate() {
            if !cell.is_blank() {
                empty[c] = false;
            }
        }
    }
    if well_formed == 0 {
        empty = vec![false; columns];
    }
    let mut active: Vec<usize> = (0..columns).filter(|&c| !empty[c]).collect();
    if active.is_empty() {
        active = (0..columns).collect();
    }
    let openers = Openers::itu();

    for row in rows {
        let fits = row.len() == columns
            && row
                .iter()
                .enumerate()
                .all(|(c, cell)| !empty[c] || cell.is_blank());
        if fits {
            for (c, cell) in row.into_iter().enumerate() {
                if !cell.is_blank() {
                    placed[c].push(cell);
                }
            }
            continue;
        }
        // A damaged row: its non-blank cells, cut into groups of one cell
        // per non-empty column, a new group where the heading changes.
        let mut groups: Vec<(Option<String>, Vec<RawCell>)> = Vec::new();
        for cell in row.into_iter().filter(|c| !c.is_blank()) {
            let key = heading_key(&cell, &openers);
            let new_group = match groups.last() {
                None => true,
                Some((group_key, cells)) => {
                    cells.len() >= active.len()
                        || (key.is_some() && group_key.is_some() && key != *group_key)
                }
            };
            if new_group {
                groups.push((key, vec![cell]));
            } else if let Some((group_key, cells)) = groups.last_mut() {
                if group_key.is_none() {
                    *group_key = key;
                }
                cells.push(cell);
            }
        }
        for (_, mut cells) in groups {
            let heading = cells.iter().find_map(|c| {
                let first = c.first_line()?;
                openers.match_opener(&first).map(|_| first)
            });
            for (k, mut cell) in cells.drain(..).enumerate() {
                if heading_key(&cell, &openers).is_none() {
                    cell.borrowed_heading.clone_from(&heading);
                }
                if let Some(&c) = active.get(k) {
                    placed[c].push(cell);
                }
            }
        }
    }
    placed
}

/// Removes Word debris from a line: bookmarks and footnote references are
/// dropped, footnote texts returned as notes.
fn clean_line(line: &str) -> (String, Vec<String>) {
    let mut out = String::with_capacity(line.len());
    let mut notes = Vec::new();
    let mut rest = line;
    while let Some(open) = rest.find('[') {
        out.push_str(&rest[..open]);
        let after = &rest[open..];
        let close = after.find(']');
        if let Some(body) = after.strip_prefix("[bookmark:") {
            rest = match body.find(']') {
                Some(end) => &body[end + 1..],
                None => "",
            };
        } else if let Some(body) = after.strip_prefix("[footnoteRef:") {
            rest = match body.find(']') {
                // The visible footnote number follows the reference.
                Some(end) => body[end + 1..].trim_start_matches(|c: char| c.is_ascii_digit()),
                None => "",
            };
        } else if let Some(end) = close.filter(|_| is_footnote(after)) {
            let inner = &after[1..end];
            let (number, text) = inner.split_once(':').unwrap_or(("", inner));
            let text = text
                .trim_start()
                .trim_start_matches(|c: char| c.is_ascii_digit())
                .trim();
            notes.push(format!("footnote {}: {}", number.trim(), text));
            rest = &after[end + 1..];
        } else {
            out.push('[');
            rest = &after[1..];
        }
    }
    out.push_str(rest);
    (out, notes)
}

/// True when `s` starts like a footnote text: `[12: ...`.
fn is_footnote(s: &str) -> bool {
    let body = &s[1..];
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && body[digits..].starts_with(':')
}

/// The proposal markers of ITU documents.
const MARKERS: &[&str] = &["MOD", "ADD", "SUP", "NOC"];

/// Splits a marker off a cell's first line: `MOD<TAB>AFCP/35A8/1` gives the
/// marker, the reference and no text; `MOD  RESOLUTION 44 ...` the marker
/// and the text after it.
fn split_marker(line: &str) -> Option<(String, Option<String>, String)> {
    let t = line.trim_start();
    let end = t.find(char::is_whitespace).unwrap_or(t.len());
    let word = &t[..end];
    if !MARKERS.contains(&word) {
        return None;
    }
    let rest = t[end..].trim();
    let is_reference = !rest.is_empty()
        && !rest.contains(char::is_whitespace)
        && rest.contains('/')
        && rest.chars().any(|c| c.is_ascii_digit());
    if is_reference {
        Some((word.to_string(), Some(rest.to_string()), String::new()))
    } else {
        Some((word.to_string(), None, rest.to_string()))
    }
}

/// A column being read.
struct ColumnBuilder {
    label: String,
    header_marker: Option<String>,
    document_number: Option<String>,
    marker: Option<String>,
    reference: Option<String>,
    notes: Vec<String>,
    sections: Vec<Section>,
}

impl ColumnBuilder {
    /// Reads a header cell: `Proposal 2 (MOD, WTSA C-035 ATU Add08) (ATU)`.
    fn new(header: &str) -> Self {
        let groups = paren_groups(header);
        let label = match groups.last() {
            Some(g) if !g.trim().is_empty() => g.trim().to_string(),
            _ => header.trim().to_string(),
        };
        let (mut header_marker, mut document_number) = (None, None);
        if groups.len() >= 2 {
            let meta = groups[groups.len() - 2];
            let (first, second) = meta.split_once(',').unwrap_or((meta, ""));
            let first = first.trim();
            if MARKERS.contains(&first) {
                header_marker = Some(first.to_string());
                document_number = Some(second.trim().to_string()).filter(|s| !s.is_empty());
            } else {
                document_number = Some(meta.trim().to_string()).filter(|s| !s.is_empty());
            }
        }
        let mut notes = Vec::new();
        if let Some(d) = &document_number {
            notes.push(format!("document: {d}"));
        }
        ColumnBuilder {
            label,
            header_marker,
            document_number,
            marker: None,
            reference: None,
            notes,
            sections: Vec::new(),
        }
    }

    fn add_cell(&mut self, cell: &RawCell, openers: &Openers) {
        // Clean lines, footnotes to notes, blank lines dropped.
        let mut lines: Vec<String> = Vec::new();
        for raw in &cell.lines {
            let (line, notes) = clean_line(raw);
            self.notes.extend(notes);
            let line = line.trim().to_string();
            if !line.is_empty() {
                lines.push(line);
            }
        }
        // The marker opens the cell.
        if let Some(first) = lines.first() {
            if let Some((marker, reference, text)) = split_marker(first) {
                match (&self.marker, reference) {
                    (None, reference) => {
                        self.marker = Some(marker);
                        self.reference = reference;
                    }
                    (Some(_), Some(r)) => self.notes.push(format!("marker: {marker} {r}")),
                    (Some(_), None) => self.notes.push(format!("marker: {marker}")),
                }
                if text.is_empty() {
                    lines.remove(0);
                } else {
                    lines[0] = text;
                }
            }
        }
        let lines = join_continuations(lines, openers);
        let mut section: Option<Section> = None;
        if let Some(heading) = &cell.borrowed_heading {
            let first_is_heading = lines.first().is_some_and(|l| is_heading(l, openers, true));
            if !first_is_heading {
                if let Some(opener) = opener_paragraph(heading, openers) {
                    self.notes.push(format!(
                        "the heading \"{}\" was lost in the flattened table; taken from the \
                         other columns",
                        opener.text
                    ));
                    section = Some(Section {
                        opener: Some(opener),
                        paragraphs: Vec::new(),
                    });
                }
            }
        }
        for (k, line) in lines.iter().enumerate() {
            if is_heading(line, openers, k == 0) {
                if let Some(s) = section.take() {
                    self.sections.push(s);
                }
                section = Some(Section {
                    opener: opener_paragraph(line, openers),
                    paragraphs: Vec::new(),
                });
                continue;
            }
            let paragraph = match split_label(line) {
                Some((label, rest)) => Paragraph::labelled(label.trim(), rest.trim()),
                None => Paragraph::new(line.trim()),
            };
            section
                .get_or_insert_with(Section::default)
                .paragraphs
                .push(paragraph);
        }
        if let Some(s) = section {
            self.sections.push(s);
        }
    }

    fn finish(self) -> Column {
        let marker = self.marker.or(self.header_marker);
        let reference = self.reference.or_else(|| self.document_number.clone());
        Column {
            label: self.label,
            marker: marker.clone(),
            reference: reference.clone(),
            document_number: self.document_number,
            document: Document {
                sections: self.sections,
                metadata: Metadata {
                    marker,
                    reference,
                    notes: self.notes,
                    ..Metadata::default()
                },
            },
        }
    }
}

/// The contents of the top-level parenthesised groups of a header cell.
fn paren_groups(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i + 1;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(&s[start..i]);
                }
            }
            _ => {}
        }
    }
    out
}

/// True when a line opens a section. Beside the opener list, the first line
/// of a cell counts when it is short, unlabelled, lowercase and unpunctuated,
/// which is how a renamed opener flattens ("taking into accountrecognizing
/// further").
fn is_heading(line: &str, openers: &Openers, first_of_cell: bool) -> bool {
    if openers.match_opener(line).is_some() {
        return true;
    }
    first_of_cell
        && split_label(line).is_none()
        && line.split_whitespace().count() <= 6
        && line.starts_with(|c: char| c.is_lowercase())
        && !line.ends_with([';', '.', ',', ':'])
}

/// The opener paragraph of a heading line, its label ("I" before
/// "Programme 1") kept apart.
fn opener_paragraph(line: &str, openers: &Openers) -> Option<Paragraph> {
    match openers.match_opener(line) {
        Some(m) => Some(Paragraph {
            label: m.label,
            ..Paragraph::new(m.text)
        }),
        None => {
            let t = line.trim();
            (!t.is_empty()).then(|| Paragraph::new(t))
        }
    }
}

/// Joins a line broken inside a sentence to the line before it: the
/// previous line ends in a letter or digit, this one starts in lowercase
/// and has no label ("Bridging the standardization gap between developing"
/// / "and developed countries").
fn join_continuations(lines: Vec<String>, openers: &Openers) -> Vec<String> {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        let joins = out.last().is_some_and(|prev: &String| {
            prev.ends_with(|c: char| c.is_alphanumeric())
                && openers.match_opener(prev).is_none()
                && line.starts_with(|c: char| c.is_lowercase())
                && split_label(&line).is_none()
                && openers.match_opener(&line).is_none()
        });
        match out.last_mut() {
            Some(prev) if joins => {
                prev.push(' ');
                prev.push_str(&line);
            }
            _ => out.push(line),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_cells() {
        let c = ColumnBuilder::new("Proposal 2 (MOD, WTSA C-035 ATU Add08) (ATU)").finish();
        assert_eq!(c.label, "ATU");
        assert_eq!(c.marker.as_deref(), Some("MOD"));
        assert_eq!(c.document_number.as_deref(), Some("WTSA C-035 ATU Add08"));
        let c = ColumnBuilder::new("Proposal 1 (MOD, ) (AST)").finish();
        assert_eq!((c.label.as_str(), c.document_number), ("AST", None));
        let c = ColumnBuilder::new("CEPT").finish();
        assert_eq!((c.label.as_str(), c.marker), ("CEPT", None));
    }

    #[test]
    fn debris_is_cleaned() {
        let (l, n) = clean_line("[bookmark: _Toc1]Bridging developing[footnoteRef:2]1 x");
        assert_eq!(l, "Bridging developing x");
        assert!(n.is_empty());
        let (l, n) = clean_line("and developed countries [2: 1 \tThese include LDCs. ] ");
        assert_eq!(l.trim(), "and developed countries");
        assert_eq!(n, ["footnote 2: These include LDCs."]);
        assert_eq!(clean_line("a [b] c [").0, "a [b] c [");
    }

    #[test]
    fn markers() {
        assert_eq!(
            split_marker("MOD\tAFCP/35A8/1"),
            Some(("MOD".into(), Some("AFCP/35A8/1".into()), String::new()))
        );
        assert_eq!(
            split_marker("MOD  RESOLUTION 44 (Rev. Geneva)"),
            Some(("MOD".into(), None, "RESOLUTION 44 (Rev. Geneva)".into()))
        );
        assert_eq!(split_marker("MODEL text"), None);
    }

    const SMALL: &str = "Title\n\n\tProposal 1 (MOD, ) (A)\n\tProposal 2 (MOD, D2) (B)\n\
        \tProposal 3 (MOD, D3) (C)\n\n\t\n\tMOD\tX/1/2\nRESOLUTION 1 (Rev. Busan, 2014Dubai, 2018)\n\
        \tRESOLUTION 1 (Rev. Busan, 2014)\n\n\t\n\tconsidering\na)\tthat one;\nbc)\tthat two;\n\
        \tconsidering\na)\tthat one;\nb)\tthat two;\n\tProgramme 1: x\n1)\tObjective\n \
        \tProgramme 1: x\n1)\tObjective\n\tProgramme 2: y\n1)\tAim\n 1)\tAim\n\n_____\nimage1.gif\n";

    #[test]
    fn small_table() {
        let t = read(SMALL).unwrap();
        assert_eq!(t.title, "Title");
        let labels: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(labels, ["A", "B", "C"]);
        assert!(t.columns[0].document.sections.is_empty());
        let b = &t.columns[1];
        assert_eq!(b.reference.as_deref(), Some("X/1/2"));
        assert_eq!(t.columns[2].reference.as_deref(), Some("D3"));
        let openers: Vec<Option<&str>> = b
            .document
            .sections
            .iter()
            .map(|s| s.opener.as_ref().map(|o| o.text.as_str()))
            .collect();
        assert_eq!(
            openers,
            [
                None,
                Some("considering"),
                Some("Programme 1: x"),
                Some("Programme 2: y")
            ]
        );
        assert_eq!(
            b.document.sections[1].paragraphs[1].label.as_deref(),
            Some("bc)")
        );
        let c = &t.columns[2];
        // C's programme 2 lost its heading: borrowed from B's.
        let last = c.document.sections.last().unwrap();
        assert_eq!(last.opener.as_ref().unwrap().text, "Programme 2: y");
        assert_eq!(last.paragraphs[0].text, "Aim");
        assert!(c.document.metadata.notes.iter().any(|n| n.contains("lost")));
        assert!(!format!("{t:?}").contains("image1"));
    }

    #[test]
    fn hostile_inputs() {
        for input in [
            "",
            "\t\t\t\n\t\t\n",
            "\n\n\n",
            "x",
            "\u{0}\u{1}\u{FFFD}\t[",
            "[footnoteRef:",
            "T\n\tH\n[1: x",
        ] {
            match read(input) {
                Ok(t) => {
                    for c in &t.columns {
                        let _ = c.document.paragraph_count();
                    }
                }
                Err(e) => assert!(!e.to_string().is_empty()),
            }
        }
        assert!(
            read_bytes(&[0xff, 0xfe, 0x00]).is_err() || read_bytes(&[0xff, 0xfe, 0x00]).is_ok()
        );
        assert!(read_bytes(&[0x80, 0x81, 0x82]).is_err());
        let t = read("T\n\tH1\n\tH2\n\n\t\n\t\t\n\t \t\n").unwrap();
        assert_eq!(t.columns.len(), 2);
    }
}
#[cfg(test)]
mod corpus_tests {
    //! Tests on the real Resolution 44 table of the shared corpus, beside
    //! the project in CI only: ignored by default, run by `.ci/run`, and
    //! failing when the corpus is not there.

    use super::*;
    use synoptic_core::model::{original_of, result_of};
    use synoptic_core::recover::recover_synopsis;
    use synoptic_core::structure::section_slug;
    use synoptic_core::{
        compare, Cell, ChangeKind, CompareOptions, Row, RowKind, Status, Synopsis,
    };

    fn corpus() -> SideBySide {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus/res44/res44-side-by-side.txt"
        );
        let bytes = std::fs::read(path)
            .unwrap_or_else(|e| panic!("needs ../shared/corpus: cannot read {path}: {e}"));
        read_bytes(&bytes).expect("the corpus file reads")
    }

    fn column<'a>(t: &'a SideBySide, label: &str) -> &'a Column {
        t.columns.iter().find(|c| c.label == label).expect("column")
    }

    fn section<'a>(c: &'a Column, slug: &str) -> &'a Section {
        c.document
            .sections
            .iter()
            .find(|s| {
                s.opener
                    .as_ref()
                    .is_some_and(|o| section_slug(&o.text) == slug)
            })
            .unwrap_or_else(|| panic!("{} has no section {slug}", c.label))
    }

    fn labels(s: &Section) -> Vec<&str> {
        s.paragraphs
            .iter()
            .filter_map(|p| p.label.as_deref())
            .collect()
    }

    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn columns_and_markers() {
        let t = corpus();
        assert_eq!(t.title, "Resolution 44 proposals side-by-side");
        let names: Vec<&str> = t.columns.iter().map(|c| c.label.as_str()).collect();
        assert_eq!(names, ["AST", "ATU", "CITEL", "RCC"]);
        let ast = column(&t, "AST");
        assert!(ast.document.sections.is_empty());
        assert_eq!(ast.document.paragraph_count(), 0);
        let atu = column(&t, "ATU");
        assert_eq!(atu.marker.as_deref(), Some("MOD"));
        assert_eq!(atu.reference.as_deref(), Some("AFCP/35A8/1"));
        assert_eq!(atu.document_number.as_deref(), Some("WTSA C-035 ATU Add08"));
        assert_eq!(
            atu.document.metadata.reference.as_deref(),
            Some("AFCP/35A8/1")
        );
        let citel = column(&t, "CITEL");
        assert_eq!(citel.reference.as_deref(), Some("IAP/39A18/1"));
        let rcc = column(&t, "RCC");
        assert_eq!(rcc.marker.as_deref(), Some("MOD"));
        assert_eq!(rcc.reference.as_deref(), Some("TSAG-C187-R1"));
    }

    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn title_block() {
        let t = corpus();
        for label in ["ATU", "CITEL", "RCC"] {
            let c = column(&t, label);
            let title = &c.document.sections[0];
            assert!(title.opener.is_none());
            let texts: Vec<&str> = title.paragraphs.iter().map(|p| p.text.as_str()).collect();
            assert!(
                texts[0].starts_with("RESOLUTION 44 (Rev. Hammamet"),
                "{label}: {texts:?}"
            );
            assert_eq!(
                texts[1],
                "Bridging the standardization gap between developing and developed countries"
            );
            assert!(texts[2].starts_with("(Florianópolis, 2004"));
            assert!(texts[3].starts_with("The World Telecommunication Standardization Assembly"));
            assert!(c
                .document
                .metadata
                .notes
                .iter()
                .any(|n| n.contains("These include the least developed countries")));
        }
        let atu = column(&t, "ATU");
        assert_eq!(
            atu.document.sections[0].paragraphs[0].text,
            "RESOLUTION 44 (Rev. Hammamet, 2016Geneva, 2022)"
        );
        let rcc = column(&t, "RCC");
        assert_eq!(
            rcc.document.sections[0].paragraphs[0].text,
            "RESOLUTION 44 (Rev. HammametGeneva, 20162022)"
        );
    }

    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn every_section_in_every_column() {
        let t = corpus();
        let common = [
            "considering",
            "recognizing",
            "recognizing-also",
            "recalling",
            "resolves",
            "resolves-further-that-itu",
            "invites-the-council",
            "instructs-the-director",
            "further-instructs-the-study",
            "invites-the-director",
            "invites-regions-and-their-member",
            "encourages-member-states",
            "programme-1",
            "programme-2",
            "programme-4",
        ];
        for label in ["ATU", "CITEL", "RCC"] {
            let c = column(&t, label);
            let slugs: Vec<String> = c
                .document
                .sections
                .iter()
                .filter_map(|s| s.opener.as_ref().map(|o| section_slug(&o.text)))
                .collect();
            for want in common {
                assert!(
                    slugs.iter().any(|s| s == want),
                    "{label} lacks {want}: {slugs:?}"
                );
            }
            assert!(
                slugs.iter().any(|s| s.starts_with("taking-into")),
                "{label}"
            );
            assert!(
                slugs.iter().any(|s| s.starts_with("instructs-study")),
                "{label}"
            );
            // Programmes come last, in order.
            let programmes: Vec<&String> = slugs
                .iter()
                .filter(|s| s.starts_with("programme"))
                .collect();
            let mut sorted = programmes.clone();
            sorted.sort();
            assert_eq!(programmes, sorted);
        }
        // The file holds one "Programme 3" cell; it starts like ATU's cells
        // (space, tab) and comes first in its run-together row.
        let p3 = section(column(&t, "ATU"), "programme-3");
        assert_eq!(
            p3.opener.as_ref().and_then(|o| o.label.as_deref()),
            Some("III")
        );
        assert!(p3
            .paragraphs
            .iter()
            .any(|p| p.text.contains("participation of women")));
        // CITEL's and RCC's programme 2 lost their heading with their tab.
        for label in ["CITEL", "RCC"] {
            let p2 = section(column(&t, label), "programme-2");
            assert_eq!(p2.paragraphs[0].label.as_deref(), Some("1)"));
            assert_eq!(p2.paragraphs[0].text, "Objective");
        }
    }

    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn no_debris_in_text() {
        let t = corpus();
        for c in &t.columns {
            for s in &c.document.sections {
                let opener = s.opener.iter();
                for p in opener.chain(s.paragraphs.iter()) {
                    for bad in ["[bookmark:", "[footnoteRef", "[1:", "image1", "____"] {
                        assert!(!p.text.contains(bad), "{}: {:?}", c.label, p.text);
                    }
                    assert!(!p.text.starts_with("MOD"), "{}: {:?}", c.label, p.text);
                    assert!(!p.text.is_empty(), "{}: empty paragraph", c.label);
                }
            }
        }
    }

    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn paragraphs_and_flattened_labels() {
        let t = corpus();
        let citel = column(&t, "CITEL");
        let considering = section(citel, "considering");
        assert_eq!(considering.paragraphs[0].label.as_deref(), Some("a)"));
        assert!(considering.paragraphs[0]
            .text
            .starts_with("that Resolution 71 (Rev. Dubai, 2018)"));
        assert_eq!(labels(considering)[..4], ["a)", "b)", "bc)", "cd)"]);
        assert_eq!(
            labels(section(citel, "resolves"))
                .iter()
                .filter(|l| **l == "54")
                .count(),
            1
        );
        let rcc = column(&t, "RCC");
        assert_eq!(labels(section(rcc, "recalling")), ["a)", "b)", "c)", "d)"]);
        assert_eq!(
            labels(section(column(&t, "ATU"), "recalling")),
            ["a)", "b)"]
        );
        let atu_recognizing = labels(section(column(&t, "ATU"), "recognizing"));
        assert_eq!(
            atu_recognizing,
            ["a)", "b)", "cb)", "dc)", "ed)", "fe)", "gf)", "gh)"]
        );
        // CITEL renamed "taking into account", glued to the old name.
        assert!(citel.document.sections.iter().any(|s| s
            .opener
            .as_ref()
            .is_some_and(|o| o.text == "taking into accountrecognizing further")));
        // The instructs opener keeps its own line; "within available
        // resources," is an unlabelled paragraph after it.
        let instructs = section(rcc, "instructs-the-director");
        assert_eq!(instructs.paragraphs[0].text, "within available resources,");
        assert_eq!(instructs.paragraphs.len(), 17);
    }

    fn synopsis() -> Synopsis {
        let t = corpus();
        let mut s = compare(None, &t.version_inputs(), &CompareOptions::default())
            .expect("compare succeeds");
        recover_synopsis(&mut s);
        s
    }

    fn cell<'a>(s: &Synopsis, row: &'a Row, label: &str) -> &'a Cell {
        let id = &s
            .versions
            .iter()
            .find(|v| v.label == label)
            .expect("version")
            .id;
        row.cells.iter().find(|c| &c.version == id).expect("cell")
    }

    fn changes(c: &Cell, kind: ChangeKind) -> Vec<&str> {
        c.ops
            .iter()
            .filter(|o| o.kind == kind && !o.minor)
            .map(|o| o.text.as_str())
            .collect()
    }

    fn row_where<'a>(s: &'a Synopsis, section: &str, pred: impl Fn(&Row) -> bool) -> &'a Row {
        s.rows
            .iter()
            .filter(|r| r.section.starts_with(section))
            .find(|r| pred(r))
            .unwrap_or_else(|| panic!("no such row in {section}"))
    }

    fn text_has(s: &Synopsis, r: &Row, label: &str, needle: &str) -> bool {
        cell(s, r, label).text.contains(needle)
    }

    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn end_to_end_facts() {
        let s = synopsis();
        let names: Vec<&str> = s.versions.iter().map(|v| v.label.as_str()).collect();
        assert_eq!(names[1..], ["AST", "ATU", "CITEL", "RCC"]);
        assert_eq!(s.versions[2].reference.as_deref(), Some("AFCP/35A8/1"));
        // The AST column is present and empty.
        for r in &s.rows {
            assert_eq!(cell(&s, r, "AST").status, Status::Absent, "{}", r.id);
        }
        // The invariant of every cell; no glued text left in results.
        for r in &s.rows {
            for label in ["ATU", "CITEL", "RCC"] {
                let c = cell(&s, r, label);
                if c.status == Status::Absent {
                    continue;
                }
                let base = r.base_text.clone().unwrap_or_default();
                assert_eq!(original_of(&c.ops), base, "{}", r.id);
                assert_eq!(result_of(&c.ops), c.text, "{}", r.id);
                for glued in ["2014Dubai", "2016Geneva", "20162022", "[bookmark"] {
                    assert!(!c.text.contains(glued), "{} {label}: {}", r.id, c.text);
                }
                for o in c.ops.iter().filter(|o| o.kind != ChangeKind::Equal) {
                    assert!(o.confidence.is_some_and(|x| (0.0..=1.0).contains(&x)));
                }
            }
        }

        // 1. Title block: ATU deletes "Hammamet, 2016", inserts "Geneva, 2022".
        let title = &s.rows[0];
        assert_eq!(
            title.base_text.as_deref(),
            Some("RESOLUTION 44 (Rev. Hammamet, 2016)")
        );
        let atu = cell(&s, title, "ATU");
        assert_eq!(changes(atu, ChangeKind::Delete), ["Hammamet, 2016"]);
        assert_eq!(changes(atu, ChangeKind::Insert), ["Geneva, 2022"]);
        assert_eq!(
            cell(&s, title, "RCC").text,
            "RESOLUTION 44 (Rev. Geneva, 2022)"
        );

        // 2. considering: CITEL's new paragraph on Resolution 71 is an added row.
        let r71 = row_where(&s, "considering", |r| {
            text_has(&s, r, "CITEL", "Resolution 71 (Rev. Dubai, 2018)")
        });
        assert_eq!(r71.base_text, None);
        assert_eq!(cell(&s, r71, "CITEL").status, Status::Added);
        assert_eq!(cell(&s, r71, "ATU").status, Status::Absent);
        assert_eq!(cell(&s, r71, "RCC").status, Status::Absent);

        // 3. CITEL's paragraph on Resolution 139 is c) (was b)) in the row of
        //    ATU's and RCC's b); ATU replaces two dates in it.
        let r139 = row_where(&s, "considering", |r| {
            text_has(&s, r, "ATU", "Resolution\u{a0}139")
        });
        let citel = cell(&s, r139, "CITEL");
        assert_eq!(citel.label.as_deref(), Some("c)"));
        assert_eq!(citel.former_label.as_deref(), Some("b)"));
        assert_eq!(cell(&s, r139, "ATU").label.as_deref(), Some("b)"));
        assert_eq!(cell(&s, r139, "RCC").label.as_deref(), Some("b)"));
        assert_eq!(r139.label.as_deref(), Some("b)"));
        let atu = cell(&s, r139, "ATU");
        assert_eq!(
            changes(atu, ChangeKind::Delete),
            ["Busan, 2014", "Dubai, 2014"]
        );
        assert_eq!(
            changes(atu, ChangeKind::Insert),
            ["Dubai, 2018", "Buenos Aires, 2017"]
        );

        // 4. RCC's recalling c) and d) are added rows.
        for label in ["c)", "d)"] {
            let r = row_where(&s, "recalling", |r| {
                cell(&s, r, "RCC").label.as_deref() == Some(label)
            });
            assert_eq!(r.base_text, None);
            assert_eq!(cell(&s, r, "RCC").status, Status::Added);
            assert_eq!(cell(&s, r, "ATU").status, Status::Absent);
            assert_eq!(cell(&s, r, "CITEL").status, Status::Absent);
        }

        // 5. Every section of the file has its heading row.
        for section in [
            "considering",
            "recognizing",
            "recognizing-also",
            "taking-into-account",
            "recalling",
            "resolves",
            "resolves-further",
            "invites-the-council",
            "instructs-the-director",
            "instructs-study",
            "further-instructs",
            "invites-the-director",
            "invites-regions",
            "encourages",
            "programme-1",
            "programme-2",
            "programme-3",
            "programme-4",
        ] {
            assert!(
                s.rows
                    .iter()
                    .any(|r| r.kind == RowKind::Heading && r.section.starts_with(section)),
                "no heading row for {section}"
            );
        }

        // 6. CITEL renamed "taking into account" to "recognizing further".
        let heading = row_where(&s, "taking-into", |r| r.kind == RowKind::Heading);
        assert_eq!(heading.base_text.as_deref(), Some("taking into account"));
        assert_eq!(cell(&s, heading, "CITEL").text, "recognizing further");
        assert_eq!(cell(&s, heading, "ATU").status, Status::Unchanged);

        // 7. CITEL's resolves 5 renumbered 4, in the row of the others' 5.
        let r5 = row_where(&s, "resolves", |r| {
            let c = cell(&s, r, "CITEL");
            c.label.as_deref() == Some("4") && c.former_label.as_deref() == Some("5")
        });
        assert_eq!(cell(&s, r5, "ATU").label.as_deref(), Some("5"));
        assert_eq!(cell(&s, r5, "RCC").label.as_deref(), Some("5"));

        // 8. CITEL's considering f): "(Busan, 2014)" becomes "(Rev. Dubai, 2018)".
        let f = row_where(&s, "considering", |r| {
            text_has(&s, r, "ATU", "Resolution\u{a0}191")
        });
        let citel = cell(&s, f, "CITEL");
        assert_eq!(changes(citel, ChangeKind::Delete)[0], "Busan, 2014");
        assert_eq!(changes(citel, ChangeKind::Insert)[0], "Rev. Dubai, 2018");
        assert_eq!(cell(&s, f, "RCC").status, Status::Unchanged);

        // 9. ATU's recognizing also c): the plan period 2016-2019 becomes 2020-2023.
        let c = row_where(&s, "recognizing-also", |r| {
            text_has(&s, r, "ATU", "strategic plan")
        });
        let atu = cell(&s, c, "ATU");
        assert_eq!(changes(atu, ChangeKind::Delete), ["2016-2019"]);
        assert_eq!(changes(atu, ChangeKind::Insert)[0], "2020-2023");
        assert_eq!(cell(&s, c, "CITEL").status, Status::Unchanged);

        // 10. RCC's considering i) (Resolution 34) and CITEL's recognizing f)
        //     (operators) are added rows.
        let i = row_where(&s, "considering", |r| {
            text_has(&s, r, "RCC", "Resolution 34")
        });
        assert_eq!(i.base_text, None);
        assert_eq!(cell(&s, i, "RCC").status, Status::Added);
        let f = row_where(&s, "recognizing", |r| {
            text_has(&s, r, "CITEL", "benefit from effective participation")
        });
        assert_eq!(f.base_text, None);
        assert_eq!(cell(&s, f, "CITEL").status, Status::Added);

        // 11. ATU's recognizing "cb)" is c) become b), in the others' c) row.
        let cb = row_where(&s, "recognizing", |r| {
            text_has(&s, r, "ATU", "reduce the cost of equipment")
        });
        let atu = cell(&s, cb, "ATU");
        assert_eq!(atu.label.as_deref(), Some("b)"));
        assert_eq!(atu.former_label.as_deref(), Some("c)"));
        assert_eq!(cb.label.as_deref(), Some("c)"));

        // 12. Paragraphs nobody touched stay unchanged: resolves 1 and 2.
        for n in ["1", "2"] {
            let r = row_where(&s, "resolves", |r| r.label.as_deref() == Some(n));
            for label in ["ATU", "CITEL", "RCC"] {
                assert_eq!(cell(&s, r, label).status, Status::Unchanged, "{n} {label}");
            }
        }

        // 13. Programme 3 only in ATU's column (the file holds one cell of it).
        let p3 = row_where(&s, "programme-3", |r| r.kind == RowKind::Heading);
        assert_eq!(cell(&s, p3, "ATU").status, Status::Added);
        assert_eq!(cell(&s, p3, "CITEL").status, Status::Absent);
    }
}
