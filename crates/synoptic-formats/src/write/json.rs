//! JSON: the synopsis as the `synoptic compare` contract spells it, for
//! scripts. The contract, with every field written here, is
//! `docs/json.md` at the root of the repository.

use std::io::{self, Write};

use serde::Serialize;
use synoptic_core::consolidate::{row_conflicts, RowConflict};
use synoptic_core::synopsis::Cell;
use synoptic_core::synopsis::RowKind;
use synoptic_core::{Change, ChangeKind, Row, Synopsis, Text};

/// Rows serialised in one batch, while the batch before is written: a few
/// batches are held in memory at once (a row of 20 proposals is some
/// 18 KB of JSON), so this bounds what writing adds to the synopsis.
const ROWS_PER_BATCH: usize = 128;

/// Writes the synopsis as pretty-printed JSON followed by a newline.
///
/// The shape is the serde shape of [`Synopsis`] (`versions`, `rows`, each
/// row's `cells` with their `ops`), and on each row where proposals'
/// changes collide a `conflict` naming their versions (the conflicts of
/// [`row_conflicts`], which `stats` and `consolidate` count); it is
/// deterministic because every collection in it is an ordered list.
///
/// The rows, which are nearly all of a large synopsis, are serialised in
/// batches on a thread of their own while the batch before is written;
/// the bytes are exactly those of `serde_json::to_writer_pretty` on the
/// whole synopsis with those rows (and each row's `conflict` last).
pub fn write(synopsis: &Synopsis, mut out: impl Write) -> io::Result<()> {
    let conflicts = row_conflicts(synopsis);
    // Everything but the rows, with an empty list where they go. JSON
    // strings hold no raw newline, so this marker can only be the
    // top-level key.
    let frame = Synopsis {
        versions: synopsis.versions.clone(),
        base_inferred: synopsis.base_inferred,
        rows: Vec::new(),
        notes: synopsis.notes.clone(),
    };
    let frame = serde_json::to_string_pretty(&frame).map_err(io::Error::other)?;
    const MARKER: &str = "\n  \"rows\": []";
    let Some(at) = frame.find(MARKER) else {
        return Err(io::Error::other("the synopsis JSON has no rows key"));
    };
    out.write_all(&frame.as_bytes()[..at])?;
    if synopsis.rows.is_empty() {
        out.write_all(MARKER.as_bytes())?;
    } else {
        out.write_all(b"\n  \"rows\": [")?;
        // One thread serialises batch after batch into a few buffers it
        // gets back once each is written out here (the writer need not be
        // `Send`): writing and serialising overlap, and memory stays at
        // those buffers whatever the size of the synopsis.
        let (full, filled) = std::sync::mpsc::sync_channel::<io::Result<Vec<u8>>>(1);
        let (emptied, empty) = std::sync::mpsc::channel::<Vec<u8>>();
        std::thread::scope(|scope| -> io::Result<()> {
            let batches = synopsis
                .rows
                .chunks(ROWS_PER_BATCH)
                .zip(conflicts.chunks(ROWS_PER_BATCH));
            scope.spawn(move || {
                for (b, (batch, marks)) in batches.enumerate() {
                    let mut buf = empty.try_recv().unwrap_or_default();
                    buf.clear();
                    let made = rows_json(&mut buf, batch, marks, b == 0).map(|()| buf);
                    // The writer stopped at an error: nothing more is wanted.
                    if full.send(made).is_err() {
                        return;
                    }
                }
            });
            let mut result = Ok(());
            for made in filled {
                let buf = match made {
                    Ok(buf) => buf,
                    Err(e) => {
                        result = Err(e);
                        break;
                    }
                };
                result = out.write_all(&buf);
                if result.is_err() {
                    break;
                }
                // The serialising thread may have finished: then the buffer
                // is simply dropped.
                let _ = emptied.send(buf);
            }
            result
        })?;
        out.write_all(b"\n  ]")?;
    }
    out.write_all(&frame.as_bytes()[at + MARKER.len()..])?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Rows as elements of the pretty-printed `rows` list: each on a new line,
/// indented two levels, separated by commas (none before the first row of
/// the list).
///
/// Written by hand rather than through serde, in exactly serde_json's
/// pretty layout (the tests hold it to that): a row's base text recurs in
/// every cell that leaves it alone, twice (text and `equal` op), and is
/// escaped once per row here instead of some forty times.
fn rows_json(
    out: &mut Vec<u8>,
    rows: &[Row],
    conflicts: &[Option<RowConflict>],
    first: bool,
) -> io::Result<()> {
    let mut escaped = Vec::new();
    for (i, (row, conflict)) in rows.iter().zip(conflicts).enumerate() {
        out.extend_from_slice(if first && i == 0 {
            b"\n    "
        } else {
            b",\n    "
        });
        escaped.clear();
        if let Some(base) = &row.base_text {
            escape_into(&mut escaped, base);
        }
        let row_out = RowWriter {
            base: row.base_text.as_ref(),
            escaped: &escaped,
        };
        row_out.row(out, row, conflict.as_ref())?;
    }
    Ok(())
}

/// Writes one row, reusing the escaped base text for every string that is
/// the row's base text itself.
struct RowWriter<'a> {
    base: Option<&'a Text>,
    escaped: &'a [u8],
}

