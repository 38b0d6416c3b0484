//! From stored documents to a synopsis, and from a synopsis and the chair's
//! decisions to a draft, cached in memory per meeting.
//!
//! A meeting open in the server is a [`Room`]: its keys, its event channel
//! and its cache. The synopsis is recomputed only when the documents
//! change, the draft only when the documents or the decisions change; one
//! computation runs at a time per meeting, so a hundred browsers asking
//! for the draft after a decision cost one consolidation.
//!
//! The cache is kept honest by revision counters: every write bumps the
//! meeting's counters in its transaction and tells the room while still
//! holding the database lock, and a computation is kept only if the
//! counters it was made from are still the latest.

mod build;
pub mod contributions;
mod decisions;

pub use build::*;
pub use contributions::read_contribution;
pub use decisions::*;

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use synoptic_core::consolidate::{consolidate, Decisions, Draft};
use synoptic_core::Synopsis;
use synoptic_formats::write::{draft_json, json};
use tokio::sync::broadcast;

use crate::access::same_key;
use crate::error::ApiError;
use crate::events::Event;
use crate::store::{
    self, DecisionRecord, DocRole, MeetingRecord, MeetingState, Role, StoredDocument,
};
use crate::{App, Limits};

/// How many events a slow browser may fall behind before it is told to
/// fetch everything again; also how many recent events a reconnecting
/// browser can resume from.
const EVENT_BACKLOG: usize = 256;

/// Meetings kept open in memory before those nobody watches are closed.
const MAX_OPEN_ROOMS: usize = 1000;

/// A meeting open in the server.
pub struct Room {
    /// The meeting's id.
    pub id: String,
    chair_token: String,
    delegate_token: String,
    events: broadcast::Sender<Event>,
    cache: Mutex<Cache>,
    computing: tokio::sync::Mutex<()>,
    /// When the meeting was last asked for, in milliseconds of the
    /// server's clock: the cache drops the least recent first.
    last_used: AtomicU64,
    /// The memory its cached synopsis and draft take, estimated.
    cached_bytes: AtomicU64,
    /// Recent events, to resume an event stream from.
    pub(crate) recent: Mutex<VecDeque<Event>>,
    /// The meeting's revision when it was opened in this server: events
    /// before it are not among the recent ones.
    opened_revision: i64,
}

#[derive(Default)]
struct Cache {
    /// The latest committed counters.
    docs_revision: i64,
    decisions_revision: i64,
    synopsis: Option<Arc<Computed>>,
    draft: Option<Arc<Drafted>>,
}

/// The synopsis of a meeting's documents, with what is derived from it
/// alone.
pub struct Computed {
    /// The documents' revision it was made from.
    pub docs_revision: i64,
    /// The synopsis (empty when it cannot be made).
    pub synopsis: Synopsis,
    /// The synopsis as `synoptic compare --format json` writes it.
    pub json: String,
    /// The cells as the command line's views show them, where that differs
    /// from their exact ops (short kept fragments folded into the changes
    /// around them): `{"cells": {ROW: {VERSION: [op]}}}`.
    pub reading_json: String,
    /// Why there is no synopsis (no documents, no proposal yet), if so.
    pub error: Option<String>,
    /// The consolidation without decisions: the rows' fingerprints, and
    /// what the decisions skeleton lists.
    pub automatic: Draft,
    /// Row id to its index in [`Computed::automatic`].
    pub rows: HashMap<String, usize>,
    /// The rows of the automatic draft that hold a conflict.
    pub conflict_rows: Vec<String>,
    /// The title of an imported side-by-side table.
    pub table_title: Option<String>,
    /// What each document brings, in upload order (empty when a document
    /// could not be read).
    pub counts: Vec<DocCount>,
    /// The document each proposal comes from, by its label, for the
    /// proposals that are a document of their own (not a CollateX
    /// witness): decisions refer to documents by id.
    pub version_docs: HashMap<String, i64>,
    /// The language each version is written in (ISO 639-1, by version
    /// id), when it can be told: the page marks its cells with it, so
    /// that browsers with a dictionary for it hyphenate.
    pub languages: std::collections::BTreeMap<String, &'static str>,
}

impl Computed {
    /// The memory it takes, estimated from its JSON (the synopsis, its
    /// JSON and the automatic draft each take about as much).
    pub fn memory(&self) -> u64 {
        (self.json.len() as u64)
            .saturating_mul(3)
            .saturating_add(self.reading_json.len() as u64)
    }
}

