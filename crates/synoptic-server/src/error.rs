//! Errors: of the database ([`StoreError`]), of starting the server
//! ([`ServerError`]), and the one every route answers with ([`ApiError`]):
//! a status and a JSON body `{"error": "one clear line"}`.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use thiserror::Error;

/// What can go wrong in the database.
#[derive(Debug, Error)]
pub enum StoreError {
    /// SQLite refused or failed.
    #[error("database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// The database holds something this server cannot understand.
    #[error("database: {0}")]
    Corrupt(String),
    /// The operating system gave no random bytes for a key.
    #[error("{0}")]
    Random(String),
}

/// What can go wrong while starting the server.
#[derive(Debug, Error)]
pub enum ServerError {
    /// The database file cannot be opened, created or migrated.
    #[error("{path}: cannot open the database: {source}")]
    Open {
        /// The file.
        path: String,
        /// Why.
        source: StoreError,
    },
    /// A database operation failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// The demo meeting cannot be set up.
    #[error("the demo meeting: {0}")]
    Demo(String),
}

/// An error as a client is told it: an HTTP status and one line, sent as
/// `{"error": "..."}` with any extra fields (such as the current decision
/// of a 409).
#[derive(Debug, Error)]
#[error("{message}")]
pub struct ApiError {
    /// The HTTP status.
    pub status: StatusCode,
    /// The one-line message.
    pub message: String,
    /// Extra fields of the JSON body.
    pub extra: Option<Value>,
}

impl ApiError {
    /// An error with this status and message.
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
            extra: None,
        }
    }

    /// 400: the request is malformed.
    pub fn bad_request(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::BAD_REQUEST, message)
    }

    /// 403: no access (wrong key, not the chair, cross-site).
    pub fn forbidden(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::FORBIDDEN, message)
    }

    /// 404: nothing there.
    pub fn not_found(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::NOT_FOUND, message)
    }

    /// 409: the request conflicts with the current state.
    pub fn conflict(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::CONFLICT, message)
    }

    /// 413: over a size limit.
    pub fn too_large(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::PAYLOAD_TOO_LARGE, message)
    }

    /// 422: a well-formed request whose content cannot be used (a file
    /// that cannot be read).
    pub fn unprocessable(message: impl Into<String>) -> ApiError {
        ApiError::new(StatusCode::UNPROCESSABLE_ENTITY, message)
    }

    /// 500: the server failed; the details go to the server's log.
    pub fn internal(detail: impl Into<String>) -> ApiError {
        let detail = detail.into();
        eprintln!("synoptic serve: error: {detail}");
        ApiError::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal error; the server's log says more",
        )
    }

    /// The same error with extra fields in its body.
    pub fn with(mut self, extra: Value) -> ApiError {
        self.extra = Some(extra);
        self
    }
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        ApiError::internal(error.to_string())
    }
}

impl From<rusqlite::Error> for ApiError {
    fn from(error: rusqlite::Error) -> Self {
        ApiError::from(StoreError::from(error))
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut body = json!({ "error": self.message });
        if let (Some(Value::Object(extra)), Some(object)) = (self.extra, body.as_object_mut()) {
            for (key, value) in extra {
                object.entry(key).or_insert(value);
            }
        }
        (self.status, Json(body)).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_one_line_with_extras() {
        let error = ApiError::conflict("stale").with(json!({"current": {"version": 2}}));
        assert_eq!(error.status, StatusCode::CONFLICT);
        let response = error.into_response();
        assert_eq!(response.status(), StatusCode::CONFLICT);
    }
}
