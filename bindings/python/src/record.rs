//! One analysed document as the Python side holds it ([`NativeRecord`]),
//! and the tables of many ([`table_columns`]).

use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use pyo3::IntoPyObjectExt;
use serde::Serialize;
use serde_json::{Map, Value};
use wortlaut::{Analysis, CharIndex, OffsetUnit, OrigSpan};

/// An error record, as the CLI writes one for a document it cannot analyse
/// (`{"id", "error": {"kind", "message"}}`; the CLI adds the JSON Lines
/// `line`, which Python input has not).
#[derive(Serialize)]
struct ErrorRecord<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'a str,
    message: &'a str,
}

/// The evidence words of each stance (the record gives only their spans).
#[derive(Debug, Default)]
struct Texts {
    evidence: Vec<String>,
}

impl Texts {
    /// `analysis` in code-point offsets of `text`.
    fn of(analysis: &Analysis, text: &str) -> Texts {
        let ix = CharIndex::new(text);
        let slice = |s: &OrigSpan| {
            text.get(ix.byte_of(s.start)..ix.byte_of(s.end))
                .unwrap_or("")
        };
        Texts {
            evidence: analysis
                .stance
                .iter()
                .map(|s| s.evidence.iter().map(slice).collect::<Vec<_>>().join(", "))
                .collect(),
        }
    }
}

#[derive(Debug)]
enum Body {
    Analysed(Box<(Analysis, Texts)>),
    Failed {
        id: Option<String>,
        kind: String,
        message: String,
    },
}

/// One document's result: the `wortlaut::Analysis` (code-point offsets)
/// the CLI would write for it, or why there is none.
#[pyclass(frozen, module = "wortlaut._native", name = "NativeRecord")]
#[derive(Debug)]
pub struct NativeRecord {
    body: Body,
}

impl NativeRecord {
    /// An analysis in code-point offsets of `text`.
    pub fn analysed(analysis: Analysis, text: &str) -> NativeRecord {
        debug_assert_eq!(analysis.offsets, OffsetUnit::Chars);
        let texts = Texts::of(&analysis, text);
        NativeRecord {
            body: Body::Analysed(Box::new((analysis, texts))),
        }
    }

    /// A document that could not be analysed.
    pub fn failed(id: Option<String>, kind: &str, message: String) -> NativeRecord {
        NativeRecord {
            body: Body::Failed {
                id,
                kind: kind.to_string(),
                message,
            },
        }
    }

    /// The analysis, if there is one.
    pub fn analysis(&self) -> Option<&Analysis> {
        match &self.body {
            Body::Analysed(b) => Some(&b.0),
            Body::Failed { .. } => None,
        }
    }

    /// Id, kind and message of a failed document.
    pub fn failure(&self) -> Option<(&Option<String>, &str, &str)> {
        match &self.body {
            Body::Failed { id, kind, message } => Some((id, kind, message)),
            Body::Analysed(_) => None,
        }
    }
}

fn error_json(id: Option<&str>, kind: &str, message: &str) -> String {
    let rec = ErrorRecord {
        id,
        error: ErrorBody { kind, message },
    };
    // Serialising two strings cannot fail.
    serde_json::to_string(&rec).unwrap_or_default()
}

fn json_of(a: &Analysis) -> String {
    serde_json::to_string(a).unwrap_or_else(|e| {
        error_json(
            a.id.as_deref(),
            "internal",
            &format!("cannot write the record: {e}"),
        )
    })
}

#[pymethods]
impl NativeRecord {
    /// A failed document's record.
    #[staticmethod]
    #[pyo3(name = "failed", signature = (id, kind, message))]
    fn py_failed(id: Option<String>, kind: &str, message: String) -> NativeRecord {
        NativeRecord::failed(id, kind, message)
    }

