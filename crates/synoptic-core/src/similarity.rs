//! How alike two paragraphs are, weighing rare words over common ones.
//!
//! Proposals share a lot of boilerplate ("that Resolution ... of the
//! Plenipotentiary Conference ..."), so a plain word overlap would pair a
//! new paragraph with whatever old one shares its boilerplate. Each word is
//! weighted by its inverse document frequency over all paragraphs of all
//! versions being compared, and similarity is the weighted Dice coefficient
//! of the two paragraphs' word multisets.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap as HashMap;

use crate::tokens::{normalize, normalized_from_tokens, word_keys, KeyNumbers, Token, TokenKind};

/// The words of every paragraph being compared, with how many paragraphs
/// each word occurs in.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    document_frequency: Vec<u32>,
    documents: u32,
    /// Profiles already made, by the hash of their text (then the text):
    /// most paragraphs of most proposals repeat the base word for word, and
    /// tokenising is the costly part.
    seen: HashMap<u64, Vec<KnownText>>,
    /// Every word's weight, once all texts are known ([`Vocabulary::seal_all`]):
    /// a logarithm per shared word per comparison was a tenth of the time
    /// of small comparisons.
    weights: OnceLock<Vec<f64>>,
    /// A count per word id while a text is profiled, zero between texts.
    counts: Vec<u32>,
}

/// Texts that a caller has tokenised and numbered already (see
/// [`Vocabulary::profile_all_with`]).
#[derive(Debug, Default)]
pub struct NumberedWords<'a> {
    /// For each text, when known, its tokens and the numbers of their keys.
    pub texts: Vec<Option<(&'a [Token<'a>], &'a [u32])>>,
    /// The key of each number.
    pub keys: Option<&'a KeyNumbers<'a>>,
}

/// The words of a text while it is profiled.
enum Words<'a> {
    Keys(Vec<Cow<'a, str>>),
    Numbered(Vec<u32>),
}

/// A text already profiled, with its profile.
type KnownText = (Box<str>, Arc<Profile>);

/// A paragraph prepared for comparison: its words as vocabulary ids with
/// counts, and its normalised text for exact matching.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Word id and count, sorted by id.
    words: Vec<(u32, u32)>,
    /// The normalised text, for exact equality and anchors.
    pub key: String,
    /// A hash of [`Profile::key`], to compare whole sections cheaply.
    pub key_hash: u64,
    /// The sum of the weights of all words, filled in once by
    /// [`Vocabulary::seal`] when every text is known.
    total: OnceLock<f64>,
}

impl Profile {
    /// The word ids and counts, sorted by id.
    pub(crate) fn words(&self) -> &[(u32, u32)] {
        &self.words
    }
}

/// Scores one profile ([`Scorer::set`]) against others exactly as
/// [`Vocabulary::similarity`] does: the same sums in the same order, so
/// the same values to the bit. The profile's words are spread over a table
/// by id once, and each other profile's words are looked up in it.
pub(crate) struct Scorer<'v> {
    vocab: &'v Vocabulary,
    /// The count of each word in the profile set, by id.
    counts: Vec<u32>,
}

impl Scorer<'_> {
    /// Makes `a` the profile the others are scored against (replacing the
    /// one before, `before`).
    pub(crate) fn set(&mut self, a: &Profile, before: Option<&Profile>) {
        for &(id, _) in before.iter().flat_map(|b| b.words.iter()) {
            if let Some(c) = self.counts.get_mut(id as usize) {
                *c = 0;
            }
        }
        for &(id, n) in &a.words {
            if let Some(c) = self.counts.get_mut(id as usize) {
                *c = n;
            }
        }
    }

    /// [`Vocabulary::similarity`] of `a` (the profile set) and `b`.
    pub(crate) fn score(&self, a: &Profile, b: &Profile) -> f64 {
        if a.key == b.key && !a.key.is_empty() {
            return 1.0;
        }
        let total = |p: &Profile| p.total.get().copied().unwrap_or(0.0);
        let denominator = total(a) + total(b);
        if denominator <= 0.0 {
            return 0.0;
        }
        let mut shared = 0.0;
        // `b`'s words in id order: the order the merge of both lists adds
        // them in.
        for &(id, nb) in &b.words {
            match self.counts.get(id as usize) {
                Some(&na) if na > 0 => shared += self.vocab.weight(id) * f64::from(na.min(nb)),
                Some(_) => {}
                // A word the table does not know: the walk of both lists.
                None => return self.vocab.similarity(a, b),
            }
        }
        (2.0 * shared / denominator).clamp(0.0, 1.0)
    }
}

