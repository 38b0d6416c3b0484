//! Escaping, live events, restarts, other inputs.

use super::*;

#[test]
fn text_from_uploads_and_comments_is_never_markup() {
    let server = Server::start(limits());
    let m = create(&server, "<script>alert('title')</script>");
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);
    let payload = "<script>alert(1)</script>";
    assert_eq!(
        chair
            .upload(&m.id, "base", None, "base.txt", &example("base.txt"))
            .status,
        201
    );
    let hostile = String::from_utf8(example("afr.txt"))
        .unwrap()
        .replace("Geneva", payload);
    let r = chair.upload(
        &m.id,
        "proposal",
        Some(payload),
        "\"><img src=x onerror=alert(1)>.txt",
        hostile.as_bytes(),
    );
    assert_eq!(r.status, 201, "{}", r.text());
    let c = chair.json(
        "POST",
        &format!("{api}/comments/resolves/3"),
        json!({"author": payload, "text": payload}),
    );
    assert_eq!(c.status, 201);

    // The pages hold no data and allow no inline script.
    let page = Call::new(&server, None).get(&format!("/m/{}", m.id));
    assert_eq!(page.status, 200);
    assert!(page.content_type.starts_with("text/html"));
    assert!(!page.text().contains("alert("));
    assert!(page.csp.contains("script-src 'self'"), "{}", page.csp);
    assert!(!page.csp.contains("unsafe-inline"));
    let landing = Call::new(&server, None).get("/");
    assert!(landing.text().contains("id=\"create-meeting\""));
    for asset in ["workbench.js", "landing.js"] {
        let js = Call::new(&server, None).get(&format!("/static/{asset}"));
        assert!(js.content_type.starts_with("text/javascript"));
        assert!(!js.text().contains("innerHTML"));
    }
    assert!(Call::new(&server, None)
        .get("/static/synopsis.css")
        .text()
        .contains("td.status-modified"));

    // The data comes back as data, exactly as sent.
    assert_eq!(
        chair.get(&api).json()["title"],
        "<script>alert('title')</script>"
    );
    assert!(chair
        .get(&format!("{api}/synopsis"))
        .text()
        .contains("<script>alert(1)</script>"));
    assert_eq!(
        chair.get(&format!("{api}/comments")).json()["comments"][0]["text"],
        payload
    );

    // The server-rendered synopsis escapes every one of them.
    let html = chair.get(&format!("{api}/export/synopsis.html")).text();
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"));
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
}

#[test]
fn every_open_browser_hears_of_a_decision() {
    let server = Server::start(limits());
    let m = example_meeting(&server);
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);

    // A wrong key gets no stream.
    assert_eq!(
        Call::new(&server, None)
            .get(&format!("{api}/events?t=wrong"))
            .status,
        403
    );

    let (lines_tx, lines) = mpsc::channel::<String>();
    let t = ticket(&server, &m.id, &m.delegate);
    let url = server.url(&format!("{api}/events?t={t}"));
    let reader = thread::spawn(move || {
        let response = ureq::Agent::config_builder()
            .http_status_as_error(false)
            // Bounded, so a stream that never ends fails the test.
            .timeout_global(Some(Duration::from_secs(60)))
            .build()
            .new_agent()
            .get(url)
            .call()
            .unwrap();
        assert_eq!(response.status().as_u16(), 200);
        let reader = BufReader::new(response.into_body().into_reader());
        for line in reader.lines() {
            let Ok(line) = line else { break };
            if lines_tx.send(line).is_err() {
                break;
            }
        }
    });
    let wait_for = |prefix: &str| -> String {
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let line = lines
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no {prefix:?} in time"));
            if line.starts_with(prefix) {
                return line;
            }
        }
    };
    wait_for("event: hello");
    let hello: Value =
        serde_json::from_str(wait_for("data: ").trim_start_matches("data: ")).unwrap();
    assert_eq!(hello["role"], "delegate");

    let started = Instant::now();
    assert_eq!(
        decide(&chair, &m.id, "resolves/3", json!({"accept": "apt"}), 0).status,
        200
    );
    wait_for("event: decision");
    let data: Value =
        serde_json::from_str(wait_for("data: ").trim_start_matches("data: ")).unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(data["row"], "resolves/3");
    assert_eq!(data["decision"]["choice"], json!({"accept": "apt"}));
    assert_eq!(data["decision"]["version"], 1);
    assert!(data["revision"].as_i64().unwrap() > hello["revision"].as_i64().unwrap());

    let delegate = Call::new(&server, Some(&m.delegate));
    delegate.json(
        "POST",
        &format!("{api}/comments/resolves/3"),
        json!({"text": "seen"}),
    );
    wait_for("event: comment");
    chair.json(
        "PUT",
        &format!("{api}/current-row"),
        json!({"row": "considering/b"}),
    );
    wait_for("event: current-row");
    assert!(wait_for("data: ").contains("considering/b"));
    chair.upload(
        &m.id,
        "proposal",
        Some("late"),
        "late.txt",
        &example("apt.txt"),
    );
    wait_for("event: documents");

    // Shutting down ends the stream, so the server does not wait for it.
    drop(server);
    reader.join().unwrap();
}

