//! Word .docx reader: any bytes (seeded with real .docx files, so the
//! fuzzer reaches the XML inside the zip), in every track-changes mode,
//! and as a side-by-side table compared into a synopsis.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synoptic_formats::read::{docx, side_by_side};

fuzz_target!(|data: &[u8]| {
    if let Ok(table) = side_by_side::read_docx(data) {
        if let Ok(synopsis) = table.synopsis() {
            synoptic_fuzz::write_all(&synopsis);
        }
    }
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
