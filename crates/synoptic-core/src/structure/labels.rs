//! Paragraph labels: splitting them from a line and reading their values.

#[allow(unused_imports)]
use super::*;

use crate::tokens::{is_cjk, normalize};

/// Bullet characters that label a paragraph when followed by white space.
pub(super) const BULLETS: &[char] = &[
    '\u{2022}', // •
    '\u{00B7}', // ·
    '\u{25AA}', // ▪
    '\u{25E6}', // ◦
    '\u{2023}', // ‣
    '\u{25CF}', // ●
    '\u{F0B7}', // Symbol-font bullet as Word exports it
    '-', '\u{2013}', // –
    '\u{2014}', // —
    '*', '+',
];

/// Splits a leading label from a line: `a)`, `(a)`, `aa)`, `1`, `1.`, `1)`,
/// `1.1`, `i)`, `(iv)`, `A)`, `I`, `II.` and bullets (`•`, `-`, `–`, `*`),
/// followed by a tab or spaces. Returns the label as written and the rest
/// of the line after the separating white space.
///
/// Conservative against ordinary sentences: a label without `)` or `.` (a
/// bare number, roman numeral or letter) needs a tab after it, except a
/// number of at most three digits followed by spaces and a lowercase word
/// ("1 that ...") or by a caption ("1 Short title"); so "I think", "2022
/// was", "15 Member States agreed." and "A new" are not labelled.
/// A label closed by `)` may stand alone on its line (rest empty).
///
/// A number may carry a Latin adverb of insertion ("12 bis", "2° ter"),
/// which is part of its label: the unit inserted after "12" or "2°".
pub fn split_label(line: &str) -> Option<(&str, &str)> {
    if let Some(found) = split_adverb_inside(line) {
        return Some(found);
    }
    let (label, rest) = split_plain_label(line)?;
    if !label_core(label)
        .0
        .starts_with(|c: char| c.is_ascii_digit())
    {
        return Some((label, rest));
    }
    let Some(len) = insertion_adverb(rest) else {
        return Some((label, rest));
    };
    // The label starts where the line's text does and ends with the adverb.
    let start = line.len() - line.trim_start().len();
    let end = line.len() - rest.len() + len;
    let label = line.get(start..end)?;
    Some((label, rest.get(len..)?.trim_start()))
}

/// A label with its adverb of insertion inside its decoration: "b bis)",
/// "(b bis)", "1 bis.", as resolutions insert a paragraph after b) or 1.
fn split_adverb_inside(line: &str) -> Option<(&str, &str)> {
    let s = line.trim_start();
    let end = s.find(char::is_whitespace)?;
    let core = s[..end].strip_prefix('(').unwrap_or(&s[..end]);
    let after = s[end..].trim_start();
    let adverb = insertion_adverb(after)?;
    let close = after[adverb..].chars().next()?;
    let parens = s.starts_with('(');
    let closes = match close {
        ')' => true,
        '.' => !parens,
        _ => false,
    };
    if !closes || !(is_number(core, 3) || letters_core_ok(core)) {
        return None;
    }
    let label_end = s.len() - after.len() + adverb + 1;
    let label = &s[..label_end];
    let rest = s[label_end..].trim_start();
    // "b bis." needs the text that follows; a label closed by ")" may stand alone.
    (close == ')' || !rest.is_empty()).then_some((label, rest))
}

/// The Latin adverbs that number a unit inserted after another: "12 bis"
/// follows "12", "2° ter" follows "2° bis".
pub const INSERTION_ADVERBS: &[&str] = &[
    "bis",
    "ter",
    "quater",
    "quinquies",
    "sexies",
    "septies",
    "octies",
    "novies",
    "nonies",
    "decies",
];

