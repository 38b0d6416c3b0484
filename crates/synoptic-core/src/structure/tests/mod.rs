//! Tests of openers, labels, numbering and ids.

// Tests may unwrap: a panic there is a failed test, not a crash.
#![allow(clippy::unwrap_used)]

use super::*;
use crate::lang::Language;

// Bills and acts.
mod legislation;

fn opener(line: &str) -> Option<OpenerMatch> {
    Openers::itu().match_opener(line)
}

#[test]
fn plain_openers_match() {
    for line in [
        "considering",
        "Considering,",
        "recognizing also",
        "recognizing further:",
        "*taking into account*",
        "_bearing in mind_",
        "\tnoting",
        "resolves",
        "RESOLVES",
        "further resolves",
        "resolves further",
        "decides",
        "aware",
        "convinced",
    ] {
        let m = opener(line).unwrap_or_else(|| panic!("{line:?} is an opener"));
        assert!(m.whole_line, "{line:?}");
        assert!(m.tail.is_empty());
    }
    assert_eq!(
        opener("recognizing also").unwrap().keyword,
        "recognizing also"
    );
    assert_eq!(
        opener("further resolves,").unwrap().keyword,
        "further resolves"
    );
}

#[test]
fn openers_with_addressee() {
    let m =
        opener("instructs the Director of the Telecommunication Standardization Bureau").unwrap();
    assert_eq!(m.keyword, "instructs");
    assert!(!m.whole_line);
    assert_eq!(
        m.tail,
        "the Director of the Telecommunication Standardization Bureau"
    );
    let long = "instructs the Director of the Telecommunication Standardization Bureau, in \
                collaboration with the Directors of the Radiocommunication Bureau and the \
                Telecommunication Development Bureau";
    assert_eq!(opener(long).unwrap().keyword, "instructs");
    assert_eq!(
        opener("further instructs the study groups")
            .unwrap()
            .keyword,
        "further instructs"
    );
    assert!(opener("instructs Study Groups,").is_some());
    assert!(opener("invites Member States").is_some());
    assert!(opener("encourages Member States and Sector Members:").is_some());
    assert!(opener("requests the Secretary-General").is_some());
    assert!(opener("urges Member States").is_some());
    assert_eq!(
        opener("resolves further that ITU regional offices")
            .unwrap()
            .keyword,
        "resolves further"
    );
}

#[test]
fn headings_match() {
    assert_eq!(opener("ANNEX").unwrap().keyword, "annex");
    assert_eq!(opener("Annex A").unwrap().tail, "A");
    assert!(opener("Annex to Resolution 44 (Rev. Geneva, 2022)").is_some());
    let m = opener("Programme 1: Strengthening standards-making capabilities").unwrap();
    assert_eq!(m.keyword, "programme");
    assert_eq!(m.label, None);
    let m = opener("I\tProgramme 1: Strengthening standards-making capabilities").unwrap();
    assert_eq!(m.label.as_deref(), Some("I"));
    assert_eq!(
        m.text,
        "Programme 1: Strengthening standards-making capabilities"
    );
    // A programme needs its designator.
    assert!(opener("Programme of work for the next study period").is_none());
}

#[test]
fn paragraphs_are_not_openers() {
    for line in [
        "considering that Resolution 123 (Rev. Dubai, 2018) of the Plenipotentiary \
         Conference instructs the Secretary-General to work closely with the Bureaux;",
        "noting that the gap is still wide;",
        "noting that the gap is wide,",
        "to invite Member States to participate in the work",
        "to instruct the Director of the TSB",
        "invites Member States to participate actively in the work of ITU-T",
        "requests the Secretary-General to bring this resolution to the attention of all",
        "resolves that the action plan annexed to this resolution should be continued",
        "Recognizing the importance of standards for developing countries and their \
         industries, the Assembly agreed",
        "a)\tthat Resolution 123 of the Plenipotentiary Conference",
        "considerations",
        "invitees",
        "",
        "   ",
        "*",
    ] {
        assert!(opener(line).is_none(), "{line:?} is not an opener");
    }
}

