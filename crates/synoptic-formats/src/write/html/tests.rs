//! Tests of the HTML page.

use super::*;
use crate::write::test_support::{hostile, sample, HOSTILE};

fn render(s: &Synopsis, options: &HtmlOptions) -> String {
    let mut buf = Vec::new();
    write(s, options, &mut buf).expect("write to a Vec");
    String::from_utf8(buf).expect("UTF-8")
}

fn options() -> HtmlOptions {
    HtmlOptions {
        title: "Resolution 44 proposals side-by-side".into(),
        only_changed: false,
        stats: None,
    }
}

/// The page's body; the head is the constant style sheet and policy,
/// checked in `self_contained_and_scriptless`.
#[test]
fn snapshot() {
    let html = render(&sample(), &options());
    let body = html.find("<body>").map_or(html.as_str(), |i| &html[i..]);
    insta::assert_snapshot!(body);
}

#[test]
fn deterministic() {
    assert_eq!(render(&sample(), &options()), render(&sample(), &options()));
}

#[test]
fn self_contained_and_scriptless() {
    let html = render(&sample(), &options());
    assert!(html.contains("http-equiv=\"Content-Security-Policy\""));
    assert!(html.contains(
        "content=\"default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;; img-src &#39;none&#39;; base-uri &#39;none&#39;; form-action &#39;none&#39;\">"
    ));
    assert!(html.contains("<title>Resolution 44 proposals side-by-side</title>"));
    assert!(html.contains("@media print"));
    assert!(html.contains("print-color-adjust: exact"));
    assert!(!html.contains("<script"));
    assert!(!html.contains("http://") && !html.contains("https://"));
    assert!(!html.contains("<link") && !html.contains("<img"));
}

#[test]
fn shows_changes_statuses_and_anchors() {
    let html = render(&sample(), &options());
    assert!(html.contains("<del class=\"unsure\" title=\"recovered from flattened text, confidence 55%\">Busan, 2014</del>"));
    assert!(html.contains("<ins class=\"minor\""));
    assert!(html.contains("<del class=\"label former\">b)</del><ins class=\"label\">c)</ins>"));
    assert!(html.contains("id=\"row-considering/b\""));
    assert!(html.contains("href=\"#row-considering/b\""));
    assert!(html.contains("moved to <a href=\"#row-resolves/2+1\">new, after 2</a>"));
    assert!(html.contains("moved from <a href=\"#row-resolves/1\">resolves 1</a>"));
    // Rows are named as a reader says them; the id stays the anchor.
    assert!(html.contains(
        "<a class=\"rowname\" href=\"#row-considering/b\" title=\"row considering/b\" dir=\"auto\">considering b)</a>"
    ));
    assert!(html.contains(">new, after a)</a>"));
    for status in ["unchanged", "modified", "added", "deleted", "absent"] {
        assert!(html.contains(&format!("status-{status}")), "{status}");
    }
    assert!(html.contains(
        "<span>3 versions (base and 2 proposals)</span> · <span>8 rows</span> · <span>6 changed by some proposal</span>"
    ));
    // The unchanged opener collapses into a section title; the renamed
    // one is shown version by version.
    assert!(html.contains(
        "class=\"section-title\"><a href=\"#row-considering\" dir=\"auto\">considering</a>"
    ));
    assert!(html.contains("resolves<ins> further</ins>"));
}

#[test]
fn inferred_base_and_filter_state() {
    let mut s = sample();
    s.base_inferred = true;
    let html = render(
        &s,
        &HtmlOptions {
            only_changed: true,
            ..options()
        },
    );
    assert!(html.contains("base inferred from the proposals"));
    assert!(html.contains("base (inferred)"));
    assert!(html.contains("class=\"filter-toggle\" checked>"));
}

#[test]
fn escapes_everything_from_input() {
    let html = render(
        &hostile(),
        &HtmlOptions {
            title: HOSTILE.into(),
            only_changed: false,
            stats: None,
        },
    );
    assert!(!html.contains("<script"), "{html}");
    assert!(html.contains("&#60;script&#62;alert(1)&#60;/script&#62;"));
    // A row's notes too, in a row of their own under it.
    assert!(html.contains("class=\"row-notes\" dir=\"auto\"><p>Comments: &#60;script&#62;alert(1)"));
    assert!(!html.contains("\" onmouseover"));
    assert_eq!(html.matches("</style>").count(), 1);
    assert!(!html.contains("id=\"row-considering/\"a"));
    // Every tag in the page is one the template writes.
    let mut tags: Vec<&str> = html
        .split('<')
        .skip(1)
        .map(|t| t.split([' ', '>', '\n']).next().unwrap_or(""))
        .collect();
    tags.sort_unstable();
    tags.dedup();
    for tag in tags {
        assert!(
            [
                "!DOCTYPE",
                "html",
                "/html",
                "head",
                "/head",
                "meta",
                "title",
                "/title",
                "style",
                "/style",
                "body",
                "/body",
                "header",
                "/header",
                "h1",
                "/h1",
                "p",
                "/p",
                "span",
                "/span",
                "input",
                "label",
                "/label",
                "table",
                "/table",
                "caption",
                "/caption",
                "colgroup",
                "/colgroup",
                "col",
                "thead",
                "/thead",
                "tbody",
                "/tbody",
                "tr",
                "/tr",
                "th",
                "/th",
                "td",
                "/td",
                "div",
                "/div",
                "del",
                "/del",
                "ins",
                "/ins",
                "a",
                "/a",
            ]
            .contains(&tag),
            "unexpected tag {tag}"
        );
    }
}

