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
    /// A line break lies before this token (paragraphs of web text are
    /// often single lines).
    pub(crate) para: bool,
    /// What the rules ask of a token again and again, computed once.
    flags: u8,
}

const UPPER: u8 = 1;
const LOWER: u8 = 2;
const WORD: u8 = 4;
const OPEN: u8 = 8;
const CLOSE: u8 = 16;
const END: u8 = 32;
const COMMA: u8 = 64;

impl<'t> Tok<'t> {
    fn new(s: &'t str, span: Span, kind: TokenKind, para: bool) -> Tok<'t> {
        let mut flags = 0;
        match s.as_bytes().first() {
            Some(&b) if b.is_ascii() => {
                if b.is_ascii_uppercase() {
                    flags |= UPPER;
                }
                if b.is_ascii_lowercase() {
                    flags |= LOWER;
                }
            }
            _ => {
                let first = s.chars().next();
                if first.is_some_and(char::is_uppercase) {
                    flags |= UPPER;
                }
                if first.is_some_and(char::is_lowercase) {
                    flags |= LOWER;
                }
            }
        }
        if matches!(kind, TokenKind::Word | TokenKind::Abbreviation) {
            flags |= WORD;
        }
        if kind == TokenKind::Quote {
            flags |= if is_opening(s) { OPEN } else { CLOSE };
        }
        if matches!(s, "." | "!" | "?" | "…") {
            flags |= END;
        }
        if s == "," {
            flags |= COMMA;
        }
        Tok {
            s,
            span,
            kind,
            para,
            flags,
        }
    }
    pub(crate) fn upper(&self) -> bool {
        self.flags & UPPER != 0
    }
    pub(crate) fn lower(&self) -> bool {
        self.flags & LOWER != 0
    }
    pub(crate) fn word(&self) -> bool {
        self.flags & WORD != 0
    }
    pub(crate) fn open_quote(&self) -> bool {
        self.flags & OPEN != 0
    }
    pub(crate) fn close_quote(&self) -> bool {
        self.flags & CLOSE != 0
    }
    pub(crate) fn end_punct(&self) -> bool {
        self.flags & END != 0
    }
    pub(crate) fn comma(&self) -> bool {
        self.flags & COMMA != 0
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
            let Some(s) = text.get(start..end) else {
                continue;
            };
            // The gap before it starts at the end of the token before (or
            // 0) and ends at `start`, both character boundaries, so its
            // bytes need no check. Web text often separates paragraphs by a
            // single line break.
            let gap = &text.as_bytes()[prev_end.min(start)..start];
            // Mostly one space: a byte loop beats a call to memchr.
            #[allow(clippy::manual_contains)]
            let para = !toks.is_empty() && gap.iter().any(|&b| b == b'\n');
            toks.push(Tok::new(s, Span::new(start, end), t.kind, para));
            prev_end = end;
        }
        // Sentences as token ranges of the tokens kept (all of them unless
        // the segmentation did not fit the text).
        let mut sents = Vec::with_capacity(seg.sentences.len());
        // Tokens outside every sentence stay in sentence 0.
        let mut sent_of = vec![0; toks.len()];
        if toks.len() == seg.tokens.len() {
            for s in &seg.sentences {
                let r = s.tokens.start.min(toks.len())..s.tokens.end.min(toks.len());
                if r.is_empty() {
                    continue;
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
            for (i, t) in toks.iter().enumerate().take(r.end).skip(r.start + 1) {
                if t.para {
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

/// Pairs double quotation marks, linear and never failing. Marks nest (a
/// quote inside a quote, as written in the text); only the outermost pairs
/// are kept. A paragraph break closes what is open: news re-open a quote at
/// each paragraph, so a quote left open ends with its paragraph, and the
/// bottom of the stack becomes a quote to the paragraph end (marks above it
/// were stray). A closing mark with nothing open is stray. Single marks are
/// nested quotes and not paired here.
fn pair_marks(toks: &[Tok]) -> Vec<Marks> {
    let mut out: Vec<Marks> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    let close_at_para = |stack: &mut Vec<usize>, end: usize, out: &mut Vec<Marks>| {
        // `end`: the last token of the paragraph.
        if let Some(&o) = stack.first() {
            if end > o + 1 {
                out.retain(|m| m.open < o);
                out.push(Marks {
                    open: o,
                    close: end,
                    unclosed: true,
                });
            }
        }
        stack.clear();
    };
    for (i, t) in toks.iter().enumerate() {
        if t.para && i > 0 {
            close_at_para(&mut stack, i - 1, &mut out);
        }
        if t.kind != TokenKind::Quote || matches!(t.s, "‚" | "‘" | "'") {
            continue;
        }
        if t.open_quote() {
            stack.push(i);
        } else if let Some(o) = stack.pop() {
            if i > o + 1 && stack.is_empty() {
                // Drop pairs nested inside this one.
                while out.last().is_some_and(|m| m.open > o) {
                    out.pop();
                }
                out.push(Marks {
                    open: o,
                    close: i,
                    unclosed: false,
                });
            }
        }
    }
    if let Some(last) = toks.len().checked_sub(1) {
        close_at_para(&mut stack, last, &mut out);
    }
    out
}
