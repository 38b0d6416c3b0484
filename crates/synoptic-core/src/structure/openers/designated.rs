//! The headings of units of legislation: where a heading's designator
//! ("101", "L. 543-301", "2º-A") and caption end and its section's first
//! sentence starts.

#[allow(unused_imports)]
use super::*;

/// Words that make what follows a legislative designator a sentence (the
/// section's first paragraph) rather than a caption.
const SENTENCE_WORDS: &[&str] = &[
    "is",
    "are",
    "was",
    "were",
    "be",
    "been",
    "shall",
    "may",
    "must",
    "will",
    "should",
    "can",
    "means",
    "mean",
    "has",
    "have",
    "applies",
    "apply",
    "amended",
    "amends",
    "inserted",
    "repealed",
    "deleted",
    "replaced",
    "added",
    "substituted",
    "struck",
    "provides",
    "cited",
    "read",
    "reads",
    "est",
    "sont",
    "es",
    "son",
    "ist",
    "sind",
    // The verbs a first sentence of an article most often turns on, in
    // French, Spanish, Portuguese, Italian and German.
    "sera",
    "seront",
    "doit",
    "doivent",
    "peut",
    "peuvent",
    "será",
    "serán",
    "podrá",
    "podrán",
    "deberá",
    "deberán",
    "é",
    "são",
    "serão",
    "deve",
    "devem",
    "pode",
    "podem",
    "entra",
    "fica",
    "ficam",
    "è",
    "sono",
    "wird",
    "werden",
    "kann",
    "können",
    "muss",
];

