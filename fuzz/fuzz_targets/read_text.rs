//! Plain text reader: any bytes, decoded (strictly and lossily), read in
//! every paragraph mode with the openers of any language.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synoptic_formats::read::{self, text};

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let paragraphs = match selector % 4 {
        0 => text::ParagraphMode::Auto,
        1 => text::ParagraphMode::Lines,
        2 => text::ParagraphMode::Wrapped,
        _ => text::ParagraphMode::Blocks,
    };
    let options = text::TextOptions {
        paragraphs,
        openers: synoptic_fuzz::openers(selector / 4),
    };
    if let Ok(content) = read::decode(rest) {
        let _ = text::read(&content, &options);
    }
    let _ = text::read(&read::decode_lossy(rest), &options);
});
