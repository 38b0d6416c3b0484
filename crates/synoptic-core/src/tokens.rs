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
fn digit_char(d: u32) -> char {
    char::from_digit(d, 10).unwrap_or('0')
}

/// Marks that Arabic writes optionally (harakat, tanwin, shadda, sukun,
/// superscript alef, Quranic annotation): dropped from keys, so that a
/// vocalised and an unvocalised spelling of a word compare equal.
fn is_optional_mark(c: char) -> bool {
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
fn push_folded(out: &mut String, c: char) {
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
const PLAIN: [bool; 256] = {
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
fn key_of(text: &str) -> Cow<'_, str> {
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
fn normalize_ascii(text: &str) -> String {
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

fn normalize_chars(chars: impl Iterator<Item = char>) -> String {
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

/// Splits text into words, spaces and punctuation by Unicode word
/// boundaries (UAX #29), keeping every byte: concatenating the tokens' text
/// gives the input back.
///
/// Hyphenated compounds ("ITU-T", "e-learning") stay one word token so that
/// their key matches the unhyphenated spelling. Every Han, Hiragana and
/// Katakana character is a word token of its own ([`is_cjk`]).
pub fn tokenize(text: &str) -> Vec<Token<'_>> {
    if text.is_ascii() && !text.contains('_') {
        return tokenize_ascii(text);
    }
    if all_simple(text) {
        return tokenize_simple(text);
    }
    let pieces: Vec<(usize, &str)> = match simple_bounds(text) {
        Some(pieces) => pieces,
        None => text.split_word_bound_indices().collect(),
    };
    assemble(text, pieces)
}

/// [`tokenize`] for ASCII text without underscores, byte by byte: what
/// [`tokenize_simple`] gives, faster still on the most common text.
fn tokenize_ascii(text: &str) -> Vec<Token<'_>> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 2 + 1);
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            i = ascii_word_end(bytes, i);
            // Glue "word-word" into one token, as [`assemble`] does.
            while i + 1 < bytes.len() && bytes[i] == b'-' && bytes[i + 1].is_ascii_alphanumeric() {
                i = ascii_word_end(bytes, i + 1);
            }
            tokens.push(Token::word(&text[start..i]));
        } else if b.is_ascii_whitespace() || b == 0x0b {
            while i < bytes.len() && (bytes[i].is_ascii_whitespace() || bytes[i] == 0x0b) {
                i += 1;
            }
            tokens.push(Token::space(&text[start..i]));
        } else {
            i += 1;
            tokens.push(Token::punct(&text[start..i]));
        }
    }
    tokens
}

/// The end of the ASCII word piece starting at `start` (a letter or digit):
/// letters and digits, joined across a middle character where UAX #29
/// joins them (the rules of [`simple_bounds`]).
fn ascii_word_end(bytes: &[u8], start: usize) -> usize {
    let mut next = start + 1;
    loop {
        while next < bytes.len() && bytes[next].is_ascii_alphanumeric() {
            next += 1;
        }
        let (Some(&mid), Some(&after)) = (bytes.get(next), bytes.get(next + 1)) else {
            return next;
        };
        let before = bytes[next - 1];
        if !joins_word(char::from(before), char::from(mid), char::from(after)) {
            return next;
        }
        next += 2;
    }
}

/// [`tokenize`] for text made only of [`is_simple`] characters, in one
/// pass: what [`simple_bounds`] and [`assemble`] give, without collecting
/// the characters and pieces first (most proposals are such text, and this
/// is several times faster).
fn tokenize_simple(text: &str) -> Vec<Token<'_>> {
    let char_at = |i: usize| match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|rest| rest.chars().next()),
        None => None,
    };
    // English runs near one token in three bytes, words and spaces
    // alternating: room for one in two saves growing the vector.
    let mut tokens = Vec::with_capacity(text.len() / 2 + 1);
    let mut i = 0;
    while let Some(c) = char_at(i) {
        let start = i;
        i += c.len_utf8();
        if c.is_alphanumeric() {
            i = simple_word_end(text, i);
            // Glue "word-word" into one token, as [`assemble`] does.
            while let Some(joiner) = char_at(i).filter(|&j| is_joiner(j)) {
                let next = i + joiner.len_utf8();
                if !char_at(next).is_some_and(char::is_alphanumeric) {
                    break;
                }
                i = simple_word_end(text, next + char_at(next).map_or(0, char::len_utf8));
            }
            tokens.push(Token::word(&text[start..i]));
        } else if c.is_whitespace() {
            while let Some(w) = char_at(i).filter(|w| w.is_whitespace()) {
                i += w.len_utf8();
            }
            tokens.push(Token::space(&text[start..i]));
        } else {
            tokens.push(Token::punct(&text[start..i]));
        }
    }
    tokens
}

