//! CollateX JSON with pre-tokenised witnesses: each token's normalised form
//! `n` is what is compared, its text `t` what the cells show.

use super::*;

#[test]
fn normal_forms_are_compared_and_texts_shown() {
    let dir = temp_dir();
    let path = dir.path().join("witnesses.json");
    fs::write(
        &path,
        r#"{"witnesses": [
            {"id": "1871", "tokens": [{"t": "The ", "n": "the"}, {"t": "Colour ", "n": "color"}, {"t": "of ", "n": "of"}, {"t": "Pigeons", "n": "pigeons"}]},
            {"id": "1872", "tokens": [{"t": "the ", "n": "the"}, {"t": "color ", "n": "color"}, {"t": "of ", "n": "of"}, {"t": "doves", "n": "doves"}]}
        ]}"#,
    )
    .expect("write");
    let s = json(&[path.to_str().expect("UTF-8 path")]);
    let rows = s["rows"].as_array().expect("rows");
    let texts: Vec<&str> = rows
        .iter()
        .flat_map(|r| r["cells"].as_array().expect("cells"))
        .filter_map(|c| c["text"].as_str())
        .collect();
    assert!(texts.contains(&"The Colour of Pigeons"), "{texts:?}");
    assert!(texts.contains(&"the color of doves"), "{texts:?}");
    // "Colour" and "color" share their normal form: only the last word
    // is a change.
    let changed: Vec<&str> = rows
        .iter()
        .flat_map(|r| r["cells"].as_array().expect("cells"))
        .flat_map(|c| c["ops"].as_array().expect("ops"))
        .filter(|o| o["op"] != "equal")
        .filter_map(|o| o["text"].as_str())
        .collect();
    assert!(
        changed.iter().all(|t| !t.to_lowercase().contains("colo")),
        "{changed:?}"
    );
    assert!(changed.iter().any(|t| t.contains("doves")), "{changed:?}");
}
