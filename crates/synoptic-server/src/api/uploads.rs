//! Receiving uploaded files and checking them against the limits, in the
//! order of their cost: the size while the body arrives, then the
//! meeting's room and the server's storage (a look at the database), then
//! the reading (by the command line's loader: versions, paragraphs,
//! paragraph length), then the synopsis work of the meeting with them,
//! and only then a write.

#[allow(unused_imports)]
use super::*;

use synoptic_formats::load::{self, LoadError, LoadErrorKind};

use crate::compute::{check_cells, paragraphs_of, DocCount};
use crate::Limits;

/// One file of a multipart body.
pub(super) struct ReceivedFile {
    /// The form field it came in.
    pub field: String,
    /// The name the client gave it.
    pub filename: Option<String>,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// A multipart body: its text fields (the last of each name) and files.
pub(super) struct Received {
    /// The text fields by name.
    pub fields: HashMap<String, String>,
    /// The files, in the order they came.
    pub files: Vec<ReceivedFile>,
}

impl Received {
    /// The text field `name`, trimmed, if given and not empty.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.fields
            .get(name)
            .map(|v| v.trim())
            .filter(|v| !v.is_empty())
    }
}

/// Reads a whole multipart body: files of the fields `file_fields` (each
/// within `max` bytes: a larger one is read to its end, so that the client
/// gets its 413 rather than a reset connection, and refused), and the text
/// fields `text_fields`; anything else is skipped.
pub(super) async fn receive(
    multipart: Result<Multipart, MultipartRejection>,
    max: usize,
    file_fields: &[&str],
    text_fields: &[&str],
) -> Result<Received, ApiError> {
    let mut multipart = multipart.map_err(|e| {
        ApiError::bad_request(format!(
            "send the documents as multipart/form-data: {}",
            e.body_text()
        ))
    })?;
    let mut received = Received {
        fields: HashMap::new(),
        files: Vec::new(),
    };
    let mut oversized = None;
    while let Some(mut field) = multipart
        .next_field()
        .await
        .map_err(|e| multipart_error(&e, max))?
    {
        let field_name = field.name().unwrap_or("").to_string();
        if file_fields.contains(&field_name.as_str()) {
            let filename = field.file_name().map(str::to_string);
            let mut bytes = Vec::new();
            let mut over = false;
            while let Some(chunk) = field.chunk().await.map_err(|e| multipart_error(&e, max))? {
                if !over && bytes.len() + chunk.len() > max {
                    over = true;
                    bytes = Vec::new();
                }
                if !over {
                    bytes.extend_from_slice(&chunk);
                }
            }
            if over {
                oversized.get_or_insert(filename.unwrap_or_default());
            } else {
                received.files.push(ReceivedFile {
                    field: field_name,
                    filename,
                    bytes,
                });
            }
        } else if text_fields.contains(&field_name.as_str()) {
            let text = field_text(field, max).await?;
            if text.len() > 4 * MAX_NAME_CHARS {
                return Err(ApiError::bad_request(format!(
                    "the field {field_name:?} is longer than {MAX_NAME_CHARS} characters"
                )));
            }
            received.fields.insert(field_name, text);
        } else {
            while field
                .chunk()
                .await
                .map_err(|e| multipart_error(&e, max))?
                .is_some()
            {}
        }
    }
    if let Some(name) = oversized {
        return Err(ApiError::too_large(format!(
            "{}: over the limit of {} per file",
            file_name(Some(&name))?,
            human_bytes(max)
        )));
    }
    Ok(received)
}

/// A document to store from a received file: its name cleaned, its label
/// given or its stem; an empty file is refused.
pub(super) fn new_document(
    role: DocRole,
    label: Option<&str>,
    file: ReceivedFile,
) -> Result<NewDocument, ApiError> {
    let filename = file_name(file.filename.as_deref())?;
    if file.bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ApiError::unprocessable(format!(
            "{filename}: the file is empty: a {} needs text",
            role.as_str()
        )));
    }
    let label = name(label, "the label")?.unwrap_or_else(|| stem(&filename));
    Ok(NewDocument {
        role,
        label,
        filename,
        bytes: file.bytes,
    })
}

/// The role named in a form, `proposal` when none is.
pub(super) fn role_of(given: Option<&str>) -> Result<DocRole, ApiError> {
    match given {
        None => Ok(DocRole::Proposal),
        Some(r) => DocRole::parse(r).ok_or_else(|| {
            ApiError::bad_request(format!(
                "role {r:?}: give base, proposal, side-by-side or contribution"
            ))
        }),
    }
}

