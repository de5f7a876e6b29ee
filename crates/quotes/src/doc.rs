//! The document view the rules work on: tokens with their text, sentences
//! as token ranges, paragraph breaks, and the pairs of quotation marks.

use core::ops::Range;

use wortlaut_normalize::Span;
use wortlaut_segment::{Segmentation, TokenKind};

#[derive(Clone, Copy, Debug)]
pub(crate) struct Tok<'t> {
    pub(crate) s: &'t str,
    pub(crate) span: Span,
    pub(crate) kind: TokenKind,
    /// A paragraph break (an empty line, or a line break before a
    /// quotation mark) lies before this token.
    pub(crate) para: bool,
}

impl Tok<'_> {
    pub(crate) fn upper(&self) -> bool {
        self.s.chars().next().is_some_and(char::is_uppercase)
    }
    pub(crate) fn lower(&self) -> bool {
        self.s.chars().next().is_some_and(char::is_lowercase)
    }
    pub(crate) fn word(&self) -> bool {
        matches!(self.kind, TokenKind::Word | TokenKind::Abbreviation)
    }
    pub(crate) fn open_quote(&self) -> bool {
        self.kind == TokenKind::Quote && is_opening(self.s)
    }
    pub(crate) fn close_quote(&self) -> bool {
        self.kind == TokenKind::Quote && !is_opening(self.s)
    }
    pub(crate) fn end_punct(&self) -> bool {
        matches!(self.s, "." | "!" | "?" | "…")
    }
}

fn is_opening(s: &str) -> bool {
    matches!(s, "„" | "‚" | "»" | "«" | "\"")
}

/// A pair of double quotation marks (token indices, both inclusive).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Marks {
    pub(crate) open: usize,
    pub(crate) close: usize,
    /// Closed by the paragraph end, not by a mark.
    pub(crate) unclosed: bool,
}

pub(crate) struct Doc<'t> {
    pub(crate) text: &'t str,
    pub(crate) toks: Vec<Tok<'t>>,
    pub(crate) sents: Vec<Range<usize>>,
    /// Sentence index of every token.
    pub(crate) sent_of: Vec<usize>,
    pub(crate) marks: Vec<Marks>,
}

impl<'t> Doc<'t> {
    pub(crate) fn new(text: &'t str, seg: &Segmentation) -> Doc<'t> {
        let mut toks = Vec::with_capacity(seg.tokens.len());
        let mut prev_end = 0;
        for t in &seg.tokens {
            let (start, end) = (t.span.start.min(text.len()), t.span.end.min(text.len()));
            let (Some(s), Some(gap)) = (text.get(start..end), text.get(prev_end.min(start)..start))
            else {
                continue;
            };
            let breaks = gap.matches('\n').count();
            toks.push(Tok {
                s,
                span: Span::new(start, end),
                kind: t.kind,
                para: !toks.is_empty() && breaks >= 2,
            });
            prev_end = end;
        }
        // Sentences as token ranges of the tokens kept (all of them unless
        // the segmentation did not fit the text).
        let mut sents = Vec::new();
        let mut sent_of = vec![0; toks.len()];
        if toks.len() == seg.tokens.len() {
            for s in &seg.sentences {
                let r = s.tokens.start.min(toks.len())..s.tokens.end.min(toks.len());
                if r.is_empty() {
                    continue;
                }
                for i in r.clone() {
                    sent_of[i] = sents.len();
                }
                sents.push(r);
            }
        } else if !toks.is_empty() {
            sents.push(0..toks.len());
        }
        // A paragraph break always ends a sentence.
        let mut split = Vec::with_capacity(sents.len());
        for r in sents {
            let mut s = r.start;
            for i in r.start + 1..r.end {
                if toks[i].para {
                    split.push(s..i);
                    s = i;
                }
            }
            split.push(s..r.end);
        }
        for (k, r) in split.iter().enumerate() {
            for i in r.clone() {
                sent_of[i] = k;
            }
        }
        let marks = pair_marks(&toks);
        Doc {
            text,
            toks,
            sents: split,
            sent_of,
            marks,
        }
    }

    /// Byte span from token `a` to token `b` (inclusive).
    pub(crate) fn span(&self, a: usize, b: usize) -> Span {
        Span::new(self.toks[a].span.start, self.toks[b].span.end)
    }
}

/// Pairs double quotation marks, linear and never failing: an opening mark
/// while another is open closes the earlier one at its paragraph end if a
/// paragraph lies between (news re-open quotes at each paragraph), and
/// otherwise drops the earlier one as stray; a closing mark with nothing
/// open is stray; a quote left open is closed at its paragraph end.
/// Single marks inside a double quote are nested quotes and not paired here.
fn pair_marks(toks: &[Tok]) -> Vec<Marks> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let close_at_para = |o: usize, out: &mut Vec<Marks>| {
        let mut j = o + 1;
        while j < toks.len() && !toks[j].para {
            j += 1;
        }
        // The last token of the paragraph; skip a quote of one mark only.
        if j - 1 > o + 1 {
            out.push(Marks {
                open: o,
                close: j - 1,
                unclosed: true,
            });
        }
    };
    for (i, t) in toks.iter().enumerate() {
        if t.kind != TokenKind::Quote || matches!(t.s, "‚" | "‘" | "'") {
            if t.para {
                if let Some(o) = open.take() {
                    close_at_para(o, &mut out);
                }
            }
            continue;
        }
        if t.para {
            if let Some(o) = open.take() {
                close_at_para(o, &mut out);
            }
        }
        if t.open_quote() {
            open = Some(i);
        } else if let Some(o) = open.take() {
            if i > o + 1 {
                out.push(Marks {
                    open: o,
                    close: i,
                    unclosed: false,
                });
            }
        }
    }
    if let Some(o) = open {
        close_at_para(o, &mut out);
    }
    out
}