/// A hash of a text that is the same on every run and machine (FxHash has
/// no random seed).
pub fn text_hash(text: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(text.as_bytes());
    hasher.finish()
}

impl Vocabulary {
    /// An empty vocabulary.
    pub fn new() -> Self {
        Vocabulary::default()
    }

    /// The profile already made for `text`, whose hash is `hash`.
    fn known(&self, hash: u64, text: &str) -> Option<&Arc<Profile>> {
        self.seen
            .get(&hash)?
            .iter()
            .find(|(t, _)| &**t == text)
            .map(|(_, p)| p)
    }

    /// Counts one more paragraph holding the words of a known profile.
    fn count_again(&mut self, profile: &Profile) {
        for &(id, _) in &profile.words {
            if let Some(df) = self.document_frequency.get_mut(id as usize) {
                *df += 1;
            }
        }
        self.documents += 1;
    }

    /// Adds a text to the vocabulary and returns its profile (weights are
    /// set later by [`Vocabulary::seal`]).
    ///
    /// Equal texts share one profile, so that a document repeated by twenty
    /// proposals costs its words once.
    pub fn profile(&mut self, text: &str) -> Arc<Profile> {
        self.weights = OnceLock::new();
        let hash = text_hash(text);
        if let Some(known) = self.known(hash, text).cloned() {
            self.count_again(&known);
            return known;
        }
        let ids = word_keys(text).iter().map(|w| self.word_id(w)).collect();
        let profile = Arc::new(self.intern(ids, normalize(text)));
        self.documents += 1;
        self.seen
            .entry(hash)
            .or_default()
            .push((text.into(), Arc::clone(&profile)));
        profile
    }

    /// Profiles of many texts at once, in order: the same profiles, ids and
    /// counts as calling [`Vocabulary::profile`] on each text in turn, with
    /// the costly parts (hashing every text, tokenising and normalising each
    /// distinct new one) spread over the threads when `parallel` is set.
    pub fn profile_all(&mut self, texts: &[&str], parallel: bool) -> Vec<Arc<Profile>> {
        self.profile_all_with(texts, parallel, &NumberedWords::default())
    }

