//! Matching a line against a table of section openers.

#[allow(unused_imports)]
use super::*;

use std::sync::{Arc, OnceLock};

use crate::lang::Language;
use crate::tokens::{is_cjk, normalize};

mod designated;
mod index;
mod line_start;

use designated::{cjk_unit_heading, CJK_UNIT_KEYWORDS};
pub(crate) use designated::{designated, is_unit_designator, CODE_PREFIXES};
use index::{FirstWords, PatternIndex};
pub(crate) use line_start::LineStart;
use line_start::{AfterLabel, WordKey};

/// What may follow an opener's keyword on its line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TailRule {
    /// At most a few words ("noting with concern"), and no sentence
    /// punctuation at the end: "noting that ... ;" is a paragraph.
    Short,
    /// An addressee of up to 30 words ("instructs the Director of the
    /// Telecommunication Standardization Bureau, in collaboration with ..."),
    /// but no infinitive: "requests the Secretary-General to report" is a
    /// paragraph. Written `keyword ...` in a list.
    Addressee,
    /// A free title of up to 12 words ("Annex to Resolution 44"). Written
    /// `keyword *` in a list.
    Title,
    /// A designator (number, roman numeral or letter) and a title
    /// ("Programme 1: Strengthening ..."). Written `keyword #` in a list.
    Numbered,
    /// The heading of a unit of legislation: a designator ("101", "XI",
    /// "A", "5a"), then an optional caption ("SHORT TITLE.", "—GENERAL
    /// PROVISIONS", "Definitions"). A sentence after the designator or the
    /// caption ("Section 1. This Act may be cited as ...") is the section's
    /// first paragraph, [`OpenerMatch::body`]; a lowercase word straight
    /// after the designator ("Section 5 of the Act is amended") makes the
    /// line a paragraph. Written `keyword ##` in a list.
    Designated,
}

/// One opener keyword and what may follow it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenerPattern {
    /// The keyword in lowercase, words separated by one space ("recognizing also").
    pub keyword: String,
    /// The keyword's words, for matching.
    words: Vec<String>,
    /// What may follow the keyword.
    pub tail: TailRule,
}

/// A configurable list of section openers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Openers {
    /// Shared: every input file of a run reads with the same list.
    patterns: Arc<Vec<OpenerPattern>>,
    /// Where in the list each first word's patterns are.
    index: Arc<PatternIndex>,
    /// What a line's first word must be for any pattern to match it, for
    /// each set of patterns a line may be matched against ([`Only`]).
    first_words: Arc<[FirstWords; 3]>,
}

impl Default for Openers {
    /// The ITU/UN list, [`Openers::itu`].
    fn default() -> Self {
        Openers::itu()
    }
}

/// A line recognised as a section opener.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenerMatch {
    /// The keyword of the list that matched, lowercase ("instructs").
    pub keyword: String,
    /// True when the line is the keyword alone (bar italics and a trailing
    /// comma or colon).
    pub whole_line: bool,
    /// What follows the keyword, as written ("the Director of the
    /// Telecommunication Standardization Bureau"), without trailing comma
    /// or colon; empty when [`OpenerMatch::whole_line`].
    pub tail: String,
    /// The opener as written, trimmed, without italic markers or label.
    pub text: String,
    /// A label written before a heading ("I" in "I<TAB>Programme 1: ...").
    pub label: Option<String>,
    /// The text after a legislative heading on the same line, which starts
    /// the section's first paragraph ("This Act may be cited as ..." after
    /// "Section 1."); [`OpenerMatch::text`] then holds the heading alone.
    pub body: Option<String>,
}

impl Openers {
    /// The openers of ITU and UN resolutions ([`ITU_OPENERS`]).
    pub fn itu() -> Self {
        Openers::for_language(Language::En)
    }

    /// The openers of resolutions in `language`: [`ITU_OPENERS`] for
    /// English, [`FR_OPENERS`], [`ES_OPENERS`], [`RU_OPENERS`],
    /// [`AR_OPENERS`] or [`ZH_OPENERS`] for the others.
    pub fn for_language(language: Language) -> Self {
        // Made once per language and run, then shared.
        static MADE: [OnceLock<Openers>; Language::ALL.len()] =
            [const { OnceLock::new() }; Language::ALL.len()];
        let index = Language::ALL
            .iter()
            .position(|l| *l == language)
            .unwrap_or(0);
        MADE[index]
            .get_or_init(|| Openers::from_list(opener_list(language)))
            .clone()
    }

