//! Word's XML document (Flat OPC, "Word XML Document (*.xml)"): the parts
//! of a package as elements of one XML file, `<pkg:part pkg:name=
//! "/word/document.xml"><pkg:xmlData>...`. Its XML parts are put into a
//! zip in memory and read as a .docx; binary parts (pictures) are left
//! out, a picture still reading as `[image: alt text]` from the document.

use std::io::{Cursor, Write};

use quick_xml::events::Event;
use zip::write::SimpleFileOptions;

use super::xml::local;
use super::{err, one_line, ReadError, MAX_ENTRIES};

/// True when the bytes are a Flat OPC package: an XML file whose root is
/// `pkg:package`.
pub fn is_flat_opc(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{FEFF}').trim_start();
    head.starts_with('<') && head.contains("<pkg:package")
}

/// True when the bytes are one of Word's XML formats: Flat OPC, or Word
/// 2003's XML (`w:wordDocument`).
pub fn is_word_xml(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{FEFF}').trim_start();
    // A page Word saved as HTML names its XML island `w:WordDocument`
    // too, in its head: it is HTML.
    let html = head.starts_with("<html") || head.starts_with("<!doctype html");
    head.starts_with('<')
        && !html
        && (head.contains("<pkg:package") || head.contains("<w:worddocument"))
}

/// The XML parts of a Flat OPC package as the bytes of a zip.
pub(super) fn flat_to_zip(bytes: &[u8]) -> Result<Vec<u8>, ReadError> {
    let text = crate::read::decode(bytes).map_err(|e| err(format!("Word XML document: {e}")))?;
    let mut reader = quick_xml::Reader::from_str(&text);
    let bad = |e: &dyn std::fmt::Display| {
        err(format!(
            "Word XML document: not well-formed XML: {}",
            one_line(e)
        ))
    };
    let mut parts: Vec<(String, &str)> = Vec::new();
    let mut name: Option<String> = None;
    loop {
        match reader.read_event().map_err(|e| bad(&e))? {
            Event::Start(start) => match local(start.name().as_ref()).as_str() {
                "part" => {
                    name = None;
                    for attr in start.attributes() {
                        let attr = attr.map_err(|e| bad(&e))?;
                        if local(attr.key.as_ref()) == "name" {
                            let value = attr
                                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .map_err(|e| bad(&e))?;
                            name = Some(value.trim_start_matches('/').to_string());
                        }
                    }
                }
                "xmlData" => {
                    let span = reader.read_to_end(start.name()).map_err(|e| bad(&e))?;
                    let range = usize::try_from(span.start).unwrap_or(usize::MAX)
                        ..usize::try_from(span.end).unwrap_or(usize::MAX);
                    if let (Some(part), Some(content)) = (name.take(), text.get(range)) {
                        if parts.len() >= MAX_ENTRIES {
                            return Err(err(format!(
                                "Word XML document: more than {MAX_ENTRIES} parts: refused"
                            )));
                        }
                        parts.push((part, content));
                    }
                }
                _ => {}
            },
            Event::DocType(_) => {
                return Err(err(
                    "Word XML document: has a DOCTYPE (entity expansion?): refused",
                ))
            }
            Event::Eof => break,
            _ => {}
        }
    }
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let failed = |e: &dyn std::fmt::Display| err(format!("Word XML document: {}", one_line(e)));
    for (part, content) in parts {
        zip.start_file(part, options).map_err(|e| failed(&e))?;
        zip.write_all(content.as_bytes()).map_err(|e| failed(&e))?;
    }
    Ok(zip.finish().map_err(|e| failed(&e))?.into_inner())
}
