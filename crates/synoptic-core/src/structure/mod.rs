//! The structure of a resolution-like text: section openers, paragraph
//! labels, their hierarchy, and the stable ids rows are named by.
//!
//! Everything here is heuristic and deliberately conservative: a false
//! opener splits a section in two and a false label renames a paragraph,
//! both of which mislead the alignment more than a missed one does. So an
//! opener must be a short line that starts with a known keyword, and a bare
//! number or letter only counts as a label when a tab (or, for small numbers,
//! a lowercase word) follows it.
//!
//! By job: [`patterns`] holds the tables of openers, [`openers`] matches a
//! line against them, [`labels`] splits and reads paragraph labels,
//! [`numbering`] orders them into lists and paths, and [`ids`] names
//! sections.

pub mod ids;
pub mod labels;
pub mod numbering;
pub mod openers;
pub mod patterns;
#[cfg(test)]
mod tests;

pub use ids::*;
pub use labels::*;
pub use numbering::*;
pub use openers::*;
pub use patterns::*;

/// The lines of a text exactly as [`str::lines`] gives them (a final line
/// end ends the last line; a `\r` before a `\n` is no part of a line),
/// found with the `memchr` crate's vector search: the standard library
/// scans a word at a time, a visible cost for the many lines read.
pub(crate) fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .map(Some)
        .chain(std::iter::once(None))
        .filter_map(move |end| {
            let line = match end {
                Some(end) => {
                    let line = text.get(start..end).unwrap_or_default();
                    line.strip_suffix('\r').unwrap_or(line)
                }
                // No last line after a final line end (or in no text).
                None if start >= text.len() => return None,
                None => text.get(start..).unwrap_or_default(),
            };
            start = end.map_or(text.len(), |end| end + 1);
            Some(line)
        })
}

/// The id of the section before the first opener (title block, preamble).
pub const PREAMBLE_ID: &str = "preamble";
