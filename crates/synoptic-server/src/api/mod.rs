//! The JSON API under `/api` (see `API.md` for the contract).
//!
//! Every route but meeting creation names a meeting and needs one of its
//! keys, in the `X-Synoptic-Token` header (or, for the read-only event
//! stream and exports, a `k` query parameter). A write that changes the
//! meeting is committed, then broadcast as an event (while the database
//! lock is still held, so events go out in the order of the commits), then
//! answered.

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use axum::body::{Body, Bytes};
use axum::extract::multipart::{Field, MultipartError, MultipartRejection};
use axum::extract::{
    DefaultBodyLimit, FromRequest, FromRequestParts, Multipart, Query, Request, State,
};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_SECURITY_POLICY, CONTENT_TYPE};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, patch, post, put};
use axum::{Json, Router};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use serde_json::{json, Value};
use synoptic_core::consolidate::Choice;
use synoptic_formats::write::{
    decisions as decisions_file, draft_docx, draft_markdown, draft_text, html,
};

use crate::access::{check_same_origin, header_token, NO_ACCESS};
use crate::compute::{read_upload, Room};
use crate::error::ApiError;
use crate::events::{self, TicketQuery};
use crate::store::{self, Actor, DecisionRecord, DocRole, NewDocument, Role};
use crate::{clock, App};

mod assembly;
mod comments;
mod decisions;
mod documents;
mod export;
mod meetings;
mod uploads;
mod views;

use comments::*;
use decisions::*;
use documents::*;
use export::*;
use meetings::*;
use uploads::*;
use views::*;

pub use documents::human_bytes;
pub use export::{audit_csv, EXPORTS};

/// The answer to a missing, wrong or expired ticket.
pub const NO_TICKET: &str =
    "no access: the link's ticket is missing, wrong or expired (tickets last a minute): reload the page";

/// Characters in a title, label, name or file name.
const MAX_NAME_CHARS: usize = 200;

/// The routes of the API, to be nested under `/api`.
pub fn routes(app: App) -> Router {
    let limits = app.limits().clone();
    // The upload route takes a file and its form fields. A file over the
    // limit is still read to its end (and thrown away) up to 64 MiB or four
    // times the limit, so the client gets its 413 rather than a connection
    // reset; a body larger still is cut off.
    let upload_limit = limits
        .max_file_bytes
        .saturating_mul(4)
        .max(64 << 20)
        .saturating_add(1 << 20);
    // A meeting created with its documents takes as many files as a
    // meeting may hold.
    let create_limit = usize::try_from(limits.max_meeting_bytes)
        .unwrap_or(usize::MAX)
        .saturating_add(upload_limit);
    Router::new()
        .route(
            "/meetings",
            post(create_meeting).layer(DefaultBodyLimit::max(create_limit)),
        )
        .route(
            "/contributions/texts",
            post(assembly::texts).layer(DefaultBodyLimit::max(create_limit)),
        )
        .route("/server", get(server_info))
        .route(
            "/meetings/{id}",
            get(meeting_info).patch(retitle).delete(delete_meeting),
        )
        .route(
            "/meetings/{id}/documents",
            get(list_documents)
                .post(upload)
                .layer(DefaultBodyLimit::max(upload_limit)),
        )
        .route(
            "/meetings/{id}/documents/{document}",
            patch(update_document).delete(delete_document),
        )
        .route("/meetings/{id}/synopsis", get(synopsis))
        .route("/meetings/{id}/reading", get(reading))
        .route("/meetings/{id}/draft", get(draft))
        .route("/meetings/{id}/decisions", get(list_decisions))
        .route("/meetings/{id}/decisions/{*row}", put(decide).delete(clear))
        .route("/meetings/{id}/comments", get(list_comments))
        .route(
            "/meetings/{id}/comments/{*row}",
            get(row_comments).post(add_comment),
        )
        .route(
            "/meetings/{id}/comment/{comment}",
            patch(hide_comment).delete(delete_comment),
        )
        .route("/meetings/{id}/current-row", put(set_current_row))
        .route("/meetings/{id}/audit", get(audit))
        .route("/meetings/{id}/events", get(events::stream))
        .route("/meetings/{id}/tickets", post(ticket))
        .route("/meetings/{id}/export/{file}", get(export))
        .fallback(no_such_route)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(limits.max_json_bytes))
        .layer(axum::middleware::from_fn(move |request, next| {
            declared_size(create_limit, request, next)
        }))
        .layer(axum::middleware::from_fn(same_origin))
        .with_state(app)
}

