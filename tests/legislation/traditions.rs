//! Statutes of other drafting traditions than the US bill and the EU act:
//! a French code, a Spanish law, a German statute and a Westminster act,
//! each with the insertions their drafters number `bis`, `2a` or `1A`.
//! The documents are made up.

use std::fs;

use super::{compare_json, ids, statuses, temp_dir};

/// Compares `base` with `proposal` and checks the status of the proposal's
/// cell in each of `expect`'s rows.
fn check(base: &str, proposal: &str, expect: &[(&str, &str)]) -> Vec<String> {
    let dir = temp_dir();
    fs::write(dir.path().join("base.txt"), base).expect("write");
    fs::write(dir.path().join("proposal.txt"), proposal).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "base.txt", "proposal.txt"]);
    let rows = statuses(&json);
    for (id, status) in expect {
        assert_eq!(
            rows.get(*id).map(String::as_str),
            Some(*status),
            "{id} in {rows:?}"
        );
    }
    ids(&json)
}

#[test]
fn a_french_code_names_its_articles_points_and_ordinals() {
    let base = "\
Code de l'environnement
Livre V : Prévention des pollutions
Chapitre III : Emballages réutilisables
Article L. 543-301
I. – Les producteurs d'emballages réutilisables mettent en place un dispositif de consigne.
II. – Le dispositif de consigne comprend :
1° La reprise gratuite des emballages vides ;
2° Le remboursement de la consigne au consommateur ;
3° Le lavage des emballages en vue de leur réemploi.
III. – Un décret précise les modalités d'application du présent article.
Article L. 543-302
Les distributeurs d'une surface de vente supérieure à 400 mètres carrés reprennent les emballages consignés.
";
    let proposal = base
        .replace(
            "2° Le remboursement de la consigne au consommateur ;\n",
            "2° Le remboursement de la consigne au consommateur ;\n\
             2° bis L'information du consommateur sur les points de reprise ;\n",
        )
        .replace(
            "III. – Un décret",
            "III. – Les emballages consignés portent un marquage distinctif.\nIV. – Un décret",
        )
        .replace(
            "Article L. 543-302\n",
            "Article L. 543-301-1\n\
             Les collectivités territoriales peuvent participer au dispositif de consigne.\n\
             Article L. 543-302\n",
        );
    let ids = check(
        base,
        &proposal,
        &[
            ("livre-v", "unchanged"),
            ("chapitre-iii", "unchanged"),
            ("article-l543-301/i", "unchanged"),
            ("article-l543-301/ii/1", "unchanged"),
            ("article-l543-301/ii/2", "unchanged"),
            // Inserted as "2° bis": cited as written.
            ("article-l543-301/ii/2bis", "added"),
            ("article-l543-301/ii/3", "unchanged"),
            // "III." renumbered "IV." is the base's III, unchanged but for
            // its label; the new III is added before it.
            ("article-l543-301/iii", "unchanged"),
            ("article-l543-301-1", "added"),
            ("article-l543-302/p1", "unchanged"),
        ],
    );
    // Each article is its own section: no "article-l~2".
    assert!(ids.iter().all(|id| !id.contains('~')), "{ids:?}");
}

#[test]
fn a_spanish_law_reads_ordinal_articles_and_bis() {
    let base = "\
LEY 12/2027, DE HUERTOS URBANOS
CAPÍTULO I
Disposiciones generales
Artículo 1.º Objeto.
La presente ley regula la cesión de suelo público para huertos urbanos.
Artículo 2.º Cesión.
1. Los ayuntamientos podrán ceder parcelas por un plazo máximo de cinco años.
2. La cesión será gratuita.
CAPÍTULO II
Régimen sancionador
Artículo 3.º Infracciones.
Constituye infracción el uso del huerto para fines comerciales.
";
    let proposal = base
        .replace(
            "Artículo 2.º Cesión.",
            "Artículo 1.º bis Registro.\n\
             Los ayuntamientos llevarán un registro de huertos urbanos.\n\
             Artículo 2.º Cesión.",
        )
        .replace("cinco años", "diez años");
    check(
        base,
        &proposal,
        &[
            ("capitulo-i", "unchanged"),
            ("articulo-1", "unchanged"),
            ("articulo-1/p1", "unchanged"),
            ("articulo-1bis", "added"),
            ("articulo-1bis/p1", "added"),
            // The numbered paragraphs are the second article's, not the
            // first's or the chapter's.
            ("articulo-2/1", "modified"),
            ("articulo-2/2", "unchanged"),
            ("capitulo-ii", "unchanged"),
            ("articulo-3/p1", "unchanged"),
        ],
    );
}