#[test]
fn custom_lists() {
    let o = Openers::from_list(["# comment", "", "Whereas", "Article #", "requests ..."]);
    assert_eq!(o.patterns().len(), 3);
    assert!(o.match_opener("whereas").is_some());
    assert!(o.match_opener("Article 5 Scope").is_some());
    assert!(o.match_opener("considering").is_none());
    assert!(Openers::empty().match_opener("considering").is_none());
    assert_eq!(Openers::default(), Openers::itu());
}

#[test]
fn labels_split() {
    let cases = [
        ("a)\tthat Resolution", "a)", "that Resolution"),
        ("(a) that", "(a)", "that"),
        ("b) that", "b)", "that"),
        ("aa)\tthat", "aa)", "that"),
        ("1\tthat", "1", "that"),
        ("12\tto maintain", "12", "to maintain"),
        ("1 that the action plan", "1", "that the action plan"),
        (
            "1 Duty to keep harbour safe",
            "1",
            "Duty to keep harbour safe",
        ),
        ("3 Definitions", "3", "Definitions"),
        ("6.1 General requirements", "6.1", "General requirements"),
        ("A.1 General", "A.1", "General"),
        (
            "NOTE 2 Guidance is given in Annex A.",
            "NOTE 2",
            "Guidance is given in Annex A.",
        ),
        (
            "NOTE This document does not apply.",
            "NOTE",
            "This document does not apply.",
        ),
        ("EXAMPLE 1  Natural rubber.", "EXAMPLE 1", "Natural rubber."),
        ("B.2.3\tExposed berths", "B.2.3", "Exposed berths"),
        ("1.\tthat", "1.", "that"),
        ("1. That", "1.", "That"),
        ("1)\tObjective", "1)", "Objective"),
        ("1.1\tScope", "1.1", "Scope"),
        ("1.1  Scope", "1.1", "Scope"),
        ("i)\tassist", "i)", "assist"),
        ("iii)\tassist", "iii)", "assist"),
        ("(iv) inform", "(iv)", "inform"),
        ("A)\tFirst", "A)", "First"),
        ("I\tProgramme 1", "I", "Programme 1"),
        ("II. Programme 2", "II.", "Programme 2"),
        ("\u{2022}\tTo improve", "\u{2022}", "To improve"),
        ("- item", "-", "item"),
        ("\u{2013} item", "\u{2013}", "item"),
        ("* item", "*", "item"),
        ("a) ", "a)", ""),
        ("  b)\tindented", "b)", "indented"),
    ];
    for (line, label, rest) in cases {
        assert_eq!(split_label(line), Some((label, rest)), "{line:?}");
    }
}

#[test]
fn sentences_are_not_labelled() {
    for line in [
        "I think this is right",
        "2022 was a good year",
        "A new paragraph",
        "A. Smith wrote",
        "12 Member States agreed.",
        "12 Member States agreed to the proposal of the Chair after a long debate",
        "40 Years: a History",
        "12 March 2024",
        "1 Mai 2025",
        "2.5 million people",
        "2.5 Million people were reached.",
        "-5 % growth",
        "*emphasis* here",
        "e.g. this",
        "(see above) the text",
        "(ITU) is",
        "the) thing",
        "that Resolution 123",
        "Hammamet, 2016",
        "a",
        "1",
        "",
        "\u{2022}",
        "Programme 1: x",
        "NOTE",
        "Note that the plan was adopted.",
        "NOTED the report of the Chair.",
    ] {
        assert_eq!(split_label(line), None, "{line:?}");
    }
}

#[test]
fn roman_numerals() {
    assert_eq!(roman_value("iv"), Some(4));
    assert_eq!(roman_value("XIV"), Some(14));
    assert_eq!(roman_value("iiii"), None);
    assert_eq!(roman_value("Iv"), None);
    assert_eq!(roman_value("ic"), None);
    assert_eq!(roman_value(""), None);
}

