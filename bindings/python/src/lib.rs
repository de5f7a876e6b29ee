//! The native part of the `wortlaut` Python module (`wortlaut._native`).
//!
//! It holds a built [`wortlaut::Pipeline`] and analyses batches of texts in
//! parallel on a rayon pool **with the GIL released**. Every result comes
//! back as the JSON text of the very record the command line writes for the
//! same input (`wortlaut analyze --input jsonl`, code-point offsets): the
//! Python side decodes it with `json.loads`, so that `Analysis.to_dict()`
//! equals the CLI's record by construction and every field the facade adds
//! flows through without code here.

#![deny(missing_docs)]

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};

use pyo3::exceptions::{PyFileNotFoundError, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};
use rayon::prelude::*;
use wortlaut::{Analysis, OffsetUnit, Pipeline};

mod record;

use record::NativeRecord;

/// One document as given from Python: its id and its text, or why it has
/// no usable text (kind, message).
struct Input {
    id: Option<String>,
    /// The metadata as JSON (`json.dumps` of the dict's other fields).
    meta: Option<String>,
    text: Result<String, (&'static str, String)>,
}

/// One document's record: the CLI's `Batch` path
/// ([`Pipeline::analyze_bytes`], the id, code-point offsets).
fn record(pipeline: &Pipeline, input: Input) -> NativeRecord {
    let Input { id, meta, text } = input;
    let meta = match meta.as_deref().map(serde_json::from_str::<wortlaut::Meta>) {
        None => None,
        Some(Ok(m)) => (!m.is_empty()).then_some(m),
        Some(Err(e)) => {
            let message = format!("the metadata is not a JSON object: {e}");
            return NativeRecord::failed(id, "bad_record", message);
        }
    };
    match text {
        Ok(text) => {
            let (decoded, analysis) = pipeline.analyze_bytes(text.as_bytes());
            let analysis = match id {
                Some(id) => analysis.with_id(id),
                None => analysis,
            };
            let analysis = analysis
                .with_meta(meta)
                .into_unit(&decoded, OffsetUnit::Chars);
            NativeRecord::analysed(analysis, &decoded)
        }
        Err((kind, message)) => NativeRecord::failed(id, kind, message),
    }
}

/// A batch being analysed on the pool ([`NativePipeline::submit`]).
#[pyclass(frozen, module = "wortlaut._native", name = "Job")]
#[derive(Default)]
struct Job {
    state: Arc<JobState>,
    taken: std::sync::atomic::AtomicBool,
}

type JobState = (Mutex<Option<Result<Vec<NativeRecord>, String>>>, Condvar);

#[pymethods]
impl Job {
    /// Waits (with the GIL released) for the batch's records, in input
    /// order. A job gives its records once.
    fn wait(&self, py: Python<'_>) -> PyResult<Vec<NativeRecord>> {
        if self.taken.swap(true, std::sync::atomic::Ordering::SeqCst) {
            return Err(PyRuntimeError::new_err(
                "the job's records were taken already",
            ));
        }
        let out = py.detach(|| {
            let (slot, ready) = &*self.state;
            let mut guard = slot.lock().unwrap_or_else(|e| e.into_inner());
            while guard.is_none() {
                guard = ready.wait(guard).unwrap_or_else(|e| e.into_inner());
            }
            guard.take()
        });
        match out {
            Some(Ok(records)) => Ok(records),
            Some(Err(message)) => Err(PyRuntimeError::new_err(message)),
            None => Err(PyRuntimeError::new_err("the job ended without records")),
        }
    }
}

/// Loads a gazetteer file as the CLI's `--gazetteer` does, with its
/// messages: `FileNotFoundError` when the file is missing, else
/// `ValueError`.
fn load_gazetteer(path: &std::path::Path) -> PyResult<wortlaut::Gazetteer> {
    if !path.exists() {
        return Err(PyFileNotFoundError::new_err(format!(
            "gazetteer not found: {}; check the path given to --gazetteer \
             (a TSV or compiled gazetteer, docs/FORMATS.md)",
            path.display()
        )));
    }
    wortlaut::Gazetteer::load(path).map_err(|e| match e {
        wortlaut::gazetteer::Error::Io(io) => {
            PyValueError::new_err(format!("cannot read {}: {io}", path.display()))
        }
        e => PyValueError::new_err(format!("cannot load gazetteer {}: {e}", path.display())),
    })
}

/// The error a failed load raises: `FileNotFoundError` when a file is
/// missing, `ValueError` otherwise, with the message the CLI prints.
fn load_error(e: &(dyn std::error::Error + 'static)) -> PyErr {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::NotFound {
                return PyFileNotFoundError::new_err(e.to_string());
            }
        }
        source = s.source();
    }
    PyValueError::new_err(e.to_string())
}

