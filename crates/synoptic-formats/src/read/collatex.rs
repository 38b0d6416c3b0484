//! CollateX's JSON witness format: `{"witnesses": [{"id": "A", "content":
//! "..."}, ...]}`, as used by scholars collating editions. Each witness is
//! a version with no base; its content is read as plain text.
//!
//! Witnesses given as pre-tokenised `"tokens": [{"t": "..."}]` are accepted
//! too, their tokens joined back into text.

use serde::Deserialize;
use synoptic_core::VersionInput;

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
}

/// True when the text looks like CollateX input (a JSON object with a
/// `witnesses` list), so callers can tell it from other JSON.
pub fn looks_like_collatex(text: &str) -> bool {
    let trimmed = text.trim_start_matches('\u{FEFF}').trim_start();
    trimmed.starts_with('{') && trimmed.contains("\"witnesses\"")
}

/// Reads the witnesses as versions, labelled by their ids, in file order.
pub fn read(json: &str, options: &TextOptions) -> Result<Vec<VersionInput>, ReadError> {
    let collation: Collation = serde_json::from_str(json).map_err(|e| ReadError::Syntax {
        line: e.line(),
        message: format!("not CollateX JSON: {e}"),
    })?;
    if collation.witnesses.is_empty() {
        return Err(ReadError::Other("CollateX JSON with no witnesses".into()));
    }
    collation
        .witnesses
        .into_iter()
        .enumerate()
        .map(|(i, w)| {
            let label = match &w.id {
                serde_json::Value::String(s) if !s.trim().is_empty() => s.clone(),
                serde_json::Value::Number(n) => n.to_string(),
                _ => format!("witness {}", i + 1),
            };
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
mod tests {
    use super::*;

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
            .map(|v| v.document.paragraphs().map(|p| p.text.clone()).collect())
            .collect();
        assert_eq!(texts, ["The black cat", "The white cat", "The cat"]);
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
