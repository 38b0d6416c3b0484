//! Marks: what each atom of a version is (kept, deleted, inserted), read
//! from seams and shapes.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Mark {
    /// `None` while undecided.
    pub(super) kind: Option<ChangeKind>,
    pub(super) confidence: f32,
}

pub(super) const UNDECIDED: Mark = Mark {
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
pub(super) fn local_seams(
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
pub(super) fn glued_run(atoms: &[Atom<'_>], marks: &mut [Mark], start: usize, end: usize) {
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
pub(super) fn shared_case_pairs(versions: &[Vec<Atom<'_>>]) -> HashSet<(String, String)> {
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
pub(super) fn similar_words(a: &str, b: &str) -> bool {
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
