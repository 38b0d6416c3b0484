//! `synoptic serve` as run from the command line: the demo meeting, and a
//! crash test — the server is killed with SIGKILL while decisions are being
//! posted, restarted on the same database, and every decision it had
//! acknowledged must be there. (The API itself is tested route by route in
//! `crates/synoptic-server/tests/api/`.) Also: a creation key read from a
//! file restricts new meetings.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, ChildStdout, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use serde_json::{json, Value};

/// A running `synoptic serve` and what it printed.
struct Served {
    child: Child,
    /// `http://127.0.0.1:PORT`
    origin: String,
    /// The demo meeting's id and chair key.
    meeting: String,
    chair: String,
    delegate_link: String,
    _stdout: BufReader<ChildStdout>,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(db: &Path) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_synoptic"))
        .args([
            "serve",
            "--addr",
            "127.0.0.1:0",
            "--demo",
            "--rate-limit",
            "0",
            "--db",
        ])
        .arg(db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start synoptic serve");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let (mut origin, mut chair_link, mut delegate_link) = (None, None, None);
    let mut line = String::new();
    while stdout.read_line(&mut line).expect("read stdout") > 0 {
        if let Some(rest) = line.split("listening on ").nth(1) {
            origin = rest.split('/').take(3).collect::<Vec<_>>().join("/").into();
        } else if line.contains("chair link") {
            chair_link = line.split_whitespace().last().map(str::to_string);
        } else if line.contains("delegate link") {
            delegate_link = line.split_whitespace().last().map(str::to_string);
        } else if line.starts_with("Press Ctrl-C") {
            break;
        }
        line.clear();
    }
    let origin: String = origin.expect("the address it listens on");
    let chair_link = chair_link.expect("the chair link");
    let (path, key) = chair_link.split_once("#k=").expect("a key in the fragment");
    let meeting = path.rsplit('/').next().expect("the meeting id").to_string();
    assert!(origin.starts_with("http://127.0.0.1:"), "{origin}");
    Served {
        child,
        origin,
        meeting,
        chair: key.to_string(),
        delegate_link: delegate_link.expect("the delegate link"),
        _stdout: stdout,
    }
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(5)))
        .build()
        .into()
}

fn get(served: &Served, path: &str) -> Value {
    let mut response = agent()
        .get(format!(
            "{}/api/meetings/{}{path}",
            served.origin, served.meeting
        ))
        .header("X-Synoptic-Token", &served.chair)
        .call()
        .expect("GET");
    assert_eq!(response.status().as_u16(), 200);
    serde_json::from_str(&response.body_mut().read_to_string().expect("body")).expect("JSON")
}

/// A decision the server acknowledged (200).
#[derive(Debug, Clone)]
struct Ack {
    row: String,
    version: i64,
    text: String,
}

#[test]
fn serve_demo_prints_links_and_keeps_one_meeting() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("demo.db");
    let first = serve(&db);
    assert!(first
        .delegate_link
        .starts_with(&format!("{}/m/{}#k=", first.origin, first.meeting)));
    let page = agent().get(&first.delegate_link).call().expect("page");
    assert_eq!(page.status().as_u16(), 200);
    let info = get(&first, "");
    assert_eq!(info["documents"].as_array().map(Vec::len), Some(4));
    assert_eq!(info["proposals"], json!(["afr", "apt", "cept"]));
    let meeting = first.meeting.clone();
    drop(first);
    // A second --demo on the same database finds the same meeting.
    let second = serve(&db);
    assert_eq!(second.meeting, meeting);
    assert_eq!(
        get(&second, "")["documents"].as_array().map(Vec::len),
        Some(4)
    );
}

