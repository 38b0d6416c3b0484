//! The documents of a meeting, with the bytes as uploaded.

use rusqlite::{params, Connection, Transaction};

use super::*;
use crate::clock;
use crate::error::StoreError;

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
