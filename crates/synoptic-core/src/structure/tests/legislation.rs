//! Tests of the structure of bills and acts: headings, slugs, nested
//! enumerators and the detection of the tradition.

use super::*;

fn bill(line: &str) -> Option<OpenerMatch> {
    Openers::for_tradition(Tradition::Bill, None).match_opener(line)
}

fn act(line: &str) -> Option<OpenerMatch> {
    Openers::for_tradition(Tradition::Act, None).match_opener(line)
}

#[test]
fn bill_headings_and_their_captions() {
    let m = bill("SEC. 101. SHORT TITLE.").unwrap();
    assert_eq!(
        (m.keyword.as_str(), m.text.as_str()),
        ("sec.", "SEC. 101. SHORT TITLE.")
    );
    assert_eq!(m.body, None);
    let m = bill("TITLE XI—GENERAL PROVISIONS").unwrap();
    assert_eq!(m.keyword, "title");
    assert_eq!(m.tail, "XI—GENERAL PROVISIONS");
    assert!(bill("DIVISION A—HOMELAND SECURITY").is_some());
    assert!(bill("Subtitle B—Grants to States").is_some());
    assert_eq!(
        bill("Sec. 1001. Authorization of appropriations.")
            .unwrap()
            .body,
        None
    );
    // A sentence after the heading is the section's first paragraph.
    let m = bill("Section 1. This Act may be cited as the Clean Harbors Act of 2031.").unwrap();
    assert_eq!(m.text, "Section 1.");
    assert_eq!(
        m.body.as_deref(),
        Some("This Act may be cited as the Clean Harbors Act of 2031.")
    );
    let m = bill("SEC. 2. DEFINITIONS. In this Act:").unwrap();
    assert_eq!(m.text, "SEC. 2. DEFINITIONS.");
    assert_eq!(m.body.as_deref(), Some("In this Act:"));
    let m = bill("SEC. 3. (a) In General.—The Secretary shall report.").unwrap();
    assert_eq!(m.text, "SEC. 3.");
    assert_eq!(
        m.body.as_deref(),
        Some("(a) In General.—The Secretary shall report.")
    );
    let m = bill("Sec. 4. Findings. Congress finds the following:").unwrap();
    assert_eq!(m.text, "Sec. 4. Findings.");
    assert_eq!(m.body.as_deref(), Some("Congress finds the following:"));
    assert_eq!(bill("§ 5. Penalties").unwrap().keyword, "§");
    // Sentences about sections, and words that are not designators.
    for line in [
        "Section 5 of the Harbors Act is amended by striking subsection (c).",
        "Title to the land shall remain with the State.",
        "Part of the funds shall be used for training.",
        "SECTION",
        "Sections 3 and 4 apply.",
    ] {
        assert!(bill(line).is_none(), "{line:?}");
    }
    // A long first paragraph does not stop the heading being read.
    let long = format!("Section 9. {}", "The Board shall meet. ".repeat(60));
    assert_eq!(bill(&long).unwrap().text, "Section 9.");
}

#[test]
fn act_headings() {
    let m = act("Whereas:").unwrap();
    assert!(m.whole_line);
    assert!(act("Article 5").is_some());
    assert_eq!(
        act("Article 12a Definitions").unwrap().tail,
        "12a Definitions"
    );
    assert!(act("CHAPTER II").is_some());
    assert!(act("HAVE ADOPTED THIS REGULATION:").is_some());
    assert!(act("ANNEX I").is_some());
    assert!(act("Article 5 of Regulation (EU) 2031/17 is amended as follows:").is_none());
    assert!(act("Whereas the Commission has consulted the Member States;").is_none());
    // ITU openers are not headings of acts, and the reverse.
    assert!(act("considering").is_none());
    assert!(opener("Article 5").is_none());
}

