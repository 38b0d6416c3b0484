//! The documents of a meeting: upload, change, delete.

#[allow(unused_imports)]
use super::*;

pub(super) async fn list_documents(
    State(app): State<App>,
    Member { id, .. }: Member,
) -> Result<Json<Value>, ApiError> {
    let documents = app.db(move |conn| Ok(store::documents(conn, &id)?)).await?;
    Ok(Json(json!({ "documents": documents })))
}

/// The last part of a file name as a browser or client sent it, without
/// any directory; never used as a path, only for its extension and to be
/// shown.
pub(super) fn file_name(given: Option<&str>) -> Result<String, ApiError> {
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
pub(super) fn stem(file_name: &str) -> String {
    Path::new(file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| file_name.to_string())
}

pub(super) fn multipart_error(error: &MultipartError, limit: usize) -> ApiError {
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

pub(super) async fn field_text(field: Field<'_>, limit: usize) -> Result<String, ApiError> {
    field.text().await.map_err(|e| multipart_error(&e, limit))
}

pub(super) async fn upload(
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
pub(super) fn check_roles(
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

pub(super) fn document_id(text: &str) -> Result<i64, ApiError> {
    text.parse()
        .map_err(|_| ApiError::not_found(format!("no document {text:?} in this meeting")))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct UpdateDocumentBody {
    #[serde(default)]
    label: Option<String>,
    #[serde(default)]
    role: Option<DocRole>,
    #[serde(default)]
    by: Option<String>,
}

pub(super) async fn update_document(
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
pub(super) struct ByQuery {
    #[serde(default)]
    by: Option<String>,
}

pub(super) async fn delete_document(
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
