//! Cells of a side-by-side table that state what the proposer does with
//! the row rather than give its text: `No change`, `—`, `Delete`, in the
//! six languages and German. Secretariats' tables are full of them, and
//! compared as text each would be a paragraph the proposer added.

/// What a cell of a proposal's column says of its row in a word or two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Formula {
    /// The proposer keeps the text as it is (`No change`, `Unchanged`).
    Unchanged,
    /// The proposer proposes nothing there (`—`, `n/a`, `No proposal`).
    Nothing,
    /// The proposer deletes the row's text (`Delete`, `Supprimer`).
    Deleted,
}

const UNCHANGED: &[&str] = &[
    "no change",
    "no changes",
    "no change proposed",
    "no changes proposed",
    "unchanged",
    "no modification",
    "no modifications",
    "noc",
    "retain",
    "retain current text",
    "retain existing text",
    "keep",
    "keep as is",
    "keep current text",
    "as is",
    "same",
    "same as current text",
    "same as existing text",
    "idem",
    "sans changement",
    "sans modification",
    "inchangé",
    "inchangée",
    "pas de changement",
    "aucun changement",
    "aucune modification",
    "sin cambios",
    "sin cambio",
    "sin modificación",
    "sin modificaciones",
    "sin modificar",
    "no se modifica",
    "unverändert",
    "keine änderung",
    "keine änderungen",
    "без изменений",
    "不变",
    "无变化",
    "无修改",
    "دون تغيير",
    "بدون تغيير",
    "لا تغيير",
];

const NOTHING: &[&str] = &[
    "-",
    "–",
    "—",
    "n/a",
    "not applicable",
    "no proposal",
    "no proposals",
    "no comment",
    "no comments",
    "none",
    "nil",
    "sans objet",
    "néant",
    "aucune proposition",
    "no aplica",
    "sin propuesta",
    "ninguna",
    "ninguno",
    "kein vorschlag",
    "нет",
    "нет предложений",
    "无",
    "لا يوجد",
];

const DELETED: &[&str] = &[
    "delete",
    "deleted",
    "deletion",
    "delete paragraph",
    "delete the paragraph",
    "delete this paragraph",
    "delete the article",
    "delete article",
    "strike",
    "strike out",
    "struck",
    "omit",
    "omitted",
    "repealed",
    "sup",
    "suppress",
    "suppressed",
    "supprimer",
    "supprimé",
    "supprimée",
    "suppression",
    "abrogé",
    "suprimir",
    "suprimido",
    "suprimida",
    "supresión",
    "eliminar",
    "derogado",
    "streichen",
    "gestrichen",
    "entfällt",
    "удалить",
    "исключить",
    "删除",
    "删去",
    "حذف",
];

/// The formula a cell's paragraphs (as [`super::docx`] reads them,
/// accepted) make, when they are one and nothing else: case, brackets,
/// quotes and closing punctuation aside (`(No change)`, `Delete.`).
pub(super) fn formula(paragraphs: &[String]) -> Option<Formula> {
    let mut lines = paragraphs
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty());
    let line = lines.next()?;
    if lines.next().is_some() || line.chars().count() > 40 {
        return None;
    }
    let folded = line
        .trim_matches(|c: char| {
            matches!(
                c,
                '(' | ')'
                    | '['
                    | ']'
                    | '"'
                    | '\''
                    | '“'
                    | '”'
                    | '«'
                    | '»'
                    | '.'
                    | ':'
                    | ';'
                    | '!'
                    | '*'
            ) || c.is_whitespace()
        })
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let folded = if folded.is_empty() {
        line.trim().to_string()
    } else {
        folded
    };
    if UNCHANGED.contains(&folded.as_str()) {
        Some(Formula::Unchanged)
    } else if NOTHING.contains(&folded.as_str()) {
        Some(Formula::Nothing)
    } else if DELETED.contains(&folded.as_str()) {
        Some(Formula::Deleted)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(text: &str) -> Option<Formula> {
        formula(&text.split('\n').map(String::from).collect::<Vec<_>>())
    }

    #[test]
    fn formulas_in_their_usual_dress() {
        for text in [
            "No change",
            "(No change)",
            "Unchanged.",
            "NOC",
            "\"unchanged\"",
            "Sans changement",
            "Sin cambios",
            "Без изменений",
            "不变",
            "\nNo changes proposed\n",
        ] {
            assert_eq!(of(text), Some(Formula::Unchanged), "{text}");
        }
        for text in ["—", "-", "N/A", "No proposal.", "(none)", "Sans objet"] {
            assert_eq!(of(text), Some(Formula::Nothing), "{text}");
        }
        for text in [
            "Delete",
            "Delete.",
            "(Deleted)",
            "SUP",
            "Supprimer",
            "Suprimir",
            "entfällt",
            "删除",
            "[Delete the paragraph]",
        ] {
            assert_eq!(of(text), Some(Formula::Deleted), "{text}");
        }
    }

    #[test]
    fn text_is_no_formula() {
        for text in [
            "",
            "No change to the fee shall be made before 2030.",
            "Delete\nthe second sentence",
            "The Committee shall delete its records.",
            "Same-sex partners are included.",
            "None of the members shall vote twice.",
        ] {
            assert_eq!(of(text), None, "{text:?}");
        }
    }
}
