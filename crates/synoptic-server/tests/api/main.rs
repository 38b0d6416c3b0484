//! The API against a real server on loopback: every route, every access
//! rule, the limits, escaping, live events, and the round trip of the
//! exported decisions through the command line's consolidation.
//!
//! Each test starts its own server in process on `127.0.0.1:0`, over a
//! fresh database file, and speaks plain HTTP to it with a real client.

// Test code may unwrap: a panic there is a failed test, not a crash.
#![allow(clippy::unwrap_used)]

use std::collections::HashMap;
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

mod access;
mod browser;
mod connections;
mod contributions;
mod flow;
mod hardening;
mod robustness;

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
        Server::start_at(db, limits, "127.0.0.1:0")
    }

    /// A server over `db` listening on `addr` (a restart on the address of
    /// one stopped).
    fn start_at(db: &Path, limits: Limits, addr: &str) -> Server {
        let addr = addr.to_string();
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
                let listener = tokio::net::TcpListener::bind(&addr).await.unwrap();
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

/// A ticket standing for `key` in meeting `id`, for the event stream and
/// downloads.
fn ticket(server: &Server, id: &str, key: &str) -> String {
    let r = Call::new(server, Some(key)).send(
        "POST",
        &format!("/api/meetings/{id}/tickets"),
        "text/plain",
        Vec::new(),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["expires_in"], 60);
    r.json()["ticket"].as_str().unwrap().to_string()
}

fn decide(call: &Call<'_>, meeting: &str, row: &str, choice: Value, expected: i64) -> Reply {
    call.json(
        "PUT",
        &format!("/api/meetings/{meeting}/decisions/{row}"),
        json!({"choice": choice, "expected_version": expected}),
    )
}

// ------------------------------------------------------------ the tests