    /// [`Vocabulary::profile_all`] where the words of some texts are known
    /// already, numbered by the caller as it tokenised them for its own use.
    pub fn profile_all_with(
        &mut self,
        texts: &[&str],
        parallel: bool,
        numbered: &NumberedWords<'_>,
    ) -> Vec<Arc<Profile>> {
        self.weights = OnceLock::new();
        enum Slot {
            Known(Arc<Profile>),
            New(usize),
        }
        let hashes: Vec<u64> = crate::par::map(parallel, texts, |t| text_hash(t));
        // Distinct texts not seen before, by their first position.
        let mut fresh: Vec<usize> = Vec::new();
        let mut fresh_by_hash: HashMap<u64, Vec<usize>> = HashMap::default();
        let slots: Vec<Slot> = texts
            .iter()
            .zip(&hashes)
            .enumerate()
            .map(|(i, (&text, &hash))| {
                if let Some(known) = self.known(hash, text) {
                    return Slot::Known(Arc::clone(known));
                }
                let bucket = fresh_by_hash.entry(hash).or_default();
                // A proposal's paragraph left as the base has it is often
                // the base's very text: the same place, no need to compare.
                let same = |f: usize| {
                    let first = texts[fresh[f]];
                    std::ptr::eq(first, text) || first == text
                };
                if let Some(&f) = bucket.iter().find(|&&f| same(f)) {
                    return Slot::New(f);
                }
                fresh.push(i);
                bucket.push(fresh.len() - 1);
                Slot::New(fresh.len() - 1)
            })
            .collect();
        let prepared: Vec<(Words<'_>, String)> =
            crate::par::map(parallel, &fresh, |&i| match numbered.texts.get(i) {
                Some(Some((tokens, numbers))) => (
                    Words::Numbered({
                        let mut words = Vec::with_capacity(tokens.len().div_ceil(2));
                        words.extend(
                            tokens
                                .iter()
                                .zip(numbers.iter())
                                .filter(|(t, _)| t.kind == TokenKind::Word)
                                .map(|(_, &n)| n),
                        );
                        words
                    }),
                    normalized_from_tokens(texts[i], tokens),
                ),
                _ => (Words::Keys(word_keys(texts[i])), normalize(texts[i])),
            });
        // Vocabulary ids of the caller's numbers, as they are met.
        let mut vocabulary_id = vec![u32::MAX; numbered.keys.map_or(0, KeyNumbers::len)];
        // Ids in order of first occurrence, as one text at a time gives;
        // every further occurrence counts its words once more.
        let mut occurrences = vec![0u32; fresh.len()];
        for slot in &slots {
            match slot {
                Slot::Known(known) => self.count_again(known),
                Slot::New(f) => occurrences[*f] += 1,
            }
        }
        let mut made: Vec<Arc<Profile>> = Vec::with_capacity(fresh.len());
        for ((&first, (words, key)), n) in fresh.iter().zip(prepared).zip(occurrences) {
            let ids = match words {
                Words::Keys(keys) => keys.iter().map(|w| self.word_id(w)).collect(),
                Words::Numbered(numbers) => numbers
                    .iter()
                    .map(|&n| match vocabulary_id.get(n as usize) {
                        Some(&id) if id != u32::MAX => id,
                        _ => {
                            let word = numbered.keys.map_or("", |k| k.key(n));
                            let id = self.word_id(word);
                            if let Some(slot) = vocabulary_id.get_mut(n as usize) {
                                *slot = id;
                            }
                            id
                        }
                    })
                    .collect(),
            };
            let p = Arc::new(self.intern(ids, key));
            for &(id, _) in &p.words {
                if let Some(df) = self.document_frequency.get_mut(id as usize) {
                    *df += n - 1;
                }
            }
            self.documents += n;
            self.seen
                .entry(hashes[first])
                .or_default()
                .push((texts[first].into(), Arc::clone(&p)));
            made.push(p);
        }
        slots
            .into_iter()
            .map(|slot| match slot {
                Slot::Known(p) => p,
                Slot::New(f) => made.get(f).cloned().unwrap_or_default(),
            })
            .collect()
    }

    /// Computes the total weight of every profile made so far, once all
    /// texts are known: [`Vocabulary::similarity`] needs it.
    pub fn seal_all(&self) {
        self.weights.get_or_init(|| {
            (0..self.document_frequency.len())
                .map(|id| self.weight_of(id as u32))
                .collect()
        });
        for (_, profile) in self.seen.values().flatten() {
            self.seal(profile);
        }
    }

    /// The id of a word, new words getting the next.
    fn word_id(&mut self, word: &str) -> u32 {
        match self.ids.get(word) {
            Some(&id) => id,
            None => {
                let id = self.ids.len() as u32;
                self.ids.insert(word.to_string(), id);
                self.document_frequency.push(0);
                id
            }
        }
    }

    /// A profile of a text's word ids, given its normalised text: one more
    /// paragraph for each distinct word (the caller counts the paragraph
    /// itself).
    fn intern(&mut self, ids: Vec<u32>, key: String) -> Profile {
        // Counted in a table by id, then only the distinct ids sorted: a
        // text repeats many of its words.
        let largest = ids.iter().max().map_or(0, |&m| m as usize + 1);
        if self.counts.len() < largest {
            self.counts.resize(largest, 0);
        }
        let mut words: Vec<(u32, u32)> = Vec::new();
        for &id in &ids {
            if let Some(count) = self.counts.get_mut(id as usize) {
                if *count == 0 {
                    words.push((id, 0));
                }
                *count += 1;
            }
        }
        words.sort_unstable_by_key(|&(id, _)| id);
        for (id, n) in &mut words {
            if let Some(count) = self.counts.get_mut(*id as usize) {
                *n = std::mem::take(count);
            }
        }
        for &(id, _) in &words {
            if let Some(df) = self.document_frequency.get_mut(id as usize) {
                *df += 1;
            }
        }
        Profile {
            words,
            key_hash: text_hash(&key),
            key,
            total: OnceLock::new(),
        }
    }

    /// The weight of a word: rare words count more than boilerplate.
    pub fn weight(&self, id: u32) -> f64 {
        match self.weights.get().and_then(|w| w.get(id as usize)) {
            Some(&w) => w,
            None => self.weight_of(id),
        }
    }

    fn weight_of(&self, id: u32) -> f64 {
        let df = self
            .document_frequency
            .get(id as usize)
            .copied()
            .unwrap_or(1)
            .max(1);
        (1.0 + f64::from(self.documents.max(1)) / f64::from(df)).ln()
    }

    /// Computes the total weight of a profile once all texts are known.
    pub fn seal(&self, profile: &Profile) {
        let _ = profile.total.get_or_init(|| {
            profile
                .words
                .iter()
                .map(|&(id, n)| self.weight(id) * f64::from(n))
                .sum()
        });
    }

    /// Weighted Dice similarity of two sealed profiles, from 0 (nothing in
    /// common) to 1 (the same words).
    pub fn similarity(&self, a: &Profile, b: &Profile) -> f64 {
        if a.key == b.key && !a.key.is_empty() {
            return 1.0;
        }
        let total = |p: &Profile| p.total.get().copied().unwrap_or(0.0);
        let denominator = total(a) + total(b);
        if denominator <= 0.0 {
            // Texts without words (only punctuation) are alike only if equal.
            return 0.0;
        }
        let (mut i, mut j, mut shared) = (0, 0, 0.0);
        while i < a.words.len() && j < b.words.len() {
            let (wa, na) = a.words[i];
            let (wb, nb) = b.words[j];
            match wa.cmp(&wb) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => {
                    shared += self.weight(wa) * f64::from(na.min(nb));
                    i += 1;
                    j += 1;
                }
            }
        }
        (2.0 * shared / denominator).clamp(0.0, 1.0)
    }

