//! Texts of kinds the rules were not first written for: acts published as
//! Markdown or HTML with numbered captions, amending bills, statutes of
//! associations. Every document is made up.

use std::fs;

use super::{compare_json, ids, statuses, temp_dir};

const PILOTAGE_MD: &str = "\
# Pilotage Act 2025

## Part 1 Compulsory pilotage

### 1 Duty to provide pilotage

(1) A harbour authority shall provide pilotage services in its area.

(2) The services shall be available at all hours.

### 2 Authorisation of pilots

(1) A harbour authority may authorise persons to act as pilots.

(2) An authorisation may be suspended for misconduct.
";

/// The same act amended, as a converter writes it in HTML: its
/// subsections an ordered list of paragraphs.
const PILOTAGE_HTML: &str = r#"<!DOCTYPE html>
<html><body>
<h1>Pilotage Act 2025</h1>
<h2>Part 1 Compulsory pilotage</h2>
<h3>1 Duty to provide pilotage services</h3>
<ol type="1">
<li><p>A harbour authority shall provide pilotage services in its area.</p></li>
<li><p>The services shall be available at all hours, including public holidays.</p></li>
</ol>
<h3>2 Authorisation of pilots</h3>
<ol type="1">
<li><p>A harbour authority may authorise persons to act as pilots.</p></li>
<li><p>An authorisation may be suspended or revoked for misconduct.</p></li>
</ol>
</body></html>
"#;

#[test]
fn numbered_captions_name_their_sections_in_markdown_and_html() {
    let dir = temp_dir();
    fs::write(dir.path().join("act.md"), PILOTAGE_MD).expect("write");
    fs::write(dir.path().join("bill.html"), PILOTAGE_HTML).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "act.md", "bill.html"]);
    assert_eq!(
        ids(&json),
        [
            "pilotage-act-2025",
            "part-1",
            "1",
            "1/1",
            "1/2",
            "2",
            "2/1",
            "2/2"
        ]
    );
    let rows = statuses(&json);
    for (id, status) in [
        ("1", "modified"),
        ("1/1", "unchanged"),
        ("1/2", "modified"),
        ("2", "unchanged"),
        ("2/2", "modified"),
    ] {
        assert_eq!(
            rows.get(id).map(String::as_str),
            Some(status),
            "{id} in {rows:?}"
        );
    }
}

/// A Chinese regulation, one article per line after its number.
const HARBOUR_ZH: &str = "港口安全条例

第一条 为了加强港口安全管理，保障人民生命财产安全，制定本条例。
第二条 本条例适用于境内的港口。
第三条 港口经营人应当建立安全生产责任制度。
第四条 港口行政管理部门应当每年对港口进行安全检查。
第五条 本条例自公布之日起施行。
";

#[test]
fn an_article_inserted_in_a_chinese_statute_renumbers_the_rest() {
    let amended = HARBOUR_ZH
        .replace(
            "第四条 港口行政管理部门应当每年对港口进行安全检查。",
            "第四条 港口经营人应当制定事故应急预案，并定期组织演练。\n\
             第五条 港口行政管理部门应当每年对港口进行两次安全检查。",
        )
        .replace("第五条 本条例自公布", "第六条 本条例自公布");
    let dir = temp_dir();
    fs::write(dir.path().join("base.txt"), HARBOUR_ZH).expect("write");
    fs::write(dir.path().join("amended.txt"), &amended).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "base.txt", "amended.txt"]);
    let rows = statuses(&json);
    // Articles are sections named by their numbers: the base's articles
    // keep theirs, renumbered or not; their texts pair as before.
    for (id, status) in [
        ("第一条/p1", "unchanged"),
        ("第三条/p1", "unchanged"),
        ("第四条", "modified"),
        ("第四条/p1", "modified"),
        ("第三条+1/p1", "added"),
        ("第五条/p1", "unchanged"),
    ] {
        assert_eq!(
            rows.get(id).map(String::as_str),
            Some(status),
            "{id} in {rows:?}"
        );
    }
}

/// Statutes of an association: articles with a caption, paragraphs `§ 1`,
/// and a list numbered from its paragraph (`2.1`, `2.2`).
const STATUTES: &str = "\
STATUTES OF THE COASTAL BIRDWATCHERS ASSOCIATION

