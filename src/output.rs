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

/// Files of one run written in two steps, for runs that write many (an
/// assembly's synopses): [`Staged::write`] renders each to a temporary
/// file beside its path, from any thread, and hands it to a few syncing
/// threads that make it durable while the run goes on; [`Staged::commit`]
/// waits for the last syncs and renames every file into place. A sync
/// waits for the disk (some 2 to 8 ms each, more than making a synopsis):
/// one after another at the end they cost more than the whole run, in the
/// background they overlap with the work, and the filesystem's journal
/// takes the syncs in flight together in a few commits. Until the commit,
/// nothing is replaced; a file that fails leaves nothing behind.
pub struct Staged {
    /// Each file's temporary path and final path.
    files: std::sync::Mutex<Vec<(PathBuf, PathBuf)>>,
    /// Written files on their way to the syncing threads; `None` once the
    /// run is over.
    to_sync: std::sync::Mutex<Option<mpsc::Sender<(fs::File, PathBuf)>>>,
    /// The syncing threads, each returning the first error it met.
    syncers: Vec<std::thread::JoinHandle<io::Result<()>>>,
}

/// How many files are synced at once: enough to keep the disk busy while
/// files arrive every millisecond or two; the threads wait on the disk,
/// not on the processor.
const SYNC_THREADS: usize = 8;

/// The buffer each file is written through: a synopsis page is hundreds of
/// KB, which 8 KiB buffers would write in some forty system calls.
const WRITE_BUFFER: usize = 64 * 1024;

impl Default for Staged {
    fn default() -> Self {
        let (sender, receiver) = mpsc::channel::<(fs::File, PathBuf)>();
        let receiver = Arc::new(std::sync::Mutex::new(receiver));
        let syncers = (0..SYNC_THREADS)
            .map(|_| {
                let receiver = Arc::clone(&receiver);
                std::thread::spawn(move || -> io::Result<()> {
                    let mut result = Ok(());
                    loop {
                        // A poisoned lock means another syncer panicked: the
                        // queue itself is intact.
                        let next = receiver
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner)
                            .recv();
                        let Ok((file, path)) = next else { break };
                        // After a failure the rest is only drained: the
                        // commit fails anyway.
                        if result.is_ok() {
                            result = file.sync_data().map_err(|e| {
                                io::Error::new(e.kind(), format!("{}: {e}", path.display()))
                            });
                        }
                    }
                    result
                })
            })
            .collect();
        Staged {
            files: std::sync::Mutex::default(),
            to_sync: std::sync::Mutex::new(Some(sender)),
            syncers,
        }
    }
}

impl Staged {
    /// Renders to a temporary file for `path`, and starts making it
    /// durable; [`Staged::commit`] puts it in place.
    pub fn write(
        &self,
        path: &Path,
        render: impl Fn(&mut dyn Write) -> io::Result<()>,
    ) -> Result<()> {
        let temp = temp_path(path);
        let result = (|| -> io::Result<fs::File> {
            let mut writer = io::BufWriter::with_capacity(WRITE_BUFFER, fs::File::create(&temp)?);
            render(&mut writer)?;
            writer.into_inner().map_err(|e| e.into_error())
        })();
        let file = match result {
            Ok(file) => file,
            Err(e) => {
                let _ = fs::remove_file(&temp);
                return Err(e).with_context(|| format!("{}: cannot write", path.display()));
            }
        };
        self.lock().push((temp, path.to_path_buf()));
        let unsent = match &*self.sender() {
            Some(sender) => sender
                .send((file, path.to_path_buf()))
                .err()
                .map(|returned| returned.0 .0),
            None => Some(file),
        };
        if let Some(file) = unsent {
            // No syncer left to take it (they all panicked): synced here.
            file.sync_data()
                .with_context(|| format!("{}: cannot write", path.display()))?;
        }
        Ok(())
    }

    /// Waits until every file written is durable, then renames each into
    /// place. On an error nothing more is renamed and the temporary files
    /// left are removed.
    pub fn commit(mut self) -> Result<()> {
        let mut result = self.finish_syncing();
        let files = std::mem::take(&mut *self.lock());
        let mut renamed = 0;
        if result.is_ok() {
            for (temp, path) in &files {
                if let Err(e) = fs::rename(temp, path) {
                    result = Err(e);
                    break;
                }
                renamed += 1;
            }
        }
        for (temp, _) in &files[renamed..] {
            let _ = fs::remove_file(temp);
        }
        result.context("cannot put the written files in place")
    }

    /// Closes the queue and waits for the syncing threads: the first error
    /// any of them met.
    fn finish_syncing(&mut self) -> io::Result<()> {
        self.sender().take();
        let mut result = Ok(());
        for syncer in self.syncers.drain(..) {
            let outcome = syncer
                .join()
                .unwrap_or_else(|_| Err(io::Error::other("a sync thread failed")));
            if result.is_ok() {
                result = outcome;
            }
        }
        result
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(PathBuf, PathBuf)>> {
        // A thread that panicked while pushing leaves a usable list.
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn sender(&self) -> std::sync::MutexGuard<'_, Option<mpsc::Sender<(fs::File, PathBuf)>>> {
        self.to_sync
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Drop for Staged {
    /// Files never committed (an early return) leave no temporary behind.
    fn drop(&mut self) {
        let _ = self.finish_syncing();
        for (temp, _) in self.lock().iter() {
            let _ = fs::remove_file(temp);
        }
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
    fn staged_files_appear_only_on_commit() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("a.txt"), "old").unwrap();
        let staged = Staged::default();
        for name in ["a.txt", "b.txt"] {
            staged
                .write(&dir.path().join(name), |out| out.write_all(name.as_bytes()))
                .unwrap();
        }
        let failed = staged.write(&dir.path().join("c.txt"), |_| {
            Err(io::Error::other("render failed"))
        });
        assert!(failed
            .unwrap_err()
            .to_string()
            .contains("c.txt: cannot write"));
        // Before the commit the old file is untouched and no new one shows.
        assert_eq!(fs::read_to_string(dir.path().join("a.txt")).unwrap(), "old");
        assert!(!dir.path().join("b.txt").exists());
        staged.commit().unwrap();
        assert_eq!(names(dir.path()), ["a.txt", "b.txt"]);
        assert_eq!(
            fs::read_to_string(dir.path().join("a.txt")).unwrap(),
            "a.txt"
        );
    }

    #[test]
    fn staged_files_never_committed_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let staged = Staged::default();
        staged
            .write(&dir.path().join("x.html"), |out| out.write_all(b"x"))
            .unwrap();
        drop(staged);
        assert!(names(dir.path()).is_empty());
    }
}
