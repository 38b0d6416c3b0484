//! The draft as JSON, for scripts: the proposals, a summary of outcomes,
//! and every row with its outcome, its resolved text (`null` while it holds
//! a conflict) and its pieces, conflicts with their alternatives and
//! proposers.
//!
//! ```text
//! {
//!   "proposals": ["AFR", "APT", "CEPT"],
//!   "base_inferred": false,
//!   "summary": {"rows": 34, "base": 17, "consensus": 14, "merged": 1, "conflict": 1, "decided": 0},
//!   "rows": [
//!     {"id": "resolves/3", "section": "resolves", "kind": "paragraph", "label": "3",
//!      "outcome": "conflict", "text": null, "fingerprint": "1a2b3c4d",
//!      "pieces": [
//!        {"kind": "kept", "text": "that documents ... at least "},
//!        {"kind": "conflict", "base": "12", "alternatives": [
//!          {"kind": "base", "text": "12", "proposers": ["APT"]},
//!          {"kind": "proposed", "text": "21", "proposers": ["AFR"]},
//!          {"kind": "proposed", "text": "15", "proposers": ["CEPT"]}]},
//!        {"kind": "kept", "text": " calendar days ..."}]}
//!   ],
//!   "stale": []
//! }
//! ```

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use synoptic_core::consolidate::{Draft, DraftRow, StaleDecision};

#[derive(Serialize)]
struct DraftJson<'a> {
    proposals: &'a [String],
    base_inferred: bool,
    summary: BTreeMap<&'static str, usize>,
    rows: Vec<RowJson<'a>>,
    stale: &'a [StaleDecision],
}

#[derive(Serialize)]
struct RowJson<'a> {
    #[serde(flatten)]
    row: &'a DraftRow,
    /// The resolved text, `null` while the row holds a conflict.
    text: Option<String>,
}

/// Writes the draft as pretty-printed JSON followed by a newline.
pub fn write(draft: &Draft, mut out: impl Write) -> io::Result<()> {
    let mut summary: BTreeMap<&'static str, usize> = BTreeMap::new();
    summary.insert("rows", draft.rows.len());
    for (outcome, n) in draft.outcome_counts() {
        summary.insert(outcome.as_str(), n);
    }
    let json = DraftJson {
        proposals: &draft.proposals,
        base_inferred: draft.base_inferred,
        summary,
        rows: draft
            .rows
            .iter()
            .map(|row| RowJson {
                row,
                text: row.text(),
            })
            .collect(),
        stale: &draft.stale,
    };
    serde_json::to_writer_pretty(&mut out, &json).map_err(io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::draft_text::tests::example_draft;

    fn render(draft: &Draft) -> String {
        let mut buf = Vec::new();
        write(draft, &mut buf).expect("write to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    #[test]
    fn snapshot_of_the_example() {
        insta::assert_snapshot!(render(&example_draft()));
    }

    #[test]
    fn shape() {
        let v: serde_json::Value =
            serde_json::from_str(&render(&example_draft())).expect("valid JSON");
        assert_eq!(v["proposals"][0], "AFR");
        assert_eq!(v["summary"]["conflict"], 1);
        let row = v["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["id"] == "resolves/3")
            .expect("resolves/3");
        assert_eq!(row["outcome"], "conflict");
        assert!(row["text"].is_null());
        let conflict = &row["pieces"][1];
        assert_eq!(conflict["kind"], "conflict");
        assert_eq!(conflict["alternatives"][0]["kind"], "base");
        assert_eq!(conflict["alternatives"][0]["proposers"][0], "APT");
        assert_eq!(conflict["alternatives"][1]["text"], "21");
        assert_eq!(conflict["alternatives"][1]["proposers"][0], "AFR");
        let settled = v["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .find(|r| r["id"] == "considering/a")
            .expect("considering/a");
        assert_eq!(settled["outcome"], "consensus");
        assert!(settled["text"]
            .as_str()
            .expect("text")
            .contains("Bucharest, 2022"));
    }
}
