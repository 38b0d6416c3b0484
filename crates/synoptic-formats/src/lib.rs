//! Synoptic's readers and writers: one module per input format under
//! [`read`], one per output format under [`write`], and [`load`], which
//! reads the inputs of one synopsis within the input limits, and
//! [`assemble`], the synopsis of one text from contributions.

pub mod assemble;
pub mod load;
pub mod read;
pub mod write;
