//! Choosing among equally short diffs: changes slid along repeated words
//! so that kept words stay together, ties where their ends fall best.

use super::{push_edit, push_equal, Piece};

/// Slides each pure insertion or deletion along the equal text on one side
/// of it when that removes the equal stretch altogether (the clean-up
/// merge of diff-match-patch): an equally short diff, with the kept words
/// together and the changes together. Where no slide does that, the change
/// goes where its ends fall best ([`best_tie`]): at the end of a sentence
/// rather than between words, between words rather than inside one,
/// starting a word rather than ending one ("the cat [sat ]sat", not "the
/// cat sat[ sat]"), the leftmost of the best, so that equally short diffs
/// are always told apart the same way. The texts both sides spell do not
/// change, since the slid text is a rotation of what it passes.
pub(super) fn slide_edits(pieces: &mut Vec<Piece>) {
    // First the slides that remove an equal stretch (each leaves fewer
    // pieces, so this ends), then one pass of leftward ties.
    slide_pass(pieces, false);
    slide_pass(pieces, true);
}

/// One pass of [`slide_edits`]: whole slides only, going back after each
/// to try the merged piece again, or leftward ties only, each change once.
fn slide_pass(pieces: &mut Vec<Piece>, ties: bool) {
    let mut i = 0;
    // Every slide removes a piece or moves a change left, so this bound is
    // never reached; it is there so that no text can make the loop spin.
    let mut budget = 4 * pieces.len() + 16;
    while i < pieces.len() && budget > 0 {
        let Piece::Edit { del, ins, minor } = &pieces[i] else {
            i += 1;
            continue;
        };
        if del.is_empty() == ins.is_empty() {
            i += 1;
            continue;
        }
        // The equal stretches around the change (empty at either end).
        let lo = match i.checked_sub(1).map(|k| &pieces[k]) {
            Some(Piece::Equal(_)) => i - 1,
            _ => i,
        };
        let hi = match pieces.get(i + 1) {
            Some(Piece::Equal(_)) => i + 2,
            _ => i + 1,
        };
        let text_at = |k: usize| match pieces.get(k) {
            Some(Piece::Equal(t)) if k != i => t.as_str(),
            _ => "",
        };
        let (before, after) = (
            if lo < i { text_at(lo) } else { "" },
            if hi > i + 1 { text_at(i + 1) } else { "" },
        );
        let moving = if del.is_empty() { ins } else { del };
        let Some((before, moving, after)) = slide(before, moving, after, ties) else {
            i += 1;
            continue;
        };
        budget -= 1;
        let edit = if del.is_empty() {
            Piece::Edit {
                del: String::new(),
                ins: moving,
                minor: *minor,
            }
        } else {
            Piece::Edit {
                del: moving,
                ins: String::new(),
                minor: *minor,
            }
        };
        let rest = pieces.split_off(lo);
        for piece in [Piece::Equal(before), edit, Piece::Equal(after)]
            .into_iter()
            .chain(rest.into_iter().skip(hi - lo))
        {
            match piece {
                Piece::Equal(t) => {
                    if !t.is_empty() {
                        push_equal(pieces, &t);
                    }
                }
                Piece::Edit { del, ins, minor } => push_edit(pieces, &del, &ins, minor),
            }
        }
        if ties {
            // The change moved left within its stretch: on to the next.
            i = lo + 2;
        } else {
            // What was merged may allow another slide just before.
            i = lo.saturating_sub(1);
        }
    }
}

/// `moving` between `before` and `after`, slid left until `before` is
/// empty or right until `after` is, when either is possible; with `ties`,
/// slid instead to the place whose ends fall best ([`best_tie`]): the new
/// three texts, or `None` when nothing moves.
fn slide(before: &str, moving: &str, after: &str, ties: bool) -> Option<(String, String, String)> {
    slide_by::<true>(before, moving, after, ties)
}

