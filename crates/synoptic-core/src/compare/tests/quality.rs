//! Property tests of the rows themselves, not only their bookkeeping: on
//! made-up acts (articles of numbered paragraphs from a shared legal
//! vocabulary), proposals reword, insert, delete and move paragraphs and
//! renumber the rest as a drafter would, and every paragraph must land in
//! the row a reader expects: a kept or lightly reworded paragraph beside
//! the base's, a deleted one as deleted in the base's row, a new one in a
//! row of its own, a moved one in place or linked to where it went.

use super::*;
use std::ops::Range;

/// The small words of statutes, which every paragraph has plenty of.
const GLUE: &[&str] = &[
    "the", "of", "a", "to", "and", "in", "or", "by", "shall", "may", "not", "any", "each", "which",
    "under", "this", "that", "within", "without", "where",
];

/// The words that tell statute paragraphs apart, common and rare alike,
/// so that paragraphs share some of them as real ones do.
const LEGAL: &[&str] = &[
    "Regulation",
    "Article",
    "Member",
    "State",
    "States",
    "authority",
    "competent",
    "person",
    "operator",
    "provider",
    "service",
    "services",
    "data",
    "information",
    "notify",
    "notification",
    "days",
    "months",
    "year",
    "application",
    "applicant",
    "permit",
    "licence",
    "register",
    "registration",
    "fee",
    "penalty",
    "penalties",
    "fine",
    "appeal",
    "decision",
    "court",
    "tribunal",
    "Commission",
    "Board",
    "report",
    "annual",
    "publish",
    "website",
    "request",
    "consent",
    "processing",
    "controller",
    "security",
    "measures",
    "appropriate",
    "technical",
    "organisational",
    "risk",
    "assessment",
    "audit",
    "inspection",
    "records",
    "retention",
    "period",
    "exceed",
    "least",
    "pursuant",
    "paragraph",
    "referred",
    "accordance",
    "provisions",
    "laid",
    "down",
    "prejudice",
    "delay",
    "undue",
    "written",
    "electronic",
    "means",
    "public",
    "interest",
    "safety",
    "health",
    "environment",
    "vessel",
    "harbour",
    "port",
    "pilot",
    "pilotage",
    "emergency",
    "exemption",
    "grant",
    "refuse",
    "revoke",
    "suspend",
    "conditions",
    "costs",
    "reasonable",
    "proportionate",
    "effective",
    "dissuasive",
    "representative",
    "establishment",
    "territory",
    "cross-border",
    "cooperation",
    "assistance",
    "confidential",
    "disclosure",
    "third",
    "party",
    "parties",
    "contract",
    "agreement",
    "compensation",
    "damage",
    "liability",
    "insurance",
    "guarantee",
    "transitional",
    "repeal",
    "entry",
    "force",
    "twentieth",
    "day",
    "following",
    "Official",
    "Journal",
];

/// A paragraph of statute prose: a word that tells it apart, then a small
/// word, and so on.
fn prose(words: Range<usize>) -> impl Strategy<Value = String> {
    let pairs = words.start.div_ceil(2)..words.end.div_ceil(2);
    prop::collection::vec(
        (prop::sample::select(LEGAL), prop::sample::select(GLUE)),
        pairs,
    )
    .prop_map(|w| {
        w.iter()
            .flat_map(|(word, glue)| [*word, *glue])
            .collect::<Vec<&str>>()
            .join(" ")
    })
}

/// One paragraph of a proposal: its text, the base paragraph it comes
/// from, and what the proposal did to it.
#[derive(Debug, Clone)]
struct Drafted {
    text: String,
    origin: Option<(usize, usize)>,
    /// Words replaced or inserted.
    changed: usize,
}

