//! The progress bar of `analyze` and the one-line summary at its end, on
//! stderr.
//!
//! The bar fits in 80 columns, shows whole numbers per second and no
//! estimate of the time left until there is enough to go on (a few seconds
//! and a twentieth of the documents).

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressState, ProgressStyle};

/// No estimate before this much time has passed …
const ETA_AFTER: Duration = Duration::from_secs(3);
/// … and this share of the documents is done (1/20).
const ETA_SHARE: u64 = 20;

/// Progress of one run: the bar (when shown) and the counts for the
/// summary.
pub struct Progress {
    bar: ProgressBar,
    summary: bool,
    start: Instant,
    bytes: Arc<AtomicU64>,
    documents: u64,
    errors: u64,
}

impl Progress {
    /// A bar when `bar`, for `total` documents if known; the summary line
    /// at the end when `summary`.
    pub fn new(bar: bool, summary: bool, total: Option<u64>) -> Progress {
        let bytes = Arc::new(AtomicU64::new(0));
        let pb = if bar {
            styled(total, Arc::clone(&bytes))
        } else {
            ProgressBar::hidden()
        };
        Progress {
            bar: pb,
            summary,
            start: Instant::now(),
            bytes,
            documents: 0,
            errors: 0,
        }
    }

    /// One document done: its bytes of text, or an error record.
    pub fn inc(&mut self, bytes: usize, failed: bool) {
        self.bytes.fetch_add(bytes as u64, Ordering::Relaxed);
        if failed {
            self.errors += 1;
        } else {
            self.documents += 1;
        }
        self.bar.inc(1);
    }

    /// Clears the bar and prints the summary line.
    pub fn finish(&self) {
        self.bar.finish_and_clear();
        if self.summary {
            eprintln!("{}", self.summary_line(self.start.elapsed()));
        }
    }

    /// "wortlaut: 850 documents, 2 errors, 4.6 MB in 2.1 s (2.2 MB/s)".
    fn summary_line(&self, elapsed: Duration) -> String {
        let bytes = self.bytes.load(Ordering::Relaxed);
        let secs = elapsed.as_secs_f64();
        let mb = bytes as f64 / 1e6;
        let rate = if secs > 0.0 { mb / secs } else { 0.0 };
        format!(
            "wortlaut: {}, {}, {} MB in {:.1} s ({} MB/s){}",
            plural(self.documents, "document", "documents"),
            plural(self.errors, "error", "errors"),
            decimal(mb),
            secs,
            decimal(rate),
            if self.errors > 0 {
                "; see the error records"
            } else {
                ""
            }
        )
    }
}

fn plural(n: u64, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Two decimals below 1, one below 10, whole numbers above.
fn decimal(x: f64) -> String {
    if x < 1.0 {
        format!("{x:.2}")
    } else if x < 10.0 {
        format!("{x:.1}")
    } else {
        format!("{x:.0}")
    }
}

/// Whole documents per second.
fn rate(state: &ProgressState, w: &mut dyn std::fmt::Write) {
    let _ = write!(w, "{:.0} docs/s", state.per_sec());
}

/// Text read per second: MB/s, or kB/s below one MB/s, whole numbers.
fn throughput(bytes: &AtomicU64, state: &ProgressState, w: &mut dyn std::fmt::Write) {
    let secs = state.elapsed().as_secs_f64();
    if secs <= 0.0 {
        return;
    }
    let per_sec = bytes.load(Ordering::Relaxed) as f64 / secs;
    let _ = if per_sec >= 1e6 {
        write!(w, "{:.0} MB/s", per_sec / 1e6)
    } else {
        write!(w, "{:.0} kB/s", per_sec / 1e3)
    };
}

/// The time left, once it means something.
fn eta(state: &ProgressState, w: &mut dyn std::fmt::Write) {
    if let Some(len) = state.len() {
        if let Some(t) = eta_text(state.elapsed(), state.pos(), len, state.eta()) {
            let _ = w.write_str(&t);
        }
    }
}

/// "eta 1m05s" once [`ETA_AFTER`] has passed and a [`ETA_SHARE`]th of the
/// documents is done; `None` before.
fn eta_text(elapsed: Duration, pos: u64, len: u64, left: Duration) -> Option<String> {
    if elapsed < ETA_AFTER || pos.saturating_mul(ETA_SHARE) < len {
        return None;
    }
    let left = left.as_secs();
    Some(if left >= 3600 {
        format!("eta {}h{:02}m", left / 3600, left % 3600 / 60)
    } else if left >= 60 {
        format!("eta {}m{:02}s", left / 60, left % 60)
    } else {
        format!("eta {left}s")
    })
}

/// The bar's template for a known number of documents.
const TEMPLATE: &str = "{bar:20} {pos}/{len} docs  {rate}  {throughput}  {eta}";

fn styled(total: Option<u64>, bytes: Arc<AtomicU64>) -> ProgressBar {
    // At most 79 columns: bar 20, "123456/123456 docs" 18, "12345 docs/s"
    // 12, "1234 kB/s" 9, "eta 12h59m" 10, separators.
    let (bar, template) = match total {
        Some(n) => (ProgressBar::new(n), TEMPLATE),
        None => (
            ProgressBar::new_spinner(),
            "{spinner} {pos} docs  {rate}  {throughput}",
        ),
    };
    if let Ok(style) = ProgressStyle::with_template(template) {
        let style = style
            .with_key("rate", rate)
            .with_key(
                "throughput",
                move |s: &ProgressState, w: &mut dyn std::fmt::Write| throughput(&bytes, s, w),
            )
            .with_key("eta", eta);
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_is_one_line_with_counts_and_rate() {
        let mut p = Progress::new(false, true, Some(3));
        p.inc(2_000_000, false);
        p.inc(0, true);
        p.inc(1_000_000, false);
        assert_eq!(
            p.summary_line(Duration::from_secs(2)),
            "wortlaut: 2 documents, 1 error, 3.0 MB in 2.0 s (1.5 MB/s); see the error records"
        );
    }

    #[test]
    fn no_eta_before_it_means_something() {
        let left = Duration::from_secs(65);
        let s = Duration::from_secs;
        // Too early, or too little done: nothing.
        assert_eq!(eta_text(s(1), 50, 100, left), None);
        assert_eq!(eta_text(s(30), 4, 100, left), None);
        assert_eq!(eta_text(s(4), 5, 100, left).as_deref(), Some("eta 1m05s"));
        assert_eq!(
            eta_text(s(4), 5, 100, s(7260)).as_deref(),
            Some("eta 2h01m")
        );
    }

    #[test]
    fn the_bar_fits_in_80_columns() {
        // The widest each field gets: a million documents, a hundred
        // thousand per second, 9999 kB/s, eta 99h59m.
        let line = TEMPLATE
            .replace("{bar:20}", &"#".repeat(20))
            .replace("{pos}", "999999")
            .replace("{len}", "999999")
            .replace("{rate}", "99999 docs/s")
            .replace("{throughput}", "9999 kB/s")
            .replace("{eta}", "eta 99h59m");
        assert!(line.chars().count() < 80, "{} columns", line.len());
    }
}
