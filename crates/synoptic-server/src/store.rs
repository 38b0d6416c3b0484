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

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use synoptic_core::consolidate::Choice;

use crate::access;
use crate::clock;
use crate::error::{ApiError, ServerError, StoreError};

/// The schema version this server writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA_V1: &str = "
CREATE TABLE meetings (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    chair_token TEXT NOT NULL,
    delegate_token TEXT NOT NULL,
    created_at TEXT NOT NULL,
    revision INTEGER NOT NULL DEFAULT 0,
    docs_revision INTEGER NOT NULL DEFAULT 0,
    decisions_revision INTEGER NOT NULL DEFAULT 0,
    current_row TEXT,
    demo INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE documents (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    label TEXT NOT NULL,
    filename TEXT NOT NULL,
    bytes BLOB NOT NULL,
    size INTEGER NOT NULL,
    uploaded_at TEXT NOT NULL
);
CREATE INDEX documents_by_meeting ON documents(meeting_id, id);
CREATE TABLE decisions (
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    row_id TEXT NOT NULL,
    choice TEXT,
    fingerprint TEXT,
    note TEXT,
    version INTEGER NOT NULL,
    by_role TEXT NOT NULL,
    by_name TEXT,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (meeting_id, row_id)
);
CREATE TABLE comments (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    row_id TEXT NOT NULL,
    author TEXT NOT NULL,
    role TEXT NOT NULL,
    text TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX comments_by_row ON comments(meeting_id, row_id, id);
CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    meeting_id TEXT NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
    at TEXT NOT NULL,
    role TEXT NOT NULL,
    name TEXT,
    action TEXT NOT NULL,
    row_id TEXT,
    detail TEXT NOT NULL
);
CREATE INDEX audit_by_meeting ON audit(meeting_id, id);
";

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
    /// An existing side-by-side table, flattened to text: its columns are
    /// the proposals.
    #[serde(rename = "side-by-side")]
    SideBySide,
}

impl DocRole {
    /// `base`, `proposal` or `side-by-side`.
    pub fn as_str(self) -> &'static str {
        match self {
            DocRole::Base => "base",
            DocRole::Proposal => "proposal",
            DocRole::SideBySide => "side-by-side",
        }
    }

    /// The role named `text`, if any.
    pub fn parse(text: &str) -> Option<DocRole> {
        match text.trim() {
            "base" => Some(DocRole::Base),
            "proposal" => Some(DocRole::Proposal),
            "side-by-side" => Some(DocRole::SideBySide),
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
                let info = insert_document(&tx, &created.id, document)?;
                audit(
                    &tx,
                    &created.id,
                    &by,
                    "uploaded",
                    None,
                    &upload_detail(&info),
                )?;
            }
            bump(&tx, &created.id, true, false)?;
            tx.commit()?;
            Ok(created)
        })
    }
}

/// Sets the connection up: WAL, full sync, foreign keys, the schema.
fn prepare(conn: &mut Connection) -> Result<(), StoreError> {
    conn.busy_timeout(std::time::Duration::from_secs(10))?;
    // In memory the journal mode stays "memory"; on disk it becomes "wal".
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
    conn.execute_batch("PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON;")?;
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(StoreError::Corrupt(format!(
            "schema version {version} is newer than this server's ({SCHEMA_VERSION}); use a newer synoptic"
        )));
    }
    if version < 1 {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(SCHEMA_V1)?;
        tx.pragma_update(None, "user_version", 1)?;
        tx.commit()?;
    }
    Ok(())
}

/// Starts a write transaction, taking the write lock at once.
pub fn write(conn: &mut Connection) -> Result<Transaction<'_>, StoreError> {
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
}

/// Creates a meeting with fresh keys, in a transaction of its own.
pub fn create_meeting(
    conn: &mut Connection,
    title: &str,
    demo: bool,
    by: &Actor,
) -> Result<CreatedMeeting, StoreError> {
    let tx = write(conn)?;
    let created = insert_meeting(&tx, title, demo, by)?;
    tx.commit()?;
    Ok(created)
}

