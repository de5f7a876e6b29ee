//! `wortlaut train`: the learned parts, trained on annotated data.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use wortlaut::{Pipeline, SpeakerModel, TrainSettings};
use wortlaut_eval::wikinews;

use crate::error::CliError;

#[derive(Subcommand)]
pub enum TrainCommand {
    /// A speaker model for quotations from German Wikinews quotation data
    /// (the converted JSON Lines of docs/EVAL.md): an averaged perceptron
    /// that chooses each quote's speaker among the candidates around it.
    /// Trains on --train only; the number of passes is the one that
    /// chooses best on --dev. Same files, same settings: the same model
    /// bytes.
    Quotes {
        /// The training file, e.g. ../shared/eval/wikinews-quotes/train.jsonl.
        #[arg(long)]
        train: PathBuf,
        /// The file that chooses the number of passes (never trained on),
        /// e.g. ../shared/eval/wikinews-quotes/dev.jsonl.
        #[arg(long)]
        dev: PathBuf,
        /// Where to write the model.
        #[arg(short, long)]
        output: PathBuf,
        /// Most passes over the training examples.
        #[arg(long, default_value_t = 12)]
        epochs: usize,
        /// Seed of the order of the examples in each pass.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
}

pub fn run(what: TrainCommand) -> Result<ExitCode, CliError> {
    match what {
        TrainCommand::Quotes {
            train,
            dev,
            output,
            epochs,
            seed,
        } => {
            for (role, path) in [("training file", &train), ("dev file", &dev)] {
                if !path.exists() {
                    return Err(CliError::MissingFile {
                        role: role.to_string(),
                        path: path.clone(),
                        hint: "give the converted German Wikinews quotation data (docs/EVAL.md)"
                            .to_string(),
                    });
                }
            }
            if epochs == 0 {
                return Err(CliError::Usage("--epochs must be at least 1".to_string()));
            }
            let pipeline = Pipeline::new();
            let train_set = wikinews::speaker_examples(&pipeline, &wikinews::read_gold(&train)?);
            let dev_set = wikinews::speaker_examples(&pipeline, &wikinews::read_gold(&dev)?);
            let mut err = std::io::stderr().lock();
            for (name, s) in [("train", &train_set), ("dev", &dev_set)] {
                let rules = s.rules_right as f64 / s.examples.len().max(1) as f64;
                writeln!(
                    err,
                    "{name}: {} matched quotes, {} examples ({} speakers out of reach); rules right on {:.4}",
                    s.matched,
                    s.examples.len(),
                    s.unreachable,
                    rules
                )
                ?;
            }
            let mut best: Option<(usize, f64, SpeakerModel)> = None;
            let mut log = Vec::new();
            SpeakerModel::train(
                &train_set.examples,
                TrainSettings { epochs, seed },
                |epoch, m| {
                    let tr = wikinews::accuracy(m, &train_set.examples);
                    let dv = wikinews::accuracy(m, &dev_set.examples);
                    log.push(format!("pass {epoch}: train {tr:.4} dev {dv:.4}"));
                    if best.as_ref().is_none_or(|(_, b, _)| dv > *b) {
                        best = Some((epoch, dv, m.clone()));
                    }
                    true
                },
            );
            for line in log {
                writeln!(err, "{line}")?;
            }
            let Some((epoch, dv, model)) = best else {
                return Err(CliError::Usage(
                    "no training examples: check --train".to_string(),
                ));
            };
            std::fs::write(&output, model.to_text())
                .map_err(|e| CliError::WriteFile(output.clone(), e))?;
            writeln!(
                err,
                "wrote {} ({} weights, pass {epoch}, dev choice accuracy {dv:.4})",
                output.display(),
                model.len()
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}
