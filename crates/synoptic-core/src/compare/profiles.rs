//! Each version prepared for comparison: its paragraphs profiled (and,
//! for small comparisons, tokenised once), a content order of the
//! versions, and the pivot when no base is given.

#[allow(unused_imports)]
use super::*;
use crate::tokens::{pieces, tokenize_into};

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
///
/// Texts are tokenised by pieces ([`pieces`]): a piece met before, in an
/// earlier text, takes a copy of that one's tokens, moved onto its own
/// text (their keys, compared by value only, may stay where they were),
/// and their numbers. Editions of one paragraph share most of their
/// passages, and tokenising and numbering were most of the work of a
/// comparison of them. The tokens and numbers are those of tokenising and
/// numbering each text whole: a piece tokenises as it does within its text,
/// and a piece met before brings no key not numbered already.
pub(super) fn kept_tokens<'d>(texts: impl Iterator<Item = &'d str>) -> KeptTokens<'d> {
    use std::hash::Hasher;
    let mut cache = TokenCache::default();
    let mut numbers = KeyNumbers::default();
    // A text equal to one tokenised before (a paragraph an edition left
    // alone) takes a copy of its tokens as a whole.
    let mut by_content: rustc_hash::FxHashMap<&'d str, &'d str> = Default::default();
    // Where each piece was first met, by a hash of it: its text, where it
    // starts there, and the range of that text's tokens it holds. (A piece
    // whose hash another has is tokenised afresh.)
    type Known<'d> = rustc_hash::FxHashMap<u64, (&'d str, usize, usize, usize)>;
    let mut known: Known<'d> = Default::default();
    // The pieces of the current text not met before, with their hashes.
    let mut fresh: Vec<(usize, usize, u64)> = Vec::new();
    for t in texts {
        let address = text_address(t);
        if cache.contains_key(&address) {
            continue;
        }
        let copied = by_content.get(t).and_then(|first| {
            let (tokens, keys) = cache.get(&text_address(first))?;
            Some((moved_tokens(tokens, first, t), keys.clone()))
        });
        if let Some(made) = copied {
            cache.insert(address, made);
            continue;
        }
        let mut tokens: Vec<Token<'d>> = Vec::with_capacity(t.len() / 2 + 1);
        let mut keys: Vec<u32> = Vec::with_capacity(t.len() / 2 + 1);
        // Pieces not met before are tokenised together, a run at a time,
        // and each is then known by the tokens it holds.
        let mut tokenise_fresh = |fresh: &mut Vec<(usize, usize, u64)>,
                                  known: &mut Known<'d>,
                                  tokens: &mut Vec<Token<'d>>,
                                  keys: &mut Vec<u32>| {
            let (Some(&(lo, _, _)), Some(&(_, hi, _))) = (fresh.first(), fresh.last()) else {
                return;
            };
            let mut k = tokens.len();
            tokenize_into(&t[lo..hi], tokens);
            numbers.number_into(&tokens[k..], keys);
            for &(lo, hi, hash) in fresh.iter() {
                let from = k;
                let end = t.as_ptr() as usize + hi;
                while tokens
                    .get(k)
                    .is_some_and(|token| (token.text.as_ptr() as usize) < end)
                {
                    k += 1;
                }
                known.entry(hash).or_insert((t, lo, from, k));
            }
            fresh.clear();
        };
        for (lo, hi) in pieces(t) {
            let piece = &t[lo..hi];
            let mut hasher = rustc_hash::FxHasher::default();
            hasher.write(piece.as_bytes());
            let hash = hasher.finish();
            let met = known.get(&hash).and_then(|&(text, at, from, to)| {
                text.get(at..at + piece.len()).filter(|f| *f == piece)?;
                let (first_tokens, first_keys) = cache.get(&text_address(text))?;
                Some((first_tokens.get(from..to)?, first_keys.get(from..to)?))
            });
            match met {
                Some((first_tokens, first_keys)) => {
                    tokenise_fresh(&mut fresh, &mut known, &mut tokens, &mut keys);
                    // Tokens cover their piece one after the other: each
                    // takes the same stretch of this piece. (Keys keep
                    // pointing where they did: only their text matters.)
                    let mut at = 0;
                    tokens.extend(first_tokens.iter().map(|tk| {
                        let len = tk.text.len();
                        let text = piece.get(at..at + len).unwrap_or(tk.text);
                        at += len;
                        Token {
                            text,
                            key: tk.key.clone(),
                            kind: tk.kind,
                        }
                    }));
                    keys.extend_from_slice(first_keys);
                }
                None => fresh.push((lo, hi, hash)),
            }
        }
        tokenise_fresh(&mut fresh, &mut known, &mut tokens, &mut keys);
        by_content.entry(t).or_insert(t);
        cache.insert(address, (tokens, keys));
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

/// A version's paragraphs as sorted hashes: each paragraph's own, and
/// each paragraph's with the one before it (what follows what, whatever
/// the sections are numbered).
type Placement = (Vec<u64>, Vec<(u64, u64)>);

/// The [`Placement`] of a version.
fn placement(profiles: &VersionProfiles) -> Placement {
    let mut own: Vec<u64> = profiles
        .paragraphs
        .iter()
        .flatten()
        .map(|p| p.key_hash)
        .collect();
    let mut before = 0;
    let mut pairs: Vec<(u64, u64)> = own
        .iter()
        .map(|&h| (std::mem::replace(&mut before, h), h))
        .collect();
    own.sort_unstable();
    pairs.sort_unstable();
    (own, pairs)
}

/// How many items two sorted lists have in common, repeats counted.
fn shared_sorted<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// The version most similar to all others, as the reference when no base
/// is given: by its words, and by where it keeps its paragraphs. Empty
/// versions never serve.
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
    // Which paragraphs each version keeps word for word, and after which.
    // A version that moved paragraphs has the others' words but not their
    // order, one that deleted some lacks what the others keep: of versions
    // with (nearly) the same words, the one that keeps most of what the
    // others keep, where they keep it, is the reference. Counted, not as a
    // share (a share would favour the version that deleted most), on one
    // scale for every version.
    let placements: Vec<Placement> = profiles.iter().map(placement).collect();
    let scale = 2 * placements
        .iter()
        .map(|(own, _)| own.len())
        .max()
        .unwrap_or(0);
    let shared_places = |a: usize, b: usize| -> f64 {
        if scale == 0 {
            return 0.0;
        }
        let (own_a, pairs_a) = &placements[a];
        let (own_b, pairs_b) = &placements[b];
        (shared_sorted(own_a, own_b) + shared_sorted(pairs_a, pairs_b)) as f64 / scale as f64
    };
    // Similarity is symmetric (to the bit): each pair is weighed once.
    let count = wholes.len();
    let mut alike = vec![0.0; count * count];
    for a in 0..count {
        for b in a + 1..count {
            let s = vocab.similarity(&wholes[a], &wholes[b]) + shared_places(a, b);
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
