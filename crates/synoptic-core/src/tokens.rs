//! Tokenising and normalising text for comparison.
//!
//! Text is always displayed as written; comparison works on keys in which
//! minor differences vanish: Unicode compatibility forms, case, hyphen and
//! dash variants (so "ITUT" meets "ITU-T" and "e-learning" meets
//! "elearning"), curly versus straight quotes, and non-breaking or repeated
//! spaces.

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
    pub key: String,
    /// Word, space or punctuation.
    pub kind: TokenKind,
}

/// Characters that only join or break words typographically; dropped from
/// keys so that hyphenation and invisible marks never make two words differ.
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{00AD}' // soft hyphen
            | '\u{2010}'..='\u{2015}' // hyphens and dashes
            | '\u{2212}' // minus sign
            | '\u{200B}'..='\u{200D}' // zero-width space and joiners
            | '\u{2060}' // word joiner
            | '\u{FEFF}'
            | '\u{0640}' // Arabic tatweel
    )
}

fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        _ => c,
    }
}

/// The comparison key of a piece of text: compatibility-normalised,
/// lower-cased, with joiners dropped, quotes folded and white space collapsed
/// to single spaces and trimmed.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        // Compatibility normalisation leaves ASCII as it is; skipping it is
        // most of the cost of comparing typical (English) proposals.
        return normalize_chars(text.chars());
    }
    normalize_chars(text.nfkc())
}

fn normalize_chars(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for c in chars {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if is_joiner(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        for l in fold_char(c).to_lowercase() {
            out.push(l);
        }
    }
    out
}

/// Splits text into words, spaces and punctuation by Unicode word
/// boundaries (UAX #29), keeping every byte: concatenating the tokens' text
/// gives the input back.
///
/// Hyphenated compounds ("ITU-T", "e-learning") stay one word token so that
/// their key matches the unhyphenated spelling.
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens: Vec<Token<'_>> = Vec::new();
    let mut pieces = text.split_word_bound_indices().peekable();
    while let Some((start, piece)) = pieces.next() {
        let kind = classify(piece);
        if kind == TokenKind::Word {
            // Glue "word-word" (and "word - word" never) into one token.
            let mut end = start + piece.len();
            loop {
                let mut look = pieces.clone();
                let Some((_, joiner)) = look.next() else {
                    break;
                };
                if !(joiner.chars().count() == 1 && joiner.chars().all(is_joiner)) {
                    break;
                }
                let Some((next_start, next)) = look.next() else {
                    break;
                };
                if classify(next) != TokenKind::Word {
                    break;
                }
                pieces.next();
                pieces.next();
                end = next_start + next.len();
            }
            let slice = &text[start..end];
            tokens.push(Token {
                text: slice,
                key: normalize(slice),
                kind,
            });
        } else if kind == TokenKind::Space {
            match tokens.last_mut() {
                // Word-bound splitting can cut a run of mixed spaces in two.
                Some(last) if last.kind == TokenKind::Space => {
                    let begin = start - last.text.len();
                    last.text = &text[begin..start + piece.len()];
                }
                _ => tokens.push(Token {
                    text: piece,
                    key: " ".to_string(),
                    kind,
                }),
            }
        } else {
            let key = normalize(piece);
            tokens.push(Token {
                text: piece,
                // A lone joiner normalises to nothing; keep it comparable.
                key: if key.is_empty() { "-".to_string() } else { key },
                kind,
            });
        }
    }
    tokens
}

/// [`word_keys`] for ASCII text without the Unicode segmentation tables:
/// runs of letters and digits, joined across a hyphen (dropped, as in
/// [`normalize`]), and where UAX #29 joins them: an apostrophe or a full
/// stop between two letters or two digits, a colon between letters, a comma
/// or semicolon between digits.
fn ascii_word_keys(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut keys = Vec::new();
    let mut word = String::new();
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            word.push(char::from(b.to_ascii_lowercase()));
            continue;
        }
        let prev = i.checked_sub(1).map(|p| bytes[p]);
        let next = bytes.get(i + 1).copied();
        let between =
            |f: fn(&u8) -> bool| prev.as_ref().is_some_and(f) && next.as_ref().is_some_and(f);
        let letters = between(u8::is_ascii_alphabetic);
        let digits = between(u8::is_ascii_digit);
        match b {
            b'-' if between(u8::is_ascii_alphanumeric) => {}
            b'\'' | b'.' if letters || digits => word.push(char::from(b)),
            b':' if letters => word.push(':'),
            b',' | b';' if digits => word.push(char::from(b)),
            _ => {
                if !word.is_empty() {
                    keys.push(std::mem::take(&mut word));
                }
            }
        }
    }
    if !word.is_empty() {
        keys.push(word);
    }
    keys
}

fn classify(piece: &str) -> TokenKind {
    if piece.chars().all(char::is_whitespace) {
        TokenKind::Space
    } else if piece.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else {
        TokenKind::Punct
    }
}

/// The normalised keys of the words of a text, in order: what paragraph
/// similarity is computed from.
pub fn word_keys(text: &str) -> Vec<String> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minor_differences_vanish_from_keys() {
        assert_eq!(normalize("ITU-T"), normalize("ITUT"));
        assert_eq!(normalize("e\u{2011}learning"), normalize("elearning"));
        assert_eq!(normalize("\u{201C}Quoted\u{201D}"), normalize("\"quoted\""));
        assert_eq!(
            normalize("Resolution\u{00A0}123"),
            normalize("resolution  123")
        );
        assert_eq!(normalize("  a \n b  "), "a b");
    }

    #[test]
    fn tokens_keep_every_byte() {
        let text = "that Resolution\u{00A0}123 (Rev. Busan, 2014) of ITU-T \t\n recognizes…";
        let tokens = tokenize(text);
        let joined: String = tokens.iter().map(|t| t.text).collect();
        assert_eq!(joined, text);
        assert!(tokens.iter().any(|t| t.text == "ITU-T" && t.key == "itut"));
        assert!(tokens
            .iter()
            .any(|t| t.kind == TokenKind::Space && t.text == " \t\n "));
    }

    #[test]
    fn word_keys_skip_spaces_and_punctuation() {
        assert_eq!(
            word_keys("a) The ITU-T, e-learning!"),
            vec!["a", "the", "itut", "elearning"]
        );
    }

    #[test]
    fn ascii_fast_path_agrees_with_segmentation() {
        for text in [
            "that Resolution 123 (Rev. Busan, 2014) of the ITU-T's e-learning; 1,000 and 3.5 U.S. -- x",
            "a) don't  stop - 12.5% of [the] 'quoted' \"text\"",
            "",
            "---",
        ] {
            let slow: Vec<String> = tokenize(text)
                .into_iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| t.key)
                .collect();
            assert_eq!(ascii_word_keys(text), slow, "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn ascii_fast_path_matches_any_ascii(text in "[a-cA-C0-2 ,.'\\-;()/:!?\t\"%&*+<=>@^`{|}~#$\\[\\]]{0,40}") {
            let slow: Vec<String> = tokenize(&text)
                .into_iter()
                .filter(|t| t.kind == TokenKind::Word)
                .map(|t| t.key)
                .collect();
            proptest::prop_assert_eq!(ascii_word_keys(&text), slow);
        }
    }

    #[test]
    fn dash_between_spaces_is_punctuation() {
        let tokens = tokenize("one - two");
        assert_eq!(tokens.len(), 5);
        assert_eq!(tokens[2].kind, TokenKind::Punct);
    }
}