#[test]
fn keys_and_styles() {
    assert_eq!(label_key("b)"), "b");
    assert_eq!(label_key("(iv)"), "iv");
    assert_eq!(label_key("1."), "1");
    assert_eq!(label_key("1.1"), "1.1");
    assert_eq!(label_key("II."), "ii");
    assert_eq!(label_key("\u{2022}"), "\u{2022}");
    assert_eq!(label_style("a)"), LabelStyle::LowerAlpha);
    assert_eq!(label_style("B)"), LabelStyle::UpperAlpha);
    assert_eq!(label_style("12"), LabelStyle::Arabic);
    assert_eq!(label_style("i)"), LabelStyle::LowerRoman);
    assert_eq!(label_style("iv)"), LabelStyle::LowerRoman);
    assert_eq!(label_style("v)"), LabelStyle::LowerAlpha);
    assert_eq!(label_style("II"), LabelStyle::UpperRoman);
    assert_eq!(label_style("-"), LabelStyle::Bullet);
    assert_eq!(label_style("bc)"), LabelStyle::Other);
    assert_eq!(label_decoration("(a)"), LabelDecoration::Parens);
}

#[test]
fn successors_and_offsets() {
    assert_eq!(label_successor("a)").as_deref(), Some("b)"));
    assert_eq!(label_successor("z)").as_deref(), Some("aa)"));
    assert_eq!(label_successor("aa)").as_deref(), Some("bb)"));
    assert_eq!(label_successor("(iv)").as_deref(), Some("(v)"));
    assert_eq!(label_successor("9").as_deref(), Some("10"));
    assert_eq!(label_successor("1.2").as_deref(), Some("1.3"));
    assert_eq!(label_successor("C.").as_deref(), Some("D."));
    assert_eq!(label_successor("II").as_deref(), Some("III"));
    assert_eq!(label_successor("\u{2022}").as_deref(), Some("\u{2022}"));
    assert_eq!(label_successor("bc)"), None);
    assert_eq!(label_predecessor("c)").as_deref(), Some("b)"));
    assert_eq!(label_predecessor("a)"), None);
    assert_eq!(label_predecessor("1"), None);
    assert_eq!(label_offset("b)", "c)"), Some(1));
    assert_eq!(label_offset("e)", "d)"), Some(-1));
    assert_eq!(label_offset("b)", "(c)"), Some(1));
    assert_eq!(label_offset("h)", "i)"), Some(1));
    assert_eq!(label_offset("iv)", "v)"), Some(1));
    assert_eq!(label_offset("5", "4"), Some(-1));
    assert_eq!(label_offset("a)", "a)"), Some(0));
    assert_eq!(label_offset("a)", "1"), None);
    assert_eq!(label_offset("\u{2022}", "\u{2022}"), None);
    assert!(labels_follow("h)", "i)"));
    assert!(labels_follow("iii)", "iv)"));
    assert!(labels_follow("9", "10"));
    assert!(!labels_follow("a)", "c)"));
}

fn paths(labels: &[Option<&str>]) -> Vec<String> {
    label_paths(labels).iter().map(|p| p.join("/")).collect()
}

