//! The tables of structure patterns, in one place: the section openers of
//! ITU and UN resolutions, one table per language, and the headings of
//! bills and of acts; which table a run reads with ([`Tradition`]) is
//! chosen by the user or by [`detect_tradition`].

#[allow(unused_imports)]
use super::*;

use std::sync::OnceLock;

use crate::lang::Language;

/// The openers of ITU and UN resolutions, in the syntax of
/// [`Openers::from_list`].
pub const ITU_OPENERS: &[&str] = &[
    // Preambular openers: a short tail ("noting with concern") at most.
    "considering",
    "considering also",
    "considering further",
    "further considering",
    "recognizing",
    "recognizing also",
    "recognizing further",
    "further recognizing",
    "recognising",
    "recognising also",
    "recognising further",
    "taking into account",
    "taking into account also",
    "taking into account further",
    "further taking into account",
    "bearing in mind",
    "bearing in mind also",
    "noting",
    "noting also",
    "noting further",
    "further noting",
    "recalling",
    "recalling also",
    "recalling further",
    "further recalling",
    "emphasizing",
    "emphasizing also",
    "emphasizing further",
    "emphasising",
    "aware",
    "aware also",
    "further aware",
    "convinced",
    "convinced also",
    "observing",
    "acknowledging",
    "acknowledging also",
    "mindful",
    "welcoming",
    "concerned",
    "having regard",
    // Operative openers without an addressee.
    "resolves",
    "resolves also",
    "resolves further",
    "further resolves",
    "decides",
    "decides also",
    "decides further",
    "further decides",
    // Operative openers naming whom they address.
    "resolves to instruct ...",
    "resolves to invite ...",
    "resolves to request ...",
    "decides to instruct ...",
    "instructs ...",
    "instructs also ...",
    "instructs further ...",
    "further instructs ...",
    "invites ...",
    "invites also ...",
    "invites further ...",
    "further invites ...",
    "encourages ...",
    "encourages also ...",
    "further encourages ...",
    "requests ...",
    "further requests ...",
    "urges ...",
    "calls upon ...",
    "appeals to ...",
    // Headings of annexes and their parts.
    "annex *",
    "appendix *",
    "attachment *",
    "programme #",
    "program #",
];

/// The openers of French ITU and UN resolutions (the Assembly is feminine:
/// "consciente", "convaincue").
pub const FR_OPENERS: &[&str] = &[
    "considérant",
    "considérant également",
    "considérant en outre",
    "considérant aussi",
    "reconnaissant",
    "reconnaissant également",
    "reconnaissant en outre",
    "reconnaissant aussi",
    "tenant compte",
    "tenant compte également",
    "tenant compte en outre",
    "ayant à l'esprit",
    "gardant à l'esprit",
    "notant",
    "notant également",
    "notant en outre",
    "prenant note",
    "rappelant",
    "rappelant également",
    "rappelant en outre",
    "soulignant",
    "soulignant également",
    "consciente",
    "consciente également",
    "conscient",
    "convaincue",
    "convaincu",
    "observant",
    "préoccupée",
    "accueillant avec satisfaction",
    "se félicitant",
    "vu",
    "décide",
    "décide également",
    "décide en outre",
    "décide aussi",
    "décide de charger ...",
    "décide d'inviter ...",
    "charge ...",
    "charge également ...",
    "charge en outre ...",
    "invite ...",
    "invite également ...",
    "invite en outre ...",
    "encourage ...",
    "encourage également ...",
    "prie ...",
    "demande ...",
    "exhorte ...",
    "lance un appel ...",
    "annexe *",
    "appendice *",
    "pièce jointe *",
    "programme #",
];

