//! The chair's decisions as they apply to a synopsis, and the draft they
//! make.

#[allow(unused_imports)]
use super::*;

use synoptic_core::consolidate::{
    consolidate, Choice, Decisions, RowDecision, StaleDecision, StaleReason,
};

/// The decisions as they read now: a decision accepting a proposal names
/// its document's current label, or, when that document was deleted, the
/// old label marked "(deleted)", which no proposal has, so that the
/// decision shows as not applied rather than apply to another document.
pub fn current_records(records: Vec<DecisionRecord>, computed: &Computed) -> Vec<DecisionRecord> {
    records
        .into_iter()
        .map(|mut record| {
            if let (Some(Choice::Accept(label)), Some(document)) = (&record.choice, record.document)
            {
                let now = computed
                    .version_docs
                    .iter()
                    .find(|(_, &d)| d == document)
                    .map(|(l, _)| l.clone());
                let label = match now {
                    Some(now) => now,
                    // Before the first synopsis (no proposals) nothing is
                    // known: the label stays as it was.
                    None if computed.version_docs.is_empty() && computed.error.is_some() => {
                        label.clone()
                    }
                    None => format!("{label} (deleted)"),
                };
                record.choice = Some(Choice::Accept(label));
            }
            record
        })
        .collect()
}

/// Why a decision is not applied, in the words of the meeting (no
/// fingerprints).
pub fn plain_stale(stale: &StaleDecision) -> String {
    let why = match &stale.reason {
        StaleReason::RowVanished => "this row is no longer in the synopsis".to_string(),
        StaleReason::ProposalAbsent { proposal } => {
            format!("the proposal it accepts ({proposal}) is no longer in the meeting")
        }
        StaleReason::RowChanged { .. } => {
            "what the proposals do to this row changed since it was decided".to_string()
        }
        StaleReason::MergeLeavesConflict => "the merge now leaves a conflict".to_string(),
    };
    format!("not applied: {why}; decide again")
}

/// The decisions that apply: those with a choice.
pub fn applied(records: &[DecisionRecord]) -> Decisions {
    Decisions {
        rows: records
            .iter()
            .filter_map(|r| {
                r.choice.clone().map(|choice| {
                    (
                        r.row.clone(),
                        RowDecision {
                            choice: Some(choice),
                            fingerprint: r.fingerprint.clone(),
                            note: r.note.clone(),
                        },
                    )
                })
            })
            .collect(),
    }
}

pub(super) fn draft_of(
    computed: Arc<Computed>,
    records: Vec<DecisionRecord>,
    decisions_revision: i64,
) -> Drafted {
    let records = current_records(records, &computed);
    let decisions = applied(&records);
    let draft = consolidate(&computed.synopsis, Some(&decisions));
    let mut buf = Vec::new();
    let json = match draft_json::write(&draft, &mut buf) {
        Ok(()) => String::from_utf8_lossy(&buf).into_owned(),
        Err(e) => format!("{{\"error\": {:?}}}", e.to_string()),
    };
    Drafted {
        docs_revision: computed.docs_revision,
        decisions_revision,
        computed,
        records,
        decisions,
        draft,
        json,
    }
}
