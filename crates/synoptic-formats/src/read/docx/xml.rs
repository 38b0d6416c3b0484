//! A small XML tree, parsed within the depth bound, with no DOCTYPE.

use quick_xml::events::Event;

use super::{err, one_line, ReadError, MAX_DEPTH};

/// An XML element: its local name (prefix dropped), attributes by local
/// name, and children.
#[derive(Debug, Default)]
pub(super) struct Element {
    pub(super) name: String,
    pub(super) attrs: Vec<(String, String)>,
    pub(super) children: Vec<Node>,
}

/// A child of an element.
#[derive(Debug)]
pub(super) enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// An attribute's value by local name (`val` for `w:val`).
    pub(super) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The element children.
    pub(super) fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The element children with a local name.
    pub(super) fn children_named<'s>(&'s self, name: &'s str) -> impl Iterator<Item = &'s Element> {
        self.elements().filter(move |e| e.name == name)
    }

    /// The first element child with a local name.
    pub(super) fn child(&self, name: &str) -> Option<&Element> {
        self.elements().find(|e| e.name == name)
    }

    /// The `attr` attribute of every element named `name` below this one
    /// (not below a match), in document order, as deep as [`MAX_DEPTH`]:
    /// the relationship ids a document's parts are reached by.
    pub(super) fn attrs_below(&self, name: &str, attr: &str) -> Vec<String> {
        fn walk(e: &Element, name: &str, attr: &str, out: &mut Vec<String>, depth: usize) {
            if depth > MAX_DEPTH {
                return;
            }
            for c in e.elements() {
                if c.name == name {
                    if let Some(value) = c.attr(attr) {
                        out.push(value.to_string());
                    }
                } else {
                    walk(c, name, attr, out, depth + 1);
                }
            }
        }
        let mut out = Vec::new();
        walk(self, name, attr, &mut out, 0);
        out
    }

    /// The `val` attribute of the first child with a local name.
    pub(super) fn child_val(&self, name: &str) -> Option<&str> {
        self.child(name).and_then(|c| c.attr("val"))
    }

    /// The text directly inside the element.
    pub(super) fn text(&self) -> String {
        let mut out = String::new();
        for n in &self.children {
            if let Node::Text(t) = n {
                out.push_str(t);
            }
        }
        out
    }
}

/// True when an on/off property element is on (`<w:b/>`, `<w:b w:val="1"/>`).
pub(super) fn is_on(e: &Element) -> bool {
    !matches!(e.attr("val"), Some("0" | "false" | "off"))
}

/// The local part of a qualified name.
pub(super) fn local(name: &[u8]) -> String {
    let local = match name.iter().rposition(|&b| b == b':') {
        Some(i) => &name[i + 1..],
        None => name,
    };
    String::from_utf8_lossy(local).into_owned()
}

/// Parses a part into a tree, refusing DOCTYPEs (hence entity
/// definitions), undefined entities, nesting deeper than [`MAX_DEPTH`] and
/// XML that ends early.
pub(super) fn parse_xml(
    part: &str,
    bytes: &[u8],
    keep_text: fn(&str) -> bool,
) -> Result<Element, ReadError> {
    let text = match utf16_without_bom(bytes).or_else(|| single_byte(bytes)) {
        Some(text) => text,
        None => crate::read::decode(bytes).map_err(|e| err(format!("{part}: {e}")))?,
    };
    let mut reader = quick_xml::Reader::from_str(&text);
    let bad = |reader: &quick_xml::Reader<&[u8]>, e: &dyn std::fmt::Display| {
        err(format!(
            "{part}: not well-formed XML at byte {}: {}",
            reader.error_position(),
            one_line(e)
        ))
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => return Err(bad(&reader, &e)),
        };
        match event {
            Event::Start(start) => {
                let element = element_of(part, &reader, &start, &stack, root.is_some())?;
                stack.push(element);
            }
            Event::Empty(start) => {
                let element = element_of(part, &reader, &start, &stack, root.is_some())?;
                close(&mut stack, &mut root, element);
            }
            Event::End(_) => {
                let Some(element) = stack.pop() else {
                    return Err(err(format!(
                        "{part}: not well-formed XML: unmatched end tag"
                    )));
                };
                close(&mut stack, &mut root, element);
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    if keep_text(&top.name) {
                        let t = t.xml10_content().map_err(|e| bad(&reader, &e))?;
                        push_text(top, &t);
                    }
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    if keep_text(&top.name) {
                        let t = t.decode().map_err(|e| bad(&reader, &e))?;
                        push_text(top, &t);
                    }
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c,
                    Ok(None) => {
                        let name = r.decode().map_err(|e| bad(&reader, &e))?;
                        match name.as_ref() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            other => return Err(undefined_entity(part, other)),
                        }
                    }
                    Err(e) => return Err(bad(&reader, &e)),
                };
                if let Some(top) = stack.last_mut() {
                    if keep_text(&top.name) {
                        push_text(top, resolved.encode_utf8(&mut [0; 4]));
                    }
                }
            }
            Event::DocType(_) => {
                return Err(err(format!(
                    "{part}: has a DOCTYPE, which a .docx never has (entity expansion?): refused"
                )))
            }
            Event::Eof => break,
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
        }
    }
    if !stack.is_empty() {
        return Err(err(format!("{part}: XML ends early (truncated?)")));
    }
    root.ok_or_else(|| err(format!("{part}: not XML (no root element)")))
}

