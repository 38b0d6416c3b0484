//! The database: one SQLite file holding the meetings, their uploaded
//! documents (the bytes as uploaded), the chair's decisions with their
//! versions, the comments and the audit log.
//!
//! The file is opened in WAL mode with `synchronous=FULL`: a transaction is
//! on disk once its commit returns, so what the server acknowledged
//! survives a crash or a `kill -9` of the server, and a power cut too.
//! (`NORMAL` would be safe against a crash of the process but could lose
//! the last commits on a power cut; a meeting takes a few decisions a
//! minute, so the fsync per commit costs nothing that matters.) The schema
//! is created on first open and migrated by `PRAGMA user_version`.
//!
//! One connection serves the whole server, behind a mutex: SQLite writes
//! one transaction at a time anyway, and a meeting's traffic is small. The
//! async routes reach it through `App::db`, on a blocking thread.

mod audit;
mod comments;
mod decisions;
mod documents;
mod meetings;
mod schema;

pub use audit::*;
pub use comments::*;
pub use decisions::*;
pub use documents::*;
pub use meetings::*;
pub use schema::*;

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use synoptic_core::consolidate::Choice;

use crate::error::{ApiError, ServerError, StoreError};

/// Who may do what in a meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Holds the chair link: decides, uploads, sets the current row.
    Chair,
    /// Holds the delegate link: reads and comments.
    Delegate,
}

impl Role {
    /// `chair` or `delegate`.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::Delegate => "delegate",
        }
    }

    fn parse(text: &str) -> Result<Role, StoreError> {
        match text {
            "chair" => Ok(Role::Chair),
            "delegate" => Ok(Role::Delegate),
            other => Err(StoreError::Corrupt(format!("unknown role {other:?}"))),
        }
    }
}

/// Who did something: a role and the name they gave, if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Actor {
    /// The link they used.
    pub role: Role,
    /// The name they gave (optional).
    pub name: Option<String>,
}

/// What a document is to the meeting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocRole {
    /// The text the proposals amend.
    #[serde(rename = "base")]
    Base,
    /// A proposal (a CollateX file brings several).
    #[serde(rename = "proposal")]
    Proposal,
    /// An existing side-by-side table, in Word or flattened to text: its
    /// columns are the proposals.
    #[serde(rename = "side-by-side")]
    SideBySide,
    /// A contribution as a group submits it: its proposals for the
    /// meeting's text are the proposals (with their action, number,
    /// source and reasons).
    #[serde(rename = "contribution")]
    Contribution,
}

impl DocRole {
    /// `base`, `proposal`, `side-by-side` or `contribution`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocRole::Base => "base",
            DocRole::Proposal => "proposal",
            DocRole::SideBySide => "side-by-side",
            DocRole::Contribution => "contribution",
        }
    }

    /// The role named `text`, if any.
    pub fn parse(text: &str) -> Option<DocRole> {
        match text.trim() {
            "base" => Some(DocRole::Base),
            "proposal" => Some(DocRole::Proposal),
            "side-by-side" => Some(DocRole::SideBySide),
            "contribution" => Some(DocRole::Contribution),
            _ => None,
        }
    }
}

/// A meeting as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MeetingRecord {
    /// The meeting's id (in its links).
    pub id: String,
    /// Its title.
    pub title: String,
    /// The chair's key.
    pub chair_token: String,
    /// The delegates' key.
    pub delegate_token: String,
    /// When it was created.
    pub created_at: String,
    /// The revision counters and the current row.
    pub state: MeetingState,
}

/// The parts of a meeting that change.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MeetingState {
    /// Counts every change to the meeting.
    pub revision: i64,
    /// Counts changes to the documents.
    pub docs_revision: i64,
    /// Counts changes to the decisions.
    pub decisions_revision: i64,
    /// The row the chair is on, if set.
    pub current_row: Option<String>,
    /// The text a meeting made from contributions concerns (its title's
    /// match key, `resolution:44`); `None` for other meetings.
    pub text_key: Option<String>,
}

/// A document as listed (without its bytes).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentInfo {
    /// The document's id within the server.
    pub id: i64,
    /// Base, proposal or side-by-side table.
    pub role: DocRole,
    /// The label its column is shown and decided by.
    pub label: String,
    /// The uploaded file's name (only its extension is used).
    pub filename: String,
    /// Its size in bytes.
    pub size: i64,
    /// When it was uploaded.
    pub uploaded_at: String,
}

/// A document with the bytes that were uploaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredDocument {
    /// What is listed of it.
    pub info: DocumentInfo,
    /// The file as uploaded.
    pub bytes: Vec<u8>,
}

/// A document to store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDocument {
    /// Base, proposal or side-by-side table.
    pub role: DocRole,
    /// Its label.
    pub label: String,
    /// The file's name.
    pub filename: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
}

