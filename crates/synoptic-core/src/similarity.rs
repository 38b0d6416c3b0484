//! How alike two paragraphs are, weighing rare words over common ones.
//!
//! Proposals share a lot of boilerplate ("that Resolution ... of the
//! Plenipotentiary Conference ..."), so a plain word overlap would pair a
//! new paragraph with whatever old one shares its boilerplate. Each word is
//! weighted by its inverse document frequency over all paragraphs of all
//! versions being compared, and similarity is the weighted Dice coefficient
//! of the two paragraphs' word multisets.

use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashMap as HashMap;

use crate::tokens::{normalize, word_keys};

/// The words of every paragraph being compared, with how many paragraphs
/// each word occurs in.
#[derive(Debug, Default)]
pub struct Vocabulary {
    ids: HashMap<String, u32>,
    document_frequency: Vec<u32>,
    documents: u32,
    /// Profiles already made, by text: most paragraphs of most proposals
    /// repeat the base word for word, and tokenising is the costly part.
    seen: HashMap<String, Arc<Profile>>,
}

/// A paragraph prepared for comparison: its words as vocabulary ids with
/// counts, and its normalised text for exact matching.
#[derive(Debug, Clone, Default)]
pub struct Profile {
    /// Word id and count, sorted by id.
    words: Vec<(u32, u32)>,
    /// The normalised text, for exact equality and anchors.
    pub key: String,
    /// The sum of the weights of all words, filled in once by
    /// [`Vocabulary::seal`] when every text is known.
    total: OnceLock<f64>,
}

impl Vocabulary {
    /// An empty vocabulary.
    pub fn new() -> Self {
        Vocabulary::default()
    }

    /// Adds a text to the vocabulary and returns its profile (weights are
    /// set later by [`Vocabulary::seal`]).
    ///
    /// Equal texts share one profile, so that a document repeated by twenty
    /// proposals costs its words once.
    pub fn profile(&mut self, text: &str) -> Arc<Profile> {
        if let Some(known) = self.seen.get(text) {
            let known = Arc::clone(known);
            for &(id, _) in &known.words {
                if let Some(df) = self.document_frequency.get_mut(id as usize) {
                    *df += 1;
                }
            }
            self.documents += 1;
            return known;
        }
        let profile = Arc::new(self.new_profile(text));
        self.seen.insert(text.to_string(), Arc::clone(&profile));
        profile
    }

    /// Computes the total weight of every profile made so far, once all
    /// texts are known: [`Vocabulary::similarity`] needs it.
    pub fn seal_all(&self) {
        for profile in self.seen.values() {
            self.seal(profile);
        }
    }

    fn new_profile(&mut self, text: &str) -> Profile {
        let mut counts: HashMap<u32, u32> = HashMap::default();
        for key in word_keys(text) {
            let next = self.ids.len() as u32;
            let id = *self.ids.entry(key).or_insert(next);
            if id as usize == self.document_frequency.len() {
                self.document_frequency.push(0);
            }
            *counts.entry(id).or_insert(0) += 1;
        }
        for id in counts.keys() {
            if let Some(df) = self.document_frequency.get_mut(*id as usize) {
                *df += 1;
            }
        }
        self.documents += 1;
        let mut words: Vec<(u32, u32)> = counts.into_iter().collect();
        words.sort_unstable();
        Profile {
            words,
            key: normalize(text),
            total: OnceLock::new(),
        }
    }

    /// The weight of a word: rare words count more than boilerplate.
    pub fn weight(&self, id: u32) -> f64 {
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

    /// The ids of a profile's words, rarest first, at most `n` of them: what
    /// candidate search indexes a paragraph by.
    pub fn rarest_words(&self, profile: &Profile, n: usize) -> Vec<u32> {
        let mut ids: Vec<u32> = profile.words.iter().map(|&(id, _)| id).collect();
        ids.sort_by(|a, b| self.weight(*b).total_cmp(&self.weight(*a)).then(a.cmp(b)));
        ids.truncate(n);
        ids
    }
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
        for p in profiles {
            all.extend_from_slice(&p.words);
            hasher.write(p.key.as_bytes());
            hasher.write_u8(b'\n');
        }
        all.sort_unstable_by_key(|&(id, _)| id);
        let mut words: Vec<(u32, u32)> = Vec::with_capacity(all.len());
        for (id, n) in all {
            match words.last_mut() {
                Some((last, count)) if *last == id => *count += n,
                _ => words.push((id, n)),
            }
        }
        Profile {
            words,
            key: format!("{:016x}", hasher.finish()),
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

    #[test]
    fn wordless_texts() {
        let mut v = Vocabulary::new();
        let a = v.profile("...");
        let b = v.profile("---");
        v.seal_all();
        assert_eq!(v.similarity(&a, &b), 0.0);
    }
}
