//! The whole meeting, from the landing page to the exports, in two
//! browser windows (the chair's and a delegate's), then the projector.

use super::*;

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
    // The name typed on the landing page went with every decision.
    assert!(
        audit["entries"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["action"] == "decided" || e["action"] == "created")
            .all(|e| e["name"] == "Chair"),
        "{audit}"
    );

    // A delegate's comment raises a count on the chair's page.
    let posted = ServerView { base: base.clone() }.post_json(
        &format!("{api}/comments/resolves/3"),
        &delegate_link
            .split_once("#k=")
            .map(|(_, k)| k.to_string())
            .unwrap_or_default(),
        json!({"text": "We can live with fifteen days", "author": "Mr. Diallo"}),
    );
    assert_eq!(posted["author"], "Mr. Diallo");
    until(&chair, "the chair sees a new comment", LIVE, || async {
        let shown = text_of(&chair, "#new-comments").await;
        seen(shown.as_deref() == Some("1 new comment"), shown)
    })
    .await;

    // The projector: the delegate link with `?view=projector` shows no
    // controls and follows the row the chair marks as current, within a
    // second.
    let projector_link = delegate_link.replacen("#k=", "?view=projector#k=", 1);
    delegate.goto(&projector_link).await.unwrap();
    wait_live(&delegate).await;
    assert_eq!(count(&delegate, "body.projector").await, 1);
    for target in ["resolves/3", "invites-member-states/2", "preamble/p2"] {
        let started = Instant::now();
        click(&chair, &format!("{} button[data-set-current]", row(target))).await;
        until(
            &delegate,
            &format!("the projector shows {target}"),
            LIVE,
            || async {
                let shown = format!("#pj-row[data-projector-row=\"{target}\"]");
                seen(count(&delegate, &shown).await == 1, "not shown")
            },
        )
        .await;
        eprintln!(
            "browser test: the projector showed {target} after {:?}",
            started.elapsed()
        );
    }
    let projector_png = screenshot(&delegate, &shots, "workbench-projector.png").await;
    eprintln!(
        "browser test: projector screenshot {}",
        projector_png.display()
    );

    // Back on the landing page: the meeting this browser created is
    // listed, and the chair's name is filled in.
    chair.goto(&format!("{base}/")).await.unwrap();
    until(
        &chair,
        "the landing page lists the meeting",
        PATIENCE,
        || async {
            let listed = text_of(&chair, "#my-meetings-list li a").await;
            seen(
                listed.as_deref() == Some("Resolution 301 ad hoc group"),
                listed,
            )
        },
    )
    .await;
    let name = element(&chair, "#chair-name")
        .await
        .prop("value")
        .await
        .unwrap()
        .unwrap_or_default();
    assert_eq!(name, "Chair");
}
