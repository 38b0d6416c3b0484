//! The JSON API under `/api` (see `API.md` for the contract).
//!
//! Every route but meeting creation names a meeting and needs one of its
//! keys, in the `X-Synoptic-Token` header (or, for the read-only event
//! stream and exports, a `k` query parameter). A write that changes the
//! meeting is committed, then broadcast as an event (while the database
//! lock is still held, so events go out in the order of the commits), then
//! answered.

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
use synoptic_formats::write::{decisions, draft_docx, draft_markdown, draft_text, html};

use crate::access::{check_same_origin, header_token, NO_ACCESS};
use crate::compute::{read_upload, Room};
use crate::error::ApiError;
use crate::events::{self, KeyQuery};
use crate::store::{self, Actor, DecisionRecord, DocRole, NewDocument, Role};
use crate::{clock, App};

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
    Router::new()
        .route("/meetings", post(create_meeting))
        .route("/meetings/{id}", get(meeting_info).patch(retitle))
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
        .route("/meetings/{id}/draft", get(draft))
        .route("/meetings/{id}/decisions", get(list_decisions))
        .route("/meetings/{id}/decisions/{*row}", put(decide).delete(clear))
        .route("/meetings/{id}/comments", get(list_comments))
        .route(
            "/meetings/{id}/comments/{*row}",
            get(row_comments).post(add_comment),
        )
        .route("/meetings/{id}/current-row", put(set_current_row))
        .route("/meetings/{id}/audit", get(audit))
        .route("/meetings/{id}/events", get(events::stream))
        .route("/meetings/{id}/export/{file}", get(export))
        .fallback(no_such_route)
        .layer(DefaultBodyLimit::max(limits.max_json_bytes))
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
        let bytes = Bytes::from_request(request, app)
            .await
            .map_err(|e| body_error(e.status(), limit, &e.body_text()))?;
        parse_json(&bytes).map(JsonBody)
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
    let Some(text) = given.map(str::trim).filter(|t| !t.is_empty()) else {
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

// ---------------------------------------------------------------- meetings

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateBody {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    by: Option<String>,
}

async fn create_meeting(
    State(app): State<App>,
    JsonBody(body): JsonBody<CreateBody>,
) -> Result<Response, ApiError> {
    let title = name(body.title.as_deref(), "the title")?.unwrap_or_else(|| "Meeting".into());
    let by = actor(Role::Chair, body.by.as_deref())?;
    let created = app
        .db(move |conn| Ok(store::create_meeting(conn, &title, false, &by)?))
        .await?;
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

async fn meeting_info(
    State(app): State<App>,
    Member { id, room, role }: Member,
) -> Result<Json<Value>, ApiError> {
    let key = id.clone();
    let (record, documents) = app
        .db(move |conn| {
            let record =
                store::meeting(conn, &key)?.ok_or_else(|| ApiError::forbidden(NO_ACCESS))?;
            let documents = store::documents(conn, &key)?;
            Ok((record, documents))
        })
        .await?;
    let computed = app.synopsis(&room).await?;
    let limits = app.limits();
    let mut info = json!({
        "id": record.id,
        "title": record.title,
        "role": role,
        "created_at": record.created_at,
        "revision": record.state.revision,
        "current_row": record.state.current_row,
        "documents": documents,
        "proposals": computed.automatic.proposals,
        "base_inferred": computed.synopsis.base_inferred,
        "synopsis_error": computed.error,
        "table_title": computed.table_title,
        "conflict_rows": computed.conflict_rows,
        "notes": computed.synopsis.notes,
        "limits": {
            "max_file_bytes": limits.max_file_bytes,
            "max_documents": limits.max_documents,
            "max_text_chars": limits.max_text_chars,
        },
    });
    if role == Role::Chair {
        info["links"] = json!({
            "chair": store::link(&id, room.chair_token()),
            "delegate": store::link(&id, room.delegate_token()),
        });
    }
    Ok(Json(info))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RetitleBody {
    title: String,
    #[serde(default)]
    by: Option<String>,
}

async fn retitle(
    State(app): State<App>,
    Chair { id, room }: Chair,
    JsonBody(body): JsonBody<RetitleBody>,
) -> Result<Json<Value>, ApiError> {
    let title = name(Some(&body.title), "the title")?
        .ok_or_else(|| ApiError::bad_request("the title is empty"))?;
    let by = actor(Role::Chair, body.by.as_deref())?;
    let (room_, title_) = (room.clone(), title.clone());
    let state = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            store::set_title(&tx, &id, &title_)?;
            store::audit(
                &tx,
                &id,
                &by,
                "retitled",
                None,
                &format!("renamed the meeting {title_:?}"),
            )?;
            let state =
                room_.publish(tx, &id, (false, false), "meeting", json!({"title": title_}))?;
            Ok(state)
        })
        .await?;
    Ok(Json(json!({"title": title, "revision": state.revision})))
}

// --------------------------------------------------------------- documents

async fn list_documents(
    State(app): State<App>,
    Member { id, .. }: Member,
) -> Result<Json<Value>, ApiError> {
    let documents = app.db(move |conn| Ok(store::documents(conn, &id)?)).await?;
    Ok(Json(json!({ "documents": documents })))
}

/// The last part of a file name as a browser or client sent it, without
/// any directory; never used as a path, only for its extension and to be
/// shown.
fn file_name(given: Option<&str>) -> Result<String, ApiError> {
    let base = given
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim()
        .to_string();
    Ok(name(Some(&base), "the file name")?.unwrap_or_else(|| "upload".into()))
}

/// The default label of a file: its stem, as on the command line.
fn stem(file_name: &str) -> String {
    Path::new(file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| file_name.to_string())
}

fn multipart_error(error: &MultipartError, limit: usize) -> ApiError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ApiError::too_large(format!(
            "upload over the limit of {} per file",
            human_bytes(limit)
        ))
    } else {
        ApiError::bad_request(format!("malformed upload: {}", error.body_text()))
    }
}