/// The end of a word piece whose first character ends at `from`: letters
/// and digits, joined across a middle character where UAX #29 joins them
/// (the rules of [`simple_bounds`]).
fn simple_word_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut next = from;
    let mut before = text.get(..from).and_then(|t| t.chars().next_back());
    loop {
        // Runs of ASCII letters and digits byte by byte, the rest by
        // character.
        let run = next;
        while bytes.get(next).is_some_and(u8::is_ascii_alphanumeric) {
            next += 1;
        }
        if next > run {
            before = Some(char::from(bytes[next - 1]));
        }
        // Most words end at a space or a mark that never joins letters:
        // told from the byte, without decoding characters.
        match bytes.get(next) {
            None => return next,
            Some(&b) if b.is_ascii() && !matches!(b, b':' | b'.' | b'\'' | b',' | b';') => {
                return next
            }
            _ => {}
        }
        let mut rest = text.get(next..).unwrap_or_default().chars();
        let Some(mid) = rest.next() else {
            return next;
        };
        if mid.is_alphanumeric() {
            next += mid.len_utf8();
            before = Some(mid);
            continue;
        }
        let (Some(b), Some(after)) = (before, rest.next()) else {
            return next;
        };
        if !joins_word(b, mid, after) {
            return next;
        }
        next += mid.len_utf8() + after.len_utf8();
        before = Some(after);
    }
}

/// Turns word-boundary pieces into tokens: hyphenated compounds glued,
/// runs of white space merged, Han and Kana split per character.
fn assemble<'a>(text: &'a str, pieces: Vec<(usize, &'a str)>) -> Vec<Token<'a>> {
    let mut tokens: Vec<Token<'a>> = Vec::new();
    let mut k = 0;
    while let Some(&(start, piece)) = pieces.get(k) {
        k += 1;
        let kind = classify(piece);
        if kind == TokenKind::Word && piece.chars().any(is_cjk) {
            push_cjk_word(&mut tokens, piece);
            continue;
        }
        if kind == TokenKind::Word {
            // Glue "word-word" (and "word - word" never) into one token.
            let mut end = start + piece.len();
            while let (Some(&(_, joiner)), Some(&(next_start, next))) =
                (pieces.get(k), pieces.get(k + 1))
            {
                let mut joiner_chars = joiner.chars();
                let single_joiner = matches!(
                    (joiner_chars.next(), joiner_chars.next()),
                    (Some(c), None) if is_joiner(c)
                );
                if !single_joiner || classify(next) != TokenKind::Word || next.chars().any(is_cjk) {
                    break;
                }
                k += 2;
                end = next_start + next.len();
            }
            tokens.push(Token::word(&text[start..end]));
        } else if kind == TokenKind::Space {
            match tokens.last_mut() {
                // Word-bound splitting can cut a run of mixed spaces in two.
                Some(last) if last.kind == TokenKind::Space => {
                    let begin = start - last.text.len();
                    last.text = &text[begin..start + piece.len()];
                }
                _ => tokens.push(Token::space(piece)),
            }
        } else {
            tokens.push(Token::punct(piece));
        }
    }
    tokens
}

/// Whether UAX #29 joins two letters or digits across `mid` into one word
/// (WB6, WB7, WB11, WB12): a colon between letters, a full stop or
/// apostrophe between letters or between digits, a comma or semicolon
/// between digits.
fn joins_word(before: char, mid: char, after: char) -> bool {
    let letters = before.is_alphabetic() && after.is_alphabetic();
    let digits = before.is_ascii_digit() && after.is_ascii_digit();
    match mid {
        ':' => letters,
        '.' | '\'' | '\u{2018}' | '\u{2019}' => letters || digits,
        ',' | ';' => digits,
        _ => false,
    }
}

/// Whether every character of `text` is [`is_simple`]: ASCII bytes told
/// apart without decoding them (all but the underscore are simple).
fn all_simple(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        // Eight ASCII bytes without an underscore at a time.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            let word = u64::from_le_bytes(word);
            // No byte with its high bit set, none equal to `_` (the
            // classic test for a zero byte, on the word xor `_`s).
            let underscores = word ^ 0x5f5f_5f5f_5f5f_5f5f;
            let zero_byte = underscores.wrapping_sub(0x0101_0101_0101_0101)
                & !underscores
                & 0x8080_8080_8080_8080;
            if word & 0x8080_8080_8080_8080 == 0 && zero_byte == 0 {
                i += 8;
                continue;
            }
        }
        if b.is_ascii() {
            if b == b'_' {
                return false;
            }
            i += 1;
            continue;
        }
        match text.get(i..).and_then(|rest| rest.chars().next()) {
            Some(c) if is_simple(c) => i += c.len_utf8(),
            _ => return false,
        }
    }
    true
}

