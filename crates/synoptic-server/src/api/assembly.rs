//! Meetings made from the documents as received: contributions (each with
//! proposals for one or more texts) and the texts in force, read and
//! matched as `synoptic assemble` reads and matches them
//! (`synoptic_formats::assemble`). One meeting per text, or one for a
//! chosen text, created whole or not at all.

#[allow(unused_imports)]
use super::*;

use synoptic_formats::assemble::{self, Base};
use synoptic_formats::load::{self, limits::paragraph_count};
use synoptic_formats::read::contribution::Contribution;
use synoptic_formats::write::assembly::Skipped;

use crate::compute::{check_cells, contributions};
use crate::Limits;

/// The form field of a contribution file.
pub(super) const CONTRIBUTION_FIELD: &str = "contribution";

/// The `text` field's value that asks for one meeting per text.
const EVERY_TEXT: &str = "*";

/// One text the contributions concern, with the documents its meeting
/// takes.
struct TextPlan {
    /// `resolution-44`.
    key: String,
    /// `resolution:44`: what the meeting stores to pick its proposals.
    match_key: String,
    /// The title line (`RESOLUTION 44 (Rev. Hammamet, 2016)`).
    title: String,
    /// The base document (an index into the documents), if the bases have
    /// the text.
    base: Option<usize>,
    /// The contributions with a proposal for it (indices into the
    /// documents), in order.
    contributions: Vec<usize>,
    /// Its proposals, as the index of `synoptic assemble` lists them.
    proposals: Vec<Value>,
    /// Versions (the base and each proposal) and their paragraphs: the
    /// synopsis work of its meeting.
    versions: usize,
    paragraphs: usize,
}

/// What the documents of a request make.
struct Assembly {
    texts: Vec<TextPlan>,
    skipped: Vec<Skipped>,
}

/// Documents to store from the files of a request: contributions labelled
/// by their file stems (made distinct), bases by theirs; any other field
/// is refused.
pub(super) fn documents_of(files: Vec<ReceivedFile>) -> Result<Vec<NewDocument>, ApiError> {
    let contributions = synoptic_formats::read::auto::unique_labels(
        files
            .iter()
            .filter(|f| f.field == CONTRIBUTION_FIELD)
            .map(|f| stem(&file_name(f.filename.as_deref()).unwrap_or_default())),
    );
    let mut labels = contributions.into_iter();
    let mut documents = Vec::with_capacity(files.len());
    for file in files {
        let (role, label) = match file.field.as_str() {
            CONTRIBUTION_FIELD => (DocRole::Contribution, labels.next()),
            "base" => (DocRole::Base, None),
            other => {
                return Err(ApiError::bad_request(format!(
                    "a meeting made from contributions takes files \"contribution\" and \"base\", not {other:?}"
                )))
            }
        };
        documents.push(new_document(role, label.as_deref(), file)?);
    }
    Ok(documents)
}

