//! Word .docx reader: any bytes (seeded with real .docx files, so the
//! fuzzer reaches the XML inside the zip), in every track-changes mode.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synoptic_formats::read::docx;

fuzz_target!(|data: &[u8]| {
    for track_changes in [
        docx::TrackChanges::All,
        docx::TrackChanges::Accept,
        docx::TrackChanges::Reject,
    ] {
        let options = docx::DocxOptions {
            track_changes,
            ..docx::DocxOptions::default()
        };
        if docx::read(data, &options).is_err() {
            // The package itself is refused: the other modes would be too.
            return;
        }
    }
});