    /// The record back from its JSON (`json()`) and the original text.
    #[staticmethod]
    fn from_json(json: &str, text: &str) -> PyResult<NativeRecord> {
        let value: Value = serde_json::from_str(json)
            .map_err(|e| PyValueError::new_err(format!("not a wortlaut record: {e}")))?;
        if let Some(err) = value.get("error") {
            let s = |k: &str| err.get(k).and_then(Value::as_str).unwrap_or("").to_string();
            let id = value.get("id").and_then(Value::as_str).map(str::to_string);
            return Ok(NativeRecord::failed(id, &s("kind"), s("message")));
        }
        let a: Analysis = serde_json::from_value(value)
            .map_err(|e| PyValueError::new_err(format!("not a wortlaut record: {e}")))?;
        if a.offsets != OffsetUnit::Chars {
            return Err(PyValueError::new_err(
                "the record's offsets must be code points (\"offsets\": \"chars\")",
            ));
        }
        Ok(NativeRecord::analysed(a, text))
    }

    /// The JSON record, as `wortlaut analyze --input jsonl` writes it.
    fn json(&self) -> String {
        match &self.body {
            Body::Analysed(b) => json_of(&b.0),
            Body::Failed { id, kind, message } => error_json(id.as_deref(), kind, message),
        }
    }

    /// The record without its tokens (what the Python views decode: the
    /// tokens are most of a record).
    fn light_json(&self) -> String {
        match &self.body {
            Body::Analysed(b) => {
                let mut a = b.0.clone();
                a.tokens = Vec::new();
                a.include.tokens = false;
                json_of(&a)
            }
            Body::Failed { .. } => self.json(),
        }
    }

    /// `(kind, message)` of a failed document, else `None`.
    #[getter]
    fn error(&self) -> Option<(String, String)> {
        match &self.body {
            Body::Failed { kind, message, .. } => Some((kind.clone(), message.clone())),
            Body::Analysed(_) => None,
        }
    }

    /// The evidence words of each stance, joined with ", ".
    fn evidence_words(&self) -> Vec<String> {
        match &self.body {
            Body::Analysed(b) => b.1.evidence.clone(),
            Body::Failed { .. } => Vec::new(),
        }
    }
}

/// One cell of a table, borrowed from the records.
#[derive(Clone)]
enum Cell<'a> {
    Null,
    Int(i64),
    Float(f64),
    Bool(bool),
    Str(&'a str),
    Owned(Value),
}

/// A text field of the record, null when empty (no speaker, no cue).
fn nonempty(s: &str) -> Cell<'_> {
    if s.is_empty() {
        Cell::Null
    } else {
        Cell::Str(s)
    }
}

impl<'a> Cell<'a> {
    fn opt(s: Option<&'a str>) -> Cell<'a> {
        s.map_or(Cell::Null, Cell::Str)
    }

    fn count(n: usize) -> Cell<'a> {
        Cell::Int(i64::try_from(n).unwrap_or(i64::MAX))
    }

    fn to_py(&self, py: Python<'_>) -> PyResult<Py<PyAny>> {
        match self {
            Cell::Null => Ok(py.None()),
            Cell::Int(i) => i.into_py_any(py),
            Cell::Float(f) => f.into_py_any(py),
            Cell::Bool(b) => b.into_py_any(py),
            Cell::Str(s) => s.into_py_any(py),
            Cell::Owned(v) => value_to_py(py, v),
        }
    }
}

fn value_to_py(py: Python<'_>, v: &Value) -> PyResult<Py<PyAny>> {
    match v {
        Value::Null => Ok(py.None()),
        Value::Bool(b) => b.into_py_any(py),
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => i.into_py_any(py),
            (None, Some(u)) => u.into_py_any(py),
            _ => n.as_f64().unwrap_or(f64::NAN).into_py_any(py),
        },
        Value::String(s) => s.into_py_any(py),
        other => other.to_string().into_py_any(py),
    }
}

/// A score as the JSON record gives it: the shortest decimal of the `f32`,
/// read as a Python float (`0.3`, not `0.30000001192092896`).
fn score<'a>(x: f32) -> Cell<'a> {
    Cell::Float(x.to_string().parse().unwrap_or(f64::from(x)))
}

/// The columns of one table, filled row by row: the named columns, then
/// the scalar fields of the item's record that they do not show (found on
/// the first item; none today, so the records are serialised only when
/// the facade adds a field this code does not know).
struct Table<'a> {
    names: &'static [&'static str],
    cols: Vec<Vec<Cell<'a>>>,
    extra_names: Vec<String>,
    extra: Vec<Vec<Cell<'a>>>,
    extra_known: bool,
    doc: Vec<usize>,
}

