//! Recovering the proposers' changes from flattened tracked-change text.
//!
//! Text copied out of a Word document with tracked changes keeps both the
//! deleted and the inserted text, glued together: `(Rev. Busan, 2014Dubai,
//! 2018)` is "Busan, 2014" deleted and "Dubai, 2018" inserted; a label `bc)`
//! is `b)` re-lettered `c)`. This module infers, for one paragraph seen in
//! several versions, the base text and each version's insertions and
//! deletions, each with a confidence.
//!
//! The evidence, strongest first:
//!
//! 1. **Seams**: a word glued to the next where natural text never glues
//!    (a year followed by a capital, "2014Dubai"; two years, "20162022"; a
//!    lowercase letter followed by a capital, "HammametGeneva"; a word that
//!    only splits into two words the other versions write separately,
//!    "existsto"). The text before a seam was deleted and the text after it
//!    inserted; how far each reaches is read from their shape: "Busan, 2014"
//!    and "Dubai, 2018" are both *Word, Number*.
//! 2. **The other versions**: deleted text stays visible in a flattened
//!    cell, so the base is what every version shows; text that only some
//!    versions show is their insertion.
//!
//! Everything here is a pure function; [`recover_synopsis`] applies it to a
//! whole [`Synopsis`] built without a base from flattened documents.

use std::collections::{HashMap, HashSet};

use similar::{capture_diff_slices, Algorithm, DiffTag};

use crate::model::{Change, ChangeKind};
use crate::structure::{label_offset, label_readings, labels_follow, LabelStyle, ITU_OPENERS};
use crate::synopsis::{Role, Status, Synopsis};
use crate::text::Text;
use crate::tokens::normalize;

/// Confidence of a change read from a strong seam ("2014Dubai").
const CONF_SEAM: f32 = 0.9;
/// Confidence of a change read from a lowercase-to-capital seam
/// ("HammametGeneva"), which camel-case names can imitate.
const CONF_CASE_SEAM: f32 = 0.8;
/// Confidence of a seam found by splitting a word into two words the other
/// versions write apart ("existsto").
const CONF_VOCAB_SEAM: f32 = 0.75;
/// Confidence of a deletion next to an insertion that is glued to it but
/// whose extent the shapes do not tell: only the glued word is taken.
const CONF_GUESS: f32 = 0.5;
/// Confidence of an insertion only this version shows (three or more
/// versions compared).
const CONF_OWN_INSERT: f32 = 0.85;
/// Confidence of an insertion several but not all versions show.
const CONF_SHARED_INSERT: f32 = 0.8;
/// Confidence of an insertion when only two versions are compared: the other
/// may as well have been pasted without its changes.
const CONF_PAIR_INSERT: f32 = 0.65;
/// Confidence of a deletion of base text the version does not show at all:
/// flattened text keeps deletions, so its absence is odd evidence.
const CONF_MISSING: f32 = 0.4;
/// Confidence that a paragraph only a minority of versions has is their
/// insertion.
const CONF_NEW_PARAGRAPH: f32 = 0.8;
/// Same, when the paragraph shows seams, i.e. looks like amended base text
/// the row alignment may have failed to match.
const CONF_NEW_PARAGRAPH_SEAMED: f32 = 0.5;
/// Longest replacement (in atoms) the shape rule considers.
const MAX_SHAPE: usize = 16;

/// What recovery found for one row: the base text and each version's
/// changes.
#[derive(Debug, Clone, PartialEq)]
pub struct RowRecovery {
    /// The inferred base text; `None` when the paragraph is new (only a
    /// minority of the versions has it).
    pub base: Option<String>,
    /// One entry per input cell, in input order; `None` where the version
    /// lacks the paragraph.
    pub versions: Vec<Option<VersionRecovery>>,
}

/// One version's recovered changes to a row.
#[derive(Debug, Clone, PartialEq)]
pub struct VersionRecovery {
    /// The version's text after its changes (what `equal` and `insert` spell).
    pub text: String,
    /// The changes against [`RowRecovery::base`]: `equal` and `delete` spell
    /// the base, `equal` and `insert` spell [`VersionRecovery::text`]. Every
    /// non-equal change carries a confidence.
    pub ops: Vec<Change>,
    /// `Added` without a base, `Deleted` when nothing of the base is left,
    /// `Modified` when some change is not minor, else `Unchanged`.
    pub status: Status,
}

/// A label recovered from its flattened form (`bc)` is `b)` re-lettered
/// `c)`).
#[derive(Debug, Clone, PartialEq)]
pub struct LabelRecovery {
    /// The label before the proposer's change; `None` when unchanged.
    pub former: Option<String>,
    /// The label the version gives the paragraph now.
    pub current: Option<String>,
    /// How sure the reading is, from 0 to 1.
    pub confidence: f32,
}

