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

/// The words of a text, footnote marks (`[1]`) left out: pandoc drops the
/// notes, Synoptic keeps their marks in the text.
fn words(text: &str) -> Vec<String> {
    let is_mark = |m: &str| {
        m.strip_prefix('[')
            .and_then(|m| m.strip_suffix(']'))
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    text.split_whitespace()
        .map(|w| match w.find('[') {
            // A mark glued to a word ("States[1]").
            Some(i) if is_mark(&w[i..]) => &w[..i],
            _ => w,
        })
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// The words of a version in a synopsis, row by row (the notes section
/// left out), with each cell's label.
fn version_words(s: &Value, label: &str) -> Vec<String> {
    let mut out = Vec::new();
    for r in s["rows"].as_array().expect("rows") {
        if r["section"] == "notes" {
            continue;
        }
        let c = cell(s, r, label);
        if c["status"] == "absent" || c["status"] == "deleted" {
            continue;
        }
        out.extend(words(c["label"].as_str().unwrap_or_default()));
        out.extend(words(c["text"].as_str().unwrap_or_default()));
    }
    out
}

/// Each body cell of the first table as pandoc reads it, with changes
/// accepted or rejected: (column, words).
fn pandoc_cells(table: &Path, side: &str, dir: &Path) -> Vec<(usize, Vec<String>)> {
    let filter = dir.join("cells.lua");
    fs::write(
        &filter,
        r#"local out, done = {}, false
function Note(el) return {} end
function Table(tbl)
  if done then return nil end
  done = true
  for _, body in ipairs(tbl.bodies) do
    for _, row in ipairs(body.body) do
      for c, cell in ipairs(row.cells) do
        local parts = {}
        for _, block in ipairs(cell.contents) do parts[#parts + 1] = pandoc.utils.stringify(block) end
        out[#out + 1] = c .. '\t' .. table.concat(parts, ' ')
      end
    end
  end
end
function Pandoc(doc)
  local f = io.open(os.getenv('CELLS_OUT'), 'w')
  for _, line in ipairs(out) do f:write(line, '\n') end
  f:close()
  return doc
end
"#,
    )
    .expect("write the filter");
    let cells = dir.join(format!("cells-{side}.txt"));
    let status = std::process::Command::new("pandoc")
        .arg(format!("--track-changes={side}"))
        .args(["-f", "docx", "-t", "plain", "-o"])
        .arg(dir.join("out.txt"))
        .arg("--lua-filter")
        .arg(&filter)
        .arg(table)
        .env("CELLS_OUT", &cells)
        .status()
        .expect("pandoc runs (install the Debian package pandoc)");
    assert!(status.success(), "pandoc failed on {}", table.display());
    fs::read_to_string(&cells)
        .expect("pandoc's cells")
        .lines()
        .filter_map(|l| {
            let (c, text) = l.split_once('\t')?;
            Some((c.parse().ok()?, words(text)))
        })
        .collect()
}

/// A synopsis' rows as (id, cells as (status, label, ops)).
fn row_facts(s: &Value) -> Vec<Value> {
    s["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let cells: Vec<Value> = r["cells"]
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
                    Value::from(vec![
                        c["status"].clone(),
                        c["label"].clone(),
                        Value::from(ops),
                    ])
                })
                .collect();
            Value::from(vec![r["id"].clone(), Value::from(cells)])
        })
        .collect()
}

#[test]
#[ignore = "needs pandoc and LibreOffice (soffice)"]
fn pandoc_and_libreoffice_read_the_example_table_as_synoptic_does() {
    let table = root().join("examples/side-by-side-docx/table.docx");
    let dir = temp_dir();
    let s = json(&["--side-by-side", table.to_str().expect("UTF-8 path")]);
    let versions = s["versions"].as_array().expect("versions").clone();
    let base = version_words(&s, versions[0]["label"].as_str().unwrap_or_default());
    let accepted = pandoc_cells(&table, "accept", dir.path());
    let rejected = pandoc_cells(&table, "reject", dir.path());
    for (k, v) in versions.iter().enumerate().skip(1) {
        let label = v["label"].as_str().unwrap_or_default();
        // The action (and number) a column opens with are metadata here.
        let column = |cells: &[(usize, Vec<String>)]| -> Vec<String> {
            let mut out: Vec<String> = cells
                .iter()
                .filter(|(c, _)| *c == k)
                .flat_map(|(_, w)| w.clone())
                .collect();
            if out
                .first()
                .is_some_and(|w| ["MOD", "ADD", "SUP", "NOC"].contains(&w.as_str()))
            {
                let numbered = v["number"]
                    .as_str()
                    .is_some_and(|n| out.get(1).is_some_and(|w| w == n));
                out.drain(..if numbered { 2 } else { 1 });
            }
            out
        };
        assert_eq!(
            column(&accepted),
            version_words(&s, label),
            "{label}, changes accepted"
        );
        let before = column(&rejected);
        if !before.is_empty() {
            assert_eq!(before, base, "{label}, changes rejected");
        }
    }
    // LibreOffice reads the table and saves it again: the synopsis of its
    // file is the same, row for row and change for change.
    let out = dir.path().join("lo");
    let status = std::process::Command::new("soffice")
        .args([
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
        ])
        .arg(&out)
        .arg(&table)
        .env("HOME", dir.path())
        .status()
        .expect("soffice runs (install the Debian package libreoffice-writer-nogui)");
    assert!(status.success(), "soffice failed");
    let saved = out.join("table.docx");
    let theirs = json(&["--side-by-side", saved.to_str().expect("UTF-8 path")]);
    assert_eq!(row_facts(&theirs), row_facts(&s));
}
