//! Writing results: to standard output, or crash-safely to a file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};

use anyhow::{Context, Result};

/// Writes what `render` produces to `path`, or to standard output when
/// there is no path. A closed pipe on standard output (`| head`) is not an
/// error.
pub fn write_output(
    path: Option<&Path>,
    render: impl Fn(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    match path {
        Some(path) => write_atomically(path, render),
        None => {
            let stdout = io::stdout();
            let mut watch = PipeWatch {
                inner: io::BufWriter::new(stdout.lock()),
                closed: false,
            };
            match render(&mut watch).and_then(|()| watch.flush()) {
                Ok(()) => Ok(()),
                // Writers may wrap the closed pipe in errors of their own
                // (serde_json does, and hides it from `source`): the watch
                // saw it all the same.
                Err(_) if watch.closed => Ok(()),
                Err(e) => Err(e).context("cannot write to standard output"),
            }
        }
    }
}

/// A writer that remembers whether the reader closed the pipe.
struct PipeWatch<W> {
    inner: W,
    closed: bool,
}

impl<W: Write> PipeWatch<W> {
    fn watch<T>(&mut self, result: io::Result<T>) -> io::Result<T> {
        if let Err(e) = &result {
            if e.kind() == io::ErrorKind::BrokenPipe {
                self.closed = true;
            }
        }
        result
    }
}

impl<W: Write> Write for PipeWatch<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let result = self.inner.write(buf);
        self.watch(result)
    }

    fn flush(&mut self) -> io::Result<()> {
        let result = self.inner.flush();
        self.watch(result)
    }
}

/// Writes to a temporary file beside `path` and renames it into place, so an
/// error or a kill never leaves a half-written file, and an existing file is
/// replaced only on success.
pub fn write_atomically(
    path: &Path,
    render: impl Fn(&mut dyn Write) -> io::Result<()>,
) -> Result<()> {
    let temp = temp_path(path);
    let result = (|| -> io::Result<()> {
        let file = fs::File::create(&temp)?;
        let mut writer = io::BufWriter::new(file);
        render(&mut writer)?;
        let file = writer.into_inner().map_err(|e| e.into_error())?;
        file.sync_all()?;
        fs::rename(&temp, path)
    })();
    if let Err(e) = result {
        let _ = fs::remove_file(&temp);
        return Err(e).with_context(|| format!("{}: cannot write", path.display()));
    }
    Ok(())
}

/// The lowercase extension of an output path, if any.
pub fn extension(path: &Path) -> String {
    path.extension()
        .map(|e| e.to_string_lossy().to_lowercase())
        .unwrap_or_default()
}

/// Files of one run written crash-safely, for runs that write many (an
/// assembly's synopses). [`Staged::write`] renders each to a temporary
/// file beside its path, from any thread, and hands it to a few threads
/// that, while the run goes on, make it durable and rename it into place;
/// [`Staged::commit`] waits for the last ones. Every file is therefore,
/// at any moment, either as it was before the run or complete, new and
/// on disk, never half-written; a file that fails leaves nothing behind
/// and replaces nothing.
///
/// Why in the background: a sync waits for the disk (some 2 to 8 ms), and
/// so does replacing an older file where freeing its blocks is slow (a
/// filesystem mounted with `discard`: some 3 ms a file). One after another
/// at the end these waits took longer than making the synopses; on a few
/// threads beside the work they overlap with it, and the journal takes
/// the syncs in flight together in a few commits.
pub struct Staged {
    /// The temporary files written and not yet in place.
    pending: Arc<std::sync::Mutex<Vec<PathBuf>>>,
    /// Written files on their way to the background threads; `None` once
    /// the run is over.
    queue: std::sync::Mutex<Option<mpsc::Sender<Written>>>,
    /// The background threads, each returning the first error it met.
    placers: Vec<std::thread::JoinHandle<io::Result<()>>>,
}

/// A file written to its temporary path, to be synced and put in place.
/// It is closed meanwhile and opened again to be synced: a long queue of
/// files kept open could run out of file descriptors.
struct Written {
    temp: PathBuf,
    path: PathBuf,
}

/// How many files are synced and put in place at once: the threads wait on
/// the disk, not on the processor, and the waits of many overlap.
const PLACING_THREADS: usize = 16;

/// The buffer each file is written through: a synopsis page is hundreds of
/// KB, which 8 KiB buffers would write in some forty system calls.
const WRITE_BUFFER: usize = 64 * 1024;

impl Default for Staged {
    fn default() -> Self {
        let (sender, receiver) = mpsc::channel::<Written>();
        let receiver = Arc::new(std::sync::Mutex::new(receiver));
        let mut staged = Staged {
            pending: Arc::default(),
            queue: std::sync::Mutex::new(Some(sender)),
            placers: Vec::new(),
        };
        staged.placers = (0..PLACING_THREADS)
            .map(|_| {
                let receiver = Arc::clone(&receiver);
                let pending = Arc::clone(&staged.pending);
                std::thread::spawn(move || -> io::Result<()> {
                    let mut result = Ok(());
                    loop {
                        // A poisoned lock means another thread panicked: the
                        // queue itself is intact.
                        let next = receiver
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .recv();
                        let Ok(written) = next else { break };
                        let temp = written.temp.clone();
                        let placed = place(written);
                        if placed.is_ok() {
                            let mut pending = lock(&pending);
                            if let Some(at) = pending.iter().position(|t| *t == temp) {
                                pending.swap_remove(at);
                            }
                        }
                        if result.is_ok() {
                            result = placed;
                        }
                    }
                    result
                })
            })
            .collect();
        staged
    }
}

