//! Comparison keys: a word or a text normalised so that minor
//! differences (case, compatibility forms, joiners, quotes) vanish.

use super::*;

/// Characters that only join or break words typographically; dropped from
/// keys so that hyphenation and invisible marks never make two words differ.
pub(super) fn is_joiner(c: char) -> bool {
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

pub(super) fn fold_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => '"',
        // Arabic: alef with hamza above or below, madda or wasla; alef
        // maksura and Farsi yeh; keheh; Arabic-Indic digits; punctuation.
        '\u{0622}' | '\u{0623}' | '\u{0625}' | '\u{0671}' | '\u{0672}' | '\u{0673}' => '\u{0627}',
        '\u{0649}' | '\u{06CC}' => '\u{064A}',
        '\u{06A9}' => '\u{0643}',
        '\u{0660}'..='\u{0669}' => digit_char(u32::from(c) - 0x0660),
        '\u{06F0}'..='\u{06F9}' => digit_char(u32::from(c) - 0x06F0),
        '\u{060C}' => ',',
        '\u{061B}' => ';',
        '\u{061F}' => '?',
        '\u{066A}' => '%',
        _ => c,
    }
}

/// The ASCII digit of value `d` (0 to 9).
pub(super) fn digit_char(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

/// Marks that Arabic writes optionally (harakat, tanwin, shadda, sukun,
/// superscript alef, Quranic annotation): dropped from keys, so that a
/// vocalised and an unvocalised spelling of a word compare equal.
pub(super) fn is_optional_mark(c: char) -> bool {
    matches!(
        c,
        '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{06D6}'..='\u{06DC}'
            | '\u{06DF}'..='\u{06E4}'
            | '\u{06E7}'..='\u{06E8}'
            | '\u{06EA}'..='\u{06ED}'
            | '\u{08D3}'..='\u{08E1}'
            | '\u{08E3}'..='\u{08FF}'
    )
}

/// Appends the case-folded form of `c`: lower case, and the full Unicode
/// case folding where it differs from lower-casing for letters that NFKC
/// leaves ("ß" and "ẞ" fold to "ss", final sigma to sigma); "ё" as "е".
pub(super) fn push_folded(out: &mut String, c: char) {
    for l in c.to_lowercase() {
        match l {
            '\u{00DF}' => out.push_str("ss"),
            '\u{03C2}' => out.push('\u{03C3}'),
            '\u{0451}' => out.push('\u{0435}'),
            _ => out.push(l),
        }
    }
}

/// Whether a character is written without spaces between words (Han,
/// Hiragana, Katakana): such characters are compared one by one.
pub fn is_cjk(c: char) -> bool {
    matches!(
        c,
        '\u{3005}'..='\u{3007}' // iteration marks, ideographic zero
            | '\u{3021}'..='\u{3029}'
            | '\u{3031}'..='\u{3035}'
            | '\u{3040}'..='\u{30FF}' // Hiragana, Katakana
            | '\u{31F0}'..='\u{31FF}'
            | '\u{3400}'..='\u{4DBF}'
            | '\u{4E00}'..='\u{9FFF}'
            | '\u{F900}'..='\u{FAFF}'
            | '\u{FF66}'..='\u{FF9F}'
            | '\u{20000}'..='\u{3FFFF}'
    )
}

/// Bytes that a key keeps as they are: lower-case ASCII letters, digits
/// and plain punctuation (not the hyphen, a joiner, nor the backtick, an
/// apostrophe). A table: this test runs on every byte of every word.
pub(super) const PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_lowercase()
            || c.is_ascii_digit()
            || (c.is_ascii_punctuation() && c != b'-' && c != b'`');
        b += 1;
    }
    table
};

/// The key of a token: borrowed from the text when it is already in
/// normal form (lower-case ASCII letters, digits and plain punctuation, as
/// most words are), so that only the rest is copied.
pub(super) fn key_of(text: &str) -> Cow<'_, str> {
    let plain = !text.is_empty() && text.bytes().all(|b| PLAIN[usize::from(b)]);
    if plain {
        Cow::Borrowed(text)
    } else if text
        .bytes()
        .all(|b| PLAIN[usize::from(b)] || b.is_ascii_uppercase())
    {
        // A capitalised word: of the folds only lower-casing applies.
        Cow::Owned(text.to_ascii_lowercase())
    } else {
        Cow::Owned(normalize(text))
    }
}

/// The comparison key of a piece of text: compatibility-normalised,
/// lower-cased, with joiners dropped, quotes folded and white space collapsed
/// to single spaces and trimmed.
pub fn normalize(text: &str) -> String {
    if text.is_ascii() {
        // Compatibility normalisation leaves ASCII as it is; skipping it is
        // most of the cost of comparing typical (English) proposals.
        return normalize_ascii(text);
    }
    // Most text is already in NFKC, which the quick check tells without
    // decomposing and recomposing every character.
    if unicode_normalization::is_nfkc_quick(text.chars())
        == unicode_normalization::IsNormalized::Yes
    {
        return normalize_chars(text.chars());
    }
    normalize_chars(text.nfkc())
}

/// [`normalize_chars`] for ASCII text, byte by byte: of the folds only
/// lower-casing, the backtick as an apostrophe and the hyphen as a joiner
/// apply to ASCII.
pub(super) fn normalize_ascii(text: &str) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut pending_space = false;
    for &b in text.as_bytes() {
        if b.is_ascii_whitespace() || b == 0x0b {
            pending_space = !out.is_empty();
            continue;
        }
        if b == b'-' {
            continue;
        }
        if pending_space {
            out.push(b' ');
            pending_space = false;
        }
        out.push(if b == b'`' {
            b'\''
        } else {
            b.to_ascii_lowercase()
        });
    }
    // Only ASCII went in.
    String::from_utf8(out).unwrap_or_default()
}

pub(super) fn normalize_chars(chars: impl Iterator<Item = char>) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for c in chars {
        if c.is_ascii() && !c.is_whitespace() {
            // Of the folds only these apply to ASCII (see normalize_ascii).
            if c == '-' {
                continue;
            }
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(if c == '`' {
                '\''
            } else {
                c.to_ascii_lowercase()
            });
            continue;
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if is_joiner(c) || is_optional_mark(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        push_folded(&mut out, fold_char(c));
    }
    out
}

/// [`normalize`] of `text`, made from its tokens ([`tokenize`] of it) where
/// that gives the same: their keys joined, one space for each run of white
/// space and none at either end, nothing for a token that normalises to
/// nothing (a lone dash, whose key is `-`, or a tatweel). Where
/// compatibility forms are about (a spacing accent decomposes to a space and
/// a mark) or a mark clings to white space, the text is normalised whole.
pub fn normalized_from_tokens(text: &str, tokens: &[Token<'_>]) -> String {
    // A mark that UAX #29 attached to white space makes a token that
    // starts with it.
    if !text.is_ascii()
        && (unicode_normalization::is_nfkc_quick(text.chars())
            != unicode_normalization::IsNormalized::Yes
            || tokens
                .iter()
                .any(|t| t.kind != TokenKind::Space && t.text.starts_with(char::is_whitespace)))
    {
        return normalize(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for t in tokens {
        if t.kind == TokenKind::Space {
            pending_space = !out.is_empty();
        } else if t.key != "-" && !t.key.is_empty() {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push_str(&t.key);
        }
    }
    out
}
