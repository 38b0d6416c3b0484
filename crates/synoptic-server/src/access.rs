//! Who may do what: the keys of a meeting, the checks against cross-site
//! requests, the rate limit per client address, and the security headers
//! of every response.
//!
//! - A key is 32 random bytes from the operating system (256 bits) in
//!   URL-safe base64; meeting ids are 16 random bytes. Keys are compared in
//!   constant time, and an unknown meeting and a wrong key get the same
//!   answer, so neither can be probed.
//! - A write must carry the key in the `X-Synoptic-Token` header, which a
//!   cross-site form cannot set; an `Origin` that is not the server's own,
//!   or `Sec-Fetch-Site: cross-site`, is refused outright.
//! - Each client address has a bucket of `rate_burst` requests refilled at
//!   `rate_per_second`; an empty bucket gets 429 with a `Retry-After`.

use std::collections::HashMap;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::sync::Mutex;
use std::time::{Duration, Instant};

use axum::extract::{ConnectInfo, Request, State};
use axum::http::header::{HeaderName, HeaderValue};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::{ApiError, StoreError};
use crate::store::Role;
use crate::App;

/// The header that carries a meeting key.
pub const TOKEN_HEADER: &str = "x-synoptic-token";

/// The answer to an unknown meeting and to a wrong or missing key alike.
pub const NO_ACCESS: &str = "no access: unknown meeting, or the link's key is missing or wrong";

/// A random key of `bytes` bytes from the operating system, in URL-safe
/// base64 without padding. Fails only when the system has no randomness to
/// give, when no key would be safe to hand out.
pub fn random_key(bytes: usize) -> Result<String, StoreError> {
    let mut buf = vec![0u8; bytes];
    getrandom::fill(&mut buf)
        .map_err(|e| StoreError::Random(format!("no random bytes for a key: {e}")))?;
    Ok(base64url(&buf))
}

/// URL-safe base64 (RFC 4648 §5) without padding.
pub fn base64url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let symbols = chunk.len() + 1;
        for i in 0..symbols {
            let index = (n >> (18 - 6 * i)) & 63;
            out.push(char::from(ALPHABET[index as usize]));
        }
    }
    out
}

/// Compares two keys in time that depends on their lengths only.
pub fn same_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The key in the `X-Synoptic-Token` header, if any.
pub fn header_token(headers: &HeaderMap) -> Option<&str> {
    headers
        .get(TOKEN_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// Refuses requests made from another site: `Sec-Fetch-Site: cross-site`,
/// or an `Origin` other than this server's (`http://` or `https://` and
/// the `Host` the request was sent to).
pub fn check_same_origin(headers: &HeaderMap) -> Result<(), ApiError> {
    if headers
        .get("sec-fetch-site")
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"cross-site"))
    {
        return Err(ApiError::forbidden(
            "cross-site request refused (Sec-Fetch-Site: cross-site)",
        ));
    }
    let Some(origin) = headers.get(axum::http::header::ORIGIN) else {
        return Ok(());
    };
    let origin = origin.to_str().unwrap_or("").trim();
    let host = headers
        .get(axum::http::header::HOST)
        .and_then(|h| h.to_str().ok())
        .unwrap_or("")
        .trim();
    let origin_host = origin
        .strip_prefix("http://")
        .or_else(|| origin.strip_prefix("https://"))
        .unwrap_or("");
    if host.is_empty() || !origin_host.eq_ignore_ascii_case(host) {
        return Err(ApiError::forbidden(format!(
            "cross-origin request refused: Origin {origin:?} is not this server ({host:?})"
        )));
    }
    Ok(())
}

/// How long a ticket stands for a key.
pub const TICKET_LIFETIME: Duration = Duration::from_secs(60);

/// Tickets held at once, at most (each is a few dozen bytes).
const MAX_TICKETS: usize = 100_000;

/// Short-lived tickets that stand for a meeting key where a browser
/// cannot send a header (the event stream, download links), so that the
/// key itself never appears in an address, a browser's history or a
/// proxy's log. A ticket is 128 random bits, valid for one meeting and
/// role for [`TICKET_LIFETIME`].
#[derive(Default)]
pub struct Tickets {
    issued: Mutex<HashMap<String, (String, Role, Instant)>>,
}

