//! CollateX's JSON witness format: `{"witnesses": [{"id": "A", "content":
//! "..."}, ...]}`, as used by scholars collating editions. Each witness is
//! a version with no base; its content is read as plain text.
//!
//! Witnesses given as pre-tokenised `"tokens": [{"t": "...", "n": "..."}]`
//! are accepted too, their tokens joined back into text. A token's `n` is
//! its normalised form: [`normalise`] puts the witnesses in it to compare
//! (tokens whose `n` agree are equal), and [`DisplayForms::restore`] then
//! shows each cell in its tokens' original `t`.

use serde::Deserialize;
use synoptic_core::model::result_of;
use synoptic_core::{Change, ChangeKind, Synopsis, VersionInput};

use super::text::{self, TextOptions};
use super::ReadError;

#[derive(Deserialize)]
struct Collation {
    witnesses: Vec<Witness>,
}

#[derive(Deserialize)]
struct Witness {
    id: serde_json::Value,
    #[serde(default)]
    content: Option<String>,
    #[serde(default)]
    tokens: Option<Vec<Token>>,
}

#[derive(Deserialize)]
struct Token {
    t: String,
    #[serde(default)]
    n: Option<String>,
}

/// True when the text looks like CollateX input (a JSON object with a
/// `witnesses` list), so callers can tell it from other JSON.
pub fn looks_like_collatex(text: &str) -> bool {
    let trimmed = text.trim_start_matches('\u{FEFF}').trim_start();
    trimmed.starts_with('{') && trimmed.contains("\"witnesses\"")
}

/// Reads the witnesses as versions, labelled by their ids, in file order,
/// each as its text reads (a token's `t`).
pub fn read(json: &str, options: &TextOptions) -> Result<Vec<VersionInput>, ReadError> {
    let collation = parse(json)?;
    collation
        .witnesses
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let label = witness_label(&w, i);
            let content = match (w.content, w.tokens) {
                (Some(content), _) => content,
                (None, Some(tokens)) => join_tokens(&tokens),
                (None, None) => {
                    return Err(ReadError::Other(format!(
                        "witness {label} has neither content nor tokens"
                    )))
                }
            };
            let document = text::read(&content, options)
                .map_err(|e| ReadError::Other(format!("witness {label}: {e}")))?;
            Ok(VersionInput { label, document })
        })
        .collect()
}

fn parse(json: &str) -> Result<Collation, ReadError> {
    let collation: Collation = serde_json::from_str(json).map_err(|e| ReadError::Syntax {
        line: e.line(),
        message: format!("not CollateX JSON: {e}"),
    })?;
    if collation.witnesses.is_empty() {
        return Err(ReadError::Other("CollateX JSON with no witnesses".into()));
    }
    Ok(collation)
}

/// A witness's label: its id, else its place.
fn witness_label(w: &Witness, i: usize) -> String {
    match &w.id {
        serde_json::Value::String(s) if !s.trim().is_empty() => s.clone(),
        serde_json::Value::Number(n) => n.to_string(),
        _ => format!("witness {}", i + 1),
    }
}

/// Puts the witnesses [`read`] gave (in file order) in their tokens'
/// normalised forms (`n`, where a token has one), so that tokens whose `n`
/// agree compare equal; returns what [`DisplayForms::restore`] needs to
/// show the cells as written. Witnesses given as `content`, or whose
/// tokens' `n` are their text, are left as they are.
pub fn normalise(json: &str, versions: &mut [VersionInput]) -> DisplayForms {
    let mut forms = DisplayForms::default();
    let Ok(collation) = parse(json) else {
        return forms;
    };
    for (i, (w, version)) in collation
        .witnesses
        .iter()
        .zip(versions.iter_mut())
        .enumerate()
    {
        let (None, Some(tokens)) = (&w.content, &w.tokens) else {
            continue;
        };
        let map = TokenMap::of(tokens);
        if !map.differs() || witness_label(w, i) != version.label {
            continue;
        }
        // Each paragraph as written sits in the shown text; its compared
        // text is the same stretch of the compared one.
        let mut paragraphs = Vec::new();
        let mut from = 0;
        for section in &mut version.document.sections {
            for p in section
                .opener
                .iter_mut()
                .chain(section.paragraphs.iter_mut())
            {
                let Some(at) = map
                    .shown
                    .get(from..)
                    .and_then(|rest| rest.find(p.text.as_str()))
                else {
                    continue;
                };
                let (start, end) = (from + at, from + at + p.text.len());
                from = end;
                let (a, b) = (map.compared_at(start), map.compared_at(end));
                let compared = map
                    .compared
                    .get(a..b.max(a))
                    .unwrap_or_default()
                    .to_string();
                p.text = compared.clone().into();
                paragraphs.push((compared, a));
            }
        }
        forms.witnesses.push(WitnessForms {
            label: version.label.clone(),
            map,
            paragraphs,
        });
    }
    forms
}