#[test]
fn everything_acknowledged_is_there_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kept.db");
    let mut server = Server::start_on(&db, limits());
    let m = example_meeting(&server);
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);
    assert_eq!(
        decide(&chair, &m.id, "resolves/3", json!({"accept": "cept"}), 0).status,
        200
    );
    assert_eq!(
        chair
            .json(
                "POST",
                &format!("{api}/comments/resolves/3"),
                json!({"text": "kept"})
            )
            .status,
        201
    );
    let draft = chair.get(&format!("{api}/draft")).text();
    server.stop();
    assert!(server.db.exists());

    let server = Server::start_on(&db, limits());
    let chair = Call::new(&server, Some(&m.chair));
    assert_eq!(chair.get(&format!("{api}/draft")).text(), draft);
    assert_eq!(
        chair.get(&format!("{api}/comments")).json()["comments"][0]["text"],
        "kept"
    );
    // The version carried on: a stale write is still refused.
    assert_eq!(
        decide(&chair, &m.id, "resolves/3", json!("base"), 0).status,
        409
    );
    assert_eq!(
        decide(&chair, &m.id, "resolves/3", json!("base"), 1).status,
        200
    );
}

#[test]
fn a_side_by_side_table_or_collatex_witnesses_make_a_meeting_too() {
    let server = Server::start(limits());
    let m = create(&server, "Imported");
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);
    // The reader's own small sample of a flattened table.
    let table = "Resolution 1 proposals side-by-side\n\n\tProposal 1 (MOD, ) (A)\n\tProposal 2 (MOD, D2) (B)\n\
        \tProposal 3 (MOD, D3) (C)\n\n\t\n\tMOD\tX/1/2\nRESOLUTION 1 (Rev. Busan, 2014Dubai, 2018)\n\
        \tRESOLUTION 1 (Rev. Busan, 2014)\n\n\t\n\tconsidering\na)\tthat one;\nbc)\tthat two;\n\
        \tconsidering\na)\tthat one;\nb)\tthat two;\n";
    let r = chair.upload(&m.id, "side-by-side", None, "table.txt", table.as_bytes());
    assert_eq!(r.status, 201, "{}", r.text());
    let info = chair.get(&api).json();
    assert_eq!(info["table_title"], "Resolution 1 proposals side-by-side");
    assert_eq!(info["synopsis_error"], Value::Null);
    // A table brings its own columns: nothing else may join it.
    let more = chair.upload(&m.id, "proposal", None, "x.txt", b"considering");
    assert_eq!(more.status, 409);

    // A Word table is read as the command line reads it: its base, and
    // each proposer's tracked changes as made (not recovered from text).
    let m = create(&server, "Imported from Word");
    let chair = Call::new(&server, Some(&m.chair));
    let word = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/side-by-side-docx/table.docx"),
    )
    .expect("the example table");
    let r = chair.upload(&m.id, "side-by-side", None, "table.docx", &word);
    assert_eq!(r.status, 201, "{}", r.text());
    let synopsis = chair
        .get(&format!("/api/meetings/{}/synopsis", m.id))
        .json();
    let tracked = synopsis["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .flat_map(|r| r["cells"].as_array().cloned().unwrap_or_default())
        .filter(|c| c["tracked"] == true)
        .count();
    assert!(tracked > 0, "{synopsis}");
    assert_eq!(synopsis["versions"][0]["role"], "base");

    let m = create(&server, "Witnesses");
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);
    assert_eq!(
        chair.get(&api).json()["synopsis_error"],
        "no documents yet: upload a base and the proposals"
    );
    let witnesses = r#"{"witnesses": [{"id": "1859", "content": "the origin of species"}, {"id": "1872", "content": "the origin of the species"}]}"#;
    let r = chair.upload(&m.id, "proposal", None, "darwin.json", witnesses.as_bytes());
    assert_eq!(r.status, 201, "{}", r.text());
    let info = chair.get(&api).json();
    assert_eq!(info["proposals"], json!(["1859", "1872"]));
    assert_eq!(info["base_inferred"], true);
}