/// The openers of Spanish ITU and UN resolutions.
pub const ES_OPENERS: &[&str] = &[
    "considerando",
    "considerando además",
    "considerando asimismo",
    "considerando también",
    "reconociendo",
    "reconociendo además",
    "reconociendo asimismo",
    "reconociendo también",
    "teniendo en cuenta",
    "teniendo en cuenta además",
    "teniendo en cuenta asimismo",
    "teniendo presente",
    "observando",
    "observando además",
    "observando asimismo",
    "tomando nota",
    "recordando",
    "recordando además",
    "recordando asimismo",
    "destacando",
    "subrayando",
    "consciente",
    "convencida",
    "convencido",
    "preocupada",
    "acogiendo con satisfacción",
    "visto",
    "resuelve",
    "resuelve además",
    "resuelve asimismo",
    "resuelve también",
    "decide",
    "decide además",
    "resuelve encargar ...",
    "resuelve invitar ...",
    "encarga ...",
    "encarga además ...",
    "encarga asimismo ...",
    "invita ...",
    "invita además ...",
    "invita asimismo ...",
    "alienta ...",
    "alienta además ...",
    "pide ...",
    "solicita ...",
    "insta ...",
    "exhorta ...",
    "anexo *",
    "apéndice *",
    "adjunto *",
    "programa #",
];

/// The openers of Russian ITU and UN resolutions.
pub const RU_OPENERS: &[&str] = &[
    "учитывая",
    "учитывая также",
    "учитывая далее",
    "признавая",
    "признавая также",
    "признавая далее",
    "принимая во внимание",
    "принимая во внимание также",
    "принимая во внимание далее",
    "имея в виду",
    "отмечая",
    "отмечая также",
    "отмечая далее",
    "напоминая",
    "напоминая также",
    "ссылаясь на",
    "подчеркивая",
    "подчеркивая также",
    "сознавая",
    "будучи убеждена",
    "будучи убежден",
    "будучи обеспокоена",
    "приветствуя",
    "решает",
    "решает также",
    "решает далее",
    "постановляет",
    "решает поручить ...",
    "решает предложить ...",
    "поручает ...",
    "поручает также ...",
    "поручает далее ...",
    "предлагает ...",
    "предлагает также ...",
    "призывает ...",
    "призывает также ...",
    "настоятельно призывает ...",
    "рекомендует ...",
    "просит ...",
    "приложение *",
    "дополнение *",
    "программа #",
];

/// The openers of Arabic ITU and UN resolutions, with and without the
/// conjunction و ("and") that joins the second and later preambular
/// openers, in the feminine (the Assembly, الجمعية) and the masculine (the
/// Conference, المؤتمر). Hamza and harakat are ignored in matching.
pub const AR_OPENERS: &[&str] = &[
    "إذ تضع في اعتبارها",
    "وإذ تضع في اعتبارها",
    "وإذ تضع في اعتبارها كذلك",
    "وإذ تضع في اعتبارها أيضاً",
    "إذ يضع في اعتباره",
    "وإذ يضع في اعتباره",
    "إذ تدرك",
    "وإذ تدرك",
    "وإذ تدرك كذلك",
    "وإذ تدرك أيضاً",
    "إذ يدرك",
    "وإذ يدرك",
    "إذ تعترف",
    "وإذ تعترف",
    "وإذ تعترف كذلك",
    "وإذ تعترف أيضاً",
    "إذ تأخذ في الاعتبار",
    "وإذ تأخذ في الاعتبار",
    "وإذ تأخذ في الاعتبار كذلك",
    "وإذ تأخذ في اعتبارها",
    "وإذ يأخذ في الاعتبار",
    "إذ تضع في حسبانها",
    "وإذ تضع في حسبانها",
    "إذ تلاحظ",
    "وإذ تلاحظ",
    "وإذ تلاحظ كذلك",
    "وإذ تلاحظ أيضاً",
    "وإذ يلاحظ",
    "إذ تشير إلى",
    "وإذ تشير إلى",
    "وإذ تشير كذلك إلى",
    "وإذ يشير إلى",
    "وإذ تذكر",
    "وإذ تستذكر",
    "وإذ تؤكد",
    "وإذ تعي",
    "واقتناعاً منها",
    "وإذ ترحب",
    "وإذ يساورها القلق",
    "تقرر",
    "تقرر كذلك",
    "تقرر أيضاً",
    "يقرر",
    "يقرر كذلك",
    "تقرر أن تكلف ...",
    "تكلف ...",
    "تكلف كذلك ...",
    "تكلف أيضاً ...",
    "يكلف ...",
    "تدعو ...",
    "تدعو كذلك ...",
    "يدعو ...",
    "تشجع ...",
    "تشجع كذلك ...",
    "يشجع ...",
    "تطلب ...",
    "تحث ...",
    "تناشد ...",
    "الملحق *",
    "ملحق *",
    "التذييل *",
    "البرنامج #",
];

