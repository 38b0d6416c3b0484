//! The workbench on the open internet (issue 17): the limits before any
//! expensive work, creation restricted and atomic, meetings deleted, every
//! error JSON, direction overrides removed, comments hidden and deleted,
//! decisions that follow a renamed document, event streams that resume,
//! and client addresses behind a proxy (slow clients and errors below the
//! routes: `connections.rs`).

use std::io::Read;

use super::*;

/// A multipart body of text fields and files, and its content type.
pub(super) fn multipart(
    fields: &[(&str, &str)],
    files: &[(&str, &str, &[u8])],
) -> (String, Vec<u8>) {
    let boundary = "----synoptic-hardening-boundary-41c9";
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                .as_bytes(),
        );
    }
    for (field, filename, bytes) in files {
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// How many meetings the server's database holds.
pub(super) fn meetings_in(server: &Server) -> i64 {
    let conn = rusqlite::Connection::open(&server.db).unwrap();
    conn.query_row("SELECT COUNT(*) FROM meetings", [], |r| r.get(0))
        .unwrap()
}

/// A bill of `n` numbered clauses, one a line.
fn bill(n: usize) -> Vec<u8> {
    let mut text = String::from("AN ACT to regulate the licensing of small ferries\n");
    for i in 1..=n {
        text.push_str(&format!(
            "{i}. The operator shall keep a log of crossing {i}.\n"
        ));
    }
    text.into_bytes()
}

#[test]
fn uploads_are_bounded_before_any_expensive_work() {
    let server = Server::start(Limits {
        max_paragraphs: 200,
        ..limits()
    });
    let m = create(&server, "Ferries Act");
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);

    // The attack, scaled: a file of tiny paragraphs is refused
    // with a clear error, at once, and nothing is stored.
    let tiny: Vec<u8> = "a\n".repeat(300_000).into_bytes();
    let started = Instant::now();
    let r = chair.upload(&m.id, "proposal", None, "tiny.txt", &tiny);
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.content_type.starts_with("application/json"));
    assert!(
        r.error()
            .starts_with("tiny.txt: 300000 lines, more than 20 per paragraph of the limit of 200"),
        "{}",
        r.error()
    );
    assert!(started.elapsed() < Duration::from_secs(10));
    // Within what a text could hold, it is read and its paragraphs counted.
    let r = chair.upload(&m.id, "proposal", None, "long.txt", &bill(200));
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(r.error(), "long.txt: 201 paragraphs, over the limit of 200");
    assert_eq!(
        chair.get(&format!("{api}/documents")).json()["documents"],
        json!([])
    );

    // An empty file is no proposal.
    let empty = chair.upload(&m.id, "proposal", None, "blank.txt", b"  \n\n");
    assert_eq!(empty.status, 422, "{}", empty.text());
    assert!(empty.error().contains("blank.txt: the file is empty"));

    // The synopsis work of a meeting: paragraphs of all its versions times
    // their number.
    let small = Server::start(Limits {
        max_cells: 500,
        ..limits()
    });
    let m = create(&small, "Ferries Act");
    let chair = Call::new(&small, Some(&m.chair));
    // 101 paragraphs: 101, then 202 × 2 = 404 cells.
    assert_eq!(
        chair
            .upload(&m.id, "base", None, "base.txt", &bill(100))
            .status,
        201
    );
    assert_eq!(
        chair
            .upload(&m.id, "proposal", None, "north.txt", &bill(100))
            .status,
        201
    );
    // A third version would make 303 × 3 = 909 cells.
    let third = chair.upload(&m.id, "proposal", None, "south.txt", &bill(100));
    assert_eq!(third.status, 413, "{}", third.text());
    assert!(
        third.error().contains("up to 909 cells") && third.error().contains("limit of 500"),
        "{}",
        third.error()
    );
    let info = chair.get(&format!("/api/meetings/{}", m.id)).json();
    assert_eq!(info["documents"].as_array().unwrap().len(), 2);
    assert_eq!(info["limits"]["max_cells"], 500);

    // Versions per meeting.
    let few = Server::start(Limits {
        max_documents: 2,
        ..limits()
    });
    let m = create(&few, "Ferries Act");
    let chair = Call::new(&few, Some(&m.chair));
    for name in ["a.txt", "b.txt"] {
        assert_eq!(
            chair.upload(&m.id, "proposal", None, name, &bill(3)).status,
            201
        );
    }
    let r = chair.upload(&m.id, "proposal", None, "c.txt", &bill(3));
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.error().contains("at most 2 documents"), "{}", r.error());

    // The storage quota: writes that add data are refused with 507.
    let full = Server::start(Limits {
        max_storage_bytes: 1,
        ..limits()
    });
    let r = Call::new(&full, None).json("POST", "/api/meetings", json!({"title": "x"}));
    assert_eq!(r.status, 507, "{}", r.text());
    assert!(
        r.error().starts_with("the server's storage is full"),
        "{}",
        r.error()
    );
}

