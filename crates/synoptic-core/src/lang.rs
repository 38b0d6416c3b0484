//! Languages and writing directions: which of the six official languages of
//! the UN and the ITU a text is in, and which way a piece of text runs.
//!
//! Detection is by script first (Arabic, Chinese, Cyrillic, Latin) and, for
//! the Latin languages, by the resolution openers and the commonest function
//! words of each, which a few lines of any resolution contain.

use crate::structure::{LineStart, Openers};
use crate::tokens::is_cjk;

/// One of the six official languages.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    /// Arabic (written right to left).
    Ar,
    /// Chinese (written without spaces between words).
    Zh,
    /// English.
    En,
    /// French.
    Fr,
    /// Russian.
    Ru,
    /// Spanish.
    Es,
}

impl Language {
    /// The six, in the order of their codes.
    pub const ALL: [Language; 6] = [
        Language::Ar,
        Language::Zh,
        Language::En,
        Language::Fr,
        Language::Ru,
        Language::Es,
    ];

    /// The ISO 639-1 code ("ar", "zh", "en", "fr", "ru", "es").
    pub fn code(self) -> &'static str {
        match self {
            Language::Ar => "ar",
            Language::Zh => "zh",
            Language::En => "en",
            Language::Fr => "fr",
            Language::Ru => "ru",
            Language::Es => "es",
        }
    }

    /// The language of an ISO 639-1 code, case-insensitive.
    pub fn from_code(code: &str) -> Option<Language> {
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The direction the language is written in.
    pub fn direction(self) -> Direction {
        match self {
            Language::Ar => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }
}

/// The direction of a piece of text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// Left to right (Latin, Cyrillic, Chinese, ...).
    Ltr,
    /// Right to left (Arabic, Hebrew, Syriac, Thaana, N'Ko).
    Rtl,
    /// No letters to tell (numbers, punctuation, nothing).
    Neutral,
}

impl Direction {
    /// The value of the HTML `dir` attribute: "ltr", "rtl" or "auto".
    pub fn html(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
            Direction::Neutral => "auto",
        }
    }
}

/// Whether a character is a letter of a right-to-left script.
fn is_rtl_letter(c: char) -> bool {
    matches!(
        c,
        '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}'
    ) && c.is_alphabetic()
}

/// The direction of a text by the majority of its letters: an Arabic
/// paragraph quoting an English term ("(TSB)") stays right to left, an
/// English one quoting an Arabic word stays left to right. Unlike the
/// first-strong rule of `dir="auto"`, a paragraph that happens to start
/// with a Latin abbreviation keeps the direction of its language.
pub fn direction(text: &str) -> Direction {
    if text.is_ascii() {
        return if text.bytes().any(|b| b.is_ascii_alphabetic()) {
            Direction::Ltr
        } else {
            Direction::Neutral
        };
    }
    let (mut rtl, mut ltr) = (0usize, 0usize);
    for c in text.chars() {
        // ASCII, most text, is never right to left.
        if c.is_ascii() {
            ltr += usize::from(c.is_ascii_alphabetic());
            continue;
        }
        if is_rtl_letter(c) {
            rtl += 1;
        } else if c.is_alphabetic() {
            ltr += 1;
        }
    }
    match (rtl, ltr) {
        (0, 0) => Direction::Neutral,
        (r, l) if r > l => Direction::Rtl,
        _ => Direction::Ltr,
    }
}

/// Characters of each script in a text.
#[derive(Debug, Default)]
struct ScriptCounts {
    arabic: usize,
    cjk: usize,
    cyrillic: usize,
    latin: usize,
}

fn script_counts(text: &str) -> ScriptCounts {
    let mut n = ScriptCounts::default();
    if text.is_ascii() {
        // Counted without a branch a byte, in byte-wide sums of up to 255
        // bytes, which the compiler vectorises.
        n.latin = text
            .as_bytes()
            .chunks(255)
            .map(|chunk| {
                let letters = chunk
                    .iter()
                    .fold(0u8, |n, b| n + u8::from((b | 0x20).wrapping_sub(b'a') < 26));
                usize::from(letters)
            })
            .sum();
        return n;
    }
    for c in text.chars() {
        // Most text is ASCII, where only the Latin count can change.
        if c.is_ascii() {
            n.latin += usize::from(c.is_ascii_alphabetic());
            continue;
        }
        if is_cjk(c) {
            n.cjk += 1;
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) && c.is_alphabetic() {
            n.arabic += 1;
        } else if ('\u{0400}'..='\u{04FF}').contains(&c) {
            n.cyrillic += 1;
        } else if c.is_alphabetic()
            && (u32::from(c) < 0x0250 || ('\u{1E00}'..='\u{1EFF}').contains(&c))
        {
            n.latin += 1;
        }
    }
    n
}

