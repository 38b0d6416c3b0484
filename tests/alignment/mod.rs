//! Alignment on texts it was never tuned for: rows of made-up bills, acts
//! and collations, and the exact word diff in the JSON.

use std::fs;
use std::path::Path;

use serde_json::Value;

use super::{synoptic, temp_dir};

mod collatex_cases;

/// `compare --format json` of the given files (the first is the base when
/// `base` is set), as JSON.
fn compare_files(dir: &Path, base: bool, files: &[(&str, &str)]) -> Value {
    let mut args: Vec<String> = vec!["compare".into(), "--format".into(), "json".into()];
    for (k, (name, text)) in files.iter().enumerate() {
        let path = dir.join(name);
        fs::write(&path, text).expect("write input");
        if k == 0 && base {
            args.push("--base".into());
        }
        args.push(path.display().to_string());
    }
    let out = synoptic().args(&args).output().expect("run synoptic");
    assert!(
        out.status.success(),
        "synoptic {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("JSON output")
}

fn rows(s: &Value) -> &Vec<Value> {
    s["rows"].as_array().expect("rows")
}

fn cells(row: &Value) -> &Vec<Value> {
    row["cells"].as_array().expect("cells")
}

/// The one row some cell of which holds `needle`; fails if there are
/// several or none.
fn row_with<'a>(s: &'a Value, needle: &str) -> &'a Value {
    let found: Vec<&Value> = rows(s)
        .iter()
        .filter(|r| {
            cells(r)
                .iter()
                .any(|c| c["text"].as_str().is_some_and(|t| t.contains(needle)))
        })
        .collect();
    assert_eq!(found.len(), 1, "rows holding {needle:?}: {found:#?}");
    found[0]
}

fn statuses(row: &Value) -> Vec<&str> {
    cells(row)
        .iter()
        .map(|c| c["status"].as_str().unwrap_or_default())
        .collect()
}

#[test]
fn a_paragraph_rewritten_in_place_is_one_modified_row() {
    let dir = temp_dir();
    let base = "considering\n\
        a)\tthat the digital divide between developed and developing countries persists in standardization;\n\
        b)\tthe report of the Director on the implementation of the fund, which describes at length its governance, its donors, the projects it finances in each region, the criteria for choosing them, the audits it undergoes every year and the way its results are published for the membership, in accordance with Resolution 197 (Rev. Lima, 2026) of the Plenipotentiary Conference;\n\
        c)\tthat regional offices help coordinate the work of study groups;\n";
    let proposal = "considering\n\
        a)\tthat the digital divide between developed and developing countries persists in standardization;\n\
        b)\tthat Resolution 197 (Rev. Lima, 2026) of the Plenipotentiary Conference applies;\n\
        c)\tthat regional offices help coordinate the work of study groups;\n";
    let s = compare_files(
        dir.path(),
        true,
        &[("base.txt", base), ("east.txt", proposal)],
    );
    let row = row_with(&s, "applies;");
    assert_eq!(statuses(row), ["unchanged", "modified"], "{row:#}");
    assert!(row["base_text"]
        .as_str()
        .is_some_and(|t| t.contains("at length")));
    assert!(rows(&s)
        .iter()
        .all(|r| !statuses(r).contains(&"deleted") && !statuses(r).contains(&"added")));
}

#[test]
fn every_witness_of_a_collation_is_one_row() {
    let dir = temp_dir();
    for (a, b) in [
        ("A black cat", "A white kitten."),
        (
            "I bought this glass, because it matches those dinner plates",
            "I bought those glasses",
        ),
        ("Lorem ipsum", "Dolor sit amet"),
    ] {
        let json = serde_json::json!({"witnesses": [{"id": "A", "content": a}, {"id": "B", "content": b}]});
        let s = compare_files(dir.path(), false, &[("w.json", &json.to_string())]);
        let filled: Vec<&Value> = rows(&s)
            .iter()
            .filter(|r| cells(r).iter().any(|c| c["text"] != ""))
            .collect();
        assert_eq!(filled.len(), 1, "{a} / {b}: {s:#}");
    }
}

#[test]
fn short_paragraphs_with_one_changed_token_are_modified() {
    let dir = temp_dir();
    let base = "TITLE XI—GENERAL PROVISIONS\n\
        Sec. 1001.\n\
        Authorization of appropriations for the pilot program on rural broadband maps.\n\
        Two\n\
        Sums appropriated under this title remain available until expended.\n";
    let proposal = "TITLE XII—GENERAL PROVISIONS\n\
        Sec. 1101.\n\
        Authorization of appropriations for the pilot program on rural broadband maps.\n\
        Two1\n\
        Sums appropriated under this title remain available until expended.\n";
    let s = compare_files(
        dir.path(),
        true,
        &[("base.txt", base), ("senate.txt", proposal)],
    );
    for changed in ["TITLE XII", "Sec. 1101.", "Two1"] {
        let row = row_with(&s, changed);
        assert_eq!(
            statuses(row),
            ["unchanged", "modified"],
            "{changed}: {row:#}"
        );
    }
}

