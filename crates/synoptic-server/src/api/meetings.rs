//! Meetings: creation, information, title.

#[allow(unused_imports)]
use super::*;

use crate::Limits;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CreateBody {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    by: Option<String>,
    #[serde(default)]
    create_key: Option<String>,
}

/// The header that carries the server's creation key.
pub const CREATE_KEY_HEADER: &str = "x-synoptic-create-key";

/// Refuses to create a meeting without the server's creation key, when it
/// has one (`--create-key`).
pub(super) fn check_create_key(
    app: &App,
    headers: &HeaderMap,
    given: Option<&str>,
) -> Result<(), ApiError> {
    let Some(key) = app.limits().create_key.as_deref() else {
        return Ok(());
    };
    let sent = headers
        .get(CREATE_KEY_HEADER)
        .and_then(|v| v.to_str().ok())
        .or(given)
        .map(str::trim)
        .unwrap_or("");
    if crate::access::same_key(sent, key) {
        Ok(())
    } else {
        Err(ApiError::forbidden(
            "creating a meeting on this server needs its creation key: ask the server's operator",
        ))
    }
}

/// `POST /api/meetings`: a meeting, empty (a JSON body) or with its
/// documents (a multipart body with `title`, `by`, `create_key`, and the
/// files `base`, `proposal` (any number) and `side-by-side`), created
/// whole or not at all; or, from files `contribution` and `base` (any
/// number of each), one meeting per text they concern, or one for the
/// text the field `text` names ([`assembly::create`]).
pub(super) async fn create_meeting(
    State(app): State<App>,
    request: Request,
) -> Result<Response, ApiError> {
    let headers = request.headers().clone();
    let multipart = headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| {
            v.trim_start()
                .to_ascii_lowercase()
                .starts_with("multipart/")
        });
    let (title, by, documents) = if multipart {
        let max = app.limits().max_file_bytes;
        let form = Multipart::from_request(request, &app).await;
        let received = receive(
            form,
            max,
            &[
                "base",
                "proposal",
                "side-by-side",
                assembly::CONTRIBUTION_FIELD,
            ],
            &["title", "by", "create_key", "text"],
        )
        .await?;
        check_create_key(&app, &headers, received.field("create_key"))?;
        let title = received.field("title").map(str::to_string);
        let by = received.field("by").map(str::to_string);
        if received
            .files
            .iter()
            .any(|f| f.field == assembly::CONTRIBUTION_FIELD)
        {
            let title = name(title.as_deref(), "the title")?;
            let by = actor(Role::Chair, by.as_deref())?;
            let text = received.field("text").map(str::to_string);
            let documents = assembly::documents_of(received.files)?;
            return assembly::create(&app, documents, text, title, by).await;
        }
        let mut files = received.files;
        // Proposals are labelled by their file stems, made distinct.
        let stems = synoptic_formats::read::auto::unique_labels(files.iter().map(|f| {
            let name = file_name(f.filename.as_deref()).unwrap_or_default();
            stem(&name)
        }));
        let mut documents = Vec::with_capacity(files.len());
        for (file, label) in files.drain(..).zip(stems) {
            let role = role_of(Some(&file.field))?;
            documents.push(new_document(role, Some(&label), file)?);
        }
        (title, by, documents)
    } else {
        let JsonBody(body) = JsonBody::<CreateBody>::from_request(request, &app).await?;
        check_create_key(&app, &headers, body.create_key.as_deref())?;
        (body.title, body.by, Vec::new())
    };
    let title = name(title.as_deref(), "the title")?.unwrap_or_else(|| "Meeting".into());
    let by = actor(Role::Chair, by.as_deref())?;
    let limits = app.limits().clone();
    let adding: u64 = documents.iter().map(|d| d.bytes.len() as u64).sum();
    let documents = app
        .db(move |conn| {
            check_room(&[], &documents, &limits)?;
            check_storage(conn, &limits, adding)?;
            Ok(documents)
        })
        .await?;
    let (documents, _) = read_new(&app, documents, Vec::new(), None).await?;
    let created = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            let created = store::insert_meeting(&tx, &title, false, &by)?;
            let mut stored = Vec::with_capacity(documents.len());
            for document in &documents {
                stored.push(store::upload_document(&tx, &created.id, &by, document)?);
            }
            if !stored.is_empty() {
                store::bump(&tx, &created.id, true, false)?;
            }
            tx.commit()?;
            Ok((created, stored))
        })
        .await?;
    let (created, stored) = created;
    let mut body = serde_json::to_value(&created).unwrap_or(Value::Null);
    body["documents"] = json!(stored);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `DELETE /api/meetings/{id}` (chair): the meeting and everything in it,
/// for good. Open pages are told (`deleted`) and their streams end.
pub(super) async fn delete_meeting(
    State(app): State<App>,
    Chair { id, room }: Chair,
) -> Result<Json<Value>, ApiError> {
    let key = id.clone();
    let deleted = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            let deleted = store::delete_meeting(&tx, &key)?;
            tx.commit()?;
            Ok(deleted)
        })
        .await?;
    if !deleted {
        return Err(ApiError::forbidden(NO_ACCESS));
    }
    room.broadcast(crate::events::Event::new("deleted", 0, json!({})));
    app.forget_room(&id);
    Ok(Json(json!({"deleted": id})))
}

/// `GET /api/server`: what a client needs to know before creating a
/// meeting: whether it takes a creation key, and the limits.
pub(super) async fn server_info(State(app): State<App>) -> Json<Value> {
    let limits = app.limits();
    Json(json!({
        "create_key_required": limits.create_key.is_some(),
        "limits": limits_json(limits),
    }))
}

/// The limits a client may want to show.
pub(super) fn limits_json(limits: &Limits) -> Value {
    json!({
        "max_file_bytes": limits.max_file_bytes,
        "max_meeting_bytes": limits.max_meeting_bytes,
        "max_documents": limits.max_documents,
        "max_paragraphs": limits.max_paragraphs,
        "max_paragraph_len": limits.max_paragraph_len,
        "max_cells": limits.max_cells,
        "max_text_chars": limits.max_text_chars,
    })
}

pub(super) async fn meeting_info(
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
        "text_key": record.state.text_key,
        "languages": computed.languages,
        "language": computed
            .synopsis
            .versions
            .first()
            .and_then(|v| computed.languages.get(&v.id)),
        "headings": (0..computed.synopsis.versions.len())
            .map(|i| synoptic_formats::write::column_heading(&computed.synopsis, i))
            .collect::<Vec<_>>(),
        "conflict_rows": computed.conflict_rows,
        "notes": computed.synopsis.notes,
        "limits": limits_json(limits),
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
pub(super) struct RetitleBody {
    title: String,
    #[serde(default)]
    by: Option<String>,
}

pub(super) async fn retitle(
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

/// `POST /api/meetings/{id}/tickets`: a ticket standing for the key sent
/// in the header, for a minute, for the event stream and downloads.
pub(super) async fn ticket(
    State(app): State<App>,
    Member { id, role, .. }: Member,
) -> Result<Json<Value>, ApiError> {
    let ticket = app.tickets().issue(&id, role, std::time::Instant::now())?;
    Ok(Json(json!({
        "ticket": ticket,
        "expires_in": crate::access::TICKET_LIFETIME.as_secs(),
    })))
}