/// `10 MiB`, `512 KiB`, `12 bytes`.
pub fn human_bytes(n: usize) -> String {
    if n >= 1 << 20 && n % (1 << 20) == 0 {
        format!("{} MiB", n >> 20)
    } else if n >= 1 << 10 && n % (1 << 10) == 0 {
        format!("{} KiB", n >> 10)
    } else {
        format!("{n} bytes")
    }
}

async fn field_text(field: Field<'_>, limit: usize) -> Result<String, ApiError> {
    field.text().await.map_err(|e| multipart_error(&e, limit))
}

async fn upload(
    State(app): State<App>,
    Chair { id, room }: Chair,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, ApiError> {
    let mut multipart = multipart.map_err(|e| {
        ApiError::bad_request(format!(
            "send the document as multipart/form-data with fields role, label and file: {}",
            e.body_text()
        ))
    })?;
    let max = app.limits().max_file_bytes;
    let (mut role, mut label, mut by, mut file) = (None, None, None, None);
    let mut oversized = None;
    let mut files = 0;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e, max))?
    {
        match field.name().unwrap_or("") {
            "file" => {
                files += 1;
                let filename = field.file_name().map(str::to_string);
                let mut bytes = Vec::new();
                let mut over = false;
                // Read to the end even past the limit, so the client gets
                // its 413 rather than a connection reset.
                while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(&e, max))? {
                    if !over && bytes.len() + chunk.len() > max {
                        over = true;
                        bytes = Vec::new();
                    }
                    if !over {
                        bytes.extend_from_slice(&chunk);
                    }
                }
                if over {
                    oversized = Some(filename.unwrap_or_default());
                } else {
                    file = Some((filename, bytes));
                }
            }
            "role" => role = Some(field_text(field, max).await?),
            "label" => label = Some(field_text(field, max).await?),
            "by" => by = Some(field_text(field, max).await?),
            _ => {
                while field
                    .chunk()
                    .await
                    .map_err(|e| multipart_error(&e, max))?
                    .is_some()
                {}
            }
        }
    }
    if let Some(name) = oversized {
        return Err(ApiError::too_large(format!(
            "{}: over the limit of {} per file",
            file_name(Some(&name))?,
            human_bytes(max)
        )));
    }
    if files > 1 {
        return Err(ApiError::bad_request("one file per upload"));
    }
    let Some((filename, bytes)) = file else {
        return Err(ApiError::bad_request(
            "no file: send the document in a multipart field named \"file\"",
        ));
    };
    let filename = file_name(filename.as_deref())?;
    let role = match role.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
        None => DocRole::Proposal,
        Some(r) => DocRole::parse(r).ok_or_else(|| {
            ApiError::bad_request(format!("role {r:?}: give base, proposal or side-by-side"))
        })?,
    };
    let label = name(label.as_deref(), "the label")?.unwrap_or_else(|| stem(&filename));
    let by = actor(Role::Chair, by.as_deref())?;

    // Read it now, so a file Synoptic cannot read is refused at once.
    let limits = app.limits().clone();
    let document = NewDocument {
        role,
        label,
        filename,
        bytes,
    };
    let document = tokio::task::spawn_blocking(move || {
        read_upload(
            document.role,
            &document.filename,
            &document.label,
            &document.bytes,
            &limits,
        )
        .map(|_| document)
    })
    .await
    .map_err(|e| ApiError::internal(format!("reading an upload failed: {e}")))?
    .map_err(ApiError::unprocessable)?;

    let limits = app.limits().clone();
    let room_ = room.clone();
    let key = id.clone();
    let (info, state) = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            let existing = store::documents(&tx, &key)?;
            check_roles(&existing, None, document.role, &document.label)?;
            if existing.len() >= limits.max_documents {
                return Err(ApiError::too_large(format!(
                    "the meeting has {} documents, the most it may have",
                    existing.len()
                )));
            }
            let total = store::total_size(&tx, &key)?;
            if total + document.bytes.len() as u64 > limits.max_meeting_bytes {
                return Err(ApiError::too_large(format!(
                    "the meeting's documents would pass the limit of {} in all",
                    human_bytes(usize::try_from(limits.max_meeting_bytes).unwrap_or(usize::MAX))
                )));
            }
            let info = store::insert_document(&tx, &key, &document)?;
            store::audit(
                &tx,
                &key,
                &by,
                "uploaded",
                None,
                &store::upload_detail(&info),
            )?;
            let state = room_.publish(
                tx,
                &key,
                (true, false),
                "documents",
                json!({"action": "uploaded", "document": info}),
            )?;
            Ok((info, state))
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({"document": info, "revision": state.revision})),
    )
        .into_response())
}