/// Middleware: every API request must come from this server's own pages
/// or from a client that is no browser (no cross-site `Origin`).
async fn same_origin(request: Request, next: Next) -> Response {
    match check_same_origin(request.headers()) {
        Ok(()) => next.run(request).await,
        Err(error) => error.into_response(),
    }
}

async fn method_not_allowed() -> ApiError {
    ApiError::new(
        StatusCode::METHOD_NOT_ALLOWED,
        "this route does not take that method (see API.md)",
    )
}

async fn no_such_route() -> ApiError {
    ApiError::not_found("no such API route (see API.md)")
}

impl App {
    /// The meeting `id` and the role `token` gives in it; an unknown
    /// meeting and a missing or wrong key get the same 403.
    pub async fn access(
        &self,
        id: &str,
        token: Option<&str>,
    ) -> Result<(Arc<Room>, Role), ApiError> {
        let room = self.room(id).await?;
        match (room, token) {
            (Some(room), Some(token)) => match room.role_for(token) {
                Some(role) => Ok((room, role)),
                None => Err(ApiError::forbidden(NO_ACCESS)),
            },
            _ => Err(ApiError::forbidden(NO_ACCESS)),
        }
    }

    /// Like [`App::access`] with the key from the `X-Synoptic-Token`
    /// header (the only place writes may carry it).
    async fn access_header(
        &self,
        id: &str,
        headers: &HeaderMap,
    ) -> Result<(Arc<Room>, Role), ApiError> {
        self.access(id, header_token(headers)).await
    }

    /// The meeting `id` and the role of the key in the header or, failing
    /// that, of a ticket (for the event stream and downloads, which a
    /// browser opens without headers).
    pub async fn access_ticket(
        &self,
        id: &str,
        headers: &HeaderMap,
        ticket: Option<&str>,
    ) -> Result<(Arc<Room>, Role), ApiError> {
        if header_token(headers).is_some() {
            return self.access_header(id, headers).await;
        }
        let role = ticket
            .and_then(|t| self.tickets().redeem(id, t, std::time::Instant::now()))
            .ok_or_else(|| ApiError::forbidden(NO_TICKET))?;
        match self.room(id).await? {
            Some(room) => Ok((room, role)),
            None => Err(ApiError::forbidden(NO_TICKET)),
        }
    }

    /// Like [`App::access_header`], for routes only the chair may use.
    async fn chair(&self, id: &str, headers: &HeaderMap) -> Result<Arc<Room>, ApiError> {
        let (room, role) = self.access_header(id, headers).await?;
        if role != Role::Chair {
            return Err(ApiError::forbidden(
                "only the chair can do this: the delegate link reads and comments",
            ));
        }
        Ok(room)
    }
}

/// The meeting a request is for (the `{id}` of its path) and the role its
/// `X-Synoptic-Token` key gives there; an unknown meeting or a missing or
/// wrong key is refused with 403 before the handler runs.
pub struct Member {
    /// The meeting's id.
    pub id: String,
    /// The meeting.
    pub room: Arc<Room>,
    /// What the key may do.
    pub role: Role,
}

/// A [`Member`] holding the chair's key: a delegate gets 403.
pub struct Chair {
    /// The meeting's id.
    pub id: String,
    /// The meeting.
    pub room: Arc<Room>,
}

/// The `{id}` of a meeting's path (other parameters are left to the
/// handler).
#[derive(Deserialize)]
struct MeetingPath {
    id: String,
}

impl FromRequestParts<App> for Member {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, ApiError> {
        let PathArgs(MeetingPath { id }) = PathArgs::from_request_parts(parts, app).await?;
        let (room, role) = app.access_header(&id, &parts.headers).await?;
        Ok(Member { id, room, role })
    }
}

impl FromRequestParts<App> for Chair {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, ApiError> {
        let PathArgs(MeetingPath { id }) = PathArgs::from_request_parts(parts, app).await?;
        let room = app.chair(&id, &parts.headers).await?;
        Ok(Chair { id, room })
    }
}

/// Path parameters, with errors as JSON.
pub struct PathArgs<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PathArgs<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        axum::extract::Path::<T>::from_request_parts(parts, state)
            .await
            .map(|p| PathArgs(p.0))
            .map_err(|e| ApiError::bad_request(format!("bad path: {}", e.body_text())))
    }
}

/// Query parameters, with errors as JSON.
pub struct QueryArgs<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for QueryArgs<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| QueryArgs(q.0))
            .map_err(|e| ApiError::bad_request(format!("bad query: {}", e.body_text())))
    }
}

/// A JSON request body: `Content-Type: application/json` (which a
/// cross-site form cannot send), within the size limit, with errors as
/// JSON.
pub struct JsonBody<T>(pub T);

