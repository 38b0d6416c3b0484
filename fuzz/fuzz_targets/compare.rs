//! The whole compare pipeline from bytes: up to five files (cut at 0x1E),
//! the first optionally the base, each read as text or Markdown, aligned,
//! checked against the alignment invariants and written in every format.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synoptic_core::{compare, CompareOptions, VersionInput};
use synoptic_formats::read::{self, markdown, text};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let files = synoptic_fuzz::split(rest, 5);
    let openers = synoptic_fuzz::openers(selector >> 4);
    let mut versions = Vec::new();
    for (i, bytes) in files.iter().enumerate() {
        let content = read::decode_lossy(bytes);
        let document = if selector & (1 << (i % 4)) != 0 {
            markdown::read(
                &content,
                &markdown::MarkdownOptions {
                    openers: openers.clone(),
                },
            )
        } else {
            text::read(
                &content,
                &text::TextOptions {
                    openers: openers.clone(),
                    ..text::TextOptions::default()
                },
            )
        };
        let Ok(document) = document else { return };
        versions.push(VersionInput {
            label: format!("v{i}"),
            document,
        });
    }
    let with_base = selector & 0x08 != 0 && versions.len() > 1;
    let (base, proposals) = if with_base {
        (versions.first(), &versions[1..])
    } else {
        (None, &versions[..])
    };
    let Ok(synopsis) = compare(base, proposals, &CompareOptions::default()) else {
        return;
    };
    let docs: Vec<_> = versions.iter().map(|v| &v.document).collect();
    if with_base {
        synoptic_fuzz::check_synopsis(&synopsis, &docs, 0);
    } else {
        synoptic_fuzz::check_synopsis(&synopsis, &docs, 1);
    }
    synoptic_fuzz::write_all(&synopsis);
});
