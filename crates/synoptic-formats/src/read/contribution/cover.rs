//! The cover of a contribution: the document it is (`Addendum 8 to
//! Document 35-E`), the group submitting it, its title and its abstract.

/// What the cover says about the contribution.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cover {
    /// The document, without its language letter: `Addendum 8 to Document
    /// 35`.
    pub source: Option<String>,
    /// The submitting group (`African Telecommunications Union
    /// Administrations`), from a `Source:` line or the line after the
    /// document's.
    pub group: Option<String>,
    /// The contribution's title.
    pub title: Option<String>,
    /// The abstract.
    pub summary: Option<String>,
}

/// Reads the cover from its paragraphs (the text before the first
/// proposal), in order.
pub fn read(lines: &[String]) -> Cover {
    let mut cover = Cover::default();
    let mut i = 0;
    // Plain lines after the document's: the group, then the title.
    let mut plain: Vec<&str> = Vec::new();
    while i < lines.len() {
        let line = lines[i].trim();
        i += 1;
        if line.is_empty() {
            continue;
        }
        if cover.source.is_none() {
            let next = lines.get(i).map(|l| l.trim());
            if let Some((source, used_next)) = document_of(line, next) {
                cover.source = Some(source);
                i += usize::from(used_next);
                plain.clear();
                continue;
            }
        }
        // A field's value follows its name, or is the next line (a cover
        // laid out as a table puts them in two cells).
        let mut value = |rest: &str| {
            if rest.is_empty() {
                let next = lines.get(i).map(|l| l.trim().to_string());
                i += 1;
                next.filter(|t| !t.is_empty())
            } else {
                Some(rest.to_string())
            }
        };
        if let Some(rest) = field(
            line,
            &["source", "origin", "submitted by", "origine", "origen"],
        ) {
            cover.group = value(rest);
            continue;
        }
        if let Some(rest) = field(line, &["title", "subject", "titre", "título", "titulo"]) {
            cover.title = value(rest);
            continue;
        }
        if let Some(rest) = field(
            line,
            &[
                "abstract",
                "summary",
                "purpose",
                "purpose/abstract",
                "résumé",
                "resumen",
            ],
        ) {
            cover.summary = value(rest);
            continue;
        }
        if cover.summary.is_none() && !is_furniture(line) {
            plain.push(line);
        }
    }
    // Before the document's line come the meeting's name and place; the
    // plain lines after it are the group and the title.
    let mut plain = plain.into_iter();
    if cover.group.is_none() {
        cover.group = plain.next().map(str::to_string);
    }
    if cover.title.is_none() {
        cover.title = plain.next().map(str::to_string);
    }
    cover
}

/// `Source: ...`, `Abstract: ...`: the field's value when the line starts
/// with one of the names (any case) and a colon.
fn field<'a>(line: &'a str, names: &[&str]) -> Option<&'a str> {
    // A name alone on its line, colon or not (`Abstract`), heads the next.
    if names.contains(&line.trim_end_matches(':').trim().to_lowercase().as_str()) {
        return Some("");
    }
    let (name, rest) = line.split_once(':')?;
    let name = name.trim().to_lowercase();
    names.contains(&name.as_str()).then(|| rest.trim())
}

/// The document a cover line names: `Addendum 8 to Document 35-E`,
/// `Document 35-E`, or `Addendum 8 to` with `Document 35-E` on the next
/// line (Word covers put them in two cells). Returns the source without
/// the language letter, and whether the next line was used.
fn document_of(line: &str, next: Option<&str>) -> Option<(String, bool)> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match words.as_slice() {
        [kind, n, to, rest @ ..] if part_kind(kind).is_some() => {
            // `to`, or the French and Spanish `au`, `al`.
            if !["to", "au", "al"]
                .iter()
                .any(|w| to.eq_ignore_ascii_case(w))
            {
                return None;
            }
            let kind = part_kind(kind)?;
            if rest.is_empty() {
                let (doc, _) = next.and_then(document_number)?;
                return Some((format!("{kind} {n} to {doc}"), true));
            }
            let (doc, _) = document_number(&rest.join(" "))?;
            Some((format!("{kind} {n} to {doc}"), false))
        }
        // A lone `Document 35-E` is the cover's only when it is all the
        // line says.
        _ => document_number(line)
            .filter(|(_, whole)| *whole)
            .map(|(doc, _)| (doc, false)),
    }
}

/// `Document 35-E` → `Document 35` (the language letter dropped),
/// `Document 35(Add.8)-E` → `Addendum 8 to Document 35`, and whether the
/// words were all used.
fn document_number(text: &str) -> Option<(String, bool)> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let [word, number, rest @ ..] = words.as_slice() else {
        return None;
    };
    let named = word.eq_ignore_ascii_case("document") || word.eq_ignore_ascii_case("documento");
    if !named || !number.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    // The part in brackets may stand apart: `Document 35 (Add.8)-E`.
    let (number, rest) = match rest.split_first() {
        Some((next, after)) if next.starts_with('(') && !number.contains('(') => {
            (format!("{number}{next}"), after)
        }
        _ => ((*number).to_string(), rest),
    };
    let number = strip_language(&number);
    let part = number.split_once('(').and_then(|(document, inner)| {
        let part = part_of(inner.strip_suffix(')')?)?;
        Some(format!("{part} to Document {document}"))
    });
    let source = part.unwrap_or_else(|| format!("Document {number}"));
    Some((source, rest.is_empty()))
}

/// The part of a document a cover names, in English whatever the
/// cover's language: `Addendum`, `Corrigendum`, `Revision`.
fn part_kind(word: &str) -> Option<&'static str> {
    match word.to_lowercase().as_str() {
        "addendum" | "addéndum" => Some("Addendum"),
        "corrigendum" | "corrigéndum" => Some("Corrigendum"),
        "revision" | "révision" | "revisión" => Some("Revision"),
        _ => None,
    }
}

