//! Comments on rows, and the chair's current row.

#[allow(unused_imports)]
use super::*;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RowQuery {
    #[serde(default)]
    row: Option<String>,
}

/// The comments `role` may see: the chair sees hidden ones (marked),
/// delegates do not.
fn visible(comments: Vec<store::Comment>, role: Role) -> Vec<store::Comment> {
    comments
        .into_iter()
        .filter(|c| role == Role::Chair || !c.hidden)
        .collect()
}

pub(super) async fn list_comments(
    State(app): State<App>,
    Member { id, role, .. }: Member,
    QueryArgs(query): QueryArgs<RowQuery>,
) -> Result<Json<Value>, ApiError> {
    let comments = app
        .db(move |conn| Ok(store::comments(conn, &id, query.row.as_deref())?))
        .await?;
    Ok(Json(json!({ "comments": visible(comments, role) })))
}

pub(super) async fn row_comments(
    State(app): State<App>,
    Member { id, role, .. }: Member,
    PathArgs((_, row)): PathArgs<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let comments = app
        .db(move |conn| Ok(store::comments(conn, &id, Some(&row))?))
        .await?;
    Ok(Json(json!({ "comments": visible(comments, role) })))
}

/// The header that proves a comment is one's own: the owner key its
/// posting answered with.
pub const COMMENT_KEY_HEADER: &str = "x-synoptic-comment-key";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct HideBody {
    hidden: bool,
    #[serde(default)]
    by: Option<String>,
}

fn comment_id(text: &str) -> Result<i64, ApiError> {
    text.parse()
        .map_err(|_| ApiError::not_found(format!("no comment {text:?} in this meeting")))
}

/// `PATCH /api/meetings/{id}/comment/{comment}` (chair): hides a comment
/// from the delegates, or shows it again.
pub(super) async fn hide_comment(
    State(app): State<App>,
    Chair { id, room }: Chair,
    PathArgs((_, comment)): PathArgs<(String, String)>,
    JsonBody(body): JsonBody<HideBody>,
) -> Result<Json<Value>, ApiError> {
    let comment_id = comment_id(&comment)?;
    let by = actor(Role::Chair, body.by.as_deref())?;
    let hidden = body.hidden;
    let (comment, state) = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            let Some((mut comment, _)) = store::comment_by_id(&tx, &id, comment_id)? else {
                return Err(ApiError::not_found(format!(
                    "no comment {comment_id} in this meeting"
                )));
            };
            store::set_comment_hidden(&tx, &id, comment_id, hidden)?;
            comment.hidden = hidden;
            let (action, what) = if hidden {
                ("hid", "hidden")
            } else {
                ("showed", "shown")
            };
            store::audit(
                &tx,
                &id,
                &by,
                if hidden {
                    "hid-comment"
                } else {
                    "showed-comment"
                },
                Some(&comment.row),
                &format!("{action} comment {comment_id} by {:?}", comment.author),
            )?;
            // A hidden comment's text is not sent again to anyone.
            let data = if hidden {
                json!({"id": comment.id, "row": comment.row, "hidden": true})
            } else {
                json!(comment)
            };
            let state = room.publish(
                tx,
                &id,
                (false, false),
                "comment-changed",
                json!({"action": what, "comment": data}),
            )?;
            Ok((comment, state))
        })
        .await?;
    Ok(Json(with_revision(&comment, state.revision)))
}

/// `DELETE /api/meetings/{id}/comment/{comment}`: whoever posted a comment
/// deletes it, with the owner key its posting answered with (header
/// `X-Synoptic-Comment-Key`).
pub(super) async fn delete_comment(
    State(app): State<App>,
    Member { id, room, role }: Member,
    PathArgs((_, comment)): PathArgs<(String, String)>,
    headers: HeaderMap,
) -> Result<Json<Value>, ApiError> {
    let comment_id = comment_id(&comment)?;
    let key = headers
        .get(COMMENT_KEY_HEADER)
        .and_then(|v| v.to_str().ok())
        .map(str::trim)
        .unwrap_or("")
        .to_string();
    let (comment, state) = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            let Some((comment, owner)) = store::comment_by_id(&tx, &id, comment_id)? else {
                return Err(ApiError::not_found(format!(
                    "no comment {comment_id} in this meeting"
                )));
            };
            let own = owner.is_some_and(|o| crate::access::same_key(&key, &o));
            if !own {
                return Err(ApiError::forbidden(
                    "only whoever posted a comment can delete it (the chair can hide it)",
                ));
            }
            store::delete_comment(&tx, &id, comment_id)?;
            let by = Actor {
                role,
                name: Some(comment.author.clone()),
            };
            store::audit(
                &tx,
                &id,
                &by,
                "deleted-comment",
                Some(&comment.row),
                &format!("deleted their comment {comment_id}"),
            )?;
            let state = room.publish(
                tx,
                &id,
                (false, false),
                "comment-changed",
                json!({"action": "deleted", "comment": {"id": comment.id, "row": comment.row}}),
            )?;
            Ok((comment, state))
        })
        .await?;
    Ok(Json(
        json!({"deleted": comment.id, "revision": state.revision}),
    ))
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
    let text = clean_text(body.text.trim());
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
    let limits = app.limits().clone();
    let owner = crate::access::random_key(16)?;
    let owner_ = owner.clone();
    let (comment, state) = app
        .db(move |conn| {
            check_storage(conn, &limits, text.len() as u64)?;
            let tx = store::write(conn)?;
            let comment = store::insert_comment(&tx, &id, &row, &author, role, &text, &owner_)?;
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
    let mut body = with_revision(&comment, state.revision);
    // Only the poster hears the owner key, which deletes the comment.
    body["owner_key"] = json!(owner);
    Ok((StatusCode::CREATED, Json(body)).into_response())
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
