//! The chair's page at 1024×768, 1366×768 and 1920×1080 (no badge over a
//! text, no cell narrower than its longest word, the draft panel below the
//! synopsis under 1500 px and beside it above), the projector view at
//! 1280×720 (large type, only the proposals that change the current row,
//! the draft's text of it, no controls, following the chair), and the page
//! reconnecting after the server went away, catching up on what it missed.

use super::*;
use crate::{decide as api_decide, example_meeting, Call};

/// What is wrong with the layout of the page as shown: badges over texts
/// or over each other, words broken or wider than their cell, and where
/// the draft panel is.
const LAYOUT_PROBE: &str = r#"
const visible = (e) => e.offsetParent !== null && e.getClientRects().length > 0;
const boxes = (sel) => [...document.querySelectorAll(sel)].filter(visible)
  .map((e) => ({ e, r: e.getBoundingClientRect() }));
const overlap = (a, b) => a.left < b.right - 0.5 && b.left < a.right - 0.5
  && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const name = (e) => (e.closest('tr[data-row]') || {dataset: {}}).dataset.row + ' ' + e.className + ' "' + e.textContent.slice(0, 30) + '"';
const problems = [];
const badges = boxes('#synopsis .badge, #synopsis .tracked-mark, #synopsis .conflict-mark, #synopsis .marker');
const texts = boxes('#synopsis .text, #synopsis .rowlabel, #synopsis .rowid, #synopsis .vlabel, #synopsis [data-decision-state], #synopsis .decide button');
for (const b of badges) {
  for (const t of texts) {
    if (t.e.contains(b.e) || b.e.contains(t.e)) continue;
    if (overlap(b.r, t.r)) problems.push('badge ' + name(b.e) + ' over ' + name(t.e));
  }
}
for (let i = 0; i < badges.length; i++) {
  for (let j = i + 1; j < badges.length; j++) {
    if (overlap(badges[i].r, badges[j].r)) problems.push('badges ' + name(badges[i].e) + ' and ' + name(badges[j].e));
  }
}
// Cells say their language and let a browser with its dictionary
// hyphenate; words are measured as they are without one (this chromium
// has none), to check that every word fits its column whole.
const sample = document.querySelector('#synopsis td.cell .text');
const hyphens = sample ? (getComputedStyle(sample).hyphens || getComputedStyle(sample).webkitHyphens) : '';
const lang = sample ? sample.lang : '';
const cellTexts = [...document.querySelectorAll('#synopsis td.cell .text')];
for (const t of cellTexts) t.style.hyphens = 'manual';
// The decision column is in view without scrolling sideways.
const toolsOut = [...document.querySelectorAll('#synopsis th.c-tools, #synopsis [data-decision-for], #synopsis .decide button')]
  .filter(visible).map((e) => e.getBoundingClientRect())
  .filter((r) => r.left < -0.5 || r.right > document.documentElement.clientWidth + 0.5).length;
let words = 0;
for (const text of cellTexts) {
  if (!visible(text)) continue;
  const cell = text.closest('td');
  const style = getComputedStyle(cell);
  const room = cell.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  const walker = document.createTreeWalker(text, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    // A line may break at a space or after a hyphen (as in
    // "Secretary-|General"), nowhere else.
    const re = /[^\s\-\u2010\u2011]+[\-\u2010]?/g;
    let m;
    while ((m = re.exec(node.data))) {
      words++;
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const rects = [...range.getClientRects()].filter((r) => r.width > 0);
      const width = range.getBoundingClientRect().width;
      if (rects.length > 1 && rects[0].top !== rects[rects.length - 1].top) {
        problems.push('word broken: "' + m[0] + '" in ' + name(text));
      } else if (width > room + 1) {
        problems.push('cell narrower (' + Math.round(room) + ' px) than "' + m[0] + '" (' + Math.round(width) + ' px)');
      }
    }
  }
}
const synopsis = document.getElementById('synopsis').getBoundingClientRect();
const draft = document.getElementById('draft').getBoundingClientRect();
const place = draft.top >= synopsis.bottom - 1 ? 'below' : (draft.left >= synopsis.right - 1 ? 'beside' : 'over');
const narrowest = Math.min(...[...document.querySelectorAll('#synopsis thead th.version')].map((e) => e.getBoundingClientRect().width));
for (const t of cellTexts) t.style.hyphens = '';
const toolsFirst = document.getElementById('synopsis').classList.contains('tools-first');
return { problems: problems.slice(0, 20), count: problems.length, words, place, width: window.innerWidth, narrowest: Math.round(narrowest), hyphens, lang, toolsOut, toolsFirst, scrollWidth: document.documentElement.scrollWidth };
"#;

