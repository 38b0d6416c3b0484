//! The chair's decisions, one per row, versioned.

use rusqlite::{params, Connection, OptionalExtension, Transaction};

use super::*;
use crate::error::StoreError;

fn decision_record(
    r: &rusqlite::Row<'_>,
) -> rusqlite::Result<(DecisionRecord, Option<String>, String)> {
    Ok((
        DecisionRecord {
            row: r.get(0)?,
            choice: None,
            fingerprint: r.get(2)?,
            document: r.get(8)?,
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
        "SELECT row_id, choice, fingerprint, note, version, by_role, by_name, updated_at,
                document_id
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
            "SELECT row_id, choice, fingerprint, note, version, by_role, by_name, updated_at,
                    document_id
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
             (meeting_id, row_id, choice, fingerprint, note, version, by_role, by_name, updated_at,
              document_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
         ON CONFLICT (meeting_id, row_id) DO UPDATE SET
             choice = excluded.choice, fingerprint = excluded.fingerprint,
             document_id = excluded.document_id,
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
            record.updated_at,
            record.document
        ],
    )?;
    Ok(())
}

/// Updates the fingerprint of a decision whose row only changed by the
/// renaming of a proposal, if it is still at `version`.
pub fn refresh_fingerprint(
    tx: &Transaction<'_>,
    id: &str,
    row: &str,
    version: i64,
    fingerprint: &str,
) -> Result<bool, StoreError> {
    Ok(tx.execute(
        "UPDATE decisions SET fingerprint = ?4
         WHERE meeting_id = ?1 AND row_id = ?2 AND version = ?3",
        params![id, row, version, fingerprint],
    )? > 0)
}

/// Makes the decisions accepting `document` name it by `label`, its new
/// label (the decisions follow the document; the label is what they show
/// once it is gone).
pub fn relabel_decisions(
    tx: &Transaction<'_>,
    id: &str,
    document: i64,
    label: &str,
) -> Result<(), StoreError> {
    let choice = serde_json::to_string(&Choice::Accept(label.to_string()))
        .map_err(|e| StoreError::Corrupt(e.to_string()))?;
    tx.execute(
        "UPDATE decisions SET choice = ?3
         WHERE meeting_id = ?1 AND document_id = ?2 AND choice IS NOT NULL",
        params![id, document, choice],
    )?;
    Ok(())
}
