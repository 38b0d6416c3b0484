//! Side-by-side table reader, then the comparison of its columns and the
//! recovery of the changes glued into flattened text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use synoptic_core::recover::recover_synopsis;
use synoptic_core::{compare, CompareOptions};
use synoptic_formats::read::side_by_side;

fuzz_target!(|data: &[u8]| {
    let Ok(table) = side_by_side::read_bytes(data) else {
        return;
    };
    let inputs = table.version_inputs();
    let Ok(mut synopsis) = compare(None, &inputs, &CompareOptions::default()) else {
        return;
    };
    let docs: Vec<_> = inputs.iter().map(|v| &v.document).collect();
    synoptic_fuzz::check_synopsis(&synopsis, &docs, 1);
    recover_synopsis(&mut synopsis);
    synoptic_fuzz::write_all(&synopsis);
});
