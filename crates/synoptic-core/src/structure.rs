//! The structure of a resolution-like text: section openers, paragraph
//! labels, their hierarchy, and the stable ids rows are named by.
//!
//! Everything here is heuristic and deliberately conservative: a false
//! opener splits a section in two and a false label renames a paragraph,
//! both of which mislead the alignment more than a missed one does. So an
//! opener must be a short line that starts with a known keyword, and a bare
//! number or letter only counts as a label when a tab (or, for small numbers,
//! a lowercase word) follows it.

use std::sync::{Arc, OnceLock};

use unicode_normalization::UnicodeNormalization;

use crate::lang::Language;
use crate::tokens::{is_cjk, normalize};

/// The id of the section before the first opener (title block, preamble).
pub const PREAMBLE_ID: &str = "preamble";

/// The openers of ITU and UN resolutions, in the syntax of
/// [`Openers::from_list`].
pub const ITU_OPENERS: &[&str] = &[
    // Preambular openers: a short tail ("noting with concern") at most.
    "considering",
    "considering also",
    "considering further",
    "further considering",
    "recognizing",
    "recognizing also",
    "recognizing further",
    "further recognizing",
    "recognising",
    "recognising also",
    "recognising further",
    "taking into account",
    "taking into account also",
    "taking into account further",
    "further taking into account",
    "bearing in mind",
    "bearing in mind also",
    "noting",
    "noting also",
    "noting further",
    "further noting",
    "recalling",
    "recalling also",
    "recalling further",
    "further recalling",
    "emphasizing",
    "emphasizing also",
    "emphasizing further",
    "emphasising",
    "aware",
    "aware also",
    "further aware",
    "convinced",
    "convinced also",
    "observing",
    "acknowledging",
    "acknowledging also",
    "mindful",
    "welcoming",
    "concerned",
    "having regard",
    // Operative openers without an addressee.
    "resolves",
    "resolves also",
    "resolves further",
    "further resolves",
    "decides",
    "decides also",
    "decides further",
    "further decides",
    // Operative openers naming whom they address.
    "resolves to instruct ...",
    "resolves to invite ...",
    "resolves to request ...",
    "decides to instruct ...",
    "instructs ...",
    "instructs also ...",
    "instructs further ...",
    "further instructs ...",
    "invites ...",
    "invites also ...",
    "invites further ...",
    "further invites ...",
    "encourages ...",
    "encourages also ...",
    "further encourages ...",
    "requests ...",
    "further requests ...",
    "urges ...",
    "calls upon ...",
    "appeals to ...",
    // Headings of annexes and their parts.
    "annex *",
    "appendix *",
    "attachment *",
    "programme #",
    "program #",
];

/// The openers of French ITU and UN resolutions (the Assembly is feminine:
/// "consciente", "convaincue").
pub const FR_OPENERS: &[&str] = &[
    "considérant",
    "considérant également",
    "considérant en outre",
    "considérant aussi",
    "reconnaissant",
    "reconnaissant également",
    "reconnaissant en outre",
    "reconnaissant aussi",
    "tenant compte",
    "tenant compte également",
    "tenant compte en outre",
    "ayant à l'esprit",
    "gardant à l'esprit",
    "notant",
    "notant également",
    "notant en outre",
    "prenant note",
    "rappelant",
    "rappelant également",
    "rappelant en outre",
    "soulignant",
    "soulignant également",
    "consciente",
    "consciente également",
    "conscient",
    "convaincue",
    "convaincu",
    "observant",
    "préoccupée",
    "accueillant avec satisfaction",
    "se félicitant",
    "vu",
    "décide",
    "décide également",
    "décide en outre",
    "décide aussi",
    "décide de charger ...",
    "décide d'inviter ...",
    "charge ...",
    "charge également ...",
    "charge en outre ...",
    "invite ...",
    "invite également ...",
    "invite en outre ...",
    "encourage ...",
    "encourage également ...",
    "prie ...",
    "demande ...",
    "exhorte ...",
    "lance un appel ...",
    "annexe *",
    "appendice *",
    "pièce jointe *",
    "programme #",
];

/// The openers of Spanish ITU and UN resolutions.
pub const ES_OPENERS: &[&str] = &[
    "considerando",
    "considerando además",
    "considerando asimismo",
    "considerando también",
    "reconociendo",
    "reconociendo además",
    "reconociendo asimismo",
    "reconociendo también",
    "teniendo en cuenta",
    "teniendo en cuenta además",
    "teniendo en cuenta asimismo",
    "teniendo presente",
    "observando",
    "observando además",
    "observando asimismo",
    "tomando nota",
    "recordando",
    "recordando además",
    "recordando asimismo",
    "destacando",
    "subrayando",
    "consciente",
    "convencida",
    "convencido",
    "preocupada",
    "acogiendo con satisfacción",
    "visto",
    "resuelve",
    "resuelve además",
    "resuelve asimismo",
    "resuelve también",
    "decide",
    "decide además",
    "resuelve encargar ...",
    "resuelve invitar ...",
    "encarga ...",
    "encarga además ...",
    "encarga asimismo ...",
    "invita ...",
    "invita además ...",
    "invita asimismo ...",
    "alienta ...",
    "alienta además ...",
    "pide ...",
    "solicita ...",
    "insta ...",
    "exhorta ...",
    "anexo *",
    "apéndice *",
    "adjunto *",
    "programa #",
];

/// The openers of Russian ITU and UN resolutions.
pub const RU_OPENERS: &[&str] = &[
    "учитывая",
    "учитывая также",
    "учитывая далее",
    "признавая",
    "признавая также",
    "признавая далее",
    "принимая во внимание",
    "принимая во внимание также",
    "принимая во внимание далее",
    "имея в виду",
    "отмечая",
    "отмечая также",
    "отмечая далее",
    "напоминая",
    "напоминая также",
    "ссылаясь на",
    "подчеркивая",
    "подчеркивая также",
    "сознавая",
    "будучи убеждена",
    "будучи убежден",
    "будучи обеспокоена",
    "приветствуя",
    "решает",
    "решает также",
    "решает далее",
    "постановляет",
    "решает поручить ...",
    "решает предложить ...",
    "поручает ...",
    "поручает также ...",
    "поручает далее ...",
    "предлагает ...",
    "предлагает также ...",
    "призывает ...",
    "призывает также ...",
    "настоятельно призывает ...",
    "рекомендует ...",
    "просит ...",
    "приложение *",
    "дополнение *",
    "программа #",
];

/// The openers of Arabic ITU and UN resolutions, with and without the
/// conjunction و ("and") that joins the second and later preambular
/// openers, in the feminine (the Assembly, الجمعية) and the masculine (the
/// Conference, المؤتمر). Hamza and harakat are ignored in matching.
pub const AR_OPENERS: &[&str] = &[
    "إذ تضع في اعتبارها",
    "وإذ تضع في اعتبارها",
    "وإذ تضع في اعتبارها كذلك",
    "وإذ تضع في اعتبارها أيضاً",
    "إذ يضع في اعتباره",
    "وإذ يضع في اعتباره",
    "إذ تدرك",
    "وإذ تدرك",
    "وإذ تدرك كذلك",
    "وإذ تدرك أيضاً",
    "إذ يدرك",
    "وإذ يدرك",
    "إذ تعترف",
    "وإذ تعترف",
    "وإذ تعترف كذلك",
    "وإذ تعترف أيضاً",
    "إذ تأخذ في الاعتبار",
    "وإذ تأخذ في الاعتبار",
    "وإذ تأخذ في الاعتبار كذلك",
    "وإذ تأخذ في اعتبارها",
    "وإذ يأخذ في الاعتبار",
    "إذ تضع في حسبانها",
    "وإذ تضع في حسبانها",
    "إذ تلاحظ",
    "وإذ تلاحظ",
    "وإذ تلاحظ كذلك",
    "وإذ تلاحظ أيضاً",
    "وإذ يلاحظ",
    "إذ تشير إلى",
    "وإذ تشير إلى",
    "وإذ تشير كذلك إلى",
    "وإذ يشير إلى",
    "وإذ تذكر",
    "وإذ تستذكر",
    "وإذ تؤكد",
    "وإذ تعي",
    "واقتناعاً منها",
    "وإذ ترحب",
    "وإذ يساورها القلق",
    "تقرر",
    "تقرر كذلك",
    "تقرر أيضاً",
    "يقرر",
    "يقرر كذلك",
    "تقرر أن تكلف ...",
    "تكلف ...",
    "تكلف كذلك ...",
    "تكلف أيضاً ...",
    "يكلف ...",
    "تدعو ...",
    "تدعو كذلك ...",
    "يدعو ...",
    "تشجع ...",
    "تشجع كذلك ...",
    "يشجع ...",
    "تطلب ...",
    "تحث ...",
    "تناشد ...",
    "الملحق *",
    "ملحق *",
    "التذييل *",
    "البرنامج #",
];

