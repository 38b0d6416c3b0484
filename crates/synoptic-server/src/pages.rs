//! The pages and their static files, embedded in the binary: no route maps
//! to a file on disk.
//!
//! The pages hold no data: the meeting page reads the meeting's id from its
//! path and its key from the link's fragment, and fetches everything from
//! the API with the key in a header. Every text from an upload or a
//! comment is put in the page with `textContent`, never parsed as HTML,
//! and the Content-Security-Policy allows scripts and styles from this
//! server's files only.

use axum::extract::Path;
use axum::http::header::{CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::HeaderValue;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use synoptic_formats::write::html::STYLE_SHEET;

use crate::access::PAGE_CSP;
use crate::error::ApiError;

const LANDING: &str = include_str!("../static/index.html");
const MEETING: &str = include_str!("../static/meeting.html");
const WORKBENCH_JS: &str = include_str!("../static/workbench.js");
/// The modules the meeting page's script is made of, by job.
const WORKBENCH_MODULES: &[(&str, &str)] = &[
    ("wb-core.js", include_str!("../static/wb-core.js")),
    ("wb-synopsis.js", include_str!("../static/wb-synopsis.js")),
    ("wb-draft.js", include_str!("../static/wb-draft.js")),
    ("wb-live.js", include_str!("../static/wb-live.js")),
];
const LANDING_JS: &str = include_str!("../static/landing.js");
const WORKBENCH_CSS: &str = include_str!("../static/workbench.css");
const FAVICON: &str = include_str!("../static/favicon.svg");

/// The routes of the pages and static files.
pub fn routes() -> Router {
    Router::new()
        .route("/", get(landing))
        .route("/m/{id}", get(meeting))
        .route("/static/{file}", get(asset))
        .route("/healthz", get(health))
        .route("/favicon.ico", get(favicon))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
}

async fn method_not_allowed() -> Response {
    ApiError::new(
        axum::http::StatusCode::METHOD_NOT_ALLOWED,
        "this page does not take that method",
    )
    .into_response()
}

fn page(html: &'static str) -> Response {
    (
        [
            (
                CONTENT_TYPE,
                HeaderValue::from_static("text/html; charset=utf-8"),
            ),
            (CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_CSP)),
        ],
        html,
    )
        .into_response()
}

async fn landing() -> Response {
    page(LANDING)
}

async fn meeting(Path(_id): Path<String>) -> Response {
    page(MEETING)
}

async fn favicon() -> Response {
    asset(Path("favicon.svg".to_string())).await
}

async fn health() -> Response {
    ([(CONTENT_TYPE, "application/json")], "{\"ok\":true}").into_response()
}

/// The static file `file`, if it is one of the few there are.
pub fn asset_body(file: &str) -> Option<(&'static str, &'static str)> {
    if let Some((_, body)) = WORKBENCH_MODULES.iter().find(|(name, _)| *name == file) {
        return Some((body, "text/javascript; charset=utf-8"));
    }
    match file {
        "workbench.js" => Some((WORKBENCH_JS, "text/javascript; charset=utf-8")),
        "landing.js" => Some((LANDING_JS, "text/javascript; charset=utf-8")),
        "workbench.css" => Some((WORKBENCH_CSS, "text/css; charset=utf-8")),
        "synopsis.css" => Some((STYLE_SHEET, "text/css; charset=utf-8")),
        "favicon.svg" => Some((FAVICON, "image/svg+xml")),
        _ => None,
    }
}

async fn asset(Path(file): Path<String>) -> Response {
    match asset_body(&file) {
        Some((body, kind)) => (
            [
                (CONTENT_TYPE, HeaderValue::from_static(kind)),
                (CACHE_CONTROL, HeaderValue::from_static("no-cache")),
            ],
            body,
        )
            .into_response(),
        None => not_found().await,
    }
}

async fn not_found() -> Response {
    ApiError::not_found("no such page").into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True when the HTML has an attribute such as ` onclick=`.
    fn has_handler_attribute(html: &str) -> bool {
        html.match_indices(" on").any(|(i, _)| {
            let rest = &html[i + 3..];
            let name_len = rest.bytes().take_while(u8::is_ascii_alphabetic).count();
            name_len > 0 && rest[name_len..].starts_with('=')
        })
    }

    #[test]
    fn pages_load_nothing_inline() {
        for html in [LANDING, MEETING] {
            assert!(!html.contains("<script>"), "inline script");
            assert!(!html.contains(" style="), "inline style");
            assert!(!has_handler_attribute(html), "inline handler");
            assert!(!html.contains("http://") && !html.contains("https://"));
        }
        let modules = WORKBENCH_MODULES.iter().map(|(_, body)| *body);
        for js in [WORKBENCH_JS, LANDING_JS].into_iter().chain(modules) {
            assert!(!js.contains("innerHTML"), "innerHTML");
            assert!(!js.contains("insertAdjacentHTML"));
            assert!(!js.contains("eval("));
        }
        assert!(asset_body("../Cargo.toml").is_none());
        assert!(asset_body("synopsis.css").is_some());
        assert!(asset_body("wb-live.js").is_some());
    }
}
