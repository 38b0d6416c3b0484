//! The title line of a text a proposal concerns (`RESOLUTION 44 (Rev.
//! Hammamet, 2016)`, `RECOMMENDATION ITU-T A.1`, `DRAFT NEW RESOLUTION
//! [AFCP-1]`, `QUESTION 3/17`, `ARTICLE 5`): its keyword and number, which
//! is what matches a proposal to the text in force, whatever else the line
//! says (the revision it cites changes from one assembly to the next).

/// Title keywords as written (English, French, Spanish), each with the
/// keyword it stands for.
const KEYWORDS: &[(&str, &str)] = &[
    ("RESOLUTION", "resolution"),
    ("RÉSOLUTION", "resolution"),
    ("RESOLUCIÓN", "resolution"),
    ("RESOLUCION", "resolution"),
    ("RECOMMENDATION", "recommendation"),
    ("RECOMMANDATION", "recommendation"),
    ("RECOMENDACIÓN", "recommendation"),
    ("RECOMENDACION", "recommendation"),
    ("QUESTION", "question"),
    ("CUESTIÓN", "question"),
    ("CUESTION", "question"),
    ("ARTICLE", "article"),
    ("ARTÍCULO", "article"),
    ("ARTICULO", "article"),
    ("OPINION", "opinion"),
    ("DECISION", "decision"),
    ("DÉCISION", "decision"),
    ("APPENDIX", "appendix"),
    ("ANNEX", "annex"),
    ("CHAPTER", "chapter"),
    ("RULE", "rule"),
    // Short forms, as a file of the texts in force may head its text.
    ("RES.", "resolution"),
    ("RES", "resolution"),
    ("REC", "recommendation"),
    ("RÉS.", "resolution"),
    ("REC.", "recommendation"),
    ("ART.", "article"),
];

/// Words that may come before the keyword (`DRAFT NEW RESOLUTION`).
const PREFIXES: &[&str] = &[
    "PRELIMINARY",
    "DRAFT",
    "NEW",
    "REVISED",
    "PROPOSED",
    "NOUVELLE",
    "NUEVA",
];

/// The title line of a text, read for its keyword and number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextTitle {
    /// The line as written.
    pub line: String,
    /// The kind of text, lowercase and in English (`resolution`).
    pub keyword: &'static str,
    /// The number as written (`44`, `ITU-T A.1`, `3/17`, `[AFCP-1]`).
    pub number: String,
    /// True when the line announces a new text (`DRAFT NEW RESOLUTION`,
    /// `NEW QUESTION`).
    pub new_text: bool,
}

impl TextTitle {
    /// Reads a title line in any letter case (`Resolution 44` too).
    pub fn parse(line: &str) -> Option<TextTitle> {
        Self::parse_with(line, false)
    }

    /// Reads a title line whose keyword is written in capitals, as titles
    /// are: for places where ordinary prose may start with the same word.
    pub fn parse_capitals(line: &str) -> Option<TextTitle> {
        Self::parse_with(line, true)
    }

    /// Reads a title line in any letter case that says nothing after its
    /// number but the revision it cites (`Resolution 44 (Rev. Hammamet,
    /// 2016)`) or a dash and a name: for places where prose may start with
    /// the same words (`Resolution 44 was adopted`).
    pub fn parse_alone(line: &str) -> Option<TextTitle> {
        let title = Self::parse_with(line, false)?;
        let line = title.line.as_str();
        let keyword_end = line.find(char::is_whitespace)?;
        let at = keyword_end + line[keyword_end..].find(title.number.as_str())?;
        let rest = line[at + title.number.len()..].trim_start();
        let alone = rest.is_empty() || rest.starts_with('(') || rest.starts_with(is_dash);
        alone.then_some(title)
    }

    fn parse_with(line: &str, capitals: bool) -> Option<TextTitle> {
        let line = line.trim();
        let mut tokens = line.split_whitespace().peekable();
        let mut new_text = false;
        let mut keyword = None;
        // At most three prefix words, each once (`PRELIMINARY DRAFT NEW`),
        // then the keyword.
        let mut prefixes: Vec<String> = Vec::new();
        for _ in 0..4 {
            let token = tokens.next()?;
            let upper = token.to_uppercase();
            if let Some((_, k)) = KEYWORDS.iter().find(|(w, _)| *w == upper) {
                if capitals && token != upper {
                    return None;
                }
                keyword = Some(*k);
                break;
            }
            if !PREFIXES.contains(&upper.as_str()) || prefixes.contains(&upper) {
                return None;
            }
            if capitals && token != upper {
                return None;
            }
            prefixes.push(upper.clone());
            new_text |= matches!(upper.as_str(), "NEW" | "NOUVELLE" | "NUEVA");
        }
        let keyword = keyword?;
        let number = number_of(tokens)?;
        Some(TextTitle {
            // Spaces as one, whatever their kind (non-breaking, tabs).
            line: line.split_whitespace().collect::<Vec<_>>().join(" "),
            keyword,
            number,
            new_text,
        })
    }

