//! The one integration-test binary: runs the `synoptic` command as a user
//! would, on the shipped examples and on hand-made inputs.

use std::fs;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;

// Alignment on bills, acts and collations; CollateX's own cases scored.
mod alignment;
// CollateX witnesses compared on their tokens' normal forms.
mod collatex_forms;
// `assemble`: whole assemblies from contribution documents.
mod assemble;
// `consolidate` and `stats`, in their own file within this one binary.
mod consolidate;
// docs/json.md checked against what the writers emit.
mod docs;
// Word files as other producers write them, and files that are no .docx.
mod docx_inputs;
// What a newcomer meets on a fresh clone: the README's commands, the
// examples of every input kind, messages.
mod fresh;
// HTML inputs: a bill from a legislature's site, `<ins>` and `<del>`.
mod html;
// The six official languages.
mod i18n;
// Bills and acts: their structure, and paragraphs read alike whatever the
// line layout of each version.
mod legislation;
// One text in several formats (text, Markdown, HTML).
mod mixed;
// Input limits, hostile inputs, crash-safe output, safe HTML, fuzz-style
// property tests of the whole pipeline.
mod reliability;
// `synoptic serve`: the demo, and a crash test (kill -9 mid-stream).
mod serve;
// `--side-by-side TABLE.docx`: a Word table with tracked changes.
mod side_by_side_docx;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn synoptic() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_synoptic"));
    cmd.current_dir(root()).env_remove("NO_COLOR");
    cmd
}

const EXAMPLE: &[&str] = &[
    "--base",
    "examples/resolution/base.txt",
    "examples/resolution/afr.txt",
    "examples/resolution/apt.txt",
    "examples/resolution/cept.txt",
];

fn run_ok(args: &[&str]) -> String {
    let out = synoptic()
        .args(with_command(args))
        .output()
        .expect("run synoptic");
    assert!(
        out.status.success(),
        "synoptic {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Prefixes `compare` unless the arguments name a command already.
fn with_command<'a>(args: &[&'a str]) -> Vec<&'a str> {
    if args
        .first()
        .is_some_and(|a| !a.starts_with('-') && !a.contains('/'))
    {
        args.to_vec()
    } else {
        [&["compare"], args].concat()
    }
}

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&run_ok(&all)).expect("valid JSON")
}

