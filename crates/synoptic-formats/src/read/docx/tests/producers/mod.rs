//! What producers other than Word write (LibreOffice, pandoc, python-docx,
//! Google Docs, WPS, converters), and Word's rarer constructs: each test
//! builds the XML the way that producer writes it.

use super::*;

mod drawn;
mod lists;
mod packages;
mod printed;
mod revisions;
mod shown;