impl RowWriter<'_> {
    fn row(&self, out: &mut Vec<u8>, row: &Row, conflict: Option<&RowConflict>) -> io::Result<()> {
        const IN: &[u8] = b"\n      ";
        out.extend_from_slice(b"{");
        field(out, IN, "id");
        string(out, &row.id);
        out.push(b',');
        field(out, IN, "section");
        string(out, &row.section);
        out.push(b',');
        field(out, IN, "section_title");
        string(out, &row.section_title);
        out.push(b',');
        field(out, IN, "kind");
        word(out, row_kind_name(row.kind));
        out.push(b',');
        field(out, IN, "label");
        optional(out, row.label.as_deref());
        out.push(b',');
        field(out, IN, "base_text");
        match &row.base_text {
            Some(text) => self.text(out, text),
            None => out.extend_from_slice(b"null"),
        }
        out.push(b',');
        field(out, IN, "cells");
        list(out, &row.cells, b"\n        ", b"\n      ", |out, cell| {
            self.cell(out, cell)
        })?;
        if !row.notes.is_empty() {
            out.push(b',');
            field(out, IN, "notes");
            list(out, &row.notes, b"\n        ", b"\n      ", |out, note| {
                string(out, note);
                Ok(())
            })?;
        }
        if let Some(conflict) = conflict {
            out.push(b',');
            field(out, IN, "conflict");
            out.extend_from_slice(b"{");
            field(out, b"\n        ", "versions");
            list(
                out,
                &conflict.versions,
                b"\n          ",
                b"\n        ",
                |out, v| {
                    string(out, v);
                    Ok(())
                },
            )?;
            out.extend_from_slice(b"\n      }");
        }
        out.extend_from_slice(b"\n    }");
        Ok(())
    }

    fn cell(&self, out: &mut Vec<u8>, cell: &Cell) -> io::Result<()> {
        const IN: &[u8] = b"\n          ";
        out.push(b'{');
        field(out, IN, "version");
        string(out, &cell.version);
        out.push(b',');
        field(out, IN, "status");
        word(out, cell.status.as_str());
        out.push(b',');
        field(out, IN, "label");
        optional(out, cell.label.as_deref());
        if let Some(former) = &cell.former_label {
            out.push(b',');
            field(out, IN, "former_label");
            string(out, former);
        }
        out.push(b',');
        field(out, IN, "text");
        self.text(out, &cell.text);
        out.push(b',');
        field(out, IN, "ops");
        list(
            out,
            &cell.ops,
            b"\n            ",
            b"\n          ",
            |out, change| self.change(out, change),
        )?;
        if cell.tracked {
            out.push(b',');
            field(out, IN, "tracked");
            out.extend_from_slice(b"true");
        }
        if let Some(moved) = &cell.moved {
            out.push(b',');
            field(out, IN, "moved");
            string(out, moved);
        }
        out.extend_from_slice(b"\n        }");
        Ok(())
    }

    fn change(&self, out: &mut Vec<u8>, change: &Change) -> io::Result<()> {
        const IN: &[u8] = b"\n              ";
        out.push(b'{');
        field(out, IN, "op");
        word(out, change_kind_name(change.kind));
        out.push(b',');
        field(out, IN, "text");
        self.text(out, &change.text);
        if change.minor {
            out.push(b',');
            field(out, IN, "minor");
            out.extend_from_slice(b"true");
        }
        if let Some(author) = &change.author {
            out.push(b',');
            field(out, IN, "author");
            string(out, author);
        }
        if let Some(confidence) = &change.confidence {
            out.push(b',');
            field(out, IN, "confidence");
            value(out, confidence)?;
        }
        if let Some(moved) = &change.moved {
            out.push(b',');
            field(out, IN, "move");
            value(out, moved)?;
        }
        out.extend_from_slice(b"\n            }");
        Ok(())
    }

    /// A text as a JSON string: the escaped base text when it is that.
    fn text(&self, out: &mut Vec<u8>, text: &Text) {
        match self.base {
            Some(base) if base == text => {
                out.push(b'"');
                out.extend_from_slice(self.escaped);
                out.push(b'"');
            }
            _ => string(out, text),
        }
    }
}

