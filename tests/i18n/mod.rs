//! The six official languages: the same resolution and proposals in Arabic,
//! Chinese, English, French, Russian and Spanish (`examples/i18n/`), run
//! through `synoptic compare` and `synoptic consolidate` as a user would.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;
use synoptic_core::structure::label_readings;

const LANGUAGES: [&str; 6] = ["en", "fr", "es", "ru", "ar", "zh"];

fn synoptic() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_synoptic"));
    cmd.current_dir(PathBuf::from(env!("CARGO_MANIFEST_DIR")))
        .env_remove("NO_COLOR");
    cmd
}

/// `--base` and the three proposals of one language.
fn inputs(lang: &str) -> Vec<String> {
    let dir = format!("examples/i18n/{lang}");
    vec![
        "--base".into(),
        format!("{dir}/base.txt"),
        format!("{dir}/afr.txt"),
        format!("{dir}/cept.txt"),
        format!("{dir}/rcc.txt"),
    ]
}

fn run_ok(command: &str, args: &[String]) -> String {
    let out = synoptic()
        .arg(command)
        .args(args)
        .output()
        .expect("run synoptic");
    assert!(
        out.status.success(),
        "synoptic {command} {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

fn compare(lang: &str, extra: &[&str]) -> String {
    let mut args = inputs(lang);
    args.extend(extra.iter().map(|s| (*s).to_string()));
    run_ok("compare", &args)
}

fn json(lang: &str, extra: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend(extra);
    serde_json::from_str(&compare(lang, &all)).expect("valid JSON")
}

fn row<'a>(synopsis: &'a Value, id: &str) -> &'a Value {
    synopsis["rows"]
        .as_array()
        .and_then(|rows| rows.iter().find(|r| r["id"] == id))
        .unwrap_or_else(|| panic!("no row {id}"))
}

/// The cell of the `n`th version (0 is the base, 1 AFR, 2 CEPT, 3 RCC).
fn cell(row: &Value, n: usize) -> &Value {
    &row["cells"][n]
}

/// A row id with its language taken out: the section by its position, each
/// label by its ordinal ("учитывая/а+1" -> "s1/1+1", "تقرر/3" -> "s3/3").
fn language_free_id(id: &str, sections: &mut Vec<String>) -> String {
    let mut parts = id.split('/');
    let section = parts.next().unwrap_or_default().to_string();
    let index = match sections.iter().position(|s| *s == section) {
        Some(i) => i,
        None => {
            sections.push(section);
            sections.len() - 1
        }
    };
    let mut out = format!("s{index}");
    for part in parts {
        let cut = part.find(['+', '~']).unwrap_or(part.len());
        let (label, suffix) = part.split_at(cut);
        let ordinal = match label_readings(&format!("{label})")).first() {
            Some(r) if r.value > 0 => r.value.to_string(),
            _ => label.to_string(),
        };
        out.push_str(&format!("/{ordinal}{suffix}"));
    }
    out
}

/// Every row as its language-free id and the status of each cell.
fn shape(synopsis: &Value) -> Vec<(String, Vec<String>)> {
    let mut sections = Vec::new();
    synopsis["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            let id = r["id"].as_str().expect("id");
            let statuses = r["cells"]
                .as_array()
                .expect("cells")
                .iter()
                .map(|c| c["status"].as_str().unwrap_or_default().to_string())
                .collect();
            (language_free_id(id, &mut sections), statuses)
        })
        .collect()
}

#[test]
fn every_language_aligns_as_english_does() {
    let english = shape(&json("en", &[]));
    assert_eq!(english.len(), 18);
    for lang in LANGUAGES {
        let s = json(lang, &[]);
        assert_eq!(shape(&s), english, "{lang}");
        // The language, given or detected, makes no difference.
        assert_eq!(s, json(lang, &["--lang", lang]), "{lang}");
    }
}

