//! Numbering token keys, so that diffs and profiles compare integers.

use super::*;

/// The keys of several token sequences as small integers, equal keys
/// getting equal numbers: diffing integers is much cheaper than diffing
/// strings.
pub fn interned_keys(sequences: &[&[Token<'_>]]) -> Vec<Vec<u32>> {
    let mut table = KeyTable::default();
    sequences.iter().map(|tokens| table.keys(tokens)).collect()
}

/// Numbers for token keys, equal keys getting equal numbers, kept across
/// token sequences (the texts of a row) so that any two of them can be
/// diffed by their numbers. Keys a [`KeyNumbers`] knows keep its numbers.
#[derive(Debug)]
pub struct KeyTable<'t> {
    known: Option<&'t KeyNumbers<'t>>,
    ids: rustc_hash::FxHashMap<&'t str, u32>,
    /// The numbers of one-byte keys, looked up without hashing.
    one_byte: [u32; 128],
    /// How many keys this table numbered.
    numbered: u32,
}

impl Default for KeyTable<'_> {
    fn default() -> Self {
        KeyTable {
            known: None,
            ids: rustc_hash::FxHashMap::default(),
            one_byte: [u32::MAX; 128],
            numbered: 0,
        }
    }
}

impl<'t> KeyTable<'t> {
    /// A table that numbers keys as `known` does, and others after them.
    pub fn with_numbers(known: &'t KeyNumbers<'t>) -> Self {
        KeyTable {
            known: Some(known),
            ..KeyTable::default()
        }
    }

    /// The numbers of the keys of `tokens`.
    pub fn keys(&mut self, tokens: &'t [Token<'_>]) -> Vec<u32> {
        let first_free = self.known.map_or(0, |k| k.len() as u32);
        tokens
            .iter()
            .map(|t| {
                if let Some(n) = self.known.and_then(|k| k.get(&t.key)) {
                    return n;
                }
                let next = first_free + self.numbered;
                let n = match one_byte(&t.key) {
                    Some(b) => {
                        let slot = &mut self.one_byte[b];
                        if *slot == u32::MAX {
                            *slot = next;
                        }
                        *slot
                    }
                    None => *self.ids.entry(&*t.key).or_insert(next),
                };
                if n == next {
                    self.numbered += 1;
                }
                n
            })
            .collect()
    }
}

/// A key of at most seven bytes as one integer: its bytes, then its
/// length in the top byte (so that no two keys share one).
pub(super) fn packed(key: &str) -> Option<u64> {
    let bytes = key.as_bytes();
    if bytes.len() > 7 {
        return None;
    }
    let mut word = [0u8; 8];
    word[..bytes.len()].copy_from_slice(bytes);
    word[7] = bytes.len() as u8;
    Some(u64::from_le_bytes(word))
}

/// The byte of a one-byte (ASCII) key.
pub(super) fn one_byte(key: &str) -> Option<usize> {
    match key.as_bytes() {
        [b] if b.is_ascii() => Some(usize::from(*b)),
        _ => None,
    }
}

/// Numbers for the token keys of all the texts of a comparison, made once
/// as they are tokenised: word profiles and rows then look keys up by
/// number rather than hashing them again.
#[derive(Debug)]
pub struct KeyNumbers<'d> {
    ids: rustc_hash::FxHashMap<Cow<'d, str>, u32>,
    /// The numbers of keys of two to seven bytes (most words), by the key
    /// packed in an integer ([`packed`]): hashed and compared as one.
    short: rustc_hash::FxHashMap<u64, u32>,
    keys: Vec<Cow<'d, str>>,
    /// The numbers of one-byte keys (the space between every two words,
    /// most punctuation), looked up without hashing; `u32::MAX`: none yet.
    one_byte: [u32; 128],
}

impl Default for KeyNumbers<'_> {
    fn default() -> Self {
        KeyNumbers {
            ids: rustc_hash::FxHashMap::default(),
            short: rustc_hash::FxHashMap::default(),
            keys: Vec::new(),
            one_byte: [u32::MAX; 128],
        }
    }
}

impl<'d> KeyNumbers<'d> {
    /// The numbers of the keys of `tokens`, numbering new keys.
    pub fn number(&mut self, tokens: &[Token<'d>]) -> Vec<u32> {
        let mut numbers = Vec::with_capacity(tokens.len());
        self.number_into(tokens, &mut numbers);
        numbers
    }

    /// [`KeyNumbers::number`], the numbers pushed onto `numbers`.
    pub fn number_into(&mut self, tokens: &[Token<'d>], numbers: &mut Vec<u32>) {
        numbers.extend(tokens.iter().map(|t| match self.get(&t.key) {
            Some(n) => n,
            None => {
                let n = self.keys.len() as u32;
                match (one_byte(&t.key), packed(&t.key)) {
                    (Some(b), _) => self.one_byte[b] = n,
                    (None, Some(p)) => {
                        self.short.insert(p, n);
                    }
                    (None, None) => {
                        self.ids.insert(t.key.clone(), n);
                    }
                }
                self.keys.push(t.key.clone());
                n
            }
        }));
    }

    /// The number of a key, if it has one.
    pub fn get(&self, key: &str) -> Option<u32> {
        if let Some(b) = one_byte(key) {
            return Some(self.one_byte[b]).filter(|&n| n != u32::MAX);
        }
        match packed(key) {
            Some(p) => self.short.get(&p).copied(),
            None => self.ids.get(key).copied(),
        }
    }

    /// The key numbered `n` (empty if none is).
    pub fn key(&self, n: u32) -> &str {
        self.keys.get(n as usize).map_or("", |k| k)
    }

    /// How many keys are numbered.
    pub fn len(&self) -> usize {
        self.keys.len()
    }

    /// True when no key is numbered.
    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}