#[test]
fn the_cache_gives_way_when_memory_is_needed() {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let app = App::new(
        synoptic_server::Store::in_memory().unwrap(),
        Limits {
            // Less than one synopsis: only the one just asked for stays.
            max_cache_bytes: 1,
            ..limits()
        },
    );
    let by = synoptic_server::store::Actor {
        role: synoptic_server::store::Role::Chair,
        name: None,
    };
    let mut ids = Vec::new();
    for title in ["Ferries Act", "Harbours Act"] {
        let created = app.store().create_meeting(title, &by).unwrap();
        app.store()
            .with(|conn| {
                let tx = synoptic_server::store::write(conn)?;
                for (role, label) in [
                    (synoptic_server::store::DocRole::Base, "base"),
                    (synoptic_server::store::DocRole::Proposal, "north"),
                ] {
                    let document = synoptic_server::NewDocument {
                        role,
                        label: label.into(),
                        filename: format!("{label}.txt"),
                        bytes: bill(5),
                    };
                    synoptic_server::store::insert_document(&tx, &created.id, &document)?;
                }
                synoptic_server::store::bump(&tx, &created.id, true, false)?;
                tx.commit().map_err(synoptic_server::StoreError::from)?;
                Ok(())
            })
            .unwrap();
        ids.push(created.id);
    }
    runtime.block_on(async {
        let first = app.room(&ids[0]).await.unwrap().unwrap();
        let second = app.room(&ids[1]).await.unwrap().unwrap();
        let one = app.synopsis(&first).await.unwrap();
        assert!(first.cached_bytes() > 0);
        app.synopsis(&second).await.unwrap();
        assert!(second.cached_bytes() > 0);
        assert_eq!(first.cached_bytes(), 0, "the older cache is dropped");
        // Asked again, it is computed again, the same.
        let again = app.synopsis(&first).await.unwrap();
        assert_eq!(again.json, one.json);
        assert_eq!(second.cached_bytes(), 0);
    });
}

#[test]
fn creating_a_meeting_may_need_the_servers_key() {
    let key = "harbour-master-7f3a91c2";
    let server = Server::start(Limits {
        create_key: Some(key.into()),
        ..limits()
    });
    let anyone = Call::new(&server, None);
    assert_eq!(
        anyone.get("/api/server").json()["create_key_required"],
        true
    );
    let refused = anyone.json("POST", "/api/meetings", json!({"title": "x"}));
    assert_eq!(refused.status, 403, "{}", refused.text());
    assert!(refused.error().contains("creation key"));
    let wrong = anyone
        .clone_key("X-Synoptic-Create-Key", "harbour-master-0000")
        .json("POST", "/api/meetings", json!({"title": "x"}));
    assert_eq!(wrong.status, 403);
    let by_header = anyone.clone_key("X-Synoptic-Create-Key", key).json(
        "POST",
        "/api/meetings",
        json!({"title": "x"}),
    );
    assert_eq!(by_header.status, 201, "{}", by_header.text());
    let (kind, body) = multipart(&[("title", "Harbours"), ("create_key", key)], &[]);
    assert_eq!(
        anyone.send("POST", "/api/meetings", &kind, body).status,
        201
    );
    assert_eq!(meetings_in(&server), 2);
    // Without --create-key, creation is open (and says so).
    let open = Server::start(limits());
    assert_eq!(
        Call::new(&open, None).get("/api/server").json()["create_key_required"],
        false
    );
}

impl Call<'_> {
    fn clone_key(&self, name: &'static str, value: &str) -> Call<'_> {
        let mut call = Call::new(self.server, self.token);
        call.headers = self.headers.clone();
        call.header(name, value)
    }
}