/// How to show witnesses compared on their normalised forms as written.
#[derive(Debug, Clone, Default)]
pub struct DisplayForms {
    witnesses: Vec<WitnessForms>,
}

/// One witness whose normalised forms differ from its text.
#[derive(Debug, Clone)]
struct WitnessForms {
    label: String,
    map: TokenMap,
    /// Each paragraph's compared text and where it starts.
    paragraphs: Vec<(String, usize)>,
}

/// A witness's text built twice from its tokens, compared (`n`) and shown
/// (`t`), with the pieces that match.
#[derive(Debug, Clone, Default)]
struct TokenMap {
    compared: String,
    shown: String,
    /// `(compared start, compared end, shown start, shown end, same)` per
    /// piece (a token, or the white space after it), in order.
    pieces: Vec<(usize, usize, usize, usize, bool)>,
}

impl TokenMap {
    /// Joins the tokens as [`join_tokens`] does, each in both forms.
    fn of(tokens: &[Token]) -> TokenMap {
        let spaced = tokens.iter().any(|t| t.t.ends_with(char::is_whitespace));
        let mut map = TokenMap::default();
        for (i, token) in tokens.iter().enumerate() {
            let core = token.t.trim_end();
            let space = if spaced {
                &token.t[core.len()..]
            } else if i + 1 < tokens.len() {
                " "
            } else {
                ""
            };
            let normal = token.n.as_deref().map_or(core, str::trim);
            map.push(normal, core);
            map.push(space, space);
        }
        map
    }

    fn push(&mut self, compared: &str, shown: &str) {
        if compared.is_empty() && shown.is_empty() {
            return;
        }
        let (a, c) = (self.compared.len(), self.shown.len());
        self.compared.push_str(compared);
        self.shown.push_str(shown);
        self.pieces.push((
            a,
            self.compared.len(),
            c,
            self.shown.len(),
            compared == shown,
        ));
    }

    /// True when some token's normalised form is not its text.
    fn differs(&self) -> bool {
        self.compared != self.shown
    }

    /// The shown position of a compared one. Inside a token whose forms
    /// differ, the end of its shown form: the token goes whole with what
    /// it starts.
    fn shown_at(&self, at: usize) -> usize {
        let k = self.pieces.partition_point(|p| p.1 <= at);
        match self.pieces.get(k) {
            Some(&(a, _, c, d, same)) => {
                if at <= a {
                    c
                } else if same {
                    c + (at - a)
                } else {
                    d
                }
            }
            None => self.shown.len(),
        }
    }

    /// The compared position of a shown one (the inverse of
    /// [`TokenMap::shown_at`]).
    fn compared_at(&self, at: usize) -> usize {
        let k = self.pieces.partition_point(|p| p.3 <= at);
        match self.pieces.get(k) {
            Some(&(a, b, c, _, same)) => {
                if at <= c {
                    a
                } else if same {
                    a + (at - c)
                } else {
                    b
                }
            }
            None => self.compared.len(),
        }
    }

    /// The shown text of a compared range.
    fn shown(&self, from: usize, to: usize) -> &str {
        let (a, b) = (self.shown_at(from), self.shown_at(to));
        self.shown.get(a..b.max(a)).unwrap_or_default()
    }
}

impl DisplayForms {
    /// Adds the witnesses of another file.
    pub fn extend(&mut self, other: DisplayForms) {
        self.witnesses.extend(other.witnesses);
    }

    /// True when no witness needs restoring.
    pub fn is_empty(&self) -> bool {
        self.witnesses.is_empty()
    }

