//! `--tables DIR`: the analyses as CSV tables (RFC 4180, UTF-8), one row per
//! document, mention, quotation, stance triple and error, each row with the
//! document id and one column per metadata field (docs/FORMATS.md).
//!
//! The metadata fields of a stream are known only at its end, so rows are
//! first written to part files in `DIR` (the metadata as one JSON column),
//! and [`Tables::finish`] rewrites each part into its table with the final
//! header, one file at a time: memory stays bounded.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::path::{Path, PathBuf};

use wortlaut::{Analysis, CharIndex, Meta, OffsetUnit, OrigSpan};

use super::input::DocError;
use crate::error::CliError;

/// The tables and their columns after `id` and the metadata.
const TABLES: [(&str, &[&str]); 5] = [
    (
        "documents",
        &[
            "length",
            "offsets",
            "mentions",
            "quotes",
            "stances",
            "sentiment_label",
            "sentiment_score",
            "repairs",
        ],
    ),
    (
        "mentions",
        &[
            "mention",
            "start",
            "end",
            "text",
            "entity",
            "name",
            "qid",
            "type",
            "form",
            "discovered",
        ],
    ),
    (
        "quotes",
        &[
            "quote",
            "type",
            "medium",
            "start",
            "end",
            "text",
            "speaker_text",
            "speaker_entity",
            "speaker_name",
            "speaker_qid",
            "cue_text",
            "addressee_text",
            "addressee_entity",
            "addressee_name",
            "addressee_qid",
            "nested",
            "polarity_label",
            "polarity_score",
        ],
    ),
    (
        "stances",
        &[
            "stance",
            "holder",
            "holder_name",
            "holder_qid",
            "target",
            "target_name",
            "target_qid",
            "polarity_label",
            "polarity_score",
            "evidence",
            "quote",
        ],
    ),
    ("errors", &["line", "kind", "message"]),
];

const DOCUMENTS: usize = 0;
const MENTIONS: usize = 1;
const QUOTES: usize = 2;
const STANCES: usize = 3;
const ERRORS: usize = 4;

/// The file format of the tables.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    /// CSV (RFC 4180, UTF-8, a header row).
    Csv,
    /// Parquet (typed columns, uncompressed).
    Parquet,
}

/// Writes the tables of one run into a folder.
pub struct Tables {
    dir: PathBuf,
    format: TableFormat,
    parts: Vec<(PathBuf, csv::Writer<BufWriter<File>>)>,
    /// Metadata fields in order of first appearance.
    fields: Vec<String>,
}

impl Tables {
    /// Creates `dir` (if needed) and the part files in it.
    pub fn create(dir: &Path, format: TableFormat) -> Result<Tables, CliError> {
        if format == TableFormat::Parquet && !cfg!(feature = "parquet") {
            return Err(CliError::Usage(
                "this wortlaut was built without the parquet feature: use --tables-format csv or build with --features parquet"
                    .to_string(),
            ));
        }
        std::fs::create_dir_all(dir).map_err(|e| CliError::WriteFile(dir.to_path_buf(), e))?;
        let mut parts = Vec::new();
        for (name, _) in TABLES {
            let path = dir.join(format!(".{name}.csv.part"));
            let file = File::create(&path).map_err(|e| CliError::WriteFile(path.clone(), e))?;
            let w = csv::WriterBuilder::new()
                .has_headers(false)
                .flexible(false)
                .from_writer(BufWriter::new(file));
            parts.push((path, w));
        }
        Ok(Tables {
            dir: dir.to_path_buf(),
            format,
            parts,
            fields: Vec::new(),
        })
    }

    fn row(
        &mut self,
        table: usize,
        id: &str,
        meta: &str,
        cells: &[String],
    ) -> Result<(), CliError> {
        let (path, w) = &mut self.parts[table];
        let mut record = Vec::with_capacity(cells.len() + 2);
        record.push(id);
        record.push(meta);
        record.extend(cells.iter().map(String::as_str));
        w.write_record(&record)
            .map_err(|e| CliError::WriteFile(path.clone(), e.into()))
    }

