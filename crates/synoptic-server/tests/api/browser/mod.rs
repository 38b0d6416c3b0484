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

/// How long a page may take for anything but the live updates.
const PATIENCE: Duration = Duration::from_secs(15);
/// How soon every open browser must show a decision (issue 9).
const LIVE: Duration = Duration::from_secs(1);

// ------------------------------------------------------------ chromedriver

/// A chromedriver process on a free loopback port, ended when dropped.
struct Driver {
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
async fn open_browser(driver: &Driver, profile: &Path, downloads: &Path) -> Client {
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
async fn js(client: &Client, script: &str, args: Vec<Value>) -> Value {
    client
        .execute(script, args)
        .await
        .unwrap_or_else(|e| panic!("script failed ({e}): {script}"))
}

/// The text of the first element `selector` matches, or `None`.
async fn text_of(client: &Client, selector: &str) -> Option<String> {
    let found = js(
        client,
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;",
        vec![json!(selector)],
    )
    .await;
    found.as_str().map(str::to_string)
}

/// How many elements `selector` matches.
async fn count(client: &Client, selector: &str) -> usize {
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
async fn until<T, F, Fut>(client: &Client, what: &str, within: Duration, mut probe: F) -> T
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
fn seen(ok: bool, what: impl std::fmt::Debug) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(format!("{what:?}"))
    }
}

/// Waits for an element to exist and returns it.
async fn element(client: &Client, selector: &str) -> fantoccini::elements::Element {
    client
        .wait()
        .at_most(PATIENCE)
        .for_element(Locator::Css(selector))
        .await
        .unwrap_or_else(|e| panic!("no {selector} ({e})"))
}

/// Clicks the element `selector` matches, once it exists.
async fn click(client: &Client, selector: &str) {
    element(client, selector)
        .await
        .click()
        .await
        .unwrap_or_else(|e| panic!("cannot click {selector} ({e})"));
}

/// Waits until the page's event stream is open.
async fn wait_live(client: &Client) {
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
fn row(id: &str) -> String {
    format!("tr[data-row=\"{id}\"]")
}

/// The draft panel's entry of a row id.
fn draft_row(id: &str) -> String {
    format!("#draft-rows [data-draft-row=\"{id}\"]")
}

/// The draft panel's entry for a row: its outcome and its text as it will
/// read (what the panel shows struck through left out).
async fn draft_entry(client: &Client, id: &str) -> (String, String) {
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
struct Decision<'a> {
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
async fn decide(chair: &Client, delegate: &Client, d: &Decision<'_>) -> Duration {
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
async fn downloaded(client: &Client, dir: &Path, name: &str) -> Vec<u8> {
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
async fn screenshot(client: &Client, dir: &Path, name: &str) -> PathBuf {
    let png = client.screenshot().await.unwrap();
    assert!(png.starts_with(b"\x89PNG"), "a PNG");
    let path = dir.join(name);
    std::fs::write(&path, &png).unwrap();
    path
}

// ------------------------------------------------------------ the test

/// The whole meeting, from the landing page to the exports.
#[test]
#[ignore = "needs chromium and chromedriver: .ci/run installs them"]
fn a_meeting_in_a_real_browser() {
    let started = Instant::now();
    let server = Server::start(Limits::default());
    let scratch = tempfile::tempdir().unwrap();
    let driver = Driver::start(scratch.path());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let dirs: Vec<PathBuf> = [
            "chair-profile",
            "chair-downloads",
            "delegate-profile",
            "delegate-downloads",
        ]
        .iter()
        .map(|d| {
            let p = scratch.path().join(d);
            std::fs::create_dir_all(&p).unwrap();
            p
        })
        .collect();
        let chair = open_browser(&driver, &dirs[0], &dirs[1]).await;
        let delegate = open_browser(&driver, &dirs[2], &dirs[3]).await;
        // The steps run in a task of their own so that both browsers are
        // closed even when a step fails (a panic in the task).
        let outcome = tokio::spawn(meeting(
            chair.clone(),
            delegate.clone(),
            server.base.clone(),
            dirs[1].clone(),
        ))
        .await;
        let _ = chair.close().await;
        let _ = delegate.close().await;
        if let Err(failed) = outcome {
            match failed.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(e) => panic!("the browser steps did not finish: {e}"),
            }
        }
    });
    drop(driver);
    eprintln!(
        "browser test: {:.1} s in all",
        started.elapsed().as_secs_f64()
    );
}

/// The steps of the meeting, in the chair's and the delegate's windows.
async fn meeting(chair: Client, delegate: Client, base: String, downloads: PathBuf) {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/resolution");
    let example = |name: &str| {
        examples
            .join(name)
            .canonicalize()
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .display()
            .to_string()
    };

    // The landing page: a title, the base, three proposals, create.
    chair.goto(&format!("{base}/")).await.unwrap();
    element(&chair, "#meeting-title")
        .await
        .send_keys("Resolution 301 ad hoc group")
        .await
        .unwrap();
    element(&chair, "#base-file")
        .await
        .send_keys(&example("base.txt"))
        .await
        .unwrap();
    // A `multiple` file input takes several paths, one a line.
    let proposals = ["afr.txt", "apt.txt", "cept.txt"].map(example).join("\n");
    element(&chair, "#proposal-files")
        .await
        .send_keys(&proposals)
        .await
        .unwrap();
    element(&chair, "#chair-name")
        .await
        .send_keys("Chair")
        .await
        .unwrap();
    click(&chair, "#create-submit").await;

    // The browser goes on to the chair link, and the page takes the key out
    // of the address bar.
    until(&chair, "the chair link opens", PATIENCE, || async {
        let url = chair.current_url().await.map_err(|e| e.to_string())?;
        seen(url.path().starts_with("/m/"), url.as_str())
    })
    .await;
    wait_live(&chair).await;
    let shown = chair.current_url().await.unwrap();
    assert!(
        shown.fragment().is_none_or(str::is_empty),
        "the key left in the address bar: {shown}"
    );
    until(&chair, "the synopsis is shown", PATIENCE, || async {
        let rows = count(&chair, "tr[data-row]").await;
        let drafted = count(&chair, "[data-draft-row]").await;
        seen(
            count(&chair, &row("resolves/3")).await == 1
                && count(&chair, &draft_row("resolves/3")).await == 1,
            (rows, drafted),
        )
    })
    .await;
    assert_eq!(
        text_of(&chair, "#meeting-title").await.as_deref(),
        Some("Resolution 301 ad hoc group")
    );
    assert_eq!(
        text_of(&chair, "#role-badge").await.as_deref(),
        Some("chair")
    );
    assert_eq!(count(&chair, "#documents tr[data-document]").await, 4);
    let summary = text_of(&chair, "#summary").await.unwrap_or_default();
    assert!(summary.starts_with("4 versions"), "{summary}");
    assert!(count(&chair, "button[data-decide]").await > 0);
    let delegate_link = element(&chair, "#delegate-link")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(
        delegate_link.starts_with(&format!("{base}/m/")),
        "{delegate_link}"
    );
    let chair_link = element(&chair, "#chair-link")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    // The chair link is masked on the page (a password field).
    assert_eq!(
        element(&chair, "#chair-link")
            .await
            .attr("type")
            .await
            .unwrap()
            .as_deref(),
        Some("password")
    );
    let chair_key = chair_link
        .split_once("#k=")
        .map(|(_, k)| k.to_string())
        .unwrap_or_default();
    assert_eq!(chair_key.len(), 43, "{chair_link}");
    let chair_url = chair.current_url().await.unwrap();
    let api = format!("/api/meetings{}", chair_url.path().trim_start_matches("/m"));

    // The delegate's window: the same synopsis and draft, no decide
    // buttons, no documents panel.
    delegate.goto(&delegate_link).await.unwrap();
    wait_live(&delegate).await;
    until(
        &delegate,
        "the delegate's synopsis is shown",
        PATIENCE,
        || async {
            let drafted = count(&delegate, "[data-draft-row]").await;
            seen(
                count(&delegate, &draft_row("resolves/3")).await == 1,
                drafted,
            )
        },
    )
    .await;
    assert_eq!(
        text_of(&delegate, "#role-badge").await.as_deref(),
        Some("delegate")
    );
    assert_eq!(count(&delegate, "button[data-decide]").await, 0);
    assert_eq!(count(&delegate, "button[data-set-current]").await, 0);
    assert_eq!(count(&delegate, "#chair-panel[hidden]").await, 1);
    assert_eq!(count(&delegate, &row("resolves/3")).await, 1);
    assert_eq!(
        count(&delegate, "details[data-comments-for=\"resolves/3\"]").await,
        1
    );

    // Three decisions: accept CEPT's 15 days on the one conflict, keep the
    // base against APT's addition, and a custom text for CEPT's change.
    let custom = "meetings of rapporteur groups and focus groups, with the agreement of the chairman of the study group concerned;";
    let decisions = [
        Decision {
            row: "resolves/3",
            clicks: &["tr[data-row=\"resolves/3\"] button[data-decide=\"accept\"][data-proposal=\"cept\"]"],
            custom_text: None,
            shown: "accept cept",
            draft_has: "15 calendar days",
            draft_lacks: "[",
        },
        Decision {
            row: "instructs-the-director/2",
            clicks: &["tr[data-row=\"instructs-the-director/2\"] button[data-decide=\"base\"]"],
            custom_text: None,
            shown: "keep the base",
            draft_has: "",
            draft_lacks: "next world telecommunication standardization assembly",
        },
        Decision {
            row: "resolves/2/ii",
            clicks: &[
                "tr[data-row=\"resolves/2/ii\"] button[data-decide=\"text\"]",
                "tr[data-row=\"resolves/2/ii\"] button[data-decide=\"save-text\"]",
            ],
            custom_text: Some(custom),
            shown: "custom text",
            draft_has: custom,
            draft_lacks: "rapporteur or convener",
        },
    ];
    let mut live = Vec::new();
    for d in &decisions {
        live.push(decide(&chair, &delegate, d).await);
    }
    eprintln!("browser test: the delegate saw each decision after {live:?}");
    let summary = text_of(&chair, "#draft-summary").await.unwrap_or_default();
    assert!(
        summary.contains("3 decided") && !summary.contains("conflict"),
        "{summary}"
    );

    // The screenshots: the chair's page at the top (header, tools), then
    // both pages at the decided rows, the draft panel scrolled along.
    let shots = screenshots_dir();
    js(&chair, "window.scrollTo(0, 0);", Vec::new()).await;
    let top_png = screenshot(&chair, &shots, "workbench-top.png").await;
    for client in [&chair, &delegate] {
        js(
            client,
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center'});
             const aside = document.getElementById('draft');
             const entry = document.querySelector(arguments[1]);
             aside.scrollTop = Math.max(0, entry.offsetTop - aside.clientHeight / 3);",
            vec![
                json!(row("resolves/2/ii")),
                json!(draft_row("resolves/2/ii")),
            ],
        )
        .await;
    }
    let chair_png = screenshot(&chair, &shots, "workbench.png").await;
    let delegate_png = screenshot(&delegate, &shots, "workbench-delegate.png").await;
    let _ = std::fs::copy(&chair_png, "/tmp/workbench.png");
    eprintln!(
        "browser test: screenshots {}, {} and {} (the chair's also as /tmp/workbench.png)",
        top_png.display(),
        chair_png.display(),
        delegate_png.display()
    );

    // Export with the page's buttons: the browser downloads the files.
    click(&chair, "#export-md").await;
    let draft_md = downloaded(&chair, &downloads, "draft.md").await;
    click(&chair, "#export-decisions").await;
    let decisions_toml = downloaded(&chair, &downloads, "decisions.toml").await;
    // The links carry the key; fetched without a browser they give the same.
    let md_href = element(&chair, "#export-md")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_default();
    assert!(md_href.contains("/export/draft.md?t="), "{md_href}");
    assert!(
        !md_href.contains(&chair_key),
        "the key in a link: {md_href}"
    );
    let server_view = ServerView { base: base.clone() };
    assert_eq!(server_view.fetch(&md_href), draft_md);
    let toml_href = element(&chair, "#export-decisions")
        .await
        .attr("href")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(server_view.fetch(&toml_href), decisions_toml);

    // The exported draft is what the command line makes of the exported
    // decisions: `synoptic consolidate --base base.txt afr.txt apt.txt
    // cept.txt --decisions decisions.toml --format markdown`.
    let toml = String::from_utf8(decisions_toml).unwrap();
    let replayed = read_decisions::read(&toml).unwrap_or_else(|e| panic!("{e}: {toml}"));
    assert_eq!(replayed.rows.len(), 3, "{toml}");
    let local = consolidate(&local_synopsis(), Some(&replayed));
    assert!(local.stale.is_empty(), "{:?}", local.stale);
    let expected = write_with(|b| draft_markdown::write(&local, b));
    let draft_md = String::from_utf8(draft_md).unwrap();
    assert_eq!(draft_md, expected);
    assert!(
        draft_md.contains("study group concerned") && draft_md.contains("~>15~~"),
        "{draft_md}"
    );

    // The server agrees on who decided what (the audit log, as the chair
    // sees it).
    let audit = server_view.get_json(&format!("{api}/audit"), &chair_key);
    let decided = audit["entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["action"] == "decided")
        .count();
    assert_eq!(decided, 3, "{audit}");

    // The projector: the delegate link with `?view=projector` shows no
    // controls and follows the row the chair marks as current, within a
    // second, scrolled into view.
    let projector_link = delegate_link.replacen("#k=", "?view=projector#k=", 1);
    delegate.goto(&projector_link).await.unwrap();
    wait_live(&delegate).await;
    assert_eq!(count(&delegate, "body.projector").await, 1);
    for target in ["resolves/3", "invites-member-states/2", "preamble/p2"] {
        let started = Instant::now();
        click(&chair, &format!("{} button[data-set-current]", row(target))).await;
        // The news within a second; the smooth scroll may take a moment more.
        until(
            &delegate,
            &format!("the projector marks {target} as the current row"),
            LIVE,
            || async {
                let current = format!("{}.current", row(target));
                seen(count(&delegate, &current).await == 1, "not current")
            },
        )
        .await;
        let marked = started.elapsed();
        until(
            &delegate,
            &format!("the projector scrolls {target} into view"),
            Duration::from_secs(3),
            || async {
                let shown = js(
                    &delegate,
                    "const r = document.querySelector(arguments[0]).getBoundingClientRect();
                     return r.top >= 0 && r.top < window.innerHeight ? 'in view' : 'at ' + r.top;",
                    vec![json!(row(target))],
                )
                .await;
                seen(shown == json!("in view"), shown)
            },
        )
        .await;
        eprintln!(
            "browser test: the projector marked {target} after {marked:?}, in view after {:?}",
            started.elapsed()
        );
    }
    let projector_png = screenshot(&delegate, &shots, "workbench-projector.png").await;
    eprintln!(
        "browser test: projector screenshot {}",
        projector_png.display()
    );
}

/// Plain HTTP to the server, as the CLI or a script would.
struct ServerView {
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
fn screenshots_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