/// Function words frequent in one Latin-script language and rare in the
/// others.
fn function_words(language: Language) -> &'static [&'static str] {
    match language {
        Language::En => &[
            "the", "of", "and", "that", "to", "on", "for", "with", "which",
        ],
        Language::Fr => &[
            "le", "les", "des", "du", "et", "une", "pour", "dans", "sur", "aux",
        ],
        Language::Es => &[
            "el", "los", "las", "del", "y", "una", "para", "por", "con", "sobre",
        ],
        _ => &[],
    }
}

/// Each function word of English, French and Spanish as a number (its
/// bytes, at most 6, see [`word_number`]) with the languages that have it
/// (bit 0 English, 1 French, 2 Spanish), sorted by number.
fn function_word_lookup() -> &'static [(u64, u8)] {
    static LOOKUP: std::sync::OnceLock<Vec<(u64, u8)>> = std::sync::OnceLock::new();
    LOOKUP.get_or_init(|| {
        let mut lookup: Vec<(u64, u8)> = Vec::new();
        for (bit, language) in [Language::En, Language::Fr, Language::Es]
            .iter()
            .enumerate()
        {
            for word in function_words(*language) {
                let number = word_number(word.as_bytes());
                match lookup.iter_mut().find(|(n, _)| *n == number) {
                    Some((_, languages)) => *languages |= 1 << bit,
                    None => lookup.push((number, 1 << bit)),
                }
            }
        }
        lookup.sort_unstable();
        lookup
    })
}

/// A word of at most 6 ASCII bytes as a number, lower-cased: two words
/// differ in lower case exactly when their numbers differ.
fn word_number(word: &[u8]) -> u64 {
    word.iter()
        .fold(0u64, |n, b| (n << 8) | u64::from(b.to_ascii_lowercase()))
}

/// Whether each byte is an ASCII letter or digit: looked up, a byte of
/// text costs a load rather than three comparisons.
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// The language a text is most likely in, or `None` when it has no
/// letters of the six languages' scripts. Chinese wins over Latin letters
/// quoted in it, and Arabic over English abbreviations in it, since a
/// Chinese character weighs as much as a short Latin word.
pub fn detect_language(text: &str) -> Option<Language> {
    // A sample tells the language as well as the whole and bounds the work
    // on large inputs: the first 16 KiB, cut at a character boundary.
    let mut end = text.len().min(16 * 1024);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let text = &text[..end];
    // Readers ask about each input more than once (when planning how to
    // read all the inputs, then when reading each): the last answers are
    // remembered with the samples they were given for.
    // Each sample is known by a hash first: the versions of one text share
    // most of their first 16 KiB, and comparing a sample with every one
    // remembered cost more than detecting.
    type Answers = Vec<(u64, Box<str>, Option<Language>)>;
    static RECENT: std::sync::Mutex<Answers> = std::sync::Mutex::new(Vec::new());
    const REMEMBERED: usize = 64;
    let recent = |f: &mut dyn FnMut(&mut Answers)| {
        // A poisoned lock only loses the memory of earlier answers.
        if let Ok(mut guard) = RECENT.lock() {
            f(&mut guard);
        }
    };
    let hash = {
        use std::hash::{Hash, Hasher};
        let mut hasher = rustc_hash::FxHasher::default();
        text.hash(&mut hasher);
        hasher.finish()
    };
    let mut known = None;
    recent(&mut |list| {
        known = list
            .iter()
            .find(|(h, s, _)| *h == hash && **s == *text)
            .map(|(_, _, l)| *l);
    });
    if let Some(language) = known {
        return language;
    }
    let language = detect_in_sample(text);
    recent(&mut |list| {
        if list.len() >= REMEMBERED {
            list.remove(0);
        }
        list.push((hash, text.into(), language));
    });
    language
}

