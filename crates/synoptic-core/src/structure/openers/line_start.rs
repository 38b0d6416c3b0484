//! The start of a line, as every list of openers looks at it first: the
//! key of its first word and of the word after a label, worked out once
//! for a line matched against several lists, and byte by byte for ASCII.

use super::{ascii_keyword_word, keyword_word, strip_italics};

/// The start of a line as every list of openers looks at it first, worked
/// out once for a line matched against several lists (the languages or
/// traditions a text may be in): the key of its first word, and of the
/// first word after a label.
pub(crate) struct LineStart<'l> {
    pub(super) line: &'l str,
    /// The key of the first word, italics stripped; `None` for a line with
    /// no text.
    pub(super) first: Option<WordKey>,
    /// What follows a label, when there may be one.
    pub(super) after_label: AfterLabel,
}

/// The first word after a line's label, as far as it can be told without
/// splitting the label.
#[derive(Debug, PartialEq)]
pub(super) enum AfterLabel {
    /// A label cannot be followed by a heading: nothing follows it.
    Nothing,
    /// If the line has a label, this is the key of the first word after it.
    Word(WordKey),
    /// Only [`split_label`](crate::structure::split_label) can tell (a line that starts with a bullet or
    /// with a label of another script).
    Unknown,
}

/// A word's comparison key ([`keyword_word`]): short ASCII words are kept
/// on the stack, as most are.
#[derive(Debug, PartialEq)]
pub(super) enum WordKey {
    Ascii([u8; 32], u8),
    Other(String),
}

impl WordKey {
    /// [`WordKey::of`] of an ASCII word.
    fn of_ascii(word: &[u8]) -> WordKey {
        let mut end = word.len();
        while end > 0 && matches!(word[end - 1], b',' | b':') {
            end -= 1;
        }
        let key = &word[..end];
        if key.len() <= 32
            && key
                .iter()
                .all(|b| b.is_ascii_graphic() && *b != b'-' && *b != b'`')
        {
            let mut buffer = [0u8; 32];
            buffer[..key.len()].copy_from_slice(key);
            buffer[..key.len()].make_ascii_lowercase();
            return WordKey::Ascii(buffer, key.len() as u8);
        }
        WordKey::Other(keyword_word(std::str::from_utf8(word).unwrap_or("")))
    }

    fn of(word: &str) -> WordKey {
        let mut buffer = [0u8; 32];
        match ascii_keyword_word(word, &mut buffer).map(str::len) {
            Some(len) => WordKey::Ascii(buffer, len as u8),
            None => WordKey::Other(keyword_word(word)),
        }
    }

    pub(super) fn as_bytes(&self) -> &[u8] {
        match self {
            WordKey::Ascii(buffer, len) => &buffer[..usize::from(*len)],
            WordKey::Other(key) => key.as_bytes(),
        }
    }
}