/// The openers of Chinese ITU and UN resolutions. Chinese writes no space
/// after an opener's keyword, so a keyword also matches the start of a
/// longer word ("责成" in "责成电信标准化局主任").
pub const ZH_OPENERS: &[&str] = &[
    "考虑到",
    "还考虑到",
    "进一步考虑到",
    "认识到",
    "还认识到",
    "进一步认识到",
    "注意到",
    "还注意到",
    "进一步注意到",
    "忆及",
    "还忆及",
    "铭记",
    "强调",
    "意识到",
    "确信",
    "欢迎",
    "关切地注意到",
    "做出决议",
    "进一步做出决议",
    "还做出决议",
    "决定",
    "责成 ...",
    "进一步责成 ...",
    "还责成 ...",
    "请 ...",
    "进一步请 ...",
    "鼓励 ...",
    "要求 ...",
    "敦促 ...",
    "呼吁 ...",
    "附件 *",
    "附录 *",
];

/// The opener list of a language.
fn opener_list(language: Language) -> &'static [&'static str] {
    match language {
        Language::En => ITU_OPENERS,
        Language::Fr => FR_OPENERS,
        Language::Es => ES_OPENERS,
        Language::Ru => RU_OPENERS,
        Language::Ar => AR_OPENERS,
        Language::Zh => ZH_OPENERS,
    }
}

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
        }
    }

    /// Openers from a list, one keyword per entry, e.g. read from a file one
    /// per line. An entry ending in `...` takes an addressee ("instructs
    /// ..."), one ending in ` *` a free title ("annex *"), one ending in ` #`
    /// a designator and title ("programme #"); any other entry allows only a
    /// short tail. Blank entries and entries starting with `#` are ignored.
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
        // Real openers are short; this also bounds the work on hostile input.
        if line.len() > 600 {
            return None;
        }
        if let Some(m) = self.match_body(line, false) {
            return Some(m);
        }
        let (label, rest) = split_label(line)?;
        let mut m = self.match_body(rest, true)?;
        m.label = Some(label.to_string());
        Some(m)
    }

    fn match_body(&self, line: &str, headings_only: bool) -> Option<OpenerMatch> {
        let text = strip_italics(line);
        if text.is_empty() {
            return None;
        }
        // Every line of every input passes here: most lines start with a
        // word no opener starts with, which one comparison per pattern
        // rules out before anything is split or lower-cased further.
        let first = keyword_word(text.split_whitespace().next().unwrap_or(""));
        let may_open = self.patterns.iter().any(|p| match p.words.first() {
            Some(w) if *w == first => true,
            Some(w) => {
                p.words.len() == 1
                    && w.chars().last().is_some_and(is_cjk)
                    && first.starts_with(w.as_str())
            }
            None => false,
        });
        if !may_open {
            return None;
        }
        // Split and lower-case only the few words a keyword can span (and
        // the one after), once.
        let longest = self
            .patterns
            .iter()
            .map(|p| p.words.len())
            .max()
            .unwrap_or(0);
        let words: Vec<(usize, &str)> = word_spans(text, longest + 1);
        let keys: Vec<String> = words
            .iter()
            .take(longest)
            .map(|(_, w)| keyword_word(w))
            .collect();
        let mut best: Option<(&OpenerPattern, Option<usize>)> = None;
        for p in self.patterns.iter() {
            if headings_only && !matches!(p.tail, TailRule::Title | TailRule::Numbered) {
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
        })
    }
}

/// Trims white space and the italic markers of Markdown-ish text
/// (`*considering*`, `_resolves_`).
fn strip_italics(line: &str) -> &str {
    line.trim()
        .trim_matches(|c: char| c == '*' || c == '_' || c.is_whitespace())
}