#[test]
fn a_meeting_is_created_whole_or_not_at_all() {
    let server = Server::start(limits());
    let anyone = Call::new(&server, None);
    let (kind, body) = multipart(
        &[("title", "Resolution 301"), ("by", "Chair Okafor")],
        &[
            ("base", "base.txt", &example("base.txt")),
            ("proposal", "afr.txt", &example("afr.txt")),
            ("proposal", "broken.docx", b"PK\x03\x04 not a document"),
        ],
    );
    let r = anyone.send("POST", "/api/meetings", &kind, body);
    assert_eq!(r.status, 422, "{}", r.text());
    assert!(r.error().starts_with("broken.docx: "), "{}", r.error());
    assert_eq!(meetings_in(&server), 0, "nothing half made");

    let (kind, body) = multipart(
        &[("title", "Resolution 301"), ("by", "Chair Okafor")],
        &[
            ("base", "base.txt", &example("base.txt")),
            ("proposal", "afr.txt", &example("afr.txt")),
            ("proposal", "apt.txt", &example("apt.txt")),
            ("proposal", "cept.txt", &example("cept.txt")),
        ],
    );
    let r = anyone.send("POST", "/api/meetings", &kind, body);
    assert_eq!(r.status, 201, "{}", r.text());
    let created = r.json();
    assert_eq!(created["documents"].as_array().unwrap().len(), 4);
    let chair = created["chair_token"].as_str().unwrap();
    let id = created["id"].as_str().unwrap();
    let info = Call::new(&server, Some(chair))
        .get(&format!("/api/meetings/{id}"))
        .json();
    assert_eq!(info["proposals"], json!(["afr", "apt", "cept"]));
    assert_eq!(info["conflict_rows"], json!(["resolves/3"]));
    let audit = Call::new(&server, Some(chair))
        .get(&format!("/api/meetings/{id}/audit"))
        .json();
    let names: Vec<&str> = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(names, ["Chair Okafor"; 5], "{audit}");
}

#[test]
fn the_chair_deletes_a_meeting_and_all_it_holds() {
    let server = Server::start(limits());
    let m = example_meeting(&server);
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);
    decide(&chair, &m.id, "resolves/3", json!({"accept": "cept"}), 0);
    let by_delegate =
        Call::new(&server, Some(&m.delegate)).send("DELETE", &api, "text/plain", Vec::new());
    assert_eq!(by_delegate.status, 403);

    // An open stream hears of it and ends.
    let t = ticket(&server, &m.id, &m.delegate);
    let url = server.url(&format!("{api}/events?t={t}"));
    let reader = thread::spawn(move || {
        let response = agent().get(url).call().unwrap();
        let mut text = String::new();
        let _ = response.into_body().into_reader().read_to_string(&mut text);
        text
    });
    thread::sleep(Duration::from_millis(300));
    let r = chair.send("DELETE", &api, "text/plain", Vec::new());
    assert_eq!(r.status, 200, "{}", r.text());
    let heard = reader.join().unwrap();
    assert!(heard.contains("event: deleted"), "{heard}");

    assert_eq!(chair.get(&api).status, 403);
    let conn = rusqlite::Connection::open(&server.db).unwrap();
    for table in ["meetings", "documents", "decisions", "comments", "audit"] {
        let key = if table == "meetings" {
            "id"
        } else {
            "meeting_id"
        };
        let left: i64 = conn
            .query_row(
                &format!("SELECT COUNT(*) FROM {table} WHERE {key} = ?1"),
                [&m.id],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(left, 0, "{table}");
    }
}

#[test]
fn every_error_is_json() {
    let server = Server::start(limits());
    let m = example_meeting(&server);
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);
    for (method, path) in [
        ("PUT", "/api/meetings".to_string()),
        ("POST", format!("{api}/synopsis")),
        ("POST", "/".to_string()),
        ("DELETE", "/static/workbench.js".to_string()),
    ] {
        let r = chair.send(method, &path, "application/json", b"{}".to_vec());
        assert_eq!(r.status, 405, "{method} {path}: {}", r.text());
        assert!(
            r.content_type.starts_with("application/json"),
            "{method} {path}"
        );
        assert!(!r.error().is_empty());
    }
    for path in [
        format!("{api}/comments?row=a&bogus=1"),
        format!("{api}/export/draft.md?since=soon"),
        format!("{api}/events?since=yesterday"),
    ] {
        let r = chair.get(&path);
        assert_eq!(r.status, 400, "{path}: {}", r.text());
        assert!(r.error().starts_with("bad query"), "{path}: {}", r.error());
    }
    let r = chair.send(
        "DELETE",
        &format!("{api}/decisions/resolves/3?expected_version=two"),
        "text/plain",
        Vec::new(),
    );
    assert_eq!(r.status, 400);
    assert!(r.content_type.starts_with("application/json"));
}