impl Tickets {
    /// A new ticket for `role` in meeting `id`, valid until `now` plus the
    /// lifetime.
    pub fn issue(&self, id: &str, role: Role, now: Instant) -> Result<String, StoreError> {
        let ticket = random_key(16)?;
        let mut issued = self
            .issued
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if issued.len() >= MAX_TICKETS {
            issued.retain(|_, (_, _, until)| *until > now);
            if issued.len() >= MAX_TICKETS {
                // Still full: the oldest go first.
                let mut by_age: Vec<(String, Instant)> =
                    issued.iter().map(|(k, v)| (k.clone(), v.2)).collect();
                by_age.sort_by_key(|(_, until)| *until);
                for (key, _) in by_age.into_iter().take(MAX_TICKETS / 10) {
                    issued.remove(&key);
                }
            }
        }
        issued.insert(
            ticket.clone(),
            (id.to_string(), role, now + TICKET_LIFETIME),
        );
        Ok(ticket)
    }

    /// The role `ticket` gives in meeting `id`, if it is one of its
    /// tickets and still valid.
    pub fn redeem(&self, id: &str, ticket: &str, now: Instant) -> Option<Role> {
        let issued = self
            .issued
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        match issued.get(ticket) {
            Some((meeting, role, until)) if meeting == id && *until > now => Some(*role),
            _ => None,
        }
    }
}

/// The event streams open per client address, so that one address cannot
/// take every connection the server allows.
#[derive(Default)]
pub struct Streams {
    open: Mutex<HashMap<IpAddr, usize>>,
}

/// One open event stream, counted until it is dropped.
pub struct StreamSlot {
    streams: std::sync::Arc<Streams>,
    client: IpAddr,
}

impl Streams {
    /// Counts a new stream from `client`, if it has fewer than `max` open.
    pub fn open(
        self: &std::sync::Arc<Self>,
        client: IpAddr,
        max: usize,
    ) -> Result<StreamSlot, ApiError> {
        let mut open = self
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let count = open.entry(client).or_insert(0);
        if *count >= max {
            return Err(ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "too many event streams open from {client} (at most {max}); close some pages"
                ),
            ));
        }
        *count += 1;
        Ok(StreamSlot {
            streams: self.clone(),
            client,
        })
    }
}

impl Drop for StreamSlot {
    fn drop(&mut self) {
        let mut open = self
            .streams
            .open
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(count) = open.get_mut(&self.client) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.client);
            }
        }
    }
}

/// True for the methods that change something.
pub fn is_write(method: &Method) -> bool {
    !matches!(*method, Method::GET | Method::HEAD | Method::OPTIONS)
}

/// Token buckets, one per client address.
pub struct RateLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<IpAddr, Bucket>>,
}

#[derive(Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

/// Past this many addresses, full buckets (idle clients) are forgotten.
const MAX_TRACKED: usize = 10_000;

