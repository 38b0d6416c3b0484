//! Tests of the .docx reader, on documents built in memory and on the
//! shared corpus.

use super::*;
use std::io::{Cursor, Write};
use std::path::PathBuf;
use synoptic_core::{ChangeKind, Paragraph};
use zip::write::SimpleFileOptions;

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A zip of the given parts.
pub(crate) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(content).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// A .docx whose body is `body`, with extra parts (numbering, styles,
/// footnotes) under `word/`.
fn docx(body: &str, extra: &[(&str, String)]) -> Vec<u8> {
    let document =
        format!("<?xml version=\"1.0\"?><w:document {W}><w:body>{body}</w:body></w:document>");
    let mut parts: Vec<(String, Vec<u8>)> =
        vec![("word/document.xml".into(), document.into_bytes())];
    for (name, content) in extra {
        parts.push((format!("word/{name}"), content.clone().into_bytes()));
    }
    let refs: Vec<(&str, &[u8])> = parts
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_slice()))
        .collect();
    zip_of(&refs)
}

fn read_mode(bytes: &[u8], mode: TrackChanges) -> Document {
    read(
        bytes,
        &DocxOptions {
            track_changes: mode,
            openers: Openers::itu(),
        },
    )
    .unwrap()
}

fn all(bytes: &[u8]) -> Document {
    read_mode(bytes, TrackChanges::All)
}

fn texts(doc: &Document) -> Vec<String> {
    doc.paragraphs().map(|p| p.text.to_string()).collect()
}

fn labels(doc: &Document) -> Vec<String> {
    doc.paragraphs()
        .map(|p| p.label.clone().unwrap_or_default())
        .collect()
}

/// `(op, text, author)` of a paragraph's revision.
fn ops(p: &Paragraph) -> Vec<(ChangeKind, String, Option<String>)> {
    p.revision
        .iter()
        .flatten()
        .map(|c| (c.kind, c.text.to_string(), c.author.clone()))
        .collect()
}

fn read_err(bytes: &[u8]) -> String {
    let e = read(bytes, &DocxOptions::default())
        .unwrap_err()
        .to_string();
    assert!(!e.contains('\n'), "one line: {e}");
    e
}

fn p(runs: &str) -> String {
    format!("<w:p>{runs}</w:p>")
}

fn r(text: &str) -> String {
    format!("<w:r><w:t xml:space=\"preserve\">{text}</w:t></w:r>")
}

fn ins(author: &str, inner: &str) -> String {
    format!(
        "<w:ins w:id=\"1\" w:author=\"{author}\" w:date=\"2022-01-05T10:00:00Z\">{inner}</w:ins>"
    )
}

fn del(author: &str, text: &str) -> String {
    format!("<w:del w:id=\"2\" w:author=\"{author}\" w:date=\"2022-02-01T10:00:00Z\"><w:r><w:delText xml:space=\"preserve\">{text}</w:delText></w:r></w:del>")
}

// -- parts other tests build ----------------------------------------------

/// The footnotes part with notes by id.
fn footnotes(notes: &[(&str, String)]) -> String {
    let notes: String = notes
        .iter()
        .map(|(id, body)| format!("<w:footnote w:id=\"{id}\">{body}</w:footnote>"))
        .collect();
    format!("<w:footnotes {W}><w:footnote w:type=\"separator\" w:id=\"-1\"><w:p/></w:footnote>{notes}</w:footnotes>")
}

fn note_ref(kind: &str, id: &str) -> String {
    format!("<w:r><w:{kind}Reference w:id=\"{id}\"/></w:r>")
}

/// A drawing holding a text box (DrawingML inside markup compatibility,
/// with its VML fallback, which must not be read twice).
fn text_box(inner: &str) -> String {
    format!(
        "<w:r><mc:AlternateContent xmlns:mc=\"m\"><mc:Choice Requires=\"wps\"><w:drawing><wp:anchor xmlns:wp=\"wp\"><wp:docPr w:id=\"1\" w:name=\"Text Box 1\"/><a:graphic xmlns:a=\"a\"><a:graphicData><wps:wsp xmlns:wps=\"wps\"><wps:txbx><w:txbxContent>{inner}</w:txbxContent></wps:txbx></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape xmlns:v=\"v\"><v:textbox><w:txbxContent>{inner}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
}

/// An inline picture with a description.
fn picture(descr: &str) -> String {
    format!(
        "<w:r><w:drawing><wp:inline xmlns:wp=\"wp\"><wp:docPr w:id=\"4\" w:name=\"Picture 4\" w:descr=\"{descr}\"/><a:graphic xmlns:a=\"a\"><a:graphicData><pic:pic xmlns:pic=\"pic\"><pic:blipFill><a:blip r:embed=\"rId9\"/></pic:blipFill></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )
}

fn numbering(levels: &str, nums: &str) -> String {
    format!("<w:numbering {W}><w:abstractNum w:abstractNumId=\"0\">{levels}</w:abstractNum>{nums}</w:numbering>")
}

fn lvl(i: usize, start: i64, fmt: &str, text: &str) -> String {
    format!("<w:lvl w:ilvl=\"{i}\"><w:start w:val=\"{start}\"/><w:numFmt w:val=\"{fmt}\"/><w:lvlText w:val=\"{text}\"/></w:lvl>")
}

fn numbered(num: &str, ilvl: usize, text: &str) -> String {
    format!("<w:p><w:pPr><w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"{num}\"/></w:numPr></w:pPr>{}</w:p>", r(text))
}

mod content;
mod corpus;
mod hostile;
mod lists;
mod producers;
mod tracked;
