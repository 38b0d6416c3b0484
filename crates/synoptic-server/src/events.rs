//! Live updates: server-sent events per meeting.
//!
//! `GET /api/meetings/{id}/events?t=TICKET&since=REVISION` (EventSource
//! cannot send headers, so this read-only stream takes a short-lived
//! ticket instead of the key; the key in the header works too). Every
//! event carries the meeting's revision as its SSE `id`; a client that
//! reconnects with `since` (or `Last-Event-ID`) first gets what it missed,
//! from the last 256 events, or `resync` when that is not enough. Each change is sent after its transaction committed,
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
//! | `deleted` | `{}`: the chair deleted the meeting; the stream ends |
//!
//! A comment line is sent every 15 seconds to keep idle connections open.
//! Streams end when the server shuts down.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::http::{Extensions, HeaderMap};
use axum::response::sse::{Event as SseEvent, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use serde::Deserialize;
use serde_json::{json, Value};
use tokio::sync::broadcast::error::RecvError;

use crate::access::{check_same_origin, client_of};
use crate::api::PathArgs;
use crate::error::ApiError;
use crate::store;
use crate::App;

/// One change, as sent to every open stream of a meeting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The event's name (`decision`, `comment`, ...).
    pub name: &'static str,
    /// The meeting's revision after the change: the event's sequence
    /// number (its SSE `id`), which a reconnecting client resumes from.
    pub revision: i64,
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
            revision,
            data: Arc::from(payload.to_string()),
        }
    }

    fn to_sse(&self) -> SseEvent {
        SseEvent::default()
            .event(self.name)
            .id(self.revision.to_string())
            .data(&*self.data)
    }
}

/// The query of the event stream and the exports: a ticket, and where to
/// resume from.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TicketQuery {
    /// A short-lived ticket (`POST /api/meetings/{id}/tickets`), which
    /// stands for the key where a browser cannot send headers.
    pub t: Option<String>,
    /// The last revision the client has: the stream first sends what came
    /// after it (or `resync` when that is too far back).
    pub since: Option<i64>,
    /// A key in the address: refused, as it would leak into logs.
    pub k: Option<String>,
}

impl TicketQuery {
    /// Refuses a key in the query string, saying what to do instead.
    pub fn check(&self) -> Result<(), ApiError> {
        if self.k.is_some() {
            return Err(ApiError::bad_request(
                "keys no longer go in the address (?k=): send the key in the X-Synoptic-Token header, or get a ticket with POST /api/meetings/{id}/tickets and pass ?t=TICKET",
            ));
        }
        Ok(())
    }
}

/// `GET /api/meetings/{id}/events`: the meeting's changes as they happen.
pub async fn stream(
    State(app): State<App>,
    PathArgs(id): PathArgs<String>,
    query: Result<Query<TicketQuery>, QueryRejection>,
    extensions: Extensions,
    headers: HeaderMap,
) -> Result<Sse<impl Stream<Item = Result<SseEvent, Infallible>>>, ApiError> {
    let Query(query) =
        query.map_err(|e| ApiError::bad_request(format!("bad query: {}", e.body_text())))?;
    query.check()?;
    check_same_origin(&headers)?;
    let (room, role) = app.access_ticket(&id, &headers, query.t.as_deref()).await?;
    let client = client_of(&extensions, &headers, app.limits().trust_proxy);
    // Counted while the stream is open (the slot goes with it).
    let slot = app
        .streams()
        .open(client, app.limits().max_streams_per_address)?;
    // Subscribe before reading the revision, so nothing falls between.
    let receiver = room.subscribe();
    let key = id.clone();
    let state = app.db(move |conn| Ok(store::state(conn, &key)?)).await?;
    // Where the client was: `since`, or the id of the last event its
    // EventSource saw.
    let since = query.since.or_else(|| {
        headers
            .get("last-event-id")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.trim().parse().ok())
    });
    let mut first: VecDeque<SseEvent> = VecDeque::new();
    first.push_back(
        SseEvent::default()
            .event("hello")
            .retry(Duration::from_secs(1))
            .data(json!({"revision": state.revision, "role": role}).to_string()),
    );
    // What the client has: live events up to it are not sent again (those
    // committed between the subscription and the revision read above
    // included, when the client has them).
    let mut sent_up_to = since.unwrap_or(i64::MIN);
    if let Some(since) = since.filter(|&s| s < state.revision) {
        match room.events_since(since) {
            Some(missed) => {
                for event in missed {
                    sent_up_to = sent_up_to.max(event.revision);
                    first.push_back(event.to_sse());
                }
            }
            None => first.push_back(
                SseEvent::default()
                    .event("resync")
                    .data(json!({"missed": state.revision - since}).to_string()),
            ),
        }
    }
    let shutdown = app.shutdown_signal();
    let events = stream::unfold(
        (first, receiver, shutdown, sent_up_to, slot),
        |(mut first, mut receiver, mut shutdown, mut sent_up_to, slot)| async move {
            if let Some(event) = first.pop_front() {
                return Some((Ok(event), (first, receiver, shutdown, sent_up_to, slot)));
            }
            loop {
                if *shutdown.borrow() {
                    return None;
                }
                let next = tokio::select! {
                    received = receiver.recv() => match received {
                        // Already sent from the recent events.
                        Ok(event) if event.revision != 0 && event.revision <= sent_up_to => continue,
                        Ok(event) => {
                            sent_up_to = sent_up_to.max(event.revision);
                            event.to_sse()
                        }
                        Err(RecvError::Lagged(missed)) => SseEvent::default()
                            .event("resync")
                            .data(json!({"missed": missed}).to_string()),
                        Err(RecvError::Closed) => return None,
                    },
                    _ = shutdown.changed() => return None,
                };
                return Some((Ok(next), (first, receiver, shutdown, sent_up_to, slot)));
            }
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
