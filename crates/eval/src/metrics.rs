//! Generic agreement figures: counts of true and false positives and
//! negatives, precision, recall and F1, and the overlap of sorted lists.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

/// True positives, false positives and false negatives, with precision,
/// recall and F1 derived from them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Predicted and in the reference.
    pub tp: usize,
    /// Predicted, not in the reference.
    pub fp: usize,
    /// In the reference, not predicted.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// Counts the agreement of two sets.
    pub fn of<T: Eq + std::hash::Hash>(gold: &HashSet<T>, pred: &HashSet<T>) -> Counts {
        let tp = pred.intersection(gold).count();
        Counts {
            tp,
            fp: pred.len() - tp,
            fn_: gold.len() - tp,
        }
    }

    /// Adds other counts.
    pub fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }

    /// tp / (tp + fp), 0 when nothing was predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }

    /// tp / (tp + fn), 0 when the reference is empty.
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

pub(crate) fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Harmonic mean of `p` and `r`, 0 when both are 0.
pub(crate) fn f1(p: f64, r: f64) -> f64 {
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// Precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Prf {
    /// Precision (JSON `"P"`).
    #[serde(rename = "P")]
    pub precision: f64,
    /// Recall (JSON `"R"`).
    #[serde(rename = "R")]
    pub recall: f64,
    /// Harmonic mean of precision and recall, 0 when both are 0 (JSON `"F1"`).
    #[serde(rename = "F1")]
    pub f1: f64,
}

impl Prf {
    pub(crate) fn new(precision: f64, recall: f64) -> Prf {
        Prf {
            precision,
            recall,
            f1: f1(precision, recall),
        }
    }
}

/// Size of the intersection of two sorted, distinct lists.
pub fn common<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

impl Counts {
    /// Precision, recall and F1 of these counts.
    pub fn prf(&self) -> Prf {
        Prf::new(self.precision(), self.recall())
    }
}

/// Counts with their precision, recall and F1, for reports: serialises as
/// `{"tp", "fp", "fn", "P", "R", "F1"}`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Scored {
    /// The counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// Precision, recall and F1 derived from them.
    #[serde(flatten)]
    pub prf: Prf,
}

impl From<Counts> for Scored {
    fn from(counts: Counts) -> Scored {
        Scored {
            counts,
            prf: counts.prf(),
        }
    }
}