    /// The name of the file its synopsis is written to, without extension,
    /// and the text's id in the index: `resolution-44`,
    /// `recommendation-itu-t-a-1`, `question-3-17`.
    pub fn key(&self) -> String {
        let mut key = String::from(self.keyword);
        let mut dash = true;
        for c in self.number.chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() {
                if dash {
                    key.push('-');
                    dash = false;
                }
                key.push(c);
            } else {
                dash = true;
            }
        }
        key
    }

    /// What two titles of the same text share, whatever their spelling of
    /// the number (`ITU-T A.1`, `ITUT A.1`, `itu‑t a.1`): the keyword, and
    /// the number's letters and digits without dashes, other punctuation
    /// and spaces as one separator (so `3/17` and `31/7` stay apart).
    pub fn match_key(&self) -> String {
        let mut key = format!("{}:", self.keyword);
        let mut separator = false;
        for c in self.number.chars().flat_map(char::to_lowercase) {
            if c.is_alphanumeric() {
                if separator && !key.ends_with(':') {
                    key.push('.');
                }
                separator = false;
                key.push(c);
            } else if !is_dash(c) {
                separator = true;
            }
        }
        key
    }

    /// The text's name for a heading: `Resolution 44`, `Recommendation
    /// ITU-T A.1`, `Draft new Resolution [AFCP-1]`.
    pub fn name(&self) -> String {
        let mut keyword = self.keyword.to_string();
        if let Some(first) = keyword.get_mut(..1) {
            first.make_ascii_uppercase();
        }
        let prefix = if self.new_text { "Draft new " } else { "" };
        format!("{prefix}{keyword} {}", self.number)
    }
}

/// The number after the keyword: tokens holding a digit (`44`, `3/17`,
/// `A.1`) or in brackets (`[AFCP-1]`), after at most one prefix in
/// capitals (`ITU-T`); or a lone roman numeral or letter (`ARTICLE IV`,
/// `ANNEX A`). It ends at a parenthesis (`(Rev. ...)`), a dash or a word.
fn number_of<'a>(tokens: impl Iterator<Item = &'a str>) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut in_brackets = false;
    for token in tokens {
        if in_brackets {
            parts.push(token);
            in_brackets = !token.contains(']');
            continue;
        }
        let token = token.trim_end_matches([',', ';', ':', '.']);
        if token.is_empty() || token.starts_with('(') || token.chars().all(is_dash) {
            break;
        }
        if token.starts_with('[') {
            parts.push(token);
            in_brackets = !token.contains(']');
            continue;
        }
        // A number is made of letters, digits and a few separators
        // (`3/17`, `A.1`, `5bis`); anything else ends it.
        let number_like = token.chars().any(|c| c.is_ascii_digit())
            && token
                .chars()
                .all(|c| c.is_alphanumeric() || matches!(c, '.' | '/') || is_dash(c));
        if number_like && parts.len() < 3 {
            parts.push(token);
            continue;
        }
        let capitals = token
            .chars()
            .all(|c| c.is_uppercase() || is_dash(c) || c == '.');
        if parts.is_empty() && capitals && token.chars().count() <= 8 {
            parts.push(token);
            continue;
        }
        break;
    }
    let numbered = parts
        .iter()
        .any(|p| p.starts_with('[') || p.chars().any(|c| c.is_ascii_digit()));
    let lone = match parts.as_slice() {
        [one] => one.chars().count() == 1 || one.chars().all(|c| "IVXLCDM".contains(c)),
        _ => false,
    };
    if !numbered && !lone {
        return None;
    }
    // A prefix in capitals after the number is a word of the title, not
    // part of the number (`ARTICLE 5 DEFINITIONS` stops at the word).
    Some(parts.join(" "))
}

