use super::numbers::packed;
use super::*;

proptest::proptest! {
    /// Skipping NFKC for text the quick check finds in NFKC agrees
    /// with normalising it.
    #[test]
    fn nfkc_quick_check_agrees(text in "[a-zA-Z éÉßﬁ①ｶ\u{301}\u{2019}дЖ中ـأإ]{0,30}") {
        proptest::prop_assert_eq!(normalize(&text), normalize_chars(text.nfkc()));
    }

    /// The ASCII shortcut of [`normalize`] agrees with the general path.
    #[test]
    fn ascii_normalisation_agrees(text in "[ -~\t\n\x0b\x0c\r]{0,40}") {
        proptest::prop_assert_eq!(normalize_ascii(&text), normalize_chars(text.chars()));
    }
}

#[test]
fn minor_differences_vanish_from_keys() {
    assert_eq!(normalize("ITU-T"), normalize("ITUT"));
    assert_eq!(normalize("e\u{2011}learning"), normalize("elearning"));
    assert_eq!(normalize("\u{201C}Quoted\u{201D}"), normalize("\"quoted\""));
    assert_eq!(
        normalize("Resolution\u{00A0}123"),
        normalize("resolution  123")
    );
    assert_eq!(normalize("  a \n b  "), "a b");
}

#[test]
fn a_narrow_no_break_space_separates_digits_as_a_space_does() {
    // "10 000" typeset with U+202F, as French and SI typography write it,
    // against the same number typed with a plain space.
    let kinds = |text: &str| -> Vec<(TokenKind, String)> {
        tokenize(text)
            .iter()
            .map(|t| (t.kind, normalize(t.text)))
            .collect()
    };
    let narrow = "soit 10\u{202F}000 tonnes, d\u{2019}apr\u{E8}s l\u{2019}article";
    let plain = "soit 10 000 tonnes, d\u{2019}apr\u{E8}s l\u{2019}article";
    assert_eq!(kinds(narrow), kinds(plain));
    assert_eq!(
        tokenize(narrow).iter().map(|t| t.text).collect::<String>(),
        narrow
    );
}

#[test]
fn tokens_keep_every_byte() {
    let text = "that Resolution\u{00A0}123 (Rev. Busan, 2014) of ITU-T \t\n recognizes…";
    let tokens = tokenize(text);
    let joined: String = tokens.iter().map(|t| t.text).collect();
    assert_eq!(joined, text);
    assert!(tokens.iter().any(|t| t.text == "ITU-T" && t.key == "itut"));
    assert!(tokens
        .iter()
        .any(|t| t.kind == TokenKind::Space && t.text == " \t\n "));
}

#[test]
fn word_keys_skip_spaces_and_punctuation() {
    assert_eq!(
        word_keys("a) The ITU-T, e-learning!"),
        vec!["a", "the", "itut", "elearning"]
    );
}

#[test]
fn ascii_fast_path_agrees_with_segmentation() {
    for text in [
        "that Resolution 123 (Rev. Busan, 2014) of the ITU-T's e-learning; 1,000 and 3.5 U.S. -- x",
        "a) don't  stop - 12.5% of [the] 'quoted' \"text\"",
        "",
        "---",
    ] {
        let slow: Vec<String> = tokenize(text)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.key.into_owned())
            .collect();
        assert_eq!(ascii_word_keys(text), slow, "{text}");
    }
}

proptest::proptest! {
    #[test]
    fn ascii_fast_path_matches_any_ascii(text in "[a-cA-C0-2 ,.'\\-;()/:!?\t\"%&*+<=>@^`{|}~#$\\[\\]]{0,40}") {
        let slow: Vec<String> = tokenize(&text)
            .into_iter()
            .filter(|t| t.kind == TokenKind::Word)
            .map(|t| t.key.into_owned())
            .collect();
        proptest::prop_assert_eq!(ascii_word_keys(&text), slow);
    }
}

