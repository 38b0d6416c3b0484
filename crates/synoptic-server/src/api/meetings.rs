//! Meetings: creation, information, title.

#[allow(unused_imports)]
use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CreateBody {
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    by: Option<String>,
}

pub(super) async fn create_meeting(
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