    /// Shows each cell of a synopsis made from [`normalise`]'s
    /// versions in its witness's own tokens: kept and inserted text as this
    /// witness wrote it, the row's base and deleted text as the witness the
    /// base text is found in wrote it (left as compared when none has it).
    pub fn restore(&self, synopsis: &mut Synopsis) {
        if self.witnesses.is_empty() {
            return;
        }
        let by_version: Vec<Option<usize>> = synopsis
            .versions
            .iter()
            .map(|v| self.witnesses.iter().position(|w| w.label == v.label))
            .collect();
        let ids: Vec<String> = synopsis.versions.iter().map(|v| v.id.clone()).collect();
        // Paragraphs already matched, per witness, so that twin paragraphs
        // map to their own places.
        let mut used: Vec<Vec<bool>> = self
            .witnesses
            .iter()
            .map(|w| vec![false; w.paragraphs.len()])
            .collect();
        for row in &mut synopsis.rows {
            let compared_base = row.base_text.as_ref().map(|b| b.to_string());
            let base = compared_base.as_deref().and_then(|b| self.locate_any(b));
            if let (Some(text), Some((w, start))) = (&mut row.base_text, base) {
                let shown = self.witnesses[w].map.shown(start, start + text.len());
                *text = shown.into();
            }
            for cell in &mut row.cells {
                let column = ids.iter().position(|id| *id == cell.version);
                let own = column.and_then(|c| by_version[c]).and_then(|w| {
                    let k = self.witnesses[w]
                        .paragraphs
                        .iter()
                        .enumerate()
                        .position(|(k, (t, _))| !used[w][k] && t == cell.text.as_str())?;
                    used[w][k] = true;
                    Some((w, self.witnesses[w].paragraphs[k].1))
                });
                // A cell with the base's text (the base's own column) is
                // shown as the base is.
                let kept =
                    own.or(base.filter(|_| compared_base.as_deref() == Some(cell.text.as_str())));
                if kept.is_none() && base.is_none() {
                    continue;
                }
                let (mut at_cell, mut at_base) = (0, 0);
                let mut ops: Vec<Change> = Vec::with_capacity(cell.ops.len());
                for op in &cell.ops {
                    let len = op.text.len();
                    let (source, at) = match op.kind {
                        ChangeKind::Equal | ChangeKind::Insert => (kept, at_cell),
                        ChangeKind::Delete => (base, at_base),
                    };
                    if op.kind != ChangeKind::Insert {
                        at_base += len;
                    }
                    if op.kind != ChangeKind::Delete {
                        at_cell += len;
                    }
                    let mut op = op.clone();
                    if let Some((w, start)) = source {
                        let from = start + at;
                        op.text = self.witnesses[w].map.shown(from, from + len).into();
                    }
                    if !op.text.is_empty() {
                        ops.push(op);
                    }
                }
                if kept.is_some() {
                    cell.text = result_of(&ops).into();
                }
                cell.ops = ops;
            }
        }
    }

    /// The witness and position of a paragraph with this compared text.
    fn locate_any(&self, text: &str) -> Option<(usize, usize)> {
        self.witnesses.iter().enumerate().find_map(|(w, forms)| {
            forms
                .paragraphs
                .iter()
                .find(|(t, _)| t == text)
                .map(|&(_, start)| (w, start))
        })
    }
}