#[test]
fn arabic_keys_drop_optional_marks_and_variants() {
    // Harakat, shadda, tanwin and tatweel vanish; the text stays as written.
    assert_eq!(normalize("مُتَرْجِمِي"), normalize("مترجمي"));
    assert_eq!(normalize("عادةً"), normalize("عادة"));
    assert_eq!(normalize("الاتـــحاد"), normalize("الاتحاد"));
    // Alef variants, alef maksura, Farsi yeh and keheh.
    for (a, b) in [
        ("أن", "ان"),
        ("إلى", "الي"),
        ("آخر", "اخر"),
        ("ٱلله", "الله"),
    ] {
        assert_eq!(normalize(a), normalize(b), "{a}");
    }
    assert_eq!(normalize("فی"), normalize("في"));
    assert_eq!(normalize("کل"), normalize("كل"));
    // Arabic-Indic digits and punctuation.
    assert_eq!(normalize("٢٠٢٢"), "2022");
    assert_eq!(normalize("۱۲"), "12");
    assert_eq!(normalize("جنيف، ٢٠٢٢؛"), "جنيف, 2022;");
    // Teh marbuta and heh spell different words.
    assert_ne!(normalize("مدرسة"), normalize("مدرسه"));
    let tokens = tokenize("أن تُترجم التوصيات");
    assert_eq!(tokens[2].text, "تُترجم");
    assert_eq!(tokens[2].key, "تترجم");
}

#[test]
fn scripts_are_not_conflated_but_case_folds() {
    // Cyrillic а, е, о, р, с, Т against their Latin look-alikes.
    assert_ne!(normalize("а"), normalize("a"));
    assert_ne!(normalize("МСЭ-Т"), normalize("МСЭ-T"));
    assert_ne!(normalize("сор"), normalize("cop"));
    assert_ne!(normalize("Α"), normalize("A"));
    assert_eq!(normalize("Решает"), normalize("решает"));
    assert_eq!(normalize("ПОРУЧАЕТ"), "поручает");
    assert_eq!(normalize("утверждённые"), normalize("утвержденные"));
    assert_eq!(normalize("Straße"), normalize("STRASSE"));
    assert_eq!(normalize("ΟΔΟΣ"), normalize("οδος"));
    assert_eq!(normalize("ΟΔΟΣ"), normalize("οδοσ"));
}

#[test]
fn cjk_is_compared_per_character() {
    let words: Vec<&str> = tokenize("考虑到ITU-T建议书（TSB），テレビ")
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.text)
        .collect();
    assert_eq!(
        words,
        ["考", "虑", "到", "ITU-T", "建", "议", "书", "TSB", "テ", "レ", "ビ"]
    );
    assert_eq!(word_keys("六个月内"), ["六", "个", "月", "内"]);
    // Full-width forms meet their ASCII spelling in keys.
    assert_eq!(normalize("（TSB），"), normalize("(tsb),"));
    let text = "a)\t世界电信标准化全会（2022年，日内瓦），";
    let joined: String = tokenize(text).iter().map(|t| t.text).collect();
    assert_eq!(joined, text);
}

#[test]
fn english_terms_inside_arabic_and_chinese() {
    let ar = tokenize("أن ينشر مكتب تقييس الاتصالات (TSB) النصوص");
    assert!(ar.iter().any(|t| t.text == "TSB" && t.key == "tsb"));
    assert_eq!(
        ar.iter().map(|t| t.text).collect::<String>(),
        "أن ينشر مكتب تقييس الاتصالات (TSB) النصوص"
    );
    assert_eq!(
        word_keys("向电信标准化顾问组（TSAG）报告"),
        ["向", "电", "信", "标", "准", "化", "顾", "问", "组", "tsag", "报", "告"]
    );
}

/// The general segmentation, for comparing the fast path with.
fn slow_tokenize(text: &str) -> Vec<(String, String, TokenKind)> {
    assemble(text, text.split_word_bound_indices().collect())
        .into_iter()
        .map(|t| (t.text.to_string(), t.key.into_owned(), t.kind))
        .collect()
}

