//! Section ids: the slugs rows are named by.

#[allow(unused_imports)]
use super::*;

use unicode_normalization::UnicodeNormalization;

use crate::tokens::{is_cjk, normalize};

/// Words that do not end a slug ("instructs the" becomes "instructs the
/// director").
pub(super) const SLUG_STOP_WORDS: &[&str] = &[
    "the", "of", "and", "that", "to", "in", "with", "a", "an", "their", "its", "for", "on",
    // French, Spanish, Russian and Arabic articles and prepositions, as
    // slugs write them ("à" as "a", "في" as it is).
    "le", "la", "les", "l", "de", "du", "des", "d", "au", "aux", "el", "los", "las", "del", "al",
    "y", "et", "en", "во", "в", "и", "на", "с", "к", "في", "الي", "علي", "من",
];

/// Words that introduce Arabic preambular openers ("إذ", "وإذ": whereas):
/// left out of slugs, so that "إذ تدرك" and "وإذ تدرك" name one section.
pub(super) const SLUG_SKIPPED: &[&str] = &["اذ", "واذ", "ان"];

/// The most characters of Chinese or Japanese a slug keeps.
pub(super) const SLUG_CJK_CHARS: usize = 12;

/// Heading words whose designator belongs in the id ("annex-a",
/// "programme-1", "sec-101", "title-xi", "article-5").
pub(super) const SLUG_HEADINGS: &[&str] = &[
    "annex",
    "appendix",
    "attachment",
    "programme",
    "program",
    "part",
    "chapter",
    // Bills and acts ("SEC. 101.", "§ 5." is written "sec-5").
    "division",
    "subdivision",
    "title",
    "subtitle",
    "subpart",
    "subchapter",
    "sec",
    "section",
    "subsection",
    "article",
    "art",
    "titre",
    "chapitre",
    "titulo",
    "capitulo",
    "seccion",
    "articulo",
    "titel",
    "kapitel",
    "abschnitt",
    "artikel",
    "rule",
    "regla",
    "regle",
    "regel",
    "livre",
    "libro",
    "buch",
    "teil",
    "unterabschnitt",
    "artigo",
    "seccao",
    "articolo",
    "capo",
    "titolo",
    "sezione",
    "hoofdstuk",
    "afdeling",
    "anexo",
    "allegato",
    "bijlage",
    "статья",
    "глава",
    "раздел",
    "приложение",
    "الماده",
    "ماده",
    "الفصل",
    "الباب",
];