/// The analysis pipeline (see `wortlaut.Pipeline` for the Python API).
#[pyclass(frozen, module = "wortlaut._native", name = "NativePipeline")]
struct NativePipeline {
    pipeline: Pipeline,
    max_bytes: usize,
    /// The default number of worker threads (`None`: all cores).
    threads: Option<usize>,
    /// Thread pools by size, built on first use.
    pools: Mutex<HashMap<usize, Arc<rayon::ThreadPool>>>,
}

#[pymethods]
impl NativePipeline {
    /// Builds a pipeline; the arguments are those of `wortlaut.Pipeline`.
    #[new]
    #[pyo3(signature = (gazetteer, no_gazetteer, lexicon, quotes, sentiment, normalized,
                        tokens, sentences, neutral_band, negativity, length_damping,
                        max_bytes, threads, discovery=true, quote_model=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        gazetteer: Option<PathBuf>,
        no_gazetteer: bool,
        lexicon: Option<PathBuf>,
        quotes: bool,
        sentiment: bool,
        normalized: bool,
        tokens: bool,
        sentences: bool,
        neutral_band: Option<f32>,
        negativity: Option<f32>,
        length_damping: Option<f32>,
        max_bytes: usize,
        threads: Option<usize>,
        discovery: bool,
        quote_model: Option<PathBuf>,
    ) -> PyResult<NativePipeline> {
        let mut builder = Pipeline::builder();
        builder
            .discovery(discovery)
            .keep_normalized(normalized)
            .tokens(tokens)
            .sentences(sentences);
        if let Some(path) = &gazetteer {
            builder.gazetteer(load_gazetteer(path)?);
        } else if no_gazetteer {
            builder.no_gazetteer();
        }
        if !quotes {
            builder.no_quotes();
        }
        if let Some(path) = &quote_model {
            builder.speaker_model(wortlaut::SpeakerModel::load(path).map_err(|e| load_error(&e))?);
        }
        if sentiment {
            let mut tagger = wortlaut::Tagger::builder();
            if let Some(path) = &lexicon {
                tagger.lexicon(wortlaut::Lexicon::load(path).map_err(|e| load_error(&e))?);
            }
            tagger
                .neutral_band(neutral_band.unwrap_or(wortlaut::sentiment::NEUTRAL_BAND))
                .negativity(negativity.unwrap_or(wortlaut::sentiment::NEGATIVITY))
                .length_damping(length_damping.unwrap_or(wortlaut::sentiment::LENGTH_DAMPING));
            builder.tagger(tagger.build().map_err(|e| load_error(&e))?);
        } else {
            builder.no_sentiment();
        }
        let pipeline = builder
            .build()
            .map_err(|e| PyValueError::new_err(format!("cannot build the pipeline: {e}")))?;
        Ok(NativePipeline {
            pipeline,
            max_bytes,
            threads: threads.map(|n| n.max(1)),
            pools: Mutex::new(HashMap::new()),
        })
    }

    /// Analyses one text.
    #[pyo3(signature = (text, id=None, meta=None))]
    fn analyze(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        id: Option<String>,
        meta: Option<String>,
    ) -> NativeRecord {
        let input = Input {
            id,
            meta,
            text: self.text_of(text),
        };
        py.detach(|| record(&self.pipeline, input))
    }

    /// Starts analysing a batch in parallel on the pool and returns at
    /// once: `docs` is a list of `(id, meta as JSON, text)` triples (`text`
    /// a `str`; anything else, or a text over `max_bytes`, gives a failed
    /// record). [`Job::wait`] gives the records in input order; meanwhile
    /// Python prepares the next batch and hands out the previous one.
    #[pyo3(signature = (docs, threads=None))]
    fn submit(&self, docs: &Bound<'_, PyList>, threads: Option<usize>) -> PyResult<Job> {
        let mut inputs: Vec<Input> = Vec::with_capacity(docs.len());
        for item in docs.iter() {
            let (id, meta, text): (Option<String>, Option<String>, Bound<'_, PyAny>) =
                item.extract()?;
            let text = self.text_of(&text);
            inputs.push(Input { id, meta, text });
        }
        let pool = self.pool(threads.or(self.threads))?;
        let job = Job::default();
        let state = job.state.clone();
        let pipeline = self.pipeline.clone();
        pool.spawn(move || {
            let run = std::panic::AssertUnwindSafe(|| {
                inputs
                    .into_par_iter()
                    .with_max_len(1)
                    .map(|input| record(&pipeline, input))
                    .collect::<Vec<_>>()
            });
            let out = std::panic::catch_unwind(run).map_err(|_| {
                "the analysis of a batch panicked; please report the input".to_string()
            });
            let (slot, ready) = &*state;
            *slot.lock().unwrap_or_else(|e| e.into_inner()) = Some(out);
            ready.notify_all();
        });
        Ok(job)
    }

    /// The largest text in UTF-8 bytes; larger ones give error records.
    #[getter]
    fn max_bytes(&self) -> usize {
        self.max_bytes
    }
}

