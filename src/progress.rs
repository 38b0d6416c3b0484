//! Progress of a run over many texts: a bar on a terminal, one line per
//! text otherwise (`[3/20] resolution-44: ...`), shared by the parallel
//! workers of `batch` and `assemble`.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicUsize, Ordering};

use indicatif::{ProgressBar, ProgressStyle};

/// Counts finished items and shows each one's line.
pub struct Progress {
    bar: Option<ProgressBar>,
    done: AtomicUsize,
    total: usize,
}

impl Progress {
    /// A progress of `total` items, called `noun` on the bar (`texts`).
    pub fn new(total: usize, noun: &str) -> Progress {
        let bar = std::io::stderr().is_terminal().then(|| {
            let bar = ProgressBar::new(total as u64);
            let template = format!("{{bar:40}} {{pos}}/{{len}} {noun} {{elapsed}} {{wide_msg}}");
            if let Ok(style) = ProgressStyle::with_template(&template) {
                bar.set_style(style);
            }
            bar
        });
        Progress {
            bar,
            done: AtomicUsize::new(0),
            total,
        }
    }

    /// Marks one item done, with the line that says how it went.
    pub fn tick(&self, line: String) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        match &self.bar {
            Some(bar) => {
                bar.set_message(line);
                bar.inc(1);
            }
            None => eprintln!("[{n}/{}] {line}", self.total),
        }
    }

    /// Clears the bar, so the run's summary follows on a clean line.
    pub fn finish(self) {
        if let Some(bar) = self.bar {
            bar.finish_and_clear();
        }
    }
}