#[test]
fn a_german_statute_opens_its_divisions() {
    let base = "\
Gesetz über Gemeinschaftsgärten
Abschnitt 1
Allgemeine Vorschriften
§ 1 Zweck
Dieses Gesetz fördert die gemeinschaftliche Nutzung städtischer Grünflächen.
§ 2 Genehmigung
(1) Die Nutzung einer Fläche als Gemeinschaftsgarten bedarf der Genehmigung.
(2) Die Genehmigung kann befristet werden.
Abschnitt 2
Schlussvorschriften
§ 3 Inkrafttreten
Dieses Gesetz tritt am Tag nach der Verkündung in Kraft.
";
    let proposal = base.replace(
        "(2) Die Genehmigung kann",
        "(1a) Die Genehmigung ist gebührenfrei.\n(2) Die Genehmigung kann",
    );
    check(
        base,
        &proposal,
        &[
            ("abschnitt-1", "unchanged"),
            ("sec-2/1", "unchanged"),
            // Inserted as "(1a)": cited as written.
            ("sec-2/1a", "added"),
            ("sec-2/2", "unchanged"),
            // The second division is a heading, not a paragraph of § 2.
            ("abschnitt-2", "unchanged"),
            ("abschnitt-2/p1", "unchanged"),
            ("sec-3/p1", "unchanged"),
        ],
    );
}

