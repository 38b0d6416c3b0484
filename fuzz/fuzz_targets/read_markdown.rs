//! Markdown reader (CriticMarkup revisions, headings, lists): any bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synoptic_formats::read::{self, markdown};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let options = markdown::MarkdownOptions {
        openers: synoptic_fuzz::openers(selector),
    };
    let _ = markdown::read(&read::decode_lossy(rest), &options);
});