#[test]
fn hierarchy_of_numbers_and_romans() {
    assert_eq!(
        paths(&[Some("1"), Some("2"), Some("i)"), Some("ii)"), Some("3")]),
        ["1", "2", "2/i", "2/ii", "3"]
    );
    // i) after h) is a letter, after a) a roman numeral.
    let letters: Vec<Option<&str>> = ["a)", "b)", "c)", "d)", "e)", "f)", "g)", "h)", "i)", "j)"]
        .into_iter()
        .map(Some)
        .collect();
    assert_eq!(paths(&letters)[8], "i");
    assert_eq!(paths(&letters)[9], "j");
    assert_eq!(
        paths(&[Some("a)"), Some("i)"), Some("ii)"), Some("b)")]),
        ["a", "a/i", "a/ii", "b"]
    );
    // v) after iv) is roman; after u) a letter.
    assert_eq!(
        paths(&[Some("1"), Some("iii)"), Some("iv)"), Some("v)")]),
        ["1", "1/iii", "1/iv", "1/v"]
    );
    // A gap (a deleted iv) keeps the level.
    assert_eq!(
        paths(&[Some("a)"), Some("i)"), Some("iii)"), Some("v)")]),
        ["a", "a/i", "a/iii", "a/v"]
    );
}

#[test]
fn hierarchy_with_bullets_and_unlabelled() {
    assert_eq!(
        paths(&[
            Some("1)"),
            Some("\u{2022}"),
            Some("\u{2022}"),
            Some("2)"),
            Some("\u{2022}"),
            None,
            Some("\u{2022}"),
        ]),
        [
            "1",
            "1/bullet-1",
            "1/bullet-2",
            "2",
            "2/bullet-1",
            "",
            "2/bullet-2"
        ]
    );
    assert_eq!(
        paths(&[Some("1"), Some("1.1"), Some("1.2"), Some("2")]),
        ["1", "1/1.1", "1/1.2", "2"]
    );
    assert_eq!(paths(&[None, None]), ["", ""]);
    assert_eq!(paths(&[Some("bc)"), Some("cd)")]), ["bc", "cd"]);
    // Flattened re-lettering stays in its list.
    assert_eq!(
        paths(&[
            Some("a)"),
            Some("b)"),
            Some("bc)"),
            Some("cd)"),
            Some("d)"),
            Some("e)")
        ]),
        ["a", "b", "bc", "cd", "d", "e"]
    );
}

#[test]
fn ids_are_unique() {
    assert_eq!(
        paragraph_ids(&[None, Some("a)"), Some("a)"), None, Some("b)")]),
        ["p1", "a", "a~2", "p4", "b"]
    );
}

#[test]
fn slugs() {
    assert_eq!(section_slug("considering"), "considering");
    assert_eq!(section_slug("*recognizing also*"), "recognizing-also");
    assert_eq!(section_slug("resolves"), "resolves");
    assert_eq!(
        section_slug("instructs the Director of the Telecommunication Standardization Bureau"),
        "instructs-the-director"
    );
    assert_eq!(
        section_slug("further instructs the study groups"),
        "further-instructs-the-study"
    );
    assert_eq!(section_slug("invites the Council"), "invites-the-council");
    assert_eq!(section_slug("ANNEX"), "annex");
    assert_eq!(section_slug("Annex A"), "annex-a");
    assert_eq!(section_slug("Annex to Resolution 44"), "annex");
    assert_eq!(
        section_slug("Programme 1: Strengthening standards-making capabilities"),
        "programme-1"
    );
    assert_eq!(section_slug("I\tProgramme 2: Assisting"), "programme-2");
    assert_eq!(section_slug("considérant"), "considerant");
    assert_eq!(section_slug("учитывая"), "учитывая");
    assert_eq!(section_slug("taking into account,"), "taking-into-account");
    assert_eq!(section_slug(""), "section");
    assert_eq!(section_slug("*"), "section");
}

