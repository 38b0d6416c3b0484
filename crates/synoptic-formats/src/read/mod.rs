//! Readers: turn the bytes of an input file into a [`synoptic_core::Document`].

pub mod auto;
pub mod collatex;
pub mod contribution;
pub mod decisions;
pub mod docx;
pub mod html;
pub mod markdown;
pub mod side_by_side;
pub mod text;

use std::borrow::Cow;

use thiserror::Error;

/// Why an input could not be read. Messages are one line and do not name
/// the file: the caller adds the file name.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[non_exhaustive]
pub enum ReadError {
    /// The bytes are not valid UTF-8 (and carry no UTF-16 byte order mark).
    #[error("not valid UTF-8 at byte {offset} (save the file as UTF-8)")]
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The bytes start with a UTF-16 byte order mark but are not valid UTF-16.
    #[error("not valid UTF-16 at byte {offset}")]
    InvalidUtf16 {
        /// Offset of the first invalid code unit.
        offset: usize,
    },
    /// The text is not what the format expects, at a given line (1-based).
    #[error("line {line}: {message}")]
    Syntax {
        /// The line, counted from 1.
        line: usize,
        /// What is wrong there.
        message: String,
    },
    /// A Word .docx that cannot be read: not a zip, damaged, encrypted,
    /// over a size limit, or not well-formed XML.
    #[error("{0}")]
    Docx(String),
    /// Any other reason the input cannot be read.
    #[error("{0}")]
    Other(String),
}

/// Decodes the bytes of a text file: UTF-8 (a byte order mark is dropped),
/// or UTF-16 little or big endian when a byte order mark says so. Line ends
/// are normalised to `\n` (from `\r\n` and lone `\r`).
pub fn decode(bytes: &[u8]) -> Result<String, ReadError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Ok(normalize_newlines(utf8(rest, 3)?).into_owned())
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        Ok(normalize_newlines(&utf16(rest, u16::from_le_bytes)?).into_owned())
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        Ok(normalize_newlines(&utf16(rest, u16::from_be_bytes)?).into_owned())
    } else {
        Ok(normalize_newlines(utf8(bytes, 0)?).into_owned())
    }
}

/// Decodes like [`decode`], taking the bytes: a UTF-8 file without a byte
/// order mark or `\r` becomes its text without being copied, which keeps
/// a large input from being held twice while it is read.
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, ReadError> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF])
        || bytes.starts_with(&[0xFF, 0xFE])
        || bytes.starts_with(&[0xFE, 0xFF])
    {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) if !has_carriage_return(&text) => Ok(text),
        Ok(text) => Ok(normalize_newlines(&text).into_owned()),
        Err(e) => Err(ReadError::InvalidUtf8 {
            offset: e.utf8_error().valid_up_to(),
        }),
    }
}

/// Decodes like [`decode`], but replaces what is not valid UTF-8 (or, after
/// a UTF-16 byte order mark, not valid UTF-16) with U+FFFD instead of
/// failing: for inputs whose few stray bytes should not stop a run.
pub fn decode_lossy(bytes: &[u8]) -> String {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        String::from_utf8_lossy(rest).into_owned()
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        utf16_lossy(rest, u16::from_le_bytes)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        utf16_lossy(rest, u16::from_be_bytes)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    };
    normalize_newlines(&text).into_owned()
}

/// UTF-16 after its byte order mark, bad code units (and an odd trailing
/// byte) replaced with U+FFFD.
fn utf16_lossy(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks(2).map(|c| match c {
        [a, b] => unit([*a, *b]),
        _ => 0xDC00,
    });
    char::decode_utf16(units)
        .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
        .collect()
}

/// UTF-8 text; `skipped` is the length of a byte order mark already removed,
/// so offsets name bytes of the file.
fn utf8(bytes: &[u8], skipped: usize) -> Result<&str, ReadError> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) => Err(ReadError::InvalidUtf8 {
            offset: skipped + e.valid_up_to(),
        }),
    }
}

/// UTF-16 text after its 2-byte byte order mark.
fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, ReadError> {
    let units: Vec<u16> = bytes
        .chunks(2)
        .map(|c| match c {
            [a, b] => unit([*a, *b]),
            // An odd trailing byte cannot be a code unit; 0xDC00 is an
            // unpaired surrogate, so decoding reports it below.
            _ => 0xDC00,
        })
        .collect();
    let mut out = String::with_capacity(units.len());
    for (i, c) in char::decode_utf16(units.iter().copied()).enumerate() {
        match c {
            Ok(c) => out.push(c),
            Err(_) => {
                // The index counts decoded items, not units; recount units.
                let unit_index = units_before(&units, i);
                return Err(ReadError::InvalidUtf16 {
                    offset: 2 + 2 * unit_index,
                });
            }
        }
    }
    Ok(out)
}

/// The index of the code unit where the `item`-th decoded item starts.
fn units_before(units: &[u16], item: usize) -> usize {
    let mut index = 0;
    for _ in 0..item {
        let Some(u) = units.get(index) else {
            break;
        };
        let high = (0xD800..0xDC00).contains(u);
        let next_low = units
            .get(index + 1)
            .is_some_and(|n| (0xDC00..0xE000).contains(n));
        index += if high && next_low { 2 } else { 1 };
    }
    index
}