impl NativePipeline {
    /// The text of a document, or why it cannot be analysed.
    fn text_of(&self, text: &Bound<'_, PyAny>) -> Result<String, (&'static str, String)> {
        let Ok(s) = text.cast::<PyString>() else {
            return Err((
                "bad_text",
                format!("\"text\" must be a string, found {}", type_name(text)),
            ));
        };
        match s.to_cow() {
            Ok(s) if s.len() > self.max_bytes => Err((
                "too_large",
                format!(
                    "text of {} bytes exceeds max_bytes {}; raise the limit or split the document",
                    s.len(),
                    self.max_bytes
                ),
            )),
            Ok(s) => Ok(s.into_owned()),
            Err(_) => Err((
                "bad_text",
                "text contains lone surrogates and is not valid Unicode; \
                 clean it first, e.g. text.encode('utf-8', 'replace').decode()"
                    .to_string(),
            )),
        }
    }

    /// The pool of `threads` workers (`None`: all cores), built once.
    fn pool(&self, threads: Option<usize>) -> PyResult<Arc<rayon::ThreadPool>> {
        let n = threads.map_or_else(
            || std::thread::available_parallelism().map_or(1, |n| n.get()),
            |n| n.max(1),
        );
        let mut pools = self
            .pools
            .lock()
            .map_err(|_| PyRuntimeError::new_err("the thread pool registry was poisoned"))?;
        if let Some(p) = pools.get(&n) {
            return Ok(p.clone());
        }
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| {
                PyRuntimeError::new_err(format!(
                    "cannot start {n} worker threads: {e}; try a smaller threads="
                ))
            })?;
        let pool = Arc::new(pool);
        pools.insert(n, pool.clone());
        Ok(pool)
    }
}

/// The article view of the HTML report for one analysed text (`text` the
/// original).
#[pyfunction]
fn article_html(text: &str, record: PyRef<'_, NativeRecord>) -> PyResult<String> {
    let a = record
        .analysis()
        .ok_or_else(|| PyValueError::new_err("the document was not analysed"))?;
    Ok(wortlaut_corpus::report::article_view(text, a))
}

/// The corpus report page for `(text, record)` pairs; failed records are
/// listed as documents that could not be analysed.
#[pyfunction]
fn report_html(py: Python<'_>, docs: Vec<(String, Py<NativeRecord>)>) -> String {
    py.detach(|| {
        let mut corpus = wortlaut_corpus::CorpusBuilder::new();
        let mut analysed: Vec<(&str, &Analysis)> = Vec::new();
        let mut errors: Vec<(&str, &str, &str)> = Vec::new();
        for (text, r) in &docs {
            let r = r.get();
            if let Some(a) = r.analysis() {
                corpus.add(text, a);
                analysed.push((text.as_str(), a));
            } else if let Some((id, kind, message)) = r.failure() {
                errors.push((id.as_deref().unwrap_or("document"), kind, message));
            }
        }
        wortlaut_corpus::report::html(&analysed, &corpus.finish(), &errors)
    })
}

/// The type of a value, named as the CLI names JSON types ("a number"),
/// else by its Python type.
fn type_name(value: &Bound<'_, PyAny>) -> String {
    let ty = value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "?".to_string());
    match ty.as_str() {
        "NoneType" => "null".to_string(),
        "bool" => "a boolean".to_string(),
        "int" | "float" => "a number".to_string(),
        "list" | "tuple" => "an array".to_string(),
        "dict" => "an object".to_string(),
        _ => format!("a {ty}"),
    }
}

/// The native module.
#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativePipeline>()?;
    m.add_class::<NativeRecord>()?;
    m.add_class::<Job>()?;
    m.add_function(wrap_pyfunction!(record::table_columns, m)?)?;
    m.add_function(wrap_pyfunction!(article_html, m)?)?;
    m.add_function(wrap_pyfunction!(report_html, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
