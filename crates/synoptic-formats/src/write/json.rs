//! JSON: the synopsis as the `synoptic compare` contract spells it, for
//! scripts. The contract, with every field written here, is
//! `docs/json.md` at the root of the repository.

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;
use synoptic_core::consolidate::{row_conflicts, RowConflict};
use synoptic_core::{Row, Synopsis};

/// Rows serialised together by one task: large enough to keep the threads
/// busy, small enough to balance.
const ROWS_PER_TASK: usize = 128;
/// Rows serialised in one batch, while the batch before is written: two
/// batches are held in memory at once (a row of 20 proposals is some
/// 18 KB of JSON), so this bounds what writing adds to the synopsis.
const ROWS_PER_BATCH: usize = 512;

/// A row as written: its serde shape, then `conflict` where proposals'
/// changes collide.
#[derive(Serialize)]
struct RowOut<'a> {
    #[serde(flatten)]
    row: &'a Row,
    #[serde(skip_serializing_if = "Option::is_none")]
    conflict: Option<ConflictOut<'a>>,
}

/// The `conflict` of a row: the versions whose changes collide there.
#[derive(Serialize)]
struct ConflictOut<'a> {
    versions: &'a [String],
}

/// Writes the synopsis as pretty-printed JSON followed by a newline.
///
/// The shape is the serde shape of [`Synopsis`] (`versions`, `rows`, each
/// row's `cells` with their `ops`), and on each row where proposals'
/// changes collide a `conflict` naming their versions (the conflicts of
/// [`row_conflicts`], which `stats` and `consolidate` count); it is
/// deterministic because every collection in it is an ordered list.
///
/// The rows, which are nearly all of a large synopsis, are serialised in
/// parallel batches and streamed in order; the bytes are exactly those of
/// `serde_json::to_writer_pretty` on the whole synopsis with those rows.
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
        // Each batch is serialised on the threads while the one before it
        // is written out here (the writer need not be `Send`).
        std::thread::scope(|scope| -> io::Result<()> {
            let mut pending: Option<Vec<io::Result<Vec<u8>>>> = None;
            let batches = synopsis
                .rows
                .chunks(ROWS_PER_BATCH)
                .zip(conflicts.chunks(ROWS_PER_BATCH));
            for (b, (batch, marks)) in batches.enumerate() {
                let next = scope.spawn(move || {
                    batch
                        .par_chunks(ROWS_PER_TASK)
                        .zip(marks.par_chunks(ROWS_PER_TASK))
                        .enumerate()
                        .map(|(t, (rows, marks))| rows_json(rows, marks, b == 0 && t == 0))
                        .collect::<Vec<_>>()
                });
                if let Some(parts) = pending.take() {
                    write_parts(&mut out, parts)?;
                }
                let parts = next
                    .join()
                    .map_err(|_| io::Error::other("a JSON serialising thread failed"))?;
                pending = Some(parts);
            }
            if let Some(parts) = pending {
                write_parts(&mut out, parts)?;
            }
            Ok(())
        })?;
        out.write_all(b"\n  ]")?;
    }
    out.write_all(&frame.as_bytes()[at + MARKER.len()..])?;
    out.write_all(b"\n")?;
    out.flush()
}

/// Writes serialised rows in order, stopping at the first error.
fn write_parts(out: &mut impl Write, parts: Vec<io::Result<Vec<u8>>>) -> io::Result<()> {
    for part in parts {
        out.write_all(&part?)?;
    }
    Ok(())
}

/// Rows as elements of the pretty-printed `rows` list: each on a new line,
/// indented two levels, separated by commas (none before the first row of
/// the list).
fn rows_json(rows: &[Row], conflicts: &[Option<RowConflict>], first: bool) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(rows.len() * 4096);
    let mut one = Vec::with_capacity(4096);
    for (i, (row, conflict)) in rows.iter().zip(conflicts).enumerate() {
        let row = RowOut {
            row,
            conflict: conflict.as_ref().map(|c| ConflictOut {
                versions: &c.versions,
            }),
        };
        out.extend_from_slice(if first && i == 0 {
            b"\n    "
        } else {
            b",\n    "
        });
        one.clear();
        serde_json::to_writer_pretty(&mut one, &row).map_err(io::Error::other)?;
        let mut start = 0;
        for nl in memchr_all(&one) {
            out.extend_from_slice(&one[start..=nl]);
            out.extend_from_slice(b"    ");
            start = nl + 1;
        }
        out.extend_from_slice(&one[start..]);
    }
    Ok(out)
}

/// The positions of the newlines in `bytes`.
fn memchr_all(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes
        .iter()
        .enumerate()
        .filter(|(_, &b)| b == b'\n')
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::test_support::{self, sample};

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
        while large.rows.len() < ROWS_PER_BATCH + ROWS_PER_TASK + 3 {
            large.rows.extend(rows.iter().cloned());
        }
        large.notes.push("a note with \"rows\": [] inside".into());
        assert_eq!(render(&large), whole(&large));

        let mut empty = sample();
        empty.rows.clear();
        assert_eq!(render(&empty), whole(&empty));
    }
}
