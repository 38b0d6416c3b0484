//! The zip package: its parts, inflated within the size budget.

use std::collections::HashMap;
use std::io::{Cursor, Read};

use super::xml::{parse_xml, Element};
use super::{
    err, is_encrypted_package, one_line, ReadError, MAX_ENTRIES, MAX_PART_BYTES, MAX_TOTAL_BYTES,
};

/// The zip archive, with the inflated-size budget still left.
pub(super) struct Package<'a> {
    pub(super) archive: zip::ZipArchive<Cursor<&'a [u8]>>,
    pub(super) budget: u64,
}

impl<'a> Package<'a> {
    /// Opens the zip, telling a legacy or encrypted Word file (an OLE
    /// compound file) and a file that is no zip at all from a damaged zip.
    pub(super) fn open(bytes: &'a [u8]) -> Result<Self, ReadError> {
        if let Some(what) = not_a_docx(bytes) {
            return Err(err(what));
        }
        let archive = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|e| err(format!("truncated or damaged .docx: {}", one_line(&e))))?;
        if archive.len() > MAX_ENTRIES {
            return Err(err(format!(
                "too many zip entries ({}, at most {MAX_ENTRIES})",
                archive.len()
            )));
        }
        Ok(Package {
            archive,
            budget: MAX_TOTAL_BYTES,
        })
    }

    /// The index of a part in the zip: its name exactly, else ignoring
    /// case, a leading slash and backslashes.
    fn index_of(&self, name: &str) -> Option<usize> {
        let wanted = name.trim_start_matches('/');
        if let Some(i) = self.archive.index_for_name(wanted) {
            return Some(i);
        }
        let found = self
            .archive
            .file_names()
            .find(|n| {
                n.trim_start_matches('/')
                    .replace('\\', "/")
                    .eq_ignore_ascii_case(wanted)
            })?
            .to_string();
        self.archive.index_for_name(&found)
    }

    /// The inflated bytes of a part, `None` when the zip has no such entry.
    /// Names match exactly, else ignoring case and a leading slash.
    pub(super) fn bytes(&mut self, name: &str) -> Result<Option<Vec<u8>>, ReadError> {
        let wanted = name.trim_start_matches('/');
        let Some(index) = self.index_of(wanted) else {
            return Ok(None);
        };
        let mut entry = self.archive.by_index(index).map_err(|e| {
            let message = one_line(&e);
            if message.to_lowercase().contains("password") {
                err("encrypted .docx: cannot read")
            } else {
                err(format!("{wanted}: cannot unzip: {message}"))
            }
        })?;
        if entry.encrypted() {
            return Err(err("encrypted .docx: cannot read"));
        }
        let limit = MAX_PART_BYTES.min(self.budget);
        let mut out = Vec::new();
        // Read one byte past the limit to tell "exactly at" from "over"; the
        // size in the zip header is not trusted.
        (&mut entry)
            .take(limit + 1)
            .read_to_end(&mut out)
            .map_err(|e| err(format!("{wanted}: cannot unzip: {}", one_line(&e))))?;
        let read = out.len() as u64;
        if read > limit {
            return Err(err(if limit < MAX_PART_BYTES {
                format!(
                    "inflates to more than {} MiB in all: refused (zip bomb?)",
                    MAX_TOTAL_BYTES >> 20
                )
            } else {
                format!(
                    "{wanted} inflates to more than {} MiB: refused (zip bomb?)",
                    MAX_PART_BYTES >> 20
                )
            }));
        }
        self.budget -= read;
        Ok(Some(out))
    }

    /// A part parsed as XML, `None` when absent. `keep_text` says inside
    /// which elements (by local name) text matters; other text is dropped
    /// while parsing to keep the tree small.
    pub(super) fn xml(
        &mut self,
        name: &str,
        keep_text: fn(&str) -> bool,
    ) -> Result<Option<Element>, ReadError> {
        match self.bytes(name)? {
            Some(bytes) => parse_xml(name, &bytes, keep_text).map(Some),
            None => Ok(None),
        }
    }

    /// Why a zip without a main document part is not a Word document: an
    /// OpenDocument file (LibreOffice's .odt) or another Office file says
    /// what it is.
    pub(super) fn what_instead(&mut self, main: &str) -> String {
        const SAVE: &str = "save it as .docx";
        let mimetype = self
            .bytes("mimetype")
            .ok()
            .flatten()
            .map(|m| String::from_utf8_lossy(&m).trim().to_string())
            .unwrap_or_default();
        let has = |package: &Self, name: &str| package.archive.index_for_name(name).is_some();
        if mimetype.starts_with("application/vnd.oasis.opendocument") {
            format!("an OpenDocument file ({mimetype}), not a .docx: cannot read; {SAVE}")
        } else if has(self, "xl/workbook.xml") || has(self, "ppt/presentation.xml") {
            "an Excel or PowerPoint file, not a Word document".into()
        } else {
            format!("no {main}: not a Word document")
        }
    }

    /// The name of the main document part: what `_rels/.rels` names as the
    /// office document, else `word/document.xml`.
    pub(super) fn main_part(&mut self) -> Result<String, ReadError> {
        let fallback = "word/document.xml".to_string();
        let Some(rels) = self.xml("_rels/.rels", |_| false)? else {
            return Ok(fallback);
        };
        for rel in rels.children_named("Relationship") {
            if rel
                .attr("Type")
                .is_some_and(|t| t.ends_with("/officeDocument"))
                && rel.attr("TargetMode") != Some("External")
            {
                if let Some(target) = rel.attr("Target") {
                    let name = resolve_target("", target);
                    if self.index_of(&name).is_some() {
                        return Ok(name);
                    }
                }
            }
        }
        Ok(fallback)
    }

    /// The parts the main document reaches by the relationship ids `ids`
    /// (each once, in order; ids that name no part of the package left
    /// out), as (id, part name).
    pub(super) fn related_parts(&mut self, main: &str, ids: Vec<String>) -> Vec<(String, String)> {
        if ids.is_empty() {
            return Vec::new();
        }
        let Ok(targets) = self.relation_targets(main) else {
            return Vec::new();
        };
        let mut seen = std::collections::HashSet::new();
        ids.into_iter()
            .filter(|id| seen.insert(id.clone()))
            .filter_map(|id| {
                let name = targets.get(&id)?.clone();
                Some((id, name))
            })
            .collect()
    }

    /// The main document's relationships to parts of the package (external
    /// targets left out), and the main document's folder.
    fn relationships(&mut self, main: &str) -> Result<(String, Vec<Relationship>), ReadError> {
        let (dir, file) = main.rsplit_once('/').unwrap_or(("", main));
        let rels_name = if dir.is_empty() {
            format!("_rels/{file}.rels")
        } else {
            format!("{dir}/_rels/{file}.rels")
        };
        let mut out = Vec::new();
        if let Some(rels) = self.xml(&rels_name, |_| false)? {
            for rel in rels.children_named("Relationship") {
                if rel.attr("TargetMode") == Some("External") {
                    continue;
                }
                if let (Some(id), Some(target)) = (rel.attr("Id"), rel.attr("Target")) {
                    out.push(Relationship {
                        id: id.to_string(),
                        kind: rel.attr("Type").unwrap_or_default().to_string(),
                        part: resolve_target(dir, target),
                    });
                }
            }
        }
        Ok((dir.to_string(), out))
    }

    /// Every part the main document relates to, by relationship id
    /// (external targets left out).
    pub(super) fn relation_targets(
        &mut self,
        main: &str,
    ) -> Result<HashMap<String, String>, ReadError> {
        let (_, relationships) = self.relationships(main)?;
        Ok(relationships.into_iter().map(|r| (r.id, r.part)).collect())
    }

    /// The parts the main document relates to, by kind (`styles`,
    /// `numbering`, `footnotes`, `endnotes`), with the usual names as a
    /// fallback.
    pub(super) fn part_relations(
        &mut self,
        main: &str,
    ) -> Result<HashMap<&'static str, String>, ReadError> {
        let (dir, relationships) = self.relationships(main)?;
        let mut out = HashMap::new();
        for r in relationships {
            for wanted in ["styles", "numbering", "footnotes", "endnotes", "settings"] {
                if r.kind.ends_with(&format!("/{wanted}")) {
                    out.insert(wanted, r.part.clone());
                }
            }
        }
        for wanted in ["styles", "numbering", "footnotes", "endnotes", "settings"] {
            out.entry(wanted).or_insert_with(|| {
                if dir.is_empty() {
                    format!("{wanted}.xml")
                } else {
                    format!("{dir}/{wanted}.xml")
                }
            });
        }
        Ok(out)
    }
}

