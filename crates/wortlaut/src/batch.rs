//! Batches of identified documents, for streams and archives: raw bytes in,
//! analyses in the offset unit the caller wants out, in input order, with a
//! document that could not be read kept in its place as an error.
//!
//! [`Pipeline::analyze_documents`] analyses one batch in parallel (on the
//! current rayon pool). A [`Batch`] collects documents until it holds
//! `max_documents` of them or `max_bytes` of text, so that memory stays
//! bounded however long the stream is.
//!
//! ```
//! use wortlaut::{Batch, Document, OffsetUnit, Pipeline};
//!
//! let pipeline = Pipeline::new();
//! let mut batch: Batch<String> = Batch::new(2, 1 << 20);
//! assert!(!batch.push(Document::new("a", "„Ja“, sagte Anna.")));
//! assert!(batch.push(Document::failed("b", "cannot read file".to_string())));
//! let results = batch.run(&pipeline, OffsetUnit::Chars);
//! assert!(batch.is_empty());
//! let first = results[0].as_ref().unwrap();
//! assert_eq!(first.analysis.id.as_deref(), Some("a"));
//! assert_eq!(first.analysis.quotes.len(), 1);
//! assert_eq!(results[1].as_ref().unwrap_err().0, "b");
//! ```

use rayon::prelude::*;

use crate::{Analysis, Meta, OffsetUnit, Pipeline};

/// One document of a batch: its id and its raw bytes (invalid UTF-8 is
/// repaired and reported by the pipeline), or why it could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document<E> {
    /// The document id, copied into [`Analysis::id`].
    pub id: String,
    /// The document's bytes, or the caller's reason why there are none.
    pub bytes: Result<Vec<u8>, E>,
    /// The caller's metadata, copied into [`Analysis::meta`].
    pub meta: Option<Meta>,
}

impl<E> Document<E> {
    /// A document with these bytes.
    pub fn new(id: impl Into<String>, bytes: impl Into<Vec<u8>>) -> Document<E> {
        Document {
            id: id.into(),
            bytes: Ok(bytes.into()),
            meta: None,
        }
    }

    /// A document that could not be read: it stays an error in its place.
    pub fn failed(id: impl Into<String>, error: E) -> Document<E> {
        Document {
            id: id.into(),
            bytes: Err(error),
            meta: None,
        }
    }

    /// The same document with this metadata ([`Analysis::meta`]).
    pub fn with_meta(mut self, meta: Option<Meta>) -> Document<E> {
        self.meta = meta;
        self
    }

    /// Bytes of text the document holds (0 for a failed one).
    pub fn len(&self) -> usize {
        self.bytes.as_ref().map_or(0, Vec::len)
    }

    /// Whether the document holds no text.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// An analysed [`Document`]: the decoded text the offsets refer to, and the
/// analysis with the document's id.
#[derive(Clone, Debug, PartialEq)]
pub struct Analysed {
    /// The decoded text (invalid UTF-8 replaced by U+FFFD).
    pub text: String,
    /// The analysis, with [`Analysis::id`] set and offsets in the unit asked
    /// for.
    pub analysis: Analysis,
}

/// The result for one document: its analysis, or its id and the error it
/// came with.
pub type Outcome<E> = Result<Analysed, (String, E)>;

impl Pipeline {
    /// Analyses documents in parallel (on the current rayon pool). Results
    /// are in input order, each analysis with its document's id and offsets
    /// in `unit`, and identical to [`Pipeline::analyze_bytes`] on each; a
    /// failed document stays an error in its place.
    pub fn analyze_documents<E: Send>(
        &self,
        documents: Vec<Document<E>>,
        unit: OffsetUnit,
    ) -> Vec<Outcome<E>> {
        documents
            .into_par_iter()
            .map(|doc| match doc.bytes {
                Ok(bytes) => {
                    let (decoded, analysis) = self.analyze_bytes(&bytes);
                    let analysis = analysis
                        .with_id(doc.id)
                        .with_meta(doc.meta)
                        .into_unit(&decoded, unit);
                    Ok(Analysed {
                        text: decoded.into_owned(),
                        analysis,
                    })
                }
                Err(e) => Err((doc.id, e)),
            })
            .collect()
    }
}

/// Documents collected for one [`Pipeline::analyze_documents`] call, up to a
/// number of documents or of bytes.
#[derive(Debug)]
pub struct Batch<E> {
    documents: Vec<Document<E>>,
    bytes: usize,
    max_documents: usize,
    max_bytes: usize,
}

impl<E: Send> Batch<E> {
    /// An empty batch that is full at `max_documents` documents (at least
    /// one) or `max_bytes` bytes of text, whichever comes first.
    pub fn new(max_documents: usize, max_bytes: usize) -> Batch<E> {
        let max_documents = max_documents.max(1);
        Batch {
            documents: Vec::with_capacity(max_documents.min(4096)),
            bytes: 0,
            max_documents,
            max_bytes,
        }
    }

