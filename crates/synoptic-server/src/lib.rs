//! The meeting workbench of Synoptic (`synoptic serve`): a web server where
//! a meeting shares one synopsis, the chair decides row by row, delegates
//! comment, everyone sees the same thing within a second, and the draft is
//! exported at the end.
//!
//! - **Storage**: one SQLite file (WAL, `synchronous=FULL`): every decision,
//!   comment and upload is committed before the client is told it
//!   succeeded; a client is then told of it by a server-sent event
//!   ([`store`], [`events`]).
//! - **Computation**: the uploaded bytes are read by the command line's
//!   loader (`synoptic_formats::load`, with the same limits), bounded in
//!   synopsis work, aligned with `synoptic_core::compare` and consolidated
//!   with the chair's decisions; both are cached in memory per meeting
//!   (within a memory budget, least recently used dropped first) and
//!   recomputed only when documents or decisions change ([`compute`]).
//! - **Access**: a meeting has a chair key and a delegate key, each 256
//!   random bits, carried in the link's fragment and sent back in the
//!   `X-Synoptic-Token` header (the event stream and downloads take
//!   one-minute tickets instead); writes are refused cross-site; writes and
//!   reads of the API are rate-limited per client address (pages and
//!   streams are not); creating a meeting may need the server's key
//!   ([`access`]).
//! - **Connections**: HTTP/1.1 with a deadline for a request's headers (and
//!   for an idle kept-alive connection), a deadline for a whole request,
//!   and caps on open connections and on event streams per address
//!   ([`serve`]).
//! - **Pages**: a landing page and the meeting page, plain HTML, CSS and
//!   JavaScript embedded in the binary and served under a
//!   Content-Security-Policy that allows no inline script ([`pages`]).
//!
//! `API.md` beside this crate's manifest documents every route.

pub mod access;
pub mod api;
pub mod clock;
pub mod compute;
pub mod conn;
pub mod error;
pub mod events;
pub mod pages;
pub mod store;

use std::collections::HashMap;
use std::future::Future;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use error::{ApiError, ServerError, StoreError};
pub use store::{CreatedMeeting, NewDocument, Store};

/// The limits the server enforces on what clients send, and who may
/// create meetings.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Bytes in one uploaded file.
    pub max_file_bytes: usize,
    /// Bytes of all the documents of one meeting together.
    pub max_meeting_bytes: u64,
    /// Versions in one meeting (the base and each proposal, CollateX
    /// witnesses and table columns counted).
    pub max_documents: usize,
    /// Characters in one paragraph of an uploaded document.
    pub max_paragraph_len: usize,
    /// Paragraphs in one uploaded document.
    pub max_paragraphs: usize,
    /// The synopsis work one meeting may ask for, in cells: all the
    /// paragraphs of all its versions times the number of versions (the
    /// most cells its synopsis can have).
    pub max_cells: u64,
    /// Bytes the database file may grow to; past it, uploads, comments and
    /// new meetings are refused (deleting stays possible).
    pub max_storage_bytes: u64,
    /// Bytes of computed synopses and drafts kept in memory; past it, the
    /// meetings used least recently are dropped from the cache (and
    /// computed again when asked for).
    pub max_cache_bytes: u64,
    /// Bytes in the body of a JSON request.
    pub max_json_bytes: usize,
    /// Characters in a comment or a custom text decision.
    pub max_text_chars: usize,
    /// Write requests per second allowed from one client address, on
    /// average; 0 switches rate limiting off. Reads of the API get twenty
    /// times as many; pages, static files and event streams are not
    /// counted.
    pub rate_per_second: f64,
    /// Requests one client address may send at once before the average
    /// applies.
    pub rate_burst: f64,
    /// Take the client's address from the last `X-Forwarded-For` entry
    /// (set by a reverse proxy in front of the server) instead of the
    /// connection's.
    pub trust_proxy: bool,
    /// Connections open at once; more are closed at once.
    pub max_connections: usize,
    /// Event streams open at once from one client address (a venue's
    /// delegates behind one NAT each open one).
    pub max_streams_per_address: usize,
    /// Time a client has to send a request's headers, and that an idle
    /// kept-alive connection stays open.
    pub header_timeout: Duration,
    /// Time a request (its body included) may take, event streams apart.
    pub request_timeout: Duration,
    /// The key creating a meeting needs (`--create-key`); `None` leaves
    /// creation open to anyone who reaches the server.
    pub create_key: Option<String>,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 10 << 20,
            max_meeting_bytes: 64 << 20,
            max_documents: 100,
            max_paragraph_len: 100_000,
            max_paragraphs: 20_000,
            max_cells: 2_000_000,
            max_storage_bytes: 4 << 30,
            max_cache_bytes: 1 << 30,
            max_json_bytes: 1 << 20,
            max_text_chars: 100_000,
            rate_per_second: 50.0,
            rate_burst: 500.0,
            trust_proxy: false,
            max_connections: 4096,
            max_streams_per_address: 1000,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(120),
            create_key: None,
        }
    }
}

