//! The header cells of a side-by-side table: `Proposal 2 (MOD, WTSA C-035
//! ATU Add08) (ATU)`.

/// The proposal markers of ITU documents.
pub(super) const MARKERS: &[&str] = &["MOD", "ADD", "SUP", "NOC"];

/// The contents of the top-level parenthesised groups of a header cell.
pub(super) fn paren_groups(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0usize;
    for (i, c) in s.char_indices() {
        match c {
            '(' => {
                if depth == 0 {
                    start = i + 1;
                }
                depth += 1;
            }
            ')' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(&s[start..i]);
                }
            }
            _ => {}
        }
    }
    out
}