#[test]
fn openers_in_six_languages() {
    let cases: [(Language, &[&str], &str); 6] = [
        (
            Language::Fr,
            &[
                "considérant",
                "reconnaissant en outre",
                "tenant compte",
                "notant",
                "rappelant",
                "décide",
                "charge le Directeur du Bureau de la normalisation des télécommunications",
                "invite les États Membres",
                "encourage les Membres du Secteur",
            ],
            "invite les États Membres à participer activement aux travaux",
        ),
        (
            Language::Es,
            &[
                "considerando",
                "reconociendo",
                "teniendo en cuenta",
                "observando",
                "recordando",
                "resuelve",
                "encarga al Director de la Oficina de Normalización de las Telecomunicaciones",
                "invita a los Estados Miembros",
                "alienta a los Miembros de Sector",
            ],
            "invita a los Estados Miembros a participar activamente",
        ),
        (
            Language::Ru,
            &[
                "учитывая",
                "Признавая",
                "принимая во внимание",
                "отмечая",
                "напоминая",
                "решает",
                "поручает Директору Бюро стандартизации электросвязи",
                "предлагает Государствам-Членам",
                "призывает Членов Сектора",
            ],
            "предлагает Государствам-Членам принимать активное участие",
        ),
        (
            Language::Ar,
            &[
                "إذ تضع في اعتبارها",
                "وإذ تدرك",
                "وإذ تأخذ في الاعتبار",
                "وإذ تلاحظ",
                "وإذ تشير إلى",
                "تقرر",
                "تكلف مدير مكتب تقييس الاتصالات",
                "تدعو الدول الأعضاء",
                "تشجع أعضاء القطاع",
                // Without hamza, with harakat: compared as keys.
                "اذ تضعُ في اعتبارها",
            ],
            "تدعو الدول الأعضاء إلى المشاركة؛",
        ),
        (
            Language::Zh,
            &[
                "考虑到",
                "认识到",
                "注意到",
                "忆及",
                "做出决议",
                "责成电信标准化局主任",
                "请各成员国",
                "鼓励部门成员：",
            ],
            "请秘书长向理事会报告。",
        ),
        (
            Language::En,
            &[
                "considering",
                "instructs the Director of the Telecommunication Standardization Bureau",
            ],
            "invites Member States to participate actively",
        ),
    ];
    for (language, openers, paragraph) in cases {
        let o = Openers::for_language(language);
        for line in openers {
            assert!(o.match_opener(line).is_some(), "{language:?}: {line:?}");
            assert!(
                Openers::all_languages().match_opener(line).is_some(),
                "{line:?}"
            );
        }
        assert!(o.match_opener(paragraph).is_none(), "{paragraph:?}");
    }
    let m = Openers::for_language(Language::Zh)
        .match_opener("责成电信标准化局主任")
        .unwrap();
    assert_eq!(m.keyword, "责成");
    assert_eq!(m.tail, "电信标准化局主任");
    let m = Openers::for_language(Language::Ar)
        .match_opener("وإذ تدرك كذلك")
        .unwrap();
    assert_eq!(m.keyword, "واذ تدرك كذلك");
    assert_eq!(Openers::for_language(Language::En), Openers::itu());
    // Openers of one language are not those of another.
    assert!(Openers::for_language(Language::Fr)
        .match_opener("considering")
        .is_none());
}

#[test]
fn labels_in_other_scripts() {
    let cases = [
        ("а)\tчто Резолюция", "а)", "что Резолюция"),
        ("(б) что", "(б)", "что"),
        ("أ)\tأن القرار", "أ)", "أن القرار"),
        ("(ب)\tأن", "(ب)", "أن"),
        ("(ج أن", "(ج", "أن"),
        ("هـ)\tأن", "هـ)", "أن"),
        ("١\tأن تترجم", "١", "أن تترجم"),
        ("١٢)\tأن", "١٢)", "أن"),
        ("一、考虑到", "一、", "考虑到"),
        ("十二、总则", "十二、", "总则"),
        ("（一）研究组", "（一）", "研究组"),
        ("(二) 研究组", "(二)", "研究组"),
        ("1）研究组", "1）", "研究组"),
        ("1)研究组", "1)", "研究组"),
        ("a)\t全权代表大会", "a)", "全权代表大会"),
        ("（1）研究组", "（1）", "研究组"),
    ];
    for (line, label, rest) in cases {
        assert_eq!(split_label(line), Some((label, rest)), "{line:?}");
    }
    for line in [
        "Резолюция 154",
        "что а) и б)",
        "أن القرار",
        "٢٠٢٢ كان",
        "一个研究组",
        "研究组（一）",
        "ё)\tтекст",
        "ыы)\tтекст",
    ] {
        assert_eq!(split_label(line), None, "{line:?}");
    }
}

