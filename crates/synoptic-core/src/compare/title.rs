//! The document's title, written as a heading by some versions (a Markdown
//! `#` line, an HTML `<h1>`, a Word heading) and as a plain first line by
//! others (a text file). Aligned as they come, the title would be a heading
//! one proposal adds and a paragraph it deletes; every version is given the
//! form the base has (without a base, the form most versions have), so that
//! the title is one row.

use std::borrow::Cow;
use std::collections::HashSet;

use crate::model::{Document, Paragraph};
use crate::tokens::normalize;

/// How a version writes the first thing it says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// The opener of its first section.
    Heading,
    /// The first paragraph of a first section without an opener.
    Line,
}

/// The longest title, in words, that is compared loosely: past it, two
/// lines are the same title only when they are equal.
const LOOSE_TITLE_WORDS: usize = 40;

/// The share of words two titles must have in common (Dice) to be one title
/// that a proposal amended.
const SAME_TITLE: f64 = 0.6;

/// The versions with their titles in one form; a version whose title is
/// already in that form (or that has none like the others') is borrowed.
pub(super) fn harmonize_titles<'a>(
    docs: &[&'a Document],
    has_base: bool,
) -> Vec<Cow<'a, Document>> {
    let firsts: Vec<Option<(Form, String)>> = docs.iter().map(|d| first_line(d)).collect();
    let count = |form: Form| firsts.iter().flatten().filter(|(f, _)| *f == form).count();
    let (headings, lines) = (count(Form::Heading), count(Form::Line));
    let borrowed = || docs.iter().map(|d| Cow::Borrowed(*d)).collect();
    if headings == 0 || lines == 0 {
        return borrowed();
    }
    let target = match firsts.first() {
        Some(Some((form, _))) if has_base => *form,
        _ if headings > lines => Form::Heading,
        _ => Form::Line,
    };
    let targets: Vec<&str> = firsts
        .iter()
        .flatten()
        .filter(|(f, _)| *f == target)
        .map(|(_, key)| key.as_str())
        .collect();
    docs.iter()
        .zip(&firsts)
        .map(|(doc, first)| match first {
            Some((form, key)) if *form != target && targets.iter().any(|t| same_title(t, key)) => {
                Cow::Owned(recast(doc, target))
            }
            _ => Cow::Borrowed(*doc),
        })
        .collect()
}

/// The index of the first section that holds anything.
fn first_section(doc: &Document) -> Option<usize> {
    doc.sections
        .iter()
        .position(|s| s.opener.is_some() || !s.paragraphs.is_empty())
}

/// The form and comparison key of the version's first line, when it could
/// be a title: unlabelled, with some text.
fn first_line(doc: &Document) -> Option<(Form, String)> {
    let section = &doc.sections[first_section(doc)?];
    let (form, paragraph) = match &section.opener {
        Some(opener) => (Form::Heading, opener),
        None => (Form::Line, section.paragraphs.first()?),
    };
    let key = title_key(paragraph)?;
    Some((form, key))
}

fn title_key(paragraph: &Paragraph) -> Option<String> {
    if paragraph.label.is_some() {
        return None;
    }
    let key = normalize(&paragraph.text);
    (!key.is_empty()).then_some(key)
}

/// Whether two first lines are one title: equal, or short and sharing most
/// of their words (a proposal that amends the title).
fn same_title(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let words = |s: &'_ str| -> Option<HashSet<String>> {
        let words: Vec<&str> = s.split_whitespace().collect();
        (words.len() <= LOOSE_TITLE_WORDS).then(|| words.into_iter().map(str::to_owned).collect())
    };
    let (Some(a), Some(b)) = (words(a), words(b)) else {
        return false;
    };
    let shared = a.intersection(&b).count();
    2.0 * shared as f64 >= SAME_TITLE * (a.len() + b.len()) as f64
}

/// The version with its title in the other form.
fn recast(doc: &Document, target: Form) -> Document {
    let mut doc = doc.clone();
    let Some(first) = first_section(&doc) else {
        return doc;
    };
    let section = &mut doc.sections[first];
    match target {
        Form::Line => {
            if let Some(opener) = section.opener.take() {
                section.paragraphs.insert(0, opener);
            }
        }
        Form::Heading => {
            if section.opener.is_none() && !section.paragraphs.is_empty() {
                section.opener = Some(section.paragraphs.remove(0));
            }
        }
    }
    doc
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Section;

    fn doc(opener: Option<&str>, paragraphs: &[&str]) -> Document {
        Document {
            sections: vec![Section {
                opener: opener.map(Paragraph::new),
                paragraphs: paragraphs.iter().map(|p| Paragraph::new(*p)).collect(),
            }],
            ..Document::default()
        }
    }

    fn forms(docs: &[Cow<'_, Document>]) -> Vec<Option<Form>> {
        docs.iter().map(|d| first_line(d).map(|(f, _)| f)).collect()
    }

    #[test]
    fn a_heading_title_takes_the_base_s_plain_line() {
        let base = doc(None, &["Ordinance No. 14", "An ordinance on rentals"]);
        let md = doc(Some("ORDINANCE NO. 14"), &["An ordinance on rentals"]);
        let out = harmonize_titles(&[&base, &md, &base], true);
        assert_eq!(forms(&out), vec![Some(Form::Line); 3]);
        assert_eq!(out[1].sections[0].paragraphs.len(), 2);
        assert!(matches!(out[0], Cow::Borrowed(_)));
    }

    #[test]
    fn a_plain_line_takes_the_base_s_heading() {
        let base = doc(
            Some("Water Act 2031"),
            &["An Act to make provision about water."],
        );
        let txt = doc(
            None,
            &["Water Act 2031", "An Act to make provision about water."],
        );
        let out = harmonize_titles(&[&base, &txt], true);
        assert_eq!(
            out[1].sections[0].opener,
            Some(Paragraph::new("Water Act 2031"))
        );
        assert_eq!(out[1].sections[0].paragraphs.len(), 1);
    }

    #[test]
    fn without_a_base_most_versions_decide() {
        let heading = doc(Some("Water Act 2031"), &["Text."]);
        let line = doc(None, &["Water Act 2031", "Text."]);
        let out = harmonize_titles(&[&line, &heading, &heading], false);
        assert_eq!(forms(&out), vec![Some(Form::Heading); 3]);
        let out = harmonize_titles(&[&heading, &line], false);
        assert_eq!(forms(&out), vec![Some(Form::Line); 2]);
    }

    #[test]
    fn an_amended_title_is_still_the_title_but_another_line_is_not() {
        let base = doc(None, &["Water Act 2031", "Text."]);
        let amended = doc(Some("Water and Sewerage Act 2031"), &["Text."]);
        let other = doc(Some("Part 1 General provisions"), &["Text."]);
        let out = harmonize_titles(&[&base, &amended, &other], true);
        assert_eq!(
            forms(&out),
            vec![Some(Form::Line), Some(Form::Line), Some(Form::Heading)]
        );
    }

    #[test]
    fn a_labelled_first_paragraph_is_no_title() {
        let base = doc(None, &["1. Water Act 2031"]);
        let mut labelled = base.clone();
        labelled.sections[0].paragraphs[0].label = Some("1.".into());
        let heading = doc(Some("1. Water Act 2031"), &[]);
        let out = harmonize_titles(&[&labelled, &heading], true);
        assert!(out.iter().all(|d| matches!(d, Cow::Borrowed(_))));
    }
}