/// [`slide`], with `QUICK`: a change that cannot move either way told
/// from the characters at its ends, without the walk (as most are).
fn slide_by<const QUICK: bool>(
    before: &str,
    moving: &str,
    after: &str,
    ties: bool,
) -> Option<(String, String, String)> {
    if ties {
        return best_tie(before, moving, after);
    }
    if QUICK {
        let left = before.chars().next_back();
        if left.is_none() || left != moving.chars().next_back() {
            // Nothing slides left, and right only when the text after
            // starts as the change does.
            if before.is_empty()
                || after.is_empty()
                || after.chars().next() != moving.chars().next()
            {
                return None;
            }
            return slide_right(before, moving, after);
        }
    }
    // Left: the last character of `before` is the last of `moving`, again
    // and again (the moving text rotates as it goes).
    let mut ring: std::collections::VecDeque<char> = moving.chars().collect();
    // What stays of `before` is `before[..kept]`: walked back a character
    // at a time, never copied (it is often the whole text before the
    // change).
    let mut kept = before.len();
    let mut carried: Vec<char> = Vec::new();
    while let (Some(b), Some(&m)) = (before[..kept].chars().next_back(), ring.back()) {
        if b != m {
            break;
        }
        kept -= b.len_utf8();
        ring.rotate_right(1);
        carried.push(b);
    }
    if kept == 0 && !before.is_empty() {
        carried.reverse();
        let after: String = carried.into_iter().chain(after.chars()).collect();
        return Some((String::new(), ring.into_iter().collect(), after));
    }
    // Right only between two kept stretches: a change at the start stays
    // there (left is the way ties go).
    slide_right(before, moving, after).filter(|_| !after.is_empty() && !before.is_empty())
}

/// Whether the boundary between two texts falls between sentences: at an
/// edge of the whole text (`one` or `two` empty), or right after a full
/// stop, question or exclamation mark or semicolon that ends a word, or
/// after the white space that follows one. `one` is the last three
/// characters of the text before the boundary, last first; `two` the first
/// character after it.
fn between_sentences(one: [Option<char>; 3], two: Option<char>) -> bool {
    let ends = |c: Option<char>| matches!(c, Some('.' | '!' | '?' | ';'));
    let word = |c: Option<char>| c.is_some_and(|c| !c.is_whitespace());
    let space = |c: Option<char>| c.is_some_and(char::is_whitespace);
    match (one[0], two) {
        (None, _) | (_, None) => true,
        _ => {
            (ends(one[0]) && word(one[1]) && space(two))
                || (space(one[0]) && ends(one[1]) && word(one[2]))
        }
    }
}

/// Among the places `moving` can take between `before` and `after` (every
/// rotation along the equal text on either side, each spelling the same
/// two texts), the one whose ends fall best ([`boundary_score`]), the
/// leftmost of the best: an inserted sentence after the sentence it
/// repeats the end of ("carrier.{++ It includes a municipal carrier.++}",
/// not "{++carrier. It includes a municipal ++}carrier."). `None` when
/// that is where it is.
fn best_tie(before: &str, moving: &str, after: &str) -> Option<(String, String, String)> {
    // Most changes have no other place: told from their ends, without
    // copying them.
    let slides_left = before.chars().next_back().is_some()
        && before.chars().next_back() == moving.chars().next_back();
    let slides_right =
        after.chars().next().is_some() && after.chars().next() == moving.chars().next();
    if !slides_left && !slides_right {
        return None;
    }
    // Places whose ends fall between sentences first; between equally
    // good places, one where the change starts a word (after white space,
    // with no white space of its own first) rather than ends one:
    // "{++the opening of ++}the", not "{++ the opening of++} the".
    let last_three = |text: &str| {
        let mut back = text.chars().rev();
        [back.next(), back.next(), back.next()]
    };
    let score = |before: [Option<char>; 3],
                 ring: &std::collections::VecDeque<char>,
                 after: Option<char>| {
        let first = ring.front().copied();
        let from_end = |k: usize| {
            ring.len()
                .checked_sub(k + 1)
                .and_then(|i| ring.get(i).copied())
        };
        let last = [from_end(0), from_end(1), from_end(2)];
        let starts_a_word =
            before[0].is_none_or(char::is_whitespace) && first.is_some_and(|c| !c.is_whitespace());
        let ends =
            u8::from(between_sentences(before, first)) + u8::from(between_sentences(last, after));
        (ends, starts_a_word)
    };
    let mut ring: std::collections::VecDeque<char> = moving.chars().collect();
    let here = score(last_three(before), &ring, after.chars().next());
    // The best place so far: its score, and how far left (positive) or
    // right (negative) of here, in characters, with the rotated text.
    let mut best: ((u8, bool), isize, Option<Vec<char>>) = (here, 0, None);
    // Left: the last character of what stays before is the last of the
    // moving text, again and again.
    let mut kept = before.len();
    let mut steps = 0isize;
    while let (Some(b), Some(&m)) = (before[..kept].chars().next_back(), ring.back()) {
        if b != m {
            break;
        }
        kept -= b.len_utf8();
        ring.rotate_right(1);
        steps += 1;
        let s = score(last_three(&before[..kept]), &ring, Some(b));
        // Leftmost of the best: a later (further left) place wins a tie
        // when the change starts a word there (never one inside a word).
        if s > best.0 || (s == best.0 && s.1) {
            best = (s, steps, Some(ring.iter().copied().collect()));
        }
    }
    // Right: the first character of what comes after is the first of the
    // moving text.
    let mut ring: std::collections::VecDeque<char> = moving.chars().collect();
    let mut rest = after.chars();
    let mut steps = 0isize;
    let mut passed = last_three(before);
    while let (Some(a), Some(&m)) = (rest.clone().next(), ring.front()) {
        if a != m {
            break;
        }
        rest.next();
        ring.rotate_left(1);
        steps -= 1;
        passed = [Some(a), passed[0], passed[1]];
        let s = score(passed, &ring, rest.clone().next());
        // Only a strictly better place to the right: left is the way ties
        // go.
        if s > best.0 {
            best = (s, steps, Some(ring.iter().copied().collect()));
        }
    }
    let (_, offset, Some(moved)) = best else {
        return None;
    };
    let moved: String = moved.into_iter().collect();
    if offset > 0 {
        // `offset` characters of `before` pass to after the change.
        let at = before
            .char_indices()
            .rev()
            .nth(offset as usize - 1)
            .map_or(0, |(i, _)| i);
        Some((
            before[..at].to_string(),
            moved,
            format!("{}{after}", &before[at..]),
        ))
    } else {
        // `-offset` characters of `after` pass to before it.
        let at = after
            .char_indices()
            .nth((-offset) as usize)
            .map_or(after.len(), |(i, _)| i);
        Some((
            format!("{before}{}", &after[..at]),
            moved,
            after[at..].to_string(),
        ))
    }
}