/// The byte length of an insertion adverb at the start of `text` ("bis" in
/// "bis L'information ..."), when it is a whole word.
pub(super) fn insertion_adverb(text: &str) -> Option<usize> {
    let end = text
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(text.len());
    let word = text.get(..end)?;
    let whole = text[end..].chars().next().is_none_or(|c| {
        c.is_whitespace() || matches!(c, '.' | ')' | ':' | ',' | '\u{2013}' | '\u{2014}')
    });
    (whole && INSERTION_ADVERBS.contains(&word.to_ascii_lowercase().as_str())).then_some(end)
}

/// The ordinal marks written after a number that labels a paragraph or
/// designates an article in French, Spanish and Portuguese ("1°", "1.º",
/// "Art. 2º").
pub const ORDINAL_MARKS: &[char] = &['\u{00B0}', '\u{00BA}', '\u{00AA}'];

/// A number with the letters of an inserted unit: "1A" (after 1, as
/// Westminster numbers inserted sections), "12ZA", "2a" (a German
/// paragraph inserted after 2).
pub(super) fn is_suffixed_number(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &s[digits..];
    (1..=3).contains(&digits)
        && (is_upper_letters(suffix) && suffix.len() <= 2
            || is_lower_letters(suffix) && suffix.len() == 1
            || insertion_adverb(suffix) == Some(suffix.len()))
}

/// [`split_label`] without the adverb of insertion.
fn split_plain_label(line: &str) -> Option<(&str, &str)> {
    let s = line.trim_start();
    let first = s.chars().next()?;
    if BULLETS.contains(&first) {
        let after = &s[first.len_utf8()..];
        let rest = after.trim_start();
        // "-5 %" or "*emphasis*" are not bullets: white space must follow.
        if after.starts_with(char::is_whitespace) && !rest.is_empty() {
            return Some((&s[..first.len_utf8()], rest));
        }
        return None;
    }
    if let Some(found) = split_script_label(s) {
        return Some(found);
    }
    if let Some(found) = split_note_label(s) {
        return Some(found);
    }
    // "§ 1º", "§ 2.": a paragraph of an article, as Brazilian and
    // Portuguese laws number them (where "§ 5." heads no section).
    if let Some(after) = s.strip_prefix('§') {
        let number = after.trim_start();
        let end = number.find(char::is_whitespace).unwrap_or(number.len());
        let core = number[..end].trim_end_matches(['.', '\u{00BA}', '\u{00B0}']);
        let rest = number[end..].trim_start();
        if number.len() < after.len() && is_number(core, 3) && !rest.is_empty() {
            return Some((&s[..s.len() - number.len() + end], rest));
        }
        return None;
    }
    // The label token runs to the first white space.
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    let token = &s[..end];
    let after = &s[end..];
    let rest = after.trim_start();
    let tab = after.starts_with('\t');
    let wide = after.starts_with("  ") || tab;
    if token.is_empty() || token.len() > 12 {
        return None;
    }
    if let Some(inner) = token.strip_prefix('(') {
        let core = inner.strip_suffix(')')?;
        if paren_core_ok(core) {
            return Some((token, rest));
        }
        return None;
    }
    if let Some(core) = token.strip_suffix(')') {
        if core.contains(['(', ')']) || !paren_core_ok(core) {
            return None;
        }
        return Some((token, rest));
    }
    if rest.is_empty() {
        return None;
    }
    // "1°", "1º", "1.º": an ordinal number plays the part of "1.".
    if let Some(core) = token.strip_suffix(ORDINAL_MARKS) {
        let core = core.strip_suffix('.').unwrap_or(core);
        return is_number(core, 3).then_some((token, rest));
    }
    if let Some(core) = token.strip_suffix('.') {
        if is_number(core, 3) || is_dotted_number(core) {
            return Some((token, rest));
        }
        if is_lower_letters(core) && (core.len() == 1 || roman_value(core).is_some()) {
            return Some((token, rest));
        }
        if is_upper_letters(core) && core.len() > 1 && roman_value(core).is_some() {
            return Some((token, rest));
        }
        if is_suffixed_number(core) {
            return Some((token, rest));
        }
        // "A. Smith": a single capital needs a wide separator, or a dash
        // after it ("I. – Les producteurs ...", as French codes write).
        let dash = rest.starts_with(['\u{2013}', '\u{2014}'])
            || (rest.starts_with('-') && rest[1..].starts_with(char::is_whitespace));
        if is_upper_letters(core) && core.len() == 1 && (wide || dash) {
            return Some((token, rest));
        }
        return None;
    }
    // "I – horta comunitária: ...", "2 – ...": a numeral and a dash, as
    // Portuguese and Brazilian laws number their items (incisos).
    let dash = rest.starts_with(['\u{2013}', '\u{2014}'])
        || (rest.starts_with('-') && rest[1..].starts_with(char::is_whitespace));
    // The dash stays with the text, as after "I." in French codes.
    if dash && (is_number(token, 3) || (is_upper_letters(token) && roman_value(token).is_some())) {
        return Some((token, rest));
    }
    // "1A Appeals", an inserted section; but "3D printing" is prose.
    // "1bis to promote ...": an adverb says insertion whatever follows.
    if is_suffixed_number(token) {
        let suffix = token.trim_start_matches(|c: char| c.is_ascii_digit());
        let adverb = insertion_adverb(suffix).is_some();
        let lower = adverb && rest.starts_with(char::is_lowercase);
        return (tab || lower || is_caption(rest)).then_some((token, rest));
    }
    if is_number(token, 3) {
        if tab || rest.starts_with(|c: char| c.is_lowercase()) || is_caption(rest) {
            return Some((token, rest));
        }
        return None;
    }
    if is_dotted_number(token) {
        // "6.1 General", as standards number their clauses ("4.2.1 The
        // error shall ..." is labelled where it continues the clauses
        // before it, which a line alone cannot tell from "2.5 million").
        return (wide || is_caption(rest)).then_some((token, rest));
    }
    if tab && (letters_core_ok(token)) {
        return Some((token, rest));
    }
    None
}

