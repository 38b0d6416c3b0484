//! A peer's test suite as a yardstick: CollateX's own alignment test cases
//! (`../shared/corpus/collatex-cases/python_alignment_cases.json`), each fed
//! to Synoptic as CollateX JSON and scored.
//!
//! A case is *consistent* when every witness is one row (a collation's
//! witnesses are each one text), every token that the expected table
//! aligns (puts in one column with the same token of another witness) is
//! kept (`equal`) in Synoptic's ops, and every token it leaves unaligned is
//! inside a change. Cases whose expected table needs a transposition pass
//! when the transposed words are reported as moved. Options Synoptic has no
//! counterpart for (a user-supplied token filter) and cases that expect an
//! error make the case not applicable.

use std::fmt::Write as _;
use std::path::Path;

use serde_json::{json, Value};
use synoptic_core::model::ChangeKind;
use synoptic_core::tokens::{tokenize, TokenKind};
use synoptic_core::{compare, CompareOptions, Synopsis};
use synoptic_formats::read::auto::{witnesses, AutoOptions};
use synoptic_formats::read::collatex::normalise;

/// How a case came out.
#[derive(Debug, PartialEq)]
enum Outcome {
    Consistent,
    Inconsistent(String),
    NotApplicable(&'static str),
}

/// The token keys of a text, without white space: what the expected
/// table's cells and Synoptic's ops are compared by.
fn words(text: &str) -> Vec<String> {
    tokenize(text)
        .into_iter()
        .filter(|t| t.kind != TokenKind::Space)
        .map(|t| t.key.into_owned())
        .collect()
}

/// For each non-space token of the cell's text, whether Synoptic keeps it
/// (in an `equal` op) and whether it is moved.
fn kept_tokens(ops: &[synoptic_core::Change]) -> Vec<(String, bool, bool)> {
    let mut out = Vec::new();
    for op in ops {
        if op.kind == ChangeKind::Delete {
            continue;
        }
        for w in words(&op.text) {
            out.push((w, op.kind == ChangeKind::Equal, op.moved.is_some()));
        }
    }
    out
}

/// The normalised form of each token of a pre-tokenised witness: its `n`
/// when given, else its `t`.
fn token_forms(case: &Value, witness: &str) -> Option<Vec<(String, String)>> {
    let list = case["pretokenized_input"]["witnesses"].as_array()?;
    let w = list.iter().find(|w| w["id"].as_str() == Some(witness))?;
    w["tokens"].as_array().map(|tokens| {
        tokens
            .iter()
            .map(|t| {
                let text = t["t"].as_str().unwrap_or_default().to_string();
                let form = t["n"].as_str().map_or_else(|| text.clone(), str::to_string);
                (text, form)
            })
            .collect()
    })
}

/// Each expected cell of a witness: its words as written, and the form it
/// is compared by (its words, or for a pre-tokenised witness the `n` of the
/// tokens it covers).
type ExpectedCell = Option<(Vec<String>, Vec<String>)>;

fn expected_cells(case: &Value, witness: &str, cells: &[Value]) -> Vec<ExpectedCell> {
    let mut tokens = token_forms(case, witness).map(|t| t.into_iter());
    cells
        .iter()
        .map(|cell| {
            let text = cell.as_str()?;
            let Some(tokens) = tokens.as_mut() else {
                return Some((words(text), words(text)));
            };
            let mut written = Vec::new();
            // The cell covers the next tokens whose texts, joined without
            // spaces, make its text without spaces.
            let want: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            let mut got = String::new();
            let mut forms = Vec::new();
            for (t, n) in tokens.by_ref() {
                got.extend(t.chars().filter(|c| !c.is_whitespace()));
                written.extend(words(&t));
                forms.extend(words(&n));
                if got.len() >= want.len() {
                    break;
                }
            }
            Some((written, forms))
        })
        .collect()
}

fn score(case: &Value) -> Outcome {
    let Some(expected) = case["expected_rows"].as_object() else {
        return Outcome::NotApplicable("expects an error");
    };
    if case["collate_options"].get("properties_filter").is_some() {
        return Outcome::NotApplicable("a user-supplied token filter");
    }
    let input = match case.get("pretokenized_input") {
        Some(tokens) => tokens.clone(),
        None => {
            let Some(ws) = case["witnesses"].as_object() else {
                return Outcome::Inconsistent("no witnesses".into());
            };
            json!({"witnesses": ws.iter().map(|(id, content)| json!({"id": id, "content": content})).collect::<Vec<_>>()})
        }
    };
    let json = input.to_string();
    let mut versions = match witnesses(&json, &AutoOptions::default()) {
        Ok(v) => v,
        Err(e) => return Outcome::Inconsistent(format!("not read: {e}")),
    };
    // Compared on the tokens' normal forms (`n`), shown as written (`t`),
    // as `synoptic compare` does.
    let forms = normalise(&json, &mut versions);
    let mut synopsis: Synopsis = match compare(None, &versions, &CompareOptions::default()) {
        Ok(s) => s,
        Err(e) => return Outcome::Inconsistent(format!("not compared: {e}")),
    };
    forms.restore(&mut synopsis);
    let rows: Vec<_> = synopsis
        .rows
        .iter()
        .filter(|r| r.cells.iter().any(|c| !c.text.is_empty()))
        .collect();
    if rows.len() != 1 {
        return Outcome::Inconsistent(format!("{} rows, not one", rows.len()));
    }
    let row = rows[0];
    let columns = expected
        .values()
        .map(|c| c.as_array().map_or(0, Vec::len))
        .max()
        .unwrap_or(0);
    let forms: Vec<(String, Vec<ExpectedCell>)> = expected
        .iter()
        .map(|(w, cells)| {
            let cells = cells.as_array().map_or(&[][..], |c| c);
            (w.clone(), expected_cells(case, w, cells))
        })
        .collect();
    let needs_transposition = case["id"]
        .as_str()
        .is_some_and(|id| id.contains("Transposition"));
    let mut problems = String::new();
    for (w, cells) in &forms {
        let Some(version) = synopsis.versions.iter().find(|v| &v.label == w) else {
            return Outcome::Inconsistent(format!("no version {w}"));
        };
        let Some(cell) = row.cells.iter().find(|c| c.version == version.id) else {
            return Outcome::Inconsistent(format!("no cell for {w}"));
        };
        let got = kept_tokens(&cell.ops);
        let mut at = 0;
        for c in 0..columns {
            let Some(Some((mine, form))) = cells.get(c) else {
                continue;
            };
            let aligned = forms.iter().any(|(o, other)| {
                o != w
                    && other
                        .get(c)
                        .and_then(Option::as_ref)
                        .is_some_and(|(_, f)| f == form)
            });
            for token in mine {
                let Some((seen, kept, moved)) = got.get(at) else {
                    let _ = write!(problems, "{w}: ops end before {token:?}; ");
                    break;
                };
                if seen != token && !needs_transposition {
                    let _ = write!(problems, "{w}: {seen:?} where the table has {token:?}; ");
                }
                let fine = if needs_transposition && !aligned {
                    *moved || !*kept
                } else {
                    *kept == aligned
                };
                if !fine {
                    let _ = write!(
                        problems,
                        "{w}: {token:?} {} but the table {} it; ",
                        if *kept { "kept" } else { "changed" },
                        if aligned {
                            "aligns"
                        } else {
                            "leaves unaligned"
                        }
                    );
                }
                at += 1;
            }
        }
    }
    if problems.is_empty() {
        Outcome::Consistent
    } else {
        Outcome::Inconsistent(problems)
    }
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn collatex_cases_score() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpus/collatex-cases/python_alignment_cases.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (the shared corpus must sit beside the project)",
            path.display()
        )
    });
    let corpus: Value = serde_json::from_str(&text).expect("the cases are JSON");
    let cases = corpus["cases"].as_array().expect("a list of cases");
    let (mut active, mut consistent, mut applicable_disabled, mut consistent_disabled) =
        (0, 0, 0, 0);
    let mut failures = Vec::new();
    for case in cases {
        let id = case["id"].as_str().unwrap_or("?");
        let disabled = case["disabled_upstream"].as_bool().unwrap_or(false);
        let outcome = score(case);
        println!(
            "{:<12} {}{} {:?}",
            match outcome {
                Outcome::Consistent => "consistent",
                Outcome::Inconsistent(_) => "INCONSISTENT",
                Outcome::NotApplicable(_) => "n/a",
            },
            id,
            if disabled { " (disabled upstream)" } else { "" },
            outcome
        );
        match (&outcome, disabled) {
            (Outcome::NotApplicable(_), _) => {}
            (Outcome::Consistent, false) => {
                active += 1;
                consistent += 1;
            }
            (Outcome::Inconsistent(why), false) => {
                active += 1;
                failures.push(format!("{id}: {why}"));
            }
            (Outcome::Consistent, true) => {
                applicable_disabled += 1;
                consistent_disabled += 1;
            }
            (Outcome::Inconsistent(_), true) => applicable_disabled += 1,
        }
    }
    println!(
        "active cases consistent: {consistent} of {active}; disabled upstream: {consistent_disabled} of {applicable_disabled}"
    );
    assert!(
        failures.is_empty(),
        "inconsistent active cases:\n{}",
        failures.join("\n")
    );
    assert_eq!(consistent, active, "{consistent} of {active}");
}