/// The first `limit` words of `text` with their byte offsets.
fn word_spans(text: &str, limit: usize) -> Vec<(usize, &str)> {
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
const OPENER_END: [char; 5] = [',', ':', '\u{060C}', '\u{FF0C}', '\u{FF1A}'];

/// A word of a line as compared with a keyword: its comparison key
/// ([`normalize`]: lowercase, Arabic hamza and harakat folded), without the
/// comma or colon that may follow the last keyword word.
fn keyword_word(word: &str) -> String {
    normalize(word.trim_end_matches(OPENER_END))
}

/// Whether a pattern's words start the line, and where the tail starts when
/// the last keyword ends inside a word (Chinese: "责成" in
/// "责成电信标准化局主任"): `Some(None)` for a match on whole words,
/// `Some(Some(offset))` for a match that ends inside the word, `None` for no
/// match.
fn keyword_hit(
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
fn tail_length(words: &[&str]) -> usize {
    words
        .iter()
        .map(|w| 1 + w.chars().filter(|c| is_cjk(*c)).count() / 2)
        .sum()
}

fn is_semicolon(c: char) -> bool {
    matches!(c, ';' | '\u{061B}' | '\u{FF1B}')
}

fn is_full_stop(c: char) -> bool {
    matches!(c, '.' | '\u{3002}' | '\u{FF0E}' | '\u{06D4}')
}

fn is_comma(c: char) -> bool {
    matches!(c, ',' | '\u{060C}' | '\u{FF0C}' | '\u{3001}')
}

/// Whether an addressee's words hold an infinitive, which makes the line a
/// paragraph ("invites Member States to participate ..."): English "to",
/// French "à", Spanish "a" before a verb in -ar, -er, -ir, Arabic "أن",
/// and a Russian verb in -ть or -ться after a vowel.
fn has_infinitive(words: &[&str]) -> bool {
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
fn russian_infinitive(word: &str) -> bool {
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
fn is_designator(word: &str) -> bool {
    !word.is_empty()
        && (word.chars().all(|c| c.is_ascii_digit())
            || roman_value(word).is_some()
            || (word.chars().count() == 1 && word.chars().all(char::is_alphabetic)))
}

// ---------------------------------------------------------------------------
// Labels

/// Bullet characters that label a paragraph when followed by white space.
const BULLETS: &[char] = &[
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
/// ("1 that ..."); so "I think", "2022 was" and "A new" are not labelled.
/// A label closed by `)` may stand alone on its line (rest empty).
pub fn split_label(line: &str) -> Option<(&str, &str)> {
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
        // "A. Smith": a single capital needs a wide separator.
        if is_upper_letters(core) && core.len() == 1 && wide {
            return Some((token, rest));
        }
        return None;
    }
    if is_number(token, 3) {
        if tab || rest.starts_with(|c: char| c.is_lowercase()) {
            return Some((token, rest));
        }
        return None;
    }
    if is_dotted_number(token) {
        return wide.then_some((token, rest));
    }
    if tab && (letters_core_ok(token)) {
        return Some((token, rest));
    }
    None
}

/// Labels of other scripts and of Chinese typography: Cyrillic letters
/// (`а)`, `(б)`), Arabic letters (`أ)`, `(ب)`, and `(أ`, which is how `أ)`
/// looks right to left and may be typed), Arabic-Indic numbers (`١`, `٢)`),
/// Chinese numerals (`一、`, `（一）`) and full-width decoration (`1）`,
/// `（1）`). Chinese text may follow a label closed by `)`, `）` or `、`
/// without a space. `None` leaves the line to the rules for Latin labels.
fn split_script_label(s: &str) -> Option<(&str, &str)> {
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
        LabelDecoration::Bullet => false,
    };
    ok.then_some((token, rest))
}

/// CJK punctuation and full-width forms ("「", "（", "“").
fn is_cjk_punctuation(c: char) -> bool {
    matches!(c, '\u{3000}'..='\u{303F}' | '\u{FF01}'..='\u{FF60}' | '\u{201C}' | '\u{2018}')
}

/// Whether `core` is a letter or number of another script that can label a
/// paragraph.
fn script_core_ok(core: &str) -> bool {
    cyrillic_value(core).is_some()
        || arabic_letter_values(core).is_some()
        || arabic_indic_value(core).is_some()
        || cjk_numeral_value(core).is_some()
}

/// The letters of Russian lists in order: the alphabet without ё, й, ъ, ы
/// and ь, which lists skip.
const CYRILLIC_LETTERS: &str = "абвгдежзиклмнопрстуфхцчшщэюя";

/// The letters of Arabic lists in the abjad order (أبجد هوز) that UN and ITU
/// texts use, as comparison keys (bare alef) and as written.
const ABJAD: [(&str, &str); 28] = [
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
const HIJAI: [&str; 28] = [
    "\u{0627}", "\u{0628}", "\u{062A}", "\u{062B}", "\u{062C}", "\u{062D}", "\u{062E}", "\u{062F}",
    "\u{0630}", "\u{0631}", "\u{0632}", "\u{0633}", "\u{0634}", "\u{0635}", "\u{0636}", "\u{0637}",
    "\u{0638}", "\u{0639}", "\u{063A}", "\u{0641}", "\u{0642}", "\u{0643}", "\u{0644}", "\u{0645}",
    "\u{0646}", "\u{0647}", "\u{0648}", "\u{064A}",
];

/// The Chinese numerals from one to nine.
const CJK_DIGITS: &str = "一二三四五六七八九";

/// The value of a one-letter Cyrillic label ("в" = 3) and whether it is a
/// capital.
fn cyrillic_value(core: &str) -> Option<(u32, bool)> {
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
fn arabic_letter_values(core: &str) -> Option<(u32, u32)> {
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
fn arabic_indic_value(core: &str) -> Option<u32> {
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
fn cjk_numeral_value(core: &str) -> Option<u32> {
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
fn to_cjk_numeral(value: u32) -> Option<String> {
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
fn paren_core_ok(core: &str) -> bool {
    is_number(core, 3) || is_dotted_number(core) || letters_core_ok(core)
}

/// Letters that can label a paragraph: one or two lowercase letters ("a",
/// "aa", and "bc" as flattened re-lettering leaves it), a lowercase roman
/// numeral, one capital, a doubled capital or an uppercase roman numeral.
fn letters_core_ok(core: &str) -> bool {
    if is_lower_letters(core) {
        return core.len() <= 2 || roman_value(core).is_some();
    }
    if is_upper_letters(core) {
        return core.len() == 1 || roman_value(core).is_some() || is_doubled(core);
    }
    false
}

fn is_lower_letters(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_lowercase())
}

fn is_upper_letters(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_uppercase())
}

/// All the same letter: "aa", "BBB".
fn is_doubled(s: &str) -> bool {
    let mut bytes = s.bytes();
    match bytes.next() {
        Some(first) => bytes.all(|b| b == first),
        None => false,
    }
}

fn is_number(s: &str, max_digits: usize) -> bool {
    !s.is_empty() && s.len() <= max_digits && s.bytes().all(|b| b.is_ascii_digit())
}

/// "1.1", "2.3.4": at least two dot-separated numbers.
fn is_dotted_number(s: &str) -> bool {
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() >= 2 && parts.len() <= 5 && parts.iter().all(|p| is_number(p, 3))
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

/// The numbering style of a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelStyle {
    /// a, b, ..., z, aa, bb, ...
    LowerAlpha,
    /// A, B, ..., Z, AA, ...
    UpperAlpha,
    /// 1, 2, 3 (also dotted: 1.1, 1.2).
    Arabic,
    /// i, ii, iii, iv.
    LowerRoman,
    /// I, II, III, IV.
    UpperRoman,
    /// •, -, –, * and other bullets.
    Bullet,
    /// Anything else ("bc)" as flattened re-lettering leaves it).
    Other,
    /// а, б, в, ... (Russian lists skip ё, й, ъ, ы, ь).
    LowerCyrillic,
    /// А, Б, В, ...
    UpperCyrillic,
    /// أ, ب, ج, د, هـ, ... in the abjad order of UN and ITU Arabic texts.
    ArabicAbjad,
    /// أ, ب, ت, ث, ... in alphabetical (hija'i) order.
    ArabicAlphabetic,
    /// ١, ٢, ٣ (Arabic-Indic digits).
    ArabicIndic,
    /// 一, 二, 三 (Chinese numerals).
    CjkNumeral,
}

/// How a label's value is decorated, which tells list levels apart ("1"
/// and "1)" are usually different levels).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum LabelDecoration {
    /// `a)`
    Close,
    /// `(a)`
    Parens,
    /// `1.`
    Dot,
    /// `1`, `I`
    Bare,
    /// A bullet character.
    Bullet,
}

/// One reading of a label: its style and its ordinal value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LabelReading {
    /// The numbering style.
    pub style: LabelStyle,
    /// The ordinal (a = 1, iv = 4, 12 = 12; the last number of a dotted
    /// label; 0 for bullets and other labels).
    pub value: u32,
}

/// The parts of a label: its core ("iv" in "(iv)") and decoration.
fn label_core(label: &str) -> (&str, LabelDecoration) {
    let l = label.trim();
    if l.chars().count() == 1 && l.chars().all(|c| BULLETS.contains(&c)) {
        return (l, LabelDecoration::Bullet);
    }
    // Full-width parentheses ("（一）") decorate as ASCII ones do.
    if let Some(inner) = l.strip_prefix(['(', '\u{FF08}']) {
        if let Some(core) = inner.strip_suffix([')', '\u{FF09}']) {
            return (core, LabelDecoration::Parens);
        }
        // "(أ" is "أ)" as it looks right to left.
        if arabic_letter_values(inner).is_some() {
            return (inner, LabelDecoration::Close);
        }
    }
    if let Some(core) = l.strip_suffix([')', '\u{FF09}']) {
        return (core, LabelDecoration::Close);
    }
    // The ideographic comma of "一、" plays the part of the dot of "1.".
    if let Some(core) = l.strip_suffix(['.', '\u{3001}']) {
        return (core, LabelDecoration::Dot);
    }
    (l, LabelDecoration::Bare)
}

/// The decoration of a label (`a)`, `(a)`, `1.`, `1`, bullet).
pub fn label_decoration(label: &str) -> LabelDecoration {
    label_core(label).1
}

/// The value of a letter label in the Word convention: a..z = 1..26, then
/// aa = 27, bb = 28, ... (the letter repeated).
fn alpha_value(core: &str) -> Option<u32> {
    if !(is_lower_letters(core) || is_upper_letters(core)) || !is_doubled(core) || core.len() > 4 {
        return None;
    }
    let first = core.bytes().next()?.to_ascii_lowercase();
    let idx = u32::from(first - b'a');
    let len = u32::try_from(core.len()).ok()?;
    Some(26 * (len - 1) + idx + 1)
}

/// Every plausible reading of a label, the most likely first.
///
/// A single letter that is also a roman numeral is read as a letter first,
/// except `i`, which usually starts a roman list; multi-letter numerals
/// (`ii`, `iv`) are read as roman first. Context decides in
/// [`label_paths`].
pub fn label_readings(label: &str) -> Vec<LabelReading> {
    let (core, deco) = label_core(label);
    let mut out = Vec::new();
    if deco == LabelDecoration::Bullet {
        out.push(LabelReading {
            style: LabelStyle::Bullet,
            value: 0,
        });
        return out;
    }
    if is_number(core, 6) {
        if let Ok(v) = core.parse::<u32>() {
            out.push(LabelReading {
                style: LabelStyle::Arabic,
                value: v,
            });
        }
        return out;
    }
    if is_dotted_number(core) {
        let v = core
            .rsplit('.')
            .next()
            .and_then(|x| x.parse::<u32>().ok())
            .unwrap_or(0);
        out.push(LabelReading {
            style: LabelStyle::Arabic,
            value: v,
        });
        return out;
    }
    if let Some(value) = arabic_indic_value(core) {
        out.push(LabelReading {
            style: LabelStyle::ArabicIndic,
            value,
        });
        return out;
    }
    if let Some(value) = cjk_numeral_value(core) {
        out.push(LabelReading {
            style: LabelStyle::CjkNumeral,
            value,
        });
        return out;
    }
    if let Some((value, upper)) = cyrillic_value(core) {
        out.push(LabelReading {
            style: if upper {
                LabelStyle::UpperCyrillic
            } else {
                LabelStyle::LowerCyrillic
            },
            value,
        });
        return out;
    }
    if let Some((abjad, alphabetic)) = arabic_letter_values(core) {
        out.push(LabelReading {
            style: LabelStyle::ArabicAbjad,
            value: abjad,
        });
        out.push(LabelReading {
            style: LabelStyle::ArabicAlphabetic,
            value: alphabetic,
        });
        return out;
    }
    let upper = is_upper_letters(core);
    // Lists never run to "xl)": a longer numeral with a large value is more
    // likely letters ("cd)" is c) re-lettered to d), flattened).
    let roman = roman_value(core)
        .filter(|v| core.len() == 1 || *v < 40)
        .map(|v| LabelReading {
            style: if upper {
                LabelStyle::UpperRoman
            } else {
                LabelStyle::LowerRoman
            },
            value: v,
        });
    let alpha = alpha_value(core).map(|v| LabelReading {
        style: if upper {
            LabelStyle::UpperAlpha
        } else {
            LabelStyle::LowerAlpha
        },
        value: v,
    });
    let roman_first = core.len() > 1 || core.eq_ignore_ascii_case("i");
    match (roman, alpha) {
        (Some(r), Some(a)) if roman_first => out.extend([r, a]),
        (Some(r), Some(a)) => out.extend([a, r]),
        (Some(r), None) => out.push(r),
        (None, Some(a)) => out.push(a),
        (None, None) => {}
    }
    if out.is_empty() {
        out.push(LabelReading {
            style: LabelStyle::Other,
            value: 0,
        });
        // Two different letters ("bc)") are what flattened re-lettering
        // leaves: b) became c). Reading them as their last letter keeps the
        // paragraph in its list rather than nesting it.
        if core.len() == 2 && (is_lower_letters(core) || is_upper_letters(core)) {
            if let Some(last) = core.get(1..).and_then(alpha_value) {
                out.push(LabelReading {
                    style: if upper {
                        LabelStyle::UpperAlpha
                    } else {
                        LabelStyle::LowerAlpha
                    },
                    value: last,
                });
            }
        }
    }
    out
}

/// The most likely style of a label on its own (see [`label_readings`]).
pub fn label_style(label: &str) -> LabelStyle {
    label_readings(label)
        .first()
        .map_or(LabelStyle::Other, |r| r.style)
}

/// The key of a label in row ids: the label without parentheses, dots or
/// brackets, lowercase ("b)" -> "b", "(iv)" -> "iv", "1." -> "1", "1.1" ->
/// "1.1", "II." -> "ii", "(ب" -> "ب", "（一）" -> "一"), Arabic-Indic digits
/// as ASCII ones ("١" -> "1"). A bullet's key is the bullet itself;
/// [`label_paths`] numbers bullets instead.
pub fn label_key(label: &str) -> String {
    let (core, _) = label_core(label);
    let key = core.trim_matches(|c: char| {
        matches!(
            c,
            '(' | ')' | '[' | ']' | '.' | '\u{FF08}' | '\u{FF09}' | '\u{3001}'
        )
    });
    if key.is_empty() {
        label.trim().to_lowercase()
    } else if arabic_indic_value(key).is_some() {
        normalize(key)
    } else {
        key.to_lowercase()
    }
}

/// Writes `value` in `style`, in the case the style implies.
fn format_value(style: LabelStyle, value: u32) -> Option<String> {
    if value == 0 {
        return None;
    }
    match style {
        LabelStyle::Arabic => Some(value.to_string()),
        LabelStyle::LowerRoman => Some(to_roman(value)).filter(|s| !s.is_empty()),
        LabelStyle::UpperRoman => {
            Some(to_roman(value).to_ascii_uppercase()).filter(|s| !s.is_empty())
        }
        LabelStyle::LowerAlpha | LabelStyle::UpperAlpha => {
            let idx = u8::try_from((value - 1) % 26).ok()?;
            let times = usize::try_from((value - 1) / 26 + 1).ok()?;
            if times > 4 {
                return None;
            }
            let c = if style == LabelStyle::LowerAlpha {
                char::from(b'a' + idx)
            } else {
                char::from(b'A' + idx)
            };
            Some(std::iter::repeat_n(c, times).collect())
        }
        LabelStyle::LowerCyrillic | LabelStyle::UpperCyrillic => {
            let c = CYRILLIC_LETTERS
                .chars()
                .nth(usize::try_from(value - 1).ok()?)?;
            Some(if style == LabelStyle::UpperCyrillic {
                c.to_uppercase().collect()
            } else {
                c.to_string()
            })
        }
        LabelStyle::ArabicAbjad => ABJAD
            .get(usize::try_from(value - 1).ok()?)
            .map(|(_, shown)| (*shown).to_string()),
        LabelStyle::ArabicAlphabetic => {
            let key = HIJAI.get(usize::try_from(value - 1).ok()?)?;
            // Written as in the abjad table (hamza on the first alef).
            ABJAD
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, shown)| (*shown).to_string())
        }
        LabelStyle::ArabicIndic => Some(
            value
                .to_string()
                .chars()
                .map(|d| {
                    d.to_digit(10)
                        .and_then(|v| char::from_u32(0x0660 + v))
                        .unwrap_or(d)
                })
                .collect(),
        ),
        LabelStyle::CjkNumeral => to_cjk_numeral(value),
        LabelStyle::Bullet | LabelStyle::Other => None,
    }
}

/// `label` with its value moved by `delta` in its most likely reading,
/// keeping the decoration and any dotted prefix ("b)" + 1 = "c)", "(iv)" + 1
/// = "(v)", "1.2" + 1 = "1.3"). Bullets stay as they are.
fn shift_label(label: &str, delta: i64) -> Option<String> {
    let reading = match label_readings(label).first() {
        Some(r) => *r,
        None if label_decoration(label) == LabelDecoration::Bullet => {
            return Some(label.trim().to_string())
        }
        None => return None,
    };
    let value = u32::try_from(i64::from(reading.value) + delta).ok()?;
    label_in_style(label, reading.style, value)
}

/// `label` renumbered to `value` read in `style` — for labels with more
/// than one reading, such as "i)", a letter after "h)" but a numeral after
/// "(ii)" — keeping the decoration and any dotted prefix. Bullets stay as
/// they are.
pub fn label_in_style(label: &str, style: LabelStyle, value: u32) -> Option<String> {
    let (core, deco) = label_core(label);
    if deco == LabelDecoration::Bullet {
        return Some(label.trim().to_string());
    }
    let formatted = format_value(style, value)?;
    let core_new = match core.rsplit_once('.') {
        Some((prefix, _)) if style == LabelStyle::Arabic => format!("{prefix}.{formatted}"),
        _ => formatted,
    };
    // Keep the decoration as written: "（一）", "一、", "(أ".
    let l = label.trim();
    let (prefix, suffix) = match l.find(core) {
        Some(at) => (&l[..at], &l[at + core.len()..]),
        None => ("", ""),
    };
    Some(format!("{prefix}{core_new}{suffix}"))
}

/// `label` renumbered to `value` in its most likely reading, keeping its
/// decoration ("b)" to 4 = "d)", "ب)" to 3 = "ج)", "（一）" to 2 = "（二）",
/// "١" to 2 = "٢"); `None` for labels without an order.
pub fn label_with_value(label: &str, value: u32) -> Option<String> {
    let reading = *label_readings(label).first()?;
    shift_label(label, i64::from(value) - i64::from(reading.value))
}

/// The label that follows `label` in its list ("b)" -> "c)", "z)" -> "aa)",
/// "iv)" -> "v)", "2" -> "3"); `None` for labels without an order.
pub fn label_successor(label: &str) -> Option<String> {
    shift_label(label, 1)
}

/// The label that precedes `label` in its list ("c)" -> "b)"); `None` for
/// the first label of a list or labels without an order.
pub fn label_predecessor(label: &str) -> Option<String> {
    shift_label(label, -1)
}

/// How far `to` is from `from` in a common numbering style: `Some(1)` for
/// "b)" -> "c)" (a paragraph re-lettered after an insertion), `Some(-1)` for
/// "e)" -> "d)", `Some(0)` for equal labels; `None` when no reading of both
/// labels shares a style. The decoration is ignored ("b)" and "(c)" are one
/// apart). Ambiguous letters ("i", "v") take the reading of `from` that `to`
/// also has, so "h)" -> "i)" is 1 and "iv)" -> "v)" is 1.
pub fn label_offset(from: &str, to: &str) -> Option<i64> {
    let a = label_readings(from);
    let b = label_readings(to);
    for ra in &a {
        if matches!(ra.style, LabelStyle::Bullet | LabelStyle::Other) {
            continue;
        }
        if let Some(rb) = b.iter().find(|rb| rb.style == ra.style) {
            return Some(i64::from(rb.value) - i64::from(ra.value));
        }
    }
    None
}

/// True when `next` can directly follow `prev` in one list ("h)" then
/// "i)", "iii)" then "iv)", "9" then "10").
pub fn labels_follow(prev: &str, next: &str) -> bool {
    label_readings(prev).iter().any(|ra| {
        !matches!(ra.style, LabelStyle::Bullet | LabelStyle::Other)
            && label_readings(next)
                .iter()
                .any(|rb| rb.style == ra.style && rb.value == ra.value + 1)
    })
}

/// A list level while walking a section's labels.
struct Level {
    style: LabelStyle,
    decoration: LabelDecoration,
    /// Number of parts of a dotted number ("1.2" has 2), 1 otherwise; the
    /// bullet character for bullets, so different bullets nest.
    shape: String,
    last_value: u32,
    bullets: usize,
    key: String,
}

/// The shape of a label that, with style and decoration, identifies its
/// list level.
fn label_shape(label: &str, style: LabelStyle) -> String {
    let (core, _) = label_core(label);
    match style {
        LabelStyle::Bullet => core.to_string(),
        LabelStyle::Arabic => core.split('.').count().to_string(),
        _ => String::new(),
    }
}

/// The hierarchical path of each paragraph of one section, from its labels
/// in document order: for labels `1`, `2`, `i)`, `ii)`, `3` the paths are
/// `["1"]`, `["2"]`, `["2","i"]`, `["2","ii"]`, `["3"]`.
///
/// A label continues the innermost open list of its style and decoration
/// (closing deeper lists), and otherwise opens a deeper list. `i)` is a
/// letter when it follows `h)`, a roman numeral otherwise (likewise `v)`,
/// `x)`). Bullets have no identity of their own: their key is `bullet-N`,
/// N counting the bullets of that list from 1.
///
/// Unlabelled paragraphs (`None`) get an empty path and leave the open lists
/// as they are; the caller names them by position (see [`paragraph_ids`]).
/// Labels that repeat (two `a)`) give equal paths; [`paragraph_ids`] makes
/// them unique.
pub fn label_paths(labels: &[Option<&str>]) -> Vec<Vec<String>> {
    let mut stack: Vec<Level> = Vec::new();
    let mut out = Vec::with_capacity(labels.len());
    for label in labels {
        let Some(label) = label.map(str::trim).filter(|l| !l.is_empty()) else {
            out.push(Vec::new());
            continue;
        };
        let decoration = label_decoration(label);
        let readings = label_readings(label);
        let same_level = |lvl: &Level, r: &LabelReading| {
            lvl.style == r.style
                && lvl.decoration == decoration
                && lvl.shape == label_shape(label, r.style)
        };
        // 1. A reading that directly continues an open list.
        let mut chosen: Option<(usize, LabelReading)> = None;
        'outer: for (depth, lvl) in stack.iter().enumerate().rev() {
            for r in &readings {
                if same_level(lvl, r)
                    && r.style != LabelStyle::Bullet
                    && r.style != LabelStyle::Other
                    && r.value == lvl.last_value + 1
                {
                    chosen = Some((depth, *r));
                    break 'outer;
                }
            }
        }
        // 2. Otherwise a reading that moves an open list forward: by any
        // amount in the label's likely reading (a list with a gap), by a
        // small one in another ("v)" after "iii)" when "iv)" was deleted,
        // but not "i)" after "a)", which opens a roman list).
        if chosen.is_none() {
            'outer2: for (depth, lvl) in stack.iter().enumerate().rev() {
                for (k, r) in readings.iter().enumerate() {
                    if same_level(lvl, r)
                        && r.value > lvl.last_value
                        && (k == 0 || r.value - lvl.last_value <= 3)
                    {
                        chosen = Some((depth, *r));
                        break 'outer2;
                    }
                }
            }
        }
        // 3. Otherwise the innermost open list of the likely reading (bullets,
        // unordered labels, a repeated or restarted label).
        if chosen.is_none() {
            if let Some(r) = readings.first() {
                chosen = stack
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, lvl)| same_level(lvl, r))
                    .map(|(depth, _)| (depth, *r));
            }
        }
        match chosen {
            Some((depth, r)) => {
                stack.truncate(depth + 1);
                if let Some(lvl) = stack.last_mut() {
                    lvl.last_value = r.value;
                    if r.style == LabelStyle::Bullet {
                        lvl.bullets += 1;
                        lvl.key = format!("bullet-{}", lvl.bullets);
                    } else {
                        lvl.key = label_key(label);
                    }
                }
            }
            None => {
                let r = readings.first().copied().unwrap_or(LabelReading {
                    style: LabelStyle::Other,
                    value: 0,
                });
                let key = if r.style == LabelStyle::Bullet {
                    "bullet-1".to_string()
                } else {
                    label_key(label)
                };
                stack.push(Level {
                    style: r.style,
                    decoration,
                    shape: label_shape(label, r.style),
                    last_value: r.value,
                    bullets: usize::from(r.style == LabelStyle::Bullet),
                    key,
                });
            }
        }
        out.push(stack.iter().map(|l| l.key.clone()).collect());
    }
    out
}

