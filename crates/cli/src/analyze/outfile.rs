//! The output file (`--output FILE`), resuming a run into it (`--resume`),
//! and ending a run cleanly on SIGINT or SIGTERM.
//!
//! Records are written in whole lines: a [`WholeLines`] writer hands the
//! file only complete lines (each write an append of whole records), so a
//! run stopped by a signal never leaves a torn line, and one killed hard
//! (SIGKILL, a crash) can tear at most the last line, which `--resume` cuts
//! before it goes on.

use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use crate::error::CliError;

/// A writer that passes on whole lines, and everything on [`Write::flush`]
/// (called between records): it buffers up to about `capacity` bytes and
/// then writes the complete lines buffered so far in one call (a line
/// longer than `capacity` in parts).
pub struct WholeLines<W: Write> {
    inner: W,
    buf: Vec<u8>,
    capacity: usize,
}

impl<W: Write> WholeLines<W> {
    /// A writer buffering about `capacity` bytes.
    pub fn new(inner: W, capacity: usize) -> WholeLines<W> {
        WholeLines {
            inner,
            buf: Vec::with_capacity(capacity.min(1 << 20)),
            capacity,
        }
    }
}

impl<W: Write> Write for WholeLines<W> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.buf.extend_from_slice(data);
        if self.buf.len() >= self.capacity {
            // Whole lines; a record longer than the buffer goes out in
            // parts (memory stays bounded; only a hard kill can then tear
            // it, and `--resume` cuts a torn tail).
            let end = self
                .buf
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(self.buf.len(), |e| e + 1);
            self.inner.write_all(&self.buf[..end])?;
            self.buf.drain(..end);
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.write_all(&self.buf)?;
        self.buf.clear();
        self.inner.flush()
    }
}

impl<W: Write> Drop for WholeLines<W> {
    fn drop(&mut self) {
        // Errors were reported by the last flush; this only keeps what an
        // early return left.
        let _ = self.flush();
    }
}

/// What `--resume` found in the output file.
pub struct Resume {
    path: PathBuf,
    /// The file's records, read again one by one to match the inputs.
    records: Option<std::io::BufReader<std::fs::File>>,
    /// Records not yet matched.
    left: usize,
    /// Records already in the file.
    pub done: usize,
    /// Error records among them.
    pub failed: usize,
    /// Bytes of a torn last line that were cut.
    pub cut: u64,
}

#[derive(serde::Deserialize)]
struct Record {
    id: String,
    #[serde(default)]
    error: Option<serde::de::IgnoredAny>,
}

impl Resume {
    /// Reads the output file of an earlier run (a missing file is an empty
    /// run): cuts a torn last line (no line end, or not JSON) and counts the
    /// records. Another broken line is an error: the file is not the
    /// output of a run.
    pub fn open(path: &Path) -> Result<Resume, CliError> {
        let mut resume = Resume {
            path: path.to_path_buf(),
            records: None,
            left: 0,
            done: 0,
            failed: 0,
            cut: 0,
        };
        let file = match std::fs::File::open(path) {
            Ok(f) => f,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(resume),
            Err(e) => return Err(CliError::Read(path.to_path_buf(), e)),
        };
        let read_err = |e| CliError::Read(path.to_path_buf(), e);
        let mut reader = std::io::BufReader::new(file);
        let mut line = Vec::new();
        let mut good = 0u64;
        let mut line_no = 0usize;
        loop {
            line.clear();
            let n = reader.read_until(b'\n', &mut line).map_err(read_err)?;
            if n == 0 {
                break;
            }
            line_no += 1;
            let whole = line.ends_with(b"\n");
            match serde_json::from_slice::<Record>(&line) {
                Ok(rec) if whole => {
                    good += n as u64;
                    resume.done += 1;
                    resume.failed += usize::from(rec.error.is_some());
                }
                _ => {
                    // Only the last line can be torn.
                    let rest = reader.fill_buf().map_err(read_err)?;
                    if !rest.is_empty() {
                        return Err(CliError::NotResumable(
                            path.to_path_buf(),
                            format!("line {line_no} is not a record of a JSON Lines run"),
                        ));
                    }
                    resume.cut = n as u64;
                }
            }
        }
        if resume.cut > 0 {
            let file = std::fs::OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| CliError::WriteFile(path.to_path_buf(), e))?;
            file.set_len(good)
                .map_err(|e| CliError::WriteFile(path.to_path_buf(), e))?;
        }
        resume.left = resume.done;
        if resume.done > 0 {
            let file = std::fs::File::open(path).map_err(read_err)?;
            resume.records = Some(std::io::BufReader::new(file));
        }
        Ok(resume)
    }

    /// Whether the input document `id` is already in the file (then it is
    /// skipped). The file's records must be the start of this run's output,
    /// in order: a record for another id is an error (different inputs).
    pub fn skip(&mut self, id: &str) -> Result<bool, CliError> {
        if self.left == 0 {
            self.records = None;
            return Ok(false);
        }
        let Some(reader) = &mut self.records else {
            return Ok(false);
        };
        let mut line = Vec::new();
        reader
            .read_until(b'\n', &mut line)
            .map_err(|e| CliError::Read(self.path.clone(), e))?;
        let record = self.done - self.left + 1;
        let found = serde_json::from_slice::<Record>(&line).map(|r| r.id);
        match found {
            Ok(found) if found == id => {
                self.left -= 1;
                Ok(true)
            }
            Ok(found) => Err(CliError::NotResumable(
                self.path.clone(),
                format!(
                    "record {record} is for {found:?} but this run's document {record} is {id:?}; resume with the same inputs and options"
                ),
            )),
            Err(e) => Err(CliError::NotResumable(
                self.path.clone(),
                format!("record {record} cannot be read again: {e}"),
            )),
        }
    }

    /// Records of the file not matched by an input: the inputs ended first.
    pub fn unmatched(&self) -> usize {
        self.left
    }
}

