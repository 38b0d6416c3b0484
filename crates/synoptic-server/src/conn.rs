//! One client connection beneath HTTP: the errors the HTTP layer answers
//! by itself (a malformed request, headers too large, an address too
//! long, headers that never finish arriving, too many connections) get a
//! JSON body like every other error of the API.
//!
//! hyper answers a request it cannot parse with a bare status line and
//! no body, and closes a connection whose headers are late without a
//! word. [`Guarded`] sits between hyper and the socket: it rewrites those
//! bare answers into JSON ones, and keeps the deadline for a request's
//! headers itself, answering 408 in JSON when a request was begun and not
//! finished in time (an idle kept-alive connection is closed quietly).

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use hyper::body::{Body, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Instant, Sleep};

/// What the HTTP layer and the connection know of each other.
#[derive(Debug)]
pub struct ConnState {
    /// Requests being answered (their response not yet fully sent).
    active: AtomicUsize,
    /// When the connection last had no request in flight.
    idle_since: Mutex<Instant>,
    /// Bytes of a new request arrived since then.
    begun: AtomicBool,
}

impl ConnState {
    /// The state of a connection just opened.
    pub fn new() -> Arc<ConnState> {
        Arc::new(ConnState {
            active: AtomicUsize::new(0),
            idle_since: Mutex::new(Instant::now()),
            begun: AtomicBool::new(false),
        })
    }

    fn idle_since(&self) -> Instant {
        *self
            .idle_since
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Counts a request whose headers arrived, until the guard is dropped
    /// (once its response has been sent, or abandoned).
    pub fn begin(self: &Arc<Self>) -> InFlight {
        self.active.fetch_add(1, Ordering::SeqCst);
        InFlight(self.clone())
    }
}

/// A request in flight on a connection: while one is, the connection
/// waits for no headers.
#[derive(Debug)]
pub struct InFlight(Arc<ConnState>);

impl Drop for InFlight {
    fn drop(&mut self) {
        *self
            .0
            .idle_since
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner()) = Instant::now();
        self.0.begun.store(false, Ordering::SeqCst);
        self.0.active.fetch_sub(1, Ordering::SeqCst);
    }
}

/// A response body that keeps its request counted as in flight until it
/// has been sent whole (or dropped).
pub struct CountedBody<B> {
    inner: B,
    _in_flight: InFlight,
}

impl<B> CountedBody<B> {
    /// `inner`, counted by `in_flight`.
    pub fn new(inner: B, in_flight: InFlight) -> Self {
        CountedBody {
            inner,
            _in_flight: in_flight,
        }
    }
}

impl<B: Body + Unpin> Body for CountedBody<B> {
    type Data = B::Data;
    type Error = B::Error;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.inner).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.inner.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.inner.size_hint()
    }
}

/// A whole HTTP/1.1 response with a JSON error body, closing the
/// connection.
pub fn json_response(status: u16, reason: &str, message: &str) -> Vec<u8> {
    let body = serde_json::json!({ "error": message }).to_string();
    format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\ncache-control: no-store\r\nx-content-type-options: nosniff\r\ncontent-security-policy: default-src 'none'; frame-ancestors 'none'; sandbox\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// The JSON answer for an answer hyper wrote by itself: a bare status
/// line for a request it could not parse (`None` for anything else).
fn rewrite(written: &[u8]) -> Option<Vec<u8>> {
    let end = written.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&written[..end]).ok()?;
    let status_line = head.lines().next()?;
    let rest = status_line.strip_prefix("HTTP/1.1 ")?;
    let (code, reason) = rest.split_once(' ')?;
    let lower = head.to_ascii_lowercase();
    if lower.contains("\ncontent-type:") || !lower.contains("\ncontent-length: 0") {
        return None;
    }
    let message = match code {
        "400" => "malformed request: not HTTP/1.1 this server can read",
        "414" => "the address is too long",
        "431" => "the request's headers are too large",
        "505" => "HTTP version not supported: use HTTP/1.1",
        _ => return None,
    };
    Some(json_response(code.parse().ok()?, reason, message))
}

/// A connection's socket as hyper sees it (see the module's comment).
pub struct Guarded<IO> {
    io: IO,
    state: Arc<ConnState>,
    header_timeout: Duration,
    deadline: Pin<Box<Sleep>>,
    /// Bytes to send before anything else (a rewritten answer).
    pending: Vec<u8>,
    sent: usize,
    /// The header deadline passed: the connection reads no more.
    timed_out: bool,
}