#[derive(Debug, Clone)]
enum Amendment {
    /// One word replaced by another.
    Reword(usize, usize, usize, &'static str),
    /// A short phrase inserted.
    Phrase(usize, usize, usize, String),
    Delete(usize, usize),
    Insert(usize, usize, String),
    /// A paragraph moved to another place in its article.
    Move(usize, usize, usize),
    /// A paragraph moved to another article.
    MoveAcross(usize, usize, usize, usize),
    /// A new article, the later ones renumbered.
    NewArticle(usize, Vec<String>),
    /// An article deleted, the later ones renumbered.
    DeleteArticle(usize),
}

fn amendment() -> impl Strategy<Value = Amendment> {
    prop_oneof![
        3 => (0..4usize, 0..8usize, 0..40usize, prop::sample::select(LEGAL))
            .prop_map(|(s, p, at, w)| Amendment::Reword(s, p, at, w)),
        2 => (0..4usize, 0..8usize, 0..40usize, prose(1..4))
            .prop_map(|(s, p, at, t)| Amendment::Phrase(s, p, at, t)),
        2 => (0..4usize, 0..8usize).prop_map(|(s, p)| Amendment::Delete(s, p)),
        2 => (0..4usize, 0..9usize, prose(10..24)).prop_map(|(s, p, t)| Amendment::Insert(s, p, t)),
        1 => (0..4usize, 0..8usize, 0..8usize).prop_map(|(s, f, t)| Amendment::Move(s, f, t)),
        1 => (0..4usize, 0..8usize, 0..4usize, 0..8usize)
            .prop_map(|(s, p, t, at)| Amendment::MoveAcross(s, p, t, at)),
        1 => (0..5usize, prop::collection::vec(prose(10..24), 1..4))
            .prop_map(|(at, ps)| Amendment::NewArticle(at, ps)),
        1 => (0..4usize).prop_map(Amendment::DeleteArticle),
    ]
}

/// Amendments within articles that keep every paragraph. Without a base,
/// two limits are known and not checked: a paragraph that the reference
/// proposal deleted and others keep is added by each of them, in one row
/// only when they keep it between the same neighbours; and when as many
/// proposals renumber the articles (a new one inserted) as do not, an
/// article may pair by its number with the new one.
fn keeping_amendment() -> impl Strategy<Value = Amendment> {
    prop_oneof![
        3 => (0..4usize, 0..8usize, 0..40usize, prop::sample::select(LEGAL))
            .prop_map(|(s, p, at, w)| Amendment::Reword(s, p, at, w)),
        2 => (0..4usize, 0..8usize, 0..40usize, prose(1..4))
            .prop_map(|(s, p, at, t)| Amendment::Phrase(s, p, at, t)),
        2 => (0..4usize, 0..9usize, prose(10..24)).prop_map(|(s, p, t)| Amendment::Insert(s, p, t)),
        1 => (0..4usize, 0..8usize, 0..8usize).prop_map(|(s, f, t)| Amendment::Move(s, f, t)),
    ]
}

fn paragraph(doc: &mut [Article], s: usize, p: usize) -> Option<&mut Drafted> {
    doc.get_mut(s).and_then(|a| a.paragraphs.get_mut(p))
}

/// An article of a proposal: its paragraphs, and whether the proposal
/// moved paragraphs into or within it (then which of them is "the one that
/// moved" is the aligner's choice).
#[derive(Debug, Clone, Default)]
struct Article {
    paragraphs: Vec<Drafted>,
    moves: bool,
}

/// A proposal's articles.
fn draft(base: &[Vec<String>], amendments: &[Amendment]) -> Vec<Article> {
    let mut doc: Vec<Article> = base
        .iter()
        .enumerate()
        .map(|(s, ps)| Article {
            paragraphs: ps
                .iter()
                .enumerate()
                .map(|(p, t)| Drafted {
                    text: t.clone(),
                    origin: Some((s, p)),
                    changed: 0,
                })
                .collect(),
            moves: false,
        })
        .collect();
    for a in amendments {
        match a {
            Amendment::Reword(s, p, at, word) => {
                if let Some(d) = paragraph(&mut doc, *s, *p) {
                    let mut words: Vec<&str> = d.text.split(' ').collect();
                    let at = at % words.len();
                    if words[at] != *word {
                        words[at] = word;
                        d.text = words.join(" ");
                        d.changed += 1;
                    }
                }
            }
            Amendment::Phrase(s, p, at, phrase) => {
                if let Some(d) = paragraph(&mut doc, *s, *p) {
                    let mut words: Vec<&str> = d.text.split(' ').collect();
                    let at = at % (words.len() + 1);
                    words.insert(at, phrase);
                    d.text = words.join(" ");
                    d.changed += phrase.split(' ').count();
                }
            }
            Amendment::Delete(s, p) => {
                if let Some(a) = doc.get_mut(*s) {
                    if *p < a.paragraphs.len() {
                        a.paragraphs.remove(*p);
                    }
                }
            }
            Amendment::Insert(s, p, text) => {
                if let Some(a) = doc.get_mut(*s) {
                    let at = (*p).min(a.paragraphs.len());
                    a.paragraphs.insert(
                        at,
                        Drafted {
                            text: text.clone(),
                            origin: None,
                            changed: 0,
                        },
                    );
                }
            }
            Amendment::Move(s, from, to) => {
                if let Some(a) = doc.get_mut(*s) {
                    if *from < a.paragraphs.len() && *to < a.paragraphs.len() && from != to {
                        let d = a.paragraphs.remove(*from);
                        a.paragraphs.insert(*to, d);
                        a.moves = true;
                    }
                }
            }
            Amendment::MoveAcross(s, p, t, at) => {
                if *s != *t
                    && *t < doc.len()
                    && doc.get(*s).is_some_and(|a| *p < a.paragraphs.len())
                {
                    let d = doc[*s].paragraphs.remove(*p);
                    let to = &mut doc[*t];
                    let at = (*at).min(to.paragraphs.len());
                    to.paragraphs.insert(at, d);
                    to.moves = true;
                }
            }
            Amendment::NewArticle(at, texts) => {
                let at = (*at).min(doc.len());
                doc.insert(
                    at,
                    Article {
                        paragraphs: texts
                            .iter()
                            .map(|t| Drafted {
                                text: t.clone(),
                                origin: None,
                                changed: 0,
                            })
                            .collect(),
                        moves: false,
                    },
                );
            }
            Amendment::DeleteArticle(s) => {
                if *s < doc.len() && doc.len() > 1 {
                    doc.remove(*s);
                }
            }
        }
    }
    doc
}

/// An act: each article opens with its number and numbers its paragraphs
/// 1., 2., ... in order, as a drafter renumbers after every amendment.
fn act(articles: &[Vec<String>]) -> Document {
    Document {
        sections: articles
            .iter()
            .enumerate()
            .map(|(i, ps)| Section {
                opener: Some(Paragraph::new(format!("Article {}", i + 1))),
                paragraphs: ps
                    .iter()
                    .enumerate()
                    .map(|(k, t)| Paragraph::labelled(format!("{}.", k + 1), t))
                    .collect(),
            })
            .collect(),
        ..Document::default()
    }
}

/// For each opener and paragraph of a version, in document order, the
/// index of the row it is shown in.
fn rows_of(s: &Synopsis, col: usize) -> Vec<usize> {
    s.rows
        .iter()
        .enumerate()
        .filter(|(_, r)| {
            matches!(
                r.cells[col].status,
                Status::Unchanged | Status::Modified | Status::Added
            )
        })
        .map(|(i, _)| i)
        .collect()
}

/// The index, in document order with openers counted, of paragraph `p` of
/// article `s`.
fn position(articles: &[usize], s: usize, p: usize) -> usize {
    articles[..s].iter().map(|n| n + 1).sum::<usize>() + 1 + p
}

/// Whether the texts are all unlike each other, as the paragraphs of a
/// statute are: no two share a third of the telling words of the shorter,
/// nor half of all its words, counted with their repeats. Two near copies
/// may pair either way round, which is no error of the aligner's.
fn unlike(texts: impl Iterator<Item = String>) -> bool {
    fn counts<'a>(words: impl Iterator<Item = &'a str>) -> (usize, HashMap<&'a str, usize>) {
        let mut counted = HashMap::new();
        let mut len = 0;
        for w in words {
            *counted.entry(w).or_insert(0) += 1;
            len += 1;
        }
        (len, counted)
    }
    fn shared(a: &HashMap<&str, usize>, b: &HashMap<&str, usize>) -> usize {
        a.iter()
            .map(|(w, n)| (*n).min(*b.get(w).unwrap_or(&0)))
            .sum()
    }
    let texts: Vec<String> = texts.collect();
    let profiles: Vec<_> = texts
        .iter()
        .map(|t| {
            (
                counts(t.split(' ').filter(|w| !GLUE.contains(w))),
                counts(t.split(' ')),
            )
        })
        .collect();
    profiles
        .iter()
        .enumerate()
        .all(|(i, ((tell_a, a), (all_a, wa)))| {
            profiles[i + 1..].iter().all(|((tell_b, b), (all_b, wb))| {
                3 * shared(a, b) < (*tell_a).min(*tell_b)
                    && 2 * shared(wa, wb) < (*all_a).min(*all_b)
            })
        })
}

