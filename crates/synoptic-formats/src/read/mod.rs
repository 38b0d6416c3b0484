//! Readers: turn the bytes of an input file into a [`synoptic_core::Document`].
