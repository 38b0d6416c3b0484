//! The first words of a list of openers, made once with the list: what
//! turns away most lines at once, and where the patterns a line may match
//! are.

use super::OpenerPattern;
use crate::tokens::is_cjk;

/// The patterns of a list by first word, made once with the list: a line
/// that starts like an opener is matched against the few patterns that
/// start with its first word, not against the whole list (some 400 for
/// all six languages).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct PatternIndex {
    /// The most words a pattern has.
    pub(super) longest: usize,
    /// Each first word's patterns, by their place in the list.
    by_first: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// The one-word patterns ending in a Han character, which may match
    /// the start of a longer word, by their place in the list.
    han: Vec<usize>,
}

impl PatternIndex {
    pub(super) fn new(patterns: &[OpenerPattern]) -> Self {
        let mut index = PatternIndex {
            longest: patterns.iter().map(|p| p.words.len()).max().unwrap_or(0),
            ..PatternIndex::default()
        };
        for (at, pattern) in patterns.iter().enumerate() {
            if let Some(first) = pattern.words.first() {
                index.by_first.entry(first.clone()).or_default().push(at);
                if pattern.words.len() == 1 && first.chars().last().is_some_and(is_cjk) {
                    index.han.push(at);
                }
            }
        }
        index
    }

    /// The places of the patterns a text whose first word's key is `first`
    /// may match, in list order.
    pub(super) fn candidates(&self, first: &str) -> Vec<usize> {
        let mut places: Vec<usize> = self
            .by_first
            .get(first)
            .map_or(&[][..], Vec::as_slice)
            .iter()
            .chain(&self.han)
            .copied()
            .collect();
        places.sort_unstable();
        places.dedup();
        places
    }
}

/// The first words of a list's patterns, made once with the list: every
/// line of every input is checked against them before anything else.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(super) struct FirstWords {
    /// Each pattern's first word.
    whole: rustc_hash::FxHashSet<Box<[u8]>>,
    /// One-word keywords ending in a Han character, which may start a
    /// longer word ("责成" in "责成电信标准化局主任").
    prefixes: Vec<String>,
    /// The shapes of the first words ([`shape`]), one bit each: a word of
    /// a shape no first word has is turned away without hashing it.
    shapes: [u64; 16],
}

/// A word's shape, 0 to 1023: its length (up to 31) and the low five bits
/// of its first byte. Words alike in both are few.
fn shape(word: &[u8]) -> usize {
    let first = word.first().map_or(0, |b| usize::from(b & 31));
    word.len().min(31) * 32 + first
}

impl FirstWords {
    pub(super) fn new<'p>(patterns: impl Iterator<Item = &'p OpenerPattern> + Clone) -> Self {
        let whole: rustc_hash::FxHashSet<Box<[u8]>> = patterns
            .clone()
            .filter_map(|p| p.words.first())
            .map(|w| w.as_bytes().into())
            .collect();
        let mut shapes = [0u64; 16];
        for word in &whole {
            let at = shape(word);
            shapes[at / 64] |= 1 << (at % 64);
        }
        let prefixes = patterns
            .filter(|p| p.words.len() == 1)
            .filter_map(|p| p.words.first())
            .filter(|w| w.chars().last().is_some_and(is_cjk))
            .cloned()
            .collect();
        FirstWords {
            whole,
            prefixes,
            shapes,
        }
    }

    /// Whether some pattern may start with `first`, a line's first word as
    /// [`keyword_word`](super::keyword_word) gives it.
    pub(super) fn may_open(&self, first: &[u8]) -> bool {
        let at = shape(first);
        (self.shapes[at / 64] & (1 << (at % 64)) != 0 && self.whole.contains(first))
            // A prefix ends in a Han character, which no ASCII word holds.
            || (!first.is_ascii() && self.prefixes.iter().any(|w| first.starts_with(w.as_bytes())))
    }
}