fn insert_meeting(
    tx: &Transaction<'_>,
    title: &str,
    demo: bool,
    by: &Actor,
) -> Result<CreatedMeeting, StoreError> {
    let id = access::random_key(16)?;
    let chair = access::random_key(32)?;
    let delegate = access::random_key(32)?;
    let now = clock::now();
    tx.execute(
        "INSERT INTO meetings (id, title, chair_token, delegate_token, created_at, demo)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, title, chair, delegate, now, demo],
    )?;
    audit(
        tx,
        &id,
        by,
        "created",
        None,
        &format!("created the meeting {title:?}"),
    )?;
    Ok(CreatedMeeting::new(id, title.to_string(), chair, delegate))
}

/// The meeting `id`, if it exists.
pub fn meeting(conn: &Connection, id: &str) -> Result<Option<MeetingRecord>, StoreError> {
    Ok(conn
        .query_row(
            "SELECT id, title, chair_token, delegate_token, created_at, revision,
                    docs_revision, decisions_revision, current_row
             FROM meetings WHERE id = ?1",
            [id],
            |r| {
                Ok(MeetingRecord {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    chair_token: r.get(2)?,
                    delegate_token: r.get(3)?,
                    created_at: r.get(4)?,
                    state: MeetingState {
                        revision: r.get(5)?,
                        docs_revision: r.get(6)?,
                        decisions_revision: r.get(7)?,
                        current_row: r.get(8)?,
                    },
                })
            },
        )
        .optional()?)
}

/// The changing parts of meeting `id`.
pub fn state(conn: &Connection, id: &str) -> Result<MeetingState, StoreError> {
    Ok(conn.query_row(
        "SELECT revision, docs_revision, decisions_revision, current_row
         FROM meetings WHERE id = ?1",
        [id],
        |r| {
            Ok(MeetingState {
                revision: r.get(0)?,
                docs_revision: r.get(1)?,
                decisions_revision: r.get(2)?,
                current_row: r.get(3)?,
            })
        },
    )?)
}

/// Counts a change to meeting `id` (and to its documents or decisions),
/// returning the new counters.
pub fn bump(
    tx: &Transaction<'_>,
    id: &str,
    docs: bool,
    decisions: bool,
) -> Result<MeetingState, StoreError> {
    tx.execute(
        "UPDATE meetings SET revision = revision + 1,
             docs_revision = docs_revision + ?2,
             decisions_revision = decisions_revision + ?3
         WHERE id = ?1",
        params![id, i64::from(docs), i64::from(decisions)],
    )?;
    state(tx, id)
}

/// Renames meeting `id`.
pub fn set_title(tx: &Transaction<'_>, id: &str, title: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE meetings SET title = ?2 WHERE id = ?1",
        params![id, title],
    )?;
    Ok(())
}

/// Sets (or clears) the chair's current row.
pub fn set_current_row(
    tx: &Transaction<'_>,
    id: &str,
    row: Option<&str>,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE meetings SET current_row = ?2 WHERE id = ?1",
        params![id, row],
    )?;
    Ok(())
}

fn document_info(r: &rusqlite::Row<'_>) -> rusqlite::Result<(DocumentInfo, String)> {
    let role: String = r.get(1)?;
    Ok((
        DocumentInfo {
            id: r.get(0)?,
            role: DocRole::Proposal,
            label: r.get(2)?,
            filename: r.get(3)?,
            size: r.get(4)?,
            uploaded_at: r.get(5)?,
        },
        role,
    ))
}

fn with_role((mut info, role): (DocumentInfo, String)) -> Result<DocumentInfo, StoreError> {
    info.role = DocRole::parse(&role)
        .ok_or_else(|| StoreError::Corrupt(format!("unknown document role {role:?}")))?;
    Ok(info)
}

/// The documents of meeting `id`, in upload order, without their bytes.
pub fn documents(conn: &Connection, id: &str) -> Result<Vec<DocumentInfo>, StoreError> {
    let mut statement = conn.prepare_cached(
        "SELECT id, role, label, filename, size, uploaded_at FROM documents
         WHERE meeting_id = ?1 ORDER BY id",
    )?;
    let rows = statement.query_map([id], document_info)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(with_role(row?)?);
    }
    Ok(out)
}

