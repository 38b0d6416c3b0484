//! The workbench end to end in a real headless browser: Debian's chromium,
//! driven through chromedriver (WebDriver) with fantoccini.
//!
//! A chair creates a meeting on the landing page, uploads the example
//! resolution and its three proposals, decides three rows (accept a
//! proposal, keep the base, write a custom text) and sees the draft panel
//! change after each; a delegate, in a second browser window, sees each
//! decision within a second and has no decide buttons. The chair then
//! exports the draft (Markdown) and the decisions file with the page's own
//! buttons, and the exported draft must equal what the command line's
//! consolidation (`synoptic consolidate --decisions`) makes of the exported
//! decisions. Screenshots of both windows are saved and their paths
//! printed.
//!
//! Needs `/usr/bin/chromium` and `/usr/bin/chromedriver` (Debian's
//! `chromium` and `chromium-driver`; `CHROMIUM` and `CHROMEDRIVER` override
//! the paths), hence `#[ignore]`: `.ci/run` installs them and runs it with
//! `cargo test -p synoptic-server --test api browser -- --ignored`.

use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{json, Value};
use synoptic_core::consolidate::consolidate;
use synoptic_formats::read::decisions as read_decisions;
use synoptic_formats::write::draft_markdown;
use synoptic_server::Limits;

use super::{local_synopsis, write_with, Server};

mod contributions;
mod layout;
mod meeting;

/// How long a page may take for anything but the live updates.
const PATIENCE: Duration = Duration::from_secs(15);
/// How soon every open browser must show a decision (issue 9).
const LIVE: Duration = Duration::from_secs(1);

// ------------------------------------------------------------ chromedriver

/// A chromedriver process on a free loopback port, ended when dropped.
pub(super) struct Driver {
    child: Child,
    url: String,
    log: PathBuf,
}

impl Driver {
    /// Starts chromedriver, its log in `dir`, and waits until it is ready.
    fn start(dir: &Path) -> Driver {
        let program =
            std::env::var("CHROMEDRIVER").unwrap_or_else(|_| "/usr/bin/chromedriver".into());
        // A free port: bind to port 0, read it, let it go. Nothing else on
        // this machine races for it in the few milliseconds before
        // chromedriver binds it again.
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .unwrap()
            .port();
        let log = dir.join("chromedriver.log");
        let child = Command::new(&program)
            .arg(format!("--port={port}"))
            .arg(format!("--log-path={}", log.display()))
            .arg("--allowed-ips=127.0.0.1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start {program}: {e} (apt-get install chromium-driver)")
            });
        let driver = Driver {
            child,
            url: format!("http://127.0.0.1:{port}"),
            log,
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(Duration::from_secs(2)))
            .build()
            .into();
        let deadline = Instant::now() + PATIENCE;
        loop {
            let ready = agent
                .get(format!("{}/status", driver.url))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_to_string().ok())
                .and_then(|body| serde_json::from_str::<Value>(&body).ok())
                .is_some_and(|v| v["value"]["ready"] == true);
            if ready {
                return driver;
            }
            assert!(
                Instant::now() < deadline,
                "chromedriver did not start: see {}",
                driver.log.display()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A new browser window: its own chromium, profile and download folder.
pub(super) async fn open_browser(driver: &Driver, profile: &Path, downloads: &Path) -> Client {
    let binary = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    let capabilities = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": binary,
            // The flags that keep chromium off this machine's closed network
            // (.library/env/machines/rust.md), a fresh profile, and a window
            // wide enough for the synopsis and the draft side by side.
            "args": [
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
                "--hide-scrollbars",
                "--window-size=1600,1000",
                format!("--user-data-dir={}", profile.display()),
            ],
            "prefs": {
                "download.default_directory": downloads.display().to_string(),
                "download.prompt_for_download": false,
                "download.directory_upgrade": true,
            },
        },
    });
    let Value::Object(capabilities) = capabilities else {
        unreachable!("a JSON object")
    };
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(capabilities)
        .connect(&driver.url)
        .await
        .unwrap_or_else(|e| panic!("no browser session ({e}): see {}", driver.log.display()))
}

// ------------------------------------------------------------ page helpers

/// Runs `script` (a function body with `arguments`) in the page.
pub(super) async fn js(client: &Client, script: &str, args: Vec<Value>) -> Value {
    client
        .execute(script, args)
        .await
        .unwrap_or_else(|e| panic!("script failed ({e}): {script}"))
}