/// The openers of Chinese ITU and UN resolutions. Chinese writes no space
/// after an opener's keyword, so a keyword also matches the start of a
/// longer word ("责成" in "责成电信标准化局主任").
pub const ZH_OPENERS: &[&str] = &[
    "考虑到",
    "还考虑到",
    "进一步考虑到",
    "认识到",
    "还认识到",
    "进一步认识到",
    "注意到",
    "还注意到",
    "进一步注意到",
    "忆及",
    "还忆及",
    "铭记",
    "强调",
    "意识到",
    "确信",
    "欢迎",
    "关切地注意到",
    "做出决议",
    "进一步做出决议",
    "还做出决议",
    "决定",
    "责成 ...",
    "进一步责成 ...",
    "还责成 ...",
    "请 ...",
    "进一步请 ...",
    "鼓励 ...",
    "要求 ...",
    "敦促 ...",
    "呼吁 ...",
    "附件 *",
    "附录 *",
];

/// The opener list of a language.
pub(super) fn opener_list(language: Language) -> &'static [&'static str] {
    match language {
        Language::En => ITU_OPENERS,
        Language::Fr => FR_OPENERS,
        Language::Es => ES_OPENERS,
        Language::Ru => RU_OPENERS,
        Language::Ar => AR_OPENERS,
        Language::Zh => ZH_OPENERS,
    }
}

/// The drafting tradition a text follows, which decides the table of
/// structure patterns its sections are read with.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Tradition {
    /// Resolutions of ITU and the UN: openers such as *considering*,
    /// *resolves*, *instructs ...*, annexes and programmes, in six languages.
    #[default]
    Itu,
    /// Bills and statutes: `DIVISION A`, `TITLE I`, `Subtitle B`, `PART 3`,
    /// `CHAPTER 2`, `SEC. 101.`, `Section 1.`, `§ 5.` ([`BILL_HEADINGS`]).
    Bill,
    /// Acts and regulations: `Whereas:` and its recitals, `TITLE I`,
    /// `CHAPTER II`, `SECTION 1`, `Article 5`, annexes ([`ACT_HEADINGS`]).
    Act,
    /// No openers: every paragraph of plain text belongs to the preamble
    /// (a Markdown heading still starts a section).
    None,
}

impl Tradition {
    /// Every tradition, in the order `--structure` lists them.
    pub const ALL: [Tradition; 4] = [
        Tradition::Itu,
        Tradition::Bill,
        Tradition::Act,
        Tradition::None,
    ];

    /// The tradition's name as the command line writes it (`itu`, `bill`,
    /// `act`, `none`).
    pub fn name(self) -> &'static str {
        match self {
            Tradition::Itu => "itu",
            Tradition::Bill => "bill",
            Tradition::Act => "act",
            Tradition::None => "none",
        }
    }
}

/// The headings of bills and statutes, in the syntax of
/// [`Openers::from_list`]: each takes a designator and an optional caption
/// ("SEC. 101. SHORT TITLE.", "TITLE XI—GENERAL PROVISIONS").
pub const BILL_HEADINGS: &[&str] = &[
    "division ##",
    "subdivision ##",
    "title ##",
    "subtitle ##",
    "part ##",
    "subpart ##",
    "chapter ##",
    "subchapter ##",
    "sec. ##",
    "section ##",
    "§ ##",
    "schedule ##",
    // Rules of procedure ("Rule 12 bis").
    "rule ##",
    "regla ##",
    "règle ##",
    "regel ##",
    // The units above the section of continental statutes and codes, which
    // number their sections "§ 5" ("Abschnitt 2", "Livre V", "Capítulo I").
    "buch ##",
    "teil ##",
    "kapitel ##",
    "abschnitt ##",
    "unterabschnitt ##",
    "titel ##",
    "livre ##",
    "titre ##",
    "chapitre ##",
    "libro ##",
    "título ##",
    "capítulo ##",
    "sección ##",
];

