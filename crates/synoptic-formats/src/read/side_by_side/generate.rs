//! A generator of Word side-by-side tables for tests and examples: a title,
//! a header row, and cells whose paragraphs carry tracked changes written
//! in a small markup, each change authored by its column's proposer.
//!
//! In a cell, paragraphs are separated by `\n`; in a paragraph,
//! `[+text+]` is inserted, `[-text-]` deleted, `[>text>]` moved here,
//! `[<text<]` moved away, `[^text^]` a footnote (its text plain), `\t` a
//! tab. A paragraph ending in `¶+` has its mark inserted (the proposer
//! split it there), one ending in `¶-` its mark deleted (the proposer
//! joined it with the next).

use std::io::{Cursor, Write};

use quick_xml::escape::escape;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// A side-by-side table to write.
#[derive(Debug, Clone, Default)]
pub(crate) struct TableSpec {
    /// The paragraph above the table.
    pub(crate) title: String,
    /// One header cell per column, with the proposer whose changes the
    /// column's cells track.
    pub(crate) columns: Vec<(String, String)>,
    /// The body rows: one cell per column, in the markup above.
    pub(crate) rows: Vec<Vec<String>>,
    /// The cells of a one-row table before the title, as the cover of an
    /// assembly's documents has (none when empty).
    pub(crate) cover: Vec<String>,
    /// When set, the title is the table's first row, one cell merged
    /// across the columns, instead of a paragraph above the table.
    pub(crate) title_row: bool,
    /// When set, the table is split before this body row (by a page
    /// break between two tables), the second repeating the header row.
    pub(crate) split_at: Option<usize>,
}

const W_NS: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const R_NS: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The document being written: its revisions and footnotes so far.
#[derive(Default)]
struct Writer {
    body: String,
    footnotes: String,
    ids: u32,
    notes: u32,
}

impl Writer {
    fn text(&mut self, s: &str, deleted: bool) {
        let tag = if deleted { "w:delText" } else { "w:t" };
        for (k, piece) in s.split('\t').enumerate() {
            if k > 0 {
                self.body.push_str("<w:r><w:tab/></w:r>");
            }
            if !piece.is_empty() {
                self.body.push_str(&format!(
                    "<w:r><{tag} xml:space=\"preserve\">{}</{tag}></w:r>",
                    escape(piece)
                ));
            }
        }
    }

    fn revision(&mut self, tag: &str, author: &str, text: &str) {
        self.ids += 1;
        let deleted = matches!(tag, "w:del" | "w:moveFrom");
        self.body.push_str(&format!(
            "<{tag} w:id=\"{}\" w:author=\"{}\" w:date=\"2031-03-02T09:00:00Z\">",
            self.ids,
            escape(author)
        ));
        self.text(text, deleted);
        self.body.push_str(&format!("</{tag}>"));
    }

    fn footnote(&mut self, text: &str) {
        self.notes += 1;
        let id = self.notes;
        self.body.push_str(&format!(
            "<w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteReference w:id=\"{id}\"/></w:r>"
        ));
        self.footnotes.push_str(&format!(
            "<w:footnote w:id=\"{id}\"><w:p><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:footnoteRef/></w:r><w:r><w:t xml:space=\"preserve\"> {}</w:t></w:r></w:p></w:footnote>",
            escape(text)
        ));
    }

    /// One paragraph of a cell in the markup.
    fn paragraph(&mut self, markup: &str, author: &str) {
        let (markup, mark) = if let Some(m) = markup.strip_suffix("¶+") {
            (m, Some("w:ins"))
        } else if let Some(m) = markup.strip_suffix("¶-") {
            (m, Some("w:del"))
        } else {
            (markup, None)
        };
        self.body.push_str("<w:p>");
        if let Some(tag) = mark {
            self.ids += 1;
            self.body.push_str(&format!(
                "<w:pPr><w:rPr><{tag} w:id=\"{}\" w:author=\"{}\" w:date=\"2031-03-02T09:00:00Z\"/></w:rPr></w:pPr>",
                self.ids,
                escape(author)
            ));
        }
        let mut rest = markup;
        while !rest.is_empty() {
            let next = ["[+", "[-", "[>", "[<", "[^"]
                .iter()
                .filter_map(|open| rest.find(open).map(|i| (i, *open)))
                .min();
            let Some((at, open)) = next else {
                self.text(rest, false);
                break;
            };
            self.text(&rest[..at], false);
            let close = match open {
                "[+" => "+]",
                "[-" => "-]",
                "[>" => ">]",
                "[<" => "<]",
                _ => "^]",
            };
            let inner_start = at + 2;
            let Some(len) = rest[inner_start..].find(close) else {
                self.text(&rest[at..], false);
                break;
            };
            let inner = &rest[inner_start..inner_start + len];
            match open {
                "[+" => self.revision("w:ins", author, inner),
                "[-" => self.revision("w:del", author, inner),
                "[>" => self.revision("w:moveTo", author, inner),
                "[<" => self.revision("w:moveFrom", author, inner),
                _ => self.footnote(inner),
            }
            rest = &rest[inner_start + len + 2..];
        }
        self.body.push_str("</w:p>");
    }