/// A key at the given indentation (a newline and spaces), with its colon.
fn field(out: &mut Vec<u8>, indent: &[u8], key: &str) {
    // Keys are this writer's own words, with nothing to escape.
    debug_assert!(key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_'));
    out.extend_from_slice(indent);
    out.push(b'"');
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(b"\": ");
}

/// A value through serde_json (numbers, the lowercase enums), as it writes
/// them.
fn value(out: &mut Vec<u8>, v: &impl Serialize) -> io::Result<()> {
    serde_json::to_writer(out, v).map_err(io::Error::other)
}

fn optional(out: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => string(out, s),
        None => out.extend_from_slice(b"null"),
    }
}

/// A list, one item per line at `indent`, closed on a line of its own at
/// `close`, as serde_json's pretty printer lays it out (`[]` when empty).
fn list<T>(
    out: &mut Vec<u8>,
    items: &[T],
    indent: &[u8],
    close: &[u8],
    mut item: impl FnMut(&mut Vec<u8>, &T) -> io::Result<()>,
) -> io::Result<()> {
    if items.is_empty() {
        out.extend_from_slice(b"[]");
        return Ok(());
    }
    out.push(b'[');
    for (i, x) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(indent);
        item(out, x)?;
    }
    out.extend_from_slice(close);
    out.push(b']');
    Ok(())
}

/// One of this writer's own words (an enum's name), quoted: nothing in it
/// to escape.
fn word(out: &mut Vec<u8>, word: &str) {
    out.push(b'"');
    out.extend_from_slice(word.as_bytes());
    out.push(b'"');
}

/// A row kind's name, as serde names it.
fn row_kind_name(kind: RowKind) -> &'static str {
    match kind {
        RowKind::Heading => "heading",
        RowKind::Paragraph => "paragraph",
    }
}

/// A change kind's name, as serde names it.
fn change_kind_name(kind: ChangeKind) -> &'static str {
    match kind {
        ChangeKind::Equal => "equal",
        ChangeKind::Insert => "insert",
        ChangeKind::Delete => "delete",
    }
}

/// A JSON string, quoted.
fn string(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    escape_into(out, s);
    out.push(b'"');
}

