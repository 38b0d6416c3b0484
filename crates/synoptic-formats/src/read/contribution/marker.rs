//! A proposal's first line: its action (`MOD`, `(MOD)`, `ADD*`, ...) and
//! its number (`AFCP/35A8/1`), alone or with the title line after them.

use super::TextTitle;

/// What a proposal asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// Modify the text in force (`MOD`, `(MOD)`).
    Mod,
    /// Add a text or a part (`ADD`, `ADD*`).
    Add,
    /// Suppress the text (`SUP`, `SUP*`).
    Sup,
    /// No change to the text (`NOC`).
    Noc,
}

impl Action {
    /// The action as the JSON contract names it: `MOD`, `ADD`, `SUP`,
    /// `NOC`.
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Mod => "MOD",
            Action::Add => "ADD",
            Action::Sup => "SUP",
            Action::Noc => "NOC",
        }
    }
}

/// A proposal's first line: its action and number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The action.
    pub action: Action,
    /// The action as written, in capitals (`(MOD)`, `ADD*`).
    pub written: String,
    /// The proposal's number (`AFCP/35A8/1`), when given.
    pub number: Option<String>,
}

impl Marker {
    /// Reads a marker line: `MOD AFCP/35A8/1`, `ADD*<TAB>IAP/39A18/2`,
    /// `NOC`, `mod AFCP/35A8/1/` (any case; a trailing `/` dropped). What
    /// follows the action must look like a number (short, with a digit or
    /// a slash), so that `ADD a new paragraph` is prose.
    pub fn parse(line: &str) -> Option<Marker> {
        let line = line.trim();
        let (first, rest) = match line.split_once(char::is_whitespace) {
            Some((first, rest)) => (first, rest.trim()),
            None => (line, ""),
        };
        let upper = first.to_uppercase();
        let action = match upper.as_str() {
            "MOD" | "(MOD)" => Action::Mod,
            "ADD" | "ADD*" | "(ADD)" => Action::Add,
            "SUP" | "SUP*" | "(SUP)" => Action::Sup,
            "NOC" | "(NOC)" => Action::Noc,
            _ => return None,
        };
        let number = if rest.is_empty() {
            None
        } else {
            Some(proposal_number(rest)?)
        };
        Some(Marker {
            action,
            written: upper,
            number,
        })
    }
}

impl Marker {
    /// Reads a marker line that goes on with the title line of the text
    /// (`MOD  RESOLUTION 44 (Rev. Hammamet, 2016)`, `SUP AFCP/35A8/3
    /// RESOLUTION 12`): the marker, and the title.
    pub fn parse_with_title(line: &str) -> Option<(Marker, TextTitle)> {
        let line = line.trim();
        let (first, rest) = line.split_once(char::is_whitespace)?;
        let rest = rest.trim_start();
        let action = Marker::parse(first)?;
        if let Some(title) = TextTitle::parse(rest) {
            return Some((action, title));
        }
        let (number, title) = rest.split_once(char::is_whitespace)?;
        let number = lone_number(number)?;
        let title = TextTitle::parse(title.trim_start())?;
        Some((
            Marker {
                number: Some(number),
                ..action
            },
            title,
        ))
    }
}

/// A proposal's number as written after its action, or alone on the line
/// after it (`AFCP/35A8/1`, `WTSA C-035`), spaces made single and a
/// trailing `/` or full stop dropped; `None` when the text reads as prose
/// or as a title.
pub fn proposal_number(text: &str) -> Option<String> {
    let text = text
        .trim()
        .trim_end_matches(['/', '.', ',', ';', ':'])
        .trim();
    // Each word of a number has a digit or a slash, or is in capitals
    // (`WTSA C-035`), and is made of letters, digits and a few separators.
    let word_like = |w: &str| {
        let signs = w
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '/' | '.' | '-' | '_' | '(' | ')' | '*'));
        let numbered = w.chars().any(|c| c.is_ascii_digit() || c == '/');
        signs && (numbered || w.chars().all(|c| c.is_uppercase() || c == '-'))
    };
    let number_like = !text.is_empty()
        && text.split_whitespace().count() <= 3
        && text.chars().any(|c| c.is_ascii_digit() || c == '/')
        && text.split_whitespace().all(word_like)
        && !names_a_text(text);
    number_like.then(|| text.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// Whether the words, or the last of them, are the title line of a text
/// (`RESOLUTION 44`, `AFCP/35A8/1 QUESTION 9/11`): what follows a marker
/// then is the title, not (only) a number.
pub fn names_a_text(words: &str) -> bool {
    let mut rest = words.trim();
    loop {
        if TextTitle::parse(rest).is_some() {
            return true;
        }
        match rest.split_once(char::is_whitespace) {
            Some((_, tail)) => rest = tail.trim_start(),
            None => return false,
        }
    }
}

/// A line that is only a proposal's number, with a slash and a letter
/// (`IAP/44/3`; not a date such as `14/01/2026`).
pub(super) fn lone_number(line: &str) -> Option<String> {
    proposal_number(line)
        .filter(|n| n.contains('/') && !n.contains(' ') && n.contains(char::is_alphabetic))
}
