//! Choosing among equally short diffs: changes slid along repeated words
//! so that kept words stay together, ties to the left.

use super::{push_edit, push_equal, Piece};

/// Slides each pure insertion or deletion along the equal text on one side
/// of it when that removes the equal stretch altogether (the clean-up
/// merge of diff-match-patch): an equally short diff, with the kept words
/// together and the changes together. Where no slide does that, the change
/// goes as far left as it can while starting a word ("i [! K ]! q", not
/// "i ! [K ! ]q"), so that equally short diffs are always told apart the
/// same way. The texts both sides spell do not change, since the slid text
/// is a rotation of what it passes.
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
/// slid instead as far left as it goes while starting a word: the new three
/// texts, or `None` when nothing moves.
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
    if QUICK {
        let left = before.chars().next_back();
        if left.is_none() || left != moving.chars().next_back() {
            // Nothing slides left: no tie to break, and right only when
            // the text after starts as the change does.
            if ties
                || before.is_empty()
                || after.is_empty()
                || after.chars().next() != moving.chars().next()
            {
                return None;
            }
            return slide_right(before, moving, after);
        }
    }
    // Left: the last character of `before` is the last of `moving`, again
    // and again (the moving text rotates as it goes). The leftmost place
    // where the change starts a word after white space is remembered, as
    // the tie-break when no slide removes an equal stretch.
    let mut ring: std::collections::VecDeque<char> = moving.chars().collect();
    // What stays of `before` is `before[..kept]`: walked back a character
    // at a time, never copied (it is often the whole text before the
    // change).
    let mut kept = before.len();
    let mut carried: Vec<char> = Vec::new();
    let mut leftmost: Option<(usize, Vec<char>)> = None;
    while let (Some(b), Some(&m)) = (before[..kept].chars().next_back(), ring.back()) {
        if b != m {
            break;
        }
        kept -= b.len_utf8();
        ring.rotate_right(1);
        carried.push(b);
        let starts_a_word = before[..kept]
            .chars()
            .next_back()
            .is_none_or(char::is_whitespace)
            && ring.front().is_some_and(|c| !c.is_whitespace());
        if starts_a_word && kept > 0 {
            leftmost = Some((kept, ring.iter().copied().collect()));
        }
    }
    if ties {
        if kept == 0 {
            return None;
        }
        let (at, moved) = leftmost?;
        return Some((
            before[..at].to_string(),
            moved.into_iter().collect(),
            format!("{}{after}", &before[at..]),
        ));
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

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(1024))]

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
