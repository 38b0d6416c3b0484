//! Connections below the routes (issue 17): slow clients cut off, the
//! cap on open connections, and every error the HTTP layer answers by
//! itself in JSON, checked with a raw TCP client on loopback.

use std::io::{Read, Write};
use std::net::TcpStream;

use super::*;

#[test]
fn slow_clients_are_cut_off_and_connections_capped() {
    let server = Server::start(Limits {
        header_timeout: Duration::from_secs(1),
        max_connections: 4,
        ..limits()
    });
    let addr = server.base.trim_start_matches("http://").to_string();
    // Half a request, never finished: closed after the header timeout.
    let mut slow = TcpStream::connect(&addr).unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    slow.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    let started = Instant::now();
    let mut buf = [0u8; 512];
    let n = slow.read(&mut buf).unwrap_or(0);
    let answer = String::from_utf8_lossy(&buf[..n]).to_string();
    assert!(
        n == 0 || answer.starts_with("HTTP/1.1 408"),
        "still open: {answer:?}"
    );
    assert!(
        started.elapsed() < Duration::from_secs(4),
        "{:?}",
        started.elapsed()
    );

    // Past the cap, a new connection is closed at once.
    let held: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut s = TcpStream::connect(&addr).unwrap();
            s.write_all(b"GET /he").unwrap();
            s
        })
        .collect();
    thread::sleep(Duration::from_millis(200));
    let mut extra = TcpStream::connect(&addr).unwrap();
    extra
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    let _ = extra.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
    let refused = read_all(&mut extra);
    assert!(
        refused.is_empty() || refused.starts_with("HTTP/1.1 503 "),
        "{refused:?}"
    );
    if !refused.is_empty() {
        assert!(json_error(&refused).contains("too many open connections"));
    }
    drop(held);
    // Once they are gone, the server answers again.
    thread::sleep(Duration::from_millis(1500));
    assert_eq!(Call::new(&server, None).get("/healthz").status, 200);
}

/// Everything a raw connection sends until it closes (or 5 s pass).
fn read_all(stream: &mut TcpStream) -> String {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut out = Vec::new();
    let mut buf = [0u8; 4096];
    while let Ok(n) = stream.read(&mut buf) {
        if n == 0 {
            break;
        }
        out.extend_from_slice(&buf[..n]);
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `error` of a raw answer's JSON body, which its headers say is JSON.
fn json_error(answer: &str) -> String {
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or((answer, ""));
    assert!(
        head.to_ascii_lowercase()
            .contains("\r\ncontent-type: application/json"),
        "{answer:?}"
    );
    let value: Value = serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {answer:?}"));
    value["error"].as_str().unwrap_or_default().to_string()
}

/// Sends `request` on a new raw connection and reads the answer.
fn raw(addr: &str, request: &[u8]) -> String {
    let mut stream = TcpStream::connect(addr).unwrap();
    let _ = stream.write_all(request);
    read_all(&mut stream)
}

#[test]
fn errors_below_the_routes_are_json_too() {
    let server = Server::start(Limits {
        header_timeout: Duration::from_secs(1),
        ..limits()
    });
    let addr = server.base.trim_start_matches("http://").to_string();
    let many_headers: String = (0..200).map(|i| format!("X-Extra-{i}: 1\r\n")).collect();
    let huge_header = format!("X-Big: {}\r\n", "a".repeat(100_000));
    let long_path = format!("/{}", "a".repeat(70_000));
    let cases: Vec<(&str, Vec<u8>, &str, &str)> = vec![
        ("not HTTP", b"GARBAGE\r\n\r\n".to_vec(), "400", "malformed request"),
        (
            "a control character in the path",
            b"GET /\x01 HTTP/1.1\r\nHost: x\r\n\r\n".to_vec(),
            "400",
            "malformed request",
        ),
        (
            "an unknown version",
            b"GET / HTTP/2.5\r\nHost: x\r\n\r\n".to_vec(),
            "400",
            "malformed request",
        ),
        (
            "too many headers",
            format!("GET / HTTP/1.1\r\nHost: x\r\n{many_headers}\r\n").into_bytes(),
            "431",
            "headers are too large",
        ),
        (
            "one header too large",
            format!("GET / HTTP/1.1\r\nHost: x\r\n{huge_header}\r\n").into_bytes(),
            "431",
            "headers are too large",
        ),
        (
            "an address too long",
            format!("GET {long_path} HTTP/1.1\r\nHost: x\r\n\r\n").into_bytes(),
            "414",
            "address is too long",
        ),
        (
            "a body declared too large",
            b"POST /api/meetings HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: 99999999999\r\n\r\n".to_vec(),
            "413",
            "over the limit",
        ),
        (
            "a JSON body declared too large",
            b"POST /api/meetings HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 5000000\r\n\r\n{}".to_vec(),
            "413",
            "over the limit",
        ),
        (
            "headers never finished",
            b"GET /healthz HTTP/1.1\r\nHost: x\r\n".to_vec(),
            "408",
            "did not arrive within 1 s",
        ),
    ];
    for (what, request, status, says) in cases {
        let started = Instant::now();
        let answer = raw(&addr, &request);
        assert!(
            answer.starts_with(&format!("HTTP/1.1 {status} ")),
            "{what}: {:?}",
            answer.chars().take(200).collect::<String>()
        );
        let error = json_error(&answer);
        assert!(error.contains(says), "{what}: {error:?}");
        assert!(
            started.elapsed() < Duration::from_secs(4),
            "{what}: {:?}",
            started.elapsed()
        );
    }
    // An idle kept-alive connection is closed quietly, and a complete
    // request is answered as ever.
    let mut idle = TcpStream::connect(&addr).unwrap();
    assert_eq!(read_all(&mut idle), "");
    let ok = raw(
        &addr,
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    );
    assert!(ok.starts_with("HTTP/1.1 200 "), "{ok:?}");
}