Art. 1 Name and seat
§ 1 The association bears the name \"Coastal Birdwatchers\".
§ 2 Its seat is in Bremen.

Art. 2 Purpose
§ 1 The association promotes the study and protection of coastal birds.
§ 2 The purpose is realised in particular by:
2.1 field trips for members;
2.2 an annual report on the colonies;
2.3 cooperation with universities.

Art. 3 Membership
§ 1 Any natural person may become a member.
§ 2 The board decides on admission.
";

#[test]
fn statutes_of_an_association_number_paragraphs_of_articles() {
    let amended = STATUTES
        .replace(
            "2.2 an annual report on the colonies;\n2.3 cooperation",
            "2.2 courses for young people;\n2.3 an annual report on the colonies;\n2.4 cooperation",
        )
        .replace("seat is in Bremen", "seat is in Hamburg");
    let dir = temp_dir();
    fs::write(dir.path().join("statutes.txt"), STATUTES).expect("write");
    fs::write(dir.path().join("board.txt"), &amended).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "statutes.txt", "board.txt"]);
    let rows = statuses(&json);
    // "§" numbers an article's paragraphs here, not a bill's sections.
    for (id, status) in [
        ("art-1", "unchanged"),
        ("art-1/§2", "modified"),
        ("art-2/§2", "unchanged"),
        ("art-2/§2/2.1", "unchanged"),
        ("art-2/§2/2.1+1", "added"),
        // Renumbered 2.3, its words unchanged.
        ("art-2/§2/2.2", "unchanged"),
        ("art-2/§2/2.3", "unchanged"),
        ("art-3/§2", "unchanged"),
    ] {
        assert_eq!(
            rows.get(id).map(String::as_str),
            Some(status),
            "{id} in {rows:?}"
        );
    }
}

/// A standard: numbered clauses with a caption, notes and examples, an
/// annex whose clauses count from its letter.
const FENDERS: &str = "\
Marine fenders — Requirements and test methods

1 Scope
This document specifies requirements for rubber fenders used in harbours.
NOTE This document does not apply to pneumatic fenders.

3 Requirements
3.1 General
The fender shall absorb the energy specified by the purchaser.
NOTE 1 The energy depends on the berthing velocity.
NOTE 2 Guidance on berthing velocity is given in Annex A.
3.2 Materials
The rubber shall resist ozone and sea water.
EXAMPLE Natural rubber blended with styrene-butadiene rubber.

Annex A (informative)
Berthing velocity
A.1 General
The berthing velocity depends on the size of the vessel.
A.2 Exposed berths
For exposed berths, the velocity should be increased by 20 %.
";

#[test]
fn a_standard_names_its_clauses_notes_and_annex_clauses() {
    let amended = FENDERS
        .replace(
            "NOTE 2 Guidance",
            "NOTE 2 The energy also depends on the mass of the vessel.\nNOTE 3 Guidance",
        )
        .replace(
            "A.2 Exposed berths",
            "A.2 Sheltered berths\nFor sheltered berths, the velocity may be reduced.\nA.3 Exposed berths",
        );
    let dir = temp_dir();
    fs::write(dir.path().join("standard.txt"), FENDERS).expect("write");
    fs::write(dir.path().join("committee.txt"), &amended).expect("write");
    let (json, _) = compare_json(dir.path(), &["--base", "standard.txt", "committee.txt"]);
    let rows = statuses(&json);
    for (id, status) in [
        ("preamble/1/p1", "unchanged"),
        ("preamble/1/note", "unchanged"),
        ("preamble/3/3.1/p1", "unchanged"),
        ("preamble/3/3.1/note-1", "unchanged"),
        ("preamble/3/3.1/note-1+1", "added"),
        // Renumbered NOTE 3, its words unchanged.
        ("preamble/3/3.1/note-2", "unchanged"),
        ("preamble/3/3.2/example", "unchanged"),
        ("annex-a/a.1/p1", "unchanged"),
        ("annex-a/a.1+1", "added"),
        ("annex-a/a.1+1/p1", "added"),
        ("annex-a/a.2", "unchanged"),
        ("annex-a/a.2/p1", "unchanged"),
    ] {
        assert_eq!(
            rows.get(id).map(String::as_str),
            Some(status),
            "{id} in {rows:?}"
        );
    }
}
