//! Embedded documents (`w:altChunk`): another document, HTML, a web
//! archive (MHT), plain text or a .docx, that Word converts into the text
//! where it stands when it opens the file. Producers that build Word
//! files from web content (docx4j, html-docx-js, document assemblers)
//! write whole proposals this way. Their text is read as the reader of
//! their format reads it (RTF as its paragraphs of text); what cannot be
//! read (a web archive in base64, a binary format) is said in a note.

use std::collections::HashMap;

use synoptic_core::structure::Openers;
use synoptic_core::{Change, ChangeKind, Document, Paragraph};

use super::package::Package;
use super::rtf::rtf_paragraphs;
use super::xml::Element;
use super::{DocxOptions, TrackChanges};
use crate::read::html;
use crate::read::markdown::MarkdownOptions;

/// A paragraph of an embedded document: its text with its changes, and
/// whether it heads a section there.
#[derive(Debug, Clone)]
pub(super) struct ChunkParagraph {
    pub(super) heading: bool,
    pub(super) pieces: Vec<Change>,
}

/// The embedded documents of a main part that could be read, by the
/// relationship id their `w:altChunk` names.
pub(super) fn read_chunks(
    package: &mut Package<'_>,
    main: &str,
    document: &Element,
) -> HashMap<String, Vec<ChunkParagraph>> {
    let mut out = HashMap::new();
    for (id, name) in package.related_parts(main, document.attrs_below("altChunk", "id")) {
        // A part past the size budget is no text here: the note says so.
        let Ok(Some(bytes)) = package.bytes(&name) else {
            continue;
        };
        if let Some(paragraphs) = chunk_paragraphs(&bytes) {
            out.insert(id, paragraphs);
        }
    }
    out
}

/// The paragraphs of an embedded document, by what its bytes are; `None`
/// for a format not read (binary).
fn chunk_paragraphs(bytes: &[u8]) -> Option<Vec<ChunkParagraph>> {
    if bytes.starts_with(b"PK") {
        // A .docx inside a .docx: read as the main one is, but its own
        // embedded documents are not read again.
        let options = DocxOptions {
            track_changes: TrackChanges::All,
            openers: Openers::empty(),
        };
        let document = super::read_nested(bytes, &options).ok()?;
        return Some(paragraphs_of(&document));
    }
    if bytes.contains(&0) {
        return None;
    }
    let text = String::from_utf8_lossy(bytes);
    let text = text.trim_start_matches('\u{FEFF}');
    let head: String = text.chars().take(2048).collect::<String>().to_lowercase();
    if head.trim_start().starts_with("{\\rtf") {
        return Some(
            rtf_paragraphs(text)
                .into_iter()
                .map(|p| ChunkParagraph {
                    heading: false,
                    pieces: vec![Change::equal(p)],
                })
                .collect(),
        );
    }
    let html_text =
        if head.starts_with("mime-version:") || head.contains("\ncontent-type: multipart/") {
            web_archive_html(text)?
        } else {
            text.to_string()
        };
    let lower = html_text.to_lowercase();
    if html::looks_like_html(&html_text) || lower.contains("<body") || lower.contains("<p") {
        let options = MarkdownOptions {
            openers: Openers::empty(),
        };
        let document = html::read(&html_text, &options).ok()?;
        return Some(paragraphs_of(&document));
    }
    // Plain text: a paragraph per line.
    Some(
        html_text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(|l| ChunkParagraph {
                heading: false,
                pieces: vec![Change::equal(l)],
            })
            .collect(),
    )
}

/// The paragraphs of a document read from an embedded one: each section's
/// heading, then its paragraphs, a label typed before its text (as Word
/// would show it, and as the reader splits it off again).
fn paragraphs_of(document: &Document) -> Vec<ChunkParagraph> {
    let mut out = Vec::new();
    for section in &document.sections {
        if let Some(opener) = &section.opener {
            out.push(ChunkParagraph {
                heading: true,
                pieces: pieces_of(opener),
            });
        }
        for p in &section.paragraphs {
            out.push(ChunkParagraph {
                heading: false,
                pieces: pieces_of(p),
            });
        }
    }
    out
}

/// A paragraph's text with its changes, its label before it.
fn pieces_of(p: &Paragraph) -> Vec<Change> {
    let mut pieces = Vec::new();
    if let Some(label) = &p.label {
        pieces.push(Change::equal(format!("{label}\t")));
    }
    match &p.revision {
        Some(changes) => pieces.extend(changes.iter().cloned()),
        None => pieces.push(Change::equal(p.text.to_string())),
    }
    pieces.retain(|c| !c.text.is_empty() || c.kind != ChangeKind::Equal);
    pieces
}

/// The HTML of a web archive (MHT, a MIME message): its first `text/html`
/// part, decoded from quoted-printable; `None` when it has none, or only
/// an encoding not read here (base64).
fn web_archive_html(text: &str) -> Option<String> {
    let text = text.replace("\r\n", "\n");
    let (top, rest) = text.split_once("\n\n")?;
    let boundary = top.split(';').find_map(|p| {
        let value = p.trim().strip_prefix("boundary=")?;
        Some(value.trim().trim_matches('"').to_string())
    });
    let parts: Vec<&str> = match &boundary {
        Some(b) if !b.is_empty() => rest.split(&format!("--{b}")).collect(),
        _ => vec![&text],
    };
    for part in parts {
        let Some((headers, body)) = part.trim_start_matches('\n').split_once("\n\n") else {
            continue;
        };
        let headers = headers.to_lowercase();
        if !headers.contains("content-type: text/html") {
            continue;
        }
        if headers.contains("content-transfer-encoding: base64") {
            return None;
        }
        return Some(if headers.contains("quoted-printable") {
            quoted_printable(body)
        } else {
            body.to_string()
        });
    }
    None
}

/// Text decoded from quoted-printable: `=XX` is a byte, `=` at a line end
/// joins the lines; the bytes read as UTF-8.
fn quoted_printable(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' {
            if bytes.get(i + 1) == Some(&b'\n') {
                i += 2;
                continue;
            }
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok())
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_web_archive_gives_its_html_decoded() {
        let mht = "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"b1\"\r\n\r\n--b1\r\n\
                   Content-Location: file:///C:/fake/document.html\r\nContent-Transfer-Encoding: quoted-printable\r\n\
                   Content-Type: text/html; charset=\"utf-8\"\r\n\r\n<html><body><p style=3D\"x\">Dues are paid =\r\nmonthly =E2=80=94 in euro.</p></body></html>\r\n\r\n--b1--\r\n";
        let html = web_archive_html(mht).unwrap();
        assert!(
            html.contains("<p style=\"x\">Dues are paid monthly \u{2014} in euro.</p>"),
            "{html}"
        );
        let paragraphs = chunk_paragraphs(mht.as_bytes()).unwrap();
        assert_eq!(paragraphs.len(), 1);
        assert_eq!(
            paragraphs[0].pieces,
            [Change::equal("Dues are paid monthly \u{2014} in euro.")]
        );
        // A base64 archive is not read.
        let base64 = mht.replace("quoted-printable", "base64");
        assert!(chunk_paragraphs(base64.as_bytes()).is_none());
    }
}