    /// Adds a document; returns whether the batch is now full (then
    /// [`Batch::run`] it before adding more, to keep memory bounded).
    pub fn push(&mut self, document: Document<E>) -> bool {
        self.bytes += document.len();
        self.documents.push(document);
        self.is_full()
    }

    /// Whether the batch holds `max_documents` documents or `max_bytes`
    /// bytes.
    pub fn is_full(&self) -> bool {
        self.documents.len() >= self.max_documents || self.bytes >= self.max_bytes
    }

    /// Documents in the batch.
    pub fn len(&self) -> usize {
        self.documents.len()
    }

    /// Whether the batch holds no document.
    pub fn is_empty(&self) -> bool {
        self.documents.is_empty()
    }

    /// Analyses the batch's documents ([`Pipeline::analyze_documents`]) and
    /// empties it.
    pub fn run(&mut self, pipeline: &Pipeline, unit: OffsetUnit) -> Vec<Outcome<E>> {
        self.bytes = 0;
        pipeline.analyze_documents(std::mem::take(&mut self.documents), unit)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn full_by_count_or_bytes() {
        let mut b: Batch<()> = Batch::new(3, 10);
        assert!(!b.push(Document::new("a", "1234")));
        assert!(!b.push(Document::failed("b", ())));
        assert!(b.push(Document::new("c", "1")));
        assert_eq!(b.len(), 3);
        let mut b: Batch<()> = Batch::new(100, 10);
        assert!(!b.push(Document::new("a", "123456789")));
        assert!(b.push(Document::new("b", "0")));
        let _ = b.run(
            &Pipeline::builder().no_gazetteer().build().unwrap(),
            OffsetUnit::Bytes,
        );
        assert!(b.is_empty() && !b.is_full());
        assert!(!b.push(Document::new("c", "1")));
    }

    #[test]
    fn same_as_one_by_one_in_input_order() {
        let p = Pipeline::new();
        let texts = [
            "Putin sagte, er komme.",
            "Merkel schwieg.",
            "",
            "Köln \u{fffd}",
        ];
        let mut docs: Vec<Document<u8>> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Document::new(i.to_string(), *t))
            .collect();
        docs.insert(2, Document::failed("bad", 7));
        docs.push(Document::new("invalid", b"Gr\xfc\xdfe".to_vec()));
        let out = p.analyze_documents(docs, OffsetUnit::Chars);
        assert_eq!(out.len(), 6);
        assert_eq!(out[2], Err(("bad".to_string(), 7)));
        let ok: Vec<&Analysed> = out.iter().filter_map(|r| r.as_ref().ok()).collect();
        for (i, (a, t)) in ok.iter().zip(texts).enumerate() {
            let want = p
                .analyze(t)
                .with_id(i.to_string())
                .into_unit(t, OffsetUnit::Chars);
            assert_eq!(a.analysis, want);
            assert_eq!(a.text, t);
        }
        let last = ok[4];
        assert_eq!(last.text, "Gr\u{fffd}\u{fffd}e");
        assert!(last
            .analysis
            .repairs
            .iter()
            .any(|r| r.kind == crate::RepairKind::InvalidUtf8));
    }
}
