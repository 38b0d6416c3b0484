//! Synoptic's readers and writers: one module per input format under
//! [`read`], one per output format under [`write`].

pub mod read;
pub mod write;