#[test]
fn direction_overrides_are_removed_from_names_and_comments() {
    let server = Server::start(limits());
    let m = example_meeting(&server);
    let delegate = Call::new(&server, Some(&m.delegate));
    let api = format!("/api/meetings/{}", m.id);
    let r = delegate.json(
        "POST",
        &format!("{api}/comments/resolves/3"),
        json!({"text": "agree \u{202E}txet desrever\u{202C} here", "author": "\u{2067}Dr. Haddad\u{2069}"}),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(r.json()["text"], "agree txet desrever here");
    assert_eq!(r.json()["author"], "Dr. Haddad");
    let chair = Call::new(&server, Some(&m.chair));
    let r = chair.json("PATCH", &api, json!({"title": "Res\u{202D}olution 301"}));
    assert_eq!(r.json()["title"], "Resolution 301");
}

#[test]
fn the_chair_hides_a_comment_and_its_poster_deletes_it() {
    let server = Server::start(limits());
    let m = example_meeting(&server);
    let chair = Call::new(&server, Some(&m.chair));
    let delegate = Call::new(&server, Some(&m.delegate));
    let api = format!("/api/meetings/{}", m.id);
    let posted = delegate.json(
        "POST",
        &format!("{api}/comments/resolves/3"),
        json!({"text": "Fifteen days is too short for us", "author": "Ms. Ito"}),
    );
    assert_eq!(posted.status, 201);
    let id = posted.json()["id"].as_i64().unwrap();
    let owner = posted.json()["owner_key"].as_str().unwrap().to_string();
    let other = delegate.json(
        "POST",
        &format!("{api}/comments/resolves/3"),
        json!({"text": "spam spam spam"}),
    );
    let spam = other.json()["id"].as_i64().unwrap();

    // Hiding is the chair's.
    let hide = json!({"hidden": true});
    assert_eq!(
        delegate
            .json("PATCH", &format!("{api}/comment/{spam}"), hide.clone())
            .status,
        403
    );
    let hidden = chair.json("PATCH", &format!("{api}/comment/{spam}"), hide);
    assert_eq!(hidden.status, 200, "{}", hidden.text());
    assert_eq!(hidden.json()["hidden"], true);
    let seen = |call: &Call<'_>| -> Vec<i64> {
        call.get(&format!("{api}/comments/resolves/3")).json()["comments"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["id"].as_i64().unwrap())
            .collect()
    };
    assert_eq!(seen(&delegate), [id]);
    assert_eq!(seen(&chair), [id, spam]);

    // Deleting is the poster's, with the key its posting gave.
    let path = format!("{api}/comment/{id}");
    assert_eq!(
        delegate
            .send("DELETE", &path, "text/plain", Vec::new())
            .status,
        403
    );
    assert_eq!(
        chair
            .clone_key("X-Synoptic-Comment-Key", "not-the-owner")
            .send("DELETE", &path, "text/plain", Vec::new())
            .status,
        403
    );
    let deleted = delegate.clone_key("X-Synoptic-Comment-Key", &owner).send(
        "DELETE",
        &path,
        "text/plain",
        Vec::new(),
    );
    assert_eq!(deleted.status, 200, "{}", deleted.text());
    assert!(seen(&delegate).is_empty());
    let actions: Vec<String> = chair.get(&format!("{api}/audit")).json()["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap().to_string())
        .collect();
    assert!(actions.contains(&"hid-comment".to_string()), "{actions:?}");
    assert!(
        actions.contains(&"deleted-comment".to_string()),
        "{actions:?}"
    );
}

#[test]
fn decisions_follow_a_renamed_proposal_and_say_when_it_is_gone() {
    let server = Server::start(limits());
    let m = example_meeting(&server);
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);
    assert_eq!(
        decide(&chair, &m.id, "resolves/3", json!({"accept": "cept"}), 0).status,
        200
    );
    let documents = chair.get(&format!("{api}/documents")).json();
    let cept = documents["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["label"] == "cept")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let renamed = chair.json(
        "PATCH",
        &format!("{api}/documents/{cept}"),
        json!({"label": "CEPT"}),
    );
    assert_eq!(renamed.status, 200, "{}", renamed.text());
    let draft = chair.get(&format!("{api}/draft")).json();
    assert_eq!(draft["summary"]["decided"], 1, "{}", draft["stale"]);
    assert_eq!(draft["summary"]["conflict"], 0);
    let decisions = chair.get(&format!("{api}/decisions")).json();
    let d = &decisions["decisions"][0];
    assert_eq!(d["choice"], json!({"accept": "CEPT"}));
    assert_eq!(d["document"], cept);
    assert_eq!(d["stale"], Value::Null);

    // Deleted, the proposal no longer decides the row, and a new document
    // labelled as the old one was does not inherit the decision.
    chair.send(
        "DELETE",
        &format!("{api}/documents/{cept}"),
        "text/plain",
        Vec::new(),
    );
    chair.upload(
        &m.id,
        "proposal",
        Some("cept"),
        "cept.txt",
        &example("cept.txt"),
    );
    let draft = chair.get(&format!("{api}/draft")).json();
    assert_eq!(
        draft["summary"]["decided"].as_i64().unwrap_or(0),
        0,
        "{draft}"
    );
    assert_eq!(draft["summary"]["conflict"], 1);
    let decisions = chair.get(&format!("{api}/decisions")).json();
    let d = &decisions["decisions"][0];
    assert_eq!(d["choice"], json!({"accept": "CEPT (deleted)"}));
    assert!(
        d["stale"]
            .as_str()
            .is_some_and(|s| s.contains("not applied")),
        "{d}"
    );
    let md = chair.get(&format!("{api}/export/draft.md")).text();
    assert!(
        md.contains("## Decisions not applied\n\n- row resolves/3: not applied: "),
        "{md}"
    );
    let txt = chair.get(&format!("{api}/export/draft.txt")).text();
    assert!(
        txt.contains("Decisions not applied:\n\n- row resolves/3: not applied: "),
        "{txt}"
    );
    // The Word draft ends with the same list.
    let docx = chair.get(&format!("{api}/export/draft.docx")).body;
    let read = synoptic_formats::read::docx::read(&docx, &Default::default()).unwrap();
    let texts: Vec<String> = read
        .sections
        .iter()
        .flat_map(|s| s.opener.iter().chain(&s.paragraphs))
        .map(|p| p.text.to_string())
        .collect();
    let at = texts
        .iter()
        .position(|t| t == "Decisions not applied")
        .unwrap_or_else(|| panic!("{texts:?}"));
    assert!(
        texts[at + 1].starts_with("row resolves/3: not applied: "),
        "{texts:?}"
    );
}