/// Unique ids for the paragraphs of one section, relative to the section:
/// the label path joined with `/` ("2/iii"); `p3` for the third paragraph
/// when it is unlabelled; a repeated id gets `~2`, `~3` appended.
pub fn paragraph_ids(labels: &[Option<&str>]) -> Vec<String> {
    let paths = label_paths(labels);
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut out = Vec::with_capacity(paths.len());
    for (i, path) in paths.iter().enumerate() {
        let base = if path.is_empty() {
            format!("p{}", i + 1)
        } else {
            path.join("/")
        };
        let n = seen.entry(base.clone()).or_insert(0);
        *n += 1;
        if *n == 1 {
            out.push(base);
        } else {
            out.push(format!("{base}~{n}"));
        }
    }
    out
}

// ---------------------------------------------------------------------------
// Section ids

/// Words that do not end a slug ("instructs the" becomes "instructs the
/// director").
const SLUG_STOP_WORDS: &[&str] = &[
    "the", "of", "and", "that", "to", "in", "with", "a", "an", "their", "its", "for", "on",
    // French, Spanish, Russian and Arabic articles and prepositions, as
    // slugs write them ("à" as "a", "في" as it is).
    "le", "la", "les", "l", "de", "du", "des", "d", "au", "aux", "el", "los", "las", "del", "al",
    "y", "et", "en", "во", "в", "и", "на", "с", "к", "في", "الي", "علي", "من",
];

