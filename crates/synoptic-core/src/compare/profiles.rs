//! Each version prepared for comparison: its paragraphs profiled (and,
//! for small comparisons, tokenised once), a content order of the
//! versions, and the pivot when no base is given.

#[allow(unused_imports)]
use super::*;

impl SectionProfile {
    pub(super) fn new(parts: Vec<Arc<Profile>>) -> Self {
        use std::hash::Hasher;
        let mut hasher = rustc_hash::FxHasher::default();
        for p in &parts {
            hasher.write_u64(p.key_hash);
        }
        SectionProfile {
            key: format!("{:016x}", hasher.finish()),
            parts,
            merged: OnceLock::new(),
        }
    }

    /// The words of the whole section, sealed against `vocab`.
    pub(super) fn merged(&self, vocab: &Vocabulary) -> &Profile {
        self.merged.get_or_init(|| {
            let p = Profile::merged(self.parts.iter().map(|p| &**p));
            vocab.seal(&p);
            p
        })
    }
}

/// The text a paragraph started from: its original before the proposer's
/// own changes, else its text (borrowed).
pub(super) fn original_text(p: &Paragraph) -> Cow<'_, str> {
    match &p.revision {
        Some(changes) => Cow::Owned(original_of(changes)),
        None => Cow::Borrowed(&p.text),
    }
}

/// Paragraphs' tokens and their keys' numbers, by their text (its address
/// and length: each paragraph's own, not one equal to it, since tokens point
/// into it).
pub(super) type TokenCache<'d> = rustc_hash::FxHashMap<(usize, usize), (Vec<Token<'d>>, Vec<u32>)>;

/// Where a text is, as a [`TokenCache`] key.
pub(super) fn text_address(text: &str) -> (usize, usize) {
    (text.as_ptr() as usize, text.len())
}

/// The text a paragraph is aligned by: what the proposer started from when
/// it carries its own revision (the best evidence of which base paragraph
/// it amends), else its text.
pub(super) fn alignment_text(p: &Paragraph) -> Cow<'_, str> {
    if p.revision.is_none() || p.is_inserted_by_revision() {
        // Wholly new: nothing to pair with, but keep its words for grouping.
        return Cow::Borrowed(&p.text);
    }
    Cow::Owned(p.original_text())
}

/// The profiles of every version's openers and paragraphs. Their texts are
/// gathered per version in parallel and profiled in one go, in document
/// order, so that word ids do not depend on the threads.
pub(super) fn profile_documents<'d>(
    vocab: &mut Vocabulary,
    docs: &[&'d Document],
    parallel: bool,
    keep_tokens: bool,
) -> (Vec<VersionProfiles>, KeptTokens<'d>) {
    let texts: Vec<Vec<Cow<'d, str>>> = par::map(parallel, docs, |doc| {
        let mut texts = Vec::with_capacity(doc.paragraph_count() + doc.sections.len());
        for s in &doc.sections {
            texts.extend(s.opener.as_ref().map(alignment_text));
            texts.extend(s.paragraphs.iter().map(alignment_text));
        }
        texts
    });
    let flat: Vec<&str> = texts.iter().flatten().map(|t| &**t).collect();
    let kept = if keep_tokens {
        kept_tokens(texts.iter().flatten().filter_map(|t| match t {
            Cow::Borrowed(t) => Some(*t),
            Cow::Owned(_) => None,
        }))
    } else {
        KeptTokens::default()
    };
    let words = NumberedWords {
        texts: if keep_tokens {
            flat.iter()
                .map(|t| {
                    let (tokens, keys) = kept.by_text.get(&text_address(t))?;
                    Some((tokens.as_slice(), keys.as_slice()))
                })
                .collect()
        } else {
            Vec::new()
        },
        keys: Some(&kept.numbers),
    };
    let made = vocab.profile_all_with(&flat, parallel, &words);
    let mut starts = Vec::with_capacity(texts.len());
    let mut start = 0;
    for t in &texts {
        starts.push(start);
        start += t.len();
    }
    let profiles = par::map_range(parallel, docs.len(), |v| {
        let doc = docs[v];
        let mut made = made.iter().skip(starts[v]).cloned();
        let mut openers = Vec::with_capacity(doc.sections.len());
        let mut paragraphs = Vec::with_capacity(doc.sections.len());
        for s in &doc.sections {
            openers.push(s.opener.as_ref().and_then(|_| made.next()));
            paragraphs.push(
                s.paragraphs
                    .iter()
                    .filter_map(|_| made.next())
                    .collect::<Vec<_>>(),
            );
        }
        let sections = openers
            .iter()
            .zip(&paragraphs)
            .map(|(o, ps)| SectionProfile::new(o.iter().chain(ps.iter()).cloned().collect()))
            .collect();
        VersionProfiles {
            openers,
            paragraphs,
            sections,
        }
    });
    (profiles, kept)
}

