//! JSON: the synopsis exactly as the `synoptic compare` contract in
//! PRODUCT.md spells it, for scripts.

use std::io::{self, Write};

use synoptic_core::Synopsis;

/// Writes the synopsis as pretty-printed JSON followed by a newline.
///
/// The shape is the serde shape of [`Synopsis`] (`versions`, `rows`, each
/// row's `cells` with their `ops`); it is deterministic because every
/// collection in it is an ordered list.
pub fn write(synopsis: &Synopsis, mut out: impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut out, synopsis).map_err(io::Error::other)?;
    out.write_all(b"\n")?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::test_support::sample;

    fn render(s: &Synopsis) -> String {
        let mut buf = Vec::new();
        write(s, &mut buf).expect("write to a Vec");
        String::from_utf8(buf).expect("UTF-8")
    }

    #[test]
    fn snapshot() {
        insta::assert_snapshot!(render(&sample()));
    }

    #[test]
    fn contract_shape() {
        let out = render(&sample());
        assert!(out.ends_with("}\n"));
        let v: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
        let version = &v["versions"][1];
        assert_eq!(version["id"], "v1");
        assert_eq!(version["label"], "ATU");
        assert_eq!(version["role"], "proposal");
        assert_eq!(v["versions"][0]["role"], "base");
        let row = &v["rows"][1];
        assert_eq!(row["id"], "considering/a");
        assert_eq!(row["section"], "considering");
        assert_eq!(row["label"], "a)");
        let cell = &row["cells"][1];
        assert_eq!(cell["version"], "v1");
        assert_eq!(cell["status"], "modified");
        assert_eq!(cell["label"], "a)");
        assert!(cell["text"].as_str().expect("text").contains("Dubai, 2018"));
        assert_eq!(cell["ops"][1]["op"], "delete");
        assert_eq!(cell["ops"][1]["text"], "Busan, 2014");
        assert_eq!(cell["ops"][2]["op"], "insert");
        // Reading the JSON back gives the same synopsis.
        let back: Synopsis = serde_json::from_str(&out).expect("valid JSON");
        assert_eq!(back, sample());
    }

    #[test]
    fn deterministic() {
        assert_eq!(render(&sample()), render(&sample()));
    }
}
