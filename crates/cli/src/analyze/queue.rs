//! A [`Batch`] that also carries, for each document, the repair recording
//! how its bytes were decoded ([`super::decode`]), and adds that repair to
//! the document's analysis.

use wortlaut::{Batch, OffsetUnit, OrigSpan, Outcome, Pipeline, Repair, RepairKind};

use super::input::{Doc, DocError};

/// Documents waiting to be analysed, with their decodings.
pub struct Queue {
    batch: Batch<DocError>,
    decoded: Vec<Option<RepairKind>>,
}

impl Queue {
    /// An empty queue, full at `max_documents` or `max_bytes`
    /// ([`Batch::new`]).
    pub fn new(max_documents: usize, max_bytes: usize) -> Queue {
        Queue {
            batch: Batch::new(max_documents, max_bytes),
            decoded: Vec::new(),
        }
    }

    /// Adds a document and how it was decoded; returns whether the queue is
    /// now full.
    pub fn push(&mut self, doc: Doc, decoded: Option<RepairKind>) -> bool {
        self.decoded.push(decoded);
        self.batch.push(doc)
    }

    /// Whether no document waits.
    pub fn is_empty(&self) -> bool {
        self.batch.is_empty()
    }

    /// Analyses the documents (in input order) and empties the queue; a
    /// decoded document gets its decoding as a repair over the whole text.
    pub fn run(&mut self, pipeline: &Pipeline, unit: OffsetUnit) -> Vec<Outcome<DocError>> {
        let mut out = self.batch.run(pipeline, unit);
        for (outcome, kind) in out.iter_mut().zip(self.decoded.drain(..)) {
            if let (Ok(doc), Some(kind)) = (outcome, kind) {
                let a = &mut doc.analysis;
                a.repairs.push(Repair {
                    kind,
                    span: OrigSpan::new(0, a.length),
                    replacement: None,
                });
                a.repairs.sort_by_key(|r| (r.span.start, r.span.end));
            }
        }
        out
    }
}
