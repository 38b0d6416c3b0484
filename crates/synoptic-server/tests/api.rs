//! The API against a real server on loopback: every route, every access
//! rule, the limits, escaping, live events, and the round trip of the
//! exported decisions through the command line's consolidation.
//!
//! Each test starts its own server in process on `127.0.0.1:0`, over a
//! fresh database file, and speaks plain HTTP to it with a real client.

// Test code may unwrap: a panic there is a failed test, not a crash.
#![allow(clippy::unwrap_used)]

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use synoptic_core::consolidate::consolidate;
use synoptic_core::{compare, CompareOptions, VersionInput};
use synoptic_formats::read::{auto, decisions as read_decisions};
use synoptic_formats::write::{draft_json, draft_markdown, draft_text, json as synopsis_json};
use synoptic_server::{App, Limits};

mod browser;

// ------------------------------------------------------------ the harness

struct Server {
    base: String,
    db: PathBuf,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<thread::JoinHandle<()>>,
    _dir: Option<tempfile::TempDir>,
}

impl Server {
    fn start(limits: Limits) -> Server {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("meetings.db");
        let mut server = Server::start_on(&db, limits);
        server._dir = Some(dir);
        server
    }

    fn start_on(db: &Path, limits: Limits) -> Server {
        let app = App::open(db, limits).unwrap();
        let (addr_tx, addr_rx) = mpsc::channel::<SocketAddr>();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let thread = thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .unwrap();
            runtime.block_on(async move {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
                addr_tx.send(listener.local_addr().unwrap()).unwrap();
                synoptic_server::serve(listener, app, async {
                    let _ = stopped.await;
                })
                .await
                .unwrap();
            });
        });
        let addr = addr_rx.recv_timeout(Duration::from_secs(10)).unwrap();
        Server {
            base: format!("http://{addr}"),
            db: db.to_path_buf(),
            stop: Some(stop),
            thread: Some(thread),
            _dir: None,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Stops the server gracefully and waits for it.
    fn stop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            thread.join().unwrap();
        }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

fn limits() -> Limits {
    Limits {
        // The tests send many requests from one address.
        rate_per_second: 0.0,
        ..Limits::default()
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .into()
}

/// A response: status, headers we look at, and the body.
struct Reply {
    status: u16,
    content_type: String,
    csp: String,
    retry_after: Option<String>,
    body: Vec<u8>,
}

impl Reply {
    fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    fn error(&self) -> String {
        self.json()["error"].as_str().unwrap_or("").to_string()
    }
}

fn reply(response: Result<ureq::http::Response<ureq::Body>, ureq::Error>) -> Reply {
    let mut response = response.unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let content_type = header("content-type").unwrap_or_default();
    let csp = header("content-security-policy").unwrap_or_default();
    let retry_after = header("retry-after");
    let body = response
        .body_mut()
        .with_config()
        .limit(100 << 20)
        .read_to_vec()
        .unwrap();
    Reply {
        status: response.status().as_u16(),
        content_type,
        csp,
        retry_after,
        body,
    }
}

/// A request with optional key and extra headers.
struct Call<'a> {
    server: &'a Server,
    token: Option<&'a str>,
    headers: Vec<(&'static str, String)>,
}

impl<'a> Call<'a> {
    fn new(server: &'a Server, token: Option<&'a str>) -> Self {
        Call {
            server,
            token,
            headers: Vec::new(),
        }
    }

    fn header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.to_string()));
        self
    }

    fn get(&self, path: &str) -> Reply {
        let mut request = agent().get(self.server.url(path));
        if let Some(t) = self.token {
            request = request.header("X-Synoptic-Token", t);
        }
        for (k, v) in &self.headers {
            request = request.header(*k, v);
        }
        reply(request.call())
    }

    fn send(&self, method: &str, path: &str, content_type: &str, body: Vec<u8>) -> Reply {
        let url = self.server.url(path);
        let a = agent();
        let mut request = match method {
            "POST" => a.post(url),
            "PUT" => a.put(url),
            "PATCH" => a.patch(url),
            "DELETE" => a.delete(url).force_send_body(),
            other => panic!("method {other}"),
        };
        if let Some(t) = self.token {
            request = request.header("X-Synoptic-Token", t);
        }
        for (k, v) in &self.headers {
            request = request.header(*k, v);
        }
        reply(request.content_type(content_type).send(&body[..]))
    }

    fn json(&self, method: &str, path: &str, body: Value) -> Reply {
        self.send(
            method,
            path,
            "application/json",
            body.to_string().into_bytes(),
        )
    }

    fn upload(
        &self,
        meeting: &str,
        role: &str,
        label: Option<&str>,
        filename: &str,
        bytes: &[u8],
    ) -> Reply {
        let boundary = "----synoptic-test-boundary-7d1f";
        let mut body = Vec::new();
        let mut field = |name: &str, value: &str| {
            body.extend_from_slice(
                format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n")
                    .as_bytes(),
            );
        };
        field("role", role);
        if let Some(label) = label {
            field("label", label);
        }
        body.extend_from_slice(
            format!(
                "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
            )
            .as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        self.send(
            "POST",
            &format!("/api/meetings/{meeting}/documents"),
            &format!("multipart/form-data; boundary={boundary}"),
            body,
        )
    }
}