#[test]
fn other_scripts_number_and_nest() {
    assert_eq!(label_style("б)"), LabelStyle::LowerCyrillic);
    assert_eq!(label_style("Б)"), LabelStyle::UpperCyrillic);
    assert_eq!(label_style("ج)"), LabelStyle::ArabicAbjad);
    assert_eq!(label_style("١"), LabelStyle::ArabicIndic);
    assert_eq!(label_style("（三）"), LabelStyle::CjkNumeral);
    assert_eq!(label_successor("а)").as_deref(), Some("б)"));
    assert_eq!(label_successor("и)").as_deref(), Some("к)"));
    assert_eq!(label_successor("أ)").as_deref(), Some("ب)"));
    assert_eq!(label_successor("ب)").as_deref(), Some("ج)"));
    assert_eq!(label_successor("د)").as_deref(), Some("هـ)"));
    assert_eq!(label_successor("(أ").as_deref(), Some("(ب"));
    assert_eq!(label_successor("٩").as_deref(), Some("١٠"));
    assert_eq!(label_successor("九、").as_deref(), Some("十、"));
    assert_eq!(label_successor("（十九）").as_deref(), Some("（二十）"));
    assert_eq!(label_predecessor("二十一、").as_deref(), Some("二十、"));
    assert_eq!(label_with_value("ب)", 3).as_deref(), Some("ج)"));
    assert_eq!(label_with_value("b)", 4).as_deref(), Some("d)"));
    assert_eq!(label_with_value("б)", 3).as_deref(), Some("в)"));
    assert_eq!(label_offset("б)", "в)"), Some(1));
    assert_eq!(label_offset("ب)", "ج)"), Some(1));
    assert_eq!(label_offset("ج)", "د)"), Some(1));
    assert_eq!(label_offset("أ)", "(ب"), Some(1));
    assert_eq!(label_offset("١", "٢"), Some(1));
    // Cyrillic and Latin look-alikes are different lists.
    assert_eq!(label_offset("а)", "b)"), None);
    assert_eq!(label_key("١٢"), "12");
    assert_eq!(label_key("(ب"), "ب");
    assert_eq!(label_key("（一）"), "一");
    assert_eq!(label_key("Б)"), "б");
    assert_eq!(
        paths(&[Some("١"), Some("٢"), Some("أ)"), Some("ب)"), Some("٣")]),
        ["1", "2", "2/أ", "2/ب", "3"]
    );
    assert_eq!(
        paths(&[Some("一、"), Some("（一）"), Some("（二）"), Some("二、")]),
        ["一", "一/一", "一/二", "二"]
    );
    assert_eq!(
        paths(&[Some("а)"), Some("б)"), Some("в)"), Some("г)")]),
        ["а", "б", "в", "г"]
    );
}

