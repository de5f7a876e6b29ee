//! `wortlaut analyze`: read documents (files, folders, stdin, JSON Lines),
//! analyse them in bounded batches with [`wortlaut::Batch`], and write them
//! in one of the output formats ([`output`]).

pub mod decode;
pub mod input;
pub mod outfile;
pub mod output;
#[cfg(feature = "parquet")]
pub mod parquet_out;
pub mod progress;
pub mod queue;
pub mod tables;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use wortlaut::{OffsetUnit, Pipeline, RepairKind};

use crate::error::CliError;
use crate::options::SentimentArgs;
use input::{Doc, DocError};
use output::{Format, Writer};
use queue::Queue;

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum InputKind {
    /// Each path is one document (folders: every *.txt inside). A
    /// `*.jsonl`/`*.ndjson` file, or stdin that looks like JSON Lines, is
    /// refused with a hint to use `--input jsonl` (it is never guessed).
    Text,
    /// Each path is a JSON Lines file (`-` for stdin) of `{"id", "text"}`.
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Offsets {
    /// Unicode code points of the original input (Python `str` indices).
    Chars,
    /// UTF-8 bytes of the original input.
    Bytes,
}

/// A part of the record that `--only` selects.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Part {
    /// Entity mentions (the gazetteer; no segmentation, no quotes, no
    /// sentiment).
    Mentions,
    /// Quotations with their speakers (the gazetteer finds the speakers'
    /// entities; their mentions are not written).
    Quotes,
    /// Polarity and stance (quotations are found for the stance, not
    /// written).
    Sentiment,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum IntervalArg {
    /// Calendar days (2024-06-20).
    Day,
    /// ISO weeks (2024-W25).
    Week,
    /// Calendar months (2024-06).
    Month,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Progress {
    /// A progress bar and a one-line summary at the end when stderr is a
    /// terminal.
    Auto,
    /// The bar when stderr is a terminal, the summary line always.
    Always,
    /// Neither.
    Never,
}

#[derive(clap::Args)]
pub struct AnalyzeArgs {
    /// Files, folders or `-` (stdin).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value = "text")]
    input: InputKind,
    /// Output format (default: jsonl; with --tables and no --format,
    /// nothing on stdout).
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Also write the analyses as CSV tables into this folder:
    /// documents.csv, mentions.csv, quotes.csv, stances.csv, errors.csv
    /// (docs/FORMATS.md).
    #[arg(long, value_name = "DIR")]
    tables: Option<PathBuf>,
    /// The file format of --tables.
    #[arg(long, value_enum, requires = "tables", default_value = "csv")]
    tables_format: tables::TableFormat,
    /// Unit of every offset in the output (default: chars; not with
    /// --format wikinews-quotes, whose offsets are always code points).
    #[arg(long, value_enum)]
    offsets: Option<Offsets>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Include the normalised text in every record.
    #[arg(long)]
    normalized: bool,
    /// Include the word tokens in every record (left out by default).
    #[arg(long)]
    tokens: bool,
    /// Include the sentences and their polarity in every record (left out
    /// by default).
    #[arg(long)]
    sentences: bool,
    /// Find the mentions of this gazetteer's entities (TSV or compiled with
    /// `wortlaut gazetteer compile`, docs/FORMATS.md) instead of the
    /// embedded default gazetteer.
    #[arg(long, conflicts_with = "no_gazetteer")]
    gazetteer: Option<PathBuf>,
    /// Find no entity mentions.
    #[arg(long)]
    no_gazetteer: bool,
    /// Find only the names the gazetteer lists: no people, organisations
    /// or places discovered by pattern and context (mentions with
    /// `"discovered": true`, ids `person:…`, `org:…`, `place:…`).
    #[arg(long, conflicts_with = "no_gazetteer")]
    no_discovery: bool,
    /// Let this trained speaker model (from `wortlaut train quotes`)
    /// choose the speaker of each quote instead of the rules.
    #[arg(long, value_name = "MODEL")]
    quote_model: Option<PathBuf>,
    #[command(flatten)]
    sentiment: SentimentArgs,
    /// --format html: render at most this many articles (the first ones);
    /// the summary covers every document [default: 200].
    #[arg(long, value_name = "N")]
    report_docs: Option<usize>,
    /// Summarise per value of this metadata field too (speakers, stance,
    /// quotations per outlet): text, json and html formats.
    #[arg(long, value_name = "FIELD")]
    group_by: Option<String>,
    /// Summarise over time by this metadata field (ISO 8601 dates or
    /// date-times): text, json and html formats.
    #[arg(long, value_name = "FIELD")]
    time_field: Option<String>,
    /// The periods of --time-field.
    #[arg(long, value_enum, requires = "time_field", default_value = "month")]
    interval: IntervalArg,
    /// Write only these parts of each record (comma-separated) and run only
    /// the stages they need: `--only mentions` matches the gazetteer and
    /// nothing else.
    #[arg(long, value_enum, value_delimiter = ',')]
    only: Vec<Part>,
    /// Documents larger than this many bytes become error records.
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    max_bytes: usize,
    /// Documents processed together in parallel (bounds memory on streams).
    #[arg(long, default_value_t = 512)]
    batch: usize,
    /// A batch is also processed once its documents reach this many bytes
    /// (bounds memory on streams of large documents).
    #[arg(long, default_value_t = 64 * 1024 * 1024)]
    batch_bytes: usize,
    /// Write the output to this file instead of stdout (in whole lines, so
    /// that a run stopped by SIGINT or SIGTERM leaves no torn record).
    #[arg(long, value_name = "FILE")]
    output: Option<PathBuf>,
    /// Continue an interrupted or killed run into `--output FILE`: a torn
    /// last line is cut, the documents whose records are already in FILE
    /// (matched by id, in order) are skipped, the rest is appended. Only
    /// for the line formats (jsonl, wikinews-quotes), with the same inputs
    /// and options as the first run.
    #[arg(long, requires = "output")]
    resume: bool,
    /// How input bytes are decoded (docs/FORMATS.md).
    #[arg(long, value_enum, default_value = "auto")]
    encoding: decode::Encoding,
    /// Follow symbolic links inside folders (a link back to a folder being
    /// walked is skipped as a cycle; a file reached twice is analysed once).
    /// Without it, links inside folders are skipped.
    #[arg(long)]
    follow_links: bool,
    /// Progress bar on stderr.
    #[arg(long, value_enum, default_value = "auto")]
    progress: Progress,
}

fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool, CliError> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        b = b.num_threads(n.max(1));
    }
    b.build()
        .map_err(|e| CliError::Threads(threads.unwrap_or(0), e.to_string()))
}