#[test]
fn a_renumbered_heading_never_outranks_long_paragraphs() {
    let dir = temp_dir();
    let reports = "The Secretary shall submit to the committees of jurisdiction an annual report describing the grants awarded, the amounts obligated and the outcomes measured in each participating county.";
    let funding = "There are authorized to be appropriated such sums as may be necessary to carry out this section for each of the fiscal years 2027 through 2031, to remain available until expended.";
    let base = format!("Sec. 3.\n{reports}\nSec. 4.\n{funding}\n");
    let proposal = format!(
        "Sec. 3.\nThe Secretary shall establish a pilot program to map broadband coverage in rural counties.\nSec. 4.\n{reports}\nSec. 5.\n{funding}\n"
    );
    let s = compare_files(
        dir.path(),
        true,
        &[("base.txt", &base), ("house.txt", &proposal)],
    );
    for kept in ["annual report describing", "such sums as may be necessary"] {
        let row = row_with(&s, kept);
        assert_eq!(statuses(row), ["unchanged", "unchanged"], "{kept}: {row:#}");
    }
}

#[test]
fn ops_are_the_exact_word_diff_and_moves_are_linked() {
    let dir = temp_dir();
    let base =
        "1\tMember States shall, within six months, report to the Council on the measures taken.\n\
        2\tThe Council shall publish the reports received under paragraph 1.\n";
    let proposal =
        "1\tMember States shall report to the Council on the measures taken within six months.\n\
        2\tThe Council shall make public the reports received under paragraph 1.\n";
    let s = compare_files(
        dir.path(),
        true,
        &[("base.txt", base), ("north.txt", proposal)],
    );
    // Every word both keep at the same place is in an equal op.
    let row = row_with(&s, "make public");
    let ops = cells(row)[1]["ops"].as_array().expect("ops");
    let shown: Vec<(String, String)> = ops
        .iter()
        .map(|o| {
            (
                o["op"].as_str().unwrap_or_default().to_string(),
                o["text"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("equal", "The Council shall "),
            ("delete", "publish"),
            ("insert", "make public"),
            ("equal", " the reports received under paragraph 1."),
        ]
        .map(|(a, b)| (a.to_string(), b.to_string()))
    );
    // The moved phrase: its deletion and insertion share a move number.
    let row = row_with(&s, "taken within six months");
    let ops = cells(row)[1]["ops"].as_array().expect("ops");
    let moved: Vec<&Value> = ops.iter().filter(|o| o.get("move").is_some()).collect();
    assert_eq!(moved.len(), 2, "{ops:#?}");
    assert_eq!(moved[0]["move"], moved[1]["move"]);
    let kinds: Vec<&str> = moved
        .iter()
        .map(|o| o["op"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(kinds, ["delete", "insert"]);
    assert!(moved.iter().all(|o| o["text"]
        .as_str()
        .is_some_and(|t| t.contains("within six months"))));
}

#[test]
fn many_repeated_labels_stay_linear() {
    // 200,000 paragraphs all labelled a) with one text, against a base of
    // two: every step must stay near-linear (row ids once took minutes).
    let dir = temp_dir();
    let base = "a)\tthe same text\nb)\tanother text\n";
    let mut proposal = String::with_capacity(200_000 * 18);
    for _ in 0..200_000 {
        proposal.push_str("a)\tthe same text\n");
    }
    fs::write(dir.path().join("base.txt"), base).expect("write");
    fs::write(dir.path().join("many.txt"), &proposal).expect("write");
    let started = std::time::Instant::now();
    let out = synoptic()
        .args([
            "compare",
            "--max-paragraphs",
            "300000",
            "--format",
            "json",
            "--base",
        ])
        .arg(dir.path().join("base.txt"))
        .arg(dir.path().join("many.txt"))
        .arg("-o")
        .arg(dir.path().join("out.json"))
        .output()
        .expect("run synoptic");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s: Value = serde_json::from_slice(&fs::read(dir.path().join("out.json")).expect("output"))
        .expect("JSON");
    // Every paragraph of both versions is in exactly one row.
    let filled = rows(&s)
        .iter()
        .filter(|r| cells(r)[1]["status"] != "absent")
        .count();
    assert_eq!(filled, 200_000 + 1, "one row per paragraph, and b) deleted");
    // Not a timing test: a quadratic step takes hours here, not seconds.
    eprintln!("200,000 repeated paragraphs: {:?}", started.elapsed());
}

#[test]
fn without_a_base_only_the_proposal_that_moved_a_paragraph_shows_the_move() {
    // In the example, APT swaps two paragraphs of *considering* that AFR
    // and CEPT keep in the base's order (AFR inserts a paragraph before
    // them, and all three touch their punctuation). Without the base, APT
    // is the closest to the others in words, yet its order is the odd one
    // out: the rows follow the order the others keep.
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/resolution");
    let dir = temp_dir();
    let files: Vec<(String, String)> = ["afr.txt", "apt.txt", "cept.txt"]
        .iter()
        .map(|name| {
            let text = fs::read_to_string(example.join(name)).expect("example");
            (name.to_string(), text)
        })
        .collect();
    let files: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let s = compare_files(dir.path(), false, &files);
    let versions = s["versions"].as_array().expect("versions");
    for (k, version) in versions.iter().enumerate() {
        let moved = rows(&s)
            .iter()
            .filter(|r| !cells(r)[k]["moved"].is_null())
            .count();
        let expected = if version["label"] == "apt" { 2 } else { 0 };
        assert_eq!(moved, expected, "{}: {moved} moved cells", version["label"]);
    }
}

#[test]
fn the_paragraph_that_moved_is_shown_moving_not_its_edited_neighbours() {
    // The proposal moves (c) to the front and edits (a): of the two
    // word-for-word anchors that cross, (b) and (c), the one whose
    // neighbour stayed in place (edited) wins, so one paragraph moves, not
    // two.
    let a = "that Resolution 123 of the Plenipotentiary Conference instructs the Secretary-General to bridge the standardization gap";
    let b = "that Resolution 139 of the Plenipotentiary Conference resolves that the digital divide be bridged through regional initiatives";
    let c = "that Resolution 154 of the Plenipotentiary Conference resolves to ensure use of the six official languages of the Union equally";
    let d = "that Resolution 200 sets the Connect 2030 agenda";
    let base = format!("considering\na)\t{a}\nb)\t{b}\nc)\t{c}\nd)\t{d}\n");
    let proposal = format!("considering\na)\t{c}\nb)\t{a} in particular\nc)\t{b}\nd)\t{d}\n");
    let dir = temp_dir();
    let s = compare_files(
        dir.path(),
        true,
        &[("base.txt", &base), ("prop.txt", &proposal)],
    );
    let moved: Vec<&str> = rows(&s)
        .iter()
        .filter(|r| !cells(r)[1]["moved"].is_null())
        .filter_map(|r| cells(r)[1]["text"].as_str())
        .collect();
    assert_eq!(moved, [c, ""], "{:#?}", rows(&s));
    assert_eq!(
        statuses(row_with(&s, "in particular")),
        ["unchanged", "modified"]
    );
}

#[test]
fn a_proposal_quoting_only_what_it_changes_leaves_the_rest_unchanged() {
    // The proposal quotes its title, marks what it leaves out with "...",
    // and quotes the one paragraph it changes: the parts it leaves out are
    // unchanged in its column, not deleted, and the dots are no row.
    let base = "\
RESOLUTION 12 (Rev. Lakeside, 2026)
Harbour safety cooperation

considering
a)\tthat ports on shared waters face common risks;
b)\tthat incident reports are seldom exchanged,

resolves
1\tto establish a register of harbour incidents;
2\tto review the register every four years;
3\tto report to the next assembly.
";
    let proposal = "\
RESOLUTION 12 (Rev. Lakeside, 2026)
Harbour safety cooperation

...

resolves
1\tto establish a register of harbour incidents;
2\tto review the register every two years;
…
";
    let dir = temp_dir();
    let s = compare_files(
        dir.path(),
        true,
        &[("base.txt", base), ("afr.txt", proposal)],
    );
    let statuses: Vec<(String, String)> = rows(&s)
        .iter()
        .map(|r| {
            (
                r["id"].as_str().unwrap_or_default().to_string(),
                cells(r)[1]["status"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
            )
        })
        .collect();
    let changed: Vec<&(String, String)> =
        statuses.iter().filter(|(_, s)| s != "unchanged").collect();
    assert_eq!(
        changed,
        [&("resolves/2".to_string(), "modified".to_string())],
        "{statuses:#?}"
    );
    assert!(rows(&s).iter().all(|r| !cells(r)[1]["text"]
        .as_str()
        .is_some_and(|t| t.contains("..") || t.contains('…'))));
}
