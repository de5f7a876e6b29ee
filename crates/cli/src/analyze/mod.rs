//! `wortlaut analyze`: read documents (files, folders, stdin, JSON Lines),
//! analyse them in bounded batches with [`wortlaut::Batch`], and write them
//! in one of the output formats ([`output`]).

pub mod input;
pub mod output;
#[cfg(feature = "parquet")]
pub mod parquet_out;
pub mod progress;
pub mod tables;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::ValueEnum;
use wortlaut::{Batch, OffsetUnit, Pipeline};

use crate::error::CliError;
use crate::options::SentimentArgs;
use input::{Doc, DocError};
use output::{Format, Writer};

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum InputKind {
    /// Each path is one document (folders: every *.txt inside).
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
    let stdout = std::io::stdout();
    let tables = args
        .tables
        .as_deref()
        .map(|dir| tables::Tables::create(dir, args.tables_format))
        .transpose()?;
    let mut writer = Writer::new(
        std::io::BufWriter::new(stdout.lock()),
        format,
        unit,
        tables,
        views,
    )?
    .report_docs(args.report_docs.unwrap_or(REPORT_DOCS));
    let terminal = std::io::stderr().is_terminal();
    let show = args.progress != Progress::Never && terminal;
    let summary = args.progress == Progress::Always || show;
    let mut batch: Batch<DocError> = Batch::new(args.batch, args.batch_bytes);
    let mut failed = 0usize;

    // Analyses the batch (in parallel, on the pool), writes it in input
    // order and flushes.
    let mut run = |batch: &mut Batch<DocError>,
                   writer: &mut Writer<_>,
                   bar: &mut progress::Progress|
     -> Result<(), CliError> {
        for r in pool.install(|| batch.run(&pipeline, unit)) {
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

    match args.input {
        InputKind::Text => {
            let files = input::expand_paths(&args.paths, "txt")?;
            let mut bar = progress::Progress::new(show, summary, Some(files.len() as u64));
            for path in files {
                let id = path.display().to_string();
                let bytes = match input::read_bounded(&path, args.max_bytes) {
                    Ok(Err(size)) => Err(DocError::new(
                        "too_large",
                        format!(
                            "{size} bytes exceed --max-bytes {}; raise the limit or split the document",
                            args.max_bytes
                        ),
                    )),
                    // Invalid UTF-8 is repaired (and reported) by the pipeline.
                    Ok(Ok(b)) => Ok(b),
                    Err(e) => Err(DocError::new(
                        "unreadable",
                        format!("cannot read file: {e}"),
                    )),
                };
                // The path is the text file's metadata.
                let mut meta = wortlaut::Meta::new();
                meta.insert("path".into(), id.clone().into());
                let doc = Doc {
                    id,
                    bytes,
                    meta: Some(meta),
                };
                if batch.push(doc) {
                    run(&mut batch, &mut writer, &mut bar)?;
                }
            }
            run(&mut batch, &mut writer, &mut bar)?;
            bar.finish();
        }
        InputKind::Jsonl => {
            let mut bar = progress::Progress::new(show, summary, None);
            if let Some(p) = args
                .paths
                .iter()
                .find(|p| p.as_os_str() != "-" && !p.exists())
            {
                return Err(CliError::NotFound(p.clone()));
            }
            // A reader thread parses records into a bounded channel while
            // the pool analyses the previous batch. A batch is processed when
            // it is full (`--batch`, `--batch-bytes`) or its first document
            // has waited FLUSH_INTERVAL, so that a slow stream still gets
            // its output; output stays in input order and is flushed after
            // every batch. At most about two batches are in memory.
            let (tx, rx) =
                std::sync::mpsc::sync_channel::<Result<Doc, CliError>>(args.batch.max(1));
            let paths = args.paths.clone();
            let max_bytes = args.max_bytes;
            let reader = std::thread::spawn(move || {
                for path in &paths {
                    let sent = input::jsonl_docs(path, max_bytes, |doc| {
                        tx.send(Ok(doc)).map_err(|_| CliError::Stopped)
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
                    Ok(Ok(doc)) => {
                        since.get_or_insert_with(std::time::Instant::now);
                        batch.push(doc)
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
    writer.finish()?;
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

/// Longest time a document read from a stream waits for its batch to fill
/// before the batch is processed and written.
const FLUSH_INTERVAL: std::time::Duration = std::time::Duration::from_secs(1);