/// The headings of the explanations a proposal carries before or after its
/// text (explanatory notes, memorandum, justification), which bills and
/// acts alike read as a section of their own, not as paragraphs of the
/// last article or schedule.
pub const EXPLANATION_HEADINGS: &[&str] = &[
    "explanatory memorandum",
    "explanatory notes",
    "explanatory note",
    "explanatory statement",
    "justification",
    "exposé des motifs",
    "exposición de motivos",
    "begründung",
];

/// The headings of acts and regulations, in the syntax of
/// [`Openers::from_list`]: the recitals' opener ("Whereas:"), the enacting
/// formula that ends them, and units with a designator and an optional
/// caption ("Article 5", "CHAPTER II — DEFINITIONS"), in English, French,
/// Spanish, German, Portuguese, Italian, Dutch, Russian and Arabic.
pub const ACT_HEADINGS: &[&str] = &[
    "whereas",
    "have adopted this regulation",
    "have adopted this directive",
    "have adopted this decision",
    "has adopted this regulation",
    "has adopted this directive",
    "has adopted this decision",
    "part ##",
    "title ##",
    "chapter ##",
    "section ##",
    "subsection ##",
    "article ##",
    "art. ##",
    "schedule ##",
    "annex *",
    "considérant ce qui suit",
    "ont adopté le présent règlement",
    "a adopté le présent règlement",
    "titre ##",
    "chapitre ##",
    "annexe *",
    "considerando lo siguiente",
    "han adoptado el presente reglamento",
    "título ##",
    "capítulo ##",
    "sección ##",
    "artículo ##",
    "anexo *",
    "in erwägung nachstehender gründe",
    "titel ##",
    "kapitel ##",
    "abschnitt ##",
    "artikel ##",
    "anhang *",
    // Portuguese, Italian and Dutch.
    "artigo ##",
    "secção ##",
    "articolo ##",
    "capo ##",
    "titolo ##",
    "sezione ##",
    "allegato *",
    "hoofdstuk ##",
    "afdeling ##",
    "bijlage *",
    "livre ##",
    "libro ##",
    "buch ##",
    "teil ##",
    "unterabschnitt ##",
    "rule ##",
    "regla ##",
    "règle ##",
    "regel ##",
    // Russian and Arabic.
    "статья ##",
    "глава ##",
    "раздел ##",
    "приложение *",
    "المادة ##",
    "مادة ##",
    "الفصل ##",
    "الباب ##",
];

impl Openers {
    /// The structure patterns of `tradition`: for [`Tradition::Itu`] the
    /// openers of `language`, or of all six languages when it is unknown;
    /// [`BILL_HEADINGS`] or [`ACT_HEADINGS`], each with the
    /// [`EXPLANATION_HEADINGS`], or none at all.
    pub fn for_tradition(tradition: Tradition, language: Option<Language>) -> Self {
        static BILL: OnceLock<Openers> = OnceLock::new();
        static ACT: OnceLock<Openers> = OnceLock::new();
        match tradition {
            Tradition::Itu => language.map_or_else(Openers::all_languages, Openers::for_language),
            Tradition::Bill => BILL
                .get_or_init(|| {
                    Openers::from_list(BILL_HEADINGS.iter().chain(EXPLANATION_HEADINGS))
                })
                .clone(),
            Tradition::Act => ACT
                .get_or_init(|| Openers::from_list(ACT_HEADINGS.iter().chain(EXPLANATION_HEADINGS)))
                .clone(),
            Tradition::None => Openers::empty(),
        }
    }
}

/// Keywords only bills use as headings.
const BILL_ONLY: &[&str] = &[
    "sec.",
    "§",
    "division",
    "subdivision",
    "subtitle",
    "subchapter",
];

/// Keywords only acts use as headings.
const ACT_ONLY: &[&str] = &[
    "whereas",
    "article",
    "art.",
    "artículo",
    "artikel",
    "artigo",
    "articolo",
    "статья",
    "المادة",
    "مادة",
];