/// Whether the fast word splitter handles a character exactly as UAX #29
/// does: ASCII but the underscore, Latin letters with their accents, the
/// no-break space, and the common dashes, quotes and punctuation of the
/// General Punctuation block. Anything else (combining marks, format
/// characters, other scripts) goes to the full segmentation.
fn is_simple(c: char) -> bool {
    match c {
        '_' => false,
        _ if c.is_ascii() => true,
        // C1 controls and Latin-1 symbols are single pieces, as UAX #29 has
        // them (the mojibake of double-encoded text is full of them); not the
        // soft hyphen (a format character) nor the middle dot (joins letters).
        '\u{0080}'..='\u{00BF}' => !matches!(c, '\u{00AD}' | '\u{00B7}') && !c.is_alphanumeric(),
        '\u{00C0}'..='\u{024F}' => c != '\u{00D7}' && c != '\u{00F7}',
        '\u{2010}'..='\u{2023}' | '\u{2025}' | '\u{2026}' | '\u{2030}'..='\u{205E}' => true,
        _ => false,
    }
}

/// UAX #29 word boundaries for text made only of [`is_simple`]
/// characters, computed directly: several times faster than the general
/// tables on the typical proposal. `None` when the text holds anything
/// else. Runs of white space come as one piece (callers merge them anyway).
fn simple_bounds(text: &str) -> Option<Vec<(usize, &str)>> {
    if !all_simple(text) {
        return None;
    }
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let end_of = |k: usize| chars.get(k).map_or(text.len(), |&(i, _)| i);
    let mut pieces = Vec::with_capacity(chars.len() / 3 + 1);
    let mut k = 0;
    while k < chars.len() {
        let (start, c) = chars[k];
        let mut next = k + 1;
        if c.is_alphanumeric() {
            // A word: letters and digits, joined across a middle character
            // when the characters on both sides allow it (WB6, WB7, WB11, WB12).
            loop {
                while next < chars.len() && chars[next].1.is_alphanumeric() {
                    next += 1;
                }
                let (Some(&(_, mid)), Some(&(_, after))) = (chars.get(next), chars.get(next + 1))
                else {
                    break;
                };
                if !joins_word(chars[next - 1].1, mid, after) {
                    break;
                }
                next += 2;
            }
        } else if c.is_whitespace() {
            while next < chars.len() && chars[next].1.is_whitespace() {
                next += 1;
            }
        }
        pieces.push((start, &text[start..end_of(next)]));
        k = next;
    }
    Some(pieces)
}