/// Whether a text holds a `\r`: `text.contains('\r')`, searched with the
/// `memchr` crate's vector instructions (the standard library's search,
/// a word at a time, was a large share of reading a large input).
fn has_carriage_return(text: &str) -> bool {
    memchr::memchr(b'\r', text.as_bytes()).is_some()
}

/// The lines of a text exactly as `text.split('\n')` gives them, the last
/// one empty after a final `\n`, found with the `memchr` crate's vector
/// instructions.
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            // A `\n` is one byte and never inside a character: both ends
            // are character boundaries.
            let line = text.get(start..end).unwrap_or_default();
            start = end + 1;
            line
        })
}

/// Turns `\r\n` and lone `\r` into `\n`.
pub fn normalize_newlines(text: &str) -> Cow<'_, str> {
    if !has_carriage_return(text) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn lines_split_as_the_standard_library_splits_them() {
        for text in [
            "",
            "\n",
            "\n\n",
            "considering\na)\tthat",
            "considering\na)\tthat\n",
            "résumé\n€ 5\n\nfin",
            "no newline at all",
        ] {
            let ours: Vec<&str> = split_lines(text).collect();
            let std: Vec<&str> = text.split('\n').collect();
            assert_eq!(ours, std, "{text:?}");
        }
        assert!(has_carriage_return("a\r\nb"));
        assert!(!has_carriage_return("a\nb"));
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(
            decode(b"considering\r\na)\tthat").unwrap(),
            "considering\na)\tthat"
        );
        assert_eq!(decode(b"\xEF\xBB\xBFabc\rdef").unwrap(), "abc\ndef");
        assert_eq!(decode("Florianópolis".as_bytes()).unwrap(), "Florianópolis");
        assert_eq!(decode(b"").unwrap(), "");
    }

    #[test]
    fn owned_bytes_decode_as_borrowed_ones() {
        for bytes in [
            &b"considering\r\na)\tthat"[..],
            b"\xEF\xBB\xBFabc\rdef",
            b"\xFF\xFEa\x00\r\x00\n\x00b\x00",
            "Florian\u{f3}polis\nresolves".as_bytes(),
            b"",
            b"abc\xFFdef",
        ] {
            assert_eq!(decode_owned(bytes.to_vec()), decode(bytes));
        }
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let err = decode(b"abc\xFFdef").unwrap_err();
        assert_eq!(err, ReadError::InvalidUtf8 { offset: 3 });
        assert_eq!(
            err.to_string(),
            "not valid UTF-8 at byte 3 (save the file as UTF-8)"
        );
        assert_eq!(
            decode(b"\xEF\xBB\xBFab\xC3").unwrap_err(),
            ReadError::InvalidUtf8 { offset: 5 }
        );
    }

    #[test]
    fn utf16_both_endians() {
        let text = "é😀\r\nb";
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        for u in text.encode_utf16() {
            le.extend(u.to_le_bytes());
            be.extend(u.to_be_bytes());
        }
        assert_eq!(decode(&le).unwrap(), "é😀\nb");
        assert_eq!(decode(&be).unwrap(), "é😀\nb");
        // An unpaired surrogate after "a😀" (units 0..3) sits at unit 3.
        let mut bad = vec![0xFF, 0xFE];
        for u in "a😀".encode_utf16() {
            bad.extend(u.to_le_bytes());
        }
        bad.extend(0xDC00u16.to_le_bytes());
        assert_eq!(
            decode(&bad).unwrap_err(),
            ReadError::InvalidUtf16 { offset: 8 }
        );
        // An odd length is an error, not a panic.
        assert!(decode(&[0xFF, 0xFE, 0x61]).is_err());
    }

    #[test]
    fn lossy_decoding_replaces_bad_bytes() {
        assert_eq!(decode_lossy(b"caf\xe9\r\nau lait"), "caf\u{FFFD}\nau lait");
        assert_eq!(decode_lossy(b"\xEF\xBB\xBFab\xC3"), "ab\u{FFFD}");
        assert_eq!(
            decode_lossy(&[0xFF, 0xFE, 0x61, 0x00, 0x00, 0xDC]),
            "a\u{FFFD}"
        );
        assert_eq!(decode_lossy(&[0xFF, 0xFE, 0x61]), "\u{FFFD}");
        assert_eq!(decode_lossy(b"fine"), decode(b"fine").unwrap());
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_decode_or_fail_cleanly(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            if let Ok(text) = decode(&bytes) {
                proptest::prop_assert!(!text.contains('\r'));
                let _ = text::read(&text, &text::TextOptions::default());
                let _ = markdown::read(&text, &markdown::MarkdownOptions::default());
            }
        }

        #[test]
        fn any_text_reads(text in "[a-z(){}+~>=<*#\\-\\n\\t 1.]{0,80}") {
            proptest::prop_assert!(text::read(&text, &text::TextOptions::default()).is_ok());
            proptest::prop_assert!(markdown::read(&text, &markdown::MarkdownOptions::default()).is_ok());
        }
    }
}