/// `moving` slid right until `after` is empty, when it can be.
fn slide_right(before: &str, moving: &str, after: &str) -> Option<(String, String, String)> {
    // The first character of `after` is the first of `moving`, again and
    // again.
    let mut ring: std::collections::VecDeque<char> = moving.chars().collect();
    let mut rest = after.chars();
    let mut carried = String::new();
    loop {
        let next = rest.clone().next();
        match (next, ring.front()) {
            (Some(a), Some(&m)) if a == m => {
                rest.next();
                ring.rotate_left(1);
                carried.push(a);
            }
            (None, _) => {
                return Some((
                    format!("{before}{carried}"),
                    ring.into_iter().collect(),
                    String::new(),
                ))
            }
            _ => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_go_where_their_ends_fall_best() {
        let tie = |b: &str, m: &str, a: &str| best_tie(b, m, a);
        // A sentence inserted after the one whose end it repeats.
        assert_eq!(
            tie(
                "a licensed ",
                "carrier. It includes a municipal ",
                "carrier."
            ),
            Some((
                "a licensed carrier.".into(),
                " It includes a municipal carrier.".into(),
                String::new()
            ))
        );
        // Between words rather than inside one; of two such places, the
        // one where the change starts a word.
        assert_eq!(
            tie("the cat sat", " sat", " on the mat"),
            Some(("the cat ".into(), "sat ".into(), "sat on the mat".into()))
        );
        assert_eq!(tie("the ", "big ", "dog"), None);
        // A mark standing alone between spaces ends no sentence (CollateX's
        // "i ! K ! q"): the change starts a word.
        assert_eq!(
            tie("i ! K", " ! K", " ! q"),
            Some(("i ".into(), "! K ".into(), "! K ! q".into()))
        );
        // A repeated word deleted: the first, at a word's start.
        assert_eq!(
            tie("very", " very", " good"),
            Some(("".into(), "very ".into(), "very good".into()))
        );
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

        /// A tie moved anywhere spells the same two texts.
        #[test]
        fn ties_keep_both_texts(
            before in "[ab. \u{e9}]{0,6}",
            moving in "[ab. \u{e9}]{1,4}",
            after in "[ab. \u{e9}]{0,6}",
        ) {
            if let Some((b, m, a)) = best_tie(&before, &moving, &after) {
                proptest::prop_assert_eq!(format!("{b}{a}"), format!("{before}{after}"));
                proptest::prop_assert_eq!(format!("{b}{m}{a}"), format!("{before}{moving}{after}"));
            }
        }

        /// The quick answer for changes that cannot move is the walk's.
        #[test]
        fn quick_slides_as_the_walk(
            before in "[ab \u{e9}]{0,6}",
            moving in "[ab \u{e9}]{0,4}",
            after in "[ab \u{e9}]{0,6}",
            ties in proptest::bool::ANY,
        ) {
            proptest::prop_assert_eq!(
                slide_by::<true>(&before, &moving, &after, ties),
                slide_by::<false>(&before, &moving, &after, ties)
            );
        }
    }
}
