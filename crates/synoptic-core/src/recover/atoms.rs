//! Atoms: the units flattened text is compared in, and the words glued
//! together that the other versions write apart.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Space,
    /// A word starting with a capital.
    Upper,
    /// A word starting with a lowercase letter (or a letter without case).
    Lower,
    Number,
    Punct,
}

/// Why an atom is glued to the previous one without a space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Glue {
    /// Not glued (or glued naturally, like punctuation).
    None,
    /// A digit followed by a capital: "2014Dubai".
    DigitAlpha,
    /// A lowercase letter followed by a capital: "HammametGeneva".
    Case,
    /// Two years: "20162022".
    Year,
    /// A word that splits into two words the other versions know.
    Vocab,
}

#[derive(Debug, Clone)]
pub(super) struct Atom<'a> {
    pub(super) text: &'a str,
    pub(super) key: String,
    pub(super) class: Class,
    pub(super) glue: Glue,
}

fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{00AD}' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{200B}'..='\u{200D}' | '\u{2060}'
    )
}

fn class_of(text: &str) -> Class {
    let mut chars = text.chars();
    match chars.next() {
        None => Class::Punct,
        Some(c) if c.is_whitespace() => Class::Space,
        Some(c) if c.is_uppercase() => Class::Upper,
        Some(c) if c.is_alphabetic() => Class::Lower,
        Some(c) if c.is_numeric() => {
            if text.chars().all(char::is_numeric) {
                Class::Number
            } else {
                Class::Lower
            }
        }
        Some(_) => Class::Punct,
    }
}

fn atom(text: &str, glue: Glue) -> Atom<'_> {
    let class = class_of(text);
    let key = match class {
        Class::Space => " ".to_string(),
        _ => {
            let k = normalize(text);
            if k.is_empty() {
                text.to_string()
            } else {
                k
            }
        }
    };
    Atom {
        text,
        key,
        class,
        glue,
    }
}

fn is_year(s: &str) -> bool {
    s.len() == 4
        && s.bytes().all(|b| b.is_ascii_digit())
        && s.parse::<u32>().is_ok_and(|y| (1800..=2199).contains(&y))
}

/// Splits text into atoms: runs of white space, words (letters and digits,
/// with hyphens between letters kept inside: "ITU-T"), and single
/// punctuation characters. Words are further cut at seams ("2014Dubai",
/// "HammametGeneva", "20162022"). Concatenating the atoms' text gives the
/// input back.
pub(super) fn atomize(text: &str) -> Vec<Atom<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let byte_at = |i: usize| chars.get(i).map_or(text.len(), |(b, _)| *b);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let (start, c) = chars[i];
        if c.is_whitespace() {
            let mut j = i + 1;
            while j < chars.len() && chars[j].1.is_whitespace() {
                j += 1;
            }
            out.push(atom(&text[start..byte_at(j)], Glue::None));
            i = j;
        } else if c.is_alphanumeric() {
            let mut j = i + 1;
            loop {
                if j < chars.len() && chars[j].1.is_alphanumeric() {
                    j += 1;
                } else if j + 1 < chars.len()
                    && is_joiner(chars[j].1)
                    && chars[j - 1].1.is_alphabetic()
                    && chars[j + 1].1.is_alphabetic()
                {
                    j += 2;
                } else {
                    break;
                }
            }
            split_word(&text[start..byte_at(j)], &mut out);
            i = j;
        } else {
            out.push(atom(&text[start..byte_at(i + 1)], Glue::None));
            i += 1;
        }
    }
    out
}

