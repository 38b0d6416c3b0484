//! Splitting text into tokens: byte by byte for plain text, by Unicode
//! word boundaries (UAX #29) otherwise.

use super::*;

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
    tokenize_general(text)
}

/// [`tokenize`], the tokens put after those of `tokens` (a text tokenised
/// a piece at a time grows one list).
pub fn tokenize_into<'a>(text: &'a str, tokens: &mut Vec<Token<'a>>) {
    if text.is_ascii() && !text.contains('_') {
        ascii_into(text, tokens);
    } else if all_simple(text) {
        simple_into(text, tokens);
    } else {
        tokens.extend(tokenize_general(text));
    }
}

/// [`tokenize`] by Unicode word boundaries, for text the faster splitters
/// do not take.
fn tokenize_general(text: &str) -> Vec<Token<'_>> {
    let pieces: Vec<(usize, &str)> = match simple_bounds(text) {
        Some(pieces) => pieces,
        None => split_at_narrow_spaces(text.split_word_bound_indices().collect()),
    };
    assemble(text, pieces)
}

/// The narrow no-break space (U+202F) is a space, as the thousands
/// separator of "10 000" in French and SI typography, but UAX #29 joins
/// digits and letters across it (WB13a/b, ExtendNumLet): "10 000" would be
/// one word against the "10 000" of a version typed with a plain space.
/// Pieces holding one are cut around it.
fn split_at_narrow_spaces(pieces: Vec<(usize, &str)>) -> Vec<(usize, &str)> {
    const NARROW: char = '\u{202F}';
    if !pieces
        .iter()
        .any(|(_, p)| p.len() > NARROW.len_utf8() && p.contains(NARROW))
    {
        return pieces;
    }
    let mut out = Vec::with_capacity(pieces.len() + 4);
    for (start, piece) in pieces {
        if piece.len() == NARROW.len_utf8() || !piece.contains(NARROW) {
            out.push((start, piece));
            continue;
        }
        let mut from = 0;
        for (at, _) in piece.match_indices(NARROW) {
            if at > from {
                out.push((start + from, &piece[from..at]));
            }
            let end = at + NARROW.len_utf8();
            out.push((start + at, &piece[at..end]));
            from = end;
        }
        if from < piece.len() {
            out.push((start + from, &piece[from..]));
        }
    }
    out
}

/// Pieces of `text` that tokenise apart exactly as they do within it, as
/// byte ranges in order, together the whole text (none for an empty one).
///
/// A piece ends only where an ASCII space, tab or line break is followed by
/// an ASCII letter or digit: a word boundary under every rule (UAX #29
/// never joins white space to a letter, and no token glues across white
/// space), so the tokens of the whole are the tokens of its pieces one
/// after the other. Of those places, a piece ends at each that follows a
/// comma, semicolon or full stop and one space: clauses, cut alike in
/// every text that has them wherever they stand, so that the pieces of
/// texts that differ in a few words are mostly the same pieces. (Those
/// marks are rare enough to be looked for with `memchr`, where testing
/// every space cost more than the tokens the pieces saved.)
pub fn pieces(text: &str) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len() / 32 + 1);
    let mut start = 0;
    for mark in memchr::memchr3_iter(b',', b';', b'.', bytes) {
        let cut = mark + 2;
        if bytes.get(mark + 1) == Some(&b' ')
            && bytes.get(cut).is_some_and(u8::is_ascii_alphanumeric)
        {
            out.push((start, cut));
            start = cut;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// [`tokenize`] for ASCII text without underscores, byte by byte: what
/// [`tokenize_simple`] gives, faster still on the most common text.
pub(super) fn tokenize_ascii(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 2 + 1);
    ascii_into(text, &mut tokens);
    tokens
}

/// [`tokenize_ascii`], the tokens pushed onto `tokens`.
fn ascii_into<'a>(text: &'a str, tokens: &mut Vec<Token<'a>>) {
    let bytes = text.as_bytes();
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
}

/// The end of the ASCII word piece starting at `start` (a letter or digit):
/// letters and digits, joined across a middle character where UAX #29
/// joins them (the rules of [`simple_bounds`]).
pub(super) fn ascii_word_end(bytes: &[u8], start: usize) -> usize {
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
pub(super) fn tokenize_simple(text: &str) -> Vec<Token<'_>> {
    // English runs near one token in three bytes, words and spaces
    // alternating: room for one in two saves growing the vector.
    let mut tokens = Vec::with_capacity(text.len() / 2 + 1);
    simple_into(text, &mut tokens);
    tokens
}

/// [`tokenize_simple`], the tokens pushed onto `tokens`.
fn simple_into<'a>(text: &'a str, tokens: &mut Vec<Token<'a>>) {
    let char_at = |i: usize| match text.as_bytes().get(i) {
        Some(&b) if b.is_ascii() => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|rest| rest.chars().next()),
        None => None,
    };
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
}

/// The end of a word piece whose first character ends at `from`: letters
/// and digits, joined across a middle character where UAX #29 joins them
/// (the rules of [`simple_bounds`]).
pub(super) fn simple_word_end(text: &str, from: usize) -> usize {
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
pub(super) fn assemble<'a>(text: &'a str, pieces: Vec<(usize, &'a str)>) -> Vec<Token<'a>> {
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
                // White space with a mark clinging to it (UAX #29's WB4) is
                // no word to glue, however alphabetic the mark.
                if !single_joiner
                    || classify(next) != TokenKind::Word
                    || next.starts_with(char::is_whitespace)
                    || next.chars().any(is_cjk)
                {
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
pub(super) fn joins_word(before: char, mid: char, after: char) -> bool {
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
pub(super) fn all_simple(text: &str) -> bool {
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
pub(super) fn is_simple(c: char) -> bool {
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
pub(super) fn simple_bounds(text: &str) -> Option<Vec<(usize, &str)>> {
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
pub(super) fn push_cjk_word<'a>(tokens: &mut Vec<Token<'a>>, piece: &'a str) {
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

pub(super) fn push_word<'a>(tokens: &mut Vec<Token<'a>>, text: &'a str) {
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
pub(super) fn ascii_word_keys(text: &str) -> Vec<Cow<'_, str>> {
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

pub(super) fn classify(piece: &str) -> TokenKind {
    if piece.chars().all(char::is_whitespace) {
        TokenKind::Space
    } else if piece.chars().any(char::is_alphanumeric) {
        TokenKind::Word
    } else {
        TokenKind::Punct
    }
}
