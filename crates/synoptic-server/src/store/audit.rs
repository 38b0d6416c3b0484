//! The audit log.

use rusqlite::{params, Connection, Transaction};

use super::*;
use crate::clock;
use crate::error::StoreError;

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

/// Stores an uploaded document in a meeting and writes its audit line.
pub fn upload_document(
    tx: &Transaction<'_>,
    id: &str,
    by: &Actor,
    document: &NewDocument,
) -> Result<DocumentInfo, StoreError> {
    let info = insert_document(tx, id, document)?;
    audit(tx, id, by, "uploaded", None, &upload_detail(&info))?;
    Ok(info)
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