#[test]
fn survives_empty_and_inconsistent_input() {
    let html = render(&Synopsis::default(), &HtmlOptions::default());
    assert!(html.contains("0 proposals, no base"));
    // Cells out of order, missing, or for unknown versions.
    let mut s = sample();
    if let Some(row) = s.rows.get_mut(1) {
        row.cells.reverse();
        row.cells.pop();
        row.cells.push(Cell {
            version: "v9".into(),
            ..Cell::default()
        });
    }
    let html = render(&s, &options());
    assert!(html.contains("Dubai, 2018"));
}

#[test]
fn summary_panel_and_heat_strip() {
    // CITEL also changes ATU's date: a conflict for the hot spots.
    let mut s = sample();
    let base = s.rows[1].base_text.clone().unwrap_or_default();
    let text = base.replace("Busan, 2014", "Geneva, 2022");
    s.rows[1].cells[2].ops = synoptic_core::diff::word_diff(&base, &text);
    s.rows[1].cells[2].text = text.into();
    let mut st = synoptic_core::stats::stats(&s);
    // A hostile label in the panel is escaped like the rest.
    if let Some(p) = st.proposals.first_mut() {
        p.label = format!("ATU{HOSTILE}");
    }
    let html = render(
        &s,
        &HtmlOptions {
            stats: Some(st),
            ..options()
        },
    );
    assert!(html.contains("class=\"stats\""));
    assert!(html.contains("class=\"heat-strip\""));
    assert!(html.contains("href=\"#row-considering\""));
    assert!(html.contains("heat-conflict"), "{html}");
    assert!(
        html.contains("href=\"#row-considering/a\""),
        "hot spot link"
    );
    assert!(!html.contains("<script"));
    // Without figures the page is as before.
    let plain = render(&s, &options());
    assert!(!plain.contains("class=\"stats\""));
}

#[test]
fn conflict_is_marked_with_a_class_and_a_badge() {
    let html = render(&crate::write::test_support::conflicting(), &options());
    assert!(html.contains("<tr id=\"row-considering/a\" class=\"row paragraph changed conflict\">"));
    assert!(html.contains(
        "<span class=\"conflict-mark\" title=\"ATU and CITEL change the same words differently\">conflict</span>"
    ));
    // One in the row, one in the key.
    assert_eq!(html.matches("class=\"conflict-mark\"").count(), 2);
    assert!(html.contains("<span>1 conflict</span>"));
    let plain = render(&sample(), &options());
    assert_eq!(plain.matches("class=\"conflict-mark\"").count(), 1);
    assert!(plain.contains("<span>0 conflicts</span>"));
}

#[test]
fn punctuation_only_changes_are_marked() {
    let mut s = sample();
    let base = s.rows[1].base_text.clone().unwrap_or_default();
    let text = base.replace("gap;", "gap,");
    s.rows[1].cells[2].ops = synoptic_core::diff::word_diff(&base, &text);
    s.rows[1].cells[2].text = text.into();
    let html = render(&s, &options());
    assert!(
        html.contains("<del class=\"punct\" title=\"punctuation changed\">;</del><ins class=\"punct\" title=\"punctuation changed\">,</ins>"),
        "{html}"
    );
}

#[test]
fn base_role_is_written_once() {
    let mut s = sample();
    s.versions[0].label = "base".into();
    let html = render(&s, &options());
    assert!(html.contains("<span class=\"vlabel\">base</span><span class=\"vmeta\"></span>"));
    assert!(html.contains("<span class=\"vlabel\">ATU</span><span class=\"vmeta\">proposal"));
}

/// The style sheet: rows reached from a link stop below the sticky header;
/// status marks sit in padding of their own at the cell's bottom corner
/// (so first lines align across columns); the "uncertain" mark is a ground
/// colour and dotted lines, not an outline that reads as keyboard focus;
/// the agreement grid and the section strip have their keys.
#[test]
fn style_and_keys_of_the_view() {
    let st = synoptic_core::stats::stats(&sample());
    let html = render(
        &sample(),
        &HtmlOptions {
            stats: Some(st),
            ..options()
        },
    );
    assert!(STYLE_SHEET.contains("tbody tr[id] { scroll-margin-top: 5.5rem; }"));
    assert!(STYLE_SHEET.contains(".marks { position: absolute; bottom: .3rem; right: .45rem;"));
    assert!(STYLE_SHEET.contains("td.rtl .marks { right: auto; left: .45rem; }"));
    let unsure = STYLE_SHEET
        .split(".unsure {")
        .nth(1)
        .and_then(|rule| rule.split('}').next())
        .expect("an .unsure rule");
    assert!(!unsure.contains("outline"), "{unsure}");
    assert!(html.contains("<caption>Agreement: rows both proposals change / of those, rows where they make the same change</caption>"));
    assert!(html.contains("<p class=\"heat-legend\"><span class=\"key\">Sections:</span> <span class=\"swatch heat-0\"></span>unchanged"));
    assert!(html.contains("<span class=\"swatch heat-conflict\"></span>a conflict"));
}