/// The text of the first element `selector` matches, or `None`.
pub(super) async fn text_of(client: &Client, selector: &str) -> Option<String> {
    let found = js(
        client,
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
        vec![json!(selector)],
    )
    .await;
    found.as_str().map(str::to_string)
}

/// How many elements `selector` matches.
pub(super) async fn count(client: &Client, selector: &str) -> usize {
    let n = js(
        client,
        "return document.querySelectorAll(arguments[0]).length;",
        vec![json!(selector)],
    )
    .await;
    n.as_u64()
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(0)
}

/// Polls `probe` until it gives `Ok`, for at most `within`; panics with
/// `what`, the last `Err` (what was seen instead) and the page's error bar
/// when it never does.
pub(super) async fn until<T, F, Fut>(
    client: &Client,
    what: &str,
    within: Duration,
    mut probe: F,
) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, String>>,
{
    let deadline = Instant::now() + within;
    loop {
        let seen = match probe().await {
            Ok(found) => return found,
            Err(seen) => seen,
        };
        if Instant::now() >= deadline {
            let error = text_of(client, "#error-bar").await.unwrap_or_default();
            panic!("{what}: not within {within:?}; seen {seen} (the page's error bar: {error:?})");
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
}

/// `Ok(())` when `ok`, else what was seen.
pub(super) fn seen(ok: bool, what: impl std::fmt::Debug) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("{what:?}"))
    }
}

/// Waits for an element to exist and returns it.
pub(super) async fn element(client: &Client, selector: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(selector))
        .await
        .unwrap_or_else(|e| panic!("no {selector} ({e})"))
}

/// Clicks the element `selector` matches, once it exists.
pub(super) async fn click(client: &Client, selector: &str) {
    element(client, selector)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {selector} ({e})"));
}

/// Waits until the page's event stream is open.
pub(super) async fn wait_live(client: &Client) {
    until(client, "the event stream opens", PATIENCE, || async {
        let state = text_of(client, "#live-status").await;
        seen(
            count(client, "#live-status[data-state=\"live\"]").await == 1,
            state,
        )
    })
    .await;
}

/// The synopsis row of a row id.
pub(super) fn row(id: &str) -> String {
    format!("tr[data-row=\"{id}\"]")
}

/// The draft panel's entry of a row id.
pub(super) fn draft_row(id: &str) -> String {
    format!("#draft-rows [data-draft-row=\"{id}\"]")
}

/// The draft panel's entry for a row: its outcome and its text as it will
/// read (what the panel shows struck through left out).
pub(super) async fn draft_entry(client: &Client, id: &str) -> (String, String) {
    let found = js(
        client,
        "const e = document.querySelector(arguments[0]);
         if (!e) return null;
         const kept = e.cloneNode(true);
         for (const gone of kept.querySelectorAll('del')) gone.remove();
         return [e.dataset.outcome, kept.textContent];",
        vec![json!(draft_row(id))],
    )
    .await;
    let outcome = found[0].as_str().unwrap_or_default().to_string();
    let text = found[1].as_str().unwrap_or_default().to_string();
    (outcome, text)
}

/// One decision taken on the chair's page.
pub(super) struct Decision<'a> {
    /// The row decided.
    row: &'a str,
    /// What is clicked to take it.
    clicks: &'a [&'a str],
    /// Typed into the custom text editor between the clicks, if any.
    custom_text: Option<&'a str>,
    /// The row's decision line, once decided.
    shown: &'a str,
    /// The draft panel's text of the row, once decided, contains this …
    draft_has: &'a str,
    /// … and no longer this.
    draft_lacks: &'a str,
}