fn example(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/resolution")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

struct Meeting {
    id: String,
    chair: String,
    delegate: String,
}

fn create(server: &Server, title: &str) -> Meeting {
    let created = Call::new(server, None).json("POST", "/api/meetings", json!({"title": title}));
    assert_eq!(created.status, 201, "{}", created.text());
    let v = created.json();
    let id = v["id"].as_str().unwrap().to_string();
    let chair = v["chair_token"].as_str().unwrap().to_string();
    assert_eq!(v["chair_link"], format!("/m/{id}#k={chair}"));
    assert!(chair.len() >= 43, "a key of 256 bits");
    Meeting {
        id,
        delegate: v["delegate_token"].as_str().unwrap().to_string(),
        chair,
    }
}

/// A meeting with the example resolution and its three proposals.
fn example_meeting(server: &Server) -> Meeting {
    let m = create(server, "Resolution 301");
    let chair = Call::new(server, Some(&m.chair));
    for (role, file) in [
        ("base", "base.txt"),
        ("proposal", "afr.txt"),
        ("proposal", "apt.txt"),
        ("proposal", "cept.txt"),
    ] {
        let r = chair.upload(&m.id, role, None, file, &example(file));
        assert_eq!(r.status, 201, "{file}: {}", r.text());
    }
    m
}

/// The synopsis of the example as the command line makes it.
fn local_synopsis() -> synoptic_core::Synopsis {
    let read = |name: &str| VersionInput {
        label: name.trim_end_matches(".txt").to_string(),
        document: auto::document(name, &example(name), &auto::AutoOptions::default()).unwrap(),
    };
    let base = read("base.txt");
    let proposals = [read("afr.txt"), read("apt.txt"), read("cept.txt")];
    compare(Some(&base), &proposals, &CompareOptions::default()).unwrap()
}

fn write_with(f: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>) -> String {
    let mut buf = Vec::new();
    f(&mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

fn decide(call: &Call<'_>, meeting: &str, row: &str, choice: Value, expected: i64) -> Reply {
    call.json(
        "PUT",
        &format!("/api/meetings/{meeting}/decisions/{row}"),
        json!({"choice": choice, "expected_version": expected}),
    )
}

// ------------------------------------------------------------ the tests

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
    // Exports take the key as a query parameter too (links cannot send
    // headers).
    let by_query =
        Call::new(&server, None).get(&format!("{api}/export/draft.json?k={}", m.delegate));
    assert_eq!(by_query.status, 200);
    assert_eq!(by_query.json()["summary"]["decided"], 3);
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
fn access_rules() {
    let server = Server::start(limits());
    let m = example_meeting(&server);
    let api = format!("/api/meetings/{}", m.id);
    let chair = Call::new(&server, Some(&m.chair));
    let delegate = Call::new(&server, Some(&m.delegate));

    // A delegate reads and comments, and nothing else.
    assert_eq!(delegate.get(&format!("{api}/synopsis")).status, 200);
    let refused = decide(&delegate, &m.id, "resolves/3", json!("base"), 0);
    assert_eq!(refused.status, 403);
    assert!(
        refused.error().contains("only the chair"),
        "{}",
        refused.error()
    );
    assert_eq!(
        delegate
            .json(
                "DELETE",
                &format!("{api}/decisions/resolves/3"),
                json!({"expected_version": 0})
            )
            .status,
        403
    );
    assert_eq!(
        delegate
            .json(
                "PUT",
                &format!("{api}/current-row"),
                json!({"row": "resolves/3"})
            )
            .status,
        403
    );
    assert_eq!(
        delegate
            .upload(&m.id, "proposal", None, "x.txt", b"text")
            .status,
        403
    );
    assert_eq!(
        delegate
            .json("PATCH", &api, json!({"title": "mine"}))
            .status,
        403
    );
    assert_eq!(
        delegate
            .json(
                "PATCH",
                &format!("{api}/documents/1"),
                json!({"label": "x"})
            )
            .status,
        403
    );
    assert_eq!(
        delegate
            .send(
                "DELETE",
                &format!("{api}/documents/1"),
                "text/plain",
                Vec::new()
            )
            .status,
        403
    );
    assert_eq!(
        delegate
            .json(
                "POST",
                &format!("{api}/comments/resolves/3"),
                json!({"text": "ok"})
            )
            .status,
        201
    );

    // A wrong key, no key, another meeting's key, an unknown meeting: the
    // same 403, telling nothing apart.
    let wrong = Call::new(&server, Some("not-the-key")).get(&api);
    assert_eq!(wrong.status, 403);
    let missing = Call::new(&server, None).get(&api);
    assert_eq!(missing.status, 403);
    let other = create(&server, "Another");
    let crossed = Call::new(&server, Some(&other.chair)).get(&api);
    assert_eq!(crossed.status, 403);
    let unknown = chair.get("/api/meetings/AAAAAAAAAAAAAAAAAAAAAA");
    assert_eq!(unknown.status, 403);
    assert_eq!(unknown.error(), wrong.error());
    assert_eq!(missing.error(), wrong.error());
    assert_eq!(
        Call::new(&server, Some("../../etc"))
            .get("/api/meetings/..%2F..%2Fetc")
            .status,
        403
    );
    // Writes take the key from the header only: a link's query key does
    // not decide.
    let no_header = Call::new(&server, None).json(
        "PUT",
        &format!("{api}/decisions/resolves/3?k={}", m.chair),
        json!({"choice": "base", "expected_version": 0}),
    );
    assert_eq!(no_header.status, 403);
    // Reads by query key work only where documented (events, exports).
    assert_eq!(
        Call::new(&server, None)
            .get(&format!("{api}/draft?k={}", m.chair))
            .status,
        403
    );

    // Cross-site requests are refused, even with the right key.
    let evil = chair.clone_with("origin", "http://evil.example");
    let r = decide(&evil, &m.id, "resolves/3", json!("base"), 0);
    assert_eq!(r.status, 403);
    assert!(r.error().contains("cross-origin"), "{}", r.error());
    assert_eq!(evil.get(&api).status, 403);
    let null_origin = chair.clone_with("origin", "null");
    assert_eq!(
        decide(&null_origin, &m.id, "resolves/3", json!("base"), 0).status,
        403
    );
    let cross_site = chair.clone_with("sec-fetch-site", "cross-site");
    assert_eq!(
        decide(&cross_site, &m.id, "resolves/3", json!("base"), 0).status,
        403
    );
    let create_cross = Call::new(&server, None)
        .header("origin", "http://evil.example")
        .json("POST", "/api/meetings", json!({"title": "x"}));
    assert_eq!(create_cross.status, 403);
    // A form post (no JSON content type) cannot create a meeting either.
    let form = Call::new(&server, None).send(
        "POST",
        "/api/meetings",
        "application/x-www-form-urlencoded",
        b"title=x".to_vec(),
    );
    assert_eq!(form.status, 415);
    // The server's own origin is fine.
    let host = server.base.trim_start_matches("http://").to_string();
    let same = chair.clone_with("origin", &format!("http://{host}"));
    assert_eq!(
        decide(&same, &m.id, "resolves/3", json!("base"), 0).status,
        200
    );

    // Unknown routes answer JSON too; nothing maps to a file.
    let nothing = chair.get("/api/nothing");
    assert_eq!(nothing.status, 404);
    assert!(!nothing.error().is_empty());
    assert_eq!(chair.get("/static/..%2F..%2FCargo.toml").status, 404);
    assert_eq!(chair.get("/static/api.rs").status, 404);
    assert_eq!(chair.get("/../Cargo.toml").status, 404);
}

impl<'a> Call<'a> {
    fn clone_with(&self, name: &'static str, value: &str) -> Call<'a> {
        let mut call = Call::new(self.server, self.token);
        call.headers = self.headers.clone();
        call.header(name, value)
    }
}

#[test]
fn limits_are_enforced_with_clear_errors() {
    let server = Server::start(Limits {
        max_file_bytes: 64 << 10,
        max_json_bytes: 4 << 10,
        ..limits()
    });
    let m = create(&server, "Limits");
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);

    let big = vec![b'a'; (64 << 10) + 1];
    let r = chair.upload(&m.id, "proposal", None, "big.txt", &big);
    assert_eq!(r.status, 413, "{}", r.text());
    assert!(r.content_type.starts_with("application/json"));
    assert_eq!(r.error(), "big.txt: over the limit of 64 KiB per file");
    let ok = chair.upload(&m.id, "proposal", None, "fits.txt", &vec![b'a'; 1000]);
    assert_eq!(ok.status, 201, "{}", ok.text());
    // Far over the limit too, the upload is read to its end and refused
    // with the same clear error (not a connection reset).
    let huge = chair.upload(&m.id, "proposal", None, "huge.txt", &vec![b'a'; 4 << 20]);
    assert_eq!(huge.status, 413, "{}", huge.text());
    assert_eq!(huge.error(), "huge.txt: over the limit of 64 KiB per file");

    let long = "x".repeat(5000);
    let r = chair.json(
        "POST",
        &format!("{api}/comments/preamble/p1"),
        json!({"text": long}),
    );
    assert_eq!(r.status, 413, "{}", r.text());
    assert_eq!(r.error(), "request body over the limit of 4096 bytes");

    // Files Synoptic cannot read are refused at once, naming the file.
    let broken = chair.upload(
        &m.id,
        "proposal",
        None,
        "broken.docx",
        b"PK\x03\x04 not really",
    );
    assert_eq!(broken.status, 422, "{}", broken.text());
    assert!(
        broken.error().starts_with("broken.docx: "),
        "{}",
        broken.error()
    );
    let json_file = chair.upload(&m.id, "proposal", None, "notes.json", b"{\"a\": 1}");
    assert_eq!(json_file.status, 422);
    assert!(json_file.error().contains("CollateX"));
    let role = chair.upload(&m.id, "appendix", None, "a.txt", b"x");
    assert_eq!(role.status, 400);
    let invalid = chair.upload(&m.id, "proposal", Some("bad"), "bad.txt", b"ab\xffcd");
    assert_eq!(invalid.status, 422);
    assert_eq!(
        invalid.error(),
        "bad.txt: not valid UTF-8 at byte 2 (save the file as UTF-8)"
    );

    // The rate limit per client address.
    let limited = Server::start(Limits {
        // One request every ten seconds after a burst of three.
        rate_per_second: 0.1,
        rate_burst: 3.0,
        ..Limits::default()
    });
    let statuses: Vec<u16> = (0..6)
        .map(|_| Call::new(&limited, None).get("/healthz").status)
        .collect();
    assert_eq!(&statuses[..3], [200, 200, 200], "{statuses:?}");
    let refused = Call::new(&limited, None).get("/api/meetings/x");
    assert_eq!(refused.status, 429);
    assert!(
        refused
            .error()
            .starts_with("too many requests from 127.0.0.1"),
        "{}",
        refused.error()
    );
    assert!(refused.retry_after.is_some());
}

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
            .get(&format!("{api}/events?k=wrong"))
            .status,
        403
    );

    let (lines_tx, lines) = mpsc::channel::<String>();
    let url = server.url(&format!("{api}/events?k={}", m.delegate));
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