#[test]
fn legislative_slugs() {
    assert_eq!(section_slug("SEC. 101. SHORT TITLE."), "sec-101");
    assert_eq!(section_slug("Sec. 1001."), "sec-1001");
    assert_eq!(section_slug("TITLE XI—GENERAL PROVISIONS"), "title-xi");
    assert_eq!(section_slug("DIVISION A—HOMELAND SECURITY"), "division-a");
    assert_eq!(section_slug("Subtitle B—Grants"), "subtitle-b");
    assert_eq!(section_slug("Section 1."), "section-1");
    assert_eq!(section_slug("§ 5. Penalties"), "sec-5");
    assert_eq!(section_slug("Article 5"), "article-5");
    // A numbered caption with no keyword is cited by its number.
    assert_eq!(section_slug("1 Duty to provide pilotage"), "1");
    assert_eq!(section_slug("6.1 General requirements"), "6.1");
    assert_eq!(section_slug("1A Appeals"), "1a");
    assert_eq!(section_slug("1. Scope"), "1");
    assert_eq!(section_slug("Article 12a Definitions"), "article-12a");
    assert_eq!(section_slug("CHAPTER II"), "chapter-ii");
    assert_eq!(section_slug("Whereas:"), "whereas");
    assert_eq!(section_slug("Artículo 3"), "articulo-3");
}

#[test]
fn bill_enumerators_nest_with_their_case() {
    let labels = [
        Some("(a)"),
        Some("(1)"),
        Some("(A)"),
        Some("(i)"),
        Some("(I)"),
        Some("(II)"),
        Some("(ii)"),
        Some("(B)"),
        Some("(2)"),
        Some("(b)"),
        Some("(h)"),
        Some("(i)"),
    ];
    assert_eq!(
        paths(&labels),
        [
            "a",
            "a/1",
            "a/1/A",
            "a/1/A/i",
            "a/1/A/i/I",
            "a/1/A/i/II",
            "a/1/A/ii",
            "a/1/B",
            "a/2",
            "b",
            "h",
            "i"
        ]
    );
    // Capitals on their own keep the lowercase keys ITU ids have always had;
    // nested, they keep their case.
    assert_eq!(paths(&[Some("A."), Some("B.")]), ["a", "b"]);
    assert_eq!(
        paths(&[Some("(2)"), Some("(A)"), Some("(B)")]),
        ["2", "2/A", "2/B"]
    );
    // Articles: numbered paragraphs, points, sub-points.
    assert_eq!(
        paths(&[
            Some("1."),
            Some("(a)"),
            Some("(i)"),
            Some("(ii)"),
            Some("(b)"),
            Some("2.")
        ]),
        ["1", "1/a", "1/a/i", "1/a/ii", "1/b", "2"]
    );
}

#[test]
fn traditions_are_detected_from_all_texts_together() {
    let bill = "A BILL\nTo do things.\nTITLE I—GENERAL\nSEC. 101. SHORT TITLE.\n\
                This Act may be cited as the Act.\nSEC. 102. DEFINITIONS.\n(a) In general.\n";
    let act = "Whereas:\n(1) The market needs rules.\nHAVE ADOPTED THIS REGULATION:\n\
               CHAPTER I\nArticle 1\nSubject matter\n1. This Regulation lays down rules.\n";
    let resolution = "considering\na)\tthat;\nresolves\n1\tto act;\nANNEX\nPart 1\n";
    assert_eq!(detect_tradition([bill]), Tradition::Bill);
    assert_eq!(detect_tradition([act]), Tradition::Act);
    assert_eq!(detect_tradition([resolution]), Tradition::Itu);
    assert_eq!(detect_tradition(["one\ntwo\n"]), Tradition::Itu);
    // One heading alone is not enough; the versions together are.
    assert_eq!(
        detect_tradition(["SEC. 2. DEFINITIONS.\ntext\n"]),
        Tradition::Itu
    );
    assert_eq!(
        detect_tradition([
            "SEC. 2. DEFINITIONS.\ntext\n",
            "SEC. 2. DEFINITIONS.\nmore\n"
        ]),
        Tradition::Bill
    );
    // A line several versions share counts once for each of them: the
    // same as counting each version on its own.
    let counts = |texts: &[&str]| TraditionCounts::of_texts(texts);
    assert_eq!(
        counts(&[bill, act, bill, resolution]),
        counts(&[bill]) + counts(&[act]) + counts(&[bill]) + counts(&[resolution])
    );
    assert_ne!(counts(&[bill, bill]), counts(&[bill]));
    // "Section" alone is shared; state bills use it.
    assert_eq!(
        detect_tradition(["Section 1. The Code is amended.\nSection 2. It applies.\n"]),
        Tradition::Bill
    );
    for t in Tradition::ALL {
        assert_eq!(
            Tradition::ALL
                .iter()
                .filter(|u| u.name() == t.name())
                .count(),
            1
        );
    }
    assert!(Openers::for_tradition(Tradition::None, None)
        .patterns()
        .is_empty());
}