/// A part in UTF-16 without a byte order mark (which XML asks for, and some
/// converters leave out), told by its first character `<` taking two
/// bytes; `None` for anything else.
fn utf16_without_bom(bytes: &[u8]) -> Option<String> {
    let unit: fn([u8; 2]) -> u16 = match bytes.get(..4)? {
        [b'<', 0, _, 0] => u16::from_le_bytes,
        [0, b'<', 0, _] => u16::from_be_bytes,
        _ => return None,
    };
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => unit([*a, *b]),
        _ => 0xFFFD,
    });
    let text: String = char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect();
    Some(crate::read::normalize_newlines(&text).into_owned())
}

/// A part its XML declaration says is in a single-byte Western encoding
/// (`windows-1252`, `ISO-8859-1`), as some converters write, decoded;
/// `None` for any other part.
fn single_byte(bytes: &[u8]) -> Option<String> {
    let head = bytes.get(..bytes.len().min(100))?;
    let end = head.windows(2).position(|w| w == b"?>")?;
    let declaration = String::from_utf8_lossy(head.get(..end)?).to_ascii_lowercase();
    if !declaration.starts_with("<?xml") {
        return None;
    }
    let cp1252 = declaration.contains("windows-1252") || declaration.contains("cp1252");
    let latin1 = ["iso-8859-1", "iso8859-1", "latin1", "latin-1"]
        .iter()
        .any(|name| declaration.contains(name));
    if !cp1252 && !latin1 {
        return None;
    }
    // Most Western files declared ISO-8859-1 are Windows-1252.
    let text: String = bytes.iter().map(|&b| cp1252_char(b)).collect();
    Some(crate::read::normalize_newlines(&text).into_owned())
}

/// A byte of Windows-1252 as its character.
pub(super) fn cp1252_char(b: u8) -> char {
    // Windows-1252's printable characters where ISO-8859-1 has controls.
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9F => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// The error for an entity that is neither predefined nor a character
/// reference (a DOCTYPE, which could define one, is refused earlier).
pub(super) fn undefined_entity(part: &str, name: &str) -> ReadError {
    let name: String = name.chars().take(40).collect();
    err(format!(
        "{part}: undefined entity &{name}; (custom entities are not allowed)"
    ))
}

/// A new element from a start tag, checking depth and a second root.
pub(super) fn element_of(
    part: &str,
    reader: &quick_xml::Reader<&[u8]>,
    start: &quick_xml::events::BytesStart<'_>,
    stack: &[Element],
    has_root: bool,
) -> Result<Element, ReadError> {
    if stack.len() >= MAX_DEPTH {
        return Err(err(format!(
            "{part}: XML nested deeper than {MAX_DEPTH} levels"
        )));
    }
    if has_root && stack.is_empty() {
        return Err(err(format!(
            "{part}: not well-formed XML: two root elements"
        )));
    }
    let bad = |e: &dyn std::fmt::Display| {
        err(format!(
            "{part}: not well-formed XML at byte {}: {}",
            reader.buffer_position(),
            one_line(e)
        ))
    };
    let mut element = Element {
        name: local(start.name().as_ref()),
        ..Element::default()
    };
    for attr in start.attributes() {
        let attr = attr.map_err(|e| bad(&e))?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|e| bad(&e))?;
        element
            .attrs
            .push((local(attr.key.as_ref()), value.into_owned()));
    }
    Ok(element)
}

/// Attaches a finished element to its parent, or makes it the root.
pub(super) fn close(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Element(element)),
        None => *root = Some(element),
    }
}

/// Appends text to an element, merging with a text child just before.
pub(super) fn push_text(element: &mut Element, text: &str) {
    if let Some(Node::Text(last)) = element.children.last_mut() {
        last.push_str(text);
    } else {
        element.children.push(Node::Text(text.to_string()));
    }
}
