//! Meetings made from the documents as received (issue 16, part 4): the
//! contributions and the texts in force of the example assembly, read and
//! matched as `synoptic assemble` reads and matches them, make one meeting
//! per text or one for a chosen text, whole or not at all.

use super::hardening::{meetings_in, multipart};
use super::*;

use synoptic_formats::assemble;
use synoptic_formats::load::{Budget, Limits as InputLimits};

fn assembly_file(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/assembly")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

const CONTRIBUTIONS: [&str; 3] = ["afr.txt", "apt.docx", "cept.txt"];
const BASES: [&str; 3] = [
    "bases/recommendation-a7.txt",
    "bases/resolution-12.txt",
    "bases/resolution-301.txt",
];

/// The files of the example assembly as form files, and `fields`.
fn assembly_form(fields: &[(&str, &str)]) -> (String, Vec<u8>) {
    let files: Vec<(String, Vec<u8>)> = CONTRIBUTIONS
        .iter()
        .chain(&BASES)
        .map(|name| (name.to_string(), assembly_file(name)))
        .collect();
    let form: Vec<(&str, &str, &[u8])> = files
        .iter()
        .map(|(name, bytes)| {
            let field = if name.starts_with("bases/") {
                "base"
            } else {
                "contribution"
            };
            (field, name.trim_start_matches("bases/"), &bytes[..])
        })
        .collect();
    multipart(fields, &form)
}

/// The synopsis `synoptic assemble` makes of the text `key` of the example
/// assembly, with the proposers named by the files' stems, as JSON.
fn assembled(key: &str) -> Value {
    let budget = Budget::new(&InputLimits::default());
    let options = auto::AutoOptions::default();
    let mut bases = HashMap::new();
    for name in BASES {
        let file = name.trim_start_matches("bases/");
        let document = auto::document(file, &assembly_file(name), &options).unwrap();
        let title = assemble::base_title(&document, file.trim_end_matches(".txt")).unwrap();
        bases.insert(
            title.match_key(),
            assemble::Base {
                file: file.into(),
                title,
                document,
            },
        );
    }
    let read = CONTRIBUTIONS.iter().map(|name| {
        let stem = name.split('.').next().unwrap().to_string();
        let c = assemble::read_contribution(name, &assembly_file(name), &options, &budget).unwrap();
        (stem, name.to_string(), c)
    });
    let (by_text, _) = assemble::gather(read);
    let plans = assemble::plans(by_text, &bases);
    let plan = plans.iter().find(|p| p.key == key).unwrap();
    let synopsis =
        assemble::synopsis_of(plan, &plan.name(), "the meeting's bases", &budget).unwrap();
    serde_json::from_str(&write_with(|out| synopsis_json::write(&synopsis, out))).unwrap()
}

fn post_form(server: &Server, path: &str, (content_type, body): (String, Vec<u8>)) -> Reply {
    Call::new(server, None).send("POST", path, &content_type, body)
}

#[test]
fn contributions_make_one_meeting_per_text_as_assemble_reads_them() {
    let server = Server::start(limits());
    // What the landing page offers before creating anything.
    let texts = post_form(&server, "/api/contributions/texts", assembly_form(&[]));
    assert_eq!(texts.status, 200, "{}", texts.text());
    let texts = texts.json();
    let keys: Vec<&str> = texts["texts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["key"].as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "recommendation-itu-t-a-7",
            "resolution-12",
            "resolution-301",
            "resolution-afcp-1"
        ]
    );
    assert_eq!(meetings_in(&server), 0, "reading the texts creates nothing");

    let created = post_form(
        &server,
        "/api/meetings",
        assembly_form(&[("title", "WTSA-26 Committee 3"), ("text", "*")]),
    );
    assert_eq!(created.status, 201, "{}", created.text());
    let created = created.json();
    let meetings = created["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 4);
    assert_eq!(meetings_in(&server), 4);
    for (m, key) in meetings.iter().zip(&keys) {
        let id = m["id"].as_str().unwrap();
        let delegate = m["delegate_token"].as_str().unwrap();
        assert_eq!(
            m["chair_link"],
            format!("/m/{id}#k={}", m["chair_token"].as_str().unwrap())
        );
        assert_eq!(m["delegate_link"], format!("/m/{id}#k={delegate}"));
        assert_eq!(
            m["projector_link"],
            format!("/m/{id}?view=projector#k={delegate}")
        );
        assert_eq!(m["text"]["key"], *key);
        assert!(m["title"]
            .as_str()
            .unwrap()
            .starts_with("WTSA-26 Committee 3: "));
        // Each meeting holds its text in force and the contributions that
        // change it, and its synopsis is the one `assemble` makes.
        let chair = m["chair_token"].as_str().unwrap();
        let call = Call::new(&server, Some(chair));
        let synopsis = call.get(&format!("/api/meetings/{id}/synopsis")).json();
        assert_eq!(synopsis, assembled(key), "{key}");
        let info = call.get(&format!("/api/meetings/{id}")).json();
        assert_eq!(info["synopsis_error"], Value::Null, "{key}");
        let roles: Vec<&str> = m["documents"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| d["role"].as_str().unwrap())
            .collect();
        assert!(
            roles.iter().all(|r| *r == "base" || *r == "contribution"),
            "{roles:?}"
        );
    }

    // Resolution 301: three MODs, headed as secretariats head them, with
    // their reasons; resolution 12: a NOC all unchanged, a SUP all deleted.
    let r301 = &meetings[2];
    let call = Call::new(&server, Some(r301["chair_token"].as_str().unwrap()));
    let id = r301["id"].as_str().unwrap();
    let info = call.get(&format!("/api/meetings/{id}")).json();
    assert_eq!(info["text_key"], "resolution:301");
    assert_eq!(info["headings"][0], "Text in force");
    assert_eq!(
        info["headings"][1],
        "Proposal 1 (MOD, Addendum 8 to Document 35) (afr)"
    );
    let synopsis = call.get(&format!("/api/meetings/{id}/synopsis")).json();
    let afr = &synopsis["versions"][1];
    assert_eq!(afr["action"], "MOD");
    assert_eq!(afr["number"], "AFCP/35A8/1");
    assert!(afr["reasons"]
        .as_str()
        .unwrap()
        .starts_with("Delegations need three weeks"));
    let r12 = &meetings[1];
    let call12 = Call::new(&server, Some(r12["chair_token"].as_str().unwrap()));
    let s12 = call12
        .get(&format!(
            "/api/meetings/{}/synopsis",
            r12["id"].as_str().unwrap()
        ))
        .json();
    let column = |label: &str| {
        let v = s12["versions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|v| v["label"] == label)
            .unwrap()["id"]
            .clone();
        s12["rows"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|r| {
                r["cells"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|c| c["version"] == v)
                    .map(|c| c["status"].as_str().unwrap().to_string())
            })
            .collect::<Vec<_>>()
    };
    assert!(column("afr").iter().all(|s| s == "unchanged"), "NOC");
    assert!(column("apt").iter().all(|s| s == "deleted"), "SUP");

    // Decisions refer to the contribution by id: renaming it keeps them.
    let conflict = info["conflict_rows"][0].as_str().unwrap().to_string();
    assert_eq!(
        decide(&call, id, &conflict, json!({"accept": "cept"}), 0).status,
        200
    );
    let cept = m_document(&call, id, "cept");
    let renamed = call.json(
        "PATCH",
        &format!("/api/meetings/{id}/documents/{cept}"),
        json!({"label": "CEPT"}),
    );
    assert_eq!(renamed.status, 200, "{}", renamed.text());
    let draft = call.get(&format!("/api/meetings/{id}/draft")).json();
    assert_eq!(draft["summary"]["decided"], 1, "{}", draft["stale"]);
    let info = call.get(&format!("/api/meetings/{id}")).json();
    assert_eq!(
        info["headings"][3],
        "Proposal 3 (MOD, Addendum 3 to Document 33) (CEPT)"
    );
}

/// The id of the document labelled `label`.
fn m_document(call: &Call<'_>, id: &str, label: &str) -> i64 {
    call.get(&format!("/api/meetings/{id}/documents")).json()["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["label"] == label)
        .unwrap()["id"]
        .as_i64()
        .unwrap()
}

#[test]
fn one_chosen_text_makes_one_meeting_whole_or_nothing() {
    let server = Server::start(limits());
    let created = post_form(
        &server,
        "/api/meetings",
        assembly_form(&[("text", "RESOLUTION 301"), ("by", "Ms Okafor")]),
    );
    assert_eq!(created.status, 201, "{}", created.text());
    let created = created.json();
    assert_eq!(created["meetings"].as_array().unwrap().len(), 1);
    // One meeting: its fields at the top, as for any other meeting.
    assert_eq!(created["title"], "RESOLUTION 301 (Rev. Geneva, 2022)");
    let labels: Vec<&str> = created["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["resolution-301", "afr", "apt", "cept"]);
    assert_eq!(meetings_in(&server), 1);

    // A text no contribution changes, an unreadable contribution, a
    // meeting over the limits: nothing is created.
    let unknown = post_form(
        &server,
        "/api/meetings",
        assembly_form(&[("text", "RESOLUTION 999")]),
    );
    assert_eq!(unknown.status, 422, "{}", unknown.text());
    assert!(
        unknown.error().contains("RESOLUTION 301"),
        "{}",
        unknown.error()
    );
    let (content_type, body) = multipart(
        &[],
        &[
            ("contribution", "afr.txt", &assembly_file("afr.txt")),
            (
                "contribution",
                "broken.docx",
                b"PK\x03\x04 not really a zip",
            ),
        ],
    );
    let broken = post_form(&server, "/api/meetings", (content_type, body));
    assert_eq!(broken.status, 422, "{}", broken.text());
    assert!(
        broken.error().starts_with("broken.docx: "),
        "{}",
        broken.error()
    );
    let (content_type, body) = multipart(
        &[],
        &[(
            "contribution",
            "notes.txt",
            b"Some notes from the corridor, with no proposal in them.\n",
        )],
    );
    let none = post_form(&server, "/api/meetings", (content_type, body));
    assert_eq!(none.status, 422, "{}", none.text());
    assert!(
        none.error().contains("no proposal found"),
        "{}",
        none.error()
    );
    let (content_type, body) = multipart(
        &[],
        &[
            ("contribution", "afr.txt", &assembly_file("afr.txt")),
            ("proposal", "cept.txt", &assembly_file("cept.txt")),
        ],
    );
    let mixed = post_form(&server, "/api/meetings", (content_type, body));
    assert_eq!(mixed.status, 400, "{}", mixed.text());
    assert_eq!(meetings_in(&server), 1);

    let tight = Server::start(Limits {
        max_cells: 100,
        ..limits()
    });
    let over = post_form(&tight, "/api/meetings", assembly_form(&[]));
    assert_eq!(over.status, 413, "{}", over.text());
    assert!(over.error().contains("cells"), "{}", over.error());
    assert_eq!(meetings_in(&tight), 0);

    let locked = Server::start(Limits {
        create_key: Some("a creation key of the server".into()),
        ..limits()
    });
    for path in ["/api/meetings", "/api/contributions/texts"] {
        let r = post_form(&locked, path, assembly_form(&[]));
        assert_eq!(r.status, 403, "{path}: {}", r.text());
    }
    let r = post_form(
        &locked,
        "/api/meetings",
        assembly_form(&[
            ("create_key", "a creation key of the server"),
            ("text", "resolution-12"),
        ]),
    );
    assert_eq!(r.status, 201, "{}", r.text());
}

#[test]
fn the_chair_adds_a_contribution_to_a_meeting_made_from_contributions() {
    let server = Server::start(limits());
    let (content_type, body) = multipart(
        &[("text", "resolution-301")],
        &[
            ("contribution", "afr.txt", &assembly_file("afr.txt")),
            (
                "base",
                "resolution-301.txt",
                &assembly_file("bases/resolution-301.txt"),
            ),
        ],
    );
    let created = post_form(&server, "/api/meetings", (content_type, body));
    assert_eq!(created.status, 201, "{}", created.text());
    let created = created.json();
    let id = created["id"].as_str().unwrap();
    let chair = Call::new(&server, Some(created["chair_token"].as_str().unwrap()));
    let versions = |chair: &Call<'_>| {
        chair.get(&format!("/api/meetings/{id}/synopsis")).json()["versions"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(versions(&chair), 2);
    let added = chair.upload(
        id,
        "contribution",
        None,
        "cept.txt",
        &assembly_file("cept.txt"),
    );
    assert_eq!(added.status, 201, "{}", added.text());
    assert_eq!(versions(&chair), 3);
    let info = chair.get(&format!("/api/meetings/{id}")).json();
    assert_eq!(
        info["headings"][2],
        "Proposal 2 (MOD, Addendum 3 to Document 33) (cept)"
    );
    // A contribution with nothing for this text, or a plain proposal, is
    // refused.
    let unrelated = b"Addendum 9 to Document 50-E\n\nMOD\tXYZ/50A9/1\n\nRESOLUTION 77 (Rev. Geneva, 2022)\n\nresolves\n1\tthat the group meets twice a year,\n\nReasons:\tFewer meetings.\n";
    let r = chair.upload(id, "contribution", None, "xyz.txt", unrelated);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(
        r.error().contains("no proposal in it changes"),
        "{}",
        r.error()
    );
    let r = chair.upload(
        id,
        "proposal",
        None,
        "plain.txt",
        b"resolves\n1\tthat the group meets,\n",
    );
    assert_eq!(r.status, 409, "{}", r.text());
    assert_eq!(versions(&chair), 3);
}
