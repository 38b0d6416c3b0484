//! The schema and its migrations, and how the connection is set up.

use rusqlite::{Connection, Transaction, TransactionBehavior};

use crate::error::StoreError;

/// The schema version this server writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: i64 = 3;

pub(super) const SCHEMA_V1: &str = "
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

/// Version 2: a decision accepting a proposal names its document by id
/// (so that renaming it keeps the decision); comments can be hidden by the
/// chair and deleted by whoever posted them (who holds its owner key).
const SCHEMA_V2: &str = "
ALTER TABLE decisions ADD COLUMN document_id INTEGER;
ALTER TABLE comments ADD COLUMN hidden INTEGER NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN owner TEXT;
";

/// Version 3: a meeting made from contributions concerns one text, named
/// by its title's match key (`resolution:44`).
const SCHEMA_V3: &str = "
ALTER TABLE meetings ADD COLUMN text_key TEXT;
";

/// Sets the connection up: WAL, full sync, foreign keys, the schema.
pub(super) fn prepare(conn: &mut Connection) -> Result<(), StoreError> {
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
    if version < 2 {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(SCHEMA_V2)?;
        tx.pragma_update(None, "user_version", 2)?;
        tx.commit()?;
    }
    if version < 3 {
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(SCHEMA_V3)?;
        tx.pragma_update(None, "user_version", 3)?;
        tx.commit()?;
    }
    Ok(())
}

/// Starts a write transaction, taking the write lock at once.
pub fn write(conn: &mut Connection) -> Result<Transaction<'_>, StoreError> {
    Ok(conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
}