    /// The openers of all six languages at once, for a text whose language
    /// is unknown or mixed.
    pub fn all_languages() -> Self {
        static MADE: OnceLock<Openers> = OnceLock::new();
        MADE.get_or_init(|| {
            Openers::from_list(Language::ALL.iter().flat_map(|l| opener_list(*l).iter()))
        })
        .clone()
    }

    /// No openers at all: every line is a paragraph.
    pub fn empty() -> Self {
        Openers {
            patterns: Arc::new(Vec::new()),
            index: Arc::default(),
            first_words: Arc::default(),
        }
    }

    /// Openers from a list, one keyword per entry, e.g. read from a file one
    /// per line. An entry ending in `...` takes an addressee ("instructs
    /// ..."), one ending in ` *` a free title ("annex *"), one ending in ` #`
    /// a designator and title ("programme #"); any other entry allows only a
    /// short tail, one ending in ` ##` a legislative heading
    /// ([`TailRule::Designated`]: "sec. ##", "article ##"). Blank entries and
    /// entries starting with `#` are ignored.
    /// Matching is case-insensitive.
    pub fn from_list<I, S>(entries: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let mut patterns = Vec::new();
        for entry in entries {
            let entry = entry.as_ref().trim();
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            let (phrase, tail) = if let Some(p) = entry
                .strip_suffix("...")
                .or_else(|| entry.strip_suffix('\u{2026}'))
            {
                (p, TailRule::Addressee)
            } else if let Some(p) = entry.strip_suffix(" ##") {
                (p, TailRule::Designated)
            } else if let Some(p) = entry.strip_suffix(" *") {
                (p, TailRule::Title)
            } else if let Some(p) = entry.strip_suffix(" #") {
                (p, TailRule::Numbered)
            } else {
                (entry, TailRule::Short)
            };
            let words: Vec<String> = phrase
                .split_whitespace()
                .map(keyword_word)
                .filter(|w| !w.is_empty())
                .collect();
            if words.is_empty() {
                continue;
            }
            let keyword = words.join(" ");
            if patterns
                .iter()
                .any(|p: &OpenerPattern| p.keyword == keyword)
            {
                continue;
            }
            patterns.push(OpenerPattern {
                keyword,
                words,
                tail,
            });
        }
        Openers {
            first_words: Arc::new(
                [Only::Any, Only::Headings, Only::Designated]
                    .map(|only| FirstWords::new(patterns.iter().filter(|p| only.allows(p)))),
            ),
            index: Arc::new(PatternIndex::new(&patterns)),
            patterns: Arc::new(patterns),
        }
    }

    /// The patterns in list order.
    pub fn patterns(&self) -> &[OpenerPattern] {
        &self.patterns
    }

    /// Whether `line` is a section opener, and which.
    ///
    /// The line must start with a keyword of the list (case-insensitive,
    /// italic markers `*` and `_` stripped) and be short: what follows the
    /// keyword must fit its [`TailRule`]. A heading keyword (`annex *`,
    /// `programme #`) may be preceded by a label ("I<TAB>Programme 1: ...").
    pub fn match_opener(&self, line: &str) -> Option<OpenerMatch> {
        self.match_line(&LineStart::new(line))
    }

    /// [`Openers::match_opener`] of a line whose start is already worked
    /// out, for a line matched against several lists.
    pub(crate) fn match_line(&self, start: &LineStart<'_>) -> Option<OpenerMatch> {
        let line = start.line;
        // Real openers are short; this also bounds the work on hostile
        // input. A legislative heading may carry its section's first
        // paragraph, of any length, and is matched on its first words only.
        if line.len() > 600 {
            if !self.may_open(Only::Designated, start.first.as_ref()) {
                return None;
            }
            return self.match_body(line, Only::Designated);
        }
        if self.may_open(Only::Any, start.first.as_ref()) {
            if let Some(m) = self.match_body(line, Only::Any) {
                return Some(m);
            }
        }
        if line.trim_start().starts_with('\u{7B2C}') && self.has_unit(CJK_UNIT_KEYWORDS) {
            return cjk_unit_heading(line);
        }
        match &start.after_label {
            AfterLabel::Nothing => return None,
            AfterLabel::Word(key)
                if !self.may_open(Only::Headings, Some(key))
                    && !self.may_open(Only::Designated, Some(key)) =>
            {
                return None
            }
            _ => {}
        }
        let (label, rest) = split_label(line)?;
        if let Some(mut m) = self.match_body(rest, Only::Headings) {
            m.label = Some(label.to_string());
            return Some(m);
        }
        self.match_ordinal_heading(line, label, rest)
    }