/// Loads `--gazetteer FILE`; every error names the file.
fn load_gazetteer(path: &std::path::Path) -> Result<wortlaut::Gazetteer, CliError> {
    if !path.exists() {
        return Err(CliError::MissingFile {
            role: "gazetteer".to_string(),
            path: path.to_path_buf(),
            hint:
                "check the path given to --gazetteer (a TSV or compiled gazetteer, docs/FORMATS.md)"
                    .to_string(),
        });
    }
    wortlaut::Gazetteer::load(path).map_err(|e| match e {
        wortlaut::gazetteer::Error::Io(io) => CliError::Read(path.to_path_buf(), io),
        e => CliError::GazetteerFile(path.to_path_buf(), e),
    })
}

/// Runs `analyze`.
pub fn run(args: AnalyzeArgs) -> Result<ExitCode, CliError> {
    let format = args.format.unwrap_or(if args.tables.is_some() {
        Format::Nothing
    } else {
        Format::Jsonl
    });
    let views = wortlaut_corpus::Views {
        group_by: args.group_by.clone(),
        time: args.time_field.clone().map(|f| {
            (
                f,
                match args.interval {
                    IntervalArg::Day => wortlaut_corpus::Interval::Day,
                    IntervalArg::Week => wortlaut_corpus::Interval::Week,
                    IntervalArg::Month => wortlaut_corpus::Interval::Month,
                },
            )
        }),
    };
    if views != wortlaut_corpus::Views::default()
        && !matches!(format, Format::Text | Format::Json | Format::Html)
    {
        return Err(CliError::Usage(
            "--group-by and --time-field shape the corpus summary: use them with --format text, json or html"
                .to_string(),
        ));
    }
    if args.report_docs.is_some() && format != Format::Html {
        return Err(CliError::Usage(
            "--report-docs applies to --format html only".to_string(),
        ));
    }
    if format == Format::WikinewsQuotes {
        // Options that change nothing in this format are refused.
        let given = [
            (
                args.offsets == Some(Offsets::Bytes),
                "--offsets bytes (its offsets are always code points)",
            ),
            (args.tokens, "--tokens"),
            (args.sentences, "--sentences"),
            (args.normalized, "--normalized"),
        ];
        if let Some((_, name)) = given.iter().find(|(on, _)| *on) {
            return Err(CliError::Usage(format!(
                "{name} does not apply to --format wikinews-quotes, which writes only the quotes; leave it out"
            )));
        }
    }
    let mut builder = Pipeline::builder();
    builder
        .keep_normalized(args.normalized)
        .tokens(args.tokens)
        .sentences(args.sentences);
    if let Some(path) = &args.gazetteer {
        builder.gazetteer(load_gazetteer(path)?);
    } else if args.no_gazetteer {
        builder.no_gazetteer();
    }
    builder.discovery(!args.no_discovery);
    if let Some(path) = &args.quote_model {
        builder.speaker_model(wortlaut::SpeakerModel::load(path)?);
    }
    // The tagger is built only when sentiment is written (building its
    // lexicon index is most of the start-up time).
    let sentiment_off = !args.only.is_empty() && !args.only.contains(&Part::Sentiment);
    if sentiment_off {
        if args.sentiment.lexicon().is_some() {
            return Err(CliError::Usage(
                "--lexicon does not apply when --only leaves out sentiment; add sentiment to --only or leave --lexicon out"
                    .to_string(),
            ));
        }
        builder.no_sentiment();
    } else {
        args.sentiment.apply(&mut builder)?;
    }
    if !args.only.is_empty() {
        let has = |p: Part| args.only.contains(&p);
        if format == Format::WikinewsQuotes && !has(Part::Quotes) {
            return Err(CliError::Usage(
                "--format wikinews-quotes writes quotes: add quotes to --only".to_string(),
            ));
        }
        if has(Part::Sentiment) && args.sentiment.is_off() {
            return Err(CliError::Usage(
                "--only sentiment and --no-sentiment contradict each other".to_string(),
            ));
        }
        if has(Part::Mentions) && args.no_gazetteer {
            return Err(CliError::Usage(
                "--only mentions and --no-gazetteer contradict each other".to_string(),
            ));
        }
        builder
            .mentions(has(Part::Mentions))
            .quotes(has(Part::Quotes));
        if !has(Part::Sentiment) {
            builder.no_sentiment();
        }
        if !has(Part::Quotes) && !has(Part::Sentiment) {
            builder.no_quotes();
        }
    }
    let pipeline = builder.build().map_err(CliError::Pipeline)?;
    let pool = thread_pool(args.threads)?;
    let unit = match args.offsets {
        Some(Offsets::Bytes) => OffsetUnit::Bytes,
        // The dataset's offsets are code points.
        Some(Offsets::Chars) | None => OffsetUnit::Chars,
    };
    let tables = args
        .tables
        .as_deref()
        .map(|dir| tables::Tables::create(dir, args.tables_format))
        .transpose()?;
    if args.resume && !matches!(format, Format::Jsonl | Format::WikinewsQuotes) {
        return Err(CliError::ResumeFormat);
    }
    let mut resume = match (&args.output, args.resume) {
        (Some(path), true) => Some(outfile::Resume::open(path)?),
        _ => None,
    };
    let signals = outfile::Signals::install()?;
    let out: Box<dyn std::io::Write> = match &args.output {
        Some(path) => {
            let mut open = std::fs::OpenOptions::new();
            if args.resume {
                open.create(true).append(true);
            } else {
                open.create(true).write(true).truncate(true);
            }
            let file = open
                .open(path)
                .map_err(|e| CliError::WriteFile(path.clone(), e))?;
            Box::new(file)
        }
        None => Box::new(std::io::stdout().lock()),
    };
    let mut writer = Writer::new(
        outfile::WholeLines::new(out, 1 << 20),
        format,
        unit,
        tables,
        views,
    )?
    .report_docs(args.report_docs.unwrap_or(REPORT_DOCS));
    let mut written = 0usize;
    let mut skipped = 0usize;
    let terminal = std::io::stderr().is_terminal();
    let show = args.progress != Progress::Never && terminal;
    let summary = args.progress == Progress::Always || show;
    let mut batch = Queue::new(args.batch, args.batch_bytes);
    let mut failed = 0usize;

    // Analyses the batch (in parallel, on the pool), writes it in input
    // order and flushes.
    let mut run = |batch: &mut Queue,
                   writer: &mut Writer<_>,
                   bar: &mut progress::Progress|
     -> Result<(), CliError> {
        signals.check()?;
        for r in pool.install(|| batch.run(&pipeline, unit)) {
            // A signal: the records written so far stay, whole.
            if let Err(e) = signals.check() {
                writer.flush()?;
                return Err(e);
            }
            written += 1;
            match r {
                Ok(doc) => {
                    writer.document(&doc.text, &doc.analysis)?;
                    bar.inc(doc.text.len(), false);
                }
                Err((id, e)) => {
                    failed += 1;
                    writer.error(&id, &e)?;
                    bar.inc(0, true);
                }
            }
        }
        writer.flush()?;
        Ok(())
    };

    // Whether the document is already in the output file (`--resume`).
    let mut done = |id: &str| -> Result<bool, CliError> {
        let skip = match &mut resume {
            Some(r) => r.skip(id)?,
            None => false,
        };
        skipped += usize::from(skip);
        Ok(skip)
    };

    let outcome = (|| -> Result<(), CliError> {
        match args.input {
            InputKind::Text => {
                let expanded = input::expand_paths(&args.paths, "txt", args.follow_links)?;
                for note in &expanded.notes {
                    eprintln!("wortlaut: {note}");
                }
                let mut bar =
                    progress::Progress::new(show, summary, Some(expanded.entries.len() as u64));
                for entry in expanded.entries {
                    let (input::Entry::File(path) | input::Entry::Failed(path, _)) = &entry;
                    if done(&path.display().to_string())? {
                        continue;
                    }
                    let (path, bytes, decoded) = match entry {
                        input::Entry::Failed(path, e) => (path, Err(e), None),
                        input::Entry::File(path) => {
                            match read_text_file(&path, args.max_bytes, args.encoding)? {
                                Ok((bytes, decoded)) => (path, Ok(bytes), decoded),
                                Err(e) => (path, Err(e), None),
                            }
                        }
                    };
                    let id = path.display().to_string();
                    // The path is the text file's metadata.
                    let mut meta = wortlaut::Meta::new();
                    meta.insert("path".into(), id.clone().into());
                    let doc = Doc {
                        id,
                        bytes,
                        meta: Some(meta),
                    };
                    if batch.push(doc, decoded) {
                        run(&mut batch, &mut writer, &mut bar)?;
                    }
                }
                run(&mut batch, &mut writer, &mut bar)?;
                bar.finish();
            }
            InputKind::Jsonl => {
                let mut bar = progress::Progress::new(show, summary, None);
                // A reader thread parses records into a bounded channel while
                // the pool analyses the previous batch. A batch is processed when
                // it is full (`--batch`, `--batch-bytes`) or its first document
                // has waited FLUSH_INTERVAL, so that a slow stream still gets
                // its output; output stays in input order and is flushed after
                // every batch. At most about two batches are in memory.
                let (tx, rx) = std::sync::mpsc::sync_channel::<
                    Result<(Doc, Option<RepairKind>), CliError>,
                >(args.batch.max(1));
                let paths = args.paths.clone();
                let max_bytes = args.max_bytes;
                let encoding = args.encoding;
                let reader = std::thread::spawn(move || {
                    for path in &paths {
                        let sent = input::jsonl_docs(path, max_bytes, encoding, |doc, decoded| {
                            tx.send(Ok((doc, decoded))).map_err(|_| CliError::Stopped)
                        });
                        if let Err(e) = sent {
                            // Nobody listens any more after a send failed.
                            let _ = tx.send(Err(e));
                            return;
                        }
                    }
                });
                let mut since: Option<std::time::Instant> = None;
                loop {
                    let wait = since.map_or(FLUSH_INTERVAL, |t| {
                        FLUSH_INTERVAL.saturating_sub(t.elapsed())
                    });
                    let full = match rx.recv_timeout(wait) {
                        Ok(Ok((doc, _))) if done(&doc.id)? => false,
                        Ok(Ok((doc, decoded))) => {
                            since.get_or_insert_with(std::time::Instant::now);
                            batch.push(doc, decoded)
                        }
                        Ok(Err(e)) => {
                            // A source failed (unreadable): what was read before
                            // is still written.
                            run(&mut batch, &mut writer, &mut bar)?;
                            return Err(e);
                        }
                        Err(std::sync::mpsc::RecvTimeoutError::Timeout) => true,
                        Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                    };
                    let overdue = since.is_some_and(|t| t.elapsed() >= FLUSH_INTERVAL);
                    if (full || overdue) && !batch.is_empty() {
                        run(&mut batch, &mut writer, &mut bar)?;
                        since = None;
                    }
                }
                run(&mut batch, &mut writer, &mut bar)?;
                // The reader has sent everything (the channel is closed).
                let _ = reader.join();
                bar.finish();
            }
        }
        Ok(())
    })();
    let interrupted = match outcome {
        Ok(()) => None,
        Err(CliError::Interrupted(sig)) => Some(sig),
        Err(e) => return Err(e),
    };
    // An interrupted run still ends its output properly (a JSON document
    // closed, the summary of what was done).
    writer.finish()?;
    let place = args
        .output
        .as_ref()
        .map_or_else(|| "stdout".to_string(), |p| p.display().to_string());
    if let Some(r) = &resume {
        let cut = if r.cut > 0 {
            format!(", a torn last line of {} bytes cut", r.cut)
        } else {
            String::new()
        };
        eprintln!(
            "wortlaut: resumed {place}: {} record(s) kept{cut}, {skipped} document(s) skipped, {written} added",
            r.done
        );
        if r.unmatched() > 0 {
            eprintln!(
                "wortlaut: {place} holds {} record(s) more than this run's inputs",
                r.unmatched()
            );
        }
        failed += r.failed;
    }
    if let Some(sig) = interrupted {
        let again = if args.output.is_some() {
            "; run it again with --resume to continue"
        } else {
            ""
        };
        eprintln!(
            "wortlaut: stopped by {}: {written} document(s) written to {place} ({failed} failed){again}",
            outfile::signal_name(sig)
        );
        return Ok(ExitCode::from(u8::try_from(128 + sig).unwrap_or(1)));
    }
    if failed > 0 {
        if !summary {
            eprintln!("wortlaut: {failed} document(s) failed; see the error records");
        }
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// Articles the HTML report renders unless --report-docs says otherwise.
const REPORT_DOCS: usize = 200;
/// Reads and decodes one file (or `-`) of a text run: its UTF-8 bytes and
/// how they were decoded, or the error record for it. Stdin that looks
/// like JSON Lines is refused (a usage error).
fn read_text_file(
    path: &std::path::Path,
    max_bytes: usize,
    encoding: decode::Encoding,
) -> Result<Result<decode::Decoded, DocError>, CliError> {
    Ok(match input::read_bounded(path, max_bytes) {
        Ok(Err(size)) => Err(DocError::new(
            "too_large",
            format!(
                "{size} bytes exceed --max-bytes {max_bytes}; raise the limit or split the document"
            ),
        )),
        Ok(Ok(b)) if path.as_os_str() == "-" && input::looks_like_jsonl(&b) => {
            return Err(CliError::LooksJsonl(path.to_path_buf()));
        }
        // Invalid UTF-8 left after decoding is repaired (and reported) by
        // the pipeline.
        Ok(Ok(b)) => decode::decode(b, encoding),
        Err(e) => Err(DocError::new(
            "unreadable",
            format!("cannot read file: {e}"),
        )),
    })
}

/// Longest time a document read from a stream waits for its batch to fill
/// before the batch is processed and written.
const FLUSH_INTERVAL: std::time::Duration = std::time::Duration::from_secs(1);