#[test]
fn fast_segmentation_matches_uax29_on_typical_text() {
    for text in [
        "WHEN we look to the individuals \u{2014} don\u{2019}t they differ? \u{201C}Yes,\u{201D} 3.5\u{2013}4.",
        "Caf\u{e9} d\u{e9}j\u{e0}-vu, na\u{ef}ve\u{a0}co\u{f6}peration; U.S.A. 1,000;2 a:b",
        "l\u{2018}homme l\u{2019}\u{e9}t\u{e9}\u{2026} \u{ab}guillemets\u{bb} \u{2030}",
    ] {
        assert!(simple_bounds(text).is_some(), "{text}");
        let fast: Vec<(String, String, TokenKind)> = tokenize(text)
            .into_iter()
            .map(|t| (t.text.to_string(), t.key.into_owned(), t.kind))
            .collect();
        assert_eq!(fast, slow_tokenize(text), "{text}");
    }
}

proptest::proptest! {
    #[test]
    fn fast_segmentation_matches_uax29(
        text in "[a-cA-C0-2 ,.:;'\\-\u{e9}\u{f1}\u{c9}\u{a0}\u{2019}\u{2018}\u{2014}\u{2013}\u{2026}\u{ab}\u{bb}\u{201c}\u{80}\u{94}\u{85}\u{a6}\u{b6}\u{b0}\u{e6}!?\n\t]{0,40}"
    ) {
        let fast: Vec<(String, String, TokenKind)> = tokenize(&text)
            .into_iter()
            .map(|t| (t.text.to_string(), t.key.into_owned(), t.kind))
            .collect();
        proptest::prop_assert_eq!(fast, slow_tokenize(&text));
    }
}

fn triples(tokens: Vec<Token<'_>>) -> Vec<(String, String, TokenKind)> {
    tokens
        .into_iter()
        .map(|t| (t.text.to_string(), t.key.into_owned(), t.kind))
        .collect()
}

proptest::proptest! {
    /// The one-pass tokenizer gives what the pieces of the general
    /// fast path give, on any ASCII but the underscore and on Latin
    /// letters, dashes, quotes and Latin-1 symbols.
    #[test]
    fn one_pass_tokenizer_matches_simple_bounds(
        text in "[ -^`-~\t\n\x0b\x0c\r\x01\x1f\u{e9}\u{c9}\u{a0}\u{85}\u{2019}\u{2018}\u{2010}\u{2014}\u{2026}\u{80}\u{b6}]{0,40}"
    ) {
        let general = assemble(&text, simple_bounds(&text).unwrap_or_default());
        proptest::prop_assert_eq!(triples(tokenize_simple(&text)), triples(general));
    }

    /// The ASCII tokenizer gives what the one-pass tokenizer gives.
    #[test]
    fn ascii_tokenizer_matches_one_pass(text in "[ -^`-~\\t\\n\\x0b\\x0c\\r\\x01\\x1f]{0,40}") {
        proptest::prop_assert_eq!(triples(tokenize_ascii(&text)), triples(tokenize_simple(&text)));
    }

    /// ... and what UAX #29 gives on words, numbers and punctuation.
    #[test]
    fn one_pass_tokenizer_matches_uax29(text in "[a-cA-C0-2 ,.:;'\\-!?()\t\n]{0,40}") {
        proptest::prop_assert_eq!(triples(tokenize(&text)), slow_tokenize(&text));
    }
}