/// The tradition texts are written in, from the headings their lines
/// match: a bill or an act when at least two lines read as its headings
/// and more than read as resolution openers; a resolution otherwise. The
/// texts are the versions of one synopsis, judged together so that they
/// are read alike. Bills and acts share `TITLE`, `CHAPTER` and `Section`:
/// `SEC.`, `DIVISION` or `Subtitle` say bill, `Article` and `Whereas` act.
pub fn detect_tradition<'a>(texts: impl IntoIterator<Item = &'a str>) -> Tradition {
    let texts: Vec<&str> = texts.into_iter().collect();
    TraditionCounts::of_texts(&texts).tradition()
}

/// The headings of each tradition that texts' lines read as: what
/// [`detect_tradition`] weighs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TraditionCounts {
    itu: usize,
    bill: usize,
    act: usize,
    only_bill: usize,
    only_act: usize,
    /// Lines opened by "§", which head a bill's sections but number the
    /// paragraphs of an act's articles ("Art. 2" / "§ 1 The association
    /// ..."): a bill's sign only where no article says act.
    section_signs: usize,
}

impl TraditionCounts {
    /// The counts of texts together, over the first 2,000 lines of each. A
    /// line met in several texts (the versions of one text share most of
    /// theirs) is matched once and counted as often as it is met; many
    /// distinct lines are matched on all threads.
    pub fn of_texts(texts: &[&str]) -> Self {
        // Each distinct line, in the order first met, with how often.
        let mut lines: Vec<(&str, usize)> = Vec::new();
        let mut index: rustc_hash::FxHashMap<&str, usize> = Default::default();
        for text in texts {
            for line in super::lines(text).take(2_000) {
                if line.trim().is_empty() {
                    continue;
                }
                let at = *index.entry(line).or_insert_with(|| {
                    lines.push((line, 0));
                    lines.len() - 1
                });
                if let Some((_, n)) = lines.get_mut(at) {
                    *n += 1;
                }
            }
        }
        static ITU: OnceLock<Openers> = OnceLock::new();
        let itu = ITU.get_or_init(Openers::all_languages);
        let bill = Openers::for_tradition(Tradition::Bill, None);
        let act = Openers::for_tradition(Tradition::Act, None);
        let bytes: usize = lines.iter().map(|(line, _)| line.len()).sum();
        let counts = crate::par::map(
            bytes >= crate::par::MIN_PARALLEL_BYTES,
            &lines,
            |(line, n)| {
                // The line's first words are worked out once for the three lists.
                let start = LineStart::new(line);
                let mut counts = TraditionCounts::default();
                if itu.match_line(&start).is_some() {
                    counts.itu += n;
                }
                if let Some(m) = bill.match_line(&start) {
                    counts.bill += n;
                    if m.keyword == "\u{00A7}" {
                        counts.section_signs += n;
                    } else if BILL_ONLY.contains(&m.keyword.as_str()) {
                        counts.only_bill += n;
                    }
                }
                if let Some(m) = act.match_line(&start) {
                    counts.act += n;
                    if ACT_ONLY.contains(&m.keyword.as_str()) {
                        counts.only_act += n;
                    }
                }
                counts
            },
        );
        counts
            .into_iter()
            .fold(TraditionCounts::default(), |a, b| a + b)
    }

    /// The tradition these counts say.
    pub fn tradition(&self) -> Tradition {
        let legislative = self.bill.max(self.act);
        if legislative < 2 || legislative <= self.itu {
            return Tradition::Itu;
        }
        let only_bill = if self.only_act > 0 {
            self.only_bill
        } else {
            self.only_bill + self.section_signs
        };
        if self.only_act > only_bill || (self.only_act == only_bill && self.act > self.bill) {
            Tradition::Act
        } else {
            Tradition::Bill
        }
    }
}

/// The counts of two sets of texts together.
impl std::ops::Add for TraditionCounts {
    type Output = Self;

    fn add(self, other: Self) -> Self {
        TraditionCounts {
            itu: self.itu + other.itu,
            bill: self.bill + other.bill,
            act: self.act + other.act,
            only_bill: self.only_bill + other.only_bill,
            only_act: self.only_act + other.only_act,
            section_signs: self.section_signs + other.section_signs,
        }
    }
}