    /// A unit of legislation numbered before its keyword, as Swiss and
    /// Austrian statutes number chapters and divisions ("1. Kapitel:
    /// Allgemeine Bestimmungen", "2. Abschnitt"): an ordinal label, a
    /// keyword of a [`TailRule::Designated`] pattern without a designator
    /// of its own, then nothing, or a caption after a colon or a dash. The
    /// whole line is the heading (its slug takes the label as designator).
    fn match_ordinal_heading(&self, line: &str, label: &str, rest: &str) -> Option<OpenerMatch> {
        let core = label.strip_suffix('.')?;
        if !is_number(core, 3) {
            return None;
        }
        let word_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let word = &rest[..word_end];
        let key = keyword_word(word);
        let pattern = self
            .patterns
            .iter()
            .find(|p| p.tail == TailRule::Designated && p.words.len() == 1 && p.words[0] == key)?;
        let after = rest[word_end..].trim_start();
        let captioned = word.ends_with(':')
            || after.is_empty()
            || after.starts_with([':', '\u{2013}', '\u{2014}', '-']);
        if !captioned || after.ends_with([';', ',']) {
            return None;
        }
        Some(OpenerMatch {
            keyword: pattern.keyword.clone(),
            whole_line: false,
            tail: after
                .trim_start_matches([':', '\u{2013}', '\u{2014}', '-'])
                .trim()
                .to_string(),
            text: strip_italics(line).to_string(),
            label: None,
            body: None,
        })
    }

    /// Whether the list has a legislative heading of one of `keywords`
    /// ("article ##").
    fn has_unit(&self, keywords: &[&str]) -> bool {
        self.patterns
            .iter()
            .any(|p| p.tail == TailRule::Designated && keywords.contains(&p.keyword.as_str()))
    }

    /// Whether a text whose first word has the key `first` (`None`: an
    /// empty text) may match a pattern of the set `only`.
    fn may_open(&self, only: Only, first: Option<&WordKey>) -> bool {
        first.is_some_and(|key| self.first_words[only as usize].may_open(key.as_bytes()))
    }

