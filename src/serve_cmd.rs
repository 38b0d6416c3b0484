//! `synoptic serve`: the meeting workbench, a web server over one SQLite
//! file (see `crates/synoptic-server`, and its `API.md` for the routes).

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;

use anyhow::{anyhow, Context};
use synoptic_server::store::DocRole;
use synoptic_server::{App, Limits, NewDocument};

use crate::limits::parse_size;
use crate::Failure;

/// Arguments of `synoptic serve`.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// The database file: created with its schema when missing, kept
    /// between runs (meetings, documents, decisions, comments, audit log).
    #[arg(long, value_name = "FILE", default_value = "synoptic.db")]
    pub db: PathBuf,
    /// The address and port to listen on (port 0 picks a free one).
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    pub addr: SocketAddr,
    /// Create (the first time) a meeting of the shipped example, a
    /// resolution and three proposals, and print its chair and delegate
    /// links.
    #[arg(long)]
    pub demo: bool,
    /// The largest file that may be uploaded.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "10M")]
    pub max_upload: u64,
    /// The documents of one meeting may add up to this much.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64M")]
    pub max_meeting_size: u64,
    /// Versions in one meeting (the base, the proposals, CollateX witnesses
    /// and table columns).
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub max_versions: usize,
    /// Paragraphs in one uploaded document.
    #[arg(long, value_name = "N", default_value_t = 20_000)]
    pub max_paragraphs: usize,
    /// Characters in one paragraph of an uploaded document.
    #[arg(long, value_name = "CHARS", default_value_t = 100_000)]
    pub max_paragraph_len: usize,
    /// The synopsis work of one meeting, in cells: all the paragraphs of
    /// all its versions times the number of versions.
    #[arg(long, value_name = "N", default_value_t = 2_000_000)]
    pub max_cells: u64,
    /// The database may grow to this much; past it, uploads, comments and
    /// new meetings are refused (507).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "4G")]
    pub max_storage: u64,
    /// Memory for computed synopses and drafts; past it, the meetings used
    /// least recently are dropped from the cache.
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "1G")]
    pub cache_memory: u64,
    /// Write requests per second allowed from one client address on
    /// average (bursts of ten times as many; reads of the API twenty times
    /// as many; pages and event streams are not counted); 0 switches the
    /// limit off.
    #[arg(long, value_name = "N", default_value_t = 50.0)]
    pub rate_limit: f64,
    /// Behind a reverse proxy: take the client's address from the last
    /// X-Forwarded-For entry (only set this when a proxy you run always
    /// sets that header).
    #[arg(long)]
    pub trust_proxy: bool,
    /// Connections open at once; more are closed at once.
    #[arg(long, value_name = "N", default_value_t = 4096)]
    pub max_connections: usize,
    /// Creating a meeting needs this key (without it, anyone who reaches
    /// the server can create meetings).
    #[arg(long, value_name = "KEY", conflicts_with = "create_key_file")]
    pub create_key: Option<String>,
    /// Like --create-key, the key read from the first line of a file (so
    /// that it is not seen in the process list).
    #[arg(long, value_name = "FILE")]
    pub create_key_file: Option<PathBuf>,
}

/// The example the demo meeting is made of, built into the binary so that
/// `--demo` works from any folder.
const DEMO: &[(DocRole, &str, &str, &[u8])] = &[
    (
        DocRole::Base,
        "base",
        "base.txt",
        include_bytes!("../examples/resolution/base.txt"),
    ),
    (
        DocRole::Proposal,
        "afr",
        "afr.txt",
        include_bytes!("../examples/resolution/afr.txt"),
    ),
    (
        DocRole::Proposal,
        "apt",
        "apt.txt",
        include_bytes!("../examples/resolution/apt.txt"),
    ),
    (
        DocRole::Proposal,
        "cept",
        "cept.txt",
        include_bytes!("../examples/resolution/cept.txt"),
    ),
];

/// Runs `synoptic serve` until Ctrl-C (or SIGTERM).
pub fn run(args: &ServeArgs) -> Result<(), Failure> {
    if !(args.rate_limit >= 0.0 && args.rate_limit.is_finite()) {
        return Err(Failure::Usage(
            "--rate-limit must be a number of requests per second, 0 or more".into(),
        ));
    }
    let create_key = match (&args.create_key, &args.create_key_file) {
        (Some(key), _) => Some(key.trim().to_string()),
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path)
                .with_context(|| format!("{}: cannot read the creation key", path.display()))?;
            Some(text.lines().next().unwrap_or("").trim().to_string())
        }
        (None, None) => None,
    };
    if create_key
        .as_deref()
        .is_some_and(|k| k.chars().count() < 16)
    {
        return Err(Failure::Usage(
            "the creation key must be at least 16 characters long".into(),
        ));
    }
    let limits = Limits {
        max_file_bytes: usize::try_from(args.max_upload).unwrap_or(usize::MAX),
        max_meeting_bytes: args.max_meeting_size,
        max_documents: args.max_versions,
        max_paragraphs: args.max_paragraphs,
        max_paragraph_len: args.max_paragraph_len,
        max_cells: args.max_cells,
        max_storage_bytes: args.max_storage,
        max_cache_bytes: args.cache_memory,
        rate_per_second: args.rate_limit,
        rate_burst: (args.rate_limit * 10.0).max(1.0),
        trust_proxy: args.trust_proxy,
        max_connections: args.max_connections.max(1),
        create_key,
        ..Limits::default()
    };
    let app = App::open(&args.db, limits).map_err(|e| anyhow!("{e}"))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server's runtime")?;
    runtime.block_on(serve(app, args))?;
    Ok(())
}

async fn serve(app: App, args: &ServeArgs) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(args.addr)
        .await
        .with_context(|| format!("cannot listen on {}", args.addr))?;
    let addr = listener.local_addr()?;
    let origin = format!("http://{addr}");
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "synoptic serve: listening on {origin}/ (database {})",
        args.db.display()
    )?;
    if app.limits().create_key.is_some() {
        writeln!(out, "creating a meeting needs the creation key")?;
    } else {
        writeln!(
            out,
            "anyone who reaches this address can create meetings (--create-key restricts it)"
        )?;
    }
    if args.demo {
        let documents: Vec<NewDocument> = DEMO
            .iter()
            .map(|(role, label, filename, bytes)| NewDocument {
                role: *role,
                label: (*label).to_string(),
                filename: (*filename).to_string(),
                bytes: bytes.to_vec(),
            })
            .collect();
        let store = app.store().clone();
        let demo = tokio::task::spawn_blocking(move || {
            store.ensure_demo("Resolution 301: the example proposals", &documents)
        })
        .await?
        .map_err(|e| anyhow!("the demo meeting: {e}"))?;
        writeln!(out, "demo meeting \"{}\":", demo.title)?;
        writeln!(
            out,
            "  chair link (decides):      {origin}{}",
            demo.chair_link
        )?;
        writeln!(
            out,
            "  delegate link (comments):  {origin}{}",
            demo.delegate_link
        )?;
    }
    writeln!(out, "Press Ctrl-C to stop.")?;
    out.flush()?;
    drop(out);
    synoptic_server::serve(listener, app, shutdown_signal()).await?;
    eprintln!("synoptic serve: stopped");
    Ok(())
}

/// Completes on Ctrl-C, or on SIGTERM where there is one.
async fn shutdown_signal() {
    let ctrl_c = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}
