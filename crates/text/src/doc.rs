//! Tokens, sentences and the document every stage reads.

use core::ops::Range;

use crate::entity::EntityMention;
use crate::span::Span;

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
#[cfg_attr(feature = "serde", serde(rename_all = "snake_case"))]
pub enum TokenKind {
    /// A word, including hyphenated compounds and apostrophes.
    Word,
    /// A number ("1.000", "3,5", "1:0", "2024").
    Number,
    /// An ordinal or a date part written with a full stop ("20.", "II.").
    Ordinal,
    /// An abbreviation with its full stop ("Dr.", "z.", "B.").
    Abbreviation,
    /// A quotation mark.
    Quote,
    /// Any other punctuation or symbol.
    Punct,
    /// A URL.
    Url,
}

/// A token: a span of the text and its kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Token {
    /// Byte span in the segmented text.
    pub span: Span,
    /// What the token is.
    pub kind: TokenKind,
}

/// A sentence: its span and the range of its tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Sentence {
    /// Byte span from the first to the last token of the sentence.
    pub span: Span,
    /// Indices into [`Segmentation::tokens`].
    pub tokens: Range<usize>,
}

/// Tokens and sentences of one text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Segmentation {
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Sentences in text order; every token belongs to exactly one.
    pub sentences: Vec<Sentence>,
}

/// One document as every stage reads it: the normalised text, its tokens
/// and sentences, and the entity mentions found in it — all in normalised
/// coordinates ([`Span<Norm>`](crate::Norm)).
///
/// Built once per document by the pipeline; the stages take `&Doc`. It
/// borrows the text, so the caller keeps the normalised text (and its
/// alignment to the original) alive.
///
/// ```
/// use wortlaut_text::{Doc, EntityMention, EntityType, Segmentation, Sentence, Span, Token, TokenKind};
/// let text = "Putin sprach.";
/// let tokens = vec![
///     Token { span: Span::new(0, 5), kind: TokenKind::Word },
///     Token { span: Span::new(6, 12), kind: TokenKind::Word },
///     Token { span: Span::new(12, 13), kind: TokenKind::Punct },
/// ];
/// let sentences = vec![Sentence { span: Span::new(0, 13), tokens: 0..3 }];
/// let mut doc = Doc::new(text, Segmentation { tokens, sentences });
/// doc.set_mentions(vec![EntityMention::new(Span::new(0, 5), Some("vladimir_putin".into()), EntityType::Per)]);
/// assert_eq!(doc.token_text(1), "sprach");
/// assert_eq!(doc.mentions()[0].entity.as_deref(), Some("vladimir_putin"));
/// ```
#[derive(Clone, Debug)]
pub struct Doc<'t> {
    text: &'t str,
    segmentation: Segmentation,
    mentions: Vec<EntityMention>,
}

impl<'t> Doc<'t> {
    /// A document of `text` with its segmentation and no mentions yet.
    pub fn new(text: &'t str, segmentation: Segmentation) -> Doc<'t> {
        Doc {
            text,
            segmentation,
            mentions: Vec::new(),
        }
    }

    /// Sets the entity mentions (spans of this text, sorted by start).
    pub fn set_mentions(&mut self, mut mentions: Vec<EntityMention>) {
        if !mentions.is_sorted_by_key(|m| m.span.start) {
            mentions.sort_by_key(|m| m.span.start);
        }
        self.mentions = mentions;
    }

    /// The normalised text.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// Tokens and sentences.
    pub fn segmentation(&self) -> &Segmentation {
        &self.segmentation
    }

    /// Tokens in text order.
    pub fn tokens(&self) -> &[Token] {
        &self.segmentation.tokens
    }

    /// Sentences in text order.
    pub fn sentences(&self) -> &[Sentence] {
        &self.segmentation.sentences
    }

    /// The text of token `i` (`""` if there is no such token).
    pub fn token_text(&self, i: usize) -> &'t str {
        self.segmentation
            .tokens
            .get(i)
            .map_or("", |t| t.span.slice(self.text))
    }

    /// Entity mentions, sorted by start.
    pub fn mentions(&self) -> &[EntityMention] {
        &self.mentions
    }
}