impl Drafted {
    /// The memory it takes beyond its synopsis, estimated from its JSON.
    pub fn memory(&self) -> u64 {
        (self.json.len() as u64).saturating_mul(2)
    }
}

/// The draft of a meeting: its synopsis consolidated with the decisions.
pub struct Drafted {
    /// The documents' revision it was made from.
    pub docs_revision: i64,
    /// The decisions' revision it was made from.
    pub decisions_revision: i64,
    /// The synopsis it was made from.
    pub computed: Arc<Computed>,
    /// The decisions as stored, cleared ones included.
    pub records: Vec<DecisionRecord>,
    /// The decisions applied (those with a choice).
    pub decisions: Decisions,
    /// The draft.
    pub draft: Draft,
    /// The draft as `synoptic consolidate --format json` writes it.
    pub json: String,
}

impl Room {
    fn new(record: &MeetingRecord) -> Room {
        let (events, _) = broadcast::channel(EVENT_BACKLOG);
        Room {
            id: record.id.clone(),
            chair_token: record.chair_token.clone(),
            delegate_token: record.delegate_token.clone(),
            events,
            cache: Mutex::new(Cache {
                docs_revision: record.state.docs_revision,
                decisions_revision: record.state.decisions_revision,
                ..Cache::default()
            }),
            computing: tokio::sync::Mutex::new(()),
            last_used: AtomicU64::new(0),
            cached_bytes: AtomicU64::new(0),
            recent: Mutex::new(VecDeque::new()),
            opened_revision: record.state.revision,
        }
    }

    /// The role `token` gives in this meeting, if any; both keys are
    /// always compared, in constant time.
    pub fn role_for(&self, token: &str) -> Option<Role> {
        let chair = same_key(token, &self.chair_token);
        let delegate = same_key(token, &self.delegate_token);
        if chair {
            Some(Role::Chair)
        } else if delegate {
            Some(Role::Delegate)
        } else {
            None
        }
    }

    /// The delegates' key (shown to the chair, to share).
    pub fn delegate_token(&self) -> &str {
        &self.delegate_token
    }

    /// The chair's key.
    pub fn chair_token(&self) -> &str {
        &self.chair_token
    }

    fn cache(&self) -> MutexGuard<'_, Cache> {
        // Entries are replaced whole: a panic elsewhere cannot leave one
        // half written.
        self.cache
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// Ends a write to meeting `id`: counts it (`docs` and `decisions` say
    /// what it changed), commits it, then tells every open browser with
    /// the event `name` carrying `data`. The broadcast comes after the
    /// commit and while the database lock is held, so browsers hear of
    /// writes in the order they were stored, and only of stored ones.
    pub fn publish(
        &self,
        tx: rusqlite::Transaction<'_>,
        id: &str,
        (docs, decisions): (bool, bool),
        name: &'static str,
        data: serde_json::Value,
    ) -> Result<MeetingState, ApiError> {
        let state = store::bump(&tx, id, docs, decisions)?;
        tx.commit()?;
        self.committed(&state);
        self.broadcast(Event::new(name, state.revision, data));
        Ok(state)
    }

    /// Records the counters of a write just committed, dropping what they
    /// make out of date. Called while the database lock is still held.
    pub fn committed(&self, state: &MeetingState) {
        let mut cache = self.cache();
        cache.docs_revision = cache.docs_revision.max(state.docs_revision);
        cache.decisions_revision = cache.decisions_revision.max(state.decisions_revision);
        let docs = cache.docs_revision;
        let decisions = cache.decisions_revision;
        if cache
            .synopsis
            .as_ref()
            .is_some_and(|c| c.docs_revision != docs)
        {
            cache.synopsis = None;
        }
        if cache
            .draft
            .as_ref()
            .is_some_and(|d| d.docs_revision != docs || d.decisions_revision != decisions)
        {
            cache.draft = None;
        }
    }

    fn fresh_synopsis(&self) -> Option<Arc<Computed>> {
        let cache = self.cache();
        cache
            .synopsis
            .clone()
            .filter(|c| c.docs_revision == cache.docs_revision)
    }

    fn fresh_draft(&self) -> Option<Arc<Drafted>> {
        let cache = self.cache();
        cache.draft.clone().filter(|d| {
            d.docs_revision == cache.docs_revision
                && d.decisions_revision == cache.decisions_revision
        })
    }