#[test]
fn a_westminster_section_inserted_as_1a_is_a_section() {
    let base = "\
PART 1
COMMUNITY GARDENS
1 Designation of community gardens
(1) A local authority may designate allotment land as a community garden.
(2) A designation takes effect 28 days after notice of it is published.
2 Management committees
(1) Each community garden is to be managed by an elected committee.
(2) The committee must meet at least twice a year.
";
    let proposal = base.replace(
        "2 Management committees\n",
        "1A Appeals\n\
         (1) An allotment holder may appeal against a designation to the county court.\n\
         (1A) An appeal may be brought only by a holder of land in the garden.\n\
         (2) An appeal must be brought within 21 days of the notice.\n\
         2 Management committees\n",
    );
    let ids = check(
        base,
        &proposal,
        &[
            ("part-1/1/2", "unchanged"),
            ("part-1/2", "unchanged"),
            ("part-1/2/1", "unchanged"),
        ],
    );
    // The new section and its three subsections are four added rows, each
    // labelled; none is taken for a subsection of section 1.
    let dir = temp_dir();
    fs::write(dir.path().join("base.txt"), base).expect("write");
    fs::write(dir.path().join("proposal.txt"), &proposal).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "base.txt", "proposal.txt"]);
    let added: Vec<&str> = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|row| row["cells"][1]["status"] == "added")
        .map(|row| row["cells"][1]["label"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(added, ["1A", "(1)", "(1A)", "(2)"], "{ids:?}");
}

#[test]
fn a_rule_deleted_and_the_next_renumbered_into_its_place() {
    let base = "\
RULES OF PROCEDURE OF THE REGIONAL FISHERIES COMMISSION
Chapter I
Sessions
Rule 1
Regular sessions
The Commission shall hold a regular session once a year.
Rule 2
Special sessions
A special session shall be convened at the request of one third of the members.
Chapter II
Voting
Rule 3
Quorum
A majority of the members shall constitute a quorum.
Rule 4
Majority required
Decisions shall be taken by a two-thirds majority of the members present and voting.
";
    // Rule 3 deleted, Rule 4 renumbered 3; a Rule 2 bis inserted.
    let proposal = base
        .replace(
            "Rule 3\nQuorum\nA majority of the members shall constitute a quorum.\nRule 4\n",
            "Rule 3\n",
        )
        .replace(
            "Chapter II\n",
            "Rule 2 bis\nVirtual sessions\nThe Chair may decide that a session be held by videoconference.\nChapter II\n",
        );
    check(
        base,
        &proposal,
        &[
            ("rule-2/p2", "unchanged"),
            ("rule-2bis", "added"),
            ("rule-2bis/p2", "added"),
            // The rule deleted is the quorum, not the majority rule that
            // took its number.
            ("rule-3", "deleted"),
            ("rule-3/p1", "deleted"),
            ("rule-3/p2", "deleted"),
            ("rule-4", "modified"),
            ("rule-4/p1", "unchanged"),
            ("rule-4/p2", "unchanged"),
        ],
    );
}

#[test]
fn without_a_base_articles_renumbered_apart_keep_a_designator() {
    // One proposal inserts an article, the other deletes one: each
    // renumbers the articles after it its own way, so their common text
    // reads "Article" alone.
    let article = |n: u32, caption: &str, text: &str| format!("Article {n}\n{caption}\n{text}\n");
    let scope = "This Regulation lays down rules on the labelling of reusable containers.";
    let labels = "Producers shall affix the label to every reusable container.";
    let campaigns = "Member States shall organise information campaigns on returns.";
    let penalties = "Member States shall lay down rules on penalties for infringements.";
    let force = "This Regulation shall enter into force on the twentieth day after publication.";
    let parliament = [
        article(1, "Subject matter", scope),
        article(2, "Labelling", labels),
        article(3, "Information campaigns", campaigns),
        article(4, "Penalties", penalties),
        article(5, "Entry into force", force),
    ]
    .concat();
    let council = [
        article(1, "Subject matter", scope),
        article(2, "Penalties", penalties),
        article(3, "Entry into force", force),
    ]
    .concat();
    let dir = temp_dir();
    fs::write(dir.path().join("parliament.txt"), parliament).expect("write");
    fs::write(dir.path().join("council.txt"), council).expect("write");
    let (json, _) = compare_json(dir.path(), &["parliament.txt", "council.txt"]);
    let headings: Vec<String> = ids(&json)
        .into_iter()
        .filter(|id| !id.contains('/'))
        .collect();
    // Each shared article is named by a number a proposal gives it; the
    // articles only one proposal has, whose numbers the shared ones hold,
    // are named after the article they follow.
    assert_eq!(
        headings,
        [
            "article-1",
            "article-1+1",
            "article-1+2",
            "article-2",
            "article-3"
        ],
        "{headings:?}"
    );
}

/// A treaty with articles and an annex.
const TREATY: &str = "\
AGREEMENT ON THE CONSERVATION OF MIGRATORY SHOREBIRDS
The Parties to this Agreement,
Convinced that the conservation of shorebirds requires coordinated action,
Have agreed as follows:
Article 1
Definitions
In this Agreement, \"Range State\" means a State through which shorebirds migrate.
Article 2
Conservation measures
1. Each Party shall protect the wetlands listed in Annex 1.
2. Each Party shall prohibit the taking of eggs of shorebirds.
Annex 1
Wetlands of international importance
1. Estuaries used as staging sites.
2. Coastal lagoons used as wintering sites.
";

#[test]
fn a_proposal_adding_a_table_of_contents_changes_only_the_contents() {
    let base = TREATY;
    let proposal = base.replacen(
        "SHOREBIRDS\n",
        "SHOREBIRDS\nContents\nArticle 1 Definitions\nArticle 2 Conservation measures\n\
         Annex 1 Wetlands of international importance\n",
        1,
    );
    let dir = temp_dir();
    fs::write(dir.path().join("base.txt"), base).expect("write");
    fs::write(dir.path().join("proposal.txt"), proposal).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "base.txt", "proposal.txt"]);
    let rows = statuses(&json);
    // The four lines of contents are added to the preamble; nothing else
    // changes, the annex included.
    let changed: Vec<(&String, &String)> = rows.iter().filter(|(_, s)| *s != "unchanged").collect();
    assert_eq!(changed.len(), 4, "{rows:?}");
    assert!(changed
        .iter()
        .all(|(id, s)| id.starts_with("preamble/p1+") && *s == "added"));
    assert_eq!(rows.get("annex-1/2").map(String::as_str), Some("unchanged"));
}