impl<IO> Guarded<IO> {
    /// `io`, shared with the HTTP layer through `state`; a request's
    /// headers must arrive within `header_timeout` of the connection
    /// becoming idle.
    pub fn new(io: IO, state: Arc<ConnState>, header_timeout: Duration) -> Self {
        let deadline = Box::pin(tokio::time::sleep(header_timeout));
        Guarded {
            io,
            state,
            header_timeout,
            deadline,
            pending: Vec::new(),
            sent: 0,
            timed_out: false,
        }
    }
}

impl<IO: AsyncWrite + Unpin> Guarded<IO> {
    /// Sends what is pending; ready once it is all sent.
    fn drain(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        while self.sent < self.pending.len() {
            match Pin::new(&mut self.io).poll_write(cx, &self.pending[self.sent..]) {
                Poll::Ready(Ok(0)) => return Poll::Ready(Err(io::ErrorKind::WriteZero.into())),
                Poll::Ready(Ok(n)) => self.sent += n,
                Poll::Ready(Err(e)) => return Poll::Ready(Err(e)),
                Poll::Pending => return Poll::Pending,
            }
        }
        self.pending.clear();
        self.sent = 0;
        Poll::Ready(Ok(()))
    }

    /// True when the header deadline has passed with no request in
    /// flight; re-arms it otherwise.
    fn expired(&mut self, cx: &mut Context<'_>) -> bool {
        while self.deadline.as_mut().poll(cx).is_ready() {
            let due = if self.state.active.load(Ordering::SeqCst) > 0 {
                Instant::now() + self.header_timeout
            } else {
                self.state.idle_since() + self.header_timeout
            };
            if due <= Instant::now() {
                return true;
            }
            self.deadline.as_mut().reset(due);
        }
        false
    }
}

impl<IO: AsyncRead + AsyncWrite + Unpin> AsyncRead for Guarded<IO> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = &mut *self;
        if this.timed_out {
            return Poll::Ready(Ok(()));
        }
        if this.expired(cx) {
            this.timed_out = true;
            if this.state.begun.load(Ordering::SeqCst) {
                // A request begun and not finished: say why it ends. The
                // answer is small; what the socket does not take at once
                // is sent when hyper flushes or shuts the connection.
                this.pending = json_response(
                    408,
                    "Request Timeout",
                    &format!(
                        "the request's headers did not arrive within {} s",
                        this.header_timeout.as_secs()
                    ),
                );
                this.sent = 0;
                let _ = this.drain(cx);
            }
            // The end of the stream: hyper closes the connection.
            return Poll::Ready(Ok(()));
        }
        let before = buf.filled().len();
        let read = Pin::new(&mut this.io).poll_read(cx, buf);
        if buf.filled().len() > before && this.state.active.load(Ordering::SeqCst) == 0 {
            this.state.begun.store(true, Ordering::SeqCst);
        }
        read
    }
}

impl<IO: AsyncWrite + Unpin> AsyncWrite for Guarded<IO> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = &mut *self;
        if let Poll::Ready(Err(e)) = this.drain(cx) {
            return Poll::Ready(Err(e));
        }
        if !this.pending.is_empty() {
            return Poll::Pending;
        }
        // Only hyper writes while no request is in flight: its own
        // answers to requests it could not parse.
        if this.state.active.load(Ordering::SeqCst) == 0 {
            if let Some(answer) = rewrite(buf) {
                this.pending = answer;
                this.sent = 0;
                let _ = this.drain(cx);
                return Poll::Ready(Ok(buf.len()));
            }
        }
        Pin::new(&mut this.io).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        match this.drain(cx) {
            Poll::Ready(Ok(())) => Pin::new(&mut this.io).poll_flush(cx),
            other => other,
        }
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = &mut *self;
        match this.drain(cx) {
            Poll::Ready(Ok(())) => Pin::new(&mut this.io).poll_shutdown(cx),
            other => other,
        }
    }
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn bare_answers_become_json() {
        let bare = b"HTTP/1.1 431 Request Header Fields Too Large\r\nconnection: close\r\ncontent-length: 0\r\ndate: Sun, 06 Dec 2026 09:54:44 GMT\r\n\r\n";
        let answer = String::from_utf8(rewrite(bare).unwrap()).unwrap();
        assert!(answer.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(answer.contains("content-type: application/json\r\n"));
        let body = answer.split("\r\n\r\n").nth(1).unwrap();
        let json: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(json["error"], "the request's headers are too large");
        // The server's own answers are left alone.
        let own = b"HTTP/1.1 400 Bad Request\r\ncontent-type: application/json\r\ncontent-length: 12\r\n\r\n{\"error\":1}";
        assert_eq!(rewrite(own), None);
        assert_eq!(
            rewrite(b"HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n"),
            None
        );
        assert_eq!(rewrite(b"event: hello\r\n\r\n"), None);
    }
}
