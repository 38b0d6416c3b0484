//! Word .docx: the synopsis as a landscape table with real revision marks,
//! and a single document (a proposal, a draft) with its tracked changes.
//!
//! Every change is a Word revision: `w:ins` and `w:del` (with `w:delText`)
//! whose author is the proposal's label (or the change's own author, when
//! the proposer's tracked changes named one), so Word's Review pane shows
//! who proposed what. Revisions carry no date (`w:date` is optional), which
//! keeps the output byte for byte the same for the same synopsis; the zip
//! entries carry a fixed timestamp for the same reason.
//!
//! The XML is written by hand (escaped by quick-xml) and zipped with `zip`
//! rather than built with docx-rs: docx-rs's table rows cannot be marked as
//! header rows repeated on every page (`w:tblHeader`), and its packager
//! stamps the current time into the zip entries, so the bytes would change
//! on every run. The handful of parts a table needs is small enough to
//! write directly, in the element order the schema requires (Word refuses
//! out-of-order properties with a repair prompt).

use std::io::{self, Cursor, Write};

use quick_xml::escape::escape;
use synoptic_core::{Cell, Change, ChangeKind, Document, Paragraph, Role, Row, RowKind, Status};
use synoptic_core::{Synopsis, Version};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{cells_by_version, column_heading, display_ops, is_unsure, reasons_row, summary_parts};

/// Options of the synopsis table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocxOptions {
    /// The document title, shown above the table and in the file's
    /// properties.
    pub title: String,
}

impl Default for DocxOptions {
    fn default() -> Self {
        DocxOptions {
            title: "Synopsis".into(),
        }
    }
}

/// Options of a single document written with [`write_document`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentOptions {
    /// A title paragraph to put first, if any.
    pub title: Option<String>,
    /// The author of changes that do not name their own.
    pub author: String,
}

impl Default for DocumentOptions {
    fn default() -> Self {
        DocumentOptions {
            title: None,
            author: "Synoptic".into(),
        }
    }
}

/// Writes the synopsis as a .docx: a landscape table, one column per
/// version, with the header row repeated on every page.
pub fn write(synopsis: &Synopsis, options: &DocxOptions, mut out: impl Write) -> io::Result<()> {
    out.write_all(&synopsis_bytes(synopsis, options)?)?;
    out.flush()
}

/// The bytes of the synopsis as a .docx (see [`write`]).
pub fn synopsis_bytes(synopsis: &Synopsis, options: &DocxOptions) -> io::Result<Vec<u8>> {
    let body = synopsis_body(synopsis, options);
    package(&body, &options.title)
}

/// Writes one document as a .docx: openers, labelled paragraphs, and the
/// proposer's own changes ([`Paragraph::revision`]) as Word revisions, with
/// the document's marker and reference (`MOD AFCP/35A8/1`) first.
pub fn write_document(
    document: &Document,
    options: &DocumentOptions,
    mut out: impl Write,
) -> io::Result<()> {
    out.write_all(&document_bytes(document, options)?)?;
    out.flush()
}

/// The bytes of one document as a .docx (see [`write_document`]).
pub fn document_bytes(document: &Document, options: &DocumentOptions) -> io::Result<Vec<u8>> {
    let mut x = Xml::default();
    let mut ids = 0u32;
    if let Some(title) = &options.title {
        plain_paragraph(&mut x, "Title", title);
    }
    if let Some(marker) = &document.metadata.marker {
        let line = match &document.metadata.reference {
            Some(r) => format!("{marker}\t{r}"),
            None => marker.clone(),
        };
        plain_paragraph(&mut x, "Proposal", &line);
    }
    for section in &document.sections {
        if let Some(opener) = &section.opener {
            document_paragraph(&mut x, &mut ids, opener, "Call", &options.author);
        }
        for p in &section.paragraphs {
            document_paragraph(&mut x, &mut ids, p, "Normal", &options.author);
        }
    }
    x.raw(&section_properties(Page::A4Portrait));
    let title = options.title.clone().unwrap_or_default();
    package(&x.0, &title)
}

// ---------------------------------------------------------------------------
// XML text

/// XML being written, as a string.
#[derive(Default)]
struct Xml(String);