/// A loader's refusal as the client is told it: over a limit is 413, a
/// file that cannot be read 422.
pub(super) fn load_error(error: &LoadError) -> ApiError {
    match error.kind() {
        LoadErrorKind::TooLarge => ApiError::too_large(error.message()),
        LoadErrorKind::Io | LoadErrorKind::Unreadable => ApiError::unprocessable(error.message()),
    }
}

/// Checks that the server's storage has room for `adding` more bytes.
pub(super) fn check_storage(
    conn: &rusqlite::Connection,
    limits: &Limits,
    adding: u64,
) -> Result<(), ApiError> {
    let used = store::storage_used(conn)?;
    if used.saturating_add(adding) > limits.max_storage_bytes {
        return Err(ApiError::new(
            StatusCode::INSUFFICIENT_STORAGE,
            format!(
                "the server's storage is full ({} of {} used): ask its operator, or delete a meeting you no longer need",
                human_bytes(usize::try_from(used).unwrap_or(usize::MAX)),
                human_bytes(usize::try_from(limits.max_storage_bytes).unwrap_or(usize::MAX))
            ),
        ));
    }
    Ok(())
}

/// Checks that `adding` fit beside the `existing` documents of a meeting
/// by number, bytes and roles (cheap: no reading).
pub(super) fn check_room(
    existing: &[store::DocumentInfo],
    adding: &[NewDocument],
    limits: &Limits,
) -> Result<(), ApiError> {
    let mut all: Vec<store::DocumentInfo> = existing.to_vec();
    for (i, document) in adding.iter().enumerate() {
        check_roles(&all, None, document.role, &document.label)?;
        all.push(store::DocumentInfo {
            id: -1 - i as i64,
            role: document.role,
            label: document.label.clone(),
            filename: document.filename.clone(),
            size: 0,
            uploaded_at: String::new(),
        });
    }
    if all.len() > limits.max_documents {
        return Err(ApiError::too_large(format!(
            "a meeting may have at most {} documents ({} with these)",
            limits.max_documents,
            all.len()
        )));
    }
    let total: u64 = existing.iter().map(|d| d.size.max(0) as u64).sum::<u64>()
        + adding.iter().map(|d| d.bytes.len() as u64).sum::<u64>();
    if total > limits.max_meeting_bytes {
        return Err(ApiError::too_large(format!(
            "the meeting's documents would pass the limit of {} in all",
            human_bytes(usize::try_from(limits.max_meeting_bytes).unwrap_or(usize::MAX))
        )));
    }
    Ok(())
}

/// Reads the documents about to be added (on a blocking thread), with one
/// budget, and checks the synopsis work of the meeting with them (`have`:
/// what its documents bring already; `text`: the text a meeting made from
/// contributions concerns, whose proposals alone count). Gives what each
/// brings.
pub(super) async fn read_new(
    app: &App,
    documents: Vec<NewDocument>,
    have: Vec<DocCount>,
    text: Option<String>,
) -> Result<(Vec<NewDocument>, Vec<DocCount>), ApiError> {
    let limits = app.limits().clone();
    tokio::task::spawn_blocking(move || {
        let budget = load::Budget::new(&limits.input());
        let mut counts = Vec::with_capacity(documents.len());
        for document in &documents {
            let read = match document.role {
                DocRole::Contribution => crate::compute::read_contribution(
                    &document.filename,
                    &document.label,
                    &document.bytes,
                    text.as_deref(),
                    &budget,
                ),
                role => read_upload(
                    role,
                    &document.filename,
                    &document.label,
                    &document.bytes,
                    &budget,
                ),
            }
            .map_err(|e| load_error(&e))?;
            if let (DocRole::Contribution, Some(text), 0) =
                (document.role, text.as_deref(), read.version_count())
            {
                return Err(ApiError::unprocessable(format!(
                    "{}: no proposal in it changes this meeting's text ({text})",
                    document.filename
                )));
            }
            counts.push(DocCount {
                id: 0,
                versions: read.version_count(),
                paragraphs: paragraphs_of(&read),
            });
        }
        let all = have.iter().chain(counts.iter());
        let (versions, paragraphs) =
            all.fold((0, 0), |(v, p), c| (v + c.versions, p + c.paragraphs));
        budget
            .check_versions(versions, None)
            .map_err(|e| load_error(&e))?;
        check_cells(paragraphs, versions, &limits).map_err(ApiError::too_large)?;
        Ok((documents, counts))
    })
    .await
    .map_err(|e| ApiError::internal(format!("reading an upload failed: {e}")))?
}