    fn keep(&self, computed: &Arc<Computed>, drafted: Option<&Arc<Drafted>>) {
        let mut cache = self.cache();
        if computed.docs_revision >= cache.docs_revision {
            cache.docs_revision = computed.docs_revision;
            cache.synopsis = Some(computed.clone());
        }
        if let Some(d) = drafted {
            if d.docs_revision >= cache.docs_revision
                && d.decisions_revision >= cache.decisions_revision
            {
                cache.decisions_revision = d.decisions_revision;
                cache.draft = Some(d.clone());
            }
        }
        let bytes = cache.synopsis.as_ref().map_or(0, |c| c.memory())
            + cache.draft.as_ref().map_or(0, |d| d.memory());
        self.cached_bytes.store(bytes, Ordering::Relaxed);
    }

    /// Drops the cached synopsis and draft (computed again when asked for).
    fn drop_cache(&self) {
        let mut cache = self.cache();
        cache.synopsis = None;
        cache.draft = None;
        self.cached_bytes.store(0, Ordering::Relaxed);
    }

    /// The memory the cache of this meeting takes, estimated.
    pub fn cached_bytes(&self) -> u64 {
        self.cached_bytes.load(Ordering::Relaxed)
    }

    /// Tells every open event stream of the meeting (after the change was
    /// committed).
    pub fn broadcast(&self, event: Event) {
        {
            let mut recent = self
                .recent
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if recent.len() >= EVENT_BACKLOG {
                recent.pop_front();
            }
            recent.push_back(event.clone());
        }
        // No receiver is not an error: nobody is watching.
        let _ = self.events.send(event);
    }

    /// The events after revision `since`, if the recent ones reach back
    /// that far (`None`: too far back, fetch everything again).
    pub fn events_since(&self, since: i64) -> Option<Vec<Event>> {
        let recent = self
            .recent
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        let oldest = recent
            .iter()
            .map(|e| e.revision)
            .find(|&r| r > 0)
            .unwrap_or(self.opened_revision + 1);
        match oldest {
            oldest if oldest <= since + 1 => Some(
                recent
                    .iter()
                    .filter(|e| e.revision > since)
                    .cloned()
                    .collect(),
            ),
            _ => None,
        }
    }

    /// A receiver of the meeting's events from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.events.subscribe()
    }
}

