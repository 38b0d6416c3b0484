//! The landing page from the contributions as received (issue 16, part
//! 4): upload the contributions and the texts in force, pick one text or
//! one meeting per text, and see each proposal headed as secretariats head
//! it, with its reasons under its column.

use super::*;

#[test]
#[ignore = "needs chromium and chromedriver: .ci/run installs them"]
fn meetings_from_contributions_on_the_landing_page() {
    let server = Server::start(Limits::default());
    let scratch = tempfile::tempdir().unwrap();
    let driver = Driver::start(scratch.path());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async {
        let profile = scratch.path().join("profile");
        let downloads = scratch.path().join("downloads");
        std::fs::create_dir_all(&profile).unwrap();
        std::fs::create_dir_all(&downloads).unwrap();
        let client = open_browser(&driver, &profile, &downloads).await;
        let outcome = tokio::spawn(steps(client.clone(), server.base.clone())).await;
        let _ = client.close().await;
        if let Err(failed) = outcome {
            match failed.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(e) => panic!("the browser steps did not finish: {e}"),
            }
        }
    });
    drop(driver);
}

/// Fills the landing page's contribution inputs and waits for the texts
/// the server read from them.
async fn choose_files(client: &Client, base: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/assembly");
    let path = |name: &str| {
        dir.join(name)
            .canonicalize()
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .display()
            .to_string()
    };
    client.goto(&format!("{base}/")).await.unwrap();
    let contributions = ["afr.txt", "apt.docx", "cept.txt"].map(path).join("\n");
    element(client, "#contribution-files")
        .await
        .send_keys(&contributions)
        .await
        .unwrap();
    let bases = [
        "bases/recommendation-a7.txt",
        "bases/resolution-12.txt",
        "bases/resolution-301.txt",
    ]
    .map(path)
    .join("\n");
    element(client, "#bases-files")
        .await
        .send_keys(&bases)
        .await
        .unwrap();
    until(client, "the texts are offered", PATIENCE, || async {
        let n = count(client, "#contribution-text option[data-text]").await;
        let title = text_of(
            client,
            "#contribution-text option[data-text=\"resolution-301\"]",
        )
        .await;
        seen(
            n == 4
                && title
                    .as_deref()
                    .is_some_and(|t| t.contains("afr MOD, apt MOD, cept MOD")),
            (n, title),
        )
    })
    .await;
}

async fn steps(client: Client, base: String) {
    // One chosen text: the browser goes on to its chair page.
    choose_files(&client, &base).await;
    let shot = screenshot(&client, &screenshots_dir(), "contributions-landing.png").await;
    eprintln!("screenshot: {}", shot.display());
    js(
        &client,
        "const s = document.getElementById('contribution-text'); s.value = 'resolution-301'; return s.value;",
        vec![],
    )
    .await;
    click(&client, "#create-submit").await;
    until(&client, "the chair link opens", PATIENCE, || async {
        let url = client.current_url().await.map_err(|e| e.to_string())?;
        seen(url.path().starts_with("/m/"), url.as_str())
    })
    .await;
    wait_live(&client).await;
    let heading = "th[data-version-heading=\"afr\"] .vlabel";
    until(&client, "the columns are headed", PATIENCE, || async {
        let shown = text_of(&client, heading).await;
        seen(
            shown.as_deref() == Some("Proposal 1 (MOD, Addendum 8 to Document 35) (afr)"),
            shown,
        )
    })
    .await;
    assert_eq!(
        text_of(&client, "#meeting-title").await.as_deref(),
        Some("RESOLUTION 301 (Rev. Geneva, 2022)")
    );
    let reasons = text_of(&client, "[data-reasons-for=\"afr\"]")
        .await
        .unwrap_or_default();
    assert!(
        reasons.starts_with("Delegations need three weeks"),
        "{reasons:?}"
    );
    assert_eq!(
        count(&client, "[data-reasons-for]").await,
        4,
        "a cell per column"
    );
    let shot = screenshot(&client, &screenshots_dir(), "contributions-chair.png").await;
    eprintln!("screenshot: {}", shot.display());

    // One meeting per text: the landing page lists them with their links.
    choose_files(&client, &base).await;
    click(&client, "#create-submit").await;
    until(&client, "the meetings are listed", PATIENCE, || async {
        let n = count(&client, "#created-meetings-list li[data-created-meeting]").await;
        seen(n == 4, n)
    })
    .await;
    for link in ["chair", "delegate", "projector"] {
        assert_eq!(
            count(
                &client,
                &format!("#created-meetings-list a[data-link=\"{link}\"]")
            )
            .await,
            4,
            "{link} links"
        );
    }
    let shot = screenshot(&client, &screenshots_dir(), "contributions-created.png").await;
    eprintln!("screenshot: {}", shot.display());
    // The landing page remembers them (and the one before).
    assert_eq!(
        count(&client, "#my-meetings-list li[data-my-meeting]").await,
        5
    );
    // A projector link opens the projector view, without chair rights.
    let projector = js(
        &client,
        "return document.querySelector('#created-meetings-list li:nth-child(2) a[data-link=\"projector\"]').href;",
        vec![],
    )
    .await;
    client.goto(projector.as_str().unwrap()).await.unwrap();
    until(
        &client,
        "the projector shows the meeting",
        PATIENCE,
        || async {
            let title = text_of(&client, "#pj-title").await;
            seen(
                title
                    .as_deref()
                    .is_some_and(|t| t.starts_with("RESOLUTION 12")),
                title,
            )
        },
    )
    .await;
    assert_eq!(
        text_of(&client, "#role-badge").await.as_deref(),
        Some("delegate")
    );
}
