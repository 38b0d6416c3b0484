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
    let max = app.limits().max_file_bytes;
    let mut received = receive(multipart, max, &["file"], &["role", "label", "by"]).await?;
    if received.files.len() > 1 {
        return Err(ApiError::bad_request("one file per upload"));
    }
    let Some(file) = received.files.pop() else {
        return Err(ApiError::bad_request(
            "no file: send the document in a multipart field named \"file\"",
        ));
    };
    let role = role_of(received.field("role"))?;
    let document = new_document(role, received.field("label"), file)?;
    let by = actor(Role::Chair, received.field("by"))?;

    // What costs nothing first: room in the meeting and on the server.
    let limits = app.limits().clone();
    let key = id.clone();
    let size = document.bytes.len() as u64;
    let (document, text) = app
        .db(move |conn| {
            let existing = store::documents(conn, &key)?;
            check_room(&existing, std::slice::from_ref(&document), &limits)?;
            check_storage(conn, &limits, size)?;
            Ok((document, store::state(conn, &key)?.text_key))
        })
        .await?;
    // Then the reading, and the synopsis work with the documents there are.
    let have = app.synopsis(&room).await?.counts.clone();
    let (mut documents, _) = read_new(&app, vec![document], have, text).await?;
    let Some(document) = documents.pop() else {
        return Err(ApiError::internal("an upload went missing"));
    };

    let limits = app.limits().clone();
    let room_ = room.clone();
    let key = id.clone();
    let (info, state) = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            // Again, inside the transaction: another upload may have come.
            let existing = store::documents(&tx, &key)?;
            check_room(&existing, std::slice::from_ref(&document), &limits)?;
            let info = store::upload_document(&tx, &key, &by, &document)?;
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
    let contribution = |r: DocRole| r == DocRole::Contribution;
    let proposal = |r: DocRole| r == DocRole::Proposal;
    if (contribution(role) && others.iter().any(|d| proposal(d.role)))
        || (proposal(role) && others.iter().any(|d| contribution(d.role)))
    {
        return Err(ApiError::conflict(
            "a meeting takes either contributions (with their proposals) or proposals, not both",
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
    // The synopsis before the change: decisions that fit it still fit
    // after a mere renaming.
    let before = app.synopsis(&room).await?;
    let key = id.clone();
    let (stored, docs_revision, text) = app
        .db(move |conn| {
            let stored = store::documents_with_bytes(conn, &key)?;
            let state = store::state(conn, &key)?;
            Ok((stored, state.docs_revision, state.text_key))
        })
        .await?;
    let Some(current) = stored.iter().find(|d| d.info.id == document).cloned() else {
        return Err(ApiError::not_found(format!(
            "no document {document} in this meeting"
        )));
    };
    let role = body.role.unwrap_or(current.info.role);
    let label = label.unwrap_or_else(|| current.info.label.clone());
    let existing: Vec<store::DocumentInfo> = stored.iter().map(|d| d.info.clone()).collect();
    check_roles(&existing, Some(document), role, &label)?;
    if role != current.info.role {
        let budget = synoptic_formats::load::Budget::new(&limits.input());
        read_upload(
            role,
            &current.info.filename,
            &label,
            &current.bytes,
            &budget,
        )
        .map_err(|e| load_error(&e))?;
    }
    // A renaming: the synopsis it makes, to carry the decisions over.
    let renamed = role == current.info.role
        && label != current.info.label
        && before.docs_revision == docs_revision;
    let after = if renamed {
        let mut documents = stored;
        for d in &mut documents {
            if d.info.id == document {
                d.info.label = label.clone();
            }
        }
        let limits = limits.clone();
        let built = tokio::task::spawn_blocking(move || {
            crate::compute::build(&documents, text.as_deref(), docs_revision, &limits)
        })
        .await
        .map_err(|e| ApiError::internal(format!("computing the synopsis failed: {e}")))?;
        Some(built)
    } else {
        None
    };
    let room_ = room.clone();
    let key = id.clone();
    let (info, state) = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            if store::state(&tx, &key)?.docs_revision != docs_revision {
                return Err(ApiError::conflict(
                    "the documents changed meanwhile: look at them again and retry",
                ));
            }
            store::update_document(&tx, &key, document, &label, role)?;
            store::relabel_decisions(&tx, &key, document, &label)?;
            let mut info = current.info.clone();
            let detail = format!(
                "changed document {document} from {} {:?} to {} {:?}",
                info.role.as_str(),
                info.label,
                role.as_str(),
                label
            );
            store::audit(&tx, &key, &by, "renamed", None, &detail)?;
            let mut carried = false;
            if let Some(after) = &after {
                for record in store::decisions(&tx, &key)? {
                    let fingerprint = |computed: &crate::compute::Computed| {
                        computed
                            .rows
                            .get(&record.row)
                            .and_then(|&i| computed.automatic.rows.get(i))
                            .map(|r| r.fingerprint.clone())
                    };
                    let (Some(old), Some(new)) = (fingerprint(&before), fingerprint(after)) else {
                        continue;
                    };
                    if record.choice.is_some()
                        && record.fingerprint.as_deref() == Some(old.as_str())
                        && old != new
                    {
                        carried |= store::refresh_fingerprint(
                            &tx,
                            &key,
                            &record.row,
                            record.version,
                            &new,
                        )?;
                    }
                }
            }
            info.label = label;
            info.role = role;
            let state = room_.publish(
                tx,
                &key,
                (true, carried),
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
    QueryArgs(query): QueryArgs<ByQuery>,
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