/// Cuts one word at its seams and pushes the pieces.
fn split_word<'a>(word: &'a str, out: &mut Vec<Atom<'a>>) {
    let mut cuts: Vec<(usize, Glue)> = Vec::new();
    let mut prev: Option<char> = None;
    for (b, c) in word.char_indices() {
        if let Some(p) = prev {
            if p.is_ascii_digit() && c.is_uppercase() {
                cuts.push((b, Glue::DigitAlpha));
            } else if p.is_lowercase() && c.is_uppercase() {
                cuts.push((b, Glue::Case));
            }
        }
        prev = Some(c);
    }
    let mut start = 0;
    let mut glue = Glue::None;
    for (b, g) in cuts
        .into_iter()
        .chain(std::iter::once((word.len(), Glue::None)))
    {
        let piece = &word[start..b];
        // Two years glued together: "20162022".
        if piece.len() == 8 && is_year(&piece[..4]) && is_year(&piece[4..]) {
            out.push(atom(&piece[..4], glue));
            out.push(atom(&piece[4..], Glue::Year));
        } else if !piece.is_empty() {
            out.push(atom(piece, glue));
        }
        start = b;
        glue = g;
    }
}

pub(super) fn is_word(a: &Atom<'_>) -> bool {
    matches!(a.class, Class::Upper | Class::Lower | Class::Number)
}

pub(super) fn letter_count(a: &Atom<'_>) -> usize {
    a.text.chars().filter(|c| c.is_alphabetic()).count()
}

/// Words of the opener list, so that a renamed heading glued to the old one
/// ("taking into accountrecognizing further") can be cut.
fn opener_words() -> HashSet<String> {
    ITU_OPENERS
        .iter()
        .flat_map(|o| o.split_whitespace())
        .filter(|w| w.chars().all(char::is_alphabetic))
        .map(str::to_string)
        .collect()
}

/// Short words any sentence may start with, so that an insertion glued to
/// the deleted word before it ("existsto ...") can be cut even when no other
/// version uses the word.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "in", "into", "is", "it",
    "its", "of", "on", "or", "that", "the", "their", "these", "this", "those", "to", "which",
    "with", "within",
];

/// Cuts words that only one version has into two words the other versions
/// write apart ("existsto" -> "exists" + "to").
pub(super) fn split_by_vocabulary(versions: &mut [Vec<Atom<'_>>]) {
    if versions.len() < 2 {
        return;
    }
    let mut extra = opener_words();
    extra.extend(FUNCTION_WORDS.iter().map(|w| (*w).to_string()));
    let vocab: Vec<HashSet<String>> = versions
        .iter()
        .map(|atoms| {
            atoms
                .iter()
                .filter(|a| is_word(a))
                .map(|a| a.key.clone())
                .collect()
        })
        .collect();
    for (v, version) in versions.iter_mut().enumerate() {
        let others: HashSet<&str> = vocab
            .iter()
            .enumerate()
            .filter(|(w, _)| *w != v)
            .flat_map(|(_, s)| s.iter().map(String::as_str))
            .collect();
        let atoms = std::mem::take(version);
        let mut out = Vec::with_capacity(atoms.len());
        for a in atoms {
            if !matches!(a.class, Class::Upper | Class::Lower)
                || a.text.chars().count() < 5
                || others.contains(a.key.as_str())
            {
                out.push(a);
                continue;
            }
            let mut best: Option<(usize, usize)> = None; // (score, byte cut)
            for (b, _) in a.text.char_indices().skip(3) {
                let (left, right) = a.text.split_at(b);
                if right.chars().count() < 2 {
                    continue;
                }
                let (kl, kr) = (normalize(left), normalize(right));
                if !others.contains(kl.as_str()) {
                    continue;
                }
                let score = if others.contains(kr.as_str()) {
                    2
                } else if extra.contains(kr.as_str()) {
                    1
                } else {
                    continue;
                };
                if best.is_none_or(|(s, _)| score >= s) {
                    best = Some((score, b));
                }
            }
            match best {
                Some((_, b)) => {
                    let (left, right) = a.text.split_at(b);
                    out.push(atom(left, a.glue));
                    out.push(atom(right, Glue::Vocab));
                }
                None => out.push(a),
            }
        }
        *version = out;
    }
}
