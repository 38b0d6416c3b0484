//! Writing results: to standard output, or crash-safely to a file.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

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
/// file beside its path, from any thread; [`Staged::commit`] then makes
/// them all durable at once and renames them into place. Syncing one file
/// after another costs a disk flush each (some 8 ms, more than making the
/// synopsis); many syncs in flight together are taken by the filesystem's
/// journal in a few commits. Until the commit, nothing is replaced; a file
/// that fails leaves nothing behind.
#[derive(Default)]
pub struct Staged {
    /// Each file's temporary path and final path.
    files: std::sync::Mutex<Vec<(PathBuf, PathBuf)>>,
}

/// How many files are synced at once by [`Staged::commit`].
const SYNC_THREADS: usize = 32;

impl Staged {
    /// Renders to a temporary file for `path`, to be put in place by
    /// [`Staged::commit`].
    pub fn write(
        &self,
        path: &Path,
        render: impl Fn(&mut dyn Write) -> io::Result<()>,
    ) -> Result<()> {
        let temp = temp_path(path);
        let result = (|| -> io::Result<()> {
            let mut writer = io::BufWriter::new(fs::File::create(&temp)?);
            render(&mut writer)?;
            writer.flush()
        })();
        if let Err(e) = result {
            let _ = fs::remove_file(&temp);
            return Err(e).with_context(|| format!("{}: cannot write", path.display()));
        }
        self.lock().push((temp, path.to_path_buf()));
        Ok(())
    }

    /// Syncs every file written, many at once, then renames each into
    /// place. On an error nothing more is renamed and the temporary files
    /// left are removed.
    pub fn commit(self) -> Result<()> {
        let files = std::mem::take(&mut *self.lock());
        let chunk = files.len().div_ceil(SYNC_THREADS).max(1);
        let synced: Vec<io::Result<()>> = std::thread::scope(|scope| {
            let handles: Vec<_> = files
                .chunks(chunk)
                .map(|part| {
                    scope.spawn(move || -> io::Result<()> {
                        for (temp, _) in part {
                            fs::File::open(temp)?.sync_all()?;
                        }
                        Ok(())
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join()
                        .unwrap_or_else(|_| Err(io::Error::other("a sync thread failed")))
                })
                .collect()
        });
        let mut result = synced.into_iter().collect::<io::Result<()>>();
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

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<(PathBuf, PathBuf)>> {
        // A thread that panicked while pushing leaves a usable list.
        self.files
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl Drop for Staged {
    /// Files never committed (an early return) leave no temporary behind.
    fn drop(&mut self) {
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