/// What a file that is no .docx at all is, as a one-line refusal: a legacy
/// or encrypted Word file (an OLE compound file), RTF, Word's XML formats,
/// a web page saved as .doc, or anything else that is not a zip.
fn not_a_docx(bytes: &[u8]) -> Option<String> {
    const SAVE: &str = "save it as .docx (Word: File > Save As > Word Document)";
    if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        // Word wraps a password-protected .docx in an OLE compound file
        // (streams `EncryptionInfo` and `EncryptedPackage`); a Word
        // 97-2003 .doc is one with a `WordDocument` stream.
        return Some(if is_encrypted_package(bytes) {
            "encrypted (password-protected) .docx: cannot read; remove the password in Word and save again".into()
        } else if has_stream(bytes, "WordDocument") {
            format!("a Word 97-2003 .doc, not a .docx: cannot read; {SAVE}")
        } else {
            format!("an OLE compound file (legacy Office format), not a .docx: cannot read; {SAVE}")
        });
    }
    if bytes.starts_with(b"PK") {
        return None;
    }
    if bytes.is_empty() {
        return Some("an empty file, not a .docx".into());
    }
    let head: String = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)])
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .to_ascii_lowercase();
    let what = if head.starts_with("{\\rtf") {
        "an RTF file"
    } else if head.contains("<office:document") {
        "a flat OpenDocument file (.fodt)"
    } else if head.starts_with("<!doctype html")
        || head.contains("<html")
        || head.starts_with("mime-version:")
    {
        "a web page (HTML or MHT)"
    } else {
        return Some("not a .docx (not a zip file)".into());
    };
    Some(format!("{what}, not a .docx: cannot read; {SAVE}"))
}