/// The notes and examples of a standard: "NOTE", "NOTE 2", "EXAMPLE 1",
/// in capitals as standards write them, before the note's text. A note is
/// numbered apart from the clauses, so "NOTE 2" renumbered "NOTE 3" by an
/// inserted note is the same note relabelled, not a rewritten one.
fn split_note_label(s: &str) -> Option<(&str, &str)> {
    let word_end = s.find(char::is_whitespace)?;
    if !matches!(&s[..word_end], "NOTE" | "NOTES" | "EXAMPLE" | "EXAMPLES") {
        return None;
    }
    let after = s[word_end..].trim_start();
    let number_end = after.find(char::is_whitespace).unwrap_or(after.len());
    let label_end = if is_number(&after[..number_end], 3) {
        s.len() - after.len() + number_end
    } else {
        word_end
    };
    let rest = s[label_end..].trim_start();
    (!rest.is_empty()).then_some((&s[..label_end], rest))
}

/// Month names (and their usual abbreviations) in English, French,
/// Spanish and German, which a day's number comes before.
const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
    "januar",
    "februar",
    "märz",
    "juni",
    "juli",
    "oktober",
    "dezember",
];

/// A section's caption after its number, as acts of the Westminster
/// tradition write them ("1 Duty to keep harbour safe", "12 Interpretation"):
/// a capitalised phrase of a few words, without a colon, that does not
/// end as a sentence does. A sentence that merely starts with a number ("15 Member States
/// voted.") ends in punctuation, and a longer run of words is prose.
fn is_caption(rest: &str) -> bool {
    let words = rest.split_whitespace().count();
    // "12 March 2024" is a date, its day no label.
    let first = rest
        .split_whitespace()
        .next()
        .unwrap_or("")
        .trim_end_matches(['.', ','])
        .to_lowercase();
    !MONTHS.contains(&first.as_str())
        && rest.starts_with(|c: char| c.is_uppercase())
        && (1..=10).contains(&words)
        && !rest
            .trim_end()
            .ends_with(['.', ';', ':', ',', '?', '!', '—', '-'])
        && !rest.contains(['\t', ':'])
}