/// `Add.8` → `Addendum 8`, `Rev.1` → `Revision 1`, `Corr.2` →
/// `Corrigendum 2`: the short forms of a document's number.
fn part_of(short: &str) -> Option<String> {
    let (kind, n) = short.split_once('.')?;
    let kind = match kind.trim().to_lowercase().as_str() {
        "add" => "Addendum",
        "rev" => "Revision",
        "corr" => "Corrigendum",
        _ => return None,
    };
    let n = n.trim();
    if n.is_empty() || !n.chars().all(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    Some(format!("{kind} {n}"))
}

/// `35-E` → `35`: ITU documents carry their language as a last letter.
fn strip_language(number: &str) -> &str {
    for suffix in ["-E", "-F", "-S", "-A", "-C", "-R"] {
        if let Some(stripped) = number.strip_suffix(suffix) {
            if !stripped.is_empty() {
                return stripped;
            }
        }
    }
    number
}

/// Cover lines that are neither the group nor the title: dates, the
/// original language, the agenda item.
fn is_furniture(line: &str) -> bool {
    let lower = line.to_lowercase();
    if ["original:", "agenda item", "date:", "english only"]
        .iter()
        .any(|p| lower.starts_with(p))
    {
        return true;
    }
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<&str> = lower.split_whitespace().collect();
    let year = words
        .iter()
        .any(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()));
    year && words.len() <= 4 && words.iter().any(|w| MONTHS.contains(w))
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<String> {
        text.lines().map(str::to_string).collect()
    }

    #[test]
    fn cover_with_document_group_title_and_abstract() {
        let cover = read(&lines(
            "WORLD TELECOMMUNICATION STANDARDIZATION ASSEMBLY\n\
             New Delhi, 14-23 October 2026\n\
             Addendum 8 to\n\
             Document 35-E\n\
             12 September 2026\n\
             Original: English\n\
             African Telecommunications Union Administrations\n\
             AFRICAN COMMON PROPOSALS FOR THE WORK OF THE ASSEMBLY\n\
             Abstract:\n\
             This contribution proposes to revise Resolution 301.",
        ));
        assert_eq!(cover.source.as_deref(), Some("Addendum 8 to Document 35"));
        assert_eq!(
            cover.group.as_deref(),
            Some("African Telecommunications Union Administrations")
        );
        assert_eq!(
            cover.title.as_deref(),
            Some("AFRICAN COMMON PROPOSALS FOR THE WORK OF THE ASSEMBLY")
        );
        assert_eq!(
            cover.summary.as_deref(),
            Some("This contribution proposes to revise Resolution 301.")
        );
    }

    #[test]
    fn fields_and_one_line_document() {
        let cover = read(&lines(
            "Addendum 12 to Document 40-F\n\
             Source: Member States of the Asia-Pacific Telecommunity\n\
             Title: APT proposals on Resolution 301\n\
             Abstract: Shorter deadlines.",
        ));
        assert_eq!(cover.source.as_deref(), Some("Addendum 12 to Document 40"));
        assert_eq!(
            cover.group.as_deref(),
            Some("Member States of the Asia-Pacific Telecommunity")
        );
        assert_eq!(
            cover.title.as_deref(),
            Some("APT proposals on Resolution 301")
        );
        assert_eq!(cover.summary.as_deref(), Some("Shorter deadlines."));
        assert_eq!(
            read(&lines(
                "Document 42-E\nRegional Commonwealth in the field of Communications"
            ))
            .source
            .as_deref(),
            Some("Document 42")
        );
        assert_eq!(read(&lines("The Document 42 is long")).source, None);
        for (line, source) in [
            ("Document 35(Add.8)-E", "Addendum 8 to Document 35"),
            ("Document 35 (Add.8)-E", "Addendum 8 to Document 35"),
            ("DOCUMENT 42(Rev.1)-F", "Revision 1 to Document 42"),
            ("Document 40(Corr.2)", "Corrigendum 2 to Document 40"),
            ("Revision 1 to Document 42-E", "Revision 1 to Document 42"),
            ("Document 35(Annex)-E", "Document 35(Annex)"),
            ("ADDENDUM 8 TO DOCUMENT 35-E", "Addendum 8 to Document 35"),
            ("Addendum 8 au Document 35-F", "Addendum 8 to Document 35"),
            ("Addéndum 8 al Documento 35-S", "Addendum 8 to Document 35"),
            ("Révision 1 au Document 42-F", "Revision 1 to Document 42"),
        ] {
            assert_eq!(read(&lines(line)).source.as_deref(), Some(source), "{line}");
        }
        assert_eq!(read(&[]), Cover::default());
        // A cover laid out as a table: names and values in two cells.
        let cover = read(&lines(
            "Document 44-E\nSource:\nCITEL Administrations\nTitle:\nInter-American proposals\n\
             Purpose/Abstract:\nThree proposals.",
        ));
        assert_eq!(cover.group.as_deref(), Some("CITEL Administrations"));
        assert_eq!(cover.title.as_deref(), Some("Inter-American proposals"));
        assert_eq!(cover.summary.as_deref(), Some("Three proposals."));
        let cover = read(&lines(
            "Addendum 8 au Document 35-F\nOrigine: Union africaine des télécommunications\n\
             Titre: Propositions africaines",
        ));
        assert_eq!(cover.source.as_deref(), Some("Addendum 8 to Document 35"));
        assert_eq!(
            cover.group.as_deref(),
            Some("Union africaine des télécommunications")
        );
        assert_eq!(cover.title.as_deref(), Some("Propositions africaines"));
    }
}
