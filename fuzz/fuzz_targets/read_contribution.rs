//! Contribution reader: any bytes as a text, Markdown or Word contribution
//! (the name's extension picked by the first byte); reading never panics,
//! and every proposal read starts with its title line.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synoptic_formats::read::auto::AutoOptions;
use synoptic_formats::read::contribution;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let name = ["c.txt", "c.md", "c.docx"][usize::from(selector % 3)];
    let options = AutoOptions {
        lossy: selector & 4 != 0,
        ..AutoOptions::default()
    };
    if let Ok(c) = contribution::read(name, rest, &options) {
        for p in &c.proposals {
            let first = p.document.paragraphs().next().map(|q| q.text.as_str());
            assert_eq!(first, Some(p.title.line.as_str()));
        }
    }
});