/// Reads server-sent event lines from `url` on a thread of its own.
fn listen(url: String, extra: Option<(&'static str, String)>) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel::<String>();
    thread::spawn(move || {
        let mut request = agent().get(url);
        if let Some((name, value)) = extra {
            request = request.header(name, value);
        }
        let response = request.call().unwrap();
        let reader = BufReader::new(response.into_body().into_reader());
        for line in reader.lines() {
            let Ok(line) = line else { break };
            if tx.send(line).is_err() {
                break;
            }
        }
    });
    rx
}

/// The events (name, id) received until `last` is seen.
fn events_until(lines: &mpsc::Receiver<String>, last: &str) -> Vec<(String, String)> {
    let deadline = Instant::now() + Duration::from_secs(5);
    let mut out = Vec::new();
    let mut name = String::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        let line = lines
            .recv_timeout(left)
            .unwrap_or_else(|_| panic!("no {last:?} in time; saw {out:?}"));
        if let Some(n) = line.strip_prefix("event: ") {
            name = n.to_string();
            if name == last && last == "resync" {
                out.push((name.clone(), String::new()));
                return out;
            }
        } else if let Some(id) = line.strip_prefix("id: ") {
            out.push((name.clone(), id.to_string()));
            if name == last {
                return out;
            }
        } else if line.starts_with("data: ") && name == "hello" {
            out.push((name.clone(), String::new()));
            if last == "hello" {
                return out;
            }
        }
    }
}

