//! **wortlaut-corpus**: what a corpus of analysed documents says —
//! entities ranked by mentions, who is quoted how often and with what, the
//! stance matrix, the same quotation reported by several articles — and a
//! self-contained HTML report of it all.
//!
//! - [`summary`]: the tables; a [`CorpusBuilder`] takes one analysed
//!   document at a time (so it works on streams) and keeps only what the
//!   summary needs; [`CorpusBuilder::finish`] ranks, aggregates and
//!   clusters. [`DocumentSummary::of`] gives the same tables for one
//!   document.
//! - [`cluster`]: near-duplicate quotations across documents.
//! - [`report`]: the HTML report.
//!
//! Its German word lists (the clusterer's stop words and inflection
//! endings) are lists of the German profile (`wortlaut_text::Profile`,
//! `corpus/*` in `crates/text/data/de/`).
//!
//! ```
//! use wortlaut::Pipeline;
//! use wortlaut_corpus::CorpusBuilder;
//!
//! let p = Pipeline::new();
//! let a = "Wladimir Putin sagte, Russland lege großen Wert auf die „Stärkung der Beziehungen“ zu Vietnam.";
//! let b = "Putin betonte die „Stärkung der Beziehungen“ zu Vietnam, berichtete die Zeitung.";
//! let mut corpus = CorpusBuilder::new();
//! corpus.add(a, &p.analyze(a).with_id("a"));
//! corpus.add(b, &p.analyze(b).with_id("b"));
//! let summary = corpus.finish();
//! assert_eq!(summary.documents, 2);
//! let putin = summary.entities.iter().find(|e| e.entity == "vladimir_putin").unwrap();
//! assert_eq!((putin.mentions, putin.documents), (2, 2));
//! // „Stärkung der Beziehungen“ is reported by both documents.
//! let c = &summary.quote_clusters[0];
//! assert!(c.members.iter().any(|m| m.document == "a") && c.members.iter().any(|m| m.document == "b"));
//! ```

#![deny(missing_docs)]
#![deny(rustdoc::broken_intra_doc_links)]
#![forbid(unsafe_code)]

pub mod cluster;
pub mod report;
pub mod summary;

pub use cluster::{ClusterMember, QuoteCluster};
pub use summary::{
    CorpusBuilder, CorpusSummary, DocumentSummary, EntityCount, Said, Speaker, StanceSummary,
    MAX_CLUSTERED, MAX_SAID,
};
