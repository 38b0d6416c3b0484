//! The header cells of a side-by-side table: `Proposal 2 (MOD, WTSA C-035
//! ATU Add08) (ATU)`.

use synoptic_core::Role;

/// What a header cell says about its column.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Header {
    /// The column's name: the group in the last parentheses (`ATU`), or
    /// the cell's first line.
    pub(super) label: String,
    /// The proposal's action (`MOD`).
    pub(super) marker: Option<String>,
    /// The proposal's number (`AFCP/35A8/1`), when the header gives one.
    pub(super) number: Option<String>,
    /// The document the proposal comes from (`WTSA C-035 ATU Add08`).
    pub(super) source: Option<String>,
    /// The column's role, when the header says (`base`, `proposal`), as in
    /// a synopsis Synoptic wrote.
    pub(super) role: Option<Role>,
    /// True when the column is a base Synoptic inferred.
    pub(super) inferred: bool,
}

/// Reads a header cell written as in the assembly's compilations:
/// `Proposal 2 (MOD, WTSA C-035 ATU Add08) (ATU)`.
pub(super) fn seed_header(header: &str) -> Header {
    let groups = paren_groups(header);
    let label = match groups.last() {
        Some(g) if !g.trim().is_empty() => g.trim().to_string(),
        _ => header.trim().to_string(),
    };
    let mut out = Header {
        label,
        ..Header::default()
    };
    if groups.len() >= 2 {
        let meta = groups[groups.len() - 2];
        let (first, second) = meta.split_once(',').unwrap_or((meta, ""));
        let first = first.trim();
        if MARKERS.contains(&first) {
            out.marker = Some(first.to_string());
            out.source = Some(second.trim().to_string()).filter(|s| !s.is_empty());
        } else {
            out.source = Some(meta.trim().to_string()).filter(|s| !s.is_empty());
        }
    }
    out
}

/// Reads a header cell from its paragraphs: the compilation's form
/// ([`seed_header`]), or the form of a synopsis Synoptic wrote as .docx
/// (the label, its role, then its action and number: `AFR` / `proposal` /
/// `MOD AFCP/1`), or just a name.
pub(super) fn parse_header(paragraphs: &[String]) -> Header {
    let lines: Vec<&str> = paragraphs
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    let role_of = |line: &str| match line.to_lowercase().as_str() {
        "base" => Some((Role::Base, false)),
        "base (inferred)" => Some((Role::Base, true)),
        "proposal" => Some((Role::Proposal, false)),
        _ => None,
    };
    // A column headed as the text being amended ("Text in force",
    // "Geltende Fassung", "Text proposed by the Commission") is the base,
    // as two-column tables of amendments lay it out.
    let joined = lines.join(" ");
    if is_base_heading(&joined) {
        return Header {
            label: joined,
            role: Some(Role::Base),
            ..Header::default()
        };
    }
    // A base labelled "base" is written without a role line beside it.
    if let [only] = lines.as_slice() {
        if let Some((Role::Base, inferred)) = role_of(only) {
            return Header {
                label: only.to_string(),
                role: Some(Role::Base),
                inferred,
                ..Header::default()
            };
        }
    }
    if lines.len() >= 2 {
        if let Some((role, inferred)) = role_of(lines[1]) {
            // The label may be headed as the compilations head columns
            // (`Proposal 2 (MOD, Addendum 8 to Document 35) (ATU)`).
            let named = lines[0];
            let headed =
                named.to_lowercase().starts_with("proposal") && paren_groups(named).len() >= 2;
            let mut out = if headed {
                seed_header(named)
            } else {
                Header {
                    label: named.to_string(),
                    ..Header::default()
                }
            };
            out.role = Some(role);
            out.inferred = inferred;
            for line in &lines[2..] {
                let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
                if MARKERS.contains(&word) && out.marker.is_none() {
                    out.marker = Some(word.to_string());
                    out.number = Some(rest.trim().to_string()).filter(|s| !s.is_empty());
                }
            }
            return out;
        }
    }
    let groups = paren_groups(&joined);
    let seed = joined.to_lowercase().starts_with("proposal") || groups.len() >= 2;
    if seed && !groups.is_empty() {
        seed_header(&joined)
    } else {
        Header {
            label: proposer_named(&joined).unwrap_or(&joined).to_string(),
            ..Header::default()
        }
    }
}

/// How a header names the proposer after the word for a proposal
/// (`Proposal by Norway`, `Amendment submitted by the Philippines`,
/// `Proposition de la France`), in lower case.
const PROPOSED_BY: &[&str] = &[
    "proposal by ",
    "proposal of ",
    "proposal from ",
    "proposals by ",
    "proposed by ",
    "amendment by ",
    "amendments by ",
    "amendment proposed by ",
    "amendment submitted by ",
    "amendments proposed by ",
    "text proposed by ",
    "submitted by ",
    "proposition de la ",
    "proposition de l'",
    "proposition du ",
    "proposition des ",
    "proposition de ",
    "propuesta de la ",
    "propuesta del ",
    "propuesta de ",
    "vorschlag von ",
    "vorschlag der ",
    "vorschlag des ",
    "предложение ",
];

