//! What a newcomer meets on a fresh clone with nothing beside it: the
//! README's commands work as written, neither the README nor `--help`
//! points at files a clone lacks, the README lists every `--format`, every
//! input kind has an example, and the messages say what was done.

use std::fs;
use std::path::Path;

use super::{root, run_ok, synoptic, temp_dir, EXAMPLE};

fn readme() -> String {
    fs::read_to_string(root().join("README.md")).expect("README.md")
}

/// The commands of the README's `sh` blocks, joined where a line ends in
/// a backslash.
fn readme_commands() -> Vec<String> {
    let mut commands = Vec::new();
    let mut in_sh = false;
    let mut pending = String::new();
    for line in readme().lines() {
        if line.trim_start().starts_with("```") {
            in_sh = line.trim() == "```sh";
            continue;
        }
        if !in_sh || line.trim_start().starts_with('#') || line.trim().is_empty() {
            continue;
        }
        match line.strip_suffix('\\') {
            Some(part) => pending.push_str(part),
            None => {
                pending.push_str(line);
                commands.push(pending.trim().to_string());
                pending.clear();
            }
        }
    }
    commands
}

/// Every `cargo run --release -- ...` command of the README runs, with the
/// built binary, from a folder holding the repository's examples (so that
/// the files it writes land there), and succeeds. `serve` runs until
/// stopped and is tested in `tests/serve`; `cargo test` is what runs this.
#[test]
fn readme_commands_work_as_written() {
    let dir = temp_dir();
    std::os::unix::fs::symlink(root().join("examples"), dir.path().join("examples"))
        .expect("link the examples");
    let commands = readme_commands();
    let mut ran = 0;
    for command in &commands {
        if command.starts_with("cargo test")
            || command.starts_with("cargo install")
            || command.starts_with("cargo build")
            || command.starts_with("cargo clean")
            || command.starts_with("cargo bench")
            || command.starts_with("FUZZ_SECONDS")
            || command.starts_with("bash ")
        {
            continue;
        }
        let args = command
            .strip_prefix("cargo run --release -- ")
            .unwrap_or_else(|| panic!("README command not run by this test: {command}"));
        if args.starts_with("serve") {
            continue;
        }
        let words: Vec<&str> = args.split_whitespace().collect();
        let out = synoptic()
            .current_dir(dir.path())
            .args(&words)
            .output()
            .expect("run synoptic");
        assert!(
            out.status.success(),
            "README: {command}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        if let Some(i) = words.iter().position(|w| *w == "-o") {
            let written = dir.path().join(words[i + 1]);
            assert!(written.exists(), "{command}: no {}", written.display());
        }
        ran += 1;
    }
    assert!(ran >= 8, "only {ran} README commands run: {commands:?}");
}

/// Every kind of input the README names has an example the README uses.
#[test]
fn every_input_kind_has_an_example_in_the_readme() {
    let readme = readme();
    for example in [
        "examples/resolution/base.txt",
        "examples/resolution-md/afr.md",
        "examples/resolution-docx/afr.docx",
        "examples/bill-html/senate.html",
        "examples/side-by-side/res310-side-by-side.txt",
        "examples/collatex/harbour-bylaw.json",
        "examples/i18n",
    ] {
        assert!(root().join(example).exists(), "{example} is missing");
        assert!(readme.contains(example), "the README never uses {example}");
    }
    // The side-by-side table has glued tracked changes for the recovery.
    let table = fs::read_to_string(root().join("examples/side-by-side/res310-side-by-side.txt"))
        .expect("read");
    assert!(table.contains("Busan, 2014Dubai, 2018"));
    assert!(table.contains("\nbc)\t"));
}

/// A clone has no `../shared` and no PRODUCT.md beside it: nothing a user
/// reads may send them there.
#[test]
fn readme_and_help_name_no_file_a_clone_lacks() {
    let readme = readme();
    let mut texts = vec![("README.md".to_string(), readme.clone())];
    for command in [
        "",
        "compare",
        "consolidate",
        "stats",
        "batch",
        "assemble",
        "serve",
    ] {
        for flag in ["-h", "--help"] {
            let args: Vec<&str> = [command, flag]
                .into_iter()
                .filter(|a| !a.is_empty())
                .collect();
            let out = synoptic().args(&args).output().expect("run");
            texts.push((
                format!("synoptic {}", args.join(" ")),
                String::from_utf8_lossy(&out.stdout).into_owned(),
            ));
        }
    }
    for (what, text) in texts {
        for lacking in ["../shared", "shared/corpus", "PRODUCT.md"] {
            assert!(!text.contains(lacking), "{what} names {lacking}");
        }
    }
}