/// A slug word: lowercase, accents folded to ASCII where the letter has an
/// ASCII base ("considérant" -> "considerant"), Arabic as compared
/// (harakat dropped, hamza on alef folded), other letters and digits kept as
/// they are ("учитывая", "考虑到"), anything else a hyphen.
pub(super) fn slug_word(word: &str) -> String {
    let mut out = String::new();
    // Marks are kept on letters that are not folded (Cyrillic "й" stays).
    let mut keep_marks = false;
    for c in word.nfc() {
        // "1.º" is "1": an ordinal mark is no letter "o".
        if ORDINAL_MARKS.contains(&c) {
            continue;
        }
        let folded: String = if unicode_normalization::char::is_combining_mark(c) {
            if keep_marks && !out.is_empty() {
                out.push(c);
            }
            continue;
        } else if ('\u{0600}'..='\u{06FF}').contains(&c) {
            normalize(c.encode_utf8(&mut [0; 4]))
        } else if u32::from(c) < 0x0250 || ('\u{1E00}'..='\u{1EFF}').contains(&c) {
            c.to_string()
                .nfkd()
                .filter(|d| !unicode_normalization::char::is_combining_mark(*d))
                .collect()
        } else {
            c.to_string()
        };
        keep_marks = u32::from(c) >= 0x0250 && !('\u{0600}'..='\u{06FF}').contains(&c);
        let mut any = false;
        for f in folded.chars() {
            if f.is_alphanumeric() {
                out.extend(f.to_lowercase());
                any = true;
            }
        }
        // Tatweel folds to nothing and joins; punctuation separates.
        if !any && !folded.is_empty() && !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-');
    if out.chars().any(is_cjk) {
        return out.chars().take(SLUG_CJK_CHARS).collect();
    }
    out.to_string()
}

/// A short stable id for a section from its opener: the first words,
/// slugified ("considering", "recognizing-also", "resolves",
/// "instructs-the-director"); a heading with its designator ("annex",
/// "annex-a", "programme-1"); a numbered caption by its number ("1" for
/// "1 Duty to provide pilotage"). Italic markers and any other leading
/// label are ignored; an empty opener gives "section". The preamble, which has no
/// opener, is [`PREAMBLE_ID`].
pub fn section_slug(opener: &str) -> String {
    // "§ 5. Penalties" is a section sign, not a label to leave out.
    let (label, body) = match split_label(opener) {
        Some((label, rest)) if !rest.is_empty() && !label.starts_with('\u{00A7}') => {
            (Some(label), rest)
        }
        _ => (None, opener),
    };
    let words: Vec<String> = strip_italics(body)
        .split_whitespace()
        // "§ 5." is a section of a statute.
        .map(|w| {
            if w.trim_matches('§').is_empty() {
                "sec".to_string()
            } else {
                slug_word(w)
            }
        })
        .filter(|w| !w.is_empty())
        .collect();
    let skipped = words
        .iter()
        .take_while(|w| SLUG_SKIPPED.contains(&w.as_str()))
        .count();
    let words = if skipped < words.len() {
        words[skipped..].to_vec()
    } else {
        words
    };
    let Some(first) = words.first() else {
        return "section".to_string();
    };
    // "1 Duty to provide pilotage", "6.1 General requirements": a numbered
    // caption with no keyword is named by its number, as it is cited.
    if let Some(number) = label
        .map(label_key)
        .filter(|k| k.starts_with(|c: char| c.is_ascii_digit()))
        .filter(|k| k.chars().all(|c| c.is_ascii_alphanumeric() || c == '.'))
        .filter(|_| !SLUG_HEADINGS.contains(&first.as_str()))
    {
        return number;
    }
    if SLUG_HEADINGS.contains(&first.as_str()) {
        // A dash may join the designator to a caption ("XI—GENERAL" is
        // "xi-general" as a slug word).
        let designator = words.get(1).and_then(|d| {
            let before_dash = d.split('-').next().unwrap_or("");
            // "Art. 2º-A" (inserted after Article 2) is "art-2a",
            // "Articolo 2-bis" is "articolo-2bis".
            let inserted = d
                .split_once('-')
                .filter(|(n, l)| {
                    is_number(n, 5)
                        && (l.len() == 1 && l.chars().all(|c| c.is_ascii_lowercase())
                            || INSERTION_ADVERBS.contains(l))
                })
                .map(|(n, l)| format!("{n}{l}"));
            if inserted.is_some() {
                inserted
            } else if is_designator(d) {
                Some(d.clone())
            } else {
                is_unit_designator(before_dash).then(|| before_dash.to_string())
            }
        });
        // A French code's letter goes with its number ("Article L. 543-301"
        // is "article-l543-301"), and an adverb of insertion with its
        // designator ("Artículo 2.º bis" is "articulo-2bis").
        let mut next = 2;
        let designator = designator.map(|mut d| {
            let number = words
                .get(2)
                .filter(|n| n.starts_with(|c: char| c.is_ascii_digit()));
            if let Some(number) =
                number.filter(|_| CODE_PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(&d)))
            {
                d.push_str(number);
                next = 3;
            }
            if let Some(adverb) = words
                .get(next)
                .filter(|w| INSERTION_ADVERBS.contains(&w.as_str()))
            {
                d.push_str(adverb);
            }
            d
        });
        // "1. Kapitel: Allgemeine Bestimmungen": numbered before its
        // keyword, a unit takes its label as designator ("kapitel-1").
        let ordinal = label
            .and_then(|l| l.strip_suffix('.'))
            .filter(|n| is_number(n, 3));
        return match (designator, ordinal) {
            (Some(d), _) => format!("{first}-{d}"),
            (None, Some(n)) => format!("{first}-{n}"),
            (None, None) => first.clone(),
        };
    }
    let mut taken: Vec<&str> = Vec::new();
    for w in &words {
        let stop = SLUG_STOP_WORDS.contains(&w.as_str());
        if taken.len() >= 3 && !stop {
            // Three words are enough once the last is a content word.
            if taken.last().is_some_and(|l| !SLUG_STOP_WORDS.contains(l)) {
                break;
            }
        }
        if taken.len() >= 5 {
            break;
        }
        taken.push(w);
        if taken.len() >= 3 && !stop {
            break;
        }
    }
    // Never end on a stop word ("invites the" alone).
    while taken.len() > 1 && taken.last().is_some_and(|l| SLUG_STOP_WORDS.contains(l)) {
        taken.pop();
    }
    taken.join("-")
}