    /// Adds the rows of one analysed document; `text` is its input.
    pub fn document(&mut self, text: &str, a: &Analysis) -> Result<(), CliError> {
        let id = a.id.as_deref().unwrap_or("");
        let meta = self.meta(a.meta.as_ref())?;
        let slicer = Slicer::new(text, a.offsets);
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        let (label, score) = a
            .sentiment
            .as_ref()
            .map_or((String::new(), String::new()), |s| {
                (
                    s.document.label.as_str().to_string(),
                    s.document.score.to_string(),
                )
            });
        self.row(
            DOCUMENTS,
            id,
            &meta,
            &[
                a.length.to_string(),
                a.offsets.as_str().to_string(),
                a.mentions.len().to_string(),
                a.quotes.len().to_string(),
                a.stance.len().to_string(),
                label,
                score,
                a.repairs.len().to_string(),
            ],
        )?;
        for (i, m) in a.mentions.iter().enumerate() {
            self.row(
                MENTIONS,
                id,
                &meta,
                &[
                    i.to_string(),
                    m.span.start.to_string(),
                    m.span.end.to_string(),
                    m.text.clone(),
                    opt(&m.entity),
                    opt(&m.name),
                    opt(&m.qid),
                    m.kind.as_str().to_string(),
                    form_name(m.form),
                    m.discovered.to_string(),
                ],
            )?;
        }
        for (i, q) in a.quotes.iter().enumerate() {
            let start = q.quote.first().map_or(0, |s| s.start);
            let end = q.quote.last().map_or(0, |s| s.end);
            self.row(
                QUOTES,
                id,
                &meta,
                &[
                    i.to_string(),
                    q.kind.as_str().to_string(),
                    q.medium.as_str().to_string(),
                    start.to_string(),
                    end.to_string(),
                    q.text.clone(),
                    q.speaker_text.clone(),
                    opt(&q.speaker_entity),
                    opt(&q.speaker_name),
                    opt(&q.speaker_qid),
                    q.cue_text.clone(),
                    q.addressee_text.clone(),
                    opt(&q.addressee_entity),
                    opt(&q.addressee_name),
                    opt(&q.addressee_qid),
                    q.nested.to_string(),
                    q.polarity
                        .map_or(String::new(), |p| p.label.as_str().to_string()),
                    q.polarity.map_or(String::new(), |p| p.score.to_string()),
                ],
            )?;
        }
        for (i, s) in a.stance.iter().enumerate() {
            let evidence: Vec<&str> = s.evidence.iter().map(|&e| slicer.slice(e)).collect();
            self.row(
                STANCES,
                id,
                &meta,
                &[
                    i.to_string(),
                    s.holder.clone(),
                    opt(&s.holder_name),
                    opt(&s.holder_qid),
                    s.target.clone(),
                    opt(&s.target_name),
                    opt(&s.target_qid),
                    s.polarity.label.as_str().to_string(),
                    s.polarity.score.to_string(),
                    evidence.join(", "),
                    s.quote.map_or(String::new(), |q| q.to_string()),
                ],
            )?;
        }
        Ok(())
    }

    /// The meta cell of a row (JSON, split into columns at the end); notes
    /// the fields it has.
    fn meta(&mut self, meta: Option<&wortlaut::Meta>) -> Result<String, CliError> {
        Ok(match meta {
            Some(m) => {
                for k in m.keys() {
                    if !self.fields.iter().any(|f| f == k) {
                        self.fields.push(k.clone());
                    }
                }
                serde_json::to_string(m)?
            }
            None => String::new(),
        })
    }

    /// Adds an error row (with the record's meta where it had one).
    pub fn error(&mut self, id: &str, e: &DocError) -> Result<(), CliError> {
        let meta = self.meta(e.meta.as_deref())?;
        self.row(
            ERRORS,
            id,
            &meta,
            &[
                e.line.map_or(String::new(), |l| l.to_string()),
                e.kind.to_string(),
                e.message.clone(),
            ],
        )
    }

