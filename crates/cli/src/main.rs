//! `wortlaut`: analyse German news articles from the command line.
//!
//! Exit codes: 0 when every document was analysed; 1 when at least one
//! document could not be read or parsed (it is reported as an error record
//! and the run goes on); 2 on a usage error or a fatal error (an input path
//! that does not exist, output that cannot be written).

#![forbid(unsafe_code)]

mod error;
mod input;
mod output;

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;

use wortlaut::{OffsetUnit, Pipeline};

use crate::error::CliError;
use crate::input::{Doc, DocError};
use crate::output::{Format, Writer};

#[derive(Parser)]
#[command(
    name = "wortlaut",
    version,
    about = "Fast, exact NLP for German news: who is mentioned, who said what, about whom, with what stance",
    after_help = "Exit codes: 0 every document analysed; 1 some documents failed (each is an error record in the output); 2 usage or fatal error.\nOffsets in the output are Unicode code points of the original input unless --offsets bytes is given (docs/FORMATS.md)."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analyse documents: files, folders (recursively, *.txt), `-` for stdin,
    /// or JSON Lines with `--input jsonl`.
    Analyze(AnalyzeArgs),
    /// Score wortlaut against reference annotations.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
    /// Work with gazetteer files (docs/FORMATS.md).
    Gazetteer {
        #[command(subcommand)]
        what: GazetteerCommand,
    },
}

#[derive(Subcommand)]
enum GazetteerCommand {
    /// Report every problem of a gazetteer file with its line number (exit
    /// code 1 if there is any).
    Check {
        /// The gazetteer file (TSV, or compiled: then it is loaded and
        /// checked whole).
        file: PathBuf,
    },
    /// Compile a gazetteer file (TSV) into the compiled format, which
    /// `--gazetteer` loads without parsing or building (docs/FORMATS.md).
    Compile {
        /// The gazetteer file (TSV).
        file: PathBuf,
        /// Where to write the compiled gazetteer.
        #[arg(short, long)]
        output: PathBuf,
    },
}

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

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
enum Progress {
    /// Show a progress bar when stderr is a terminal.
    Auto,
    /// Never show one.
    Never,
}