/// The proposals the amendments make of the base, as drafted and as
/// versions to compare; drawn again when two paragraphs are too alike to
/// tell apart, or a proposal has no paragraph left (it would propose
/// nothing: its cells are absent, not deletions).
fn drafted(
    base: &[Vec<String>],
    amendments: &[Vec<Amendment>],
) -> Result<(Vec<Vec<Article>>, Vec<VersionInput>), TestCaseError> {
    let drafts: Vec<Vec<Article>> = amendments.iter().map(|a| draft(base, a)).collect();
    let new_texts = drafts.iter().flat_map(|d| {
        d.iter()
            .flat_map(|a| &a.paragraphs)
            .filter(|p| p.origin.is_none())
            .map(|p| p.text.clone())
    });
    prop_assume!(unlike(base.iter().flatten().cloned().chain(new_texts)));
    prop_assume!(drafts
        .iter()
        .all(|d| d.iter().any(|a| !a.paragraphs.is_empty())));
    let proposals = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let texts: Vec<Vec<String>> = d
                .iter()
                .map(|a| a.paragraphs.iter().map(|p| p.text.clone()).collect())
                .collect();
            VersionInput {
                label: format!("P{i}"),
                document: act(&texts),
            }
        })
        .collect();
    Ok((drafts, proposals))
}