impl Xml {
    /// Markup written as is (constant strings of this module only).
    fn raw(&mut self, s: &str) {
        self.0.push_str(s);
    }

    /// Text content or an attribute value, escaped, without the characters
    /// XML 1.0 cannot hold.
    fn text(&mut self, s: &str) {
        let clean: String = s.chars().filter(|&c| xml_char(c)).collect();
        self.0.push_str(&escape(clean.as_str()));
    }
}

/// Whether XML 1.0 can hold the character (tab, newline and carriage
/// return are the only control characters it allows).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c >= ' ' && c != '\u{FFFE}' && c != '\u{FFFF}')
}

/// Run properties, in the order the schema wants them.
#[derive(Debug, Clone, Copy, Default)]
struct RunStyle {
    bold: bool,
    italic: bool,
    grey: bool,
    /// Half-points; `None` for the style's size.
    size: Option<u32>,
    highlight: bool,
    /// Right-to-left text (Arabic): Word lays the run out and shapes it so.
    rtl: bool,
}

impl RunStyle {
    fn xml(&self) -> String {
        let mut s = String::new();
        if self.bold {
            s.push_str("<w:b/>");
        }
        if self.italic {
            s.push_str("<w:i/>");
        }
        if self.grey {
            s.push_str("<w:color w:val=\"595959\"/>");
        }
        if let Some(size) = self.size {
            s.push_str(&format!(
                "<w:sz w:val=\"{size}\"/><w:szCs w:val=\"{size}\"/>"
            ));
        }
        if self.highlight {
            s.push_str("<w:highlight w:val=\"yellow\"/>");
        }
        if self.rtl {
            s.push_str("<w:rtl/><w:lang w:bidi=\"ar-SA\"/>");
        }
        if s.is_empty() {
            s
        } else {
            format!("<w:rPr>{s}</w:rPr>")
        }
    }
}

/// One run of text: tabs and line breaks become `w:tab` and `w:br`; deleted
/// text goes in `w:delText`.
fn run(x: &mut Xml, text: &str, style: RunStyle, deleted: bool) {
    if text.is_empty() {
        return;
    }
    x.raw("<w:r>");
    x.raw(&style.xml());
    let tag = if deleted { "w:delText" } else { "w:t" };
    let mut piece = String::new();
    let flush = |x: &mut Xml, piece: &mut String| {
        if !piece.is_empty() {
            x.raw(&format!("<{tag} xml:space=\"preserve\">"));
            x.text(piece);
            x.raw(&format!("</{tag}>"));
            piece.clear();
        }
    };
    for c in text.chars() {
        match c {
            '\t' => {
                flush(x, &mut piece);
                x.raw("<w:tab/>");
            }
            '\n' => {
                flush(x, &mut piece);
                x.raw("<w:br/>");
            }
            '\r' => {}
            c => piece.push(c),
        }
    }
    flush(x, &mut piece);
    x.raw("</w:r>");
}

/// A change as a run, wrapped in `w:ins` or `w:del` with its author and a
/// fresh revision id unless it is kept text.
fn change_run(
    x: &mut Xml,
    ids: &mut u32,
    kind: ChangeKind,
    text: &str,
    author: &str,
    style: RunStyle,
) {
    if text.is_empty() {
        return;
    }
    let tag = match kind {
        ChangeKind::Equal => {
            run(x, text, style, false);
            return;
        }
        ChangeKind::Insert => "w:ins",
        ChangeKind::Delete => "w:del",
    };
    *ids += 1;
    x.raw(&format!("<{tag} w:id=\"{ids}\" w:author=\""));
    x.text(author);
    x.raw("\">");
    run(x, text, style, kind == ChangeKind::Delete);
    x.raw(&format!("</{tag}>"));
}

/// A paragraph of plain text in a style.
fn plain_paragraph(x: &mut Xml, style: &str, text: &str) {
    x.raw(&format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"
    ));
    run(x, text, RunStyle::default(), false);
    x.raw("</w:p>");
}