/// Words that introduce Arabic preambular openers ("إذ", "وإذ": whereas):
/// left out of slugs, so that "إذ تدرك" and "وإذ تدرك" name one section.
const SLUG_SKIPPED: &[&str] = &["اذ", "واذ", "ان"];

/// The most characters of Chinese or Japanese a slug keeps.
const SLUG_CJK_CHARS: usize = 12;

/// Heading words whose designator belongs in the id ("annex-a", "programme-1").
const SLUG_HEADINGS: &[&str] = &[
    "annex",
    "appendix",
    "attachment",
    "programme",
    "program",
    "part",
    "chapter",
];

/// A slug word: lowercase, accents folded to ASCII where the letter has an
/// ASCII base ("considérant" -> "considerant"), Arabic as compared
/// (harakat dropped, hamza on alef folded), other letters and digits kept as
/// they are ("учитывая", "考虑到"), anything else a hyphen.
fn slug_word(word: &str) -> String {
    let mut out = String::new();
    // Marks are kept on letters that are not folded (Cyrillic "й" stays).
    let mut keep_marks = false;
    for c in word.nfc() {
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
/// "annex-a", "programme-1"). Italic markers and a leading label are
/// ignored; an empty opener gives "section". The preamble, which has no
/// opener, is [`PREAMBLE_ID`].
pub fn section_slug(opener: &str) -> String {
    let body = match split_label(opener) {
        Some((_, rest)) if !rest.is_empty() => rest,
        _ => opener,
    };
    let words: Vec<String> = strip_italics(body)
        .split_whitespace()
        .map(slug_word)
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
    if SLUG_HEADINGS.contains(&first.as_str()) {
        return match words.get(1) {
            Some(d) if is_designator(d) => format!("{first}-{d}"),
            _ => first.clone(),
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

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn opener(line: &str) -> Option<OpenerMatch> {
        Openers::itu().match_opener(line)
    }

    #[test]
    fn plain_openers_match() {
        for line in [
            "considering",
            "Considering,",
            "recognizing also",
            "recognizing further:",
            "*taking into account*",
            "_bearing in mind_",
            "\tnoting",
            "resolves",
            "RESOLVES",
            "further resolves",
            "resolves further",
            "decides",
            "aware",
            "convinced",
        ] {
            let m = opener(line).unwrap_or_else(|| panic!("{line:?} is an opener"));
            assert!(m.whole_line, "{line:?}");
            assert!(m.tail.is_empty());
        }
        assert_eq!(
            opener("recognizing also").unwrap().keyword,
            "recognizing also"
        );
        assert_eq!(
            opener("further resolves,").unwrap().keyword,
            "further resolves"
        );
    }

    #[test]
    fn openers_with_addressee() {
        let m = opener("instructs the Director of the Telecommunication Standardization Bureau")
            .unwrap();
        assert_eq!(m.keyword, "instructs");
        assert!(!m.whole_line);
        assert_eq!(
            m.tail,
            "the Director of the Telecommunication Standardization Bureau"
        );
        let long = "instructs the Director of the Telecommunication Standardization Bureau, in \
                    collaboration with the Directors of the Radiocommunication Bureau and the \
                    Telecommunication Development Bureau";
        assert_eq!(opener(long).unwrap().keyword, "instructs");
        assert_eq!(
            opener("further instructs the study groups")
                .unwrap()
                .keyword,
            "further instructs"
        );
        assert!(opener("instructs Study Groups,").is_some());
        assert!(opener("invites Member States").is_some());
        assert!(opener("encourages Member States and Sector Members:").is_some());
        assert!(opener("requests the Secretary-General").is_some());
        assert!(opener("urges Member States").is_some());
        assert_eq!(
            opener("resolves further that ITU regional offices")
                .unwrap()
                .keyword,
            "resolves further"
        );
    }

    #[test]
    fn headings_match() {
        assert_eq!(opener("ANNEX").unwrap().keyword, "annex");
        assert_eq!(opener("Annex A").unwrap().tail, "A");
        assert!(opener("Annex to Resolution 44 (Rev. Geneva, 2022)").is_some());
        let m = opener("Programme 1: Strengthening standards-making capabilities").unwrap();
        assert_eq!(m.keyword, "programme");
        assert_eq!(m.label, None);
        let m = opener("I\tProgramme 1: Strengthening standards-making capabilities").unwrap();
        assert_eq!(m.label.as_deref(), Some("I"));
        assert_eq!(
            m.text,
            "Programme 1: Strengthening standards-making capabilities"
        );
        // A programme needs its designator.
        assert!(opener("Programme of work for the next study period").is_none());
    }

    #[test]
    fn paragraphs_are_not_openers() {
        for line in [
            "considering that Resolution 123 (Rev. Dubai, 2018) of the Plenipotentiary \
             Conference instructs the Secretary-General to work closely with the Bureaux;",
            "noting that the gap is still wide;",
            "noting that the gap is wide,",
            "to invite Member States to participate in the work",
            "to instruct the Director of the TSB",
            "invites Member States to participate actively in the work of ITU-T",
            "requests the Secretary-General to bring this resolution to the attention of all",
            "resolves that the action plan annexed to this resolution should be continued",
            "Recognizing the importance of standards for developing countries and their \
             industries, the Assembly agreed",
            "a)\tthat Resolution 123 of the Plenipotentiary Conference",
            "considerations",
            "invitees",
            "",
            "   ",
            "*",
        ] {
            assert!(opener(line).is_none(), "{line:?} is not an opener");
        }
    }

    #[test]
    fn custom_lists() {
        let o = Openers::from_list(["# comment", "", "Whereas", "Article #", "requests ..."]);
        assert_eq!(o.patterns().len(), 3);
        assert!(o.match_opener("whereas").is_some());
        assert!(o.match_opener("Article 5 Scope").is_some());
        assert!(o.match_opener("considering").is_none());
        assert!(Openers::empty().match_opener("considering").is_none());
        assert_eq!(Openers::default(), Openers::itu());
    }

    #[test]
    fn labels_split() {
        let cases = [
            ("a)\tthat Resolution", "a)", "that Resolution"),
            ("(a) that", "(a)", "that"),
            ("b) that", "b)", "that"),
            ("aa)\tthat", "aa)", "that"),
            ("1\tthat", "1", "that"),
            ("12\tto maintain", "12", "to maintain"),
            ("1 that the action plan", "1", "that the action plan"),
            ("1.\tthat", "1.", "that"),
            ("1. That", "1.", "That"),
            ("1)\tObjective", "1)", "Objective"),
            ("1.1\tScope", "1.1", "Scope"),
            ("1.1  Scope", "1.1", "Scope"),
            ("i)\tassist", "i)", "assist"),
            ("iii)\tassist", "iii)", "assist"),
            ("(iv) inform", "(iv)", "inform"),
            ("A)\tFirst", "A)", "First"),
            ("I\tProgramme 1", "I", "Programme 1"),
            ("II. Programme 2", "II.", "Programme 2"),
            ("\u{2022}\tTo improve", "\u{2022}", "To improve"),
            ("- item", "-", "item"),
            ("\u{2013} item", "\u{2013}", "item"),
            ("* item", "*", "item"),
            ("a) ", "a)", ""),
            ("  b)\tindented", "b)", "indented"),
        ];
        for (line, label, rest) in cases {
            assert_eq!(split_label(line), Some((label, rest)), "{line:?}");
        }
    }

    #[test]
    fn sentences_are_not_labelled() {
        for line in [
            "I think this is right",
            "2022 was a good year",
            "A new paragraph",
            "A. Smith wrote",
            "12 Member States agreed",
            "2.5 million people",
            "-5 % growth",
            "*emphasis* here",
            "e.g. this",
            "(see above) the text",
            "(ITU) is",
            "the) thing",
            "that Resolution 123",
            "Hammamet, 2016",
            "a",
            "1",
            "",
            "\u{2022}",
            "Programme 1: x",
        ] {
            assert_eq!(split_label(line), None, "{line:?}");
        }
    }

    #[test]
    fn roman_numerals() {
        assert_eq!(roman_value("iv"), Some(4));
        assert_eq!(roman_value("XIV"), Some(14));
        assert_eq!(roman_value("iiii"), None);
        assert_eq!(roman_value("Iv"), None);
        assert_eq!(roman_value("ic"), None);
        assert_eq!(roman_value(""), None);
    }

    #[test]
    fn keys_and_styles() {
        assert_eq!(label_key("b)"), "b");
        assert_eq!(label_key("(iv)"), "iv");
        assert_eq!(label_key("1."), "1");
        assert_eq!(label_key("1.1"), "1.1");
        assert_eq!(label_key("II."), "ii");
        assert_eq!(label_key("\u{2022}"), "\u{2022}");
        assert_eq!(label_style("a)"), LabelStyle::LowerAlpha);
        assert_eq!(label_style("B)"), LabelStyle::UpperAlpha);
        assert_eq!(label_style("12"), LabelStyle::Arabic);
        assert_eq!(label_style("i)"), LabelStyle::LowerRoman);
        assert_eq!(label_style("iv)"), LabelStyle::LowerRoman);
        assert_eq!(label_style("v)"), LabelStyle::LowerAlpha);
        assert_eq!(label_style("II"), LabelStyle::UpperRoman);
        assert_eq!(label_style("-"), LabelStyle::Bullet);
        assert_eq!(label_style("bc)"), LabelStyle::Other);
        assert_eq!(label_decoration("(a)"), LabelDecoration::Parens);
    }

    #[test]
    fn successors_and_offsets() {
        assert_eq!(label_successor("a)").as_deref(), Some("b)"));
        assert_eq!(label_successor("z)").as_deref(), Some("aa)"));
        assert_eq!(label_successor("aa)").as_deref(), Some("bb)"));
        assert_eq!(label_successor("(iv)").as_deref(), Some("(v)"));
        assert_eq!(label_successor("9").as_deref(), Some("10"));
        assert_eq!(label_successor("1.2").as_deref(), Some("1.3"));
        assert_eq!(label_successor("C.").as_deref(), Some("D."));
        assert_eq!(label_successor("II").as_deref(), Some("III"));
        assert_eq!(label_successor("\u{2022}").as_deref(), Some("\u{2022}"));
        assert_eq!(label_successor("bc)"), None);
        assert_eq!(label_predecessor("c)").as_deref(), Some("b)"));
        assert_eq!(label_predecessor("a)"), None);
        assert_eq!(label_predecessor("1"), None);
        assert_eq!(label_offset("b)", "c)"), Some(1));
        assert_eq!(label_offset("e)", "d)"), Some(-1));
        assert_eq!(label_offset("b)", "(c)"), Some(1));
        assert_eq!(label_offset("h)", "i)"), Some(1));
        assert_eq!(label_offset("iv)", "v)"), Some(1));
        assert_eq!(label_offset("5", "4"), Some(-1));
        assert_eq!(label_offset("a)", "a)"), Some(0));
        assert_eq!(label_offset("a)", "1"), None);
        assert_eq!(label_offset("\u{2022}", "\u{2022}"), None);
        assert!(labels_follow("h)", "i)"));
        assert!(labels_follow("iii)", "iv)"));
        assert!(labels_follow("9", "10"));
        assert!(!labels_follow("a)", "c)"));
    }

    fn paths(labels: &[Option<&str>]) -> Vec<String> {
        label_paths(labels).iter().map(|p| p.join("/")).collect()
    }

    #[test]
    fn hierarchy_of_numbers_and_romans() {
        assert_eq!(
            paths(&[Some("1"), Some("2"), Some("i)"), Some("ii)"), Some("3")]),
            ["1", "2", "2/i", "2/ii", "3"]
        );
        // i) after h) is a letter, after a) a roman numeral.
        let letters: Vec<Option<&str>> =
            ["a)", "b)", "c)", "d)", "e)", "f)", "g)", "h)", "i)", "j)"]
                .into_iter()
                .map(Some)
                .collect();
        assert_eq!(paths(&letters)[8], "i");
        assert_eq!(paths(&letters)[9], "j");
        assert_eq!(
            paths(&[Some("a)"), Some("i)"), Some("ii)"), Some("b)")]),
            ["a", "a/i", "a/ii", "b"]
        );
        // v) after iv) is roman; after u) a letter.
        assert_eq!(
            paths(&[Some("1"), Some("iii)"), Some("iv)"), Some("v)")]),
            ["1", "1/iii", "1/iv", "1/v"]
        );
        // A gap (a deleted iv) keeps the level.
        assert_eq!(
            paths(&[Some("a)"), Some("i)"), Some("iii)"), Some("v)")]),
            ["a", "a/i", "a/iii", "a/v"]
        );
    }

    #[test]
    fn hierarchy_with_bullets_and_unlabelled() {
        assert_eq!(
            paths(&[
                Some("1)"),
                Some("\u{2022}"),
                Some("\u{2022}"),
                Some("2)"),
                Some("\u{2022}"),
                None,
                Some("\u{2022}"),
            ]),
            [
                "1",
                "1/bullet-1",
                "1/bullet-2",
                "2",
                "2/bullet-1",
                "",
                "2/bullet-2"
            ]
        );
        assert_eq!(
            paths(&[Some("1"), Some("1.1"), Some("1.2"), Some("2")]),
            ["1", "1/1.1", "1/1.2", "2"]
        );
        assert_eq!(paths(&[None, None]), ["", ""]);
        assert_eq!(paths(&[Some("bc)"), Some("cd)")]), ["bc", "cd"]);
        // Flattened re-lettering stays in its list.
        assert_eq!(
            paths(&[
                Some("a)"),
                Some("b)"),
                Some("bc)"),
                Some("cd)"),
                Some("d)"),
                Some("e)")
            ]),
            ["a", "b", "bc", "cd", "d", "e"]
        );
    }

    #[test]
    fn ids_are_unique() {
        assert_eq!(
            paragraph_ids(&[None, Some("a)"), Some("a)"), None, Some("b)")]),
            ["p1", "a", "a~2", "p4", "b"]
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(section_slug("considering"), "considering");
        assert_eq!(section_slug("*recognizing also*"), "recognizing-also");
        assert_eq!(section_slug("resolves"), "resolves");
        assert_eq!(
            section_slug("instructs the Director of the Telecommunication Standardization Bureau"),
            "instructs-the-director"
        );
        assert_eq!(
            section_slug("further instructs the study groups"),
            "further-instructs-the-study"
        );
        assert_eq!(section_slug("invites the Council"), "invites-the-council");
        assert_eq!(section_slug("ANNEX"), "annex");
        assert_eq!(section_slug("Annex A"), "annex-a");
        assert_eq!(section_slug("Annex to Resolution 44"), "annex");
        assert_eq!(
            section_slug("Programme 1: Strengthening standards-making capabilities"),
            "programme-1"
        );
        assert_eq!(section_slug("I\tProgramme 2: Assisting"), "programme-2");
        assert_eq!(section_slug("considérant"), "considerant");
        assert_eq!(section_slug("учитывая"), "учитывая");
        assert_eq!(section_slug("taking into account,"), "taking-into-account");
        assert_eq!(section_slug(""), "section");
        assert_eq!(section_slug("*"), "section");
    }

    #[test]
    fn openers_in_six_languages() {
        let cases: [(Language, &[&str], &str); 6] = [
            (
                Language::Fr,
                &[
                    "considérant",
                    "reconnaissant en outre",
                    "tenant compte",
                    "notant",
                    "rappelant",
                    "décide",
                    "charge le Directeur du Bureau de la normalisation des télécommunications",
                    "invite les États Membres",
                    "encourage les Membres du Secteur",
                ],
                "invite les États Membres à participer activement aux travaux",
            ),
            (
                Language::Es,
                &[
                    "considerando",
                    "reconociendo",
                    "teniendo en cuenta",
                    "observando",
                    "recordando",
                    "resuelve",
                    "encarga al Director de la Oficina de Normalización de las Telecomunicaciones",
                    "invita a los Estados Miembros",
                    "alienta a los Miembros de Sector",
                ],
                "invita a los Estados Miembros a participar activamente",
            ),
            (
                Language::Ru,
                &[
                    "учитывая",
                    "Признавая",
                    "принимая во внимание",
                    "отмечая",
                    "напоминая",
                    "решает",
                    "поручает Директору Бюро стандартизации электросвязи",
                    "предлагает Государствам-Членам",
                    "призывает Членов Сектора",
                ],
                "предлагает Государствам-Членам принимать активное участие",
            ),
            (
                Language::Ar,
                &[
                    "إذ تضع في اعتبارها",
                    "وإذ تدرك",
                    "وإذ تأخذ في الاعتبار",
                    "وإذ تلاحظ",
                    "وإذ تشير إلى",
                    "تقرر",
                    "تكلف مدير مكتب تقييس الاتصالات",
                    "تدعو الدول الأعضاء",
                    "تشجع أعضاء القطاع",
                    // Without hamza, with harakat: compared as keys.
                    "اذ تضعُ في اعتبارها",
                ],
                "تدعو الدول الأعضاء إلى المشاركة؛",
            ),
            (
                Language::Zh,
                &[
                    "考虑到",
                    "认识到",
                    "注意到",
                    "忆及",
                    "做出决议",
                    "责成电信标准化局主任",
                    "请各成员国",
                    "鼓励部门成员：",
                ],
                "请秘书长向理事会报告。",
            ),
            (
                Language::En,
                &[
                    "considering",
                    "instructs the Director of the Telecommunication Standardization Bureau",
                ],
                "invites Member States to participate actively",
            ),
        ];
        for (language, openers, paragraph) in cases {
            let o = Openers::for_language(language);
            for line in openers {
                assert!(o.match_opener(line).is_some(), "{language:?}: {line:?}");
                assert!(
                    Openers::all_languages().match_opener(line).is_some(),
                    "{line:?}"
                );
            }
            assert!(o.match_opener(paragraph).is_none(), "{paragraph:?}");
        }
        let m = Openers::for_language(Language::Zh)
            .match_opener("责成电信标准化局主任")
            .unwrap();
        assert_eq!(m.keyword, "责成");
        assert_eq!(m.tail, "电信标准化局主任");
        let m = Openers::for_language(Language::Ar)
            .match_opener("وإذ تدرك كذلك")
            .unwrap();
        assert_eq!(m.keyword, "واذ تدرك كذلك");
        assert_eq!(Openers::for_language(Language::En), Openers::itu());
        // Openers of one language are not those of another.
        assert!(Openers::for_language(Language::Fr)
            .match_opener("considering")
            .is_none());
    }

    #[test]
    fn labels_in_other_scripts() {
        let cases = [
            ("а)\tчто Резолюция", "а)", "что Резолюция"),
            ("(б) что", "(б)", "что"),
            ("أ)\tأن القرار", "أ)", "أن القرار"),
            ("(ب)\tأن", "(ب)", "أن"),
            ("(ج أن", "(ج", "أن"),
            ("هـ)\tأن", "هـ)", "أن"),
            ("١\tأن تترجم", "١", "أن تترجم"),
            ("١٢)\tأن", "١٢)", "أن"),
            ("一、考虑到", "一、", "考虑到"),
            ("十二、总则", "十二、", "总则"),
            ("（一）研究组", "（一）", "研究组"),
            ("(二) 研究组", "(二)", "研究组"),
            ("1）研究组", "1）", "研究组"),
            ("1)研究组", "1)", "研究组"),
            ("a)\t全权代表大会", "a)", "全权代表大会"),
            ("（1）研究组", "（1）", "研究组"),
        ];
        for (line, label, rest) in cases {
            assert_eq!(split_label(line), Some((label, rest)), "{line:?}");
        }
        for line in [
            "Резолюция 154",
            "что а) и б)",
            "أن القرار",
            "٢٠٢٢ كان",
            "一个研究组",
            "研究组（一）",
            "ё)\tтекст",
            "ыы)\tтекст",
        ] {
            assert_eq!(split_label(line), None, "{line:?}");
        }
    }

    #[test]
    fn other_scripts_number_and_nest() {
        assert_eq!(label_style("б)"), LabelStyle::LowerCyrillic);
        assert_eq!(label_style("Б)"), LabelStyle::UpperCyrillic);
        assert_eq!(label_style("ج)"), LabelStyle::ArabicAbjad);
        assert_eq!(label_style("١"), LabelStyle::ArabicIndic);
        assert_eq!(label_style("（三）"), LabelStyle::CjkNumeral);
        assert_eq!(label_successor("а)").as_deref(), Some("б)"));
        assert_eq!(label_successor("и)").as_deref(), Some("к)"));
        assert_eq!(label_successor("أ)").as_deref(), Some("ب)"));
        assert_eq!(label_successor("ب)").as_deref(), Some("ج)"));
        assert_eq!(label_successor("د)").as_deref(), Some("هـ)"));
        assert_eq!(label_successor("(أ").as_deref(), Some("(ب"));
        assert_eq!(label_successor("٩").as_deref(), Some("١٠"));
        assert_eq!(label_successor("九、").as_deref(), Some("十、"));
        assert_eq!(label_successor("（十九）").as_deref(), Some("（二十）"));
        assert_eq!(label_predecessor("二十一、").as_deref(), Some("二十、"));
        assert_eq!(label_with_value("ب)", 3).as_deref(), Some("ج)"));
        assert_eq!(label_with_value("b)", 4).as_deref(), Some("d)"));
        assert_eq!(label_with_value("б)", 3).as_deref(), Some("в)"));
        assert_eq!(label_offset("б)", "в)"), Some(1));
        assert_eq!(label_offset("ب)", "ج)"), Some(1));
        assert_eq!(label_offset("ج)", "د)"), Some(1));
        assert_eq!(label_offset("أ)", "(ب"), Some(1));
        assert_eq!(label_offset("١", "٢"), Some(1));
        // Cyrillic and Latin look-alikes are different lists.
        assert_eq!(label_offset("а)", "b)"), None);
        assert_eq!(label_key("١٢"), "12");
        assert_eq!(label_key("(ب"), "ب");
        assert_eq!(label_key("（一）"), "一");
        assert_eq!(label_key("Б)"), "б");
        assert_eq!(
            paths(&[Some("١"), Some("٢"), Some("أ)"), Some("ب)"), Some("٣")]),
            ["1", "2", "2/أ", "2/ب", "3"]
        );
        assert_eq!(
            paths(&[Some("一、"), Some("（一）"), Some("（二）"), Some("二、")]),
            ["一", "一/一", "一/二", "二"]
        );
        assert_eq!(
            paths(&[Some("а)"), Some("б)"), Some("в)"), Some("г)")]),
            ["а", "б", "в", "г"]
        );
    }

    #[test]
    fn slugs_in_other_scripts() {
        assert_eq!(section_slug("учитывая"), "учитывая");
        assert_eq!(section_slug("принимая во внимание"), "принимая-во-внимание");
        assert_eq!(
            section_slug("поручает Директору Бюро стандартизации электросвязи"),
            "поручает-директору-бюро"
        );
        assert_eq!(section_slug("Признавая далее,"), "признавая-далее");
        assert_eq!(section_slug("настоящей"), "настоящей");
        assert_eq!(section_slug("إذ تضع في اعتبارها"), "تضع-في-اعتبارها");
        assert_eq!(section_slug("وإذ تدرك"), "تدرك");
        assert_eq!(section_slug("إذ تدرك"), "تدرك");
        assert_eq!(section_slug("تقرر"), "تقرر");
        assert_eq!(
            section_slug("تكلف مدير مكتب تقييس الاتصالات"),
            "تكلف-مدير-مكتب"
        );
        assert_eq!(section_slug("وإذ تأخذ في الاعتبار"), "تاخذ-في-الاعتبار");
        assert_eq!(section_slug("考虑到"), "考虑到");
        assert_eq!(
            section_slug("责成电信标准化局主任："),
            "责成电信标准化局主任"
        );
        assert_eq!(section_slug("considérant"), "considerant");
        assert_eq!(
            section_slug(
                "charge le Directeur du Bureau de la normalisation des télécommunications"
            ),
            "charge-le-directeur"
        );
        assert_eq!(
            section_slug("encarga al Director de la Oficina de Normalización"),
            "encarga-al-director"
        );
        assert_eq!(section_slug("décide en outre"), "decide-en-outre");
    }

    #[test]
    fn never_panics_on_odd_input() {
        let o = Openers::itu();
        for line in [
            "\u{0}",
            "(",
            ")",
            "()",
            "(a",
            "a(",
            "é)",
            "ǅ)",
            "\u{2022}\u{2022}",
            "1.",
            "1..2 x",
            ".",
            "(1.1) x",
            "zzzzz)",
            "programme",
            "annex ;",
        ] {
            let _ = o.match_opener(line);
            let _ = split_label(line);
            let _ = section_slug(line);
            let _ = label_successor(line);
            let _ = label_paths(&[Some(line), Some(line)]);
        }
    }

    proptest::proptest! {
        #[test]
        fn any_line_is_safe(line in "\\PC{0,40}|[a-zA-Z0-9().•\t -]{0,12}") {
            let o = Openers::itu();
            let _ = o.match_opener(&line);
            if let Some((label, rest)) = split_label(&line) {
                proptest::prop_assert!(line.contains(label));
                proptest::prop_assert!(line.ends_with(rest));
                let _ = label_successor(label);
                let _ = label_predecessor(label);
                let _ = label_offset(label, &line);
            }
            let slug = section_slug(&line);
            proptest::prop_assert!(!slug.is_empty());
            let paths = label_paths(&[Some(line.as_str()), None, Some(line.as_str())]);
            proptest::prop_assert_eq!(paths.len(), 3);
        }
    }
}