/// Splits what follows a legislative heading's keyword into the heading's
/// designator and caption and, when a sentence follows, the section's first
/// paragraph: the byte length of the heading part of `tail` and where the
/// paragraph starts. `None` when `tail` does not start with a designator or
/// a lowercase word follows it straight away (a sentence about a section:
/// "Section 5 of the Act is amended").
pub(crate) fn designated(tail: &str) -> Option<(usize, Option<usize>)> {
    let lead = tail.len() - tail.trim_start().len();
    let t = &tail[lead..];
    let end = designator_end(t);
    if !is_unit_designator(&t[..end]) {
        return None;
    }
    let end = end + inserted_letter(&t[end..]);
    let after = &t[end..];
    let mut rest = after.trim_start_matches(|c: char| {
        c.is_whitespace()
            || matches!(c, '.' | ':' | '-' | ')' | '\u{2013}' | '\u{2014}')
            || ORDINAL_MARKS.contains(&c)
    });
    // The heading keeps the punctuation after its designator ("SEC. 101.",
    // "Artículo 1.º").
    let mut punct_end = lead
        + end
        + after
            .char_indices()
            .take_while(|(_, c)| matches!(c, '.' | ':' | ')') || ORDINAL_MARKS.contains(c))
            .map(|(i, c)| i + c.len_utf8())
            .last()
            .unwrap_or(0);
    // "Artículo 2.º bis", "Rule 12 bis": the adverb of an inserted unit is
    // part of its designator, not the start of a sentence.
    if let Some(len) = insertion_adverb(rest) {
        punct_end = tail.len() - rest.len() + len;
        rest = rest[len..].trim_start_matches(|c: char| {
            c.is_whitespace() || matches!(c, '.' | ':' | '-' | ')' | '\u{2013}' | '\u{2014}')
        });
    }
    let rest_at = tail.len() - rest.len();
    if rest.is_empty() {
        return Some((tail.trim_end().len(), None));
    }
    if rest.starts_with(char::is_lowercase) {
        return None;
    }
    // A labelled paragraph straight after the heading ("SEC. 3. (a) ...").
    if split_label(rest).is_some() {
        return Some((punct_end, Some(rest_at)));
    }
    let words = word_spans(rest, 40);
    let sentence_word = |w: &str| {
        let key = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        SENTENCE_WORDS.contains(&key.as_str())
    };
    // A caption in capitals ("SHORT TITLE.", "GENERAL PROVISIONS"), ended
    // by a full stop or dash when a sentence follows.
    let caps = words
        .iter()
        .take_while(|(_, w)| {
            !w.chars().any(char::is_lowercase) && w.chars().any(char::is_alphabetic)
        })
        .count();
    let has_long = words
        .iter()
        .take(caps)
        .any(|(_, w)| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    if caps > 0 && has_long {
        if caps == words.len() {
            return Some((tail.trim_end().len(), None));
        }
        let (start, word) = words[caps - 1];
        if word.ends_with(['.', ':', '\u{2014}', '\u{2013}', '-']) {
            let next = words[caps].0;
            return Some((rest_at + start + word.len(), Some(rest_at + next)));
        }
    }
    // A caption in ordinary case: a few words without a verb, ended by a
    // full stop when a sentence follows ("Definitions. In this Act: ...").
    let caption_words =
        |ws: &[(usize, &str)]| ws.len() <= 10 && !ws.iter().any(|(_, w)| sentence_word(w));
    if let Some(k) = words.iter().position(|(_, w)| w.ends_with('.')) {
        if k + 1 < words.len() && caption_words(&words[..=k]) {
            let (start, word) = words[k];
            return Some((rest_at + start + word.len(), Some(rest_at + words[k + 1].0)));
        }
    }
    let ends_clause = rest.trim_end().ends_with([':', ';', ',']);
    // A caption ending in a full stop is a word or three ("Objeto.",
    // "Authorization of appropriations."); more is a sentence.
    let sentence = rest.trim_end().ends_with('.') && words.len() > 5;
    if words.len() <= 12 && caption_words(&words) && !ends_clause && !sentence {
        return Some((tail.trim_end().len(), None));
    }
    Some((punct_end, Some(rest_at)))
}

/// The length of the letter of an article inserted after another, as
/// Brazilian laws write it after the number ("Art. 2º-A", "Art. 10-B"):
/// ordinal marks, a hyphen and one capital, then white space, a full stop
/// or the end; 0 when there is none.
fn inserted_letter(after: &str) -> usize {
    let marks = after.len() - after.trim_start_matches(ORDINAL_MARKS).len();
    let rest = &after[marks..];
    let mut chars = rest.chars();
    let (Some('-'), Some(letter)) = (chars.next(), chars.next()) else {
        return 0;
    };
    let ends = chars.next().is_none_or(|c| c.is_whitespace() || c == '.');
    if letter.is_ascii_uppercase() && ends {
        marks + 2
    } else {
        0
    }
}

/// The letters that prefix the numbers of the articles of French codes
/// ("Article L. 123-4": législative, réglementaire, décret, arrêté, loi
/// organique).
pub(crate) const CODE_PREFIXES: &[&str] = &["L", "R", "D", "A", "LO", "LP"];

/// The byte length of the designator at the start of `t`: letters and
/// digits, with inner dots or hyphens between digits ("1.2", "543-301-1");
/// a French code's letter before its number ("L. 543-301"). A dash ends it
/// ("XI—GENERAL PROVISIONS"), and so does an ordinal mark ("1.º").
fn designator_end(t: &str) -> usize {
    let run = |from: usize| {
        let mut end = from;
        for (i, c) in t[from..].char_indices() {
            let i = from + i;
            let inner = matches!(c, '.' | '-')
                && t[..i].ends_with(|p: char| p.is_ascii_digit())
                && t[i + 1..].starts_with(|n: char| n.is_ascii_digit());
            if (c.is_alphanumeric() && !ORDINAL_MARKS.contains(&c)) || inner {
                end = i + c.len_utf8();
            } else {
                break;
            }
        }
        end
    };
    let end = run(0);
    if CODE_PREFIXES.contains(&&t[..end]) {
        let after = &t[end..];
        let number = after.trim_start_matches(['.', ' ']);
        if number.len() < after.len() && number.starts_with(|c: char| c.is_ascii_digit()) {
            let from = t.len() - number.len();
            return run(from);
        }
    }
    end
}

/// A designator of a unit of legislation: a number with an optional
/// letter suffix ("101", "5a", "12bis"), a dotted number ("1.2"), a roman
/// numeral below 400 or a single letter; a hyphenated number ("543-301")
/// with a French code's letter before it ("L. 543-301").
pub(crate) fn is_unit_designator(word: &str) -> bool {
    if let Some((prefix, number)) = word.split_once(['.', ' ']) {
        if CODE_PREFIXES.contains(&prefix) {
            return is_unit_designator(number.trim_start_matches(['.', ' ']));
        }
    }
    if word.contains('-') {
        let parts: Vec<&str> = word.split('-').collect();
        return parts.len() <= 4 && parts.iter().all(|p| is_number(p, 5));
    }
    let digits = word.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let suffix = &word[digits..];
        return digits <= 5
            && (suffix.chars().count() <= 3 && suffix.chars().all(char::is_alphabetic)
                || is_dotted_number(word));
    }
    roman_value(word).is_some_and(|v| v < 400)
        || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic))
}

