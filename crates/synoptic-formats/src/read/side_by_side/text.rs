//! A side-by-side table flattened to text.

use synoptic_core::structure::{section_slug, split_label, Openers};
use synoptic_core::{Document, Metadata, Paragraph, Section};

use super::header::{seed_header, Header, MARKERS};
use super::{Column, SideBySide};
use crate::read::{decode, normalize_newlines, ReadError};

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
        ..SideBySide::default()
    })
}

/// The content of a line that starts a cell: after a leading tab, after
/// spaces and a tab, or (a cell whose first line lost its tab) after
/// leading spaces.
pub(super) fn cell_start(line: &str) -> Option<&str> {
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
pub(super) fn is_separator(line: &str) -> bool {
    let t = line.trim();
    t.chars().count() >= 5 && t.chars().all(|c| c == '_')
}

/// True for the name of an embedded picture left in the text ("image1.gif").
pub(super) fn is_image_name(line: &str) -> bool {
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
pub(super) struct RawCell {
    pub(super) lines: Vec<String>,
    /// The heading this cell lost, taken from the other cells of its row.
    pub(super) borrowed_heading: Option<String>,
}

impl RawCell {
    pub(super) fn is_blank(&self) -> bool {
        self.lines.iter().all(|l| l.trim().is_empty())
    }

    /// The first non-blank line, cleaned of debris.
    pub(super) fn first_line(&self) -> Option<String> {
        self.lines
            .iter()
            .map(|l| clean_line(l).0)
            .find(|l| !l.trim().is_empty())
    }
}

/// Cuts the table body into rows of cells.
pub(super) fn split_rows(lines: &[&str]) -> Vec<Vec<RawCell>> {
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
pub(super) fn heading_key(cell: &RawCell, openers: &Openers) -> Option<String> {
    let first = cell.first_line()?;
    let m = openers.match_opener(&first)?;
    Some(section_slug(&m.text))
}

/// Distributes the rows' cells to the columns, in document order per
/// column.
pub(super) fn place_cells(rows: Vec<Vec<RawCell>>, columns: usize) -> Vec<Vec<RawCell>> {
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
pub(super) fn clean_line(line: &str) -> (String, Vec<String>) {
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
pub(super) fn is_footnote(s: &str) -> bool {
    let body = &s[1..];
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && body[digits..].starts_with(':')
}

/// Splits a marker off a cell's first line: `MOD<TAB>AFCP/35A8/1` gives the
/// marker, the reference and no text; `MOD  RESOLUTION 44 ...` the marker
/// and the text after it.
pub(super) fn split_marker(line: &str) -> Option<(String, Option<String>, String)> {
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
pub(super) struct ColumnBuilder {
    pub(super) label: String,
    pub(super) header_marker: Option<String>,
    pub(super) document_number: Option<String>,
    pub(super) marker: Option<String>,
    pub(super) reference: Option<String>,
    pub(super) notes: Vec<String>,
    pub(super) sections: Vec<Section>,
}

impl ColumnBuilder {
    /// Reads a header cell: `Proposal 2 (MOD, WTSA C-035 ATU Add08) (ATU)`.
    pub(super) fn new(header: &str) -> Self {
        let Header {
            label,
            marker: header_marker,
            source: document_number,
            ..
        } = seed_header(header);
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

    pub(super) fn add_cell(&mut self, cell: &RawCell, openers: &Openers) {
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

    pub(super) fn finish(self) -> Column {
        let marker = self.marker.or(self.header_marker);
        let reference = self.reference.or_else(|| self.document_number.clone());
        Column {
            label: self.label,
            marker: marker.clone(),
            reference: reference.clone(),
            document_number: self.document_number.clone(),
            document: Document {
                sections: self.sections,
                metadata: Metadata {
                    marker,
                    reference,
                    // The header's document is where the proposal comes from.
                    source: self.document_number,
                    notes: self.notes,
                    ..Metadata::default()
                },
            },
        }
    }
}

/// True when a line opens a section. Beside the opener list, the first line
/// of a cell counts when it is short, unlabelled, lowercase and unpunctuated,
/// which is how a renamed opener flattens ("taking into accountrecognizing
/// further").
pub(super) fn is_heading(line: &str, openers: &Openers, first_of_cell: bool) -> bool {
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
pub(super) fn opener_paragraph(line: &str, openers: &Openers) -> Option<Paragraph> {
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
pub(super) fn join_continuations(lines: Vec<String>, openers: &Openers) -> Vec<String> {
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
