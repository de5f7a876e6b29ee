//! The package of wortlaut's criterion benchmarks; its targets are the
//! files in the top-level `benches/` folder, and this library is empty.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