/// The README's command summary offers every `--format` value `--help`
/// does, command by command.
#[test]
fn readme_lists_every_format_help_offers() {
    let readme = readme();
    for command in ["compare", "consolidate", "stats", "batch"] {
        let help = run_ok(&[command, "-h"]);
        let lines: Vec<&str> = help.lines().collect();
        let start = lines
            .iter()
            .position(|l| l.trim_start().starts_with("--format <FORMAT>"))
            .unwrap_or_else(|| panic!("{command} -h has no --format"));
        let mut option = lines[start].to_string();
        for line in &lines[start + 1..] {
            if line.trim_start().starts_with('-') || line.trim().is_empty() {
                break;
            }
            option.push(' ');
            option.push_str(line.trim());
        }
        let values: Vec<&str> = option
            .split("possible values: ")
            .nth(1)
            .and_then(|v| v.split(']').next())
            .unwrap_or_else(|| panic!("{command}: no possible values in {option}"))
            .split(", ")
            .collect();
        let summary = readme
            .lines()
            .find(|l| l.starts_with(&format!("synoptic {command} ")) && l.contains("--format"))
            .unwrap_or_else(|| panic!("the README's command summary lacks {command}"));
        let listed = summary
            .split("--format ")
            .nth(1)
            .and_then(|v| v.split(']').next())
            .unwrap_or("");
        for value in values {
            assert!(
                listed.split('|').any(|l| l == value),
                "README: `synoptic {command} ... --format {listed}` lacks {value}"
            );
        }
    }
}

/// After writing a file, one line on standard error says what is in it.
#[test]
fn writing_a_file_says_what_it_holds() {
    let dir = temp_dir();
    for name in ["synopsis.html", "synopsis.json"] {
        let out_path = dir.path().join(name);
        let out = synoptic()
            .args([&["compare"], EXAMPLE].concat())
            .arg("-o")
            .arg(&out_path)
            .output()
            .expect("run");
        assert!(out.status.success());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            format!(
                "wrote {}: 34 rows, 18 changed, 1 conflict\n",
                out_path.display()
            )
        );
    }
    // The draft too.
    let draft = dir.path().join("draft.md");
    let out = synoptic()
        .args([&["consolidate"], EXAMPLE].concat())
        .arg("-o")
        .arg(&draft)
        .output()
        .expect("run");
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        format!("wrote {}: 34 rows, 1 conflict\n", draft.display())
    );
    // Standard output is for the synopsis alone: no such line there.
    let out = synoptic()
        .args([&["compare"], EXAMPLE, &["--format", "md"]].concat())
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).is_empty());
    // Plurals agree: the Arabic example has no conflict.
    let ar = dir.path().join("ar.html");
    let out = synoptic()
        .args([
            "compare",
            "--base",
            "examples/i18n/ar/base.txt",
            "examples/i18n/ar/afr.txt",
            "examples/i18n/ar/cept.txt",
            "examples/i18n/ar/rcc.txt",
            "-o",
        ])
        .arg(&ar)
        .output()
        .expect("run");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.ends_with(": 18 rows, 5 changed, 0 conflicts\n"),
        "{err}"
    );
}