impl<T: DeserializeOwned> FromRequest<App> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, app: &App) -> Result<Self, ApiError> {
        if !is_json(request.headers()) {
            return Err(ApiError::new(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "send the body as JSON with Content-Type: application/json",
            ));
        }
        let limit = app.limits().max_json_bytes;
        if declared_length(request.headers()).is_some_and(|n| n > limit as u64) {
            // Refused before the body arrives, not after waiting for it.
            return Err(body_error(StatusCode::PAYLOAD_TOO_LARGE, limit, ""));
        }
        let bytes = Bytes::from_request(request, app)
            .await
            .map_err(|e| body_error(e.status(), limit, &e.body_text()))?;
        parse_json(&bytes).map(JsonBody)
    }
}

/// The body's length as its `Content-Length` says, if it does.
fn declared_length(headers: &HeaderMap) -> Option<u64> {
    headers
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse().ok())
}

/// Middleware: a body declared larger than any route takes is refused at
/// once (413), before any of it is read.
async fn declared_size(limit: usize, request: Request, next: Next) -> Response {
    match declared_length(request.headers()) {
        Some(n) if n > limit as u64 => ApiError::too_large(format!(
            "request body of {n} bytes, over the limit of {limit} bytes"
        ))
        .into_response(),
        _ => next.run(request).await,
    }
}

fn is_json(headers: &HeaderMap) -> bool {
    headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
}

fn parse_json<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    serde_json::from_slice(bytes)
        .map_err(|e| ApiError::bad_request(format!("invalid request: {e}")))
}

fn body_error(status: StatusCode, limit: usize, text: &str) -> ApiError {
    if status == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::too_large(format!("request body over the limit of {limit} bytes"))
    } else {
        ApiError::bad_request(format!("cannot read the request body: {text}"))
    }
}

/// A name given by a client: trimmed, at most [`MAX_NAME_CHARS`], `None`
/// when empty.
fn name(given: Option<&str>, what: &str) -> Result<Option<String>, ApiError> {
    let cleaned = given.map(clean_text);
    let Some(text) = cleaned.as_deref().map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    if text.chars().count() > MAX_NAME_CHARS {
        return Err(ApiError::bad_request(format!(
            "{what} is longer than {MAX_NAME_CHARS} characters"
        )));
    }
    if text.chars().any(char::is_control) {
        return Err(ApiError::bad_request(format!(
            "{what} holds control characters"
        )));
    }
    Ok(Some(text.to_string()))
}

/// True for the characters that override the direction of the text
/// around them (U+202A–U+202E, U+2066–U+2069): in a name or a comment
/// they could make other text read backwards.
pub fn is_direction_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A text from a client without direction overrides.
pub fn clean_text(text: &str) -> String {
    text.chars()
        .filter(|&c| !is_direction_override(c))
        .collect()
}

fn actor(role: Role, by: Option<&str>) -> Result<Actor, ApiError> {
    Ok(Actor {
        role,
        name: name(by, "the name")?,
    })
}

/// `value` (an object) with the meeting's `revision` added.
fn with_revision(value: impl serde::Serialize, revision: i64) -> Value {
    let mut value = serde_json::to_value(value).unwrap_or(Value::Null);
    if let Some(object) = value.as_object_mut() {
        object.insert("revision".into(), json!(revision));
    }
    value
}

fn json_text(body: String) -> Response {
    (
        [(CONTENT_TYPE, HeaderValue::from_static("application/json"))],
        body,
    )
        .into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_is_quoted_and_formula_safe() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("=1+1"), "'=1+1");
        assert_eq!(csv_field("line\nbreak"), "\"line\nbreak\"");
    }

    #[test]
    fn names_and_files() {
        assert_eq!(
            file_name(Some("../../etc/passwd")).ok(),
            Some("passwd".into())
        );
        assert_eq!(
            file_name(Some("C:\\docs\\afr.docx")).ok(),
            Some("afr.docx".into())
        );
        assert_eq!(file_name(None).ok(), Some("upload".into()));
        assert_eq!(stem("afr.txt"), "afr");
        assert_eq!(stem(".hidden"), ".hidden");
        assert!(name(Some("a\u{7}b"), "x").is_err());
        assert!(name(Some(&"x".repeat(201)), "x").is_err());
        assert_eq!(name(Some("  "), "x").ok(), Some(None));
        assert_eq!(
            name(Some("\u{202E}evil\u{2066} name\u{2069}"), "x").ok(),
            Some(Some("evil name".to_string()))
        );
        assert_eq!(clean_text("a\u{202D}b\u{202A}c"), "abc");
        assert_eq!(human_bytes(10 << 20), "10 MiB");
        assert_eq!(human_bytes(100), "100 bytes");
    }
}