    /// Writes every table with its final header and removes the part
    /// files.
    pub fn finish(self) -> Result<(), CliError> {
        let Tables {
            dir,
            format,
            parts,
            fields,
        } = self;
        for ((path, w), (name, columns)) in parts.into_iter().zip(TABLES) {
            w.into_inner()
                .map_err(|e| CliError::WriteFile(path.clone(), e.into_error()))?
                .into_inner()
                .map_err(|e| CliError::WriteFile(path.clone(), e.into_error()))?
                .sync_all()
                .ok();
            let ext = match format {
                TableFormat::Csv => "csv",
                TableFormat::Parquet => "parquet",
            };
            let out_path = dir.join(format!("{name}.{ext}"));
            let mut header = vec!["id".to_string()];
            header.extend(fields.iter().map(|f| column_name(f)));
            header.extend(columns.iter().map(|c| c.to_string()));
            let file = File::open(&path).map_err(|e| CliError::Read(path.clone(), e))?;
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(BufReader::new(file));
            let read_path = path.clone();
            let fields_ref = &fields;
            let mut rows = reader.records().map(move |row| {
                let row = row.map_err(|e| CliError::Read(read_path.clone(), e.into()))?;
                let meta: Meta = match row.get(1) {
                    Some(m) if !m.is_empty() => serde_json::from_str(m)?,
                    _ => Meta::new(),
                };
                let mut cells: Vec<String> = Vec::with_capacity(row.len() + fields_ref.len());
                cells.push(row.get(0).unwrap_or_default().to_string());
                cells.extend(fields_ref.iter().map(|f| meta_cell(meta.get(f))));
                cells.extend(row.iter().skip(2).map(str::to_string));
                Ok::<Vec<String>, CliError>(cells)
            });
            match format {
                TableFormat::Csv => {
                    let write_err = |e: csv::Error| CliError::WriteFile(out_path.clone(), e.into());
                    let mut out = csv::Writer::from_path(&out_path).map_err(write_err)?;
                    out.write_record(&header).map_err(write_err)?;
                    for cells in rows.by_ref() {
                        out.write_record(&cells?).map_err(write_err)?;
                    }
                    out.flush()
                        .map_err(|e| CliError::WriteFile(out_path.clone(), e))?;
                }
                #[cfg(feature = "parquet")]
                TableFormat::Parquet => {
                    super::parquet_out::write(&out_path, &header, 1..1 + fields.len(), &mut rows)?;
                }
                #[cfg(not(feature = "parquet"))]
                TableFormat::Parquet => {
                    return Err(CliError::Usage(
                        "this wortlaut was built without the parquet feature".to_string(),
                    ))
                }
            }
            std::fs::remove_file(&path).map_err(|e| CliError::WriteFile(path.clone(), e))?;
        }
        Ok(())
    }
}

/// The column of a metadata field: its name, or `meta_NAME` when a table
/// has a column of that name.
fn column_name(field: &str) -> String {
    let taken = field == "id" || TABLES.iter().any(|(_, cols)| cols.contains(&field));
    if taken || field.starts_with("meta_") {
        format!("meta_{field}")
    } else {
        field.to_string()
    }
}

/// A mention's form as the JSON record writes it ("name", "genitive", …).
fn form_name(form: wortlaut::Form) -> String {
    match serde_json::to_value(form) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

/// A metadata value as a cell: a string as it is, null or a missing field
/// empty, anything else as its JSON.
fn meta_cell(v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(s)) => s.clone(),
        Some(v) => v.to_string(),
    }
}

/// Slices the original text with spans in either unit.
struct Slicer<'t> {
    text: &'t str,
    chars: Option<CharIndex<'t>>,
}

impl<'t> Slicer<'t> {
    fn new(text: &'t str, unit: OffsetUnit) -> Slicer<'t> {
        Slicer {
            text,
            chars: (unit == OffsetUnit::Chars).then(|| CharIndex::new(text)),
        }
    }

    fn slice(&self, s: OrigSpan) -> &'t str {
        let (a, b) = match &self.chars {
            Some(c) => (c.byte_of(s.start), c.byte_of(s.end)),
            None => (s.start, s.end),
        };
        self.text.get(a..b).unwrap_or("")
    }
}
