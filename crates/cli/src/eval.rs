//! `wortlaut eval`: score wortlaut against reference annotations.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use wortlaut::Pipeline;

use crate::error::CliError;
use crate::options::SentimentArgs;

#[derive(Subcommand)]
pub enum EvalCommand {
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
        /// Outer level, exact span and type over PER/LOC/ORG only (GPE
        /// counted as LOC; NORP, OTH, deriv and part types left out on both
        /// sides), with the ten most frequent error classes (all of them
        /// with --json).
        #[arg(long)]
        outer_exact: bool,
    },
    /// Speech, thought and writing representation against the corpus
    /// REDEWIEDERGABE: token-level precision, recall and F1 per kind
    /// (direct, indirect, free indirect, reported), on all documents and
    /// on the fiction and non-fiction parts.
    Redewiedergabe {
        /// The gold file, e.g. ../shared/eval/redewiedergabe/dev.jsonl.
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
        #[arg(long, conflicts_with = "quote_model")]
        pred: Option<PathBuf>,
        /// Let this trained speaker model (`wortlaut train quotes`) choose
        /// the speakers.
        #[arg(long, value_name = "MODEL")]
        quote_model: Option<PathBuf>,
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

/// One line of a scores table: name, precision, recall, F1, tp, fp, fn.
fn score_row(out: &mut dyn Write, name: &str, c: &wortlaut_eval::Counts) -> std::io::Result<()> {
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
    s: &wortlaut_eval::MentionScores,
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
    let row = |out: &mut dyn Write, name: &str, c: &wortlaut_eval::Counts| score_row(out, name, c);
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

/// The data sets `eval` reads, for the message when a file is missing.
#[derive(Clone, Copy)]
enum Dataset {
    Seeds,
    Germeval2014,
    Germeval2017,
    Wikinews,
    Redewiedergabe,
}

impl Dataset {
    fn name(self) -> &'static str {
        match self {
            Dataset::Seeds => "the seeds' gold (../shared/eval/seeds/gold.json)",
            Dataset::Germeval2014 => "GermEval 2014 (../shared/eval/germeval2014/)",
            Dataset::Germeval2017 => "GermEval 2017 (../shared/eval/germeval2017/)",
            Dataset::Wikinews => {
                "the German Wikinews quotation data (../shared/eval/wikinews-quotes/)"
            }
            Dataset::Redewiedergabe => "REDEWIEDERGABE (../shared/eval/redewiedergabe/)",
        }
    }
}

/// Fails for a gold file that does not exist, naming it and its data set.
fn gold_exists(path: &Path, dataset: Dataset) -> Result<(), CliError> {
    if path.exists() {
        return Ok(());
    }
    Err(CliError::MissingFile {
        role: format!("gold file of {}", dataset.name()),
        path: path.to_path_buf(),
        hint: "check --gold; docs/EVAL.md says where each data set comes from".to_string(),
    })
}

/// Fails for a seed folder that does not exist.
fn docs_exist(path: &Path) -> Result<(), CliError> {
    if path.is_dir() {
        return Ok(());
    }
    Err(CliError::MissingFile {
        role: "folder of seed articles".to_string(),
        path: path.to_path_buf(),
        hint: "give --docs the folder with the seed articles (seeds/)".to_string(),
    })
}

/// Prints a value as pretty JSON on stdout.
fn print_json(value: &impl serde::Serialize) -> Result<ExitCode, CliError> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(ExitCode::SUCCESS)
}