/// True when an OLE compound file names a stream (directory names are
/// UTF-16LE).
fn has_stream(bytes: &[u8], name: &str) -> bool {
    let name: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
    bytes.windows(name.len()).any(|w| w == name.as_slice())
}

/// A target with its `%XX` escapes decoded (a part named with a space is
/// written `my%20part.xml`); left as it is if that is no UTF-8.
fn percent_decoded(target: &str) -> String {
    if !target.contains('%') {
        return target.to_string();
    }
    let bytes = target.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| target.to_string())
}

/// A relationship target as a part name: absolute (`/word/x.xml`) or
/// One relationship of a part to another part of the package.
struct Relationship {
    id: String,
    /// Its type (a URI ending in `/styles`, `/footnotes`, ...).
    kind: String,
    /// The name of the part it reaches.
    part: String,
}

/// relative to `dir`, with `..` resolved.
pub(super) fn resolve_target(dir: &str, target: &str) -> String {
    let joined = if let Some(abs) = target.strip_prefix('/') {
        abs.to_string()
    } else if dir.is_empty() {
        target.to_string()
    } else {
        format!("{dir}/{target}")
    };
    let joined = percent_decoded(&joined);
    let mut parts: Vec<&str> = Vec::new();
    for piece in joined.split('/') {
        match piece {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}