#[test]
fn killed_mid_stream_the_server_keeps_every_acknowledged_decision() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("crash.db");
    let mut served = serve(&db);
    let rows: Vec<String> = get(&served, "/draft")["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .filter(|r| r["kind"] == "paragraph")
        .filter_map(|r| r["id"].as_str().map(str::to_string))
        .take(6)
        .collect();
    assert_eq!(rows.len(), 6);

    // A chair posting decisions as fast as they are acknowledged.
    let acks: Arc<Mutex<Vec<Ack>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let poster = {
        let (acks, stop, rows) = (acks.clone(), stop.clone(), rows.clone());
        let base = format!(
            "{}/api/meetings/{}/decisions",
            served.origin, served.meeting
        );
        let key = served.chair.clone();
        thread::spawn(move || {
            let agent = agent();
            let mut versions: BTreeMap<String, i64> = BTreeMap::new();
            for i in 0..100_000 {
                if stop.load(Ordering::SeqCst) {
                    break;
                }
                let row = &rows[i % rows.len()];
                let version = versions.get(row).copied().unwrap_or(0);
                let text = format!("decision {i} on {row}");
                let body = json!({"choice": {"text": text}, "expected_version": version});
                let sent = agent
                    .put(format!("{base}/{row}"))
                    .header("X-Synoptic-Token", &key)
                    .content_type("application/json")
                    .send(body.to_string());
                // Once the server is gone, the stream ends.
                let Ok(mut response) = sent else { break };
                let status = response.status().as_u16();
                let Ok(reply) = response.body_mut().read_to_string() else {
                    break;
                };
                assert_eq!(status, 200, "{reply}");
                let reply: Value = serde_json::from_str(&reply).expect("JSON");
                let stored = reply["version"].as_i64().expect("version");
                versions.insert(row.clone(), stored);
                acks.lock().expect("acks").push(Ack {
                    row: row.clone(),
                    version: stored,
                    text,
                });
            }
        })
    };
    // Kill it while decisions are in flight.
    let deadline = Instant::now() + Duration::from_secs(30);
    while acks.lock().expect("acks").len() < 40 {
        assert!(
            Instant::now() < deadline,
            "decisions are not being acknowledged"
        );
        thread::sleep(Duration::from_millis(5));
    }
    served.child.kill().expect("kill -9");
    served.child.wait().expect("reap");
    stop.store(true, Ordering::SeqCst);
    poster.join().expect("poster");
    let acks = acks.lock().expect("acks").clone();
    assert!(acks.len() >= 40);
    let meeting = served.meeting.clone();
    drop(served);

    // Restarted on the same file: every acknowledged decision is there.
    let served = serve(&db);
    assert_eq!(served.meeting, meeting);
    let decisions = get(&served, "/decisions");
    let stored: BTreeMap<String, Value> = decisions["decisions"]
        .as_array()
        .expect("decisions")
        .iter()
        .map(|d| (d["row"].as_str().expect("row").to_string(), d.clone()))
        .collect();
    let mut last: BTreeMap<&str, &Ack> = BTreeMap::new();
    for ack in &acks {
        last.insert(&ack.row, ack);
    }
    for (row, ack) in &last {
        let now = &stored[*row];
        let version = now["version"].as_i64().expect("version");
        // A request in flight at the kill may have been committed without
        // its answer arriving: one version more, never one less.
        assert!(
            version == ack.version || version == ack.version + 1,
            "{row}: acknowledged version {}, stored {version}",
            ack.version
        );
        if version == ack.version {
            assert_eq!(now["choice"]["text"], ack.text.as_str(), "{row}");
        }
    }
    // And each of them, not only the last per row, is in the audit log.
    let audit = get(&served, "/audit");
    let logged: Vec<&str> = audit["entries"]
        .as_array()
        .expect("entries")
        .iter()
        .filter(|e| e["action"] == "decided")
        .filter_map(|e| e["detail"].as_str())
        .collect();
    for ack in &acks {
        let detail = format!("wrote the text {:?}", ack.text);
        assert!(logged.contains(&detail.as_str()), "{detail} lost");
    }
}

#[test]
fn a_creation_key_from_a_file_restricts_new_meetings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let key = "port-authority-2f8e61d0";
    let key_file = dir.path().join("create.key");
    std::fs::write(&key_file, format!("{key}\n")).expect("write the key");
    /// Ends the server however the test ends.
    struct Killed(Child);
    impl Drop for Killed {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Command::new(env!("CARGO_BIN_EXE_synoptic"))
        .args(["serve", "--addr", "127.0.0.1:0", "--create-key-file"])
        .arg(&key_file)
        .arg("--db")
        .arg(dir.path().join("m.db"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("start synoptic serve");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let server = Killed(child);
    let mut printed = String::new();
    let mut line = String::new();
    while stdout.read_line(&mut line).expect("read stdout") > 0 {
        printed.push_str(&line);
        if line.starts_with("Press Ctrl-C") {
            break;
        }
        line.clear();
    }
    let origin: String = printed
        .split("listening on ")
        .nth(1)
        .map(|rest| rest.split('/').take(3).collect::<Vec<_>>().join("/"))
        .expect("the address it listens on");
    assert!(
        printed.contains("creating a meeting needs the creation key"),
        "{printed}"
    );
    let create = |key: Option<&str>| {
        let mut request = agent().post(format!("{origin}/api/meetings"));
        if let Some(key) = key {
            request = request.header("X-Synoptic-Create-Key", key);
        }
        request
            .content_type("application/json")
            .send(json!({"title": "Port dues"}).to_string().as_bytes())
            .expect("POST")
            .status()
            .as_u16()
    };
    assert_eq!(create(None), 403);
    assert_eq!(create(Some("port-authority-00000000")), 403);
    assert_eq!(create(Some(key)), 201);
    drop(server);

    // A key too short to be one is a usage error.
    let short = Command::new(env!("CARGO_BIN_EXE_synoptic"))
        .args(["serve", "--create-key", "abc", "--db"])
        .arg(dir.path().join("m.db"))
        .output()
        .expect("run synoptic serve");
    assert_eq!(short.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&short.stderr).contains("at least 16 characters"));
}