/// Joins CollateX tokens: as they are when they carry their own trailing
/// white space (CollateX's tokenizer keeps it), with spaces otherwise.
fn join_tokens(tokens: &[Token]) -> String {
    let spaced = tokens.iter().any(|t| t.t.ends_with(char::is_whitespace));
    let parts = tokens.iter().map(|t| t.t.as_str());
    if spaced {
        parts.collect()
    } else {
        parts.collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use synoptic_core::Status;

    #[test]
    fn reads_content_and_tokens() {
        let json = r#"{"witnesses": [
            {"id": "A", "content": "The black cat"},
            {"id": 2, "tokens": [{"t": "The "}, {"t": "white "}, {"t": "cat"}]},
            {"id": "", "tokens": [{"t": "The"}, {"t": "cat"}]}
        ]}"#;
        assert!(looks_like_collatex(json));
        let versions = read(json, &TextOptions::default()).unwrap();
        let labels: Vec<&str> = versions.iter().map(|v| v.label.as_str()).collect();
        assert_eq!(labels, ["A", "2", "witness 3"]);
        let texts: Vec<String> = versions
            .iter()
            .map(|v| v.document.paragraphs().map(|p| p.text.as_str()).collect())
            .collect();
        assert_eq!(texts, ["The black cat", "The white cat", "The cat"]);
    }

    /// The witnesses of a JSON file compared on their normalised forms and
    /// shown as written.
    fn compared(json: &str) -> Synopsis {
        let mut versions = read(json, &TextOptions::default()).unwrap();
        let forms = normalise(json, &mut versions);
        let mut synopsis =
            synoptic_core::compare(None, &versions, &synoptic_core::CompareOptions::default())
                .unwrap();
        forms.restore(&mut synopsis);
        synopsis
    }

    #[test]
    fn tokens_whose_normal_forms_agree_are_equal_and_shown_as_written() {
        let json = r#"{"witnesses": [
            {"id": "A", "tokens": [{"t": "The ", "n": "the"}, {"t": "Black ", "n": "black"}, {"t": "cat.", "n": "cat"}]},
            {"id": "B", "tokens": [{"t": "the ", "n": "the"}, {"t": "black ", "n": "black"}, {"t": "katt", "n": "cat"}]},
            {"id": "C", "tokens": [{"t": "the "}, {"t": "white "}, {"t": "cat"}]}
        ]}"#;
        let s = compared(json);
        assert_eq!(s.rows.len(), 1);
        let row = &s.rows[0];
        let cell = |label: &str| {
            let id = &s.versions.iter().find(|v| v.label == label).unwrap().id;
            row.cells.iter().find(|c| &c.version == id).unwrap()
        };
        let base = row.base_text.as_ref().unwrap().to_string();
        // A and B agree on every normalised token: unchanged, each shown
        // in its own spelling.
        assert_eq!(
            (cell("A").status, cell("A").text.as_str()),
            (Status::Unchanged, "The Black cat.")
        );
        assert_eq!(
            (cell("B").status, cell("B").text.as_str()),
            (Status::Unchanged, "the black katt")
        );
        // C differs in one word: only that word is changed.
        let c = cell("C");
        assert_eq!(c.status, Status::Modified);
        assert_eq!(c.text.as_str(), "the white cat");
        let changed: Vec<(ChangeKind, &str)> = c
            .ops
            .iter()
            .filter(|o| o.kind != ChangeKind::Equal)
            .map(|o| (o.kind, o.text.as_str()))
            .collect();
        // The base is shown as the first witness that has it wrote it.
        assert_eq!(base, "The Black cat.");
        assert_eq!(
            changed,
            [(ChangeKind::Delete, "Black"), (ChangeKind::Insert, "white")]
        );
        // Every cell's ops spell its text; kept words are each witness's
        // own, deleted ones the base's.
        for c in &row.cells {
            assert_eq!(synoptic_core::model::result_of(&c.ops), c.text.as_str());
        }
        assert_eq!(
            synoptic_core::model::original_of(&cell("C").ops),
            "the Black cat"
        );
    }

    #[test]
    fn witnesses_without_normal_forms_are_left_alone() {
        let json = r#"{"witnesses": [
            {"id": "A", "content": "The black cat"},
            {"id": "B", "tokens": [{"t": "The"}, {"t": "white"}, {"t": "cat", "n": "cat"}]}
        ]}"#;
        let mut versions = read(json, &TextOptions::default()).unwrap();
        let before = versions.clone();
        assert!(normalise(json, &mut versions).is_empty());
        assert_eq!(versions, before);
    }

    #[test]
    fn bad_json_is_a_syntax_error_with_a_line() {
        let err = read("{\n \"witnesses\": [\n {oops} ]}", &TextOptions::default()).unwrap_err();
        assert!(matches!(err, ReadError::Syntax { line: 3, .. }), "{err:?}");
        assert!(read(r#"{"witnesses": []}"#, &TextOptions::default()).is_err());
        assert!(read(r#"{"witnesses": [{"id": "x"}]}"#, &TextOptions::default()).is_err());
        assert!(!looks_like_collatex("[1, 2]"));
    }

    #[test]
    #[ignore = "needs ../shared/corpus"]
    fn darwin_editions() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/corpus/darwin/Ch1-100.json");
        let json = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("{}: {e} (the shared corpus)", path.display()));
        let versions = read(&json, &TextOptions::default()).unwrap();
        let labels: Vec<&str> = versions.iter().map(|v| v.label.as_str()).collect();
        assert_eq!(labels, ["1859", "1860", "1861", "1866", "1869", "1872"]);
        assert!(versions.iter().all(|v| v.document.paragraph_count() >= 1));
    }
}