/// Reads the bases and contributions and groups the proposals by text, as
/// `synoptic assemble` does; a file that cannot be read refuses the whole
/// request (the reader's message names it).
fn plan(documents: &[NewDocument], limits: &Limits) -> Result<Assembly, ApiError> {
    let mut input = limits.input();
    // Each meeting is checked against the meeting's limit below; the
    // request as a whole is bounded by its body's size.
    input.max_total_size = u64::MAX;
    let budget = load::Budget::new(&input);
    let mut bases: HashMap<String, Base> = HashMap::new();
    let mut base_docs: HashMap<String, usize> = HashMap::new();
    let mut read: Vec<(String, String, Contribution)> = Vec::new();
    let mut origins: Vec<usize> = Vec::new();
    for (i, d) in documents.iter().enumerate() {
        match d.role {
            DocRole::Base => {
                let base = contributions::read_base(&d.filename, &d.label, &d.bytes, &budget)
                    .map_err(|e| load_error(&e))?;
                let key = base.title.match_key();
                if let Some(first) = bases.get(&key) {
                    return Err(ApiError::unprocessable(format!(
                        "{}: a second text in force for {} (the first is {}): send one",
                        d.filename,
                        base.title.name(),
                        first.file
                    )));
                }
                base_docs.insert(key.clone(), i);
                bases.insert(key, base);
            }
            _ => {
                let contribution = contributions::read_one(&d.filename, &d.bytes, &budget)
                    .map_err(|e| load_error(&e))?;
                read.push((d.label.clone(), d.filename.clone(), contribution));
                origins.push(i);
            }
        }
    }
    let (by_text, skipped) = assemble::gather(read);
    let plans = assemble::plans(by_text, &bases);
    let texts = plans
        .iter()
        .map(|plan| {
            let title = plan.title();
            let match_key = title.map(|t| t.match_key()).unwrap_or_default();
            let mut contributions: Vec<usize> = Vec::new();
            for p in &plan.proposals {
                let doc = origins.get(p.origin).copied().unwrap_or_default();
                if !contributions.contains(&doc) {
                    contributions.push(doc);
                }
            }
            TextPlan {
                key: plan.key.clone(),
                title: title.map(|t| t.line.clone()).unwrap_or_default(),
                base: base_docs.get(&match_key).copied(),
                match_key,
                contributions,
                proposals: plan
                    .proposals
                    .iter()
                    .map(|p| {
                        json!({
                            "proposer": p.proposer,
                            "action": p.proposal.marker.action.as_str(),
                            "number": p.proposal.marker.number,
                            "source": p.proposal.document.metadata.source,
                        })
                    })
                    .collect(),
                versions: plan.proposals.len() + 1,
                paragraphs: plan
                    .proposals
                    .iter()
                    .map(|p| paragraph_count(&p.proposal.document))
                    .sum::<usize>()
                    + plan.base.map_or(0, |b| paragraph_count(&b.document)),
            }
        })
        .collect();
    Ok(Assembly { texts, skipped })
}

/// The texts of an assembly as a client sees them.
fn texts_json(texts: &[&TextPlan], documents: &[NewDocument]) -> Vec<Value> {
    texts
        .iter()
        .map(|t| {
            json!({
                "key": t.key,
                "match_key": t.match_key,
                "title": t.title,
                "base": t.base.and_then(|i| documents.get(i)).map(|d| &d.filename),
                "proposals": t.proposals,
            })
        })
        .collect()
}

/// Reads the files of a request on a blocking thread.
async fn planned(
    app: &App,
    documents: Vec<NewDocument>,
) -> Result<(Vec<NewDocument>, Assembly), ApiError> {
    let limits = app.limits().clone();
    tokio::task::spawn_blocking(move || {
        let assembly = plan(&documents, &limits)?;
        Ok((documents, assembly))
    })
    .await
    .map_err(|e| ApiError::internal(format!("reading the contributions failed: {e}")))?
}

/// `POST /api/contributions/texts`: the texts that contributions (and
/// bases) concern, for the landing page to offer, without creating
/// anything.
pub(super) async fn texts(
    State(app): State<App>,
    request: Request,
) -> Result<Json<Value>, ApiError> {
    let headers = request.headers().clone();
    let form = Multipart::from_request(request, &app).await;
    let received = receive(
        form,
        app.limits().max_file_bytes,
        &[CONTRIBUTION_FIELD, "base"],
        &["create_key"],
    )
    .await?;
    check_create_key(&app, &headers, received.field("create_key"))?;
    let documents = documents_of(received.files)?;
    if !documents.iter().any(|d| d.role == DocRole::Contribution) {
        return Err(ApiError::bad_request(
            "no contribution: send them in multipart fields named \"contribution\"",
        ));
    }
    let (documents, assembly) = planned(&app, documents).await?;
    let all: Vec<&TextPlan> = assembly.texts.iter().collect();
    Ok(Json(json!({
        "texts": texts_json(&all, &documents),
        "skipped": assembly.skipped,
    })))
}