/// The page title comes from the text, and the base's role is written
/// once.
#[test]
fn title_from_the_text_and_base_named_once() {
    let html = run_ok(&[EXAMPLE, &["--format", "html"]].concat());
    assert!(html.contains("<title>RESOLUTION 301 (Rev. Geneva, 2022)</title>"));
    assert!(html.contains("<h1>RESOLUTION 301 (Rev. Geneva, 2022)</h1>"));
    assert!(!html.contains("Synopsis: base"));
    assert!(html.contains("<span class=\"vlabel\">base</span><span class=\"vmeta\"></span>"));
    let md = run_ok(&[
        "--base",
        "examples/resolution-md/base.md",
        "examples/resolution-md/afr.md",
        "--format",
        "html",
    ]);
    assert!(md.contains("<title>RESOLUTION 302 (Rev. Geneva, 2022)</title>"));
    // A side-by-side table keeps its own title; --title wins over all.
    let table = run_ok(&[
        "--side-by-side",
        "examples/side-by-side/res310-side-by-side.txt",
        "--format",
        "html",
    ]);
    assert!(table.contains("<title>Resolution 310 proposals side-by-side</title>"));
    let titled = run_ok(&[EXAMPLE, &["--format", "html", "--title", "Ad hoc group 3"]].concat());
    assert!(titled.contains("<title>Ad hoc group 3</title>"));
}

/// The side-by-side and CollateX examples read into synopses with the
/// changes they were written with.
#[test]
fn side_by_side_and_collatex_examples() {
    let s: serde_json::Value = serde_json::from_str(&run_ok(&[
        "--side-by-side",
        "examples/side-by-side/res310-side-by-side.txt",
        "--format",
        "json",
    ]))
    .expect("JSON");
    let labels: Vec<&str> = s["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .filter_map(|v| v["label"].as_str())
        .collect();
    assert_eq!(labels, ["Common text", "ATU", "CITEL", "RCC"]);
    let rows = s["rows"].as_array().expect("rows");
    let conflicts: Vec<&str> = rows
        .iter()
        .filter(|r| r.get("conflict").is_some())
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(
        conflicts,
        ["resolves/2"],
        "ATU and RCC each change the reporting"
    );
    // "Busan, 2014Dubai, 2018" recovered as a replacement; "bc)" as b) -> c).
    let ops = rows[0]["cells"][1]["ops"].as_array().expect("ops");
    assert!(ops
        .iter()
        .any(|o| o["op"] == "delete" && o["text"] == "Busan, 2014"));
    assert!(ops
        .iter()
        .any(|o| o["op"] == "insert" && o["text"] == "Dubai, 2018"));
    assert!(rows
        .iter()
        .any(|r| r["cells"][1]["former_label"] == "b)" && r["cells"][1]["label"] == "c)"));

    let c: serde_json::Value = serde_json::from_str(&run_ok(&[
        "examples/collatex/harbour-bylaw.json",
        "--format",
        "json",
    ]))
    .expect("JSON");
    assert_eq!(c["base_inferred"], true);
    let witnesses: Vec<&str> = c["versions"]
        .as_array()
        .expect("versions")
        .iter()
        .skip(1)
        .filter_map(|v| v["label"].as_str())
        .collect();
    assert_eq!(witnesses, ["1998", "2006", "2019"]);
    assert_eq!(c["rows"].as_array().expect("rows").len(), 5);
}

fn batch(dir: &Path, out: &Path) -> std::process::Output {
    synoptic()
        .arg("batch")
        .arg(dir)
        .arg("-o")
        .arg(out)
        .output()
        .expect("run batch")
}

/// Batch reads one level of folders and says so when pointed one level
/// too high; its counts agree in number.
#[test]
fn batch_says_where_to_point_it() {
    let dir = temp_dir();
    let out = batch(&root().join("examples"), &dir.path().join("all"));
    assert_eq!(out.status.code(), Some(1), "examples/i18n holds folders");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("i18n holds folders: batch reads one level; try `synoptic batch "),
        "{err}"
    );
    assert!(
        err.contains("resolution: 34 rows, 18 changed, 1 conflict\n"),
        "{err}"
    );
    assert!(err.contains("side-by-side: 12 rows,"), "{err}");
    assert!(!err.contains(" 1 conflicts"), "{err}");

    let out = batch(&root().join("examples/i18n"), &dir.path().join("i18n"));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("ar: 18 rows, 5 changed, 0 conflicts"), "{err}");
    assert!(err.contains("synoptic: 6 texts, 0 failed"), "{err}");
    let page = fs::read_to_string(dir.path().join("i18n/ar.html")).expect("ar.html");
    assert!(page.contains("<title>القرار 305"), "title from the text");
}
