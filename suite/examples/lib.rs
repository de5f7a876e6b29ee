//! The package of wortlaut's examples; its targets are the files in the
//! top-level `examples/` folder, and this library is empty.

#![forbid(unsafe_code)]
#![deny(missing_docs)]
