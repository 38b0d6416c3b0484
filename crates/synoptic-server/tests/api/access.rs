//! Who may do what, and the limits.

use super::*;

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
    let icon = chair.get("/static/favicon.svg");
    assert_eq!(icon.status, 200);
    assert!(icon.content_type.starts_with("image/svg+xml"));
    assert_eq!(chair.get("/favicon.ico").status, 200);
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

    // The rate limit per client address: writes…
    let limited = Server::start(Limits {
        // One write every ten seconds after a burst of three.
        rate_per_second: 0.1,
        rate_burst: 3.0,
        ..Limits::default()
    });
    let anyone = Call::new(&limited, None);
    let statuses: Vec<u16> = (0..4)
        .map(|_| anyone.json("POST", "/api/meetings", json!({})).status)
        .collect();
    assert_eq!(statuses, [201, 201, 201, 429], "{statuses:?}");
    let refused = anyone.json("POST", "/api/meetings", json!({}));
    assert_eq!(refused.status, 429);
    assert!(
        refused
            .error()
            .starts_with("too many requests from 127.0.0.1"),
        "{}",
        refused.error()
    );
    // … but not pages, static files or event streams, which a venue's
    // delegates behind one address open all at once, nor reads of the API
    // until twenty times as many.
    for _ in 0..20 {
        assert_eq!(anyone.get("/static/workbench.js").status, 200);
        assert_eq!(anyone.get("/healthz").status, 200);
        assert_eq!(anyone.get("/api/meetings/x/events?t=x").status, 403);
        assert_eq!(anyone.get("/api/meetings/x").status, 403);
    }
    assert!(refused.retry_after.is_some());
}