/// Checks every proposal's paragraphs against the rows a reader expects.
fn check(base: &[Vec<String>], amendments: &[Vec<Amendment>]) -> Result<(), TestCaseError> {
    let (drafts, proposals) = drafted(base, amendments)?;
    let base_input = VersionInput {
        label: "base".into(),
        document: act(base),
    };
    let s = compare(Some(&base_input), &proposals, &CompareOptions::default()).unwrap();
    let base_counts: Vec<usize> = base.iter().map(Vec::len).collect();
    let base_rows = rows_of(&s, 0);
    for (i, doc) in drafts.iter().enumerate() {
        let col = i + 1;
        let rows = rows_of(&s, col);
        let counts: Vec<usize> = doc.iter().map(|a| a.paragraphs.len()).collect();
        let base_row = |(bs, bp): (usize, usize)| base_rows[position(&base_counts, bs, bp)];
        let kept: HashSet<(usize, usize)> = doc
            .iter()
            .flat_map(|a| &a.paragraphs)
            .filter_map(|p| p.origin)
            .collect();
        // Paragraphs moved to another article and reworded there (see
        // below): where they went is not checked.
        let reworded_away: HashSet<(usize, usize)> = doc
            .iter()
            .enumerate()
            .flat_map(|(si, a)| {
                a.paragraphs
                    .iter()
                    .filter(|p| p.changed > 0)
                    .filter_map(move |p| p.origin.filter(|&(bs, _)| bs != si))
            })
            .collect();
        let moved_away: HashSet<(usize, usize)> = doc
            .iter()
            .enumerate()
            .flat_map(|(si, a)| {
                a.paragraphs
                    .iter()
                    .filter_map(move |p| p.origin.filter(|&(bs, _)| bs != si || a.moves))
            })
            .collect();
        for (si, article) in doc.iter().enumerate() {
            for (pi, d) in article.paragraphs.iter().enumerate() {
                let at = rows[position(&counts, si, pi)];
                let row = &s.rows[at];
                let cell = &row.cells[col];
                match d.origin {
                    Some(origin) => {
                        let words = d.text.split(' ').count();
                        let beside = at == base_row(origin);
                        if origin.0 != si && d.changed > 0 {
                            // Moved to another article and reworded
                            // there: sections are aligned one by one,
                            // so when a new paragraph takes its place
                            // the old one is read as rewritten into
                            // the new, and the moved one as added. A
                            // known limit, not checked.
                        } else if d.changed * 4 > words {
                            // Rewritten too much to be sure of.
                        } else if moved_away.contains(&origin) || article.moves {
                            // A move is told by likeness alone (the
                            // move threshold), stricter than a rewrite
                            // in place.
                            prop_assume!(d.changed * 8 <= words);
                            prop_assert!(
                                beside || cell.moved.is_some(),
                                "P{}: article {} paragraph {} (base {}.{}) neither in place nor linked as moved: row {}",
                                i, si + 1, pi + 1, origin.0 + 1, origin.1 + 1, row.id
                            );
                        } else {
                            prop_assert!(
                                beside,
                                "P{}: article {} paragraph {} ({} of {} words changed) is in row {}, not beside base {}.{} (row {})",
                                i, si + 1, pi + 1, d.changed, words, row.id, origin.0 + 1, origin.1 + 1,
                                s.rows[base_row(origin)].id
                            );
                        }
                    }
                    // A new paragraph in place of one the proposal
                    // deleted may be read as that one rewritten.
                    None => prop_assert!(
                        row.cells[0].status == Status::Absent
                            || !kept
                                .iter()
                                .any(|&b| base_row(b) == at && !reworded_away.contains(&b)),
                        "P{}: a new paragraph shares row {} with a base paragraph it keeps",
                        i,
                        &row.id
                    ),
                }
            }
        }
        for (bs, ps) in base.iter().enumerate() {
            for bp in 0..ps.len() {
                if !kept.contains(&(bs, bp)) {
                    let row = &s.rows[base_row((bs, bp))];
                    // Deleted, or rewritten as a new paragraph in its place.
                    prop_assert!(
                        matches!(row.cells[col].status, Status::Deleted | Status::Modified),
                        "P{}: base {}.{} was deleted (row {}: {:?})",
                        i,
                        bs + 1,
                        bp + 1,
                        &row.id,
                        row.cells[col].status
                    );
                }
            }
        }
    }
    Ok(())
}

