//! `--tables-format parquet`: the tables of [`super::tables`] as Parquet
//! files, one row group per 65,536 rows, uncompressed, with typed columns
//! (whole numbers INT64, scores DOUBLE, `nested` BOOLEAN, everything else
//! and every metadata column UTF-8 strings); an empty cell is null.

use std::fs::File;
use std::path::Path;
use std::sync::Arc;

use parquet::basic::{LogicalType, Repetition, Type as Physical};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;

use crate::error::CliError;

/// Rows per row group.
const ROW_GROUP: usize = 65_536;

/// The type of a column, by its name (metadata columns are strings).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Str,
    Int,
    Float,
    Bool,
}

fn kind(column: &str, meta: bool) -> Kind {
    if meta {
        return Kind::Str;
    }
    match column {
        "length" | "mentions" | "quotes" | "stances" | "repairs" | "mention" | "start" | "end"
        | "quote" | "stance" | "line" => Kind::Int,
        "sentiment_score" | "polarity_score" => Kind::Float,
        "nested" | "discovered" => Kind::Bool,
        _ => Kind::Str,
    }
}

fn parquet_error(path: &Path, e: parquet::errors::ParquetError) -> CliError {
    CliError::WriteFile(path.to_path_buf(), std::io::Error::other(e))
}

/// Writes `rows` (cells as the CSV tables hold them) with `header` to
/// `path`; `meta` is the range of metadata columns in the header.
pub fn write(
    path: &Path,
    header: &[String],
    meta: std::ops::Range<usize>,
    rows: &mut dyn Iterator<Item = Result<Vec<String>, CliError>>,
) -> Result<(), CliError> {
    let kinds: Vec<Kind> = header
        .iter()
        .enumerate()
        .map(|(i, c)| kind(c, meta.contains(&i)))
        .collect();
    let fields = header
        .iter()
        .zip(&kinds)
        .map(|(name, k)| {
            let (physical, logical) = match k {
                Kind::Str => (Physical::BYTE_ARRAY, Some(LogicalType::String)),
                Kind::Int => (Physical::INT64, None),
                Kind::Float => (Physical::DOUBLE, None),
                Kind::Bool => (Physical::BOOLEAN, None),
            };
            Type::primitive_type_builder(name, physical)
                .with_repetition(Repetition::OPTIONAL)
                .with_logical_type(logical)
                .build()
                .map(Arc::new)
        })
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| parquet_error(path, e))?;
    let schema = Type::group_type_builder("schema")
        .with_fields(fields)
        .build()
        .map_err(|e| parquet_error(path, e))?;
    let file = File::create(path).map_err(|e| CliError::WriteFile(path.to_path_buf(), e))?;
    let props = Arc::new(WriterProperties::builder().build());
    let mut w = SerializedFileWriter::new(file, Arc::new(schema), props)
        .map_err(|e| parquet_error(path, e))?;
    let mut batch: Vec<Vec<String>> = Vec::with_capacity(ROW_GROUP.min(4096));
    let mut first = true;
    loop {
        batch.clear();
        let mut exhausted = false;
        while batch.len() < ROW_GROUP {
            match rows.next() {
                Some(r) => batch.push(r?),
                None => {
                    exhausted = true;
                    break;
                }
            }
        }
        // An empty table still gets one (empty) row group.
        if batch.is_empty() && !first {
            break;
        }
        first = false;
        let mut rg = w.next_row_group().map_err(|e| parquet_error(path, e))?;
        let mut col = 0;
        while let Some(mut c) = rg.next_column().map_err(|e| parquet_error(path, e))? {
            let cells = batch.iter().map(|r| r.get(col).map_or("", String::as_str));
            let mut def: Vec<i16> = Vec::with_capacity(batch.len());
            let written = match kinds[col] {
                Kind::Str => {
                    let mut v = Vec::new();
                    for s in cells {
                        def.push(i16::from(!s.is_empty()));
                        if !s.is_empty() {
                            v.push(ByteArray::from(s.as_bytes().to_vec()));
                        }
                    }
                    c.typed::<ByteArrayType>().write_batch(&v, Some(&def), None)
                }
                Kind::Int => {
                    let mut v = Vec::new();
                    for s in cells {
                        let x = s.parse::<i64>().ok();
                        def.push(i16::from(x.is_some()));
                        v.extend(x);
                    }
                    c.typed::<Int64Type>().write_batch(&v, Some(&def), None)
                }
                Kind::Float => {
                    let mut v = Vec::new();
                    for s in cells {
                        let x = s.parse::<f64>().ok();
                        def.push(i16::from(x.is_some()));
                        v.extend(x);
                    }
                    c.typed::<DoubleType>().write_batch(&v, Some(&def), None)
                }
                Kind::Bool => {
                    let mut v = Vec::new();
                    for s in cells {
                        let x = s.parse::<bool>().ok();
                        def.push(i16::from(x.is_some()));
                        v.extend(x);
                    }
                    c.typed::<BoolType>().write_batch(&v, Some(&def), None)
                }
            };
            written.map_err(|e| parquet_error(path, e))?;
            c.close().map_err(|e| parquet_error(path, e))?;
            col += 1;
        }
        rg.close().map_err(|e| parquet_error(path, e))?;
        if exhausted {
            break;
        }
    }
    w.close().map_err(|e| parquet_error(path, e))?;
    Ok(())
}