#[test]
fn explanatory_notes_after_the_text_are_a_section_of_their_own() {
    let proposal = format!(
        "{}Explanatory notes\n\
         The amendment to Article 2 is proposed for consistency with the annex.\n",
        TREATY.replace("eggs of shorebirds", "eggs or nests of shorebirds")
    );
    let ids = check(
        TREATY,
        &proposal,
        &[
            ("article-2/2", "modified"),
            ("annex-1/2", "unchanged"),
            ("explanatory-notes", "added"),
            ("explanatory-notes/p1", "added"),
        ],
    );
    assert!(
        !ids.iter().any(|id| id.starts_with("annex-1/2+")),
        "{ids:?}"
    );
}

#[test]
fn a_swiss_statute_numbers_chapters_before_and_paragraphs_bare() {
    let base = "\
Bundesgesetz über die Gemeinschaftsgärten
1. Kapitel: Allgemeine Bestimmungen
Art. 1 Zweck
1 Dieses Gesetz fördert die gemeinschaftliche Nutzung von Grünflächen.
2 Es trägt zur Erhaltung der biologischen Vielfalt bei.
Art. 2 Begriffe
In diesem Gesetz bedeuten:
a. Gemeinschaftsgarten: Fläche, die von mehreren Personen bewirtschaftet wird;
b. Trägerschaft: Verein, der einen Gemeinschaftsgarten betreibt.
2. Kapitel: Bewilligung
Art. 3 Bewilligungspflicht
1 Wer eine Fläche als Gemeinschaftsgarten nutzen will, braucht eine Bewilligung.
2 Die Bewilligung wird für höchstens zehn Jahre erteilt.
";
    let proposal = base.replace(
        "zehn Jahre erteilt.\n",
        "fünf Jahre erteilt.\n3 Sie kann verlängert werden.\n",
    );
    check(
        base,
        &proposal,
        &[
            ("kapitel-1", "unchanged"),
            ("art-1/1", "unchanged"),
            ("art-1/2", "unchanged"),
            ("art-2/b", "unchanged"),
            // The second chapter is a heading, not a point of Article 2.
            ("kapitel-2", "unchanged"),
            ("art-3/1", "unchanged"),
            ("art-3/2", "modified"),
            ("art-3/2+1", "added"),
        ],
    );
}

#[test]
fn a_brazilian_law_reads_incisos_paragraphs_and_inserted_articles() {
    let base = "\
LEI Nº 15.001, DE 3 DE MARÇO DE 2027
CAPÍTULO I
DISPOSIÇÕES GERAIS
Art. 1º Esta Lei dispõe sobre a cessão de terrenos públicos para hortas comunitárias.
Art. 2º Para os fins desta Lei, considera-se:
I – horta comunitária: área cultivada coletivamente sem fins lucrativos;
II – entidade gestora: associação responsável pela horta.
§ 1º A cessão será gratuita.
§ 2º O prazo da cessão não excederá cinco anos.
CAPÍTULO II
DISPOSIÇÕES FINAIS
Art. 3º Esta Lei entra em vigor na data de sua publicação.
";
    let proposal = base
        .replace(
            "pela horta.\n",
            "pela horta;\nIII – usuário: pessoa física que cultiva uma parcela.\n",
        )
        .replace(
            "CAPÍTULO II\n",
            "Art. 2º-A O Poder Público manterá cadastro das hortas comunitárias.\nCAPÍTULO II\n",
        );
    check(
        base,
        &proposal,
        &[
            ("art-1/p1", "unchanged"),
            ("art-2/i", "unchanged"),
            ("art-2/ii", "modified"),
            ("art-2/ii+1", "added"),
            // The paragraphs of the article are not items of its list.
            ("art-2/\u{a7}1", "unchanged"),
            ("art-2/\u{a7}2", "unchanged"),
            ("art-2a", "added"),
            ("art-2a/p1", "added"),
            ("art-3/p1", "unchanged"),
        ],
    );
}