/// What the projector shows: the row, the versions side by side, the
/// draft's text, the controls still visible, the type sizes.
const PROJECTOR_PROBE: &str = r#"
const visible = (e) => e.offsetParent !== null && e.getClientRects().length > 0;
const row = document.getElementById('pj-row');
const versions = [...document.querySelectorAll('#pj-columns [data-projector-version]')].map((e) => e.dataset.projectorVersion);
const draft = document.querySelector('#pj-draft .pj-draft-text');
const controls = [...document.querySelectorAll('button, input, select, textarea, details')].filter(visible).length;
const text = document.querySelector('#pj-columns .text');
return {
  row: row.dataset.projectorRow || '',
  heading: row.textContent,
  versions,
  draft: draft ? draft.textContent : null,
  controls,
  rowPx: parseFloat(getComputedStyle(row).fontSize),
  textPx: text ? parseFloat(getComputedStyle(text).fontSize) : 0,
  titlePx: parseFloat(getComputedStyle(document.getElementById('pj-title')).fontSize),
  title: document.getElementById('pj-title').textContent,
  table: visible(document.getElementById('synopsis')),
};
"#;

#[test]
#[ignore = "needs chromium and chromedriver: .ci/run installs them"]
fn the_page_at_three_sizes_the_projector_and_a_reconnection() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("meetings.db");
    let server = Server::start_on(&db, Limits::default());
    let m = example_meeting(&server);
    let chair = Call::new(&server, Some(&m.chair));
    assert_eq!(
        api_decide(&chair, &m.id, "resolves/3", json!({"accept": "cept"}), 0).status,
        200
    );
    let driver = Driver::start(dir.path());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let profile = dir.path().join("profile");
    let downloads = dir.path().join("downloads");
    for d in [&profile, &downloads] {
        std::fs::create_dir_all(d).unwrap();
    }
    runtime.block_on(async {
        let client = open_browser(&driver, &profile, &downloads).await;
        let outcome = tokio::spawn(steps(client.clone(), server, db.clone(), m)).await;
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

async fn steps(client: Client, mut server: Server, db: PathBuf, m: crate::Meeting) {
    let shots = screenshots_dir();
    let chair_link = format!("{}/m/{}#k={}", server.base, m.id, m.chair);
    for (width, height, expected_place) in [
        (1024, 768, "below"),
        (1366, 768, "below"),
        (1920, 1080, "beside"),
    ] {
        client.set_window_size(width, height).await.unwrap();
        client.goto(&chair_link).await.unwrap();
        wait_live(&client).await;
        until(&client, "the synopsis is shown", PATIENCE, || async {
            seen(
                count(&client, "#draft-rows [data-draft-row]").await > 30
                    && count(&client, "tr[data-row=\"resolves/3\"][data-decided=\"yes\"]").await
                        == 1,
                "not yet",
            )
        })
        .await;
        let layout = js(&client, LAYOUT_PROBE, Vec::new()).await;
        let png = screenshot(&client, &shots, &format!("workbench-{width}.png")).await;
        eprintln!(
            "browser test: {width}×{height}: {} words checked, narrowest column {} px, draft {}, screenshot {}",
            layout["words"],
            layout["narrowest"],
            layout["place"],
            png.display()
        );
        assert_eq!(layout["count"], 0, "{width}×{height}: {layout}");
        assert!(layout["words"].as_u64().unwrap() > 500, "{layout}");
        assert_eq!(
            layout["place"], expected_place,
            "{width}×{height}: {layout}"
        );
        assert_eq!(
            layout["toolsOut"], 0,
            "{width}×{height}: the decision column is out of view: {layout}"
        );
        assert_eq!(layout["hyphens"], "auto", "{layout}");
        assert_eq!(layout["lang"], "en", "{layout}");
        // Cells read as the command line's views show them: "Geneva,
        // 2022" → "New Delhi, 2024" is one change, not two.
        let deleted = js(
            &client,
            "return [...document.querySelectorAll('tr[data-row=\"preamble/p1\"] td.cell del')].map((d) => d.textContent);",
            Vec::new(),
        )
        .await;
        assert!(
            deleted
                .as_array()
                .unwrap()
                .iter()
                .any(|d| d == "Geneva, 2022"),
            "{deleted}"
        );
        // The decided conflict says so.
        assert_eq!(
            text_of(&client, "tr[data-row=\"resolves/3\"] .conflict-mark")
                .await
                .as_deref(),
            Some("decided")
        );
    }

    // The projector at 1280×720, on the delegate link.
    client.set_window_size(1280, 720).await.unwrap();
    let projector = format!("{}/m/{}?view=projector#k={}", server.base, m.id, m.delegate);
    client.goto(&projector).await.unwrap();
    until(&client, "the projector connects", PATIENCE, || async {
        seen(
            count(&client, "#pj-live[data-state=\"live\"]").await == 1,
            "not live",
        )
    })
    .await;
    let set_current = |server: &Server, row: &str| {
        let r = Call::new(server, Some(&m.chair)).json(
            "PUT",
            &format!("/api/meetings/{}/current-row", m.id),
            json!({"row": row}),
        );
        assert_eq!(r.status, 200, "{}", r.text());
    };
    let started = Instant::now();
    set_current(&server, "resolves/2/ii");
    until(&client, "the projector follows the chair", LIVE, || async {
        seen(
            count(&client, "#pj-row[data-projector-row=\"resolves/2/ii\"]").await == 1,
            "not shown",
        )
    })
    .await;
    eprintln!(
        "browser test: the projector showed resolves/2/ii after {:?}",
        started.elapsed()
    );
    let shown = js(&client, PROJECTOR_PROBE, Vec::new()).await;
    let png = screenshot(&client, &shots, "workbench-projector-1280.png").await;
    eprintln!(
        "browser test: projector {shown}, screenshot {}",
        png.display()
    );
    // Only the base and the proposals that change the row (CEPT alone
    // rewords resolves 2 ii).
    let synopsis = Call::new(&server, Some(&m.chair))
        .get(&format!("/api/meetings/{}/synopsis", m.id))
        .json();
    let row = synopsis["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "resolves/2/ii")
        .unwrap();
    let mut changing = vec!["base".to_string()];
    for (i, cell) in row["cells"].as_array().unwrap().iter().enumerate() {
        let version = &synopsis["versions"][i];
        if version["role"] == "proposal"
            && ["modified", "added", "deleted"].contains(&cell["status"].as_str().unwrap_or(""))
        {
            changing.push(version["label"].as_str().unwrap().to_string());
        }
    }
    assert_eq!(shown["versions"], json!(changing), "{shown}");
    assert!(changing.len() < 4, "some proposal leaves the row alone");
    assert_eq!(shown["controls"], 0, "no buttons or toggles: {shown}");
    assert_eq!(shown["table"], false, "the synopsis table is not shown");
    assert_eq!(shown["title"], "Resolution 301");
    assert!(shown["rowPx"].as_f64().unwrap() >= 36.0, "{shown}");
    assert!(shown["textPx"].as_f64().unwrap() >= 22.0, "{shown}");
    let draft = Call::new(&server, Some(&m.chair))
        .get(&format!("/api/meetings/{}/draft", m.id))
        .json();
    let text = draft["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "resolves/2/ii")
        .unwrap()["pieces"]
        .as_array()
        .unwrap()
        .iter()
        .find_map(|p| p["text"].as_str().map(str::to_string))
        .unwrap();
    assert!(
        shown["draft"].as_str().unwrap().contains(&text),
        "{shown} lacks {text:?}"
    );

    // The server goes away: the page says it is reconnecting; the server
    // comes back on the same address, the chair moves on meanwhile, and
    // the page catches up by itself.
    let addr = server.base.trim_start_matches("http://").to_string();
    server.stop();
    until(
        &client,
        "the projector says it reconnects",
        PATIENCE,
        || async {
            let state = text_of(&client, "#pj-live").await;
            seen(
                count(&client, "#pj-live[data-state=\"reconnecting\"]").await == 1,
                state,
            )
        },
    )
    .await;
    let reconnecting = text_of(&client, "#pj-live").await.unwrap_or_default();
    assert!(reconnecting.starts_with("reconnecting"), "{reconnecting}");
    let png = screenshot(&client, &shots, "workbench-projector-reconnecting.png").await;
    eprintln!("browser test: reconnecting screenshot {}", png.display());
    let server = Server::start_at(&db, Limits::default(), &addr);
    set_current(&server, "invites-member-states/2");
    let started = Instant::now();
    until(
        &client,
        "the projector catches up after reconnecting",
        Duration::from_secs(40),
        || async {
            seen(
                count(
                    &client,
                    "#pj-row[data-projector-row=\"invites-member-states/2\"]",
                )
                .await
                    == 1
                    && count(&client, "#pj-live[data-state=\"live\"]").await == 1,
                text_of(&client, "#pj-live").await,
            )
        },
    )
    .await;
    eprintln!(
        "browser test: reconnected and caught up after {:?}",
        started.elapsed()
    );

    // The chair renames CEPT's document: the row stays decided, by the new
    // name; the document deleted, the row says its decision is not
    // applied, and the conflict is open again.
    client
        .goto(&format!("{}/m/{}#k={}", server.base, m.id, m.chair))
        .await
        .unwrap();
    wait_live(&client).await;
    let chair = Call::new(&server, Some(&m.chair));
    let api = format!("/api/meetings/{}", m.id);
    let documents = chair.get(&format!("{api}/documents")).json();
    let cept = documents["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["label"] == "cept")
        .unwrap()["id"]
        .as_i64()
        .unwrap();
    let r = chair.json(
        "PATCH",
        &format!("{api}/documents/{cept}"),
        json!({"label": "CEPT"}),
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let decided = "tr[data-row=\"resolves/3\"] [data-decision-state=\"decided\"]";
    until(
        &client,
        "the renamed proposal's decision holds",
        PATIENCE,
        || async {
            let state = text_of(&client, decided).await;
            seen(state.as_deref() == Some("Decided: accept CEPT"), state)
        },
    )
    .await;
    chair.send(
        "DELETE",
        &format!("{api}/documents/{cept}"),
        "text/plain",
        Vec::new(),
    );
    let stale =
        "tr[data-row=\"resolves/3\"][data-decided=\"stale\"] [data-decision-state=\"stale\"]";
    until(
        &client,
        "the row says its decision is not applied",
        PATIENCE,
        || async {
            let state = text_of(&client, stale).await;
            seen(
                state.as_deref() == Some("Not applied: accept CEPT (deleted)"),
                state,
            )
        },
    )
    .await;
    js(
        &client,
        "document.querySelector('tr[data-row=\"resolves/3\"]').scrollIntoView({block: 'center'});",
        Vec::new(),
    )
    .await;
    let png = screenshot(&client, &shots, "workbench-stale.png").await;
    eprintln!(
        "browser test: a decision not applied, screenshot {}",
        png.display()
    );
    drop(server);
}