    /// A scorer of one profile against many, for [`Vocabulary::similarity`]
    /// without walking both word lists for every pair.
    pub(crate) fn scorer(&self) -> Scorer<'_> {
        Scorer {
            vocab: self,
            counts: vec![0; self.document_frequency.len()],
        }
    }

    /// The summed weight of a sealed profile's words: how much text, and
    /// how rare, it holds.
    pub fn total_weight(&self, profile: &Profile) -> f64 {
        match profile.total.get() {
            Some(&t) => t,
            None => profile
                .words
                .iter()
                .map(|&(id, n)| self.weight(id) * f64::from(n))
                .sum(),
        }
    }

    /// How alike two paragraphs are for deciding whether they are the same
    /// paragraph: the weighted word overlap, or for short texts, where one
    /// changed token is most of the words ("Sec. 1001." and "Sec. 1101.",
    /// "TITLE XI" and "TITLE XII"), how alike they are letter by letter,
    /// whichever is higher.
    pub fn pairing_similarity(&self, a: &Profile, b: &Profile) -> f64 {
        let words = self.similarity(a, b);
        if words >= 1.0 {
            return words;
        }
        words.max(short_text_similarity(&a.key, &b.key))
    }

    /// The ids of a profile's words, rarest first, at most `n` of them: what
    /// candidate search indexes a paragraph by.
    pub fn rarest_words(&self, profile: &Profile, n: usize) -> Vec<u32> {
        let mut ids: Vec<u32> = profile.words.iter().map(|&(id, _)| id).collect();
        ids.sort_by(|a, b| self.weight(*b).total_cmp(&self.weight(*a)).then(a.cmp(b)));
        ids.truncate(n);
        ids
    }
}

/// The longest text (in characters) compared letter by letter.
const SHORT_TEXT: usize = 64;
/// Below this, a letter-by-letter likeness is no evidence.
const SHORT_TEXT_FLOOR: f64 = 0.6;

/// For two short normalised texts (at most [`SHORT_TEXT`] characters each),
/// one minus their edit distance over the longer length, when that reaches
/// [`SHORT_TEXT_FLOOR`]; 0 otherwise, and for longer or empty texts.
pub fn short_text_similarity(a: &str, b: &str) -> f64 {
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la == 0 || lb == 0 || la > SHORT_TEXT || lb > SHORT_TEXT {
        return 0.0;
    }
    let longest = la.max(lb);
    // The distance is at least the difference in length: skip pairs that
    // cannot reach the floor without computing it.
    if (1.0 - (la.abs_diff(lb) as f64) / longest as f64) < SHORT_TEXT_FLOOR {
        return 0.0;
    }
    let ratio = 1.0 - edit_distance(a, b) as f64 / longest as f64;
    if ratio >= SHORT_TEXT_FLOOR {
        ratio
    } else {
        0.0
    }
}

