//! Errors of the core library.

use thiserror::Error;

/// What can go wrong while building a synopsis from documents.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum CoreError {
    /// `compare` was given no proposal at all.
    #[error("no proposals to compare")]
    NoProposals,
    /// A synopsis needs at least two versions to compare (a base and a
    /// proposal, or two proposals).
    #[error("need at least two versions to compare, got {0}")]
    TooFewVersions(usize),
    /// The number of labels given does not match the number of proposals.
    #[error("{labels} labels given for {proposals} proposals")]
    LabelCount {
        /// How many labels were given.
        labels: usize,
        /// How many proposals were given.
        proposals: usize,
    },
}
