//! Meetings: creation, their state and counters.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::*;
use crate::error::StoreError;
use crate::{access, clock};

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

/// Creates a meeting with fresh keys within the transaction `tx`.
pub fn insert_meeting(
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
                    docs_revision, decisions_revision, current_row, text_key
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
                        text_key: r.get(9)?,
                    },
                })
            },
        )
        .optional()?)
}

/// The changing parts of meeting `id`.
pub fn state(conn: &Connection, id: &str) -> Result<MeetingState, StoreError> {
    Ok(conn.query_row(
        "SELECT revision, docs_revision, decisions_revision, current_row, text_key
         FROM meetings WHERE id = ?1",
        [id],
        |r| {
            Ok(MeetingState {
                revision: r.get(0)?,
                docs_revision: r.get(1)?,
                decisions_revision: r.get(2)?,
                current_row: r.get(3)?,
                text_key: r.get(4)?,
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

/// Sets the text a meeting made from contributions concerns (its title's
/// match key).
pub fn set_text_key(tx: &Transaction<'_>, id: &str, key: &str) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE meetings SET text_key = ?2 WHERE id = ?1",
        params![id, key],
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

/// The bytes the database holds (its pages in use): what the storage
/// quota is counted in.
pub fn storage_used(conn: &Connection) -> Result<u64, StoreError> {
    let pages: i64 = conn.query_row("PRAGMA page_count", [], |r| r.get(0))?;
    let free: i64 = conn.query_row("PRAGMA freelist_count", [], |r| r.get(0))?;
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0))?;
    Ok(u64::try_from((pages - free).max(0).saturating_mul(size)).unwrap_or(0))
}

/// Deletes meeting `id` and all it holds (documents, decisions, comments,
/// audit log); true when there was one.
pub fn delete_meeting(tx: &Transaction<'_>, id: &str) -> Result<bool, StoreError> {
    // The foreign keys cascade, but say it all: nothing of it may stay.
    for table in ["documents", "decisions", "comments", "audit"] {
        tx.execute(&format!("DELETE FROM {table} WHERE meeting_id = ?1"), [id])?;
    }
    Ok(tx.execute("DELETE FROM meetings WHERE id = ?1", [id])? > 0)
}
