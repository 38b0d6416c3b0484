//! Line numbers in the margin, as printed bills and pleadings carry them
//! (1 to 25 on each page): text copied from such a page starts every line
//! with its number, which is no part of the text.

use std::borrow::Cow;

/// The number at the start of a line and where the text after it starts:
/// white space, one to two digits, then a space or the end of the line (a
/// tab after a number is a label's, as resolutions write `1<TAB>to ...`).
fn margin_number(line: &str) -> Option<(u32, usize)> {
    let start = line.len() - line.trim_start().len();
    let digits = line[start..].bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let end = start + digits;
    let after = line[end..].chars().next();
    match after {
        None => Some((line[start..end].parse().ok()?, end)),
        Some(' ') => Some((line[start..end].parse().ok()?, end + 1)),
        _ => None,
    }
}

/// `text` without the line numbers in its margin, when it has them: nine
/// lines in ten (not counting blank ones) start with a number, nine numbers
/// in ten follow the one before or start a page again at 1, and a page
/// does start again (from 15 or more), so that lists numbered 1, 2, 3 are
/// never taken for a margin. The number and the one space after it go; the
/// indentation after them stays, as the page shows it. One pass.
pub(crate) fn without_line_numbers(text: &str) -> Cow<'_, str> {
    // Nine lines in ten numbered cannot be once more than a tenth of all
    // the lines are not: most texts are told after their first tenth.
    let most_unnumbered = (memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1) / 10;
    let mut written = 0usize;
    let mut numbered = 0usize;
    let mut in_order = 0usize;
    let mut new_page = false;
    let mut last: Option<u32> = None;
    for line in text.split('\n') {
        if line.trim().is_empty() {
            continue;
        }
        written += 1;
        let Some((n, _)) = margin_number(line) else {
            if written - numbered > most_unnumbered {
                return Cow::Borrowed(text);
            }
            continue;
        };
        numbered += 1;
        match last {
            Some(prev) if n == prev + 1 => in_order += 1,
            Some(prev) if n == 1 && prev >= 15 => {
                in_order += 1;
                new_page = true;
            }
            None if n <= 2 => in_order += 1,
            _ => {}
        }
        last = Some(n);
    }
    let margin =
        written >= 10 && new_page && numbered * 10 >= written * 9 && in_order * 10 >= numbered * 9;
    if !margin {
        return Cow::Borrowed(text);
    }
    let stripped: Vec<&str> = text
        .split('\n')
        .map(|line| match margin_number(line) {
            Some((_, at)) => &line[at..],
            None => line,
        })
        .collect();
    Cow::Owned(stripped.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `paragraphs` laid out with a line number before each line, 25 to a page.
    fn numbered(lines: &[&str]) -> String {
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| format!("{:>2} {l}\n", i % 25 + 1))
            .collect()
    }

    #[test]
    fn page_line_numbers_are_taken_out() {
        let lines: Vec<String> = (0..30)
            .map(|i| {
                if i % 3 == 0 {
                    format!("    SEC. {i}. HEADING {i}.")
                } else {
                    format!("the text of line {i} runs on")
                }
            })
            .collect();
        let refs: Vec<&str> = lines.iter().map(String::as_str).collect();
        let text = numbered(&refs);
        let out = without_line_numbers(&text);
        let expected: String = refs.iter().map(|l| format!("{l}\n")).collect();
        assert_eq!(out, expected);
    }

    #[test]
    fn numbered_lists_and_prose_are_left_alone() {
        // A list counting on without a page restarting.
        let list: String = (1..=14)
            .map(|i| format!("{i}\tto do thing {i};\n"))
            .collect();
        assert!(matches!(without_line_numbers(&list), Cow::Borrowed(_)));
        // A resolution's lists, each restarting at 1, labelled with tabs.
        let lists: String = ["considering\n", "resolves\n"]
            .iter()
            .map(|opener| {
                let items: String = (1..=16)
                    .map(|i| format!("{i}\tto do thing {i};\n"))
                    .collect();
                format!("{opener}{items}")
            })
            .collect();
        assert!(matches!(without_line_numbers(&lists), Cow::Borrowed(_)));
        // Too few lines to tell.
        let short = numbered(&["A BILL", "To do things.", "SEC. 1. TITLE."]);
        assert!(matches!(without_line_numbers(&short), Cow::Borrowed(_)));
        // Numbers that do not count lines.
        let prose = "12 Member States agreed.\n3 abstained.\n".repeat(8);
        assert!(matches!(without_line_numbers(&prose), Cow::Borrowed(_)));
    }
}