    fn match_body(&self, line: &str, only: Only) -> Option<OpenerMatch> {
        let text = strip_italics(line);
        if text.is_empty() {
            return None;
        }
        // Every line of every input passes here: most lines start with a
        // word no opener starts with, which one comparison per pattern
        // rules out before anything is split or lower-cased further.
        let first = text.split_whitespace().next().unwrap_or("");
        let mut buffer = [0u8; 32];
        let first_words = &self.first_words[only as usize];
        let may_open = match ascii_keyword_word(first, &mut buffer) {
            Some(key) => first_words.may_open(key.as_bytes()),
            None => first_words.may_open(keyword_word(first).as_bytes()),
        };
        if !may_open {
            return None;
        }
        // Split and lower-case only the few words a keyword can span (and
        // the one after), once.
        let longest = self.index.longest;
        let words: Vec<(usize, &str)> = word_spans(text, longest + 1);
        let keys: Vec<String> = words
            .iter()
            .take(longest)
            .map(|(_, w)| keyword_word(w))
            .collect();
        let mut best: Option<(&OpenerPattern, Option<usize>)> = None;
        // Only the patterns that start with the first word can match it.
        let candidates = keys
            .first()
            .map(|first| self.index.candidates(first))
            .unwrap_or_default();
        for p in candidates.iter().filter_map(|&at| self.patterns.get(at)) {
            if !only.allows(p) {
                continue;
            }
            if p.words.len() > keys.len() {
                continue;
            }
            let Some(cut) = keyword_hit(&p.words, &keys, &words) else {
                continue;
            };
            let longer = |b: &OpenerPattern| {
                (b.words.len(), b.keyword.len()) < (p.words.len(), p.keyword.len())
            };
            if best.is_none_or(|(b, _)| longer(b)) {
                best = Some((p, cut));
            }
        }
        let (pattern, cut) = best?;
        let n = pattern.words.len();
        let tail_raw = match (cut, words.get(n)) {
            // Chinese: the tail starts inside the keyword's word.
            (Some(at), _) => text.get(at..).unwrap_or(""),
            (None, Some((start, _))) => text.get(*start..).unwrap_or(""),
            (None, None) => "",
        };
        if pattern.tail == TailRule::Designated {
            let (heading_end, body_start) = designated(tail_raw)?;
            let tail_at = text.len() - tail_raw.len();
            let heading = text.get(..tail_at + heading_end).unwrap_or(text).trim_end();
            let body = body_start
                .and_then(|at| text.get(tail_at + at..))
                .map(|b| b.trim().to_string())
                .filter(|b| !b.is_empty());
            return Some(OpenerMatch {
                keyword: pattern.keyword.clone(),
                whole_line: false,
                tail: tail_raw
                    .get(..heading_end)
                    .unwrap_or(tail_raw)
                    .trim()
                    .to_string(),
                text: heading.to_string(),
                label: None,
                body,
            });
        }
        let tail = tail_raw
            .trim()
            .trim_end_matches(OPENER_END)
            .trim_end()
            .to_string();
        let tail_words: Vec<&str> = tail.split_whitespace().collect();
        let tail_len = tail_length(&tail_words);
        let last = text.chars().last().unwrap_or(' ');
        let (semicolon, stop, comma) = (is_semicolon(last), is_full_stop(last), is_comma(last));
        let ok = if tail_words.is_empty() {
            !semicolon && !stop
        } else {
            match pattern.tail {
                TailRule::Short => tail_len <= 4 && !semicolon && !stop && !comma,
                TailRule::Addressee => {
                    tail_len <= 30 && !semicolon && !stop && !has_infinitive(&tail_words)
                }
                TailRule::Title => tail_len <= 12 && !semicolon && (!stop || tail_len == 1),
                // Handled above, before the tail is trimmed.
                TailRule::Designated => false,
                TailRule::Numbered => {
                    tail_len <= 30
                        && !semicolon
                        && (!stop || tail_len == 1)
                        && tail_words
                            .first()
                            .is_some_and(|w| is_designator(w.trim_end_matches([':', '.', ','])))
                }
            }
        };
        if !ok {
            return None;
        }
        Some(OpenerMatch {
            keyword: pattern.keyword.clone(),
            whole_line: tail.is_empty(),
            tail,
            text: text.to_string(),
            label: None,
            body: None,
        })
    }
}

/// Which patterns a line is matched against.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Only {
    /// Every pattern.
    Any = 0,
    /// Headings that may follow a label ("I<TAB>Programme 1").
    Headings = 1,
    /// Legislative headings, which may run on into a paragraph.
    Designated = 2,
}

impl Only {
    /// Whether a line matched this way may match `pattern`.
    fn allows(self, pattern: &OpenerPattern) -> bool {
        match self {
            Only::Any => true,
            Only::Headings => matches!(pattern.tail, TailRule::Title | TailRule::Numbered),
            Only::Designated => pattern.tail == TailRule::Designated,
        }
    }
}

/// Trims white space and the italic markers of Markdown-ish text
/// (`*considering*`, `_resolves_`).
pub(super) fn strip_italics(line: &str) -> &str {
    line.trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
}

/// The first `limit` words of `text` with their byte offsets.
pub(super) fn word_spans(text: &str, limit: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push((s, &text[s..i]));
                if out.len() >= limit {
                    return out;
                }
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// What may end an opener's line without making it a paragraph: a comma
/// or colon, in Latin, Arabic or full-width form.
pub(super) const OPENER_END: [char; 5] = [',', ':', '\u{060C}', '\u{FF0C}', '\u{FF1A}'];

/// [`keyword_word`] of a short ASCII word, lower-cased into `buffer`
/// without allocating (every line's first word passes here); `None` for a
/// word it does not cover, which [`keyword_word`] then takes.
pub(super) fn ascii_keyword_word<'b>(word: &str, buffer: &'b mut [u8; 32]) -> Option<&'b str> {
    let word = word.trim_end_matches(OPENER_END).as_bytes();
    // Of what normalising folds in ASCII, only case is left to fold here.
    if word.len() > buffer.len()
        || !word
            .iter()
            .all(|b| b.is_ascii_graphic() && *b != b'-' && *b != b'`')
    {
        return None;
    }
    let out = &mut buffer[..word.len()];
    out.copy_from_slice(word);
    out.make_ascii_lowercase();
    std::str::from_utf8(out).ok()
}