#[test]
fn a_reconnecting_stream_gets_what_it_missed() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meetings.db");
    let mut server = Server::start_on(&db, limits());
    let m = example_meeting(&server);
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);
    let at = chair.get(&api).json()["revision"].as_i64().unwrap();
    // Three decisions while this client was away…
    for (row, choice) in [
        ("resolves/3", json!({"accept": "apt"})),
        ("preamble/p2", json!("base")),
        (
            "considering/b",
            json!({"text": "that the chair wrote this"}),
        ),
    ] {
        assert_eq!(decide(&chair, &m.id, row, choice, 0).status, 200);
    }
    // … come first when it reconnects from where it was, each with its
    // revision as id.
    let t = ticket(&server, &m.id, &m.delegate);
    let lines = listen(server.url(&format!("{api}/events?t={t}&since={at}")), None);
    let seen = events_until(&lines, "decision");
    let later = events_until(&lines, "decision");
    let last = events_until(&lines, "decision");
    assert_eq!(seen[0].0, "hello");
    let ids: Vec<String> = [&seen, &later, &last]
        .iter()
        .map(|e| e.last().unwrap().1.clone())
        .collect();
    assert_eq!(
        ids,
        [
            (at + 1).to_string(),
            (at + 2).to_string(),
            (at + 3).to_string()
        ]
    );
    // `Last-Event-ID` (what EventSource sends by itself) works the same.
    let t = ticket(&server, &m.id, &m.delegate);
    let lines = listen(
        server.url(&format!("{api}/events?t={t}")),
        Some(("Last-Event-ID", (at + 2).to_string())),
    );
    let seen = events_until(&lines, "decision");
    assert_eq!(seen.last().unwrap().1, (at + 3).to_string());

    // After a restart the server no longer has those events: it says so.
    server.stop();
    let server = Server::start_on(&db, limits());
    let t = ticket(&server, &m.id, &m.delegate);
    let lines = listen(server.url(&format!("{api}/events?t={t}&since={at}")), None);
    let seen = events_until(&lines, "resync");
    assert_eq!(seen.last().unwrap().0, "resync");
}

#[test]
fn behind_a_proxy_the_forwarded_address_is_the_client() {
    let strict = Limits {
        rate_per_second: 0.01,
        rate_burst: 1.0,
        ..Limits::default()
    };
    let create = |server: &Server, from: &str| {
        Call::new(server, None)
            .header("X-Forwarded-For", from)
            .json("POST", "/api/meetings", json!({}))
    };
    // Not trusted: every client is the proxy's address.
    let server = Server::start(strict.clone());
    assert_eq!(create(&server, "198.51.100.7").status, 201);
    let r = create(&server, "198.51.100.8");
    assert_eq!(r.status, 429);
    assert!(r.error().contains("127.0.0.1"), "{}", r.error());
    // Trusted: each forwarded address has its own bucket.
    let server = Server::start(Limits {
        trust_proxy: true,
        ..strict
    });
    assert_eq!(create(&server, "198.51.100.7").status, 201);
    let r = create(&server, "203.0.113.1, 198.51.100.7");
    assert_eq!(r.status, 429);
    assert!(r.error().contains("198.51.100.7"), "{}", r.error());
    assert_eq!(create(&server, "198.51.100.8").status, 201);
}

#[test]
fn one_address_cannot_hold_every_event_stream() {
    let server = Server::start(Limits {
        max_streams_per_address: 2,
        ..limits()
    });
    let m = example_meeting(&server);
    let api = format!("/api/meetings/{}", m.id);
    let open = |server: &Server| {
        let t = ticket(server, &m.id, &m.delegate);
        listen(server.url(&format!("{api}/events?t={t}")), None)
    };
    let first = open(&server);
    let second = open(&server);
    events_until(&first, "hello");
    events_until(&second, "hello");
    let t = ticket(&server, &m.id, &m.delegate);
    let third = Call::new(&server, None).get(&format!("{api}/events?t={t}"));
    assert_eq!(third.status, 429, "{}", third.text());
    assert!(
        third
            .error()
            .starts_with("too many event streams open from 127.0.0.1"),
        "{}",
        third.error()
    );
}