proptest::proptest! {
    /// Normalising from the tokens gives what normalising the text does.
    #[test]
    fn normalized_from_tokens_matches_normalize(
        text in "[a-cA-C0-2 ,.:;'\\-_!?()\t\n\u{a0}\u{ad}\u{2010}\u{2014}\u{200b}\u{e9}\u{c9}\u{301}\u{df}\u{fb01}\u{bc}\u{2019}\u{201c}\u{627}\u{644}\u{64e}\u{640}\u{661}\u{4e2d}\u{6587}\u{30ab}\u{ff76}\u{3000}\u{436}\u{451}\u{3c2}`]{0,40}"
    ) {
        proptest::prop_assert_eq!(normalized_from_tokens(&text, &tokenize(&text)), normalize(&text));
    }

    /// A token's key is its text normalised.
    #[test]
    fn key_of_is_normalize(text in "[a-cA-C0-2,.'`\\-!()\u{e9}\u{c9} ]{1,12}") {
        proptest::prop_assert_eq!(key_of(&text).into_owned(), normalize(&text));
    }

    /// The byte-wise test of simple text agrees with the test of each
    /// character.
    #[test]
    fn all_simple_is_every_character_simple(
        text in "[a-zA-Z0-9 _,.\u{e9}\u{a0}\u{2014}\u{301}\u{4e2d}\u{80}]{0,40}"
    ) {
        proptest::prop_assert_eq!(all_simple(&text), text.chars().all(is_simple));
    }

    /// Keys get equal numbers exactly when they are equal, however
    /// long (short keys are numbered by a packed integer).
    #[test]
    fn key_numbers_tell_keys_apart(
        words in proptest::collection::vec("[ab\u{0}\u{e9}]{0,9}", 0..30)
    ) {
        let text = words.join(" ");
        let tokens = tokenize(&text);
        let mut numbers = KeyNumbers::default();
        let keys = numbers.number(&tokens);
        for (i, a) in tokens.iter().enumerate() {
            proptest::prop_assert_eq!(numbers.get(&a.key), Some(keys[i]));
            proptest::prop_assert_eq!(numbers.key(keys[i]), &*a.key);
            for (j, b) in tokens.iter().enumerate() {
                proptest::prop_assert_eq!(keys[i] == keys[j], a.key == b.key);
            }
        }
    }

    /// ... on any text at all.
    #[test]
    fn normalized_from_tokens_matches_normalize_anywhere(text in "\\PC{0,30}") {
        proptest::prop_assert_eq!(normalized_from_tokens(&text, &tokenize(&text)), normalize(&text));
    }
}

#[test]
fn packed_keys_differ_in_length() {
    assert_ne!(packed("ab"), packed("ab\u{0}"));
    assert_ne!(packed(""), packed("\u{0}"));
    assert_eq!(packed("abcdefg").map(|p| p >> 56), Some(7));
    assert_eq!(packed("abcdefgh"), None);
}

#[test]
fn dash_between_spaces_is_punctuation() {
    let tokens = tokenize("one - two");
    assert_eq!(tokens.len(), 5);
    assert_eq!(tokens[2].kind, TokenKind::Punct);
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// The tokens of a text are the tokens of its pieces, one after the
    /// other, whatever the script, the marks and the white space.
    #[test]
    fn pieces_tokenise_as_the_whole(
        text in "([a-zA-Z0-9]{1,6}|[ \t\n\r\u{a0}]{1,2}|[,.:;'\u{2019}\\-_!?()\"]|[éÉßﬁ①ｶдЖ中ـأ\u{301}\u{200d}\u{2014}]){0,60}",
    ) {
        let whole = triples(tokenize(&text));
        let mut joined = Vec::new();
        let mut end = 0;
        for (lo, hi) in pieces(&text) {
            proptest::prop_assert_eq!(lo, end);
            joined.extend(triples(tokenize(&text[lo..hi])));
            end = hi;
        }
        proptest::prop_assert_eq!(end, text.len());
        proptest::prop_assert_eq!(joined, whole);
    }
}

#[test]
fn pieces_are_cut_alike_in_texts_that_share_a_passage() {
    let shared = "the harbour master shall report to the port authority, on every vessel \
                  that enters the harbour; after the annual fee is due, and the fee. The \
                  master, or a deputy, shall keep the register";
    let one = format!("Before the bylaw, {shared} doubles.");
    let other = format!("Under the bylaw as amended in 2024 {shared} is waived.");
    let cut = |text: &str| -> Vec<String> {
        pieces(text)
            .iter()
            .map(|&(lo, hi)| text[lo..hi].to_string())
            .collect()
    };
    let (a, b) = (cut(&one), cut(&other));
    assert!(a.len() > 3, "{a:?}");
    let common = a.iter().filter(|p| b.contains(p)).count();
    assert!(common + 3 >= a.len(), "{a:?} / {b:?}");
}

/// A dash before white space that carries a mark (UAX #29 attaches an
/// Arabic fatha to a tab) glues nothing: the space between the words
/// stays in the key, as normalising the text keeps it.
#[test]
fn a_dash_does_not_glue_a_word_to_marked_white_space() {
    let text = "a-\t\u{64e}b";
    let tokens = tokenize(text);
    assert!(tokens.iter().all(|t| t.text != "a-\t\u{64e}"), "{tokens:?}");
    assert_eq!(normalized_from_tokens(text, &tokens), normalize(text));
    assert_eq!(normalize(text), "a b");
}
