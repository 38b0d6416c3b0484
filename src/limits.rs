//! The input limits flags (`--max-file-size` and the others): the clap
//! side of `synoptic_formats::load::Limits`, which enforces them for every
//! command and for the workbench.

use synoptic_formats::load;
pub use synoptic_formats::load::parse_size;

/// The limits flags, shared by every command that reads documents.
#[derive(clap::Args, Debug, Clone, PartialEq, Eq)]
pub struct LimitArgs {
    /// Refuse an input file larger than this (bytes; K, M, G suffixes are
    /// binary multiples: 64M is 64 MiB).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "64M")]
    pub max_file_size: u64,
    /// Refuse a run whose input files add up to more than this (in `batch`:
    /// per text).
    #[arg(long, value_name = "SIZE", value_parser = parse_size, default_value = "256M")]
    pub max_total_size: u64,
    /// Refuse a paragraph longer than this many characters.
    #[arg(long, value_name = "CHARS", default_value_t = load::limits::DEFAULT_MAX_PARAGRAPH_LEN)]
    pub max_paragraph_len: usize,
    /// Refuse more versions than this (the base and every proposal,
    /// each witness of a CollateX file, each column of a side-by-side
    /// table).
    #[arg(long, value_name = "N", default_value_t = load::limits::DEFAULT_MAX_VERSIONS)]
    pub max_versions: usize,
    /// Refuse a document of more paragraphs than this (section openers
    /// counted).
    #[arg(long, value_name = "N", default_value_t = load::limits::DEFAULT_MAX_PARAGRAPHS)]
    pub max_paragraphs: usize,
    /// Replace invalid UTF-8 (or UTF-16) in text inputs with U+FFFD instead
    /// of refusing the file.
    #[arg(long)]
    pub lossy: bool,
}

impl Default for LimitArgs {
    fn default() -> Self {
        LimitArgs {
            max_file_size: load::limits::DEFAULT_MAX_FILE_SIZE,
            max_total_size: load::limits::DEFAULT_MAX_TOTAL_SIZE,
            max_paragraph_len: load::limits::DEFAULT_MAX_PARAGRAPH_LEN,
            max_versions: load::limits::DEFAULT_MAX_VERSIONS,
            max_paragraphs: load::limits::DEFAULT_MAX_PARAGRAPHS,
            lossy: false,
        }
    }
}

impl LimitArgs {
    /// The limits as the loader takes them.
    pub fn limits(&self) -> load::Limits {
        load::Limits {
            max_file_size: self.max_file_size,
            max_total_size: self.max_total_size,
            max_paragraph_len: self.max_paragraph_len,
            max_versions: self.max_versions,
            max_paragraphs: self.max_paragraphs,
        }
    }
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn defaults_match_the_flags() {
        use clap::Parser;
        #[derive(Parser)]
        struct Cli {
            #[command(flatten)]
            limits: LimitArgs,
        }
        let cli = Cli::try_parse_from(["x"]).unwrap();
        assert_eq!(cli.limits, LimitArgs::default());
        assert_eq!(cli.limits.limits(), load::Limits::default());
    }
}