/// The Levenshtein distance of two texts of at most 64 characters, by
/// Myers' bit-parallel algorithm (one machine word per column of the
/// edit table): linear in the length of `text`.
fn edit_distance(pattern: &str, text: &str) -> usize {
    let pattern: Vec<char> = pattern.chars().collect();
    let m = pattern.len();
    if m == 0 {
        return text.chars().count();
    }
    // Where each character occurs in the pattern, as a bit mask.
    let mut ascii = [0u64; 128];
    let mut other: Vec<(char, u64)> = Vec::new();
    for (i, &c) in pattern.iter().enumerate() {
        let bit = 1u64 << i;
        match ascii.get_mut(c as usize) {
            Some(mask) => *mask |= bit,
            None => match other.iter_mut().find(|(o, _)| *o == c) {
                Some((_, mask)) => *mask |= bit,
                None => other.push((c, bit)),
            },
        }
    }
    let mask_of = |c: char| -> u64 {
        match ascii.get(c as usize) {
            Some(&mask) => mask,
            None => other
                .iter()
                .find(|(o, _)| *o == c)
                .map_or(0, |&(_, mask)| mask),
        }
    };
    let last = 1u64 << (m - 1);
    let (mut pv, mut mv) = (u64::MAX, 0u64);
    let mut score = m;
    for c in text.chars() {
        let eq = mask_of(c);
        let xv = eq | mv;
        let xh = (((eq & pv).wrapping_add(pv)) ^ pv) | eq;
        let mut ph = mv | !(xh | pv);
        let mut mh = pv & xh;
        if ph & last != 0 {
            score += 1;
        } else if mh & last != 0 {
            score -= 1;
        }
        ph = (ph << 1) | 1;
        mh <<= 1;
        pv = mh | !(xv | ph);
        mv = ph & xv;
    }
    score
}

/// Each distinct id of a sorted list, with how many times it occurs.
pub(crate) fn counted(sorted: &[u32]) -> Vec<(u32, u32)> {
    let mut counts: Vec<(u32, u32)> = Vec::new();
    for &id in sorted {
        match counts.last_mut() {
            Some((last, n)) if *last == id => *n += 1,
            _ => counts.push((id, 1)),
        }
    }
    counts
}

