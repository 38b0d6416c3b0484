//! Comments on rows.

use rusqlite::{params, Connection, Transaction};

use super::*;
use crate::clock;
use crate::error::StoreError;

fn comment(r: &rusqlite::Row<'_>) -> rusqlite::Result<(Comment, String)> {
    Ok((
        Comment {
            id: r.get(0)?,
            row: r.get(1)?,
            author: r.get(2)?,
            role: Role::Delegate,
            text: r.get(4)?,
            created_at: r.get(5)?,
            hidden: r.get(6)?,
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
        "SELECT id, row_id, author, role, text, created_at, hidden FROM comments
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
    owner: &str,
) -> Result<Comment, StoreError> {
    let now = clock::now();
    tx.execute(
        "INSERT INTO comments (meeting_id, row_id, author, role, text, created_at, owner)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![id, row, author, role.as_str(), text, now, owner],
    )?;
    Ok(Comment {
        id: tx.last_insert_rowid(),
        row: row.to_string(),
        author: author.to_string(),
        role,
        text: text.to_string(),
        created_at: now,
        hidden: false,
    })
}

/// One comment of meeting `id` and its owner key, if there is such a
/// comment.
pub fn comment_by_id(
    conn: &Connection,
    id: &str,
    comment_id: i64,
) -> Result<Option<(Comment, Option<String>)>, StoreError> {
    use rusqlite::OptionalExtension;
    let found = conn
        .query_row(
            "SELECT id, row_id, author, role, text, created_at, hidden, owner FROM comments
             WHERE meeting_id = ?1 AND id = ?2",
            params![id, comment_id],
            |r| Ok((comment(r)?, r.get::<_, Option<String>>(7)?)),
        )
        .optional()?;
    match found {
        Some(((mut comment, role), owner)) => {
            comment.role = Role::parse(&role)?;
            Ok(Some((comment, owner)))
        }
        None => Ok(None),
    }
}

/// Hides or shows a comment.
pub fn set_comment_hidden(
    tx: &Transaction<'_>,
    id: &str,
    comment_id: i64,
    hidden: bool,
) -> Result<(), StoreError> {
    tx.execute(
        "UPDATE comments SET hidden = ?3 WHERE meeting_id = ?1 AND id = ?2",
        params![id, comment_id, hidden],
    )?;
    Ok(())
}

/// Deletes a comment.
pub fn delete_comment(tx: &Transaction<'_>, id: &str, comment_id: i64) -> Result<(), StoreError> {
    tx.execute(
        "DELETE FROM comments WHERE meeting_id = ?1 AND id = ?2",
        params![id, comment_id],
    )?;
    Ok(())
}
