//! `synoptic compare --side-by-side TABLE.docx`: the example Word table,
//! and a synopsis written as .docx read back.

use super::*;

#[test]
fn word_table_gives_base_versions_and_tracked_changes() {
    let s = json(&["--side-by-side", "examples/side-by-side-docx/table.docx"]);
    assert_eq!(s["base_inferred"], false);
    let alp = &s["versions"][2];
    assert_eq!(
        (&alp["label"], &alp["role"], &alp["action"]),
        (
            &Value::from("ALP"),
            &Value::from("proposal"),
            &Value::from("MOD")
        )
    );
    assert_eq!(alp["number"], "ALP/12A3/1");
    assert_eq!(alp["source"], "HSA C-012 ALP Add03");
    // The empty first column is a version, absent everywhere.
    let rows = s["rows"].as_array().expect("rows");
    assert!(rows
        .iter()
        .all(|r| cell(&s, r, "DNM")["status"] == "absent"));
    let b = row(&s, "considering/b");
    let ops: Vec<(&str, &str)> = cell(&s, b, "ALP")["ops"]
        .as_array()
        .expect("ops")
        .iter()
        .map(|o| {
            (
                o["op"].as_str().unwrap_or(""),
                o["text"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert_eq!(
        ops,
        [
            ("equal", "that pilot training differs "),
            ("delete", "widely"),
            ("insert", "greatly"),
            ("equal", " between States;")
        ]
    );
    assert_eq!(cell(&s, b, "ALP")["ops"][1]["confidence"], 1.0);
    assert_eq!(cell(&s, b, "BRC")["status"], "deleted");
    assert_eq!(
        row(&s, "notes/1")["base_text"],
        "These include States on navigable rivers and lakes."
    );
}

/// A cell's status, label, text and ops.
type CellFacts = (Value, Value, Value, Value);

#[test]
fn synopsis_written_as_docx_reads_back_with_the_same_rows_and_ops() {
    let dir = temp_dir();
    let table = dir.path().join("table.docx");
    let table = table.to_str().expect("UTF-8 path");
    let mut args = EXAMPLE.to_vec();
    args.extend(["-o", table]);
    run_ok(&args);
    let original = json(EXAMPLE);
    let back = json(&["--side-by-side", table]);
    assert_eq!(back["versions"], original["versions"]);
    let summary = |s: &Value| -> Vec<(Value, Vec<CellFacts>)> {
        s["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|r| {
                let cells = r["cells"]
                    .as_array()
                    .expect("cells")
                    .iter()
                    .map(|c| {
                        let ops: Vec<Value> = c["ops"]
                            .as_array()
                            .expect("ops")
                            .iter()
                            .map(|o| Value::from(vec![o["op"].clone(), o["text"].clone()]))
                            .collect();
                        (
                            c["status"].clone(),
                            c["label"].clone(),
                            c["text"].clone(),
                            Value::from(ops),
                        )
                    })
                    .collect();
                (r["id"].clone(), cells)
            })
            .collect()
    };
    assert_eq!(summary(&back), summary(&original));
}

#[test]
fn docx_without_a_table_is_refused_with_the_file_name() {
    synoptic()
        .args([
            "compare",
            "--side-by-side",
            "examples/resolution-docx/afr.docx",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("afr.docx").and(predicate::str::contains("no table")));
}