/// The units Chinese and Japanese statutes number between 第 and a unit
/// character ("第一条", "第3章"), with the keyword of the list they stand
/// for: what [`cjk_unit_heading`] reads when the list has that keyword.
pub(super) const CJK_UNITS: &[(char, &str)] = &[
    ('\u{6761}', "article"), // 条
    ('\u{7AE0}', "chapter"), // 章
    ('\u{8282}', "section"), // 节
    ('\u{7BC0}', "section"), // 節
    ('\u{7F16}', "part"),    // 编
    ('\u{7DE8}', "part"),    // 編
];

/// The keywords of [`CJK_UNITS`].
pub(super) const CJK_UNIT_KEYWORDS: &[&str] = &["article", "chapter", "section", "part"];

/// A Chinese or Japanese legislative heading: 第, a number in Chinese
/// numerals or digits, a unit character ("第一条", "第12条", "第三章"), an
/// inserted unit's suffix ("第三条之一", "第3条の2"), then optionally the
/// unit's first paragraph after a space ("第一条 为了加强管理，制定本条例。").
/// The number must end at the unit character, so "第一次会议" is no heading.
pub(super) fn cjk_unit_heading(line: &str) -> Option<OpenerMatch> {
    let text = line.trim();
    let after = text.strip_prefix('\u{7B2C}')?;
    let numeral = |c: char| {
        c.is_ascii_digit()
            || ('\u{FF10}'..='\u{FF19}').contains(&c)
            || "\u{3007}\u{96F6}\u{4E00}\u{4E8C}\u{4E09}\u{56DB}\u{4E94}\u{516D}\u{4E03}\u{516B}\u{4E5D}\u{5341}\u{767E}\u{5343}\u{4E24}"
                .contains(c)
    };
    let digits: usize = after
        .chars()
        .take_while(|c| numeral(*c))
        .map(char::len_utf8)
        .sum();
    if digits == 0 || digits > 24 {
        return None;
    }
    let unit = after[digits..].chars().next()?;
    let keyword = CJK_UNITS.iter().find(|(c, _)| *c == unit)?.1;
    let mut end = text.len() - after.len() + digits + unit.len_utf8();
    // 之一 (Chinese) or の2 (Japanese): a unit inserted after this one.
    for joiner in ['\u{4E4B}', '\u{306E}'] {
        if let Some(rest) = text[end..].strip_prefix(joiner) {
            let n: usize = rest
                .chars()
                .take_while(|c| numeral(*c))
                .map(char::len_utf8)
                .sum();
            if n > 0 {
                end += joiner.len_utf8() + n;
            }
        }
    }
    let heading = &text[..end];
    let rest = &text[end..];
    // The first paragraph is set off by a space; glued text is no heading
    // ("第一条规定的" is a phrase).
    if !(rest.is_empty() || rest.starts_with(char::is_whitespace)) {
        return None;
    }
    let body = rest.trim();
    Some(OpenerMatch {
        keyword: keyword.to_string(),
        whole_line: false,
        tail: heading[3..].to_string(),
        text: heading.to_string(),
        label: None,
        body: (!body.is_empty()).then(|| body.to_string()),
    })
}
