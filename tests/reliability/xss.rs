//! Safe HTML: a corpus of XSS payloads put wherever input reaches the page
//! (proposal text, labels, file names, section openers, headings, table
//! headers, the title), each proven inert by parsing the page as a browser
//! does (html5ever) and checking the DOM holds only the page's own
//! elements, no event handler, no script URL, one style sheet and the CSP.

use std::collections::BTreeSet;
use std::fs;

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

use super::{path, run};
use crate::temp_dir;

/// Payloads, one per line of a proposal.
pub const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(2)>",
    "<svg/onload=alert(3)>",
    "<a href=\"javascript:alert(4)\">click</a>",
    "<a href=\"&#106;avascript:alert(5)\">x</a>",
    "<iframe src=\"javascript:alert(6)\"></iframe>",
    "\"><script>alert(7)</script>",
    "' onmouseover='alert(8)' x='",
    "</style><script>alert(9)</script>",
    "</title><script>alert(10)</script>",
    "<!-- <script>alert(11)</script> -->",
    "--><script>alert(12)</script><!--",
    "<![CDATA[<script>alert(13)</script>]]>",
    "<style>body{background:url(javascript:alert(14))}</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(15)\">",
    "<base href=\"javascript:alert(16)//\">",
    "<form action=\"javascript:alert(17)\"><input type=submit></form>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(18)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(19)>\">",
    "\u{FF1C}script\u{FF1E}alert(20)\u{FF1C}/script\u{FF1E}",
    "\u{202E}<script>alert(21)</script>\u{202C} bidi override",
    "\u{2066}<b onclick=alert(22)>isolate</b>\u{2069}",
    "zero\u{200B}width <scr\u{200B}ipt>alert(23)</script>",
    "{{ title }} {% raw %} ${alert(24)} `${alert(25)}`",
    "&lt;script&gt;alert(26)&lt;/script&gt; &amp;#60;",
    "<xmp><script>alert(27)</script></xmp><plaintext>",
    "\u{2028}<script>alert(28)</script>\u{2029}",
];

/// The elements our templates write; anything else came from input.
const OURS: &[&str] = &[
    "html", "head", "meta", "title", "style", "body", "header", "h1", "p", "span", "div", "a",
    "table", "colgroup", "col", "thead", "tbody", "tr", "th", "td", "input", "label", "del", "ins",
    "small", "caption",
];

/// What a walk over the DOM finds.
#[derive(Default)]
struct Found {
    elements: Vec<String>,
    problems: Vec<String>,
    title: String,
    csp: String,
}

/// Walks the DOM, collecting element names and checking attributes.
fn walk(node: &Handle, found: &mut Found) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let tag = name.local.to_string();
        for attr in attrs.borrow().iter() {
            let key = attr.name.local.to_string().to_ascii_lowercase();
            let value: String = attr
                .value
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            if key.starts_with("on") {
                found.problems.push(format!("<{tag} {key}>: event handler"));
            }
            if ["href", "src", "action", "formaction", "xlink:href", "data"].contains(&key.as_str())
                && ["javascript:", "vbscript:", "data:"]
                    .iter()
                    .any(|s| value.starts_with(s))
            {
                found
                    .problems
                    .push(format!("<{tag} {key}={value}>: script URL"));
            }
            if key == "style" {
                found
                    .problems
                    .push(format!("<{tag} style>: inline style from input?"));
            }
        }
        if tag == "meta" {
            let attrs = attrs.borrow();
            let get = |k: &str| {
                attrs
                    .iter()
                    .find(|a| &*a.name.local == k)
                    .map(|a| a.value.to_string())
            };
            if get("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("content-security-policy"))
            {
                found.csp = get("content").unwrap_or_default();
            }
        }
        if tag == "title" {
            for child in node.children.borrow().iter() {
                if let NodeData::Text { contents } = &child.data {
                    found.title.push_str(&contents.borrow());
                }
            }
        }
        found.elements.push(tag);
    }
    for child in node.children.borrow().iter() {
        walk(child, found);
    }
}

/// Parses a page and asserts it is inert; returns the text of its title.
pub fn assert_inert(html: &str, what: &str) -> String {
    let dom = html5ever::parse_document(RcDom::default(), Default::default())
        .from_utf8()
        .read_from(&mut html.as_bytes())
        .expect("parse HTML");
    let mut found = Found::default();
    walk(&dom.document, &mut found);
    let Found {
        elements,
        problems,
        title,
        csp,
    } = found;
    let ours: BTreeSet<&str> = OURS.iter().copied().collect();
    let foreign: BTreeSet<&String> = elements
        .iter()
        .filter(|e| !ours.contains(e.as_str()))
        .collect();
    assert!(foreign.is_empty(), "{what}: foreign elements {foreign:?}");
    assert!(problems.is_empty(), "{what}: {problems:?}");
    let count = |tag: &str| elements.iter().filter(|e| *e == tag).count();
    assert_eq!(count("style"), 1, "{what}: one style sheet");
    assert_eq!(count("title"), 1, "{what}: one title");
    assert_eq!(count("script"), 0, "{what}: no script");
    // Our own metas: charset, the CSP, and perhaps viewport and generator.
    assert!(count("meta") <= 4, "{what}: no meta from input");
    // The CSP forbids everything by default, scripts included.
    assert!(
        csp.starts_with("default-src 'none';") && !csp.contains("script-src"),
        "{what}: CSP {csp:?}"
    );
    title
}

