//! `synoptic consolidate` and `synoptic stats` on the examples, as a chair
//! and a secretariat would run them.

use std::fs;

use super::{run_ok, synoptic, temp_dir, EXAMPLE};
use predicates::prelude::*;
use serde_json::Value;

fn consolidate(extra: &[&str]) -> String {
    run_ok(&[&["consolidate"], EXAMPLE, extra].concat())
}

#[test]
fn draft_in_each_format() {
    let md = consolidate(&[]);
    assert!(md.contains("{==[base: 12 | afr: 21 | cept: 15]==}"), "{md}");
    assert!(
        md.contains("{~~Dubai, 2018~>Bucharest, 2022~~}{>>afr, apt<<}"),
        "{md}"
    );
    let txt = consolidate(&["--format", "txt"]);
    assert!(
        txt.contains("at least [base: 12 | afr: 21 | cept: 15] calendar days"),
        "{txt}"
    );
    let json: Value = serde_json::from_str(&consolidate(&["--format", "json"])).expect("JSON");
    assert_eq!(json["summary"]["conflict"], 1);
    assert_eq!(json["proposals"][0], "afr");
}

#[test]
fn format_follows_the_extension() {
    let dir = temp_dir();
    let out = dir.path().join("draft.txt");
    let path = out.to_string_lossy().into_owned();
    consolidate(&["-o", &path]);
    let text = fs::read_to_string(&out).expect("written");
    assert!(
        text.starts_with("RESOLUTION 301 (Rev. New Delhi, 2024)\n"),
        "{text}"
    );
    synoptic()
        .args([&["consolidate"], EXAMPLE, &["-o", "draft.xyz"]].concat())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--format"));
    // The .docx draft: a zip holding Word's document part, with revisions
    // authored by the proposers.
    let docx = dir.path().join("draft.docx");
    let path = docx.to_string_lossy().into_owned();
    consolidate(&["-o", &path]);
    let bytes = fs::read(&docx).expect("written");
    assert!(bytes.starts_with(b"PK"), "a zip");
    let out = synoptic()
        .args([
            "compare",
            "--base",
            "examples/resolution/base.txt",
            &path,
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json = String::from_utf8_lossy(&out.stdout);
    assert!(
        json.contains("\"author\": \"apt, cept\""),
        "consensus attributed"
    );
    assert!(
        json.contains("[base: 12 | afr: 21 | cept: 15]"),
        "conflict bracketed"
    );
}

#[test]
fn decisions_round_trip() {
    let dir = temp_dir();
    let file = dir.path().join("decisions.toml");
    let path = file.to_string_lossy().into_owned();
    consolidate(&["--emit-decisions", "-o", &path]);
    let skeleton = fs::read_to_string(&file).expect("written");
    assert!(skeleton.contains("[rows.\"resolves/3\"]"), "{skeleton}");
    assert!(skeleton.contains("#     cept: 15"), "{skeleton}");

    // The chair accepts CEPT's 15 days.
    fs::write(
        &file,
        skeleton.replace("# accept = \"cept\"", "accept = \"cept\""),
    )
    .expect("edit");
    let out = synoptic()
        .args(
            [
                &["consolidate"],
                EXAMPLE,
                &["--decisions", &path, "--format", "txt"],
            ]
            .concat(),
        )
        .output()
        .expect("run");
    assert!(out.status.success());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(text.contains("at least 15 calendar days"), "{text}");
    assert!(!text.contains('['));

    // Without CEPT the decision no longer fits: a warning, the brackets
    // stay, exit 0; with --strict, exit 1.
    let without_cept = [
        "consolidate",
        "--base",
        "examples/resolution/base.txt",
        "examples/resolution/afr.txt",
        "examples/resolution/apt.txt",
        "--decisions",
        &path,
        "--format",
        "txt",
    ];
    synoptic()
        .args(without_cept)
        .assert()
        .success()
        .stderr(predicate::str::contains("warning").and(predicate::str::contains("resolves/3")));
    synoptic()
        .args([&without_cept[..], &["--strict"]].concat())
        .assert()
        .code(1)
        .stdout(predicate::str::is_empty());
}

#[test]
fn bad_decisions_file_names_file_and_line() {
    let dir = temp_dir();
    let file = dir.path().join("d.toml");
    fs::write(&file, "[rows.\"a\"]\naccept = 3\n").expect("write");
    let path = file.to_string_lossy().into_owned();
    synoptic()
        .args([&["consolidate"], EXAMPLE, &["--decisions", &path]].concat())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("d.toml: line 2"));
}

#[test]
fn stats_on_the_example() {
    let term = run_ok(&[&["stats"], EXAMPLE].concat());
    assert!(
        term.contains("34 rows · 18 changed by some proposal · 1 with a conflict"),
        "{term}"
    );
    assert!(term.contains("resolves/3"));
    let json: Value = serde_json::from_str(&run_ok(
        &[&["stats"], EXAMPLE, &["--format", "json"]].concat(),
    ))
    .expect("JSON");
    assert_eq!(json["hot_spots"][0]["row"], "resolves/3");
    assert_eq!(
        json["hot_spots"][0]["proposers"],
        serde_json::json!(["afr", "cept"])
    );
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn side_by_side_input() {
    let corpus = super::corpus();
    let sbs = corpus.join("res44/res44-side-by-side.txt");
    let sbs = sbs.to_str().expect("a UTF-8 path");
    let txt = run_ok(&["consolidate", "--side-by-side", sbs, "--format", "txt"]);
    assert!(!txt.is_empty());
    let term = run_ok(&["stats", "--side-by-side", sbs]);
    assert!(term.contains("Hot spots"));
}