/// Creates the meetings of `documents` (bases and contributions): one per
/// text, or one for the text `text` names; all in one transaction.
pub(super) async fn create(
    app: &App,
    documents: Vec<NewDocument>,
    text: Option<String>,
    title: Option<String>,
    by: Actor,
) -> Result<Response, ApiError> {
    let limits = app.limits().clone();
    let adding: u64 = documents.iter().map(|d| d.bytes.len() as u64).sum();
    {
        let limits = limits.clone();
        app.db(move |conn| check_storage(conn, &limits, adding))
            .await?;
    }
    let (documents, assembly) = planned(app, documents).await?;
    let chosen: Vec<&TextPlan> = match text.as_deref().map(str::trim) {
        None | Some(EVERY_TEXT) | Some("") => assembly.texts.iter().collect(),
        Some(text) => assembly
            .texts
            .iter()
            .filter(|t| {
                t.key == text
                    || t.match_key == text
                    || synoptic_formats::read::contribution::TextTitle::parse(text)
                        .is_some_and(|title| title.match_key() == t.match_key)
            })
            .collect(),
    };
    if chosen.is_empty() {
        let known: Vec<&str> = assembly.texts.iter().map(|t| t.title.as_str()).collect();
        return Err(ApiError::unprocessable(match text {
            Some(text) => format!(
                "no contribution proposes a change to {text:?}; they concern: {}",
                known.join("; ")
            ),
            None => "the contributions hold no proposal that could be read".to_string(),
        }));
    }
    // Every meeting within the limits of one, before anything is written.
    let mut meetings: Vec<(String, &TextPlan, Vec<NewDocument>)> = Vec::new();
    let many = chosen.len() > 1;
    for t in &chosen {
        let docs: Vec<NewDocument> = t
            .base
            .iter()
            .chain(&t.contributions)
            .filter_map(|&i| documents.get(i).cloned())
            .collect();
        check_room(&[], &docs, &limits)?;
        load::Budget::new(&limits.input())
            .check_versions(t.versions, Some(&t.title))
            .map_err(|e| load_error(&e))?;
        check_cells(t.paragraphs, t.versions, &limits)
            .map_err(|e| ApiError::too_large(format!("{}: {e}", t.title)))?;
        let name = match (&title, many) {
            (Some(given), true) => format!("{given}: {}", t.title),
            (Some(given), false) => given.clone(),
            (None, _) => t.title.clone(),
        };
        let name = clean_text(&name).chars().take(MAX_NAME_CHARS).collect();
        meetings.push((name, t, docs));
    }
    let rows: Vec<(String, String, Vec<NewDocument>)> = meetings
        .iter()
        .map(|(name, t, docs)| (name.clone(), t.match_key.clone(), docs.clone()))
        .collect();
    let created = app
        .db(move |conn| {
            check_storage(conn, &limits, adding)?;
            let tx = store::write(conn)?;
            let mut out = Vec::with_capacity(rows.len());
            for (name, key, docs) in &rows {
                let created = store::insert_meeting(&tx, name, false, &by)?;
                store::set_text_key(&tx, &created.id, key)?;
                let mut stored = Vec::with_capacity(docs.len());
                for document in docs {
                    stored.push(store::upload_document(&tx, &created.id, &by, document)?);
                }
                store::bump(&tx, &created.id, true, false)?;
                out.push((created, stored));
            }
            tx.commit()?;
            Ok(out)
        })
        .await?;
    let texts = texts_json(&chosen, &documents);
    let list: Vec<Value> = created
        .into_iter()
        .zip(texts)
        .map(|((created, stored), text)| {
            let projector = format!(
                "/m/{}?view=projector#k={}",
                created.id, created.delegate_token
            );
            let mut body = serde_json::to_value(&created).unwrap_or(Value::Null);
            body["projector_link"] = json!(projector);
            body["documents"] = json!(stored);
            body["text"] = text;
            body
        })
        .collect();
    // One meeting: its fields at the top too, as for any other meeting.
    let mut body = match list.as_slice() {
        [one] => one.clone(),
        _ => json!({}),
    };
    body["meetings"] = json!(list);
    body["skipped"] = json!(assembly.skipped);
    Ok((StatusCode::CREATED, Json(body)).into_response())
}