/// A document's paragraph: its label (a changed label as a deletion and an
/// insertion), a tab, and its text with the proposer's changes.
fn document_paragraph(x: &mut Xml, ids: &mut u32, p: &Paragraph, style: &str, author: &str) {
    x.raw(&format!(
        "<w:p><w:pPr><w:pStyle w:val=\"{style}\"/></w:pPr>"
    ));
    let changes: Vec<Change> = match &p.revision {
        Some(changes) => changes.clone(),
        None => vec![Change::equal(p.text.clone())],
    };
    let label_kind = if p.is_inserted_by_revision() {
        ChangeKind::Insert
    } else if p.is_deleted_by_revision() {
        ChangeKind::Delete
    } else {
        ChangeKind::Equal
    };
    let plain = RunStyle::default();
    match (&p.former_label, &p.label) {
        (Some(former), Some(label)) if former != label => {
            change_run(x, ids, ChangeKind::Delete, former, author, plain);
            change_run(x, ids, ChangeKind::Insert, label, author, plain);
            run(x, "\t", plain, false);
        }
        (Some(former), None) => {
            change_run(
                x,
                ids,
                ChangeKind::Delete,
                &format!("{former}\t"),
                author,
                plain,
            );
        }
        (_, Some(label)) => {
            change_run(x, ids, label_kind, &format!("{label}\t"), author, plain);
        }
        (None, None) => {}
    }
    for c in &changes {
        let by = c.author.as_deref().unwrap_or(author);
        change_run(x, ids, c.kind, &c.text, by, plain);
    }
    x.raw("</w:p>");
}

// ---------------------------------------------------------------------------
// The synopsis table

/// Paper and orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Page {
    A4Portrait,
    A4Landscape,
    A3Landscape,
}

impl Page {
    /// Width and height in twentieths of a point.
    fn size(self) -> (u32, u32) {
        match self {
            Page::A4Portrait => (11906, 16838),
            Page::A4Landscape => (16838, 11906),
            Page::A3Landscape => (23811, 16838),
        }
    }
}

/// Page margins in twentieths of a point (half an inch).
const MARGIN: u32 = 720;

/// Width of the first column, which names the row.
const ROW_COLUMN: u32 = 1300;

/// The section properties that end the body: page size, orientation and
/// margins.
fn section_properties(page: Page) -> String {
    let (w, h) = page.size();
    let orient = if w > h { " w:orient=\"landscape\"" } else { "" };
    format!(
        "<w:sectPr><w:pgSz w:w=\"{w}\" w:h=\"{h}\"{orient}/>\
         <w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" \
         w:left=\"{MARGIN}\" w:header=\"360\" w:footer=\"360\" w:gutter=\"0\"/></w:sectPr>"
    )
}

/// Cell shading by status: green for added, red for deleted, grey for
/// absent; none otherwise.
fn shading(status: Status) -> Option<&'static str> {
    match status {
        Status::Added => Some("E2EFDA"),
        Status::Deleted => Some("FBE4E4"),
        Status::Absent => Some("F2F2F2"),
        Status::Unchanged | Status::Modified => None,
    }
}

/// The body of the synopsis document.
fn synopsis_body(synopsis: &Synopsis, options: &DocxOptions) -> String {
    let mut x = Xml::default();
    let mut ids = 0u32;
    plain_paragraph(&mut x, "Title", &options.title);
    plain_paragraph(&mut x, "Normal", &summary_parts(synopsis).join("; "));

    // A4 holds the row column and four versions side by side; more go on A3.
    let page = if synopsis.versions.len() > 4 {
        Page::A3Landscape
    } else {
        Page::A4Landscape
    };
    let usable = page.size().0 - 2 * MARGIN;
    let columns = synopsis.versions.len().max(1) as u32;
    let column = (usable - ROW_COLUMN) / columns;

    x.raw(
        "<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>\
         <w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         <w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         <w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         <w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         <w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         <w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"A6A6A6\"/>\
         </w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar>\
         <w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/>\
         </w:tblCellMar><w:tblLook w:val=\"0000\" w:firstRow=\"0\" w:lastRow=\"0\" \
         w:firstColumn=\"0\" w:lastColumn=\"0\" w:noHBand=\"1\" w:noVBand=\"1\"/></w:tblPr><w:tblGrid>",
    );
    x.raw(&format!("<w:gridCol w:w=\"{ROW_COLUMN}\"/>"));
    for _ in &synopsis.versions {
        x.raw(&format!("<w:gridCol w:w=\"{column}\"/>"));
    }
    x.raw("</w:tblGrid>");

    header_row(&mut x, synopsis, column);
    for row in &synopsis.rows {
        table_row(&mut x, &mut ids, synopsis, row, column);
    }
    if let Some(reasons) = reasons_row(synopsis) {
        reasons_table_row(&mut x, &reasons, column);
    }
    x.raw("</w:tbl>");
    // Word needs a paragraph after a table that ends the body.
    x.raw("<w:p/>");
    x.raw(&section_properties(page));
    x.0
}