impl App {
    /// The meeting `id`, opened from the database on first use; `None`
    /// when there is no such meeting.
    pub async fn room(&self, id: &str) -> Result<Option<Arc<Room>>, ApiError> {
        if let Some(room) = self.rooms().get(id) {
            room.last_used.store(self.clock_ms(), Ordering::Relaxed);
            return Ok(Some(room.clone()));
        }
        // Ids are URL-safe base64 of 16 bytes: anything else is not one,
        // and is not worth a database look-up.
        if id.is_empty()
            || id.len() > 64
            || !id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return Ok(None);
        }
        let key = id.to_string();
        let Some(record) = self.db(move |conn| Ok(store::meeting(conn, &key)?)).await? else {
            return Ok(None);
        };
        let room = Arc::new(Room::new(&record));
        room.last_used.store(self.clock_ms(), Ordering::Relaxed);
        let mut rooms = self.rooms();
        if rooms.len() >= MAX_OPEN_ROOMS {
            // Meetings nobody watches and nothing caches are opened again
            // from the database when asked for.
            rooms.retain(|_, r| r.events.receiver_count() > 0 || r.cached_bytes() > 0);
        }
        Ok(Some(rooms.entry(record.id).or_insert(room).clone()))
    }

    /// Forgets a meeting just deleted: its room, its cache, and (once the
    /// last request using it ends) its event channel, which ends its
    /// streams.
    pub fn forget_room(&self, id: &str) {
        if let Some(room) = self.rooms().remove(id) {
            room.drop_cache();
        }
    }

    /// Keeps the cached synopses and drafts within the memory limit,
    /// dropping those of the meetings used least recently (never that of
    /// `keep`, just computed for a request).
    fn trim_cache(&self, keep: &Arc<Room>) {
        let max = self.limits().max_cache_bytes;
        let rooms: Vec<Arc<Room>> = self.rooms().values().cloned().collect();
        let mut total: u64 = rooms.iter().map(|r| r.cached_bytes()).sum();
        if total <= max {
            return;
        }
        let mut candidates: Vec<&Arc<Room>> = rooms
            .iter()
            .filter(|r| !Arc::ptr_eq(r, keep) && r.cached_bytes() > 0)
            .collect();
        candidates.sort_by_key(|r| r.last_used.load(Ordering::Relaxed));
        for room in candidates {
            if total <= max {
                break;
            }
            total = total.saturating_sub(room.cached_bytes());
            room.drop_cache();
        }
    }

    /// The meeting's synopsis, computed if out of date.
    pub async fn synopsis(&self, room: &Arc<Room>) -> Result<Arc<Computed>, ApiError> {
        if let Some(computed) = room.fresh_synopsis() {
            return Ok(computed);
        }
        Ok(self.draft(room).await?.computed.clone())
    }

    /// The meeting's draft, computed if out of date.
    pub async fn draft(&self, room: &Arc<Room>) -> Result<Arc<Drafted>, ApiError> {
        if let Some(drafted) = room.fresh_draft() {
            return Ok(drafted);
        }
        let _one_at_a_time = room.computing.lock().await;
        if let Some(drafted) = room.fresh_draft() {
            return Ok(drafted);
        }
        let have = room.fresh_synopsis();
        let have_revision = have.as_ref().map(|c| c.docs_revision);
        let id = room.id.clone();
        let (state, documents, records) = self
            .db(move |conn| {
                let state = store::state(conn, &id)?;
                let documents = if have_revision == Some(state.docs_revision) {
                    None
                } else {
                    Some(store::documents_with_bytes(conn, &id)?)
                };
                let records = store::decisions(conn, &id)?;
                Ok((state, documents, records))
            })
            .await?;
        let limits = self.limits().clone();
        let (computed, drafted) = tokio::task::spawn_blocking(move || {
            let computed = match (documents, have) {
                (None, Some(have)) => have,
                (documents, _) => Arc::new(build(
                    &documents.unwrap_or_default(),
                    state.text_key.as_deref(),
                    state.docs_revision,
                    &limits,
                )),
            };
            let drafted = Arc::new(draft_of(
                computed.clone(),
                records,
                state.decisions_revision,
            ));
            (computed, drafted)
        })
        .await
        .map_err(|e| ApiError::internal(format!("computing the draft failed: {e}")))?;
        room.keep(&computed, Some(&drafted));
        self.trim_cache(room);
        Ok(drafted)
    }
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::store::DocumentInfo;

    fn doc(role: DocRole, label: &str, filename: &str, bytes: &[u8]) -> StoredDocument {
        StoredDocument {
            info: DocumentInfo {
                id: 0,
                role,
                label: label.into(),
                filename: filename.into(),
                size: 0,
                uploaded_at: String::new(),
            },
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn builds_a_synopsis_or_says_why_not() {
        let limits = Limits::default();
        let empty = build(&[], None, 0, &limits);
        assert!(empty.error.as_deref().unwrap().starts_with("no documents"));
        let base_only = build(
            &[doc(
                DocRole::Base,
                "base",
                "base.txt",
                b"considering\na)\tthat",
            )],
            None,
            1,
            &limits,
        );
        assert!(base_only.error.as_deref().unwrap().contains("no proposals"));
        let base = b"considering\na)\tthat the assembly meets every year in Geneva\nb)\tthat two";
        let a = b"considering\na)\tthat the assembly meets every two years in Geneva\nb)\tthat two";
        let b =
            b"considering\na)\tthat the assembly meets every three years in Geneva\nb)\tthat two";
        let docs = [
            doc(DocRole::Base, "base", "base.txt", base),
            doc(DocRole::Proposal, "A", "a.txt", a),
            doc(DocRole::Proposal, "B", "b.txt", b),
        ];
        let built = build(&docs, None, 2, &limits);
        assert_eq!(built.error, None);
        assert_eq!(built.synopsis.versions.len(), 3);
        assert!(built.json.contains("\"versions\""));
        assert!(built.rows.contains_key("considering/a"));
        assert_eq!(built.conflict_rows, vec!["considering/a".to_string()]);
    }

    #[test]
    fn synopsis_work_is_bounded() {
        let base = b"considering\na)\tthat the assembly meets\nb)\tthat two";
        let a = b"considering\na)\tthat the assembly meets often\nb)\tthat two";
        let docs = [
            doc(DocRole::Base, "base", "base.txt", base),
            doc(DocRole::Proposal, "A", "a.txt", a),
        ];
        let roomy = build(&docs, None, 1, &Limits::default());
        assert_eq!(roomy.error, None);
        assert_eq!(roomy.counts.iter().map(|c| c.paragraphs).sum::<usize>(), 6);
        // 6 paragraphs in 2 versions: at most 12 cells.
        let tight = Limits {
            max_cells: 11,
            ..Limits::default()
        };
        let refused = build(&docs, None, 1, &tight);
        let error = refused.error.unwrap();
        assert!(error.contains("up to 12 cells"), "{error}");
        assert_eq!(refused.counts.len(), 2, "counted before refusing");
    }
}