/// Bytes of a request's head (its line and headers): more is refused with
/// 431 (an address past 64 KiB gets 414 first).
pub const MAX_HEADER_BYTES: usize = 80 << 10;

/// How many more API reads than writes one address may send.
pub const READ_RATE_FACTOR: f64 = 20.0;

/// The server's state: the database, the meetings open in memory (their
/// event channels and cached synopsis and draft), and the limits. Cheap to
/// clone.
#[derive(Clone)]
pub struct App {
    inner: Arc<Inner>,
}

struct Inner {
    store: Store,
    rooms: Mutex<HashMap<String, Arc<compute::Room>>>,
    limits: Limits,
    rate: access::RateLimiter,
    read_rate: access::RateLimiter,
    tickets: access::Tickets,
    streams: Arc<access::Streams>,
    shutdown: watch::Sender<bool>,
    started: std::time::Instant,
}

impl App {
    /// A server over `store` with these limits.
    pub fn new(store: Store, limits: Limits) -> App {
        let (shutdown, _) = watch::channel(false);
        App {
            inner: Arc::new(Inner {
                rate: access::RateLimiter::new(limits.rate_per_second, limits.rate_burst),
                // Reads of the API are cheap (cached) and many: a decision
                // makes every open page fetch the draft again.
                read_rate: access::RateLimiter::new(
                    limits.rate_per_second * READ_RATE_FACTOR,
                    limits.rate_burst * READ_RATE_FACTOR,
                ),
                tickets: access::Tickets::default(),
                streams: Arc::new(access::Streams::default()),
                store,
                rooms: Mutex::new(HashMap::new()),
                limits,
                shutdown,
                started: std::time::Instant::now(),
            }),
        }
    }

    /// Opens (creating or migrating) the database at `path` and makes a
    /// server over it.
    pub fn open(path: &Path, limits: Limits) -> Result<App, ServerError> {
        Ok(App::new(Store::open(path)?, limits))
    }

    /// The database.
    pub fn store(&self) -> &Store {
        &self.inner.store
    }

    /// The limits in force.
    pub fn limits(&self) -> &Limits {
        &self.inner.limits
    }

    /// Every route of the server: pages, static files and the API.
    pub fn router(&self) -> Router {
        Router::new()
            .merge(pages::routes())
            .nest("/api", api::routes(self.clone()))
            .layer(axum::middleware::from_fn_with_state(
                self.clone(),
                access::request_timeout,
            ))
            .layer(axum::middleware::from_fn_with_state(
                self.clone(),
                access::rate_limit,
            ))
            .layer(axum::middleware::from_fn(access::security_headers))
    }

    /// Tells open event streams to end, so that a graceful shutdown does
    /// not wait for them.
    pub fn begin_shutdown(&self) {
        self.inner.shutdown.send_replace(true);
    }

    /// A receiver that turns true when the server shuts down.
    pub(crate) fn shutdown_signal(&self) -> watch::Receiver<bool> {
        self.inner.shutdown.subscribe()
    }

