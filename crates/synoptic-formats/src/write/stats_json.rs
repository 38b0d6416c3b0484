//! Statistics as JSON: the serde shape of [`synoptic_core::stats::Stats`]
//! (`rows`, `changed_rows`, `conflict_rows`, `proposals`, `pairs`,
//! `hot_spots`, `sections`).

use std::io::{self, Write};

use synoptic_core::stats::Stats;

/// Writes the statistics as pretty-printed JSON followed by a newline.
pub fn write(stats: &Stats, mut out: impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, stats).map_err(io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::draft_text::tests::example_synopsis;

    #[test]
    fn reads_back() {
        let stats = synoptic_core::stats::stats(&example_synopsis());
        let mut buf = Vec::new();
        write(&stats, &mut buf).expect("write to a Vec");
        let back: Stats = serde_json::from_slice(&buf).expect("valid JSON");
        assert_eq!(back, stats);
        let v: serde_json::Value = serde_json::from_slice(&buf).expect("valid JSON");
        assert_eq!(v["hot_spots"][0]["row"], "resolves/3");
        assert_eq!(v["proposals"][0]["label"], "AFR");
    }
}