    fn cell(&mut self, markup: &str, author: &str, width: u32) {
        self.cell_with(
            markup,
            author,
            &format!("<w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"),
        );
    }

    /// A cell with the given cell properties (`w:tcPr`'s content).
    fn cell_with(&mut self, markup: &str, author: &str, properties: &str) {
        self.body
            .push_str(&format!("<w:tc><w:tcPr>{properties}</w:tcPr>"));
        let mut any = false;
        for p in markup.split('\n').filter(|p| !p.is_empty()) {
            self.paragraph(p, author);
            any = true;
        }
        if !any {
            // A cell holds at least one paragraph.
            self.body.push_str("<w:p/>");
        }
        self.body.push_str("</w:tc>");
    }
}

/// The bytes of the table as a .docx.
pub(crate) fn table_docx(spec: &TableSpec) -> Vec<u8> {
    let mut w = Writer::default();
    if !spec.cover.is_empty() {
        w.body.push_str("<w:tbl><w:tr>");
        for cell in &spec.cover {
            w.cell(cell, "", 4000);
        }
        w.body.push_str("</w:tr></w:tbl>");
    }
    if !spec.title_row {
        w.body
            .push_str("<w:p><w:pPr><w:pStyle w:val=\"Title\"/></w:pPr>");
        w.text(&spec.title, false);
        w.body.push_str("</w:p>");
    }
    let width = 14400 / spec.columns.len().max(1) as u32;
    w.body.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders><w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/><w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"auto\"/></w:tblBorders></w:tblPr><w:tblGrid>");
    for _ in &spec.columns {
        w.body.push_str(&format!("<w:gridCol w:w=\"{width}\"/>"));
    }
    w.body.push_str("</w:tblGrid>");
    if spec.title_row {
        w.body.push_str(&format!(
            "<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"{}\"/></w:tcPr><w:p>",
            spec.columns.len()
        ));
        w.text(&spec.title, false);
        w.body.push_str("</w:p></w:tc></w:tr>");
    }
    w.body.push_str("<w:tr><w:trPr><w:tblHeader/></w:trPr>");
    for (header, _) in &spec.columns {
        w.cell(header, "", width);
    }
    w.body.push_str("</w:tr>");
    let grid: String = spec
        .columns
        .iter()
        .map(|_| format!("<w:gridCol w:w=\"{width}\"/>"))
        .collect();
    for (r, row) in spec.rows.iter().enumerate() {
        if spec.split_at == Some(r) {
            w.body.push_str(&format!(
                "</w:tbl><w:p><w:r><w:br w:type=\"page\"/></w:r></w:p><w:tbl><w:tblGrid>{grid}</w:tblGrid><w:tr>"
            ));
            for (header, _) in &spec.columns {
                w.cell(header, "", width);
            }
            w.body.push_str("</w:tr>");
        }
        w.body.push_str("<w:tr>");
        if let [only] = row.as_slice() {
            // A row of one entry is one cell merged across the table, as a
            // chapter's heading is.
            let span = format!("<w:gridSpan w:val=\"{}\"/>", spec.columns.len());
            w.cell_with(only, "", &span);
        } else {
            for (k, (_, author)) in spec.columns.iter().enumerate() {
                let markup = row.get(k).map(String::as_str).unwrap_or_default();
                w.cell(markup, author, width);
            }
        }
        w.body.push_str("</w:tr>");
    }
    w.body.push_str("</w:tbl><w:p/><w:sectPr><w:pgSz w:w=\"16838\" w:h=\"11906\" w:orient=\"landscape\"/><w:pgMar w:top=\"720\" w:right=\"720\" w:bottom=\"720\" w:left=\"720\" w:header=\"360\" w:footer=\"360\" w:gutter=\"0\"/></w:sectPr>");

    let document = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W_NS}\" xmlns:r=\"{R_NS}\"><w:body>{}</w:body></w:document>",
        w.body
    );
    let footnotes = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:footnotes xmlns:w=\"{W_NS}\"><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type=\"continuationSeparator\" w:id=\"0\"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>{}</w:footnotes>",
        w.footnotes
    );
    let styles = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W_NS}\"><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style><w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/><w:basedOn w:val=\"Normal\"/><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:rPr><w:b/><w:sz w:val=\"28\"/></w:rPr></w:style></w:styles>"
    );
    let content_types = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/footnotes.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml\"/></Types>";
    let rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    let document_rels = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes\" Target=\"footnotes.xml\"/></Relationships>";
    let parts: [(&str, &str); 5] = [
        ("[Content_Types].xml", content_types),
        ("_rels/.rels", rels),
        ("word/document.xml", &document),
        ("word/_rels/document.xml.rels", document_rels),
        ("word/styles.xml", &styles),
    ];
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default());
    for (name, content) in parts
        .iter()
        .copied()
        .chain([("word/footnotes.xml", footnotes.as_str())])
    {
        zip.start_file(name, options).expect("zip entry");
        zip.write_all(content.as_bytes()).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}
