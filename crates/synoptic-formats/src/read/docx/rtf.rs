//! The text of an RTF document embedded in a .docx (`w:altChunk`), as
//! Word shows it once converted: paragraphs (`\par`, a table cell), the
//! list labels Word wrote before them (`\listtext`), tabs and line
//! breaks, characters written as `\'hh` (Windows-1252) or `\uN`. What is
//! not text is left out: font, colour and style tables, document
//! information, pictures, headers and footers, notes, field codes (their
//! results are kept), hidden text and text deleted with tracking.

use super::xml::cp1252_char;

/// The deepest group nesting read: deeper groups (only a hostile file
/// nests thousands) are skipped.
const MAX_GROUPS: usize = 256;

/// Destinations whose content is not the document's text.
const SKIPPED: &[&str] = &[
    "fonttbl",
    "colortbl",
    "stylesheet",
    "info",
    "pict",
    "object",
    "header",
    "headerl",
    "headerr",
    "headerf",
    "footer",
    "footerl",
    "footerr",
    "footerf",
    "footnote",
    "annotation",
    "fldinst",
    "listtable",
    "listoverridetable",
    "revtbl",
    "rsidtbl",
    "generator",
    "xmlnstbl",
    "themedata",
    "colorschememapping",
    "latentstyles",
    "datastore",
    "filetbl",
    "pgdsctbl",
    "bkmkstart",
    "bkmkend",
    "xe",
    "tc",
];

/// What a group sets for the text inside it.
#[derive(Debug, Clone, Copy, Default)]
struct State {
    /// Inside a destination that is no text.
    skip: bool,
    /// Hidden (`\v`) or deleted with tracking (`\deleted`).
    gone: bool,
    /// How many fallback characters follow a `\uN` (`\ucN`).
    fallback: usize,
}

