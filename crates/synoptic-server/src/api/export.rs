//! The audit log and the exports.

#[allow(unused_imports)]
use super::*;

pub(super) async fn audit(
    State(app): State<App>,
    Member { id, .. }: Member,
) -> Result<Json<Value>, ApiError> {
    let entries = app.db(move |conn| Ok(store::audit_log(conn, &id)?)).await?;
    Ok(Json(json!({ "entries": entries })))
}

/// One CSV field: quoted when needed, and kept from being read as a
/// formula by a spreadsheet.
pub(super) fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The audit log as CSV.
pub fn audit_csv(entries: &[store::AuditEntry]) -> String {
    let mut out = String::from("id,at,role,name,action,row,detail\r\n");
    for e in entries {
        let fields = [
            e.id.to_string(),
            e.at.clone(),
            e.role.as_str().to_string(),
            e.name.clone().unwrap_or_default(),
            e.action.clone(),
            e.row.clone().unwrap_or_default(),
            e.detail.clone(),
        ];
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The files `GET /api/meetings/{id}/export/{file}` gives.
pub const EXPORTS: &[&str] = &[
    "draft.docx",
    "draft.md",
    "draft.txt",
    "draft.json",
    "decisions.toml",
    "synopsis.html",
    "synopsis.json",
    "audit.json",
    "audit.csv",
];

pub(super) async fn export(
    State(app): State<App>,
    PathArgs((id, file)): PathArgs<(String, String)>,
    QueryArgs(query): QueryArgs<TicketQuery>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    query.check()?;
    let (room, _) = app.access_ticket(&id, &headers, query.t.as_deref()).await?;
    if !EXPORTS.contains(&file.as_str()) {
        return Err(ApiError::not_found(format!(
            "no export {file:?}; there are {}",
            EXPORTS.join(", ")
        )));
    }
    if file.starts_with("audit.") {
        let entries = app.db(move |conn| Ok(store::audit_log(conn, &id)?)).await?;
        let (body, kind) = if file == "audit.csv" {
            (audit_csv(&entries), "text/csv; charset=utf-8")
        } else {
            (
                serde_json::to_string_pretty(&json!({"entries": entries})).unwrap_or_default(),
                "application/json",
            )
        };
        return Ok(download(&file, kind, body.into_bytes(), None));
    }
    let drafted = app.draft(&room).await?;
    let key = id.clone();
    let title = app
        .db(move |conn| Ok(store::meeting(conn, &key)?.map(|m| m.title)))
        .await?
        .unwrap_or_default();
    let name = file.clone();
    let (bytes, kind, policy) = tokio::task::spawn_blocking(move || {
        let mut out = Vec::new();
        let computed = &drafted.computed;
        let mut policy = None;
        let kind = match name.as_str() {
            "draft.docx" => {
                draft_docx::write_noting(
                    &drafted.draft,
                    &draft_docx::DraftDocxOptions {
                        title: Some("Consolidated draft".into()),
                    },
                    &not_applied_lines(&drafted.draft),
                    &mut out,
                )?;
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            "draft.md" => {
                draft_markdown::write(&drafted.draft, &mut out)?;
                not_applied(&drafted.draft, "## Decisions not applied", &mut out);
                "text/markdown; charset=utf-8"
            }
            "draft.txt" => {
                draft_text::write(&drafted.draft, &mut out)?;
                not_applied(&drafted.draft, "Decisions not applied:", &mut out);
                "text/plain; charset=utf-8"
            }
            "draft.json" => {
                out.extend_from_slice(drafted.json.as_bytes());
                "application/json"
            }
            "decisions.toml" => {
                decisions_file::write(&computed.automatic, Some(&drafted.decisions), &mut out)?;
                "application/toml; charset=utf-8"
            }
            "synopsis.json" => {
                out.extend_from_slice(computed.json.as_bytes());
                "application/json"
            }
            _ => {
                let title = computed.table_title.clone().unwrap_or(title);
                html::write(
                    &computed.synopsis,
                    &html::HtmlOptions {
                        title,
                        only_changed: false,
                        stats: Some(synoptic_core::stats::stats(&computed.synopsis)),
                    },
                    &mut out,
                )?;
                policy = Some(HTML_EXPORT_CSP);
                "text/html; charset=utf-8"
            }
        };
        Ok::<_, std::io::Error>((out, kind, policy))
    })
    .await
    .map_err(|e| ApiError::internal(format!("export failed: {e}")))?
    .map_err(|e| ApiError::internal(format!("export failed: {e}")))?;
    Ok(download(&file, kind, bytes, policy))
}

/// Appends to a text export the decisions that no longer apply (their
/// proposal renamed away, deleted, or the row changed), so that the draft
/// does not pass for decided where it is not.
fn not_applied(draft: &synoptic_core::consolidate::Draft, heading: &str, out: &mut Vec<u8>) {
    if draft.stale.is_empty() {
        return;
    }
    out.extend_from_slice(format!("\n{heading}\n\n").as_bytes());
    for line in not_applied_lines(draft) {
        out.extend_from_slice(format!("- {line}\n").as_bytes());
    }
}

/// The decisions that no longer apply, one line each, in plain words.
fn not_applied_lines(draft: &synoptic_core::consolidate::Draft) -> Vec<String> {
    draft
        .stale
        .iter()
        .map(|stale| format!("row {}: {}", stale.row, crate::compute::plain_stale(stale)))
        .collect()
}

/// The policy of the exported synopsis page, as its own `<meta>` says.
const HTML_EXPORT_CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src 'none'; base-uri 'none'; form-action 'none'";

pub(super) fn download(
    file: &str,
    kind: &'static str,
    bytes: Vec<u8>,
    policy: Option<&'static str>,
) -> Response {
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    headers.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file}\"")) {
        headers.insert(CONTENT_DISPOSITION, value);
    }
    if let Some(policy) = policy {
        headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(policy));
    }
    response
}