/// The proposer a header names after the word for a proposal
/// ([`PROPOSED_BY`]): `Norway` for `Proposal by Norway`; `None` for any
/// other header, or when what follows is long enough to be more than a
/// name (`Proposal by the working group on ...` stays whole).
fn proposer_named(header: &str) -> Option<&str> {
    let lower = header.to_lowercase();
    // Lower-casing keeps the byte length of the prefixes' letters, all of
    // which are ASCII or Cyrillic (two bytes either way).
    let prefix = PROPOSED_BY.iter().find(|p| lower.starts_with(*p))?;
    let rest = header.get(prefix.len()..)?.trim();
    let rest = rest.strip_prefix("the ").unwrap_or(rest).trim();
    (!rest.is_empty() && rest.split_whitespace().count() <= 4).then_some(rest)
}

/// How tables of amendments head the column of the text they amend, in
/// English, French, Spanish, German, Russian, Chinese and Arabic (compared in lower case, without
/// trailing punctuation).
const BASE_HEADINGS: &[&str] = &[
    "base",
    "base text",
    "current text",
    "current version",
    "current law",
    "existing text",
    "existing law",
    "present text",
    "original text",
    "text in force",
    "law in force",
    "text as in force",
    "text proposed by the commission",
    "commission proposal",
    "texte en vigueur",
    "texte actuel",
    "texte existant",
    "texte initial",
    "texte proposé par la commission",
    "proposition de la commission",
    "texto vigente",
    "texto actual",
    "texto en vigor",
    "texto original",
    "texto propuesto por la comisión",
    "propuesta de la comisión",
    "geltende fassung",
    "geltendes recht",
    "bisherige fassung",
    "derzeitige fassung",
    "vorschlag der kommission",
    "von der kommission vorgeschlagener text",
    "действующий текст",
    "текущий текст",
    "现行案文",
    "现有案文",
    "النص الحالي",
];

/// True when a header cell names the text being amended ([`BASE_HEADINGS`]).
pub(super) fn is_base_heading(header: &str) -> bool {
    let lower = header
        .trim()
        .trim_end_matches([':', '.', '*', ' '])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    BASE_HEADINGS.contains(&lower.as_str())
}

/// The words that head a column of comments on the rows rather than a
/// version of the text ("Comments", "Justification", "Reasons",
/// "Observations de la délégation"), in the six languages and German.
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "justification",
    "justifications",
    "reason",
    "reasons",
    "rationale",
    "explanation",
    "explanations",
    "explanatory",
    "remark",
    "remarks",
    "observation",
    "observations",
    "note",
    "notes",
    "commentaire",
    "commentaires",
    "motif",
    "motifs",
    "motivation",
    "remarques",
    "explication",
    "explications",
    "comentario",
    "comentarios",
    "justificación",
    "motivo",
    "motivos",
    "observaciones",
    "explicación",
    "notas",
    "begründung",
    "bemerkungen",
    "anmerkungen",
    "kommentar",
    "kommentare",
    "erläuterung",
    "erläuterungen",
    "комментарии",
    "комментарий",
    "обоснование",
    "примечания",
    "замечания",
    "评论",
    "理由",
    "说明",
    "意见",
    "备注",
    "تعليقات",
    "ملاحظات",
    "المبررات",
    "الأسباب",
];

/// The words that head a column numbering or naming the table's rows
/// ("No.", "Item", "Article", "Provision") rather than a version of the
/// text.
const REFERENCE_WORDS: &[&str] = &[
    "#",
    "no",
    "nº",
    "n°",
    "number",
    "item",
    "ref",
    "reference",
    "article",
    "art",
    "provision",
    "paragraph",
    "para",
    "section",
    "clause",
    "rule",
    "§",
    "numéro",
    "disposition",
    "núm",
    "número",
    "artículo",
    "disposición",
    "artikel",
    "bestimmung",
    "ziffer",
    "статья",
    "пункт",
    "条款",
    "المادة",
];

/// The words of a header cell, lower-cased, without punctuation around
/// them (`Comments / Justification:` gives `comments`, `justification`).
pub(super) fn header_words(header: &str) -> Vec<String> {
    header
        .split(|c: char| c.is_whitespace() || matches!(c, '/' | ',' | ';' | '&' | '(' | ')'))
        .map(|w| {
            w.trim_matches(|c: char| matches!(c, ':' | '.' | '*' | '-' | '–' | '"'))
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// True when a header cell heads a column of comments on the rows
/// (`Comments`, `Justification`, `Reasons for the change`,
/// `Secretariat's comments`): its first or last word is one of
/// [`COMMENT_WORDS`], and it names no proposal (`Proposal`, `Amendment`).
pub(super) fn is_comment_heading(header: &str) -> bool {
    let words = header_words(header);
    let names_a_version = words.iter().any(|w| {
        w.starts_with("propos")
            || w.starts_with("amend")
            || w.starts_with("modif")
            || w.starts_with("enmienda")
            || w.starts_with("änderung")
            || w == "text"
            || w == "texte"
            || w == "texto"
    });
    let is_comment = |w: &String| COMMENT_WORDS.contains(&w.as_str());
    !names_a_version
        && words.len() <= 6
        && (words.first().is_some_and(is_comment) || words.last().is_some_and(is_comment))
}

/// True when a header cell heads a column that numbers or names the rows
/// (`No.`, `#`, `Item`, `Article`): all its words are [`REFERENCE_WORDS`].
pub(super) fn is_reference_heading(header: &str) -> bool {
    let words = header_words(header);
    !words.is_empty()
        && words.len() <= 2
        && words.iter().all(|w| REFERENCE_WORDS.contains(&w.as_str()))
}

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
