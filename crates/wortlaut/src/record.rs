//! The serialised form of an [`Analysis`]: the document record of
//! `wortlaut analyze` (docs/FORMATS.md).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::{
    Analysis, MentionRecord, OffsetUnit, OrigSpan, QuoteRecord, Repair, SentimentRecord,
    StanceRecord,
};

/// A document's metadata: JSON fields in their input order.
pub type Meta = serde_json::Map<String, serde_json::Value>;

/// Which optional lists an [`Analysis`] holds and serialises: a list left
/// out is empty and its key is not written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Include {
    /// Word tokens ([`Analysis::tokens`]).
    pub tokens: bool,
    /// Sentences ([`Analysis::sentences`]) and their polarity
    /// ([`SentimentRecord::sentences`]).
    pub sentences: bool,
    /// Entity mentions ([`Analysis::mentions`]); they may still be found
    /// for the speakers and the stance.
    pub mentions: bool,
    /// Quotations ([`Analysis::quotes`]); they may still be found for the
    /// stance.
    pub quotes: bool,
}

impl Default for Include {
    /// Every list.
    fn default() -> Include {
        Include {
            tokens: true,
            sentences: true,
            mentions: true,
            quotes: true,
        }
    }
}

#[derive(Serialize)]
struct RecordRef<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<&'a Meta>,
    offsets: OffsetUnit,
    length: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentences: Option<&'a [OrigSpan]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tokens: Option<&'a [OrigSpan]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    mentions: Option<&'a [MentionRecord]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    quotes: Option<&'a [QuoteRecord]>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sentiment: Option<&'a SentimentRecord>,
    stance: &'a [StanceRecord],
    repairs: &'a [Repair],
    #[serde(skip_serializing_if = "Option::is_none")]
    normalized: Option<&'a str>,
}

#[derive(Deserialize)]
struct Record {
    #[serde(default)]
    id: Option<String>,
    #[serde(default)]
    meta: Option<Meta>,
    offsets: OffsetUnit,
    length: usize,
    #[serde(default)]
    sentences: Option<Vec<OrigSpan>>,
    #[serde(default)]
    tokens: Option<Vec<OrigSpan>>,
    #[serde(default)]
    mentions: Option<Vec<MentionRecord>>,
    #[serde(default)]
    quotes: Option<Vec<QuoteRecord>>,
    #[serde(default)]
    sentiment: Option<SentimentRecord>,
    #[serde(default)]
    stance: Vec<StanceRecord>,
    #[serde(default)]
    repairs: Vec<Repair>,
    #[serde(default)]
    normalized: Option<String>,
}

impl Serialize for Analysis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        RecordRef {
            id: self.id.as_deref(),
            meta: self.meta.as_ref(),
            offsets: self.offsets,
            length: self.length,
            sentences: self.include.sentences.then_some(&self.sentences[..]),
            tokens: self.include.tokens.then_some(&self.tokens[..]),
            mentions: self.include.mentions.then_some(&self.mentions[..]),
            quotes: self.include.quotes.then_some(&self.quotes[..]),
            sentiment: self.sentiment.as_ref(),
            stance: &self.stance,
            repairs: &self.repairs,
            normalized: self.normalized.as_deref(),
        }
        .serialize(serializer)
    }
}

impl<'de> Deserialize<'de> for Analysis {
    /// Reads a document record; `include` says which of the optional lists
    /// it had.
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Analysis, D::Error> {
        let r = Record::deserialize(deserializer)?;
        Ok(Analysis {
            id: r.id,
            meta: r.meta,
            offsets: r.offsets,
            length: r.length,
            include: Include {
                tokens: r.tokens.is_some(),
                sentences: r.sentences.is_some(),
                mentions: r.mentions.is_some(),
                quotes: r.quotes.is_some(),
            },
            sentences: r.sentences.unwrap_or_default(),
            tokens: r.tokens.unwrap_or_default(),
            mentions: r.mentions.unwrap_or_default(),
            quotes: r.quotes.unwrap_or_default(),
            sentiment: r.sentiment,
            stance: r.stance,
            repairs: r.repairs,
            normalized: r.normalized,
        })
    }
}