/// The documents of meeting `id`, in upload order, with their bytes.
pub fn documents_with_bytes(
    conn: &Connection,
    id: &str,
) -> Result<Vec<StoredDocument>, StoreError> {
    let mut statement = conn.prepare_cached(
        "SELECT id, role, label, filename, size, uploaded_at, bytes FROM documents
         WHERE meeting_id = ?1 ORDER BY id",
    )?;
    let rows = statement.query_map([id], |r| Ok((document_info(r)?, r.get::<_, Vec<u8>>(6)?)))?;
    let mut out = Vec::new();
    for row in rows {
        let (info, bytes) = row?;
        out.push(StoredDocument {
            info: with_role(info)?,
            bytes,
        });
    }
    Ok(out)
}

/// Stores a document of meeting `id`.
pub fn insert_document(
    tx: &Transaction<'_>,
    id: &str,
    document: &NewDocument,
) -> Result<DocumentInfo, StoreError> {
    let now = clock::now();
    let size = i64::try_from(document.bytes.len()).unwrap_or(i64::MAX);
    tx.execute(
        "INSERT INTO documents (meeting_id, role, label, filename, bytes, size, uploaded_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            document.role.as_str(),
            document.label,
            document.filename,
            document.bytes,
            size,
            now
        ],
    )?;
    Ok(DocumentInfo {
        id: tx.last_insert_rowid(),
        role: document.role,
        label: document.label.clone(),
        filename: document.filename.clone(),
        size,
        uploaded_at: now,
    })
}

/// Changes the label and role of a document.
pub fn update_document(
    tx: &Transaction<'_>,
    id: &str,
    document: i64,
    label: &str,
    role: DocRole,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE documents SET label = ?3, role = ?4 WHERE meeting_id = ?1 AND id = ?2",
        params![id, document, label, role.as_str()],
    )?;
    Ok(())
}

/// Deletes a document.
pub fn delete_document(tx: &Transaction<'_>, id: &str, document: i64) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM documents WHERE meeting_id = ?1 AND id = ?2",
        params![id, document],
    )?;
    Ok(())
}

/// The bytes of all the documents of meeting `id`.
pub fn total_size(conn: &Connection, id: &str) -> Result<u64, StoreError> {
    let total: i64 = conn.query_row(
        "SELECT COALESCE(SUM(size), 0) FROM documents WHERE meeting_id = ?1",
        [id],
        |r| r.get(0),
    )?;
    Ok(u64::try_from(total).unwrap_or(0))
}

