//! The chair's decisions (TOML): any bytes, then applied to a small
//! synopsis so that any row ids and choices meet the consolidation.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synoptic_core::{compare, CompareOptions, Document, Paragraph, Section, VersionInput};
use synoptic_formats::read::{self, decisions};

fn version(label: &str, texts: &[&str]) -> VersionInput {
    VersionInput {
        label: label.into(),
        document: Document {
            sections: vec![Section {
                opener: Some(Paragraph::new("considering")),
                paragraphs: texts
                    .iter()
                    .enumerate()
                    .map(|(i, t)| Paragraph::labelled(format!("{})", (b'a' + i as u8) as char), *t))
                    .collect(),
            }],
            ..Document::default()
        },
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(chosen) = decisions::read(&read::decode_lossy(data)) else {
        return;
    };
    let base = version("base", &["that one", "that two", "that three"]);
    let proposals = [
        version("A", &["that one more", "that two", "that three"]),
        version("B", &["that one less", "that three"]),
    ];
    if let Ok(synopsis) = compare(Some(&base), &proposals, &CompareOptions::default()) {
        synoptic_fuzz::consolidate_all(&synopsis, Some(&chosen));
    }
});