/// Checks that a document of `role` labelled `label` fits among the
/// `existing` ones (`replacing` is the document being changed, if any).
fn check_roles(
    existing: &[store::DocumentInfo],
    replacing: Option<i64>,
    role: DocRole,
    label: &str,
) -> Result<(), ApiError> {
    let others: Vec<&store::DocumentInfo> = existing
        .iter()
        .filter(|d| Some(d.id) != replacing)
        .collect();
    if role == DocRole::SideBySide && !others.is_empty() {
        return Err(ApiError::conflict(
            "a side-by-side table brings its own columns: delete the other documents first",
        ));
    }
    if role != DocRole::SideBySide && others.iter().any(|d| d.role == DocRole::SideBySide) {
        return Err(ApiError::conflict(
            "this meeting's synopsis comes from a side-by-side table: delete it first",
        ));
    }
    if role == DocRole::Base {
        if let Some(base) = others.iter().find(|d| d.role == DocRole::Base) {
            return Err(ApiError::conflict(format!(
                "the meeting has a base already ({:?}): delete it first, or upload this one as a proposal",
                base.label
            )));
        }
    }
    if others.iter().any(|d| d.label == label) {
        return Err(ApiError::conflict(format!(
            "a document labelled {label:?} exists already: give another label"
        )));
    }
    Ok(())
}