/// The chair's decision on one row, with its version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DecisionRecord {
    /// The row id.
    pub row: String,
    /// The decision, `null` once cleared.
    pub choice: Option<Choice>,
    /// The row's fingerprint when decided.
    pub fingerprint: Option<String>,
    /// The document a decision accepting a proposal accepts: renaming it
    /// keeps the decision, deleting it makes the decision stale.
    pub document: Option<i64>,
    /// The chair's note, if any.
    pub note: Option<String>,
    /// Counts the changes to this row's decision: a write must name the
    /// version it replaces (0 for a row never decided).
    pub version: i64,
    /// Who decided (or cleared) it last.
    pub by: Actor,
    /// When.
    pub updated_at: String,
}

/// A comment on a row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Comment {
    /// The comment's id, in the order comments were made.
    pub id: i64,
    /// The row it is about.
    pub row: String,
    /// The name its author gave.
    pub author: String,
    /// The link its author used.
    pub role: Role,
    /// The comment.
    pub text: String,
    /// When it was made.
    pub created_at: String,
    /// Hidden by the chair: delegates no longer see it.
    pub hidden: bool,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditEntry {
    /// Its number, in order.
    pub id: i64,
    /// When.
    pub at: String,
    /// The link used.
    pub role: Role,
    /// The name given, if any.
    pub name: Option<String>,
    /// What was done: `created`, `uploaded`, `renamed`, `deleted-document`,
    /// `decided`, `cleared`, `commented`, `retitled`.
    pub action: String,
    /// The row concerned, if any.
    pub row: Option<String>,
    /// What exactly, in one line.
    pub detail: String,
}

/// A meeting just created, with its keys.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CreatedMeeting {
    /// The meeting's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The chair's key.
    pub chair_token: String,
    /// The delegates' key.
    pub delegate_token: String,
    /// The chair's link, relative to the server: `/m/{id}#k={chair_token}`.
    pub chair_link: String,
    /// The delegates' link.
    pub delegate_link: String,
}

impl CreatedMeeting {
    fn new(id: String, title: String, chair_token: String, delegate_token: String) -> Self {
        CreatedMeeting {
            chair_link: link(&id, &chair_token),
            delegate_link: link(&id, &delegate_token),
            id,
            title,
            chair_token,
            delegate_token,
        }
    }
}

/// The link of a meeting for one key: the key rides in the fragment, which
/// browsers never send to a server nor put in a Referer.
pub fn link(id: &str, token: &str) -> String {
    format!("/m/{id}#k={token}")
}

/// The database, shared by the whole server. Cheap to clone.
#[derive(Clone)]
pub struct Store {
    conn: Arc<Mutex<Connection>>,
}

impl Store {
    /// Opens the database file, creating it and its schema if needed.
    pub fn open(path: &Path) -> Result<Store, ServerError> {
        let opened = Connection::open(path)
            .map_err(StoreError::from)
            .and_then(|mut conn| {
                prepare(&mut conn)?;
                Ok(conn)
            });
        match opened {
            Ok(conn) => Ok(Store::wrap(conn)),
            Err(source) => Err(ServerError::Open {
                path: path.display().to_string(),
                source,
            }),
        }
    }

    /// A database in memory, for tests.
    pub fn in_memory() -> Result<Store, StoreError> {
        let mut conn = Connection::open_in_memory()?;
        prepare(&mut conn)?;
        Ok(Store::wrap(conn))
    }

    fn wrap(conn: Connection) -> Store {
        Store {
            conn: Arc::new(Mutex::new(conn)),
        }
    }