fn row<'a>(synopsis: &'a Value, id: &str) -> &'a Value {
    synopsis["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// The cell of the version labelled `label` in a row.
fn cell<'a>(synopsis: &'a Value, row: &'a Value, label: &str) -> &'a Value {
    let id = synopsis["versions"]
        .as_array()
        .and_then(|vs| vs.iter().find(|v| v["label"] == label))
        .map(|v| v["id"].clone())
        .unwrap_or_else(|| panic!("no version {label}"));
    row["cells"]
        .as_array()
        .and_then(|cells| cells.iter().find(|c| c["version"] == id))
        .unwrap_or_else(|| panic!("no cell for {label}"))
}

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

// ---- the examples, as a delegate would check them -------------------------

#[test]
fn example_insertion_with_relettering() {
    let s = json(EXAMPLE);
    let added = row(&s, "considering/+1");
    assert_eq!(cell(&s, added, "afr")["status"], "added");
    assert_eq!(cell(&s, added, "afr")["label"], "a)");
    assert_eq!(cell(&s, added, "base")["status"], "absent");
    assert_eq!(cell(&s, added, "apt")["status"], "absent");
    // The base's b) is AFR's c): same row, labels differ.
    let b = row(&s, "considering/b");
    assert_eq!(b["label"], "b)");
    assert_eq!(cell(&s, b, "afr")["label"], "c)");
    assert_eq!(cell(&s, b, "afr")["status"], "unchanged");
    assert_eq!(cell(&s, b, "apt")["label"], "b)");
}

#[test]
fn example_deletion_and_shared_edit() {
    let s = json(EXAMPLE);
    let deleted = row(&s, "recognizing/b");
    assert_eq!(cell(&s, deleted, "apt")["status"], "deleted");
    assert_eq!(cell(&s, deleted, "apt")["text"], "");
    // APT's c) became b) and stays in the base's c) row.
    assert_eq!(cell(&s, row(&s, "recognizing/c"), "apt")["label"], "b)");
    // AFR and APT make the same change to considering a): one row.
    let a = row(&s, "considering/a");
    for who in ["afr", "apt"] {
        let c = cell(&s, a, who);
        assert_eq!(c["status"], "modified");
        let ops = c["ops"].as_array().expect("ops");
        // The exact word diff: the comma both keep is not inside a change.
        for (op, text) in [
            ("delete", "Dubai"),
            ("insert", "Bucharest"),
            ("equal", ", "),
            ("delete", "2018"),
            ("insert", "2022"),
        ] {
            assert!(
                ops.iter().any(|o| o["op"] == op && o["text"] == text),
                "{who}: no {op} of {text:?}"
            );
        }
    }
    assert_eq!(cell(&s, a, "cept")["status"], "unchanged");
    // Conflicting edits of resolves 3 share a row too.
    let r3 = row(&s, "resolves/3");
    assert_eq!(cell(&s, r3, "afr")["status"], "modified");
    assert_eq!(cell(&s, r3, "cept")["status"], "modified");
    assert_eq!(cell(&s, r3, "cept")["label"], "4");
}

#[test]
fn example_new_sections_and_sub_items() {
    let s = json(EXAMPLE);
    let heading = row(&s, "recognizing-further");
    assert_eq!(heading["kind"], "heading");
    assert_eq!(cell(&s, heading, "cept")["status"], "added");
    assert_eq!(
        cell(&s, row(&s, "recognizing-further/a"), "cept")["status"],
        "added"
    );
    assert_eq!(
        cell(&s, row(&s, "invites-member-states/2"), "afr")["status"],
        "added"
    );
    let ii = row(&s, "resolves/2/ii");
    assert_eq!(cell(&s, ii, "cept")["status"], "modified");
    // CEPT's new resolves 2 sits between the base's 1 and 2.
    let ids: Vec<&str> = s["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    let pos = |id: &str| ids.iter().position(|x| *x == id).expect(id);
    assert!(pos("resolves/1") < pos("resolves/1+1") && pos("resolves/1+1") < pos("resolves/2"));
}

#[test]
fn example_moved_paragraph_is_marked() {
    let s = json(EXAMPLE);
    let moved: Vec<&Value> = s["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| cell(&s, r, "apt"))
        .filter(|c| c.get("moved").is_some())
        .collect();
    assert_eq!(
        moved.len(),
        2,
        "one paragraph moved: a deleted and an added cell"
    );
}

#[test]
fn every_paragraph_of_every_version_appears_once() {
    let s = json(EXAMPLE);
    for (label, file) in [
        ("base", "base.txt"),
        ("afr", "afr.txt"),
        ("apt", "apt.txt"),
        ("cept", "cept.txt"),
    ] {
        let shown: Vec<String> = s["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| cell(&s, r, label))
            .filter(|c| {
                ["unchanged", "modified", "added"].contains(&c["status"].as_str().unwrap_or(""))
            })
            .map(|c| c["text"].as_str().unwrap_or("").to_string())
            .collect();
        let source =
            fs::read_to_string(root().join("examples/resolution").join(file)).expect("read");
        let lines: Vec<String> = source
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| match l.split_once('\t') {
                Some((_, rest)) => rest.to_string(),
                None => l.to_string(),
            })
            .collect();
        assert_eq!(shown, lines, "{label}");
    }
}

#[test]
fn proposal_order_does_not_change_rows() {
    let forward = json(EXAMPLE);
    let backward = json(&[
        "--base",
        "examples/resolution/base.txt",
        "examples/resolution/cept.txt",
        "examples/resolution/apt.txt",
        "examples/resolution/afr.txt",
    ]);
    let rows_f = forward["rows"].as_array().expect("rows");
    let rows_b = backward["rows"].as_array().expect("rows");
    assert_eq!(rows_f.len(), rows_b.len());
    for (rf, rb) in rows_f.iter().zip(rows_b) {
        assert_eq!(rf["id"], rb["id"]);
        for who in ["base", "afr", "apt", "cept"] {
            let (cf, cb) = (cell(&forward, rf, who), cell(&backward, rb, who));
            assert_eq!(cf["status"], cb["status"], "{} {who}", rf["id"]);
            assert_eq!(cf["ops"], cb["ops"], "{} {who}", rf["id"]);
        }
    }
}

#[test]
fn without_base_the_base_is_inferred() {
    let s = json(&[
        "examples/resolution/afr.txt",
        "examples/resolution/apt.txt",
        "examples/resolution/cept.txt",
    ]);
    assert_eq!(s["base_inferred"], true);
    assert_eq!(s["versions"][0]["role"], "base");
    // AFR reads 21 days, APT 12, CEPT 15: each its own number, so the
    // inferred base has none of them and all three modify it.
    let r = s["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|r| {
            r["base_text"]
                .as_str()
                .is_some_and(|t| t.contains("calendar days"))
        })
        .expect("the documents row");
    let statuses: Vec<&str> = ["afr", "apt", "cept"]
        .iter()
        .map(|w| cell(&s, r, w)["status"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(statuses, ["modified", "modified", "modified"]);
    assert!(r["base_text"]
        .as_str()
        .is_some_and(|t| t.contains("at least calendar days")));
    // Where two of three agree, the base is what they share: APT's deletion
    // of recognizing b) is a deletion against the inferred base.
    assert_eq!(
        cell(&s, row(&s, "recognizing/b"), "apt")["status"],
        "deleted"
    );
    let html = run_ok(&[
        "examples/resolution/afr.txt",
        "examples/resolution/apt.txt",
        "--format",
        "html",
    ]);
    assert!(html.contains("base inferred from the proposals"));
}

#[test]
fn markdown_proposals_keep_their_own_changes() {
    let s = json(&[
        "--base",
        "examples/resolution-md/base.md",
        "examples/resolution-md/afr.md",
        "examples/resolution-md/cept.md",
    ]);
    let a = row(&s, "considering/a");
    let afr = cell(&s, a, "afr");
    assert_eq!(afr["tracked"], true);
    assert_eq!(afr["label"], "b)");
    assert_eq!(afr["former_label"], "a)");
    let b = row(&s, "considering/b");
    assert_eq!(cell(&s, b, "cept")["status"], "deleted");
}

// ---- snapshots of every output format -------------------------------------

#[test]
fn snapshot_json() {
    insta::assert_snapshot!(
        "example_json",
        run_ok(&[EXAMPLE, &["--format", "json"]].concat())
    );
}

#[test]
fn snapshot_markdown() {
    insta::assert_snapshot!(
        "example_md",
        run_ok(&[EXAMPLE, &["--format", "md"]].concat())
    );
}

#[test]
fn snapshot_term() {
    insta::assert_snapshot!(
        "example_term",
        run_ok(
            &[
                EXAMPLE,
                &["--format", "term", "--width", "140", "--color", "never"]
            ]
            .concat()
        )
    );
}

#[test]
fn snapshot_term_colour() {
    insta::assert_snapshot!(
        "example_term_colour",
        run_ok(
            &[
                EXAMPLE,
                &["--format", "term", "--width", "100", "--color", "always"]
            ]
            .concat()
        )
    );
}

#[test]
fn snapshot_html() {
    insta::assert_snapshot!(
        "example_html",
        run_ok(&[EXAMPLE, &["--format", "html"]].concat())
    );
}

#[test]
fn snapshot_markdown_input() {
    insta::assert_snapshot!(
        "example_md_input_term",
        run_ok(&[
            "--base",
            "examples/resolution-md/base.md",
            "examples/resolution-md/afr.md",
            "examples/resolution-md/cept.md",
            "--format",
            "term",
            "--width",
            "120",
            "--color",
            "never"
        ])
    );
}

#[test]
fn output_is_deterministic() {
    for format in ["html", "json", "md", "term"] {
        let args = [EXAMPLE, &["--format", format, "--color", "never"]].concat();
        assert_eq!(run_ok(&args), run_ok(&args), "{format}");
    }
}

// ---- output files ---------------------------------------------------------

#[test]
fn writes_html_file_named_by_extension() {
    let dir = temp_dir();
    let out = dir.path().join("synopsis.html");
    synoptic()
        .args(with_command(EXAMPLE))
        .arg("-o")
        .arg(&out)
        .assert()
        .success()
        .stdout("");
    let html = fs::read_to_string(&out).expect("written");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(
        !html.contains("http://") && !html.contains("https://"),
        "no network loads"
    );
    // No temporary file left beside it.
    let names: Vec<_> = fs::read_dir(dir.path()).expect("dir").collect();
    assert_eq!(names.len(), 1);
}

#[test]
fn failed_run_leaves_existing_output_alone() {
    let dir = temp_dir();
    let out = dir.path().join("synopsis.html");
    fs::write(&out, "previous").expect("write");
    let bad = dir.path().join("bad.txt");
    fs::write(&bad, b"caf\xe9\n").expect("write");
    synoptic()
        .arg("compare")
        .arg(&bad)
        .arg("-o")
        .arg(&out)
        .assert()
        .code(1);
    assert_eq!(fs::read_to_string(&out).expect("read"), "previous");
}

// ---- bad input and bad usage ----------------------------------------------

#[test]
fn invalid_utf8_names_file_and_offset() {
    let dir = temp_dir();
    let bad = dir.path().join("latin1.txt");
    fs::write(&bad, b"considering\na)\tcaf\xe9 au lait\n").expect("write");
    let assert = synoptic()
        .arg("compare")
        .arg("--base")
        .arg("examples/resolution/base.txt")
        .arg(&bad)
        .assert()
        .code(1);
    let err = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    assert!(err.contains("latin1.txt"), "{err}");
    assert!(err.contains("byte 18"), "{err}");
    assert_eq!(err.trim().lines().count(), 1, "one line: {err}");
}

#[test]
fn missing_file_is_an_input_error() {
    synoptic()
        .args(["compare", "no/such/file.txt"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/file.txt"));
}

#[test]
fn binary_junk_is_refused_without_panic() {
    let dir = temp_dir();
    let junk = dir.path().join("junk.txt");
    fs::write(&junk, [0u8, 159, 146, 150, 0, 1, 2, 255]).expect("write");
    synoptic()
        .arg("compare")
        .arg(&junk)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("junk.txt"))
        .stderr(predicate::str::contains("panicked").not());
}

#[test]
fn utf16_and_crlf_inputs_are_read() {
    let dir = temp_dir();
    let text = "considering\r\na)\tthat ITU-T works;\r\nb)\tthat it continues.\r\n";
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        utf16.extend(unit.to_le_bytes());
    }
    let a = dir.path().join("a.txt");
    fs::write(&a, utf16).expect("write");
    let b = dir.path().join("b.txt");
    fs::write(&b, text.replace("works", "works hard")).expect("write");
    let out = synoptic()
        .arg("compare")
        .arg("--base")
        .arg(&a)
        .arg(&b)
        .args(["--format", "json"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let s: Value = serde_json::from_slice(&out.stdout).expect("json");
    let r = row(&s, "considering/a");
    assert_eq!(r["base_text"], "that ITU-T works;");
    assert_eq!(cell(&s, r, "b")["status"], "modified");
}

#[test]
fn usage_errors_exit_2() {
    synoptic().arg("compare").assert().code(2);
    synoptic()
        .args(["compare", "--no-such-flag", "x.txt"])
        .assert()
        .code(2);
    synoptic()
        .args([
            "compare",
            "--label",
            "A",
            "examples/resolution/afr.txt",
            "examples/resolution/apt.txt",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--label"));
    synoptic()
        .args([
            "compare",
            "examples/resolution/afr.txt",
            "-o",
            "out.unknown",
        ])
        .assert()
        .code(2);
    synoptic().args(["compare", "-", "-"]).assert().code(2);
}

#[test]
fn help_shows_examples() {
    synoptic()
        .args(["compare", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Examples:"));
}

#[test]
fn labels_and_stdin() {
    let proposal = fs::read_to_string(root().join("examples/resolution/apt.txt")).expect("read");
    let out = synoptic()
        .args([
            "compare",
            "--base",
            "examples/resolution/base.txt",
            "--label",
            "APT",
            "-",
            "--format",
            "json",
        ])
        .write_stdin(proposal)
        .output()
        .expect("run");
    assert!(out.status.success());
    let s: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(s["versions"][1]["label"], "APT");
    assert_eq!(s["versions"][0]["label"], "base");
    assert_eq!(
        cell(&s, row(&s, "recognizing/b"), "APT")["status"],
        "deleted"
    );
}

// ---- escaping -------------------------------------------------------------

#[test]
fn html_escapes_everything_from_input() {
    let dir = temp_dir();
    let base = dir.path().join("base.txt");
    fs::write(&base, "considering\na)\tthat the text is safe;\n").expect("write");
    let evil = dir.path().join("evil<img src=x onerror=alert(1)>.txt");
    fs::write(
        &evil,
        "considering\na)\tthat the text is <script>alert(1)</script> safe;\nb)\t\"><img src=x onerror=alert(2)></style>\n",
    )
    .expect("write");
    let html = run_ok(&[
        "compare",
        "--base",
        base.to_str().expect("path"),
        evil.to_str().expect("path"),
        "--title",
        "<b>title</b>",
        "--format",
        "html",
    ]);
    assert!(!html.contains("<script"), "no script tag from input");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
            || html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"),
        "the payload is shown as text"
    );
    assert!(!html.contains("<img"));
    assert!(!html.contains("<b>title</b>"));
    assert_eq!(
        html.matches("</style>").count(),
        1,
        "only our own style block"
    );
}

/// The shared corpus beside the project (in CI only): tests that need it
/// are `#[ignore = "needs ../shared/corpus"]`, run by `.ci/run`, and fail
/// here when it is absent.
fn corpus() -> PathBuf {
    let dir = root().join("../shared/corpus");
    assert!(
        dir.is_dir(),
        "needs ../shared/corpus beside the project: {} is absent",
        dir.display()
    );
    dir
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn darwin_paragraphs_as_proposals() {
    // Six editions of one paragraph of Darwin, each as a one-paragraph
    // proposal: the alignment must keep them in one row.
    let corpus = corpus();
    let raw = fs::read_to_string(corpus.join("darwin/Ch1-100.json")).expect("read");
    let witnesses: Value = serde_json::from_str(&raw).expect("json");
    let dir = temp_dir();
    let mut files = Vec::new();
    for w in witnesses["witnesses"].as_array().expect("witnesses") {
        let path = dir
            .path()
            .join(format!("{}.txt", w["id"].as_str().expect("id")));
        fs::write(
            &path,
            w["content"].as_str().expect("content").replace('\n', " "),
        )
        .expect("write");
        files.push(path);
    }
    let mut cmd = synoptic();
    cmd.arg("compare")
        .args(&files)
        .args(["--format", "json", "--paragraphs", "lines"]);
    let out = cmd.output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: Value = serde_json::from_slice(&out.stdout).expect("json");
    let rows = s["rows"].as_array().expect("rows");
    assert_eq!(rows.len(), 1, "one paragraph in six editions is one row");
    assert!(Path::new(&files[0]).exists());
}
