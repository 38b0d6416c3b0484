//! Live updates: server-sent events per meeting.
//!
//! `GET /api/meetings/{id}/events?k=KEY` (EventSource cannot send headers,
//! so this read-only stream takes the key as a query parameter; the
//! header works too). Each change is sent after its transaction committed,
//! as an event named after what changed, whose data is JSON with the
//! meeting's `revision`:
//!
//! | event | data |
//! | --- | --- |
//! | `hello` | `{"revision", "role"}`, first on every connection |
//! | `decision` | `{"revision", "row", "decision"}` (`decision.choice` is `null` once cleared) |
//! | `comment` | `{"revision", "comment"}` |
//! | `current-row` | `{"revision", "row"}` |
//! | `documents` | `{"revision", "action", "document"}`: the synopsis changed, fetch it again |
//! | `meeting` | `{"revision", "title"}` |
//! | `resync` | `{"missed"}`: this client fell behind; fetch everything again |
//!
//! A comment line is sent every 15 seconds to keep idle connections open.
//! Streams end when the server shuts down.

use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::broadcast::error::RecvError;

use crate::access::{check_same_origin, header_token};
use crate::api::PathArgs;
use crate::error::ApiError;
use crate::store;
use crate::App;

/// One change, as sent to every open stream of a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The event's name (`decision`, `comment`, ...).
    pub name: &'static str,
    /// Its data: one line of JSON.
    pub data: Arc<str>,
}

impl Event {
    /// An event named `name` whose data is `payload` with the meeting's
    /// `revision` added.
    pub fn new(name: &'static str, revision: i64, mut payload: Value) -> Event {
        if let Some(object) = payload.as_object_mut() {
            object.insert("revision".into(), json!(revision));
        }
        Event {
            name,
            data: Arc::from(payload.to_string()),
        }
    }

    fn to_sse(&self) -> SseEvent {
        SseEvent::default().event(self.name).data(&*self.data)
    }
}

/// The query of the event stream: the key.
#[derive(Debug, Deserialize)]
pub struct KeyQuery {
    /// The meeting key (chair's or delegates').
    pub k: Option<String>,
}

/// `GET /api/meetings/{id}/events`: the meeting's changes as they happen.
pub async fn stream(
    State(app): State<App>,
    PathArgs(id): PathArgs<String>,
    Query(query): Query<KeyQuery>,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, ApiError> {
    check_same_origin(&headers)?;
    let token = header_token(&headers).or(query.k.as_deref());
    let (room, role) = app.access(&id, token).await?;
    // Subscribe before reading the revision, so nothing falls between.
    let receiver = room.subscribe();
    let key = id.clone();
    let state = app.db(move |conn| Ok(store::state(conn, &key)?)).await?;
    let hello = SseEvent::default()
        .event("hello")
        .retry(Duration::from_secs(1))
        .data(json!({"revision": state.revision, "role": role}).to_string());
    let shutdown = app.shutdown_signal();
    let events = stream::unfold(
        (Some(hello), receiver, shutdown),
        |(first, mut receiver, mut shutdown)| async move {
            if let Some(hello) = first {
                return Some((Ok(hello), (None, receiver, shutdown)));
            }
            if *shutdown.borrow() {
                return None;
            }
            let next = tokio::select! {
                received = receiver.recv() => match received {
                    Ok(event) => event.to_sse(),
                    Err(RecvError::Lagged(missed)) => SseEvent::default()
                        .event("resync")
                        .data(json!({"missed": missed}).to_string()),
                    Err(RecvError::Closed) => return None,
                },
                _ = shutdown.changed() => return None,
            };
            Some((Ok(next), (None, receiver, shutdown)))
        },
    );
    Ok(Sse::new(events).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn event_data_carries_the_revision() {
        let event = Event::new("decision", 7, json!({"row": "a/b"}));
        let data: Value = serde_json::from_str(&event.data).unwrap();
        assert_eq!(data["revision"], 7);
        assert_eq!(data["row"], "a/b");
        assert!(!event.data.contains('\n'));
    }
}