/// `s` escaped as serde_json escapes it: `"` and `\\`, and the control
/// characters below U+0020 (the usual five by letter, the rest as
/// `\u00XX`); everything else as it is.
fn escape_into(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Eight bytes at a time while none needs escaping: most text is
        // clean, and this is most of writing a large JSON synopsis.
        if let Some(word) = bytes
            .get(i..i + 8)
            .and_then(|w| <[u8; 8]>::try_from(w).ok())
        {
            if !needs_escaping(u64::from_le_bytes(word)) {
                i += 8;
                continue;
            }
        }
        let (at, b) = (i, bytes[i]);
        i += 1;
        if b >= 0x20 && b != b'"' && b != b'\\' {
            continue;
        }
        out.extend_from_slice(&bytes[start..at]);
        match b {
            b'"' => out.extend_from_slice(b"\\\""),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\r' => out.extend_from_slice(b"\\r"),
            b'\t' => out.extend_from_slice(b"\\t"),
            0x08 => out.extend_from_slice(b"\\b"),
            0x0C => out.extend_from_slice(b"\\f"),
            _ => {
                const HEX: &[u8; 16] = b"0123456789abcdef";
                out.extend_from_slice(b"\\u00");
                out.push(HEX[usize::from(b >> 4)]);
                out.push(HEX[usize::from(b & 0xF)]);
            }
        }
        start = i;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Whether any of the eight bytes of `word` is below U+0020, `"` or `\\`
/// (the classic bit tricks: a byte below n, a byte equal to zero; exact
/// about whether there is one, which is all the caller asks).
const fn needs_escaping(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let control = word.wrapping_sub(ONES * 0x20) & !word & HIGH;
    let quote = word ^ (ONES * b'"' as u64);
    let quote = quote.wrapping_sub(ONES) & !quote & HIGH;
    let backslash = word ^ (ONES * b'\\' as u64);
    let backslash = backslash.wrapping_sub(ONES) & !backslash & HIGH;
    control | quote | backslash != 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::test_support::{self, sample};
    use synoptic_core::synopsis::Status;

    #[test]
    fn enum_names_are_serdes() {
        let quoted = |name: &str| format!("\"{name}\"");
        for kind in [RowKind::Heading, RowKind::Paragraph] {
            assert_eq!(
                serde_json::to_string(&kind).ok(),
                Some(quoted(row_kind_name(kind)))
            );
        }
        for kind in [ChangeKind::Equal, ChangeKind::Insert, ChangeKind::Delete] {
            assert_eq!(
                serde_json::to_string(&kind).ok(),
                Some(quoted(change_kind_name(kind)))
            );
        }
        for status in [
            Status::Unchanged,
            Status::Modified,
            Status::Added,
            Status::Deleted,
            Status::Absent,
        ] {
            assert_eq!(
                serde_json::to_string(&status).ok(),
                Some(quoted(status.as_str()))
            );
        }
    }

    #[test]
    fn eight_bytes_need_escaping_when_one_does() {
        let clean = *b"abc\x7f\xc3\xa9 ~";
        assert!(!needs_escaping(u64::from_le_bytes(clean)));
        for at in 0..8 {
            for b in (0..=255u8).filter(|&b| b < 0x20 || b == b'"' || b == b'\\') {
                let mut word = clean;
                word[at] = b;
                assert!(needs_escaping(u64::from_le_bytes(word)), "{b:#x} at {at}");
            }
            for b in (0x20..=255u8).filter(|&b| b != b'"' && b != b'\\') {
                let mut word = clean;
                word[at] = b;
                assert!(!needs_escaping(u64::from_le_bytes(word)), "{b:#x} at {at}");
            }
        }
    }

    fn render(s: &Synopsis) -> String {
        let mut buf = Vec::new();
        write(s, &mut buf).expect("write to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&sample()));
    }

    #[test]
    fn contract_shape() {
        let out = render(&sample());
        assert!(out.ends_with("}\n"));
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        let version = &v["versions"][1];
        assert_eq!(version["id"], "v1");
        assert_eq!(version["label"], "ATU");
        assert_eq!(version["role"], "proposal");
        assert_eq!(v["versions"][0]["role"], "base");
        let row = &v["rows"][1];
        assert_eq!(row["id"], "considering/a");
        assert_eq!(row["section"], "considering");
        assert_eq!(row["label"], "a)");
        let cell = &row["cells"][1];
        assert_eq!(cell["version"], "v1");
        assert_eq!(cell["status"], "modified");
        assert_eq!(cell["label"], "a)");
        assert!(cell["text"].as_str().expect("text").contains("Dubai, 2018"));
        assert_eq!(cell["ops"][1]["op"], "delete");
        assert_eq!(cell["ops"][1]["text"], "Busan, 2014");
        assert_eq!(cell["ops"][2]["op"], "insert");
        // Reading the JSON back gives the same synopsis.
        let back: Synopsis = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(back, sample());
    }

    #[test]
    fn conflict_is_marked_on_the_row() {
        let s = test_support::conflicting();
        let v: serde_json::Value = serde_json::from_str(&render(&s)).expect("valid JSON");
        assert_eq!(
            v["rows"][1]["conflict"],
            serde_json::json!({"versions": ["v1", "v2"]})
        );
        // Rows without a conflict have no such field.
        for (i, row) in v["rows"].as_array().expect("rows").iter().enumerate() {
            assert_eq!(row.get("conflict").is_some(), i == 1, "row {i}");
        }
        // The field is added after the row's own; reading back ignores it.
        let back: Synopsis = serde_json::from_str(&render(&s)).expect("reads back");
        assert_eq!(back, s);
    }

    #[test]
    fn deterministic() {
        assert_eq!(render(&sample()), render(&sample()));
    }

    /// The streamed output is byte for byte what serde_json writes for the
    /// whole synopsis, across task and batch boundaries and without rows.
    #[test]
    fn same_bytes_as_serde_json() {
        let whole = |s: &Synopsis| {
            let mut buf = serde_json::to_string_pretty(s).expect("serialise");
            buf.push('\n');
            buf
        };
        let small = sample();
        assert_eq!(render(&small), whole(&small));

        let mut large = sample();
        let rows = large.rows.clone();
        while large.rows.len() < 2 * ROWS_PER_BATCH + 3 {
            large.rows.extend(rows.iter().cloned());
        }
        large.notes.push("a note with \"rows\": [] inside".into());
        assert_eq!(render(&large), whole(&large));

        let mut empty = sample();
        empty.rows.clear();
        assert_eq!(render(&empty), whole(&empty));
    }

    /// Every optional field, odd characters and rows without a base or
    /// cells are written as serde_json writes them, and a conflict as the
    /// row's last field.
    #[test]
    fn every_field_as_serde_json_writes_it() {
        #[derive(Serialize)]
        struct RowOut<'a> {
            #[serde(flatten)]
            row: &'a Row,
            #[serde(skip_serializing_if = "Option::is_none")]
            conflict: Option<ConflictOut<'a>>,
        }
        #[derive(Serialize)]
        struct ConflictOut<'a> {
            versions: &'a [String],
        }
        let mut s = test_support::conflicting();
        let odd = "tab\there \"quoted\" back\\slash \u{1}\u{8}\u{c}\r\n\u{1f}\u{7f} é 中 /";
        let row = &mut s.rows[0];
        row.base_text = Some(odd.into());
        row.label = None;
        let cell = &mut row.cells[1];
        cell.former_label = Some("b)".into());
        cell.tracked = true;
        cell.moved = Some("resolves/2".into());
        cell.text = odd.into();
        cell.ops = vec![
            Change::equal(odd),
            Change {
                minor: true,
                author: Some("J. Smith \"ed.\"".into()),
                confidence: Some(0.875),
                moved: Some(3),
                ..Change::insert("moved words")
            },
        ];
        row.cells[0].label = None;
        row.notes = vec![odd.into(), "Comments: keep \"two\"".into()];
        let mut bare = row.clone();
        bare.cells.clear();
        bare.base_text = None;
        bare.notes.clear();
        s.rows.push(bare);
        let conflicts = row_conflicts(&s);
        let mut expected = String::new();
        for (i, (row, conflict)) in s.rows.iter().zip(&conflicts).enumerate() {
            let out = RowOut {
                row,
                conflict: conflict.as_ref().map(|c| ConflictOut {
                    versions: &c.versions,
                }),
            };
            let one = serde_json::to_string_pretty(&out).expect("serialise");
            expected.push_str(if i == 0 { "\n    " } else { ",\n    " });
            expected.push_str(&one.replace('\n', "\n    "));
        }
        let mut written = Vec::new();
        rows_json(&mut written, &s.rows, &conflicts, true).expect("written");
        assert_eq!(String::from_utf8(written).expect("UTF-8"), expected);
        assert!(conflicts.iter().any(Option::is_some));
    }

    proptest::proptest! {
        /// Any text is escaped as serde_json escapes it.
        #[test]
        fn strings_escape_as_serde_json(text in "\\PC*|[\\x00-\\x20\"\\\\a-z]*") {
            let mut ours = Vec::new();
            string(&mut ours, &text);
            let theirs = serde_json::to_vec(&text).expect("serialise");
            proptest::prop_assert_eq!(ours, theirs);
        }
    }
}