fn decision_record(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(DecisionRecord, Option<String>, String)> {
    Ok((
        DecisionRecord {
            row: r.get(0)?,
            choice: None,
            fingerprint: r.get(2)?,
            note: r.get(3)?,
            version: r.get(4)?,
            by: Actor {
                role: Role::Chair,
                name: r.get(6)?,
            },
            updated_at: r.get(7)?,
        },
        r.get(1)?,
        r.get(5)?,
    ))
}

fn finish_decision(
    (mut record, choice, role): (DecisionRecord, Option<String>, String),
) -> Result<DecisionRecord, StoreError> {
    record.choice =
        match choice {
            Some(json) => Some(serde_json::from_str(&json).map_err(|e| {
                StoreError::Corrupt(format!("decision of row {:?}: {e}", record.row))
            })?),
            None => None,
        };
    record.by.role = Role::parse(&role)?;
    Ok(record)
}

/// Every decision of meeting `id` (cleared ones included, with their
/// versions), by row id.
pub fn decisions(conn: &Connection, id: &str) -> Result<Vec<DecisionRecord>, StoreError> {
    let mut statement = conn.prepare_cached(
        "SELECT row_id, choice, fingerprint, note, version, by_role, by_name, updated_at
         FROM decisions WHERE meeting_id = ?1 ORDER BY row_id",
    )?;
    let rows = statement.query_map([id], decision_record)?;
    let mut out = Vec::new();
    for row in rows {
        out.push(finish_decision(row?)?);
    }
    Ok(out)
}

/// The decision on one row, if any was ever taken.
pub fn decision(
    conn: &Connection,
    id: &str,
    row: &str,
) -> Result<Option<DecisionRecord>, StoreError> {
    let found = conn
        .query_row(
            "SELECT row_id, choice, fingerprint, note, version, by_role, by_name, updated_at
             FROM decisions WHERE meeting_id = ?1 AND row_id = ?2",
            params![id, row],
            decision_record,
        )
        .optional()?;
    found.map(finish_decision).transpose()
}

/// Writes the decision on a row (a `None` choice clears it).
pub fn put_decision(
    tx: &Transaction<'_>,
    id: &str,
    record: &DecisionRecord,
) -> Result<(), StoreError> {
    let choice = match &record.choice {
        Some(choice) => {
            Some(serde_json::to_string(choice).map_err(|e| StoreError::Corrupt(e.to_string()))?)
        }
        None => None,
    };
    tx.execute(
        "INSERT INTO decisions
             (meeting_id, row_id, choice, fingerprint, note, version, by_role, by_name, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)
         ON CONFLICT (meeting_id, row_id) DO UPDATE SET
             choice = excluded.choice, fingerprint = excluded.fingerprint,
             note = excluded.note, version = excluded.version,
             by_role = excluded.by_role, by_name = excluded.by_name,
             updated_at = excluded.updated_at",
        params![
            id,
            record.row,
            choice,
            record.fingerprint,
            record.note,
            record.version,
            record.by.role.as_str(),
            record.by.name,
            record.updated_at
        ],
    )?;
    Ok(())
}

fn comment(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Comment, String)> {
    Ok((
        Comment {
            id: r.get(0)?,
            row: r.get(1)?,
            author: r.get(2)?,
            role: Role::Delegate,
            text: r.get(4)?,
            created_at: r.get(5)?,
        },
        r.get(3)?,
    ))
}

/// The comments of meeting `id`, of one row or of all, in order.
pub fn comments(
    conn: &Connection,
    id: &str,
    row: Option<&str>,
) -> Result<Vec<Comment>, StoreError> {
    let mut statement = conn.prepare_cached(
        "SELECT id, row_id, author, role, text, created_at FROM comments
         WHERE meeting_id = ?1 AND (?2 IS NULL OR row_id = ?2) ORDER BY id",
    )?;
    let rows = statement.query_map(params![id, row], comment)?;
    let mut out = Vec::new();
    for found in rows {
        let (mut comment, role) = found?;
        comment.role = Role::parse(&role)?;
        out.push(comment);
    }
    Ok(out)
}

/// Stores a comment.
pub fn insert_comment(
    tx: &Transaction<'_>,
    id: &str,
    row: &str,
    author: &str,
    role: Role,
    text: &str,
) -> Result<Comment, StoreError> {
    let now = clock::now();
    tx.execute(
        "INSERT INTO comments (meeting_id, row_id, author, role, text, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![id, row, author, role.as_str(), text, now],
    )?;
    Ok(Comment {
        id: tx.last_insert_rowid(),
        row: row.to_string(),
        author: author.to_string(),
        role,
        text: text.to_string(),
        created_at: now,
    })
}

/// Adds a line to the audit log of meeting `id`.
pub fn audit(
    tx: &Transaction<'_>,
    id: &str,
    by: &Actor,
    action: &str,
    row: Option<&str>,
    detail: &str,
) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO audit (meeting_id, at, role, name, action, row_id, detail)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            id,
            clock::now(),
            by.role.as_str(),
            by.name,
            action,
            row,
            detail
        ],
    )?;
    Ok(())
}

/// The audit log of meeting `id`, oldest first.
pub fn audit_log(conn: &Connection, id: &str) -> Result<Vec<AuditEntry>, StoreError> {
    let mut statement = conn.prepare_cached(
        "SELECT id, at, role, name, action, row_id, detail FROM audit
         WHERE meeting_id = ?1 ORDER BY id",
    )?;
    let rows = statement.query_map([id], |r| {
        Ok((
            AuditEntry {
                id: r.get(0)?,
                at: r.get(1)?,
                role: Role::Chair,
                name: r.get(3)?,
                action: r.get(4)?,
                row: r.get(5)?,
                detail: r.get(6)?,
            },
            r.get::<_, String>(2)?,
        ))
    })?;
    let mut out = Vec::new();
    for found in rows {
        let (mut entry, role) = found?;
        entry.role = Role::parse(&role)?;
        out.push(entry);
    }
    Ok(out)
}

/// The audit line of an upload.
pub fn upload_detail(info: &DocumentInfo) -> String {
    format!(
        "uploaded {} {:?} ({:?}, {} bytes)",
        info.role.as_str(),
        info.label,
        info.filename,
        info.size
    )
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

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
}