impl<'a> Table<'a> {
    fn new(names: &'static [&'static str]) -> Table<'a> {
        Table {
            names,
            cols: names.iter().map(|_| Vec::new()).collect(),
            extra_names: Vec::new(),
            extra: Vec::new(),
            extra_known: false,
            doc: Vec::new(),
        }
    }

    /// Adds a row of document `doc` (cells in the order of the names).
    fn push<T: Serialize>(&mut self, doc: usize, cells: Vec<Cell<'a>>, item: Option<&T>) {
        debug_assert_eq!(cells.len(), self.names.len());
        for (col, cell) in self.cols.iter_mut().zip(cells) {
            col.push(cell);
        }
        if let Some(item) = item {
            if !self.extra_known {
                self.extra_known = true;
                if let Ok(Value::Object(map)) = serde_json::to_value(item) {
                    self.extra_names = scalar_keys(&map)
                        .filter(|k| !self.names.contains(k) && !SHOWN_AS.contains(k))
                        .map(str::to_string)
                        .collect();
                    self.extra = self.extra_names.iter().map(|_| Vec::new()).collect();
                }
            }
            if !self.extra_names.is_empty() {
                let map = match serde_json::to_value(item) {
                    Ok(Value::Object(map)) => map,
                    _ => Map::new(),
                };
                for (name, col) in self.extra_names.iter().zip(&mut self.extra) {
                    col.push(map.get(name).cloned().map_or(Cell::Null, Cell::Owned));
                }
            }
        }
        self.doc.push(doc);
    }

    fn into_py<'py>(self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        d.set_item("_doc", PyList::new(py, self.doc)?)?;
        let names = self.names.iter().map(|s| s.to_string());
        let extra_names = self.extra_names.into_iter();
        for (name, col) in names
            .chain(extra_names)
            .zip(self.cols.into_iter().chain(self.extra))
        {
            let items = col
                .iter()
                .map(|c| c.to_py(py))
                .collect::<PyResult<Vec<_>>>()?;
            d.set_item(name, PyList::new(py, items)?)?;
        }
        Ok(d)
    }
}

/// The keys of a record object's scalar fields (lists and objects left out).
fn scalar_keys(map: &Map<String, Value>) -> impl Iterator<Item = &str> {
    map.iter()
        .filter(|(_, v)| !matches!(v, Value::Array(_) | Value::Object(_)))
        .map(|(k, _)| k.as_str())
}

/// The tables of these records: `{"documents" | "mentions" | "quotes" |
/// "stances" | "errors": {column: list}}`, each with `_doc`, the index of
/// the row's record. Every scalar field of a mention, quote or stance
/// record is a column, so fields the facade adds appear without code here.
#[pyfunction]
pub fn table_columns<'py>(
    py: Python<'py>,
    records: Vec<Py<NativeRecord>>,
) -> PyResult<Bound<'py, PyDict>> {
    let refs: Vec<&NativeRecord> = records.iter().map(|r| r.get()).collect();
    let tables = py.detach(|| build_tables(&refs));
    let out = PyDict::new(py);
    for (name, table) in ["documents", "mentions", "quotes", "stances", "errors"]
        .into_iter()
        .zip(tables)
    {
        out.set_item(name, table.into_py(py)?)?;
    }
    Ok(out)
}

// The columns of the CLI's `--tables` CSV (crates/cli/src/analyze/tables.rs),
// in its order; documents add `sentences` and `tokens` (counts of what the
// record lists).
const DOCUMENTS: &[&str] = &[
    "length",
    "offsets",
    "sentences",
    "tokens",
    "mentions",
    "quotes",
    "stances",
    "sentiment_label",
    "sentiment_score",
    "repairs",
];
const MENTIONS: &[&str] = &[
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
];
const QUOTES: &[&str] = &[
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
];
const STANCES: &[&str] = &[
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
];
const ERRORS: &[&str] = &["kind", "message"];
/// Record fields that a column shows under another name.
const SHOWN_AS: &[&str] = &[];