/// Runs an `eval` subcommand.
pub fn run(what: EvalCommand) -> Result<ExitCode, CliError> {
    match what {
        EvalCommand::Mentions { gold, docs, json } => {
            gold_exists(&gold, Dataset::Seeds)?;
            docs_exist(&docs)?;
            let s = wortlaut_eval::score_seed_mentions(&Pipeline::new(), &gold, &docs)?;
            let title = format!("mentions against {}", gold.display());
            print_mentions(&mut std::io::stdout().lock(), &title, &s, json)?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Germeval2014 {
            gold,
            json,
            outer_exact: true,
        } => {
            gold_exists(&gold, Dataset::Germeval2014)?;
            let s =
                wortlaut_eval::germeval_outer::score_germeval2014_outer(&Pipeline::new(), &gold)?;
            if json {
                return print_json(&s);
            }
            print_outer_exact(&mut std::io::stdout().lock(), &gold, &s)?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Redewiedergabe { gold, json } => {
            gold_exists(&gold, Dataset::Redewiedergabe)?;
            let s = wortlaut_eval::redewiedergabe::score_redewiedergabe(&Pipeline::new(), &gold)?;
            if json {
                return print_json(&s);
            }
            print_redewiedergabe(&mut std::io::stdout().lock(), &gold, &s)?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::Germeval2014 { gold, json, .. } => {
            gold_exists(&gold, Dataset::Germeval2014)?;
            let s = wortlaut_eval::score_germeval2014(&Pipeline::new(), &gold)?;
            let title = format!("mentions against {}", gold.display());
            print_mentions(&mut std::io::stdout().lock(), &title, &s, json)?;
            Ok(ExitCode::SUCCESS)
        }
        EvalCommand::SeedQuotes { gold, docs, json } => {
            gold_exists(&gold, Dataset::Seeds)?;
            docs_exist(&docs)?;
            let s = wortlaut_eval::score_seed_quotes(&Pipeline::new(), &gold, &docs)?;
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
        EvalCommand::Quotes {
            gold,
            pred,
            quote_model,
            json,
        } => {
            use wortlaut_eval::wikinews;
            gold_exists(&gold, Dataset::Wikinews)?;
            if let Some(p) = pred.as_ref().filter(|p| !p.exists()) {
                return Err(CliError::MissingFile {
                    role: "prediction file".to_string(),
                    path: p.clone(),
                    hint: "check --pred (JSON lines {\"id\", \"quotes\"}, as `wortlaut analyze --format wikinews-quotes` writes)".to_string(),
                });
            }
            let articles = wikinews::read_gold(&gold)?;
            let predictions = match pred {
                Some(p) => wikinews::read_predictions(p)?,
                None => {
                    let mut builder = Pipeline::builder();
                    if let Some(path) = &quote_model {
                        builder.speaker_model(wortlaut::SpeakerModel::load(path)?);
                    }
                    wikinews::predict(&builder.build().map_err(CliError::Pipeline)?, &articles)
                }
            };
            let scores = wikinews::score(&articles, &predictions);
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
            gold_exists(&gold, Dataset::Germeval2017)?;
            let mut builder = Pipeline::builder();
            // Polarity needs no entities or quotes.
            builder.no_gazetteer().no_quotes();
            sentiment.apply(&mut builder)?;
            let (all, even, odd) = wortlaut_eval::score_germeval2017(
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
            gold_exists(&gold, Dataset::Seeds)?;
            docs_exist(&docs)?;
            let s = wortlaut_eval::score_seed_stance(&Pipeline::new(), &gold, &docs)?;
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
            gold_exists(&gold, Dataset::Wikinews)?;
            let pipeline = Pipeline::new();
            let mut errs = Vec::new();
            let scores = wortlaut_eval::score_wikinews_segmentation(
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

/// The text report of `eval germeval2014 --outer-exact`.
fn print_outer_exact(
    out: &mut impl Write,
    gold: &Path,
    s: &wortlaut_eval::germeval_outer::OuterExactScores,
) -> Result<(), CliError> {
    writeln!(
        out,
        "mentions against {}, outer level, exact span and type, PER/LOC/ORG ({} sentences)",
        gold.display(),
        s.documents
    )?;
    writeln!(
        out,
        "{:<22} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
        "measure", "precision", "recall", "f1", "tp", "fp", "fn"
    )?;
    score_row(out, "all", &s.overall.counts)?;
    for t in wortlaut_eval::germeval_outer::TYPES {
        if let Some(c) = s.by_type.get(t) {
            score_row(out, &format!("  {t}"), &c.counts)?;
        }
    }
    score_row(out, "all, lenient", &s.overall_lenient.counts)?;
    writeln!(
        out,
        "(lenient: without the {} predictions inside unscored reference spans, \
         such as ORG \"EU\" in the ORGpart \"EU-Budget\")",
        s.inside_unscored
    )?;
    writeln!(
        out,
        "most frequent error classes ({} classes, {} errors):",
        s.errors.len(),
        s.errors.iter().map(|e| e.count).sum::<usize>()
    )?;
    for e in s.errors.iter().take(10) {
        let example = e.examples.first().map(String::as_str).unwrap_or("");
        writeln!(out, "{:>6}  {:<34} e.g. {example}", e.count, e.class)?;
    }
    Ok(())
}

/// The text report of `eval redewiedergabe`.
fn print_redewiedergabe(
    out: &mut impl Write,
    gold: &Path,
    s: &wortlaut_eval::redewiedergabe::RwScores,
) -> Result<(), CliError> {
    writeln!(
        out,
        "speech, thought and writing representation against {} (token level)",
        gold.display()
    )?;
    for (name, part) in [
        ("all", &s.all),
        ("fiction", &s.fiction),
        ("non-fiction", &s.nonfiction),
    ] {
        writeln!(
            out,
            "{name} ({} documents, {} tokens)",
            part.documents, part.tokens
        )?;
        writeln!(
            out,
            "{:<22} {:>9} {:>9} {:>9} {:>8} {:>8} {:>8}",
            "kind", "precision", "recall", "f1", "tp", "fp", "fn"
        )?;
        for k in wortlaut_eval::redewiedergabe::KINDS {
            if let Some(c) = part.kinds.get(k) {
                score_row(out, &format!("  {k}"), &c.counts)?;
            }
        }
        score_row(out, "  any", &part.any.counts)?;
    }
    Ok(())
}