#[test]
fn payloads_in_every_input_are_inert() {
    let dir = temp_dir();
    let base = dir.path().join("base.txt");
    let mut base_text = String::from("considering\n");
    let mut evil_text = String::from("considering <script>alert('opener')</script>\n");
    for (i, payload) in PAYLOADS.iter().enumerate() {
        base_text.push_str(&format!("{})\tthat paragraph {i} is safe;\n", i + 1));
        evil_text.push_str(&format!(
            "{})\tthat paragraph {i} is {payload} safe;\n",
            i + 1
        ));
    }
    // Labels and openers carrying payloads too.
    evil_text.push_str("<b>a)</b>\tlabelled by markup\n");
    evil_text.push_str("instructs the Director <img src=x onerror=alert('instructs')>\n");
    evil_text.push_str("1)\tand \"><svg onload=alert(1)> in a new section\n");
    fs::write(&base, base_text).expect("write");
    let evil = dir.path().join("evil<img src=x onerror=alert(1)>.txt");
    fs::write(&evil, &evil_text).expect("write");
    let md = dir.path().join("markdown.md");
    let mut md_text = String::from("# considering <script>alert('heading')</script>\n\n");
    for payload in PAYLOADS {
        md_text.push_str(&format!("- {{++{payload}++}} and {{--{payload}--}}\n"));
    }
    md_text.push_str("\n<script>alert('raw html block')</script>\n\n[x](javascript:alert(1))\n");
    fs::write(&md, md_text).expect("write");

    let title = "</title><script>alert('title')</script><!--";
    for labels in [
        vec![],
        vec![
            "--label",
            "<script>alert('label')</script>",
            "--label",
            "\" onmouseover=\"alert(1)",
        ],
    ] {
        let mut args = vec!["compare", "--base", path(&base)];
        args.extend(labels.iter().copied());
        args.extend([path(&evil), path(&md), "--title", title, "--format", "html"]);
        let out = run(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let html = String::from_utf8(out.stdout).expect("UTF-8");
        let shown = assert_inert(&html, "compare");
        assert_eq!(shown, title, "the title is text, whole");
        // The payloads are still there, as text.
        assert!(
            html.contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                || html.contains("&#60;script&#62;alert(1)&#60;/script&#62;")
        );
        assert!(html.contains("\u{FF1C}script\u{FF1E}"));
        // Only-changed view and no base: the same guarantees.
        let out = run(&[
            "compare",
            path(&evil),
            path(&md),
            "--only-changed",
            "--format",
            "html",
        ]);
        assert!(out.status.success());
        assert_inert(
            &String::from_utf8(out.stdout).expect("UTF-8"),
            "inferred base",
        );
    }
}

#[test]
fn payloads_in_a_side_by_side_table_are_inert() {
    let dir = temp_dir();
    let table = dir.path().join("table.txt");
    let mut text = String::from("<script>alert('table title')</script>\n\n");
    text.push_str("\tProposal 1 (MOD, <img src=x onerror=alert(1)>) (<script>A</script>)\n");
    text.push_str("\tProposal 2 (MOD, D2) (\" onclick=\"alert(2))\n\n");
    text.push_str("\tMOD\t<b onclick=alert(3)>X/1/2</b>\nconsidering\na)\tthat one;\n");
    for payload in PAYLOADS {
        text.push_str(&format!("b)\t{payload}\n"));
    }
    text.push_str("\tconsidering\na)\tthat one</style>;\nb)\tthat two;\n");
    fs::write(&table, text).expect("write");
    let out = run(&[
        "compare",
        "--side-by-side",
        path(&table),
        "--format",
        "html",
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let html = String::from_utf8(out.stdout).expect("UTF-8");
    let title = assert_inert(&html, "side by side");
    assert_eq!(title, "<script>alert('table title')</script>");
}

#[test]
fn nul_and_control_characters() {
    let dir = temp_dir();
    let md = dir.path().join("nul.md");
    fs::write(
        &md,
        "considering\n\n- a\u{0}<script>alert(1)</script>\u{1}\u{7f}\u{1b}[31m\n",
    )
    .expect("write");
    let out = run(&[
        "compare",
        path(&md),
        "examples/resolution/afr.txt",
        "--format",
        "html",
    ]);
    // Refused cleanly, or shown inert: never a panic.
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("panicked"), "{err}");
    if out.status.success() {
        assert_inert(&String::from_utf8(out.stdout).expect("UTF-8"), "NUL");
    } else {
        assert_eq!(out.status.code(), Some(1));
    }
}