    pub(crate) fn rooms(&self) -> MutexGuard<'_, HashMap<String, Arc<compute::Room>>> {
        // A panic elsewhere while holding the lock leaves a map that is
        // still consistent (entries are inserted whole).
        self.inner
            .rooms
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Milliseconds since the server started: the cache's clock.
    pub(crate) fn clock_ms(&self) -> u64 {
        u64::try_from(self.inner.started.elapsed().as_millis()).unwrap_or(u64::MAX)
    }

    pub(crate) fn rate(&self) -> &access::RateLimiter {
        &self.inner.rate
    }

    pub(crate) fn read_rate(&self) -> &access::RateLimiter {
        &self.inner.read_rate
    }

    pub(crate) fn tickets(&self) -> &access::Tickets {
        &self.inner.tickets
    }

    pub(crate) fn streams(&self) -> &Arc<access::Streams> {
        &self.inner.streams
    }

    /// Runs `f` on the database connection on a blocking thread.
    pub(crate) async fn db<T, F>(&self, f: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&mut rusqlite::Connection) -> Result<T, ApiError> + Send + 'static,
    {
        let store = self.inner.store.clone();
        tokio::task::spawn_blocking(move || store.with(f))
            .await
            .map_err(|e| ApiError::internal(format!("database task failed: {e}")))?
    }
}

/// Serves `app` on `listener` until `shutdown` completes, then stops
/// accepting connections, ends the event streams and waits for the
/// requests in flight.
///
/// Each connection is HTTP/1.1 with a deadline for the request's headers,
/// which also closes a kept-alive connection left idle that long; past
/// `max_connections` open at once, new ones are closed at once, so that
/// clients sending half a request cannot hold the server.
pub async fn serve(
    listener: TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};

    let router = app.router();
    let limits = app.limits().clone();
    let slots = Arc::new(tokio::sync::Semaphore::new(limits.max_connections.max(1)));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut shutdown = std::pin::pin!(shutdown);
    loop {
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors and the like: wait a moment
                // rather than spin.
                Err(_) => {
                    tokio::time::sleep(std::time::Duration::from_millis(20)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Ok(slot) = slots.clone().try_acquire_owned() else {
            // Said in one small write the socket takes at once, or not
            // at all: a flood is not waited for.
            let _ = stream.try_write(&conn::json_response(
                503,
                "Service Unavailable",
                "the server has too many open connections: try again in a moment",
            ));
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let router = router.clone();
        let state = conn::ConnState::new();
        let io = conn::Guarded::new(stream, state.clone(), limits.header_timeout);
        let service = hyper::service::service_fn(
            move |mut request: axum::http::Request<hyper::body::Incoming>| {
                let in_flight = state.begin();
                request
                    .extensions_mut()
                    .insert(axum::extract::ConnectInfo(remote));
                let mut router = router.clone();
                let response = tower_service::Service::call(&mut router, request);
                async move {
                    let response = response.await?;
                    Ok::<_, std::convert::Infallible>(
                        response.map(|body| conn::CountedBody::new(body, in_flight)),
                    )
                }
            },
        );
        let mut builder = hyper::server::conn::http1::Builder::new();
        builder
            .timer(TokioTimer::new())
            // The connection keeps the deadline itself, to answer it
            // (conn::Guarded); hyper's is a backstop.
            .header_read_timeout(limits.header_timeout + Duration::from_secs(2))
            // Headers past this are refused (431) rather than buffered.
            .max_header_size(MAX_HEADER_BYTES)
            .keep_alive(true);
        let connection = graceful.watch(builder.serve_connection(TokioIo::new(io), service));
        tokio::spawn(async move {
            let _ = connection.await;
            drop(slot);
        });
    }
    drop(listener);
    app.begin_shutdown();
    // Requests in flight get a while to finish; event streams end at once.
    let _ = tokio::time::timeout(std::time::Duration::from_secs(10), graceful.shutdown()).await;
    Ok(())
}