#[test]
fn slugs_in_other_scripts() {
    assert_eq!(section_slug("учитывая"), "учитывая");
    assert_eq!(section_slug("принимая во внимание"), "принимая-во-внимание");
    assert_eq!(
        section_slug("поручает Директору Бюро стандартизации электросвязи"),
        "поручает-директору-бюро"
    );
    assert_eq!(section_slug("Признавая далее,"), "признавая-далее");
    assert_eq!(section_slug("настоящей"), "настоящей");
    assert_eq!(section_slug("إذ تضع في اعتبارها"), "تضع-في-اعتبارها");
    assert_eq!(section_slug("وإذ تدرك"), "تدرك");
    assert_eq!(section_slug("إذ تدرك"), "تدرك");
    assert_eq!(section_slug("تقرر"), "تقرر");
    assert_eq!(
        section_slug("تكلف مدير مكتب تقييس الاتصالات"),
        "تكلف-مدير-مكتب"
    );
    assert_eq!(section_slug("وإذ تأخذ في الاعتبار"), "تاخذ-في-الاعتبار");
    assert_eq!(section_slug("考虑到"), "考虑到");
    assert_eq!(
        section_slug("责成电信标准化局主任："),
        "责成电信标准化局主任"
    );
    assert_eq!(section_slug("considérant"), "considerant");
    assert_eq!(
        section_slug("charge le Directeur du Bureau de la normalisation des télécommunications"),
        "charge-le-directeur"
    );
    assert_eq!(
        section_slug("encarga al Director de la Oficina de Normalización"),
        "encarga-al-director"
    );
    assert_eq!(section_slug("décide en outre"), "decide-en-outre");
}

#[test]
fn never_panics_on_odd_input() {
    let o = Openers::itu();
    for line in [
        "\u{0}",
        "(",
        ")",
        "()",
        "(a",
        "a(",
        "é)",
        "ǅ)",
        "\u{2022}\u{2022}",
        "1.",
        "1..2 x",
        ".",
        "(1.1) x",
        "zzzzz)",
        "programme",
        "annex ;",
    ] {
        let _ = o.match_opener(line);
        let _ = split_label(line);
        let _ = section_slug(line);
        let _ = label_successor(line);
        let _ = label_paths(&[Some(line), Some(line)]);
    }
}

proptest::proptest! {
    #[test]
    fn any_line_is_safe(line in "\\PC{0,40}|[a-zA-Z0-9().•\t -]{0,12}") {
        let o = Openers::itu();
        let _ = o.match_opener(&line);
        if let Some((label, rest)) = split_label(&line) {
            proptest::prop_assert!(line.contains(label));
            proptest::prop_assert!(line.ends_with(rest));
            let _ = label_successor(label);
            let _ = label_predecessor(label);
            let _ = label_offset(label, &line);
        }
        let slug = section_slug(&line);
        proptest::prop_assert!(!slug.is_empty());
        let paths = label_paths(&[Some(line.as_str()), None, Some(line.as_str())]);
        proptest::prop_assert_eq!(paths.len(), 3);
    }
}

proptest::proptest! {
    /// The allocation-free key of a line's first word is the key itself
    /// wherever it gives one.
    #[test]
    fn ascii_keyword_word_is_keyword_word(word in "[a-zA-Z0-9,:;()`'.\\-\u{e9}]{0,40}") {
        let mut buffer = [0u8; 32];
        if let Some(key) = openers::ascii_keyword_word(&word, &mut buffer) {
            proptest::prop_assert_eq!(key, openers::keyword_word(&word));
        }
    }
}

/// A first-word filter made from the patterns lets through every line a
/// pattern matches, in each language and tradition.
#[test]
fn first_word_filter_keeps_every_opener() {
    for (openers, lines) in [
        (
            Openers::itu(),
            &[
                "considering",
                "Recognizing also,",
                "instructs the Director of the Bureau",
                "ANNEX 2 to Resolution 44",
            ][..],
        ),
        (
            Openers::for_language(Language::Zh),
            &["考虑到", "责成电信标准化局主任"][..],
        ),
        (
            Openers::for_tradition(Tradition::Bill, None),
            &["SEC. 101. SHORT TITLE.", "TITLE XI—GENERAL PROVISIONS"][..],
        ),
    ] {
        for line in lines {
            assert!(openers.match_opener(line).is_some(), "{line}");
        }
    }
}

proptest::proptest! {
    #[test]
    fn lines_are_the_standard_librarys(text in "[a\\r\\n\\u{e9} ]{0,12}") {
        let ours: Vec<&str> = lines(&text).collect();
        let std: Vec<&str> = text.lines().collect();
        proptest::prop_assert_eq!(ours, std);
    }
}