fn is_dash(c: char) -> bool {
    matches!(
        c,
        '-' | '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2212}'
    )
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parsed(line: &str) -> (String, String, bool) {
        let t = TextTitle::parse(line).unwrap();
        (t.key(), t.number.clone(), t.new_text)
    }

    #[test]
    fn titles_of_every_kind() {
        assert_eq!(
            parsed("RESOLUTION 44 (Rev. Hammamet, 2016)"),
            ("resolution-44".into(), "44".into(), false)
        );
        assert_eq!(
            parsed("RECOMMENDATION ITU-T A.1"),
            ("recommendation-itu-t-a-1".into(), "ITU-T A.1".into(), false)
        );
        assert_eq!(
            parsed("DRAFT NEW RESOLUTION [AFCP-1]"),
            ("resolution-afcp-1".into(), "[AFCP-1]".into(), true)
        );
        assert_eq!(
            parsed("QUESTION 3/17 – Security of telecommunication networks"),
            ("question-3-17".into(), "3/17".into(), false)
        );
        assert_eq!(parsed("ARTICLE 5"), ("article-5".into(), "5".into(), false));
        assert_eq!(
            parsed("ARTICLE 5 DEFINITIONS"),
            ("article-5".into(), "5".into(), false)
        );
        assert_eq!(parsed("ANNEX A").0, "annex-a");
        assert_eq!(parsed("ARTICLE IV").0, "article-iv");
        assert_eq!(
            parsed("Résolution 44 (Rév. Genève, 2022)").0,
            "resolution-44"
        );
        assert_eq!(parsed("DRAFT NEW RESOLUTION [APT 2]").1, "[APT 2]");
        assert_eq!(
            parsed("PRELIMINARY DRAFT NEW RESOLUTION [ASMG-1]"),
            ("resolution-asmg-1".into(), "[ASMG-1]".into(), true)
        );
        assert_eq!(
            parsed("RESOLUTION 7 <script>alert(1)</script>"),
            ("resolution-7".into(), "7".into(), false)
        );
        assert_eq!(parsed("QUESTION 5bis/17 (Rev. 2022)").1, "5bis/17");
        assert_eq!(parsed("Res. 44 (Rev Hammamet, 2016)").0, "resolution-44");
        assert_eq!(parsed("Rec. ITU-T A.7").0, "recommendation-itu-t-a-7");
        let spaced = TextTitle::parse("RESOLUTION\u{a0}44  (Rev.\u{a0}Hammamet,\t2016)").unwrap();
        assert_eq!(spaced.line, "RESOLUTION 44 (Rev. Hammamet, 2016)");
    }

    #[test]
    fn prose_is_not_a_title() {
        for line in [
            "Resolution on the standardization gap",
            "RESOLUTION ON SOMETHING",
            "The resolution 44 is",
            "considering",
            "",
            "DRAFT",
            "NEW NEW NEW RESOLUTION 4",
        ] {
            assert_eq!(TextTitle::parse(line), None, "{line}");
        }
        assert!(TextTitle::parse_capitals("Resolution 44 was adopted").is_none());
        assert!(TextTitle::parse_capitals("RESOLUTION 44").is_some());
        assert!(TextTitle::parse_alone("Resolution 44 was adopted").is_none());
        assert!(TextTitle::parse_alone("Resolution 44 (Rev. Hammamet, 2016)").is_some());
        assert!(TextTitle::parse_alone("Question 9/11 – Signalling").is_some());
        assert!(TextTitle::parse_alone("Draft new Resolution [ARB-2]").is_some());
        assert!(TextTitle::parse_alone("Recommendation ITU-T A.7").is_some());
    }

    #[test]
    fn spellings_of_one_number_match() {
        let a = TextTitle::parse("RECOMMENDATION ITU-T A.1").unwrap();
        let b = TextTitle::parse("Recommendation ITUT A.1 (Rev. 2019)").unwrap();
        let c = TextTitle::parse("RECOMMENDATION ITU\u{2011}T A.1").unwrap();
        assert_eq!(a.match_key(), b.match_key());
        assert_eq!(a.match_key(), c.match_key());
        let d = TextTitle::parse("QUESTION 3/17").unwrap();
        let e = TextTitle::parse("QUESTION 31/7").unwrap();
        assert_ne!(d.match_key(), e.match_key());
        assert_ne!(d.key(), e.key());
    }

    #[test]
    fn names_for_headings() {
        assert_eq!(
            TextTitle::parse("RESOLUTION 44 (Rev. Hammamet, 2016)")
                .unwrap()
                .name(),
            "Resolution 44"
        );
        assert_eq!(
            TextTitle::parse("DRAFT NEW RESOLUTION [AFCP-1]")
                .unwrap()
                .name(),
            "Draft new Resolution [AFCP-1]"
        );
    }
}