#[test]
fn labels_of_inserted_and_ordinal_units() {
    // Westminster's inserted sections and subsections, German inserted
    // paragraphs, French and Spanish ordinals, Latin adverbs of insertion.
    for (line, label, rest) in [
        ("1A Appeals", "1A", "Appeals"),
        (
            "(1A) The authority may extend the period.",
            "(1A)",
            "The authority may extend the period.",
        ),
        (
            "(2a) Die Frist kann verlängert werden.",
            "(2a)",
            "Die Frist kann verlängert werden.",
        ),
        ("1° La reprise gratuite ;", "1°", "La reprise gratuite ;"),
        (
            "2.º La cesión será gratuita.",
            "2.º",
            "La cesión será gratuita.",
        ),
        (
            "2° bis L'information du consommateur ;",
            "2° bis",
            "L'information du consommateur ;",
        ),
        ("12 bis\tQuorum", "12 bis", "Quorum"),
        (
            "I. – Les producteurs mettent en place un dispositif.",
            "I.",
            "– Les producteurs mettent en place un dispositif.",
        ),
        ("1bis to promote training;", "1bis", "to promote training;"),
        ("1bis\tto promote training;", "1bis", "to promote training;"),
        (
            "b bis)\tthat satellites complement stations;",
            "b bis)",
            "that satellites complement stations;",
        ),
        (
            "(b bis) that satellites complement stations;",
            "(b bis)",
            "that satellites complement stations;",
        ),
        (
            "3 ter. The Board shall meet.",
            "3 ter.",
            "The Board shall meet.",
        ),
        (
            "I – horta comunitária: área cultivada;",
            "I",
            "– horta comunitária: área cultivada;",
        ),
        ("IV - entidade gestora;", "IV", "- entidade gestora;"),
        (
            "§ 1º A cessão será gratuita.",
            "§ 1º",
            "A cessão será gratuita.",
        ),
        (
            "§ 12. O prazo é de cinco anos.",
            "§ 12.",
            "O prazo é de cinco anos.",
        ),
    ] {
        assert_eq!(split_label(line), Some((label, rest)), "{line:?}");
    }
    for line in [
        "1A The notice must state the place.",
        "A. – see above",
        "3D printing is regulated.",
    ] {
        let label = split_label(line).map(|(l, _)| l);
        assert!(
            label.is_none() || label == Some("A."),
            "{line:?}: {label:?}"
        );
    }
    assert_eq!(
        split_label("2 bisected lines"),
        Some(("2", "bisected lines"))
    );
    assert_eq!(label_key("2° bis"), "2bis");
    for (label, inserted) in [
        ("2° bis", true),
        ("1bis", true),
        ("b bis)", true),
        ("1A", true),
        ("(2a)", true),
        ("2°", false),
        ("12", false),
        ("(b)", false),
        ("§ 1º", false),
    ] {
        assert_eq!(is_inserted_label(label), inserted, "{label:?}");
    }
    assert_eq!(label_key("§ 1º"), "\u{00A7}1");
    assert_eq!(
        split_label("I - see the annex"),
        Some(("I", "- see the annex"))
    );
    assert_eq!(split_label("A – B"), None);
    // A paragraph of an article is never an item of the one before it.
    assert_eq!(
        paths(&[Some("I"), Some("II"), Some("§ 1º"), Some("I"), Some("§ 2º")]),
        ["i", "ii", "\u{00A7}1", "\u{00A7}1/I", "\u{00A7}2"]
    );
    assert_eq!(label_key("1°"), "1");
    assert_eq!(label_key("(1A)"), "1a");
    // An inserted unit stays in its list, between its neighbours.
    assert_eq!(
        paths(&[
            Some("1°"),
            Some("2°"),
            Some("2° bis"),
            Some("3°"),
            Some("a)")
        ]),
        ["1", "2", "2bis", "3", "3/a"]
    );
    assert_eq!(
        paths(&[Some("(1)"), Some("(1A)"), Some("(2)"), Some("(a)")]),
        ["1", "1a", "2", "2/a"]
    );
    assert_eq!(
        paths(&[Some("I."), Some("1°"), Some("II.")]),
        ["i", "i/1", "ii"]
    );
    assert_eq!(
        paths(&[
            Some("a)"),
            Some("b)"),
            Some("b bis)"),
            Some("c)"),
            Some("1)")
        ]),
        ["a", "b", "bbis", "c", "c/1"]
    );
    assert_eq!(
        paths(&[Some("1"), Some("1bis"), Some("2"), Some("a)")]),
        ["1", "1bis", "2", "2/a"]
    );
}