/// Labels of other scripts and of Chinese typography: Cyrillic letters
/// (`а)`, `(б)`), Arabic letters (`أ)`, `(ب)`, and `(أ`, which is how `أ)`
/// looks right to left and may be typed), Arabic-Indic numbers (`١`, `٢)`),
/// Chinese numerals (`一、`, `（一）`) and full-width decoration (`1）`,
/// `（1）`). Chinese text may follow a label closed by `)`, `）` or `、`
/// without a space. `None` leaves the line to the rules for Latin labels.
pub(super) fn split_script_label(s: &str) -> Option<(&str, &str)> {
    let end = s.find(char::is_whitespace).unwrap_or(s.len());
    let word = &s[..end];
    let glued = word.char_indices().take(8).find_map(|(i, c)| {
        let after = i + c.len_utf8();
        let closes = matches!(c, ')' | '\u{FF09}' | '\u{3001}');
        (closes && word[after..].starts_with(|n: char| is_cjk(n) || is_cjk_punctuation(n)))
            .then_some(after)
    });
    let (token, rest, tab) = match glued {
        Some(at) => (&s[..at], s[at..].trim_start(), false),
        None => {
            let after = &s[end..];
            (word, after.trim_start(), after.starts_with('\t'))
        }
    };
    if token.is_empty() || token.chars().count() > 8 || (glued.is_none() && token.is_ascii()) {
        return None;
    }
    let (core, decoration) = label_core(token);
    let ok = match decoration {
        LabelDecoration::Close | LabelDecoration::Parens => {
            !core.contains(['(', ')']) && (script_core_ok(core) || paren_core_ok(core))
        }
        LabelDecoration::Dot if token.ends_with('\u{3001}') => {
            cjk_numeral_value(core).is_some() || is_number(core, 3)
        }
        LabelDecoration::Dot => arabic_indic_value(core).is_some() && !rest.is_empty(),
        LabelDecoration::Bare => tab && !rest.is_empty() && arabic_indic_value(core).is_some(),
        LabelDecoration::Bullet | LabelDecoration::Section => false,
    };
    ok.then_some((token, rest))
}

/// CJK punctuation and full-width forms ("「", "（", "“").
pub(super) fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}' | '\u{201C}' | '\u{2018}')
}

/// Whether `core` is a letter or number of another script that can label a
/// paragraph.
pub(super) fn script_core_ok(core: &str) -> bool {
    cyrillic_value(core).is_some()
        || arabic_letter_values(core).is_some()
        || arabic_indic_value(core).is_some()
        || cjk_numeral_value(core).is_some()
}

/// The letters of Russian lists in order: the alphabet without ё, й, ъ, ы
/// and ь, which lists skip.
pub(super) const CYRILLIC_LETTERS: &str = "абвгдежзиклмнопрстуфхцчшщэюя";

/// The letters of Arabic lists in the abjad order (أبجد هوز) that UN and ITU
/// texts use, as comparison keys (bare alef) and as written.
pub(super) const ABJAD: [(&str, &str); 28] = [
    ("\u{0627}", "\u{0623}"),
    ("\u{0628}", "\u{0628}"),
    ("\u{062C}", "\u{062C}"),
    ("\u{062F}", "\u{062F}"),
    ("\u{0647}", "\u{0647}\u{0640}"),
    ("\u{0648}", "\u{0648}"),
    ("\u{0632}", "\u{0632}"),
    ("\u{062D}", "\u{062D}"),
    ("\u{0637}", "\u{0637}"),
    ("\u{064A}", "\u{064A}"),
    ("\u{0643}", "\u{0643}"),
    ("\u{0644}", "\u{0644}"),
    ("\u{0645}", "\u{0645}"),
    ("\u{0646}", "\u{0646}"),
    ("\u{0633}", "\u{0633}"),
    ("\u{0639}", "\u{0639}"),
    ("\u{0641}", "\u{0641}"),
    ("\u{0635}", "\u{0635}"),
    ("\u{0642}", "\u{0642}"),
    ("\u{0631}", "\u{0631}"),
    ("\u{0634}", "\u{0634}"),
    ("\u{062A}", "\u{062A}"),
    ("\u{062B}", "\u{062B}"),
    ("\u{062E}", "\u{062E}"),
    ("\u{0630}", "\u{0630}"),
    ("\u{0636}", "\u{0636}"),
    ("\u{0638}", "\u{0638}"),
    ("\u{063A}", "\u{063A}"),
];

