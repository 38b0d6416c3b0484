//! The meeting workbench of Synoptic (`synoptic serve`): a web server where
//! a meeting shares one synopsis, the chair decides row by row, delegates
//! comment, everyone sees the same thing within a second, and the draft is
//! exported at the end.
//!
//! - **Storage**: one SQLite file (WAL, `synchronous=FULL`): every decision,
//!   comment and upload is committed before the client is told it
//!   succeeded; a client is then told of it by a server-sent event
//!   ([`store`], [`events`]).
//! - **Computation**: the uploaded bytes are read with the formats crate's
//!   readers, aligned with `synoptic_core::compare` and consolidated with
//!   the chair's decisions; both are cached in memory per meeting and
//!   recomputed only when documents or decisions change ([`compute`]).
//! - **Access**: a meeting has a chair key and a delegate key, each 256
//!   random bits, carried in the link's fragment and sent back in the
//!   `X-Synoptic-Token` header; writes are refused cross-site; requests are
//!   rate-limited per client address ([`access`]).
//! - **Pages**: a landing page and the meeting page, plain HTML, CSS and
//!   JavaScript embedded in the binary and served under a
//!   Content-Security-Policy that allows no inline script ([`pages`]).
//!
//! `API.md` beside this crate's manifest documents every route.

pub mod access;
pub mod api;
pub mod clock;
pub mod compute;
pub mod error;
pub mod events;
pub mod pages;
pub mod store;

use std::collections::HashMap;
use std::future::Future;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};

use axum::Router;
use tokio::net::TcpListener;
use tokio::sync::watch;

pub use error::{ApiError, ServerError, StoreError};
pub use store::{CreatedMeeting, NewDocument, Store};

/// The limits the server enforces on what clients send.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Bytes in one uploaded file.
    pub max_file_bytes: usize,
    /// Bytes of all the documents of one meeting together.
    pub max_meeting_bytes: u64,
    /// Documents in one meeting (and versions, CollateX witnesses and
    /// table columns counted).
    pub max_documents: usize,
    /// Characters in one paragraph of an uploaded document.
    pub max_paragraph_len: usize,
    /// Bytes in the body of a JSON request.
    pub max_json_bytes: usize,
    /// Characters in a comment or a custom text decision.
    pub max_text_chars: usize,
    /// Requests per second allowed from one client address, on average;
    /// 0 switches rate limiting off.
    pub rate_per_second: f64,
    /// Requests one client address may send at once before the average
    /// applies.
    pub rate_burst: f64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 10 << 20,
            max_meeting_bytes: 64 << 20,
            max_documents: 100,
            max_paragraph_len: 100_000,
            max_json_bytes: 1 << 20,
            max_text_chars: 100_000,
            rate_per_second: 50.0,
            rate_burst: 500.0,
        }
    }
}

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
    shutdown: watch::Sender<bool>,
}

impl App {
    /// A server over `store` with these limits.
    pub fn new(store: Store, limits: Limits) -> App {
        let (shutdown, _) = watch::channel(false);
        App {
            inner: Arc::new(Inner {
                rate: access::RateLimiter::new(limits.rate_per_second, limits.rate_burst),
                store,
                rooms: Mutex::new(HashMap::new()),
                limits,
                shutdown,
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

    pub(crate) fn rate(&self) -> &access::RateLimiter {
        &self.inner.rate
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
pub async fn serve(
    listener: TcpListener,
    app: App,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = app.router();
    let closing = app.clone();
    axum::serve(
        listener,
        router.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(async move {
        shutdown.await;
        closing.begin_shutdown();
    })
    .await
}
