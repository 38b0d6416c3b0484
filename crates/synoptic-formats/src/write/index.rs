//! The index page of a batch run: every text with its proposals and its
//! changed-row and conflict counts, linking to each synopsis.

use std::io::{self, Write};

use askama::Template;
use serde::Serialize;

/// What a batch run made of one text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexEntry {
    /// The text's name (its folder).
    pub name: String,
    /// The synopsis written, or `None` when the text failed.
    pub outcome: Option<IndexOutcome>,
    /// Why the text failed, when it did.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub error: String,
}

/// The figures of one synopsis written by a batch run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IndexOutcome {
    /// The synopsis file, relative to the index.
    pub file: String,
    /// The proposals' labels, in order.
    pub proposals: Vec<String>,
    /// True when the text had no base and one was inferred.
    pub base_inferred: bool,
    /// Rows in the synopsis.
    pub rows: usize,
    /// Rows some proposal changes.
    pub changed_rows: usize,
    /// Rows where proposals' changes conflict (see consolidation).
    pub conflicts: usize,
}

impl IndexOutcome {
    /// The link to the synopsis file: its name percent-encoded, so that a
    /// folder named with `#`, `?` or `%` still links to its file.
    pub fn href(&self) -> String {
        let mut out = String::with_capacity(self.file.len());
        for b in self.file.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'_' | b'~') {
                out.push(char::from(b));
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
        out
    }
}

/// Same policy as the synopsis page: nothing loads, nothing runs.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

#[derive(Template)]
#[template(path = "index.html")]
struct Page<'a> {
    title: &'a str,
    csp: &'static str,
    summary: String,
    texts: &'a [IndexEntry],
}

/// Writes the index page as self-contained HTML.
pub fn write_html(title: &str, entries: &[IndexEntry], mut out: impl Write) -> io::Result<()> {
    let done: Vec<&IndexOutcome> = entries.iter().filter_map(|e| e.outcome.as_ref()).collect();
    let failed = entries.len() - done.len();
    let mut summary = format!(
        "{} · {} changed · {}",
        super::plural(entries.len(), "text", "texts"),
        super::plural(
            done.iter().map(|o| o.changed_rows).sum::<usize>(),
            "row",
            "rows"
        ),
        super::plural(
            done.iter().map(|o| o.conflicts).sum::<usize>(),
            "conflict",
            "conflicts"
        )
    );
    if failed > 0 {
        summary.push_str(&format!(" · {failed} failed"));
    }
    let page = Page {
        title,
        csp: CSP,
        summary,
        texts: entries,
    };
    let html = page.render().map_err(io::Error::other)?;
    out.write_all(html.as_bytes())?;
    out.flush()
}

/// Writes the index as JSON, for scripts.
pub fn write_json(entries: &[IndexEntry], mut out: impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, entries).map_err(io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entries() -> Vec<IndexEntry> {
        vec![
            IndexEntry {
                name: "res<44>".into(),
                outcome: Some(IndexOutcome {
                    file: "res<44>.html".into(),
                    proposals: vec!["ATU".into(), "<script>".into()],
                    base_inferred: true,
                    rows: 10,
                    changed_rows: 4,
                    conflicts: 1,
                }),
                error: String::new(),
            },
            IndexEntry {
                name: "broken".into(),
                outcome: None,
                error: "p1.txt: not valid UTF-8 at byte 3".into(),
            },
        ]
    }

    #[test]
    fn index_page_escapes_and_counts() {
        let mut out = Vec::new();
        write_html("Assembly <2026>", &entries(), &mut out).unwrap();
        let html = String::from_utf8(out).unwrap();
        assert!(!html.contains("<script>"));
        assert!(!html.contains("<44>"));
        assert!(html.contains("2 texts · 4 rows changed · 1 conflict · 1 failed"));
        assert!(html.contains("not valid UTF-8 at byte 3"));
        assert!(html.contains("href=\"res%3C44%3E.html\""));
        insta::assert_snapshot!(html);
    }

    #[test]
    fn index_json() {
        let mut out = Vec::new();
        write_json(&entries(), &mut out).unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v[0]["outcome"]["conflicts"], 1);
        assert_eq!(v[1]["error"], "p1.txt: not valid UTF-8 at byte 3");
    }
}