// ---------------------------------------------------------------------------
// Atoms: the units text is compared in.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
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
enum Glue {
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
struct Atom<'a> {
    text: &'a str,
    key: String,
    class: Class,
    glue: Glue,
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
fn atomize(text: &str) -> Vec<Atom<'_>> {
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

fn is_word(a: &Atom<'_>) -> bool {
    matches!(a.class, Class::Upper | Class::Lower | Class::Number)
}

fn letter_count(a: &Atom<'_>) -> usize {
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
fn split_by_vocabulary(versions: &mut [Vec<Atom<'_>>]) {
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

// ---------------------------------------------------------------------------
// Marks: what each atom of a version is.

#[derive(Debug, Clone, Copy, PartialEq)]
struct Mark {
    /// `None` while undecided.
    kind: Option<ChangeKind>,
    confidence: f32,
}

const UNDECIDED: Mark = Mark {
    kind: None,
    confidence: 1.0,
};

fn is_barrier(a: &Atom<'_>) -> bool {
    matches!(a.key.as_str(), "(" | ")" | "[" | "]" | ";") || a.text.contains('\n')
}

fn same_shape(a: &Atom<'_>, b: &Atom<'_>) -> bool {
    match (a.class, b.class) {
        (Class::Punct, Class::Punct) => a.key == b.key,
        (x, y) => x == y,
    }
}

/// True when `atoms[range]` may be taken as one side of a replacement.
fn span_ok(
    atoms: &[Atom<'_>],
    marks: &[Mark],
    from: usize,
    to: usize,
    allowed: Option<ChangeKind>,
) -> bool {
    (from..to)
        .all(|i| !is_barrier(&atoms[i]) && (marks[i].kind.is_none() || marks[i].kind == allowed))
}

/// The longest k such that the k atoms before `seam` have the shape of the
/// k atoms after it ("Busan, 2014" | "Dubai, 2018"), both sides undecided.
fn mirrored_shape(atoms: &[Atom<'_>], marks: &[Mark], seam: usize) -> Option<usize> {
    let max = MAX_SHAPE.min(seam).min(atoms.len() - seam);
    (1..=max).rev().find(|&k| {
        let d = &atoms[seam - k..seam];
        let i = &atoms[seam..seam + k];
        d[0].class != Class::Space
            && i[k - 1].class != Class::Space
            && span_ok(atoms, marks, seam - k, seam + k, None)
            && (k == 1 || distinctive(d))
            && d.iter().zip(i).all(|(x, y)| same_shape(x, y))
    })
}

/// True when a span has something besides lowercase words and spaces: a
/// run of lowercase words has the shape of any other, so only a number, a
/// capital or punctuation makes a shape match mean something.
fn distinctive(span: &[Atom<'_>]) -> bool {
    span.iter()
        .any(|a| matches!(a.class, Class::Number | Class::Upper | Class::Punct))
}

fn set(marks: &mut [Mark], from: usize, to: usize, kind: ChangeKind, confidence: f32) {
    for m in &mut marks[from..to] {
        *m = Mark {
            kind: Some(kind),
            confidence,
        };
    }
}

/// When a replacement reaches the end of the text and only a word or two
/// precede its deleted side, the whole old text was replaced ("taking into
/// account" -> "recognizing further").
fn extend_to_start(
    atoms: &[Atom<'_>],
    marks: &[Mark],
    d_start: usize,
    i_end: usize,
    allowed: Option<ChangeKind>,
) -> usize {
    let rest_after = atoms[i_end..].iter().all(|a| !is_word(a));
    let before_words = atoms[..d_start].iter().filter(|a| is_word(a)).count();
    if rest_after && before_words <= 2 && span_ok(atoms, marks, 0, d_start, allowed) {
        0
    } else {
        d_start
    }
}

/// Marks the replacements that seams inside one version show, without
/// looking at the other versions. Returns true if any was found.
fn local_seams(
    atoms: &[Atom<'_>],
    marks: &mut [Mark],
    shared_case: &HashSet<(String, String)>,
) -> bool {
    let mut found = false;
    for s in 1..atoms.len() {
        let confidence = match atoms[s].glue {
            Glue::None => continue,
            Glue::DigitAlpha | Glue::Year => CONF_SEAM,
            Glue::Case => {
                // "McDonald" or "eLearning" are words, not seams.
                if letter_count(&atoms[s - 1]) < 3 || letter_count(&atoms[s]) < 3 {
                    continue;
                }
                // Every version writes it so ("YouTube"): a name, not a seam.
                if shared_case.contains(&(atoms[s - 1].key.clone(), atoms[s].key.clone())) {
                    continue;
                }
                CONF_CASE_SEAM
            }
            // Cut by the other versions' words: the other versions also
            // tell how far the insertion reaches, see `glued_run`.
            Glue::Vocab => continue,
        };
        if marks[s].kind.is_some() || marks[s - 1].kind.is_some() {
            continue;
        }
        match mirrored_shape(atoms, marks, s) {
            Some(k) => {
                let d_start = extend_to_start(atoms, marks, s - k, s + k, None);
                set(marks, d_start, s, ChangeKind::Delete, confidence);
                set(marks, s, s + k, ChangeKind::Insert, confidence);
                found = true;
            }
            None if atoms[s].glue == Glue::Case => {
                set(marks, s - 1, s, ChangeKind::Delete, CONF_GUESS);
                set(marks, s, s + 1, ChangeKind::Insert, CONF_GUESS);
                found = true;
            }
            None => {}
        }
    }
    found
}

/// For an insertion run `[start, end)` the other versions revealed, glued to
/// the undecided text before it: mark the replaced text as deleted.
fn glued_run(atoms: &[Atom<'_>], marks: &mut [Mark], start: usize, end: usize) {
    if start == 0 || atoms[start].glue == Glue::None {
        return;
    }
    if marks[start - 1].kind != Some(ChangeKind::Equal) {
        return;
    }
    // The run without trailing spaces, for the suffix comparison.
    let mut run_end = end;
    while run_end > start && atoms[run_end - 1].class == Class::Space {
        run_end -= 1;
    }
    let run = &atoms[start..run_end];
    let equal_before = |k: usize| {
        (start - k..start)
            .all(|i| marks[i].kind == Some(ChangeKind::Equal) && !is_barrier(&atoms[i]))
            && atoms[start - k].class != Class::Space
    };
    let max = MAX_SHAPE.min(start).min(run.len());
    let k = (1..=max).rev().find(|&k| {
        equal_before(k) && (k == 1 || distinctive(&atoms[start - k..start])) && {
            let d = &atoms[start - k..start];
            let prefix = d.iter().zip(&run[..k]).all(|(x, y)| same_shape(x, y));
            let suffix = d
                .iter()
                .zip(&run[run.len() - k..])
                .all(|(x, y)| same_shape(x, y));
            prefix || suffix
        }
    });
    match k {
        Some(k) => {
            let from = extend_to_start(atoms, marks, start - k, end, Some(ChangeKind::Equal));
            set(marks, from, start, ChangeKind::Delete, CONF_VOCAB_SEAM);
        }
        None if is_word(&atoms[start - 1]) => {
            set(marks, start - 1, start, ChangeKind::Delete, CONF_GUESS);
        }
        None => {}
    }
}

/// The lowercase-to-capital pairs ("You" + "Tube") every version writes,
/// when there are several versions.
fn shared_case_pairs(versions: &[Vec<Atom<'_>>]) -> HashSet<(String, String)> {
    let pairs = |atoms: &Vec<Atom<'_>>| -> HashSet<(String, String)> {
        atoms
            .windows(2)
            .filter(|w| w[1].glue == Glue::Case)
            .map(|w| (w[0].key.clone(), w[1].key.clone()))
            .collect()
    };
    if versions.len() < 2 {
        return HashSet::new();
    }
    let mut shared = pairs(&versions[0]);
    for v in &versions[1..] {
        let p = pairs(v);
        shared.retain(|x| p.contains(x));
    }
    shared
}

/// True when two word keys look like one word edited inside ("carry" /
/// "carringy", "exists" / "existsto").
fn similar_words(a: &str, b: &str) -> bool {
    if a.chars().count() < 3 || b.chars().count() < 3 {
        return false;
    }
    if a.starts_with(b) || b.starts_with(a) || a.ends_with(b) || b.ends_with(a) {
        return true;
    }
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let longest = a.chars().count().max(b.chars().count());
    common >= 3 && common * 2 >= longest
}

/// Which slots hold base text: what every version shows, what a seam marks
/// as deleted, and what a version only lacks because it edited the word
/// inside ("carry" in two versions, "carringy" in the third).
fn base_slots(slots: &[Slot], atoms: &[Vec<Atom<'_>>], marks: &[Vec<Mark>]) -> Vec<bool> {
    let full: Vec<bool> = slots
        .iter()
        .map(|s| s.members.iter().all(Option::is_some))
        .collect();
    (0..slots.len())
        .map(|i| {
            let s = &slots[i];
            if full[i] {
                return true;
            }
            let seam_deleted = s
                .members
                .iter()
                .enumerate()
                .any(|(v, m)| m.is_some_and(|a| marks[v][a].kind == Some(ChangeKind::Delete)));
            if seam_deleted {
                return true;
            }
            let present = s.members.iter().filter(|m| m.is_some()).count();
            if present * 2 <= s.members.len() {
                return false;
            }
            // Every missing version must show an edited form of the word
            // between the same two shared anchors.
            let lo = (0..i).rev().find(|&j| full[j]).map_or(0, |j| j + 1);
            let hi = (i + 1..slots.len())
                .find(|&j| full[j])
                .unwrap_or(slots.len());
            let Some(word) = s
                .members
                .iter()
                .enumerate()
                .find_map(|(v, m)| m.map(|a| &atoms[v][a]))
                .filter(|a| is_word(a))
            else {
                return false;
            };
            s.members.iter().enumerate().all(|(v, m)| {
                m.is_some()
                    || (lo..hi).any(|j| {
                        slots[j].members[v].is_some_and(|a| {
                            is_word(&atoms[v][a]) && similar_words(&atoms[v][a].key, &word.key)
                        })
                    })
            })
        })
        .collect()
}

// ---------------------------------------------------------------------------
// Multiple alignment of the versions' base candidates.

struct Slot {
    key: String,
    /// Per present version, the atom index.
    members: Vec<Option<usize>>,
}

fn align_versions(atoms: &[Vec<Atom<'_>>], candidates: &[Vec<usize>]) -> Vec<Slot> {
    let n = atoms.len();
    let mut slots: Vec<Slot> = Vec::new();
    for (v, cands) in candidates.iter().enumerate() {
        let new_keys: Vec<&str> = cands.iter().map(|&a| atoms[v][a].key.as_str()).collect();
        let old_keys: Vec<String> = slots.iter().map(|s| s.key.clone()).collect();
        let old_refs: Vec<&str> = old_keys.iter().map(String::as_str).collect();
        let ops = capture_diff_slices(Algorithm::Myers, &old_refs, &new_keys);
        let mut old_slots = std::mem::take(&mut slots).into_iter();
        let fresh = |a: usize| {
            let mut members = vec![None; n];
            members[v] = Some(a);
            Slot {
                key: atoms[v][a].key.clone(),
                members,
            }
        };
        let mut merged = Vec::with_capacity(old_keys.len() + new_keys.len());
        for op in ops {
            let (tag, old_range, new_range) = op.as_tag_tuple();
            match tag {
                DiffTag::Equal => {
                    for j in new_range {
                        if let Some(mut s) = old_slots.next() {
                            s.members[v] = Some(cands[j]);
                            merged.push(s);
                        }
                    }
                }
                DiffTag::Delete => merged.extend(old_slots.by_ref().take(old_range.len())),
                DiffTag::Insert => merged.extend(new_range.map(|j| fresh(cands[j]))),
                DiffTag::Replace => {
                    merged.extend(old_slots.by_ref().take(old_range.len()));
                    merged.extend(new_range.map(|j| fresh(cands[j])));
                }
            }
        }
        merged.extend(old_slots);
        slots = merged;
    }
    slots
}

// ---------------------------------------------------------------------------
// Rows.

/// A change being built: its text grows as neighbouring pieces of the same
/// kind arrive, and becomes a [`Change`] once the row is done.
struct OpDraft {
    kind: ChangeKind,
    text: String,
    minor: bool,
    confidence: Option<f32>,
}

/// Appends a change, merging it into the previous one of the same kind.
fn push_op(ops: &mut Vec<OpDraft>, kind: ChangeKind, text: &str, minor: bool, confidence: f32) {
    if text.is_empty() {
        return;
    }
    if let Some(last) = ops.last_mut() {
        if last.kind == kind && last.minor == minor {
            last.text.push_str(text);
            if kind != ChangeKind::Equal {
                let c = last.confidence.unwrap_or(1.0).min(confidence);
                last.confidence = Some(c);
            }
            return;
        }
    }
    ops.push(OpDraft {
        kind,
        text: text.to_string(),
        minor,
        confidence: (kind != ChangeKind::Equal).then(|| confidence.clamp(0.0, 1.0)),
    });
}

/// The finished changes of a row.
fn finish_ops(ops: Vec<OpDraft>) -> Vec<Change> {
    ops.into_iter()
        .map(|op| {
            let mut change = Change::new(op.kind, op.text);
            change.minor = op.minor;
            change.confidence = op.confidence;
            change
        })
        .collect()
}

fn status_of(base: Option<&str>, ops: &[Change], text: &str) -> Status {
    match base {
        None => Status::Added,
        Some(b) => {
            if !b.trim().is_empty() && text.trim().is_empty() {
                Status::Deleted
            } else if ops.iter().any(|c| c.kind != ChangeKind::Equal && !c.minor) {
                Status::Modified
            } else {
                Status::Unchanged
            }
        }
    }
}

/// A version that only adds the paragraph: everything inserted.
fn all_added(text: &str, confidence: f32) -> VersionRecovery {
    let mut ops = Vec::new();
    push_op(&mut ops, ChangeKind::Insert, text, false, confidence);
    VersionRecovery {
        text: text.to_string(),
        ops: finish_ops(ops),
        status: Status::Added,
    }
}

/// Recovers the base text and each version's changes for one paragraph.
///
/// `cells` holds each version's flattened text of the same paragraph, or
/// `None` where the version lacks it. Pass only versions that take part in
/// the comparison (an empty column would make every paragraph look new).
///
/// The base is what every present version shows, minus what seams mark as
/// inserted, plus what seams mark as deleted; each version's changes are
/// read against it. When only a minority of the versions (or one version
/// of several) has the paragraph, it has no base: each present version adds
/// it. A single cell (nothing to compare with) is read from its seams alone.
pub fn recover_row(cells: &[Option<&str>]) -> RowRecovery {
    let present: Vec<usize> = (0..cells.len()).filter(|&i| cells[i].is_some()).collect();
    let mut versions: Vec<Option<VersionRecovery>> = vec![None; cells.len()];
    if present.is_empty() {
        return RowRecovery {
            base: None,
            versions,
        };
    }
    let texts: Vec<&str> = present.iter().filter_map(|&i| cells[i]).collect();
    if cells.len() > 1 && present.len() * 2 <= cells.len() {
        for (&i, text) in present.iter().zip(&texts) {
            let atoms = atomize(text);
            let mut marks = vec![UNDECIDED; atoms.len()];
            let confidence = if local_seams(&atoms, &mut marks, &HashSet::new()) {
                CONF_NEW_PARAGRAPH_SEAMED
            } else {
                CONF_NEW_PARAGRAPH
            };
            versions[i] = Some(all_added(text, confidence));
        }
        return RowRecovery {
            base: None,
            versions,
        };
    }

    let n = texts.len();
    let mut atoms: Vec<Vec<Atom<'_>>> = texts.iter().map(|t| atomize(t)).collect();
    split_by_vocabulary(&mut atoms);
    let mut marks: Vec<Vec<Mark>> = atoms.iter().map(|a| vec![UNDECIDED; a.len()]).collect();
    let shared_case = shared_case_pairs(&atoms);
    for (a, m) in atoms.iter().zip(marks.iter_mut()) {
        local_seams(a, m, &shared_case);
    }

    // Base candidates: everything a seam did not mark as inserted.
    let candidates: Vec<Vec<usize>> = marks
        .iter()
        .map(|m| {
            (0..m.len())
                .filter(|&i| m[i].kind != Some(ChangeKind::Insert))
                .collect()
        })
        .collect();
    let slots = align_versions(&atoms, &candidates);
    let in_base = base_slots(&slots, &atoms, &marks);

    // What the other versions tell about each undecided atom.
    for (slot, &base) in slots.iter().zip(&in_base) {
        let count = slot.members.iter().filter(|m| m.is_some()).count();
        for (v, member) in slot.members.iter().enumerate() {
            let Some(a) = *member else { continue };
            if marks[v][a].kind.is_some() {
                continue;
            }
            marks[v][a] = if base {
                Mark {
                    kind: Some(ChangeKind::Equal),
                    confidence: 1.0,
                }
            } else {
                let confidence = if n == 2 {
                    CONF_PAIR_INSERT
                } else if count == 1 {
                    CONF_OWN_INSERT
                } else {
                    CONF_SHARED_INSERT
                };
                Mark {
                    kind: Some(ChangeKind::Insert),
                    confidence,
                }
            };
        }
    }
    // Insertions the other versions revealed, glued to the text before them.
    for v in 0..n {
        let mut i = 0;
        while i < atoms[v].len() {
            if marks[v][i].kind == Some(ChangeKind::Insert) {
                let start = i;
                while i < atoms[v].len() && marks[v][i].kind == Some(ChangeKind::Insert) {
                    i += 1;
                }
                glued_run(&atoms[v], &mut marks[v], start, i);
            } else {
                i += 1;
            }
        }
    }

    // The base spelling of each base slot: the most common among versions.
    let canonical: Vec<String> = slots
        .iter()
        .map(|s| {
            let mut counts: Vec<(&str, usize)> = Vec::new();
            for (v, m) in s.members.iter().enumerate() {
                if let Some(a) = m {
                    let t = atoms[v][*a].text;
                    match counts.iter_mut().find(|(x, _)| *x == t) {
                        Some((_, c)) => *c += 1,
                        None => counts.push((t, 1)),
                    }
                }
            }
            let best = counts.iter().map(|(_, c)| *c).max().unwrap_or(0);
            counts
                .iter()
                .find(|(_, c)| *c == best)
                .map_or(String::new(), |(t, _)| (*t).to_string())
        })
        .collect();
    let base: String = slots
        .iter()
        .zip(&in_base)
        .zip(&canonical)
        .filter(|((_, b), _)| **b)
        .map(|(_, c)| c.as_str())
        .collect();

    for (v, &cell_index) in present.iter().enumerate() {
        let mut ops: Vec<OpDraft> = Vec::new();
        let emit = |ops: &mut Vec<OpDraft>, a: usize, canon: Option<&str>| {
            let atom = &atoms[v][a];
            let mark = marks[v][a];
            match mark.kind.unwrap_or(ChangeKind::Equal) {
                ChangeKind::Equal => match canon {
                    Some(c) if c != atom.text => {
                        // Same word, other spelling ("ITUT" / "ITU-T"): keep
                        // the base exact and the cell's own text.
                        push_op(ops, ChangeKind::Delete, c, true, 1.0);
                        push_op(ops, ChangeKind::Insert, atom.text, true, 1.0);
                    }
                    _ => push_op(ops, ChangeKind::Equal, atom.text, false, 1.0),
                },
                ChangeKind::Delete => {
                    push_op(
                        ops,
                        ChangeKind::Delete,
                        canon.unwrap_or(atom.text),
                        false,
                        mark.confidence,
                    );
                }
                ChangeKind::Insert => {
                    push_op(ops, ChangeKind::Insert, atom.text, false, mark.confidence);
                }
            }
        };
        let mut next = 0usize;
        for ((slot, &base_slot), canon) in slots.iter().zip(&in_base).zip(&canonical) {
            match slot.members[v] {
                Some(a) => {
                    while next < a {
                        emit(&mut ops, next, None);
                        next += 1;
                    }
                    if base_slot {
                        emit(&mut ops, a, Some(canon.as_str()));
                    } else {
                        emit(&mut ops, a, None);
                    }
                    next = a + 1;
                }
                None if base_slot => {
                    push_op(&mut ops, ChangeKind::Delete, canon, false, CONF_MISSING);
                }
                None => {}
            }
        }
        while next < atoms[v].len() {
            emit(&mut ops, next, None);
            next += 1;
        }
        let ops = finish_ops(ops);
        let text: String = ops
            .iter()
            .filter(|c| c.kind != ChangeKind::Delete)
            .map(|c| c.text.as_str())
            .collect();
        let status = status_of(Some(&base), &ops, &text);
        versions[cell_index] = Some(VersionRecovery { text, ops, status });
    }
    RowRecovery {
        base: Some(base),
        versions,
    }
}

// ---------------------------------------------------------------------------
// Labels.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Decoration {
    Close,
    Parens,
    Dot,
    Bare,
}

fn decorate(core: &str, d: Decoration) -> String {
    match d {
        Decoration::Close => format!("{core})"),
        Decoration::Parens => format!("({core})"),
        Decoration::Dot => format!("{core}."),
        Decoration::Bare => core.to_string(),
    }
}

fn undecorate(label: &str) -> (&str, Decoration) {
    if let Some(c) = label.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        if !c.contains(['(', ')']) {
            return (c, Decoration::Parens);
        }
    }
    if let Some(c) = label.strip_suffix(')') {
        if !c.contains(['(', ')']) {
            return (c, Decoration::Close);
        }
    }
    if let Some(c) = label.strip_suffix('.') {
        return (c, Decoration::Dot);
    }
    (label, Decoration::Bare)
}

/// A reading of a flattened label and how plausible it is on its own.
#[derive(Debug, Clone)]
struct Candidate {
    former: String,
    current: String,
    prior: f32,
}

/// How plausible a label is as written, unchanged.
fn unchanged_prior(label: &str) -> Option<f32> {
    let reading = *label_readings(label).first()?;
    let (core, _) = undecorate(label);
    Some(match reading.style {
        LabelStyle::Other => return None,
        LabelStyle::Bullet => 1.0,
        LabelStyle::Arabic => match reading.value {
            1..=20 => 0.9,
            21..=40 => 0.6,
            _ => 0.3,
        },
        LabelStyle::LowerRoman | LabelStyle::UpperRoman if core.chars().count() > 1 => {
            if reading.value <= 39 {
                0.7
            } else {
                0.1
            }
        }
        _ if core.chars().count() == 1 => 0.9,
        // Doubled letters ("aa)") come after z): rare.
        _ => 0.5,
    })
}

fn valid_part(core: &str) -> bool {
    !core.is_empty() && !core.starts_with('0') && core.chars().all(char::is_alphanumeric)
}

/// Every reading of a flattened label, with its prior.
fn label_candidates(label: &str) -> Vec<Candidate> {
    let label = label.trim();
    let mut out = Vec::new();
    if let Some(p) = unchanged_prior(label) {
        out.push(Candidate {
            former: label.to_string(),
            current: label.to_string(),
            prior: p,
        });
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    // Two whole labels: "(a)(b)", "a)b)".
    for (b, _) in label.char_indices().skip(1) {
        let (x, y) = label.split_at(b);
        let (cx, dx) = undecorate(x);
        let (cy, dy) = undecorate(y);
        if dx == dy
            && matches!(dx, Decoration::Close | Decoration::Parens)
            && valid_part(cx)
            && valid_part(cy)
        {
            pairs.push((x.to_string(), y.to_string()));
        }
    }
    // One decoration around two glued cores: "bc)", "54".
    let (core, deco) = undecorate(label);
    // "iii)" is a numeral, not "i)" re-lettered "ii)".
    let numeral =
        core.chars().count() > 1 && crate::structure::roman_value(core).is_some_and(|v| v <= 39);
    if core.chars().all(char::is_alphanumeric) && !numeral {
        for (b, _) in core.char_indices().skip(1) {
            let (x, y) = core.split_at(b);
            let same_kind =
                x.chars().all(|c| c.is_ascii_digit()) == y.chars().all(|c| c.is_ascii_digit());
            if valid_part(x) && valid_part(y) && same_kind {
                pairs.push((decorate(x, deco), decorate(y, deco)));
            }
        }
    }
    for (x, y) in pairs {
        let Some(d) = label_offset(&x, &y) else {
            continue;
        };
        let base = match d.unsigned_abs() {
            0 => continue,
            1 => 0.8,
            2 => 0.35,
            _ => 0.1,
        };
        // Word flattens a deletion before the insertion that replaces it,
        // so "former, current" is the usual order.
        out.push(Candidate {
            former: x.clone(),
            current: y.clone(),
            prior: base,
        });
        out.push(Candidate {
            former: y,
            current: x,
            prior: base * 0.6,
        });
    }
    out
}

fn same_label(a: &str, b: &str) -> bool {
    let (ca, _) = undecorate(a.trim());
    let (cb, _) = undecorate(b.trim());
    ca == cb
}

/// Recovers a label from its flattened form, using the labels other
/// versions give the same paragraph as evidence.
///
/// `bc)` is `b)` re-lettered `c)` (former `b)`, current `c)`); `54` is `5`
/// renumbered `4`; a plain `b)` is unchanged (former `None`). When the two
/// halves could be read either way ("gh)" after a deletion is `h)` become
/// `g)`), the other versions' labels decide.
pub fn recover_label(flattened: &str, others: &[&str]) -> LabelRecovery {
    recover_label_in_sequence(flattened, others, None)
}

/// Like [`recover_label`], also using the label this version gave the
/// previous paragraph of the same section: a reading whose current label
/// follows it ("f)" then "g)") is preferred.
pub fn recover_label_in_sequence(
    flattened: &str,
    others: &[&str],
    previous: Option<&str>,
) -> LabelRecovery {
    let label = flattened.trim();
    if label.is_empty() {
        return LabelRecovery {
            former: None,
            current: None,
            confidence: 1.0,
        };
    }
    let mut candidates = label_candidates(label);
    if candidates.is_empty() {
        return LabelRecovery {
            former: None,
            current: Some(label.to_string()),
            confidence: 0.3,
        };
    }
    // The others' own best readings, without further evidence.
    let readings: Vec<(String, String)> = others
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
        .filter_map(|o| {
            label_candidates(o)
                .into_iter()
                .max_by(|a, b| a.prior.total_cmp(&b.prior))
                .map(|c| (c.former, c.current))
        })
        .collect();
    let total = readings.len().max(1) as f32;
    for c in &mut candidates {
        let former_votes = readings
            .iter()
            .filter(|(f, _)| same_label(f, &c.former))
            .count() as f32;
        let current_votes = readings
            .iter()
            .filter(|(_, k)| same_label(k, &c.current))
            .count() as f32;
        c.prior += 0.6 * former_votes / total + 0.2 * current_votes / total;
        if let Some(prev) = previous {
            if labels_follow(prev, &c.current) {
                c.prior += 0.4;
            }
        }
    }
    candidates.sort_by(|a, b| b.prior.total_cmp(&a.prior));
    let best = &candidates[0];
    // How much better the best reading is than the next, scaled down when
    // even the best is implausible ("xq)").
    let margin = match candidates.get(1) {
        Some(second) if second.prior > 0.0 => best.prior / (best.prior + 0.5 * second.prior),
        _ => 1.0,
    };
    let confidence = (margin * (best.prior / 0.9).min(1.0)).clamp(0.0, 1.0);
    LabelRecovery {
        former: (best.former != best.current).then(|| best.former.clone()),
        current: Some(best.current.clone()),
        confidence,
    }
}

// ---------------------------------------------------------------------------
// Whole synopsis.

/// Replaces the inferred base and every cell's changes of a synopsis that
/// [`crate::compare`] built without a base from flattened documents by the
/// recovered ones.
///
/// Per row: the base text (and the base column's cell) from
/// [`recover_row`]; per proposal cell: `text` the result of the proposer's
/// changes, `ops` the recovered changes, `label` the new label and
/// `former_label` the old one ([`recover_label_in_sequence`]). A cell is
/// `absent` where the version lacks the paragraph, `added` in a row without
/// base, `modified` with a change that is not minor, else `unchanged`.
/// Columns with no paragraph at all (an empty proposal) take no part.
pub fn recover_synopsis(synopsis: &mut Synopsis) {
    let columns = synopsis.versions.len();
    let base_column = synopsis.base_index();
    let ids: Vec<String> = synopsis.versions.iter().map(|v| v.id.clone()).collect();
    let position = |row: &crate::synopsis::Row, c: usize| -> Option<usize> {
        match row.cells.get(c) {
            Some(cell) if cell.version == ids[c] => Some(c),
            _ => row.cells.iter().position(|cell| cell.version == ids[c]),
        }
    };
    let holds = |cell: &crate::synopsis::Cell| {
        // compare marks a paragraph a version lacks as deleted, with no text.
        cell.status != Status::Absent && (cell.status != Status::Deleted || !cell.text.is_empty())
    };
    // Proposal columns that show something somewhere.
    let participants: Vec<usize> = (0..columns)
        .filter(|&c| synopsis.versions[c].role == Role::Proposal)
        .filter(|&c| {
            synopsis.rows.iter().any(|row| {
                position(row, c)
                    .is_some_and(|p| holds(&row.cells[p]) && !row.cells[p].text.trim().is_empty())
            })
        })
        .collect();
    let mut previous: HashMap<usize, (String, String)> = HashMap::new(); // column -> (section, label)

    for row in &mut synopsis.rows {
        let slots: Vec<Option<usize>> = participants.iter().map(|&c| position(row, c)).collect();
        let texts: Vec<Option<String>> = slots
            .iter()
            .map(|p| p.and_then(|p| holds(&row.cells[p]).then(|| row.cells[p].text.to_string())))
            .collect();
        let refs: Vec<Option<&str>> = texts.iter().map(|t| t.as_deref()).collect();
        let recovery = recover_row(&refs);

        // Labels, each read with the others' as evidence.
        let labels: Vec<Option<String>> = slots
            .iter()
            .zip(&texts)
            .map(|(p, t)| p.and_then(|p| t.as_ref().and(row.cells[p].label.clone())))
            .collect();
        let mut recovered_labels: Vec<Option<LabelRecovery>> = Vec::with_capacity(labels.len());
        for (k, label) in labels.iter().enumerate() {
            let Some(label) = label else {
                recovered_labels.push(None);
                continue;
            };
            let others: Vec<&str> = labels
                .iter()
                .enumerate()
                .filter(|(j, _)| *j != k)
                .filter_map(|(_, l)| l.as_deref())
                .collect();
            let prev = previous
                .get(&participants[k])
                .filter(|(section, _)| *section == row.section)
                .map(|(_, l)| l.as_str());
            let r = recover_label_in_sequence(label, &others, prev);
            if let Some(current) = &r.current {
                previous.insert(participants[k], (row.section.clone(), current.clone()));
            }
            recovered_labels.push(Some(r));
        }

        for (k, slot) in slots.iter().enumerate() {
            let Some(p) = *slot else { continue };
            let cell = &mut row.cells[p];
            cell.tracked = false;
            match &recovery.versions[k] {
                Some(v) => {
                    cell.text = Text::from(&v.text);
                    cell.ops = v.ops.clone();
                    cell.status = v.status;
                    if let Some(l) = &recovered_labels[k] {
                        cell.label = l.current.clone();
                        cell.former_label = l.former.clone();
                    }
                }
                None => {
                    cell.text = Text::default();
                    cell.ops.clear();
                    cell.status = Status::Absent;
                    cell.label = None;
                    cell.former_label = None;
                }
            }
        }

        // The row's label: the base's (what the versions had before their
        // changes), or for a new row what the proposals call it.
        let votes: Vec<String> = recovered_labels
            .iter()
            .flatten()
            .filter_map(|l| match recovery.base {
                Some(_) => l.former.clone().or_else(|| l.current.clone()),
                None => l.current.clone(),
            })
            .collect();
        if let Some(label) = most_common(&votes) {
            row.label = Some(label);
        }
        row.base_text = recovery.base.as_deref().map(Text::from);
        if let Some(b) = base_column {
            if let Some(p) = position(row, b) {
                let cell = &mut row.cells[p];
                cell.former_label = None;
                cell.tracked = false;
                match &row.base_text {
                    Some(text) => {
                        cell.status = Status::Unchanged;
                        cell.text = text.clone();
                        cell.ops = if text.is_empty() {
                            Vec::new()
                        } else {
                            vec![Change::equal(text.clone())]
                        };
                        cell.label = row.label.clone();
                    }
                    None => {
                        cell.status = Status::Absent;
                        cell.text = Text::default();
                        cell.ops.clear();
                        cell.label = None;
                    }
                }
            }
        }
    }
    // Ids and section slugs were made from the flattened text.
    crate::compare::assign_synopsis_ids(synopsis);
}

/// The most frequent string, the first seen on ties.
fn most_common(items: &[String]) -> Option<String> {
    let mut counts: Vec<(&String, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(x, _)| *x == item) {
            Some((_, c)) => *c += 1,
            None => counts.push((item, 1)),
        }
    }
    let best = counts.iter().map(|(_, c)| *c).max()?;
    counts
        .into_iter()
        .find(|(_, c)| *c == best)
        .map(|(s, _)| s.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{original_of, result_of};

    fn row(cells: &[Option<&str>]) -> RowRecovery {
        let r = recover_row(cells);
        // The invariant every caller relies on.
        for v in r.versions.iter().flatten() {
            assert_eq!(
                original_of(&v.ops),
                r.base.clone().unwrap_or_default(),
                "{r:#?}"
            );
            assert_eq!(result_of(&v.ops), v.text, "{r:#?}");
            for c in &v.ops {
                match c.kind {
                    ChangeKind::Equal => assert_eq!(c.confidence, None),
                    _ => assert!(c.confidence.is_some_and(|x| (0.0..=1.0).contains(&x))),
                }
            }
        }
        r
    }

    fn all(texts: &[&str]) -> RowRecovery {
        let cells: Vec<Option<&str>> = texts.iter().map(|t| Some(*t)).collect();
        row(&cells)
    }

    fn version(r: &RowRecovery, i: usize) -> &VersionRecovery {
        r.versions[i].as_ref().expect("version present")
    }

    fn ops_of(v: &VersionRecovery, kind: ChangeKind) -> Vec<String> {
        v.ops
            .iter()
            .filter(|c| c.kind == kind && !c.minor)
            .map(|c| c.text.to_string())
            .collect()
    }

    fn confidence_of(v: &VersionRecovery, text: &str) -> f32 {
        v.ops
            .iter()
            .find(|c| c.text == text)
            .and_then(|c| c.confidence)
            .unwrap_or_else(|| panic!("no change {text:?} in {:#?}", v.ops))
    }

    #[test]
    fn title_block_of_resolution_44() {
        let r = all(&[
            "RESOLUTION 44 (Rev. Hammamet, 2016Geneva, 2022)",
            "RESOLUTION 44 (Rev. Hammamet, 2016Geneva, 2022)",
            "RESOLUTION 44 (Rev. HammametGeneva, 20162022)",
        ]);
        assert_eq!(
            r.base.as_deref(),
            Some("RESOLUTION 44 (Rev. Hammamet, 2016)")
        );
        let atu = version(&r, 0);
        assert_eq!(atu.text, "RESOLUTION 44 (Rev. Geneva, 2022)");
        assert_eq!(ops_of(atu, ChangeKind::Delete), ["Hammamet, 2016"]);
        assert_eq!(ops_of(atu, ChangeKind::Insert), ["Geneva, 2022"]);
        assert!(confidence_of(atu, "Geneva, 2022") >= 0.8);
        assert_eq!(atu.status, Status::Modified);
        let rcc = version(&r, 2);
        assert_eq!(rcc.text, "RESOLUTION 44 (Rev. Geneva, 2022)");
        assert_eq!(ops_of(rcc, ChangeKind::Delete), ["Hammamet", "2016"]);
        assert_eq!(ops_of(rcc, ChangeKind::Insert), ["Geneva", "2022"]);
    }

    #[test]
    fn assembly_line_with_interleaved_replacement() {
        let r = all(&[
            "The World Telecommunication Standardization Assembly (Hammamet, 2016Geneva, 2022),",
            "The World Telecommunication Standardization Assembly (HammametGeneva,, 20162022),",
        ]);
        assert_eq!(
            r.base.as_deref(),
            Some("The World Telecommunication Standardization Assembly (Hammamet, 2016),")
        );
        assert_eq!(
            version(&r, 0).text,
            "The World Telecommunication Standardization Assembly (Geneva, 2022),"
        );
        assert!(version(&r, 1).text.contains("Geneva"));
        assert!(version(&r, 1).text.contains("2022"));
        assert!(!version(&r, 1).text.contains("2016"));
    }

    #[test]
    fn same_glued_change_in_two_versions() {
        let r = all(&[
            "that Resolution 123 (Rev. Busan, 2014Dubai, 2018) of the Conference",
            "that Resolution 123 (Rev. Busan, 2014Dubai, 2018) of the Conference",
            "that Resolution 123 (Rev. Busan, 2014) of the Conference",
        ]);
        assert_eq!(
            r.base.as_deref(),
            Some("that Resolution 123 (Rev. Busan, 2014) of the Conference")
        );
        for i in 0..2 {
            let v = version(&r, i);
            assert_eq!(ops_of(v, ChangeKind::Delete), ["Busan, 2014"]);
            assert_eq!(ops_of(v, ChangeKind::Insert), ["Dubai, 2018"]);
            assert_eq!(
                v.text,
                "that Resolution 123 (Rev. Dubai, 2018) of the Conference"
            );
        }
        assert_eq!(version(&r, 2).status, Status::Unchanged);
    }

    #[test]
    fn replacement_longer_than_what_it_replaces() {
        let r = all(&[
            "that Resolution 191 (Busan, 2014) of the Conference",
            "that Resolution 191 (Busan, 2014Rev. Dubai, 2018) of the Conference",
            "that Resolution 191 (Busan, 2014) of the Conference",
        ]);
        assert_eq!(
            r.base.as_deref(),
            Some("that Resolution 191 (Busan, 2014) of the Conference")
        );
        let v = version(&r, 1);
        assert_eq!(ops_of(v, ChangeKind::Delete), ["Busan, 2014"]);
        assert_eq!(ops_of(v, ChangeKind::Insert), ["Rev. Dubai, 2018"]);
    }

    #[test]
    fn year_ranges_glued() {
        let r = all(&[
            "for 2016-20192020-2023, lists enablers",
            "for 2016-2019, lists enablers",
            "for 2016-2019, lists enablers",
        ]);
        assert_eq!(r.base.as_deref(), Some("for 2016-2019, lists enablers"));
        let v = version(&r, 0);
        assert_eq!(ops_of(v, ChangeKind::Delete), ["2016-2019"]);
        assert_eq!(ops_of(v, ChangeKind::Insert), ["2020-2023"]);
        assert_eq!(v.text, "for 2020-2023, lists enablers");
    }

    #[test]
    fn text_only_one_version_has_is_its_insertion() {
        let r = all(&[
            "to provide remote participation, where possible",
            "to ensure equal access to the ITU electronic meetings and to provide remote participation, where possible",
            "to provide remote participation, where possible",
        ]);
        assert_eq!(
            r.base.as_deref(),
            Some("to provide remote participation, where possible")
        );
        let v = version(&r, 1);
        assert!(ops_of(v, ChangeKind::Delete).is_empty());
        let inserted = ops_of(v, ChangeKind::Insert).concat();
        assert!(inserted.contains("ensure equal access"), "{inserted:?}");
        assert!(v
            .ops
            .iter()
            .filter(|c| c.kind == ChangeKind::Insert)
            .all(|c| c.confidence >= Some(0.8)));
        assert_eq!(version(&r, 0).status, Status::Unchanged);
    }

    #[test]
    fn text_several_versions_share_is_their_insertion() {
        let r = all(&[
            "to take the objectives into account",
            "to take the objectives into account in their participation",
            "to take the objectives into account in their participation",
        ]);
        assert_eq!(
            r.base.as_deref(),
            Some("to take the objectives into account")
        );
        assert_eq!(
            ops_of(version(&r, 1), ChangeKind::Insert),
            [" in their participation"]
        );
        assert_eq!(
            ops_of(version(&r, 2), ChangeKind::Insert),
            [" in their participation"]
        );
    }

    #[test]
    fn two_versions_only_are_less_sure() {
        let r = all(&["a plan of action", "a new plan of action"]);
        assert_eq!(r.base.as_deref(), Some("a plan of action"));
        let v = version(&r, 1);
        let c = v
            .ops
            .iter()
            .find(|c| c.kind == ChangeKind::Insert)
            .and_then(|c| c.confidence);
        assert!(c.is_some_and(|c| c < 0.7), "{v:#?}");
    }

    #[test]
    fn base_text_a_version_does_not_show_is_an_unsure_deletion() {
        // The third cell was pasted clean: it shows the new dates only.
        let r = all(&[
            "(Rev. Busan, 2014Dubai, 2018) of the Conference",
            "(Rev. Busan, 2014Dubai, 2018) of the Conference",
            "(Rev. Dubai, 2018) of the Conference",
        ]);
        assert_eq!(
            r.base.as_deref(),
            Some("(Rev. Busan, 2014) of the Conference")
        );
        let clean = version(&r, 2);
        assert_eq!(clean.text, "(Rev. Dubai, 2018) of the Conference");
        let unsure = clean
            .ops
            .iter()
            .filter(|c| c.kind == ChangeKind::Delete)
            .all(|c| c.confidence.is_some_and(|x| x < 0.5));
        assert!(unsure, "{clean:#?}");
    }

    #[test]
    fn paragraph_a_minority_has_is_added() {
        let r = row(&[
            Some("that Resolution 71 (Rev. Dubai, 2018) includes"),
            None,
            None,
        ]);
        assert_eq!(r.base, None);
        let v = version(&r, 0);
        assert_eq!(v.status, Status::Added);
        assert_eq!(v.ops.len(), 1);
        assert_eq!(v.ops[0].kind, ChangeKind::Insert);
        assert!(r.versions[1].is_none() && r.versions[2].is_none());
    }

    #[test]
    fn paragraph_a_majority_has_keeps_a_base() {
        let r = row(&[
            Some("to share information"),
            Some("to share information"),
            None,
        ]);
        assert_eq!(r.base.as_deref(), Some("to share information"));
        assert_eq!(version(&r, 0).status, Status::Unchanged);
        assert!(r.versions[2].is_none());
    }

    #[test]
    fn new_paragraph_with_seams_is_unsure() {
        let r = row(&[
            None,
            Some("that Resolution 71 (Rev. Busan, 2014Dubai, 2018) lists"),
            None,
        ]);
        let c = version(&r, 1).ops[0].confidence;
        assert!(c.is_some_and(|c| c <= 0.5));
    }

    #[test]
    fn single_cell_is_read_from_its_seams() {
        let r = all(&["RESOLUTION 44 (Rev. Hammamet, 2016Geneva, 2022)"]);
        assert_eq!(
            r.base.as_deref(),
            Some("RESOLUTION 44 (Rev. Hammamet, 2016)")
        );
        assert_eq!(version(&r, 0).text, "RESOLUTION 44 (Rev. Geneva, 2022)");
        let r = all(&["that the tasks undertaken cover Recommendations;"]);
        assert_eq!(version(&r, 0).status, Status::Unchanged);
    }

    #[test]
    fn dropped_hyphens_are_not_changes() {
        let r = all(&[
            "Funds are to be used for ITUrelated activities in ITUT",
            "Funds are to be used for ITUrelated activities in ITU-T",
            "Funds are to be used for ITUrelated activities in ITUT",
        ]);
        for i in 0..3 {
            assert_eq!(version(&r, i).status, Status::Unchanged, "{r:#?}");
        }
        assert_eq!(
            version(&r, 1).text,
            "Funds are to be used for ITUrelated activities in ITU-T"
        );
    }

    #[test]
    fn word_glued_to_the_next_is_split_by_the_others_vocabulary() {
        let r = all(&[
            "where it exists, is usually limited",
            "where it existsto study groups, is usually limited",
            "where it exists, is usually limited",
        ]);
        assert_eq!(
            r.base.as_deref(),
            Some("where it exists, is usually limited")
        );
        let v = version(&r, 1);
        assert_eq!(ops_of(v, ChangeKind::Delete), ["exists"]);
        assert!(ops_of(v, ChangeKind::Insert)
            .concat()
            .starts_with("to study groups"));
    }

    #[test]
    fn renamed_heading() {
        let r = all(&[
            "taking into account",
            "taking into accountrecognizing further",
            "taking into account",
        ]);
        assert_eq!(r.base.as_deref(), Some("taking into account"));
        let v = version(&r, 1);
        assert_eq!(v.text, "recognizing further");
        assert_eq!(ops_of(v, ChangeKind::Delete), ["taking into account"]);
    }

    #[test]
    fn camel_case_everyone_writes_is_not_a_seam() {
        let r = all(&["watch it on YouTube today", "watch it on YouTube today"]);
        for i in 0..2 {
            let v = version(&r, i);
            let sure = v
                .ops
                .iter()
                .filter(|c| c.kind != ChangeKind::Equal)
                .any(|c| c.confidence.is_some_and(|x| x > 0.5));
            assert!(!sure, "{v:#?}");
        }
    }

    #[test]
    fn empty_and_odd_inputs() {
        assert_eq!(recover_row(&[]).base, None);
        assert_eq!(row(&[None, None]).base, None);
        let r = all(&["", ""]);
        assert_eq!(r.base.as_deref(), Some(""));
        all(&["\u{0}\u{FFFD}20162022 aB 1A", "(((", ")))2014Dubai"]);
        all(&["\t\t", " ", "\n\n2014Dubai\n"]);
        all(&["é\u{301}A\u{301}", "ǅǅa", "😀2014😀"]);
    }

    // Labels.

    fn label(flat: &str, others: &[&str]) -> (Option<String>, Option<String>, f32) {
        let r = recover_label(flat, others);
        (r.former, r.current, r.confidence)
    }

    #[test]
    fn plain_labels_are_unchanged() {
        for l in [
            "b)", "a)", "ii)", "iv)", "1", "12", "(c)", "\u{2022}", "I", "III",
        ] {
            let (former, current, conf) = label(l, &[l]);
            assert_eq!(former, None, "{l}");
            assert_eq!(current.as_deref(), Some(l));
            assert!(conf >= 0.75, "{l}: {conf}");
        }
    }

    #[test]
    fn relettered_labels() {
        assert_eq!(label("bc)", &["b)", "b)"]).0.as_deref(), Some("b)"));
        assert_eq!(label("bc)", &["b)", "b)"]).1.as_deref(), Some("c)"));
        let (f, c, conf) = label("bc)", &[]);
        assert_eq!((f.as_deref(), c.as_deref()), (Some("b)"), Some("c)")));
        assert!(conf > 0.5);
        let (f, c, _) = label("cb)", &["c)", "c)"]);
        assert_eq!((f.as_deref(), c.as_deref()), (Some("c)"), Some("b)")));
        let (f, c, _) = label("hi)", &["h)", "gh)"]);
        assert_eq!((f.as_deref(), c.as_deref()), (Some("h)"), Some("i)")));
        let (f, c, _) = label("jk)", &["j)"]);
        assert_eq!((f.as_deref(), c.as_deref()), (Some("j)"), Some("k)")));
        let (f, c, _) = label("cd)", &["c)"]);
        assert_eq!((f.as_deref(), c.as_deref()), (Some("c)"), Some("d)")));
        let (f, c, _) = label("(a)(b)", &[]);
        assert_eq!((f.as_deref(), c.as_deref()), (Some("(a)"), Some("(b)")));
    }

    #[test]
    fn renumbered_paragraphs() {
        let (f, c, conf) = label("54", &["5", "5"]);
        assert_eq!((f.as_deref(), c.as_deref()), (Some("5"), Some("4")));
        assert!(conf > 0.7);
        let (f, c, _) = label("65", &["6"]);
        assert_eq!((f.as_deref(), c.as_deref()), (Some("6"), Some("5")));
        // "12" is paragraph 12 unless the others say paragraph 1.
        assert_eq!(label("12", &["12", "12"]).0, None);
        let (f, c, _) = label("12", &["1", "1"]);
        assert_eq!((f.as_deref(), c.as_deref()), (Some("1"), Some("2")));
    }

    #[test]
    fn inverted_halves_are_decided_by_the_others() {
        // ATU deleted b) earlier, so its last paragraph h) became g); the
        // flattening wrote the new letter first.
        let (f, c, _) = label("gh)", &["hi)", "h)"]);
        assert_eq!((f.as_deref(), c.as_deref()), (Some("h)"), Some("g)")));
        let r = recover_label_in_sequence("gh)", &[], Some("f)"));
        assert_eq!(r.current.as_deref(), Some("g)"));
    }

    #[test]
    fn ambiguous_labels_say_so() {
        // Alone, "gh)" could be g) become h) or h) become g).
        let (_, _, conf) = label("gh)", &[]);
        assert!(conf < 0.8, "{conf}");
        // "12" alone: paragraph 12, or 1 renumbered 2.
        let (f, _, conf) = label("12", &[]);
        assert_eq!(f, None);
        assert!(conf < 0.8, "{conf}");
        // Not a label at all.
        let r = recover_label("xq)", &[]);
        assert!(r.confidence < 0.5);
        assert_eq!(recover_label("", &[]).current, None);
    }

    #[test]
    fn labels_never_panic() {
        for l in [
            "(",
            ")",
            "()",
            ")(",
            "(a)(",
            "0",
            "00",
            "01",
            "é)",
            "zz)",
            "za)",
            "99999999999",
        ] {
            let _ = recover_label(l, &[l, "a)"]);
            let _ = recover_label_in_sequence(l, &[], Some(l));
        }
    }

    mod properties {
        use super::super::*;
        use crate::model::{original_of, result_of};
        use proptest::prelude::*;

        fn piece() -> impl Strategy<Value = String> {
            prop_oneof![
                Just("Busan, 2014".to_string()),
                Just("Dubai, 2018".to_string()),
                Just("2016".to_string()),
                Just("2022".to_string()),
                Just("Hammamet".to_string()),
                Just("Geneva".to_string()),
                Just("ITU-T".to_string()),
                Just("ITUT".to_string()),
                Just("the".to_string()),
                Just("exists".to_string()),
                Just("to".to_string()),
                Just(" ".to_string()),
                Just(", ".to_string()),
                Just("(".to_string()),
                Just(")".to_string()),
                "[a-zA-Z0-9 ,.;()-]{0,6}",
            ]
        }

        fn text() -> impl Strategy<Value = String> {
            prop::collection::vec(piece(), 0..12).prop_map(|v| v.concat())
        }

        proptest! {
            #[test]
            fn ops_spell_base_and_text(cells in prop::collection::vec(prop::option::weighted(0.8, text()), 1..5)) {
                let refs: Vec<Option<&str>> = cells.iter().map(|c| c.as_deref()).collect();
                let r = recover_row(&refs);
                for (i, v) in r.versions.iter().enumerate() {
                    match v {
                        Some(v) => {
                            prop_assert_eq!(original_of(&v.ops), r.base.clone().unwrap_or_default());
                            prop_assert_eq!(result_of(&v.ops), v.text.clone());
                            prop_assert!(cells[i].is_some());
                        }
                        None => prop_assert!(cells[i].is_none()),
                    }
                }
            }

            #[test]
            fn labels_are_total(l in "[a-z0-9()]{0,6}", o in "[a-z0-9()]{0,4}") {
                let r = recover_label(&l, &[o.as_str()]);
                prop_assert!((0.0..=1.0).contains(&r.confidence));
            }
        }
    }
}