#[test]
fn continental_and_code_headings() {
    // A statute numbering its sections "§ 5" is read as a bill; its
    // divisions above the section are headings too.
    for line in [
        "Abschnitt 2",
        "Teil 1 Allgemeine Vorschriften",
        "Livre V : Prévention des pollutions",
        "Capítulo II",
        "Rule 12 bis",
        "Rule 4. Quorum",
    ] {
        assert!(bill(line).is_some(), "{line:?}");
    }
    assert!(bill("Rule 12 applies to every committee.").is_none());
    // Numbered before the keyword, as Swiss and Austrian statutes do.
    for line in [
        "1. Kapitel: Allgemeine Bestimmungen",
        "2. Abschnitt",
        "3. Teil – Schlussbestimmungen",
    ] {
        let m = bill(line).unwrap_or_else(|| panic!("{line:?}"));
        assert_eq!(m.text, line);
        assert!(act(line).is_some(), "{line:?}");
    }
    for line in [
        "1. Kapitel 3 gilt sinngemäss.",
        "2. Abschnitt 4 ist anzuwenden;",
        "1. Section 5 of the Act is repealed.",
    ] {
        assert!(bill(line).is_none(), "{line:?}");
    }
    assert_eq!(
        section_slug("1. Kapitel: Allgemeine Bestimmungen"),
        "kapitel-1"
    );
    assert_eq!(section_slug("2. Abschnitt"), "abschnitt-2");
    for line in [
        "Explanatory notes",
        "EXPLANATORY MEMORANDUM",
        "Justification",
        "Begründung",
    ] {
        assert!(bill(line).is_some(), "{line:?}");
        assert!(act(line).is_some(), "{line:?}");
    }
    assert!(act("Justification of the amendments is given below.").is_none());
    assert_eq!(section_slug("Explanatory notes"), "explanatory-notes");
    let m = act("Article L. 543-301").unwrap();
    assert_eq!(m.tail, "L. 543-301");
    assert!(act("Article R. 12-4 Le préfet est compétent.").is_some());
    let m = act("Artículo 1.º Objeto.").unwrap();
    assert_eq!(m.text, "Artículo 1.º Objeto.");
    let m = act("Artículo 2.º bis Registro. Los ayuntamientos llevarán un registro.").unwrap();
    assert_eq!(m.text, "Artículo 2.º bis Registro.");
    assert_eq!(
        m.body.as_deref(),
        Some("Los ayuntamientos llevarán un registro.")
    );
    let m = act("Art. 3º A lei entra em vigor na data da sua publicação.").unwrap();
    assert_eq!(m.text, "Art. 3º");
    assert_eq!(section_slug("Article L. 543-301"), "article-l543-301");
    assert_eq!(section_slug("Article L. 543-301-1"), "article-l543-301-1");
    assert_eq!(section_slug("Artículo 1.º Objeto."), "articulo-1");
    assert_eq!(section_slug("Artículo 2.º bis Registro."), "articulo-2bis");
    assert_eq!(section_slug("Art. 3º"), "art-3");
    for (line, slug) in [
        ("Artigo 4.º Cessão", "artigo-4"),
        ("Articolo 12 Definizioni", "articolo-12"),
        ("Capo II", "capo-ii"),
        ("Hoofdstuk 3", "hoofdstuk-3"),
        ("Allegato A", "allegato-a"),
        ("Articolo 2-bis", "articolo-2bis"),
    ] {
        assert!(act(line).is_some(), "{line:?}");
        assert_eq!(section_slug(line), slug);
    }
    assert_eq!(
        detect_tradition(["Articolo 1\nOggetto\nArticolo 2\nDefinizioni\n"]),
        Tradition::Act
    );
    let m = act("Art. 2º-A O Poder Público manterá cadastro das hortas comunitárias.").unwrap();
    assert_eq!(m.text, "Art. 2º-A");
    assert_eq!(
        m.body.as_deref(),
        Some("O Poder Público manterá cadastro das hortas comunitárias.")
    );
    assert_eq!(section_slug("Art. 2º-A"), "art-2a");
    assert_eq!(section_slug("Art. 10-B Cadastro"), "art-10b");
    assert_eq!(section_slug("TITLE XI-GENERAL PROVISIONS"), "title-xi");
    assert_eq!(section_slug("Rule 12 bis"), "rule-12bis");
    assert_eq!(section_slug("Abschnitt 2"), "abschnitt-2");
    assert_eq!(
        section_slug("Livre V : Prévention des pollutions"),
        "livre-v"
    );
}

