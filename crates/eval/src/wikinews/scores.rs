//! The figures of the metric and their text report.

use std::collections::BTreeMap;
use std::fmt;

use serde::Serialize;

use crate::metrics::Prf;

/// The figures of the dataset's own metric.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct OfficialScores {
    /// The quote part, macro over groups.
    pub messages: Prf,
    /// The four role parts (addressee, cue, frame, speaker), macro.
    pub roles: Prf,
    /// All five parts, macro.
    pub joint: Prf,
    /// The quotation type, micro.
    pub form: Prf,
    /// The medium (speech, thought, writing; "STWR"), micro.
    pub medium: Prf,
}

/// Quotes matched one-to-one under some criterion, with P/R/F1.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct MatchScores {
    /// matched / pred, matched / gold.
    #[serde(flatten)]
    pub prf: Prf,
    /// Pairs matched.
    pub matched: usize,
    /// Gold quotes considered.
    pub gold: usize,
    /// Predicted quotes considered.
    pub pred: usize,
}

/// Speaker agreement on the quotes matched ≥50%.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct SpeakerScores {
    /// Quote pairs matched ≥50%.
    pub matched: usize,
    /// Share of them with the same speaker tokens (both empty counts).
    pub exact_acc: f64,
    /// Share with overlapping speaker tokens (or both empty).
    pub lenient_acc: f64,
    /// Matched pairs whose gold quote has a speaker.
    pub matched_with_gold_speaker: usize,
    /// Of those, share with the same speaker tokens.
    pub exact_acc_gold_speaker: f64,
    /// Of those, share with overlapping speaker tokens.
    pub lenient_acc_gold_speaker: f64,
}

/// Recall of the ≥50% match for one gold type.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct TypeRecall {
    /// Gold quotes of this type matched.
    pub found: usize,
    /// Gold quotes of this type.
    pub gold: usize,
    /// found / gold (JSON `"R"`).
    #[serde(rename = "R")]
    pub recall: f64,
}

/// The figures the reference scorer adds to the official metric.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExtraScores {
    /// Quote tokens, micro over all groups.
    pub messages_micro_tokens: Prf,
    /// Role tokens, micro.
    pub roles_micro_tokens: Prf,
    /// All tokens, micro.
    pub joint_micro_tokens: Prf,
    /// Gold Direct quotes against predictions typed Direct or untyped (with
    /// at least one token): identical tokens.
    pub direct_exact: MatchScores,
    /// The same with the ≥50% match.
    pub direct_half: MatchScores,
    /// All quotes, ≥50% match: each covers at least half of the other's
    /// tokens; maximum number of pairs, then maximum total overlap F1.
    pub quotes_half: MatchScores,
    /// Speaker agreement on the pairs of [`ExtraScores::quotes_half`].
    pub speaker_on_matched: SpeakerScores,
    /// Share of those pairs with the same type.
    pub type_acc_on_matched: f64,
    /// Recall of the ≥50% match by gold type (`"None"` for untyped gold).
    pub recall_half_by_gold_type: BTreeMap<String, TypeRecall>,
}

/// Everything `wikinews_quotes.py score` reports.
///
/// `Display` writes the script's text report, ending with a newline (write
/// it with `print!`); `Serialize` gives the keys and nesting of its `--json`
/// output.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct QuoteScores {
    /// Gold articles.
    pub documents: usize,
    /// Gold quotes.
    pub gold_quotes: usize,
    /// Predicted quotes in gold articles.
    pub pred_quotes: usize,
    /// Ids of predicted articles that are not in the gold file (ignored),
    /// sorted.
    pub pred_documents_not_in_gold: Vec<String>,
    /// The assignment implementation: always `"builtin"` (the script says
    /// `"scipy"` when it has scipy; both give the same assignment).
    pub assignment: &'static str,
    /// The dataset's metric.
    pub official: OfficialScores,
    /// The script's extra figures.
    pub extras: ExtraScores,
}

impl fmt::Display for QuoteScores {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "documents {}  gold quotes {}  predicted quotes {}  (assignment: {})",
            self.documents, self.gold_quotes, self.pred_quotes, self.assignment
        )?;
        if !self.pred_documents_not_in_gold.is_empty() {
            writeln!(
                f,
                "warning: {} predicted documents not in gold, ignored",
                self.pred_documents_not_in_gold.len()
            )?;
        }
        writeln!(
            f,
            "\nofficial metric (token level, Hungarian quote assignment)"
        )?;
        writeln!(f, "  {:<22}{:>8}{:>8}{:>8}", "", "P", "R", "F1")?;
        let o = &self.official;
        for (label, v) in [
            ("Messages (macro)", o.messages),
            ("Roles (macro)", o.roles),
            ("Joint (macro)", o.joint),
            ("Form (micro)", o.form),
            ("Medium/STWR (micro)", o.medium),
        ] {
            writeln!(
                f,
                "  {label:<22}{:8.4}{:8.4}{:8.4}",
                v.precision, v.recall, v.f1
            )?;
        }
        let ex = &self.extras;
        writeln!(f, "\nextras (not in the paper)")?;
        for (label, v) in [
            ("Messages tokens micro", ex.messages_micro_tokens),
            ("Roles tokens micro", ex.roles_micro_tokens),
            ("Joint tokens micro", ex.joint_micro_tokens),
        ] {
            writeln!(
                f,
                "  {label:<28}{:8.4}{:8.4}{:8.4}",
                v.precision, v.recall, v.f1
            )?;
        }
        for (label, v) in [
            ("Direct quotes, exact", ex.direct_exact),
            ("Direct quotes, >=50%", ex.direct_half),
            ("All quotes, >=50%", ex.quotes_half),
        ] {
            writeln!(
                f,
                "  {label:<28}{:8.4}{:8.4}{:8.4}   ({} matched / {} gold / {} pred)",
                v.prf.precision, v.prf.recall, v.prf.f1, v.matched, v.gold, v.pred
            )?;
        }
        let s = &ex.speaker_on_matched;
        writeln!(
            f,
            "  speaker accuracy on {} quotes matched >=50%: exact {:.4}, overlap {:.4}; \
             on the {} with a gold speaker: exact {:.4}, overlap {:.4}",
            s.matched,
            s.exact_acc,
            s.lenient_acc,
            s.matched_with_gold_speaker,
            s.exact_acc_gold_speaker,
            s.lenient_acc_gold_speaker
        )?;
        writeln!(
            f,
            "  type accuracy on matched quotes: {:.4}",
            ex.type_acc_on_matched
        )?;
        write!(f, "  recall (>=50%) by gold type: ")?;
        for (k, (t, v)) in ex.recall_half_by_gold_type.iter().enumerate() {
            let sep = if k > 0 { ", " } else { "" };
            write!(f, "{sep}{t} {}/{}={:.3}", v.found, v.gold, v.recall)?;
        }
        writeln!(f)
    }
}