/// Splits a word piece holding Han or Kana characters (a Katakana run, which
/// UAX #29 keeps together) into one token per such character; other
/// characters of the piece stay together.
fn push_cjk_word<'a>(tokens: &mut Vec<Token<'a>>, piece: &'a str) {
    let mut run: Option<usize> = None;
    for (i, c) in piece.char_indices() {
        if is_cjk(c) {
            if let Some(r) = run.take() {
                push_word(tokens, &piece[r..i]);
            }
            push_word(tokens, &piece[i..i + c.len_utf8()]);
        } else if run.is_none() {
            run = Some(i);
        }
    }
    if let Some(r) = run {
        push_word(tokens, &piece[r..]);
    }
}

fn push_word<'a>(tokens: &mut Vec<Token<'a>>, text: &'a str) {
    // Keyed as punctuation is, so that a piece normalising to nothing
    // stays comparable.
    tokens.push(Token {
        kind: classify(text),
        ..Token::punct(text)
    });
}

/// [`word_keys`] for ASCII text without the Unicode segmentation tables:
/// runs of letters and digits, joined across a hyphen (dropped, as in
/// [`normalize`]), and where UAX #29 joins them: an apostrophe or a full
/// stop between two letters or two digits, a colon between letters, a comma
/// or semicolon between digits.
fn ascii_word_keys(text: &str) -> Vec<Cow<'_, str>> {
    let bytes = text.as_bytes();
    let mut keys = Vec::new();
    // The word being read: where it starts, and whether its key differs
    // from its text (capitals, a dropped hyphen).
    let mut start: Option<usize> = None;
    let mut copy = false;
    let mut end_word = |from: Option<usize>, to: usize, copy: bool| {
        if let Some(from) = from {
            let word = &text[from..to];
            keys.push(if copy {
                Cow::Owned(
                    word.bytes()
                        .filter(|&b| b != b'-')
                        .map(|b| char::from(b.to_ascii_lowercase()))
                        .collect(),
                )
            } else {
                Cow::Borrowed(word)
            });
        }
    };
    for (i, &b) in bytes.iter().enumerate() {
        if b.is_ascii_alphanumeric() {
            start.get_or_insert(i);
            copy |= b.is_ascii_uppercase();
            continue;
        }
        let prev = i.checked_sub(1).map(|p| bytes[p]);
        let next = bytes.get(i + 1).copied();
        let between =
            |f: fn(&u8) -> bool| prev.as_ref().is_some_and(f) && next.as_ref().is_some_and(f);
        let letters = between(u8::is_ascii_alphabetic);
        let digits = between(u8::is_ascii_digit);
        match b {
            b'-' if between(u8::is_ascii_alphanumeric) => copy = true,
            b'\'' | b'.' if letters || digits => {}
            b':' if letters => {}
            b',' | b';' if digits => {}
            _ => {
                end_word(start.take(), i, copy);
                copy = false;
            }
        }
    }
    end_word(start, bytes.len(), copy);
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

