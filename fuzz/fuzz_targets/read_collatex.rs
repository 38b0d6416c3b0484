//! CollateX JSON reader, then the comparison of its witnesses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synoptic_core::{compare, CompareOptions};
use synoptic_formats::read::{self, collatex, text};

fuzz_target!(|data: &[u8]| {
    let content = read::decode_lossy(data);
    let _ = collatex::looks_like_collatex(&content);
    let Ok(witnesses) = collatex::read(&content, &text::TextOptions::default()) else {
        return;
    };
    if witnesses.len() > 8 {
        return;
    }
    if let Ok(synopsis) = compare(None, &witnesses, &CompareOptions::default()) {
        let docs: Vec<_> = witnesses.iter().map(|v| &v.document).collect();
        synoptic_fuzz::check_synopsis(&synopsis, &docs, 1);
    }
});
