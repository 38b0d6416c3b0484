//! Comments on rows, and the chair's current row.

#[allow(unused_imports)]
use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RowQuery {
    #[serde(default)]
    row: Option<String>,
}

pub(super) async fn list_comments(
    State(app): State<App>,
    Member { id, .. }: Member,
    Query(query): Query<RowQuery>,
) -> Result<Json<Value>, ApiError> {
    let comments = app
        .db(move |conn| Ok(store::comments(conn, &id, query.row.as_deref())?))
        .await?;
    Ok(Json(json!({ "comments": comments })))
}

pub(super) async fn row_comments(
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
pub(super) struct CommentBody {
    text: String,
    #[serde(default)]
    author: Option<String>,
}

pub(super) async fn add_comment(
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct CurrentRowBody {
    row: Option<String>,
    #[serde(default)]
    by: Option<String>,
}

pub(super) async fn set_current_row(
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