/// The record's name of a mention form ("name", "genitive", ...), as serde
/// writes it; each form is serialised once.
fn form_name<'a>(known: &mut Vec<(wortlaut::Form, Value)>, form: wortlaut::Form) -> Cell<'a> {
    if let Some((_, name)) = known.iter().find(|(f, _)| *f == form) {
        return Cell::Owned(name.clone());
    }
    let name = serde_json::to_value(form).unwrap_or(Value::Null);
    known.push((form, name.clone()));
    Cell::Owned(name)
}

fn build_tables<'a>(records: &[&'a NativeRecord]) -> [Table<'a>; 5] {
    let mut docs = Table::new(DOCUMENTS);
    let mut mentions = Table::new(MENTIONS);
    let mut quotes = Table::new(QUOTES);
    let mut stances = Table::new(STANCES);
    let mut errors = Table::new(ERRORS);
    let mut forms: Vec<(wortlaut::Form, Value)> = Vec::new();
    for (d, r) in records.iter().enumerate() {
        let (a, texts) = match &r.body {
            Body::Failed { kind, message, .. } => {
                errors.push::<()>(d, vec![Cell::Str(kind), Cell::Str(message)], None);
                continue;
            }
            Body::Analysed(b) => (&b.0, &b.1),
        };
        let pol = a.sentiment.as_ref().map(|s| s.document);
        docs.push::<()>(
            d,
            vec![
                Cell::count(a.length),
                Cell::Str(a.offsets.as_str()),
                Cell::count(a.sentences.len()),
                Cell::count(a.tokens.len()),
                Cell::count(a.mentions.len()),
                Cell::count(a.quotes.len()),
                Cell::count(a.stance.len()),
                pol.map_or(Cell::Null, |p| Cell::Str(p.label.as_str())),
                pol.map_or(Cell::Null, |p| score(p.score)),
                Cell::count(a.repairs.len()),
            ],
            None,
        );
        for (i, m) in a.mentions.iter().enumerate() {
            mentions.push(
                d,
                vec![
                    Cell::count(i),
                    Cell::count(m.span.start),
                    Cell::count(m.span.end),
                    Cell::Str(&m.text),
                    Cell::opt(m.entity.as_deref()),
                    Cell::opt(m.name.as_deref()),
                    Cell::opt(m.qid.as_deref()),
                    Cell::Str(m.kind.as_str()),
                    form_name(&mut forms, m.form),
                    Cell::Bool(m.discovered),
                ],
                Some(m),
            );
        }
        for (i, q) in a.quotes.iter().enumerate() {
            quotes.push(
                d,
                vec![
                    Cell::count(i),
                    Cell::Str(q.kind.as_str()),
                    Cell::Str(q.medium.as_str()),
                    q.quote.first().map_or(Cell::Null, |s| Cell::count(s.start)),
                    q.quote.last().map_or(Cell::Null, |s| Cell::count(s.end)),
                    Cell::Str(&q.text),
                    nonempty(&q.speaker_text),
                    Cell::opt(q.speaker_entity.as_deref()),
                    Cell::opt(q.speaker_name.as_deref()),
                    Cell::opt(q.speaker_qid.as_deref()),
                    nonempty(&q.cue_text),
                    nonempty(&q.addressee_text),
                    Cell::opt(q.addressee_entity.as_deref()),
                    Cell::opt(q.addressee_name.as_deref()),
                    Cell::opt(q.addressee_qid.as_deref()),
                    Cell::Bool(q.nested),
                    q.polarity
                        .map_or(Cell::Null, |p| Cell::Str(p.label.as_str())),
                    q.polarity.map_or(Cell::Null, |p| score(p.score)),
                ],
                Some(q),
            );
        }
        for (i, s) in a.stance.iter().enumerate() {
            stances.push(
                d,
                vec![
                    Cell::count(i),
                    Cell::Str(&s.holder),
                    Cell::opt(s.holder_name.as_deref()),
                    Cell::opt(s.holder_qid.as_deref()),
                    Cell::Str(&s.target),
                    Cell::opt(s.target_name.as_deref()),
                    Cell::opt(s.target_qid.as_deref()),
                    Cell::Str(s.polarity.label.as_str()),
                    score(s.polarity.score),
                    Cell::Str(&texts.evidence[i]),
                    s.quote.map_or(Cell::Null, Cell::count),
                ],
                Some(s),
            );
        }
    }
    [docs, mentions, quotes, stances, errors]
}