    /// Runs `f` with the connection, holding its lock. Blocking: async
    /// code goes through `App::db`.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Connection) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        // A panic while holding the lock cannot leave a transaction half
        // done: an unfinished rusqlite transaction rolls back when dropped.
        let mut conn = self
            .conn
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        f(&mut conn)
    }

    /// Creates a meeting with fresh keys.
    pub fn create_meeting(&self, title: &str, by: &Actor) -> Result<CreatedMeeting, ApiError> {
        self.with(|conn| Ok(create_meeting(conn, title, false, by)?))
    }

    /// The demo meeting, created with `documents` the first time and found
    /// again after that.
    pub fn ensure_demo(
        &self,
        title: &str,
        documents: &[NewDocument],
    ) -> Result<CreatedMeeting, ApiError> {
        self.with(|conn| {
            let tx = write(conn)?;
            let existing = tx
                .query_row(
                    "SELECT id, title, chair_token, delegate_token FROM meetings
                     WHERE demo = 1 ORDER BY created_at LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
                )
                .optional()?;
            if let Some((id, title, chair, delegate)) = existing {
                return Ok(CreatedMeeting::new(id, title, chair, delegate));
            }
            let by = Actor {
                role: Role::Chair,
                name: Some("synoptic serve --demo".into()),
            };
            let created = insert_meeting(&tx, title, true, &by)?;
            for document in documents {
                upload_document(&tx, &created.id, &by, document)?;
            }
            bump(&tx, &created.id, true, false)?;
            tx.commit()?;
            Ok(created)
        })
    }
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::clock;

    fn chair() -> Actor {
        Actor {
            role: Role::Chair,
            name: Some("Chair".into()),
        }
    }

    #[test]
    fn schema_round_trips_every_record() {
        let store = Store::in_memory().unwrap();
        let created = store.create_meeting("Res. 1", &chair()).unwrap();
        assert_eq!(
            created.chair_link,
            format!("/m/{}#k={}", created.id, created.chair_token)
        );
        assert_ne!(created.chair_token, created.delegate_token);
        store
            .with(|conn| {
                let tx = write(conn)?;
                let doc = NewDocument {
                    role: DocRole::Base,
                    label: "base".into(),
                    filename: "base.txt".into(),
                    bytes: b"considering".to_vec(),
                };
                let info = insert_document(&tx, &created.id, &doc)?;
                assert_eq!(info.size, 11);
                put_decision(
                    &tx,
                    &created.id,
                    &DecisionRecord {
                        row: "considering/b".into(),
                        choice: Some(Choice::Accept("AFR".into())),
                        fingerprint: Some("abcd".into()),
                        document: Some(info.id),
                        note: None,
                        version: 1,
                        by: chair(),
                        updated_at: clock::now(),
                    },
                )?;
                insert_comment(
                    &tx,
                    &created.id,
                    "considering/b",
                    "Ann",
                    Role::Delegate,
                    "<b>",
                    "owner-key",
                )?;
                let state = bump(&tx, &created.id, true, true)?;
                assert_eq!(
                    (
                        state.revision,
                        state.docs_revision,
                        state.decisions_revision
                    ),
                    (1, 1, 1)
                );
                tx.commit()?;
                let docs = documents_with_bytes(conn, &created.id)?;
                assert_eq!(docs[0].bytes, b"considering");
                assert_eq!(docs[0].info.role, DocRole::Base);
                let d = decision(conn, &created.id, "considering/b")?.unwrap();
                assert_eq!(d.choice, Some(Choice::Accept("AFR".into())));
                assert_eq!(d.by, chair());
                let c = comments(conn, &created.id, Some("considering/b"))?;
                assert_eq!(c[0].text, "<b>");
                assert_eq!(c[0].role, Role::Delegate);
                assert!(comments(conn, &created.id, Some("other"))?.is_empty());
                assert_eq!(audit_log(conn, &created.id)?[0].action, "created");
                assert_eq!(total_size(conn, &created.id)?, 11);
                Ok(())
            })
            .unwrap();
    }

    #[test]
    fn demo_is_created_once() {
        let store = Store::in_memory().unwrap();
        let docs = [NewDocument {
            role: DocRole::Proposal,
            label: "afr".into(),
            filename: "afr.txt".into(),
            bytes: b"x".to_vec(),
        }];
        let first = store.ensure_demo("Demo", &docs).unwrap();
        let second = store.ensure_demo("Demo", &docs).unwrap();
        assert_eq!(first, second);
        let count = store
            .with(|conn| Ok(documents(conn, &first.id)?.len()))
            .unwrap();
        assert_eq!(count, 1);
    }

    #[test]
    fn reopening_keeps_everything() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.db");
        let id = Store::open(&path)
            .unwrap()
            .create_meeting("Kept", &chair())
            .unwrap()
            .id;
        let store = Store::open(&path).unwrap();
        let found = store.with(|conn| Ok(meeting(conn, &id)?)).unwrap().unwrap();
        assert_eq!(found.title, "Kept");
        let mode: String = store
            .with(|conn| Ok(conn.query_row("PRAGMA journal_mode", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(mode, "wal");
        let sync: i64 = store
            .with(|conn| Ok(conn.query_row("PRAGMA synchronous", [], |r| r.get(0))?))
            .unwrap();
        assert_eq!(sync, 2, "synchronous=FULL");
    }

    #[test]
    fn a_version_1_database_is_migrated() {
        let dir = std::env::temp_dir().join(format!("synoptic-migrate-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("v1.db");
        let _ = std::fs::remove_file(&path);
        {
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(schema::SCHEMA_V1).unwrap();
            conn.pragma_update(None, "user_version", 1).unwrap();
            conn.execute_batch(
                "INSERT INTO meetings (id, title, chair_token, delegate_token, created_at)
                 VALUES ('m', 'Old', 'c', 'd', 'now');
                 INSERT INTO comments (meeting_id, row_id, author, role, text, created_at)
                 VALUES ('m', 'a/b', 'Ann', 'delegate', 'kept', 'now');",
            )
            .unwrap();
        }
        let store = Store::open(&path).unwrap();
        let (version, comments) = store
            .with(|conn| {
                let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
                Ok((version, comments(conn, "m", None)?))
            })
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        assert_eq!(comments.len(), 1);
        assert!(!comments[0].hidden);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
