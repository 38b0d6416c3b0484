//! Writers: print a [`synoptic_core::Synopsis`] in one output format each.