impl Profile {
    /// Merges several profiles into one, for comparing whole sections.
    pub fn merged<'a>(profiles: impl IntoIterator<Item = &'a Profile>) -> Profile {
        use std::hash::Hasher;
        // The parts' word lists are sorted: concatenated, sorted again and
        // summed, they need no hash map. The key is a hash of the parts'
        // keys, which is all equality of whole sections needs.
        let mut hasher = rustc_hash::FxHasher::default();
        let mut all: Vec<(u32, u32)> = Vec::new();
        let mut parts = 0;
        for p in profiles {
            all.extend_from_slice(&p.words);
            hasher.write_u64(p.key_hash);
            parts += 1;
        }
        // One part's list is sorted and summed already (a section of one
        // paragraph, a version of one section).
        if parts > 1 {
            all.sort_unstable_by_key(|&(id, _)| id);
        }
        let mut words: Vec<(u32, u32)> = Vec::with_capacity(all.len());
        for (id, n) in all {
            match words.last_mut() {
                Some((last, count)) if *last == id => *count += n,
                _ => words.push((id, n)),
            }
        }
        // Kept for the whole comparison, once per section and version:
        // sized to the distinct words, not to every part's.
        words.shrink_to_fit();
        let key = format!("{:016x}", hasher.finish());
        Profile {
            words,
            key_hash: text_hash(&key),
            key,
            total: OnceLock::new(),
        }
    }

    /// True when the text has no words at all.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The edit distance by the textbook table, to check the bit-parallel one.
    fn edit_distance_by_table(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().collect();
        let b: Vec<char> = b.chars().collect();
        let mut row: Vec<usize> = (0..=b.len()).collect();
        for i in 1..=a.len() {
            let mut diagonal = row[0];
            row[0] = i;
            for j in 1..=b.len() {
                let up = row[j];
                row[j] = (up + 1)
                    .min(row[j - 1] + 1)
                    .min(diagonal + usize::from(a[i - 1] != b[j - 1]));
                diagonal = up;
            }
        }
        row[b.len()]
    }

    proptest::proptest! {
        #[test]
        fn bit_parallel_edit_distance_is_levenshtein(a in "[a-dé ]{0,64}", b in "[a-dé ]{0,70}") {
            proptest::prop_assert_eq!(edit_distance(&a, &b), edit_distance_by_table(&a, &b));
        }
    }

    #[test]
    fn short_texts_with_one_changed_token_are_alike() {
        for (a, b) in [
            ("two", "two1"),
            ("sec. 1001.", "sec. 1101."),
            (
                "title xi—general provisions",
                "title xii—general provisions",
            ),
        ] {
            assert!(short_text_similarity(a, b) > 0.7, "{a} / {b}");
        }
        assert_eq!(short_text_similarity("two", "six"), 0.0);
        assert_eq!(short_text_similarity("", "six"), 0.0);
        let long = "x".repeat(80);
        assert_eq!(
            short_text_similarity(&long, &long),
            0.0,
            "long texts are left to words"
        );
    }

    #[test]
    fn rare_words_outweigh_boilerplate() {
        let mut v = Vocabulary::new();
        let texts = [
            "that Resolution 123 of the Plenipotentiary Conference on bridging the gap",
            "that Resolution 139 of the Plenipotentiary Conference on the digital divide",
            "that Resolution 154 of the Plenipotentiary Conference on official languages",
            "that Resolution 139 of the Plenipotentiary Conference on the digital divide, should continue",
        ];
        let p: Vec<Arc<Profile>> = texts.iter().map(|t| v.profile(t)).collect();
        v.seal_all();
        let same = v.similarity(&p[1], &p[3]);
        let other = v.similarity(&p[0], &p[3]);
        assert!(same > 0.8, "{same}");
        assert!(other < 0.5, "{other}");
        assert!((v.similarity(&p[0], &p[0]) - 1.0).abs() < 1e-9);
    }

    /// Profiling many texts at once gives what profiling them one by one
    /// gives: the same word ids, counts, keys and weights, and the same
    /// profile shared by equal texts.
    #[test]
    fn profiles_at_once_match_profiles_one_by_one() {
        let texts = [
            "considering that the Assembly",
            "Zebra words first, then the Assembly",
            "considering that the Assembly",
            "",
            "a new text with Zebra",
            "Zebra words first, then the Assembly",
        ];
        let mut one = Vocabulary::new();
        let a: Vec<Arc<Profile>> = texts.iter().map(|t| one.profile(t)).collect();
        let mut all = Vocabulary::new();
        all.profile("a new text seen before");
        one.profile("a new text seen before");
        let b = all.profile_all(&texts, true);
        // The one-by-one vocabulary saw the extra text last, the other
        // first: compare what does not depend on that order.
        assert_eq!(a.len(), b.len());
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x.key, y.key);
            assert_eq!(x.words.len(), y.words.len());
        }
        assert!(Arc::ptr_eq(&b[0], &b[2]));
        assert!(Arc::ptr_eq(&b[1], &b[5]));
        assert_eq!(one.documents, all.documents);
        let mut df_one = one.document_frequency.clone();
        let mut df_all = all.document_frequency.clone();
        df_one.sort_unstable();
        df_all.sort_unstable();
        assert_eq!(df_one, df_all);

        // In the same order, everything is identical.
        let mut seq = Vocabulary::new();
        let c: Vec<Arc<Profile>> = texts.iter().map(|t| seq.profile(t)).collect();
        let mut par = Vocabulary::new();
        let d = par.profile_all(&texts, true);
        assert_eq!(seq.ids, par.ids);
        assert_eq!(seq.document_frequency, par.document_frequency);
        for (x, y) in c.iter().zip(&d) {
            assert_eq!(x.words, y.words);
            assert_eq!(x.key_hash, y.key_hash);
        }
        // Texts already known are shared with later batches.
        let again = par.profile_all(&[texts[1]], false);
        assert!(Arc::ptr_eq(&again[0], &d[1]));
        assert_eq!(par.documents, seq.documents + 1);
    }

    #[test]
    fn wordless_texts() {
        let mut v = Vocabulary::new();
        let a = v.profile("...");
        let b = v.profile("---");
        v.seal_all();
        assert_eq!(v.similarity(&a, &b), 0.0);
    }
}