#[derive(clap::Args)]
struct AnalyzeArgs {
    /// Files, folders or `-` (stdin).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// How to read the inputs.
    #[arg(long, value_enum, default_value = "text")]
    input: InputKind,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Unit of every offset in the output.
    #[arg(long, value_enum, default_value = "chars")]
    offsets: Offsets,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
    /// Include the normalised text in every record.
    #[arg(long)]
    normalized: bool,
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

/// Options of the sentiment stage.
#[derive(clap::Args, Clone)]
struct SentimentArgs {
    /// Tag polarity with this lexicon instead of the embedded one: SentiWS
    /// (word|POS<TAB>weight<TAB>forms), GermanPolarityClues, word<TAB>weight,
    /// or lemma<TAB>N|A|V<TAB>weight (docs/FORMATS.md). Negators, degree
    /// words, shifters and evaluative verbs stay.
    #[arg(long, conflicts_with = "no_sentiment")]
    lexicon: Option<PathBuf>,
    /// Half-width of the neutral band: polarity scores within [-band, band]
    /// are neutral.
    #[arg(long, default_value_t = wortlaut::sentiment::NEUTRAL_BAND)]
    neutral_band: f32,
    /// Weight of negative evidence relative to positive.
    #[arg(long, default_value_t = wortlaut::sentiment::NEGATIVITY)]
    negativity: f32,
    /// Added to the denominator of the document score per word token: long
    /// texts need more evidence for a label.
    #[arg(long, default_value_t = wortlaut::sentiment::LENGTH_DAMPING)]
    length_damping: f32,
    /// Tag no sentiment or stance.
    #[arg(long)]
    no_sentiment: bool,
}

impl SentimentArgs {
    fn apply(&self, builder: &mut wortlaut::PipelineBuilder) -> Result<(), CliError> {
        if self.no_sentiment {
            builder.no_sentiment();
            return Ok(());
        }
        let mut tagger = wortlaut::Tagger::builder();
        if let Some(path) = &self.lexicon {
            tagger.lexicon(wortlaut::Lexicon::load(path)?);
        }
        tagger
            .neutral_band(self.neutral_band)
            .negativity(self.negativity)
            .length_damping(self.length_damping);
        builder.tagger(tagger.build()?);
        Ok(())
    }
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Entity mentions against the seeds' gold (span, type, linking).
    Mentions {
        /// The gold file, e.g. ../shared/eval/seeds/gold.json.
        #[arg(long)]
        gold: PathBuf,
        /// The folder with the seed articles.
        #[arg(long, default_value = "seeds")]
        docs: PathBuf,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Entity mentions against GermEval 2014 (outer entities; GPE/LOC →
    /// LOC, NORP → LOCderiv, ORG → ORG, PER → PER).
    Germeval2014 {
        /// The gold file, e.g. ../shared/eval/germeval2014/dev.jsonl.
        #[arg(long)]
        gold: PathBuf,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Quotes of the seeds against their gold: share found per kind, and
    /// share of those whose speaker resolves to the gold entity.
    SeedQuotes {
        /// The gold file, e.g. ../shared/eval/seeds/gold.json.
        #[arg(long)]
        gold: PathBuf,
        /// The folder with the seed articles.
        #[arg(long, default_value = "seeds")]
        docs: PathBuf,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Quotations against the German Wikinews quotation data, with the
    /// dataset's metric (the same figures as its `wikinews_quotes.py score`).
    Quotes {
        /// The gold file, e.g. ../shared/eval/wikinews-quotes/dev.jsonl.
        #[arg(long)]
        gold: PathBuf,
        /// Score this prediction file (JSON lines `{"id", "quotes"}`)
        /// instead of running the pipeline on the gold texts.
        #[arg(long)]
        pred: Option<PathBuf>,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Document polarity against GermEval 2017 (subtask B layout: JSON lines
    /// with `text` and `label`): accuracy, macro-F1, confusion matrix, on
    /// all documents and on the two halves (even and odd lines).
    Sentiment {
        /// The gold file, e.g. ../shared/eval/germeval2017/dev.jsonl.
        #[arg(long)]
        gold: PathBuf,
        #[command(flatten)]
        sentiment: SentimentArgs,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Stance triples (speaker entity, target entity, polarity) of the seeds
    /// against their gold: precision, recall, F1, and every miss.
    Stance {
        /// The gold file, e.g. ../shared/eval/seeds/gold.json.
        #[arg(long)]
        gold: PathBuf,
        /// The folder with the seed articles.
        #[arg(long, default_value = "seeds")]
        docs: PathBuf,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Sentence and token boundaries against a German Wikinews quotation
    /// file (its `sentences` and `tokens`).
    Segmentation {
        /// The gold file, e.g. ../shared/eval/wikinews-quotes/dev.jsonl.
        #[arg(long)]
        gold: PathBuf,
        /// Print the scores as JSON.
        #[arg(long)]
        json: bool,
        /// Print up to this many disagreements of each kind.
        #[arg(long, default_value_t = 0)]
        errors: usize,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze(args),
        Command::Eval { what } => eval(what),
        Command::Gazetteer { what } => gazetteer(what),
    };
    match result {
        Ok(code) => code,
        // The reader of the output has gone (`| head`): end quietly.
        Err(e) if e.is_broken_pipe() => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("wortlaut: {e}");
            ExitCode::from(2)
        }
    }
}

fn thread_pool(threads: Option<usize>) -> Result<rayon::ThreadPool, CliError> {
    let mut b = rayon::ThreadPoolBuilder::new();
    if let Some(n) = threads {
        b = b.num_threads(n.max(1));
    }
    b.build()
        .map_err(|e| CliError::Threads(threads.unwrap_or(0), e.to_string()))
}

fn analyze(args: AnalyzeArgs) -> Result<ExitCode, CliError> {
    let mut builder = Pipeline::builder();
    builder.keep_normalized(args.normalized);
    if let Some(path) = &args.gazetteer {
        builder.gazetteer(wortlaut::Gazetteer::load(path)?);
    } else if args.no_gazetteer {
        builder.no_gazetteer();
    }
    args.sentiment.apply(&mut builder)?;
    let pipeline = builder.build().map_err(CliError::Pipeline)?;
    let pool = thread_pool(args.threads)?;
    let unit = match args.offsets {
        // The dataset's offsets are code points.
        _ if args.format == Format::WikinewsQuotes => OffsetUnit::Chars,
        Offsets::Chars => OffsetUnit::Chars,
        Offsets::Bytes => OffsetUnit::Bytes,
    };
    let stdout = std::io::stdout();
    let mut writer = Writer::new(std::io::BufWriter::new(stdout.lock()), args.format, unit)?;
    let show = args.progress == Progress::Auto && std::io::stderr().is_terminal();
    let batch_size = args.batch.max(1);
    let mut failed = 0usize;
    let mut pending: Vec<Doc> = Vec::with_capacity(batch_size);

    let mut run =
        |docs: &mut Vec<Doc>, writer: &mut Writer<_>, bar: &ProgressBar| -> Result<(), CliError> {
            let results: Vec<Result<(String, wortlaut::Analysis), (String, DocError)>> = pool
                .install(|| {
                    docs.par_drain(..)
                        .map(|doc| match doc.text {
                            Ok(text) => {
                                let (decoded, analysis) = pipeline.analyze_bytes(&text);
                                let a = analysis.with_id(doc.id).into_unit(&decoded, unit);
                                Ok((decoded.into_owned(), a))
                            }
                            Err(e) => Err((doc.id, e)),
                        })
                        .collect()
                });
            for r in results {
                match r {
                    Ok((text, a)) => writer.document(&text, &a)?,
                    Err((id, e)) => {
                        failed += 1;
                        writer.error(&id, &e)?;
                    }
                }
                bar.inc(1);
            }
            writer.flush()?;
            Ok(())
        };

    match args.input {
        InputKind::Text => {
            let files = input::expand_paths(&args.paths, "txt")?;
            let bar = progress_bar(show, Some(files.len() as u64));
            let mut pending_bytes = 0usize;
            for path in files {
                let id = path.display().to_string();
                let text = match input::read_bounded(&path, args.max_bytes) {
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
                pending_bytes += text.as_ref().map_or(0, Vec::len);
                pending.push(Doc { id, text });
                if pending.len() >= batch_size || pending_bytes >= args.batch_bytes {
                    run(&mut pending, &mut writer, &bar)?;
                    pending_bytes = 0;
                }
            }
            run(&mut pending, &mut writer, &bar)?;
            bar.finish_and_clear();
        }
        InputKind::Jsonl => {
            let bar = progress_bar(show, None);
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
            let (tx, rx) = std::sync::mpsc::sync_channel::<Result<Doc, CliError>>(batch_size);
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
            let mut pending_bytes = 0usize;
            let mut since: Option<std::time::Instant> = None;
            loop {
                let wait = since.map_or(FLUSH_INTERVAL, |t| {
                    FLUSH_INTERVAL.saturating_sub(t.elapsed())
                });
                let full = match rx.recv_timeout(wait) {
                    Ok(Ok(doc)) => {
                        pending_bytes += doc.text.as_ref().map_or(0, Vec::len);
                        pending.push(doc);
                        since.get_or_insert_with(std::time::Instant::now);
                        pending.len() >= batch_size || pending_bytes >= args.batch_bytes
                    }
                    Ok(Err(e)) => {
                        // A source failed (unreadable): what was read before
                        // is still written.
                        run(&mut pending, &mut writer, &bar)?;
                        return Err(e);
                    }
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => true,
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
                };
                let overdue = since.is_some_and(|t| t.elapsed() >= FLUSH_INTERVAL);
                if (full || overdue) && !pending.is_empty() {
                    run(&mut pending, &mut writer, &bar)?;
                    pending_bytes = 0;
                    since = None;
                }
            }
            run(&mut pending, &mut writer, &bar)?;
            // The reader has sent everything (the channel is closed).
            let _ = reader.join();
            bar.finish_and_clear();
        }
    }
    writer.finish()?;
    if failed > 0 {
        eprintln!("wortlaut: {failed} document(s) failed; see the error records");
        Ok(ExitCode::from(1))
    } else {
        Ok(ExitCode::SUCCESS)
    }
}

/// Longest time a document read from a stream waits for its batch to fill
/// before the batch is processed and written.
const FLUSH_INTERVAL: std::time::Duration = std::time::Duration::from_secs(1);

fn progress_bar(show: bool, total: Option<u64>) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    match total {
        Some(n) => {
            let bar = ProgressBar::new(n);
            if let Ok(style) = ProgressStyle::with_template(
                "{bar:40} {pos}/{len} documents ({per_sec}, eta {eta})",
            ) {
                bar.set_style(style);
            }
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} {pos} documents ({per_sec})")
            {
                bar.set_style(style);
            }
            bar
        }
    }
}

fn gazetteer(what: GazetteerCommand) -> Result<ExitCode, CliError> {
    match what {
        GazetteerCommand::Compile { file, output } => {
            let start = std::time::Instant::now();
            let bytes = std::fs::read(&file).map_err(|e| CliError::Read(file.clone(), e))?;
            let g = wortlaut::Gazetteer::from_bytes(&bytes)?;
            let built = start.elapsed();
            let f = std::fs::File::create(&output)
                .map_err(|e| CliError::WriteFile(output.clone(), e))?;
            match g.save_compiled(std::io::BufWriter::new(f)) {
                Ok(()) => {}
                Err(wortlaut::gazetteer::Error::Io(e)) => {
                    return Err(CliError::WriteFile(output, e))
                }
                Err(e) => return Err(e.into()),
            }
            let size = std::fs::metadata(&output).map(|m| m.len()).unwrap_or(0);
            writeln!(
                std::io::stdout().lock(),
                "{}: {} entities, {} patterns, built in {:.2} s; wrote {} ({:.1} MB) in {:.2} s",
                file.display(),
                g.entities().len(),
                g.pattern_count(),
                built.as_secs_f64(),
                output.display(),
                size as f64 / 1e6,
                (start.elapsed() - built).as_secs_f64()
            )?;
            Ok(ExitCode::SUCCESS)
        }
        GazetteerCommand::Check { file } => {
            let text = std::fs::read(&file).map_err(|e| CliError::Read(file.clone(), e))?;
            let mut out = std::io::stdout().lock();
            if wortlaut::gazetteer::is_compiled(&text) {
                return match wortlaut::Gazetteer::from_compiled(&text) {
                    Ok(g) => {
                        writeln!(
                            out,
                            "{}: ok, compiled gazetteer, {} entities, {} patterns",
                            file.display(),
                            g.entities().len(),
                            g.pattern_count()
                        )?;
                        Ok(ExitCode::SUCCESS)
                    }
                    Err(e) => {
                        writeln!(out, "{}: {e}", file.display())?;
                        Ok(ExitCode::from(1))
                    }
                };
            }
            let text = String::from_utf8_lossy(&text);
            let problems = wortlaut::gazetteer::check_tsv(&text);
            for p in &problems {
                writeln!(out, "{}:{}: {}", file.display(), p.line, p.message)?;
            }
            if problems.is_empty() {
                let g = wortlaut::Gazetteer::from_tsv(&text)?;
                writeln!(
                    out,
                    "{}: ok, {} entities, {} patterns",
                    file.display(),
                    g.entities().len(),
                    g.pattern_count()
                )?;
                Ok(ExitCode::SUCCESS)
            } else {
                writeln!(out, "{}: {} problem(s)", file.display(), problems.len())?;
                Ok(ExitCode::from(1))
            }
        }
    }
}

/// One line of a scores table: name, precision, recall, F1, tp, fp, fn.
fn score_row(out: &mut dyn Write, name: &str, c: &wortlaut::eval::Counts) -> std::io::Result<()> {
    writeln!(
        out,
        "{:<22} {:>9.4} {:>9.4} {:>9.4} {:>8} {:>8} {:>8}",
        name,
        c.precision(),
        c.recall(),
        c.f1(),
        c.tp,
        c.fp,
        c.fn_
    )
}

fn print_mentions(
    out: &mut impl Write,
    title: &str,
    s: &wortlaut::eval::MentionScores,
    json: bool,
) -> Result<(), CliError> {
    if json {
        serde_json::to_writer_pretty(&mut *out, s)?;
        writeln!(out)?;
        return Ok(());
    }
    writeln!(out, "{title} ({} documents)", s.documents)?;
    writeln!(
        out,
        "{:<22} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
        "measure", "precision", "recall", "f1", "tp", "fp", "fn"
    )?;
    let row = |out: &mut dyn Write, name: &str, c: &wortlaut::eval::Counts| score_row(out, name, c);
    row(out, "span + type", &s.overall)?;
    row(out, "span only", &s.spans)?;
    for (t, c) in &s.by_type {
        row(out, &format!("  {t}"), c)?;
    }
    if s.linkable > 0 {
        writeln!(
            out,
            "linking: {} of {} span matches linked consistently ({:.4})",
            s.linked,
            s.linkable,
            s.linked as f64 / s.linkable as f64
        )?;
    }
    if s.ignored > 0 {
        writeln!(
            out,
            "predictions inside unscored reference spans (left out): {}",
            s.ignored
        )?;
    }
    Ok(())
}

/// Fails with `NotFound` for the first path that does not exist.
fn must_exist(paths: &[&PathBuf]) -> Result<(), CliError> {
    match paths.iter().find(|p| !p.exists()) {
        Some(p) => Err(CliError::NotFound(p.to_path_buf())),
        None => Ok(()),
    }
}

/// Prints a value as pretty JSON on stdout.
fn print_json(value: &impl serde::Serialize) -> Result<ExitCode, CliError> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

fn eval(what: EvalCommand) -> Result<ExitCode, CliError> {
    match what {
        EvalCommand::Mentions { gold, docs, json } => {
            must_exist(&[&gold, &docs])?;
            let s = wortlaut::eval::score_seed_mentions(&Pipeline::new(), &gold, &docs)?;
            let title = format!("mentions against {}", gold.display());
            print_mentions(&mut std::io::stdout().lock(), &title, &s, json)?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Germeval2014 { gold, json } => {
            if !gold.exists() {
                return Err(CliError::NotFound(gold));
            }
            let s = wortlaut::eval::score_germeval2014(&Pipeline::new(), &gold)?;
            let title = format!("mentions against {}", gold.display());
            print_mentions(&mut std::io::stdout().lock(), &title, &s, json)?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::SeedQuotes { gold, docs, json } => {
            must_exist(&[&gold, &docs])?;
            let s = wortlaut::eval::score_seed_quotes(&Pipeline::new(), &gold, &docs)?;
            if json {
                return print_json(&s);
            }
            let mut out = std::io::stdout().lock();
            writeln!(out, "quotes against {}", gold.display())?;
            writeln!(
                out,
                "{:<10} {:>5} {:>6} {:>7} {:>8} {:>8}",
                "kind", "gold", "found", "share", "speaker", "share"
            )?;
            for (k, &(g, f, sp)) in &s.kinds {
                let share = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
                writeln!(
                    out,
                    "{:<10} {:>5} {:>6} {:>7.3} {:>8} {:>8.3}",
                    k,
                    g,
                    f,
                    share(f, g),
                    sp,
                    share(sp, f)
                )?;
            }
            writeln!(
                out,
                "all: found {:.3}, speaker of found {:.3}",
                s.found_share(),
                s.speaker_share()
            )?;
            for (doc, kind, text, why) in &s.misses {
                let short: String = text.chars().take(70).collect();
                writeln!(out, "  {doc} {kind:<9} {short:?}: {why}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Quotes { gold, pred, json } => {
            use wortlaut::quote_eval;
            for p in std::iter::once(&gold).chain(pred.as_ref()) {
                if !p.exists() {
                    return Err(CliError::NotFound(p.clone()));
                }
            }
            let articles = quote_eval::read_gold(&gold)?;
            let predictions = match pred {
                Some(p) => quote_eval::read_predictions(p)?,
                None => quote_eval::predict(&Pipeline::new(), &articles),
            };
            let scores = quote_eval::score(&articles, &predictions);
            let mut out = std::io::stdout().lock();
            if json {
                serde_json::to_writer_pretty(&mut out, &scores)?;
                writeln!(out)?;
            } else {
                write!(out, "{scores}")?;
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Sentiment {
            gold,
            sentiment,
            json,
        } => {
            if !gold.exists() {
                return Err(CliError::NotFound(gold));
            }
            let mut builder = Pipeline::builder();
            // Polarity needs no entities or quotes.
            builder.no_gazetteer().no_quotes();
            sentiment.apply(&mut builder)?;
            let (all, even, odd) = wortlaut::eval::score_germeval2017(
                &builder.build().map_err(CliError::Pipeline)?,
                &gold,
            )?;
            let mut out = std::io::stdout().lock();
            if json {
                let v = serde_json::json!({"all": all, "even": even, "odd": odd});
                serde_json::to_writer_pretty(&mut out, &v)?;
                writeln!(out)?;
                return Ok(ExitCode::SUCCESS);
            }
            writeln!(out, "document polarity against {}", gold.display())?;
            for (name, s) in [("all", &all), ("even lines", &even), ("odd lines", &odd)] {
                writeln!(
                    out,
                    "{name:<11} {:>5} documents  accuracy {:.4}  macro-F1 {:.4}",
                    s.documents, s.accuracy, s.macro_f1
                )?;
            }
            writeln!(
                out,
                "{:<10} {:>9} {:>9} {:>9}",
                "class", "precision", "recall", "f1"
            )?;
            for (c, p, r, f) in &all.classes {
                writeln!(out, "{c:<10} {p:>9.4} {r:>9.4} {f:>9.4}")?;
            }
            writeln!(out, "confusion (rows gold, columns predicted):")?;
            writeln!(
                out,
                "{:<10} {:>9} {:>9} {:>9}",
                "", "positive", "negative", "neutral"
            )?;
            for (i, name) in ["positive", "negative", "neutral"].iter().enumerate() {
                let r = all.confusion[i];
                writeln!(out, "{name:<10} {:>9} {:>9} {:>9}", r[0], r[1], r[2])?;
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Stance { gold, docs, json } => {
            must_exist(&[&gold, &docs])?;
            let s = wortlaut::eval::score_seed_stance(&Pipeline::new(), &gold, &docs)?;
            if json {
                return print_json(&s);
            }
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "stance triples against {} ({} documents)",
                gold.display(),
                s.documents
            )?;
            writeln!(
                out,
                "{:<22} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
                "measure", "precision", "recall", "f1", "tp", "fp", "fn"
            )?;
            score_row(&mut out, "quote triples", &s.quote_triples)?;
            score_row(&mut out, "all triples", &s.triples)?;
            score_row(&mut out, "holder+target (all)", &s.pairs)?;
            for (title, rows) in [
                ("misses (gold not predicted from a quote):", &s.misses),
                (
                    "false positives (predicted from a quote, not in gold):",
                    &s.false_positives,
                ),
                (
                    "evaluative clauses outside quotes (not annotated in the gold):",
                    &s.clause_only,
                ),
            ] {
                writeln!(out, "{title}")?;
                for (d, h, t, p) in rows {
                    writeln!(out, "  {d}  {h} → {t}  {p}")?;
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Segmentation { gold, json, errors } => {
            if !gold.exists() {
                return Err(CliError::NotFound(gold));
            }
            let pipeline = Pipeline::new();
            let mut errs = Vec::new();
            let scores = wortlaut::eval::score_wikinews_segmentation(
                &pipeline,
                &gold,
                (errors > 0).then_some(&mut errs),
            )?;
            let mut out = std::io::stdout().lock();
            if json {
                serde_json::to_writer_pretty(&mut out, &scores)?;
                writeln!(out)?;
            } else {
                writeln!(
                    out,
                    "segmentation against {} ({} documents)",
                    gold.display(),
                    scores.documents
                )?;
                writeln!(
                    out,
                    "{:<22} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
                    "measure", "precision", "recall", "f1", "tp", "fp", "fn"
                )?;
                for (name, c) in [
                    ("sentence boundaries", scores.sentence_boundaries),
                    ("sentences (exact)", scores.sentences_exact),
                    ("tokens (exact)", scores.tokens_exact),
                    ("token boundaries", scores.token_boundaries),
                ] {
                    score_row(&mut out, name, &c)?;
                }
            }
            if errors > 0 {
                let mut shown: std::collections::HashMap<String, usize> = Default::default();
                for e in &errs {
                    let n = shown.entry(e.kind.clone()).or_default();
                    if *n < errors {
                        *n += 1;
                        writeln!(out, "{:<16} {:>8} {}", e.kind, e.id, e.context)?;
                    }
                }
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}
