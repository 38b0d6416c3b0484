//! The HTML escaping of every template: askama's own
//! ([`askama::filters::Html`]), with a fast path for text that needs none.
//!
//! Escaping went byte by byte through every cell's text, some tenth of the
//! time `batch` spent on an assembly; most text holds no `"`, `&`, `'`,
//! `<` or `>`. Its clean start is found a block of bytes at a time and
//! written as it is; askama escapes the rest, so the output is askama's
//! to the byte.

use std::fmt;

use askama::filters::Escaper;

/// The escaper the templates use (set in the crate's `askama.toml`).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Html;

/// Bytes looked at together: a block without a byte to escape is passed
/// over in a few vector instructions.
const BLOCK: usize = 32;

/// Whether a byte is one askama's HTML escaping replaces.
fn escaped(byte: u8) -> bool {
    matches!(byte, b'"' | b'&' | b'\'' | b'<' | b'>')
}

/// How many bytes at the start of `text` need no escaping, rounded down
/// to a whole block unless the whole text needs none.
fn clean_start(text: &[u8]) -> usize {
    let mut clean = 0;
    for block in text.chunks(BLOCK) {
        // Without an early exit, so that the compiler vectorises it.
        if block.iter().fold(false, |any, &b| any | escaped(b)) {
            break;
        }
        clean += block.len();
    }
    clean
}

impl Escaper for Html {
    fn write_escaped_str<W: fmt::Write>(&self, mut dest: W, string: &str) -> fmt::Result {
        let mut cut = clean_start(string.as_bytes());
        if cut == string.len() {
            return dest.write_str(string);
        }
        // A block may end inside a character: the clean part ends before it.
        while !string.is_char_boundary(cut) {
            cut -= 1;
        }
        let (clean, rest) = string.split_at(cut);
        if !clean.is_empty() {
            dest.write_str(clean)?;
        }
        askama::filters::Html.write_escaped_str(dest, rest)
    }

    fn write_escaped_char<W: fmt::Write>(&self, dest: W, c: char) -> fmt::Result {
        askama::filters::Html.write_escaped_char(dest, c)
    }
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn askama(text: &str) -> String {
        let mut out = String::new();
        askama::filters::Html
            .write_escaped_str(&mut out, text)
            .unwrap();
        out
    }

    fn ours(text: &str) -> String {
        let mut out = String::new();
        Html.write_escaped_str(&mut out, text).unwrap();
        out
    }

    #[test]
    fn escapes_as_askama_does() {
        let long = "that the Council shall report on the implementation of ".repeat(3);
        for text in [
            "",
            "plain text",
            "<b>\"Member States'\" & others</b>",
            &format!("{long}<script>"),
            &format!("{long}é<"),
            &format!("{}\u{00e9}\u{00e9}&", "a".repeat(BLOCK - 1)),
            "أن ينشر مكتب تقييس الاتصالات (TSB) & <النصوص>",
        ] {
            assert_eq!(ours(text), askama(text), "{text}");
        }
        assert_eq!(ours("a<b"), "a&#60;b");
    }

    proptest! {
        #[test]
        fn any_text_escapes_as_askama_does(text in "[a-z<>&'\" é€\u{10348}]{0,200}") {
            prop_assert_eq!(ours(&text), askama(&text));
        }
    }
}
