//! The chair's decisions file: TOML, one table per row id.
//!
//! ```toml
//! [rows."resolves/3"]
//! fingerprint = "1a2b3c4d"   # what the proposals did to the row when decided
//! accept = "CEPT"            # or: base = true | merge = true | text = "..."
//! note = "agreed in the ad hoc group, 14 May"
//! ```
//!
//! A row table without a decision is an open row (what `--emit-decisions`
//! writes) and is skipped. Two decisions for one row, or a key Synoptic
//! does not know, are errors: a typo must not silently drop a decision.

use std::collections::BTreeMap;

use serde::Deserialize;
use synoptic_core::consolidate::{Choice, Decisions, RowDecision};

use super::ReadError;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    rows: BTreeMap<String, Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    accept: Option<String>,
    base: Option<bool>,
    merge: Option<bool>,
    text: Option<String>,
    fingerprint: Option<String>,
    note: Option<String>,
}

/// Reads a decisions file.
pub fn read(text: &str) -> Result<Decisions, ReadError> {
    let file: File = toml::from_str(text).map_err(|e| {
        let message = e.message().trim().to_string();
        match e.span() {
            Some(span) => ReadError::Syntax {
                line: 1 + text
                    .get(..span.start)
                    .map_or(0, |t| t.matches('\n').count()),
                message,
            },
            None => ReadError::Other(message),
        }
    })?;
    let mut rows = BTreeMap::new();
    for (id, entry) in file.rows {
        let mut choices = Vec::new();
        if let Some(label) = entry.accept {
            choices.push(Choice::Accept(label));
        }
        if entry.base == Some(true) {
            choices.push(Choice::Base);
        }
        if entry.merge == Some(true) {
            choices.push(Choice::Merge);
        }
        if let Some(text) = entry.text {
            choices.push(Choice::Text(text));
        }
        if choices.len() > 1 {
            return Err(ReadError::Other(format!(
                "row {id:?}: more than one decision (give one of accept, base, merge, text)"
            )));
        }
        rows.insert(
            id,
            RowDecision {
                choice: choices.pop(),
                fingerprint: entry.fingerprint,
                note: entry.note,
            },
        );
    }
    Ok(Decisions { rows })
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn reads_every_kind_of_decision() {
        let d = read(
            r#"
# a comment
[rows."resolves/3"]
fingerprint = "1a2b3c4d"
accept = "CEPT"
note = "ad hoc group"

[rows."considering/a"]
base = true

[rows."preamble/p1"]
merge = true

[rows."resolves/2/ii"]
text = """with the agreement of the "rapporteur";"""

[rows."recognizing/b"]
fingerprint = "00000000"
"#,
        )
        .unwrap();
        assert_eq!(d.rows.len(), 5);
        let r = &d.rows["resolves/3"];
        assert_eq!(r.choice, Some(Choice::Accept("CEPT".into())));
        assert_eq!(r.fingerprint.as_deref(), Some("1a2b3c4d"));
        assert_eq!(r.note.as_deref(), Some("ad hoc group"));
        assert_eq!(d.rows["considering/a"].choice, Some(Choice::Base));
        assert_eq!(d.rows["preamble/p1"].choice, Some(Choice::Merge));
        assert_eq!(
            d.rows["resolves/2/ii"].choice,
            Some(Choice::Text(
                "with the agreement of the \"rapporteur\";".into()
            ))
        );
        assert_eq!(d.rows["recognizing/b"].choice, None);
    }

    #[test]
    fn empty_file_is_no_decisions() {
        assert_eq!(read("").unwrap(), Decisions::default());
        assert_eq!(read("# nothing yet\n").unwrap(), Decisions::default());
    }

    #[test]
    fn errors_name_the_line_or_the_row() {
        let e = read("[rows.\"a\"]\naccept = \"X\"\nbase = \"yes\"\n").unwrap_err();
        assert!(matches!(e, ReadError::Syntax { line: 3, .. }), "{e:?}");
        let e = read("[rows.\"a\"]\nacept = \"X\"\n").unwrap_err();
        assert!(e.to_string().contains("acept"), "{e}");
        let e = read("[rows.\"a\"]\naccept = \"X\"\nbase = true\n").unwrap_err();
        assert!(e.to_string().contains("more than one decision"), "{e}");
        assert!(read("[rows.\"a\"\n").is_err());
    }

    proptest::proptest! {
        #[test]
        fn any_text_reads_or_fails_cleanly(text in "\\PC{0,60}") {
            let _ = read(&text);
        }
    }
}