/// Takes a decision on the chair's page, then checks that both pages show
/// it: the delegate's within [`LIVE`], and each draft panel changed.
pub(super) async fn decide(chair: &Client, delegate: &Client, d: &Decision<'_>) -> Duration {
    let (outcome_before, text_before) = draft_entry(chair, d.row).await;
    assert_ne!(outcome_before, "decided", "{} is open at first", d.row);
    assert!(
        text_before.contains(d.draft_lacks),
        "{}: {text_before:?}",
        d.row
    );
    let mut started = Instant::now();
    for (i, selector) in d.clicks.iter().enumerate() {
        if i == 1 {
            if let Some(text) = d.custom_text {
                let area =
                    element(chair, &format!("textarea[data-custom-text=\"{}\"]", d.row)).await;
                area.clear().await.unwrap();
                area.send_keys(text).await.unwrap();
            }
        }
        // The decision is sent by the last click.
        if i + 1 == d.clicks.len() {
            started = Instant::now();
        }
        click(chair, selector).await;
    }
    let decided = format!("{}[data-decided=\"yes\"]", row(d.row));
    // The delegate hears of it within a second …
    until(
        delegate,
        &format!("the delegate sees {} decided", d.row),
        LIVE,
        || async { seen(count(delegate, &decided).await == 1, "not decided") },
    )
    .await;
    let live = started.elapsed();
    // … and so does the chair, whose draft panel changes.
    for (who, client) in [("chair", chair), ("delegate", delegate)] {
        until(
            client,
            &format!("the {who}'s draft shows {}", d.row),
            PATIENCE,
            || async {
                let (outcome, text) = draft_entry(client, d.row).await;
                let ok = outcome == "decided"
                    && text != text_before
                    && text.contains(d.draft_has)
                    && !text.contains(d.draft_lacks);
                seen(ok, (outcome, text))
            },
        )
        .await;
        let state = text_of(
            client,
            &format!("[data-decision-for=\"{}\"] [data-decision-state]", d.row),
        )
        .await
        .unwrap_or_default();
        assert_eq!(
            state,
            format!("Decided: {}", d.shown),
            "{who}, row {}",
            d.row
        );
    }
    live
}

/// Waits for a file the browser downloads into `dir`.
pub(super) async fn downloaded(client: &Client, dir: &Path, name: &str) -> Vec<u8> {
    let path = dir.join(name);
    let partial = dir.join(format!("{name}.crdownload"));
    until(
        client,
        &format!("{name} is downloaded"),
        PATIENCE,
        || async {
            let files: Vec<_> = std::fs::read_dir(dir)
                .map(|entries| entries.flatten().map(|e| e.file_name()).collect())
                .unwrap_or_default();
            match std::fs::read(&path) {
                Ok(bytes) if !partial.exists() => Ok(bytes),
                _ => Err(format!("in {}: {files:?}", dir.display())),
            }
        },
    )
    .await
}

/// Saves what the window shows as `dir/name` (PNG).
pub(super) async fn screenshot(client: &Client, dir: &Path, name: &str) -> PathBuf {
    let png = client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let path = dir.join(name);
    std::fs::write(&path, &png).unwrap();
    path
}

/// Plain HTTP to the server, as the CLI or a script would.
pub(super) struct ServerView {
    base: String,
}

impl ServerView {
    /// A GET of `path` (or of an address), with the key in the header if
    /// any; panics unless the answer is 200.
    fn get(&self, path: &str, key: Option<&str>) -> Vec<u8> {
        let url = if path.starts_with("http") {
            path.to_string()
        } else {
            format!("{}{path}", self.base)
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(PATIENCE))
            .build()
            .into();
        let mut request = agent.get(&url);
        if let Some(key) = key {
            request = request.header("X-Synoptic-Token", key);
        }
        let mut response = request.call().unwrap_or_else(|e| panic!("{url}: {e}"));
        let status = response.status();
        let body = response.body_mut().read_to_vec().unwrap();
        assert_eq!(status, 200, "{url}: {}", String::from_utf8_lossy(&body));
        body
    }

    /// The JSON a POST of `body` to `path` answers, with the key in the
    /// header; panics unless it is a success.
    pub(super) fn post_json(&self, path: &str, key: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.base);
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(PATIENCE))
            .build()
            .into();
        let mut response = agent
            .post(&url)
            .header("X-Synoptic-Token", key)
            .content_type("application/json")
            .send(body.to_string().as_bytes())
            .unwrap_or_else(|e| panic!("{url}: {e}"));
        let status = response.status();
        let text = response.body_mut().read_to_string().unwrap();
        assert!(status.is_success(), "{url}: {status} {text}");
        serde_json::from_str(&text).unwrap()
    }

    /// The body of a GET of `href` (a path or an address), no header.
    fn fetch(&self, href: &str) -> Vec<u8> {
        self.get(href, None)
    }

    /// The JSON a GET of `path` answers, with the key in the header.
    fn get_json(&self, path: &str, key: &str) -> Value {
        serde_json::from_slice(&self.get(path, Some(key))).unwrap()
    }
}

/// Where the screenshots go: cargo's scratch folder for integration tests.
pub(super) fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