/// A word of a line as compared with a keyword: its comparison key
/// ([`normalize`]: lowercase, Arabic hamza and harakat folded), without the
/// comma or colon that may follow the last keyword word.
pub(super) fn keyword_word(word: &str) -> String {
    normalize(word.trim_end_matches(OPENER_END))
}

/// Whether a pattern's words start the line, and where the tail starts when
/// the last keyword ends inside a word (Chinese: "责成" in
/// "责成电信标准化局主任"): `Some(None)` for a match on whole words,
/// `Some(Some(offset))` for a match that ends inside the word, `None` for no
/// match.
pub(super) fn keyword_hit(
    pattern: &[String],
    keys: &[String],
    words: &[(usize, &str)],
) -> Option<Option<usize>> {
    let (last, init) = pattern.split_last()?;
    if !init.iter().zip(keys).all(|(k, w)| k == w) {
        return None;
    }
    let n = init.len();
    let key = keys.get(n)?;
    if key == last {
        return Some(None);
    }
    // Only a keyword ending in a Han character may end inside a word, and
    // only where the word's characters are compared one by one.
    if !last.chars().last().is_some_and(is_cjk) || !key.starts_with(last.as_str()) {
        return None;
    }
    let (start, word) = words.get(n)?;
    let chars = last.chars().count();
    let offset = word.char_indices().nth(chars).map(|(i, _)| i)?;
    Some(Some(start + offset))
}

/// The length of an opener's tail in words, a run of Chinese or Japanese
/// counting one word per two characters.
pub(super) fn tail_length(words: &[&str]) -> usize {
    words
        .iter()
        .map(|w| 1 + w.chars().filter(|c| is_cjk(*c)).count() / 2)
        .sum()
}

pub(super) fn is_semicolon(c: char) -> bool {
    matches!(c, ';' | '\u{061B}' | '\u{FF1B}')
}

pub(super) fn is_full_stop(c: char) -> bool {
    matches!(c, '.' | '\u{3002}' | '\u{FF0E}' | '\u{06D4}')
}

pub(super) fn is_comma(c: char) -> bool {
    matches!(c, ',' | '\u{060C}' | '\u{FF0C}' | '\u{3001}')
}

/// Whether an addressee's words hold an infinitive, which makes the line a
/// paragraph ("invites Member States to participate ..."): English "to",
/// French "à", Spanish "a" before a verb in -ar, -er, -ir, Arabic "أن",
/// and a Russian verb in -ть or -ться after a vowel.
pub(super) fn has_infinitive(words: &[&str]) -> bool {
    let keys: Vec<String> = words
        .iter()
        .map(|w| normalize(w.trim_matches(|c: char| !c.is_alphanumeric())))
        .collect();
    keys.iter().enumerate().any(|(i, w)| {
        let spanish = w == "a"
            && keys.get(i + 1).is_some_and(|next| {
                next.chars().count() >= 4
                    && (next.ends_with("ar") || next.ends_with("er") || next.ends_with("ir"))
            });
        matches!(w.as_str(), "to" | "à" | "ان" | "بان") || spanish || russian_infinitive(w)
    })
}

/// A Russian infinitive: a vowel before -ть or -ться ("сеть", network,
/// excepted).
pub(super) fn russian_infinitive(word: &str) -> bool {
    let stem = word
        .strip_suffix("ться")
        .or_else(|| word.strip_suffix("ть"));
    stem.is_some_and(|stem| {
        word != "сеть"
            && stem
                .chars()
                .last()
                .is_some_and(|c| "аеиоуыэюяё".contains(c))
    })
}

/// A number, roman numeral or single letter designating an annex part.
pub(super) fn is_designator(word: &str) -> bool {
    !word.is_empty()
        && (word.chars().all(|c| c.is_ascii_digit())
            || roman_value(word).is_some()
            || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic)))
}