/// `text` as a printed bill shows it: each paragraph wrapped at `width`
/// with its first line indented, and every line numbered in the margin,
/// 1 to 25 on each page.
fn printed_with_line_numbers(text: &str, width: usize) -> String {
    let mut lines: Vec<String> = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::from("    ");
        for word in paragraph.split(' ') {
            if line.trim().is_empty() {
                line.push_str(word);
            } else if line.chars().count() + 1 + word.chars().count() > width {
                lines.push(std::mem::take(&mut line));
                line.push_str(word);
            } else {
                line.push(' ');
                line.push_str(word);
            }
        }
        lines.push(line);
    }
    lines
        .iter()
        .enumerate()
        .map(|(i, line)| format!("{:>2} {line}\n", i % 25 + 1))
        .collect()
}

#[test]
fn a_printed_bill_with_line_numbers_reads_as_its_text() {
    let dir = temp_dir();
    let plain = |name: &str, text: &str| fs::write(dir.path().join(name), text).expect("write");
    plain("introduced.txt", super::BILL_INTRODUCED);
    plain("reported.txt", super::BILL_REPORTED);
    plain(
        "introduced-printed.txt",
        &printed_with_line_numbers(super::BILL_INTRODUCED, 60),
    );
    plain(
        "reported-printed.txt",
        &printed_with_line_numbers(super::BILL_REPORTED, 60),
    );
    let rows = |base: &str, proposal: &str| {
        let (json, _) = compare_json(dir.path(), &["--base", base, proposal]);
        json["rows"]
            .as_array()
            .expect("rows")
            .iter()
            .map(|row| {
                let cells: Vec<(String, String)> = row["cells"]
                    .as_array()
                    .expect("cells")
                    .iter()
                    .map(|c| (c["status"].to_string(), c["text"].to_string()))
                    .collect();
                (row["id"].to_string(), cells)
            })
            .collect::<Vec<_>>()
    };
    let clean = rows("introduced.txt", "reported.txt");
    assert!(clean.len() > 20);
    assert_eq!(
        rows("introduced-printed.txt", "reported-printed.txt"),
        clean
    );
}

#[test]
fn a_standards_clauses_and_terms_keep_their_numbers() {
    let base = "\
Draft Standard for Municipal Water Meters
3 Terms and definitions
3.1 meter
instrument intended to measure continuously the volume of water passing through it
3.2 nominal flow rate
highest flow rate at which the meter is required to operate in a satisfactory manner
4 Requirements
4.1 General
Meters shall be designed for a working life of at least ten years.
4.2 Accuracy
4.2.1 The maximum permissible error shall not exceed 2 % above the transitional flow rate.
4.2.2 The maximum permissible error shall not exceed 5 % below the transitional flow rate.
4.3 Marking
Each meter shall be marked with the nominal flow rate and the year of manufacture.
";
    // A new term 3.2 renumbers the nominal flow rate 3.3.
    let proposal = base
        .replace(
            "3.2 nominal flow rate\n",
            "3.2 transitional flow rate\nflow rate at which the maximum permissible error changes\n3.3 nominal flow rate\n",
        )
        .replace("5 % below", "4 % below");
    check(
        base,
        &proposal,
        &[
            ("preamble/3/3.1", "unchanged"),
            // Renumbered only: the text is unchanged.
            ("preamble/3/3.2", "unchanged"),
            ("preamble/4/4.2/4.2.1", "unchanged"),
            ("preamble/4/4.2/4.2.2", "modified"),
            ("preamble/4/4.3", "unchanged"),
        ],
    );
    let dir = temp_dir();
    fs::write(dir.path().join("base.txt"), base).expect("write");
    fs::write(dir.path().join("proposal.txt"), &proposal).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "base.txt", "proposal.txt"]);
    let nominal = json["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .find(|row| row["id"] == "preamble/3/3.2")
        .expect("the nominal flow rate's row");
    // The base's 3.2 is the proposal's 3.3, renumbered, not the new term.
    assert_eq!(nominal["cells"][1]["label"], "3.3");
    assert_eq!(nominal["cells"][1]["text"], "nominal flow rate");
}