/// SIGINT and SIGTERM, caught: the run finishes the record it is writing,
/// flushes and ends (exit code 128 + the signal). A second signal ends the
/// process at once.
pub struct Signals {
    caught: Arc<AtomicUsize>,
}

impl Signals {
    /// Installs the handlers.
    pub fn install() -> Result<Signals, CliError> {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let term = Arc::new(AtomicBool::new(false));
        let caught = Arc::new(AtomicUsize::new(0));
        for sig in [SIGINT, SIGTERM] {
            let code = 128 + sig;
            // Runs first: exits if a signal came before.
            signal_hook::flag::register_conditional_shutdown(sig, code, Arc::clone(&term))
                .map_err(CliError::Signals)?;
            signal_hook::flag::register(sig, Arc::clone(&term)).map_err(CliError::Signals)?;
            signal_hook::flag::register_usize(sig, Arc::clone(&caught), sig as usize)
                .map_err(CliError::Signals)?;
        }
        Ok(Signals { caught })
    }

    /// The signal caught, if one was.
    pub fn caught(&self) -> Option<i32> {
        match self.caught.load(Ordering::SeqCst) {
            0 => None,
            sig => i32::try_from(sig).ok(),
        }
    }

    /// Fails with [`CliError::Interrupted`] once a signal was caught.
    pub fn check(&self) -> Result<(), CliError> {
        match self.caught() {
            Some(sig) => Err(CliError::Interrupted(sig)),
            None => Ok(()),
        }
    }
}

/// The name of a caught signal.
pub fn signal_name(sig: i32) -> &'static str {
    match sig {
        signal_hook::consts::SIGINT => "SIGINT",
        signal_hook::consts::SIGTERM => "SIGTERM",
        _ => "a signal",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_lines_reach_the_file_in_whole_lines() {
        let mut out = WholeLines::new(Vec::new(), 10);
        out.write_all(b"{\"a\":1}\n{\"b\"").unwrap();
        assert_eq!(out.inner, b"{\"a\":1}\n");
        out.write_all(b":2}\n").unwrap();
        out.flush().unwrap();
        assert_eq!(out.inner, b"{\"a\":1}\n{\"b\":2}\n");
        // A long line does not stay in memory.
        out.write_all(&[b'x'; 25]).unwrap();
        assert_eq!(out.inner.len(), 16 + 25);
        assert!(out.buf.is_empty());
    }

    #[test]
    fn a_torn_tail_is_cut_and_ids_are_matched_in_order() {
        let path =
            std::env::temp_dir().join(format!("wortlaut-resume-unit-{}", std::process::id()));
        std::fs::write(
            &path,
            "{\"id\":\"a\",\"x\":1}\n{\"id\":\"b\",\"error\":{}}\n{\"id\":\"c\",\"x\":",
        )
        .unwrap();
        let mut r = Resume::open(&path).unwrap();
        assert_eq!((r.done, r.failed, r.cut), (2, 1, 14));
        assert_eq!(
            std::fs::read_to_string(&path).unwrap(),
            "{\"id\":\"a\",\"x\":1}\n{\"id\":\"b\",\"error\":{}}\n"
        );
        assert!(r.skip("a").unwrap());
        assert!(matches!(r.skip("x"), Err(CliError::NotResumable(..))));
        let mut r = Resume::open(&path).unwrap();
        assert!(r.skip("a").unwrap() && r.skip("b").unwrap());
        assert!(!r.skip("c").unwrap());
        // A broken line before the end is not a run's output.
        std::fs::write(&path, "{\"id\":\"a\"}\nnot json\n{\"id\":\"b\"}\n").unwrap();
        assert!(matches!(
            Resume::open(&path),
            Err(CliError::NotResumable(..))
        ));
        std::fs::remove_file(&path).unwrap();
        let r = Resume::open(&path).unwrap();
        assert_eq!(r.done, 0);
    }
}