#[test]
fn section_ids_keep_their_letters() {
    let ids = |lang: &str| -> Vec<String> {
        json(lang, &[])["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .filter(|r| r["kind"] == "heading")
            .map(|r| r["id"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        ids("en"),
        [
            "considering",
            "recognizing",
            "resolves",
            "instructs-the-director"
        ]
    );
    assert_eq!(
        ids("fr"),
        [
            "considerant",
            "reconnaissant",
            "decide",
            "charge-le-directeur"
        ]
    );
    assert_eq!(
        ids("es"),
        [
            "considerando",
            "reconociendo",
            "resuelve",
            "encarga-al-director"
        ]
    );
    assert_eq!(
        ids("ru"),
        ["учитывая", "признавая", "решает", "поручает-директору-бюро"]
    );
    assert_eq!(
        ids("ar"),
        ["تضع-في-اعتبارها", "تدرك", "تقرر", "تكلف-مدير-مكتب"]
    );
    assert_eq!(
        ids("zh"),
        ["考虑到", "认识到", "做出决议", "责成电信标准化局主任"]
    );
}

#[test]
fn a_wrong_language_finds_no_sections() {
    // Russian openers are not English ones: with --lang en the Russian text
    // is one preamble, which shows that --lang is honoured.
    let s = json("ru", &["--lang", "en"]);
    assert!(s["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .all(|r| r["section"] == "preamble"));
}

/// The ops of a cell that are not equal, as (op, text, minor).
fn changes(cell: &Value) -> Vec<(String, String, bool)> {
    cell["ops"]
        .as_array()
        .expect("ops")
        .iter()
        .filter(|op| op["op"] != "equal")
        .map(|op| {
            (
                op["op"].as_str().unwrap_or_default().to_string(),
                op["text"].as_str().unwrap_or_default().to_string(),
                op["minor"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

#[test]
fn one_character_change_in_chinese() {
    let s = json("zh", &[]);
    let afr = cell(row(&s, "做出决议/1"), 1);
    assert_eq!(afr["status"], "modified");
    assert_eq!(
        changes(afr),
        [
            ("delete".to_string(), "六".to_string(), false),
            ("insert".to_string(), "三".to_string(), false)
        ]
    );
}

#[test]
fn diacritic_only_change_in_arabic_is_minor() {
    let s = json("ar", &[]);
    let rcc = cell(row(&s, "تقرر/3"), 3);
    assert_eq!(rcc["status"], "modified");
    assert_eq!(
        changes(rcc),
        [
            ("delete".to_string(), "مترجمي".to_string(), true),
            ("insert".to_string(), "مترجِمي".to_string(), true)
        ]
    );
}

#[test]
fn case_only_change_in_russian_is_minor() {
    let s = json("ru", &[]);
    let rcc = cell(row(&s, "решает/3"), 3);
    assert_eq!(rcc["status"], "modified");
    assert_eq!(
        changes(rcc),
        [
            ("delete".to_string(), "Бюро".to_string(), true),
            ("insert".to_string(), "бюро".to_string(), true)
        ]
    );
}

#[test]
fn english_terms_inside_arabic_and_chinese() {
    for (lang, id) in [("ar", "تقرر/2"), ("zh", "做出决议/2")] {
        let s = json(lang, &[]);
        let base = cell(row(&s, id), 0);
        assert!(base["text"].as_str().unwrap_or_default().contains("TSB"));
        assert_eq!(base["status"], "unchanged");
    }
    // The re-lettered Arabic paragraph keeps its label in every cell.
    let s = json("ar", &[]);
    let b = row(&s, "تضع-في-اعتبارها/ب");
    assert_eq!(cell(b, 0)["label"], "ب)");
    assert_eq!(cell(b, 1)["label"], "ج)");
}

#[test]
fn html_lays_arabic_out_right_to_left() {
    let ar = compare("ar", &["--format", "html"]);
    assert!(ar.contains(r#"<div class="text" dir="rtl" lang="ar">"#));
    assert!(!ar.contains(r#"dir="ltr""#));
    // The status badge of a right-to-left cell sits in its bottom corner
    // where lines end (the left), in padding of its own, not over the text.
    assert!(ar.contains(r#"<td class="cell status-modified has-marks rtl">"#));
    assert!(ar.contains("td.rtl .marks { right: auto; left: .45rem; }"));
    assert!(ar.contains("td.has-marks, td.cell:has(> .marks) { padding-bottom: 1.35rem; }"));
    assert!(ar.contains("<del>مترجمي</del>") || ar.contains("<del class=\"minor\""));
    let zh = compare("zh", &["--format", "html"]);
    assert!(zh.contains(r#"<div class="text" dir="ltr" lang="zh">"#));
    // No font or anything else is loaded from anywhere.
    for page in [&ar, &zh] {
        assert!(!page.contains("@font-face") && !page.contains("url("));
    }
}

#[test]
fn terminal_keeps_arabic_in_logical_order() {
    let text = compare(
        "ar",
        &["--format", "term", "--width", "160", "--color", "never"],
    );
    assert!(text.contains("مترجمي"));
    for c in [
        '\u{200e}', '\u{200f}', '\u{202a}', '\u{202b}', '\u{202e}', '\u{2067}',
    ] {
        assert!(!text.contains(c), "bidi control {c:?} in the output");
    }
}

#[test]
fn snapshots_of_compare() {
    for lang in LANGUAGES {
        insta::assert_snapshot!(
            format!("i18n_{lang}_json"),
            compare(lang, &["--format", "json"])
        );
        insta::assert_snapshot!(
            format!("i18n_{lang}_term"),
            compare(
                lang,
                &["--format", "term", "--width", "160", "--color", "never"]
            )
        );
    }
}

#[test]
fn snapshots_of_consolidate() {
    for lang in LANGUAGES {
        let mut args = inputs(lang);
        args.extend(["--format".to_string(), "txt".to_string()]);
        insta::assert_snapshot!(
            format!("i18n_{lang}_consolidated"),
            run_ok("consolidate", &args)
        );
    }
}
