//! `docs/json.md` is the JSON contract of `compare`, `consolidate` and
//! `stats`: every object and field the writers emit must be listed there,
//! and every field it calls *always* must be in every object of its kind.
//! Checked against the JSON snapshots and against fresh runs on the
//! examples (a side-by-side table, .docx with tracked changes, Markdown
//! with CriticMarkup, a CollateX file), which emit the optional fields.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use serde_json::Value;

use super::{root, run_ok, EXAMPLE};

/// The objects of `docs/json.md`: name, then each field and whether it is
/// always present.
fn documented() -> BTreeMap<String, BTreeMap<String, bool>> {
    let text = fs::read_to_string(root().join("docs/json.md")).expect("docs/json.md");
    let mut objects: BTreeMap<String, BTreeMap<String, bool>> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("#### Object `") {
            let name = rest.split('`').next().expect("a name").to_string();
            objects.insert(name.clone(), BTreeMap::new());
            current = Some(name);
        } else if let (Some(name), Some(rest)) = (&current, line.strip_prefix("| `")) {
            let field = rest.split('`').next().expect("a field").to_string();
            let kind = line.split('|').nth(2).map(str::trim).unwrap_or("");
            assert!(
                kind == "always" || kind == "optional",
                "docs/json.md: {name}.{field}: kind {kind:?}"
            );
            if let Some(fields) = objects.get_mut(name) {
                fields.insert(field, kind == "always");
            }
        } else if line.starts_with("## ") {
            current = None;
        }
    }
    objects
}

/// The name of the objects a key holds: `rows` of `compare` hold
/// `compare.row`s, `conflict` a `compare.conflict`.
fn child(parent: &str, key: &str) -> String {
    let command = parent.split('.').next().unwrap_or(parent);
    let one = match key {
        "versions" => "version",
        "rows" => "row",
        "cells" => "cell",
        "ops" => "op",
        "pieces" => "piece",
        "alternatives" => "alternative",
        "proposals" => "proposal",
        "pairs" => "pair",
        "hot_spots" => "hot_spot",
        "sections" => "section",
        other => other,
    };
    format!("{command}.{one}")
}

/// Every object in `value` by its documented name, with the keys it has.
fn objects(value: &Value, name: &str, out: &mut Vec<(String, BTreeSet<String>)>) {
    match value {
        Value::Object(map) => {
            out.push((name.to_string(), map.keys().cloned().collect()));
            for (key, v) in map {
                // A decision is a value (`"base"`, `{"accept": "afr"}`).
                if key != "decision" {
                    objects(v, &child(name, key), out);
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                objects(item, name, out);
            }
        }
        _ => {}
    }
}

/// The JSON of an insta snapshot file (what follows its header).
fn snapshot(path: &str) -> Value {
    let text = fs::read_to_string(root().join(path)).expect(path);
    let body = text.splitn(3, "---\n").nth(2).expect("a snapshot body");
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn run_json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&run_ok(&all)).expect("valid JSON")
}

#[test]
fn json_contract_lists_every_field_the_writers_emit() {
    let docs = documented();
    let md = [
        "--base",
        "examples/resolution-md/base.md",
        "examples/resolution-md/afr.md",
        "examples/resolution-md/cept.md",
    ];
    let sources: Vec<(&str, Value)> = vec![
        ("compare", snapshot("tests/snapshots/cli__example_json.snap")),
        ("compare", snapshot("tests/i18n/snapshots/cli__i18n__i18n_ar_json.snap")),
        (
            "consolidate",
            snapshot("crates/synoptic-formats/src/write/snapshots/synoptic_formats__write__draft_json__tests__snapshot_of_the_example.snap"),
        ),
        (
            "compare",
            run_json(&["--side-by-side", "examples/side-by-side/res310-side-by-side.txt"]),
        ),
        ("compare", run_json(&["examples/collatex/harbour-bylaw.json"])),
        ("compare", run_json(&md)),
        (
            "compare",
            run_json(&[
                "--base",
                "examples/resolution-docx/base.docx",
                "examples/resolution-docx/afr.docx",
                "examples/resolution-docx/cept.docx",
            ]),
        ),
        ("consolidate", run_json(&[&["consolidate"], EXAMPLE].concat())),
        ("stats", run_json(&[&["stats"], EXAMPLE].concat())),
    ];
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (command, value) in &sources {
        let mut found = Vec::new();
        objects(value, command, &mut found);
        for (name, keys) in found {
            let fields = docs
                .get(&name)
                .unwrap_or_else(|| panic!("docs/json.md has no object `{name}`"));
            for key in &keys {
                assert!(
                    fields.contains_key(key),
                    "docs/json.md: object `{name}` lacks the field `{key}` the writer emits"
                );
            }
            for (field, always) in fields {
                assert!(
                    !always || keys.contains(field),
                    "docs/json.md calls `{name}.{field}` always present, but an object lacks it: {keys:?}"
                );
            }
            seen.entry(name).or_default().extend(keys);
        }
    }
    // The examples show the fields scripts most depend on, conflicts included.
    for (name, field) in [
        ("compare.row", "conflict"),
        ("compare.cell", "tracked"),
        ("compare.cell", "moved"),
        ("compare.cell", "former_label"),
        ("compare.op", "confidence"),
        ("compare.op", "author"),
        ("compare.version", "action"),
        ("consolidate.piece", "alternatives"),
        ("stats.hot_spot", "proposers"),
    ] {
        assert!(
            seen.get(name).is_some_and(|keys| keys.contains(field)),
            "no example emits {name}.{field}"
        );
    }
}
