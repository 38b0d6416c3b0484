//! The synopsis and the draft as JSON.

#[allow(unused_imports)]
use super::*;

pub(super) async fn synopsis(
    State(app): State<App>,
    Member { room, .. }: Member,
) -> Result<Response, ApiError> {
    let computed = app.synopsis(&room).await?;
    Ok(json_text(computed.json.clone()))
}

pub(super) async fn draft(
    State(app): State<App>,
    Member { room, .. }: Member,
) -> Result<Response, ApiError> {
    let drafted = app.draft(&room).await?;
    Ok(json_text(drafted.json.clone()))
}

/// `GET .../reading`: the cells as the command line's views show them,
/// where that differs from their exact ops.
pub(super) async fn reading(
    State(app): State<App>,
    Member { room, .. }: Member,
) -> Result<Response, ApiError> {
    let computed = app.synopsis(&room).await?;
    Ok(json_text(computed.reading_json.clone()))
}