impl RateLimiter {
    /// A limiter allowing `per_second` requests on average and `burst` at
    /// once; `per_second <= 0` allows everything.
    pub fn new(per_second: f64, burst: f64) -> RateLimiter {
        RateLimiter {
            per_second,
            burst: burst.max(1.0),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one request from `client`'s bucket; `Err` holds the seconds
    /// to wait when it is empty.
    pub fn take(&self, client: IpAddr, now: Instant) -> Result<(), u64> {
        if self.per_second <= 0.0 {
            return Ok(());
        }
        let mut buckets = self
            .buckets
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if buckets.len() >= MAX_TRACKED && !buckets.contains_key(&client) {
            let (rate, burst) = (self.per_second, self.burst);
            buckets.retain(|_, b| b.tokens + now.duration_since(b.at).as_secs_f64() * rate < burst);
        }
        let bucket = buckets.entry(client).or_insert(Bucket {
            tokens: self.burst,
            at: now,
        });
        let refill = now.duration_since(bucket.at).as_secs_f64() * self.per_second;
        bucket.tokens = (bucket.tokens + refill).min(self.burst);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            let wait = (1.0 - bucket.tokens) / self.per_second;
            Err(wait.ceil().max(1.0) as u64)
        }
    }
}

/// The address a request comes from: the connection's, or with
/// `trust_proxy` the last entry of `X-Forwarded-For` (the one the proxy in
/// front of this server added; earlier entries are the client's own say).
pub fn client_address(request: &Request, trust_proxy: bool) -> IpAddr {
    client_of(request.extensions(), request.headers(), trust_proxy)
}

/// [`client_address`] from a request's extensions and headers.
pub fn client_of(
    extensions: &axum::http::Extensions,
    headers: &HeaderMap,
    trust_proxy: bool,
) -> IpAddr {
    let connection = extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or(IpAddr::V4(Ipv4Addr::UNSPECIFIED), |c| c.0.ip());
    if !trust_proxy {
        return connection;
    }
    // Only the last entry: an unreadable one is not skipped for one the
    // client wrote itself.
    let entries: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .collect();
    entries
        .last()
        .and_then(|entry| forwarded_ip(entry.trim()))
        .unwrap_or(connection)
}

/// An address of `X-Forwarded-For`: `1.2.3.4`, `1.2.3.4:5678`, `::1` or
/// `[::1]:5678`.
fn forwarded_ip(entry: &str) -> Option<IpAddr> {
    if let Ok(ip) = entry.parse() {
        return Some(ip);
    }
    if let Ok(addr) = entry.parse::<SocketAddr>() {
        return Some(addr.ip());
    }
    None
}

/// Which bucket a request draws on: writes to the API, reads of it, or
/// none (pages, static files and event streams, which a venue's 200
/// delegates behind one address all open at once, and which cost
/// nothing).
fn bucket_of(request: &Request) -> Option<bool> {
    let path = request.uri().path();
    if !path.starts_with("/api/") || path.ends_with("/events") {
        return None;
    }
    // A ticket is asked for before every (re)connection of an event
    // stream: a read, as far as the limit goes.
    Some(is_write(request.method()) && !path.ends_with("/tickets"))
}

/// Middleware: the rate limits per client address.
pub async fn rate_limit(State(app): State<App>, request: Request, next: Next) -> Response {
    let Some(write) = bucket_of(&request) else {
        return next.run(request).await;
    };
    let client = client_address(&request, app.limits().trust_proxy);
    let limiter = if write { app.rate() } else { app.read_rate() };
    match limiter.take(client, Instant::now()) {
        Ok(()) => next.run(request).await,
        Err(wait) => {
            let mut response = ApiError::new(
                StatusCode::TOO_MANY_REQUESTS,
                format!("too many requests from {client}; wait {wait} s and try again"),
            )
            .into_response();
            if let Ok(value) = HeaderValue::from_str(&wait.to_string()) {
                response
                    .headers_mut()
                    .insert(axum::http::header::RETRY_AFTER, value);
            }
            response
        }
    }
}

/// Middleware: a request (its body included) that takes longer than the
/// limit is answered 408, so that a client trickling a body cannot hold a
/// connection and its memory; event streams are meant to last.
pub async fn request_timeout(State(app): State<App>, request: Request, next: Next) -> Response {
    if request.uri().path().ends_with("/events") {
        return next.run(request).await;
    }
    let limit = app.limits().request_timeout;
    match tokio::time::timeout(limit, next.run(request)).await {
        Ok(response) => response,
        Err(_) => ApiError::new(
            StatusCode::REQUEST_TIMEOUT,
            format!(
                "the request took longer than {} s: send it again on a better connection",
                limit.as_secs()
            ),
        )
        .into_response(),
    }
}

/// The policy of the workbench's pages: scripts, styles and connections
/// from this server only, nothing inline, no framing, no plugins.
pub const PAGE_CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; \
connect-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// The policy of every other response: nothing at all.
pub const DATA_CSP: &str = "default-src 'none'; frame-ancestors 'none'; sandbox";

/// Middleware: headers every response carries (unless the route set its
/// own policy).
pub async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut HeaderMap, name: &'static str, value: &'static str| {
        let name = HeaderName::from_static(name);
        if !headers.contains_key(&name) {
            headers.insert(name, HeaderValue::from_static(value));
        }
    };
    set(headers, "content-security-policy", DATA_CSP);
    set(headers, "x-content-type-options", "nosniff");
    set(headers, "referrer-policy", "no-referrer");
    set(headers, "x-frame-options", "DENY");
    set(headers, "cross-origin-opener-policy", "same-origin");
    set(headers, "cross-origin-resource-policy", "same-origin");
    set(headers, "cache-control", "no-store");
    response
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_long_random_and_url_safe() {
        let a = random_key(32).unwrap();
        let b = random_key(32).unwrap();
        assert_eq!(a.len(), 43);
        assert_ne!(a, b);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'));
        assert_eq!(base64url(b"any carnal pleas"), "YW55IGNhcm5hbCBwbGVhcw");
        assert_eq!(base64url(b"\xfb\xff"), "-_8");
        assert_eq!(base64url(b""), "");
    }

