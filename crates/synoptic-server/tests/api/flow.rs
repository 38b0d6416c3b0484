//! A whole meeting through the API: upload, decide, comment, export.

use super::*;

#[test]
fn a_meeting_from_upload_to_export() {
    let server = Server::start(limits());
    let m = example_meeting(&server);
    let chair = Call::new(&server, Some(&m.chair));
    let delegate = Call::new(&server, Some(&m.delegate));
    let api = format!("/api/meetings/{}", m.id);

    // The meeting: title, role, documents, the conflict.
    let info = chair.get(&api).json();
    assert_eq!(info["title"], "Resolution 301");
    assert_eq!(info["role"], "chair");
    assert_eq!(info["documents"].as_array().unwrap().len(), 4);
    assert_eq!(info["documents"][1]["label"], "afr");
    assert_eq!(info["proposals"], json!(["afr", "apt", "cept"]));
    assert_eq!(info["conflict_rows"], json!(["resolves/3"]));
    assert!(info["links"]["delegate"]
        .as_str()
        .unwrap()
        .ends_with(&m.delegate));
    let seen = delegate.get(&api).json();
    assert_eq!(seen["role"], "delegate");
    assert!(
        seen.get("links").is_none(),
        "delegates do not see the chair's link"
    );
    assert_eq!(
        chair.get(&format!("{api}/documents")).json()["documents"][0]["role"],
        "base"
    );

    // The synopsis is byte for byte what `compare --format json` writes.
    let synopsis = chair.get(&format!("{api}/synopsis"));
    assert_eq!(synopsis.status, 200);
    assert!(synopsis.content_type.starts_with("application/json"));
    let local = local_synopsis();
    assert_eq!(
        synopsis.text(),
        write_with(|b| synopsis_json::write(&local, b))
    );

    // The draft before any decision: 34 rows, one conflict.
    let draft = delegate.get(&format!("{api}/draft")).json();
    assert_eq!(draft["summary"]["rows"], 34);
    assert_eq!(draft["summary"]["conflict"], 1);

    // Decisions, versioned per row; row ids are the rest of the path,
    // slashes and all, or percent-encoded.
    let d = decide(&chair, &m.id, "resolves/3", json!({"accept": "cept"}), 0);
    assert_eq!(d.status, 200, "{}", d.text());
    assert_eq!(d.json()["version"], 1);
    assert_eq!(d.json()["choice"], json!({"accept": "cept"}));
    assert!(d.json()["fingerprint"]
        .as_str()
        .is_some_and(|f| !f.is_empty()));
    let stale = decide(&chair, &m.id, "resolves/3", json!("base"), 0);
    assert_eq!(stale.status, 409, "{}", stale.text());
    assert!(stale.error().contains("version 1"), "{}", stale.error());
    assert_eq!(stale.json()["current"]["choice"], json!({"accept": "cept"}));
    assert_eq!(stale.json()["current"]["version"], 1);
    let again = decide(&chair, &m.id, "resolves%2F3", json!({"accept": "afr"}), 1);
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.json()["version"], 2);
    let text = decide(
        &chair,
        &m.id,
        "considering/b",
        json!({"text": "that the chair wrote this"}),
        0,
    );
    assert_eq!(text.status, 200, "{}", text.text());
    assert_eq!(
        decide(&chair, &m.id, "preamble/p1", json!("merge"), 0).status,
        200
    );
    assert_eq!(
        decide(&chair, &m.id, "preamble/p2", json!("base"), 0).status,
        200
    );
    // Clearing is versioned too.
    let clear_path = format!("{api}/decisions/preamble/p2?expected_version=0");
    assert_eq!(
        chair
            .send("DELETE", &clear_path, "text/plain", Vec::new())
            .status,
        409
    );
    let cleared = chair.json(
        "DELETE",
        &format!("{api}/decisions/preamble/p2"),
        json!({"expected_version": 1}),
    );
    assert_eq!(cleared.status, 200, "{}", cleared.text());
    assert_eq!(cleared.json()["choice"], Value::Null);
    assert_eq!(cleared.json()["version"], 2);
    let nothing = chair.json(
        "DELETE",
        &format!("{api}/decisions/preamble/p2"),
        json!({"expected_version": 2}),
    );
    assert_eq!(nothing.status, 404, "{}", nothing.text());
    // What cannot be decided.
    assert_eq!(
        decide(&chair, &m.id, "no/such/row", json!("base"), 0).status,
        404
    );
    let unknown = decide(&chair, &m.id, "resolves/1", json!({"accept": "ATU"}), 0);
    assert_eq!(unknown.status, 400);
    assert!(
        unknown.error().contains("afr, apt, cept"),
        "{}",
        unknown.error()
    );
    let merge = decide(&chair, &m.id, "resolves/3", json!("merge"), 2);
    assert_eq!(merge.status, 400);
    assert!(merge.error().contains("merge"));
    let bad = chair.json(
        "PUT",
        &format!("{api}/decisions/resolves/3"),
        json!({"choice": "maybe", "expected_version": 2}),
    );
    assert_eq!(bad.status, 400);
    assert!(
        bad.error().starts_with("invalid request"),
        "{}",
        bad.error()
    );

    let decisions = delegate.get(&format!("{api}/decisions")).json();
    let by_row = |row: &str| {
        decisions["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["row"] == row)
            .cloned()
            .unwrap()
    };
    assert_eq!(by_row("resolves/3")["version"], 2);
    assert_eq!(by_row("resolves/3")["by"]["role"], "chair");
    assert_eq!(by_row("preamble/p2")["choice"], Value::Null);
    assert_eq!(by_row("preamble/p1")["stale"], Value::Null);

    // The draft follows the decisions.
    let draft = chair.get(&format!("{api}/draft")).json();
    assert_eq!(draft["summary"]["conflict"], 0);
    assert_eq!(draft["summary"]["decided"], 3);
    let row = |id: &str| {
        draft["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["id"] == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(row("considering/b")["text"], "that the chair wrote this");
    assert_eq!(row("resolves/3")["decision"], json!({"accept": "afr"}));

    // Comments: chair and delegates alike, per row and all.
    let c = delegate.json(
        "POST",
        &format!("{api}/comments/resolves/3"),
        json!({"author": "Ann (CEPT)", "text": "We prefer 15 days."}),
    );
    assert_eq!(c.status, 201, "{}", c.text());
    assert_eq!(c.json()["role"], "delegate");
    assert_eq!(c.json()["author"], "Ann (CEPT)");
    let c2 = chair.json(
        "POST",
        &format!("{api}/comments/considering/b"),
        json!({"text": "Noted."}),
    );
    assert_eq!(c2.status, 201);
    assert_eq!(c2.json()["author"], "chair");
    assert_eq!(
        delegate
            .json(
                "POST",
                &format!("{api}/comments/resolves/3"),
                json!({"text": "  "})
            )
            .status,
        400
    );
    assert_eq!(
        delegate
            .json(
                "POST",
                &format!("{api}/comments/nowhere"),
                json!({"text": "x"})
            )
            .status,
        404
    );
    let on_row = delegate.get(&format!("{api}/comments/resolves/3")).json();
    assert_eq!(on_row["comments"].as_array().unwrap().len(), 1);
    assert_eq!(on_row["comments"][0]["text"], "We prefer 15 days.");
    assert_eq!(
        delegate.get(&format!("{api}/comments")).json()["comments"]
            .as_array()
            .unwrap()
            .len(),
        2
    );
    assert_eq!(
        delegate
            .get(&format!("{api}/comments?row=considering/b"))
            .json()["comments"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    // The chair's current row.
    let current = chair.json(
        "PUT",
        &format!("{api}/current-row"),
        json!({"row": "resolves/3"}),
    );
    assert_eq!(current.status, 200, "{}", current.text());
    assert_eq!(delegate.get(&api).json()["current_row"], "resolves/3");
    assert_eq!(
        chair
            .json(
                "PUT",
                &format!("{api}/current-row"),
                json!({"row": "nowhere"})
            )
            .status,
        404
    );

    // The exported decisions, replayed as `synoptic consolidate
    // --decisions` does, give the server's draft exactly.
    let toml = delegate.get(&format!("{api}/export/decisions.toml"));
    assert_eq!(toml.status, 200);
    let replayed = read_decisions::read(&toml.text()).unwrap();
    assert_eq!(replayed.rows.len(), 3, "{}", toml.text());
    let local_draft = consolidate(&local, Some(&replayed));
    assert!(local_draft.stale.is_empty(), "{:?}", local_draft.stale);
    assert_eq!(
        chair.get(&format!("{api}/draft")).text(),
        write_with(|b| draft_json::write(&local_draft, b))
    );
    let md = chair.get(&format!("{api}/export/draft.md"));
    assert_eq!(
        md.text(),
        write_with(|b| draft_markdown::write(&local_draft, b))
    );
    assert!(md.content_type.starts_with("text/markdown"));
    let txt = chair.get(&format!("{api}/export/draft.txt"));
    assert_eq!(
        txt.text(),
        write_with(|b| draft_text::write(&local_draft, b))
    );
    assert!(txt.text().contains("that the chair wrote this"));
    let docx = chair.get(&format!("{api}/export/draft.docx"));
    assert!(docx.body.starts_with(b"PK\x03\x04"));
    // Exports take a short-lived ticket in the query (links cannot send
    // headers), never the key itself.
    let t = ticket(&server, &m.id, &m.delegate);
    let by_query = Call::new(&server, None).get(&format!("{api}/export/draft.json?t={t}"));
    assert_eq!(by_query.status, 200, "{}", by_query.text());
    assert_eq!(by_query.json()["summary"]["decided"], 3);
    let by_key = Call::new(&server, None).get(&format!("{api}/export/draft.json?k={}", m.delegate));
    assert_eq!(by_key.status, 400);
    assert!(
        by_key.error().contains("no longer go in the address"),
        "{}",
        by_key.error()
    );
    let other = create(&server, "Another meeting");
    let elsewhere = Call::new(&server, None).get(&format!(
        "/api/meetings/{}/export/draft.json?t={t}",
        other.id
    ));
    assert_eq!(elsewhere.status, 403, "a ticket is for one meeting");
    let html = chair.get(&format!("{api}/export/synopsis.html"));
    assert!(html.text().contains("<title>Resolution 301</title>"));
    assert!(html.csp.contains("default-src 'none'"));
    assert_eq!(
        chair.get(&format!("{api}/export/synopsis.json")).text(),
        synopsis.text()
    );
    assert_eq!(chair.get(&format!("{api}/export/passwd")).status, 404);

    // The audit log: who did what, when, exportable as JSON and CSV.
    let audit = delegate.get(&format!("{api}/audit")).json();
    let actions: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(
        &actions[..5],
        ["created", "uploaded", "uploaded", "uploaded", "uploaded"]
    );
    assert!(
        actions.contains(&"decided")
            && actions.contains(&"cleared")
            && actions.contains(&"commented")
    );
    let decided = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["action"] == "decided")
        .unwrap();
    assert_eq!(decided["row"], "resolves/3");
    assert_eq!(decided["role"], "chair");
    assert!(decided["at"].as_str().unwrap().ends_with('Z'));
    let csv = chair.get(&format!("{api}/export/audit.csv"));
    assert!(csv
        .text()
        .starts_with("id,at,role,name,action,row,detail\r\n"));
    assert!(csv.text().contains(",commented,resolves/3,"));
    assert_eq!(
        chair.get(&format!("{api}/export/audit.json")).json()["entries"],
        audit["entries"]
    );

    // Documents: rename, change role, delete; the synopsis follows.
    let docs = chair.get(&format!("{api}/documents")).json();
    let cept = docs["documents"][3]["id"].as_i64().unwrap();
    let renamed = chair.json(
        "PATCH",
        &format!("{api}/documents/{cept}"),
        json!({"label": "CEPT"}),
    );
    assert_eq!(renamed.status, 200, "{}", renamed.text());
    assert_eq!(
        chair.get(&api).json()["proposals"],
        json!(["afr", "apt", "CEPT"])
    );
    let clash = chair.json(
        "PATCH",
        &format!("{api}/documents/{cept}"),
        json!({"label": "afr"}),
    );
    assert_eq!(clash.status, 409);
    let two_bases = chair.json(
        "PATCH",
        &format!("{api}/documents/{cept}"),
        json!({"role": "base"}),
    );
    assert_eq!(two_bases.status, 409);
    assert!(two_bases.error().contains("base already"));
    let deleted = chair.send(
        "DELETE",
        &format!("{api}/documents/{cept}"),
        "text/plain",
        Vec::new(),
    );
    assert_eq!(deleted.status, 200, "{}", deleted.text());
    assert_eq!(
        chair.get(&api).json()["documents"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        chair.get(&format!("{api}/synopsis")).json()["versions"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
    assert_eq!(
        chair
            .send(
                "DELETE",
                &format!("{api}/documents/{cept}"),
                "text/plain",
                Vec::new()
            )
            .status,
        404
    );
    // A retitled meeting.
    let retitled = chair.json("PATCH", &api, json!({"title": "Resolution 301 (Rev.)"}));
    assert_eq!(retitled.status, 200);
    assert_eq!(delegate.get(&api).json()["title"], "Resolution 301 (Rev.)");
    assert!(chair.get(&api).json()["revision"].as_i64().unwrap() > 10);
}

#[test]
fn cells_read_as_the_command_lines_views_show_them() {
    let server = Server::start(limits());
    let m = example_meeting(&server);
    let call = Call::new(&server, Some(&m.delegate));
    let reading = call.get(&format!("/api/meetings/{}/reading", m.id));
    assert_eq!(reading.status, 200, "{}", reading.text());
    let reading = reading.json();
    let local = local_synopsis();
    let mut folded = 0;
    for row in &local.rows {
        for cell in &row.cells {
            let shown = synoptic_formats::write::display_ops(cell);
            let sent = &reading["cells"][&row.id][cell.version.as_str()];
            if shown == cell.ops || cell.ops.is_empty() {
                assert_eq!(sent, &Value::Null, "{} {}", row.id, cell.version);
            } else {
                folded += 1;
                assert_eq!(
                    sent,
                    &serde_json::to_value(&shown).unwrap(),
                    "{} {}",
                    row.id,
                    cell.version
                );
            }
        }
    }
    assert!(folded > 0, "the example has changes that read as phrases");
    // "Geneva, 2022" → "New Delhi, 2024" reads as one change.
    let apt = &reading["cells"]["preamble/p1"]["v2"];
    let changes: Vec<(&str, &str)> = apt
        .as_array()
        .unwrap()
        .iter()
        .filter(|op| op["op"] != "equal")
        .map(|op| (op["op"].as_str().unwrap(), op["text"].as_str().unwrap()))
        .collect();
    assert_eq!(
        changes,
        [("delete", "Geneva, 2022"), ("insert", "New Delhi, 2024")],
        "{apt}"
    );
}