/// Makes a written file durable and renames it into place; on an error its
/// temporary file is removed.
fn place(written: Written) -> io::Result<()> {
    let Written { temp, path } = written;
    let result = fs::File::open(&temp)
        .and_then(|file| file.sync_data())
        .and_then(|()| fs::rename(&temp, &path))
        .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", path.display())));
    if result.is_err() {
        let _ = fs::remove_file(&temp);
    }
    result
}

impl Staged {
    /// Renders to a temporary file for `path`, then has it made durable and
    /// put in place in the background; [`Staged::commit`] waits for it.
    pub fn write(
        &self,
        path: &Path,
        render: impl Fn(&mut dyn Write) -> io::Result<()>,
    ) -> Result<()> {
        let temp = temp_path(path);
        let result = (|| -> io::Result<()> {
            let mut writer = io::BufWriter::with_capacity(WRITE_BUFFER, fs::File::create(&temp)?);
            render(&mut writer)?;
            writer.flush()
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&temp);
            return Err(e).with_context(|| format!("{}: cannot write", path.display()));
        }
        lock(&self.pending).push(temp.clone());
        let written = Written {
            temp,
            path: path.to_path_buf(),
        };
        let unsent = match &*lock(&self.queue) {
            Some(queue) => queue.send(written).err().map(|returned| returned.0),
            None => Some(written),
        };
        if let Some(written) = unsent {
            // No thread left to take it (they all panicked): placed here.
            place(written).with_context(|| format!("{}: cannot write", path.display()))?;
        }
        Ok(())
    }

    /// Waits until every file written is durable and in place: the first
    /// error any met.
    pub fn commit(mut self) -> Result<()> {
        self.finish()
            .context("cannot put the written files in place")
    }

    /// Closes the queue, waits for the background threads, and removes the
    /// temporary files of any that failed.
    fn finish(&mut self) -> io::Result<()> {
        lock(&self.queue).take();
        let mut result = Ok(());
        for placer in self.placers.drain(..) {
            let outcome = placer.join().unwrap_or_else(|_| {
                Err(io::Error::other("a thread putting files in place failed"))
            });
            if result.is_ok() {
                result = outcome;
            }
        }
        for temp in lock(&self.pending).drain(..) {
            // What is left failed, or was never handed on.
            let _ = fs::remove_file(temp);
        }
        result
    }
}

/// Locks a mutex of [`Staged`]: a thread that panicked while holding one
/// leaves its data usable.
fn lock<T>(mutex: &std::sync::Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Drop for Staged {
    /// A run that ends early (an error before the commit) still has every
    /// file it wrote whole put in place, and leaves no temporary behind.
    fn drop(&mut self) {
        let _ = self.finish();
    }
}

/// The temporary file beside `path` that is renamed into place.
fn temp_path(path: &Path) -> PathBuf {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "synopsis".into());
    dir.join(format!(".{file_name}.{}.tmp", std::process::id()))
}

#[cfg(test)]
// Tests may unwrap: a panic there is a failed test, not a crash.
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn staged_files_are_in_place_once_committed() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "old").unwrap();
        fs::write(dir.path().join("c.txt"), "kept").unwrap();
        let staged = Staged::default();
        for name in ["a.txt", "b.txt"] {
            staged
                .write(&dir.path().join(name), |out| out.write_all(name.as_bytes()))
                .unwrap();
        }
        // A file whose rendering fails replaces nothing.
        let failed = staged.write(&dir.path().join("c.txt"), |out| {
            out.write_all(b"half")?;
            Err(io::Error::other("render failed"))
        });
        assert!(failed
            .unwrap_err()
            .to_string()
            .contains("c.txt: cannot write"));
        staged.commit().unwrap();
        assert_eq!(names(dir.path()), ["a.txt", "b.txt", "c.txt"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "a.txt"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("c.txt")).unwrap(),
            "kept"
        );
    }

    #[test]
    fn a_run_ended_early_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let staged = Staged::default();
        staged
            .write(&dir.path().join("x.html"), |out| out.write_all(b"x"))
            .unwrap();
        drop(staged);
        // The file written whole is in place; nothing else is left.
        assert_eq!(names(dir.path()), ["x.html"]);
    }

    #[test]
    fn a_file_that_cannot_be_placed_is_an_error_of_the_commit() {
        let dir = tempfile::tempdir().unwrap();
        // A folder where the file should go: the rename fails.
        fs::create_dir(dir.path().join("taken.html")).unwrap();
        fs::write(dir.path().join("taken.html").join("inside"), "x").unwrap();
        let staged = Staged::default();
        staged
            .write(&dir.path().join("taken.html"), |out| out.write_all(b"x"))
            .unwrap();
        let error = format!("{:#}", staged.commit().unwrap_err());
        assert!(error.contains("taken.html"), "{error}");
        assert_eq!(names(dir.path()), ["taken.html"]);
    }
}