/// The Arabic letters in alphabetical (hija'i) order, which some texts use
/// for lists instead of the abjad order, as comparison keys.
pub(super) const HIJAI: [&str; 28] = [
    "\u{0627}", "\u{0628}", "\u{062A}", "\u{062B}", "\u{062C}", "\u{062D}", "\u{062E}", "\u{062F}",
    "\u{0630}", "\u{0631}", "\u{0632}", "\u{0633}", "\u{0634}", "\u{0635}", "\u{0636}", "\u{0637}",
    "\u{0638}", "\u{0639}", "\u{063A}", "\u{0641}", "\u{0642}", "\u{0643}", "\u{0644}", "\u{0645}",
    "\u{0646}", "\u{0647}", "\u{0648}", "\u{064A}",
];

/// The Chinese numerals from one to nine.
pub(super) const CJK_DIGITS: &str = "一二三四五六七八九";

/// The value of a one-letter Cyrillic label ("в" = 3) and whether it is a
/// capital.
pub(super) fn cyrillic_value(core: &str) -> Option<(u32, bool)> {
    let mut chars = core.chars();
    let c = chars.next()?;
    if chars.next().is_some() {
        return None;
    }
    let lower = c.to_lowercase().next()?;
    let idx = CYRILLIC_LETTERS.chars().position(|l| l == lower)?;
    Some((u32::try_from(idx).ok()? + 1, c != lower))
}

/// The values of a one-letter Arabic label in the abjad and the
/// alphabetical order ("ج" = 3 and 5). Hamza on the alef, tatweel ("هـ")
/// and harakat do not matter.
pub(super) fn arabic_letter_values(core: &str) -> Option<(u32, u32)> {
    if core.chars().count() > 3 || !core.chars().all(|c| ('\u{0600}'..='\u{06FF}').contains(&c)) {
        return None;
    }
    let key = normalize(core);
    let abjad = ABJAD.iter().position(|(k, _)| *k == key)?;
    let hijai = HIJAI.iter().position(|k| *k == key)?;
    Some((
        u32::try_from(abjad).ok()? + 1,
        u32::try_from(hijai).ok()? + 1,
    ))
}

/// The value of a number in Arabic-Indic digits ("١٢" = 12), up to three
/// digits of one family.
pub(super) fn arabic_indic_value(core: &str) -> Option<u32> {
    let count = core.chars().count();
    if count == 0 || count > 3 {
        return None;
    }
    let eastern = core.chars().all(|c| ('\u{0660}'..='\u{0669}').contains(&c));
    let persian = core.chars().all(|c| ('\u{06F0}'..='\u{06F9}').contains(&c));
    if !eastern && !persian {
        return None;
    }
    normalize(core).parse().ok()
}

/// The value of a Chinese numeral from 一 (1) to 九十九 (99).
pub(super) fn cjk_numeral_value(core: &str) -> Option<u32> {
    let digit = |c: char| {
        CJK_DIGITS
            .chars()
            .position(|d| d == c)
            .and_then(|i| u32::try_from(i + 1).ok())
    };
    let chars: Vec<char> = core.chars().collect();
    match chars.as_slice() {
        [d] if *d == '十' => Some(10),
        [d] => digit(*d),
        ['十', u] => Some(10 + digit(*u)?),
        [t, '十'] => Some(10 * digit(*t)?),
        [t, '十', u] => Some(10 * digit(*t)? + digit(*u)?),
        _ => None,
    }
}

