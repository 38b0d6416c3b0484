//! Reliability through the command line: input limits, hostile .docx and
//! XML (some under a memory cap), crash-safe output. The XSS corpus is in
//! `xss.rs`, the property tests of the whole pipeline in `pipeline.rs`.

mod pathological;
mod pipeline;
mod xss;

use std::fs;
use std::io::{Cursor, Write};
use std::path::Path;
use std::process::Output;

use super::{synoptic, temp_dir, EXAMPLE};

/// Runs synoptic and returns its output, whatever the exit code.
fn run(args: &[&str]) -> Output {
    synoptic().args(args).output().expect("run synoptic")
}

/// Asserts a clean refusal: exit 1, one line on standard error that
/// contains every `needle`, no panic, nothing on standard output.
fn assert_refused(out: &Output, needles: &[&str]) {
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "exit 1 expected ({needles:?}): {err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    let lines: Vec<&str> = err.lines().filter(|l| !l.contains("note:")).collect();
    assert_eq!(lines.len(), 1, "one line: {err}");
    for needle in needles {
        assert!(err.contains(needle), "{needle:?} not in {err}");
    }
    assert!(out.stdout.is_empty(), "nothing written on a refusal");
}

fn path(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

// ---- input limits ------------------------------------------------------------

#[test]
fn file_size_limit_names_file_and_flag() {
    let dir = temp_dir();
    let big = dir.path().join("big.txt");
    fs::write(&big, "considering\na)\tthat it is long;\n".repeat(40)).expect("write");
    let out = run(&[
        "compare",
        "--max-file-size",
        "1K",
        path(&big),
        "examples/resolution/afr.txt",
    ]);
    assert_refused(
        &out,
        &[
            "big.txt",
            "over the limit of 1K per file",
            "--max-file-size",
        ],
    );
    // The same file passes under the default limit.
    let out = run(&[
        "compare",
        path(&big),
        "examples/resolution/afr.txt",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn standard_input_is_cut_off_at_the_limit() {
    // An endless stream on standard input: read through `take`, refused
    // at the limit instead of filling memory.
    let out = synoptic()
        .args([
            "compare",
            "--max-file-size",
            "64K",
            "-",
            "examples/resolution/afr.txt",
        ])
        .write_stdin(vec![b'a'; 200 << 10])
        .output()
        .expect("run");
    assert_refused(
        &out,
        &["<stdin>", "larger than the limit of 64K", "--max-file-size"],
    );
}

#[test]
fn total_size_limit() {
    let out = run(&[&["compare", "--max-total-size", "10K"], EXAMPLE].concat());
    assert_refused(
        &out,
        &["add up to", "over the limit of 10K", "--max-total-size"],
    );
    let out = run(&[&["consolidate", "--max-total-size", "10K"], EXAMPLE].concat());
    assert_refused(&out, &["--max-total-size"]);
}

#[test]
fn paragraph_length_limit() {
    let dir = temp_dir();
    let long = dir.path().join("long.txt");
    fs::write(
        &long,
        format!("considering\na)\tthat one;\nb)\t{}\n", "word ".repeat(30)),
    )
    .expect("write");
    let out = run(&[
        "compare",
        "--max-paragraph-len",
        "100",
        path(&long),
        "examples/resolution/afr.txt",
    ]);
    assert_refused(
        &out,
        &[
            "long.txt",
            "paragraph 3 (b))",
            "over the limit of 100",
            "--max-paragraph-len",
        ],
    );
    // One enormous paragraph under the default limit of 100,000.
    fs::write(&long, "x".repeat(150_000)).expect("write");
    let out = run(&["compare", path(&long), "examples/resolution/afr.txt"]);
    assert_refused(&out, &["long.txt", "150000 characters", "100000"]);
}

#[test]
fn versions_limit() {
    let out = run(&[&["compare", "--max-versions", "3"], EXAMPLE].concat());
    assert_refused(&out, &["4 versions, over the limit of 3", "--max-versions"]);
    // A CollateX file counts its witnesses.
    let dir = temp_dir();
    let json = dir.path().join("editions.json");
    let witnesses: Vec<String> = (0..5)
        .map(|i| format!("{{\"id\": \"E{i}\", \"content\": \"text {i}\"}}"))
        .collect();
    fs::write(
        &json,
        format!("{{\"witnesses\": [{}]}}", witnesses.join(",")),
    )
    .expect("write");
    let out = run(&["compare", "--max-versions", "4", path(&json)]);
    assert_refused(&out, &["editions.json", "5 versions", "--max-versions"]);
    // A side-by-side table counts its columns.
    let out = run(&[
        "compare",
        "--max-versions",
        "1",
        "--side-by-side",
        "fuzz/corpus/read_side_by_side/seed-small",
    ]);
    assert_refused(&out, &["seed-small", "3 versions", "--max-versions"]);
}

#[test]
fn lossy_replaces_invalid_utf8() {
    let dir = temp_dir();
    let latin1 = dir.path().join("latin1.txt");
    fs::write(&latin1, b"considering\na)\tcaf\xe9 au lait\n").expect("write");
    let out = run(&["compare", path(&latin1), "examples/resolution/afr.txt"]);
    assert_refused(&out, &["latin1.txt", "byte 18"]);
    let out = run(&[
        "compare",
        "--lossy",
        path(&latin1),
        "examples/resolution/afr.txt",
        "--format",
        "json",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("caf\u{FFFD} au lait"));
}

#[test]
fn bad_sizes_are_usage_errors() {
    for bad in ["12X", "", "-1", "99999999999999G"] {
        synoptic()
            .args([
                "compare",
                "--max-file-size",
                bad,
                "examples/resolution/afr.txt",
            ])
            .assert()
            .code(2);
    }
}

// ---- hostile .docx and XML -------------------------------------------------

const W: &str = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"";

/// A zip of the given parts, deflated.
pub(super) fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .large_file(true);
    for (name, bytes) in parts {
        zip.start_file(*name, options).expect("zip entry");
        zip.write_all(bytes).expect("zip write");
    }
    zip.finish().expect("zip").into_inner()
}

/// A document.xml with `body` inside its body.
pub(super) fn document(body: &str) -> Vec<u8> {
    format!("<w:document {W}><w:body>{body}</w:body></w:document>").into_bytes()
}

/// Writes the hostile files into `dir`, by name.
fn hostile_docx(dir: &Path) -> Vec<(&'static str, Vec<u8>, &'static str)> {
    let mut cases = Vec::new();
    // 80 MiB of spaces in one part: some 80 KiB zipped.
    let mut xml = format!("<w:document {W}><w:body>").into_bytes();
    xml.resize(xml.len() + (80 << 20), b' ');
    xml.extend_from_slice(b"</w:body></w:document>");
    cases.push((
        "bomb-ratio.docx",
        zip_of(&[("word/document.xml", &xml)]),
        "zip bomb",
    ));
    // Parts each under the part limit, over the total together.
    let mut part = format!("<w:styles {W}>").into_bytes();
    part.resize(part.len() + (60 << 20), b' ');
    part.extend_from_slice(b"</w:styles>");
    let mut doc = format!("<w:document {W}><w:body>").into_bytes();
    doc.resize(doc.len() + (60 << 20), b' ');
    doc.extend_from_slice(b"</w:body></w:document>");
    cases.push((
        "bomb-total.docx",
        zip_of(&[
            ("word/styles.xml", &part),
            ("word/numbering.xml", &part),
            ("word/footnotes.xml", &part),
            ("word/endnotes.xml", &part),
            ("word/document.xml", &doc),
        ]),
        "zip bomb",
    ));
    // More entries than any Word file has.
    let names: Vec<String> = (0..=10_000).map(|i| format!("f{i}")).collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    cases.push(("entries.docx", zip_of(&parts), "too many zip entries"));
    // Billion laughs.
    let laughs = format!(
        "<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">\
         <!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\
         <!ENTITY lol3 \"&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;\">]>\
         <w:document {W}><w:body><w:p><w:r><w:t>&lol3;</w:t></w:r></w:p></w:body></w:document>"
    );
    cases.push((
        "entities.docx",
        zip_of(&[("word/document.xml", laughs.as_bytes())]),
        "word/document.xml",
    ));
    // Nested far deeper than Word nests.
    let deep = document(&format!(
        "{}{}",
        "<w:p>".repeat(5000),
        "</w:p>".repeat(5000)
    ));
    cases.push((
        "deep.docx",
        zip_of(&[("word/document.xml", &deep)]),
        "nested deeper",
    ));
    // One run of 50 million characters: refused by the paragraph limit.
    let mut huge = format!("<w:document {W}><w:body><w:p><w:r><w:t>").into_bytes();
    huge.resize(huge.len() + 50_000_000, b'a');
    huge.extend_from_slice(b"</w:t></w:r></w:p></w:body></w:document>");
    cases.push((
        "huge-run.docx",
        zip_of(&[("word/document.xml", &huge)]),
        "--max-paragraph-len",
    ));
    // Missing main part, and a spreadsheet passed off as a .docx.
    cases.push((
        "missing.docx",
        zip_of(&[("[Content_Types].xml", b"<Types/>")]),
        "not a Word document",
    ));
    cases.push((
        "spreadsheet.docx",
        zip_of(&[
            (
                "[Content_Types].xml",
                b"<Types><Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/></Types>",
            ),
            ("xl/workbook.xml", b"<workbook/>"),
        ]),
        "not a Word document",
    ));
    // The main part is no XML at all.
    cases.push((
        "binary-part.docx",
        zip_of(&[("word/document.xml", &[0u8, 159, 146, 150, 255][..])]),
        "word/document.xml",
    ));
    // Truncated in the middle of its central directory.
    let whole = zip_of(&[(
        "word/document.xml",
        &document("<w:p><w:r><w:t>text</w:t></w:r></w:p>"),
    )]);
    cases.push((
        "truncated.docx",
        whole[..whole.len() - 10].to_vec(),
        "damaged",
    ));
    // Password-protected: an OLE compound file holding the encrypted package.
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.extend([0u8; 504]);
    for name in ["EncryptionInfo", "EncryptedPackage"] {
        ole.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
        ole.extend([0u8; 64]);
    }
    cases.push((
        "encrypted.docx",
        ole,
        "encrypted (password-protected) .docx: cannot read",
    ));
    for (name, bytes, _) in &cases {
        fs::write(dir.join(name), bytes).expect("write");
    }
    cases
}

/// Runs synoptic with its address space capped (`ulimit -v`, in KiB), so
/// that a reader that does not bound its memory aborts instead of passing.
///
/// The binary's allocator (jemalloc, set in .cargo/config.toml) returns
/// freed memory within a fifth of a second, so the cap measures what the
/// run really uses.
fn run_capped(kib: u64, args: &[&str]) -> Output {
    std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("ulimit -v {kib} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_synoptic"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("run sh")
}

/// 2 GiB of address space: enough for a normal run, and for reading a
/// 50 MB paragraph before refusing it (a huge string grows by copying,
/// so old and new buffers briefly coexist), far from what
/// aligning it word by word or an unbounded zip bomb would take.
const CAP_KIB: u64 = 2 << 20;

#[test]
fn hostile_docx_refused_in_bounded_memory() {
    let dir = temp_dir();
    // The cap leaves room for normal work.
    let out = run_capped(
        CAP_KIB,
        &[&["compare", "--format", "json"], EXAMPLE].concat(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let out = run_capped(
        CAP_KIB,
        &[
            "compare",
            "examples/resolution-docx/base.docx",
            "examples/resolution-docx/afr.docx",
            "--format",
            "json",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for (name, _, needle) in hostile_docx(dir.path()) {
        let file = dir.path().join(name);
        let out = run_capped(
            CAP_KIB,
            &["compare", path(&file), "examples/resolution/afr.txt"],
        );
        assert_refused(&out, &[name, needle]);
    }
}

#[test]
fn huge_inputs_refused_in_bounded_memory() {
    let dir = temp_dir();
    // Over the file limit: refused from its metadata, before reading.
    let big = dir.path().join("big.txt");
    let file = fs::File::create(&big).expect("create");
    file.set_len(200 << 20).expect("sparse file");
    let out = run_capped(
        CAP_KIB,
        &["compare", path(&big), "examples/resolution/afr.txt"],
    );
    assert_refused(&out, &["big.txt", "--max-file-size"]);
    // Under the file limit, one paragraph of 60 million characters.
    let line = dir.path().join("line.txt");
    fs::write(&line, vec![b'a'; 60 << 20]).expect("write");
    let out = run_capped(
        CAP_KIB,
        &["compare", path(&line), "examples/resolution/afr.txt"],
    );
    assert_refused(&out, &["line.txt", "--max-paragraph-len"]);
    // An endless device.
    let out = run_capped(
        CAP_KIB,
        &["compare", "/dev/zero", "examples/resolution/afr.txt"],
    );
    assert_refused(&out, &["/dev/zero", "--max-file-size"]);
}

// ---- crash-safe output -------------------------------------------------------

/// The names in a folder, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn unwritable_output_leaves_nothing_behind() {
    let dir = temp_dir();
    // A folder that does not exist: nothing created anywhere.
    let missing = dir.path().join("no/such/dir/out.html");
    let out = run(&[&["compare"], EXAMPLE, &["-o", path(&missing)]].concat());
    assert_refused(&out, &["out.html", "cannot write"]);
    assert!(names(dir.path()).is_empty());
    // The output path is a folder: it is not replaced, no temp file stays.
    let target = dir.path().join("out.html");
    fs::create_dir(&target).expect("mkdir");
    fs::write(target.join("keep"), "kept").expect("write");
    let out = run(&[&["compare"], EXAMPLE, &["-o", path(&target)]].concat());
    assert_refused(&out, &["out.html", "cannot write"]);
    assert_eq!(names(dir.path()), ["out.html"]);
    assert_eq!(names(&target), ["keep"]);
}

#[test]
fn read_only_folder_keeps_existing_output() {
    let dir = temp_dir();
    let sub = dir.path().join("ro");
    fs::create_dir(&sub).expect("mkdir");
    let target = sub.join("synopsis.html");
    fs::write(&target, "previous").expect("write");
    let mut perms = fs::metadata(&sub).expect("meta").permissions();
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o555);
    fs::set_permissions(&sub, perms.clone()).expect("chmod");
    // Root ignores permissions: then this case cannot be made here.
    let probe = sub.join(".probe");
    let writable = fs::write(&probe, "x").is_ok();
    let _ = fs::remove_file(&probe);
    if !writable {
        let out = run(&[&["compare"], EXAMPLE, &["-o", path(&target)]].concat());
        assert_refused(&out, &["synopsis.html", "cannot write"]);
        assert_eq!(names(&sub), ["synopsis.html"]);
        assert_eq!(fs::read_to_string(&target).expect("read"), "previous");
    }
    std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o755);
    fs::set_permissions(&sub, perms).expect("chmod");
}

#[test]
fn input_errors_never_touch_the_output() {
    let dir = temp_dir();
    let target = dir.path().join("draft.md");
    fs::write(&target, "previous draft").expect("write");
    let bad = dir.path().join("bad.docx");
    fs::write(&bad, b"PK\x03\x04 not really a zip").expect("write");
    // The error comes after the base and first proposal are read.
    for command in ["compare", "consolidate"] {
        let out = run(&[
            command,
            "--base",
            "examples/resolution/base.txt",
            "examples/resolution/afr.txt",
            path(&bad),
            "-o",
            path(&target),
        ]);
        assert_refused(&out, &["bad.docx"]);
        assert_eq!(fs::read_to_string(&target).expect("read"), "previous draft");
        assert_eq!(names(dir.path()), ["bad.docx", "draft.md"]);
    }
    // A decisions file that cannot be read, after the synopsis is built.
    let decisions = dir.path().join("decisions.toml");
    fs::write(&decisions, "[rows.\"x\"\naccept = ").expect("write");
    let out = run(&[
        &["consolidate"],
        EXAMPLE,
        &["--decisions", path(&decisions), "-o", path(&target)],
    ]
    .concat());
    assert_refused(&out, &["decisions.toml"]);
    assert_eq!(fs::read_to_string(&target).expect("read"), "previous draft");
    assert_eq!(
        names(dir.path()),
        ["bad.docx", "decisions.toml", "draft.md"]
    );
}

#[test]
fn batch_writes_complete_files_only() {
    let dir = temp_dir();
    let assembly = dir.path().join("assembly");
    let good = assembly.join("res1");
    let bad = assembly.join("res2");
    // A folder name that would be a script URL if it were not encoded.
    let odd = assembly.join("javascript:alert(1)");
    for d in [&good, &bad, &odd] {
        fs::create_dir_all(d).expect("mkdir");
    }
    for f in ["base.txt", "afr.txt", "cept.txt"] {
        fs::copy(format!("examples/resolution/{f}"), good.join(f)).expect("copy");
        fs::copy(format!("examples/resolution/{f}"), odd.join(f)).expect("copy");
    }
    fs::copy("examples/resolution/base.txt", bad.join("base.txt")).expect("copy");
    fs::write(bad.join("afr.txt"), b"caf\xe9").expect("write");
    let out_dir = dir.path().join("out");
    let out = run(&["batch", path(&assembly), "-o", path(&out_dir)]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        names(&out_dir),
        [
            "index.html",
            "index.json",
            "javascript:alert(1).html",
            "res1.html"
        ]
    );
    for name in names(&out_dir) {
        let text = fs::read_to_string(out_dir.join(&name)).expect("read");
        if name.ends_with(".html") {
            assert!(text.trim_end().ends_with("</html>"), "{name} is complete");
        } else {
            serde_json::from_str::<serde_json::Value>(&text).expect("complete JSON");
        }
    }
    let index = fs::read_to_string(out_dir.join("index.html")).expect("read");
    xss::assert_inert(&index, "batch index");
    assert!(
        index.contains("href=\"javascript%3Aalert%281%29.html\""),
        "{index}"
    );
}

#[test]
fn closed_pipe_is_not_an_error() {
    // `synoptic ... | head`: every format stops quietly when the reader
    // goes away.
    for format in ["json", "html", "md", "term"] {
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(format!(
                "set -o pipefail; \"$0\" compare --format {format} \"$@\" | head -c 10 >/dev/null"
            ))
            .arg(env!("CARGO_BIN_EXE_synoptic"))
            .args(EXAMPLE)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .output()
            .expect("run bash");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("error"), "{format}: {err}");
        assert!(out.status.success(), "{format}: exit 0 expected: {err}");
    }
}