fn document_id(text: &str) -> Result<i64, ApiError> {
    text.parse()
        .map_err(|_| ApiError::not_found(format!("no document {text:?} in this meeting")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateDocumentBody {
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    role: Option<DocRole>,
    #[serde(default)]
    by: Option<String>,
}

async fn update_document(
    State(app): State<App>,
    Chair { id, room }: Chair,
    PathArgs((_, document)): PathArgs<(String, String)>,
    JsonBody(body): JsonBody<UpdateDocumentBody>,
) -> Result<Json<Value>, ApiError> {
    let document = document_id(&document)?;
    let label = name(body.label.as_deref(), "the label")?;
    let by = actor(Role::Chair, body.by.as_deref())?;
    let limits = app.limits().clone();
    let room_ = room.clone();
    let key = id.clone();
    let (info, state) = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            let stored = store::documents_with_bytes(&tx, &key)?;
            let Some(current) = stored.iter().find(|d| d.info.id == document) else {
                return Err(ApiError::not_found(format!(
                    "no document {document} in this meeting"
                )));
            };
            let role = body.role.unwrap_or(current.info.role);
            let label = label.unwrap_or_else(|| current.info.label.clone());
            let existing: Vec<store::DocumentInfo> =
                stored.iter().map(|d| d.info.clone()).collect();
            check_roles(&existing, Some(document), role, &label)?;
            if role != current.info.role {
                read_upload(
                    role,
                    &current.info.filename,
                    &label,
                    &current.bytes,
                    &limits,
                )
                .map_err(ApiError::unprocessable)?;
            }
            store::update_document(&tx, &key, document, &label, role)?;
            let mut info = current.info.clone();
            let detail = format!(
                "changed document {document} from {} {:?} to {} {:?}",
                info.role.as_str(),
                info.label,
                role.as_str(),
                label
            );
            store::audit(&tx, &key, &by, "renamed", None, &detail)?;
            info.label = label;
            info.role = role;
            let state = room_.publish(
                tx,
                &key,
                (true, false),
                "documents",
                json!({"action": "changed", "document": info}),
            )?;
            Ok((info, state))
        })
        .await?;
    Ok(Json(json!({"document": info, "revision": state.revision})))
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ByQuery {
    #[serde(default)]
    by: Option<String>,
}

async fn delete_document(
    State(app): State<App>,
    Chair { id, room }: Chair,
    PathArgs((_, document)): PathArgs<(String, String)>,
    Query(query): Query<ByQuery>,
) -> Result<Json<Value>, ApiError> {
    let document = document_id(&document)?;
    let by = actor(Role::Chair, query.by.as_deref())?;
    let room_ = room.clone();
    let key = id.clone();
    let (info, state) = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            let existing = store::documents(&tx, &key)?;
            let Some(info) = existing.into_iter().find(|d| d.id == document) else {
                return Err(ApiError::not_found(format!(
                    "no document {document} in this meeting"
                )));
            };
            store::delete_document(&tx, &key, document)?;
            let detail = format!(
                "deleted {} {:?} ({:?})",
                info.role.as_str(),
                info.label,
                info.filename
            );
            store::audit(&tx, &key, &by, "deleted-document", None, &detail)?;
            let state = room_.publish(
                tx,
                &key,
                (true, false),
                "documents",
                json!({"action": "deleted", "document": info}),
            )?;
            Ok((info, state))
        })
        .await?;
    Ok(Json(json!({"deleted": info, "revision": state.revision})))
}

// ------------------------------------------------------ synopsis and draft

async fn synopsis(
    State(app): State<App>,
    Member { room, .. }: Member,
) -> Result<Response, ApiError> {
    let computed = app.synopsis(&room).await?;
    Ok(json_text(computed.json.clone()))
}

async fn draft(State(app): State<App>, Member { room, .. }: Member) -> Result<Response, ApiError> {
    let drafted = app.draft(&room).await?;
    Ok(json_text(drafted.json.clone()))
}

// --------------------------------------------------------------- decisions

