//! The chair's decisions, versioned per row.

#[allow(unused_imports)]
use super::*;

pub(super) async fn list_decisions(
    State(app): State<App>,
    Member { room, .. }: Member,
) -> Result<Json<Value>, ApiError> {
    let drafted = app.draft(&room).await?;
    let decisions: Vec<Value> = drafted
        .records
        .iter()
        .map(|record| {
            let stale = drafted
                .draft
                .stale
                .iter()
                .find(|s| s.row == record.row)
                .map(crate::compute::plain_stale);
            let mut value = serde_json::to_value(record).unwrap_or(Value::Null);
            value["stale"] = json!(stale);
            value
        })
        .collect();
    Ok(Json(json!({
        "decisions": decisions,
        "decisions_revision": drafted.decisions_revision,
    })))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DecideBody {
    choice: Choice,
    expected_version: i64,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    by: Option<String>,
}

/// How a choice is told in the audit log.
pub(super) fn describe(choice: &Choice) -> String {
    match choice {
        Choice::Accept(label) => format!("accepted {label:?}"),
        Choice::Base => "kept the base".into(),
        Choice::Merge => "confirmed the merge".into(),
        Choice::Text(text) => format!("wrote the text {text:?}"),
    }
}

pub(super) async fn decide(
    State(app): State<App>,
    Chair { room, .. }: Chair,
    PathArgs((_, row)): PathArgs<(String, String)>,
    JsonBody(body): JsonBody<DecideBody>,
) -> Result<Json<Value>, ApiError> {
    let by = actor(Role::Chair, body.by.as_deref())?;
    let note = body
        .note
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty());
    let max_text = app.limits().max_text_chars;
    if note.as_ref().is_some_and(|n| n.chars().count() > max_text) {
        return Err(ApiError::too_large(format!(
            "the note is longer than {max_text} characters"
        )));
    }
    let computed = app.synopsis(&room).await?;
    let Some(draft_row) = computed
        .rows
        .get(&row)
        .and_then(|&i| computed.automatic.rows.get(i))
    else {
        return Err(ApiError::not_found(format!(
            "no row {row:?} in the synopsis"
        )));
    };
    match &body.choice {
        Choice::Accept(label) if !computed.automatic.proposals.contains(label) => {
            return Err(ApiError::bad_request(format!(
                "no proposal labelled {label:?}; the proposals are {}",
                computed.automatic.proposals.join(", ")
            )));
        }
        Choice::Merge if draft_row.has_conflict() => {
            return Err(ApiError::bad_request(
                "`merge` cannot settle a conflict: accept a proposal, keep the base or write the text",
            ));
        }
        Choice::Text(text) if text.chars().count() > max_text => {
            return Err(ApiError::too_large(format!(
                "the text is longer than {max_text} characters"
            )));
        }
        _ => {}
    }
    // An accepted proposal is remembered by its document, so that
    // renaming it keeps the decision.
    let document = match &body.choice {
        Choice::Accept(label) => computed.version_docs.get(label).copied(),
        _ => None,
    };
    let record = DecisionRecord {
        row: row.clone(),
        choice: Some(body.choice.clone()),
        fingerprint: Some(draft_row.fingerprint.clone()),
        document,
        note,
        version: 0,
        by,
        updated_at: clock::now(),
    };
    let expected = body.expected_version;
    let docs_revision = computed.docs_revision;
    let detail = describe(&body.choice);
    write_decision(
        &app,
        &room,
        record,
        expected,
        Some(docs_revision),
        "decided",
        detail,
    )
    .await
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub(super) struct ClearQuery {
    #[serde(default)]
    expected_version: Option<i64>,
    #[serde(default)]
    by: Option<String>,
}

pub(super) async fn clear(
    State(app): State<App>,
    Chair { room, .. }: Chair,
    PathArgs((_, row)): PathArgs<(String, String)>,
    QueryArgs(query): QueryArgs<ClearQuery>,
    body: Bytes,
) -> Result<Json<Value>, ApiError> {
    // The version may come in the query or in a JSON body.
    let body: ClearQuery = if body.iter().all(u8::is_ascii_whitespace) {
        ClearQuery::default()
    } else {
        parse_json(&body)?
    };
    let expected = body
        .expected_version
        .or(query.expected_version)
        .ok_or_else(|| {
            ApiError::bad_request("give expected_version: the version of the decision you clear")
        })?;
    let by = actor(Role::Chair, body.by.as_deref().or(query.by.as_deref()))?;
    let record = DecisionRecord {
        row,
        choice: None,
        fingerprint: None,
        document: None,
        note: None,
        version: 0,
        by,
        updated_at: clock::now(),
    };
    write_decision(
        &app,
        &room,
        record,
        expected,
        None,
        "cleared",
        "cleared the decision".into(),
    )
    .await
}

/// Stores a decision (or its clearing) if `expected` is the row's current
/// version, then tells everyone; a stale version gets 409 with the current
/// decision.
pub(super) async fn write_decision(
    app: &App,
    room: &Arc<Room>,
    mut record: DecisionRecord,
    expected: i64,
    docs_revision: Option<i64>,
    action: &'static str,
    detail: String,
) -> Result<Json<Value>, ApiError> {
    let room_ = room.clone();
    let id = room.id.clone();
    let (record, state) = app
        .db(move |conn| {
            let tx = store::write(conn)?;
            let current = store::decision(&tx, &id, &record.row)?;
            let version = current.as_ref().map_or(0, |c| c.version);
            if expected != version {
                return Err(ApiError::conflict(format!(
                    "row {} was changed meanwhile (it is at version {version}, you sent {expected}); look at the current decision and decide again",
                    record.row
                ))
                .with(json!({"current": current, "version": version})));
            }
            if record.choice.is_none() && current.as_ref().is_none_or(|c| c.choice.is_none()) {
                return Err(ApiError::not_found(format!(
                    "row {} has no decision to clear",
                    record.row
                )));
            }
            if let Some(docs) = docs_revision {
                if store::state(&tx, &id)?.docs_revision != docs {
                    return Err(ApiError::conflict(
                        "the documents changed while deciding: look at the row again and decide again",
                    )
                    .with(json!({"current": current, "version": version})));
                }
            }
            record.version = version + 1;
            store::put_decision(&tx, &id, &record)?;
            store::audit(&tx, &id, &record.by, action, Some(&record.row), &detail)?;
            let event = json!({"row": record.row, "decision": record});
            let state = room_.publish(tx, &id, (false, true), "decision", event)?;
            Ok((record, state))
        })
        .await?;
    Ok(Json(with_revision(&record, state.revision)))
}