/// The keys of several token sequences as small integers, equal keys
/// getting equal numbers: diffing integers is much cheaper than diffing
/// strings.
pub fn interned_keys(sequences: &[&[Token<'_>]]) -> Vec<Vec<u32>> {
    let mut table = KeyTable::default();
    sequences.iter().map(|tokens| table.keys(tokens)).collect()
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

/// Numbers for token keys, equal keys getting equal numbers, kept across
/// token sequences (the texts of a row) so that any two of them can be
/// diffed by their numbers. Keys a [`KeyNumbers`] knows keep its numbers.
#[derive(Debug)]
pub struct KeyTable<'t> {
    known: Option<&'t KeyNumbers<'t>>,
    ids: rustc_hash::FxHashMap<&'t str, u32>,
    /// The numbers of one-byte keys, looked up without hashing.
    one_byte: [u32; 128],
    /// How many keys this table numbered.
    numbered: u32,
}

impl Default for KeyTable<'_> {
    fn default() -> Self {
        KeyTable {
            known: None,
            ids: rustc_hash::FxHashMap::default(),
            one_byte: [u32::MAX; 128],
            numbered: 0,
        }
    }
}

impl<'t> KeyTable<'t> {
    /// A table that numbers keys as `known` does, and others after them.
    pub fn with_numbers(known: &'t KeyNumbers<'t>) -> Self {
        KeyTable {
            known: Some(known),
            ..KeyTable::default()
        }
    }

    /// The numbers of the keys of `tokens`.
    pub fn keys(&mut self, tokens: &'t [Token<'_>]) -> Vec<u32> {
        let first_free = self.known.map_or(0, |k| k.len() as u32);
        tokens
            .iter()
            .map(|t| {
                if let Some(n) = self.known.and_then(|k| k.get(&t.key)) {
                    return n;
                }
                let next = first_free + self.numbered;
                let n = match one_byte(&t.key) {
                    Some(b) => {
                        let slot = &mut self.one_byte[b];
                        if *slot == u32::MAX {
                            *slot = next;
                        }
                        *slot
                    }
                    None => *self.ids.entry(&*t.key).or_insert(next),
                };
                if n == next {
                    self.numbered += 1;
                }
                n
            })
            .collect()
    }
}

/// A key of at most seven bytes as one integer: its bytes, then its
/// length in the top byte (so that no two keys share one).
fn packed(key: &str) -> Option<u64> {
    let bytes = key.as_bytes();
    if bytes.len() > 7 {
        return None;
    }
    let mut word = [0u8; 8];
    word[..bytes.len()].copy_from_slice(bytes);
    word[7] = bytes.len() as u8;
    Some(u64::from_le_bytes(word))
}

/// The byte of a one-byte (ASCII) key.
fn one_byte(key: &str) -> Option<usize> {
    match key.as_bytes() {
        [b] if b.is_ascii() => Some(usize::from(*b)),
        _ => None,
    }
}

/// Numbers for the token keys of all the texts of a comparison, made once
/// as they are tokenised: word profiles and rows then look keys up by
/// number rather than hashing them again.
#[derive(Debug)]
pub struct KeyNumbers<'d> {
    ids: rustc_hash::FxHashMap<Cow<'d, str>, u32>,
    /// The numbers of keys of two to seven bytes (most words), by the key
    /// packed in an integer ([`packed`]): hashed and compared as one.
    short: rustc_hash::FxHashMap<u64, u32>,
    keys: Vec<Cow<'d, str>>,
    /// The numbers of one-byte keys (the space between every two words,
    /// most punctuation), looked up without hashing; `u32::MAX`: none yet.
    one_byte: [u32; 128],
}

impl Default for KeyNumbers<'_> {
    fn default() -> Self {
        KeyNumbers {
            ids: rustc_hash::FxHashMap::default(),
            short: rustc_hash::FxHashMap::default(),
            keys: Vec::new(),
            one_byte: [u32::MAX; 128],
        }
    }
}