#[test]
fn chinese_japanese_russian_and_arabic_articles_are_headings() {
    let m = act("第一条 为了加强港口安全管理，制定本条例。").unwrap();
    assert_eq!((m.keyword.as_str(), m.text.as_str()), ("article", "第一条"));
    assert_eq!(
        m.body.as_deref(),
        Some("为了加强港口安全管理，制定本条例。")
    );
    let m = act("第十二条之一").unwrap();
    assert_eq!((m.text.as_str(), m.body), ("第十二条之一", None));
    let m = act("第2条の2　港湾管理者は、点検の結果を公表しなければならない。").unwrap();
    assert_eq!(m.text, "第2条の2");
    assert_eq!(act("第三章 港口安全").unwrap().keyword, "chapter");
    // A number and a unit inside a phrase make no heading.
    assert!(act("第一次会议决定如下。").is_none());
    assert!(act("第一条规定的港口经营人").is_none());
    // Only where the list has articles: a resolution's openers do not.
    assert!(Openers::itu()
        .match_opener("第一条 为了加强管理。")
        .is_none());

    let m = act("Статья 5. Предмет регулирования").unwrap();
    assert_eq!(m.keyword, "статья");
    assert!(act("Глава 2. Лоцманы").is_some());
    assert!(act("المادة 3").is_some());
    assert_eq!(section_slug("Статья 5. Предмет регулирования"), "статья-5");
    assert_eq!(section_slug("Глава II"), "глава-ii");
    assert_eq!(section_slug("المادة 3"), "المادة-3");
    assert_eq!(section_slug("第三条"), "第三条");
    assert_eq!(
        detect_tradition(["第一条 本条例适用于港口。\n第二条 本条例自公布之日起施行。\n"]),
        Tradition::Act
    );
    assert_eq!(
        detect_tradition(["Статья 1. Предмет\nтекст\nСтатья 2. Сфера\nтекст\n"]),
        Tradition::Act
    );
}

#[test]
fn notes_of_a_standard_are_keyed_and_listed_below_their_clause() {
    assert_eq!(label_key("NOTE 2"), "note-2");
    assert_eq!(label_key("EXAMPLE"), "example");
    let paths = label_paths(&[
        Some("3.1"),
        None,
        Some("NOTE 1"),
        Some("NOTE 2"),
        Some("3.2"),
        Some("EXAMPLE"),
    ]);
    let joined: Vec<String> = paths.iter().map(|p| p.join("/")).collect();
    assert_eq!(
        joined,
        ["3.1", "", "3.1/note-1", "3.1/note-2", "3.2", "3.2/example"]
    );
}