    #[test]
    fn keys_compare_exactly() {
        assert!(same_key("abc", "abc"));
        assert!(!same_key("abc", "abd"));
        assert!(!same_key("abc", "abcd"));
        assert!(!same_key("", "a"));
    }

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(HeaderName::from_static(k), HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn origin_must_be_the_host() {
        assert!(check_same_origin(&headers(&[("host", "127.0.0.1:8080")])).is_ok());
        assert!(check_same_origin(&headers(&[
            ("host", "127.0.0.1:8080"),
            ("origin", "http://127.0.0.1:8080")
        ]))
        .is_ok());
        for origin in ["http://evil.example", "null", "http://127.0.0.1:8081", ""] {
            let h = headers(&[("host", "127.0.0.1:8080"), ("origin", origin)]);
            assert!(check_same_origin(&h).is_err(), "{origin}");
        }
        let cross = headers(&[("host", "a"), ("sec-fetch-site", "cross-site")]);
        assert!(check_same_origin(&cross).is_err());
        let same = headers(&[("host", "a"), ("sec-fetch-site", "same-origin")]);
        assert!(check_same_origin(&same).is_ok());
    }

    #[test]
    fn tickets_are_for_one_meeting_and_expire() {
        let tickets = Tickets::default();
        let t0 = Instant::now();
        let ticket = tickets.issue("m1", Role::Delegate, t0).unwrap();
        assert_eq!(ticket.len(), 22);
        assert_eq!(tickets.redeem("m1", &ticket, t0), Some(Role::Delegate));
        assert_eq!(tickets.redeem("m2", &ticket, t0), None);
        assert_eq!(tickets.redeem("m1", "guess", t0), None);
        let later = t0 + TICKET_LIFETIME + Duration::from_secs(1);
        assert_eq!(tickets.redeem("m1", &ticket, later), None);
    }

    #[test]
    fn proxies_are_trusted_only_when_asked() {
        let request = |xff: Option<&'static str>| {
            let mut builder = Request::builder().uri("/api/meetings");
            if let Some(v) = xff {
                builder = builder.header("x-forwarded-for", v);
            }
            let mut request = builder.body(axum::body::Body::empty()).unwrap();
            request
                .extensions_mut()
                .insert(ConnectInfo(SocketAddr::from(([10, 0, 0, 9], 4000))));
            request
        };
        let proxy = IpAddr::V4(Ipv4Addr::new(10, 0, 0, 9));
        let r = request(Some("203.0.113.7, 198.51.100.2"));
        assert_eq!(client_address(&r, false), proxy);
        assert_eq!(
            client_address(&r, true),
            "198.51.100.2".parse::<IpAddr>().unwrap()
        );
        let r = request(Some("[2001:db8::1]:443"));
        assert_eq!(
            client_address(&r, true),
            "2001:db8::1".parse::<IpAddr>().unwrap()
        );
        assert_eq!(client_address(&request(Some("junk")), true), proxy);
        assert_eq!(client_address(&request(None), true), proxy);
    }

    #[test]
    fn pages_and_streams_are_not_counted() {
        let of = |method: &str, path: &str| {
            let request = Request::builder()
                .method(method)
                .uri(path)
                .body(axum::body::Body::empty())
                .unwrap();
            bucket_of(&request)
        };
        assert_eq!(of("GET", "/static/workbench.js"), None);
        assert_eq!(of("GET", "/m/abc"), None);
        assert_eq!(of("GET", "/api/meetings/abc/events"), None);
        assert_eq!(of("GET", "/api/meetings/abc/draft"), Some(false));
        assert_eq!(of("PUT", "/api/meetings/abc/decisions/x"), Some(true));
        assert_eq!(of("POST", "/api/meetings/abc/tickets"), Some(false));
    }

    #[test]
    fn stream_slots_are_given_back() {
        let streams = std::sync::Arc::new(Streams::default());
        let ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let a = streams.open(ip, 2).unwrap();
        let b = streams.open(ip, 2).unwrap();
        assert!(streams.open(ip, 2).is_err());
        assert!(streams
            .open(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 2)), 2)
            .is_ok());
        drop(a);
        let c = streams.open(ip, 2).unwrap();
        drop((b, c));
        assert!(streams.open(ip, 1).is_ok());
    }

    #[test]
    fn buckets_refill() {
        let limiter = RateLimiter::new(2.0, 3.0);
        let ip = IpAddr::V4(Ipv4Addr::LOCALHOST);
        let t0 = Instant::now();
        assert!(limiter.take(ip, t0).is_ok());
        assert!(limiter.take(ip, t0).is_ok());
        assert!(limiter.take(ip, t0).is_ok());
        assert_eq!(limiter.take(ip, t0), Err(1));
        // Another client has its own bucket.
        assert!(limiter
            .take(IpAddr::V4(Ipv4Addr::new(10, 0, 0, 1)), t0)
            .is_ok());
        assert!(limiter.take(ip, t0 + Duration::from_millis(600)).is_ok());
        let off = RateLimiter::new(0.0, 0.0);
        for _ in 0..1000 {
            assert!(off.take(ip, t0).is_ok());
        }
    }
}
