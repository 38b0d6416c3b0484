//! Tokenising and normalising text for comparison.
//!
//! Text is always displayed as written; comparison works on keys in which
//! minor differences vanish: Unicode compatibility forms, case, hyphen and
//! dash variants (so "ITUT" meets "ITU-T" and "e-learning" meets
//! "elearning"), curly versus straight quotes, and non-breaking or repeated
//! spaces.
//!
//! Per script:
//!
//! - alphabetic scripts (Latin, Cyrillic, Greek, Arabic, ...) are split into
//!   words by Unicode word boundaries (UAX #29) and compared case-folded
//!   (full folding where it differs from lower-casing: "ß" meets "ss");
//! - Chinese and Japanese, which write no spaces, are compared character by
//!   character: every Han, Hiragana or Katakana character is a word token of
//!   its own. Measured on the `examples/i18n/zh` changes and further
//!   rewrites, per-character diffs read as well as a dictionary segmenter's
//!   (jieba) and are more precise ("[-六-]{+三+}个月" rather than
//!   "[-六个月-]{+三个月+}"), without shipping a dictionary;
//! - Arabic keys drop tatweel and the optional diacritics (harakat, shadda,
//!   sukun, Quranic marks), write every alef with hamza or madda as a bare
//!   alef, alef maksura and Persian yeh as yeh, Persian kaf as kaf, and
//!   Arabic-Indic digits as ASCII digits; teh marbuta stays apart from heh,
//!   since the two spell different words;
//! - Russian "ё" is compared as "е", which most texts write for it;
//! - look-alike letters of different scripts (Cyrillic "а", Latin "a") are
//!   never conflated: they are different words.

use std::borrow::Cow;

use unicode_normalization::UnicodeNormalization;
use unicode_segmentation::UnicodeSegmentation;

/// What a token is made of, which decides how much it weighs in comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    /// Letters or digits: the words that carry meaning.
    Word,
    /// A run of white space (folded to one space in the key).
    Space,
    /// Punctuation and symbols.
    Punct,
}

/// One token of a text: a slice of the original and its comparison key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    /// The token exactly as written.
    pub text: &'a str,
    /// The normalised form used to compare tokens.
    pub key: Cow<'a, str>,
    /// Word, space or punctuation.
    pub kind: TokenKind,
}

impl<'a> Token<'a> {
    /// A word, compared by its normalised form.
    fn word(text: &'a str) -> Self {
        Token {
            text,
            key: key_of(text),
            kind: TokenKind::Word,
        }
    }

    /// A run of white space, compared as one space.
    fn space(text: &'a str) -> Self {
        Token {
            text,
            key: Cow::Borrowed(" "),
            kind: TokenKind::Space,
        }
    }

    /// Punctuation, compared by its normalised form; a lone joiner, which
    /// normalises to nothing, by `-`.
    fn punct(text: &'a str) -> Self {
        let key = key_of(text);
        Token {
            text,
            key: if key.is_empty() {
                Cow::Borrowed("-")
            } else {
                key
            },
            kind: TokenKind::Punct,
        }
    }
}

mod keys;
mod numbers;
mod split;
#[cfg(test)]
mod tests;

use keys::*;
use split::*;

pub use keys::{is_cjk, normalize, normalized_from_tokens};
pub use numbers::{interned_keys, KeyNumbers, KeyTable};
pub use split::{pieces, tokenize, tokenize_into};

/// The normalised keys of the words of a text, in order: what paragraph
/// similarity is computed from.
pub fn word_keys(text: &str) -> Vec<Cow<'_, str>> {
    // UAX #29 joins words across underscores in ways not worth copying.
    if text.is_ascii() && !text.contains('_') {
        return ascii_word_keys(text);
    }
    tokenize(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.key)
        .collect()
}