/// `value` (1 to 99) as a Chinese numeral.
pub(super) fn to_cjk_numeral(value: u32) -> Option<String> {
    let digit = |v: u32| {
        CJK_DIGITS
            .chars()
            .nth(usize::try_from(v).ok()?.checked_sub(1)?)
    };
    match value {
        1..=9 => digit(value).map(String::from),
        10 => Some("十".to_string()),
        11..=19 => Some(format!("十{}", digit(value - 10)?)),
        20..=99 => {
            let tens = digit(value / 10)?;
            match value % 10 {
                0 => Some(format!("{tens}十")),
                u => Some(format!("{tens}十{}", digit(u)?)),
            }
        }
        _ => None,
    }
}

/// Whether `core` is a valid label between parentheses or before `)`.
pub(super) fn paren_core_ok(core: &str) -> bool {
    is_number(core, 3)
        || is_dotted_number(core)
        || letters_core_ok(core)
        || is_suffixed_number(core)
}

/// Letters that can label a paragraph: one or two lowercase letters ("a",
/// "aa", and "bc" as flattened re-lettering leaves it), a lowercase roman
/// numeral, one capital, a doubled capital or an uppercase roman numeral.
pub(super) fn letters_core_ok(core: &str) -> bool {
    if is_lower_letters(core) {
        return core.len() <= 2 || roman_value(core).is_some();
    }
    if is_upper_letters(core) {
        return core.len() == 1 || roman_value(core).is_some() || is_doubled(core);
    }
    false
}

pub(super) fn is_lower_letters(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase())
}

pub(super) fn is_upper_letters(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// All the same letter: "aa", "BBB".
pub(super) fn is_doubled(s: &str) -> bool {
    let mut bytes = s.bytes();
    match bytes.next() {
        Some(first) => bytes.all(|b| b == first),
        None => false,
    }
}

pub(super) fn is_number(s: &str, max_digits: usize) -> bool {
    !s.is_empty() && s.len() <= max_digits && s.bytes().all(|b| b.is_ascii_digit())
}

/// "1.1", "2.3.4": at least two dot-separated numbers; "A.1", an annex's
/// clause, starts from its letter.
pub(super) fn is_dotted_number(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    // "A.1", "B.2.3": the clauses of an annex, numbered from its letter.
    let annex = |p: &&str| p.len() == 1 && p.bytes().all(|b| b.is_ascii_uppercase());
    parts.len() >= 2
        && parts.len() <= 5
        && parts
            .iter()
            .enumerate()
            .all(|(k, p)| is_number(p, 3) || (k == 0 && annex(p)))
}

/// The value of a canonical roman numeral (either case, not mixed), 1 to 3999.
pub fn roman_value(s: &str) -> Option<u32> {
    if s.is_empty() || s.len() > 15 {
        return None;
    }
    if !(is_lower_letters(s) || is_upper_letters(s)) {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    let mut total: i64 = 0;
    let digits: Vec<i64> = lower
        .chars()
        .map(|c| match c {
            'i' => Some(1),
            'v' => Some(5),
            'x' => Some(10),
            'l' => Some(50),
            'c' => Some(100),
            'd' => Some(500),
            'm' => Some(1000),
            _ => None,
        })
        .collect::<Option<Vec<i64>>>()?;
    for (i, d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(next) if next > d => total -= d,
            _ => total += d,
        }
    }
    let total = u32::try_from(total).ok()?;
    // Only canonical spellings count: "iiii" or "ic" are not numerals.
    (total > 0 && total < 4000 && to_roman(total) == lower).then_some(total)
}

/// `n` as a lowercase roman numeral (1 to 3999; empty otherwise).
pub fn to_roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "m"),
        (900, "cm"),
        (500, "d"),
        (400, "cd"),
        (100, "c"),
        (90, "xc"),
        (50, "l"),
        (40, "xl"),
        (10, "x"),
        (9, "ix"),
        (5, "v"),
        (4, "iv"),
        (1, "i"),
    ];
    if n == 0 || n >= 4000 {
        return String::new();
    }
    let mut out = String::new();
    for (value, digits) in TABLE {
        while n >= *value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}