/// Opens a cell of a width, with optional shading.
fn open_cell(x: &mut Xml, width: u32, fill: Option<&str>) {
    x.raw(&format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
    ));
    if let Some(fill) = fill {
        x.raw(&format!(
            "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
        ));
    }
    x.raw("</w:tcPr>");
}

/// The header row: the row column, then each version's label, role, marker
/// and reference; repeated on every page.
fn header_row(x: &mut Xml, synopsis: &Synopsis, column: u32) {
    x.raw("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
    let fill = Some("D9E2F3");
    let bold = RunStyle {
        bold: true,
        ..RunStyle::default()
    };
    open_cell(x, ROW_COLUMN, fill);
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
    run(x, "Row", bold, false);
    x.raw("</w:p></w:tc>");
    for (i, v) in synopsis.versions.iter().enumerate() {
        open_cell(x, column, fill);
        x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
        run(x, &column_heading(synopsis, i), bold, false);
        x.raw("</w:p>");
        x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
        run(
            x,
            &role(v, synopsis.base_inferred),
            RunStyle::default(),
            false,
        );
        x.raw("</w:p>");
        let marker: Vec<&str> = [v.marker.as_deref(), v.reference.as_deref()]
            .into_iter()
            .flatten()
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .collect();
        if !marker.is_empty() {
            x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
            run(x, &marker.join(" "), RunStyle::default(), false);
            x.raw("</w:p>");
        }
        x.raw("</w:tc>");
    }
    x.raw("</w:tr>");
}

/// The last row: each version's reasons under its column.
fn reasons_table_row(x: &mut Xml, reasons: &[&str], column: u32) {
    x.raw("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
    open_cell(x, ROW_COLUMN, None);
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
    let bold = RunStyle {
        bold: true,
        ..RunStyle::default()
    };
    run(x, "Reasons", bold, false);
    x.raw("</w:p></w:tc>");
    for text in reasons {
        open_cell(x, column, None);
        x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
        run(x, text, RunStyle::default(), false);
        x.raw("</w:p></w:tc>");
    }
    x.raw("</w:tr>");
}

/// How a version's role is shown.
fn role(v: &Version, inferred: bool) -> String {
    match (v.role, inferred) {
        (Role::Base, true) => "base (inferred)".into(),
        (Role::Base, false) => "base".into(),
        (Role::Proposal, _) => "proposal".into(),
    }
}

/// One row of the synopsis: the row id, then one cell per version.
fn table_row(x: &mut Xml, ids: &mut u32, synopsis: &Synopsis, row: &Row, column: u32) {
    let heading = row.kind == RowKind::Heading;
    x.raw("<w:tr>");
    if heading {
        // An opener's row is short: never split it across pages (its
        // paragraphs keep with the next row too).
        x.raw("<w:trPr><w:cantSplit/></w:trPr>");
    }
    open_cell(x, ROW_COLUMN, heading.then_some("F2F2F2"));
    x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
    let id_style = RunStyle {
        grey: true,
        size: Some(14),
        ..RunStyle::default()
    };
    run(x, &row.id, id_style, false);
    x.raw("</w:p></w:tc>");
    let cells = cells_by_version(synopsis, row);
    for (version, cell) in synopsis.versions.iter().zip(cells) {
        let fill = cell.and_then(|c| shading(c.status));
        open_cell(x, column, fill);
        x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/>");
        if heading {
            x.raw("<w:keepNext/>");
        }
        if cell.is_some_and(is_rtl) {
            x.raw("<w:bidi/>");
        }
        // A labelled paragraph hangs its label in the margin, as in ITU
        // texts: the tab after the label reaches the text's indent.
        if cell.is_some_and(|c| c.label.is_some() || c.former_label.is_some()) {
            x.raw("<w:ind w:left=\"397\" w:hanging=\"397\"/>");
        }
        x.raw("</w:pPr>");
        if let Some(cell) = cell {
            cell_content(x, ids, version, cell, heading);
        }
        x.raw("</w:p>");
        if let Some(moved) = cell.and_then(|c| c.moved.as_deref()) {
            let note = match cell.map(|c| c.status) {
                Some(Status::Deleted) => format!("moved to {moved}"),
                _ => format!("moved from {moved}"),
            };
            x.raw("<w:p><w:pPr><w:pStyle w:val=\"CellText\"/></w:pPr>");
            let style = RunStyle {
                italic: true,
                grey: true,
                ..RunStyle::default()
            };
            run(x, &note, style, false);
            x.raw("</w:p>");
        }
        x.raw("</w:tc>");
    }
    x.raw("</w:tr>");
}

/// True when the cell's text (or, for a deletion, what it deletes) reads
/// right to left.
fn is_rtl(cell: &Cell) -> bool {
    let text: String = cell.ops.iter().map(|c| c.text.as_str()).collect();
    let text = if text.is_empty() {
        cell.text.as_str()
    } else {
        &text
    };
    synoptic_core::lang::direction(text) == synoptic_core::lang::Direction::Rtl
}

/// A cell's label and changes, each change a revision by the version.
fn cell_content(x: &mut Xml, ids: &mut u32, version: &Version, cell: &Cell, heading: bool) {
    let author = version.label.as_str();
    let base = RunStyle {
        italic: heading,
        rtl: is_rtl(cell),
        ..RunStyle::default()
    };
    // The label goes with the paragraph: inserted with an added one,
    // deleted with a deleted one.
    let label_kind = match cell.status {
        Status::Added => ChangeKind::Insert,
        Status::Deleted => ChangeKind::Delete,
        _ => ChangeKind::Equal,
    };
    let label = cell.label.as_deref().filter(|l| !l.trim().is_empty());
    let former = cell
        .former_label
        .as_deref()
        .filter(|l| !l.trim().is_empty());
    match (former, label) {
        (Some(former), Some(label)) if former != label => {
            change_run(x, ids, ChangeKind::Delete, former, author, base);
            change_run(x, ids, ChangeKind::Insert, label, author, base);
            run(x, "\t", base, false);
        }
        (_, Some(label)) => {
            change_run(x, ids, label_kind, &format!("{label}\t"), author, base);
        }
        (Some(former), None) => {
            change_run(
                x,
                ids,
                ChangeKind::Delete,
                &format!("{former}\t"),
                author,
                base,
            );
        }
        (None, None) => {}
    }
    for op in display_ops(cell) {
        let style = RunStyle {
            highlight: is_unsure(&op),
            ..base
        };
        let by = op.author.as_deref().unwrap_or(author);
        change_run(x, ids, op.kind, &op.text, by, style);
    }
}

// ---------------------------------------------------------------------------
// The package

/// The main namespace of WordprocessingML.
const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// Zips the parts of a document around a body.
fn package(body: &str, title: &str) -> io::Result<Vec<u8>> {
    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <w:document xmlns:w=\"{W_NS}\"><w:body>{body}</w:body></w:document>"
    );
    let mut core = Xml::default();
    core.raw(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
         <cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
         xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>",
    );
    core.text(title);
    core.raw("</dc:title><dc:creator>Synoptic</dc:creator></cp:coreProperties>");

    let parts: [(&str, &str); 7] = [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", &core.0),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS),
        ("word/styles.xml", STYLES),
        ("word/settings.xml", SETTINGS),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (name, content) in parts {
        zip.start_file(name, options).map_err(io::Error::other)?;
        zip.write_all(content.as_bytes())?;
    }
    Ok(zip.finish().map_err(io::Error::other)?.into_inner())
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">\
<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>\
<Default Extension=\"xml\" ContentType=\"application/xml\"/>\
<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>\
<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>\
<Override PartName=\"/word/settings.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml\"/>\
<Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>\
</Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/>\
</Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\
<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>\
<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings\" Target=\"settings.xml\"/>\
</Relationships>";

/// Word 2013+ layout, so Word does not open the file in compatibility mode.
const SETTINGS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:settings xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:defaultTabStop w:val=\"567\"/><w:compat>\
<w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>\
</w:compat></w:settings>";

/// Times New Roman as in ITU documents: 11 pt body, 9.5 pt in the table,
/// italic openers ("Call", the ITU template's name for them), a bold
/// proposal marker line.
const STYLES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\
<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">\
<w:docDefaults><w:rPrDefault><w:rPr>\
<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"Times New Roman\" w:cs=\"Times New Roman\"/>\
<w:sz w:val=\"22\"/><w:szCs w:val=\"22\"/><w:lang w:val=\"en-GB\"/>\
</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"120\"/></w:pPr></w:pPrDefault></w:docDefaults>\
<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:spacing w:after=\"240\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Call\"><w:name w:val=\"Call\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:spacing w:before=\"160\"/><w:ind w:left=\"794\"/></w:pPr><w:rPr><w:i/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"Proposal\"><w:name w:val=\"Proposal\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:keepNext/><w:spacing w:before=\"240\"/></w:pPr><w:rPr><w:b/></w:rPr></w:style>\
<w:style w:type=\"paragraph\" w:styleId=\"CellText\"><w:name w:val=\"Cell Text\"/><w:basedOn w:val=\"Normal\"/><w:qFormat/>\
<w:pPr><w:spacing w:before=\"20\" w:after=\"20\"/></w:pPr><w:rPr><w:sz w:val=\"19\"/><w:szCs w:val=\"19\"/></w:rPr></w:style>\
<w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:semiHidden/>\
<w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/>\
<w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style>\
</w:styles>";

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use std::io::Read;
    use std::path::{Path, PathBuf};

    use synoptic_core::structure::Openers;
    use synoptic_core::{compare, CompareOptions, VersionInput};

    use super::*;
    use crate::read::{self, docx as reader, markdown, text};

    fn examples() -> PathBuf {
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../examples")
    }

    fn resolution_synopsis() -> Synopsis {
        let dir = examples().join("resolution");
        let load = |name: &str, label: &str| {
            let bytes = std::fs::read(dir.join(format!("{name}.txt"))).unwrap();
            let content = read::decode(&bytes).unwrap();
            VersionInput {
                label: label.to_string(),
                document: text::read(&content, &text::TextOptions::default()).unwrap(),
            }
        };
        let base = load("base", "base");
        let proposals = [load("afr", "AFR"), load("apt", "APT"), load("cept", "CEPT")];
        compare(Some(&base), &proposals, &CompareOptions::default()).unwrap()
    }

    /// Reads a .docx back, tracked changes kept, with no openers: every
    /// cell paragraph stays a paragraph.
    fn read_back(bytes: &[u8]) -> Document {
        reader::read(
            bytes,
            &reader::DocxOptions {
                track_changes: reader::TrackChanges::All,
                openers: Openers::empty(),
            },
        )
        .unwrap()
    }

    type Op = (ChangeKind, String, Option<String>);

    /// Changes with adjacent runs of the same kind and author merged and
    /// empty ones dropped, as `(kind, text, author)`.
    fn normalized(changes: &[Change]) -> Vec<Op> {
        let mut out: Vec<Op> = Vec::new();
        for c in changes.iter().filter(|c| !c.text.is_empty()) {
            let author = match c.kind {
                ChangeKind::Equal => None,
                _ => c.author.clone(),
            };
            match out.last_mut() {
                Some(last) if last.0 == c.kind && last.2 == author => last.1.push_str(&c.text),
                _ => out.push((c.kind, c.text.to_string(), author)),
            }
        }
        out
    }

    fn paragraph_ops(p: &Paragraph) -> Vec<Op> {
        match &p.revision {
            Some(changes) => normalized(changes),
            None => normalized(&[Change::equal(p.text.clone())]),
        }
    }

    #[test]
    fn synopsis_round_trip_keeps_cells_ops_and_authors() {
        let synopsis = resolution_synopsis();
        let bytes = synopsis_bytes(&synopsis, &DocxOptions::default()).unwrap();
        let doc = read_back(&bytes);
        let read: Vec<&Paragraph> = doc.paragraphs().collect();
        let start = read
            .iter()
            .position(|p| synopsis.rows.first().is_some_and(|r| p.text == r.id))
            .unwrap();
        let mut got = read[start..].iter();
        let mut checked_changes = 0;
        for row in &synopsis.rows {
            let id = got.next().unwrap();
            assert_eq!(id.text, row.id);
            for (version, cell) in synopsis
                .versions
                .iter()
                .zip(cells_by_version(&synopsis, row))
            {
                let Some(cell) = cell else { continue };
                let expected: Vec<Change> = display_ops(cell)
                    .into_iter()
                    .map(|c| Change {
                        author: c.author.clone().or_else(|| Some(version.label.clone())),
                        ..c
                    })
                    .collect();
                let expected = normalized(&expected);
                if expected.iter().all(|(_, t, _)| t.trim().is_empty()) && cell.label.is_none() {
                    continue;
                }
                let p = got.next().unwrap();
                assert_eq!(p.label, cell.label, "{} {}", row.id, version.label);
                let former = cell
                    .former_label
                    .clone()
                    .filter(|f| Some(f) != cell.label.as_ref());
                assert_eq!(p.former_label, former, "{} {}", row.id, version.label);
                assert_eq!(paragraph_ops(p), expected, "{} {}", row.id, version.label);
                checked_changes += expected.iter().filter(|o| o.0 != ChangeKind::Equal).count();
                if let Some(moved) = &cell.moved {
                    let note = got.next().unwrap();
                    assert!(note.text.ends_with(moved.as_str()), "{}", note.text);
                }
            }
        }
        assert!(got.next().is_none());
        assert!(checked_changes > 20, "{checked_changes}");
    }

    #[test]
    fn arabic_cells_are_right_to_left() {
        let mut s = crate::write::test_support::sample();
        let arabic = "أن القرار 154 (المراجَع في دبي، 2018)";
        s.rows[1].cells[1].text = arabic.into();
        s.rows[1].cells[1].ops = vec![synoptic_core::Change::equal(arabic)];
        let bytes = synopsis_bytes(&s, &DocxOptions::default()).unwrap();
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&bytes)).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains("<w:bidi/>"));
        assert!(xml.contains("<w:rtl/>"));
        // Latin cells stay left to right.
        assert_eq!(xml.matches("<w:bidi/>").count(), 1);
    }

    #[test]
    fn output_is_deterministic_and_well_formed() {
        let synopsis = resolution_synopsis();
        let a = synopsis_bytes(&synopsis, &DocxOptions::default()).unwrap();
        let b = synopsis_bytes(&synopsis, &DocxOptions::default()).unwrap();
        assert_eq!(a, b);
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&a)).unwrap();
        let mut document = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut document)
            .unwrap();
        assert!(document.contains("<w:tblHeader/>"));
        assert!(document.contains("w:orient=\"landscape\""));
        assert!(document.contains("<w:ins w:id=\""));
        assert!(document.contains("<w:del w:id=\""));
        assert!(document.contains("<w:delText xml:space=\"preserve\">"));
        // Revision ids are unique.
        let mut ids: Vec<&str> = document
            .split("<w:ins w:id=\"")
            .chain(document.split("<w:del w:id=\""))
            .skip(1)
            .filter_map(|s| s.split('"').next())
            .collect();
        let n = ids.len();
        ids.sort_unstable();
        ids.dedup();
        assert!(n > 20 && ids.len() == n, "{n} {}", ids.len());
    }

    #[test]
    fn text_is_escaped_and_cleaned() {
        let mut synopsis = resolution_synopsis();
        synopsis.versions[1].label = "A&B <\"x\">".into();
        let cell = &mut synopsis.rows[0].cells[1];
        cell.ops = vec![
            Change::equal("a <b> & \u{1b}c"),
            Change::insert("\"q\"\t'r'"),
        ];
        let bytes = synopsis_bytes(
            &synopsis,
            &DocxOptions {
                title: "T & <t>".into(),
            },
        )
        .unwrap();
        let doc = read_back(&bytes);
        let texts: Vec<&str> = doc.paragraphs().map(|p| p.text.as_str()).collect();
        assert_eq!(texts[0], "T & <t>");
        assert!(texts.contains(&"A&B <\"x\">"));
        let p = doc
            .paragraphs()
            .find(|p| p.text.starts_with("a <b>"))
            .unwrap();
        assert_eq!(
            paragraph_ops(p),
            [
                (ChangeKind::Equal, "a <b> & c".to_string(), None),
                (
                    ChangeKind::Insert,
                    "\"q\"\t'r'".to_string(),
                    Some("A&B <\"x\">".to_string())
                ),
            ]
        );
    }

    fn markdown_doc(path: &Path) -> Document {
        let bytes = std::fs::read(path).unwrap();
        let content = read::decode(&bytes).unwrap();
        markdown::read(&content, &markdown::MarkdownOptions::default()).unwrap()
    }

    /// The example proposals as .docx: the Markdown ones with their
    /// CriticMarkup written as Word revisions by each proposer.
    fn example_documents() -> Vec<(&'static str, Vec<u8>)> {
        let dir = examples().join("resolution-md");
        [("base", None), ("afr", Some("AFR")), ("cept", Some("CEPT"))]
            .into_iter()
            .map(|(name, proposer)| {
                let mut doc = markdown_doc(&dir.join(format!("{name}.md")));
                if let Some(p) = proposer {
                    doc.metadata.marker = Some("MOD".into());
                    doc.metadata.reference = Some(format!("{p}/302/1"));
                }
                let options = DocumentOptions {
                    title: None,
                    author: proposer.unwrap_or("base").to_string(),
                };
                (name, document_bytes(&doc, &options).unwrap())
            })
            .collect()
    }

    /// The entries of a zip, by name, so a new `zip` version that deflates
    /// differently does not count as a change.
    fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
        let mut out = Vec::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).unwrap();
            let mut content = Vec::new();
            f.read_to_end(&mut content).unwrap();
            out.push((f.name().to_string(), content));
        }
        out
    }

    #[test]
    fn document_round_trip_keeps_revisions() {
        let dir = examples().join("resolution-md");
        for (name, bytes) in example_documents() {
            let original = markdown_doc(&dir.join(format!("{name}.md")));
            let back = reader::read(&bytes, &reader::DocxOptions::default()).unwrap();
            let outline = |d: &Document| -> Vec<(Option<String>, Option<String>, String, String)> {
                d.sections
                    .iter()
                    .flat_map(|s| s.opener.iter().chain(s.paragraphs.iter()))
                    .map(|p| {
                        (
                            p.label.clone(),
                            p.former_label.clone(),
                            p.text.clone(),
                            p.original_text(),
                        )
                    })
                    .collect()
            };
            assert_eq!(outline(&back), outline(&original), "{name}");
            let author = match name {
                "afr" => "AFR",
                "cept" => "CEPT",
                _ => "base",
            };
            for p in back.paragraphs() {
                for c in p.revision.iter().flatten() {
                    if c.kind != ChangeKind::Equal {
                        assert_eq!(c.author.as_deref(), Some(author), "{name}");
                    }
                }
            }
            if name != "base" {
                assert_eq!(back.metadata.marker.as_deref(), Some("MOD"));
            }
        }
    }

    /// `examples/resolution-docx/` is made by this test: it fails when a
    /// committed file differs from what the writer makes now, and rewrites
    /// the files when `SYNOPTIC_UPDATE_EXAMPLES` is set (or a file is
    /// missing).
    #[test]
    fn docx_examples_are_up_to_date() {
        let dir = examples().join("resolution-docx");
        let update = std::env::var_os("SYNOPTIC_UPDATE_EXAMPLES").is_some();
        for (name, bytes) in example_documents() {
            let path = dir.join(format!("{name}.docx"));
            match std::fs::read(&path) {
                Ok(committed) if !update => assert!(
                    entries(&committed) == entries(&bytes),
                    "{} is out of date: run SYNOPTIC_UPDATE_EXAMPLES=1 cargo test -p synoptic-formats docx_examples",
                    path.display()
                ),
                _ => {
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(&path, &bytes).unwrap();
                }
            }
        }
    }
}