impl<'d> KeyNumbers<'d> {
    /// The numbers of the keys of `tokens`, numbering new keys.
    pub fn number(&mut self, tokens: &[Token<'d>]) -> Vec<u32> {
        tokens
            .iter()
            .map(|t| match self.get(&t.key) {
                Some(n) => n,
                None => {
                    let n = self.keys.len() as u32;
                    match (one_byte(&t.key), packed(&t.key)) {
                        (Some(b), _) => self.one_byte[b] = n,
                        (None, Some(p)) => {
                            self.short.insert(p, n);
                        }
                        (None, None) => {
                            self.ids.insert(t.key.clone(), n);
                        }
                    }
                    self.keys.push(t.key.clone());
                    n
                }
            })
            .collect()
    }

    /// The number of a key, if it has one.
    pub fn get(&self, key: &str) -> Option<u32> {
        if let Some(b) = one_byte(key) {
            return Some(self.one_byte[b]).filter(|&n| n != u32::MAX);
        }
        match packed(key) {
            Some(p) => self.short.get(&p).copied(),
            None => self.ids.get(key).copied(),
        }
    }

    /// The key numbered `n` (empty if none is).
    pub fn key(&self, n: u32) -> &str {
        self.keys.get(n as usize).map_or("", |k| k)
    }

    /// How many keys are numbered.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no key is numbered.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Skipping NFKC for text the quick check finds in NFKC agrees
        /// with normalising it.
        #[test]
        fn nfkc_quick_check_agrees(text in "[a-zA-Z éÉßﬁ①ｶ\u{301}\u{2019}дЖ中ـأإ]{0,30}") {
            proptest::prop_assert_eq!(normalize(&text), normalize_chars(text.nfkc()));
        }

        /// The ASCII shortcut of [`normalize`] agrees with the general path.
        #[test]
        fn ascii_normalisation_agrees(text in "[ -~\t\n\x0b\x0c\r]{0,40}") {
            proptest::prop_assert_eq!(normalize_ascii(&text), normalize_chars(text.chars()));
        }
    }

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
                .map(|t| t.key.into_owned())
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
                .map(|t| t.key.into_owned())
                .collect();
            proptest::prop_assert_eq!(ascii_word_keys(&text), slow);
        }
    }

    #[test]
    fn arabic_keys_drop_optional_marks_and_variants() {
        // Harakat, shadda, tanwin and tatweel vanish; the text stays as written.
        assert_eq!(normalize("مُتَرْجِمِي"), normalize("مترجمي"));
        assert_eq!(normalize("عادةً"), normalize("عادة"));
        assert_eq!(normalize("الاتـــحاد"), normalize("الاتحاد"));
        // Alef variants, alef maksura, Farsi yeh and keheh.
        for (a, b) in [
            ("أن", "ان"),
            ("إلى", "الي"),
            ("آخر", "اخر"),
            ("ٱلله", "الله"),
        ] {
            assert_eq!(normalize(a), normalize(b), "{a}");
        }
        assert_eq!(normalize("فی"), normalize("في"));
        assert_eq!(normalize("کل"), normalize("كل"));
        // Arabic-Indic digits and punctuation.
        assert_eq!(normalize("٢٠٢٢"), "2022");
        assert_eq!(normalize("۱۲"), "12");
        assert_eq!(normalize("جنيف، ٢٠٢٢؛"), "جنيف, 2022;");
        // Teh marbuta and heh spell different words.
        assert_ne!(normalize("مدرسة"), normalize("مدرسه"));
        let tokens = tokenize("أن تُترجم التوصيات");
        assert_eq!(tokens[2].text, "تُترجم");
        assert_eq!(tokens[2].key, "تترجم");
    }

    #[test]
    fn scripts_are_not_conflated_but_case_folds() {
        // Cyrillic а, е, о, р, с, Т against their Latin look-alikes.
        assert_ne!(normalize("а"), normalize("a"));
        assert_ne!(normalize("МСЭ-Т"), normalize("МСЭ-T"));
        assert_ne!(normalize("сор"), normalize("cop"));
        assert_ne!(normalize("Α"), normalize("A"));
        assert_eq!(normalize("Решает"), normalize("решает"));
        assert_eq!(normalize("ПОРУЧАЕТ"), "поручает");
        assert_eq!(normalize("утверждённые"), normalize("утвержденные"));
        assert_eq!(normalize("Straße"), normalize("STRASSE"));
        assert_eq!(normalize("ΟΔΟΣ"), normalize("οδος"));
        assert_eq!(normalize("ΟΔΟΣ"), normalize("οδοσ"));
    }

    #[test]
    fn cjk_is_compared_per_character() {
        let words: Vec<&str> = tokenize("考虑到ITU-T建议书（TSB），テレビ")
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.text)
            .collect();
        assert_eq!(
            words,
            ["考", "虑", "到", "ITU-T", "建", "议", "书", "TSB", "テ", "レ", "ビ"]
        );
        assert_eq!(word_keys("六个月内"), ["六", "个", "月", "内"]);
        // Full-width forms meet their ASCII spelling in keys.
        assert_eq!(normalize("（TSB），"), normalize("(tsb),"));
        let text = "a)\t世界电信标准化全会（2022年，日内瓦），";
        let joined: String = tokenize(text).iter().map(|t| t.text).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn english_terms_inside_arabic_and_chinese() {
        let ar = tokenize("أن ينشر مكتب تقييس الاتصالات (TSB) النصوص");
        assert!(ar.iter().any(|t| t.text == "TSB" && t.key == "tsb"));
        assert_eq!(
            ar.iter().map(|t| t.text).collect::<String>(),
            "أن ينشر مكتب تقييس الاتصالات (TSB) النصوص"
        );
        assert_eq!(
            word_keys("向电信标准化顾问组（TSAG）报告"),
            ["向", "电", "信", "标", "准", "化", "顾", "问", "组", "tsag", "报", "告"]
        );
    }

    /// The general segmentation, for comparing the fast path with.
    fn slow_tokenize(text: &str) -> Vec<(String, String, TokenKind)> {
        assemble(text, text.split_word_bound_indices().collect())
            .into_iter()
            .map(|t| (t.text.to_string(), t.key.into_owned(), t.kind))
            .collect()
    }

    #[test]
    fn fast_segmentation_matches_uax29_on_typical_text() {
        for text in [
            "WHEN we look to the individuals \u{2014} don\u{2019}t they differ? \u{201C}Yes,\u{201D} 3.5\u{2013}4.",
            "Caf\u{e9} d\u{e9}j\u{e0}-vu, na\u{ef}ve\u{a0}co\u{f6}peration; U.S.A. 1,000;2 a:b",
            "l\u{2018}homme l\u{2019}\u{e9}t\u{e9}\u{2026} \u{ab}guillemets\u{bb} \u{2030}",
        ] {
            assert!(simple_bounds(text).is_some(), "{text}");
            let fast: Vec<(String, String, TokenKind)> = tokenize(text)
                .into_iter()
                .map(|t| (t.text.to_string(), t.key.into_owned(), t.kind))
                .collect();
            assert_eq!(fast, slow_tokenize(text), "{text}");
        }
    }

    proptest::proptest! {
        #[test]
        fn fast_segmentation_matches_uax29(
            text in "[a-cA-C0-2 ,.:;'\\-\u{e9}\u{f1}\u{c9}\u{a0}\u{2019}\u{2018}\u{2014}\u{2013}\u{2026}\u{ab}\u{bb}\u{201c}\u{80}\u{94}\u{85}\u{a6}\u{b6}\u{b0}\u{e6}!?\n\t]{0,40}"
        ) {
            let fast: Vec<(String, String, TokenKind)> = tokenize(&text)
                .into_iter()
                .map(|t| (t.text.to_string(), t.key.into_owned(), t.kind))
                .collect();
            proptest::prop_assert_eq!(fast, slow_tokenize(&text));
        }
    }

    fn triples(tokens: Vec<Token<'_>>) -> Vec<(String, String, TokenKind)> {
        tokens
            .into_iter()
            .map(|t| (t.text.to_string(), t.key.into_owned(), t.kind))
            .collect()
    }

    proptest::proptest! {
        /// The one-pass tokenizer gives what the pieces of the general
        /// fast path give, on any ASCII but the underscore and on Latin
        /// letters, dashes, quotes and Latin-1 symbols.
        #[test]
        fn one_pass_tokenizer_matches_simple_bounds(
            text in "[ -^`-~\t\n\x0b\x0c\r\x01\x1f\u{e9}\u{c9}\u{a0}\u{85}\u{2019}\u{2018}\u{2010}\u{2014}\u{2026}\u{80}\u{b6}]{0,40}"
        ) {
            let general = assemble(&text, simple_bounds(&text).unwrap_or_default());
            proptest::prop_assert_eq!(triples(tokenize_simple(&text)), triples(general));
        }

        /// The ASCII tokenizer gives what the one-pass tokenizer gives.
        #[test]
        fn ascii_tokenizer_matches_one_pass(text in "[ -^`-~\\t\\n\\x0b\\x0c\\r\\x01\\x1f]{0,40}") {
            proptest::prop_assert_eq!(triples(tokenize_ascii(&text)), triples(tokenize_simple(&text)));
        }

        /// ... and what UAX #29 gives on words, numbers and punctuation.
        #[test]
        fn one_pass_tokenizer_matches_uax29(text in "[a-cA-C0-2 ,.:;'\\-!?()\t\n]{0,40}") {
            proptest::prop_assert_eq!(triples(tokenize(&text)), slow_tokenize(&text));
        }
    }

    proptest::proptest! {
        /// Normalising from the tokens gives what normalising the text does.
        #[test]
        fn normalized_from_tokens_matches_normalize(
            text in "[a-cA-C0-2 ,.:;'\\-_!?()\t\n\u{a0}\u{ad}\u{2010}\u{2014}\u{200b}\u{e9}\u{c9}\u{301}\u{df}\u{fb01}\u{bc}\u{2019}\u{201c}\u{627}\u{644}\u{64e}\u{640}\u{661}\u{4e2d}\u{6587}\u{30ab}\u{ff76}\u{3000}\u{436}\u{451}\u{3c2}`]{0,40}"
        ) {
            proptest::prop_assert_eq!(normalized_from_tokens(&text, &tokenize(&text)), normalize(&text));
        }

        /// A token's key is its text normalised.
        #[test]
        fn key_of_is_normalize(text in "[a-cA-C0-2,.'`\\-!()\u{e9}\u{c9} ]{1,12}") {
            proptest::prop_assert_eq!(key_of(&text).into_owned(), normalize(&text));
        }

        /// The byte-wise test of simple text agrees with the test of each
        /// character.
        #[test]
        fn all_simple_is_every_character_simple(
            text in "[a-zA-Z0-9 _,.\u{e9}\u{a0}\u{2014}\u{301}\u{4e2d}\u{80}]{0,40}"
        ) {
            proptest::prop_assert_eq!(all_simple(&text), text.chars().all(is_simple));
        }

        /// Keys get equal numbers exactly when they are equal, however
        /// long (short keys are numbered by a packed integer).
        #[test]
        fn key_numbers_tell_keys_apart(
            words in proptest::collection::vec("[ab\u{0}\u{e9}]{0,9}", 0..30)
        ) {
            let text = words.join(" ");
            let tokens = tokenize(&text);
            let mut numbers = KeyNumbers::default();
            let keys = numbers.number(&tokens);
            for (i, a) in tokens.iter().enumerate() {
                proptest::prop_assert_eq!(numbers.get(&a.key), Some(keys[i]));
                proptest::prop_assert_eq!(numbers.key(keys[i]), &*a.key);
                for (j, b) in tokens.iter().enumerate() {
                    proptest::prop_assert_eq!(keys[i] == keys[j], a.key == b.key);
                }
            }
        }

        /// ... on any text at all.
        #[test]
        fn normalized_from_tokens_matches_normalize_anywhere(text in "\\PC{0,30}") {
            proptest::prop_assert_eq!(normalized_from_tokens(&text, &tokenize(&text)), normalize(&text));
        }
    }

    #[test]
    fn packed_keys_differ_in_length() {
        assert_ne!(packed("ab"), packed("ab\u{0}"));
        assert_ne!(packed(""), packed("\u{0}"));
        assert_eq!(packed("abcdefg").map(|p| p >> 56), Some(7));
        assert_eq!(packed("abcdefgh"), None);
    }

    #[test]
    fn dash_between_spaces_is_punctuation() {
        let tokens = tokenize("one - two");
        assert_eq!(tokens.len(), 5);
        assert_eq!(tokens[2].kind, TokenKind::Punct);
    }
}