async fn list_decisions(
    State(app): State<App>,
    Member { room, .. }: Member,
) -> Result<Json<Value>, ApiError> {
    let drafted = app.draft(&room).await?;
    let decisions: Vec<Value> = drafted
        .records
        .iter()
        .map(|record| {
            let stale = drafted
                .draft
                .stale
                .iter()
                .find(|s| s.row == record.row)
                .map(ToString::to_string);
            let mut value = serde_json::to_value(record).unwrap_or(Value::Null);
            value["stale"] = json!(stale);
            value
        })
        .collect();
    Ok(Json(json!({
        "decisions": decisions,
        "decisions_revision": drafted.decisions_revision,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DecideBody {
    choice: Choice,
    expected_version: i64,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    by: Option<String>,
}

/// How a choice is told in the audit log.
fn describe(choice: &Choice) -> String {
    match choice {
        Choice::Accept(label) => format!("accepted {label:?}"),
        Choice::Base => "kept the base".into(),
        Choice::Merge => "confirmed the merge".into(),
        Choice::Text(text) => format!("wrote the text {text:?}"),
    }
}

async fn decide(
    State(app): State<App>,
    Chair { room, .. }: Chair,
    PathArgs((_, row)): PathArgs<(String, String)>,
    JsonBody(body): JsonBody<DecideBody>,
) -> Result<Json<Value>, ApiError> {
    let by = actor(Role::Chair, body.by.as_deref())?;
    let note = body
        .note
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    let max_text = app.limits().max_text_chars;
    if note.as_ref().is_some_and(|n| n.chars().count() > max_text) {
        return Err(ApiError::too_large(format!(
            "the note is longer than {max_text} characters"
        )));
    }
    let computed = app.synopsis(&room).await?;
    let Some(draft_row) = computed
        .rows
        .get(&row)
        .and_then(|&i| computed.automatic.rows.get(i))
    else {
        return Err(ApiError::not_found(format!(
            "no row {row:?} in the synopsis"
        )));
    };
    match &body.choice {
        Choice::Accept(label) if !computed.automatic.proposals.contains(label) => {
            return Err(ApiError::bad_request(format!(
                "no proposal labelled {label:?}; the proposals are {}",
                computed.automatic.proposals.join(", ")
            )));
        }
        Choice::Merge if draft_row.has_conflict() => {
            return Err(ApiError::bad_request(
                "`merge` cannot settle a conflict: accept a proposal, keep the base or write the text",
            ));
        }
        Choice::Text(text) if text.chars().count() > max_text => {
            return Err(ApiError::too_large(format!(
                "the text is longer than {max_text} characters"
            )));
        }
        _ => {}
    }
    let record = DecisionRecord {
        row: row.clone(),
        choice: Some(body.choice.clone()),
        fingerprint: Some(draft_row.fingerprint.clone()),
        note,
        version: 0,
        by,
        updated_at: clock::now(),
    };
    let expected = body.expected_version;
    let docs_revision = computed.docs_revision;
    let detail = describe(&body.choice);
    write_decision(
        &app,
        &room,
        record,
        expected,
        Some(docs_revision),
        "decided",
        detail,
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ClearQuery {
    #[serde(default)]
    expected_version: Option<i64>,
    #[serde(default)]
    by: Option<String>,
}

async fn clear(
    State(app): State<App>,
    Chair { room, .. }: Chair,
    PathArgs((_, row)): PathArgs<(String, String)>,
    Query(query): Query<ClearQuery>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    // The version may come in the query or in a JSON body.
    let body: ClearQuery = if body.iter().all(u8::is_ascii_whitespace) {
        ClearQuery::default()
    } else {
        parse_json(&body)?
    };
    let expected = body
        .expected_version
        .or(query.expected_version)
        .ok_or_else(|| {
            ApiError::bad_request("give expected_version: the version of the decision you clear")
        })?;
    let by = actor(Role::Chair, body.by.as_deref().or(query.by.as_deref()))?;
    let record = DecisionRecord {
        row,
        choice: None,
        fingerprint: None,
        note: None,
        version: 0,
        by,
        updated_at: clock::now(),
    };
    write_decision(
        &app,
        &room,
        record,
        expected,
        None,
        "cleared",
        "cleared the decision".into(),
    )
    .await
}

/// Stores a decision (or its clearing) if `expected` is the row's current
/// version, then tells everyone; a stale version gets 409 with the current
/// decision.
async fn write_decision(
    app: &App,
    room: &Arc<Room>,
    mut record: DecisionRecord,
    expected: i64,
    docs_revision: Option<i64>,
    action: &'static str,
    detail: String,
) -> Result<Json<Value>, ApiError> {
    let room_ = room.clone();
    let id = room.id.clone();
    let (record, state) = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            let current = store::decision(&tx, &id, &record.row)?;
            let version = current.as_ref().map_or(0, |c| c.version);
            if expected != version {
                return Err(ApiError::conflict(format!(
                    "row {} was changed meanwhile (it is at version {version}, you sent {expected}); look at the current decision and decide again",
                    record.row
                ))
                .with(json!({"current": current, "version": version})));
            }
            if record.choice.is_none() && current.as_ref().is_none_or(|c| c.choice.is_none()) {
                return Err(ApiError::not_found(format!(
                    "row {} has no decision to clear",
                    record.row
                )));
            }
            if let Some(docs) = docs_revision {
                if store::state(&tx, &id)?.docs_revision != docs {
                    return Err(ApiError::conflict(
                        "the documents changed while deciding: look at the row again and decide again",
                    )
                    .with(json!({"current": current, "version": version})));
                }
            }
            record.version = version + 1;
            store::put_decision(&tx, &id, &record)?;
            store::audit(&tx, &id, &record.by, action, Some(&record.row), &detail)?;
            let event = json!({"row": record.row, "decision": record});
            let state = room_.publish(tx, &id, (false, true), "decision", event)?;
            Ok((record, state))
        })
        .await?;
    Ok(Json(with_revision(&record, state.revision)))
}

// ---------------------------------------------------------------- comments

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RowQuery {
    #[serde(default)]
    row: Option<String>,
}

async fn list_comments(
    State(app): State<App>,
    Member { id, .. }: Member,
    Query(query): Query<RowQuery>,
) -> Result<Json<Value>, ApiError> {
    let comments = app
        .db(move |conn| Ok(store::comments(conn, &id, query.row.as_deref())?))
        .await?;
    Ok(Json(json!({ "comments": comments })))
}

async fn row_comments(
    State(app): State<App>,
    Member { id, .. }: Member,
    PathArgs((_, row)): PathArgs<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let comments = app
        .db(move |conn| Ok(store::comments(conn, &id, Some(&row))?))
        .await?;
    Ok(Json(json!({ "comments": comments })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CommentBody {
    text: String,
    #[serde(default)]
    author: Option<String>,
}

async fn add_comment(
    State(app): State<App>,
    Member { id, room, role }: Member,
    PathArgs((_, row)): PathArgs<(String, String)>,
    JsonBody(body): JsonBody<CommentBody>,
) -> Result<Response, ApiError> {
    let text = body.text.trim().to_string();
    if text.is_empty() {
        return Err(ApiError::bad_request("the comment is empty"));
    }
    let max_text = app.limits().max_text_chars;
    if text.chars().count() > max_text {
        return Err(ApiError::too_large(format!(
            "the comment is longer than {max_text} characters"
        )));
    }
    let author = name(body.author.as_deref(), "the author")?;
    let computed = app.synopsis(&room).await?;
    if !computed.rows.contains_key(&row) {
        return Err(ApiError::not_found(format!(
            "no row {row:?} in the synopsis"
        )));
    }
    let by = Actor {
        role,
        name: author.clone(),
    };
    let author = author.unwrap_or_else(|| role.as_str().to_string());
    let room_ = room.clone();
    let (comment, state) = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            let comment = store::insert_comment(&tx, &id, &row, &author, role, &text)?;
            store::audit(
                &tx,
                &id,
                &by,
                "commented",
                Some(&row),
                &format!("commented {text:?}"),
            )?;
            let state = room_.publish(
                tx,
                &id,
                (false, false),
                "comment",
                json!({"comment": comment}),
            )?;
            Ok((comment, state))
        })
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(with_revision(&comment, state.revision)),
    )
        .into_response())
}

// ------------------------------------------------------------- current row

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CurrentRowBody {
    row: Option<String>,
    #[serde(default)]
    by: Option<String>,
}

async fn set_current_row(
    State(app): State<App>,
    Chair { id, room }: Chair,
    JsonBody(body): JsonBody<CurrentRowBody>,
) -> Result<Json<Value>, ApiError> {
    actor(Role::Chair, body.by.as_deref())?;
    if let Some(row) = &body.row {
        let computed = app.synopsis(&room).await?;
        if !computed.rows.contains_key(row) {
            return Err(ApiError::not_found(format!(
                "no row {row:?} in the synopsis"
            )));
        }
    }
    let row = body.row.clone();
    let room_ = room.clone();
    let state = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            store::set_current_row(&tx, &id, row.as_deref())?;
            let state =
                room_.publish(tx, &id, (false, false), "current-row", json!({"row": row}))?;
            Ok(state)
        })
        .await?;
    Ok(Json(json!({"row": body.row, "revision": state.revision})))
}

// ------------------------------------------------------------ audit, export

async fn audit(State(app): State<App>, Member { id, .. }: Member) -> Result<Json<Value>, ApiError> {
    let entries = app.db(move |conn| Ok(store::audit_log(conn, &id)?)).await?;
    Ok(Json(json!({ "entries": entries })))
}

/// One CSV field: quoted when needed, and kept from being read as a
/// formula by a spreadsheet.
fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The audit log as CSV.
pub fn audit_csv(entries: &[store::AuditEntry]) -> String {
    let mut out = String::from("id,at,role,name,action,row,detail\r\n");
    for e in entries {
        let fields = [
            e.id.to_string(),
            e.at.clone(),
            e.role.as_str().to_string(),
            e.name.clone().unwrap_or_default(),
            e.action.clone(),
            e.row.clone().unwrap_or_default(),
            e.detail.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The files `GET /api/meetings/{id}/export/{file}` gives.
pub const EXPORTS: &[&str] = &[
    "draft.docx",
    "draft.md",
    "draft.txt",
    "draft.json",
    "decisions.toml",
    "synopsis.html",
    "synopsis.json",
    "audit.json",
    "audit.csv",
];

async fn export(
    State(app): State<App>,
    PathArgs((id, file)): PathArgs<(String, String)>,
    Query(query): Query<KeyQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let token = header_token(&headers).or(query.k.as_deref());
    let (room, _) = app.access(&id, token).await?;
    if !EXPORTS.contains(&file.as_str()) {
        return Err(ApiError::not_found(format!(
            "no export {file:?}; there are {}",
            EXPORTS.join(", ")
        )));
    }
    if file.starts_with("audit.") {
        let entries = app.db(move |conn| Ok(store::audit_log(conn, &id)?)).await?;
        let (body, kind) = if file == "audit.csv" {
            (audit_csv(&entries), "text/csv; charset=utf-8")
        } else {
            (
                serde_json::to_string_pretty(&json!({"entries": entries})).unwrap_or_default(),
                "application/json",
            )
        };
        return Ok(download(&file, kind, body.into_bytes(), None));
    }
    let drafted = app.draft(&room).await?;
    let key = id.clone();
    let title = app
        .db(move |conn| Ok(store::meeting(conn, &key)?.map(|m| m.title)))
        .await?
        .unwrap_or_default();
    let name = file.clone();
    let (bytes, kind, policy) = tokio::task::spawn_blocking(move || {
        let mut out = Vec::new();
        let computed = &drafted.computed;
        let mut policy = None;
        let kind = match name.as_str() {
            "draft.docx" => {
                draft_docx::write(
                    &drafted.draft,
                    &draft_docx::DraftDocxOptions {
                        title: Some("Consolidated draft".into()),
                    },
                    &mut out,
                )?;
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            "draft.md" => {
                draft_markdown::write(&drafted.draft, &mut out)?;
                "text/markdown; charset=utf-8"
            }
            "draft.txt" => {
                draft_text::write(&drafted.draft, &mut out)?;
                "text/plain; charset=utf-8"
            }
            "draft.json" => {
                out.extend_from_slice(drafted.json.as_bytes());
                "application/json"
            }
            "decisions.toml" => {
                decisions::write(&computed.automatic, Some(&drafted.decisions), &mut out)?;
                "application/toml; charset=utf-8"
            }
            "synopsis.json" => {
                out.extend_from_slice(computed.json.as_bytes());
                "application/json"
            }
            _ => {
                let title = computed.table_title.clone().unwrap_or(title);
                html::write(
                    &computed.synopsis,
                    &html::HtmlOptions {
                        title,
                        only_changed: false,
                        stats: Some(synoptic_core::stats::stats(&computed.synopsis)),
                    },
                    &mut out,
                )?;
                policy = Some(HTML_EXPORT_CSP);
                "text/html; charset=utf-8"
            }
        };
        Ok::<_, std::io::Error>((out, kind, policy))
    })
    .await
    .map_err(|e| ApiError::internal(format!("export failed: {e}")))?
    .map_err(|e| ApiError::internal(format!("export failed: {e}")))?;
    Ok(download(&file, kind, bytes, policy))
}

/// The policy of the exported synopsis page, as its own `<meta>` says.
const HTML_EXPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

fn download(
    file: &str,
    kind: &'static str,
    bytes: Vec<u8>,
    policy: Option<&'static str>,
) -> Response {
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    if let Some(policy) = policy {
        headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    }
    response
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
        assert_eq!(human_bytes(10 << 20), "10 MiB");
        assert_eq!(human_bytes(100), "100 bytes");
    }
}