/// [`detect_language`] of a sample already cut to size.
fn detect_in_sample(text: &str) -> Option<Language> {
    let n = script_counts(text);
    let scores = [
        (Language::Ar, n.arabic),
        (Language::Zh, n.cjk * 3),
        (Language::Ru, n.cyrillic),
        (Language::En, n.latin),
    ];
    let (best, score) = scores.into_iter().max_by_key(|(_, s)| *s)?;
    if score == 0 {
        return None;
    }
    if best != Language::En {
        return Some(best);
    }
    // Latin: English, French or Spanish by openers (worth many words) and
    // function words.
    let mut votes = [(Language::En, 0usize), (Language::Fr, 0), (Language::Es, 0)];
    let openers = votes.map(|(language, _)| Openers::for_language(language));
    for line in crate::structure::lines(text).take(400) {
        // The line's first words are worked out once for the three lists.
        let start = LineStart::new(line);
        for ((_, count), openers) in votes.iter_mut().zip(&openers) {
            if openers.match_line(&start).is_some() {
                *count += 10;
            }
        }
    }
    // Function words: the first few thousand words say it as well as more
    // (a long single-line input, such as a JSON file, is otherwise one
    // line of 16 KiB).
    const WORDS: usize = 4000;
    let lookup = function_word_lookup();
    // Function words are short and ASCII: compared lower-cased, as numbers.
    let mut vote = |word: &[u8]| {
        let number = word_number(word);
        if let Ok(at) = lookup.binary_search_by_key(&number, |(n, _)| *n) {
            let languages = lookup[at].1;
            for (i, (_, count)) in votes.iter_mut().enumerate() {
                if languages & (1 << i) != 0 {
                    *count += 1;
                }
            }
        }
    };
    if text.is_ascii() {
        // ASCII text (most of it) is split byte by byte, into the same
        // words as below: runs of letters and digits of up to 6 bytes.
        for word in text
            .as_bytes()
            .split(|b| !WORD_BYTE[usize::from(*b)])
            .filter(|w| !w.is_empty() && w.len() <= 6)
            .take(WORDS)
        {
            vote(word);
        }
    } else {
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty() && w.len() <= 6)
            .take(WORDS)
            .filter(|w| w.is_ascii())
        {
            vote(word.as_bytes());
        }
    }
    // Ties go to English, the first.
    let best = votes
        .into_iter()
        .rev()
        .max_by_key(|(_, count)| *count)
        .map_or(Language::En, |(l, _)| l);
    Some(best)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for l in Language::ALL {
            assert_eq!(Language::from_code(l.code()), Some(l));
        }
        assert_eq!(Language::from_code("ZH"), Some(Language::Zh));
        assert_eq!(Language::from_code("de"), None);
    }

    #[test]
    fn directions() {
        assert_eq!(
            direction("أن ينشر مكتب تقييس الاتصالات (TSB) النصوص"),
            Direction::Rtl
        );
        assert_eq!(direction("TSB أن ينشر مكتب"), Direction::Rtl);
        assert_eq!(direction("the word مكتب in English"), Direction::Ltr);
        assert_eq!(direction("电信标准化局（TSB）"), Direction::Ltr);
        assert_eq!(direction("(1), 2022."), Direction::Neutral);
        assert_eq!(direction(""), Direction::Neutral);
        assert_eq!(Direction::Rtl.html(), "rtl");
        assert_eq!(Language::Ar.direction(), Direction::Rtl);
    }

    #[test]
    fn detects_the_six() {
        let cases = [
            (
                "considering\na)\tthat the Union and its Members;\nresolves\n1\tthat",
                Language::En,
            ),
            (
                "considérant\na)\tque les Membres de l'Union et des pays;\ndécide",
                Language::Fr,
            ),
            (
                "considerando\na)\tque los Miembros de la Unión y el mundo;\nresuelve",
                Language::Es,
            ),
            (
                "учитывая\nа)\tчто МСЭ-Т (ITU-T) и Союз;\nрешает",
                Language::Ru,
            ),
            (
                "إذ تضع في اعتبارها\nأ)\tأن مكتب تقييس الاتصالات (TSB) ITU-T;",
                Language::Ar,
            ),
            (
                "考虑到\na)\t国际电联电信标准化部门（ITU-T）的建议书；",
                Language::Zh,
            ),
        ];
        for (text, language) in cases {
            assert_eq!(detect_language(text), Some(language), "{text}");
        }
        assert_eq!(detect_language("1, 2, 3 -- ()"), None);
        assert_eq!(detect_language(""), None);
    }
}