/// Checks that without a base, the paragraphs two proposals keep of the
/// same original (neither moving it, each rewording little) share a row.
fn check_inferred(
    base: &[Vec<String>],
    amendments: &[Vec<Amendment>],
) -> Result<(), TestCaseError> {
    let (drafts, proposals) = drafted(base, amendments)?;
    let s = compare(None, &proposals, &CompareOptions::default()).unwrap();
    // For each proposal, the row of each original paragraph it keeps in
    // its own article, little reworded, in an article it moved nothing in.
    let places: Vec<HashMap<(usize, usize), usize>> = drafts
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let rows = rows_of(&s, i + 1);
            let counts: Vec<usize> = doc.iter().map(|a| a.paragraphs.len()).collect();
            let mut places = HashMap::new();
            for (si, article) in doc.iter().enumerate() {
                for (pi, d) in article.paragraphs.iter().enumerate() {
                    let words = d.text.split(' ').count();
                    if let Some(origin) = d.origin {
                        if !article.moves && d.changed * 4 <= words {
                            places.insert(origin, rows[position(&counts, si, pi)]);
                        }
                    }
                }
            }
            places
        })
        .collect();
    // Apart, the paragraphs may still be linked as moved.
    let linked = |i: usize, row: usize| s.rows[row].cells[i + 1].moved.is_some();
    for (i, a) in places.iter().enumerate() {
        for (k, b) in places.iter().enumerate().skip(i + 1) {
            for (origin, row) in a {
                if let Some(other) = b.get(origin) {
                    prop_assert!(
                        row == other || linked(i, *row) || linked(k, *other),
                        "P{} and P{} keep base {}.{} in rows {} and {}, unlinked",
                        i,
                        k,
                        origin.0 + 1,
                        origin.1 + 1,
                        &s.rows[*row].id,
                        &s.rows[*other].id
                    );
                }
            }
        }
    }
    Ok(())
}

proptest! {
    // Most drawn statutes have two paragraphs too alike to say which pairs
    // with which: they are drawn again.
    #![proptest_config(ProptestConfig { max_global_rejects: 1 << 20, ..ProptestConfig::with_cases(96) })]

    #[test]
    fn every_paragraph_lands_in_the_row_a_reader_expects(
        base in prop::collection::vec(prop::collection::vec(prose(10..26), 1..7), 1..4),
        amendments in prop::collection::vec(prop::collection::vec(amendment(), 1..5), 1..4),
    ) {
        check(&base, &amendments)?;
    }

    #[test]
    fn without_a_base_what_proposals_keep_alike_shares_a_row(
        base in prop::collection::vec(prop::collection::vec(prose(10..26), 1..7), 1..4),
        amendments in prop::collection::vec(prop::collection::vec(keeping_amendment(), 1..3), 3..6),
    ) {
        check_inferred(&base, &amendments)?;
    }

    #[test]
    fn every_short_item_lands_in_the_row_a_reader_expects(
        base in prop::collection::vec(prop::collection::vec(prose(4..10), 1..7), 1..4),
        amendments in prop::collection::vec(prop::collection::vec(amendment(), 1..5), 1..4),
    ) {
        check(&base, &amendments)?;
    }
}
