//! Consolidation from bytes: a base and proposals as plain text, plus a
//! decisions file (the last part of the input), merged and written in
//! every draft format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synoptic_core::{compare, CompareOptions, VersionInput};
use synoptic_formats::read::{self, decisions, text};

fuzz_target!(|data: &[u8]| {
    let mut files = synoptic_fuzz::split(data, 5);
    let chosen = match files.len() {
        0..=2 => None,
        _ => files
            .pop()
            .and_then(|d| decisions::read(&read::decode_lossy(d)).ok()),
    };
    let mut versions = Vec::new();
    for (i, bytes) in files.iter().enumerate() {
        let Ok(document) = text::read(&read::decode_lossy(bytes), &text::TextOptions::default())
        else {
            return;
        };
        versions.push(VersionInput {
            label: format!("P{i}"),
            document,
        });
    }
    let Some((base, proposals)) = versions.split_first() else {
        return;
    };
    let base = (!proposals.is_empty()).then_some(base);
    let proposals = if base.is_some() {
        proposals
    } else {
        &versions[..]
    };
    if let Ok(synopsis) = compare(base, proposals, &CompareOptions::default()) {
        synoptic_fuzz::consolidate_all(&synopsis, chosen.as_ref());
    }
});