impl<'l> LineStart<'l> {
    /// The start of `line`.
    pub(crate) fn new(line: &'l str) -> LineStart<'l> {
        Self::ascii(line).unwrap_or_else(|| Self::any(line))
    }

    /// [`LineStart::new`] of a line whose start is ASCII, byte by byte;
    /// `None` when a byte that is not ASCII is met before both words are
    /// known (it might be white space of another script).
    fn ascii(line: &'l str) -> Option<LineStart<'l>> {
        let bytes = line.as_bytes();
        let first = ascii_first_word(bytes)?.map(WordKey::of_ascii);
        let start = bytes.iter().position(|b| !is_ascii_space(*b))?;
        let end = bytes[start..]
            .iter()
            .position(|b| is_ascii_space(*b) || !b.is_ascii())
            .map_or(bytes.len(), |n| start + n);
        if bytes.get(end).is_some_and(|b| !b.is_ascii()) {
            return None;
        }
        let after_label = if matches!(bytes[start], b'-' | b'*' | b'+') {
            // An ASCII bullet: [`split_label`] decides.
            AfterLabel::Unknown
        } else {
            match ascii_first_word(&bytes[end..])? {
                Some(word) => AfterLabel::Word(WordKey::of_ascii(word)),
                None => AfterLabel::Nothing,
            }
        };
        Some(LineStart {
            line,
            first,
            after_label,
        })
    }

    /// [`LineStart::new`] of any line.
    fn any(line: &'l str) -> LineStart<'l> {
        let first = strip_italics(line)
            .split_whitespace()
            .next()
            .map(WordKey::of);
        // When the line's first token is ASCII and not a bullet,
        // [`split_label`] either finds no label or takes that token as the
        // label and the rest of the line, trimmed, as what follows it.
        let s = line.trim_start();
        let end = s.find(char::is_whitespace).unwrap_or(s.len());
        let token = &s[..end];
        let after_label =
            if !token.is_ascii() || token.starts_with(crate::structure::labels::BULLETS) {
                AfterLabel::Unknown
            } else {
                match strip_italics(&s[end..]).split_whitespace().next() {
                    Some(word) => AfterLabel::Word(WordKey::of(word)),
                    None => AfterLabel::Nothing,
                }
            };
        LineStart {
            line,
            first,
            after_label,
        }
    }
}

/// Whether an ASCII byte is white space as [`char::is_whitespace`] says
/// (which, unlike [`u8::is_ascii_whitespace`], counts the vertical tab).
fn is_ascii_space(byte: u8) -> bool {
    matches!(byte, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' ')
}

/// The first word of [`strip_italics`] of `text`, byte by byte: `Some(None)`
/// when nothing is left, `None` when a byte that is not ASCII comes before
/// the answer is known.
fn ascii_first_word(text: &[u8]) -> Option<Option<&[u8]>> {
    let trimmed = |b: u8| b == b'*' || b == b'_' || is_ascii_space(b);
    let Some(start) = text.iter().position(|b| !trimmed(*b)) else {
        return Some(None);
    };
    if !text[start].is_ascii() {
        return None;
    }
    let end = text[start..]
        .iter()
        .position(|b| is_ascii_space(*b) || !b.is_ascii())
        .map_or(text.len(), |n| start + n);
    // What follows the word: if only italics and white space, the word is
    // the last of the stripped text and loses its trailing italics.
    let after = &text[end..];
    let last = match after.iter().position(|b| !trimmed(*b)) {
        None => true,
        Some(n) if after[n].is_ascii() => false,
        Some(_) => return None,
    };
    if after.first().is_some_and(|b| !b.is_ascii()) {
        return None;
    }
    let mut word = &text[start..end];
    if last {
        while let [rest @ .., b'*' | b'_'] = word {
            word = rest;
        }
    }
    Some(Some(word))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The byte-by-byte start of a line is the same as the general one
    /// whenever it is given.
    fn same_start(line: &str) {
        if let Some(fast) = LineStart::ascii(line) {
            let any = LineStart::any(line);
            assert_eq!(fast.first, any.first, "{line:?}");
            assert_eq!(fast.after_label, any.after_label, "{line:?}");
        }
    }

    #[test]
    fn ascii_lines_start_as_any_line() {
        for line in [
            "",
            "   ",
            "considering",
            "*considering*",
            "_noting_,",
            "a)\tthat the Council shall report;",
            "(iii)  Annex 2",
            "I\tProgramme 1: Standardization",
            "- a bullet",
            "* emphasis*",
            "1 *Annex*",
            "1 **",
            "a)\u{a0}that",
            "\u{a0}considering",
            "considering\u{a0}further",
            "RESOLVES, ",
            "Taking-into-account the",
            "a) b) c)",
            "\x0bconsidering\x0b",
        ] {
            same_start(line);
        }
        assert!(LineStart::ascii("a)\tthat").is_some());
    }

    proptest! {
        #[test]
        fn any_line_starts_alike(line in "[a-zA-Z()*_ ,:\t\x0b.1-]{0,30}[\u{a0}\u{2003}é]?[a-z *_]{0,10}") {
            same_start(&line);
        }
    }
}