/// Each text tokenised once (its own tokens, by its address) with its
/// keys' numbers, in the order given, so that the numbers do not depend on
/// the threads.
pub(super) fn kept_tokens<'d>(texts: impl Iterator<Item = &'d str>) -> KeptTokens<'d> {
    let mut cache = TokenCache::default();
    let mut numbers = KeyNumbers::default();
    // A text equal to one tokenised before (a paragraph an edition left
    // alone) takes a copy of its tokens, moved onto its own text, and its
    // keys' numbers: tokenising was most of the work.
    let mut by_content: rustc_hash::FxHashMap<&'d str, &'d str> = Default::default();
    for t in texts {
        let address = text_address(t);
        if cache.contains_key(&address) {
            continue;
        }
        let copied = by_content.get(t).and_then(|first| {
            let (tokens, keys) = cache.get(&text_address(first))?;
            Some((moved_tokens(tokens, first, t), keys.clone()))
        });
        let made = copied.unwrap_or_else(|| {
            let tokens = tokenize(t);
            let keys = numbers.number(&tokens);
            (tokens, keys)
        });
        by_content.entry(t).or_insert(t);
        cache.insert(address, made);
    }
    KeptTokens {
        by_text: cache,
        numbers,
    }
}

/// `tokens` of `from` as the same tokens of `to`, a text equal to it:
/// each slice of `from` (texts and keys) taken at the same place in `to`.
pub(super) fn moved_tokens<'d>(tokens: &[Token<'d>], from: &'d str, to: &'d str) -> Vec<Token<'d>> {
    let moved = |part: &'d str| -> &'d str {
        let at = (part.as_ptr() as usize).wrapping_sub(from.as_ptr() as usize);
        if at <= from.len() && part.len() <= from.len() - at {
            to.get(at..at + part.len()).unwrap_or(part)
        } else {
            // Not a slice of the text (a key of its own, as for a dash).
            part
        }
    };
    tokens
        .iter()
        .map(|t| Token {
            text: moved(t.text),
            key: match &t.key {
                Cow::Borrowed(k) => Cow::Borrowed(moved(k)),
                Cow::Owned(k) => Cow::Owned(k.clone()),
            },
            kind: t.kind,
        })
        .collect()
}

/// Versions sorted by a fingerprint of their content (a hash of the
/// text), so that every order-sensitive step sees the same order
/// whatever order the user named them in. Equal content sorts by position,
/// which cannot change the result since the versions are interchangeable.
pub(super) fn canonical_order(docs: &[&Document]) -> Vec<usize> {
    let fingerprints: Vec<u64> = docs.iter().map(|d| fingerprint(d)).collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&v| (fingerprints[v], v));
    order
}

pub(super) fn fingerprint(doc: &Document) -> u64 {
    use std::hash::Hasher;
    // FxHasher is deterministic across runs and machines (no random seed).
    let mut hasher = rustc_hash::FxHasher::default();
    let mut feed = |text: &str| {
        hasher.write(text.as_bytes());
        hasher.write_u8(0);
    };
    for s in &doc.sections {
        if let Some(o) = &s.opener {
            feed(&o.text);
        }
        for p in &s.paragraphs {
            feed(p.label.as_deref().unwrap_or(""));
            feed(&p.text);
            if let Some(changes) = &p.revision {
                feed(&original_of(changes));
            }
        }
        feed("\u{1}");
    }
    hasher.finish()
}

/// The version most similar to all others, as the reference when no base
/// is given. Empty versions never serve.
pub(super) fn pivot(
    vocab: &Vocabulary,
    profiles: &[VersionProfiles],
    canonical: &[usize],
) -> usize {
    let wholes: Vec<Profile> = profiles
        .iter()
        .map(|vp| {
            let p = Profile::merged(vp.sections.iter().map(|s| s.merged(vocab)));
            vocab.seal(&p);
            p
        })
        .collect();
    // Similarity is symmetric (to the bit): each pair is weighed once.
    let count = wholes.len();
    let mut alike = vec![0.0; count * count];
    for a in 0..count {
        for b in a + 1..count {
            let s = vocab.similarity(&wholes[a], &wholes[b]);
            alike[a * count + b] = s;
            alike[b * count + a] = s;
        }
    }
    let mut best: Option<(usize, f64)> = None;
    for &v in canonical {
        if wholes[v].is_empty() && profiles[v].paragraphs.iter().all(Vec::is_empty) {
            continue;
        }
        let score: f64 = canonical
            .iter()
            .filter(|&&w| w != v)
            .map(|&w| alike[v * count + w])
            .sum();
        if best.is_none_or(|(_, s)| score > s + 1e-12) {
            best = Some((v, score));
        }
    }
    best.map_or(canonical.first().copied().unwrap_or(0), |(v, _)| v)
}