/// The paragraphs of an RTF document, trimmed, empty ones left out.
pub(super) fn rtf_paragraphs(text: &str) -> Vec<String> {
    let bytes = text.as_bytes();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut stack: Vec<State> = Vec::new();
    let mut state = State {
        fallback: 1,
        ..State::default()
    };
    // A `{\*\dest ...}` group: skipped unless `dest` is read.
    let mut starred = false;
    // Fallback characters of a `\uN` still to skip.
    let mut to_skip = 0usize;
    let mut i = 0;
    let push = |c: char, state: &State, current: &mut String| {
        if !state.skip && !state.gone {
            current.push(c);
        }
    };
    while i < bytes.len() {
        let b = bytes[i];
        match b {
            b'{' => {
                stack.push(state);
                if stack.len() > MAX_GROUPS {
                    state.skip = true;
                }
                i += 1;
            }
            b'}' => {
                state = stack.pop().unwrap_or(state);
                starred = false;
                i += 1;
            }
            b'\\' => {
                let Some(&next) = bytes.get(i + 1) else { break };
                if next.is_ascii_alphabetic() {
                    let start = i + 1;
                    let mut j = start;
                    while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
                        j += 1;
                    }
                    let word = &text[start..j];
                    let number_start = j;
                    if j < bytes.len() && bytes[j] == b'-' {
                        j += 1;
                    }
                    while j < bytes.len() && bytes[j].is_ascii_digit() && j - number_start < 10 {
                        j += 1;
                    }
                    let param: Option<i64> = text[number_start..j].parse().ok();
                    if j < bytes.len() && bytes[j] == b' ' {
                        j += 1;
                    }
                    i = j;
                    if to_skip > 0 {
                        to_skip -= 1;
                        continue;
                    }
                    if starred || SKIPPED.contains(&word) {
                        starred = false;
                        // `\*\fldinst` and the like: the whole group.
                        if word != "fldrslt" && word != "listtext" && word != "pntext" {
                            state.skip = true;
                        }
                        continue;
                    }
                    match word {
                        "par" | "cell" | "row" | "sect" | "page" if !state.skip => {
                            paragraphs.push(std::mem::take(&mut current));
                        }
                        "line" => push('\n', &state, &mut current),
                        "tab" => push('\t', &state, &mut current),
                        "emdash" => push('\u{2014}', &state, &mut current),
                        "endash" => push('\u{2013}', &state, &mut current),
                        "lquote" => push('\u{2018}', &state, &mut current),
                        "rquote" => push('\u{2019}', &state, &mut current),
                        "ldblquote" => push('\u{201C}', &state, &mut current),
                        "rdblquote" => push('\u{201D}', &state, &mut current),
                        "bullet" => push('\u{2022}', &state, &mut current),
                        "v" | "deleted" => state.gone = param != Some(0),
                        "plain" => state.gone = false,
                        "uc" => {
                            state.fallback =
                                param.and_then(|p| usize::try_from(p).ok()).unwrap_or(1)
                        }
                        "u" => {
                            if let Some(p) = param {
                                // Negative values stand for code units above 32767.
                                let unit = if p < 0 { p + 65_536 } else { p };
                                if let Some(c) = u32::try_from(unit).ok().and_then(char::from_u32) {
                                    push(c, &state, &mut current);
                                }
                            }
                            to_skip = state.fallback;
                        }
                        _ => {}
                    }
                } else {
                    // A control symbol: the backslash and one character.
                    let symbol = text[i + 1..].chars().next().unwrap_or('\u{FFFD}');
                    i += 1 + symbol.len_utf8();
                    match next {
                        b'*' => starred = true,
                        b'\'' => {
                            let hex = text
                                .get(i..i + 2)
                                .and_then(|h| u8::from_str_radix(h, 16).ok());
                            if hex.is_some() {
                                i += 2;
                            }
                            if to_skip > 0 {
                                to_skip -= 1;
                            } else if let Some(h) = hex {
                                push(cp1252_char(h), &state, &mut current);
                            }
                        }
                        b'~' => push('\u{A0}', &state, &mut current),
                        b'_' => push('-', &state, &mut current),
                        b'\\' | b'{' | b'}' => push(char::from(next), &state, &mut current),
                        // A line end after a backslash is a paragraph.
                        b'\n' | b'\r' if !state.skip => {
                            paragraphs.push(std::mem::take(&mut current));
                        }
                        _ => {}
                    }
                }
            }
            // Line ends in RTF are not text.
            b'\r' | b'\n' => i += 1,
            _ => {
                // One character (UTF-8 if the file is, else one byte).
                let c = text[i..].chars().next().unwrap_or('\u{FFFD}');
                i += c.len_utf8();
                if to_skip > 0 {
                    to_skip -= 1;
                } else {
                    push(c, &state, &mut current);
                }
            }
        }
    }
    paragraphs.push(current);
    paragraphs
        .into_iter()
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_rtf_document_reads_as_its_paragraphs() {
        let rtf = r"{\rtf1\ansi\ansicpg1252\deff0{\fonttbl{\f0 Times New Roman;}}{\colortbl;\red0\green0\blue0;}
{\*\generator Riched20 10.0;}{\info{\title Harbour dues}}\viewkind4\uc1
\pard\b Section 3. Fees\b0\par
{\listtext a)\tab}Dues are paid monthly \endash\~in euro.\par
{\listtext b)\tab}Fines are set by the Minist\'e8re{\v  hidden note}.\line Second line.\par
Caf\u233?s pay {\deleted twice }once; see {\field{\*\fldinst { REF _Ref1 }}{\fldrslt {Article 7}}}.\par
{\footnote \pard Not text.}\u8212\'97 end}";
        assert_eq!(
            rtf_paragraphs(rtf),
            [
                "Section 3. Fees",
                "a)\tDues are paid monthly \u{2013}\u{A0}in euro.",
                "b)\tFines are set by the Ministère.\nSecond line.",
                "Cafés pay once; see Article 7.",
                "\u{2014} end",
            ]
        );
    }

    #[test]
    fn hostile_rtf_never_panics() {
        for rtf in [
            "\\",
            "{\\rtf1 \\'",
            "{\\rtf1 \\'zz}",
            "{\\u-99999999999999999999?}",
            "{{{{{{{{{{",
            "}}}}}",
            "\\u65",
            "é\\'e9\\u233",
            "\\é\\\u{2014}",
        ] {
            let _ = rtf_paragraphs(rtf);
        }
        let deep = "{".repeat(10_000) + "text" + &"}".repeat(10_000);
        assert!(rtf_paragraphs(&deep).is_empty());
    }

    proptest::proptest! {
        #[test]
        fn any_rtf_never_panics(rtf in "[{}\\\\a-z0-9'* ~_é\u{0627}\u{2014}-]{0,200}") {
            let _ = rtf_paragraphs(&rtf);
        }
    }
}
